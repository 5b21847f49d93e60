"""Readable reasons: which fields agreed and how strongly, in Indonesian or English.

A reason lists every comparison that said something, with its weight in bits rounded to a
whole number: ``NIK sama (+21); nama mirip 0,94 (+5); tgl lahir sama (+14); ...``. Positive
weights are evidence for the same person, negative against.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from coklit.match.spec import ModelSpec

PHRASES: dict[str, dict[str, dict[str, str]]] = {
    "id": {
        "nik": {"beda": "NIK beda", "urut_beda": "NIK beda nomor urut (wilayah & tgl sama)",
                "tersamar_cocok": "NIK tersamar cocok",
                "wilayah_beda": "NIK beda kode wilayah (tgl & nomor urut sama)",
                "tanggal_salah_ketik": "NIK beda 1 digit tanggal (salah ketik)",
                "sama": "NIK sama"},
        "nama": {"beda": "nama beda", "agak_mirip": "nama agak mirip",
                 "sebagian": "nama sebagian sama", "mirip": "nama mirip",
                 "hampir_sama": "nama hampir sama", "sama": "nama sama"},
        "tgl": {"beda": "tgl lahir beda", "dekat": "tgl lahir dekat",
                "tertukar": "tgl & bulan lahir tertukar", "sama": "tgl lahir sama"},
        "jk": {"beda": "JK beda", "sama": "JK sama"},
        "tempat": {"beda": "tempat lahir beda", "mirip": "tempat lahir mirip",
                   "sama": "tempat lahir sama"},
        "wilayah": {"beda": "beda wilayah", "kabupaten_sama": "kab/kota sama",
                    "kecamatan_sama": "kecamatan sama", "kelurahan_sama": "kelurahan sama"},
        "alamat": {"beda": "alamat beda", "rt_rw_sama": "RT/RW sama",
                   "mirip": "alamat mirip", "hampir_sama": "alamat hampir sama",
                   "sama": "alamat sama"},
        "kk": {"beda": "KK beda", "tersamar_cocok": "KK tersamar cocok", "sama": "KK sama"},
        "kodepos": {"beda": "kode pos beda", "sama": "kode pos sama"},
    },
    "en": {
        "nik": {"beda": "NIK differs", "urut_beda": "NIK serial differs (region & date same)",
                "tersamar_cocok": "masked NIK agrees",
                "wilayah_beda": "NIK region differs (date & serial same)",
                "tanggal_salah_ketik": "NIK 1 date digit off (typo)", "sama": "same NIK"},
        "nama": {"beda": "name differs", "agak_mirip": "name somewhat similar",
                 "sebagian": "name partly the same", "mirip": "name similar",
                 "hampir_sama": "name nearly equal", "sama": "same name"},
        "tgl": {"beda": "birth date differs", "dekat": "birth date close",
                "tertukar": "day & month swapped", "sama": "same birth date"},
        "jk": {"beda": "sex differs", "sama": "same sex"},
        "tempat": {"beda": "birthplace differs", "mirip": "birthplace similar",
                   "sama": "same birthplace"},
        "wilayah": {"beda": "other area", "kabupaten_sama": "same kab/kota",
                    "kecamatan_sama": "same kecamatan", "kelurahan_sama": "same kelurahan"},
        "alamat": {"beda": "address differs", "rt_rw_sama": "same RT/RW",
                   "mirip": "address similar", "hampir_sama": "address nearly equal",
                   "sama": "same address"},
        "kk": {"beda": "family card differs", "tersamar_cocok": "masked family card agrees",
               "sama": "same family card"},
        "kodepos": {"beda": "postcode differs", "sama": "same postcode"},
    },
}


def reasons(scored: pd.DataFrame, spec: ModelSpec, lang: str = "id") -> pd.Series:
    """One reason string per pair of ``scored`` (levels and ``w_*`` columns)."""
    phrases = PHRASES.get(lang, PHRASES["id"])
    out = pd.Series("", index=scored.index, dtype=object)
    for c in spec.comparisons:
        g = scored[c.name].to_numpy()
        ok = g >= 0
        if not ok.any():
            continue
        text = np.array([phrases[c.name][lv] for lv in c.levels], dtype=object)[np.clip(g, 0, None)]
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
