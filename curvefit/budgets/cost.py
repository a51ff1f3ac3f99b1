"""What one fit costs the server: CPU seconds per chunk and per frame, and bytes held, from its sizes.

Every coefficient was measured on one core (torch 2.13, the project's 2-core development machine), part
by part (steps of nets of many sizes, the band's batched nets, each optimizer, test evaluations), and
rounded up. The page clamps any setting whose predicted cost passes the budgets below (allowed.py), before
anything is allocated; benchmarks/caps.py measures the links the model puts highest against the promises.
"""

from typing import NamedTuple

from ..analysis import sharpness
from ..analysis.survey import least_squares_rows
from ..inputs.activations import piecewise_linear
from ..inputs.config import Config, train_size
from ..inputs.limits import EVAL_SLICE
from ..inputs.optimizers import OPTIMIZERS

CHUNK_STEPS = 200  # the chunk the budgets are stated for
CHUNK_BUDGET_S = 0.4  # predicted CPU seconds for a chunk; measured ones must stay under 0.5
EVAL_BUDGET_S = 0.15  # predicted CPU seconds to evaluate the loss on every point (each frame does; measured: half)
MARKS = 4  # the last playing frames' weights and optimizer state a session keeps (Pause goes back to one)
MEMORY_BUDGET = 48 * 2**20  # predicted bytes one fit holds; measured ones must stay under 64 MB
# Drawing one frame: a fixed part, and a part per point (the survey's passes over every point); from
# draw_frame's CPU time at the sizes that cost most per point (docs/hosting.md).
DRAW_S, DRAW_POINT_S = 0.015, 1.6e-6
HVP_S = 250e-6  # a Hessian-vector product's fixed cost (autograd's double backward), beyond its points'

STEP_S, LAYER_S = 100e-6, 120e-6  # fixed per step and per layer, for the red net and again for the band
POINT_S, WEIGHT_POINT_S = 130e-9, 0.2e-9  # per point trained on, and per point and weight (the matmuls)
UNIT_POINT_S = {"relu": 3.5e-9}  # per point and hidden unit (elementwise passes), relu and leaky relu
SMOOTH_UNIT_POINT_S = 9e-9  # tanh, sigmoid, gelu, silu
# The band's nets run batched (bmm on K small matrices), which costs more per net than the red net's
# own matmuls: per point and weight, and per point and unit (relu-like, smooth).
BAND_POINT_S, BAND_WEIGHT_POINT_S, BAND_UNIT_POINT_S, BAND_SMOOTH_UNIT_POINT_S = 250e-9, 0.35e-9, 8e-9, 12e-9
# Per weight per step, gradients and the optimizer's whole-buffer ops, and its state: each optimizer's own
# (inputs/optimizers.py), measured beyond the caches (a 64-net band of big nets does not fit them): Adam makes
# ~10 passes over every weight, SGD ~3.


class Sizes(NamedTuple):
    """The sizes of one fit that its cost depends on."""

    widths: tuple[int, ...]
    act: str
    opt: str  # with "+momentum" where momentum is on (see optimizer_kind)
    train: int  # points trained on
    test: int  # points held out
    batch: int  # points per step
    band: int  # nets beside the red one


def sizes(cfg: Config, points: int | None = None, *, widths=None, n=None, batch=None, band=None) -> Sizes:
    """What cfg's cost depends on, on its own points or on `points` of the user's; some sizes changed if given."""
    n = n or points or cfg.n
    train, chosen = train_size(n, cfg.test), cfg.batch if batch is None else batch
    kind = optimizer_kind(cfg.opt, cfg.momentum)
    return Sizes(
        widths or cfg.hidden,
        cfg.act,
        kind,
        train,
        n - train,
        min(chosen or train, train),
        cfg.band if band is None else band,
    )


def optimizer_kind(opt: str, momentum: float) -> str:
    """The optimizer as its cost sees it: momentum adds a buffer to SGD and RMSprop."""
    return f"{opt}+momentum" if momentum and OPTIMIZERS[opt].momentum else opt


def _optimizer(kind: str, what: str):
    """An optimizer's cost `what` ("weight_s", "buffers") for its kind, with momentum or without."""
    name, _, momentum = kind.partition("+")
    return getattr(OPTIMIZERS[name], what)[bool(momentum)]


def weights(widths: tuple[int, ...]) -> int:
    """Parameters of one net 1 -> widths -> 1."""
    sizes = (1, *widths, 1)
    return sum((fan_in + 1) * fan_out for fan_in, fan_out in zip(sizes, sizes[1:], strict=False))


