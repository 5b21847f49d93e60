"""Reading layer: find input files and read every table in them as text.

This module knows files, encodings, delimiters and spreadsheet rows; it knows nothing about
voter-list columns (that is :mod:`coklit.schema`). Every value leaves here as ``str``.

A file gives one or more :class:`RawTable` (a CSV gives one, a workbook one per sheet). A
raw table exposes its first rows (``head``) so the caller can find the header row and the
title block, then ``body(header_index)`` reads the rows below the header in bulk.

Row numbers (``baris``) are the numbers a spreadsheet program shows: ``head[i]`` is row
``i + 1``. For CSV a row is a CSV record, so blank lines count as rows (as in Excel) and a
quoted value that spans several lines is still one row. A text editor shows such a record on
several lines, so after the first multi-line value in a file, editor line numbers run ahead
of ``baris``; the spreadsheet number is the one an officer will look up.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import glob
import hashlib
import io as _io
import math
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from coklit.errors import InputError
from coklit.i18n import register

CSV_SUFFIXES: tuple[str, ...] = (".csv", ".tsv", ".txt")
EXCEL_SUFFIXES: tuple[str, ...] = (".xlsx", ".xlsm", ".xls", ".ods")
SUPPORTED_SUFFIXES: tuple[str, ...] = CSV_SUFFIXES + EXCEL_SUFFIXES
# Read from folders and globs (a .txt there is more likely a note than a table; name a .txt
# table explicitly).
FOLDER_SUFFIXES: tuple[str, ...] = (".csv", ".tsv", *EXCEL_SUFFIXES)
DELIMITERS: tuple[str, ...] = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "koma", ";": "titik koma", "\t": "tab", "|": "garis tegak"}

# How many bytes at the top of a CSV are parsed in Python to sniff it and find the header.
HEAD_BYTES = 1 << 20
_CHUNK = 1 << 24
# File signatures of things that are not text tables.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "ZIP/Office"),
    (b"\xd0\xcf\x11\xe0", "Office lama (OLE)"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"%PDF", "PDF"),
    (b"\x1f\x8b", "GZIP"),
    (b"Rar!", "RAR"),
    (b"7z\xbc\xaf", "7-Zip"),
)
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
_CONTROL = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), 127])  # for str.translate

register(
    {
        "io.not_found": {
            "id": "Tidak ada berkas yang cocok dengan '{path}'. Periksa nama berkas/folder "
            "(pola glob ditulis dalam tanda kutip, mis. \"data/*.csv\").",
            "en": "Nothing matches '{path}'. Check the file/folder name (quote glob patterns, "
            "e.g. \"data/*.csv\").",
        },
        "io.empty_folder": {
            "id": "Folder '{path}' tidak berisi berkas CSV/XLSX/XLS. Simpan data pemilih "
            "sebagai CSV atau XLSX di folder itu, atau sebutkan berkasnya langsung.",
            "en": "Folder '{path}' holds no CSV/XLSX/XLS file. Save the voter data as CSV or "
            "XLSX there, or name the file directly.",
        },
        "io.unsupported": {
            "id": "Berkas '{file}': jenis '{suffix}' tidak didukung. Simpan ulang sebagai "
            "CSV atau XLSX (didukung: {supported}).",
            "en": "File '{file}': type '{suffix}' is not supported. Save it again as CSV or "
            "XLSX (supported: {supported}).",
        },
        "io.unreadable": {
            "id": "Berkas '{file}' tidak dapat dibuka ({detail}). Periksa izin akses atau "
            "tutup program lain yang memakainya.",
            "en": "File '{file}' cannot be opened ({detail}). Check permissions or close "
            "programs that use it.",
        },
        "io.empty": {
            "id": "Berkas '{file}' kosong (tidak ada data). Periksa apakah berkas yang benar "
            "sudah dipilih.",
            "en": "File '{file}' is empty (no data). Check that the right file was chosen.",
        },
        "io.binary": {
            "id": "Berkas '{file}' bukan tabel teks (terbaca sebagai {kind}). Buka di "
            "Excel/LibreOffice lalu simpan sebagai CSV atau XLSX.",
            "en": "File '{file}' is not a text table (it looks like {kind}). Open it in "
            "Excel/LibreOffice and save it as CSV or XLSX.",
        },
        "io.undecodable": {
            "id": "Isi berkas '{file}' tidak dapat dibaca sebagai teks (pengodean tidak "
            "dikenal). Simpan ulang sebagai CSV UTF-8 (Excel: Simpan Sebagai > CSV UTF-8).",
            "en": "File '{file}' cannot be read as text (unknown encoding). Save it again as "
            "CSV UTF-8 (Excel: Save As > CSV UTF-8).",
        },
        "io.bad_excel": {
            "id": "Berkas '{file}' tidak dapat dibaca sebagai buku kerja Excel ({detail}). "
            "Mungkin rusak atau bukan berkas Excel yang diganti namanya; buka di Excel lalu "
            "simpan ulang sebagai XLSX atau CSV.",
            "en": "File '{file}' cannot be read as an Excel workbook ({detail}). It may be "
            "damaged or another kind of file renamed; open it in Excel and save it again as "
            "XLSX or CSV.",
        },
        "io.excel_password": {
            "id": "Buku kerja '{file}' dilindungi kata sandi. Buka di Excel, hapus kata "
            "sandinya, lalu simpan ulang.",
            "en": "Workbook '{file}' is password-protected. Open it in Excel, remove the "
            "password and save it again.",
        },
        "io.no_table": {
            "id": "Berkas '{file}' tidak memuat lembar berisi tabel pemilih (lembar: "
            "{sheets}). Baris judul kolom harus memuat mis. NAMA dan NIK; bila judulnya "
            "lain, tunjukkan dengan --kolom nama=\"JUDUL KOLOM\". Baris pertama yang berisi: "
            "{first_row}.",
            "en": "File '{file}' has no sheet holding a voter table (sheets: {sheets}). The "
            "header row must hold e.g. NAMA and NIK; if the headers differ, name them with "
            "--kolom nama=\"HEADER\". First non-blank row: {first_row}.",
        },
    }
)


@dataclass
class Body:
    """Rows below the header: ``cells`` has columns 0..n-1 (str, "" when missing, values
    stripped of surrounding spaces); ``baris`` the spreadsheet row number of each row.
    Fully blank rows are included (the caller counts and drops them)."""

    cells: pd.DataFrame
    baris: np.ndarray


@dataclass
class RawTable:
    """One table-shaped region: a CSV file or one sheet of a workbook."""

    berkas: str
    path: str
    sha256: str
    sheet: str | None
    head: list[list[str]]  # head[i] is spreadsheet row i + 1, as stripped text
    encoding: str | None = None
    delimiter: str | None = None
    _reader: Callable[[int, int], Body] | None = field(default=None, repr=False)

    def body(self, header_index: int, ncols: int) -> Body:
        """Rows below ``head[header_index]``, ``ncols`` columns wide."""
        assert self._reader is not None
        return self._reader(header_index, ncols)


# --------------------------------------------------------------------------------------
# Finding files


def _display(path: Path) -> str:
    return str(path)


def _is_candidate(path: Path) -> bool:
    name = path.name
    return (
        path.is_file()
        and path.suffix.lower() in FOLDER_SUFFIXES
        and not name.startswith("~$")
        and not name.startswith(".")
    )


def expand_paths(paths: Iterable[str]) -> list[Path]:
    """Files named by ``paths`` (files, folders, quoted globs), in order, without repeats.

    A folder gives its CSV/XLSX/XLS files sorted by name (not recursive); Excel lock files
    (``~$...``) and hidden files are skipped. Raises :class:`InputError` when an item matches
    nothing readable.
    """
    found: list[Path] = []
    for item in paths:
        path = Path(item).expanduser()
        if path.is_dir():
            inside = sorted((p for p in path.iterdir() if _is_candidate(p)), key=lambda p: p.name)
            if not inside:
                raise InputError("io.empty_folder", path=item)
            found.extend(inside)
        elif path.is_file():
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                raise InputError(
                    "io.unsupported",
                    file=item,
                    suffix=path.suffix or "(tanpa akhiran)",
                    supported=", ".join(SUPPORTED_SUFFIXES),
                )
            found.append(path)
        elif glob.has_magic(item):
            matches: list[Path] = []
            for name in sorted(glob.glob(os.path.expanduser(item))):
                p = Path(name)
                if p.is_dir():
                    matches.extend(sorted(q for q in p.iterdir() if _is_candidate(q)))
                elif _is_candidate(p):
                    matches.append(p)
            if not matches:
                raise InputError("io.not_found", path=item)
            found.extend(matches)
        else:
            raise InputError("io.not_found", path=item)
    unique: list[Path] = []
    seen: set[Path] = set()
    for p in found:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def read_tables(path: Path, berkas: str, head_rows: int = 30) -> list[RawTable]:
    """Every table-shaped region of one file (one per CSV, one per non-empty sheet)."""
    name = _display(path)
    try:
        size = path.stat().st_size
        digest = sha256_file(path)
    except OSError as exc:
        raise InputError("io.unreadable", file=name, detail=exc.strerror or str(exc)) from None
    if size == 0:
        raise InputError("io.empty", file=name)
    if path.suffix.lower() in EXCEL_SUFFIXES:
        return _read_excel(path, berkas, digest, head_rows)
    return [_read_csv(path, berkas, digest, head_rows)]


# --------------------------------------------------------------------------------------
# CSV


def _sniff_binary(head: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if b"\x00" in head[:65536]:
        return "data biner"
    return None


def _detect_encoding(path: Path, head: bytes) -> str:
    """utf-8-sig / utf-16 by BOM, else utf-8 if the whole file is valid, else cp1252,
    else latin-1. The whole file is checked, streamed in chunks."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    utf8 = codecs.getincrementaldecoder("utf-8")()
    cp1252_ok = True
    utf8_ok = True
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            if chunk.isascii():
                continue
            if utf8_ok:
                try:
                    utf8.decode(chunk)
                    continue
                except UnicodeDecodeError:
                    utf8_ok = False
            if not _CP1252_UNDEFINED.isdisjoint(chunk):
                cp1252_ok = False
                break
    if utf8_ok:
        try:
            utf8.decode(b"", final=True)
            return "utf-8"
        except UnicodeDecodeError:
            pass
    return "cp1252" if cp1252_ok else "latin-1"


