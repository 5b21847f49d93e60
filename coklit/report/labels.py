"""Display names of output tables and columns in Indonesian and English.

The CSV files keep the Indonesian column names from ``coklit.results.TABLE_COLUMNS`` (a stable
contract for other tools); these labels are only for human-facing outputs: XLSX sheets and
headers, the HTML report and the terminal summary. Every renderer takes its headings from here
so the wording is the same everywhere.
"""

from __future__ import annotations

from coklit.i18n import t
from coklit.results import TABLE_COLUMNS

# Order in which tables are shown (rekap first, then findings, then bookkeeping).
TABLE_ORDER: tuple[str, ...] = (
    "rekap_kecamatan",
    "rekap_kelurahan",
    "rekap_tps",
    "rekap_tinjauan",
    "ganda",
    "ganda_perlu_cek",
    "belum_terdaftar",
    "lapangan_perlu_cek",
    "tms",
    "tidak_valid",
    "cocok",
    "hasil_lapangan",
    "rekap_banding_kecamatan",
    "rekap_banding_kelurahan",
    "rekap_banding_tps",
    "banding_tambah",
    "banding_hapus",
    "banding_ubah",
    "banding_cocok",
    "rekap_temuan_lama",
    "temuan_lama",
    "tinjauan",
    "ditolak",
)

# Tables that are summaries rather than lists of findings.
REKAP_TABLES: tuple[str, ...] = ("rekap_kecamatan", "rekap_kelurahan")

TABLE_TITLES: dict[str, dict[str, str]] = {
    "rekap_kecamatan": {"id": "Rekap per kecamatan", "en": "Summary by kecamatan"},
    "rekap_kelurahan": {"id": "Rekap per kelurahan", "en": "Summary by kelurahan"},
    "ganda": {"id": "Pemilih ganda", "en": "Duplicate voters"},
    "ganda_perlu_cek": {"id": "Dugaan ganda, perlu dicek", "en": "Possible duplicates to check"},
    "belum_terdaftar": {"id": "Memenuhi syarat, belum terdaftar", "en": "Eligible but not listed"},
    "lapangan_perlu_cek": {"id": "Catatan lapangan, perlu dicek",
                           "en": "Field records to check"},
    "tms": {"id": "Tidak memenuhi syarat (TMS)", "en": "Not eligible (TMS)"},
    "tidak_valid": {"id": "Data tidak valid", "en": "Invalid data"},
    "cocok": {"id": "Cocok dengan DPT", "en": "Matched to the list"},
    "hasil_lapangan": {"id": "Hasil per catatan lapangan", "en": "Outcome per field record"},
    "ditolak": {"id": "Baris ditolak", "en": "Rejected rows"},
    "rekap_banding_kecamatan": {"id": "Perubahan daftar per kecamatan",
                                "en": "List changes by kecamatan"},
    "rekap_banding_kelurahan": {"id": "Perubahan daftar per kelurahan",
                                "en": "List changes by kelurahan"},
    "rekap_banding_tps": {"id": "Perubahan daftar per TPS", "en": "List changes by TPS"},
    "banding_tambah": {"id": "Pemilih ditambahkan di versi baru",
                       "en": "Voters added in the new version"},
    "banding_hapus": {"id": "Pemilih dihapus dari versi lama",
                      "en": "Voters removed from the old version"},
    "banding_ubah": {"id": "Data pemilih yang berubah", "en": "Voter data changed"},
    "banding_cocok": {"id": "Pemilih di kedua versi", "en": "Voters in both versions"},
    "temuan_lama": {"id": "Temuan proses lalu: selesai atau tetap",
                    "en": "Previous findings: resolved or remaining"},
    "rekap_temuan_lama": {"id": "Rekap temuan proses lalu per kecamatan",
                          "en": "Previous findings by kecamatan"},
    "tinjauan": {"id": "Tanda pemeriksaan (tinjauan)", "en": "Review marks"},
    "rekap_tinjauan": {"id": "Status pemeriksaan per kecamatan",
                       "en": "Review status by kecamatan"},
    "rekap_tps": {"id": "Rekap per TPS", "en": "Summary by TPS"},
}

