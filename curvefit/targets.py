"""The named target functions a user can pick, x² (the tutorial's) first."""

import math
from collections.abc import Callable
from typing import NamedTuple

import torch


class Target(NamedTuple):
    """A named curve: a label for people and a function on (n, 1) float32 tensors."""

    label: str
    f: Callable[[torch.Tensor], torch.Tensor]


def _sawtooth(x: torch.Tensor) -> torch.Tensor:
    # Period 1, rising from -1 to 1, with its jumps at x = ±0.5.
    return 2 * (x - torch.floor(x + 0.5))


PRESETS: dict[str, Target] = {
    "x2": Target("x²", lambda x: x.pow(2)),  # pow(2), as the tutorial, for bit-exact parity
    "x3": Target("x³", lambda x: x.pow(3)),
    "sin": Target("sin(πx)", lambda x: torch.sin(math.pi * x)),
    "abs": Target("|x|", torch.abs),
    "step": Target("step at 0", lambda x: (x > 0).to(x.dtype)),
    "bump": Target("Gaussian bump", lambda x: torch.exp(-8 * x.pow(2))),
    "sinc": Target("sinc(3x)", lambda x: torch.sinc(3 * x)),
    "sawtooth": Target("sawtooth", _sawtooth),
    "tanh": Target("tanh(5x)", lambda x: torch.tanh(5 * x)),
}
