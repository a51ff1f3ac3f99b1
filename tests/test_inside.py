"""Seeing inside the fit: the parts add up to it, kinks and pieces come from the weights, and the references hold."""

import copy

import numpy as np
import pytest
import torch

import curvefit
from curvefit import Config, Trainer, best_last_layer, floor, inside
from curvefit.analysis import unit_parts as parts_module
from curvefit.analysis.baseline import AUTO, baseline
from curvefit.analysis.survey import survey
from curvefit.inputs.data import split

XS = np.linspace(-1.3, 1.3, 521)


def _upload(n=300, test=0.2):
    """Own points far from the tutorial's scale, so training standardises both x and y."""
    x = torch.linspace(0, 2000, n).reshape(-1, 1)
    y = 3000 + 2 * x + 400 * torch.sin(x / 150)
    return split(x, y, test, 0)


def _trained(cfg: Config, data=None, steps=200) -> Trainer:
    trainer = Trainer(cfg, data=data)
    trainer.train(steps)
    return trainer


@pytest.mark.parametrize(
    "cfg",
    [Config(), Config(hidden=(16, 16)), Config(act="tanh", lr=0.1), Config(hidden=(8, 8), act="tanh", lr=0.1)],
    ids=["relu", "relu 2 layers", "tanh", "tanh 2 layers"],
)
def test_the_parts_and_the_bias_add_up_to_predict(cfg):
    trainer = _trained(cfg)
    parts = inside(trainer, XS)
    assert parts.contributions.shape == (cfg.hidden[-1], len(XS))
    np.testing.assert_allclose(parts.contributions.sum(0) + parts.bias, trainer.predict(XS), rtol=0, atol=2e-6)


@pytest.mark.parametrize("act", ["relu", "tanh"])
def test_the_parts_are_in_the_users_units_for_a_standardised_upload(act):
    trainer = _trained(Config(hidden=(12,), act=act, lr=0.05), data=_upload())
    assert trainer.scale.active
    x = np.linspace(-200, 2200, 300)
    parts = inside(trainer, x)
    np.testing.assert_allclose(parts.contributions.sum(0) + parts.bias, trainer.predict(x), rtol=1e-5, atol=1e-2)
    # each unit is w_out * act(w_in * x + b_in) in the user's x, switching (or centred) at -b_in / w_in
    act_fn = {"relu": lambda z: np.maximum(z, 0), "tanh": np.tanh}[act]
    rebuilt = parts.w_out[:, None] * act_fn(parts.w_in[:, None] * x + parts.b_in[:, None])
    np.testing.assert_allclose(rebuilt, parts.contributions, rtol=1e-4, atol=1e-3)
    np.testing.assert_allclose(parts.w_in * parts.kinks + parts.b_in, 0, atol=1e-9)


def _hand_made(w_in, b_in, w_out, b_out=0.1, act="relu") -> Trainer:
    """The tutorial's data and a one-layer net with the given weights."""
    trainer = Trainer(Config(hidden=(len(w_in),), act=act))
    with torch.no_grad():
        trainer.model.hidden.weight.copy_(torch.tensor(w_in).reshape(-1, 1))
        trainer.model.hidden.bias.copy_(torch.tensor(b_in))
        trainer.model.predict.weight.copy_(torch.tensor([w_out]))
        trainer.model.predict.bias.fill_(b_out)
    return trainer


def test_the_fit_bends_by_w_out_times_w_in_at_each_kink_and_nowhere_else():
    # kinks at -0.5, 0.1, -0.2 and 0.3 (the last unit switches off above it)
    trainer = _hand_made([1.0, -2.0, 0.5, -3.0], [0.5, 0.2, 0.1, 0.9], [1.0, -0.7, 2.0, 0.4])
    parts = inside(trainer, XS)
    np.testing.assert_allclose(parts.kinks, [-0.5, 0.1, -0.2, 0.3], atol=1e-6)
    h = 1e-2
    for kink, w_in, w_out in zip(parts.kinks, parts.w_in, parts.w_out, strict=True):
        left, middle, right = trainer.predict(np.array([kink - h, kink, kink + h]))
        jump = abs((right - middle) / h - (middle - left) / h)
        assert jump == pytest.approx(abs(w_out * w_in), rel=1e-3)
    # away from the kinks the slope never changes
    x = np.linspace(-1, 1, 2001)
    slopes = np.diff(trainer.predict(x)) / np.diff(x)
    bends = np.abs(np.diff(slopes)) > 1e-3
    near_a_kink = np.min(np.abs(x[1:-1, None] - parts.kinks[None, :]), axis=1) <= 2 * (x[1] - x[0])
    assert bends.any() and not (bends & ~near_a_kink).any()
    assert parts.pieces == 5 and parts.dead == 0


