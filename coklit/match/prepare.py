"""Turn normalised records into the arrays the matcher works on.

Everything here is vectorised over whole columns. The result is a plain frame plus a NIK
digit matrix, so a partition of records (a block) can be prepared and matched on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

# Codes in the NIK digit matrix besides 0-9.
MASKED = 10
MISSING = 11


@dataclass
class Prepared:
    """Arrays for one set of records, aligned with ``frame`` (positions 0..n-1)."""

    frame: pd.DataFrame  # text columns used by blocking and comparisons
    nik: np.ndarray  # (n, 16) uint8: digits, MASKED, or MISSING for a row without NIK
    nik_state: np.ndarray  # int8: 0 none, 1 full, 2 masked
    nik_date_ok: np.ndarray  # bool: the NIK's date part agrees with the written birth date
    tgl_from_nik: np.ndarray  # bool: no birth date was written; it was read from the NIK
    tgl_known: np.ndarray  # bool
    tgl_y: np.ndarray  # year, month, day; -1 when unknown
    tgl_m: np.ndarray
    tgl_d: np.ndarray
    text: dict[str, np.ndarray] = field(default_factory=dict)  # object arrays, filled lazily
    keys: dict[str, pd.Series] = field(default_factory=dict)  # blocking keys, filled lazily
    # Per TF comparison: the distinct-value index of the tables counted on these records and
    # each record's position in it (see engine.tf_tables).
    tf_codes: dict[str, tuple[pd.Index, np.ndarray]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.frame)

    def key(self, name: str, build) -> pd.Series:  # type: ignore[no-untyped-def]
        """Blocking key ``name`` (built once by ``build(frame)``, then reused: duplicate
        detection and linking share keys on the same list)."""
        if name not in self.keys:
            self.keys[name] = build(self.frame)
        return self.keys[name]

    def column(self, name: str) -> np.ndarray:
        """Column ``name`` of ``frame`` as a numpy array (object arrays for text), converted
        once: comparisons index these arrays many times."""
        if name not in self.text:
            series = self.frame[name]
            self.text[name] = (
                series.to_numpy(dtype=object) if series.dtype.kind not in "iub" else series.to_numpy()
            )
        return self.text[name]


def _text(series: pd.Series) -> pd.Series:
    return series.fillna("").astype(str)


def nik_matrix(nik_norm: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Digit matrix and state of normalised NIKs ('' = none, '*' = masked digit)."""
    text = _text(nik_norm)
    n = len(text)
    present = text.str.len().to_numpy() == 16
    padded = text.where(present, "#" * 16)
    raw = np.frombuffer("".join(padded.tolist()).encode("ascii", "replace"), dtype=np.uint8)
    raw = raw.reshape(n, 16) if n else np.zeros((0, 16), np.uint8)
    digits = raw.astype(np.int16) - ord("0")
    matrix = np.where((digits >= 0) & (digits <= 9), digits, MISSING).astype(np.uint8)
    matrix[raw == ord("*")] = MASKED
    masked = (matrix == MASKED).any(axis=1)
    state = np.where(present, np.where(masked, 2, 1), 0).astype(np.int8)
    return matrix, state