# Short names for places with a length limit (XLSX sheet names: at most 31 characters, none of
# ``[]:*?/\``).
SHEET_NAMES: dict[str, dict[str, str]] = {
    "rekap_kecamatan": {"id": "Rekap kecamatan", "en": "Summary kecamatan"},
    "rekap_kelurahan": {"id": "Rekap kelurahan", "en": "Summary kelurahan"},
    "ganda": {"id": "Ganda", "en": "Duplicates"},
    "ganda_perlu_cek": {"id": "Ganda perlu cek", "en": "Duplicates to check"},
    "belum_terdaftar": {"id": "Belum terdaftar", "en": "Not listed"},
    "lapangan_perlu_cek": {"id": "Lapangan perlu cek", "en": "Field records to check"},
    "tms": {"id": "TMS", "en": "Not eligible (TMS)"},
    "tidak_valid": {"id": "Tidak valid", "en": "Invalid data"},
    "cocok": {"id": "Cocok", "en": "Matched"},
    "hasil_lapangan": {"id": "Hasil lapangan", "en": "Field outcomes"},
    "ditolak": {"id": "Ditolak", "en": "Rejected rows"},
    "rekap_banding_kecamatan": {"id": "Perubahan kecamatan", "en": "Changes kecamatan"},
    "rekap_banding_kelurahan": {"id": "Perubahan kelurahan", "en": "Changes kelurahan"},
    "rekap_banding_tps": {"id": "Perubahan TPS", "en": "Changes TPS"},
    "banding_tambah": {"id": "Ditambahkan", "en": "Added"},
    "banding_hapus": {"id": "Dihapus", "en": "Removed"},
    "banding_ubah": {"id": "Berubah", "en": "Changed"},
    "banding_cocok": {"id": "Di kedua versi", "en": "In both versions"},
    "temuan_lama": {"id": "Temuan lama", "en": "Previous findings"},
    "rekap_temuan_lama": {"id": "Rekap temuan lama", "en": "Previous findings summary"},
    "tinjauan": {"id": "Tinjauan", "en": "Review marks"},
    "rekap_tinjauan": {"id": "Rekap tinjauan", "en": "Review summary"},
    "rekap_tps": {"id": "Rekap TPS", "en": "Summary TPS"},
}

