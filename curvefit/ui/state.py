"""The page's session in st.session_state: made from the link on a visitor's first run, reached by callbacks."""

import contextlib
import ctypes
import functools

import streamlit as st
from streamlit import runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from curvefit import i18n
from curvefit.session.page import Page, open_page


def page_state() -> Page:
    """This session's page, its language spoken from here on; on its first run, made from the link."""
    if "page" not in st.session_state:
        _return_freed_memory()
        alive = functools.partial(_session_lives, _session_id())
        st.session_state.page = open_page(st.query_params.to_dict(), i18n.from_locale(st.context.locale), alive)
    i18n.speak(st.session_state.page.language)
    return st.session_state.page


def on_page(action, *args) -> functools.partial:
    """A widget callback that runs action(this session's Page, *args).

    The widget keeps the callback; it must not keep the session's page, or a closed tab's Trainer stays.
    """
    return functools.partial(_on_page, action, args)


def _on_page(action, args) -> None:
    page = st.session_state.page
    i18n.speak(page.language)  # callbacks run before the script, whose run may be on a new thread
    action(page, *args)


def _session_id() -> str | None:
    context = get_script_run_ctx()
    return context.session_id if context else None


def _session_lives(session_id: str | None) -> bool:
    """Whether the session is open, or closed less than server.disconnectedSessionTTL ago (it may come back)."""
    if session_id is None or not runtime.exists():  # not on a server (AppTest, a notebook): as long as the page
        return True
    server = runtime.get_instance()
    sessions = getattr(server, "_session_mgr", None)  # no public way to ask about a closed tab's session
    if sessions is None:  # then the links end as the tab closes
        return server.is_active_session(session_id)
    return sessions.get_session_info(session_id) is not None


def _return_freed_memory() -> None:
    # glibc keeps memory that closed tabs' tensors freed; a new visitor hands it back, in under a millisecond
    # (docs/hosting.md measures both).
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to trim here
        ctypes.CDLL("libc.so.6").malloc_trim(0)
