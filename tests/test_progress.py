"""Progress: the pipeline tells ``on_step`` each step with its counts (rows read, candidate
pairs) as numbers; the CLI's spinner words them in the chosen language."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from coklit.cli import app
from coklit.config import RunConfig
from coklit.pipeline import run_check, run_dedupe
from coklit.report.terminal import step_text

runner = CliRunner()


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, int]]] = []

    def __call__(self, key: str, counts: dict[str, int]) -> None:
        self.calls.append((key, dict(counts)))

    def last(self, key: str) -> dict[str, int]:
        """The counts of the last call with ``key`` (everything known about that step)."""
        return [c for k, c in self.calls if k == key][-1]


def _rows_read(meta: dict, role: str) -> int:
    return sum(f["rows_read"] for f in meta["inputs"] if f["role"] == role)


def test_check_tells_each_step_with_its_counts(samples: Path) -> None:
    seen = Recorder()
    result = run_check([str(samples / "dpt.csv")], [str(samples / "lapangan.csv")], RunConfig(),
                       on_step=seen)
    keys = [k for k, _ in seen.calls]
    # each step once in order (a step's later calls only add counts)
    steps = [k for i, k in enumerate(keys) if i == 0 or keys[i - 1] != k]
    assert steps == ["step.read", "step.normalize", "step.validate", "step.dedupe",
                     "step.link", "step.findings"]
    meta = result.meta
    listed = len(result.tables["hasil_lapangan"])  # one row per field record
    assert seen.last("step.read") == {"baris": _rows_read(meta, "dpt"),
                                      "lapangan": _rows_read(meta, "lapangan")}
    normalised = [c["baris"] for k, c in seen.calls if k == "step.normalize"]
    assert normalised == [meta["measures"]["baris"]["dpt"]["dipakai"], listed]
    assert seen.last("step.validate") == {"baris": meta["measures"]["baris"]["dpt"]["dipakai"]}
    dedupe = seen.last("step.dedupe")
    assert dedupe["pasangan"] == meta["parameters"]["model_ganda"]["pasangan_kandidat"] > 0
    link = seen.last("step.link")
    assert link["pasangan"] == meta["parameters"]["model_cocok"]["pasangan_kandidat"] > 0
    assert link["lapangan"] == listed
    # the step starts before its pairs are known: the first call has the rows only
    assert [c for k, c in seen.calls if k == "step.dedupe"][0] == {"baris": dedupe["baris"]}


def test_dedupe_reads_then_counts_pairs(samples: Path) -> None:
    seen = Recorder()
    result = run_dedupe([str(samples / "dpt.csv")], RunConfig(), on_step=seen)
    assert seen.calls[0] == ("step.read", {})
    assert seen.last("step.read") == {"baris": _rows_read(result.meta, "dpt")}
    assert seen.last("step.dedupe")["pasangan"] == (
        result.meta["parameters"]["model_ganda"]["pasangan_kandidat"])


@pytest.mark.parametrize(("key", "counts", "lang", "expected"), [
    ("step.read", {}, "id", "Membaca berkas…"),
    ("step.read", {"baris": 1241196}, "id", "Membaca berkas… 1.241.196 baris"),
    ("step.read", {"lapangan": 61000, "baris": 1241196}, "en",
     "Reading files… 1,241,196 rows, 61,000 field records"),  # in a fixed order
    ("step.dedupe", {"baris": 1241196, "pasangan": 1103097}, "id",
     "Mencari pemilih ganda… 1.241.196 baris, 1.103.097 pasangan kandidat"),
    ("step.banding", {"lama": 5000, "baru": 4900, "pasangan": 12000}, "en",
     "Matching people across the two list versions… 5,000 old rows, 4,900 new rows, "
     "12,000 candidate pairs"),
])
def test_step_text(key: str, counts: dict[str, int], lang: str, expected: str) -> None:
    import coklit.banding  # noqa: F401 - registers step.banding

    assert step_text(key, counts, lang) == expected


@pytest.mark.parametrize(("lang", "words"), [
    ("id", ("Membaca berkas… {rows} baris, {field} catatan lapangan", "pasangan kandidat",
            "[langkah ")),
    ("en", ("Reading files… {rows} rows, {field} field records", "candidate pairs", "[step ")),
])
def test_spinner_shows_counts(samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                              lang: str, words: tuple[str, ...]) -> None:
    """Through the command: the spinner (on a terminal) shows the counts in the language."""
    screen = io.StringIO()
    monkeypatch.setattr("coklit.cli.err_console",
                        Console(file=screen, force_terminal=True, width=250))
    result = runner.invoke(app, ["check", str(samples / "dpt.csv"),
                                 str(samples / "lapangan.csv"), "--out", str(tmp_path / "hasil"),
                                 "--lang", lang])
    assert result.exit_code == 0, result.output
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "\n", screen.getvalue())  # frames as lines
    sep = "." if lang == "id" else ","
    dpt = len((samples / "dpt.csv").read_text("utf-8-sig").splitlines()) - 1
    field = len((samples / "lapangan.csv").read_text("utf-8-sig").splitlines()) - 1
    first = words[0].format(rows=f"{dpt:,}".replace(",", sep), field=f"{field:,}")
    assert first in shown, shown[-2000:]
    assert all(w in shown for w in words[1:]), shown[-2000:]
