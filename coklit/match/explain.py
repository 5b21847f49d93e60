"""Reasons: which fields agreed and how strongly, as coded cells (:mod:`coklit.coded`).

A reason lists every comparison that said something, with its weight in bits rounded to a
whole number; rendered, it reads ``NIK sama (+21); nama mirip 0,94 (+5); tgl lahir sama
(+14); ...`` (``reason.<comparison>.<level>`` words, then ``reason.similarity`` and
``reason.weight``). Positive weights are evidence for the same person, negative against.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from coklit.coded import DECIMAL, EQ, LIST_SEP, MARK, PART, VALUE, part
from coklit.match.spec import ModelSpec

_SEP = PART + part(LIST_SEP) + PART


def reasons(scored: pd.DataFrame, spec: ModelSpec) -> pd.Series:
    """One coded reason per pair of ``scored`` (levels and ``w_*`` columns)."""
    body = pd.Series("", index=scored.index, dtype=object)
    for c in spec.comparisons:
        g = scored[c.name].to_numpy()
        ok = g >= 0
        if not ok.any():
            continue
        words = np.array([part(f"reason.{c.name}.{lv}") for lv in c.levels],
                         dtype=object)[np.clip(g, 0, None)]
        text = pd.Series(words, index=scored.index, dtype=object)
        if c.name == "nama" and "nama_jw" in scored:
            sim = pd.Series(scored["nama_jw"].to_numpy(), index=scored.index).round(2)
            sim_part = (PART + "reason.similarity" + VALUE + "nilai" + EQ + DECIMAL
                        + sim.map("{:.2f}".format))
            fuzzy = (g >= 1) & (g <= 3)
            text = text.where(~fuzzy, text + sim_part)
        w = np.rint(scored[f"w_{c.name}"].to_numpy()).astype(int)
        weight = (PART + "reason.weight" + VALUE + "bobot" + EQ
                  + pd.Series(np.where(w >= 0, "+", ""), index=scored.index)
                  + pd.Series(w, index=scored.index).astype(str))
        piece = (text + weight).where(ok, "")
        joiner = np.where((body != "") & ok, _SEP, "")
        body = body + joiner + piece
    return (MARK + body).where(body != "", "").astype(object)


def explain(scored: pd.DataFrame, spec: ModelSpec) -> pd.DataFrame:
    """``scored`` with an ``alasan`` column (built only for the pairs that are reported)."""
    out = scored.copy()
    out["alasan"] = reasons(scored, spec)
    return out
