"""The page shares the server: work comes in turns by least recent use, paid from one account a page,
and an unexpected error stays on the server (AppTest)."""

import gc
import threading
import weakref

import pytest

from curvefit.budgets import share
from curvefit.budgets.share import Account, Share
from tests.apptest import page, place_of, state

PLACED = [("Markdown", "Step "), ("Caption", "Shaded: beyond the data"), ("Caption", "Noise floor")]


@pytest.fixture
def busy(monkeypatch):
    """A server whose one turn another session's work holds until the test ends: no frame gets one in its wait."""
    busy_share, taken, done = Share(limit=1, wait_s=0.01), threading.Event(), threading.Event()

    def other_session():
        with busy_share.turn(Account()):
            taken.set()
            done.wait(600)

    holder = threading.Thread(target=other_session, daemon=True)
    holder.start()
    assert taken.wait(60)
    monkeypatch.setattr(share, "SHARE", busy_share)
    yield
    done.set()
    holder.join(60)


def test_on_a_busy_server_play_draws_says_so_and_trains_as_soon_as_a_turn_comes(busy, monkeypatch):
    at = page()
    at.button(key="play").click().run()
    s = state(at)
    assert s.player.playing and s.run.trainer.step == 0 and "busy server" in at.markdown[0].value
    assert "position" not in at.markdown[0].value  # nobody waits in a line
    monkeypatch.setattr(share, "SHARE", Share(limit=1))
    at.run()  # the next frame gets its turn
    assert s.run.trainer.step > 0 and "busy server" not in at.markdown[0].value


def test_step_on_a_busy_server_says_so_and_trains_nothing(busy):
    at = page()
    at.button(key="step").click().run()
    assert state(at).run.trainer.step == 0 and any("The server is busy" in i.value for i in at.info)


def test_play_pauses_itself_once_the_pages_account_is_spent():
    at = page()
    state(at).player.account = Account(budget_s=0.0)
    at.button(key="play").click().run()
    assert not state(at).player.playing and state(at).run.trainer.step > 0
    assert any("press Play to go on" in i.value for i in at.info) and at.button(key="play").label == "Play"


def test_every_kind_of_work_is_paid_from_the_pages_one_account():
    at = page(band="2")
    account = state(at).player.account = Account(clock=lambda: 0.0)  # no time passes: nothing decays or refills
    before = account.recent_s
    at.button(key="step").click().run()  # a step, its frame's drawing
    after_step = account.recent_s
    assert after_step > before
    at.button(key="play").click().run()
    at.run()
    assert account.recent_s > after_step  # playing frames, and the band along with them


def test_an_unexpected_error_shows_a_short_message_keeps_the_fit_and_frees_the_trainer():
    at = page()
    at.button(key="step").click().run()
    trainer = state(at).run.trainer
    step, weights = trainer.step, trainer.engine.params.clone()

    def broken(steps):
        raise RuntimeError("/secret/path/engine.py exploded")

    trainer.train = broken
    at.button(key="play").click().run()
    assert not at.exception and not state(at).player.playing
    assert any("Something went wrong on our side" in e.value for e in at.error)
    assert "/secret/path" not in str([e.value for e in at.error])
    assert trainer.step == step and trainer.engine.params.equal(weights)


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


def test_a_busy_frame_and_a_trained_one_draw_the_status_and_the_charts_at_the_same_places(busy, monkeypatch):
    # A moved element stays drawn, stale, until the run ends: under load that showed two status lines.
    at = page()
    places = {what: place_of(at, *what) for what in PLACED}
    at.button(key="play").click().run()
    assert state(at).player.held == "busy"
    assert {what: place_of(at, *what) for what in PLACED} == places
    monkeypatch.setattr(share, "SHARE", Share(limit=1))
    at.run()  # the next frame gets its turn: playing, the units' part in a fragment of its own
    assert state(at).player.playing and not state(at).player.held
    assert {what: place_of(at, *what) for what in PLACED} == places


def test_a_band_whose_catching_up_would_pass_the_budget_is_not_switched_on_and_says_why():
    at = page()
    at.button(key="step").click().run()
    state(at).player.account = Account(budget_s=1e-6)  # any catching up costs more than that
    at.checkbox(key="cfg_band_on").check().run()
    assert state(at).run.trainer.band is None and any("would take about" in e.value for e in at.error)
    state(at).player.account = Account()
    at.run()  # the same choice, within the budget: switched on, and it catches up
    assert state(at).run.trainer.band is not None and not at.error


def test_catching_up_with_the_account_spent_waits_for_it_to_refill_and_says_so():
    at = page(spf="1000")
    at.button(key="step").click().run()
    at.checkbox(key="cfg_band_on").check().run()  # its first frame catches up a few steps of the 1000
    s = state(at)
    behind = s.run.trainer.band_behind
    assert behind > 0
    s.player.account.pay(1000.0)  # spent: a band ticked again and again, a replay's drawing
    at.run()
    assert s.player.held == "spent" and s.run.trainer.band_behind == behind
    assert "used its share of the server" in at.markdown[0].value


def test_under_load_frames_come_less_often_and_each_carries_that_many_more_steps(monkeypatch):
    monkeypatch.setattr(share, "SHARE", Share(limit=1, clock=lambda: 0.0))  # "lately" lasts however slow the test
    others = [Account() for _ in range(3)]  # three more sessions playing lately: four for one turn at a time
    for other in others:
        with share.SHARE.turn(other):
            pass
    at = page()  # the tutorial's 5 steps a frame
    at.button(key="play").click().run()
    s = state(at)
    assert s.player.load == 4 and s.player.interval_s >= 4 * 0.1
    at.run()
    stepped = s.run.trainer.step
    at.run()
    assert s.run.trainer.step - stepped == 20  # 5 steps a frame, four times as many: the steps a second hold
    assert "busy server: up to 20 steps a frame" in at.markdown[0].value
