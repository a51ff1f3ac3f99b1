"""The run: the fit being trained and what came of it, the settings asked for, and a link's moment still to come."""

import collections
from dataclasses import dataclass, field
from typing import NamedTuple

import torch

from .. import i18n
from ..budgets import allowed
from ..budgets.cost import MARKS
from ..drawing.learning import Track
from ..drawing.pinned import Pinned
from ..drawing.timeline import Timeline
from ..inputs.config import Config, Note
from ..inputs.data import Data, split
from ..inputs.schedule import Schedule
from ..inputs.upload import Points
from ..training.trainer import Trainer
from .messages import replaced


class Replay(NamedTuple):
    """A link's moment still to be trained to: step `target` of the run whose settings went as `settings`."""

    target: int
    settings: Schedule

    @property
    def final(self) -> Config:
        """The settings in force at the target step."""
        return self.settings.at(self.target)


@dataclass
class Run:
    """The Trainer, the fit at earlier steps and the one shown, a pinned run, a replay, the user's own points."""

    trainer: Trainer
    timeline: Timeline = field(default_factory=Timeline)  # the fit at earlier steps
    shown_step: int | None = None  # the earlier step the charts show, None for the latest
    replay: Replay | None = None  # the link's moment, still to be trained to
    pinned: Pinned | None = None  # a run kept, faint, to compare with (it outlives a new Trainer)
    own: Points | None = None  # uploaded or edited points, used instead of the Config's own
    settings: Config | None = None  # the sidebar's settings last applied, before for_points made them fit
    fit_notes: i18n.Later | None = None  # what was made smaller to fit the user's own points
    # The last playing frames' fits (Trainer.mark), newest last: Pause goes back to the one that was on screen.
    marks: collections.deque = field(default_factory=lambda: collections.deque(maxlen=MARKS))
    undo: list = field(default_factory=list)  # the points before each edit on the chart (None: the generated)
    track: Track = field(default_factory=Track)  # the sharpness as it was measured, step by step

    def start_over(self, trainer: Trainer) -> None:
        """A new fit: its timeline empty, no replay to come."""
        self.trainer, self.timeline, self.replay, self.track = trainer, Timeline(), None, Track()
        self.marks.clear()

    def back_to(self, step: int) -> bool:
        """Back to the playing frame that ended at `step`, if it is one of the last kept; whether it went back."""
        mark = next((mark for mark in self.marks if mark.at.step == step), None)
        if mark is None or step >= self.trainer.step:
            return False
        self.trainer.rewind(mark)
        self.timeline.forget_after(step)
        self.track.forget_after(step)
        self.marks.clear()
        return True

    def show_step(self, step: int) -> None:
        """Show the fit as it was at `step` (from the timeline); the latest step shows the fit as it is."""
        self.shown_step = None if step >= self.trainer.step else step

    def earlier(self):
        """The earlier fit the charts show, or None for the latest."""
        return None if self.shown_step is None else self.timeline.at(self.shown_step)


def for_points(cfg: Config, own: Points | None) -> tuple[Config, list[Note]]:
    """cfg as it trains on the user's own points: a batch or band too costly for them made smaller, and why."""
    if own is None:
        return cfg, []
    return allowed.allowed(cfg, len(own.x))


def fit_notes(cfg: Config, own: Points | None, notes: list[Note]) -> i18n.Later | None:
    """What for_points made smaller (`notes`), as the settings' echo (Markdown), worded when shown."""
    if not notes:
        return None
    return i18n.Later(lambda: i18n.sentences(*(replaced(note) for note in for_points(cfg, own)[1])))


def build_trainer(cfg: Config, own: Points | None) -> Trainer:
    """A Trainer for cfg (fitted by for_points), on the own points if any; ValueError if it cannot be made."""
    return Trainer(cfg) if own is None else Trainer(cfg, data=own_data(cfg, own))


def own_data(cfg: Config, own: Points) -> Data:
    """The own points as a fit of cfg trains on them: split by its seed."""
    x, y = (torch.from_numpy(values).reshape(-1, 1) for values in (own.x, own.y))
    return split(x, y, cfg.test, cfg.seed)
