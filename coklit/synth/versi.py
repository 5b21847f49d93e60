"""Two versions of one synthetic list (DPS -> DPT) with the true changes, for ``coklit banding``.

``generate_versions(out_dir, voters, seed, ...)`` first writes what :func:`coklit.synth.generate`
writes (the list, field records and ``kunci/``), renames the list to ``dps.csv`` (the old
version; ``lapangan.csv`` and the existing key refer to its rows), then derives the new version
``dpt.csv`` the way KPU's cleaning between DPS and DPT changes a list:

- removals: most duplicate copies (``kunci/ganda.csv``), most TMS rows found in the field
  (dead, moved out, unknown, TNI/Polri, not a local resident), most under-age rows, plus
  deaths and moves nobody reported;
- additions: most eligible people the field found missing (``kunci/belum_terdaftar.csv``),
  young people who turn 17 by election day in listed households, households that moved in;
- changes of kept people: household moved to another address (ALAMAT, RT, RW), RT/RW
  corrected, TPS re-assigned (whole households, and most kode 8 rows moved to the TPS the
  field found), name spelling corrected or a title dropped, NIK typo corrected, marital
  status, birth date corrected, a household split onto a new KK, KTP-el issued;
- every row re-ordered (by place and KK) and renumbered.

The key (``kunci/banding_pasangan.csv``, ``banding_hapus.csv``, ``banding_tambah.csv``) is
computed from the written values, so a listed change is a real change of that field.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from coklit.birthdate import age_on
from coklit.normalize.dates import parse_dates
from coklit.normalize.places import normalize_kelurahan
from coklit.synth.generator import generate, resolve_columns
from coklit.synth.messy import nik_typo, typo
from coklit.synth.population import CUTOFF, ELECTION, date_str, make_names, num, pad3, ymd
from coklit.synth.writer import DPT_COLUMNS, DPT_MINIMAL, FIELD_MINIMAL, write_csv

OLD_FILE = "dps.csv"
NEW_FILE = "dpt.csv"
# Fields compared between versions (canonical names) and the column each is written in.
COMPARED = {
    "nkk": "NKK", "nik": "NIK", "nama": "NAMA", "tempat_lahir": "TEMPAT LAHIR",
    "tanggal_lahir": "TANGGAL LAHIR", "status_kawin": "STATUS PERKAWINAN",
    "jenis_kelamin": "JENIS KELAMIN", "alamat": "ALAMAT", "rt": "RT", "rw": "RW",
    "ktp_el": "KTP-EL", "kecamatan": "KECAMATAN", "kelurahan": "KELURAHAN", "tps": "TPS",
}
# Share of each kind of finding KPU acts on between DPS and DPT (the rest stays: findings
# that remain for ``banding --temuan-lama``).
ACTED = 0.85
FIELD_TMS_REMOVED = ("tms_1", "tms_4", "tms_5", "tms_6", "tms_7", "bukan_penduduk")
# Per listed voter.
RATES = {
    "meninggal": 0.006, "pindah": 0.005,  # removals nobody reported
    "baru_17": 0.004, "pindah_masuk": 0.003,  # additions
    "pindah_alamat": 0.008, "rt_rw": 0.006, "tps": 0.008, "nama": 0.006, "gelar": 0.002,
    "nik": 0.004, "status_kawin": 0.006, "tanggal_lahir": 0.002, "kk_baru": 0.003,
    "ktp_el": 0.005,
}

README_EXTRA = """
VERSI DAFTAR (coklit sample --versi-baru)
dps.csv             versi lama (DPS). lapangan.csv dan kunci di atas (ganda, tautan, tms, ...)
                    menunjuk baris dps.csv (kolom baris_dpt = baris di dps.csv).
dpt.csv             versi baru (DPT): hasil pembersihan DPS, urutan dan nomor baru.
banding_pasangan.csv baris_dps,baris_dpt,kolom_berubah - orang yang sama di kedua versi;
                    kolom_berubah: kolom yang nilainya berubah (dipisah ";"), kosong bila tetap.
