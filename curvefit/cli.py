"""The command line: train one Config and print the loss, as the tutorial's script does."""

import argparse
import json
import os
import sys

import torch

from . import i18n, text
from .analysis.noise_floor import floor
from .analysis.sharpness import sharpness
from .analysis.spectrum import spectrum
from .analysis.survey import best_last_layer
from .inputs import limits
from .inputs.activations import ACTIVATIONS
from .inputs.config import FIELDS, LOSSES, Config
from .inputs.moment import Moment, moment_at, parse_moment
from .inputs.optimizers import OPTIMIZERS
from .inputs.targets import PRESETS
from .training.replay import replay
from .training.trainer import Trainer

DEFAULT_STEPS = 1000
DEFAULT_EVERY = 100
USAGE = "%(prog)s [--steps N] [--every K] [--json] [--lang en|zh] [KEY=VALUE ...]"
MOMENT_KEYS = ("step", "changes")  # a link to a moment: train to its step, changing lr etc. where it did
KEYS = (*FIELDS, *MOMENT_KEYS)
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")  # the first one set names the locale, as gettext reads them


class UsageError(Exception):
    """Bad command-line input: printed as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    """argparse with our words: its own (usage:, its errors) have no Chinese, so the few it says are ours."""

    def error(self, message):  # argparse would print the whole usage; one line is enough
        raise UsageError(message)

    def format_help(self) -> str:
        formatter = self._get_formatter()
        formatter.add_usage(self.usage, self._actions, self._mutually_exclusive_groups, prefix=text.CLI_USAGE)
        for group in self._action_groups:
            formatter.start_section(group.title)
            formatter.add_arguments(group._group_actions)
            formatter.end_section()
        formatter.add_text(self.epilog)
        return formatter.format_help()


def language(argv: list[str], environ=os.environ) -> str:
    """The language to speak: --lang's, else the locale's (LC_ALL, LC_MESSAGES, LANG; zh_* is Chinese)."""
    for at, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
        if arg == "--lang" and at + 1 < len(argv):
            return argv[at + 1]
    return i18n.from_locale(next((environ[name] for name in LOCALE_VARIABLES if environ.get(name)), None))


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 diverged, 2 bad input)."""
    # One thread, as the page trains: these small ops gain nothing from more, and under load two
    # threads took 5-7x longer (measured); the numbers then match the page's bit for bit.
    torch.set_num_threads(1)
    argv = sys.argv[1:] if argv is None else argv
    try:
        with i18n.speaking(language(argv)):
            return _main(argv)
    except BrokenPipeError:  # `curvefit | head` closed the pipe: stop quietly, as other commands do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # (Python flushes stdout at exit)
        return 141  # 128 + SIGPIPE, what a shell reports for a command the pipe stopped


def _main(argv: list[str]) -> int:
    try:
        args, cfg, moment = _parse(argv)
        trainer = Trainer(cfg)  # a formula with too few finite points cannot make data
    except (UsageError, ValueError) as error:
        print(text.CLI_ERROR.format(error=error), file=sys.stderr)
        return 2
    if not args.json:
        print(trainer.model)
    settings = moment.settings(cfg)
    while trainer.step < args.steps and not trainer.diverged:
        replay(trainer, settings, args.steps, min(args.every, args.steps - trainer.step))
        if not args.json and trainer.step and not trainer.diverged:
            print(_progress(trainer, args.steps))
    train_loss, test_loss = trainer.losses()
    # What the loss could be: the true function's own (the noise floor), and these hidden units' best.
    references = {"floor": floor(trainer), "best_last_layer": best_last_layer(trainer)}
    if args.json:
        result = {"step": trainer.step, "train_loss": train_loss, "test_loss": test_loss, **references}
        sharp, waves = sharpness(trainer), spectrum(trainer)  # why it learns as it does (analysis/)
        result |= {"sharpness": sharp.value, "edge": sharp.edge, "spectrum": _spectrum_json(waves)}
        link = {**cfg.to_query(), **moment_at(settings, trainer.step).query()}  # the page's link to this moment
        print(json.dumps({**result, "diverged": trainer.diverged, "config": cfg.to_query(), "link": link}))
    else:
        if trainer.diverged:
            print(trainer.diverged)
        test = "" if test_loss is None else text.CLI_FINAL_TEST.format(test=test_loss)
        print(text.CLI_FINAL.format(step=trainer.step, train=train_loss, test=test))
        print(text.CLI_REFERENCES.format(floor=references["floor"], best=references["best_last_layer"]))
    return 1 if trainer.diverged else 0


