"""The page in 中文 or English: the link's lang, the switch, and no English message left on a Chinese page."""

import json
import re
import string
from pathlib import Path

import pyarrow as pa
from babel.messages import pofile

from curvefit import i18n
from tests.apptest import page, state

CHINESE = Path(__file__).resolve().parent.parent / "curvefit" / "locales" / "zh" / "LC_MESSAGES" / "curvefit.po"


def _english_pieces() -> set[str]:
    """The English words of every message that Chinese says otherwise: each message's text between its
    placeholders, of two letters or more; a piece the Chinese keeps too (Loss=, CSV, PyTorch) is left out."""
    with open(CHINESE, "rb") as po:
        messages = [message for message in pofile.read_po(po) if message.id and message.string != message.id]
    kept = " ".join(message.string for message in messages)
    pieces = set()
    for message in messages:
        for literal, *_ in string.Formatter().parse(message.id):
            piece = literal.strip(" ·:;,.()*…—")
            if re.search(r"[A-Za-z]{2}", piece) and piece not in kept:
                pieces.add(piece)
    return pieces


NOT_SHOWN = {"id", "form_id", "name", "uuid", "icon", "type", "url", "file_id", "delta_path", "fragment_id"}
NOT_SHOWN |= {"js_content", "json"}  # a component's code and the data it is given (ui/touch.py draws nothing)


def _shown(at) -> str:
    """What the page shows: its texts, labels, help and options, and its charts' titles, tooltips, legends
    and written data (not the names of its datasets, fields and ids, which no one reads)."""
    found = []

    def read(message):
        for field, value in message.ListFields():
            values = value if field.is_repeated else [value]
            for one in values:
                if field.name in NOT_SHOWN:
                    continue
                if field.type == field.TYPE_MESSAGE:
                    read(one)
                elif field.name == "spec":
                    found.extend(_spec_texts(json.loads(one)))
                elif field.type == field.TYPE_BYTES and one:
                    found.extend(_table_texts(one))
                elif field.type == field.TYPE_STRING:
                    found.append(one)

    def walk(node):
        if getattr(node, "proto", None) is not None:
            read(node.proto)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(found)


def _spec_texts(spec) -> list[str]:
    if isinstance(spec, dict):
        said = [v for k, v in spec.items() if k in ("title", "subtitle", "text") and isinstance(v, str)]
        return said + [t for k, v in spec.items() if k not in ("data", "field", "name") for t in _spec_texts(v)]
    if isinstance(spec, list):
        return [t for v in spec for t in _spec_texts(v)]
    return []


def _table_texts(raw: bytes) -> list[str]:
    try:
        table = pa.ipc.open_stream(raw).read_all()
    except pa.ArrowInvalid:
        return []
    cells = [v for column in table.columns if pa.types.is_string(column.type) for v in column.to_pylist()]
    return [c for c in cells if c] + [name for name in table.column_names if not name.startswith("__")]


def _english_on(at) -> list[str]:
    shown = _shown(at)
    return sorted(
        piece for piece in _english_pieces() if re.search(rf"(?<![A-Za-z]){re.escape(piece)}(?![A-Za-z])", shown)
    )


def test_a_chinese_page_shows_no_english_message_in_any_panel():
    with i18n.speaking("zh"):  # AppTest formats the options' labels in this thread
        at = page(lang="zh", test="0.2", band="4")
        assert at.button(key="play").label == "播放" and at.number_input(key="cfg_lr").label == "学习率"
        at.button(key="step").click().run()
        at.button(key="pin").click().run()
        at.session_state["network_panel"] = True
        at.session_state["own_points"] = True
        at.run()
        assert at.select_slider(key="timeline").label.startswith("时间轴")
        assert _english_on(at) == []


def test_a_chinese_page_says_a_bad_link_a_bad_file_and_a_divergence_in_chinese():
    with i18n.speaking("zh"):
        at = page(lang="zh", lr="10", spf="7", n="lots", hidden="0", act="nope", target="sin(x", x_min="3")
        warning = at.warning[0].value
        assert warning.startswith("这个链接里有无法使用的值") and "不是数字" in warning and "却是 结尾" in warning
        assert _english_on(at) == []
        at.session_state["own_points"] = True
        at.run()
        at.file_uploader(key="upload").set_value(("one.csv", b"1\n2\n3\n", "text/csv")).run()
        assert any("只找到一列" in error.value for error in at.error)
        at.button(key="play").click().run()
        assert at.markdown[0].value.endswith("已发散") and any("学习率" in error.value for error in at.error)
        assert _english_on(at) == []


