"""Trainer: chunks change nothing, it learns, it survives divergence, it resets and continues."""

import math

import numpy as np
import pytest
import torch

from curvefit import Config, Trainer

CHUNKABLE = {
    "sgd": Config(),
    "sgd+momentum": Config(momentum=0.9, lr=0.05),
    "adam": Config(opt="adam", lr=0.01, wd=1e-3),
    "adamw": Config(opt="adamw", lr=0.01, wd=0.01),
    "rmsprop": Config(opt="rmsprop", lr=0.001, momentum=0.5),
    "minibatch+test": Config(batch=16, test=0.2, act="tanh", loss="huber", opt="adam", lr=0.01),
    "minibatch sgd, uneven epochs": Config(batch=30, sampling="random", momentum=0.9, lr=0.05, loss="l1"),
}


def _state(trainer):
    params = [p.detach().clone() for p in trainer.model.parameters()]
    optim = [{k: v.clone() if torch.is_tensor(v) else v for k, v in trainer.optimizer.state.items()}]
    history = trainer.history
    return params, optim, *(list(x) for x in (history.train, history.train.steps, history.test, history.test.steps))


def _assert_same_state(a, b):
    params_a, optim_a, *history_a = a
    params_b, optim_b, *history_b = b
    assert all(torch.equal(x, y) for x, y in zip(params_a, params_b, strict=True))
    for state_a, state_b in zip(optim_a, optim_b, strict=True):
        assert state_a.keys() == state_b.keys()
        for key in state_a:
            x, y = state_a[key], state_b[key]
            assert torch.equal(x, y) if torch.is_tensor(x) else x == y
    assert history_a == history_b


@pytest.mark.parametrize("cfg", CHUNKABLE.values(), ids=CHUNKABLE.keys())
def test_ten_chunks_of_100_equal_1000_steps_bit_for_bit(cfg):
    whole, chunked = Trainer(cfg), Trainer(cfg)
    assert whole.train(1000) == 1000
    for _ in range(10):
        chunked.train(100)
    assert whole.step == chunked.step == 1000
    _assert_same_state(_state(whole), _state(chunked))


def test_odd_chunks_equal_one_run_too():
    cfg = CHUNKABLE["minibatch sgd, uneven epochs"]
    whole, chunked = Trainer(cfg), Trainer(cfg)
    whole.train(257)
    for steps in (1, 2, 3, 50, 1, 200):
        chunked.train(steps)
    _assert_same_state(_state(whole), _state(chunked))


def test_history_has_the_train_loss_of_every_step_and_the_test_loss_of_every_epoch():
    full = Trainer(Config(test=0.2))
    full.train(30)
    assert len(full.history.train) == len(full.history.test) == full.step == 30
    assert list(full.history.test.steps) == list(range(30))
    minibatch = Trainer(Config(test=0.2, batch=25))  # 80 train points: 4 steps an epoch
    minibatch.train(30)
    assert len(minibatch.history.train) == 30 and list(minibatch.history.test.steps) == list(range(0, 30, 4))
    assert minibatch.history.test[0] == Trainer(Config(test=0.2, batch=25)).losses()[1]
    assert len(Trainer(Config()).history.test) == 0


def test_tutorial_default_reaches_the_noise_floor_within_2000_steps():
    noise_floor = 0.2**2 / 12  # the variance of 0.2 * U[0, 1)
    trainer = Trainer(Config())
    trainer.train(2000)
    assert trainer.losses()[0] <= 1.5 * noise_floor
    assert trainer.history.train[-1] < trainer.history.train[0] / 10


TUTORIAL = Config()


def _diverging_trainer(cfg=TUTORIAL):
    """Trained calmly for 100 steps, then pushed to lr 10: it blows up a few steps later."""
    trainer = Trainer(cfg)
    trainer.train(100)
    trainer.update(trainer.cfg.replace(lr=10.0))
    return trainer


