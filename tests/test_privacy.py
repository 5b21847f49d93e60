"""Masking by value: identity numbers and full dates typed into any column never reach a
shareable output, whatever the column is called."""

from __future__ import annotations

import pandas as pd
import pytest

from coklit.privacy import apply, apply_meta, scrub_ids, scrub_text, scrub_values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MENINGGAL; NIK 1671156410990001 LAHIR 24-10-1999",
         "MENINGGAL; NIK 167115********** LAHIR **-**-1999"),
        ("Kolom nama tidak berisi huruf: '1602220101460001'",
         "Kolom nama tidak berisi huruf: '160222**********'"),
        ("lahir 1999-10-24 00:00:00", "lahir **-**-1999 00:00:00"),
        ("24/10/1999", "**-**-1999"),
        ("24.10.1999", "**-**-1999"),
        ("12 Januari 1990", "**-**-1990"),
        ("12-JAN-90", "**-**-90"),
        ("12 okt. 1990", "**-**-1990"),
        ("October 24, 1999", "**-**-1999"),
        ("24/10/99", "**-**-**"),
        ("24101999", "********"),
        ("NIK 1671 1564 1099 0001", "NIK ****************"),
        ("16.71.01.641099.0001", "****************"),
        ("HP 081234567890", "HP 081234**********"),
        ("01-01-1990,02-02-1991", "**-**-1990,**-**-1991"),
        # what must stay: places, addresses, reasons, scores
        ("JL. A. YANI LR. MASAJAYA RT 029 RW 006", "JL. A. YANI LR. MASAJAYA RT 029 RW 006"),
        ("35 ILIR", "35 ILIR"),
        ("KM 5,5", "KM 5,5"),
        ("NIK beda 1 digit (salah ketik) (+19); nama sama (+10)",
         "NIK beda 1 digit (salah ketik) (+19); nama sama (+10)"),
        ("0.987", "0.987"),
        ("SITI AMINAH", "SITI AMINAH"),
    ],
)
def test_scrub_text(text: str, expected: str) -> None:
    assert scrub_text(text) == expected
    # the vectorised path used on tables gives the same answer
    table = apply(pd.DataFrame({"keterangan": [text, "x"]}), full_data=False)
    assert table["keterangan"].tolist() == [expected, "x"]


def test_file_names_keep_their_dates_but_not_identity_numbers() -> None:
    assert scrub_ids("DPT 01-08-2024.csv") == "DPT 01-08-2024.csv"
    assert scrub_ids("1671156410990001.csv") == "167115**********.csv"
    table = apply(pd.DataFrame({"berkas": ["DPT 01-08-2024.csv"],
                                "berkas_dpt": ["x 1671156410990001.csv"],
                                "nama": ["BUDI 01-08-2024"]}), full_data=False)
    assert table.iloc[0].tolist() == ["DPT 01-08-2024.csv", "x 167115**********.csv",
                                      "BUDI **-**-2024"]


def test_every_free_text_column_is_scrubbed_and_numbers_are_not() -> None:
    nik = "1671156410990001"
    table = pd.DataFrame({
        "nama": [nik], "alamat": [f"JL. X {nik}"], "bukti": [f"LAHIR 24-10-1999 NIK {nik}"],
        "kecamatan": ["24-10-1999"], "nilai": [nik], "kolom": ["status"],
        "baris": [12345678], "skor": ["0.12345678"], "grup": [3],
    })
    out = apply(table, full_data=False)
    text = out.astype(str).to_csv()
    assert nik not in text and "24-10-1999" not in text
    assert out.loc[0, "baris"] == 12345678 and out.loc[0, "skor"] == "0.12345678"
    assert apply(table, full_data=True) is table


def test_meta_scrubs_headers_and_file_names_not_hashes() -> None:
    meta = {
        "created": "2024-08-01T10:00:00",
        "parameters": {"tanggal_pemilihan": "2024-11-27"},
        "inputs": [{"berkas": "1671156410990001.csv", "path": "data/1671156410990001.csv",
                    "sha256": "1234567890" * 6 + "abcd",
                    "columns": {"nama": "1671156410990001"}, "ignored": ["24-10-1999"]}],
        "kecamatan": "NIK 1671156410990001",
        "lembar_dilewati": {"dpt.xlsx[1671156410990001]": "catatan"},
    }
    out = apply_meta(meta, full_data=False)
    item = out["inputs"][0]
    assert item["sha256"] == meta["inputs"][0]["sha256"]
    assert item["berkas"] == "167115**********.csv"
    assert item["columns"] == {"nama": "167115**********"} and item["ignored"] == ["**-**-1999"]
    assert out["created"] == meta["created"] and out["parameters"] == meta["parameters"]
    assert "1671156410990001" not in out["kecamatan"]
    assert out["lembar_dilewati"] == {"dpt.xlsx[167115**********]": "catatan"}
    assert apply_meta(meta, full_data=True) is meta


def test_message_values_are_scrubbed_file_names_keep_dates() -> None:
    values = {"file": "DPT 01-08-2024.csv", "headers": '"1671156410990001", "24-10-1999"',
              "row": 2}
    out = scrub_values(values, ("file",))
    assert out == {"file": "DPT 01-08-2024.csv", "headers": '"167115**********", "**-**-1999"',
                   "row": 2}
