"""Turn normalised records into the arrays the matcher works on.

Everything here is vectorised over whole columns (string work on distinct values only). Text
that is compared for equality is carried as a 64-bit hash (0 = missing), so blocking keys and
equality tests are integer operations, and the same value hashes to the same number in every
partition and process (what a distributed run needs). Text that is compared fuzzily is kept
as an object array of ``str``.

A :class:`Features` object is aligned with its records by position, and carries each
record's ``rid``; pairs refer to records by position within a Features object.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from coklit.nik import DATE as NIK_DATE
from coklit.nik import REGION as NIK_REGION
from coklit.nik import SERIAL as NIK_SERIAL
from coklit.nik import date_part, digit_matrix, digits_value

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def splitmix(x: np.ndarray) -> np.ndarray:
    """A well-mixed 64-bit hash of integers (splitmix64 finaliser), never 0."""
    z = np.asarray(x).astype(np.uint64) + _GOLDEN
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    z = z ^ (z >> np.uint64(31))
    return np.where(z == 0, np.uint64(1), z)


def _hash_distinct(uniques: np.ndarray) -> np.ndarray:
    """64-bit hash of each distinct string (0 for ''), deterministic across processes."""
    if len(uniques) == 0:
        return np.zeros(0, np.uint64)
    hashed = pd.util.hash_array(np.asarray(uniques, dtype=object), categorize=False)
    hashed = np.where(hashed == 0, np.uint64(1), hashed)
    hashed[np.asarray(uniques == "", dtype=bool)] = 0
    return hashed


def hash_text(values: pd.Series | np.ndarray) -> np.ndarray:
    """64-bit hash per string (0 for '' or missing), deterministic across processes."""
    s = pd.Series(values, dtype=object).fillna("")
    codes, uniques = pd.factorize(s, sort=False)
    if len(uniques) == 0:
        return np.zeros(len(s), np.uint64)
    return _hash_distinct(np.asarray(uniques, dtype=object))[codes]


class _Distinct:
    """A text column as codes into its distinct values: string work runs once per distinct
    value (a million voters have a few hundred thousand names and far fewer addresses)."""

    def __init__(self, values: pd.Series) -> None:
        codes, uniques = pd.factorize(values.fillna("").astype("str"), sort=False)
        self.codes = codes
        self.uniques = pa.array(np.asarray(uniques, dtype=object), pa.large_string())

    def derive(self, fn: Callable[[pa.Array], pa.Array]) -> _Distinct:
        """A column whose value per record is ``fn`` applied to this one's (Arrow kernels)."""
        out = _Distinct.__new__(_Distinct)
        out.codes, out.uniques = self.codes, fn(self.uniques)
        return out

    def objects(self) -> np.ndarray:
        u = np.asarray(self.uniques.to_pylist(), dtype=object)
        return u[self.codes] if len(u) else np.full(len(self.codes), "", dtype=object)

    def hashes(self) -> np.ndarray:
        u = np.asarray(self.uniques.to_pylist(), dtype=object)
        return _hash_distinct(u)[self.codes] if len(u) else np.zeros(len(self.codes), np.uint64)

    def ints(self, fn: Callable[[pa.Array], pa.Array]) -> np.ndarray:
        values = np.asarray(fn(self.uniques).to_numpy(zero_copy_only=False), dtype=np.int64)
        return values[self.codes] if len(values) else np.zeros(len(self.codes), np.int64)


def hash_ints(values: np.ndarray, salt: int) -> np.ndarray:
    """Hash of integers (negative = missing -> 0), salted so two fields never collide."""
    values = np.asarray(values, dtype=np.int64)
    out = splitmix(values.astype(np.uint64) ^ splitmix(np.full(1, salt))[0])
    return np.where(values < 0, np.uint64(0), out)


def combine(*parts: np.ndarray) -> np.ndarray:
    """One hash from several (0 when any part is 0: a key needs every component)."""
    out = parts[0].astype(np.uint64)
    empty = out == 0
    for p in parts[1:]:
        out = splitmix(out * np.uint64(31) + p.astype(np.uint64))
        empty |= p == 0
    return np.where(empty, np.uint64(0), out)


