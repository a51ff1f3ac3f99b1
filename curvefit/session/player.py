"""The player: whether the run plays, how fast, and what the server's CPU has given it lately."""

import time
from dataclasses import dataclass, field

from .. import i18n
from ..budgets import cost
from ..budgets.frame_pace import FRAME_INTERVAL_S, Pace
from ..budgets.share import Account
from .link import TUTORIAL_PACE


def catch_up_pace() -> Pace:
    """Catching up (the band, a link's replay) trains nothing new to watch: a whole chunk's budget a frame."""
    return Pace(cost.CHUNK_BUDGET_S)


@dataclass
class Player:
    """Playing or paused, the steps per frame, the frames' pace and what they were given."""

    steps_per_frame: int = TUTORIAL_PACE
    playing: bool = False
    pace: Pace = field(default_factory=Pace)
    catch_up_pace: Pace = field(default_factory=catch_up_pace)  # the band toward the red net, a replay to its step
    interval_s: float = FRAME_INTERVAL_S  # what the live frame's timer was last set to
    load: float = 1.0  # the server's load when it was set (pace.load): frames that much rarer, and bigger
    step_clicks: int = 0  # Step clicks handled so far
    steps_per_s: float = 0.0
    last_frame: tuple[float, int] | None = None  # (time, step) of the previous playing frame
    # What this session may still spend of the server's CPU, for every kind of work (budgets/share.py)
    account: Account = field(default_factory=Account)
    held: str | None = None  # why the last frame trained nothing: "busy" (no turn came), "spent" (the account)
    note: i18n.Later | None = None  # why playing stopped by itself

    def pause(self) -> None:
        """Stop playing."""
        self.playing = False
        self.last_frame, self.steps_per_s = None, 0.0  # the next Play measures its own speed

    def new_paces(self) -> None:
        """A step's cost changed (a new fit, a band): each pace learns it anew."""
        self.pace, self.catch_up_pace = Pace(), catch_up_pace()

    def measure(self, step: int) -> None:
        """A playing frame ended at `step`: the steps a second since the one before."""
        now = time.monotonic()
        if self.last_frame is not None:
            then, then_step = self.last_frame
            self.steps_per_s = (step - then_step) / max(now - then, 1e-6)
        self.last_frame = (now, step)
