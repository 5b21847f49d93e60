"""Masking of personal data in shareable outputs (UU 27/2022, UU 23/2006 art. 84).

Shareable mode (the default): NIK/NKK keep their 6-digit region prefix and the rest becomes
``*``; birth dates keep only the year (``**-**-1990``); disability is left out. Full mode is
for internal work only and must be asked for explicitly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

ID_COLUMN_STEMS = ("nik", "nkk")
DATE_COLUMN_STEMS = ("tanggal_lahir",)
DROPPED_COLUMN_STEMS = ("disabilitas",)


def _has_stem(column: str, stems: tuple[str, ...]) -> bool:
    """``nik`` matches ``nik``, ``nik_dpt`` and ``kandidat_nik``; not ``nikah``."""
    return any(
        column == stem or column.startswith(stem + "_") or column.endswith("_" + stem)
        for stem in stems
    )


def mask_id(values: pd.Series) -> pd.Series:
    """Keep the first 6 digits of a NIK/NKK, replace the remaining characters with ``*``."""
    text = values.fillna("").astype(str).str.strip()
    digits = text.str.replace(r"[^0-9*]", "", regex=True)
    return _stars_after(digits, 6).where(digits.str.len() > 0, "")


def _stars_after(digits: pd.Series, keep: int) -> pd.Series:
    """Every character after the first ``keep`` replaced by ``*``. The values hold only the
    ASCII characters 0-9 and * (one byte each), so this is done on the bytes at once."""
    text = pa.array(digits, from_pandas=True)
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks()
    text = pc.fill_null(text.cast(pa.large_string()), "")
    offsets = np.frombuffer(text.buffers()[1], dtype=np.int64)[text.offset:text.offset + len(text) + 1]
    if text.buffers()[2] is None or offsets[-1] == offsets[0]:
        return digits.astype(str)
    data = np.frombuffer(text.buffers()[2], dtype=np.uint8)[offsets[0]:offsets[-1]].copy()
    lengths = np.diff(offsets)
    position = np.arange(len(data)) - np.repeat(offsets[:-1] - offsets[0], lengths)
    data[position >= keep] = ord("*")
    masked = pa.LargeStringArray.from_buffers(
        len(text), pa.py_buffer((offsets - offsets[0]).tobytes()), pa.py_buffer(data.tobytes()))
    return pd.Series(pd.array(masked, dtype="str"), index=digits.index)


def mask_date(values: pd.Series) -> pd.Series:
    """Keep only a 4-digit year of a date written in any format: ``**-**-1990``."""
    text = values.fillna("").astype(str)
    # Dates repeat a lot: the pattern runs once per distinct value.
    codes, uniques = pd.factorize(text)
    distinct = pd.Series(uniques, dtype="str")
    year = _first_year(distinct)
    masked = ("**-**-" + year).where(year != "", "")
    return pd.Series(masked.array.take(codes), index=values.index)


_YEAR = r"((?:19|20)\d\d)"


def _first_year(text: pd.Series) -> pd.Series:
    r"""The first 19xx/20xx in each value, "" when none (Python's ``re``, whose ``\d`` is any
    Unicode digit). ASCII values, where RE2 reads the pattern the same way, go through
    Arrow's regex kernel at once; the rest through pandas (a Python call per value)."""
    arrow = pa.array(text, from_pandas=True)
    if isinstance(arrow, pa.ChunkedArray):
        arrow = arrow.combine_chunks()
    found = pc.struct_field(pc.extract_regex(arrow, _YEAR.replace("(", "(?P<y>", 1)), "y")
    year = pd.Series(pd.array(pc.fill_null(found, ""), dtype="str"), index=text.index)
    other = ~np.asarray(pc.string_is_ascii(arrow), dtype=bool)
    if other.any():
        year[other] = text[other].str.extract(_YEAR, expand=False).fillna("")
    return year


def apply(table: pd.DataFrame, full_data: bool) -> pd.DataFrame:
    """Return ``table`` made safe to share, unless ``full_data`` was asked for."""
    if full_data:
        return table
    out = table.copy()
    for column in out.columns:
        if _has_stem(column, DROPPED_COLUMN_STEMS):
            out = out.drop(columns=column)
        elif _has_stem(column, ID_COLUMN_STEMS):
            out[column] = mask_id(out[column])
        elif _has_stem(column, DATE_COLUMN_STEMS):
            out[column] = mask_date(out[column])
    if {"kolom", "nilai"} <= set(out.columns):
        kolom = out["kolom"].astype(str)
        ids = kolom.isin(ID_COLUMN_STEMS)
        out.loc[ids, "nilai"] = mask_id(out.loc[ids, "nilai"])
        dates = kolom.eq("tanggal_lahir")
        out.loc[dates, "nilai"] = mask_date(out.loc[dates, "nilai"])
        out.loc[kolom.eq("disabilitas"), "nilai"] = ""
    return out
