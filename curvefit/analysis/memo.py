"""What the views compute from a Trainer, kept until what it depends on changes: its weights, or nothing."""

from collections.abc import Callable

from ..training.trainer import Trainer


def per_weights(trainer: Trainer, compute: Callable, *args):
    """compute(trainer, *args), once per state of the trainer's weights (the Trainer empties its memo)."""
    return _kept(trainer.memo, compute, trainer, args)


def per_data(trainer: Trainer, compute: Callable, *args):
    """compute(trainer, *args), once per Trainer: its data and its points never change under it."""
    return _kept(trainer.data_memo, compute, trainer, args)


def _kept(store: dict, compute: Callable, trainer: Trainer, args: tuple):
    key = (compute, *args)  # the function itself, not a name: no two views can share a key by mistake
    if key not in store:
        store[key] = compute(trainer, *args)
    return store[key]
