"""The network: the tutorial's Net(hidden, predict), generalised to more layers and activations."""

import math

import torch
from torch import nn

from ..inputs.activations import ACTIVATIONS


class _Linear(nn.Linear):
    """nn.Linear without its own random init: init_weights draws the weights from the Config's seed.

    nn.utils.skip_init does the same through the meta device, whose first use imports sympy (0.6 s of a
    new server's first page, measured); this one also leaves torch's global generator alone.
    """

    def reset_parameters(self) -> None:
        pass  # (torch.empty until init_weights fills it)

    def _get_name(self) -> str:
        return "Linear"  # print(net) reads as the tutorial's


class Net(nn.Module):
    """Dense layers named as in the tutorial: hidden (hidden2, ...) then predict."""

    def __init__(self, widths: tuple[int, ...], activation: str = "relu"):
        super().__init__()
        self.activation = activation
        self._act = ACTIVATIONS[activation].forward
        sizes = (1, *widths)
        for depth, (fan_in, fan_out) in enumerate(zip(sizes, sizes[1:], strict=False), start=1):
            name = "hidden" if depth == 1 else f"hidden{depth}"
            self.add_module(name, _Linear(fan_in, fan_out))
        self.predict = _Linear(sizes[-1], 1)

    @property
    def layer_names(self) -> list[str]:
        """The Linear layers' names, input side first: hidden, hidden2, ..., predict."""
        return [name for name, _ in self.named_children()]

    @property
    def hidden_layers(self) -> list[nn.Linear]:
        """The hidden Linear layers, input side first."""
        return [module for name, module in self.named_children() if name.startswith("hidden")]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.predict(self.last_hidden(x)[1])

    def last_hidden(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """The last hidden layer's pre-activations and outputs at x, each (len(x), width)."""
        *first, last = self.hidden_layers
        for layer in first:
            x = self._act(layer(x))
        before = last(x)
        return before, self._act(before)


def init_weights(net: Net, generator: torch.Generator) -> None:
    """Draw every layer's weights as nn.Linear's default init does, but from `generator`."""
    with torch.no_grad():
        for layer in [*net.hidden_layers, net.predict]:
            nn.init.kaiming_uniform_(layer.weight, a=math.sqrt(5), generator=generator)
            bound = 1 / math.sqrt(layer.weight.shape[1])
            nn.init.uniform_(layer.bias, -bound, bound, generator=generator)
