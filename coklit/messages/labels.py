"""Texts of output labels: table titles, sheet names, table descriptions, column headers
(coklit.report.labels) and the terminal's short rekap headers."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # Titles of output tables (report.labels.table_title).
    "table.rekap_kecamatan": {"id": "Rekap per kecamatan", "en": "Summary by kecamatan"},
    "table.rekap_kelurahan": {"id": "Rekap per kelurahan", "en": "Summary by kelurahan"},
    "table.ganda": {"id": "Pemilih ganda", "en": "Duplicate voters"},
    "table.ganda_perlu_cek": {
        "id": "Dugaan ganda, perlu dicek",
        "en": "Possible duplicates to check",
    },
    "table.belum_terdaftar": {
        "id": "Memenuhi syarat, belum terdaftar",
        "en": "Eligible but not listed",
    },
    "table.lapangan_perlu_cek": {
        "id": "Catatan lapangan, perlu dicek",
        "en": "Field records to check",
    },
    "table.tms": {"id": "Tidak memenuhi syarat (TMS)", "en": "Not eligible (TMS)"},
    "table.tidak_valid": {"id": "Data tidak valid", "en": "Invalid data"},
    "table.cocok": {"id": "Cocok dengan DPT", "en": "Matched to the list"},
    "table.hasil_lapangan": {"id": "Hasil per catatan lapangan", "en": "Outcome per field record"},
    "table.ditolak": {"id": "Baris ditolak", "en": "Rejected rows"},
    "table.rekap_banding_kecamatan": {
        "id": "Perubahan daftar per kecamatan",
        "en": "List changes by kecamatan",
    },
    "table.rekap_banding_kelurahan": {
        "id": "Perubahan daftar per kelurahan",
        "en": "List changes by kelurahan",
    },
    "table.rekap_banding_tps": {"id": "Perubahan daftar per TPS", "en": "List changes by TPS"},
    "table.banding_tambah": {
        "id": "Pemilih ditambahkan di versi baru",
        "en": "Voters added in the new version",
    },
    "table.banding_hapus": {
        "id": "Pemilih dihapus dari versi lama",
        "en": "Voters removed from the old version",
    },
    "table.banding_ubah": {"id": "Data pemilih yang berubah", "en": "Voter data changed"},
    "table.banding_cocok": {"id": "Pemilih di kedua versi", "en": "Voters in both versions"},
    "table.temuan_lama": {
        "id": "Temuan proses lalu: selesai atau tetap",
        "en": "Previous findings: resolved or remaining",
    },
    "table.rekap_temuan_lama": {
        "id": "Rekap temuan proses lalu per kecamatan",
        "en": "Previous findings by kecamatan",
    },
    "table.tinjauan": {"id": "Tanda pemeriksaan (tinjauan)", "en": "Review marks"},
    "table.rekap_tinjauan": {
        "id": "Status pemeriksaan per kecamatan",
        "en": "Review status by kecamatan",
    },
    "table.rekap_tps": {"id": "Rekap per TPS", "en": "Summary by TPS"},
    # Short XLSX sheet names: at most 31 characters, none of []:*?/\.
    "sheet.rekap_kecamatan": {"id": "Rekap kecamatan", "en": "Summary kecamatan"},
    "sheet.rekap_kelurahan": {"id": "Rekap kelurahan", "en": "Summary kelurahan"},
    "sheet.ganda": {"id": "Ganda", "en": "Duplicates"},
    "sheet.ganda_perlu_cek": {"id": "Ganda perlu cek", "en": "Duplicates to check"},
    "sheet.belum_terdaftar": {"id": "Belum terdaftar", "en": "Not listed"},
    "sheet.lapangan_perlu_cek": {"id": "Lapangan perlu cek", "en": "Field records to check"},
    "sheet.tms": {"id": "TMS", "en": "Not eligible (TMS)"},
    "sheet.tidak_valid": {"id": "Tidak valid", "en": "Invalid data"},
    "sheet.cocok": {"id": "Cocok", "en": "Matched"},
    "sheet.hasil_lapangan": {"id": "Hasil lapangan", "en": "Field outcomes"},
    "sheet.ditolak": {"id": "Ditolak", "en": "Rejected rows"},
    "sheet.rekap_banding_kecamatan": {"id": "Perubahan kecamatan", "en": "Changes kecamatan"},
    "sheet.rekap_banding_kelurahan": {"id": "Perubahan kelurahan", "en": "Changes kelurahan"},
    "sheet.rekap_banding_tps": {"id": "Perubahan TPS", "en": "Changes TPS"},
    "sheet.banding_tambah": {"id": "Ditambahkan", "en": "Added"},
    "sheet.banding_hapus": {"id": "Dihapus", "en": "Removed"},
    "sheet.banding_ubah": {"id": "Berubah", "en": "Changed"},
    "sheet.banding_cocok": {"id": "Di kedua versi", "en": "In both versions"},
    "sheet.temuan_lama": {"id": "Temuan lama", "en": "Previous findings"},
    "sheet.rekap_temuan_lama": {"id": "Rekap temuan lama", "en": "Previous findings summary"},
    "sheet.tinjauan": {"id": "Tinjauan", "en": "Review marks"},
    "sheet.rekap_tinjauan": {"id": "Rekap tinjauan", "en": "Review summary"},
    "sheet.rekap_tps": {"id": "Rekap TPS", "en": "Summary TPS"},
    # One sentence per table saying what a row means.
    "table_info.rekap_kecamatan": {
        "id": "Jumlah pemilih dan temuan per kecamatan, dengan baris TOTAL.",
        "en": "Voters and findings per kecamatan, with a TOTAL row.",
    },
    "table_info.rekap_kelurahan": {
        "id": "Jumlah pemilih dan temuan per kelurahan/desa.",
        "en": "Voters and findings per kelurahan/desa.",
    },
    "table_info.ganda": {
        "id": "Baris daftar pemilih yang diduga orang yang sama; satu grup = satu orang.",
        "en": "List rows that appear to be the same person; one group = one person.",
    },
    "table_info.ganda_perlu_cek": {
        "id": "Pasangan yang nama dan tanggal lahirnya (atau skornya) mengarah ke orang yang "
        "sama, tetapi bukti lain (NIK, KK, alamat) membantahnya. Bukan temuan ganda sebelum "
        "dicek di lapangan; satu pasangan = dua baris.",
        "en": "Pairs whose name and birth date (or score) point to one person while other "
        "evidence (NIK, family card, address) contradicts it. Not duplicates until checked in "
        "the field; one pair = two rows.",
    },
    "table_info.lapangan_perlu_cek": {
        "id": "Catatan lapangan yang kandidat terdekatnya di daftar pemilih masuk akal tetapi "
        "belum pasti: tidak dihitung cocok maupun belum terdaftar sebelum dicek.",
        "en": "Field records whose nearest list candidate is plausible but not certain: counted "
        "neither as matched nor as not listed until checked.",
    },
    "table_info.belum_terdaftar": {
        "id": "Catatan lapangan yang memenuhi syarat tetapi tidak ditemukan di daftar pemilih.",
        "en": "Eligible field records not found in the voter list.",
    },
    "table_info.tms": {
        "id": "Pemilih yang tidak memenuhi syarat tetapi masih tercantum, beserta buktinya.",
        "en": "Voters who are not eligible but still listed, with the evidence.",
    },
    "table_info.tidak_valid": {
        "id": "Nilai yang salah atau mencurigakan (NIK, NKK, tanggal lahir, usia, ...), satu "
        "baris per masalah. Satu baris data bisa punya beberapa masalah, jadi daftar ini bisa "
        "lebih panjang daripada kolom 'Baris tidak valid' di rekap, yang menghitung baris data.",
        "en": "Wrong or suspicious values (NIK, NKK, birth date, age, ...), one row per problem. "
        "A data row can have several problems, so this list can be longer than the rekap's "
        "'Invalid rows' column, which counts data rows.",
    },
    "table_info.cocok": {
        "id": "Catatan lapangan yang ditemukan di daftar pemilih.",
        "en": "Field records found in the voter list.",
    },
    "table_info.hasil_lapangan": {
        "id": "Setiap catatan lapangan dengan hasilnya: cocok, belum terdaftar, atau TMS tidak "
        "terdaftar.",
        "en": "Every field record with its outcome: matched, not listed, or not eligible and not "
        "listed.",
    },
    "table_info.ditolak": {
        "id": "Baris berkas yang tidak dapat dipakai, dengan alasannya.",
        "en": "File rows that could not be used, with the reason.",
    },
    "table_info.rekap_banding_kecamatan": {
        "id": "Jumlah pemilih di versi lama dan baru per kecamatan: tetap, berubah, ditambah, "
        "dihapus, pindah masuk/keluar. Pemilih baru = lama - hapus + tambah - pindah keluar + "
        "pindah masuk.",
        "en": "Voters in the old and new version per kecamatan: unchanged, changed, added, "
        "removed, moved in/out. New = old - removed + added - moved out + moved in.",
    },
    "table_info.rekap_banding_kelurahan": {
        "id": "Seperti rekap per kecamatan, per kelurahan/desa.",
        "en": "As the summary by kecamatan, per kelurahan/village.",
    },
    "table_info.rekap_banding_tps": {
        "id": "Seperti rekap per kecamatan, per TPS.",
        "en": "As the summary by kecamatan, per TPS.",
    },
    "table_info.banding_tambah": {
        "id": "Baris versi baru yang orangnya tidak ada di versi lama; kandidat = baris lama "
        "terdekat bila cukup mirip untuk dicek.",
        "en": "New-version rows whose person is not in the old version; candidate = the nearest "
        "old row when close enough to check.",
    },
    "table_info.banding_hapus": {
        "id": "Baris versi lama yang orangnya tidak ada lagi di versi baru; kandidat = baris "
        "baru terdekat bila cukup mirip untuk dicek.",
        "en": "Old-version rows whose person is no longer in the new version; candidate = the "
        "nearest new row when close enough to check.",
    },
    "table_info.banding_ubah": {
        "id": "Satu baris per kolom yang nilainya berubah untuk orang yang sama (nilai lama dan "
        "baru seperti tertulis).",
        "en": "One row per field whose value changed for the same person (old and new value as "
        "written).",
    },
    "table_info.temuan_lama": {
        "id": "Setiap temuan coklit check atas versi lama (grup ganda, baris TMS, orang belum "
        "terdaftar): selesai bila versi baru memperbaikinya (baris TMS dihapus atau TPS dipindah "
        "untuk kode 8, grup ganda tinggal satu baris, orang belum terdaftar kini terdaftar), "
        "tetap bila belum.",
        "en": "Every finding of coklit check on the old version (duplicate group, TMS row, "
        "unlisted person): resolved when the new version fixed it (TMS row removed or moved to "
        "another TPS for code 8, one row left of a duplicate group, the unlisted person now "
        "listed), remaining otherwise.",
    },
    "table_info.rekap_temuan_lama": {
        "id": "Jumlah temuan proses lalu yang selesai dan yang tetap, per kecamatan.",
        "en": "Previous findings resolved and remaining, per kecamatan.",
    },
    "table_info.banding_cocok": {
        "id": "Setiap orang yang ada di kedua versi, dicocokkan dengan model yang sama seperti "
        "pencocokan lapangan, dengan skor, alasan dan kolom yang berubah.",
        "en": "Every person in both versions, matched with the same model as field records, with "
        "score, reason and the fields that changed.",
    },
    "table_info.tinjauan": {
        "id": "Tanda pemeriksaan yang dibaca dari --tinjauan (yang terbaru per temuan), dengan "
        "keadaan temuannya pada proses ini: masih dilaporkan, tidak dilaporkan lagi karena "
        "ditandai keliru, atau tidak ditemukan lagi.",
        "en": "Review marks read with --tinjauan (the latest per finding), with what became of "
        "the finding in this run: still reported, not reported again because marked wrong, or no "
        "longer found.",
    },
    "table_info.rekap_tinjauan": {
        "id": "Jumlah temuan per kecamatan menurut status pemeriksaan (pasangan yang ditandai "
        "keliru dihitung walaupun tidak dilaporkan lagi).",
        "en": "Findings per kecamatan by review status (pairs marked wrong are counted although "
        "no longer reported).",
    },
    "table_info.rekap_tps": {
        "id": "Jumlah pemilih dan temuan per TPS (kecamatan, kelurahan, TPS).",
        "en": "Voters and findings per TPS (kecamatan, kelurahan, TPS).",
    },
    # Column headers in the XLSX, HTML and terminal (the CSV keeps the column names).
    "column.berkas": {"id": "Berkas", "en": "File"},
    "column.baris": {"id": "Baris", "en": "Row"},
    "column.masalah": {"id": "Masalah", "en": "Problem"},
    "column.keterangan": {"id": "Keterangan", "en": "Explanation"},
    "column.kecamatan": {"id": "Kecamatan", "en": "Kecamatan"},
    "column.kelurahan": {"id": "Kelurahan/Desa", "en": "Kelurahan/village"},
    "column.kabupaten": {"id": "Kabupaten/Kota", "en": "Regency/City"},
    "column.tps": {"id": "TPS", "en": "TPS"},
    "column.nama": {"id": "Nama", "en": "Name"},
    "column.kolom": {"id": "Kolom", "en": "Column"},
    "column.nilai": {"id": "Nilai", "en": "Value"},
    "column.grup": {"id": "Grup", "en": "Group"},
    "column.nik": {"id": "NIK", "en": "NIK"},
    "column.nkk": {"id": "NKK", "en": "NKK"},
    "column.tempat_lahir": {"id": "Tempat lahir", "en": "Place of birth"},
    "column.tanggal_lahir": {"id": "Tanggal lahir", "en": "Date of birth"},
    "column.usia": {"id": "Usia", "en": "Age"},
    "column.status_kawin": {"id": "Status perkawinan", "en": "Marital status"},
    "column.jenis_kelamin": {"id": "Jenis kelamin", "en": "Sex"},
    "column.alamat": {"id": "Alamat", "en": "Address"},
    "column.rt": {"id": "RT", "en": "RT"},
    "column.rw": {"id": "RW", "en": "RW"},
    "column.disabilitas": {"id": "Disabilitas", "en": "Disability"},
    "column.ktp_el": {"id": "KTP-el", "en": "e-ID card"},
    "column.status": {"id": "Status", "en": "Status"},
    "column.jenis": {"id": "Jenis", "en": "Kind"},
    "column.lokasi": {"id": "Lokasi", "en": "Location"},
    "column.skor": {"id": "Skor", "en": "Score"},
    "column.alasan": {"id": "Alasan", "en": "Reason"},
    "column.kategori": {"id": "Kategori", "en": "Category"},
    "column.kode_kpu": {"id": "Kode KPU", "en": "KPU code"},
    "column.kategori_nama": {"id": "Nama kategori", "en": "Category name"},
    "column.sumber": {"id": "Sumber", "en": "Source"},
    "column.bukti": {"id": "Bukti", "en": "Evidence"},
    "column.alasan_memenuhi_syarat": {"id": "Alasan memenuhi syarat", "en": "Why eligible"},
    "column.pemilih_dpt": {"id": "Pemilih DPT", "en": "Listed voters"},
    "column.lapangan": {"id": "Catatan lapangan", "en": "Field records"},
    "column.cocok": {"id": "Cocok", "en": "Matched"},
    "column.belum_terdaftar": {"id": "Belum terdaftar", "en": "Not listed"},
    "column.grup_ganda": {"id": "Grup ganda", "en": "Duplicate groups"},
    "column.baris_ganda": {"id": "Baris ganda", "en": "Duplicate rows"},
    "column.tms": {"id": "TMS", "en": "Not eligible (TMS)"},
    "column.tms_lain": {"id": "TMS lain", "en": "Other not eligible"},
    "column.tidak_valid": {"id": "Baris tidak valid", "en": "Invalid rows"},
    "column.hasil": {"id": "Hasil", "en": "Outcome"},
    "column.pasangan": {"id": "Pasangan", "en": "Pair"},
    "column.skor_nama_tgl": {
        "id": "Skor nama & tgl lahir saja",
        "en": "Score of name & birth date alone",
    },
    "column.lapangan_perlu_cek": {"id": "Lapangan perlu cek", "en": "Field records to check"},
    "column.baris_ganda_perlu_cek": {
        "id": "Baris ganda perlu cek",
        "en": "Duplicate rows to check",
    },
    "column.perkiraan_ganda_keliru": {
        "id": "Perkiraan ganda keliru",
        "en": "Expected false duplicates",
    },
    "column.perkiraan_ganda_terlewat": {
        "id": "Perkiraan ganda terlewat",
        "en": "Expected missed duplicates",
    },
    "column.perkiraan_cocok_keliru": {
        "id": "Perkiraan cocok keliru",
        "en": "Expected false links",
    },
    "column.perkiraan_cocok_terlewat": {
        "id": "Perkiraan cocok terlewat",
        "en": "Expected missed links",
    },
    "column.pemilih_lama": {"id": "Pemilih versi lama", "en": "Voters (old)"},
    "column.pemilih_baru": {"id": "Pemilih versi baru", "en": "Voters (new)"},
    "column.tetap": {"id": "Tetap", "en": "Unchanged"},
    "column.ubah": {"id": "Berubah", "en": "Changed"},
    "column.tambah": {"id": "Ditambah", "en": "Added"},
    "column.hapus": {"id": "Dihapus", "en": "Removed"},
    "column.pindah_masuk": {"id": "Pindah masuk", "en": "Moved in"},
    "column.pindah_keluar": {"id": "Pindah keluar", "en": "Moved out"},
    "column.kolom_berubah": {"id": "Kolom berubah", "en": "Fields changed"},
    "column.temuan": {"id": "Temuan", "en": "Finding"},
    "column.ganda_selesai": {"id": "Ganda selesai", "en": "Duplicates resolved"},
    "column.ganda_tetap": {"id": "Ganda tetap", "en": "Duplicates remaining"},
    "column.tms_selesai": {"id": "TMS selesai", "en": "TMS resolved"},
    "column.tms_tetap": {"id": "TMS tetap", "en": "TMS remaining"},
    "column.belum_terdaftar_selesai": {
        "id": "Belum terdaftar selesai",
        "en": "Unlisted now listed",
    },
    "column.belum_terdaftar_tetap": {
        "id": "Belum terdaftar tetap",
        "en": "Unlisted still missing",
    },
    "column.belum_terdaftar_tidak_dapat_dicek": {
        "id": "Belum terdaftar tidak dapat dicek",
        "en": "Unlisted not checkable",
    },
    "column.saran_kelurahan": {"id": "Saran kelurahan", "en": "Suggested kelurahan"},
    "column.saran_tps": {"id": "Saran TPS", "en": "Suggested TPS"},
    "column.saran_dasar": {"id": "Dasar saran", "en": "Basis of suggestion"},
    "column.saran_berkas": {"id": "Berkas anggota keluarga", "en": "Household member's file"},
    "column.saran_baris": {"id": "Baris anggota keluarga", "en": "Household member's row"},
    "column.id_temuan": {"id": "ID temuan", "en": "Finding id"},
    "column.status_cek": {"id": "Status cek", "en": "Check status"},
    "column.catatan": {"id": "Catatan", "en": "Notes"},
    "column.pemeriksa": {"id": "Pemeriksa", "en": "Checked by"},
    "column.waktu_cek": {"id": "Waktu cek", "en": "Checked at"},
    "column.tabel": {"id": "Tabel", "en": "Table"},
    "column.keadaan": {"id": "Keadaan temuan", "en": "Finding now"},
    "column.berkas_tinjauan": {"id": "Berkas tinjauan", "en": "Review file"},
    "column.belum_dicek": {"id": "Belum dicek", "en": "Not checked"},
    "column.benar": {"id": "Benar", "en": "Correct"},
    "column.keliru": {"id": "Keliru", "en": "Wrong"},
    "column.sudah_diperbaiki": {"id": "Sudah diperbaiki", "en": "Fixed"},
    # A base column's header qualified by the side it comes from (column <base><suffix>).
    "column_side.lapangan": {"id": "{label} (lapangan)", "en": "{label} (field)"},
    "column_side.dpt": {"id": "{label} (DPT)", "en": "{label} (list)"},
    "column_side.lama": {"id": "{label} (lama)", "en": "{label} (old)"},
    "column_side.baru": {"id": "{label} (baru)", "en": "{label} (new)"},
    "column_candidate": {"id": "Kandidat: {label}", "en": "Candidate: {label}"},
    # Short rekap headers so the terminal table fits 80 columns.
    "screen.pemilih_dpt": {"id": "DPT", "en": "Listed"},
    "screen.lapangan": {"id": "Lapangan", "en": "Field"},
    "screen.cocok": {"id": "Cocok", "en": "Matched"},
    "screen.belum_terdaftar": {"id": "Belum terdaftar", "en": "Not listed"},
    "screen.grup_ganda": {"id": "Grup ganda", "en": "Dup. groups"},
    "screen.baris_ganda": {"id": "Baris ganda", "en": "Dup. rows"},
    "screen.tms": {"id": "TMS", "en": "TMS"},
    "screen.tidak_valid": {"id": "Tidak valid", "en": "Invalid"},
}
