"""What a user takes home: the data and predictions as CSV, the weights, and a plain PyTorch script."""

import io

import pandas as pd
import torch

from . import views
from .data import SHUFFLE, SPLIT, derived_seed
from .net import ACTIVATIONS
from .objective import LOSSES, OPTIMIZERS, optimizer_settings
from .targets import PRESETS
from .trainer import Trainer

SCRIPT_NAME = "curvefit_fit.py"


def data_csv(trainer: Trainer) -> bytes:
    """Every point, with the split it is in: x, y, split."""
    data = trainer.data
    frames = [
        pd.DataFrame({"x": x.numpy().ravel(), "y": y.numpy().ravel(), "split": split})
        for x, y, split in ((data.x_train, data.y_train, "train"), (data.x_test, data.y_test, "test"))
    ]
    return _csv(pd.concat(frames, ignore_index=True).sort_values("x", kind="stable"))


def predictions_csv(trainer: Trainer) -> bytes:
    """The fit on the chart's grid: x, y."""
    xs = views.grid(trainer)
    return _csv(pd.DataFrame({"x": xs, "y": trainer.predict(xs)}))


def weights_pt(trainer: Trainer) -> bytes:
    """The model's state_dict, as torch.save writes it; the exported script's Net loads it."""
    buffer = io.BytesIO()
    torch.save(trainer.model.state_dict(), buffer)
    return buffer.getvalue()


def script(trainer: Trainer) -> str:
    """A standalone script in the tutorial's style that redoes this run: same data, net, optimizer, steps."""
    cfg = trainer.cfg
    start, changes = trainer.settings_from[0], {step: c for step, c in trainer.settings_from.items() if step}
    n_test = len(trainer.data.x_test)
    points = len(trainer.data.x_train)
    parts = {
        "title": f"{PRESETS[cfg.target].label}, hidden {','.join(map(str, cfg.hidden))}, {cfg.act}, {cfg.opt}",
        "query": "&".join(f"{key}={value}" for key, value in cfg.to_query().items()),
        "seed": cfg.seed,
        "steps": trainer.step,
        "every": max(1, trainer.step // 10),
        "draw_x": _draw_x(cfg),
        "target": PRESETS[cfg.target].code,
        "noise": f"{cfg.noise!r} * torch.{'rand' if cfg.noise_kind == 'uniform' else 'randn'}(x.size())",
        "split": _split(cfg.n, n_test, derived_seed(cfg.seed, SPLIT)),
        "layers": _layers(cfg.hidden),
        "forward": _forward(trainer.model.layer_names, ACTIVATIONS[cfg.act][1]),
        "optimizer": _call(
            f"torch.optim.{OPTIMIZERS[cfg.opt].__name__}", "net.parameters()", **optimizer_settings(start)
        ),
        "loss": _call(f"torch.nn.{LOSSES[cfg.loss][0].__name__}", **LOSSES[cfg.loss][1]),
        "imports": "import math\n\n" if "math." in PRESETS[cfg.target].code else "",
        "schedule": repr({step: optimizer_settings(c) for step, c in sorted(changes.items())}),
        "batch_setup": _batch_setup(points, cfg.batch, derived_seed(cfg.seed, SHUFFLE)),
        "batch_step": _batch_step(points, cfg.batch),
    }
    return SCRIPT.format(**parts)


def _csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, float_format="%.9g").encode()  # 9 digits read back to the same float32


def _call(name: str, *args: str, **kwargs) -> str:
    return f"{name}({', '.join([*args, *(f'{key}={value!r}' for key, value in kwargs.items())])})"


def _draw_x(cfg) -> str:
    if cfg.sampling == "grid":
        return f"x = torch.unsqueeze(torch.linspace({cfg.x_min!r}, {cfg.x_max!r}, {cfg.n}), dim=1)"
    return (
        f"x = {cfg.x_min!r} + ({cfg.x_max!r} - {cfg.x_min!r}) * torch.rand({cfg.n}, 1)\n"
        "    x = torch.sort(x, dim=0).values"
    )


def _split(n: int, n_test: int, seed: int) -> str:
    if not n_test:
        return "return x, y, x[:0], y[:0]"
    return (
        f"test = torch.zeros({n}, dtype=torch.bool)  # the held-out points, drawn from their own generator\n"
        f"    test[torch.randperm({n}, generator=torch.Generator().manual_seed({seed}))[:{n_test}]] = True\n"
        "    return x[~test], y[~test], x[test], y[test]"
    )


def _layers(hidden: tuple[int, ...]) -> str:
    sizes = (1, *hidden)
    lines = [
        f"self.{'hidden' if depth == 1 else f'hidden{depth}'} = torch.nn.Linear({fan_in}, {fan_out})"
        for depth, (fan_in, fan_out) in enumerate(zip(sizes, sizes[1:], strict=False), start=1)
    ]
    return "\n        ".join([*lines, f"self.predict = torch.nn.Linear({hidden[-1]}, 1)"])


def _forward(names: list[str], activation: str) -> str:
    return "\n        ".join([*(f"x = {activation}(self.{name}(x))" for name in names[:-1]), "return self.predict(x)"])


def _batch_setup(points: int, batch: int, seed: int) -> str:
    if not batch or batch >= points:
        return ""
    return (
        f"    per_epoch = -(-len(x) // {batch})  # mini-batches of {batch}, reshuffled every epoch\n"
        f"    shuffle_seed = {seed}  # plus the epoch number: the shuffles come from the seed too\n"
    )


def _batch_step(points: int, batch: int) -> str:
    if not batch or batch >= points:
        return "prediction = net(x)\n        loss = loss_func(prediction, y)"
    return (
        "epoch, position = divmod(t, per_epoch)\n"
        "        if position == 0:\n"
        "            shuffle = torch.Generator().manual_seed((shuffle_seed + epoch) % 2**64)\n"
        "            order = torch.randperm(len(x), generator=shuffle)\n"
        f"        index = order[position * {batch} : (position + 1) * {batch}]\n"
        "        prediction = net(x[index])\n"
        "        loss = loss_func(prediction, y[index])"
    )


SCRIPT = '''"""curvefit export: {title}.

The same data, network, optimizer and number of steps as on the page, in plain PyTorch.
Run: python curvefit_fit.py
Settings: ?{query}
"""

{imports}import torch
import torch.nn.functional as F

SEED = {seed}
STEPS = {steps}
PRINT_EVERY = {every}
# step -> the optimizer settings changed on the page from that step on
SCHEDULE = {schedule}


def make_data():
    """The points, drawn in the tutorial's order: x, then the noise."""
    torch.manual_seed(SEED)
    {draw_x}
    y = {target} + {noise}
    {split}


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        {layers}

    def forward(self, x):
        {forward}


def main():
    x, y, x_test, y_test = make_data()
    net = Net()  # its default init continues the seeded stream after the data, as in the tutorial
    print(net)
    optimizer = {optimizer}
    loss_func = {loss}
{batch_setup}    for t in range(STEPS):
        if t in SCHEDULE:
            for group in optimizer.param_groups:
                group.update(SCHEDULE[t])
        {batch_step}
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if (t + 1) % PRINT_EVERY == 0 or t + 1 == STEPS:
            print(f"step {{t + 1}}/{{STEPS}}  loss {{loss.item():.6f}}")
    with torch.no_grad():
        print(f"final loss {{loss_func(net(x), y).item():.9g}}")
        if len(x_test):
            print(f"final test loss {{loss_func(net(x_test), y_test).item():.9g}}")


if __name__ == "__main__":
    main()
'''
