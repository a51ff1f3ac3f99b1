"""What a user takes home: the data and predictions as CSV, the weights, and a plain PyTorch script."""

import io

import pandas as pd
import torch

from .. import text
from ..drawing import views
from ..inputs.activations import ACTIVATIONS
from ..inputs.data import SHUFFLE, SPLIT, derived_seed
from ..inputs.formula import Formula
from ..inputs.optimizers import OPTIMIZERS
from ..inputs.targets import PRESETS, target_label
from ..training.objective import LOSSES, optimizer_settings
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
    first = trainer.stages[0][1]  # the points it began on; moved by hand, others came later (see _moved)
    n_test = len(first.x_test)
    points = len(first.x_train)
    moved = {step: data for i, (step, data) in enumerate(trainer.stages) if i or not trainer.born_generated}
    if len(trainer.stages) == 1 and not trainer.generated:
        source = READ_DATA.format(c=_comments())
    else:
        source = _generated(cfg, n_test) if trainer.born_generated else MOVED_FIRST.format(c=_comments())
    in_script = trainer.born_generated or len(trainer.stages) > 1  # the points are in it: no data download read
    parts = {
        "title": f"{target_label(cfg.target) if trainer.born_generated else text.SCRIPT_YOUR_DATA}, hidden "
        f"{','.join(map(str, cfg.hidden))}, {cfg.act}, {cfg.opt}",
        "c": _comments(),
        "query": "&".join(f"{key}={value}" for key, value in cfg.to_query().items()),
        "seed": cfg.seed,
        "steps": trainer.step,
        "every": max(1, trainer.step // 10),
        "imports": _imports(cfg, trainer.born_generated, in_script),
        "moved": _moved(moved) if len(trainer.stages) > 1 else "",
        "take_moved": TAKE_MOVED.format(c=_comments(), scale=_scale(trainer.scale, "    " * 3), again=_again(cfg.batch))
        if len(trainer.stages) > 1
        else "",
        "make_data": source,
        "scale": _scale(trainer.scale),
        "layers": _layers(cfg.hidden),
        "forward": _forward(trainer.model.layer_names, ACTIVATIONS[cfg.act].written),
        "optimizer": _call(
            f"torch.optim.{OPTIMIZERS[cfg.opt].torch_class}", "net.parameters()", **optimizer_settings(start)
        ),
        "loss": _call(f"torch.nn.{LOSSES[cfg.loss][0].__name__}", **LOSSES[cfg.loss][1]),
        "schedule": repr({step: optimizer_settings(c) for step, c in sorted(changes.items())}),
        "momentum_fix": RMSPROP_MOMENTUM.format(rmsprop=text.SCRIPT_RMSPROP)
        if cfg.opt == "rmsprop" and changes
        else "",
        "batch_setup": _batch_setup(points, cfg.batch, derived_seed(cfg.seed, SHUFFLE)),
        "batch_step": _batch_step(points, cfg.batch, moved=len(trainer.stages) > 1),
    }
    return SCRIPT.format(**parts)


def _csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, float_format="%.9g").encode()  # 9 digits read back to the same float32


def _call(name: str, *args: str, **kwargs) -> str:
    return f"{name}({', '.join([*args, *(f'{key}={value!r}' for key, value in kwargs.items())])})"


def _moved(moved: dict) -> str:
    """The points moved by hand on the page, from the step they came in on: (x, y, x_test, y_test) lists."""
    rows = [
        f"    {step}: ({', '.join(repr([float(v) for v in column.numpy().ravel()]) for column in data)}),"
        for step, data in moved.items()
    ]
    return f"# {text.SCRIPT_MOVED}\nPOINTS_FROM = {{\n" + "\n".join(rows) + "\n}" + POINTS


def _again(batch: int) -> str:
    return f"            per_epoch = -(-len(x) // {batch})\n" if batch else ""


