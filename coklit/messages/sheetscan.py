"""Texts of workbook checks before reading (coklit.sheetscan)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "io.workbook_too_large": {
        "id": "Berkas '{file}' terlalu besar setelah dibuka: bagian '{part}' berisi {size} "
        "(dimampatkan {compressed}); batas coklit {limit}. Berkas ini kemungkinan rusak "
        "atau sengaja dibuat membengkak. Buka di Excel/LibreOffice dan simpan ulang sebagai "
        "CSV.",
        "en": "File '{file}' is too large once unpacked: part '{part}' holds {size} "
        "({compressed} compressed); coklit's limit is {limit}. The file is probably damaged "
        "or deliberately inflated. Open it in Excel/LibreOffice and save it as CSV.",
    },
    "io.sheet_too_wide": {
        "id": "Lembar '{sheet}' di '{file}' memiliki sel di {cell}, di luar batas lembar "
        "kerja ({rows} baris, {cols} kolom). Berkas ini rusak atau dibuat khusus; buka di "
        "Excel/LibreOffice, salin tabelnya ke lembar baru dan simpan ulang sebagai XLSX "
        "atau CSV.",
        "en": "Sheet '{sheet}' of '{file}' has a cell at {cell}, beyond the limits of a "
        "worksheet ({rows} rows, {cols} columns). The file is damaged or crafted; open it "
        "in Excel/LibreOffice, copy the table to a new sheet and save it as XLSX or CSV.",
    },
    "io.sheet_sparse": {
        "id": "Lembar '{sheet}' di '{file}' meluas sampai sel {cell} ({cells} sel), padahal "
        "hanya {filled} sel yang terisi. Biasanya ada isi atau format di sel jauh di luar "
        "tabel: buka di Excel, tekan Ctrl+End untuk melihat sel terakhir, hapus baris dan "
        "kolom di luar tabel, lalu simpan ulang (atau simpan sebagai CSV).",
        "en": "Sheet '{sheet}' of '{file}' reaches cell {cell} ({cells} cells) although "
        "only {filled} cells hold anything. Usually something is written or formatted far "
        "outside the table: open it in Excel, press Ctrl+End to see the last cell, delete "
        "the rows and columns outside the table and save it again (or save it as CSV).",
    },
    "io.sheet_too_many_cells": {
        "id": "Lembar '{sheet}' di '{file}' berisi {cells} sel ({rows} baris x {cols} "
        "kolom); batas coklit untuk XLSX {limit} sel agar memori laptop cukup. Simpan "
        "lembar itu sebagai CSV (tanpa batas ini) atau pecah menjadi beberapa berkas.",
        "en": "Sheet '{sheet}' of '{file}' holds {cells} cells ({rows} rows x {cols} "
        "columns); coklit's limit for XLSX is {limit} cells so that a laptop's memory "
        "suffices. Save the sheet as CSV (no such limit) or split it into several files.",
    },
    "io.damaged_zip": {"id": "arsip ZIP rusak: {detail}", "en": "damaged ZIP archive: {detail}"},
}
