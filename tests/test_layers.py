"""The core's folders are layers: each imports only from the layers before it (and the shared text)."""

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parent.parent / "curvefit"
LAYERS = [
    "inputs",
    "training",
    "analysis",
    "drawing",
    "budgets",
    "serving",
    "session",
]  # in order: each may use those before it


def _imported_layers(path: Path) -> set[str]:
    """The curvefit folders a module imports from, relative or absolute."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            parts = (node.module or "").split(".")
            if node.level == 2 or (node.level == 0 and parts[0] == "curvefit"):
                name = parts[0] if node.level == 2 else (parts[1] if len(parts) > 1 else "")
                found.update([name] if name else [alias.name for alias in node.names])
    return found & {*LAYERS, "ui"}


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_imports_only_the_layers_before_it(layer):
    allowed = set(LAYERS[: LAYERS.index(layer)])
    modules = sorted((CORE / layer).glob("*.py"))
    assert len(modules) >= 3
    for module in modules:
        assert _imported_layers(module) <= allowed, module.name


def test_a_layer_that_reached_forward_would_be_caught(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text("from ..drawing import charts\nfrom curvefit.ui import state\n")
    assert _imported_layers(module) == {"drawing", "ui"}
