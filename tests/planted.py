"""Planted records for matching tests: small, synthetic, each with the reason it exists.

The planted rows are mixed into the bundled synthetic sample list so that the model's
frequencies and weights are estimated on realistic data, as they are for a real run.
"""

from __future__ import annotations

import pandas as pd

from coklit.config import ReadConfig
from coklit.fields import FIELDS
from coklit.normalize import normalize_records
from coklit.schema import load_dataset

BASE = {
    "kecamatan": "ILIR BARAT I", "kelurahan": "26 ILIR", "tps": "005",
    "tempat_lahir": "PALEMBANG", "status_kawin": "S", "alamat": "JL. MERDEKA LR. MASAJAYA",
    "rt": "012", "rw": "003", "ktp_el": "S",
}


def row(tag: str, **values: str) -> dict[str, str]:
    out = {f: "" for f in FIELDS} | BASE | values
    out["_tag"] = tag
    return out


# (tag_a, tag_b, why) pairs that ARE one person.
DUPLICATES: list[tuple[str, str, str]] = [
    ("copy_a", "copy_b", "exact copy in another TPS"),
    ("typo_a", "typo_b", "NIK one digit wrong and MUHAMMAD abbreviated"),
    ("swap_a", "swap_b", "adjacent NIK digits swapped"),
    ("spell_a", "spell_b", "old spelling and a title"),
    ("dm_a", "dm_b", "day and month swapped"),
    ("move_a", "move_b", "moved: other kecamatan, other KK, other address"),
    ("three_a", "three_b", "a person listed three times"),
    ("three_b", "three_c", "a person listed three times"),
]
# (tag_a, tag_b, why) pairs that are NOT one person.
NOT_DUPLICATES: list[tuple[str, str, str]] = [
    ("twin_a", "twin_b", "twins in one KK: same date, consecutive NIK serials"),
    ("father", "son", "father and son with the same name in one KK"),
    ("common_a", "common_b", "very common name, same placeholder date, unrelated"),
    ("shared_a", "shared_b", "one NIK typed for two different people"),
]

