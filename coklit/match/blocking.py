"""Blocking: candidate pairs from several complementary keys, never all pairs.

Each key is a text column computed from prepared records; two records become a candidate
pair when they share a non-empty key value. Keys are chosen so that one damaged field (NIK,
birth date or name) does not hide a match: NIK keys survive a wrong date or a misspelt name,
name+date keys survive a wrong or missing NIK, and residence keys survive both. Key values
shared by more than ``max_block_size`` records (placeholder dates with common names) are
skipped for that key; the other keys still cover those records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from coklit.match.prepare import Prepared

KeyFn = Callable[[pd.DataFrame], pd.Series]


def _nik_part(f: pd.DataFrame, start: int, stop: int) -> pd.Series:
    part = f["nik"].str.slice(start, stop)
    return part.where(~part.str.contains("*", regex=False) & (f["nik"] != ""), "")


def _join(*parts: pd.Series) -> pd.Series:
    out = parts[0]
    empty = parts[0] == ""
    for part in parts[1:]:
        out = out + "|" + part
        empty |= part == ""
    return out.where(~empty, "")


KEYS: dict[str, KeyFn] = {
    # Same full NIK.
    "nik": lambda f: _nik_part(f, 0, 16),
    # NIK region + birth date + name initial: a typo in the serial.
    "nik_awal": lambda f: _join(_nik_part(f, 0, 12), f["nama_key"].str.slice(0, 1)),
    # NIK birth date + serial + name start: a typo in the region code.
    "nik_akhir": lambda f: _join(_nik_part(f, 6, 16), f["nama_key"].str.slice(0, 2)),
    # NIK region + serial + phonetic name: a typo in the date part, or a masked date part
    # (published lists mask the middle digits). Serials like 0001 are common, so the whole
    # name key is needed to keep these blocks small.
    "nik_wilayah_urut": lambda f: _join(_nik_part(f, 0, 6), _nik_part(f, 12, 16), f["nama_key"]),
    # Phonetic name + birth date, day/month order ignored: wrong or missing NIK, swapped date.
    "nama_tgl": lambda f: _join(f["nama_key"], f["tgl_swapkey"]),
    # First name + birth date: later name tokens differ (dropped BIN tail, other surname).
    "depan_tgl": lambda f: _join(f["nama_first"], f["tgl"]),
    # Family card: a household has a handful of members, so the block is small and survives a
    # misspelt name together with a missing NIK and date.
    "kk": lambda f: f["nkk"],
    # Address within a kelurahan + name initial: the same, for a record without a family card
    # number (many households share a street name, so the initial keeps the block small).
    "alamat_kel": lambda f: _join(f["alamat"], f["kel"], f["nama_key"].str.slice(0, 1)),
    # Phonetic name + kelurahan: no NIK and no date (typical field record).
    "nama_kel": lambda f: _join(f["nama_key"], f["kel"]),
    # Birth date + kelurahan + sex: a badly misspelt name.
    "tgl_kel": lambda f: _join(f["tgl"], f["kel"], f["jk"]),
}


# Inside one list, the keys that find every kind of duplicate (copies share the NIK; NIK
# typos share the rest of the NIK or name + date; date swaps share name + sorted date; movers
# share the NIK) while keeping the number of pairs close to linear in the list's size.
# Household keys are left out there: relatives are the hard negatives, not duplicates.
DEDUPE_KEYS: tuple[str, ...] = ("nik", "nik_awal", "nik_akhir", "nama_tgl", "tgl_kel")
# Field records are often incomplete (no NIK, masked NIK, no date, retyped name), and the
# field side is small, so linking uses every key.
LINK_KEYS: tuple[str, ...] = tuple(KEYS)


@dataclass
class BlockingStats:
    """What blocking did, per key: pairs produced and key values skipped as too large."""

    pairs: dict[str, int] = field(default_factory=dict)
    skipped_blocks: dict[str, int] = field(default_factory=dict)
    skipped_records: dict[str, int] = field(default_factory=dict)
    total: int = 0


def _codes(left: pd.Series, right: pd.Series | None) -> tuple[np.ndarray, np.ndarray | None]:
    values = left if right is None else pd.concat([left, right], ignore_index=True)
    codes, uniques = pd.factorize(values, sort=False)
    # Empty key values never block.
    empty = np.flatnonzero(uniques == "") if len(uniques) else np.array([], dtype=np.int64)
    if len(empty):
        codes = np.where(codes == empty[0], -1, codes)
    if right is None:
        return codes, None
    return codes[: len(left)], codes[len(left):]


def _link_pairs(
    left: np.ndarray, right: np.ndarray, max_size: int
) -> tuple[np.ndarray, np.ndarray, int, int]:
    """All pairs (i in left, j in right) sharing a code; blocks whose left or right side has
    more than ``max_size`` records are skipped."""
    lf = pd.DataFrame({"k": left, "i": np.arange(len(left))})
    rf = pd.DataFrame({"k": right, "j": np.arange(len(right))})
    lf, rf = lf[lf["k"] >= 0], rf[rf["k"] >= 0]
    lsize, rsize = lf["k"].value_counts(), rf["k"].value_counts()
    big = set(lsize.index[lsize > max_size]) | set(rsize.index[rsize > max_size])
    skipped_records = int(lf["k"].isin(big).sum())
    if big:
        lf, rf = lf[~lf["k"].isin(big)], rf[~rf["k"].isin(big)]
    joined = lf.merge(rf, on="k", how="inner")
    return (
        joined["i"].to_numpy(np.int64),
        joined["j"].to_numpy(np.int64),
        len(big),
        skipped_records,
    )


def candidate_pairs(
    left: Prepared,
    right: Prepared | None = None,
    max_block_size: int = 200,
    keys: dict[str, KeyFn] | None = None,
) -> tuple[pd.DataFrame, BlockingStats]:
    """Candidate pairs ``(i, j)`` as positions into ``left`` and ``right``.

    With ``right=None`` this deduplicates ``left`` (pairs with ``i < j``, keys
    ``DEDUPE_KEYS``); otherwise it links ``left`` to ``right`` (keys ``LINK_KEYS``). Each pair
    appears once, with ``kunci``: the first key that produced it.
    """
    if keys is None:
        keys = {k: KEYS[k] for k in (DEDUPE_KEYS if right is None else LINK_KEYS)}
    stats = BlockingStats()
    found_i, found_j, found_key = [], [], []
    for number, (name, key_fn) in enumerate(keys.items()):
        # Keys that duplicate detection already built on a list are reused when linking to it;
        # the others are built, used and dropped (memory matters at a million rows).
        lk = left.key(name, key_fn) if name in DEDUPE_KEYS else key_fn(left.frame)
        rk = None
        if right is not None:
            rk = right.key(name, key_fn) if name in DEDUPE_KEYS else key_fn(right.frame)
        lc, rc = _codes(lk, rk)
        if rc is None:
            i, j, skipped, skipped_rec = _dedupe_pairs(lc, max_block_size)
        else:
            i, j, skipped, skipped_rec = _link_pairs(lc, rc, max_block_size)
        stats.pairs[name] = len(i)
        stats.skipped_blocks[name] = skipped
        stats.skipped_records[name] = skipped_rec
        found_i.append(i)
        found_j.append(j)
        found_key.append(np.full(len(i), number, dtype=np.int8))
    i = np.concatenate(found_i) if found_i else np.zeros(0, np.int64)
    j = np.concatenate(found_j) if found_j else np.zeros(0, np.int64)
    k = np.concatenate(found_key) if found_key else np.zeros(0, np.int8)
    width = np.int64(len(right) if right is not None else len(left))
    code = i.astype(np.int64) * width + j
    _, first = np.unique(code, return_index=True)
    names = np.array(list(keys), dtype=object)
    pairs = pd.DataFrame({"i": i[first], "j": j[first], "kunci": names[k[first]]})
    stats.total = len(pairs)
    return pairs, stats


def _dedupe_pairs(codes: np.ndarray, max_size: int) -> tuple[np.ndarray, np.ndarray, int, int]:
    """All pairs (i < j) of positions sharing a code, in blocks of at most ``max_size``.

    Returns the pairs, the number of blocks skipped as too large and the records in them.
    """
    valid = np.flatnonzero(codes >= 0)
    c = codes[valid]
    order = np.argsort(c, kind="stable")
    pos, c = valid[order], c[order]
    if len(c) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), 0, 0
    _, start, size = np.unique(c, return_index=True, return_counts=True)
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
