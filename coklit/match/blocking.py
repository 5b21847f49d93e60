"""Blocking: candidate pairs from several complementary keys, never all pairs.

A key is a 64-bit hash built from a few features (0 when any component is missing); two
records become a candidate pair when they share a non-zero key value. Keys are chosen so that
one damaged field (NIK, birth date or name) does not hide a match: NIK keys survive a wrong
date or a misspelt name, name+date keys survive a wrong or missing NIK, residence keys
survive both. Key values shared by more than ``max_block_size`` records (a placeholder date
with a common name) are skipped for that key; the other keys still cover those records.

Which keys are used adapts to the features both sides carry (``keys_for``). Pairs are
returned as positions into the Features objects, with the first key that produced them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from coklit.match.features import Features, combine, hash_ints

KeyFn = Callable[[Features], np.ndarray]


def _h(name: str) -> KeyFn:
    return lambda f: f.hashes[name]


def _nik_part(*parts: str, salt: int) -> KeyFn:
    """Hash of visible NIK parts (region / mid / serial), 0 unless all are visible."""
    def build(f: Features) -> np.ndarray:
        values = [f.ints[f"nik_{p}"] for p in parts]
        visible = np.logical_and.reduce([v >= 0 for v in values])
        h = combine(*[hash_ints(v, salt + k) for k, v in enumerate(values)])
        return np.where(visible, h, np.uint64(0))
    return build


def _join(*fns: KeyFn) -> KeyFn:
    return lambda f: combine(*[fn(f) for fn in fns])


@dataclass(frozen=True)
class Key:
    """A blocking key: its hash function and the features it needs."""

    build: KeyFn
    needs: tuple[str, ...]
    doc: str


KEYS: dict[str, Key] = {
    "nik": Key(_h("nik"), ("nik",), "same full NIK"),
    "nik_wilayah_tgl": Key(_join(_nik_part("region", "mid", salt=10), _h("nama_awal")),
                           ("nik", "nama_key"),
                           "NIK region + date part + name initial: another serial"),
    "nik_tgl_urut": Key(_join(_nik_part("mid", "serial", salt=20), _h("nama_awal2")),
                        ("nik", "nama_key"),
                        "NIK date part + serial + name start: another region code"),
    "nik_wilayah_urut": Key(_join(_nik_part("region", "serial", salt=30), _h("nama_key")),
                            ("nik", "nama_key"),
                            "NIK region + serial + phonetic name: a wrong or masked date part"),
    "nama_tgl": Key(_join(_h("nama_key"), _h("tgl_swap")), ("nama_key", "tgl"),
                    "phonetic name + birth date (day and month in either order)"),
    "depan_tgl": Key(_join(_h("depan"), _h("tgl")), ("nama", "tgl"),
                     "first name token + birth date: later tokens differ"),
    "belakang_tgl": Key(_join(_h("belakang"), _h("tgl")), ("nama", "tgl"),
                        "last name token + birth date: earlier tokens differ"),
    "tgl_kel": Key(_join(_h("tgl"), _h("kel")), ("tgl", "kel"),
                   "birth date + kelurahan: a badly misspelt name"),
    "kk": Key(_h("nkk"), ("nkk",), "same family card"),
    "alamat_kel": Key(_join(_h("alamat"), _h("kel"), _h("nama_awal")), ("alamat", "kel", "nama_key"),
                      "address + kelurahan + name initial"),
    "alamat_nama": Key(_join(_h("alamat"), _h("nama_awal")), ("alamat", "nama_key"),
                       "address + name initial"),
    "nama_kel": Key(_join(_h("nama_key"), _h("kel")), ("nama_key", "kel"),
                    "phonetic name + kelurahan: no NIK and no date"),
    "depan_kel": Key(_join(_h("depan"), _h("kel")), ("nama", "kel"),
                     "first name token + kelurahan"),
    "belakang_kel": Key(_join(_h("belakang"), _h("kel")), ("nama", "kel"),
                        "last name token + kelurahan"),
    "nama_kodepos": Key(_join(_h("nama_key"), _h("kodepos")), ("nama_key", "kodepos"),
                        "phonetic name + postcode"),
    "tgl_kodepos": Key(_join(_h("tgl"), _h("kodepos")), ("tgl", "kodepos"),
                       "birth date + postcode"),
    "alamat_kodepos": Key(_join(_h("alamat"), _h("kodepos")), ("alamat", "kodepos"),
                          "address + postcode"),
    "alamat_rapat": Key(_h("alamat_rapat"), ("alamat",),
                        "address with its spaces removed (a word split or run together)"),
    "nama": Key(_h("nama"), ("nama",), "the same name"),
    "tgl": Key(_h("tgl"), ("tgl",), "the same birth date"),
    "kodepos_awal": Key(_join(_h("kodepos"), _h("nama_awal")), ("kodepos", "nama_key"),
                        "postcode + name initial"),
    "kel_awal": Key(_join(_h("kel"), _h("nama_awal")), ("kel", "nama_key"),
                    "kelurahan + name initial"),
    "alamat_depan": Key(_h("alamat_depan"), ("alamat",), "the first word of the address"),
    "alamat_belakang": Key(_h("alamat_belakang"), ("alamat",), "the last word of the address"),
    "kel": Key(_h("kel"), ("kel",), "the same kelurahan"),
    "kodepos": Key(_h("kodepos"), ("kodepos",), "the same postcode"),
}

# Keys in order of preference. The identity keys come first and are always used (their
# features permitting): they find every kind of duplicate while keeping the number of pairs
# near-linear in a list's size. The others (household, place and single-field keys, which
# survive a typo in every identity field) are added in order while the candidate pairs stay
# within a budget, so a small file gets generous blocking and a city list stays fast.
DEDUPE_ORDER: tuple[str, ...] = (
    "nik", "nik_wilayah_tgl", "nik_tgl_urut", "nik_wilayah_urut", "nama_tgl", "depan_tgl",
    "belakang_tgl", "tgl_kel",
    "kk", "alamat_kel", "nama_kel", "depan_kel", "belakang_kel", "alamat_nama",
    "nama_kodepos", "tgl_kodepos", "alamat_kodepos", "alamat_rapat", "kodepos_awal",
    "kel_awal", "nama", "tgl", "alamat_belakang", "alamat_depan", "kodepos", "kel")
DEDUPE_ALWAYS = 8
# Field records are often incomplete (no NIK, masked NIK, no date, retyped name) and the
# field side is small, so linking always uses the identity and household keys.
LINK_ORDER: tuple[str, ...] = (
    "nik", "nik_wilayah_tgl", "nik_tgl_urut", "nik_wilayah_urut", "nama_tgl", "depan_tgl",
    "belakang_tgl", "tgl_kel", "kk", "alamat_kel", "alamat_nama", "nama_kel", "depan_kel",
    "belakang_kel",
    "nama_kodepos", "tgl_kodepos", "alamat_kodepos", "alamat_rapat", "kodepos_awal",
    "kel_awal", "nama", "tgl", "alamat_belakang", "alamat_depan", "kodepos", "kel")
LINK_ALWAYS = 14


def available_keys(task: str, present: frozenset[str]) -> tuple[tuple[str, ...], int]:
    """Keys for ``task`` ('ganda' or 'tautan') whose features both sides carry, in order, and
    how many of the first ones are always used."""
    order, always = (DEDUPE_ORDER, DEDUPE_ALWAYS) if task == "ganda" else (LINK_ORDER, LINK_ALWAYS)
    keys = tuple(k for k in order if all(f in present for f in KEYS[k].needs))
    n_always = sum(1 for k in order[:always] if k in keys)
    return keys, n_always


def keys_for(task: str, present: frozenset[str]) -> tuple[str, ...]:
    """Every key usable for ``task`` with these features (before the pair budget)."""
    return available_keys(task, present)[0]


def pair_count(left: np.ndarray, right: np.ndarray | None, max_size: int) -> int:
    """Pairs a key would produce (blocks above ``max_size`` skipped), from value counts."""
    lv, lc = np.unique(left[left != 0], return_counts=True)
    if right is None:
        lc = lc[lc <= max_size].astype(np.int64)
        return int((lc * (lc - 1) // 2).sum())
    rv, rc = np.unique(right[right != 0], return_counts=True)
    _, il, ir = np.intersect1d(lv, rv, assume_unique=True, return_indices=True)
    ok = (lc[il] <= max_size) & (rc[ir] <= max_size)
    return int((lc[il][ok].astype(np.int64) * rc[ir][ok]).sum())


def choose_keys(task: str, left: Features, right: Features | None, budget: int,
                max_size: int) -> tuple[str, ...]:
    """The blocking keys to use: the always-used ones, then the others in order while the
    pairs they would add (counted per key, so an upper bound) stay within ``budget``."""
    other = left if right is None else right
    keys, n_always = available_keys(task, left.present & other.present)
    chosen, total = [], 0
    for k, name in enumerate(keys):
        count = pair_count(key_values(left, name),
                           None if right is None else key_values(right, name), max_size)
        if k >= n_always and total + count > budget:
            continue
        chosen.append(name)
        total += count
    return tuple(chosen)


@dataclass
class BlockingStats:
    """What blocking did, per key: pairs produced and key values skipped as too large."""

    pairs: dict[str, int] = field(default_factory=dict)
    skipped_blocks: dict[str, int] = field(default_factory=dict)
    skipped_records: dict[str, int] = field(default_factory=dict)
    total: int = 0


def key_values(f: Features, name: str) -> np.ndarray:
    """Key ``name`` of every record (built once per Features, then reused)."""
    if name not in f.keys:
        f.keys[name] = KEYS[name].build(f)
    return f.keys[name]


def pairs_within(codes: np.ndarray, max_size: int) -> tuple[np.ndarray, np.ndarray, int, int]:
    """All pairs (i < j) of positions sharing a non-zero code, in blocks of at most
    ``max_size``. Returns the pairs, the number of blocks skipped as too large and the
    records in them."""
    valid = np.flatnonzero(codes != 0)
    c = codes[valid]
    order = np.argsort(c, kind="stable")
    pos, c = valid[order], c[order]
    if len(c) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), 0, 0
    start = np.flatnonzero(np.r_[True, c[1:] != c[:-1]])
    size = np.diff(np.r_[start, len(c)])
    too_big = size > max_size
    skipped_blocks, skipped_records = int(too_big.sum()), int(size[too_big].sum())
    keep = (size >= 2) & ~too_big
    start, size = start[keep], size[keep]
    # Member k of a block (0-based) pairs with members k+1 .. size-1 of the same block.
    offset = np.arange(size.sum()) - np.repeat(np.cumsum(size) - size, size)
    member = np.repeat(start, size) + offset
    partners = np.repeat(size, size) - 1 - offset
    first = np.repeat(member, partners)
    run_start = np.repeat(np.cumsum(partners) - partners, partners)
    second = first + 1 + (np.arange(partners.sum()) - run_start)
    a, b = pos[first], pos[second]
    return np.minimum(a, b), np.maximum(a, b), skipped_blocks, skipped_records


def pairs_between(left: np.ndarray, right: np.ndarray,
                max_size: int) -> tuple[np.ndarray, np.ndarray, int, int]:
    """All pairs (i in left, j in right) sharing a non-zero code; blocks whose left or
    right side has more than ``max_size`` records are skipped."""
    li = np.flatnonzero(left != 0)
    rj = np.flatnonzero(right != 0)
    lc, rc = left[li], right[rj]
    lorder, rorder = np.argsort(lc, kind="stable"), np.argsort(rc, kind="stable")
    li, lc, rj, rc = li[lorder], lc[lorder], rj[rorder], rc[rorder]
    lu, lstart, lsize = np.unique(lc, return_index=True, return_counts=True)
    rstart = np.searchsorted(rc, lu, "left")
    rsize = np.searchsorted(rc, lu, "right") - rstart
    big = (lsize > max_size) | (rsize > max_size)
    skipped_blocks = int((big & (rsize > 0)).sum())
    skipped_records = int(lsize[big & (rsize > 0)].sum())
    keep = ~big & (rsize > 0)
    lstart, lsize, rstart, rsize = lstart[keep], lsize[keep], rstart[keep], rsize[keep]
    per_left = np.repeat(rsize, lsize)  # partners of each left member
    left_member = np.repeat(lstart, lsize) + (
        np.arange(lsize.sum()) - np.repeat(np.cumsum(lsize) - lsize, lsize))
    i = np.repeat(left_member, per_left)
    run = np.arange(per_left.sum()) - np.repeat(np.cumsum(per_left) - per_left, per_left)
    j = np.repeat(np.repeat(rstart, lsize), per_left) + run
    return li[i], rj[j], skipped_blocks, skipped_records


def candidate_pairs(
    left: Features,
    right: Features | None,
    keys: tuple[str, ...],
    max_block_size: int = 200,
) -> tuple[pd.DataFrame, BlockingStats]:
    """Candidate pairs ``(i, j)`` as positions into ``left`` and ``right``.

    With ``right=None`` this deduplicates ``left`` (pairs with ``i < j``). Each pair appears
    once, with ``kunci``: the first key (in ``keys`` order) that produced it.
    """
    stats = BlockingStats()
    found_i, found_j, found_k = [], [], []
    for number, name in enumerate(keys):
        lk = key_values(left, name)
        if right is None:
            i, j, skipped, skipped_rec = pairs_within(lk, max_block_size)
        else:
            i, j, skipped, skipped_rec = pairs_between(lk, key_values(right, name),
                                                     max_block_size)
        stats.pairs[name] = len(i)
        stats.skipped_blocks[name] = skipped
        stats.skipped_records[name] = skipped_rec
        found_i.append(i)
        found_j.append(j)
        found_k.append(np.full(len(i), number, dtype=np.int8))
    i = np.concatenate(found_i) if found_i else np.zeros(0, np.int64)
    j = np.concatenate(found_j) if found_j else np.zeros(0, np.int64)
    k = np.concatenate(found_k) if found_k else np.zeros(0, np.int8)
    width = np.int64(len(right) if right is not None else len(left))
    _, first = np.unique(i * width + j, return_index=True)
    names = np.array(keys if keys else ["-"], dtype=object)
    pairs = pd.DataFrame({"i": i[first], "j": j[first], "kunci": names[k[first]]})
    stats.total = len(pairs)
    return pairs, stats


def sample_within(codes_left: np.ndarray, codes_right: np.ndarray | None, count: int,
                  rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``count`` pairs drawn uniformly from all pairs that share a non-zero code (i != j when
    ``codes_right`` is None), with replacement; empty when no two records share one."""
    if codes_right is None:
        valid = np.flatnonzero(codes_left != 0)
        c = codes_left[valid]
        order = np.argsort(c, kind="stable")
        pos, c = valid[order], c[order]
        if len(c) < 2:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        start = np.flatnonzero(np.r_[True, c[1:] != c[:-1]])
        size = np.diff(np.r_[start, len(c)])
        weight = size * (size - 1) / 2.0
        if weight.sum() == 0:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        block = rng.choice(len(size), size=count, p=weight / weight.sum())
        a = rng.integers(0, size[block])
        b = rng.integers(0, size[block] - 1)
        b = b + (b >= a)
        return pos[start[block] + a], pos[start[block] + b]
    li = np.flatnonzero(codes_left != 0)
    rj = np.flatnonzero(codes_right != 0)
    lc = codes_left[li]
    rorder = np.argsort(codes_right[rj], kind="stable")
    rj = rj[rorder]
    rc = codes_right[rj]
    lorder = np.argsort(lc, kind="stable")
    li, lc = li[lorder], lc[lorder]
    lu, lstart, lsize = np.unique(lc, return_index=True, return_counts=True)
    rstart = np.searchsorted(rc, lu, "left")
    rsize = np.searchsorted(rc, lu, "right") - rstart
    weight = lsize * rsize.astype(float)
    if weight.sum() == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    block = rng.choice(len(lu), size=count, p=weight / weight.sum())
    a = rng.integers(0, lsize[block])
    b = rng.integers(0, rsize[block])
    return li[lstart[block] + a], rj[rstart[block] + b]
