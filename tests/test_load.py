"""A small run of the load tool's sessions against a real server: who trains, who waits, and that a
closed tab frees its trainer; no traceback in any message. Behaviours only: the timings are the tool's."""

import asyncio
import time
from pathlib import Path

import websockets

from benchmarks.load import Session, serve, visit
from curvefit.serving.slots import STALE_S


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
        assert time.monotonic() - last_asked < STALE_S, "the machine is too slow for this scenario"
        assert "playing" in first.status and first.steps > 0
        statuses = (first.status, second.status, third.status)
        assert statuses[1].endswith("position 1") and statuses[2].endswith("position 2"), statuses  # arrival order
        await second.run_page(ws2, fragment=second.live[0])
        assert second.drawn == ["markdown"]  # a waiting frame sends its status line only, not the charts
        await ws1.close()  # the first visitor closes the tab, without pausing
        closed = time.monotonic()
        while "waiting" in second.status:  # the second keeps its frames coming, as its browser would
            assert time.monotonic() - closed < STALE_S + 120, "a closed tab kept its trainer"  # generous: a busy CI
            await asyncio.sleep(second.live[1])
            await second.run_page(ws2, fragment=second.live[0])
            await third.run_page(ws3, fragment=third.live[0])
        assert time.monotonic() - last_asked >= STALE_S - 1 and second.steps > 0  # freed by going stale
    return [first, second, third]


def test_one_trainer_first_come_first_served_and_a_closed_tab_frees_it():
    with serve(env={"CURVEFIT_TRAINERS": "1"}) as (url, _):
        sessions = asyncio.run(_one_trainer_scenario(url))
    assert sum(session.leaks for session in sessions) == 0


async def _two_on_one_trainer(url):
    sessions, frames = [Session(url, "a"), Session(url, "b")], {"a": [], "b": []}
    async with _connect(sessions[0]) as ws1, _connect(sessions[1]) as ws2:
        for session, ws in zip(sessions, (ws1, ws2), strict=True):
            await _press_play(session, ws)
        for _ in range(12):  # frames, as two browsers would send them
            for session, ws in zip(sessions, (ws1, ws2), strict=True):
                await session.run_page(ws, fragment=session.live[0])
                frames[session.name].append(("waiting" not in session.status, session.drawn, session.steps))
    return frames


def test_two_tabs_on_one_trainer_take_turns_and_only_a_turn_redraws_the_charts():
    with serve(env={"CURVEFIT_TRAINERS": "1"}) as (url, _):
        frames = asyncio.run(_two_on_one_trainer(url))
    for name, seen in frames.items():
        trained = [frame for frame in seen if frame[0]]
        waited = [frame for frame in seen if not frame[0]]
        assert len(trained) >= 3 and len(waited) >= 3, (name, seen)  # each trains, each waits, in turn
        assert all("vega_lite_chart" in drawn for _, drawn, _ in trained)  # a turn's frames redraw the fit
        assert any(drawn == ["markdown"] for _, drawn, _ in waited)  # waiting ones: the status line alone
        assert seen[-1][2] > trained[0][2]  # and its steps go on across turns


def test_a_short_load_run_shows_no_internals_and_every_session_gets_served():
    def enough(training, viewing):  # an event, not a time window: a busy machine only takes longer
        return all(session.steps > 0 for session in training) and len(viewing[0].latencies) >= 2

    with serve(env={"CURVEFIT_TRAINERS": "2"}) as (url, _):
        training, viewing = asyncio.run(visit(url, trainers=3, viewers=1, seconds=240, enough=enough))
    assert enough(training, viewing), ([s.status for s in training], viewing[0].latencies)
    assert all(session.leaks == 0 for session in training + viewing)


def test_the_server_has_loaded_torch_before_its_first_visitor():
    """`streamlit run app.py` serves the page from app.py's st.App, whose module imports torch and the page's
    own modules as the server starts: its first visitor does not wait for them (see benchmarks/first_paint.py)."""
    with serve() as (_, pid):  # healthy, and no session yet
        assert "libtorch" in Path(f"/proc/{pid}/maps").read_text()