def _parse(argv: list[str]) -> tuple[argparse.Namespace, Config, Moment]:
    epilog = text.CLI_EPILOG.format(
        keys=", ".join(KEYS), targets=", ".join(PRESETS), activations=", ".join(ACTIVATIONS),
        optimizers=", ".join(OPTIMIZERS), losses=", ".join(LOSSES),
    )  # fmt: skip
    parser = _Parser(prog=_prog(), usage=USAGE, epilog=epilog, add_help=False)
    options = parser.add_argument_group(text.CLI_OPTIONS)
    options.add_argument("-h", "--help", action="help", help=text.CLI_HELP)
    options.add_argument("--steps", metavar="N", help=text.CLI_STEPS.format(default=DEFAULT_STEPS))
    options.add_argument(
        "--every", metavar="K", default=str(DEFAULT_EVERY), help=text.CLI_EVERY.format(default=DEFAULT_EVERY)
    )
    options.add_argument("--json", action="store_true", help=text.CLI_JSON)
    options.add_argument("--lang", help=text.CLI_LANG.format(languages=", ".join(i18n.LANGUAGES)))
    parser.add_argument_group(text.CLI_SETTINGS).add_argument("settings", nargs="*", metavar="KEY=VALUE")
    args, unknown = parser.parse_known_args(argv)  # argparse's own message for these would be English
    if unknown:
        raise UsageError(text.CLI_UNKNOWN.format(arguments=" ".join(unknown)))
    if args.lang is not None and args.lang not in i18n.LANGUAGES:
        raise UsageError(f"--lang {args.lang!r} {text.NOT_ONE_OF.format(options=', '.join(i18n.LANGUAGES))}")
    args.steps = None if args.steps is None else _whole("--steps", args.steps)
    if args.steps is not None and not 1 <= args.steps <= limits.MAX_CLI_STEPS:  # named as typed, not as step=
        raise UsageError(text.CLI_STEPS_RANGE.format(most=limits.MAX_CLI_STEPS))
    args.every = _whole("--every", args.every)
    query = {}
    for setting in args.settings:
        key, sep, value = setting.partition("=")
        if not sep or key not in KEYS:
            raise UsageError(text.CLI_NOT_A_SETTING.format(setting=repr(setting), keys=", ".join(KEYS)))
        query[key] = value
    moment_keys = {key: query.pop(key) for key in MOMENT_KEYS if key in query}
    linked_step = "step" in moment_keys
    if not linked_step:
        moment_keys["step"] = str(DEFAULT_STEPS if args.steps is None else args.steps)
    if args.every < 1:
        raise UsageError(text.CLI_EVERY_TOO_SMALL)
    cfg, notes = Config.parse(query)
    moment, moment_notes = parse_moment(moment_keys)
    notes += moment_notes
    if notes:  # from a URL these fall back quietly; typed on purpose, they are mistakes
        presets = [text.CLI_PRESETS.format(presets=", ".join(PRESETS))] if "target" in {n.key for n in notes} else []
        raise UsageError("; ".join([*(note.message for note in notes), *presets]))
    if linked_step and args.steps is not None and moment.step != args.steps:
        raise UsageError(text.CLI_STEPS_DISAGREE.format(steps=args.steps, step=moment.step))
    args.steps = moment.step
    if not 1 <= args.steps <= limits.MAX_CLI_STEPS:
        raise UsageError(text.CLI_STEPS_RANGE.format(most=limits.MAX_CLI_STEPS))
    return args, cfg, moment


def _spectrum_json(waves) -> dict:
    return {"frequency": waves.frequency.round(6).tolist(), "amplitude": waves.amplitude.astype(float).tolist()}


def _prog() -> str:
    """How the command was run, for its usage line: `curvefit`, or `python -m curvefit`."""
    name = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "curvefit"
    return "python -m curvefit" if name in ("__main__.py", "-m", "-c") else name


def _whole(option: str, value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise UsageError(f"{option} {value!r} {text.NOT_WHOLE}") from None


def _progress(trainer: Trainer, steps: int) -> str:
    line = text.CLI_PROGRESS.format(step=trainer.step, steps=steps, loss=trainer.history.last)
    return line + (text.CLI_PROGRESS_TEST.format(test=trainer.history.test.last) if trainer.history.test else "")