# One sentence per table saying what a row means.
TABLE_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "rekap_kecamatan": {
        "id": "Jumlah pemilih dan temuan per kecamatan, dengan baris TOTAL.",
        "en": "Voters and findings per kecamatan, with a TOTAL row.",
    },
    "rekap_kelurahan": {
        "id": "Jumlah pemilih dan temuan per kelurahan/desa.",
        "en": "Voters and findings per kelurahan/desa.",
    },
    "ganda": {
        "id": "Baris daftar pemilih yang diduga orang yang sama; satu grup = satu orang.",
        "en": "List rows that appear to be the same person; one group = one person.",
    },
    "ganda_perlu_cek": {
        "id": "Pasangan yang nama dan tanggal lahirnya (atau skornya) mengarah ke orang yang "
        "sama, tetapi bukti lain (NIK, KK, alamat) membantahnya. Bukan temuan ganda sebelum dicek "
        "di lapangan; satu pasangan = dua baris.",
        "en": "Pairs whose name and birth date (or score) point to one person while other "
        "evidence (NIK, family card, address) contradicts it. Not duplicates until checked in "
        "the field; one pair = two rows.",
    },
    "lapangan_perlu_cek": {
        "id": "Catatan lapangan yang kandidat terdekatnya di daftar pemilih masuk akal tetapi "
        "belum pasti: tidak dihitung cocok maupun belum terdaftar sebelum dicek.",
        "en": "Field records whose nearest list candidate is plausible but not certain: counted "
        "neither as matched nor as not listed until checked.",
    },
    "belum_terdaftar": {
        "id": "Catatan lapangan yang memenuhi syarat tetapi tidak ditemukan di daftar pemilih.",
        "en": "Eligible field records not found in the voter list.",
    },
    "tms": {
        "id": "Pemilih yang tidak memenuhi syarat tetapi masih tercantum, beserta buktinya.",
        "en": "Voters who are not eligible but still listed, with the evidence.",
    },
    "tidak_valid": {
        "id": "Nilai yang salah atau mencurigakan (NIK, NKK, tanggal lahir, usia, ...), satu "
        "baris per masalah. Satu baris data bisa punya beberapa masalah, jadi daftar ini bisa "
        "lebih panjang daripada kolom 'Baris tidak valid' di rekap, yang menghitung baris data.",
        "en": "Wrong or suspicious values (NIK, NKK, birth date, age, ...), one row per problem. "
        "A data row can have several problems, so this list can be longer than the rekap's "
        "'Invalid rows' column, which counts data rows.",
    },
    "cocok": {
        "id": "Catatan lapangan yang ditemukan di daftar pemilih.",
        "en": "Field records found in the voter list.",
    },
    "hasil_lapangan": {
        "id": "Setiap catatan lapangan dengan hasilnya: cocok, belum terdaftar, atau TMS tidak terdaftar.",
        "en": "Every field record with its outcome: matched, not listed, or not eligible and not listed.",
    },
    "ditolak": {
        "id": "Baris berkas yang tidak dapat dipakai, dengan alasannya.",
        "en": "File rows that could not be used, with the reason.",
    },
    "rekap_banding_kecamatan": {
        "id": "Jumlah pemilih di versi lama dan baru per kecamatan: tetap, berubah, ditambah, "
        "dihapus, pindah masuk/keluar. Pemilih baru = lama - hapus + tambah - pindah keluar "
        "+ pindah masuk.",
        "en": "Voters in the old and new version per kecamatan: unchanged, changed, added, "
        "removed, moved in/out. New = old - removed + added - moved out + moved in.",
    },
    "rekap_banding_kelurahan": {
        "id": "Seperti rekap per kecamatan, per kelurahan/desa.",
        "en": "As the summary by kecamatan, per kelurahan/village.",
    },
    "rekap_banding_tps": {
        "id": "Seperti rekap per kecamatan, per TPS.",
        "en": "As the summary by kecamatan, per TPS.",
    },
    "banding_tambah": {
        "id": "Baris versi baru yang orangnya tidak ada di versi lama; kandidat = baris lama "
        "terdekat bila cukup mirip untuk dicek.",
        "en": "New-version rows whose person is not in the old version; candidate = the "
        "nearest old row when close enough to check.",
    },
    "banding_hapus": {
        "id": "Baris versi lama yang orangnya tidak ada lagi di versi baru; kandidat = baris "
        "baru terdekat bila cukup mirip untuk dicek.",
        "en": "Old-version rows whose person is no longer in the new version; candidate = "
        "the nearest new row when close enough to check.",
    },
    "banding_ubah": {
        "id": "Satu baris per kolom yang nilainya berubah untuk orang yang sama (nilai lama "
        "dan baru seperti tertulis).",
        "en": "One row per field whose value changed for the same person (old and new value "
        "as written).",
    },
    "temuan_lama": {
        "id": "Setiap temuan coklit check atas versi lama (grup ganda, baris TMS, orang belum "
        "terdaftar): selesai bila versi baru memperbaikinya (baris TMS dihapus atau TPS "
        "dipindah untuk kode 8, grup ganda tinggal satu baris, orang belum terdaftar kini "
        "terdaftar), tetap bila belum.",
        "en": "Every finding of coklit check on the old version (duplicate group, TMS row, "
        "unlisted person): resolved when the new version fixed it (TMS row removed or moved "
        "to another TPS for code 8, one row left of a duplicate group, the unlisted person "
        "now listed), remaining otherwise.",
    },
    "rekap_temuan_lama": {
        "id": "Jumlah temuan proses lalu yang selesai dan yang tetap, per kecamatan.",
        "en": "Previous findings resolved and remaining, per kecamatan.",
    },
    "banding_cocok": {
        "id": "Setiap orang yang ada di kedua versi, dicocokkan dengan model yang sama seperti "
        "pencocokan lapangan, dengan skor, alasan dan kolom yang berubah.",
        "en": "Every person in both versions, matched with the same model as field records, "
        "with score, reason and the fields that changed.",
    },
    "tinjauan": {
        "id": "Tanda pemeriksaan yang dibaca dari --tinjauan (yang terbaru per temuan), dengan "
        "keadaan temuannya pada proses ini: masih dilaporkan, tidak dilaporkan lagi karena "
        "ditandai keliru, atau tidak ditemukan lagi.",
        "en": "Review marks read with --tinjauan (the latest per finding), with what became of "
        "the finding in this run: still reported, not reported again because marked wrong, or "
        "no longer found.",
    },
    "rekap_tinjauan": {
        "id": "Jumlah temuan per kecamatan menurut status pemeriksaan (pasangan yang ditandai "
        "keliru dihitung walaupun tidak dilaporkan lagi).",
        "en": "Findings per kecamatan by review status (pairs marked wrong are counted although "
        "no longer reported).",
    },
    "rekap_tps": {
        "id": "Jumlah pemilih dan temuan per TPS (kecamatan, kelurahan, TPS).",
        "en": "Voters and findings per TPS (kecamatan, kelurahan, TPS).",
    },
}

