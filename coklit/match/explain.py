"""Readable reasons: which fields agreed and how strongly, in Indonesian or English.

A reason lists every comparison that said something, with its weight in bits rounded to a
whole number: ``NIK sama (+21); nama mirip 0,94 (+5); tgl lahir sama (+14); ...``. Positive
weights are evidence for the same person, negative against.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from coklit.match.compare import COMPARISONS

PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "id": {
        "nik": ("NIK beda", "NIK tersamar cocok", "NIK beda 1 digit (wilayah/nomor urut)",
                "NIK beda 1 digit (salah ketik)", "NIK sama"),
        "nama": ("nama beda", "nama agak mirip", "nama mirip", "nama hampir sama", "nama sama"),
        "tgl": ("tgl lahir beda", "tgl lahir dekat", "tgl & bulan lahir tertukar",
                "tgl lahir sama"),
        "jk": ("JK beda", "JK sama"),
        "tempat": ("tempat lahir beda", "tempat lahir sama"),
        "domisili": ("beda kecamatan", "kecamatan sama", "kelurahan sama",
                     "kelurahan & RT/RW/alamat sama", "KK sama"),
    },
    "en": {
        "nik": ("NIK differs", "masked NIK agrees", "NIK 1 digit off (region/serial)",
                "NIK 1 digit off (typo)", "same NIK"),
        "nama": ("name differs", "name somewhat similar", "name similar", "name nearly equal",
                 "same name"),
        "tgl": ("birth date differs", "birth date close", "day & month swapped",
                "same birth date"),
        "jk": ("sex differs", "same sex"),
        "tempat": ("birthplace differs", "same birthplace"),
        "domisili": ("other kecamatan", "same kecamatan", "same kelurahan",
                     "same kelurahan & RT/RW/address", "same family card"),
    },
}


def reasons(gamma: pd.DataFrame, weights: pd.DataFrame, lang: str = "id") -> pd.Series:
    """One reason string per pair, from its comparison levels and weights."""
    phrases = PHRASES.get(lang, PHRASES["id"])
    out = pd.Series("", index=gamma.index, dtype=object)
    for c in COMPARISONS:
        g = gamma[c].to_numpy()
        ok = g >= 0
        if not ok.any():
            continue
        text = np.array(phrases[c], dtype=object)[np.clip(g, 0, None)]
        if c == "nama" and "nama_jw" in gamma:
            sim = pd.Series(gamma["nama_jw"].to_numpy(), index=gamma.index).round(2)
            sim_text = sim.map("{:.2f}".format)
            if lang == "id":
                sim_text = sim_text.str.replace(".", ",", regex=False)
            similar = (g == 1) | (g == 2)
            text = np.where(similar, text + " " + sim_text.to_numpy(dtype=object), text)
        w = np.rint(weights[c].to_numpy()).astype(int)
        part = pd.Series(text, index=gamma.index) + " (" + pd.Series(
            np.where(w >= 0, "+", ""), index=gamma.index
        ) + pd.Series(w, index=gamma.index).astype(str) + ")"
        part = part.where(ok, "")
        joiner = np.where((out != "") & ok, "; ", "")
        out = out + joiner + part
    return out.astype(str)
