"""What training minimises and how: the loss function and the optimizer a Config names."""

import torch
import torch.nn.functional as F

from .config import Config

# Huber's delta at the data's noise scale, so points far off the curve really count linearly
# (torch's default of 1.0 would make it plain MSE / 2 for curves of height ~1).
HUBER_DELTA = 0.1

LOSS_FUNCTIONS = {
    "mse": F.mse_loss,
    "l1": F.l1_loss,
    "huber": lambda prediction, target: F.huber_loss(prediction, target, delta=HUBER_DELTA),
}


def make_optimizer(params, cfg: Config) -> torch.optim.Optimizer:
    """The Config's optimizer over `params`, with torch's defaults for everything the Config omits."""
    if cfg.opt == "sgd":
        return torch.optim.SGD(params, lr=cfg.lr, momentum=cfg.momentum, weight_decay=cfg.wd)
    if cfg.opt == "rmsprop":
        return torch.optim.RMSprop(params, lr=cfg.lr, momentum=cfg.momentum, weight_decay=cfg.wd)
    if cfg.opt == "adam":
        return torch.optim.Adam(params, lr=cfg.lr, weight_decay=cfg.wd)
    return torch.optim.AdamW(params, lr=cfg.lr, weight_decay=cfg.wd)


def apply_live_settings(optimizer: torch.optim.Optimizer, cfg: Config) -> None:
    """Give a running optimizer the Config's lr, momentum and weight decay, keeping its state."""
    for group in optimizer.param_groups:
        group["lr"] = cfg.lr
        group["weight_decay"] = cfg.wd
        if "momentum" in group:  # Adam's betas are not this momentum
            group["momentum"] = cfg.momentum
