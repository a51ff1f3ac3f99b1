"""Points placed by hand travel in the link exactly, bounded and checked; an upload never does."""

import base64

import numpy as np
import pytest

from curvefit import Config
from curvefit.inputs import hand_points
from curvefit.inputs.upload import Points
from curvefit.session.link import Link, read, write
from curvefit.session.page import link_of, use_points
from tests.apptest import page, state

X = np.linspace(-1.5, 1.5, 12, dtype=np.float32)
Y = (np.sin(3 * X) + 0.1).astype(np.float32)


def test_points_written_read_back_exactly_sorted_by_x():
    written = hand_points.encode(X[::-1], Y[::-1])
    assert len(written) <= hand_points.MAX_WRITTEN and set(written) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    )
    x, y = hand_points.decode(written)
    assert np.array_equal(x, X) and np.array_equal(y, Y) and x.dtype == np.float32


def _b64(pairs) -> str:
    return base64.urlsafe_b64encode(np.asarray(pairs, dtype="<f4").tobytes()).decode().rstrip("=")


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("A" * (hand_points.MAX_WRITTEN + 1), "more than 200 points"),  # refused unread
        ("not base64 at all!", "is not points"),
        ("AAAA", "is not points"),  # 3 bytes: no whole pair
        (_b64([[0, 0]] * 3), "holds 3 points"),
        (_b64([[float("nan"), 0]] + [[i, i] for i in range(5)]), "not a number"),
        (_b64([[1e6, 0]] + [[i, i] for i in range(5)]), "x beyond"),
        (_b64([[i, 1e31] for i in range(6)]), "y beyond"),
        (_b64([[1, i] for i in range(6)]), "is not points"),  # one x only
    ],
)
def test_hostile_points_in_a_link_get_a_clear_note_and_the_generated_points(written, said):
    link, notes = read({"pts": written})
    assert link.points == "" and [note.key for note in notes] == ["pts"] and said in notes[0].problem


def test_a_link_with_points_round_trips_and_its_moment_travels_too():
    points = hand_points.encode(X, Y)
    link = Link(Config(lr=0.1), read({"step": "50"})[0].moment, 25, None, False, points)
    assert read(write(link)) == (link, [])


def test_a_page_opened_on_points_trains_on_them_and_its_own_link_carries_them_again():
    at = page(pts=hand_points.encode(X, Y), spf="25")
    run = state(at).run
    assert run.own is not None and run.own.by_hand and not run.trainer.generated
    assert np.array_equal(run.trainer.data.x_train.numpy().ravel(), X)
    at.button(key="step").click().run()
    assert at.query_params["pts"] == hand_points.encode(X, Y) and at.query_params["step"] == "25"
    fresh = page(**dict(at.query_params))  # a student's browser: the same points, replayed to the same step
    while state(fresh).run.replay is not None:
        fresh.run()
    assert np.array_equal(state(fresh).run.trainer.engine.params, state(at).run.trainer.engine.params)


def test_an_upload_does_not_travel_in_the_link():
    at = page()
    use_points(state(at), Points(X, Y, "upload.csv", []))
    written = write(link_of(state(at)))
    assert "pts" not in written and written["points"] == "own"
