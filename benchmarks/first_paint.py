"""How long a new visitor waits for Play and the first chart, against a bare Streamlit page, side by side.

Run: .venv/bin/python -m benchmarks.first_paint --visits 5
Both pages are served the same way (`streamlit run` on 127.0.0.1, the project's .streamlit/config.toml),
and opened in headless Chromium, each visit in a fresh browser context (no cache): warm, on a server that
has served a visit already (median of --visits); and cold, the first visit after a server start (median
of --starts), the two pages visit for visit in turn. It prints the seconds and the ratios to the bare
page, the server's own share (how long the page's first script run takes, timed over Streamlit's websocket
protocol), how long a server takes to start (until it answers its health check: curvefit's loads torch
then, see app.py), and how long a warm visit waits for the whole page (for curvefit: the sidebar's
settings, the three charts and the errors table).
"""

import argparse
import asyncio
import collections
import concurrent.futures
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.load import Session, serve
from tests.test_browser import CHROMIUM, FLAGS

BARE = """import altair as alt
import pandas as pd
import streamlit as st

st.button("Play")
st.altair_chart(alt.Chart(pd.DataFrame({"x": range(100), "y": range(100)})).mark_line().encode(x="x", y="y"))
"""
PAINTED = (  # Play and a chart drawn: what a visitor needs before anything else
    "() => [...document.querySelectorAll('button')].some(b => b.innerText.trim().endsWith('Play'))"
    " && !!document.querySelector('[data-testid=stVegaLiteChart] canvas, [data-testid=stVegaLiteChart] svg.marks')"
)
WHOLE = (  # curvefit's whole page: what its first run leaves to the run right after (ui/first_paint.py)
    "() => document.querySelectorAll('[data-testid=stVegaLiteChart] canvas, [data-testid=stVegaLiteChart] svg.marks')"
    ".length >= 3 && document.querySelectorAll('[data-testid=stSidebar] [data-testid=stNumberInput]').length >= 5"
    " && !!document.querySelector('[data-testid=stTable]')"
)


def visit_s(browser, url: str, until: str = PAINTED) -> float:
    """Seconds from asking for the page until Play and a chart (or `until`) are on it, in a fresh context."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_function(until, timeout=120_000, polling=50)
    seconds = time.perf_counter() - start
    context.close()
    return seconds


def script_run_s(url: str) -> float:
    """Seconds the server takes for a new session's first run of the page."""

    async def first_run() -> float:
        session = Session(url, "first-paint")
        async with session.connect() as ws:
            return await session.run_page(ws)

    with concurrent.futures.ThreadPoolExecutor(1) as thread:  # playwright's sync API holds this thread's loop
        return thread.submit(asyncio.run, first_run()).result()


def measure(app: Path, bare: Path, visits: int, starts: int, browser) -> dict[str, dict[str, float]]:
    """Medians of warm and cold visits, the server's first run, and warm visits until the whole page, for
    both pages, visit for visit in turn: this machine's speed drifts over minutes, and both share it."""
    pages = {"curvefit": (app, WHOLE), "bare page": (bare, PAINTED)}
    times = {name: collections.defaultdict(list) for name in pages}
    for _ in range(starts):
        for name, (script, _) in pages.items():
            starting = time.perf_counter()
            with serve(script=script) as (url, _):
                times[name]["start"].append(time.perf_counter() - starting)  # (polled every 0.2 s)
                times[name]["cold"].append(visit_s(browser, url))
    with serve(script=app) as (app_url, _), serve(script=bare) as (bare_url, _):
        urls = {"curvefit": app_url, "bare page": bare_url}
        for url in urls.values():
            visit_s(browser, url)  # the server's imports are done: from here on it is warm
        for _ in range(visits):
            for name, url in urls.items():
                times[name]["warm"].append(visit_s(browser, url))
                times[name]["run"].append(script_run_s(url))
                times[name]["whole"].append(visit_s(browser, url, pages[name][1]))
    return {name: {key: statistics.median(seconds) for key, seconds in kept.items()} for name, kept in times.items()}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=5)
    parser.add_argument("--starts", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        bare_script = Path(folder) / "bare.py"
        bare_script.write_text(BARE)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        app_script = Path(__file__).resolve().parent.parent / "app.py"
        measured = measure(app_script, bare_script, args.visits, args.starts, browser)
        browser.close()
    app, bare = measured["curvefit"], measured["bare page"]
    print(f"{'':>22} {'curvefit':>9} {'bare page':>9} {'ratio':>6}")
    rows = {
        "warm": "warm server, a visit",
        "start": "server start, healthy",
        "cold": "first visit after start",
        "run": "server's first run",
        "whole": "the whole page, warm",
    }
    for key, name in rows.items():
        print(f"{name:>22} {app[key]:>8.2f}s {bare[key]:>8.2f}s {app[key] / bare[key]:>5.2f}x")


if __name__ == "__main__":
    main()
