"""One visitor's page state: the Trainer and the play loop, kept in st.session_state."""

import contextlib
import ctypes
import functools
import math
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import NamedTuple

import streamlit as st
import torch
from streamlit import runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from curvefit import PRESETS, Config, Trainer, i18n, text
from curvefit.drawing.inside_views import REFERENCES
from curvefit.drawing.pinned import Pinned, pin
from curvefit.drawing.timeline import Timeline
from curvefit.inputs import cost
from curvefit.inputs.config import OPTIMIZER_KEYS, Note
from curvefit.inputs.data import make_data, split
from curvefit.inputs.fields import Choice, Int
from curvefit.inputs.moment import NOW, Moment, moment_query, parse_moment
from curvefit.inputs.upload import Points
from curvefit.serving import downloads, share
from curvefit.serving.pace import FRAME_BUDGET_S, FRAME_INTERVAL_S, Pace, frame_steps
from curvefit.serving.share import Account
from curvefit.training.replay import replay
from curvefit.ui.messages import replaced

STEPS_PER_FRAME = Int(1, 1000)  # a page setting, in the link as `spf` beside the Config's keys
LANGUAGE = Choice(i18n.LANGUAGES)  # a page setting too, as `lang`; without it the browser's language decides
TUTORIAL_PACE = 5  # the tutorial redraws every 5 steps (`if t % 5 == 0`)
SPEEDS = (1, TUTORIAL_PACE, 25, 100, 1000)  # the steps per frame the page offers
DEFAULT_STEPS_PER_FRAME = TUTORIAL_PACE


def _catch_up_pace() -> Pace:
    # Catching up trains nothing new to watch: a whole chunk's budget a frame, not a live frame's.
    return Pace(cost.CHUNK_BUDGET_S)


@dataclass
class PageState:
    """What one session keeps between reruns (a package class, so reruns do not redefine it)."""

    trainer: Trainer
    steps_per_frame: int = DEFAULT_STEPS_PER_FRAME
    playing: bool = False
    pace: Pace = field(default_factory=Pace)
    # Catching up: the band's steps toward the red net, a link's replay toward its step; a chunk's budget each
    catch_up_pace: Pace = field(default_factory=_catch_up_pace)
    interval_s: float = FRAME_INTERVAL_S  # what the live frame's timer was last set to
    load: float = 1.0  # the server's load when it was set (pace.load): frames that much rarer, and bigger
    step_clicks: int = 0  # Step clicks handled so far
    timeline: Timeline = field(default_factory=Timeline)  # the fit at earlier steps
    shown_step: int | None = None  # the earlier step the charts show, None for the latest
    replay: "Replay | None" = None  # the link's moment, still to be trained to
    pinned: Pinned | None = None  # a run kept, faint, to compare with (it outlives a new Trainer)
    steps_per_s: float = 0.0
    last_frame: tuple[float, int] | None = None  # (time, step) of the previous playing frame
    link_warning: "i18n.Later | None" = None  # what the link's bad values were replaced by (Markdown)
    own: Points | None = None  # uploaded or edited points, used instead of the Config's own
    upload_seen: tuple | None = None  # (file id, x column, y column) of the upload last applied or refused
    upload_read: tuple | None = None  # (file id, its column names or why it was refused, its column count)
    upload_problem: i18n.Later | None = None  # why the upload last seen was not used
    settings: Config | None = None  # the sidebar's settings last applied, before for_points made them fit
    fit_notes: "i18n.Later | None" = None  # what was made smaller to fit the user's own points
    # What this session may still spend of the server's CPU, for every kind of work (serving/share.py)
    account: Account = field(default_factory=Account)
    held: str | None = None  # why the last frame trained nothing: "busy" (no turn came), "spent" (the account)
    shown_losses: tuple[float, float | None] = (float("nan"), None)  # what the status line shows
    note: "i18n.Later | None" = None  # why playing stopped by itself
    references: set[str] = field(default_factory=lambda: set(REFERENCES))  # the level lines on the loss chart
    first_paint: bool = True  # the session's first run: it draws Play and the fit, the rest comes next
    language: str = i18n.SOURCE  # what the page speaks
    language_chosen: bool = False  # by the link or the switch (the link then keeps it), not by the browser
    # Downloads run in another thread while the fragment may be training: they take turns.
    lock: threading.Lock = field(default_factory=threading.Lock)
    download_token: str = field(init=False)  # the secret in this page's download links (serving/downloads.py)

    def __post_init__(self):
        self.download_token = downloads.token_for(self, functools.partial(_session_lives, _session_id()))


