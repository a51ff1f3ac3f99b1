"""The noise floor: the loss the true function itself scores on the generated training points."""

import numpy as np

from ..inputs.targets import target_values
from ..training.objective import HUBER_DELTA
from ..training.trainer import Trainer
from .memo import per_data


def floor(trainer: Trainer) -> float | None:
    """The trainer's loss of the true function plus the best constant offset on its training points.

    The offset takes out the noise's mean (the tutorial's U[0, 0.2) has mean 0.1), so what is left is
    the noise's own spread: a net whose training loss goes below it is fitting the noise. None for the
    user's own points, whose true function nobody knows.
    """
    return per_data(trainer, _floor) if trainer.generated else None


def _floor(trainer: Trainer) -> float:
    x, y = trainer.data.x_train, trainer.data.y_train
    truth, target = trainer.scale.y_in(target_values(trainer.cfg.target, x)), trainer.scale.y_in(y)
    residual = (target - truth).double().numpy()[:, 0]
    shifted = truth + float(_best_offset(residual, trainer.cfg.loss))
    return trainer.loss_fn(shifted, target).item()


def _best_offset(residual: np.ndarray, loss: str) -> float:
    """The constant c that makes loss(truth + c, y) least, for residuals y - truth."""
    if loss == "mse":
        return residual.mean()
    if loss == "l1":
        return np.median(residual)
    # Huber: convex in c, its slope rises with c; bisect on where the slope's sign turns.
    lo, hi = residual.min(), residual.max()
    for _ in range(60):
        middle = (lo + hi) / 2
        if np.clip(residual - middle, -HUBER_DELTA, HUBER_DELTA).sum() > 0:
            lo = middle
        else:
            hi = middle
    return (lo + hi) / 2
