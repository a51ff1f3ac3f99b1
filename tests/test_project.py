"""The README's set-up commands are the ones CI runs, and the pins are what a fresh machine needs."""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands():
    return re.findall(r"```sh\n(python3 -m venv [^\n]+)\n```", (ROOT / "README.md").read_text())


def test_readme_gives_exactly_two_set_up_commands_app_then_tests():
    app, tests = _readme_commands()
    assert app.endswith("streamlit run app.py") and "requirements.txt" in app
    assert tests.endswith("python -m pytest") and "tests/requirements.txt" in tests and "install_tools.sh" in tests


def test_ci_runs_the_readmes_test_command():
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert _readme_commands()[1] in ci_lines


def test_every_direct_dependency_is_pinned_and_torch_is_the_cpu_pin():
    for name in ("requirements.txt", "tests/requirements.txt"):
        for line in (ROOT / name).read_text().splitlines():
            spec = line.split("#")[0].strip()
            if spec and not spec.startswith("-r "):
                assert re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][0-9A-Za-z.]*", spec), spec
    assert "torch==2.13.0" in (ROOT / "requirements.txt").read_text().split()


def _run(args, **environ):
    environ = {**os.environ, "LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8", **environ}  # English unless told
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300, env=environ)


def test_readme_command_line_examples_run():
    block = re.search(r"## Command line\n\n```sh\n(.*?)```", (ROOT / "README.md").read_text(), re.S).group(1)
    examples = [shlex.split(line.split("  #")[0]) for line in block.strip().splitlines()]
    assert len(examples) == 5
    for example in examples:
        assert example[:3] == [".venv/bin/python", "-m", "curvefit"]
        result = _run([sys.executable, *example[1:]])
        assert result.returncode == 0, (example, result.stderr)
        assert "loss" in result.stdout


def test_the_chinese_readme_links_back_and_its_command_line_examples_run_in_chinese():
    readme = (ROOT / "README.zh-CN.md").read_text()
    assert "(README.zh-CN.md)" in (ROOT / "README.md").read_text().split("\n\n", 2)[1]  # at the top
    assert "[English](README.md)" in readme and _readme_commands() == re.findall(
        r"```sh\n(python3 -m venv [^\n]+)\n```", readme
    )  # the same two set-up commands
    block = re.search(r"## 命令行\n\n```sh\n(.*?)```", readme, re.S).group(1)
    for line in block.strip().splitlines():
        words = shlex.split(line.split("  #")[0])
        environ = dict(word.split("=", 1) for word in words if re.fullmatch(r"[A-Z_]+=\S+", word))
        example = [word for word in words if word not in {f"{k}={v}" for k, v in environ.items()}]
        assert example[:3] == [".venv/bin/python", "-m", "curvefit"]
        result = _run([sys.executable, *example[1:]], **environ)
        assert result.returncode == 0, (example, result.stderr)
        assert "误差" in result.stdout and "loss" not in result.stdout


def test_readme_library_example_runs():
    code = re.search(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), re.S).group(1)
    result = _run([sys.executable, "-c", code])
    assert result.returncode == 0, result.stderr
    assert "Net(" in result.stdout and " 200 " in result.stdout


def test_streamlit_reads_the_hosted_demos_settings():
    # As Streamlit itself reads .streamlit/config.toml: a misspelt key or section would be dropped silently.
    wanted = {
        "client.showErrorDetails": "none",  # no tracebacks in the browser
        "server.enableXsrfProtection": True,
        "server.enableCORS": True,
        "server.enableStaticServing": False,
        "server.maxUploadSize": 5,
        "server.disconnectedSessionTTL": 60,
        "server.fileWatcherType": "none",  # no per-session polling of the app's files
        "runner.postScriptGC": False,  # no 120 ms full gc.collect() after every frame
    }
    code = f"from streamlit import config; print(repr({{k: config.get_option(k) for k in {list(wanted)!r}}}))"
    result = _run([sys.executable, "-c", code])
    assert result.stdout.strip() == repr(wanted), result.stdout + result.stderr


def _sections(text: str) -> list[str]:
    return re.split(r"^## ", text, flags=re.M)[1:]


def test_the_readme_is_a_users_document_and_the_chinese_one_keeps_step():
    readme = (ROOT / "README.md").read_text()
    assert not re.search(r"\bissues? \d+|#\d\d\b", readme)  # no issue numbers a user cannot look up
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", readme)  # no dated logs: measurements live in docs/
    titles = [section.splitlines()[0] for section in _sections(readme)]
    assert titles[:4] == ["Set up", "Start it again", "The page", "Command line"] and "Deploying" in titles
    assert all(len(section.split()) < 700 for section in _sections(readme)), "a section a user reads through"
    chinese = (ROOT / "README.zh-CN.md").read_text()
    assert len(_sections(chinese)) == len(titles)  # every user section, in Chinese too
