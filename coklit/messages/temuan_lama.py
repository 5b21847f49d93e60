"""Texts of a previous result folder given with --temuan-lama (coklit.temuan_lama)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "temuan_lama.other_list": {
        "id": "Folder temuan lama '{path}' berasal dari daftar lain: berkas daftarnya ({berkas}) "
        "tidak sama dengan daftar versi lama yang dibandingkan. Sebutkan folder hasil coklit "
        "check atas daftar versi lama ini.",
        "en": "Old findings folder '{path}' comes from another list: its list file ({berkas}) "
        "is not the old version being compared. Name the folder of a coklit check run on this "
        "old list.",
    },
    "temuan_lama.dihapus": {"id": "baris dihapus di versi baru",
                            "en": "row removed in the new version"},
    "temuan_lama.tps": {"id": "TPS diubah {lama} -> {baru} ({berkas} baris {baris})",
                        "en": "TPS changed {lama} -> {baru} ({berkas} row {baris})"},
    "temuan_lama.masih": {"id": "masih terdaftar: {berkas} baris {baris}",
                          "en": "still listed: {berkas} row {baris}"},
    "temuan_lama.grup": {"id": "tersisa {n} baris di versi baru: {baris}",
                         "en": "{n} rows left in the new version: {baris}"},
    "temuan_lama.terdaftar": {"id": "sudah terdaftar: {berkas} baris {baris} (skor {skor})",
                              "en": "now listed: {berkas} row {baris} (score {skor})"},
    "temuan_lama.belum": {"id": "belum ditemukan di versi baru",
                          "en": "not found in the new version"},
    "temuan_lama.tanpa_lapangan": {
        "id": "berkas lapangan proses lama ({berkas}) tidak ditemukan atau sudah berubah",
        "en": "the old run's field file ({berkas}) is missing or has changed",
    },
}
