"""Texts of the reason texts of finding rows (coklit.findings)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "temuan.dengan": {"id": "dengan {berkas} baris {baris}", "en": "with {berkas} row {baris}"},
    "temuan.nik_sama": {
        "id": "NIK yang sama juga dipakai oleh '{nama}' ({berkas} baris {baris}) dengan identitas berbeda",
        "en": "The same NIK is also used by '{nama}' ({berkas} row {baris}) with a different identity",
    },
    "temuan.usia": {
        "id": "usia {usia} tahun pada hari pemungutan suara",
        "en": "aged {usia} on election day",
    },
    "temuan.kawin": {"id": "sudah/pernah kawin", "en": "married or previously married"},
    "temuan.usia_tidak_diketahui": {
        "id": "usia tidak diketahui, perlu dicek",
        "en": "age unknown, please check",
    },
    "temuan.bukti_lapangan": {
        "id": "lapangan: {berkas} baris {baris}, status '{status}'",
        "en": "field: {berkas} row {baris}, status '{status}'",
    },
    "temuan.bukti_tps": {
        "id": "lapangan: {berkas} baris {baris} ditemukan di TPS {tps_lapangan}, terdaftar di TPS {tps_dpt} kelurahan yang sama",
        "en": "field: {berkas} row {baris} found at TPS {tps_lapangan}, listed at TPS {tps_dpt} of the same kelurahan",
    },
    "temuan.bukti_umur": {
        "id": "usia {usia} tahun pada {tanggal}, status kawin '{kawin}'",
        "en": "aged {usia} on {tanggal}, marital status '{kawin}'",
    },
    "temuan.status_tidak_dikenali": {
        "id": "Status/keterangan '{nilai}' tidak dikenali; tidak ditebak. Gunakan kode KPU 1-8 atau kata seperti MS, B, U, MENINGGAL, PINDAH, TNI, POLRI.",
        "en": "Status/remark '{nilai}' is not recognised and was not guessed. Use KPU codes 1-8 or words such as MS, B, U, MENINGGAL, PINDAH, TNI, POLRI.",
    },
    "temuan.bukti_ket_dpt": {
        "id": "keterangan di daftar: '{status}'",
        "en": "remark on the list: '{status}'",
    },
}
