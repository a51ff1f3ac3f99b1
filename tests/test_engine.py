"""The hand-derived engine against the reference, plain autograd with torch.optim, from the same start."""

import pytest
import torch

from curvefit import Config
from curvefit.inputs.config import ACTIVATIONS, LOSSES
from curvefit.inputs.data import make_data
from curvefit.inputs.optimizers import OPTIMIZERS
from curvefit.training.batches import Batches
from curvefit.training.engine import Engine
from curvefit.training.flat_optim import FlatOptimizer
from curvefit.training.net import Net, init_weights
from curvefit.training.objective import HUBER_DELTA, make_loss, optimizer_settings

LR = {"sgd": 0.05, "adam": 0.01, "adamw": 0.01, "rmsprop": 0.002}


def torch_optimizer(params, cfg: Config) -> torch.optim.Optimizer:
    """torch.optim's own optimizer of cfg's kind (the class its spec names) over `params`."""
    return getattr(torch.optim, OPTIMIZERS[cfg.opt].torch_class)(params, **optimizer_settings(cfg))


def _start(cfg: Config, seed: int) -> Net:
    net = Net(cfg.hidden, cfg.act)
    init_weights(net, torch.Generator().manual_seed(seed))
    return net


def _batches(cfg, n):
    batches = Batches(n, cfg.batch or n, cfg.seed)
    return (lambda step: None) if batches.full else batches.indices


def reference(cfg: Config, steps: int, seed: int = 0) -> Net:
    """The plain loop: nn.Module forward, autograd backward, torch.optim step."""
    data, net = make_data(cfg), _start(cfg, seed)
    optimizer, loss_func, batch = (
        torch_optimizer(net.parameters(), cfg),
        make_loss(cfg),
        _batches(cfg, len(make_data(cfg).x_train)),
    )
    for step in range(steps):
        index = batch(step)
        x, y = (data.x_train, data.y_train) if index is None else (data.x_train[index], data.y_train[index])
        loss = loss_func(net(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return net


def engine_run(cfg: Config, steps: int, seeds=(0,)) -> tuple[Engine, FlatOptimizer]:
    data = make_data(cfg)
    engine = Engine(cfg.hidden, cfg.act, cfg.loss, k=len(seeds), huber_delta=HUBER_DELTA)
    engine.load([_start(cfg, seed) for seed in seeds])
    optimizer, batch = FlatOptimizer(cfg.opt, optimizer_settings(cfg)), _batches(cfg, len(data.x_train))
    for step in range(steps):
        index = batch(step)
        x, y = (data.x_train, data.y_train) if index is None else (data.x_train[index], data.y_train[index])
        engine.loss_and_grads(x, y)
        optimizer.step(engine.params, engine.grads)
    return engine, optimizer


def _assert_same(engine: Engine, net: Net):
    # One net calls the very kernels autograd calls, in its order: the same bits, not just close.
    ours = engine.state_dict(0, net.layer_names)
    for name, theirs in net.state_dict().items():
        assert torch.equal(ours[name], theirs), name


GRID = [(act, opt, loss) for act in ACTIVATIONS for opt in OPTIMIZERS for loss in LOSSES]


@pytest.mark.parametrize(("act", "opt", "loss"), GRID)
def test_engine_matches_the_reference_for_every_combination(act, opt, loss):
    cfg = Config(target="sin", hidden=(8, 8), act=act, opt=opt, loss=loss, lr=LR[opt], momentum=0.5, wd=1e-3)
    engine, _ = engine_run(cfg, 200)
    _assert_same(engine, reference(cfg, 200))


@pytest.mark.parametrize("opt", OPTIMIZERS)
def test_engine_matches_the_reference_with_mini_batches(opt):
    cfg = Config(target="bump", n=90, batch=16, hidden=(12,), act="tanh", opt=opt, lr=LR[opt], momentum=0.9)
    engine, _ = engine_run(cfg, 200)
    _assert_same(engine, reference(cfg, 200))


def test_the_tutorial_itself_matches():
    engine, _ = engine_run(Config(), 200)
    _assert_same(engine, reference(Config(), 200))


def test_k_models_at_once_equal_k_single_runs():
    # Batched matrix kernels round differently from single ones: close (1e-5), not the same bits.
    cfg = Config(target="sinc", hidden=(10, 10), act="gelu", opt="adam", lr=0.01)
    seeds = (3, 1, 4, 1, 5)
    engine, _ = engine_run(cfg, 150, seeds)
    for slot, seed in enumerate(seeds):
        single, _ = engine_run(cfg, 150, (seed,))
        for name, value in single.state_dict(0, ["hidden", "hidden2", "predict"]).items():
            assert (engine.state_dict(slot, ["hidden", "hidden2", "predict"])[name] - value).abs().max() <= 1e-5


@pytest.mark.parametrize("opt", OPTIMIZERS)
def test_chunks_change_nothing_in_the_engine(opt):
    cfg = Config(batch=30, sampling="random", opt=opt, lr=LR[opt], momentum=0.9, loss="huber")
    whole, whole_optimizer = engine_run(cfg, 300)
    data = make_data(cfg)
    engine = Engine(cfg.hidden, cfg.act, cfg.loss, huber_delta=HUBER_DELTA)
    engine.load([_start(cfg, 0)])
    optimizer, batch = FlatOptimizer(cfg.opt, optimizer_settings(cfg)), _batches(cfg, len(data.x_train))
    step = 0
    for chunk in (1, 99, 50, 150):
        for _ in range(chunk):
            index = batch(step)
            engine.loss_and_grads(data.x_train[index], data.y_train[index])
            optimizer.step(engine.params, engine.grads)
            step += 1
    assert torch.equal(engine.params, whole.params)
    for key, value in whole_optimizer.state.items():
        assert torch.equal(optimizer.state[key], value) if torch.is_tensor(value) else optimizer.state[key] == value


def test_predict_matches_the_net():
    cfg = Config(hidden=(6, 5, 4), act="silu")
    net = _start(cfg, 7)
    engine = Engine(cfg.hidden, cfg.act, cfg.loss)
    engine.load([net])
    x = torch.linspace(-3, 3, 40).reshape(-1, 1)
    assert torch.allclose(engine.predict(x)[0], net(x), atol=1e-6)
