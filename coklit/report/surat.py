"""Saran perbaikan: one A4 document per kecamatan or kelurahan from a result folder.

``coklit surat HASIL --per kecamatan|kelurahan --out SURAT`` writes, per area, an editable DOCX
(python-docx) and a print-ready HTML file with the same content: heading, the area and whom
the letter is for (PPK for a kecamatan, PPS for a kelurahan), the findings by category with the
KPU code and the evidence, where each one is (kelurahan, TPS, file and row), the totals, and
signature blocks. Findings an officer marked ``keliru`` (``status_cek``) are left out.

The tables are masked exactly as every other output (``coklit.report.shareable``) unless full
data is asked for and the folder holds it.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from coklit.i18n import t
from coklit.report import safe_name
from coklit.results import RunResult

# (table, category key, columns: (header key, column or columns joined))
SECTIONS: tuple[str, ...] = ("tms", "ganda", "belum_terdaftar", "tidak_valid")
DOCX_SUFFIX, HTML_SUFFIX = ".docx", ".html"
NO_AREA = "(TANPA WILAYAH)"


@dataclass
class Letter:
    """One area's letter: where, and its findings per section as display rows."""

    level: str
    area: str
    kecamatan: str
    sections: dict[str, pd.DataFrame]

    @property
    def total(self) -> int:
        return int(sum(len(s) for s in self.sections.values()))


def _not_wrong(table: pd.DataFrame) -> pd.DataFrame:
    if "status_cek" not in table:
        return table
    return table[table["status_cek"].astype(str).str.strip().str.lower() != "keliru"]


def _rows(name: str, table: pd.DataFrame) -> pd.DataFrame:
    """A finding table as the letter's columns (all text)."""
    table = table.fillna("").astype(str)
    place = table.get("kelurahan", "") + " / TPS " + table.get("tps", "")
    source = table.get("berkas", "") + " : " + table.get("baris", "")
    if name == "tms":
        kode, bukti = table["kode_kpu"], table["kategori_nama"] + "; " + table["bukti"]
    elif name == "ganda":
        kode = pd.Series("2", index=table.index)
        bukti = table["alasan"]
    elif name == "belum_terdaftar":
        kode = pd.Series("", index=table.index)
        bukti = table["alasan_memenuhi_syarat"]
    else:  # tidak_valid
        kode = pd.Series("U", index=table.index)
        bukti = table["keterangan"]
    out = pd.DataFrame({
        "nama": table.get("nama", ""), "nik": table.get("nik", ""), "tempat": place,
        "baris": source, "kode": kode, "bukti": bukti,
        "kecamatan": table.get("kecamatan", ""), "kelurahan": table.get("kelurahan", ""),
    })
    if name == "ganda":
        out.insert(0, "grup", table["grup"])
    return out.reset_index(drop=True)


def letters(result: RunResult, level: str) -> list[Letter]:
    """One :class:`Letter` per kecamatan (``level="kecamatan"``) or kelurahan, in name order,
    for every area with at least one finding."""
    if level not in ("kecamatan", "kelurahan"):
        from coklit.errors import OptionError

        raise OptionError("surat.bad_level", value=level)
    parts = {name: _rows(name, _not_wrong(result.tables[name]))
             for name in SECTIONS if name in result.tables}
    keys = ["kecamatan"] if level == "kecamatan" else ["kecamatan", "kelurahan"]
    areas = sorted({tuple(v) for p in parts.values() for v in p[keys].itertuples(index=False)})
    out = []
    for area in areas:
        sections = {}
        for name, rows in parts.items():
            mask = pd.Series(True, index=rows.index)
            for key, value in zip(keys, area, strict=True):
                mask &= rows[key] == value
            sections[name] = rows[mask].reset_index(drop=True)
        shown = area[-1] or NO_AREA
        out.append(Letter(level, shown, area[0] or NO_AREA, sections))
    return out


def _columns(name: str) -> list[tuple[str, str]]:
    cols = [("no", ""), ("nama", "nama"), ("nik", "nik"), ("tempat", "tempat"),
            ("baris", "baris"), ("kode", "kode"), ("bukti", "bukti")]
    if name == "ganda":
        cols.insert(1, ("grup", "grup"))
    return cols


