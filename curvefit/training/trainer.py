"""The Trainer: a model, its optimizer and its loss history, trained in chunks that change nothing."""

import functools
import math
from typing import NamedTuple

import numpy as np
import torch

from .. import text
from ..inputs import limits
from ..inputs.config import FIELDS, LIVE_KEYS, OPTIMIZER_KEYS, Config
from ..inputs.data import Data, check_data, init_generator, make_data
from ..inputs.optimizers import OPTIMIZERS
from ..inputs.scaling import choose_scale
from ..inputs.schedule import Schedule
from .batches import Batches
from .engine import Engine
from .ensemble import Ensemble, band_seeds
from .flat_optim import FlatOptimizer
from .history import RECENT_STEPS, History
from .net import Net, init_weights
from .objective import HUBER_DELTA, make_loss, optimizer_settings

CHECK_EVERY = 10  # steps between the checkpoints a blow-up can go back to
GOOD_FACTOR = 2.0  # a checkpoint within this factor of the best loss so far is good to go back to


class Trainer:
    """Owns one fit: the model, the optimizer and the history, grown by train(steps)."""

    def __init__(self, cfg: Config, data: Data | None = None):
        """A fit of cfg's own points, or of `data` (uploaded or edited, in the user's units)."""
        self.cfg = cfg
        self.generated = data is None
        self.data = make_data(cfg) if data is None else check_data(data)
        self.scale = choose_scale(self.data.x_train, self.data.y_train)
        self.born_generated = self.generated  # the points of step 0 were the Config's (see stages)
        self._take_points(self.data)
        self.loss_fn = make_loss(cfg)
        self.model = Net(cfg.hidden, cfg.act)
        # Generated data: the weights continue the seed's stream after it, as in the tutorial.
        init_weights(self.model, init_generator(cfg) if self.generated else torch.Generator().manual_seed(cfg.seed))
        # The engine trains; the Net prints, predicts and exports, its parameters views of the engine's.
        self.engine = Engine(cfg.hidden, cfg.act, cfg.loss, huber_delta=HUBER_DELTA)
        self.engine.load([self.model])
        layers = [*self.model.hidden_layers, self.model.predict]
        for layer, weight, bias in zip(layers, self.engine.weights, self.engine.biases, strict=True):
            layer.weight.data, layer.bias.data = weight[0], bias[0, 0]
        self._initial = self.engine.params.clone()
        self.data_memo: dict = {}  # what views computed from the data and settings alone
        self.band = self._new_band(cfg.band)
        self.reset()

    def _take_points(self, data: Data) -> None:
        self.data = data
        # (x, y) as the model sees them, each (n, 1) float32; the scale stays the one chosen at the start
        self.train_points = (self.scale.x_in(data.x_train), self.scale.y_in(data.y_train))
        self.test_points = (self.scale.x_in(data.x_test), self.scale.y_in(data.y_test))
        points = len(data.x_train)
        self._batches = Batches(points, min(self.cfg.batch or points, points), self.cfg.seed)
        # The band gets the batches, not the Trainer's own method: a cycle through it would keep a closed
        # tab's Trainer until Python's cycle collector happened to run.
        self._band_batch = functools.partial(batch_of, self._batches, *self.train_points)

    def _switch_points(self, data: Data) -> None:
        self._take_points(data)
        self.data_memo.clear()
        if self.band:
            self.band.use_batches(self._band_batch)

    def use_data(self, data: Data, generated: bool = False) -> None:
        """Train on other points from this step on, from the weights and optimizer state as they are (points
        moved by hand): the loss jumps, then falls. The points of each stretch of steps are kept (see stages)."""
        data = check_data(data)
        if len(self.stages) > 1 and self.stages[-1][0] == self.step:  # no step was trained on the last ones
            self.stages.pop()  # (the first stay: the initial weights were drawn with them, see export.script)
        self.stages.append((self.step, data))
        self.generated = generated  # (the Config's own points again: their true function and noise floor)
        self._divergence = None  # a blow-up on the old points says nothing of the new ones: try again
        self._switch_points(data)
        self.memo.clear()
        # The loss on the new points may be far above the first one: a blow-up is measured from here now,
        # and goes back no further than here.
        now = self._loss_on(*self.train_points)
        self.history.first = max(self.history.first or now, now)
        self._good, self._best = (
            Snapshot(self.step, self.engine.params.clone(), _cloned(self.optimizer.state), now, ()),
            now,
        )

    def reset(self) -> None:
        """Back to exactly the initial weights, a fresh optimizer and an empty history."""
        self.engine.params.copy_(self._initial)
        if len(getattr(self, "stages", ())) > 1:  # back to the points it was made with, too
            self.generated = self.born_generated
            self._switch_points(self.stages[0][1])
        self.optimizer = FlatOptimizer(self.cfg.opt, optimizer_settings(self.cfg))
        self.history = History()
        self.settings_from = Schedule({0: self.cfg})  # step -> the settings used from there on
        self._divergence: tuple | None = None  # what divergence_message words, when the loss blew up
        self.memo: dict = {}  # what views computed from the current weights; emptied whenever they change
        # The points trained on from each step on, when they changed by hand (use_data); step 0's first.
        self.stages: list[tuple[int, Data]] = [(0, self.data)]
        self._good = Snapshot(0, self._initial, {}, math.inf, ())  # where a blow-up goes back to
        self._best = math.inf  # the lowest recent loss at a checkpoint step so far
        if self.band:
            self.band.reset()

    @property
    def step(self) -> int:
        """Steps trained so far."""
        return self.history.steps

    @property
    def band_behind(self) -> int:
        """Steps the band still has to train to be where the red net is (0 without a band, or a stopped one)."""
        return 0 if self.band is None or self.band.stopped else self.step - self.band.step

    @torch.inference_mode()  # see train
    def catch_up_band(self, steps: int | None = None) -> None:
        """Train the band `steps` more steps (all it lacks if None) toward the red net, with the same settings
        changes at the same steps: a band switched on late ends where one on from the start would be."""
        if self.band_behind:
            self.band.train_to(min(self.step, self.band.step + (steps or self.band_behind)), self.settings_from)

    def update(self, cfg: Config) -> None:
        """Continue with new lr, momentum or weight decay; anything else needs a new Trainer."""
        changed = {key for key in FIELDS if getattr(cfg, key) != getattr(self.cfg, key)}
        if changed - LIVE_KEYS:
            raise ValueError(f"changing {', '.join(sorted(changed - LIVE_KEYS))} needs a new Trainer")
        if cfg.band != self.cfg.band:  # on or off keeps the red net; a band switched on starts behind it
            self.band = self._new_band(cfg.band)
        self.cfg = cfg
        self.optimizer.settings.update(optimizer_settings(cfg))
        self.settings_from[self.step] = cfg
        if changed & OPTIMIZER_KEYS:
            self._divergence = None  # the user changed what the message asked them to: try again

    @property
    def diverged(self) -> str | None:
        """Why training stopped, if the loss blew up: worded when read, in the language spoken then."""
        return None if self._divergence is None else divergence_message(*self._divergence)

    # Without autograd's bookkeeping on every op (the engine derives its own gradients): faster a step
    # (docs/performance.md), and the same kernels, so the same numbers. Every step runs so: the optimizer's state,
    # made in it, may only be changed in it.
    @torch.inference_mode()
    def train(self, steps: int) -> int:
        """Train `steps` steps; returns how far `step` moved (less, even negative, if the loss diverged)."""
        start = self.step
        if self.diverged:
            return 0
        history, optimizer, engine = self.history, self.optimizer, self.engine
        train_losses, recent = history.train, history.recent
        full = self._batches.full and self.train_points
        test_every = self._batches.per_epoch if len(self.data.x_test) else 0
        limit = None if history.first is None else _explosion_limit(history.first)
        band_along = self.band_behind == 0  # a band still catching up does so with catch_up_band
        for _ in range(steps):  # the hot loop: every line here runs per step
            step = history.steps
            value = engine.loss_and_grads(*(full or self._batch(step))).item()
            if limit is None:
                history.first, limit = value, _explosion_limit(value)
            if not value <= limit:  # also true for NaN
                self._stop(value)
                break
            history.steps = step + 1
            recent.append(value)
            train_losses.add(step, value)
            if step % CHECK_EVERY == 0:  # every few steps: keep this state if its loss is near the best
                self._keep_if_good(step)
            if test_every and step % test_every == 0:
                history.test.add(step, self._loss_on(*self.test_points))
            optimizer.step(engine.params, engine.grads)
        if self.band and self.band.step > self.step:  # the red net went back past where the band was
            self.band.reset()
        elif self.band and band_along:
            self.band.train_to(self.step, self.settings_from)
        if self.step != start:
            self.memo.clear()
        return self.step - start

    def predict(self, x) -> np.ndarray:
        """The model's y for an array-like of x, in the user's units, as a float32 array of the same shape."""
        values = np.asarray(x, dtype=np.float32)
        with torch.no_grad():
            y = self.scale.y_out(self.model(self.scale.x_in(torch.from_numpy(values.reshape(-1, 1).copy()))))
        return y.numpy().reshape(values.shape)

    def losses(self) -> tuple[float, float | None]:
        """The current weights' loss on the train and the test points, in the units training sees (see scale)."""
        test = self._loss_on(*self.test_points) if len(self.data.x_test) else None
        return self._loss_on(*self.train_points), test

    def __repr__(self) -> str:
        return f"Trainer(step={self.step}, cfg={self.cfg})"

    def _loss_on(self, x: torch.Tensor, y: torch.Tensor) -> float:
        with torch.no_grad():
            if len(x) <= limits.EVAL_SLICE:  # the usual case, and the tutorial's: the very number it prints
                return self.loss_fn(self.model(x), y).item()
            # Many points: a slice at a time, so the activations stay small; each loss is a mean, so the
            # slices' means weighted by their sizes are the whole mean (but for rounding).
            total = sum(
                self.loss_fn(self.model(x[i : i + limits.EVAL_SLICE]), y[i : i + limits.EVAL_SLICE]).double().item()
                * len(x[i : i + limits.EVAL_SLICE])
                for i in range(0, len(x), limits.EVAL_SLICE)
            )
            return total / len(x)

    def _new_band(self, nets: int) -> Ensemble | None:
        return Ensemble(self.cfg, band_seeds(self.cfg.seed, nets), self._band_batch) if nets else None

    def mark(self) -> "Mark":
        """Where the fit is now, to rewind to (Pause goes back to the frame that was on the screen)."""
        now = Snapshot(
            self.step, self.engine.params.clone(), _cloned(self.optimizer.state), math.nan, tuple(self.history.recent)
        )
        return Mark(now, self._good, self._best)

    @torch.inference_mode()  # the optimizer's state was made in it
    def rewind(self, mark: "Mark") -> None:
        """Back to `mark`, a step not after this one: training on from there is as if it had never gone further."""
        step = mark.at.step
        if step >= self.step:
            return
        self.engine.params.copy_(mark.at.params)
        self.optimizer.state = _cloned(mark.at.state)
        self.history.truncate(step, mark.at.recent)
        in_force = self.settings_from.at(step)
        self.settings_from = self.settings_from.until(step)
        if self.cfg != in_force:  # a setting changed after the mark applies from there on now
            self.settings_from[step] = self.cfg
        self._good, self._best = mark.good, mark.best
        self._points_back_to(step)
        self.memo.clear()
        if self.band and self.band.step > step:
            self.band.reset()  # it catches up again, to the same weights

    def _points_back_to(self, step: int) -> None:
        # A mark from before the points changed: the points of then come back with it.
        if self.stages[-1][0] <= step:
            return
        while len(self.stages) > 1 and self.stages[-1][0] > step:
            self.stages.pop()
        self.generated = self.born_generated if len(self.stages) == 1 else self.generated
        self._switch_points(self.stages[-1][1])

    def _batch(self, step: int) -> tuple[torch.Tensor, torch.Tensor]:
        return batch_of(self._batches, *self.train_points, step)

    def _keep_if_good(self, step: int) -> None:
        # The recent loss: one step's at full batch; with mini-batches, the mean of the last few
        # batches', since one small batch's loss says little. Steps are fixed (every CHECK_EVERY),
        # so where a blow-up goes back to does not depend on how training was chunked.
        kept = tuple(self.history.recent)
        recent = kept[-min(self._batches.per_epoch, RECENT_STEPS) :]
        loss = sum(recent) / len(recent)
        self._best = min(self._best, loss)
        if loss <= GOOD_FACTOR * self._best:  # (the weights before this step's update, the losses before it)
            self._good = Snapshot(step, self.engine.params.clone(), _cloned(self.optimizer.state), loss, kept[:-1])

    def _stop(self, value: float) -> None:
        # Back to the newest checkpoint whose loss was near the best so far: the last step before the
        # blow-up can already be thousands of times worse, and training on from there gets stuck.
        bad_step, good = self.step, self._good
        first = value if self.history.first is None else self.history.first
        self.engine.params.copy_(good.params)
        self.memo.clear()
        self.optimizer.state = _cloned(good.state)
        self.history.truncate(good.step, good.recent)
        in_force = self.settings_from.at(good.step)
        self.settings_from = self.settings_from.until(good.step)
        if self.cfg != in_force:  # settings changed after the checkpoint apply from there on now
            self.settings_from[good.step] = self.cfg
        self._divergence = (self.cfg, bad_step, value, good.step, good.loss, first)


