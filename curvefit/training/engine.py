"""The fast core: K dense nets of one shape, trained at once, with the backward pass derived by hand.

Every parameter of all K nets lives in one flat buffer, each layer's weights a contiguous (K, out, in)
block and its biases a (K, 1, out) block, so the optimizer updates everything with a few whole-buffer
ops. Plain autograd with torch.optim is the reference the tests compare this with.
"""

import torch

from ..inputs.activations import ACTIVATIONS
from .net import Net

aten = torch.ops.aten

# Each loss of prediction p against target y (n, 1): p is one net's (n, 1) or K nets' (K, n, 1).
# Returns each net's loss and dL/dp. One net gets torch's own loss kernels (called without F's
# checks, which cost more than the maths), so its numbers round as the reference's do.
MEAN, NONE = 1, 0  # torch's reduction codes


def _mse(p, y, delta):
    if p.dim() == 2:
        return torch._C._nn.mse_loss(p, y, MEAN), aten.mse_loss_backward(ONE, p, y, MEAN)
    loss = torch._C._nn.mse_loss(p, y.expand_as(p), NONE).mean((1, 2))
    return loss, (p - y) * (2 / p.shape[1])  # d mean((p - y)²) = 2 (p - y) / n


def _l1(p, y, delta):
    diff = p - y
    loss = torch._C._nn.l1_loss(p, y, MEAN) if p.dim() == 2 else diff.abs().mean((1, 2))
    return loss, diff.sign() * (1 / p.shape[-2])  # d mean|p - y| = sign(p - y) / n


def _huber(p, y, delta):
    # d = p - y inside ±delta, ±delta outside, / n; torch's kernel averages over all K nets' points: undo that
    if p.dim() == 2:
        return torch._C._nn.huber_loss(p, y, MEAN, delta), aten.huber_loss_backward(ONE, p, y, MEAN, delta)
    grad = aten.huber_loss_backward(ONE, p, y.expand_as(p), MEAN, delta) * p.shape[0]
    return torch._C._nn.huber_loss(p, y.expand_as(p), NONE, delta).mean((1, 2)), grad


ONE = torch.ones(())
LOSSES = {"mse": _mse, "l1": _l1, "huber": _huber}


class Engine:
    """K nets of the shape 1 -> widths -> 1, their parameters and gradients in flat buffers."""

    def __init__(self, widths: tuple[int, ...], activation: str, loss: str, k: int = 1, huber_delta: float = 0.1):
        sizes = (1, *widths, 1)
        shapes = list(zip(sizes[1:], sizes, strict=False))  # (out, in) of each layer
        total = sum(k * (fan_out * fan_in + fan_out) for fan_out, fan_in in shapes)
        self.k, self.params, self.grads = k, torch.zeros(total), torch.zeros(total)
        self.weights, self.biases, self.weight_grads, self.bias_grads = [], [], [], []
        at = 0
        for fan_out, fan_in in shapes:
            for buffer, into in ((self.params, self.weights), (self.grads, self.weight_grads)):
                into.append(buffer[at : at + k * fan_out * fan_in].view(k, fan_out, fan_in))
            at += k * fan_out * fan_in
            for buffer, into in ((self.params, self.biases), (self.grads, self.bias_grads)):
                into.append(buffer[at : at + k * fan_out].view(k, 1, fan_out))
            at += k * fan_out
        self._act, self._act_backward = ACTIVATIONS[activation].forward, ACTIVATIONS[activation].backward
        self._loss, self._delta = LOSSES[loss], huber_delta
        if k == 1:  # chosen once, not per step
            self.loss_and_grads = self._one_loss_and_grads
        # One net's 2-D views, made once: per step they would cost more than some of the maths.
        self._one = [
            (weight[0], weight[0].t(), bias[0, 0], weight_grad[0], bias_grad[0, 0])
            for weight, bias, weight_grad, bias_grad in zip(
                self.weights, self.biases, self.weight_grads, self.bias_grads, strict=True
            )
        ]

    def load(self, nets: list[Net]) -> None:
        """Copy the weights of K Nets (hidden..., predict) into the buffers, net i into slot i."""
        with torch.no_grad():
            for i, net in enumerate(nets):
                layers = [*net.hidden_layers, net.predict]
                for layer, weight, bias in zip(layers, self.weights, self.biases, strict=True):
                    weight[i].copy_(layer.weight)
                    bias[i, 0].copy_(layer.bias)

    def state_dict(self, i: int, names: list[str]) -> dict[str, torch.Tensor]:
        """Net i's weights as a Net's state_dict (layer names input side first)."""
        state = {}
        for name, weight, bias in zip(names, self.weights, self.biases, strict=True):
            state[f"{name}.weight"], state[f"{name}.bias"] = weight[i].clone(), bias[i, 0].clone()
        return state

    def predict(self, x: torch.Tensor) -> torch.Tensor:
        """Every net's prediction at x (n, 1): (K, n, 1)."""
        a = x.expand(self.k, *x.shape)
        for layer, (weight, bias) in enumerate(zip(self.weights, self.biases, strict=True)):
            z = torch.baddbmm(bias, a, weight.transpose(1, 2))
            a = z if layer == len(self.weights) - 1 else self._act(z)
        return a

    def loss_and_grads(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """Each net's loss on (x, y), both (n, 1), as (K,) (one net: a scalar); fills self.grads."""
        a = x.expand(self.k, *x.shape)
        inputs, pre = [a], []  # each layer's input, and each hidden layer's z before its activation
        last = len(self.weights) - 1
        for layer, (weight, bias) in enumerate(zip(self.weights, self.biases, strict=True)):
            z = torch.baddbmm(bias, a, weight.transpose(1, 2))  # z = a Wᵀ + b
            if layer == last:
                break
            a = self._act(z)
            pre.append(z)
            inputs.append(a)
        loss, grad = self._loss(z, y, self._delta)
        for layer in range(last, -1, -1):  # back through z = a Wᵀ + b: dW = gᵀ a, db = Σ g, da = g W
            torch.bmm(grad.transpose(1, 2), inputs[layer], out=self.weight_grads[layer])
            torch.sum(grad, dim=1, keepdim=True, out=self.bias_grads[layer])
            if layer:
                grad = self._act_backward(torch.bmm(grad, self.weights[layer]), pre[layer - 1], inputs[layer])
        return loss

    def _one_loss_and_grads(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        # One net: the very matrix calls autograd makes for nn.Linear (addmm forward; mm backward, in
        # its argument order), so the numbers match the reference bit for bit.
        a, inputs, pre = x, [x], []
        last = len(self._one) - 1
        for layer, (_, weight_t, bias, _, _) in enumerate(self._one):
            z = torch.addmm(bias, a, weight_t)
            if layer == last:
                break
            a = self._act(z)
            pre.append(z)
            inputs.append(a)
        loss, grad = self._loss(z, y, self._delta)
        for layer in range(last, -1, -1):
            weight, _, _, weight_grad, bias_grad = self._one[layer]
            torch.mm(grad.t(), inputs[layer], out=weight_grad)
            torch.sum(grad, 0, out=bias_grad)
            if layer:
                grad = self._act_backward(grad.mm(weight), pre[layer - 1], inputs[layer])
        return loss
