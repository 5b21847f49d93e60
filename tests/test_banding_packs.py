"""``coklit banding --per-kecamatan``: one folder per kecamatan, as ``check`` writes them; a
person who moved kecamatan between the versions is in both kecamatan's folders."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from coklit.cli import app
from coklit.report import PER_KECAMATAN_DIR, load_result, safe_name, split_by_kecamatan
from coklit.results import TOTAL_LABEL

runner = CliRunner()
MOVED, REMOVED = 100, 200  # rows of the sample list (frame index): ILIR BARAT II, SEBERANG ULU I


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


@pytest.fixture(scope="module")
def packs(samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("packs")
    old = _csv(samples / "dpt.csv")
    new = old.copy()
    # one person moved from ILIR BARAT II to PLAJU (new kelurahan, TPS and address)
    new.loc[MOVED, ["KECAMATAN", "KELURAHAN", "TPS", "ALAMAT"]] = [
        "PLAJU", "TALANG PUTRI", "007", "JL. DI PANJAITAN LR. MAWAR NO. 3"]
    new = new.drop(index=[REMOVED])
    added = old.iloc[[300]].copy()
    added["NIK"], added["NAMA"] = "1671014107070099", "PUTRI AYU LESTARI"
    added["TANGGAL LAHIR"], added["JENIS KELAMIN"] = "01-07-2007", "P"
    new = pd.concat([new, added], ignore_index=True)
    old.to_csv(folder / "lama.csv", index=False)
    new.to_csv(folder / "baru.csv", index=False)
    out = folder / "hasil"
    result = runner.invoke(app, ["banding", str(folder / "lama.csv"), str(folder / "baru.csv"),
                                 "--out", str(out), "--per-kecamatan"])
    assert result.exit_code == 0, result.output
    return out


def _folders(out: Path) -> dict[str, Path]:
    return {p.name: p for p in (out / PER_KECAMATAN_DIR).iterdir() if p.is_dir()}


def test_one_folder_per_kecamatan_with_every_output(packs: Path) -> None:
    rekap = _csv(packs / "rekap_banding_kecamatan.csv")
    kecamatan = [k for k in rekap["kecamatan"] if k != TOTAL_LABEL]
    folders = _folders(packs)
    assert sorted(folders) == sorted(safe_name(k) for k in kecamatan)
    for name, folder in folders.items():
        for table in ("banding_tambah", "banding_hapus", "banding_ubah", "banding_cocok",
                      "rekap_banding_kecamatan", "rekap_banding_kelurahan", "rekap_banding_tps"):
            assert (folder / f"{table}.csv").is_file(), (name, table)
        assert (folder / "laporan.html").is_file() and (folder / "temuan.xlsx").is_file()
        load_result(folder)  # a whole result folder: its manifest matches
        # its rekap: the kecamatan's row as the city-wide rekap has it, and its own total
        own = _csv(folder / "rekap_banding_kecamatan.csv")
        assert len(own) == 2 and own.iloc[1]["kecamatan"] == TOTAL_LABEL
        city = rekap[rekap["kecamatan"].map(safe_name) == name]
        assert own.iloc[0].tolist() == city.iloc[0].tolist()
        assert own.iloc[1].drop("kecamatan").tolist() == city.iloc[0].drop("kecamatan").tolist()


def test_every_row_in_its_kecamatan_and_a_move_in_both(packs: Path) -> None:
    folders = _folders(packs)
    for table in ("banding_tambah", "banding_hapus", "banding_cocok", "banding_ubah"):
        top = _csv(packs / f"{table}.csv")
        where: dict[tuple, list[str]] = {}
        for name, folder in folders.items():
            for row in _csv(folder / f"{table}.csv").itertuples(index=False, name=None):
                where.setdefault(row, []).append(name)
        assert set(where) == set(top.itertuples(index=False, name=None)), table
        for row in top.itertuples(index=False, name=None):
            record = dict(zip(top.columns, row, strict=True))
            moved = table in ("banding_cocok", "banding_ubah") and record["baris_lama"] == str(
                MOVED + 2)
            expected = ({"ILIR_BARAT_II", "PLAJU"} if moved
                        else {safe_name(record["kecamatan"])})
            assert set(where[row]) == expected, (table, record)
    hapus = _csv(folders["SEBERANG_ULU_I"] / "banding_hapus.csv")
    assert hapus["baris"].tolist() == [str(REMOVED + 2)]
    ubah = _csv(folders["ILIR_BARAT_II"] / "banding_ubah.csv")
    move = ubah[ubah["kolom"] == "kecamatan"]
    assert move[["nilai_lama", "nilai_baru"]].values.tolist() == [["ILIR BARAT II", "PLAJU"]]


def test_split_keeps_a_move_in_both_kecamatan() -> None:
    """Function level: the old kecamatan comes from banding_ubah's kecamatan row."""
    pair = {"berkas_lama": "a.csv", "baris_lama": "5", "berkas_baru": "b.csv", "baris_baru": "9",
            "kecamatan": "PLAJU", "kelurahan": "TALANG PUTRI", "tps": "007"}
    other = pair | {"baris_lama": "6", "baris_baru": "10", "kecamatan": "SAKO"}
    tables = {
        "banding_cocok": pd.DataFrame([pair | {"nama_lama": "A", "kolom_berubah": "kecamatan"},
                                       other | {"nama_lama": "B", "kolom_berubah": ""}]),
        "banding_ubah": pd.DataFrame([pair | {"nama": "A", "kolom": "kecamatan",
                                              "nilai_lama": "ILIR BARAT II",
                                              "nilai_baru": "PLAJU"},
                                      pair | {"nama": "A", "kolom": "kelurahan",
                                              "nilai_lama": "28 ILIR",
                                              "nilai_baru": "TALANG PUTRI"}]),
    }
    split = {folder: sub for folder, _, sub in split_by_kecamatan(tables)}
    assert sorted(split) == ["PLAJU", "SAKO"]  # the old kecamatan has no row placed there...
    assert split["PLAJU"]["banding_ubah"]["kolom"].tolist() == ["kecamatan", "kelurahan"]
    assert split["SAKO"]["banding_cocok"]["nama_lama"].tolist() == ["B"]
    tables["rekap_banding_kecamatan"] = pd.DataFrame(
        {"kecamatan": ["ILIR BARAT II", "PLAJU", "SAKO"], "pindah_keluar": ["1", "0", "0"]})
    split = {folder: sub for folder, _, sub in split_by_kecamatan(tables)}
    # ...but with the rekap it has a folder, and the person who moved out is in it
    assert split["ILIR_BARAT_II"]["banding_cocok"]["nama_lama"].tolist() == ["A"]
    assert len(split["ILIR_BARAT_II"]["banding_ubah"]) == 2
    assert split["PLAJU"]["banding_cocok"]["nama_lama"].tolist() == ["A"]
