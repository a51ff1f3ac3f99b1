"""The server's CPU by account: one budget for all of a session's work, and turns to whoever used least lately."""

import gc
import threading
import time

from curvefit.budgets.share import HALF_LIFE_S, REFILL_PER_S, STALE_S, Account, Share


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_an_account_pays_for_work_refills_slowly_and_a_click_fills_it():
    clock = Clock()
    account = Account(budget_s=30.0, clock=clock)
    account.pay(31.0)
    assert account.left_s == -1.0 and account.recent_s == 31.0
    clock.now += 100
    assert account.left_s == -1.0 + 100 * REFILL_PER_S  # a download now and then, never a loop
    assert account.recent_s == 31.0 * 0.5 ** (100 / HALF_LIFE_S)  # lately used, then forgiven
    account.fill()
    assert account.left_s == 30.0
    clock.now += 10_000
    assert account.left_s == 30.0  # never more than the whole budget


def test_a_turn_pays_the_cpu_its_work_used():
    account = Account(clock=lambda: 0.0)  # no time passes for the account: nothing decays or refills
    with Share(limit=1).turn(account) as admitted:
        start = time.thread_time()
        while time.thread_time() - start < 0.05:  # CPU work, however long the machine takes to give it
            pass
    assert admitted and account.recent_s >= 0.05 and account.left_s <= account.budget_s - 0.05


def test_of_those_waiting_the_account_that_used_least_lately_goes_first():
    share, order = Share(limit=1, wait_s=600), []
    holder_in, release = threading.Event(), threading.Event()
    heavy, light = Account(), Account()
    heavy.pay(20.0)  # a costly link, or a loop of downloads

    def hold():
        with share.turn(Account()):
            holder_in.set()
            release.wait(600)

    def work(account, name):
        with share.turn(account):
            order.append(name)

    threads = [threading.Thread(target=hold)]
    threads[0].start()
    assert holder_in.wait(60)
    for account, name in ((heavy, "heavy"), (light, "light")):  # the heavy one asks first
        threads.append(threading.Thread(target=work, args=(account, name)))
        threads[-1].start()
    deadline = time.monotonic() + 60
    while not (share.contended() and len(share._waiting) == 2) and time.monotonic() < deadline:
        time.sleep(0.01)
    release.set()
    for thread in threads:
        thread.join(60)
    assert order == ["light", "heavy"]


def test_no_turn_within_the_wait_is_said_and_costs_nothing():
    share, taken, release = Share(limit=1, wait_s=0.05), threading.Event(), threading.Event()

    def hold():
        with share.turn(Account()):
            taken.set()
            release.wait(600)

    holder = threading.Thread(target=hold)
    holder.start()
    assert taken.wait(60)
    account = Account()
    with share.turn(account) as admitted:
        pass
    release.set()
    holder.join(60)
    assert not admitted and account.recent_s == 0 and not share.contended()


def test_wanting_counts_the_accounts_that_asked_lately_and_keeps_none_alive():
    clock = Clock()
    share = Share(limit=2, clock=clock)
    kept = [Account() for _ in range(3)]
    for account in kept:
        with share.turn(account):
            pass
    assert share.wanting() == 3
    clock.now += STALE_S + 1
    assert share.wanting() == 0  # nobody asked lately: a closed tab is not counted
    with share.turn(kept[0]):
        pass
    del kept
    gc.collect()
    assert share.wanting() == 0  # the share holds no account of its own
