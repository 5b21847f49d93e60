"""Texts of the result folder: locks, staging, manifest (coklit.report.folder)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "output.is_file": {
        "id": "--out '{path}' adalah sebuah berkas, bukan folder. Pilih nama folder hasil, "
        "mis. --out hasil.",
        "en": "--out '{path}' is a file, not a folder. Choose a result folder name, e.g. "
        "--out hasil.",
    },
    "output.is_input": {
        "id": "--out '{path}' memuat berkas masukan '{input}'. coklit tidak menulis di "
        "atas masukannya sendiri; pilih folder hasil lain, mis. --out hasil.",
        "en": "--out '{path}' holds the input file '{input}'. coklit never writes over its "
        "own input; choose another result folder, e.g. --out hasil.",
    },
    "output.foreign": {
        "id": "Folder '{path}' sudah berisi berkas yang bukan hasil coklit ({files}). "
        "Agar tidak ada yang terhapus, pilih folder hasil baru atau kosong dengan --out.",
        "en": "Folder '{path}' already holds files that are not coklit results ({files}). "
        "So that nothing is deleted, choose a new or empty result folder with --out.",
    },
    "output.locked": {
        "id": "Folder hasil '{path}' sedang dipakai oleh proses coklit lain ({holder}). "
        "Tunggu sampai proses itu selesai, atau pilih folder lain dengan --out.",
        "en": "Result folder '{path}' is in use by another coklit process ({holder}). Wait "
        "until it finishes, or choose another folder with --out.",
    },
    "output.cannot_write": {
        "id": "Tidak dapat menulis hasil ke '{path}': {reason}. {hint} Hasil sebelumnya "
        "(bila ada) tidak berubah.",
        "en": "Cannot write results to '{path}': {reason}. {hint} Any previous result is "
        "unchanged.",
    },
    "output.reason.full": {"id": "disk penuh", "en": "the disk is full"},
    "output.reason.denied": {
        "id": "tidak ada izin menulis (folder hanya-baca atau milik pengguna lain)",
        "en": "no permission to write (read-only folder or another user's)",
    },
    "output.reason.busy": {
        "id": "berkas sedang dibuka program lain (mis. temuan.xlsx di Excel)",
        "en": "a file is open in another program (e.g. temuan.xlsx in Excel)",
    },
    "output.reason.name": {
        "id": "nama berkas atau folder terlalu panjang atau tidak sah",
        "en": "a file or folder name is too long or not allowed",
    },
    "output.hint.full": {
        "id": "Kosongkan ruang disk atau pilih folder di disk lain dengan --out.",
        "en": "Free some disk space or choose a folder on another disk with --out.",
    },
    "output.hint.other": {
        "id": "Periksa folder itu atau pilih folder lain dengan --out.",
        "en": "Check that folder or choose another one with --out.",
    },
    "output.hint.busy": {
        "id": "Tutup berkas hasil yang sedang dibuka lalu jalankan lagi.",
        "en": "Close the open result files and run again.",
    },
}
