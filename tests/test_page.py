"""The page, run headless through Streamlit's AppTest: controls, settings, the link and the charts."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute  # noqa: F401  (pa.compute)
import pytest
import torch

from curvefit import Config, Trainer, text
from curvefit.budgets import allowed
from curvefit.drawing import views
from curvefit.serving import downloads, export
from curvefit.session.frames import step_once, train_frame
from curvefit.session.page import set_playing
from curvefit.ui.live import status_line
from tests.apptest import APP, charts, first_visit, page, place_of, state


def _fit_curve(at) -> list[float]:
    spec, tables = charts(at)[0]
    fit_layer = spec["layer"][7]
    assert fit_layer["mark"]["strokeWidth"] == 4  # the red fit line
    return tables[fit_layer["data"]["name"]].column("y").to_pylist()


def test_page_runs_paused_at_the_tutorials_start():
    at = page()
    assert at.title[0].value == "curvefit"
    assert state(at).run.trainer.cfg == Config() and state(at).run.trainer.step == 0
    assert at.markdown[0].value.startswith("Step **0** · train loss") and at.markdown[0].value.endswith("paused")
    assert at.button(key="play").label == "Play"


def test_a_new_visitor_first_gets_play_and_the_fit_then_the_rest_of_the_page():
    at = first_visit(lr="0.05", hidden="7", spf="25")
    assert at.button(key="play").label == "Play" and at.markdown[0].value.startswith("Step **0** · train loss")
    assert len(charts(at)) == 1  # the fit; the units and the loss come with the rest
    assert "Steps per frame" in [c.value for c in at.caption] and not at.segmented_control  # the speeds' place
    assert [h.value for h in at.sidebar.header] == ["Data"] and not at.sidebar.number_input  # its place kept
    trainer = state(at).run.trainer
    assert trainer.cfg == Config(lr=0.05, hidden=(7,))
    at.run()  # the run the first run's timer asks for (AppTest runs no timers; the browser test waits for it)
    assert len(charts(at)) == 3 and len(at.sidebar.number_input) >= 5  # (the sharpness and waves: closed)
    assert at.number_input(key="cfg_lr").value == 0.05 and at.text_input(key="cfg_hidden").value == "7"
    assert at.segmented_control(key="spf").value == 25 and at.query_params["spf"] == "25"  # the link's speed
    assert state(at).run.trainer is trainer and not at.error  # the same fit, nothing refused


def test_step_advances_and_changes_the_fit_then_reset_restores_it_exactly():
    at = page()
    initial = _fit_curve(at)
    at.button(key="step").click().run()
    assert state(at).run.trainer.step > 0
    assert at.markdown[0].value.startswith(f"Step **{state(at).run.trainer.step}**")
    assert _fit_curve(at) != initial
    at.button(key="reset").click().run()
    assert state(at).run.trainer.step == 0
    assert _fit_curve(at) == initial


def test_play_trains_each_frame_and_pause_stops():
    at = page()
    at.button(key="play").click().run()
    assert state(at).player.playing and at.button(key="play").label == "Pause"
    first = state(at).run.trainer.step
    assert first > 0 and at.markdown[0].value.endswith("playing")
    at.run()  # the next frame
    assert state(at).run.trainer.step > first
    at.button(key="play").click().run()
    paused_at = state(at).run.trainer.step
    at.run()
    assert not state(at).player.playing and state(at).run.trainer.step == paused_at


def test_changing_lr_keeps_training_and_changing_the_network_starts_over():
    at = page()
    at.button(key="step").click().run()
    trainer, step = state(at).run.trainer, state(at).run.trainer.step
    at.number_input(key="cfg_lr").set_value(0.05).run()
    assert state(at).run.trainer is trainer and trainer.step == step
    assert trainer.optimizer.settings["lr"] == 0.05
    at.text_input(key="cfg_hidden").set_value("20,20").run()
    assert state(at).run.trainer is not trainer and state(at).run.trainer.step == 0
    assert state(at).run.trainer.cfg.hidden == (20, 20) and state(at).run.trainer.cfg.lr == 0.05


def test_a_typo_in_the_form_shows_an_error_and_keeps_the_fit():
    at = page()
    at.button(key="step").click().run()
    trainer, step = state(at).run.trainer, state(at).run.trainer.step
    at.text_input(key="cfg_hidden").set_value("ten").run()
    assert not at.exception
    assert state(at).run.trainer is trainer and trainer.step == step
    assert any(
        e.value == "Hidden layer widths not applied, the current fit is kept: `'ten' is not a number`" for e in at.error
    )


def test_the_link_preloads_every_setting_and_the_page_writes_it_back():
    query = Config(target="sinc", n=200, test=0.25, hidden=(12, 6), act="tanh", opt="adam", lr=0.01, seed=7).to_query()
    at = page(**query, spf="100")
    assert state(at).run.trainer.cfg == Config.from_query(query)
    assert at.selectbox(key="cfg_target").value == "sinc" and at.text_input(key="cfg_hidden").value == "12,6"
    assert at.segmented_control(key="spf").value == 100
    assert {key: at.query_params[key] for key in query} == query and at.query_params["spf"] == "100"
    assert not at.warning


def test_bad_link_values_give_one_warning_naming_them_and_safe_values():
    at = page(hidden="1e9", lr="nan", act="__import__('os')", n="-5", spf="lots")
    assert not at.exception and len(at.warning) == 1
    warning = at.warning[0].value
    for named in (
        "Hidden layer widths: `1000000000",
        "Learning rate: `nan",
        'Activation: `"__import__',
        "Points: `-5",
        "Steps per frame: `'lots'",
    ):
        assert named in warning
    assert "hidden=" not in warning and "?." not in warning and "`." not in warning
    cfg = state(at).run.trainer.cfg
    assert cfg.hidden == (256,) and cfg.lr == 0.2 and cfg.act == "relu" and cfg.n == 5


def test_new_seed_gives_new_data_and_new_start():
    at = page()
    before = state(at).run.trainer
    at.button(key="new_seed").click().run()
    assert state(at).run.trainer is not before and state(at).run.trainer.cfg.seed != 0
    assert at.query_params["seed"] == str(state(at).run.trainer.cfg.seed)


def test_divergence_pauses_with_the_message():
    at = page(lr="10")
    at.button(key="play").click().run()
    assert not state(at).player.playing
    assert at.markdown[0].value.endswith("diverged")
    assert any("Lower the learning rate" in e.value for e in at.error)


def test_charts_carry_their_layers_and_stay_under_1000_rows_at_the_largest_size():
    at = page(n="100000", test="0.5", batch="256", hidden="64,64")
    at.session_state["learning_panel"] = True  # its charts too
    at.button(key="step").click().run()
    (fit_spec, fit_data), (units_spec, units_data), (loss_spec, loss_data), *learning = charts(at)
    marks = [layer["mark"]["type"] for layer in fit_spec["layer"]]
    assert marks == ["rect", "area", "line", "circle", "line", "line", "line", "line", "point", "text", "text"]
    assert fit_spec["layer"][2]["mark"]["strokeDash"]  # the true function, dashed
    lines = loss_spec["layer"][0]
    assert lines["mark"]["type"] == "line" and lines["encoding"]["y"]["scale"]["type"] == "log"
    tables = [*fit_data.values(), *units_data.values(), *loss_data.values()]
    tables += [table for _, data in learning for table in data.values()]  # the sharpness and the frequencies
    assert len(learning) == 3
    sizes = [table.num_rows for table in tables]
    assert max(sizes) <= views.MAX_ROWS and sorted(sizes)[-1] >= 900  # the points layer is full, not empty
    points = next(t for t in fit_data.values() if "series" in t.column_names and t.num_rows > 500)
    assert set(points.column("series").to_pylist()) == {"train", "test"}


def test_network_panel_prints_the_net_and_its_parameters_once_opened():
    at = page()
    assert not at.code  # closed, it is empty: its tables would cost every new visitor's browser ~1 s
    at.session_state["network_panel"] = True  # as a click on it does
    at.run()
    assert at.code[0].value == (  # exactly what the tutorial's print(net) prints
        "Net(\n  (hidden): Linear(in_features=1, out_features=10, bias=True)\n"
        "  (predict): Linear(in_features=10, out_features=1, bias=True)\n)"
    )
    assert any(m.value == "31 parameters" for m in at.markdown)
    panel = next(e for e in at.expander if e.label == text.NETWORK_PANEL)
    tables = [np.asarray(frame.value) for frame in panel.dataframe]
    weights = state(at).run.trainer.model.hidden.weight.detach().numpy()
    assert tables[0].shape == weights.shape == (10, 1) and np.array_equal(tables[0], weights)  # torch's shape


DOWNLOADS = [
    "Data (CSV)", "Predictions (CSV)", "Weights (.pt)", "PyTorch script (.py)", "Training (GIF)", "The fit (PNG)",
]  # fmt: skip


def test_every_download_is_offered_as_a_link_that_makes_this_pages_file():
    at = page()
    links = {button.proto.label: button.proto.url for button in at.get("link_button")}
    assert list(links) == DOWNLOADS
    token = state(at).download_token
    assert all(url.startswith(f"download/{token}/") for url in links.values())
    csv = downloads.made(token, links["Data (CSV)"].rsplit("/", 1)[1])
    assert csv == export.data_csv(state(at).run.trainer)  # the link names this session's own page


def test_step_trains_exactly_the_steps_per_frame_every_time_from_any_state():
    at = page(spf="25")
    for expected in (25, 50, 75):  # the first click too: no warm-up chunk
        at.button(key="step").click().run()
        assert state(at).run.trainer.step == expected
    at.button(key="reset").click().run()
    at.button(key="step").click().run()
    assert state(at).run.trainer.step == 25
    at.button(key="play").click().run()  # a Play in between leaves the pace small again
    at.button(key="play").click().run()
    before = state(at).run.trainer.step
    at.button(key="step").click().run()
    assert state(at).run.trainer.step == before + 25 and not at.info


def test_step_on_a_costly_fit_trains_what_a_chunks_budget_holds_and_says_so():
    at = page(hidden="256,256,256", batch="1", spf="1000")
    most = allowed.most_steps(state(at).run.trainer)
    assert most < 1000
    at.button(key="step").click().run()
    assert state(at).run.trainer.step == most
    assert any(f"at most {most:,} steps" in info.value for info in at.info)


def test_the_page_starts_at_the_tutorials_pace_and_the_speed_goes_into_the_link():
    at = page()
    assert at.segmented_control(key="spf").value == 5 and at.query_params["spf"] == "5"
    assert "5 · tutorial pace" in at.segmented_control(key="spf").options
    at.button(key="play").click().run()  # each frame: the tutorial's 5 steps between two pictures
    for frame in (1, 2, 3):
        assert state(at).run.trainer.step == 5 * frame
        at.run()
    at.button(key="play").click().run()
    at.segmented_control(key="spf").set_value(100).run()
    assert at.query_params["spf"] == "100"
    before = state(at).run.trainer.step
    at.button(key="step").click().run()
    assert state(at).run.trainer.step == before + 100


def test_a_link_speed_between_the_offered_ones_takes_the_nearest():
    at = page(spf="30")
    assert state(at).player.steps_per_frame == 25 and at.segmented_control(key="spf").value == 25
    assert "Steps per frame: `30 is not one of the speeds (1, 5, 25, 100, 1000)`, so 25 is used." in at.warning[0].value


def test_the_band_is_switched_on_from_the_sidebar_and_shown_from_a_link():
    at = page()
    at.checkbox(key="cfg_band_on").check().run()
    assert state(at).run.trainer.band is not None and len(state(at).run.trainer.band.seeds) == 16
    assert at.query_params["band"] == "16"
    at.button(key="step").click().run()
    spec, tables = charts(at)[0]
    band = tables[spec["layer"][1]["data"]["name"]]
    assert 0 < band.num_rows <= views.MAX_ROWS and set(band.column_names) >= {"lo", "hi", "y"}
    again = page(band="8")
    assert at.checkbox(key="cfg_band_on").value and again.slider(key="cfg_band").value == 8


def test_the_band_toggle_keeps_the_step_and_the_weights_and_the_band_catches_up_over_frames():
    at = page(lr="0.1", spf="100")
    for click in range(6):
        at.button(key="step").click().run()
        if click == 2:
            at.sidebar.number_input(key="cfg_lr").set_value(0.05).run()  # a change the band must replay
    trainer = state(at).run.trainer
    params = trainer.engine.params.clone()
    at.checkbox(key="cfg_band_on").check().run()
    assert state(at).run.trainer is trainer and trainer.step == 600 and torch.equal(trainer.engine.params, params)
    assert 0 < trainer.band_behind < 600  # the first frame caught up a chunk's worth, not all of it
    assert "the band is catching up: step" in at.markdown[0].value and _band_rows(at) == 0  # not drawn yet
    frames = 1
    while trainer.band_behind:  # paused, the page's timer keeps catching up, a chunk a frame
        at.run()
        frames += 1
    assert frames > 1 and trainer.step == 600 and torch.equal(trainer.engine.params, params)
    early = Trainer(Config(lr=0.1, band=16))
    early.train(300), early.update(early.cfg.replace(lr=0.05)), early.train(300)
    assert torch.equal(trainer.band.engine.params, early.band.engine.params)
    assert "catching up" not in at.markdown[0].value and _band_rows(at) > 0
    at.checkbox(key="cfg_band_on").uncheck().run()
    assert state(at).run.trainer is trainer and trainer.band is None and torch.equal(trainer.engine.params, params)
    assert _band_rows(at) == 0


def _band_rows(at) -> int:
    spec, tables = charts(at)[0]
    return tables[spec["layer"][1]["data"]["name"]].num_rows


def test_the_page_runs_torch_on_one_thread():
    # In a fresh process, as on a server: the page loads torch itself, after asking for one thread.
    # (Two threads sharing cores with the server and other sessions stalled frames 30-fold here.)
    code = "from tests.apptest import page; page(); import torch; print(torch.get_num_threads())"
    env = {k: v for k, v in os.environ.items() if k != "OMP_NUM_THREADS"}
    command = [sys.executable, "-c", code]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, cwd=Path(APP).parent)
    assert result.stdout.split()[-1] == "1", result.stderr[-2000:]


@pytest.mark.parametrize(
    ("kind", "name", "value"),
    [
        ("number_input", "n", 60),
        ("number_input", "noise", 0.5),
        ("selectbox", "noise_kind", "gaussian"),
        ("number_input", "x_min", -2.0),
        ("number_input", "x_max", 3.0),
        ("radio", "sampling", "random"),
        ("number_input", "test", 0.25),
        ("selectbox", "act", "gelu"),
        ("selectbox", "opt", "rmsprop"),
        ("number_input", "momentum", 0.5),
        ("number_input", "wd", 0.001),
        ("number_input", "batch", 16),
        ("selectbox", "loss", "huber"),
        ("number_input", "seed", 42),
    ],
)
def test_every_sidebar_setting_reaches_the_fit_and_the_link(kind, name, value):
    at = page()
    getattr(at, kind)(key=f"cfg_{name}").set_value(value).run()
    assert not at.exception and not at.error
    assert getattr(state(at).run.trainer.cfg, name) == value
    assert Config.from_query(dict(at.query_params)).replace(band=0) == state(at).run.trainer.cfg.replace(band=0)


def test_an_upside_down_x_range_from_the_form_is_refused_and_the_fit_kept():
    at = page()
    trainer = state(at).run.trainer
    at.number_input(key="cfg_x_min").set_value(2.0).run()
    assert state(at).run.trainer is trainer and any(
        "x from not applied, the current fit is kept: `2 must be below" in e.value for e in at.error
    )


def test_a_click_whose_callback_streamlit_runs_twice_acts_once():
    at = page(spf="25")
    s = state(at)
    drawn_with = s.player.step_clicks
    step_once(s, drawn_with)
    step_once(s, drawn_with)  # the same click's callback again
    assert s.run.trainer.step == 25
    for playing in (True, True, False, False):  # Play twice still plays; Pause twice still pauses
        set_playing(s, playing)
        assert s.player.playing == playing
    at.run()
    at.button(key="step").click().run()  # the next click, on a button drawn with the new count, trains again
    assert s.run.trainer.step == 50


def test_the_speed_shows_only_once_two_frames_measured_it():
    at = page()
    s = state(at)
    set_playing(s, True)
    train_frame(s)  # the first frame: nothing to measure a speed against yet
    assert "steps/s" not in status_line(s, 0.1, None)
    train_frame(s)
    assert "steps/s" in status_line(s, 0.1, None)
    s.player.pause()
    set_playing(s, True)  # a new Play: the old speed is not shown as if it were this one's
    assert "steps/s" not in status_line(s, 0.1, None)
    s.player.pause()


def test_a_huge_link_value_is_echoed_cut_short_and_as_code():
    at = page(act="[x](https://example.org)" * 4000, n="![p](http://127.0.0.1:9/p.png)")  # ~100 KB
    warning = at.warning[0].value
    assert len(warning) < 1000 and warning.count("`") == 4
    assert "Activation: `'[x](https://example.org)[x](https://... is not one of relu" in warning


def test_the_timeline_shows_an_earlier_step_with_its_loss_and_play_goes_on_from_the_latest():
    at = page(spf="25")
    assert not at.select_slider  # nothing to go back to at step 0
    for _ in range(4):
        at.button(key="step").click().run()
    timeline = state(at).run.timeline
    assert at.select_slider(key="timeline").options == [str(step) for step in range(0, 101, 5)]  # fine, as played
    latest = _fit_curve(at)
    at.select_slider(key="timeline").set_value(50).run()
    snapshot = timeline.at(50)
    assert _fit_curve(at) == pytest.approx(snapshot.y.tolist()) and _fit_curve(at) != latest
    _, tables = charts(at)[0]
    assert tables["label"].column("text")[0].as_py() == f"Loss={snapshot.train:.4f} at step 50"
    showing = "Showing step 50 from the timeline; the fit has trained to step 100."
    assert any(caption.value.startswith(showing) for caption in at.caption)
    assert not any("◆ marks where" in caption.value for caption in at.caption)  # none are drawn rewound
    _, loss_tables = charts(at)[2]
    marker = loss_tables["loss"].filter(pa.compute.equal(loss_tables["loss"].column("series"), "step shown"))
    assert marker.column("step").to_pylist() == [50, 50]
    assert state(at).run.trainer.step == 100  # looking back trains nothing and loses nothing
    at.button(key="play").click().run()
    assert (
        state(at).run.shown_step is None and state(at).run.trainer.step > 100 and _fit_curve(at) != snapshot.y.tolist()
    )


def test_the_pages_own_link_after_a_mid_run_change_replays_to_the_same_step_and_fit():
    at = page(spf="25", test="0.2")
    for click in range(4):
        at.button(key="step").click().run()
        if click == 1:
            at.sidebar.number_input(key="cfg_lr").set_value(0.05).run()  # at step 50
    link = dict(at.query_params)
    assert (link["step"], link["changes"], link["lr"]) == ("100", "50:lr=0.05", "0.2")
    fresh = page(**link)  # a fresh browser: the first frame already trains toward the step
    assert "replaying the link: step" in fresh.markdown[0].value and fresh.get("progress")
    frames = 0
    while state(fresh).run.replay is not None:
        fresh.run()
        frames += 1
    assert frames < 20 and state(fresh).run.trainer.step == 100
    assert torch.equal(state(fresh).run.trainer.engine.params, state(at).run.trainer.engine.params)
    assert _fit_curve(fresh) == _fit_curve(at)
    assert fresh.sidebar.number_input(key="cfg_lr").value == 0.05  # the settings as they were at the step
    assert any("Trained to step 100, the moment the link holds" in info.value for info in fresh.info)
    assert dict(fresh.query_params) == link  # and its own link is the same moment


@pytest.mark.parametrize("change", ["points", "reset"])
def test_what_the_page_said_of_a_replayed_step_goes_once_the_fit_is_no_longer_there(change):
    at = page(step="100")
    while state(at).run.replay is not None:
        at.run()
    assert any("the moment the link holds" in info.value for info in at.info)
    if change == "points":
        at.sidebar.number_input(key="cfg_n").set_value(50).run()  # a new fit, at step 0
    else:
        at.button(key="reset").click().run()
    assert state(at).run.trainer.step == 0 and not any("the moment the link holds" in i.value for i in at.info)


def test_a_links_replay_shows_no_timeline_slider_that_lags_behind_it():
    at = page(step="300", spf="5")
    at.run()  # a frame of the replay
    assert state(at).run.replay is not None and state(at).run.timeline.steps  # it has snapshots already
    assert not at.select_slider and any(c.value.startswith("Timeline: pause to look back") for c in at.caption)


def test_a_run_trained_with_step_is_as_fine_on_the_timeline_as_a_played_one():
    at = page(spf="100")
    for _ in range(4):
        at.button(key="step").click().run()
    steps = state(at).run.timeline.steps
    assert steps[-1] == 400 and len(steps) >= 40  # a snapshot every few steps, not one a click
    assert max(b - a for a, b in zip(steps, steps[1:], strict=False)) <= 20


def test_the_link_holds_the_earlier_step_the_timeline_shows():
    at = page(spf="25")
    for _ in range(4):
        at.button(key="step").click().run()
    at.select_slider(key="timeline").set_value(50).run()
    assert at.query_params["step"] == "50"


def test_a_link_step_too_costly_to_replay_opens_at_step_0_and_says_why():
    at = page(step="100000000", hidden="64,64")
    assert state(at).run.trainer.step == 0 and state(at).run.replay is None
    assert "The link's step: `100,000,000 steps would take about" in at.warning[0].value
    assert "step" not in at.query_params


def test_a_pinned_run_stays_faint_on_both_charts_while_the_next_one_trains_from_the_same_start():
    at = page(spf="100", test="0.2")
    at.button(key="step").click().run()
    before = _fit_curve(at)
    at.button(key="pin").click().run()
    assert at.button(key="pin").label == "Unpin"
    at.sidebar.selectbox(key="cfg_opt").set_value("adam").run()  # a new Trainer, the same initial weights
    at.sidebar.number_input(key="cfg_lr").set_value(0.01).run()
    at.button(key="step").click().run()
    spec, tables = charts(at)[0]
    assert spec["layer"][6]["mark"]["strokeWidth"] == 3  # under the thick red line
    assert tables[spec["layer"][6]["data"]["name"]].column("y").to_pylist() == before and _fit_curve(at) != before
    assert "pinned run" in spec["layer"][3]["encoding"]["color"]["scale"]["domain"]
    _, loss_tables = charts(at)[2]
    series = loss_tables["loss"].column("series").to_pylist()
    assert {"pinned run: train", "pinned run: test", "train", "test"} <= set(series)
    rows = sum(s in ("train", "test", "pinned run: train", "pinned run: test") for s in series)
    assert rows <= views.MAX_ROWS
    caption = next(c.value for c in at.caption if c.value.startswith("Faint: the pinned run"))
    assert "at step 100" in caption and "Optimizer `sgd`" in caption and "Learning rate `0.2`" in caption
    at.button(key="pin").click().run()  # Unpin
    spec, tables = charts(at)[0]
    assert tables[spec["layer"][6]["data"]["name"]].num_rows == 0
    assert not any(c.value.startswith("Faint: the pinned run") for c in at.caption)


def test_the_charts_keep_their_place_whatever_is_shown_above_them():
    # The browser keeps a moved element drawn, stale, beside the new one until the run ends: under load a
    # page showed two status lines after Play (the timeline's slider gone), two panels after an upload.
    at = page(spf="25")
    status, loss_caption = place_of(at, "Markdown", "Step "), place_of(at, "Caption", "Noise floor")
    at.button(key="step").click().run()
    at.button(key="step").click().run()
    assert at.select_slider and place_of(at, "Markdown", "Step ") == status  # paused: the timeline's slider
    at.button(key="pin").click().run()  # the pinned run's caption under the fit
    assert place_of(at, "Caption", "Noise floor") == loss_caption and place_of(at, "Caption", "Faint: the pinned run")
    at.button(key="play").click().run()
    assert not at.select_slider and place_of(at, "Markdown", "Step ") == status  # playing: no slider
    warned = page(act="nonsense")
    assert warned.warning and place_of(warned, "Markdown", "Step ") == status  # a bad link's warning above


def test_every_control_in_the_sidebar_says_what_it_does():
    at = page(band="4", target="sin(3*x)")  # the band's slider and the formula box shown too
    widgets = [*at.sidebar.number_input, *at.sidebar.selectbox, *at.sidebar.radio, *at.sidebar.slider,
               *at.sidebar.text_input, *at.sidebar.checkbox]  # fmt: skip
    silent = [w.label for w in widgets if not w.help and w.key != "language"]
    assert len(widgets) >= 18 and silent == [], silent


def test_the_words_the_page_uses_are_explained_on_it():
    at = page()
    words = next(e for e in at.expander if e.label == "Words on this page").markdown[0].value
    for term in ("Noise floor", "Best last layer", "Dead unit", "w_out", "b_in", "± 2σ", "True function"):
        assert term in words, term


def test_pause_goes_back_to_the_frame_that_was_on_the_screen_whichever_is_taken_first():
    from curvefit.session.page import back_to_shown

    for pause_first in (True, False):
        at = page()
        s = state(at)
        set_playing(s, True)
        for _ in range(4):
            train_frame(s)
        on_screen = s.run.marks[1].at.step  # two frames behind the server, as a browser can be
        if pause_first:
            set_playing(s, False)
            back_to_shown(s, on_screen)
        else:  # the screen's step came before the click's Pause was taken
            back_to_shown(s, on_screen)
            assert s.run.trainer.step > on_screen  # still playing: nothing undone yet
            set_playing(s, False)
        assert s.run.trainer.step == on_screen and not s.player.playing
        back_to_shown(s, 10**9)  # a step no kept frame ended at (a browser can send anything): nothing happens
        assert s.run.trainer.step == on_screen


def test_the_step_a_play_click_sends_never_takes_a_later_pause_back_before_that_play():
    from curvefit.session.page import back_to_shown

    at = page()
    s = state(at)
    set_playing(s, True)
    train_frame(s)
    set_playing(s, False)  # paused on the screen's frame: nothing to undo
    paused_at = s.run.trainer.step
    set_playing(s, True)
    back_to_shown(s, paused_at)  # what the element sends with the click on Play
    for _ in range(2):
        train_frame(s)
    set_playing(s, False)  # a Pause whose own step has not come (yet)
    assert s.run.trainer.step > paused_at  # not back before the Play


def test_the_page_links_a_teacher_to_its_load_page():
    at = page()
    linked = [c.value for c in at.caption if "](load)" in c.value]
    assert linked and linked[0].startswith("How busy the server is")  # relative: under the page's own path
