"""Person names: matching form, phonetic key and titles.

``normalize_names(s)`` returns ``nama_norm`` (the matching form), ``nama_key`` (a phonetic key
for blocking) and ``nama_gelar`` (titles, degrees and nobility prefixes found, for display).

How it runs (all vectorised, see ``_arrow``): distinct names are folded to upper-case ASCII and
split into tokens; the distinct *tokens* (a few tens of thousands even for a million voters)
are classified and respelled with Arrow kernels; token positions (first token, after a comma,
after BIN/BINTI) are handled with numpy on the flat token array; tokens are joined back with
Arrow list kernels.

Matching form (``nama_norm``)
- upper case, accents folded, apostrophes dropped (MA'RUF -> MARUF), other punctuation and
  digits -> space, spacing collapsed;
- degrees (S.PD, S.H., M.SI, A.MD, SE, SH, ...) after a comma or written with dots after the
  first token, and titles/nobility prefixes at the front (H., HJ., HAJI, DRS., IR., DR.,
  PROF., R./RADEN, R.A., MGS./MASAGUS, MSY./MASAYU, KMS./KEMAS, NYS./NYIMAS, KGS./KIAGUS,
  NYA./NYAYU, SAYYID, SYARIF, SYARIFAH, ...) go to ``nama_gelar`` in canonical short form;
  a name is never emptied: a lone "RADEN" stays the name;
- BIN/BINTI/BT and everything after (the father's name) is dropped, except at the front;
- Muhammad spellings (MUHAMAD, MOCHAMMAD, MOCH, MOH, MHD, ...) -> MUHAMMAD; a lone M as first
  name token followed by another token -> MUHAMMAD (elsewhere M stays M); ABD/ABDL -> ABDUL;
- old spelling (pre-1972): OE -> U, DJ -> J, TJ -> C, SJ -> SY, initial NJ -> NY, OO -> O, and in
  a token that shows one of those marks its other J -> Y (TJAHJO -> CAHYO, DJOJO -> JOYO); CH
  inside a word -> KH; KH before a consonant -> H (ACHMAD, AKHMAD -> AHMAD; RACHMAN ->
  RAHMAN); some frequent old words by list (JUSUF -> YUSUF, LIEM -> LIM, OEI/OEY -> UI ...).
  Word-initial CH is kept (CHANDRA, CHAIRUL) and double letters are kept (readable); the key
  absorbs both.

Key (``nama_key``): per token of ``nama_norm``: PH->F, DZ->Z, TH->T, KH->H, CH->H, SY->S,
DH->D, then V->F, Q->K, Z->J, X->S; double letters collapsed; a final H dropped (FATIMAH =
FATIMA); vowels A E I O U dropped except the token's first letter (Y and W are kept as
consonants). Token codes are sorted alphabetically and joined with one space, so reordered
names (Chinese surname first or last) share a key. Examples: ACHMAD/AHMAD/AKHMAD -> AHMD,
MUHAMMAD/MUHAMAD/MOCH -> MHMD, ABDULLAH/ABDULAH -> ABDL. The key includes every token; blocking
on a subset (e.g. the first code) is the matcher's choice.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ._arrow import dict_encode, fold, lit, lut_keep, map_values, str_series, sub, translate

__all__ = ["normalize_names", "name_key", "DEGREES", "TITLES"]

# Degree tokens (dots removed) recognised after a comma or after a dotted degree.
DEGREES: frozenset[str] = frozenset(
    """SE SH SPD SPDI SAG SSOS SKOM ST SKM SKEP SFARM SIP SHI SEI SSI STP SP SPSI SHUT SKED
    SGZ STR SAP SIKOM SHUM SS SSN SSTP SST SSIT SAK SKEB SIKOM STH SPT SPI SPN SKG SKEL SHIND
    MM MH MSI MPD MKES MAG MKOM MT MSC MBA MHUM MAP MPDI MSOS MAK MKEB MKEP MPSI MIKOM MFARM
    MSN MSTR MEK MPH MA LC AMD AMDKEP AMDKEB AMDFARM AMK AMKEB AMKEP AMA AMAPD AMPD APT BA BSC
    DRS DRA DR DRG IR H HJ PROF PHD SPOG SPA SPPD SPB MARS AK KEP KEB FARM I GZ KOM SOS PD AG
    KES SI TR GR CPNS ASN""".split()
)
# Prefix titles (front of the name): token -> canonical short form.
TITLES: dict[str, str] = {
    "H": "H", "HAJI": "H", "HJ": "HJ", "HJH": "HJ", "HAJJAH": "HJ", "HAJAH": "HJ",
    "DRS": "DRS", "DRA": "DRA", "IR": "IR", "DR": "DR", "DRG": "DRG", "PROF": "PROF",
    "KH": "KH", "UST": "UST", "USTADZ": "UST", "USTAD": "UST", "USTADZAH": "USTADZAH",
    "R": "R", "RADEN": "R", "RA": "RA", "RADENAYU": "RA",
    "MGS": "MGS", "MASAGUS": "MGS", "MSY": "MSY", "MASAYU": "MSY",
    "KMS": "KMS", "KEMAS": "KMS", "NYS": "NYS", "NYIMAS": "NYS",
    "KGS": "KGS", "KIAGUS": "KGS", "NYA": "NYA", "NYAYU": "NYA",
    "SAYYID": "SAYYID", "SAYID": "SAYYID", "SAYYIDAH": "SAYYIDAH", "SYARIF": "SYARIF",
    "SYARIFAH": "SYARIFAH", "SYARIFA": "SYARIFAH", "SYED": "SAYYID", "HABIB": "HABIB",
}
# after degree marking: keep letters, '#' and ',', everything else (dots, digits) -> space
_NAME_LUT = lut_keep("ABCDEFGHIJKLMNOPQRSTUVWXYZ#,")
_BIN = ["BIN", "BINTI", "BINTY", "BT", "BNT", "BINTE"]

# Dotted degrees: "<space or comma>S.PD" -> "#SPD" (the # marks a certain degree).
_DEG_S = ("PDI|PD|H|HI|E|EI|KOM|T|AG|SOS|KEP|KEB|FARM|KM|KED|SI|IP|IKOM|HUT|PT|P|PSI|TR|TP|HUM|"
          "KG|GZ|AP|AK|ST|SN|SS|IN|STP|TH|PI|PN|SIT")
_DEG_M = "SI|PDI|PD|M|H|KES|KOM|T|AG|AP|HUM|SC|E|AK|KEB|KEP|PSI|IKOM|FARM|SN|BA|EK|PH|TR|KN"
_DEG_A = "MD|MA|MK|MKEB|MKEP"
_DEG_RE = (rf"([\s,])(?:(S)\.\s?({_DEG_S})|(M)\.\s?({_DEG_M})|(A)\.\s?({_DEG_A})"
           r"|(B)\.\s?(SC|A))\b\.?")
_DEG_REPL = "\\1#\\2\\3\\4\\5\\6\\7\\8\\9"

_MUHAMMAD_RE = (r"^(M[UOE]+C?H+A?M+[AE]+D+H?|M[UO]H+A?M+[AE]+T|MOCH|MOH|MOHD|MUH|MHD|MUHD|MCH|"
                r"MHMD|MUHAMMADH|MUHD|MUCH|MOEH|MOHAMADH|MUHAMAD)$")
_WORDS = {  # frequent whole-token spellings (after the generic rules)
    "ABD": "ABDUL", "ABDL": "ABDUL", "ABDU": "ABDUL", "JUSUF": "YUSUF", "JUSOF": "YUSUF",
    "YUSOF": "YUSUF", "JAHJA": "YAHYA", "JAHYA": "YAHYA", "YAHJA": "YAHYA", "JAKUB": "YAKUB",
    "LIEM": "LIM", "OEI": "UI", "OEY": "UI", "UY": "UI", "NJOO": "NYO", "NYOO": "NYO",
    "TJAN": "CAN", "SITTI": "SITI", "NUUR": "NUR",
}


def _canon_tokens(t: pa.Array) -> pa.Array:
    """Respell distinct base tokens (upper ASCII letters) into their canonical form."""
    t = map_values(t, {"ABD": "ABDUL", "ABDL": "ABDUL", "OEI": "UI", "OEY": "UI", "LIEM": "LIM"})
    t = sub(t, _MUHAMMAD_RE, "MUHAMMAD")
    is_muh = pc.equal(t, "MUHAMMAD")
    old = pc.match_substring_regex(t, r"OE|DJ|TJ|SJ|^NJ")
    # old spelling; \x01 stands for a J that was DJ (it must not turn into Y)
    o = lit(t, "OE", "U")
    o = sub(o, "D+J", "\x01")  # a run of D (DDJ) at once, so normalising twice changes nothing
    o = lit(o, "TJ", "C")
    o = lit(o, "SJ", "SY")
    o = sub(o, "^NJ", "NY")
    o = lit(o, "J", "Y")
    o = lit(o, "\x01", "J")
    t = pc.if_else(old, o, t)
    t = lit(t, "OO", "O")
    t = sub(t, "CC+H", "CH")
    t = sub(t, "(.)CH", "\\1KH")
    t = sub(t, "K+H([^AEIOU]|$)", "H\\1")  # a run of K at once (idempotent on KKCH)
    t = map_values(t, _WORDS)
    return pc.if_else(is_muh, pa.scalar("MUHAMMAD", t.type), t)


def name_key(tokens: pa.Array) -> pa.Array:
    """Phonetic code of single tokens (see module doc). Vectorised with numpy over bytes."""
    t = tokens
    for a, b in (("PH", "F"), ("DZ", "Z"), ("TH", "T"), ("KH", "H"), ("CH", "H"),
                 ("SY", "S"), ("DH", "D")):
        t = lit(t, a, b)
    n = len(t)
    if n == 0:
        return pa.array([], type=tokens.type)
    width = max(1, int(pc.max(pc.binary_length(t)).as_py() or 1))
    raw = np.asarray(t.to_numpy(zero_copy_only=False), dtype=f"S{width}")
    m = raw.view(np.uint8).reshape(n, width).copy()
    lut = np.arange(256, dtype=np.uint8)
    for a, b in (("V", "F"), ("Q", "K"), ("Z", "J"), ("X", "S")):
        lut[ord(a)] = ord(b)
    m = lut[m]
    present = m != 0
    keep = present.copy()
    keep[:, 1:] &= m[:, 1:] != m[:, :-1]  # collapse doubles
    # drop a final H (not when it is the whole token)
    length = present.sum(axis=1)
    last = np.clip(length - 1, 0, None)
    rows = np.arange(n)
    final_h = (m[rows, last] == ord("H")) & (length > 1)
    keep[rows[final_h], last[final_h]] = False
    vowel = np.isin(m, np.frombuffer(b"AEIOU", dtype=np.uint8))
    vowel[:, 0] = False
    keep &= ~vowel
    counts = keep.sum(axis=1)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    data = m[keep].tobytes()
    return pa.LargeStringArray.from_buffers(
        n, pa.py_buffer(offsets.astype(np.int64).tobytes()), pa.py_buffer(data)
    )


def _split(a: pa.Array) -> tuple[pa.Array, np.ndarray]:
    lists = pc.utf8_split_whitespace(a)
    if isinstance(lists, pa.ChunkedArray):
        lists = lists.combine_chunks()
    offsets = np.asarray(lists.offsets.to_numpy(), dtype=np.int64)
    flat = lists.values.slice(offsets[0], offsets[-1] - offsets[0])
    return flat, offsets - offsets[0]


def _join(tokens: pa.Array, parent: np.ndarray, n: int, order: np.ndarray | None = None) -> pa.Array:
    """Join tokens (already grouped by ``parent`` in order) into n strings, space-separated."""
    if order is not None:
        tokens = pc.take(tokens, pa.array(order))
        parent = parent[order]
    counts = np.bincount(parent, minlength=n) if len(parent) else np.zeros(n, dtype=np.int64)
    offsets = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(counts, out=offsets[1:])
    tokens = tokens.cast(pa.string())
    lists = pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), tokens)
    return pc.binary_join(lists, " ").cast(pa.large_string())


def _first_pos(parent: np.ndarray, pos: np.ndarray, mask: np.ndarray, n: int) -> np.ndarray:
    """Per parent, the smallest ``pos`` where ``mask`` (a large number when none)."""
    out = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(out, parent[mask], pos[mask])
    return out


def _rank(offsets: np.ndarray, parent: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Position of each token among its parent's masked tokens, and masked counts per parent."""
    cm = np.zeros(len(mask) + 1, dtype=np.int64)
    np.cumsum(mask, out=cm[1:])
    before = cm[offsets[:-1]]
    return cm[:-1] - before[parent], cm[offsets[1:]] - before


