"""Every activation in one place: its forward, its backward for the engine, how the exported script writes it,
and its shape (piecewise linear, with the slope left below zero, or smooth), which the views and the cost read.

Adding one: an entry here (tests/test_engine.py compares the engine with autograd for each).
"""

from collections.abc import Callable
from typing import NamedTuple

import torch
import torch.nn.functional as F

aten = torch.ops.aten


class Activation(NamedTuple):
    """One activation. The backward turns dL/da into dL/dz, given z and a = f(z), with torch's own derivative
    kernels, which round as autograd does, so the engine matches the reference step for step."""

    forward: Callable
    backward: Callable  # (g, z, a) -> dL/dz
    written: str  # as the exported script calls it
    leak: float | None  # piecewise linear: the slope below zero (a kink where a unit switches); None: smooth


ACTIVATIONS = {
    "relu": Activation(torch.relu, lambda g, z, a: aten.threshold_backward(g, a, 0), "F.relu", 0.0),  # 1 or 0
    "tanh": Activation(torch.tanh, lambda g, z, a: aten.tanh_backward(g, a), "torch.tanh", None),  # 1 - tanh²
    "sigmoid": Activation(torch.sigmoid, lambda g, z, a: aten.sigmoid_backward(g, a), "torch.sigmoid", None),  # σ(1-σ)
    "leaky_relu": Activation(  # 1 where z > 0, else F.leaky_relu's default negative_slope
        F.leaky_relu, lambda g, z, a: aten.leaky_relu_backward(g, z, 0.01, False), "F.leaky_relu", 0.01
    ),
    "gelu": Activation(F.gelu, lambda g, z, a: aten.gelu_backward(g, z), "F.gelu", None),  # Φ(z) + z φ(z)
    "silu": Activation(F.silu, lambda g, z, a: aten.silu_backward(g, z), "F.silu", None),  # σ (1 + z (1 - σ))
}


def piecewise_linear(name: str) -> bool:
    """Whether units of this activation bend the fit at a kink (relu-like), rather than smoothly."""
    return ACTIVATIONS[name].leak is not None
