"""Reading layer: delimiters, encodings, spreadsheet row numbers, XLSX cells, bad input.

Files are written to tmp_path from bytes held here (or built with openpyxl), plus the
one-file-per-delimiter fixtures in tests/fixtures/io and the messy samples in
data/samples/messy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from coklit import io
from coklit.config import ReadConfig
from coklit.errors import InputError
from coklit.fields import FIELDS
from coklit.report.words import render
from coklit.schema import load_dataset

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures" / "io"
MESSY = HERE.parent / "data" / "samples" / "messy"

HEADER = "NIK,NAMA,ALAMAT,TPS\n"


def write(tmp_path: Path, name: str, data: bytes | str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode(encoding) if isinstance(data, str) else data)
    return path


def load(*paths: Path | str, **cfg) -> object:  # type: ignore[no-untyped-def]
    return load_dataset([str(p) for p in paths], "dpt", ReadConfig(**cfg))


def xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


# --------------------------------------------------------------------------------------
# Delimiters


@pytest.mark.parametrize(
    "name, delimiter",
    [("sniff_comma.csv", ","), ("sniff_semicolon.csv", ";"), ("sniff_tab.csv", "\t"),
     ("sniff_pipe.csv", "|")],
)
def test_delimiter_fixture(name: str, delimiter: str) -> None:
    ds = load(FIXTURES / name)
    assert ds.files[0].delimiter == delimiter
    rec = ds.records
    assert rec["nama"].tolist() == ["SITI AMINAH", 'AHMAD "BUJANG" SAPUTRA', "DEWI LESTARI"]
    assert rec["nik"].tolist() == ["1671024501900001", "1671020101850002", "0071020101850003"]
    assert rec["alamat"].tolist() == ["JL. MERDEKA, LR. SEPAKAT", "LR. PINANG", ""]
    assert rec["tps"].tolist() == ["001", "002", "003"]
    assert rec["baris"].tolist() == [2, 3, 4]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1;2,5;3\n4;5;6\n", ";"),  # decimal commas do not win
        ("a\tb\tc\n1\t2\t3\n", "\t"),
        ("a|b|c\n1|2|3\n", "|"),
        ('KECAMATAN : ILIR BARAT I\nTPS : 005\n\nNIK;NAMA;ALAMAT\n1;"A, B";x\n2;C;y\n', ";"),
        ('"a;b",c,d\n"1;2",3,4\n', ","),  # delimiters inside quotes do not count
        ("just one column\nno delimiter\n", ","),
    ],
)
def test_detect_delimiter(text: str, expected: str) -> None:
    assert io.detect_delimiter(text) == expected


# --------------------------------------------------------------------------------------
# Encodings


@pytest.mark.parametrize(
    "encoding, bom, expected",
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("cp1252", b"", "cp1252"),
        ("utf-16", b"", "utf-16"),  # Excel "Unicode text"; Python writes the BOM
    ],
)
def test_encodings(tmp_path: Path, encoding: str, bom: bytes, expected: str) -> None:
    text = HEADER + "1671024501900001,SITI AMINAH,JL. CAFÉ ’ROSE’,001\r\n"
    path = write(tmp_path, "enc.csv", bom + text.encode(encoding))
    ds = load(path)
    assert ds.files[0].encoding == expected
    assert ds.records["alamat"].tolist() == ["JL. CAFÉ ’ROSE’"]
    assert ds.records["nik"].tolist() == ["1671024501900001"]  # BOM not glued to a header


def test_latin1_fallback(tmp_path: Path) -> None:
    # 0x81 is undefined in cp1252, so only latin-1 decodes this file.
    path = write(tmp_path, "l1.csv", HEADER.encode() + b"1,JOS\xc9 \x81,JL. X,1\n")
    ds = load(path)
    assert ds.files[0].encoding == "latin-1"
    assert ds.records["nama"].tolist() == ["JOSÉ \x81"]


def test_cp1252_detected_past_the_head(tmp_path: Path) -> None:
    # The non-ASCII byte sits after the first megabyte: the whole file is checked.
    rows = "".join(f"{i},NAMA {i},JL. A,1\n" for i in range(60_000))
    path = write(tmp_path, "late.csv", (HEADER + rows).encode() + b"9,ANDR\xc9,JL. B,1\n")
    ds = load(path)
    assert ds.files[0].encoding == "cp1252"
    assert ds.records["nama"].iloc[-1] == "ANDRÉ"
    assert ds.records["baris"].iloc[-1] == 60_002


# --------------------------------------------------------------------------------------
# Row numbers (baris)


@pytest.mark.parametrize(
    "text, nama, baris",
    [
        # header on row 1
        (HEADER + "1,A,X,1\n2,B,Y,1\n", ["A", "B"], [2, 3]),
        # old Mac line ends (CR only)
        (HEADER.replace("\n", "\r") + "1,A,X,1\r\r2,B,Y,1\r", ["A", "B"], [2, 4]),
        # CRLF and no final newline
        (HEADER.replace("\n", "\r\n") + "1,A,X,1\r\n2,B,Y,1", ["A", "B"], [2, 3]),
        # title block and a blank line above the header: header on row 4
        ("KECAMATAN : ILIR BARAT I\nTPS : 005\n\n" + HEADER + "1,A,X,1\n2,B,Y,1\n",
         ["A", "B"], [5, 6]),
        # blank lines in the data count as spreadsheet rows
        (HEADER + "1,A,X,1\n\n\n2,B,Y,1\n,,,\n3,C,Z,1\n", ["A", "B", "C"], [2, 5, 7]),
        # a quoted value over two lines is one spreadsheet row
        (HEADER + '1,A,"JL. X\nLR. Y",1\n2,B,Y,1\n', ["A", "B"], [2, 3]),
        # ragged rows: too short (used), too long with values (rejected: cells shifted)
        (HEADER + "1,A\n2,B,Y,1,EXTRA,MORE\n3,C,Z,1\n", ["A", "C"], [2, 4]),
        # a trailing delimiter on every data line
        (HEADER + "1,A,X,1,\n2,B,Y,1,\n", ["A", "B"], [2, 3]),
        # an unterminated quote: that row is rejected, the rows after it are read
        (HEADER + '1,A,X,1\n2,B,"Y,1\n3,C,Z,1\n', ["A", "C"], [2, 4]),
    ],
    ids=["plain", "cr", "crlf", "title", "blank-lines", "multiline", "ragged", "trailing-delim",
         "open-quote"],
)
def test_baris_is_spreadsheet_row(tmp_path: Path, text: str, nama: list[str],
                                  baris: list[int]) -> None:
    ds = load(write(tmp_path, "b.csv", text))
    assert ds.records["nama"].tolist() == nama
    assert ds.records["baris"].tolist() == baris
    assert ds.records["baris"].dtype == "int64"


def test_ragged_rows_are_accounted_for(tmp_path: Path) -> None:
    text = HEADER + "1,A\n2,B,Y,1,EXTRA\n3,C,Z,7\n4,D,W,2,\n5,E,V,3\n"
    ds = load(write(tmp_path, "r.csv", text))
    rec = ds.records
    assert rec["nik"].tolist() == ["1", "3", "4", "5"]  # a trailing empty cell is no problem
    assert rec["alamat"].tolist() == ["", "Z", "W", "V"]
    assert rec["tps"].tolist() == ["", "7", "2", "3"]
    assert ds.rejected[["baris", "masalah"]].values.tolist() == [[3, "kolom_berlebih"]]
    assert "5 sel terisi" in render(ds.rejected["keterangan"], "id").iloc[0]
    assert ds.notes[["baris", "masalah"]].values.tolist() == [[2, "kolom_kurang"]]
    info = ds.files[0]
    assert info.rows_read == info.rows_used + info.rows_rejected == 5


def test_blank_rows_counted_not_records(tmp_path: Path) -> None:
    text = HEADER + "1,A,X,1\n\n , , , \n2,B,Y,1\n\n"
    ds = load(write(tmp_path, "b.csv", text))
    info = ds.files[0]
    assert (info.rows_read, info.rows_used, info.rows_blank) == (2, 2, 3)


# --------------------------------------------------------------------------------------
# Values stay text


def test_csv_values_are_exact_text(tmp_path: Path) -> None:
    text = HEADER + "0012345678901234,A,X,005\n'1671024501900001,B,Y,1.0\n1.67102E+15,C,Z,\n"
    rec = load(write(tmp_path, "t.csv", text)).records
    assert rec["nik"].tolist() == ["0012345678901234", "'1671024501900001", "1.67102E+15"]
    assert rec["tps"].tolist() == ["005", "1.0", ""]
    assert all(str(rec[f].dtype) == "str" for f in FIELDS)


@pytest.mark.parametrize(
    "value, text",
    [
        (1671014507900003.0, "1671014507900003"),
        (1671014507900000.0, "1671014507900000"),  # Excel-damaged NIK kept as it is
        (5.0, "5"),
        (-3.0, "-3"),
        (1.5, "1.5"),
        (7, "7"),
        ("  SITI  ", "SITI"),
        ("'1671024501900001", "'1671024501900001"),
        (dt.date(1990, 1, 2), "1990-01-02"),
        (dt.datetime(1990, 1, 2), "1990-01-02"),
        (dt.datetime(1990, 1, 2, 3, 4, 5), "1990-01-02 03:04:05"),
        (True, "TRUE"),
        (None, ""),
        (float("nan"), ""),
    ],
)
def test_cell_text(value: object, text: str) -> None:
    assert io.cell_text(value) == text


def test_xlsx_numbers_and_dates(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "n.xlsx", {"DPT": [
        ["NIK", "NKK", "NAMA", "TANGGAL LAHIR", "RT", "USIA"],
        [1671014507900003, "1671010101010001", "SITI", dt.date(1990, 1, 2), 5, 34],
        [1671014507900000, 1671010101010002, "AHMAD", dt.datetime(1985, 12, 31), 12, None],
        [None, None, "DEWI", "12-01-1990", "005", 40],
    ]})
    rec = load(path).records
    assert rec["nik"].tolist() == ["1671014507900003", "1671014507900000", ""]
    assert rec["nkk"].tolist() == ["1671010101010001", "1671010101010002", ""]
    assert rec["tanggal_lahir"].tolist() == ["1990-01-02", "1985-12-31", "12-01-1990"]
    assert rec["rt"].tolist() == ["5", "12", "005"]
    assert rec["usia"].tolist() == ["34", "", "40"]
    assert rec["baris"].tolist() == [2, 3, 4]


def test_xlsx_sheet_per_tps_and_notes(tmp_path: Path) -> None:
    title = [["DAFTAR PEMILIH"], ["KECAMATAN", ": KEMUNING"], ["KELURAHAN :", "SUNGAI PANGERAN"]]
    sheets = {
        f"TPS {t:03d}": [*title, ["TPS", ":", f"{t:03d}"], [],
                         ["NO", "NIK", "NAMA"], [1, "1671090101900001", f"ORANG {t}A"],
                         [2, "1671090101900002", f"ORANG {t}B"]]
        for t in (1, 2)
    }
    sheets["Catatan"] = [["Lembar ini hanya catatan."], [], ["Diperiksa PKD."]]
    sheets["Kosong"] = []
    ds = load(xlsx(tmp_path / "per_tps.xlsx", sheets))
    rec = ds.records
    assert [f.berkas for f in ds.files] == ["per_tps.xlsx[TPS 001]", "per_tps.xlsx[TPS 002]"]
    assert rec["berkas"].tolist() == ["per_tps.xlsx[TPS 001]"] * 2 + ["per_tps.xlsx[TPS 002]"] * 2
    assert rec["tps"].tolist() == ["001", "001", "002", "002"]
    assert set(rec["kecamatan"]) == {"KEMUNING"}
    assert set(rec["kelurahan"]) == {"SUNGAI PANGERAN"}
    assert rec["baris"].tolist() == [7, 8, 7, 8]
    assert rec["rid"].tolist() == [0, 1, 2, 3]
    assert ds.files[0].header_row == 6 and ds.files[0].sheet == "TPS 001"


# --------------------------------------------------------------------------------------
# Finding files


def test_folder_glob_and_lock_files(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    write(folder, "b.csv", HEADER + "2,B,Y,1\n")
    write(folder, "a.csv", HEADER + "1,A,X,1\n")
    write(folder, "~$a.xlsx", b"lock")
    write(folder, "catatan.docx", b"not read")
    write(folder, "catatan.txt", "Catatan petugas, bukan tabel.\n")  # .txt only by name
    ds = load(folder)
    assert ds.records["berkas"].tolist() == ["a.csv", "b.csv"]
    assert ds.records["rid"].tolist() == [0, 1]
    ds2 = load(str(folder / "*.csv"), folder / "a.csv")  # repeats are read once
    assert ds2.records["nama"].tolist() == ["A", "B"]


def test_txt_named_explicitly_is_read(tmp_path: Path) -> None:
    ds = load(write(tmp_path, "ekspor.txt", "NIK\tNAMA\n1\tSITI\n"))
    assert ds.records["nama"].tolist() == ["SITI"] and ds.files[0].delimiter == "\t"


def test_no_paths_gives_empty_dataset() -> None:
    ds = load_dataset([], "dpt", ReadConfig())
    assert len(ds.records) == 0 and len(ds.rejected) == 0 and ds.files == []


def test_same_name_in_two_folders(tmp_path: Path) -> None:
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        write(tmp_path / sub, "dpt.csv", HEADER + f"1,{sub.upper()},X,1\n")
    ds = load(tmp_path / "x" / "dpt.csv", tmp_path / "y" / "dpt.csv")
    assert ds.records["berkas"].nunique() == 2


def test_sha256_of_file_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", HEADER + "1,A,X,1\n")
    assert load(path).files[0].sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------------------
# Bad input: one clear InputError naming the file


def _docx_bytes() -> bytes:
    import io as stdio

    buf = stdio.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@pytest.mark.parametrize(
    "name, data, key",
    [
        ("kosong.csv", b"", "io.empty"),
        ("spasi.csv", b"\r\n  \n\n", "io.empty"),
        ("gambar.csv", PNG, "io.binary"),
        ("surat.csv", _docx_bytes(), "io.binary"),
        ("acak.csv", bytes((i * 37 + 11) % 32 for i in range(4000)).replace(b"\0", b"\1"),
         "io.undecodable"),
        ("surat.xlsx", _docx_bytes(), "io.bad_excel"),
        ("gambar.xlsx", PNG, "io.bad_excel"),
        ("teks.xlsx", b"NIK,NAMA\n1,A\n", "io.bad_excel"),
        ("laporan.pdf", b"%PDF-1.4", "io.unsupported"),
        ("prosa.csv", b"Ini surat biasa tanpa tabel.\nTerima kasih.\n", "io.not_table"),
    ],
)
def test_bad_files(tmp_path: Path, name: str, data: bytes, key: str) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(InputError) as err:
        load(path)
    assert err.value.key == key
    for lang in ("id", "en"):
        message = err.value.message(lang)
        assert name in message and "{" not in message


def test_xlsx_without_table(tmp_path: Path) -> None:
    path = xlsx(tmp_path / "catatan.xlsx", {"Catatan": [["Hanya catatan."], ["Tidak ada tabel."]],
                                           "Kosong": []})
    with pytest.raises(InputError) as err:
        load(path)
    assert err.value.key == "io.no_table"
    assert "catatan.xlsx" in err.value.message() and "Catatan" in err.value.message("en")


def test_xlsx_all_sheets_empty(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        load(xlsx(tmp_path / "kosong.xlsx", {"Sheet1": []}))
    assert err.value.key == "io.no_table"


@pytest.mark.parametrize(
    "item, key",
    [
        ("tidak_ada.csv", "io.not_found"),
        ("tidak_ada/*.csv", "io.not_found"),
        ("folder_kosong", "io.empty_folder"),
    ],
)
def test_bad_paths(tmp_path: Path, item: str, key: str) -> None:
    (tmp_path / "folder_kosong").mkdir()
    write(tmp_path / "folder_kosong", "bukan.docx", b"x")
    with pytest.raises(InputError) as err:
        load(tmp_path / item)
    assert err.value.key == key
    assert item in err.value.message() and item in err.value.message("en")


# --------------------------------------------------------------------------------------
# Messy samples: every row accounted for


MESSY_EXPECTED = {
    # file: (records, rejected, blank, files)
    "dpt_titik_koma_cp1252.csv": (20, 0, 0, 1),
    "dpt_dengan_judul.csv": (15, 0, 0, 1),
    "dpt_per_tps.xlsx": (24, 0, 0, 3),
    "lapangan_tab.tsv": (24, 2, 2, 1),
}


@pytest.mark.parametrize("name", sorted(MESSY_EXPECTED))
def test_messy_row_accounting(name: str) -> None:
    ds = load(MESSY / name)
    records, rejected, blank, nfiles = MESSY_EXPECTED[name]
    assert (len(ds.records), len(ds.rejected), len(ds.files)) == (records, rejected, nfiles)
    assert sum(f.rows_blank for f in ds.files) == blank
    assert ds.rows_read == len(ds.records) + len(ds.rejected)
    for info in ds.files:
        assert info.rows_read == info.rows_used + info.rows_rejected
    assert ds.records["rid"].tolist() == list(range(len(ds.records)))
    assert list(ds.records.columns) == ["rid", "berkas", "baris", *FIELDS]
    assert ds.records["nik"].str.fullmatch(r"'?\d{16}").all()


def test_messy_details() -> None:
    cp = load(MESSY / "dpt_titik_koma_cp1252.csv")
    assert cp.files[0].encoding == "cp1252" and cp.files[0].delimiter == ";"
    assert cp.records["alamat"].str.contains("É").any()
    assert cp.records["nik"].str.startswith("'").any()

    judul = load(MESSY / "dpt_dengan_judul.csv")
    rec = judul.records
    assert set(rec["kecamatan"]) == {"ILIR BARAT I"} and set(rec["kelurahan"]) == {"26 ILIR"}
    assert set(rec["tps"]) == {"005"} and set(rec["kabupaten"]) == {"KOTA PALEMBANG"}
    assert judul.files[0].header_row == 8 and rec["baris"].iloc[0] == 9

    wb = load(MESSY / "dpt_per_tps.xlsx")
    assert [f.sheet for f in wb.files] == ["TPS 001", "TPS 002", "TPS 003"]
    assert wb.records["tanggal_lahir"].str.fullmatch(r"\d{4}-\d\d-\d\d").all()
    assert sorted(set(wb.records["tps"])) == ["001", "002", "003"]

    lap = load(MESSY / "lapangan_tab.tsv")
    assert lap.files[0].delimiter == "\t"
    assert sorted(lap.rejected["masalah"]) == ["judul_berulang", "nama_kosong"]
    assert set(lap.rejected.columns) == {"berkas", "baris", "masalah", "keterangan"}
    assert lap.records["tps"].isin(["001", "002", "003"]).all()


def test_messy_folder_all_at_once() -> None:
    ds = load(MESSY)
    assert len(ds.records) == sum(v[0] for v in MESSY_EXPECTED.values())
    assert ds.records["rid"].is_monotonic_increasing
    assert isinstance(ds.records, pd.DataFrame)


# ---- one large file read in pieces ---------------------------------------------------------

def _same_dataset(a, b) -> None:  # type: ignore[no-untyped-def]
    pd.testing.assert_frame_equal(a.records, b.records)
    pd.testing.assert_frame_equal(a.rejected.reset_index(drop=True),
                                  b.rejected.reset_index(drop=True))
    pd.testing.assert_frame_equal(a.notes.reset_index(drop=True), b.notes.reset_index(drop=True))
    assert [(f.rows_read, f.rows_used, f.rows_rejected) for f in a.files] == [
        (f.rows_read, f.rows_used, f.rows_rejected) for f in b.files]


@pytest.mark.parametrize("chunk", [64, 333, 4096])
def test_large_csv_read_in_pieces_gives_the_whole_read(tmp_path: Path, monkeypatch, chunk) -> None:  # type: ignore[no-untyped-def]
    """A body above READ_CHUNK_BYTES is parsed piece by piece (pieces cut at line breaks,
    rows numbered on): the same records, rejected rows and notes as one read, with blank
    lines, quoted delimiters, ragged rows, spaces to trim, CRLF and non-ASCII text."""
    rows = ["KECAMATAN : SAKO", "", "NAMA,NIK,TANGGAL LAHIR,ALAMAT,KELURAHAN"]
    for k in range(400):
        name = ["SITI AMINAH", " BUDI ", "ÖZİL ÇAKIR", '"ABDULLAH, S.PD"'][k % 4]
        row = f"{name},{1671010101900000 + k},{1 + k % 28:02d}-0{1 + k % 9}-1980,JL. MERDEKA {k},SAKO"
        if k % 97 == 5:
            row += ",X,Y"  # more cells than the header: rejected
        if k % 89 == 3:
            row = "ANI,1671"  # fewer cells
        if k % 71 == 0:
            rows.append("")
        rows.append(row)
    path = write(tmp_path, "besar.csv", "\r\n".join(rows) + "\r\n")
    whole = load(path)
    monkeypatch.setattr(io, "READ_CHUNK_BYTES", chunk)
    pieces: list[int] = []
    original = io._read_csv_body
    monkeypatch.setattr(io, "_read_csv_body", lambda buf, *a: pieces.append(buf.size)
                        or original(buf, *a))
    _same_dataset(whole, load(path))
    assert len(pieces) > 1 and not whole.rejected.empty


def test_large_csv_with_a_line_break_in_a_value_is_read_whole(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    rows = ["NAMA,NIK,ALAMAT"] + [f"ORANG {k},{1671010101900000 + k},JL. {k}" for k in range(200)]
    rows[150] = 'ORANG X,1671010101900999,"JL. PANJANG\nLR. DUA"'
    path = write(tmp_path, "besar.csv", "\n".join(rows) + "\n")
    whole = load(path)
    monkeypatch.setattr(io, "READ_CHUNK_BYTES", 100)
    chunked = load(path)
    _same_dataset(whole, chunked)
    assert "LR. DUA" in " ".join(chunked.records["alamat"])
