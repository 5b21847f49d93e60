"""Names: matching form, key and titles (table-driven + properties)."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coklit.normalize import normalize_names

CASES = [  # (input, nama_norm, nama_gelar, why)
    ("Muhammad Rizki", "MUHAMMAD RIZKI", "", "upper case"),
    ("M. RIZKI", "MUHAMMAD RIZKI", "", "lone first M is Muhammad"),
    ("MOCH. RIZKI", "MUHAMMAD RIZKI", "", "MOCH abbreviation"),
    ("MUHAMAD RIZKI", "MUHAMMAD RIZKI", "", "one-M spelling"),
    ("RIZKI M", "RIZKI M", "", "M elsewhere stays"),
    ("ACHMAD", "AHMAD", "", "old CH spelling"),
    ("AKHMAD", "AHMAD", "", "KH before consonant"),
    ("SOEHARTO", "SUHARTO", "", "OE -> U"),
    ("DJOKO WIDODO", "JOKO WIDODO", "", "DJ -> J"),
    ("TJAHJO KUMOLO", "CAHYO KUMOLO", "", "TJ -> C and old J -> Y"),
    ("SJAFRUDIN", "SYAFRUDIN", "", "SJ -> SY"),
    ("NJOTO", "NYOTO", "", "initial NJ -> NY"),
    ("JUSUF", "YUSUF", "", "known old word"),
    ("SITI AMINAH BINTI ABDULLAH", "SITI AMINAH", "", "binti tail dropped"),
    ("AHMAD BIN", "AHMAD", "", "lone BIN dropped"),
    ("H. MOCH. ACHMAD SOEHARTO, S.PD", "MUHAMMAD AHMAD SUHARTO", "H SPD", "title and degree"),
    ("Drs. H. Bambang, M.Si", "BAMBANG", "DRS H MSI", "front titles and degree"),
    ("BUDI SANTOSO, SE, MM", "BUDI SANTOSO", "SE MM", "undotted degrees after comma"),
    ("KMS. ABD. ROZAK", "ABDUL ROZAK", "KMS", "nobility prefix, ABD"),
    ("NYAYU FATIMAH", "FATIMAH", "NYA", "nobility prefix spelled out"),
    ("RADEN", "RADEN", "", "never empties a name"),
    ("LIEM SIOE LIONG", "LIM SIU LIONG", "", "Hokkien spelling"),
    ("MA'RUF AMIN", "MARUF AMIN", "", "apostrophe dropped"),
    ("Siti  Nurhaliza ", "SITI NURHALIZA", "", "spacing"),
    ("Désirée", "DESIREE", "", "accents folded"),
    ("", "", "", "empty"),
]


@pytest.mark.parametrize(("raw", "norm", "gelar", "why"), CASES)
def test_names_table(raw, norm, gelar, why):
    out = normalize_names(pd.Series([raw])).iloc[0]
    assert (out.nama_norm, out.nama_gelar) == (norm, gelar), why


KEY_SAME = [
    ("ACHMAD", "AHMAD", "AKHMAD"),
    ("MUHAMMAD RIZKI", "MOCH RIZKI", "M. RIZKI"),
    ("ABDULLAH", "ABDULAH"),
    ("FATIMAH", "FATIMA"),
    ("ZAINAL", "JAINAL"),
    ("SOEHARTO", "SUHARTO"),
    ("RIZKI AHMAD", "AHMAD RIZKI"),
]


@pytest.mark.parametrize("variants", KEY_SAME)
def test_key_equal_for_variants(variants):
    keys = normalize_names(pd.Series(list(variants))).nama_key
    assert keys.nunique() == 1, keys.tolist()


def test_key_differs_for_different_names():
    keys = normalize_names(pd.Series(["SITI AMINAH", "SITI AISYAH", "BUDI", "BAMBANG"])).nama_key
    assert keys.nunique() == 4


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=20))
def test_never_raises_and_keeps_index(values):
    s = pd.Series(values, index=[i * 3 + 1 for i in range(len(values))], dtype="str")
    out = normalize_names(s)
    assert list(out.index) == list(s.index)
    assert list(out.columns) == ["nama_norm", "nama_key", "nama_gelar"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.from_regex(r"[A-Za-z.,' ]{0,30}", fullmatch=True), min_size=1, max_size=10))
def test_idempotent(values):
    once = normalize_names(pd.Series(values, dtype="str")).nama_norm
    twice = normalize_names(once).nama_norm
    assert once.tolist() == twice.tolist()
