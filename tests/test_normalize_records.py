"""normalize_records: every NORMALISED column, right dtypes, originals kept."""

import datetime as dt

import pandas as pd

from coklit.fields import FIELDS, NORMALISED
from coklit.normalize import normalize_records

DTYPES = {"tgl_lahir": "datetime64[ns]", "tgl_placeholder": "bool", "usia_norm": "Int64",
          "rt_norm": "Int64", "rw_norm": "Int64", "tps_norm": "Int64"}


def _records():
    rows = [
        {"nama": "H. MOCH. ACHMAD, S.PD", "nik": "'1671014507900003", "tanggal_lahir": "12-01-1990",
         "alamat": "JL. A. YANI LR. MASAJAYA RT 029 RW 006", "jenis_kelamin": "LAKI-LAKI",
         "status": "TMS 1", "tps": "TPS 005", "kecamatan": "IB II", "usia": "34"},
        {"nama": "Siti Aminah binti Hasan", "nik": "1.67101E+15", "rt": "3", "rw": "002",
         "keterangan": "pindah masuk", "kelurahan": "TIGA PULUH LIMA ILIR"},
        {"nama": "", "nik": ""},
    ]
    df = pd.DataFrame([{f: r.get(f, "") for f in FIELDS} for r in rows], dtype="str")
    df.insert(0, "baris", [2, 3, 4])
    df.insert(0, "berkas", "dpt.csv")
    df.insert(0, "rid", [0, 1, 2])
    df.index = [10, 11, 12]
    return df


def test_adds_every_column_with_dtypes_and_keeps_originals():
    rec = _records()
    before = rec.copy()
    out = normalize_records(rec, dt.date(2024, 11, 27))
    pd.testing.assert_frame_equal(rec, before)  # input untouched
    assert list(out.index) == list(rec.index)
    pd.testing.assert_frame_equal(out[list(rec.columns)], rec)
    for col in NORMALISED:
        assert col in out.columns, col
        expected = DTYPES.get(col, "str")
        assert str(out[col].dtype) == expected, (col, out[col].dtype)
    r0, r1 = out.loc[10], out.loc[11]
    assert (r0.nama_norm, r0.nama_gelar) == ("MUHAMMAD AHMAD", "H SPD")
    assert (r0.rt_norm, r0.rw_norm, r0.tps_norm, r0.usia_norm) == (29, 6, 5, 34)
    assert (r0.kategori, r0.kecamatan_norm, r0.jk_norm) == ("tms_1", "ILIR BARAT II", "L")
    assert (r1.nik_status, r1.rt_norm, r1.rw_norm) == ("notasi_ilmiah", 3, 2)
    assert (r1.nama_norm, r1.kategori, r1.kelurahan_norm) == ("SITI AMINAH", "pindah_masuk",
                                                               "35ILIR")
    assert out.loc[12, "kategori"] == "" and out.loc[12, "tgl_status"] == "kosong"


def test_timings_reported():
    t: dict[str, float] = {}
    normalize_records(_records(), timings=t)
    assert {"ids", "names", "dates", "addresses", "places", "status"} <= set(t)
