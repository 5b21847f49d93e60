"""From raw tables to canonical records: header row, title block, aliases, ``--kolom``.

:func:`load_dataset` is the entry point. It reads every table of every input (via
:mod:`coklit.io`), finds the header row among the first rows, maps headers to the fields of
:data:`coklit.fields.FIELDS`, fills place fields from a title block above the table
(``KECAMATAN : ILIR BARAT I``), drops fully blank rows and sets aside rows that cannot be
records (no name, repeated header) in ``Dataset.rejected``.

All column problems are found before any table body is read, so a wrong ``--kolom`` fails
fast even on large files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute  # noqa: F401  (pa.compute)
from rapidfuzz import fuzz, process

from coklit import io, sheetscan
from coklit.coded import code as coded_text
from coklit.config import ReadConfig
from coklit.errors import InputError, SchemaError
from coklit.fields import COMPOSITE_FIELDS, FIELDS, FILE, REQUIRED_FIELDS, ROW, ROW_ID
from coklit.results import Dataset, FileInfo

# Masalah codes of Dataset.rejected.
REJECT_EMPTY_NAME = "nama_kosong"
REJECT_NAME_NO_LETTERS = "nama_tanpa_huruf"
REJECT_REPEATED_HEADER = "judul_berulang"
# Why a sheet was not read (``Dataset.skipped``; words: message ``schema.skip.<code>``).
SKIP_NO_TABLE = "notes"
REJECT_TITLE_ROW = "baris_judul"
REJECT_NO_HEADER = "lembar_tanpa_judul"
# The readable reason of each code is the message "schema.reject.<code>" (Indonesian/English).

# Header spellings per field, written as people write them; compared after normalise_header.
ALIASES: dict[str, tuple[str, ...]] = {
    "nkk": ("NKK", "NO KK", "NO. KK", "NOMOR KK", "NO_KK", "NO NKK", "NOMOR NKK",
            "NO KARTU KELUARGA", "NOMOR KARTU KELUARGA"),
    "nik": ("NIK", "NO NIK", "NOMOR NIK", "NO_NIK", "NOMOR INDUK KEPENDUDUKAN", "NO KTP",
            "NOMOR KTP"),
    "nama": ("NAMA", "NAMA LENGKAP", "NAMA PEMILIH", "NAMA PENDUDUK", "NAMA_PEMILIH", "NAME",
             "FULL NAME", "FULLNAME"),
    "tempat_lahir": ("TEMPAT LAHIR", "TMPT_LHR", "TMP LAHIR", "TEMPAT_LAHIR", "TMPT LAHIR",
                     "TEMPAT LHR", "TPT LAHIR", "TMP LHR"),
    "tanggal_lahir": ("TANGGAL LAHIR", "TGL LAHIR", "TGL_LHR", "TANGGAL_LAHIR", "TGL LHR",
                      "TANGGAL LHR", "TGL_LAHIR", "TANGGAL/BULAN/TAHUN LAHIR",
                      "TGL/BLN/THN LAHIR", "TGL BLN THN LAHIR", "DATE OF BIRTH",
                      "DATE_OF_BIRTH", "DOB", "BIRTH DATE", "BIRTHDATE"),
    "usia": ("USIA", "UMUR"),
    "status_kawin": ("STATUS PERKAWINAN", "STATUS KAWIN", "STS", "KAWIN", "STS KAWIN",
                     "STS_KAWIN", "PERKAWINAN", "STATUS_KAWIN"),
    "jenis_kelamin": ("JENIS KELAMIN", "JK", "L/P", "KELAMIN", "JNS KELAMIN", "JENIS_KELAMIN",
                      "L P", "SEX", "GENDER"),
    "alamat": ("ALAMAT", "JALAN/DUKUH", "ALAMAT LENGKAP", "ALAMAT JALAN", "ALAMAT RUMAH",
               "ALAMAT TEMPAT TINGGAL", "ALAMAT DOMISILI", "ADDRESS", "ADDRESS 1", "ADDRESS_1",
               "STREET"),
    "rt": ("RT",),
    "rw": ("RW",),
    "disabilitas": ("DISABILITAS", "DIS", "JENIS DISABILITAS", "DIFABEL"),
    "ktp_el": ("KTPEL", "KTP-EL", "KTP EL", "KTP_EL", "E-KTP", "EKTP"),
    "keterangan": ("KETERANGAN", "KET"),
    "status": ("STATUS", "STATUS PEMILIH", "HASIL COKLIT", "STATUS COKLIT"),
    "tps": ("TPS", "NO TPS", "NOMOR TPS", "NO_TPS"),
    "kelurahan": ("KELURAHAN", "DESA", "KEL/DESA", "DESA/KELURAHAN", "KELURAHAN/DESA",
                  "DESA/KEL", "KEL", "SUBURB", "VILLAGE", "LOCALITY"),
    "kecamatan": ("KECAMATAN", "KEC"),
    "kabupaten": ("KABUPATEN", "KOTA", "KAB/KOTA", "KABUPATEN/KOTA", "KAB", "CITY", "TOWN"),
    "provinsi": ("PROVINSI", "PROV", "STATE", "PROVINCE"),
    "kode_pos": ("KODE POS", "KODEPOS", "KODE_POS", "POSTCODE", "POST CODE", "ZIP", "ZIP CODE"),
    "nama_depan": ("NAMA DEPAN", "NAMA_DEPAN", "GIVEN NAME", "GIVEN_NAME", "FIRST NAME",
                   "FIRST_NAME", "FORENAME"),
    "nama_belakang": ("NAMA BELAKANG", "NAMA_BELAKANG", "NAMA KELUARGA", "SURNAME",
                      "LAST NAME", "LAST_NAME", "FAMILY NAME"),
    "no_rumah": ("NO RUMAH", "NOMOR RUMAH", "NO_RUMAH", "STREET NUMBER", "STREET_NUMBER",
                 "HOUSE NUMBER"),
    "alamat_2": ("ALAMAT 2", "ALAMAT_2", "ADDRESS 2", "ADDRESS_2"),
}
# Headers known to carry nothing coklit uses (running number, tool ids, occupation).
IGNORED_HEADERS: tuple[str, ...] = ("NO", "NO.", "NO URUT", "NOMOR", "NOMOR URUT", "URUT",
                                    "DPID", "SUMBER", "PEKERJAAN")
# How a place taken from the title block shows in FileInfo.columns.
TITLE_PREFIX = "(judul) "
PLACE_FIELDS: tuple[str, ...] = ("kabupaten", "kecamatan", "kelurahan", "tps")

_NON_ALNUM = re.compile(r"[^A-Z0-9]+")
_PAREN = re.compile(r"\(.*?\)|\[.*?\]")


def normalise_header(text: str) -> str:
    """Upper case, every run of non-alphanumerics one space: ``'No. KK'`` -> ``'NO KK'``."""
    return _NON_ALNUM.sub(" ", str(text).upper()).strip()


ALIAS_INDEX: dict[str, str] = {
    normalise_header(alias): fld for fld, aliases in ALIASES.items() for alias in aliases
}
# Without spaces too, for spellings like "R.T." or "NO.KK".
_COMPACT_INDEX: dict[str, str] = {k.replace(" ", ""): f for k, f in ALIAS_INDEX.items()}
_IGNORED = frozenset(normalise_header(h) for h in IGNORED_HEADERS)
assert not _IGNORED & ALIAS_INDEX.keys()
assert len({(k.replace(" ", ""), f) for k, f in ALIAS_INDEX.items()}) == len(_COMPACT_INDEX)
assert set(ALIASES) == set(FIELDS)


def field_for_header(header: str) -> str | None:
    """Canonical field a header names, or None. ``'TGL LAHIR (DD-MM-YYYY)'`` -> tanggal_lahir."""
    key = normalise_header(header)
    if key in ALIAS_INDEX:
        return ALIAS_INDEX[key]
    bare = normalise_header(_PAREN.sub(" ", str(header)))
    return ALIAS_INDEX.get(bare) or _COMPACT_INDEX.get(bare.replace(" ", ""))


# --------------------------------------------------------------------------------------
# Header row and title block


def _label_cells(row: list[str]) -> list[bool]:
    """Cells that look like a title label (``'KECAMATAN :'``, ``'KECAMATAN'`` before
    ``': X'``, or ``'KECAMATAN : X'``): they never count as header cells."""
    flags = [":" in c for c in row]
    nonempty = [i for i, c in enumerate(row) if c]
    for a, b in zip(nonempty, nonempty[1:], strict=False):
        if row[b].startswith(":"):
            flags[a] = True
    return flags


def _row_fields(row: list[str], kolom: dict[str, str]) -> set[str]:
    explicit = {h: f for f, h in kolom.items()}
    found: set[str] = set()
    for cell, label in zip(row, _label_cells(row), strict=True):
        if not cell or label:
            continue
        fld = explicit.get(normalise_header(cell)) or field_for_header(cell)
        if fld:
            found.add(fld)
    return found


def find_header(rows: list[list[str]], kolom: dict[str, str] | None = None,
                search_rows: int = 30) -> int | None:
    """Index of the header row: the first row where at least two cells name known fields
    and one of them is ``nama``, or at least three do; in a one-column table (a plain list
    of names), the row whose one cell names ``nama``. None when no row qualifies."""
    kolom = kolom or {}
    for i, row in enumerate(rows[:search_rows]):
        found = _row_fields(row, kolom)
        if len(found) >= 3 or (len(found) >= 2 and "nama" in found):
            return i
    one_column = all(sum(1 for c in row if c) <= 1 for row in rows[:search_rows])
    if one_column:
        for i, row in enumerate(rows[:search_rows]):
            if _row_fields(row, kolom) == {"nama"}:
                return i
    return None


def parse_title_block(rows: list[list[str]]) -> dict[str, tuple[str, str]]:
    """Place values written above the table: field -> (label as written, value).

    Accepts ``KECAMATAN : X`` in one cell, ``KECAMATAN`` | ``: X``, ``KECAMATAN :`` | ``X``
    and ``KECAMATAN`` | ``:`` | ``X``. The first value seen for a field wins.
    """
    found: dict[str, tuple[str, str]] = {}
    for row in rows:
        cells = [c for c in row if c]
        i = 0
        while i < len(cells):
            cell = cells[i]
            label, value = cell, None
            if ":" in cell:
                label, _, rest = cell.partition(":")
                value = rest.strip()
            elif i + 1 < len(cells) and cells[i + 1].startswith(":"):
                i += 1
                value = cells[i][1:].strip()
            if value == "" and i + 1 < len(cells):
                i += 1
                value = cells[i]
            i += 1
            if value is None or not label.strip():
                continue
            fld = field_for_header(label)
            if fld in PLACE_FIELDS and value and fld not in found:
                found[fld] = (label.strip(), value.strip())
    return found


# --------------------------------------------------------------------------------------
# Column mapping


@dataclass
class _Plan:
    """What pass one decided for one raw table."""

    table: io.RawTable
    header_index: int
    ncols: int
    columns: dict[str, int]  # field -> column index
    headers: dict[str, str]  # field -> header text
    title: dict[str, tuple[str, str]]
    ignored: list[str] = field(default_factory=list)  # header cells no field was taken from
    suggestions: dict[str, str] = field(default_factory=dict)  # ignored header -> likely field
    headerless: bool = False  # a sheet of voter rows without a header: every row rejected


def _kolom_map(cfg: ReadConfig) -> dict[str, str]:
    """--kolom pairs as field -> normalised header; two headers for one field is an error."""
    chosen: dict[str, str] = {}
    written: dict[str, list[str]] = {}
    for fld, header in cfg.kolom:
        key = normalise_header(header)
        written.setdefault(fld, []).append(header)
        if fld in chosen and chosen[fld] != key:
            raise SchemaError(
                "schema.kolom_twice", field=fld,
                headers=", ".join(f'"{h}"' for h in written[fld]),
            )
        chosen[fld] = key
    return chosen


def map_columns(header: list[str], berkas: str, kolom: dict[str, str]) -> tuple[dict[str, int], dict[str, str]]:
    """Field -> column index for one header row. ``kolom`` (field -> normalised header)
    wins over aliases; two different headers for one field without a --kolom choice is a
    :class:`SchemaError`."""
    keys = [normalise_header(h) for h in header]
    columns: dict[str, int] = {}
    taken: set[int] = set()
    for fld, key in kolom.items():
        if key in keys:
            columns[fld] = keys.index(key)
            taken.add(columns[fld])
    by_field: dict[str, list[int]] = {}
    for i, cell in enumerate(header):
        if i in taken or not cell:
            continue
        guess = field_for_header(cell)
        if guess and guess not in columns:
            by_field.setdefault(guess, []).append(i)
    conflicts = []
    for fld, idx in by_field.items():
        distinct = list(dict.fromkeys(keys[i] for i in idx))
        if len(distinct) > 1:
            conflicts.append((fld, [header[i] for i in idx]))
        columns[fld] = idx[0]  # the same header written twice: the first one
    if conflicts:
        details = "; ".join(f"{f}: " + ", ".join(f'"{h}"' for h in hs) for f, hs in conflicts)
        fld, hs = conflicts[0]
        raise SchemaError("schema.conflict", file=berkas, details=details,
                          example=f'--kolom {fld}="{hs[0]}"')
    ordered = {f: columns[f] for f in FIELDS if f in columns}
    return ordered, {f: header[i] for f, i in ordered.items()}


def _candidates(header: list[str], fld: str) -> list[tuple[str, float]]:
    """Headers of a file closest to the aliases of ``fld``, best first."""
    aliases = [normalise_header(a) for a in ALIASES[fld]]
    scored = []
    for cell in dict.fromkeys(c for c in header if c):
        if field_for_header(cell):
            continue  # already means another field
        best = process.extract(normalise_header(cell), aliases, scorer=fuzz.WRatio, limit=1)
        if best:
            scored.append((cell, float(best[0][1])))
    scored.sort(key=lambda x: -x[1])
    return [s for s in scored if s[1] >= 50][:3]


# Cells that only voter data holds: a NIK/NKK (15+ digits, possibly masked) or a full date.
_DATA_CELL = re.compile(r"^[0-9*]{15,}$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}$|^\d{4}-\d{2}-\d{2}")


def _looks_like_data(row: list[str]) -> bool:
    """A row of voter data rather than headers: two or more cells, one of them a NIK/NKK or
    a full date."""
    return sum(1 for c in row if c) >= 2 and any(_DATA_CELL.match(c) for c in row if c)


def _suggest(header: list[str], columns: dict[str, int]) -> tuple[list[str], dict[str, str]]:
    """Header cells no field was taken from, and for each the field it probably names (a
    close spelling of an alias of a field the file does not have yet)."""
    taken = set(columns.values())
    ignored = [h for i, h in enumerate(header) if h and i not in taken]
    open_fields = [f for f in FIELDS if f not in columns]
    choices = {normalise_header(a): f for f in open_fields for a in ALIASES[f]}
    suggestions: dict[str, str] = {}
    for cell in ignored:
        key = normalise_header(cell)
        if not key or key in _IGNORED or not choices:
            continue
        best = process.extractOne(key, list(choices), scorer=fuzz.WRatio)
        if best and best[1] >= 85 and choices[best[0]] not in suggestions.values():
            suggestions[cell] = choices[best[0]]
    return ignored, suggestions


def _missing_error(plan_header: list[str], header_row: int, berkas: str,
                   missing: list[str]) -> SchemaError:
    if _looks_like_data(plan_header):
        return SchemaError("schema.no_header", file=berkas, row=header_row,
                           fields=", ".join(missing))
    parts, example = [], None
    for fld in missing:
        cands = _candidates(plan_header, fld)
        if cands:
            parts.append(f"{fld}: " + ", ".join(f'"{c}" ({s:.0f})' for c, s in cands))
            example = example or f'--kolom {fld}="{cands[0][0]}"'
        else:
            parts.append(f"{fld}: -")
    headers = ", ".join(f'"{h}"' for h in plan_header if h) or "-"
    return SchemaError(
        "schema.missing_required", file=berkas, fields=", ".join(missing), row=header_row,
        headers=headers, candidates="; ".join(parts),
        example=example or f'--kolom {missing[0]}="NAMA LENGKAP"',
    )


def _ncols(head: list[list[str]], header_index: int) -> int:
    """Width to read: the header's (without empty cells at its end), or the usual cell count
    of the rows under it when that is larger (a trailing delimiter on data lines is common);
    among equally usual counts the one nearest the header's."""
    header = head[header_index]
    named = max((i + 1 for i, c in enumerate(header) if c), default=len(header))
    below = [len(r) for r in head[header_index + 1 :] if len(r) > 1]
    if not below:
        return max(1, named)
    counts = pd.Series(below).value_counts()
    usual = counts[counts == counts.max()].index
    nearest = min(usual, key=lambda w: (abs(w - named), -w))
    return max(1, named, int(nearest))


