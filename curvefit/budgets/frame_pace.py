"""How often a playing session redraws, and how many steps each frame may train, at any size and load."""

FRAME_INTERVAL_S = 0.1  # ten frames a second for a session alone on a trainer
FRAME_BUDGET_S = 0.05  # CPU seconds for one whole frame of one session (training and drawing): half a core
MIN_TRAIN_S = 0.02  # even when drawing is slow, a frame still trains a little
FIRST_CHUNK = 10  # small, since the first chunk also pays torch's warm-up


def load(wanting: int, turns: int) -> float:
    """Sessions wanting the server's CPU per turn it gives at once, from 1 (no more than it can serve)."""
    return max(1.0, wanting / max(1, turns))


def frame_interval(frame_s: float, load: float) -> float:
    """Seconds between a playing session's frames: FRAME_INTERVAL_S, `load` times longer under load (fewer
    redraws, each carrying that many more steps: see frame_steps), and never under twice the session's own
    frame (`frame_s` CPU seconds), so one session keeps to half a core however costly its fit."""
    return max(FRAME_INTERVAL_S * load, 2 * frame_s)


def frame_steps(steps_per_frame: int, load: float) -> int:
    """The most steps a playing frame trains: the user's steps per frame, `load` times more under load, so
    the steps a second hold while the frames a second fall (the frame's CPU budget still bounds them)."""
    return max(steps_per_frame, round(steps_per_frame * load))


class Pace:
    """Sizes each chunk from the last frame's speeds, never above the user's limit."""

    def __init__(self, budget_s: float = FRAME_BUDGET_S):
        self.budget_s = budget_s
        self.last_steps = 0
        self.step_s: float | None = None  # seconds per step in the last chunk
        self.draw_s = 0.0  # what the last frame spent on everything but training
        self.train_s = 0.0  # what the last frame spent training

    def steps(self, limit: int, budget_s: float | None = None, load: float = 1.0) -> int:
        """Steps for the next frame: what fits the budget (its own, or `budget_s`) at the last speed, at most
        twice the last chunk, `load` times that when frames come `load` times less often."""
        if self.step_s is None:
            return max(1, min(limit, FIRST_CHUNK))
        # Doubling at most (per frame interval of a lone session): one fast chunk cannot overshoot far, and a
        # slow one (warm-up, another session on the core) is forgotten in a few frames instead of dragging on.
        train_s = max(MIN_TRAIN_S, (budget_s or self.budget_s) - self.draw_s)
        fits = int(train_s / max(self.step_s, 1e-9))
        return max(1, min(limit, fits, round(2 * load * self.last_steps)))

    def record(self, steps: int, seconds: float) -> None:
        """Learn from a chunk of `steps` steps that took `seconds`."""
        if steps > 0:
            self.last_steps, self.step_s, self.train_s = steps, seconds / steps, seconds

    def record_draw(self, seconds: float) -> None:
        """Learn what drawing a frame costs, so training gets the rest of the budget."""
        self.draw_s = seconds

    @property
    def frame_s(self) -> float:
        """CPU seconds of the last frame: its training and its drawing."""
        return self.train_s + self.draw_s
