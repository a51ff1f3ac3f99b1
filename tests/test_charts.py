"""The chart builders: pure, bounded in rows, stable in shape, and honest about the data."""

import json
import math

import numpy as np
import pandas as pd
import pytest
import torch

from curvefit import Config, Trainer, inside
from curvefit.analysis.baseline import AUTO, baseline
from curvefit.drawing import charts, inside_views, units_chart, views
from curvefit.inputs.data import split

POINTS, POLY, FIT, KINKS = 3, 5, 7, 8  # layers: beyond, band, truth, points, band mean, poly, pinned, fit, kinks, label


def _datasets(chart) -> dict[str, list]:
    return chart.to_dict()["datasets"]


def _trained(cfg=Config(), steps=50):  # noqa: B008  (Config is frozen)
    trainer = Trainer(cfg)
    trainer.train(steps)
    return trainer


def test_evenly_keeps_the_ends_and_the_limit():
    assert list(views.evenly_spread(5, 10)) == [0, 1, 2, 3, 4]
    picked = views.evenly_spread(100_000, 1000)
    assert len(picked) <= 1000 and picked[0] == 0 and picked[-1] == 99_999
    assert np.all(np.diff(picked) > 0)


def test_fit_chart_layers_in_order_with_the_loss_written_on_it():
    trainer = _trained()
    view = views.fit_view(trainer, trainer.losses()[0])
    spec = charts.fit_chart(view).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == [
        "rect", "area", "line", "circle", "line", "line", "line", "line", "point", "text", "text",
    ]  # fmt: skip
    label = view.label["text"][0]
    assert label == f"Loss={trainer.losses()[0]:.4f}"
    assert spec["layer"][FIT]["mark"]["strokeWidth"] == 4 and charts.RED in str(spec)
    assert spec["layer"][POLY]["mark"]["strokeDash"] and spec["layer"][KINKS]["mark"]["shape"] == "diamond"


def test_the_fit_chart_is_svg_with_its_domains_written_in_it_for_the_touch_layer():
    trainer = _trained()
    view = views.fit_view(trainer, trainer.losses()[0])
    spec = charts.fit_spec(view)
    assert spec["usermeta"] == {"embedOptions": {"renderer": "svg"}}  # (Streamlit 1.67 passes it to vega-embed)
    written = spec["layer"][-1]["mark"]
    assert written["opacity"] == 0
    assert [float(word) for word in written["text"].split()[1:]] == [*view.x_domain, *view.y_domain]
    assert written["text"].startswith(charts.SCALES_MARK + " ")


def test_the_losses_are_written_above_the_plot_not_on_its_lines():
    trainer = _trained()
    view = views.fit_view(trainer, trainer.losses()[0], polynomial=baseline(trainer, AUTO))
    spec = charts.fit_chart(view).to_dict()
    label = spec["layer"][-2]
    assert label["encoding"]["x"] == {"value": {"expr": "width"}} and label["mark"]["align"] == "right"
    rows = _datasets(charts.fit_chart(view))[label["data"]["name"]]
    assert [row["text"] for row in rows] == [f"Loss={trainer.losses()[0]:.4f}", view.label["text"][1]]
    assert all(row["y"] < 0 for row in rows)  # pixels above the plot's top edge
    assert [row["color"] for row in rows] == [charts.RED, charts.BROWN]


def test_every_layer_stays_under_the_row_limit_at_the_largest_sizes():
    trainer = _trained(Config(n=100_000, test=0.5, batch=512), steps=1200)
    fit = charts.fit_chart(views.fit_view(trainer, trainer.losses()[0]))
    loss = charts.loss_chart(views.loss_view(trainer.history))
    sizes = [len(rows) for rows in [*_datasets(fit).values(), *_datasets(loss).values()]]
    assert max(sizes) <= views.MAX_ROWS


def test_points_share_the_row_budget_between_train_and_test():
    trainer = Trainer(Config(n=10_000, test=0.5, batch=1000))
    points = views.fit_view(trainer, 0.1).points
    counts = points["series"].value_counts()
    assert len(points) <= views.MAX_ROWS and counts["train"] == counts["test"] == 500


def test_loss_view_keeps_the_newest_step_and_drops_nothing_small():
    trainer = _trained(Config(test=0.2), steps=3000)
    frame = views.loss_view(trainer.history)
    train = frame[frame.series == "train"]
    assert train.step.iloc[-1] == 2999 and train.loss.iloc[-1] == trainer.history.train[-1]
    assert len(frame) <= views.MAX_ROWS and set(frame.series) == {"train", "test"}


def test_loss_legend_lists_only_the_series_drawn():
    no_test = charts.loss_chart(views.loss_view(_trained().history)).to_dict()
    assert no_test["layer"][0]["encoding"]["color"]["scale"]["domain"] == ["train"]
    with_test = charts.loss_chart(views.loss_view(_trained(Config(test=0.2)).history)).to_dict()
    assert with_test["layer"][0]["encoding"]["color"]["scale"]["domain"] == ["train", "test"]
    levels = pd.DataFrame({"loss": [0.003], "series": ["noise floor"]})
    with_floor = charts.loss_chart(views.loss_view(_trained().history), levels).to_dict()
    assert with_floor["layer"][0]["encoding"]["color"]["scale"]["domain"] == ["train", "noise floor"]


