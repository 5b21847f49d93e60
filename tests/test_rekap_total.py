"""Every rekap ends with one TOTAL row, written by one function (coklit.results.with_total)."""

from __future__ import annotations

import pandas as pd

from coklit.report import _with_text_total
from coklit.results import TOTAL_LABEL, column_sums, with_total


def test_total_row_sums_the_counts_and_names_the_first_place() -> None:
    table = pd.DataFrame({"kecamatan": ["A", "A"], "kelurahan": ["X", "Y"], "n": [2, 3],
                          "m": [0, 4]})
    out = with_total(table, column_sums(table, ["n", "m"]))
    assert out.iloc[-1].tolist() == [TOTAL_LABEL, "", 5, 4]
    assert out["n"].dtype == "int64" and len(out) == 3


def test_a_rekap_read_back_as_text_gets_its_total_as_text() -> None:
    rekap = pd.DataFrame({"kecamatan": ["A", "B"], "tps": ["001", "002"], "n": ["2", "3"],
                          "catatan": ["x", "y"]})
    out = _with_text_total(rekap)
    assert out.iloc[-1].tolist() == [TOTAL_LABEL, "", "5", ""]
    assert _with_text_total(rekap.iloc[:0]).empty
