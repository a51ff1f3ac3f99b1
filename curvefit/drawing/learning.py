"""Why it learns as it does, drawn: the sharpness against the optimizer's edge over the steps, and the residual's
frequencies now and over the steps (a heatmap that fills in as the net trains)."""

import functools
import json
from typing import NamedTuple

import altair as alt
import numpy as np
import pandas as pd

from .. import i18n, text
from ..analysis.sharpness import Sharpness, live_sharpness
from ..analysis.spectrum import residual_spectrum, spectrum
from ..inputs.data import evenly_spread
from ..inputs.optimizers import OPTIMIZERS
from ..training.history import Losses
from ..training.trainer import Trainer
from .charts import AROUND, DASHED, LINE, PURPLE, RED
from .timeline import Timeline
from .views import grid

HEIGHT = 160
FREQUENCIES = 25  # the slowest ones drawn: the heatmap's rows
STEPS = 40  # the heatmap's columns: 1000 cells at most


class Track:
    """The sharpness at the steps it was measured, with the edge in force then, in a fixed amount of memory."""

    def __init__(self):
        self.sharpness, self.edge = Losses(), Losses()

    def record(self, trainer: Trainer) -> Sharpness:
        """Measure it now (a few products from the last vector: see live_sharpness) and keep it."""
        found = live_sharpness(trainer)
        self.forget_after(trainer.step - 1)
        self.sharpness.add(trainer.step, found.value)
        self.edge.add(trainer.step, np.nan if found.edge is None else found.edge)
        return found

    def forget_after(self, step: int) -> None:
        """Forget what was measured after `step` (the fit went back: Reset, Pause, a blow-up)."""
        for series in (self.sharpness, self.edge):
            series.truncate(step + 1)


class LearningFrame(NamedTuple):
    """The two views' specs and captions."""

    sharpness: dict
    sharpness_caption: str
    spectrum: dict  # the residual's frequencies at the step shown
    heatmap: dict  # and over the steps
    spectrum_caption: str


def draw_learning(trainer: Trainer, track: Track, timeline: Timeline, shown_step: int | None = None) -> LearningFrame:
    """The sharpness chart and the frequencies chart; `shown_step`, an earlier step the timeline shows."""
    now = track.record(trainer)
    sharp = _sharpness_frame(track)
    spectra = _spectra(trainer, timeline, shown_step)
    return LearningFrame(
        sharpness=sharpness_spec(sharp),
        sharpness_caption=sharpness_caption(now, trainer),
        spectrum=spectrum_spec(spectra[0]),
        heatmap=heatmap_spec(spectra[1]),
        spectrum_caption=text.SPECTRUM_CAPTION,
    )


def sharpness_caption(found: Sharpness, trainer: Trainer) -> str:
    """The sharpness in plain words, against the edge (or why there is no simple edge)."""
    words = [text.SHARPNESS_NOW.format(value=found.value)]
    if found.edge is None:
        words.append(text.SHARPNESS_NO_EDGE.format(opt=OPTIMIZERS[trainer.cfg.opt].torch_class))
    else:
        words.append(text.SHARPNESS_EDGE.format(edge=found.edge, ratio=found.of_edge))
    if found.points < len(trainer.data.x_train):
        words.append(text.SHARPNESS_SAMPLED.format(points=found.points))
    return i18n.sentences(*words)


def _sharpness_frame(track: Track) -> pd.DataFrame:
    steps = np.asarray(track.sharpness.steps)
    keep = evenly_spread(len(steps), 500)
    values, edges = np.asarray(track.sharpness.values)[keep], np.asarray(track.edge.values)[keep]
    frame = pd.DataFrame(
        {
            "step": np.concatenate([steps[keep], steps[keep]]),
            "value": np.concatenate([values, edges]),
            "series": [text.SERIES_SHARPNESS] * len(keep) + [text.SERIES_EDGE] * len(keep),
        }
    )
    return frame[np.isfinite(frame["value"])]


