"""Many visitors on one local server, over Streamlit's own websocket protocol: some train, some only look.

Run: .venv/bin/python -m benchmarks.load --trainers 0 4 20 --viewers 2 --seconds 30 [--processes 2]
Loopback only and bounded: it starts `streamlit run` on 127.0.0.1 itself (or --processes of them behind
nginx, as curvefit/serving/cluster.py deploys them), opens at most --trainers + --viewers sessions for
--seconds, waits out the disconnected-session timeout, and stops the servers.
"""

import argparse
import asyncio
import contextlib
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from curvefit.serving.cluster import COOKIE, cluster, free_port, healthy

ROOT = Path(__file__).resolve().parent.parent
STEP = re.compile(r"^Step \*\*([\d,]+)\*\*")
# What must never reach a browser: a traceback. (Streamlit's own new-session message carries the
# script's path, main_script_path, on every full rerun; that one is Streamlit's, not ours.)
LEAKS = (b"Traceback", b'File "', b'.py", line ', b"site-packages")


@contextlib.contextmanager
def serve(*options: str, env: dict | None = None, script: Path = ROOT / "app.py", base: str = ""):
    """`streamlit run app.py` (or `script`) on a free loopback port, under `base` if given; yields (url, pid)."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.address", "127.0.0.1"]
    process = subprocess.Popen(
        [*command, "--server.port", str(port), "--server.headless", "true", "--server.baseUrlPath", base, *options],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})},
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}" + (f"/{base}" if base else "")
    try:
        deadline = time.monotonic() + 90
        while not healthy(url):  # poll until it answers, or give up
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("streamlit did not start")
            time.sleep(0.2)
        yield url, process.pid
    finally:
        process.terminate()
        process.wait(timeout=20)


def route_cookie(url: str) -> dict[str, str]:
    """The proxy's cookie for a new visitor, as a request header (cluster.py's nginx sets it; a lone server none)."""
    with urllib.request.urlopen(f"{url}/", timeout=60) as response:
        cookies = response.headers.get_all("Set-Cookie") or []
    ours = [cookie.split(";")[0] for cookie in cookies if cookie.startswith(f"{COOKIE}=")]
    return {"Cookie": ours[0]} if ours else {}


def rss_mb(pid: int) -> float:
    """The server's resident memory, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Session:
    """One visitor: a websocket session that reruns the page and reads what comes back."""

    def __init__(self, url: str, name: str, query: str = ""):
        self.url, self.name, self.query = url.replace("http", "ws") + "/_stcore/stream", name, query
        self.headers = route_cookie(url)  # behind the cluster's proxy, a visitor of its own process
        self.buttons: dict[str, str] = {}
        self.timers: dict[str, float] = {}  # fragment id -> interval, as the last full run set the timers
        self.status, self.largest, self.leaks = "", 0, 0
        self.steps, self.latencies, self.states = 0, [], []
        self.played: tuple[float, float] | None = None  # (Play pressed, last frame) while training
        self.to_200_s: float | None = None  # seconds from Play until the tutorial's 200 steps were passed
        self.drawn: list[str] = []  # the kinds of element the last run sent
        self.first_chart_s: float | None = None  # seconds into the last run when its first chart came
        self.download_link = ""  # one of the page's download links (download/<token>/<name>)

    def connect(self):
        """The page's websocket, as a browser opens it."""
        return websockets.connect(self.url, subprotocols=["streamlit"], max_size=None, additional_headers=self.headers)

    @property
    def live(self) -> tuple[str, float]:
        """The live part's timer (fragment id, interval): the quickest; the inside's charts run slower."""
        return min(self.timers.items(), key=lambda timer: timer[1])

    async def run_page(self, ws, widget: str = "", fragment: str = "") -> float:
        """One rerun (the whole page, or a fragment's timer); returns how long until it finished."""
        message = BackMsg()
        message.rerun_script.query_string = self.query
        if widget:
            state = message.rerun_script.widget_states.widgets.add()
            state.id, state.trigger_value = widget, True
        if fragment:
            message.rerun_script.fragment_id, message.rerun_script.is_auto_rerun = fragment, True
        start, self.drawn, timers, full = time.perf_counter(), [], {}, not fragment
        self.first_chart_s = None
        await ws.send(message.SerializeToString())
        while True:
            raw = await ws.recv()
            self.largest = max(self.largest, len(raw))
            forward = ForwardMsg()
            forward.ParseFromString(raw)
            kind = forward.WhichOneof("type")
            self.leaks += kind != "new_session" and any(leak in raw for leak in LEAKS)
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                self._read(forward.delta.new_element)
                if self.first_chart_s is None and self.drawn[-1] == "vega_lite_chart":
                    self.first_chart_s = time.perf_counter() - start
            elif kind == "auto_rerun":
                timers[forward.auto_rerun.fragment_id] = forward.auto_rerun.interval
            elif kind == "script_finished" and forward.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                timers, full = {}, True  # st.rerun: the run goes on as a whole page's, which sets the timers anew
            elif kind == "script_finished":
                self.timers = timers if full else {**self.timers, **timers}
                return time.perf_counter() - start

    def _read(self, element) -> None:
        kind = element.WhichOneof("type")
        self.drawn.append(kind)
        if kind == "button":
            self.buttons[element.button.label] = element.button.id
        elif kind == "link_button" and "download/" in element.link_button.url:
            self.download_link = element.link_button.url
        elif kind == "markdown" and (found := STEP.match(element.markdown.body)):
            self.status, self.steps = element.markdown.body, int(found.group(1).replace(",", ""))

    async def train(self, until: float, done: Callable[[], bool] = lambda: False) -> None:
        """Open the page, press Play, and keep the fragments' timers running until `until` (or done()): each
        fragment reruns its interval after its last run ended, one run at a time, as in a busy browser."""
        async with self.connect() as ws:
            await self.run_page(ws)
            await self.run_page(ws, widget=self.buttons["Play"])
            self.played = (time.monotonic(), time.monotonic())
            due: dict[str, float] = {}
            while time.monotonic() < until and self.timers and not done():
                due = {fragment: due.get(fragment, time.monotonic() + s) for fragment, s in self.timers.items()}
                fragment = min(due, key=due.get)
                await asyncio.sleep(max(0.0, due.pop(fragment) - time.monotonic()))
                steps = self.steps
                await self.run_page(ws, fragment=fragment)
                if self.steps != steps or "no turn" in self.status:  # a frame of the live part, not the inside's
                    now = time.monotonic()
                    self.states.append((now, self.steps != steps))
                    self.played = (self.played[0], now)
                    if self.to_200_s is None and self.steps >= 200:
                        self.to_200_s = now - self.played[0]

    async def view(self, until: float, done: Callable[[], bool] = lambda: False) -> None:
        """Open the page and rerun it now and then, as someone changing a setting would."""
        async with self.connect() as ws:
            await self.run_page(ws)
            while time.monotonic() < until and not done():
                self.latencies.append(await self.run_page(ws))
                await asyncio.sleep(0.5)


