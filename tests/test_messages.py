"""The message catalogue (coklit/messages): every key the code names exists, every text has
both languages with the same placeholders, a broken message raises (and the CLI still shows one
line), and no module (but the synthetic-data generator) writes user-facing text of its own."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from typer.testing import CliRunner

import coklit
from coklit import validate
from coklit.cli import _FRAMEWORK_WORDS, app
from coklit.errors import CoklitError
from coklit.fields import CATEGORIES
from coklit.i18n import LANGS, MESSAGES, MessageError, Msg, t
from coklit.match.compare import LEVELS

PACKAGE = Path(coklit.__file__).parent
SOURCES = sorted(p for p in PACKAGE.rglob("*.py") if "messages" not in p.relative_to(PACKAGE).parts)
TEMPLATES = sorted((PACKAGE / "report" / "templates").glob("*.j2"))
PREFIXES = {key.split(".")[0] for key in MESSAGES}
# A string that looks like a message key: a known area, then dotted parts.
KEY_SHAPE = re.compile(r"^[a-z_]+(\.[A-Za-z0-9_]+)+$")
# Strings of that shape that are not message keys, each with the reason.
NOT_KEYS = {
    "temuan.xlsx": "a file name",
    "model.em_tidak_jalan": "a note code in info_proses.json (Params.notes)",
}
# Calls whose first argument is a message key.
KEY_CALLS = {"t", "text", "template", "Msg", "CoklitError", "InputError", "SchemaError",
             "OptionError", "OutputError"}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _keys_in_code() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(where, key) for literal keys and (where, pattern) for f-string keys in the package."""
    literal, patterns = [], []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        inside_fstrings = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)
                           for part in node.values}
        for node in ast.walk(tree):
            if id(node) in inside_fstrings:
                continue
            where = f"{path.relative_to(PACKAGE)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                value = node.value
                if KEY_SHAPE.match(value) and value.split(".")[0] in PREFIXES:
                    literal.append((where, value))
            elif isinstance(node, ast.Call) and _call_name(node) in KEY_CALLS and node.args:
                first = node.args[0]
                if isinstance(first, ast.JoinedStr):
                    parts = [re.escape(p.value) if isinstance(p, ast.Constant) else r"[^.]+"
                             for p in first.values]
                    patterns.append((where, "".join(parts)))
    for path in TEMPLATES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for key in re.findall(r"""\bt\(\s*["']([^"']+)["']""", line):
                literal.append((f"{path.name}:{number}", key))
    return literal, patterns


def test_every_text_has_both_languages() -> None:
    incomplete = [key for key, texts in MESSAGES.items()
                  if set(texts) != set(LANGS) or not all(texts.values())]
    assert not incomplete, incomplete


def test_placeholders_are_the_same_in_both_languages() -> None:
    differ = {key: {lang: sorted(_placeholders(text)) for lang, text in texts.items()}
              for key, texts in MESSAGES.items()
              if _placeholders(texts["id"]) != _placeholders(texts["en"])}
    assert not differ, differ


def test_every_text_formats_with_its_placeholders() -> None:
    for key, texts in MESSAGES.items():
        values = {name: "x" for name in _placeholders(texts["id"])}
        for lang in LANGS:
            assert t(key, lang, **values)


def test_every_key_named_in_the_code_is_in_the_catalogue() -> None:
    literal, patterns = _keys_in_code()
    assert len(literal) > 200 and len(patterns) > 10  # the scan sees the code
    missing = [(where, key) for where, key in literal
               if key not in MESSAGES and key not in NOT_KEYS]
    assert not missing, missing
    unmatched = [(where, pattern) for where, pattern in patterns
                 if not any(re.fullmatch(pattern, key) for key in MESSAGES)]
    assert not unmatched, unmatched


