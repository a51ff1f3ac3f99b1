"""One real browser on the real server: Play runs frames, Pause stops them, the URL is the link."""

import contextlib
import os
import re
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pandas as pd
import pytest
import torch
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect, sync_playwright

from benchmarks.load import serve
from curvefit import Config
from curvefit.budgets.frame_pace import FRAME_INTERVAL_S

ROOT = Path(__file__).resolve().parent.parent
# Debian's chromium (tests/install_tools.sh), or another Chrome or Chromium named by CURVEFIT_CHROMIUM.
CHROMIUM = os.environ.get("CURVEFIT_CHROMIUM", "/usr/bin/chromium")
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


@contextlib.contextmanager
def _stepping_page(server: str, spf: int, height: int = 950):
    """Chromium on the page at `spf` steps a frame, once its Step button is there: (page, Step)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": height})
        page.goto(f"{server}/?spf={spf}")
        step = page.get_by_role("button", name="Step", exact=True)
        step.wait_for(timeout=60_000)
        yield page, step
        browser.close()


def test_play_pause_and_the_link_in_a_real_browser(server, tmp_path):
    assert shutil.which(CHROMIUM) or os.path.exists(CHROMIUM), "run tests/install_tools.sh first"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        console = []
        page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
        page.goto(f"{server}/?{urllib.parse.urlencode(LINK.to_query())}")
        play = page.get_by_role("button", name="Play")
        play.wait_for(timeout=60_000)
        assert _step(page) == 0
        status = page.get_by_text(re.compile(r"^Step [\d,]+ · train loss"))
        first_paint = status.bounding_box()["y"]
        page.wait_for_function(  # the three charts at step 0: the fit, then, unasked, the units' parts and the loss
            "() => [...document.querySelectorAll('[data-testid=stVegaLiteChart]')]"
            "  .filter(chart => chart.querySelector('canvas, svg')).length >= 3"
            "  && !!document.querySelector('[data-testid=stMain] [data-testid=stButtonGroup]')",
            timeout=60_000,
        )
        assert status.bounding_box()["y"] == first_paint  # the rest of the page came without moving what was there
        assert not [line for line in console if "WARN" in line], console  # Vega warned of empty extents here

        play.click()
        before = page.get_by_text(re.compile(r"best last layer [0-9]")).inner_text()
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
        for _ in range(4):  # the units, loss chart and errors, in a slower fragment of their own, move on too
            page.wait_for_function(  # (more often than the odd full run that resets the frames' timer)
                "before => [...document.querySelectorAll('[data-testid=stCaptionContainer]')]"
                "  .some(c => /best last layer [0-9]/.test(c.innerText) && c.innerText !== before)",
                arg=before,
                timeout=30_000,
            )
            before = page.get_by_text(re.compile(r"best last layer [0-9]")).inner_text()
        page.get_by_role("button", name="Pause").click()
        expect(page.get_by_role("button", name="Play")).to_be_visible(timeout=30_000)
        expect(page.get_by_text(re.compile(r"^Step .* · paused$"))).to_be_visible(timeout=30_000)
        stopped_at = _step(page)
        expect(page.get_by_text(f"Loss={_loss_on_plot(page)}", exact=True)).to_be_visible()  # charts and status agree
        page.wait_for_function(  # and the loss chart has drawn its last frame too: its axis reaches the step
            "step => { const charts = document.querySelectorAll('[data-testid=stVegaLiteChart]');"
            "  const ticks = [...charts[2].querySelectorAll('text')].map(t => Number(t.textContent.replace(/,/g, '')));"
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


HOSTILE_LINK = {
    "act": "[Sign in again](https://example.org/login)",
    "noise": "![x](http://127.0.0.1:9/p.png)",
    "target": "__import__('os')",
    "loss": "www.example.org :red[a] $x$ <b>b</b>",
    "sampling": "a@example.org :smile: `x`",
}
HOSTILE_NAME = "[file](javascript:alert(1)) **name** www.example.org.csv"  # a file name has no slashes
HOSTILE_CSV = b"**x**,![y](http://127.0.0.1:9/y.png),<i>z</i>\n" + b"".join(
    f"{i},{i * i},{-i}\n".encode() for i in range(20)
)


def _markup_in(page) -> list[str]:
    """Tags that Markdown made inside the page's alerts and captions: links, images, emphasis, HTML (but the
    page's own link to its load page, which is ours, not typed by anyone)."""
    return page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=stAlert], [data-testid=stCaptionContainer]')]"
        "  .flatMap(box => [...box.querySelectorAll('a, img, strong, em, b, i, span.katex')])"
        "  .filter(e => !(e.tagName === 'A' && e.getAttribute('href') === 'load'))"
        "  .map(e => e.tagName + ':' + e.textContent)"
    )


