"""The core package never imports streamlit, so it works from a notebook or a shell."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHECK = """
import pkgutil, importlib, sys
import curvefit
for module in pkgutil.walk_packages(curvefit.__path__, "curvefit."):
    if not module.name.startswith("curvefit.ui") and module.name != "curvefit.__main__":
        importlib.import_module(module.name)
core = [name for name in sys.modules if name.startswith("curvefit.")]
ui = [name for name in sys.modules if name.split(".")[0] == "streamlit"]
print(len(core), ",".join(ui))
"""


def test_importing_every_core_module_loads_no_streamlit():
    result = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    core_count, _, streamlit_modules = result.stdout.strip().partition(" ")
    assert int(core_count) >= 10  # it really walked the package
    assert streamlit_modules == ""
