"""What training minimises and how: the loss a Config names and its optimizer's settings (the export uses these too)."""

from torch import nn

from ..inputs import optimizers
from ..inputs.config import Config

# Huber's delta at the data's noise scale, so points far off the curve really count linearly
# (torch's default of 1.0 would make it plain MSE / 2 for curves of height ~1).
HUBER_DELTA = 0.1

LOSSES = {"mse": (nn.MSELoss, {}), "l1": (nn.L1Loss, {}), "huber": (nn.HuberLoss, {"delta": HUBER_DELTA})}


def make_loss(cfg: Config) -> nn.Module:
    """The Config's loss, as the tutorial's loss_func."""
    loss_class, kwargs = LOSSES[cfg.loss]
    return loss_class(**kwargs)


def optimizer_settings(cfg: Config) -> dict:
    """The keyword arguments the Config gives its optimizer; torch's defaults for the rest."""
    return optimizers.settings(cfg.opt, cfg.lr, cfg.wd, cfg.momentum)