def _plan(table: io.RawTable, kolom: dict[str, str], cfg: ReadConfig,
          is_excel: bool) -> tuple[_Plan | None, SchemaError | None]:
    head = table.head
    index = find_header(head, kolom, cfg.header_search_rows)
    if index is None:
        if is_excel:
            if any(_looks_like_data(r) for r in head):  # voter rows without a header
                width = max(len(r) for r in head)
                return _Plan(table, -1, max(width, 1), {}, {}, {}, headerless=True), None
            return None, None  # a sheet of notes: not a table
        tabular = [i for i, r in enumerate(head) if sum(1 for c in r if c) >= 2]
        if not tabular:
            raise InputError("io.not_table", file=table.berkas,
                             delimiter=io.delimiter_name(table.delimiter))
        index = tabular[0]
    header = head[index]
    columns, headers = map_columns(header, table.berkas, kolom)
    title = {f: v for f, v in parse_title_block(head[:index]).items()}
    ignored, suggestions = _suggest(header, columns)
    plan = _Plan(table, index, _ncols(head, index), columns, headers, title, ignored,
                 suggestions)
    missing = [f for f in REQUIRED_FIELDS
               if f not in columns and not any(p in columns for p in COMPOSITE_FIELDS.get(f, ()))]
    error = _missing_error(header, index + 1, table.berkas, missing) if missing else None
    return plan, error