def _names_distinct(u: pa.Array) -> dict[str, pa.Array]:
    n = len(u)
    t = fold(u)
    t = sub(t, r"['`]", "")
    t = sub(t, _DEG_RE, _DEG_REPL)
    t = translate(t, _NAME_LUT)
    t = sub(t, ",", " , ")
    flat, offsets = _split(t)
    T = len(flat)
    lengths = np.diff(offsets)
    parent = np.repeat(np.arange(n, dtype=np.int64), lengths)
    pos = np.arange(T, dtype=np.int64) - offsets[:-1][parent]

    # classify distinct tokens
    d = pc.dictionary_encode(flat)
    utok, tid = d.dictionary, np.asarray(d.indices.to_numpy(zero_copy_only=False))
    base = sub(utok, r"[#.]", "")
    is_comma_u = np.asarray(pc.equal(utok, ",").to_numpy(zero_copy_only=False), dtype=bool)
    is_def_u = np.asarray(pc.starts_with(utok, "#").to_numpy(zero_copy_only=False), dtype=bool)
    deg_set = pa.array(sorted(DEGREES), type=base.type)
    is_deg_u = np.asarray(pc.is_in(base, value_set=deg_set).to_numpy(zero_copy_only=False))
    canon = _canon_tokens(_canon_tokens(base))  # twice: some rules feed each other
    # A title may itself be in old spelling (NJA. = NYA.), so the respelled token counts too.
    title_set = pa.array(list(TITLES), type=base.type)
    is_title_u = np.asarray(
        pc.or_(pc.is_in(base, value_set=title_set), pc.is_in(canon, value_set=title_set))
        .to_numpy(zero_copy_only=False)
    )
    is_bin_u = np.asarray(
        pc.is_in(base, value_set=pa.array(_BIN, type=base.type)).to_numpy(zero_copy_only=False)
    )
    is_empty_u = np.asarray(pc.equal(base, "").to_numpy(zero_copy_only=False), dtype=bool)
    is_m_u = np.asarray(pc.equal(base, "M").to_numpy(zero_copy_only=False), dtype=bool)
    title_canon = map_values(map_values(canon, TITLES), TITLES)
    title_canon = pc.if_else(pc.is_in(base, value_set=title_set), map_values(base, TITLES),
                             title_canon)
    deg_canon = base

    is_comma, is_def, is_deg = is_comma_u[tid], is_def_u[tid], is_deg_u[tid]
    is_title, is_bin, is_empty = is_title_u[tid], is_bin_u[tid], is_empty_u[tid]

    # degrees: a dotted degree after the first token, or any degree word after the first
    # comma / dotted degree
    marker = (is_comma | is_def) & (pos > 0)
    first_mark = _first_pos(parent, pos, marker, n)
    gel_deg = (is_def & (pos > 0)) | (is_deg & (pos > first_mark[parent]))
    keep = ~(is_comma | gel_deg | is_empty)
    # leading titles (never all tokens)
    r, cnt = _rank(offsets, parent, keep)
    nontitle = keep & ~is_title
    first_nt = _first_pos(parent, r, nontitle, n)
    first_nt = np.minimum(first_nt, np.maximum(cnt - 1, 0))
    gel_title = keep & is_title & (r < first_nt[parent])
    name = keep & ~gel_title
    # BIN/BINTI tail
    r2, _ = _rank(offsets, parent, name)
    first_bin = _first_pos(parent, r2, name & is_bin & (r2 > 0), n)
    name &= r2 < first_bin[parent]
    r3, cnt3 = _rank(offsets, parent, name)
    lone_m = name & is_m_u[tid] & (r3 == 0) & (cnt3[parent] >= 2)

    # outputs
    tid_pa = pa.array(tid)
    name_tok = pc.take(canon, tid_pa)
    name_tok = pc.if_else(pa.array(lone_m), pa.scalar("MUHAMMAD", name_tok.type), name_tok)
    idx_name = np.flatnonzero(name)
    nama_norm = _join(pc.take(name_tok, pa.array(idx_name)), parent[idx_name], n)

    gel_tok = pc.if_else(pa.array(gel_title), pc.take(title_canon, tid_pa),
                         pc.take(deg_canon, tid_pa))
    idx_gel = np.flatnonzero(gel_title | gel_deg)
    nama_gelar = _join(pc.take(gel_tok, pa.array(idx_gel)), parent[idx_gel], n)

    # key: code distinct canonical tokens, sort codes within each name
    kt = pc.take(name_tok, pa.array(idx_name))
    kd = pc.dictionary_encode(kt)
    codes_u = name_key(kd.dictionary)
    kid = np.asarray(kd.indices.to_numpy(zero_copy_only=False))
    code_tok = pc.take(codes_u, kd.indices)
    sort_u = np.asarray(pc.rank(codes_u, sort_keys="ascending", tiebreaker="dense"))
    kparent = parent[idx_name]
    # Codes sorted within each name: tokens are grouped by name already, so a stable sort
    # of (name, code rank) as one integer key is a sort of short runs (fast for timsort).
    rank = sort_u[kid].astype(np.int64) if len(kid) else kid.astype(np.int64)
    order = np.argsort(kparent * (int(rank.max(initial=0)) + 1) + rank, kind="stable")
    nama_key = _join(code_tok, kparent, n, order=order)
    return {"nama_norm": nama_norm, "nama_key": nama_key, "nama_gelar": nama_gelar}


def normalize_names(s: pd.Series) -> pd.DataFrame:
    """Names -> DataFrame[nama_norm, nama_key, nama_gelar] on the same index (see module doc).

    >>> normalize_names(pd.Series(["H. MOCH. ACHMAD SOEHARTO, S.PD"])).iloc[0].tolist()
    ['MUHAMMAD AHMAD SUHARTO', 'AHMD MHMD SHRT', 'H SPD']
    """
    uniq, idx = dict_encode(s)
    res = _names_distinct(uniq)
    return pd.DataFrame({k: str_series(pc.take(v, idx), s.index) for k, v in res.items()},
                        index=s.index)
