"""Play / Pause, Step and Reset: outside the live fragment, so each one reruns the whole page."""

import streamlit as st

from curvefit import text
from curvefit.ui.state import PageState, on_page, reset, step_once, toggle_play


def controls(state: PageState) -> None:
    """The three buttons in one row."""
    play, step, restart, _ = st.columns([1, 1, 1, 5])
    label, icon = (text.PAUSE, ":material/pause:") if state.playing else (text.PLAY, ":material/play_arrow:")
    play.button(label, icon=icon, on_click=on_page(toggle_play), type="primary", key="play", width="stretch")
    step.button(text.STEP, on_click=on_page(step_once), help=text.STEP_HELP, key="step", width="stretch")
    restart.button(text.RESET, on_click=on_page(reset), help=text.RESET_HELP, key="reset", width="stretch")
