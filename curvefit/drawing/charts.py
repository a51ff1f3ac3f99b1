"""The fit and the loss chart, as pure functions from tidy DataFrames to Altair charts, and to their specs.

Building an Altair chart costs ~60 ms (copies and schema checks), paid on every live frame of every
session; so the page sends the spec instead: the chart built once per shape with named data, as
JSON, with the frames plugged in as its datasets: the same spec, and the same dataset names every frame.
A new shape skips Altair's schema check (~100 ms for the fit chart): the tests check every chart's spec.
"""

import functools
import json

import altair as alt
import numpy as np
import pandas as pd

from .. import i18n, text
from .views import FitView

RED = "#d62728"  # the tutorial's 'r-' fit line
BLUE, ORANGE, GREY = "#1f77b4", "#ff7f0e", "#7f7f7f"  # matplotlib's first colours, as the tutorial's scatter
BROWN, GREEN, PURPLE = "#8c564b", "#2ca02c", "#9467bd"
LIGHT_RED, LIGHT_BLUE, LIGHT_ORANGE = "#ff9896", "#aec7e8", "#ffbb78"  # their pale pairs (tab20): a pinned run
SERIES_COLOURS = {
    "SERIES_TRAIN": BLUE,
    "SERIES_TEST": ORANGE,
    "SERIES_FIT": RED,
    "SERIES_TRUTH": GREY,
    "SERIES_BAND": PURPLE,
    "SERIES_POLY": BROWN,
    "SERIES_FLOOR": GREY,
    "SERIES_BEST_LAST": GREEN,
    "SERIES_SHOWN": RED,
    "SERIES_PINNED": LIGHT_RED,
    "SERIES_PINNED_TRAIN": LIGHT_BLUE,
    "SERIES_PINNED_TEST": LIGHT_ORANGE,
}  # fmt: skip  (by message: a series is named in the language the page speaks)


def colours() -> dict[str, str]:
    """Each series' colour by its name in this context's language, in the legends' order."""
    return {getattr(text, message): colour for message, colour in SERIES_COLOURS.items()}


DASHED, DOTTED = [6, 4], [2, 3]
DASHES = {"solid": [1, 0], "level0": DASHED, "level1": DOTTED, "level2": [10, 3, 2, 3], "marker": DASHED}
# Legends sit under the plot, in rows of two: on the right they took 40% of a phone's width, and a
# third column ran off its edge.
LEGEND_COLUMNS = 2
LEGEND = alt.Legend(orient="bottom", direction="horizontal", columns=LEGEND_COLUMNS, symbolOpacity=1, labelLimit=200)
# Streamlit fits the whole chart, title, legend and all, into its height: each chart's height is its
# plot's plus what it adds around it, so the plot keeps its size whatever the legend holds.
HEIGHT, LOSS_HEIGHT = 300, 200  # the plots
AROUND = 125  # px of title, x axis and padding (measured in Chromium)
LINE = 28  # px a row of legend or of text above the plot takes (measured)


FIT_DATA = ("beyond", "band", "truth", "points", "poly", "pinned", "fit", "kinks", "label")  # the FitView fields drawn


def fit_chart(view: FitView) -> alt.LayerChart:
    """The data, the stretches beyond it and the band shaded, the true function dashed, the polynomial dotted,
    the red fit with its kinks, and the losses written above it."""
    frames = {name: _labelled(getattr(view, name)) if name == "label" else getattr(view, name) for name in FIT_DATA}
    return _fit_chart(frames, view.x_domain, view.y_domain, _fit_shown(view), len(view.label))


def fit_spec(view: FitView) -> dict:
    """fit_chart(view)'s Vega-Lite spec, in about a millisecond, with the frames as its datasets."""
    shape = _fit_shape(view.x_domain, view.y_domain, _fit_shown(view), len(view.label), i18n.language())
    datasets = {name: getattr(view, name) for name in FIT_DATA}
    return {**json.loads(shape), "datasets": {**datasets, "label": _labelled(view.label)}}