def test_the_loss_chart_at_step_0_has_the_starting_loss_so_its_axes_have_an_extent():
    trainer = Trainer(Config(test=0.2))
    frame = views.loss_view(trainer.history, trainer.losses())
    assert frame.values.tolist() == [[0, trainer.losses()[0], "train"], [0, trainer.losses()[1], "test"]]
    later = _trained(Config(test=0.2), steps=20)
    frame = views.loss_view(later.history, later.losses())
    assert frame[frame.series == "train"].step.tolist() == list(range(21))  # the last point: the weights now


def test_y_axis_holds_the_data_and_follows_a_stray_fit_only_so_far():
    data_y = np.array([0.0, 1.0])
    assert views._y_domain(data_y, np.array([0.2, 0.8])) == pytest.approx((-0.1, 1.1))
    lo, hi = views._y_domain(data_y, np.array([-50.0, 0.5]))
    assert lo == pytest.approx(-1.1) and hi == pytest.approx(1.1)  # one data span below, then clipped
    lo, _ = views._y_domain(data_y, np.array([-0.2, 0.5]))
    assert lo == pytest.approx(-0.35)  # a quarter span further, just enough to show it
    assert views._y_domain(data_y, np.array([-0.21, 0.5])) == views._y_domain(data_y, np.array([-0.3, 0.5]))


def test_shading_marks_exactly_the_stretches_beyond_the_data():
    trainer = Trainer(Config(x_min=-2.0, x_max=3.0))
    view = views.fit_view(trainer, 0.1)
    assert view.x_domain == pytest.approx((-2.75, 3.75))
    assert list(view.beyond.x) == pytest.approx([-2.75, 3.0]) and list(view.beyond.x2) == pytest.approx([-2.0, 3.75])


def test_the_spec_stays_the_same_between_frames_but_for_the_data():
    trainer = Trainer(Config(target="sin"))

    def shape():
        spec = charts.fit_chart(views.fit_view(trainer, trainer.losses()[0])).to_dict()
        spec.pop("datasets")
        for layer in spec["layer"]:
            layer.pop("data")
        return str(spec)

    shapes = []
    for _ in range(60):
        shapes.append(shape())
        trainer.train(10)
    assert 1 <= len(set(shapes)) <= 3  # the y axis may step out once or twice as the fit settles
    assert shapes[-10:] == [shapes[-1]] * 10


def test_own_points_are_drawn_over_their_own_range_with_no_true_function():
    x = torch.linspace(0, 729, 50).reshape(-1, 1)
    trainer = Trainer(Config(), data=split(x, 3000 + 2 * x, 0.2, 0))  # the sidebar still says x in [-1, 1]
    view = views.fit_view(trainer, 0.1)
    lo, hi = view.x_domain
    assert lo < 0 < 729 < hi and view.truth.empty
    assert list(view.beyond.x2)[0] == pytest.approx(0.0) and list(view.beyond.x)[1] == pytest.approx(729.0)
    legend = charts.fit_chart(view).to_dict()["layer"][POINTS]["encoding"]["color"]["scale"]["domain"]
    assert legend == ["train", "test", "fit"]


def test_fit_legend_lists_only_what_is_drawn():
    spec = charts.fit_chart(views.fit_view(Trainer(Config()), 0.1)).to_dict()
    assert spec["layer"][POINTS]["encoding"]["color"]["scale"]["domain"] == ["train", "fit", "true function"]


def test_the_band_is_the_mean_and_two_sigmas_of_its_nets():
    trainer = _trained(Config(band=8, hidden=(16,)), steps=100)
    view = views.fit_view(trainer, 0.1)
    xs = views.grid(trainer)
    nets = trainer.band.predict(torch.from_numpy(xs).reshape(-1, 1)).numpy()[:, :, 0]
    assert np.allclose(view.band.y, nets.mean(0)) and np.allclose(view.band.hi - view.band.lo, 4 * nets.std(0))
    spec = charts.fit_chart(view).to_dict()
    band, band_mean = spec["layer"][1], spec["layer"][4]
    assert band["mark"]["type"] == "area" and band["encoding"]["y2"]["field"] == "hi"
    assert band_mean["mark"]["type"] == "line" and band_mean["mark"]["strokeDash"]
    assert "band: mean ± 2σ of K nets" in spec["layer"][POINTS]["encoding"]["color"]["scale"]["domain"]


def test_without_a_band_its_layers_are_there_but_empty():
    view = views.fit_view(Trainer(Config()), 0.1)
    assert view.band.empty


def _resolved(spec: dict) -> dict:
    # Each layer's data in place of its dataset's name, as rows, so two specs compare by what they draw.
    spec = dict(spec)
    datasets = spec.pop("datasets")
    if "layer" in spec:
        spec["layer"] = [_with_rows(layer, datasets) for layer in spec["layer"]]
        return spec
    return _with_rows(spec, datasets)