def jain(values: list[float]) -> float:
    """Jain's fairness index: 1 when everyone got the same, 1/n when one got everything."""
    return sum(values) ** 2 / (len(values) * sum(v * v for v in values)) if any(values) else 1.0


def most_at_once(trainers: list[Session], window: float = 0.25) -> int:
    """The most sessions that reported training (not busy) within the same short window."""
    moments = sorted((t, s.name) for s in trainers for t, trained in s.states if trained)
    return max((len({n for t2, n in moments if t <= t2 < t + window}) for t, _ in moments), default=0)


async def visit(url: str, trainers: int, viewers: int, seconds: float, enough=None) -> tuple[list, list]:
    """Sessions that train and view for `seconds`, or until enough(training, viewing) is true."""
    until = time.monotonic() + seconds
    training = [Session(url, f"t{i}") for i in range(trainers)]
    viewing = [Session(url, f"v{i}") for i in range(viewers)]
    done = (lambda: enough(training, viewing)) if enough else (lambda: False)
    await asyncio.gather(*(s.train(until, done) for s in training), *(s.view(until, done) for s in viewing))
    return training, viewing


@contextlib.contextmanager
def servers(processes: int) -> Iterator[tuple[str, list[int]]]:
    """One server (`streamlit run`), or `processes` behind the cluster's nginx: (url, the servers' pids)."""
    if processes == 1:
        with serve() as (url, pid):
            yield url, [pid]
    else:
        with cluster(processes, app=ROOT / "app.py") as running:
            yield running.url, [server.pid for server in running.servers]


