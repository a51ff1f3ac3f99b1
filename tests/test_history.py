"""A run's losses stay within a fixed size, evenly thinned, and chunks and blow-ups change nothing."""

import pytest
import torch

from curvefit import Config, Trainer
from curvefit.drawing import views
from curvefit.training.history import MAX_KEPT, Losses


def test_losses_past_the_capacity_are_thinned_evenly_from_step_0():
    losses = Losses(capacity=100)
    for step in range(1000):
        losses.add(step, 1000.0 - step)
    assert 50 <= len(losses) <= 100 and losses.steps[0] == 0
    gaps = {b - a for a, b in zip(losses.steps, losses.steps[1:], strict=False)}
    assert gaps == {losses.stride} and losses.stride == 16
    assert losses.lowest == 1.0 and losses.last == 1.0  # of every loss added, kept or not
    losses.truncate(500)
    assert losses.steps[-1] < 500 and losses.lowest == losses.values[-1]


def test_a_long_run_keeps_a_bounded_history_and_chunks_still_change_nothing():
    cfg = Config(test=0.2)
    whole, chunked = Trainer(cfg), Trainer(cfg)
    whole.train(2 * MAX_KEPT + 500)
    for _ in range(41):
        chunked.train(500)
    assert whole.step == chunked.step == 2 * MAX_KEPT + 500
    for a, b in ((whole.history.train, chunked.history.train), (whole.history.test, chunked.history.test)):
        assert len(a) <= MAX_KEPT and list(a) == list(b) and list(a.steps) == list(b.steps)
    assert torch.equal(whole.engine.params, chunked.engine.params)
    frame = views.loss_view(whole.history, whole.losses())
    train = frame[frame.series == frame.series.iloc[0]]
    assert train.step.iloc[0] == 0 and train.step.iloc[-1] == whole.step  # the chart spans the whole run


@pytest.mark.parametrize("chunk", [7, 1000])
def test_a_blow_up_after_thinning_goes_back_as_an_unthinned_run_would(chunk):
    cfg = Config(batch=16)
    long = Trainer(cfg)
    long.train(MAX_KEPT + 300)
    long.update(cfg.replace(lr=10.0))
    steps = 0
    while not long.diverged and steps < 2000:
        steps += long.train(chunk)
    assert long.diverged and long.history.steps == long.step
    assert list(long.history.recent)[-1] == long.history.last  # the losses before the checkpoint came back
    again = Trainer(cfg)  # the same run in one piece reaches the same checkpoint and the same recent losses
    again.train(MAX_KEPT + 300)
    again.update(cfg.replace(lr=10.0))
    again.train(2000)
    assert again.step == long.step and list(again.history.recent) == list(long.history.recent)
    assert torch.equal(again.engine.params, long.engine.params)
