"""One visitor's page between reruns: its run, its player, its language and what it shows; what its buttons do."""

import secrets
import threading
from collections.abc import Callable, Mapping
from dataclasses import InitVar, dataclass, field

from .. import i18n, text
from ..budgets import allowed
from ..drawing.inside_views import REFERENCES
from ..drawing.pinned import pin
from ..inputs import hand_points
from ..inputs.config import OPTIMIZER_KEYS, Config
from ..inputs.moment import NOW, moment_at
from ..inputs.upload import Points
from ..serving import downloads
from ..training.trainer import Trainer
from . import link
from .player import Player
from .run import Replay, Run, build_trainer, fit_notes, for_points


@dataclass
class Page:
    """What one session keeps between reruns (a package class, so reruns do not redefine it)."""

    run: Run
    player: Player = field(default_factory=Player)
    language: str = i18n.SOURCE  # what the page speaks
    language_chosen: bool = False  # by the link or the switch (the link then keeps it), not by the browser
    link_warning: i18n.Later | None = None  # what the link's bad values were replaced by (Markdown)
    # The link was made on the sender's own points, which no link carries: not a fault of the link, so not a warning
    link_had_own_points: bool = False
    references: set[str] = field(default_factory=lambda: set(REFERENCES))  # the level lines on the loss chart
    first_paint: bool = True  # the session's first run: it draws Play and the fit, the rest comes next
    shown_losses: tuple[float, float | None] = (float("nan"), None)  # what the status line shows
    upload_seen: tuple | None = None  # (file id, x column, y column) of the upload last applied or refused
    upload_read: tuple | None = None  # (file id, its column names or why it was refused, its column count)
    upload_problem: i18n.Later | None = None  # why the upload last seen was not used
    touch_problem: str | None = None  # why the last edit on the chart was not taken (Markdown)
    # Downloads run in another thread while the fragment may be training: they take turns.
    lock: threading.Lock = field(default_factory=threading.Lock)
    alive: InitVar[Callable[[], bool]] = lambda: True  # whether its session still lives (its download links)
    download_token: str = field(init=False)  # the secret in this page's download links (serving/downloads.py)

    def __post_init__(self, alive: Callable[[], bool]):
        self.download_token = downloads.token_for(self, alive)


def open_page(query: Mapping[str, object], browser: str, alive: Callable[[], bool] = lambda: True) -> Page:
    """A new visitor's page, from its link's query string; `browser`: the browser's language."""
    opened, _ = link.read(query, browser)
    language = opened.language or browser
    i18n.speak(language)  # the link's notes are worded in it
    run = Run(Trainer(opened.cfg))
    if opened.points:  # placed by hand by whoever sent the link: the fit is of those
        x, y = hand_points.decode(opened.points)
        own = Points(x, y, text.later("HAND_FROM_LINK"), [], by_hand=True)
        fitted, notes = for_points(opened.cfg, own)  # (200 points at most: always trainable)
        run = Run(build_trainer(fitted, own), own=own, fit_notes=fit_notes(opened.cfg, own, notes))
    if opened.moment.step:  # trained to in chunks, a frame at a time, with a progress bar (see frames.py)
        run.replay = Replay(opened.moment.step, opened.moment.settings(opened.cfg))
        run.settings = run.replay.final  # what the sidebar shows from the start
    player = Player(steps_per_frame=opened.steps_per_frame)
    warning = link.warning(query, browser)
    chosen = opened.language is not None
    return Page(run, player, language, chosen, warning, opened.own_points, alive=alive)


def link_of(page: Page) -> link.Link:
    """What the address bar holds: the run's first settings and the moment shown (the step a link's replay is
    going to, or the earlier step the timeline shows, or the latest), the speed, the language if chosen."""
    run, trainer = page.run, page.run.trainer
    if run.replay is not None:
        settings, step = run.replay.settings, run.replay.target
    else:
        shown = run.earlier()
        settings, step = trainer.settings_from, shown.step if shown else trainer.step
    first = trainer.cfg.replace(**{key: getattr(settings[0], key) for key in OPTIMIZER_KEYS})
    language = page.language if page.language_chosen else None
    speed = page.player.steps_per_frame
    edited = len(trainer.stages) > 1  # the points changed while it trained: no link rebuilds that run
    if run.own is not None and run.own.by_hand:  # a few points placed by hand: they travel, and so the moment
        points = hand_points.encode(run.own.x, run.own.y)
        return link.Link(first, NOW if edited else moment_at(settings, step), speed, language, False, points)
    own = run.own is not None  # an upload: the link cannot carry it, so neither the moment of a run on it
    return link.Link(first, NOW if own or edited else moment_at(settings, step), speed, language, own)


