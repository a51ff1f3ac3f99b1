"""The page's link: the run's first settings, the moment, the speed, the language and the own-points marker.

One read (with the page's door: what the server allows) and one write; read(write(link)) gives the link back.
"""

import math
from collections.abc import Mapping
from typing import NamedTuple

from .. import i18n, text
from ..budgets import allowed
from ..inputs import hand_points
from ..inputs.config import Config, Note
from ..inputs.data import make_data
from ..inputs.fields import Choice, Int
from ..inputs.moment import NOW, Moment, parse_moment
from ..inputs.targets import PRESETS
from .messages import replaced

STEPS_PER_FRAME = Int(1, 1000)  # a page setting, in the link as `spf` beside the Config's keys
LANGUAGE = Choice(i18n.LANGUAGES)  # a page setting too, as `lang`; without it the browser's language decides
TUTORIAL_PACE = 5  # the tutorial redraws every 5 steps (`if t % 5 == 0`)
SPEEDS = (1, TUTORIAL_PACE, 25, 100, 1000)  # the steps per frame the page offers
OWN_POINTS = {"points": "own"}  # the run was on the user's own points, which no link can carry


class Link(NamedTuple):
    """What the address bar holds."""

    cfg: Config = Config()  # the run's first settings
    moment: Moment = NOW  # the step shown, and the changes of settings on the way there
    steps_per_frame: int = TUTORIAL_PACE
    language: str | None = None  # None: the browser's language decides
    own_points: bool = False  # then no moment: it was of points the link does not hold
    points: str = ""  # points placed by hand, as inputs/hand_points.py writes them (`pts=`): these travel


def read(query: Mapping[str, object], browser: str = i18n.SOURCE) -> tuple[Link, list[Note]]:
    """The link in `query`, as the page may train it, and a note for each value that could not be used."""
    cfg, notes = allowed.parse(query)  # the server's rules apply where a link enters the page
    points, count, point_notes = _hand_points(query.get("pts"))
    moment, moment_notes = parse_moment(query)
    if not moment_notes:
        moment, moment_notes = allowed.allowed_moment(moment, cfg, count)
    if cfg.target not in PRESETS:  # only a formula can leave too few points where the link puts x
        try:
            make_data(cfg)
        except ValueError as error:
            notes.append(Note("target", str(error), Config().target))
            cfg, moment = cfg.replace(target=Config().target), NOW
    steps, speed_notes = _steps_per_frame(query.get("spf"))
    language, language_notes = _language(query.get("lang"), browser)
    own = query.get("points") == OWN_POINTS["points"]
    link = Link(cfg, NOW if own and not points else moment, steps, language, own and not points, points)
    return link, notes + point_notes + speed_notes + moment_notes + language_notes


def write(link: Link) -> dict[str, str]:
    """The query string that `read` reads back as `link`."""
    moment = OWN_POINTS if link.own_points else link.moment.query()
    language = {"lang": link.language} if link.language else {}
    points = {"pts": link.points} if link.points else {}
    return {**link.cfg.to_query(), **points, **moment, **language, "spf": str(link.steps_per_frame)}


def warning(query: Mapping[str, object], browser: str) -> i18n.Later | None:
    """What the link's bad values were replaced by (Markdown), worded in the language spoken when shown."""
    if not read(query, browser)[1]:
        return None

    def worded() -> str:  # (read again: a note is worded in the language spoken as it is made)
        return text.URL_PROBLEM.format(notes=i18n.sentences(*(replaced(note) for note in read(query, browser)[1])))

    return i18n.Later(worded)


def _hand_points(raw) -> tuple[str, int | None, list[Note]]:
    """The link's hand-placed points as written (canonical: decoded and written again) and how many, or none
    and why."""
    if raw is None:
        return "", None, []
    try:
        x, y = hand_points.decode(str(raw))
    except ValueError as error:
        return "", None, [Note("pts", f"{str(raw)[:40]!r} {error}", text.LINK_POINTS_FALLBACK)]
    return hand_points.encode(x, y), len(x), []


def _language(raw, browser: str) -> tuple[str | None, list[Note]]:
    if raw is None:
        return None, []
    try:
        return LANGUAGE.fix(LANGUAGE.parse(str(raw)))[0], []
    except ValueError as error:
        return None, [Note("lang", f"{raw!r} {error}", browser)]


def _steps_per_frame(raw) -> tuple[int, list[Note]]:
    if raw is None:
        return TUTORIAL_PACE, []
    try:
        value, problem = STEPS_PER_FRAME.fix(STEPS_PER_FRAME.parse(str(raw)))
    except ValueError as error:
        return TUTORIAL_PACE, [Note("spf", f"{raw!r} {error}", str(TUTORIAL_PACE))]
    if problem:
        return value, [Note("spf", f"{raw} {problem}", str(value))]
    if value not in SPEEDS:  # the nearest speed on a log scale: 50 is as far from 25 as from 100
        nearest = min(SPEEDS, key=lambda speed: abs(math.log(speed / value)))
        problem = text.NOT_A_SPEED.format(value=value, speeds=", ".join(map(str, SPEEDS)))
        return nearest, [Note("spf", problem, str(nearest))]
    return value, []
