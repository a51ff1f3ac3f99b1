"""The live part of the page: a fragment that trains one chunk per frame, then redraws status and charts."""

import contextlib
import logging
import time

import streamlit as st

from curvefit import i18n, text
from curvefit.analysis.oscillation import oscillation
from curvefit.analysis.sharpness import advice
from curvefit.budgets import share
from curvefit.budgets.frame_pace import frame_interval, frame_steps, load
from curvefit.drawing.frame import FitFrame, InsideFrame, draw_fit, draw_inside
from curvefit.drawing.learning import LearningFrame, draw_learning
from curvefit.inputs import limits
from curvefit.session.frames import train_frame
from curvefit.session.messages import pinned_caption
from curvefit.session.page import Page

LOG = logging.getLogger(__name__)
STATUS_KEY = "status"  # the status line's place, which ui/shown_step.py reads the step on the screen from
FIT_KEY = "fit_chart"  # the fit chart's place, where ui/touch.py finds the plot

# While frames come faster than this, the status line and the fit are new every frame, and the units, the
# loss chart and the errors are redrawn this often, in a fragment of their own: sent with every frame, those
# three cost the browser more than the rest of the live part together (docs/page.md). Each fragment run also
# costs the browser its own React work, so under load (a frame a second or slower) they stay in one.
INSIDE_INTERVAL_S = 1.0


def live(state: Page, inside: bool = True) -> None:
    """The status and charts (the units, losses and errors too unless `inside` is False); while playing, a
    timer trains and redraws them (see frame_interval), and, when frames come faster than INSIDE_INTERVAL_S,
    a slower one redraws the units, losses and errors. Every session's frames train in their turn at the
    server's CPU (budgets/share.py): under load they come less often, none waits in a line.
    """
    with st.container():  # one place in the board, whichever layout: what follows it keeps its place
        _live(state, inside)


def _live(state: Page, inside: bool) -> None:
    # Paused or playing, the status line, the fit and the units' chart are at the same places in the page's
    # tree (see controls.timeline): the fragments' blocks. The timer also runs while paused to catch up: the
    # band with the red net, a link's replay.
    timed = state.player.playing or _catching_up(state)
    state.player.interval_s = _wanted_interval(state)  # a timer's interval is set by a full run only
    # Under load frames come as slowly anyway: the units' part is drawn with the frame, in one run.
    # Paused, it is a fragment with no timer, at the place it has while playing.
    apart = not timed or state.player.interval_s < INSIDE_INTERVAL_S
    st.fragment(_frame, run_every=state.player.interval_s if timed else None)(state, inside and not apart)
    if inside and apart:
        st.fragment(_inside_frame, run_every=INSIDE_INTERVAL_S if timed else None)(state)


def _wanted_interval(state: Page) -> float:
    shared, player = share.SHARE, state.player
    player.load = load(shared.wanting(player.account), shared.limit)  # this session counted: it asks from now on
    return frame_interval(max(player.pace.frame_s, player.catch_up_pace.frame_s), player.load)


def _catching_up(state: Page) -> bool:
    return state.run.replay is not None or state.run.trainer.band_behind > 0


def _frame(state: Page, with_inside: bool) -> None:
    with _boundary(state):
        if state.player.playing:
            train_frame(state)  # all training before the first Streamlit call, so Pause cuts in at once
            if not state.player.playing:  # stopped (the budget, a blow-up): a full rerun stops the timer, relabels Play
                st.rerun()
            if not 2 / 3 < _wanted_interval(state) / state.player.interval_s < 3 / 2:  # the load or the frame's
                st.rerun()  # cost changed much since the timer was set (the first frames pay a warm-up)
        elif _catching_up(state):
            train_frame(state)
            if not _catching_up(state):  # caught up: a full rerun stops the timer (and writes the link)
                st.rerun()
        drawing = time.thread_time()
        fit = _draw(state)
        state.shown_losses = fit.losses
        st.container(key=STATUS_KEY).markdown(status_line(state, *state.shown_losses))  # (keyed: see shown_step)
        with st.container():  # the progress and the notes come and go; the charts keep their place
            if state.run.replay is not None:
                st.progress(state.run.trainer.step / state.run.replay.target)
            _notes(state)
        _fit_chart(state, fit)
        if with_inside:
            _inside_charts(state, _draw_inside(state))
        drawn_s = time.thread_time() - drawing
        state.player.account.pay(drawn_s)  # drawing is work done for this session too
        for pace in (state.player.pace, state.player.catch_up_pace):
            pace.record_draw(drawn_s)


def _inside_frame(state: Page) -> None:
    with _boundary(state):
        _inside_charts(state, _draw_inside(state))


def _draw(state: Page) -> FitFrame:
    # Each frame adds to the timeline the fit it draws (at most one snapshot every so many steps).
    state.run.timeline.record(state.run.trainer)
    return draw_fit(state.run.trainer, state.run.earlier(), state.run.pinned)


