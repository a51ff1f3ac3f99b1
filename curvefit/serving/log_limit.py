"""A server log that stays small whatever strangers ask: one traceback per kind of failure a minute, then a count."""

import logging
import threading
import time

EVERY_S = 60.0  # a failure a script repeats in a loop would otherwise write megabytes of log a second


class LimitedLog:
    """Logs an exception's traceback at most once every `every_s` seconds per kind, and how many were not logged."""

    def __init__(self, logger: logging.Logger, every_s: float = EVERY_S, clock=time.monotonic):
        self.logger, self.every_s, self._clock = logger, every_s, clock
        self._lock = threading.Lock()
        self._last: dict[str, float] = {}  # kind -> when it was last logged
        self._unlogged: dict[str, int] = {}  # kind -> failures since then

    def exception(self, kind: str, message: str) -> None:
        """Log the exception being handled, unless one of this `kind` was logged within `every_s` seconds."""
        with self._lock:
            now = self._clock()
            if now - self._last.get(kind, -self.every_s) < self.every_s:
                self._unlogged[kind] = self._unlogged.get(kind, 0) + 1
                return
            self._last[kind], unlogged = now, self._unlogged.pop(kind, 0)
        more = f" ({unlogged} more since the last one, not logged)" if unlogged else ""
        self.logger.exception("%s%s", message, more)
