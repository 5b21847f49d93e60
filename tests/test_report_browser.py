"""laporan.html in a real browser: headless Debian chromium, driven with --dump-dom only.

Skipped when /usr/bin/chromium is absent (``apt-get install chromium``). Chromium runs with
every host name mapped to nowhere and its console log on stderr, so a blocked or attempted
request shows up as a Content-Security-Policy message that the tests reject.
"""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

import pandas as pd
import pytest
from test_report_html import FULL_NIK, sample_result

from coklit.config import OutputConfig
from coklit.privacy import apply as mask
from coklit.report.html import write_html
from coklit.results import TABLE_COLUMNS, RunResult

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium"),
]

# Console lines that mean the page misbehaved or tried to reach the network.
BAD_CONSOLE = re.compile(r"violates|Refused|Uncaught|ERR_|net::|SyntaxError|TypeError", re.I)


def chromium(url: str, profile: Path, *extra: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    cmd = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-default-apps", "--mute-audio",
        f"--user-data-dir={profile}",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--enable-logging=stderr", "--v=0",
        *extra, url,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)


def dump_dom(path: Path, tmp_path: Path, fragment: str = "") -> tuple[str, list[str]]:
    """DOM after the page's scripts ran, and the page's console messages."""
    proc = chromium(path.as_uri() + fragment, tmp_path / "profile", "--dump-dom")
    console = [line for line in proc.stderr.splitlines() if ":CONSOLE" in line]
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout, console


def table_html(dom: str, name: str) -> str:
    match = re.search(rf'<table class="data[^"]*" data-table="{name}">(.*?)</table>', dom, re.S)
    assert match, f"table {name} not rendered"
    return match.group(1)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("laporan")
    return write_html(sample_result(), out / "laporan.html", OutputConfig())


def test_page_loads_and_renders(report: Path, tmp_path: Path) -> None:
    dom, console = dump_dom(report, tmp_path)
    assert 'data-ready="1"' in dom
    assert 'data-resources="0"' in dom
    assert not [line for line in console if BAD_CONSOLE.search(line)], console
    # rekap rows with their numbers
    rows = dict(re.findall(r'<tr class="kec[^"]*" data-kec="([^"]+)"[^>]*>(.*?)</tr>', dom, re.S))
    assert set(rows) == {"KEMUNING", "ILIR BARAT II"}
    assert "4.321" in rows["ILIR BARAT II"] and "5.678" in rows["KEMUNING"]
    assert re.search(r'<tr class="total">.*?9.999', dom, re.S)
    # kelurahan rows collapsed by the script
    assert re.search(r'<tr class="kel[^"]*" data-kec="KEMUNING" data-kel="SEI BUAH" hidden', dom)
    # each finding table rendered its rows, ganda grouped
    for name, shown in (("ganda", "2"), ("belum_terdaftar", "2"), ("tms", "2"),
                        ("tidak_valid", "2"), ("cocok", "1"), ("ditolak", "1")):
        assert re.search(rf'data-table="{name}" data-shown="{shown}"', dom), name
    assert len(re.findall(r'<tbody class="grp', table_html(dom, "ganda"))) == 2
    # the nearest candidate sits beside the record with differing characters marked
    belum = table_html(dom, "belum_terdaftar")
    assert "ACHMAD SUHARTO" in re.sub(r"</?mark>", "", belum)
    assert "<mark>" in belum
    # the hostile name is text, not markup
    assert "&lt;script&gt;alert('x')&lt;/script&gt; SITI" in belum


def test_filter_from_url_fragment(report: Path, tmp_path: Path) -> None:
    dom, console = dump_dom(report, tmp_path, "#kecamatan=KEMUNING")
    assert not [line for line in console if BAD_CONSOLE.search(line)], console
    assert re.search(r'<tr class="kec filtered-out" data-kec="ILIR BARAT II" hidden', dom)
    assert re.search(r'<tr class="kec" data-kec="KEMUNING">', dom)
    # the kecamatan's kelurahan rows are opened
    assert re.search(r'<tr class="kel" data-kec="KEMUNING" data-kel="SEI BUAH">', dom)
    for name in ("belum_terdaftar", "tms", "tidak_valid", "cocok"):
        rows = table_html(dom, name)
        assert "KEMUNING" in rows and "ILIR BARAT II" not in rows, name
    # a duplicate group is shown whole when one of its rows is in the kecamatan
    groups = re.findall(r'<tbody class="grp[^"]*">(.*?)</tbody>', table_html(dom, "ganda"), re.S)
    assert len(groups) == 2 and all("KEMUNING" in g for g in groups)
    # the select box shows the state
    assert re.search(r'data-table="tms" data-shown="1" data-matching="1"', dom)


def test_alias_search_and_category_in_fragment(report: Path, tmp_path: Path) -> None:
    dom, _ = dump_dom(report, tmp_path, "#filter-kecamatan=ILIR%20BARAT%20II&tms.q=andi")
    tms = table_html(dom, "tms")
    assert "ANDI WIJAYA" in tms and "BUDI SANTOSO" not in tms
    dom, _ = dump_dom(report, tmp_path, "#tms.kat=tms_1")
    tms = table_html(dom, "tms")
    assert "BUDI SANTOSO" in tms and "ANDI WIJAYA" not in tms


