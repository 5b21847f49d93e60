"""Texts of where a person not yet listed should register (coklit.household)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "saran.kk": {"id": "KK sama", "en": "same KK"},
    "saran.alamat": {"id": "alamat sama", "en": "same address"},
    "saran.tidak_ada": {"id": "tidak ada anggota keluarga di daftar",
                        "en": "no household member on the list"},
}
