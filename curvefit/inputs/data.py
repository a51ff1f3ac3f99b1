"""The points to fit, drawn from a Config's seed exactly as the tutorial draws them."""

from typing import NamedTuple

import numpy as np
import torch

from .. import text
from . import limits
from .config import Config, train_size
from .targets import target_values

# Purposes for seeds derived from the user's seed, so each stream is independent of the others.
SPLIT, SHUFFLE = 1, 2


class Data(NamedTuple):
    """Train and test points, each (n, 1) float32, sorted by x; the test pair may be empty."""

    x_train: torch.Tensor
    y_train: torch.Tensor
    x_test: torch.Tensor
    y_test: torch.Tensor


def evenly_spread(n: int, limit: int) -> np.ndarray:
    """At most `limit` indices spread evenly over range(n), first and last included."""
    if n <= limit:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, limit).round().astype(np.int64))


def derived_seed(seed: int, purpose: int, index: int = 0) -> int:
    """A seed for one purpose (and one index, e.g. an epoch) that never collides with the user's."""
    return (seed * 0x9E3779B97F4A7C15 + purpose * 0xBF58476D1CE4E5B9 + index) % 2**64


def make_data(cfg: Config) -> Data:
    """The Config's points, leaving torch's global RNG alone; ValueError if a formula leaves too few."""
    x, y = _draw_points(cfg, torch.Generator().manual_seed(cfg.seed))
    if len(x) < limits.MIN_POINTS:
        if len(x) == 0:
            raise ValueError(text.NO_FINITE_VALUES.format(start=cfg.x_min, end=cfg.x_max))
        raise ValueError(text.FEW_FINITE_VALUES.format(finite=len(x), n=cfg.n, start=cfg.x_min, end=cfg.x_max))
    return split(x, y, cfg.test, cfg.seed)


def split(x: torch.Tensor, y: torch.Tensor, test: float, seed: int) -> Data:
    """Hold out a fraction `test` of the points, chosen by the seed's own split stream."""
    n = len(x)
    n_test = n - train_size(n, test)
    if n_test == 0:
        return Data(x, y, x[:0], y[:0])
    generator = torch.Generator().manual_seed(derived_seed(seed, SPLIT))
    held_out = torch.zeros(n, dtype=torch.bool)
    held_out[torch.randperm(n, generator=generator)[:n_test]] = True
    return Data(x[~held_out], y[~held_out], x[held_out], y[held_out])


def init_generator(cfg: Config) -> torch.Generator:
    """The generator for the initial weights, positioned after the data as in the tutorial."""
    generator = torch.Generator().manual_seed(cfg.seed)
    _draw_points(cfg, generator)
    return generator


def _draw_points(cfg: Config, generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    # The tutorial's order: x, then the noise (its weights are drawn next, from the same stream).
    if cfg.sampling == "grid":
        x = torch.unsqueeze(torch.linspace(cfg.x_min, cfg.x_max, cfg.n), dim=1)
    else:
        x = cfg.x_min + (cfg.x_max - cfg.x_min) * torch.rand(cfg.n, 1, generator=generator)
        x = torch.sort(x, dim=0).values
    if cfg.noise_kind == "uniform":
        noise = cfg.noise * torch.rand(x.size(), generator=generator)
    else:
        noise = cfg.noise * torch.randn(x.size(), generator=generator)
    clean = target_values(cfg.target, x)
    finite = (clean.abs() <= limits.MAX_ABS_VALUE).ravel()  # (False for NaN too)
    if finite.all():  # the usual case, and the tutorial's: no copies
        return x, clean + noise
    return x[finite], clean[finite] + noise[finite]


def check_data(data: Data) -> Data:
    """`data` if it is trainable (float32 (n, 1) pairs, finite, within the caps); else ValueError."""
    for name, x, y in (("train", data.x_train, data.y_train), ("test", data.x_test, data.y_test)):
        if x.dtype != torch.float32 or y.dtype != torch.float32 or x.shape != y.shape or x.shape[1:] != (1,):
            raise ValueError(f"{name} points must be two (n, 1) float32 tensors")
        if not (torch.isfinite(x).all() and torch.isfinite(y).all()):
            raise ValueError(f"{name} points must be finite")
    if len(data.x_train) < 1 or len(data.x_train) + len(data.x_test) > limits.MAX_POINTS:
        raise ValueError(f"need 1 to {limits.MAX_POINTS} train points, got {len(data.x_train)}")
    return data
