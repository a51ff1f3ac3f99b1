"""The live part of the page: a fragment that trains one chunk per frame, then redraws status and charts."""

import contextlib
import logging
import time

import streamlit as st

from curvefit import i18n, text
from curvefit.drawing.frame import FitFrame, InsideFrame, draw_fit, draw_inside
from curvefit.drawing.timeline import Snapshot
from curvefit.inputs import limits
from curvefit.serving import share
from curvefit.serving.pace import frame_interval, frame_steps, load
from curvefit.ui.messages import pinned_caption
from curvefit.ui.state import PageState, pause, train_frame

LOG = logging.getLogger(__name__)

# While frames come faster than this, the status line and the fit are new every frame, and the units, the
# loss chart and the errors are redrawn this often, in a fragment of their own. Sent with every frame, those
# three cost Chromium here more than the rest of the live part together: the page showed 3.5 frames a
# second; apart, redrawn twice a second, about 7; once a second, 8 (benchmarks/frames.py). Each fragment
# run also costs the browser ~90 ms of React, so under load (a frame a second or slower) they stay in one.
INSIDE_INTERVAL_S = 1.0


def live(state: PageState, inside: bool = True) -> None:
    """The status and charts (the units, losses and errors too unless `inside` is False); while playing, a
    timer trains and redraws them (see frame_interval), and, when frames come faster than INSIDE_INTERVAL_S,
    a slower one redraws the units, losses and errors. Every session's frames train in their turn at the
    server's CPU (serving/share.py): under load they come less often, none waits in a line.
    """
    with st.container():  # one place in the board, whichever layout: what follows it keeps its place
        _live(state, inside)


def _live(state: PageState, inside: bool) -> None:
    # Paused or playing, the status line, the fit and the units' chart are at the same places in the page's
    # tree (see controls.timeline): the fragments' blocks. The timer also runs while paused to catch up: the
    # band with the red net, a link's replay.
    timed = state.playing or _catching_up(state)
    state.interval_s = _wanted_interval(state)  # a timer's interval is set by a full run only
    # Under load frames come as slowly anyway: the units' part is drawn with the frame, in one run.
    # Paused, it is a fragment with no timer, at the place it has while playing.
    apart = not timed or state.interval_s < INSIDE_INTERVAL_S
    st.fragment(_frame, run_every=state.interval_s if timed else None)(state, inside and not apart)
    if inside and apart:
        st.fragment(_inside_frame, run_every=INSIDE_INTERVAL_S if timed else None)(state)


def _wanted_interval(state: PageState) -> float:
    shared = share.SHARE
    state.load = load(shared.wanting(state.account), shared.limit)  # this session counted: it asks from now on
    return frame_interval(max(state.pace.frame_s, state.catch_up_pace.frame_s), state.load)


def _catching_up(state: PageState) -> bool:
    return state.replay is not None or state.trainer.band_behind > 0


def _frame(state: PageState, with_inside: bool) -> None:
    with _boundary(state):
        if state.playing:
            train_frame(state)  # all training before the first Streamlit call, so Pause cuts in at once
            if not state.playing:  # stopped (the budget, a blow-up): a full rerun stops the timer, relabels Play
                st.rerun()
            if not 2 / 3 < _wanted_interval(state) / state.interval_s < 3 / 2:  # the load or the frame's
                st.rerun()  # cost changed much since the timer was set (the first frames pay a warm-up)
        elif _catching_up(state):
            train_frame(state)
            if not _catching_up(state):  # caught up: a full rerun stops the timer (and writes the link)
                st.rerun()
        drawing = time.thread_time()
        fit = _draw(state)
        state.shown_losses = fit.losses
        st.container().markdown(status_line(state, *state.shown_losses))
        with st.container():  # the progress and the notes come and go; the charts keep their place
            if state.replay is not None:
                st.progress(state.trainer.step / state.replay.target)
            _notes(state)
        _fit_chart(state, fit)
        if with_inside:
            _inside_charts(_draw_inside(state))
        drawn_s = time.thread_time() - drawing
        state.account.pay(drawn_s)  # drawing is work done for this session too
        for pace in (state.pace, state.catch_up_pace):
            pace.record_draw(drawn_s)


