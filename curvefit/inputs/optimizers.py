"""Every optimizer in one place: its update of a flat buffer (torch.optim's single-tensor step, op for op), its
torch.optim class for the exported script, whether it takes the momentum setting, and what it costs.

Adding one: an entry here (and its test in tests/test_engine.py compares it with torch.optim).
"""

from collections.abc import Callable
from typing import NamedTuple

import torch

BETAS, ADAM_EPS = (0.9, 0.999), 1e-8  # torch's defaults
RMSPROP_ALPHA, RMSPROP_EPS = 0.99, 1e-8


def _sgd(state, params, grads, lr, weight_decay, momentum):
    grad = grads.add(params, alpha=weight_decay) if weight_decay else grads
    if momentum:
        buf = state.get("momentum_buffer")
        if buf is None:  # the first step with momentum starts the buffer at the gradient
            buf = state["momentum_buffer"] = grad.clone()
        else:
            buf.mul_(momentum).add_(grad)
        grad = buf
    params.add_(grad, alpha=-lr)


def _adam(state, params, grads, lr, weight_decay, decoupled=False):
    if not state:
        state.update(step=0.0, exp_avg=torch.zeros_like(params), exp_avg_sq=torch.zeros_like(params))
    state["step"] += 1
    step = state["step"]
    if weight_decay and decoupled:
        params.mul_(1 - lr * weight_decay)  # AdamW: decay the weights, not the gradient
    grad = grads.add(params, alpha=weight_decay) if weight_decay and not decoupled else grads
    beta1, beta2 = BETAS
    state["exp_avg"].lerp_(grad, 1 - beta1)
    state["exp_avg_sq"].mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
    step_size = lr / (1 - beta1**step)
    denom = (state["exp_avg_sq"].sqrt() / (1 - beta2**step) ** 0.5).add_(ADAM_EPS)
    params.addcdiv_(state["exp_avg"], denom, value=-step_size)


def _adamw(state, params, grads, lr, weight_decay):
    _adam(state, params, grads, lr, weight_decay, decoupled=True)


def _rmsprop(state, params, grads, lr, weight_decay, momentum):
    if not state:
        state.update(square_avg=torch.zeros_like(params))
    grad = grads.add(params, alpha=weight_decay) if weight_decay else grads
    square_avg = state["square_avg"]
    square_avg.mul_(RMSPROP_ALPHA).addcmul_(grad, grad, value=1 - RMSPROP_ALPHA)
    avg = square_avg.sqrt().add_(RMSPROP_EPS)
    if momentum > 0:
        buf = state.setdefault("momentum_buffer", torch.zeros_like(params))
        buf.mul_(momentum).addcdiv_(grad, avg)
        params.add_(buf, alpha=-lr)
    else:
        params.addcdiv_(grad, avg, value=-lr)


class Optimizer(NamedTuple):
    """One optimizer. Costs per weight per step (its gradients and whole-buffer ops, measured beyond the caches,
    budgets/cost.py) and its state (buffers the size of the weights): without momentum, then with it."""

    update: Callable  # (state dict, params, grads, **settings): updates params in place
    torch_class: str  # torch.optim's class of the same update, as the exported script names it
    momentum: bool  # whether it takes the momentum setting (Adam's betas are not this momentum)
    weight_s: tuple[float, float]
    buffers: tuple[int, int]
    # The largest curvature (the loss's Hessian's top eigenvalue) its steps stay stable on, from lr, momentum and
    # weight decay; None where no such simple rule holds (an adaptive step rescales each weight's curvature).
    edge: Callable[[float, float, float], float] | None = None


def _sgd_edge(lr: float, momentum: float, wd: float) -> float:
    # On a quadratic of curvature c, gradient descent with heavy-ball momentum m is stable while
    # lr * (c + wd) < 2 * (1 + m): 2/lr for the tutorial's plain SGD.
    return 2 * (1 + momentum) / lr - wd


OPTIMIZERS = {
    "sgd": Optimizer(_sgd, "SGD", True, (5e-9, 6e-9), (0, 1), _sgd_edge),
    "adam": Optimizer(_adam, "Adam", False, (13e-9, 13e-9), (2, 2)),
    "adamw": Optimizer(_adamw, "AdamW", False, (13e-9, 13e-9), (2, 2)),
    "rmsprop": Optimizer(_rmsprop, "RMSprop", True, (8e-9, 12e-9), (1, 2)),
}


def settings(opt: str, lr: float, wd: float, momentum: float) -> dict:
    """The keyword arguments the settings give optimizer `opt` (torch's names); torch's defaults for the rest."""
    found = {"lr": lr, "weight_decay": wd}
    return {**found, "momentum": momentum} if OPTIMIZERS[opt].momentum else found
