"""The page's two charts, as pure functions from tidy DataFrames to Altair charts, and to their specs.

Building an Altair chart costs ~60 ms (copies and schema checks), paid on every live frame of every
session; so the page sends the spec instead: the chart built once per shape with named data, as
JSON, with the frames plugged in as its datasets: the same spec, and the same dataset names every frame.
"""

import functools
import json

import altair as alt
import pandas as pd

from . import text
from .views import FitView

RED = "#d62728"  # the tutorial's 'r-' fit line
BLUE, ORANGE, GREY = "#1f77b4", "#ff7f0e", "#7f7f7f"  # matplotlib's first colours, as the tutorial's scatter
COLORS = {
    text.SERIES_TRAIN: BLUE, text.SERIES_TEST: ORANGE, text.SERIES_FIT: RED, text.SERIES_TRUTH: GREY,
    text.SERIES_BAND: "#9467bd",
}  # fmt: skip
# Legends stay on the right: at the bottom they eat into the fixed height and squash the plot.
HEIGHT = 360
LOSS_HEIGHT = 260  # title and axes take ~100 px of it


FIT_DATA = ("beyond", "band", "truth", "points", "fit", "label")  # the FitView fields a layer draws


def fit_chart(view: FitView) -> alt.LayerChart:
    """The data, the stretches beyond it and the band shaded, the true function dashed, the red fit, its loss."""
    frames = {name: getattr(view, name) for name in FIT_DATA}
    return _fit_chart(frames, view.x_domain, view.y_domain, _shown(view.points, view.fit, view.truth, view.band))


def fit_spec(view: FitView) -> dict:
    """fit_chart(view)'s Vega-Lite spec, in about a millisecond, with the frames as its datasets."""
    shape = _fit_shape(view.x_domain, view.y_domain, _shown(view.points, view.fit, view.truth, view.band))
    return {**json.loads(shape), "datasets": {name: getattr(view, name) for name in FIT_DATA}}


def loss_chart(frame: pd.DataFrame) -> alt.Chart:
    """Train and test loss against step, on a log scale."""
    return _loss_chart(frame, _shown(frame))


def loss_spec(frame: pd.DataFrame) -> dict:
    """loss_chart(frame)'s Vega-Lite spec, with the frame as its dataset."""
    return {**json.loads(_loss_shape(_shown(frame))), "datasets": {"loss": frame}}


@functools.lru_cache(maxsize=256)  # few shapes: the domains move in steps, the series are a handful
def _fit_shape(x_domain: tuple, y_domain: tuple, shown: tuple) -> str:
    named = {name: alt.NamedData(name=name) for name in FIT_DATA}
    return json.dumps(_fit_chart(named, x_domain, y_domain, shown).to_dict())


@functools.lru_cache(maxsize=8)
def _loss_shape(shown: tuple) -> str:
    return json.dumps(_loss_chart(alt.NamedData(name="loss"), shown).to_dict())


def _fit_chart(frames: dict, x_domain: tuple, y_domain: tuple, shown: tuple) -> alt.LayerChart:
    x = alt.X("x:Q", title="x", scale=alt.Scale(domain=list(x_domain), nice=False))
    y_scale = alt.Scale(domain=list(y_domain), nice=False)
    y = alt.Y("y:Q", title="y", scale=y_scale)
    color = _colors(shown)
    # beyond the data: where the net extrapolates
    beyond = alt.Chart(frames["beyond"]).mark_rect(color=GREY, opacity=0.12).encode(x=x, x2="x2:Q")
    # the band of K more nets: mean ± 2σ shaded, its mean dotted (both empty without a band)
    low = alt.Y("lo:Q", title="y", scale=y_scale)
    band = alt.Chart(frames["band"]).mark_area(opacity=0.2, clip=True).encode(x=x, y=low, y2="hi:Q", color=color)
    dotted = {"strokeDash": [2, 3], "strokeWidth": 2, "clip": True}
    band_mean = alt.Chart(frames["band"]).mark_line(**dotted).encode(x=x, y=y, color=color)
    # the true function, dashed
    truth = alt.Chart(frames["truth"]).mark_line(strokeDash=[6, 4], clip=True).encode(x=x, y=y, color=color)
    # the points, train and test in two colours
    points = alt.Chart(frames["points"]).mark_circle(size=28, opacity=0.75, clip=True).encode(x=x, y=y, color=color)
    # the fit: the tutorial's thick red line
    fit = alt.Chart(frames["fit"]).mark_line(strokeWidth=4, clip=True).encode(x=x, y=y, color=color)
    # the loss on the plot, in red, as the tutorial's plt.text
    label = (
        alt.Chart(frames["label"])
        .mark_text(align="left", baseline="top", fontSize=20, color=RED)
        .encode(x=alt.value(8), y=alt.value(8), text="text:N")
    )
    layers = alt.layer(beyond, band, truth, points, band_mean, fit, label)
    return layers.properties(height=HEIGHT, title=text.FIT_TITLE)


def _loss_chart(data, shown: tuple) -> alt.Chart:
    return (
        alt.Chart(data)
        .mark_line()
        .encode(
            x=alt.X("step:Q", title=text.AXIS_STEP),
            y=alt.Y("loss:Q", title=text.AXIS_LOSS, scale=alt.Scale(type="log")),
            color=_colors(shown),
        )
        .properties(height=LOSS_HEIGHT, title=text.LOSS_TITLE)
    )


def _shown(*frames: pd.DataFrame) -> tuple[str, ...]:
    # A legend entry only for what is drawn (no test split, no true function), in a fixed order.
    drawn = {series for frame in frames for series in frame["series"].unique()}
    return tuple(series for series in COLORS if series in drawn)


def _colors(shown: tuple) -> alt.Color:
    scale = alt.Scale(domain=list(shown), range=[COLORS[s] for s in shown])
    # Solid symbols: the band's translucent area would otherwise pale the whole shared legend.
    return alt.Color("series:N", scale=scale, title=None, legend=alt.Legend(symbolOpacity=1))