def _texts(letter: Letter, lang: str, year: int) -> dict[str, str]:
    kel = letter.level == "kelurahan"
    area_words = (f"Kelurahan/Desa {letter.area}, Kecamatan {letter.kecamatan}" if kel
                  else f"Kecamatan {letter.area}")
    return {
        "title": t("surat.title", lang),
        "number": t("surat.number", lang, year=year),
        "to": (t("surat.to_kelurahan", lang, area=letter.area, kecamatan=letter.kecamatan)
               if kel else t("surat.to_kecamatan", lang, area=letter.area)),
        "subject": t("surat.subject", lang),
        "opening": t("surat.opening", lang, area=area_words, total=letter.total),
        "closing": t("surat.closing", lang),
        "place_date": t("surat.place_date", lang, year=year),
        "sign_left": t("surat.sign_left", lang),
        "receiver": t(f"surat.receiver_{letter.level}", lang, area=letter.area),
        "sign_right": t(f"surat.sign_right_{letter.level}", lang, area=letter.area),
        "name_line": t("surat.name_line", lang),
        "masked": t("surat.masked", lang),
    }


def file_stem(letter: Letter) -> str:
    if letter.level == "kelurahan":
        return f"{safe_name(letter.kecamatan)}__{safe_name(letter.area)}"
    return safe_name(letter.area)


# --- DOCX -------------------------------------------------------------------------------------

def write_docx(letter: Letter, path: Path, lang: str, masked: bool, year: int) -> Path:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    text = _texts(letter, lang, year)
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    section.top_margin = section.bottom_margin = Cm(2.0)
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(10.5)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(text["title"])
    run.bold = True
    run.font.size = Pt(13)
    number = doc.add_paragraph(text["number"])
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(text["to"])
    doc.add_paragraph(text["subject"])
    doc.add_paragraph(text["opening"])

    for name in SECTIONS:
        rows = letter.sections.get(name)
        if rows is None:
            continue
        heading = doc.add_paragraph()
        heading.add_run(f"{t(f'surat.section.{name}', lang)} ({len(rows)})").bold = True
        if rows.empty:
            doc.add_paragraph(t("surat.none", lang))
            continue
        columns = _columns(name)
        table = doc.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        for cell, (key, _) in zip(table.rows[0].cells, columns, strict=True):
            cell.text = t(f"surat.col.{key}", lang)
            cell.paragraphs[0].runs[0].bold = True
        for k, record in enumerate(rows.to_dict("records"), start=1):
            cells = table.add_row().cells
            for cell, (key, column) in zip(cells, columns, strict=True):
                cell.text = str(k) if key == "no" else str(record[column])
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for r in paragraph.runs:
                        r.font.size = Pt(8.5)
        _repeat_header(table)

    doc.add_paragraph()
    doc.add_paragraph().add_run(t("surat.totals", lang)).bold = True
    totals = doc.add_table(rows=0, cols=2)
    totals.style = "Table Grid"
    for name in SECTIONS:
        if name in letter.sections:
            cells = totals.add_row().cells
            cells[0].text = t(f"surat.section.{name}", lang).split(" — ")[0]
            cells[1].text = str(len(letter.sections[name]))
    cells = totals.add_row().cells
    cells[0].text = t("surat.total_row", lang)
    cells[1].text = str(letter.total)
    for cell in cells:
        cell.paragraphs[0].runs[0].bold = True

    doc.add_paragraph()
    doc.add_paragraph(text["closing"])
    date = doc.add_paragraph(text["place_date"])
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signs = doc.add_table(rows=4, cols=2)
    signs.rows[0].cells[0].text = text["sign_left"]
    signs.rows[0].cells[1].text = text["sign_right"]
    signs.rows[1].cells[0].text = text["receiver"]
    signs.rows[2].cells[0].text = "\n\n\n"
    signs.rows[3].cells[0].text = text["name_line"]
    signs.rows[3].cells[1].text = text["name_line"]
    if masked:
        note = doc.add_paragraph(text["masked"])
        note.runs[0].font.size = Pt(8)
        note.runs[0].italic = True
    doc.save(str(path))
    return path


