"""The timeline: snapshots of the fit that equal a replay, in bounded memory, evenly thinned."""

import tracemalloc

import numpy as np

from curvefit import Config, Trainer
from curvefit.drawing.timeline import Timeline
from curvefit.drawing.views import grid


def _replayed(cfg: Config, step: int, changes: dict[int, dict]) -> Trainer:
    trainer, done = Trainer(cfg), 0
    for at, change in sorted(changes.items()):
        if at <= step:
            trainer.train(at - done)
            trainer.update(trainer.cfg.replace(**change))
            done = at
    trainer.train(step - done)
    return trainer


def test_a_snapshot_equals_a_fresh_replay_to_its_step_bit_for_bit():
    cfg = Config(opt="adam", lr=0.02, batch=16, test=0.2, hidden=(8, 8))
    changes = {120: {"lr": 0.005}}
    trainer, timeline = Trainer(cfg), Timeline()
    for chunk in [7, 13, 100, 1, 40, 39, 60]:  # frames of uneven sizes, as the pace makes them
        timeline.record(trainer)
        if trainer.step == 120:
            trainer.update(trainer.cfg.replace(**changes[120]))
        trainer.train(chunk)
    timeline.record(trainer)
    assert timeline.steps == [0, 7, 20, 120, 121, 161, 200, 260]
    for step in timeline.steps:
        snapshot, replay = timeline.at(step), _replayed(cfg, step, changes)
        assert snapshot.step == step
        assert np.array_equal(snapshot.y, replay.predict(grid(replay)))
        assert (snapshot.train, snapshot.test) == replay.losses()


def test_at_gives_the_nearest_snapshot_at_or_before_a_step():
    trainer, timeline = Trainer(Config()), Timeline()
    for _ in range(3):
        timeline.record(trainer)
        trainer.train(10)
    assert timeline.at(15).step == 10 and timeline.at(20).step == 20 and timeline.at(999).step == 20
    assert Timeline().at(5) is None


def test_memory_is_bounded_and_long_runs_are_thinned_evenly():
    tracemalloc.start()
    full = Timeline()  # its arrays are made at once, at their whole size
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert 0 < held <= 2 * 2**20 and full.capacity == 1000  # a session's budget for its timeline
    trainer, timeline = Trainer(Config()), Timeline(capacity=40)
    for chunk in [3, 5, 7] * 400:  # 6,000 steps in 1,200 uneven frames
        timeline.record(trainer)
        trainer.train(chunk)
        assert len(timeline.steps) <= 40
    timeline.record(trainer)
    steps = np.array(timeline.steps)
    gaps = np.diff(steps)
    assert steps[0] == 0 and trainer.step - steps[-1] <= timeline.stride
    assert len(steps) >= 20 and gaps.max() <= 3 * gaps.min()  # spread evenly over the whole run


def test_a_reset_or_a_blow_up_drops_the_snapshots_past_the_step_it_went_back_to():
    trainer, timeline = Trainer(Config()), Timeline()
    for _ in range(5):
        timeline.record(trainer)
        trainer.train(10)
    trainer.reset()
    timeline.record(trainer)
    assert timeline.steps == [0] and timeline.stride == 1
    trainer.train(10)
    timeline.record(trainer)
    assert np.array_equal(timeline.at(10).y, trainer.predict(grid(trainer)))
