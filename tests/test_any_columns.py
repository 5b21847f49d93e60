"""Only a name column is required: lists with few or foreign columns are matched on what they
carry, through the CLI, and never crash for a missing optional column."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from coklit.cli import app
from coklit.config import ReadConfig
from coklit.schema import load_dataset

RUNNER = CliRunner()

FEBRL_HEADER = ("given_name,surname,street_number,address_1,address_2,suburb,postcode,state,"
                "date_of_birth")
FEBRL_ROWS = [
    "jake,westbrook,15,booroondara street,ascot park,salisbury east,2074,nsw,19001115",
    "jake,wesbtrook,15,booroondara street,ascot park,salisbury east,2074,nsw,19001115",
    "mitchell,green,7,wallaby place,delmar,cleveland,2119,sa,19560409",
    "harley,mccarthy,177,pridham street,milton,marsden,3165,nsw,19080419",
    "madeline,mason,54,hoseason street,lakefront,granville,4881,nsw,19081128",
    "isabelle,smith,23,gundulu place,currin,utakarra,2193,wa,19921119",
    "taylor,hathaway,7,yuranigh court,brentwood,fairfield,4220,nsw,19991207",
]


def _write(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_english_headers_map_without_kolom(tmp_path):
    """FEBRL-style headers: given name + surname make the name, street number + address
    lines the address, suburb the kelurahan, postcode its own field; state is a province."""
    path = _write(tmp_path, "people.csv", [FEBRL_HEADER, *FEBRL_ROWS])
    data = load_dataset([str(path)], "dpt", ReadConfig())
    columns = data.files[0].columns
    assert columns["nama"] == "given_name + surname"
    assert columns["tanggal_lahir"] == "date_of_birth"
    assert columns["kelurahan"] == "suburb"
    assert columns["kode_pos"] == "postcode"
    assert data.records.loc[0, "nama"] == "jake westbrook"
    assert data.records.loc[0, "alamat"] == "booroondara street 15 ascot park"


def test_dedupe_on_english_headers_finds_the_duplicate(tmp_path):
    path = _write(tmp_path, "people.csv", [FEBRL_HEADER, *FEBRL_ROWS])
    out = tmp_path / "hasil"
    result = RUNNER.invoke(app, ["dedupe", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    ganda = pd.read_csv(out / "ganda.csv", dtype=str, encoding="utf-8-sig")
    assert sorted(ganda["baris"].tolist()) == ["2", "3"]


@pytest.mark.parametrize("header, rows", [
    # name, date, address, kelurahan only: no NIK, no JK, no TPS, no kecamatan
    ("NAMA,TANGGAL LAHIR,ALAMAT,KELURAHAN",
     ["SITI AMINAH,12-03-1985,JL. MAWAR NO. 3,26 ILIR",
      "SITI AMINAH,12-03-1985,JL MAWAR NO 3,26 ILIR",
      "BUDI SANTOSO,01-07-1990,LR. MELATI,SEI BUAH",
      "RINA WATI,05-05-1975,JL. A. YANI,26 ILIR"]),
    # a name and nothing else
    ("NAMA", ["SITI AMINAH", "SITI AMINAH", "BUDI SANTOSO", "RINA WATI"]),
    # no TPS column, a duplicate in one household
    ("NIK,NAMA,TANGGAL LAHIR,KELURAHAN,KECAMATAN",
     ["1671015203850001,SITI AMINAH,12-03-1985,26 ILIR,ILIR BARAT I",
      "1671015203850001,SITI AMINAH,12-03-1985,26 ILIR,ILIR BARAT I",
      "1671010107900002,BUDI SANTOSO,01-07-1990,SEI BUAH,KEMUNING"]),
])
def test_check_and_dedupe_never_crash_for_missing_columns(tmp_path, header, rows):
    path = _write(tmp_path, "dpt.csv", [header, *rows])
    field = _write(tmp_path, "lapangan.csv", [header, rows[0], rows[-1]])
    for args in (["dedupe", str(path)], ["check", str(path), str(field)]):
        out = tmp_path / ("hasil_" + args[0])
        result = RUNNER.invoke(app, [*args, "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert (out / "ganda.csv").exists()
