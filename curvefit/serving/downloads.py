"""The downloads, served by a route of the page's own: each file is made in answer to the request for it.

Not st.download_button: the file its callable makes is kept by no session, and Streamlit deletes such a file
once two script runs have ended anywhere on the server (MediaFileManager.remove_orphaned_files). During Play
(ten runs a second) or beside other visitors, that comes before the browser asks for it: a 404, one click in
three while playing (Chromium here). Made in the response, a file has nothing to outlive.
"""

import asyncio
import collections
import logging
import secrets
import time
import weakref
from collections.abc import Callable
from typing import NamedTuple

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from .. import i18n, text
from ..budgets import share
from . import animation, export
from .log_limit import LimitedLog

LOG = LimitedLog(logging.getLogger(__name__))


class File(NamedTuple):
    """One download: its button's label (a message name of curvefit.text), its media type, what makes it from a
    page's run (its .trainer and .timeline), and the button's help if any."""

    label: str
    media: str
    make: Callable
    help: str | None = None


# Every download, in the order of the page's buttons. A page is anything with .run, .lock, .language and
# .player.account (which pays for its files, as for its training: see budgets/share.py).
FILES = {
    "curvefit_data.csv": File("DOWNLOAD_DATA", "text/csv", lambda run: export.data_csv(run.trainer)),
    "curvefit_fit.csv": File("DOWNLOAD_PREDICTIONS", "text/csv", lambda run: export.predictions_csv(run.trainer)),
    "curvefit_weights.pt": File(
        "DOWNLOAD_WEIGHTS", "application/octet-stream", lambda run: export.weights_pt(run.trainer)
    ),
    export.SCRIPT_NAME: File(
        "DOWNLOAD_SCRIPT", "text/x-python; charset=utf-8", lambda run: export.script(run.trainer).encode()
    ),
    "curvefit_training.gif": File(
        "DOWNLOAD_GIF", "image/gif", lambda run: animation.training_gif(run.trainer, run.timeline), "DOWNLOAD_GIF_HELP"
    ),
    "curvefit_fit.png": File("DOWNLOAD_PNG", "image/png", lambda run: animation.fit_png(run.trainer)),
}

# token -> page. Weak, so the registry keeps no closed tab's page; but a page can outlive its session until
# Python's cycle collector runs (minutes), so a link also asks whether its session still lives (`alive`).
_pages: weakref.WeakValueDictionary = weakref.WeakValueDictionary()
# token -> (whether its page's session still lives, {name: (the state of the fit it was made of, the file)}):
# a file asked for again of the same fit is sent again. Gone with the page, or once its session has ended.
_kept: dict[str, tuple[Callable[[], bool], dict]] = {}
# A page's files are made one at a time (its lock); one more may wait. More would hold threads the whole
# server shares (a script asking for its GIF fifty times at once), so they are turned away.
MAX_IN_FLIGHT = 2
_in_flight: collections.Counter = collections.Counter()  # token -> its requests being made or waiting
# A page's requests start at most this often, the later ones waiting on the event loop (no CPU): a person
# clicks slower, while a script looping a kept file would take the server's whole event loop.
MIN_GAP_S = 0.25
# And the bytes a page is sent, at most this many a second on average: tabs looping a big CSV otherwise keep
# the server writing instead of answering other visitors (docs/hosting.md).
PAGE_BYTES_PER_S = 1_000_000
_next_start: dict[str, float] = {}  # token -> when its next request may start (only while that is to come)
_clock = time.monotonic


def token_for(page, alive: Callable[[], bool] = lambda: True) -> str:
    """A new secret for `page`'s download links: only its own tab has it, and only while alive() says its
    session lives (a closed tab's session ends a set time after it closed: then its links answer 404)."""
    token = secrets.token_urlsafe(16)
    _pages[token], _kept[token] = page, (alive, {})
    weakref.finalize(page, _forget, token)
    return token


def _forget(token: str) -> None:
    _kept.pop(token, None)
    _next_start.pop(token, None)


def link(token: str, name: str) -> str:
    """Where a page's file is: relative to the page, so under its path (a baseUrlPath, a proxy's prefix)."""
    return f"download/{token}/{name}"


def routes(base_url_path: str = "") -> list[Route]:
    """The route, under Streamlit's server.baseUrlPath as the page is: Streamlit does not put its App's routes there."""
    base = base_url_path.strip("/")
    return [Route(f"{'/' + base if base else ''}/download/{{token}}/{{name}}", _serve, methods=["GET"])]


