"""Vectorised ways a second record of the same person differs: typos, spellings, titles.

All functions take numpy arrays of str and a ``numpy.random.Generator`` and return new arrays;
no per-record Python loops (loops run over a handful of variant kinds only).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from coklit.synth.names import (
    GELAR_BELAKANG,
    MUHAMMAD_FORMS,
    TIONGHOA_FAMILY,
    words,
)

_LETTERS = np.frombuffer("ABCDEFGHIJKLMNOPRSTUWY".encode("utf-32-le"), dtype=np.uint32)


def _as_matrix(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    arr = np.asarray(values, dtype=str)
    lengths = np.char.str_len(arr) if arr.size else np.zeros(0, dtype=int)
    width = int(lengths.max(initial=1)) + 3
    fixed = arr.astype(f"U{width}")
    return fixed.view(np.uint32).reshape(len(arr), width).copy(), lengths, width


def _from_matrix(mat: np.ndarray, width: int) -> np.ndarray:
    return np.ascontiguousarray(mat).view(f"U{width}").ravel().astype(object)


def typo(values: np.ndarray, rng: np.random.Generator, edits: np.ndarray | int = 1) -> np.ndarray:
    """Apply 1-2 character edits (substitute, delete, double a letter, swap neighbours).

    The first character is kept (people rarely mistype it). Strings shorter than 3 characters
    are returned unchanged.
    """
    values = np.asarray(values, dtype=object)
    n = len(values)
    if n == 0:
        return values.copy()
    edits = np.broadcast_to(np.asarray(edits), (n,))
    out = values.copy()
    for round_ in range(int(edits.max())):
        sel = np.flatnonzero(edits > round_)
        if sel.size == 0:
            break
        mat, lengths, width = _as_matrix(out[sel])
        ok = lengths >= 3
        pos = 1 + (rng.random(len(sel)) * np.maximum(lengths - 2, 1)).astype(int)
        pos = np.minimum(pos, np.maximum(lengths - 2, 1))
        op = rng.integers(0, 4, len(sel))
        rows = np.arange(len(sel))
        cols = np.arange(width)[None, :]
        idx = np.broadcast_to(cols, mat.shape).copy()
        p = pos[:, None]
        # 1: delete at p; 2: double the letter at p; 3: swap p and p+1; 0: substitute at p
        idx = np.where((op == 1)[:, None] & (cols >= p), np.minimum(cols + 1, width - 1), idx)
        idx = np.where((op == 2)[:, None] & (cols > p), cols - 1, idx)
        swap = (op == 3)[:, None]
        idx = np.where(swap & (cols == p), p + 1, idx)
        idx = np.where(swap & (cols == p + 1), p, idx)
        new = mat[rows[:, None], idx]
        new[(op == 1), width - 1] = 0
        sub = op == 0
        letters = _LETTERS[rng.integers(0, len(_LETTERS), len(sel))]
        same = letters == mat[rows, pos]
        letters = np.where(same, _LETTERS[(np.searchsorted(_LETTERS, letters) + 1) % len(_LETTERS)], letters)
        new[rows[sub], pos[sub]] = letters[sub]
        # a swap of equal letters or a space change is no typo: substitute instead
        unchanged = (new == mat).all(axis=1) | (new[rows, pos] == 32) | (mat[rows, pos] == 32)
        fix = unchanged & ok
        new[rows[fix]] = mat[rows[fix]]
        keep_letter = mat[rows[fix], pos[fix]] != 32
        new[rows[fix][keep_letter], pos[fix][keep_letter]] = np.where(
            letters[fix][keep_letter] == mat[rows[fix][keep_letter], pos[fix][keep_letter]],
            _LETTERS[0], letters[fix][keep_letter])
        res = _from_matrix(new, width)
        out[sel] = np.where(ok, res, out[sel])
    return out


def substitute_letters(
    values: np.ndarray, rng: np.random.Generator, edits: np.ndarray | int = 1
) -> np.ndarray:
    """Replace ``edits`` letters (at distinct positions, never the first character) by other
    letters. The result has the same length and differs in exactly that many positions, so it
    is exactly ``edits`` Levenshtein edits away (fewer only if a value has too few letters).
    """
    values = np.asarray(values, dtype=object)
    n = len(values)
    if n == 0:
        return values.copy()
    edits = np.broadcast_to(np.asarray(edits), (n,))
    mat, lengths, width = _as_matrix(values)
    cols = np.arange(width)[None, :]
    letter = (mat >= 65) & (mat <= 90) & (cols >= 1) & (cols < lengths[:, None])
    # letters first, in random order: column k of ``order`` is the k-th position to change
    order = np.argsort(np.where(letter, rng.random(mat.shape), 2.0), axis=1)
    rows = np.arange(n)
    out = mat.copy()
    for k in range(min(int(edits.max()), width)):
        pos = order[:, k]
        ok = (edits > k) & letter[rows, pos]
        new = _LETTERS[rng.integers(0, len(_LETTERS), n)]
        same = new == mat[rows, pos]
        new = np.where(same, _LETTERS[(np.searchsorted(_LETTERS, new) + 1) % len(_LETTERS)], new)
        out[rows[ok], pos[ok]] = new[ok]
    return _from_matrix(out, width)


_VOWELS = np.frombuffer("AIUEOY".encode("utf-32-le"), dtype=np.uint32)


def sibling_names(values: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A sibling's name one or two letters from each name: the final vowel of one word
    (chosen at random among words of 3+ letters ending in a vowel) changed, RIZKY -> RIZKA,
    PUTRI -> PUTRA; names without such a word get one or two letters substituted."""
    values = np.asarray(values, dtype=object)
    n = len(values)
    if n == 0:
        return values.copy()
    mat, lengths, width = _as_matrix(values)
    rows = np.arange(n)
    cols = np.arange(width)[None, :]
    nxt = np.concatenate([mat[:, 1:], np.zeros((n, 1), mat.dtype)], axis=1)
    word_end = (nxt == 32) | (cols == lengths[:, None] - 1)
    start3 = np.concatenate([np.ones((n, 2), bool), (mat[:, :-2] == 32) | (mat[:, 1:-1] == 32)],
                            axis=1)  # a space among the two letters before: word too short
    ends = np.isin(mat, _VOWELS) & word_end & (cols >= 2) & ~start3 & (cols < lengths[:, None])
    binti = pd.Series(values, dtype=object).str.find(" BINTI ").to_numpy(np.int64)
    ends[rows[binti >= 0], binti[binti >= 0] + 5] = False  # BINTI stays
    ok = ends.any(axis=1)
    pos = np.argmax(np.where(ends, rng.random(mat.shape), -1.0), axis=1)
    cur = mat[rows, pos]
    new = _VOWELS[rng.integers(0, len(_VOWELS), n)]
    nxt_vowel = _VOWELS[(np.argmax(_VOWELS[None, :] == cur[:, None], axis=1) + 1) % len(_VOWELS)]
    new = np.where(new == cur, nxt_vowel, new)
    out = mat.copy()
    out[rows[ok], pos[ok]] = new[ok]
    res = _from_matrix(out, width)
    if (~ok).any():
        res[~ok] = substitute_letters(values[~ok], rng, rng.integers(1, 3, int((~ok).sum())))
    return res


