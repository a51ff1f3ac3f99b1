"""The page's two charts, as pure functions from tidy DataFrames to Altair charts."""

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


def fit_chart(view: FitView) -> alt.LayerChart:
    """The data, the stretches beyond it and the band shaded, the true function dashed, the red fit, its loss."""
    x = alt.X("x:Q", title="x", scale=alt.Scale(domain=list(view.x_domain), nice=False))
    y_scale = alt.Scale(domain=list(view.y_domain), nice=False)
    y = alt.Y("y:Q", title="y", scale=y_scale)
    color = _colors(view.points, view.fit, view.truth, view.band)
    # beyond the data: where the net extrapolates
    beyond = alt.Chart(view.beyond).mark_rect(color=GREY, opacity=0.12).encode(x=x, x2="x2:Q")
    # the band of K more nets: mean ± 2σ shaded, its mean dotted (both empty without a band)
    low = alt.Y("lo:Q", title="y", scale=y_scale)
    band = alt.Chart(view.band).mark_area(opacity=0.2, clip=True).encode(x=x, y=low, y2="hi:Q", color=color)
    dotted = {"strokeDash": [2, 3], "strokeWidth": 2, "clip": True}
    band_mean = alt.Chart(view.band).mark_line(**dotted).encode(x=x, y=y, color=color)
    # the true function, dashed
    truth = alt.Chart(view.truth).mark_line(strokeDash=[6, 4], clip=True).encode(x=x, y=y, color=color)
    # the points, train and test in two colours
    points = alt.Chart(view.points).mark_circle(size=28, opacity=0.75, clip=True).encode(x=x, y=y, color=color)
    # the fit: the tutorial's thick red line
    fit = alt.Chart(view.fit).mark_line(strokeWidth=4, clip=True).encode(x=x, y=y, color=color)
    # the loss on the plot, in red, as the tutorial's plt.text
    label = (
        alt.Chart(view.label)
        .mark_text(align="left", baseline="top", fontSize=20, color=RED)
        .encode(x=alt.value(8), y=alt.value(8), text="text:N")
    )
    layers = beyond + band + truth + points + band_mean + fit + label
    return layers.properties(height=HEIGHT, title=text.FIT_TITLE)


def loss_chart(frame: pd.DataFrame) -> alt.Chart:
    """Train and test loss against step, on a log scale."""
    return (
        alt.Chart(frame)
        .mark_line()
        .encode(
            x=alt.X("step:Q", title=text.AXIS_STEP),
            y=alt.Y("loss:Q", title=text.AXIS_LOSS, scale=alt.Scale(type="log")),
            color=_colors(frame),
        )
        .properties(height=LOSS_HEIGHT, title=text.LOSS_TITLE)
    )


def _colors(*frames: pd.DataFrame) -> alt.Color:
    # Fixed colours, and a legend entry only for what is drawn (no test split, no true function).
    shown = [series for series in COLORS if any((frame["series"] == series).any() for frame in frames)]
    scale = alt.Scale(domain=shown, range=[COLORS[s] for s in shown])
    # Solid symbols: the band's translucent area would otherwise pale the whole shared legend.
    return alt.Color("series:N", scale=scale, title=None, legend=alt.Legend(symbolOpacity=1))
