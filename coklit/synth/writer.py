"""Writing the synthetic files: dpt.csv, lapangan.csv and kunci/ (with its README.txt)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from coklit.synth.profile import Profile

DPT_COLUMNS = ["NO", "KECAMATAN", "KELURAHAN", "TPS", "NKK", "NIK", "NAMA", "TEMPAT LAHIR",
               "TANGGAL LAHIR", "USIA", "STATUS PERKAWINAN", "JENIS KELAMIN", "ALAMAT", "RT",
               "RW", "DISABILITAS", "KTP-EL", "KETERANGAN"]
FIELD_COLUMNS = ["No", "KECAMATAN", "KELURAHAN", "No TPS", "No KK", "NIK", "NAMA",
                 "TEMPAT LAHIR", "TANGGAL LAHIR", "Usia", "JK", "STATUS KAWIN", "ALAMAT", "RT",
                 "RW", "Pekerjaan", "STATUS", "KETERANGAN"]
# columns="minimal": what is left of a list without identity numbers (same rows, same key)
DPT_MINIMAL = ["NAMA", "TANGGAL LAHIR", "ALAMAT", "KELURAHAN"]
FIELD_MINIMAL = ["NAMA", "TANGGAL LAHIR", "ALAMAT", "KELURAHAN", "STATUS", "KETERANGAN"]
KEY_TABLES = ("ganda", "tautan", "belum_terdaftar", "tms", "negatif_sulit", "lapangan")

README = """KUNCI JAWABAN DATA SINTETIS coklit
Semua orang, NIK, NKK, nama dan alamat di folder ini REKAAN; tidak ada data orang sungguhan.
"baris" = nomor baris seperti terlihat di spreadsheet: baris 1 judul kolom, data mulai baris 2.
Profil: {profil}. Kolom: {kolom}.{catatan}

ganda.csv           baris_a,baris_b,jenis  - pasangan pemilih ganda sebenarnya di dpt.csv
                    (kelompok 3 baris = 3 pasangan; pasangan dua salinan: "jenis1+jenis2").
                    jenis: identik, salah_ketik_nik, varian_nama, tukar_tanggal,
                    pindah_kecamatan, salah_ketik_nama,
                    pindah_nik_baru (pindah dan didaftarkan lagi: kecamatan lain, KK baru,
                    alamat baru, NIK dengan kode wilayah lain tetapi bagian tanggal dan nomor
                    urut sama; kadang nama dengan ejaan lain),
                    nik_excel (hanya profil uji: NIK rusak oleh Excel, 1.67101E+15 atau digit
                    terakhir 0), urutan_nama (hanya profil uji: urutan kata nama dibalik).
tautan.csv          baris_lapangan,baris_dpt,jenis - catatan lapangan yang sebenarnya orang di DPT.
                    jenis = kekacauan yang diterapkan (tanpa_nik;salah_ketik_nama;...), "bersih"
                    bila tidak ada. Bila orangnya ganda, tautan menunjuk baris ASLI (baris di
                    rumah tangganya), bukan salinannya. Jenis satu baris utuh (tulisan_tangan
                    dan kk_saja selalu bersama tanpa_nik;tanpa_tanggal;salah_ketik_nama):
                    tulisan_tangan (lembar tulisan tangan: tanpa NIK, KK dan tanggal lahir,
                    nama salah tulis 1-2 huruf, alamat seperti di DPT termasuk nomor rumah),
                    nama_rusak (NIK dan alamat sama, nama rusak 2 huruf),
                    kk_saja (hanya profil uji: hanya nama salah 1 huruf, No KK dan kelurahan).
belum_terdaftar.csv baris_lapangan,alasan - orang yang memenuhi syarat tetapi tidak ada di DPT
                    (baru_17, pindah_masuk, purnawirawan_tni, purnawirawan_polri, kawin_bawah_17).
tms.csv             baris_dpt,kategori,sumber,baris_lapangan - baris DPT yang tidak memenuhi
                    syarat. sumber "lapangan": menurut catatan lapangan (baris_lapangan diisi);
                    sumber "dpt": terlihat dari DPT sendiri (di bawah umur, tms_3).
