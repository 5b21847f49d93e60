"""temuan.xlsx: rows rendered in bulk are exactly the rows XlsxWriter writes cell by cell."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest
import xlsxwriter

from coklit.report import xlsx

TRICKY = [
    "", "BUDI", "A & B", "<r>rich</r>", "x<y>z", 'say "hi"', " leading", "trailing ",
    "tab\there", "line\nbreak", "\x01control\x1f", "_x0041_ literal escape", "\u00a0nbsp",
    "nbsp\u00a0", "\u2003em space", "MA'RUF", "ÉLISE", "東京", "😀 emoji", "a" * 20000,
    "😀" * 17000, "\u0085", "ends with newline\n", "x" * 16383,
]


def _table() -> pd.DataFrame:
    n = len(TRICKY)
    return pd.DataFrame({
        "grup": [str(i) if i % 5 else "" for i in range(n)],  # a numeric column with blanks
        "berkas": ["dpt.csv"] * n,
        "baris": [str(i + 2) if i % 7 else "n/a" for i in range(n)],  # numbers and text
        "nama": TRICKY,
        "nik": list(reversed(TRICKY)),
        "skor": ["0.987", "1", "1e-05", "0.5", "7.000", "", "-3", "2.5E3"] * (n // 8),
        "kosong": [""] * n,  # a column with nothing written
    })


def _sheet_xml(tmp_path: Path, name: str, table: pd.DataFrame, bulk: bool,
               monkeypatch: pytest.MonkeyPatch) -> bytes:
    monkeypatch.setattr(xlsx, "BULK_CHUNK_ROWS", 5)  # several chunks
    monkeypatch.setattr(xlsx._BulkSheet, "can_append_rows", lambda self: bulk)
    path = tmp_path / f"{name}.xlsx"
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True,
                                               "strings_to_numbers": False,
                                               "strings_to_formulas": False,
                                               "strings_to_urls": False})
    formats = {"header": workbook.add_format({"bold": True}),
               "bold": workbook.add_format({"bold": True})}
    xlsx._write_table(workbook, "Ganda", "ganda", table, "id", formats)
    workbook.close()
    with zipfile.ZipFile(path) as zf:
        return zf.read("xl/worksheets/sheet1.xml")


@pytest.mark.parametrize("dtype", [object, "str"])
@pytest.mark.parametrize("rows", [slice(None), slice(0, 0), slice(5, 6), slice(0, 12)])
def test_bulk_rows_equal_cell_by_cell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      rows: slice, dtype: object) -> None:
    table = _table().astype(dtype).iloc[rows].reset_index(drop=True)
    bulk = _sheet_xml(tmp_path, "bulk", table, True, monkeypatch)
    cells = _sheet_xml(tmp_path, "cells", table, False, monkeypatch)
    assert bulk == cells


def test_blank_rows_are_skipped_as_xlsxwriter_does(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    table = pd.DataFrame({"nama": ["", "A", "", "", "B", ""], "nik": ["", "", "", "", "1", ""]})
    assert (_sheet_xml(tmp_path, "bulk", table, True, monkeypatch)
            == _sheet_xml(tmp_path, "cells", table, False, monkeypatch))
