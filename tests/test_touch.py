"""Touching the curve: the browser's edits are checked as an upload is, the net trains on from where it is,
and whatever was drawn is the fit's data everywhere after (the link, the downloads, Undo, Reset)."""

import math

import numpy as np
import pytest
import torch

from curvefit import Config, Trainer, text
from curvefit.drawing.inside_views import offered
from curvefit.inputs import hand_points, touch
from curvefit.inputs.data import split
from curvefit.session.link import read, write
from curvefit.session.page import link_of, open_page, reset, use_points
from curvefit.session.touching import current_points, touchable, touched, undo
from tests.apptest import page, state


def _message(page_, op: str, **fields) -> dict:
    x, y = current_points(page_)
    return {"op": op, "version": touch.version(x, y), **fields}


def _fresh(query: dict | None = None):
    return open_page(query or {}, "en")


# The edits themselves


@pytest.mark.parametrize(
    ("message", "said"),
    [
        ("add", "cannot read"),
        (["add", 1, 2], "cannot read"),
        ({"op": "explode"}, "cannot read"),
        ({"op": "add", "x": 0.5, "y": 0.5}, "changed before this edit"),  # no version: a stale page
        ({"op": "add", "x": "0.5", "y": 0.5}, "cannot read"),
        ({"op": "add", "x": math.nan, "y": 0.5}, "cannot read"),
        ({"op": "add", "x": 0.5, "y": math.inf}, "cannot read"),
        ({"op": "add", "x": True, "y": 0.5}, "cannot read"),
        ({"op": "add", "x": 0.5}, "cannot read"),
        ({"op": "add", "x": 1e9, "y": 0.5}, "within ±1000"),
        ({"op": "add", "x": 0.5, "y": 1e31}, "within ±1000"),
        ({"op": "move", "index": 100, "x": 0.5, "y": 0.5}, "cannot read"),
        ({"op": "move", "index": -1, "x": 0.5, "y": 0.5}, "cannot read"),
        ({"op": "move", "index": 1.0, "x": 0.5, "y": 0.5}, "cannot read"),
        ({"op": "remove", "index": "3"}, "cannot read"),
        ({"op": "stroke", "stroke": [[0.0, 0.0]]}, "2 to 500"),
        ({"op": "stroke", "stroke": [[0.0, 0.0]] * 1_000_000}, "2 to 500"),
        ({"op": "stroke", "stroke": "[[0, 0], [1, 1]]"}, "2 to 500"),
        ({"op": "stroke", "stroke": [[0.0, 0.0], [0.1, "x"]]}, "cannot read"),
        ({"op": "stroke", "stroke": [[0.0, 0.0], [0.0, 1.0]]}, "left to right"),
    ],
)
def test_a_hostile_or_stale_edit_gets_a_clear_message_and_changes_nothing(message, said):
    page_ = _fresh()
    trainer, before = page_.run.trainer, current_points(page_)
    trainer.train(20)
    weights = trainer.engine.params.clone()
    if isinstance(message, dict) and said != "changed before this edit":  # made on these very points
        message = {**message, "version": touch.version(*before)}
    problem = touched(page_, message)
    assert problem and said in problem and problem.startswith("Not used")
    assert page_.run.trainer is trainer and trainer.step == 20 and torch.equal(trainer.engine.params, weights)
    assert all(np.array_equal(a, b) for a, b in zip(current_points(page_), before, strict=True))
    assert page_.run.own is None and not page_.run.undo


def test_add_move_and_remove_change_just_that_point():
    page_ = _fresh()
    x, y = current_points(page_)
    assert touched(page_, _message(page_, "move", index=50, x=float(x[50]), y=2.0)) is None
    moved_x, moved_y = current_points(page_)
    assert (
        np.array_equal(moved_x, x) and moved_y[50] == 2.0 and np.array_equal(np.delete(moved_y, 50), np.delete(y, 50))
    )
    assert touched(page_, _message(page_, "add", x=0.123, y=-0.5)) is None
    added_x, added_y = current_points(page_)
    assert len(added_x) == 101 and added_y[np.flatnonzero(added_x == np.float32(0.123))[0]] == np.float32(-0.5)
    assert touched(page_, _message(page_, "remove", index=0)) is None
    assert len(current_points(page_)[0]) == 100 and current_points(page_)[0][0] == x[1]
    assert page_.run.own.by_hand and str(page_.run.own.source) == text.HAND_SOURCE


