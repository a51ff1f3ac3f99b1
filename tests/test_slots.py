"""Slots: first come, first served; never more holders than the limit; the gone and the done make room."""

import threading

from curvefit.serving.slots import Slots


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_first_come_first_served_and_places_in_line():
    slots = Slots(limit=2, clock=Clock())
    assert [slots.request(who) for who in "abcde"] == [0, 0, 1, 2, 3]
    slots.release("a")
    assert slots.request("c") == 0 and slots.request("d") == 1 and slots.request("e") == 2
    assert slots.request("b") == 0  # asking again keeps your place, it does not send you to the back
    assert slots.holders() == ["b", "c"]


def test_a_session_that_stops_asking_loses_its_slot():
    clock = Clock()
    slots = Slots(limit=1, stale_s=5.0, clock=clock)
    assert slots.request("gone") == 0 and slots.request("waiting") == 1
    for _ in range(6):  # "waiting" keeps asking each second; "gone" closed its tab
        clock.now += 1.0
        place = slots.request("waiting")
    assert place == 0 and slots.holders() == ["waiting"]


def test_many_threads_never_hold_more_than_the_limit_and_all_get_a_turn():
    slots, limit, rounds = Slots(limit=2), 2, 50
    holding, most, served = set(), [0], set()
    guard = threading.Lock()

    def session(name):
        done = 0
        while done < rounds:
            if slots.request(name) == 0:
                with guard:
                    holding.add(name)
                    most[0] = max(most[0], len(holding))
                sum(range(2000))  # a little training, so holders overlap if the limit leaks
                with guard:
                    holding.discard(name)
                done += 1
                served.add(name)
                slots.release(name)  # paused: the next in line goes

    threads = [threading.Thread(target=session, args=(f"s{i}",)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert most[0] <= limit and len(served) == 8


def test_holders_step_back_after_their_turn_only_when_others_wait():
    slots = Slots(limit=2, clock=Clock())
    for who in "abc":
        slots.request(who)
    assert slots.step_back("a") == 1  # c was waiting: a goes behind it
    assert slots.holders() == ["b", "c"] and slots.request("a") == 1
    alone = Slots(limit=2, clock=Clock())
    alone.request("x")
    assert alone.step_back("x") == 0  # nobody waits: x keeps its slot
    assert alone.request("x") == 0


def test_round_robin_gives_everyone_turns():
    slots, turns = Slots(limit=2, clock=Clock()), {}
    sessions = [f"s{i}" for i in range(10)]
    for _ in range(50):  # frames: everyone asks; holders train one chunk and step back
        for who in sessions:
            if slots.request(who) == 0:
                turns[who] = turns.get(who, 0) + 1
                slots.step_back(who)
    counts = list(turns.values())
    assert len(counts) == 10 and max(counts) - min(counts) <= 1