negatif_sulit.csv   baris_a,baris_b,jenis - pasangan MIRIP yang BUKAN ganda: kembar, ayah_anak,
                    nama_umum (nama sangat umum + tanggal lahir sama), nik_sama (satu NIK dipakai
                    dua orang berbeda: temuan tersendiri, bukan ganda), nama_tgl_sama (nama
                    lengkap dan tanggal lahir sama, satu kecamatan, kelurahan/KK/alamat lain;
                    NIK beda nomor urut atau beda sama sekali), ibu_anak (hanya profil uji: ibu
                    dan anak perempuan bernama sama dalam satu KK), saudara_mirip (hanya profil
                    uji: kakak-adik satu KK, nama beda 1-2 huruf, lahir 1-4 tahun berselisih).
lapangan.csv        baris_lapangan,hasil,baris_dpt,kategori - satu baris per catatan lapangan.
                    hasil: cocok (ada di DPT), belum_terdaftar, tidak_terdaftar_tms (tidak di DPT
                    dan memang tidak memenuhi syarat: di bawah 17 belum kawin, TNI/Polri aktif).
"""

NOTES = {
    "uji": ("\nPROFIL UJI: data tersisih untuk evaluasi saja. Jangan menyetel pencocokan dengan "
            "data ini."),
}
COLUMN_NOTES = {
    "minimal": ("\nKolom minimal: dpt.csv hanya NAMA, TANGGAL LAHIR, ALAMAT, KELURAHAN "
                "(lapangan.csv juga STATUS, KETERANGAN); baris dan kunci sama dengan kolom lengkap."),
}


def readme(profile: Profile, columns: str) -> str:
    note = NOTES.get(profile.name, "") + COLUMN_NOTES.get(columns, "")
    return README.format(profil=profile.name, kolom=columns, catatan=note)


def write_all(out: Path, dpt: dict, field: dict, key: dict, profile: Profile,
              columns: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    kunci = out / "kunci"
    kunci.mkdir(exist_ok=True)
    minimal = columns == "minimal"
    write_csv(out / "dpt.csv", {c: dpt[c] for c in (DPT_MINIMAL if minimal else DPT_COLUMNS)})
    write_csv(out / "lapangan.csv",
              {c: field[c] for c in (FIELD_MINIMAL if minimal else FIELD_COLUMNS)})
    for name in KEY_TABLES:
        df = key[name]
        write_csv(kunci / f"{name}.csv", {c: df[c].to_numpy() for c in df.columns})
    (kunci / "README.txt").write_text(readme(profile, columns), encoding="utf-8")


def csv_cells(values: np.ndarray) -> np.ndarray:
    """Values as CSV cells: text, quoted (RFC 4180) only when it holds a comma, quote or newline."""
    values = np.asarray(values)
    out = (values if values.dtype == object else values.astype(str)).astype(object)
    joined = "\x00".join(out.tolist())
    if not any(ch in joined for ch in ',"\r\n'):
        return out
    s = pd.Series(out, dtype=object)
    need = s.str.contains(r'[,"\r\n]', regex=True).to_numpy(bool)
    out = out.copy()
    out[need] = '"' + s[need].str.replace('"', '""', regex=False).to_numpy(object) + '"'
    return out


def write_csv(path: Path, columns: dict[str, np.ndarray]) -> None:
    """Comma-separated UTF-8 with LF line ends; faster than DataFrame.to_csv for object text."""
    names = list(columns)
    header = ",".join(csv_cells(np.array(names, dtype=object)))
    n = len(columns[names[0]]) if names else 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(header + "\n")
        step = 200_000
        for start in range(0, n, step):  # chunks keep memory flat at 1.24 million rows
            cells = [csv_cells(columns[name][start:start + step]).tolist() for name in names]
            fh.write("\n".join(map(",".join, zip(*cells, strict=True))))
            fh.write("\n")
