"""A user's CSV of points: any common encoding, separator and decimal mark; bad files get a one-line error.

The dialect (encoding, separator, decimal mark, header) is found by hand from the first lines, since
pandas cannot guess it; the cells are read by pandas' C parser, which reads 5 MB in about 0.1 s.
"""

import csv
import io
import re
from typing import NamedTuple

import numpy as np
import pandas as pd

from .. import i18n, text
from . import limits
from .data import evenly_spread

MAX_MB = 5  # the page's upload cap: its uploader is given it (own_data.py), and it is enforced here too
MAX_BYTES = MAX_MB * 10**6  # Streamlit's megabyte: its uploader turned away 5,000,001 bytes of a 5 * 2**20 cap
MAX_NAME = 60  # characters of a column or file name that are kept: the page shows them
MAX_COLUMNS = 50  # columns offered to pick from; a file can have a million
SAMPLE_LINES, SAMPLE_CHARS = 50, 65_536  # what the dialect is guessed from: the first lines, each cut
SEPARATORS = (",", ";", "\t")
DECIMAL_COMMA = re.compile(r"^\s*[-+]?\d*,\d+(?:[eE][-+]?\d+)?\s*$")
NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?(?:inf|infinity|nan)"  # as the C parser reads


class UploadError(ValueError):
    """A file that cannot be used, with a one-line message that says why: text.NAME with its fields,
    worded when shown (text.later)."""

    def __init__(self, name: str, **fields):
        super().__init__(text.later(name, **fields))

    @property
    def reason(self) -> i18n.Later:
        """Why, without the error: a session keeps this (the error's traceback holds the file's bytes)."""
        return self.args[0]


class Table(NamedTuple):
    """A CSV's column names and how to read it; its cells are read only for the two columns chosen."""

    names: list[str]  # at most MAX_COLUMNS
    columns: int  # how many the file has
    text: bytes  # the file as UTF-8
    separator: str
    decimal: str
    skip: int  # lines before the first row of numbers: a sep= line, a header


def read_table(raw: bytes) -> Table:
    """The CSV in `raw`: UTF-8 (BOM or not), UTF-16, or Latin-1; , ; or tab separated; header or not."""
    if len(raw) > MAX_BYTES:
        raise UploadError("FILE_TOO_BIG", size=len(raw) / 10**6, most=MAX_MB)
    body = _decode(raw).encode().lstrip()  # pandas skips blank lines, but counts them in skiprows
    head = body.split(b"\n", SAMPLE_LINES)[:SAMPLE_LINES]  # (not splitlines: that splits the whole file)
    lines = [line[:SAMPLE_CHARS].decode(errors="replace").rstrip("\r") for line in head]
    lines = [line for line in lines if line.strip()]
    if not lines:
        raise UploadError("FILE_EMPTY")
    skip = 0
    if re.fullmatch(r"sep=[,;\t]", lines[0].strip("\"' ")):  # Excel names its separator on a first line
        separator, lines, skip = lines[0].strip("\"' ")[-1], lines[1:] or [""], 1
    else:
        separator = _separator(lines)
    try:
        rows = [row[:MAX_COLUMNS] for row in csv.reader(lines, delimiter=separator)]
    except csv.Error as error:
        raise UploadError("NOT_CSV_BECAUSE", error=str(error)) from None
    # The first row's cells, counted in the whole line (the sample cuts it): a separator in quotes counts too.
    columns = max(len(rows[0]), body.split(b"\n", skip + 1)[skip].count(separator.encode()) + 1)
    if columns > MAX_COLUMNS:  # pandas would split every cell of every line: keep the offered ones only
        cut = separator.encode()
        body = b"\n".join(cut.join(line.split(cut, MAX_COLUMNS)[:MAX_COLUMNS]) for line in body.split(b"\n"))
    if len(rows[0]) < 2:
        raise UploadError("ONE_COLUMN")
    decimal = "," if separator != "," and any(DECIMAL_COMMA.match(cell) for row in rows for cell in row) else "."
    if decimal == ",":  # 1,5 means 1.5 here
        rows = [[cell.replace(",", ".") for cell in row] for row in rows]
    if _is_header(rows):
        names = _unique([_cut(cell.strip()) or text.COLUMN.format(number=i + 1) for i, cell in enumerate(rows[0])])
        skip += 1
    else:
        names = [text.COLUMN.format(number=i + 1) for i in range(len(rows[0]))]
    return Table(names, columns, body, separator, decimal, skip)


class Points(NamedTuple):
    """A user's own points, sorted by x, float32, in their units; where they came from; what was left out."""

    x: np.ndarray
    y: np.ndarray
    source: str | i18n.Later  # a file's name, or where the points came from
    notes: list[i18n.Later]
    by_hand: bool = False  # placed by hand (few): they travel in the link, an upload does not


