"""Running app.py under Streamlit's AppTest, and reading what it drew, for the page tests."""

import json
from pathlib import Path

import pyarrow as pa
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def page(**query) -> AppTest:
    """The whole page, opened with `query` as the link's query string: its first run (Play and the fit), then
    the full run that the first run's timer asks for (AppTest runs no timers: see first_visit)."""
    at = first_visit(**query)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def first_visit(**query) -> AppTest:
    """The page after a new visitor's first run only."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def state(at):
    """The session's PageState."""
    return at.session_state["page"]


def charts(at) -> list[tuple[dict, dict[str, pa.Table]]]:
    """Each chart's Vega-Lite spec and its datasets, as the browser would get them."""
    found = []
    for element in at.main:
        proto = getattr(element, "proto", None)
        if type(proto).__name__ == "VegaLiteChart":
            tables = {d.name: pa.ipc.open_stream(d.data.data).read_all() for d in proto.datasets}
            found.append((json.loads(proto.spec), tables))
    return found


def place_of(at, kind: str, starts: str) -> tuple:
    """Where the first `kind` element whose text starts with `starts` is in the page's tree: indices from the main."""

    def find(node, trail):
        for index, child in (getattr(node, "children", None) or {}).items():
            if type(child).__name__ == kind and str(child.value).startswith(starts):
                return (*trail, index)
            if found := find(child, (*trail, index)):
                return found
        return None

    return find(at.main, ())
