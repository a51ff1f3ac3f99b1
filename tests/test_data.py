"""make_data: seeded, pure, and shaped as promised for every preset and option."""

import pytest
import torch

from curvefit import PRESETS, Config, make_data
from curvefit.inputs import limits


def test_same_seed_same_data_and_other_seed_other_data():
    cfg = Config(sampling="random", noise_kind="gaussian", test=0.3)
    first, again = make_data(cfg), make_data(cfg)
    for a, b in zip(first, again, strict=True):
        assert torch.equal(a, b)
    other = make_data(cfg.replace(seed=1))
    assert not torch.equal(first.y_train, other.y_train)


def test_make_data_leaves_the_global_rng_alone():
    torch.manual_seed(123)
    expected = torch.rand(5)
    torch.manual_seed(123)
    make_data(Config(sampling="random", test=0.2))
    assert torch.equal(torch.rand(5), expected)


@pytest.mark.parametrize("target", list(PRESETS))
def test_every_preset_gives_finite_float32_columns(target):
    data = make_data(Config(target=target, n=200, test=0.25))
    assert data.x_train.shape == data.y_train.shape == (150, 1)
    assert data.x_test.shape == data.y_test.shape == (50, 1)
    assert all(t.dtype == torch.float32 and torch.isfinite(t).all() for t in data)


def test_presets_differ_from_each_other():
    curves = [make_data(Config(target=name, noise=0.0)).y_train for name in PRESETS]
    assert all(not torch.equal(a, b) for i, a in enumerate(curves) for b in curves[i + 1 :])


def test_random_sampling_stays_in_range_and_is_sorted():
    data = make_data(Config(sampling="random", x_min=-3.0, x_max=2.0, n=500))
    x = data.x_train.flatten()
    assert x.min() >= -3.0 and x.max() < 2.0
    assert torch.equal(x, torch.sort(x).values)
    assert not torch.equal(x, torch.linspace(-3.0, 2.0, 500))


def test_uniform_noise_is_one_sided_and_gaussian_noise_is_centred():
    clean = make_data(Config(n=10_000, noise=0.0)).y_train
    uniform = make_data(Config(n=10_000, noise=0.5)).y_train - clean
    gaussian = make_data(Config(n=10_000, noise=0.5, noise_kind="gaussian")).y_train - clean
    assert uniform.min() >= 0 and uniform.max() < 0.5 and abs(uniform.mean() - 0.25) < 0.01
    assert uniform.min() >= 0 and abs(gaussian.mean()) < 0.01 and abs(gaussian.std() - 0.5) < 0.01


def test_test_split_is_disjoint_and_covers_every_point():
    whole = make_data(Config(n=50))
    split = make_data(Config(n=50, test=0.2))
    assert len(split.x_test) == 10
    together = torch.sort(torch.cat([split.x_train, split.x_test]).flatten()).values
    assert torch.equal(together, whole.x_train.flatten())


def test_a_formula_whose_values_pass_the_largest_trainable_one_leaves_those_points_out():
    cfg = Config(target="exp(x)", x_min=0.0, x_max=88.5, n=100)
    data = make_data(cfg)
    kept = len(data.x_train)
    assert 70 < kept < 100 and float(data.y_train.abs().max()) <= limits.MAX_ABS_VALUE
