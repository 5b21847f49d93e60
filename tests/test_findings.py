"""Field statuses, eligibility and the rekap, on planted field records.

The list is the bundled synthetic DPT; each field record below copies a listed person (or
invents a new one) and carries one status as officers write it.
"""

from __future__ import annotations

import pandas as pd
import pytest

from coklit.config import RunConfig
from coklit.pipeline import run_check
from coklit.report.words import rendered

FIELD_COLUMNS = ["No", "KECAMATAN", "KELURAHAN", "No TPS", "No KK", "NIK", "NAMA", "TEMPAT LAHIR",
                 "TANGGAL LAHIR", "JK", "STATUS KAWIN", "ALAMAT", "RT", "RW", "STATUS"]

# (tag, list row to copy or None for a new person, status, expected outcome)
CASES = [
    ("dead", 40, "1 MENINGGAL", ("tms", "tms_1")),
    ("moved", 60, "PINDAH DOMISILI", ("tms", "tms_4")),
    ("army", 80, "TNI", ("tms", "tms_6")),
    ("police", 100, "polri", ("tms", "tms_7")),
    ("unknown", 120, "5", ("tms", "tms_5")),
    ("not_resident", 140, "BUKAN PENDUDUK", ("tms", "bukan_penduduk")),
    ("double", 160, "2 GANDA", ("tms", "tms_2")),
    ("wrong_tps", 180, "MS", ("tms", "tms_8")),
    ("fine", 200, "MS", ("cocok", "ms")),
    ("odd_status", 220, "XYZ ANEH", ("cocok", "tidak_dikenali")),
    ("turned_17", None, "BARU 17", ("belum_terdaftar", "Baru berusia 17 tahun")),
    ("moved_in", None, "PINDAH MASUK", ("belum_terdaftar", "Pindah masuk")),
    ("retired", None, "PURNAWIRAWAN TNI", ("belum_terdaftar", "Purnawirawan TNI")),
    ("married_16", None, "KAWIN DI BAWAH 17", ("belum_terdaftar", "Di bawah 17 tahun, sudah kawin")),
    ("child", None, "B", ("tidak_terdaftar_tms", "")),
    ("active_army", None, "TNI", ("tidak_terdaftar_tms", "")),
]
NEW_PEOPLE = {
    "turned_17": ("ZAKIA PUTRI MAHARANI", "10-10-2007", "P", "B"),
    "moved_in": ("BONIFASIUS HUTAGALUNG", "05-05-1980", "L", "S"),
    "retired": ("SUDARSONO WIRYOKUSUMO", "02-02-1962", "L", "S"),
    "married_16": ("NURUL KHOTIMAH AZZAHRA", "03-03-2009", "P", "S"),
    "child": ("RAFFA AKBAR PRADIPTA", "04-04-2010", "L", "B"),
    "active_army": ("YOHANES DWI SETIAWAN", "06-06-1990", "L", "S"),
}


@pytest.fixture(scope="module")
def run(samples, tmp_path_factory):
    dpt = pd.read_csv(samples / "dpt.csv", dtype=str, keep_default_na=False)
    rows = []
    for n, (tag, source, status, _) in enumerate(CASES, start=1):
        if source is None:
            nama, tgl, jk, kawin = NEW_PEOPLE[tag]
            rows.append([n, "ILIR BARAT II", "28 ILIR", "1", "", "", nama, "PALEMBANG", tgl, jk,
                         kawin, "JL. KI MAROGAN LR. SEPAT", "34", "9", status])
            continue
        r = dpt.iloc[source - 2]  # list row number -> position (header is row 1)
        tps = str(int(r["TPS"]) + (1 if tag == "wrong_tps" else 0))
        rows.append([n, r["KECAMATAN"], r["KELURAHAN"], tps, r["NKK"], r["NIK"], r["NAMA"],
                     r["TEMPAT LAHIR"], r["TANGGAL LAHIR"], r["JENIS KELAMIN"],
                     r["STATUS PERKAWINAN"], r["ALAMAT"], r["RT"], r["RW"], status])
    field = tmp_path_factory.mktemp("tanam") / "lapangan_tanam.csv"
    pd.DataFrame(rows, columns=FIELD_COLUMNS).to_csv(field, index=False)
    result = rendered(run_check([str(samples / "dpt.csv")], [str(field)], RunConfig()))
    return result, {tag: str(n + 2) for n, (tag, *_rest) in enumerate(CASES)}  # header = row 1


