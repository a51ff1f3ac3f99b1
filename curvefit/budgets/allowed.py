"""The page's door: what a link or a form asks for, made to fit what the server allows one fit to cost, and why.

A notebook's Config and Trainer do what they are asked; the hosted page clamps here, before anything is made.
"""

import math

from .. import text
from ..inputs import limits
from ..inputs.config import FIELDS, Config, Note
from ..inputs.moment import NOW, Moment
from ..training.trainer import Trainer
from . import cost
from .share import BUDGET_S


def parse(query) -> tuple[Config, list[Note]]:
    """A link's or a form's settings as the page may train them (Config.parse, then allowed), and the notes."""
    cfg, notes = Config.parse(query)
    cfg, clamped = allowed(cfg)
    return cfg, notes + clamped


def allowed(cfg: Config, points: int | None = None) -> tuple[Config, list[Note]]:
    """cfg as the server allows it, on its own points or on `points` of the user's, with a note for each change.

    In order: the widths, when even one point a step is too slow for them; the number of points, when
    evaluating the loss on all of them each frame is; the batch; the band. ValueError when the points are
    the user's own and too many for the network.
    """
    notes = []

    def fit(**changes) -> cost.Sizes:  # the fit as clamped so far, without its band unless asked, or with changes
        return cost.sizes(cfg, points, **{"band": 0, **changes})

    def shown(key: str) -> str:
        return FIELDS[key].format(getattr(cfg, key))

    def narrowed(width: int) -> tuple[int, ...]:
        return tuple(min(width, x) for x in cfg.hidden)

    def too_slow_at_one_point(widths=None) -> bool:  # (too many points to evaluate: the next step cuts n)
        return bool({"chunk", "memory"} & set(cost.problems(fit(widths=widths, batch=1))))

    if too_slow_at_one_point():
        old = shown("hidden")
        widest = _largest(lambda w: not too_slow_at_one_point(narrowed(w)), 1, max(cfg.hidden))
        cfg = cfg.replace(hidden=narrowed(widest))
        notes.append(Note("hidden", text.TOO_WIDE.format(widths=old, opt=cfg.opt, widest=widest), shown("hidden")))
    if "eval" in cost.problems(fit(batch=1)):
        n = points or cfg.n
        most = _largest(lambda m: "eval" not in cost.problems(fit(n=m, batch=1)), limits.MIN_POINTS, n)
        if points:
            raise ValueError(text.OWN_TOO_MANY.format(n=n, widths=shown("hidden"), most=most))
        notes.append(Note("n", text.TOO_MANY_POINTS.format(n=n, widths=shown("hidden"), most=most), str(most)))
        cfg = cfg.replace(n=most)
    if cost.problems(fit()):
        old, train = shown("batch"), fit().train
        most = _largest(lambda b: not cost.problems(fit(batch=b)), 1, fit().batch)
        cfg = cfg.replace(batch=most)
        problem = text.BATCH_TOO_SLOW.format(batch=old, train=train, widths=shown("hidden"), most=most)
        notes.append(Note("batch", problem, text.MINI_BATCHES.format(batch=most)))
    if cfg.band and cost.problems(fit(band=cfg.band)):
        most = _largest(lambda k: not cost.problems(fit(band=k)), 0, cfg.band)
        most = most if most >= FIELDS["band"].lo else 0  # fewer nets than a band needs: none
        notes.append(Note("band", text.BAND_TOO_SLOW.format(band=cfg.band, most=most), str(most)))
        cfg = cfg.replace(band=most)
    return cfg, notes


def allowed_moment(moment: Moment, first: Config, points: int | None = None) -> tuple[Moment, list[Note]]:
    """A link's moment (on the Config's points, or on `points` of the link's own), or none if replaying to it
    would take more than an account holds (predicted), and why."""
    if not moment.step:
        return moment, []
    seconds = max(replay_s(cfg, moment.step, points) for cfg in moment.settings(first).values())  # momentum: a bit
    if seconds > BUDGET_S:
        return NOW, [Note("step", text.REPLAY_TOO_LONG.format(step=moment.step, seconds=seconds, most=BUDGET_S), "0")]
    return moment, []


def replay_s(cfg: Config, steps: int, points: int | None = None) -> float:
    """Predicted CPU seconds to train `steps` steps of cfg (on its own points, or on `points`), test losses
    included, and to draw the frames it takes (a chunk's budget of training each, as when alone)."""
    fit = cost.sizes(cfg, points)
    training = cost.steps_s(fit, steps)
    return training + math.ceil(training / cost.CHUNK_BUDGET_S) * cost.draw_s(fit)


def band_catch_up_s(trainer: Trainer, cfg: Config) -> float:
    """Predicted CPU seconds for cfg's band to catch up with the trainer's step."""
    own = own_count(trainer)
    with_band, without = cost.sizes(cfg, own), cost.sizes(cfg, own, band=0)
    return cost.steps_s(with_band, trainer.step) - cost.steps_s(without, trainer.step)


def most_steps(trainer: Trainer) -> int:
    """The most steps one click of Step may train: as many as a chunk's budget holds (predicted)."""
    return cost.most_steps(cost.sizes(trainer.cfg, own_count(trainer)))


def own_count(trainer: Trainer) -> int | None:
    """How many points of the user's own it trains on (None: the Config's own)."""
    return None if trainer.generated else len(trainer.data.x_train) + len(trainer.data.x_test)


def _largest(fits, lo: int, hi: int) -> int:
    """The largest value in [lo, hi] for which fits(value) holds (it holds up to a point, then not); lo if none."""
    while lo < hi:
        middle = (lo + hi + 1) // 2
        lo, hi = (middle, hi) if fits(middle) else (lo, middle - 1)
    return lo