def _count_outside_quotes(lines: list[str], delimiter: str) -> list[int]:
    counts = []
    inside = False
    for line in lines:
        n = 0
        for ch in line:
            if ch == '"':
                inside = not inside
            elif ch == delimiter and not inside:
                n += 1
        counts.append(n)
    return counts


def detect_delimiter(text: str, max_lines: int = 60) -> str:
    """Delimiter among , ; tab | : the one whose count (outside quotes) is the same on the
    most lines. Title lines above the table usually have none, so they do not vote."""
    lines = [ln for ln in text.splitlines()[:max_lines] if ln.strip()]
    best, best_score = ",", (0, 0)
    for delim in DELIMITERS:
        counts = [c for c in _count_outside_quotes(lines, delim) if c > 0]
        if not counts:
            continue
        mode, freq = Counter(counts).most_common(1)[0]
        score = (freq, mode)
        if score > best_score:
            best, best_score = delim, score
    return best


def _csv_source(path: Path) -> tuple[pa.Buffer, str]:
    """The file's bytes (memory-mapped; UTF-16 is transcoded to UTF-8) and its encoding."""
    name = _display(path)
    with open(path, "rb") as fh:
        start = fh.read(65536)
    kind = None if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else _sniff_binary(start)
    if kind:
        raise InputError("io.binary", file=name, kind=kind)
    encoding = _detect_encoding(path, start)
    if encoding == "utf-16":
        try:
            text = path.read_bytes().decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("io.undecodable", file=name) from None
        return pa.py_buffer(text.encode("utf-8")), encoding
    if b"\r" in start and b"\n" not in start:  # old Mac line ends ("CSV (Macintosh)")
        return pa.py_buffer(path.read_bytes().replace(b"\r", b"\n")), encoding
    return pa.memory_map(str(path), "r").read_buffer(), encoding


