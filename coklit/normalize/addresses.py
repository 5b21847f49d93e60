"""Street addresses and RT/RW numbers.

``normalize_address(s)`` -> DataFrame[alamat_norm, rt_from_alamat, rw_from_alamat]:

- upper-case ASCII; street words canonical: JALAN/JLN/JL. -> JL, LORONG/LRG/LR. -> LR,
  GANG/GG. -> GG, KOMPLEKS/KOMPLEK/KOMPLEX/KOMPL/KOMP. -> KOMP, PERUMAHAN/PERUM. -> PERUM,
  KAMPUNG/KAMP/KP -> KMP, BLK/BLOK -> BLOK, NOMOR/NOMER/NMR/NO. -> NO, KM 5,5 / KM. 5.5 -> KM 5.5,
  DUSUN -> DSN;
- RT/RW written inside (``RT 029 RW 006``, ``RT.01/RW.02``, ``RT 1 / RW 2``,
  ``RT/RW 001/002``, ``RT:3``) are returned as Int64 and removed from the text;
- other punctuation becomes a space (``/`` is kept, without spaces around it); spacing
  collapsed.

``parse_rt_rw(s)`` -> DataFrame[rt, rw] (Int64) from an RT or RW cell: ``001``, ``1``,
``RT 01``, ``RT.001/RW.002``, ``001/002``, ``RW 02``. A bare number is returned as ``rt``.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ._arrow import (
    dict_encode,
    fold,
    int_series,
    lit,
    lut_keep,
    map_values,
    squeeze,
    str_series,
    sub,
    translate,
)

__all__ = ["normalize_address", "parse_rt_rw"]

# "RT", "R.T.", "RT:" and the number glued on ("RT24"); RE2 has no look-ahead, so after the
# letters comes either a word boundary with punctuation or the digits at once.
_RT = r"\bR\.?\s?T(?:\b\.?\s*:?\s*)?"
_RW = r"\bR\.?\s?W(?:\b\.?\s*:?\s*)?"

_WORDS: dict[str, str] = {
    **dict.fromkeys(["JALAN", "JLN", "JL", "JLAN"], "JL"),
    **dict.fromkeys(["LORONG", "LRG", "LR", "LRNG"], "LR"),
    **dict.fromkeys(["GANG", "GG"], "GG"),
    **dict.fromkeys(["KOMPLEKS", "KOMPLEK", "KOMPLEX", "KOMPL", "KOMP", "KOMPLK"], "KOMP"),
    **dict.fromkeys(["PERUMAHAN", "PERUMNAS", "PERUM"], "PERUM"),
    **dict.fromkeys(["KAMPUNG", "KAMP", "KMP", "KP"], "KMP"),
    **dict.fromkeys(["BLOK", "BLK"], "BLOK"),
    **dict.fromkeys(["NOMOR", "NOMER", "NMR", "NO"], "NO"),
    **dict.fromkeys(["DUSUN", "DSN"], "DSN"),
}
# letters, digits, '/' and '~' (a protected decimal point) survive; the rest -> space
_ADDR_LUT = lut_keep("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/~")


def _map_tokens(t: pa.Array, table: dict[str, str]) -> pa.Array:
    """Replace whole space-separated tokens found in ``table`` (distinct tokens, Arrow lists)."""
    lists = pc.split_pattern(t, " ")
    if isinstance(lists, pa.ChunkedArray):
        lists = lists.combine_chunks()
    flat = lists.flatten()
    mapped = map_values(flat, table)
    rebuilt = type(lists).from_arrays(lists.offsets, mapped)
    return pc.binary_join(rebuilt, pa.scalar(" ", mapped.type))


def _int(a: pa.Array) -> pa.Array:
    a = pc.if_else(pc.equal(pc.fill_null(a, ""), ""), pa.scalar(None, a.type), a)
    return pc.cast(a, pa.int64())


def _rt_rw_distinct(t: pa.Array) -> tuple[pa.Array, pa.Array, pa.Array]:
    """Folded text -> (text with RT/RW removed, rt, rw)."""
    # "RT/RW 024/007" and "RT 24/7" (the second number is the RW)
    rt = rw = pa.nulls(len(t), pa.string())
    for both_re in (rf"{_RT}/\s*{_RW}0*(?P<a>\d{{1,3}})\s*[/.\-]\s*0*(?P<b>\d{{1,3}})\b",
                    rf"{_RT}0*(?P<a>\d{{1,3}})\s*/\s*0*(?P<b>\d{{1,3}})\b"):
        both = pc.extract_regex(t, pattern=both_re)
        rt = pc.coalesce(rt, pc.struct_field(both, "a"))
        rw = pc.coalesce(rw, pc.struct_field(both, "b"))
        t = sub(t, both_re, " ")
    ert = pc.extract_regex(t, pattern=_RT + r"0*(?P<a>\d{1,3})\b")
    erw = pc.extract_regex(t, pattern=_RW + r"0*(?P<a>\d{1,3})\b")
    rt = pc.coalesce(rt, pc.struct_field(ert, "a"))
    rw = pc.coalesce(rw, pc.struct_field(erw, "a"))
    t = sub(t, _RT + r"\d{1,3}\b\s*[/,]?", " ")
    t = sub(t, _RW + r"\d{1,3}\b", " ")
    return t, _int(rt), _int(rw)


def _rt_rw_subset(t: pa.Array) -> tuple[pa.Array, pa.Array, pa.Array]:
    """``_rt_rw_distinct`` run only on values that mention RT or RW (cheap literal filter)."""
    mask = pc.match_substring_regex(t, r"R\.?\s?[TW]")
    null_int = pa.nulls(len(t), pa.int64())
    if not pc.any(mask).as_py():
        return t, null_int, null_int
    sel = pc.filter(t, mask)
    st, srt, srw = _rt_rw_distinct(sel)
    return (pc.replace_with_mask(t, mask, st), pc.replace_with_mask(null_int, mask, srt),
            pc.replace_with_mask(null_int, mask, srw))


def _address_distinct(u: pa.Array) -> dict[str, pa.Array]:
    t = fold(u)
    t, rt, rw = _rt_rw_subset(t)
    t = sub(t, r"\bKM\b\.?\s*(\d+)\s*[.,]\s*(\d+)", r"KM \1~\2")
    t = squeeze(translate(t, _ADDR_LUT))
    t = sub(t, r" ?/[ /]*", "/")
    t = sub(t, r"^/+|/+$", "")
    t = _map_tokens(t, _WORDS)
    t = lit(t, "~", ".")
    return {"alamat_norm": t, "rt_from_alamat": rt, "rw_from_alamat": rw}


def normalize_address(s: pd.Series) -> pd.DataFrame:
    """Address column -> DataFrame[alamat_norm, rt_from_alamat, rw_from_alamat] (module doc).

    >>> normalize_address(pd.Series(["Jln. A. Yani Lrg. Masajaya RT.029/RW.006"])).iloc[0].tolist()
    ['JL A YANI LR MASAJAYA', 29, 6]
    """
    uniq, idx = dict_encode(s)
    res = _address_distinct(uniq)
    return pd.DataFrame(
        {
            "alamat_norm": str_series(pc.take(res["alamat_norm"], idx), s.index),
            "rt_from_alamat": int_series(pc.take(res["rt_from_alamat"], idx), s.index),
            "rw_from_alamat": int_series(pc.take(res["rw_from_alamat"], idx), s.index),
        },
        index=s.index,
    )


def _parse_rt_rw_distinct(u: pa.Array) -> tuple[pa.Array, pa.Array]:
    t = fold(u)
    t2, rt, rw = _rt_rw_distinct(t)
    pair = pc.extract_regex(t, pattern=r"^0*(?P<a>\d{1,3})\s*[/\-]\s*0*(?P<b>\d{1,3})$")
    bare = pc.extract_regex(t2, pattern=r"^\D*?0*(?P<a>\d{1,3})(?:[.,]0+)?\D*$")
    rt = pc.coalesce(rt, _int(pc.struct_field(pair, "a")), _int(pc.struct_field(bare, "a")))
    rw = pc.coalesce(rw, _int(pc.struct_field(pair, "b")))
    return rt, rw


def parse_rt_rw(s: pd.Series) -> pd.DataFrame:
    """RT or RW cell -> DataFrame[rt, rw] of Int64 (see module doc).

    >>> parse_rt_rw(pd.Series(["RT.001/RW.002", "05"])).values.tolist()
    [[1, 2], [5, <NA>]]
    """
    uniq, idx = dict_encode(s)
    rt, rw = _parse_rt_rw_distinct(uniq)
    return pd.DataFrame(
        {"rt": int_series(pc.take(rt, idx), s.index), "rw": int_series(pc.take(rw, idx), s.index)},
        index=s.index,
    )
