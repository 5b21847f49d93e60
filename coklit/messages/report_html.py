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
        "id": "disesuaikan dengan frekuensi nilai: nilai yang umum berbobot lebih kecil, tetapi "
        "tidak pernah di bawah tingkat di bawahnya",
        "en": "adjusted for the value's frequency: common values weigh less, never below the "
        "next weaker level",
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
        "id": "Cetakan memuat semua baris setiap tabel sesuai saringan yang aktif; daftar lengkap juga ada di berkas CSV/XLSX.",
        "en": "A printout holds every row of each table under the active filters; the full lists are also in the CSV/XLSX files.",
    },
}
