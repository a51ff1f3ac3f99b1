"""What the costliest settings a link can ask for cost: CPU for a 200-step chunk, a frame, and memory.

Every combination of the sizes a link can set is clamped at the page's door (budgets/allowed.py, by
cost.py's model); this measures the ones the model puts highest, a random sample, and the links issue 10
named, each in a fresh process on one thread, against the tutorial's, and prints the model's prediction beside each.
Run: .venv/bin/python -m benchmarks.caps   (add --top 2 --sample 1 --steps 5 for a smoke run)
"""

import argparse
import itertools
import json
import os
import random
import subprocess
import sys

from curvefit.budgets import allowed, cost

BUDGET_S, BUDGET_MB = 0.5, 64  # the promises: a 200-step chunk, and what one fit holds
NAMED = {
    "tutorial (baseline)": {},
    "issue 10's link": {"hidden": "256,256,256,256", "batch": "1", "band": "64", "opt": "adam", "lr": "0.0001"},
    "100k points, 64,64, batch 1, half held out": {"n": "100000", "hidden": "64,64", "batch": "1", "test": "0.5"},
}
GRID = {  # the corners of what a link can set
    "hidden": ["10", "256", "256,256", "64,64,64,64", "256,256,256,256"],
    "n": ["100", "100000"],
    "batch": ["1", "full"],
    "band": ["0", "64"],
    "test": ["0", "0.5"],
    "act": ["relu", "gelu"],
    "opt": ["sgd", "adam", "rmsprop"],
    "momentum": ["0", "0.9"],
}

# Runs in a fresh process: builds the Trainer (first load), trains a chunk, draws a frame's views.
PROBE = """
import json, os, resource, sys, time
import torch
torch.set_num_threads(1)
from curvefit import Config, Trainer
from curvefit.budgets import allowed
from curvefit.drawing.frame import draw_frame
from curvefit.drawing.inside_views import REFERENCES

def rss_mb():
    return int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

query, steps = json.loads(sys.argv[1]), int(sys.argv[2])
cfg, _ = allowed.parse({"lr": "1e-5", **query})  # a small lr: a diverging chunk would stop early
warm = Trainer(Config())
warm.train(2)
draw_frame(warm, set(REFERENCES))  # torch, numpy and the chart shapes warmed up, as on a running server
base = rss_mb()
start = time.process_time()
trainer = Trainer(cfg)
built = time.process_time() - start
start = time.process_time()
trainer.train(steps)
chunk = time.process_time() - start
start = time.process_time()
draw_frame(trainer, set(REFERENCES))  # the first frame: it also fits the polynomial
first_frame = time.process_time() - start
trainer.train(1)  # new weights: the next frame measures them again
start = time.process_time()
draw_frame(trainer, set(REFERENCES))
frame = time.process_time() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"build": built, "chunk": chunk, "frame": frame, "first_frame": first_frame, "held_mb": peak - base,
                  "moved": trainer.step, "cfg": cfg.to_query()}))
"""


def measure(query: dict, steps: int) -> dict:
    """One fit's costs, measured in a fresh process on one thread."""
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(query), str(steps)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(out.stdout)


def highest(top: int, sample: int, seed: int = 0) -> dict[str, dict]:
    """The grid's links the model puts highest, by chunk time, by memory and by a frame's work, and a random sample."""
    links = [dict(zip(GRID, values, strict=True)) for values in itertools.product(*GRID.values())]
    fits = [(link, cost.sizes(allowed.parse(link)[0])) for link in links]
    chosen = {}

    def frame_s(fit):  # each frame evaluates every point
        return cost.eval_s(fit, fit.train + fit.test)

    for key in (cost.chunk_s, cost.memory_bytes, frame_s):
        for link, _ in sorted(fits, key=lambda pair: -key(pair[1]))[:top]:
            chosen[f"highest {key.__name__}: " + ",".join(f"{k}={v}" for k, v in link.items())] = link
    for link in random.Random(seed).sample(links, sample):
        chosen["sample: " + ",".join(f"{k}={v}" for k, v in link.items())] = link
    return chosen


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=cost.CHUNK_STEPS)
    parser.add_argument("--top", type=int, default=8, help="links the model puts highest, per budget")
    parser.add_argument("--sample", type=int, default=8, help="random links of the grid")
    args = parser.parse_args(argv)
    cases = {**NAMED, **highest(args.top, args.sample)}
    results = {name: measure(query, args.steps) for name, query in cases.items()}
    base = results["tutorial (baseline)"]["chunk"]
    columns = ("chunk s", "x tut", "model s", "frame s", "1st fr s", "build s", "MB", "model MB")
    print(f"{'case':110} " + " ".join(f"{column:>8}" for column in columns))
    for name, r in results.items():
        fit = cost.sizes(allowed.parse(r["cfg"])[0])
        row = (r["chunk"], r["chunk"] / base, cost.chunk_s(fit), r["frame"], r["first_frame"], r["build"], r["held_mb"])
        print(
            f"{name[:110]:110} "
            + " ".join(f"{value:>8.3f}" for value in row)
            + f" {cost.memory_bytes(fit) / 2**20:>8.1f}"
        )
    worst_s = max(r["chunk"] for r in results.values())
    worst_mb = max(r["held_mb"] for r in results.values())
    worst_frame = max(r["frame"] for r in results.values())
    worst_first = max(r["first_frame"] for r in results.values())
    print(
        f"worst chunk {worst_s:.3f} s (promise {BUDGET_S} s), worst held {worst_mb:.1f} MB (promise {BUDGET_MB} MB), "
        f"worst frame {worst_frame:.3f} s, worst first frame {worst_first:.3f} s"
    )


if __name__ == "__main__":
    main()
