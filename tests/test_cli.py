"""`python -m curvefit`, run as a user would, in a subprocess."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from curvefit import Config, Trainer, best_last_layer, floor, sharpness, spectrum
from curvefit.cli import language, main

ROOT = Path(__file__).resolve().parent.parent


ENGLISH = {"LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8"}  # whatever this machine's locale says


def _run(*args, **locale):
    environ = {**os.environ, **ENGLISH, **locale}
    return subprocess.run(
        [sys.executable, "-m", "curvefit", *args], cwd=ROOT, capture_output=True, text=True, timeout=120, env=environ
    )


def test_no_arguments_runs_the_tutorial_and_prints_the_net_and_the_loss():
    result = _run()
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Net(" and "(hidden): Linear(in_features=1, out_features=10, bias=True)" in result.stdout
    progress = [line for line in lines if line.startswith("step ")]
    assert len(progress) == 10 and progress[-1].startswith("step   1000/1000  loss ")
    trainer = Trainer(Config())
    trainer.train(1000)
    assert lines[-2] == f"after step 1000  train loss {trainer.losses()[0]:.6f} (on every training point)"
    assert lines[-1] == f"noise floor {floor(trainer):.6f}  best last layer {best_last_layer(trainer):.6f}"


def test_json_mode_prints_one_object_matching_the_library():
    result = _run("--json", "--steps", "150", "target=sin", "test=0.25", "hidden=16,16", "opt=adam", "lr=0.01")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    cfg = Config(target="sin", test=0.25, hidden=(16, 16), opt="adam", lr=0.01)
    trainer = Trainer(cfg)
    trainer.train(150)
    assert out["step"] == 150 and out["diverged"] is None
    assert (out["train_loss"], out["test_loss"]) == trainer.losses()
    assert (out["floor"], out["best_last_layer"]) == (floor(trainer), best_last_layer(trainer))
    assert Config.from_query(out["config"]) == cfg
    assert out["sharpness"] == pytest.approx(sharpness(trainer).value, rel=1e-4) and out["edge"] is None  # (Adam)
    assert out["spectrum"]["amplitude"] == pytest.approx(spectrum(trainer).amplitude.tolist(), abs=1e-7)
    assert out["spectrum"]["frequency"][:3] == [0.0, 0.5, 1.0]


def test_every_prints_the_loss_every_k_steps_with_the_test_loss():
    result = _run("--steps", "30", "--every", "10", "test=0.2")
    progress = [line for line in result.stdout.splitlines() if line.startswith("step ")]
    assert [line.split()[1] for line in progress] == ["10/30", "20/30", "30/30"]
    assert all(" test " in line for line in progress) and " test loss " in result.stdout


def test_bad_input_in_a_real_process_exits_2_with_one_line():
    result = _run("lr=fast")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == "curvefit: error: lr='fast' is not a number\n"


@pytest.mark.parametrize(
    "args",
    [
        ["colour=red"],
        ["n=3"],
        ["act=__import__"],
        ["--steps", "x"],
        ["--steps", "0"],
        ["--every", "0"],
        ["oops"],
        ["target=__import__('os')"],
        ["target=9**9**9"],
        ["target=log(x - 5)"],
        ["step=abc"],
        ["step=0"],
        ["--steps", "200", "step=300"],
        ["--steps", "50", "changes=100:lr=0.05"],
        ["step=200", "changes=100:hidden=5"],
    ],  # fmt: skip
)
def test_bad_keys_and_values_give_one_line_and_exit_code_2(args, capsys):
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1 and err.startswith("curvefit: error: ")


def test_a_diverging_run_says_so_and_exits_1():
    result = _run("lr=10", "--steps", "50")
    assert result.returncode == 1 and "Lower the learning rate" in result.stdout


def test_a_formula_target_trains_from_the_command_line(capsys):
    assert main(["--steps", "50", "--json", "target=exp(-x^2) + 0.1*x"]) == 0
    assert json.loads(capsys.readouterr().out)["config"]["target"] == "exp(-x^2) + 0.1*x"


def test_the_command_line_trains_on_one_thread():
    # Under load two threads took 5-7 times as long; one also gives the page's numbers.
    code = "import torch; from curvefit.cli import main; main(['--steps', '1']); print(torch.get_num_threads())"
    env = {key: value for key, value in os.environ.items() if key != "OMP_NUM_THREADS"}
    command = [sys.executable, "-c", code]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "1"


def test_a_links_moment_trains_to_its_step_taking_each_change_where_the_page_did(capsys):
    changes = "100:lr=0.05;200:lr=0.01,momentum=0.9"
    assert main(["--json", "step=300", f"changes={changes}", "--every", "70"]) == 0  # chunks across the changes
    out = json.loads(capsys.readouterr().out)
    trainer = Trainer(Config())
    trainer.train(100)
    trainer.update(Config(lr=0.05))
    trainer.train(100)
    trainer.update(Config(lr=0.01, momentum=0.9))
    trainer.train(100)
    assert out["step"] == 300 and out["train_loss"] == trainer.losses()[0]  # bit for bit
    assert out["link"]["step"] == "300" and out["link"]["changes"] == changes  # the page's link to this moment
    assert Config.from_query(out["config"]) == Config()  # the run's first settings


def test_a_links_step_and_the_same_steps_agree_however_written(capsys):
    assert main(["--json", "--steps", "20", "step=020"]) == 0
    assert json.loads(capsys.readouterr().out)["step"] == 20


def test_a_chinese_locale_prints_chinese_and_its_errors_too():
    result = _run("--steps", "20", "--every", "10", "test=0.2", LANG="zh_CN.UTF-8")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Net(" and lines[-2].startswith("第 20 步之后  训练误差 0.") and "测试误差 0." in lines[-2]
    assert [line.split()[1] for line in lines if line.startswith("第")][:2] == ["10/20", "20/20"]
    assert lines[-1].startswith("噪声下限 0.") and "最佳输出层 0." in lines[-1]  # numbers as in English
    bad = _run("lr=fast", "hidden=0", LC_ALL="zh_TW.UTF-8", LANG="en_US.UTF-8")
    assert bad.returncode == 2 and bad.stderr.startswith("curvefit：错误：lr='fast' 不是数字")
    diverged = _run("lr=10", "--steps", "50", LANG="zh_CN.UTF-8")
    assert diverged.returncode == 1 and "请调低学习率" in diverged.stdout


def test_lang_beats_the_locale_both_ways(capsys):
    assert main(["--lang", "en", "--steps", "x"]) == 2 and "is not a whole number" in capsys.readouterr().err
    assert main(["--lang=zh", "--steps", "x"]) == 2 and "不是整数" in capsys.readouterr().err
    assert "显示这段帮助后退出" in _run("--lang", "zh", "--help").stdout
    assert "show this help and exit" in _run("--lang", "en", "--help", LANG="zh_CN.UTF-8").stdout
    assert main(["--lang", "fr"]) == 2 and "'fr' is not one of en, zh" in capsys.readouterr().err


def test_the_language_comes_from_lang_then_the_locale_variables_in_gettexts_order():
    assert language([], {"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US"}) == "zh"
    assert language([], {"LC_ALL": "", "LC_MESSAGES": "en_GB", "LANG": "zh_CN"}) == "en"
    assert language([], {"LANG": "zh_SG.UTF-8"}) == "zh" and language([], {}) == "en"
    assert language(["--lang", "en"], {"LANG": "zh_CN"}) == "en"


def test_a_pipe_closed_early_stops_it_quietly():
    environ = {**os.environ, **ENGLISH}
    command = [sys.executable, "-m", "curvefit", "--steps", "100000", "--every", "1"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environ)
    process.stdout.readline()  # as `curvefit | head -1` reads, then goes away
    process.stdout.close()
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141 and "Traceback" not in err and err == ""


def test_the_usage_line_names_the_command_as_it_was_run(monkeypatch, capsys):
    for argv0, said in (("/venv/bin/curvefit", "usage: curvefit "), ("/repo/curvefit/__main__.py", "usage: python -m")):
        monkeypatch.setattr(sys, "argv", [argv0, "--help"])
        with pytest.raises(SystemExit):
            main()
        assert capsys.readouterr().out.startswith(said)


def test_help_lists_the_targets_activations_optimizers_and_losses(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    helped = " ".join(capsys.readouterr().out.split())
    assert "x2, x3, sin" in helped and "relu, tanh" in helped and "sgd, adam, adamw, rmsprop" in helped
    assert "mse, l1, huber" in helped


def test_a_bad_steps_or_target_is_named_as_typed_with_what_it_may_be(capsys):
    assert main(["--steps", "-5"]) == 2
    assert "--steps" in capsys.readouterr().err  # not as the link's step=-5
    assert main(["target=foo"]) == 2
    assert "x2, x3, sin, abs" in capsys.readouterr().err  # the presets, before any cut


def test_the_progress_and_final_lines_say_which_loss_each_is(capsys):
    assert main(["--steps", "200", "--every", "200"]) == 0
    progress, final = capsys.readouterr().out.splitlines()[-3:-1]
    assert "before its update" in progress and "on every training point" in final
    assert progress.split("loss ")[1][:8] != final.split("loss ")[1][:8]  # two numbers, each said what it is
