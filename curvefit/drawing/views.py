"""What each chart draws, as tidy DataFrames of at most MAX_ROWS rows per layer, from a Trainer."""

import math
from typing import NamedTuple

import numpy as np
import pandas as pd
import torch

from .. import text
from ..inputs.data import Data, evenly_spread
from ..inputs.targets import target_values
from ..training.ensemble import mean_and_spread
from ..training.history import History
from ..training.trainer import Trainer

MAX_ROWS = 1000  # per chart layer sent to the browser, whatever the data size
GRID_POINTS = 400  # the fitted curve is drawn on this many x values
BEYOND = 0.15  # the curve runs this fraction of the x range past each end, to show extrapolation


class FitView(NamedTuple):
    """The fit chart's layers and scales."""

    points: pd.DataFrame  # x, y, series (train / test)
    fit: pd.DataFrame  # x, y, series
    truth: pd.DataFrame  # x, y, series
    beyond: pd.DataFrame  # x, x2: the stretches past the data
    band: pd.DataFrame  # x, lo, hi, y (the band's mean), series; empty without a band
    poly: pd.DataFrame  # x, y, series: the polynomial baseline; empty without one
    kinks: pd.DataFrame  # x, y, unit: where each unit bends the red line (one hidden layer); may be empty
    pinned: pd.DataFrame  # x, y, series: a pinned run's red line, drawn faint; may be empty
    label: pd.DataFrame  # text, series: the loss, written on the plot as the tutorial does, and the baseline's
    x_domain: tuple[float, float]
    y_domain: tuple[float, float]


def x_range(trainer: Trainer) -> tuple[float, float]:
    """Where the data lies: the Config's x range, or the span of the user's own points."""
    if trainer.generated:
        return trainer.cfg.x_min, trainer.cfg.x_max
    data = trainer.data
    x = torch.cat([data.x_train, data.x_test])
    return float(x.min()), float(x.max())


def grid(trainer: Trainer) -> np.ndarray:
    """The x values the curve is drawn on: the data's range and a little beyond."""
    lo, hi = x_range(trainer)
    margin = BEYOND * (hi - lo)  # in float64: near float32's limit (3e38) the ends would be inf,
    largest = float(np.finfo(np.float32).max)  # and an infinite domain breaks the chart's JSON
    return np.linspace(max(lo - margin, -largest), min(hi + margin, largest), GRID_POINTS).astype(np.float32)


def fit_view(
    trainer: Trainer,
    train_loss: float,
    kinks: pd.DataFrame | None = None,
    polynomial=None,
    earlier=None,
    pinned: pd.DataFrame | None = None,
) -> FitView:
    """The data, the fit and the true function of `trainer`, ready to draw; the kinks and a Baseline if given.

    `earlier`, a timeline Snapshot, draws the red line and its loss as they were at its step (without the
    band and the kinks, which are the current weights'); `pinned` (x, y, series), a pinned run's line.
    """
    data = trainer.data
    lo, hi = x_range(trainer)
    xs = grid(trainer)
    fit_y = trainer.predict(xs) if earlier is None else earlier.y
    if trainer.generated:  # the user's own points have no known true function
        truth_y = target_values(trainer.cfg.target, torch.from_numpy(xs)).numpy()
        truth_y = np.where(np.isfinite(truth_y), truth_y, np.nan)  # a gap where a formula has no value (1/x at 0)
        truth = pd.DataFrame({"x": xs, "y": truth_y, "series": text.SERIES_TRUTH})
    else:
        truth = pd.DataFrame({"x": xs[:0], "y": fit_y[:0], "series": text.SERIES_TRUTH})
    data_y = np.concatenate([data.y_train.numpy().ravel(), data.y_test.numpy().ravel()])
    band = _band(trainer, xs) if earlier is None else _band(None, xs)
    written = text.LOSS_ON_PLOT.format(loss=train_loss)
    if earlier is not None:
        written, kinks = text.LOSS_AT_STEP.format(loss=earlier.train, step=earlier.step), None
    label = pd.DataFrame({"text": [written], "series": [text.SERIES_FIT]})
    poly = pd.DataFrame({"x": xs[:0], "y": fit_y[:0], "series": text.SERIES_POLY})
    if polynomial is not None:
        poly_y = polynomial.polynomial(xs.astype(np.float64))
        poly_y = np.where(np.isfinite(poly_y), poly_y, np.nan)  # a gap, not an inf that breaks the browser's JSON
        poly = pd.DataFrame({"x": xs, "y": poly_y, "series": text.SERIES_POLY})
        words = text.POLY_ON_PLOT.format(degree=polynomial.degree, loss=polynomial.train.loss)
        label = pd.concat([label, pd.DataFrame({"text": [words], "series": [text.SERIES_POLY]})], ignore_index=True)
    return FitView(
        points=_points(data),
        fit=pd.DataFrame({"x": xs, "y": fit_y, "series": text.SERIES_FIT}),
        truth=truth,
        beyond=pd.DataFrame({"x": [xs[0], hi], "x2": [lo, xs[-1]]}),
        band=band,
        poly=poly,
        kinks=pd.DataFrame({"x": [], "y": [], "unit": []}) if kinks is None else kinks,
        pinned=pd.DataFrame({"x": xs[:0], "y": fit_y[:0], "series": text.SERIES_PINNED}) if pinned is None else pinned,
        label=label,
        x_domain=(float(xs[0]), float(xs[-1])),
        y_domain=_y_domain(data_y, fit_y),  # the true function may run off it (1/x): it is clipped
    )