def loss_chart(
    frame: pd.DataFrame, references: pd.DataFrame | None = None, note: str = "", marker: int | None = None
) -> alt.LayerChart:
    """Train and test loss against step, on a log scale, with the references as level lines, a note above,
    and a dashed upright line at step `marker` (the step the fit chart shows, when it is an earlier one)."""
    frames = _loss_frames(frame, references, note, marker)
    return _loss_chart(frames, _shown(frames["loss"]))


def loss_spec(
    frame: pd.DataFrame, references: pd.DataFrame | None = None, note: str = "", marker: int | None = None
) -> dict:
    """loss_chart(...)'s Vega-Lite spec, with the frames as its datasets."""
    frames = _loss_frames(frame, references, note, marker)
    return {**json.loads(_loss_shape(_shown(frames["loss"]), i18n.language())), "datasets": frames}


@functools.lru_cache(maxsize=256)  # few shapes: the domains move in steps, the series are a handful
def _fit_shape(x_domain: tuple, y_domain: tuple, shown: tuple, label_rows: int, language: str) -> str:
    # `language`: part of the key only, a shape's titles and legends are in the language it was made in
    named = {name: alt.NamedData(name=name) for name in FIT_DATA}
    return json.dumps(_fit_chart(named, x_domain, y_domain, shown, label_rows).to_dict(validate=False))


@functools.lru_cache(maxsize=64)
def _loss_shape(shown: tuple, language: str) -> str:
    named = {name: alt.NamedData(name=name) for name in LOSS_DATA}
    return json.dumps(_loss_chart(named, shown).to_dict(validate=False))


LOSS_DATA = ("loss", "note")


def _fit_chart(frames: dict, x_domain: tuple, y_domain: tuple, shown: tuple, label_rows: int) -> alt.LayerChart:
    x = alt.X("x:Q", title="x", scale=alt.Scale(domain=list(x_domain), nice=False))
    y_scale = alt.Scale(domain=list(y_domain), nice=False)
    y = alt.Y("y:Q", title="y", scale=y_scale)
    color = _colors(shown)
    # Tooltips: the series and its rounded numbers, named; decorations none (Streamlit turns every mark's on).
    tip = [alt.Tooltip("series:N", title=None), alt.Tooltip("x:Q", format=".3g"), alt.Tooltip("y:Q", format=".3g")]
    # beyond the data: where the net extrapolates
    beyond = alt.Chart(frames["beyond"]).mark_rect(color=GREY, opacity=0.12, tooltip=None).encode(x=x, x2="x2:Q")
    # the band of K more nets: mean ± 2σ shaded, its mean dotted (both empty without a band)
    low = alt.Y("lo:Q", title="y", scale=y_scale)
    band = alt.Chart(frames["band"]).mark_area(opacity=0.2, clip=True, tooltip=None)
    band = band.encode(x=x, y=low, y2="hi:Q", color=color)
    dotted = {"strokeDash": DOTTED, "strokeWidth": 2, "clip": True}
    band_mean = alt.Chart(frames["band"]).mark_line(**dotted).encode(x=x, y=y, color=color, tooltip=tip)
    # the true function, dashed
    truth = alt.Chart(frames["truth"]).mark_line(strokeDash=DASHED, clip=True)
    truth = truth.encode(x=x, y=y, color=color, tooltip=tip)
    # the points, train and test in two colours
    points = alt.Chart(frames["points"]).mark_circle(size=28, opacity=0.75, clip=True)
    points = points.encode(x=x, y=y, color=color, tooltip=tip)
    # the polynomial baseline, dotted
    poly = alt.Chart(frames["poly"]).mark_line(**dotted).encode(x=x, y=y, color=color, tooltip=tip)
    # a pinned run's red line, faint, under the current one
    pinned = alt.Chart(frames["pinned"]).mark_line(strokeWidth=3, clip=True)
    pinned = pinned.encode(x=x, y=y, color=color, tooltip=tip)
    # the fit: the tutorial's thick red line
    fit = alt.Chart(frames["fit"]).mark_line(strokeWidth=4, clip=True).encode(x=x, y=y, color=color, tooltip=tip)
    # where each unit bends it (or, smooth, is centred)
    kinks = (
        alt.Chart(frames["kinks"])
        .mark_point(shape="diamond", filled=True, size=60, color="black", clip=True)
        .encode(x=x, y=y, tooltip=[alt.Tooltip("unit:N", title=None), alt.Tooltip("x:Q", format=".3g")])
    )
    layers = alt.layer(
        beyond, band, truth, points, band_mean, poly, pinned, fit, kinks, _written_above(frames["label"]),
        _scales_written(x_domain, y_domain),
    )  # fmt: skip
    height = _height(HEIGHT, shown, label_rows)
    # Drawn as SVG, not on a canvas: the touch layer (ui/touch.py) finds the plot's rectangle in it.
    return layers.properties(
        height=height, title=alt.Title(text.FIT_TITLE, anchor="start"), usermeta={"embedOptions": {"renderer": "svg"}}
    )


