"""Pace: chunks fit the frame budget, never pass the user's limit, and recover from a slow frame."""

from curvefit.budgets.frame_pace import FIRST_CHUNK, MIN_TRAIN_S, Pace


def test_first_chunk_is_small_and_within_the_limit():
    assert Pace().steps(1000) == FIRST_CHUNK
    assert Pace().steps(3) == 3


def test_chunks_grow_at_most_twofold_up_to_what_fits_the_budget():
    pace = Pace(budget_s=0.1)
    sizes = []
    for _ in range(12):
        steps = pace.steps(10_000)
        sizes.append(steps)
        pace.record(steps, steps * 0.0001)  # 0.1 ms a step: 1000 fit in the budget
    assert sizes[:4] == [10, 20, 40, 80] and sizes[-1] == 1000


def test_a_slow_frame_shrinks_the_next_chunk_at_once():
    pace = Pace(budget_s=0.1)
    pace.record(500, 0.05)
    pace.record(500, 1.0)  # another session took the core: 2 ms a step
    assert pace.steps(10_000) == 50


def test_the_users_limit_always_wins():
    pace = Pace(budget_s=0.1)
    pace.record(10, 0.00001)
    assert pace.steps(7) == 7 and pace.steps(1) == 1


def test_drawing_time_comes_out_of_the_frame_budget():
    pace = Pace(budget_s=0.1)
    pace.record(1000, 0.1)  # 0.1 ms a step
    pace.record_draw(0.06)
    assert pace.steps(10_000) == 400  # training gets the 40 ms that drawing leaves
    pace.record_draw(0.5)  # drawing alone overruns the budget: training keeps its minimum
    assert pace.steps(10_000) == int(MIN_TRAIN_S / 0.0001)


def test_under_load_frames_are_rarer_and_carry_as_many_more_steps():
    from curvefit.budgets.frame_pace import FRAME_INTERVAL_S, frame_interval, frame_steps, load

    assert load(1, 2) == 1.0 and load(20, 2) == 10.0 and load(3, 0) == 3.0
    assert frame_interval(0.0, 10.0) == 10 * FRAME_INTERVAL_S and frame_steps(5, 10.0) == 50
    assert frame_interval(0.3, 1.0) == 0.6 and frame_steps(5, 1.0) == 5  # a costly fit alone: its own pace


def test_under_load_a_frame_reaches_its_size_at_once_rather_than_doubling_over_many_rare_frames():
    from curvefit.budgets.frame_pace import frame_steps

    pace, limit = Pace(budget_s=0.05), frame_steps(5, 40.0)  # 40 sessions on one turn: a frame every 4 s
    sizes = []
    for _ in range(3):
        sizes.append(pace.steps(limit, load=40.0))
        pace.record(sizes[-1], sizes[-1] * 0.00004)  # the tutorial's 40 µs a step
    assert sizes == [FIRST_CHUNK, 200, 200]  # not 10, 20, 40: a frame every 4 s would take 20 s to grow
