"""Schema: header spellings, header row search, title block, --kolom, rejected rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from coklit import schema
from coklit.config import ReadConfig
from coklit.errors import SchemaError
from coklit.fields import FIELDS
from coklit.report.words import render
from coklit.schema import load_dataset


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load(*paths: Path, kolom: tuple[tuple[str, str], ...] = ()):  # type: ignore[no-untyped-def]
    return load_dataset([str(p) for p in paths], "lapangan", ReadConfig(kolom=kolom))


# --------------------------------------------------------------------------------------
# Header spellings


@pytest.mark.parametrize(
    "header, field",
    [
        ("NKK", "nkk"), ("NO KK", "nkk"), ("No. KK", "nkk"), ("NOMOR KK", "nkk"),
        ("NO_KK", "nkk"), ("no kk", "nkk"),
        ("NIK", "nik"), ("NO NIK", "nik"), ("Nomor Induk Kependudukan", "nik"),
        ("NAMA", "nama"), ("Nama Lengkap", "nama"), ("NAMA PEMILIH", "nama"),
        ("nama ", "nama"), (" NAMA\n", "nama"),
        ("TEMPAT LAHIR", "tempat_lahir"), ("TMPT_LHR", "tempat_lahir"),
        ("TMP LAHIR", "tempat_lahir"), ("TEMPAT_LAHIR", "tempat_lahir"),
        ("TANGGAL LAHIR", "tanggal_lahir"), ("TGL LAHIR", "tanggal_lahir"),
        ("TGL_LHR", "tanggal_lahir"), ("Tanggal_Lahir", "tanggal_lahir"),
        ("TGL. LAHIR (DD-MM-YYYY)", "tanggal_lahir"),
        ("USIA", "usia"), ("Umur", "usia"),
        ("STATUS PERKAWINAN", "status_kawin"), ("STATUS KAWIN", "status_kawin"),
        ("STS", "status_kawin"), ("KAWIN", "status_kawin"), ("STS KAWIN", "status_kawin"),
        ("STATUS PERKAWINAN (B/S/P)", "status_kawin"),
        ("JENIS KELAMIN", "jenis_kelamin"), ("JK", "jenis_kelamin"),
        ("L/P", "jenis_kelamin"), ("KELAMIN", "jenis_kelamin"),
        ("ALAMAT", "alamat"), ("JALAN/DUKUH", "alamat"), ("ALAMAT LENGKAP", "alamat"),
        ("RT", "rt"), ("RW", "rw"), ("R.T.", "rt"),
        ("DISABILITAS", "disabilitas"), ("DIS", "disabilitas"),
        ("JENIS DISABILITAS", "disabilitas"),
        ("KTPEL", "ktp_el"), ("KTP-EL", "ktp_el"), ("KTP EL", "ktp_el"), ("KTPel", "ktp_el"),
        ("KETERANGAN", "keterangan"), ("KET", "keterangan"), ("Ket.", "keterangan"),
        ("STATUS", "status"), ("STATUS PEMILIH", "status"), ("HASIL COKLIT", "status"),
        ("TPS", "tps"), ("NO TPS", "tps"), ("No TPS", "tps"), ("NOMOR TPS", "tps"),
        ("KELURAHAN", "kelurahan"), ("DESA", "kelurahan"), ("KEL/DESA", "kelurahan"),
        ("DESA/KELURAHAN", "kelurahan"), ("KELURAHAN/DESA", "kelurahan"),
        ("KECAMATAN", "kecamatan"), ("KEC", "kecamatan"), ("Kec.", "kecamatan"),
        ("KABUPATEN", "kabupaten"), ("KOTA", "kabupaten"), ("KAB/KOTA", "kabupaten"),
        ("KABUPATEN/KOTA", "kabupaten"),
        # not fields
        ("No", None), ("NO.", None), ("DPID", None), ("SUMBER", None), ("Pekerjaan", None),
        ("", None), ("CATATAN PETUGAS", None),
    ],
)
def test_field_for_header(header: str, field: str | None) -> None:
    assert schema.field_for_header(header) == field


def test_every_field_has_aliases() -> None:
    assert set(schema.ALIASES) == set(FIELDS)


def test_desktop_tool_header_maps_everything(tmp_path: Path) -> None:
    header = ("KECAMATAN,DESA,DPID,NKK,NIK,NAMA,JK,TMPT_LHR,TGL_LHR,STS,ALAMAT,RT,RW,DIS,"
              "KTPel,SUMBER,KET,TPS")
    row = ("KEMUNING,SUNGAI PANGERAN,123,1671090101010001,1671094101900001,SITI,P,PALEMBANG,"
           "01-01-1990,S,JL. A,001,002,,S,DP4,U,7")
    ds = load(write(tmp_path, "kpu.csv", f"{header}\n{row}\n"))
    optional = {"usia", "status", "kabupaten", "provinsi", "kode_pos", "nama_depan",
                "nama_belakang", "no_rumah", "alamat_2"}
    assert set(ds.files[0].columns) == set(FIELDS) - optional
    rec = ds.records.iloc[0]
    assert (rec["kelurahan"], rec["status_kawin"], rec["ktp_el"], rec["tps"]) == (
        "SUNGAI PANGERAN", "S", "S", "7")


# --------------------------------------------------------------------------------------
# Header row and title block


@pytest.mark.parametrize(
    "rows, index",
    [
        ([["NIK", "NAMA"]], 0),
        ([["DAFTAR PEMILIH"], ["KECAMATAN : X"], [], ["NO", "NIK", "NAMA", "ALAMAT"]], 3),
        # a title row with two labels is not a header
        ([["KECAMATAN :", "X", "KELURAHAN :", "Y", "TPS :", "1"], ["NAMA", "NIK"]], 1),
        ([["KECAMATAN", ": X", "TPS", ": 1", "KELURAHAN", ": Y"], ["NAMA", "JK"]], 1),
        # three known fields without nama is still a header (nama missing is reported later)
        ([["NIK", "NKK", "ALAMAT"]], 0),
        # one known field is not enough, except a plain one-column list of names
        ([["NAMA"], ["SITI"]], 0),
        ([["NAMA"], ["SITI", "X"]], None),
        ([["NIK", "ALAMAT"]], None),
    ],
)
def test_find_header(rows: list[list[str]], index: int | None) -> None:
    assert schema.find_header(rows) == index


def test_find_header_respects_search_rows() -> None:
    rows = [["judul"]] * 5 + [["NIK", "NAMA"]]
    assert schema.find_header(rows, search_rows=5) is None
    assert schema.find_header(rows, search_rows=6) == 5


@pytest.mark.parametrize(
    "rows, expected",
    [
        ([["KECAMATAN : ILIR BARAT I"]], {"kecamatan": "ILIR BARAT I"}),
        ([["KECAMATAN", ": ILIR BARAT I"]], {"kecamatan": "ILIR BARAT I"}),
        ([["KECAMATAN :", "ILIR BARAT I"]], {"kecamatan": "ILIR BARAT I"}),
        ([["KECAMATAN", ":", "ILIR BARAT I"]], {"kecamatan": "ILIR BARAT I"}),
        ([["PROVINSI : SUMATERA SELATAN"], ["KABUPATEN/KOTA : KOTA PALEMBANG"],
          ["KELURAHAN : 26 ILIR"], ["TPS : 005"]],
         {"kabupaten": "KOTA PALEMBANG", "kelurahan": "26 ILIR", "tps": "005"}),
        ([["KEL/DESA", ": 9/10 ULU", "", "TPS", ": 12"]], {"kelurahan": "9/10 ULU", "tps": "12"}),
        ([["DAFTAR PEMILIH TETAP"], ["Dicetak: 2024-07-01"]], {}),
        ([["KECAMATAN :", ""]], {}),
    ],
)
def test_parse_title_block(rows: list[list[str]], expected: dict[str, str]) -> None:
    found = schema.parse_title_block(rows)
    assert {f: v for f, (_, v) in found.items()} == expected


def test_title_fills_blank_cells_only(tmp_path: Path) -> None:
    text = "KECAMATAN : KEMUNING\nTPS : 003\nNAMA,KECAMATAN,JK\nA,,L\nB,ILIR TIMUR II,P\n"
    rec = load(write(tmp_path, "t.csv", text)).records
    assert rec["kecamatan"].tolist() == ["KEMUNING", "ILIR TIMUR II"]
    assert rec["tps"].tolist() == ["003", "003"]
    assert rec["baris"].tolist() == [4, 5]


# --------------------------------------------------------------------------------------
# --kolom and conflicts


def test_kolom_overrides_alias(tmp_path: Path) -> None:
    text = "NM PEMILIH,NIK,ALAMAT,KETERANGAN\nSITI,1,JL. A,RUMAH BIRU\n"
    path = write(tmp_path, "k.csv", text)
    ds = load(path, kolom=(("nama", "nm pemilih"), ("alamat", "Keterangan")))
    rec = ds.records.iloc[0]
    assert (rec["nama"], rec["alamat"], rec["keterangan"]) == ("SITI", "RUMAH BIRU", "")
    assert ds.files[0].columns["nama"] == "NM PEMILIH"


def test_kolom_applies_only_where_header_exists(tmp_path: Path) -> None:
    a = write(tmp_path, "a.csv", "NM PEMILIH,NIK\nSITI,1\n")
    b = write(tmp_path, "b.csv", "NAMA,NIK\nAHMAD,2\n")
    ds = load(a, b, kolom=(("nama", "NM PEMILIH"),))
    assert ds.records["nama"].tolist() == ["SITI", "AHMAD"]


def test_conflict_needs_a_choice(tmp_path: Path) -> None:
    path = write(tmp_path, "c.csv", "NAMA,KELURAHAN,DESA,TPS,NO TPS\nSITI,26 ILIR,X,1,1\n")
    with pytest.raises(SchemaError) as err:
        load(path)
    assert err.value.key == "schema.conflict"
    msg = err.value.message()
    assert "c.csv" in msg and "KELURAHAN" in msg and "DESA" in msg and "NO TPS" in msg
    assert "--kolom" in msg
    ds = load(path, kolom=(("kelurahan", "DESA"), ("tps", "NO TPS")))
    assert ds.records.iloc[0]["kelurahan"] == "X"


def test_same_header_twice_takes_first(tmp_path: Path) -> None:
    rec = load(write(tmp_path, "d.csv", "NAMA,NIK,NIK\nSITI,1,2\n")).records
    assert rec.iloc[0]["nik"] == "1"


def test_kolom_twice_different_headers(tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", "NAMA,NIK\nSITI,1\n")
    with pytest.raises(SchemaError) as err:
        load(path, kolom=(("nama", "NAMA"), ("nama", "NAMA LENGKAP")))
    assert err.value.key == "schema.kolom_twice"
    assert "NAMA LENGKAP" in err.value.message("en")
    load(path, kolom=(("nama", "NAMA"), ("nama", "nama")))  # same header twice is fine


def test_kolom_header_absent_everywhere(tmp_path: Path) -> None:
    path = write(tmp_path, "a.csv", "NAMA,NIK\nSITI,1\n")
    with pytest.raises(SchemaError) as err:
        load(path, kolom=(("alamat", "JALAN RUMAH"),))
    assert err.value.key == "schema.kolom_not_found"
    assert "JALAN RUMAH" in err.value.message() and '"NIK"' in err.value.message()


def test_missing_nama_lists_candidates(tmp_path: Path) -> None:
    path = write(tmp_path, "tanpa_nama.csv", "NIK,NM PEMILIH,ALAMAT,JK\n1,SITI,JL. A,P\n")
    with pytest.raises(SchemaError) as err:
        load(path)
    assert err.value.key == "schema.missing_required"
    for lang in ("id", "en"):
        msg = err.value.message(lang)
        assert "tanpa_nama.csv" in msg
        assert '"NIK", "NM PEMILIH", "ALAMAT", "JK"' in msg  # headers found
        assert '--kolom nama="NM PEMILIH"' in msg  # best candidate as the example
    assert "nama" in err.value.values["fields"]


def test_missing_nama_in_headerless_csv(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "KODE,NAMA_WARGA_LENGKAP,X\n1,SITI,2\n")
    with pytest.raises(SchemaError) as err:
        load(path)
    assert "NAMA_WARGA_LENGKAP" in err.value.values["candidates"]


# --------------------------------------------------------------------------------------
# Rejected rows


def test_rejected_rows_and_accounting(tmp_path: Path) -> None:
    text = (
        "No,NIK,NAMA,ALAMAT\n"
        "1,1671,SITI,JL. A\n"
        "2,1672,,JL. B\n"            # nama kosong
        "3,1673,-,JL. C\n"           # no letters
        "No,NIK,NAMA,ALAMAT\n"       # repeated header
        "KECAMATAN : KEMUNING,,,\n"  # title line in the middle
        ",,,\n"                      # blank: not a record
        "4,1674,AHMAD,JL. D\n"
        "5,1675,Nama Lengkap,JL. E\n"  # a header spelling in the name column alone is a name
    )
    ds = load(write(tmp_path, "r.csv", text))
    assert ds.records["nama"].tolist() == ["SITI", "AHMAD", "Nama Lengkap"]
    assert ds.records["baris"].tolist() == [2, 8, 9]
    rej = ds.rejected
    assert rej["baris"].tolist() == [3, 4, 5, 6]
    assert rej["masalah"].tolist() == ["nama_kosong", "nama_tanpa_huruf", "judul_berulang",
                                       "baris_judul"]
    words = render(rej["keterangan"], "id")
    assert words.str.len().gt(10).all()
    assert "'-'" in words.iloc[1]
    info = ds.files[0]
    assert (info.rows_read, info.rows_used, info.rows_rejected, info.rows_blank) == (7, 3, 4, 1)
    assert ds.rows_read == len(ds.records) + len(rej)


def test_repeated_header_with_other_spelling(tmp_path: Path) -> None:
    text = "NIK,NAMA,TPS\n1,SITI,1\nNO NIK,NAMA PEMILIH,NO TPS\n2,AHMAD,2\n"
    ds = load(write(tmp_path, "g.csv", text))
    assert ds.rejected["masalah"].tolist() == ["judul_berulang"]
    assert ds.records["nama"].tolist() == ["SITI", "AHMAD"]


def test_no_column_is_ignored_and_types(tmp_path: Path) -> None:
    ds = load(write(tmp_path, "n.csv", "NO.,NAMA,NIK\n1,SITI,1671\n"))
    assert "No" not in ds.files[0].columns.values()
    assert list(ds.records.columns) == ["rid", "berkas", "baris", *FIELDS]
    assert str(ds.records["rid"].dtype) == "int64" and str(ds.records["baris"].dtype) == "int64"
    assert list(ds.rejected.columns) == ["berkas", "baris", "masalah", "keterangan"]


def test_header_only_file_gives_no_records(tmp_path: Path) -> None:
    ds = load(write(tmp_path, "h.csv", "NIK,NAMA\n"))
    assert len(ds.records) == 0 and ds.files[0].rows_read == 0
    assert list(ds.records.columns) == ["rid", "berkas", "baris", *FIELDS]
