"""Touch the curve: add, drag and remove points on the fit chart, or draw the target, while the net learns.

A components v2 element (no iframe, its JavaScript shipped here, no CDN) listens on the page for pointer events
on the fit chart's plot, which Vega draws as SVG (drawing/charts.py): the plot's rectangle is its background,
and its x and y domains are written in an invisible text, so a pixel is a point. Each edit goes to the server as
a trigger value and is checked there as an upload is (session/touching.py). Altair's own selections
(`on_select`) send back selected data only: no position on empty space, no drag. Mounted outside the live
fragment, as ui/shown_step.py is: a trigger sent from inside one was taken as a rerun of the fragment alone.
"""

from pathlib import Path

import streamlit as st

from curvefit import text
from curvefit.drawing.charts import SCALES_MARK
from curvefit.inputs.hand_points import MAX_HAND_POINTS
from curvefit.inputs.touch import MAX_STROKE, version
from curvefit.session.page import Page, use_points
from curvefit.session.touching import current_points, edited_while_training, point_count, touchable, touched, undo
from curvefit.ui.live import FIT_KEY
from curvefit.ui.state import on_page

KEY = "touch"
MODES = ("points", "draw")
HOLD_MS = 600  # a press this long on a point, without moving, removes it (a phone has no shift key)

JS = (Path(__file__).parent / "touch.js").read_text()  # shipped in the package, run in the page
_element = st.components.v2.component("curvefit.touch", js=JS)


def touch_layer(state: Page) -> None:
    """The element that turns touches on the fit chart into edits (it draws nothing of its own)."""
    enabled = touchable(state)  # (the points are gathered, sent and named only when they can be touched)
    x, y = current_points(state) if enabled else ([], [])
    data = {
        "chart": FIT_KEY, "scales": SCALES_MARK, "enabled": enabled, "mode": touch_mode(),
        "x": list(map(float, x)), "y": list(map(float, y)), "version": version(x, y) if enabled else "",
        "max_stroke": MAX_STROKE, "hold_ms": HOLD_MS,
    }  # fmt: skip
    _element(data=data, key=KEY, on_edit_change=on_page(_take))


def touch_controls(state: Page) -> None:
    """How the chart is touched: move points or draw the target, Undo, back to the generated data; and why the
    last edit was not taken. Plain buttons, drawn in a new visitor's first run too: a segmented control's code
    is fetched before the browser draws it, and it held Play back (docs/performance.md)."""
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    if not touchable(state):
        row.caption(text.TOUCH_OFF.format(most=MAX_HAND_POINTS, n=point_count(state)))
        return
    mode = touch_mode()
    for each, icon in zip(MODES, (":material/touch_app:", ":material/draw:"), strict=True):
        row.button(
            text.TOUCH_MODES[each], icon=icon, type="secondary" if each == mode else "tertiary", help=text.TOUCH_HELP,
            on_click=_choose, args=(each,), key=f"touch_{each}",
        )  # fmt: skip
    row.button(text.UNDO, help=text.UNDO_HELP, disabled=not state.run.undo, on_click=on_page(_undo), key="undo")
    if state.run.own is not None:
        row.button(text.BACK_TO_GENERATED, on_click=on_page(use_points, None), key="touch_generated")
    row.caption(text.TOUCH_HINTS[mode])
    if moved := edited_while_training(state):
        st.caption(str(moved))
    if state.touch_problem:
        st.error(state.touch_problem)


def touch_mode() -> str:
    """Move points, or draw the target: the browser's own choice, kept with its widgets."""
    return st.session_state.get("touch_mode", MODES[0])


def _choose(mode: str) -> None:
    st.session_state.touch_mode = mode


def _take(state: Page) -> None:
    state.touch_problem = touched(state, getattr(st.session_state.get(KEY), "edit", None))


def _undo(state: Page) -> None:
    state.touch_problem = undo(state)
