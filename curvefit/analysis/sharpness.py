"""The sharpness: the top eigenvalue of the training loss's Hessian in the weights, against the optimizer's edge.

Gradient descent is stable while the sharpness stays under 2/lr (Cohen et al., "Edge of Stability", 2021):
past it, each step overshoots along the sharpest direction. It is found by power iteration on Hessian-vector
products (two backward passes each, never the Hessian itself), warm-started from the last estimate's vector.
"""

import math
import time
from typing import NamedTuple

import torch
from torch.func import functional_call

from .. import text
from ..inputs.config import Config
from ..inputs.data import evenly_spread
from ..inputs.optimizers import OPTIMIZERS
from ..training.trainer import Trainer
from .memo import per_data, per_weights

MAX_POINTS = 1_000  # the loss's points it is computed on, evenly spread: a frame's cost stays bounded
LIVE_ITERATIONS = 6  # Hessian-vector products a frame spends; the warm start carries the rest over frames
LIVE_BUDGET_S = 0.03  # and CPU seconds: a big net's frame stops after the product that passes it
ITERATIONS, TOLERANCE = 500, 1e-7  # the library's: until it settles


class Sharpness(NamedTuple):
    """The sharpness, the edge it is stable under (None: no simple rule for the optimizer), and their ratio."""

    value: float
    edge: float | None
    points: int  # the training points it was computed on (all of them, or MAX_POINTS evenly spread)

    @property
    def of_edge(self) -> float | None:
        """How far along to the edge: 1 is the largest stable step."""
        return None if self.edge is None or not self.edge > 0 else self.value / self.edge


def edge(cfg: Config) -> float | None:
    """The sharpness cfg's optimizer stays stable under: 2/lr for plain SGD; None for Adam and RMSprop."""
    rule = OPTIMIZERS[cfg.opt].edge
    return None if rule is None else rule(cfg.lr, cfg.momentum, cfg.wd)


def sharpness(
    trainer: Trainer, iterations: int = ITERATIONS, tolerance: float = TOLERANCE, budget_s: float = math.inf
) -> Sharpness:
    """The top Hessian eigenvalue of the trainer's training loss at its current weights, in the units training
    sees, power-iterated until it settles (`tolerance`, relative), `iterations` products are spent, or `budget_s`
    CPU seconds (after one product at least)."""
    hvp, size, points = _hessian_product(trainer)
    warm = per_data(trainer, _warm_start)
    if warm.get("vector") is None:  # a first estimate from nowhere would be far off: this one has the budget
        iterations = ITERATIONS
    until = time.thread_time() + budget_s
    value, warm["vector"] = _top_eigenvalue(hvp, size, warm.get("vector"), iterations, tolerance, until)
    return Sharpness(value, edge(trainer.cfg), points)


def live_sharpness(trainer: Trainer) -> Sharpness:
    """sharpness() within a frame's budget: a few products from the last frame's vector, once per weights."""
    return per_weights(trainer, sharpness, LIVE_ITERATIONS, 1e-4, LIVE_BUDGET_S)


def warm_up() -> None:
    """One product on a small fit: torch's first double backward in a process is slow and allocates once (see
    docs/performance.md), so a server does it when it starts, not while its first visitor waits."""
    sharpness(Trainer(Config(n=10)), iterations=1)


def advice(trainer: Trainer) -> str | None:
    """What the sharpness says of a loss that blew up or keeps jumping: past (or near) the edge, and a learning
    rate that puts the edge at twice the sharpness; None where there is no edge, or it is far."""
    found, cfg = live_sharpness(trainer), trainer.cfg
    if found.of_edge is None or found.of_edge < 0.5:
        return None
    # The edge is (2 (1 + momentum) - lr wd) / lr (inputs/optimizers.py): at lr * (edge + wd) / (2 value + wd)
    # it is 2 value.
    suggested = cfg.lr * (found.edge + cfg.wd) / (2 * found.value + cfg.wd)
    fields = {"value": found.value, "edge": found.edge, "ratio": found.of_edge, "suggested": suggested}
    return (text.SHARPNESS_PAST if found.value > found.edge else text.SHARPNESS_NEAR).format(**fields)


def _warm_start(trainer: Trainer) -> dict:
    return {}  # (a place per Trainer for the last vector: it outlives the weights it was found at)


def _hessian_product(trainer: Trainer):
    """v -> H v at the current weights, the number of weights, and how many points the loss is taken over."""
    x, y = trainer.train_points
    if len(x) > MAX_POINTS:
        keep = torch.from_numpy(evenly_spread(len(x), MAX_POINTS))
        x, y = x[keep], y[keep]
    named = dict(trainer.model.named_parameters())
    weights = [value.detach().clone().requires_grad_(True) for value in named.values()]
    with torch.enable_grad():
        prediction = functional_call(trainer.model, dict(zip(named, weights, strict=True)), (x,))
        gradient = torch.autograd.grad(trainer.loss_fn(prediction, y), weights, create_graph=True)
    flat = torch.cat([g.reshape(-1) for g in gradient])

    def hvp(vector: torch.Tensor) -> torch.Tensor:
        with torch.enable_grad():
            parts = torch.autograd.grad(flat, weights, grad_outputs=vector, retain_graph=True, allow_unused=True)
        return torch.cat(
            [torch.zeros(w.numel()) if p is None else p.reshape(-1) for p, w in zip(parts, weights, strict=True)]
        )

    return hvp, flat.numel(), len(x)


def _top_eigenvalue(
    hvp, size: int, start, iterations: int, tolerance: float, until: float = math.inf
) -> tuple[float, torch.Tensor]:
    """The largest eigenvalue of the symmetric H (not the largest in size: a negative one is shifted past)."""
    value, vector = _power(hvp, size, start, iterations, tolerance, until)
    if value < 0:  # the dominant one is negative: iterate H - value * I, whose dominant one is the top minus it
        shifted, vector = _power(lambda v: hvp(v) - value * v, size, None, iterations, tolerance, until)
        value += shifted
    return value, vector


def _power(hvp, size: int, start, iterations: int, tolerance: float, until: float) -> tuple[float, torch.Tensor]:
    if start is None or start.numel() != size:  # a fixed start: the same weights give the same estimate
        start = torch.ones(size) + 0.01 * torch.arange(size, dtype=torch.float32)
    vector, value = start / start.norm(), math.nan
    for _ in range(iterations):
        product = hvp(vector)
        new = float(vector @ product)
        norm = product.norm()
        if not norm > 0:
            return 0.0, vector
        vector = product / norm
        settled = abs(new - value) <= tolerance * abs(new)
        value = new
        if settled or time.thread_time() > until:
            break
    return value, vector