def test_a_stroke_becomes_the_target_sampled_with_the_settings_noise_count_and_seed():
    cfg = Config(n=40, noise=0.1, noise_kind="uniform", seed=5)
    stroke = ((-1.0, 0.0), (1.0, 2.0), (0.0, 0.0))  # drawn out of order: a function of x through its vertices
    x, y = touch.stroke_points(stroke, cfg)
    assert len(x) == 40 and np.allclose(x, np.linspace(-1, 1, 40))
    through = np.interp(x, [-1.0, 0.0, 1.0], [0.0, 0.0, 2.0])
    assert np.all((y - through >= 0) & (y - through < 0.1)) and np.ptp(y - through) > 0.05  # uniform [0, 0.1)
    again = touch.stroke_points(stroke, cfg)
    assert np.array_equal(again[1], y)  # the seed's: the same stroke gives the same points
    other = touch.stroke_points(stroke, cfg.replace(seed=6))[1]
    assert not np.array_equal(other, y)
    random_x = touch.stroke_points(stroke, cfg.replace(sampling="random", noise_kind="gaussian"))[0]
    assert np.all(np.diff(random_x) >= 0) and not np.allclose(random_x, x)
    assert len(touch.stroke_points(stroke, cfg.replace(n=1000))[0]) == hand_points.MAX_HAND_POINTS


def test_more_points_than_a_link_carries_are_not_touched():
    page_ = _fresh({"n": "300"})
    assert not touchable(page_)
    problem = touched(page_, _message(page_, "add", x=0.0, y=0.0))
    assert "at most 200 points" in problem and page_.run.own is None
    full = _fresh({"n": "200"})
    assert touchable(full) and "at most 200" in touched(full, _message(full, "add", x=0.0, y=0.0))


# The net trains on


def test_a_moved_point_mid_run_keeps_the_weights_the_loss_jumps_then_falls():
    page_ = _fresh()
    trainer = page_.run.trainer
    trainer.train(300)
    weights, settled = trainer.engine.params.clone(), trainer.losses()[0]
    x, y = current_points(page_)
    assert touched(page_, _message(page_, "move", index=50, x=float(x[50]), y=1.5)) is None
    assert page_.run.trainer is trainer and trainer.step == 300 and torch.equal(trainer.engine.params, weights)
    jumped = trainer.losses()[0]
    assert jumped > settled + 1.5**2 / 100 / 2  # one point of 100 moved ~1.4 up
    trainer.train(300)
    assert trainer.losses()[0] < 0.95 * jumped and not trainer.diverged  # (one outlier: ten units bend only so far)
    assert [step for step, _ in trainer.stages] == [0, 300] and not trainer.generated
    assert "floor" in offered(Trainer(trainer.cfg)) and "floor" not in offered(trainer)  # no true function now


@pytest.mark.parametrize("cfg", [Config(), Config(batch=16, momentum=0.9, test=0.2, opt="adam", lr=0.01, band=2)])
def test_chunks_change_nothing_across_a_change_of_points(cfg):
    def run(chunks):
        trainer = Trainer(cfg)
        x = torch.cat([trainer.data.x_train, trainer.data.x_test])
        y = torch.cat([trainer.data.y_train, trainer.data.y_test]) + 0.3
        for i, steps in enumerate(chunks):
            if i == len(chunks) // 2:
                trainer.use_data(split(x, y, cfg.test, cfg.seed))
            trainer.train(steps)
        return trainer

    one, many = run([120, 0, 80]), run([30] * 4 + [0] + [20] * 4)
    assert one.step == many.step == 200 and torch.equal(one.engine.params, many.engine.params)
    assert list(one.history.train.values) == list(many.history.train.values)
    if cfg.band:
        assert torch.equal(one.band.engine.params, many.band.engine.params)


def test_the_library_trainer_resets_to_the_points_it_was_made_with():
    trainer = Trainer(Config())
    first = trainer.data
    trainer.train(50)
    trainer.use_data(split(first.x_train, first.y_train * 2, 0.0, 0))
    trainer.train(50)
    trainer.reset()
    assert trainer.step == 0 and trainer.generated and trainer.data is first and len(trainer.stages) == 1


# Undo, Reset, back to the generated data, the link


