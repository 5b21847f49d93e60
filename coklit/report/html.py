"""``laporan.html``: one self-contained, offline report file.

Built from the Jinja2 templates in ``coklit/report/templates`` with the CSS and JavaScript of
``coklit/report/static`` inlined, so the file opens from disk with no server and makes no
network request (a Content-Security-Policy meta tag forbids any). Jinja2 is used only here.

Layout of the page:

* what was checked (inputs with row counts and SHA-256, parameters, version) and the privacy
  mode;
* the rekap by kecamatan, rendered here as an HTML table plus an inline SVG bar chart; the
  kelurahan rows sit under each kecamatan and open on click, the TPS counts under a kelurahan
  are computed by the script from the finding tables;
* one section per finding table. Each table's data is embedded once as compact column-wise
  JSON (low-cardinality columns dictionary-encoded) in ``<script type="application/json">``;
  the script renders one page of rows at a time, sorts, filters and searches.

View state lives in the URL fragment, so a filtered view can be shared or opened directly:
``laporan.html#kecamatan=KEMUNING&kelurahan=SEI%20BUAH&tms.kat=tms_1&ganda.q=budi&ganda.sort=-skor&ganda.page=2&ganda.size=100``
(``filter-kecamatan``/``filter-kelurahan`` are accepted as aliases). When printing, each table
prints every row under the active filters (rendered on ``beforeprint``), with a note saying so.
Finding tables carry review buttons (benar / keliru / sudah diperbaiki) whose marks are kept in
the browser's localStorage and exported as a CSV for ``--tinjauan``.

The tables given are printed as they are: masking is done by the caller
(``coklit.report.write_outputs``) unless ``cfg.full_data``; this module only states the mode.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

import pandas as pd
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from coklit import __version__
from coklit.config import OutputConfig
from coklit.fields import CATEGORIES
from coklit.i18n import MESSAGES, family, t, texts
from coklit.report import MODE_INTERNAL
from coklit.report.labels import (
    REKAP_TABLES,
    column_label,
    column_mapping,
    ordered_tables,
    table_description,
    table_title,
)
from coklit.report.words import skip_reason
from coklit.report.xlsx import CSV_ONLY_TABLES
from coklit.results import REVIEWED_TABLES, TOTAL_LABEL, RunResult
from coklit.tinjauan import STATUSES

_HERE = Path(__file__).resolve().parent
TEMPLATE_DIR = _HERE / "templates"
STATIC_DIR = _HERE / "static"

PAGE_SIZES = (50, 100, 200)

# Texts the script needs (looked up by key in JS).
_JS_TEXT_KEYS: dict[str, dict[str, str]] = family("html_js")

# Custom header labels for grouped cells.
_CELL_LABELS: dict[str, dict[str, str]] = family("html_cell")

# Display layout per table: (kind, columns, label key or None, numeric).
# kind "stack": values one under another (first one is the sort key); "join": on one line
# separated by " : "; "diff": first value over second with differing characters marked;
# "gdiff": like stack, characters differing from the group's first row are marked.
_Cell = tuple[str, tuple[str, ...], "str | None", bool]
_PLACE = ("kecamatan", "kelurahan", "tps")


# A field person (or list row) beside their nearest candidate: source, place, and name, NIK
# and birth date with differences marked, then the address.
_VS_CANDIDATE: list[_Cell] = [
    ("join", ("berkas", "baris"), "sumber_baris", False),
    ("stack", _PLACE, "wilayah", False),
    ("diff", ("nama", "kandidat_nama"), "nama_vs", False),
    ("diff", ("nik", "kandidat_nik"), "nik_vs", False),
    ("diff", ("tanggal_lahir", "kandidat_tanggal_lahir"), "tgl_vs", False),
    ("stack", ("alamat", "rt", "rw"), "alamat", False),
]


def _beside_candidate(note: str) -> list[_Cell]:
    """A person with no match shown beside their nearest candidate (differences marked), with
    ``note`` saying why the row is listed."""
    return [
        *_VS_CANDIDATE,
        ("stack", ("tempat_lahir", "jenis_kelamin", "nkk"), "data_lain", False),
        ("stack", (note,), None, False),
        ("join", ("kandidat_berkas", "kandidat_baris"), "kandidat", False),
        ("stack", ("kandidat_skor",), None, True),
        ("stack", ("kandidat_alasan",), None, False),
    ]


LAYOUTS: dict[str, list[_Cell]] = {
    "ganda": [
        ("stack", ("grup",), None, True),
        ("join", ("berkas", "baris"), "sumber_baris", False),
        ("stack", _PLACE, "wilayah", False),
        ("gdiff", ("nama",), None, False),
        ("gdiff", ("nik", "nkk"), "nomor", False),
        ("gdiff", ("tempat_lahir", "tanggal_lahir"), "lahir", False),
        ("stack", ("jenis_kelamin",), None, False),
        ("gdiff", ("alamat", "rt", "rw"), "alamat", False),
        ("stack", ("jenis", "lokasi"), "jenis_lokasi", False),
        ("stack", ("skor",), None, True),
        ("stack", ("alasan",), None, False),
    ],
    "belum_terdaftar": [
        *_beside_candidate("alasan_memenuhi_syarat"),
        ("stack", ("saran_kelurahan", "saran_tps", "saran_dasar"), "saran", False),
        ("join", ("saran_berkas", "saran_baris"), "saran_baris", False),
    ],
    "tms": [
        ("join", ("berkas", "baris"), "sumber_baris", False),
        ("stack", _PLACE, "wilayah", False),
        ("stack", ("nama",), None, False),
        ("stack", ("nik", "nkk"), "nomor", False),
        ("stack", ("tempat_lahir", "tanggal_lahir", "jenis_kelamin"), "lahir_jk", False),
        ("stack", ("alamat", "rt", "rw"), "alamat", False),
        ("stack", ("kategori_nama", "kode_kpu"), "kategori_kode", False),
        ("stack", ("sumber", "bukti"), "sumber_bukti", False),
        ("stack", ("skor",), None, True),
    ],
    "tidak_valid": [
        ("join", ("berkas", "baris"), "sumber_baris", False),
        ("stack", _PLACE, "wilayah", False),
        ("stack", ("nama",), None, False),
        ("stack", ("kolom",), None, False),
        ("stack", ("masalah",), None, False),
        ("stack", ("keterangan",), None, False),
        ("stack", ("nilai",), None, False),
    ],
    "cocok": [
        ("join", ("berkas_lapangan", "baris_lapangan"), "lapangan", False),
        ("join", ("berkas_dpt", "baris_dpt"), "dpt", False),
        ("diff", ("nama_lapangan", "nama_dpt"), "nama_cocok", False),
        ("diff", ("nik_lapangan", "nik_dpt"), "nik_cocok", False),
        ("diff", ("tanggal_lahir_lapangan", "tanggal_lahir_dpt"), "tgl_cocok", False),
        ("stack", ("kecamatan_lapangan", "kelurahan_lapangan", "tps_lapangan"), "wilayah_lap", False),
        ("stack", ("kecamatan_dpt", "kelurahan_dpt", "tps_dpt"), "wilayah_dpt", False),
        ("stack", ("kategori_lapangan",), None, False),
        ("stack", ("skor",), None, True),
        ("stack", ("alasan",), None, False),
    ],
    "hasil_lapangan": [
        ("join", ("berkas", "baris"), "sumber_baris", False),
        ("stack", _PLACE, "wilayah", False),
        ("stack", ("nama",), None, False),
        ("stack", ("kategori",), None, False),
        ("stack", ("hasil",), None, False),
        ("join", ("berkas_dpt", "baris_dpt"), "dpt", False),
        ("stack", ("skor",), None, True),
    ],
    "ganda_perlu_cek": [
        ("stack", ("pasangan",), None, True),
        ("join", ("berkas", "baris"), "sumber_baris", False),
        ("stack", _PLACE, "wilayah", False),
        ("gdiff", ("nama",), None, False),
        ("gdiff", ("nik", "nkk"), "nomor", False),
        ("gdiff", ("tempat_lahir", "tanggal_lahir"), "lahir", False),
        ("stack", ("jenis_kelamin",), None, False),
        ("gdiff", ("alamat", "rt", "rw"), "alamat", False),
        ("stack", ("lokasi",), None, False),
        ("stack", ("skor", "skor_nama_tgl"), "skor_dua", True),
        ("stack", ("alasan",), None, False),
    ],
    "lapangan_perlu_cek": [
        *_VS_CANDIDATE,
        ("stack", ("kategori",), None, False),
        ("join", ("kandidat_berkas", "kandidat_baris"), "kandidat", False),
        ("stack", ("kandidat_kecamatan", "kandidat_kelurahan", "kandidat_tps"),
         "wilayah_kandidat", False),
        ("stack", ("kandidat_skor",), None, True),
        ("stack", ("kandidat_alasan",), None, False),
    ],
    "banding_ubah": [
        ("join", ("berkas_lama", "baris_lama"), "versi_lama", False),
        ("join", ("berkas_baru", "baris_baru"), "versi_baru", False),
        ("stack", _PLACE, "wilayah", False),
        ("stack", ("nama",), None, False),
        ("stack", ("kolom",), None, False),
        ("diff", ("nilai_lama", "nilai_baru"), "nilai_lama_baru", False),
        ("stack", ("skor",), None, True),
    ],
    "banding_cocok": [
        ("join", ("berkas_lama", "baris_lama"), "versi_lama", False),
        ("join", ("berkas_baru", "baris_baru"), "versi_baru", False),
        ("stack", _PLACE, "wilayah", False),
        ("diff", ("nama_lama", "nama_baru"), "nama_lama_baru", False),
        ("diff", ("nik_lama", "nik_baru"), "nik_lama_baru", False),
        ("diff", ("tanggal_lahir_lama", "tanggal_lahir_baru"), "tgl_lama_baru", False),
        ("stack", ("hasil", "kolom_berubah"), "hasil_kolom", False),
        ("stack", ("skor",), None, True),
        ("stack", ("alasan",), None, False),
    ],
    "banding_tambah": _beside_candidate("keterangan"),
    "temuan_lama": [
        ("stack", ("temuan", "kategori"), "temuan_kategori", False),
        ("join", ("berkas", "baris"), "sumber_baris", False),
        ("stack", _PLACE, "wilayah", False),
        ("stack", ("nama",), None, False),
        ("stack", ("status",), None, False),
        ("stack", ("keterangan",), None, False),
        ("join", ("berkas_baru", "baris_baru"), "versi_baru", False),
    ],
    "ditolak": [
        ("stack", ("berkas",), None, False),
        ("stack", ("baris",), None, True),
        ("stack", ("masalah",), None, False),
        ("stack", ("keterangan",), None, False),
    ],
}
# Finding tables with review marks: a review cell (id, status buttons, note) comes last.
_REVIEW_CELL: _Cell = ("review", ("id_temuan", "status_cek", "catatan"), "review", False)
for _name in REVIEWED_TABLES:
    if _name in LAYOUTS:
        LAYOUTS[_name] = [*LAYOUTS[_name], _REVIEW_CELL]
# Columns deliberately not shown (still in the data for filtering; full lists are in CSV/XLSX).
HIDDEN_COLUMNS: dict[str, frozenset[str]] = {
    "tms": frozenset({"kategori"}),
    **{n: frozenset({"pemeriksa", "waktu_cek"}) | (frozenset({"kategori"}) if n == "tms" else
                                                    frozenset()) for n in REVIEWED_TABLES},
}
# Statuses of the review buttons (the values coklit.tinjauan reads back).
REVIEW_STATUSES = {status: MESSAGES[f"review_status.{status.replace(' ', '_')}"]
                   for status in STATUSES}
# Codes shown as words (the CSV keeps the codes).
VALUE_LABELS: dict[str, dict[str, dict[str, str]]] = {
    column: family(f"value.{column}")
    for column in dict.fromkeys(key.split(".")[0] for key in family("value"))}
# Category columns that hold category codes (shown with CATEGORIES' names).
_CATEGORY_CODE_COLUMNS = ("kategori", "kategori_lapangan")
# Columns of running text (reasons, evidence): their cells get room on paper.
_WIDE_COLUMNS = frozenset({"alasan", "kandidat_alasan", "keterangan", "bukti"})
# Cells whose values must not wrap (identity numbers, dates).
_NOWRAP_STEMS = ("nik", "nkk", "tanggal_lahir", "baris")
# Place columns (kecamatan, kelurahan, tps) used by the place filter and the TPS drill-down.
PLACE_COLUMNS: dict[str, tuple[str, str, str]] = {
    "cocok": ("kecamatan_lapangan", "kelurahan_lapangan", "tps_lapangan"),
}
# Column offered in the category select box.
CATEGORY_COLUMN: dict[str, str] = {
    "ganda": "jenis",
    "belum_terdaftar": "alasan_memenuhi_syarat",
    "tms": "kategori",
    "tidak_valid": "masalah",
    "cocok": "kategori_lapangan",
    "ditolak": "masalah",
    "hasil_lapangan": "hasil",
    "ganda_perlu_cek": "lokasi",
    "lapangan_perlu_cek": "kategori",
}
CATEGORY_COLUMN.update({"banding_ubah": "kolom", "banding_cocok": "hasil",
                        "temuan_lama": "status"})
LAYOUTS["banding_hapus"] = LAYOUTS["banding_tambah"]
GROUP_COLUMN: dict[str, str] = {"ganda": "grup", "ganda_perlu_cek": "pasangan"}
# Supporting tables too long to print whole for a city (the CSV holds them): printed only when
# the active filters leave at most PRINT_LIMIT rows (or groups); finding tables always print whole.
PRINT_LIMITED: tuple[str, ...] = (*CSV_ONLY_TABLES, "rekap_tps", "rekap_banding_tps",
                                  "banding_cocok")
PRINT_LIMIT = 500
# Finding tables counted per TPS in the drill-down, and the rekap column with the same count.
TPS_COUNTED = ("belum_terdaftar", "ganda", "tms", "tidak_valid")
# Rekap columns drawn in the chart (stacked), with colours (Okabe-Ito, colour-blind safe).
CHART_SERIES: tuple[tuple[str, str], ...] = (
    ("belum_terdaftar", "#0072B2"),
    ("baris_ganda", "#D55E00"),
    ("tms", "#009E73"),
    ("tidak_valid", "#CC79A7"),
)
# The config's English names of run parameters, shown as their info_proses.json names.
_PARAM_ALIASES = {
    "election_date": "tanggal_pemilihan",
    "threshold_dedupe": "ambang_ganda",
    "threshold_link": "ambang_cocok",
    "voting_age": "usia_pemilih",
    "full_data": "data_lengkap",
    "lang": "bahasa",
}
_PARAM_LABELS: dict[str, dict[str, str]] = family("param") | {
    alias: MESSAGES[f"param.{name}"] for alias, name in _PARAM_ALIASES.items()}


def write_html(result: RunResult, path: Path, cfg: OutputConfig) -> Path:
    """Write the report for ``result`` to ``path`` and return ``path``.

    The tables are shown as given (already masked unless ``cfg.full_data``).
    """
    path = Path(path)
    html = render_html(result, cfg)
    path.write_text(html, encoding="utf-8")
    return path


def render_html(result: RunResult, cfg: OutputConfig) -> str:
    """The report as one HTML string."""
    lang = cfg.lang if cfg.lang in ("id", "en") else "id"
    meta = result.meta or {}
    # As write_outputs decides it: full data asked for and not masked already (a folder read
    # back with load_result keeps the mode it was written in).
    full_data = cfg.full_data and meta.get("mode", MODE_INTERNAL) == MODE_INTERNAL
    tables = result.tables
    findings = [n for n in ordered_tables(list(tables)) if n not in REKAP_TABLES]

    sections = []
    data_blocks = []
    for name in findings:
        df = tables[name]
        spec = _table_spec(name, df, lang)
        sections.append(spec)
        data_blocks.append({"id": f"data-{name}", "json": _json_script(_encode_table(df))})

    rekap = _rekap(tables, lang)
    config = {
        "lang": lang,
        "texts": {k: v.get(lang, v["id"]) for k, v in _JS_TEXT_KEYS.items()},
        "tables": sections,
        "places": _places(tables),
        "tpsCounted": [n for n in TPS_COUNTED if n in tables],
        "pageSizes": list(PAGE_SIZES),
        "kecLabel": column_label("kecamatan", lang),
        "kelLabel": column_label("kelurahan", lang),
        "categories": texts("category", CATEGORIES, lang),
        "valueLabels": _value_labels(lang),
        "tpsPlaces": _tps_places(tables),
        "review": {
            "statuses": list(REVIEW_STATUSES),
            "labels": {k: v.get(lang, v["id"]) for k, v in REVIEW_STATUSES.items()},
            "storageKey": "coklit.tinjauan",
        },
    }
    context = {
        "lang": lang,
        "t": lambda key, **kw: t(key, lang, **kw),
        "full_data": full_data,
        "meta": _meta_view(meta, lang),
        "file_label": column_label("berkas", lang),
        "rekap": rekap,
        "rekap_title": table_title("rekap_kecamatan", lang),
        "rekap_first_label": column_label("kecamatan", lang),
        "chart": _chart(rekap, lang) if rekap else None,
        "sections": sections,
        "print_limited": ", ".join(s["title"] for s in sections if s["printLimit"] is not None),
        "print_limit": _fmt_int(PRINT_LIMIT, lang),
        "data_blocks": data_blocks,
        "config_json": _json_script(config),
        "css": Markup(_static("laporan.css")),
        "js": Markup(_static("laporan.js")),
        "fmt": lambda v: _fmt_int(v, lang),
    }
    return _env().get_template("laporan.html.j2").render(**context)


# ---------------------------------------------------------------------------------------------
# Pieces


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@lru_cache(maxsize=4)
def _static(name: str) -> str:
    text = (STATIC_DIR / name).read_text(encoding="utf-8")
    closing = "</style" if name.endswith(".css") else "</script"
    if closing in text.lower():  # would end the inline element early
        raise ValueError(f"{name} must not contain {closing}")
    return text


def _json_script(value: Any) -> Markup:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` at all,
    so neither ``</script>`` nor ``<!--`` can appear (``</`` becomes ``\\u003c/``)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def _encode_table(df: pd.DataFrame) -> dict[str, Any]:
    """Column-wise compact form: ``{"columns": [...], "n": rows, "data": [col, ...]}`` where a
    column is a list of strings, or ``{"d": [distinct values], "i": [codes]}`` when values
    repeat a lot (places, files, reasons, masked NIKs)."""
    n = len(df)
    data: list[Any] = []
    for column in df.columns:
        values = _text_values(df[column])
        codes, uniques = pd.factorize(values, sort=False)
        if n >= 20 and len(uniques) * 2 <= n:
            data.append({"d": [str(u) for u in uniques.tolist()], "i": codes.tolist()})
        else:
            data.append(values.tolist())
    return {"columns": [str(c) for c in df.columns], "n": n, "data": data}


def _text_values(values: pd.Series) -> pd.Series:
    """A column as text with missing values as "". Object columns that already hold only
    Python strings are used as they are: converting them to another string type and back
    costs more than everything else done with them here."""
    if values.dtype == object and pd.api.types.infer_dtype(values, skipna=False) in (
            "string", "empty"):
        return values
    return values.astype("string").fillna("")


def _table_spec(name: str, df: pd.DataFrame, lang: str) -> dict[str, Any]:
    """What the script needs to show one finding table (not its data)."""
    columns = [str(c) for c in df.columns]
    present = set(columns)
    layout = LAYOUTS.get(name) or [
        ("stack", (c,), None, name.startswith("rekap_") and c not in _PLACE) for c in columns]
    cells = []
    used: set[str] = set()
    for kind, cols, label_key, numeric in layout:
        have = [c for c in cols if c in present]
        if not have:
            continue
        if kind == "diff" and len(have) < 2:
            kind = "stack"
        if label_key and len(have) == len(cols):
            label = _CELL_LABELS[label_key].get(lang) or _CELL_LABELS[label_key]["id"]
        else:
            label = " / ".join(column_label(c, lang) for c in have)
        pre = [_prefix(c, lang) for c in have]
        nowrap = all(any(c == x or c.startswith(x + "_") or c.endswith("_" + x)
                         for x in _NOWRAP_STEMS) for c in have)
        cells.append({"kind": kind, "cols": have, "label": label, "num": numeric, "pre": pre,
                      "nowrap": nowrap, "wide": any(c in _WIDE_COLUMNS for c in have)})
        used.update(have)
    # Columns the layout does not know (a newer table version) still get shown.
    for c in columns:
        if c not in used and c != "rid" and c not in HIDDEN_COLUMNS.get(name, frozenset()):
            cells.append({"kind": "stack", "cols": [c], "label": column_label(c, lang), "num": False})
    place = PLACE_COLUMNS.get(name, _PLACE)
    place_cols = [c if c in present else None for c in place]
    category = CATEGORY_COLUMN.get(name)
    names = [c for c in columns if c == "nama" or c.startswith("nama_") or c == "kandidat_nama"]
    for cell in cells:
        # A candidate with score 0 (or none) is no candidate: no differences to mark.
        if cell["kind"] == "diff" and "kandidat_skor" in present and any(
                c.startswith("kandidat_") for c in cast("tuple[str, ...]", cell["cols"])):
            cell["gate"] = "kandidat_skor"
    return {
        "name": name,
        "title": table_title(name, lang),
        "description": table_description(name, lang),
        "count": int(len(df)),
        "groups": int(df[GROUP_COLUMN[name]].nunique()) if GROUP_COLUMN.get(name) in present else None,
        "cells": cells,
        "place": place_cols if place_cols[0] else None,
        "category": category if category in present else None,
        "categoryLabel": column_label(category, lang) if category in present else None,
        "group": GROUP_COLUMN.get(name) if GROUP_COLUMN.get(name) in present else None,
        "search": names or columns,
        "categoryMap": _category_buckets(df[category], lang) if category in present else None,
        "review": FINDING_ID in present and "status_cek" in present,
        "printLimit": PRINT_LIMIT if name in PRINT_LIMITED else None,
    }


FINDING_ID = "id_temuan"
_AGE_BUCKETS = ((17, 20), (21, 30), (31, 40), (41, 50), (51, 60), (61, 200))
_AGE_BUCKET_TEXT = MESSAGES["html.age_bucket"]
_AGE_OVER_TEXT = MESSAGES["html.age_over"]


def _category_buckets(values: pd.Series, lang: str) -> dict[str, str] | None:
    """Category values that are one of many ages ("usia 23 tahun pada hari pemungutan suara")
    -> an age bucket, so the filter offers a few choices instead of one per age."""
    import coklit.findings  # noqa: F401 - registers the message the reasons were written with
    from coklit.i18n import t as text

    template = text("temuan.usia", lang, usia="\x00")
    before, _, after = template.partition("\x00")
    distinct = pd.Series(pd.unique(values.astype(str)))
    pattern = "^" + re.escape(before) + r"(\d+)" + re.escape(after) + "$"
    ages = pd.to_numeric(distinct.str.extract(pattern)[0], errors="coerce")
    if ages.notna().sum() < 2:
        return None
    out = {}
    for value, age in zip(distinct, ages, strict=True):
        if pd.isna(age):
            continue
        for low, high in _AGE_BUCKETS:
            if low <= age <= high or (low == _AGE_BUCKETS[0][0] and age < low):
                words = _AGE_OVER_TEXT if high >= 200 else _AGE_BUCKET_TEXT
                out[value] = words.get(lang, words["id"]).format(a=low, b=high)
                break
    return out


def _value_labels(lang: str) -> dict[str, dict[str, str]]:
    """Column -> code -> words, for the codes the tables hold."""
    out = {column: {code: words.get(lang, words["id"]) for code, words in codes.items()}
           for column, codes in VALUE_LABELS.items()}
    categories = texts("category", CATEGORIES, lang)
    for column in _CATEGORY_CODE_COLUMNS:
        out[column] = categories
    return out


def _tps_places(tables: dict[str, pd.DataFrame]) -> dict[str, list[str]]:
    """"kecamatan\u0001kelurahan" -> sorted TPS numbers, from rekap_tps and the findings."""
    pairs: set[tuple[str, str, str]] = set()
    for name, df in tables.items():
        if name in REKAP_TABLES:
            continue
        kec, kel, tps = PLACE_COLUMNS.get(name, _PLACE)
        if not {kec, kel, tps} <= set(df.columns):
            continue
        frame = df[[kec, kel, tps]].astype("string").fillna("").drop_duplicates()
        pairs.update(map(tuple, frame.itertuples(index=False, name=None)))
    out: dict[str, set[str]] = {}
    for kec, kel, tps in pairs:
        if kec and kec != TOTAL_LABEL and tps:
            out.setdefault(f"{kec}\u0001{kel}", set()).add(tps)
    return {k: sorted(v, key=lambda x: (len(x), x)) for k, v in sorted(out.items())}


def _prefix(column: str, lang: str) -> str:
    """Short label shown before a secondary value in a stacked cell (``RT 029``)."""
    base = column.rsplit("_", 1)[0] if column.endswith(("_lapangan", "_dpt")) else column
    if base == "jenis_kelamin":
        return "JK " if lang == "id" else "Sex "
    if base in ("rt", "rw", "tps", "nkk"):
        return column_label(base, lang) + " "
    if base == "kode_kpu":
        return column_label(base, lang) + ": "
    return ""


def _places(tables: dict[str, pd.DataFrame]) -> dict[str, list[str]]:
    """kecamatan -> sorted kelurahan names, from the rekap and every finding table."""
    pairs: set[tuple[str, str]] = set()
    sources = [("rekap_kelurahan", ("kecamatan", "kelurahan")),
               ("rekap_kecamatan", ("kecamatan", None))]
    sources += [(n, (PLACE_COLUMNS.get(n, _PLACE)[0], PLACE_COLUMNS.get(n, _PLACE)[1]))
                for n in tables if n not in REKAP_TABLES]
    for name, (kec, kel) in sources:
        df = tables.get(name)
        if df is None or kec not in df.columns:
            continue
        kel_values = df[kel] if kel and kel in df.columns else pd.Series("", index=df.index)
        frame = pd.DataFrame({"k": df[kec].astype("string").fillna(""),
                              "l": kel_values.astype("string").fillna("")}).drop_duplicates()
        pairs.update(zip(frame["k"], frame["l"], strict=True))
    out: dict[str, set[str]] = {}
    for kec, kel in pairs:
        if not kec or kec == TOTAL_LABEL:
            continue
        out.setdefault(kec, set())
        if kel and kel != TOTAL_LABEL:
            out[kec].add(kel)
    return {k: sorted(out[k]) for k in sorted(out)}


def _to_int(value: Any) -> int | None:
    try:
        number = float(str(value).replace(",", "").strip())
    except ValueError:
        return None
    return int(number) if math.isfinite(number) else None


def _fmt_int(value: Any, lang: str) -> str:
    number = _to_int(value)
    if number is None:
        return "" if value is None else str(value)
    text = f"{number:,}"
    return text.replace(",", ".") if lang == "id" else text


def _rekap(tables: dict[str, pd.DataFrame], lang: str) -> dict[str, Any] | None:
    """Rekap rows for the template: kecamatan rows each with their kelurahan rows, and TOTAL."""
    kec_df = tables.get("rekap_kecamatan")
    if kec_df is None:
        return None
    columns = [c for c in kec_df.columns if c != "kecamatan"]
    kel_df = tables.get("rekap_kelurahan")
    by_kec: dict[str, list[dict[str, Any]]] = {}
    if kel_df is not None and "kecamatan" in kel_df.columns and "kelurahan" in kel_df.columns:
        for record in kel_df.astype("string").fillna("").to_dict("records"):
            if record["kecamatan"] == TOTAL_LABEL or record["kelurahan"] == TOTAL_LABEL:
                continue
            by_kec.setdefault(record["kecamatan"], []).append(
                {"name": record["kelurahan"], "cells": [record.get(c, "") for c in columns]}
            )
    rows, total = [], None
    for record in kec_df.astype("string").fillna("").to_dict("records"):
        row = {
            "name": record["kecamatan"],
            "cells": [record.get(c, "") for c in columns],
            "numbers": {c: _to_int(record.get(c, "")) or 0 for c in columns},
            "kelurahan": by_kec.get(record["kecamatan"], []),
        }
        if record["kecamatan"] == TOTAL_LABEL:
            total = row
        else:
            rows.append(row)
    return {
        "columns": columns,
        "labels": [column_label(c, lang) for c in columns],
        "rows": rows,
        "total": total,
        "minor": [c.startswith("tms_") for c in columns],
    }


def _chart(rekap: dict[str, Any], lang: str) -> dict[str, Any] | None:
    """Geometry of the horizontal stacked bar chart (drawn by the SVG template)."""
    series = [(c, colour) for c, colour in CHART_SERIES if c in rekap["columns"]]
    rows = rekap["rows"]
    if not series or not rows:
        return None
    label_w, bar_h, gap, top, right = 190, 20, 8, 34, 70
    plot_w = 900 - label_w - right
    totals = [sum(r["numbers"][c] for c, _ in series) for r in rows]
    scale = plot_w / max(max(totals), 1)
    bars = []
    for i, (row, total) in enumerate(zip(rows, totals, strict=True)):
        y = top + i * (bar_h + gap)
        x = label_w
        parts = []
        for column, colour in series:
            value = row["numbers"][column]
            width = value * scale
            parts.append({"x": round(x, 1), "w": round(width, 1), "colour": colour,
                          "label": column_label(column, lang), "value": _fmt_int(value, lang)})
            x += width
        bars.append({"name": row["name"], "y": y, "parts": parts, "end": round(x, 1),
                     "total": _fmt_int(total, lang)})
    legend = []
    lx = label_w
    for column, colour in series:
        label = column_label(column, lang)
        legend.append({"x": lx, "colour": colour, "label": label})
        lx += 26 + 7 * len(label)
    return {
        "width": 900,
        "height": top + len(rows) * (bar_h + gap) + 4,
        "bar_h": bar_h,
        "label_w": label_w,
        "bars": bars,
        "legend": legend,
        "title": t("html.rekap_chart", lang),
    }


def _meta_view(meta: dict[str, Any], lang: str) -> dict[str, Any]:
    params = meta.get("parameters") or {}
    parameters, details = [], []
    models = [_model_view(k, v, lang) for k, v in params.items()
              if k in ("model_ganda", "model_cocok") and isinstance(v, dict) and "bobot" in v]
    for k, v in params.items():
        item = {"label": (_PARAM_LABELS.get(k, {}).get(lang) or k), "key": k}
        if isinstance(v, (dict, list)):  # model weights etc.: shown folded, as JSON
            details.append({**item, "value": json.dumps(v, ensure_ascii=False, indent=1,
                                                        default=str)})
        else:
            parameters.append({**item, "value": _plain(v, lang)})
    measures = [{"key": _MEASURE_KEYS.get(str(k), {}).get(lang) or column_label(str(k), lang),
                 "value": _measure(_measure_words(str(k), v, lang), lang)}
                for k, v in (meta.get("measures") or {}).items()]
    skipped = meta.get("lembar_dilewati") or {}
    if skipped:
        measures.append({"key": t("html.skipped", lang),
                         "value": "; ".join(f"{k}: {skip_reason(v, lang)}"
                                           for k, v in skipped.items())})
    inputs = []
    for item in meta.get("inputs") or []:
        inputs.append({
            "role": str(item.get("role", "")),
            "berkas": str(item.get("berkas", "")),
            "path": str(item.get("path", "")),
            "sha256": str(item.get("sha256", "")),
            "rows_read": _fmt_int(item.get("rows_read", ""), lang),
            "rows_used": _fmt_int(item.get("rows_used", ""), lang),
            "rows_rejected": _fmt_int(item.get("rows_rejected", ""), lang),
        })
    return {
        "command": str(meta.get("command", "")),
        "kecamatan": str(meta.get("kecamatan") or ""),
        "version": str(meta.get("version") or __version__),
        "created": str(meta.get("created", "")),
        "parameters": parameters,
        "parameter_details": details,
        "models": models,
        "measures": measures,
        "inputs": inputs,
        "columns": column_mapping(meta.get("inputs") or []),
    }


def _model_view(key: str, model: dict[str, Any], lang: str) -> dict[str, Any]:
    """A fitted model as the report shows it: where m came from, the prior, the expected
    errors, and one row per comparison level with its weight in bits in every stratum (the
    weights applied; term-frequency adjusted levels are marked)."""
    spec = model.get("spesifikasi", {})
    rows = []
    strata_names: list[str] = []
    for comparison in spec.get("perbandingan", []):
        name = comparison["nama"]
        weights = model["bobot"].get(name, {})
        strata = ["lain", *comparison.get("bersyarat", [])]
        tables = [weights] if not comparison.get("bersyarat") else [weights[s] for s in strata]
        for s in strata[1:]:
            if s not in strata_names:
                strata_names.append(s)
        levels = comparison["tingkat"]
        tf_from = levels.index(comparison.get("frekuensi_dari") or levels[-1])
        for k_level, level in enumerate(levels):
            by_stratum = {s: tables[k].get(level) for k, s in enumerate(strata)}
            rows.append({
                "comparison": name,
                # a model read from an older info_proses.json may name a level unknown here
                "level": (t(f"reason.{name}.{level}", lang) if f"reason.{name}.{level}" in MESSAGES
                          else level),
                "tf": bool(comparison.get("frekuensi_nilai")) and k_level >= tf_from,
                "weights": by_stratum,
            })
    columns = ["lain", *strata_names]
    for row in rows:
        row["cells"] = [("" if row["weights"].get(s) is None else _signed(row["weights"][s], lang))
                        for s in columns]
    sessions = [s["nama"] for s in model.get("sesi_em", []) if s.get("dipakai")]
    return {
        "label": _PARAM_LABELS.get(key, {}).get(lang, key),
        "sessions": ", ".join(sessions),
        "em": bool(sessions),
        "reused": bool(model.get("dipakai_ulang")),
        "prior": _odds(model.get("peluang_awal"), lang),
        "pairs": _fmt_int(model.get("pasangan_kandidat", ""), lang),
        "expected_false": _decimal(model.get("perkiraan_keliru", 0), lang),
        "expected_missed": _decimal(model.get("perkiraan_terlewat", 0), lang),
        "columns": [_STRATUM_LABELS.get(s, {}).get(lang, s.replace("_", " ")) for s in columns],
        "rows": rows,
        "notes": list(spec.get("catatan", [])),
    }


_STRATUM_LABELS: dict[str, dict[str, str]] = family("stratum")


# Words for the keys of meta["measures"] (step timings, field outcomes).
_MEASURE_KEYS: dict[str, dict[str, str]] = family("measure")
_STEP_LABELS: dict[str, dict[str, str]] = family("step_label")


def _measure_words(key: str, value: Any, lang: str) -> Any:
    """Step timings as "membaca 4,2 dtk" and outcome codes as words."""
    if not isinstance(value, dict):
        return value
    if key == "detik":
        unit = "dtk" if lang == "id" else "s"
        return {_STEP_LABELS.get(str(k), {}).get(lang, str(k)): f"{_decimal(v, lang)} {unit}"
                for k, v in value.items()}
    if key == "lapangan":
        words = VALUE_LABELS["hasil"]
        return {words.get(str(k), {}).get(lang, str(k)): v for k, v in value.items()}
    return value


def _odds(value: Any, lang: str) -> str:
    """A small probability as "1 dari 590.108" (a raw 1.69459e-06 says nothing to an
    officer)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "" if value is None else str(value)
    if not 0 < number < 1:
        return _decimal(number, lang)
    return t("html.odds", lang, n=_fmt_int(round(1 / number), lang))


def _signed(value: float, lang: str) -> str:
    text = f"{value:+.1f}"
    return text.replace(".", ",") if lang == "id" else text


def _decimal(value: Any, lang: str) -> str:
    try:
        text = f"{float(value):.1f}"
    except (TypeError, ValueError):
        return str(value)
    return text.replace(".", ",") if lang == "id" else text


def _measure(value: Any, lang: str) -> str:
    """``{"dpt": {"dibaca": 5000}}`` -> ``dpt: dibaca 5.000``; numbers with separators."""
    if isinstance(value, dict):
        parts = []
        for k, v in value.items():
            inner = _measure(v, lang)
            parts.append(f"{k}: {inner}" if isinstance(v, dict) else f"{k} {inner}")
        return ("; " if any(isinstance(v, dict) for v in value.values()) else ", ").join(parts)
    if isinstance(value, bool):
        return _plain(value, lang)
    if isinstance(value, int):
        return _fmt_int(value, lang)
    return _plain(value, lang)


def _plain(value: Any, lang: str = "id") -> str:
    if isinstance(value, bool):
        return t("word.yes" if value else "word.no", lang)
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)
