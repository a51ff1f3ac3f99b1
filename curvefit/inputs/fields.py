"""The kinds of setting a Config holds: how each parses from text, clamps and prints back."""

import math

from .. import text
from .formula import Formula, FormulaError


def _clamp(value, lo, hi):
    if value < lo:
        return lo, text.BELOW_MIN.format(lo=lo)
    if value > hi:
        return hi, text.ABOVE_MAX.format(hi=hi)
    return value, None


def _parse_whole(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        pass
    try:
        number = float(raw)
    except ValueError:
        raise ValueError(text.NOT_A_NUMBER) from None
    if not math.isfinite(number) or number != int(number):
        raise ValueError(text.NOT_WHOLE)
    return int(number)


class Int:
    """A whole number in [lo, hi]."""

    def __init__(self, lo: int, hi: int):
        self.lo, self.hi = lo, hi

    def parse(self, raw: str) -> int:
        return _parse_whole(raw.strip())

    def fix(self, value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(text.NOT_WHOLE)
        return _clamp(value, self.lo, self.hi)

    def format(self, value) -> str:
        return str(value)


class Float:
    """A finite number in [lo, hi]."""

    def __init__(self, lo: float, hi: float):
        self.lo, self.hi = lo, hi

    def parse(self, raw: str) -> float:
        try:
            return float(raw.strip())
        except ValueError:
            raise ValueError(text.NOT_A_NUMBER) from None

    def fix(self, value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(text.NOT_A_NUMBER)
        if not math.isfinite(value):
            raise ValueError(text.NOT_FINITE)
        return _clamp(float(value), self.lo, self.hi)

    def format(self, value) -> str:
        return repr(float(value))  # repr is the shortest text that reads back to the same float


class Choice:
    """One of a fixed set of names."""

    def __init__(self, options):
        self.options = tuple(options)

    def parse(self, raw: str) -> str:
        return raw.strip().lower()

    def fix(self, value):
        if value not in self.options:
            raise ValueError(text.NOT_ONE_OF.format(options=", ".join(self.options)))
        return value, None

    def format(self, value) -> str:
        return value


class Widths:
    """Hidden layer widths, written `32,32`."""

    def __init__(self, max_layers: int, max_width: int):
        self.max_layers, self.width = max_layers, Int(1, max_width)

    def parse(self, raw: str) -> tuple[int, ...]:
        parts = [part for part in raw.replace(" ", "").split(",") if part]
        return tuple(_parse_whole(part) for part in parts)

    def fix(self, value):
        if not isinstance(value, (tuple, list)) or not value:
            raise ValueError(text.NO_HIDDEN_LAYER)
        notes = []
        if len(value) > self.max_layers:
            value = value[: self.max_layers]
            notes.append(text.TOO_MANY_LAYERS.format(most=self.max_layers))
        widths = []
        for width in value:
            width, note = self.width.fix(width)
            widths.append(width)
            if note:
                notes.append(text.A_WIDTH.format(problem=note))
        return tuple(widths), "; ".join(dict.fromkeys(notes)) or None

    def format(self, value) -> str:
        return ",".join(str(width) for width in value)


class Batch:
    """A mini-batch size, or 0 for the full batch (written `full`)."""

    def __init__(self, hi: int):
        self.size = Int(1, hi)
        self.lo, self.hi = 0, hi  # 0: the full batch

    def parse(self, raw: str) -> int:
        raw = raw.strip().lower()
        return 0 if raw in ("full", "") else self.size.parse(raw)

    def fix(self, value):
        return (0, None) if value == 0 and not isinstance(value, bool) else self.size.fix(value)

    def format(self, value) -> str:
        return "full" if value == 0 else str(value)


class Degree:
    """A polynomial's degree in [0, hi], or -1 (written `auto`) for one picked from the data."""

    def __init__(self, hi: int):
        self.degree = Int(-1, hi)
        self.lo, self.hi = self.degree.lo, hi  # lo: auto

    def parse(self, raw: str) -> int:
        raw = raw.strip().lower()
        return -1 if raw in ("auto", "") else self.degree.parse(raw)

    def fix(self, value):
        return self.degree.fix(value)

    def format(self, value) -> str:
        return "auto" if value == -1 else str(value)


class OffOrCount:
    """0 for off, or a whole number in [lo, hi]: a band of one net would have no spread to draw."""

    def __init__(self, lo: int, hi: int):
        self.count = Int(lo, hi)
        self.lo, self.hi = lo, hi

    def parse(self, raw: str) -> int:
        return _parse_whole(raw.strip())

    def fix(self, value):
        if value == 0 and not isinstance(value, bool):
            return 0, None
        if isinstance(value, int) and not isinstance(value, bool) and value < 0:
            return 0, text.BELOW_MIN.format(lo=0)
        return self.count.fix(value)

    def format(self, value) -> str:
        return str(value)


class TargetText:
    """A preset's name, or a formula in x (checked by curvefit.formula)."""

    def __init__(self, presets):
        self.presets = presets

    def parse(self, raw: str) -> str:
        return raw.strip()

    def fix(self, value):
        if not isinstance(value, str):
            raise ValueError(text.NOT_A_TARGET)
        value = " ".join(value.split())  # a newline or a tab from a link ended the exported script's comment
        if value not in self.presets:
            try:
                Formula(value)
            except FormulaError as error:
                raise ValueError(text.NOT_A_PRESET_NOR_FORMULA.format(error=error)) from None
        return value, None

    def format(self, value) -> str:
        return value