_BASE_COLUMNS: dict[str, dict[str, str]] = {
    "berkas": {"id": "Berkas", "en": "File"},
    "baris": {"id": "Baris", "en": "Row"},
    "masalah": {"id": "Masalah", "en": "Problem"},
    "keterangan": {"id": "Keterangan", "en": "Explanation"},
    "kecamatan": {"id": "Kecamatan", "en": "Kecamatan"},
    "kelurahan": {"id": "Kelurahan/Desa", "en": "Kelurahan/village"},
    "kabupaten": {"id": "Kabupaten/Kota", "en": "Regency/City"},
    "tps": {"id": "TPS", "en": "TPS"},
    "nama": {"id": "Nama", "en": "Name"},
    "kolom": {"id": "Kolom", "en": "Column"},
    "nilai": {"id": "Nilai", "en": "Value"},
    "grup": {"id": "Grup", "en": "Group"},
    "nik": {"id": "NIK", "en": "NIK"},
    "nkk": {"id": "NKK", "en": "NKK"},
    "tempat_lahir": {"id": "Tempat lahir", "en": "Place of birth"},
    "tanggal_lahir": {"id": "Tanggal lahir", "en": "Date of birth"},
    "usia": {"id": "Usia", "en": "Age"},
    "status_kawin": {"id": "Status perkawinan", "en": "Marital status"},
    "jenis_kelamin": {"id": "Jenis kelamin", "en": "Sex"},
    "alamat": {"id": "Alamat", "en": "Address"},
    "rt": {"id": "RT", "en": "RT"},
    "rw": {"id": "RW", "en": "RW"},
    "disabilitas": {"id": "Disabilitas", "en": "Disability"},
    "ktp_el": {"id": "KTP-el", "en": "e-ID card"},
    "status": {"id": "Status", "en": "Status"},
    "jenis": {"id": "Jenis", "en": "Kind"},
    "lokasi": {"id": "Lokasi", "en": "Location"},
    "skor": {"id": "Skor", "en": "Score"},
    "alasan": {"id": "Alasan", "en": "Reason"},
    "kategori": {"id": "Kategori", "en": "Category"},
    "kode_kpu": {"id": "Kode KPU", "en": "KPU code"},
    "kategori_nama": {"id": "Nama kategori", "en": "Category name"},
    "sumber": {"id": "Sumber", "en": "Source"},
    "bukti": {"id": "Bukti", "en": "Evidence"},
    "alasan_memenuhi_syarat": {"id": "Alasan memenuhi syarat", "en": "Why eligible"},
    "pemilih_dpt": {"id": "Pemilih DPT", "en": "Listed voters"},
    "lapangan": {"id": "Catatan lapangan", "en": "Field records"},
    "cocok": {"id": "Cocok", "en": "Matched"},
    "belum_terdaftar": {"id": "Belum terdaftar", "en": "Not listed"},
    "grup_ganda": {"id": "Grup ganda", "en": "Duplicate groups"},
    "baris_ganda": {"id": "Baris ganda", "en": "Duplicate rows"},
    "tms": {"id": "TMS", "en": "Not eligible (TMS)"},
    "tms_lain": {"id": "TMS lain", "en": "Other not eligible"},
    "tidak_valid": {"id": "Baris tidak valid", "en": "Invalid rows"},
    "hasil": {"id": "Hasil", "en": "Outcome"},
    "pasangan": {"id": "Pasangan", "en": "Pair"},
    "skor_nama_tgl": {"id": "Skor nama & tgl lahir saja", "en": "Score of name & birth date alone"},
    "lapangan_perlu_cek": {"id": "Lapangan perlu cek", "en": "Field records to check"},
    "baris_ganda_perlu_cek": {"id": "Baris ganda perlu cek", "en": "Duplicate rows to check"},
    "perkiraan_ganda_keliru": {"id": "Perkiraan ganda keliru", "en": "Expected false duplicates"},
    "perkiraan_ganda_terlewat": {"id": "Perkiraan ganda terlewat",
                                 "en": "Expected missed duplicates"},
    "perkiraan_cocok_keliru": {"id": "Perkiraan cocok keliru", "en": "Expected false links"},
    "perkiraan_cocok_terlewat": {"id": "Perkiraan cocok terlewat", "en": "Expected missed links"},
    "pemilih_lama": {"id": "Pemilih versi lama", "en": "Voters (old)"},
    "pemilih_baru": {"id": "Pemilih versi baru", "en": "Voters (new)"},
    "tetap": {"id": "Tetap", "en": "Unchanged"},
    "ubah": {"id": "Berubah", "en": "Changed"},
    "tambah": {"id": "Ditambah", "en": "Added"},
    "hapus": {"id": "Dihapus", "en": "Removed"},
    "pindah_masuk": {"id": "Pindah masuk", "en": "Moved in"},
    "pindah_keluar": {"id": "Pindah keluar", "en": "Moved out"},
    "kolom_berubah": {"id": "Kolom berubah", "en": "Fields changed"},
    "temuan": {"id": "Temuan", "en": "Finding"},
    "ganda_selesai": {"id": "Ganda selesai", "en": "Duplicates resolved"},
    "ganda_tetap": {"id": "Ganda tetap", "en": "Duplicates remaining"},
    "tms_selesai": {"id": "TMS selesai", "en": "TMS resolved"},
    "tms_tetap": {"id": "TMS tetap", "en": "TMS remaining"},
    "belum_terdaftar_selesai": {"id": "Belum terdaftar selesai", "en": "Unlisted now listed"},
    "belum_terdaftar_tetap": {"id": "Belum terdaftar tetap", "en": "Unlisted still missing"},
    "belum_terdaftar_tidak_dapat_dicek": {"id": "Belum terdaftar tidak dapat dicek",
                                          "en": "Unlisted not checkable"},
    "saran_kelurahan": {"id": "Saran kelurahan", "en": "Suggested kelurahan"},
    "saran_tps": {"id": "Saran TPS", "en": "Suggested TPS"},
    "saran_dasar": {"id": "Dasar saran", "en": "Basis of suggestion"},
    "saran_berkas": {"id": "Berkas anggota keluarga", "en": "Household member's file"},
    "saran_baris": {"id": "Baris anggota keluarga", "en": "Household member's row"},
    "id_temuan": {"id": "ID temuan", "en": "Finding id"},
    "status_cek": {"id": "Status cek", "en": "Check status"},
    "catatan": {"id": "Catatan", "en": "Notes"},
    "pemeriksa": {"id": "Pemeriksa", "en": "Checked by"},
    "waktu_cek": {"id": "Waktu cek", "en": "Checked at"},
    "tabel": {"id": "Tabel", "en": "Table"},
    "keadaan": {"id": "Keadaan temuan", "en": "Finding now"},
    "berkas_tinjauan": {"id": "Berkas tinjauan", "en": "Review file"},
    "belum_dicek": {"id": "Belum dicek", "en": "Not checked"},
    "benar": {"id": "Benar", "en": "Correct"},
    "keliru": {"id": "Keliru", "en": "Wrong"},
    "sudah_diperbaiki": {"id": "Sudah diperbaiki", "en": "Fixed"},
}

