"""Rates and mixes of the synthetic data: one frozen :class:`Profile` per preset.

``standar`` (the default) is the data the matcher is developed and tuned on. ``uji`` is a
held-out configuration for evaluation only: other noise rates, another duplicate mix, twice
as many hard negatives and kinds of cases ``standar`` never produces (Excel-damaged NIK,
reordered names, mother and daughter with one name, siblings with near-identical names, field
rows with only a name, KK and kelurahan). Never tune the matcher on ``uji``.

Rates of duplicates, hard negatives, under-age rows and people missing from the list are per
listed voter; TMS and field-noise rates are per field record (a share of the checked voters);
``*_kinds`` are mixes (shares that add up to 1).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

# Duplicate kinds (jenis in kunci/ganda.csv). The last two occur only in "uji".
DUP_KINDS = ("identik", "salah_ketik_nik", "varian_nama", "tukar_tanggal", "pindah_kecamatan",
             "salah_ketik_nama", "pindah_nik_baru", "nik_excel", "urutan_nama")
# Hard negatives (jenis in kunci/negatif_sulit.csv). The last two occur only in "uji".
NEG_KINDS = ("kembar", "ayah_anak", "nama_umum", "nik_sama", "nama_tgl_sama", "ibu_anak",
             "saudara_mirip")
# Field-record kinds applied to whole rows (labels in kunci/tautan.csv). kk_saja: "uji" only.
FIELD_KINDS = ("tulisan_tangan", "nama_rusak", "kk_saja")
# Field date formats, in the order of Profile.date_formats.
DATE_FORMATS = ("DD-MM-YYYY", "D/M/YYYY", "DD/MM/YYYY", "YYYY-MM-DD", "D Bulan YYYY",
                "D BLN YYYY", "serial Excel")
NEW_KINDS = ("baru_17", "pindah_masuk", "purnawirawan_tni", "purnawirawan_polri",
             "kawin_bawah_17")
INELIGIBLE_KINDS = ("tms_3", "tms_6", "tms_7")
FIELD_TMS = ("tms_1", "tms_4", "tms_6", "tms_7", "tms_5", "tms_8", "bukan_penduduk", "ubah")

Mix = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Profile:
    """Every rate and mix ``coklit.synth.generate`` uses. Mixes are ``((jenis, share), ...)``
    tuples so that a profile is immutable and hashable."""

    name: str
    # -- duplicates inside the list ---------------------------------------------------------
    dup_group_rate: float          # duplicate groups per listed voter
    dup_triple_share: float        # share of groups with a second copy (3 rows)
    dup_kinds: Mix                 # kind of the (first) copy
    dup_second_kinds: tuple[str, ...]  # kinds a triple's second copy is drawn from (uniform)
    pindah_nik_baru_sumsel: float  # new NIK region outside Palembang (else another kecamatan)
    pindah_nik_baru_variant: float  # copy's name also written in another spelling
    nik_excel_scientific: float    # nik_excel: 1.67101E+15 (else last digit 0)
    urutan_nama_variant: float     # urutan_nama: reordered name also spelt differently
    urutan_nama_tionghoa: float    # urutan_nama: weight of Chinese-Indonesian names (vs 1)
    # -- hard negatives (pairs that are NOT duplicates) -------------------------------------
    neg_rates: Mix                 # pairs per listed voter
    nama_tgl_sama_same_region: float  # NIK differs only in the serial (else region too)
    # -- the list itself ----------------------------------------------------------------------
    under_age_rate: float          # under 17 and never married, per listed voter
    placeholder_dates: tuple[float, float, float]  # share born "1 July", "31 Dec", "1 Jan"
    nik_region_mix: tuple[float, float, float, float]  # own kecamatan, other Palembang
                                   # kecamatan, other Sumatera Selatan, other province
    rt_in_address: float           # households whose ALAMAT also carries RT/RW
    # -- field checks: statuses and people missing from the list ---------------------------
    field_tms_rates: Mix           # per field record
    tps_beda: float                # kode 8 rows where the officer writes the real TPS
    new_rate: float                # eligible people missing from the list, per listed voter
    new_kinds: Mix
    new_attached: float            # missing people found in a checked household (else posko)
    ineligible_rate: float         # ineligible people not on the list, per listed voter
    ineligible_kinds: Mix
    # -- field noise (shares of field records) -----------------------------------------------
    no_nik: float
    masked_nik: float
    nik_typo: float
    masked_middle: float           # masked NIK: middle digits hidden (else the last 4)
    no_nkk: float
    name_typo: float
    name_variant: float
    name_case: float               # name in title case
    no_date: float
    date_formats: tuple[float, ...]  # shares of DATE_FORMATS
    street_word_long: float        # JL./LR./GG./KOMP./PERUM. written out in full, per word
    rt_in_field_address: float
    field_kinds: Mix               # whole-row kinds (FIELD_KINDS), per linked field record

    def rates(self, field: str) -> dict[str, float]:
        """A mix or rate table as a dict (kinds with share 0 included)."""
        return dict(getattr(self, field))

    def kinds(self, field: str) -> tuple[str, ...]:
        return tuple(k for k, _ in getattr(self, field))

    def shares(self, field: str) -> tuple[float, ...]:
        return tuple(v for _, v in getattr(self, field))


STANDAR = Profile(
    name="standar",
    dup_group_rate=0.0018,
    dup_triple_share=0.12,
    dup_kinds=(("identik", 0.22), ("salah_ketik_nik", 0.14), ("varian_nama", 0.18),
               ("tukar_tanggal", 0.09), ("pindah_kecamatan", 0.14), ("salah_ketik_nama", 0.13),
               ("pindah_nik_baru", 0.10)),
    dup_second_kinds=("identik", "salah_ketik_nik", "varian_nama", "pindah_kecamatan",
                      "salah_ketik_nama"),
    pindah_nik_baru_sumsel=0.15,
    pindah_nik_baru_variant=0.5,
    nik_excel_scientific=0.5,
    urutan_nama_variant=0.3,
    urutan_nama_tionghoa=8.0,
    neg_rates=(("kembar", 0.0004), ("ayah_anak", 0.0003), ("nama_umum", 0.0004),
               ("nik_sama", 0.0002), ("nama_tgl_sama", 0.0003)),
    nama_tgl_sama_same_region=0.7,
    under_age_rate=0.00014,
    placeholder_dates=(0.05, 0.03, 0.012),
    nik_region_mix=(0.90, 0.02, 0.05, 0.03),
    rt_in_address=0.15,
    field_tms_rates=(("tms_1", 0.010), ("tms_4", 0.008), ("tms_6", 0.0006), ("tms_7", 0.0005),
                     ("tms_5", 0.001), ("tms_8", 0.005), ("bukan_penduduk", 0.002),
                     ("ubah", 0.02)),
    tps_beda=0.8,
    new_rate=0.0035,
    new_kinds=(("baru_17", 0.40), ("pindah_masuk", 0.35), ("purnawirawan_tni", 0.08),
               ("purnawirawan_polri", 0.07), ("kawin_bawah_17", 0.10)),
    new_attached=0.6,
    ineligible_rate=0.0005,
    ineligible_kinds=(("tms_3", 0.6), ("tms_6", 0.25), ("tms_7", 0.15)),
    no_nik=0.15,
    masked_nik=0.10,
    nik_typo=0.05,
    masked_middle=0.6,
    no_nkk=0.30,
    name_typo=0.08,
    name_variant=0.08,
    name_case=0.10,
    no_date=0.10,
    date_formats=(0.45, 0.20, 0.15, 0.10, 0.10, 0.0, 0.0),
    street_word_long=0.3,
    rt_in_field_address=0.2,
    field_kinds=(("tulisan_tangan", 0.004), ("nama_rusak", 0.003), ("kk_saja", 0.0)),
)

# Held out: for evaluation only; the matcher must never be tuned on it.
UJI = replace(
    STANDAR,
    name="uji",
    dup_group_rate=0.0022,
    dup_triple_share=0.15,
    dup_kinds=(("identik", 0.15), ("salah_ketik_nik", 0.12), ("varian_nama", 0.15),
               ("tukar_tanggal", 0.07), ("pindah_kecamatan", 0.16), ("salah_ketik_nama", 0.10),
               ("pindah_nik_baru", 0.10), ("nik_excel", 0.08), ("urutan_nama", 0.07)),
    dup_second_kinds=("identik", "salah_ketik_nik", "varian_nama", "pindah_kecamatan",
                      "salah_ketik_nama", "nik_excel"),
    pindah_nik_baru_sumsel=0.25,
    neg_rates=(("kembar", 0.0008), ("ayah_anak", 0.0006), ("nama_umum", 0.0008),
               ("nik_sama", 0.0004), ("nama_tgl_sama", 0.0006), ("ibu_anak", 0.0005),
               ("saudara_mirip", 0.0005)),
    nama_tgl_sama_same_region=0.6,
    rt_in_address=0.25,
    field_tms_rates=(("tms_1", 0.012), ("tms_4", 0.016), ("tms_6", 0.0006), ("tms_7", 0.0005),
                     ("tms_5", 0.002), ("tms_8", 0.008), ("bukan_penduduk", 0.004),
                     ("ubah", 0.03)),
    tps_beda=0.6,
    new_rate=0.0045,
    new_kinds=(("baru_17", 0.30), ("pindah_masuk", 0.45), ("purnawirawan_tni", 0.07),
               ("purnawirawan_polri", 0.06), ("kawin_bawah_17", 0.12)),
    new_attached=0.5,
    ineligible_rate=0.0008,
    no_nik=0.25,
    masked_nik=0.20,
    nik_typo=0.06,
    masked_middle=0.4,
    no_nkk=0.40,
    name_typo=0.12,
    name_variant=0.10,
    name_case=0.20,
    no_date=0.15,
    date_formats=(0.35, 0.15, 0.15, 0.10, 0.08, 0.10, 0.07),
    street_word_long=0.4,
    rt_in_field_address=0.3,
    field_kinds=(("tulisan_tangan", 0.008), ("nama_rusak", 0.006), ("kk_saja", 0.005)),
)

PROFILES: dict[str, Profile] = {p.name: p for p in (STANDAR, UJI)}
COLUMN_SETS = ("lengkap", "minimal")
