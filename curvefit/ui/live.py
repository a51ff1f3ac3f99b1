"""The live part of the page: a fragment that trains one chunk per frame, then redraws status and charts."""

import logging
import time

import streamlit as st

from curvefit import charts, text, views
from curvefit.ui.state import PageState, pause, train_frame

LOG = logging.getLogger(__name__)

FRAME_INTERVAL_S = 0.5  # two frames a second: smooth enough to watch, cheap enough to share a server


def live(state: PageState) -> None:
    """Draw the status and charts; while playing, train and redraw every FRAME_INTERVAL_S."""
    st.fragment(_frame, run_every=FRAME_INTERVAL_S if state.playing else None)(state)


def _frame(state: PageState) -> None:
    try:
        if state.playing:
            train_frame(state)  # all training before the first Streamlit call, so Pause cuts in at once
            if not state.playing:  # diverged or out of budget: a full rerun stops the timer, relabels Play
                st.rerun()  # (a BaseException in Streamlit: the except below does not catch it)
        _draw(state)
    except Exception:  # a bug of ours: the details go to the server log, never to the browser
        LOG.exception("a live frame failed")
        pause(state)
        st.error(text.UNEXPECTED)


def _draw(state: PageState) -> None:
    drawing = time.perf_counter()
    trainer = state.trainer
    train_loss, test_loss = trainer.losses()
    st.markdown(status_line(state, train_loss, test_loss))
    if state.note:
        st.info(state.note)
    if trainer.diverged:
        st.error(trainer.diverged)
    if trainer.band and trainer.band.stopped:
        st.caption(text.BAND_STOPPED)
    dropped = trainer.cfg.n - len(trainer.data.x_train) - len(trainer.data.x_test)
    if trainer.generated and dropped:
        st.caption(text.DROPPED.format(dropped=dropped, n=trainer.cfg.n))
    st.altair_chart(charts.fit_chart(views.fit_view(trainer, train_loss)), width="stretch")
    st.caption(text.BEYOND_DATA)
    st.altair_chart(charts.loss_chart(views.loss_view(trainer.history)), width="stretch")
    state.pace.record_draw(time.perf_counter() - drawing)


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
    speed = text.STATUS_SPEED.format(speed=state.steps_per_s) if state.playing and not state.waiting else ""
    line = text.STATUS.format(step=trainer.step, train=train_loss, test=test, speed=speed, state=mode)
    return line + (text.STANDARDISED if trainer.scale.active else "")
