"""Shared vocabulary: canonical fields, normalised columns and finding categories.

Every stage speaks these names, so they live in one module that imports nothing.
"""

from __future__ import annotations

# Canonical input fields, in display order. After loading every record has all of them as
# text ("" when the file has no such column or the cell is empty).
FIELDS: tuple[str, ...] = (
    "nkk",
    "nik",
    "nama",
    "tempat_lahir",
    "tanggal_lahir",
    "usia",
    "status_kawin",
    "jenis_kelamin",
    "alamat",
    "rt",
    "rw",
    "disabilitas",
    "ktp_el",
    "keterangan",
    "status",
    "tps",
    "kelurahan",
    "kecamatan",
    "kabupaten",
    "provinsi",
    "kode_pos",
    # Parts some files keep in separate columns; loading joins them into ``nama`` and
    # ``alamat`` (see COMPOSITE_FIELDS).
    "nama_depan",
    "nama_belakang",
    "no_rumah",
    "alamat_2",
)
REQUIRED_FIELDS: tuple[str, ...] = ("nama",)
# A field written in parts: when the file has the parts, the field is the parts joined with
# a space (after the field's own column, if the file has one too). "NAMA DEPAN" +
# "NAMA BELAKANG" is a name; "NO RUMAH" + "ALAMAT" + "ALAMAT 2" an address.
COMPOSITE_FIELDS: dict[str, tuple[str, ...]] = {
    "nama": ("nama_depan", "nama", "nama_belakang"),
    "alamat": ("alamat", "no_rumah", "alamat_2"),
}

# Bookkeeping columns every loaded record carries.
ROW_ID = "rid"  # 0..n-1 within one loaded dataset
FILE = "berkas"  # file name (plus "[sheet]" for XLSX)
ROW = "baris"  # row number as a spreadsheet program shows it

# Columns added by coklit.normalize.normalize_records (originals are kept unchanged).
NORMALISED: dict[str, str] = {
    "nik_norm": "16 chars: digits, '*' where masked; '' when missing or unusable",
    "nik_status": "ok | kosong | tersamar | panjang_salah | bukan_angka | notasi_ilmiah",
    "nkk_norm": "as nik_norm",
    "nkk_status": "as nik_status",
    "nama_norm": "matching form of the name: upper case, no titles/nobility/bin-binti tail, canonical spellings",
    "nama_key": "phonetic key of nama_norm for blocking",
    "nama_gelar": "titles and nobility prefixes found (for display), space separated",
    "tgl_lahir": "datetime64[ns], NaT when missing or impossible",
    "tgl_status": "ok | kosong | tidak_valid",
    "tgl_placeholder": "bool: 1 Jan, 1 Jul or 31 Dec (recorded when the real date was unknown)",
    "usia_norm": "Int64 age as written in the file",
    "jk_norm": "L | P | ''",
    "kawin_norm": "B | S | P | ''",
    "alamat_norm": "address with JL/LR/GG/KOMP/PERUM/KMP/NO canonicalised, RT/RW removed",
    "rt_norm": "Int64 (from RT column, else pulled out of the address)",
    "rw_norm": "Int64",
    "tempat_norm": "birth place, upper case, canonical",
    "kelurahan_norm": "canonical kelurahan name (digits, SUNGAI, joined words)",
    "kecamatan_norm": "canonical kecamatan name (Roman numerals)",
    "kabupaten_norm": "canonical kab/kota name",
    "kodepos_norm": "postcode digits",
    "tps_norm": "Int64",
    "kategori": "category code from status/keterangan, see CATEGORIES; '' when empty",
}

# Categories a status/keterangan value maps to. Codes tms_1..tms_8 are KPU's TMS codes;
# the others are named apart from KPU's numbering on purpose. Their names are the messages
# category.<code> (coklit/messages/words.py).
CATEGORIES: tuple[str, ...] = (
    "ms", "baru", "ubah", "tms_1", "tms_2", "tms_3", "tms_4", "tms_5", "tms_6", "tms_7", "tms_8",
    "bukan_penduduk", "wna", "hilang_ingatan", "hak_pilih_dicabut", "baru_17", "kawin_bawah_17",
    "purnawirawan_tni", "purnawirawan_polri", "pindah_masuk", "tidak_dikenali",
)
# Categories meaning "not eligible / not to be listed here".
TMS_CATEGORIES: frozenset[str] = frozenset(
    {"tms_1", "tms_2", "tms_3", "tms_4", "tms_5", "tms_6", "tms_7", "tms_8",
     "bukan_penduduk", "wna", "hilang_ingatan", "hak_pilih_dicabut"}
)
# Categories meaning "eligible and should be listed" (reasons for belum terdaftar).
ELIGIBLE_CATEGORIES: frozenset[str] = frozenset(
    {"ms", "baru", "ubah", "baru_17", "kawin_bawah_17", "purnawirawan_tni",
     "purnawirawan_polri", "pindah_masuk"}
)
