"""Display names of output tables and columns in Indonesian and English.

The CSV files keep the Indonesian column names from ``coklit.results.TABLE_COLUMNS`` (a stable
contract for other tools); these labels are only for human-facing outputs: XLSX sheets and
headers, the HTML report and the terminal summary. Every renderer takes its headings from here
so the wording is the same everywhere.
"""

from __future__ import annotations

from coklit.i18n import MESSAGES, family, t
from coklit.results import TABLE_COLUMNS

# Order in which tables are shown (rekap first, then findings, then bookkeeping).
TABLE_ORDER: tuple[str, ...] = (
    "rekap_kecamatan",
    "rekap_kelurahan",
    "rekap_tps",
    "rekap_tinjauan",
    "ganda",
    "ganda_perlu_cek",
    "belum_terdaftar",
    "lapangan_perlu_cek",
    "tms",
    "tidak_valid",
    "cocok",
    "hasil_lapangan",
    "rekap_banding_kecamatan",
    "rekap_banding_kelurahan",
    "rekap_banding_tps",
    "banding_tambah",
    "banding_hapus",
    "banding_ubah",
    "banding_cocok",
    "rekap_temuan_lama",
    "temuan_lama",
    "tinjauan",
    "ditolak",
)

# Tables that are summaries rather than lists of findings.
REKAP_TABLES: tuple[str, ...] = ("rekap_kecamatan", "rekap_kelurahan")

TABLE_TITLES: dict[str, dict[str, str]] = family("table")

# Short names for places with a length limit (XLSX sheet names: at most 31 characters, none of
# ``[]:*?/\``).
SHEET_NAMES: dict[str, dict[str, str]] = family("sheet")

# One sentence per table saying what a row means.
TABLE_DESCRIPTIONS: dict[str, dict[str, str]] = family("table_info")

_BASE_COLUMNS: dict[str, dict[str, str]] = family("column")

# Suffixes / prefixes that qualify a base column.
_SIDES: dict[str, dict[str, str]] = {
    f"_{side}": texts for side, texts in family("column_side").items()}
_CANDIDATE = MESSAGES["column_candidate"]


def _build_column_labels() -> dict[str, dict[str, str]]:
    labels = dict(_BASE_COLUMNS)
    for code in (f"tms_{i}" for i in range(1, 9)):
        # "TMS 1 Meninggal" from "Meninggal (kode 1)": short enough for a column header.
        labels[code] = {
            lang: f"TMS {code[4:]} {t(f'category.{code}', lang).split(' (')[0]}"
            for lang in ("id", "en")
        }
    for columns in TABLE_COLUMNS.values():
        for column in columns:
            if column in labels:
                continue
            labels[column] = _derived_label(column, labels)
    return labels


def _derived_label(column: str, known: dict[str, dict[str, str]]) -> dict[str, str]:
    for suffix, forms in _SIDES.items():
        base = column[: -len(suffix)]
        if column.endswith(suffix) and base in known:
            return {lang: forms[lang].format(label=known[base][lang]) for lang in ("id", "en")}
    if column.startswith("kandidat_") and column[9:] in known:
        base = column[9:]
        return {
            lang: _CANDIDATE[lang].format(label=_lower_first(known[base][lang]))
            for lang in ("id", "en")
        }
    readable = column.replace("_", " ").capitalize()
    return {"id": readable, "en": readable}


def _lower_first(text: str) -> str:
    """``Nama`` -> ``nama`` but ``NIK`` stays ``NIK``."""
    if len(text) > 1 and text[1].islower():
        return text[0].lower() + text[1:]
    return text


COLUMN_LABELS: dict[str, dict[str, str]] = _build_column_labels()


def column_label(column: str, lang: str = "id") -> str:
    """Header for ``column`` in ``lang``; unknown columns are made readable, never dropped."""
    texts = COLUMN_LABELS.get(column)
    if texts is None:
        texts = _derived_label(column, COLUMN_LABELS)
    return texts.get(lang) or texts["id"]


def table_title(name: str, lang: str = "id") -> str:
    """Title of table ``name`` in ``lang`` (unknown names made readable)."""
    texts = TABLE_TITLES.get(name)
    if texts is None:
        return name.replace("_", " ").capitalize()
    return texts.get(lang) or texts["id"]


def sheet_name(name: str, lang: str = "id") -> str:
    """Short XLSX sheet name for table ``name`` (at most 31 characters)."""
    texts = SHEET_NAMES.get(name)
    text = (texts.get(lang) or texts["id"]) if texts else name.replace("_", " ").capitalize()
    for bad in "[]:*?/\\":
        text = text.replace(bad, " ")
    return text[:31]


def table_description(name: str, lang: str = "id") -> str:
    texts = TABLE_DESCRIPTIONS.get(name)
    if texts is None:
        return ""
    return texts.get(lang) or texts["id"]


def ordered_tables(names: list[str] | tuple[str, ...]) -> list[str]:
    """``names`` in display order (known tables first in TABLE_ORDER, then the rest)."""
    known = [name for name in TABLE_ORDER if name in names]
    return known + [name for name in names if name not in TABLE_ORDER]


def column_mapping(inputs: list[dict]) -> list[dict]:
    """Per input file: which header became which field, which headers were ignored and what
    they probably mean. Sheets of one workbook with the same mapping are shown once.

    Each item: ``berkas`` (with ``(+N)`` for further sheets), ``used`` (list of
    ``(header, field)``), ``ignored`` (headers), ``suggestions`` (header -> field).
    """
    groups: dict[tuple, dict] = {}
    for item in inputs:
        columns = item.get("columns") or {}
        used = tuple((str(h), str(f)) for f, h in columns.items())
        ignored = tuple(str(h) for h in item.get("ignored") or [])
        suggestions = tuple(sorted((str(h), str(f))
                                   for h, f in (item.get("suggestions") or {}).items()))
        key = (str(item.get("path", "")), str(item.get("role", "")), used, ignored, suggestions)
        if key in groups:
            groups[key]["more"] += 1
            continue
        groups[key] = {"berkas": str(item.get("berkas", "")), "role": str(item.get("role", "")),
                       "used": list(used), "ignored": list(ignored),
                       "suggestions": dict(suggestions), "more": 0}
    out = []
    for group in groups.values():
        more = group.pop("more")
        if more:
            group["berkas"] += f" (+{more})"
        out.append(group)
    return out
