import pandas as pd

from coklit import regions


def test_known_codes_cover_all_kecamatan():
    codes = regions.known_region_codes()
    assert len(codes) == 7277
    assert all(len(c) == 6 and c.isdigit() for c in codes)
    # Palembang: 16.71.01 ... 16.71.18
    assert {f"1671{i:02d}" for i in range(1, 19)} <= codes


def test_region_name():
    assert "Palembang" in regions.region_name("167101")
    assert regions.region_name("16.71.01") == regions.region_name("167101")
    assert regions.region_name("1671011203900001") == regions.region_name("167101")
    assert regions.region_name("999999") is None
    assert regions.region_name("1671") is None
    assert regions.region_name(None) is None


def test_is_known_region_is_vectorised_and_keeps_index():
    values = pd.Series(["167101", "999999", "1671**", "", "16710"], index=[10, 11, 12, 13, 14])
    result = regions.is_known_region(values)
    assert result.dtype == bool
    assert list(result.index) == [10, 11, 12, 13, 14]
    assert result.tolist() == [True, False, False, False, False]
