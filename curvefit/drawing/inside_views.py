"""What the inside-the-fit charts draw, as tidy DataFrames of at most MAX_ROWS rows per layer."""

from typing import NamedTuple

import numpy as np
import pandas as pd
import torch

from .. import i18n, text
from ..analysis.baseline import Baseline
from ..analysis.survey import Survey
from ..analysis.unit_parts import Inside
from ..inputs.activations import ACTIVATIONS
from ..training.trainer import Trainer
from .views import MAX_ROWS, evenly_spread, x_range

REFERENCES = ("floor", "best_last", "poly")  # the loss chart's level lines, by key (named by reference_name)
MAX_UNITS_DRAWN = 16  # the units that move the fit most; the rest are drawn summed, as "others"


class UnitsView(NamedTuple):
    """The units chart's layers.

    Chromium redraws them often (see live.py): so each row holds what its marks show, and the one tooltip
    with numbers is on a dot per unit; conditions and formatted tooltips on every row of the lines made
    Vega's CSP-safe expression interpreter the costliest part of a frame.
    """

    # x, y, unit (its name), colour, summed (True for the units not drawn one by one). One frame for all:
    # an empty layer of its own would leave Vega an empty extent.
    curves: pd.DataFrame
    dots: pd.DataFrame  # a row per unit drawn, where its curve is farthest from 0 over the data: x, y, unit,
    # colour, and its numbers
    bias: pd.DataFrame  # one row: y (the output bias), text


# Vega's "tableau20", one colour per unit drawn (at most MAX_UNITS_DRAWN), given here so no row needs a scale
UNIT_COLOURS = ("#4c78a8", "#9ecae9", "#f58518", "#ffbf79", "#54a24b", "#88d27a", "#b79a20", "#f2cf5b",
                "#439894", "#83bcb6", "#e45756", "#ff9d98", "#79706e", "#bab0ac", "#d67195", "#fcbfd2")  # fmt: skip
OTHERS_COLOUR = "#7f7f7f"


