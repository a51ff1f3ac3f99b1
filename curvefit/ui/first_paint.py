"""A new visitor's first run draws Play and the fit; the rest of the page comes in the run right after it."""

import streamlit as st

from curvefit.ui.state import PageState

# Sent with the first run, the sidebar's two dozen widgets and the inside charts held Play and the fit back
# by ~1.4 s in a new visitor's browser here (4.0 -> 2.6 s, benchmarks/first_paint.py). Asked for sooner, the
# rest arrived while the browser was still drawing the first part and took the gain away (0.05 s: 3.2 s;
# 0.5 s: 2.9 s); from 0.7 s on the first part was drawn alone, and the whole page was there no later (3.9 s).
REST_AFTER_S = 0.75
# The speed's buttons come with the rest too: the first run's only segmented control, it made the browser
# fetch and draw a component of its own before Play (the first paint 1.34x -> 1.18x the bare page's, median
# of 9 warm visits each, the same run); its label holds its place in the row (see controls.controls).


def rest_of_page(state: PageState) -> None:
    """On a session's first run: a timer whose first tick asks for the whole page (a full run stops it)."""
    st.fragment(_whole_page, run_every=REST_AFTER_S)(state)
    state.first_paint = False


def _whole_page(state: PageState) -> None:
    if not state.first_paint:  # the timer's tick; the fragment's first call comes inline, with the flag still set
        st.rerun()
