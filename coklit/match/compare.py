"""Per-field comparison of candidate pairs into ordered agreement levels (gamma).

Each comparison returns an int8 level per pair: -1 when either side lacks the value (the
field then says nothing either way), 0 for clear disagreement and higher numbers for more
agreement. The level names, in order, are in ``LEVELS``; the model (``spec``) turns levels
into weights. All functions work on whole arrays of pair positions ``i`` (into ``a``) and
``j`` (into ``b``); nothing loops over pairs in Python.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, JaroWinkler

from coklit.match.features import Features, splitmix
from coklit.nik import DATE, MASKED, REGION, SERIAL

# Level names per comparison, weakest agreement first.
LEVELS: dict[str, tuple[str, ...]] = {
    "nik": ("beda", "urut_beda", "tersamar_cocok", "wilayah_beda", "tanggal_salah_ketik",
            "sama"),
    "nama": ("beda", "agak_mirip", "sebagian", "mirip", "hampir_sama", "sama"),
    "tgl": ("beda", "dekat", "tertukar", "sama"),
    "jk": ("beda", "sama"),
    "tempat": ("beda", "mirip", "sama"),
    "wilayah": ("beda", "kabupaten_sama", "kecamatan_sama", "kelurahan_sama"),
    "alamat": ("beda", "rt_rw_sama", "mirip", "hampir_sama", "sama"),
    "kk": ("beda", "tersamar_cocok", "sama"),
    "kodepos": ("beda", "sama"),
}

# Similarity cut-offs.
NAME_SIMILAR = 0.92  # Jaro-Winkler on the normalised name: "mirip"
NAME_WEAK = 0.80  # Jaro-Winkler: "agak mirip"
NAME_TOKEN_WEAK = 80.0  # token-set ratio (0-100) that still counts as "agak mirip"
PLACE_SIMILAR = 0.92  # Jaro-Winkler between two spellings of one place name
ADDRESS_NEAR = 0.95  # Jaro-Winkler: "hampir sama" (a typo, a dropped letter)
ADDRESS_SIMILAR = 85.0  # token-set ratio: "mirip" (abbreviation, a missing part)
MIN_VISIBLE_DIGITS = 8  # a masked NIK/NKK must show this many digits both sides can see

# Threads rapidfuzz uses per call (-1: every core). A worker process of a cluster sets its
# own share (coklit.match.distributed) so that workers do not oversubscribe the cores.
STRING_WORKERS = -1


def _null(n: int) -> np.ndarray:
    return np.full(n, -1, dtype=np.int8)


def _distinct(ha: np.ndarray, hb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the first pair of each distinct (value a, value b) combination, and the
    combination of every pair: a string scorer then runs once per distinct combination
    (candidate pairs repeat the same two addresses, places and names many times)."""
    key = splitmix(ha * np.uint64(0x9E3779B97F4A7C15) ^ splitmix(hb))
    codes, uniques = pd.factorize(key, sort=False)
    first = np.empty(len(uniques), dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)
    return first, codes


# Text features with few distinct values (place names): scored once per distinct pair of
# values. Names and addresses are nearly all distinct pairs, where finding the distinct
# pairs costs more than it saves.
FEW_VALUES = frozenset({"tempat", "kab", "kec", "kel"})


def _scores(scorer: Callable[..., float], a: Features, b: Features, name: str, i: np.ndarray,
            j: np.ndarray, cutoff: float | None = None) -> np.ndarray:
    """``scorer`` on the text feature ``name`` of each pair (a[i], b[j]); below ``cutoff``
    the value is 0 (computed faster)."""
    if len(i) == 0:
        return np.zeros(0)
    if name not in FEW_VALUES:
        return process.cpdist(a.text[name][i], b.text[name][j], scorer=scorer,
                              workers=STRING_WORKERS, score_cutoff=cutoff)
    first, codes = _distinct(a.hashes[name][i], b.hashes[name][j])
    x, y = a.text[name][i[first]], b.text[name][j[first]]
    return process.cpdist(x, y, scorer=scorer, workers=STRING_WORKERS, score_cutoff=cutoff)[codes]


def _jw(a: Features, b: Features, name: str, i: np.ndarray, j: np.ndarray,
        cutoff: float | None = None) -> np.ndarray:
    """Jaro-Winkler similarity per pair; below ``cutoff`` the value is 0 (computed faster)."""
    return _scores(JaroWinkler.normalized_similarity, a, b, name, i, j, cutoff)