PLANTED = [
    row("copy_a", nik="1671014203850011", nkk="1671010101850007", nama="RATNA SARI DEWI",
        tanggal_lahir="02-03-1985", jenis_kelamin="P", tps="005"),
    row("copy_b", nik="1671014203850011", nkk="1671010101850007", nama="RATNA SARI DEWI",
        tanggal_lahir="02-03-1985", jenis_kelamin="P", tps="007"),
    row("typo_a", nik="1671011708920021", nkk="1671010202920003", nama="MUHAMMAD ZULKARNAIN",
        tanggal_lahir="17-08-1992", jenis_kelamin="L"),
    row("typo_b", nik="1671011708920031", nkk="1671010202920003", nama="M. ZULKARNAIN",
        tanggal_lahir="17-08-1992", jenis_kelamin="L", tps="006"),
    row("swap_a", nik="1671012511780014", nkk="1671010303780002", nama="HENDRA GUNAWAN SAPUTRA",
        tanggal_lahir="25-11-1978", jenis_kelamin="L"),
    row("swap_b", nik="1671012511870014", nkk="1671010303780002", nama="HENDRA GUNAWAN SAPUTRA",
        tanggal_lahir="25-11-1978", jenis_kelamin="L", kelurahan="27 ILIR"),
    row("spell_a", nik="1671010904610009", nkk="1671010404610001", nama="SOEDJARWO",
        tanggal_lahir="09-04-1961", jenis_kelamin="L"),
    row("spell_b", nik="1671010904610009", nkk="1671010404610001", nama="H. SUJARWO, S.PD.",
        tanggal_lahir="09-04-1961", jenis_kelamin="L"),
    row("dm_a", nik="", nkk="1671010505950004", nama="FITRIANI KURNIASIH",
        tanggal_lahir="05-09-1995", jenis_kelamin="P"),
    row("dm_b", nik="", nkk="1671010505950004", nama="FITRIANI KURNIASIH",
        tanggal_lahir="09-05-1995", jenis_kelamin="P", tps="008"),
    row("move_a", nik="1671082306880002", nkk="1671080606880001", nama="YOGI PRATAMA WIJAYA",
        tanggal_lahir="23-06-1988", jenis_kelamin="L"),
    row("move_b", nik="1671082306880002", nkk="1671120707200005", nama="YOGI PRATAMA WIJAYA",
        tanggal_lahir="23-06-1988", jenis_kelamin="L", kecamatan="KEMUNING",
        kelurahan="TALANG AMAN", alamat="KOMP. PERUMNAS BLOK C NO. 4", rt="002", rw="001"),
    row("three_a", nik="1671015212700033", nkk="1671010808700002", nama="NYAYU ROSMALA DEWI",
        tanggal_lahir="12-12-1970", jenis_kelamin="P"),
    row("three_b", nik="1671015212700033", nkk="1671010808700002", nama="NYA. ROSMALA DEWI",
        tanggal_lahir="12-12-1970", jenis_kelamin="P", tps="009"),
    row("three_c", nik="1671015212700033", nkk="1671010808700002", nama="ROSMALA DEWI",
        tanggal_lahir="12-12-1970", jenis_kelamin="P", kelurahan="27 ILIR"),
    # Hard negatives.
    row("twin_a", nik="1671011403050041", nkk="1671010909050001", nama="RIZKY AKBAR RAMADHAN",
        tanggal_lahir="14-03-2005", jenis_kelamin="L", status_kawin="B"),
    row("twin_b", nik="1671011403050042", nkk="1671010909050001", nama="RIZKA AULIA RAMADHANI",
        tanggal_lahir="14-03-2005", jenis_kelamin="P", status_kawin="B"),
    row("father", nik="1671012002650003", nkk="1671011010650002", nama="SUPARMAN HADI",
        tanggal_lahir="20-02-1965", jenis_kelamin="L"),
    row("son", nik="1671011105950001", nkk="1671011010650002", nama="SUPARMAN HADI",
        tanggal_lahir="11-05-1995", jenis_kelamin="L", status_kawin="B"),
    row("common_a", nik="1671010107900012", nkk="1671011111900001", nama="MUHAMMAD RIZKI",
        tanggal_lahir="01-07-1990", jenis_kelamin="L"),
    row("common_b", nik="1671030107900044", nkk="1671031212900009", nama="MUHAMMAD RIZKI",
        tanggal_lahir="01-07-1990", jenis_kelamin="L", kecamatan="SEBERANG ULU II",
        kelurahan="16 ULU", alamat="JL. KH. AZHARI LR. SERUMPUN", rt="020", rw="004"),
    row("shared_a", nik="1671016604800021", nkk="1671011313800003", nama="SRI WAHYUNI",
        tanggal_lahir="26-04-1980", jenis_kelamin="P"),
    row("shared_b", nik="1671016604800021", nkk="1671011414750008", nama="BAMBANG SUTRISNO",
        tanggal_lahir="03-01-1975", jenis_kelamin="L"),
]


def planted_list(samples_dir) -> tuple[pd.DataFrame, dict[str, int]]:  # type: ignore[no-untyped-def]
    """The bundled sample list plus the planted rows, normalised; and tag -> position."""
    base = load_dataset([str(samples_dir / "dpt.csv")], "dpt", ReadConfig()).records
    extra = pd.DataFrame(PLANTED)
    tags = extra.pop("_tag")
    extra["berkas"] = "tanam.csv"
    extra["baris"] = range(2, len(extra) + 2)
    records = pd.concat([base, extra], ignore_index=True)
    records["rid"] = range(len(records))
    normalised = normalize_records(records).reset_index(drop=True)
    positions = {tag: len(base) + k for k, tag in enumerate(tags)}
    return normalised, positions
