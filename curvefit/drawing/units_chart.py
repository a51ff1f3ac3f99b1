"""What each unit adds, drawn under the fit on its x axis: a pure function from a UnitsView to an Altair chart."""

import functools
import json

import altair as alt

from .. import i18n, text
from .charts import AROUND, DASHED, GREY, LINE
from .inside_views import UnitsView

UNITS_DATA = ("curves", "dots", "bias")
UNITS_HEIGHT = 160


def units_chart(view: UnitsView, x_domain: tuple) -> alt.LayerChart:
    """Each unit's contribution as a thin line on the fit's x axis, and the output bias as a dashed level."""
    return _units_chart({name: getattr(view, name) for name in UNITS_DATA}, x_domain, "w_in" in view.dots)


def units_spec(view: UnitsView, x_domain: tuple) -> dict:
    """units_chart(...)'s Vega-Lite spec, with the frames as its datasets."""
    shape = _units_shape(x_domain, "w_in" in view.dots, i18n.language())
    return {**json.loads(shape), "datasets": {name: getattr(view, name) for name in UNITS_DATA}}


@functools.lru_cache(maxsize=256)
def _units_shape(x_domain: tuple, one_layer: bool, language: str) -> str:  # language: its titles' (a key only)
    named = {name: alt.NamedData(name=name) for name in UNITS_DATA}
    return json.dumps(_units_chart(named, x_domain, one_layer).to_dict(validate=False))


def _units_chart(frames: dict, x_domain: tuple, one_layer: bool) -> alt.LayerChart:
    x = alt.X("x:Q", title="x", scale=alt.Scale(domain=list(x_domain), nice=False))
    y = alt.Y("y:Q", title=text.AXIS_ADDS)
    colour = alt.Color("colour:N", scale=None)
    # one thin line per unit, each its own colour, no legend (the tooltip names it); the rest summed, dashed
    dash = alt.StrokeDash("summed:N", scale=alt.Scale(domain=[False, True], range=[[1, 0], DASHED]), legend=None)
    lines = (
        alt.Chart(frames["curves"])
        .mark_line(strokeWidth=1.5, clip=True)
        .encode(x=x, y=y, detail="unit:N", order="x:Q", color=colour, strokeDash=dash, tooltip="unit:N")
    )
    # a dot on each unit's line where it is farthest from 0, with its numbers
    tooltip = [alt.Tooltip("unit:N", title=None), alt.Tooltip("w_out:Q", format=".4g")]
    if one_layer:  # the unit adds w_out * act(w_in * x + b_in), and switches at -b_in / w_in
        tooltip += [alt.Tooltip(f"{name}:Q", format=".4g") for name in ("w_in", "b_in")]
        tooltip.append(alt.Tooltip("switch:Q", format=".3g", title=text.SWITCHES_AT))
    tooltip.append(alt.Tooltip("active:Q", format=".0%", title=text.ON_FOR))
    dots = alt.Chart(frames["dots"]).mark_circle(size=40, opacity=1, clip=True)
    dots = dots.encode(x=x, y=y, color=colour, tooltip=tooltip)
    # each unit's number beside its dot, so a unit is told without hovering
    numbers = alt.Chart(frames["dots"]).mark_text(align="left", dx=6, fontSize=10, tooltip=None, clip=True)
    numbers = numbers.encode(x=x, y=y, color=colour, text="number:N")
    # the output bias, the one part that is no unit's: dashed, its value written above the plot, off the lines
    bias = alt.Chart(frames["bias"]).mark_rule(strokeDash=DASHED, color=GREY).encode(y="y:Q", tooltip="text:N")
    bias_label = (
        alt.Chart(frames["bias"])
        .mark_text(align="right", baseline="bottom", color=GREY, tooltip=None)
        .encode(x=alt.value(alt.expr("width")), y=alt.value(-6), text="text:N")
    )
    layers = alt.layer(lines, dots, numbers, bias, bias_label)
    # the subtitle in short lines: a title is never wrapped, and one long line was cut on a phone
    title = alt.Title(text.UNITS_TITLE, subtitle=text.UNITS_SUBTITLE.split("\n"), anchor="start")
    return layers.properties(height=UNITS_HEIGHT + AROUND + 3 * LINE, title=title)
