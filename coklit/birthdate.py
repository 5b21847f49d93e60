"""Birth dates: two-digit years, placeholder dates, days in a month, age on a reference date.

The one place for these rules; :mod:`coklit.normalize.dates` (written dates),
:mod:`coklit.nik` (the date inside a NIK), :mod:`coklit.validate`, :mod:`coklit.sanity` and
:mod:`coklit.findings` use them. Everything is vectorised over numpy arrays.

Two-digit years (``01-05-85``, a NIK's ``YY``): a voter cannot be born after election day,
so ``YY`` is the latest year ending in ``YY`` that is not after the election year: with the
election in 2024, ``00``..``24`` are 2000..2024 and ``25``..``99`` are 1925..1999.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from coklit.config import DEFAULT_ELECTION_DATE

__all__ = [
    "PLACEHOLDERS", "age_on", "ages", "born_after", "days_in_month", "full_year",
    "is_placeholder", "parts",
]

# (day, month) recorded when the real birth date was unknown.
PLACEHOLDERS: tuple[tuple[int, int], ...] = ((1, 1), (1, 7), (31, 12))

_DAYS = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)


def full_year(yy: np.ndarray, election_date: dt.date = DEFAULT_ELECTION_DATE) -> np.ndarray:
    """Four-digit years of two-digit years ``yy`` (0..99): the latest such year not after the
    election year (see the module docstring). Works on any integer or float array."""
    century = election_date.year // 100 * 100
    return np.where(yy > election_date.year % 100, century - 100 + yy, century + yy)


def is_leap(year: np.ndarray) -> np.ndarray:
    """Gregorian leap years."""
    return (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))


def days_in_month(year: np.ndarray, month: np.ndarray) -> np.ndarray:
    """Days in ``month`` (1..12) of ``year``; months outside 1..12 give 0."""
    month = np.asarray(month, dtype=np.int64)
    inside = (month >= 1) & (month <= 12)
    days = _DAYS[np.where(inside, month, 0)]
    return days + (inside & (month == 2) & is_leap(np.asarray(year, dtype=np.int64)))


def is_placeholder(day: np.ndarray, month: np.ndarray) -> np.ndarray:
    """Day and month of a placeholder date (1 January, 1 July, 31 December)."""
    out = np.zeros(np.shape(day), dtype=bool)
    for p_day, p_month in PLACEHOLDERS:
        out |= (day == p_day) & (month == p_month)
    return out


def parts(dates: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Year, month and day of dates (anything ``pd.to_datetime`` reads) as float arrays,
    NaN where the date is missing."""
    when = pd.Series(pd.to_datetime(dates, errors="coerce"))
    year, month, day = (getattr(when.dt, p).to_numpy(dtype=float, na_value=np.nan)
                        for p in ("year", "month", "day"))
    return year, month, day


def age_on(year: np.ndarray, month: np.ndarray, day: np.ndarray, on: dt.date) -> np.ndarray:
    """Completed years on ``on``: the year difference, minus one when the birthday has not
    been reached by ``on`` (someone born on 29 February has it on 1 March in common years).
    NaN where the parts are NaN."""
    before = (month > on.month) | ((month == on.month) & (day > on.day))
    return on.year - year - before


def born_after(year: np.ndarray, month: np.ndarray, day: np.ndarray,
               on: dt.date) -> np.ndarray:
    """Born after ``on`` (False where missing)."""
    return (year > on.year) | ((year == on.year) & (
        (month > on.month) | ((month == on.month) & (day > on.day))))


def ages(dates: pd.Series, on: dt.date) -> pd.Series:
    """Completed years on ``on`` for each date (Int64, NA where the date is missing)."""
    return pd.Series(age_on(*parts(dates), on), index=dates.index).astype("Int64")