def _inside_frame(state: PageState) -> None:
    with _boundary(state):
        _inside_charts(_draw_inside(state))


def _draw(state: PageState) -> FitFrame:
    # Each frame adds to the timeline the fit it draws (at most one snapshot every so many steps).
    state.timeline.record(state.trainer)
    return draw_fit(state.trainer, _earlier(state), state.pinned)


def _draw_inside(state: PageState) -> InsideFrame:
    return draw_inside(state.trainer, state.references, _earlier(state), state.pinned)


def _earlier(state: PageState) -> Snapshot | None:
    return None if state.shown_step is None else state.timeline.at(state.shown_step)


@contextlib.contextmanager
def _boundary(state: PageState):
    """A bug of ours pauses with a short message; the details go to the server log, never to the browser.
    Inside, the page's language is spoken: a fragment's run may come on a thread of its own."""
    i18n.speak(state.language)
    try:
        yield
    except Exception:  # st.rerun's exception is a BaseException: it passes
        LOG.exception("a live frame failed")
        pause(state)
        st.error(text.UNEXPECTED)


def _notes(state: PageState) -> None:
    trainer = state.trainer
    if state.note:
        st.info(str(state.note))
    if trainer.diverged:
        st.error(trainer.diverged)
    if trainer.band and trainer.band.stopped:
        st.caption(text.BAND_STOPPED)
    dropped = trainer.cfg.n - len(trainer.data.x_train) - len(trainer.data.x_test)
    if trainer.generated and dropped:
        st.caption(text.DROPPED.format(dropped=dropped, n=trainer.cfg.n, most=limits.MAX_ABS_VALUE))


def _fit_chart(state: PageState, fit: FitFrame) -> None:
    st.vega_lite_chart(fit.fit, width="stretch")
    with st.container():  # with a pinned run's caption or not, the charts under it keep their place
        st.caption(fit.fit_caption)
        if state.pinned is not None:
            st.caption(pinned_caption(state.pinned, state.trainer.cfg))


def _inside_charts(inside: InsideFrame) -> None:
    st.vega_lite_chart(inside.units, width="stretch")
    st.vega_lite_chart(inside.loss, width="stretch")
    st.caption(inside.loss_caption)
    # A plain table: the interactive grid's code and canvas cost a new visitor's browser ~0.6 s more.
    st.table(inside.errors.style.format("{:.4g}"))


def status_line(state: PageState, train_loss: float, test_loss: float | None) -> str:
    """Step, losses, speed and state in one line."""
    trainer = state.trainer
    if trainer.diverged:
        mode = text.DIVERGED
    elif state.held and (state.playing or _catching_up(state)):
        mode = text.SERVER_BUSY if state.held == "busy" else text.SHARE_SPENT
    elif state.replay is not None:
        mode = text.REPLAYING.format(step=trainer.step, target=state.replay.target)
    else:
        mode = text.PLAYING if state.playing else text.PAUSED
        if state.playing and state.load > 1:  # fewer pictures, more steps in each: the learning goes on
            mode += " · " + text.BUSY_FRAMES.format(steps=frame_steps(state.steps_per_frame, state.load))
    if trainer.band_behind:
        mode += " · " + text.BAND_CATCHING_UP.format(band=trainer.band.step, step=trainer.step)
    test = "" if test_loss is None else text.STATUS_TEST.format(test=test_loss)
    measured = state.playing and state.steps_per_s > 0
    speed = text.STATUS_SPEED.format(speed=state.steps_per_s) if measured else ""  # none until two frames
    line = text.STATUS.format(step=trainer.step, train=train_loss, test=test, speed=speed, state=mode)
    return line + (text.STANDARDISED if trainer.scale.active else "")
