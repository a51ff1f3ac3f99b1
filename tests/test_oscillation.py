"""A loss that keeps jumping up without blowing up is noticed, named, and met with what to change."""

import numpy as np
import torch

from curvefit import Config, Trainer
from curvefit.analysis.oscillation import oscillation
from curvefit.inputs.data import split
from curvefit.inputs.upload import Points
from curvefit.session.page import use_points
from tests.apptest import page, state

X = torch.linspace(-1.9, 1.9, 30).reshape(-1, 1)
Y = torch.sin(2 * X) + 0.1 * torch.randn(X.shape, generator=torch.Generator().manual_seed(1))


def test_own_points_at_the_tutorials_learning_rate_oscillate_and_half_of_it_settles():
    jumping = Trainer(Config(), data=split(X, Y, 0.0, 0))
    jumping.train(600)
    found = oscillation(jumping)
    assert found and found.jumps >= 3 and found.times_best > 2
    calm = Trainer(Config(lr=0.1), data=split(X, Y, 0.0, 0))
    calm.train(600)
    assert oscillation(calm) is None
    tutorial = Trainer(Config())
    tutorial.train(2000)
    assert oscillation(tutorial) is None  # a settling loss says nothing


def test_the_page_says_the_loss_keeps_jumping_and_what_to_change():
    at = page(spf="100")
    use_points(state(at), Points(X.numpy().ravel(), Y.numpy().ravel(), "wavy.csv", []))
    for _ in range(6):
        at.button(key="step").click().run()
    said = [w.value for w in at.warning if "keeps jumping up" in w.value]
    assert said and "Lower the learning rate (now 0.2), e.g. to 0.1" in said[0]
    assert "the edge 10 (2/lr for plain SGD)" in said[0]  # it sits at the edge of stability: the sharpness says so
    assert not np.isnan(state(at).run.trainer.history.last)  # it trains on: a warning, not a pause
