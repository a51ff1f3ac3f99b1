"""Everything one live frame draws, from a Trainer: the chart specs, their captions and the errors table."""

from typing import NamedTuple

import pandas as pd

from .. import text
from ..analysis.baseline import baseline
from ..analysis.noise_floor import floor
from ..analysis.parts import inside
from ..analysis.survey import survey
from ..training.trainer import Trainer
from . import charts, inside_views, units_chart, views
from .pinned import Pinned
from .timeline import Snapshot


class Frame(NamedTuple):
    """One frame, ready for the page: Vega-Lite specs (with their datasets), captions, a table."""

    losses: tuple[float, float | None]  # the current weights' train and test loss, as the status line says them
    fit: dict
    fit_caption: str
    units: dict
    loss: dict
    loss_caption: str
    errors: pd.DataFrame


def draw_frame(
    trainer: Trainer, references: set[str], earlier: Snapshot | None = None, pinned: Pinned | None = None
) -> Frame:
    """The frame of trainer's current weights, with the level lines named in `references` on the loss chart;
    with `earlier`, a timeline snapshot, the fit as it was at its step, marked on the loss chart; with
    `pinned`, a pinned run's fit and losses, faint.

    One pass over the points (survey) gives the losses and all the references need; the polynomial is
    fitted once per data and degree.
    """
    found = survey(trainer)
    losses = (found.train.loss, found.test and found.test.loss)
    xs = views.grid(trainer)
    domain = (float(xs[0]), float(xs[-1]))
    parts, polynomial, noise_floor = inside(trainer, xs), baseline(trainer, trainer.cfg.poly), floor(trainer)
    kinks = inside_views.kinks_frame(trainer, parts, domain)
    fit = charts.fit_spec(views.fit_view(trainer, losses[0], kinks, polynomial, earlier, pinned and pinned.fit))
    values = inside_views.references(trainer, found, polynomial, noise_floor)
    # With a pinned run, each run gets half the rows a chart layer may send.
    history = views.loss_view(trainer.history, losses, rows=views.MAX_ROWS // (2 if pinned else 1))
    levels = inside_views.references_view(values, history["loss"].min(), references)
    if pinned:
        history = pd.concat([history, pinned.loss], ignore_index=True)
    noise = inside_views.fitting_noise(trainer, losses[0], noise_floor)
    return Frame(
        losses=losses,
        fit=fit,
        fit_caption=" ".join([*_earlier(trainer, earlier), text.BEYOND_DATA, inside_views.summary(trainer, parts)]),
        units=units_chart.units_spec(inside_views.units_view(trainer, parts), domain),
        loss=charts.loss_spec(history, levels, text.FITTING_NOISE if noise else "", earlier and earlier.step),
        loss_caption=inside_views.references_caption(trainer, values, polynomial),
        errors=inside_views.errors_table(found, polynomial),
    )


def _earlier(trainer: Trainer, earlier: Snapshot | None) -> list[str]:
    return [] if earlier is None else [text.SHOWING_EARLIER.format(step=earlier.step, latest=trainer.step)]
