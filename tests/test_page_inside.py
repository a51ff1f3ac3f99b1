"""The page shows inside the fit: each unit's part, the kinks, the references and the errors (AppTest)."""

import numpy as np
import pytest

from curvefit import Config, best_last_layer, floor, inside, sharpness, text
from curvefit.analysis.baseline import AUTO, baseline
from curvefit.analysis.survey import survey
from curvefit.drawing import views
from curvefit.drawing.inside_views import summary
from curvefit.inputs.upload import Points
from curvefit.session.page import use_points
from tests.apptest import charts, page, state

OVERFITTING = {"n": "30", "test": "0.5", "hidden": "64,64", "opt": "adam", "lr": "0.01", "noise": "0.3",
               "noise_kind": "gaussian", "target": "sin"}  # fmt: skip


def _layer(spec: dict, tables: dict, index: int):
    layer = spec["layer"][index]
    return layer, tables[layer["data"]["name"]].to_pandas()


def _captions(at) -> str:
    return " | ".join(caption.value for caption in at.caption)


def test_the_units_chart_draws_each_units_part_and_the_output_bias():
    at = page()
    at.button(key="step").click().run()
    trainer = state(at).run.trainer
    _, (spec, tables), _ = charts(at)[:3]
    lines, curves = _layer(spec, tables, 0)
    assert lines["mark"]["type"] == "line" and curves["unit"].nunique() == 10  # the tutorial's ten units
    assert curves["colour"].nunique() == 10 and not curves["summed"].any()
    parts = inside(trainer, curves["x"].to_numpy())
    for unit in range(10):
        drawn = curves[curves.unit == f"unit {unit + 1}"]
        np.testing.assert_allclose(drawn["y"], parts.contributions[unit, drawn.index], atol=1e-6)
    # a dot per unit where its line is farthest from 0 over the data, in its colour, with its numbers in the tooltip
    dots_layer, dots = _layer(spec, tables, 1)
    assert {"w_out", "w_in", "b_in", "switch", "active"} <= set(dots.columns) and len(dots) == 10
    assert {t["field"] for t in dots_layer["encoding"]["tooltip"]} >= {"unit", "w_out", "w_in", "b_in", "switch"}
    lo, hi = views.x_range(trainer)
    for dot in dots.itertuples():
        line = curves[curves.unit == dot.unit]
        over_data = line[(line.x >= lo) & (line.x <= hi)]
        assert abs(dot.y) == pytest.approx(over_data["y"].abs().max()) and set(line["colour"]) == {dot.colour}
        assert dot.w_in == pytest.approx(parts.w_in[int(dot.unit.split()[1]) - 1])
    _, bias = _layer(spec, tables, 3)  # (after the units' numbers)
    assert bias["y"][0] == pytest.approx(parts.bias)
    assert spec["title"]["text"] == text.UNITS_TITLE


def test_the_fit_marks_the_kinks_and_the_caption_counts_pieces_and_names_dead_units():
    at = page()
    trainer = state(at).run.trainer
    (spec, tables), _, _ = charts(at)[:3]
    kinks_layer, kinks = _layer(spec, tables, 8)
    xs = views.grid(trainer)
    parts = inside(trainer, xs)
    inside_plot = parts.kinks[(parts.kinks > xs[0]) & (parts.kinks < xs[-1])]
    np.testing.assert_allclose(np.sort(kinks["x"]), np.sort(inside_plot), rtol=1e-6)
    np.testing.assert_allclose(kinks["y"], trainer.predict(kinks["x"].to_numpy()), rtol=1e-6)
    said = summary(trainer, parts)
    assert said in _captions(at) and f"{parts.pieces} straight pieces" in said
    assert parts.dead and f"{parts.dead} of 10 units are dead" in said


def test_many_units_are_drawn_by_the_biggest_sixteen_and_the_rest_summed():
    at = page(hidden="64")
    _, (spec, tables), _ = charts(at)[:3]
    _, curves = _layer(spec, tables, 0)
    summed = curves[curves["summed"]]
    assert curves["unit"].nunique() == 17 and summed["unit"].unique().tolist() == ["the other 48 units, summed"]
    assert summed["colour"].unique().tolist() == ["#7f7f7f"] and curves["colour"].nunique() == 17
    assert max(len(t) for t in tables.values()) <= views.MAX_ROWS


