"""CSV output: one ``<table>.csv`` per table, all values text, UTF-8 with BOM.

The file and column names are the Indonesian names from ``coklit.results.TABLE_COLUMNS``: a
stable contract for other tools, never translated. Identity numbers stay text (a NIK is never
turned into ``1.67101E+15``); the BOM makes Excel read the file as UTF-8.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd

from coklit.results import TABLE_COLUMNS

ENCODING = "utf-8-sig"


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
        return values.map(lambda v: "" if pd.isna(v) else ("ya" if v else "tidak")).astype(object)
    if pd.api.types.is_numeric_dtype(values.dtype):
        return values.astype(object).where(values.notna(), "").map(str).astype(object)
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return values.dt.strftime("%Y-%m-%d").fillna("").astype(object)
    if pd.api.types.is_string_dtype(values.dtype) and pd.api.types.infer_dtype(
        values, skipna=True
    ) in ("string", "empty"):
        # Text already (the usual case): only missing values change, vectorised.
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


def write_csv(table: pd.DataFrame, path: Path) -> Path:
    """Write a text table (see :func:`as_text`); an empty table still gets its header row."""
    table.to_csv(
        path,
        index=False,
        encoding=ENCODING,
        lineterminator="\n",
        quoting=csv.QUOTE_MINIMAL,
    )
    return path


def read_csv(path: Path) -> pd.DataFrame:
    """Read a CSV written by :func:`write_csv` back, every value as text."""
    return pd.read_csv(
        path,
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        encoding=ENCODING,
    )