def loss_view(history: History, now: tuple[float, float | None] | None = None, rows: int = MAX_ROWS) -> pd.DataFrame:
    """Train and test loss against step, at most `rows` rows in all, zeros left out (log scale).

    `now`, the current weights' (train, test) losses, ends each line at the current step: at step 0 it is
    the only point, and an empty chart has no extent (Vega warns, and draws empty axes).
    """
    train, train_steps = np.asarray(history.train.values), np.asarray(history.train.steps)
    test, test_steps = np.asarray(history.test.values), np.asarray(history.test.steps)
    if now is not None:
        step = history.steps
        train, train_steps = np.append(train, now[0]), np.append(train_steps, step)
        if now[1] is not None:
            test, test_steps = np.append(test, now[1]), np.append(test_steps, step)
    frames = [_series(train_steps, train, text.SERIES_TRAIN, rows // 2)]
    if len(test):
        frames.append(_series(test_steps, test, text.SERIES_TEST, rows // 2))
    frame = pd.concat(frames, ignore_index=True)
    return frame[frame["loss"] > 0]


def _band(trainer: Trainer | None, xs: np.ndarray) -> pd.DataFrame:
    if trainer is None or trainer.band is None or trainer.band_behind:  # not drawn until it is where the red net is
        return pd.DataFrame({"x": xs[:0], "lo": xs[:0], "hi": xs[:0], "y": xs[:0], "series": text.SERIES_BAND})
    scale = trainer.scale
    predictions = scale.y_out(trainer.band.predict(scale.x_in(torch.from_numpy(xs).reshape(-1, 1))))
    mean, spread = mean_and_spread(predictions.numpy()[:, :, 0])
    return pd.DataFrame(
        {"x": xs, "lo": mean - 2 * spread, "hi": mean + 2 * spread, "y": mean, "series": text.SERIES_BAND}
    )


def _points(data: Data) -> pd.DataFrame:
    # Share the row budget by size, so a big test split cannot crowd out the training points.
    x_train, y_train, x_test, y_test = (column.numpy().ravel() for column in data)
    total = len(x_train) + len(x_test)
    keep_test = round(MAX_ROWS * len(x_test) / total) if total > MAX_ROWS else len(x_test)
    train = evenly_spread(len(x_train), MAX_ROWS - keep_test)
    test = evenly_spread(len(x_test), keep_test)
    return pd.DataFrame(
        {
            "x": np.concatenate([x_train[train], x_test[test]]),
            "y": np.concatenate([y_train[train], y_test[test]]),
            "series": [text.SERIES_TRAIN] * len(train) + [text.SERIES_TEST] * len(test),
        }
    )


def _series(steps: np.ndarray, losses: np.ndarray, name: str, limit: int) -> pd.DataFrame:
    keep = evenly_spread(len(steps), limit)
    return pd.DataFrame({"step": steps[keep], "loss": losses[keep], "series": name})


def _y_domain(data_y: np.ndarray, fit_y: np.ndarray) -> tuple[float, float]:
    # Set by the data, so the axis holds still. A fit that strays outside stretches it in
    # quarter-span steps, at most one span (clipped beyond, so one wild curve cannot flatten the
    # data); the steps keep the spec, and so the chart, unchanged from frame to frame.
    finite = data_y[np.isfinite(data_y)]
    lo, hi = float(finite.min()), float(finite.max())
    span = (hi - lo) or 1.0
    lo, hi = lo - 0.1 * span, hi + 0.1 * span
    fit = fit_y[np.isfinite(fit_y)]
    if len(fit):
        quarter = span / 4
        lo -= quarter * min(4, max(0, math.ceil((lo - float(fit.min())) / quarter)))
        hi += quarter * min(4, max(0, math.ceil((float(fit.max()) - hi) / quarter)))
    return lo, hi
