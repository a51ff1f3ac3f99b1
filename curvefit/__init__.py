"""curvefit: watch a small neural network learn a curve, as in the classic PyTorch regression tutorial."""

from .config import Config
from .data import Data, make_data
from .net import Net
from .noise_floor import floor
from .parts import Inside, inside
from .survey import best_last_layer
from .targets import PRESETS
from .trainer import History, Trainer

__all__ = [
    "Config", "Data", "History", "Inside", "Net", "PRESETS", "Trainer", "best_last_layer", "floor", "inside",
    "make_data",
]  # fmt: skip
