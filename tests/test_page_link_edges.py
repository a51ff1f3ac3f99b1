"""Links at and just past the edge of every setting, and settings the cost model cuts: the page opens, always."""

import math

import pytest

from curvefit import PRESETS
from curvefit.inputs.config import FIELDS
from curvefit.inputs.fields import Choice, Float, Widths
from curvefit.session.link import SPEEDS, STEPS_PER_FRAME
from tests.apptest import page, state


def _edges(name, kind) -> list[str]:
    """The values of a setting at and just past each edge of its range, as a link writes them."""
    if isinstance(kind, Choice):
        return [*kind.options, "none-of-these"]
    if isinstance(kind, Widths):
        most, deepest = kind.width.hi, kind.max_layers
        return ["1", str(most), ",".join([str(most)] * deepest), "0", str(most + 1), ",".join("1" * (deepest + 1)), ""]
    if name == "target":
        return [next(iter(PRESETS)), "sin(3*x)", "1/(x-x)", "import os", ""]
    if isinstance(kind, Float):
        past = [math.nextafter(kind.lo, -math.inf), math.nextafter(kind.hi, math.inf)]
        return [repr(v) for v in (kind.lo, kind.hi, *past)]
    return [str(v) for v in (kind.lo, kind.hi, kind.lo - 1, kind.hi + 1)] + (["1"] if name == "band" else [])


EDGES = [(name, value) for name, kind in FIELDS.items() for value in _edges(name, kind)]
SPF = STEPS_PER_FRAME
PAGE_EDGES = [
    *[("spf", str(v)) for v in (SPF.lo, SPF.hi, SPF.lo - 1, SPF.hi + 1)],
    *[("spf", str(v)) for v in SPEEDS],
    ("step", "0"), ("step", "1"), ("step", "-1"), ("step", str(10**9)), ("step", str(10**9 + 1)),
    ("lang", "zh"), ("lang", "xx"), ("points", "own"),
]  # fmt: skip
# Settings each within its range whose sum the cost model cuts: the widths, the points, the batch, the band.
CLAMPED = [
    {"hidden": "256,256,256,256", "n": "100000", "opt": "adam", "band": "64"},
    {"n": "100000", "hidden": "256", "batch": "full"},
    {"hidden": "128,128", "band": "8", "batch": "64", "opt": "adam"},
    {"n": "100000", "band": "64"},
    {"hidden": "256,256,256,256", "band": "2", "batch": "1", "step": "1000"},
    {"x_min": "1000", "x_max": "-1000"},
    {"band": "1", "n": "100000"},
]


@pytest.mark.parametrize(("name", "value"), EDGES + PAGE_EDGES)
def test_a_link_at_or_past_the_edge_of_a_setting_opens_the_page(name, value):
    at = page(**{name: value})  # both runs of a new visitor, each without an exception
    assert state(at).run.trainer is not None and at.button(key="play").label


@pytest.mark.parametrize("query", CLAMPED, ids=lambda q: "&".join(f"{k}={v}" for k, v in q.items()))
def test_a_link_whose_settings_the_cost_model_cuts_opens_the_page_and_says_so(query):
    at = page(**query)
    assert at.warning, "a cut setting is named in the link's warning"
    if "band" in query:  # the band's widget shows what the page uses, on or off
        band = state(at).run.trainer.cfg.band
        assert at.checkbox(key="cfg_band_on").value == (band > 0)
        assert band == 0 or at.slider(key="cfg_band").value == band


def test_every_widget_of_a_setting_has_the_settings_range():
    at = page(band="2")
    widgets = [*at.number_input, *at.slider]
    ranged = {w.key.removeprefix("cfg_"): w for w in widgets if w.key and w.key.startswith("cfg_")}
    assert ranged.keys() >= {"n", "noise", "x_min", "x_max", "test", "seed", "lr", "momentum", "wd", "batch", "band"}
    for name, widget in ranged.items():
        assert (widget.min, widget.max) == (FIELDS[name].lo, FIELDS[name].hi), name


# What the page did with these links before the cost model moved out of Config to the page's door
# (budgets/allowed.py): the same settings, and the same words, must come out of it.
BEFORE = [
    ({"hidden": "256,256,256,256", "batch": "1", "band": "64", "opt": "adam", "lr": "0.0001"},
     {"hidden": "188,188,188,188", "batch": "1", "band": "0"},
     ["256,256,256,256 with adam is too slow a step; the widest is 188", "64 nets are too slow a step at this size"]),
    ({"n": "100000", "hidden": "64,64"}, {"batch": "1130"},
     ["full on 100000 points is too slow a step for hidden layers 64,64; the most is 1130"]),
    ({"hidden": "100000,100000,100000,100000,100000", "n": "1e9", "batch": "full"},
     {"hidden": "256,256,256,256", "n": "6900", "batch": "9"},
     ["100000 is too many points to evaluate every frame for hidden layers 256,256,256,256; the most is 6900",
      "full on 6900 points is too slow a step for hidden layers 256,256,256,256; the most is 9"]),
    ({"band": "64", "hidden": "256,256", "n": "1000"}, {"batch": "87", "band": "0"},
     ["full on 1000 points is too slow a step for hidden layers 256,256; the most is 87"]),
]  # fmt: skip


@pytest.mark.parametrize(("query", "used", "said"), BEFORE, ids=lambda q: str(q)[:40])
def test_the_page_clamps_a_costly_link_to_the_same_settings_with_the_same_words_as_before(query, used, said):
    at = page(**query)
    assert {key: state(at).run.trainer.cfg.to_query()[key] for key in used} == used
    warning = at.warning[0].value
    assert all(words in warning for words in said), warning
