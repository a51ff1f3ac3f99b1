"""Play / Pause, Step and Reset: outside the live fragment, so each one reruns the whole page."""

import streamlit as st

from curvefit import text
from curvefit.drawing.inside_views import REFERENCES
from curvefit.ui.state import PageState, on_page, reset, step_once, toggle_play


def controls(state: PageState) -> None:
    """The three buttons in one row."""
    play, step, restart, _ = st.columns([1, 1, 1, 5])
    label, icon = (text.PAUSE, ":material/pause:") if state.playing else (text.PLAY, ":material/play_arrow:")
    play.button(label, icon=icon, on_click=on_page(toggle_play), type="primary", key="play", width="stretch")
    step.button(text.STEP, on_click=on_page(step_once), help=text.STEP_HELP, key="step", width="stretch")
    restart.button(text.RESET, on_click=on_page(reset), help=text.RESET_HELP, key="reset", width="stretch")


def reference_lines(state: PageState) -> None:
    """Which level lines the loss chart shows: the noise floor, the best last layer, the polynomial."""
    st.pills(
        text.REFERENCE_LINES, REFERENCES, selection_mode="multi", default=list(REFERENCES),
        help=text.REFERENCE_LINES_HELP, key="references", on_change=on_page(_take_references),
    )  # fmt: skip


def _take_references(state: PageState) -> None:
    # A callback, so the charts drawn above the widget in the same run already follow it.
    state.references = set(st.session_state.references)