def prepare(records: pd.DataFrame) -> Prepared:
    """Prepare normalised records (columns of ``coklit.fields.NORMALISED``) for matching."""
    nama = _text(records["nama_norm"])
    frame = pd.DataFrame(
        {
            "nama": nama,
            "nama_key": _text(records["nama_key"]),
            "nama_first": nama.str.replace(r" .*", "", regex=True),
            "nama_tokens": (nama.str.count(" ") + 1).astype(np.int64),
            "nik": _text(records["nik_norm"]),
            "nkk": _text(records["nkk_norm"]).where(records["nkk_status"].eq("ok"), ""),
            "jk": _text(records["jk_norm"]),
            "tempat": _text(records["tempat_norm"]),
            "alamat": _text(records["alamat_norm"]),
            "kel": _text(records["kelurahan_norm"]),
            "kec": _text(records["kecamatan_norm"]),
            "rt": records["rt_norm"].astype("Int64").fillna(-1).astype(np.int64),
            "rw": records["rw_norm"].astype("Int64").fillna(-1).astype(np.int64),
            "tps": records["tps_norm"].astype("Int64").fillna(-1).astype(np.int64),
        }
    ).reset_index(drop=True)
    nik, state = nik_matrix(records["nik_norm"])
    frame["nik"] = frame["nik"].where(state > 0, "")

    tgl = pd.to_datetime(records["tgl_lahir"], errors="coerce").reset_index(drop=True)
    written = tgl.notna().to_numpy()
    # A record without a birth date but with the date part of its NIK visible (full or
    # masked elsewhere) gets the date the NIK encodes: the NIK is issued from the birth date.
    if (~written & (state > 0)).any():
        missing = np.flatnonzero(~written & (state > 0))
        from_nik = nik_birth_dates(nik[missing])
        tgl = tgl.copy()
        tgl.iloc[missing] = from_nik.to_numpy()
    known = tgl.notna().to_numpy()
    y = np.where(known, tgl.dt.year.fillna(0).to_numpy(dtype=np.int64), -1)
    m = np.where(known, tgl.dt.month.fillna(0).to_numpy(dtype=np.int64), -1)
    d = np.where(known, tgl.dt.day.fillna(0).to_numpy(dtype=np.int64), -1)
    frame["tgl"] = pd.Series(np.where(known, (y * 10000 + m * 100 + d).astype(str), ""), dtype=str)
    # Year + the two day/month numbers in sorted order: equal under a day/month swap.
    lo, hi = np.minimum(d, m), np.maximum(d, m)
    frame["tgl_swapkey"] = pd.Series(
        np.where(known, (y * 10000 + lo * 100 + hi).astype(str), ""), dtype=str
    )
    return Prepared(
        frame=frame, nik=nik, nik_state=state,
        nik_date_ok=nik_agrees_with_date(nik, state, d, m, y) & written,
        tgl_from_nik=known & ~written, tgl_known=known, tgl_y=y, tgl_m=m, tgl_d=d,
    )


# Two-digit NIK years below this are 20YY, others 19YY (voters born before 1930 are rare,
# and anyone born after 2029 cannot vote for years to come).
CENTURY_PIVOT = 30


def nik_birth_dates(nik: np.ndarray) -> pd.Series:
    """Birth date encoded in each NIK's DDMMYY part (day - 40 for women); NaT where those six
    digits are not all visible or do not form a real date."""
    part = nik[:, 6:12].astype(np.int64)
    visible = (nik[:, 6:12] <= 9).all(axis=1)
    day = part[:, 0] * 10 + part[:, 1]
    day = np.where(day > 40, day - 40, day)
    month = part[:, 2] * 10 + part[:, 3]
    yy = part[:, 4] * 10 + part[:, 5]
    year = np.where(yy < CENTURY_PIVOT, 2000 + yy, 1900 + yy)
    frame = pd.DataFrame({"year": year, "month": month, "day": day})
    dates = pd.to_datetime(frame, errors="coerce")
    return dates.where(visible)


def nik_agrees_with_date(
    nik: np.ndarray, state: np.ndarray, d: np.ndarray, m: np.ndarray, y: np.ndarray
) -> np.ndarray:
    """True where a full NIK's DDMMYY part (day + 40 for women) equals the birth date."""
    digits = nik.astype(np.int64)
    day = digits[:, 6] * 10 + digits[:, 7]
    day = np.where(day > 40, day - 40, day)
    month = digits[:, 8] * 10 + digits[:, 9]
    year2 = digits[:, 10] * 10 + digits[:, 11]
    return (state == 1) & (d >= 0) & (day == d) & (month == m) & (year2 == y % 100)
