"""The sidebar: one widget per setting, read into a Config (or the problems that stop one)."""

import streamlit as st

from curvefit import PRESETS, Config, i18n, text
from curvefit.analysis.baseline import AUTO
from curvefit.budgets import allowed
from curvefit.inputs import limits
from curvefit.inputs.config import ACTIVATIONS, FIELDS, LOSSES
from curvefit.inputs.formula import MAX_LENGTH
from curvefit.inputs.optimizers import OPTIMIZERS
from curvefit.inputs.targets import target_label
from curvefit.session.messages import not_applied
from curvefit.session.page import Page, new_seed, set_language
from curvefit.ui.state import on_page

FORMULA = "formula"  # the target choice that reads the formula box


def settings(state: Page) -> tuple[Config, list[str]]:
    """The sidebar's Config, or the current one and the problems when the widgets don't make one."""
    if key("seed") not in st.session_state:  # first run: the widgets start from the link
        _load(state.run.settings or state.run.trainer.cfg)  # (a link's moment: the settings at its step)
    with st.sidebar:
        language_switch(state)
        _data(disabled=state.run.own is not None)
        _network()
        _training()
    query = {name: _as_text(name, st.session_state[key(name)]) for name in FIELDS}
    if not st.session_state[key("band_on")]:
        query["band"] = "0"
    if query["target"] == FORMULA:
        query["target"] = st.session_state[key("formula")]
    cfg, notes = allowed.parse(query)  # the server's rules apply where a form enters the page
    if notes:  # a typo must not throw away the fit: keep the last good Config until it is fixed
        return state.run.settings or state.run.trainer.cfg, [not_applied(note) for note in notes]
    return cfg, []


def key(name: str) -> str:
    """The widget key of a Config setting."""
    return "cfg_" + name


def _data(disabled: bool) -> None:
    # With the user's own points, the settings that make points are set aside (and greyed out).
    st.header(text.DATA)
    choices = [*PRESETS, FORMULA]
    label = {**{name: target_label(name) for name in PRESETS}, FORMULA: text.FORMULA_CHOICE}
    st.selectbox(
        text.TARGET, choices, format_func=label.get, help=text.TARGET_HELP, disabled=disabled, key=key("target")
    )
    if st.session_state[key("target")] == FORMULA:  # kept while hidden, so switching back finds it
        st.text_input(
            text.FORMULA, max_chars=MAX_LENGTH, help=text.FORMULA_HELP, disabled=disabled,
            key=key("formula"), persist_state="session",
        )  # fmt: skip
    _number(text.POINTS, "n", step=10, help=text.POINTS_HELP, disabled=disabled)
    kinds = list(text.NOISE_KINDS)
    st.selectbox(
        text.NOISE_KIND, kinds, format_func=text.NOISE_KINDS.get, help=text.NOISE_KIND_HELP, disabled=disabled,
        key=key("noise_kind"),
    )  # fmt: skip
    _number(text.NOISE, "noise", step=0.05, help=text.NOISE_HELP, disabled=disabled)
    left, right = st.columns(2)
    _number(text.X_MIN, "x_min", step=0.5, help=text.X_RANGE_HELP, disabled=disabled, place=left)
    _number(text.X_MAX, "x_max", step=0.5, help=text.X_RANGE_HELP, disabled=disabled, place=right)
    samplings = list(text.SAMPLINGS)
    st.radio(
        text.SAMPLING,
        samplings,
        format_func=text.SAMPLINGS.get,
        help=text.SAMPLING_HELP,
        horizontal=True,
        disabled=disabled,
        key=key("sampling"),
    )
    _number(text.TEST, "test", step=0.05, help=text.TEST_HELP)
    _number(text.SEED, "seed", step=1, help=text.SEED_HELP)
    st.button(text.NEW_SEED, icon=":material/casino:", on_click=_set, args=("seed", new_seed()), key="new_seed")


