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

from coklit.match.features import Features, combine, hash_ints, splitmix

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
    "tgl_kel": Key(_join(_h("tgl"), _h("kel"), _h("jk_kunci")), ("tgl", "kel"),
                   "birth date + kelurahan (+ sex): a badly misspelt name"),
    "kk": Key(_h("nkk"), ("nkk",), "same family card"),
    "alamat_kel": Key(_join(_h("alamat"), _h("kel"), _h("nama_awal")), ("alamat", "kel", "nama_key"),
                      "address + kelurahan + name initial"),
    "alamat_kel_saja": Key(_join(_h("alamat"), _h("kel")), ("alamat", "kel"),
                           "address + kelurahan: one household, a name misspelt anywhere"),
    "alamat_tgl": Key(_join(_h("alamat"), _h("tgl")), ("alamat", "tgl"),
                      "address + birth date: the kelurahan written otherwise (a typo, a "
                      "kelurahan split or renamed) and the name misspelt"),
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
    "nik", "nik_wilayah_tgl", "nik_tgl_urut", "nama_tgl", "tgl_kel",
    "belakang_tgl", "depan_tgl", "nama_kel", "kk", "alamat_kel", "alamat_tgl",
    "nik_wilayah_urut", "kel_awal", "depan_kel", "belakang_kel", "alamat_nama", "alamat_kel_saja",
    "nama_kodepos", "tgl_kodepos", "alamat_kodepos", "alamat_rapat", "kodepos_awal",
    "nama", "tgl", "alamat_belakang", "alamat_depan", "kodepos", "kel")
DEDUPE_ALWAYS = 5
# Field records are often incomplete (no NIK, masked NIK, no date, retyped name) and the
# field side is small, so linking always uses the identity and household keys.
LINK_ORDER: tuple[str, ...] = (
    "nik", "nik_wilayah_tgl", "nik_tgl_urut", "nama_tgl", "tgl_kel", "kk", "alamat_kel",
    "nama_kel", "alamat_kel_saja", "alamat_tgl",
    "depan_tgl", "belakang_tgl", "nik_wilayah_urut", "kel_awal", "alamat_nama", "depan_kel",
    "belakang_kel", "nama_kodepos", "tgl_kodepos", "alamat_kodepos", "alamat_rapat",
    "kodepos_awal", "nama", "tgl", "alamat_belakang", "alamat_depan", "kodepos", "kel")
LINK_ALWAYS = 8


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


POSITION_BITS = 32
_SHIFT = np.uint64(POSITION_BITS)
_LOW = np.uint64(2**POSITION_BITS - 1)