def _repeat_header(table) -> None:
    """The header row repeats on every page the table runs over."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


# --- HTML -------------------------------------------------------------------------------------

_CSS = """
@page { size: A4 portrait; margin: 18mm 16mm; }
body { font-family: Arial, "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 10.5pt;
       color: #000; max-width: 180mm; margin: 0 auto; line-height: 1.35; }
h1 { font-size: 13pt; text-align: center; margin: 0; }
p.number { text-align: center; margin-top: 2px; }
h2 { font-size: 10.5pt; margin: 14px 0 4px; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
th, td { border: 1px solid #000; padding: 2px 4px; vertical-align: top; text-align: left; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
table.totals { width: 60%; }
table.signs { font-size: 10.5pt; margin-top: 8px; }
table.signs td { border: 0; width: 50%; }
td.space { height: 60px; }
p.date { text-align: right; }
p.masked { font-size: 8pt; font-style: italic; }
"""


def render_html(letter: Letter, lang: str, masked: bool, year: int) -> str:
    text = {k: html.escape(v) for k, v in _texts(letter, lang, year).items()}
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(lang)}"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        'style-src \'unsafe-inline\'">',
        f"<title>{text['title']} — {e(letter.area)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{text['title']}</h1>",
        f'<p class="number">{text["number"]}</p>',
        f"<p>{text['to']}</p><p>{text['subject']}</p><p>{text['opening']}</p>",
    ]
    for name in SECTIONS:
        rows = letter.sections.get(name)
        if rows is None:
            continue
        parts.append(f"<h2>{e(t(f'surat.section.{name}', lang))} ({len(rows)})</h2>")
        if rows.empty:
            parts.append(f"<p>{e(t('surat.none', lang))}</p>")
            continue
        columns = _columns(name)
        head = "".join(f"<th>{e(t(f'surat.col.{key}', lang))}</th>" for key, _ in columns)
        body = []
        for k, record in enumerate(rows.to_dict("records"), start=1):
            cells = "".join(f"<td>{k if key == 'no' else e(str(record[column]))}</td>"
                            for key, column in columns)
            body.append(f"<tr>{cells}</tr>")
        parts.append(f'<table class="findings" data-section="{name}"><thead><tr>{head}</tr>'
                     f"</thead><tbody>{''.join(body)}</tbody></table>")
    total_rows = "".join(
        f"<tr><td>{e(t(f'surat.section.{n}', lang).split(' — ')[0])}</td>"
        f"<td>{len(letter.sections[n])}</td></tr>" for n in SECTIONS if n in letter.sections)
    parts.append(f"<h2>{e(t('surat.totals', lang))}</h2><table class=\"totals\">{total_rows}"
                 f"<tr><th>{e(t('surat.total_row', lang))}</th><th>{letter.total}</th></tr>"
                 "</table>")
    parts.append(f"<p>{text['closing']}</p><p class=\"date\">{text['place_date']}</p>")
    parts.append(
        '<table class="signs">'
        f"<tr><td>{text['sign_left']}<br>{text['receiver']}</td><td>{text['sign_right']}</td></tr>"
        '<tr><td class="space"></td><td class="space"></td></tr>'
        f"<tr><td>{text['name_line']}</td><td>{text['name_line']}</td></tr></table>")
    if masked:
        parts.append(f'<p class="masked">{text["masked"]}</p>')
    parts.append("</body></html>")
    return "\n".join(parts)


def write_letters(result: RunResult, out: Path, level: str, lang: str = "id",
                  masked: bool = True, year: int | None = None) -> list[Path]:
    """Write ``<area>.docx`` and ``<area>.html`` per area into ``out``; returns the paths."""
    year = year or dt.date.today().year
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for letter in letters(result, level):
        stem = file_stem(letter)
        written.append(write_docx(letter, out / f"{stem}{DOCX_SUFFIX}", lang, masked, year))
        path = out / f"{stem}{HTML_SUFFIX}"
        path.write_text(render_html(letter, lang, masked, year), encoding="utf-8")
        written.append(path)
    return written
