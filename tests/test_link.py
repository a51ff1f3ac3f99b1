"""The page's link, read and written in one place: everything it holds comes back exactly, bad values with a note."""

import pytest

from curvefit import Config
from curvefit.inputs.moment import NOW, Moment
from curvefit.session.link import SPEEDS, TUTORIAL_PACE, Link, read, write

LINKS = [
    Link(),
    Link(Config(target="sin", hidden=(16, 16), act="tanh", opt="adam", lr=0.02, seed=3), NOW, 25, "zh"),
    Link(Config(lr=0.2), Moment(400, {100: {"lr": 0.05}, 300: {"lr": 0.01, "momentum": 0.9}}), 1000, "en"),
    Link(Config(n=30, test=0.2), NOW, 1, None, own_points=True),
    Link(Config(band=16, poly=3), Moment(50, {}), TUTORIAL_PACE),
]


@pytest.mark.parametrize("link", LINKS, ids=range(len(LINKS)))
def test_a_link_written_reads_back_exactly_with_no_notes(link):
    assert read(write(link)) == (link, [])


def test_what_the_address_bar_holds_is_the_share_links_keys_and_the_pages_own():
    written = write(LINKS[2])
    assert written["step"] == "400" and written["changes"] == "100:lr=0.05;300:lr=0.01,momentum=0.9"
    assert written["spf"] == "1000" and written["lang"] == "en" and "points" not in written
    own = write(LINKS[3])
    assert own["points"] == "own" and "step" not in own and "lang" not in own  # no moment of points it cannot carry


@pytest.mark.parametrize(
    ("query", "key", "used"),
    [
        ({"spf": "50"}, "spf", Link(steps_per_frame=25)),  # the nearest speed offered, on a log scale
        ({"spf": "0"}, "spf", Link(steps_per_frame=1)),
        ({"spf": "fast"}, "spf", Link()),
        ({"lang": "xx"}, "lang", Link()),  # the browser's language then decides
        ({"step": "-1"}, "step", Link()),
        ({"step": "100", "changes": "150:lr=0.1"}, "changes", Link()),
        ({"step": "100000000"}, "step", Link()),  # more than one Play may spend: the page's door says so
        ({"target": "log(x - 5)"}, "target", Link()),  # no point where the link puts x
    ],
)
def test_a_bad_value_is_replaced_and_named(query, key, used):
    link, notes = read(query, browser="en")
    assert link == used and [note.key for note in notes] == [key]


def test_the_page_door_clamps_what_a_link_asks_the_server_for():
    link, notes = read({"hidden": "256,256,256,256", "batch": "1", "band": "64", "opt": "adam"})
    assert link.cfg.hidden == (188,) * 4 and link.cfg.band == 0 and [n.key for n in notes] == ["hidden", "band"]
    assert set(SPEEDS) >= {link.steps_per_frame}
