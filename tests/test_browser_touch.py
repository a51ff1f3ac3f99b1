"""Touching the curve in a real browser: a drag moves a point while the net trains, a stroke becomes the target,
a phone taps and holds, and the link to drawn points gives a fresh browser the very same points and fit."""

import io
import re

import numpy as np
import pandas as pd
import pytest
from playwright.sync_api import sync_playwright

from benchmarks.load import serve
from tests.test_browser import CHROMIUM, FLAGS, _step

READY = "() => { const t = window.curvefitTouch; return !!(t && t.plot && t.plot() && t.data.enabled); }"


@pytest.fixture(scope="module")
def server():
    with serve() as (url, _):
        yield url


@pytest.fixture()
def chromium():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def _open(browser, url: str, **options):
    page = browser.new_context(**{"viewport": {"width": 1400, "height": 1000}, **options}).new_page()
    page.goto(url)
    page.wait_for_function(READY, timeout=90_000)
    return page


def _points(page) -> tuple[list[float], list[float], str]:
    """The points as the server last sent them to the page (x, y, their version)."""
    return page.evaluate("() => { const d = window.curvefitTouch.data; return [d.x, d.y, d.version]; }")


def _changed(page, version: str) -> None:
    page.wait_for_function(f"() => window.curvefitTouch.data.version !== '{version}'", timeout=60_000)


def _pixels(page, x: float, y: float) -> list[float]:
    return page.evaluate(f"() => window.curvefitTouch.plot().toPixels({x}, {y})")


def _to_data(page, px: float, py: float) -> list[float]:
    return page.evaluate(f"() => window.curvefitTouch.plot().toData({px}, {py})")


def _train_loss(page) -> float:
    status = page.get_by_text(re.compile(r"^Step [\d,]+ · train loss")).inner_text()
    return float(re.search(r"train loss ([0-9.e+-]+)", status).group(1))


def _wait_step_past(page, step: int) -> None:
    page.wait_for_function(
        "last => { const m = document.body.innerText.match(/Step ([\\d,]+) · train loss/);"
        "  return m && Number(m[1].replace(/,/g, '')) > last; }",
        arg=step,
        timeout=90_000,
    )


def test_a_dragged_point_moves_in_the_data_the_loss_jumps_and_training_goes_on(server, chromium):
    page = _open(chromium, f"{server}/?spf=25")
    page.get_by_role("button", name="Play").click()
    _wait_step_past(page, 300)
    x, y, version = _points(page)
    before = _train_loss(page)
    px, py = _pixels(page, x[80], y[80])
    page.mouse.move(px, py)
    page.mouse.down()
    page.mouse.move(px, py + 60, steps=4)
    page.mouse.move(px + 5, py + 150, steps=4)
    wanted = _to_data(page, px + 5, py + 150)
    page.mouse.up()
    _changed(page, version)
    new_x, new_y, _ = _points(page)
    moved = int(np.argmin(np.abs(np.array(new_x) - wanted[0])))
    assert new_x[moved] == pytest.approx(wanted[0], abs=1e-6) and new_y[moved] == pytest.approx(wanted[1], abs=1e-6)
    assert len(new_x) == 100 and sorted(new_y[:moved] + new_y[moved + 1 :]) == sorted(y[:80] + y[81:])
    edited_at = _step(page)
    assert edited_at > 300  # it was not started over: the net trains on from where it was
    page.wait_for_timeout(500)
    jumped = _train_loss(page)
    assert jumped > before + 0.5 * (y[80] - wanted[1]) ** 2 / 100  # the moved point's error, in the mean
    _wait_step_past(page, edited_at + 200)
    assert _train_loss(page) < jumped  # and falls, as it chases the change
    href = page.get_by_role("link", name="Data (CSV)").get_attribute("href", timeout=60_000)
    data = pd.read_csv(io.BytesIO(page.request.get(f"{server}/{href}").body()))
    row = data.iloc[int(np.argmin(np.abs(data["x"] - wanted[0])))]
    assert row["x"] == pytest.approx(wanted[0], abs=1e-6) and row["y"] == pytest.approx(wanted[1], abs=1e-6)