# --------------------------------------------------------------------------------------
# Building records


# A letter of any script (Latin, Arabic, ...): not a digit, not punctuation, not "_".
_LETTER = r"[^\W\d_]"


def _series_norm(s: pd.Series) -> pd.Series:
    return s.str.upper().str.replace(r"[^A-Z0-9]+", " ", regex=True).str.strip()


def _constant(value: str, n: int) -> pd.Series:
    """A str Series of ``n`` times ``value``, built in Arrow (no Python list)."""
    arr = pa.compute.take(pa.array([value], pa.large_string()), pa.array(np.zeros(n, np.int32)))
    return pd.Series(arr.to_pandas(), dtype="str")


def _joined(parts: list[pd.Series]) -> pd.Series:
    """Non-empty parts joined with one space, per row."""
    out = parts[0].str.strip()
    for part in parts[1:]:
        part = part.str.strip()
        both = (out != "") & (part != "")
        out = (out + pd.Series(np.where(both, " ", ""), index=out.index, dtype="str") + part)
    return out.astype("str")


def _build(plan: _Plan) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, FileInfo]:
    table = plan.table
    body = table.body(plan.header_index, plan.ncols)
    cells, baris = body.cells, body.baris
    nonblank = np.zeros(len(cells), dtype=bool)
    for c in cells.columns:
        nonblank |= (cells[c] != "").to_numpy()
    if body.reject is not None:
        nonblank |= body.reject != ""
    rows_blank = int((~nonblank).sum())
    cells = cells.loc[nonblank].reset_index(drop=True)
    baris = baris[nonblank]
    reader_reject = body.reject[nonblank] if body.reject is not None else None
    reader_reason = body.reason[nonblank] if body.reason is not None else None
    short = body.short[nonblank] if body.short is not None else None
    n = len(cells)

    empty = _constant("", n)
    out: dict[str, pd.Series] = {}
    for fld in FIELDS:
        idx = plan.columns.get(fld)
        out[fld] = cells[idx] if idx is not None and idx < plan.ncols else empty
    columns_used = dict(plan.headers)
    for fld, (label, value) in plan.title.items():
        out[fld] = (out[fld].mask(out[fld] == "", value) if fld in plan.columns
                    else _constant(value, n))
        if fld not in plan.columns:
            columns_used[fld] = f"{TITLE_PREFIX}{label}"

    for composite, parts in COMPOSITE_FIELDS.items():
        present = [p for p in parts if p in plan.columns or p in plan.title]
        if len(present) > 1 or (present and present[0] != composite):
            out[composite] = _joined([out[p] for p in present])
            columns_used[composite] = " + ".join(columns_used.get(p, p) for p in present)

    nama = out["nama"]
    blank_name = (nama == "").to_numpy()
    no_letters = ~blank_name & ~nama.str.contains(_LETTER, regex=True).to_numpy()

    # Repeated header rows: the nama cell holds a nama header and another mapped cell
    # holds a header too (checked only on the few candidate rows).
    repeated = np.zeros(n, dtype=bool)
    name_keys = {normalise_header(a) for a in ALIASES["nama"]}
    name_keys.add(normalise_header(plan.headers.get("nama", "NAMA")))
    # Cheap prefilter on the first two letters before the regex normalisation.
    upper2 = nama.str.slice(0, 2).str.upper()
    cand = np.flatnonzero(upper2.isin({k[:2] for k in name_keys}).to_numpy())
    is_name_header = _series_norm(nama.iloc[cand]).isin(name_keys).to_numpy()
    cand = cand[is_name_header]
    if len(cand):
        header_keys = set(ALIAS_INDEX) | {normalise_header(h) for h in plan.headers.values()}
        others = [i for f, i in plan.columns.items() if f != "nama" and i < plan.ncols]
        hits = np.zeros(len(cand), dtype=int)
        for i in others:
            hits += _series_norm(cells[i].iloc[cand]).isin(header_keys).to_numpy()
        repeated[cand[(hits >= 1) | (len(others) == 0)]] = True

    # Title lines in the middle of the table (concatenated exports): no name, a label cell.
    title_row = np.zeros(n, dtype=bool)
    blank_idx = np.flatnonzero(blank_name)
    if len(blank_idx):
        sub = cells.iloc[blank_idx]
        has_label = np.zeros(len(blank_idx), dtype=bool)
        for c in sub.columns:
            has_label |= sub[c].str.contains(
                r"^(?:PROVINSI|KABUPATEN|KOTA|KAB|KECAMATAN|KEC|KELURAHAN|DESA|KEL|TPS)\b[^:]*:",
                case=False, regex=True).to_numpy()
        title_row[blank_idx[has_label]] = True

    reject = np.full(n, "", dtype=object)
    reject[blank_name] = REJECT_EMPTY_NAME
    reject[title_row] = REJECT_TITLE_ROW
    reject[no_letters] = REJECT_NAME_NO_LETTERS
    reject[repeated] = REJECT_REPEATED_HEADER
    texts = {code: coded_text(f"schema.reject.{code}", nama="") for code in
             (REJECT_EMPTY_NAME, REJECT_TITLE_ROW, REJECT_NAME_NO_LETTERS,
              REJECT_REPEATED_HEADER)}
    reason = pd.Series(reject, dtype="str").map(texts).fillna("").to_numpy(dtype=object)
    nl = reject == REJECT_NAME_NO_LETTERS
    if nl.any():
        reason[nl] = [coded_text(f"schema.reject.{REJECT_NAME_NO_LETTERS}", nama=v)
                      for v in nama[nl].tolist()]
    if reader_reject is not None and reader_reason is not None:
        # The reader's verdict comes first: its cells are unsure.
        from_reader = reader_reject != ""
        reject[from_reader] = reader_reject[from_reader]
        reason[from_reader] = reader_reason[from_reader]
    bad = reject != ""

    keterangan = pd.Series(reason[bad], dtype="str")
    rejected = pd.DataFrame({
        FILE: _constant(table.berkas, int(bad.sum())),
        ROW: baris[bad].astype(np.int64),
        "masalah": pd.Series(reject[bad], dtype="str"),
        "keterangan": keterangan.astype("str"),
    })

    good = ~bad
    notes = _short_notes(short, good, baris, nama, table.berkas, plan.ncols)
    records = pd.DataFrame({
        FILE: _constant(table.berkas, int(good.sum())),
        ROW: baris[good].astype(np.int64),
        **{fld: (out[fld] if not bad.any() else out[fld].loc[good].reset_index(drop=True))
           for fld in FIELDS},
    })
    info = FileInfo(
        berkas=table.berkas,
        path=table.path,
        sha256=table.sha256,
        sheet=table.sheet,
        rows_read=n,
        rows_used=int(good.sum()),
        rows_rejected=int(bad.sum()),
        rows_blank=rows_blank,
        encoding=table.encoding,
        delimiter=table.delimiter,
        header_row=plan.header_index + 1,
        columns=columns_used,
        ignored=plan.ignored,
        suggestions=plan.suggestions,
    )
    return records, rejected, notes, info


