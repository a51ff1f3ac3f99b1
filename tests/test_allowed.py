"""The page's door: what a link or a form asks for is clamped to what the server allows, with the same messages."""

import itertools

import pytest
import torch

from curvefit import Config, Trainer
from curvefit.budgets import allowed, cost
from curvefit.inputs import limits
from curvefit.inputs.data import split


@pytest.mark.parametrize(("raw", "used"), [("1", limits.MIN_BAND), ("-1", 0), ("0", 0), ("65", 45)])
def test_a_band_is_off_or_at_least_two_nets_whatever_the_link_or_the_cost_model_says(raw, used):
    cfg, notes = allowed.parse({"band": raw})  # on the tutorial's points the cost model allows 45
    assert cfg.band == used and (notes != []) == (raw != "0")
    cut, _ = allowed.parse({"hidden": "128,128", "band": "8", "batch": "64", "opt": "adam"})
    assert cut.band == 0  # one net fits beside the red one; one net is no band


def test_messages_say_what_was_wrong_and_what_is_used():
    cfg, notes = allowed.parse({"lr": "fast", "n": "1000000"})
    most = cfg.batch
    assert 1000 < most < 100_000 and not cost.problems(cost.sizes(cfg))
    assert [str(note) for note in notes] == [
        "lr='fast' is not a number; using 0.2",
        "n=1000000 is above the maximum 100000; using 100000",
        f"batch=full on 100000 points is too slow a step for hidden layers 10; the most is {most}; "
        f"using mini-batches of {most}",
    ]


def test_a_url_asking_for_huge_sizes_never_allocates_them():
    cfg = allowed.parse({"hidden": "100000,100000,100000,100000,100000", "n": "1e9", "batch": "full"})[0]
    assert cfg.hidden == (256,) * limits.MAX_LAYERS and cfg.n < limits.MAX_POINTS  # too many to evaluate each frame
    assert not cost.problems(cost.sizes(cfg))
    trainer = Trainer(cfg)
    assert sum(p.numel() for p in trainer.model.parameters()) < 250_000


def test_a_full_batch_too_big_for_the_network_is_a_libraries_choice_and_capped_at_the_pages_door():
    assert Config(n=100_000, hidden=(64, 64)).batch == 0  # a notebook's Config does what it is asked
    cfg = allowed.parse({"n": "100000", "hidden": "64,64"})[0]
    assert 0 < cfg.batch < 100_000 and not cost.problems(cost.sizes(cfg))
    assert cost.problems(cost.sizes(cfg)._replace(batch=cfg.batch + 1))  # the most that fits


def test_a_band_too_big_for_the_network_is_capped_from_a_url():
    cfg, notes = allowed.parse({"band": "64", "hidden": "256,256", "n": "1000"})
    assert cfg.band < 64 and "band=64 nets are too slow" in str(notes[-1])
    assert not cost.problems(cost.sizes(cfg)) and cost.problems(cost.sizes(cfg)._replace(band=cfg.band + 1))


def test_the_costly_link_of_issue_10_is_clamped_with_a_message_before_anything_is_made():
    cfg, notes = allowed.parse({"hidden": "256,256,256,256", "batch": "1", "band": "64", "opt": "adam", "lr": "0.0001"})
    assert notes and not cost.problems(cost.sizes(cfg))
    assert (
        cost.chunk_s(cost.sizes(cfg)) <= cost.CHUNK_BUDGET_S
        and cost.memory_bytes(cost.sizes(cfg)) <= cost.MEMORY_BUDGET
    )


def test_every_corner_a_link_can_ask_for_parses_within_the_budgets():
    from benchmarks.caps import GRID

    for values in itertools.product(*GRID.values()):
        link = dict(zip(GRID, values, strict=True))
        cfg, _ = allowed.parse(link)  # never raises: a fallback and a message
        assert not cost.problems(cost.sizes(cfg)), link


def test_the_users_own_points_get_mini_batches_with_a_note_not_a_refusal():
    cfg, notes = allowed.allowed(Config(), 100_000)
    assert 0 < cfg.batch < 100_000 and "mini-batches" in str(notes[0]) and not cost.problems(cost.sizes(cfg, 100_000))
    with pytest.raises(ValueError, match="too many for hidden layers 256,256,256,256"):
        allowed.allowed(Config(hidden=(256,) * 4, batch=1), 100_000)


def test_a_library_trainer_trains_100k_points_at_a_full_batch_that_the_page_would_cap():
    x = torch.linspace(-1, 1, 100_000).reshape(-1, 1)
    trainer = Trainer(Config(), data=split(x, x**2, 0.0, 0))  # no server's budget in a notebook
    trainer.train(2)
    assert trainer.step == 2 and trainer.cfg.batch == 0 and trainer.history.last is not None
    capped, notes = allowed.allowed(Config(), 100_000)
    assert 0 < capped.batch < 100_000 and notes[0].key == "batch"  # the page's door makes it mini-batches


def test_a_config_in_code_takes_what_the_page_would_clamp_and_the_door_clamps_it_with_the_same_note():
    costly = {"hidden": (256,) * 4, "batch": 1, "band": 64, "opt": "adam"}
    assert Config(**costly).band == 64  # only the ranges are checked in the library
    clamped, notes = allowed.allowed(Config(**costly))
    assert clamped.hidden != costly["hidden"] and [note.key for note in notes] == ["hidden", "band"]
    via_link, link_notes = allowed.parse(Config(**costly).to_query())
    assert via_link == clamped and [str(note) for note in link_notes] == [str(note) for note in notes]