banding_hapus.csv   baris_dps,alasan,baris_sama,baris_lapangan - baris DPS yang tidak ada lagi di
                    DPT. alasan: ganda (baris_sama = baris DPS orang yang sama yang tetap),
                    tms_1/tms_3/tms_4/tms_5/tms_6/tms_7/bukan_penduduk (temuan; baris_lapangan
                    diisi bila dari catatan lapangan), meninggal, pindah (tidak dilaporkan).
banding_tambah.csv  baris_dpt,alasan,baris_lapangan - baris DPT yang baru. alasan:
                    belum_terdaftar (orang dari kunci/belum_terdaftar.csv, baris_lapangan
                    diisi), baru_17, pindah_masuk.
"""


def _text(values: np.ndarray) -> np.ndarray:
    """Integers as text (``population.num`` only covers 0..9999)."""
    return np.asarray(values).astype(np.int64).astype(str).astype(object)


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _count(rng: np.random.Generator, rate: float, n: int) -> int:
    return int(rng.binomial(n, rate)) if n else 0


def _choose(rng: np.random.Generator, pool: np.ndarray, k: int) -> np.ndarray:
    k = min(k, len(pool))
    return rng.choice(pool, size=k, replace=False) if k else np.zeros(0, np.int64)


def _removals(rng, old: pd.DataFrame, kunci: Path) -> pd.DataFrame:
    """baris_dps, alasan, baris_sama, baris_lapangan of the removed rows."""
    n = len(old)
    parts = []
    ganda = _read(kunci / "ganda.csv")
    if len(ganda):
        a = ganda["baris_a"].astype(int).to_numpy()
        b = ganda["baris_b"].astype(int).to_numpy()
        # One person per group: every row but the first of its group goes (a triple's pairs
        # are x-y, x-z, y-z: y and z go, x stays).
        keep_of = pd.Series(a, index=b).groupby(level=0).min()
        acted_rows = keep_of.index.to_numpy()
        acted = rng.random(len(acted_rows)) < ACTED
        parts.append(pd.DataFrame({"baris_dps": acted_rows[acted], "alasan": "ganda",
                                   "baris_sama": keep_of.to_numpy()[acted].astype(str),
                                   "baris_lapangan": ""}))
    tms = _read(kunci / "tms.csv")
    if len(tms):
        removable = tms[(tms["sumber"].eq("lapangan") & tms["kategori"].isin(FIELD_TMS_REMOVED))
                        | (tms["sumber"].eq("dpt") & tms["kategori"].eq("tms_3"))]
        removable = removable.drop_duplicates("baris_dpt")
        acted = rng.random(len(removable)) < ACTED
        removable = removable[acted]
        parts.append(pd.DataFrame({"baris_dps": removable["baris_dpt"].astype(int).to_numpy(),
                                   "alasan": removable["kategori"].to_numpy(), "baris_sama": "",
                                   "baris_lapangan": removable["baris_lapangan"].to_numpy()}))
    removed = (pd.concat(parts, ignore_index=True).drop_duplicates("baris_dps")
               if parts else pd.DataFrame(columns=["baris_dps", "alasan", "baris_sama",
                                                   "baris_lapangan"]))
    # A row that stays as the kept one of a duplicate group must not go for another reason
    # unless its whole group goes; keep it simple: kept rows are never removed for ganda's sake.
    kept = set(removed.loc[removed["alasan"].eq("ganda"), "baris_sama"].astype(int))
    removed = removed[~(removed["alasan"].ne("ganda") & removed["baris_dps"].isin(kept))]
    taken = set(removed["baris_dps"].astype(int)) | kept
    pool = np.setdiff1d(np.arange(2, n + 2), np.fromiter(taken, np.int64, len(taken)))
    extra = []
    for alasan in ("meninggal", "pindah"):
        rows = _choose(rng, pool, _count(rng, RATES[alasan], n))
        pool = np.setdiff1d(pool, rows)
        extra.append(pd.DataFrame({"baris_dps": rows, "alasan": alasan, "baris_sama": "",
                                   "baris_lapangan": ""}))
    out = pd.concat([removed, *extra], ignore_index=True)
    out["baris_dps"] = out["baris_dps"].astype(int)
    return out.sort_values("baris_dps", kind="stable").reset_index(drop=True)


def _households(frame: pd.DataFrame) -> np.ndarray:
    return pd.factorize(frame["NKK"] + "|" + frame["KELURAHAN"] + "|" + frame["ALAMAT"])[0]


def _change(rng, new: pd.DataFrame, old_key: pd.DataFrame, kunci: Path,
            lapangan: pd.DataFrame) -> None:
    """Apply realistic changes to the kept rows (``new``, in place)."""
    n = len(new)
    hh = _households(new)
    n_hh = hh.max() + 1 if n else 0
    rows = np.arange(n)

    def households(rate: float) -> np.ndarray:
        chosen = _choose(rng, np.arange(n_hh), _count(rng, rate * 2.9, n_hh))
        return np.isin(hh, chosen)

    # Household moved inside its kelurahan: another street (of another household), new RT/RW.
    moved = households(RATES["pindah_alamat"])
    donors = rng.integers(0, n, n_hh)
    new_rt = rng.integers(1, 40, n_hh)
    new_rw = rng.integers(1, 12, n_hh)
    alamat = new["ALAMAT"].to_numpy(object)
    donor_addr = alamat[donors[hh]]
    differs = moved & (donor_addr != alamat)
    new.loc[differs, "ALAMAT"] = donor_addr[differs]
    new.loc[moved, "RT"] = pad3(new_rt[hh[moved]])
    new.loc[moved, "RW"] = pad3(new_rw[hh[moved]])
    # RT/RW corrected on single rows.
    sel = _choose(rng, rows[~moved], _count(rng, RATES["rt_rw"], n))
    rt = pd.to_numeric(new["RT"].iloc[sel], errors="coerce").fillna(1).astype(int).to_numpy()
    new.iloc[sel, new.columns.get_loc("RT")] = pad3(rt % 39 + 1 + rng.integers(0, 2, len(sel)))
    # TPS re-assigned for whole households (a TPS split or merged), and kode 8 fixed.
    tps_moved = households(RATES["tps"])
    tps = pd.to_numeric(new["TPS"], errors="coerce").fillna(1).astype(int).to_numpy()
    step = np.where(tps > 1, -1, 1)
    new.loc[tps_moved, "TPS"] = pad3((tps + step)[tps_moved])
    tms = _read(kunci / "tms.csv")
    kode8 = tms[tms["sumber"].eq("lapangan") & tms["kategori"].eq("tms_8")]
    if len(kode8) and len(lapangan):
        field_tps = lapangan.set_index(lapangan.index + 2)["No TPS"]
        where = pd.Index(old_key["baris_dps"]).get_indexer(kode8["baris_dpt"].astype(int))
        fix = (where >= 0) & (rng.random(len(kode8)) < ACTED)
        right = pd.to_numeric(field_tps.reindex(kode8["baris_lapangan"].astype(int)).to_numpy(),
                              errors="coerce")
        fix &= ~np.isnan(right)
        new.iloc[where[fix], new.columns.get_loc("TPS")] = pad3(right[fix].astype(int))
    # Names: a spelling corrected (one letter), or a title dropped.
    sel = _choose(rng, rows, _count(rng, RATES["nama"], n))
    new.iloc[sel, new.columns.get_loc("NAMA")] = typo(new["NAMA"].to_numpy(object)[sel], rng, 1)
    titled = rows[new["NAMA"].str.match(r"^(?:H|HJ)\. ").to_numpy(bool)]
    sel = _choose(rng, titled, _count(rng, RATES["gelar"], n))
    new.iloc[sel, new.columns.get_loc("NAMA")] = (
        new["NAMA"].iloc[sel].str.replace(r"^(?:H|HJ)\. ", "", regex=True).to_numpy(object))
    # NIK typo corrected.
    ok = rows[new["NIK"].str.fullmatch(r"[0-9]{16}").to_numpy(bool)]
    sel = _choose(rng, ok, _count(rng, RATES["nik"], n))
    new.iloc[sel, new.columns.get_loc("NIK")] = nik_typo(new["NIK"].to_numpy(object)[sel], rng)
    # Married since (or the status corrected).
    single = rows[new["STATUS PERKAWINAN"].eq("B").to_numpy(bool)
                  & (pd.to_numeric(new["USIA"], errors="coerce").fillna(0).to_numpy() >= 19)]
    sel = _choose(rng, single, _count(rng, RATES["status_kawin"], n))
    new.iloc[sel, new.columns.get_loc("STATUS PERKAWINAN")] = "S"
    # Birth date corrected: a placeholder 1 July (or another day) replaced by the real day.
    dates = parse_dates(new["TANGGAL LAHIR"])["tgl_lahir"]
    known = rows[dates.notna().to_numpy()]
    sel = _choose(rng, known, _count(rng, RATES["tanggal_lahir"], n))
    picked = dates.iloc[sel]
    day = np.where(picked.dt.day.to_numpy() <= 14, picked.dt.day.to_numpy() + 13,
                   picked.dt.day.to_numpy() - 13)
    year, month = picked.dt.year.to_numpy(), picked.dt.month.to_numpy()
    new.iloc[sel, new.columns.get_loc("TANGGAL LAHIR")] = date_str(year, month, day)
    new.iloc[sel, new.columns.get_loc("USIA")] = num(age_on(year, month, day, ELECTION))
    # A household split onto a new KK (one adult child and nobody else).
    sel = _choose(rng, rows, _count(rng, RATES["kk_baru"], n))
    base = new["NKK"].to_numpy(object)[sel]
    fresh = np.array([b[:6] + "0101" + b[10:12] if len(b) == 16 and b.isdigit() else "167101010124"
                      for b in base], dtype=object)
    new.iloc[sel, new.columns.get_loc("NKK")] = fresh + _text(rng.integers(5000, 9999, len(sel)))
    # KTP-el issued.
    pending = rows[new["KTP-EL"].eq("B").to_numpy(bool)]
    sel = _choose(rng, pending, _count(rng, RATES["ktp_el"] * 10, len(pending)))
    new.iloc[sel, new.columns.get_loc("KTP-EL")] = "S"


def _nik(rng, region: np.ndarray, y, m, d, female: np.ndarray, taken: set[str]) -> np.ndarray:
    """NIKs with the real structure (region + DDMMYY with 40 added for women + serial)."""
    enc = (d + 40 * female) * 10000 + m * 100 + y % 100
    out = []
    for r, e in zip(region, enc, strict=True):
        for _ in range(50):
            value = f"{r}{e:06d}{int(rng.integers(1, 60)):04d}"
            if value not in taken:
                break
        taken.add(value)
        out.append(value)
    return np.array(out, dtype=object)


def _additions(rng, new: pd.DataFrame, lapangan: pd.DataFrame, kunci: Path, n_old: int,
               canonical: dict[str, tuple[str, str]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """New rows (list columns) and their key (alasan, baris_lapangan)."""
    taken = set(new["NIK"])
    parts, keys = [], []
    # Eligible people the field found missing, as KPU would enter them.
    belum = _read(kunci / "belum_terdaftar.csv")
    if len(belum) and len(lapangan):
        belum = belum[rng.random(len(belum)) < ACTED]
        f = lapangan.iloc[belum["baris_lapangan"].astype(int).to_numpy() - 2].reset_index(drop=True)
        place = normalize_kelurahan(f["KELURAHAN"].astype(str)).map(canonical)
        ok = place.notna().to_numpy()
        f, belum = f[ok].reset_index(drop=True), belum[ok].reset_index(drop=True)
        place = place[ok].reset_index(drop=True)
        dates = parse_dates(f["TANGGAL LAHIR"])["tgl_lahir"]
        has_date = dates.notna().to_numpy()
        f, belum, place, dates = (f[has_date].reset_index(drop=True),
                                  belum[has_date].reset_index(drop=True),
                                  place[has_date].reset_index(drop=True),
                                  dates[has_date].reset_index(drop=True))
        y, m, d = dates.dt.year.to_numpy(), dates.dt.month.to_numpy(), dates.dt.day.to_numpy()
        female = f["JK"].str.upper().str.startswith("P").to_numpy()
        nik = f["NIK"].to_numpy(object)
        good = pd.Series(nik).str.fullmatch(r"[0-9]{16}").to_numpy(bool)
        region = np.full(len(f), "167101", dtype=object)
        made = _nik(rng, region[~good], y[~good], m[~good], d[~good], female[~good], taken)
        nik = nik.copy()
        nik[~good] = made
        nkk = f["No KK"].to_numpy(object).copy()
        bad_kk = ~pd.Series(nkk).str.fullmatch(r"[0-9]{16}").to_numpy(bool)
        nkk[bad_kk] = np.array(["16710101012" + "4" + f"{int(x):04d}"
                                for x in rng.integers(5000, 9999, bad_kk.sum())], dtype=object)
        tps = pd.to_numeric(f["No TPS"], errors="coerce").fillna(1).astype(int).to_numpy()
        kawin = f["STATUS KAWIN"].str.upper().str[:1].map(
            {"K": "S", "S": "S", "B": "B", "P": "P", "C": "P", "J": "P", "D": "P"}).fillna("B")
        parts.append(pd.DataFrame({
            "KECAMATAN": [p[0] for p in place], "KELURAHAN": [p[1] for p in place],
            "TPS": pad3(tps), "NKK": nkk, "NIK": nik,
            "NAMA": f["NAMA"].str.upper().str.split().str.join(" ").to_numpy(object),
            "TEMPAT LAHIR": f["TEMPAT LAHIR"].str.upper().to_numpy(object),
            "TANGGAL LAHIR": date_str(y, m, d), "USIA": num(age_on(y, m, d, ELECTION)),
            "STATUS PERKAWINAN": kawin.to_numpy(object),
            "JENIS KELAMIN": np.where(female, "P", "L").astype(object),
            "ALAMAT": f["ALAMAT"].str.upper().to_numpy(object),
            "RT": pad3(pd.to_numeric(f["RT"], errors="coerce").fillna(1).astype(int).to_numpy()),
            "RW": pad3(pd.to_numeric(f["RW"], errors="coerce").fillna(1).astype(int).to_numpy()),
            "DISABILITAS": "", "KTP-EL": "S", "KETERANGAN": ""}))
        keys.append(pd.DataFrame({"alasan": "belum_terdaftar",
                                  "baris_lapangan": belum["baris_lapangan"].astype(str)}))
    # Young people of listed households who turn 17 by election day.
    k = _count(rng, RATES["baru_17"], n_old)
    anchor = new.iloc[rng.integers(0, len(new), k)].reset_index(drop=True)
    sex = np.where(rng.random(k) < 0.5, "P", "L").astype(object)
    _, first, _ = make_names(rng, sex, np.full(k, 17), rng.integers(0, 2, k),
                             rng.integers(0, 1_000_000, k))
    last = anchor["NAMA"].str.replace(r",.*$", "", regex=True).str.split().str[-1]
    cutoff = np.datetime64(CUTOFF, "D").astype(np.int64)
    y, m, d = ymd(cutoff - rng.integers(0, 360, k))
    region = anchor["NIK"].str[:6].where(anchor["NIK"].str.fullmatch(r"[0-9]{16}"), "167101")
    parts.append(pd.DataFrame({
        "KECAMATAN": anchor["KECAMATAN"], "KELURAHAN": anchor["KELURAHAN"],
        "TPS": anchor["TPS"], "NKK": anchor["NKK"],
        "NIK": _nik(rng, region.to_numpy(object), y, m, d, sex == "P", taken),
        "NAMA": (pd.Series(first) + " " + last.to_numpy(object)).to_numpy(object),
        "TEMPAT LAHIR": "PALEMBANG", "TANGGAL LAHIR": date_str(y, m, d),
        "USIA": num(age_on(y, m, d, ELECTION)), "STATUS PERKAWINAN": "B",
        "JENIS KELAMIN": sex, "ALAMAT": anchor["ALAMAT"], "RT": anchor["RT"],
        "RW": anchor["RW"], "DISABILITAS": "", "KTP-EL": "B", "KETERANGAN": ""}))
    keys.append(pd.DataFrame({"alasan": np.full(k, "baru_17", dtype=object), "baris_lapangan": ""}))
    # Households that moved in: new people, a new KK, an address of their new kelurahan.
    k = _count(rng, RATES["pindah_masuk"], n_old)
    anchor = new.iloc[rng.integers(0, len(new), k)].reset_index(drop=True)
    sex = np.where(rng.random(k) < 0.5, "P", "L").astype(object)
    age = rng.integers(20, 70, k)
    base, _, _ = make_names(rng, sex, age, rng.integers(0, 4, k), rng.integers(0, 1_000_000, k))
    y, m, d = ymd(np.datetime64(ELECTION, "D").astype(np.int64)
                  - (age * 365.2425).astype(np.int64) - rng.integers(0, 365, k))
    region = np.where(rng.random(k) < 0.5, "167101", "160101").astype(object)
    nkk = np.array([f"1671{int(c):02d}0101{int(s):06d}" for c, s in
                    zip(rng.integers(1, 19, k), rng.integers(200000, 999999, k), strict=True)],
                   dtype=object)
    parts.append(pd.DataFrame({
        "KECAMATAN": anchor["KECAMATAN"], "KELURAHAN": anchor["KELURAHAN"],
        "TPS": anchor["TPS"], "NKK": nkk,
        "NIK": _nik(rng, region, y, m, d, sex == "P", taken), "NAMA": base,
        "TEMPAT LAHIR": "PALEMBANG", "TANGGAL LAHIR": date_str(y, m, d),
        "USIA": num(age_on(y, m, d, ELECTION)),
        "STATUS PERKAWINAN": np.where(age >= 25, "S", "B").astype(object),
        "JENIS KELAMIN": sex, "ALAMAT": anchor["ALAMAT"] + " NO. " + _text(rng.integers(1, 300, k)),
        "RT": pad3(rng.integers(1, 40, k)), "RW": anchor["RW"], "DISABILITAS": "",
        "KTP-EL": "S", "KETERANGAN": ""}))
    keys.append(pd.DataFrame({"alasan": np.full(k, "pindah_masuk", dtype=object),
                              "baris_lapangan": ""}))
    return (pd.concat(parts, ignore_index=True).astype(str),
            pd.concat(keys, ignore_index=True).astype(str))


def generate_versions(out_dir, voters: int, seed: int, field_fraction: float = 0.05,
                      profile: str = "standar", columns: str = "lengkap",
                      wilayah: str | None = None) -> dict:
    """Write ``dps.csv`` (old), ``dpt.csv`` (new), ``lapangan.csv`` and ``kunci/`` (with the
    ``banding_*`` key) into ``out_dir``; see the module docstring."""
    columns = resolve_columns(columns)
    out = Path(out_dir)
    summary = generate(out, voters, seed, field_fraction, profile, "lengkap", wilayah)
    kunci = out / "kunci"
    os.replace(out / NEW_FILE, out / OLD_FILE)
    old = _read(out / OLD_FILE)
    lapangan = _read(out / "lapangan.csv")
    rng = np.random.default_rng([int(seed), 20241127])
    n_old = len(old)
    old_baris = np.arange(2, n_old + 2)
    removed = _removals(rng, old, kunci)
    kept = ~np.isin(old_baris, removed["baris_dps"].to_numpy())
    new = old[kept].drop(columns="NO").reset_index(drop=True)
    old_key = pd.DataFrame({"baris_dps": old_baris[kept]})
    _change(rng, new, old_key, kunci, lapangan)
    canonical = dict(zip(normalize_kelurahan(old["KELURAHAN"]),
                         zip(old["KECAMATAN"], old["KELURAHAN"], strict=True), strict=True))
    added, added_key = _additions(rng, new, lapangan, kunci, n_old, canonical)
    cols = [c for c in DPT_COLUMNS if c != "NO"]
    source = np.r_[old_key["baris_dps"].to_numpy(), np.zeros(len(added), np.int64)]
    added_index = np.r_[np.full(len(new), -1), np.arange(len(added))]
    both = pd.concat([new[cols], added[cols]], ignore_index=True)
    # New order: by place, TPS, KK (members of a household together), then at random.
    tps_num = pd.to_numeric(both["TPS"], errors="coerce").fillna(0).to_numpy()
    order = np.lexsort((rng.random(len(both)), both["NKK"].to_numpy(str), tps_num,
                        both["KELURAHAN"].to_numpy(str), both["KECAMATAN"].to_numpy(str)))
    both = both.iloc[order].reset_index(drop=True)
    source, added_index = source[order], added_index[order]
    new_baris = np.arange(2, len(both) + 2)
    both.insert(0, "NO", _text(np.arange(1, len(both) + 1)))
    write_csv(out / NEW_FILE, {c: both[c].to_numpy(object)
                               for c in (DPT_MINIMAL if columns == "minimal" else DPT_COLUMNS)})
    if columns == "minimal":
        write_csv(out / OLD_FILE, {c: old[c].to_numpy(object) for c in DPT_MINIMAL})
        write_csv(out / "lapangan.csv", {c: lapangan[c].to_numpy(object) for c in FIELD_MINIMAL})

    # Key: pairs with the fields that really changed (only the written columns count).
    pairs = source > 0
    old_rows = old.iloc[source[pairs] - 2].reset_index(drop=True)
    new_rows = both[pairs].reset_index(drop=True)
    written = set(DPT_MINIMAL if columns == "minimal" else DPT_COLUMNS)
    changed = pd.Series("", index=new_rows.index, dtype=object)
    for field, column in COMPARED.items():
        if column not in written:
            continue
        differs = (old_rows[column].str.strip().str.upper()
                   != new_rows[column].str.strip().str.upper()).to_numpy()
        changed = changed.where(~differs, changed + np.where(changed == "", "", ";") + field)
    pasangan = pd.DataFrame({"baris_dps": source[pairs], "baris_dpt": new_baris[pairs],
                             "kolom_berubah": changed.to_numpy(object)}).sort_values("baris_dps")
    tambah = added_key.iloc[added_index[~pairs]].reset_index(drop=True)
    tambah.insert(0, "baris_dpt", new_baris[~pairs])
    for name, frame in (("banding_pasangan", pasangan), ("banding_hapus", removed),
                        ("banding_tambah", tambah)):
        write_csv(kunci / f"{name}.csv", {c: frame[c].astype(str).to_numpy(object)
                                          for c in frame.columns})
    with open(kunci / "README.txt", "a", encoding="utf-8") as fh:
        fh.write(README_EXTRA)
    return {**summary, "pemilih_baru": len(both), "tambah": int((~pairs).sum()),
            "hapus": len(removed), "ubah": int((pasangan["kolom_berubah"] != "").sum())}