def test_clicks_drill_down_and_sort(report: Path, tmp_path: Path) -> None:
    """Clicks run by an extra inline script (the CSP allows inline scripts, nothing else)."""
    clicks = """<script>
    function press(sel) { document.querySelector(sel).click(); }
    press('tr.kec[data-kec="KEMUNING"] button');
    press('tr.kel[data-kel="SEI BUAH"] button');
    var sortName = Array.prototype.filter.call(
      document.querySelectorAll('table[data-table="tms"] th button'),
      function (b) { return b.textContent === 'Nama'; })[0];
    sortName.click(); sortName.click();
    document.body.setAttribute('data-hash', location.hash);
    </script></body>"""
    page = tmp_path / "clicked.html"
    page.write_text(report.read_text("utf-8").replace("</body>", clicks), encoding="utf-8")
    dom, console = dump_dom(page, tmp_path)
    assert not [line for line in console if BAD_CONSOLE.search(line)], console
    assert re.search(r'<tr class="kel" data-kec="KEMUNING" data-kel="SEI BUAH">', dom)
    # TPS 001 of SEI BUAH: 1 not listed, 2 duplicate rows, 1 TMS, 1 invalid (from the findings)
    tps = re.search(r'<tr class="tps"[^>]*data-tps="001">(.*?)</tr>', dom, re.S)
    assert tps, "TPS rows not added"
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", tps.group(1))
    columns = re.findall(r'<th scope="col" class="num[^"]*" data-col="(\w+)"', dom)
    counts = dict(zip(columns, cells, strict=True))
    assert counts["belum_terdaftar"] == "1" and counts["baris_ganda"] == "2"
    assert counts["tms"] == "1" and counts["tidak_valid"] == "1" and counts["pemilih_dpt"] == ""
    # sorted by name, descending, and the state is in the fragment
    tms = table_html(dom, "tms")
    assert tms.index("BUDI SANTOSO") < tms.index("ANDI WIJAYA")
    assert 'aria-sort="descending"' in tms
    assert 'data-hash="#tms.sort=-nama"' in dom


def test_masking_holds_in_dom(report: Path, tmp_path: Path) -> None:
    dom, _ = dump_dom(report, tmp_path)
    assert FULL_NIK not in dom
    assert not re.search(r"(?<!\d)\d{16}(?!\d)", dom)
    assert "Data dibagikan: NIK/NKK disamarkan" in dom


def test_network_check_is_not_vacuous(tmp_path: Path) -> None:
    """The same run reports a page that does try to load something (negative control)."""
    page = tmp_path / "control.html"
    page.write_text(
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; img-src data:\"></head>"
        '<body><img src="http://example.invalid/x.png"></body></html>', encoding="utf-8")
    _, console = dump_dom(page, tmp_path)
    assert [line for line in console if BAD_CONSOLE.search(line)]


def test_screenshot(report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "laporan.png"
    proc = chromium(report.as_uri(), tmp_path / "profile", "--window-size=1400,900",
                    "--hide-scrollbars", f"--screenshot={shot}")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert shot.stat().st_size > 10_000


@pytest.mark.slow
def test_100k_rows_load(tmp_path: Path) -> None:
    n = 100_000
    i = pd.RangeIndex(n)
    kec = pd.Series([f"KECAMATAN {k % 18:02d}" for k in range(n)])
    df = pd.DataFrame({c: "" for c in TABLE_COLUMNS["ganda"]}, index=i)
    df["grup"] = (i // 2).astype(str)
    df["berkas"] = "dpt.csv"
    df["baris"] = (i + 2).astype(str)
    df["kecamatan"] = kec
    df["kelurahan"] = kec + " KEL " + (i % 6).astype(str)
    df["tps"] = ((i // 7) % 40 + 1).astype(str).str.zfill(3)
    df["nik"] = "167101" + pd.Series((i // 2) % 10**10).astype(str).str.zfill(10)
    df["nama"] = "NAMA PEMILIH " + (i // 2).astype(str)
    df["tanggal_lahir"] = "01-07-1980"
    df["skor"] = "0.95"
    result = RunResult("dedupe", {"ganda": mask(df, False)}, {"command": "dedupe"})
    path = write_html(result, tmp_path / "laporan.html", OutputConfig())
    start = time.perf_counter()
    dom, console = dump_dom(path, tmp_path, "#kecamatan=KECAMATAN%2003&ganda.sort=-nama")
    seconds = time.perf_counter() - start
    script_ms = re.search(r'data-render-ms="(\d+)"', dom)
    assert 'data-ready="1"' in dom and script_ms
    print(f"100k rows: {path.stat().st_size / 1e6:.1f} MB, chromium load+dump {seconds:.1f} s, "
          f"script {script_ms.group(1)} ms")
    groups = df.loc[df["kecamatan"] == "KECAMATAN 03", "grup"].nunique()
    assert re.search(rf'data-table="ganda" data-shown="50" data-matching="{groups}"', dom)
    assert not [line for line in console if BAD_CONSOLE.search(line)], console[:5]
