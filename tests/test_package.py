"""`pip install .` gives a package that runs anywhere: built from a clean copy of the tree into a fresh venv."""

import json
import os
import subprocess
import tomllib
import venv
from pathlib import Path

import curvefit

ROOT = Path(__file__).resolve().parent.parent


def _tracked_copy(to: Path) -> None:
    """The repository's files as a fresh clone has them (git's own list), nothing this checkout built."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file():  # (a file deleted but not yet committed is listed still)
            (to / name).parent.mkdir(parents=True, exist_ok=True)
            (to / name).write_bytes(source.read_bytes())


def test_pip_install_gives_a_curvefit_command_that_works_from_any_folder(tmp_path):
    tree, env, elsewhere = tmp_path / "tree", tmp_path / "env", tmp_path / "elsewhere"
    _tracked_copy(tree)
    before = {path.relative_to(tree) for path in tree.rglob("*")}
    venv.create(env, with_pip=True)
    install = subprocess.run(
        [env / "bin" / "python", "-m", "pip", "install", "--disable-pip-version-check", "-q", str(tree)],
        capture_output=True, text=True, timeout=1200,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr[-3000:]
    (elsewhere / "curvefit").mkdir(parents=True)  # a clone in ~/curvefit, run from ~: a folder of that name
    (elsewhere / "curvefit" / "README.md").write_text("a clone's root, no package\n")  # (it was taken for one)
    locale = {**os.environ, "LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8"}
    for command in ([env / "bin" / "curvefit"], [env / "bin" / "python", "-m", "curvefit"]):
        run = subprocess.run(
            [*command, "--steps", "20", "--json"], cwd=elsewhere, capture_output=True, text=True, env=locale
        )  # fmt: skip
        assert run.returncode == 0, run.stderr
        result = json.loads(run.stdout)
        assert result["step"] == 20 and result["train_loss"] > 0 and result["diverged"] is None
    chinese = subprocess.run(
        [env / "bin" / "curvefit", "--steps", "20", "--lang", "zh"], cwd=elsewhere, capture_output=True, text=True
    )  # the catalogs came along
    assert chinese.returncode == 0 and "训练误差" in chinese.stdout, chinese.stderr
    version = subprocess.run(
        [env / "bin" / "python", "-c", "import curvefit; print(curvefit.__version__)"], cwd=elsewhere,
        capture_output=True, text=True,
    )  # fmt: skip
    assert version.stdout.strip() == curvefit.__version__
    shipped = subprocess.run(
        [env / "bin" / "python", "-c", "import curvefit, pathlib; print((pathlib.Path(curvefit.__file__).parent"
         " / 'ui' / 'touch.js').read_text()[:2])"], cwd=elsewhere, capture_output=True, text=True,
    )  # fmt: skip
    assert shipped.stdout.strip() == "//", shipped.stderr  # the touch layer's JavaScript came along
    built = {path.relative_to(tree).parts[0] for path in tree.rglob("*")} - {p.parts[0] for p in before}
    built = sorted(name + "/" if (tree / name).is_dir() else name for name in built)  # a folder, as git sees it
    ignored = subprocess.run(["git", "check-ignore", "--no-index", *built], cwd=ROOT, capture_output=True, text=True)
    assert sorted(ignored.stdout.split()) == built  # .gitignore covers what a build leaves (build/, *.egg-info)


def test_the_package_pins_are_the_requirements():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert project["tool"]["setuptools"]["dynamic"]["dependencies"] == {"file": ["requirements.txt"]}
    assert project["project"]["scripts"] == {"curvefit": "curvefit.cli:main"}
