"""Messages about settings, named as the page labels them, with what the user typed shown verbatim."""

from curvefit import text
from curvefit.drawing.pinned import Pinned, differences
from curvefit.inputs.config import Config, Note
from curvefit.inputs.targets import target_label
from curvefit.ui.verbatim import verbatim

# Each setting as the sidebar labels it: a learner who opened a link knows these words, not the link's keys.
LABELS = {
    "target": text.TARGET, "n": text.POINTS, "noise": text.NOISE, "noise_kind": text.NOISE_KIND,
    "x_min": text.X_MIN, "x_max": text.X_MAX, "sampling": text.SAMPLING, "test": text.TEST, "hidden": text.HIDDEN,
    "act": text.ACTIVATION, "opt": text.OPTIMIZER, "lr": text.LR, "momentum": text.MOMENTUM, "wd": text.WD,
    "batch": text.BATCH, "loss": text.LOSS, "seed": text.SEED, "band": text.BAND_NETS, "poly": text.POLY_DEGREE,
    "spf": text.STEPS_PER_FRAME,
    "step": text.LINK_STEP, "changes": text.LINK_CHANGES,
}  # fmt: skip
MAX_DIFFERENCES = 4  # settings a pinned run's caption names; a longer list is read by nobody


def replaced(note: Note) -> str:
    """A value that was replaced, and by what (Markdown)."""
    fallback = target_label(note.fallback) if note.key == "target" else note.fallback
    return text.REPLACED.format(label=LABELS[note.key], problem=verbatim(note.problem), fallback=fallback)


def not_applied(note: Note) -> str:
    """A value typed in the sidebar that was not applied (Markdown)."""
    return text.FORM_PROBLEM.format(label=LABELS[note.key], problem=verbatim(note.problem))


def not_used(error: str) -> str:
    """Data or points that could not be used, and why (Markdown)."""
    return text.CANNOT_USE.format(error=verbatim(error))


def pinned_caption(pinned: Pinned, cfg: Config) -> str:
    """What the faint lines are, and the pinned run's settings that differ from `cfg` (Markdown)."""
    found = differences(pinned, cfg)
    listed = ", ".join(f"{LABELS[key]} {verbatim(value, 40)}" for key, value in found[:MAX_DIFFERENCES])
    listed += ", …" if len(found) > MAX_DIFFERENCES else ""
    said = text.PINNED_DIFFERED.format(settings=listed) if found else text.PINNED_SAME
    return text.PINNED_CAPTION.format(step=pinned.step, loss=pinned.train_loss, differences=said)