def _imports(cfg, generated_first: bool, in_script: bool = True) -> str:
    if not in_script:
        return "import csv\n\n"
    if not generated_first:
        return ""
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
        f"keep = torch.isfinite(clean).ravel()  # {text.SCRIPT_KEEP}",
        "x, y = x[keep], clean[keep] + noise[keep]",
        _split(n_test, derived_seed(cfg.seed, SPLIT)),
    ]
    code = "\n    ".join(lines)
    if cfg.target not in PRESETS:
        code = FORMULA.format(formula=cfg.target, code=Formula(cfg.target).to_code("x"), c=_comments()) + code
    return DRAWN.format(c=_comments()) + code


def _scale(scale, indent: str = "    ") -> str:
    if not scale.active:
        return ""
    return (
        f"{indent}# {text.SCRIPT_STANDARDISED}\n"
        f"{indent}x, x_test = {_shifted('x', scale.x_shift, scale.x_size)}\n"
        f"{indent}y, y_test = {_shifted('y', scale.y_shift, scale.y_size)}\n"
    )


def _shifted(name: str, shift: float, size: float) -> str:
    return f"({name} - {shift!r}) / {size!r}, ({name}_test - {shift!r}) / {size!r}"


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
        f"test = torch.zeros(len(x), dtype=torch.bool)  # {text.SCRIPT_HELD_OUT}\n"
        f"    test[torch.randperm(len(x), generator=torch.Generator().manual_seed({seed}))[:{n_test}]] = True\n"
        "    return x[~test], y[~test], x[test], y[test]"
    )


def _layers(hidden: tuple[int, ...]) -> str:
    sizes = (1, *hidden)
    lines = [
        f"self.{'hidden' if depth == 1 else f'hidden{depth}'} = torch.nn.Linear({fan_in}, {fan_out})"
        for depth, (fan_in, fan_out) in enumerate(zip(sizes, sizes[1:], strict=False), start=1)
    ]
    lines[0] += f"  # {text.SCRIPT_HIDDEN_LAYER}"
    return "\n        ".join([*lines, f"self.predict = torch.nn.Linear({hidden[-1]}, 1)  # {text.SCRIPT_OUTPUT_LAYER}"])


def _forward(names: list[str], activation: str) -> str:
    hidden = [f"x = {activation}(self.{name}(x))  # {text.SCRIPT_ACTIVATION}" for name in names[:-1]]
    return "\n        ".join([*hidden, f"return self.predict(x)  # {text.SCRIPT_OUTPUT}"])


def _batch_setup(points: int, batch: int, seed: int) -> str:
    if not batch or batch >= points:
        return ""
    return (
        f"    per_epoch = -(-len(x) // {batch})  # {text.SCRIPT_PER_EPOCH.format(batch=batch)}\n"
        f"    shuffle_seed = {seed}  # {text.SCRIPT_SHUFFLE_SEED}\n"
    )


def _batch_step(points: int, batch: int, moved: bool = False) -> str:
    c = _comments()
    if not batch or (batch >= points and not moved):  # (moved: a later set of points may be more than a batch)
        return f"prediction = net(x)  # {c['feed']}\n        loss = loss_func(prediction, y)  # {c['loss']}"
    return (
        "epoch, position = divmod(t, per_epoch)\n"
        f"        if position == 0{' or t in POINTS_FROM' if moved else ''}:\n"
        "            shuffle = torch.Generator().manual_seed((shuffle_seed + epoch) % 2**64)\n"
        "            order = torch.randperm(len(x), generator=shuffle)\n"
        f"        index = order[position * {batch} : (position + 1) * {batch}]\n"
        f"        prediction = net(x[index])  # {c['feed']}\n"
        f"        loss = loss_func(prediction, y[index])  # {c['loss']}"
    )


RMSPROP_MOMENTUM = """
            for param, state in optimizer.state.items():  # {rmsprop}
                if state and optimizer.param_groups[0]["momentum"] > 0:
                    state.setdefault("momentum_buffer", torch.zeros_like(param))"""

READ_DATA = """\"\"\"{c[read_data]}\"\"\"
    with open("curvefit_data.csv", newline="") as file:
        rows = list(csv.DictReader(file))

    def column(name, split):
        return torch.tensor([[float(row[name])] for row in rows if row["split"] == split], dtype=torch.float32)

    torch.manual_seed(SEED)  # {c[seeded_weights]}
    return column("x", "train"), column("y", "train"), column("x", "test"), column("y", "test")"""

