"""What the 16 digits of a NIK (and NKK) say: the one place for their structure.

Positions (0-based)::

    0-5    region: province, kab/kota, kecamatan where the number was first issued
    6-11   NIK: birth date DDMMYY, with 40 added to the day for women
           (NKK: the card's issue date, not a birth date)
    12-15  serial

Values here are *normalised* NIK/NKK text (``nik_norm`` of :mod:`coklit.normalize.ids`):
16 characters of digits and ``*`` (masked), or "" when missing or unusable. Everything is
vectorised: a column becomes an (n, 16) digit matrix once, and every part is read from it.
Two-digit years follow :func:`coklit.birthdate.full_year`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from coklit.birthdate import days_in_month, full_year
from coklit.config import DEFAULT_ELECTION_DATE

__all__ = [
    "DATE", "FEMALE_DAY_OFFSET", "LENGTH", "MASKED", "MISSING", "REGION", "SERIAL",
    "NikDate", "all_digits", "char_matrix", "date_part", "date_value", "digit_matrix",
    "digits_value",
]

LENGTH = 16
REGION = slice(0, 6)
DATE = slice(6, 12)
SERIAL = slice(12, 16)
# Women's NIKs carry the day of birth plus 40 (41..71).
FEMALE_DAY_OFFSET = 40

# Codes in a digit matrix besides 0-9.
MASKED = 10
MISSING = 11


def _text(values: pd.Series | np.ndarray) -> pd.Series:
    return pd.Series(values, dtype="str").fillna("")


def char_matrix(values: pd.Series | np.ndarray) -> np.ndarray:
    """(n, 16) byte codes of normalised NIK/NKK text (a row of 0 for text that is not 16
    characters, 255 for a non-ASCII character).

    Fast path: the contract says 16 characters or "", so the Arrow data buffer is the
    16-character values back to back and reshapes into the matrix without a copy per value.
    Anything else goes through a fixed-width numpy array.
    """
    text = _text(values)
    n = len(text)
    try:
        data = pa.array(text, from_pandas=True)
        if isinstance(data, pa.ChunkedArray):
            data = data.combine_chunks()
        data = data.cast(pa.large_string())
    except (pa.ArrowException, TypeError, ValueError):  # pragma: no cover - non-arrow input
        data = None
    if data is not None and data.null_count == 0:
        offsets = np.frombuffer(data.buffers()[1], dtype=np.int64)[data.offset:data.offset + n + 1]
        lengths = np.diff(offsets)
        full = lengths == LENGTH
        if np.all(full | (lengths == 0)):
            raw = np.frombuffer(data.buffers()[2], dtype=np.uint8) if full.any() else None
            if raw is not None and full.all():
                return raw[offsets[0]:offsets[-1]].reshape(n, LENGTH)
            out = np.zeros((n, LENGTH), dtype=np.uint8)
            if raw is not None:
                out[full] = raw[offsets[0]:offsets[-1]].reshape(-1, LENGTH)
            return out
    # Other lengths: rows that are not 16 characters are left empty (0).
    arr = text.where(text.str.len() == LENGTH, "").to_numpy(dtype=f"U{LENGTH}")
    points = arr.view(np.uint32).reshape(n, LENGTH)
    return np.where(points < 128, points, 255).astype(np.uint8)


def digit_matrix(norm: pd.Series | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Digit matrix and state of normalised NIK/NKK values.

    The matrix is (n, 16) uint8: 0-9, ``MASKED`` for ``*``, ``MISSING`` otherwise; a value
    that is not 16 characters of digits and ``*`` is ``MISSING`` throughout. The state is
    int8: 0 none, 1 full, 2 masked."""
    matrix = np.ascontiguousarray(_DIGIT_CODES[char_matrix(norm)])
    usable = _rows_all(matrix != MISSING)
    masked = ~_rows_all(matrix != MASKED)
    state = np.where(usable, np.where(masked, 2, 1), 0).astype(np.int8)
    matrix[np.flatnonzero(~usable)] = MISSING
    return matrix, state


# Byte -> digit matrix code.
_DIGIT_CODES = np.full(256, MISSING, dtype=np.uint8)
_DIGIT_CODES[ord("0"):ord("9") + 1] = np.arange(10, dtype=np.uint8)
_DIGIT_CODES[ord("*")] = MASKED
_ALL_SET = np.uint64(0x0101010101010101)


def _rows_all(flags: np.ndarray) -> np.ndarray:
    """Rows of an (n, 16) bool matrix that are all True, read as two 64-bit words per row
    (a reduction over a short row axis is slow in numpy)."""
    words = np.ascontiguousarray(flags, dtype=np.bool_).view(np.uint64)
    return (words[:, 0] == _ALL_SET) & (words[:, 1] == _ALL_SET)


def digits_value(matrix: np.ndarray, part: slice) -> np.ndarray:
    """The integer a slice of a digit matrix spells, -1 where a digit is not visible."""
    sub = matrix[:, part].astype(np.int64)
    visible = (sub <= 9).all(axis=1)
    weights = 10 ** np.arange(sub.shape[1] - 1, -1, -1, dtype=np.int64)
    return np.where(visible, sub @ weights, -1)


def all_digits(matrix: np.ndarray, part: slice) -> np.ndarray:
    """Rows whose positions ``part`` are all visible digits.

    The (n, 16) matrix is read as two 64-bit words per row and compared under a mask with
    the bytes of ``part`` set (a reduction over a short row axis is slow in numpy)."""
    wanted = np.zeros(LENGTH, dtype=np.uint8)
    wanted[part] = 1
    mask = wanted.view(np.uint64)
    words = np.ascontiguousarray(matrix <= 9, dtype=np.bool_).view(np.uint64)
    return ((words[:, 0] & mask[0]) == mask[0]) & ((words[:, 1] & mask[1]) == mask[1])


@dataclass(frozen=True)
class NikDate:
    """The birth-date part of NIKs (int64 arrays; meaningless where ``visible`` is False)."""

    visible: np.ndarray  # all six digits visible
    possible: np.ndarray  # visible and a real date (day less 40 for women)
    day: np.ndarray  # day of birth (40 taken off for women)
    month: np.ndarray
    year: np.ndarray  # four-digit year (see coklit.birthdate.full_year)
    female: np.ndarray  # raw day above 40


def date_part(matrix: np.ndarray, election_date: dt.date = DEFAULT_ELECTION_DATE) -> NikDate:
    """Decode the DDMMYY part of each NIK in a digit matrix.

    A raw day of 32-40 or above 71 is impossible either way; 29 February only in leap
    years."""
    visible = all_digits(matrix, DATE)
    d = np.where(visible[:, None], matrix[:, DATE], 0).astype(np.int64)
    raw_day, month, yy = d[:, 0] * 10 + d[:, 1], d[:, 2] * 10 + d[:, 3], d[:, 4] * 10 + d[:, 5]
    female = raw_day > FEMALE_DAY_OFFSET
    day = np.where(female, raw_day - FEMALE_DAY_OFFSET, raw_day)
    year = full_year(yy, election_date)
    possible = visible & (day >= 1) & (day <= days_in_month(year, month))
    return NikDate(visible, possible, day, month, year, female)


def date_value(day: np.ndarray, month: np.ndarray, year: np.ndarray,
               female: np.ndarray) -> np.ndarray:
    """The DDMMYY number a NIK carries for a birth date (what :func:`date_part` decodes)."""
    return (day + FEMALE_DAY_OFFSET * female) * 10000 + month * 100 + year % 100
