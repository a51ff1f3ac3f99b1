"""A frame's training: the run's next chunk, in this session's turn at the server's CPU."""

import time

from .. import text
from ..budgets import allowed, share
from ..budgets.frame_pace import FRAME_BUDGET_S, frame_steps
from ..training.replay import replay
from .link import STEPS_PER_FRAME
from .page import Page


def train_frame(page: Page, steps: int | None = None) -> None:
    """Train one frame's chunk in this session's turn at the server's CPU (player.held says why not, if not).

    The chunk: `steps` of the red net; without, as many as the pace allows, or, while the band is behind
    the red net, as many of the band's steps (the red net waits for it), or, while a link's moment is
    still to be reached, as many steps toward it (with its changes of settings at their steps). Catching up
    while paused waits for the account to refill once it is spent; playing pauses then.
    """
    player = page.player
    account = player.account
    player.held = "spent" if not player.playing and steps is None and account.left_s <= 0 else None
    if player.held:
        return
    with share.SHARE.turn(account) as admitted:
        player.held = None if admitted else "busy"
        if admitted:
            _train_chunk(page, steps)
    if player.playing and account.left_s <= 0:
        player.note = text.later("BUDGET_PAUSED", seconds=account.budget_s)
        player.pause()
    if page.run.trainer.diverged:
        player.pause()
    player.measure(page.run.trainer.step)


def _train_chunk(page: Page, steps: int | None) -> None:
    run, player = page.run, page.player
    with page.lock:
        trainer, replaying = run.trainer, steps is None and run.replay is not None
        catching_up = steps is None and trainer.band_behind > 0
        pace = player.catch_up_pace if catching_up or replaying else player.pace
        if steps is None and (catching_up or replaying):
            # Catching up trains a whole chunk's budget a frame; a live frame's while others use the server too.
            others = share.SHARE.wanting(player.account) > 1 or share.SHARE.contended()
            steps = pace.steps(
                trainer.band_behind if catching_up else STEPS_PER_FRAME.hi, FRAME_BUDGET_S if others else None
            )
        elif steps is None:
            steps = pace.steps(frame_steps(player.steps_per_frame, player.load), load=player.load)
        # CPU time of this thread: what the chunk cost, not how long it queued for the GIL or a core
        # behind other sessions, so a busy server does not shrink some sessions' chunks more than others.
        start, at = time.thread_time(), trainer.step
        if catching_up:
            trainer.catch_up_band(steps)
        elif replaying:
            replay(trainer, run.replay.settings, run.replay.target, steps)
            if trainer.step >= run.replay.target or trainer.diverged or trainer.step == at:
                player.note = None if trainer.diverged else text.later("REPLAYED", step=trainer.step)
                run.replay = None
        else:
            trainer.train(steps)
        pace.record(steps, time.thread_time() - start)
        player.account.trained(trainer.step - at)  # the red net's steps (the load page counts them)


def step_once(page: Page, clicks: int) -> None:
    """Train exactly the steps per frame while paused (fewer only where a chunk's budget holds fewer).

    `clicks`: the Step clicks handled when the button was drawn; a click's callback run twice trains once.
    """
    player = page.player
    if player.step_clicks != clicks:
        return
    player.step_clicks += 1
    page.run.shown_step, page.run.replay = None, None
    player.pause()
    player.account.fill()
    most = allowed.most_steps(page.run.trainer)
    train_frame(page, min(player.steps_per_frame, most))
    player.note = text.later("STEP_CAPPED", most=most) if player.steps_per_frame > most else None
    if player.held:
        player.note = text.later("STEP_BUSY")
    player.pause()
