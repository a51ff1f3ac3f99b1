"""The kinds of setting a Config holds: how each parses from text, clamps and prints back."""

import math

from .formula import Formula, FormulaError


def _clamp(value, lo, hi):
    if value < lo:
        return lo, f"is below the minimum {lo}"
    if value > hi:
        return hi, f"is above the maximum {hi}"
    return value, None


def _parse_whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        raise ValueError("is not a number") from None
    if not math.isfinite(number) or number != int(number):
        raise ValueError("is not a whole number")
    return int(number)


class Int:
    """A whole number in [lo, hi]."""

    def __init__(self, lo: int, hi: int):
        self.lo, self.hi = lo, hi

    def parse(self, text: str) -> int:
        return _parse_whole(text.strip())

    def fix(self, value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("is not a whole number")
        return _clamp(value, self.lo, self.hi)

    def format(self, value) -> str:
        return str(value)


class Float:
    """A finite number in [lo, hi]."""

    def __init__(self, lo: float, hi: float):
        self.lo, self.hi = lo, hi

    def parse(self, text: str) -> float:
        try:
            return float(text.strip())
        except ValueError:
            raise ValueError("is not a number") from None

    def fix(self, value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError("is not a number")
        if not math.isfinite(value):
            raise ValueError("is not a finite number")
        return _clamp(float(value), self.lo, self.hi)

    def format(self, value) -> str:
        return repr(float(value))  # repr is the shortest text that reads back to the same float


class Choice:
    """One of a fixed set of names."""

    def __init__(self, options):
        self.options = tuple(options)

    def parse(self, text: str) -> str:
        return text.strip().lower()

    def fix(self, value):
        if value not in self.options:
            raise ValueError(f"is not one of {', '.join(self.options)}")
        return value, None

    def format(self, value) -> str:
        return value


class Widths:
    """Hidden layer widths, written `32,32`."""

    def __init__(self, max_layers: int, max_width: int):
        self.max_layers, self.width = max_layers, Int(1, max_width)

    def parse(self, text: str) -> tuple[int, ...]:
        parts = [part for part in text.replace(" ", "").split(",") if part]
        return tuple(_parse_whole(part) for part in parts)

    def fix(self, value):
        if not isinstance(value, (tuple, list)) or not value:
            raise ValueError("needs at least one hidden layer, e.g. 10 or 32,32")
        notes = []
        if len(value) > self.max_layers:
            value = value[: self.max_layers]
            notes.append(f"has more than {self.max_layers} layers")
        widths = []
        for width in value:
            width, note = self.width.fix(width)
            widths.append(width)
            if note:
                notes.append(f"has a width {note.removeprefix('is ')}")
        return tuple(widths), "; ".join(dict.fromkeys(notes)) or None

    def format(self, value) -> str:
        return ",".join(str(width) for width in value)


class Batch:
    """A mini-batch size, or 0 for the full batch (written `full`)."""

    def __init__(self, hi: int):
        self.size = Int(1, hi)

    def parse(self, text: str) -> int:
        text = text.strip().lower()
        return 0 if text in ("full", "") else self.size.parse(text)

    def fix(self, value):
        return (0, None) if value == 0 and not isinstance(value, bool) else self.size.fix(value)

    def format(self, value) -> str:
        return "full" if value == 0 else str(value)


class Degree:
    """A polynomial's degree in [0, hi], or -1 (written `auto`) for one picked from the data."""

    def __init__(self, hi: int):
        self.degree = Int(-1, hi)

    def parse(self, text: str) -> int:
        text = text.strip().lower()
        return -1 if text in ("auto", "") else self.degree.parse(text)

    def fix(self, value):
        return self.degree.fix(value)

    def format(self, value) -> str:
        return "auto" if value == -1 else str(value)


class TargetText:
    """A preset's name, or a formula in x (checked by curvefit.formula)."""

    def __init__(self, presets):
        self.presets = presets

    def parse(self, text: str) -> str:
        return text.strip()

    def fix(self, value):
        if not isinstance(value, str):
            raise ValueError("is not a preset name or a formula")
        if value not in self.presets:
            try:
                Formula(value)
            except FormulaError as error:
                raise ValueError(f"is not a preset, and as a formula: {error}") from None
        return value, None

    def format(self, value) -> str:
        return value
