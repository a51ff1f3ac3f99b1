"""A run's settings over its steps: step -> the Config in force from that step on, the first at step 0."""

from .config import Config


class Schedule(dict[int, Config]):
    """Which settings apply at each step of a run (a dict: its changes, by the step each was made at)."""

    def at(self, step: int) -> Config:
        """The settings in force at `step`."""
        return self[max(s for s in self if s <= step)]

    def until(self, step: int) -> "Schedule":
        """The schedule as it was at `step`: the changes made after it forgotten."""
        return Schedule({s: cfg for s, cfg in self.items() if s <= step})

    def after(self, step: int) -> list[int]:
        """The steps after `step` at which the settings change."""
        return sorted(s for s in self if s > step)
