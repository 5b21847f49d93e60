"""Texts of the summary printed in the terminal (coklit.report.terminal)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "summary.title": {"id": "coklit {command} selesai", "en": "coklit {command} finished"},
    "summary.inputs": {"id": "Berkas masukan", "en": "Input files"},
    "summary.role": {"id": "Peran", "en": "Role"},
    "summary.role.dpt": {"id": "DPT", "en": "Voter list"},
    "summary.role.lapangan": {"id": "Lapangan", "en": "Field"},
    "summary.file": {"id": "Berkas", "en": "File"},
    "summary.rows_read": {"id": "Dibaca", "en": "Read"},
    "summary.rows_used": {"id": "Dipakai", "en": "Used"},
    "summary.rows_rejected": {"id": "Ditolak", "en": "Rejected"},
    "summary.findings": {"id": "Temuan", "en": "Findings"},
    "summary.table": {"id": "Tabel", "en": "Table"},
    "summary.rows": {"id": "Baris", "en": "Rows"},
    "summary.written": {"id": "Berkas yang ditulis", "en": "Files written"},
    "summary.columns": {"id": "Kolom yang dibaca", "en": "Columns read"},
    "summary.columns.used": {"id": "Judul kolom -> field", "en": "Header -> field"},
    "summary.columns.ignored": {"id": "Diabaikan", "en": "Ignored"},
    "summary.columns.hint": {
        "id": "Kolom '{header}' di {berkas} diabaikan; bila isinya {field}, jalankan lagi "
        "dengan --kolom {field}=\"{header}\".",
        "en": "Column '{header}' of {berkas} was ignored; if it holds {field}, run again "
        "with --kolom {field}=\"{header}\".",
    },
    "summary.skipped": {
        "id": "Lembar dilewati: {sheet} ({why})",
        "en": "Sheet skipped: {sheet} ({why})",
    },
    "summary.per_kecamatan": {
        "id": "{folder}/ — {folders} folder kecamatan, {files} berkas",
        "en": "{folder}/ — {folders} kecamatan folders, {files} files",
    },
    "summary.model.model_ganda": {"id": "Model ganda", "en": "Duplicate model"},
    "summary.model.model_cocok": {"id": "Model lapangan–DPT", "en": "Field-to-list model"},
    "summary.model.em": {
        "id": "{name}: bobot m dari EM ({sessions}); {pairs} pasangan kandidat; perkiraan "
        "keliru {false}, terlewat {missed}",
        "en": "{name}: m weights from EM ({sessions}); {pairs} candidate pairs; expected "
        "false {false}, missed {missed}",
    },
    "summary.model.default": {
        "id": "{name}: data terlalu sedikit untuk EM, dipakai bobot m bawaan (pengetahuan "
        "domain, lihat info_proses.json); {pairs} pasangan kandidat",
        "en": "{name}: too little data for EM, the default m weights (domain knowledge, see "
        "info_proses.json) were used; {pairs} candidate pairs",
    },
    "summary.model.reused": {
        "id": "{name}: model dari --model dipakai ulang (peluang awal dihitung ulang); "
        "{pairs} pasangan kandidat",
        "en": "{name}: model reused from --model (prior estimated again); {pairs} "
        "candidate pairs",
    },
}
