"""CSV files: the Arrow-built bytes are exactly those of pandas' to_csv (csv module)."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from coklit.report.csv_out import ENCODING, neutralise_formulas, write_csv

TRICKY = ["", "BUDI", "a,b", 'say "hi"', "line\nbreak", "carriage\rreturn", "\r\n", " x ",
          "tab\t", "ÉLISE", "東京", "😀", '"', ",", "semi;colon", "\u2028", "'quote"]


def _pandas_bytes(table: pd.DataFrame, path: Path) -> bytes:
    table.to_csv(path, index=False, encoding=ENCODING, lineterminator="\n",
                 quoting=csv.QUOTE_MINIMAL)
    return path.read_bytes()


@pytest.mark.parametrize("table", [
    pd.DataFrame({"nama": TRICKY, "nik": list(reversed(TRICKY))}, dtype=object),
    pd.DataFrame({"nama": TRICKY, "nik": list(reversed(TRICKY))}, dtype="str"),
    pd.DataFrame({"nama": TRICKY[::-1]}, dtype="str").iloc[3:],  # a slice of Arrow buffers
    pd.DataFrame({"nama": TRICKY}, dtype=object),  # one column: an empty row is quoted
    pd.DataFrame({"nama": pd.Series([], dtype=object), "nik": pd.Series([], dtype=object)}),
    pd.DataFrame({"a,b": ["1"], 'say "x"': ["2"]}, dtype=object),  # headers quoted too
    pd.DataFrame({"n": [1, 2], "s": ["a", None]}),  # not plain text: pandas writes it
])
def test_fast_csv_equals_pandas(tmp_path: Path, table: pd.DataFrame) -> None:
    # write_csv neutralises formula-like cells first; the bytes are pandas' for that table.
    path = write_csv(table, tmp_path / "fast.csv")
    assert path.read_bytes() == _pandas_bytes(neutralise_formulas(table),
                                              tmp_path / "pandas.csv")