MOVED_FIRST = """\"\"\"{c[moved_first]}\"\"\"
    torch.manual_seed(SEED)  # {c[seeded_weights]}
    return points(*POINTS_FROM[0])"""

TAKE_MOVED = """        if t in POINTS_FROM:  # {c[take_moved]}
            x, y, x_test, y_test = points(*POINTS_FROM[t])
{scale}{again}"""

POINTS = """


def points(*columns):
    return tuple(torch.tensor(column, dtype=torch.float32).reshape(-1, 1) for column in columns)"""

DRAWN = """\"\"\"{c[drawn]}\"\"\"

    """

FORMULA = """def target(x):  # {c[formula]}: {formula}
        with np.errstate(all="ignore"):
            return {code}

    """

SCRIPT = '''"""curvefit export: {title}.

{c[about]}
{c[run]}: python curvefit_fit.py
{c[settings]}: ?{query}
"""

{imports}import torch
import torch.nn.functional as F  # {c[functional]}

SEED = {seed}
STEPS = {steps}
PRINT_EVERY = {every}
# {c[schedule]}
SCHEDULE = {schedule}
{moved}


def make_data():
    {make_data}


class Net(torch.nn.Module):  # {c[module]}
    def __init__(self):
        super().__init__()  # {c[init]}
        # {c[layers]}
        {layers}

    def forward(self, x):
        {forward}


def main():
    torch.set_num_threads(1)  # {c[threads]}
    x, y, x_test, y_test = make_data()
{scale}    net = Net()  # {c[net]}
    print(net)
    # {c[optimizer]}
    optimizer = {optimizer}
    loss_func = {loss}  # {c[loss_func]}
{batch_setup}    for t in range(STEPS):
{take_moved}        if t in SCHEDULE:
            for group in optimizer.param_groups:
                group.update(SCHEDULE[t]){momentum_fix}
        {batch_step}
        optimizer.zero_grad()  # {c[zero_grad]}
        loss.backward()  # {c[backward]}
        optimizer.step()  # {c[step]}
        if (t + 1) % PRINT_EVERY == 0 or t + 1 == STEPS:
            print(f"step {{t + 1}}/{{STEPS}}  loss {{loss.item():.6f}}")
    with torch.no_grad():
        print(f"final loss {{loss_func(net(x), y).item():.9g}}")
        if len(x_test):
            print(f"final test loss {{loss_func(net(x_test), y_test).item():.9g}}")


if __name__ == "__main__":
    main()
'''


def _comments() -> dict[str, str]:
    """The script's comments, in the language of this context: in Chinese, the tutorial's own words."""
    return {
        "about": text.SCRIPT_ABOUT, "run": text.SCRIPT_RUN, "settings": text.SCRIPT_SETTINGS,
        "functional": text.SCRIPT_FUNCTIONAL, "schedule": text.SCRIPT_SCHEDULE, "module": text.SCRIPT_MODULE,
        "init": text.SCRIPT_INIT, "layers": text.SCRIPT_LAYERS, "threads": text.SCRIPT_THREADS,
        "net": text.SCRIPT_NET, "optimizer": text.SCRIPT_OPTIMIZER, "loss_func": text.SCRIPT_LOSS_FUNC,
        "feed": text.SCRIPT_FEED, "loss": text.SCRIPT_LOSS, "zero_grad": text.SCRIPT_ZERO_GRAD,
        "backward": text.SCRIPT_BACKWARD, "step": text.SCRIPT_STEP, "read_data": text.SCRIPT_READ_DATA,
        "seeded_weights": text.SCRIPT_SEEDED_WEIGHTS, "drawn": text.SCRIPT_DRAWN, "formula": text.SCRIPT_FORMULA,
        "moved_first": text.SCRIPT_MOVED_FIRST, "take_moved": text.SCRIPT_TAKE_MOVED,
    }  # fmt: skip