@dataclass
class Features:
    """Arrays for one set of records, aligned by position; see the module docstring.

    ``present`` names the features that carry information in this set (a column that is
    absent from the input, or empty on every row, is not present); comparisons and blocking
    keys are built only from features present on both sides.
    """

    rid: np.ndarray
    present: frozenset[str]
    text: dict[str, np.ndarray]  # object arrays of str ('' when missing)
    hashes: dict[str, np.ndarray]  # uint64, 0 when missing
    ints: dict[str, np.ndarray]  # int64, -1 when missing
    nik: np.ndarray  # (n, 16) uint8 digits, MASKED or MISSING
    nik_state: np.ndarray  # int8: 0 none, 1 full, 2 masked
    nkk: np.ndarray
    nkk_state: np.ndarray
    flags: dict[str, np.ndarray] = field(default_factory=dict)  # bool arrays
    keys: dict[str, np.ndarray] = field(default_factory=dict)  # sample keys, built lazily
    blocks: dict[str, Any] = field(default_factory=dict)  # keys grouped by value, lazily

    def __len__(self) -> int:
        return len(self.rid)

    def take(self, positions: np.ndarray) -> Features:
        """The records at ``positions`` (a partition or a sample), as a new Features."""
        p = np.asarray(positions, dtype=np.int64)
        return Features(
            rid=self.rid[p], present=self.present,
            text={k: v[p] for k, v in self.text.items()},
            hashes={k: v[p] for k, v in self.hashes.items()},
            ints={k: v[p] for k, v in self.ints.items()},
            nik=self.nik[p], nik_state=self.nik_state[p], nkk=self.nkk[p],
            nkk_state=self.nkk_state[p], flags={k: v[p] for k, v in self.flags.items()},
            keys={k: v[p] for k, v in self.keys.items()},
        )  # blocks are rebuilt: positions change

    def for_comparisons(self) -> Features:
        """The same records with only what ``coklit.match.compare`` reads (no blocking-key
        hashes, NIK parts or cached blocks): what a worker that only compares pairs needs,
        about 60% of the arrays. The arrays are shared with this object, not copied."""
        return Features(
            rid=self.rid, present=self.present, text=self.text,
            hashes={k: v for k, v in self.hashes.items() if k in COMPARED_HASHES},
            ints={k: v for k, v in self.ints.items() if k in COMPARED_INTS},
            nik=self.nik, nik_state=self.nik_state, nkk=self.nkk, nkk_state=self.nkk_state,
            flags={k: v for k, v in self.flags.items() if k in COMPARED_FLAGS},
        )


# What the comparisons (coklit.match.compare) read besides the text, NIK and NKK arrays.
COMPARED_HASHES = frozenset({"nama", "depan", "belakang", "nama_key", "tempat", "alamat", "kel",
                             "kec", "kab", "kodepos"})
COMPARED_INTS = frozenset({"nama_tokens", "tgl", "tgl_y", "tgl_m", "tgl_d", "jk", "rt", "rw"})
COMPARED_FLAGS = frozenset({"nik_date_ok"})


def _text(records: pd.DataFrame, column: str) -> np.ndarray:
    if column not in records.columns:
        return np.full(len(records), "", dtype=object)
    s = records[column]
    return s.fillna("").astype(str).to_numpy(dtype=object)


def _raw(records: pd.DataFrame, column: str) -> pd.Series:
    if column not in records.columns:
        return pd.Series([""] * len(records), dtype="str")
    return records[column]


def _column(records: pd.DataFrame, column: str) -> _Distinct:
    if column not in records.columns:
        return _Distinct(pd.Series([""] * len(records), dtype="str"))
    return _Distinct(records[column])