def batch_of(batches: Batches, x: torch.Tensor, y: torch.Tensor, step: int) -> tuple[torch.Tensor, torch.Tensor]:
    """The points (x, y) that step `step` trains on."""
    if batches.full:
        return x, y
    index = batches.indices(step)
    return x[index], y[index]


class Snapshot(NamedTuple):
    """The weights and optimizer state before step `step`, whose recent loss was `loss`."""

    step: int
    params: torch.Tensor
    state: dict
    loss: float
    recent: tuple[float, ...]  # the train losses of the steps just before it


class Mark(NamedTuple):
    """A fit as it was (see Trainer.mark): its weights and optimizer state, and where a blow-up would go back to."""

    at: Snapshot
    good: Snapshot
    best: float


def _explosion_limit(first_loss: float) -> float:
    """The loss past which a run is diverging: EXPLODE_FACTOR times where it started."""
    if not math.isfinite(first_loss):  # a start that is already NaN or inf: every loss is too much
        return -math.inf
    return limits.EXPLODE_FACTOR * max(first_loss, 1e-3)


def _cloned(state: dict) -> dict:
    return {key: value.clone() if torch.is_tensor(value) else value for key, value in state.items()}


def divergence_message(cfg: Config, bad_step: int, value: float, step: int, loss: float, first: float) -> str:
    """What happened, where the weights went back to, and what to change, in words a learner can act on."""
    if math.isnan(value) or math.isinf(value):
        what = text.BECAME_NAN if math.isnan(value) else text.BECAME_INF
    else:
        what = text.EXPLODED.format(value=value)
    back = text.BACK_AT_START if step == 0 else text.BACK_AT.format(step=step, loss=loss)
    if not first <= limits.MAX_START_LOSS:  # the numbers themselves are too big: no learning rate helps
        advice = text.VALUES_TOO_LARGE.format(loss=first)
    else:
        advice = text.LOWER_LR.format(lr=cfg.lr, suggested=cfg.lr / 10)
        if OPTIMIZERS[cfg.opt].momentum and cfg.momentum >= 0.5:
            advice += text.LOWER_MOMENTUM.format(momentum=cfg.momentum)
    return text.DIVERGED_AT.format(bad_step=bad_step, what=what, back=back, advice=advice)
