"""The classical baseline: a least-squares polynomial of the training points, its degree given or picked."""

from typing import NamedTuple

import numpy as np
from numpy.polynomial import Legendre, legendre

from ..inputs.data import evenly_spread
from ..inputs.limits import MAX_DEGREE
from ..training.trainer import Trainer
from .memo import per_data
from .survey import Errors, errors_of

AUTO = -1  # the degree setting that picks the degree by held-out loss (written `auto`)
FOLDS = 5
MAX_PICKING_POINTS = 5_000  # the degree is picked on at most this many points, evenly spread (~20 ms)
# The polynomial is fitted on at most this many, evenly spread: Legendre.fit holds three copies of the
# points' design (n x 16 float64), 38 MB at 100,000 points. Its errors are measured on every point.
MAX_FITTING_POINTS = 20_000


class Baseline(NamedTuple):
    """A polynomial fit of the training points, in the user's units."""

    degree: int
    picked: bool  # True when the degree was picked by held-out loss
    polynomial: Legendre  # call it with x values
    train: Errors
    test: Errors | None


def baseline(trainer: Trainer, degree: int) -> Baseline:
    """The polynomial of `degree` (AUTO: picked by FOLDS-fold held-out loss) fitted to trainer's training points."""
    return per_data(trainer, _baseline, degree)  # the data never changes under a Trainer: once per degree


def _baseline(trainer: Trainer, degree: int) -> Baseline:
    data = trainer.data
    x, y = data.x_train.double().numpy()[:, 0], data.y_train.double().numpy()[:, 0]
    lo, hi = float(x.min()), float(x.max())
    domain = [lo, hi] if hi > lo else [lo - 1, lo + 1]
    most = len(np.unique(x)) - 1  # more coefficients than distinct x values cannot be pinned down
    chosen = min(pick_degree(x, y, domain) if degree == AUTO else degree, most)
    fitting = evenly_spread(len(x), MAX_FITTING_POINTS)
    polynomial = Legendre.fit(x[fitting], y[fitting], chosen, domain=domain)
    train = errors_of(trainer, polynomial(x), data.x_train, data.y_train)
    test = None
    if len(data.x_test):
        test = errors_of(trainer, polynomial(data.x_test.double().numpy()[:, 0]), data.x_test, data.y_test)
    return Baseline(chosen, degree == AUTO, polynomial, train, test)


def pick_degree(x: np.ndarray, y: np.ndarray, domain: list[float]) -> int:
    """The degree (0 to MAX_DEGREE) with the least mean squared error on held-out folds of the points."""
    keep = evenly_spread(len(x), MAX_PICKING_POINTS)
    order = np.argsort(x[keep], kind="stable")
    x, y = x[keep][order], y[keep][order]
    folds = min(FOLDS, len(x))
    fold = np.arange(len(x)) % folds  # every fold spans the whole x range
    mapped = (2 * x - domain[0] - domain[1]) / (domain[1] - domain[0])
    vander = legendre.legvander(mapped, MAX_DEGREE)
    held_out = np.zeros(MAX_DEGREE + 1)
    for k in range(folds):
        train, test = fold != k, fold == k
        # By hand, not Legendre.fit per degree: one QR of the widest design serves every degree, since
        # the least-squares fit on its first d + 1 columns only needs the top-left of R.
        q, r = np.linalg.qr(vander[train])
        qty = q.T @ y[train]
        usable = np.abs(np.diag(r)) > 1e-10 * np.abs(r[0, 0])
        for degree in range(MAX_DEGREE + 1):
            if not usable[: degree + 1].all() or degree + 1 > train.sum():
                held_out[degree] = np.inf
                continue
            coef = np.linalg.solve(r[: degree + 1, : degree + 1], qty[: degree + 1])
            held_out[degree] += np.mean((vander[test, : degree + 1] @ coef - y[test]) ** 2)
    return int(np.argmin(held_out))
