"""How many straight pieces a ReLU-like net's fit has over an interval, found exactly from its weights."""

import numpy as np

from ..inputs.activations import ACTIVATIONS

# Switch points followed at once; a net with more is not counted. Each layer holds a few (points x width)
# float64 arrays: 2048 x 256 keeps them near 4 MB each. A 4 x 256 net at its start has ~640 pieces.
MAX_POINTS = 2048
SAME_SLOPE = 1e-7  # relative: float32 weights cannot tell slopes closer than this apart


def count_pieces(model, lo: float, hi: float) -> int | None:
    """Linear pieces of model's output over [lo, hi] (model units); None if it switches too often to follow.

    Layer by layer, in float64: between two consecutive switch points found so far every pre-activation
    is a straight line, so where one crosses zero is found exactly; the new points split the intervals.
    Neighbouring intervals whose slopes match are one piece (a unit whose output weight is 0 bends nothing).
    """
    leak = ACTIVATIONS[model.activation].leak
    if not hi > lo:
        return 1
    xs = np.array([lo, hi])
    h = xs[:, None]  # each layer's input at the points
    dh = np.ones((1, 1))  # its slope on each interval
    for layer in model.hidden_layers:
        weight, bias = layer.weight.detach().double().numpy(), layer.bias.detach().double().numpy()
        z, dz = h @ weight.T + bias, dh @ weight.T
        xs, z, dz = _split_at_zeros(xs, z, dz)
        if len(xs) > MAX_POINTS:
            return None
        on = (z[:-1] + z[1:]) > 0  # the sign on each interval, at its middle: z is straight there
        h, dh = np.where(z > 0, z, leak * z), np.where(on, dz, leak * dz)
    slopes = dh @ model.predict.weight.detach().double().numpy()[0]
    changes = np.abs(np.diff(slopes)) > SAME_SLOPE * max(np.abs(slopes).max(), np.finfo(float).tiny)
    return 1 + int(changes.sum())


def _split_at_zeros(xs: np.ndarray, z: np.ndarray, dz: np.ndarray):
    """The points with every zero crossing of z (straight between points) added, z there, dz per interval."""
    left, right = z[:-1], z[1:]
    interval, unit = np.nonzero(((left < 0) & (right > 0)) | ((left > 0) & (right < 0)))
    if not len(interval):
        return xs, z, dz
    t = left[interval, unit] / (left[interval, unit] - right[interval, unit])
    new_x = xs[interval] + t * (xs[interval + 1] - xs[interval])
    new_z = left[interval] + t[:, None] * (right[interval] - left[interval])  # every unit, by straightness
    all_x, first = np.unique(np.concatenate([xs, new_x]), return_index=True)
    all_z = np.concatenate([z, new_z])[first]
    parent = np.searchsorted(xs, all_x[:-1], side="right") - 1  # the old interval each new one lies in
    return all_x, all_z, dz[parent]
