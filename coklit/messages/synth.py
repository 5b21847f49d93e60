"""Texts of coklit sample (coklit.synth)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "synth.bad_voters": {
        "id": "Jumlah pemilih {value} tidak sah: --pemilih harus bilangan bulat 100 sampai 7.000.000.",
        "en": "Voter count {value} is not valid: --pemilih must be a whole number from 100 to 7,000,000.",
    },
    "synth.bad_wilayah": {
        "id": "Wilayah '{value}' tidak dikenal: --wilayah harus salah satu dari: {known}.",
        "en": "Region '{value}' is not known: --wilayah must be one of: {known}.",
    },
    "synth.bad_seed": {
        "id": "Benih {value} tidak sah: --seed harus bilangan bulat 0 atau lebih.",
        "en": "Seed {value} is not valid: --seed must be a whole number, 0 or more.",
    },
    "synth.bad_profile": {
        "id": "Profil '{value}' tidak dikenal: --profil harus salah satu dari: {known}.",
        "en": "Profile '{value}' is not known: --profil must be one of: {known}.",
    },
    "synth.bad_columns": {
        "id": "Pilihan kolom '{value}' tidak dikenal: --kolom-sampel harus salah satu dari: {known}.",
        "en": "Column set '{value}' is not known: --kolom-sampel must be one of: {known}.",
    },
    "synth.bad_fraction": {
        "id": "Porsi lapangan {value} tidak sah: --lapangan harus di antara 0 dan 1.",
        "en": "Field fraction {value} is not valid: --lapangan must be between 0 and 1.",
    },
    "sample.done_versions": {
        "id": "Data sintetis ditulis ke {out}: dps.csv {pemilih} pemilih (versi lama), dpt.csv "
        "{pemilih_baru} pemilih (versi baru: {tambah} ditambah, {hapus} dihapus, {ubah} "
        "berubah), {lapangan} catatan lapangan; kunci jawaban di {out}/kunci.",
        "en": "Synthetic data written to {out}: dps.csv {pemilih} voters (old version), dpt.csv "
        "{pemilih_baru} voters (new version: {tambah} added, {hapus} removed, {ubah} "
        "changed), {lapangan} field records; answer key in {out}/kunci.",
    },
}