def test_what_a_link_or_a_file_says_shows_as_plain_text(server, tmp_path):
    fetched = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("request", lambda request: fetched.append(request.url))
        page.goto(f"{server}/?{urllib.parse.urlencode(HOSTILE_LINK)}")
        warning = page.get_by_text(re.compile("^This link had values"))
        warning.wait_for(timeout=60_000)
        shown = warning.inner_text()
        assert "Activation: '[sign in again](https://example.org/" in shown  # exactly as typed (lower-cased, cut)
        assert "Noise level: '![x](http://127.0.0.1:9/p.png)'" in shown and "__import__('os')" in shown
        assert "Loss: 'www.example.org :red[a] $x$ <b>b</b>'" in shown and "'a@example.org :smile: `x`'" in shown
        assert _markup_in(page) == []

        page.get_by_text("Your own points").click()
        upload = tmp_path / HOSTILE_NAME
        upload.write_bytes(HOSTILE_CSV)
        page.locator("input[type=file]").set_input_files(upload)
        using = page.get_by_text(re.compile("^Training on your 20 points"))
        using.wait_for(timeout=60_000)
        assert f"({HOSTILE_NAME})" in using.inner_text()
        expect(page.get_by_label("x column")).to_have_value("**x**")  # the column pickers show the headers as they are
        expect(page.get_by_label("y column")).to_have_value("![y](http://127.0.0.1:9/y.png)")
        assert _markup_in(page) == []
        # (the page's own component code comes as a blob: URL, made in the page, fetched from nowhere)
        hosts = {urllib.parse.urlsplit(url).netloc for url in fetched if not url.startswith(("blob:", "data:"))}
        assert hosts == {urllib.parse.urlsplit(server).netloc}, hosts  # no picture or link was fetched
        browser.close()


def test_inside_the_fit_in_a_real_browser(server):
    """The tutorial after some steps: three charts drawn, the kinks, pieces and references named."""
    with _stepping_page(server, 100, height=2300) as (page, step):
        for _ in range(6):  # each Step trains a frame's chunk: the step count grows, however fast
            before = _step(page)
            step.click()
            page.wait_for_function(
                "last => [...document.querySelectorAll('p')].some(p => {"
                "  const m = p.innerText.match(/^Step ([\\d,]+) · train loss/);"
                "  return m && Number(m[1].replace(/,/g, '')) > last; })",
                arg=before,
                timeout=30_000,
            )
        expect(page.get_by_text(re.compile(r"straight pieces\. ◆ marks where a unit bends it"))).to_be_visible()
        expect(page.get_by_text(re.compile(r"^Noise floor 0\.00"))).to_be_visible()
        charts = page.locator("[data-testid=stVegaLiteChart]")
        expect(charts).to_have_count(3)  # the fit, the units, the loss (why it learns so: a closed panel)
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-testid=stVegaLiteChart]')]"
            "  .filter(chart => chart.querySelector('canvas, svg.marks')).length === 3",
            timeout=60_000,
        )
        if os.environ.get("CURVEFIT_SCREENSHOT"):  # the README's second picture, beside the first
            page.mouse.move(0, 0)  # no button's help over the picture
            top = page.get_by_text(re.compile(r"^Step [\d,]+ · train loss")).bounding_box()["y"]
            main = page.get_by_test_id("stMainBlockContainer").bounding_box()
            clip = {"x": main["x"], "y": top - 10, "width": main["width"], "height": 1450}
            page.screenshot(path=Path(os.environ["CURVEFIT_SCREENSHOT"]).with_name("inside.png"), clip=clip)
        assert "Traceback" not in page.content()