def _loss_chart(frames: dict, shown: tuple) -> alt.LayerChart:
    x = alt.X(
        "step:Q",
        title=text.AXIS_STEP,
        axis=alt.Axis(tickMinStep=1),
        scale=alt.Scale(domain=alt.DomainUnionWith(unionWith=[0, 10])),
    )
    y = alt.Y("loss:Q", title=text.AXIS_LOSS, scale=alt.Scale(type="log"))
    color = _colors(shown)
    # train and test loss, and the references (the noise floor, the best last layer, the polynomial) as
    # dashed level lines: in one layer, since a layer of its own with every reference hidden would be empty,
    # and Vega warns of an empty layer's extent
    # Each reference its own dash, and its name at its right end: their values can be a hair apart (the
    # tutorial's floor 0.003435, polynomial 0.003396), so that one line in colour alone would hide the others.
    dash = alt.StrokeDash("dash:N", scale=alt.Scale(domain=list(DASHES), range=list(DASHES.values())), legend=None)
    tooltip = [
        alt.Tooltip("series:N", title=None),
        alt.Tooltip("step:Q", title=text.AXIS_STEP, format=","),
        alt.Tooltip("loss:Q", title=text.TIP_LOSS, format=".4g"),
    ]
    lines = alt.Chart(frames["loss"]).mark_line().encode(x=x, y=y, color=color, strokeDash=dash, tooltip=tooltip)
    # each name above its line, the next one a third further left, so that close ones do not overwrite each other
    names = (
        alt.Chart(frames["loss"])
        .transform_filter("datum.name != ''")
        .mark_text(align="right", baseline="bottom", dy=-2, tooltip=None)
        .encode(x="step:Q", y=alt.Y("loss:Q"), text="name:N", color=color)  # (the lines' scales: one domain each)
    )
    layers = alt.layer(lines, names, _written_above(frames["note"]))
    height = _height(LOSS_HEIGHT, shown, 1)  # a row for the note, there or not, so the plot never jumps
    return layers.properties(height=height, title=alt.Title(text.LOSS_TITLE, anchor="start"))


