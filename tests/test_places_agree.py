"""Every table places a person in one kecamatan: a field file without KECAMATAN gets its
kecamatan from the list (by kelurahan or by the linked row), and its data-quality rows are
counted there too, not under "(TANPA KECAMATAN)"."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from coklit.cli import app
from coklit.results import UNKNOWN_PLACE


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def test_field_rows_keep_one_kecamatan(samples: Path, tmp_path: Path) -> None:
    field = _csv(samples / "lapangan.csv").drop(columns="KECAMATAN")
    field.loc[[0, 5, 17], "JK"] = "X"  # three bad JK: tidak_valid rows
    field.to_csv(tmp_path / "lapangan.csv", index=False)
    out = tmp_path / "hasil"
    result = CliRunner().invoke(app, ["check", str(samples / "dpt.csv"),
                                      str(tmp_path / "lapangan.csv"), "--out", str(out)])
    assert result.exit_code == 0, result.output

    hasil = _csv(out / "hasil_lapangan.csv")
    invalid = _csv(out / "tidak_valid.csv")
    invalid = invalid[invalid["berkas"] == "lapangan.csv"]
    assert (invalid["masalah"] == "jk_tidak_valid").sum() == 3
    # The same person (berkas, baris) has the same kecamatan in both tables.
    joined = invalid.merge(hasil, on=["berkas", "baris"], suffixes=("_tv", "_hl"),
                           validate="many_to_one")
    assert len(joined) == len(invalid)
    assert (joined["kecamatan_tv"] == joined["kecamatan_hl"]).all(), \
        joined[["baris", "kecamatan_tv", "kecamatan_hl"]]
    assert (hasil["kecamatan"] != UNKNOWN_PLACE["kecamatan"]).all()

    # The rekap counts the tidak_valid people where the table puts them.
    rekap = _csv(out / "rekap_kecamatan.csv").set_index("kecamatan")
    everyone = _csv(out / "tidak_valid.csv").drop_duplicates(["berkas", "baris"])
    expected = everyone.groupby("kecamatan").size()
    got = rekap["tidak_valid"].drop("TOTAL").astype(int)
    assert got[got > 0].sort_index().to_dict() == expected.sort_index().to_dict()
    assert UNKNOWN_PLACE["kecamatan"] not in expected.index