def test_a_chinese_browser_gets_the_page_in_chinese_and_a_link_can_say_english(server):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(server)  # no lang in the link: st.context.locale, from the browser, decides
        page.get_by_role("button", name="播放").wait_for(timeout=60_000)
        expect(page.get_by_text("学习率", exact=True)).to_be_visible(timeout=60_000)  # the sidebar, once it came
        assert "lang=" not in page.url
        page.goto(f"{server}/?lang=en")
        page.get_by_role("button", name="Play").wait_for(timeout=60_000)
        browser.close()


def test_the_server_answers_a_closed_pages_download_link_with_a_message(server):
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(f"{server}/download/{'x' * 22}/curvefit_data.csv", timeout=30)
    assert answer.value.code == 404 and b"Open the page again" in answer.value.read()


def test_every_download_comes_whole_from_the_real_server_while_it_plays(tmp_path):
    """Each download, clicked while Play runs frames, gives a file that opens as what it says it is.

    While playing, Streamlit's own deferred downloads lost one file in three (deleted before the browser
    fetched it): the page's route makes each file in answer to the click instead (serving/downloads.py).
    The server runs under a path, as behind a proxy: the route must be there too, where the page is.
    """
    with serve(base="curvefit") as (server, _), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        page = context.new_page()
        page.goto(f"{server}/?spf=25")
        step = page.get_by_role("button", name="Step", exact=True)
        step.wait_for(timeout=60_000)
        for target in (25, 50, 75):  # a few frames for the GIF's timeline
            step.click()
            expect(page.get_by_text(re.compile(rf"^Step {target} · train loss"))).to_be_visible(timeout=30_000)
        page.get_by_role("button", name="Play").click()
        page.get_by_role("button", name="Pause").wait_for(timeout=30_000)
        files = {}
        for label in ("Data (CSV)", "Predictions (CSV)", "Weights (.pt)", "PyTorch script (.py)", "Training (GIF)",
                      "The fit (PNG)"):  # fmt: skip
            playing_at = _step(page)
            with page.expect_download(timeout=60_000) as download:
                page.get_by_role("link", name=label).click()
            path = tmp_path / download.value.suggested_filename
            download.value.save_as(path)
            files[label] = path
            page.wait_for_function(  # still playing: the frames go on past the download
                "last => { const m = document.body.innerText.match(/Step ([\\d,]+) · train loss/);"
                "  return m && Number(m[1].replace(/,/g, '')) > last; }",
                arg=playing_at,
                timeout=60_000,
            )
        deadline = time.monotonic() + 30  # the tab each link opened closes itself once its file comes
        while len(context.pages) > 1 and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        assert len(context.pages) == 1
        browser.close()

    data = pd.read_csv(files["Data (CSV)"])
    assert files["Data (CSV)"].name == "curvefit_data.csv" and len(data) == 100
    assert len(pd.read_csv(files["Predictions (CSV)"])) > 0
    weights = torch.load(files["Weights (.pt)"], weights_only=True)
    assert weights["hidden.weight"].shape == (10, 1) and weights["predict.weight"].shape == (1, 10)
    script = files["PyTorch script (.py)"].read_text()
    compile(script, "script", "exec")  # Python, whole
    assert "torch.nn.Linear" in script or "nn.Linear" in script
    with Image.open(files["Training (GIF)"]) as gif:
        frames = []
        for index in range(gif.n_frames):
            gif.seek(index)
            frames.append(gif.convert("RGB").tobytes())
        assert gif.format == "GIF" and len(frames) >= 3 and frames[0] != frames[-1]  # the fit moves
    with Image.open(files["The fit (PNG)"]) as png:
        assert png.format == "PNG" and png.size[0] > 100


def _top(page, locator) -> float:
    return locator.bounding_box()["y"]


