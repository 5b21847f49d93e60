"""Column-wide fast paths of validate give what the per-value string tests give."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from coklit import nik
from coklit import validate as v

NAMES = ["", " ", "-", "A", "AB", "Budi 2", "_A", "A_B", "ÉLISE", "É", "ÉA", "東京", "Ñ2", "Ａ",
         "½", "٣", "a\u0301b", "MA'RUF", "O'NEIL, S.PD", "12", "X Y", "..", "Z."]


def test_odd_names_match_the_string_test() -> None:
    names = pd.Series(NAMES * 3, dtype="str")
    expected = np.asarray(v._odd_name_test(names), dtype=bool)
    np.testing.assert_array_equal(v._odd_names(names), expected)
    np.testing.assert_array_equal(v._odd_names(names.iloc[:0]), expected[:0])


@pytest.mark.parametrize("dates", [
    ["1900-02-28", "2024-02-29", None, "1969-12-31", "1970-01-01", "1899-12-31"],
    [None, None],
    [],
])
def test_birth_parts(dates: list) -> None:
    when = pd.Series(pd.to_datetime(pd.Series(dates, dtype=object)), dtype="datetime64[ns]")
    birth = v._Birth.of(when)
    for part in ("year", "month", "day"):
        expected = getattr(when.dt, part).to_numpy(dtype=float, na_value=np.nan)
        np.testing.assert_array_equal(getattr(birth, part), expected)


def test_known_region_lookup() -> None:
    codes = sorted(v.regions.known_region_codes())[:50] + ["999999", "000000", "167101"]
    text = pd.Series([c + "0000000001" for c in codes], dtype="str")
    digit, _ = nik.digit_matrix(text)
    expected = v.regions.is_known_region(text.str.slice(0, 6)).to_numpy(bool)
    np.testing.assert_array_equal(v._known_region(digit), expected)
