"""Play / Pause, Step and Reset: outside the live fragment, so each one reruns the whole page."""

import streamlit as st

from curvefit import text
from curvefit.drawing.inside_views import offered, reference_name
from curvefit.session.frames import step_once
from curvefit.session.link import SPEEDS
from curvefit.session.page import Page, reset, set_playing, show_step, toggle_pin
from curvefit.ui.state import on_page

TIMELINE_PX = 80  # the slider with its label, in the page's font (tests/test_browser.py measures it)


def controls(state: Page, speeds: bool = True) -> None:
    """The four buttons and the speed in one row (a new visitor's first run leaves the speed's own buttons
    to the full run: see first_paint.py)."""
    if "spf" not in st.session_state:  # first run: the speed the link asked for
        st.session_state.spf = state.player.steps_per_frame
    # Play and Pin are as wide as their widest label (Pause, 取消固定), so the row keeps still when they flip.
    row = st.container(horizontal=True, vertical_alignment="center", gap="xsmall")
    label, icon = (text.PAUSE, ":material/pause:") if state.player.playing else (text.PLAY, ":material/play_arrow:")
    # Each callback carries what its button meant when drawn (see set_playing and step_once).
    row.button(
        label, icon=icon, on_click=on_page(set_playing, not state.player.playing), type="primary", key="play", width=90
    )
    row.button(text.STEP, on_click=on_page(step_once, state.player.step_clicks), help=text.STEP_HELP, key="step")
    row.button(text.RESET, on_click=on_page(reset), help=text.RESET_HELP, key="reset")
    pinned = state.run.pinned is not None
    row.button(
        text.UNPIN if pinned else text.PIN, icon=":material/push_pin:", on_click=on_page(toggle_pin, pinned),
        help=text.PIN_HELP, key="pin", width=108,
    )  # fmt: skip
    # The speed's label beside its buttons, not above them, and no taller than the row: drawn in the first run,
    # it holds the place, and nothing below moves when the speeds come (a label above did). As wide as label and
    # speeds in both languages, in both runs, so the row wraps where the first run's did when it is too narrow.
    speed = row.container(horizontal=True, vertical_alignment="center", width=460, gap="xsmall")
    speed.caption(text.STEPS_PER_FRAME, help=text.STEPS_PER_FRAME_HELP, width="content")
    if speeds:
        speed.segmented_control(
            text.STEPS_PER_FRAME, SPEEDS, required=True, format_func=lambda spf: text.SPEED_LABELS.get(spf, str(spf)),
            label_visibility="collapsed", key="spf", on_change=on_page(_take_speed),
        )  # fmt: skip


def timeline(state: Page) -> None:
    """While paused, a slider over the steps the timeline kept, the latest step at its end; while the fit
    moves (playing, a link's replay), a line in its place saying how to look back."""
    # A place of its own, as tall with the slider as without: else Play and Pause would move the charts under
    # it, from under the mouse, and a moved element stays drawn, stale, beside the new one until the run ends.
    place = st.container(height=TIMELINE_PX, border=False)
    steps, latest = state.run.timeline.steps, state.run.trainer.step
    if state.player.playing or state.run.replay is not None:
        place.caption(text.TIMELINE_WHILE_MOVING)
        return
    if not steps or steps == [latest]:
        return
    options = steps if steps[-1] == latest else [*steps, latest]
    # The widget's value is set from the state (not passed as a default, which changes as the fit trains).
    shown = state.run.earlier()
    st.session_state.timeline = shown.step if shown else latest
    place.select_slider(
        text.TIMELINE, options, format_func="{:,}".format, help=text.TIMELINE_HELP,
        key="timeline", on_change=on_page(_take_shown),
    )  # fmt: skip


def _take_shown(state: Page) -> None:
    show_step(state, st.session_state.timeline)


def _take_speed(state: Page) -> None:
    # A callback: the link written before the controls are drawn already has the new speed.
    state.player.steps_per_frame = st.session_state.spf


def reference_lines(state: Page) -> None:
    """Which level lines the loss chart shows: the noise floor, the best last layer, the polynomial, of those
    this fit has (a pill that shows nothing would be a switch that does nothing)."""
    options = offered(state.run.trainer)
    # The widget's value comes from the state: the options change with the fit, the choice outlasts them.
    st.session_state.references = [key for key in options if key in state.references]
    st.pills(
        text.REFERENCE_LINES, options, selection_mode="multi", format_func=reference_name,
        help=text.REFERENCE_LINES_HELP, key="references", on_change=on_page(_take_references),
    )  # fmt: skip


def _take_references(state: Page) -> None:
    # A callback, so the charts drawn above the widget in the same run already follow it. A reference this
    # fit lacks keeps its choice for a fit that has it.
    options = offered(state.run.trainer)
    state.references = {key for key in state.references if key not in options} | set(st.session_state.references)
