"""Frames a second a lone playing session shows in Chromium, at each speed the page offers.

Run: .venv/bin/python -m benchmarks.frames --seconds 20
It starts `streamlit run` on 127.0.0.1 itself (benchmarks.load.serve), opens the page in headless
Chromium, presses Play and counts, in the browser, each new step the status line shows: one per frame.
"""

import argparse
import statistics

from playwright.sync_api import sync_playwright

from benchmarks.load import serve
from curvefit.session.link import SPEEDS
from tests.test_browser import CHROMIUM, FLAGS

# Every status line the page shows, with when it was shown (performance.now(), ms).
WATCH = """() => {
  window.shown = [];
  const read = () => {
    const line = [...document.querySelectorAll('p')].find(p => /^Step [\\d,]+ · train loss/.test(p.innerText));
    const step = line && Number(line.innerText.match(/^Step ([\\d,]+)/)[1].replace(/,/g, ''));
    const last = window.shown[window.shown.length - 1];
    if (step !== undefined && (!last || last[1] !== step)) window.shown.push([performance.now(), step]);
  };
  new MutationObserver(read).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


def frames(url: str, spf: int, seconds: float, link: str = "") -> dict:
    """Play for `seconds` at `spf` steps per frame; what the browser showed."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1600})
        page.goto(f"{url}/?spf={spf}{link}")
        play = page.get_by_role("button", name="Play")
        play.wait_for(timeout=60_000)
        page.evaluate(WATCH)
        play.click()
        page.get_by_role("button", name="Pause").wait_for(timeout=60_000)
        page.wait_for_timeout(2000)  # the first frames pay torch's warm-up: not counted
        start = page.evaluate("window.shown.length")
        page.wait_for_timeout(seconds * 1000)
        shown = page.evaluate("window.shown")[start:]
        browser.close()
    gaps = [b[0] - a[0] for a, b in zip(shown, shown[1:], strict=False)]
    steps = [b[1] - a[1] for a, b in zip(shown, shown[1:], strict=False)]
    return {
        "fps": len(gaps) / (sum(gaps) / 1000) if gaps else 0.0,
        "gap_p95_ms": sorted(gaps)[int(0.95 * (len(gaps) - 1))] if gaps else 0.0,
        "steps_per_frame": statistics.median(steps) if steps else 0,
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--speeds", type=int, nargs="+", default=list(SPEEDS))
    parser.add_argument("--link", default="", help="more of the query string, e.g. '&hidden=64,64'")
    args = parser.parse_args(argv)
    print(f"{'steps/frame':>11} {'frames/s':>8} {'gap p95 ms':>10} {'median steps shown':>18}")
    with serve() as (url, _):
        for spf in args.speeds:
            r = frames(url, spf, args.seconds, args.link)
            print(f"{spf:>11} {r['fps']:>8.1f} {r['gap_p95_ms']:>10.0f} {r['steps_per_frame']:>18}")


if __name__ == "__main__":
    main()
