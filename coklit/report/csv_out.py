"""CSV output: one ``<table>.csv`` per table, all values text, UTF-8 with BOM.

The file and column names are the Indonesian names from ``coklit.results.TABLE_COLUMNS``: a
stable contract for other tools, never translated. Identity numbers stay text (a NIK is never
turned into ``1.67101E+15``); the BOM makes Excel read the file as UTF-8.

Because Excel opens these files, a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return would be read as a formula (CSV injection). Such cells get a leading ``'``, as
OWASP advises; :func:`read_csv` removes it again, and ``temuan.xlsx`` keeps the original value
as a text cell.
"""

from __future__ import annotations

import csv
import functools
import io
import math
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from coklit.i18n import t
from coklit.results import TABLE_COLUMNS

ENCODING = "utf-8-sig"
# First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection):
# = + - @ tab CR.
_FORMULA_RE = "^[=+\\-@\t\r]"
_NEUTRALISED_RE = "^'[=+\\-@\t\r]"
_ANY_RE = "^[=+\\-@\t]|\r"  # a formula start, or a CR anywhere (see neutralise_formulas)
_QUOTE = pa.scalar("'", pa.large_string())
_EMPTY = pa.scalar("", pa.large_string())


def _float_text(value: float) -> str:
    if math.isnan(value):
        return ""
    if value.is_integer():
        return str(int(value))
    return repr(round(value, 6))


def text_column(values: pd.Series) -> pd.Series:
    """``values`` as text: missing -> ``""``, ``12.0`` -> ``"12"``, strings unchanged."""
    if pd.api.types.is_float_dtype(values.dtype):
        return values.map(_float_text).astype(object)
    if pd.api.types.is_bool_dtype(values.dtype):
        words = {True: t("word.yes"), False: t("word.no")}  # CSV cells are Indonesian data
        return values.map(lambda v: "" if pd.isna(v) else words[bool(v)]).astype(object)
    if pd.api.types.is_numeric_dtype(values.dtype):
        return values.astype(object).where(values.notna(), "").map(str).astype(object)
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return values.dt.strftime("%Y-%m-%d").fillna("").astype(object)
    if isinstance(values.dtype, pd.StringDtype):
        # Text already (the usual case): only missing values change, and the values stay in
        # their Arrow buffers (the writers read them from there).
        return values.where(values.notna(), "") if values.hasnans else values
    if pd.api.types.is_string_dtype(values.dtype) and pd.api.types.infer_dtype(
        values, skipna=True
    ) in ("string", "empty"):
        return values.where(values.notna(), "").astype(object)

    def one(value: object) -> str:
        if value is None or value is pd.NA or value is pd.NaT:
            return ""
        if isinstance(value, float):
            return _float_text(value)
        return str(value)

    return values.map(one).astype(object)


def as_text(table: pd.DataFrame, name: str) -> pd.DataFrame:
    """A copy of ``table`` with every value as text, in contract column order.

    Text columns come back as they are (pandas ``str``, or ``object`` holding Python
    strings); every other column as ``object`` strings. No value is missing.

    Columns of ``TABLE_COLUMNS[name]`` come first (missing ones added empty, so the header is
    stable); any other column the table carries (e.g. ``disabilitas`` in full mode) follows.
    """
    contract = TABLE_COLUMNS.get(name, [])
    columns = list(contract) + [c for c in table.columns if c not in contract]
    out = pd.DataFrame(index=pd.RangeIndex(len(table)))
    for column in columns:
        if column in table.columns:
            out[column] = text_column(table[column].reset_index(drop=True))
        else:
            out[column] = ""
    return out


def _map_text_columns(table: pd.DataFrame,
                      fn: Callable[[pa.Array], pa.Array | None]) -> pd.DataFrame:
    """``fn`` (Arrow strings -> changed array or None) over every text column; a copy of the
    table only when something changed."""
    from coklit.privacy import arrow_text

    out = table
    for column in table.columns:
        values = table[column]
        if pd.api.types.is_numeric_dtype(values.dtype) or pd.api.types.is_bool_dtype(values.dtype):
            continue
        changed = fn(arrow_text(values))
        if changed is None:
            continue
        if out is table:
            out = table.copy()
        out[column] = pd.Series(changed.to_pandas(), index=table.index, dtype="str")
    return out


def neutralise_formulas(table: pd.DataFrame) -> pd.DataFrame:
    """Cells starting with ``= + - @``, tab or CR get a leading ``'``; a carriage return inside
    a cell becomes a line feed first (Python's CSV writer does not quote a lone CR, which would
    split the row). The table is not changed in place; one without such cells is returned as
    it is."""

    def fix(array: pa.Array) -> pa.Array | None:
        if not pc.any(pc.match_substring_regex(array, _ANY_RE)).as_py():
            return None  # the usual case: one pass, nothing to change
        array = pc.replace_substring(pc.replace_substring(array, "\r\n", "\n"), "\r", "\n")
        hit = pc.match_substring_regex(array, _FORMULA_RE)
        return pc.if_else(hit, pc.binary_join_element_wise(_QUOTE, array, _EMPTY), array)

    return _map_text_columns(table, fix)


def restore_formulas(table: pd.DataFrame) -> pd.DataFrame:
    """Undo :func:`neutralise_formulas` on a table read back from CSV."""

    def fix(array: pa.Array) -> pa.Array | None:
        hit = pc.match_substring_regex(array, _NEUTRALISED_RE)
        if not pc.any(hit).as_py():
            return None
        return pc.if_else(hit, pc.utf8_slice_codeunits(array, 1), array)

    return _map_text_columns(table, fix)


