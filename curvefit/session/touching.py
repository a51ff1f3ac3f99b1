"""What a touch on the fit chart does: the points change, and the net trains on from where it is."""

import numpy as np
import torch

from .. import i18n, text
from ..drawing.timeline import Timeline
from ..inputs import hand_points, touch
from ..inputs.config import Config
from ..inputs.data import Data, make_data
from ..inputs.hand_points import MAX_HAND_POINTS
from ..inputs.upload import Points
from .messages import not_used
from .page import Page
from .run import build_trainer, fit_notes, for_points, own_data

MAX_UNDO = 50  # edits that Undo can take back: 50 sets of 200 points at most, 80 KB


def current_points(page: Page) -> tuple[np.ndarray, np.ndarray]:
    """Every point the fit trains and tests on, sorted by x (as the browser's edits number them)."""
    data = page.run.trainer.data
    x = torch.cat([data.x_train, data.x_test]).numpy().ravel()
    y = torch.cat([data.y_train, data.y_test]).numpy().ravel()
    order = np.argsort(x, kind="stable")
    return x[order], y[order]


def point_count(page: Page) -> int:
    """How many points the fit has (train and test), without gathering them."""
    data = page.run.trainer.data
    return len(data.x_train) + len(data.x_test)


def touchable(page: Page) -> bool:
    """Whether the chart takes touches: few enough points to edit by hand (and to travel in the link)."""
    return point_count(page) <= MAX_HAND_POINTS


def touched(page: Page, message: object) -> str | None:
    """Take one edit the browser sent; returns why not (Markdown), changing nothing."""
    try:
        if not touchable(page):  # (the points are not gathered: there may be 100,000)
            raise ValueError(text.TOUCH_TOO_MANY.format(most=MAX_HAND_POINTS))
        x, y = current_points(page)
        edit = touch.read(message, x, y)
        new_x, new_y = touch.edited(edit, x, y, page.run.settings or page.run.trainer.cfg)
        own = hand_points.by_hand(new_x, new_y, text.later("HAND_SOURCE"))
    except ValueError as error:
        return not_used(str(error))
    return _use(page, own)


def undo(page: Page) -> str | None:
    """Back to the points before the last edit on the chart; returns why not (Markdown)."""
    if not page.run.undo:
        return None
    return _use(page, page.run.undo.pop(), remember=False)


def _use(page: Page, own: Points | None, remember: bool = True) -> str | None:
    # At step 0 the fit is made anew on the points, as a link to them makes it; later, the net trains on from
    # its weights (the learner sees the fit chase the change), and the run keeps which points came when.
    run = page.run
    before = run.own
    with page.lock:
        settings = run.settings or run.trainer.cfg
        try:
            fitted, notes = for_points(settings, own)
            if run.trainer.step == 0:
                run.start_over(build_trainer(fitted, own))
                page.player.new_paces()
            else:
                run.trainer.use_data(_data(fitted, own), generated=own is None)
                run.timeline, run.shown_step, run.replay = (
                    Timeline(),
                    None,
                    None,
                )  # the fits before were of other points
                run.marks.clear()  # (Pause cannot go back past the change)
        except ValueError as error:
            return not_used(str(error))
        run.own, run.fit_notes = own, fit_notes(settings, own, notes)
        if remember:
            run.undo.append(before)
            del run.undo[:-MAX_UNDO]
    return None


def _data(cfg: Config, own: Points | None) -> Data:
    return make_data(cfg) if own is None else own_data(cfg, own)


def edited_while_training(page: Page) -> i18n.Later | None:
    """Why the link opens at step 0: the points changed after the run began."""
    return text.later("EDITED_WHILE_TRAINING") if len(page.run.trainer.stages) > 1 else None