def apply(page: Page, cfg: Config) -> str | None:
    """Take new settings (lr, momentum, wd go on training; the rest starts over); returns why not, if not."""
    run = page.run
    run.settings = cfg
    if run.replay is not None:
        if cfg == run.replay.final:  # the sidebar shows where the link's replay is going
            return None
        run.replay = None  # the user changed a setting: the replay stops where it is
    try:
        fitted, notes = for_points(cfg, run.own)
        cfg, run.fit_notes = fitted, fit_notes(cfg, run.own, notes)
    except ValueError as error:  # the user's points are too many for this network
        return str(error)
    if cfg == run.trainer.cfg:
        return None
    with page.lock:
        try:
            band, account = run.trainer.cfg.band, page.player.account
            if cfg.band > band and (seconds := allowed.band_catch_up_s(run.trainer, cfg)) > account.budget_s:
                return text.BAND_TOO_LONG.format(
                    band=cfg.band, seconds=seconds, step=run.trainer.step, most=account.budget_s
                )
            run.trainer.update(cfg)
            if cfg.band != band:
                page.player.new_paces()
                account.fill()  # a person asked for the band's work
            return None
        except ValueError:  # data or architecture changed: a new Trainer, paused at step 0
            pass
        try:
            _start_over(page, build_trainer(cfg, run.own))
        except ValueError as error:
            return str(error)
    return None


def use_points(page: Page, own: Points | None) -> str | None:
    """Train on the user's own points (None: on the Config's again); returns why not, changing nothing."""
    run = page.run
    with page.lock:
        try:
            settings = run.settings or run.trainer.cfg
            fitted, notes = for_points(settings, own)
            _start_over(page, build_trainer(fitted, own))
        except ValueError as error:
            return str(error)
        run.own, run.fit_notes = own, fit_notes(settings, own, notes)
        run.undo.clear()  # (edits on the chart took back to points that are gone now)
    return None


def _start_over(page: Page, trainer: Trainer) -> None:
    page.run.start_over(trainer)
    page.player.pause()
    page.player.new_paces()
    page.player.note = None  # it spoke of the fit that is gone ("trained to step 100, the moment the link holds")


def set_playing(page: Page, playing: bool) -> None:
    """Play (a fresh training budget) or pause: what the button said when it was clicked.

    Not a toggle: Streamlit can run a click's callback twice when a timer's rerun meets it (seen at ten
    frames a second), and a toggle would then undo the click.
    """
    player = page.player
    if not playing or page.run.trainer.diverged:
        player.pause()
        if player.shown_at_click is not None:  # the screen's step came first: back to it now
            back_to_shown(page, player.shown_at_click)
        return
    player.playing, player.note, player.shown_at_click = True, None, None
    page.run.marks.clear()  # this Play's frames only: the step on the screen at its own click is none of them
    player.frames.clear()
    player.account.fill()
    page.run.shown_step, page.run.replay = None, None  # Play goes on from the latest step (a replay stops)


def back_to_shown(page: Page, step: int) -> None:
    """The step on the screen when Pause was clicked: the frames the server trained after it are undone, so the
    fit kept is the one the learner saw (the browser shows a frame a little after the server made it)."""
    player = page.player
    if player.playing:  # the click's Pause has not been taken yet: it goes back when it is (a Play's click
        if any(mark.at.step == step for mark in page.run.marks):  # sends the paused step: no frame of this Play)
            player.shown_at_click = step
        return
    player.shown_at_click = None
    with page.lock:
        page.run.back_to(step)


def reset(page: Page) -> None:
    """Back to the same initial weights, paused."""
    with page.lock:
        if len(page.run.trainer.stages) > 1:  # moved by hand while it trained: step 0 on the points shown, as a
            page.run.start_over(build_trainer(page.run.trainer.cfg, page.run.own))  # link to them makes it
        else:
            page.run.trainer.reset()
    page.run.shown_step, page.run.replay = None, None
    page.run.marks.clear()
    page.player.pause()
    page.player.note = None  # back at step 0: what it said of a later step no longer holds


def toggle_pin(page: Page, pinned: bool) -> None:
    """Pin the run as it is now (`pinned` False: the button said Pin), or let the pinned one go."""
    with page.lock:
        page.run.pinned = None if pinned else pin(page.run.trainer)


def show_step(page: Page, step: int) -> None:
    """Show the fit as it was at `step` (from the timeline); the latest step shows the fit as it is."""
    page.run.show_step(step)


def set_language(page: Page, language: str) -> None:
    """Speak `language` from now on; the fit, the data and the history stay as they are."""
    page.language, page.language_chosen = language, True
    i18n.speak(language)


def new_seed() -> int:
    """A fresh seed for new data and new initial weights."""
    return secrets.randbelow(1_000_000)
