"""What a user takes home: the data and predictions as CSV, the weights, and a plain PyTorch script."""

import io

import pandas as pd
import torch

from ..drawing import views
from ..inputs.data import SHUFFLE, SPLIT, derived_seed
from ..inputs.formula import Formula
from ..inputs.targets import PRESETS, target_label
from ..training.net import ACTIVATIONS
from ..training.objective import LOSSES, OPTIMIZERS, optimizer_settings
from ..training.trainer import Trainer

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
    # Copies: the parameters are views of the engine's one buffer, which torch.save would store whole.
    torch.save({name: value.clone() for name, value in trainer.model.state_dict().items()}, buffer)
    return buffer.getvalue()


def script(trainer: Trainer) -> str:
    """A standalone script in the tutorial's style that redoes this run: same data, net, optimizer, steps."""
    cfg = trainer.cfg
    start, changes = trainer.settings_from[0], {step: c for step, c in trainer.settings_from.items() if step}
    n_test = len(trainer.data.x_test)
    points = len(trainer.data.x_train)
    source = _generated(cfg, n_test) if trainer.generated else READ_DATA
    parts = {
        "title": f"{target_label(cfg.target) if trainer.generated else 'your data'}, hidden "
        f"{','.join(map(str, cfg.hidden))}, {cfg.act}, {cfg.opt}",
        "query": "&".join(f"{key}={value}" for key, value in cfg.to_query().items()),
        "seed": cfg.seed,
        "steps": trainer.step,
        "every": max(1, trainer.step // 10),
        "imports": _imports(cfg, trainer.generated),
        "make_data": source,
        "scale": _scale(trainer.scale),
        "layers": _layers(cfg.hidden),
        "forward": _forward(trainer.model.layer_names, ACTIVATIONS[cfg.act][1]),
        "optimizer": _call(
            f"torch.optim.{OPTIMIZERS[cfg.opt].__name__}", "net.parameters()", **optimizer_settings(start)
        ),
        "loss": _call(f"torch.nn.{LOSSES[cfg.loss][0].__name__}", **LOSSES[cfg.loss][1]),
        "schedule": repr({step: optimizer_settings(c) for step, c in sorted(changes.items())}),
        "momentum_fix": RMSPROP_MOMENTUM if cfg.opt == "rmsprop" and changes else "",
        "batch_setup": _batch_setup(points, cfg.batch, derived_seed(cfg.seed, SHUFFLE)),
        "batch_step": _batch_step(points, cfg.batch),
    }
    return SCRIPT.format(**parts)


def _csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, float_format="%.9g").encode()  # 9 digits read back to the same float32


def _call(name: str, *args: str, **kwargs) -> str:
    return f"{name}({', '.join([*args, *(f'{key}={value!r}' for key, value in kwargs.items())])})"


def _imports(cfg, generated: bool) -> str:
    if not generated:
        return "import csv\n\n"
    if cfg.target not in PRESETS:
        return "import numpy as np\n"  # beside torch: both from outside the standard library
    return "import math\n\n" if "math." in PRESETS[cfg.target].code else ""


def _generated(cfg, n_test: int) -> str:
    if cfg.target in PRESETS:
        target = PRESETS[cfg.target].code
    else:  # the formula, computed in float64 as on the page, then rounded to float32
        target = "torch.from_numpy(target(x.numpy().astype(np.float64))).to(torch.float32)"
    noise = f"{cfg.noise!r} * torch.{'rand' if cfg.noise_kind == 'uniform' else 'randn'}(x.size())"
    lines = [
        "torch.manual_seed(SEED)",
        _draw_x(cfg),
        f"noise = {noise}",
        f"clean = {target}",
        "keep = torch.isfinite(clean).ravel()  # where the target has no value, there is no point",
        "x, y = x[keep], clean[keep] + noise[keep]",
        _split(n_test, derived_seed(cfg.seed, SPLIT)),
    ]
    code = "\n    ".join(lines)
    if cfg.target not in PRESETS:
        code = FORMULA.format(formula=cfg.target, code=Formula(cfg.target).to_code("x")) + code
    return DRAWN + code


def _scale(scale) -> str:
    if not scale.active:
        return ""
    return (
        "    # Standardised, as on the page: the data's scale is far from the tutorial's, where training works best.\n"
        f"    x, x_test = (x - {scale.x_shift!r}) / {scale.x_size!r}, (x_test - {scale.x_shift!r}) / {scale.x_size!r}\n"
        f"    y, y_test = (y - {scale.y_shift!r}) / {scale.y_size!r}, (y_test - {scale.y_shift!r}) / {scale.y_size!r}\n"
    )


def _draw_x(cfg) -> str:
    if cfg.sampling == "grid":
        return f"x = torch.unsqueeze(torch.linspace({cfg.x_min!r}, {cfg.x_max!r}, {cfg.n}), dim=1)"
    return (
        f"x = {cfg.x_min!r} + ({cfg.x_max!r} - {cfg.x_min!r}) * torch.rand({cfg.n}, 1)\n"
        "    x = torch.sort(x, dim=0).values"
    )


def _split(n_test: int, seed: int) -> str:
    if not n_test:
        return "return x, y, x[:0], y[:0]"
    return (
        "test = torch.zeros(len(x), dtype=torch.bool)  # the held-out points, drawn from their own generator\n"
        f"    test[torch.randperm(len(x), generator=torch.Generator().manual_seed({seed}))[:{n_test}]] = True\n"
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


RMSPROP_MOMENTUM = """
            for param, state in optimizer.state.items():  # RMSprop makes this buffer only at its first step
                if state and optimizer.param_groups[0]["momentum"] > 0:
                    state.setdefault("momentum_buffer", torch.zeros_like(param))"""

READ_DATA = """\"\"\"The page's points, from its "Data (CSV)" download saved next to this script.\"\"\"
    with open("curvefit_data.csv", newline="") as file:
        rows = list(csv.DictReader(file))

    def column(name, split):
        return torch.tensor([[float(row[name])] for row in rows if row["split"] == split], dtype=torch.float32)

    torch.manual_seed(SEED)  # the initial weights come from the seed, as on the page
    return column("x", "train"), column("y", "train"), column("x", "test"), column("y", "test")"""

DRAWN = """\"\"\"The points, drawn in the tutorial's order: x, then the noise.\"\"\"

    """

FORMULA = """def target(x):  # the page's formula {formula}, in float64 as the page computes it
        with np.errstate(all="ignore"):
            return {code}

    """

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
    {make_data}


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        {layers}

    def forward(self, x):
        {forward}


def main():
    torch.set_num_threads(1)  # as the page trains: bigger nets round differently on more threads
    x, y, x_test, y_test = make_data()
{scale}    net = Net()  # its default init continues the seeded stream after the data, as in the tutorial
    print(net)
    optimizer = {optimizer}
    loss_func = {loss}
{batch_setup}    for t in range(STEPS):
        if t in SCHEDULE:
            for group in optimizer.param_groups:
                group.update(SCHEDULE[t]){momentum_fix}
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
