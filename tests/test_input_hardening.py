"""Hostile and broken input: every row accounted for, bounded readers, sanity checks, and
the crashes of issue 9 as regression tests (library level and through the CLI)."""

from __future__ import annotations

import codecs
import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest
import xlsxwriter
from typer.testing import CliRunner

from coklit import io, sheetscan
from coklit.cli import app
from coklit.config import ReadConfig, RunConfig
from coklit.errors import InputError, SchemaError
from coklit.pipeline import run_check, run_dedupe, run_validate
from coklit.schema import load_dataset

runner = CliRunner()
HEADER = "NIK,NAMA,TGL LAHIR,TPS\n"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _write(path: Path, text: str | bytes, encoding: str = "utf-8") -> Path:
    path.write_bytes(text if isinstance(text, bytes) else text.encode(encoding))
    return path


def _load(*paths: Path, **cfg) -> object:  # type: ignore[no-untyped-def]
    return load_dataset([str(p) for p in paths], "dpt", ReadConfig(**cfg))


def _accounted(ds) -> None:  # type: ignore[no-untyped-def]
    for info in ds.files:
        assert info.rows_read == info.rows_used + info.rows_rejected, info.berkas
    assert sum(f.rows_read for f in ds.files) == len(ds.records) + len(ds.rejected)


def _people(n: int, tps: bool = True, start: int = 1) -> str:
    rows = [f"16710101019{i:05d},ORANG NOMOR {i},01-01-1990" + (f",{i % 3 + 1}" if tps else "")
            for i in range(start, start + n)]
    return "\n".join(rows) + "\n"


