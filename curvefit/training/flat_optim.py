"""torch.optim's SGD, Adam, AdamW and RMSprop, op for op, on one flat buffer of parameters."""

import torch

BETAS, ADAM_EPS = (0.9, 0.999), 1e-8  # torch's defaults
RMSPROP_ALPHA, RMSPROP_EPS = 0.99, 1e-8


class FlatOptimizer:
    """One optimizer for a whole flat buffer; settings (lr, weight_decay, momentum) may change between steps."""

    def __init__(self, kind: str, settings: dict):
        self.kind, self.settings = kind, dict(settings)
        self.state: dict[str, torch.Tensor | float | None] = {}

    def step(self, params: torch.Tensor, grads: torch.Tensor) -> None:
        """Update params in place from grads, as torch.optim's single-tensor step does."""
        getattr(self, f"_{self.kind}")(params, grads, **self.settings)

    def _sgd(self, params, grads, lr, weight_decay, momentum):
        grad = grads.add(params, alpha=weight_decay) if weight_decay else grads
        if momentum:
            buf = self.state.get("momentum_buffer")
            if buf is None:  # the first step with momentum starts the buffer at the gradient
                buf = self.state["momentum_buffer"] = grad.clone()
            else:
                buf.mul_(momentum).add_(grad)
            grad = buf
        params.add_(grad, alpha=-lr)

    def _adam(self, params, grads, lr, weight_decay, decoupled=False):
        if not self.state:
            self.state.update(step=0.0, exp_avg=torch.zeros_like(params), exp_avg_sq=torch.zeros_like(params))
        self.state["step"] += 1
        step = self.state["step"]
        if weight_decay and decoupled:
            params.mul_(1 - lr * weight_decay)  # AdamW: decay the weights, not the gradient
        grad = grads.add(params, alpha=weight_decay) if weight_decay and not decoupled else grads
        beta1, beta2 = BETAS
        self.state["exp_avg"].lerp_(grad, 1 - beta1)
        self.state["exp_avg_sq"].mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
        step_size = lr / (1 - beta1**step)
        denom = (self.state["exp_avg_sq"].sqrt() / (1 - beta2**step) ** 0.5).add_(ADAM_EPS)
        params.addcdiv_(self.state["exp_avg"], denom, value=-step_size)

    def _adamw(self, params, grads, lr, weight_decay):
        self._adam(params, grads, lr, weight_decay, decoupled=True)

    def _rmsprop(self, params, grads, lr, weight_decay, momentum):
        if not self.state:
            self.state.update(square_avg=torch.zeros_like(params))
        grad = grads.add(params, alpha=weight_decay) if weight_decay else grads
        square_avg = self.state["square_avg"]
        square_avg.mul_(RMSPROP_ALPHA).addcmul_(grad, grad, value=1 - RMSPROP_ALPHA)
        avg = square_avg.sqrt().add_(RMSPROP_EPS)
        if momentum > 0:
            buf = self.state.setdefault("momentum_buffer", torch.zeros_like(params))
            buf.mul_(momentum).addcdiv_(grad, avg)
            params.add_(buf, alpha=-lr)
        else:
            params.addcdiv_(grad, avg, value=-lr)