def test_english_stays_english_and_the_test_finds_english():
    at = page(lang="en")
    assert at.button(key="play").label == "Play"
    assert {"Play", "Learning rate", "The fit"} <= set(_english_on(at))  # the check above could fail


def test_the_link_keeps_a_chosen_language_and_the_switch_keeps_the_fit():
    assert "lang" not in page().query_params  # the browser's language was not chosen: the link leaves it out
    with i18n.speaking("zh"):
        at = page(lang="zh")
        assert at.query_params["lang"] == "zh"
        at.number_input(key="cfg_lr").set_value(0.05).run()
        at.button(key="step").click().run()
        trainer, step = state(at).run.trainer, state(at).run.trainer.step
        at.segmented_control(key="language").set_value("en").run()
    assert at.button(key="play").label == "Play" and at.query_params["lang"] == "en"
    assert state(at).run.trainer is trainer and trainer.step == step and at.number_input(key="cfg_lr").value == 0.05


def test_an_unknown_language_in_the_link_is_named_and_english_taken():
    at = page(lang="<b>fr</b>")
    assert at.button(key="play").label == "Play"
    assert "Language: `'<b>fr</b>' is not one of en, zh`, so en is used." in at.warning[0].value  # as code


def test_what_the_page_said_is_said_again_in_the_language_switched_to():
    at = page(lr="10", n="lots")
    assert "Points: `'lots' is not a number`" in at.warning[0].value
    at.button(key="play").click().run()
    assert any("Lower the learning rate" in error.value for error in at.error)
    at.segmented_control(key="language").set_value("zh").run()  # (AppTest reads the widgets as last drawn)
    assert (
        at.warning[0].value.startswith("这个链接里有无法使用的值")
        and "数据点数：`'lots' 不是数字`" in at.warning[0].value
    )
    assert any("请调低学习率" in error.value for error in at.error) and at.markdown[0].value.endswith("已发散")
    assert _english_on(at) == []


def test_a_note_kept_from_a_step_is_said_again_in_the_language_switched_to():
    at = page(hidden="256,256,256", batch="1", spf="1000")  # a Step here trains what a chunk's budget holds
    at.button(key="step").click().run()
    assert any("Step trains at most" in info.value for info in at.info)
    at.segmented_control(key="language").set_value("zh").run()
    assert any("“单步”一次最多训练" in info.value for info in at.info)


def test_an_uploads_note_and_refusal_are_said_again_in_the_language_switched_to():
    at = page()
    at.session_state["own_points"] = True
    at.run()
    rows = b"x,y\n" + b"".join(f"{i},{i * i}\n".encode() for i in range(20)) + b"a,b\n"
    at.file_uploader(key="upload").set_value(("notes.csv", rows, "text/csv")).run()
    assert "1 of 21 rows left out: a cell that is not a finite number" in [c.value for c in at.caption]
    at.segmented_control(key="language").set_value("zh").run()
    assert _english_on(at) == [] and "21 行中去掉了 1 行：有单元格不是有限的数" in [c.value for c in at.caption]

    at = page()
    at.session_state["own_points"] = True
    at.run()
    at.file_uploader(key="upload").set_value(("flat.csv", b"x,y\n" + b"1,2\n" * 6, "text/csv")).run()
    assert any("every x is 1: need at least two" in error.value for error in at.error)
    at.segmented_control(key="language").set_value("zh").run()
    assert any("所有的 x 都是 1：至少需要两个不同的 x 值" in error.value for error in at.error)
    assert _english_on(at) == []


def test_the_option_lists_speak_chinese_on_a_chinese_page():
    with i18n.speaking("zh"):  # AppTest formats the options' labels in this thread
        at = page(lang="zh")
        assert "SGD（随机梯度下降）" in at.selectbox(key="cfg_opt").options
        assert "mse（均方差）" in at.selectbox(key="cfg_loss").options
        assert "relu（线性整流）" in at.selectbox(key="cfg_act").options
        assert at.selectbox(key="cfg_loss").value == "mse"  # the setting itself is as the link writes it


def test_the_network_panel_heads_its_tables_with_no_english():
    with i18n.speaking("zh"):
        at = page(lang="zh")
        at.session_state["network_panel"] = True
        at.run()
        headers = {str(column) for frame in at.dataframe for column in frame.value.columns}
        assert headers and "value" not in headers and headers <= {str(i) for i in range(1000)}
