"""No full NIK, NKK or birth date of the input in any shareable output or terminal line.

A corpus of hostile inputs (identity numbers and birth dates typed into names, remarks,
statuses, addresses, places and headers; a NIK column mapped to ``nama``; unterminated
quotes; header-less files; XLSX with numbers and date cells) goes through every command.
Then every file written (CSV, JSON, HTML, every part of the unzipped XLSX) and everything
printed is searched for every identity number and birth date the input holds, in the forms
coklit could print them.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from typer.testing import CliRunner

from coklit.cli import app

runner = CliRunner()

# Synthetic identities (region 16 71 xx, dates 1950-2006); none is a real person's.
PEOPLE = [
    ("1671011203850001", "1671010101100001", "12-03-1985", "BUDI SANTOSO"),
    ("1671024506900002", "1671010101100002", "05-06-1990", "SITI AMINAH"),
    ("1671031708750003", "1671010101100003", "17/08/1975", "AHMAD FAUZI"),
    ("1671046402000004", "1671010101100004", "2000-02-24", "DEWI LESTARI"),
    ("1671050109650005", "1671010101100005", "01-09-1965", "MUHAMMAD RIZKI"),
    ("1671066612030006", "1671010101100006", "26-12-2003", "NYAYU ZAHRA"),
]
HIDDEN_NIK = "1671075511880007"  # only ever typed into free text
HIDDEN_DATE = "15-11-1988"


def _rows(field: bool) -> list[list[str]]:
    header = ["NIK", "NKK", "NAMA", "TEMPAT LAHIR", "TGL LAHIR", "JK", "ALAMAT", "TPS",
              "KELURAHAN", "KECAMATAN", "KETERANGAN", "STATUS"]
    rows = [header]
    for i, (nik, nkk, tgl, nama) in enumerate(PEOPLE):
        rows.append([nik, nkk, nama, f"PALEMBANG, {tgl}", tgl, "L" if i % 2 else "P",
                     f"JL. MAWAR NO {i} (NIK {nik})", str(i % 2 + 1), "35 ILIR",
                     "ILIR BARAT II" if i % 3 else f"KEC {HIDDEN_DATE}",
                     f"MENINGGAL; NIK {HIDDEN_NIK} LAHIR {HIDDEN_DATE}" if i == 0 else "",
                     f"TMS {tgl} {nik}" if field and i == 1 else ("1" if i == 2 else "")])
    # NIK and dates typed where a name belongs, a repeated person (a duplicate), a two-digit
    # year, a 1-digit-off NIK typed into the address, a NIK with spaces
    rows.append([PEOPLE[0][0], "", PEOPLE[0][0], "", PEOPLE[0][2], "P", "", "1", "35 ILIR",
                 "ILIR BARAT II", "", ""])
    rows.append([PEOPLE[1][0], PEOPLE[1][1], PEOPLE[1][3], "", PEOPLE[1][2], "P",
                 f"RT 1 HP 081234567890 {HIDDEN_DATE}", "1", "35 ILIR", "ILIR BARAT II", "", ""])
    rows.append(["", "", f"ANAK {HIDDEN_DATE}", "", "01-01-24", "L",
                 "NIK 1671 0755 1188 0007", "1", "35 ILIR", "ILIR BARAT II", "", ""])
    return rows


def _csv(path: Path, rows: list[list[str]], broken_quote: bool = False) -> Path:
    lines = [",".join(f'"{c}"' if "," in c else c for c in row) for row in rows]
    if broken_quote:  # an unterminated quote swallowing rows that hold identity numbers
        lines.insert(2, f'{PEOPLE[4][0]},"OPEN QUOTE {PEOPLE[4][2]},X,1')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _xlsx(path: Path, rows: list[list[str]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet(f"TPS {PEOPLE[3][0][:6]}")
    date = book.add_format({"num_format": "dd-mm-yyyy"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if r and c == 0 and value:
                sheet.write_number(r, c, int(value))  # a NIK stored as a number
            elif r and c == 4 and re.fullmatch(r"\d\d-\d\d-\d{4}", value):
                day, month, year = map(int, value.split("-"))
                sheet.write_datetime(r, c, dt.datetime(year, month, day), date)
            else:
                sheet.write_string(r, c, value)
    bare = book.add_worksheet("TANPA JUDUL")  # voter rows without a header row
    bare.write_row(0, 0, [PEOPLE[5][0], PEOPLE[5][3], PEOPLE[5][2]])
    notes = book.add_worksheet(f"CATATAN {HIDDEN_NIK}")  # a skipped sheet named by a NIK
    notes.write(0, 0, "Diperiksa PKD.")
    book.close()
    return path


def _secrets() -> set[str]:
    """Every identity number and birth date of the corpus, in the forms it could be shown."""
    out = {HIDDEN_NIK, "1671 0755 1188 0007", "081234567890"}
    dates = [HIDDEN_DATE] + [p[2] for p in PEOPLE]
    for nik, nkk, _, _ in PEOPLE:
        out |= {nik, nkk}
    for text in dates:
        out.add(text)
        parts = re.split(r"[-/]", text)
        day, month, year = (parts[2], parts[1], parts[0]) if len(parts[0]) == 4 else parts
        out |= {f"{day}-{month}-{year}", f"{day}/{month}/{year}", f"{year}-{month}-{day}",
                f"{day}{month}{year}", f"{int(day)}-{int(month)}-{year}"}
    return out


def _texts(folder: Path) -> dict[str, str]:
    """Every output file as text (XLSX: every part of the archive)."""
    texts = {}
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                for name in book.namelist():
                    texts[f"{path}!{name}"] = book.read(name).decode("utf-8", "replace")
        else:
            texts[str(path)] = path.read_bytes().decode("utf-8", "replace")
    return texts


def _leaks(text: str, secrets: set[str]) -> list[str]:
    return sorted(s for s in secrets if s in text)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("hostile")
    inputs = root / "masukan"
    inputs.mkdir()
    return {
        "dpt": _csv(inputs / "dpt.csv", _rows(False)),
        "lapangan": _csv(inputs / "lapangan.csv", _rows(True)),
        "quote": _csv(inputs / "kutip.csv", _rows(False), broken_quote=True),
        "xlsx": _xlsx(inputs / "dpt.xlsx", _rows(False)),
        "bare": _csv(inputs / "tanpa_judul.csv", _rows(False)[1:]),
        "odd": _csv(inputs / "aneh.csv", [["NO", f"KETERANGAN {HIDDEN_NIK}",
                                           f"TGL {HIDDEN_DATE}"], ["1", "X", "Y"]]),
        "root": root,
    }


RUNS = [
    ["validate", "{dpt}"],
    ["dedupe", "{dpt}", "{quote}"],
    ["dedupe", "{xlsx}"],
    ["check", "{dpt}", "{lapangan}", "--per-kecamatan"],
    ["check", "{xlsx}", "{lapangan}", "--lang", "en"],
    ["validate", "{dpt}", "--kolom", "nama=NIK"],  # a NIK column read as names
    ["validate", "{dpt}", "--kolom", "nama=TGL LAHIR"],
    ["check", "{dpt}", "{lapangan}", "--kolom", "nama=ALAMAT"],  # names full of NIKs
    ["dedupe", "{dpt}", "--kolom", "nama=TEMPAT LAHIR"],  # names with birth dates
    ["validate", "{bare}"],  # fails: the message names the row, not its values
    ["validate", "{odd}"],  # fails: the message lists the headers, scrubbed
    ["validate", "{dpt}", "--kolom", "nama=NKK", "--kolom", "nik=NAMA"],
]


@pytest.mark.parametrize("args", RUNS, ids=lambda a: " ".join(a).replace("{", "").replace("}", ""))
def test_no_identity_number_or_birth_date_leaks(corpus, args: list[str]) -> None:
    out = corpus["root"] / ("hasil_" + "_".join(re.sub(r"\W", "", a) for a in args))
    argv = [a.format(**{k: str(v) for k, v in corpus.items()}) for a in args]
    result = runner.invoke(app, [*argv, "--out", str(out)])
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output
    secrets = _secrets()
    assert not _leaks(result.output, secrets), result.output
    if result.exit_code != 0:
        return
    texts = _texts(out)
    assert any(name.endswith("laporan.html") for name in texts)
    assert any("!xl/worksheets/" in name for name in texts)
    for name, text in texts.items():
        assert not _leaks(text, secrets), (name, _leaks(text, secrets))
    if args[0] == "check" and "--lang" not in args:  # re-rendered in another language
        again = runner.invoke(app, ["laporan", str(out), "--lang", "en"])
        assert again.exit_code == 0, again.output
        assert not _leaks(again.output, secrets)
        for name, text in _texts(out).items():
            assert not _leaks(text, secrets), name


def test_the_corpus_does_hold_what_is_searched_for(corpus) -> None:
    """The search is only worth something if the inputs carry the values in the first place
    and the internal mode writes them."""
    text = corpus["dpt"].read_text(encoding="utf-8")
    assert HIDDEN_NIK in text and HIDDEN_DATE in text and PEOPLE[3][2] in text
    out = corpus["root"] / "internal"
    result = runner.invoke(app, ["validate", str(corpus["dpt"]), "--out", str(out),
                                 "--data-lengkap"])
    assert result.exit_code == 0, result.output
    leaked = set()
    for value in _texts(out).values():
        leaked |= set(_leaks(value, _secrets()))
    assert HIDDEN_NIK in leaked and PEOPLE[0][0] in leaked