_FAMILY_FIRST = "|".join(words(TIONGHOA_FAMILY))


def reorder_name(values: np.ndarray) -> np.ndarray:
    """Name tokens in the other order: an old Chinese-Indonesian name (family name first,
    LIEM KOK HONG) gets it last (KOK HONG LIEM); other names get the last word first
    (HENDRA WIJAYA -> WIJAYA HENDRA). Single words are unchanged."""
    s = pd.Series(np.asarray(values, dtype=object), dtype=object)
    family_first = s.str.match(rf"^(?:{_FAMILY_FIRST}) \S").to_numpy(bool)
    to_end = s.str.replace(r"^(\S+) (.+)$", r"\2 \1", regex=True)
    to_front = s.str.replace(r"^(.+) (\S+)$", r"\2 \1", regex=True)
    return np.where(family_first, to_end.to_numpy(object), to_front.to_numpy(object))


def excel_nik(niks: np.ndarray, rng: np.random.Generator, p_scientific: float) -> np.ndarray:
    """NIKs damaged as Excel does when it stores them as numbers: shown in scientific notation
    (``1.67101E+15``) or kept to 15 significant digits (the last digit becomes 0). A NIK that
    already ends in 0 always gets the scientific form, so every value changes."""
    niks = np.asarray(niks, dtype=object)
    n = len(niks)
    if n == 0:
        return niks.copy()
    text = niks.astype("U16")
    sci = np.char.mod("%.5E", text.astype(np.float64))
    sci = pd.Series(sci, dtype=object).str.replace(r"\.?0+E", "E", regex=True).to_numpy(object)
    zero = pd.Series(niks, dtype=object).str[:15].to_numpy(object) + "0"
    use_sci = (rng.random(n) < p_scientific) | (np.char.endswith(text, "0"))
    return np.where(use_sci, sci, zero).astype(object)


