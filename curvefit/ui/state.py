"""One visitor's page state: the Trainer and the play loop, kept in st.session_state."""

import contextlib
import ctypes
import functools
import secrets
import threading
import time
import uuid
from dataclasses import dataclass, field

import streamlit as st
import torch

from curvefit import Config, Trainer, text
from curvefit.drawing.inside_views import REFERENCES
from curvefit.inputs import cost
from curvefit.inputs.config import Note
from curvefit.inputs.data import split
from curvefit.inputs.fields import Int
from curvefit.inputs.upload import Points
from curvefit.serving.pace import Pace
from curvefit.serving.slots import TRAINERS
from curvefit.ui.messages import replaced

STEPS_PER_FRAME = Int(1, 1000)  # a page setting, in the link as `spf` beside the Config's keys
DEFAULT_STEPS_PER_FRAME = 50
PLAY_BUDGET_S = 30.0  # CPU seconds of training one Play may take before it pauses to let others have a turn
# Frames a session trains before the next in line gets the trainer: each change of hands costs two
# full reruns (see live.py), yet turns must be short for 20 tabs on 2 trainers all to move within
# seconds. A frame's training is already bounded by its time budget (pace.py).
TURN_FRAMES = 2


@dataclass
class PageState:
    """What one session keeps between reruns (a package class, so reruns do not redefine it)."""

    trainer: Trainer
    steps_per_frame: int = DEFAULT_STEPS_PER_FRAME
    playing: bool = False
    pace: Pace = field(default_factory=Pace)
    steps_per_s: float = 0.0
    last_frame: tuple[float, int] | None = None  # (time, step) of the previous playing frame
    url_notes: list[str] = field(default_factory=list)  # what the link's bad values were replaced by (Markdown)
    own: Points | None = None  # uploaded or edited points, used instead of the Config's own
    upload_seen: tuple | None = None  # (file id, x column, y column) of the upload last applied or refused
    upload_read: tuple | None = None  # (file id, its column names or its UploadError, its column count)
    upload_problem: str | None = None  # why the upload last seen was not used
    settings: Config | None = None  # the sidebar's settings last applied, before for_points made them fit
    fit_notes: list[Note] = field(default_factory=list)  # what was made smaller to fit the user's own points
    id: str = field(default_factory=lambda: uuid.uuid4().hex)  # this session's name in the TRAINERS line
    waiting: int = 0  # place in the line for a trainer; 0 when not waiting
    spent_s: float = 0.0  # CPU seconds of training since Play
    turn_frames: int = 0  # frames trained in this turn with a trainer
    shown_losses: tuple[float, float | None] = (float("nan"), None)  # what the status line shows
    note: str | None = None  # why playing stopped by itself
    references: set[str] = field(default_factory=lambda: set(REFERENCES))  # the level lines on the loss chart
    # Downloads run in another thread while the fragment may be training: they take turns.
    lock: threading.Lock = field(default_factory=threading.Lock)


def page_state() -> PageState:
    """This session's state; on its first run, built from the link's query string."""
    if "page" not in st.session_state:
        _return_freed_memory()
        query = st.query_params.to_dict()
        cfg, notes = Config.parse(query)
        steps, spf_notes = _steps_per_frame(query.get("spf"))
        try:
            trainer = Trainer(cfg)
        except ValueError as error:  # a formula with too few finite points where the link puts x
            notes.append(Note("target", str(error), Config().target))
            trainer = Trainer(cfg.replace(target=Config().target))
        shown = [replaced(note) for note in notes + spf_notes]
        if query.get("points") == "own":
            shown.append(text.LINK_HAD_OWN_POINTS)
        st.session_state.page = PageState(trainer, steps, url_notes=shown)
    return st.session_state.page


def on_page(action, *args) -> functools.partial:
    """A widget callback that runs action(this session's PageState, *args).

    The widget keeps the callback; it must not keep the session's state, or a closed tab's Trainer stays.
    """
    return functools.partial(_on_page, action, args)


def _on_page(action, args) -> None:
    action(st.session_state.page, *args)


def for_points(cfg: Config, own: Points | None) -> tuple[Config, list[Note]]:
    """cfg as it trains on the user's own points: a batch or band too costly for them made smaller, and why."""
    if own is None:
        return cfg, []
    return cfg.fitted(len(own.x))


def _return_freed_memory() -> None:
    # glibc keeps memory that closed tabs' tensors freed (1.2x a warm server's after 12 heavy tabs had
    # closed, measured with benchmarks/load.py --closed); a new visitor hands it back (1.08x), in < 1 ms.
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to trim here
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def build_trainer(cfg: Config, own: Points | None) -> Trainer:
    """A Trainer for cfg (fitted by for_points), on the own points if any; ValueError if it cannot be made."""
    if own is None:
        return Trainer(cfg)
    x, y = (torch.from_numpy(values).reshape(-1, 1) for values in (own.x, own.y))
    return Trainer(cfg, data=split(x, y, cfg.test, cfg.seed))


