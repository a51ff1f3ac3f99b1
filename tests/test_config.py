"""Config: the share link round-trips exactly; hostile values are fixed with a message, never raised."""

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curvefit import PRESETS, Config, Trainer, make_data
from curvefit.inputs import limits
from curvefit.inputs.config import ACTIVATIONS, LOSSES, OPTIMIZERS

SHARE_KEYS = (
    "target n noise noise_kind x_min x_max sampling test hidden act opt lr momentum wd batch loss seed band poly"
)


def test_the_query_keys_are_the_share_links_vocabulary():
    assert list(Config().to_query()) == SHARE_KEYS.split()
    assert all(isinstance(value, str) for value in Config().to_query().values())


def test_default_round_trip_and_readable_values():
    query = Config().to_query()
    assert Config.from_query(query) == Config()
    assert query["hidden"] == "10" and query["batch"] == "full" and query["lr"] == "0.2"


def _within_work_cap(kwargs):
    try:
        Config(**kwargs)  # a Config built in code that breaks a budget raises
    except ValueError:
        return False
    return True


configs = (
    st.fixed_dictionaries(
        dict(
            target=st.sampled_from(list(PRESETS)),
            n=st.integers(limits.MIN_POINTS, 5000),
            noise=st.floats(0, limits.MAX_NOISE),
            noise_kind=st.sampled_from(["uniform", "gaussian"]),
            x_min=st.floats(-limits.MAX_ABS_X, -1e-3),
            x_max=st.floats(1e-3, limits.MAX_ABS_X),
            sampling=st.sampled_from(["grid", "random"]),
            test=st.floats(0, limits.MAX_TEST_FRACTION),
            hidden=st.lists(st.integers(1, 64), min_size=1, max_size=limits.MAX_LAYERS).map(tuple),
            act=st.sampled_from(list(ACTIVATIONS)),
            opt=st.sampled_from(list(OPTIMIZERS)),
            lr=st.floats(limits.MIN_LR, limits.MAX_LR),
            momentum=st.floats(0, limits.MAX_MOMENTUM),
            wd=st.floats(0, limits.MAX_WEIGHT_DECAY),
            batch=st.integers(0, 200),
            loss=st.sampled_from(LOSSES),
            seed=st.integers(0, limits.MAX_SEED),
            band=st.integers(0, limits.MAX_BAND),
        )
    )
    .filter(_within_work_cap)
    .map(lambda kwargs: Config(**kwargs))
)


@settings(max_examples=200, deadline=None)
@given(configs)
def test_any_valid_config_round_trips_exactly(cfg):
    back, notes = Config.parse(cfg.to_query())
    assert notes == [] and back == cfg


def test_the_link_rebuilds_the_same_data_and_initial_weights():
    cfg = Config(target="sinc", n=300, sampling="random", test=0.2, hidden=(12, 7), seed=99)
    again = Config.from_query(cfg.to_query())
    for a, b in zip(make_data(cfg), make_data(again), strict=True):
        assert a.equal(b)
    for a, b in zip(Trainer(cfg).model.parameters(), Trainer(again).model.parameters(), strict=True):
        assert a.equal(b)


HOSTILE = {
    "hidden": ("1e9", (256,)),
    "lr": ("nan", 0.2),
    "n": ("-5", limits.MIN_POINTS),
    "act": ("__import__", "relu"),
    "noise": ("inf", 0.2),
    "seed": ("-1", 0),
    "batch": ("lots", 0),
    "test": ("0.99", limits.MAX_TEST_FRACTION),
    "momentum": ("1e300", limits.MAX_MOMENTUM),
    "target": ("__import__('os').system('id')", "x2"),
    "opt": ("", "sgd"),
    "x_max": ("-1e308", 1.0),  # clamped to -1000, below x_min: the range falls back to [-1, 1]
}


@pytest.mark.parametrize("key", HOSTILE)
def test_hostile_values_fall_back_or_clamp_with_a_message_naming_them(key):
    raw, expected = HOSTILE[key]
    cfg, notes = Config.parse({key: raw})
    assert getattr(cfg, key) == expected
    assert notes and all(isinstance(str(note), str) for note in notes)
    assert str(notes[0]).startswith(f"{key}=")


def test_x_range_upside_down_falls_back_to_the_default_range():
    cfg, notes = Config.parse({"x_min": "2", "x_max": "-2"})
    assert (cfg.x_min, cfg.x_max) == (-1.0, 1.0) and "x_min=2 must be below the end of the range, -2" in str(notes[0])


def test_unknown_keys_are_ignored_and_lists_take_the_last_value():
    cfg, notes = Config.parse({"utm_source": "slides", "lr": ["0.5", "0.1"]})
    assert cfg == Config(lr=0.1) and notes == []


@pytest.mark.parametrize(
    "change", [{"n": 10**9}, {"hidden": (10**9,)}, {"lr": float("nan")}, {"act": "eval"}, {"n": "100"}, {"hidden": ()}]
)
def test_building_a_bad_config_in_code_raises_a_clear_error(change):
    with pytest.raises(ValueError, match=next(iter(change))):
        Config(**change)


def test_config_is_frozen_and_normalises_types():
    cfg = Config(hidden=[8, 8], lr=1)
    assert cfg.hidden == (8, 8) and isinstance(cfg.lr, float)
    with pytest.raises(dataclasses.FrozenInstanceError):
        cfg.lr = 0.5


@pytest.mark.parametrize(("start", "end"), [("999", "999.00001"), ("-1", "-0.999999999999"), ("0", "1e-9")])
def test_an_x_range_too_narrow_for_float32_falls_back_with_a_message(start, end):
    cfg, notes = Config.parse({"x_min": start, "x_max": end})
    assert (cfg.x_min, cfg.x_max) == (-1.0, 1.0) and "too narrow a range" in str(notes[0])
    assert Config.parse({"x_min": "999", "x_max": "1000"})[0].x_max == 1000.0  # 1 wide at 999 is enough
