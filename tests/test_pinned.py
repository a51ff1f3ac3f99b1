"""A pinned run: its fit and losses as plain data that do not keep its Trainer alive."""

import gc
import weakref

from curvefit import Config, Trainer
from curvefit.drawing.pinned import differences, pin
from curvefit.drawing.views import grid


def test_a_pin_holds_the_runs_curve_and_losses_and_not_its_trainer():
    trainer = Trainer(Config(test=0.2))
    trainer.train(30)
    pinned = pin(trainer)
    assert pinned.step == 30 and pinned.train_loss == trainer.losses()[0]
    assert pinned.fit["y"].tolist() == trainer.predict(grid(trainer)).tolist()
    assert set(pinned.loss["series"]) == {"pinned run: train", "pinned run: test"}
    gone = weakref.ref(trainer)
    del trainer
    gc.disable()  # freed by reference counting alone, as the server frees a closed tab's
    try:
        assert gone() is None
    finally:
        gc.enable()


def test_differences_name_each_setting_the_pinned_run_had_otherwise():
    pinned = pin(Trainer(Config()))
    assert differences(pinned, Config(opt="adam", lr=0.01)) == [("opt", "sgd"), ("lr", "0.2")]
    assert differences(pinned, Config()) == []
