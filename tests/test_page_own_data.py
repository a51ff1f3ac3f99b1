"""The page with formulas, uploads and edited points; bad input changes nothing (AppTest)."""

import numpy as np
import pytest

from curvefit import i18n, text
from curvefit.inputs.upload import MAX_BYTES, UploadError
from curvefit.inputs.upload import read_table as real_read
from tests.apptest import page, state

GOOD_CSV = ("x;y\n" + "".join(f"{i / 10:.1f};{(i / 10) ** 3:.3f}\n" for i in range(-20, 21))).replace(".", ",").encode()


def _errors(at) -> str:
    return " | ".join(e.value for e in at.error)


def test_a_typed_formula_trains_and_goes_into_the_link():
    at = page()
    at.selectbox(key="cfg_target").set_value("formula").run()
    at.text_input(key="cfg_formula").set_value("exp(-x^2) * cos(4*x)").run()
    assert not at.exception and state(at).run.trainer.cfg.target == "exp(-x^2) * cos(4*x)"
    assert at.query_params["target"] == "exp(-x^2) * cos(4*x)"
    at.button(key="step").click().run()
    assert state(at).run.trainer.step > 0


def test_a_formula_in_the_link_fills_the_formula_box():
    at = page(target="abs(x) - 0.3")
    assert at.selectbox(key="cfg_target").value == "formula"
    assert at.text_input(key="cfg_formula").value == "abs(x) - 0.3"
    assert state(at).run.trainer.cfg.target == "abs(x) - 0.3"


def test_hostile_or_empty_formulas_are_refused_and_the_fit_kept():
    at = page()
    at.button(key="step").click().run()
    trainer, step = state(at).run.trainer, state(at).run.trainer.step
    at.selectbox(key="cfg_target").set_value("formula").run()
    assert state(at).run.trainer.cfg.target == "sin(3*x) + 0.5*x^2"  # the example the box starts with
    trainer, step = state(at).run.trainer, state(at).run.trainer.step
    for typed, says in [
        ("__import__('os').system('id')", "names with __"),
        ("x.__class__", "attribute access"),
        ("9**9**9", "no finite values"),
        ("", "empty"),
    ]:
        at.text_input(key="cfg_formula").set_value(typed).run()
        assert not at.exception and says in _errors(at), typed
        assert state(at).run.trainer is trainer and trainer.step == step


def test_points_where_the_formula_has_no_value_are_counted():
    at = page(target="sqrt(x)")
    assert any("50 of 100 points left out" in c.value for c in at.caption)


def test_a_good_upload_trains_on_it_and_a_bad_one_after_it_changes_nothing():
    at = page()
    at.file_uploader(key="upload").set_value(("cubic.csv", GOOD_CSV, "text/csv")).run()
    session = state(at)
    assert not at.exception and session.run.own is not None and not session.run.trainer.generated
    assert np.allclose(session.run.trainer.data.x_train.numpy().ravel(), np.arange(-20, 21) / 10)
    assert at.query_params["points"] == "own" and any("41 points" in i.value for i in at.info)
    at.button(key="step").click().run()
    trainer, step = session.run.trainer, session.run.trainer.step
    history = list(trainer.history.train)
    assert step > 0
    for name, raw in [  # the uploader itself refuses other extensions, so a PNG comes renamed
        ("broken.csv", b"x,y\n1,2\n3,4,5\n"),
        ("photo.csv", b"\x89PNG\x00\x00" * 50),
        ("few.csv", b"1,2\n"),
    ]:
        at.file_uploader(key="upload").set_value((name, raw, "text/csv")).run()
        assert not at.exception and "Not used" in _errors(at), name
        assert state(at).run.trainer is trainer and trainer.step == step and list(trainer.history.train) == history
        assert np.allclose(trainer.data.x_train.numpy().ravel(), np.arange(-20, 21) / 10)
    at.file_uploader(key="upload").set_value(("photo.csv", b"\x89PNG\x00\x00" * 50, "text/csv")).run()
    refused = state(at).upload_read[1]  # kept, to say why on every run: the reason, not the error, whose
    assert type(refused) is i18n.Later  # traceback's frames hold the file's bytes


def test_with_more_columns_the_user_picks_x_and_y():
    raw = ("t,a,b\n" + "".join(f"{i},{i * 2},{i * i}\n" for i in range(10))).encode()
    at = page()
    at.file_uploader(key="upload").set_value(("three.csv", raw, "text/csv")).run()
    assert list(state(at).run.trainer.data.y_train.numpy().ravel()) == [2.0 * i for i in range(10)]
    at.selectbox(key="upload_y").set_value("b").run()
    assert list(state(at).run.trainer.data.y_train.numpy().ravel()) == [float(i * i) for i in range(10)]


def test_back_to_the_generated_data():
    at = page()
    at.file_uploader(key="upload").set_value(("cubic.csv", GOOD_CSV, "text/csv")).run()
    at.button(key="generated").click().run()
    assert state(at).run.own is None and state(at).run.trainer.generated
    assert "points" not in at.query_params


def test_training_on_the_tables_points():
    at = page(n="30", target="sin")
    assert not [b for b in at.button if b.key == "train_on_edited"]  # closed, the table is not laid out
    at.session_state["own_points"] = True  # as a click on the panel does
    at.run()
    at.button(key="train_on_edited").click().run()
    session = state(at)
    assert not at.exception and session.run.own is not None and str(session.run.own.source) == "edited in the table"
    assert len(session.run.trainer.data.x_train) == 30 and not session.run.trainer.generated


