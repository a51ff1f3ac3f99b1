"""A moment of a run, in a link: the step, and each change of lr, momentum or weight decay on the way there.

Training is deterministic and chunks change nothing, so the Config's first settings, the changes and the
step rebuild the very same weights (see training/replay.py). In the link:
`step=400&changes=100:lr=0.05;300:lr=0.01,momentum=0.9`.
"""

from collections.abc import Mapping
from typing import NamedTuple

from .. import text
from .config import FIELDS, OPTIMIZER_KEYS, Config, Note
from .fields import Int
from .schedule import Schedule

STEP = Int(0, 10**9)  # the page bounds it by the replay's predicted cost (budgets/allowed.py)
MAX_CHANGES = 50  # each is a few characters in the address bar; a person makes far fewer


class Moment(NamedTuple):
    """Step `step` of a run that started with a Config's settings and took `changes` on the way."""

    step: int
    changes: dict[int, dict[str, float]]  # step -> {setting: value}, settings from OPTIMIZER_KEYS

    def settings(self, first: Config) -> Schedule:
        """The run's schedule (as Trainer.settings_from), starting from `first`."""
        found, cfg = Schedule({0: first}), first
        for step, change in sorted(self.changes.items()):
            cfg = cfg.replace(**change)
            found[step] = cfg
        return found

    def query(self) -> dict[str, str]:
        """The link's `step` and `changes` (none at step 0); parse_moment reads them back exactly."""
        if self.step == 0:
            return {}
        written = ";".join(
            f"{at}:" + ",".join(f"{key}={FIELDS[key].format(value)}" for key, value in change.items())
            for at, change in sorted(self.changes.items())
        )
        return {"step": str(self.step), **({"changes": written} if written else {})}


NOW = Moment(0, {})  # a link without a moment: step 0, nothing changed


def parse_moment(query: Mapping[str, object]) -> tuple[Moment, list[Note]]:
    """The link's moment; a bad one is dropped, and why (what a replay may cost is the page's rule: allowed.py)."""
    raw_step, raw_changes = str(query.get("step", "0")), str(query.get("changes", ""))
    try:
        step, problem = STEP.fix(STEP.parse(raw_step))
    except ValueError as error:
        return NOW, [Note("step", f"{raw_step[:40]!r} {error}", "0")]
    if problem:
        return NOW, [Note("step", f"{raw_step[:40]} {problem}", "0")]
    try:
        changes = _parse_changes(raw_changes, step)
    except ValueError as error:
        return NOW, [Note("changes", f"{raw_changes[:40]!r}: {error}", "0")]
    return Moment(step, changes), []


def moment_at(settings_from: Mapping[int, Config], step: int) -> Moment:
    """Step `step` of a run whose settings went as `settings_from` (step -> the Config in force from there)."""
    changes, before = {}, settings_from[0]
    for at in sorted(s for s in settings_from if 0 < s <= step):
        cfg = settings_from[at]
        changed = {
            key: getattr(cfg, key) for key in sorted(OPTIMIZER_KEYS) if getattr(cfg, key) != getattr(before, key)
        }
        if changed:
            changes[at] = changed
        before = cfg
    return Moment(step, changes)


def _parse_changes(written: str, step: int) -> dict[int, dict[str, float]]:
    if not written:
        return {}
    entries = written.split(";")
    if len(entries) > MAX_CHANGES:
        raise ValueError(text.TOO_MANY_CHANGES.format(most=MAX_CHANGES))
    changes: dict[int, dict[str, float]] = {}
    for entry in entries:
        at, _, settings = entry.partition(":")
        at = STEP.parse(at)
        if not 0 < at <= step or at in changes or (changes and at < max(changes)):
            raise ValueError(text.CHANGE_OUT_OF_ORDER.format(at=str(at)[:12], step=step))
        changes[at] = {}
        for setting in settings.split(","):
            key, _, value = setting.partition("=")
            if key not in OPTIMIZER_KEYS:
                raise ValueError(text.NOT_A_LIVE_SETTING.format(key=repr(key[:20])))
            fixed, problem = FIELDS[key].fix(FIELDS[key].parse(value))
            if problem:
                raise ValueError(f"{key}={value[:20]} {problem}")
            changes[at][key] = fixed
    return changes
