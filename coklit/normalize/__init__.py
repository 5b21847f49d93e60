"""Normalisation: adds the ``fields.NORMALISED`` columns to loaded records.

``normalize_records(records, election_date)`` is the stage entry point. Each normaliser is also
a public, pure, vectorised function of a Series (or two), documented in its module:

- ``names.normalize_names`` -> nama_norm, nama_key, nama_gelar
- ``dates.parse_dates`` -> tgl_lahir, tgl_status, tgl_placeholder
- ``ids.normalize_ids`` -> norm, status (NIK and NKK)
- ``addresses.normalize_address`` -> alamat_norm, rt_from_alamat, rw_from_alamat;
  ``addresses.parse_rt_rw`` -> rt, rw
- ``places.normalize_kelurahan`` / ``normalize_kecamatan`` / ``normalize_kabupaten`` /
  ``normalize_place`` (birth place)
- ``codes.normalize_gender`` / ``normalize_marital`` / ``parse_int`` / ``map_status``

All of them work on the distinct values of a column (dictionary encoding) with Arrow compute
kernels and numpy; none runs Python code per row.
"""

from __future__ import annotations

import datetime as dt
import time

import pandas as pd

from coklit.fields import NORMALISED

from .addresses import normalize_address, parse_rt_rw
from .codes import map_status, normalize_gender, normalize_marital, parse_int
from .dates import parse_dates
from .ids import normalize_ids
from .names import name_key, normalize_names
from .places import normalize_kabupaten, normalize_kecamatan, normalize_kelurahan, normalize_place

__all__ = [
    "normalize_records",
    "normalize_names",
    "name_key",
    "parse_dates",
    "normalize_ids",
    "normalize_address",
    "parse_rt_rw",
    "normalize_kelurahan",
    "normalize_kecamatan",
    "normalize_kabupaten",
    "normalize_place",
    "normalize_gender",
    "normalize_marital",
    "parse_int",
    "map_status",
]


def _col(records: pd.DataFrame, name: str) -> pd.Series:
    if name in records.columns:
        return records[name]
    return pd.Series("", index=records.index, dtype="str", name=name)


def normalize_records(
    records: pd.DataFrame,
    election_date: dt.date | None = None,
    timings: dict[str, float] | None = None,
) -> pd.DataFrame:
    """Return ``records`` (same index and order, original columns untouched) with every column
    of ``fields.NORMALISED`` added. ``election_date`` bounds birth dates (future ones are
    ``tidak_valid``) and pivots two-digit years; default ``config.DEFAULT_ELECTION_DATE``.
    Pass a dict as ``timings`` to receive seconds spent per normaliser.
    """
    out: dict[str, pd.Series] = {}
    clock = time.perf_counter()

    def lap(label: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        if timings is not None:
            timings[label] = timings.get(label, 0.0) + now - clock
        clock = now

    for f in ("nik", "nkk"):
        ids = normalize_ids(_col(records, f))
        out[f"{f}_norm"], out[f"{f}_status"] = ids["norm"], ids["status"]
    lap("ids")
    names = normalize_names(_col(records, "nama"))
    for c in ("nama_norm", "nama_key", "nama_gelar"):
        out[c] = names[c]
    lap("names")
    dates = parse_dates(_col(records, "tanggal_lahir"), election_date)
    for c in ("tgl_lahir", "tgl_status", "tgl_placeholder"):
        out[c] = dates[c]
    lap("dates")
    out["usia_norm"] = parse_int(_col(records, "usia"))
    out["jk_norm"] = normalize_gender(_col(records, "jenis_kelamin"))
    out["kawin_norm"] = normalize_marital(_col(records, "status_kawin"))
    out["tps_norm"] = parse_int(_col(records, "tps"))
    lap("codes")
    addr = normalize_address(_col(records, "alamat"))
    out["alamat_norm"] = addr["alamat_norm"]
    rt = parse_rt_rw(_col(records, "rt"))
    rw = parse_rt_rw(_col(records, "rw"))
    # the RT cell may hold "001/002" (both); a bare number in the RW cell is the RW
    out["rt_norm"] = rt["rt"].fillna(addr["rt_from_alamat"])
    out["rw_norm"] = rw["rw"].fillna(rw["rt"]).fillna(rt["rw"]).fillna(addr["rw_from_alamat"])
    lap("addresses")
    out["tempat_norm"] = normalize_place(_col(records, "tempat_lahir"))
    out["kelurahan_norm"] = normalize_kelurahan(_col(records, "kelurahan"))
    out["kecamatan_norm"] = normalize_kecamatan(_col(records, "kecamatan"))
    out["kabupaten_norm"] = normalize_kabupaten(_col(records, "kabupaten"))
    out["kodepos_norm"] = _col(records, "kode_pos").astype(str).str.replace(
        r"\D", "", regex=True).astype("str")
    lap("places")
    out["kategori"] = map_status(_col(records, "status"), _col(records, "keterangan"))
    lap("status")

    added = pd.DataFrame({c: out[c].rename(c) for c in NORMALISED}, index=records.index)
    keep = records.drop(columns=[c for c in NORMALISED if c in records.columns])
    result = pd.concat([keep, added], axis=1)
    lap("assemble")
    return result
