"""Short coded fields: gender, marital status, age, TPS number and the status/keterangan mark.

- ``normalize_gender(s)`` -> ``L`` | ``P`` | "" (L, LK, LAKI-LAKI, PRIA, M, MALE / P, PR, PEREMPUAN,
  WANITA, W, F, FEMALE).
- ``normalize_marital(s)`` -> ``B`` | ``S`` | ``P`` | "" (B, BK, BELUM KAWIN / S, K, KAWIN, SUDAH
  KAWIN, MENIKAH / P, C, CERAI HIDUP, CERAI MATI, JANDA, DUDA, PERNAH KAWIN).
- ``parse_int(s)`` -> Int64 of the first number (``45``, ``45 TH``, ``45.0``, ``TPS 005``).
- ``map_status(status, keterangan)`` -> category code of ``fields.CATEGORIES`` or "".

``map_status`` rules. The text is folded (upper ASCII, ticks ✓ ✔ √ ☑ read as V, punctuation
-> space). The status column decides when it is not empty; when it is empty, or its value is
not recognised while the keterangan is, the keterangan decides. In one value, the first rule
that matches wins, in this order:

1. retired military/police (PURNAWIRAWAN/PURN/PENSIUNAN/MANTAN/EKS + TNI/ABRI or POLRI/POLISI)
   -> ``purnawirawan_tni`` / ``purnawirawan_polri``; under 17 and married -> ``kawin_bawah_17``;
   PINDAH MASUK -> ``pindah_masuk``; SALAH/BEDA TPS -> ``tms_8``;
2. a KPU code at the start, optionally after TMS/KODE: ``1`` .. ``8`` -> ``tms_1`` .. ``tms_8``
   (``TMS-1``, ``1 MENINGGAL``, ``TMS 1 (MENINGGAL)``); old codes ``9`` -> ``hak_pilih_dicabut``,
   ``10`` -> ``bukan_penduduk`` (old ``8`` = hilang ingatan is not honoured: today 8 is TPS);
3. words: hilang ingatan, hak pilih dicabut, bukan penduduk, WNA, meninggal/wafat, ganda,
   di bawah umur, baru 17 / pemilih pemula, pindah, tidak dikenal, TNI, POLRI/POLISI, baru,
   ubah/perbaikan, and finally ms (tick, V, OK, MS, SESUAI, MEMENUHI SYARAT);
4. anything else non-empty -> ``tidak_dikenali``; ``TMS`` without a reason and
   ``PURNAWIRAWAN`` without TNI/POLRI are deliberately ``tidak_dikenali`` (they cannot be
   placed safely).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ._arrow import (
    dict_encode,
    expand,
    fold,
    has,
    int_series,
    label_series,
    map_values,
    squeeze,
    sub,
)

__all__ = ["normalize_gender", "normalize_marital", "parse_int", "map_status", "STATUS_RULES"]

_GENDER = {
    "L": "L", "LK": "L", "LAKILAKI": "L", "LAKI": "L", "PRIA": "L", "M": "L", "MALE": "L",
    "COWOK": "L", "LLK": "L",
    "P": "P", "PR": "P", "PRP": "P", "PEREMPUAN": "P", "WANITA": "P", "W": "P", "F": "P",
    "FEMALE": "P", "WNT": "P",
}
_MARITAL = {
    "B": "B", "BK": "B", "BELUMKAWIN": "B", "BELUMMENIKAH": "B", "BLMKAWIN": "B", "BLM": "B",
    "TIDAKKAWIN": "B", "LAJANG": "B", "BELUM": "B",
    "S": "S", "K": "S", "SK": "S", "KAWIN": "S", "SUDAHKAWIN": "S", "MENIKAH": "S",
    "SUDAHMENIKAH": "S", "KW": "S", "KWN": "S", "NIKAH": "S",
    "P": "P", "C": "P", "CH": "P", "CM": "P", "PK": "P", "CERAI": "P", "CERAIHIDUP": "P",
    "CERAIMATI": "P", "JANDA": "P", "DUDA": "P", "PERNAHKAWIN": "P", "PERNAHMENIKAH": "P",
}


def _lookup(s: pd.Series, table: dict[str, str]) -> pd.Series:
    uniq, idx = dict_encode(s)
    key = sub(fold(uniq), r"[^A-Z]+", "")
    return expand(map_values(key, table, default=""), uniq, idx, s)


def normalize_gender(s: pd.Series) -> pd.Series:
    """Jenis kelamin -> ``L`` | ``P`` | "" (see module doc)."""
    return _lookup(s, _GENDER)


def normalize_marital(s: pd.Series) -> pd.Series:
    """Status perkawinan -> ``B`` | ``S`` | ``P`` | "" (see module doc)."""
    return _lookup(s, _MARITAL)


def parse_int(s: pd.Series) -> pd.Series:
    """First whole number in each value -> Int64 (``TPS 005`` -> 5, ``45 TH`` -> 45)."""
    uniq, idx = dict_encode(s)
    ex = pc.extract_regex(uniq, pattern=r"^\D*?0*(?P<n>\d{1,9})(?:[.,]0+)?(?:\D.*)?$")
    num = pc.struct_field(ex, "n")
    num = pc.if_else(pc.equal(pc.fill_null(num, ""), ""), pa.scalar(None, uniq.type), num)
    return int_series(pc.take(pc.cast(num, pa.int64()), idx), s.index)


_CODE_AT_START = r"^(?:TMS|KODE|KD|K)?\s*0?({n})(?:\s|$)"
_RETIRED = r"\b(?:PURNAWIRAWAN|PURNAWIRA|PURN|PURNA|PENSIUNAN|PENSIUN|MANTAN|EKS|EX|PNS)\s*"
STATUS_RULES: list[tuple[str, str]] = [
    (_RETIRED + r"(?:TNI|ABRI|TENTARA)", "purnawirawan_tni"),
    (_RETIRED + r"(?:POLRI|POLISI)", "purnawirawan_polri"),
    (r"(?:KAWIN|MENIKAH).*(?:BAWAH|BELUM|KURANG|BLM)\s*(?:UMUR\s*)?17"
     r"|(?:BAWAH|BELUM|KURANG|BLM)\s*(?:UMUR\s*)?17.*(?:KAWIN|MENIKAH)", "kawin_bawah_17"),
    (r"\bPINDAH\s*MASUK\b|\bPINDAHAN\b", "pindah_masuk"),
    (r"\b(?:SALAH|BEDA|PINDAH)\s*(?:PENEMPATAN\s*)?TPS\b", "tms_8"),
    *[(_CODE_AT_START.format(n=str(i)), f"tms_{i}") for i in range(1, 9)],
    (_CODE_AT_START.format(n="9"), "hak_pilih_dicabut"),
    (_CODE_AT_START.format(n="10"), "bukan_penduduk"),
    (r"\bHILANG\s*INGATAN\b|\bGANGGUAN\s*JIWA\b|\bODGJ\b|\bSAKIT\s*JIWA\b", "hilang_ingatan"),
    (r"\bHAK\s*PILIH\s*DICABUT\b|\bDICABUT\s*HAK\s*PILIH|\bCABUT\s*HAK\b", "hak_pilih_dicabut"),
    (r"\bBU?KA?N\s*(?:PENDUDUK|WARGA)\b", "bukan_penduduk"),
    (r"\bWNA\b|\bWARGA\s*NEGARA\s*ASING\b", "wna"),
    (r"\bMENINGGAL|\bWAFAT\b|\bALMARHUM|\bALM\b|\bMATI\b", "tms_1"),
    (r"\bGANDA\b|\bDOUBLE\b|\bDOBEL\b", "tms_2"),
    (r"\bDI\s*BAWAH\s*UMUR\b|\bBE?LU?M\s*CUKUP\s*UMUR\b|\bKURANG\s*UMUR\b"
     r"|\b(?:DI\s*BAWAH|BELUM|BLM|KURANG\s*DARI)\s*17\b", "tms_3"),
    (r"\bBARU\s*17\b|\bPEMILIH\s*PEMULA\b|\bGENAP\s*17\b|\b17\s*(?:TAHUN|THN|TH)\b"
     r"|\bBARU\s*BERUSIA\s*17\b", "baru_17"),
    (r"\bPINDAH\b", "tms_4"),
    (r"\bTIDAK\s*DIKENALI?\b|\bTDK\s*DIKENALI?\b|\bTAK\s*DIKENALI?\b", "tms_5"),
    (r"\bTNI\b|\bABRI\b|\bTENTARA\b", "tms_6"),
    (r"\bPOLRI\b|\bPOLISI\b", "tms_7"),
    (r"^B$|\bBARU\b", "baru"),
    (r"^U$|\bUBAH\b|\bDIUBAH\b|\bPERUBAHAN\b|\bPERBAIKAN\b|\bPERBAIKI\b", "ubah"),
    (r"^(?:V|VV|OK|MS|TERCOKLIT)$|\bMEMENUHI\s*SYARAT\b|\bSESUAI\b|\bMS\b", "ms"),
]


# Category codes map_status returns, as small integers while it works: "" (empty) first.
_EMPTY, _UNKNOWN = 0, 1
_LABELS: tuple[str, ...] = ("", "tidak_dikenali",
                            *dict.fromkeys(code for _, code in STATUS_RULES))
_LABEL_CODE = {label: i for i, label in enumerate(_LABELS)}


def _status_distinct(u: pa.Array) -> np.ndarray:
    """Distinct status texts -> category codes (index into ``_LABELS``)."""
    t = sub(u, "[\u2713\u2714\u221a\u2611\u2705]", " V ")
    t = fold(t)
    t = sub(t, r"[^A-Z0-9<]+", " ")
    t = squeeze(t)
    n = len(t)
    out = np.full(n, _UNKNOWN, dtype=np.int16)
    done = np.asarray(pc.equal(t, "").to_numpy(zero_copy_only=False), dtype=bool)
    out[done] = _EMPTY
    tidak_ms = has(t, r"\bTIDAK\s*MEMENUHI\s*SYARAT\b|\bTMS\b")
    for pattern, code in STATUS_RULES:
        m = has(t, pattern) & ~done
        if code == "ms":
            m &= ~tidak_ms
        out[m] = _LABEL_CODE[code]
        done |= m
    return out


def _row_codes(s: pd.Series) -> np.ndarray:
    uniq, idx = dict_encode(s)
    return _status_distinct(uniq)[np.asarray(idx.to_numpy(zero_copy_only=False))]


def map_status(status: pd.Series, keterangan: pd.Series | None = None) -> pd.Series:
    """Status (and keterangan) -> category code (``fields.CATEGORIES``) or "" (module doc).

    >>> map_status(pd.Series(["TMS 1 (MENINGGAL)", "", "V"]),
    ...            pd.Series(["", "pindah masuk dari OKI", ""])).tolist()
    ['tms_1', 'pindah_masuk', 'ms']
    """
    st = _row_codes(status)
    if keterangan is not None:
        kt = _row_codes(keterangan)
        use_ket = (st <= _UNKNOWN) & (kt > _UNKNOWN)  # status empty or unknown, remark known
        use_ket |= (st == _EMPTY) & (kt == _UNKNOWN)
        st = np.where(use_ket, kt, st)
    return label_series(st, _LABELS, status.index)
