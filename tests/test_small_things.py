"""The small things a first-time user noticed (issue 11, point 6), each checked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
from rich.console import Console
from typer.testing import CliRunner

from coklit.cli import _Progress, app
from coklit.report import split_by_kecamatan
from coklit.report.terminal import _rekap_table
from coklit.results import TABLE_COLUMNS

runner = CliRunner()


def _help(*args: str) -> str:
    proc = subprocess.run([sys.executable, "-m", "coklit", *args], capture_output=True,
                          text=True, timeout=120, env={"COLUMNS": "100", "PATH": ""})
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_help_in_both_languages_with_h_and_readable_usage() -> None:
    indonesian = _help("check", "-h")
    assert "Penggunaan: coklit check [OPSI] DPT LAPANGAN" in indonesian
    assert "Opsi:" in indonesian and "[wajib]" in indonesian and "bawaan: hasil" in indonesian
    english = _help("check", "--help", "--lang", "en")
    assert "Usage: coklit check [OPTIONS] DPT LAPANGAN" in english
    assert "Voter list: file, folder or glob pattern." in english
    assert "Review marks from an earlier run" in english
    assert "Daftar pemilih" not in english
    # the framework's words too, on every command and the top level
    assert "Tampilkan bantuan ini lalu keluar." in indonesian
    assert "Show this message" not in indonesian + _help("-h") + _help("banding", "-h")
    assert "Show this message and exit." in english
    for text in (indonesian, english):
        assert "<str>" not in text and "{dpt}" not in text and "<list[str]>" not in text
        assert "0.9" in text and "0.8" in text  # the --ambang default is shown
    assert "Commands:" in _help("-h", "--lang", "en")


def test_terminal_rekap_never_cuts_numbers_at_80_columns() -> None:
    columns = TABLE_COLUMNS["rekap_kecamatan"]
    rows = []
    for name in ["ALANG ALANG LEBAR", "SEBERANG ULU II", "SEMATANG BORANG", "TOTAL"]:
        row = dict.fromkeys(columns, "0")
        row.update(kecamatan=name, pemilih_dpt="1241196" if name == "TOTAL" else "98765",
                   lapangan="203301", cocok="198765", belum_terdaftar="4536",
                   grup_ganda="1234", baris_ganda="2600", tms="12345", tidak_valid="10230")
        rows.append(row)
    console = Console(width=80, record=True)
    console.print(_rekap_table(pd.DataFrame(rows), "id"))
    text = console.export_text()
    assert "…" not in text
    for number in ("1.241.196", "203.301", "198.765", "4.536", "1.234", "2.600", "12.345",
                   "10.230"):
        assert number in text, number
    assert max(len(line.rstrip()) for line in text.splitlines()) <= 80


def test_per_kecamatan_packs_hold_both_halves_of_a_duplicate() -> None:
    ganda = pd.DataFrame({c: "" for c in TABLE_COLUMNS["ganda"]}, index=range(4))
    ganda["grup"] = ["1", "1", "2", "2"]
    ganda["kecamatan"] = ["KEMUNING", "SAKO", "SAKO", "SAKO"]
    ganda["baris"] = ["136", "2001", "5", "6"]
    review = pd.DataFrame({c: "" for c in TABLE_COLUMNS["ganda_perlu_cek"]}, index=range(2))
    review["pasangan"] = ["1", "1"]
    review["kecamatan"] = ["PLAJU", "KEMUNING"]
    packs = {display: tables for _, display, tables in
             split_by_kecamatan({"ganda": ganda, "ganda_perlu_cek": review})}
    assert packs["KEMUNING"]["ganda"]["baris"].tolist() == ["136", "2001"]
    assert packs["SAKO"]["ganda"]["baris"].tolist() == ["136", "2001", "5", "6"]
    assert len(packs["PLAJU"]["ganda_perlu_cek"]) == 2
    assert len(packs["PLAJU"]["ganda"]) == 0


def test_progress_shows_step_and_seconds_and_last_line_names_the_report(
        samples: Path, tmp_path: Path) -> None:
    progress = _Progress("id")
    progress.key, progress.number = "step.read", 1
    shown = progress.__rich__().plain  # a Text: the brackets are not read as markup
    assert "Membaca berkas…" in shown and "[langkah 1, " in shown and "dtk]" in shown
    out = tmp_path / "hasil"
    result = runner.invoke(app, ["validate", str(samples / "dpt.csv"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("Selesai dalam ") and str((out / "laporan.html").resolve()) in \
        result.output.replace("\n", "")


def test_ganda_lokasi_is_per_pair(samples: Path) -> None:
    from coklit.config import RunConfig
    from coklit.pipeline import run_dedupe
    from coklit.report.words import render_table

    ganda = render_table(run_dedupe([str(samples / "dpt.csv")], RunConfig()).tables["ganda"], "id")
    by_row = ganda.set_index("baris")
    checked = 0
    for _, row in ganda.iterrows():
        partner = row["alasan"].split(":")[0].rsplit(" ", 1)[-1]
        other = by_row.loc[partner]
        expected = ("beda_kecamatan" if other["kecamatan"] != row["kecamatan"] else
                    "beda_kelurahan" if other["kelurahan"] != row["kelurahan"] else
                    "beda_tps" if other["tps"] != row["tps"] else "sama_tps")
        assert row["lokasi"] == expected, (row["baris"], partner)
        checked += 1
    assert checked == len(ganda) > 0