def _short_notes(short: np.ndarray | None, good: np.ndarray, baris: np.ndarray,
                 nama: pd.Series, berkas: str, width: int) -> pd.DataFrame:
    """``tidak_valid`` notes for used rows that had fewer cells than the header; ``rid`` is
    the row's position among the file's records (load_dataset turns it into the rid)."""
    if short is None or not (short[good] > 0).any():
        return _empty_notes()
    used_short = short[good]
    at = np.flatnonzero(used_short > 0)
    counts = used_short[at]
    text = {int(c): coded_text(f"io.note.{io.NOTE_MISSING_CELLS}", cells=int(c), width=width)
            for c in np.unique(counts)}
    return pd.DataFrame({
        "rid": at.astype(np.int64),
        "berkas": berkas,
        "baris": baris[good][at].astype(np.int64),
        "nama": nama[good].to_numpy()[at] if len(nama) else [],
        "kolom": "",
        "masalah": io.NOTE_MISSING_CELLS,
        "keterangan": [text[int(c)] for c in counts],
        "nilai": "",
    })


_EMPTY_NOTES = pd.DataFrame({
    "rid": pd.Series([], dtype="int64"), "berkas": pd.Series([], dtype="str"),
    "baris": pd.Series([], dtype="int64"),
    **{c: pd.Series([], dtype="str") for c in ("nama", "kolom", "masalah", "keterangan", "nilai")},
})