def test_lr_10_diverges_and_keeps_the_last_good_weights():
    trainer = _diverging_trainer()
    moved = trainer.train(1000)
    assert moved < 1000 and 100 <= trainer.step < 1100 and trainer.step == 100 + moved
    assert "diverged" in trainer.diverged and "learning rate" in trainer.diverged
    weights = [p.detach() for p in trainer.model.parameters()]
    assert all(torch.isfinite(w).all() for w in weights)
    replay = _diverging_trainer()  # the same steps again, stopping before the bad one
    replay.train(trainer.step - 100)
    assert replay.diverged is None
    assert all(torch.equal(a, b.detach()) for a, b in zip(weights, replay.model.parameters(), strict=True))
    assert list(replay.history.train) == list(trainer.history.train)
    assert all(np.isfinite(trainer.history.train))


@pytest.mark.parametrize("cfg", [Config(), Config(test=0.3, batch=7)], ids=["full", "minibatch+test"])
def test_divergence_at_a_chunk_boundary_restores_the_same_state(cfg):
    whole, stepwise = _diverging_trainer(cfg), _diverging_trainer(cfg)
    whole.train(50)
    for _ in range(50):
        stepwise.train(1)
    assert whole.diverged and stepwise.diverged == whole.diverged and stepwise.step == whole.step
    _assert_same_state(_state(whole), _state(stepwise))
    replay = _diverging_trainer(cfg)
    replay.train(whole.step - 100)  # a run that stops just before the bad step has the same state
    _assert_same_state(_state(whole), _state(replay))


def test_lr_10_from_the_start_stays_at_the_initial_weights():
    trainer = Trainer(Config(lr=10))
    initial = [p.detach().clone() for p in trainer.model.parameters()]
    trainer.train(100)
    assert trainer.diverged and trainer.step == 0
    assert all(torch.equal(a, b.detach()) for a, b in zip(initial, trainer.model.parameters(), strict=True))


def test_a_diverged_trainer_waits_for_a_change_then_continues():
    trainer = Trainer(Config(lr=10))
    trainer.train(100)
    stuck_at = trainer.step
    assert trainer.train(100) == 0 and trainer.step == stuck_at
    trainer.update(trainer.cfg.replace(lr=0.1))
    assert trainer.diverged is None
    assert trainer.train(100) == 100


def test_momentum_sgd_divergence_message_names_the_momentum():
    trainer = Trainer(Config(lr=5, momentum=0.95))
    trainer.train(500)
    assert trainer.diverged and "momentum" in trainer.diverged


def test_reset_returns_to_the_same_initial_weights_and_empty_history():
    trainer = Trainer(Config(opt="adam", lr=0.01, batch=10))
    initial = [p.detach().clone() for p in trainer.model.parameters()]
    trainer.train(50)
    first = list(trainer.history.train)
    trainer.reset()
    assert trainer.step == 0 and len(trainer.history.train) == 0 and not trainer.optimizer.state
    assert all(torch.equal(a, b.detach()) for a, b in zip(initial, trainer.model.parameters(), strict=True))
    trainer.train(50)
    assert list(trainer.history.train) == first


def test_lr_change_continues_from_the_current_state():
    trainer = Trainer(Config(momentum=0.9, lr=0.05))
    trainer.train(100)
    before = [p.detach().clone() for p in trainer.model.parameters()]
    trainer.update(trainer.cfg.replace(lr=0.01, momentum=0.5, wd=0.001))
    assert trainer.step == 100
    assert all(torch.equal(a, b.detach()) for a, b in zip(before, trainer.model.parameters(), strict=True))
    settings = trainer.optimizer.settings
    assert (settings["lr"], settings["momentum"], settings["weight_decay"]) == (0.01, 0.5, 0.001)
    assert trainer.optimizer.state["momentum_buffer"] is not None  # the momentum built so far is kept
    trainer.train(10)
    assert trainer.step == 110


@pytest.mark.parametrize("change", [{"hidden": (20,)}, {"seed": 1}, {"n": 50}, {"act": "tanh"}, {"opt": "adam"}])
def test_changing_data_or_architecture_needs_a_new_trainer(change):
    trainer = Trainer(Config())
    with pytest.raises(ValueError, match="new Trainer"):
        trainer.update(trainer.cfg.replace(**change))


