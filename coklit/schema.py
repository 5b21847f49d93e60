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
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute  # noqa: F401  (pa.compute)
from rapidfuzz import fuzz, process

from coklit import io
from coklit.config import ReadConfig
from coklit.errors import InputError, SchemaError
from coklit.fields import COMPOSITE_FIELDS, FIELDS, FILE, REQUIRED_FIELDS, ROW, ROW_ID
from coklit.i18n import register
from coklit.results import Dataset, FileInfo

register(
    {
        "schema.missing_required": {
            "id": "Berkas '{file}': kolom wajib {fields} tidak ditemukan. Judul kolom yang "
            "ada (baris {row}): {headers}. Kandidat terdekat: {candidates}. Tunjukkan "
            "kolomnya dengan --kolom, mis. {example}.",
            "en": "File '{file}': required column {fields} not found. Headers found (row "
            "{row}): {headers}. Closest candidates: {candidates}. Name the column with "
            "--kolom, e.g. {example}.",
        },
        "schema.conflict": {
            "id": "Berkas '{file}': beberapa kolom cocok untuk field yang sama: {details}. "
            "Pilih satu dengan --kolom, mis. {example}.",
            "en": "File '{file}': several columns match the same field: {details}. Choose "
            "one with --kolom, e.g. {example}.",
        },
        "schema.kolom_twice": {
            "id": "--kolom {field} diberikan dua kali dengan judul berbeda ({headers}). "
            "Sebutkan satu judul saja untuk tiap field.",
            "en": "--kolom {field} is given twice with different headers ({headers}). Give "
            "one header per field.",
        },
        "schema.kolom_not_found": {
            "id": "--kolom {field}=\"{header}\": judul kolom itu tidak ada di berkas mana "
            "pun. Judul kolom yang ada: {headers}.",
            "en": "--kolom {field}=\"{header}\": no file has that header. Headers found: "
            "{headers}.",
        },
        "io.not_table": {
            "id": "Berkas '{file}' tidak berbentuk tabel (tidak ada baris dengan beberapa "
            "kolom; pemisah terdeteksi: {delimiter}). Buka di Excel/LibreOffice dan simpan "
            "sebagai CSV atau XLSX.",
            "en": "File '{file}' is not a table (no row has several columns; delimiter "
            "detected: {delimiter}). Open it in Excel/LibreOffice and save it as CSV or XLSX.",
        },
        "schema.none": {"id": "(tidak ada)", "en": "(none)"},
    }
)

# Masalah codes of Dataset.rejected.
REJECT_EMPTY_NAME = "nama_kosong"
REJECT_NAME_NO_LETTERS = "nama_tanpa_huruf"
REJECT_REPEATED_HEADER = "judul_berulang"
REJECT_TITLE_ROW = "baris_judul"
REJECT_TEXT = {
    REJECT_EMPTY_NAME: "Kolom nama kosong; baris tanpa nama tidak dapat dipakai.",
    REJECT_NAME_NO_LETTERS: "Kolom nama tidak berisi huruf: ",
    REJECT_REPEATED_HEADER: "Baris judul kolom terulang di tengah tabel (mis. dari gabungan "
    "beberapa ekspor); bukan data pemilih.",
    REJECT_TITLE_ROW: "Baris judul wilayah (mis. 'KECAMATAN : ...') di tengah tabel; bukan "
    "data pemilih.",
}

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
                      "TANGGAL LHR", "TGL_LAHIR", "DATE OF BIRTH", "DATE_OF_BIRTH", "DOB",
                      "BIRTH DATE", "BIRTHDATE"),
    "usia": ("USIA", "UMUR"),
    "status_kawin": ("STATUS PERKAWINAN", "STATUS KAWIN", "STS", "KAWIN", "STS KAWIN",
                     "STS_KAWIN", "PERKAWINAN", "STATUS_KAWIN"),
    "jenis_kelamin": ("JENIS KELAMIN", "JK", "L/P", "KELAMIN", "JNS KELAMIN", "JENIS_KELAMIN",
                      "L P", "SEX", "GENDER"),
    "alamat": ("ALAMAT", "JALAN/DUKUH", "ALAMAT LENGKAP", "ALAMAT JALAN", "ADDRESS",
               "ADDRESS 1", "ADDRESS_1", "STREET"),
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
        fld = field_for_header(cell)
        if fld and fld not in columns:
            by_field.setdefault(fld, []).append(i)
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


def _missing_error(plan_header: list[str], header_row: int, berkas: str,
                   missing: list[str]) -> SchemaError:
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
    """Width to read: the usual cell count of the rows under the header (a trailing
    delimiter on data lines is common), else the header's width."""
    below = [len(r) for r in head[header_index + 1 :] if len(r) > 1]
    if below:
        return max(1, pd.Series(below).mode().max())
    return max(1, len(head[header_index]))


