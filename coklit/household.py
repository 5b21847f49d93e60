"""Where a belum terdaftar person should register: the TPS of a household member on the list.

A person found eligible but not listed is registered where their KTP-el/KK address is. When a
member of their household is already on the list, that member's kelurahan and TPS is the
natural place: first a listed row with the same KK number (``KK sama``), else a listed row
with the same normalised address, RT/RW and kelurahan (``alamat sama``), else none. When the
members of one KK (or one address) are listed in several TPS, the TPS most of them are in is
taken (the lowest row number on a tie). Everything is merges on keys; no per-row loops.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from coklit.coded import code

BASES = ("kk", "alamat")
COLUMNS = ("nkk_norm", "nkk_status", "alamat_norm", "kelurahan_norm", "rt_norm", "rw_norm",
           "tps_norm")


def _kk_key(records: pd.DataFrame) -> pd.Series:
    """Full, unmasked KK numbers ('' otherwise: a masked or damaged KK proves nothing)."""
    nkk = records["nkk_norm"].astype(str)
    ok = records["nkk_status"].astype(str).eq("ok") & nkk.str.len().eq(16)
    return nkk.where(ok, "")


def _address_key(records: pd.DataFrame) -> pd.Series:
    """Normalised address + RT + RW + kelurahan ('' without an address or a kelurahan)."""
    alamat = records["alamat_norm"].astype(str)
    kel = records["kelurahan_norm"].astype(str)
    rt = records["rt_norm"].astype("Int64").astype("string").fillna("")
    rw = records["rw_norm"].astype("Int64").astype("string").fillna("")
    key = alamat + "|" + rt.astype(str) + "|" + rw.astype(str) + "|" + kel
    return key.where((alamat != "") & (kel != ""), "")


def _member_for(keys: pd.Series, listed: pd.DataFrame, key_of, column: str) -> np.ndarray:
    """Per key in ``keys``: the position in ``listed`` of the member whose place most members
    sharing that key are listed in (-1 when no listed row has the key). ``key_of`` builds the
    key of records; it runs only on the listed rows whose ``column`` value some person has
    (a city list has a million rows, the people a few thousand)."""
    wanted = keys[keys != ""].unique()
    values = pd.Series(wanted).str.split("|").str[0] if column == "alamat_norm" else wanted
    near = np.flatnonzero(listed[column].astype(str).isin(values).to_numpy())
    listed_keys = key_of(listed.iloc[near])
    hold = near[listed_keys.isin(wanted).to_numpy()]
    if len(hold) == 0:
        return np.full(len(keys), -1, dtype=np.int64)
    rows = listed.iloc[hold]
    place = (rows["kelurahan_norm"].astype(str) + "|"
             + rows["tps_norm"].astype("Int64").astype("string").fillna("").astype(str))
    frame = pd.DataFrame({"key": key_of(rows).to_numpy(), "place": place.to_numpy(),
                          "pos": hold})
    sizes = frame.groupby(["key", "place"])["pos"].transform("size")
    frame = frame.assign(n=sizes.to_numpy()).sort_values(["key", "n", "pos"],
                                                         ascending=[True, False, True])
    best = frame.drop_duplicates("key").set_index("key")["pos"]
    found = best.reindex(keys.to_numpy()).to_numpy(dtype=float)
    return np.where(np.isnan(found) | (keys.to_numpy() == ""), -1,
                    np.nan_to_num(found, nan=-1)).astype(np.int64)


def household_members(people: pd.DataFrame, listed: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """For each of ``people`` (normalised records, not on the list): the position in
    ``listed`` of a household member to register with (-1: none) and the basis (``kk``,
    ``alamat`` or ``""``)."""
    listed = listed[list(COLUMNS)]  # only what the keys need (the records are wide)
    by_kk = _member_for(_kk_key(people), listed, _kk_key, "nkk_norm")
    by_address = _member_for(_address_key(people), listed, _address_key, "alamat_norm")
    member = np.where(by_kk >= 0, by_kk, by_address)
    basis = np.where(by_kk >= 0, "kk", np.where(by_address >= 0, "alamat", ""))
    return member, basis.astype(object)


def basis_text(basis: np.ndarray) -> np.ndarray:
    """The ``saran_dasar`` cells (coded) for basis codes."""
    return np.select([basis == "kk", basis == "alamat"],
                     [code("saran.kk"), code("saran.alamat")],
                     code("saran.tidak_ada")).astype(object)