def _read_csv(path: Path, berkas: str, digest: str, head_rows: int) -> RawTable:
    name = _display(path)
    data, encoding = _csv_source(path)
    text_encoding = "utf-8" if encoding == "utf-16" else encoding
    raw_head = data.slice(0, min(HEAD_BYTES, data.size)).to_pybytes()
    truncated = data.size > len(raw_head)
    if truncated and b"\n" in raw_head:
        raw_head = raw_head[: raw_head.rindex(b"\n") + 1]
    head_text = raw_head.decode(text_encoding, errors="replace")
    if head_text.startswith("\ufeff"):
        head_text = head_text[1:]
    if not head_text.strip() and not truncated:
        raise InputError("io.empty", file=name)
    sample = head_text[:65536]
    controls = len(sample) - len(sample.translate(_CONTROL))
    if sample and controls > max(2, len(sample) // 100):
        raise InputError("io.undecodable", file=name)
    delimiter = detect_delimiter(head_text)

    # Parse the head in Python; remember where each record ends (physical line).
    reader = csv.reader(_io.StringIO(head_text, newline=""), delimiter=delimiter)
    head: list[list[str]] = []
    ends: list[int] = []
    limit = max(head_rows, 1) + 20
    try:
        for row in reader:
            head.append([c.strip() for c in row])
            ends.append(reader.line_num)
            if len(head) >= limit:
                break
    except csv.Error:
        pass
    if truncated and len(head) < limit and head:
        head, ends = head[:-1], ends[:-1]  # the last record may be cut off by the chunk
    if not any(any(c for c in row) for row in head):
        raise InputError("io.empty", file=name)
    newline_at = np.flatnonzero(np.frombuffer(raw_head, dtype=np.uint8) == 10)

    def reader_fn(header_index: int, ncols: int) -> Body:
        end_line = ends[header_index]  # physical line on which the header record ends
        offset = int(newline_at[end_line - 1]) + 1 if end_line - 1 < len(newline_at) else data.size
        return _read_csv_body(data.slice(offset), text_encoding, delimiter, ncols, header_index + 1)

    return RawTable(
        berkas=berkas,
        path=str(path),
        sha256=digest,
        sheet=None,
        head=head[: max(head_rows, 1) + 20],
        encoding=encoding,
        delimiter=delimiter,
        _reader=reader_fn,
    )


def _read_csv_body(buf: pa.Buffer, encoding: str, delimiter: str, ncols: int, header_row: int) -> Body:
    names = [f"f{i}" for i in range(ncols)]
    if buf.size == 0:
        return _empty_body(ncols)

    def read(use_threads: bool, handler: Callable) -> pa.Table:
        return pacsv.read_csv(
            pa.BufferReader(buf),
            read_options=pacsv.ReadOptions(
                column_names=names,
                encoding="utf8" if encoding.startswith("utf-8") else encoding,
                use_threads=use_threads,
                block_size=1 << 21,
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter,
                newlines_in_values=newlines_in_values,
                ignore_empty_lines=False,
                invalid_row_handler=handler,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.large_string() for n in names},
                null_values=[],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )

    ragged: list[tuple[int | None, str]] = []

    def collect(row) -> str:  # type: ignore[no-untyped-def]
        ragged.append((row.number, row.text))
        return "skip"

    newlines_in_values = _line_break_in_quotes(buf, delimiter)
    try:
        table = read(True, collect)
    except (pa.ArrowInvalid, UnicodeDecodeError):
        # e.g. a quote opened and never closed: let Python's csv module decide, as Excel
        # would, and number the rows exactly.
        return _read_csv_body_python(buf, encoding, delimiter, ncols, header_row)
    if ragged:
        # Rows whose cell count differs from the header. Multi-threaded reading does not
        # report where they were, so read again single-threaded (rare, still fast).
        ragged.clear()
        table = read(False, collect)
    cells = pd.DataFrame({i: _stripped(table.column(i)).to_pandas() for i in range(ncols)})
    n_total = table.num_rows + len(ragged)
    if not ragged:
        return Body(cells, header_row + 1 + np.arange(n_total, dtype=np.int64))
    if any(num is None for num, _ in ragged):  # position unknown: take the exact slow path
        return _read_csv_body_python(buf, encoding, delimiter, ncols, header_row)
    positions = np.array([num for num, _ in ragged], dtype=np.int64)  # 1-based record no.
    keep = np.ones(n_total, dtype=bool)
    keep[positions - 1] = False
    baris_ok = header_row + np.flatnonzero(keep).astype(np.int64) + 1
    parsed = []
    for _, text in ragged:  # only the ragged rows, few by construction
        fields = next(csv.reader([text], delimiter=delimiter), [])
        fields = [c.strip() for c in fields[:ncols]]
        parsed.append(fields + [""] * (ncols - len(fields)))
    extra = pd.DataFrame(parsed, columns=range(ncols), dtype="str")
    both = pd.concat([cells, extra], ignore_index=True)
    baris = np.concatenate([baris_ok, header_row + positions])
    order = np.argsort(baris, kind="stable")
    return Body(both.iloc[order].reset_index(drop=True), baris[order])


_SCAN_BYTES = 1 << 24


def _line_break_in_quotes(buf: pa.Buffer, delimiter: str) -> bool:
    """Whether a quoted value may hold a line break (True when unsure).

    Arrow's reader is much faster when it may cut the text at any line break
    (``newlines_in_values=False``), which gives the same table as long as no quoted value
    spans lines. That is decided exactly from the positions of the quote characters: when
    every quote is structural -- one opening a field (after a delimiter, a line break or at
    the start), one closing it (before a delimiter, a line break or at the end) or one of a
    doubled pair inside a value -- the quotes alternate open/close, so a line break after an
    odd number of quotes is inside a value. Any other quote (a stray one in an unquoted
    value, an unclosed one) keeps the careful mode.
    """
    data = np.frombuffer(buf, dtype=np.uint8)
    quote = ord('"')
    quotes = np.concatenate([np.flatnonzero(data[i:i + _SCAN_BYTES] == quote) + i
                             for i in range(0, len(data), _SCAN_BYTES)] or [np.empty(0, np.int64)])
    if len(quotes) == 0:
        return False
    if len(quotes) % 2:
        return True
    ends = np.frombuffer(f"{delimiter}\n\r".encode(), dtype=np.uint8)
    before = np.where(quotes > 0, data[np.maximum(quotes - 1, 0)], ord("\n"))
    after = np.where(quotes < len(data) - 1, data[np.minimum(quotes + 1, len(data) - 1)],
                     ord("\n"))
    opening, closing = quotes[0::2], quotes[1::2]
    # An opening quote starts a field or follows the closing quote of a doubled pair.
    ok_open = np.isin(before[0::2], ends)
    ok_open[1:] |= opening[1:] == closing[:-1] + 1
    # A closing quote ends a field or is the first of a doubled pair.
    ok_close = np.isin(after[1::2], ends)
    ok_close[:-1] |= closing[:-1] + 1 == opening[1:]
    if not (ok_open.all() and ok_close.all()):
        return True
    # The quoted text itself (short: names with a degree, addresses with a comma) is looked
    # at for a line break, not the whole file.
    lengths = closing - opening - 1
    first_in_run = np.cumsum(lengths) - lengths  # where each value starts in the gathered text
    positions = np.arange(int(lengths.sum())) + np.repeat(opening + 1 - first_in_run, lengths)
    text = data[positions]
    return bool(((text == 10) | (text == 13)).any())


# Bytes that cannot be (part of) whitespace at the edge of a value start here: 0x21-0x7F is
# visible ASCII; ASCII space and controls and every byte of a non-ASCII character may be.
_VISIBLE = np.uint8(0x21)


def _stripped(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A text column with surrounding whitespace trimmed.

    Trimming copies every value, yet nearly all values have nothing to trim: the first and
    last byte of each value are looked at first, and only a column where one of them could be
    whitespace (ASCII space or control, or any non-ASCII byte) goes through the Unicode trim.
    """
    for chunk in column.chunks:
        buffers = chunk.buffers()
        if buffers[2] is None:
            continue
        offsets = np.frombuffer(buffers[1], dtype=np.int64)[chunk.offset:chunk.offset + len(chunk) + 1]
        data = np.frombuffer(buffers[2], dtype=np.uint8)
        if offsets[-1] == offsets[0]:
            continue
        # First and last byte of every value. For an empty value these are bytes of its
        # neighbours, which can only make the test say "maybe" (then the column is trimmed).
        first = data[np.minimum(offsets[:-1], offsets[-1] - 1)]
        last = data[np.maximum(offsets[1:] - 1, offsets[0])]
        # Visible ASCII (0x21-0x7F) shifted down by 0x21 is below 0x5F; anything else wraps
        # above it.
        if (np.maximum(first - _VISIBLE, last - _VISIBLE) >= 0x5F).any():
            return pc.utf8_trim_whitespace(column)
    return column


def _read_csv_body_python(
    buf: pa.Buffer, encoding: str, delimiter: str, ncols: int, header_row: int
) -> Body:
    """Slow exact path for CSV bodies pyarrow refuses (rare): Python's csv module."""
    text = buf.to_pybytes().decode(encoding, errors="replace")
    rows = []
    for row in csv.reader(_io.StringIO(text, newline=""), delimiter=delimiter):
        fields = [c.strip() for c in row[:ncols]]
        rows.append(fields + [""] * (ncols - len(fields)))
    if not rows:
        return _empty_body(ncols)
    cells = pd.DataFrame(rows, columns=range(ncols), dtype="str")
    return Body(cells, header_row + 1 + np.arange(len(rows), dtype=np.int64))


# --------------------------------------------------------------------------------------
# Excel (calamine)


def cell_text(value: object) -> str:
    """Text of one spreadsheet cell as calamine returns it.

    Whole numbers become their integer text (a NIK stored as a number gives its 16 digits,
    ``5.0`` gives ``5``); dates give ``YYYY-MM-DD`` (with the time when it is not midnight).
    """
    if isinstance(value, str):
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value).strip()


_cell_text_ufunc = np.frompyfunc(cell_text, 1, 1)


def _column_text(values: np.ndarray) -> pd.Series:
    """Text of one column of calamine values (empty cells are ""). Columns of only strings
    or only whole numbers are converted in bulk; mixed columns cell by cell."""
    out = np.full(len(values), "", dtype=object)
    filled = np.flatnonzero(values != "")
    rest = values[filled]
    kind = pd.api.types.infer_dtype(rest, skipna=False)
    if kind == "string":
        out[filled] = rest
        return pd.Series(out, dtype="str").str.strip()
    if kind == "integer":  # Python ints: exact at any size
        out[filled] = rest.astype(str)
        return pd.Series(out, dtype="str")
    if kind in ("floating", "mixed-integer-float"):
        num = rest.astype(np.float64)
        if (np.isfinite(num) & (np.floor(num) == num) & (np.abs(num) < 2**63)).all():
            out[filled] = num.astype(np.int64).astype(str)
            return pd.Series(out, dtype="str")
    if kind in ("date", "datetime"):
        try:
            stamps = np.array(rest, dtype="datetime64[s]")
        except (TypeError, ValueError):
            stamps = None
        if stamps is not None:
            days = stamps.astype("datetime64[D]")
            if (days == stamps).all():  # no time of day: plain ISO dates
                out[filled] = days.astype(str)
                return pd.Series(out, dtype="str")
    out[filled] = _cell_text_ufunc(rest)
    return pd.Series(out, dtype="str")


def _empty_body(ncols: int) -> Body:
    empty = pd.DataFrame({i: pd.Series([], dtype="str") for i in range(ncols)})
    return Body(empty, np.empty(0, dtype=np.int64))


def _excel_body(rows: list[list[object]], header_index: int, ncols: int) -> Body:
    below = rows[header_index + 1 :]
    if not below:
        return _empty_body(ncols)
    width = max(ncols, len(below[0]))
    if all(len(r) == width for r in below):  # calamine gives rectangular sheets
        grid = np.array(below, dtype=object).reshape(len(below), width)
    else:
        grid = np.full((len(below), max(width, *(len(r) for r in below))), "", dtype=object)
        for i, r in enumerate(below):
            grid[i, : len(r)] = r
    cells = pd.DataFrame({i: _column_text(grid[:, i]) for i in range(ncols)})
    baris = np.arange(len(below), dtype=np.int64) + header_index + 2
    return Body(cells, baris)


def _read_excel(path: Path, berkas: str, digest: str, head_rows: int) -> list[RawTable]:
    import python_calamine as calamine

    name = _display(path)
    try:
        workbook = calamine.CalamineWorkbook.from_path(str(path))
    except calamine.PasswordError:
        raise InputError("io.excel_password", file=name) from None
    except Exception as exc:  # calamine raises several kinds for "not a workbook"
        with open(path, "rb") as fh:
            start = fh.read(16)
        kind = _sniff_binary(start)
        detail = kind or str(exc).splitlines()[0][:120]
        raise InputError("io.bad_excel", file=name, detail=detail) from None
    tables: list[RawTable] = []
    sheets: list[str] = []
    try:
        for meta in workbook.sheets_metadata:
            if str(meta.typ).split(".")[-1] not in ("WorkSheet", "DialogSheet"):
                continue
            sheets.append(meta.name)
            sheet = workbook.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False)
            head = [[cell_text(v) for v in r] for r in rows[: head_rows + 20]]
            if not any(any(c for c in r) for r in head):
                continue

            def reader_fn(header_index: int, ncols: int, rows: list = rows) -> Body:
                return _excel_body(rows, header_index, ncols)

            tables.append(
                RawTable(
                    berkas=f"{berkas}[{meta.name}]",
                    path=str(path),
                    sha256=digest,
                    sheet=meta.name,
                    head=head,
                    _reader=reader_fn,
                )
            )
    except InputError:
        raise
    except Exception as exc:
        raise InputError("io.bad_excel", file=name, detail=str(exc).splitlines()[0][:120]) from None
    finally:
        workbook.close()
    if not tables:
        raise InputError(
            "io.no_table", file=name, sheets=", ".join(sheets) or "-", first_row="-"
        )
    return tables
