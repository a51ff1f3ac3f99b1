"""What users typed, shown as a Markdown code span: exactly as typed, one line, cut short."""

from curvefit.session.verbatim import MAX_SHOWN, verbatim


def test_text_becomes_one_code_span():
    assert verbatim("[a](https://example.org) **b**") == "`[a](https://example.org) **b**`"


def test_backticks_inside_get_a_longer_fence_and_padding():
    assert verbatim("a`b") == "``a`b``"
    assert verbatim("``x") == "``` ``x ```"  # CommonMark strips the padding spaces again


def test_newlines_cannot_end_the_span_and_long_text_is_cut():
    assert verbatim("a\n\n# b\n- c") == "`a # b - c`"
    shown = verbatim("x" * 100_000)
    assert len(shown) == MAX_SHOWN + 2 and shown.endswith("…`")