def _spectra(trainer: Trainer, timeline: Timeline, shown_step: int | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The spectrum at the step shown, and the heatmap's cells (step, its next, frequency, amplitude)."""
    xs = grid(trainer)
    steps = timeline.steps
    picked = [steps[i] for i in evenly_spread(len(steps), STEPS)]
    curves = np.array([timeline.at(at).y for at in picked]).reshape(len(picked), len(xs))
    rows = residual_spectrum(trainer, xs, curves).amplitude[:, :FREQUENCIES]
    frequency = spectrum(trainer).frequency[:FREQUENCIES]
    if shown_step is not None and timeline.at(shown_step) is not None:
        current = residual_spectrum(trainer, xs, timeline.at(shown_step).y).amplitude[:FREQUENCIES]
    else:
        current = spectrum(trainer).amplitude[:FREQUENCIES]
    width = frequency[1] - frequency[0]
    # (columns not named as the page's words: a Chinese page would show an English column name somewhere)
    left, right = frequency - 0.4 * width, frequency + 0.4 * width
    bars = pd.DataFrame({"waves": frequency, "left": left, "right": right, "size": current})
    if not picked:
        return bars, pd.DataFrame({"step": [], "next": [], "waves": [], "top": [], "size": []})
    ends = [*picked[1:], max(trainer.step, picked[-1] + 1)]
    cells = pd.DataFrame(
        {
            "step": np.repeat(picked, len(frequency)),
            "next": np.repeat(ends, len(frequency)),
            "waves": np.tile(frequency - width / 2, len(picked)),
            "top": np.tile(frequency + width / 2, len(picked)),
            "size": np.maximum(rows.ravel(), 1e-4),  # (a log colour scale: no zeros)
        }
    )
    return bars, cells


def sharpness_spec(frame: pd.DataFrame) -> dict:
    """The sharpness over the steps, and the edge dashed."""
    shown = tuple(series for series in (text.SERIES_SHARPNESS, text.SERIES_EDGE) if series in set(frame["series"]))
    return {**json.loads(_sharpness_shape(shown, i18n.language())), "datasets": {"sharpness": frame}}


def spectrum_spec(bars: pd.DataFrame) -> dict:
    """The residual's amplitude at each frequency, as bars."""
    return {**json.loads(_spectrum_shape(i18n.language())), "datasets": {"bars": bars}}


def heatmap_spec(cells: pd.DataFrame) -> dict:
    """The residual's amplitude at each frequency (up) over the steps (across), as colour."""
    return {**json.loads(_heatmap_shape(i18n.language())), "datasets": {"cells": cells}}


@functools.lru_cache(maxsize=32)
def _sharpness_shape(shown: tuple, language: str) -> str:  # language: a key only (the titles')
    palette = {text.SERIES_SHARPNESS: PURPLE, text.SERIES_EDGE: RED}
    color = alt.Color(
        "series:N", scale=alt.Scale(domain=list(shown), range=[palette[s] for s in shown]), title=None,
        legend=alt.Legend(orient="bottom", direction="horizontal"),
    )  # fmt: skip
    tip = [
        alt.Tooltip("series:N", title=None),
        alt.Tooltip("step:Q", title=text.AXIS_STEP, format=","),
        alt.Tooltip("value:Q", title=text.AXIS_SHARPNESS, format=".3g"),
    ]
    # (steps 0 to 10 at least, as the loss chart's: one measurement at step 0 gave an axis of one tick, "0.000000")
    x = alt.X(
        "step:Q", title=text.AXIS_STEP, axis=alt.Axis(tickMinStep=1),
        scale=alt.Scale(domain=alt.DomainUnionWith(unionWith=[0, 10])),
    )  # fmt: skip
    y = alt.Y("value:Q", title=text.AXIS_SHARPNESS, scale=alt.Scale(zero=True))
    data = alt.NamedData(name="sharpness")
    measured = (
        alt.Chart(data).transform_filter(alt.datum.series == text.SERIES_SHARPNESS)
        .mark_line(point=alt.OverlayMarkDef(size=12)).encode(x=x, y=y, color=color, tooltip=tip)
    )  # fmt: skip
    edge = (  # dashed: the level it must stay under
        alt.Chart(data).transform_filter(alt.datum.series == text.SERIES_EDGE)
        .mark_line(strokeDash=DASHED, point=alt.OverlayMarkDef(size=12)).encode(x=x, y=y, color=color, tooltip=tip)
    )  # fmt: skip
    layers = [measured, edge] if text.SERIES_EDGE in shown else [measured]  # (an empty layer: Vega warns)
    chart = alt.layer(*layers).properties(
        height=HEIGHT + AROUND + LINE, title=alt.Title(text.SHARPNESS_TITLE, anchor="start")
    )
    return json.dumps(chart.to_dict(validate=False))


@functools.lru_cache(maxsize=8)
def _spectrum_shape(language: str) -> str:
    tip = _wave_tips()
    chart = (
        alt.Chart(alt.NamedData(name="bars"))
        .mark_bar(color=PURPLE)
        .encode(
            x=alt.X("left:Q", title=text.AXIS_FREQUENCY), x2="right:Q",
            y=alt.Y("size:Q", title=text.AXIS_AMPLITUDE), y2=alt.datum(0), tooltip=tip,
        )
        .properties(height=HEIGHT + AROUND, title=alt.Title(text.SPECTRUM_TITLE, anchor="start"))
    )  # fmt: skip
    return json.dumps(chart.to_dict(validate=False))


@functools.lru_cache(maxsize=8)
def _heatmap_shape(language: str) -> str:
    tip = [alt.Tooltip("step:Q", title=text.AXIS_STEP, format=","), *_wave_tips()]
    amplitude = alt.Color(
        "size:Q", scale=alt.Scale(type="log", scheme="viridis"), title=text.AXIS_AMPLITUDE,
        legend=alt.Legend(orient="bottom", direction="horizontal"),
    )  # fmt: skip
    chart = (
        alt.Chart(alt.NamedData(name="cells"))
        .mark_rect()
        .encode(
            x=alt.X("step:Q", title=text.AXIS_STEP), x2="next:Q",
            y=alt.Y("waves:Q", title=text.AXIS_FREQUENCY), y2="top:Q", color=amplitude, tooltip=tip,
        )
        .properties(height=HEIGHT + AROUND + 3 * LINE, title=alt.Title(text.HEATMAP_TITLE, anchor="start"))
    )  # fmt: skip
    return json.dumps(chart.to_dict(validate=False))


def _wave_tips() -> list[alt.Tooltip]:
    return [
        alt.Tooltip("waves:Q", title=text.AXIS_FREQUENCY, format=".3g"),
        alt.Tooltip("size:Q", title=text.AXIS_AMPLITUDE, format=".3g"),
    ]
