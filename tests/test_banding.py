"""coklit banding: two versions of a list compared person by person (added, removed, changed),
through the CLI and at function level, against the synthetic key of ``sample --versi-baru``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from benchmarks.banding import score
from coklit.banding import run_banding
from coklit.cli import app
from coklit.config import RunConfig
from coklit.results import BANDING_COUNTS, TABLE_COLUMNS
from coklit.synth.versi import COMPARED, generate_versions

runner = CliRunner()
FULL_NIK = re.compile(r"(?<![\w.])\d{16}(?![\w.])")
TABLES = ("banding_tambah", "banding_hapus", "banding_ubah", "banding_cocok",
          "rekap_banding_kecamatan", "rekap_banding_kelurahan", "rekap_banding_tps", "ditolak")


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _run(*args):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("versi")
    generate_versions(out, voters=4000, seed=11)
    return out


@pytest.fixture(scope="module")
def compared(versions, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("hasil_banding")
    result = _run("banding", versions / "dps.csv", versions / "dpt.csv", "--out", out)
    assert result.exit_code == 0, result.output
    return out


# --- the synthetic pair ---------------------------------------------------------------------

def test_sample_versions_key_accounts_for_every_row(versions):
    old, new = _csv(versions / "dps.csv"), _csv(versions / "dpt.csv")
    pairs = _csv(versions / "kunci" / "banding_pasangan.csv")
    hapus = _csv(versions / "kunci" / "banding_hapus.csv")
    tambah = _csv(versions / "kunci" / "banding_tambah.csv")
    assert len(pairs) + len(hapus) == len(old)
    assert len(pairs) + len(tambah) == len(new)
    assert set(pairs["baris_dps"]).isdisjoint(hapus["baris_dps"])
    assert set(pairs["baris_dpt"]).isdisjoint(tambah["baris_dpt"])
    # Every kind of change the issue names happens.
    kinds = {f for cols in pairs["kolom_berubah"] for f in cols.split(";") if f}
    assert {"alamat", "rt", "rw", "tps", "nama", "nik", "status_kawin"} <= kinds
    assert {"ganda", "meninggal", "pindah"} <= set(hapus["alasan"])
    assert {"baru_17", "pindah_masuk", "belum_terdaftar"} <= set(tambah["alasan"])
    # Rows are re-ordered and renumbered: kept people mostly sit on other row numbers.
    assert (pairs["baris_dps"] != pairs["baris_dpt"]).mean() > 0.5
    assert new["NO"].tolist() == [str(i) for i in range(1, len(new) + 1)]


def test_sample_versions_key_lists_exactly_the_changed_fields(versions):
    old, new = _csv(versions / "dps.csv"), _csv(versions / "dpt.csv")
    pairs = _csv(versions / "kunci" / "banding_pasangan.csv")
    o = old.iloc[pairs["baris_dps"].astype(int) - 2].reset_index(drop=True)
    n = new.iloc[pairs["baris_dpt"].astype(int) - 2].reset_index(drop=True)
    for field, column in COMPARED.items():
        differs = (o[column].str.upper() != n[column].str.upper()).to_numpy()
        listed = pairs["kolom_berubah"].str.split(";").map(lambda cols, f=field: f in cols)
        assert (differs == listed.to_numpy()).all(), field


def test_cli_sample_versi_baru(tmp_path):
    result = _run("sample", "--out", tmp_path, "--pemilih", 300, "--versi-baru")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "dps.csv").exists() and (tmp_path / "dpt.csv").exists()
    assert (tmp_path / "kunci" / "banding_pasangan.csv").exists()
    assert "dps.csv" in result.output and "banding" in (tmp_path / "kunci" / "README.txt").read_text(
        encoding="utf-8")


# --- coklit banding on it -------------------------------------------------------------------

def test_banding_writes_every_table_masked(compared):
    for name in TABLES:
        table = _csv(compared / f"{name}.csv")
        assert list(table.columns) == TABLE_COLUMNS[name], name
        text = (compared / f"{name}.csv").read_text(encoding="utf-8-sig")
        assert not FULL_NIK.search(text), name
    assert (compared / "laporan.html").exists() and (compared / "temuan.xlsx").exists()
    info = json.loads((compared / "info_proses.json").read_text(encoding="utf-8"))
    assert info["command"] == "banding" and info["mode"] == "dibagikan"
    assert {i["role"] for i in info["inputs"]} == {"lama", "baru"}
    assert "model_cocok" in info["parameters"]
    assert set(info["measures"]["banding"]) == set(BANDING_COUNTS)


def test_banding_finds_the_true_changes(compared, versions):
    s = score(compared, versions / "kunci")
    assert s["tambah"]["tepat"] and s["hapus"]["tepat"], (s["tambah"], s["hapus"])
    assert s["tambah"]["f1"] == 1.0 and s["hapus"]["f1"] == 1.0
    assert s["pasangan_grup_ganda"]["f1"] >= 0.999
    assert s["orang_berubah"]["f1"] >= 0.99, s["orang_berubah"]
    assert s["kolom_berubah"]["f1"] >= 0.99, s["kolom_berubah"]


def test_banding_accounts_for_every_row_once(compared, versions):
    old, new = _csv(versions / "dps.csv"), _csv(versions / "dpt.csv")
    cocok = _csv(compared / "banding_cocok.csv")
    hapus, tambah = _csv(compared / "banding_hapus.csv"), _csv(compared / "banding_tambah.csv")
    old_rows = pd.concat([cocok["baris_lama"], hapus["baris"]])
    new_rows = pd.concat([cocok["baris_baru"], tambah["baris"]])
    assert sorted(old_rows.astype(int)) == list(range(2, len(old) + 2))
    assert sorted(new_rows.astype(int)) == list(range(2, len(new) + 2))
    assert (cocok["skor"].astype(float) >= 0.8).all()
    assert (cocok["alasan"] != "").all()
    ubah = _csv(compared / "banding_ubah.csv")
    per_pair = ubah.groupby("baris_baru")["kolom"].agg("; ".join)
    changed = cocok[cocok["hasil"] == "ubah"].set_index("baris_baru")["kolom_berubah"]
    assert per_pair.sort_index().equals(changed.sort_index().rename("kolom"))
    assert (cocok.loc[cocok["hasil"] == "tetap", "kolom_berubah"] == "").all()


@pytest.mark.parametrize("name", ["rekap_banding_kecamatan", "rekap_banding_kelurahan",
                                  "rekap_banding_tps"])
def test_rekap_balances_and_totals_agree(compared, versions, name):
    rekap = _csv(compared / f"{name}.csv")
    counts = rekap[BANDING_COUNTS].astype(int)
    assert (counts["pemilih_baru"] == counts["pemilih_lama"] - counts["hapus"] + counts["tambah"]
            - counts["pindah_keluar"] + counts["pindah_masuk"]).all()
    total = counts[rekap["kecamatan"] == "TOTAL"].iloc[0]
    assert total["pemilih_lama"] == len(_csv(versions / "dps.csv"))
    assert total["pemilih_baru"] == len(_csv(versions / "dpt.csv"))
    assert total["hapus"] == len(_csv(compared / "banding_hapus.csv"))
    assert total["tambah"] == len(_csv(compared / "banding_tambah.csv"))
    assert total["ubah"] == (_csv(compared / "banding_cocok.csv")["hasil"] == "ubah").sum()
    body = counts[rekap["kecamatan"] != "TOTAL"]
    assert (body.sum() == total).all()


def test_tps_moves_count_at_tps_level_only(compared):
    tps = _csv(compared / "rekap_banding_tps.csv")
    kec = _csv(compared / "rekap_banding_kecamatan.csv")
    assert int(tps.iloc[-1]["pindah_masuk"]) > 0  # households re-assigned to another TPS
    assert int(tps.iloc[-1]["pindah_masuk"]) == int(tps.iloc[-1]["pindah_keluar"])
    assert int(kec.iloc[-1]["pindah_masuk"]) <= int(tps.iloc[-1]["pindah_masuk"])


def test_banding_full_data_and_laporan_rerender(versions, tmp_path):
    out = tmp_path / "lengkap"
    result = _run("banding", versions / "dps.csv", versions / "dpt.csv", "--out", out,
                  "--data-lengkap")
    assert result.exit_code == 0, result.output
    ubah = _csv(out / "banding_ubah.csv")
    nik = ubah[ubah["kolom"] == "nik"]
    assert len(nik) and nik["nilai_lama"].str.fullmatch(r"\d{16}").all()
    result = _run("laporan", out, "--lang", "en")
    assert result.exit_code == 0, result.output
    html = (out / "laporan.html").read_text(encoding="utf-8")
    assert "Voter data changed" in html and "Voters added in the new version" in html


# --- function level: the model decides, not the NIK -----------------------------------------

@pytest.fixture(scope="module")
def handmade(samples, tmp_path_factory):  # type: ignore[no-untyped-def]
    """The sample list as the old version; the new one with known edits, shuffled."""
    folder = tmp_path_factory.mktemp("hand")
    old = _csv(samples / "dpt.csv")
    new = old.copy()
    # row 10: NIK typo corrected (one digit) -> the same person, nik changed
    nik = new.at[10, "NIK"]
    new.at[10, "NIK"] = nik[:12] + str((int(nik[12]) + 1) % 10) + nik[13:]
    # row 20 takes the NIK of row 30 (a data-entry slip): still person 20, not person 30
    new.at[20, "NIK"] = old.at[30, "NIK"]
    # row 40: address moved, new RT
    new.at[40, "ALAMAT"] = "JL. MERDEKA LR. BARU NO. 7"
    new.at[40, "RT"] = "041"
    # rows 50 and 60 removed; one new person added
    added = old.iloc[[70]].copy()
    added["NIK"], added["NAMA"] = "1671014107070099", "PUTRI AYU LESTARI"
    added["TANGGAL LAHIR"], added["JENIS KELAMIN"] = "01-07-2007", "P"
    new = pd.concat([new.drop(index=[50, 60]), added], ignore_index=False)
    new = new.sample(frac=1.0, random_state=3)
    new["NO"] = [str(i) for i in range(1, len(new) + 1)]
    old.to_csv(folder / "lama.csv", index=False)
    new.to_csv(folder / "baru.csv", index=False)
    result = run_banding([str(folder / "lama.csv")], [str(folder / "baru.csv")], RunConfig())
    # old baris of a frame index: index + 2; new baris: position + 2
    new_baris = {idx: pos + 2 for pos, idx in enumerate(new.index)}
    return result, new_baris


def test_same_nik_is_not_the_same_person(handmade):
    result, new_baris = handmade
    cocok = result.tables["banding_cocok"].set_index("baris_lama")
    assert cocok.at["22", "baris_baru"] == str(new_baris[20])  # person 20 kept its row
    assert cocok.at["32", "baris_baru"] == str(new_baris[30])
    assert "nik" in cocok.at["22", "kolom_berubah"]


def test_corrected_nik_is_a_change_not_a_removal(handmade):
    result, new_baris = handmade
    cocok = result.tables["banding_cocok"].set_index("baris_lama")
    assert cocok.at["12", "baris_baru"] == str(new_baris[10])
    assert cocok.at["12", "kolom_berubah"] == "nik"
    assert cocok.at["42", "kolom_berubah"] == "alamat; rt"
    ubah = result.tables["banding_ubah"]
    row = ubah[(ubah["baris_lama"] == "42") & (ubah["kolom"] == "rt")].iloc[0]
    assert row["nilai_lama"] != row["nilai_baru"]
    assert row["nilai_baru"] == "041"


def test_removed_and_added_rows(handmade):
    result, _ = handmade
    assert sorted(result.tables["banding_hapus"]["baris"]) == ["52", "62"]
    tambah = result.tables["banding_tambah"]
    assert tambah["nama"].tolist() == ["PUTRI AYU LESTARI"]
    unchanged = result.tables["banding_cocok"]["hasil"].eq("tetap").sum()
    assert unchanged == 3000 - 2 - 3


def test_reordering_alone_changes_nothing(samples, tmp_path):
    old = _csv(samples / "dpt.csv")
    new = old.sample(frac=1.0, random_state=1)
    new["NO"] = np.arange(1, len(new) + 1).astype(str)
    new.to_csv(tmp_path / "baru.csv", index=False)
    result = run_banding([str(samples / "dpt.csv")], [str(tmp_path / "baru.csv")], RunConfig())
    assert result.tables["banding_tambah"].empty and result.tables["banding_hapus"].empty
    assert result.tables["banding_ubah"].empty
    assert len(result.tables["banding_cocok"]) == len(old)


# --- bad input ------------------------------------------------------------------------------

def test_missing_file_is_a_clear_error(tmp_path, samples):
    result = _run("banding", tmp_path / "tidak_ada.csv", samples / "dpt.csv", "--out",
                  tmp_path / "o")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "tidak_ada.csv" in result.output


def test_same_file_twice_is_refused(tmp_path, samples):
    result = _run("banding", samples / "dpt.csv", samples / "dpt.csv", "--out", tmp_path / "o")
    assert result.exit_code != 0
    assert "Traceback" not in result.output and "Galat" in result.output


def test_english_terminal_and_indonesian_files(versions, tmp_path):
    out = tmp_path / "en"
    result = _run("banding", versions / "dps.csv", versions / "dpt.csv", "--out", out,
                  "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "Old version" in result.output and "New version" in result.output
    assert list(_csv(out / "banding_ubah.csv").columns) == TABLE_COLUMNS["banding_ubah"]


# --- --temuan-lama: which findings of a check on the old list the new version resolved ------

@pytest.fixture(scope="module")
def with_findings(versions, tmp_path_factory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("temuan")
    result = _run("check", versions / "dps.csv", versions / "lapangan.csv", "--out",
                  root / "check")
    assert result.exit_code == 0, result.output
    result = _run("banding", versions / "dps.csv", versions / "dpt.csv", "--out",
                  root / "banding", "--temuan-lama", root / "check")
    assert result.exit_code == 0, result.output
    return root


def test_old_findings_resolved_as_the_key_says(with_findings, versions):
    check, out = with_findings / "check", with_findings / "banding"
    status = _csv(out / "temuan_lama.csv")
    kunci = versions / "kunci"
    removed = set(_csv(kunci / "banding_hapus.csv")["baris_dps"])
    added_field = set(_csv(kunci / "banding_tambah.csv")["baris_lapangan"]) - {""}
    pairs = _csv(kunci / "banding_pasangan.csv").set_index("baris_dps")

    tms = _csv(check / "tms.csv")
    got = status[status["temuan"] == "tms"]
    assert len(got) == len(tms)
    tps_fixed = tms["baris"].map(lambda b: "tps" in pairs["kolom_berubah"].get(b, "")) & \
        tms["kategori"].eq("tms_8")
    expected = np.where(tms["baris"].isin(removed) | tps_fixed, "selesai", "tetap")
    assert got["status"].tolist() == expected.tolist()

    belum = _csv(check / "belum_terdaftar.csv")
    got = status[status["temuan"] == "belum_terdaftar"]
    expected = np.where(belum["baris"].isin(added_field), "selesai", "tetap")
    assert got["status"].tolist() == expected.tolist()
    assert "selesai" in set(got["status"]) and "tetap" in set(got["status"])

    ganda = _csv(check / "ganda.csv")
    left = ganda.assign(left=~ganda["baris"].isin(removed)).groupby("grup", sort=False)["left"].sum()
    got = status[status["temuan"] == "ganda"]
    assert got["status"].tolist() == np.where(left <= 1, "selesai", "tetap").tolist()

    rekap = _csv(out / "rekap_temuan_lama.csv")
    total = rekap[rekap["kecamatan"] == "TOTAL"].iloc[0]
    for kind in ("ganda", "tms", "belum_terdaftar"):
        for state in ("selesai", "tetap"):
            assert int(total[f"{kind}_{state}"]) == int(
                ((status["temuan"] == kind) & (status["status"] == state)).sum())


def test_old_findings_of_another_list_are_refused(with_findings, samples, versions, tmp_path):
    result = _run("banding", samples / "dpt.csv", versions / "dpt.csv", "--out", tmp_path / "o",
                  "--temuan-lama", with_findings / "check")
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert "daftar lain" in text and "Traceback" not in text


def test_old_findings_folder_missing_is_a_clear_error(versions, tmp_path):
    result = _run("banding", versions / "dps.csv", versions / "dpt.csv", "--out", tmp_path / "o",
                  "--temuan-lama", tmp_path / "tidak_ada")
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert "tidak ditemukan" in text and "Traceback" not in text


def test_old_findings_without_the_field_file_are_not_checkable(with_findings, versions,
                                                               tmp_path):
    import shutil

    copy = tmp_path / "v"
    copy.mkdir()
    for name in ("dps.csv", "dpt.csv"):
        shutil.copy(versions / name, copy / name)
    check = tmp_path / "check"
    shutil.copytree(with_findings / "check", check)
    info = json.loads((check / "info_proses.json").read_text(encoding="utf-8"))
    for item in info["inputs"]:
        if item["role"] == "lapangan":
            item["path"] = str(tmp_path / "hilang" / "lapangan.csv")
    (check / "info_proses.json").write_text(json.dumps(info), encoding="utf-8")
    result = _run("banding", copy / "dps.csv", copy / "dpt.csv", "--out", tmp_path / "o",
                  "--temuan-lama", check)
    assert result.exit_code == 0, result.output
    status = _csv(tmp_path / "o" / "temuan_lama.csv")
    belum = status[status["temuan"] == "belum_terdaftar"]
    assert len(belum) and (belum["status"] == "tidak_dapat_dicek").all()
    assert belum["keterangan"].str.contains("lapangan").all()


def test_old_version_as_a_folder_of_files(versions, tmp_path):
    old = (versions / "dps.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    folder = tmp_path / "lama"
    folder.mkdir()
    half = len(old) // 2
    (folder / "a.csv").write_text("".join(old[:half]), encoding="utf-8")
    (folder / "b.csv").write_text(old[0] + "".join(old[half:]), encoding="utf-8")
    out = tmp_path / "o"
    result = _run("banding", folder, versions / "dpt.csv", "--out", out)
    assert result.exit_code == 0, result.output
    hapus = _csv(out / "banding_hapus.csv")
    cocok = _csv(out / "banding_cocok.csv")
    assert set(hapus["berkas"]) | set(cocok["berkas_lama"]) == {"a.csv", "b.csv"}
    assert len(hapus) == len(_csv(versions / "kunci" / "banding_hapus.csv"))


def test_a_list_without_names_is_a_clear_error(versions, tmp_path):
    bad = tmp_path / "rusak.csv"
    bad.write_text("A,B,C\n1,2,3\n4,5,6\n", encoding="utf-8")
    result = _run("banding", bad, versions / "dpt.csv", "--out", tmp_path / "o")
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert text.startswith("Galat") and "Traceback" not in text


def test_old_findings_follow_a_renamed_old_list(with_findings, versions, tmp_path):
    import shutil

    renamed = tmp_path / "dps_salinan.csv"
    shutil.copy(versions / "dps.csv", renamed)
    out = tmp_path / "o"
    result = _run("banding", renamed, versions / "dpt.csv", "--out", out,
                  "--temuan-lama", with_findings / "check")
    assert result.exit_code == 0, result.output
    before = _csv(with_findings / "banding" / "temuan_lama.csv")
    after = _csv(out / "temuan_lama.csv")
    assert after["status"].tolist() == before["status"].tolist()
    assert after["berkas_baru"].tolist() == before["berkas_baru"].tolist()
