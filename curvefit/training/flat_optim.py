"""An optimizer of inputs/optimizers.py on one flat buffer of parameters, its state kept between chunks."""

import torch

from ..inputs.optimizers import OPTIMIZERS


class FlatOptimizer:
    """One optimizer for a whole flat buffer; settings (lr, weight_decay, momentum) may change between steps."""

    def __init__(self, kind: str, settings: dict):
        self.kind, self.settings = kind, dict(settings)
        self.state: dict[str, torch.Tensor | float | None] = {}

    def step(self, params: torch.Tensor, grads: torch.Tensor) -> None:
        """Update params in place from grads, as torch.optim's single-tensor step does."""
        OPTIMIZERS[self.kind].update(self.state, params, grads, **self.settings)
