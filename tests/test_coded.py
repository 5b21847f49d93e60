"""Coded cells: the core says what a finding means (message keys and values), the report
renders the words. Table-driven cases for the format, and checks that the core really is
free of a language."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from coklit import coded
from coklit.i18n import Msg
from coklit.report.words import render, render_cell, render_table

PACKAGE = Path(__file__).resolve().parent.parent / "coklit"


@pytest.mark.parametrize(("cell", "lang", "words"), [
    (coded.code("saran.kk"), "id", "KK sama"),
    (coded.code("saran.kk"), "en", "same KK"),
    (coded.code("temuan.dengan", berkas="dpt.csv", baris="12"), "id", "dengan dpt.csv baris 12"),
    (coded.code("temuan.dengan", berkas="dpt.csv", baris="12"), "en", "with dpt.csv row 12"),
    # a value that is a message of its own is rendered in the reader's language
    (coded.code("io.reject.kolom_berlebih", cells=9, width=8, delimiter=Msg("delimiter.semicolon")),
     "en", "semicolon"),
    (coded.code("io.reject.kolom_berlebih", cells=9, width=8, delimiter=Msg("delimiter.semicolon")),
     "id", "titik koma"),
    # plain text (read back from a CSV, an officer's own mark) is shown as it is
    ("MENINGGAL 2023", "en", "MENINGGAL 2023"),
    ("", "id", ""),
])
def test_cells_render_in_the_readers_language(cell, lang, words):
    assert words in render_cell(cell, lang)


def test_parts_join_with_punctuation_and_decimals_follow_the_language():
    reason = coded.join(coded.code("reason.nik.sama"),
                        coded.code("reason.weight", bobot="+14"),
                        coded.code(coded.LIST_SEP),
                        coded.code("reason.nama.mirip"),
                        coded.code("reason.similarity", nilai=coded.decimal(0.9375)),
                        coded.code("reason.weight", bobot="+5"))
    assert render_cell(reason, "id") == "NIK sama (+14); nama mirip 0,94 (+5)"
    assert render_cell(reason, "en") == "same NIK (+14); name similar 0.94 (+5)"


def test_join_is_vectorised_and_skips_empty_cells():
    left = pd.Series([coded.code("saran.kk"), "", coded.code("saran.alamat")], index=[5, 6, 7])
    right = np.array([coded.code("saran.tidak_ada"), coded.code("saran.kk"), ""], dtype=object)
    joined = coded.join(left, coded.code(coded.COLON), right)
    assert list(joined.index) == [5, 6, 7]
    words = render(joined, "en").tolist()
    assert words[0].count(": ") == 1
    assert words[1].startswith(": ")  # the empty left cell added nothing
    assert words[2].endswith(": ")


def test_input_text_cannot_forge_a_part():
    """Values come from the voters' files; the coding characters are removed from them, so a
    hostile cell can neither add a part nor name another message."""
    hostile = f"ANI{coded.PART}saran.kk{coded.VALUE}x{coded.EQ}{coded.MARK}cli.crash"
    cells = coded.code_columns("temuan.nik_sama", nama=pd.Series([hostile]),
                               berkas=pd.Series(["a.csv"]), baris=pd.Series(["3"]))
    [(key, values)] = coded.decode(cells.iloc[0])
    assert key == "temuan.nik_sama"
    assert values["nama"] == "ANIsaran.kkxcli.crash"
    assert coded.plain(pd.Series([hostile])).iloc[0] == "ANIsaran.kkxcli.crash"


def test_render_table_touches_only_text_columns():
    table = pd.DataFrame({"nama": [coded.code("saran.kk")], "keterangan": [coded.code("saran.kk")]})
    shown = render_table(table, "id")
    assert shown["keterangan"].iloc[0] == "KK sama"
    assert shown["nama"].iloc[0] == table["nama"].iloc[0]  # data is never rendered
    assert table["keterangan"].iloc[0].startswith(coded.MARK)  # the input is not changed


def test_one_run_renders_in_either_language(samples):
    """The pipeline's tables carry no language: the same result shows Indonesian or English
    words for every reason, with the same values."""
    from coklit.config import RunConfig
    from coklit.pipeline import run_check

    result = run_check([str(samples / "dpt.csv")], [str(samples / "lapangan.csv")], RunConfig())
    for name, column in (("ganda", "alasan"), ("tidak_valid", "keterangan"),
                         ("cocok", "alasan"), ("tms", "bukti"),
                         ("belum_terdaftar", "alasan_memenuhi_syarat")):
        cells = result.tables[name][column].astype(str)
        assert len(cells) and cells.str.startswith(coded.MARK).all(), name
        id_words, en_words = render(cells, "id"), render(cells, "en")
        assert not id_words.str.contains(coded.MARK).any()
        assert (id_words != en_words).any(), name
    en = render(result.tables["ganda"]["alasan"], "en")
    assert en.str.contains("same birth date").any()
    assert en.str.contains(r"\(\+\d+\)", regex=True).all()


# The core: everything before coklit.report and coklit.cli in the one-way flow.
CORE = ["io.py", "schema.py", "sanity.py", "validate.py", "household.py", "pipeline.py",
        "banding.py", "temuan_lama.py", "tinjauan.py", "summary.py", "normalize", "match",
        "findings"]


def _core_files() -> list[Path]:
    out: list[Path] = []
    for name in CORE:
        path = PACKAGE / name
        out += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return out


@pytest.mark.parametrize("path", _core_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_core_chooses_no_words(path):
    """No core module takes a ``lang`` parameter or formats a message: it returns codes and
    values (errors are ``CoklitError(key, ...)``, table text is coded cells)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = [a.arg for a in (*node.args.args, *node.args.kwonlyargs)]
            assert "lang" not in args, f"{path.name}:{node.lineno} {node.name}(lang)"
        if isinstance(node, ast.ImportFrom) and node.module == "coklit.i18n":
            names = {a.name for a in node.names}
            assert not names & {"t", "t_columns", "texts", "template"}, \
                f"{path.name}:{node.lineno} imports {sorted(names)} from coklit.i18n"
