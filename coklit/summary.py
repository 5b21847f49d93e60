"""Rekap: counts per kecamatan and per kelurahan, with a total row.

Counts are taken from the finding tables themselves (their ``kecamatan``/``kelurahan``
display columns), so the rekap always agrees with the files beside it.
"""

from __future__ import annotations

import pandas as pd

from coklit.results import (
    EXPECTED_COLUMNS,
    TABLE_COLUMNS,
    TMS_CODE_COLUMNS,
    UNKNOWN_PLACE,
    column_sums,
    with_total,
)

COUNT_COLUMNS = [c for c in TABLE_COLUMNS["rekap_kecamatan"]
                 if c != "kecamatan" and c not in EXPECTED_COLUMNS]


def _count(table: pd.DataFrame | None, keys: list[str], name: str,
           mask: pd.Series | None = None) -> pd.Series:
    if table is None or table.empty:
        return pd.Series(dtype="int64", name=name)
    t = table if mask is None else table[mask]
    return t.groupby(keys, sort=False).size().rename(name)


def _nunique(table: pd.DataFrame | None, keys: list[str], column: str, name: str) -> pd.Series:
    if table is None or table.empty:
        return pd.Series(dtype="int64", name=name)
    return table.groupby(keys, sort=False)[column].nunique().rename(name)


def _rekap(places_dpt: pd.DataFrame, places_field: pd.DataFrame | None,
           tables: dict[str, pd.DataFrame], keys: list[str],
           expected: pd.DataFrame | None) -> pd.DataFrame:
    ganda, tms = tables.get("ganda"), tables.get("tms")
    hasil, invalid = tables.get("hasil_lapangan"), tables.get("tidak_valid")
    parts = [
        _count(places_dpt, keys, "pemilih_dpt"),
        _count(places_field, keys, "lapangan"),
        _count(hasil, keys, "cocok", None if hasil is None else hasil["hasil"].eq("cocok")),
        _count(tables.get("belum_terdaftar"), keys, "belum_terdaftar"),
        _count(tables.get("lapangan_perlu_cek"), keys, "lapangan_perlu_cek"),
        _nunique(ganda, keys, "grup", "grup_ganda"),
        _count(ganda, keys, "baris_ganda"),
        _count(tables.get("ganda_perlu_cek"), keys, "baris_ganda_perlu_cek"),
        _count(tms, keys, "tms"),
    ]
    for code in TMS_CODE_COLUMNS:
        parts.append(_count(tms, keys, code, None if tms is None else tms["kategori"].eq(code)))
    parts.append(_count(tms, keys, "tms_lain",
                        None if tms is None else ~tms["kategori"].isin(TMS_CODE_COLUMNS)))
    if invalid is not None and not invalid.empty:
        parts.append(_count(invalid.drop_duplicates(["berkas", "baris"]), keys, "tidak_valid"))
    table = pd.concat([p for p in parts if len(p)], axis=1) if any(len(p) for p in parts) else pd.DataFrame()
    table = table.reindex(columns=COUNT_COLUMNS).fillna(0).astype("int64")
    if expected is not None and not expected.empty:
        sums = expected.groupby(keys, sort=False)[
            [c for c in EXPECTED_COLUMNS if c in expected]].sum()
        table = table.join(sums, how="outer").fillna(0)
        table[COUNT_COLUMNS] = table[COUNT_COLUMNS].astype("int64")
    table = table.reindex(columns=COUNT_COLUMNS + EXPECTED_COLUMNS)
    table = table.reset_index()
    for key in keys:
        if key in table:
            table[key] = table[key].astype(str).replace("", UNKNOWN_PLACE[key])
    if table.empty:
        table = pd.DataFrame(columns=keys + COUNT_COLUMNS + EXPECTED_COLUMNS)
    table.columns = keys + COUNT_COLUMNS + EXPECTED_COLUMNS
    return table.sort_values(keys, kind="stable").reset_index(drop=True)


def _expected_text(values: pd.Series) -> pd.Series:
    """Expected counts with one decimal ('' when the run estimated none)."""
    return values.map(lambda v: "" if pd.isna(v) else f"{v:.1f}")


def rekap_tables(places_dpt: pd.DataFrame, places_field: pd.DataFrame | None,
                 tables: dict[str, pd.DataFrame],
                 expected: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """rekap_kecamatan and rekap_kelurahan, each ending with a TOTAL row. ``expected`` holds
    per record the expected false/missed duplicates and links (``EXPECTED_COLUMNS``)."""
    out = {}
    for name, keys in (("rekap_kecamatan", ["kecamatan"]),
                       ("rekap_kelurahan", ["kecamatan", "kelurahan"]),
                       ("rekap_tps", ["kecamatan", "kelurahan", "tps"])):
        if name == "rekap_tps" and "tps" not in places_dpt:
            continue
        # Expected errors are estimated per kelurahan at the finest.
        table = _rekap(places_dpt, places_field, tables, keys,
                       None if "tps" in keys else expected)
        total = column_sums(table, COUNT_COLUMNS)
        if "grup_ganda" in total and tables.get("ganda") is not None:
            total["grup_ganda"] = tables["ganda"]["grup"].nunique()
        table = with_total(table, total | table[EXPECTED_COLUMNS].sum(min_count=1).to_dict())
        for column in EXPECTED_COLUMNS:
            table[column] = _expected_text(table[column].astype(float))
        out[name] = table[TABLE_COLUMNS[name]]
    return out
