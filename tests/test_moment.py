"""A moment in a link: the step and the changes of settings, read back exactly, replayed bit for bit, bounded."""

import pytest
import torch

from curvefit import Config, Trainer
from curvefit.budgets import allowed, cost
from curvefit.budgets.allowed import allowed_moment, replay_s
from curvefit.budgets.share import BUDGET_S
from curvefit.inputs.moment import NOW, Moment, moment_at, parse_moment
from curvefit.training.replay import replay

RUNS = [
    Config(lr=0.1),
    Config(opt="adam", lr=0.01, batch=16, test=0.2, hidden=(8, 8), band=3),
    Config(opt="rmsprop", lr=0.003, momentum=0.5, batch=1, act="tanh"),
]


def _run(cfg: Config) -> Trainer:
    """A run with changes at uneven steps, trained in uneven chunks, as a person at the page would."""
    trainer = Trainer(cfg)
    trainer.train(37)
    trainer.update(trainer.cfg.replace(lr=cfg.lr / 3))
    trainer.train(50)
    trainer.update(trainer.cfg.replace(momentum=0.9, wd=0.001))
    trainer.train(13)
    trainer.update(trainer.cfg.replace(momentum=0.9, wd=0.001, poly=3))  # not a change of the weights' path
    trainer.train(100)
    return trainer


@pytest.mark.parametrize("cfg", RUNS)
def test_a_run_replayed_from_its_link_ends_on_the_very_same_weights(cfg):
    original = _run(cfg)
    query = {**original.settings_from[0].to_query(), **moment_at(original.settings_from, original.step).query()}
    assert query["step"] == "200" and query["changes"].startswith("37:lr=")
    first, _ = Config.parse(query)
    moment, notes = parse_moment(query)
    assert not notes and moment.step == 200 and sorted(moment.changes) == [37, 87]
    replayed = Trainer(first)
    for chunk in (1, 36, 1, 99, 1000):  # frames of any size; the changes land inside and between them
        replay(replayed, moment.settings(first), moment.step, chunk)
    assert replayed.step == 200 and torch.equal(replayed.engine.params, original.engine.params)
    assert replayed.optimizer.settings == original.optimizer.settings
    if cfg.band:
        assert torch.equal(replayed.band.engine.params, original.band.engine.params)


def test_an_earlier_step_of_the_run_has_only_the_changes_before_it():
    original = _run(Config())
    assert moment_at(original.settings_from, 50).query() == {"step": "50", "changes": "37:lr=0.06666666666666667"}
    assert moment_at(original.settings_from, 0).query() == {}


@pytest.mark.parametrize(
    "step, changes, problem",
    [
        ("lots", "", "'lots' is not a number"),
        ("-5", "", "-5 is below the minimum 0"),
        ("9" * 5000, "", "is not a whole number"),  # longer than Python reads as an int: refused, not parsed
        ("100", "50:hidden=256", "'hidden' is not a setting that can change during a run"),
        ("100", "150:lr=0.1", "is not between 1 and 100 in order"),
        ("100", "60:lr=0.1;40:lr=0.2", "is not between 1 and 100 in order"),
        ("100", "50:lr=99", "lr=99 is above the maximum 10.0"),
        ("100", "50:lr=nan", "is not a finite number"),
        ("100", ";".join(f"{i}:lr=0.1" for i in range(1, 60)), "more than 50 changes"),
        ("100000000", "", "100,000,000 steps would take about"),
    ],
)
def test_a_bad_or_too_costly_moment_is_dropped_with_a_message(step, changes, problem):
    moment, notes = parse_moment({"step": step, "changes": changes})
    if not notes:  # a well-formed moment: what the page's door says of its cost
        moment, notes = allowed_moment(moment, Config())
    assert moment == NOW and len(notes) == 1 and notes[0].fallback == "0"
    assert notes[0].key == ("changes" if changes else "step")  # the page and the command line name the key
    assert problem in notes[0].problem and len(notes[0].problem) < 200


def test_no_link_buys_more_replay_than_one_play_may_spend():
    link = {"hidden": "256,256,256,256", "batch": "1", "band": "64", "opt": "adam", "lr": "0.0001"}
    costly, _ = allowed.parse(link)  # the costliest a link can ask for, clamped to the budgets
    most = max(s for s in (10**k for k in range(9)) if replay_s(costly, s) <= BUDGET_S)
    assert allowed_moment(Moment(most, {}), costly)[0].step == most
    assert allowed_moment(Moment(10 * most, {}), costly)[0] == NOW
    assert replay_s(Config(), 100_000) < BUDGET_S  # the tutorial's own links replay far


def test_a_moment_lists_the_settings_in_force_from_each_step():
    moment = Moment(10, {4: {"lr": 0.1}, 8: {"momentum": 0.5}})
    settings = moment.settings(Config())
    assert sorted(settings) == [0, 4, 8]
    assert (settings[4].lr, settings[4].momentum, settings[8].lr, settings[8].momentum) == (0.1, 0.0, 0.1, 0.5)


def test_a_replays_prediction_counts_the_frames_it_draws_so_a_link_that_only_trains_within_30_s_is_refused():
    costly, _ = allowed.parse({"n": "100000", "hidden": "10", "act": "gelu", "opt": "adam", "batch": "1"})
    training = 135_000 / cost.CHUNK_STEPS * cost.chunk_s(cost.sizes(costly))
    assert training < BUDGET_S < replay_s(costly, 135_000)  # its ~60 frames of 100,000 points
    moment, notes = allowed_moment(Moment(135_000, {}), costly)
    assert moment.step == 0 and "to replay here" in str(notes[0])
