"""Bounds of a workbook, measured before any spreadsheet library allocates it.

calamine (the XLSX/ODS reader) allocates a full rectangle of cells from A1 to the last cell
of a sheet before coklit sees a single value. A 10 KB file with one cell at XFD1048576 asks for
17 billion cells (the process aborts), one at R1048576 takes about 1 GB, 3 MB of compressed
whitespace decompress to gigabytes, and an ODS row repeated a million times is expanded. So
every XLSX/XLSM/ODS file is first read here, as a stream of bytes, and refused with one clear
message when

* the archive decompresses to more than ``MAX_UNCOMPRESSED`` bytes, or one part of it is
  compressed more than ``MAX_RATIO`` times (nothing an office program writes is; compressed
  filler is);
* a sheet reaches beyond ``MAX_ROWS`` rows or ``MAX_COLUMNS`` columns;
* the rectangle calamine would allocate holds more than ``MAX_SHEET_CELLS`` cells, or is much
  larger than the cells actually present (``SPARSE_FACTOR``, above ``SPARSE_FLOOR``): a stray
  value far below or right of the table.

The scan streams through Python's zipfile, which stops at the declared size and checks the
CRC, so a part cannot be bigger than the directory says. It is vectorised per chunk (byte
counts and regular expressions that rarely match); the exact element-by-element walk runs only
when the quick bounds are not conclusive (wide sheets, cells without a position, refs beyond
the rows). The old binary XLS format is bounded by the format itself (65,536 x 256 cells) and
is not scanned.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

import numpy as np

from coklit.errors import InputError
from coklit.i18n import Msg

# Limits (see the module doc). One calamine cell costs about 100 bytes with its text and
# coklit's conversion about 55 more, so 10 million cells stay near 1.5 GB.
MAX_UNCOMPRESSED = 2 << 30  # 2 GiB of XML in one workbook
MAX_RATIO = 100  # per part larger than RATIO_MIN_BYTES
RATIO_MIN_BYTES = 10 << 20
MAX_ROWS = 1_048_576  # Excel's own limit
MAX_COLUMNS = 16_384  # Excel's own limit (XFD)
MAX_SHEET_CELLS = 10_000_000  # e.g. 500,000 rows x 20 columns
SPARSE_FACTOR = 20
SPARSE_FLOOR = 2_000_000
_CHUNK = 1 << 22
_META_MAX = 50 << 20  # workbook.xml and its relationships are parsed whole


# What a damaged archive raises while it is read (all become one "damaged file" message).
_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError, OSError,
           ValueError, KeyError, ElementTree.ParseError)


@dataclass
class SheetExtent:
    """What a sheet would cost: the rectangle from A1 to its last cell, and cells present."""

    name: str
    rows: int
    cols: int
    filled: int

    @property
    def grid(self) -> int:
        return self.rows * self.cols


def column_letters(index: int) -> str:
    """1 -> A, 27 -> AA, 16384 -> XFD."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters or "A"


def column_number(letters: bytes) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + (ch - 64)
    return number


def _size(n: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} B"


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


# --- XLSX ---------------------------------------------------------------------------------------

_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?worksheet\b")
_LT, _SP, _GT, _SLASH, _QUOTE, _EQ = 60, 32, 62, 47, 34, 61
_TAG_END = np.zeros(256, dtype=bool)  # what may follow a tag name
_TAG_END[[9, 10, 13, 32, 47, 62]] = True


