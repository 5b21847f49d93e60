"""laporan.html renderer: self-contained, escaped, data embedded once (no browser needed)."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pandas as pd
import pytest

from coklit.config import OutputConfig
from coklit.privacy import apply as mask
from coklit.report.html import _encode_table, _json_script, render_html, write_html
from coklit.results import TABLE_COLUMNS, TOTAL_LABEL, RunResult

FULL_NIK = "1671014507900001"
EVIL_NAME = "<script>alert('x')</script> SITI"


def _table(name: str, rows: list[dict[str, str]]) -> pd.DataFrame:
    columns = TABLE_COLUMNS[name]
    return pd.DataFrame([{c: r.get(c, "") for c in columns} for r in rows], columns=columns,
                        dtype="string")


REKAP_ORDER = ["pemilih_dpt", "lapangan", "cocok", "belum_terdaftar", "grup_ganda",
               "baris_ganda", "tms", *[f"tms_{k}" for k in range(1, 9)], "tms_lain",
               "tidak_valid"]


def _rekap_row(place: dict[str, str], numbers: list[int]) -> dict[str, str]:
    """A rekap row from counts in REKAP_ORDER; the other rekap columns are 0 / empty."""
    values = dict(zip(REKAP_ORDER, numbers, strict=True))
    row = {c: ("" if c.startswith("perkiraan") else str(values.get(c, 0)))
           for c in TABLE_COLUMNS["rekap_kecamatan"][1:]}
    return {**place, **row}


def sample_tables() -> dict[str, pd.DataFrame]:
    """A few rows per table in two kecamatan (KEMUNING, ILIR BARAT II), unmasked."""
    person = {"tempat_lahir": "PALEMBANG", "jenis_kelamin": "P", "alamat": "JL. MAWAR LR. MELATI",
              "rt": "029", "rw": "006", "nkk": "1671010101900002"}
    kem = {"kecamatan": "KEMUNING", "kelurahan": "SEI BUAH", "tps": "001"}
    kem2 = {"kecamatan": "KEMUNING", "kelurahan": "20 ILIR D II", "tps": "004"}
    ib = {"kecamatan": "ILIR BARAT II", "kelurahan": "29 ILIR", "tps": "012"}
    ganda = [
        {**kem, **person, "grup": "1", "berkas": "dpt.csv", "baris": "10", "nama": "SITI AMINAH",
         "nik": FULL_NIK, "tanggal_lahir": "05-07-1990", "jenis": "K-1", "lokasi": "TPS sama",
         "skor": "0.99", "alasan": "NIK, nama dan tanggal lahir sama"},
        {**kem, **person, "grup": "1", "berkas": "dpt.csv", "baris": "57", "nama": "SITI AMINAH",
         "nik": FULL_NIK, "tanggal_lahir": "05-07-1990", "jenis": "K-1", "lokasi": "TPS sama",
         "skor": "0.99", "alasan": "NIK, nama dan tanggal lahir sama"},
        {**ib, **person, "grup": "2", "berkas": "dpt.csv", "baris": "301", "nama": "MUHAMMAD RIZKI",
         "nik": "1671020202950003", "tanggal_lahir": "02-02-1995", "jenis": "K-2",
         "lokasi": "kelurahan lain", "skor": "0.93", "alasan": "nama mirip, tanggal lahir sama"},
        {**kem2, **person, "grup": "2", "berkas": "dpt.csv", "baris": "412", "nama": "MOCH. RIZKY",
         "nik": "1671020202950003", "tanggal_lahir": "02-02-1995", "jenis": "K-2",
         "lokasi": "kelurahan lain", "skor": "0.93", "alasan": "nama mirip, tanggal lahir sama"},
    ]
    belum = [
        {**kem, **person, "berkas": "lapangan.csv", "baris": "5", "nama": "AHMAD SOEHARTO",
         "nik": "1671011203000004", "tanggal_lahir": "12-03-2000",
         "alasan_memenuhi_syarat": "baru_17", "kandidat_berkas": "dpt.csv", "kandidat_baris": "88",
         "kandidat_nama": "ACHMAD SUHARTO", "kandidat_nik": "1671011203000005",
         "kandidat_tanggal_lahir": "12-03-2000", "kandidat_skor": "0.61",
         "kandidat_alasan": "NIK berbeda satu digit"},
        {**ib, **person, "berkas": "lapangan.csv", "baris": "6", "nama": EVIL_NAME,
         "nik": "1671024101990006", "tanggal_lahir": "01-01-1999",
         "alasan_memenuhi_syarat": "pindah_masuk"},
    ]
    tms = [
        {**kem, **person, "berkas": "dpt.csv", "baris": "20", "nama": "BUDI SANTOSO",
         "nik": "1671010101500007", "tanggal_lahir": "01-01-1950", "kategori": "tms_1",
         "kode_kpu": "1", "kategori_nama": "Meninggal (kode 1)", "sumber": "lapangan.csv:9",
         "bukti": "MENINGGAL", "skor": "0.97"},
        {**ib, **person, "berkas": "dpt.csv", "baris": "21", "nama": "ANDI WIJAYA",
         "nik": "1671020303800008", "tanggal_lahir": "03-03-1980", "kategori": "tms_6",
         "kode_kpu": "6", "kategori_nama": "TNI (kode 6)", "sumber": "lapangan.csv:10",
         "bukti": "TNI AKTIF", "skor": "0.95"},
    ]
    tidak_valid = [
        {**kem, "berkas": "dpt.csv", "baris": "30", "nama": "RATNA SARI", "kolom": "nik",
         "masalah": "panjang_salah", "keterangan": "NIK 15 digit", "nilai": "167101450790001"},
        {**ib, "berkas": "dpt.csv", "baris": "31", "nama": "JOKO", "kolom": "tanggal_lahir",
         "masalah": "tanggal_tidak_valid", "keterangan": "31-02-1990 tidak ada",
         "nilai": "31-02-1990"},
    ]
    cocok = [
        {"berkas_lapangan": "lapangan.csv", "baris_lapangan": "2", "berkas_dpt": "dpt.csv",
         "baris_dpt": "11", "nama_lapangan": "DEWI LESTARI", "nama_dpt": "DEWI LESTARI",
         "nik_lapangan": "1671015505850009", "nik_dpt": "1671015505850009",
         "tanggal_lahir_lapangan": "15-05-1985", "tanggal_lahir_dpt": "15-05-1985",
         "kecamatan_lapangan": "KEMUNING", "kelurahan_lapangan": "SEI BUAH",
         "tps_lapangan": "001", "kecamatan_dpt": "KEMUNING", "kelurahan_dpt": "SEI BUAH",
         "tps_dpt": "001", "kategori_lapangan": "ms", "skor": "1.00", "alasan": "NIK sama"},
    ]
    hasil_lapangan = [
        {**kem, "berkas": "lapangan.csv", "baris": "2", "nama": "DEWI LESTARI", "kategori": "ms",
         "hasil": "cocok", "berkas_dpt": "dpt.csv", "baris_dpt": "11", "skor": "1.000"},
    ]
    ditolak = [{"berkas": "lapangan.csv", "baris": "40", "masalah": "nama_kosong",
                "keterangan": "Baris tanpa nama"}]
    rekap_kec = [
        _rekap_row({"kecamatan": "ILIR BARAT II"}, [4321, 120, 80, 1, 1, 2, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]),
        _rekap_row({"kecamatan": "KEMUNING"}, [5678, 150, 99, 1, 1, 3, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
        _rekap_row({"kecamatan": TOTAL_LABEL}, [9999, 270, 179, 2, 1, 5, 2, 1, 0, 0, 0, 0, 1, 0, 0, 0, 2]),
    ]
    rekap_kel = [
        _rekap_row({"kecamatan": "ILIR BARAT II", "kelurahan": "29 ILIR"}, [4321, 120, 80, 1, 1, 2, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]),
        _rekap_row({"kecamatan": "KEMUNING", "kelurahan": "SEI BUAH"}, [3000, 100, 60, 1, 1, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
        _rekap_row({"kecamatan": "KEMUNING", "kelurahan": "20 ILIR D II"}, [2678, 50, 39, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
    ]
    raw = {"ganda": ganda, "belum_terdaftar": belum, "tms": tms, "tidak_valid": tidak_valid,
           "cocok": cocok, "hasil_lapangan": hasil_lapangan, "ditolak": ditolak, "rekap_kecamatan": rekap_kec,
           "rekap_kelurahan": rekap_kel}
    return {name: _table(name, rows) for name, rows in raw.items()}


def sample_meta() -> dict:
    return {
        "command": "check",
        "version": "0.1.0",
        "created": "2024-07-25T10:00:00+07:00",
        "parameters": {"election_date": "2024-11-27", "threshold_dedupe": 0.9,
                       "threshold_link": 0.8},
        "inputs": [
            {"role": "dpt", "berkas": "dpt.csv", "path": "/data/dpt.csv", "sha256": "ab" * 32,
             "rows_read": 12345, "rows_used": 12340, "rows_rejected": 5},
            {"role": "lapangan", "berkas": "lapangan.csv", "path": "/data/lapangan.csv",
             "sha256": "cd" * 32, "rows_read": 270, "rows_used": 269, "rows_rejected": 1},
        ],
        "measures": {"pemilih_dpt": 12340, "lapangan": 269},
    }


def sample_result(full_data: bool = False) -> RunResult:
    """What write_outputs hands the renderer: tables masked unless full data was asked for."""
    tables = {name: mask(df, full_data) for name, df in sample_tables().items()}
    return RunResult(command="check", tables=tables, meta=sample_meta())


@pytest.fixture
def shared_html(tmp_path: Path) -> str:
    path = write_html(sample_result(), tmp_path / "laporan.html", OutputConfig())
    return path.read_text(encoding="utf-8")


def test_write_html_returns_path(tmp_path: Path) -> None:
    out = write_html(sample_result(), tmp_path / "laporan.html", OutputConfig())
    assert out == tmp_path / "laporan.html" and out.stat().st_size > 1000


def test_no_remote_resources(shared_html: str) -> None:
    assert not re.search(r"""(?:src|href|action|xlink:href)\s*=\s*["']?\s*(?:https?:)?//""", shared_html, re.I)
    assert not re.search(r"@import", shared_html, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", shared_html, re.I)
    assert "http://" not in shared_html and "https://" not in shared_html
    assert "default-src 'none'" in shared_html  # CSP: the browser refuses any request


def test_rekap_numbers_and_parameters(shared_html: str) -> None:
    # rekap numbers, Indonesian thousands separator
    for text in ("4.321", "5.678", "9.999", "KEMUNING", "ILIR BARAT II", "SEI BUAH", TOTAL_LABEL):
        assert text in shared_html
    # what was checked
    for text in ("ab" * 32, "cd" * 32, "12.345", "2024-11-27", "0.9", "0.1.0", "dpt.csv",
                 "Tanggal pemungutan suara"):
        assert text in shared_html
    assert "<svg" in shared_html and "Temuan per kecamatan" in shared_html


def test_shared_mode_text_and_no_full_nik(shared_html: str) -> None:
    assert ("Data dibagikan: NIK/NKK disamarkan, tanggal lahir hanya tahun, "
            "disabilitas tidak ditampilkan") in shared_html
    assert "INTERNAL" not in shared_html
    assert FULL_NIK not in shared_html
    assert "167101**********" in shared_html
    assert not re.search(r"(?<!\d)\d{16}(?!\d)", shared_html)


def test_mode_follows_meta(tmp_path: Path) -> None:
    """A folder written masked and re-rendered with full data stays labelled shared."""
    result = sample_result()
    result.meta["mode"] = "dibagikan"
    html = render_html(result, OutputConfig(full_data=True))
    assert "Data dibagikan" in html and "INTERNAL" not in html


def test_nested_parameters_and_measures() -> None:
    result = sample_result()
    result.meta["parameters"]["model_ganda"] = {"bobot": {"nik": {"sama": 22.98}}}
    result.meta["parameters"]["data_lengkap"] = False
    result.meta["measures"] = {"baris": {"dpt": {"dibaca": 5000}}}
    html = render_html(result, OutputConfig())
    assert "<details" in html and "22.98" in html
    assert "Data lengkap" in html and ">tidak<" in html
    assert "dpt: dibaca 5.000" in html


def test_full_mode_is_prominent(tmp_path: Path) -> None:
    cfg = OutputConfig(full_data=True)
    html = write_html(sample_result(full_data=True), tmp_path / "l.html", cfg).read_text("utf-8")
    assert "INTERNAL: data lengkap — jangan dibagikan" in html
    assert 'class="mode mode-full-banner"' in html
    assert FULL_NIK in html


def test_english(tmp_path: Path) -> None:
    html = write_html(sample_result(), tmp_path / "l.html", OutputConfig(lang="en")).read_text("utf-8")
    assert '<html lang="en">' in html
    for text in ("Summary by kecamatan", "Duplicate voters", "Eligible but not listed",
                 "What was checked", "Shareable data: NIK/NKK masked", "Election day", "9,999"):
        assert text in html
    assert "Data dibagikan" not in html


def test_data_embedded_once(shared_html: str) -> None:
    # each finding value lives once, in its table's JSON, not also in rendered HTML
    assert shared_html.count("AHMAD SOEHARTO") == 1
    assert shared_html.count("TNI AKTIF") == 1
    for name in ("ganda", "belum_terdaftar", "tms", "tidak_valid", "cocok", "hasil_lapangan",
                 "ditolak"):
        assert shared_html.count(f'id="data-{name}"') == 1


def test_hostile_name_is_escaped(shared_html: str) -> None:
    assert "<script>alert" not in shared_html
    assert "</script> SITI" not in shared_html
    # the embedded JSON still decodes to the exact name
    block = re.search(r'<script type="application/json" id="data-belum_terdaftar">(.*?)</script>',
                      shared_html, re.S)
    assert block is not None
    data = json.loads(block.group(1))
    nama = data["data"][data["columns"].index("nama")]
    assert EVIL_NAME in nama


def test_json_script_escaping() -> None:
    text = str(_json_script({"a": "</script><!--<script>&"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><!--<script>&"}


def test_encode_table_dictionary_columns() -> None:
    df = pd.DataFrame({"kecamatan": ["A", "B"] * 50, "nama": [f"N{i}" for i in range(100)]})
    enc = _encode_table(df)
    assert enc["n"] == 100
    kec, nama = enc["data"]
    assert kec["d"] == ["A", "B"] and kec["i"][:3] == [0, 1, 0]
    assert nama[:2] == ["N0", "N1"]


def test_missing_tables_and_empty_table(tmp_path: Path) -> None:
    tables = {"ganda": _table("ganda", []), "tidak_valid": sample_tables()["tidak_valid"]}
    html = render_html(RunResult("dedupe", tables, {"command": "dedupe"}), OutputConfig())
    assert "Tidak ada temuan." in html
    assert 'id="rekap"' not in html


@pytest.mark.slow
def test_100k_ganda_size_and_time(tmp_path: Path) -> None:
    """Budget check: 100,000 duplicate rows render in seconds to a file of reasonable size."""
    n = 100_000
    i = pd.RangeIndex(n)
    kec = pd.Series([f"KECAMATAN {k % 18:02d}" for k in range(n)])
    df = pd.DataFrame({
        "grup": (i // 2).astype(str), "berkas": "dpt.csv", "baris": (i + 2).astype(str),
        "kecamatan": kec, "kelurahan": kec + " KEL " + (i % 6).astype(str),
        "tps": ((i // 7) % 40 + 1).astype(str).str.zfill(3),
        "nik": "167101" + pd.Series((i // 2) % 10**10).astype(str).str.zfill(10),
        "nkk": "167101" + pd.Series((i // 8) % 10**10).astype(str).str.zfill(10),
        "nama": "NAMA PEMILIH " + (i // 2).astype(str), "tempat_lahir": "PALEMBANG",
        "tanggal_lahir": "01-07-19" + (i % 80 + 20).astype(str).str.zfill(2),
        "jenis_kelamin": ["L", "P"] * (n // 2), "alamat": "JL. MAWAR LR. " + (i % 300).astype(str),
        "rt": (i % 40).astype(str).str.zfill(3), "rw": (i % 9).astype(str).str.zfill(3),
        "jenis": "K-2", "lokasi": "TPS sama", "skor": "0.95", "alasan": "nama dan NIK sama",
        # one finding id per pair, as coklit.tinjauan writes them
        "id_temuan": "GD-" + pd.Series((i // 2) % 10**12).astype(str).str.zfill(12).str.translate(
            str.maketrans("0123456789", "BCDFGHJKLM")),
        "status_cek": "belum dicek", "catatan": "", "pemeriksa": "", "waktu_cek": "",
    })[TABLE_COLUMNS["ganda"]]
    result = RunResult("dedupe", {"ganda": mask(df, False)}, {"command": "dedupe"})
    start = time.perf_counter()
    path = write_html(result, tmp_path / "laporan.html", OutputConfig())
    seconds = time.perf_counter() - start
    size_mb = path.stat().st_size / 1e6
    print(f"100k ganda rows: {size_mb:.1f} MB in {seconds:.2f} s")
    assert seconds < 20
    assert size_mb < 15


@pytest.mark.parametrize(("value", "lang", "expected"), [
    (1.69459e-06, "id", "1 dari 590.113"),  # the prior of a 200k list, as 1.69459e-06 said
    (0.000322965, "en", "1 in 3,096"),
    (0.5, "id", "1 dari 2"),
    (None, "id", ""),
    ("rusak", "en", "rusak"),
])
def test_model_prior_as_odds(value: object, lang: str, expected: str) -> None:
    from coklit.report.html import _odds

    assert _odds(value, lang) == expected
