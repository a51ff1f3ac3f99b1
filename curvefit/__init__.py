"""curvefit: watch a small neural network learn a curve, as in the classic PyTorch regression tutorial."""

__version__ = "0.2.0"

from .analysis.noise_floor import floor
from .analysis.sharpness import sharpness
from .analysis.spectrum import spectrum
from .analysis.survey import best_last_layer
from .analysis.unit_parts import Inside, inside
from .inputs.config import Config
from .inputs.data import Data, make_data
from .inputs.targets import PRESETS
from .training.history import History
from .training.net import Net
from .training.trainer import Trainer

__all__ = [
    "Config", "Data", "History", "Inside", "Net", "PRESETS", "Trainer", "best_last_layer", "floor", "inside",
    "make_data", "sharpness", "spectrum",
]  # fmt: skip
