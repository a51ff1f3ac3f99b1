"""What training minimises and how: the loss and the optimizer a Config names (the export uses these too)."""

import torch
from torch import nn

from ..inputs.config import Config

# Huber's delta at the data's noise scale, so points far off the curve really count linearly
# (torch's default of 1.0 would make it plain MSE / 2 for curves of height ~1).
HUBER_DELTA = 0.1

LOSSES = {"mse": (nn.MSELoss, {}), "l1": (nn.L1Loss, {}), "huber": (nn.HuberLoss, {"delta": HUBER_DELTA})}
OPTIMIZERS = {
    "sgd": torch.optim.SGD,
    "adam": torch.optim.Adam,
    "adamw": torch.optim.AdamW,
    "rmsprop": torch.optim.RMSprop,
}
WITH_MOMENTUM = ("sgd", "rmsprop")  # Adam's betas are not this momentum


def make_loss(cfg: Config) -> nn.Module:
    """The Config's loss, as the tutorial's loss_func."""
    loss_class, kwargs = LOSSES[cfg.loss]
    return loss_class(**kwargs)


def optimizer_settings(cfg: Config) -> dict:
    """The keyword arguments the Config gives its optimizer; torch's defaults for the rest."""
    settings = {"lr": cfg.lr, "weight_decay": cfg.wd}
    if cfg.opt in WITH_MOMENTUM:
        settings["momentum"] = cfg.momentum
    return settings


def make_optimizer(params, cfg: Config) -> torch.optim.Optimizer:
    """The Config's optimizer over `params`."""
    return OPTIMIZERS[cfg.opt](params, **optimizer_settings(cfg))