def _per_point_s(fit: Sizes, band: bool = False) -> float:
    relu_like = piecewise_linear(fit.act)
    if band:
        unit = BAND_UNIT_POINT_S if relu_like else BAND_SMOOTH_UNIT_POINT_S
        return BAND_POINT_S + BAND_WEIGHT_POINT_S * weights(fit.widths) + unit * sum(fit.widths)
    unit = UNIT_POINT_S["relu"] if relu_like else SMOOTH_UNIT_POINT_S
    return POINT_S + WEIGHT_POINT_S * weights(fit.widths) + unit * sum(fit.widths)


def step_s(fit: Sizes) -> float:
    """Predicted CPU seconds of one training step, the band's nets included."""
    fixed = (1 + (fit.band > 0)) * (STEP_S + LAYER_S * len(fit.widths))
    per_net = weights(fit.widths) * _optimizer(fit.opt, "weight_s")
    red = fit.batch * _per_point_s(fit) + per_net
    return fixed + red + fit.band * (fit.batch * _per_point_s(fit, band=True) + per_net)


def eval_s(fit: Sizes, points: int) -> float:
    """Predicted CPU seconds to evaluate the red net's loss on `points` points.

    A forward pass: per point the full overhead (it dominates small nets), half the matmul and unit work.
    """
    return points * (POINT_S + (_per_point_s(fit) - POINT_S) / 2)


def chunk_s(fit: Sizes) -> float:
    """Predicted CPU seconds of CHUNK_STEPS steps: the steps, and the test loss once an epoch."""
    per_epoch = -(-fit.train // fit.batch)
    tests = (-(-CHUNK_STEPS // per_epoch) + 1) if fit.test else 0  # the most epoch starts a chunk can hold
    return CHUNK_STEPS * step_s(fit) + tests * eval_s(fit, fit.test)


def steps_s(fit: Sizes, steps: int) -> float:
    """Predicted CPU seconds of `steps` steps, at chunk_s's rate."""
    return steps / CHUNK_STEPS * chunk_s(fit)


def draw_s(fit: Sizes) -> float:
    """Predicted CPU seconds to draw one frame of the fit (its charts, its losses and errors on every point, the
    sharpness)."""
    return DRAW_S + DRAW_POINT_S * (fit.train + fit.test) + sharpness_s(fit)


def sharpness_s(fit: Sizes) -> float:
    """Predicted CPU seconds to measure the sharpness once (analysis/sharpness.py): a few Hessian-vector
    products, each about an evaluation of the loss on its points and a fixed overhead (measured, docs/), until
    its time budget is passed."""
    product = HVP_S + eval_s(fit, min(fit.train, sharpness.MAX_POINTS))
    return min(sharpness.LIVE_ITERATIONS * product, sharpness.LIVE_BUDGET_S + product)


def most_steps(fit: Sizes) -> int:
    """The most steps one click of Step may train: as many as a chunk's budget holds (predicted)."""
    return max(1, int(CHUNK_BUDGET_S / step_s(fit)))


def memory_bytes(fit: Sizes) -> int:
    """Predicted bytes the fit holds at its peak: weights, optimizer state, checkpoints, activations, data."""
    per_net = weights(fit.widths)
    state = _optimizer(fit.opt, "buffers")
    # The red net: weights, gradients, the initial and the checkpoint copies, each with the optimizer's
    # state, and two temporaries of the optimizer's step. The band's nets: the same without a checkpoint.
    buffers = per_net * (6 + 2 * state) + fit.band * per_net * (5 + state) + MARKS * per_net * (1 + state)
    # A step keeps each layer's input, output and gradient for each point of each net; so does an
    # evaluation, on at most EVAL_SLICE points of the red net; and the chart's 400 x values, for every net.
    units = sum(fit.widths) + 2
    activations = 3 * units * max((1 + fit.band) * fit.batch, min(EVAL_SLICE, fit.train + fit.test), 400 * fit.band)
    data = 8 * (fit.train + fit.test)  # x and y, as given and as the model sees them
    # A frame's survey: every point's output and the sampled solution's (float64), and the sample's design.
    width = fit.widths[-1] + 1
    survey = 3 * (fit.train + fit.test) + 2 * width * least_squares_rows(width, fit.train)
    return 4 * (buffers + activations + data + survey)


def problems(fit: Sizes) -> list[str]:
    """Which budgets the fit breaks: 'chunk', 'memory', 'eval' (empty when it fits)."""
    found = []
    if chunk_s(fit) > CHUNK_BUDGET_S:
        found.append("chunk")
    if memory_bytes(fit) > MEMORY_BUDGET:
        found.append("memory")
    if eval_s(fit, fit.train + fit.test) > EVAL_BUDGET_S:
        found.append("eval")
    return found