def test_the_loss_chart_has_the_three_references_and_each_can_be_hidden():
    at = page(test="0.2")
    at.button(key="step").click().run()
    trainer = state(at).run.trainer
    _, _, (spec, tables) = charts(at)[:3]
    _, lines = _layer(spec, tables, 0)
    levels = lines[lines.dash.str.startswith("level")].drop_duplicates("series")
    expected = {
        "noise floor": floor(trainer),
        "best last layer": best_last_layer(trainer),
        "polynomial": baseline(trainer, AUTO).train.loss,
    }
    assert dict(zip(levels.series, levels.loss, strict=True)) == pytest.approx(expected)
    assert "Noise floor" in _captions(at) and "picked by held-out loss" in _captions(at)
    at.pills(key="references").set_value(["poly"]).run()
    _, _, (spec, tables) = charts(at)[:3]
    lines = _layer(spec, tables, 0)[1]
    assert set(lines[lines.dash.str.startswith("level")].series) == {"polynomial"}
    assert state(at).run.trainer is trainer  # hiding a line changes no fit


def test_the_references_are_told_apart_by_dash_and_by_their_names_at_the_lines():
    at = page()
    at.button(key="step").click().run()
    _, _, (spec, tables) = charts(at)[:3]
    lines = _layer(spec, tables, 0)[1]
    levels = lines[lines.dash.str.startswith("level")]
    assert levels.groupby("series").dash.nunique().eq(1).all() and levels.dash.nunique() == 3  # a dash each
    named = levels[levels.name != ""]
    assert set(named.name) == {"noise floor", "best last layer", "polynomial"} and named.step.nunique() == 3
    empty = charts(page())[2][1]["loss"].to_pandas()  # at step 0: the levels span the axis's first steps
    assert empty[empty.dash.str.startswith("level")].step.max() >= 10


def test_the_errors_table_has_the_nets_and_the_polynomials_numbers():
    at = page(test="0.2")
    trainer = state(at).run.trainer
    table = next(frame.value for frame in at.table if "RMSE" in frame.value.columns)
    assert list(table.index) == ["net, train", "net, test", "polynomial, train", "polynomial, test"]
    assert list(table.columns) == ["loss", "RMSE", "MAE", "R²"]
    assert table.loc["net, test", "RMSE"] == pytest.approx(survey(trainer).test.rmse)
    assert table.loc["polynomial, train", "R²"] == pytest.approx(baseline(trainer, AUTO).train.r2)


def test_the_polynomials_degree_is_a_setting_that_keeps_the_fit_and_goes_into_the_link():
    at = page()
    at.button(key="step").click().run()
    trainer, step = state(at).run.trainer, state(at).run.trainer.step
    at.selectbox(key="cfg_poly").set_value(5).run()
    assert state(at).run.trainer is trainer and trainer.step == step and trainer.cfg.poly == 5
    assert at.query_params["poly"] == "5"
    (spec, tables), _, _ = charts(at)[:3]
    _, label = _layer(spec, tables, 9)
    assert label["text"][1].startswith("polynomial, degree 5:")
    assert page(poly="3").selectbox(key="cfg_poly").value == 3


def test_fitting_the_noise_is_said_on_the_loss_chart():
    at = page(**OVERFITTING)
    assert "fitting the noise" not in str(charts(at)[2][1]["note"].to_pandas())
    state(at).run.trainer.train(1500)
    at.run()
    _, _, (spec, tables) = charts(at)[:3]
    assert tables["note"].to_pandas()["text"].tolist() == [text.FITTING_NOISE]


def test_own_points_have_no_noise_floor_and_the_parts_are_in_their_units():
    at = page()
    x = np.linspace(0, 2000, 200, dtype=np.float32)
    use_points(state(at), Points(x, 3000 + 2 * x, "test.csv", []))
    at.run()
    trainer = state(at).run.trainer
    assert trainer.scale.active and floor(trainer) is None
    _, _, (spec, tables) = charts(at)[:3]
    assert "noise floor" not in set(_layer(spec, tables, 0)[1].series) and "Noise floor" not in _captions(at)
    _, (spec, tables), _ = charts(at)[:3]
    _, curves = _layer(spec, tables, 0)
    assert curves["x"].max() > 1000  # drawn over the user's x, not the standardised one


def test_the_step_0_loss_chart_has_a_point_to_show():
    at = page()
    _, _, (spec, tables) = charts(at)[:3]
    loss = tables["loss"].to_pandas()
    solid = loss[loss.dash == "solid"]
    assert solid.step.tolist() == [0] and solid.series.tolist() == ["train"]
    assert Config() == state(at).run.trainer.cfg


