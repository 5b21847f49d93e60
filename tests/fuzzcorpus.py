"""A seeded generator of mutated CSV and XLSX inputs for the fuzz suite (tests/test_fuzz.py).

Each case starts from a small, plausible voter table (several header spellings, title blocks,
sheet-per-TPS workbooks, field worksheets) and gets one to three mutations: byte-level damage
(flips, cuts, NULs, repeats), CSV-level damage (stray and unterminated quotes, ragged rows,
wrong delimiters, line ends, encodings with and without BOM, very long values), value-level
oddities (formulas, Arabic and emoji names, NIKs in scientific notation, two-digit years),
and for workbooks cell types, empty and header-less sheets, far-away cells and damaged ZIP
parts. All data is synthetic. The same seed gives the same cases.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile
from dataclasses import dataclass

import xlsxwriter

HEADERS = [
    ["NIK", "NKK", "NAMA", "TEMPAT LAHIR", "TANGGAL LAHIR", "JK", "ALAMAT", "RT", "RW", "TPS",
     "KELURAHAN", "KECAMATAN", "KETERANGAN"],
    ["KECAMATAN", "DESA", "DPID", "NKK", "NIK", "NAMA", "JK", "TMPT_LHR", "TGL_LHR", "STS",
     "ALAMAT", "RT", "RW", "DIS", "KTPel", "SUMBER", "KET", "TPS"],
    ["No", "No KK", "NIK", "Nama Lengkap", "Tgl Lahir", "L/P", "Alamat Rumah", "No TPS",
     "Status"],
    ["NAMA", "NIK"],
]
NAMES = ["SITI AMINAH", "MUHAMMAD RIZKI", "BUDI SANTOSO", "H. ACHMAD, S.PD.", "NYAYU ZAHRA",
         "LIEM SWIE KING", "DEWI", "محمد عبد الله", "ÉLODIE", "=HYPERLINK(\"x\")", "@SUM(1)",
         "-", "", "12345", "R.A. KARTINI BINTI SOEKARNO", "😀 EMOJI"]
DATES = ["12-03-1985", "05/06/1990", "1975-08-17", "01-01-24", "1990", "31-02-1990",
         "32874", "12 Januari 1990", "", "00-00-0000", "24101999", "1.5E+4"]
KECAMATAN = ["ILIR BARAT II", "IB II", "KEMUNING", "SEBERANG ULU I", "", "CON", "K" * 120]
STATUS = ["", "MS", "B", "U", "1", "1 MENINGGAL", "PINDAH", "TNI", "8", "BARU 17", "???"]


@dataclass
class Case:
    name: str  # file name (the suffix says CSV or XLSX)
    data: bytes
    recipe: str  # what was done, for the failure message


def _nik(rng: random.Random) -> str:
    kind = rng.random()
    base = f"1671{rng.randint(1, 18):02d}{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}" \
           f"{rng.randint(50, 99):02d}{rng.randint(1, 9999):04d}"
    if kind < 0.7:
        return base
    if kind < 0.8:
        return base[:6] + "*" * 10
    if kind < 0.9:
        return "1.67101E+15"
    return base[: rng.randint(0, 15)]


def _table(rng: random.Random) -> list[list[str]]:
    header = list(rng.choice(HEADERS))
    rows = [header]
    for _ in range(rng.randint(0, 14)):
        row = []
        for column in header:
            key = column.upper()
            if "NIK" in key or "KK" in key:
                row.append(_nik(rng))
            elif "NAMA" in key:
                row.append(rng.choice(NAMES))
            elif "TGL" in key or "TANGGAL" in key:
                row.append(rng.choice(DATES))
            elif key in ("KECAMATAN",):
                row.append(rng.choice(KECAMATAN))
            elif key in ("KET", "KETERANGAN", "STATUS", "STS"):
                row.append(rng.choice(STATUS))
            elif "TPS" in key or key in ("RT", "RW", "NO"):
                row.append(str(rng.randint(1, 30)))
            elif key in ("JK", "L/P"):
                row.append(rng.choice(["L", "P", "X", ""]))
            else:
                row.append(rng.choice(["JL. MAWAR", "LR. PINANG RT 01", "35 ILIR", "X, Y", ""]))
        rows.append(row)
    if rng.random() < 0.2:  # a title block above the header
        rows[:0] = [["DAFTAR PEMILIH"], ["KECAMATAN : KEMUNING"], ["TPS : 005"], []]
    if rng.random() < 0.1:  # no header at all
        rows = rows[1:]
    if rng.random() < 0.1 and len(rows) > 3:  # the header repeated in the middle
        rows.insert(len(rows) // 2, header)
    return rows


def _csv_text(rng: random.Random, rows: list[list[str]], delimiter: str) -> str:
    out = []
    for row in rows:
        cells = []
        for cell in row:
            if delimiter in cell or '"' in cell or "\n" in cell or rng.random() < 0.05:
                cells.append('"' + cell.replace('"', '""') + '"')
            else:
                cells.append(cell)
        out.append(delimiter.join(cells))
    end = rng.choice(["\n", "\r\n", "\r", "\n"])
    return end.join(out) + (end if rng.random() < 0.8 else "")


# --- CSV mutations ----------------------------------------------------------------------------


def _m_flip(rng, data: bytes) -> bytes:
    if not data:
        return data
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def _m_cut(rng, data: bytes) -> bytes:
    return data[: rng.randint(0, len(data))]


def _m_insert(rng, data: bytes) -> bytes:
    at = rng.randint(0, len(data))
    piece = rng.choice([b'"', b'""', b",", b";", b"\t", b"|", b"\n", b"\r", b"\x00", b"'=1+1",
                        b"\xef\xbb\xbf", b"\xff\xfe", "é".encode(), b"\xe9", b",,,,,,,,,,"])
    return data[:at] + piece * rng.randint(1, 3) + data[at:]


def _m_unterminated(rng, data: bytes) -> bytes:
    lines = data.split(b"\n")
    if len(lines) > 2:
        i = rng.randint(1, len(lines) - 1)
        cells = lines[i].split(b",")
        j = rng.randrange(len(cells))
        cells[j] = b'"' + cells[j]
        lines[i] = b",".join(cells)
    return b"\n".join(lines)


def _m_ragged(rng, data: bytes) -> bytes:
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 3)):
        if len(lines) < 2:
            break
        i = rng.randint(1, len(lines) - 1)
        if rng.random() < 0.5:
            lines[i] += b",EXTRA" * rng.randint(1, 4)
        else:
            lines[i] = b",".join(lines[i].split(b",")[: rng.randint(0, 3)])
    return b"\n".join(lines)


def _m_duplicate(rng, data: bytes) -> bytes:
    if not data:
        return data
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.randint(1, 200))
    return data[:b] + data[a:b] * rng.randint(1, 4) + data[b:]


def _m_long(rng, data: bytes) -> bytes:
    size = rng.choice([5_000, 40_000, 140_000])  # below, above the cell limit; pyarrow/python
    at = data.find(b"\n") + 1 if b"\n" in data else 0
    return data[:at] + b"1671010101900001," + b"A" * size + b",01-01-1990\n" + data[at:]


def _m_encoding(rng, data: bytes) -> bytes:
    text = data.decode("utf-8", "replace")
    codec = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1", "utf-8-sig"])
    return text.encode(codec, "replace")


def _m_blank(rng, data: bytes) -> bytes:
    return rng.choice([b"", b"\n\n\n", b" ", b"\xef\xbb\xbf", b",,,\n,,,\n", b"NIK,NAMA\n"])


CSV_MUTATIONS = [_m_flip, _m_cut, _m_insert, _m_unterminated, _m_ragged, _m_duplicate,
                 _m_long, _m_encoding, _m_blank]
CSV_WEIGHTS = [10, 6, 14, 12, 12, 6, 3, 6, 2]


def csv_case(rng: random.Random, index: int) -> Case:
    rows = _table(rng)
    delimiter = rng.choice([",", ",", ";", "\t", "|"])
    data = _csv_text(rng, rows, delimiter).encode("utf-8")
    steps = []
    for _ in range(rng.randint(0, 3)):
        mutation = rng.choices(CSV_MUTATIONS, CSV_WEIGHTS)[0]
        data = mutation(rng, data)
        steps.append(mutation.__name__[3:])
    suffix = rng.choice([".csv", ".csv", ".tsv", ".txt"])
    return Case(f"f{index:05d}{suffix}", data, f"csv delim={delimiter!r} {'+'.join(steps)}")


# --- XLSX -------------------------------------------------------------------------------------


def _xlsx_bytes(rng: random.Random) -> tuple[bytes, str]:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    date = book.add_format({"num_format": "dd-mm-yyyy"})
    steps = []
    for s in range(rng.randint(1, 3)):
        sheet = book.add_worksheet(rng.choice([f"TPS {s + 1:03d}", f"Sheet{s + 1}", f"X{s}"]))
        kind = rng.random()
        if kind < 0.1:
            steps.append("empty-sheet")
            continue
        rows = _table(rng)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                choice = rng.random()
                if value.isdigit() and len(value) >= 15 and choice < 0.4:
                    sheet.write_number(r, c, float(value))  # a NIK stored as a number
                elif value.count("-") == 2 and choice < 0.3:
                    try:
                        d, m, y = map(int, value.split("-"))
                        sheet.write_datetime(r, c, dt.datetime(y, m, d), date)
                    except ValueError:
                        sheet.write_string(r, c, value)
                elif choice < 0.03:
                    sheet.write_boolean(r, c, rng.random() < 0.5)
                elif choice < 0.05:
                    sheet.write_number(r, c, rng.uniform(-1e20, 1e20))
                else:
                    sheet.write_string(r, c, value)
        if rng.random() < 0.05:
            far = rng.choice(["Z30000", "AZ200", "XFD1048576", "R1048576", "C2000000"])
            try:
                sheet.write(far, "x")
                steps.append(f"far={far}")
            except Exception:  # noqa: BLE001 - xlsxwriter refuses refs beyond Excel's grid
                steps.append("far-refused")
        if rng.random() < 0.05:
            sheet.write_string(len(rows), 0, "A" * rng.choice([10_000, 32_767]))
            steps.append("long-cell")
    book.close()
    return buffer.getvalue(), "+".join(steps)


def _zip_damage(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    kind = rng.random()
    if kind < 0.4:
        return _m_flip(rng, data), "zip-flip"
    if kind < 0.6:
        return data[: rng.randint(0, len(data))], "zip-cut"
    # rewrite the sheet XML with damage inside the archive
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename.startswith("xl/worksheets/sheet") and rng.random() < 0.8:
                text = part.decode("utf-8", "replace")
                damage = rng.choice([
                    lambda t: t.replace('r="', 'r="Q', 1),
                    lambda t: t.replace("</row>", "", 1),
                    lambda t: t.replace('<c r="A2"', '<c r="A-1"', 1),
                    lambda t: t.replace('<row r="2"', '<row r="99999999"', 1),
                    lambda t: t.replace(' r="', ' x="', 3),
                    lambda t: t.replace("<sheetData>", "<sheetData>" + "<row/>" * 50, 1),
                    lambda t: t[: len(t) // 2],
                ])
                part = damage(text).encode("utf-8")
            target.writestr(info.filename, part)
    return out.getvalue(), "xml-damage"


_SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://'
               'schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
_PARTS = {
    "[Content_Types].xml":
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
        'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    "_rels/.rels":
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>',
    "xl/workbook.xml":
        '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships"><sheets><sheet name="DPT" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels":
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
        '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '</Relationships>',
}


def _letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _handmade_xlsx(rng: random.Random) -> tuple[bytes, str]:
    """A minimal workbook written directly (fast, and free to be odd): inline strings and
    numbers, cells with or without positions, rows out of order, far cells."""
    rows = _table(rng)
    implied = rng.random() < 0.2
    xml = [_SHEET_HEAD]
    order = list(range(len(rows)))
    if rng.random() < 0.1:
        rng.shuffle(order)
    for r in order:
        xml.append("<row>" if implied else f'<row r="{r + 1}">')
        for c, value in enumerate(rows[r]):
            ref = "" if implied else f' r="{_letters(c + 1)}{r + 1}"'
            if value.isdigit() and len(value) < 17 and rng.random() < 0.5:
                xml.append(f"<c{ref}><v>{value}</v></c>")
            else:
                xml.append(f'<c{ref} t="inlineStr"><is><t>{_escape(value)}</t></is></c>')
        xml.append("</row>")
    steps = "handmade" + ("-implied" if implied else "")
    if rng.random() < 0.08:
        far_row, far_col = rng.choice([(1_048_576, 16_384), (1_048_576, 18), (60_000, 40),
                                       (5, 3_000), (2_000_000, 1)])
        xml.append(f'<row r="{far_row}"><c r="{_letters(far_col)}{far_row}" t="inlineStr">'
                   f"<is><t>x</t></is></c></row>")
        steps += f"-far{far_row}x{far_col}"
    xml.append("</sheetData></worksheet>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in _PARTS.items():
            book.writestr(name, text)
        book.writestr("xl/worksheets/sheet1.xml", "".join(xml))
    return out.getvalue(), steps


def xlsx_case(rng: random.Random, index: int) -> Case:
    data, steps = _xlsx_bytes(rng) if rng.random() < 0.3 else _handmade_xlsx(rng)
    if rng.random() < 0.35:
        data, damage = _zip_damage(rng, data)
        steps = f"{steps}+{damage}"
    return Case(f"w{index:05d}.xlsx", data, f"xlsx {steps}")


def corpus(seed: int, n_csv: int, n_xlsx: int) -> list[Case]:
    """``n_csv`` CSV and ``n_xlsx`` XLSX cases from ``seed`` (the same seed, the same cases)."""
    rng = random.Random(seed)
    cases = [csv_case(rng, i) for i in range(n_csv)]
    cases += [xlsx_case(rng, i) for i in range(n_xlsx)]
    return cases


# --- work done in worker processes (importable, so a pool can run it) -------------------------


def _where(error: BaseException) -> str:
    import traceback
    from pathlib import Path

    frame = traceback.extract_tb(error.__traceback__)[-1]
    return f"{type(error).__name__}: {str(error)[:200]} at {Path(frame.filename).name}:{frame.lineno}"


def read_one(path: str) -> tuple[str, str, int, str]:
    """Read one file as a voter list: ("read", "", records, problem) or ("refused", key, 0,
    problem) or ("unexpected", "", 0, what). ``problem`` is "" when all invariants hold."""
    from coklit.config import ReadConfig
    from coklit.errors import CoklitError
    from coklit.schema import load_dataset

    try:
        dataset = load_dataset([path], "dpt", ReadConfig(swap_check=False))
    except CoklitError as error:
        message = error.message()
        odd = "" if message.strip() and "Traceback" not in message else f"odd message {message!r}"
        return "refused", error.key, 0, odd
    except Exception as error:  # noqa: BLE001 - the point is to catch everything
        return "unexpected", "", 0, _where(error)
    problems = [f"{i.berkas}: read {i.rows_read} != {i.rows_used} + {i.rows_rejected}"
                for i in dataset.files if i.rows_read != i.rows_used + i.rows_rejected]
    if dataset.rows_read != len(dataset.records) + len(dataset.rejected):
        problems.append("records + rejected != rows read")
    return "read", "", len(dataset.records), "; ".join(problems)


def run_job(job: str, paths: list[str], out: str | None, per_kecamatan: bool) -> str:
    """One pipeline run over a batch of files (and its outputs when ``out``): "" when it
    finished or refused with a CoklitError, else what went wrong."""
    from pathlib import Path

    from coklit.config import OutputConfig, ReadConfig, RunConfig
    from coklit.errors import CoklitError
    from coklit.pipeline import run_check, run_dedupe, run_validate
    from coklit.report import write_outputs

    cfg = RunConfig(read=ReadConfig(swap_check=False))
    try:
        if job == "validate":
            result = run_validate(paths, cfg)
        elif job == "dedupe":
            result = run_dedupe(paths, cfg)
        else:
            result = run_check(paths[:-3] or paths[:1], paths[-3:], cfg)
        if out:
            write_outputs(result, Path(out), OutputConfig(per_kecamatan=per_kecamatan))
    except CoklitError:
        return ""
    except Exception as error:  # noqa: BLE001
        return _where(error)
    return ""