@pytest.mark.parametrize(("tag", "source", "status", "expected"), CASES)
def test_field_status_becomes_the_right_finding(run, tag, source, status, expected):
    result, baris = run
    outcome = result.tables["hasil_lapangan"].set_index("baris").loc[baris[tag]]
    kind, detail = expected
    if kind == "tms":
        assert outcome["hasil"] == "cocok", (tag, outcome.to_dict())
        tms = result.tables["tms"]
        row = tms[(tms["sumber"] == "lapangan") & (tms["baris"] == str(source))]
        assert list(row["kategori"]) == [detail], tag
        assert row["bukti"].iloc[0].startswith("lapangan: "), tag
    elif kind == "cocok":
        assert outcome["hasil"] == "cocok" and outcome["baris_dpt"] == str(source)
        assert outcome["kategori"] == detail
    elif kind == "belum_terdaftar":
        belum = result.tables["belum_terdaftar"].set_index("baris")
        assert outcome["hasil"] == "belum_terdaftar"
        assert belum.loc[baris[tag], "alasan_memenuhi_syarat"] == detail
    else:
        assert outcome["hasil"] == kind
        assert baris[tag] not in set(result.tables["belum_terdaftar"]["baris"])


def test_kpu_codes_are_kept_apart_from_other_categories(run):
    tms = run[0].tables["tms"]
    kpu = tms[tms["kategori"].str.startswith("tms_")]
    assert (kpu["kode_kpu"] == kpu["kategori"].str[4:]).all()
    assert (tms.loc[~tms["kategori"].str.startswith("tms_"), "kode_kpu"] == "").all()


def test_rekap_counts_the_planted_findings_in_their_kecamatan(run, samples):
    result, _ = run
    tms = result.tables["tms"]
    rekap = result.tables["rekap_kecamatan"].set_index("kecamatan")
    for kecamatan, group in tms.groupby("kecamatan"):
        assert int(rekap.loc[kecamatan, "tms"]) == len(group)
        assert int(rekap.loc[kecamatan, "tms_1"]) == int((group["kategori"] == "tms_1").sum())
    belum = result.tables["belum_terdaftar"]
    assert int(rekap.loc["ILIR BARAT II", "belum_terdaftar"]) == int(
        (belum["kecamatan"] == "ILIR BARAT II").sum())
    assert int(rekap.loc["TOTAL", "lapangan"]) == len(CASES)


def test_unrecognised_status_is_reported_not_guessed(run):
    result, baris = run
    invalid = result.tables["tidak_valid"]
    row = invalid[(invalid["berkas"] == "lapangan_tanam.csv") & (invalid["baris"] == baris["odd_status"])]
    assert list(row["masalah"]) == ["status_tidak_dikenali"]
    assert row["nilai"].iloc[0] == "XYZ ANEH" and "XYZ ANEH" in row["keterangan"].iloc[0]


def test_field_rows_without_a_place_are_counted_in_the_rekap(samples, tmp_path):
    """A worksheet with only TPS and address: linked rows count in their list row's
    kecamatan, the rest under (TANPA KECAMATAN); none is dropped."""
    dpt = pd.read_csv(samples / "dpt.csv", dtype=str, keep_default_na=False)
    people = dpt.iloc[[10, 500, 1500]]
    field = pd.DataFrame({
        "No TPS": people["TPS"], "No KK": people["NKK"], "NIK": people["NIK"],
        "NAMA": people["NAMA"], "TANGGAL LAHIR": people["TANGGAL LAHIR"],
        "JK": people["JENIS KELAMIN"], "ALAMAT": people["ALAMAT"], "STATUS": "MS",
    })
    extra = pd.DataFrame([{"No TPS": "1", "NAMA": "ORANG BARU SEKALI", "TANGGAL LAHIR": "01-02-1990",
                           "JK": "L", "STATUS": "PINDAH MASUK"}])
    path = tmp_path / "tanpa_wilayah.csv"
    pd.concat([field, extra], ignore_index=True).to_csv(path, index=False)
    result = run_check([str(samples / "dpt.csv")], [str(path)], RunConfig())
    rekap = result.tables["rekap_kecamatan"].set_index("kecamatan")
    assert int(rekap.loc["TOTAL", "lapangan"]) == 4
    for kecamatan in people["KECAMATAN"].str.upper():
        assert int(rekap.loc[kecamatan, "cocok"]) >= 1
    assert int(rekap.loc["(TANPA KECAMATAN)", "belum_terdaftar"]) == 1
