"""Readable reasons: which fields agreed and how strongly, in Indonesian or English.

A reason lists every comparison that said something, with its weight in bits rounded to a
whole number: ``NIK sama (+21); nama mirip 0,94 (+5); tgl lahir sama (+14); ...``. Positive
weights are evidence for the same person, negative against.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from coklit.i18n import t
from coklit.match.spec import ModelSpec


def phrase(comparison: str, level: str, lang: str = "id") -> str:
    """The words of one comparison level in a reason (message ``reason.<comparison>.<level>``)."""
    return t(f"reason.{comparison}.{level}", lang)


def reasons(scored: pd.DataFrame, spec: ModelSpec, lang: str = "id") -> pd.Series:
    """One reason string per pair of ``scored`` (levels and ``w_*`` columns)."""
    out = pd.Series("", index=scored.index, dtype=object)
    for c in spec.comparisons:
        g = scored[c.name].to_numpy()
        ok = g >= 0
        if not ok.any():
            continue
        text = np.array([phrase(c.name, lv, lang) for lv in c.levels], dtype=object)[np.clip(g, 0, None)]
        if c.name == "nama" and "nama_jw" in scored:
            sim = pd.Series(scored["nama_jw"].to_numpy(), index=scored.index).round(2)
            sim_text = sim.map("{:.2f}".format)
            if lang == "id":
                sim_text = sim_text.str.replace(".", ",", regex=False)
            fuzzy = (g >= 1) & (g <= 3)
            text = np.where(fuzzy, text + " " + sim_text.to_numpy(dtype=object), text)
        w = np.rint(scored[f"w_{c.name}"].to_numpy()).astype(int)
        part = (pd.Series(text, index=scored.index) + " ("
                + pd.Series(np.where(w >= 0, "+", ""), index=scored.index)
                + pd.Series(w, index=scored.index).astype(str) + ")")
        part = part.where(ok, "")
        joiner = np.where((out != "") & ok, "; ", "")
        out = out + joiner + part
    return out.astype(str)


def explain(scored: pd.DataFrame, spec: ModelSpec, lang: str = "id") -> pd.DataFrame:
    """``scored`` with an ``alasan`` column (built only for the pairs that are reported)."""
    out = scored.copy()
    out["alasan"] = reasons(scored, spec, lang)
    return out
