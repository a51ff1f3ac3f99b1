"""A user's CSV of points: any common encoding, separator and decimal mark; bad files get a one-line error."""

import csv
import re
from typing import NamedTuple

import numpy as np

from . import limits

MAX_BYTES = 5 * 2**20  # the page's upload cap, enforced here too
MAX_NAME = 60  # characters of a column or file name that are kept: the page shows them
SEPARATORS = (",", ";", "\t")
DECIMAL_COMMA = re.compile(r"^\s*[-+]?\d*,\d+(?:[eE][-+]?\d+)?\s*$")


class UploadError(ValueError):
    """A file that cannot be used, with a one-line message that says why."""


class Table:
    """A CSV's columns, by name, as text cells."""

    def __init__(self, names: list[str], rows: list[list[str]]):
        self.names, self.rows = names, rows

    def column(self, name: str) -> list[str]:
        """The cells of one column, top to bottom."""
        index = self.names.index(name)
        return [row[index] for row in self.rows]


def read_table(raw: bytes) -> Table:
    """The CSV in `raw`: UTF-8 (BOM or not), UTF-16, or Latin-1; , ; or tab separated; header or not."""
    if len(raw) > MAX_BYTES:
        raise UploadError(f"the file is {len(raw) / 2**20:.1f} MB; the most is {MAX_BYTES / 2**20:.0f} MB")
    lines = [line for line in _decode(raw).splitlines() if line.strip()]
    if not lines:
        raise UploadError("the file is empty")
    if re.fullmatch(r"sep=[,;\t]", lines[0].strip("\"' ")):  # Excel names its separator on a first line
        separator, lines = lines[0].strip("\"' ")[-1], lines[1:] or [""]
    else:
        separator = _separator(lines)
    try:
        rows = list(csv.reader(lines, delimiter=separator))
    except csv.Error as error:
        raise UploadError(f"this is not a CSV that can be read: {error}") from None
    widths = {len(row) for row in rows}
    if len(widths) > 1:
        bad = next(i for i, row in enumerate(rows) if len(row) != len(rows[0]))
        raise UploadError(f"row {bad + 1} has {len(rows[bad])} cells but row 1 has {len(rows[0])}: the rows are ragged")
    if len(rows[0]) < 2:
        raise UploadError("found only one column: need x and y, separated by commas, semicolons or tabs")
    if separator != "," and any(DECIMAL_COMMA.match(cell) for row in rows[:50] for cell in row):
        rows = [[cell.replace(",", ".") for cell in row] for row in rows]  # 1,5 means 1.5 here
    if _is_header(rows):
        return Table(_unique([_cut(cell.strip()) or f"column {i + 1}" for i, cell in enumerate(rows[0])]), rows[1:])
    return Table([f"column {i + 1}" for i in range(len(rows[0]))], rows)


class Points(NamedTuple):
    """A user's own points, sorted by x, float32, in their units; where they came from; what was left out."""

    x: np.ndarray
    y: np.ndarray
    source: str
    notes: list[str]


def points(table: Table, x_name: str, y_name: str, source: str = "") -> Points:
    """The (x, y) pairs of two columns of a table."""
    x = [_number(cell) for cell in table.column(x_name)]
    return checked_points(x, [_number(cell) for cell in table.column(y_name)], source)


def checked_points(x, y, source: str = "") -> Points:
    """Pairs of numbers made trainable: non-finite ones left out, at most MAX_POINTS; else UploadError."""
    x = np.array([np.nan if v is None else v for v in x], dtype=np.float64)
    y = np.array([np.nan if v is None else v for v in y], dtype=np.float64)
    with np.errstate(over="ignore"):  # a number beyond float32 becomes inf, and is dropped with the rest
        x, y = x.astype(np.float32), y.astype(np.float32)
    usable = np.isfinite(x) & np.isfinite(y)
    notes = []
    if not usable.all():
        notes.append(f"{(~usable).sum():,} of {len(x):,} rows left out: a cell that is not a finite number")
    x, y = x[usable], y[usable]
    if len(x) < limits.MIN_POINTS:
        raise UploadError(f"only {len(x)} rows have numbers in both columns; need at least {limits.MIN_POINTS}")
    if np.unique(x).size < 2:
        raise UploadError(f"every x is {x[0]:g}: need at least two different x values to draw a curve")
    if len(x) > limits.MAX_POINTS:
        keep = np.linspace(0, len(x) - 1, limits.MAX_POINTS).round().astype(np.int64)
        notes.append(f"kept {limits.MAX_POINTS:,} of {len(x):,} rows, evenly spread; the most is {limits.MAX_POINTS:,}")
        x, y = x[keep], y[keep]
    order = np.argsort(x, kind="stable")
    return Points(x[order], y[order], _cut(source), notes)


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if b"\x00" in raw:  # not UTF-16 with its mark, so not text
        raise UploadError("this is not a text file: save the data as CSV")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    if sum(not (ch.isprintable() or ch.isspace()) for ch in text) > len(text) // 20:
        raise UploadError("this is not a text file: save the data as CSV")
    return text


def _is_header(rows: list[list[str]]) -> bool:
    # A header has more cells that are not numbers than a typical row below it.
    def words(row):
        return sum(_number(cell) is None for cell in row)

    below = sorted(words(row) for row in rows[1:51]) or [0]
    return words(rows[0]) > below[len(below) // 2]


def _separator(lines: list[str]) -> str:
    # The first of tab, semicolon, comma that splits the first lines into the same number (2+) of
    # cells. Tab and semicolon go first: where they are the separator, commas are decimal marks.
    sample = lines[:50]
    for separator in ("\t", ";", ","):
        try:
            counts = {len(row) for row in csv.reader(sample, delimiter=separator)}
        except csv.Error:  # e.g. a field over csv's size limit: not this separator
            continue
        if len(counts) == 1 and counts.pop() >= 2:
            return separator
    # None is consistent: take the commonest, and let the ragged check speak.
    return max(SEPARATORS, key=lambda separator: sum(line.count(separator) for line in sample))


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
