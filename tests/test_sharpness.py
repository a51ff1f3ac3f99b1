"""The sharpness: the Hessian's top eigenvalue, checked against the full Hessian; its edge; what it advises."""

import math

import pytest
import torch
from torch.func import functional_call

from curvefit import Config, Trainer, sharpness
from curvefit.analysis import sharpness as sharp
from curvefit.drawing.learning import Track


def _full_hessian_top(trainer: Trainer) -> float:
    """The top eigenvalue of the whole Hessian (torch.autograd.functional.hessian), as a check made apart."""
    named = dict(trainer.model.named_parameters())
    flat = torch.cat([value.detach().reshape(-1) for value in named.values()]).double()
    x, y = (t.double() for t in trainer.train_points)
    model = trainer.model.double()

    def loss(weights):
        parts, at = {}, 0
        for name, value in named.items():
            parts[name] = weights[at : at + value.numel()].reshape(value.shape)
            at += value.numel()
        return trainer.loss_fn(functional_call(model, parts, (x,)), y)

    top = torch.linalg.eigvalsh(torch.autograd.functional.hessian(loss, flat)).max().item()
    trainer.model.float()
    return top


@pytest.mark.parametrize(
    "cfg",
    [
        Config(),
        Config(seed=1),
        Config(act="tanh", hidden=(8, 8), lr=0.05),
        Config(act="gelu", hidden=(6,), loss="huber", opt="adam", lr=0.01),
        Config(target="sin", momentum=0.9, lr=0.05, hidden=(5, 5), test=0.2),
    ],
)
@pytest.mark.parametrize("steps", [0, 150])
def test_the_sharpness_is_the_full_hessians_top_eigenvalue(cfg, steps):
    trainer = Trainer(cfg)
    trainer.train(steps)
    found = sharpness(trainer)
    assert found.value == pytest.approx(_full_hessian_top(trainer), rel=1e-3, abs=1e-5)
    assert found.points == len(trainer.data.x_train)


def test_on_the_tutorial_it_dips_then_climbs_toward_2_over_lr_as_the_issue_measured():
    trainer, seen = Trainer(Config(seed=1)), []
    for steps in (0, 20, 50, 100, 200):
        trainer.train(steps - trainer.step)
        seen.append(sharpness(trainer).value)
    assert min(seen[1:3]) < seen[0] and seen[-1] > min(seen)  # ~9.1, 8.1, 8.3, 8.7, 9.2
    assert 7.5 < min(seen) < 8.5 and 8.8 < seen[-1] < 10 and sharpness(trainer).edge == 10


def test_power_iteration_finds_the_largest_eigenvalue_not_the_largest_in_size():
    matrix = torch.diag(torch.tensor([-5.0, 3.0, 1.0]))
    value, _ = sharp._top_eigenvalue(lambda v: matrix @ v, 3, None, 500, 1e-9)
    assert value == pytest.approx(3.0, rel=1e-4)


def test_a_few_products_a_frame_from_the_last_vector_settle_where_the_library_does():
    trainer = Trainer(Config(act="tanh", hidden=(16, 16), lr=0.05))
    trainer.train(100)
    settled = sharpness(trainer).value
    fresh = Trainer(Config(act="tanh", hidden=(16, 16), lr=0.05))
    fresh.train(100)
    estimates = []
    for _ in range(12):  # paused frames: the same weights, the memo emptied as a frame's training would
        fresh.memo.clear()
        estimates.append(sharp.live_sharpness(fresh).value)
    assert estimates[-1] == pytest.approx(settled, rel=1e-3)


def test_many_points_are_sampled_evenly_and_say_so():
    trainer = Trainer(Config(n=5000))
    found = sharp.live_sharpness(trainer)
    assert found.points == sharp.MAX_POINTS and math.isfinite(found.value)


@pytest.mark.parametrize(
    ("cfg", "edge"),
    [
        (Config(lr=0.2), 10.0),
        (Config(lr=0.1, momentum=0.9), 38.0),
        (Config(lr=0.2, wd=0.01), 9.99),
        (Config(opt="adam", lr=0.01), None),
        (Config(opt="rmsprop", lr=0.01), None),
    ],
)
def test_the_edge_is_2_over_lr_for_plain_sgd_and_none_where_no_simple_rule_holds(cfg, edge):
    assert sharp.edge(cfg) == (None if edge is None else pytest.approx(edge))


def test_past_the_edge_it_says_so_and_suggests_a_learning_rate_that_halves_it():
    trainer = Trainer(Config(lr=0.5))  # 2/lr = 4 against a sharpness of ~6.4 at the start
    words = sharp.advice(trainer)
    value = sharpness(trainer).value
    assert f"sharpness {value:.3g} passed the edge 4" in words
    suggested = float(words.split("learning rate of ")[1].split(" ")[0])
    assert suggested == pytest.approx(float(f"{2 / (2 * value):.2g}"))  # 2/lr' = 2 * sharpness
    assert sharp.advice(Trainer(Config(lr=0.01))) is None  # far from the edge: nothing to say
    assert sharp.advice(Trainer(Config(opt="adam", lr=0.01))) is None  # no simple edge


def test_the_track_keeps_one_value_a_step_and_forgets_what_came_after_a_rewind():
    trainer, track = Trainer(Config()), Track()
    for _ in range(3):
        trainer.train(10)
        track.record(trainer)
    track.record(trainer)  # the same step again (paused): replaced, not added
    assert list(track.sharpness.steps) == [10, 20, 30] and list(track.edge.values) == [10.0] * 3
    trainer.reset()
    trainer.train(15)
    track.record(trainer)
    assert list(track.sharpness.steps) == [10, 15]


def test_the_cost_model_counts_a_frames_products_and_their_budget():
    from curvefit.budgets import cost

    small, big = cost.sizes(Config(), 100), cost.sizes(Config(hidden=(256,) * 4, n=1000, batch=32), 1000)
    for fit in (small, big):
        assert cost.draw_s(fit) == pytest.approx(
            cost.DRAW_S + cost.DRAW_POINT_S * (fit.train + fit.test) + cost.sharpness_s(fit)
        )
    product = cost.HVP_S + cost.eval_s(big, sharp.MAX_POINTS)
    assert cost.sharpness_s(small) < 0.01 and cost.sharpness_s(big) == pytest.approx(sharp.LIVE_BUDGET_S + product)


def test_a_pages_first_estimate_is_already_settled_on_the_tutorial():
    trainer = Trainer(Config(seed=1))
    assert sharp.live_sharpness(trainer).value == pytest.approx(sharpness(Trainer(Config(seed=1))).value, rel=1e-3)