def test_predict_takes_array_likes_and_matches_the_model():
    trainer = Trainer(Config(hidden=(16, 16), act="gelu"))
    x = np.linspace(-1, 1, 7)
    y = trainer.predict(x)
    assert y.shape == (7,) and y.dtype == np.float32
    expected = trainer.model(torch.tensor(x, dtype=torch.float32).reshape(-1, 1)).detach().numpy().ravel()
    assert np.array_equal(y, expected)
    assert trainer.predict([0.5]).shape == (1,) and trainer.predict(0.5).shape == ()


@pytest.mark.parametrize("act", ["relu", "tanh", "sigmoid", "leaky_relu", "gelu", "silu"])
@pytest.mark.parametrize("loss", ["mse", "l1", "huber"])
def test_every_activation_and_loss_learns(act, loss):
    trainer = Trainer(Config(act=act, loss=loss, hidden=(16,), opt="adam", lr=0.02, target="sin", noise=0.0))
    start = trainer.losses()[0]
    trainer.train(300)
    assert trainer.losses()[0] < start / 3


def test_deep_nets_are_named_like_the_tutorials():
    names = [name for name, _ in Trainer(Config(hidden=(8, 8, 8))).model.named_children()]
    assert names == ["hidden", "hidden2", "hidden3", "predict"]


def test_trainer_leaves_the_global_rng_alone():
    torch.manual_seed(5)
    expected = torch.rand(3)
    torch.manual_seed(5)
    Trainer(Config(batch=10, test=0.2)).train(30)
    assert torch.equal(torch.rand(3), expected)


@pytest.mark.parametrize("opt", ["sgd", "rmsprop"])
def test_momentum_can_be_turned_on_mid_run(opt):
    trainer = Trainer(Config(opt=opt, lr=0.001))
    trainer.train(10)
    trainer.update(trainer.cfg.replace(momentum=0.5))
    assert trainer.train(10) == 10 and trainer.diverged is None


@pytest.mark.parametrize("opt", ["sgd", "adam", "adamw", "rmsprop"])
@pytest.mark.parametrize("change", [{"lr": 0.002}, {"momentum": 0.9}, {"momentum": 0.0}, {"wd": 0.01}])
def test_every_live_setting_can_change_mid_run_for_every_optimizer(opt, change):
    trainer = Trainer(Config(opt=opt, lr=0.001, momentum=0.3))
    trainer.train(5)
    trainer.update(trainer.cfg.replace(**change))
    assert trainer.train(5) == 5 and trainer.step == 10


def test_the_band_nets_equal_single_runs_from_their_seeds():
    from curvefit.training.ensemble import Ensemble

    cfg = Config(band=5, hidden=(10, 10), act="tanh", opt="adam", lr=0.01, batch=20, test=0.2)
    trainer = Trainer(cfg)
    trainer.train(150)
    assert trainer.band.step == 150
    for i, seed in enumerate(trainer.band.seeds):
        single = Ensemble(cfg, [seed], trainer._batch)  # one net, the same data, shuffles and settings
        single.train_to(150)
        for ours, theirs in zip(trainer.band.engine.weights, single.engine.weights, strict=True):
            assert (ours[i] - theirs[0]).abs().max() <= 1e-5


def test_the_band_follows_reset_and_live_settings_and_chunks():
    cfg = Config(band=4, momentum=0.9, lr=0.05)
    whole, chunked = Trainer(cfg), Trainer(cfg)
    whole.train(200)
    for _ in range(8):
        chunked.train(25)
    assert torch.equal(whole.band.engine.params, chunked.band.engine.params)
    whole.update(whole.cfg.replace(lr=0.01))
    whole.train(1)  # the band takes a change at the step the red net took it
    assert whole.band.optimizer.settings["lr"] == 0.01
    whole.reset()
    assert whole.band.step == 0 and torch.equal(whole.band.engine.params, Trainer(cfg).band.engine.params)