def points(table: Table, x_name: str, y_name: str, source: str = "") -> Points:
    """The (x, y) pairs of two columns of a table."""
    wanted = [table.names.index(x_name), table.names.index(y_name)]
    try:
        cells = pd.read_csv(
            io.BytesIO(table.text), sep=table.separator, decimal=table.decimal, header=None, skiprows=table.skip,
            skipinitialspace=True, encoding="utf-8", engine="c",
            usecols=range(MAX_COLUMNS) if table.columns > MAX_COLUMNS else None,  # a wide file's rows can be ragged
        )  # fmt: skip
    except pd.errors.EmptyDataError:
        raise UploadError("TOO_FEW_ROWS", rows=0, least=limits.MIN_POINTS) from None
    except (pd.errors.ParserError, ValueError, UnicodeDecodeError) as error:
        found = re.search(r"Expected (\d+) fields in line \d+, saw (\d+)", str(error))
        if found:  # (pandas' line number counts without blank lines: not the user's)
            expected, saw = found.groups()
            raise UploadError("RAGGED", saw=saw, expected=expected) from None
        raise UploadError("NOT_CSV") from None
    if cells.shape[1] <= max(wanted):  # rows shorter than the header everywhere
        raise UploadError("TOO_FEW_ROWS", rows=0, least=limits.MIN_POINTS)
    rows = len(cells)
    if rows > limits.MAX_POINTS:  # thinned before the cells are read as numbers, the slow part
        cells = cells.iloc[evenly_spread(rows, limits.MAX_POINTS)]
    x, y = (_numbers(cells[cells.columns[i]], table.decimal) for i in wanted)
    return checked_points(x, y, source, rows)


def checked_points(x, y, source: str | i18n.Later = "", rows: int | None = None) -> Points:
    """Pairs of numbers made trainable: at most MAX_POINTS of `rows`, evenly spread, the non-finite left out."""
    x, y = (_floats(values) for values in (x, y))
    if len(x) > limits.MAX_POINTS:
        keep = evenly_spread(len(x), limits.MAX_POINTS)
        x, y = x[keep], y[keep]
    rows = rows or len(x)
    notes = []
    if rows > len(x):
        notes.append(text.later("ROWS_KEPT", kept=len(x), rows=rows, most=limits.MAX_POINTS))
    with np.errstate(over="ignore"):  # a number beyond float32 becomes inf, and is dropped with the rest
        x, y = x.astype(np.float32), y.astype(np.float32)
    usable = np.isfinite(x) & np.isfinite(y)
    if not usable.all():
        notes.append(text.later("ROWS_LEFT_OUT", left=int((~usable).sum()), rows=len(x)))
    large = usable & ((np.abs(x) > limits.MAX_ABS_VALUE) | (np.abs(y) > limits.MAX_ABS_VALUE))
    if large.any():
        notes.append(text.later("ROWS_TOO_LARGE", left=int(large.sum()), rows=len(x), most=limits.MAX_ABS_VALUE))
    x, y = x[usable & ~large], y[usable & ~large]
    if len(x) < limits.MIN_POINTS:
        too_few = "TOO_FEW_NOT_TOO_LARGE" if large.any() else "TOO_FEW_ROWS"
        raise UploadError(too_few, rows=len(x), least=limits.MIN_POINTS, most=limits.MAX_ABS_VALUE)
    if np.unique(x).size < 2:
        raise UploadError("ONE_X", x=float(x[0]))
    order = np.argsort(x, kind="stable")
    return Points(x[order], y[order], source if isinstance(source, i18n.Later) else _cut(source), notes)


def _floats(values) -> np.ndarray:
    if isinstance(values, np.ndarray):
        return values.astype(np.float64)
    return np.array([np.nan if v is None else v for v in values], dtype=np.float64)  # a table's empty cells


def _numbers(column: pd.Series, decimal: str) -> np.ndarray:
    """A column as float64, NaN where a cell is not a number (1_000, words, dashes)."""
    if pd.api.types.is_float_dtype(column) or pd.api.types.is_integer_dtype(column):
        return column.to_numpy(dtype=np.float64)  # the C parser read every cell as a number
    # Some cells are text: keep those that are numbers, a vectorised match (to_numeric took 4x longer).
    cells = column.astype("str").str.strip()
    if decimal == ",":
        cells = cells.str.replace(",", ".", regex=False)
    return cells.where(cells.str.fullmatch(NUMBER, na=False)).astype("float64").to_numpy()


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:  # an odd byte at the end, say
            raise UploadError("NOT_UTF16") from None
    if b"\x00" in raw:  # not UTF-16 with its mark, so not text
        raise UploadError("NOT_TEXT")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        decoded = raw.decode("latin-1")
    sample = decoded[:SAMPLE_CHARS]
    if sum(not (ch.isprintable() or ch.isspace()) for ch in sample) > len(sample) // 20:
        raise UploadError("NOT_TEXT")
    return decoded


def _is_header(rows: list[list[str]]) -> bool:
    # A header has more cells that are not numbers than a typical row below it.
    def words(row):
        return sum(_number(cell) is None for cell in row)

    below = sorted(words(row) for row in rows[1:51]) or [0]
    return words(rows[0]) > below[len(below) // 2]


def _separator(lines: list[str]) -> str:
    # The first of tab, semicolon, comma that splits the first lines into the same number (2+) of
    # cells. Tab and semicolon go first: where they are the separator, commas are decimal marks.
    for separator in ("\t", ";", ","):
        try:
            counts = {len(row) for row in csv.reader(lines, delimiter=separator)}
        except csv.Error:  # e.g. a field over csv's size limit: not this separator
            continue
        if len(counts) == 1 and counts.pop() >= 2:
            return separator
    # None is consistent: take the commonest, and let the ragged check speak.
    return max(SEPARATORS, key=lambda separator: sum(line.count(separator) for line in lines))


def _number(cell: str) -> float | None:
    try:
        return float(cell.strip().replace("_", "!"))  # float() would read 1_000 as 1000: not a CSV number
    except ValueError:
        return None


def _cut(name: str) -> str:
    return name if len(name) <= MAX_NAME else name[: MAX_NAME - 1] + "…"


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        unique.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return unique
