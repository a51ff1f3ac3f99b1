"""One real browser on the real server: Play runs frames, Pause stops them, the URL is the link."""

import os
import re
import shutil
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from benchmarks.load import serve
from curvefit import Config
from curvefit.ui.live import FRAME_INTERVAL_S

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
LINK = Config(target="sin", hidden=(16, 16), act="tanh", opt="adam", lr=0.02, test=0.2, seed=3)


@pytest.fixture(scope="module")
def server():
    with serve() as (url, _):
        yield url


def _step(page) -> int:
    status = page.get_by_text(re.compile(r"^Step [\d,]+ · train loss")).inner_text()
    return int(re.match(r"Step ([\d,]+)", status).group(1).replace(",", ""))


def _loss_on_plot(page) -> str:
    """The train loss of the status line, as the fit chart writes it (Loss=%.4f)."""
    status = page.get_by_text(re.compile(r"^Step [\d,]+ · train loss")).inner_text()
    return f"{float(re.search(r'train loss ([0-9.e+-]+)', status).group(1)):.4f}"


def test_play_pause_and_the_link_in_a_real_browser(server, tmp_path):
    assert shutil.which(CHROMIUM) or os.path.exists(CHROMIUM), "run tests/install_browser.sh first"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{server}/?{urllib.parse.urlencode(LINK.to_query())}")
        play = page.get_by_role("button", name="Play")
        play.wait_for(timeout=60_000)
        assert _step(page) == 0

        play.click()
        seen = {_step(page)}
        for _ in range(3):  # several frames, each a higher step, with no click in between
            page.wait_for_function(
                "last => [...document.querySelectorAll('p')].some(p => {"
                "  const m = p.innerText.match(/^Step ([\\d,]+) · train loss/);"
                "  return m && Number(m[1].replace(/,/g, '')) > last; })",
                arg=max(seen),
                timeout=30_000,
            )
            seen.add(_step(page))
        assert len(seen) >= 4 and "playing" in page.get_by_text(re.compile(r"^Step ")).inner_text()
        page.get_by_role("button", name="Pause").click()
        expect(page.get_by_role("button", name="Play")).to_be_visible(timeout=30_000)
        expect(page.get_by_text(re.compile(r"^Step .* · paused$"))).to_be_visible(timeout=30_000)
        stopped_at = _step(page)
        expect(page.get_by_text(f"Loss={_loss_on_plot(page)}")).to_be_visible()  # charts and status agree
        page.wait_for_function(  # and the loss chart has drawn its last frame too: its axis reaches the step
            "step => { const charts = document.querySelectorAll('[data-testid=stVegaLiteChart]');"
            "  const ticks = [...charts[1].querySelectorAll('text')].map(t => Number(t.textContent.replace(/,/g, '')));"
            "  return Math.max(...ticks.filter(Number.isFinite)) >= 0.8 * step; }",
            arg=stopped_at,
            timeout=30_000,
        )
        page.screenshot(path=tmp_path / "page.png")
        if os.environ.get("CURVEFIT_SCREENSHOT"):  # refresh the README's picture on purpose only
            page.screenshot(path=os.environ["CURVEFIT_SCREENSHOT"])
        page.wait_for_timeout(4 * FRAME_INTERVAL_S * 1000)  # a window of several frames: nothing may move
        assert _step(page) == stopped_at

        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(page.url).query))
        assert Config.from_query(query) == LINK and query["spf"]
        assert "Traceback" not in page.content()
        browser.close()
