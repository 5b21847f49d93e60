"""Every command takes several inputs: check takes one or more field files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from coklit.cli import app


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def test_check_takes_several_field_files(samples: Path, tmp_path: Path) -> None:
    field = _csv(samples / "lapangan.csv")
    half = len(field) // 2
    field.iloc[:half].to_csv(tmp_path / "pps_1.csv", index=False)
    field.iloc[half:].to_csv(tmp_path / "pps_2.csv", index=False)
    out = tmp_path / "hasil"
    result = CliRunner().invoke(app, ["check", str(samples / "dpt.csv"), str(tmp_path / "pps_1.csv"),
                                      str(tmp_path / "pps_2.csv"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    hasil = _csv(out / "hasil_lapangan.csv")
    assert hasil["berkas"].value_counts().to_dict() == {"pps_1.csv": half,
                                                        "pps_2.csv": len(field) - half}


def test_check_needs_a_field_file(samples: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["check", str(samples / "dpt.csv"), "--out",
                                      str(tmp_path / "hasil")])
    assert result.exit_code == 2