def test_dead_units_and_pieces_come_from_the_weights():
    # unit 0 switches on only past x = 2 (dead on the data, -1..1); unit 1 has no input weight, is off
    # everywhere, and has no kink; unit 2 bends at 0 but reaches the output with weight 0; unit 3 bends at 0.5.
    trainer = _hand_made([1.0, 0.0, 1.0, 1.0], [-2.0, -0.3, 0.0, -0.5], [1.0, 1.0, 0.0, 1.0])
    parts = inside(trainer, XS)
    assert parts.dead == 2
    np.testing.assert_array_equal(parts.active == 0, [True, True, False, False])
    assert parts.active[3] == pytest.approx((trainer.data.x_train > 0.5).float().mean().item())
    assert np.isnan(parts.kinks[1]) and parts.kinks[0] == pytest.approx(2.0)
    assert parts.pieces == 2  # only unit 3 bends the fit inside the data


def _pieces_by_sampling(trainer: Trainer) -> int:
    """The fit's straight pieces over the training x, counted on a fine float64 grid (a reference)."""
    model = copy.deepcopy(trainer.model).double()
    x = torch.linspace(-1, 1, 2_000_001, dtype=torch.float64).reshape(-1, 1)
    with torch.no_grad():
        y = model(x).ravel().numpy()
    slopes = np.diff(y) / np.diff(x.ravel().numpy())
    bends = np.nonzero(np.abs(np.diff(slopes)) > 1e-6 * np.abs(slopes).max())[0]
    return 1 + (0 if len(bends) == 0 else 1 + int((np.diff(bends) > 2).sum()))


@pytest.mark.parametrize(
    "cfg", [Config(), Config(hidden=(16, 16)), Config(hidden=(32, 32, 32), act="leaky_relu", seed=4)]
)
def test_pieces_of_relu_nets_match_a_fine_sampling_of_the_fit(cfg):
    trainer = _trained(cfg, steps=300)
    assert inside(trainer, XS).pieces == _pieces_by_sampling(trainer)


def test_pieces_are_counted_once_per_state_of_the_weights(monkeypatch):
    trainer = _trained(Config(), steps=10)
    counted = []
    monkeypatch.setattr(parts_module, "count_pieces", lambda *args: counted.append(args) or 7)
    assert inside(trainer, XS).pieces == inside(trainer, XS[:5]).pieces == 7 and len(counted) == 1
    trainer.train(1)
    inside(trainer, XS)
    assert len(counted) == 2


def test_smooth_nets_have_centres_and_no_pieces():
    parts = inside(_trained(Config(act="tanh", lr=0.1)), XS)
    assert parts.pieces is None and not parts.relu_like
    np.testing.assert_allclose(parts.w_in * parts.kinks + parts.b_in, 0, atol=1e-9)
    deeper = inside(_trained(Config(hidden=(8, 8), act="gelu", lr=0.1)), XS)
    assert deeper.kinks is None and deeper.w_in is None


def test_the_noise_floor_is_the_noises_own_spread_on_the_training_points():
    trainer = Trainer(Config(test=0.3))
    noise = (trainer.data.y_train - trainer.data.x_train.pow(2)).double()
    assert floor(trainer) == pytest.approx(noise.var(unbiased=False).item(), rel=1e-5)
    l1 = Trainer(Config(loss="l1"))
    noise = (l1.data.y_train - l1.data.x_train.pow(2)).double()
    assert floor(l1) == pytest.approx((noise - noise.median()).abs().mean().item(), rel=1e-4)
    huber = Trainer(Config(loss="huber"))  # the tutorial's noise is within Huber's delta: half the MSE
    assert floor(huber) == pytest.approx(floor(Trainer(Config())) / 2, rel=1e-4)


def test_the_noise_floor_is_in_the_units_training_sees_and_none_for_own_points():
    wide = Trainer(Config(x_min=0, x_max=100, noise=10, noise_kind="gaussian"))  # y up to 1e4: standardised
    assert wide.scale.active
    noise = (wide.data.y_train - wide.data.x_train.pow(2)).double()
    assert floor(wide) == pytest.approx(noise.var(unbiased=False).item() / wide.scale.y_size**2, rel=1e-4)
    assert floor(Trainer(Config(), data=_upload())) is None


def _exact_best_last_layer(trainer: Trainer) -> float:
    x, y = trainer.train_points
    with torch.no_grad():
        hidden = trainer.model.last_hidden(x)[1].double().numpy()
    design = np.hstack([hidden, np.ones((len(hidden), 1))])
    target = y.double().numpy()[:, 0]
    solution = np.linalg.lstsq(design, target, rcond=None)[0]
    return float(np.mean((design @ solution - target) ** 2))


