"""The GIF of the training and the PNG of the fit: they decode, in the tutorial's look, bounded in frames and size."""

import io

import numpy as np
from PIL import Image

from curvefit import Config, Trainer
from curvefit.drawing.timeline import Timeline
from curvefit.serving.animation import HEIGHT, MAX_FRAMES, PALETTE, RED, WIDTH, fit_png, training_gif


def _trained(frames: int, steps: int = 5) -> tuple[Trainer, Timeline]:
    trainer, timeline = Trainer(Config()), Timeline()
    for _ in range(frames):
        timeline.record(trainer)
        trainer.train(steps)
    return trainer, timeline


def _frames(gif: bytes) -> list[np.ndarray]:
    image = Image.open(io.BytesIO(gif))
    found = []
    for index in range(image.n_frames):
        image.seek(index)
        found.append(np.asarray(image.convert("RGB")))
    return found


def test_the_gif_has_a_frame_per_snapshot_and_the_fit_as_it_is_now():
    trainer, timeline = _trained(12)
    frames = _frames(training_gif(trainer, timeline))
    assert len(frames) == 13 and frames[0].shape == (HEIGHT, WIDTH, 3)
    assert not np.array_equal(frames[0], frames[-1])  # the red line moved
    red = np.all(frames[-1] == PALETTE[RED], axis=-1)
    assert red.sum() > 500  # the thick red line and "Loss=…" in red


def test_a_long_run_gives_at_most_max_frames_and_a_small_file():
    trainer, timeline = _trained(3000, steps=1)
    gif = training_gif(trainer, timeline)
    assert len(_frames(gif)) == MAX_FRAMES and len(gif) < 1_000_000


def test_before_any_training_the_gif_is_the_one_start_picture():
    trainer = Trainer(Config())
    assert len(_frames(training_gif(trainer, Timeline()))) == 1


def test_the_png_is_the_current_fit_with_its_loss_in_red():
    trainer, _ = _trained(1, steps=50)
    image = np.asarray(Image.open(io.BytesIO(fit_png(trainer))).convert("RGB"))
    assert image.shape == (HEIGHT, WIDTH, 3) and np.all(image == PALETTE[RED], axis=-1).sum() > 500
