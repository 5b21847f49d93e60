"""Splink baseline for the coklit benchmark: the same tasks on the same files.

    python benchmarks/splink_runner.py DPT.csv LAPANGAN.csv --out DIR [--threshold 0.9]

Set up the way Splink's tutorials teach (Splink 4/5, DuckDB backend):

* read the CSVs as text; light cleaning in pandas (upper-case names without punctuation,
  first/last name token, birth dates parsed from several formats incl. Indonesian month names
  and Excel serials, digits-only 16-digit NIK with NULL for masked/missing/damaged values,
  sex L/P, kelurahan upper-case alphanumerics as the postcode-equivalent);
* one model for ``dedupe_only`` on the list and one for ``link_only`` list <-> field records,
  with the same comparisons and blocking rules (see ``settings``);
* ``estimate_probability_two_random_records_match`` with deterministic rules,
  ``estimate_u_using_random_sampling``, two EM sessions, ``predict`` at the threshold,
  ``cluster_pairwise_predictions_at_threshold`` for duplicate groups;
* links: the best candidate per field record at or above the threshold;
* belum terdaftar: field records without a link whose status is not an ineligible one;
* TMS: linked list rows whose field status is a TMS category.

Writes coklit-shaped CSVs into ``--out`` (ganda.csv, cocok.csv, belum_terdaftar.csv, tms.csv)
so ``benchmarks/scoring.py`` scores both tools the same way, plus ``splink_info.json``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import re
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

# --- reading ------------------------------------------------------------------------------

# Header aliases (upper case, letters/digits only) -> field.
ALIASES: dict[str, tuple[str, ...]] = {
    "nkk": ("NKK", "NOKK", "NOMORKK", "NOMORKARTUKELUARGA"),
    "nik": ("NIK", "NOINDUKKEPENDUDUKAN", "NOMORINDUKKEPENDUDUKAN", "NOKTP", "NIKKTP"),
    "nama": ("NAMA", "NAMALENGKAP", "NAMAPEMILIH"),
    "tempat_lahir": ("TEMPATLAHIR", "TMPTLHR", "TEMPATLHR", "TMPLAHIR", "TMPTLAHIR"),
    "tanggal_lahir": ("TANGGALLAHIR", "TGLLHR", "TGLLAHIR", "TANGGALLHR", "TTL"),
    "jenis_kelamin": ("JENISKELAMIN", "JK", "LP", "KELAMIN", "SEX"),
    "alamat": ("ALAMAT", "ALAMATLENGKAP"),
    "rt": ("RT",),
    "rw": ("RW",),
    "tps": ("TPS", "NOTPS", "NOMORTPS"),
    "kelurahan": ("KELURAHAN", "DESA", "KELURAHANDESA", "DESAKELURAHAN", "KEL", "KELDESA"),
    "kecamatan": ("KECAMATAN", "KEC"),
    "status": ("STATUS", "HASIL", "HASILCOKLIT", "STATUSPEMILIH", "TMS", "KODETMS"),
    "keterangan": ("KETERANGAN", "KET"),
}
_ALIAS_TO_FIELD = {a: f for f, aliases in ALIASES.items() for a in aliases}


def _key(text: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", str(text).upper())


def _sniff(path: Path) -> tuple[str, str, list[list[str]]]:
    raw = path.read_bytes()[:262144]
    for enc in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    lines = text.splitlines()[:40]
    counts = {d: sum(line.count(d) for line in lines) for d in (",", ";", "\t", "|")}
    delim = max(counts, key=counts.get)
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delim))
    return enc, delim, rows


def read_records(path: str | Path) -> pd.DataFrame:
    """One CSV -> frame with ``baris`` (spreadsheet row) and the fields above as text."""
    path = Path(path)
    enc, delim, head = _sniff(path)
    best, header_idx = 0, 0
    for i, row in enumerate(head[:30]):
        hits = len({_ALIAS_TO_FIELD[_key(c)] for c in row if _key(c) in _ALIAS_TO_FIELD})
        if hits > best:
            best, header_idx = hits, i
    # Title block above the header ("KECAMATAN : X") fills fields the table lacks.
    title: dict[str, str] = {}
    for row in head[:header_idx]:
        cells = [c for c in row if c.strip()]
        line = " ".join(cells)
        m = re.match(r"\s*([A-Za-z /]+?)\s*:\s*(.+)$", line)
        if m and _key(m.group(1)) in _ALIAS_TO_FIELD:
            title[_ALIAS_TO_FIELD[_key(m.group(1))]] = m.group(2).strip()
    df = pd.read_csv(path, dtype=str, keep_default_na=False, sep=delim, encoding=enc,
                     skiprows=header_idx, header=0, skip_blank_lines=False)
    df["baris"] = np.arange(len(df), dtype=np.int64) + header_idx + 2
    out = pd.DataFrame({"baris": df["baris"]})
    for col in df.columns:
        field = _ALIAS_TO_FIELD.get(_key(col))
        if field and field not in out.columns:
            out[field] = df[col].astype(str)
    for field in ALIASES:
        if field not in out.columns:
            out[field] = title.get(field, "")
    blank = (df.drop(columns="baris").apply(lambda s: s.str.strip()) == "").all(axis=1)
    out = out[~blank.to_numpy()]
    out = out[out["nama"].str.strip() != ""]
    return out.reset_index(drop=True)


# --- light cleaning -----------------------------------------------------------------------

_MONTHS = {
    "JANUARI": 1, "JAN": 1, "FEBRUARI": 2, "FEB": 2, "PEBRUARI": 2, "MARET": 3, "MAR": 3,
    "APRIL": 4, "APR": 4, "MEI": 5, "MAY": 5, "JUNI": 6, "JUN": 6, "JULI": 7, "JUL": 7,
    "AGUSTUS": 8, "AGT": 8, "AGU": 8, "AUG": 8, "AGS": 8, "SEPTEMBER": 9, "SEP": 9, "SEPT": 9,
    "OKTOBER": 10, "OKT": 10, "OCT": 10, "NOVEMBER": 11, "NOV": 11, "NOPEMBER": 11,
    "DESEMBER": 12, "DES": 12, "DEC": 12,
}
_MONTH_RE = re.compile(r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b")


def parse_dates(values: pd.Series) -> pd.Series:
    """Text dates in the usual formats -> datetime64 (NaT when unparseable)."""
    s = values.astype(str).str.strip().str.upper()
    s = s.str.replace(_MONTH_RE, lambda m: f"-{_MONTHS[m.group(1)]}-", regex=True)
    s = s.str.replace(r"\s*[-/.]\s*|\s+", "-", regex=True).str.strip("-")
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]")
    for fmt in ("%d-%m-%Y", "%Y-%m-%d", "%m-%d-%Y"):
        todo = out.isna()
        if not todo.any():
            break
        out[todo] = pd.to_datetime(s[todo], format=fmt, errors="coerce")
    serial = out.isna() & s.str.fullmatch(r"\d{4,5}")
    if serial.any():
        days = pd.to_numeric(s[serial], errors="coerce")
        out[serial] = pd.Timestamp("1899-12-30") + pd.to_timedelta(days, unit="D")
    years = out.dt.year
    return out.where((years >= 1900) & (years <= 2030))


# Status words/codes -> category (used when coklit.normalize offers no mapper).
_STATUS_WORDS: list[tuple[str, str | None]] = [
    (r"PURNAWIRAWAN|PENSIUN|MANTAN|PINDAH\s*MASUK|BARU", None),
    (r"MENINGGAL|WAFAT|MATI", "tms_1"),
    (r"GANDA", "tms_2"),
    (r"BAWAH\s*UMUR|BELUM\s*CUKUP\s*UMUR", "tms_3"),
    (r"PINDAH", "tms_4"),
    (r"TIDAK\s*DIKENAL", "tms_5"),
    (r"\bTNI\b", "tms_6"),
    (r"\bPOLRI\b|\bPOLISI\b", "tms_7"),
    (r"SALAH\s*(?:PENEMPATAN\s*)?TPS", "tms_8"),
    (r"BUKAN\s*PENDUDUK", "bukan_penduduk"),
    (r"\bWNA\b|WARGA\s*NEGARA\s*ASING", "wna"),
]
_CODE_RE = re.compile(r"^\s*(?:TMS)?\s*[-.:]?\s*([1-8])\b")


def _local_status_category(values: pd.Series) -> pd.Series:
    s = values.astype(str).str.upper().str.strip()
    out = pd.Series("", index=s.index, dtype=object)
    code = s.str.extract(_CODE_RE, expand=False)
    out[code.notna()] = "tms_" + code[code.notna()]
    for pattern, cat in _STATUS_WORDS:
        todo = (out == "") & s.str.contains(pattern, regex=True)
        out[todo] = cat if cat else "ms"
    return out


def status_category(status: pd.Series, keterangan: pd.Series) -> pd.Series:
    """Category codes (``tms_1`` …) of the status/keterangan marks: coklit's own mapper
    (``coklit.normalize.codes.map_status``) when importable, else the small local mapping."""
    try:
        from coklit.normalize.codes import map_status
    except ImportError:
        both = (status.astype(str) + " " + keterangan.astype(str)).str.strip()
        return _local_status_category(both)
    return pd.Series(map_status(status.astype(str), keterangan.astype(str)),
                     index=status.index).fillna("").astype(str)


TMS_CATEGORIES = {"tms_1", "tms_2", "tms_3", "tms_4", "tms_5", "tms_6", "tms_7", "tms_8",
                  "bukan_penduduk", "wna", "hilang_ingatan", "hak_pilih_dicabut"}


_TITLES_RE = re.compile(r"^(?:(?:H|HJ|HJH|DRS|DRA|DR|IR|PROF|KH)\s+)+")


def clean(records: pd.DataFrame) -> pd.DataFrame:
    """Light, tutorial-style cleaning. NULL (None/NaN) where a value is missing/unusable."""
    out = pd.DataFrame({"unique_id": records["baris"].astype(np.int64)})
    # Degrees after a comma and a few common leading titles go; nothing else is canonicalised.
    nama = (records["nama"].str.upper().str.split(",").str[0]
            .str.replace(r"[^A-Z ]", " ", regex=True).str.replace(r"\s+", " ", regex=True)
            .str.strip().str.replace(_TITLES_RE, "", regex=True).str.strip())
    tokens = nama.str.split(" ")
    out["nama"] = nama.replace("", None)
    out["first_name"] = tokens.str[0].replace("", None)
    out["surname"] = tokens.str[-1].replace("", None)
    nik = records["nik"].astype(str).str.strip()
    digits = nik.str.replace(r"\D", "", regex=True)
    usable = digits.str.len().eq(16) & ~nik.str.contains(r"[*xX]|[eE]\+", regex=True)
    out["nik"] = digits.where(usable, None)
    dob = parse_dates(records["tanggal_lahir"])
    out["dob"] = dob
    out["dob_year"] = dob.dt.year.astype("Int64").astype(str).replace("<NA>", None)
    jk = records["jenis_kelamin"].str.upper().str.strip()
    out["jk"] = np.where(jk.str.startswith(("L", "PRIA")), "L",
                         np.where(jk.str.startswith(("P", "W")), "P", None))
    out["tempat_lahir"] = (records["tempat_lahir"].str.upper()
                           .str.replace(r"[^A-Z ]", "", regex=True).str.strip().replace("", None))
    out["alamat"] = (records["alamat"].str.upper().str.replace(r"[^A-Z0-9 ]", " ", regex=True)
                     .str.replace(r"\s+", " ", regex=True).str.strip().replace("", None))
    out["kelurahan"] = (records["kelurahan"].str.upper().str.replace(r"[^A-Z0-9]", "", regex=True)
                        .replace("", None))
    out["kategori"] = status_category(records["status"], records["keterangan"]).to_numpy()
    return out


# --- Splink model -------------------------------------------------------------------------

THRESHOLD = 0.9


def settings(link_type: str):
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    return SettingsCreator(
        link_type=link_type,
        unique_id_column_name="unique_id",
        comparisons=[
            cl.ForenameSurnameComparison("first_name", "surname",
                                         forename_surname_concat_col_name="nama"),
            cl.DateOfBirthComparison("dob", input_is_string=False),
            cl.LevenshteinAtThresholds("nik", [1, 2]),
            cl.ExactMatch("jk"),
            cl.JaroWinklerAtThresholds("alamat", [0.9, 0.7]),
            cl.ExactMatch("kelurahan").configure(term_frequency_adjustments=True),
            cl.JaroWinklerAtThresholds("tempat_lahir", [0.9]),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("nik"),
            block_on("nama", "dob"),
            block_on("surname", "dob_year"),
            block_on("first_name", "dob_year", "kelurahan"),
            block_on("dob", "kelurahan"),
        ],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )


DETERMINISTIC_RULES = ("nik, dob", "nama, dob, kelurahan")


def _splink_major() -> int:
    import splink

    return int(splink.__version__.split(".")[0])


def make_linker(frames: list[pd.DataFrame], names: list[str], link_type: str):
    """Splink 5 registers tables on the DuckDBAPI first; Splink 4 takes frames directly."""
    from splink import DuckDBAPI, Linker

    db_api = DuckDBAPI()
    if _splink_major() >= 5:
        tables = [db_api.register(f, dataset_display_name=n) for f, n in zip(frames, names, strict=True)]
        return Linker(tables if len(tables) > 1 else tables[0], settings(link_type))
    return Linker(frames if len(frames) > 1 else frames[0], settings(link_type), db_api=db_api,
                  input_table_aliases=names if len(frames) > 1 else names[0])


def train(linker, u_max_pairs: float, recall: float = 0.7, has_nik: bool = True) -> dict:
    """Splink's training as its examples do it. Without NIK values (a list of name, date,
    address and kelurahan only) the second EM session blocks on address + kelurahan instead."""
    from splink import block_on

    t = {}
    t0 = time.perf_counter()
    linker.training.estimate_probability_two_random_records_match(
        [block_on(*[c.strip() for c in r.split(",")]) for r in DETERMINISTIC_RULES],
        recall=recall)
    t["lambda_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    linker.training.estimate_u_using_random_sampling(max_pairs=u_max_pairs, seed=1)
    t["u_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    # Session 1 fixes name+dob (trains NIK, sex, address, kelurahan, birth place);
    # session 2 fixes NIK (trains names and date of birth).
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("nama", "dob"), estimate_without_term_frequencies=True)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("nik") if has_nik else block_on("alamat", "kelurahan"),
        estimate_without_term_frequencies=True)
    t["em_s"] = time.perf_counter() - t0
    return t


def run(dpt_path: str, field_path: str, out_dir: str, threshold: float = THRESHOLD,
        u_max_pairs: float = 1e7) -> dict:
    import splink

    info: dict = {"splink": splink.__version__, "threshold": threshold,
                  "u_max_pairs": u_max_pairs, "timings_s": {}}
    tm = info["timings_s"]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    dpt_name, field_name = Path(dpt_path).name, Path(field_path).name

    t0 = time.perf_counter()
    dpt = clean(read_records(dpt_path))
    lap = clean(read_records(field_path))
    tm["read_clean"] = time.perf_counter() - t0
    info["rows"] = {"dpt": len(dpt), "lapangan": len(lap)}

    # 1. duplicates inside the list
    t0 = time.perf_counter()
    dl = make_linker([dpt.drop(columns="kategori")], ["dpt"], "dedupe_only")
    has_nik = bool(dpt["nik"].notna().any())
    tm["dedupe_train"] = train(dl, u_max_pairs, has_nik=has_nik)
    t1 = time.perf_counter()
    pred = dl.inference.predict(threshold_match_probability=threshold)
    clusters = dl.clustering.cluster_pairwise_predictions_at_threshold(
        pred, threshold_match_probability=threshold).as_pandas_dataframe()
    tm["dedupe_predict_cluster"] = time.perf_counter() - t1
    tm["dedupe_total"] = time.perf_counter() - t0
    info["dedupe_pairs"] = len(pred.as_pandas_dataframe())
    sizes = clusters.groupby("cluster_id")["unique_id"].transform("size")
    grp = clusters[sizes > 1].sort_values(["cluster_id", "unique_id"])
    labels = {c: i + 1 for i, c in enumerate(pd.unique(grp["cluster_id"]))}
    ganda = pd.DataFrame({"grup": grp["cluster_id"].map(labels).astype(str),
                          "berkas": dpt_name, "baris": grp["unique_id"].astype(str)})
    info["dedupe_groups"] = len(labels)

    # 2. links field -> list
    t0 = time.perf_counter()
    ll = make_linker([dpt.drop(columns="kategori"), lap.drop(columns="kategori")],
                     ["dpt", "lapangan"], "link_only")
    tm["link_train"] = train(ll, u_max_pairs, has_nik=has_nik and bool(lap["nik"].notna().any()))
    t1 = time.perf_counter()
    lp = ll.inference.predict(threshold_match_probability=threshold).as_pandas_dataframe()
    tm["link_predict"] = time.perf_counter() - t1
    tm["link_total"] = time.perf_counter() - t0
    if len(lp):
        left_is_field = lp["source_dataset_l"].astype(str).str.contains("lapangan")
        lp = pd.DataFrame({
            "baris_lapangan": np.where(left_is_field, lp["unique_id_l"], lp["unique_id_r"]),
            "baris_dpt": np.where(left_is_field, lp["unique_id_r"], lp["unique_id_l"]),
            "skor": lp["match_probability"],
        })
        best = (lp.sort_values(["baris_lapangan", "skor", "baris_dpt"],
                               ascending=[True, False, True])
                .drop_duplicates("baris_lapangan"))
    else:
        best = pd.DataFrame(columns=["baris_lapangan", "baris_dpt", "skor"])
    info["link_pairs"] = len(lp)
    cocok = pd.DataFrame({"berkas_lapangan": field_name,
                          "baris_lapangan": best["baris_lapangan"].astype(int).astype(str),
                          "berkas_dpt": dpt_name,
                          "baris_dpt": best["baris_dpt"].astype(int).astype(str),
                          "skor": best["skor"].round(4).astype(str)})

    # 3. belum terdaftar and TMS from the field status
    linked = set(best["baris_lapangan"].astype(int))
    is_tms = lap["kategori"].isin(TMS_CATEGORIES)
    unlisted = lap[~lap["unique_id"].isin(linked) & ~is_tms]
    belum = pd.DataFrame({"berkas": field_name, "baris": unlisted["unique_id"].astype(str)})
    cat_by_field = dict(zip(lap["unique_id"], lap["kategori"], strict=True))
    b = best.assign(kategori=best["baris_lapangan"].astype(int).map(cat_by_field))
    b = b[b["kategori"].isin(TMS_CATEGORIES)]
    tms = pd.DataFrame({"berkas": dpt_name, "baris": b["baris_dpt"].astype(int).astype(str),
                        "kategori": b["kategori"], "sumber": "lapangan"})

    for name, table in (("ganda", ganda), ("cocok", cocok), ("belum_terdaftar", belum),
                        ("tms", tms)):
        table.to_csv(out / f"{name}.csv", index=False, encoding="utf-8-sig")
    (out / "splink_info.json").write_text(json.dumps(info, indent=2, default=str))
    return info


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dpt")
    ap.add_argument("lapangan")
    ap.add_argument("--out", required=True)
    ap.add_argument("--threshold", type=float, default=THRESHOLD)
    ap.add_argument("--u-max-pairs", type=float, default=1e7)
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    if args.quiet:
        logging.getLogger("splink").setLevel(logging.WARNING)
    info = run(args.dpt, args.lapangan, args.out, args.threshold, args.u_max_pairs)
    print(json.dumps(info["timings_s"], default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
