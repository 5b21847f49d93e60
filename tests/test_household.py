"""Where a belum terdaftar person should register: a household member's kelurahan and TPS."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from coklit.cli import app
from coklit.config import RunConfig
from coklit.household import basis_text, household_members
from coklit.pipeline import run_check
from coklit.report.words import render, rendered
from coklit.results import TABLE_COLUMNS

KK = "1671010101100003"
KK2 = "1671020202100004"


def _records(rows: list[dict]) -> pd.DataFrame:
    base = {"nkk_norm": "", "nkk_status": "kosong", "alamat_norm": "", "kelurahan_norm": "",
            "rt_norm": pd.NA, "rw_norm": pd.NA, "tps_norm": pd.NA}
    frame = pd.DataFrame([base | r for r in rows])
    for column in ("rt_norm", "rw_norm", "tps_norm"):
        frame[column] = frame[column].astype("Int64")
    return frame


LISTED = _records([
    {"nkk_norm": KK, "nkk_status": "ok", "kelurahan_norm": "35 ILIR", "tps_norm": 5},
    {"nkk_norm": KK, "nkk_status": "ok", "kelurahan_norm": "35 ILIR", "tps_norm": 3},
    {"nkk_norm": KK, "nkk_status": "ok", "kelurahan_norm": "35 ILIR", "tps_norm": 3},
    {"nkk_norm": KK2, "nkk_status": "ok", "alamat_norm": "JL A YANI LR MASAJAYA",
     "kelurahan_norm": "7 ULU", "rt_norm": 29, "rw_norm": 6, "tps_norm": 12},
    {"nkk_norm": "", "alamat_norm": "JL MERDEKA", "kelurahan_norm": "7 ULU", "rt_norm": 1,
     "rw_norm": 2, "tps_norm": 8},
])


def test_same_kk_first_then_same_address_then_none():
    people = _records([
        # same KK: the TPS most members are in (3, not 5)
        {"nkk_norm": KK, "nkk_status": "ok", "alamat_norm": "JL MERDEKA",
         "kelurahan_norm": "7 ULU", "rt_norm": 1, "rw_norm": 2},
        # no KK, same address, RT, RW and kelurahan
        {"alamat_norm": "JL A YANI LR MASAJAYA", "kelurahan_norm": "7 ULU", "rt_norm": 29,
         "rw_norm": 6},
        # same street in another RT: not one household
        {"alamat_norm": "JL A YANI LR MASAJAYA", "kelurahan_norm": "7 ULU", "rt_norm": 30,
         "rw_norm": 6},
        # a masked KK proves nothing, even with a listed prefix
        {"nkk_norm": "167101**********", "nkk_status": "tersamar"},
        # same address in another kelurahan
        {"alamat_norm": "JL MERDEKA", "kelurahan_norm": "35 ILIR", "rt_norm": 1, "rw_norm": 2},
    ])
    member, basis = household_members(people, LISTED)
    assert member.tolist() == [1, 3, -1, -1, -1]
    assert basis.tolist() == ["kk", "alamat", "", "", ""]
    assert render(pd.Series(basis_text(basis)), "id").tolist()[:3] == [
        "KK sama", "alamat sama", "tidak ada anggota keluarga di daftar"]
    assert render(pd.Series(basis_text(basis)), "en").tolist()[:3] == [
        "same KK", "same address", "no household member on the list"]


def test_no_listed_member_at_all():
    people = _records([{"nkk_norm": KK2, "nkk_status": "ok"}])
    member, basis = household_members(people, LISTED.iloc[:0])
    assert member.tolist() == [-1] and basis.tolist() == [""]


@pytest.fixture(scope="module")
def checked(samples):
    return rendered(run_check([str(samples / "dpt.csv")], [str(samples / "lapangan.csv")],
                              RunConfig()))


def test_hints_point_at_a_household_member_in_the_list(checked, samples):
    belum = checked.tables["belum_terdaftar"]
    assert list(belum.columns) == TABLE_COLUMNS["belum_terdaftar"]
    dpt = pd.read_csv(samples / "dpt.csv", dtype=str, keep_default_na=False)
    field = pd.read_csv(samples / "lapangan.csv", dtype=str, keep_default_na=False)
    assert set(belum["saran_dasar"]) <= {"KK sama", "alamat sama",
                                         "tidak ada anggota keluarga di daftar"}
    assert (belum["saran_dasar"] == "KK sama").any()
    for _, row in belum.iterrows():
        person = field.iloc[int(row["baris"]) - 2]
        if row["saran_dasar"] == "tidak ada anggota keluarga di daftar":
            assert row["saran_tps"] == row["saran_baris"] == ""
            kk = person["No KK"]
            assert not (len(kk) == 16 and kk.isdigit() and (dpt["NKK"] == kk).any())
            continue
        member = dpt.iloc[int(row["saran_baris"]) - 2]
        assert member["TPS"] == row["saran_tps"]
        assert member["KELURAHAN"].upper() == row["saran_kelurahan"].upper()
        if row["saran_dasar"] == "KK sama":
            assert member["NKK"] == person["No KK"]


def test_belum_terdaftar_csv_carries_the_hint(samples, tmp_path):
    result = CliRunner().invoke(app, ["check", str(samples / "dpt.csv"),
                                      str(samples / "lapangan.csv"), "--out", str(tmp_path),
                                      "--lang", "en"])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(tmp_path / "belum_terdaftar.csv", dtype=str, keep_default_na=False,
                        encoding="utf-8-sig")
    assert {"saran_kelurahan", "saran_tps", "saran_dasar"} <= set(table.columns)
    assert "same KK" in set(table["saran_dasar"])
    assert np.all((table["saran_tps"] == "") == (table["saran_dasar"]
                                                 == "no household member on the list"))