@pytest.mark.parametrize(("prefix", "codes"), [
    ("masalah", validate.CODES),
    ("validate", validate.CODES),
    ("category", CATEGORIES),
    ("cli_word", _FRAMEWORK_WORDS),
    *[(f"reason.{name}", levels) for name, levels in LEVELS.items()],
])
def test_every_code_of_a_family_has_its_text(prefix: str, codes: tuple[str, ...]) -> None:
    # a code may have its text in variants (validate.nik_jk_beda.L / .P)
    missing = [code for code in codes if f"{prefix}.{code}" not in MESSAGES
               and not any(key.startswith(f"{prefix}.{code}.") for key in MESSAGES)]
    assert not missing, missing


def test_a_broken_message_raises() -> None:
    with pytest.raises(MessageError, match="no message"):
        t("no.such.key")
    with pytest.raises(MessageError, match="KeyError"):
        t("io.not_found", "id")  # needs {path}
    with pytest.raises(MessageError, match="no 'fr' text"):
        t("error.prefix", "fr")
    with pytest.raises(MessageError):
        t("io.not_found", "en", path=Msg("no.such.key"))
    assert t("io.not_found", "en", path="x.csv").startswith("Nothing matches 'x.csv'")


def test_a_broken_message_reaches_the_officer_as_one_line(samples, tmp_path, monkeypatch) -> None:
    import coklit.pipeline

    def broken(*args, **kwargs):
        raise CoklitError("io.no_such_message", path="x.csv")

    monkeypatch.setattr(coklit.pipeline, "run_validate", broken)
    monkeypatch.delenv("COKLIT_DEBUG", raising=False)
    result = CliRunner().invoke(app, ["validate", str(samples / "dpt.csv"), "--out",
                                      str(tmp_path / "hasil")])
    assert result.exit_code == 1
    assert "MessageError" in result.output and "COKLIT_DEBUG" in result.output
    assert "Traceback" not in result.output and "io.no_such_message" not in result.output


# --- no user-facing text outside the catalogue -------------------------------------------------
# Every module but the synthetic-data generator (synth/, which writes Indonesian *data*, not
# messages).
CORE = [p for p in SOURCES if "synth" not in p.relative_to(PACKAGE).parts]
# Indonesian words that mark a phrase meant for a person to read.
INDONESIAN = {"tidak", "dan", "yang", "atau", "dari", "untuk", "dengan", "tanpa", "belum",
              "sudah", "bukan", "harus", "ada", "ini", "di", "ke", "pada", "sama", "beda", "mirip",
              "lahir", "baris", "berkas", "kolom", "tahun", "koma", "titik", "ya", "kode",
              "tanggal", "pemilih", "daftar", "dicek", "perlu", "lain", "lama", "biner", "akhiran"}
# Exceptions a programmer reads (their text stays in English, outside the catalogue).
DEVELOPER_ERRORS = {"ValueError", "TypeError", "RuntimeError", "AssertionError", "KeyError",
                    "NotImplementedError", "LookupError", "MessageError"}
# Calls whose text arguments document the code for developers (the model's JSON carries them).
DEVELOPER_TEXT_CALLS = {"Key", "Stratum"}
# Literals with words in them that are codes or data, not messages, and why.
ALLOWED = {
    "belum dicek": "a review status code written in the ledger (tinjauan.STATUSES)",
    "sudah diperbaiki": "a review status code written in the ledger (tinjauan.STATUSES)",
    "field larger than field limit": "the text of Python's csv.Error, matched",
    "str | None": "a type annotation (report.html._Cell)",
}
ALLOWED_MODULES = {
    "fields.py": "NORMALISED: what each normalised column holds, for developers",
    "normalize/places.py": "kecamatan names of the bundled region, data",
}


