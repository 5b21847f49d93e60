"""NIK / NKK: 16-character identifiers, possibly masked.

``normalize_ids(s)`` -> DataFrame[norm, status]:

- ``norm``: 16 characters, digits and ``*`` where masked; "" when the value is missing or
  unusable (wrong length, letters, scientific notation).
- ``status``: ``ok`` | ``kosong`` (missing) | ``tersamar`` (masked with ``*``, ``x``, ``X`` or
  ``#``; its visible digits still count) | ``panjang_salah`` (not 16 characters) |
  ``bukan_angka`` (letters or other symbols) | ``notasi_ilmiah`` (``1.67101E+15``: Excel has
  already destroyed the last digits, so nothing is kept).

Cleaning before the checks: surrounding spaces, a leading apostrophe (Excel's text marker),
spaces, dots, hyphens and underscores used as separators (``1671.0145.0790.0003``), and a
trailing ``.0`` / ``,0`` left by a float (``1671014507900003.0``). Placeholders such as ``-``,
``0``, ``NULL``, ``NAN`` count as missing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ._arrow import as_arrow, has, label_series, str_series, sub

__all__ = ["normalize_ids", "ID_STATUSES"]

ID_STATUSES = ("ok", "kosong", "tersamar", "panjang_salah", "bukan_angka", "notasi_ilmiah")


def _slow(a: pa.Array) -> tuple[pa.Array, np.ndarray]:
    """Full cleaning for values that are not already 16 plain digits: (norm, status code as
    an index into ``ID_STATUSES``)."""
    t = pc.utf8_trim_whitespace(a)
    t = sub(t, r"^'+", "")
    t = pc.utf8_upper(t)
    sci = has(t, r"^[0-9]+([.,][0-9]+)?E\+?[0-9]+$")
    t = sub(t, r"^([0-9]{15,16})[.,]0+$", r"\1")
    t = sub(t, r"[\s.\-_]+", "")
    t = sub(t, r"[X#]", "*")
    empty = has(t, r"^(|0+|-+|NULL|NAN|NONE|TIDAK ADA|TDKADA)$") | has(a, r"^\s*-+\s*$")
    clean = has(t, r"^[0-9*]+$")
    len16 = np.asarray(pc.equal(pc.utf8_length(t), 16).to_numpy(zero_copy_only=False), dtype=bool)
    masked = has(t, r"\*")
    status = np.select(
        [empty, sci, clean & len16 & masked, clean & len16, clean],
        [_CODE[s] for s in ("kosong", "notasi_ilmiah", "tersamar", "ok", "panjang_salah")],
        default=_CODE["bukan_angka"],
    ).astype(np.int8)
    usable = (status == _CODE["ok"]) | (status == _CODE["tersamar"])
    norm = pc.if_else(pa.array(usable), t, pa.scalar("", t.type))
    return norm, status


_CODE = {status: code for code, status in enumerate(ID_STATUSES)}


def _plain16(a: pa.Array) -> np.ndarray:
    """Values that are exactly 16 ASCII digits (the usual case: nothing to clean)."""
    return np.asarray(pc.and_(pc.equal(pc.binary_length(a), 16), pc.ascii_is_decimal(a)),
                      dtype=bool)


def normalize_ids(s: pd.Series) -> pd.DataFrame:
    """NIK or NKK column -> DataFrame[norm, status] on the same index (see module doc).

    >>> normalize_ids(pd.Series(["'1671014507900003", "1.67101E+15", ""])).values.tolist()
    [['1671014507900003', 'ok'], ['', 'notasi_ilmiah'], ['', 'kosong']]
    """
    a = as_arrow(s)
    fast = _plain16(a)
    status = np.zeros(len(a), dtype=np.int8)  # "ok"
    norm = a
    if not fast.all():
        slow_idx = np.flatnonzero(~fast)
        d = pc.dictionary_encode(pc.take(a, pa.array(slow_idx)))
        u_norm, u_status = _slow(d.dictionary)
        status[slow_idx] = u_status[np.asarray(d.indices.to_numpy(zero_copy_only=False))]
        norm = pc.replace_with_mask(a, pa.array(~fast), pc.take(u_norm, d.indices))
    # Nothing cleaned: the column itself (its buffers shared, not copied).
    same = fast.all() and s.dtype == "str" and not s.hasnans
    return pd.DataFrame(
        {"norm": pd.Series(s.array, index=s.index) if same else str_series(norm, s.index),
         "status": label_series(status, ID_STATUSES, s.index)},
        index=s.index,
    )
