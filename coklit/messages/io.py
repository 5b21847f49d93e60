"""Texts of reading files: not found, encodings, delimiters, rows the reader could not split (coklit.io)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "io.not_found": {
        "id": "Tidak ada berkas yang cocok dengan '{path}'. Periksa nama berkas/folder "
        "(pola glob ditulis dalam tanda kutip, mis. \"data/*.csv\").",
        "en": "Nothing matches '{path}'. Check the file/folder name (quote glob patterns, "
        "e.g. \"data/*.csv\").",
    },
    "io.empty_folder": {
        "id": "Folder '{path}' tidak berisi berkas CSV/XLSX/XLS. Simpan data pemilih "
        "sebagai CSV atau XLSX di folder itu, atau sebutkan berkasnya langsung.",
        "en": "Folder '{path}' holds no CSV/XLSX/XLS file. Save the voter data as CSV or "
        "XLSX there, or name the file directly.",
    },
    "io.unsupported": {
        "id": "Berkas '{file}': jenis '{suffix}' tidak didukung. Simpan ulang sebagai "
        "CSV atau XLSX (didukung: {supported}).",
        "en": "File '{file}': type '{suffix}' is not supported. Save it again as CSV or "
        "XLSX (supported: {supported}).",
    },
    "io.unreadable": {
        "id": "Berkas '{file}' tidak dapat dibuka ({detail}). Periksa izin akses atau "
        "tutup program lain yang memakainya.",
        "en": "File '{file}' cannot be opened ({detail}). Check permissions or close "
        "programs that use it.",
    },
    "io.empty": {
        "id": "Berkas '{file}' kosong (tidak ada data). Periksa apakah berkas yang benar "
        "sudah dipilih.",
        "en": "File '{file}' is empty (no data). Check that the right file was chosen.",
    },
    "io.binary": {
        "id": "Berkas '{file}' bukan tabel teks (terbaca sebagai {kind}). Buka di "
        "Excel/LibreOffice lalu simpan sebagai CSV atau XLSX.",
        "en": "File '{file}' is not a text table (it looks like {kind}). Open it in "
        "Excel/LibreOffice and save it as CSV or XLSX.",
    },
    "io.undecodable": {
        "id": "Isi berkas '{file}' tidak dapat dibaca sebagai teks (pengodean tidak "
        "dikenal). Simpan ulang sebagai CSV UTF-8 (Excel: Simpan Sebagai > CSV UTF-8).",
        "en": "File '{file}' cannot be read as text (unknown encoding). Save it again as "
        "CSV UTF-8 (Excel: Save As > CSV UTF-8).",
    },
    "io.bad_excel": {
        "id": "Berkas '{file}' tidak dapat dibaca sebagai buku kerja Excel ({detail}). "
        "Mungkin rusak atau bukan berkas Excel yang diganti namanya; buka di Excel lalu "
        "simpan ulang sebagai XLSX atau CSV.",
        "en": "File '{file}' cannot be read as an Excel workbook ({detail}). It may be "
        "damaged or another kind of file renamed; open it in Excel and save it again as "
        "XLSX or CSV.",
    },
    "io.excel_password": {
        "id": "Buku kerja '{file}' dilindungi kata sandi. Buka di Excel, hapus kata "
        "sandinya, lalu simpan ulang.",
        "en": "Workbook '{file}' is password-protected. Open it in Excel, remove the "
        "password and save it again.",
    },
    "io.field_too_long": {
        "id": "Berkas '{file}', baris {row}: satu sel berisi {length} karakter; batasnya "
        "{limit} (sebanyak yang dapat dimuat satu sel Excel). Biasanya ada tanda kutip (\") "
        "yang tidak ditutup atau teks yang tertempel; perbaiki baris itu lalu simpan ulang.",
        "en": "File '{file}', row {row}: one cell holds {length} characters; the limit is "
        "{limit} (what one Excel cell can hold). Usually a quote (\") is never closed or "
        "text was pasted in; fix that row and save the file again.",
    },
    "io.workbook_cells": {
        "id": "Berkas XLSX/ODS yang dibaca bersama berisi {cells} sel; batas coklit {limit} "
        "sel agar memori laptop cukup. Simpan data besar sebagai CSV (tanpa batas ini) atau "
        "periksa dalam beberapa bagian.",
        "en": "The XLSX/ODS files read together hold {cells} cells; coklit's limit is "
        "{limit} cells so that a laptop's memory suffices. Save large data as CSV (no such "
        "limit) or check it in parts.",
    },
    "io.no_table": {
        "id": "Berkas '{file}' tidak memuat lembar berisi tabel pemilih (lembar: "
        "{sheets}). Baris judul kolom harus memuat mis. NAMA dan NIK; bila judulnya "
        "lain, tunjukkan dengan --kolom nama=\"JUDUL KOLOM\". Baris pertama yang berisi: "
        "{first_row}.",
        "en": "File '{file}' has no sheet holding a voter table (sheets: {sheets}). The "
        "header row must hold e.g. NAMA and NIK; if the headers differ, name them with "
        "--kolom nama=\"HEADER\". First non-blank row: {first_row}.",
    },
    "io.reject.kutip_tidak_ditutup": {
        "id": "Tanda kutip (\") dibuka di baris ini tetapi tidak ditutup, sehingga "
        "baris-baris berikutnya akan terbaca sebagai satu nilai. Baris ini tidak dipakai; "
        "baris sesudahnya dibaca seperti biasa. Perbaiki tanda kutipnya.",
        "en": "A quote (\") opens in this row and is never closed, which would turn the "
        "following rows into one value. This row is not used; the rows after it are read "
        "as usual. Fix the quote.",
    },
    "io.reject.kolom_berlebih": {
        "id": "Baris ini berisi {cells} sel terisi, sedangkan judul kolom hanya {width}: "
        "mungkin ada pemisah ({delimiter}) di dalam nilai tanpa tanda kutip, sehingga "
        "kolom-kolomnya bergeser. Baris ini tidak dipakai; perbaiki lalu jalankan lagi.",
        "en": "This row holds {cells} filled cells but the header only {width}: probably "
        "a delimiter ({delimiter}) inside a value without quotes, so its columns are "
        "shifted. The row is not used; fix it and run again.",
    },
    "io.note.kolom_kurang": {
        "id": "Baris ini hanya memiliki {cells} dari {width} kolom; kolom yang tidak ada "
        "dibaca kosong. Periksa apakah ada pemisah yang hilang.",
        "en": "This row has only {cells} of {width} columns; the missing ones are read as "
        "empty. Check whether a delimiter is missing.",
    },
    # Words inside the messages above.
    "io.no_suffix": {"id": "(tanpa akhiran)", "en": "(no suffix)"},
    "io.kind.ole": {"id": "Office lama (OLE)", "en": "old Office (OLE)"},
    "io.kind.binary": {"id": "data biner", "en": "binary data"},
}
