"""Texts of the command line's help: what each command and option does, typer/click's own
words and metavars (coklit.cli)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # Option and argument help (help.<option>, or help.<command>.<option> where it differs).
    "help.out": {
        "id": "Folder hasil (dibuat bila belum ada).",
        "en": "Result folder (created when missing).",
    },
    "help.kolom": {
        "id": "Petakan judul kolom ke field, mis. --kolom nama=\"NAMA LENGKAP\". Boleh diulang.",
        "en": "Map a column header to a field, e.g. --kolom nama=\"NAMA LENGKAP\". Repeatable.",
    },
    "help.tanggal_pemilihan": {
        "id": "Tanggal pemungutan suara (TTTT-BB-HH).",
        "en": "Election day (YYYY-MM-DD).",
    },
    "help.data_lengkap": {
        "id": "Tulis NIK/NKK, tanggal lahir dan disabilitas utuh (HANYA untuk kerja internal).",
        "en": "Write full NIK/NKK, birth dates and disability (internal work ONLY).",
    },
    "help.per_kecamatan": {
        "id": "Tulis juga satu folder per kecamatan.",
        "en": "Also write one folder per kecamatan.",
    },
    "help.paksa": {
        "id": "Jalankan walaupun DPT dan lapangan tampak tertukar (lapangan jauh lebih banyak, "
        "atau hanya lapangan yang punya TPS).",
        "en": "Run even when the voter list and the field records look swapped (far more field "
        "records, or only the field records have a TPS).",
    },
    "help.ambang": {
        "id": "Ambang skor (0-1) untuk pasangan ganda dan kecocokan.",
        "en": "Score threshold (0-1) for duplicate pairs and matches.",
    },
    "help.model": {
        "id": "Pakai ulang model pencocokan dari proses sebelumnya (folder hasil atau "
        "info_proses.json-nya) alih-alih menaksirnya dari data ini.",
        "en": "Reuse the matching model of an earlier run (its result folder or "
        "info_proses.json) instead of estimating it from this data.",
    },
    "help.tinjauan": {
        "id": "Tanda pemeriksaan temuan dari proses sebelumnya: temuan.xlsx (kolom Status cek, "
        "Catatan, Pemeriksa) atau CSV ekspor laporan.html. Boleh diulang; tanda terbaru yang "
        "dipakai. Pasangan yang ditandai 'keliru' tidak dilaporkan ganda lagi.",
        "en": "Review marks from an earlier run: temuan.xlsx (Check status, Notes, Checked by "
        "columns) or a CSV exported from laporan.html. Repeatable; the latest mark wins. Pairs "
        "marked 'keliru' (wrong) are not reported as duplicates again.",
    },
    "help.lang": {
        "id": "Bahasa keluaran: id (Indonesia) atau en.",
        "en": "Output language: id (Indonesian) or en.",
    },
    "help.dpt": {
        "id": "Berkas CSV/XLSX, folder, atau pola glob dalam tanda kutip.",
        "en": "Voter list: files, folders or quoted glob patterns.",
    },
    "help.check.dpt": {
        "id": "Daftar pemilih: berkas, folder, atau pola glob.",
        "en": "Voter list: file, folder or glob pattern.",
    },
    "help.check.lapangan": {
        "id": "Catatan lapangan: satu atau lebih berkas, folder, atau pola glob.",
        "en": "Field records: file, folder or glob pattern.",
    },
    "help.folder": {
        "id": "Folder hasil coklit check/dedupe/validate.",
        "en": "Result folder of coklit check/dedupe/validate.",
    },
    "help.pemilih": {"id": "Jumlah pemilih di DPT.", "en": "Number of voters on the list."},
    "help.seed": {
        "id": "Benih acak (hasil sama untuk benih sama).",
        "en": "Random seed (same seed, same data).",
    },
    "help.sample.lapangan": {
        "id": "Porsi pemilih yang dicek di lapangan.",
        "en": "Share of voters checked in the field.",
    },
    "help.profil": {
        "id": "Profil data: standar (bawaan) atau uji (data uji tersisih, hanya untuk evaluasi; "
        "jangan dipakai untuk menyetel pencocokan).",
        "en": "Data profile: standar (default) or uji (held-out test data, for evaluation only; "
        "do not tune matching on it).",
    },
    "help.kolom_sampel": {
        "id": "Kolom berkas: lengkap (bawaan) atau minimal (hanya NAMA, TANGGAL LAHIR, ALAMAT, "
        "KELURAHAN; baris dan kunci jawaban sama).",
        "en": "File columns: lengkap (default) or minimal (only NAMA, TANGGAL LAHIR, ALAMAT, "
        "KELURAHAN; same rows and answer key).",
    },
    "help.version": {"id": "Versi coklit.", "en": "coklit version."},
    "help.per": {
        "id": "Satu surat per kecamatan atau per kelurahan.",
        "en": "One letter per kecamatan or per kelurahan.",
    },
    "help.surat.out": {
        "id": "Folder surat (dibuat bila belum ada; bukan di dalam folder hasil).",
        "en": "Letter folder (created when missing; not inside the result folder).",
    },
    "help.lama": {
        "id": "Daftar versi lama (mis. DPS): berkas, folder, atau pola glob.",
        "en": "Old version of the list (e.g. DPS): file, folder or glob pattern.",
    },
    "help.baru": {
        "id": "Daftar versi baru (mis. DPT): berkas, folder, atau pola glob.",
        "en": "New version of the list (e.g. DPT): file, folder or glob pattern.",
    },
    "help.temuan_lama": {
        "id": "Folder hasil coklit check atas daftar versi lama: tunjukkan temuan mana yang "
        "sudah diselesaikan di versi baru (TMS dihapus, belum terdaftar kini terdaftar, ganda "
        "dibersihkan) dan mana yang tetap.",
        "en": "Result folder of coklit check on the old version: which findings the new version "
        "resolved (TMS removed, unlisted now listed, duplicates cleaned) and which remain.",
    },
    "help.versi_baru": {
        "id": "Tulis dua versi daftar: dps.csv (lama) dan dpt.csv (baru, hasil pembersihan: "
        "ditambah, dihapus, diubah, diurutkan ulang), dengan kunci perubahan di kunci/ (untuk "
        "coklit banding).",
        "en": "Also write a second version of the list (dps.csv -> dpt.csv) with the true "
        "changes in kunci/banding_*.csv.",
    },
    "help.wilayah": {
        "id": "Wilayah sampel: palembang (18 kecamatan) atau sumsel (241 kecamatan di 17 "
        "kabupaten/kota Sumatera Selatan). Bawaan: palembang sampai 2.000.000 pemilih, sumsel "
        "di atasnya.",
        "en": "Sample region: palembang (18 kecamatan) or sumsel (the 241 kecamatan of Sumatera "
        "Selatan's 17 kab/kota). Default: palembang up to 2,000,000 voters, sumsel above.",
    },
    "help.dask": {
        "id": "Jalankan blocking dan perbandingan di klaster Dask; temuannya sama persis. Tanpa "
        "alamat: klaster lokal, satu proses per inti mesin ini. Dengan alamat scheduler, mis. "
        "tcp://HOST:8786: klaster yang sudah berjalan. Perlu pip install \"coklit[dask]\".",
        "en": "Run blocking and comparisons on Dask: alone, a local cluster on this machine's "
        "cores; with an address (tcp://HOST:8786), an existing scheduler. Same findings.",
    },
    "help.ambang_default": {"id": "0.9 ganda, 0.8 cocok", "en": "0.9 duplicates, 0.8 matches"},
    # What each command does (help.command.coklit: the program itself).
    "help.command.coklit": {
        "id": "coklit: memeriksa daftar pemilih (DP4/DPS/DPT) terhadap catatan lapangan Bawaslu "
        "— pemilih ganda, belum terdaftar, TMS dan data tidak valid per kecamatan. Bekerja "
        "sepenuhnya offline.",
        "en": "coklit: checks voter lists (DP4/DPS/DPT) against Bawaslu field records — "
        "duplicates, unregistered and ineligible voters and invalid data per kecamatan. Works "
        "fully offline.",
    },
    "help.command.validate": {
        "id": "Periksa mutu data daftar pemilih: NIK/NKK, tanggal lahir, usia, baris ditolak.",
        "en": "Check the data quality of a voter list: NIK/NKK, birth dates, age, rejected rows.",
    },
    "help.command.dedupe": {
        "id": "Cari pemilih ganda di dalam daftar pemilih (beserta temuan mutu data).",
        "en": "Find duplicate voters inside a voter list (with the data-quality findings).",
    },
    "help.command.check": {
        "id": "Cocokkan daftar pemilih dengan catatan lapangan: ganda, belum terdaftar, TMS, "
        "tidak valid.",
        "en": "Match a voter list with field records: duplicates, not listed, TMS, invalid data.",
    },
    "help.command.banding": {
        "id": "Bandingkan dua versi daftar pemilih (mis. DPS dan DPT): pemilih ditambah, dihapus "
        "dan diubah.",
        "en": "Compare two versions of a voter list (e.g. DPS and DPT): voters added, removed "
        "and changed.",
    },
    "help.command.laporan": {
        "id": "Tulis ulang laporan.html dan temuan.xlsx dari folder hasil yang sudah ada.",
        "en": "Write laporan.html and temuan.xlsx again from an existing result folder.",
    },
    "help.command.surat": {
        "id": "Tulis surat saran perbaikan (DOCX dan HTML siap cetak) per kecamatan atau "
        "kelurahan.",
        "en": "Write saran perbaikan letters (DOCX and print-ready HTML) per kecamatan or "
        "kelurahan.",
    },
    "help.command.sample": {
        "id": "Buat data sintetis yang realistis (DPT, catatan lapangan, kunci jawaban).",
        "en": "Write realistic synthetic data (voter list, field records, answer key).",
    },
    # typer/click's own words, shown in Indonesian (the English is what click writes).
    "cli_word.arguments": {"id": "Argumen", "en": "Arguments"},
    "cli_word.options": {"id": "Opsi", "en": "Options"},
    "cli_word.commands": {"id": "Perintah", "en": "Commands"},
    "cli_word.default": {"id": "bawaan: {default}", "en": "default: {default}"},
    "cli_word.required": {"id": "wajib", "en": "required"},
    "cli_word.help": {
        "id": "Tampilkan bantuan ini lalu keluar.",
        "en": "Show this message and exit.",
    },
    "cli_word.usage": {"id": "Penggunaan: ", "en": "Usage: "},
    "cli_word.aborted": {"id": "Dibatalkan.", "en": "Aborted!"},
    "cli_word.missing_command": {"id": "Perintah belum disebut.", "en": "Missing command."},
    "cli_word.no_such_command": {
        "id": "Perintah {name!r} tidak ada.",
        "en": "No such command {name!r}.",
    },
    "cli_word.options_metavar": {"id": "[OPSI]", "en": "[OPTIONS]"},
    "cli_word.commands_metavar": {"id": "PERINTAH [ARG]...", "en": "COMMAND [ARGS]..."},
    # Metavars instead of typer's <str>/<path>/<list[str]>.
    "metavar.path": {"id": "FOLDER", "en": "FOLDER"},
    "metavar.text": {"id": "TEKS", "en": "TEXT"},
    "metavar.number": {"id": "ANGKA", "en": "NUMBER"},
    "metavar.file": {"id": "BERKAS", "en": "FILE"},
    "metavar.date": {"id": "TTTT-BB-HH", "en": "YYYY-MM-DD"},
}