def compare_nik(a: Features, b: Features, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """NIK structure (16 digits: region 0-5, birth date 6-11, serial 12-15).

    - sama: all 16 digits equal.
    - tanggal_salah_ketik: region and serial equal, the date part one substitution or
      adjacent swap apart, and at least one NIK disagrees with its own written birth date (a
      typo; two NIKs that each agree with their own, different, dates are two people).
    - wilayah_beda: date part and serial equal, region differs (a NIK issued again by another
      office: the same person registered twice).
    - tersamar_cocok: one side masked (published lists hide digits), the digits both sides
      show agree (at least MIN_VISIBLE_DIGITS of them).
    - urut_beda: region and date part equal, serial differs (two people born on one day and
      registered by one office: twins, or a common name in one kecamatan).
    - beda: anything else.
    """
    sa, sb = a.nik_state[i], b.nik_state[j]
    level = _null(len(i))
    both = (sa > 0) & (sb > 0)
    if not both.any():
        return level
    ib, jb = i[both], j[both]
    da, db = a.nik[ib], b.nik[jb]
    visible = (da < MASKED) & (db < MASKED)
    differ = (da != db) & visible
    masked = (sa[both] == 2) | (sb[both] == 2)
    lv = np.zeros(len(ib), dtype=np.int8)
    region_eq = ~differ[:, REGION].any(axis=1)
    date_eq = ~differ[:, DATE].any(axis=1)
    serial_eq = ~differ[:, SERIAL].any(axis=1)
    full = ~masked
    lv[full & region_eq & date_eq & ~serial_eq] = 1
    lv[masked & ~differ.any(axis=1) & (visible.sum(axis=1) >= MIN_VISIBLE_DIGITS)] = 2
    lv[full & ~region_eq & date_eq & serial_eq] = 3
    # One substitution or one adjacent transposition inside the date part.
    n_date = differ[:, DATE].sum(axis=1)
    first = DATE.start + np.argmax(differ[:, DATE], axis=1)
    nxt = np.minimum(first + 1, DATE.stop - 1)
    rows = np.arange(len(ib))
    swapped = ((n_date == 2) & differ[rows, nxt] & (da[rows, first] == db[rows, nxt])
               & (da[rows, nxt] == db[rows, first]))
    near_date = (n_date == 1) | swapped
    consistent = a.flags["nik_date_ok"][ib] & b.flags["nik_date_ok"][jb]
    lv[full & region_eq & serial_eq & near_date & ~consistent] = 4
    lv[full & ~differ.any(axis=1)] = 5
    level[both] = lv
    return level


def name_similarity(a: Features, b: Features, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Jaro-Winkler similarity (0-1) of the normalised names of each pair."""
    ha, hb = a.hashes["nama"][i], b.hashes["nama"][j]
    sim = np.where(ha == hb, 1.0, 0.0)
    rest = np.flatnonzero(ha != hb)
    sim[rest] = _jw(a, b, "nama", i[rest], j[rest])
    return sim


def compare_names(a: Features, b: Features, i: np.ndarray, j: np.ndarray,
                  jw: np.ndarray | None = None) -> np.ndarray:
    """Name levels on the normalised matching form (titles, nobility, BIN tail and old
    spelling already folded by ``coklit.normalize.names``):

    - sama: equal.
    - hampir_sama: one edit or adjacent swap apart, or the same phonetic key (which also
      makes a different token order equal).
    - mirip: Jaro-Winkler >= NAME_SIMILAR, or every token of a name of two or more tokens
      found in the other (a dropped or added given name or surname).
    - sebagian: the first or last token of one name is the first or last token of the other
      (one part replaced, or given name and surname swapped with a typo).
    - agak_mirip: Jaro-Winkler >= NAME_WEAK or token-set ratio >= NAME_TOKEN_WEAK.
    - beda.
    """
    ha, hb = a.hashes["nama"][i], b.hashes["nama"][j]
    empty = (ha == 0) | (hb == 0)
    level = np.zeros(len(i), dtype=np.int8)
    if jw is None:
        jw = name_similarity(a, b, i, j)
    rest = np.flatnonzero(~empty & (ha != hb))
    if len(rest):
        ir, jr, sim = i[rest], j[rest], jw[rest]
        lv = np.zeros(len(rest), dtype=np.int8)
        low = np.flatnonzero(sim < NAME_SIMILAR)
        if len(low):
            tok = _scores(fuzz.token_set_ratio, a, b, "nama", ir[low], jr[low], NAME_TOKEN_WEAK)
            lv[low[(sim[low] >= NAME_WEAK) | (tok >= NAME_TOKEN_WEAK)]] = 1
            fa, la = a.hashes["depan"][ir[low]], a.hashes["belakang"][ir[low]]
            fb, lb = b.hashes["depan"][jr[low]], b.hashes["belakang"][jr[low]]
            shared = ((fa == fb) | (fa == lb) | (la == fb) | (la == lb)) & (fa != 0) & (fb != 0)
            lv[low[shared]] = 2
            ta, tb = a.ints["nama_tokens"][ir[low]], b.ints["nama_tokens"][jr[low]]
            contained = (tok >= 100) & (np.minimum(ta, tb) >= 2)
            lv[low[contained]] = 3
        lv[sim >= NAME_SIMILAR] = 3
        high = np.flatnonzero(sim >= NAME_WEAK)
        if len(high):
            dist = _scores(OSA.distance, a, b, "nama", ir[high], jr[high], 2)
            lv[high[dist <= 1]] = 4
        ka, kb = a.hashes["nama_key"][ir], b.hashes["nama_key"][jr]
        lv[(ka == kb) & (ka != 0)] = 4
        level[rest] = lv
    level[~empty & (ha == hb)] = 5
    level[empty] = -1
    return level


def _one_digit_apart(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """True where two 8-digit numbers differ in exactly one decimal digit."""
    diff = np.zeros(len(x), dtype=np.int8)
    xx, yy = x.copy(), y.copy()
    for _ in range(8):
        diff += (xx % 10 != yy % 10).astype(np.int8)
        xx //= 10
        yy //= 10
    return diff == 1


def compare_dates(a: Features, b: Features, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Birth-date levels: sama; tertukar (day and month swapped); dekat (same year and
    month, or one digit different); beda. A record without a written date uses the date its
    NIK encodes."""
    ta, tb = a.ints["tgl"][i], b.ints["tgl"][j]
    known = (ta >= 0) & (tb >= 0)
    level = _null(len(i))
    ya, ma, da = a.ints["tgl_y"][i], a.ints["tgl_m"][i], a.ints["tgl_d"][i]
    yb, mb, db = b.ints["tgl_y"][j], b.ints["tgl_m"][j], b.ints["tgl_d"][j]
    lv = np.zeros(len(i), dtype=np.int8)
    lv[((ya == yb) & (ma == mb)) | _one_digit_apart(ta, tb)] = 1
    lv[(ya == yb) & (da == mb) & (ma == db) & (da != ma)] = 2
    lv[ta == tb] = 3
    level[known] = lv[known]
    return level


def compare_gender(a: Features, b: Features, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    ga, gb = a.ints["jk"][i], b.ints["jk"][j]
    level = (ga == gb).astype(np.int8)
    level[(ga < 0) | (gb < 0)] = -1
    return level


def _text_levels(a: Features, b: Features, i: np.ndarray, j: np.ndarray, name: str,
                 similar: float) -> np.ndarray:
    """beda / mirip (Jaro-Winkler >= ``similar``) / sama on a text feature."""
    ha, hb = a.hashes[name][i], b.hashes[name][j]
    level = np.where(ha == hb, 2, 0).astype(np.int8)
    rest = np.flatnonzero((ha != hb) & (ha != 0) & (hb != 0))
    if len(rest):
        sim = _jw(a, b, name, i[rest], j[rest], similar)
        level[rest[sim >= similar]] = 1
    level[(ha == 0) | (hb == 0)] = -1
    return level


def compare_birthplace(a: Features, b: Features, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Birth place: sama, mirip (a variant spelling), beda."""
    return _text_levels(a, b, i, j, "tempat", PLACE_SIMILAR)


# Administrative levels from the widest to the narrowest; the wilayah comparison uses the
# ones both inputs carry.
PLACE_LEVELS: tuple[tuple[str, str], ...] = (
    ("kab", "kabupaten_sama"), ("kec", "kecamatan_sama"), ("kel", "kelurahan_sama"))


def compare_places(a: Features, b: Features, i: np.ndarray, j: np.ndarray,
                   levels: tuple[str, ...]) -> np.ndarray:
    """The narrowest administrative area both records share: kelurahan_sama,
    kecamatan_sama, kabupaten_sama, beda (only the areas in ``levels`` are looked at). A
    kelurahan counts as shared only when the wider areas known on both sides agree too (the
    same kelurahan name exists in several kecamatan). Spelling variants (Jaro-Winkler >=
    PLACE_SIMILAR) count as the same name."""
    level = _null(len(i))
    agree_so_far = np.ones(len(i), dtype=bool)
    for feature, name in PLACE_LEVELS:
        if name not in levels:
            continue
        lv = _text_levels(a, b, i, j, feature, PLACE_SIMILAR)
        known = lv >= 0
        same = lv >= 1
        level[known & (level < 0)] = 0
        agree_so_far &= ~known | same
        level[known & same & agree_so_far] = levels.index(name)
    return level


def compare_address(a: Features, b: Features, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Street address (with house number) and RT/RW:

    - sama: the same normalised address, RT/RW not contradicting.
    - hampir_sama: a typo apart (Jaro-Winkler >= ADDRESS_NEAR), RT/RW not contradicting.
    - mirip: token-set ratio >= ADDRESS_SIMILAR (an abbreviation, a missing lorong or house
      number), or the same address in another RT/RW.
    - rt_rw_sama: other or unknown street, same RT and RW.
    - beda.
    """
    ha, hb = a.hashes["alamat"][i], b.hashes["alamat"][j]
    have = (ha != 0) & (hb != 0)
    rta, rtb = a.ints["rt"][i], b.ints["rt"][j]
    rwa, rwb = a.ints["rw"][i], b.ints["rw"][j]
    have_rt = (rta >= 0) & (rtb >= 0) & (rwa >= 0) & (rwb >= 0)
    rt_same = have_rt & (rta == rtb) & (rwa == rwb)
    rt_conflict = have_rt & ~rt_same
    level = np.zeros(len(i), dtype=np.int8)
    level[rt_same] = 1
    rest = np.flatnonzero(have & (ha != hb))
    if len(rest):
        ir, jr = i[rest], j[rest]
        tok = _scores(fuzz.token_set_ratio, a, b, "alamat", ir, jr, ADDRESS_SIMILAR)
        jw = _jw(a, b, "alamat", ir, jr, ADDRESS_NEAR)
        lv = np.where(tok >= ADDRESS_SIMILAR, 2, level[rest])
        lv = np.where((jw >= ADDRESS_NEAR) & ~rt_conflict[rest], 3, lv)
        level[rest] = lv
    exact = have & (ha == hb)
    level[exact] = np.where(rt_conflict[exact], 2, 4)
    level[~have & ~have_rt] = -1
    return level


def compare_family_card(a: Features, b: Features, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Family card (NKK): sama, tersamar_cocok (masked, visible digits agree), beda."""
    sa, sb = a.nkk_state[i], b.nkk_state[j]
    level = _null(len(i))
    both = (sa > 0) & (sb > 0)
    if not both.any():
        return level
    da, db = a.nkk[i[both]], b.nkk[j[both]]
    visible = (da < MASKED) & (db < MASKED)
    agree = ~((da != db) & visible).any(axis=1)
    masked = (sa[both] == 2) | (sb[both] == 2)
    lv = np.zeros(both.sum(), dtype=np.int8)
    lv[agree & masked & (visible.sum(axis=1) >= MIN_VISIBLE_DIGITS)] = 1
    lv[agree & ~masked] = 2
    level[both] = lv
    return level


def compare_postcode(a: Features, b: Features, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    ha, hb = a.hashes["kodepos"][i], b.hashes["kodepos"][j]
    level = (ha == hb).astype(np.int8)
    level[(ha == 0) | (hb == 0)] = -1
    return level


Comparator = Callable[[Features, Features, np.ndarray, np.ndarray], np.ndarray]

# comparison -> (function, features both sides must carry)
COMPARATORS: dict[str, tuple[Comparator, tuple[str, ...]]] = {
    "nik": (compare_nik, ("nik",)),
    "nama": (compare_names, ("nama",)),
    "tgl": (compare_dates, ("tgl",)),
    "jk": (compare_gender, ("jk",)),
    "tempat": (compare_birthplace, ("tempat",)),
    "alamat": (compare_address, ("alamat",)),
    "kk": (compare_family_card, ("nkk",)),
    "kodepos": (compare_postcode, ("kodepos",)),
}