def test_undo_takes_back_each_edit_and_back_to_generated_starts_over():
    page_ = _fresh()
    generated = current_points(page_)
    page_.run.trainer.train(100)
    touched(page_, _message(page_, "add", x=0.5, y=2.0))
    touched(page_, _message(page_, "remove", index=0))
    assert len(current_points(page_)[0]) == 100 and len(page_.run.undo) == 2
    undo(page_)
    assert len(current_points(page_)[0]) == 101
    undo(page_)
    assert all(np.array_equal(a, b) for a, b in zip(current_points(page_), generated, strict=True))
    assert page_.run.own is None and page_.run.trainer.generated and page_.run.trainer.step == 100
    assert undo(page_) is None and page_.run.trainer.step == 100  # nothing left to undo: nothing happens
    touched(page_, _message(page_, "add", x=0.5, y=2.0))
    use_points(page_, None)
    assert page_.run.trainer.step == 0 and page_.run.trainer.generated and not page_.run.undo


def test_an_edit_at_step_0_makes_the_fit_a_link_to_the_points_makes_and_the_link_keeps_its_moment():
    page_ = _fresh()
    touched(page_, _message(page_, "add", x=0.5, y=2.0))
    page_.run.trainer.train(40)
    opened = open_page(write(link_of(page_)), "en")
    assert opened.run.replay is not None and opened.run.replay.target == 40  # the moment travels
    assert all(np.array_equal(a, b) for a, b in zip(current_points(opened), current_points(page_), strict=True))
    fresh = Trainer(page_.run.trainer.cfg, data=opened.run.trainer.data)
    page_.run.trainer.reset()
    assert torch.equal(opened.run.trainer.engine.params, page_.run.trainer.engine.params)  # the same step-0 fit
    assert torch.equal(fresh.engine.params, page_.run.trainer.engine.params)


def test_after_an_edit_mid_run_the_link_holds_the_points_at_step_0_and_reset_starts_there():
    page_ = _fresh()
    page_.run.trainer.train(100)
    touched(page_, _message(page_, "move", index=10, x=-0.8, y=1.5))
    page_.run.trainer.train(50)
    query = write(link_of(page_))
    assert "step" not in query and "pts" in query
    opened = open_page(query, "en")
    assert opened.run.replay is None and opened.run.trainer.step == 0
    assert np.array_equal(current_points(opened)[1], current_points(page_)[1])
    reset(page_)
    assert page_.run.trainer.step == 0 and len(page_.run.trainer.stages) == 1
    assert torch.equal(page_.run.trainer.engine.params, opened.run.trainer.engine.params)


def test_the_downloads_hold_the_moved_points():
    from curvefit.serving import export

    page_ = _fresh()
    page_.run.trainer.train(30)
    touched(page_, _message(page_, "move", index=99, x=1.0, y=-3.0))
    csv = export.data_csv(page_.run.trainer).decode()
    assert "1,-3,train" in csv and csv.count("\n") == 101


# The page (AppTest): a hostile message is a message, and the fit stays


def test_the_page_shows_why_an_edit_was_refused_and_keeps_the_fit():
    at = page(spf="25")
    s = state(at)
    s.run.trainer.train(25)
    weights = s.run.trainer.engine.params.clone()
    s.touch_problem = touched(s, {"op": "stroke", "stroke": [[1e308, 0]] * 10, "version": "x"})
    at.run()
    assert not at.exception
    assert any("Not used" in e.value and "changed before this edit" in e.value for e in at.error)
    assert torch.equal(state(at).run.trainer.engine.params, weights) and state(at).run.own is None


def test_the_page_offers_the_touch_modes_and_says_when_there_are_too_many_points():
    at = page()
    assert at.button(key="touch_points").proto.type == "secondary" and at.button(key="undo").disabled
    assert any(text.TOUCH_HINTS["points"] == c.value for c in at.caption)
    at.button(key="touch_draw").click().run()
    assert (
        at.button(key="touch_draw").proto.type == "secondary"
        and at.button(key="touch_points").proto.type != "secondary"
    )
    assert any(text.TOUCH_HINTS["draw"] == c.value for c in at.caption)
    at = page(n="500")
    assert any("up to 200 points; these are 500" in c.value for c in at.caption)


def test_an_edit_reaches_the_page_through_the_same_door_and_undo_is_offered():
    at = page()
    s = state(at)
    assert touched(s, _message(s, "add", x=0.25, y=1.75)) is None
    at.run()
    assert not at.exception and not at.button(key="undo").disabled
    assert any("placed by hand on the chart" in i.value for i in at.info)
    assert "pts" in at.query_params and read(dict(at.query_params))[0].points
    assert not any("opens at step 0" in c.value for c in at.caption)  # (at step 0: the run is the link's)
    state(at).run.trainer.train(30)
    assert touched(s, _message(s, "add", x=0.3, y=1.0)) is None
    at.run()
    assert any("opens at step 0" in c.value for c in at.caption) and "step" not in at.query_params
