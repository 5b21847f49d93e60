"""Texts of the steps of a run (coklit.pipeline)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "step.read": {"id": "Membaca berkas…", "en": "Reading files…"},
    "step.normalize": {"id": "Menormalkan nama, alamat, tanggal, NIK…", "en": "Normalising names, addresses, dates, NIK…"},
    "step.validate": {"id": "Memeriksa mutu data…", "en": "Checking data quality…"},
    "step.dedupe": {"id": "Mencari pemilih ganda…", "en": "Looking for duplicates…"},
    "step.link": {"id": "Mencocokkan catatan lapangan dengan daftar…", "en": "Matching field records to the list…"},
    "step.findings": {"id": "Menyusun temuan dan rekap…", "en": "Building findings and summaries…"},
    "step.count.baris": {"id": "{n} baris", "en": "{n} rows"},
    "step.count.lapangan": {"id": "{n} catatan lapangan", "en": "{n} field records"},
    "step.count.lama": {"id": "{n} baris versi lama", "en": "{n} old rows"},
    "step.count.baru": {"id": "{n} baris versi baru", "en": "{n} new rows"},
    "step.count.pasangan": {"id": "{n} pasangan kandidat", "en": "{n} candidate pairs"},
    "model.not_found": {
        "id": "Berkas model '{path}' tidak ditemukan. Sebutkan folder hasil proses sebelumnya atau berkas info_proses.json-nya.",
        "en": "Model file '{path}' not found. Name a previous result folder or its info_proses.json.",
    },
    "model.bad_file": {
        "id": "Berkas model '{path}' rusak atau bukan info_proses.json coklit ({problem}).",
        "en": "Model file '{path}' is damaged or not a coklit info_proses.json ({problem}).",
    },
    "model.none": {
        "id": "Berkas '{path}' tidak berisi model (model_ganda/model_cocok). Gunakan info_proses.json dari coklit check atau dedupe.",
        "en": "File '{path}' holds no model (model_ganda/model_cocok). Use the info_proses.json of coklit check or dedupe.",
    },
}
