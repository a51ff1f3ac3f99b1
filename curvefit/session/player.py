"""The player: whether the run plays, how fast, and what the server's CPU has given it lately."""

import collections
import time
from dataclasses import dataclass, field

from .. import i18n
from ..budgets import cost
from ..budgets.frame_pace import FRAME_INTERVAL_S, Pace
from ..budgets.share import Account
from .link import TUTORIAL_PACE

SPEED_WINDOW_S = 3.0  # the status line's steps a second are over this long


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
    steps_per_s: float = 0.0  # over the last SPEED_WINDOW_S: a frame's own rate jumps with its size and timing
    frames: collections.deque = field(default_factory=collections.deque)  # (time, step) of this Play's frames
    # What this session may still spend of the server's CPU, for every kind of work (budgets/share.py)
    account: Account = field(default_factory=Account)
    held: str | None = None  # why the last frame trained nothing: "busy" (no turn came), "spent" (the account)
    note: i18n.Later | None = None  # why playing stopped by itself
    shown_at_click: int | None = None  # the step on the screen when Pause was clicked, if it came before the click

    def pause(self) -> None:
        """Stop playing."""
        self.playing = False
        self.frames.clear()  # the next Play measures its own speed
        self.steps_per_s = 0.0

    def new_paces(self) -> None:
        """A step's cost changed (a new fit, a band): each pace learns it anew."""
        self.pace, self.catch_up_pace = Pace(), catch_up_pace()

    def measure(self, step: int) -> None:
        """A playing frame ended at `step`: the steps a second over the last SPEED_WINDOW_S (from two frames on)."""
        now = time.monotonic()
        self.frames.append((now, step))
        while len(self.frames) > 2 and now - self.frames[1][0] >= SPEED_WINDOW_S:
            self.frames.popleft()  # (the oldest kept is at least the window back, once there is one)
        then, then_step = self.frames[0]
        self.steps_per_s = (step - then_step) / (now - then) if now > then else 0.0