def test_only_the_references_the_fit_has_are_offered_and_a_hidden_one_stays_hidden():
    at = page(loss="l1")  # the least-squares last layer is no yardstick for L1
    assert at.pills(key="references").options == ["noise floor", "polynomial"]
    at.pills(key="references").set_value(["floor"]).run()  # the polynomial hidden
    at.selectbox(key="cfg_loss").set_value("mse").run()
    assert at.pills(key="references").options == ["noise floor", "best last layer", "polynomial"]
    assert at.pills(key="references").value == ["floor", "best_last"]  # still no polynomial
    at.file_uploader(key="upload").set_value(("points.csv", b"x,y\n" + b"".join(
        f"{i / 10},{(i / 10) ** 2 + i % 3 / 10}\n".encode() for i in range(30)), "text/csv")).run()  # fmt: skip
    assert not state(at).run.trainer.generated  # your own points: no true function, no noise floor
    assert at.pills(key="references").options == ["best last layer", "polynomial"]
    assert at.pills(key="references").value == ["best_last"]
    _, _, (spec, tables) = charts(at)[:3]
    lines = _layer(spec, tables, 0)[1]
    assert set(lines[lines.dash.str.startswith("level")].series) == {"best last layer"}
    at.button(key="generated").click().run()
    assert at.pills(key="references").value == ["floor", "best_last"]  # the floor, chosen before, is back


def test_a_reference_the_log_axis_cannot_hold_says_so_instead_of_a_line():
    at = page(noise="0", target="sin")  # noiseless: the true function's own loss is 0, which no log axis holds
    assert floor(state(at).run.trainer) == 0 and state(at).references == {"floor", "best_last", "poly"}  # pills on
    _, _, (spec, tables) = charts(at)[:3]
    drawn = set(_layer(spec, tables, 0)[1].series) - {"train"}
    said = next(c.value for c in at.caption if c.value.startswith("Noise floor")).split(" · ")
    assert drawn == {"best last layer"}  # the polynomial of degree 13 fits sin's points to 1e-15 too
    for name, words in zip(("noise floor", "best last layer", "polynomial"), said, strict=True):
        assert words.lower().startswith(name) and ("(off the chart:" in words) == (name not in drawn), words
    at.pills(key="references").set_value(["best_last"]).run()  # hidden by choice: nothing to explain
    assert "off the chart" not in _captions(at)


def _opened(at):
    at.session_state["learning_panel"] = True  # as a click on it does
    return at.run()


def test_the_sharpness_is_drawn_against_its_edge_and_said_in_plain_words():
    at = page(spf="25")
    assert len(charts(at)) == 3 and not any("they are now" in c.value for c in at.caption)  # closed: not drawn
    for _ in range(3):
        at.button(key="step").click().run()
    spec, tables = charts(_opened(at))[3]
    rows = tables["sharpness"].to_pandas()  # measured while it was closed too
    assert set(rows["series"]) == {"sharpness", "edge of stability"} and set(rows["step"]) >= {25, 50, 75}
    assert (rows[rows["series"] == "edge of stability"]["value"] == 10).all()  # 2/lr at the tutorial's 0.2
    value = sharpness(state(at).run.trainer).value
    measured = rows[(rows["series"] == "sharpness") & (rows["step"] == 75)]["value"].iloc[0]
    assert measured == pytest.approx(value, rel=0.02)  # a few products a frame, from the last frame's vector
    assert any("they are now" in c.value and "of the largest stable step" in c.value for c in at.caption)
    adam = _opened(page(opt="adam", lr="0.01"))
    assert any("Adam scales each weight's step" in c.value for c in adam.caption)
    assert set(charts(adam)[3][1]["sharpness"].to_pandas()["series"]) == {"sharpness"}  # no edge to draw


def test_the_frequencies_fill_in_as_it_trains_and_the_timeline_scrubs_them():
    at = _opened(page(target="waves", spf="100"))
    for _ in range(3):
        at.button(key="step").click().run()
    bars, heat = (tables for _, tables in charts(at)[4:6])
    cells = heat["cells"].to_pandas()
    assert cells["step"].nunique() >= 3 and len(cells) <= 1000
    latest = bars["bars"].to_pandas()["size"].to_numpy()
    at.select_slider(key="timeline").set_value(0).run()  # back to step 0: its spectrum, not the latest
    earlier = charts(at)[4][1]["bars"].to_pandas()["size"].to_numpy()
    assert earlier[1] > 2 * latest[1]  # the slow wave was all still to learn
    assert any("frequency principle" in c.value for c in at.caption)


def test_a_blow_up_says_what_the_sharpness_says():
    at = page(lr="10")
    at.button(key="play").click().run()
    error = next(e.value for e in at.error if "Lower the learning rate" in e.value)
    assert "The sharpness" in error and "passed the edge 0.2" in error and "learning rate of" in error