def _plan(table: io.RawTable, kolom: dict[str, str], cfg: ReadConfig,
          is_excel: bool) -> tuple[_Plan | None, SchemaError | None]:
    head = table.head
    index = find_header(head, kolom, cfg.header_search_rows)
    if index is None:
        if is_excel:
            return None, None  # a sheet of notes: not a table
        tabular = [i for i, r in enumerate(head) if sum(1 for c in r if c) >= 2]
        if not tabular:
            raise InputError("io.not_table", file=table.berkas,
                             delimiter=io.DELIMITER_NAMES.get(table.delimiter or "", "-"))
        index = tabular[0]
    header = head[index]
    columns, headers = map_columns(header, table.berkas, kolom)
    title = {f: v for f, v in parse_title_block(head[:index]).items()}
    plan = _Plan(table, index, _ncols(head, index), columns, headers, title)
    missing = [f for f in REQUIRED_FIELDS
               if f not in columns and not any(p in columns for p in COMPOSITE_FIELDS.get(f, ()))]
    error = _missing_error(header, index + 1, table.berkas, missing) if missing else None
    return plan, error


# --------------------------------------------------------------------------------------
# Building records


_LETTER = r"[A-Za-z]"


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


def _build(plan: _Plan) -> tuple[pd.DataFrame, pd.DataFrame, FileInfo]:
    table = plan.table
    body = table.body(plan.header_index, plan.ncols)
    cells, baris = body.cells, body.baris
    nonblank = np.zeros(len(cells), dtype=bool)
    for c in cells.columns:
        nonblank |= (cells[c] != "").to_numpy()
    rows_blank = int((~nonblank).sum())
    cells = cells.loc[nonblank].reset_index(drop=True)
    baris = baris[nonblank]
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
            columns_used[fld] = f"(judul) {label}"

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
    bad = reject != ""

    keterangan = pd.Series(reject[bad], dtype="str").map(REJECT_TEXT)
    nl = (reject[bad] == REJECT_NAME_NO_LETTERS)
    if nl.any():
        keterangan = keterangan.where(
            ~nl, keterangan + "'" + nama.loc[bad].reset_index(drop=True) + "'")
    rejected = pd.DataFrame({
        FILE: _constant(table.berkas, int(bad.sum())),
        ROW: baris[bad].astype(np.int64),
        "masalah": pd.Series(reject[bad], dtype="str"),
        "keterangan": keterangan.astype("str"),
    })

    good = ~bad
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
    )
    return records, rejected, info


def _berkas_names(files: list[Path]) -> list[str]:
    """File names as shown to officers; the path when two inputs share a name."""
    names = [p.name for p in files]
    counts = pd.Series(names).value_counts()
    return [p.name if counts[p.name] == 1 else str(p) for p in files]


def load_dataset(paths: list[str], role: str, cfg: ReadConfig | None = None) -> Dataset:
    """Read every table in ``paths`` (files, folders, quoted globs) into one Dataset.

    Raises :class:`InputError` for files that cannot be read and :class:`SchemaError` for
    columns that cannot be mapped (every required field missing in a file is named at once,
    with the closest headers found).
    """
    cfg = cfg or ReadConfig()
    kolom = _kolom_map(cfg)
    files = io.expand_paths(paths)
    plans: list[_Plan] = []
    missing: list[SchemaError] = []
    all_headers: list[str] = []
    for path, berkas in zip(files, _berkas_names(files), strict=True):
        is_excel = path.suffix.lower() in io.EXCEL_SUFFIXES
        tables = io.read_tables(path, berkas, cfg.header_search_rows)
        file_plans = []
        for table in tables:
            plan, error = _plan(table, kolom, cfg, is_excel)
            if plan is None:
                continue
            file_plans.append(plan)
            all_headers.extend(h for h in table.head[plan.header_index] if h)
            if error is not None:
                missing.append(error)
        if not file_plans:
            first = next(r for t in tables for r in t.head if any(r))
            cells = ", ".join(f'"{c}"' for c in first if c)
            raise InputError(
                "io.no_table", file=str(path), sheets=", ".join(t.sheet or "" for t in tables),
                first_row=cells or "-",
            )
        plans.extend(file_plans)
    present = {normalise_header(h) for h in all_headers}
    for fld, key in kolom.items():
        if key not in present:
            header = next(h for f, h in cfg.kolom if f == fld)
            shown = ", ".join(f'"{h}"' for h in dict.fromkeys(all_headers)) or "-"
            raise SchemaError("schema.kolom_not_found", field=fld, header=header, headers=shown)
    if missing:
        raise missing[0]

    records, rejected, infos = [], [], []
    for plan in plans:
        rec, rej, info = _build(plan)
        records.append(rec)
        rejected.append(rej)
        infos.append(info)
    all_records = pd.concat(records, ignore_index=True) if records else _empty_records()
    all_records.insert(0, ROW_ID, np.arange(len(all_records), dtype=np.int64))
    all_rejected = (pd.concat(rejected, ignore_index=True) if rejected else
                    pd.DataFrame({FILE: pd.Series([], dtype="str"),
                                  ROW: pd.Series([], dtype=np.int64),
                                  "masalah": pd.Series([], dtype="str"),
                                  "keterangan": pd.Series([], dtype="str")}))
    return Dataset(role=role, records=all_records, rejected=all_rejected, files=infos)


def _empty_records() -> pd.DataFrame:
    return pd.DataFrame({FILE: pd.Series([], dtype="str"), ROW: pd.Series([], dtype=np.int64),
                         **{f: pd.Series([], dtype="str") for f in FIELDS}})
