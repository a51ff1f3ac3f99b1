"""The teacher's view of the load: how many sessions train and the steps a second each gets, as plain text.

Numbers only: no session's settings, data or address. Behind the proxy of cluster.py, each server process
also writes its numbers to CURVEFIT_LOAD_DIR every few seconds, so any one of them answers for all.
"""

import contextlib
import json
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from .. import i18n, text
from ..budgets import share

PUBLISH_EVERY_S = 2.0
FRESH_S = 3 * PUBLISH_EVERY_S  # an older process file is a process that stopped


def routes(base_url_path: str = "") -> list[Route]:
    """The page at `load`, under Streamlit's server.baseUrlPath as the page is; publishing starts if asked."""
    if folder := os.environ.get("CURVEFIT_LOAD_DIR"):
        threading.Thread(target=_publish_forever, args=(Path(folder),), daemon=True, name="curvefit-load").start()
    base = base_url_path.strip("/")
    return [Route(f"{'/' + base if base else ''}/load", _serve, methods=["GET"])]


def report(rates: list[float], processes: int = 1) -> str:
    """The load page's text for the sessions' steps a second `rates`, in the context's language."""
    lines = [text.LOAD_TITLE.format(seconds=share.RATE_WINDOW_S), text.LOAD_TRAINING.format(count=len(rates))]
    if rates:
        lines.append(text.LOAD_EACH.format(median=statistics.median(rates), slowest=min(rates)))
        lines.append(text.LOAD_ALL.format(total=sum(rates)))
    lines += [text.LOAD_PROCESSES.format(count=processes), "", text.LOAD_NOTE]
    return "\n".join(lines) + "\n"


def all_rates(folder: Path | None, own: list[float], now: float | None = None) -> tuple[list[float], int]:
    """This process's rates and those the other processes published lately (before `now`, or the time now) in
    `folder`; how many processes."""
    rates, processes, now = list(own), 1, time.time() if now is None else now
    for path in sorted(folder.glob("*.json")) if folder else []:
        try:
            published = json.loads(path.read_text())
            fresh = now - float(published["at"]) < FRESH_S
            theirs = [float(rate) for rate in published["rates"]]
        except (OSError, ValueError, KeyError, TypeError):
            continue  # being written, or not ours: the next look gets it
        if fresh and path.stem != str(os.getpid()):
            rates, processes = rates + theirs, processes + 1
    return rates, processes


def publish(folder: Path) -> None:
    """Write this process's rates where the others read them (atomically: a reader sees all or nothing)."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=folder, suffix=".tmp", delete=False) as file:
        json.dump({"at": time.time(), "rates": share.SHARE.rates()}, file)
    os.replace(file.name, folder / f"{os.getpid()}.json")


def _publish_forever(folder: Path) -> None:
    while True:
        with contextlib.suppress(OSError):  # a full or vanished folder: the others see this process stop
            publish(folder)
        time.sleep(PUBLISH_EVERY_S)


async def _serve(request: Request) -> Response:
    folder = os.environ.get("CURVEFIT_LOAD_DIR")
    rates, processes = all_rates(Path(folder) if folder else None, share.SHARE.rates())
    language = request.query_params.get("lang") or i18n.from_locale(request.headers.get("accept-language"))
    with i18n.speaking(language):
        return PlainTextResponse(report(rates, processes), headers={"Cache-Control": "no-store"})
