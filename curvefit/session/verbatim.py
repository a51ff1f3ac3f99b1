"""Text that came from a user, for Streamlit's Markdown elements: shown exactly as written, never as markup."""

import re

MAX_SHOWN = 300  # characters of one echoed value or message; a link or a file can hold far more
BACKTICKS = re.compile("`+")


def verbatim(text: str, limit: int = MAX_SHOWN) -> str:
    """`text` as a Markdown code span, on one line, cut to `limit` characters.

    Escaping is not enough: Streamlit's Markdown turns bare URLs, e-mail addresses and emoji codes in
    any text into links and pictures after parsing, escaped or not. A code span is shown as it is.
    """
    text = " ".join(str(text).split())  # a code span is one line anyway; newlines would end the element
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    fence = "`" * (1 + max((len(run) for run in BACKTICKS.findall(text)), default=0))
    padding = " " if text.startswith("`") or text.endswith("`") else ""  # CommonMark strips one space each side
    return f"{fence}{padding}{text}{padding}{fence}"
