"""The commands as an officer runs them: outputs, messages, exit codes, row accounting."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from coklit.cli import app

runner = CliRunner()
# 16 digits standing alone (not inside a SHA-256 hex string or a number like 3.3e-06).
FULL_NIK = re.compile(r"(?<![\w.])\d{16}(?![\w.])")


def _run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [str(a) for a in args])


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


@pytest.fixture(scope="module")
def checked(samples, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("hasil")
    result = _run("check", samples / "dpt.csv", samples / "lapangan.csv", "--out", out)
    assert result.exit_code == 0, result.output
    return out


def test_check_writes_every_output(checked):
    for name in ("ganda", "cocok", "belum_terdaftar", "tms", "tidak_valid", "hasil_lapangan",
                 "ditolak", "rekap_kecamatan", "rekap_kelurahan"):
        assert (checked / f"{name}.csv").exists(), name
    assert (checked / "laporan.html").exists()
    assert (checked / "temuan.xlsx").exists()
    info = json.loads((checked / "info_proses.json").read_text(encoding="utf-8"))
    assert info["command"] == "check" and info["mode"] == "dibagikan"
    assert {i["berkas"] for i in info["inputs"]} == {"dpt.csv", "lapangan.csv"}
    assert all(len(i["sha256"]) == 64 for i in info["inputs"])


def test_check_accounts_for_every_field_row(checked, samples):
    field_rows = len(_csv(samples / "lapangan.csv"))
    outcome = _csv(checked / "hasil_lapangan.csv")
    assert len(outcome) == field_rows
    counts = outcome["hasil"].value_counts()
    assert counts.get("cocok", 0) == len(_csv(checked / "cocok.csv"))
    assert counts.get("belum_terdaftar", 0) == len(_csv(checked / "belum_terdaftar.csv"))


def test_rekap_total_row_agrees_with_the_finding_files(checked, samples):
    rekap = _csv(checked / "rekap_kecamatan.csv")
    total = rekap[rekap["kecamatan"] == "TOTAL"].iloc[0]
    assert int(total["pemilih_dpt"]) == len(_csv(samples / "dpt.csv"))
    assert int(total["belum_terdaftar"]) == len(_csv(checked / "belum_terdaftar.csv"))
    assert int(total["baris_ganda"]) == len(_csv(checked / "ganda.csv"))
    assert int(total["grup_ganda"]) == _csv(checked / "ganda.csv")["grup"].nunique()
    assert int(total["tms"]) == len(_csv(checked / "tms.csv"))
    per_kec = rekap[rekap["kecamatan"] != "TOTAL"]
    assert per_kec["pemilih_dpt"].astype(int).sum() == int(total["pemilih_dpt"])


def test_shared_outputs_never_hold_a_full_nik(checked):
    for path in checked.glob("*.csv"):
        text = path.read_text(encoding="utf-8-sig")
        assert not FULL_NIK.search(text), path.name
    assert not FULL_NIK.search((checked / "laporan.html").read_text(encoding="utf-8"))


def test_every_finding_says_why(checked):
    ganda = _csv(checked / "ganda.csv")
    assert len(ganda) and (ganda["alasan"].str.len() > 10).all()
    assert ganda["alasan"].str.contains("nama").all()
    cocok = _csv(checked / "cocok.csv")
    assert (cocok["alasan"] != "").all() and cocok["skor"].astype(float).between(0.8, 1).all()
    tms = _csv(checked / "tms.csv")
    assert (tms["bukti"] != "").all() and set(tms["sumber"]) <= {"dpt", "lapangan"}


def test_matching_quality_on_the_bundled_samples(checked, samples):
    """Precision and recall floors against the samples' answer key."""
    key = samples / "kunci"
    truth = _csv(key / "tautan.csv")
    got = _csv(checked / "cocok.csv")
    links = set(zip(got["baris_lapangan"], got["baris_dpt"], strict=True))
    true_links = set(zip(truth["baris_lapangan"], truth["baris_dpt"], strict=True))
    assert len(links & true_links) / len(links) >= 0.99
    assert len(links & true_links) / len(true_links) >= 0.98
    ganda = _csv(checked / "ganda.csv")
    groups = ganda.groupby("grup")["baris"].apply(lambda s: sorted(s.astype(int)))
    found = {(a, b) for rows in groups for i, a in enumerate(rows) for b in rows[i + 1:]}
    dup = _csv(key / "ganda.csv")
    true_dup = set(zip(dup["baris_a"].astype(int), dup["baris_b"].astype(int), strict=True))
    assert len(found & true_dup) / len(true_dup) >= 0.9
    assert len(found & true_dup) / max(len(found), 1) >= 0.9
    neg = _csv(key / "negatif_sulit.csv")
    hard = set(zip(neg["baris_a"].astype(int), neg["baris_b"].astype(int), strict=True))
    assert not (found & hard)
    belum = set(_csv(checked / "belum_terdaftar.csv")["baris"])
    true_belum = set(_csv(key / "belum_terdaftar.csv")["baris_lapangan"])
    assert len(belum & true_belum) / len(true_belum) >= 0.95
    assert len(belum & true_belum) / max(len(belum), 1) >= 0.9


def test_full_data_only_when_asked(samples, tmp_path):
    out = tmp_path / "internal"
    result = _run("dedupe", samples / "dpt.csv", "--out", out, "--data-lengkap")
    assert result.exit_code == 0, result.output
    assert FULL_NIK.search((out / "ganda.csv").read_text(encoding="utf-8-sig"))
    info = json.loads((out / "info_proses.json").read_text(encoding="utf-8"))
    assert info["mode"] == "internal"


