"""How long a 200-step chunk takes at the caps, as a ratio to the tutorial's chunk in this process.

Run: .venv/bin/python -m benchmarks.caps   (add --repeats 1 --steps 5 for a smoke run)
"""

import argparse
import os
import statistics
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as a session on a shared server gets

import torch  # noqa: E402  (after the thread setting, which torch reads on import)

from curvefit import Config, Trainer  # noqa: E402

CASES = {
    "tutorial (baseline)": {},
    "100k points, tutorial net": {"n": "100000"},
    "100 points, 4 x 256": {"hidden": "256,256,256,256"},
    "100k points, 64,64, adam": {"n": "100000", "hidden": "64,64", "opt": "adam"},
    "10k points, 4 x 256, gelu": {"n": "10000", "hidden": "256,256,256,256", "act": "gelu"},
    "100k points, half held out": {"n": "100000", "test": "0.5"},
    "20k points, half held out, 64,64": {"n": "20000", "test": "0.5", "hidden": "64,64"},
}


def _chunk_seconds(trainer: Trainer, steps: int) -> float:
    start = time.perf_counter()
    trainer.train(steps)
    return time.perf_counter() - start


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--steps", type=int, default=200, help="steps in a chunk")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    trainers = {name: Trainer(Config.from_query(query)) for name, query in CASES.items()}
    times = {name: [] for name in CASES}
    for _ in range(args.repeats):  # alternate the cases so a noisy moment hits them all alike
        for name, trainer in trainers.items():
            times[name].append(_chunk_seconds(trainer, args.steps))
    baseline = statistics.median(times["tutorial (baseline)"])
    print(f"{'case':36} {'batch':>7} {'median s':>9} {'x tutorial':>10}")
    for name, trainer in trainers.items():
        median = statistics.median(times[name])
        batch = trainer.cfg.batch or len(trainer.data.x_train)
        print(f"{name:36} {batch:>7} {median:>9.3f} {median / baseline:>10.1f}")


if __name__ == "__main__":
    main()