def _draw_inside(state: Page) -> InsideFrame:
    return draw_inside(state.run.trainer, state.references, state.run.earlier(), state.run.pinned)


@contextlib.contextmanager
def _boundary(state: Page):
    """A bug of ours pauses with a short message; the details go to the server log, never to the browser.
    Inside, the page's language is spoken: a fragment's run may come on a thread of its own."""
    i18n.speak(state.language)
    try:
        yield
    except Exception:  # st.rerun's exception is a BaseException: it passes
        LOG.exception("a live frame failed")
        state.player.pause()
        st.error(text.UNEXPECTED)


def _notes(state: Page) -> None:
    trainer = state.run.trainer
    if state.player.note:
        st.info(str(state.player.note))
    if trainer.diverged:  # (and what the sharpness where it went back to says, when it is near the edge)
        st.error(i18n.sentences(trainer.diverged, advice(trainer) or ""))
    if found := oscillation(trainer):  # it goes on, but the learner should know why the loss will not settle
        lr = trainer.cfg.lr
        words = text.OSCILLATING.format(**found._asdict(), times=found.times_best, lr=lr, suggested=lr / 2)
        st.warning(i18n.sentences(words, advice(trainer) or ""))
    if trainer.band and trainer.band.stopped:
        st.caption(text.BAND_STOPPED)
    dropped = trainer.cfg.n - len(trainer.data.x_train) - len(trainer.data.x_test)
    if trainer.generated and dropped:
        st.caption(text.DROPPED.format(dropped=dropped, n=trainer.cfg.n, most=limits.MAX_ABS_VALUE))


def _fit_chart(state: Page, fit: FitFrame) -> None:
    st.container(key=FIT_KEY).vega_lite_chart(fit.fit, width="stretch")  # (keyed: the touch layer finds it)
    with st.container():  # with a pinned run's caption or not, the charts under it keep their place
        st.caption(fit.fit_caption)
        if state.run.pinned is not None:
            st.caption(pinned_caption(state.run.pinned, state.run.trainer.cfg))


def _inside_charts(state: Page, inside: InsideFrame) -> None:
    st.vega_lite_chart(inside.units, width="stretch")
    st.vega_lite_chart(inside.loss, width="stretch")
    st.caption(inside.loss_caption)
    # A plain table: the interactive grid's code and canvas cost a new visitor's browser more (docs/page.md).
    st.table(inside.errors.style.format("{:.4g}"))
    run = state.run
    # Why it learns as it does: drawn only while open (drawn with every frame under load, it cost a class most
    # of its steps: docs/hosting.md); the sharpness is measured anyway, so its chart has the whole run.
    panel = st.expander(text.LEARNING_PANEL, key="learning_panel", on_change="rerun")
    if not panel.open:
        run.track.record(run.trainer)
        return
    with panel:
        _learning_charts(draw_learning(run.trainer, run.track, run.timeline, run.shown_step))


def _learning_charts(learning: LearningFrame) -> None:
    sharp, waves = st.columns(2)  # (stacked on a phone)
    sharp.vega_lite_chart(learning.sharpness, width="stretch")
    sharp.caption(learning.sharpness_caption)
    waves.vega_lite_chart(learning.spectrum, width="stretch")
    waves.vega_lite_chart(learning.heatmap, width="stretch")
    waves.caption(learning.spectrum_caption)


def status_line(state: Page, train_loss: float, test_loss: float | None) -> str:
    """Step, losses, speed and state in one line."""
    trainer = state.run.trainer
    if trainer.diverged:
        mode = text.DIVERGED
    elif state.player.held and (state.player.playing or _catching_up(state)):
        mode = text.SERVER_BUSY if state.player.held == "busy" else text.SHARE_SPENT
    elif state.run.replay is not None:
        mode = text.REPLAYING.format(step=trainer.step, target=state.run.replay.target)
    else:
        mode = text.PLAYING if state.player.playing else text.PAUSED
        if state.player.playing and state.player.load > 1:  # fewer pictures, more steps in each: the learning goes on
            mode += " · " + text.BUSY_FRAMES.format(steps=frame_steps(state.player.steps_per_frame, state.player.load))
    if trainer.band_behind:
        mode += " · " + text.BAND_CATCHING_UP.format(band=trainer.band.step, step=trainer.step)
    test = "" if test_loss is None else text.STATUS_TEST.format(test=test_loss)
    measured = state.player.playing and state.player.steps_per_s > 0
    speed = text.STATUS_SPEED.format(speed=state.player.steps_per_s) if measured else ""  # none until two frames
    line = text.STATUS.format(step=trainer.step, train=train_loss, test=test, speed=speed, state=mode)
    return line + (text.STANDARDISED if trainer.scale.active else "")
