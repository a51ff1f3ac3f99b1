"""The live part of the page: a fragment that trains one chunk per frame, then redraws status and charts."""

import contextlib
import logging
import time

import streamlit as st

from curvefit import text
from curvefit.drawing.frame import Frame, draw_frame
from curvefit.ui.state import PageState, ask_for_trainer, pause, train_frame

LOG = logging.getLogger(__name__)

FRAME_INTERVAL_S = 0.5  # two frames a second: smooth enough to watch, cheap enough to share a server


def live(state: PageState) -> None:
    """The status and charts; while playing, a timer trains and redraws them every FRAME_INTERVAL_S.

    Waiting in line for a trainer, the timer redraws the status line only: the charts, drawn once by
    the full run outside the fragment, stay as they are. Twenty waiting tabs then cost the server next
    to nothing; the switch in and out of a turn is a full rerun.
    """
    if state.playing and state.waiting:
        with _boundary(state):
            frame = draw_frame(state.trainer, state.references)
            state.shown_losses = frame.losses
            st.fragment(_waiting_frame, run_every=FRAME_INTERVAL_S)(state)
            _notes(state)
            _charts(frame)
    else:
        st.fragment(_frame, run_every=FRAME_INTERVAL_S if state.playing else None)(state)


def _frame(state: PageState) -> None:
    with _boundary(state):
        if state.playing:
            train_frame(state)  # all training before the first Streamlit call, so Pause cuts in at once
            if not state.playing or state.waiting:  # stopped, or our turn is over: a full rerun stops
                st.rerun()  # the timer or swaps it for the waiting one, and relabels Play
        drawing = time.thread_time()
        frame = draw_frame(state.trainer, state.references)
        state.shown_losses = frame.losses
        st.markdown(status_line(state, *state.shown_losses))
        _notes(state)
        _charts(frame)
        state.pace.record_draw(time.thread_time() - drawing)


def _waiting_frame(state: PageState) -> None:
    with _boundary(state):
        if ask_for_trainer(state):  # our turn: the whole page, with the timer that trains and draws
            st.rerun()
        st.markdown(status_line(state, *state.shown_losses))


@contextlib.contextmanager
def _boundary(state: PageState):
    """A bug of ours pauses with a short message; the details go to the server log, never to the browser."""
    try:
        yield
    except Exception:  # st.rerun's exception is a BaseException: it passes
        LOG.exception("a live frame failed")
        pause(state)
        st.error(text.UNEXPECTED)


def _notes(state: PageState) -> None:
    trainer = state.trainer
    if state.note:
        st.info(state.note)
    if trainer.diverged:
        st.error(trainer.diverged)
    if trainer.band and trainer.band.stopped:
        st.caption(text.BAND_STOPPED)
    dropped = trainer.cfg.n - len(trainer.data.x_train) - len(trainer.data.x_test)
    if trainer.generated and dropped:
        st.caption(text.DROPPED.format(dropped=dropped, n=trainer.cfg.n))


def _charts(frame: Frame) -> None:
    st.vega_lite_chart(frame.fit, width="stretch")
    st.caption(frame.fit_caption)
    st.vega_lite_chart(frame.units, width="stretch")
    st.vega_lite_chart(frame.loss, width="stretch")
    st.caption(frame.loss_caption)
    st.dataframe(frame.errors, width="content")


def status_line(state: PageState, train_loss: float, test_loss: float | None) -> str:
    """Step, losses, speed and state in one line."""
    trainer = state.trainer
    if trainer.diverged:
        mode = text.DIVERGED
    elif state.waiting:
        mode = text.WAITING.format(place=state.waiting)
    else:
        mode = text.PLAYING if state.playing else text.PAUSED
    test = "" if test_loss is None else text.STATUS_TEST.format(test=test_loss)
    measured = state.playing and not state.waiting and state.steps_per_s > 0
    speed = text.STATUS_SPEED.format(speed=state.steps_per_s) if measured else ""  # none until two frames
    line = text.STATUS.format(step=trainer.step, train=train_loss, test=test, speed=speed, state=mode)
    return line + (text.STANDARDISED if trainer.scale.active else "")
