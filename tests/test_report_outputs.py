"""Non-HTML outputs: CSV (golden), info_proses.json, temuan.xlsx, per-kecamatan, summary.

Golden files live in tests/golden/; regenerate them with ``COKLIT_UPDATE_GOLDEN=1 pytest``
after a deliberate change, and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from rich.console import Console  # noqa: TID251 - rendering the summary is the point here

from coklit.config import OutputConfig
from coklit.errors import InputError
from coklit.report import load_result, write_outputs
from coklit.report.labels import COLUMN_LABELS, TABLE_ORDER, TABLE_TITLES, column_label
from coklit.report.terminal import render_summary
from coklit.results import BANDING_TABLES, TABLE_COLUMNS, RunResult

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("COKLIT_UPDATE_GOLDEN") == "1"

NIK_A = "1671015507900001"
NIK_B = "1671012303850002"
NKK_A = "1671010101100003"
KEC_1 = "ILIR BARAT II"
KEC_2 = "SEBERANG ULU I"

NO_HTML = {"html": False}


def _person(nik: str, nama: str, tgl: str, kec: str, kel: str, tps: str) -> dict[str, str]:
    return {
        "kecamatan": kec,
        "kelurahan": kel,
        "tps": tps,
        "nik": nik,
        "nkk": NKK_A,
        "nama": nama,
        "tempat_lahir": "PALEMBANG",
        "tanggal_lahir": tgl,
        "jenis_kelamin": "P",
        "alamat": "JL. A. YANI LR. MASAJAYA",
        "rt": "029",
        "rw": "006",
    }


def _rekap_row(kec: str, dpt: int, ganda: int, tms: int, **extra: str) -> dict[str, object]:
    row: dict[str, object] = dict.fromkeys(TABLE_COLUMNS["rekap_kecamatan"], 0)
    row.update(kecamatan=kec, pemilih_dpt=dpt, lapangan=10, cocok=8, belum_terdaftar=1)
    row.update(grup_ganda=ganda, baris_ganda=2 * ganda, tms=tms, tms_1=tms, tidak_valid=1)
    row.update(extra)
    return row


def make_result() -> RunResult:
    """A small check result: every table, full NIKs and dates, and a disabilitas column."""
    siti = _person(NIK_A, "SITI AMINAH", "15-07-1990", KEC_1, "35 ILIR", "001")
    budi = _person(NIK_B, "BUDI SANTOSO", "1985-03-23", KEC_2, "7 ULU", "012")
    ganda = pd.DataFrame(
        [
            {"grup": 1, "berkas": "dpt.csv", "baris": 2, **siti, "jenis": "K-1",
             "lokasi": "TPS sama", "skor": 0.99, "alasan": "NIK, nama dan tanggal lahir sama",
             "disabilitas": "1"},
            {"grup": 1, "berkas": "dpt.csv", "baris": 40, **siti, "jenis": "K-1",
             "lokasi": "TPS sama", "skor": 0.99, "alasan": "NIK, nama dan tanggal lahir sama",
             "disabilitas": "1"},
        ]
    )  # fmt: skip
    tms = pd.DataFrame(
        [{"berkas": "dpt.csv", "baris": 7, **budi, "kategori": "tms_1", "kode_kpu": "1",
          "kategori_nama": "Meninggal (kode 1)", "sumber": "lapangan.csv:5",
          "bukti": "KETERANGAN: MENINGGAL", "skor": 0.95}]
    )  # fmt: skip
    belum = pd.DataFrame(
        [{"berkas": "lapangan.csv", "baris": 3, **budi, "alasan_memenuhi_syarat": "baru_17",
          "kandidat_berkas": "", "kandidat_baris": "", "kandidat_nama": "",
          "kandidat_nik": "", "kandidat_tanggal_lahir": "", "kandidat_skor": "",
          "kandidat_alasan": ""}]
    )  # fmt: skip
    tidak_valid = pd.DataFrame(
        [
            {"berkas": "dpt.csv", "baris": 9, "kecamatan": KEC_1, "kelurahan": "35 ILIR",
             "tps": "001", "nama": "SITI AMINAH", "kolom": "nik", "masalah": "panjang_salah",
             "keterangan": "NIK 15 digit", "nilai": "167101550790000"},
            {"berkas": "dpt.csv", "baris": 11, "kecamatan": KEC_2, "kelurahan": "7 ULU",
             "tps": "012", "nama": "BUDI, S.H.", "kolom": "tanggal_lahir",
             "masalah": "tidak_valid", "keterangan": "Tanggal 31-02-1985 tidak ada",
             "nilai": "31-02-1985"},
        ]
    )  # fmt: skip
    cocok = pd.DataFrame(
        [{"berkas_lapangan": "lapangan.csv", "baris_lapangan": 2, "berkas_dpt": "dpt.csv",
          "baris_dpt": 2, "nama_lapangan": "SITI AMINAH", "nama_dpt": "SITI AMINAH",
          "nik_lapangan": NIK_A, "nik_dpt": NIK_A, "tanggal_lahir_lapangan": "15/07/1990",
          "tanggal_lahir_dpt": "15-07-1990", "kecamatan_lapangan": KEC_1,
          "kelurahan_lapangan": "35 ILIR", "tps_lapangan": "001", "kecamatan_dpt": KEC_1,
          "kelurahan_dpt": "35 ILIR", "tps_dpt": "001", "kategori_lapangan": "ms",
          "skor": 0.97, "alasan": "NIK sama"}]
    )  # fmt: skip
    hasil = pd.DataFrame(
        [
            {"berkas": "lapangan.csv", "baris": 2, "kecamatan": KEC_1, "kelurahan": "35 ILIR",
             "tps": "001", "nama": "SITI AMINAH", "kategori": "ms", "hasil": "cocok",
             "berkas_dpt": "dpt.csv", "baris_dpt": 2, "skor": 0.97},
            {"berkas": "lapangan.csv", "baris": 3, "kecamatan": KEC_2, "kelurahan": "7 ULU",
             "tps": "012", "nama": "BUDI SANTOSO", "kategori": "baru_17",
             "hasil": "belum_terdaftar", "berkas_dpt": "", "baris_dpt": None, "skor": None},
        ]
    )  # fmt: skip
    perlu_cek = pd.DataFrame(
        [
            {"pasangan": 1, "berkas": "dpt.csv", "baris": 12, **budi, "lokasi": "beda_kelurahan",
             "skor": 0.41, "skor_nama_tgl": 0.97,
             "alasan": "dengan dpt.csv baris 30: NIK beda (-6); nama sama (+14); tgl lahir sama (+13)"},
            {"pasangan": 1, "berkas": "dpt.csv", "baris": 30, **budi, "lokasi": "beda_kelurahan",
             "skor": 0.41, "skor_nama_tgl": 0.97,
             "alasan": "dengan dpt.csv baris 12: NIK beda (-6); nama sama (+14); tgl lahir sama (+13)"},
        ]
    )  # fmt: skip
    lapangan_cek = pd.DataFrame(
        [{"berkas": "lapangan.csv", "baris": 4, **siti, "kategori": "ms",
          "kandidat_berkas": "dpt.csv", "kandidat_baris": 2, "kandidat_nama": "SITI AMINAH",
          "kandidat_nik": NIK_A, "kandidat_tanggal_lahir": "15-07-1990",
          "kandidat_kecamatan": KEC_1, "kandidat_kelurahan": "35 ILIR", "kandidat_tps": "001",
          "kandidat_skor": 0.62, "kandidat_alasan": "nama hampir sama (+8); alamat sama (+9)"}]
    )  # fmt: skip
    ditolak = pd.DataFrame(columns=TABLE_COLUMNS["ditolak"])  # empty: header only
    rekap_kec = pd.DataFrame(
        [
            _rekap_row(KEC_1, 1234, 1, 0),
            _rekap_row(KEC_2, 2000, 0, 1),
            _rekap_row("TOTAL", 3234, 1, 1, lapangan=20, cocok=16, belum_terdaftar=2,
                       tidak_valid=2),
        ]
    )  # fmt: skip
    rekap_kel = pd.DataFrame(
        [
            {**_rekap_row(KEC_1, 1234, 1, 0), "kelurahan": "35 ILIR"},
            {**_rekap_row(KEC_2, 2000, 0, 1), "kelurahan": "7 ULU"},
        ]
    )[TABLE_COLUMNS["rekap_kelurahan"]]
    meta = {
        "command": "check",
        "version": "0.1.0",
        "created": "2024-08-01T10:00:00",
        "parameters": {"threshold_dedupe": 0.9, "election_date": "2024-11-27"},
        "inputs": [
            {"role": "dpt", "berkas": "dpt.csv", "path": "data/dpt.csv", "sha256": "ab" * 32,
             "rows_read": 3234, "rows_used": 3234, "rows_rejected": 0},
            {"role": "lapangan", "berkas": "lapangan.csv", "path": "data/lapangan.csv",
             "sha256": "cd" * 32, "rows_read": 20, "rows_used": 20, "rows_rejected": 0},
        ],
        "measures": {"pemilih": 3234},
    }  # fmt: skip
    tables = {
        "ditolak": ditolak,
        "tidak_valid": tidak_valid,
        "ganda": ganda,
        "ganda_perlu_cek": perlu_cek,
        "cocok": cocok,
        "belum_terdaftar": belum,
        "lapangan_perlu_cek": lapangan_cek,
        "tms": tms,
        "hasil_lapangan": hasil,
        "rekap_kecamatan": rekap_kec,
        "rekap_kelurahan": rekap_kel,
    }
    return RunResult(command="check", tables=tables, meta=meta)


@pytest.fixture()
def result() -> RunResult:
    return make_result()


def _write(tmp_path: Path, result: RunResult, **options: object) -> tuple[Path, list[Path]]:
    out = tmp_path / "hasil"
    cfg = OutputConfig(**{**NO_HTML, **options})  # type: ignore[arg-type]
    return out, write_outputs(result, out, cfg)


# --- labels ---------------------------------------------------------------------------------


def test_every_column_and_table_has_labels_in_both_languages() -> None:
    for name, columns in TABLE_COLUMNS.items():
        assert set(TABLE_TITLES[name]) == {"id", "en"}
        assert name in TABLE_ORDER
        for column in columns:
            assert COLUMN_LABELS[column]["id"] and COLUMN_LABELS[column]["en"], column
    assert column_label("baris") == "Baris"
    assert column_label("skor", "en") == "Score"
    assert column_label("nik_dpt", "id") == "NIK (DPT)"


# --- CSV ------------------------------------------------------------------------------------


# The tables of coklit check (the banding tables are covered by tests/test_banding.py).
CHECK_TABLES = [n for n in TABLE_COLUMNS if n not in BANDING_TABLES]


@pytest.mark.parametrize("name", CHECK_TABLES)
def test_csv_matches_golden(tmp_path: Path, result: RunResult, name: str) -> None:
    if name not in result.tables:
        pytest.skip(f"{name} is not in the hand-made result")
    out, _ = _write(tmp_path, result)
    actual = (out / f"{name}.csv").read_bytes()
    golden = GOLDEN / f"{name}.csv"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_bytes(actual)
    assert golden.exists(), f"no golden file {golden}; run with COKLIT_UPDATE_GOLDEN=1"
    assert actual == golden.read_bytes()


def test_csv_has_bom_header_and_contract_columns(tmp_path: Path, result: RunResult) -> None:
    out, written = _write(tmp_path, result)
    for name in result.tables:
        data = (out / f"{name}.csv").read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), name
        header = data[3:].split(b"\n")[0].decode()
        assert header.split(",")[: len(TABLE_COLUMNS[name])] == TABLE_COLUMNS[name]
        assert out / f"{name}.csv" in written
    # Empty table: header row only.
    assert (out / "ditolak.csv").read_text(encoding="utf-8-sig") == (
        "berkas,baris,masalah,keterangan\n"
    )


def test_csv_masks_by_default(tmp_path: Path, result: RunResult) -> None:
    out, _ = _write(tmp_path, result)
    ganda = pd.read_csv(out / "ganda.csv", dtype=str, encoding="utf-8-sig")
    assert ganda["nik"].tolist() == ["167101**********"] * 2
    assert ganda["nkk"].tolist() == ["167101**********"] * 2
    assert ganda["tanggal_lahir"].tolist() == ["**-**-1990"] * 2
    assert "disabilitas" not in ganda.columns
    cocok = pd.read_csv(out / "cocok.csv", dtype=str, encoding="utf-8-sig")
    assert cocok.loc[0, "nik_dpt"] == "167101**********"
    assert cocok.loc[0, "tanggal_lahir_lapangan"] == "**-**-1990"
    tidak_valid = pd.read_csv(out / "tidak_valid.csv", dtype=str, encoding="utf-8-sig")
    assert tidak_valid["nilai"].tolist() == ["167101*********", "**-**-1985"]
    for path in out.glob("*.csv"):
        text = path.read_text(encoding="utf-8-sig")
        assert NIK_A not in text and NIK_B not in text and NKK_A not in text, path.name


def test_csv_full_data_keeps_everything_as_text(tmp_path: Path, result: RunResult) -> None:
    out, _ = _write(tmp_path, result, full_data=True)
    text = (out / "ganda.csv").read_text(encoding="utf-8-sig")
    assert NIK_A in text and "15-07-1990" in text
    ganda = pd.read_csv(out / "ganda.csv", dtype=str, encoding="utf-8-sig")
    assert ganda["disabilitas"].tolist() == ["1", "1"]
    assert ganda["rt"].tolist() == ["029", "029"]  # leading zeros kept
    assert ganda["skor"].tolist() == ["0.99", "0.99"]
    assert ganda["baris"].tolist() == ["2", "40"]


# --- info_proses.json and load_result -------------------------------------------------------


def test_info_proses_json(tmp_path: Path, result: RunResult) -> None:
    out, _ = _write(tmp_path, result)
    info = json.loads((out / "info_proses.json").read_text(encoding="utf-8"))
    assert info["mode"] == "dibagikan"
    assert info["command"] == "check"
    assert [i["berkas"] for i in info["inputs"]] == ["dpt.csv", "lapangan.csv"]
    assert info["jumlah_baris"]["ganda"] == 2
    assert info["jumlah_baris"]["ditolak"] == 0
    out2, _ = _write(tmp_path / "b", result, full_data=True)
    assert json.loads((out2 / "info_proses.json").read_text())["mode"] == "internal"


def test_load_result_round_trips(tmp_path: Path, result: RunResult) -> None:
    out, _ = _write(tmp_path, result)
    loaded = load_result(out)
    assert loaded.command == "check"
    assert set(loaded.tables) == set(result.tables)
    assert loaded.meta["mode"] == "dibagikan"
    assert loaded.tables["ganda"].loc[0, "nik"] == "167101**********"
    assert loaded.tables["ditolak"].columns.tolist() == TABLE_COLUMNS["ditolak"]
    assert len(loaded.tables["ditolak"]) == 0
    # Writing the loaded result again gives the same CSV bytes.
    again = tmp_path / "again"
    write_outputs(loaded, again, OutputConfig(html=False, xlsx=False))
    for name in result.tables:
        assert (again / f"{name}.csv").read_bytes() == (out / f"{name}.csv").read_bytes()
    # Masked data cannot become "internal" again.
    write_outputs(loaded, again, OutputConfig(html=False, xlsx=False, full_data=True))
    assert json.loads((again / "info_proses.json").read_text())["mode"] == "dibagikan"


def test_load_result_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError) as missing:
        load_result(tmp_path / "tidak_ada")
    assert missing.value.key == "report.no_folder"
    assert "tidak ditemukan" in missing.value.message("id")
    assert "not found" in missing.value.message("en")
    with pytest.raises(InputError) as no_info:
        load_result(tmp_path)
    assert no_info.value.key == "report.no_info"
    (tmp_path / "info_proses.json").write_text("{rusak", encoding="utf-8")
    with pytest.raises(InputError) as bad:
        load_result(tmp_path)
    assert bad.value.key == "report.bad_info"


# --- XLSX -----------------------------------------------------------------------------------


def test_xlsx_sheets_headers_and_text_cells(tmp_path: Path, result: RunResult) -> None:
    out, written = _write(tmp_path, result)
    assert out / "temuan.xlsx" in written
    wb = load_workbook(out / "temuan.xlsx")
    assert wb.sheetnames == [
        "Info", "Rekap kecamatan", "Rekap kelurahan", "Ganda", "Ganda perlu cek",
        "Belum terdaftar", "Lapangan perlu cek", "TMS", "Tidak valid", "Ditolak",
    ]  # fmt: skip  (cocok and hasil_lapangan stay CSV-only)
    ws = wb["Ganda"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{get_column_letter(len(TABLE_COLUMNS['ganda']))}3"
    headers = [c.value for c in ws[1]]
    assert headers[:4] == ["ID temuan", "Grup", "Berkas", "Baris"]
    assert "NIK" in headers and "Disabilitas" not in headers
    nik = ws.cell(row=2, column=headers.index("NIK") + 1)
    assert nik.data_type == "s" and nik.value == "167101**********"
    rt = ws.cell(row=2, column=headers.index("RT") + 1)
    assert rt.value == "029"
    assert ws.cell(row=3, column=4).value == 40  # row numbers sort as numbers
    rekap = wb["Rekap kecamatan"]
    assert [c.value for c in rekap[4]][:2] == ["TOTAL", 3234]
    assert rekap.cell(row=4, column=1).font.b
    info = [[c.value for c in row] for row in wb["Info"].iter_rows()]
    flat = [v for row in info for v in row if v is not None]
    assert "coklit check" in flat and "ab" * 32 in flat and "dpt.csv" in flat
    assert any(str(v).startswith("dibagikan") for v in flat)


def test_xlsx_english_and_full_data(tmp_path: Path, result: RunResult) -> None:
    out, _ = _write(tmp_path, result, lang="en", full_data=True)
    wb = load_workbook(out / "temuan.xlsx")
    assert wb.sheetnames[:4] == ["Info", "Summary kecamatan", "Summary kelurahan", "Duplicates"]
    ws = wb["Duplicates"]
    headers = [c.value for c in ws[1]]
    assert headers[:4] == ["Finding id", "Group", "File", "Row"]
    nik = ws.cell(row=2, column=headers.index("NIK") + 1)
    assert nik.data_type == "s" and nik.value == NIK_A
    assert "Disability" in headers


def test_xlsx_is_skipped_when_off(tmp_path: Path, result: RunResult) -> None:
    out, written = _write(tmp_path, result, xlsx=False)
    assert not (out / "temuan.xlsx").exists()
    assert all(p.suffix != ".xlsx" for p in written)


# --- per kecamatan --------------------------------------------------------------------------


def test_per_kecamatan_folders(tmp_path: Path, result: RunResult) -> None:
    out, written = _write(tmp_path, result, per_kecamatan=True)
    root = out / "per_kecamatan"
    assert sorted(p.name for p in root.iterdir()) == ["ILIR_BARAT_II", "SEBERANG_ULU_I"]
    one = root / "ILIR_BARAT_II"
    assert one / "ganda.csv" in written and one / "temuan.xlsx" in written
    ganda = pd.read_csv(one / "ganda.csv", dtype=str, encoding="utf-8-sig")
    assert set(ganda["kecamatan"]) == {KEC_1} and len(ganda) == 2
    assert len(pd.read_csv(one / "tms.csv", dtype=str, encoding="utf-8-sig")) == 0
    cocok = pd.read_csv(one / "cocok.csv", dtype=str, encoding="utf-8-sig")
    assert cocok["kecamatan_lapangan"].tolist() == [KEC_1]
    rekap = pd.read_csv(one / "rekap_kecamatan.csv", dtype=str, encoding="utf-8-sig")
    assert rekap["kecamatan"].tolist() == [KEC_1, "TOTAL"]
    assert rekap["pemilih_dpt"].tolist() == ["1234", "1234"]
    assert not (one / "ditolak.csv").exists()
    two = root / "SEBERANG_ULU_I"
    tms = pd.read_csv(two / "tms.csv", dtype=str, encoding="utf-8-sig")
    assert tms["nik"].tolist() == ["167101**********"]
    kel = pd.read_csv(two / "rekap_kelurahan.csv", dtype=str, encoding="utf-8-sig")
    assert kel["kecamatan"].tolist() == [KEC_2, "TOTAL"]
    info = json.loads((two / "info_proses.json").read_text(encoding="utf-8"))
    assert info["kecamatan"] == KEC_2 and info["mode"] == "dibagikan"
    assert load_result(two).tables["tms"].loc[0, "baris"] == "7"


# --- terminal summary -----------------------------------------------------------------------


def _render(renderables: list) -> str:
    console = Console(record=True, width=120, color_system=None)
    for renderable in renderables:
        console.print(renderable)
    return console.export_text()


def test_render_summary_indonesian(tmp_path: Path, result: RunResult) -> None:
    out, written = _write(tmp_path, result)
    text = _render(render_summary(result, "id", written))
    assert "coklit check selesai" in text
    assert "dpt.csv" in text and "lapangan.csv" in text
    assert "Rekap per kecamatan" in text and "Belum terdaftar" in text
    assert "1.234" in text and "3.234" in text and "TOTAL" in text
    assert "Berkas yang ditulis" in text and "temuan.xlsx" in text
    assert "167101" not in text


def test_render_summary_english_without_rekap(tmp_path: Path, result: RunResult) -> None:
    tables = {k: v for k, v in result.tables.items() if not k.startswith("rekap_")}
    plain = RunResult(command="dedupe", tables=tables, meta={**result.meta, "command": "dedupe"})
    out, written = _write(tmp_path, plain, per_kecamatan=True)
    text = _render(render_summary(plain, "en", written))
    assert "coklit dedupe finished" in text
    assert "Findings" in text and "Duplicate voters" in text and "Rejected rows" in text
    assert "Files written" in text and "kecamatan folders" in text


def test_render_summary_returns_renderables_and_rekap_is_bold(result: RunResult) -> None:
    from rich.table import Table  # noqa: TID251

    renderables = render_summary(result, "id", [])
    rekap = [r for r in renderables if isinstance(r, Table) and r.title == "Rekap per kecamatan"]
    assert len(rekap) == 1
    assert rekap[0].rows[-1].style == "bold"
    assert all(c.justify == "right" for c in rekap[0].columns[1:])
