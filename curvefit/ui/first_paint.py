"""A new visitor's first run draws Play and the fit; the rest of the page comes in the run right after it."""

import streamlit as st

from curvefit.session.page import Page

# Sent with the first run, the sidebar's two dozen widgets and the inside charts held Play and the fit back.
# Asked for sooner than this, the rest arrived while the browser was still drawing the first part and took
# the gain away; later, the whole page came later (docs/page.md has the timings).
REST_AFTER_S = 0.75
# The speed's buttons come with the rest too: the first run's only segmented control, it made the browser
# fetch and draw a component of its own before Play; its label holds its place in the row (controls.controls).


def rest_of_page(state: Page) -> None:
    """On a session's first run: a timer whose first tick asks for the whole page (a full run stops it)."""
    st.fragment(_whole_page, run_every=REST_AFTER_S)(state)
    state.first_paint = False


def _whole_page(state: Page) -> None:
    if not state.first_paint:  # the timer's tick; the fragment's first call comes inline, with the flag still set
        st.rerun()
