"""A small run of the load tool's sessions against a real server: everyone trains, nobody waits in a line;
no traceback in any message. Behaviours only: the timings are the tool's."""

import asyncio
import time
import urllib.error
import urllib.request
from pathlib import Path

from benchmarks.load import Session, serve, visit


async def _press_play(session, ws):
    await session.run_page(ws)
    await session.run_page(ws, widget=session.buttons["Play"])


async def _three_on_one_turn(url):
    sessions, frames = [Session(url, name) for name in "abc"], {name: [] for name in "abc"}
    async with sessions[0].connect() as ws1, sessions[1].connect() as ws2, sessions[2].connect() as ws3:
        sockets = (ws1, ws2, ws3)
        for session, ws in zip(sessions, sockets, strict=True):
            await _press_play(session, ws)
        for _ in range(8):  # frames, as three browsers would send them, one after another
            for session, ws in zip(sessions, sockets, strict=True):
                await session.run_page(ws, fragment=session.live[0])
                frames[session.name].append((session.status, session.drawn, session.steps))
    return frames


def test_three_tabs_on_one_cpu_turn_all_train_and_none_waits_in_a_line():
    with serve(env={"CURVEFIT_TRAINERS": "1"}) as (url, _):
        frames = asyncio.run(_three_on_one_turn(url))
    for name, seen in frames.items():
        steps = [step for _, _, step in seen]
        assert steps[-1] > steps[0] > 0, (name, seen)  # each one's learning goes on
        assert all("vega_lite_chart" in drawn for _, drawn, _ in seen)  # every frame redraws its fit
        assert not any("position" in status for status, _, _ in seen)  # nobody is told a place in a line


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


async def _link_then_close(url: str) -> str:
    session = Session(url, "closing")
    async with session.connect() as ws:
        await session.run_page(ws)
        rest = min(session.timers, key=session.timers.get)  # the run that brings the rest of the page
        await session.run_page(ws, fragment=rest)
        link = f"{url}/{session.download_link}"
        with urllib.request.urlopen(link, timeout=60) as answer:  # open: the file comes
            assert answer.status == 200
    return link


def test_a_closed_tabs_download_link_ends_with_its_session_whatever_the_collector_does():
    with serve("--server.disconnectedSessionTTL", "2") as (url, _):
        link = asyncio.run(_link_then_close(url))
        deadline = time.monotonic() + 120  # the session's 2 s, on a machine that may be busy
        while True:
            try:
                urllib.request.urlopen(link, timeout=60).close()
            except urllib.error.HTTPError as error:
                assert error.code == 404 and b"is closed" in error.read()
                break
            assert time.monotonic() < deadline, "a closed tab's link still gave its file"
            time.sleep(0.5)
