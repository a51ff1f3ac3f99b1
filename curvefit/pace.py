"""How many steps the next frame may train, so a frame stays near its time budget at any size."""

FRAME_BUDGET_S = 0.1  # server time for one frame's training
FIRST_CHUNK = 10  # small, since the first chunk also pays torch's warm-up


class Pace:
    """Sizes each chunk from the last one's speed, never above the user's limit."""

    def __init__(self, budget_s: float = FRAME_BUDGET_S):
        self.budget_s = budget_s
        self.last_steps = 0
        self.step_s: float | None = None  # seconds per step in the last chunk

    def steps(self, limit: int) -> int:
        """Steps for the next frame: what fits the budget at the last speed, at most twice the last chunk."""
        if self.step_s is None:
            return max(1, min(limit, FIRST_CHUNK))
        # Doubling at most: one fast chunk cannot overshoot far, and a slow one (warm-up, another
        # session on the core) is forgotten in a few frames instead of dragging on.
        fits = int(self.budget_s / max(self.step_s, 1e-9))
        return max(1, min(limit, fits, 2 * self.last_steps))

    def record(self, steps: int, seconds: float) -> None:
        """Learn from a chunk of `steps` steps that took `seconds`."""
        if steps > 0:
            self.last_steps, self.step_s = steps, seconds / steps
