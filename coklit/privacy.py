"""Masking of personal data in shareable outputs (UU 27/2022, UU 23/2006 art. 84).

Shareable mode (the default): NIK/NKK keep their 6-digit region prefix and the rest becomes
``*``; birth dates keep only the year (``**-**-1990``); disability is left out. Full mode is
for internal work only and must be asked for explicitly.

Masking works on two levels:

* **by column**: the identity columns (``nik``, ``nkk_dpt``, ``tanggal_lahir``, ...) are masked
  whatever they hold, and ``nilai`` of ``tidak_valid`` by the column it came from;
* **by value**: every other text column (names, addresses, remarks, reasons, places, headers)
  is scrubbed of anything that looks like an identity number or a full date
  (:func:`scrub_text`), because officers type NIKs and birth dates into any column
  (``MENINGGAL; NIK 1671156410990001 LAHIR 24-10-1999``) and ``--kolom`` can map a NIK column
  to ``nama``. File names (``berkas``) only lose identity numbers (:func:`scrub_ids`): a date in
  a file name is the date of the document, and officers need the name to find the file.

Scrubbing runs in Arrow (RE2) on the values that hold two adjacent digits, once per distinct
value, so it adds little to a large run.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from coklit.i18n import Msg

ID_COLUMN_STEMS = ("nik", "nkk")
DATE_COLUMN_STEMS = ("tanggal_lahir",)
DROPPED_COLUMN_STEMS = ("disabilitas",)
# Columns holding file names (``berkas`` and its variants): identity numbers only.
FILE_COLUMN_STEMS = ("berkas",)
# Columns that are numbers coklit computed (row numbers, group ids, scores): never scrubbed.
NUMBER_COLUMNS = frozenset(
    {"baris", "baris_lapangan", "baris_dpt", "kandidat_baris", "grup", "skor", "kandidat_skor"}
)
# Columns coklit writes itself that look like dates but are no one's personal data: the time
# a finding was reviewed (always rewritten as YYYY-MM-DD HH:MM:SS by coklit.tinjauan).
GENERATED_COLUMNS = frozenset({"waktu_cek"})

_MONTHS = (
    "JANUARI|JANUARY|FEBRUARI|FEBRUARY|PEBRUARI|MARET|MARCH|APRIL|MEI|MAY|JUNI|JUNE|JULI|JULY|"
    "AGUSTUS|AUGUST|SEPTEMBER|OKTOBER|OCTOBER|NOVEMBER|NOPEMBER|DESEMBER|DECEMBER|"
    "JAN|FEB|PEB|MAR|MRT|APR|JUN|JUL|AGU|AGS|AGT|AUG|SEPT|SEP|OKT|OCT|NOV|NOP|DES|DEC"
)
_SEP = r"\s*[-/.]\s*"
# (pattern, replacement) in the order applied. RE2 syntax (no look-around): boundaries are
# not needed because masking a little more than a date never reveals anything.
ID_RULES: tuple[tuple[str, str], ...] = (
    # 16-digit numbers and any other run of 10+ digits (NIK, NKK, phone numbers).
    (r"([0-9]{6})[0-9]{4,}", r"\1**********"),
    # The same written in groups: 1671 0101 0190 0001, 16.71.01.010190.0001, 167101-010190-0001.
    (r"[0-9]{4}[ .-][0-9]{4}[ .-][0-9]{4}[ .-][0-9]{4}", "****************"),
    (r"[0-9]{2}[ .-][0-9]{2}[ .-][0-9]{2}[ .-]?[0-9]{6}[ .-][0-9]{4}", "****************"),
    (r"[0-9]{6}[ .-][0-9]{6}[ .-][0-9]{4}", "****************"),
)
DATE_RULES: tuple[tuple[str, str], ...] = (
    # 24-10-1999, 24/10/1999, 24.10.1999, 1999-10-24
    (r"[0-9]{1,2}" + _SEP + r"[0-9]{1,2}" + _SEP + r"((?:1[89]|20)[0-9]{2})", r"**-**-\1"),
    (r"((?:1[89]|20)[0-9]{2})" + _SEP + r"[0-9]{1,2}" + _SEP + r"[0-9]{1,2}", r"**-**-\1"),
    # 24 Oktober 1999, 24-OKT-99, 24 okt. 1999, October 24, 1999
    (r"(?i)[0-9]{1,2}\s*[-/., ]?\s*(?:" + _MONTHS + r")\.?\s*[-/., ]?\s*([0-9]{2,4})",
     r"**-**-\1"),
    (r"(?i)(?:" + _MONTHS + r")\.?\s*[0-9]{1,2}\s*,?\s*([0-9]{4})", r"**-**-\1"),
    # two-digit years: 24-10-99, 24/10/99
    (r"[0-9]{1,2}" + _SEP + r"[0-9]{1,2}" + _SEP + r"[0-9]{2}", "**-**-**"),
    # compact dates and other 8-9 digit runs: 24101999, 19991024
    (r"[0-9]{8,9}", "********"),
)
TEXT_RULES = ID_RULES + DATE_RULES
# What any rule can match, in one pass: the rules run only on the distinct values that hold
# something like an identity number or a date (few, even in a large run).
_MONTH_CI = "(?i:" + _MONTHS + ")"
_NEEDS = "|".join([
    r"[0-9]{8}",
    r"[0-9]\s*[-/.]\s*[0-9]{1,2}\s*[-/.]\s*[0-9]",
    r"[0-9]{4}[ .-][0-9]{4}",
    r"[0-9]{2}[ .-][0-9]{2}[ .-][0-9]{2}",
    r"[0-9]{6}[ .-][0-9]{6}",
    r"[0-9]\s*[-/., ]?\s*" + _MONTH_CI + r"\.?\s*[-/., ]?\s*[0-9]{2}",
    _MONTH_CI + r"\.?\s*[0-9]{1,2}\s*,?\s*[0-9]{4}",
])
_PY_RULES = {
    rules: [(re.compile(p.replace("(?i)", ""), re.IGNORECASE if "(?i)" in p else 0),
             r.replace("\\1", r"\g<1>")) for p, r in rules]
    for rules in (ID_RULES, TEXT_RULES)
}


def _scrub_array(values: pa.Array, rules: tuple[tuple[str, str], ...]) -> pa.Array | None:
    """``values`` (Arrow strings, no nulls) with every rule applied to the values that need
    it; None when no value needs anything."""
    if len(values) == 0:
        return None
    dictionary = pc.dictionary_encode(values)
    distinct = dictionary.dictionary
    needs = pc.match_substring_regex(distinct, _NEEDS)
    if not pc.any(needs).as_py():
        return None
    todo = pc.filter(distinct, needs)
    for pattern, replacement in rules:
        todo = pc.replace_substring_regex(todo, pattern=pattern, replacement=replacement)
    fixed = pc.replace_with_mask(distinct, needs, todo.cast(distinct.type))
    return pc.take(fixed, dictionary.indices)


def arrow_text(values: pd.Series) -> pa.Array:
    """A column as Arrow strings without nulls; no copy for pandas' Arrow-backed str."""
    try:
        array = pa.array(values) if isinstance(values.dtype, pd.StringDtype) else pa.array(
            values.to_numpy(dtype=object), type=pa.large_string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        array = pa.array(values.astype("string").fillna("").to_numpy(dtype=object),
                         type=pa.large_string())
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    return pc.fill_null(array, "")


def _scrub_series(values: pd.Series, rules: tuple[tuple[str, str], ...]) -> pd.Series:
    """``values`` scrubbed; the same object when nothing in it needed scrubbing."""
    out = _scrub_array(arrow_text(values), rules)
    if out is None:
        return values
    return pd.Series(out.to_pandas(), index=values.index, dtype="str")


def scrub_text(value: str) -> str:
    """One string without identity numbers or full dates (names, remarks, messages)."""
    for pattern, replacement in _PY_RULES[TEXT_RULES]:
        value = pattern.sub(replacement, value)
    return value


def scrub_ids(value: str) -> str:
    """One string without identity numbers (file names and paths keep their dates)."""
    for pattern, replacement in _PY_RULES[ID_RULES]:
        value = pattern.sub(replacement, value)
    return value


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


def _is_text(values: pd.Series) -> bool:
    return not (pd.api.types.is_numeric_dtype(values.dtype)
                or pd.api.types.is_bool_dtype(values.dtype)
                or pd.api.types.is_datetime64_any_dtype(values.dtype))


def apply(table: pd.DataFrame, full_data: bool) -> pd.DataFrame:
    """Return ``table`` made safe to share, unless ``full_data`` was asked for."""
    if full_data:
        return table
    out = table.copy()
    masked: set[str] = set()
    for column in list(out.columns):
        if _has_stem(column, DROPPED_COLUMN_STEMS):
            out = out.drop(columns=column)
        elif _has_stem(column, ID_COLUMN_STEMS):
            out[column] = mask_id(out[column])
            masked.add(column)
        elif _has_stem(column, DATE_COLUMN_STEMS):
            out[column] = mask_date(out[column])
            masked.add(column)
    if {"kolom", "nilai"} <= set(out.columns):
        kolom = out["kolom"].astype(str)
        ids = kolom.isin(ID_COLUMN_STEMS)
        out.loc[ids, "nilai"] = mask_id(out.loc[ids, "nilai"])
        dates = kolom.eq("tanggal_lahir")
        out.loc[dates, "nilai"] = mask_date(out.loc[dates, "nilai"])
        out.loc[kolom.eq("disabilitas"), "nilai"] = ""
    for column in out.columns:
        if (column in masked or column in NUMBER_COLUMNS or column in GENERATED_COLUMNS
                or not _is_text(out[column])):
            continue
        rules = ID_RULES if _has_stem(column, FILE_COLUMN_STEMS) else TEXT_RULES
        out[column] = _scrub_series(out[column], rules)
    return out


# Keys of info_proses.json ``inputs`` entries that name files (identity numbers only).
_META_FILE_KEYS = ("berkas", "path", "sheet")
# Keys whose values are text read from the input (headers): fully scrubbed.
_META_TEXT_KEYS = ("columns", "ignored", "suggestions")


def _scrub_any(value: Any, scrub: Any) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, Msg):
        return Msg(value.key, _scrub_any(value.values, scrub))
    if isinstance(value, dict):
        return {scrub(k) if isinstance(k, str) else k: _scrub_any(v, scrub)
                for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_scrub_any(v, scrub) for v in value]
    return value


