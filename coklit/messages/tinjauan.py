"""Texts of the review ledger, --tinjauan (coklit.tinjauan)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "tinjauan.not_found": {
        "id": "Berkas tinjauan '{path}' tidak ditemukan.",
        "en": "Review file '{path}' not found.",
    },
    "tinjauan.unreadable": {
        "id": "Berkas tinjauan '{path}' tidak dapat dibaca ({problem}). Pakai temuan.xlsx "
        "hasil coklit atau CSV ekspor dari laporan.html.",
        "en": "Review file '{path}' cannot be read ({problem}). Use a coklit temuan.xlsx or "
        "a CSV exported from laporan.html.",
    },
    "tinjauan.no_columns": {
        "id": "Berkas tinjauan '{path}' tidak memuat kolom ID temuan dan Status cek.",
        "en": "Review file '{path}' has no Finding id and Check status columns.",
    },
    "tinjauan.bad_status": {
        "id": "Berkas tinjauan '{path}' baris {baris}: status '{value}' tidak dikenal. Pakai: "
        "belum dicek, benar, keliru, sudah diperbaiki.",
        "en": "Review file '{path}' row {baris}: status '{value}' is unknown. Use: belum dicek, "
        "benar, keliru, sudah diperbaiki.",
    },
}
