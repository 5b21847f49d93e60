"""Data passed between stages: loaded datasets and the results renderers receive.

Output tables are pandas DataFrames whose column names are the Indonesian names written to
CSV (the contract other tools rely on); renderers translate headers for ``--lang en``. The
columns of every output table are listed in ``TABLE_COLUMNS``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

# The sub-folder of a result folder with one folder per kecamatan (--per-kecamatan).
PER_KECAMATAN_DIR = "per_kecamatan"


@dataclass
class FileInfo:
    """One table read from one file (an XLSX file gives one FileInfo per sheet with a table)."""

    berkas: str  # display name: "dpt.csv", or "dpt.xlsx[TPS 001]" for a sheet
    path: str  # path as given / resolved
    sha256: str  # of the whole file's bytes
    sheet: str | None = None
    rows_read: int = 0  # records below the header (fully blank rows are not records)
    rows_used: int = 0
    rows_rejected: int = 0
    rows_blank: int = 0  # fully blank rows skipped (not records)
    encoding: str | None = None
    delimiter: str | None = None
    header_row: int = 1  # spreadsheet row number of the header
    columns: dict[str, str] = field(default_factory=dict)  # field -> header text used
    ignored: list[str] = field(default_factory=list)  # headers no field was taken from
    suggestions: dict[str, str] = field(default_factory=dict)  # ignored header -> likely field


@dataclass
class Dataset:
    """Records of one role ("dpt" or "lapangan") loaded from one or more files.

    ``records``: columns ``rid`` (0..n-1), ``berkas``, ``baris`` and every field in
    ``coklit.fields.FIELDS`` as text ("" when absent); ``coklit.normalize`` adds the
    ``NORMALISED`` columns. ``rejected``: rows that could not be used, with ``berkas``,
    ``baris``, ``masalah`` (stable code) and ``keterangan`` (readable reason). ``notes``: rows
    that were used but need a look (e.g. fewer cells than the header), as ``tidak_valid``
    rows (``rid``, ``kolom``, ``masalah``, ``keterangan``, ``nilai``). ``skipped``: sheets
    without a table that were not read (``berkas`` -> reason).
    """

    role: str
    records: pd.DataFrame
    rejected: pd.DataFrame
    files: list[FileInfo]
    notes: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        {c: pd.Series([], dtype="str") for c in ("kolom", "masalah", "keterangan", "nilai")}
        | {"rid": pd.Series([], dtype="int64")}))
    skipped: dict[str, str] = field(default_factory=dict)

    @property
    def rows_read(self) -> int:
        return sum(f.rows_read for f in self.files)


# Column order of every output table. Values are written as text.
IDENTITY = ["nik", "nkk", "nama", "tempat_lahir", "tanggal_lahir", "jenis_kelamin",
            "alamat", "rt", "rw"]
PLACE = ["kecamatan", "kelurahan", "tps"]
TMS_CODE_COLUMNS = [f"tms_{i}" for i in range(1, 9)]

# Expected errors without labels (from the match probabilities): false and missed duplicate
# pairs, false and missed links; per place, fractional.
EXPECTED_COLUMNS = ["perkiraan_ganda_keliru", "perkiraan_ganda_terlewat",
                    "perkiraan_cocok_keliru", "perkiraan_cocok_terlewat"]
REKAP_COUNTS = ["pemilih_dpt", "lapangan", "cocok", "belum_terdaftar", "lapangan_perlu_cek",
                "grup_ganda", "baris_ganda", "baris_ganda_perlu_cek", "tms", *TMS_CODE_COLUMNS,
                "tms_lain", "tidak_valid", *EXPECTED_COLUMNS]

# coklit banding: counts per place between two versions of a list (see coklit.banding). The
# new count follows from the others: pemilih_baru = pemilih_lama - hapus + tambah
# - pindah_keluar + pindah_masuk.
BANDING_COUNTS = ["pemilih_lama", "pemilih_baru", "tetap", "ubah", "tambah", "hapus",
                  "pindah_masuk", "pindah_keluar"]
_BANDING_ROW = ["berkas", "baris", *PLACE, *IDENTITY, "keterangan", "kandidat_berkas",
                "kandidat_baris", "kandidat_nama", "kandidat_nik", "kandidat_tanggal_lahir",
                "kandidat_skor", "kandidat_alasan"]

TABLE_COLUMNS: dict[str, list[str]] = {
    "ditolak": ["berkas", "baris", "masalah", "keterangan"],
    "tidak_valid": ["berkas", "baris", *PLACE, "nama", "kolom", "masalah", "keterangan", "nilai"],
    "ganda": ["grup", "berkas", "baris", *PLACE, *IDENTITY, "jenis", "lokasi", "skor", "alasan"],
    "ganda_perlu_cek": ["pasangan", "berkas", "baris", *PLACE, *IDENTITY, "lokasi", "skor",
                        "skor_nama_tgl", "alasan"],
    "cocok": ["berkas_lapangan", "baris_lapangan", "berkas_dpt", "baris_dpt",
              "nama_lapangan", "nama_dpt", "nik_lapangan", "nik_dpt",
              "tanggal_lahir_lapangan", "tanggal_lahir_dpt",
              "kecamatan_lapangan", "kelurahan_lapangan", "tps_lapangan",
              "kecamatan_dpt", "kelurahan_dpt", "tps_dpt",
              "kategori_lapangan", "skor", "alasan"],
    "belum_terdaftar": ["berkas", "baris", *PLACE, *IDENTITY, "alasan_memenuhi_syarat",
                        "kandidat_berkas", "kandidat_baris", "kandidat_nama", "kandidat_nik",
                        "kandidat_tanggal_lahir", "kandidat_skor", "kandidat_alasan",
                        # where to register: a household member's kelurahan/TPS and why
                        "saran_kelurahan", "saran_tps", "saran_dasar", "saran_berkas",
                        "saran_baris"],
    "tms": ["berkas", "baris", *PLACE, *IDENTITY, "kategori", "kode_kpu", "kategori_nama",
            "sumber", "bukti", "skor"],
    "lapangan_perlu_cek": ["berkas", "baris", *PLACE, *IDENTITY, "kategori",
                           "kandidat_berkas", "kandidat_baris", "kandidat_nama", "kandidat_nik",
                           "kandidat_tanggal_lahir", "kandidat_kecamatan", "kandidat_kelurahan",
                           "kandidat_tps", "kandidat_skor", "kandidat_alasan"],
    "hasil_lapangan": ["berkas", "baris", *PLACE, "nama", "kategori", "hasil",
                       "berkas_dpt", "baris_dpt", "skor"],
    "rekap_kecamatan": ["kecamatan", *REKAP_COUNTS],
    "rekap_kelurahan": ["kecamatan", "kelurahan", *REKAP_COUNTS],
    # coklit banding LAMA BARU
    "banding_tambah": _BANDING_ROW,
    "banding_hapus": _BANDING_ROW,
    "banding_ubah": ["berkas_lama", "baris_lama", "berkas_baru", "baris_baru", *PLACE, "nama",
                     "kolom", "nilai_lama", "nilai_baru", "skor"],
    "banding_cocok": ["berkas_lama", "baris_lama", "berkas_baru", "baris_baru", *PLACE,
                      "nama_lama", "nama_baru", "nik_lama", "nik_baru", "tanggal_lahir_lama",
                      "tanggal_lahir_baru", "hasil", "kolom_berubah", "skor", "alasan"],
    "rekap_banding_kecamatan": ["kecamatan", *BANDING_COUNTS],
    "rekap_banding_kelurahan": ["kecamatan", "kelurahan", *BANDING_COUNTS],
    "rekap_banding_tps": ["kecamatan", "kelurahan", "tps", *BANDING_COUNTS],
    # coklit banding --temuan-lama DIR: the previous run's findings, resolved or not
    "temuan_lama": ["temuan", "kategori", "berkas", "baris", *PLACE, "nama", "status",
                    "keterangan", "berkas_baru", "baris_baru"],
    "rekap_temuan_lama": ["kecamatan", "ganda_selesai", "ganda_tetap", "tms_selesai",
                          "tms_tetap", "belum_terdaftar_selesai", "belum_terdaftar_tetap",
                          "belum_terdaftar_tidak_dapat_dicek"],
    "rekap_tps": ["kecamatan", "kelurahan", "tps", *REKAP_COUNTS],
}
# Tables only ``coklit banding`` writes.
BANDING_TABLES = ("banding_tambah", "banding_hapus", "banding_ubah", "banding_cocok",
                  "rekap_banding_kecamatan", "rekap_banding_kelurahan", "rekap_banding_tps",
                  "temuan_lama", "rekap_temuan_lama")
# Columns whose cells are text for an officer. The core writes them as coded cells
# (coklit.coded: message keys and values, no language); coklit.report renders the words.
CODED_COLUMNS = frozenset({"keterangan", "alasan", "kandidat_alasan", "alasan_memenuhi_syarat",
                           "bukti", "saran_dasar", "kategori_nama"})
TOTAL_LABEL = "TOTAL"
# Rows whose file names no place are counted under these labels, never dropped.
UNKNOWN_PLACE = {"kecamatan": "(TANPA KECAMATAN)", "kelurahan": "(TANPA KELURAHAN)",
                 "tps": "(TANPA TPS)"}


def with_total(table: pd.DataFrame, sums: dict[str, Any]) -> pd.DataFrame:
    """A rekap ``table`` with its TOTAL row appended: ``TOTAL`` in the first of its place
    columns (kecamatan), "" in the others, and ``sums`` (column -> total) in the rest. Every
    rekap (per kecamatan, kelurahan, TPS; per kecamatan folder; banding, temuan lama,
    tinjauan) ends with this row."""
    places = [c for c in PLACE if c in table.columns]
    row = {c: "" for c in places} | {places[0]: TOTAL_LABEL} | sums
    return pd.concat([table, pd.DataFrame([row])], ignore_index=True)


def column_sums(table: pd.DataFrame, columns: list[str]) -> dict[str, int]:
    """The total of each count column, as whole numbers."""
    return {c: int(table[c].sum()) for c in columns}


@dataclass
class RunResult:
    """Everything one run computed; renderers take this and nothing else.

    ``tables`` maps a table name from ``TABLE_COLUMNS`` to its DataFrame (only the tables the
    command produces are present). ``meta`` says what the result was computed from:
    ``command``, ``version``, ``created`` (ISO time), ``parameters`` (dict), ``inputs`` (list of
    dicts from FileInfo: role, berkas, path, sha256, rows_read, rows_used, rows_rejected),
    ``measures`` (dict of counts such as rows per role).
    """

    command: str
    tables: dict[str, pd.DataFrame]
    meta: dict[str, Any]


# Finding tables officers review (coklit.tinjauan): a stable id first, the review marks last.
# BASE_COLUMNS are the columns the finding stages themselves produce.
FINDING_ID = "id_temuan"
REVIEW_COLUMNS = ["status_cek", "catatan", "pemeriksa", "waktu_cek"]
REVIEWED_TABLES = ("ganda", "ganda_perlu_cek", "belum_terdaftar", "lapangan_perlu_cek", "tms",
                   "tidak_valid")
BASE_COLUMNS: dict[str, list[str]] = {name: list(cols) for name, cols in TABLE_COLUMNS.items()}
for _name in REVIEWED_TABLES:
    TABLE_COLUMNS[_name] = [FINDING_ID, *TABLE_COLUMNS[_name], *REVIEW_COLUMNS]
# Marks read back with --tinjauan, and findings by review status per kecamatan.
TABLE_COLUMNS["tinjauan"] = [FINDING_ID, "tabel", *PLACE, "nama", "keadaan", *REVIEW_COLUMNS,
                             "berkas_tinjauan"]
TABLE_COLUMNS["rekap_tinjauan"] = ["kecamatan", "temuan", "belum_dicek", "benar", "keliru",
                                   "sudah_diperbaiki"]