def run(trainers: int, viewers: int, seconds: float, ttl: float, processes: int = 1) -> dict:
    """One load run on fresh servers: its numbers, as a dict (memory: all the servers' together)."""
    with servers(processes) as (url, pids):
        loop = asyncio.new_event_loop()
        loop.run_until_complete(visit(url, 0, 2 * processes, 0.1))  # visits first: the app is loaded everywhere
        time.sleep(ttl)  # and their sessions are gone again
        start_mb, peak_mb = sum(map(rss_mb, pids)), 0.0
        task = loop.create_task(visit(url, trainers, viewers, seconds))
        while not task.done():  # sample memory while the sessions run
            loop.run_until_complete(asyncio.wait([task], timeout=0.5))
            peak_mb = max(peak_mb, sum(map(rss_mb, pids)))
        training, viewing = task.result()
        loop.close()
        time.sleep(ttl)  # the sessions are closed: Streamlit drops them after its timeout
        after_mb = sum(map(rss_mb, pids))
    latencies = sorted(latency for s in viewing for latency in s.latencies) or [0.0]
    steps = [s.steps for s in training]
    played = [max(s.played[1] - s.played[0], 1e-9) for s in training if s.played]
    to_200 = sorted(s.to_200_s for s in training if s.to_200_s is not None)
    frames = [sum(trained for _, trained in s.states) / p for s, p in zip(training, played, strict=False)]
    return {
        "trainers": trainers, "viewers": viewers,
        "viewer_p50_ms": 1000 * statistics.median(latencies),
        "viewer_p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
        "steps_min": min(steps, default=0), "steps_max": max(steps, default=0), "jain": jain(steps),
        "reached_200": len(to_200), "to_200_median_s": statistics.median(to_200) if to_200 else None,
        "to_200_worst_s": to_200[-1] if len(to_200) == trainers and to_200 else None,
        "steps_per_s_each": statistics.median(s / p for s, p in zip(steps, played, strict=False)) if played else 0.0,
        "steps_per_s_total": sum(s / p for s, p in zip(steps, played, strict=False)),
        "frames_per_s_each": statistics.median(frames) if frames else 0.0,
        "most_training_at_once": most_at_once(training),
        "rss_start_mb": start_mb, "rss_peak_mb": peak_mb, "rss_after_mb": after_mb,
        "largest_message_kb": max(s.largest for s in training + viewing) / 1024,
        "messages_with_internals": sum(s.leaks for s in training + viewing),
    }  # fmt: skip


HEAVY_LINKS = [  # the costliest links of benchmarks/caps.py: what a stranger could ask for
    "hidden=256,256,256,256&batch=1&band=64&opt=adam&lr=0.0001",
    "hidden=256&n=100&batch=1&band=64&act=gelu&opt=rmsprop",
    "n=100000&hidden=64,64&batch=1&test=0.5",
    "n=100000&test=0.5&act=gelu&opt=rmsprop&momentum=0.9",
]


async def _heavy_visit(url: str, name: str, query: str) -> None:
    session = Session(url, name, query)
    async with session.connect() as ws:
        await session.run_page(ws)
        await session.run_page(ws, widget=session.buttons["Step"])  # a chunk trained: every buffer is made


def _upload_visits(url: str, pages: int, csv_path: Path) -> None:
    # Uploads go through a real browser: the upload endpoint wants the page's XSRF token.
    from playwright.sync_api import sync_playwright

    from tests.test_browser import CHROMIUM, FLAGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for _ in range(pages):
            page = browser.new_page()
            page.goto(url)
            page.get_by_text("Your own points").click(timeout=60_000)
            page.locator("input[type=file]").set_input_files(csv_path)
            page.get_by_text(re.compile("^Training on your")).wait_for(timeout=60_000)
            page.close()
        browser.close()


