"""Renderers: turn a :class:`~coklit.results.RunResult` into files an officer can open.

:func:`write_outputs` masks every table once (``coklit.privacy``) and hands the same masked,
all-text tables to every writer, so CSV, XLSX and HTML can never disagree about what is shown.
Results are written into a staging folder and swapped into place (``coklit.report.folder``);
``info_proses.json`` is written last and carries a manifest (file -> SHA-256, size, rows).
:func:`load_result` reads such a folder back so ``coklit laporan`` can re-render it, after
checking every file against that manifest.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import importlib.util
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from coklit.coded import plain
from coklit.config import OutputConfig
from coklit.errors import InputError
from coklit.i18n import Msg
from coklit.privacy import apply as mask_table
from coklit.privacy import apply_meta
from coklit.report.csv_out import as_text, read_csv, write_csv
from coklit.report.folder import ResultFolder, write_error
from coklit.report.labels import ordered_tables
from coklit.report.words import render_table
from coklit.results import (
    CODED_COLUMNS,
    PER_KECAMATAN_DIR,
    PLACE,
    TABLE_COLUMNS,
    TOTAL_LABEL,
    RunResult,
    with_total,
)

INFO_FILE = "info_proses.json"
XLSX_FILE = "temuan.xlsx"
HTML_FILE = "laporan.html"
NO_KECAMATAN = "TANPA_KECAMATAN"

MANIFEST_KEY = "manifest"
# Longest folder name for a kecamatan pack (paths stay well under Windows' 260 characters).
MAX_FOLDER_NAME = 60
# Names Windows reserves for devices, whatever the extension.
WINDOWS_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                              *(f"LPT{i}" for i in range(1, 10))})
# Entries a coklit result folder may hold: only such a folder is ever replaced.
RESULT_ENTRIES = frozenset({*(f"{name}.csv" for name in TABLE_COLUMNS), INFO_FILE, XLSX_FILE,
                            HTML_FILE, PER_KECAMATAN_DIR})

MODE_SHARED = "dibagikan"  # masked: safe to share
MODE_INTERNAL = "internal"  # full NIK/NKK, birth dates, disability
ROW_COUNTS_KEY = "jumlah_baris"

# Column that places a row in a kecamatan, per table (first non-empty one wins). ``cocok``
# goes by the field side: that is where the officer found the person.
KECAMATAN_COLUMNS: dict[str, tuple[str, ...]] = {
    "cocok": ("kecamatan_lapangan", "kecamatan_dpt"),
}
# Tables without a place (file-level problems): left out of the per-kecamatan folders.
NO_PLACE_TABLES = frozenset({"ditolak"})
# Tables whose rows come in groups (a duplicate group, a pair to check): a kecamatan's folder
# gets the whole group when one of its rows is there, so each Panwascam sees the other half
# of a duplicate that crosses kecamatan.
GROUPED_TABLES: dict[str, str] = {"ganda": "grup", "ganda_perlu_cek": "pasangan"}


def output_mode(result: RunResult, cfg: OutputConfig) -> str:
    """``internal`` only when full data was asked for and the data is not masked already."""
    if cfg.full_data and result.meta.get("mode", MODE_INTERNAL) == MODE_INTERNAL:
        return MODE_INTERNAL
    return MODE_SHARED


def prepare_tables(result: RunResult, cfg: OutputConfig) -> dict[str, pd.DataFrame]:
    """Every table in words (its coded cells rendered in ``cfg.lang``), masked (unless full
    data) and converted to text, in contract column order."""
    return {
        name: as_text(mask_table(render_table(table, cfg.lang), cfg.full_data), name)
        for name, table in result.tables.items()
    }


def shareable(result: RunResult, cfg: OutputConfig) -> RunResult:
    """``result`` as every output shows it: tables masked and as text, ``meta`` scrubbed of
    input-derived identity numbers and dates (unless full data), with the data mode."""
    meta = apply_meta(dict(result.meta), cfg.full_data)
    meta.setdefault("command", result.command)
    meta["mode"] = output_mode(result, cfg)
    return RunResult(command=result.command, tables=prepare_tables(result, cfg), meta=meta)


def write_outputs(result: RunResult, out_dir: Path, cfg: OutputConfig,
                  inputs: Iterable[Path] = ()) -> list[Path]:
    """Write CSVs, ``temuan.xlsx``, ``laporan.html`` and ``info_proses.json`` to ``out_dir``.

    With ``cfg.per_kecamatan`` also one folder per kecamatan under ``per_kecamatan/``. The
    folder is locked, written aside and swapped into place (see :mod:`coklit.report.folder`);
    ``inputs`` are never written over. Returns the paths written, top-level files first.
    """
    with open_result_folder(out_dir, inputs) as target:
        return commit_outputs(target, shareable(result, cfg), cfg)


def open_result_folder(out_dir: Path, inputs: Iterable[Path] = ()) -> ResultFolder:
    """A locked :class:`ResultFolder` for ``out_dir`` (call before the work, so that a folder
    in use or not writable is reported at once)."""
    target = ResultFolder(Path(out_dir), inputs, RESULT_ENTRIES)
    target.open()
    return target


def commit_outputs(target: ResultFolder, shown: RunResult, cfg: OutputConfig) -> list[Path]:
    """Write an already :func:`shareable` result into ``target``'s staging folder, then put it
    in place. Returns the final paths."""
    assert target.staging is not None
    try:
        written = write_tree(shown, target.staging, cfg)
    except OSError as error:
        raise write_error(target.out, error) from None
    target.commit()
    return [target.final_path(p) for p in written]


def write_tree(shown: RunResult, folder: Path, cfg: OutputConfig) -> list[Path]:
    """Write a shareable result into ``folder`` (which should be new): the per-kecamatan packs
    first, then the top-level files, ``info_proses.json`` last with the manifest of all."""
    folder.mkdir(parents=True, exist_ok=True)
    rows: dict[Path, int] = {}
    nested: list[Path] = []
    if cfg.per_kecamatan:
        for folder_name, display, sub_tables in split_by_kecamatan(shown.tables):
            sub = RunResult(command=shown.command, tables=sub_tables,
                            meta=dict(shown.meta, kecamatan=display))
            nested += _write_folder(sub, folder / PER_KECAMATAN_DIR / folder_name, cfg, rows)
    top = _write_folder(shown, folder, cfg, rows, nested)
    return top + nested


def _write_folder(result: RunResult, folder: Path, cfg: OutputConfig, rows: dict[Path, int],
                  nested: Sequence[Path] = ()) -> list[Path]:
    """Write one folder from an already masked, all-text result; ``nested`` files already
    written below it join its manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    names = ordered_tables(list(result.tables))
    written = []
    for name in names:
        path = write_csv(result.tables[name], folder / f"{name}.csv")
        rows[path] = len(result.tables[name])
        written.append(path)
    if cfg.xlsx:
        from coklit.report.xlsx import write_xlsx

        written.append(write_xlsx(result, folder / XLSX_FILE, cfg))
    if cfg.html and importlib.util.find_spec("coklit.report.html") is not None:
        from coklit.report.html import write_html  # written separately; optional here

        written.append(write_html(result, folder / HTML_FILE, cfg))
    info = dict(result.meta)
    info[ROW_COUNTS_KEY] = {name: len(result.tables[name]) for name in names}
    info[MANIFEST_KEY] = manifest(folder, [*written, *nested], rows)
    info_path = folder / INFO_FILE
    text = json.dumps(info, ensure_ascii=False, indent=2, default=_json_default) + "\n"
    with open(info_path, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    return [*written, info_path]


def sha256_of(path: Path, sync: bool = False) -> str:
    """SHA-256 of a file; with ``sync`` its data is also flushed to disk (so a power cut after
    the swap cannot leave empty files behind)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
        if sync:
            with contextlib.suppress(OSError):  # Windows cannot sync a read-only handle
                os.fsync(fh.fileno())
    return digest.hexdigest()


def manifest(folder: Path, files: Iterable[Path], rows: dict[Path, int]) -> dict[str, dict]:
    """``relative path -> {sha256, bytes[, baris]}`` for ``files`` (all inside ``folder``)."""
    out: dict[str, dict] = {}
    for path in files:
        entry: dict[str, Any] = {"sha256": sha256_of(path, sync=True),
                                 "bytes": path.stat().st_size}
        if path in rows:
            entry["baris"] = rows[path]
        out[path.relative_to(folder).as_posix()] = entry
    return dict(sorted(out.items()))


def _json_default(value: Any) -> Any:
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value, key=str)
    return str(value)


# --- per kecamatan -------------------------------------------------------------------------


def kecamatan_key(value: str) -> str:
    """Comparison form of a kecamatan name: trimmed, upper case, single spaces."""
    return " ".join(str(value).split()).upper()


def safe_name(display: str) -> str:
    """Folder name for a kecamatan: ASCII upper case, ``_`` between words, at most
    ``MAX_FOLDER_NAME`` characters, never a name Windows reserves (``CON`` -> ``CON_``)."""
    ascii_text = unicodedata.normalize("NFKD", display).encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Z0-9]+", "_", ascii_text.upper()).strip("_")
    if len(name) > MAX_FOLDER_NAME:
        name = name[:MAX_FOLDER_NAME].rstrip("_")
    if name in WINDOWS_RESERVED:
        name += "_"
    return name or NO_KECAMATAN


def _places(name: str, table: pd.DataFrame) -> pd.Series | None:
    """The kecamatan of every row as written, or None when the table has no place column."""
    if name in NO_PLACE_TABLES:
        return None
    columns = [c for c in KECAMATAN_COLUMNS.get(name, ("kecamatan",)) if c in table.columns]
    if not columns:
        return None
    values = table[columns[0]].astype(str).str.strip()
    for column in columns[1:]:
        values = values.where(values != "", table[column].astype(str).str.strip())
    return values


def _moved_from(tables: dict[str, pd.DataFrame]) -> dict[str, pd.Series]:
    """For the rows of a version comparison placed where a person is now (``banding_ubah``,
    ``banding_cocok``): the kecamatan they were in on the old list when they moved from
    another one, else "" (from ``banding_ubah``'s kecamatan rows, by the new row)."""
    ubah = tables.get("banding_ubah")
    if ubah is None or not {"kolom", "nilai_lama", "berkas_baru", "baris_baru"} <= set(ubah):
        return {}
    moved = ubah[ubah["kolom"].astype(str) == "kecamatan"]
    if moved.empty:
        return {}

    def person(table: pd.DataFrame) -> pd.Series:
        return table["berkas_baru"].astype(str) + "\x00" + table["baris_baru"].astype(str)

    old = pd.Series(moved["nilai_lama"].astype(str).to_numpy(), index=person(moved))
    old = old[~old.index.duplicated()]
    return {name: person(tables[name]).map(old).fillna("")
            for name in ("banding_ubah", "banding_cocok")
            if name in tables and {"berkas_baru", "baris_baru"} <= set(tables[name])}


def split_by_kecamatan(
    tables: dict[str, pd.DataFrame],
) -> list[tuple[str, str, dict[str, pd.DataFrame]]]:
    """``(folder name, kecamatan as written, tables restricted to it)`` per kecamatan.

    Finding tables keep the rows placed in that kecamatan; rekap tables keep its rows plus a
    TOTAL row of their own; tables without a place (``ditolak``) are left out. Rows without a
    kecamatan go to a ``TANPA_KECAMATAN`` folder. A duplicate group goes whole to each
    kecamatan it touches, and a person who moved kecamatan between two list versions
    (``banding``) to the old kecamatan's folder as well as the new one.
    """
    keys: dict[str, pd.Series] = {}
    also = {name: values.map(kecamatan_key) for name, values in _moved_from(tables).items()}
    displays: dict[str, str] = {}  # key -> first spelling seen
    for name, table in tables.items():
        places = _places(name, table)
        if places is None:
            continue
        keys[name] = places.map(kecamatan_key)
        is_rekap = name.startswith("rekap_")
        for key, raw in zip(keys[name], places, strict=True):
            if key == TOTAL_LABEL or (is_rekap and key == ""):
                continue
            displays.setdefault(key, " ".join(raw.split()) or NO_KECAMATAN)
    used: dict[str, int] = {}
    out = []
    for key in sorted(displays, key=lambda k: (k == "", k)):
        folder = safe_name(displays[key])
        used[folder] = used.get(folder, 0) + 1
        if used[folder] > 1:  # two spellings that give one folder name
            folder = f"{folder}_{used[folder]}"
        sub = {}
        for name, row_keys in keys.items():
            here = (row_keys == key).to_numpy()
            if name in also:
                here = here | (also[name] == key).to_numpy()
            group = GROUPED_TABLES.get(name)
            if group in tables[name].columns:
                groups = tables[name][group]
                here = groups.isin(groups[here]).to_numpy()
            rows = tables[name][here].reset_index(drop=True)
            sub[name] = _with_text_total(rows) if name.startswith("rekap_") else rows
        out.append((folder, displays[key], sub))
    return out


def _with_text_total(rekap: pd.DataFrame) -> pd.DataFrame:
    """``rekap`` (all text, as read back) plus its TOTAL row (:func:`coklit.results.with_total`);
    the sums written as text, "" for a column without numbers."""
    if rekap.empty:
        return rekap
    sums = {}
    for column in rekap.columns.difference(PLACE, sort=False):
        numbers = pd.to_numeric(rekap[column], errors="coerce")
        sums[column] = "" if numbers.isna().all() else str(int(numbers.fillna(0).sum()))
    return with_total(rekap, sums)


# --- reading back ---------------------------------------------------------------------------


def load_result(out_dir: Path) -> RunResult:
    """Read a folder written by :func:`write_outputs` back (all values as text).

    The folder must match the manifest in its ``info_proses.json``: every table is a coklit
    table, read from ``<table>.csv`` in the folder, listed in the manifest with the same
    SHA-256 and number of rows, and every path in the manifest is a file name inside the
    folder. Anything else is refused with an :class:`InputError`, so a half-written, mixed or
    edited folder is never re-rendered as if it were whole, and a crafted ``info_proses.json``
    cannot make coklit read or write outside the folder. The rendered files (HTML, XLSX,
    per-kecamatan packs) are not read, only rewritten, so they may be missing.
    """
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise InputError("report.no_folder", path=str(out_dir))
    info_path = out_dir / INFO_FILE
    if not info_path.is_file():
        raise InputError("report.no_info", path=str(out_dir))
    try:
        info = json.loads(info_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError("report.bad_info", path=str(info_path), problem=str(error)) from None
    if not isinstance(info, dict) or not isinstance(info.get(ROW_COUNTS_KEY), dict):
        raise InputError("report.bad_info", path=str(info_path), problem=ROW_COUNTS_KEY)
    counts = info.pop(ROW_COUNTS_KEY)
    for name in counts:
        if name not in TABLE_COLUMNS:
            raise InputError("report.bad_table", path=str(out_dir), table=str(name)[:80])
    entries = info.pop(MANIFEST_KEY, None)
    if not isinstance(entries, dict) or not entries:
        raise InputError("report.no_manifest", path=str(out_dir))
    _verify_paths(out_dir, entries)
    tables = {}
    for name, count in counts.items():
        file = f"{name}.csv"
        entry = entries.get(file)
        path = out_dir / file
        if not isinstance(entry, dict) or not path.is_file():
            raise InputError("report.no_table", table=name, path=str(path))
        if sha256_of(path) != entry.get("sha256"):
            raise InputError("report.mismatch", path=str(out_dir), file=file,
                             problem=Msg("report.mismatch.changed"))
        table = read_csv(path)
        for column in CODED_COLUMNS.intersection(table.columns):
            table[column] = plain(table[column])  # words already: never read as codes
        if len(table) != count or entry.get("baris") != count:
            raise InputError("report.mismatch", path=str(out_dir), file=file,
                             problem=Msg("report.mismatch.rows"))
        tables[name] = table
    return RunResult(command=str(info.get("command", "")), tables=tables, meta=info)


def _verify_paths(folder: Path, entries: dict[str, Any]) -> None:
    """Every manifest entry names a file inside ``folder`` (no absolute path, no ``..``)."""
    root = folder.resolve()
    for relative, entry in entries.items():
        rel = PurePosixPath(str(relative))
        inside = (not rel.is_absolute() and ".." not in rel.parts and "\\" not in str(relative)
                  and ":" not in str(relative) and str(relative) not in ("", "."))
        if not inside or root not in folder.joinpath(*rel.parts).resolve().parents \
                or not isinstance(entry, dict):
            raise InputError("report.mismatch", path=str(folder), file=str(relative)[:80],
                             problem=Msg("report.mismatch.path"))
