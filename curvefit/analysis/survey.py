"""One pass of the current weights over the points: the losses, the errors a practitioner reads, what the
units do, and the best last layer; computed once per state of the weights, however many views ask."""

from typing import NamedTuple

import numpy as np
import torch

from ..inputs.data import evenly_spread
from ..inputs.limits import EVAL_SLICE
from ..training.trainer import Trainer
from .memo import per_weights

# The least-squares last layer is solved on an even sample of the points (it costs rows * width^2, see
# least_squares_rows): every point for the tutorial's net, fewer for wide nets on many points, yet
# enough per unit to pin the solution down. The pass over all points then keeps the best point on the
# line through that solution and the net's own last layer: never worse than the net.
LSQ_WORK, ROWS_PER_UNIT = 10_000_000, 4  # at most this many rows times squared widths; at least this many a unit


def least_squares_rows(width: int, points: int) -> int:
    """The training points a frame's best last layer is solved on, for a last layer of `width` inputs."""
    return min(points, max(ROWS_PER_UNIT * width, LSQ_WORK // width**2))


class Errors(NamedTuple):
    """How far a fit is from some points: the trainer's loss (as training sees it), the rest in the user's units."""

    loss: float
    rmse: float
    mae: float
    r2: float  # 1 - SSE / (the points' own sum of squares about their mean); NaN when y is constant


class Survey(NamedTuple):
    """What the current weights do on the training (and test) points."""

    train: Errors
    test: Errors | None
    active: np.ndarray  # per unit of the last hidden layer: the fraction of training points where it is on
    best_last_layer: float  # the training MSE (as training sees it) of the least-squares output layer


def survey(trainer: Trainer) -> Survey:
    """The Survey of trainer's current weights (computed once per state of them)."""
    return per_weights(trainer, _survey)


def best_last_layer(trainer: Trainer) -> float:
    """The training MSE of the least-squares last layer on the current hidden units: never above the net's."""
    return survey(trainer).best_last_layer


def errors_of(trainer: Trainer, predicted: np.ndarray, x: torch.Tensor, y: torch.Tensor) -> Errors:
    """The Errors of predictions (user units, any shape) of the points (x, y) (user units, (n, 1)): for baselines."""
    out = torch.from_numpy(np.asarray(predicted, dtype=np.float32).reshape(-1, 1))
    scale = trainer.scale
    loss = trainer.loss_fn(scale.y_in(out), scale.y_in(y)).item()
    sums = _Sums(y.double().mean().item())
    sums.add(out.double() - y.double(), y.double())
    return sums.errors(loss, len(y))


class _Sums:
    """Running sums of errors in the user's units, a slice of points at a time."""

    def __init__(self, mean: float):
        self.mean, self.squares, self.absolute, self.spread = mean, 0.0, 0.0, 0.0

    def add(self, error: torch.Tensor, y: torch.Tensor) -> None:
        self.squares += error.square().sum().item()
        self.absolute += error.abs().sum().item()
        self.spread += (y - self.mean).square().sum().item()

    def errors(self, loss: float, n: int) -> Errors:
        r2 = 1 - self.squares / self.spread if self.spread > 0 else float("nan")
        return Errors(loss, (self.squares / n) ** 0.5, self.absolute / n, r2)


def _survey(trainer: Trainer) -> Survey:
    x, y = trainer.train_points
    with torch.no_grad():
        solution = _least_squares(trainer, x, y)
        train, active, best = _pass(trainer, x, y, solution)
        test = _pass(trainer, *trainer.test_points, None)[0] if len(trainer.test_points[0]) else None
    return Survey(train, test, active, best)


def _least_squares(trainer: Trainer, x: torch.Tensor, y: torch.Tensor) -> np.ndarray:
    """The output layer's weights and bias that fit y best (least squares) on an even sample of the points."""
    width = trainer.model.hidden_layers[-1].out_features + 1
    rows = least_squares_rows(width, len(x))
    sample = torch.from_numpy(evenly_spread(len(x), rows))
    picked = x[sample]
    hidden = torch.cat([trainer.model.last_hidden(picked[i : i + EVAL_SLICE])[1] for i in range(0, rows, EVAL_SLICE)])
    design = torch.cat([hidden.double(), torch.ones(len(hidden), 1, dtype=torch.float64)], dim=1)
    # SVD-based: dead or duplicate units leave the design short of full rank (gelsy got those wrong here)
    return torch.linalg.lstsq(design, y[sample].double(), driver="gelsd").solution.numpy()[:, 0]


def _pass(trainer: Trainer, x: torch.Tensor, y: torch.Tensor, solution: np.ndarray | None):
    """The Errors on (x, y) (model units), and with a solution also the unit activity and the best last layer."""
    model, scale = trainer.model, trainer.scale
    n = len(x)
    starts = range(0, n, EVAL_SLICE)
    counts = torch.zeros(model.hidden_layers[-1].out_features, dtype=torch.int64)
    # Every result is written into a tensor made before the loop: small results kept slice by slice
    # between the slices' big temporaries left glibc's heap in holes (+130 MB held over 100 slices).
    out, solved, losses = torch.empty(n, 1), torch.empty(n, dtype=torch.float64), torch.empty(len(starts))
    for k, i in enumerate(starts):  # a slice at a time: the hidden units' outputs stay small
        part = slice(i, i + EVAL_SLICE)
        before, hidden = model.last_hidden(x[part])
        out[part] = model.predict(hidden)
        losses[k] = trainer.loss_fn(out[part], y[part])
        if solution is not None:
            counts += (before > 0).sum(0)
            solved[part] = hidden.double() @ torch.from_numpy(solution[:-1]) + solution[-1]
    if len(starts) == 1:  # the very number Trainer.losses gives, as the tutorial prints it
        loss = losses[0].item()
    else:  # each a mean: weighted by the slices' sizes, in the order Trainer.losses adds them
        sizes = [min(EVAL_SLICE, n - i) for i in starts]
        loss = sum(value * size for value, size in zip(losses.double().tolist(), sizes, strict=True)) / n
    y_user = scale.y_out(y).double()
    sums = _Sums(y_user.mean().item())
    sums.add(scale.y_out(out).double() - y_user, y_user)
    errors = sums.errors(loss, n)
    if solution is None:
        return errors, None, None
    # The best point on the line from the net's own last layer (residuals r0) to the sampled solution's.
    r0 = (out.double() - y.double())[:, 0]
    d = solved - y.double()[:, 0] - r0
    r0r0, r0d, dd = r0.square().sum().item(), (r0 * d).sum().item(), d.square().sum().item()
    alpha = -r0d / dd if dd > 0 else 0.0
    best = max(0.0, (r0r0 + 2 * alpha * r0d + alpha * alpha * dd) / n)
    return errors, (counts.double() / n).numpy(), best
