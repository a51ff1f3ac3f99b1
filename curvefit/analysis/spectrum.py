"""Which frequencies the fit still misses: the residual's spectrum on an even grid over the data's range.

Networks learn the low frequencies first (spectral bias, the "frequency principle": Rahaman et al. 2019, Xu et
al. 2019): the residual's slow waves go before its fast ones. The residual is the target minus the fit (for own
points, the points minus the fit, spread onto the grid), windowed (Hann) so that a slow wave does not leak into
the fast ones, and measured as each frequency's amplitude.
"""

from typing import NamedTuple

import numpy as np
import torch

from ..inputs.targets import target_values
from ..training.trainer import Trainer
from .memo import per_data, per_weights

GRID = 128  # the even grid's points over the data's range: frequencies up to 64 cycles across it


class Spectrum(NamedTuple):
    """Each frequency (cycles per unit of x, from 0) and the residual's amplitude at it (in y's units)."""

    frequency: np.ndarray
    amplitude: np.ndarray


def even_grid(trainer: Trainer) -> np.ndarray:
    """GRID points evenly over the data's x range (float64)."""
    data = trainer.data
    if trainer.generated:
        lo, hi = trainer.cfg.x_min, trainer.cfg.x_max
    else:
        x = torch.cat([data.x_train, data.x_test])
        lo, hi = float(x.min()), float(x.max())
    return np.linspace(lo, hi, GRID)


def target_on_grid(trainer: Trainer) -> np.ndarray:
    """What the fit aims at on the grid: the true function, or the training points joined by straight lines."""
    return per_data(trainer, _target)


def spectrum(trainer: Trainer) -> Spectrum:
    """The residual's spectrum at the current weights."""
    return per_weights(trainer, _current)


def spectrum_of(residual: np.ndarray, span: float) -> Spectrum:
    """The amplitude of each frequency in `residual` (or in each row of it), sampled evenly over `span` units of x."""
    residual = np.asarray(residual, dtype=np.float64)
    window, mean = np.hanning(residual.shape[-1]), residual.mean(axis=-1, keepdims=True)
    # The mean apart: an offset (the tutorial's noise is all upwards) would leak into the slowest waves.
    amplitude = 2 * np.abs(np.fft.rfft((residual - mean) * window, axis=-1)) / window.sum()  # sine of size a: a
    amplitude[..., 0] = np.abs(mean[..., 0])
    return Spectrum(np.arange(amplitude.shape[-1]) / span, amplitude)


def residual_spectrum(trainer: Trainer, fit_x: np.ndarray, fit_y: np.ndarray) -> Spectrum:
    """The spectrum of the target minus a fit given on the increasing points fit_x (a timeline's curve, say), or
    of several fits at once (the rows of fit_y: one interpolation and one FFT for them all)."""
    grid = even_grid(trainer)
    index = np.clip(np.searchsorted(fit_x, grid, side="right") - 1, 0, len(fit_x) - 2)
    share = np.clip((grid - fit_x[index]) / (fit_x[index + 1] - fit_x[index]), 0.0, 1.0)
    fit = np.asarray(fit_y, dtype=np.float64)
    on_grid = fit[..., index] * (1 - share) + fit[..., index + 1] * share  # (np.interp, row by row)
    residual = target_on_grid(trainer) - on_grid
    return spectrum_of(np.where(np.isfinite(residual), residual, 0.0), grid[-1] - grid[0])


def _current(trainer: Trainer) -> Spectrum:
    grid = even_grid(trainer)
    return residual_spectrum(trainer, grid, trainer.predict(grid.astype(np.float32)).astype(np.float64))


def _target(trainer: Trainer) -> np.ndarray:
    grid = even_grid(trainer)
    if trainer.generated:
        return target_values(trainer.cfg.target, torch.from_numpy(grid.astype(np.float32))).numpy().astype(np.float64)
    x, y = (t.numpy().ravel().astype(np.float64) for t in (trainer.data.x_train, trainer.data.y_train))
    order = np.argsort(x, kind="stable")
    return np.interp(grid, x[order], y[order])
