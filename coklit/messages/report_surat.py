"""Texts of the letters of coklit surat (coklit.report.surat)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "surat.title": {"id": "SARAN PERBAIKAN DAFTAR PEMILIH", "en": "VOTER LIST CORRECTION ADVICE"},
    "surat.number": {"id": "Nomor: ........../........../{year}",
                     "en": "Number: ........../........../{year}"},
    "surat.to_kecamatan": {"id": "Kepada Yth. Ketua PPK Kecamatan {area}",
                           "en": "To: Chair of the PPK of Kecamatan {area}"},
    "surat.to_kelurahan": {"id": "Kepada Yth. Ketua PPS Kelurahan/Desa {area} (Kecamatan {kecamatan})",
                           "en": "To: Chair of the PPS of Kelurahan/Desa {area} (Kecamatan {kecamatan})"},
    "surat.subject": {"id": "Perihal: Saran perbaikan hasil pencocokan dan penelitian (coklit) "
                      "daftar pemilih",
                      "en": "Subject: Advice to correct the voter list after coklit"},
    "surat.opening": {
        "id": "Berdasarkan hasil pengawasan pencocokan dan penelitian daftar pemilih di wilayah "
        "{area}, kami menyampaikan saran perbaikan atas {total} temuan berikut. Setiap temuan "
        "menyebutkan kode KPU (bila ada), buktinya, serta letaknya (kelurahan, TPS, berkas dan "
        "baris) agar dapat ditelusuri dan ditindaklanjuti.",
        "en": "Based on the supervision of the coklit of the voter list in {area}, we advise the "
        "following {total} corrections. Each finding gives the KPU code (where there is one), "
        "its evidence and where it is (kelurahan, TPS, file and row) so that it can be traced and "
        "acted upon.",
    },
    "surat.section.tms": {"id": "A. Pemilih tidak memenuhi syarat (TMS) yang masih terdaftar — "
                          "saran: dicoret sesuai kode KPU",
                          "en": "A. Ineligible voters (TMS) still listed — advice: remove them "
                          "under the KPU code"},
    "surat.section.ganda": {"id": "B. Pemilih ganda (kode KPU 2) — saran: dicoret satu, "
                            "dipertahankan satu",
                            "en": "B. Duplicate voters (KPU code 2) — advice: keep one entry, "
                            "remove the others"},
    "surat.section.belum_terdaftar": {"id": "C. Memenuhi syarat tetapi belum terdaftar — saran: "
                                      "didaftarkan",
                                      "en": "C. Eligible but not listed — advice: register them"},
    "surat.section.tidak_valid": {"id": "D. Data pemilih tidak valid — saran: diperbaiki (U)",
                                  "en": "D. Invalid voter data — advice: correct them (U)"},
    "surat.col.no": {"id": "No", "en": "No"},
    "surat.col.nama": {"id": "Nama", "en": "Name"},
    "surat.col.nik": {"id": "NIK", "en": "NIK"},
    "surat.col.tempat": {"id": "Kelurahan / TPS", "en": "Kelurahan / TPS"},
    "surat.col.baris": {"id": "Berkas : baris", "en": "File : row"},
    "surat.col.kode": {"id": "Kode KPU", "en": "KPU code"},
    "surat.col.bukti": {"id": "Keterangan / bukti", "en": "Details / evidence"},
    "surat.col.grup": {"id": "Grup", "en": "Group"},
    "surat.none": {"id": "Tidak ada temuan.", "en": "No findings."},
    "surat.totals": {"id": "Jumlah temuan", "en": "Findings in total"},
    "surat.total_row": {"id": "Jumlah", "en": "Total"},
    "surat.closing": {
        "id": "Demikian saran perbaikan ini disampaikan untuk ditindaklanjuti sesuai ketentuan "
        "peraturan perundang-undangan.",
        "en": "We submit this advice to be acted upon under the applicable regulations.",
    },
    "surat.place_date": {"id": "................., .......................... {year}",
                         "en": "................., .......................... {year}"},
    "surat.sign_left": {"id": "Yang menerima,", "en": "Received by,"},
    "surat.sign_right_kecamatan": {"id": "Panwaslu Kecamatan {area}",
                                   "en": "Panwaslu of Kecamatan {area}"},
    "surat.sign_right_kelurahan": {"id": "Pengawas Kelurahan/Desa {area}",
                                   "en": "Kelurahan/Desa supervisor of {area}"},
    "surat.receiver_kecamatan": {"id": "PPK Kecamatan {area}", "en": "PPK of Kecamatan {area}"},
    "surat.receiver_kelurahan": {"id": "PPS Kelurahan/Desa {area}",
                                 "en": "PPS of Kelurahan/Desa {area}"},
    "surat.name_line": {"id": "(nama dan tanda tangan)", "en": "(name and signature)"},
    "surat.masked": {"id": "NIK disamarkan sesuai UU 27/2022; data lengkap ada pada pengawas.",
                     "en": "NIK masked under Law 27/2022; the full data is held by the supervisor."},
    "surat.bad_level": {"id": "--per harus kecamatan atau kelurahan, bukan '{value}'.",
                        "en": "--per must be kecamatan or kelurahan, not '{value}'."},
}
