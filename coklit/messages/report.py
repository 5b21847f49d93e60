"""Texts of reading a result folder back, output wording shared by the renderers (coklit.report)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
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
    "report.bad_table": {
        "id": "Folder '{path}' mencatat tabel '{table}' yang bukan tabel coklit. Folder ini bukan hasil coklit yang utuh; jalankan ulang pemeriksaannya.",
        "en": "Folder '{path}' lists a table '{table}' that is not a coklit table. It is not an intact coklit result; run the check again.",
    },
    "report.no_manifest": {
        "id": "Folder '{path}' tidak memuat daftar berkas (manifest) di info_proses.json, jadi keutuhannya tidak dapat diperiksa (hasil versi lama atau proses yang terhenti). Jalankan ulang pemeriksaannya.",
        "en": "Folder '{path}' has no file list (manifest) in info_proses.json, so it cannot be checked (an older version's result or an interrupted run). Run the check again.",
    },
    "report.mismatch": {
        "id": "Folder '{path}' tidak sama dengan yang ditulis coklit: {file} {problem}. Laporan tidak ditulis ulang; jalankan ulang pemeriksaannya untuk mendapatkan hasil yang utuh.",
        "en": "Folder '{path}' differs from what coklit wrote: {file} {problem}. The report was not rewritten; run the check again for an intact result.",
    },
    "report.mismatch.changed": {"id": "isinya berubah (SHA-256 lain)", "en": "has changed (another SHA-256)"},
    "report.mismatch.rows": {"id": "jumlah barisnya lain dari yang tercatat", "en": "has another number of rows than recorded"},
    "report.mismatch.path": {"id": "bukan nama berkas di dalam folder ini", "en": "is not a file name inside this folder"},
}