def _xlsx_parts(path: Path, sheet_xml: str, shared: list[str] | None = None) -> Path:
    """A minimal workbook with one sheet "DPT" whose XML is given as it is."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                   '2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
                   'openxmlformats-package.relationships+xml"/><Default Extension="xml" '
                   'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
                   'sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType='
                   '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                   'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
                   'Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml",
                   '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
                   'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships"><sheets><sheet name="DPT" sheetId="1" '
                   'r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                   'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                   'Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml",
                   '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                   f'spreadsheetml/2006/main"><sheetData>{sheet_xml}</sheetData></worksheet>')
    return path


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _header_rows() -> str:
    return (f'<row r="1">{_cell("A1", "NIK")}{_cell("B1", "NAMA")}</row>'
            f'<row r="2">{_cell("A2", "1671010101900001")}{_cell("B2", "BUDI")}</row>')


# --- every row accounted for: CSV -------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "names", "rejected"),
    [
        # a quote opened at the start of a value and never closed (issue: 4 rows -> 1)
        ('1671010101900001,"BUDI,01-01-1990,1\n' + _people(3, start=2),
         ["ORANG NOMOR 2", "ORANG NOMOR 3", "ORANG NOMOR 4"], [(2, "kutip_tidak_ditutup")]),
        # ... and closed by a quote three rows later
        ('1671010101900001,"BUDI,01-01-1990,1\n' + _people(1, start=2)
         + '1671010101900003,"ANI" X,01-01-1990,1\n' + _people(1, start=4),
         ["ORANG NOMOR 2", "ANI X", "ORANG NOMOR 4"], [(2, "kutip_tidak_ditutup")]),
        # a quoted value over two lines (an address with a line break) is one row, not a fault
        ('1671010101900001,"BUDI\nSANTOSO",01-01-1990,1\n' + _people(1, start=2),
         ["BUDI\nSANTOSO", "ORANG NOMOR 2"], []),
    ],
    ids=["open-quote", "quote-closed-later", "multi-line-value"],
)
def test_quotes(tmp_path: Path, body: str, names: list[str], rejected: list) -> None:
    for variant in ("small", "large"):  # the large one goes through pyarrow's reader first
        extra = _people(3000, start=1000) if variant == "large" else ""
        ds = _load(_write(tmp_path / f"q_{variant}.csv", HEADER + body + extra))
        _accounted(ds)
        assert ds.records["nama"].tolist()[: len(names)] == names
        got = [tuple(r) for r in ds.rejected[["baris", "masalah"]].values.tolist()]
        assert got == rejected


def test_no_row_disappears_in_any_ragged_file(tmp_path: Path) -> None:
    text = HEADER + _people(5) + "1671010101900009,X,01-01-1990,1,JL. A, LR. B\n" + ",SITI\n"
    ds = _load(_write(tmp_path / "r.csv", text))
    _accounted(ds)
    assert ds.files[0].rows_read == 7
    assert ds.rejected["masalah"].tolist() == ["kolom_berlebih"]
    assert ds.notes["masalah"].tolist() == ["kolom_kurang"]


def test_field_longer_than_a_cell_is_refused_with_the_row(tmp_path: Path) -> None:
    for size, name in ((10 << 20, "huge"), (100_000, "long")):  # python path / pyarrow path
        text = HEADER + _people(3) + f"1671010101900009,{'A' * size},01-01-1990,1\n"
        with pytest.raises(InputError) as caught:
            _load(_write(tmp_path / f"{name}.csv", text))
        assert caught.value.key == "io.field_too_long"
        assert caught.value.values["row"] == 5
    cli = runner.invoke(app, ["validate", str(tmp_path / "huge.csv"), "--out",
                              str(tmp_path / "o")])
    assert cli.exit_code == 2 and "baris 5" in _flat(cli.output) and "32767" in cli.output


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_text(tmp_path: Path, codec: str) -> None:
    text = HEADER + "1671010101900001,SITI AISYAH,01-01-1990,1\n"
    path = _write(tmp_path / "u16.csv", text.encode(codec))
    assert not path.read_bytes().startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    ds = _load(path)
    assert ds.records["nama"].tolist() == ["SITI AISYAH"] and ds.files[0].encoding == codec


def test_arabic_script_names_are_names(tmp_path: Path) -> None:
    text = HEADER + "1671010101900001,محمد عبد الله,01-01-1990,1\n1671010101900002,12345,01-01-1990,1\n"
    ds = _load(_write(tmp_path / "ar.csv", text))
    assert ds.records["nama"].tolist() == ["محمد عبد الله"]
    assert ds.rejected["masalah"].tolist() == ["nama_tanpa_huruf"]


def test_headerless_csv_says_the_first_row_is_data(tmp_path: Path) -> None:
    path = _write(tmp_path / "tanpa_judul.csv", _people(3))
    with pytest.raises(SchemaError) as caught:
        _load(path)
    assert caught.value.key == "schema.no_header"
    cli = runner.invoke(app, ["validate", str(path), "--out", str(tmp_path / "o")])
    assert cli.exit_code == 2 and "bukan judul kolom" in _flat(cli.output)
    assert "1671010101900001" not in cli.output  # the data row is not printed in full


# --- every row accounted for: XLSX ------------------------------------------------------------


def test_a_sheet_of_voter_rows_without_header_is_rejected_row_by_row(tmp_path: Path) -> None:
    path = tmp_path / "buku.xlsx"
    book = xlsxwriter.Workbook(str(path))
    good = book.add_worksheet("TPS 001")
    good.write_row(0, 0, ["NIK", "NAMA"])
    good.write_row(1, 0, ["1671010101900001", "BUDI"])
    bare = book.add_worksheet("TPS 002")
    for i in range(3):
        bare.write_row(i, 0, [f"167101010190000{i + 2}", f"ORANG {i}", "01-01-1990"])
    notes = book.add_worksheet("Catatan")
    notes.write(0, 0, "Diperiksa oleh PKD.")
    book.close()
    ds = _load(path)
    _accounted(ds)
    assert ds.records["nama"].tolist() == ["BUDI"]
    assert ds.rejected[["berkas", "baris", "masalah"]].values.tolist() == [
        ["buku.xlsx[TPS 002]", i, "lembar_tanpa_judul"] for i in (1, 2, 3)]
    assert list(ds.skipped) == ["buku.xlsx[Catatan]"]


# --- bounded readers --------------------------------------------------------------------------


def test_a_cell_at_xfd1048576_is_refused_before_allocating(tmp_path: Path) -> None:
    path = _xlsx_parts(tmp_path / "xfd.xlsx",
                       _header_rows() + f'<row r="1048576">{_cell("XFD1048576", "x")}</row>')
    assert path.stat().st_size < 10_000
    with pytest.raises(InputError) as caught:
        _load(path)  # before this check the process died with SIGABRT inside calamine
    assert caught.value.key == "io.sheet_sparse" and "XFD1048576" in caught.value.message()


@pytest.mark.parametrize(
    "rows",
    [
        f'<row r="1048576">{_cell("R1048576", "x")}</row>',  # about 1 GB in calamine
        f'<row r="3">{_cell("C999999", "x")}</row>',  # a ref below its row's number
        '<row r="3">' + '<c t="inlineStr"><is><t>x</t></is></c>' * 3 + "</row>"
        + f'<row r="999999">{_cell("A999999", "y")}</row>',
    ],
    ids=["R1048576", "ref-beyond-row", "no-positions"],
)
def test_sparse_sheets_are_refused(tmp_path: Path, rows: str) -> None:
    path = _xlsx_parts(tmp_path / "s.xlsx", _header_rows() + rows)
    with pytest.raises(InputError) as caught:
        _load(path)
    assert caught.value.key == "io.sheet_sparse"


def test_cells_without_positions_are_read(tmp_path: Path) -> None:
    rows = ('<row>' + "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in ("NIK", "NAMA"))
            + '</row><row>' + "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>'
                                      for v in ("1671010101900001", "BUDI")) + "</row>")
    ds = _load(_xlsx_parts(tmp_path / "implied.xlsx", rows))
    assert ds.records["nama"].tolist() == ["BUDI"]


def test_compressed_filler_is_refused(tmp_path: Path) -> None:
    filler = " " * (30 << 20)  # 30 MB of spaces compress to a few KB
    path = _xlsx_parts(tmp_path / "bom.xlsx", _header_rows() + filler)
    assert path.stat().st_size < 200_000
    with pytest.raises(InputError) as caught:
        _load(path)
    assert caught.value.key == "io.workbook_too_large"


def test_dense_sheets_over_the_cell_limit_are_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(sheetscan, "MAX_SHEET_CELLS", 50)
    rows = _header_rows() + "".join(
        f'<row r="{r}">{_cell(f"A{r}", f"16710101019{r:05d}")}{_cell(f"B{r}", "X")}</row>'
        for r in range(3, 40))
    with pytest.raises(InputError) as caught:
        _load(_xlsx_parts(tmp_path / "dense.xlsx", rows))
    assert caught.value.key == "io.sheet_too_many_cells"


def test_ods_repeats_are_counted(tmp_path: Path) -> None:
    content = (
        '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:'
        'opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:'
        'table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        '<office:spreadsheet><table:table table:name="S"><table:table-row><table:table-cell '
        'office:value-type="string"><text:p>NAMA</text:p></table:table-cell></table:table-row>'
        '<table:table-row table:number-rows-repeated="1000000"><table:table-cell '
        'table:number-columns-repeated="50" office:value-type="string"><text:p>X</text:p>'
        '</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body>'
        '</office:document-content>')
    path = tmp_path / "bom.ods"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
    with pytest.raises(InputError) as caught:
        _load(path)  # calamine would expand this 2 KB file to 6 GB
    assert caught.value.key == "io.sheet_too_many_cells"


def test_a_normal_workbook_passes_the_scan(samples: Path) -> None:
    messy = samples / "messy" / "dpt_per_tps.xlsx"
    extents = sheetscan.scan_xlsx(messy, messy.name)
    assert extents and all(e.rows < 100 and e.cols < 30 for e in extents)


# --- sanity checks ----------------------------------------------------------------------------


@pytest.fixture()
def pair(tmp_path: Path) -> tuple[Path, Path]:
    dpt = _write(tmp_path / "dpt.csv", HEADER + _people(200))
    lap = _write(tmp_path / "lapangan.csv", "NIK,NAMA,TGL LAHIR,KETERANGAN\n"
                 + "".join(f"16710101019{i:05d},ORANG NOMOR {i},01-01-1990,MS\n"
                           for i in range(1, 11)))
    return dpt, lap


def test_the_same_file_twice_is_refused(tmp_path: Path, pair) -> None:
    dpt, _ = pair
    copy = _write(tmp_path / "salinan.csv", dpt.read_bytes())
    for args in ([dpt, dpt], [dpt, copy]):
        cli = runner.invoke(app, ["check", *map(str, args), "--out", str(tmp_path / "o")])
        assert cli.exit_code == 2, cli.output
        assert "sama persis" in _flat(cli.output) or "juga sebagai" in _flat(cli.output)
    with pytest.raises(InputError) as caught:
        run_validate([str(dpt), str(copy)], RunConfig())
    assert caught.value.key == "sanity.same_file"


def test_identical_empty_templates_are_no_double_count(tmp_path: Path) -> None:
    folder = tmp_path / "per_tps"
    folder.mkdir()
    _write(folder / "tps_001.csv", HEADER + _people(3))
    _write(folder / "tps_002.csv", HEADER)  # no voters yet: same bytes as tps_003
    _write(folder / "tps_003.csv", HEADER)
    result = run_validate([str(folder)], RunConfig())
    assert [i["rows_read"] for i in result.meta["inputs"]] == [3, 0, 0]


def test_a_folder_holding_both_files_is_refused(tmp_path: Path, pair) -> None:
    dpt, lap = pair
    cli = runner.invoke(app, ["check", str(tmp_path), str(lap), "--out", str(tmp_path / "o")])
    assert cli.exit_code == 2 and "lapangan.csv" in cli.output
    assert "sebagai" in _flat(cli.output)


def test_swapped_lists_are_refused_unless_forced(tmp_path: Path, pair) -> None:
    dpt, lap = pair
    cli = runner.invoke(app, ["check", str(lap), str(dpt), "--out", str(tmp_path / "o")])
    assert cli.exit_code == 2 and "--paksa" in cli.output and "tertukar" in _flat(cli.output)
    forced = runner.invoke(app, ["check", str(lap), str(dpt), "--out", str(tmp_path / "o"),
                                 "--paksa"])
    assert forced.exit_code == 0, forced.output
    # a list without TPS against field records with TPS
    notps = _write(tmp_path / "dpt_tanpa_tps.csv", "NIK,NAMA,TGL LAHIR\n" + _people(200, False))
    with_tps = _write(tmp_path / "lap_tps.csv", HEADER + _people(10))
    with pytest.raises(InputError) as caught:
        run_check([str(notps)], [str(with_tps)], RunConfig())
    assert caught.value.key == "sanity.swapped_tps"


@pytest.mark.parametrize(
    ("text", "words"),
    [(HEADER, "0 baris dibaca"),
     (HEADER + "1671010101900001,,01-01-1990,1\n1671010101900002,123,01-01-1990,1\n",
      "nama_kosong")],
    ids=["header-only", "all-rejected"],
)
def test_a_list_without_usable_rows_is_one_message(tmp_path: Path, pair, text: str,
                                                   words: str) -> None:
    _, lap = pair
    empty = _write(tmp_path / "kosong.csv", text)
    for args in (["validate", empty], ["dedupe", empty], ["check", empty, lap],
                 ["check", pair[0], empty]):
        cli = runner.invoke(app, [*map(str, args), "--out", str(tmp_path / "o")])
        assert cli.exit_code == 2, (args, cli.output)  # was an IndexError (exit 1)
        assert words in _flat(cli.output) and "Traceback" not in cli.output


def test_a_list_without_tps_and_a_duplicate(tmp_path: Path) -> None:
    # Twenty-eight different people (names and birth days differ; digits in names are dropped by
    # the name normaliser, so the names are spelt in letters), then the first one again.
    people = [f"16710101{k + 1:02d}9{k:05d},ORANG {chr(65 + k % 26)}{chr(65 + k // 26)}"
              f"{chr(75 + k % 7)},{k + 1:02d}-01-1990" for k in range(28)]
    text = "NIK,NAMA,TGL LAHIR\n" + "\n".join([*people, people[0]]) + "\n"
    result = run_dedupe([str(_write(tmp_path / "notps.csv", text))], RunConfig())
    assert len(result.tables["ganda"]) == 2  # was a TypeError (exit 1)


def test_kolom_applies_to_whichever_file_has_the_header(tmp_path: Path, pair) -> None:
    dpt, _ = pair
    lap = _write(tmp_path / "lap.csv", "NIK,NAMA LENGKAP SESUAI KTP,TGL LAHIR\n"
                 "1671010101900001,ORANG NOMOR 1,01-01-1990\n")
    out = tmp_path / "o"
    cli = runner.invoke(app, ["check", str(dpt), str(lap), "--out", str(out), "--kolom",
                              'nama=NAMA LENGKAP SESUAI KTP'])
    assert cli.exit_code == 0, cli.output
    bad = runner.invoke(app, ["check", str(dpt), str(lap), "--out", str(out), "--kolom",
                              "nama=TIDAK ADA"])
    assert bad.exit_code == 2 and "tidak ada di berkas mana pun" in _flat(bad.output)


def test_ignored_headers_are_listed_with_a_hint(tmp_path: Path) -> None:
    path = _write(tmp_path / "lap.csv", "NIK,NAMA,Alamat Sekarang,Catatan PKD\n"
                  "1671010101900001,BUDI,JL. MAWAR,-\n")
    out = tmp_path / "o"
    cli = runner.invoke(app, ["validate", str(path), "--out", str(out)])
    assert cli.exit_code == 0, cli.output
    flat = _flat(cli.output)
    assert "NIK -> nik" in flat and "Alamat Sekarang, Catatan PKD" in flat
    assert '--kolom alamat="Alamat Sekarang"' in flat
    info = json.loads((out / "info_proses.json").read_text(encoding="utf-8"))
    assert info["inputs"][0]["ignored"] == ["Alamat Sekarang", "Catatan PKD"]
    assert info["inputs"][0]["suggestions"] == {"Alamat Sekarang": "alamat"}
    html = (out / "laporan.html").read_text(encoding="utf-8")
    assert "Kolom yang dibaca per berkas" in html and "Alamat Sekarang" in html


# --- ambiguous dates --------------------------------------------------------------------------


def test_ambiguous_birth_dates_are_flagged_not_judged(tmp_path: Path) -> None:
    text = ("NIK,NAMA,TGL LAHIR,TPS\n1671010101240001,BAYI,01-01-24,1\n"
            "1671010101900002,TAHUN SAJA,1990,1\n1671011205850003,BIASA,12-05-85,1\n")
    result = run_validate([str(_write(tmp_path / "d.csv", text))], RunConfig())
    invalid = result.tables["tidak_valid"]
    flagged = invalid[invalid["masalah"] == "tanggal_lahir_ambigu"]
    assert flagged["nama"].tolist() == ["BAYI", "TAHUN SAJA"]
    assert not invalid["masalah"].eq("tanggal_lahir_tidak_valid").any()
    assert result.tables["tms"].empty  # "01-01-24" is not a baby on the list (TMS code 3)
    assert not invalid["nama"].eq("BIASA").any()


# --- crashes of issue 9 through the CLI -------------------------------------------------------


def test_long_kecamatan_with_per_kecamatan(tmp_path: Path) -> None:
    kec = "K" * 300
    text = "NIK,NAMA,TGL LAHIR,TPS,KECAMATAN\n" + "".join(
        f"16710101019{i:05d},ORANG NOMOR {i},01-01-1990,1,{kec if i % 2 else 'CON'}\n"
        for i in range(1, 30))
    path = _write(tmp_path / "dpt.csv", text)
    out = tmp_path / "o"
    cli = runner.invoke(app, ["validate", str(path), "--out", str(out), "--per-kecamatan"])
    assert cli.exit_code == 0, cli.output
    assert sorted(p.name for p in (out / "per_kecamatan").iterdir()) == ["CON_", "K" * 60]


def test_reader_errors_never_escape_as_other_exceptions(tmp_path: Path) -> None:
    broken = _write(tmp_path / "rusak.xlsx", b"PK\x03\x04" + bytes(range(256)) * 8)
    with pytest.raises(InputError):
        _load(broken)
    truncated = tmp_path / "potong.xlsx"
    book = xlsxwriter.Workbook(str(truncated))
    book.add_worksheet("DPT").write_row(0, 0, ["NIK", "NAMA"])
    book.close()
    data = truncated.read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError):
        _load(truncated)
    assert io.MAX_FIELD_CHARS == 32_767
    assert isinstance(pd.DataFrame(), pd.DataFrame)
