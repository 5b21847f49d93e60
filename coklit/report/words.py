"""Words for coded cells: the one place where the core's coded text (:mod:`coklit.coded`)
becomes Indonesian or English.

:func:`render_table` is applied by :func:`coklit.report.shareable` to every table a result
shows or writes, so CSV, XLSX, HTML, the terminal and letters all read the same words.
Rendering works on distinct cells (a column repeats few of them) and caches each part, so a
table of a city costs a fraction of a second.
"""

from __future__ import annotations

import pandas as pd

from coklit.coded import DECIMAL, MARK, PART, decode
from coklit.i18n import MESSAGES, t
from coklit.results import CODED_COLUMNS, RunResult


def _value(value: str, lang: str) -> str:
    if value.startswith(MARK):
        return t(value[1:], lang)
    if value.startswith(DECIMAL):
        number = value[1:]
        return number.replace(".", ",") if lang == "id" else number
    return value


def render_cell(cell: str, lang: str, cache: dict | None = None) -> str:
    """The words of one cell (a plain cell is returned as it is)."""
    if not cell.startswith(MARK):
        return cell
    cache = {} if cache is None else cache
    words = []
    for piece in cell[1:].split(PART):
        text = cache.get(piece)
        if text is None:
            [(key, values)] = decode(MARK + piece)
            text = t(key, lang, **{k: _value(v, lang) for k, v in values.items()})
            cache[piece] = text
        words.append(text)
    return "".join(words)


def render(values: pd.Series, lang: str) -> pd.Series:
    """A column of cells in words (distinct cells rendered once)."""
    if len(values) == 0:
        return values
    text = values.astype(str)
    coded = text.str.startswith(MARK)
    if not coded.any():
        return values
    codes, uniques = pd.factorize(text[coded])
    cache: dict[str, str] = {}
    words = pd.Series([render_cell(u, lang, cache) for u in uniques], dtype=object)
    out = values.astype(object).copy()
    out[coded.to_numpy()] = words.to_numpy()[codes]
    return out


def problem_label(code: str, lang: str = "id") -> str:
    """Short label of a ``tidak_valid`` ``masalah`` code."""
    return t(f"masalah.{code}", lang)


def skip_reason(why: str, lang: str) -> str:
    """Why a sheet was not read (``Dataset.skipped``: a code of ``schema.skip.<code>``; a
    folder written before there were codes holds words, shown as they are)."""
    key = f"schema.skip.{why}"
    return t(key, lang) if key in MESSAGES else str(why)


def rendered(result: RunResult, lang: str = "id") -> RunResult:
    """``result`` with every table in words (not masked: for tests and library callers; the
    outputs go through :func:`coklit.report.shareable`, which also masks)."""
    return RunResult(command=result.command, meta=result.meta,
                     tables={name: render_table(table, lang)
                             for name, table in result.tables.items()})


def render_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``table`` with its coded columns in words (a copy; the table itself is left alone)."""
    columns = [c for c in table.columns if c in CODED_COLUMNS]
    if not columns:
        return table
    out = table.copy()
    for column in columns:
        out[column] = render(out[column], lang)
    return out
