"""Messages about settings, named as the page labels them, with what the user typed shown verbatim."""

from .. import text
from ..drawing.pinned import Pinned, differences
from ..inputs.config import Config, Note
from ..inputs.targets import target_label
from .verbatim import verbatim

# Each setting as the sidebar labels it: a learner who opened a link knows these words, not the link's keys.
# By message name: a label is read when shown, in the language the page speaks then.
LABELS = {
    "target": "TARGET", "n": "POINTS", "noise": "NOISE", "noise_kind": "NOISE_KIND", "x_min": "X_MIN",
    "x_max": "X_MAX", "sampling": "SAMPLING", "test": "TEST", "hidden": "HIDDEN", "act": "ACTIVATION",
    "opt": "OPTIMIZER", "lr": "LR", "momentum": "MOMENTUM", "wd": "WD", "batch": "BATCH", "loss": "LOSS",
    "seed": "SEED", "band": "BAND_NETS", "poly": "POLY_DEGREE", "spf": "STEPS_PER_FRAME",
    "step": "LINK_STEP", "changes": "LINK_CHANGES", "lang": "LANGUAGE", "pts": "LINK_POINTS",
}  # fmt: skip


def label(key: str) -> str:
    """A setting's name as the sidebar shows it."""
    return getattr(text, LABELS[key])


MAX_DIFFERENCES = 4  # settings a pinned run's caption names; a longer list is read by nobody


def replaced(note: Note) -> str:
    """A value that was replaced, and by what (Markdown)."""
    fallback = target_label(note.fallback) if note.key == "target" else note.fallback
    return text.REPLACED.format(label=label(note.key), problem=verbatim(note.problem), fallback=fallback)


def not_applied(note: Note) -> str:
    """A value typed in the sidebar that was not applied (Markdown)."""
    return text.FORM_PROBLEM.format(label=label(note.key), problem=verbatim(note.problem))


def not_used(error: str) -> str:
    """Data or points that could not be used, and why (Markdown)."""
    return text.CANNOT_USE.format(error=verbatim(error))


def pinned_caption(pinned: Pinned, cfg: Config) -> str:
    """What the faint lines are, and the pinned run's settings that differ from `cfg` (Markdown)."""
    found = differences(pinned, cfg)
    listed = ", ".join(f"{label(key)} {verbatim(value, 40)}" for key, value in found[:MAX_DIFFERENCES])
    listed += ", …" if len(found) > MAX_DIFFERENCES else ""
    said = text.PINNED_DIFFERED.format(settings=listed) if found else text.PINNED_SAME
    return text.PINNED_CAPTION.format(step=pinned.step, loss=pinned.train_loss, differences=said)
