"""The README documents every command, option and output file an officer can meet."""

from __future__ import annotations

from pathlib import Path

import pytest

from coklit.cli import app
from coklit.results import TABLE_COLUMNS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = [c.name or c.callback.__name__ for c in app.registered_commands]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command):
    assert f"coklit {command}" in README


@pytest.mark.parametrize("table", list(TABLE_COLUMNS))
def test_every_output_file_is_in_the_readme(table):
    assert f"{table}.csv" in README


@pytest.mark.parametrize(
    "option", ["--out", "--tanggal-pemilihan", "--ambang", "--kolom", "--data-lengkap",
               "--per-kecamatan", "--lang", "--dask"],
)
def test_every_shared_option_is_in_the_readme(option):
    assert option in README


def test_quick_start_is_two_commands():
    block = README.split("```", 2)[1].strip().splitlines()
    assert len(block) == 2
    assert "coklit check data/samples/dpt.csv data/samples/lapangan.csv" in block[0]
    assert "pytest" in block[1]
