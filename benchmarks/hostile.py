"""An ordinary visitor beside hostile tabs: tabs looping their downloads, or replaying a costly link.

Run: .venv/bin/python -m benchmarks.hostile --downloaders 0 12 --replayers 0 5 --seconds 20
Loopback only and bounded: each row starts `streamlit run` on 127.0.0.1 (see load.serve), opens the hostile
tabs over Streamlit's websocket protocol (downloads over plain HTTP with the tab's own link), lets them work
for a few seconds, then a visitor opens the tutorial's page and presses Play for --seconds. It prints the
visitor's first chart and whole page (seconds) and its Play (steps a second), each beside the idle row's.
"""

import argparse
import asyncio
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from benchmarks.load import Session, serve

DOWNLOADING_LINK = "n=100000"  # the costliest files: 100,000 points' CSV, their PNG and GIF
LOOPED = ("curvefit_data.csv", "curvefit_training.gif", "curvefit_fit.png")
REPLAYING_LINK = "n=100000&hidden=10&act=gelu&opt=adam&batch=1&step=90000"  # 28.6 s predicted: within a page's 30


async def _whole_page(session: Session, ws) -> tuple[float, float]:
    """A new visitor's first run, then the run its timer asks for: (first chart, whole page) in seconds."""
    start = time.perf_counter()
    await session.run_page(ws)
    first = session.first_chart_s
    rest, after_s = min(session.timers.items(), key=lambda timer: timer[1])  # the first run's: the rest of the page
    await asyncio.sleep(after_s)
    await session.run_page(ws, fragment=rest)
    return first, time.perf_counter() - start - after_s  # (less the wait the page asks for on purpose)


async def _keep_frames(session: Session, ws, until: float) -> None:
    """Run the live part's timer as a browser would, until `until`."""
    while time.monotonic() < until and session.timers:
        fragment, interval = session.live
        await asyncio.sleep(interval)
        await session.run_page(ws, fragment=fragment)


async def _replayer(url: str, name: str, until: float, ready: list) -> None:
    session = Session(url, name, REPLAYING_LINK)
    async with session.connect() as ws:
        await _whole_page(session, ws)
        ready.append(name)
        await _keep_frames(session, ws, until)


def _loop_downloads(url: str, link: str, stop: threading.Event, counts: list) -> None:
    """GET the tab's files one after another until told to stop, counting each answer's status."""
    while not stop.is_set():
        for name in LOOPED:
            try:
                with urllib.request.urlopen(f"{url}/{link}/{name}", timeout=60):
                    counts.append(200)
            except urllib.error.HTTPError as error:
                counts.append(error.code)
            except OSError:
                counts.append(0)


async def _downloader(url: str, name: str, until: float, playing: bool, pool, stop, counts: list, ready: list):
    session = Session(url, name, DOWNLOADING_LINK)
    async with session.connect() as ws:
        await _whole_page(session, ws)
        await session.run_page(ws, widget=session.buttons["Step"])  # a timeline for the GIF
        if playing:  # a new state of the fit each frame: nothing is sent again from the kept files
            await session.run_page(ws, widget=session.buttons["Play"])
        token = session.download_link.rsplit("/", 1)[0]  # download/<token>
        loop = asyncio.get_running_loop()
        loops = [loop.run_in_executor(pool, _loop_downloads, url, token, stop, counts) for _ in range(2)]
        ready.append(name)
        if playing:
            await _keep_frames(session, ws, until)
        await asyncio.gather(*loops)


async def _visitor(url: str, seconds: float) -> dict:
    session = Session(url, "visitor")
    async with session.connect() as ws:
        first, whole = await _whole_page(session, ws)
        await session.run_page(ws, widget=session.buttons["Play"])
        start, steps = time.monotonic(), session.steps
        await _keep_frames(session, ws, start + seconds)
        rate = (session.steps - steps) / (time.monotonic() - start)
    return {"first_chart_s": first, "whole_s": whole, "play_steps_s": rate}


async def _scene(url: str, downloaders: int, replayers: int, seconds: float, playing: bool, warm_up_s: float) -> dict:
    until = time.monotonic() + 600  # the hostile tabs outlast the visitor (they are stopped when it is done)
    counts: list[int] = []
    ready: list[str] = []
    stop = threading.Event()
    with ThreadPoolExecutor(max(1, 2 * downloaders)) as pool:
        hostile = [asyncio.create_task(_replayer(url, f"r{i}", until, ready)) for i in range(replayers)]
        for i in range(downloaders):
            downloader = _downloader(url, f"d{i}", until, playing, pool, stop, counts, ready)
            hostile.append(asyncio.create_task(downloader))
        while len(ready) < len(hostile):  # every hostile tab open and at work
            await asyncio.sleep(0.2)
        await asyncio.sleep(warm_up_s if hostile else 0)
        counts.clear()  # what they got while the visitor was there
        visited = await _visitor(url, seconds)
        stop.set()
        for task in hostile:
            task.cancel()
        await asyncio.gather(*hostile, return_exceptions=True)
    statuses = {code: counts.count(code) for code in sorted(set(counts))}
    return {**visited, "downloads": statuses}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--downloaders", type=int, nargs="+", default=[0, 12])
    parser.add_argument("--replayers", type=int, nargs="+", default=[0, 5])
    parser.add_argument("--seconds", type=float, default=20.0, help="how long the visitor plays")
    parser.add_argument("--playing", action="store_true", help="the downloading tabs play too (no file is kept)")
    parser.add_argument("--warm-up", type=float, default=5.0, help="seconds the hostile tabs work, all open, first")
    args = parser.parse_args(argv)
    scenes = [(0, 0)] + [(d, 0) for d in args.downloaders if d] + [(0, r) for r in args.replayers if r]
    print(f"{'scene':>24} {'first chart':>11} {'whole page':>10} {'Play steps/s':>12}  downloads by status")
    idle = None
    for downloaders, replayers in scenes:
        with serve() as (url, _):
            asyncio.run(_visitor(url, 1.0))  # torch and the page warm
            found = asyncio.run(_scene(url, downloaders, replayers, args.seconds, args.playing, args.warm_up))
        idle = idle or found
        name = f"{downloaders} downloading" if downloaders else f"{replayers} replaying" if replayers else "idle"
        print(
            f"{name:>24} {found['first_chart_s']:>6.2f}s {found['first_chart_s'] / idle['first_chart_s']:>3.1f}x"
            f" {found['whole_s']:>5.2f}s {found['whole_s'] / idle['whole_s']:>3.1f}x"
            f" {found['play_steps_s']:>6.0f} {found['play_steps_s'] / max(idle['play_steps_s'], 1e-9):>4.2f}x"
            f"  {found['downloads']}"
        )


if __name__ == "__main__":
    main()