@dataclass(frozen=True)
class Blocks:
    """The records of one key grouped by value, sorted once and reused for counting,
    enumerating and sampling pairs: ``positions`` of the records with a value, in value
    order, and their ``codes`` in that order. Per block (``value``, ``start`` into
    ``positions``, ``size``) is derived when asked (a linear scan), so a list's blocks for
    every key stay small in memory: 12 bytes per record."""

    positions: np.ndarray  # int32 (int64 beyond 2**31 records)
    codes: np.ndarray  # uint64, sorted: 32 bits of each record's (re-mixed) key

    @classmethod
    def of(cls, codes: np.ndarray) -> Blocks:
        """Group by the top 32 bits of the (re-mixed) key, packed with the position into one
        64-bit number so that a plain sort (several times faster than an argsort) does the
        grouping. Two key values that share those 32 bits (about a hundred pairs among a
        million distinct values) fall into one block: a few extra candidate pairs, which the
        comparisons then judge like any other."""
        valid = np.flatnonzero(codes != 0)
        if len(codes) >= 2**POSITION_BITS:
            raise ValueError(f"at most {2**POSITION_BITS - 1} records per partition")
        return cls.grouped(block_code(codes[valid]), valid, len(codes))

    @classmethod
    def grouped(cls, top: np.ndarray, positions: np.ndarray, bound: int) -> Blocks:
        """Blocks of records at ``positions`` (below ``bound``) whose key has the
        ``block_code`` ``top``: the part of a list's blocks that a shuffle bucket holds (a
        bucket gets every record of the codes it owns, so its blocks are whole)."""
        packed = (top.astype(np.uint64) << _SHIFT) | positions.astype(np.uint64)
        packed.sort()
        return cls((packed & _LOW).astype(np.int32 if bound < 2**31 else np.int64),
                   packed >> _SHIFT)

    @property
    def start(self) -> np.ndarray:
        c = self.codes
        if len(c) == 0:
            return np.zeros(0, np.int64)
        return np.flatnonzero(np.r_[True, c[1:] != c[:-1]])

    @property
    def parts(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(value, start, size) of every block."""
        start = self.start
        size = np.diff(np.r_[start, len(self.codes)])
        return self.codes[start], start, size

    @property
    def value(self) -> np.ndarray:
        return self.codes[self.start]

    @property
    def size(self) -> np.ndarray:
        return self.parts[2]

def block_code(codes: np.ndarray) -> np.ndarray:
    """The 32 bits of a (non-zero) key that group records into blocks (see ``Blocks.of``)."""
    return splitmix(codes) >> _SHIFT


def _blocks(codes: np.ndarray | Blocks) -> Blocks:
    return codes if isinstance(codes, Blocks) else Blocks.of(codes)


def value_counts(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct non-zero codes and how many records carry each (hashing, no sort)."""
    values = codes[codes != 0]
    index, uniques = pd.factorize(values, sort=False)
    return np.asarray(uniques), np.bincount(index, minlength=len(uniques))


def _matched(lv: np.ndarray, rv: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each left block value, the index of the right block with that value and a mask
    of those that have one (``rv`` sorted)."""
    if len(rv) == 0:
        return np.zeros(len(lv), np.int64), np.zeros(len(lv), bool)
    where = np.clip(np.searchsorted(rv, lv), 0, len(rv) - 1)
    return where, rv[where] == lv


def pair_count(left: np.ndarray | Blocks, right: np.ndarray | Blocks | None,
               max_size: int) -> int:
    """Pairs a key would produce (blocks above ``max_size`` skipped), from block sizes."""
    lv, _, lc = _blocks(left).parts
    if right is None:
        size = lc[lc <= max_size].astype(np.int64)
        return int((size * (size - 1) // 2).sum())
    rv, _, rc = _blocks(right).parts  # values sorted
    where, found = _matched(lv, rv)
    ls, rs = lc[found].astype(np.int64), rc[where[found]].astype(np.int64)
    ok = (ls <= max_size) & (rs <= max_size)
    return int((ls[ok] * rs[ok]).sum())


def choose_keys(task: str, left: Features, right: Features | None, budget: int,
                max_size: int) -> tuple[str, ...]:
    """The blocking keys to use: the always-used ones, then the others in order while the
    pairs they would add (counted per key, so an upper bound) stay within ``budget``. The
    blocks of the keys chosen are kept for pairing; the others are let go."""
    other = left if right is None else right
    keys, n_always = available_keys(task, left.present & other.present)
    counts: list[int] = []
    for name in keys:
        had = {id(f): name in f.blocks for f in (left, other)}
        counts.append(pair_count(key_blocks(left, name),
                                 None if right is None else key_blocks(right, name), max_size))
        if name not in select_keys(keys[: len(counts)], n_always, counts, budget):
            for f in (left, other):
                if not had[id(f)]:
                    f.blocks.pop(name, None)
    return select_keys(keys, n_always, counts, budget)


def select_keys(keys: tuple[str, ...], n_always: int, counts: list[int],
                budget: int) -> tuple[str, ...]:
    """The always-used keys that produce pairs, then the others in order while the pairs they
    add (``counts``, per key) stay within ``budget``."""
    chosen, total = [], 0
    for k, (name, count) in enumerate(zip(keys, counts, strict=True)):
        if count == 0 or (k >= n_always and total + count > budget):
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
    """Key ``name`` of every record (0 where a component is missing)."""
    return KEYS[name].build(f)


def key_blocks(f: Features, name: str) -> Blocks:
    """The records of ``f`` grouped by key ``name`` (sorted once, then reused: duplicate
    detection and linking share the blocks of a list)."""
    if name not in f.blocks:
        f.blocks[name] = Blocks.of(key_values(f, name))
    return f.blocks[name]


def pairs_within(codes: np.ndarray | Blocks,
                 max_size: int) -> tuple[np.ndarray, np.ndarray, int, int]:
    """All pairs (i < j) of positions sharing a non-zero code, in blocks of at most
    ``max_size``. Returns the pairs, the number of blocks skipped as too large and the
    records in them."""
    b = _blocks(codes)
    _, start, size = b.parts
    too_big = size > max_size
    skipped_blocks, skipped_records = int(too_big.sum()), int(size[too_big].sum())
    keep = (size >= 2) & ~too_big
    start, size = start[keep], size[keep]
    if len(size) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), skipped_blocks, skipped_records
    # Member k of a block (0-based) pairs with members k+1 .. size-1 of the same block.
    offset = np.arange(size.sum()) - np.repeat(np.cumsum(size) - size, size)
    member = np.repeat(start, size) + offset
    partners = np.repeat(size, size) - 1 - offset
    first = np.repeat(member, partners)
    run_start = np.repeat(np.cumsum(partners) - partners, partners)
    second = first + 1 + (np.arange(partners.sum()) - run_start)
    x = b.positions[first].astype(np.int64)
    y = b.positions[second].astype(np.int64)
    return np.minimum(x, y), np.maximum(x, y), skipped_blocks, skipped_records


def pairs_between(left: np.ndarray | Blocks, right: np.ndarray | Blocks,
                  max_size: int) -> tuple[np.ndarray, np.ndarray, int, int]:
    """All pairs (i in left, j in right) sharing a non-zero code; blocks whose left or
    right side has more than ``max_size`` records are skipped."""
    bl, br = _blocks(left), _blocks(right)
    lv, lstart, lsize = bl.parts
    rv, rstart_all, rsize_all = br.parts
    where, found = _matched(lv, rv)
    rsize = np.where(found, rsize_all[where] if len(rv) else 0, 0)
    big = found & ((lsize > max_size) | (rsize > max_size))
    skipped_blocks, skipped_records = int(big.sum()), int(lsize[big].sum())
    keep = found & ~big
    lstart, lsize = lstart[keep], lsize[keep]
    rstart, rsize = (rstart_all[where[keep]] if len(rv) else where[keep]), rsize[keep]
    per_left = np.repeat(rsize, lsize)  # partners of each left member
    left_member = np.repeat(lstart, lsize) + (
        np.arange(lsize.sum()) - np.repeat(np.cumsum(lsize) - lsize, lsize))
    i = np.repeat(left_member, per_left)
    run = np.arange(per_left.sum()) - np.repeat(np.cumsum(per_left) - per_left, per_left)
    j = np.repeat(np.repeat(rstart, lsize), per_left) + run
    return (bl.positions[i].astype(np.int64), br.positions[j].astype(np.int64),
            skipped_blocks, skipped_records)


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
    parts = []
    for number, name in enumerate(keys):
        lk = key_blocks(left, name)
        if right is None:
            found = pairs_within(lk, max_block_size)
        else:
            found = pairs_between(lk, key_blocks(right, name), max_block_size)
        parts.append((number, found))
    return gather_pairs(parts, keys, len(right) if right is not None else len(left))


PairPart = tuple[np.ndarray, np.ndarray, int, int]  # i, j, skipped blocks, skipped records


def gather_pairs(parts: list[tuple[int, PairPart]], keys: tuple[str, ...], width: int
                 ) -> tuple[pd.DataFrame, BlockingStats]:
    """Candidate pairs and their statistics from the pairs each key produced (``parts``: key
    number and what ``pairs_within``/``pairs_between`` returned, one or several per key, e.g.
    one per shuffle bucket): each pair once, labelled with its lowest key number."""
    stats = BlockingStats()
    for name in keys:
        stats.pairs[name] = 0
        stats.skipped_blocks[name] = 0
        stats.skipped_records[name] = 0
    found_i, found_j, found_k = [], [], []
    for number, (i, j, skipped, skipped_rec) in parts:
        name = keys[number]
        stats.pairs[name] += len(i)
        stats.skipped_blocks[name] += skipped
        stats.skipped_records[name] += skipped_rec
        found_i.append(i)
        found_j.append(j)
        found_k.append(np.full(len(i), number, dtype=np.int8))
    i = np.concatenate(found_i) if found_i else np.zeros(0, np.int64)
    j = np.concatenate(found_j) if found_j else np.zeros(0, np.int64)
    k = np.concatenate(found_k) if found_k else np.zeros(0, np.int8)
    pairs = unique_pairs(i, j, k, width, keys)
    stats.total = len(pairs)
    return pairs, stats


KEY_BITS = 6  # key numbers below 64


def unique_pairs(i: np.ndarray, j: np.ndarray, k: np.ndarray, width: int,
                 keys: tuple[str, ...]) -> pd.DataFrame:
    """Each pair once, sorted by (i, j), with ``kunci``: the first of ``keys`` (lowest
    number ``k``) that produced it, whatever order the pairs come in (pairs from several
    shuffle buckets)."""
    width = max(int(width), 1)
    code = ((i.astype(np.int64) * np.int64(width) + j) << KEY_BITS) | k.astype(np.int64)
    code.sort()
    pair = code >> KEY_BITS
    first = np.r_[True, pair[1:] != pair[:-1]] if len(pair) else np.zeros(0, bool)
    pair, number = pair[first], (code[first] & (2**KEY_BITS - 1)).astype(np.int8)
    kunci = pd.Categorical.from_codes(number, categories=list(keys) if keys else ["-"])
    return pd.DataFrame({"i": pair // width, "j": pair % width, "kunci": kunci})


def sample_within(left: np.ndarray | Blocks, right: np.ndarray | Blocks | None, count: int,
                  rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``count`` pairs drawn uniformly from all pairs that share a non-zero code (i != j when
    ``right`` is None), with replacement; empty when no two records share one."""
    bl = _blocks(left)
    lv, lstart, lsize = bl.parts
    lsize = lsize.astype(np.int64)
    none = np.zeros(0, np.int64), np.zeros(0, np.int64)
    if right is None:
        weight = lsize * (lsize - 1) / 2.0
        if weight.sum() == 0:
            return none
        block = rng.choice(len(lsize), size=count, p=weight / weight.sum())
        a = rng.integers(0, lsize[block])
        b = rng.integers(0, lsize[block] - 1)
        b = b + (b >= a)
        return (bl.positions[lstart[block] + a].astype(np.int64),
                bl.positions[lstart[block] + b].astype(np.int64))
    br = _blocks(right)
    rv, rstart, rsize_all = br.parts
    where, found = _matched(lv, rv)
    rsize = np.where(found, rsize_all[where] if len(rv) else 0, 0).astype(np.int64)
    weight = lsize * rsize.astype(float)
    if weight.sum() == 0:
        return none
    block = rng.choice(len(lsize), size=count, p=weight / weight.sum())
    a = rng.integers(0, lsize[block])
    b = rng.integers(0, rsize[block])
    return (bl.positions[lstart[block] + a].astype(np.int64),
            br.positions[rstart[where[block]] + b].astype(np.int64))
