"""Texts of laporan.html (coklit.report.html)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "html.title": {"id": "Laporan coklit", "en": "coklit report"},
    "html.mode_shared": {
        "id": "Data dibagikan: NIK/NKK disamarkan, tanggal lahir hanya tahun, disabilitas tidak ditampilkan",
        "en": "Shareable data: NIK/NKK masked, birth dates show the year only, disability left out",
    },
    "html.mode_full": {
        "id": "INTERNAL: data lengkap — jangan dibagikan",
        "en": "INTERNAL: full data — do not share",
    },
    "html.mode_full_badge": {"id": "INTERNAL", "en": "INTERNAL"},
    "html.checked": {"id": "Yang diperiksa", "en": "What was checked"},
    "html.command": {"id": "Perintah", "en": "Command"},
    "html.created": {"id": "Dibuat", "en": "Created"},
    "html.version": {"id": "Versi coklit", "en": "coklit version"},
    "html.inputs": {"id": "Berkas masukan", "en": "Input files"},
    "html.role": {"id": "Peran", "en": "Role"},
    "html.rows_read": {"id": "Baris dibaca", "en": "Rows read"},
    "html.rows_used": {"id": "Dipakai", "en": "Used"},
    "html.rows_rejected": {"id": "Ditolak", "en": "Rejected"},
    "html.parameters": {"id": "Parameter", "en": "Parameters"},
    "html.skipped": {"id": "Lembar dilewati", "en": "Sheets skipped"},
    "html.columns": {"id": "Kolom yang dibaca per berkas", "en": "Columns read per file"},
    "html.columns_used": {"id": "Judul kolom → field", "en": "Header → field"},
    "html.columns_ignored": {"id": "Diabaikan", "en": "Ignored"},
    "html.columns_maybe": {
        "id": "mungkin {field}: --kolom {field}=\"…\"",
        "en": "maybe {field}: --kolom {field}=\"…\"",
    },
    "html.measures": {"id": "Ukuran", "en": "Measures"},
    "html.model_em": {"id": "bobot m dari EM ({sessions})", "en": "m weights from EM ({sessions})"},
    "html.model_default": {"id": "data terlalu sedikit untuk EM, bobot m bawaan",
                           "en": "too little data for EM, default m weights"},
    "html.model_reused": {"id": "model dipakai ulang (--model)", "en": "model reused (--model)"},
    "html.model_summary": {
        "id": "{pairs} pasangan kandidat, peluang awal {prior}, perkiraan keliru {false}, "
        "terlewat {missed}",
        "en": "{pairs} candidate pairs, prior {prior}, expected false {false}, missed {missed}",
    },
    "html.model_explain": {
        "id": "Bobot (bit) yang dipakai untuk setiap tingkat kecocokan: positif mendukung "
        "orang yang sama, negatif menentang. Kolom selain 'umum' berlaku untuk pasangan dalam "
        "keadaan itu (mis. serumah: kerabat sering berbagi nama atau tanggal lahir).",
        "en": "Weights (bits) applied to each level of agreement: positive supports one "
        "person, negative opposes. Columns other than 'general' apply to pairs in that "
        "situation (e.g. one household: relatives often share names or birth dates).",
    },
    "html.model_comparison": {"id": "Perbandingan", "en": "Comparison"},
    "html.model_tf": {
        "id": "disesuaikan dengan frekuensi nilai (untuk NIK: frekuensi nomor urutnya, 0001 "
        "paling umum): nilai yang umum berbobot lebih kecil, tetapi tidak pernah di bawah "
        "tingkat di bawahnya",
        "en": "adjusted for the value's frequency (for the NIK: its serial's, 0001 being the "
        "most common): common values weigh less, never below the next weaker level",
    },
    "html.contents": {"id": "Isi laporan", "en": "Contents"},
    "html.rekap_chart": {
        "id": "Temuan per kecamatan (jumlah baris)",
        "en": "Findings per kecamatan (rows)",
    },
    "html.rekap_hint": {
        "id": "Klik nama kecamatan untuk melihat kelurahan, dan nama kelurahan untuk melihat TPS.",
        "en": "Click a kecamatan to see its kelurahan, and a kelurahan to see its TPS.",
    },
    "html.groups": {"id": "grup", "en": "groups"},
    "html.no_findings": {"id": "Tidak ada temuan.", "en": "No findings."},
    "html.filter_place": {"id": "Saring wilayah", "en": "Filter by place"},
    "html.all": {"id": "(semua)", "en": "(all)"},
    "html.noscript": {
        "id": "JavaScript mati: rekap tetap terbaca, tetapi tabel temuan perlu JavaScript. Gunakan berkas CSV/XLSX.",
        "en": "JavaScript is off: the summary is readable, but the finding tables need JavaScript. Use the CSV/XLSX files.",
    },
    "html.print_note": {
        "id": "Cetakan memuat semua baris setiap tabel temuan sesuai saringan yang aktif; daftar "
        "lengkap ada di berkas CSV/XLSX.",
        "en": "A printout holds every row of each finding table under the active filters; the "
        "full lists are in the CSV/XLSX files.",
    },
    "html.print_note_limited": {
        "id": "Tabel pendukung yang panjang ({tables}) dicetak hanya bila saringan menyisakan "
        "paling banyak {limit} baris.",
        "en": "Long supporting tables ({tables}) are printed only when the filters leave at most "
        "{limit} rows.",
    },
    "html.odds": {"id": "1 dari {n}", "en": "1 in {n}"},
    # Texts the report's script looks up by key.
    "html_js.search": {"id": "Cari nama", "en": "Search name"},
    "html_js.category": {"id": "Kategori", "en": "Category"},
    "html_js.all": {"id": "(semua)", "en": "(all)"},
    "html_js.page": {"id": "Halaman {p} dari {n}", "en": "Page {p} of {n}"},
    "html_js.showing": {
        "id": "Menampilkan {a}–{b} dari {m} baris",
        "en": "Showing {a}–{b} of {m} rows",
    },
    "html_js.showing_groups": {
        "id": "Menampilkan grup {a}–{b} dari {m} grup",
        "en": "Showing groups {a}–{b} of {m}",
    },
    "html_js.filtered": {"id": "(tersaring dari {n})", "en": "(filtered from {n})"},
    "html_js.per_page": {"id": "Baris per halaman", "en": "Rows per page"},
    "html_js.first": {"id": "Halaman pertama", "en": "First page"},
    "html_js.prev": {"id": "Sebelumnya", "en": "Previous"},
    "html_js.next": {"id": "Berikutnya", "en": "Next"},
    "html_js.last": {"id": "Halaman terakhir", "en": "Last page"},
    "html_js.none": {
        "id": "Tidak ada baris yang cocok dengan saringan.",
        "en": "No rows match the filters.",
    },
    "html_js.print_page": {
        "id": "Dicetak: halaman {p} dari {n} ({m} {u} tersaring{f}).",
        "en": "Printed: page {p} of {n} ({m} filtered {u}{f}).",
    },
    "html_js.unit_rows": {"id": "baris", "en": "rows"},
    "html_js.unit_groups": {"id": "grup", "en": "groups"},
    "html_js.print_filter": {"id": "; saringan: {f}", "en": "; filters: {f}"},
    "html_js.no_place": {
        "id": "Tabel ini tidak memuat wilayah; saringan wilayah tidak berlaku.",
        "en": "This table has no place columns; the place filter does not apply.",
    },
    "html_js.tps": {"id": "TPS", "en": "TPS"},
    "html_js.tps_empty": {"id": "(tanpa TPS)", "en": "(no TPS)"},
    "html_js.tps_none": {"id": "Tidak ada temuan per TPS.", "en": "No findings per TPS."},
    "html_js.reset": {"id": "Hapus saringan", "en": "Clear filters"},
    "html_js.place_cols": {"id": "Wilayah", "en": "Place"},
    "html_js.sort": {"id": "Urutkan", "en": "Sort"},
    "html_js.tps_all": {"id": "(semua TPS)", "en": "(all TPS)"},
    "html_js.tps_show": {"id": "lihat temuan", "en": "show findings"},
    "html_js.print_skipped": {
        "id": "Tidak dicetak: {m} {u}{f}, lebih dari {limit}. Daftar lengkapnya ada "
        "di {file}; saring per kelurahan atau TPS untuk mencetaknya.",
        "en": "Not printed: {m} {u}{f}, more than {limit}. The full list is in "
        "{file}; filter by kelurahan or TPS to print it.",
    },
    "html_js.print_all": {
        "id": "Dicetak: semua {m} {u} tersaring{f}.",
        "en": "Printed: all {m} filtered {u}{f}.",
    },
    "html_js.review": {"id": "Pemeriksaan", "en": "Review"},
    "html_js.checker": {"id": "Pemeriksa", "en": "Checked by"},
    "html_js.export": {"id": "Ekspor tanda (CSV)", "en": "Export marks (CSV)"},
    "html_js.marks_saved": {
        "id": "{n} tanda tersimpan di peramban ini; ekspor lalu pakai dengan --tinjauan.",
        "en": "{n} marks kept in this browser; export them and use them with --tinjauan.",
    },
    "html_js.note": {"id": "Catatan", "en": "Note"},
    "html_js.status_filter": {"id": "Status cek", "en": "Check status"},
    # Headers of grouped cells.
    "html_cell.versi_lama": {"id": "Versi lama: berkas : baris", "en": "Old version: file : row"},
    "html_cell.versi_baru": {"id": "Versi baru: berkas : baris", "en": "New version: file : row"},
    "html_cell.nilai_lama_baru": {"id": "Nilai lama / baru", "en": "Old / new value"},
    "html_cell.nama_lama_baru": {"id": "Nama lama / baru", "en": "Old / new name"},
    "html_cell.nik_lama_baru": {"id": "NIK lama / baru", "en": "Old / new NIK"},
    "html_cell.tgl_lama_baru": {"id": "Tgl lahir lama / baru", "en": "Old / new date of birth"},
    "html_cell.hasil_kolom": {"id": "Hasil, kolom berubah", "en": "Outcome, fields changed"},
    "html_cell.temuan_kategori": {"id": "Temuan, kategori", "en": "Finding, category"},
    "html_cell.saran": {
        "id": "Saran tempat terdaftar (kelurahan / TPS / dasar)",
        "en": "Where to register (kelurahan / TPS / basis)",
    },
    "html_cell.saran_baris": {
        "id": "Anggota keluarga di daftar",
        "en": "Household member on the list",
    },
    "html_cell.sumber_baris": {"id": "Berkas : baris", "en": "File : row"},
    "html_cell.wilayah": {
        "id": "Kecamatan / Kelurahan / TPS",
        "en": "Kecamatan / Kelurahan / TPS",
    },
    "html_cell.lahir": {"id": "Tempat, tanggal lahir", "en": "Place, date of birth"},
    "html_cell.nomor": {"id": "NIK / NKK", "en": "NIK / NKK"},
    "html_cell.alamat": {"id": "Alamat, RT/RW", "en": "Address, RT/RW"},
    "html_cell.nama_vs": {
        "id": "Nama: lapangan / kandidat DPT",
        "en": "Name: field / list candidate",
    },
    "html_cell.nik_vs": {"id": "NIK: lapangan / kandidat", "en": "NIK: field / candidate"},
    "html_cell.tgl_vs": {
        "id": "Tgl lahir: lapangan / kandidat",
        "en": "Birth date: field / candidate",
    },
    "html_cell.kandidat": {
        "id": "Kandidat DPT (berkas : baris)",
        "en": "List candidate (file : row)",
    },
    "html_cell.nama_cocok": {"id": "Nama: lapangan / DPT", "en": "Name: field / list"},
    "html_cell.nik_cocok": {"id": "NIK: lapangan / DPT", "en": "NIK: field / list"},
    "html_cell.tgl_cocok": {"id": "Tgl lahir: lapangan / DPT", "en": "Birth date: field / list"},
    "html_cell.lapangan": {"id": "Lapangan (berkas : baris)", "en": "Field (file : row)"},
    "html_cell.dpt": {"id": "DPT (berkas : baris)", "en": "List (file : row)"},
    "html_cell.wilayah_lap": {"id": "Wilayah lapangan", "en": "Place (field)"},
    "html_cell.wilayah_dpt": {"id": "Wilayah DPT", "en": "Place (list)"},
    "html_cell.data_lain": {"id": "Tempat lahir, JK, NKK", "en": "Birth place, sex, NKK"},
    "html_cell.lahir_jk": {"id": "Tempat, tgl lahir, JK", "en": "Birth place, date, sex"},
    "html_cell.jenis_lokasi": {"id": "Jenis / lokasi", "en": "Kind / location"},
    "html_cell.kategori_kode": {"id": "Kategori / kode KPU", "en": "Category / KPU code"},
    "html_cell.sumber_bukti": {"id": "Sumber / bukti", "en": "Source / evidence"},
    "html_cell.skor_dua": {"id": "Skor / skor nama & tgl saja", "en": "Score / name & date alone"},
    "html_cell.wilayah_kandidat": {"id": "Wilayah kandidat", "en": "Candidate's area"},
    "html_cell.review": {"id": "Pemeriksaan (ID temuan)", "en": "Review (finding id)"},
    # Words of the review statuses (the values coklit.tinjauan reads back stay Indonesian).
    "review_status.belum_dicek": {"id": "belum dicek", "en": "not checked"},
    "review_status.benar": {"id": "benar", "en": "correct"},
    "review_status.keliru": {"id": "keliru", "en": "wrong"},
    "review_status.sudah_diperbaiki": {"id": "sudah diperbaiki", "en": "fixed"},
    # Codes shown as words (the CSV keeps the codes): value.<column>.<code>.
    "value.lokasi.sama_tps": {"id": "TPS sama", "en": "same TPS"},
    "value.lokasi.beda_tps": {"id": "beda TPS", "en": "other TPS"},
    "value.lokasi.beda_kelurahan": {"id": "beda kelurahan", "en": "other kelurahan"},
    "value.lokasi.beda_kecamatan": {"id": "beda kecamatan", "en": "other kecamatan"},
    "value.hasil.cocok": {"id": "cocok", "en": "matched"},
    "value.hasil.perlu_cek": {"id": "perlu dicek", "en": "to check"},
    "value.hasil.belum_terdaftar": {"id": "belum terdaftar", "en": "not listed"},
    "value.hasil.tidak_terdaftar_tms": {
        "id": "TMS, tidak terdaftar",
        "en": "not eligible, not listed",
    },
    "value.sumber.dpt": {"id": "daftar pemilih", "en": "voter list"},
    "value.sumber.lapangan": {"id": "catatan lapangan", "en": "field record"},
    "value.jenis.identik": {"id": "identik", "en": "identical"},
    "value.jenis.mirip": {"id": "mirip", "en": "similar"},
    "value.keadaan.dilaporkan": {"id": "masih dilaporkan", "en": "still reported"},
    "value.keadaan.tidak_dilaporkan_keliru": {
        "id": "tidak dilaporkan lagi (keliru)",
        "en": "no longer reported (wrong)",
    },
    "value.keadaan.tidak_ditemukan_lagi": {"id": "tidak ditemukan lagi", "en": "no longer found"},
    # Run parameters (info_proses.json names; the config's English names are aliases).
    "param.tanggal_pemilihan": {"id": "Tanggal pemungutan suara", "en": "Election day"},
    "param.ambang_ganda": {"id": "Ambang ganda", "en": "Duplicate threshold"},
    "param.ambang_cocok": {"id": "Ambang pencocokan", "en": "Match threshold"},
    "param.usia_pemilih": {"id": "Usia pemilih minimal", "en": "Voting age"},
    "param.ukuran_blok_maks": {"id": "Ukuran blok maksimum", "en": "Maximum block size"},
    "param.max_plausible_age": {"id": "Usia maksimum wajar", "en": "Maximum plausible age"},
    "param.data_lengkap": {"id": "Data lengkap", "en": "Full data"},
    "param.bahasa": {"id": "Bahasa", "en": "Language"},
    "param.model_ganda": {"id": "Model pencocokan ganda", "en": "Duplicate model"},
    "param.model_cocok": {"id": "Model pencocokan lapangan–DPT", "en": "Field-to-list model"},
    "html.age_bucket": {"id": "usia {a}–{b} tahun", "en": "aged {a}–{b}"},
    "html.age_over": {"id": "usia {a} tahun ke atas", "en": "aged {a} and over"},
    # Strata of the model (coklit.match.spec), as the report names them.
    "stratum.lain": {"id": "umum", "en": "general"},
    "stratum.kembar": {"id": "serumah & tgl lahir sama", "en": "one household & same birth date"},
    "stratum.tgl_sama_sekecamatan": {
        "id": "tgl lahir sama, 1 kecamatan",
        "en": "same birth date, one kecamatan",
    },
    "stratum.tgl_sama": {"id": "tgl lahir sama", "en": "same birth date"},
    "stratum.serumah": {"id": "serumah", "en": "one household"},
    "stratum.sealamat": {"id": "alamat sama", "en": "same address"},
    "stratum.sekelurahan": {"id": "kelurahan sama", "en": "same kelurahan"},
    # Keys of info_proses.json measures.
    "measure.detik": {"id": "Waktu per tahap", "en": "Time per step"},
    "measure.baris": {"id": "Baris", "en": "Rows"},
    # Steps in the report's timings.
    "step_label.read": {"id": "membaca", "en": "reading"},
    "step_label.normalize": {"id": "menormalkan", "en": "normalising"},
    "step_label.validate": {"id": "memeriksa mutu", "en": "checking quality"},
    "step_label.dedupe": {"id": "mencari ganda", "en": "finding duplicates"},
    "step_label.link": {"id": "mencocokkan lapangan", "en": "matching field records"},
    "step_label.findings": {"id": "menyusun temuan", "en": "building findings"},
}