def _session_id() -> str | None:
    context = get_script_run_ctx()
    return context.session_id if context else None


def _session_lives(session_id: str | None) -> bool:
    """Whether the session is open, or closed less than server.disconnectedSessionTTL ago (it may come back)."""
    if session_id is None or not runtime.exists():  # not on a server (AppTest, a notebook): as long as the page
        return True
    server = runtime.get_instance()
    sessions = getattr(server, "_session_mgr", None)  # no public way to ask about a closed tab's session
    if sessions is None:  # then the links end as the tab closes
        return server.is_active_session(session_id)
    return sessions.get_session_info(session_id) is not None


class Replay(NamedTuple):
    """A link's moment still to be trained to: step `target` of the run whose settings went as `settings`."""

    target: int
    settings: dict[int, Config]

    @property
    def final(self) -> Config:
        """The settings in force at the target step."""
        return self.settings[max(s for s in self.settings if s <= self.target)]


def page_state() -> PageState:
    """This session's state, its language spoken from here on; on its first run, built from the link's query string."""
    if "page" not in st.session_state:
        _return_freed_memory()
        query = st.query_params.to_dict()
        language, chosen, language_notes = _language(query.get("lang"))
        i18n.speak(language)  # the notes below are written in it
        cfg, steps, moment, notes = _from_link(query)
        try:
            trainer = Trainer(cfg)
        except ValueError:  # a formula with too few finite points where the link puts x (its note says so)
            trainer = Trainer(cfg.replace(target=Config().target))
            moment = NOW
        own_points = query.get("points") == "own"
        if own_points:  # the moment was of a run on points the link cannot carry
            moment = NOW
        warning = i18n.Later(lambda: text.URL_PROBLEM.format(notes=i18n.sentences(*_link_notes(query))))
        warned = warning if notes or own_points else None
        state = PageState(trainer, steps, language=language, language_chosen=chosen, link_warning=warned)
        if moment.step:  # trained to in chunks, a frame at a time, with a progress bar (see train_frame)
            state.replay = Replay(moment.step, moment.settings(trainer.cfg))
            state.settings = state.replay.final  # what the sidebar shows from the start
        st.session_state.page = state
    i18n.speak(st.session_state.page.language)
    return st.session_state.page


def link(state: PageState) -> dict[str, str]:
    """What the address bar holds: the first settings of the run, and the moment shown (see inputs/moment.py).

    The moment: the step the link's replay is going to, or the earlier step the timeline shows, or the latest.
    """
    trainer = state.trainer
    if state.replay is not None:
        settings, step = state.replay.settings, state.replay.target
    else:
        shown = state.timeline.at(state.shown_step) if state.shown_step is not None else None
        settings, step = trainer.settings_from, shown.step if shown else trainer.step
    first = trainer.cfg.replace(**{key: getattr(settings[0], key) for key in OPTIMIZER_KEYS})
    language = {"lang": state.language} if state.language_chosen else {}
    if state.own is not None:  # a link cannot carry the points, so neither the moment of a run on them
        return {**first.to_query(), **language}
    return {**first.to_query(), **moment_query(settings, step), **language}


def on_page(action, *args) -> functools.partial:
    """A widget callback that runs action(this session's PageState, *args).

    The widget keeps the callback; it must not keep the session's state, or a closed tab's Trainer stays.
    """
    return functools.partial(_on_page, action, args)


def _on_page(action, args) -> None:
    state = st.session_state.page
    i18n.speak(state.language)  # callbacks run before the script, whose run may be on a new thread
    action(state, *args)


def _fit_notes(cfg: Config, own: Points | None, notes: list[Note]) -> i18n.Later | None:
    """What for_points made smaller (`notes`), as the settings' echo (Markdown), worded when shown."""
    if not notes:
        return None
    return i18n.Later(lambda: i18n.sentences(*(replaced(note) for note in for_points(cfg, own)[1])))


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
    if state.replay is not None:
        if cfg == state.replay.final:  # the sidebar shows where the link's replay is going
            return None
        state.replay = None  # the user changed a setting: the replay stops where it is
    try:
        fitted, notes = for_points(cfg, state.own)
        cfg, state.fit_notes = fitted, _fit_notes(cfg, state.own, notes)
    except ValueError as error:  # the user's points are too many for this network
        return str(error)
    if cfg == state.trainer.cfg:
        return None
    with state.lock:
        try:
            band = state.trainer.cfg.band
            if cfg.band > band and (seconds := band_catch_up_s(state.trainer, cfg)) > state.account.budget_s:
                return text.BAND_TOO_LONG.format(
                    band=cfg.band, seconds=seconds, step=state.trainer.step, most=state.account.budget_s
                )
            state.trainer.update(cfg)
            if cfg.band != band:  # a step's cost changed: each pace learns it anew
                state.pace, state.catch_up_pace = Pace(), _catch_up_pace()
                state.account.fill()  # a person asked for the band's work
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
            settings = state.settings or state.trainer.cfg
            fitted, notes = for_points(settings, own)
            _start_over(state, build_trainer(fitted, own))
        except ValueError as error:
            return str(error)
        state.own, state.fit_notes = own, _fit_notes(settings, own, notes)
    return None


