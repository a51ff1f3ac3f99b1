"""Standardising: used when the data's scale calls for it, invisible in the user's units, absent otherwise."""

import numpy as np
import pytest
import torch

from curvefit import Config, Trainer
from curvefit.inputs.data import split
from curvefit.inputs.scaling import Scale, choose_scale


def test_the_tutorials_data_is_left_exactly_as_it_is():
    trainer = Trainer(Config())
    assert trainer.scale == Scale() and not trainer.scale.active
    assert trainer.train_points[0] is trainer.data.x_train  # not even a copy


@pytest.mark.parametrize(
    ("x", "y", "x_scaled", "y_scaled"),
    [
        (torch.linspace(0, 2000, 50), torch.linspace(0, 1, 50), True, False),  # wide x
        (torch.linspace(-1, 1, 50), 1e4 * torch.linspace(-1, 1, 50), False, True),  # tall y
        (torch.linspace(-1, 1, 50), 1e-3 * torch.linspace(-1, 1, 50), False, True),  # flat y
        (torch.linspace(-1, 1, 50), torch.full((50,), 3.0), False, False),  # constant y: nothing to stretch
    ],
)
def test_each_axis_is_standardised_only_when_it_needs_it(x, y, x_scaled, y_scaled):
    scale = choose_scale(x.reshape(-1, 1), y.reshape(-1, 1))
    assert (scale.x_size != 1.0) == x_scaled and (scale.y_size != 1.0) == y_scaled


def test_wide_and_tall_data_trains_with_the_tutorials_settings_and_fits_in_the_users_units():
    x = torch.linspace(0, 2000, 200).reshape(-1, 1)
    y = 3000 + 2 * x + 500 * torch.sin(x / 300)
    trainer = Trainer(Config(hidden=(32,), opt="adam", lr=0.01), data=split(x, y, 0.0, 0))
    trainer.train(1500)
    assert trainer.diverged is None and trainer.scale.active
    fit = trainer.predict(x.numpy().ravel())
    error = np.abs(fit - y.numpy().ravel())
    assert error.max() < 0.05 * (y.max() - y.min()).item()  # within 5% of the data's height, in its own units


def test_the_same_data_unscaled_diverges_which_is_why_scaling_exists():
    x = torch.linspace(0, 2000, 200).reshape(-1, 1)
    y = 3000 + 2 * x
    trainer = Trainer(Config(), data=split(x, y, 0.0, 0))
    trainer.scale = Scale()  # as if there were no standardising
    trainer.train_points = (x, y)
    trainer.train(200)
    assert trainer.diverged