def _empty_notes() -> pd.DataFrame:
    return _EMPTY_NOTES.copy()


def _berkas_names(files: list[Path]) -> list[str]:
    """File names as shown to officers; the path when two inputs share a name."""
    names = [p.name for p in files]
    counts = pd.Series(names).value_counts()
    return [p.name if counts[p.name] == 1 else str(p) for p in files]


def _build_headerless(plan: _Plan) -> tuple[pd.DataFrame, pd.DataFrame, FileInfo]:
    """Every non-blank row of a sheet of voter rows without a header, rejected (so that it
    is counted and named, not skipped)."""
    table = plan.table
    body = table.body(-1, plan.ncols)
    nonblank = np.zeros(len(body.cells), dtype=bool)
    for c in body.cells.columns:
        nonblank |= (body.cells[c] != "").to_numpy()
    n = int(nonblank.sum())
    rejected = pd.DataFrame({
        FILE: _constant(table.berkas, n),
        ROW: body.baris[nonblank].astype(np.int64),
        "masalah": _constant(REJECT_NO_HEADER, n),
        "keterangan": _constant(coded_text(f"schema.reject.{REJECT_NO_HEADER}"), n),
    })
    info = FileInfo(berkas=table.berkas, path=table.path, sha256=table.sha256,
                    sheet=table.sheet, rows_read=n, rows_used=0, rows_rejected=n,
                    rows_blank=int((~nonblank).sum()), header_row=0, columns={},
                    ignored=[])
    return _empty_records(), rejected, info


