"""Texts of input sanity checks (coklit.sanity)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "sanity.same_file": {
        "id": "Berkas '{a}' ({role_a}) dan '{b}' ({role_b}) isinya sama persis (SHA-256 "
        "sama). {hint}",
        "en": "Files '{a}' ({role_a}) and '{b}' ({role_b}) have exactly the same content "
        "(same SHA-256). {hint}",
    },
    "sanity.same_path": {
        "id": "Berkas '{a}' terbaca sebagai {role_a} dan juga sebagai {role_b} (mis. "
        "folder daftar pemilih juga memuat berkas lapangan). {hint}",
        "en": "File '{a}' is read as {role_a} and also as {role_b} (e.g. the voter list's "
        "folder also holds the field file). {hint}",
    },
    "sanity.hint.roles": {
        "id": "Urutannya: coklit check DPT LAPANGAN, dengan berkas atau folder yang "
        "berbeda untuk keduanya.",
        "en": "The order is: coklit check DPT LAPANGAN, with different files or folders "
        "for the two.",
    },
    "sanity.hint.twice": {
        "id": "Datanya akan terhitung dua kali; sebutkan salah satu saja atau pindahkan "
        "salinannya dari folder itu.",
        "en": "The data would be counted twice; name only one of them or move the copy "
        "out of that folder.",
    },
    "sanity.swapped_size": {
        "id": "Catatan lapangan ({field} baris) jauh lebih banyak daripada daftar pemilih "
        "({listed} baris): urutan berkasnya mungkin tertukar. Urutannya: coklit check DPT "
        "LAPANGAN. Bila urutannya memang benar, jalankan lagi dengan --paksa.",
        "en": "The field records ({field} rows) far outnumber the voter list ({listed} "
        "rows): the files may be swapped. The order is: coklit check DPT LAPANGAN. If the "
        "order is right, run again with --paksa.",
    },
    "sanity.swapped_tps": {
        "id": "Daftar pemilih '{listed}' tidak memuat nomor TPS, sedangkan catatan "
        "lapangan '{field}' memuatnya: urutan berkasnya mungkin tertukar. Urutannya: "
        "coklit check DPT LAPANGAN. Bila urutannya memang benar, jalankan lagi dengan "
        "--paksa.",
        "en": "The voter list '{listed}' has no TPS numbers while the field records "
        "'{field}' have them: the files may be swapped. The order is: coklit check DPT "
        "LAPANGAN. If the order is right, run again with --paksa.",
    },
    "sanity.no_rows": {
        "id": "Tidak ada baris {role} yang dapat dipakai ({files}): {read} baris dibaca, "
        "{rejected} ditolak{reasons}. Periksa berkasnya; bila kolom nama salah terbaca, "
        "tunjukkan dengan --kolom nama=\"JUDUL KOLOM\".",
        "en": "No {role} row can be used ({files}): {read} rows read, {rejected} "
        "rejected{reasons}. Check the file; if the name column was misread, name it with "
        "--kolom nama=\"HEADER\".",
    },
    "sanity.role.dpt": {"id": "daftar pemilih", "en": "voter list"},
    "sanity.role.lapangan": {"id": "catatan lapangan", "en": "field records"},
    "sanity.ambiguous.two_digit": {
        "id": "Tahun lahir ditulis dua digit, dan dibaca sebagai {year} pemilih ini "
        "berusia {age} tahun pada hari pemungutan suara; abadnya tidak pasti. Tanggal ini "
        "tidak dipakai untuk menilai usia; tulis tahun empat digit (HH-BB-TTTT).",
        "en": "The birth year is written with two digits; read as {year} this voter would "
        "be {age} on election day, so the century is not certain. The date is not used to "
        "judge age; write a four-digit year (DD-MM-YYYY).",
    },
    "sanity.ambiguous.year_only": {
        "id": "Tanggal lahir hanya berisi tahun; hari dan bulannya tidak diketahui. Tanggal "
        "ini tidak dipakai untuk menilai usia; tulis tanggal lengkap (HH-BB-TTTT).",
        "en": "The birth date holds only a year; day and month are unknown. It is not used "
        "to judge age; write the full date (DD-MM-YYYY).",
    },
}
