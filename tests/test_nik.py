"""coklit.nik and coklit.birthdate: the NIK's structure and the birth-date rules, table-driven."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from coklit import birthdate, nik

E2024 = dt.date(2024, 11, 27)


@pytest.mark.parametrize("value, state, why", [
    ("1671014507900003", 1, "16 digits"),
    ("167101450790****", 2, "masked serial"),
    ("", 0, "missing"),
    ("16710145079000", 0, "too short"),
    ("16710145079000031", 0, "too long"),
    ("16710145079000A3", 0, "a letter"),
])
def test_digit_matrix_state(value: str, state: int, why: str) -> None:
    # Alone and next to a 16-digit value (the fast and the general path of char_matrix).
    for values in ([value], [value, "1671014507900003"]):
        matrix, states = nik.digit_matrix(pd.Series(values, dtype="str"))
        assert states[0] == state, why
        if state == 0:
            assert (matrix[0] == nik.MISSING).all(), why


def test_digit_matrix_codes() -> None:
    matrix, _ = nik.digit_matrix(np.array(["167101450790****"], dtype=object))
    assert matrix[0].tolist() == [1, 6, 7, 1, 0, 1, 4, 5, 0, 7, 9, 0] + [nik.MASKED] * 4
    assert nik.digits_value(matrix, nik.REGION).tolist() == [167101]
    assert nik.digits_value(matrix, nik.SERIAL).tolist() == [-1]


@pytest.mark.parametrize("value, possible, day, month, year, female, why", [
    ("1671010201460001", True, 2, 1, 1946, False, "a man born 02-01-1946"),
    ("1671014507900003", True, 5, 7, 1990, True, "a woman: day + 40"),
    ("1671012902000001", True, 29, 2, 2000, False, "29 February 2000 (a leap year)"),
    ("1671012902990001", False, 29, 2, 1999, False, "29 February 1999"),
    ("1671013502900001", False, 35, 2, 1990, False, "raw day 32-40 is impossible"),
    ("1671017201900001", False, 32, 1, 1990, True, "raw day above 71 is impossible"),
    ("1671010113900001", False, 1, 13, 1990, False, "month 13"),
    ("1671010101250001", True, 1, 1, 1925, False, "YY after the election year: 19YY"),
    ("1671010101240001", True, 1, 1, 2024, False, "YY up to the election year: 20YY"),
])
def test_date_part(value: str, possible: bool, day: int, month: int, year: int,
                   female: bool, why: str) -> None:
    matrix, _ = nik.digit_matrix(pd.Series([value], dtype="str"))
    part = nik.date_part(matrix, E2024)
    assert part.visible[0], why
    assert part.possible[0] == possible, why
    assert (part.day[0], part.month[0], part.year[0], part.female[0]) == (
        day, month, year, female), why
    if possible:
        assert nik.date_value(part.day, part.month, part.year, part.female)[0] == int(value[6:12])


def test_date_part_hidden() -> None:
    matrix, _ = nik.digit_matrix(pd.Series(["167101**07900003", ""], dtype="str"))
    part = nik.date_part(matrix)
    assert not part.visible.any() and not part.possible.any()


@pytest.mark.parametrize("yy, election, year", [
    (24, E2024, 2024), (25, E2024, 1925), (0, E2024, 2000), (99, E2024, 1999),
    (29, dt.date(2029, 2, 14), 2029), (30, dt.date(2029, 2, 14), 1930),
])
def test_full_year(yy: int, election: dt.date, year: int) -> None:
    assert birthdate.full_year(np.array([yy]), election)[0] == year


@pytest.mark.parametrize("born, on, age, why", [
    ("2000-02-29", dt.date(2025, 2, 28), 24, "29 February: birthday is 1 March in common years"),
    ("2000-02-29", dt.date(2025, 3, 1), 25, "reached on 1 March"),
    ("2007-11-27", E2024, 17, "17 on the day itself"),
    ("2007-11-28", E2024, 16, "one day short"),
    (None, E2024, None, "unknown"),
])
def test_ages(born: str | None, on: dt.date, age: int | None, why: str) -> None:
    got = birthdate.ages(pd.Series([born], dtype=object), on).tolist()[0]
    assert (got is pd.NA and age is None) or got == age, why


def test_days_in_month_and_placeholders() -> None:
    year = np.array([1900, 2000, 2023, 2024, 2024, 2024])
    month = np.array([2, 2, 2, 2, 13, 0])
    assert birthdate.days_in_month(year, month).tolist() == [28, 29, 28, 29, 0, 0]
    day, month = np.array([1, 1, 31, 15]), np.array([1, 7, 12, 6])
    assert birthdate.is_placeholder(day, month).tolist() == [True, True, True, False]