def test_nothing_moves_when_play_and_pause_swap_the_timeline_for_its_line(server):
    """The timeline's slider is there only while paused; its place is as tall with it as without, so the status
    line and the fit stay under the mouse at Play and at Pause."""
    with _stepping_page(server, 25) as (page, step):
        status = page.get_by_text(re.compile(r"^Step [\d,]+ · train loss"))
        fit = page.locator("[data-testid=stVegaLiteChart]").first
        at_start = (_top(page, status), _top(page, fit))
        for target in (25, 50):
            step.click()
            expect(page.get_by_text(re.compile(rf"^Step {target} · train loss"))).to_be_visible(timeout=30_000)
        slider = page.get_by_text("Timeline: show the fit at step")
        slider.wait_for(timeout=30_000)
        paused = (_top(page, status), _top(page, fit))
        slider_box = page.locator("[data-testid=stSlider]").bounding_box()
        page.get_by_role("button", name="Play").click()
        page.get_by_text("Timeline: pause to look back").wait_for(timeout=30_000)
        playing = (_top(page, status), _top(page, fit))
        page.get_by_role("button", name="Pause").click()
        slider.wait_for(timeout=30_000)
        again = (_top(page, status), _top(page, fit))
    assert at_start == paused == playing == again, (at_start, paused, playing, again)
    assert slider_box["height"] > 30  # the slider was drawn whole in its place, not cut to a sliver


def test_pause_keeps_the_fit_that_was_on_the_screen_at_the_click(server):
    """The frames the browser asked for before the click, and the one it had not drawn yet, are undone."""
    watch = """() => document.addEventListener('click', () => {
      const m = document.body.innerText.match(/Step ([\\d,]+) · train loss/);
      window.clickedAt = m && Number(m[1].replace(/,/g, ''));
    }, true)"""  # (the test's own listener, added first: it reads the screen as the page's does)
    with _stepping_page(server, 5) as (page, _):
        page.get_by_role("button", name="Play").click(timeout=60_000)
        page.evaluate(watch)
        kept = []
        for _ in range(8):  # (without the page's own listener, 1 try in 2 kept a frame or more past the screen's)
            page.get_by_role("button", name="Pause").wait_for(timeout=30_000)
            page.wait_for_function("() => /· playing/.test(document.body.innerText)", timeout=30_000)
            page.wait_for_timeout(500)  # a few frames in flight, as when a learner clicks
            page.get_by_role("button", name="Pause").click()
            page.get_by_role("button", name="Play").wait_for(timeout=30_000)
            expect(page.get_by_text(re.compile(r"^Step [\d,]+ · train loss .* · paused$"))).to_be_visible(
                timeout=30_000
            )
            kept.append((_step(page), page.evaluate("window.clickedAt")))
            page.get_by_role("button", name="Play").click()
    assert all(step == shown for step, shown in kept), kept


def test_a_tooltip_names_its_numbers_rounded_and_a_decoration_has_none(server):
    def tips_along(page, box, x_fraction, positions, enough):
        found = []
        for k in range(positions):  # down the plot's height, a few pixels apart: the points and the lines are met
            page.mouse.move(
                box["x"] + box["width"] * x_fraction, box["y"] + box["height"] * (0.25 + 0.5 * k / positions)
            )
            tip = page.locator("#vg-tooltip-element")
            with contextlib.suppress(PlaywrightTimeout):  # (none comes over empty space: that is an answer too)
                tip.wait_for(state="visible", timeout=1500)
                found.append(tip.inner_text())
            if len(found) >= enough:
                break
        return found

    with _stepping_page(server, 100) as (page, step):
        step.click()
        expect(page.get_by_text(re.compile(r"^Step 100 · train loss"))).to_be_visible(timeout=30_000)
        fit = page.locator("[data-testid=stVegaLiteChart]").first
        fit.locator("canvas, svg").first.wait_for(timeout=60_000)
        box = fit.bounding_box()
        beyond = tips_along(page, box, 0.09, positions=6, enough=6)  # the shaded range beyond the data
        inside = tips_along(page, box, 0.5, positions=24, enough=3)  # the middle: the points and the red line
    assert not any("x2" in tip for tip in beyond), beyond  # a decoration says nothing
    assert inside, "no tooltip met down the middle of the fit"
    for tip in inside:  # names, and numbers of at most 4 significant digits
        assert re.search(r"\bx\b", tip) and re.search(r"\by\b", tip), tip
        numbers = re.findall(r"\d[\d.]*", tip)
        assert all(len(n.replace(".", "").lstrip("0")) <= 4 for n in numbers), tip