# Suffixes / prefixes that qualify a base column.
_SIDES: dict[str, dict[str, str]] = {
    "_lapangan": {"id": "{} (lapangan)", "en": "{} (field)"},
    "_dpt": {"id": "{} (DPT)", "en": "{} (list)"},
    "_lama": {"id": "{} (lama)", "en": "{} (old)"},
    "_baru": {"id": "{} (baru)", "en": "{} (new)"},
}
_CANDIDATE = {"id": "Kandidat: {}", "en": "Candidate: {}"}


def _build_column_labels() -> dict[str, dict[str, str]]:
    labels = dict(_BASE_COLUMNS)
    for code in (f"tms_{i}" for i in range(1, 9)):
        # "TMS 1 Meninggal" from "Meninggal (kode 1)": short enough for a column header.
        labels[code] = {
            lang: f"TMS {code[4:]} {t(f'category.{code}', lang).split(' (')[0]}"
            for lang in ("id", "en")
        }
    for columns in TABLE_COLUMNS.values():
        for column in columns:
            if column in labels:
                continue
            labels[column] = _derived_label(column, labels)
    return labels


def _derived_label(column: str, known: dict[str, dict[str, str]]) -> dict[str, str]:
    for suffix, forms in _SIDES.items():
        base = column[: -len(suffix)]
        if column.endswith(suffix) and base in known:
            return {lang: forms[lang].format(known[base][lang]) for lang in ("id", "en")}
    if column.startswith("kandidat_") and column[9:] in known:
        base = column[9:]
        return {
            lang: _CANDIDATE[lang].format(_lower_first(known[base][lang])) for lang in ("id", "en")
        }
    readable = column.replace("_", " ").capitalize()
    return {"id": readable, "en": readable}


