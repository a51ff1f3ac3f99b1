"""A run pinned to compare with: its fit and its loss curve as plain arrays, drawn faint beside the current run."""

from typing import NamedTuple

import pandas as pd

from .. import text
from ..inputs.config import FIELDS, Config
from ..training.trainer import Trainer
from .views import MAX_ROWS, grid, loss_view


class Pinned(NamedTuple):
    """What a pinned run draws: no Trainer is kept, only these (a few thousand numbers)."""

    cfg: Config
    step: int
    train_loss: float
    fit: pd.DataFrame  # x, y, series: its red line, on its own grid
    loss: pd.DataFrame  # step, loss, series: its train (and test) loss, at most MAX_ROWS // 2 rows


def pin(trainer: Trainer) -> Pinned:
    """The trainer's run as it is now, to compare the next one with."""
    xs = grid(trainer)
    losses = trainer.losses()
    loss = loss_view(trainer.history, losses, rows=MAX_ROWS // 2)
    names = {text.SERIES_TRAIN: text.SERIES_PINNED_TRAIN, text.SERIES_TEST: text.SERIES_PINNED_TEST}
    fit = pd.DataFrame({"x": xs, "y": trainer.predict(xs), "series": text.SERIES_PINNED})
    return Pinned(trainer.cfg, trainer.step, losses[0], fit, loss.assign(series=loss["series"].map(names)))


def differences(pinned: Pinned, cfg: Config) -> list[tuple[str, str]]:
    """(setting, its value in the pinned run as link text) for each setting that differs from `cfg`."""
    return [
        (key, FIELDS[key].format(getattr(pinned.cfg, key)))
        for key in FIELDS
        if getattr(pinned.cfg, key) != getattr(cfg, key)
    ]
