"""Texts of temuan.xlsx (coklit.report.xlsx)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
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
    "xlsx.info.sha256": {"id": "SHA-256", "en": "SHA-256"},
    "xlsx.footer_page": {"id": "Halaman {page} / {pages}", "en": "Page {page} / {pages}"},
    "xlsx.info.rows_read": {"id": "Baris dibaca", "en": "Rows read"},
    "xlsx.info.rows_used": {"id": "Baris dipakai", "en": "Rows used"},
    "xlsx.info.rows_rejected": {"id": "Baris ditolak", "en": "Rows rejected"},
    "xlsx.info.parameters": {"id": "Parameter", "en": "Parameters"},
    "xlsx.info.tables": {"id": "Lembar", "en": "Sheets"},
    "xlsx.info.rows": {"id": "Jumlah baris", "en": "Rows"},
    "xlsx.info.part": {"id": "{sheet} ({part})", "en": "{sheet} ({part})"},
}
