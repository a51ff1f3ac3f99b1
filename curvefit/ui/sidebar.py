"""The sidebar: one widget per setting, read into a Config (or the problems that stop one)."""

import streamlit as st

from curvefit import PRESETS, Config, i18n, text
from curvefit.analysis.baseline import AUTO
from curvefit.inputs import limits
from curvefit.inputs.config import ACTIVATIONS, FIELDS, LOSSES, OPTIMIZERS
from curvefit.inputs.formula import MAX_LENGTH
from curvefit.inputs.targets import target_label
from curvefit.training.objective import WITH_MOMENTUM
from curvefit.ui.messages import not_applied
from curvefit.ui.state import PageState, new_seed, on_page, set_language

FORMULA = "formula"  # the target choice that reads the formula box


def settings(state: PageState) -> tuple[Config, list[str]]:
    """The sidebar's Config, or the current one and the problems when the widgets don't make one."""
    if key("seed") not in st.session_state:  # first run: the widgets start from the link
        _load(state.settings or state.trainer.cfg)  # (a link's moment: the settings at its step)
    with st.sidebar:
        language_switch(state)
        _data(disabled=state.own is not None)
        _network()
        _training()
    query = {name: _as_text(name, st.session_state[key(name)]) for name in FIELDS}
    if not st.session_state[key("band_on")]:
        query["band"] = "0"
    if query["target"] == FORMULA:
        query["target"] = st.session_state[key("formula")]
    cfg, notes = Config.parse(query)
    if notes:  # a typo must not throw away the fit: keep the last good Config until it is fixed
        return state.settings or state.trainer.cfg, [not_applied(note) for note in notes]
    return cfg, []


def key(name: str) -> str:
    """The widget key of a Config setting."""
    return "cfg_" + name


def _data(disabled: bool) -> None:
    # With the user's own points, the settings that make points are set aside (and greyed out).
    st.header(text.DATA)
    choices = [*PRESETS, FORMULA]
    label = {**{name: target_label(name) for name in PRESETS}, FORMULA: text.FORMULA_CHOICE}
    st.selectbox(text.TARGET, choices, format_func=label.get, disabled=disabled, key=key("target"))
    if st.session_state[key("target")] == FORMULA:  # kept while hidden, so switching back finds it
        st.text_input(
            text.FORMULA, max_chars=MAX_LENGTH, help=text.FORMULA_HELP, disabled=disabled,
            key=key("formula"), persist_state="session",
        )  # fmt: skip
    st.number_input(text.POINTS, limits.MIN_POINTS, limits.MAX_POINTS, step=10, disabled=disabled, key=key("n"))
    kinds = list(text.NOISE_KINDS)
    st.selectbox(text.NOISE_KIND, kinds, format_func=text.NOISE_KINDS.get, disabled=disabled, key=key("noise_kind"))
    st.number_input(text.NOISE, 0.0, limits.MAX_NOISE, step=0.05, format="%g", disabled=disabled, key=key("noise"))
    left, right = st.columns(2)
    x_limit = limits.MAX_ABS_X
    left.number_input(text.X_MIN, -x_limit, x_limit, step=0.5, format="%g", disabled=disabled, key=key("x_min"))
    right.number_input(text.X_MAX, -x_limit, x_limit, step=0.5, format="%g", disabled=disabled, key=key("x_max"))
    samplings = list(text.SAMPLINGS)
    st.radio(
        text.SAMPLING,
        samplings,
        format_func=text.SAMPLINGS.get,
        horizontal=True,
        disabled=disabled,
        key=key("sampling"),
    )
    st.number_input(text.TEST, 0.0, limits.MAX_TEST_FRACTION, step=0.05, format="%g", key=key("test"))
    st.number_input(text.SEED, 0, limits.MAX_SEED, step=1, help=text.SEED_HELP, key=key("seed"))
    st.button(text.NEW_SEED, icon=":material/casino:", on_click=_set, args=("seed", new_seed()), key="new_seed")


def _network() -> None:
    st.header(text.NETWORK)
    st.text_input(text.HIDDEN, help=text.HIDDEN_HELP, key=key("hidden"))
    st.selectbox(text.ACTIVATION, ACTIVATIONS, key=key("act"))
    if st.checkbox(text.BAND, help=text.BAND_HELP, key=key("band_on")):  # the count is kept while hidden
        st.slider(text.BAND_NETS, 2, limits.MAX_BAND, key=key("band"), persist_state="session")


def _training() -> None:
    st.header(text.TRAINING)
    st.selectbox(text.OPTIMIZER, OPTIMIZERS, key=key("opt"))
    st.number_input(text.LR, limits.MIN_LR, limits.MAX_LR, step=0.01, format="%g", key=key("lr"))
    no_momentum = st.session_state[key("opt")] not in WITH_MOMENTUM
    st.number_input(
        text.MOMENTUM, 0.0, limits.MAX_MOMENTUM, step=0.05, format="%g",
        help=text.MOMENTUM_HELP, disabled=no_momentum, key=key("momentum"),
    )  # fmt: skip
    st.number_input(text.WD, 0.0, limits.MAX_WEIGHT_DECAY, step=1e-4, format="%g", key=key("wd"))
    st.number_input(text.BATCH, 0, limits.MAX_POINTS, step=1, help=text.BATCH_HELP, key=key("batch"))
    st.selectbox(text.LOSS, LOSSES, key=key("loss"))
    degrees = [AUTO, *range(limits.MAX_DEGREE + 1)]
    st.selectbox(
        text.POLY_DEGREE, degrees, format_func=lambda d: text.POLY_AUTO if d == AUTO else str(d),
        help=text.POLY_DEGREE_HELP, key=key("poly"),
    )  # fmt: skip


def _load(cfg: Config) -> None:
    for name in FIELDS:
        value = getattr(cfg, name)
        st.session_state[key(name)] = FIELDS[name].format(value) if name == "hidden" else value
    st.session_state[key("band_on")], st.session_state[key("band")] = cfg.band > 0, cfg.band or text.BAND_DEFAULT
    formula = cfg.target not in PRESETS
    st.session_state[key("formula")] = cfg.target if formula else text.FORMULA_EXAMPLE
    st.session_state[key("target")] = FORMULA if formula else cfg.target


def _set(name: str, value) -> None:
    st.session_state[key(name)] = value


def _as_text(name: str, value) -> str:
    return value if name == "hidden" else FIELDS[name].format(value)


def sidebar_to_come(state: PageState) -> tuple[Config, list[str]]:
    """The first run's settings (the link's), a header holding the sidebar's place until the widgets come,
    the language switch among them (see first_paint.py)."""
    st.sidebar.header(text.DATA)  # the main area keeps its width when the widgets arrive
    return state.settings or state.trainer.cfg, []


def language_switch(state: PageState) -> None:
    """English or 中文, each named in itself; a switch keeps the fit."""
    st.session_state.language = state.language  # from the state: the link or the browser chose it first
    st.segmented_control(
        text.LANGUAGE, list(i18n.LANGUAGES), format_func=i18n.LANGUAGES.get, required=True,
        label_visibility="collapsed", key="language", on_change=on_page(_take_language),
    )  # fmt: skip


def _take_language(state: PageState) -> None:
    set_language(state, st.session_state.language)
