"""CSV body fast paths give the tables the careful paths give."""

from __future__ import annotations

import random

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pytest

from coklit.io import _line_break_in_quotes, _stripped


@pytest.mark.parametrize(("text", "unsure"), [
    (b"a,b\nc,d\n", False),
    (b'"a",b\n"c,d",e\n', False),
    (b'"a""b",c\n"x",""\n', False),
    (b'"""abc""",x\n', False),
    (b'a,"b"\r\nc,"d"\r\n', False),
    (b'"a\nb",c\n', True),  # a value over two lines
    (b'a,"b\r"\n', True),
    (b'O"BRIEN,"JL X\nRT 1"\n', True),  # a stray quote before a multi-line value
    (b'x,"abc', True),  # never closed
    (b'"a"b,c\n', True),
])
def test_line_break_in_quotes(text: bytes, unsure: bool) -> None:
    assert _line_break_in_quotes(pa.py_buffer(text), ",") is unsure


def _read(data: bytes, newlines_in_values: bool) -> tuple:
    names = ["a", "b", "c"]
    ragged: list = []

    def skip(row) -> str:  # type: ignore[no-untyped-def]
        ragged.append((row.number, row.text))
        return "skip"

    try:
        table = pacsv.read_csv(
            pa.BufferReader(pa.py_buffer(data)),
            read_options=pacsv.ReadOptions(column_names=names, block_size=64),
            parse_options=pacsv.ParseOptions(newlines_in_values=newlines_in_values,
                                             ignore_empty_lines=False,
                                             invalid_row_handler=skip),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.large_string()), null_values=[],
                strings_can_be_null=False, quoted_strings_can_be_null=False))
    except pa.ArrowInvalid:
        return ("error",)
    return table.to_pydict(), ragged


def test_fast_mode_reads_the_same_table() -> None:
    rng = random.Random(7)
    alphabet = ["a", "b", ",", '"', '"', "\n", "\r", " ", "é"]
    chosen = 0
    for _ in range(3000):
        data = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))).encode()
        if _line_break_in_quotes(pa.py_buffer(data), ","):
            continue
        chosen += 1
        assert _read(data, False) == _read(data, True), data
    assert chosen > 200


@pytest.mark.parametrize("chunks", [
    [["", " a", "a ", "\ta", "a\n", "\u00a0a", "a\u00a0", "a\u3000", "é", " é ", "x\x1cy"]],
    [["ok", "a b"], ["東京 ", "x"]],
    [["ok", "a b"], ["c", "d"]],
    [[]],
])
def test_stripped_is_the_unicode_trim(chunks: list[list[str]]) -> None:
    column = pa.chunked_array([pa.array(c, pa.large_string()) for c in chunks],
                              type=pa.large_string())
    assert _stripped(column).to_pylist() == pc.utf8_trim_whitespace(column).to_pylist()
