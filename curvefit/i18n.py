"""The language curvefit speaks: gettext catalogs (locales/<lang>/LC_MESSAGES/curvefit.po), one per context.

A page's session and a command each say which language they speak (`speak`); everything that reads a
message from curvefit.text in that thread or context gets it in that language. English is the source.
"""

import contextlib
import contextvars
import functools
import gettext
import io
from collections.abc import Callable
from pathlib import Path

from babel.messages import mofile, pofile

LANGUAGES = {"en": "English", "zh": "中文"}  # what a link's lang= may say, and each one's name in itself
SOURCE = "en"
DOMAIN = "curvefit"
LOCALES = Path(__file__).resolve().parent / "locales"

_speaking = contextvars.ContextVar("curvefit_language", default=SOURCE)


def speak(language: str) -> None:
    """From here on in this context (a page's script run, a command), speak `language`."""
    _speaking.set(language if language in LANGUAGES else SOURCE)


@contextlib.contextmanager
def speaking(language: str):
    """Speak `language` inside the block only (a download built in another thread, a test)."""
    token = _speaking.set(language if language in LANGUAGES else SOURCE)
    try:
        yield
    finally:
        _speaking.reset(token)


def language() -> str:
    """The language this context speaks."""
    return _speaking.get()


def translate(message: str) -> str:
    """`message` (an English msgid) in this context's language."""
    return catalog(_speaking.get()).gettext(message)


class Later:
    """A message worded when shown, in the language spoken then (once per language): for what a session
    keeps, so that a switch of language says it again in the new one."""

    def __init__(self, word: Callable[[], str]):
        self._word, self._worded = word, {}

    def __str__(self) -> str:
        if (spoken := _speaking.get()) not in self._worded:
            self._worded[spoken] = self._word()
        return self._worded[spoken]


def sentences(*parts: str) -> str:
    """Sentences one after another, as this context's language writes them: English puts a space between."""
    return ("" if _speaking.get() == "zh" else " ").join(part for part in parts if part)


def from_locale(locale: str | None) -> str:
    """The language for a browser's or a shell's locale ('zh-CN', 'zh_TW.UTF-8', 'en-US', None)."""
    return "zh" if locale and locale.strip().lower().startswith("zh") else SOURCE


@functools.cache
def catalog(language: str) -> gettext.NullTranslations:
    """The compiled catalog of `language` (the source language has none: its msgids are its text)."""
    if language == SOURCE:
        return gettext.NullTranslations()
    # Compiled in memory from the .po, which is the only copy kept: no .mo to go stale or to build.
    with open(LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as po:
        compiled = io.BytesIO()
        mofile.write_mo(compiled, pofile.read_po(po, locale=language))
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)