def nik_dates(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Birth date encoded in each NIK's DDMMYY part: (year, month, day, female), -1 where
    those six digits are not all visible or do not form a real date."""
    part = date_part(matrix)
    ok = part.possible
    return (np.where(ok, part.year, -1), np.where(ok, part.month, -1),
            np.where(ok, part.day, -1), ok & part.female)


def _int_column(records: pd.DataFrame, column: str) -> np.ndarray:
    if column not in records.columns:
        return np.full(len(records), -1, np.int64)
    return pd.to_numeric(records[column], errors="coerce").fillna(-1).astype(np.int64).to_numpy()


# Which normalised column feeds each text feature.
TEXT_SOURCES: dict[str, str] = {
    "nama": "nama_norm",
    "nama_key": "nama_key",
    "tempat": "tempat_norm",
    "alamat": "alamat_norm",
    "kel": "kelurahan_norm",
    "kec": "kecamatan_norm",
    "kab": "kabupaten_norm",
    "kodepos": "kodepos_norm",
}


def prepare(records: pd.DataFrame) -> Features:
    """Features of normalised records (columns of ``coklit.fields.NORMALISED``)."""
    n = len(records)
    rid = (records["rid"].to_numpy(np.int64) if "rid" in records.columns
           else np.arange(n, dtype=np.int64))
    columns = {name: _column(records, column) for name, column in TEXT_SOURCES.items()}

    def first_word(u: pa.Array) -> pa.Array:
        return pc.replace_substring_regex(u, pattern=" .*$", replacement="")

    def last_word(u: pa.Array) -> pa.Array:
        return pc.replace_substring_regex(u, pattern="^.* ", replacement="")

    nama, alamat = columns["nama"], columns["alamat"]
    columns["depan"], columns["belakang"] = nama.derive(first_word), nama.derive(last_word)
    columns["alamat_depan"] = alamat.derive(first_word)
    columns["alamat_belakang"] = alamat.derive(last_word)
    columns["alamat_rapat"] = alamat.derive(
        lambda u: pc.replace_substring(u, pattern=" ", replacement=""))
    columns["nama_awal"] = columns["nama_key"].derive(lambda u: pc.utf8_slice_codeunits(u, 0, 1))
    columns["nama_awal2"] = columns["nama_key"].derive(lambda u: pc.utf8_slice_codeunits(u, 0, 2))
    # Compared fuzzily, so kept as text.
    text = {name: columns[name].objects()
            for name in ("nama", "tempat", "alamat", "kel", "kec", "kab")}
    hashes = {name: column.hashes() for name, column in columns.items()}
    hashes["alamat_kel"] = combine(hashes["alamat"], hashes["kel"]) if (hashes["kel"] != 0).any() \
        else hashes["alamat"]
    ntok = nama.ints(lambda u: pc.add(pc.count_substring(u, pattern=" "), 1))
    ints: dict[str, np.ndarray] = {"nama_tokens": np.where(hashes["nama"] == 0, 0, ntok)}

    nik, nik_state = digit_matrix(_raw(records, "nik_norm"))
    nkk, nkk_state = digit_matrix(_raw(records, "nkk_norm"))
    for name, m, state in (("nik", nik, nik_state), ("nkk", nkk, nkk_state)):
        ints[f"{name}_region"] = np.where(state > 0, digits_value(m, NIK_REGION), -1)
        ints[f"{name}_mid"] = np.where(state > 0, digits_value(m, NIK_DATE), -1)
        ints[f"{name}_serial"] = np.where(state > 0, digits_value(m, NIK_SERIAL), -1)
        full = state == 1
        hashes[name] = np.where(full, combine(hash_ints(ints[f"{name}_region"], 1),
                                              hash_ints(ints[f"{name}_mid"], 2),
                                              hash_ints(ints[f"{name}_serial"], 3)),
                                np.uint64(0))
    # The NIK's serial alone: its value frequencies weigh an agreeing serial (0001 is most
    # people's, since it counts registrations per region, birth date and sex).
    hashes["nik_urut"] = np.where(nik_state == 1, hash_ints(ints["nik_serial"], 7), np.uint64(0))

    # Birth date: as written, else as the NIK encodes it.
    if "tgl_lahir" in records.columns:
        tgl = pd.to_datetime(records["tgl_lahir"], errors="coerce")
        written = tgl.notna().to_numpy()
        y = np.where(written, tgl.dt.year.fillna(0).to_numpy(np.int64), -1)
        mo = np.where(written, tgl.dt.month.fillna(0).to_numpy(np.int64), -1)
        d = np.where(written, tgl.dt.day.fillna(0).to_numpy(np.int64), -1)
    else:
        written = np.zeros(n, bool)
        y = mo = d = np.full(n, -1, np.int64)
    ny, nm, nd, _ = nik_dates(nik)
    date_ok = written & (ny == y) & (nm == mo) & (nd == d) & (nik_state == 1)
    use_nik = ~written & (ny >= 0)
    y, mo, d = np.where(use_nik, ny, y), np.where(use_nik, nm, mo), np.where(use_nik, nd, d)
    known = y >= 0
    ints["tgl"] = np.where(known, y * 10000 + mo * 100 + d, -1)
    lo, hi = np.minimum(d, mo), np.maximum(d, mo)
    ints["tgl_swap"] = np.where(known, y * 10000 + lo * 100 + hi, -1)
    ints["tgl_y"], ints["tgl_m"], ints["tgl_d"] = y, mo, d
    hashes["tgl"] = hash_ints(ints["tgl"], 4)
    hashes["tgl_swap"] = hash_ints(ints["tgl_swap"], 5)

    jk = _text(records, "jk_norm")
    ints["jk"] = np.select([jk == "L", jk == "P"], [0, 1], -1)
    # Sex as a blocking-key component: a fixed value when unknown, so a key that adds the
    # sex still works for records (or whole lists) without it.
    hashes["jk_kunci"] = hash_ints(np.where(ints["jk"] >= 0, ints["jk"], 2), 6)
    ints["rt"] = _int_column(records, "rt_norm")
    ints["rw"] = _int_column(records, "rw_norm")
    ints["tps"] = _int_column(records, "tps_norm")

    present = {name for name, h in hashes.items() if (h != 0).any()}
    present |= {name for name in ("rt", "rw", "jk", "tps") if (ints[name] >= 0).any()}
    if (nik_state > 0).any():
        present.add("nik")
    if (nkk_state > 0).any():
        present.add("nkk")
    if known.any():
        present.add("tgl")
    return Features(
        rid=rid, present=frozenset(present), text=text, hashes=hashes, ints=ints,
        nik=nik, nik_state=nik_state, nkk=nkk, nkk_state=nkk_state,
        flags={"nik_date_ok": date_ok, "tgl_written": written, "tgl_from_nik": use_nik},
    )