def test_dedupe_writes_duplicates_without_field_tables(samples, tmp_path):
    result = _run("dedupe", samples / "dpt.csv", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ganda.csv").exists() and not (tmp_path / "cocok.csv").exists()
    assert "Rekap per kecamatan" in result.output


def test_validate_reads_the_messy_samples(samples, tmp_path):
    messy = samples / "messy"
    result = _run("validate", messy / "dpt_per_tps.xlsx", messy / "dpt_dengan_judul.csv",
                  messy / "dpt_titik_koma_cp1252.csv", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    info = json.loads((tmp_path / "info_proses.json").read_text(encoding="utf-8"))
    for item in info["inputs"]:
        assert item["rows_read"] == item["rows_used"] + item["rows_rejected"], item["berkas"]
    assert any("[" in item["berkas"] for item in info["inputs"])  # one entry per XLSX sheet
    rekap = _csv(tmp_path / "rekap_kecamatan.csv")
    assert len(rekap) >= 2  # kecamatan from title blocks and columns, plus TOTAL


def test_per_kecamatan_packs(samples, tmp_path):
    result = _run("check", samples / "dpt.csv", samples / "lapangan.csv", "--out", tmp_path,
                  "--per-kecamatan")
    assert result.exit_code == 0, result.output
    folders = [p for p in (tmp_path / "per_kecamatan").iterdir() if p.is_dir()]
    assert len(folders) >= 10
    one = folders[0]
    ganda = _csv(one / "ganda.csv")
    assert ganda.empty or ganda["kecamatan"].nunique() >= 1
    assert (one / "laporan.html").exists() and (one / "temuan.xlsx").exists()


def test_laporan_rebuilds_reports_from_a_folder(checked, tmp_path):
    import shutil

    copy = tmp_path / "salinan"
    shutil.copytree(checked, copy)
    (copy / "laporan.html").unlink()
    result = _run("laporan", copy, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "Duplicate" in (copy / "laporan.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["check", "tidak_ada.csv", "juga_tidak.csv"], "tidak"),
        (["validate", "tidak_ada.csv", "--lang", "en"], "Nothing matches"),
        (["check", "{dpt}", "{dpt}", "--tanggal-pemilihan", "27/11/2024"], "TTTT-BB-HH"),
        (["check", "{dpt}", "{dpt}", "--ambang", "7"], "--ambang"),
        (["dedupe", "{dpt}", "--kolom", "nama"], "--kolom"),
        (["dedupe", "{dpt}", "--kolom", "umur=USIA"], "Field yang dikenal"),
    ],
)
def test_bad_input_gets_a_message_and_exit_2(samples, tmp_path, args, expected):
    args = [a.replace("{dpt}", str(samples / "dpt.csv")) for a in args]
    result = _run(*args, "--out", tmp_path)
    assert result.exit_code == 2, result.output
    assert expected in result.output
    assert "Traceback" not in result.output


def test_bad_files_get_a_message_and_exit_2(tmp_path):
    empty = tmp_path / "kosong.csv"
    empty.write_text("")
    binary = tmp_path / "gambar.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    no_name = tmp_path / "tanpa_nama.csv"
    no_name.write_text("NIK,TGL LAHIR,ALAMAT\n1671010101900001,01-01-1990,JL. A\n")
    for path, word in ((empty, "kosong"), (binary, "bukan"), (no_name, "nama")):
        result = _run("validate", path, "--out", tmp_path / "o")
        assert result.exit_code == 2, (path, result.output)
        assert word in result.output.lower(), result.output
        assert "Traceback" not in result.output


def test_column_mapping_option_makes_any_header_usable(tmp_path):
    data = tmp_path / "lain.csv"
    data.write_text("FULL NAME,ID NUMBER\nBUDI SANTOSO,1671011203900001\n", encoding="utf-8")
    result = _run("validate", data, "--out", tmp_path / "o", "--kolom", "nama=FULL NAME",
                  "--kolom", "nik=ID NUMBER")
    assert result.exit_code == 0, result.output
    info = json.loads((tmp_path / "o" / "info_proses.json").read_text(encoding="utf-8"))
    assert info["inputs"][0]["columns"]["nama"] == "FULL NAME"


def test_python_dash_m_runs_in_a_real_process(samples, tmp_path):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    version = subprocess.run([sys.executable, "-m", "coklit", "--version"], capture_output=True,
                             text=True, env=env, check=False)
    assert version.returncode == 0 and version.stdout.startswith("coklit ")
    missing = subprocess.run(
        [sys.executable, "-m", "coklit", "validate", str(tmp_path / "x.csv"), "--out",
         str(tmp_path / "o")], capture_output=True, text=True, env=env, check=False)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_an_unexpected_error_is_one_line_not_a_traceback(samples, tmp_path, monkeypatch):
    import coklit.pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("boom with NIK 1671011203900001")

    monkeypatch.setattr(coklit.pipeline, "run_validate", broken)
    monkeypatch.delenv("COKLIT_DEBUG", raising=False)
    result = _run("validate", samples / "dpt.csv", "--out", tmp_path)
    assert result.exit_code == 1
    assert "RuntimeError" in result.output and "COKLIT_DEBUG" in result.output
    assert "1671011203900001" not in result.output  # locals and messages may hold personal data
