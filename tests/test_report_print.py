"""Printing laporan.html to PDF in headless chromium: every row of every printed table is in
the PDF, long supporting tables are left out with their count, and the check itself fails on a
printout that lacks rows (``benchmarks/print_pdf.py``, which also measures the 200k report).

Needs /usr/bin/chromium and pypdfium2 (a test dependency); skipped without them.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from test_report_browser import CHROMIUM
from test_tinjauan import _run

from coklit.config import OutputConfig
from coklit.report import load_result
from coklit.report.html import PRINT_LIMITED, write_html

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.print_pdf import check_folder, page_texts, print_to_pdf  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium"),
]
pytest.importorskip("pypdfium2")


@pytest.fixture(scope="module")
def folder(samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("print") / "hasil"
    result = _run("check", samples / "dpt.csv", samples / "lapangan.csv", "--out", out)
    assert result.exit_code == 0, result.output
    return out


def _printed(html: Path, tmp_path: Path) -> list[str]:
    pdf = tmp_path / (html.stem + ".pdf")
    print_to_pdf(html, pdf)
    return page_texts(pdf)


def test_every_row_of_every_table_is_printed(folder: Path, tmp_path: Path) -> None:
    texts = _printed(folder / "laporan.html", tmp_path)
    checks = check_folder(folder, texts)
    assert not [(c.table, c.problems) for c in checks if c.problems]
    # the samples are small: every table is printed, the finding tables row by row
    assert all(c.printed for c in checks)
    by_name = {c.table: c for c in checks}
    for name in ("rekap_kecamatan", "ganda", "belum_terdaftar", "tms", "tidak_valid", "cocok"):
        assert by_name[name].rows > 0 and by_name[name].checked == by_name[name].rows, name
    # codes are printed as words (lokasi in ganda and ganda_perlu_cek)
    printed = " ".join(texts)
    assert not re.search(r"\bbeda_(tps|kelurahan|kecamatan)\b|\bsama_tps\b", printed)
    assert re.search(r"beda (TPS|kelurahan|kecamatan)|TPS sama", printed)


def test_long_supporting_tables_are_left_out_with_their_count(
        folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("coklit.report.html.PRINT_LIMIT", 100)
    html = write_html(load_result(folder), tmp_path / "batas.html", OutputConfig())
    texts = _printed(html, tmp_path)
    checks = check_folder(folder, texts, limit=100)
    assert not [(c.table, c.problems) for c in checks if c.problems]
    skipped = {c.table for c in checks if not c.printed}
    assert "cocok" in skipped and skipped <= set(PRINT_LIMITED)
    assert any("Tidak dicetak" in text and "cocok.csv" in text for text in texts)
    # finding tables are printed whole whatever their length
    assert {"ganda", "tidak_valid", "belum_terdaftar"}.isdisjoint(skipped)


def test_the_check_fails_on_a_printout_without_every_row(folder: Path, tmp_path: Path) -> None:
    """Negative control: the page with its beforeprint handler disabled prints only the rows
    on screen (50 per table); the check must see the rows missing."""
    html = tmp_path / "layar.html"
    html.write_text((folder / "laporan.html").read_text("utf-8").replace(
        "'beforeprint'", "'no-beforeprint'"), encoding="utf-8")
    checks = {c.table: c for c in check_folder(folder, _printed(html, tmp_path))}
    for name in ("cocok", "hasil_lapangan"):  # 277 and 289 rows
        assert checks[name].rows > 50 and "missing" in checks[name].problems[0], name