def band_catch_up_s(trainer: Trainer, cfg: Config) -> float:
    """Predicted CPU seconds for cfg's band to catch up with the trainer's step (see cost.py)."""
    own = _own_count(trainer)
    return cost.steps_s(cfg.sizes(own), trainer.step) - cost.steps_s(cfg.replace(band=0).sizes(own), trainer.step)


def _own_count(trainer: Trainer) -> int | None:
    """How many points of the user's own it trains on (None: the Config's own)."""
    return None if trainer.generated else len(trainer.data.x_train) + len(trainer.data.x_test)


def _start_over(state: PageState, trainer: Trainer) -> None:
    state.trainer = trainer
    pause(state)
    state.pace, state.catch_up_pace, state.timeline = Pace(), _catch_up_pace(), Timeline()
    state.replay = None


def train_frame(state: PageState, steps: int | None = None) -> None:
    """Train one frame's chunk in this session's turn at the server's CPU (state.held says why not, if not).

    The chunk: `steps` of the red net; without, as many as the pace allows, or, while the band is behind
    the red net, as many of the band's steps (the red net waits for it), or, while a link's moment is
    still to be reached, as many steps toward it (with its changes of settings at their steps). Catching up
    while paused waits for the account to refill once it is spent; playing pauses then.
    """
    account = state.account
    state.held = "spent" if not state.playing and steps is None and account.left_s <= 0 else None
    if state.held:
        return
    with share.SHARE.turn(account) as admitted:
        state.held = None if admitted else "busy"
        if admitted:
            _train_chunk(state, steps)
    if state.playing and account.left_s <= 0:
        state.note = _later("BUDGET_PAUSED", seconds=account.budget_s)
        pause(state)
    if state.trainer.diverged:
        pause(state)
    now, step = time.monotonic(), state.trainer.step
    if state.last_frame is not None:
        then, then_step = state.last_frame
        state.steps_per_s = (step - then_step) / max(now - then, 1e-6)
    state.last_frame = (now, step)


def _train_chunk(state: PageState, steps: int | None) -> None:
    with state.lock:
        trainer, replaying = state.trainer, steps is None and state.replay is not None
        catching_up = steps is None and trainer.band_behind > 0
        pace = state.catch_up_pace if catching_up or replaying else state.pace
        if steps is None and (catching_up or replaying):
            # Catching up trains a whole chunk's budget a frame; a live frame's while others use the server too.
            others = share.SHARE.wanting(state.account) > 1 or share.SHARE.contended()
            steps = pace.steps(
                trainer.band_behind if catching_up else STEPS_PER_FRAME.hi, FRAME_BUDGET_S if others else None
            )
        elif steps is None:
            steps = pace.steps(frame_steps(state.steps_per_frame, state.load), load=state.load)
        # CPU time of this thread: what the chunk cost, not how long it queued for the GIL or a core
        # behind other sessions, so a busy server does not shrink some sessions' chunks more than others.
        start, at = time.thread_time(), trainer.step
        if catching_up:
            trainer.catch_up_band(steps)
        elif replaying:
            replay(trainer, state.replay.settings, state.replay.target, steps)
            if trainer.step >= state.replay.target or trainer.diverged or trainer.step == at:
                state.note = None if trainer.diverged else _later("REPLAYED", step=trainer.step)
                state.replay = None
        else:
            trainer.train(steps)
        pace.record(steps, time.thread_time() - start)
        state.account.trained(trainer.step - at)  # the red net's steps (the load page counts them)


def pause(state: PageState) -> None:
    """Stop playing."""
    state.playing = False
    state.last_frame, state.steps_per_s = None, 0.0  # the next Play measures its own speed


