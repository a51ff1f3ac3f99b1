"""curvefit: watch a small neural network learn a curve, as in the classic PyTorch regression tutorial."""

from .config import Config
from .data import Data, make_data
from .net import Net
from .targets import PRESETS
from .trainer import History, Trainer

__all__ = ["Config", "Data", "History", "Net", "PRESETS", "Trainer", "make_data"]
