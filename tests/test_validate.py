"""Tests for coklit.validate. Inputs are built directly as normalised frames (the columns
normalize_records would add), so these tests do not depend on the normaliser."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from coklit import birthdate
from coklit import validate as v
from coklit.config import ValidateConfig
from coklit.fields import FIELDS, NORMALISED
from coklit.report.words import problem_label, render
from coklit.results import BASE_COLUMNS

CFG = ValidateConfig()  # election day 2024-11-27

BASE = {
    # raw fields
    "nkk": "1671010101100005", "nik": "1671011203900001", "nama": "BUDI SANTOSO",
    "tempat_lahir": "PALEMBANG", "tanggal_lahir": "12-03-1990", "usia": "34",
    "status_kawin": "S", "jenis_kelamin": "L", "alamat": "JL. A. YANI LR. MASAJAYA",
    "rt": "029", "rw": "006", "disabilitas": "", "ktp_el": "S", "keterangan": "", "status": "",
    "tps": "001", "kelurahan": "35 ILIR", "kecamatan": "ILIR BARAT II", "kabupaten": "PALEMBANG",
    "provinsi": "", "kode_pos": "", "nama_depan": "", "nama_belakang": "", "no_rumah": "",
    "alamat_2": "",
    # normalised
    "nik_norm": "1671011203900001", "nik_status": "ok",
    "nkk_norm": "1671010101100005", "nkk_status": "ok",
    "nama_norm": "BUDI SANTOSO", "nama_key": "BT SNTS", "nama_gelar": "",
    "tgl_lahir": "1990-03-12", "tgl_status": "ok", "tgl_placeholder": False,
    "usia_norm": 34, "jk_norm": "L", "kawin_norm": "S",
    "alamat_norm": "JL A YANI LR MASAJAYA", "rt_norm": 29, "rw_norm": 6,
    "tempat_norm": "PALEMBANG", "kelurahan_norm": "35 ILIR", "kecamatan_norm": "ILIR BARAT II",
    "kabupaten_norm": "PALEMBANG", "kodepos_norm": "", "tps_norm": 1, "kategori": "",
}
assert set(FIELDS) | set(NORMALISED) <= set(BASE)


def frame(rows: list[dict], berkas: str = "dpt.csv") -> pd.DataFrame:
    """Normalised records: BASE overridden by each dict (which may set its own berkas)."""
    data = []
    for i, row in enumerate(rows):
        record = {"rid": i, "berkas": berkas, "baris": i + 2, **BASE, **row}
        data.append(record)
    df = pd.DataFrame(data)
    df["rid"] = df["rid"].astype("int64")
    df["baris"] = df["baris"].astype("int64")
    df["tgl_lahir"] = pd.to_datetime(df["tgl_lahir"]).astype("datetime64[ns]")
    for column in ("usia_norm", "rt_norm", "rw_norm", "tps_norm"):
        df[column] = df[column].astype("Int64")
    df["tgl_placeholder"] = df["tgl_placeholder"].astype(bool)
    return df


def nik(value: str, status: str = "ok", norm: str | None = None) -> dict:
    if norm is None:
        norm = value if status in ("ok", "tersamar") else ""
    return {"nik": value, "nik_norm": norm, "nik_status": status}


def nkk(value: str, status: str = "ok") -> dict:
    return {"nkk": value, "nkk_norm": value if status in ("ok", "tersamar") else "",
            "nkk_status": status}


def birth(raw: str, parsed: str | None, status: str = "ok", usia: int | None = None) -> dict:
    return {"tanggal_lahir": raw, "tgl_lahir": parsed, "tgl_status": status,
            "usia": "" if usia is None else str(usia), "usia_norm": usia}


# (case id, overrides of BASE, role, expected {(kolom, masalah)}, why)
CASES = [
    ("nik_kosong", nik("", "kosong"), "dpt", {("nik", "nik_kosong")},
     "a listed voter must have a NIK"),
    ("nik_panjang_salah", nik("167101120390001", "panjang_salah"), "dpt",
     {("nik", "nik_panjang_salah")}, "15 digits"),
    ("nik_bukan_angka", nik("16710112039O0001", "bukan_angka"), "dpt",
     {("nik", "nik_bukan_angka")}, "letter O for zero"),
    ("nik_notasi_ilmiah", nik("1.67101E+15", "notasi_ilmiah"), "dpt",
     {("nik", "nik_notasi_ilmiah")}, "Excel showed the number in scientific notation"),
    ("nik_wilayah_tidak_dikenal", nik("9999991203900001"), "dpt",
     {("nik", "nik_wilayah_tidak_dikenal")}, "999999 is no kecamatan"),
    ("nik_tanggal_mustahil_hari", nik("1671013503900001"), "dpt",
     {("nik", "nik_tanggal_mustahil")}, "day 35: neither 1-31 nor 41-71"),
    ("nik_tanggal_mustahil_bulan", nik("1671011213900001"), "dpt",
     {("nik", "nik_tanggal_mustahil")}, "month 13"),
    ("nik_tanggal_mustahil_30feb", nik("1671013002900001"), "dpt",
     {("nik", "nik_tanggal_mustahil")}, "30 February"),
    ("nik_tanggal_mustahil_29feb", nik("1671012902900001"), "dpt",
     {("nik", "nik_tanggal_mustahil")}, "29 February 1990 is not a leap day"),
    ("nik_tanggal_mustahil_perempuan", nik("1671017203900001"), "dpt",
     {("nik", "nik_tanggal_mustahil")}, "day 72 = 32 + 40"),
    ("nik_tanggal_beda", nik("1671011204900001"), "dpt", {("nik", "nik_tanggal_beda")},
     "NIK says April, the birth date says March"),
    ("nik_jk_beda", nik("1671015203900001"), "dpt", {("nik", "nik_jk_beda")},
     "day 52 marks a woman, jenis kelamin says L"),
    ("nkk_kosong", nkk("", "kosong"), "dpt", {("nkk", "nkk_kosong")}, "NKK empty"),
    ("nkk_panjang_salah", nkk("16710101011000", "panjang_salah"), "dpt",
     {("nkk", "nkk_panjang_salah")}, "14 digits"),
    ("nkk_bukan_angka", nkk("1671010101100O05", "bukan_angka"), "dpt",
     {("nkk", "nkk_bukan_angka")}, "letter O"),
    ("nkk_notasi_ilmiah", nkk("1.67101E+15", "notasi_ilmiah"), "dpt",
     {("nkk", "nkk_notasi_ilmiah")}, "scientific notation"),
    ("nkk_wilayah_tidak_dikenal", nkk("0000000101100005"), "dpt",
     {("nkk", "nkk_wilayah_tidak_dikenal")}, "region 000000; NKK has no birth-date part"),
    ("tanggal_lahir_kosong", birth("", None, "kosong", usia=34), "dpt",
     {("tanggal_lahir", "tanggal_lahir_kosong")}, "no birth date"),
    ("tanggal_lahir_tidak_valid", birth("31-02-1990", None, "tidak_valid", usia=34), "dpt",
     {("tanggal_lahir", "tanggal_lahir_tidak_valid")}, "31 February"),
    ("tanggal_lahir_masa_depan", birth("01-01-2030", "2030-01-01", usia=34), "dpt",
     {("tanggal_lahir", "tanggal_lahir_tidak_valid")}, "born after election day"),
    ("usia_tidak_wajar", {**birth("12-03-1900", "1900-03-12", usia=34),
                          **nik("1671011203000001")}, "dpt",
     {("tanggal_lahir", "usia_tidak_wajar")}, "124 years old on election day"),
    ("usia_tidak_wajar_kolom_usia", birth("", None, "kosong", usia=150), "lapangan",
     {("usia", "usia_tidak_wajar")}, "USIA 150 and no birth date"),
    ("usia_beda", birth("12-03-1990", "1990-03-12", usia=40), "dpt", {("usia", "usia_beda")},
     "USIA 40 but 34 by the birth date"),
    ("di_bawah_umur", {**birth("01-05-2010", "2010-05-01", usia=14),
                       **nik("1671010105100001"), "kawin_norm": "B", "status_kawin": "B"},
     "dpt", {("tanggal_lahir", "di_bawah_umur")}, "14 and never married"),
    ("jk_tidak_valid", {"jenis_kelamin": "X", "jk_norm": ""}, "dpt",
     {("jenis_kelamin", "jk_tidak_valid")}, "X is neither L nor P"),
    ("status_kawin_tidak_valid", {"status_kawin": "Z", "kawin_norm": ""}, "dpt",
     {("status_kawin", "status_kawin_tidak_valid")}, "Z is not B/S/P"),
    ("nama_angka", {"nama": "BUDI 2"}, "dpt", {("nama", "nama_tidak_wajar")}, "digit in name"),
    ("nama_satu_huruf", {"nama": "A."}, "dpt", {("nama", "nama_tidak_wajar")}, "one letter"),
    ("rt_tidak_valid", {"rt": "ABC", "rt_norm": None}, "dpt", {("rt", "rt_rw_tidak_valid")},
     "RT is not a number"),
    ("rw_tidak_valid", {"rw": "X1"}, "dpt", {("rw", "rt_rw_tidak_valid")},
     "RW is not a number"),
    # Field records: missing values are normal, malformed ones are still reported.
    ("lapangan_tanpa_nik_tanggal", {**nik("", "kosong"), **nkk("", "kosong"),
                                    **birth("", None, "kosong")}, "lapangan", set(),
     "field records often have no NIK or birth date"),
    ("lapangan_nik_rusak", nik("1.67101E+15", "notasi_ilmiah"), "lapangan",
     {("nik", "nik_notasi_ilmiah")}, "malformed is malformed in any role"),
    # Negative cases.
    ("baik", {}, "dpt", set(), "the base record is clean"),
    ("nik_tersamar", {**nik("167101**********", "tersamar"), **nkk("167101**********",
                                                                    "tersamar")},
     "dpt", set(), "a masked NIK is not an error"),
    ("nik_tersamar_penuh", nik("************0001", "tersamar"), "dpt", set(),
     "masked region and date: nothing to check"),
    ("nik_tersamar_6_digit", nik("1671011204******", "tersamar"), "dpt", set(),
     "last 6 masked: the year is hidden, the date part is not judged"),
    ("nik_tersamar_tanggal_terlihat", nik("167101120390****", "tersamar"), "dpt", set(),
     "last 4 masked, visible digits agree"),
    ("nik_tersamar_tanggal_beda", nik("167101120490****", "tersamar"), "dpt",
     {("nik", "nik_tanggal_beda")}, "last 4 masked, visible date digits still disagree"),
    ("perempuan_sah", {**nik("1671015203900001"), "jenis_kelamin": "P", "jk_norm": "P"},
     "dpt", set(), "day 52 = 12 + 40 and jenis kelamin P"),
    ("perempuan_29feb_kabisat", {**nik("1671016902920001"), "jenis_kelamin": "P",
                                 "jk_norm": "P",
                                 **birth("29-02-1992", "1992-02-29", usia=32)},
     "dpt", set(), "29 Feb 1992 (+40) is real"),
    ("placeholder_tanggal_nik_asli", {**birth("01-07-1990", "1990-07-01", usia=34),
                                      "tgl_placeholder": True},
     "dpt", set(), "1 July recorded as unknown; NIK carries the real 12 March, same year"),
    ("placeholder_nik_tanggal_asli", nik("1671013112900001"), "dpt", set(),
     "NIK holds 31 Dec placeholder, birth date column the real date, same year"),
    ("placeholder_keduanya", {**nik("1671010107900001"),
                              **birth("01-07-1990", "1990-07-01", usia=34)},
     "dpt", set(), "placeholder recorded in both"),
    ("placeholder_tahun_beda", {**nik("1671010107850001"),
                                **birth("01-07-1990", "1990-07-01", usia=34)},
     "dpt", {("nik", "nik_tanggal_beda")}, "placeholder but the year disagrees"),
    ("hari_15_bulan_sama", nik("1671011503900001"), "dpt", set(),
     "day 15 when only the month was known"),
    ("usia_selisih_satu", birth("12-03-1990", "1990-03-12", usia=33), "dpt", set(),
     "USIA computed at another reference date: +-1 allowed"),
    ("kawin_16_tahun", {**birth("01-01-2008", "2008-01-01", usia=16), **nik("1671010101080001"),
                        "kawin_norm": "S"}, "dpt", set(), "married at 16 is eligible"),
    ("pernah_kawin_16_tahun", {**birth("01-01-2008", "2008-01-01", usia=16),
                               **nik("1671010101080001"), "kawin_norm": "P"}, "dpt", set(),
     "previously married at 16 is eligible"),
    ("tepat_17", {**birth("27-11-2007", "2007-11-27", usia=17), **nik("1671012711070001"),
                  "kawin_norm": "B"}, "dpt", set(), "17 exactly on election day"),
    ("kurang_sehari", {**birth("28-11-2007", "2007-11-28", usia=17),
                       **nik("1671012811070001"), "kawin_norm": "B"},
     "dpt", {("tanggal_lahir", "di_bawah_umur")}, "turns 17 the day after election day"),
    ("lapangan_di_bawah_umur", {**birth("01-05-2010", "2010-05-01", usia=14),
                                **nik("1671010105100001"), "kawin_norm": "B"}, "lapangan",
     set(), "under age is a list finding, not a field-record problem"),
    ("rt_bentuk_lain", {"rt": "RT 29", "rw": "6"}, "dpt", set(), "RT 29 and 6 are fine"),
    ("rt_strip", {"rt": "-", "rw": ""}, "dpt", set(), "'-' means empty"),
    ("nama_satu_kata", {"nama": "SUMIATI"}, "dpt", set(), "single-word names exist"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_planted_case(case):
    _, overrides, role, expected, why = case
    records = frame([{}, overrides])  # a clean neighbour in the same file
    result = v.validate(records, CFG, role=role)
    assert set(result["rid"]) <= {1}, why
    found = set(zip(result["kolom"], result["masalah"], strict=True))
    assert found == expected, why
    for code in result["masalah"]:
        assert code in v.CODES


def test_every_code_is_planted():
    planted = {code for case in CASES for _, code in case[3]}
    planted |= {"nik_rusak_excel", "nkk_rusak_excel"}  # file-level, tested below
    assert planted == set(v.CODES)


def test_output_columns_types_and_raw_value():
    records = frame([nik("1.67101E+15", "notasi_ilmiah"), {"nama": "A", "rt": "X"}])
    result = v.validate(records, CFG)
    # the stage's own columns: the output adds the finding id and review columns later
    assert list(result.columns) == BASE_COLUMNS["tidak_valid"] + ["rid"]
    assert result["rid"].dtype == "int64"
    assert result["baris"].tolist() == [2, 3, 3]
    row = result.iloc[0]
    assert (row["masalah"], row["nilai"]) == ("nik_notasi_ilmiah", "1.67101E+15")
    assert row["kecamatan"] == "ILIR BARAT II" and row["tps"] == "001"
    # several problems on one record, in CODES order
    assert result["masalah"].tolist()[1:] == ["nama_tidak_wajar", "rt_rw_tidak_valid"]


def test_sorted_by_file_and_row():
    a = frame([{"nama": "X1"}, {"nama": "Y2"}], berkas="b.csv")
    b = frame([{"nama": "Z3"}], berkas="a.csv")
    records = pd.concat([a, b], ignore_index=True)
    records["rid"] = np.arange(len(records))
    result = v.validate(records, CFG)
    assert list(zip(result["berkas"], result["baris"], strict=True)) == [
        ("a.csv", 2), ("b.csv", 2), ("b.csv", 3)]


def test_input_variants_give_the_same_result():
    records = frame([{}, nik("1671011204900001"), {"nama": "A", "rt": "x"},
                     nik("1.6E+15", "notasi_ilmiah")])
    expected = v.validate(records, CFG)
    assert len(expected) == 4
    as_object = records.copy()
    for column in as_object.columns:
        if as_object[column].dtype == "str":
            as_object[column] = as_object[column].astype(object)
    pd.testing.assert_frame_equal(v.validate(as_object, CFG), expected)
    shuffled_index = records.set_axis([10, 5, 7, 1])
    pd.testing.assert_frame_equal(v.validate(shuffled_index, CFG), expected)
    # nik_norm not 16 characters (outside the contract): slower path, same answer
    odd = records.copy()
    odd.loc[0, "nik_norm"] = "167101"
    assert "nik_tanggal_beda" in set(v.validate(odd, CFG)["masalah"])
    assert v.validate(records.iloc[:0], CFG).empty


def test_empty_result_has_columns():
    result = v.validate(frame([{}, {}]), CFG)
    assert result.empty
    # the stage's own columns: the output adds the finding id and review columns later
    assert list(result.columns) == BASE_COLUMNS["tidak_valid"] + ["rid"]


def test_missing_column_in_whole_file_is_not_reported_per_row():
    rows = [{**nik("", "kosong"), **birth("", None, "kosong")}] * 3
    result = v.validate(frame(rows), CFG)
    assert result.empty


def test_keterangan_language():
    records = frame([{}, {"jenis_kelamin": "X", "jk_norm": ""},
                     nik("1671015203900001"), birth("12-03-1990", "1990-03-12", usia=40)])
    coded = v.validate(records, CFG).set_index("masalah")["keterangan"]  # no language here
    en, id_ = render(coded, "en"), render(coded, "id")
    assert en["jk_tidak_valid"] == "Sex must be L (male) or P (female)."
    assert "female" in en["nik_jk_beda"] and "perempuan" in id_["nik_jk_beda"]
    assert "USIA column says 40" in en["usia_beda"] and "34" in en["usia_beda"]
    assert "USIA tertulis 40" in id_["usia_beda"]


def test_keterangan_never_contains_nik_or_birth_date():
    records = frame([{}, nik("1671011204900001"), birth("12-03-1990", "1990-03-12", usia=40)])
    result = v.validate(records, CFG)
    for text in render(result["keterangan"], "id"):
        assert "1671011" not in text and "12-03-1990" not in text and "1990" not in text


def _excel_file(name: str, niks: list[str]) -> list[dict]:
    return [{**nik(n), "berkas": name} for n in niks]


def test_excel_damage_detected_per_file():
    serial = [f"16710112039{i:05d}" for i in range(1, 101)]
    damaged = [s[:-1] + "0" if i < 90 else s for i, s in enumerate(serial)]
    assert sum(s.endswith("0") for s in damaged) >= 90
    normal = [f"16710112039{i:05d}" for i in range(101, 201)]  # 10 of 100 end in 0
    records = frame(_excel_file("rusak.xlsx", damaged) + _excel_file("baik.csv", normal))
    result = v.validate(records, CFG)
    flagged = result[result["masalah"] == "nik_rusak_excel"]
    assert set(flagged["berkas"]) == {"rusak.xlsx"}
    assert len(flagged) == sum(s.endswith("0") for s in damaged)
    assert flagged["nilai"].str.endswith("0").all()
    zeros = sum(s.endswith("0") for s in damaged)
    assert f"{zeros} dari 100 NIK" in render(flagged["keterangan"], "id").iloc[0]
    assert "15" in render(flagged["keterangan"], "id").iloc[0]
    assert set(result["masalah"]) == {"nik_rusak_excel"}


def test_excel_damage_nkk_and_small_files():
    damaged = [f"16710101011{i:04d}0" for i in range(30)]
    records = frame([{**nkk(n)} for n in damaged])
    result = v.validate(records, CFG)
    assert set(result["masalah"]) == {"nkk_rusak_excel"} and len(result) == 30
    few = frame([{**nkk(n)} for n in damaged[: CFG.excel_zero_min_rows - 1]])
    assert v.validate(few, CFG).empty


def test_under_age_function():
    records = frame([
        birth("27-11-2007", "2007-11-27"),
        birth("28-11-2007", "2007-11-28"),
        {**birth("28-11-2007", "2007-11-28"), "kawin_norm": "S"},
        {**birth("01-01-2012", "2012-01-01"), "kawin_norm": ""},
        birth("", None, "kosong"),
        birth("01-01-2030", "2030-01-01"),
    ])
    records["kawin_norm"] = ["B", "B", "S", "", "B", "B"]
    records.index = [5, 6, 7, 8, 9, 10]
    result = v.under_age(records, CFG)
    assert result.dtype == bool and list(result.index) == [5, 6, 7, 8, 9, 10]
    assert result.tolist() == [False, True, False, True, False, False]
    later = ValidateConfig(election_date=dt.date(2028, 6, 1))
    assert v.under_age(records, later).tolist() == [False, False, False, True, False, False]


def test_age_at():
    dates = pd.Series(pd.to_datetime(["2000-02-29", "2000-11-27", "2000-11-28", None]))
    ages = birthdate.ages(dates, dt.date(2024, 11, 27))
    assert ages.tolist()[:3] == [24, 24, 23] and ages.isna().tolist()[3]
    assert birthdate.ages(dates[:1], dt.date(2025, 2, 28)).tolist() == [24]
    assert birthdate.ages(dates[:1], dt.date(2025, 3, 1)).tolist() == [25]


def test_problem_labels():
    assert problem_label("nik_rusak_excel").startswith("NIK")
    assert problem_label("di_bawah_umur", "en") == "Under age"


def test_bad_role():
    with pytest.raises(ValueError):
        v.validate(frame([{}]), CFG, role="dps")
