"""CSV uploads: awkward but valid files read right; broken ones give one clean line; nothing else escapes."""

import contextlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curvefit.inputs import limits
from curvefit.inputs.upload import MAX_BYTES, MAX_COLUMNS, UploadError, checked_points, points, read_table

ROWS = "".join(f"{i / 10},{(i / 10) ** 2}\n" for i in range(-10, 11))  # 21 points of x²


def _xy(raw: bytes, x=None, y=None):
    table = read_table(raw)
    x_name, y_name = x or table.names[0], y or table.names[1]
    found = points(table, x_name, y_name)
    return found._replace(notes=[str(note) for note in found.notes])  # the notes as the page shows them


GOOD = {
    "plain with header": ("x,y\n" + ROWS).encode(),
    "no header": ROWS.encode(),
    "semicolons and decimal commas": ("x;y\n" + ROWS.replace(",", ";").replace(".", ",")).encode(),
    "tabs": ("x\ty\n" + ROWS.replace(",", "\t")).encode(),
    "tabs and decimal commas": ROWS.replace(",", "\t").replace(".", ",").encode(),
    "semicolons with dots": ("a;b\n" + ROWS.replace(",", ";")).encode(),
    "UTF-8 with BOM": ("\ufeffx,y\n" + ROWS).encode(),
    "UTF-16 LE with BOM": ("x,y\n" + ROWS).encode("utf-16"),
    "UTF-16 BE with BOM": b"\xfe\xff" + ("x,y\n" + ROWS).encode("utf-16-be"),
    "Latin-1 header": ("température,y\n" + ROWS).encode("latin-1"),
    "CRLF": ("x,y\r\n" + ROWS.replace("\n", "\r\n")).encode(),
    "blank lines and spaces": ("x , y\n\n" + ROWS.replace(",", " , ").replace("\n", "  \n\n")).encode(),
    "quoted cells": ("x,y\n" + "".join(f'"{a}","{b}"\n' for a, b in (r.split(",") for r in ROWS.split()))).encode(),
    "Excel sep= line": ("sep=;\nx;y\n" + ROWS.replace(",", ";")).encode(),
    "exponents and signs": ("x,y\n" + "".join(f"{i / 10:+.3e},{(i / 10) ** 2:.6E}\n" for i in range(-10, 11))).encode(),
    "unsorted": ("x,y\n" + "".join(reversed(ROWS.splitlines(keepends=True)))).encode(),
    "duplicate header names": ("v,v\n" + ROWS).encode(),
}


@pytest.mark.parametrize("name", GOOD)
def test_awkward_but_valid_files_give_the_same_points(name):
    x, y, _, notes, _ = _xy(GOOD[name])
    assert notes == []
    expected_x = np.array([i / 10 for i in range(-10, 11)], dtype=np.float32)
    assert np.array_equal(x, expected_x)
    assert np.allclose(y, expected_x.astype(np.float64) ** 2, rtol=1e-6)


def test_header_names_are_kept_and_made_unique():
    assert read_table(GOOD["plain with header"]).names == ["x", "y"]
    assert read_table(GOOD["no header"]).names == ["column 1", "column 2"]
    assert read_table(GOOD["duplicate header names"]).names == ["v", "v (2)"]
    assert read_table(GOOD["Latin-1 header"]).names[0] == "température"


def test_more_than_two_columns_let_the_user_choose():
    raw = ("id,x,y,label\n" + "".join(f"{i},{i / 10},{i * 2},p{i}\n" for i in range(10))).encode()
    table = read_table(raw)
    assert table.names == ["id", "x", "y", "label"]
    x, y, _, _, _ = points(table, "x", "y")
    assert np.array_equal(y, 20 * x.astype(np.float64)) or np.allclose(y, 20 * x)


def test_bad_cells_are_left_out_and_counted():
    raw = b"x,y\n" + ROWS.encode() + b"nan,1\n2,inf\noops,3\n4,-\n1e39,2\n5,1_000\n,\n"
    x, y, _, notes, _ = _xy(raw)
    assert len(x) == 21 and np.isfinite(x).all() and np.isfinite(y).all()
    assert notes == ["7 of 28 rows left out: a cell that is not a finite number"]


def test_too_many_rows_are_thinned_evenly_with_a_note():
    raw = "".join(f"{i},{i % 7}\n" for i in range(limits.MAX_POINTS + 5000)).encode()
    x, _, _, notes, _ = _xy(raw)
    assert len(x) == limits.MAX_POINTS and x[0] == 0 and x[-1] == limits.MAX_POINTS + 4999
    assert notes and "kept 100,000 of 105,000 rows" in notes[0]