@pytest.mark.parametrize(
    "cfg",
    [Config(), Config(hidden=(64, 64), test=0.2), Config(act="tanh", lr=0.1), Config(loss="l1")],
    ids=["tutorial", "two layers", "tanh", "l1"],
)
def test_the_best_last_layer_is_least_squares_and_never_worse_than_the_net(cfg):
    trainer = _trained(cfg)
    best = best_last_layer(trainer)
    assert best == pytest.approx(_exact_best_last_layer(trainer), rel=1e-6)
    net_mse = torch.nn.functional.mse_loss(trainer.model(trainer.train_points[0]), trainer.train_points[1]).item()
    assert best <= net_mse * (1 + 1e-6)


def test_a_sampled_best_last_layer_for_a_wide_net_on_many_points_stays_below_the_net():
    trainer = _trained(Config(hidden=(256,), n=20_000, batch=256, lr=0.05), steps=100)
    best, exact = best_last_layer(trainer), _exact_best_last_layer(trainer)
    assert exact <= best <= trainer.losses()[0] * (1 + 1e-6)
    assert best <= 1.5 * exact  # the sample pins the solution down well


@pytest.mark.parametrize("cfg", [Config(test=0.2), Config(n=3000, test=0.2, batch=100)], ids=["few", "sliced"])
def test_the_survey_gives_the_trainers_losses_bit_for_bit_and_the_usual_errors(cfg):
    trainer = _trained(cfg, steps=50)
    found = survey(trainer)
    assert (found.train.loss, found.test.loss) == trainer.losses()
    for errors, x, y in ((found.train, trainer.data.x_train, trainer.data.y_train),
                         (found.test, trainer.data.x_test, trainer.data.y_test)):  # fmt: skip
        predicted, actual = trainer.predict(x.numpy()).astype(np.float64), y.double().numpy()
        error = predicted - actual
        assert errors.rmse == pytest.approx(np.sqrt(np.mean(error**2)), rel=1e-6)
        assert errors.mae == pytest.approx(np.mean(np.abs(error)), rel=1e-6)
        assert errors.r2 == pytest.approx(1 - np.sum(error**2) / np.sum((actual - actual.mean()) ** 2), rel=1e-6)


def test_the_survey_is_computed_once_per_state_of_the_weights():
    trainer = _trained(Config(), steps=10)
    first = survey(trainer)
    assert survey(trainer) is first
    trainer.train(1)
    assert survey(trainer) is not first and survey(trainer).train.loss == trainer.losses()[0]
    trainer.reset()
    assert survey(trainer).train.loss == Trainer(Config()).losses()[0]


def test_the_errors_are_in_the_users_units_for_a_standardised_upload():
    trainer = _trained(Config(hidden=(12,), lr=0.05), data=_upload())
    error = trainer.predict(trainer.data.x_train.numpy()).astype(np.float64) - trainer.data.y_train.double().numpy()
    assert survey(trainer).train.rmse == pytest.approx(np.sqrt(np.mean(error**2)), rel=1e-5)
    assert survey(trainer).train.rmse > 1  # the user's units (hundreds), not the standardised ones


def test_the_polynomial_baseline_picks_the_tutorials_degree_and_fits_like_numpy():
    trainer = Trainer(Config())
    picked = baseline(trainer, AUTO)
    assert picked.degree == 2 and picked.picked
    x, y = trainer.data.x_train.double().numpy()[:, 0], trainer.data.y_train.double().numpy()[:, 0]
    np.testing.assert_allclose(picked.polynomial(x), np.polyval(np.polyfit(x, y, 2), x), atol=1e-9)
    assert picked.train.loss == pytest.approx(np.mean((np.polyval(np.polyfit(x, y, 2), x) - y) ** 2), rel=1e-5)
    assert picked.train.loss >= floor(trainer) * 0.9
    assert baseline(trainer, AUTO) is picked  # fitted once per data and degree
    assert baseline(trainer, 7).degree == 7 and not baseline(trainer, 7).picked


def test_the_baseline_picks_more_degrees_for_a_wigglier_curve_and_never_more_than_the_points_allow():
    assert baseline(Trainer(Config(target="sin(6*x)", noise=0.05)), AUTO).degree >= 8
    few = Trainer(Config(n=5, test=0.4))
    assert baseline(few, 15).degree == 2  # three training points
    assert baseline(few, AUTO).test is not None


def test_the_degree_is_a_setting_of_the_link_that_does_not_restart_training():
    assert Config().poly == AUTO and Config().to_query()["poly"] == "auto"
    assert Config.from_query({"poly": "4"}).poly == 4
    cfg, notes = Config.parse({"poly": "99"})
    assert cfg.poly == 15 and notes[0].key == "poly"
    trainer = _trained(Config(), steps=20)
    trainer.update(trainer.cfg.replace(poly=3))
    assert trainer.step == 20


def test_the_package_exposes_the_names_the_issue_promises():
    for name in ("inside", "floor", "best_last_layer"):
        assert callable(getattr(curvefit, name))
