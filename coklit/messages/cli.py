"""Texts of the command line: errors, options, progress, what a command prints at the end."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "error.prefix": {"id": "Galat", "en": "Error"},
    "error.unexpected": {
        "id": "Terjadi kesalahan tak terduga ({kind}). Laporkan ke pengelola coklit beserta perintah yang dijalankan (jalankan ulang dengan COKLIT_DEBUG=1 untuk rinciannya).",
        "en": "Unexpected error ({kind}). Please report it to the coklit maintainers with the command you ran (rerun with COKLIT_DEBUG=1 for details).",
    },
    "option.bad_date": {
        "id": "Tanggal '{value}' untuk {option} tidak dikenali. Gunakan format TTTT-BB-HH, misalnya 2024-11-27.",
        "en": "Date '{value}' for {option} is not recognised. Use YYYY-MM-DD, e.g. 2024-11-27.",
    },
    "option.bad_dask": {
        "id": "Alamat Dask '{value}' tidak sah: tulis --dask tanpa alamat (klaster lokal) "
              "atau dengan alamat scheduler, misalnya --dask tcp://10.0.0.5:8786.",
        "en": "Dask address '{value}' is not valid: write --dask without an address (a local "
              "cluster) or with a scheduler address, e.g. --dask tcp://10.0.0.5:8786.",
    },
    "option.bad_threshold": {
        "id": "Ambang {value} tidak sah: --ambang harus di antara 0 dan 1, misalnya 0.9.",
        "en": "Threshold {value} is not valid: --ambang must be between 0 and 1, e.g. 0.9.",
    },
    "sample.done": {
        "id": "Data sintetis ditulis ke {out}: {pemilih} pemilih DPT, {lapangan} catatan lapangan; kunci jawaban di {out}/kunci.",
        "en": "Synthetic data written to {out}: {pemilih} listed voters, {lapangan} field records; answer key in {out}/kunci.",
    },
    "option.bad_kolom": {
        "id": "Opsi --kolom '{value}' harus berbentuk FIELD=\"JUDUL KOLOM\", misalnya --kolom nama=\"NAMA LENGKAP\". Field yang dikenal: {fields}.",
        "en": "Option --kolom '{value}' must look like FIELD=\"HEADER\", e.g. --kolom nama=\"FULL NAME\". Known fields: {fields}.",
    },
    "cli.progress": {"id": "{step}  [langkah {n}, {seconds} dtk]",
                     "en": "{step}  [step {n}, {seconds} s]"},
    "step.write": {"id": "Menulis CSV, temuan.xlsx dan laporan.html…",
                   "en": "Writing CSV, temuan.xlsx and laporan.html…"},
    "surat.done": {"id": "{n} surat ditulis ke {out} (DOCX dan HTML).",
                   "en": "{n} letters written to {out} (DOCX and HTML)."},
    "surat.out_inside": {
        "id": "Folder surat '{path}' berada di dalam folder hasil '{folder}'; pilih folder lain "
        "dengan --out agar folder hasil tetap utuh.",
        "en": "Letter folder '{path}' is inside the result folder '{folder}'; choose another "
        "folder with --out so the result folder stays intact.",
    },
    "cli.done": {"id": "Selesai dalam {seconds} dtk. Laporan: {path}",
                 "en": "Finished in {seconds} s. Report: {path}"},
    "cli.done_no_report": {"id": "Selesai dalam {seconds} dtk. Hasil: {path}",
                           "en": "Finished in {seconds} s. Results: {path}"},
}