def units_view(trainer: Trainer, parts: Inside) -> UnitsView:
    """Each unit's contribution on the fit's x grid (the biggest MAX_UNITS_DRAWN), the others summed, the bias."""
    xs, contributions = parts.x, parts.contributions
    lo, hi = x_range(trainer)
    inside_data = (xs >= lo) & (xs <= hi)
    span = np.ptp(contributions[:, inside_data], axis=1) if inside_data.any() else np.zeros(len(contributions))
    shown = np.sort(np.argsort(-span, kind="stable")[:MAX_UNITS_DRAWN])
    others = np.setdiff1d(np.arange(len(contributions)), shown)
    curves = len(shown) + bool(len(others))
    keep = evenly_spread(len(xs), MAX_ROWS // curves - 1)  # one row spare per curve for its own kink
    at_zero = float(ACTIVATIONS[trainer.model.activation].forward(torch.zeros(1)))
    xs_of, ys_of = [], []
    for unit in shown:
        x, y = xs[keep], contributions[unit, keep]
        kink = np.nan if parts.kinks is None else parts.kinks[unit]
        if xs[0] < kink < xs[-1]:  # the bend itself, so a ReLU unit's curve is drawn exactly
            at = np.searchsorted(x, kink)
            x, y = np.insert(x, at, kink), np.insert(y, at, parts.w_out[unit] * at_zero)
        xs_of.append(x)
        ys_of.append(y)
    names = [_name(unit) for unit in shown]
    colours = list(UNIT_COLOURS[: len(shown)])
    farthest = [_farthest(x, y, lo, hi) for x, y in zip(xs_of, ys_of, strict=True)]
    dots = {"x": [x[i] for x, i in zip(xs_of, farthest, strict=True)], "unit": [*names], "colour": [*colours]}
    dots["number"] = [str(unit + 1) for unit in shown]  # written beside the dot
    dots["y"] = [y[i] for y, i in zip(ys_of, farthest, strict=True)]
    dots.update(w_out=parts.w_out[shown], active=parts.active[shown])
    if parts.w_in is not None:
        dots.update(w_in=parts.w_in[shown], b_in=parts.b_in[shown], switch=parts.kinks[shown])
    if len(others):
        xs_of.append(xs[keep])
        ys_of.append(contributions[others][:, keep].sum(0))
        names.append(text.OTHER_UNITS.format(count=len(others)))
        colours.append(OTHERS_COLOUR)
    sizes = [len(x) for x in xs_of]
    columns = {"x": np.concatenate(xs_of), "y": np.concatenate(ys_of)}
    # repeated strings as categories: Arrow sends each name once
    columns.update(unit=pd.Categorical(np.repeat(names, sizes)), colour=pd.Categorical(np.repeat(colours, sizes)))
    columns["summed"] = np.repeat([False] * len(shown) + [True] * bool(len(others)), sizes)
    bias = pd.DataFrame({"y": [parts.bias], "text": [text.OUTPUT_BIAS.format(bias=parts.bias)]})
    return UnitsView(pd.DataFrame(columns), pd.DataFrame(dots), bias)


def _farthest(x: np.ndarray, y: np.ndarray, lo: float, hi: float) -> int:
    """The row where the curve is farthest from 0 over the data (not on the plot's edge, where a dot is cut)."""
    over_data = np.flatnonzero((x >= lo) & (x <= hi))
    if not len(over_data):
        return int(np.argmax(np.abs(y)))
    return int(over_data[np.argmax(np.abs(y[over_data]))])


def kinks_frame(trainer: Trainer, parts: Inside, domain: tuple[float, float]) -> pd.DataFrame:
    """Where each unit of a one-layer net bends the fit (or, smooth, is centred), on the red line: x, y, unit."""
    if parts.kinks is None:
        return pd.DataFrame({"x": [], "y": [], "unit": []})
    units = np.nonzero((parts.kinks > domain[0]) & (parts.kinks < domain[1]))[0]
    x = parts.kinks[units]
    return pd.DataFrame({"x": x, "y": trainer.predict(x), "unit": [_name(unit) for unit in units]})


def summary(trainer: Trainer, parts: Inside, marked: bool = True) -> str:
    """One line under the fit: its pieces, what the marks are (if `marked`: drawn), and the dead units by name."""
    words = []
    if parts.relu_like:
        words.append(text.TOO_MANY_PIECES if parts.pieces is None else text.PIECES.format(pieces=parts.pieces))
    if parts.kinks is not None and marked:
        words.append(text.KINKS_MARKED if parts.relu_like else text.CENTRES_MARKED)
    if parts.relu_like and parts.dead:
        dead = np.nonzero(parts.active == 0)[0]
        names = ", ".join(str(unit + 1) for unit in dead[:12]) + (", …" if len(dead) > 12 else "")
        adds = text.DEAD_ADD_CONSTANT if ACTIVATIONS[trainer.model.activation].leak == 0 else text.DEAD_ADD_LINE
        words.append(text.DEAD.format(dead=parts.dead, units=len(parts.active), names=names, adds=adds))
    return i18n.sentences(*words)


# A level line this far below every loss on the chart would stretch its log axis over many decades to
# show one number (a best last layer of 1e-18, when the units can pass through every training point).
LOWEST_LEVEL = 1e-3


def references(trainer: Trainer, found: Survey, polynomial: Baseline, floor: float | None) -> dict[str, float]:
    """The references in the trainer's loss, by key: the noise floor, the best last layer, the polynomial."""
    values = {"floor": floor, "best_last": found.best_last_layer, "poly": polynomial.train.loss}
    return {key: values[key] for key in offered(trainer) if values[key] is not None}


def offered(trainer: Trainer) -> tuple[str, ...]:
    """The references this fit has: no noise floor for your own points (nobody knows their true function),
    no best last layer outside MSE (the least-squares last layer is best in MSE only: another yardstick)."""
    missing = {"floor"} if not trainer.generated else set()
    missing |= {"best_last"} if trainer.cfg.loss != "mse" else set()
    return tuple(key for key in REFERENCES if key not in missing)


def reference_name(key: str) -> str:
    """A reference's name, as its level line and its pill show it."""
    return {"floor": text.SERIES_FLOOR, "best_last": text.SERIES_BEST_LAST, "poly": text.SERIES_POLY}[key]


def too_low(found: dict[str, float], lowest_loss: float) -> set[str]:
    """The references the loss chart's log axis cannot hold: zero, or far below every loss on it."""
    return {key for key, value in found.items() if not (value > 0 and value >= LOWEST_LEVEL * lowest_loss)}


def references_view(found: dict[str, float], shown: set[str]) -> pd.DataFrame:
    """The loss chart's level lines: the references in `shown` (each one its log axis can hold); loss, series."""
    rows = {k: v for k, v in found.items() if k in shown}
    return pd.DataFrame({"loss": list(rows.values()), "series": [reference_name(key) for key in rows]})


def references_caption(trainer: Trainer, found: dict[str, float], polynomial: Baseline, undrawn: set[str]) -> str:
    """The references as numbers, each with what it means; those in `undrawn` say they are not on the chart."""
    words = {}
    if "floor" in found:
        words["floor"] = text.FLOOR_IS.format(loss=found["floor"])
    if "best_last" in found:
        words["best_last"] = text.BEST_LAST_IS.format(loss=found["best_last"])
    else:
        words["best_last"] = text.BEST_LAST_MSE_ONLY
    message = text.POLY_PICKED_IS if polynomial.picked else text.POLY_IS
    words["poly"] = message.format(degree=polynomial.degree, loss=found["poly"])
    # A pill that is on with no line to show for it would look broken: say why the line is not there.
    return " · ".join(text.NOT_DRAWN.format(said=said) if key in undrawn else said for key, said in words.items())


RISEN = 1.1  # the test loss has risen once it is this far above its best so far (steps alone are noisy)


def fitting_noise(trainer: Trainer, train_loss: float, floor: float | None) -> bool:
    """Whether the net is below the noise floor on the training points while its test loss has risen."""
    test = trainer.history.test
    if floor is None or not len(test) or not train_loss < floor:
        return False
    return test.last > RISEN * test.lowest


def errors_table(found: Survey, polynomial: Baseline) -> pd.DataFrame:
    """The numbers a practitioner expects: loss, RMSE, MAE and R², of the net and the polynomial, train and test."""
    rows = {}
    for name, train, test in ((text.NET, found.train, found.test), (text.POLY, polynomial.train, polynomial.test)):
        for split, errors in ((text.SERIES_TRAIN, train), (text.SERIES_TEST, test)):
            if errors is not None:
                rows[f"{name}, {split}"] = errors._asdict()
    table = pd.DataFrame.from_dict(rows, orient="index")
    return table.rename(columns={"loss": text.LOSS_COLUMN, "rmse": "RMSE", "mae": "MAE", "r2": "R²"})


def _name(unit: int) -> str:
    return text.UNIT.format(unit=unit + 1)
