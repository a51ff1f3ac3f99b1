"""A loss that keeps jumping up without blowing up: the steps overshoot, and the learning rate should come down."""

from typing import NamedTuple

import numpy as np

from ..training.trainer import Trainer

WINDOW = 500  # the last losses looked at (since the settings last changed: a lower rate gets a fresh look)
JUMP = 1.5  # a step whose loss is this many times the one before jumped
JUMPS = 3  # this many jumps in the window, with the loss well above its best, is no accident
ABOVE_BEST = 2.0


class Oscillation(NamedTuple):
    """How often the loss jumped lately, and how far it is above its best."""

    jumps: int
    window: int
    times_best: float
    best: float


def oscillation(trainer: Trainer) -> Oscillation | None:
    """The oscillation of a full-batch run (mini-batches' losses jump anyway), or None if it settles."""
    points = len(trainer.data.x_train)
    if trainer.diverged or (trainer.cfg.batch and trainer.cfg.batch < points):
        return None
    since = max(trainer.step - WINDOW, max(trainer.settings_from))
    train = trainer.history.train
    steps, values = np.frombuffer(train.steps, dtype=np.int64), np.frombuffer(train.values, dtype=np.float64)
    losses = values[np.searchsorted(steps, since) :]
    best, last = trainer.history.train.lowest, trainer.history.last if trainer.step else None
    if last is None or not best > 0 or len(losses) < 2:
        return None
    jumps = int(np.sum(losses[1:] > JUMP * losses[:-1]))
    if jumps < JUMPS or last < ABOVE_BEST * best:
        return None
    return Oscillation(jumps, len(losses), last / best, best)
