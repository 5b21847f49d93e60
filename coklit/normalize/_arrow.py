"""Vectorised text helpers on Arrow arrays shared by the normalisers.

Every normaliser works the same way: encode the input column as a dictionary (values repeat a
lot in voter lists), transform the small array of distinct values with Arrow compute kernels
(RE2 regular expressions: no lookbehind, no backreferences in patterns), then ``take`` the
results back to the rows. No Python code runs per row or per distinct value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

Arr = pa.Array


def as_arrow(s: pd.Series | Iterable[str]) -> pa.Array:
    """Text column as a non-null Arrow string array ("" for missing)."""
    if not isinstance(s, pd.Series):
        s = pd.Series(list(s), dtype="str")
    if s.dtype != "str":
        s = s.astype("str")
    a = pa.array(s, from_pandas=True)
    if isinstance(a, pa.ChunkedArray):
        a = a.combine_chunks()
    if not pa.types.is_large_string(a.type):
        a = a.cast(pa.large_string())
    return pc.fill_null(a, "")


def dict_encode(s: pd.Series) -> tuple[pa.Array, pa.Array]:
    """(distinct values, int32 indices into them) of a text column."""
    d = pc.dictionary_encode(as_arrow(s))
    return d.dictionary, d.indices


def str_series(a: pa.Array, index: pd.Index) -> pd.Series:
    """Arrow string array -> pandas ``str`` Series on ``index``."""
    if isinstance(a, pa.ChunkedArray):
        a = a.combine_chunks()
    out = a.to_pandas()
    out.index = index
    if out.dtype != "str":
        out = out.astype("str")
    return out


def expand(values: pa.Array, uniq: pa.Array, idx: pa.Array, s: pd.Series) -> pd.Series:
    """Results computed on the distinct values ``uniq`` of ``s`` taken back to its rows, as a
    pandas ``str`` Series on ``s.index``.

    In clean exports many columns come out of normalisation unchanged (L/P, kecamatan names
    already canonical); then ``s``'s own Arrow column is returned, sharing its buffers
    instead of copying a million values."""
    if (s.dtype == "str" and values.null_count == 0 and len(values) == len(uniq)
            and pc.all(pc.equal(values, uniq)).as_py() and not s.hasnans):
        return pd.Series(s.array, index=s.index)
    return str_series(pc.take(values, idx), s.index)


def label_series(codes: np.ndarray, labels: tuple[str, ...] | list[str],
                 index: pd.Index) -> pd.Series:
    """``labels[code]`` per row as a pandas ``str`` Series, built in Arrow (no Python object
    per row): the way to spread a status computed on distinct values back to the rows."""
    table = pa.array(list(labels), type=pa.large_string())
    return str_series(pc.take(table, pa.array(np.asarray(codes, dtype=np.int32))), index)


def int_series(a: pa.Array, index: pd.Index) -> pd.Series:
    """Arrow integer array (nulls allowed) -> pandas Int64 Series."""
    a = a.cast(pa.int64())
    mask = np.asarray(a.is_null().to_numpy(zero_copy_only=False), dtype=bool)
    values = np.asarray(pc.fill_null(a, 0).to_numpy(zero_copy_only=False), dtype=np.int64)
    return pd.Series(pd.arrays.IntegerArray(values, mask), index=index)


def on_distinct(
    s: pd.Series, fn: Callable[[pa.Array], dict[str, pa.Array]]
) -> dict[str, pa.Array]:
    """Run ``fn`` on the distinct values of ``s``; return its outputs expanded to the rows."""
    uniq, idx = dict_encode(s)
    res = fn(uniq)
    return {k: pc.take(v, idx) for k, v in res.items()}


def sub(a: pa.Array, pattern: str, repl: str) -> pa.Array:
    """Regex replace (all matches)."""
    return pc.replace_substring_regex(a, pattern=pattern, replacement=repl)


def lit(a: pa.Array, pattern: str, repl: str) -> pa.Array:
    """Literal substring replace (all occurrences)."""
    return pc.replace_substring(a, pattern=pattern, replacement=repl)


def has(a: pa.Array, pattern: str) -> np.ndarray:
    """Boolean numpy mask: ``pattern`` (regex) found in each value."""
    return np.asarray(
        pc.match_substring_regex(a, pattern=pattern).to_numpy(zero_copy_only=False), dtype=bool
    )


def _parts(a: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """(offsets starting at 0, data bytes) of a large_string array without nulls."""
    if isinstance(a, pa.ChunkedArray):
        a = a.combine_chunks()
    if not pa.types.is_large_string(a.type):
        a = a.cast(pa.large_string())
    bufs = a.buffers()
    offsets = np.frombuffer(bufs[1], dtype=np.int64)[a.offset : a.offset + len(a) + 1]
    if bufs[2] is None or len(a) == 0 or offsets[-1] == offsets[0]:
        return offsets - offsets[0], np.zeros(0, dtype=np.uint8)
    data = np.frombuffer(bufs[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
    return offsets - offsets[0], data


def _build(offsets: np.ndarray, data: np.ndarray) -> pa.Array:
    n = len(offsets) - 1
    return pa.LargeStringArray.from_buffers(
        n, pa.py_buffer(np.ascontiguousarray(offsets, dtype=np.int64).tobytes()),
        pa.py_buffer(np.ascontiguousarray(data, dtype=np.uint8).tobytes()),
    )


def _delete(offsets: np.ndarray, data: np.ndarray, drop: np.ndarray) -> pa.Array:
    return _build(*_compact(offsets, data, ~drop))


def translate(a: pa.Array, mapping: dict[str, str] | np.ndarray, delete: str = "") -> pa.Array:
    """Byte-wise ASCII translation (like ``str.translate``) plus deletion of ``delete`` chars.

    ``mapping`` is a dict of single characters or a 256-entry uint8 lookup table. Only for
    ASCII text (run after ``fold``).
    """
    offsets, data = _parts(a)
    if isinstance(mapping, dict):
        lut = np.arange(256, dtype=np.uint8)
        for k, v in mapping.items():
            lut[ord(k)] = ord(v)
    else:
        lut = mapping
    out = lut[data]
    if delete:
        drop = np.isin(data, np.frombuffer(delete.encode(), dtype=np.uint8))
        return _delete(offsets, out, drop)
    return _build(offsets, out)


def lut_keep(keep_chars: str, other: str = " ", extra: dict[str, str] | None = None) -> np.ndarray:
    """Lookup table mapping every byte not in ``keep_chars`` to ``other``."""
    lut = np.full(256, ord(other), dtype=np.uint8)
    for ch in keep_chars:
        lut[ord(ch)] = ord(ch)
    for k, v in (extra or {}).items():
        lut[ord(k)] = ord(v)
    return lut


def squeeze(a: pa.Array) -> pa.Array:
    """Collapse runs of spaces to one and trim. Tabs/newlines must already be spaces (``fold``).

    Printable ASCII text (what ``fold`` gives) is squeezed with numpy on the bytes; anything
    else with an RE2 pattern that only matches where there is something to do (its cost
    grows with the number of matches, not with the text) and Arrow's Unicode trim.
    """
    if isinstance(a, pa.ChunkedArray) or not pa.types.is_large_string(a.type) or a.null_count:
        return pc.utf8_trim_whitespace(sub(a, "  +", " "))
    offsets, data = _parts(a)
    if len(data) and (data.min() < 32 or data.max() > 126):
        return pc.utf8_trim_whitespace(sub(a, "  +", " "))
    space = data == 32
    # A space is dropped at the start of a value or after another space ...
    after_space = np.empty_like(space)
    after_space[:1] = True
    after_space[1:] = space[:-1]
    after_space[offsets[:-1][np.diff(offsets) > 0]] = True
    drop = space & after_space
    if drop.any():
        offsets, data = _compact(offsets, data, ~drop)
    # ... and at most one is left at the end of a value: drop it too.
    last = offsets[1:][np.diff(offsets) > 0] - 1
    last = last[data[last] == 32]
    if len(last):
        kept = np.ones(len(data), dtype=bool)
        kept[last] = False
        offsets, data = _compact(offsets, data, kept)
    elif not drop.any():
        return a
    return _build(offsets, data)


def _compact(offsets: np.ndarray, data: np.ndarray,
             kept: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(offsets, data) with only the ``kept`` bytes. Each offset moves back by the number of
    bytes dropped before it (few: a search among them beats a running count of all)."""
    dropped = np.flatnonzero(~kept)
    if not len(dropped):
        return offsets, data
    return offsets - np.searchsorted(dropped, offsets), data[kept]


