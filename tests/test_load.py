"""A small run of the load tool's sessions against a real server: who trains, who waits, and that a
closed tab frees its trainer; no traceback in any message. Behaviours only: the timings are the tool's."""

import asyncio
import time

import websockets

from benchmarks.load import Session, serve, visit
from curvefit.slots import STALE_S


def _connect(session):
    return websockets.connect(session.url, subprotocols=["streamlit"], max_size=None)


async def _press_play(session, ws):
    await session.run_page(ws)
    await session.run_page(ws, widget=session.buttons["Play"])


async def _one_trainer_scenario(url):
    first, second, third = (Session(url, name) for name in ("first", "second", "third"))
    async with _connect(first) as ws1, _connect(second) as ws2, _connect(third) as ws3:
        await _press_play(first, ws1)
        last_asked = time.monotonic()  # the first visitor's last frame: its place lasts STALE_S from here
        await _press_play(second, ws2)
        await _press_play(third, ws3)
        assert "playing" in first.status and first.steps > 0
        assert second.status.endswith("position 1") and third.status.endswith("position 2")  # in arrival order
        await ws1.close()  # the first visitor closes the tab, without pausing
        closed = time.monotonic()
        while "waiting" in second.status:  # the second keeps its frames coming, as its browser would
            assert time.monotonic() - closed < STALE_S + 10, "a closed tab kept its trainer"
            await asyncio.sleep(second.fragment[0])
            await second.run_page(ws2, fragment=second.fragment[1])
            await third.run_page(ws3, fragment=third.fragment[1])
        assert time.monotonic() - last_asked >= STALE_S - 1 and second.steps > 0  # freed by going stale
    return [first, second, third]


def test_one_trainer_first_come_first_served_and_a_closed_tab_frees_it():
    with serve(env={"CURVEFIT_TRAINERS": "1"}) as (url, _):
        sessions = asyncio.run(_one_trainer_scenario(url))
    assert sum(session.leaks for session in sessions) == 0


def test_a_short_load_run_shows_no_internals_and_never_more_trainers_than_slots():
    with serve(env={"CURVEFIT_TRAINERS": "2"}) as (url, _):
        training, viewing = asyncio.run(visit(url, trainers=3, viewers=1, seconds=6))
    assert all(session.leaks == 0 for session in training + viewing)
    assert all(session.steps > 0 for session in training[:2]) and viewing[0].latencies
