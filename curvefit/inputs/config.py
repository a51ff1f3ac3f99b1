"""The one frozen Config that holds every setting, and its share-link (query string) form."""

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from .. import text
from . import limits
from .activations import ACTIVATIONS
from .fields import Batch, Choice, Degree, Float, Int, OffOrCount, TargetText, Widths
from .optimizers import OPTIMIZERS
from .targets import PRESETS

LOSSES = ("mse", "l1", "huber")

# Settings that a running Trainer can take without starting over (see Trainer.update): the optimizer's,
# and what is only beside the fit (the polynomial; the band, which catches up when switched on).
OPTIMIZER_KEYS = frozenset({"lr", "momentum", "wd"})
LIVE_KEYS = OPTIMIZER_KEYS | {"poly", "band"}


class Note(NamedTuple):
    """A value that was not usable, and what is used instead."""

    key: str  # the setting, as the link names it: "n"
    problem: str  # the value, then what is wrong with it: "-5 is below the minimum 5"
    fallback: str  # what is used instead: "5"

    @property
    def message(self) -> str:
        """The problem as a link or the command line would say it: "n=-5 is below the minimum 5"."""
        return f"{self.key}={self.problem}"

    def __str__(self) -> str:
        return text.USING.format(problem=self.message, fallback=self.fallback)


@dataclass(frozen=True)
class Config:
    """Every setting of one fit; the defaults are the tutorial's."""

    target: str = "x2"  # a name from targets.PRESETS, or a formula in x such as sin(3*x) + 0.5*x^2
    n: int = 100  # points, on linspace(x_min, x_max) as the tutorial
    noise: float = 0.2  # the tutorial's 0.2 * U[0, 1)
    noise_kind: str = "uniform"  # uniform is one-sided [0, noise), as the tutorial; gaussian is ±
    x_min: float = -1.0
    x_max: float = 1.0
    sampling: str = "grid"  # grid: evenly spaced x; random: uniform x
    test: float = 0.0  # fraction of points held out; the tutorial holds none
    hidden: tuple[int, ...] = (10,)  # widths of the hidden layers
    act: str = "relu"
    opt: str = "sgd"
    lr: float = 0.2
    momentum: float = 0.0  # sgd and rmsprop only
    wd: float = 0.0  # weight decay
    batch: int = 0  # 0 is the full batch, as the tutorial
    loss: str = "mse"
    seed: int = 0  # makes the same data and the same initial weights
    band: int = 0  # K more nets, from K more seeds, drawn as a mean ± 2σ band; 0 is no band
    poly: int = -1  # the degree of the polynomial baseline; -1 (auto) picks it by held-out loss

    def __post_init__(self):
        fixed, notes = _fix(dataclasses.asdict(self))
        if notes:  # code that builds a Config by hand gets an error, not a silent fix (ranges only: what a fit
            # may cost is the hosted page's rule, budgets/allowed.py)
            raise ValueError("; ".join(note.message for note in notes))
        for key, value in fixed.items():  # normalises types: lists to tuples, ints to floats
            object.__setattr__(self, key, value)

    @classmethod
    def parse(cls, query: Mapping[str, object]) -> tuple["Config", list[Note]]:
        """A Config from URL-style strings, with a message for each value that was replaced."""
        values, notes = {}, []
        for key, kind in FIELDS.items():
            if key not in query:
                continue
            raw = query[key]
            if isinstance(raw, (list, tuple)):  # a key given twice: the last one wins, as in a URL
                raw = raw[-1] if raw else ""
            try:
                values[key] = kind.parse(str(raw))
            except ValueError as error:
                notes.append(Note(key, f"{_show(str(raw))} {_cut(str(error))}", kind.format(DEFAULTS[key])))
        fixed, fix_notes = _fix({**DEFAULTS, **values})
        return cls(**fixed), notes + fix_notes

    @classmethod
    def from_query(cls, query: Mapping[str, object]) -> "Config":
        """A Config from URL-style strings; bad values fall back (see parse for the messages)."""
        return cls.parse(query)[0]

    def to_query(self) -> dict[str, str]:
        """Every setting as URL-style strings; from_query reads them back exactly."""
        return {key: kind.format(getattr(self, key)) for key, kind in FIELDS.items()}

    def replace(self, **changes) -> "Config":
        """A copy with some settings changed (validated like any Config)."""
        return dataclasses.replace(self, **changes)


FIELDS = {
    "target": TargetText(PRESETS),
    "n": Int(limits.MIN_POINTS, limits.MAX_POINTS),
    "noise": Float(0.0, limits.MAX_NOISE),
    "noise_kind": Choice(("uniform", "gaussian")),
    "x_min": Float(-limits.MAX_ABS_X, limits.MAX_ABS_X),
    "x_max": Float(-limits.MAX_ABS_X, limits.MAX_ABS_X),
    "sampling": Choice(("grid", "random")),
    "test": Float(0.0, limits.MAX_TEST_FRACTION),
    "hidden": Widths(limits.MAX_LAYERS, limits.MAX_WIDTH),
    "act": Choice(ACTIVATIONS),
    "opt": Choice(OPTIMIZERS),
    "lr": Float(limits.MIN_LR, limits.MAX_LR),
    "momentum": Float(0.0, limits.MAX_MOMENTUM),
    "wd": Float(0.0, limits.MAX_WEIGHT_DECAY),
    "batch": Batch(limits.MAX_POINTS),
    "loss": Choice(LOSSES),
    "seed": Int(0, limits.MAX_SEED),
    "band": OffOrCount(limits.MIN_BAND, limits.MAX_BAND),
    "poly": Degree(limits.MAX_DEGREE),
}
DEFAULTS = {field.name: field.default for field in dataclasses.fields(Config)}
assert FIELDS.keys() == DEFAULTS.keys(), "every setting needs a field kind, and no more"


def train_size(n: int, test: float) -> int:
    """How many of n points are trained on when a fraction `test` is held out."""
    return n - round(n * test)


def _fix(values: dict) -> tuple[dict, list[Note]]:
    """Values made valid, each alone and together, with a message for each change."""
    fixed, notes = {}, []
    for key, kind in FIELDS.items():
        value = values[key]
        try:
            fixed[key], note = kind.fix(value)
        except ValueError as error:
            fixed[key], note = DEFAULTS[key], str(error)
        if note:
            notes.append(Note(key, f"{_show(value)} {_cut(note)}", kind.format(fixed[key])))
    start, end = fixed["x_min"], fixed["x_max"]
    least = limits.MIN_X_WIDTH * max(1.0, abs(start), abs(end))
    if start >= end or end - start < least:
        wrong = text.RANGE_UPSIDE_DOWN if start >= end else text.RANGE_TOO_NARROW
        problem = wrong.format(start=start, end=end, least=least)
        notes.append(Note("x_min", problem, text.RANGE.format(start=DEFAULTS["x_min"], end=DEFAULTS["x_max"])))
        fixed["x_min"], fixed["x_max"] = DEFAULTS["x_min"], DEFAULTS["x_max"]
    return fixed, notes


def _show(value) -> str:
    return _cut(",".join(map(str, value)) if isinstance(value, (tuple, list)) else repr(value), 40)


def _cut(text: str, limit: int = 120) -> str:
    # What came from a link is echoed back cut short: a link can hold 100 KB.
    return text if len(text) <= limit else text[: limit - 3] + "..."