def write_csv(table: pd.DataFrame, path: Path) -> Path:
    """Write a text table (see :func:`as_text`); an empty table still gets its header row.
    Cells a spreadsheet would run as formulas are neutralised (see the module doc).

    The bytes are those of pandas' ``to_csv`` (Python's csv module, minimal quoting), built
    column-wise with Arrow string kernels; tables that are not plain text go through pandas.
    """
    table = neutralise_formulas(table)
    rendered = _render_text_csv(table)
    if rendered is None:
        table.to_csv(
            path,
            index=False,
            encoding=ENCODING,
            lineterminator="\n",
            quoting=csv.QUOTE_MINIMAL,
        )
        return path
    with open(path, "wb") as fh:
        fh.write(rendered)
    return path


@functools.cache
def _csv_module_rules() -> tuple[str, str]:
    """How the running Python's csv module treats special characters with our dialect:
    (characters that make it quote a field, characters it refuses to write).

    Probed rather than assumed: the set differs between versions (3.13 also quotes a
    carriage return, 3.10 refuses NUL). Only ASCII can be special (delimiter, quote
    character and line terminator).
    """
    quoting, refused = [], []
    for code in range(128):
        out = io.StringIO()
        try:
            csv.writer(out, lineterminator="\n").writerow([f"a{chr(code)}b", "x"])
        except csv.Error:
            refused.append(chr(code))
            continue
        if out.getvalue().startswith('"'):
            quoting.append(chr(code))
    return "".join(quoting), "".join(refused)


def _render_text_csv(table: pd.DataFrame) -> bytes | None:
    """The CSV file of an all-text table (``str`` columns or object columns of Python
    strings, no missing values) as bytes with BOM, or None when it is not plain text."""
    columns = list(table.columns)
    if not columns or not all(isinstance(c, str) for c in columns):
        return None
    quote, refused = _csv_module_rules()
    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow(columns)
    cells = []
    for column in columns:
        text = text_array(table[column])
        if text is None:
            return None
        if text.null_count or values_with(text, refused).any():
            return None
        cells.append(_quoted(text, quote, single=len(columns) == 1))
    lines = pc.binary_join_element_wise(*cells, pa.scalar(",", pa.large_string()))
    body = _data_bytes(lines, "\n")
    return ENCODING_BOM + header.getvalue().encode("utf-8") + body


ENCODING_BOM = "\ufeff".encode()


def text_array(values: pd.Series) -> pa.Array | None:
    """A text column as one Arrow large_string array (nulls kept), None when the column is
    not text: neither ``str`` nor object of Python strings."""
    try:
        if isinstance(values.dtype, pd.StringDtype):
            text = pa.array(values, from_pandas=True)
            if isinstance(text, pa.ChunkedArray):
                text = text.combine_chunks()
            return text.cast(pa.large_string())
        if values.dtype == object:
            return pa.array(values.to_numpy(), type=pa.large_string(), from_pandas=False)
    except (pa.ArrowException, TypeError, ValueError):
        return None
    return None


def values_with(text: pa.Array, chars: str) -> np.ndarray:
    """Which values of a large_string array hold one of the ASCII ``chars`` (a byte scan:
    much cheaper than a regex call per short value)."""
    offsets = np.frombuffer(text.buffers()[1], dtype=np.int64)[text.offset:text.offset + len(text) + 1]
    found = np.zeros(len(text), dtype=bool)
    if text.buffers()[2] is None or not chars or offsets[-1] == offsets[0]:
        return found
    data = np.frombuffer(text.buffers()[2], dtype=np.uint8)[offsets[0]:offsets[-1]]
    wanted = np.zeros(256, dtype=bool)
    wanted[np.frombuffer(chars.encode("ascii"), dtype=np.uint8)] = True
    hits = np.flatnonzero(wanted[data]) + offsets[0]
    found[np.searchsorted(offsets, hits, side="right") - 1] = True
    return found


def _quoted(text: pa.Array, chars: str, single: bool) -> pa.Array:
    """Fields quoted as the csv module quotes them (QUOTE_MINIMAL, doubled quotes); the
    one field of a single-column row is quoted when empty."""
    needs = values_with(text, chars)
    if single:
        needs |= np.asarray(pc.equal(text, ""))
    if not needs.any():
        return text
    q = pa.scalar('"', pa.large_string())
    quoted = pc.binary_join_element_wise(q, pc.replace_substring(text, '"', '""'), q,
                                         pa.scalar("", pa.large_string()))
    return pc.if_else(pa.array(needs), quoted, text)


def _data_bytes(lines: pa.Array, end: str) -> bytes:
    """UTF-8 bytes of every line followed by ``end`` (the Arrow data buffer, no Python str)."""
    if len(lines) == 0:
        return b""
    lines = pc.binary_join_element_wise(lines, pa.scalar(end, pa.large_string()),
                                        pa.scalar("", pa.large_string()))
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int64)
    begin, stop = offsets[lines.offset], offsets[lines.offset + len(lines)]
    return lines.buffers()[2][begin:stop].to_pybytes()


def read_csv(path: Path) -> pd.DataFrame:
    """Read a CSV written by :func:`write_csv` back, every value as text."""
    return restore_formulas(pd.read_csv(
        path,
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        encoding=ENCODING,
    ))