def page_of(token: str):
    """The open page whose links carry `token`, or None (never was, or its session has ended: then forgotten)."""
    page = _pages.get(token)
    if page is not None and not _kept.get(token, (lambda: False, None))[0]():
        del _pages[token]
        _forget(token)
        page = None
    return page


class Refused(Exception):
    """A file not made now: text.`name` says why, with HTTP status `status`."""

    def __init__(self, name: str, status: int):
        super().__init__(name)
        self.name, self.status = name, status


def made(token: str, name: str) -> bytes | None:
    """The file `name` of the page with `token`, as its fit is now; None if there is no such page or file.

    Made once for each state of the fit: asked for again before the fit changed, the same file is sent. Made,
    it is paid from the page's account in its turn at the server's CPU; Refused if it is spent or no turn came.
    """
    page = page_of(token)
    if page is None or name not in FILES:
        return None
    files = _kept.get(token, (None, {}))[1]
    with page.lock:  # the live frame may be training: they take turns
        if name in files and files[name][0] == _state(page, name):
            return files[name][1]
    if page.player.account.left_s <= 0:
        raise Refused("DOWNLOAD_SPENT", 429)
    with share.SHARE.turn(page.player.account) as admitted:
        if not admitted:
            raise Refused("DOWNLOAD_SERVER_BUSY", 503)
        with page.lock, i18n.speaking(page.language):
            files[name] = (_state(page, name), FILES[name].make(page.run))  # (the fit as it is now, after the wait)
            return files[name][1]


def _state(page, name: str) -> tuple:
    """What the file depends on: the trainer (its points), its step and the settings on the way, the language;
    the GIF the timeline too. Training is deterministic, so these settle the weights."""
    trainer = page.run.trainer
    state = (weakref.ref(trainer), trainer.step, tuple(trainer.settings_from.items()), page.language)
    return (*state, tuple(page.run.timeline.steps)) if name == "curvefit_training.gif" else state


async def _serve(request: Request) -> Response:
    token, name = request.path_params["token"], request.path_params["name"]
    if page_of(token) is None:
        return _said(request, text.later("DOWNLOAD_GONE"), 404)
    if name not in FILES:
        return _said(request, text.later("DOWNLOAD_NO_SUCH_FILE"), 404)
    if _in_flight[token] >= MAX_IN_FLIGHT:  # counted on the event loop's one thread: no lock needed
        await asyncio.sleep(MIN_GAP_S)  # a loop of refusals is paced as one of files
        return _said(request, text.later("DOWNLOAD_BUSY"), 429)
    _in_flight[token] += 1
    try:
        await asyncio.sleep(_wait_for_turn(token))
        headers = {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}
        if request.method == "HEAD":  # what the file is, without making it
            response = Response(media_type=FILES[name].media, headers=headers)
            del response.headers["content-length"]  # (not 0: its length is not known until it is made)
            return response
        data = await run_in_threadpool(made, token, name)  # off the event loop: a GIF takes a while
        if data is not None:  # the page's next request waits as long as these bytes take at its rate
            _next_start[token] = max(_next_start.get(token, 0.0), _clock() + len(data) / PAGE_BYTES_PER_S)
    except Refused as refused:
        return _said(request, text.later(refused.name), refused.status)
    except Exception as error:  # a bug of ours: a short answer, and a log that a loop cannot flood
        LOG.exception(f"{name}:{type(error).__name__}", f"making {name} failed")
        return _said(request, text.later("UNEXPECTED"), 500)
    finally:
        _in_flight[token] -= 1
        if not _in_flight[token]:
            del _in_flight[token]
            if _next_start.get(token, 0.0) <= _clock():
                _next_start.pop(token, None)
    if data is None:  # the tab closed while its file was being made
        return _said(request, text.later("DOWNLOAD_GONE"), 404)
    return Response(data, media_type=FILES[name].media, headers=headers)


def _wait_for_turn(token: str) -> float:
    """Seconds until this request of the page's may start (MIN_GAP_S after the one before it)."""
    now = _clock()
    start = max(now, _next_start.get(token, now))
    _next_start[token] = start + MIN_GAP_S
    return start - now


def _said(request: Request, message: i18n.Later, status: int) -> Response:
    """`message`, worded in the browser's language (its page may be gone), as the page the link opened."""
    with i18n.speaking(i18n.from_locale(request.headers.get("accept-language"))):
        return PlainTextResponse(str(message), status_code=status)
