"""Birth dates written in many ways.

``parse_dates(s, election_date)`` -> DataFrame[tgl_lahir, tgl_status, tgl_placeholder]:

- ``tgl_lahir``: datetime64[ns], NaT when missing or impossible;
- ``tgl_status``: ``ok`` | ``kosong`` (empty, ``-``, ``0``) | ``tidak_valid`` (unreadable,
  impossible such as 31-02-1990 or month 13, before 1900, or after the election date);
- ``tgl_placeholder``: True for 1 January, 1 July and 31 December (dates recorded when the real
  one was unknown, :data:`coklit.birthdate.PLACEHOLDERS`), only when the date is ok.

Accepted: ``DD-MM-YYYY``, ``DD/MM/YYYY``, ``D-M-YYYY``, ``DD.MM.YYYY`` (also with a two-digit
year), ``YYYY-MM-DD`` and ``YYYY/MM/DD`` (optionally followed by a time such as ``00:00:00``),
``YYYYMMDD`` (and ``DDMMYYYY`` when the first four digits cannot be a year), Excel serial
numbers 1..60000 (``32874`` -> 1990-01-01; day 0 is 1899-12-30), ``12 Januari 1990``,
``12 JAN 1990``, ``12-Jan-1990``, ``January 12, 1990``, with Indonesian or English month names
and abbreviations. Day-month order is always Indonesian (day first) for numeric dates.

Two-digit years: the latest year ending in YY that is not after the election year
(:func:`coklit.birthdate.full_year`; election in 2024: 25..99 -> 19YY, 00..24 -> 20YY).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from coklit.birthdate import days_in_month, full_year, is_placeholder
from coklit.config import DEFAULT_ELECTION_DATE

from ._arrow import dict_encode, fold, has, label_series, map_values, sub

__all__ = ["parse_dates", "MONTHS"]

MONTHS: dict[str, int] = {}
for _month, _names in enumerate(
    [
        "JANUARI JANUARY JAN",
        "FEBRUARI FEBRUARY FEBUARI PEBRUARI FEB PEB",
        "MARET MARCH MAR MRT",
        "APRIL APR",
        "MEI MAY",
        "JUNI JUNE JUN",
        "JULI JULY JUL",
        "AGUSTUS AUGUST AGUSTUS AGU AGS AGT AGST AUG",
        "SEPTEMBER SEP SEPT",
        "OKTOBER OCTOBER OKT OCT OKTOBER",
        "NOVEMBER NOPEMBER NOV NOP",
        "DESEMBER DECEMBER DES DEC",
    ],
    start=1,
):
    for _n in _names.split():
        MONTHS[_n] = _month

_EMPTY_RE = r"^(|-+|0+|00-00-0000|00/00/0000|NULL|NAN|NAT|NONE|TIDAK ADA|TDK ADA)$"


def _num(a: pa.Array) -> np.ndarray:
    """Digits text -> float array (NaN where null/empty)."""
    a = pc.if_else(pc.equal(a, ""), pa.scalar(None, a.type), a)
    return np.asarray(pc.cast(a, pa.float64()).to_numpy(zero_copy_only=False), dtype=float)


def _field(struct: pa.Array, name: str) -> pa.Array:
    return pc.struct_field(struct, name)


def _parse_distinct(u: pa.Array, election_date: dt.date) -> tuple[np.ndarray, np.ndarray]:
    """Distinct raw values -> (datetime64[ns] values, status codes: index in _STATUSES)."""
    n = len(u)
    t = fold(u)
    t = sub(t, r"[ T]\d{1,2}[:.]\d{2}([:.]\d{2}(\.\d+)?)?( ?[AP]M)?$", "")
    t = pc.utf8_trim_whitespace(t)
    empty = has(t, _EMPTY_RE)
    y = np.full(n, np.nan)
    m = np.full(n, np.nan)
    d = np.full(n, np.nan)
    serial = np.full(n, np.nan)

    def take(pattern: str, order: str, month_words: bool = False) -> None:
        ex = pc.extract_regex(t, pattern=pattern)
        ok = np.asarray(ex.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
        ok &= np.isnan(y) & np.isnan(serial)
        if not ok.any():
            return
        yy = _num(_field(ex, "y"))
        dd = _num(_field(ex, "d"))
        if month_words:
            mw = _field(ex, "m")
            mm_a = map_values(pc.fill_null(mw, ""), {k: str(v) for k, v in MONTHS.items()},
                              default="")
            mm = _num(mm_a)
        else:
            mm = _num(_field(ex, "m"))
        ok &= ~np.isnan(mm)
        y[ok], m[ok], d[ok] = yy[ok], mm[ok], dd[ok]

    take(r"^(?P<d>\d{1,2})\s*[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<y>\d{4}|\d{2})$", "dmy")
    take(r"^(?P<y>\d{4})\s*[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})$", "ymd")
    take(r"^(?P<y>(?:18|19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})$", "ymd")
    take(r"^(?P<d>\d{2})(?P<m>\d{2})(?P<y>\d{4})$", "dmy")
    take(r"^(?P<d>\d{1,2})\s*[-/. ,]\s*(?P<m>[A-Z]+)\.?\s*[-/. ,]\s*(?P<y>\d{4}|\d{2})$", "dmy",
         month_words=True)
    take(r"^(?P<m>[A-Z]+)\.?\s*[-/. ]\s*(?P<d>\d{1,2})\s*,?\s*(?P<y>\d{4})$", "mdy",
         month_words=True)
    # Excel serial numbers
    ex = pc.extract_regex(t, pattern=r"^(?P<s>\d{1,5})(?:[.,]0+)?$")
    sv = _num(pc.fill_null(_field(ex, "s"), ""))
    is_serial = np.isnan(y) & ~np.isnan(sv) & (sv >= 1) & (sv <= 60000)
    serial[is_serial] = sv[is_serial]

    # two-digit years
    two = ~np.isnan(y) & (y < 100)
    y[two] = full_year(y[two], election_date)

    # validity
    out = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    have = ~np.isnan(y)
    yi = np.where(have, y, 2000).astype(np.int64)
    mi = np.where(have, m, 1).astype(np.int64)
    di = np.where(have, d, 1).astype(np.int64)
    valid = have & (di >= 1) & (di <= days_in_month(yi, mi)) & (yi >= 1900)
    ymd = (
        (yi - 1970).astype("datetime64[Y]").astype("datetime64[M]")
        + (mi - 1).astype("timedelta64[M]")
    ).astype("datetime64[D]") + (di - 1).astype("timedelta64[D]")
    out[valid] = ymd[valid].astype("datetime64[ns]")
    sdays = np.where(is_serial, serial, 0).astype(np.int64)
    sdate = np.datetime64("1899-12-30", "D") + sdays.astype("timedelta64[D]")
    out[is_serial] = sdate[is_serial].astype("datetime64[ns]")
    valid |= is_serial
    valid &= out <= np.datetime64(election_date, "ns")
    out[~valid] = np.datetime64("NaT")
    status = np.where(empty, 0, np.where(valid, 1, 2)).astype(np.int8)  # index in _STATUSES
    out[empty] = np.datetime64("NaT")
    return out, status


_STATUSES = ("kosong", "ok", "tidak_valid")


def _placeholder(dates: np.ndarray) -> np.ndarray:
    """1 January, 1 July or 31 December (False for NaT)."""
    days = dates.astype("datetime64[D]")
    month_start = days.astype("datetime64[M]")
    month = (month_start.astype(np.int64) % 12) + 1
    day = (days - month_start).astype(np.int64) + 1
    return ~np.isnat(dates) & is_placeholder(day, month)


def parse_dates(s: pd.Series, election_date: dt.date | None = None) -> pd.DataFrame:
    """Birth-date column -> DataFrame[tgl_lahir, tgl_status, tgl_placeholder] (see module doc).

    >>> parse_dates(pd.Series(["12 Januari 1990", "31-02-1990"])).tgl_status.tolist()
    ['ok', 'tidak_valid']
    """
    ed = election_date or DEFAULT_ELECTION_DATE
    uniq, idx = dict_encode(s)
    u_dates, u_status = _parse_distinct(uniq, ed)
    ind = np.asarray(idx.to_numpy(zero_copy_only=False))
    return pd.DataFrame(
        {
            "tgl_lahir": pd.Series(u_dates[ind], index=s.index, dtype="datetime64[ns]"),
            "tgl_status": label_series(u_status[ind], _STATUSES, s.index),
            "tgl_placeholder": pd.Series(_placeholder(u_dates)[ind], index=s.index),
        },
        index=s.index,
    )
