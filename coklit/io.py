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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from coklit import sheetscan
from coklit.coded import code as coded_text
from coklit.errors import InputError
from coklit.i18n import Msg

CSV_SUFFIXES: tuple[str, ...] = (".csv", ".tsv", ".txt")
EXCEL_SUFFIXES: tuple[str, ...] = (".xlsx", ".xlsm", ".xls", ".ods")
SUPPORTED_SUFFIXES: tuple[str, ...] = CSV_SUFFIXES + EXCEL_SUFFIXES
# Read from folders and globs (a .txt there is more likely a note than a table; name a .txt
# table explicitly).
FOLDER_SUFFIXES: tuple[str, ...] = (".csv", ".tsv", *EXCEL_SUFFIXES)
DELIMITERS: tuple[str, ...] = (",", ";", "\t", "|")
_DELIMITER_KEYS = {",": "delimiter.comma", ";": "delimiter.semicolon", "\t": "delimiter.tab",
                   "|": "delimiter.bar"}


def delimiter_name(delimiter: str | None) -> Msg | str:
    """The delimiter as a message value: its name (translated where the text is built), the
    character itself if it has no name, "-" if there is none."""
    if not delimiter:
        return "-"
    key = _DELIMITER_KEYS.get(delimiter)
    return Msg(key) if key else delimiter