def nik_typo(niks: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One wrong digit or two neighbouring digits swapped, in the date or serial part."""
    niks = np.asarray(niks, dtype=object)
    n = len(niks)
    if n == 0:
        return niks.copy()
    mat = np.asarray(niks, dtype="U16").view(np.uint32).reshape(n, 16).copy()
    rows = np.arange(n)
    pos = rng.integers(6, 15, n)
    swap = (rng.random(n) < 0.4) & (mat[rows, pos] != mat[rows, pos + 1])
    a, b = mat[rows, pos].copy(), mat[rows, pos + 1].copy()
    mat[rows[swap], pos[swap]] = b[swap]
    mat[rows[swap], pos[swap] + 1] = a[swap]
    sub = ~swap
    digit = (a - 48 + rng.integers(1, 10, n)) % 10 + 48
    mat[rows[sub], pos[sub]] = digit[sub]
    return mat.view("U16").ravel().astype(object)


_MUH_RE = "|".join(re.escape(f) for f in MUHAMMAD_FORMS)
_MUH_PAT = re.compile(rf"(?:^|(?<= ))(?:{_MUH_RE})(?= )")
_OLD = re.compile("OE|DJ|TJ|SJ|NJ|CH")
_TITLE_PAT = re.compile(r"^(?:H\.|HJ\.|DRS\.|DRA\.|IR\.|DR\.) |, [A-Z.]+$")


def name_variant(
    names: np.ndarray, sex: np.ndarray, age: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Another way to write the same name. Returns (new names, kind) with kind one of
    ``varian_muhammad``, ``ejaan`` (old/new spelling), ``gelar`` (title added or dropped)."""
    s = pd.Series(np.asarray(names, dtype=object), dtype=object)
    n = len(s)
    out = s.copy()
    kind = np.full(n, "gelar", dtype=object)
    has_muh = s.str.contains(_MUH_PAT).to_numpy(bool)
    has_old = s.str.contains(_OLD).to_numpy(bool)
    has_title = s.str.contains(_TITLE_PAT).to_numpy(bool)
    choice = rng.random(n)
    # Muhammad forms: replace with a different form
    use_muh = has_muh & ((choice < 0.8) | (~has_old & ~has_title))
    if use_muh.any():
        idx = np.flatnonzero(use_muh)
        current = s.iloc[idx].str.extract(f"((?:^| )(?:{_MUH_RE})(?= ))", expand=False).str.strip()
        target = rng.integers(0, len(MUHAMMAD_FORMS) - 1, len(idx))
        forms = np.array(MUHAMMAD_FORMS, dtype=object)
        cur_pos = np.array([MUHAMMAD_FORMS.index(c) for c in current.fillna(MUHAMMAD_FORMS[0])])
        target = np.where(target >= cur_pos, target + 1, target)
        new_vals = s.iloc[idx].to_numpy(object).copy()
        for k, form in enumerate(forms):
            m = target == k
            if m.any():
                new_vals[m] = (
                    pd.Series(new_vals[m], dtype=object)
                    .str.replace(_MUH_PAT, form.replace("\\", "\\\\"), n=1, regex=True)
                    .to_numpy(object)
                )
        out.iloc[idx] = new_vals
        kind[idx] = "varian_muhammad"
    rest = ~use_muh
    use_old = rest & has_old & ((choice < 0.9) | ~has_title)
    if use_old.any():
        idx = np.flatnonzero(use_old)
        v = s.iloc[idx]
        for old, new in (("OE", "U"), ("DJ", "J"), ("TJ", "C"), ("SJ", "SY"), ("NJ", "NY"),
                         ("CH", "KH")):
            v = v.str.replace(old, new, regex=False)
        out.iloc[idx] = v.to_numpy(object)
        kind[idx] = "ejaan"
    rest &= ~use_old
    drop = rest & has_title
    if drop.any():
        idx = np.flatnonzero(drop)
        out.iloc[idx] = s.iloc[idx].str.replace(_TITLE_PAT, "", regex=True).str.strip().to_numpy(object)
    rest &= ~drop
    # Remaining names: new spelling written old-style for some, a title added for others.
    spell = rest & s.str.contains("KH|SY|NY|U").to_numpy(bool) & (choice < 0.45)
    if spell.any():
        idx = np.flatnonzero(spell)
        v = s.iloc[idx]
        v2 = v.str.replace("KH", "CH", n=1, regex=False)
        v2 = v2.where(v2 != v, v.str.replace("SY", "SJ", n=1, regex=False))
        v2 = v2.where(v2 != v, v.str.replace("NY", "NJ", n=1, regex=False))
        v2 = v2.where(v2 != v, v.str.replace(r"(?<=[BCDGHJKLMNPRSTW])U", "OE", n=1, regex=True))
        out.iloc[idx] = v2.to_numpy(object)
        kind[idx] = "ejaan"
    add = rest & ~spell
    if add.any():
        idx = np.flatnonzero(add)
        female = np.asarray(sex)[idx] == "P"
        elder = np.asarray(age)[idx] >= 40
        suffix = np.array(GELAR_BELAKANG, dtype=object)[rng.integers(0, len(GELAR_BELAKANG), len(idx))]
        base = s.iloc[idx].to_numpy(object)
        prefixed = np.where(female, "HJ. ", "H. ") + base
        suffixed = base + ", " + suffix
        out.iloc[idx] = np.where(elder & (rng.random(len(idx)) < 0.7), prefixed, suffixed)
    changed = out.to_numpy(object) != s.to_numpy(object)
    # anything left unchanged gets a typo so the variant is never identical
    if (~changed).any():
        idx = np.flatnonzero(~changed)
        out.iloc[idx] = typo(s.iloc[idx].to_numpy(object), rng)
        kind[idx] = "salah_ketik_nama"
    return out.to_numpy(object), kind