@dataclass
class Planned:
    """Pass one over one role's files: every table's plan, the headers seen and the column
    problems found, before any table body is read (see :func:`plan_dataset`)."""

    role: str
    cfg: ReadConfig
    plans: list[_Plan]
    headers: list[str]
    missing: list[SchemaError]
    skipped: dict[str, str]


def plan_dataset(paths: list[str], role: str, cfg: ReadConfig | None = None) -> Planned:
    """Find the files, read their heads and plan every table (header row, columns). Raises
    for files that cannot be read or hold no table; column problems are collected in
    ``missing`` so that a caller reading two lists can first check ``--kolom`` over both."""
    cfg = cfg or ReadConfig()
    kolom = _kolom_map(cfg)
    files = io.expand_paths(paths)
    plans: list[_Plan] = []
    missing: list[SchemaError] = []
    all_headers: list[str] = []
    skipped: dict[str, str] = {}
    workbook_cells = 0
    for path, berkas in zip(files, _berkas_names(files), strict=True):
        is_excel = path.suffix.lower() in io.EXCEL_SUFFIXES
        tables = io.read_tables(path, berkas, cfg.header_search_rows)
        file_plans = []
        for table in tables:
            plan, error = _plan(table, kolom, cfg, is_excel)
            if plan is None:
                skipped[table.berkas] = SKIP_NO_TABLE
                continue
            file_plans.append(plan)
            workbook_cells += table.cells
            if plan.headerless:
                continue
            all_headers.extend(h for h in table.head[plan.header_index] if h)
            if error is not None:
                missing.append(error)
        if not file_plans:
            first = next(r for t_ in tables for r in t_.head if any(r))
            cells = ", ".join(f'"{c}"' for c in first if c)
            raise InputError(
                "io.no_table", file=str(path), sheets=", ".join(t_.sheet or "" for t_ in tables),
                first_row=cells or "-",
            )
        plans.extend(file_plans)
    if workbook_cells > sheetscan.MAX_SHEET_CELLS:
        number = f"{workbook_cells:,}".replace(",", ".")
        raise InputError("io.workbook_cells", cells=number,
                         limit=f"{sheetscan.MAX_SHEET_CELLS:,}".replace(",", "."))
    return Planned(role, cfg, plans, all_headers, missing, skipped)


