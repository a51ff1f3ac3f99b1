"""curvefit's training speed against plain PyTorch loops, as ratios measured in this one process.

Run: .venv/bin/python -m benchmarks.speed   (add --repeats 1 --steps 5 for a smoke run)
Each row alternates the two sides, takes the median of the repeats, and prints their ratio.
"""

import argparse
import os
import platform
import statistics
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as a session on a shared server gets

import torch  # noqa: E402  (after the thread setting, which torch reads on import)

from curvefit import Config, Trainer  # noqa: E402
from curvefit.budgets.frame_pace import Pace  # noqa: E402
from curvefit.drawing import charts, views  # noqa: E402
from curvefit.drawing.frame import draw_frame  # noqa: E402
from curvefit.drawing.inside_views import REFERENCES  # noqa: E402
from curvefit.drawing.learning import Track, draw_learning  # noqa: E402
from curvefit.drawing.timeline import Timeline  # noqa: E402
from curvefit.inputs.data import make_data  # noqa: E402
from curvefit.training.net import Net, init_weights  # noqa: E402
from curvefit.training.objective import make_loss  # noqa: E402
from tests.test_engine import torch_optimizer  # noqa: E402


def plain_loop(cfg: Config):
    """The tutorial's loop for cfg, with plain nn.Module and torch.optim: returns run(steps)."""
    data = make_data(cfg)
    net = Net(cfg.hidden, cfg.act)
    init_weights(net, torch.Generator().manual_seed(cfg.seed))
    optimizer, loss_func = torch_optimizer(net.parameters(), cfg), make_loss(cfg)
    x, y, n = data.x_train, data.y_train, len(data.x_train)
    order, at = torch.randperm(n), 0

    def run(steps: int) -> None:
        nonlocal order, at
        for _ in range(steps):
            if cfg.batch and cfg.batch < n:  # mini-batches of a shuffle, reshuffled each epoch
                if at >= n:
                    order, at = torch.randperm(n), 0
                index = order[at : at + cfg.batch]
                at += cfg.batch
                xb, yb = x[index], y[index]
            else:
                xb, yb = x, y
            loss = loss_func(net(xb), yb)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

    return run


def seconds(run, steps: int) -> float:
    start = time.perf_counter()
    run(steps)
    return time.perf_counter() - start


def ratio(ours, theirs, steps: int, repeats: int) -> tuple[float, float, float]:
    """Median seconds of each side over alternating repeats, and theirs / ours (above 1: we are faster)."""
    ours_s, theirs_s = [], []
    for _ in range(repeats):
        ours_s.append(seconds(ours, steps))
        theirs_s.append(seconds(theirs, steps))
    ours_m, theirs_m = statistics.median(ours_s), statistics.median(theirs_s)
    return ours_m, theirs_m, theirs_m / ours_m


def speed_row(name: str, cfg: Config, steps: int, repeats: int, target: str) -> None:
    trainer = Trainer(cfg)
    ours_s, theirs_s, times = ratio(trainer.train, plain_loop(cfg), steps, repeats)
    if trainer.diverged:  # a stopped run costs nothing: its speed would be a lie
        print(f"{name:44} diverged at step {trainer.step}: not timed")
        return
    print(f"{name:44} {steps / ours_s:>12,.0f} {steps / theirs_s:>12,.0f} {times:>7.2f}x  {target}")


def ensemble_row(k: int, steps: int, repeats: int) -> None:
    """P2: K tutorial nets trained at once, in model-steps per second, against the tutorial loop K times."""
    trainer = Trainer(Config(band=k))
    band = trainer.band
    ours_s, theirs_s, _ = ratio(lambda n: band.train_to(band.step + n), plain_loop(Config()), steps, repeats)
    name, ours, theirs = f"P2 K={k} ensemble, model-steps/s", k * steps / ours_s, steps / theirs_s
    print(f"{name:44} {ours:>12,.0f} {theirs:>12,.0f} {ours / theirs:>7.2f}x  >= 30x")


def frame_row(name: str, cfg: Config, steps: int, repeats: int) -> None:
    """P3: one live frame as the page's fragment does it, server side: a chunk, then the drawing.

    The drawing is timed against the frame before issue 11 (the losses, the fit and the loss chart
    only), alternating in this process: the ratio is what seeing inside the fit costs a frame.
    """
    trainer, pace, timeline, track = Trainer(cfg), Pace(), Timeline(), Track()
    train_s, draw_s, plain_s, learning_s, rows = [], [], [], [], 0
    for _ in range(repeats):
        start = time.perf_counter()
        trainer.train(pace.steps(steps))
        train_s.append(time.perf_counter() - start)
        start = time.perf_counter()
        train_loss, _ = trainer.losses()
        charts.fit_spec(views.fit_view(trainer, train_loss)), charts.loss_spec(views.loss_view(trainer.history))
        plain_s.append(time.perf_counter() - start)
        trainer.memo.clear()  # as after a chunk: nothing measured yet for these weights
        start = time.perf_counter()
        frame = draw_frame(trainer, set(REFERENCES))
        timeline.record(trainer)  # (as the page's frame does: the spectrum's history is the timeline's)
        draw_s.append(time.perf_counter() - start)
        start = time.perf_counter()  # the sharpness and the frequencies: the inside panel draws them too
        learning = draw_learning(trainer, track, timeline)
        learning_s.append(time.perf_counter() - start)
        specs = (frame.fit.fit, frame.inside.units, frame.inside.loss, learning.sharpness, learning.heatmap)
        rows = max(len(data) for spec in specs for data in spec["datasets"].values())
    train, draw, plain, learning = (statistics.median(s) * 1e3 for s in (train_s, draw_s, plain_s, learning_s))
    print(
        f"{name:44} train {train:>6.1f} ms  draw {draw:>6.1f} ms (before issue 11: {plain:.1f} ms, "
        f"{draw / plain:.1f}x)  sharpness and frequencies {learning:>5.1f} ms  frame {train + draw + learning:>6.1f} ms"
        f"  rows/layer {rows}"
    )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--steps", type=int, default=200)
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, torch threads {torch.get_num_threads()}"
    )
    print(f"{'case':44} {'ours steps/s':>12} {'plain':>12} {'ratio':>8}  target")
    tutorial = Config()
    big = Config(n=100_000, hidden=(64, 64), batch=256)
    variants = (("", {}), (", adam", {"opt": "adam", "lr": 0.01}), (", tanh", {"act": "tanh", "lr": 0.05}))
    for suffix, changes in variants:  # tanh at lr 0.2 diverges on the 64,64 net
        speed_row(f"P1 tutorial size{suffix}", tutorial.replace(**changes), args.steps, args.repeats, ">= 5x")
        speed_row(
            f"P4 100k points, 64,64, batch 256{suffix}", big.replace(**changes), args.steps, args.repeats, ">= 1.5x"
        )
    ensemble_row(32, args.steps, args.repeats)
    frame_row("P3 one frame, default settings", tutorial, 50, args.repeats)
    frame_row("P3 one frame, 100k points, 64,64, batch 256", big, 50, args.repeats)
    frame_row(
        "P3 one frame, 256-wide, 20k points, test 0.5",
        Config(hidden=(256,), n=20_000, batch=64, test=0.5),
        50,
        args.repeats,
    )


if __name__ == "__main__":
    main()