def apply(state: PageState, cfg: Config) -> str | None:
    """Take new settings (lr, momentum, wd go on training; the rest starts over); returns why not, if not."""
    state.settings = cfg
    try:
        cfg, state.fit_notes = for_points(cfg, state.own)
    except ValueError as error:  # the user's points are too many for this network
        return str(error)
    if cfg == state.trainer.cfg:
        return None
    with state.lock:
        try:
            state.trainer.update(cfg)
            return None
        except ValueError:  # data or architecture changed: a new Trainer, paused at step 0
            pass
        try:
            _start_over(state, build_trainer(cfg, state.own))
        except ValueError as error:
            return str(error)
    return None


def use_points(state: PageState, own: Points | None) -> str | None:
    """Train on the user's own points (None: on the Config's again); returns why not, changing nothing."""
    with state.lock:
        try:
            cfg, notes = for_points(state.settings or state.trainer.cfg, own)
            _start_over(state, build_trainer(cfg, own))
        except ValueError as error:
            return str(error)
        state.own, state.fit_notes = own, notes
    return None


def _start_over(state: PageState, trainer: Trainer) -> None:
    state.trainer = trainer
    pause(state)
    state.pace = Pace()


def ask_for_trainer(state: PageState) -> bool:
    """Whether a trainer is free for this session now; if not, state.waiting says its place in line."""
    state.waiting = TRAINERS.request(state.id)
    return not state.waiting


def train_frame(state: PageState, steps: int | None = None) -> None:
    """Train one frame's chunk (`steps`, or as many as the pace allows) if a trainer is free, else wait in line."""
    if not ask_for_trainer(state):
        return
    spent = 0.0
    try:
        with state.lock:
            steps = steps or state.pace.steps(state.steps_per_frame)
            # CPU time of this thread: what the chunk cost, not how long it queued for the GIL or a core
            # behind other sessions, so a busy server does not shrink some sessions' chunks more than others.
            start = time.thread_time()
            state.trainer.train(steps)
            spent = time.thread_time() - start
            state.pace.record(steps, spent)
    finally:  # whatever happens, a session that stopped playing frees its trainer
        state.spent_s += spent
        if state.spent_s > PLAY_BUDGET_S and state.playing:
            state.note = text.BUDGET_PAUSED.format(seconds=PLAY_BUDGET_S)
            pause(state)
        state.turn_frames += 1
        if state.trainer.diverged or not state.playing:
            pause(state)
        elif state.turn_frames >= TURN_FRAMES:  # turn over: with others waiting, they go next
            state.waiting = TRAINERS.step_back(state.id)
            state.turn_frames = 0
    now, step = time.monotonic(), state.trainer.step
    if state.last_frame is not None:
        then, then_step = state.last_frame
        state.steps_per_s = (step - then_step) / max(now - then, 1e-6)
    state.last_frame = (now, step)


def pause(state: PageState) -> None:
    """Stop playing and give the trainer to the next in line."""
    state.playing = False
    state.waiting, state.turn_frames = 0, 0
    state.last_frame, state.steps_per_s = None, 0.0  # the next Play measures its own speed
    TRAINERS.release(state.id)


def toggle_play(state: PageState) -> None:
    """Play (a fresh training budget) or pause."""
    if state.playing or state.trainer.diverged:
        pause(state)
        return
    state.playing, state.spent_s, state.note, state.last_frame = True, 0.0, None, None


def step_once(state: PageState) -> None:
    """Train exactly the steps per frame while paused (fewer only where a chunk's budget holds fewer)."""
    pause(state)
    trainer = state.trainer
    own = None if trainer.generated else len(trainer.data.x_train) + len(trainer.data.x_test)
    most = cost.most_steps(trainer.cfg.sizes(own))
    train_frame(state, min(state.steps_per_frame, most))
    state.note = text.STEP_CAPPED.format(most=most) if state.steps_per_frame > most else None
    if state.waiting:
        state.note = text.STEP_WAITING.format(place=state.waiting)
    pause(state)


def reset(state: PageState) -> None:
    """Back to the same initial weights, paused."""
    with state.lock:
        state.trainer.reset()
    pause(state)


def new_seed() -> int:
    """A fresh seed for new data and new initial weights."""
    return secrets.randbelow(1_000_000)


def _steps_per_frame(raw) -> tuple[int, list[Note]]:
    if raw is None:
        return DEFAULT_STEPS_PER_FRAME, []
    try:
        value, problem = STEPS_PER_FRAME.fix(STEPS_PER_FRAME.parse(str(raw)))
    except ValueError as error:
        return DEFAULT_STEPS_PER_FRAME, [Note("spf", f"{raw!r} {error}", str(DEFAULT_STEPS_PER_FRAME))]
    return value, [Note("spf", f"{raw} {problem}", str(value))] if problem else []