@pytest.mark.parametrize(
    "cfg",
    [
        Config(momentum=0.9, lr=0.05),
        Config(opt="adam", lr=0.01, batch=16, hidden=(8, 8), act="tanh"),
        Config(opt="rmsprop", lr=0.003, momentum=0.5, wd=0.01, batch=1, test=0.2),
    ],
)
def test_a_band_switched_on_late_ends_where_one_on_from_the_start_is_bit_for_bit(cfg):
    late, early = Trainer(cfg), Trainer(cfg.replace(band=4))
    for trainer in (late, early):
        trainer.train(100)
        trainer.update(trainer.cfg.replace(lr=cfg.lr / 2, wd=0.001))  # a change the band must replay
        trainer.train(200)
    params = late.engine.params.clone()
    late.update(late.cfg.replace(band=4))
    assert late.step == 300 and torch.equal(late.engine.params, params)  # the red net is kept
    assert late.band_behind == 300
    while late.band_behind:
        late.catch_up_band(37)  # in pieces, as the page's frames do
        assert late.step == 300 and late.band.step <= 300
    assert torch.equal(late.band.engine.params, early.band.engine.params)
    late.train(50), early.train(50)  # from then on it trains along
    assert late.band_behind == 0 and torch.equal(late.band.engine.params, early.band.engine.params)
    assert torch.equal(late.engine.params, early.engine.params)


def test_the_band_off_keeps_the_red_net_and_on_again_starts_behind():
    trainer = Trainer(Config(band=3))
    trainer.train(120)
    params = trainer.engine.params.clone()
    trainer.update(trainer.cfg.replace(band=0))
    assert trainer.band is None and trainer.band_behind == 0
    assert trainer.step == 120 and torch.equal(trainer.engine.params, params)
    trainer.train(10)
    trainer.update(trainer.cfg.replace(band=5))
    assert trainer.band_behind == 130 and len(trainer.band.seeds) == 5
    trainer.train(20)  # the red net does not wait; the band stays where it was until it catches up
    assert trainer.step == 150 and trainer.band.step == 0
    trainer.catch_up_band()
    assert trainer.band.step == 150 and torch.equal(trainer.band.engine.params, _band_at(Config(band=5), 150))


def test_a_blow_up_that_goes_back_past_the_band_sends_the_band_back_too():
    cfg = Config(band=3, lr=0.1)
    trainer = Trainer(cfg)
    trainer.train(200)
    trainer.update(cfg.replace(lr=2.0))
    trainer.train(5)  # the band trains along to step 205
    trainer.train(100)  # the loss blows up: back to the checkpoint at step 200
    assert trainer.diverged and trainer.step == 200
    assert trainer.band.step <= trainer.step  # never ahead of the red net it is drawn beside
    trainer.catch_up_band()
    assert trainer.band.step == trainer.step and torch.equal(trainer.band.engine.params, _band_at(cfg, trainer.step))


def _band_at(cfg: Config, step: int) -> torch.Tensor:
    trainer = Trainer(cfg)
    trainer.train(step)
    return trainer.band.engine.params


@pytest.mark.parametrize("first", [float("nan"), float("inf"), 0.5])
def test_a_loss_is_diverging_when_not_finite_or_a_thousand_times_the_start(first):
    from curvefit.training.trainer import _explosion_limit

    limit = _explosion_limit(first)
    assert not float("nan") <= limit and not float("inf") <= limit
    if first == 0.5:
        assert limit == 500.0
    else:  # a start that is not finite: every loss counts as diverging, the start's own included
        assert not first <= limit and limit == float("-inf")


def test_a_band_net_that_blows_up_stops_the_band_where_it_was():
    from curvefit.training.ensemble import Ensemble

    trainer = Trainer(Config())
    band = Ensemble(Config(lr=10.0), [1, 2, 3], trainer._batch)  # far too high: the losses become inf
    band.train_to(500)
    stopped_at = band.step
    assert band.stopped and stopped_at < 500
    band.train_to(1000)
    assert band.step == stopped_at  # it stays where it stopped; the red net is not affected
    assert trainer.train(50) == 50


