"""The residual's spectrum: numpy's FFT of a known residual; the net learns the slow wave before the fast one."""

import numpy as np
import pytest
import torch

from curvefit import Config, Trainer, spectrum
from curvefit.analysis import spectrum as waves
from curvefit.drawing.learning import Track, draw_learning
from curvefit.drawing.timeline import Timeline
from curvefit.inputs.data import split


def test_a_known_residual_reads_as_numpys_fft_of_it_windowed():
    x = np.linspace(-1, 1, waves.GRID)
    residual = 0.1 + 0.7 * np.sin(np.pi * x) + 0.3 * np.sin(8 * np.pi * x)
    found = waves.spectrum_of(residual, 2.0)
    window = np.hanning(len(x))
    expected = 2 * np.abs(np.fft.rfft((residual - residual.mean()) * window)) / window.sum()
    assert np.allclose(found.amplitude[1:], expected[1:]) and found.amplitude[0] == pytest.approx(residual.mean())
    assert found.frequency[1] == 0.5  # waves per unit of x: one across the span of 2
    assert found.frequency[8] == 4.0 and found.amplitude[8] == pytest.approx(0.3, abs=0.02)  # 8πx: 4 waves a unit
    assert found.amplitude[1] == pytest.approx(0.7, abs=0.02)  # sin(πx): half a wave a unit
    assert found.amplitude[20:].max() < 0.01  # nothing leaks far


def test_the_residual_is_the_true_function_minus_the_fit_for_generated_data():
    trainer = Trainer(Config(target="sin", noise=0.0))
    grid = waves.even_grid(trainer)
    fit = trainer.predict(grid.astype(np.float32)).astype(np.float64)
    expected = waves.spectrum_of(np.sin(np.pi * grid.astype(np.float32)).astype(np.float64) - fit, 2.0)
    assert np.allclose(spectrum(trainer).amplitude, expected.amplitude, atol=1e-6)


def test_for_own_points_it_is_the_points_minus_the_fit_spread_on_the_grid():
    x = torch.linspace(0, 10, 40).reshape(-1, 1)
    y = torch.sin(x)
    trainer = Trainer(Config(), data=split(x, y, 0.0, 0))
    grid = waves.even_grid(trainer)
    assert grid[0] == 0 and grid[-1] == 10
    target = waves.target_on_grid(trainer)
    assert np.allclose(target, np.interp(grid, x.numpy().ravel(), y.numpy().ravel()))


def test_the_net_learns_the_slow_wave_before_the_fast_one():
    trainer = Trainer(Config(target="waves", hidden=(64, 64), act="tanh", opt="adam", lr=0.01))
    start = spectrum(trainer).amplitude
    trainer.train(150)
    early = spectrum(trainer).amplitude
    assert early[1] < 0.1 * start[1]  # sin(πx): learned
    assert early[8] > 0.8 * start[8]  # 0.3 sin(8πx): not yet
    trainer.train(1350)
    assert spectrum(trainer).amplitude[8] < 0.3 * start[8]  # then it is


def test_the_views_draw_at_most_1000_cells_and_the_timeline_scrubs_the_spectrum():
    trainer, timeline, track = Trainer(Config(target="waves")), Timeline(), Track()
    for _ in range(60):
        trainer.train(10)
        timeline.record(trainer)
    frame = draw_learning(trainer, track, timeline)
    cells = frame.heatmap["datasets"]["cells"]
    assert len(cells) <= 1000 and cells["step"].nunique() <= 40
    earlier = draw_learning(trainer, track, timeline, shown_step=100)
    assert not np.allclose(earlier.spectrum["datasets"]["bars"]["size"], frame.spectrum["datasets"]["bars"]["size"])
    assert "of the largest stable step" in frame.sharpness_caption and "2/lr" in frame.sharpness_caption
