"""laporan.html in headless chromium: review buttons and their CSV export carried by
--tinjauan, the TPS filter and drill-down, printing every row, codes shown as words.

Skipped when /usr/bin/chromium is absent (as tests/test_report_browser.py).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import pytest
from test_report_browser import BAD_CONSOLE, CHROMIUM, chromium, dump_dom, table_html
from test_tinjauan import _assert_carried, _choose, _csv, _mark_xlsx, _run

from coklit.config import OutputConfig
from coklit.report.html import write_html
from coklit.results import TABLE_COLUMNS, RunResult

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium"),
]


def _inject(report: Path, out: Path, script: str) -> Path:
    out.write_text(report.read_text("utf-8").replace("</body>", f"<script>{script}</script></body>"),
                   encoding="utf-8")
    return out


def _exported(dom: str) -> str:
    match = re.search(r'<pre class="export-text" id="tinjauan-ekspor"[^>]*>(.*?)</pre>', dom, re.S)
    assert match, "no export"
    return html.unescape(match.group(1))


@pytest.fixture(scope="module")
def first_run(samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("run") / "hasil1"
    result = _run("check", samples / "dpt.csv", samples / "lapangan.csv", "--out", out)
    assert result.exit_code == 0, result.output
    return out


def test_marks_from_the_report_and_the_workbook_carry_forward(
        first_run: Path, samples: Path, tmp_path: Path) -> None:
    """20 marks in temuan.xlsx, 5 with the report's buttons (exported CSV), rerun on the list
    reordered with rows added: every mark carried, keliru pairs not in ganda.csv."""
    wanted_xlsx = _choose(first_run)
    taken = {i for _, i, _ in wanted_xlsx}
    tms = [i for i in _csv(first_run / "tms.csv")["id_temuan"] if i not in taken][:3]
    invalid = [i for i in _csv(first_run / "tidak_valid.csv")["id_temuan"] if i not in taken][:2]
    wanted_html = {tms[0]: "sudah diperbaiki", tms[1]: "benar", tms[2]: "keliru",
                   invalid[0]: "benar", invalid[1]: "keliru"}
    clicks = "".join(
        f"document.querySelector('button[data-id=\"{i}\"][data-status=\"{s}\"]').click();"
        for i, s in wanted_html.items())
    # a click on a pressed button takes the mark back (then set again)
    first = next(iter(wanted_html))
    again = (f"document.querySelector('button[data-id=\"{first}\"][data-status=\"sudah diperbaiki\"]').click();") * 2
    script = ("var who = document.getElementById('pemeriksa'); who.value = 'PANWASCAM SAKO';"
              "who.dispatchEvent(new Event('input'));" + clicks + again
              + "document.getElementById('ekspor-tinjauan').click();")
    page = _inject(first_run / "laporan.html", tmp_path / "dicek.html", script)
    dom, console = dump_dom(page, tmp_path)
    assert not [line for line in console if BAD_CONSOLE.search(line)], console
    exported = _exported(dom)
    csv_path = tmp_path / "tinjauan_html.csv"
    csv_path.write_text(exported, encoding="utf-8")
    marks = _csv(csv_path).set_index("id_temuan")
    assert dict(marks["status_cek"]) == wanted_html
    assert set(marks["pemeriksa"]) == {"PANWASCAM SAKO"}
    # the pressed buttons show the marks
    assert len(re.findall(r'aria-pressed="true"', dom)) >= 5

    workbook = tmp_path / "temuan_dicek.xlsx"
    workbook.write_bytes((first_run / "temuan.xlsx").read_bytes())
    _mark_xlsx(workbook, wanted_xlsx)

    dpt = _csv(samples / "dpt.csv")
    extra = dpt.iloc[:3].copy()
    extra["NAMA"] = ["ZULKARNAIN BARU", "YOHANA BARU", "XAVERIUS BARU"]
    extra["NIK"] = ["1671011201900001", "1671011201900002", "1671011201900003"]
    changed = tmp_path / "dpt_v2.csv"
    pd.concat([dpt.sample(frac=1.0, random_state=3), extra]).to_csv(changed, index=False)
    out = tmp_path / "hasil2"
    result = _run("check", changed, samples / "lapangan.csv", "--out", out,
                  "--tinjauan", workbook, "--tinjauan", csv_path)
    assert result.exit_code == 0, result.output
    wanted = {i: s for _, i, s in wanted_xlsx} | wanted_html
    assert len(wanted) == 25
    _assert_carried(out, wanted)
    ledger = _csv(out / "tinjauan.csv").set_index("id_temuan")
    assert set(ledger.loc[list(wanted_html), "pemeriksa"]) == {"PANWASCAM SAKO"}
    assert (ledger.loc[list(wanted_html), "berkas_tinjauan"] == "tinjauan_html.csv").all()

    # the next report shows the carried marks (pressed buttons) and the rekap by status
    dom, _ = dump_dom(out / "laporan.html", tmp_path / "p2")
    for finding, status in wanted_html.items():
        assert re.search(rf'data-id="{finding}" data-status="{status}" aria-pressed="true"', dom)
    assert 'data-table="rekap_tinjauan"' in dom


def _tms_result(n: int) -> RunResult:
    rows = []
    for k in range(n):
        rows.append({c: "" for c in TABLE_COLUMNS["tms"]} | {
            "id_temuan": f"TM-{'B' * 11}{'CDFGHJKLMN'[k % 10]}{k}", "berkas": "dpt.csv",
            "baris": str(k + 2), "kecamatan": "KEMUNING" if k % 2 else "SAKO",
            "kelurahan": "SEI BUAH" if k % 2 else "SIALANG", "tps": f"{k % 3 + 1:03d}",
            "nama": f"PEMILIH {k:04d}", "kategori": "tms_1", "kode_kpu": "1",
            "sumber": "lapangan", "status_cek": "belum dicek", "skor": "1.000"})
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS["tms"])
    return RunResult("check", {"tms": table}, {"command": "check"})


def test_printing_renders_every_row(tmp_path: Path) -> None:
    report = write_html(_tms_result(230), tmp_path / "laporan.html", OutputConfig())
    page = _inject(report, tmp_path / "print.html",
                   "window.dispatchEvent(new Event('beforeprint'));")
    dom, _ = dump_dom(page, tmp_path)
    assert re.search(r'data-table="tms" data-shown="230"', dom)
    assert "Dicetak: semua 230 baris" in dom
    # a real print to PDF has more pages than the same page printing one screen page
    pdf_all, pdf_page = tmp_path / "all.pdf", tmp_path / "page.pdf"
    control = tmp_path / "control.html"
    control.write_text(report.read_text("utf-8").replace("'beforeprint'", "'no-beforeprint'"),
                       encoding="utf-8")
    for source, pdf in ((report, pdf_all), (control, pdf_page)):
        proc = chromium(source.as_uri(), tmp_path / "pp", f"--print-to-pdf={pdf}",
                        "--no-pdf-header-footer")
        assert proc.returncode == 0 and pdf.exists(), proc.stderr[-1000:]
    pages_all = len(re.findall(rb"/Type\s*/Page[^s]", pdf_all.read_bytes()))
    pages_one = len(re.findall(rb"/Type\s*/Page[^s]", pdf_page.read_bytes()))
    print(f"pages: all rows {pages_all}, one screen page {pages_one}")
    assert pages_all >= 3 * pages_one, (pages_all, pages_one)


def test_tps_filter_and_drill_down_list_the_findings(tmp_path: Path) -> None:
    report = write_html(_tms_result(30), tmp_path / "laporan.html", OutputConfig())
    dom, _ = dump_dom(report, tmp_path, "#kecamatan=KEMUNING&kelurahan=SEI%20BUAH&tps=002")
    rows = table_html(dom, "tms")
    shown = re.findall(r"PEMILIH (\d{4})", rows)
    expected = [f"{k:04d}" for k in range(30) if k % 2 and k % 3 + 1 == 2]
    assert shown == expected
    assert re.search(r'<select id="filter-tps"[^>]*>.*?<option value="002">TPS 002</option>', dom,
                     re.S)


def test_codes_are_words_and_ages_are_bucketed(first_run: Path, tmp_path: Path) -> None:
    dom, _ = dump_dom(first_run / "laporan.html", tmp_path)
    ganda = table_html(dom, "ganda")
    assert not re.search(r">beda_(tps|kelurahan|kecamatan)<", ganda)
    assert re.search(r">(beda TPS|TPS sama|beda kelurahan|beda kecamatan)<", ganda)
    assert "membaca" in dom and "read 0" not in dom
    chips = re.search(r'data-table="belum_terdaftar".*?<div class="chips[^"]*">(.*?)</div>', dom,
                      re.S)
    assert chips and "tahun pada hari" not in chips.group(1)
    assert re.search(r"usia \d+–\d+ tahun", chips.group(1))


def test_no_differences_marked_for_a_zero_candidate_or_masked_digits(first_run: Path,
                                                                     tmp_path: Path) -> None:
    dom, _ = dump_dom(first_run / "laporan.html", tmp_path, "#belum_terdaftar.size=200")
    rows = table_html(dom, "belum_terdaftar").split("<tr>")
    zero = [r for r in rows if ">0.000<" in r]
    assert zero, "the sample has a candidate with score 0"
    assert all("<mark>" not in r for r in zero)
    assert any("<mark>" in r for r in rows if ">0.000<" not in r)
    assert not re.search(r"<mark>[*\-]+</mark>", dom)