def build_dataset(planned: Planned) -> Dataset:
    """Pass two: read every planned table's body into one Dataset (raises the first column
    problem found in pass one, if any). The plans are used up: each table lets go of its
    file's bytes once its body is read."""
    if planned.missing:
        raise planned.missing[0]
    records, rejected, notes, infos = [], [], [], []
    offset = 0
    for plan in planned.plans:
        if plan.headerless:
            rec, rej, info = _build_headerless(plan)
            note = _empty_notes()
        else:
            rec, rej, note, info = _build(plan)
        plan.table.release()  # the file's bytes are not needed any more
        note = note.assign(rid=note["rid"] + offset)
        offset += len(rec)
        records.append(rec)
        rejected.append(rej)
        notes.append(note)
        infos.append(info)
    all_records = pd.concat(records, ignore_index=True) if records else _empty_records()
    all_records.insert(0, ROW_ID, np.arange(len(all_records), dtype=np.int64))
    all_rejected = (pd.concat(rejected, ignore_index=True) if rejected else
                    pd.DataFrame({FILE: pd.Series([], dtype="str"),
                                  ROW: pd.Series([], dtype=np.int64),
                                  "masalah": pd.Series([], dtype="str"),
                                  "keterangan": pd.Series([], dtype="str")}))
    all_notes = pd.concat(notes, ignore_index=True) if notes else _empty_notes()
    return Dataset(role=planned.role, records=all_records, rejected=all_rejected, files=infos,
                   notes=all_notes, skipped=planned.skipped)


