"""The fit as the sum of its parts: what each unit of the last hidden layer adds, where it switches, and how often."""

from typing import NamedTuple

import numpy as np
import torch

from ..inputs.activations import piecewise_linear
from ..training.trainer import Trainer
from .memo import per_weights
from .straight_pieces import count_pieces
from .survey import survey


class Inside(NamedTuple):
    """Every number in the user's units (an upload standardised for training is mapped back).

    contributions.sum(0) + bias is the fit at x. Per unit: w_out, the weight it reaches the output
    with; and for one hidden layer, w_in and b_in, so that it adds w_out * act(w_in * x + b_in), and
    kinks = -b_in / w_in (NaN where w_in = 0): a kink for ReLU-like nets, the centre for smooth ones.
    """

    x: np.ndarray  # (len(x),) float64, where the contributions are given
    contributions: np.ndarray  # (units, len(x)) float64
    bias: float  # the output layer's bias
    w_out: np.ndarray  # (units,)
    w_in: np.ndarray | None  # (units,); None for deeper nets
    b_in: np.ndarray | None
    kinks: np.ndarray | None
    active: np.ndarray  # (units,): the fraction of training points where the unit's pre-activation is > 0
    dead: int  # units never active on the training points
    pieces: int | None  # linear pieces of the fit over the training points' x range; None for smooth nets
    relu_like: bool


def inside(trainer: Trainer, x) -> Inside:
    """What each unit of the last hidden layer adds to the fit at the x values `x` (an array-like)."""
    model, scale = trainer.model, trainer.scale
    xs = np.asarray(x, dtype=np.float64).ravel()
    with torch.no_grad():
        # The model's own float32 modules, as predict runs them, so the parts add up to its numbers.
        hidden = model.last_hidden(scale.x_in(torch.from_numpy(xs.astype(np.float32)).reshape(-1, 1)))[1]
        w_out = model.predict.weight.double().numpy()[0] * scale.y_size
        bias = float(model.predict.bias.double()) * scale.y_size + scale.y_shift
    contributions = hidden.double().numpy().T * w_out[:, None]
    relu_like = piecewise_linear(model.activation)  # a kink where a unit switches
    w_in = b_in = kinks = None
    if len(model.hidden_layers) == 1:  # in the user's x: w (x - shift) / size + b = w_in x + b_in
        w_in = model.hidden.weight.detach().double().numpy()[:, 0] / scale.x_size
        b_in = model.hidden.bias.detach().double().numpy() - w_in * scale.x_shift
        kinks = np.divide(-b_in, w_in, out=np.full_like(w_in, np.nan), where=w_in != 0)
    active, pieces = survey(trainer).active, None
    if relu_like:  # counted once per state of the weights: a rerun that trains nothing reuses it
        pieces = per_weights(trainer, _pieces)
    return Inside(
        xs, contributions, bias, w_out, w_in, b_in, kinks, active, int((active == 0).sum()), pieces, relu_like
    )


def _pieces(trainer: Trainer) -> int:
    train_x = trainer.scale.x_in(trainer.data.x_train).double()
    return count_pieces(trainer.model, float(train_x.min()), float(train_x.max()))
