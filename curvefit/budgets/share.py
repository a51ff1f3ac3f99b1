"""The server's CPU among its sessions: one account each for all its work, and turns by who used least lately.

Module state on purpose (SHARE): st.cache_resource can be cleared by any client, this cannot. It holds an
account only while its work waits or runs, so a closed tab leaves nothing here.
"""

import collections
import contextlib
import os
import threading
import time
import weakref
from collections.abc import Callable, Iterator

# CPU seconds of work a session's account holds: a click asking for work fills it, and everything the session
# asks for is paid from it; a link's replay to its step may take no more (predicted, allowed.py), so a hostile
# step count buys what any Play can.
BUDGET_S = 30.0
# CPU seconds an account regains each second, up to its whole budget: a download now and then, never a loop.
REFILL_PER_S = 0.05
HALF_LIFE_S = 5.0  # how fast past use is forgiven when the next turn is chosen
WAIT_S = 1.0  # the longest a piece of work waits for a turn; then it does without (a frame draws, untrained)
STALE_S = 5.0  # an account that has not asked for a turn this long is not counted as wanting one
RATE_WINDOW_S = 10.0  # steps a second are counted over this long (the load page's numbers)


class Account:
    """What one session may still spend (CPU seconds: a click asking for work fills it, every kind of work pays
    from it, and it slowly refills) and what it spent lately (which orders the turns)."""

    def __init__(self, budget_s: float = BUDGET_S, clock: Callable[[], float] = time.monotonic):
        self.budget_s, self._clock = budget_s, clock
        self._left, self._recent, self._at = budget_s, 0.0, clock()
        self.asked = -STALE_S  # when it last asked for a turn
        self._lock = threading.RLock()  # a page's downloads pay from other threads than its frames
        self._trained: collections.deque = collections.deque()  # (when, steps) of the last RATE_WINDOW_S
        self._training_since: float | None = None  # when its steps began to come without a pause of a window

    def _now(self) -> None:  # (under the lock)
        now = self._clock()
        elapsed, self._at = max(0.0, now - self._at), now
        self._left = min(self.budget_s, self._left + REFILL_PER_S * elapsed)
        self._recent *= 0.5 ** (elapsed / HALF_LIFE_S)

    @property
    def left_s(self) -> float:
        """CPU seconds it may still spend."""
        with self._lock:
            self._now()
            return self._left

    @property
    def recent_s(self) -> float:
        """CPU seconds it spent lately, each halved every HALF_LIFE_S."""
        with self._lock:
            self._now()
            return self._recent

    def fill(self) -> None:
        """A person asked for work (Play, Step, the band): the whole budget again."""
        with self._lock:
            self._now()
            self._left = self.budget_s

    def pay(self, seconds: float) -> None:
        """Work done for this session, whatever kind, at what it cost."""
        with self._lock:
            self._now()
            self._left -= seconds
            self._recent += seconds

    def trained(self, steps: int) -> None:
        """Its fit moved on by `steps` steps."""
        with self._lock:
            now = self._clock()
            self._forget_before(now - RATE_WINDOW_S)
            if self._training_since is None:
                self._training_since = now
            self._trained.append((now, steps))

    def steps_per_s(self) -> float | None:
        """Its steps a second over the last RATE_WINDOW_S (or since it began, if later); None if it trained none."""
        with self._lock:
            now = self._clock()
            self._forget_before(now - RATE_WINDOW_S)
            if self._training_since is None:
                return None
            return sum(steps for _, steps in self._trained) / max(1.0, min(RATE_WINDOW_S, now - self._training_since))

    def _forget_before(self, then: float) -> None:  # (under the lock)
        while self._trained and self._trained[0][0] <= then:
            self._trained.popleft()
        if not self._trained:
            self._training_since = None


class Share:
    """At most `limit` pieces of work at once; of those waiting, the account that spent least lately goes next,
    so a session that asks often or for costly work waits behind one that asks little."""

    def __init__(self, limit: int, wait_s: float = WAIT_S, clock: Callable[[], float] = time.monotonic):
        self.limit, self.wait_s, self._clock = limit, wait_s, clock
        self._turns = threading.Condition()
        self._running = 0
        self._waiting: list[Account] = []
        self._askers: weakref.WeakSet = weakref.WeakSet()  # accounts that asked for a turn (see wanting)

    @contextlib.contextmanager
    def turn(self, account: Account) -> Iterator[bool]:
        """True once it is `account`'s turn, False if none came within wait_s (then do without); the work
        done inside, as this thread's CPU time, is paid from the account."""
        admitted = self._enter(account)
        start = time.thread_time()
        try:
            yield admitted
        finally:
            if admitted:
                account.pay(time.thread_time() - start)
                with self._turns:
                    self._running -= 1
                    self._turns.notify_all()

    def wanting(self, account: Account | None = None) -> int:
        """How many accounts asked for a turn within the last STALE_S seconds, `account` counted in any case."""
        now = self._clock()
        with self._turns:  # (a WeakSet changed by another thread while it is read raises)
            askers = {*self._askers, account} - {None}
        return sum(now - other.asked < STALE_S or other is account for other in askers)

    def rates(self) -> list[float]:
        """The steps a second of each session that trained lately (no session's settings or data)."""
        with self._turns:
            askers = list(self._askers)
        return [rate for account in askers if (rate := account.steps_per_s()) is not None]

    def contended(self) -> bool:
        """Whether work is waiting for a turn now: then costly work comes in small pieces."""
        with self._turns:
            return bool(self._waiting)

    def _enter(self, account: Account) -> bool:
        account.asked = self._clock()
        deadline = time.monotonic() + self.wait_s
        with self._turns:
            self._askers.add(account)
            self._waiting.append(account)
            try:
                while not (self._running < self.limit and self._next() is account):
                    left = deadline - time.monotonic()
                    if left <= 0:
                        return False
                    self._turns.wait(left)
                self._running += 1
                return True
            finally:
                self._waiting.remove(account)
                self._turns.notify_all()  # the next in line may be someone else now

    def _next(self) -> Account:  # (under the lock)
        return min(self._waiting, key=lambda account: account.recent_s)


# One per process, one turn at a time: a process runs Python on one core at once (its interpreter lock), so a
# second turn only took that core from the page runs outside the turns (docs/hosting.md measures both).
# CURVEFIT_TRAINERS sets another number.
SHARE = Share(limit=int(os.environ.get("CURVEFIT_TRAINERS") or 0) or 1)
