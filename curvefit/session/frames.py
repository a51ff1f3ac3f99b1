"""A frame's training: the run's next chunk, in this session's turn at the server's CPU."""

import time

from .. import text
from ..budgets import allowed, share
from ..budgets.frame_pace import FRAME_BUDGET_S, frame_steps
from ..training.replay import replay
from .link import STEPS_PER_FRAME, TUTORIAL_PACE
from .page import Page
from .run import Run

RECORDS_PER_CHUNK = 20  # the most snapshots one chunk adds to the timeline (each costs a pass over the points)


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
    if player.playing and player.held is None and page.run.replay is None:  # a frame the screen will show
        with page.lock:
            page.run.marks.append(page.run.trainer.mark())
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
            target = run.replay.target
            _in_pieces(run, steps, lambda n: replay(trainer, run.replay.settings, target, n))
            if trainer.step >= target or trainer.diverged or trainer.step == at:
                player.note = None if trainer.diverged else text.later("REPLAYED", step=trainer.step)
                run.replay = None
        else:
            _in_pieces(run, steps, trainer.train)
        pace.record(steps, time.thread_time() - start)
        player.account.trained(trainer.step - at)  # the red net's steps (the load page counts them)


def _in_pieces(run: Run, steps: int, train) -> None:
    """train(n) `steps` steps in pieces, the timeline keeping the fit after each: a Step of 100 steps, or a frame
    of many under load, is then as fine on the timeline (and in the GIF) as a lone played run's frames."""
    piece = max(run.timeline.stride, -(-steps // RECORDS_PER_CHUNK), TUTORIAL_PACE)  # chunks change nothing
    end = run.trainer.step + steps
    while run.trainer.step < end and not run.trainer.diverged:
        before = run.trainer.step
        train(min(piece, end - before))
        if run.trainer.step <= before:  # nothing more to train (a replay at its step)
            return
        run.timeline.record(run.trainer)


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