def _chunks(trainer, steps, size=10):
    """Train as the page's frames do: in chunks of about `size` steps, until `steps` or a blow-up."""
    while trainer.step < steps and not trainer.diverged:
        trainer.train(min(size, steps - trainer.step))


def test_a_blow_up_goes_back_to_the_good_fit_and_training_goes_on_from_there():
    # The scenario from issue 10: the tutorial at step 220, lr 10, Play; then follow the advice.
    trainer = Trainer(Config())
    _chunks(trainer, 220, size=13)
    good_loss = trainer.losses()[0]
    assert good_loss < 0.01
    trainer.update(trainer.cfg.replace(lr=10.0))
    _chunks(trainer, 2000)
    assert trainer.diverged and trainer.step >= 210  # not a step whose loss had already exploded
    assert trainer.losses()[0] <= 2 * good_loss
    assert f"back at step {trainer.step}," in trainer.diverged and "the last good one" in trainer.diverged
    trainer.update(trainer.cfg.replace(lr=1.0))  # the advice: a lower learning rate, and Play goes on
    assert trainer.diverged is None
    trainer.update(trainer.cfg.replace(lr=0.2))
    _chunks(trainer, trainer.step + 200)
    assert trainer.diverged is None and trainer.losses()[0] <= 1.5 * good_loss  # no flat line of dead units


def test_where_a_blow_up_goes_back_to_does_not_depend_on_the_chunks():
    whole, chunked = _diverging_trainer(Config(batch=7)), _diverging_trainer(Config(batch=7))
    whole.train(500)
    _chunks(chunked, 600, size=3)
    assert whole.diverged and chunked.diverged == whole.diverged
    _assert_same_state(_state(whole), _state(chunked))
    assert whole.settings_from.keys() == chunked.settings_from.keys()


def test_a_constant_huge_target_trains_like_any_other():
    trainer = Trainer(Config(target="tan(pi/2+0*x)"))  # 1.6e16 everywhere: once it could never train
    trainer.train(200)
    assert trainer.diverged is None and trainer.losses()[0] < 0.1


def test_advice_fits_the_cause():
    from curvefit.training.trainer import divergence_message

    too_big = divergence_message(Config(), 1, math.inf, 0, math.inf, 1e35)
    assert "too large" in too_big and "learning rate" not in too_big
    assert "Lower the learning rate" in divergence_message(Config(), 30, math.inf, 20, 0.01, 0.05)


def test_a_trainer_is_freed_as_soon_as_it_is_dropped_without_the_cycle_collector():
    # The page runs no gc.collect() after each run: a cycle would keep a closed tab's Trainer for long.
    import gc
    import weakref

    gc.disable()
    try:
        trainer = Trainer(Config(band=4, batch=10))
        trainer.train(20)
        dropped = weakref.ref(trainer)
        del trainer
        assert dropped() is None
    finally:
        gc.enable()


def test_a_new_net_leaves_torchs_global_generator_alone_and_does_not_import_sympy():
    import subprocess
    import sys

    state = torch.random.get_rng_state()
    Trainer(Config(hidden=(32, 32)))
    assert torch.equal(torch.random.get_rng_state(), state)
    # nn.utils.skip_init's meta device imported sympy: 0.6 s of a new server's first page
    code = "import sys; from curvefit import Config, Trainer; Trainer(Config()); print('sympy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"


def test_a_rewound_fit_trains_on_as_if_it_had_never_gone_further():
    for cfg in (Config(), Config(opt="adam", lr=0.01, batch=16, test=0.2)):
        rewound = Trainer(cfg)
        rewound.train(37)
        mark = rewound.mark()
        rewound.train(23)
        rewound.rewind(mark)
        assert rewound.step == 37 and len(rewound.history.train) == 37
        rewound.train(40)
        straight = Trainer(cfg)
        straight.train(77)
        assert torch.equal(rewound.engine.params, straight.engine.params)
        assert list(rewound.history.train.values) == list(straight.history.train.values)
