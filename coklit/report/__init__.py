"""Renderers: turn a :class:`~coklit.results.RunResult` into files an officer can open.

:func:`write_outputs` masks every table once (``coklit.privacy``) and hands the same masked,
all-text tables to every writer, so CSV, XLSX and HTML can never disagree about what is shown.
:func:`load_result` reads such a folder back so ``coklit laporan`` can re-render it.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pandas as pd

from coklit.config import OutputConfig
from coklit.errors import InputError
from coklit.i18n import register
from coklit.privacy import apply as mask_table
from coklit.report.csv_out import as_text, read_csv, write_csv
from coklit.report.labels import ordered_tables
from coklit.results import TOTAL_LABEL, RunResult

INFO_FILE = "info_proses.json"
XLSX_FILE = "temuan.xlsx"
HTML_FILE = "laporan.html"
PER_KECAMATAN_DIR = "per_kecamatan"
NO_KECAMATAN = "TANPA_KECAMATAN"

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

register(
    {
        "report.no_folder": {
            "id": "Folder hasil '{path}' tidak ditemukan. Jalankan dulu coklit check/dedupe/validate dengan --out {path}.",
            "en": "Result folder '{path}' not found. Run coklit check/dedupe/validate with --out {path} first.",
        },
        "report.no_info": {
            "id": "Folder '{path}' bukan folder hasil coklit: berkas info_proses.json tidak ada.",
            "en": "Folder '{path}' is not a coklit result folder: info_proses.json is missing.",
        },
        "report.bad_info": {
            "id": "Berkas '{path}' rusak atau bukan JSON hasil coklit ({problem}). Jalankan ulang pemeriksaannya.",
            "en": "File '{path}' is damaged or not a coklit result ({problem}). Run the check again.",
        },
        "report.no_table": {
            "id": "Tabel '{table}' tercatat di info_proses.json tetapi berkas '{path}' tidak ada. Jalankan ulang pemeriksaannya.",
            "en": "Table '{table}' is listed in info_proses.json but file '{path}' is missing. Run the check again.",
        },
    }
)


def output_mode(result: RunResult, cfg: OutputConfig) -> str:
    """``internal`` only when full data was asked for and the data is not masked already."""
    if cfg.full_data and result.meta.get("mode", MODE_INTERNAL) == MODE_INTERNAL:
        return MODE_INTERNAL
    return MODE_SHARED


def prepare_tables(result: RunResult, cfg: OutputConfig) -> dict[str, pd.DataFrame]:
    """Every table masked (unless full data) and converted to text, in contract column order."""
    return {
        name: as_text(mask_table(table, cfg.full_data), name)
        for name, table in result.tables.items()
    }


def write_outputs(result: RunResult, out_dir: Path, cfg: OutputConfig) -> list[Path]:
    """Write CSVs, ``info_proses.json``, ``temuan.xlsx`` and ``laporan.html`` into ``out_dir``.

    With ``cfg.per_kecamatan`` also one folder per kecamatan under ``per_kecamatan/``.
    Returns the paths written, top-level files first.
    """
    out_dir = Path(out_dir)
    tables = prepare_tables(result, cfg)
    meta = dict(result.meta)
    meta.setdefault("command", result.command)
    meta["mode"] = output_mode(result, cfg)
    shown = RunResult(command=result.command, tables=tables, meta=meta)
    written = _write_folder(shown, out_dir, cfg)
    if cfg.per_kecamatan:
        for safe_name, display, sub_tables in split_by_kecamatan(tables):
            sub_meta = dict(meta, kecamatan=display)
            sub = RunResult(command=result.command, tables=sub_tables, meta=sub_meta)
            written += _write_folder(sub, out_dir / PER_KECAMATAN_DIR / safe_name, cfg)
    return written


def _write_folder(result: RunResult, folder: Path, cfg: OutputConfig) -> list[Path]:
    """Write one folder from an already masked, all-text result."""
    folder.mkdir(parents=True, exist_ok=True)
    names = ordered_tables(list(result.tables))
    written = [write_csv(result.tables[name], folder / f"{name}.csv") for name in names]
    info = dict(result.meta)
    info[ROW_COUNTS_KEY] = {name: len(result.tables[name]) for name in names}
    info_path = folder / INFO_FILE
    info_path.write_text(
        json.dumps(info, ensure_ascii=False, indent=2, default=_json_default) + "\n",
        encoding="utf-8",
    )
    written.append(info_path)
    if cfg.xlsx:
        from coklit.report.xlsx import write_xlsx

        written.append(write_xlsx(result, folder / XLSX_FILE, cfg))
    if cfg.html and importlib.util.find_spec("coklit.report.html") is not None:
        from coklit.report.html import write_html  # written separately; optional here

        written.append(write_html(result, folder / HTML_FILE, cfg))
    return written


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
    """Folder name for a kecamatan: ASCII upper case, ``_`` between words."""
    ascii_text = unicodedata.normalize("NFKD", display).encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Z0-9]+", "_", ascii_text.upper()).strip("_")
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


def split_by_kecamatan(
    tables: dict[str, pd.DataFrame],
) -> list[tuple[str, str, dict[str, pd.DataFrame]]]:
    """``(folder name, kecamatan as written, tables restricted to it)`` per kecamatan.

    Finding tables keep the rows placed in that kecamatan; rekap tables keep its rows plus a
    TOTAL row of their own; tables without a place (``ditolak``) are left out. Rows without a
    kecamatan go to a ``TANPA_KECAMATAN`` folder.
    """
    keys: dict[str, pd.Series] = {}
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
            rows = tables[name][(row_keys == key).to_numpy()].reset_index(drop=True)
            sub[name] = with_total(rows) if name.startswith("rekap_") else rows
        out.append((folder, displays[key], sub))
    return out


def with_total(rekap: pd.DataFrame) -> pd.DataFrame:
    """``rekap`` (all text) plus a TOTAL row summing its count columns."""
    if rekap.empty:
        return rekap
    total: dict[str, str] = {}
    for column in rekap.columns:
        if column in ("kecamatan", "kelurahan"):
            total[column] = TOTAL_LABEL if column == "kecamatan" else ""
            continue
        numbers = pd.to_numeric(rekap[column], errors="coerce")
        total[column] = "" if numbers.isna().all() else str(int(numbers.fillna(0).sum()))
    return pd.concat([rekap, pd.DataFrame([total])], ignore_index=True)


# --- reading back ---------------------------------------------------------------------------


def load_result(out_dir: Path) -> RunResult:
    """Read a folder written by :func:`write_outputs` back (all values as text)."""
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
    tables = {}
    for name in info.pop(ROW_COUNTS_KEY):
        path = out_dir / f"{name}.csv"
        if not path.is_file():
            raise InputError("report.no_table", table=name, path=str(path))
        tables[name] = read_csv(path)
    return RunResult(command=str(info.get("command", "")), tables=tables, meta=info)