def _chunks(book: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The part's bytes in chunks cut after a ``>`` (so no tag is split)."""
    rest = b""
    with book.open(info) as fh:
        while data := fh.read(_CHUNK):
            data = rest + data
            cut = data.rfind(b">") + 1
            if cut == 0:
                rest = data[-(1 << 16):]  # no tag at all: keep a little for the next one
                continue
            yield data[:cut]
            rest = data[cut:]
    if rest:
        yield rest


def _number_at(a: np.ndarray, start: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
    """Decimal numbers starting at ``start`` (at most ``width`` digits): values and lengths.
    A number longer than ``width`` digits gets a value above any limit."""
    value = np.zeros(len(start), dtype=np.int64)
    length = np.zeros(len(start), dtype=np.int64)
    going = np.ones(len(start), dtype=bool)
    for i in range(width + 1):
        byte = a[start + i]
        digit = going & (byte >= 48) & (byte <= 57)
        if i == width:
            value[digit] = 1 << 40  # too many digits
            break
        value = np.where(digit, value * 10 + (byte.astype(np.int64) - 48), value)
        length += digit
        going = digit
    return value, length


def _letters_at(a: np.ndarray, start: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Column numbers of up to three capital letters at ``start``, and how many letters."""
    value = np.zeros(len(start), dtype=np.int64)
    length = np.zeros(len(start), dtype=np.int64)
    going = np.ones(len(start), dtype=bool)
    for i in range(4):
        byte = a[start + i]
        letter = going & (byte >= 65) & (byte <= 90)
        if i == 3:
            value[letter] = 1 << 40  # four letters: beyond XFD
            break
        value = np.where(letter, value * 26 + (byte.astype(np.int64) - 64), value)
        length += letter
        going = letter
    return value, length


def _has_r(a: np.ndarray, at: np.ndarray) -> np.ndarray:
    """`` r="`` at ``at`` (the attribute office programs write first)."""
    return ((a[at] == _SP) & (a[at + 1] == ord("r")) & (a[at + 2] == _EQ)
            & (a[at + 3] == _QUOTE))


def sheet_extent(book: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> SheetExtent:
    """The rectangle from A1 to the last cell calamine would place, and the cells present.

    Vectorised per chunk with numpy: every ``<c`` and ``<row`` tag is found from the
    positions of ``<``, and the ``r="B12"`` right after it is decoded in bulk. Cells or rows
    without a position (allowed, rare) are bounded from above: a row without a number adds
    one to the row count, a cell without a position one column to its row's widest.
    """
    prefix = b""
    max_row = max_col = filled = implied_rows = 0
    widest_implied = carry = 0  # cells per row, counted when positions are implied
    any_implied_cell = False
    first = True
    for chunk in _chunks(book, info):
        if first:
            root = _ROOT.search(chunk)
            prefix = (root.group(1) or b"") if root else b""
            first = False
        a = np.frombuffer(chunk + b"\0" * 16, dtype=np.uint8)
        k = len(prefix)
        lt = np.flatnonzero(a[: len(chunk)] == _LT)
        first_letter = a[lt + 1 + k]
        lt = lt[(first_letter == ord("c")) | (first_letter == ord("r"))]
        for i, byte in enumerate(prefix):
            lt = lt[a[lt + 1 + i] == byte]
        name_at = lt + 1 + k
        is_cell = (a[name_at] == ord("c")) & _TAG_END[a[name_at + 1]]
        is_row = ((a[name_at] == ord("r")) & (a[name_at + 1] == ord("o"))
                  & (a[name_at + 2] == ord("w")) & _TAG_END[a[name_at + 3]])
        cells, rows = name_at[is_cell] + 1, name_at[is_row] + 3  # just after the tag name
        filled += len(cells)

        row_r = _has_r(a, rows)
        numbers, _ = _number_at(a, rows[row_r] + 4, 8)
        if len(numbers):
            max_row = max(max_row, int(numbers.max()))
        implied_rows += int((~row_r).sum())

        cell_r = _has_r(a, cells)
        starts = cells[cell_r] + 4
        cols, n_letters = _letters_at(a, starts)
        row_numbers, _ = _number_at(a, starts + n_letters, 8)
        if len(cols):
            max_col = max(max_col, int(cols.max()))
            max_row = max(max_row, int(row_numbers.max()))
        implied = ~cell_r
        if implied.any():
            any_implied_cell = True
            segment = np.searchsorted(rows, cells[implied])  # 0: before this chunk's first row
            counts = np.bincount(segment, minlength=len(rows) + 1)
            counts[0] += carry
            widest_implied = max(widest_implied, int(counts.max()))
            carry = int(counts[-1])
        elif len(rows):
            carry = 0
    rows_bound = max_row + implied_rows
    cols_bound = max_col + (widest_implied if any_implied_cell else 0)
    return SheetExtent(name, rows_bound, cols_bound, filled)


def _sheet_parts(book: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, part path) from the workbook and its relationships."""
    names = set(book.namelist())
    try:
        workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        # Not the usual layout: every worksheet-looking part is checked by its file name.
        return [(PurePosixPath(n).stem, n) for n in sorted(names)
                if n.startswith("xl/worksheets/") and n.endswith(".xml")]
    targets: dict[str, str] = {}
    for rel in rels:
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        rel_id = rel.get("Id")
        if rel_id is not None:
            targets[rel_id] = str(PurePosixPath(path))
    parts = []
    for sheet in workbook.iter():
        if not sheet.tag.endswith("}sheet") and sheet.tag != "sheet":
            continue
        rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
        part = targets.get(rid) if rid is not None else None
        if part is not None and part in names:
            parts.append((sheet.get("name", part), part))
    return parts


def _check_sizes(book: zipfile.ZipFile, file: str) -> None:
    total = 0
    for info in book.infolist():
        total += info.file_size
        ratio_bad = (info.file_size > RATIO_MIN_BYTES
                     and info.file_size > MAX_RATIO * max(info.compress_size, 1))
        if total > MAX_UNCOMPRESSED or ratio_bad or (
                info.filename.endswith(".rels") or info.filename == "xl/workbook.xml"
        ) and info.file_size > _META_MAX:
            raise InputError("io.workbook_too_large", file=file, part=info.filename,
                             size=_size(info.file_size), compressed=_size(info.compress_size),
                             limit=f"{_size(MAX_UNCOMPRESSED)}, {MAX_RATIO}x")


def _judge(extent: SheetExtent, file: str) -> None:
    cell = f"{column_letters(extent.cols)}{extent.rows}"
    if extent.rows > MAX_ROWS or extent.cols > MAX_COLUMNS:
        raise InputError("io.sheet_too_wide", file=file, sheet=extent.name, cell=cell,
                         rows=_number(MAX_ROWS), cols=_number(MAX_COLUMNS))
    if extent.grid > SPARSE_FLOOR and extent.grid > SPARSE_FACTOR * extent.filled:
        raise InputError("io.sheet_sparse", file=file, sheet=extent.name, cell=cell,
                         cells=_number(extent.grid), filled=_number(extent.filled))
    if extent.grid > MAX_SHEET_CELLS:
        raise InputError("io.sheet_too_many_cells", file=file, sheet=extent.name,
                         cells=_number(extent.grid), rows=_number(extent.rows),
                         cols=_number(extent.cols), limit=_number(MAX_SHEET_CELLS))


def scan_xlsx(path: Path, file: str) -> list[SheetExtent]:
    """Check an XLSX/XLSM file's sizes and every sheet's extent; raise :class:`InputError`
    on a breach. A file that is not a readable ZIP is left to calamine's own message."""
    try:
        book = zipfile.ZipFile(path)
    except _DAMAGE:
        return []  # not a readable ZIP: calamine says so in its own words
    extents = []
    with book:
        try:
            _check_sizes(book, file)
            parts = _sheet_parts(book)
            for name, part in parts:
                info = book.getinfo(part)
                extent = sheet_extent(book, info, name)
                _judge(extent, file)
                extents.append(extent)
            # every other part is read once too: the CRC check catches a lying directory
            scanned = {part for _, part in parts}
            for info in book.infolist():
                if info.filename.endswith((".xml", ".rels")) and info.filename not in scanned:
                    for _ in _chunks(book, info):
                        pass
        except _DAMAGE as error:
            raise InputError("io.bad_excel", file=file,
                             detail=Msg("io.damaged_zip", {"detail": str(error)[:80]})) from None
    return extents


# --- ODS ----------------------------------------------------------------------------------------

_ODS_ELEMENT = re.compile(
    rb"<(/?)table:(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*?)(/?)>")
_ODS_REPEAT = re.compile(rb'table:number-(?:rows|columns)-repeated="(\d+)"')
_ODS_NAME = re.compile(rb'table:name="([^"]*)"')
_ODS_VALUE = re.compile(rb"office:value-type=")


def scan_ods(path: Path, file: str) -> list[SheetExtent]:
    """The ODS counterpart of :func:`scan_xlsx`: repeated rows and columns that hold a value
    count as many times as they are repeated (an empty repeat at the end of a sheet, as
    LibreOffice writes, counts as nothing)."""
    try:
        book = zipfile.ZipFile(path)
    except _DAMAGE:
        return []
    extents: list[SheetExtent] = []
    with book:
        try:
            _check_sizes(book, file)
            info = book.getinfo("content.xml")
        except KeyError:
            return []
        except _DAMAGE as error:
            raise InputError("io.bad_excel", file=file,
                             detail=Msg("io.damaged_zip", {"detail": str(error)[:80]})) from None
        name, row, rows, cols, filled = "", 0, 0, 0, 0
        row_repeat, row_col, row_last, row_has = 1, 0, 0, False
        try:
            for chunk in _chunks(book, info):
                for match in _ODS_ELEMENT.finditer(chunk):
                    closing, tag, attrs, empty = match.groups()
                    repeat_m = _ODS_REPEAT.search(attrs)
                    repeat = int(repeat_m.group(1)) if repeat_m else 1
                    if tag == b"table":
                        if closing:
                            extent = SheetExtent(name, rows, cols, filled)
                            _judge(extent, file)
                            extents.append(extent)
                        else:
                            found = _ODS_NAME.search(attrs)
                            name = found.group(1).decode("utf-8", "replace") if found else "?"
                            row, rows, cols, filled = 0, 0, 0, 0
                    elif tag == b"table-row":
                        if closing or empty:
                            if row_has:
                                rows = row + row_repeat
                                cols = max(cols, row_last)
                                filled += row_repeat * row_last
                            row += row_repeat
                            if not closing:  # <table:table-row/> opens and closes
                                continue
                        if not closing:
                            row_repeat, row_col, row_last, row_has = repeat, 0, 0, False
                    elif not closing:
                        row_col += repeat
                        if not empty or _ODS_VALUE.search(attrs):
                            row_last, row_has = row_col, True
                    if rows > MAX_ROWS or (rows and rows * cols > MAX_SHEET_CELLS):
                        _judge(SheetExtent(name, rows, cols, filled), file)
        except _DAMAGE as error:
            raise InputError("io.bad_excel", file=file,
                             detail=Msg("io.damaged_zip", {"detail": str(error)[:80]})) from None
    return extents
