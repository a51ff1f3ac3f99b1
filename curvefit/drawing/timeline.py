"""The fit as it was: the red curve on its grid and the losses at earlier steps, in a fixed amount of memory."""

from typing import NamedTuple

import numpy as np

from ..analysis.survey import survey
from ..training.trainer import Trainer
from .views import GRID_POINTS, grid

# 1000 curves of GRID_POINTS float32 values: 1.6 MB a session at most, whatever the step count. When it is
# full, every other snapshot goes and new ones come as far apart as the kept ones, so they stay evenly spread.
MAX_SNAPSHOTS = 1000


class Snapshot(NamedTuple):
    """The red curve at `step`: y on the trainer's grid, with the train and test loss (None without a test split)."""

    step: int
    y: np.ndarray
    train: float
    test: float | None


class Timeline:
    """Snapshots of one Trainer's fit as it trains, taken by record() at most every `stride` steps."""

    def __init__(self, capacity: int = MAX_SNAPSHOTS, points: int = GRID_POINTS):
        self.capacity, self.stride = capacity, 1
        self._curves = np.empty((capacity, points), dtype=np.float32)  # (made once: the bound is kept)
        self._steps: list[int] = []
        self._losses: list[tuple[float, float | None]] = []

    @property
    def steps(self) -> list[int]:
        """The steps with a snapshot, in order."""
        return list(self._steps)

    def record(self, trainer: Trainer) -> None:
        """Keep the trainer's current curve and losses, unless the last snapshot is under `stride` steps ago.

        A trainer whose step went back (Reset, a divergence) first loses the snapshots past it.
        """
        step = trainer.step
        self.forget_after(step)
        if self._steps and step < self._steps[-1] + self.stride:
            return
        if len(self._steps) == self.capacity:
            self._thin()
        found = survey(trainer)
        self._curves[len(self._steps)] = trainer.predict(grid(trainer))
        self._steps.append(step)
        self._losses.append((found.train.loss, found.test and found.test.loss))

    def forget_after(self, step: int) -> None:
        """Drop the snapshots of steps after `step`."""
        if self._steps and self._steps[-1] > step:
            while self._steps and self._steps[-1] > step:
                self._steps.pop()
                self._losses.pop()
            if len(self._steps) < self.capacity // 2:  # room again: a Reset's new run is kept in full
                self.stride = 1

    def at(self, step: int) -> Snapshot | None:
        """The snapshot at `step`, or the nearest one before it; None before the first."""
        index = int(np.searchsorted(self._steps, step, side="right")) - 1
        if index < 0:
            return None
        return Snapshot(self._steps[index], self._curves[index].copy(), *self._losses[index])

    def _thin(self) -> None:
        # Keep every other snapshot, the first included; from now on, one at most every so many steps as
        # the kept ones are apart on average (frames end at uneven steps, so that is not simply twice).
        keep = list(range(0, len(self._steps), 2))
        self._curves[: len(keep)] = self._curves[keep]
        self._steps = [self._steps[i] for i in keep]
        self._losses = [self._losses[i] for i in keep]
        self.stride = max(self.stride, -(-(self._steps[-1] - self._steps[0]) // max(1, len(keep) - 1)))
