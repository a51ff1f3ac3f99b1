"""The command line: train one Config and print the loss, as the tutorial's script does."""

import argparse
import json
import sys

import torch

from .analysis.noise_floor import floor
from .analysis.survey import best_last_layer
from .inputs import limits
from .inputs.config import FIELDS, Config
from .inputs.moment import Moment, moment_query, parse_moment
from .training.replay import replay
from .training.trainer import Trainer

DEFAULT_STEPS = 1000
USAGE = "python -m curvefit [--steps N] [--every K] [--json] [KEY=VALUE ...]"
MOMENT_KEYS = ("step", "changes")  # a link to a moment: train to its step, changing lr etc. where it did
KEYS = (*FIELDS, *MOMENT_KEYS)
EPILOG = (
    f"Keys (the share link's): {', '.join(KEYS)}. step=N trains N steps (as --steps N); changes=STEP:KEY=VALUE,"
    "...;... changes lr, momentum or weight decay at those steps, as the page did. With no arguments it runs "
    "the tutorial."
)


class UsageError(Exception):
    """Bad command-line input: printed as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse would print the whole usage; one line is enough
        raise UsageError(message)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 diverged, 2 bad input)."""
    # One thread, as the page trains: these small ops gain nothing from more, and under load two
    # threads took 5-7x longer (measured); the numbers then match the page's bit for bit.
    torch.set_num_threads(1)
    try:
        args, cfg, moment = _parse(sys.argv[1:] if argv is None else argv)
        trainer = Trainer(cfg)  # a formula with too few finite points cannot make data
    except (UsageError, ValueError) as error:
        print(f"curvefit: error: {error}", file=sys.stderr)
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
        link = {**cfg.to_query(), **moment_query(settings, trainer.step)}  # the page's link to this moment
        print(json.dumps({**result, "diverged": trainer.diverged, "config": cfg.to_query(), "link": link}))
    else:
        if trainer.diverged:
            print(trainer.diverged)
        test = "" if test_loss is None else f"  test loss {test_loss:.6f}"
        print(f"final  step {trainer.step}  train loss {train_loss:.6f}{test}")
        print(f"noise floor {references['floor']:.6f}  best last layer {references['best_last_layer']:.6f}")
    return 1 if trainer.diverged else 0


def _parse(argv: list[str]) -> tuple[argparse.Namespace, Config, Moment]:
    parser = _Parser(prog="curvefit", usage=USAGE, epilog=EPILOG)
    parser.add_argument("--steps", type=int, help=f"steps to train (default {DEFAULT_STEPS}, or a link's step=)")
    parser.add_argument("--every", type=int, default=100, help="print the loss every K steps (default 100)")
    parser.add_argument("--json", action="store_true", help="print one JSON object at the end instead")
    parser.add_argument("settings", nargs="*", metavar="KEY=VALUE")
    args = parser.parse_args(argv)
    query = {}
    for setting in args.settings:
        key, sep, value = setting.partition("=")
        if not sep or key not in KEYS:
            raise UsageError(f"{setting!r} is not KEY=VALUE with a known key ({', '.join(KEYS)})")
        query[key] = value
    moment_keys = {key: query.pop(key) for key in MOMENT_KEYS if key in query}
    linked_step = "step" in moment_keys
    if not linked_step:
        moment_keys["step"] = str(DEFAULT_STEPS if args.steps is None else args.steps)
    if args.every < 1:
        raise UsageError("--every must be at least 1")
    cfg, notes = Config.parse(query)
    # The changes are checked against the steps trained; the CPU is the user's: no replay budget here.
    moment, moment_notes = parse_moment(moment_keys, cfg, budget_s=None)
    notes += moment_notes
    if notes:  # from a URL these fall back quietly; typed on purpose, they are mistakes
        raise UsageError("; ".join(note.message for note in notes))
    if linked_step and args.steps is not None and moment.step != args.steps:
        raise UsageError(f"--steps {args.steps} and step={moment.step} disagree: give one")
    args.steps = moment.step
    if not 1 <= args.steps <= limits.MAX_CLI_STEPS:
        raise UsageError(f"the steps to train (--steps or step=) must be 1 to {limits.MAX_CLI_STEPS}")
    return args, cfg, moment


def _progress(trainer: Trainer, steps: int) -> str:
    line = f"step {trainer.step:>6}/{steps}  loss {trainer.history.train[-1]:.6f}"
    return line + (f"  test {trainer.history.test[-1]:.6f}" if trainer.history.test else "")
