"""Points placed by hand: few enough to travel in a link exactly, as `pts=` (float32 pairs, base64url).

A teacher's "this curve" on a slide rebuilds the very same points in every student's browser. Uploads do not
travel: they can be 100,000 points, and a link holds a few kilobytes.
"""

import base64
import binascii

import numpy as np

from .. import i18n, text
from . import limits
from .upload import Points, checked_points

MAX_HAND_POINTS = 200  # about 2 KB in the link
MAX_WRITTEN = 4 * -(-MAX_HAND_POINTS * 8 // 3)  # base64 of 200 float32 pairs: longer is refused unread


def encode(x: np.ndarray, y: np.ndarray) -> str:
    """The points as the link writes them: x, y pairs as little-endian float32, base64url without padding."""
    pairs = np.stack([np.asarray(x, dtype="<f4"), np.asarray(y, dtype="<f4")], axis=1)
    return base64.urlsafe_b64encode(pairs.tobytes()).decode().rstrip("=")


def decode(written: str) -> tuple[np.ndarray, np.ndarray]:
    """The points a link's `pts=` holds, sorted by x; ValueError saying what is wrong with them."""
    if len(written) > MAX_WRITTEN:
        raise ValueError(text.HAND_TOO_MANY.format(most=MAX_HAND_POINTS))
    try:
        raw = base64.urlsafe_b64decode(written + "=" * (-len(written) % 4))
    except (binascii.Error, ValueError):
        raise ValueError(text.HAND_NOT_POINTS) from None
    if len(raw) % 8:
        raise ValueError(text.HAND_NOT_POINTS)
    pairs = np.frombuffer(raw, dtype="<f4").reshape(-1, 2).astype(np.float32)
    if not limits.MIN_POINTS <= len(pairs) <= MAX_HAND_POINTS:
        raise ValueError(text.HAND_HOW_MANY.format(least=limits.MIN_POINTS, most=MAX_HAND_POINTS, n=len(pairs)))
    x, y = pairs[:, 0], pairs[:, 1]
    if not (
        np.isfinite(pairs).all() and np.abs(y).max() <= limits.MAX_ABS_VALUE and np.abs(x).max() <= limits.MAX_ABS_X
    ):
        raise ValueError(text.HAND_OUT_OF_RANGE.format(most_x=limits.MAX_ABS_X, most_y=limits.MAX_ABS_VALUE))
    if np.unique(x).size < 2:
        raise ValueError(text.HAND_NOT_POINTS)
    order = np.argsort(x, kind="stable")
    return x[order], y[order]


def by_hand(x, y, source: str | i18n.Later) -> Points:
    """Points placed by hand, checked as an upload's are and few enough to travel: ValueError saying why not."""
    if len(x) > MAX_HAND_POINTS:
        raise ValueError(text.TOUCH_TOO_MANY.format(most=MAX_HAND_POINTS))
    if len(x) and np.abs(np.asarray(x, dtype=np.float64)).max() > limits.MAX_ABS_X:
        raise ValueError(text.TOUCH_OUT_OF_RANGE.format(most_x=limits.MAX_ABS_X, most_y=limits.MAX_ABS_VALUE))
    return checked_points(x, y, source)._replace(by_hand=True)