_FOLD_LUT = np.arange(256, dtype=np.uint8)
_FOLD_LUT[ord("a") : ord("z") + 1] -= 32
_FOLD_LUT[:32] = 32


def fold(a: pa.Array) -> pa.Array:
    """Upper-case ASCII: accents removed (NFKD), other non-ASCII dropped, spacing collapsed."""
    if not pc.all(pc.string_is_ascii(a)).as_py():  # NFKD leaves ASCII as it is
        a = pc.utf8_normalize(a, form="NFKD")
        a = sub(a, r"[^\x00-\x7F]+", "")
    return squeeze(translate(a, _FOLD_LUT))


def map_values(a: pa.Array, table: dict[str, str], default: str | None = None) -> pa.Array:
    """Exact lookup of each value in ``table``; unmatched values kept (or ``default``)."""
    keys = pa.array(list(table.keys()), type=a.type)
    vals = pa.array(list(table.values()), type=a.type)
    pos = pc.index_in(a, value_set=keys)
    mapped = pc.take(vals, pos)
    fallback = a if default is None else pa.scalar(default, type=a.type)
    return pc.if_else(pc.is_null(pos), fallback, mapped)


def to_np_str(a: pa.Array) -> np.ndarray:
    return np.asarray(a.to_numpy(zero_copy_only=False), dtype=object)


def empty_like(a: pa.Array) -> pa.Array:
    return pa.array(np.full(len(a), "", dtype=object), type=a.type)


def select(a_len: int, conds: list[tuple[np.ndarray, str]], default: str) -> pa.Array:
    """First matching condition's label per value (numpy select), as Arrow strings."""
    out = np.full(a_len, default, dtype=object)
    done = np.zeros(a_len, dtype=bool)
    for mask, label in conds:
        m = mask & ~done
        out[m] = label
        done |= m
    return pa.array(out, type=pa.large_string())