def closed_tabs(heavy: int, uploads: int, ttl: float) -> dict:
    """RSS of a warm server, at the peak of heavy links and 5 MB uploads, and after they closed."""
    with serve() as (url, pid), tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "points.csv"  # 209k rows, 4.9 MB: a realistic big upload
        csv_path.write_text("x,y\n" + "".join(f"{i / 7:.6f},{(i / 7) % 3:.6f}\n" for i in range(209_000)))
        loop = asyncio.new_event_loop()
        loop.run_until_complete(visit(url, 0, 1, 0.1))  # warm: torch and the app loaded, one session gone
        _upload_visits(url, 1, csv_path)
        time.sleep(ttl)
        loop.run_until_complete(visit(url, 0, 1, 0.1))
        start_mb = rss_mb(pid)
        for i in range(heavy):
            loop.run_until_complete(_heavy_visit(url, f"h{i}", HEAVY_LINKS[i % len(HEAVY_LINKS)]))
        _upload_visits(url, uploads, csv_path)
        peak_mb = rss_mb(pid)
        time.sleep(ttl)  # every tab is closed: Streamlit drops their sessions after its timeout
        for _ in range(3):  # a visitor's runs: Streamlit lets go of closed sessions' tables after a run
            loop.run_until_complete(visit(url, 0, 1, 0.1))
        after_mb = rss_mb(pid)
        loop.close()
    return {"start_mb": start_mb, "peak_mb": peak_mb, "after_mb": after_mb, "ratio": after_mb / start_mb}


def _to_200(r: dict) -> str:
    """When the tutorial's 200 steps were passed: median and worst, or how many got there."""
    if not r["trainers"]:
        return "-"
    if r["to_200_worst_s"] is None:
        return f"{r['reached_200']} of {r['trainers']} got there"
    return f"{r['to_200_median_s']:.1f} / {r['to_200_worst_s']:.1f}"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainers", type=int, nargs="+", default=[0, 4, 20])
    parser.add_argument("--viewers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--processes", type=int, default=1, help="server processes, behind nginx if more than one")
    parser.add_argument("--ttl", type=float, default=65.0, help="wait after closing: the session timeout and a bit")
    parser.add_argument(
        "--closed",
        type=int,
        nargs=2,
        metavar=("HEAVY", "UPLOADS"),
        help="instead: open HEAVY costly links and UPLOADS 5 MB uploads, close them, report RSS",
    )
    args = parser.parse_args(argv)
    if args.closed:
        r = closed_tabs(*args.closed, ttl=args.ttl)
        print(f"closed tabs: {args.closed[0]} heavy links, {args.closed[1]} uploads; RSS warm {r['start_mb']:.0f} MB, "
              f"peak {r['peak_mb']:.0f} MB, after {r['after_mb']:.0f} MB = {r['ratio']:.2f}x warm")  # fmt: skip
        return
    print(f"{'trainers':>8} {'p50 ms':>7} {'p95 ms':>7} {'p95 ratio':>9} {'steps min-max':>14} {'Jain':>5} "
          f"{'at once':>7} {'RSS start/peak/after MB':>24} {'largest KB':>10} {'internals':>9} "
          f"{'step 200 median/worst s':>23} {'steps/s each/total':>18} {'frames/s each':>13}")  # fmt: skip
    baseline = None  # the first run's p95 (0 trainers, by default): the others are printed against it
    for trainers in args.trainers:
        r = run(trainers, args.viewers, args.seconds, args.ttl, args.processes)
        baseline = baseline or r["viewer_p95_ms"]
        print(f"{trainers:>8} {r['viewer_p50_ms']:>7.0f} {r['viewer_p95_ms']:>7.0f} "
              f"{r['viewer_p95_ms'] / baseline:>8.1f}x "
              f"{r['steps_min']:>6}-{r['steps_max']:<7} {r['jain']:>5.2f} {r['most_training_at_once']:>7} "
              f"{r['rss_start_mb']:>8.0f}/{r['rss_peak_mb']:.0f}/{r['rss_after_mb']:.0f} "
              f"{r['largest_message_kb']:>10.0f} {r['messages_with_internals']:>9} "
              f"{_to_200(r):>23} {r['steps_per_s_each']:>8.0f}/{r['steps_per_s_total']:<9.0f} "
              f"{r['frames_per_s_each']:>13.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
