"""Texts of coklit banding, list versions compared (coklit.banding)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "sanity.role.lama": {"id": "daftar versi lama", "en": "old list version"},
    "sanity.role.baru": {"id": "daftar versi baru", "en": "new list version"},
    "summary.role.lama": {"id": "Versi lama", "en": "Old version"},
    "summary.role.baru": {"id": "Versi baru", "en": "New version"},
    "step.banding": {"id": "Mencocokkan orang di kedua versi daftar…",
                     "en": "Matching people across the two list versions…"},
}