def test_a_link_made_with_own_points_says_calmly_that_they_did_not_come_along():
    at = page(points="own")
    assert not at.warning and len(at.info) == 1 and "sender's own points" in at.info[0].value  # not a fault
    bad = page(points="own", lr="fast")
    assert "could not be used" in bad.warning[0].value and "sender's own points" not in bad.warning[0].value
    assert "sender's own points" in bad.info[0].value


def test_with_own_points_the_settings_that_make_points_are_greyed_out():
    at = page()
    assert not at.number_input(key="cfg_n").disabled
    at.file_uploader(key="upload").set_value(("cubic.csv", GOOD_CSV, "text/csv")).run()
    for name in ("cfg_n", "cfg_noise", "cfg_x_min", "cfg_x_max"):
        assert at.number_input(key=name).disabled, name
    assert at.selectbox(key="cfg_target").disabled and not at.number_input(key="cfg_test").disabled


def test_a_link_whose_formula_has_no_values_on_its_range_falls_back_with_a_warning():
    at = page(target="log(x - 5)")
    assert len(at.warning) == 1 and "no finite values" in at.warning[0].value
    assert state(at).run.trainer.cfg.target == "x2"


def test_wide_data_says_its_losses_are_standardised_and_the_script_needs_the_data_file():
    raw = ("day,sales\n" + "".join(f"{d},{3000 + 2 * d}\n" for d in range(0, 700, 7))).encode()
    at = page()
    at.file_uploader(key="upload").set_value(("sales.csv", raw, "text/csv")).run()
    assert state(at).run.trainer.scale.active
    assert at.markdown[0].value.endswith("(losses on standardised x and y, as training sees them)")
    assert any("reads curvefit_data.csv" in c.value for c in at.caption)


def test_a_file_in_the_uploader_is_read_once_not_on_every_rerun(monkeypatch):
    from curvefit.ui import own_data

    reads = []
    monkeypatch.setattr(own_data, "read_table", lambda raw: reads.append(raw) or real_read(raw))
    at = page()
    at.file_uploader(key="upload").set_value(("cubic.csv", GOOD_CSV, "text/csv")).run()
    at.number_input(key="cfg_lr").set_value(0.1).run()
    at.run()
    assert len(reads) == 1 and state(at).run.own is not None


def test_a_typed_formula_is_echoed_as_code_never_as_markup():
    at = page()
    at.selectbox(key="cfg_target").set_value("formula").run()
    at.text_input(key="cfg_formula").set_value("__import__('os') + [a](https://x.org)").run()
    error = _errors(at)
    assert (
        "Target function not applied, the current fit is kept: `\"__import__('os') + [a](https://x.org)\" is not"
        in error
    )
    assert error.count("`") == 2


def test_an_uploaded_files_name_is_echoed_as_code():
    at = page()
    at.file_uploader(key="upload").set_value(("[a](https://example.org).csv", GOOD_CSV, "text/csv")).run()
    assert any("(`[a](https://example.org).csv`)" in info.value for info in at.info)


def test_an_upload_of_100000_rows_trains_on_mini_batches_with_a_note():
    raw = ("x,y\n" + "".join(f"{i / 50000 - 1:.6f},{(i / 50000 - 1) ** 2:.6f}\n" for i in range(100_000))).encode()
    at = page()
    at.file_uploader(key="upload").set_value(("big.csv", raw, "text/csv")).run()
    session = state(at)
    assert not _errors(at) and session.run.own is not None and len(session.run.trainer.data.x_train) == 100_000
    assert 0 < session.run.trainer.cfg.batch < 100_000 and any("mini-batches" in c.value for c in at.caption)
    at.button(key="step").click().run()
    assert session.run.trainer.step > 0 and state(at).run.trainer is session.run.trainer  # no rebuild on the rerun


def test_an_upload_keeps_the_panel_it_came_from_the_same_panel():
    at = page()
    at.session_state["own_points"] = True  # as a click on the panel does
    at.run()
    panel = next(e for e in at.expander if e.label == text.OWN_POINTS).proto.id
    at.file_uploader(key="upload").set_value(("cubic.csv", GOOD_CSV, "text/csv")).run()
    assert state(at).run.own is not None
    assert [e.proto.id for e in at.expander if e.label == text.OWN_POINTS] == [panel]  # open, and no second one
    assert at.session_state["own_points"]


def test_the_uploader_and_the_reader_refuse_files_at_the_same_size():
    # Streamlit's uploader counts a megabyte as 10^6 bytes: a 5 MiB cap here let it turn away what the page took.
    at = page()
    assert at.file_uploader(key="upload").proto.max_upload_size_mb * 10**6 == MAX_BYTES
    line = b"1,2\n"
    assert real_read(line * (MAX_BYTES // len(line))).columns == 2
    with pytest.raises(UploadError, match="the most is 5 MB"):
        real_read(line * (MAX_BYTES // len(line)) + b"3")


def test_an_upload_of_values_near_float32s_limit_is_refused_in_words_beside_a_held_out_test_split():
    at = page(test="0.5")
    raw = b"x,y\n" + b"".join(f"{i},{3e38 if i % 2 else -3e38}\n".encode() for i in range(6))
    at.file_uploader(key="upload").set_value(("huge.csv", raw, "text/csv")).run()
    at.button(key="play").click().run()
    assert not at.exception and "too large to train on" in _errors(at) and "went wrong" not in _errors(at)
    assert state(at).run.own is None and state(at).run.trainer.step > 0  # the tutorial's fit was kept, and plays
