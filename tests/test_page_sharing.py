"""The page shares the server: trainers are limited and first come first served, Play has a budget,
and an unexpected error stays on the server (AppTest)."""

import gc
import weakref

import pytest

from curvefit.serving.slots import TRAINERS
from curvefit.ui import state as page_state
from tests.apptest import page, place_of, state

PLACED = [("Markdown", "Step "), ("Caption", "Shaded: beyond the data"), ("Caption", "Noise floor")]


@pytest.fixture
def busy():
    """Every trainer taken by other sessions, for as long as the test needs."""
    while TRAINERS.wanting():  # sessions that earlier tests left playing (AppTest never closes a tab)
        for left in TRAINERS.holders():
            TRAINERS.release(left)
    others = [f"other-{i}" for i in range(TRAINERS.limit)]
    for other in others:
        TRAINERS.request(other)
    yield others
    for other in others:
        TRAINERS.release(other)


def test_with_every_trainer_busy_play_waits_in_line_then_trains(busy):
    at = page()
    at.button(key="play").click().run()
    assert state(at).trainer.step == 0 and at.markdown[0].value.endswith("waiting for a free trainer — position 1")
    for other in busy:
        TRAINERS.release(other)
    at.run()  # the next frame finds a free trainer
    assert state(at).trainer.step > 0 and state(at).id in TRAINERS.holders()
    at.button(key="play").click().run()  # Pause gives it back
    assert state(at).id not in TRAINERS.holders()


def test_step_when_every_trainer_is_busy_says_so_and_trains_nothing(busy):
    at = page()
    at.button(key="step").click().run()
    assert state(at).trainer.step == 0 and any("Every trainer is busy" in i.value for i in at.info)


def test_play_pauses_itself_after_its_training_budget(monkeypatch):
    monkeypatch.setattr(page_state, "PLAY_BUDGET_S", 0.0)
    at = page()
    at.button(key="play").click().run()
    assert not state(at).playing and state(at).trainer.step > 0
    assert any("press Play to go on" in i.value for i in at.info) and at.button(key="play").label == "Play"
    assert state(at).id not in TRAINERS.holders()


def test_an_unexpected_error_shows_a_short_message_keeps_the_fit_and_frees_the_trainer():
    at = page()
    at.button(key="step").click().run()
    trainer = state(at).trainer
    step, weights = trainer.step, trainer.engine.params.clone()

    def broken(steps):
        raise RuntimeError("/secret/path/engine.py exploded")

    trainer.train = broken
    at.button(key="play").click().run()
    assert not at.exception and not state(at).playing
    assert any("Something went wrong on our side" in e.value for e in at.error)
    assert "/secret/path" not in str([e.value for e in at.error])
    assert trainer.step == step and trainer.engine.params.equal(weights)
    assert state(at).id not in TRAINERS.holders()


def test_an_error_while_waiting_in_line_shows_a_short_message_and_pauses(busy):
    at = page()
    at.button(key="play").click().run()
    assert state(at).waiting == 1

    def broken(*args):
        raise RuntimeError("/secret/path/trainer.py exploded")

    state(at).trainer.memo.clear()  # nothing measured yet for these weights: the loss is computed again
    state(at).trainer.loss_fn = broken
    at.run()  # the full run that draws a waiting tab's charts
    assert not at.exception and not state(at).playing
    assert any("Something went wrong on our side" in e.value for e in at.error)
    assert "/secret/path" not in str([e.value for e in at.error])
    assert state(at).id not in TRAINERS.holders()


def test_a_closed_page_leaves_nothing_that_keeps_its_state():
    # The script's globals outlive the session that ran it last (sys.modules['__main__']), Streamlit keeps
    # widget callbacks past it, and the downloads' route knows its page: none of them may hold the PageState.
    at = page(n="1000")
    at.button(key="step").click().run()
    kept = state(at)
    closures = [cell for cell in gc.get_referrers(kept) if type(cell).__name__ == "cell"]
    assert closures == []  # a callback's closure
    ref = weakref.ref(kept)
    del at, kept
    gc.collect()
    assert ref() is None


def test_waiting_in_line_and_playing_draw_the_status_and_the_charts_at_the_same_places(busy):
    # The switch in and out of a turn is a full run: a moved element stays drawn, stale, until it ends.
    at = page()
    places = {what: place_of(at, *what) for what in PLACED}
    at.button(key="play").click().run()
    assert state(at).waiting == 1
    assert {what: place_of(at, *what) for what in PLACED} == places
    for other in busy:
        TRAINERS.release(other)
    at.run()  # the next frame finds a free trainer: playing, the units' part in a fragment of its own
    assert state(at).playing and not state(at).waiting
    assert {what: place_of(at, *what) for what in PLACED} == places