BAD = {
    "empty": (b"", "empty"),
    "only whitespace": (b"  \n\n\t\n", "empty"),
    "header only": (b"x,y\n", "only 0 rows"),
    "one column": (b"1\n2\n3\n4\n5\n6\n", "only one column"),
    "ragged": (b"x,y\n1,2\n3,4,5\n6,7\n", "ragged"),
    "binary image": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "not a text file"),
    "NUL bytes": (b"x,y\n1,2\x00\n", "not a text file"),
    "random bytes": (bytes(np.random.default_rng(0).integers(128, 256, 4000, dtype=np.uint8)), "not a text file"),
    "too few rows": (b"x,y\n1,2\n2,3\n3,4\n", "only 3 rows"),
    "text everywhere": (b"a,b\nc,d\ne,f\ng,h\ni,j\nk,l\n", "only 0 rows"),
    "one x only": (b"x,y\n" + b"1,2\n" * 10, "every x is 1"),
    "too big": (b"1,2\n" * (MAX_BYTES // 4 + 1), "the most is 5 MB"),
    "one huge line": (b"1," * 100_000, "need at least 5"),
}


@pytest.mark.parametrize("name", BAD)
def test_broken_files_get_one_clean_line(name):
    raw, says = BAD[name]
    with pytest.raises(UploadError) as error:
        _xy(raw)
    message = str(error.value)
    assert says in message and "\n" not in message


def test_the_corpus_is_big_enough():
    assert len(GOOD) + len(BAD) + 3 >= 25


def _read_any(raw: bytes) -> None:
    with contextlib.suppress(UploadError):
        _xy(raw)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_random_bytes_only_ever_raise_the_readers_own_error(raw):
    _read_any(raw)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='0123456789.,;\t\n\r -+eE"naifx_\ufeff', max_size=600), st.sampled_from(["utf-8", "utf-16"]))
def test_csv_shaped_text_only_ever_raises_the_readers_own_error(text, encoding):
    _read_any(text.encode(encoding))


def test_edited_points_get_the_same_checks_as_a_file():
    x, y, source, notes, _ = checked_points(
        [3.0, None, 1.0, 2.0, 5.0, 4.0, float("inf")], [1, 2, 3, 4, 5, 6, 7], "edited"
    )
    assert list(x) == [1, 2, 3, 4, 5] and list(y) == [3, 4, 1, 6, 5] and source == "edited"
    assert [str(note) for note in notes] == ["2 of 7 rows left out: a cell that is not a finite number"]
    with pytest.raises(UploadError, match="only 2 rows"):
        checked_points([1, 2], [1, 2])


def test_a_broken_utf16_file_gets_the_readers_own_error():
    with pytest.raises(UploadError, match="UTF-16"):
        read_table(b"\xff\xfe" + "x,y\n1,2\n".encode("utf-16-le") + b"A")


def test_a_quoted_cell_with_a_newline_is_one_cell_and_not_a_number():
    x, y, _, notes, _ = _xy(b"x,y\n" + ROWS.encode() + b'5,"3\n4"\n')
    assert len(x) == 21 and 34 not in y and notes == ["1 of 22 rows left out: a cell that is not a finite number"]


def test_a_file_of_a_million_columns_offers_a_few_and_reads_fast():
    raw = (b"," * 1_000_000 + b"\n") * 4  # 4 MB of empty cells
    table = read_table(raw)
    assert len(table.names) == MAX_COLUMNS and table.columns == 1_000_001
    with pytest.raises(UploadError, match="only 0 rows"):
        points(table, table.names[0], table.names[1])


def test_decimal_commas_in_a_column_with_words_still_read():
    raw = b"x;y\n" + b"".join(f"{i},5;{i}\n".encode() for i in range(10)) + b"n/a;3\n"
    x, _, _, notes, _ = _xy(raw)
    assert list(x) == [i + 0.5 for i in range(10)] and notes == [
        "1 of 11 rows left out: a cell that is not a finite number"
    ]


def test_values_too_large_for_float32_arithmetic_are_left_out_with_a_reason():
    x, y, _, notes, _ = checked_points(range(8), [1, 2, 3e38, -3e38, 5, 6, 7, 1e31])
    assert list(x) == [0, 1, 4, 5, 6] and max(abs(y)) < 10
    assert [str(note) for note in notes] == ["3 of 8 rows left out: a value beyond ±1e+30, too large to train on"]
    with pytest.raises(UploadError, match=r"only 0 rows are left once values beyond ±1e\+30"):
        checked_points(range(6), [3e38, -3e38] * 3)
