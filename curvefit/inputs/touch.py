"""Points touched on the fit chart: an edit the browser sends (add, move, remove, a drawn stroke), checked as
an upload is, and the points it makes. Whatever a message holds, it is data: a bad one is a clear refusal."""

import hashlib
import math
from typing import NamedTuple

import numpy as np
import torch

from .. import text
from . import limits
from .config import Config
from .data import derived_seed
from .hand_points import MAX_HAND_POINTS

MAX_STROKE = 500  # a stroke's vertices: a second of drawing at a pointer's rate, ~10 KB of message
STROKE = 3  # the purpose of the seed a stroke's noise is drawn from (see data.derived_seed)
OPS = ("add", "move", "remove", "stroke")


class Edit(NamedTuple):
    """One edit: `op`, the index of the point it moves or removes, where to, or a stroke's vertices."""

    op: str
    index: int = -1
    x: float = math.nan
    y: float = math.nan
    stroke: tuple[tuple[float, float], ...] = ()


def version(x: np.ndarray, y: np.ndarray) -> str:
    """A short name for these very points: an edit made on others (a stale page) is refused."""
    return hashlib.blake2b(np.float32(x).tobytes() + np.float32(y).tobytes(), digest_size=8).hexdigest()


def read(message: object, x: np.ndarray, y: np.ndarray) -> Edit:
    """The edit a browser's message asks of the points (x, y); ValueError saying why not."""
    if not isinstance(message, dict) or message.get("op") not in OPS:
        raise ValueError(text.TOUCH_NOT_UNDERSTOOD)
    if message.get("version") != version(x, y):
        raise ValueError(text.TOUCH_STALE)
    op = message["op"]
    if op == "stroke":
        vertices = message.get("stroke")
        if not isinstance(vertices, list) or not 2 <= len(vertices) <= MAX_STROKE:
            raise ValueError(text.TOUCH_STROKE_LENGTH.format(most=MAX_STROKE))
        return Edit(op, stroke=tuple(_pair(vertex) for vertex in vertices))
    index = message.get("index", -1) if op != "add" else -1
    if op != "add" and not (type(index) is int and 0 <= index < len(x)):
        raise ValueError(text.TOUCH_NOT_UNDERSTOOD)
    if op == "remove":
        return Edit(op, index)
    return Edit(op, index, *_pair([message.get("x"), message.get("y")]))


def edited(edit: Edit, x: np.ndarray, y: np.ndarray, cfg: Config) -> tuple[np.ndarray, np.ndarray]:
    """The points after `edit` (float64, unchecked: see hand_points.checked)."""
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if edit.op == "add":
        return np.append(x, edit.x), np.append(y, edit.y)
    if edit.op == "remove":
        return np.delete(x, edit.index), np.delete(y, edit.index)
    if edit.op == "move":
        x, y = x.copy(), y.copy()
        x[edit.index], y[edit.index] = edit.x, edit.y
        return x, y
    return stroke_points(edit.stroke, cfg)


def stroke_points(stroke: tuple[tuple[float, float], ...], cfg: Config) -> tuple[np.ndarray, np.ndarray]:
    """The target a stroke draws (straight between its vertices, in x order) sampled as the Config samples its
    own: as many points (up to MAX_HAND_POINTS), on a grid or uniform, with its noise, from its seed."""
    vertices = np.array(sorted(stroke, key=lambda vertex: vertex[0]), dtype=np.float64)
    lo, hi = vertices[0, 0], vertices[-1, 0]
    if not hi > lo:
        raise ValueError(text.TOUCH_STROKE_FLAT)
    n = min(cfg.n, MAX_HAND_POINTS)
    generator = torch.Generator().manual_seed(derived_seed(cfg.seed, STROKE))
    if cfg.sampling == "grid":
        x = np.linspace(lo, hi, n)
    else:
        x = np.sort(lo + (hi - lo) * torch.rand(n, generator=generator, dtype=torch.float64).numpy())
    draw = torch.rand if cfg.noise_kind == "uniform" else torch.randn
    noise = cfg.noise * draw(n, generator=generator, dtype=torch.float64).numpy()
    return x, np.interp(x, vertices[:, 0], vertices[:, 1]) + noise


def _pair(values: object) -> tuple[float, float]:
    # Numbers only (JSON's: not bools, not strings), finite, within what the page can train on.
    if not isinstance(values, list | tuple) or len(values) != 2:
        raise ValueError(text.TOUCH_NOT_UNDERSTOOD)
    if not all(type(value) in (int, float) and math.isfinite(value) for value in values):
        raise ValueError(text.TOUCH_NOT_UNDERSTOOD)
    x, y = (float(value) for value in values)
    if abs(x) > limits.MAX_ABS_X or abs(y) > limits.MAX_ABS_VALUE:
        raise ValueError(text.TOUCH_OUT_OF_RANGE.format(most_x=limits.MAX_ABS_X, most_y=limits.MAX_ABS_VALUE))
    return x, y
