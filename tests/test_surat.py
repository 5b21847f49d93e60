"""coklit surat: one saran perbaikan per area, as DOCX and print-ready HTML, masked."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pandas as pd
import pytest
from typer.testing import CliRunner

from coklit.cli import app
from coklit.report import load_result
from coklit.report.surat import letters, render_html

runner = CliRunner()
FULL_NIK = re.compile(r"(?<!\d)\d{16}(?!\d)")


@pytest.fixture(scope="module")
def checked(samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("s") / "hasil"
    result = runner.invoke(app, ["check", str(samples / "dpt.csv"), str(samples / "lapangan.csv"),
                                 "--out", str(out), "--data-lengkap"])
    assert result.exit_code == 0, result.output
    return out


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def test_one_letter_per_kecamatan_with_every_finding(checked: Path, tmp_path: Path) -> None:
    out = tmp_path / "surat"
    result = runner.invoke(app, ["surat", str(checked), "--per", "kecamatan", "--out", str(out)])
    assert result.exit_code == 0, result.output
    names = {n: _csv(checked / f"{n}.csv") for n in ("tms", "ganda", "belum_terdaftar",
                                                     "tidak_valid")}
    areas = sorted(set().union(*(set(t["kecamatan"]) for t in names.values())))
    assert sorted(p.stem for p in out.glob("*.docx")) == sorted(
        re.sub(r"[^A-Z0-9]+", "_", a).strip("_") for a in areas)
    kemuning = docx.Document(str(out / "KEMUNING.docx"))
    paragraphs = [p.text for p in kemuning.paragraphs]
    assert paragraphs[0] == "SARAN PERBAIKAN DAFTAR PEMILIH"
    assert any("PPK Kecamatan KEMUNING" in p for p in paragraphs)
    expected = {n: int((t["kecamatan"] == "KEMUNING").sum()) for n, t in names.items()}
    totals = kemuning.tables[-2]
    counted = [int(row.cells[1].text) for row in totals.rows]
    assert counted[:-1] == [expected["tms"], expected["ganda"], expected["belum_terdaftar"],
                            expected["tidak_valid"]]
    assert counted[-1] == sum(expected.values())
    # the TMS rows carry the KPU code, the place and the row
    tms = kemuning.tables[0]
    header = [c.text for c in tms.rows[0].cells]
    assert header == ["No", "Nama", "NIK", "Kelurahan / TPS", "Berkas : baris", "Kode KPU",
                      "Keterangan / bukti"]
    first = _csv(checked / "tms.csv").query("kecamatan == 'KEMUNING'").iloc[0]
    assert [c.text for c in tms.rows[1].cells][5] == first["kode_kpu"]
    assert f"dpt.csv : {first['baris']}" in [c.text for c in tms.rows[1].cells]
    # masked by default although the folder holds full data
    for path in out.iterdir():
        if path.suffix == ".docx":
            text = zipfile.ZipFile(path).read("word/document.xml").decode()
        else:
            text = path.read_text(encoding="utf-8")
        assert not FULL_NIK.search(text), path.name
    html = (out / "KEMUNING.html").read_text(encoding="utf-8")
    assert "@page { size: A4 portrait" in html and "(nama dan tanda tangan)" in html


def test_per_kelurahan_and_english(checked: Path, tmp_path: Path) -> None:
    out = tmp_path / "surat"
    result = runner.invoke(app, ["surat", str(checked), "--per", "kelurahan", "--out", str(out),
                                 "--lang", "en"])
    assert result.exit_code == 0, result.output
    files = sorted(out.glob("*.docx"))
    assert files and all("__" in f.stem for f in files)
    text = [p.text for p in docx.Document(str(files[0])).paragraphs]
    assert text[0] == "VOTER LIST CORRECTION ADVICE" and any("PPS" in p for p in text)


def test_findings_marked_wrong_are_left_out(checked: Path) -> None:
    result = load_result(checked)
    tms = result.tables["tms"].copy()
    before = sum(len(x.sections["tms"]) for x in letters(result, "kecamatan"))
    tms.loc[tms.index[0], "status_cek"] = "keliru"
    result.tables["tms"] = tms
    after = sum(len(x.sections["tms"]) for x in letters(result, "kecamatan"))
    assert after == before - 1
    assert "<script" not in render_html(letters(result, "kecamatan")[0], "id", True, 2024)


def test_letters_are_not_written_into_the_result_folder(checked: Path) -> None:
    result = runner.invoke(app, ["surat", str(checked), "--out", str(checked / "surat")])
    assert result.exit_code == 2
    assert not (checked / "surat").exists()