def _developer_nodes(tree: ast.AST) -> set[int]:
    """Docstrings and the arguments of developer-facing exceptions and documentation calls."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)):
            skip.add(id(body[0].value))
        if isinstance(node, ast.Call) and _call_name(node) in DEVELOPER_ERRORS | DEVELOPER_TEXT_CALLS:
            skip.update(id(sub) for sub in ast.walk(node))
    return skip


def user_facing_literals(source: str) -> list[tuple[int, str]]:
    """String literals of ``source`` that read as text for a person: a phrase (several words,
    or words with Indonesian in them) or a bare yes/no word, outside docstrings and developer
    errors. Upper-case strings are input vocabulary (header aliases, placeholders in files)
    and regular expressions are patterns: neither is flagged."""
    tree = ast.parse(source)
    skip = _developer_nodes(tree)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in skip:
            continue
        text = node.value
        pattern = text.startswith("^") or text.endswith("$") or "(?" in text
        markup = "<" in text or "{ " in text  # HTML and CSS of the letters and the report
        if text.upper() == text or pattern or markup or text in ALLOWED:
            continue
        words = set(re.findall(r"[A-Za-z_]+", text))
        phrase = " " in text.strip()
        if (phrase and words & INDONESIAN) or len(text.split()) >= 3 or text in {"ya", "tidak"}:
            found.append((node.lineno, node.col_offset, text))
    return [(line, text) for line, _, text in sorted(found)]


def test_the_grep_flags_what_it_should() -> None:
    flagged = [text for _, text in user_facing_literals('''
"""A docstring with words in it is fine."""
label = "ya" if ok else "tidak"
kind = "data biner"
hint = "Periksa berkas ini"
english = "Check the file again"
raise ValueError("an error for developers")
code, column, alias, pattern = "nik_kosong", "berkas", "TANGGAL LAHIR", "^(?:x y)$"
''')]
    assert flagged == ["ya", "tidak", "data biner", "Periksa berkas ini", "Check the file again"]


def test_no_user_facing_text_outside_the_catalogue() -> None:
    assert len(CORE) > 40
    found = [f"{path.relative_to(PACKAGE)}:{line}: {text!r}" for path in CORE
             if path.relative_to(PACKAGE).as_posix() not in ALLOWED_MODULES
             for line, text in user_facing_literals(path.read_text(encoding="utf-8"))]
    assert not found, "\n".join(found)


# Bilingual tables ({"id": ..., "en": ...}) outside the catalogue, with the reason each stays.
BILINGUAL_ALLOWED = {
    "report/labels.py": "the made-up header of an unknown column: the same text in both",
}


def test_no_bilingual_table_outside_the_catalogue() -> None:
    found: dict[str, int] = {}
    for path in SOURCES:
        name = path.relative_to(PACKAGE).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict) and {"id", "en"} <= {
                    k.value for k in node.keys if isinstance(k, ast.Constant)}:
                found[name] = found.get(name, 0) + 1
    assert found == dict.fromkeys(BILINGUAL_ALLOWED, 1), found


@pytest.mark.parametrize(("lang", "words"), [("id", b"Halaman &amp;P / &amp;N"),
                                             ("en", b"Page &amp;P / &amp;N")])
def test_the_xlsx_page_footer_is_in_the_chosen_language(tmp_path, lang, words) -> None:
    import zipfile

    import pandas as pd
    import xlsxwriter

    from coklit.report import xlsx

    path = tmp_path / "t.xlsx"
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    formats = {"header": workbook.add_format(), "bold": workbook.add_format()}
    xlsx._write_table(workbook, "Ganda", "ganda", pd.DataFrame({"nama": ["A"]}), lang, formats)
    workbook.close()
    with zipfile.ZipFile(path) as zf:
        assert words in zf.read("xl/worksheets/sheet1.xml")


def test_a_message_inside_a_message_is_shown_in_the_cli_language_and_scrubbed(
        samples, tmp_path, monkeypatch) -> None:
    import coklit.pipeline
    from coklit.errors import InputError

    def damaged(*args, **kwargs):
        raise InputError("io.bad_excel", file="dpt.xlsx",
                         detail=Msg("io.damaged_zip", {"detail": "CRC 1671011203900001"}))

    monkeypatch.setattr(coklit.pipeline, "run_validate", damaged)
    result = CliRunner().invoke(app, ["validate", str(samples / "dpt.csv"), "--out",
                                      str(tmp_path / "hasil"), "--lang", "en"])
    assert result.exit_code == 2
    assert "damaged ZIP archive" in result.output and "arsip" not in result.output
    assert "1671011203900001" not in result.output
