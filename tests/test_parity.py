"""curvefit is the tutorial: same seed, same data, same initial weights, same losses, bit for bit."""

import pytest
import torch

from curvefit import Config, Trainer, make_data
from tests.tutorial import run_tutorial


@pytest.mark.parametrize("seed", [0, 1, 42, 2026])
def test_tutorial_config_matches_the_tutorial_bit_for_bit(seed):
    x, y, initial, losses = run_tutorial(seed, steps=200)
    trainer = Trainer(Config(seed=seed))
    assert torch.equal(trainer.data.x_train, x)
    assert torch.equal(trainer.data.y_train, y)
    for ours, theirs in zip(trainer.model.parameters(), initial, strict=True):
        assert torch.equal(ours.detach(), theirs)
    trainer.train(200)
    assert list(trainer.history.train) == losses


def test_defaults_are_the_tutorials_settings():
    cfg = Config()
    assert (cfg.n, cfg.noise, cfg.noise_kind, cfg.sampling, cfg.test) == (100, 0.2, "uniform", "grid", 0.0)
    network = (cfg.hidden, cfg.act, cfg.opt, cfg.lr, cfg.momentum, cfg.batch, cfg.loss)
    assert network == ((10,), "relu", "sgd", 0.2, 0.0, 0, "mse")


def test_model_prints_like_the_tutorials_net():
    printed = str(Trainer(Config()).model)
    assert printed.startswith("Net(")
    assert "(hidden): Linear(in_features=1, out_features=10, bias=True)" in printed
    assert "(predict): Linear(in_features=10, out_features=1, bias=True)" in printed


def test_make_data_gives_the_tutorials_points():
    x, y, _, _ = run_tutorial(7, steps=0)
    data = make_data(Config(seed=7))
    assert torch.equal(data.x_train, x) and torch.equal(data.y_train, y)
    assert data.x_test.shape == (0, 1)