def _with_rows(layer: dict, datasets: dict) -> dict:
    layer = dict(layer)
    data = layer.pop("data")
    rows = data["values"] if "values" in data else datasets[data["name"]]
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows, columns=rows and list(rows[0]))
    layer["rows"] = frame.astype(object).where(frame.notna().to_numpy(), None).values.tolist()
    return layer


@pytest.mark.parametrize(
    "cfg", [Config(), Config(test=0.2, band=4), Config(target="1/x"), Config(hidden=(40, 40), act="tanh", lr=0.05)]
)
def test_the_pages_specs_draw_what_the_altair_charts_draw(cfg):
    # The page's cached specs skip Altair's schema check; the charts here pass it (to_dict validates).
    trainer = _trained(cfg)
    xs = views.grid(trainer)
    parts, polynomial = inside(trainer, xs), baseline(trainer, AUTO)
    kinks = inside_views.kinks_frame(trainer, parts, (xs[0], xs[-1]))
    view = views.fit_view(trainer, trainer.losses()[0], kinks, polynomial)
    assert _resolved(charts.fit_spec(view)) == _resolved(charts.fit_chart(view).to_dict())
    frame = views.loss_view(trainer.history, trainer.losses())
    levels = pd.DataFrame({"loss": [0.003, 0.002], "series": ["noise floor", "polynomial"]})
    assert _resolved(charts.loss_spec(frame, levels, "a note")) == _resolved(
        charts.loss_chart(frame, levels, "a note").to_dict()
    )
    units = inside_views.units_view(trainer, parts)
    domain = (float(xs[0]), float(xs[-1]))
    drawn = units_chart.units_chart(units, domain).to_dict()
    assert _resolved(units_chart.units_spec(units, domain)) == _resolved(drawn)


def test_a_spec_from_the_cache_is_not_changed_by_its_user():
    view = views.fit_view(_trained(), 0.5)
    spec = charts.fit_spec(view)
    spec["layer"][0]["mark"]["color"] = "black"  # Streamlit edits specs in place (legend titles)
    assert charts.fit_spec(view)["layer"][0]["mark"]["color"] == charts.GREY


def test_points_near_float32s_limit_give_a_finite_chart():
    x = torch.tensor([[-3e38], [-1e38], [0.0], [1e38], [3e38]])
    trainer = Trainer(Config(), data=split(x, torch.tensor([[1.0], [2.0], [3.0], [2.0], [1.0]]), 0.0, 0))
    view = views.fit_view(trainer, trainer.losses()[0])
    assert all(math.isfinite(v) for v in (*view.x_domain, *view.y_domain))
    json.dumps(charts.fit_spec(view)["layer"], allow_nan=False)  # the browser's JSON has no inf


def test_every_mark_either_has_no_tooltip_or_names_its_rounded_numbers():
    # Streamlit turns every mark's tooltip on: a decoration must say none, a mark with numbers round them.
    from curvefit.drawing.frame import draw_fit, draw_inside
    from curvefit.drawing.inside_views import REFERENCES

    trainer = Trainer(Config(band=3, test=0.2))
    trainer.train(30)
    inside = draw_inside(trainer, set(REFERENCES))
    for spec in (draw_fit(trainer).fit, inside.units, inside.loss):
        for layer in spec["layer"]:
            tip = layer.get("encoding", {}).get("tooltip")
            if "tooltip" in layer["mark"]:
                assert layer["mark"]["tooltip"] is None and tip is None
                continue
            assert tip is not None, layer["mark"]
            tips = tip if isinstance(tip, list) else [tip]
            assert all("format" in t for t in tips if t.get("type") == "quantitative"), tips
    loss_tip = next(layer["encoding"]["tooltip"] for layer in inside.loss["layer"] if "tooltip" in layer["encoding"])
    assert [t["field"] for t in loss_tip] == ["series", "step", "loss"]  # the loss curve says its step


def test_each_unit_is_told_by_its_number_and_the_bias_and_subtitle_keep_off_the_lines():
    from curvefit.drawing.frame import draw_inside
    from curvefit.drawing.inside_views import REFERENCES

    trainer = Trainer(Config())
    trainer.train(20)
    units = draw_inside(trainer, set(REFERENCES)).units
    numbers = next(layer for layer in units["layer"] if layer["encoding"].get("text", {}).get("field") == "number")
    assert numbers["mark"]["type"] == "text" and list(units["datasets"]["dots"]["number"]) == [
        str(i) for i in range(1, 11)
    ]
    bias_label = next(layer for layer in units["layer"] if layer["encoding"].get("text", {}).get("field") == "text")
    assert bias_label["encoding"]["y"] == {"value": -6}  # above the plot, not across the lines at the bias
    subtitle = units["title"]["subtitle"]
    assert isinstance(subtitle, list) and all(len(line) <= 60 for line in subtitle)  # short lines: a phone's width
