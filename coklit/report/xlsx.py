"""``temuan.xlsx``: one sheet per table, headers in the chosen language, identity values as text.

Written with XlsxWriter in ``constant_memory`` mode (rows are streamed to disk, so memory stays
flat for big sheets). Every identity value is written as a string: a NIK never becomes a
number, so Excel cannot round it to 15 digits. Counts, row numbers and scores are written as
numbers so they sort and sum. The first sheet, "Info", says what the workbook was computed from.

Finding sheets can hold hundreds of thousands of cells; writing them one XlsxWriter call at a
time costs several microseconds of Python per cell. Their rows are therefore rendered in bulk
as the exact SheetML XlsxWriter writes in constant_memory mode (inline strings, numbers with 16
significant digits) and appended to the sheet's row stream by :class:`_BulkSheet`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import xlsxwriter
from xlsxwriter.utility import _preserve_whitespace, _utf16_len, _utf16_truncate, xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from coklit.config import OutputConfig
from coklit.i18n import t
from coklit.report.csv_out import text_array, values_with
from coklit.report.labels import (
    REKAP_TABLES,
    column_label,
    ordered_tables,
    sheet_name,
    table_title,
)
from coklit.results import TOTAL_LABEL, RunResult

EXCEL_MAX_ROWS = 1_048_576
BULK_CHUNK_ROWS = 20_000  # rows rendered per append (bounds memory for full sheets)
WIDTH_SAMPLE = 500  # values looked at to size a column
MIN_WIDTH, MAX_WIDTH = 6, 50

# Columns written as numbers when the value is a number; everything else is text.
NUMBER_COLUMNS = frozenset(
    {"baris", "baris_lapangan", "baris_dpt", "kandidat_baris", "grup", "skor", "kandidat_skor"}
)
TEXT_IN_REKAP = frozenset({"kecamatan", "kelurahan", "tps"})
# Choices of the review drop-down (coklit.tinjauan reads them back with --tinjauan).
STATUS_CHOICES = ["belum dicek", "benar", "keliru", "sudah diperbaiki"]

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
    ws = workbook.add_worksheet(title, worksheet_class=_BulkSheet)
    columns = list(table.columns)
    headers = [column_label(c, lang) for c in columns]
    rekap = name in REKAP_TABLES or name.startswith("rekap_")
    # In constant_memory mode column widths must be set before the first row is written.
    for col, (column, header) in enumerate(zip(columns, headers, strict=True)):
        ws.set_column(col, col, _width(header, table[column]))
    for col, header in enumerate(headers):
        ws.write_string(0, col, header, formats["header"])
    ws.freeze_panes(1, 0)
    if columns:
        ws.autofilter(0, 0, len(table), len(columns) - 1)
    _page_setup(ws, len(columns), lang)
    if "status_cek" in columns and len(table):
        col = columns.index("status_cek")
        ws.data_validation(1, col, len(table), col, {
            "validate": "list", "source": STATUS_CHOICES,
            "input_title": column_label("status_cek", lang)[:32],
            "input_message": " / ".join(STATUS_CHOICES),
            "error_title": column_label("status_cek", lang)[:32],
            "error_message": " / ".join(STATUS_CHOICES),
        })

    # Per column: a list of numbers and strings, or the Arrow array of a text column.
    data: list[list[Any] | pa.Array] = []
    for column in columns:
        numeric = column in NUMBER_COLUMNS or (rekap and column not in TEXT_IN_REKAP)
        text = None if numeric else text_array(table[column])
        if text is not None and not text.null_count:
            data.append(text)
            continue
        values = table[column].tolist()
        if numeric:
            numbers = _as_numbers(table[column])
            # A number when it parses, the text otherwise (never lose what was written).
            values = [n if n is not None else v for n, v in zip(numbers, values, strict=True)]
        data.append(values)

    if not rekap and ws.can_append_rows():
        for xml, first, last in _render_rows(data, first_row=1):
            ws.append_rows(xml, first, last)
    else:
        total_col = columns.index("kecamatan") if rekap and "kecamatan" in columns else None
        python = [d.to_pylist() if isinstance(d, pa.Array) else d for d in data]
        _write_cells(ws, python, total_col, formats["bold"])


def _page_setup(ws: Any, n_columns: int, lang: str) -> None:
    """A4 landscape, every column on one page width, the header row on every page."""
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    # Excel's codes: &L left, &A sheet name, &R right, &P page number, &N pages.
    ws.set_footer("&L&A&R" + t("xlsx.footer_page", lang, page="&P", pages="&N"))


def _write_cells(ws: Any, data: list[list[Any]], total_col: int | None, bold: Any) -> None:
    """Rows below the header, one XlsxWriter call per cell; the TOTAL row of a rekap bold."""
    write_string = ws.write_string
    write_number = ws.write_number
    for r, row_values in enumerate(zip(*data, strict=True), start=1):
        fmt = bold if total_col is not None and row_values[total_col] == TOTAL_LABEL else None
        for c, value in enumerate(row_values):
            if value.__class__ is str:
                if value:
                    write_string(r, c, value, fmt)
            else:
                write_number(r, c, value, fmt)


# --- bulk rows ---------------------------------------------------------------------------

# Strings XlsxWriter changes before writing (XML escapes, control characters and its _xHHHH_
# escape, whitespace to preserve) are rendered one by one, the exact way. _special() flags a
# superset of them: any of &<> or a control character, "_x" (start of an escape), and any
# value that does not start and end with a visible ASCII character (Python's Unicode
# whitespace included).
_SPECIAL_CHARS = "&<>" + "".join(map(chr, range(32)))
_STRING_MAX = 32767  # UTF-16 units Excel allows in a cell


class _BulkSheet(Worksheet):
    """A worksheet that also takes whole rows already rendered as SheetML.

    Only in constant_memory mode without row formatting, where XlsxWriter itself streams each
    finished row to a temporary file: the rows are appended to that stream and the sheet's
    dimensions are updated as if the cells had been written one by one.
    """

    def can_append_rows(self) -> bool:
        return bool(self.constant_memory and not self.row_info and self.excel_version == 2007
                    and self.default_row_height == self.original_row_height)

    def append_rows(self, xml: str, first: tuple[int, int], last: tuple[int, int]) -> None:
        """Append rendered rows; ``first``/``last`` are the (row, col) of the top-left and
        bottom-right written cells (as for the dimensions XlsxWriter tracks per cell)."""
        self._write_single_row(first[0])  # flushes the row still pending (the header)
        self._check_dimensions(*first)
        self._check_dimensions(*last)
        self.fh.write(xml)
        self.previous_row = last[0]


_EMPTY = pa.scalar("", pa.large_string())


def _join(*parts: pa.Array | str) -> pa.Array:
    """Element-wise concatenation of string arrays and constant strings."""
    return pc.binary_join_element_wise(
        *(pa.scalar(p, pa.large_string()) if isinstance(p, str) else p for p in parts), _EMPTY)


def _string_cell(ref: str, value: str) -> str:
    """``<c>`` of any string exactly as XlsxWriter writes it inline (constant_memory mode)."""
    if len(value) > _STRING_MAX // 2 and _utf16_len(value) > _STRING_MAX:
        value = _utf16_truncate(value, _STRING_MAX)
    value = Worksheet._escape_control_characters(value)
    if value.startswith("<r>") and value.endswith("</r>"):  # XlsxWriter's rich-string form
        return f'<c r="{ref}" t="inlineStr"><is>{value}</is></c>'
    space = ' xml:space="preserve"' if _preserve_whitespace(value) else ""
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<c r="{ref}" t="inlineStr"><is><t{space}>{value}</t></is></c>'


def _text_cells(letter: str, rows: pa.Array, text: pa.Array) -> pa.Array:
    """Rendered cells of a column of strings ("" where nothing is written: empty strings)."""
    cells = _join(f'<c r="{letter}', rows, '" t="inlineStr"><is><t>', text, "</t></is></c>")
    cells = pc.if_else(pc.equal(text, ""), _EMPTY, cells)
    where = np.flatnonzero(_special(text))
    if len(where):
        exact = [_string_cell(f"{letter}{rows[i].as_py()}", text[i].as_py()) for i in where]
        mask = np.zeros(len(text), dtype=bool)
        mask[where] = True
        cells = pc.replace_with_mask(cells, pa.array(mask), pa.array(exact, pa.large_string()))
    return cells


def _special(text: pa.Array) -> np.ndarray:
    """Values that may need XlsxWriter's escaping or marking (a superset, see above)."""
    special = values_with(text, _SPECIAL_CHARS)
    underscore = np.flatnonzero(values_with(text, "_") & ~special)
    if len(underscore):
        special[underscore] = np.asarray(
            pc.match_substring(pc.take(text, pa.array(underscore)), "_x"))
    offsets = np.frombuffer(text.buffers()[1], dtype=np.int64)[text.offset:text.offset + len(text) + 1]
    lengths = np.diff(offsets)
    filled = np.flatnonzero(lengths > 0)
    if len(filled):
        data = np.frombuffer(text.buffers()[2], dtype=np.uint8)
        edges = np.stack([data[offsets[:-1][filled]], data[offsets[1:][filled] - 1]])
        special[filled] |= ((edges < 0x21) | (edges > 0x7E)).any(axis=0)
    special |= lengths > _STRING_MAX // 2
    return special


