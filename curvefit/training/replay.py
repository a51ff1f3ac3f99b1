"""Training toward a step of a run, taking each change of settings at the step it was made."""

from ..inputs.schedule import Schedule
from .trainer import Trainer


def replay(trainer: Trainer, settings: Schedule, target: int, steps: int | None = None) -> None:
    """Train at most `steps` more steps (all if None) toward step `target` of the run whose settings went as
    `settings` (step -> Config from there on, as Trainer.settings_from); at `target` the settings are those
    in force there. Chunks change nothing: any split of the steps ends on the very same weights."""
    end = target if steps is None else min(target, trainer.step + steps)
    while not trainer.diverged:
        in_force = settings.at(trainer.step)
        if trainer.cfg != in_force:
            trainer.update(in_force)
        if trainer.step >= end:
            return
        following = min([end, *settings.after(trainer.step)])
        if not trainer.train(following - trainer.step):
            return