# How many bytes at the top of a CSV are parsed in Python to sniff it and find the header.
HEAD_BYTES = 1 << 20
# Longest value of one cell: what an Excel cell can hold. Anything longer is not a voter's
# data (a runaway quote, a pasted document) and is refused before it is copied around.
MAX_FIELD_CHARS = 32_767
_CHUNK = 1 << 24
# File signatures of things that are not text tables.
_MAGIC: tuple[tuple[bytes, str | Msg], ...] = (
    (b"PK\x03\x04", "ZIP/Office"),
    (b"\xd0\xcf\x11\xe0", Msg("io.kind.ole")),
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


# Reader-level problems of a row (codes of Dataset.rejected / tidak_valid).
REJECT_OPEN_QUOTE = "kutip_tidak_ditutup"
REJECT_EXTRA_CELLS = "kolom_berlebih"
NOTE_MISSING_CELLS = "kolom_kurang"


@dataclass
class Body:
    """Rows below the header: ``cells`` has columns 0..n-1 (str, "" when missing, values
    stripped of surrounding spaces); ``baris`` the spreadsheet row number of each row.
    Fully blank rows are included (the caller counts and drops them).

    ``reject`` (optional, one code per row, "" for a usable row) marks rows the reader could
    not split into cells reliably, with a readable ``reason``; ``short`` (optional, cell count
    per row, 0 when complete) marks rows that had fewer cells than the header and were padded.
    """

    cells: pd.DataFrame
    baris: np.ndarray
    reject: np.ndarray | None = None
    reason: np.ndarray | None = None
    short: np.ndarray | None = None


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
    cells: int = 0  # for workbooks: the cells the sheet's rectangle holds (see sheetscan)
    _reader: Callable[[int, int], Body] | None = field(default=None, repr=False)

    def release(self) -> None:
        """Let go of the file's bytes (a memory map, a workbook's rows); body() no longer works."""
        self._reader = None

    def body(self, header_index: int, ncols: int) -> Body:
        """Rows below ``head[header_index]`` (-1: every row), ``ncols`` columns wide; reasons
        for rows the reader could not use are coded cells (:mod:`coklit.coded`)."""
        assert self._reader is not None
        return self._reader(header_index, ncols)


# --------------------------------------------------------------------------------------
# Finding files


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
                    suffix=path.suffix or Msg("io.no_suffix"),
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
    name = str(path)
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


def _sniff_binary(head: bytes) -> str | Msg | None:
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if b"\x00" in head[:65536]:
        return Msg("io.kind.binary")
    return None


def _utf16_without_bom(start: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` for UTF-16 text saved without a byte-order mark (every
    other byte zero, as Latin letters give), else None."""
    sample = start[:4096]
    if len(sample) < 8 or start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    even, odd = sample[0::2], sample[1::2]
    zero_even, zero_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zero_odd > 0.3 and zero_even < 0.05:
        return "utf-16-le"
    if zero_even > 0.3 and zero_odd < 0.05:
        return "utf-16-be"
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


def _csv_source(path: Path) -> tuple[pa.Buffer, str, bool]:
    """The file's bytes (memory-mapped; UTF-16 is transcoded to UTF-8), its encoding, and
    whether the bytes are the file's as they are on disk (memory-mapped)."""
    name = str(path)
    with open(path, "rb") as fh:
        start = fh.read(65536)
    bomless = _utf16_without_bom(start)
    kind = None if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or bomless \
        else _sniff_binary(start)
    if kind:
        raise InputError("io.binary", file=name, kind=kind)
    encoding = bomless or _detect_encoding(path, start)
    if encoding.startswith("utf-16"):
        try:
            text = path.read_bytes().decode(encoding)
        except UnicodeDecodeError:
            raise InputError("io.undecodable", file=name) from None
        return pa.py_buffer(text.lstrip("\ufeff").encode("utf-8")), encoding, False
    if b"\r" in start and b"\n" not in start:  # old Mac line ends ("CSV (Macintosh)")
        return pa.py_buffer(path.read_bytes().replace(b"\r", b"\n")), encoding, False
    return pa.memory_map(str(path), "r").read_buffer(), encoding, True


class _FieldTooLong(Exception):
    def __init__(self, record: int, length: int) -> None:
        self.record, self.length = record, length


def _physical_lines(text: str) -> list[str]:
    """Lines as a spreadsheet program splits a CSV (``\n``, ``\r\n`` or ``\r``), with ends."""
    return list(_io.StringIO(text, newline=""))


def _literal_cells(line: str, delimiter: str) -> list[str]:
    """A line split at every delimiter, quotes taken as ordinary characters."""
    return next(csv.reader([line.rstrip("\r\n")], delimiter=delimiter, quoting=csv.QUOTE_NONE,
                           escapechar=None), [])


def _swallowed(fields: list[str], delimiter: str, threshold: int) -> bool:
    """A quoted value spanning lines that holds what look like whole rows of the table: a
    quote opened and never closed (or closed rows later) swallowed them."""
    for value in fields:
        if "\n" in value or "\r" in value:
            for line in value.splitlines()[1:]:
                if line.count(delimiter) >= threshold:
                    return True
    return False


def _threshold(width: int) -> int:
    """Delimiters a swallowed line must hold to count as a row of a ``width``-column table."""
    return max(2, width - 2)


def _records(lines: list[str], delimiter: str,
             threshold: int) -> Iterator[tuple[list[str], int, int, bool]]:
    """``(cells, first line, lines, bad)`` for each row of a CSV given as physical lines.

    Rows are CSV records (a quoted value may span lines), except where a record swallowed
    what look like rows of their own (see :func:`_swallowed`) or Python's csv module gives
    up: then that first physical line alone is a bad row (its cells split literally) and
    reading restarts on the next line, so every other row is still read and counted.
    Raises :class:`_FieldTooLong` for a value over ``MAX_FIELD_CHARS``.
    """
    n = len(lines)
    pos = 0
    previous = csv.field_size_limit(MAX_FIELD_CHARS)
    try:
        while pos < n:

            def feed(start: int = pos) -> Iterator[str]:
                for j in range(start, n):
                    yield lines[j]

            reader = csv.reader(feed(), delimiter=delimiter)
            consumed = 0
            restart = None
            try:
                for fields in reader:
                    first = pos + consumed
                    span = reader.line_num - consumed
                    consumed = reader.line_num
                    if span > 1 and _swallowed(fields, delimiter, threshold):
                        restart = first + 1
                        yield _literal_cells(lines[first], delimiter), first, 1, True
                        break
                    yield fields, first, span, False
            except csv.Error as error:
                first = pos + consumed
                if "field larger than field limit" in str(error):
                    # A quote that swallowed rows grows past the limit too: that is a bad
                    # row, not a long value.
                    upto = min(pos + reader.line_num, first + 50)
                    if not any(lines[j].count(delimiter) >= threshold
                               for j in range(first + 1, upto)):
                        raise _FieldTooLong(first, MAX_FIELD_CHARS + 1) from None
                restart = first + 1
                yield _literal_cells(lines[first], delimiter), first, 1, True
            if restart is None:
                return
            pos = restart
    finally:
        csv.field_size_limit(previous)


def _typical_width(lines: list[str], delimiter: str) -> int:
    counts = [ln.count(delimiter) for ln in lines if ln.strip() and delimiter in ln]
    return Counter(counts).most_common(1)[0][0] + 1 if counts else 1


def _read_csv(path: Path, berkas: str, digest: str, head_rows: int) -> RawTable:
    name = str(path)
    data, encoding, mapped = _csv_source(path)
    text_encoding = "utf-8" if encoding.startswith("utf-16") else encoding
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

    # Parse the head in Python; remember where each row ends (physical line).
    lines = _physical_lines(head_text)
    threshold = _threshold(_typical_width(lines[:200], delimiter))
    head: list[list[str]] = []
    ends: list[int] = []
    limit = max(head_rows, 1) + 20
    try:
        for fields, first, span, _ in _records(lines, delimiter, threshold):
            head.append([c.strip() for c in fields])
            ends.append(first + span)
            if len(head) >= limit:
                break
    except _FieldTooLong:
        if not head:
            raise InputError("io.field_too_long", file=name, row=len(head) + 1,
                             length=f">{MAX_FIELD_CHARS}", limit=MAX_FIELD_CHARS) from None
    if truncated and len(head) < limit and head:
        head, ends = head[:-1], ends[:-1]  # the last record may be cut off by the chunk
    if not any(any(c for c in row) for row in head):
        raise InputError("io.empty", file=name)

    def reader_fn(header_index: int, ncols: int) -> Body:
        end_line = ends[header_index] if header_index >= 0 else 0  # lines up to the header's end
        rest = len("".join(lines[end_line:]).encode(text_encoding, errors="replace"))
        offset = len(raw_head) - rest  # bytes of the head up to there (a BOM included)
        header = head[header_index] if header_index >= 0 else []
        width = min(ncols, max((i + 1 for i, c in enumerate(header) if c), default=ncols))
        args = (text_encoding, delimiter, ncols, header_index + 1, name, width)
        if data.size - offset > READ_CHUNK_BYTES:
            body = _read_csv_body_chunked(_line_chunks(path if mapped else data, offset),
                                          *args)
            if body is not None:
                return body
        return _read_csv_body(data.slice(offset), *args)

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


# A CSV body larger than this is read in pieces of about this size (see _read_csv_body_chunked).
READ_CHUNK_BYTES = 1 << 27


def _line_chunks(data: Path | pa.Buffer, offset: int) -> Iterator[pa.Buffer]:
    """The bytes of ``data`` (a file as it is on disk, or bytes in memory) from ``offset`` in
    pieces of about ``READ_CHUNK_BYTES`` that end at a line feed (the last piece: at the
    end). A file is read with plain reads, so the process never maps the whole of it."""
    source: Any = open(data, "rb") if isinstance(data, Path) else pa.BufferReader(data)
    with source:
        source.seek(offset)
        carry = b""
        while block := source.read(READ_CHUNK_BYTES):
            block = carry + bytes(block)
            cut = block.rfind(b"\n") + 1
            if cut == 0:
                carry = block
                continue
            carry = block[cut:]
            yield pa.py_buffer(block[:cut])
        if carry:
            yield pa.py_buffer(carry)


def _read_csv_body_chunked(chunks: Iterable[pa.Buffer], encoding: str, delimiter: str,
                           ncols: int, header_row: int, file: str = "",
                           width: int | None = None) -> Body | None:
    """A large CSV body read piece by piece (``chunks`` cut at line breaks), each piece by
    :func:`_read_csv_body`: the file's bytes and Arrow's parse of them are held for one piece
    at a time, not for the whole file. The same Body as reading it whole, as long as no
    quoted value holds a line break (then every line is one record, so a piece's rows start
    at the row after the previous piece's last line); ``None`` when one may, for the caller
    to read the whole body instead."""
    parts: list[Body] = []
    row = header_row
    for buf in chunks:
        if _line_break_in_quotes(buf, delimiter):
            return None
        parts.append(_read_csv_body(buf, encoding, delimiter, ncols, row, file, width))
        row += _line_breaks(buf)
    parts = [b for b in parts if len(b.baris)]
    if len(parts) <= 1:
        return parts[0] if parts else _empty_body(ncols)
    cells = pd.concat([b.cells for b in parts], ignore_index=True)
    baris = np.concatenate([b.baris for b in parts])
    if all(b.reject is None for b in parts):
        return Body(cells, baris)

    def filled(name: str, default: object, dtype: Any) -> np.ndarray:
        return np.concatenate([
            getattr(b, name) if getattr(b, name) is not None
            else np.full(len(b.baris), default, dtype=dtype) for b in parts])

    return Body(cells, baris, filled("reject", "", object), filled("reason", "", object),
                filled("short", 0, np.int64))


def _check_lengths(table: pa.Table, baris: np.ndarray, file: str) -> None:
    """Raise for a cell longer than ``MAX_FIELD_CHARS`` (counted in Arrow, no copy; bytes
    first, which never undercount characters)."""
    for column in table.columns:
        longest_bytes = pc.max(pc.binary_length(column)).as_py()
        if longest_bytes is None or longest_bytes <= MAX_FIELD_CHARS:
            continue
        lengths = pc.utf8_length(column)
        longest = pc.max(lengths).as_py()
        if longest > MAX_FIELD_CHARS:
            at = pc.index(pc.greater(lengths, MAX_FIELD_CHARS), True).as_py()
            raise InputError("io.field_too_long", file=file, row=int(baris[at]),
                             length=f"{longest:,}".replace(",", "."), limit=MAX_FIELD_CHARS)


def _classify(fields: list[str], ncols: int, delimiter: str,
              width: int | None = None) -> tuple[list[str], str, str, int]:
    """Cells of one row padded or cut to ``ncols``, a reject code and reason, and the cell
    count when the row had fewer cells than the header's ``width`` (0 otherwise)."""
    width = width or ncols
    cells = [c.strip() for c in fields]
    if len(cells) > ncols:
        filled = sum(1 for c in cells if c)
        if any(cells[ncols:]):
            reason = coded_text(f"io.reject.{REJECT_EXTRA_CELLS}", cells=filled, width=width,
                                delimiter=delimiter_name(delimiter))
            return [""] * ncols, REJECT_EXTRA_CELLS, reason, 0
        cells = cells[:ncols]
    short = len(cells) if 0 < len(cells) < width and any(cells) else 0
    return cells + [""] * (ncols - len(cells)), "", "", short


def _read_csv_body(buf: pa.Buffer, encoding: str, delimiter: str, ncols: int, header_row: int,
                   file: str = "", width: int | None = None) -> Body:
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

    def collect(row: pacsv.InvalidRow) -> str:
        ragged.append((row.number, row.text))
        return "skip"

    slow = (buf, encoding, delimiter, ncols, header_row, file, width)
    newlines_in_values = _line_break_in_quotes(buf, delimiter)
    try:
        table = read(True, collect)
    except (pa.ArrowInvalid, UnicodeDecodeError):
        # e.g. a quote opened and never closed, a value over the block size: let Python's
        # csv module decide row by row.
        return _read_csv_body_python(*slow)
    if ragged:
        # Rows whose cell count differs from the header. Multi-threaded reading does not
        # report where they were, so read again single-threaded (rare, still fast).
        ragged.clear()
        table = read(False, collect)
    if any(num is None for num, _ in ragged) or _has_swallowed(
            buf, table, delimiter, ncols, table.num_rows + len(ragged)):
        return _read_csv_body_python(*slow)
    n_total = table.num_rows + len(ragged)
    positions = np.array([num for num, _ in ragged], dtype=np.int64)  # 1-based record no.
    keep = np.ones(n_total, dtype=bool)
    keep[positions - 1] = False
    baris_ok = header_row + np.flatnonzero(keep).astype(np.int64) + 1
    _check_lengths(table, baris_ok, file)
    cells = pd.DataFrame({i: _stripped(table.column(i)).to_pandas() for i in range(ncols)})
    if not ragged:
        return Body(cells, baris_ok)
    parsed, reject, reason, short = [], [], [], []
    previous = csv.field_size_limit(MAX_FIELD_CHARS)
    try:
        split = [next(csv.reader([text], delimiter=delimiter), []) for _, text in ragged]
    except csv.Error:
        return _read_csv_body_python(*slow)
    finally:
        csv.field_size_limit(previous)
    if any(_swallowed(fields, delimiter, _threshold(ncols)) for fields in split):
        return _read_csv_body_python(*slow)
    for fields in split:  # only the ragged rows, few by construction
        row, code, why, count = _classify(fields, ncols, delimiter, width)
        parsed.append(row)
        reject.append(code)
        reason.append(why)
        short.append(count)
    extra = pd.DataFrame(parsed, columns=range(ncols), dtype="str")
    both = pd.concat([cells, extra], ignore_index=True)
    baris = np.concatenate([baris_ok, header_row + positions])
    order = np.argsort(baris, kind="stable")
    n_ok = len(cells)
    codes = np.concatenate([np.full(n_ok, "", dtype=object), np.array(reject, dtype=object)])
    reasons = np.concatenate([np.full(n_ok, "", dtype=object), np.array(reason, dtype=object)])
    shorts = np.concatenate([np.zeros(n_ok, dtype=np.int64), np.array(short, dtype=np.int64)])
    return Body(both.iloc[order].reset_index(drop=True), baris[order], codes[order],
                reasons[order], shorts[order])


def _line_breaks(buf: pa.Buffer) -> int:
    """Line breaks in ``buf`` as a CSV parser counts them (LF, CR and CRLF), in chunks."""
    data = np.frombuffer(buf, dtype=np.uint8)
    breaks = 0
    for start in range(0, len(data), _CHUNK):
        part = data[start: start + _CHUNK + 1]  # one byte more: a CRLF across the cut
        body = part[: _CHUNK]
        lf = int(np.count_nonzero(body == 10))
        cr_at = body == 13
        cr = int(np.count_nonzero(cr_at))
        crlf = int(np.count_nonzero(cr_at[: len(part) - 1] & (part[1: len(body) + 1] == 10))) \
            if cr else 0
        breaks += lf + cr - crlf
    return breaks


def _has_swallowed(buf: pa.Buffer, table: pa.Table, delimiter: str, ncols: int,
                   records: int) -> bool:
    """Did a quote swallow whole rows into one value? Only a value spanning lines can have,
    and there is none when the file has as many lines as records (checked by counting line
    breaks, cheap); otherwise the values holding a line break are looked at."""
    ends_with_break = buf.size > 0 and buf.slice(buf.size - 1).to_pybytes() in (b"\n", b"\r")
    if _line_breaks(buf) + (0 if ends_with_break else 1) <= records:
        return False
    threshold = _threshold(ncols)
    for column in table.columns:
        spans = pc.or_(pc.match_substring(column, "\n"), pc.match_substring(column, "\r"))
        if not pc.any(spans).as_py():
            continue
        for value in pc.filter(column, spans).to_pylist():
            if _swallowed([value], delimiter, threshold):
                return True
    return False


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
    buf: pa.Buffer, encoding: str, delimiter: str, ncols: int, header_row: int, file: str = "",
    width: int | None = None,
) -> Body:
    """Exact path for CSV bodies pyarrow refuses or gets wrong (rare): Python's csv module,
    row by row, with unterminated quotes and ragged rows accounted for (see :func:`_records`)."""
    text = buf.to_pybytes().decode(encoding, errors="replace")
    lines = _physical_lines(text)
    rows, reject, reason, short = [], [], [], []
    open_quote = coded_text(f"io.reject.{REJECT_OPEN_QUOTE}")
    try:
        for fields, _, _, bad in _records(lines, delimiter, _threshold(ncols)):
            if bad:
                rows.append([""] * ncols)
                reject.append(REJECT_OPEN_QUOTE)
                reason.append(open_quote)
                short.append(0)
                continue
            row, code, why, count = _classify(fields, ncols, delimiter, width)
            if any(len(c) > MAX_FIELD_CHARS for c in row):
                raise _FieldTooLong(len(rows), max(len(c) for c in row))
            rows.append(row)
            reject.append(code)
            reason.append(why)
            short.append(count)
    except _FieldTooLong as error:
        length = f">{MAX_FIELD_CHARS}" if error.length == MAX_FIELD_CHARS + 1 else error.length
        raise InputError("io.field_too_long", file=file, row=header_row + 1 + len(rows),
                         length=length, limit=MAX_FIELD_CHARS) from None
    if not rows:
        return _empty_body(ncols)
    cells = pd.DataFrame(rows, columns=range(ncols), dtype="str")
    return Body(cells, header_row + 1 + np.arange(len(rows), dtype=np.int64),
                np.array(reject, dtype=object), np.array(reason, dtype=object),
                np.array(short, dtype=np.int64))


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


def _excel_body(rows: list[list[object]], header_index: int, ncols: int, file: str) -> Body:
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
    for i in range(ncols):
        lengths = cells[i].str.len()
        if len(lengths) and lengths.max() > MAX_FIELD_CHARS:
            at = int(np.argmax(lengths.to_numpy() > MAX_FIELD_CHARS))
            raise InputError("io.field_too_long", file=file, row=int(baris[at]),
                             length=f"{int(lengths.max()):,}".replace(",", "."),
                             limit=MAX_FIELD_CHARS)
    return Body(cells, baris)


def _is_panic(error: BaseException) -> bool:
    """A Rust panic inside calamine (``pyo3_runtime.PanicException``, a BaseException)."""
    return type(error).__name__ == "PanicException"


def _scan_workbook(path: Path, name: str) -> dict[str, int]:
    """Sheet name -> cells, after refusing files whose size or extent is over the limits."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        extents = sheetscan.scan_xlsx(path, name)
    elif suffix == ".ods":
        extents = sheetscan.scan_ods(path, name)
    else:  # the old binary format is bounded by the format: 65,536 rows x 256 columns
        extents = []
    return {e.name: e.grid for e in extents}


def _read_excel(path: Path, berkas: str, digest: str, head_rows: int) -> list[RawTable]:
    import python_calamine as calamine

    name = str(path)
    extents = _scan_workbook(path, name)
    try:
        workbook = calamine.CalamineWorkbook.from_path(str(path))
    except calamine.PasswordError:
        raise InputError("io.excel_password", file=name) from None
    except BaseException as exc:  # calamine raises several kinds for "not a workbook"
        if not isinstance(exc, Exception) and not _is_panic(exc):
            raise
        with open(path, "rb") as fh:
            start = fh.read(16)
        kind = _sniff_binary(start)
        detail = kind or (str(exc).splitlines() or [type(exc).__name__])[0][:120]
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
            sheet_name = f"{berkas}[{meta.name}]"

            def reader_fn(header_index: int, ncols: int, rows: list = rows,
                          sheet_name: str = sheet_name) -> Body:
                return _excel_body(rows, header_index, ncols, sheet_name)

            tables.append(
                RawTable(
                    berkas=sheet_name,
                    path=str(path),
                    sha256=digest,
                    sheet=meta.name,
                    head=head,
                    cells=extents.get(meta.name, len(rows) * max((len(r) for r in rows[:1]),
                                                                 default=0)),
                    _reader=reader_fn,
                )
            )
    except InputError:
        raise
    except BaseException as exc:
        if not isinstance(exc, Exception) and not _is_panic(exc):
            raise
        detail = (str(exc).splitlines() or [type(exc).__name__])[0][:120]
        raise InputError("io.bad_excel", file=name, detail=detail) from None
    finally:
        workbook.close()
    if not tables:
        raise InputError(
            "io.no_table", file=name, sheets=", ".join(sheets) or "-", first_row="-"
        )
    return tables