def _column_cells(col: int, rows: pa.Array, values: list[Any] | pa.Array) -> pa.Array:
    """Rendered cells of one column: strings (written unless empty) and numbers."""
    letter = xl_col_to_name(col)
    if isinstance(values, pa.Array):
        return _text_cells(letter, rows, values)
    if all(value.__class__ is str for value in values):
        return _text_cells(letter, rows, pa.array(values, type=pa.large_string()))
    return pa.array(
        [(_string_cell(f"{letter}{row}", value) if value else "") if value.__class__ is str
         else f'<c r="{letter}{row}"><v>{value:.16G}</v></c>'
         for row, value in zip(rows.to_pylist(), values, strict=True)],
        type=pa.large_string())


def _render_rows(data: list[list[Any] | pa.Array], first_row: int) -> Iterator[tuple[str, tuple[int, int],
                                                                        tuple[int, int]]]:
    """``(xml, first cell, last cell)`` per chunk of rows of column-wise ``data`` (strings,
    written unless empty, and numbers), starting at 0-based row ``first_row``."""
    n = len(data[0]) if data else 0
    for start in range(0, n, BULK_CHUNK_ROWS):
        stop = min(n, start + BULK_CHUNK_ROWS)
        numbers = np.arange(first_row + start + 1, first_row + stop + 1)  # 1-based, as in A1
        rows = pa.array(numbers.astype(str), type=pa.large_string())
        cells = [_column_cells(c, rows, values[start:stop]) for c, values in enumerate(data)]
        written = [np.asarray(pc.not_equal(column, "")) for column in cells]
        written_cols = [c for c, mask in enumerate(written) if mask.any()]
        if not written_cols:
            continue
        xml = _join('<row r="', rows, '">', _join(*cells), "</row>")
        has_cells = np.logical_or.reduce(written)
        xml = pc.filter(xml, pa.array(has_cells))
        written_rows = numbers[has_cells] - 1
        yield (_concat(xml), (int(written_rows[0]), written_cols[0]),
               (int(written_rows[-1]), written_cols[-1]))


def _concat(strings: pa.Array) -> str:
    """All values of a string array back to back (its data buffer)."""
    strings = strings.cast(pa.large_string())
    offsets = np.frombuffer(strings.buffers()[1], dtype=np.int64)
    begin, end = offsets[strings.offset], offsets[strings.offset + len(strings)]
    return strings.buffers()[2][begin:end].to_pybytes().decode("utf-8")
