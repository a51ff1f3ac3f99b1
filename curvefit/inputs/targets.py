"""The curves to fit: named presets, x² (the tutorial's) first, or a formula the user types."""

import math
from collections.abc import Callable
from typing import NamedTuple

import torch

from .. import i18n
from ..text import N_
from .formula import Formula


class Target(NamedTuple):
    """A named curve: a label for people, a function of x tensors, and its torch code for the export."""

    label: str  # in English, marked for the catalog where words need translating: read it by target_label
    f: Callable[[torch.Tensor], torch.Tensor]
    code: str  # the same expression in x, as text; tests check it gives the very same numbers


PRESETS: dict[str, Target] = {
    # pow(2), as the tutorial, for bit-exact parity
    "x2": Target("x²", lambda x: x.pow(2), "x.pow(2)"),
    "x3": Target("x³", lambda x: x.pow(3), "x.pow(3)"),
    "sin": Target("sin(πx)", lambda x: torch.sin(math.pi * x), "torch.sin(math.pi * x)"),
    "abs": Target("|x|", torch.abs, "torch.abs(x)"),
    "step": Target(N_("step at 0"), lambda x: (x > 0).to(x.dtype), "(x > 0).to(x.dtype)"),
    "bump": Target(N_("Gaussian bump"), lambda x: torch.exp(-8 * x.pow(2)), "torch.exp(-8 * x.pow(2))"),
    "sinc": Target("sinc(3x)", lambda x: torch.sinc(3 * x), "torch.sinc(3 * x)"),
    # period 1, rising from -1 to 1, with its jumps at x = ±0.5
    "sawtooth": Target(N_("sawtooth"), lambda x: 2 * (x - torch.floor(x + 0.5)), "2 * (x - torch.floor(x + 0.5))"),
    "tanh": Target("tanh(5x)", lambda x: torch.tanh(5 * x), "torch.tanh(5 * x)"),
    # one slow wave and a fast one: the net fits the slow one first (the frequency principle, the spectrum view)
    "waves": Target(
        "sin(πx) + 0.3·sin(8πx)",
        lambda x: torch.sin(math.pi * x) + 0.3 * torch.sin(8 * math.pi * x),
        "torch.sin(math.pi * x) + 0.3 * torch.sin(8 * math.pi * x)",
    ),
}


def target_values(target: str, x: torch.Tensor) -> torch.Tensor:
    """The target at x, float32 like x: a preset's own torch code, or the formula in float64 then rounded."""
    if target in PRESETS:
        return PRESETS[target].f(x)
    return torch.from_numpy(Formula(target)(x.numpy())).to(torch.float32)


def target_label(target: str) -> str:
    """How the page names the target."""
    return i18n.translate(PRESETS[target].label) if target in PRESETS else target
