"""Print a result folder's ``laporan.html`` to PDF with headless chromium and check that every
row of every printed table is in the PDF.

    python benchmarks/print_pdf.py RESULT_DIR [--pdf PATH] [--fragment '#kecamatan=X']
                                   [--json PATH]

Chromium prints the page as a user's "Save as PDF" does (the page's ``beforeprint`` handler
renders every filtered row). The text of each page is extracted with pypdfium2
(``pip install pypdfium2``; a test and benchmark dependency only) and split into the report's
sections by their headings (each finding table starts a new page). Then, per table:

- a table with ``berkas : baris`` cells (every finding table): the multiset of
  ``berkas : baris`` pairs printed in its section must equal the one the CSV gives for those
  cells, row by row, so a missing, cut or doubled row fails;
- a table without them: the first value of each row must be in the section;
- a long supporting table that the report leaves out of a printout (``PRINT_LIMITED``) must say
  so with its row count instead.

Prints one line per table and the totals (pages, seconds, rows checked); ``--json`` writes them.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from coklit.report import load_result  # noqa: E402
from coklit.report.html import (  # noqa: E402
    LAYOUTS,
    PRINT_LIMIT,
    PRINT_LIMITED,
    _fmt_int,
    _table_spec,
)
from coklit.report.labels import REKAP_TABLES, ordered_tables, table_title  # noqa: E402
from coklit.results import TOTAL_LABEL  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")


def pair_pattern(files: set[str]) -> re.Pattern[str]:
    """``berkas : baris`` as a join cell prints it, for the given file names."""
    names = "|".join(map(re.escape, sorted(files, key=len, reverse=True)))
    return re.compile(rf"(?<!\S)({names}) : (\d+)(?!\d)")


@dataclass
class TableCheck:
    table: str
    rows: int  # rows (or groups' rows) in the CSV
    printed: bool  # False: left out of the printout with a note
    checked: int  # rows found in the PDF
    problems: list[str]


def print_to_pdf(html: Path, pdf: Path, fragment: str = "", timeout: int = 900) -> float:
    """Print ``html`` (with a URL fragment: the report's filters) to ``pdf``; seconds taken."""
    with tempfile.TemporaryDirectory(prefix="coklit-print-") as profile:
        cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
               "--no-first-run", "--disable-background-networking",
               f"--user-data-dir={profile}", "--host-resolver-rules=MAP * ~NOTFOUND",
               "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri() + fragment]
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        seconds = time.perf_counter() - start
    if proc.returncode != 0 or not pdf.is_file():
        raise RuntimeError(f"chromium printed no PDF (exit {proc.returncode}): {proc.stderr[-800:]}")
    return seconds


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, words separated by one space.

    Rebuilt from each character's box rather than taken from the PDF's text layer as it
    comes, where a table cell's text can come out spaced letter by letter
    (``l a p a n g a n . c s v``): a space goes where the gap to the previous character is
    wider than an eighth of the character's height, or where a new line starts."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    document = pypdfium2.PdfDocument(str(pdf))
    texts = []
    try:
        for k in range(len(document)):
            page = document[k].get_textpage()
            out: list[str] = []
            prev: tuple[float, float, float, float] | None = None
            for i in range(page.count_chars()):
                char = chr(pdfium_c.FPDFText_GetUnicode(page.raw, i))
                if char.isspace() or char == "\0":
                    continue
                left, bottom, right, top = page.get_charbox(i, loose=True)
                if prev is not None:
                    height = max(top - bottom, prev[3] - prev[1], 1.0)
                    new_line = abs((bottom + top) - (prev[1] + prev[3])) / 2 > height / 2
                    if new_line or left < prev[0] or left - prev[2] > height / 8:
                        out.append(" ")
                out.append(char)
                prev = (left, bottom, right, top)
            texts.append("".join(out))
    finally:
        document.close()
    return texts


def sections(texts: list[str], names: list[str], lang: str) -> dict[str, list[str]]:
    """Table name -> the pages from its heading to the next table's heading."""
    heads = {f"{table_title(n, lang)} (": n for n in names}
    out: dict[str, list[str]] = {}
    current: str | None = None
    for text in texts:
        current = next((n for h, n in heads.items() if text.startswith(h)), current)
        if current is not None:
            out.setdefault(current, []).append(text)
    return out


def _pairs(table, name: str) -> Counter[tuple[str, str]]:
    """Every ``berkas : baris`` the table's join cells print, with multiplicity."""
    found: Counter[tuple[str, str]] = Counter()
    for kind, cols, _, _ in LAYOUTS.get(name, []):
        if kind != "join" or not set(cols) <= set(table.columns):
            continue
        frame = table[list(cols)].astype(str)
        both = frame[(frame[cols[0]] != "") & (frame[cols[1]] != "")]
        found.update(zip(both[cols[0]], both[cols[1]], strict=True))
    return found


def _rekap_check(tables: dict, name: str, text: str, lang: str) -> TableCheck:
    """The rekap the page prints as a table (kecamatan rows, their kelurahan rows, TOTAL):
    each row as one line of the name and every number, so a column cut at the page edge
    fails."""
    table = tables[name].astype(str)
    if name == "rekap_kelurahan":  # printed under their kecamatan, without the totals
        table = table[(table["kelurahan"] != TOTAL_LABEL) & (table["kecamatan"] != TOTAL_LABEL)]
        table = table.drop(columns="kecamatan")
    lines = [" ".join([row[0], *(_fmt_int(v, lang) for v in row[1:] if v != "")])
             for row in table.itertuples(index=False, name=None)]
    absent = [line for line in lines if line not in text]
    problems = [f"{len(absent)} rows missing or cut, e.g. {absent[:2]}"] if absent else []
    return TableCheck(name, len(lines), True, len(lines) - len(absent), problems)


def check_folder(folder: Path, texts: list[str], limit: int = PRINT_LIMIT) -> list[TableCheck]:
    """Compare the printed pages with the tables of the result folder they were printed from
    (the whole report, no filters; ``limit``: the report's PRINT_LIMIT)."""
    result = load_result(folder)
    lang = str((result.meta.get("parameters") or {}).get("bahasa", "id"))
    names = [n for n in ordered_tables(list(result.tables)) if n not in REKAP_TABLES]
    printed = sections(texts, names, lang)
    checks = [_rekap_check(result.tables, name, " ".join(texts), lang)
              for name in REKAP_TABLES if name in result.tables]
    for name in names:
        table = result.tables[name]
        pages = printed.get(name, [])
        text = " ".join(pages)
        problems: list[str] = []
        # the column headings repeated at the top of every further page of the table
        label = _table_spec(name, table, lang)["cells"][0]["label"]
        headless = [k for k, page in enumerate(pages[1:], 2) if not page.startswith(label)]
        if headless:
            problems.append(f"no column headings on pages {headless[:5]} of the table")
        if table.empty:
            checks.append(TableCheck(name, 0, True, 0, problems))
            continue
        if name in PRINT_LIMITED and len(table) > limit:
            if not re.search(r"(Tidak dicetak|Not printed): " + f"{len(table):,}".replace(
                    ",", "[.,]"), text):
                problems.append("no 'not printed' note with the row count")
            checks.append(TableCheck(name, len(table), False, 0, problems))
            continue
        expected = _pairs(table, name)
        if expected:
            pattern = pair_pattern({f for f, _ in expected})
            seen = Counter(pattern.findall(text))
            missing = expected - seen
            extra = seen - expected
            if missing:
                problems.append(f"{sum(missing.values())} berkas:baris missing, e.g. "
                                f"{list(missing)[:3]}")
            if extra:
                problems.append(f"{sum(extra.values())} berkas:baris extra, e.g. {list(extra)[:3]}")
            found = max(0, len(table) - sum(missing.values()))
        else:
            first = table.iloc[:, 0].astype(str)
            absent = [v for v in first.unique() if v and v not in text]
            if absent:
                problems.append(f"{len(absent)} values missing, e.g. {absent[:3]}")
            found = int((~first.isin(absent)).sum())
        checks.append(TableCheck(name, len(table), True, found, problems))
    return checks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a coklit result folder (with laporan.html)")
    parser.add_argument("--pdf", type=Path, help="where to write the PDF (default: a temp file)")
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="coklit-pdf-") as work:
        pdf = args.pdf or Path(work) / "laporan.pdf"
        seconds = print_to_pdf((args.folder / "laporan.html").resolve(), pdf)
        texts = page_texts(pdf)
        checks = check_folder(args.folder, texts)
        size = pdf.stat().st_size
    for c in checks:
        state = "printed" if c.printed else "not printed (note)"
        print(f"{c.table:22} {c.rows:>8,} rows  {state:20} {c.checked:>8,} found  "
              f"{'; '.join(c.problems) or 'ok'}")
    rows = sum(c.checked for c in checks)
    ok = not any(c.problems for c in checks)
    print(f"{len(texts)} pages, {size / 1e6:.1f} MB, {seconds:.1f} s; {rows:,} printed rows "
          f"checked; {'every row present' if ok else 'PROBLEMS'}")
    if args.json:
        args.json.write_text(json.dumps({
            "pages": len(texts), "bytes": size, "seconds": round(seconds, 1),
            "rows_checked": rows, "ok": ok, "tables": [asdict(c) for c in checks]},
            indent=1), encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