def _lower_first(text: str) -> str:
    """``Nama`` -> ``nama`` but ``NIK`` stays ``NIK``."""
    if len(text) > 1 and text[1].islower():
        return text[0].lower() + text[1:]
    return text


COLUMN_LABELS: dict[str, dict[str, str]] = _build_column_labels()


def column_label(column: str, lang: str = "id") -> str:
    """Header for ``column`` in ``lang``; unknown columns are made readable, never dropped."""
    texts = COLUMN_LABELS.get(column)
    if texts is None:
        texts = _derived_label(column, COLUMN_LABELS)
    return texts.get(lang) or texts["id"]


def table_title(name: str, lang: str = "id") -> str:
    """Title of table ``name`` in ``lang`` (unknown names made readable)."""
    texts = TABLE_TITLES.get(name)
    if texts is None:
        return name.replace("_", " ").capitalize()
    return texts.get(lang) or texts["id"]


def sheet_name(name: str, lang: str = "id") -> str:
    """Short XLSX sheet name for table ``name`` (at most 31 characters)."""
    texts = SHEET_NAMES.get(name)
    text = (texts.get(lang) or texts["id"]) if texts else name.replace("_", " ").capitalize()
    for bad in "[]:*?/\\":
        text = text.replace(bad, " ")
    return text[:31]


def table_description(name: str, lang: str = "id") -> str:
    texts = TABLE_DESCRIPTIONS.get(name)
    if texts is None:
        return ""
    return texts.get(lang) or texts["id"]


def ordered_tables(names: list[str] | tuple[str, ...]) -> list[str]:
    """``names`` in display order (known tables first in TABLE_ORDER, then the rest)."""
    known = [name for name in TABLE_ORDER if name in names]
    return known + [name for name in names if name not in TABLE_ORDER]


def column_mapping(inputs: list[dict]) -> list[dict]:
    """Per input file: which header became which field, which headers were ignored and what
    they probably mean. Sheets of one workbook with the same mapping are shown once.

    Each item: ``berkas`` (with ``(+N)`` for further sheets), ``used`` (list of
    ``(header, field)``), ``ignored`` (headers), ``suggestions`` (header -> field).
    """
    groups: dict[tuple, dict] = {}
    for item in inputs:
        columns = item.get("columns") or {}
        used = tuple((str(h), str(f)) for f, h in columns.items())
        ignored = tuple(str(h) for h in item.get("ignored") or [])
        suggestions = tuple(sorted((str(h), str(f))
                                   for h, f in (item.get("suggestions") or {}).items()))
        key = (str(item.get("path", "")), str(item.get("role", "")), used, ignored, suggestions)
        if key in groups:
            groups[key]["more"] += 1
            continue
        groups[key] = {"berkas": str(item.get("berkas", "")), "role": str(item.get("role", "")),
                       "used": list(used), "ignored": list(ignored),
                       "suggestions": dict(suggestions), "more": 0}
    out = []
    for group in groups.values():
        more = group.pop("more")
        if more:
            group["berkas"] += f" (+{more})"
        out.append(group)
    return out