def set_playing(state: PageState, playing: bool) -> None:
    """Play (a fresh training budget) or pause: what the button said when it was clicked.

    Not a toggle: Streamlit can run a click's callback twice when a timer's rerun meets it (seen at ten
    frames a second), and a toggle would then undo the click.
    """
    if not playing or state.trainer.diverged:
        pause(state)
        return
    state.playing, state.note, state.last_frame = True, None, None
    state.account.fill()
    state.shown_step, state.replay = None, None  # Play goes on from the latest step (a link's replay stops)


def step_once(state: PageState, clicks: int) -> None:
    """Train exactly the steps per frame while paused (fewer only where a chunk's budget holds fewer).

    `clicks`: the Step clicks handled when the button was drawn; a click's callback run twice trains once.
    """
    if state.step_clicks != clicks:
        return
    state.step_clicks += 1
    state.shown_step, state.replay = None, None
    pause(state)
    state.account.fill()
    trainer = state.trainer
    most = cost.most_steps(trainer.cfg.sizes(_own_count(trainer)))
    train_frame(state, min(state.steps_per_frame, most))
    state.note = _later("STEP_CAPPED", most=most) if state.steps_per_frame > most else None
    if state.held:
        state.note = _later("STEP_BUSY")
    pause(state)


def reset(state: PageState) -> None:
    """Back to the same initial weights, paused."""
    with state.lock:
        state.trainer.reset()
    state.shown_step, state.replay = None, None
    pause(state)


def toggle_pin(state: PageState, pinned: bool) -> None:
    """Pin the run as it is now (`pinned` False: the button said Pin), or let the pinned one go."""
    with state.lock:
        state.pinned = None if pinned else pin(state.trainer)


def show_step(state: PageState, step: int) -> None:
    """Show the fit as it was at `step` (from the timeline); the latest step shows the fit as it is."""
    state.shown_step = None if step >= state.trainer.step else step


def new_seed() -> int:
    """A fresh seed for new data and new initial weights."""
    return secrets.randbelow(1_000_000)


def _from_link(query: dict) -> tuple[Config, int, Moment, list[Note]]:
    """What the link asks for, and a note for each value of it that could not be used."""
    cfg, notes = Config.parse(query)
    steps, spf_notes = _steps_per_frame(query.get("spf"))
    moment, moment_notes = parse_moment(query, cfg)
    notes += spf_notes + moment_notes + _language(query.get("lang"))[2]
    if cfg.target not in PRESETS:  # only a formula can leave too few points where the link puts x
        try:
            make_data(cfg)
        except ValueError as error:
            notes.append(Note("target", str(error), Config().target))
    return cfg, steps, moment, notes


def _link_notes(query: dict) -> list[str]:
    """The link's notes, worded in the language spoken now (a switch rewords them: see i18n.Later)."""
    shown = [replaced(note) for note in _from_link(query)[3]]
    return shown + ([text.LINK_HAD_OWN_POINTS] if query.get("points") == "own" else [])


def _language(raw) -> tuple[str, bool, list[Note]]:
    """The link's language, or else the browser's; whether the link chose it; what was wrong with it."""
    browsers = i18n.from_locale(st.context.locale)
    if raw is None:
        return browsers, False, []
    try:
        return LANGUAGE.fix(LANGUAGE.parse(str(raw)))[0], True, []
    except ValueError as error:
        return browsers, False, [Note("lang", f"{raw!r} {error}", browsers)]


def _later(name: str, **values) -> i18n.Later:
    """The message text.`name` filled in with `values`, worded in whatever language is spoken when shown."""
    return i18n.Later(lambda: getattr(text, name).format(**values))


def set_language(state: PageState, language: str) -> None:
    """Speak `language` from now on; the fit, the data and the history stay as they are."""
    state.language, state.language_chosen = language, True
    i18n.speak(language)


def _steps_per_frame(raw) -> tuple[int, list[Note]]:
    if raw is None:
        return DEFAULT_STEPS_PER_FRAME, []
    try:
        value, problem = STEPS_PER_FRAME.fix(STEPS_PER_FRAME.parse(str(raw)))
    except ValueError as error:
        return DEFAULT_STEPS_PER_FRAME, [Note("spf", f"{raw!r} {error}", str(DEFAULT_STEPS_PER_FRAME))]
    if problem:
        return value, [Note("spf", f"{raw} {problem}", str(value))]
    if value not in SPEEDS:  # the nearest speed on a log scale: 50 is as far from 25 as from 100
        nearest = min(SPEEDS, key=lambda speed: abs(math.log(speed / value)))
        problem = text.NOT_A_SPEED.format(value=value, speeds=", ".join(map(str, SPEEDS)))
        return nearest, [Note("spf", problem, str(nearest))]
    return value, []
