"""Per-field comparison of candidate pairs into discrete agreement levels (gamma).

Each comparison returns an int8 level per pair: -1 when either side lacks the value (the
field then says nothing either way), 0 for clear disagreement and higher numbers for
stronger agreement. Level meanings are in ``LEVELS``; the model turns them into weights.
All functions work on whole arrays of pair positions ``i`` (left) and ``j`` (right).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler, Levenshtein

from coklit.match.prepare import MASKED, Prepared

COMPARISONS: tuple[str, ...] = ("nik", "nama", "tgl", "jk", "tempat", "domisili")

# Level names per comparison, index = level.
LEVELS: dict[str, tuple[str, ...]] = {
    "nik": ("beda", "tersamar_cocok", "hampir_lemah", "hampir", "sama"),
    "nama": ("beda", "agak_mirip", "mirip", "hampir_sama", "sama"),
    "tgl": ("beda", "dekat", "tertukar", "sama"),
    "jk": ("beda", "sama"),
    "tempat": ("beda", "sama"),
    "domisili": ("beda_kecamatan", "kecamatan_sama", "kelurahan_sama", "rt_rw_sama", "kk_sama"),
}
DATE_START = 6  # NIK positions 6-11 are the birth date DDMMYY (day + 40 for women)
SERIAL_START = 12  # NIK positions 12-15 are the serial number

# Name similarity cut-offs (Jaro-Winkler on the normalised matching form).
NAME_SIMILAR = 0.92
NAME_WEAK = 0.80
TOKEN_WEAK = 90.0  # token-set ratio (0-100) that still counts as a weak agreement
ADDRESS_SIMILAR = 85.0


def compare_nik(a: Prepared, b: Prepared, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """NIK levels: sama (all 16 digits equal); hampir (one substitution or adjacent swap in
    the date part while the NIK disagrees with its own record's birth date: a typo);
    hampir_lemah (one digit off anywhere else); tersamar_cocok (one side masked, the visible
    digits agree); beda.

    Why "one digit off" is split: people born on one day carry NIKs that differ only in the
    region code (neighbouring kecamatan codes 16.71.01 and 16.71.04 are one digit apart) or
    only in the serial (0001, 0002 … per region and date: twins), so those differences are
    what different people look like, not typos. A difference in the date part where each
    NIK agrees with its own birth date is two people born on nearby dates: beda."""
    sa, sb = a.nik_state[i], b.nik_state[j]
    level = np.full(len(i), -1, dtype=np.int8)
    both = (sa > 0) & (sb > 0)
    if not both.any():
        return level
    da, db = a.nik[i[both]], b.nik[j[both]]
    visible = (da < MASKED) & (db < MASKED)
    diff = (da != db) & visible
    n_diff = diff.sum(axis=1)
    masked = (sa[both] == 2) | (sb[both] == 2)
    lv = np.zeros(both.sum(), dtype=np.int8)
    full = ~masked
    lv[full & (n_diff == 0)] = 4
    # One substitution.
    one = full & (n_diff == 1)
    first_diff = np.argmax(diff, axis=1)
    # Adjacent transposition: exactly two neighbouring positions differ and are swapped.
    two = full & (n_diff == 2)
    pos = np.argmax(diff, axis=1)
    nxt = np.minimum(pos + 1, 15)
    rows = np.arange(len(lv))
    swapped = (
        two
        & diff[rows, nxt]
        & (da[rows, pos] == db[rows, nxt])
        & (da[rows, nxt] == db[rows, pos])
    )
    near = one | swapped
    in_date = (first_diff >= DATE_START) & (first_diff < SERIAL_START)
    consistent = a.nik_date_ok[i[both]] & b.nik_date_ok[j[both]]
    lv[near & ~in_date] = 2
    lv[near & in_date & ~consistent] = 3
    overlap = visible.sum(axis=1)
    lv[masked & (n_diff == 0) & (overlap >= 6)] = 1
    level[both] = lv
    return level


def name_similarity(a: Prepared, b: Prepared, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Jaro-Winkler similarity (0-1) of the normalised names of each pair."""
    na, nb = a.column("nama")[i], b.column("nama")[j]
    return process.cpdist(na, nb, scorer=JaroWinkler.normalized_similarity, workers=-1)


def compare_names(
    a: Prepared, b: Prepared, i: np.ndarray, j: np.ndarray, jw: np.ndarray
) -> np.ndarray:
    """Name levels on the normalised matching form: sama (equal), hampir_sama (one edit or the
    same phonetic key), mirip (Jaro-Winkler >= 0.92, or every token of a name of two or more
    tokens found in the other), agak_mirip (>= 0.80, or token-set ratio >= 90), beda."""
    na, nb = a.column("nama")[i], b.column("nama")[j]
    empty = (na == "") | (nb == "")
    exact = na == nb
    ka, kb = a.column("nama_key")[i], b.column("nama_key")[j]
    level = np.zeros(len(i), dtype=np.int8)
    rest = ~exact & ~empty
    if rest.any():
        ra, rb, sim = na[rest], nb[rest], jw[rest]
        lv = np.zeros(rest.sum(), dtype=np.int8)
        lv[sim >= NAME_WEAK] = 1
        # Token containment ("SITI AMINAH" in "SITI AMINAH ZAHRA") only matters below NAME_WEAK.
        low = np.flatnonzero(sim < NAME_SIMILAR)
        if len(low):
            tok = process.cpdist(ra[low], rb[low], scorer=fuzz.token_set_ratio, workers=-1)
            lv[low[tok >= TOKEN_WEAK]] = 1
            # Every token of a name of two or more tokens found in the other name (a dropped
            # or added given name or surname): similar.
            ta, tb = a.column("nama_tokens")[i][rest], b.column("nama_tokens")[j][rest]
            shorter = np.minimum(ta[low], tb[low])
            lv[low[(tok >= 100) & (shorter >= 2)]] = 2
        lv[sim >= NAME_SIMILAR] = 2
        # One edit apart implies a high Jaro-Winkler, so only those pairs are measured.
        high = np.flatnonzero(sim >= NAME_WEAK)
        if len(high):
            lev = process.cpdist(ra[high], rb[high], scorer=Levenshtein.distance, workers=-1)
            lv[high[lev <= 1]] = 3
        lv[(ka[rest] == kb[rest]) & (ka[rest] != "")] = 3
        level[rest] = lv
    level[exact] = 4
    level[empty] = -1
    return level


def compare_dates(
    a: Prepared, b: Prepared, i: np.ndarray, j: np.ndarray, nik_level: np.ndarray
) -> np.ndarray:
    """Birth-date levels: sama, tertukar (day and month swapped), dekat (same year and month,
    or one digit different), beda.

    A date read from a NIK (none was written) says nothing new when the NIK comparison
    already weighed those digits (NIKs equal, or one digit off inside the date part), so it is
    null there."""
    repeated = (a.tgl_from_nik[i] | b.tgl_from_nik[j]) & ((nik_level == 4) | (nik_level == 3))
    known = a.tgl_known[i] & b.tgl_known[j] & ~repeated
    level = np.full(len(i), -1, dtype=np.int8)
    ya, ma, da = a.tgl_y[i], a.tgl_m[i], a.tgl_d[i]
    yb, mb, db = b.tgl_y[j], b.tgl_m[j], b.tgl_d[j]
    lv = np.zeros(len(i), dtype=np.int8)
    digits_a = ya * 10000 + ma * 100 + da
    digits_b = yb * 10000 + mb * 100 + db
    one_digit = _one_digit_apart(digits_a, digits_b)
    lv[((ya == yb) & (ma == mb)) | one_digit] = 1
    lv[(ya == yb) & (da == mb) & (ma == db) & (da != ma)] = 2
    lv[(ya == yb) & (ma == mb) & (da == db)] = 3
    level[known] = lv[known]
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


def compare_gender(a: Prepared, b: Prepared, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    ga, gb = a.column("jk")[i], b.column("jk")[j]
    level = (ga == gb).astype(np.int8)
    level[(ga == "") | (gb == "")] = -1
    return level


def compare_birthplace(a: Prepared, b: Prepared, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    pa, pb = a.column("tempat")[i], b.column("tempat")[j]
    empty = (pa == "") | (pb == "")
    level = (pa == pb).astype(np.int8)
    rest = ~empty & (level == 0)
    if rest.any():
        sim = process.cpdist(pa[rest], pb[rest], scorer=JaroWinkler.normalized_similarity, workers=-1)
        level[np.flatnonzero(rest)[sim >= 0.9]] = 1
    level[empty] = -1
    return level


def compare_residence(a: Prepared, b: Prepared, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Household and place as ONE comparison (they are strongly correlated, so counting them
    separately would count the same evidence several times): kk_sama (same full NKK),
    rt_rw_sama (same kelurahan and RT/RW, or a similar address), kelurahan_sama,
    kecamatan_sama, beda_kecamatan."""
    fa, fb = a, b
    kka, kkb = fa.column("nkk")[i], fb.column("nkk")[j]
    kela, kelb = fa.column("kel")[i], fb.column("kel")[j]
    keca, kecb = fa.column("kec")[i], fb.column("kec")[j]
    level = np.full(len(i), -1, dtype=np.int8)
    kec_known = (keca != "") & (kecb != "")
    level[kec_known] = 0
    level[kec_known & (keca == kecb)] = 1
    same_kel = (kela != "") & (kela == kelb) & ((keca == kecb) | ~kec_known)
    level[same_kel] = 2
    rta, rtb = fa.column("rt")[i], fb.column("rt")[j]
    rwa, rwb = fa.column("rw")[i], fb.column("rw")[j]
    same_rt = same_kel & (rta >= 0) & (rta == rtb) & (rwa == rwb)
    level[same_rt] = 3
    check_addr = same_kel & ~same_rt
    if check_addr.any():
        aa, ab = fa.column("alamat")[i[check_addr]], fb.column("alamat")[j[check_addr]]
        sim = process.cpdist(aa, ab, scorer=fuzz.token_set_ratio, workers=-1)
        ok = (sim >= ADDRESS_SIMILAR) & (aa != "") & (ab != "")
        level[np.flatnonzero(check_addr)[ok]] = 3
    level[(kka != "") & (kka == kkb)] = 4
    return level


def compare_pairs(a: Prepared, b: Prepared, i: np.ndarray, j: np.ndarray) -> pd.DataFrame:
    """All comparison levels for pairs (a[i], b[j]), plus the name similarity for reasons."""
    i = np.asarray(i, dtype=np.int64)
    j = np.asarray(j, dtype=np.int64)
    jw = name_similarity(a, b, i, j) if len(i) else np.zeros(0)
    nik = compare_nik(a, b, i, j)
    return pd.DataFrame(
        {
            "nik": nik,
            "nama": compare_names(a, b, i, j, jw),
            "tgl": compare_dates(a, b, i, j, nik),
            "jk": compare_gender(a, b, i, j),
            "tempat": compare_birthplace(a, b, i, j),
            "domisili": compare_residence(a, b, i, j),
            "nama_jw": jw.astype(np.float32),
        }
    )


__all__ = ["COMPARISONS", "LEVELS", "compare_pairs"]
