"""Build dpt.csv, lapangan.csv and the answer key ``kunci/``; see :mod:`coklit.synth`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from coklit.config import DEFAULT_ELECTION_DATE, VOTING_AGE
from coklit.errors import OptionError
from coklit.synth import names as N
from coklit.synth import places as P
from coklit.synth.messy import name_variant, nik_typo, typo
from coklit.synth.population import (
    HH_SIZE_P,
    ORIGIN_P,
    ROLE_CHILD,
    ROLE_ELDER,
    ROLE_HEAD,
    ROLE_SPOUSE,
    age_on,
    date_str,
    draw_age,
    kelurahan_table,
    make_names,
    num,
    other_regions,
    pad3,
    pick,
    ymd,
)

ELECTION: dt.date = DEFAULT_ELECTION_DATE
CUTOFF = dt.date(ELECTION.year - VOTING_AGE, ELECTION.month, ELECTION.day)  # born on/before

DPT_COLUMNS = ["NO", "KECAMATAN", "KELURAHAN", "TPS", "NKK", "NIK", "NAMA", "TEMPAT LAHIR",
               "TANGGAL LAHIR", "USIA", "STATUS PERKAWINAN", "JENIS KELAMIN", "ALAMAT", "RT",
               "RW", "DISABILITAS", "KTP-EL", "KETERANGAN"]
FIELD_COLUMNS = ["No", "KECAMATAN", "KELURAHAN", "No TPS", "No KK", "NIK", "NAMA",
                 "TEMPAT LAHIR", "TANGGAL LAHIR", "Usia", "JK", "STATUS KAWIN", "ALAMAT", "RT",
                 "RW", "Pekerjaan", "STATUS", "KETERANGAN"]

# Rates. Duplicates and hard negatives are per listed voter; TMS per field-checked voter;
# people missing from the list per listed voter.
DUP_GROUP_RATE = 0.0018
DUP_TRIPLE_SHARE = 0.12
DUP_KINDS = ("identik", "salah_ketik_nik", "varian_nama", "tukar_tanggal", "pindah_kecamatan",
             "salah_ketik_nama")
DUP_KIND_P = (0.25, 0.15, 0.20, 0.10, 0.15, 0.15)
NEG_RATES = {"kembar": 0.0004, "ayah_anak": 0.0003, "nama_umum": 0.0004, "nik_sama": 0.0002}
UNDER_AGE_RATE = 0.00014
FIELD_TMS_RATES = {"tms_1": 0.010, "tms_4": 0.008, "tms_6": 0.0006, "tms_7": 0.0005,
                   "tms_5": 0.001, "tms_8": 0.005, "bukan_penduduk": 0.002, "ubah": 0.02}
NEW_RATE = 0.0035
NEW_KINDS = ("baru_17", "pindah_masuk", "purnawirawan_tni", "purnawirawan_polri",
             "kawin_bawah_17")
NEW_KIND_P = (0.40, 0.35, 0.08, 0.07, 0.10)
INELIGIBLE_RATE = 0.0005
INELIGIBLE_KINDS = ("tms_3", "tms_6", "tms_7")
INELIGIBLE_P = (0.6, 0.25, 0.15)

# How officers write each category in the STATUS column (upper-cased forms; case is varied).
STATUS_TEXT: dict[str, tuple[str, ...]] = {
    "ms": ("MS", "MS", "MS", "MEMENUHI SYARAT"),
    "ubah": ("U", "UBAH"),
    "tms_1": ("1", "MENINGGAL", "MENINGGAL DUNIA", "TMS 1"),
    "tms_4": ("4", "4 PINDAH", "PINDAH DOMISILI", "PINDAH"),
    "tms_5": ("5", "TIDAK DIKENAL"),
    "tms_6": ("6", "TNI"),
    "tms_7": ("7", "POLRI"),
    "tms_8": ("8", "SALAH TPS"),
    "bukan_penduduk": ("BUKAN PENDUDUK", "BUKAN PENDUDUK SETEMPAT"),
    "baru_17": ("BARU 17", "PEMILIH PEMULA", "B", "BARU"),
    "pindah_masuk": ("PINDAH MASUK", "B", "BARU"),
    "purnawirawan_tni": ("PURNAWIRAWAN TNI",),
    "purnawirawan_polri": ("PURNAWIRAWAN POLRI",),
    "kawin_bawah_17": ("KAWIN DI BAWAH 17",),
    # under 17 and unmarried: the officer wrongly marks a new voter
    "tms_3": ("BARU", "PEMILIH PEMULA", "BARU 17"),
}
# What each STATUS text means on its own (for checking the key against the file).
STATUS_CATEGORY: dict[str, str] = {
    "MS": "ms", "MEMENUHI SYARAT": "ms", "U": "ubah", "UBAH": "ubah",
    "1": "tms_1", "MENINGGAL": "tms_1", "MENINGGAL DUNIA": "tms_1", "TMS 1": "tms_1",
    "4": "tms_4", "4 PINDAH": "tms_4", "PINDAH DOMISILI": "tms_4", "PINDAH": "tms_4",
    "5": "tms_5", "TIDAK DIKENAL": "tms_5", "6": "tms_6", "TNI": "tms_6", "7": "tms_7",
    "POLRI": "tms_7", "8": "tms_8", "SALAH TPS": "tms_8", "BUKAN PENDUDUK": "bukan_penduduk",
    "BUKAN PENDUDUK SETEMPAT": "bukan_penduduk", "BARU 17": "baru_17",
    "PEMILIH PEMULA": "baru_17", "B": "baru", "BARU": "baru", "PINDAH MASUK": "pindah_masuk",
    "PURNAWIRAWAN TNI": "purnawirawan_tni", "PURNAWIRAWAN POLRI": "purnawirawan_polri",
    "KAWIN DI BAWAH 17": "kawin_bawah_17",
}
BULAN = ("", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember")


def _count(rate: float, base: int, minimum_base: int = 100) -> int:
    """Expected count, at least 1 once the base is big enough to show the case."""
    k = int(round(rate * base))
    return max(k, 1) if base >= minimum_base else k


def _choose(rng: np.random.Generator, candidates: np.ndarray, k: int) -> np.ndarray:
    k = min(k, len(candidates))
    return np.sort(rng.choice(candidates, size=k, replace=False)) if k else candidates[:0]


def _cumcount(keys: np.ndarray) -> np.ndarray:
    """0-based position of each element within its group of equal (sorted) keys."""
    n = len(keys)
    if n == 0:
        return np.zeros(0, np.int64)
    starts = np.r_[True, keys[1:] != keys[:-1]]
    idx = np.arange(n)
    first = np.maximum.accumulate(np.where(starts, idx, 0))
    return idx - first


def _serials(key: np.ndarray, tiebreak: np.ndarray) -> np.ndarray:
    order = np.lexsort((tiebreak, key))
    serial = np.empty(len(key), np.int64)
    serial[order] = _cumcount(key[order]) + 1
    return serial


def _title(values: np.ndarray) -> np.ndarray:
    """Title case as officers type it, Roman numerals kept (Ilir Barat II)."""
    s = pd.Series(values, dtype=object).str.title()
    return s.str.replace(r"\b(Iii|Ii)\b", lambda m: m.group(0).upper(), regex=True).to_numpy(object)


def _fresh_nkk(rng: np.random.Generator, kec_code: np.ndarray) -> np.ndarray:
    """New family-card numbers (region + issue date + serial from 5000, apart from the list's)."""
    n = len(kec_code)
    iy, im, idd = ymd(np.datetime64("2010-01-01").astype(np.int64) + rng.integers(0, 5300, n))
    val = ((167100 + kec_code.astype(np.int64)) * 1_000_000 + idd * 10000 + im * 100 + iy % 100)
    return (val * 10_000 + rng.integers(5000, 9999, n)).astype("U16").astype(object)


def _vary_case(values: np.ndarray, rng: np.random.Generator, p: float) -> tuple[np.ndarray, np.ndarray]:
    m = rng.random(len(values)) < p
    out = values.copy()
    if m.any():
        out[m] = _title(values[m])
    return out, m


def _addresses(rng: np.random.Generator, n: int, kel: np.ndarray, n_kel: int):
    """Palembang-style addresses (street part), RT and RW for n households."""
    jalan = np.array([f"JL. {P.clean(j)}" for j in P.JALAN], dtype=object)
    lorong = np.array([f"LR. {P.clean(x)}" for x in P.LORONG], dtype=object)
    gang = np.array([f"GG. {P.clean(x)}" for x in P.GANG], dtype=object)
    komp = np.array([P.clean(x) for x in P.KOMPLEK], dtype=object)
    # each kelurahan has its own handful of streets
    kel_jalan = rng.integers(0, len(jalan), (n_kel, 6))
    kel_lorong = rng.integers(0, len(lorong), (n_kel, 8))
    j = jalan[kel_jalan[kel, rng.integers(0, 6, n)]]
    lr = lorong[kel_lorong[kel, rng.integers(0, 8, n)]]
    gg = gang[rng.integers(0, len(gang), n)]
    no = num(rng.integers(1, 250, n))
    form = rng.choice(7, size=n, p=[0.40, 0.14, 0.10, 0.10, 0.10, 0.06, 0.10])
    kp = np.where(rng.random(n) < 0.5, "KOMP. ", "PERUM. ") + komp[rng.integers(0, len(komp), n)]
    blok = "BLOK " + pick(list("ABCDEFGH"), rng.integers(0, 8, n)) + " NO. " + num(rng.integers(1, 40, n))
    km = "JL. PALEMBANG-BETUNG KM " + num(rng.integers(5, 15, n))
    with_no = rng.random(n) < 0.35
    alamat = np.select(
        [form == 0, form == 1, form == 2, form == 3, form == 4, form == 5],
        [j + " " + lr + np.where(with_no, " NO. " + no, ""), j + " NO. " + no, j + " " + gg,
         lr + np.where(with_no, " NO. " + no, ""), kp + " " + blok, km + " " + lr],
        default=j,
    )
    rt = rng.integers(1, 41, n)
    rw = np.minimum((rt - 1) // 4 + 1 + rng.integers(0, 2, n), 10)
    return alamat.astype(object), rt, rw


def _check(voters: int, seed: int, field_fraction: float) -> None:
    if isinstance(voters, bool) or not isinstance(voters, (int, np.integer)) or voters < 100:
        raise OptionError("synth.bad_voters", value=voters)
    if voters > 5_000_000:
        raise OptionError("synth.bad_voters", value=voters)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise OptionError("synth.bad_seed", value=seed)
    if not isinstance(field_fraction, (int, float)) or not 0.0 <= float(field_fraction) <= 1.0:
        raise OptionError("synth.bad_fraction", value=field_fraction)


COMMON_M = ("MUHAMMAD RIZKI", "AHMAD FAUZI", "MUHAMMAD ILHAM", "RIZKI PRATAMA")
COMMON_F = ("SITI AMINAH", "SITI FATIMAH", "NUR HAYATI", "SITI AISYAH")


def _population(rng: np.random.Generator, n: int, voters: int) -> dict:
    """Base people (no duplicates yet), with hard negatives and under-age rows injected."""
    kel = kelurahan_table(rng, voters)
    n_kel = len(kel.name)
    est = int(n / 2.9 * 1.15) + 10
    sizes = rng.choice(6, size=est, p=HH_SIZE_P) + 1
    cs = np.cumsum(sizes)
    H = int(np.searchsorted(cs, n) + 1)
    sizes = sizes[:H].copy()
    sizes[-1] = n - (cs[H - 2] if H > 1 else 0)
    hkel = rng.choice(n_kel, size=H, p=kel.weight)
    order = np.lexsort((rng.random(H), hkel))
    sizes, hkel = sizes[order], hkel[order]
    kel_count = np.bincount(hkel, weights=sizes, minlength=n_kel)
    target = np.clip(np.round(kel_count / 21 * rng.uniform(0.85, 1.15, n_kel)), 30, 575)
    target = target.astype(np.int64)
    hstart = np.cumsum(sizes) - sizes
    first_hh = np.searchsorted(hkel, np.arange(n_kel))
    pos_in_kel = hstart - hstart[first_hh[hkel]]
    htps = pos_in_kel // target[hkel] + 1
    kel_ntps = np.zeros(n_kel, np.int64)
    np.maximum.at(kel_ntps, hkel, htps)

    hh = np.repeat(np.arange(H), sizes)
    member = np.arange(n) - hstart[hh]
    size_p = sizes[hh]
    has_spouse_h = (sizes >= 2) & (rng.random(H) < 0.85)
    role = np.full(n, ROLE_CHILD)
    role[member == 0] = ROLE_HEAD
    role[(member == 1) & has_spouse_h[hh]] = ROLE_SPOUSE
    role[(member == 5) & (rng.random(n) < 0.6)] = ROLE_ELDER
    has_child_h = (sizes >= 3) | ((sizes == 2) & ~has_spouse_h)
    head_age_h = np.where(
        has_child_h, draw_age(rng, H, 38, 80),
        np.where(sizes == 1, draw_age(rng, H, 17, 95), draw_age(rng, H, 20, 92)))
    ha = head_age_h[hh]
    age = ha.copy()
    sp, ch, el = role == ROLE_SPOUSE, role == ROLE_CHILD, role == ROLE_ELDER
    age[sp] = np.clip(ha[sp] + np.round(rng.normal(-4, 4, sp.sum())), 18, 95)
    hi = np.minimum(ha[ch] - 19, 50)
    age[ch] = 17 + (rng.random(ch.sum()) * (hi - 16)).astype(np.int64)
    age[el] = np.minimum(ha[el] + rng.integers(20, 31, el.sum()), 95)
    hfem = np.where(sizes == 1, rng.random(H) < np.where(head_age_h >= 60, 0.65, 0.45),
                    np.where(has_spouse_h, rng.random(H) < 0.04, rng.random(H) < 0.55))
    female = np.zeros(n, bool)
    female[role == ROLE_HEAD] = hfem
    female[sp] = ~hfem[hh[sp]]
    female[ch] = rng.random(ch.sum()) < 0.5
    female[el] = rng.random(el.sum()) < 0.7
    used = np.zeros(n, bool)
    neg: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    # twins: two children of one household, same sex and birth date
    cand = np.flatnonzero((sizes >= 4) & (role[np.minimum(hstart + 3, n - 1)] == ROLE_CHILD)
                          & (role[np.minimum(hstart + 2, n - 1)] == ROLE_CHILD))
    th = _choose(rng, cand, _count(NEG_RATES["kembar"], voters))
    t1, t2 = hstart[th] + 2, hstart[th] + 3
    female[t2] = female[t1]
    age[t2] = age[t1]
    used[t1] = used[t2] = True
    neg["kembar"] = (t1, t2)

    # marital status
    u = rng.random(n)
    pb = np.select([age < 22, age < 30], [0.97, 0.6], 0.25)
    ps = np.select([age < 22, age < 30], [0.03, 0.38], 0.65)
    single = (role == ROLE_HEAD) & (size_p == 1)
    pb = np.where(single, np.select([age < 25, age < 40, age < 60], [0.9, 0.55, 0.15], 0.05), pb)
    ps = np.where(single, np.select([age < 25, age < 40, age < 60], [0.05, 0.3, 0.45], 0.25), ps)
    couple = ((role == ROLE_HEAD) & has_spouse_h[hh]) | sp
    lone_parent = (role == ROLE_HEAD) & ~has_spouse_h[hh] & (size_p >= 2)
    pb = np.where(couple | lone_parent | el, 0.0, pb)
    ps = np.where(couple, 1.0, np.where(lone_parent, 0.3, np.where(el, 0.2, ps)))
    kawin = np.where(u < pb, "B", np.where(u < pb + ps, "S", "P")).astype(object)
    kawin[t2] = kawin[t1]

    # names
    sex = np.where(female, "P", "L").astype(object)
    horigin = rng.choice(4, size=H, p=ORIGIN_P)
    origin = horigin[hh]
    family = rng.integers(0, 1_000_000, H)[hh]
    family[sp] = rng.integers(0, 1_000_000, sp.sum())
    base, first, last = make_names(rng, sex, age, origin, family)
    head = hstart[hh]
    malay = origin <= 1
    share = ch & malay & (rng.random(n) < 0.15) & (last[head] != first)
    base[share] = first[share] + " " + last[head[share]]
    father_tok = np.where(pd.Series(first[head]).str.endswith(".").to_numpy(bool), last[head],
                          first[head])
    bin_ = ch & (origin == 0) & (rng.random(n) < 0.04) & ~female[head]
    base[bin_] = base[bin_] + np.where(female[bin_], " BINTI ", " BIN ") + father_tok[bin_]
    same = (base[t1] == base[t2])
    if same.any():
        base[t2[same]] = first[t2[same]] + " " + pick(N.words(N.MELAYU_M2), np.arange(same.sum()) % 40)

    # titles and nobility
    noble_h = (horigin == 0) & (rng.random(H) < 0.05)
    prefix_m = pick(N.BANGSAWAN_M, rng.integers(0, len(N.BANGSAWAN_M), H))[hh]
    prefix_f = pick(N.BANGSAWAN_F, rng.integers(0, len(N.BANGSAWAN_F), H))[hh]
    noble = noble_h[hh] & ~sp
    haji = (age >= 40) & (rng.random(n) < 0.07)
    front = (age >= 45) & (rng.random(n) < 0.015)
    suffix = (age >= 23) & (age <= 65) & (rng.random(n) < 0.03)
    front_t = np.where(female, pick(N.GELAR_DEPAN_F, rng.integers(0, 3, n)),
                       pick(N.GELAR_DEPAN, rng.integers(0, 3, n)))
    suffix_t = pick(N.GELAR_BELAKANG, rng.integers(0, len(N.GELAR_BELAKANG), n))

    # father and son with one name
    cand = np.flatnonzero(ch & ~female & ~female[head] & ~used & ~used[head])
    cand = cand[np.unique(hh[cand], return_index=True)[1]]
    sons = _choose(rng, cand, _count(NEG_RATES["ayah_anak"], voters))
    fathers = head[sons]
    base[sons] = base[fathers]
    used[sons] = used[fathers] = True
    neg["ayah_anak"] = (fathers, sons)

    # unrelated people of one kecamatan with a very common name and one birth date
    kec_idx = np.searchsorted(np.array(sorted(P.KECAMATAN)), kel.kec_code[hkel[hh]].astype(str))
    gkey = kec_idx * 2 + female
    gorder = np.argsort(gkey, kind="stable")
    gstart = np.searchsorted(gkey[gorder], np.arange(gkey.max() + 2))
    k = _count(NEG_RATES["nama_umum"], voters)
    a_ = _choose(rng, np.flatnonzero(~used), 3 * k + 3)
    glen = gstart[gkey[a_] + 1] - gstart[gkey[a_]]
    b_ = gorder[gstart[gkey[a_]] + (rng.random(len(a_)) * glen).astype(np.int64)]
    ok = (b_ != a_) & ~used[b_] & (hh[a_] != hh[b_])
    a_, b_ = a_[ok], b_[ok]
    _, first_b = np.unique(b_, return_index=True)
    keep = np.zeros(len(b_), bool)
    keep[first_b] = True
    keep &= ~np.isin(b_, a_) & ~np.isin(a_, b_)
    a_, b_ = a_[keep][:k], b_[keep][:k]
    common = np.where(female[a_], pick(COMMON_F, zipf_small(rng, len(a_))),
                      pick(COMMON_M, zipf_small(rng, len(a_))))
    base[a_] = base[b_] = common
    used[a_] = used[b_] = True
    neg["nama_umum"] = (a_, b_)

    plain = used.copy()  # hard-negative people carry no titles (keeps the pairs clean)
    nama = base.copy()
    nama = np.where(noble & ~plain, np.where(female, prefix_f, prefix_m) + " " + nama, nama)
    nama = np.where(front & ~plain, front_t + " " + nama, nama)
    nama = np.where(haji & ~plain, np.where(female, "HJ. ", "H. ") + nama, nama)
    nama = np.where(suffix & ~plain & ~front, nama + ", " + suffix_t, nama)

    # birth dates
    elec = np.datetime64(ELECTION, "D").astype(np.int64)
    bd = elec - (age * 365.2425).astype(np.int64) - rng.integers(0, 365, n)
    y, m, d = ymd(bd)
    u = rng.random(n)
    ph = np.select([u < 0.05, u < 0.08, u < 0.092], [1, 2, 3], 0)
    m = np.select([ph == 1, ph == 2, ph == 3], [7, 12, 1], m)
    d = np.select([ph == 1, ph == 2, ph == 3], [1, 31, 1], d)
    y = np.where(age_on(y, m, d, ELECTION) < VOTING_AGE, y - 1, y)
    y[t2], m[t2], d[t2] = y[t1], m[t1], d[t1]
    placeholder = rng.random(len(a_)) < 0.5
    m[a_] = np.where(placeholder, 7, m[a_])
    d[a_] = np.where(placeholder, 1, d[a_])
    y[a_] = np.where(age_on(y[a_], m[a_], d[a_], ELECTION) < VOTING_AGE, y[a_] - 1, y[a_])
    y[b_], m[b_], d[b_] = y[a_], m[a_], d[a_]

    # under age on election day and never married (detectable from the list itself)
    cand = np.flatnonzero(ch & ~used & (size_p >= 3))
    under = _choose(rng, cand, _count(UNDER_AGE_RATE, voters, 3000))
    cut = np.datetime64(CUTOFF, "D").astype(np.int64)
    uy, um, ud = ymd(cut + rng.integers(1, 600, len(under)))
    y[under], m[under], d[under] = uy, um, ud
    kawin[under] = "B"
    used[under] = True

    # NIK: region + DDMMYY (+40 on the day for women) + serial per (region, date)
    sumsel, other = other_regions()
    kec_code_int = kel.kec_code[hkel[hh]].astype(np.int64)
    own = 167100 + kec_code_int
    u = rng.random(n)
    region = np.where(u < 0.90, own, 167100 + rng.integers(1, 19, n))
    region = np.where((u >= 0.92) & (u < 0.97), sumsel[rng.integers(0, len(sumsel), n)], region)
    region = np.where(u >= 0.97, other[rng.integers(0, len(other), n)], region)
    region[t2] = region[t1]
    dateenc = (d + 40 * female) * 10000 + m * 100 + y % 100
    key = region * 1_000_000 + dateenc
    serial = _serials(key, np.arange(n))
    nik_int = key * 10_000 + serial
    # NKK: issuing region + issue date + serial, per household
    hreg = np.where(rng.random(H) < 0.95, 167100 + kel.kec_code[hkel].astype(np.int64),
                    sumsel[rng.integers(0, len(sumsel), H)])
    iy, im, idd = ymd(np.datetime64("2005-01-01").astype(np.int64)
                      + rng.integers(0, 7100, H))
    hkey = hreg * 1_000_000 + idd * 10000 + im * 100 + iy % 100
    # KK serials run per issuing office and day: start each group somewhere in 1..40
    nkk_int = hkey * 10_000 + _serials(hkey, np.arange(H)) + hkey % 37
    nik = nik_int.astype("U16").astype(object)

    # one NIK shared by two clearly different people (data-entry error)
    k = _count(NEG_RATES["nik_sama"], voters)
    a2 = _choose(rng, np.flatnonzero(~used & (size_p >= 2)), 3 * k + 3)
    other_member = hstart[hh[a2]] + (member[a2] + 1 + rng.integers(0, 5, len(a2))) % size_p[a2]
    random_p = rng.integers(0, n, len(a2))
    b2 = np.where(rng.random(len(a2)) < 0.5, other_member, random_p)
    ok = (b2 != a2) & ~used[b2] & ((female[a2] != female[b2]) | (np.abs(y[a2] - y[b2]) >= 10))
    a2, b2 = a2[ok], b2[ok]
    _, fb = np.unique(b2, return_index=True)
    keep = np.zeros(len(b2), bool)
    keep[fb] = True
    keep &= ~np.isin(b2, a2) & ~np.isin(a2, b2)
    a2, b2 = a2[keep][:k], b2[keep][:k]
    nik[b2] = nik[a2]
    used[a2] = used[b2] = True
    neg["nik_sama"] = (a2, b2)

    alamat_h, rt_h, rw_h = _addresses(rng, H, hkel, n_kel)
    tempat = pick(N.TEMPAT_LAHIR, rng.integers(0, len(N.TEMPAT_LAHIR), n))
    u = rng.random(n)
    disab = np.where(u < 0.85, "", np.where(u < 0.97, "0", num(rng.integers(1, 7, n))))
    usia = age_on(y, m, d, ELECTION)
    ktp = np.where(rng.random(n) < np.where(usia <= 18, 0.15, 0.02), "B", "S")
    return {
        "kel": kel, "kel_ntps": kel_ntps, "n_kel": n_kel, "H": H, "sizes": sizes, "hstart": hstart,
        "hkel": hkel, "htps": htps, "hh": hh, "member": member, "role": role, "sex": sex,
        "female": female, "kawin": kawin, "nama": nama, "base": base, "first": first,
        "last": last, "y": y, "m": m, "d": d, "usia": usia, "nik": nik, "nik_int": nik_int,
        "nkk_h": nkk_int.astype("U16").astype(object), "alamat_h": alamat_h, "rt_h": rt_h,
        "rw_h": rw_h, "tempat": tempat, "disab": disab, "ktp": ktp, "used": used, "neg": neg,
        "under": under, "origin": origin, "region": region, "placeholder": ph,
    }


def zipf_small(rng: np.random.Generator, size: int) -> np.ndarray:
    return rng.choice(4, size=size, p=[0.55, 0.2, 0.15, 0.10])


def _other_location(rng, pop, cur_kel, cur_tps, mode):
    """New (kelurahan, TPS) for copies: mode 0 other TPS same kelurahan, 1 other kelurahan same
    kecamatan, 2 other kecamatan."""
    kel, ntps = pop["kel"], pop["kel_ntps"]
    active = np.flatnonzero(kel.weight > 0)
    kec_of = kel.kec_code
    mode = np.where((mode == 0) & (ntps[cur_kel] < 2), 1, mode)
    new_kel = cur_kel.copy()
    for _ in range(30):
        pend = (mode == 1) & (new_kel == cur_kel)
        if not pend.any():
            break
        prop = active[rng.integers(0, len(active), pend.sum())]
        okk = kec_of[prop] == kec_of[cur_kel[pend]]
        idx = np.flatnonzero(pend)[okk]
        new_kel[idx] = prop[okk]
    mode = np.where((mode == 1) & (new_kel == cur_kel), np.where(ntps[cur_kel] >= 2, 0, 2), mode)
    for _ in range(30):
        pend = (mode == 2) & (kec_of[new_kel] == kec_of[cur_kel])
        if not pend.any():
            break
        new_kel[pend] = rng.choice(len(kel.weight), size=pend.sum(), p=kel.weight)
    nt = ntps[new_kel]
    shift = 1 + (rng.random(len(mode)) * np.maximum(nt - 1, 1)).astype(np.int64)
    new_tps = np.where(mode == 0, (cur_tps - 1 + shift) % nt + 1,
                       1 + (rng.random(len(mode)) * nt).astype(np.int64))
    return new_kel, new_tps


def _with_rt(alamat: np.ndarray, rt: np.ndarray, rw: np.ndarray, rng) -> np.ndarray:
    style = rng.integers(0, 4, len(alamat))
    padded = " RT " + pad3(rt) + " RW " + pad3(rw)
    return alamat + np.select(
        [style == 0, style == 1, style == 2],
        [padded, " RT. " + num(rt) + " RW. " + num(rw), " RT " + pad3(rt) + "/RW " + pad3(rw)],
        " RT" + num(rt) + "/" + num(rw))


def _sort_positions(*keys) -> np.ndarray:
    """Row order (as indices) for lexicographic keys given most significant first."""
    return np.lexsort(tuple(reversed(keys)))


def generate(out_dir, voters: int, seed: int, field_fraction: float = 0.05) -> dict:
    """Write ``dpt.csv``, ``lapangan.csv`` and ``kunci/`` into ``out_dir``; see the package
    docstring of :mod:`coklit.synth` for the columns and the answer key."""
    _check(voters, seed, field_fraction)
    rng = np.random.default_rng(int(seed))
    voters = int(voters)
    n_groups = _count(DUP_GROUP_RATE, voters, 500)
    n_triples = int(round(n_groups * DUP_TRIPLE_SHARE))
    n_base = voters - n_groups - n_triples
    pop = _population(rng, n_base, voters)
    hh, kel = pop["hh"], pop["kel"]
    pkel, ptps = pop["hkel"][hh], pop["htps"][hh]
    in_addr_h = rng.random(pop["H"]) < 0.15
    alamat_h = np.where(in_addr_h, _with_rt(pop["alamat_h"], pop["rt_h"], pop["rw_h"], rng),
                        pop["alamat_h"])
    cols = {
        "KECAMATAN": kel.kec_name[pkel], "KELURAHAN": kel.name[pkel], "TPS": pad3(ptps),
        "NKK": pop["nkk_h"][hh], "NIK": pop["nik"], "NAMA": pop["nama"],
        "TEMPAT LAHIR": pop["tempat"], "TANGGAL LAHIR": date_str(pop["y"], pop["m"], pop["d"]),
        "USIA": num(pop["usia"]), "STATUS PERKAWINAN": pop["kawin"],
        "JENIS KELAMIN": pop["sex"], "ALAMAT": alamat_h[hh], "RT": pad3(pop["rt_h"][hh]),
        "RW": pad3(pop["rw_h"][hh]), "DISABILITAS": pop["disab"], "KTP-EL": pop["ktp"],
        "KETERANGAN": np.full(n_base, "", dtype=object),
    }
    used = pop["used"]

    # ---- duplicates inside the list --------------------------------------------------------
    kinds = rng.choice(len(DUP_KINDS), size=n_groups, p=DUP_KIND_P)
    swap_ok = (pop["d"] <= 12) & (pop["d"] != pop["m"])
    is_swap = kinds == DUP_KINDS.index("tukar_tanggal")
    src = np.empty(n_groups, np.int64)
    s1 = rng.choice(np.flatnonzero(~used & swap_ok), size=is_swap.sum(), replace=False)
    used[s1] = True
    src[is_swap] = s1
    s2 = rng.choice(np.flatnonzero(~used), size=(~is_swap).sum(), replace=False)
    src[~is_swap] = s2
    used[src] = True
    triple = _choose(rng, np.arange(n_groups), n_triples)
    kind2 = rng.choice([0, 1, 2, 4, 5], size=len(triple))
    c_src = np.r_[src, src[triple]]
    c_kind = np.r_[kinds, kind2]
    c_group = np.r_[np.arange(n_groups), triple]
    nc = len(c_src)
    copies = {c: v[c_src].copy() for c, v in cols.items()}
    kname = np.array(DUP_KINDS, dtype=object)[c_kind]
    mode = np.where(kname == "pindah_kecamatan", 2, (rng.random(nc) < 0.5).astype(np.int64))
    ckel, ctps = _other_location(rng, pop, pkel[c_src], ptps[c_src], mode)
    copies["KECAMATAN"] = kel.kec_name[ckel]
    copies["KELURAHAN"] = kel.name[ckel]
    copies["TPS"] = pad3(ctps)
    sex_c, usia_c = pop["sex"][c_src], pop["usia"][c_src]
    m_ = kname == "salah_ketik_nik"
    copies["NIK"][m_] = nik_typo(copies["NIK"][m_], rng)
    m_ |= kname == "varian_nama"
    copies["NAMA"][m_], _ = name_variant(copies["NAMA"][m_], sex_c[m_], usia_c[m_], rng)
    m_ = kname == "salah_ketik_nama"
    copies["NAMA"][m_] = typo(copies["NAMA"][m_], rng, rng.integers(1, 3, m_.sum()))
    m_ = kname == "tukar_tanggal"
    sy, sm, sd = pop["y"][c_src[m_]], pop["m"][c_src[m_]], pop["d"][c_src[m_]]
    copies["TANGGAL LAHIR"][m_] = date_str(sy, sd, sm)
    copies["USIA"][m_] = num(age_on(sy, sd, sm, ELECTION))
    m_ = kname == "pindah_kecamatan"
    if m_.any():
        a_, rt_, rw_ = _addresses(rng, m_.sum(), ckel[m_], pop["n_kel"])
        copies["ALAMAT"][m_] = a_
        copies["RT"][m_], copies["RW"][m_] = pad3(rt_), pad3(rw_)
        new_kk = rng.random(m_.sum()) < 0.6
        fresh = _fresh_nkk(rng, kel.kec_code[ckel[m_]])
        copies["NKK"][m_] = np.where(new_kk, fresh, copies["NKK"][m_])

    # ---- final list order ------------------------------------------------------------------
    ck = pop["hkel"] * 10_000 + pop["htps"]
    key_c = ckel * 10_000 + ctps
    lo = np.searchsorted(ck, key_c, "left")
    hi = np.searchsorted(ck, key_c, "right")
    c_hpos = lo - 0.5 + rng.random(nc) * np.maximum(hi - lo, 1)
    all_kel = np.r_[pkel, ckel]
    all_tps = np.r_[ptps, ctps]
    all_hpos = np.r_[hh.astype(float), c_hpos]
    all_member = np.r_[pop["member"], np.zeros(nc, np.int64)]
    order = _sort_positions(all_kel, all_tps, all_hpos, all_member)
    baris_of = np.empty(len(order), np.int64)
    baris_of[order] = np.arange(len(order)) + 2  # row in dpt.csv of base i / copy n_base+j
    dpt = {c: np.r_[cols[c], copies[c]][order] for c in cols}
    dpt = {"NO": num(np.arange(1, len(order) + 1)) if len(order) < 10000
           else np.arange(1, len(order) + 1).astype(str).astype(object), **dpt}

    key = {}
    orig_b = baris_of[c_src]
    copy_b = baris_of[n_base + np.arange(nc)]
    pairs = [(orig_b, copy_b, kname)]
    # pairs between the two copies of a triple
    first_copy = np.full(n_groups, -1)
    first_copy[c_group[:n_groups]] = np.arange(n_groups)
    sec = np.arange(n_groups, nc)
    k1, k2 = kname[first_copy[c_group[sec]]], kname[sec]
    pairs.append((copy_b[first_copy[c_group[sec]]], copy_b[sec],
                  np.where(k1 == k2, k1, k1 + "+" + k2)))
    a = np.concatenate([p[0] for p in pairs])
    b = np.concatenate([p[1] for p in pairs])
    j = np.concatenate([p[2] for p in pairs])
    key["ganda"] = _pairs_frame(a, b, j, ["baris_a", "baris_b", "jenis"])
    na, nb, nj = [], [], []
    for jenis, (pa, pb) in pop["neg"].items():
        na.append(baris_of[pa])
        nb.append(baris_of[pb])
        nj.append(np.full(len(pa), jenis, dtype=object))
    key["negatif_sulit"] = _pairs_frame(np.concatenate(na), np.concatenate(nb),
                                        np.concatenate(nj), ["baris_a", "baris_b", "jenis"])

    field, key_field = _field(rng, pop, cols, baris_of, used, voters, field_fraction)
    tms = key_field.pop("tms")
    under_rows = pd.DataFrame({"baris_dpt": baris_of[pop["under"]], "kategori": "tms_3",
                               "sumber": "dpt", "baris_lapangan": ""})
    key["tms"] = (pd.concat([tms, under_rows], ignore_index=True)
                  .sort_values(["baris_dpt", "sumber"], kind="stable").reset_index(drop=True))
    key.update(key_field)
    _write(Path(out_dir), dpt, field, key)
    return {"pemilih": len(order), "lapangan": len(field["No"])}


def _pairs_frame(a, b, j, names) -> pd.DataFrame:
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    df = pd.DataFrame({names[0]: lo, names[1]: hi, names[2]: j})
    return df.sort_values([names[0], names[1]], kind="stable").reset_index(drop=True)


def _field(rng, pop, cols, baris_of, used, voters, field_fraction):
    """Field records: whole households checked (uji petik) plus people missing from the list."""
    H, hh, kel = pop["H"], pop["hh"], pop["kel"]
    no_field = np.zeros(H, bool)
    no_field[hh[pop["under"]]] = True
    hsel = (rng.random(H) < field_fraction) & ~no_field
    lp = np.flatnonzero(hsel[hh])
    n_l = len(lp)
    cat = np.full(n_l, "ms", dtype=object)
    free = ~used[lp]
    for c, rate in FIELD_TMS_RATES.items():
        cand = np.flatnonzero(free & (cat == "ms"))
        if c == "tms_8":
            cand = cand[pop["kel_ntps"][pop["hkel"][hh[lp[cand]]]] >= 2]
        chosen = _choose(rng, cand, _count(rate, n_l))
        cat[chosen] = c

    def linked_col(name):
        return cols[name][lp].copy()

    F = {
        "kel": pop["hkel"][hh[lp]], "tps": pop["htps"][hh[lp]], "nkk": linked_col("NKK"),
        "nik": linked_col("NIK"), "nama": linked_col("NAMA"), "tempat": linked_col("TEMPAT LAHIR"),
        "y": pop["y"][lp], "m": pop["m"][lp], "d": pop["d"][lp], "usia": pop["usia"][lp],
        "sex": pop["sex"][lp], "kawin": linked_col("STATUS PERKAWINAN"),
        "alamat": pop["alamat_h"][hh[lp]], "rt": pop["rt_h"][hh[lp]], "rw": pop["rw_h"][hh[lp]],
        "hpos": hh[lp].astype(float), "member": pop["member"][lp], "cat": cat,
    }
    labels = []
    # kode 8: the officer writes the TPS where the person actually lives (mostly)
    m8 = (cat == "tms_8") & (rng.random(n_l) < 0.8)
    if m8.any():
        nt = pop["kel_ntps"][F["kel"][m8]]
        F["tps"][m8] = (F["tps"][m8] - 1 + 1 + (rng.random(m8.sum()) * (nt - 1)).astype(np.int64)) % nt + 1
    labels.append(("tps_beda", m8))
    # ubah: marital status or address corrected
    mu = cat == "ubah"
    mb = mu & (F["kawin"] == "B")
    F["kawin"][mb] = "S"
    ma = mu & ~mb
    if ma.any():
        a_, rt_, rw_ = _addresses(rng, ma.sum(), F["kel"][ma], pop["n_kel"])
        F["alamat"][ma], F["rt"][ma], F["rw"][ma] = a_, rt_, rw_
    labels.append(("ubah", mu))

    # ---- people not on the list --------------------------------------------------------------
    n_new = _count(NEW_RATE, voters) if field_fraction > 0 else 0
    n_bad = _count(INELIGIBLE_RATE, voters) if field_fraction > 0 else 0
    kinds = np.r_[np.array(NEW_KINDS, dtype=object)[rng.choice(5, n_new, p=NEW_KIND_P)],
                  np.array(INELIGIBLE_KINDS, dtype=object)[rng.choice(3, n_bad, p=INELIGIBLE_P)]]
    nn = len(kinds)
    sampled_h = np.flatnonzero(hsel)
    attach = (rng.random(nn) < 0.6) & (len(sampled_h) > 0)
    ah = sampled_h[rng.integers(0, max(len(sampled_h), 1), nn)] if len(sampled_h) else np.zeros(nn, np.int64)
    posko_kel = rng.choice(len(kel.weight), size=nn, p=kel.weight)
    nkel = np.where(attach, pop["hkel"][ah], posko_kel)
    ntps_k = pop["kel_ntps"][nkel]
    ntps = np.where(attach, pop["htps"][ah], 1 + (rng.random(nn) * ntps_k).astype(np.int64))
    pa, prt, prw = _addresses(rng, nn, nkel, pop["n_kel"])
    nalamat = np.where(attach, pop["alamat_h"][ah], pa)
    nrt = np.where(attach, pop["rt_h"][ah], prt)
    nrw = np.where(attach, pop["rw_h"][ah], prw)
    nnkk = np.where(attach, pop["nkk_h"][ah], _fresh_nkk(rng, kel.kec_code[nkel]))
    male_only = np.isin(kinds, ["purnawirawan_tni", "purnawirawan_polri", "tms_6", "tms_7"])
    female_n = np.where(kinds == "kawin_bawah_17", True, ~male_only & (rng.random(nn) < 0.5))
    cut = np.datetime64(CUTOFF, "D").astype(np.int64)
    elec = np.datetime64(ELECTION, "D").astype(np.int64)
    days = np.select(
        [kinds == "baru_17", np.isin(kinds, ["kawin_bawah_17", "tms_3"]),
         np.isin(kinds, ["purnawirawan_tni", "purnawirawan_polri"]), np.isin(kinds, ["tms_6", "tms_7"])],
        [cut - rng.integers(0, 365, nn), cut + rng.integers(1, 600, nn),
         elec - rng.integers(56 * 365, 75 * 365, nn), elec - rng.integers(21 * 365, 50 * 365, nn)],
        elec - rng.integers(20 * 365, 65 * 365, nn))
    ny, nm, nd = ymd(days)
    nusia = age_on(ny, nm, nd, ELECTION)
    nkawin = np.where(np.isin(kinds, ["kawin_bawah_17", "purnawirawan_tni", "purnawirawan_polri"]),
                      "S", np.where(np.isin(kinds, ["baru_17", "tms_3"]), "B",
                                    np.where(rng.random(nn) < 0.6, "S", "B"))).astype(object)
    nsex = np.where(female_n, "P", "L").astype(object)
    norigin = np.where(attach, pop["origin"][pop["hstart"][ah]], rng.choice(4, size=nn, p=ORIGIN_P))
    nbase, nfirst, _ = make_names(rng, nsex, nusia, norigin, rng.integers(0, 10**6, nn))
    head = pop["hstart"][ah]
    share = attach & (norigin <= 1) & (rng.random(nn) < 0.2) & np.isin(kinds, ["baru_17", "tms_3"])
    nbase[share] = nfirst[share] + " " + pop["last"][head[share]]
    region = np.where(rng.random(nn) < 0.85, 167100 + kel.kec_code[nkel].astype(np.int64),
                      167100 + rng.integers(1, 19, nn))
    nnik = ((region * 1_000_000 + (nd + 40 * female_n) * 10000 + nm * 100 + ny % 100) * 10_000
            + rng.integers(5001, 9999, nn)).astype("U16").astype(object)
    N_ = {
        "kel": nkel, "tps": ntps, "nkk": nnkk, "nik": nnik, "nama": nbase,
        "tempat": pick(N.TEMPAT_LAHIR, rng.integers(0, len(N.TEMPAT_LAHIR), nn)),
        "y": ny, "m": nm, "d": nd, "usia": nusia, "sex": nsex, "kawin": nkawin,
        "alamat": nalamat, "rt": nrt, "rw": nrw,
        "hpos": np.where(attach, ah.astype(float) + 0.5, H + rng.random(nn) * H),
        "member": np.where(attach, 10, 0), "cat": kinds,
    }
    F = {k: np.r_[F[k], N_[k]] for k in F}
    is_new = np.r_[np.zeros(n_l, bool), np.ones(nn, bool)]
    labels = [(name, np.r_[mask, np.zeros(nn, bool)]) for name, mask in labels]
    out, more = _messy_field(rng, F, kel, pop)
    labels += more

    order = _sort_positions(F["kel"], F["hpos"], F["member"])
    n_f = len(order)
    baris_f = np.empty(n_f, np.int64)
    baris_f[order] = np.arange(n_f) + 2
    field = {c: out[c][order] for c in out}
    field = {"No": np.arange(1, n_f + 1).astype(str).astype(object), **field}

    jenis = np.full(n_f, "", dtype=object)
    for name, mask in labels:
        jenis = np.where(mask, np.where(jenis == "", name, jenis + ";" + name), jenis)
    jenis = np.where(jenis == "", "bersih", jenis)
    link_rows = np.arange(n_l)
    tautan = pd.DataFrame({"baris_lapangan": baris_f[link_rows], "baris_dpt": baris_of[lp],
                           "jenis": jenis[link_rows]}).sort_values("baris_lapangan")
    new_rows = np.arange(n_l, n_f)
    eligible_new = new_rows[np.isin(F["cat"][new_rows], NEW_KINDS)]
    belum = pd.DataFrame({"baris_lapangan": baris_f[eligible_new],
                          "alasan": F["cat"][eligible_new]}).sort_values("baris_lapangan")
    tms_l = np.flatnonzero(np.char.startswith(F["cat"][:n_l].astype(str), "tms_")
                           | (F["cat"][:n_l] == "bukan_penduduk"))
    tms = pd.DataFrame({"baris_dpt": baris_of[lp[tms_l]], "kategori": F["cat"][tms_l],
                        "sumber": "lapangan", "baris_lapangan": baris_f[tms_l].astype(str)})
    hasil = np.where(~is_new, "cocok",
                     np.where(np.isin(F["cat"], NEW_KINDS), "belum_terdaftar", "tidak_terdaftar_tms"))
    bdpt = np.full(n_f, "", dtype=object)
    bdpt[:n_l] = baris_of[lp].astype(str)
    lap = pd.DataFrame({"baris_lapangan": baris_f, "hasil": hasil, "baris_dpt": bdpt,
                        "kategori": F["cat"]}).sort_values("baris_lapangan")
    return field, {"tautan": tautan.reset_index(drop=True), "belum_terdaftar": belum.reset_index(drop=True),
                   "lapangan": lap.reset_index(drop=True), "tms": tms}


def _messy_field(rng, F, kel, pop):
    """Turn clean values into what an officer types. Returns (columns, [(label, mask)])."""
    n = len(F["nik"])
    labels = []
    # NIK and NKK
    u = rng.random(n)
    nik = F["nik"].copy()
    no_nik = u < 0.15
    masked = (u >= 0.15) & (u < 0.25)
    nik_t = (u >= 0.25) & (u < 0.30)
    nik[nik_t] = nik_typo(nik[nik_t], rng)
    s = pd.Series(nik, dtype=object)
    mid = rng.random(n) < 0.6
    mask_mid = s.str[:6] + "******" + s.str[12:]
    mask_end = s.str[:12] + "****"
    nik = np.where(masked, np.where(mid, mask_mid, mask_end), nik)
    nik = np.where(no_nik, "", nik)
    labels += [("tanpa_nik", no_nik), ("nik_tersamar", masked), ("salah_ketik_nik", nik_t)]
    nkk = pd.Series(F["nkk"], dtype=object)
    nkk = np.where(masked, nkk.str[:6] + "******" + nkk.str[12:], nkk)
    nkk = np.where(rng.random(n) < 0.3, "", nkk)

    # name
    nama = F["nama"].copy()
    u = rng.random(n)
    t_ = u < 0.08
    nama[t_] = typo(nama[t_], rng, np.where(rng.random(t_.sum()) < 0.75, 1, 2))
    v_ = (u >= 0.08) & (u < 0.16)
    vkind = np.full(n, "", dtype=object)
    nama[v_], vkind[v_] = name_variant(nama[v_], F["sex"][v_], F["usia"][v_], rng)
    nama, case = _vary_case(nama, rng, 0.10)
    labels += [("salah_ketik_nama", t_ | (vkind == "salah_ketik_nama")),
               ("varian_nama", v_ & (vkind != "salah_ketik_nama")), ("huruf_campur", case)]

    # birth date
    y, m, d = F["y"], F["m"], F["d"]
    fmt = rng.choice(5, size=n, p=[0.45, 0.20, 0.15, 0.10, 0.10])
    bulan = np.array(BULAN, dtype=object)
    tgl = np.select(
        [fmt == 0, fmt == 1, fmt == 2, fmt == 3],
        [date_str(y, m, d), num(d) + "/" + num(m) + "/" + num(y),
         pad3(d).astype(str).astype(object) + "", num(y) + "-" + date_str(0 * y + 2000, d, m)],
        num(d) + " " + bulan[m] + " " + num(y))
    # fmt 2: DD/MM/YYYY, fmt 3: YYYY-MM-DD (built from pieces)
    from coklit.synth.population import _D2
    tgl = np.where(fmt == 2, _D2[d] + "/" + _D2[m] + "/" + num(y), tgl)
    tgl = np.where(fmt == 3, num(y) + "-" + _D2[m] + "-" + _D2[d], tgl)
    no_date = rng.random(n) < 0.10
    tgl = np.where(no_date, "", tgl)
    labels += [("tanpa_tanggal", no_date), ("format_tanggal", ~no_date & (fmt != 0))]

    # address
    alamat = pd.Series(F["alamat"], dtype=object)
    orig = alamat.copy()
    for short, long_, p in (("JL. ", "JALAN ", 0.3), ("LR. ", "LORONG ", 0.3), ("GG. ", "GANG ", 0.3),
                            ("KOMP. ", "KOMPLEK ", 0.3), ("PERUM. ", "PERUMAHAN ", 0.3)):
        pick_ = rng.random(n) < p
        alamat = alamat.where(~pick_, alamat.str.replace(short, long_, regex=False))
    inside = rng.random(n) < 0.2
    alamat = np.where(inside, _with_rt(alamat.to_numpy(object), F["rt"], F["rw"], rng),
                      alamat.to_numpy(object))
    labels.append(("alamat_beda", alamat != orig.to_numpy(object)))
    unpadded = rng.random(n) < 0.5
    rt = np.where(unpadded, num(F["rt"]), pad3(F["rt"]))
    rw = np.where(unpadded, num(F["rw"]), pad3(F["rw"]))

    tf = rng.random(n)
    tps = np.select([tf < 0.4, tf < 0.7], [num(F["tps"]), _D2[np.minimum(F["tps"], 99)]],
                    pad3(F["tps"]))
    kec, kcase = _vary_case(kel.kec_name[F["kel"]], rng, 0.0)
    kc = rng.random(n) < 0.2
    kec = np.where(kc, _title(kel.kec_name[F["kel"]]), kel.kec_name[F["kel"]])
    kl = np.where(kc, _title(kel.name[F["kel"]]), kel.name[F["kel"]])
    jk = np.where(rng.random(n) < 0.7, F["sex"], np.where(F["sex"] == "L", "LAKI-LAKI", "PEREMPUAN"))
    kw = np.where(rng.random(n) < 0.6, F["kawin"],
                  np.select([F["kawin"] == "B", F["kawin"] == "S"], ["BELUM KAWIN", "KAWIN"], "CERAI"))
    tempat = F["tempat"].copy()
    tt = rng.random(n)
    tempat = np.where(tt < 0.15, "", np.where(tt < 0.3, _title(tempat), tempat))
    usia = np.where(rng.random(n) < 0.6, num(np.clip(F["usia"], 0, 9999)), "")

    cat = F["cat"]
    age = F["usia"]
    fem = F["sex"] == "P"
    job_pool = np.array(N.PEKERJAAN, dtype=object)
    job = job_pool[rng.integers(0, len(job_pool), n)]
    job = np.where(fem & (rng.random(n) < 0.4), "MENGURUS RUMAH TANGGA", job)
    job = np.where(age < 23, "PELAJAR/MAHASISWA", job)
    job = np.where((age >= 58) & (rng.random(n) < 0.4), "PENSIUNAN", job)
    job = np.where(np.isin(cat, ["tms_6"]), "TNI", job)
    job = np.where(np.isin(cat, ["tms_7"]), "POLRI", job)
    job = np.where(np.isin(cat, ["purnawirawan_tni", "purnawirawan_polri"]), "PENSIUNAN", job)

    status = np.full(n, "", dtype=object)
    for c in sorted(set(cat.tolist())):
        sel = cat == c
        texts = np.array(STATUS_TEXT[c], dtype=object)
        status[sel] = texts[rng.integers(0, len(texts), sel.sum())]
    scase = rng.random(n)
    status = np.where(scase < 0.15, _title(status), np.where(scase < 0.25,
                      pd.Series(status, dtype=object).str.lower().to_numpy(object), status))
    ket = np.full(n, "", dtype=object)
    ket = np.where((cat == "tms_1") & (rng.random(n) < 0.6),
                   "meninggal th " + num(rng.integers(2019, 2025, n)), ket)
    dest = np.array(["JAKARTA", "KAB. BANYUASIN", "PRABUMULIH", "OGAN ILIR", "BATAM", "LAMPUNG"],
                    dtype=object)
    ket = np.where((cat == "tms_4") & (rng.random(n) < 0.6),
                   "pindah ke " + dest[rng.integers(0, len(dest), n)], ket)
    ket = np.where((cat == "tms_8") & (rng.random(n) < 0.5), "terdaftar di TPS lain", ket)
    ket = np.where(np.isin(cat, NEW_KINDS) & (rng.random(n) < 0.3), "belum masuk DPT", ket)
    ket = np.where((cat == "ms") & (rng.random(n) < 0.02), "uji petik", ket)
    out = {"KECAMATAN": kec, "KELURAHAN": kl, "No TPS": tps, "No KK": nkk, "NIK": nik,
           "NAMA": nama, "TEMPAT LAHIR": tempat, "TANGGAL LAHIR": tgl, "Usia": usia, "JK": jk,
           "STATUS KAWIN": kw, "ALAMAT": alamat, "RT": rt, "RW": rw, "Pekerjaan": job,
           "STATUS": status, "KETERANGAN": ket}
    return {k: np.asarray(v, dtype=object) for k, v in out.items()}, labels


README = """KUNCI JAWABAN DATA SINTETIS coklit
Semua orang, NIK, NKK, nama dan alamat di folder ini REKAAN; tidak ada data orang sungguhan.
"baris" = nomor baris seperti terlihat di spreadsheet: baris 1 judul kolom, data mulai baris 2.

ganda.csv           baris_a,baris_b,jenis  - pasangan pemilih ganda sebenarnya di dpt.csv
                    (kelompok 3 baris = 3 pasangan). jenis: identik, salah_ketik_nik,
                    varian_nama, tukar_tanggal, pindah_kecamatan, salah_ketik_nama
                    (pasangan dua salinan: "jenis1+jenis2").
tautan.csv          baris_lapangan,baris_dpt,jenis - catatan lapangan yang sebenarnya orang di DPT.
                    jenis = kekacauan yang diterapkan (tanpa_nik;salah_ketik_nama;...), "bersih"
                    bila tidak ada. Bila orangnya ganda, tautan menunjuk baris ASLI (baris di
                    rumah tangganya), bukan salinannya.
belum_terdaftar.csv baris_lapangan,alasan - orang yang memenuhi syarat tetapi tidak ada di DPT
                    (baru_17, pindah_masuk, purnawirawan_tni, purnawirawan_polri, kawin_bawah_17).
tms.csv             baris_dpt,kategori,sumber,baris_lapangan - baris DPT yang tidak memenuhi
                    syarat. sumber "lapangan": menurut catatan lapangan (baris_lapangan diisi);
                    sumber "dpt": terlihat dari DPT sendiri (di bawah umur, tms_3).
negatif_sulit.csv   baris_a,baris_b,jenis - pasangan MIRIP yang BUKAN ganda: kembar, ayah_anak,
                    nama_umum (nama sangat umum + tanggal lahir sama), nik_sama (satu NIK dipakai
                    dua orang berbeda: temuan tersendiri, bukan ganda).
lapangan.csv        baris_lapangan,hasil,baris_dpt,kategori - satu baris per catatan lapangan.
                    hasil: cocok (ada di DPT), belum_terdaftar, tidak_terdaftar_tms (tidak di DPT
                    dan memang tidak memenuhi syarat: di bawah 17 belum kawin, TNI/Polri aktif).
"""


def _write(out: Path, dpt: dict, field: dict, key: dict) -> None:
    out.mkdir(parents=True, exist_ok=True)
    kunci = out / "kunci"
    kunci.mkdir(exist_ok=True)
    _write_csv(out / "dpt.csv", {c: dpt[c] for c in DPT_COLUMNS})
    _write_csv(out / "lapangan.csv", {c: field[c] for c in FIELD_COLUMNS})
    for name in ("ganda", "tautan", "belum_terdaftar", "tms", "negatif_sulit", "lapangan"):
        df = key[name]
        _write_csv(kunci / f"{name}.csv", {c: df[c].to_numpy() for c in df.columns})
    (kunci / "README.txt").write_text(README, encoding="utf-8")


def _csv_cells(values: np.ndarray) -> np.ndarray:
    """Values as CSV cells: text, quoted (RFC 4180) only when it holds a comma, quote or newline."""
    values = np.asarray(values)
    out = (values if values.dtype == object else values.astype(str)).astype(object)
    joined = "\x00".join(out.tolist())
    if not any(ch in joined for ch in ',"\r\n'):
        return out
    s = pd.Series(out, dtype=object)
    need = (s.str.contains(",", regex=False) | s.str.contains('"', regex=False)
            | s.str.contains("\n", regex=False) | s.str.contains("\r", regex=False)).to_numpy(bool)
    out = out.copy()
    out[need] = '"' + s[need].str.replace('"', '""', regex=False).to_numpy(object) + '"'
    return out


def _write_csv(path: Path, columns: dict[str, np.ndarray]) -> None:
    """Comma-separated UTF-8 with LF line ends; faster than DataFrame.to_csv for object text."""
    names = list(columns)
    header = ",".join(_csv_cells(np.array(names, dtype=object)))
    n = len(columns[names[0]]) if names else 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(header + "\n")
        step = 200_000
        for start in range(0, n, step):  # chunks keep memory flat at 1.24 million rows
            cells = [_csv_cells(columns[name][start:start + step]).tolist() for name in names]
            fh.write("\n".join(map(",".join, zip(*cells, strict=True))))
            fh.write("\n")
