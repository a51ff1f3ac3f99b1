"""The downloads, served by a route of the page's own: each file is made in answer to the request for it.

Not st.download_button: the file its callable makes is kept by no session, and Streamlit deletes such a file
once two script runs have ended anywhere on the server (MediaFileManager.remove_orphaned_files). During Play
(ten runs a second) or beside other visitors, that comes before the browser asks for it: a 404, one click in
three while playing (Chromium here). Made in the response, a file has nothing to outlive.
"""

import collections
import secrets
import weakref
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from .. import i18n, text
from . import animation, export

# name -> (media type, what makes it from a page: anything with .trainer, .timeline, .lock, .language)
FILES: dict[str, tuple[str, Callable]] = {
    "curvefit_data.csv": ("text/csv", lambda page: export.data_csv(page.trainer)),
    "curvefit_fit.csv": ("text/csv", lambda page: export.predictions_csv(page.trainer)),
    "curvefit_weights.pt": ("application/octet-stream", lambda page: export.weights_pt(page.trainer)),
    export.SCRIPT_NAME: ("text/x-python; charset=utf-8", lambda page: export.script(page.trainer).encode()),
    "curvefit_training.gif": ("image/gif", lambda page: animation.training_gif(page.trainer, page.timeline)),
    "curvefit_fit.png": ("image/png", lambda page: animation.fit_png(page.trainer)),
}

# token -> page. Weak: a closed tab's page goes with its session, and its links then answer 404.
_pages: weakref.WeakValueDictionary = weakref.WeakValueDictionary()
# A page's files are made one at a time (its lock); one more may wait. More would hold threads the whole
# server shares (a script asking for its GIF fifty times at once), so they are turned away.
MAX_IN_FLIGHT = 2
_in_flight: collections.Counter = collections.Counter()  # token -> its requests being made or waiting


def token_for(page) -> str:
    """A new secret for `page`'s download links: only its own tab has it."""
    token = secrets.token_urlsafe(16)
    _pages[token] = page
    return token


def link(token: str, name: str) -> str:
    """Where a page's file is: relative to the page, so under its path (a baseUrlPath, a proxy's prefix)."""
    return f"download/{token}/{name}"


def routes(base_url_path: str = "") -> list[Route]:
    """The route, under Streamlit's server.baseUrlPath as the page is: Streamlit does not put its App's routes there."""
    base = base_url_path.strip("/")
    return [Route(f"{'/' + base if base else ''}/download/{{token}}/{{name}}", _serve, methods=["GET"])]


def made(token: str, name: str) -> bytes | None:
    """The file `name` of the page with `token`, made now; None if there is no such page or file."""
    page = _pages.get(token)
    if page is None or name not in FILES:
        return None
    with page.lock, i18n.speaking(page.language):  # the live frame may be training: they take turns
        return FILES[name][1](page)


async def _serve(request: Request) -> Response:
    token, name = request.path_params["token"], request.path_params["name"]
    if _in_flight[token] >= MAX_IN_FLIGHT:  # counted on the event loop's one thread: no lock needed
        return _said(request, text.later("DOWNLOAD_BUSY"), 429)
    _in_flight[token] += 1
    try:
        data = await run_in_threadpool(made, token, name)  # off the event loop: a GIF takes a while
    finally:
        _in_flight[token] -= 1
        if not _in_flight[token]:
            del _in_flight[token]
    if data is None:
        return _said(request, text.later("DOWNLOAD_GONE"), 404)
    headers = {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}
    return Response(data, media_type=FILES[name][0], headers=headers)


def _said(request: Request, message: i18n.Later, status: int) -> Response:
    """`message`, worded in the browser's language (its page may be gone), as the page the link opened."""
    with i18n.speaking(i18n.from_locale(request.headers.get("accept-language"))):
        return PlainTextResponse(str(message), status_code=status)
