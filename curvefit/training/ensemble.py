"""The uncertainty band: K more nets that differ from each other only in their initial weights."""

import numpy as np
import torch

from ..inputs.data import derived_seed
from ..inputs.schedule import Schedule
from .engine import Engine
from .flat_optim import FlatOptimizer
from .net import Net, init_weights
from .objective import HUBER_DELTA, optimizer_settings

BAND = 3  # purpose of the seeds derived for the band's nets (see data.derived_seed)


def band_seeds(seed: int, k: int) -> list[int]:
    """The initial-weight seeds of the band's K nets."""
    return [derived_seed(seed, BAND, i) for i in range(k)]


class Ensemble:
    """K nets trained together on one set of points, with one shuffle and one set of settings."""

    def __init__(self, cfg, seeds: list[int], batch):
        self.cfg, self.seeds, self._batch = cfg, seeds, batch  # batch(step) -> (x, y) in the model's units
        self.engine = Engine(cfg.hidden, cfg.act, cfg.loss, k=len(seeds), huber_delta=HUBER_DELTA)
        nets = [Net(cfg.hidden, cfg.act) for _ in seeds]
        for net, seed in zip(nets, seeds, strict=True):
            init_weights(net, torch.Generator().manual_seed(seed))
        self.engine.load(nets)
        self._initial = self.engine.params.clone()
        self.reset()

    def reset(self) -> None:
        """Back to the initial weights."""
        self.engine.params.copy_(self._initial)
        self.optimizer = FlatOptimizer(self.cfg.opt, optimizer_settings(self.cfg))
        self.step, self.stopped = 0, False

    def use_batches(self, batch) -> None:
        """Train on other points from here on (the red net's moved by hand), from the weights as they are."""
        self._batch = batch

    def update(self, cfg) -> None:
        """Take a new lr, momentum or weight decay, as the main net does."""
        self.cfg = cfg
        self.optimizer.settings.update(optimizer_settings(cfg))

    @torch.inference_mode()  # as Trainer.train
    def train_to(self, step: int, settings_from: Schedule | None = None) -> None:
        """Train until `step`, taking each change of settings at the step the red net took it (step -> Config).

        A net whose loss is no longer finite stops the whole band where it is.
        """
        settings_from = settings_from or Schedule({0: self.cfg})
        while self.step < step and not self.stopped:
            self.update(settings_from.at(self.step))
            until = min([step, *settings_from.after(self.step)])
            while self.step < until and not self.stopped:
                losses = self.engine.loss_and_grads(*self._batch(self.step))
                if not torch.isfinite(losses).all():
                    self.stopped = True
                    break
                self.optimizer.step(self.engine.params, self.engine.grads)
                self.step += 1

    def predict(self, x: torch.Tensor) -> torch.Tensor:
        """Every net's prediction at x (n, 1) in the model's units: (K, n, 1)."""
        with torch.no_grad():
            return self.engine.predict(x)


def mean_and_spread(predictions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The mean over the K nets, and their standard deviation, at each x: predictions (K, n)."""
    return predictions.mean(axis=0), predictions.std(axis=0)
