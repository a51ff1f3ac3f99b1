"""中文 / English: the catalogs are complete and agree with the code, and every message is read in the
language of its context."""

import ast
import string
from pathlib import Path

from babel.messages import pofile
from babel.messages.extract import extract_from_file

from curvefit import i18n, text

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "curvefit" / "locales"


def _in_code() -> set[str]:
    """Every message the code marks, as `pybabel extract` finds it."""
    found = set()
    for path in [*sorted((ROOT / "curvefit").rglob("*.py")), ROOT / "app.py"]:
        found |= {message for _, message, _, _ in extract_from_file("python", str(path)) if isinstance(message, str)}
    return found


def _catalog(path: Path):
    with open(path, "rb") as po:
        return pofile.read_po(po)


def _placeholders(message: str) -> set[tuple[str, str]]:
    """Each {name:spec} of a message: a translation keeps the names and the number formats."""
    return {(name, spec) for _, name, spec, _ in string.Formatter().parse(message) if name is not None}


def test_the_template_holds_exactly_the_messages_the_code_marks():
    template = {message.id for message in _catalog(LOCALES / "curvefit.pot") if message.id}
    assert template == _in_code(), "run the pybabel extract and update commands in README.md"


def test_the_chinese_catalog_translates_every_message_with_the_same_placeholders():
    template = {message.id for message in _catalog(LOCALES / "curvefit.pot") if message.id}
    chinese = {message.id: message for message in _catalog(LOCALES / "zh" / "LC_MESSAGES" / "curvefit.po")}
    chinese.pop("")
    assert set(chinese) == template  # none missing, none left over
    for msgid, message in chinese.items():
        assert message.string and not message.fuzzy, msgid
        assert _placeholders(message.string) == _placeholders(msgid), msgid


def test_a_message_is_read_in_the_language_of_its_context():
    assert text.PLAY == "Play"
    with i18n.speaking("zh"):
        assert text.PLAY == "播放" and text.LR == "学习率" and text.ACTIVATION == "激励函数"
        assert text.NOISE_KINDS["uniform"].startswith("均匀")
        assert text.STATUS.format(step=1234, train=0.05, test="", speed="", state=text.PAUSED) == (
            "第 **1,234** 步 · 训练误差 **0.05** · 已暂停"  # one number format in both: values read back
        )
    assert text.PLAY == "Play"  # the block's language ends with it


def test_a_language_comes_from_a_locale():
    assert [i18n.from_locale(name) for name in ("zh-CN", "zh_TW.UTF-8", "ZH", "en-US", "fr", "", None)] == [
        "zh", "zh", "zh", "en", "en", "en", "en",
    ]  # fmt: skip


def _read_at_import(path: Path) -> list[str]:
    """The text.NAME reads outside any function: made once, at import, in whatever language spoke then."""

    class Reads(ast.NodeVisitor):
        def __init__(self):
            self.depth, self.found = 0, []

        def visit_FunctionDef(self, node):
            for outside in [*node.decorator_list, *node.args.defaults, *filter(None, node.args.kw_defaults)]:
                self.visit(outside)
            self.depth += 1
            for statement in node.body:
                self.visit(statement)
            self.depth -= 1

        visit_AsyncFunctionDef = visit_FunctionDef

        def visit_Lambda(self, node):
            self.depth += 1
            self.visit(node.body)
            self.depth -= 1

        def visit_Attribute(self, node):
            if not self.depth and isinstance(node.value, ast.Name) and node.value.id == "text":
                self.found.append(f"{path.name}:{node.lineno} text.{node.attr}")
            self.generic_visit(node)

    reads = Reads()
    reads.visit(ast.parse(path.read_text()))
    return reads.found


def test_no_module_reads_a_message_at_import():
    paths = [*sorted((ROOT / "curvefit").rglob("*.py")), ROOT / "app.py"]
    assert [read for path in paths for read in _read_at_import(path)] == []
