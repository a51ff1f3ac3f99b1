"""A process-wide, first-come-first-served limit on how many sessions train at the same moment.

Module state on purpose: st.cache_resource can be cleared by any client, this cannot.
"""

import os
import threading
import time
from collections.abc import Callable

STALE_S = 5.0  # a session that has not asked for this long is gone (closed tab): its place is freed


class Slots:
    """At most `limit` holders; the rest wait in arrival order; a holder steps back after each turn."""

    def __init__(self, limit: int, stale_s: float = STALE_S, clock: Callable[[], float] = time.monotonic):
        self.limit, self.stale_s, self._clock = limit, stale_s, clock
        self._lock = threading.Lock()  # guards the queue only; nobody waits on it for a slot
        self._queue: dict[str, float] = {}  # who -> last asked; dicts keep arrival order

    def request(self, who: str) -> int:
        """0 if `who` may train now, else its place in the waiting line (1 is next)."""
        with self._lock:
            now = self._clock()
            for other in [o for o, seen in self._queue.items() if now - seen > self.stale_s]:
                del self._queue[other]
            self._queue[who] = now  # a newcomer joins the end; someone known keeps their place
            return self._place(who)

    def step_back(self, who: str) -> int:
        """After a turn: to the back of the line, so those waiting go first (round robin); returns the place."""
        with self._lock:
            if len(self._queue) > self.limit and self._queue.pop(who, None) is not None:
                self._queue[who] = self._clock()
            return self._place(who)

    def _place(self, who: str) -> int:  # (under the lock)
        place = list(self._queue).index(who) if who in self._queue else 0
        return 0 if place < self.limit else place - self.limit + 1

    def release(self, who: str) -> None:
        """Give up the slot or the place in line."""
        with self._lock:
            self._queue.pop(who, None)

    def wanting(self) -> int:
        """How many hold a slot or wait for one."""
        with self._lock:
            return len(self._queue)

    def holders(self) -> list[str]:
        """Who holds a slot now."""
        with self._lock:
            return list(self._queue)[: self.limit]


# One per process: as many sessions train at once as there are cores, since each trains on one thread;
# CURVEFIT_TRAINERS sets another number (for a host that shares its cores, or for a test).
TRAINERS = Slots(limit=int(os.environ.get("CURVEFIT_TRAINERS") or 0) or max(1, os.cpu_count() or 1))