def test_a_stroke_becomes_the_target_and_its_link_gives_a_fresh_browser_the_same_points_and_fit(server, chromium):
    page = _open(chromium, f"{server}/?noise=0.2&seed=4")
    page.get_by_role("button", name="Draw the target").click()
    page.wait_for_function("() => window.curvefitTouch.data.mode === 'draw'", timeout=60_000)
    _, _, version = _points(page)
    r = page.evaluate("() => { const r = window.curvefitTouch.plot().r; return [r.left, r.top, r.width, r.height]; }")
    left, top, width, height = r
    path = [(left + 30 + i * (width - 60) / 60, top + height * (0.2 + 0.6 * abs(i - 30) / 30)) for i in range(61)]
    page.mouse.move(*path[0])
    page.mouse.down()
    for point in path[1:]:
        page.mouse.move(*point)
    stroke = np.array([_to_data(page, *point) for point in path])  # a V: down to the middle, up again
    page.mouse.up()  # (the chart's scales change with the points it then draws)
    _changed(page, version)
    x, y, _ = _points(page)
    assert len(x) == 100 and x[0] == pytest.approx(stroke[0, 0], abs=1e-5) and x[-1] == pytest.approx(stroke[-1, 0])
    above = np.array(y) - np.interp(x, stroke[:, 0], stroke[:, 1])  # the tutorial's noise: 0.2 · U[0, 1) up
    assert np.mean((above > -0.01) & (above < 0.21)) > 0.95 and np.ptp(above) > 0.1
    assert _step(page) == 0
    fit = page.evaluate("() => document.querySelector('.st-key-fit_chart .layer_7_marks path').getAttribute('d')")
    loss = _train_loss(page)
    assert "pts=" in page.url

    other = _open(chromium, page.url)  # a student's fresh browser, on the teacher's link
    other_x, other_y, _ = _points(other)
    assert np.array_equal(np.float32(other_x), np.float32(x)) and np.array_equal(np.float32(other_y), np.float32(y))
    assert _step(other) == 0 and _train_loss(other) == loss
    other.wait_for_function(
        "d => document.querySelector('.st-key-fit_chart .layer_7_marks path').getAttribute('d') === d",
        arg=fit,
        timeout=60_000,
    )  # the same red line, to the pixel


def test_on_a_phone_a_tap_adds_a_point_and_a_long_press_removes_one(server, chromium):
    page = _open(chromium, server, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    touch = page.context.new_cdp_session(page)
    page.locator(".st-key-fit_chart").scroll_into_view_if_needed()  # (a touch lands on what the screen shows)
    page.wait_for_timeout(500)
    x, y, version = _points(page)
    px, py = _pixels(page, 0.5 * (x[40] + x[41]), max(y) + 0.1)  # empty space above the points
    page.touchscreen.tap(px, py)
    _changed(page, version)
    x, y, version = _points(page)
    assert len(x) == 101
    px, py = _pixels(page, x[10], y[10])
    touch.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": px, "y": py}]})
    _changed(page, version)  # held, without moving, until the point is gone (however busy the machine)
    touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    after_x, _, _ = _points(page)
    assert len(after_x) == 100 and x[10] not in after_x


def test_a_point_dragged_off_the_plot_stays_on_its_edge(server, chromium):
    page = _open(chromium, server)
    x, y, version = _points(page)
    left, top, width, height = page.evaluate(
        "() => { const r = window.curvefitTouch.plot().r; return [r.left, r.top, r.width, r.height]; }"
    )
    lowest = _to_data(page, left, top + height)[1]  # the plot's bottom edge, in y
    px, py = _pixels(page, x[50], y[50])
    page.mouse.move(px, py)
    page.mouse.down()
    page.mouse.move(px, top + height + 120, steps=6)  # past the x axis, into the legend
    page.mouse.up()
    _changed(page, version)
    new_x, new_y, _ = _points(page)
    assert len(new_x) == 100 and min(new_y) == pytest.approx(lowest, abs=1e-6)
