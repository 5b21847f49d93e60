"""Texts of column mapping and rejected rows (coklit.schema)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
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
    "schema.no_header": {
        "id": "Berkas '{file}': baris pertama ({row}) tampaknya berisi data (angka NIK atau "
        "tanggal), bukan judul kolom, sehingga kolom {fields} tidak ditemukan. Tambahkan "
        "baris judul kolom di atas data (mis. NIK, NAMA, TANGGAL LAHIR, ...) lalu simpan "
        "ulang.",
        "en": "File '{file}': the first row ({row}) seems to hold data (NIK numbers or "
        "dates), not column headers, so column {fields} was not found. Add a header row "
        "above the data (e.g. NIK, NAMA, TANGGAL LAHIR, ...) and save the file again.",
    },
    "schema.reject.nama_kosong": {
        "id": "Kolom nama kosong; baris tanpa nama tidak dapat dipakai.",
        "en": "The name column is empty; a row without a name cannot be used.",
    },
    "schema.reject.nama_tanpa_huruf": {
        "id": "Kolom nama tidak berisi huruf: '{nama}'",
        "en": "The name column holds no letters: '{nama}'",
    },
    "schema.reject.judul_berulang": {
        "id": "Baris judul kolom terulang di tengah tabel (mis. dari gabungan beberapa "
        "ekspor); bukan data pemilih.",
        "en": "The header row repeats inside the table (e.g. several exports joined); not "
        "voter data.",
    },
    "schema.reject.baris_judul": {
        "id": "Baris judul wilayah (mis. 'KECAMATAN : ...') di tengah tabel; bukan data "
        "pemilih.",
        "en": "A place title row (e.g. 'KECAMATAN : ...') inside the table; not voter "
        "data.",
    },
    "schema.reject.lembar_tanpa_judul": {
        "id": "Lembar ini berisi baris data tetapi tidak memiliki baris judul kolom (mis. "
        "NIK, NAMA), sehingga tidak diketahui kolom mana yang berisi apa. Tambahkan baris "
        "judul di atas datanya lalu jalankan lagi.",
        "en": "This sheet holds data rows but no header row (e.g. NIK, NAMA), so it is not "
        "known which column holds what. Add a header row above the data and run again.",
    },
    "schema.skip.notes": {
        "id": "lembar tanpa tabel (catatan), tidak dibaca",
        "en": "sheet without a table (notes), not read",
    },
}
