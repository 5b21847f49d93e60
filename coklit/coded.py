"""Coded text cells: what a finding says, not the words that say it.

The core (reading, validation, matching, findings) never chooses a language. Where a table
cell is text for an officer (``keterangan``, ``alasan``, ``bukti``, ...), the core writes a
*coded cell*: one or more message keys of :mod:`coklit.messages`, each with its values.
:mod:`coklit.report.words` renders those cells in the reader's language when a result is
shown or written (``coklit.report.shareable``), so the words of every output come from the
one catalogue, whatever stage produced them.

A coded cell is ``MARK part (PART part)*`` and a part is ``key (VALUE name EQ value)*``. The
rendered parts are concatenated as they are; punctuation between them is a message too
(``word.sep_list`` for "; ", ``word.colon`` for ": "). A value is plain text, or a decimal
number (``DECIMAL`` + digits, written with a decimal comma in Indonesian), or a message of
its own (``MARK`` + key: a word such as a delimiter's name). The separators
are ASCII control characters: they are removed from every value, so no input text can make
a cell read as something else. A cell without ``MARK`` is plain text and renders as itself.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

MARK = "\x1c"
PART = "\x1d"
VALUE = "\x1e"
EQ = "\x1f"
DECIMAL = "\x1b"
_CONTROL = "[\x1b-\x1f]"

# Punctuation between parts (message keys).
LIST_SEP = "word.sep_list"  # "; "
COLON = "word.colon"  # ": "


def _encode(value: object) -> str:
    """A value as it is stored: a message without values of its own (an ``i18n.Msg``, such
    as a delimiter's name) as ``MARK`` + its key, rendered in the reader's language; anything
    else as text without the coding characters."""
    if isinstance(value, _Decimal):
        return str(value)
    key, values = getattr(value, "key", None), getattr(value, "values", None)
    if isinstance(key, str) and not values:
        return MARK + key
    return _clean(value)


def _clean(value: object) -> str:
    text = str(value)
    for ch in (MARK, PART, VALUE, EQ, DECIMAL):
        text = text.replace(ch, "")
    return text


def part(key: str, **values: object) -> str:
    """One part (no ``MARK``): ``key`` and its values."""
    return key + "".join(VALUE + name + EQ + _encode(v) for name, v in values.items())


def code(key: str, **values: object) -> str:
    """A coded cell of one message."""
    return MARK + part(key, **values)


class _Decimal(str):
    """A value made by :func:`decimal` (kept as it is by :func:`part`)."""


def decimal(value: float, places: int = 2) -> str:
    """A value shown as a decimal number in the reader's convention (0,94 / 0.94)."""
    return _Decimal(DECIMAL + f"{value:.{places}f}")


def _column_text(values: Any, index: pd.Index) -> pd.Series:
    if isinstance(values, pd.Series):
        text = values.astype(str)
        text.index = index
    else:
        text = pd.Series(np.asarray(values, dtype=object), index=index).astype(str)
    return plain(text)


def code_columns(key: str, **columns: Any) -> pd.Series:
    """One coded cell per row: message ``key`` with each value taken from a whole column
    (pandas Series or arrays of one length; the first Series gives the index). Vectorised."""
    first = next(iter(columns.values()))
    index = first.index if isinstance(first, pd.Series) else pd.RangeIndex(len(first))
    out = pd.Series(MARK + key, index=index, dtype=object)
    for name, values in columns.items():
        out = out + (VALUE + name + EQ) + _column_text(values, index).to_numpy(dtype=object)
    return out.astype(object)


def codes(prefix: str, names: Any) -> dict[str, str]:
    """``{name: coded cell of "<prefix>.<name>"}``: a family of codes, to map a column."""
    return {name: code(f"{prefix}.{name}") for name in names}


def join(*cells: Any) -> Any:
    """Cells joined into one cell per row: their parts one after another; an empty cell adds
    nothing. Each cell is a str (the same for every row) or an array/Series of one length;
    the result is a str when all are str, else a Series (on the first Series' index)."""
    arrays = [c for c in cells if not isinstance(c, str)]
    if not arrays:
        bodies = [c.removeprefix(MARK) for c in cells if c]
        return MARK + PART.join(bodies) if bodies else ""
    first = next((c for c in arrays if isinstance(c, pd.Series)), None)
    index = first.index if first is not None else pd.RangeIndex(len(arrays[0]))
    out = pd.Series("", index=index, dtype=object)
    for cell in cells:
        if isinstance(cell, str):
            if not cell:
                continue
            text = pd.Series(cell, index=index, dtype=object)
        else:
            text = pd.Series(np.asarray(cell, dtype=object), index=index).astype(str)
        body = text.str.removeprefix(MARK)
        joined = np.where(out == "", MARK + body, out + PART + body)
        out = pd.Series(np.where(text == "", out, joined), index=index, dtype=object)
    return out


def decode(cell: str) -> list[tuple[str, dict[str, str]]]:
    """The parts of a coded cell: ``[(key, {name: value}), ...]``."""
    if not cell.startswith(MARK):
        raise ValueError("not a coded cell")
    out = []
    for piece in cell[1:].split(PART):
        key, *pairs = piece.split(VALUE)
        values = {}
        for pair in pairs:
            name, _, value = pair.partition(EQ)
            values[name] = value
        out.append((key, values))
    return out


def plain(values: pd.Series) -> pd.Series:
    """``values`` with the coding characters removed: for text read back from a file, which
    is words already and never a coded cell."""
    text = values.astype(str)
    if text.str.contains(_CONTROL, regex=True).any():
        return text.str.replace(_CONTROL, "", regex=True)
    return text