def _network() -> None:
    st.header(text.NETWORK)
    st.text_input(text.HIDDEN, help=text.HIDDEN_HELP, key=key("hidden"))
    labels = text.ACTIVATION_LABELS
    st.selectbox(text.ACTIVATION, ACTIVATIONS, format_func=labels.get, help=text.ACTIVATION_HELP, key=key("act"))
    if st.checkbox(text.BAND, help=text.BAND_HELP, key=key("band_on")):  # the count is kept while hidden
        band = FIELDS["band"]
        st.slider(text.BAND_NETS, band.lo, band.hi, help=text.BAND_NETS_HELP, key=key("band"), persist_state="session")


def _training() -> None:
    st.header(text.TRAINING)
    labels = text.OPTIMIZER_LABELS
    st.selectbox(text.OPTIMIZER, OPTIMIZERS, format_func=labels.get, help=text.OPTIMIZER_HELP, key=key("opt"))
    _number(text.LR, "lr", step=0.01, help=text.LR_HELP)
    no_momentum = not OPTIMIZERS[st.session_state[key("opt")]].momentum
    _number(text.MOMENTUM, "momentum", step=0.05, help=text.MOMENTUM_HELP, disabled=no_momentum)
    _number(text.WD, "wd", step=1e-4, help=text.WD_HELP)
    _number(text.BATCH, "batch", step=1, help=text.BATCH_HELP)
    st.selectbox(text.LOSS, LOSSES, format_func=text.LOSS_LABELS.get, help=text.LOSS_HELP, key=key("loss"))
    poly = FIELDS["poly"]
    degrees = list(range(poly.lo, poly.hi + 1))  # AUTO first
    st.selectbox(
        text.POLY_DEGREE, degrees, format_func=lambda d: text.POLY_AUTO if d == AUTO else str(d),
        help=text.POLY_DEGREE_HELP, key=key("poly"),
    )  # fmt: skip


def _number(label: str, name: str, step, place=st, **options) -> None:
    # The widget's range is its setting's (inputs/config.py FIELDS): no value a link or a clamp gives falls outside.
    kind = FIELDS[name]
    number_format = {"format": "%g"} if isinstance(kind.lo, float) else {}
    place.number_input(label, kind.lo, kind.hi, step=step, key=key(name), **number_format, **options)


def _load(cfg: Config) -> None:
    for name in FIELDS:
        value = getattr(cfg, name)
        st.session_state[key(name)] = FIELDS[name].format(value) if name == "hidden" else value
    st.session_state[key("band_on")], st.session_state[key("band")] = cfg.band > 0, cfg.band or limits.BAND_DEFAULT
    formula = cfg.target not in PRESETS
    st.session_state[key("formula")] = cfg.target if formula else text.FORMULA_EXAMPLE
    st.session_state[key("target")] = FORMULA if formula else cfg.target


def _set(name: str, value) -> None:
    st.session_state[key(name)] = value


def _as_text(name: str, value) -> str:
    return value if name == "hidden" else FIELDS[name].format(value)


def sidebar_to_come(state: Page) -> tuple[Config, list[str]]:
    """The first run's settings (the link's), a header holding the sidebar's place until the widgets come,
    the language switch among them (see first_paint.py)."""
    st.sidebar.header(text.DATA)  # the main area keeps its width when the widgets arrive
    return state.run.settings or state.run.trainer.cfg, []


def language_switch(state: Page) -> None:
    """English or 中文, each named in itself; a switch keeps the fit."""
    st.session_state.language = state.language  # from the state: the link or the browser chose it first
    st.segmented_control(
        text.LANGUAGE, list(i18n.LANGUAGES), format_func=i18n.LANGUAGES.get, required=True,
        label_visibility="collapsed", key="language", on_change=on_page(_take_language),
    )  # fmt: skip


def _take_language(state: Page) -> None:
    set_language(state, st.session_state.language)
