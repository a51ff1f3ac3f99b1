"""The training as an animated GIF in the tutorial's look (points, the red fit, "Loss=…"), and the fit as a PNG.

Drawn with Pillow, which Streamlit already brings: matplotlib would be a large dependency for two pictures.
"""

import io

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from ..drawing.timeline import Timeline
from ..drawing.views import grid
from ..inputs.data import evenly_spread
from ..training.trainer import Trainer

WIDTH, HEIGHT = 480, 360  # pixels, as a small matplotlib figure
MAX_FRAMES = 100  # evenly picked from the timeline: ten seconds at the tutorial's pause
FRAME_MS = 100  # the tutorial's plt.pause(0.1)
MAX_POINTS = 1000  # drawn; more would only blot the plot
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 24, 30  # the plot's margins: tick labels, and the step above
# Drawn in a palette of these five colours, as a GIF stores them: no per-frame colour reduction
# (which took ~25 ms a frame), and text without antialiasing keeps to them.
PALETTE = [(255, 255, 255), (31, 119, 180), (214, 39, 40), (60, 60, 60), (200, 200, 200)]
WHITE, BLUE, RED, INK, FRAME = range(len(PALETTE))


def fit_png(trainer: Trainer) -> bytes:
    """The fit as it is now, as a PNG."""
    loss = trainer.losses()[0]
    picture = _Picture(trainer, [trainer.predict(grid(trainer))])
    buffer = io.BytesIO()
    picture.draw(picture.curves[0], loss, trainer.step).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def training_gif(trainer: Trainer, timeline: Timeline) -> bytes:
    """The fit at each of at most MAX_FRAMES snapshots, evenly spread over the run, and as it is now."""
    steps = [step for step in timeline.steps if step < trainer.step]
    snapshots = [timeline.at(steps[i]) for i in evenly_spread(len(steps), MAX_FRAMES - 1)] if steps else []
    now = (trainer.step, trainer.predict(grid(trainer)), trainer.losses()[0])
    frames = [(s.step, s.y, s.train) for s in snapshots] + [now]
    picture = _Picture(trainer, [y for _, y, _ in frames])
    images = [picture.draw(y, loss, step) for step, y, loss in frames]
    buffer = io.BytesIO()
    durations = [FRAME_MS] * (len(images) - 1) + [20 * FRAME_MS]  # the last picture stays a while
    images[0].save(
        buffer, format="GIF", save_all=True, append_images=images[1:], duration=durations, loop=0, optimize=True
    )
    return buffer.getvalue()


class _Picture:
    """The axes every frame shares: the data's x range and a y range that holds the points and the curves."""

    def __init__(self, trainer: Trainer, curves: list[np.ndarray]):
        data = trainer.data
        x = np.concatenate([data.x_train.numpy().ravel(), data.x_test.numpy().ravel()])
        y = np.concatenate([data.y_train.numpy().ravel(), data.y_test.numpy().ravel()])
        keep = evenly_spread(len(x), MAX_POINTS)
        self.x, self.y, self.curves, self.grid = x[keep], y[keep], curves, grid(trainer)
        self.x_lo, self.x_hi = (float(v) for v in self.grid[[0, -1]])
        if not self.x_hi > self.x_lo:  # points whose x float32 cannot tell apart: one unit around them
            self.x_lo, self.x_hi = self.x_lo - 0.5, self.x_hi + 0.5
        finite = y[np.isfinite(y)]
        y_lo, y_hi = float(finite.min()), float(finite.max())
        margin = 0.15 * ((y_hi - y_lo) or 1.0)  # the curves may run past the points by this much, then clip
        self.y_lo, self.y_hi = y_lo - margin, y_hi + margin
        self.font = ImageFont.load_default(size=11)
        self.big = ImageFont.load_default(size=20)
        self.base = self._axes_and_points()  # the same in every frame: drawn once

    def draw(self, curve: np.ndarray, loss: float, step: int) -> Image.Image:
        """One frame: the points in blue, the curve in thick red, "Loss=…" in red on the plot, the step."""
        image = self.base.copy()
        pen = ImageDraw.Draw(image)
        pen.fontmode = "1"
        xs, ys = self._to_pixels(self.grid, curve)
        inside = np.isfinite(ys) & (curve >= self.y_lo) & (curve <= self.y_hi)
        for run in np.split(np.arange(len(ys)), np.flatnonzero(np.diff(inside)) + 1):  # a gap where it leaves
            if inside[run[0]] and len(run) > 1:
                pen.line(list(zip(xs[run].tolist(), ys[run].tolist(), strict=True)), fill=RED, width=4, joint="curve")
        pen.text((LEFT + 10, HEIGHT - BOTTOM - 32), f"Loss={loss:.4f}", fill=RED, font=self.big)  # as plt.text
        # The tutorial's own words in either language (the font has no Chinese): its loop's `t`, plt.text's "Loss=".
        pen.text((WIDTH - RIGHT, TOP - 6), f"t = {step:,}", fill=INK, font=self.font, anchor="rb")
        return image

    def _axes_and_points(self) -> Image.Image:
        image = Image.new("P", (WIDTH, HEIGHT), WHITE)
        image.putpalette([channel for colour in PALETTE for channel in colour])
        pen = ImageDraw.Draw(image)
        pen.fontmode = "1"
        pen.rectangle([LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM], outline=FRAME)
        self._ticks(pen)
        for px, py in zip(*self._to_pixels(self.x, self.y), strict=True):
            pen.ellipse([px - 2, py - 2, px + 2, py + 2], fill=BLUE)
        return image

    def _to_pixels(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        px = LEFT + (x - self.x_lo) / (self.x_hi - self.x_lo) * (WIDTH - LEFT - RIGHT)
        py = HEIGHT - BOTTOM - (y - self.y_lo) / (self.y_hi - self.y_lo) * (HEIGHT - TOP - BOTTOM)
        return px, py

    def _ticks(self, pen: ImageDraw.ImageDraw) -> None:
        for value in _round_ticks(self.x_lo, self.x_hi):
            px, _ = self._to_pixels(np.array([value]), np.array([self.y_lo]))
            pen.text((float(px[0]), HEIGHT - BOTTOM + 4), f"{value + 0.0:.4g}", fill=INK, font=self.font, anchor="ma")
        for value in _round_ticks(self.y_lo, self.y_hi):
            _, py = self._to_pixels(np.array([self.x_lo]), np.array([value]))
            pen.text((LEFT - 4, float(py[0])), f"{value + 0.0:.4g}", fill=INK, font=self.font, anchor="rm")


def _round_ticks(lo: float, hi: float) -> np.ndarray:
    """About five ticks at round values (steps of 1, 2 or 5 times a power of ten) between lo and hi."""
    rough = (hi - lo) / 5 or 1.0
    power = 10 ** np.floor(np.log10(rough))
    step = power * min((1, 2, 5, 10), key=lambda m: abs(m * power - rough))
    return np.arange(np.ceil(lo / step), np.floor(hi / step) + 1) * step