def load_dataset(paths: list[str], role: str, cfg: ReadConfig | None = None) -> Dataset:
    """Read every table in ``paths`` (files, folders, quoted globs) into one Dataset.

    Raises :class:`InputError` for files that cannot be read and :class:`SchemaError` for
    columns that cannot be mapped (every required field missing in a file is named at once,
    with the closest headers found), including a ``--kolom`` header no file has. A sheet of
    voter rows without a header row is not skipped: each of its rows is rejected with the
    reason. ``coklit check`` reads its two lists with :func:`plan_dataset` and
    :func:`build_dataset` so that ``--kolom`` may name a header of either list.
    """
    cfg = cfg or ReadConfig()
    planned = plan_dataset(paths, role, cfg)
    check_kolom_headers(cfg, planned.headers)
    return build_dataset(planned)


def check_kolom_headers(cfg: ReadConfig, headers: list[str]) -> None:
    """Every ``--kolom`` header must be in at least one file (of either list in a check)."""
    present = {normalise_header(h) for h in headers}
    for fld, key in _kolom_map(cfg).items():
        if key not in present:
            header = next(h for f, h in cfg.kolom if f == fld)
            shown = ", ".join(f'"{h}"' for h in dict.fromkeys(headers)) or "-"
            raise SchemaError("schema.kolom_not_found", field=fld, header=header, headers=shown)


def _empty_records() -> pd.DataFrame:
    return pd.DataFrame({FILE: pd.Series([], dtype="str"), ROW: pd.Series([], dtype=np.int64),
                         **{f: pd.Series([], dtype="str") for f in FIELDS}})
