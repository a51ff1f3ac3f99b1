"""Which points each training step uses: all of them, or mini-batches of a per-epoch shuffle."""

import torch

from ..inputs.data import SHUFFLE, derived_seed


class Batches:
    """The points of step k, a pure function of (seed, k), so chunking and restoring change nothing."""

    def __init__(self, n: int, size: int, seed: int):
        self.n, self.size, self.seed = n, size, seed
        self.per_epoch = -(-n // size)  # the last batch of an epoch may be smaller
        self._epoch, self._order = -1, None

    @property
    def full(self) -> bool:
        """True when every step sees every point, as in the tutorial."""
        return self.size >= self.n

    def indices(self, step: int) -> torch.Tensor:
        """Indices of the points that step `step` trains on (only for mini-batches)."""
        epoch, position = divmod(step, self.per_epoch)
        if epoch != self._epoch:
            generator = torch.Generator().manual_seed(derived_seed(self.seed, SHUFFLE, epoch))
            self._epoch, self._order = epoch, torch.randperm(self.n, generator=generator)
        return self._order[position * self.size : (position + 1) * self.size]
