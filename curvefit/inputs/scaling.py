"""Standardising x and y for training when the data's scale is far from the tutorial's, invisibly to the user."""

from typing import NamedTuple

import torch

# Inside these bounds the data trains like the tutorial's, and is left exactly as it is.
MAX_ABS = 10.0
MIN_SPREAD = 0.1


class Scale(NamedTuple):
    """The model sees (x - x_shift) / x_size and predicts (y - y_shift) / y_size."""

    x_shift: float = 0.0
    x_size: float = 1.0
    y_shift: float = 0.0
    y_size: float = 1.0

    @property
    def active(self) -> bool:
        """True when training happens on standardised numbers."""
        return self != Scale()

    def x_in(self, x: torch.Tensor) -> torch.Tensor:
        """x in the model's units."""
        return x if (self.x_shift, self.x_size) == (0.0, 1.0) else (x - self.x_shift) / self.x_size

    def y_in(self, y: torch.Tensor) -> torch.Tensor:
        """y in the model's units."""
        return y if (self.y_shift, self.y_size) == (0.0, 1.0) else (y - self.y_shift) / self.y_size

    def y_out(self, y: torch.Tensor) -> torch.Tensor:
        """The model's y back in the user's units."""
        return y if (self.y_shift, self.y_size) == (0.0, 1.0) else y * self.y_size + self.y_shift


def choose_scale(x: torch.Tensor, y: torch.Tensor) -> Scale:
    """Standardise each of x and y whose values reach past ±10 or spread less than 0.1; leave the rest."""
    x_shift, x_size = _standardising(x)
    y_shift, y_size = _standardising(y)
    return Scale(x_shift, x_size, y_shift, y_size)


def _standardising(values: torch.Tensor) -> tuple[float, float]:
    wide = values.double()
    mean, spread = wide.mean().item(), wide.std().item() if len(values) > 1 else 0.0
    far = wide.abs().max().item() > MAX_ABS
    if spread > 0 and (far or spread < MIN_SPREAD):
        return mean, spread
    if far:  # one value, far out (a constant 1e16): shifted to 0, or the first loss alone overflows
        return mean, 1.0
    return 0.0, 1.0
