"""A run's losses in a fixed amount of memory: every step's while they fit, then evenly thinned."""

from array import array
from collections import deque
from dataclasses import dataclass, field

# Losses kept per series, with their steps: 160 KB at most, whatever the step count (one per step grew
# without bound and slowed every frame). The loss chart draws 1000 of them at most.
MAX_KEPT = 10_000
RECENT_STEPS = 32  # the train losses kept whole, newest last: a checkpoint's loss is their mean


class Losses:
    """(step, loss) pairs at steps that are multiples of `stride`, a power of two that doubles when they pass
    `capacity`: which steps are kept depends on the step numbers alone, so chunks change nothing."""

    def __init__(self, capacity: int = MAX_KEPT):
        self.capacity, self.stride = capacity, 1
        self.steps, self.values = array("q"), array("d")
        self.lowest = self.last = float("nan")  # of every loss added, kept or not

    def add(self, step: int, value: float) -> None:
        """The loss at `step` (steps come in increasing order)."""
        self.last, self.lowest = value, value if not self.lowest <= value else self.lowest
        if step % self.stride:
            return
        self.steps.append(step)
        self.values.append(value)
        while len(self.steps) > self.capacity:  # every other one goes: the kept ones stay evenly spread
            self.stride *= 2
            kept = [i for i, s in enumerate(self.steps) if s % self.stride == 0]
            self.steps, self.values = (
                array("q", (self.steps[i] for i in kept)),
                array("d", (self.values[i] for i in kept)),
            )

    def truncate(self, steps: int) -> None:
        """Forget every loss from step `steps` on."""
        while self.steps and self.steps[-1] >= steps:
            self.steps.pop()
            self.values.pop()
        self.lowest = min(self.values, default=float("nan"))
        self.last = self.values[-1] if self.values else float("nan")

    def __len__(self) -> int:
        return len(self.values)

    def __iter__(self):
        return iter(self.values)

    def __getitem__(self, index):
        return self.values[index]


@dataclass
class History:
    """A run's losses: `train` (the loss each step trained on), `test` (once an epoch), `recent` train losses."""

    steps: int = 0  # steps trained
    train: Losses = field(default_factory=Losses)
    # Once an epoch (every step at full batch): per step, a big test split would cost more than training.
    test: Losses = field(default_factory=Losses)
    recent: deque = field(default_factory=lambda: deque(maxlen=RECENT_STEPS + 1))
    first: float | None = None  # the first step's train loss

    @property
    def last(self) -> float:
        """The newest step's train loss."""
        return self.recent[-1]

    def truncate(self, steps: int, recent: tuple[float, ...]) -> None:
        """Forget every step from `steps` on; `recent`: the train losses just before it (newest last)."""
        self.steps = steps
        self.train.truncate(steps)
        self.test.truncate(steps)
        self.recent = deque(recent, maxlen=self.recent.maxlen)
        self.first = self.first if steps else None
