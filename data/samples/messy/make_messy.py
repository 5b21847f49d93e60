"""Regenerate the hand-made messy sample files in this folder (deterministic).

    python data/samples/messy/make_messy.py

Every person here is invented: names are combined from common Palembang given names, NIKs
follow the real structure (16.71.kk + DDMMYY, day + 40 for women, + 4-digit serial) but
belong to nobody. The files imitate layouts met in the field:

- dpt_titik_koma_cp1252.csv  semicolon-delimited, Windows-1252, NIKs with a leading '
- dpt_dengan_judul.csv       title block (PROVINSI .. TPS) above the table, no place columns
- dpt_per_tps.xlsx           one sheet per TPS with a title block, NIK as text, real dates,
                             plus a notes sheet without a table
- lapangan_tab.tsv           Bawaslu field worksheet, tab-delimited, blank rows and a
                             repeated header line
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

MEN = ["AHMAD", "MUHAMMAD", "RUDI", "HENDRA", "ANDI", "FERRY", "YUSUF", "BAYU", "DEDI", "IWAN",
       "ARIF", "RIZKI", "FAJAR", "KEMAS", "AGUS", "SYAHRIAL"]
WOMEN = ["SITI", "NURUL", "DEWI", "RATNA", "YULIANA", "FITRI", "MASAYU", "LESTARI", "INDAH",
         "RAHMA", "AMINAH", "SRI", "WULAN", "NOVITA", "PUTRI", "ZAHRA"]
FAMILY = ["SAPUTRA", "HIDAYAT", "PRATAMA", "KURNIAWAN", "WIJAYA", "SETIAWAN", "RAMADHAN",
          "AULIA", "LESTARI", "NOVIANTI", "PERMATA", "SARI", "HASANAH", "FADILLAH"]
PLACES = ["PALEMBANG", "PALEMBANG", "PALEMBANG", "PRABUMULIH", "LAHAT", "BATURAJA",
          "KAYUAGUNG", "MUARA ENIM"]
STREETS = ["JL. MERDEKA LR. SEPAKAT", "JL. A. YANI LR. MASAJAYA", "JL. KI MEROGAN",
           "JL. SULTAN MANSYUR", "JL. KOL. ATMO", "LR. PINANG", "JL. RESIDEN ABDUL ROZAK",
           "KOMP. PUSRI BLOK C", "JL. PANGERAN AYIN", "GG. MASJID"]
# kecamatan code (16.71.kk), kecamatan, kelurahan
AREAS = [("02", "ILIR BARAT I", "26 ILIR"), ("03", "SEBERANG ULU II", "9/10 ULU"),
         ("09", "KEMUNING", "SUNGAI PANGERAN")]


def person(rng: random.Random, kec_code: str, serial: int) -> dict[str, str]:
    woman = rng.random() < 0.5
    first = rng.choice(WOMEN if woman else MEN)
    name = f"{first} {rng.choice(FAMILY)}"
    born = dt.date(1945, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 60))
    day = born.day + (40 if woman else 0)
    nik = f"1671{kec_code}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"
    nkk = f"1671{kec_code}{rng.randrange(1, 28):02d}{rng.randrange(1, 13):02d}{rng.randrange(5, 24):02d}{rng.randrange(1, 9999):04d}"
    return {
        "nkk": nkk, "nik": nik, "nama": name, "tempat": rng.choice(PLACES), "lahir": born,
        "kawin": rng.choice("BSSSP"), "jk": "P" if woman else "L",
        "alamat": rng.choice(STREETS) + (f" NO. {rng.randrange(1, 120)}" if rng.random() < 0.5 else ""),
        "rt": f"{rng.randrange(1, 45):03d}", "rw": f"{rng.randrange(1, 12):02d}",
    }


def age(born: dt.date, on: dt.date = dt.date(2024, 6, 24)) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def write_csv(path: Path, rows: list[list[str]], delimiter: str, encoding: str) -> None:
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))


def titik_koma(rng: random.Random) -> None:
    header = ["NKK", "NIK", "NAMA", "TEMPAT LAHIR", "TANGGAL LAHIR", "STATUS PERKAWINAN",
              "JENIS KELAMIN", "ALAMAT", "RT", "RW", "DISABILITAS", "KTP-EL", "KETERANGAN",
              "TPS", "KELURAHAN/DESA", "KECAMATAN"]
    rows = [header]
    code, kec, kel = AREAS[1]
    for i in range(20):
        p = person(rng, code, 1 + i)
        nik = ("'" + p["nik"]) if i % 3 == 0 else p["nik"]
        nkk = ("'" + p["nkk"]) if i % 4 == 0 else p["nkk"]
        alamat = p["alamat"]
        if i == 4:
            alamat = "JL. KH. AZHARI LR. CAFÉ ’ROSE’"
        if i == 9:
            alamat = "KOMP. RÉSIDENCE, BLOK A"  # a comma inside a ;-delimited file
        rows.append([nkk, nik, p["nama"], p["tempat"], p["lahir"].strftime("%d-%m-%Y"),
                     p["kawin"], p["jk"], alamat, p["rt"], p["rw"], "", "S", "",
                     f"{1 + i // 10:03d}", kel, kec])
    write_csv(HERE / "dpt_titik_koma_cp1252.csv", rows, ";", "cp1252")


def dengan_judul(rng: random.Random) -> None:
    code, kec, kel = AREAS[0]
    rows = [
        ["DAFTAR PEMILIH TETAP PEMILIHAN SERENTAK 2024"],
        ["PROVINSI : SUMATERA SELATAN"],
        ["KABUPATEN/KOTA : KOTA PALEMBANG"],
        [f"KECAMATAN : {kec}"],
        [f"KELURAHAN : {kel}"],
        ["TPS : 005"],
        [],
        ["NO", "NKK", "NIK", "NAMA", "TEMPAT LAHIR", "TANGGAL LAHIR", "USIA", "STS",
         "JENIS KELAMIN", "ALAMAT", "RT", "RW", "KETERANGAN"],
    ]
    for i in range(15):
        p = person(rng, code, 101 + i)
        rows.append([str(i + 1), p["nkk"], p["nik"], p["nama"], p["tempat"],
                     p["lahir"].strftime("%d/%m/%Y"), str(age(p["lahir"])), p["kawin"],
                     p["jk"], p["alamat"], p["rt"], p["rw"], ""])
    write_csv(HERE / "dpt_dengan_judul.csv", rows, ",", "utf-8")


def per_tps(rng: random.Random) -> None:
    from openpyxl import Workbook

    code, kec, kel = AREAS[2]
    wb = Workbook()
    wb.remove(wb.active)
    for tps in (1, 2, 3):
        ws = wb.create_sheet(f"TPS {tps:03d}")
        ws.append(["MODEL A-DAFTAR PEMILIH"])
        ws.append(["KECAMATAN", f": {kec}"])
        ws.append(["KELURAHAN :", kel])
        ws.append(["TPS", ":", f"{tps:03d}"])
        ws.append([])
        ws.append(["NO", "NKK", "NIK", "NAMA", "TEMPAT LAHIR", "TANGGAL LAHIR",
                   "STATUS PERKAWINAN", "L/P", "ALAMAT", "RT", "RW", "DISABILITAS", "KTP-EL",
                   "KETERANGAN"])
        for i in range(8):
            p = person(rng, code, 200 + tps * 10 + i)
            ws.append([i + 1, p["nkk"], p["nik"], p["nama"], p["tempat"], p["lahir"],
                       p["kawin"], p["jk"], p["alamat"], int(p["rt"]), int(p["rw"]),
                       None, "S", None])
            ws.cell(ws.max_row, 6).number_format = "DD/MM/YYYY"
            ws.cell(ws.max_row, 2).number_format = "@"
            ws.cell(ws.max_row, 3).number_format = "@"
    notes = wb.create_sheet("Catatan")
    notes["A1"] = "Catatan petugas: lembar ini hanya berisi keterangan, bukan data pemilih."
    notes["A3"] = "Data diperiksa ulang oleh PKD pada 2 Juli 2024."
    wb.properties.created = dt.datetime(2024, 7, 1)
    buf = io.BytesIO()
    wb.save(buf)
    # Rewrite the zip with fixed timestamps so the bytes are the same on every run.
    stamp = b"2024-07-01T00:00:00Z"
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", stamp, data)
            dst.writestr(zipfile.ZipInfo(item.filename, (2024, 7, 1, 0, 0, 0)), data,
                         zipfile.ZIP_DEFLATED)
    (HERE / "dpt_per_tps.xlsx").write_bytes(out.getvalue())


def lapangan(rng: random.Random) -> None:
    header = ["No", "No TPS", "No KK", "NIK", "NAMA", "TEMPAT LAHIR", "TANGGAL LAHIR", "Usia",
              "JK", "STATUS KAWIN", "ALAMAT", "RT", "RW", "Pekerjaan", "KETERANGAN"]
    jobs = ["WIRASWASTA", "PELAJAR", "IBU RUMAH TANGGA", "PNS", "BURUH HARIAN", "PEDAGANG"]
    marks = ["V", "V", "V", "U", "B", "1", "4", "MENINGGAL", "PINDAH", "8", ""]
    code, _, _ = AREAS[0]
    rows = [header]
    for i in range(24):
        p = person(rng, code, 301 + i)
        if i in (8, 17):
            rows.append([])
        if i == 12:
            rows.append(header)  # a second sheet pasted under the first
        rows.append([str(i + 1), f"{1 + i % 3:03d}", p["nkk"], p["nik"], p["nama"],
                     p["tempat"], p["lahir"].strftime("%d-%m-%Y"), str(age(p["lahir"])),
                     p["jk"], p["kawin"], p["alamat"], p["rt"], p["rw"], rng.choice(jobs),
                     rng.choice(marks)])
    rows.append(["25", "002", "", "", "", "", "", "", "", "", "", "", "", "", "B"])  # no name
    write_csv(HERE / "lapangan_tab.tsv", rows, "\t", "utf-8")


def main() -> None:
    rng = random.Random(20240624)
    titik_koma(rng)
    dengan_judul(rng)
    per_tps(rng)
    lapangan(rng)


if __name__ == "__main__":
    main()