def apply_meta(meta: dict[str, Any], full_data: bool) -> dict[str, Any]:
    """``meta`` (info_proses.json) with input-derived text scrubbed, unless ``full_data``.

    File names and paths lose identity numbers; header texts and the kecamatan of a pack lose
    identity numbers and dates. Hashes, parameters and times are coklit's own and untouched.
    """
    if full_data:
        return meta
    out = dict(meta)
    inputs = []
    for item in meta.get("inputs") or []:
        item = dict(item)
        for key in _META_FILE_KEYS:
            if isinstance(item.get(key), str):
                item[key] = scrub_ids(item[key])
        for key in _META_TEXT_KEYS:
            if key in item:
                item[key] = _scrub_any(item[key], scrub_text)
        inputs.append(item)
    if "inputs" in meta:
        out["inputs"] = inputs
    if isinstance(meta.get("kecamatan"), str):
        out["kecamatan"] = scrub_text(meta["kecamatan"])
    if isinstance(meta.get("lembar_dilewati"), dict):  # sheet names: as file names
        out["lembar_dilewati"] = {scrub_ids(str(k)): v for k, v in meta["lembar_dilewati"].items()}
    return out


def scrub_values(values: dict[str, Any], file_keys: tuple[str, ...]) -> dict[str, Any]:
    """Message values for the terminal: keys in ``file_keys`` lose identity numbers, every
    other text value loses identity numbers and full dates."""
    out = {}
    for key, value in values.items():
        scrub = scrub_ids if key in file_keys else scrub_text
        out[key] = _scrub_any(value, scrub) if isinstance(value, (str, list, tuple, dict, Msg)) \
            else value
    return out


__all__ = ["apply", "apply_meta", "mask_date", "mask_id", "scrub_ids", "scrub_text",
           "scrub_values"]
