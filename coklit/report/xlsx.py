"""``temuan.xlsx``: one sheet per table, headers in the chosen language, identity values as text.

Written with XlsxWriter in ``constant_memory`` mode (rows are streamed to disk, so memory stays
flat for big sheets). Every identity value goes through ``write_string``: a NIK never becomes a
number, so Excel cannot round it to 15 digits. Counts, row numbers and scores are written as
numbers so they sort and sum. The first sheet, "Info", says what the workbook was computed from.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pandas as pd
import xlsxwriter

from coklit.config import OutputConfig
from coklit.i18n import register, t
from coklit.report.labels import (
    REKAP_TABLES,
    column_label,
    ordered_tables,
    sheet_name,
    table_title,
)
from coklit.results import TOTAL_LABEL, RunResult

EXCEL_MAX_ROWS = 1_048_576
WIDTH_SAMPLE = 500  # values looked at to size a column
MIN_WIDTH, MAX_WIDTH = 6, 50

# Columns written as numbers when the value is a number; everything else is text.
NUMBER_COLUMNS = frozenset(
    {"baris", "baris_lapangan", "baris_dpt", "kandidat_baris", "grup", "skor", "kandidat_skor"}
)
TEXT_IN_REKAP = frozenset({"kecamatan", "kelurahan"})

register(
    {
        "xlsx.info.sheet": {"id": "Info", "en": "Info"},
        "xlsx.info.title": {"id": "Temuan coklit", "en": "coklit findings"},
        "xlsx.info.title_kecamatan": {
            "id": "Temuan coklit — Kecamatan {kecamatan}",
            "en": "coklit findings — Kecamatan {kecamatan}",
        },
        "xlsx.info.command": {"id": "Perintah", "en": "Command"},
        "xlsx.info.version": {"id": "Versi coklit", "en": "coklit version"},
        "xlsx.info.created": {"id": "Dibuat", "en": "Created"},
        "xlsx.info.mode": {"id": "Mode data", "en": "Data mode"},
        "xlsx.info.mode.dibagikan": {
            "id": "dibagikan: NIK/NKK disamarkan, tanggal lahir hanya tahun, disabilitas tidak ditulis",
            "en": "shareable: NIK/NKK masked, birth dates reduced to the year, disability left out",
        },
        "xlsx.info.mode.internal": {
            "id": "INTERNAL: berisi data pribadi lengkap (NIK, NKK, tanggal lahir, disabilitas) — JANGAN dibagikan",
            "en": "INTERNAL: contains full personal data (NIK, NKK, birth date, disability) — DO NOT share",
        },
        "xlsx.info.inputs": {"id": "Berkas masukan", "en": "Input files"},
        "xlsx.info.role": {"id": "Peran", "en": "Role"},
        "xlsx.info.file": {"id": "Berkas", "en": "File"},
        "xlsx.info.path": {"id": "Lokasi", "en": "Path"},
        "xlsx.info.rows_read": {"id": "Baris dibaca", "en": "Rows read"},
        "xlsx.info.rows_used": {"id": "Baris dipakai", "en": "Rows used"},
        "xlsx.info.rows_rejected": {"id": "Baris ditolak", "en": "Rows rejected"},
        "xlsx.info.parameters": {"id": "Parameter", "en": "Parameters"},
        "xlsx.info.tables": {"id": "Lembar", "en": "Sheets"},
        "xlsx.info.rows": {"id": "Jumlah baris", "en": "Rows"},
        "xlsx.info.part": {"id": "{sheet} ({part})", "en": "{sheet} ({part})"},
    }
)

INPUT_FIELDS = ("role", "berkas", "path", "sha256", "rows_read", "rows_used", "rows_rejected")
INPUT_HEADERS = ("role", "file", "path", "sha256", "rows_read", "rows_used", "rows_rejected")


def write_xlsx(result: RunResult, path: Path, cfg: OutputConfig) -> Path:
    """Write ``result`` (masked, all-text tables) to ``path``; returns ``path``."""
    lang = cfg.lang
    workbook = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    formats = {
        "header": workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1}),
        "title": workbook.add_format({"bold": True, "font_size": 14}),
        "bold": workbook.add_format({"bold": True}),
        "warn": workbook.add_format({"bold": True, "font_color": "#C00000"}),
    }
    try:
        sheets = _plan_sheets(result, lang)
        _write_info(workbook, result, lang, sheets, formats)
        for title, name, part in sheets:
            _write_table(workbook, title, name, part, lang, formats)
    finally:
        workbook.close()
    return path


# Tables that are not findings (every matched field record, every field record's outcome) are
# as long as the field data: they stay in the CSV files and the HTML report, which keeps the
# workbook quick to write and to open on a laptop (60,000 matches took ~15 s to write).
CSV_ONLY_TABLES: tuple[str, ...] = ("cocok", "hasil_lapangan")


def _plan_sheets(result: RunResult, lang: str) -> list[tuple[str, str, pd.DataFrame]]:
    """``(sheet name, table name, rows)``; a table longer than Excel allows is split."""
    sheets = []
    per_sheet = EXCEL_MAX_ROWS - 1
    for name in ordered_tables([n for n in result.tables if n not in CSV_ONLY_TABLES]):
        table = result.tables[name]
        base = sheet_name(name, lang)
        if len(table) <= per_sheet:
            sheets.append((base, name, table))
            continue
        for part, start in enumerate(range(0, len(table), per_sheet), start=1):
            title = t("xlsx.info.part", lang, sheet=base[:25], part=part)
            sheets.append((title, name, table.iloc[start : start + per_sheet]))
    return sheets


def _write_info(workbook: Any, result: RunResult, lang: str, sheets: list, formats: dict) -> None:
    ws = workbook.add_worksheet(t("xlsx.info.sheet", lang))
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, 40)
    ws.set_column(2, 3, 30)
    ws.set_column(4, 7, 14)
    meta = result.meta
    row = 0
    kecamatan = meta.get("kecamatan")
    title = (
        t("xlsx.info.title_kecamatan", lang, kecamatan=kecamatan)
        if kecamatan
        else t("xlsx.info.title", lang)
    )
    ws.write_string(row, 0, title, formats["title"])
    row += 2
    mode = str(meta.get("mode", "dibagikan"))
    warn = formats["warn"] if mode == "internal" else None
    for key, value, fmt in (
        ("xlsx.info.command", f"coklit {meta.get('command', result.command)}", None),
        ("xlsx.info.version", str(meta.get("version", "")), None),
        ("xlsx.info.created", str(meta.get("created", "")), None),
        ("xlsx.info.mode", t(f"xlsx.info.mode.{mode}", lang), warn),
    ):
        ws.write_string(row, 0, t(key, lang), formats["bold"])
        ws.write_string(row, 1, value, fmt)
        row += 1

    row += 1
    ws.write_string(row, 0, t("xlsx.info.inputs", lang), formats["title"])
    row += 1
    for col, key in enumerate(INPUT_HEADERS):
        ws.write_string(row, col, t(f"xlsx.info.{key}", lang), formats["header"])
    row += 1
    for item in meta.get("inputs") or []:
        for col, key in enumerate(INPUT_FIELDS):
            _write_cell(ws, row, col, item.get(key, ""), number=key.startswith("rows_"))
        row += 1

    row += 1
    ws.write_string(row, 0, t("xlsx.info.parameters", lang), formats["title"])
    row += 1
    for key, value in (meta.get("parameters") or {}).items():
        ws.write_string(row, 0, str(key), formats["bold"])
        text = (
            value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
        )
        ws.write_string(row, 1, text)
        row += 1

    row += 1
    ws.write_string(row, 0, t("xlsx.info.tables", lang), formats["title"])
    row += 1
    ws.write_string(row, 0, t("xlsx.info.tables", lang), formats["header"])
    ws.write_string(row, 1, t("xlsx.info.rows", lang), formats["header"])
    row += 1
    for title, name, table in sheets:
        ws.write_string(row, 0, title)
        ws.write_number(row, 1, len(table))
        ws.write_string(row, 2, table_title(name, lang))
        row += 1


def _write_cell(ws: Any, row: int, col: int, value: Any, number: bool) -> None:
    if number and isinstance(value, (int, float)) and not isinstance(value, bool):
        ws.write_number(row, col, value)
    elif number and isinstance(value, str) and value.strip().isdigit():
        ws.write_number(row, col, int(value))
    elif value is not None and value != "":
        ws.write_string(row, col, str(value))


def _as_numbers(values: pd.Series) -> list[float | None]:
    numbers = pd.to_numeric(values, errors="coerce")
    return [None if math.isnan(v) or math.isinf(v) else v for v in numbers.astype(float)]


def _width(header: str, values: pd.Series) -> float:
    sample = values.iloc[:WIDTH_SAMPLE].astype(str)
    longest = int(sample.str.len().max()) if len(sample) else 0
    return float(min(MAX_WIDTH, max(MIN_WIDTH, len(header) + 2, longest + 2)))


def _write_table(
    workbook: Any, title: str, name: str, table: pd.DataFrame, lang: str, formats: dict
) -> None:
    ws = workbook.add_worksheet(title)
    columns = list(table.columns)
    headers = [column_label(c, lang) for c in columns]
    rekap = name in REKAP_TABLES
    # In constant_memory mode column widths must be set before the first row is written.
    for col, (column, header) in enumerate(zip(columns, headers, strict=True)):
        ws.set_column(col, col, _width(header, table[column]))
    for col, header in enumerate(headers):
        ws.write_string(0, col, header, formats["header"])
    ws.freeze_panes(1, 0)
    if columns:
        ws.autofilter(0, 0, len(table), len(columns) - 1)

    data: list[list[Any]] = []
    for column in columns:
        values = table[column].tolist()
        numeric = column in NUMBER_COLUMNS or (rekap and column not in TEXT_IN_REKAP)
        if numeric:
            numbers = _as_numbers(table[column])
            # A number when it parses, the text otherwise (never lose what was written).
            values = [n if n is not None else v for n, v in zip(numbers, values, strict=True)]
        data.append(values)

    total_col = columns.index("kecamatan") if rekap and "kecamatan" in columns else None
    write_string = ws.write_string
    write_number = ws.write_number
    bold = formats["bold"]
    for r, row_values in enumerate(zip(*data, strict=True), start=1):
        fmt = bold if total_col is not None and row_values[total_col] == TOTAL_LABEL else None
        for c, value in enumerate(row_values):
            if value.__class__ is str:
                if value:
                    write_string(r, c, value, fmt)
            else:
                write_number(r, c, value, fmt)
