"""The player: the steps a second the status line shows hold steady while frames come uneven."""

from curvefit.session import player as player_module
from curvefit.session.player import SPEED_WINDOW_S, Player


def test_the_speed_is_averaged_over_the_last_seconds_not_frame_by_frame(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(player_module.time, "monotonic", lambda: now[0])
    player, step, shown = Player(), 0, []
    for frame in range(100):  # 50 steps a second in all, in frames of uneven size and timing
        now[0] += 0.02 if frame % 2 else 0.18
        step += 9 if frame % 2 else 1
        player.measure(step)
        shown.append(player.steps_per_s)
    settled = shown[int(SPEED_WINDOW_S / 0.1) + 1 :]
    assert all(45 < rate < 55 for rate in settled), (min(settled), max(settled))  # frame by frame: 5.6 and 450
    player.pause()
    player.measure(step)
    assert player.steps_per_s == 0.0  # a new Play measures its own, from its second frame
