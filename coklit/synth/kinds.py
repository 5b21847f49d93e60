"""The newer kinds of cases: who is picked for them and how their rows are changed.

Hard negatives ``nama_tgl_sama``, ``ibu_anak``, ``saudara_mirip``; duplicate copies
``pindah_nik_baru``, ``nik_excel``, ``urutan_nama``; field-record kinds ``tulisan_tangan``,
``nama_rusak``, ``kk_saja``. Which kinds occur and how often is set by a
:class:`coklit.synth.profile.Profile`. All selections are vectorised; loops run over a few
retries only.
"""

from __future__ import annotations

import numpy as np

from coklit.synth.messy import substitute_letters
from coklit.synth.population import ROLE_CHILD, ROLE_SPOUSE, choose, expected_count, num


def disjoint_pairs(a: np.ndarray, b: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The first ``k`` pairs in which no person occurs twice (on either side)."""
    _, first_b = np.unique(b, return_index=True)
    keep = np.zeros(len(b), bool)
    keep[first_b] = True
    _, first_a = np.unique(a, return_index=True)
    keep_a = np.zeros(len(a), bool)
    keep_a[first_a] = True
    keep &= keep_a & ~np.isin(b, a) & ~np.isin(a, b)
    return a[keep][:k], b[keep][:k]


# ---- hard negatives ---------------------------------------------------------------------------

def pick_same_name_date(rng, k, used, kec_idx, kel, hh, female, age, origin):
    """``nama_tgl_sama``: pairs of unrelated people of one kecamatan and sex, of about the same
    age, living in different kelurahan (so other KK and address). The caller gives ``b`` the
    name and birth date of ``a``."""
    n = len(used)
    if k == 0 or n < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    gkey = kec_idx * 2 + female
    # people sorted by kecamatan, sex and age (random order within); one int64 key sorts fast
    order = np.argsort((gkey.astype(np.int64) * 128 + age) << 32
                       | rng.integers(0, 1 << 31, n), kind="stable")
    pos = np.empty(n, np.int64)
    pos[order] = np.arange(n)
    a = choose(rng, np.flatnonzero(~used), 6 * k + 6)
    off = rng.integers(1, 40, len(a)) * np.where(rng.random(len(a)) < 0.5, -1, 1)
    b = order[np.clip(pos[a] + off, 0, n - 1)]
    ok = ((gkey[b] == gkey[a]) & (kel[b] != kel[a]) & ~used[b] & (hh[a] != hh[b])
          & (np.abs(age[a] - age[b]) <= 3) & ((origin[a] <= 1) == (origin[b] <= 1)))
    return disjoint_pairs(a[ok], b[ok], k)


def pick_mother_daughter(rng, k, used, role, female, age, hh, hstart, sizes):
    """``ibu_anak``: a daughter and her mother (the household head if a woman, else the head's
    wife) at least 19 years older; the caller gives the daughter her mother's name."""
    n = len(used)
    if k == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    head = hstart[hh]
    second = np.minimum(head + 1, n - 1)
    wife = (sizes[hh] >= 2) & (role[second] == ROLE_SPOUSE) & female[second]
    mother = np.where(female[head], head, np.where(wife, second, -1))
    cand = np.flatnonzero((role == ROLE_CHILD) & female & ~used & (mother >= 0))
    cand = cand[~used[mother[cand]] & (age[mother[cand]] - age[cand] >= 19)]
    cand = cand[np.unique(hh[cand], return_index=True)[1]]
    daughters = choose(rng, cand, k)
    return mother[daughters], daughters


def pick_siblings(rng, k, used, role, hh):
    """``saudara_mirip``: two children next to each other in one household."""
    if k == 0 or len(used) < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    i = np.arange(len(used) - 1)
    ok = ((role[:-1] == ROLE_CHILD) & (role[1:] == ROLE_CHILD) & (hh[:-1] == hh[1:])
          & ~used[:-1] & ~used[1:])
    cand = i[ok]
    cand = cand[np.unique(hh[cand], return_index=True)[1]]
    first = choose(rng, cand, k)
    return first, first + 1


def other_region(rng, region: np.ndarray, pool: np.ndarray) -> np.ndarray:
    """A kecamatan code of ``pool`` (the sample's kecamatan, sorted) other than ``region``
    (which may lie outside the pool)."""
    k = len(pool)
    at = np.clip(np.searchsorted(pool, region), 0, k - 1)
    own = pool[at] == region
    step = rng.integers(1, k, len(region))
    return pool[np.where(own, (at + step) % k, step - 1)]


def bump_equal_serials(nik_int: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Give ``b`` a serial after every serial in use for its region and date wherever it
    equals ``a``'s, so the two NIKs differ in region and serial. Returns the new NIKs."""
    nik_int = nik_int.copy()
    same = (nik_int[a] % 10_000) == (nik_int[b] % 10_000)
    if not same.any():
        return nik_int
    keys = nik_int // 10_000
    bb = b[same]
    # serials run 1..size of their (region, date) group; new ones follow it
    sorted_keys = np.sort(keys)
    size = np.searchsorted(sorted_keys, keys[bb], "right") - np.searchsorted(sorted_keys, keys[bb])
    order = np.argsort(keys[bb], kind="stable")
    rank = np.empty(len(bb), np.int64)
    ks = keys[bb][order]
    starts = np.r_[True, ks[1:] != ks[:-1]] if len(ks) else np.zeros(0, bool)
    idx = np.arange(len(ks))
    rank[order] = idx - np.maximum.accumulate(np.where(starts, idx, 0))
    nik_int[bb] = keys[bb] * 10_000 + size + 1 + rank
    return nik_int


# ---- duplicate copies -----------------------------------------------------------------------

def moved_niks(rng, nik_int: np.ndarray, new_region: np.ndarray, pool: np.ndarray,
               p_sumsel: float, sumsel: np.ndarray, taken: np.ndarray) -> np.ndarray:
    """``pindah_nik_baru``: the NIK of a second registration at the new domicile. The region
    code becomes the new kecamatan's (or, with ``p_sumsel``, another kab/kota of Sumatera
    Selatan); date part and serial stay. Never the old region, never a NIK in ``taken`` (a
    sorted array) and never one given to another copy."""
    m = len(nik_int)
    old = nik_int // 10**10
    rest = nik_int % 10**10
    region = np.where(rng.random(m) < p_sumsel, sumsel[rng.integers(0, len(sumsel), m)],
                      new_region.astype(np.int64))
    new = region * 10**10 + rest
    for attempt in range(30):
        pos = np.clip(np.searchsorted(taken, new), 0, max(len(taken) - 1, 0))
        clash = (taken[pos] == new) if len(taken) else np.zeros(m, bool)
        first = np.zeros(m, bool)
        first[np.unique(new, return_index=True)[1]] = True
        bad = (region == old) | clash | ~first
        if not bad.any():
            break
        nb = int(bad.sum())
        region[bad] = (other_region(rng, old[bad], pool) if attempt < 15
                       else sumsel[rng.integers(0, len(sumsel), nb)])
        new = region * 10**10 + rest
    return new


# ---- field records --------------------------------------------------------------------------

def pick_field_kinds(rng, n_linked: int, rates: dict[str, float]) -> np.ndarray:
    """Kind of each linked field record ("" for none): disjoint random sets per kind."""
    kind = np.full(n_linked, "", dtype=object)
    for name, rate in rates.items():
        chosen = choose(rng, np.flatnonzero(kind == ""), expected_count(rate, n_linked))
        kind[chosen] = name
    return kind


def with_house_number(rng, alamat: np.ndarray) -> np.ndarray:
    """Addresses that carry a house number (``NO. 12``); others get one appended."""
    has = np.char.find(alamat.astype(str), "NO. ") >= 0
    return np.where(has, alamat, alamat + " NO. " + num(rng.integers(1, 250, len(alamat))))


def field_kind_values(rng, fkind: np.ndarray, F: dict, out: dict, alamat_listed: np.ndarray,
                      nkk_no_blank: np.ndarray) -> dict[str, tuple[set[str], set[str]]]:
    """Overwrite the cells of whole-row kinds in ``out`` (the field columns) and return, per
    kind, the labels to drop and to add for its rows.

    ``alamat_listed``: the list row's ALAMAT, street words possibly written out (JL./JALAN).

    - ``tulisan_tangan``: a hand-written worksheet row: no NIK, KK or birth date, the name
      misspelt (1-2 letters), the list's street address with its house number.
    - ``nama_rusak``: the full NIK and the list's address, the name badly garbled (2 letters).
    - ``kk_saja``: only the name (1 letter wrong), the full KK number and the kelurahan.
    """
    noise = {"tanpa_nik", "nik_tersamar", "salah_ketik_nik", "salah_ketik_nama", "varian_nama",
             "huruf_campur", "tanpa_tanggal", "format_tanggal", "alamat_beda", "tps_beda"}
    relabel: dict[str, tuple[set[str], set[str]]] = {}
    m = fkind == "tulisan_tangan"
    if m.any():
        k = int(m.sum())
        out["NIK"][m] = ""
        out["No KK"][m] = ""
        out["TANGGAL LAHIR"][m] = ""
        out["NAMA"][m] = substitute_letters(F["nama"][m], rng, rng.integers(1, 3, k))
        out["ALAMAT"][m] = alamat_listed[m]
        relabel["tulisan_tangan"] = (
            {"nik_tersamar", "salah_ketik_nik", "varian_nama", "huruf_campur", "format_tanggal"},
            {"tanpa_nik", "tanpa_tanggal", "salah_ketik_nama"})
    m = fkind == "nama_rusak"
    if m.any():
        out["NIK"][m] = F["nik"][m]
        out["No KK"][m] = nkk_no_blank[m]
        out["NAMA"][m] = substitute_letters(F["nama"][m], rng, 2)
        out["ALAMAT"][m] = alamat_listed[m]
        relabel["nama_rusak"] = (
            {"tanpa_nik", "nik_tersamar", "salah_ketik_nik", "salah_ketik_nama", "varian_nama",
             "huruf_campur"}, set())
    m = fkind == "kk_saja"
    if m.any():
        out["NAMA"][m] = substitute_letters(F["nama"][m], rng, 1)
        out["No KK"][m] = F["nkk"][m]
        for col in ("KECAMATAN", "No TPS", "NIK", "TEMPAT LAHIR", "TANGGAL LAHIR", "Usia", "JK",
                    "STATUS KAWIN", "ALAMAT", "RT", "RW", "Pekerjaan"):
            out[col][m] = ""
        relabel["kk_saja"] = (noise, {"tanpa_nik", "tanpa_tanggal", "salah_ketik_nama"})
    return relabel


def relabel(labels: list, fkind: np.ndarray, changes: dict) -> list:
    """Apply ``field_kind_values``' label changes; each kind's own label is added last."""
    out = []
    for name, mask in labels:
        mask = mask.copy()
        for kind, (drop, add) in changes.items():
            rows = fkind == kind
            if name in drop:
                mask &= ~rows
            if name in add:
                mask |= rows
        out.append((name, mask))
    present = {name for name, _ in labels}
    for kind, (_, add) in changes.items():
        rows = fkind == kind
        for name in sorted(add - present):
            out.append((name, rows))
        out.append((kind, rows))
    return out