def _height(plot: int, shown: tuple, rows_above: int) -> int:
    return plot + AROUND + LINE * (rows_above + -(-len(shown) // LEGEND_COLUMNS))


SCALES_MARK = "curvefit-scales"  # what the touch layer looks for in the fit chart's SVG (ui/touch.py)


def _scales_written(x_domain: tuple, y_domain: tuple) -> alt.Chart:
    """The plot's x and y domains, in an invisible text: the touch layer reads them to turn pixels into points
    (the domains change as the fit strays, from frame to frame, inside the SVG the browser already has)."""
    words = " ".join([SCALES_MARK, *(repr(float(value)) for value in (*x_domain, *y_domain))])
    return (
        alt.Chart(alt.Data(values=[{}]))
        .mark_text(text=words, opacity=0, fontSize=1, align="left", baseline="top", tooltip=None)  # (inside the plot:
        # the chart's size counts every mark, this one too)
        .encode(x=alt.value(0), y=alt.value(0))
    )


def _written_above(data) -> alt.Chart:
    """Rows of text (text, color, y in px) at the plot's top right, above it: on it they hid the lines."""
    return (
        alt.Chart(data)
        .mark_text(align="right", baseline="bottom", fontSize=16, fontWeight="bold", tooltip=None)
        .encode(
            x=alt.value(alt.expr("width")),
            y=alt.Y("y:Q", scale=None),
            text="text:N",
            color=alt.Color("color:N", scale=None),
        )
    )


def _labelled(label: pd.DataFrame) -> pd.DataFrame:
    """The label rows with their colours and places above the plot, the first lowest."""
    colour = colours()
    return label.assign(color=[colour[s] for s in label["series"]], y=[-6 - LINE * i for i in range(len(label))])


def _loss_frames(frame: pd.DataFrame, references: pd.DataFrame | None, note: str, marker: int | None) -> dict:
    """The losses, each reference as a level line across them and the marker upright (level: True), the note."""
    columns = {name: frame[name].to_numpy() for name in ("step", "loss", "series")}
    columns["dash"] = np.full(len(frame), "solid", dtype=object)
    columns["name"] = np.full(len(frame), "", dtype=object)
    levels = 0 if references is None else len(references)
    if levels:  # across the losses drawn, and across the x axis's first 10 steps at step 0, where there are none
        end = max(columns["step"].max() if len(frame) else 0, 10)
        # Three points a line: its two ends, and where its name is written (on the line, so it draws nothing).
        steps = [(0, end, end * (1 - i / 3)) for i in range(levels)]
        columns["step"] = np.concatenate([columns["step"], np.ravel(steps)])
        columns["loss"] = np.concatenate([columns["loss"], references["loss"].repeat(3).to_numpy()])
        columns["series"] = np.concatenate([columns["series"], references["series"].repeat(3).to_numpy()])
        columns["dash"] = np.concatenate([columns["dash"], np.repeat([f"level{i}" for i in range(levels)], 3)])
        columns["name"] = np.concatenate([columns["name"], [s for n in references["series"] for s in ("", "", n)]])
    if marker is not None and len(frame):  # from the lowest loss drawn to the highest
        columns["step"] = np.concatenate([columns["step"], [marker, marker]])
        columns["loss"] = np.concatenate([columns["loss"], [frame["loss"].min(), frame["loss"].max()]])
        columns["series"] = np.concatenate([columns["series"], [text.SERIES_SHOWN] * 2])
        columns["dash"] = np.concatenate([columns["dash"], ["marker"] * 2])
        columns["name"] = np.concatenate([columns["name"], ["", ""]])
    notes = pd.DataFrame({"text": [note] if note else [], "series": [text.SERIES_FIT] if note else []})
    return {"loss": pd.DataFrame(columns), "note": _labelled(notes)}


def _fit_shown(view: FitView) -> tuple[str, ...]:
    return _shown(view.points, view.fit, view.truth, view.band, view.poly, view.pinned)


def _shown(*frames: pd.DataFrame) -> tuple[str, ...]:
    # A legend entry only for what is drawn (no test split, no true function), in a fixed order.
    drawn = {series for frame in frames for series in frame["series"].unique()}
    return tuple(series for series in colours() if series in drawn)


def _colors(shown: tuple) -> alt.Color:
    colour = colours()
    scale = alt.Scale(domain=list(shown), range=[colour[s] for s in shown])
    # Solid symbols: the band's translucent area would otherwise pale the whole shared legend.
    return alt.Color("series:N", scale=scale, title=None, legend=LEGEND)
