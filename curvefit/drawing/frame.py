"""Everything one live frame draws, from a Trainer: the chart specs, their captions and the errors table."""

from typing import NamedTuple

import pandas as pd

from .. import i18n, text
from ..analysis.baseline import baseline
from ..analysis.noise_floor import floor
from ..analysis.survey import survey
from ..analysis.unit_parts import inside
from ..training.trainer import Trainer
from . import charts, inside_views, units_chart, views
from .pinned import Pinned
from .timeline import Snapshot


class FitFrame(NamedTuple):
    """What the page redraws every frame: the losses the status line says, the fit chart and its caption."""

    losses: tuple[float, float | None]  # the current weights' train and test loss
    fit: dict  # a Vega-Lite spec, with its datasets
    fit_caption: str


class InsideFrame(NamedTuple):
    """What the page may redraw less often (see live.py): the units and loss charts, a caption, the errors."""

    units: dict
    loss: dict
    loss_caption: str
    errors: pd.DataFrame


class Frame(NamedTuple):
    """One whole frame: the fit's part and the inside's."""

    fit: FitFrame
    inside: InsideFrame


def draw_frame(
    trainer: Trainer, references: set[str], earlier: Snapshot | None = None, pinned: Pinned | None = None
) -> Frame:
    """The frame of trainer's current weights (see draw_fit and draw_inside)."""
    return Frame(draw_fit(trainer, earlier, pinned), draw_inside(trainer, references, earlier, pinned))


def draw_fit(trainer: Trainer, earlier: Snapshot | None = None, pinned: Pinned | None = None) -> FitFrame:
    """The fit chart of trainer's current weights; with `earlier`, a timeline snapshot, the fit as it was at its
    step; with `pinned`, a pinned run's fit, faint.

    One pass over the points (survey) gives the losses and all the references need (cached with the
    weights); the polynomial is fitted once per data and degree.
    """
    found = survey(trainer)
    losses = (found.train.loss, found.test and found.test.loss)
    xs = views.grid(trainer)
    parts, polynomial = inside(trainer, xs), baseline(trainer, trainer.cfg.poly)
    kinks = inside_views.kinks_frame(trainer, parts, (float(xs[0]), float(xs[-1])))
    fit = charts.fit_spec(views.fit_view(trainer, losses[0], kinks, polynomial, earlier, pinned and pinned.fit))
    caption = i18n.sentences(
        *_earlier(trainer, earlier), text.BEYOND_DATA, inside_views.summary(trainer, parts, marked=earlier is None)
    )
    return FitFrame(losses, fit, caption)


def draw_inside(
    trainer: Trainer, references: set[str], earlier: Snapshot | None = None, pinned: Pinned | None = None
) -> InsideFrame:
    """What each unit adds, the losses with the level lines named in `references` (and `earlier`'s step marked,
    `pinned`'s losses faint), what they mean, and the errors table."""
    found = survey(trainer)
    xs = views.grid(trainer)
    parts, polynomial, noise_floor = inside(trainer, xs), baseline(trainer, trainer.cfg.poly), floor(trainer)
    losses = (found.train.loss, found.test and found.test.loss)
    values = inside_views.references(trainer, found, polynomial, noise_floor)
    # With a pinned run, each run gets half the rows a chart layer may send.
    history = views.loss_view(trainer.history, losses, rows=views.MAX_ROWS // (2 if pinned else 1))
    undrawn = inside_views.too_low(values, history["loss"].min()) & references  # chosen, but off the log axis
    levels = inside_views.references_view(values, references - undrawn)
    if pinned:
        history = pd.concat([history, pinned.loss], ignore_index=True)
    noise = inside_views.fitting_noise(trainer, losses[0], noise_floor)
    return InsideFrame(
        units=units_chart.units_spec(inside_views.units_view(trainer, parts), (float(xs[0]), float(xs[-1]))),
        loss=charts.loss_spec(history, levels, text.FITTING_NOISE if noise else "", earlier and earlier.step),
        loss_caption=inside_views.references_caption(trainer, values, polynomial, undrawn),
        errors=inside_views.errors_table(found, polynomial),
    )


def _earlier(trainer: Trainer, earlier: Snapshot | None) -> list[str]:
    return [] if earlier is None else [text.SHOWING_EARLIER.format(step=earlier.step, latest=trainer.step)]
