"""How many steps the next frame may train, so a frame stays near its time budget at any size."""

FRAME_BUDGET_S = 0.1  # CPU seconds for one whole frame of one session: training and drawing
MIN_TRAIN_S = 0.02  # even when drawing is slow, a frame still trains a little
FIRST_CHUNK = 10  # small, since the first chunk also pays torch's warm-up


class Pace:
    """Sizes each chunk from the last frame's speeds, never above the user's limit."""

    def __init__(self, budget_s: float = FRAME_BUDGET_S):
        self.budget_s = budget_s
        self.last_steps = 0
        self.step_s: float | None = None  # seconds per step in the last chunk
        self.draw_s = 0.0  # what the last frame spent on everything but training

    def steps(self, limit: int) -> int:
        """Steps for the next frame: what fits the budget at the last speed, at most twice the last chunk."""
        if self.step_s is None:
            return max(1, min(limit, FIRST_CHUNK))
        # Doubling at most: one fast chunk cannot overshoot far, and a slow one (warm-up, another
        # session on the core) is forgotten in a few frames instead of dragging on.
        train_s = max(MIN_TRAIN_S, self.budget_s - self.draw_s)
        fits = int(train_s / max(self.step_s, 1e-9))
        return max(1, min(limit, fits, 2 * self.last_steps))

    def record(self, steps: int, seconds: float) -> None:
        """Learn from a chunk of `steps` steps that took `seconds`."""
        if steps > 0:
            self.last_steps, self.step_s = steps, seconds / steps

    def record_draw(self, seconds: float) -> None:
        """Learn what drawing a frame costs, so training gets the rest of the budget."""
        self.draw_s = seconds
