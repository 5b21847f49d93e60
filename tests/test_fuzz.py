"""Fuzz suite: thousands of mutated CSV/XLSX inputs through the readers and the three jobs.

Every input is either read (and then read = used + rejected holds, per file and in total) or
refused with one CoklitError message (exit 2 in the CLI); never another exception (exit 1),
never a crash of the process (a SIGABRT inside calamine shows as a broken worker, named).
The inputs come from ``tests/fuzzcorpus.py`` with a fixed seed, so a red run is
reproducible: ``COKLIT_FUZZ_SEED`` and ``COKLIT_FUZZ_CASES`` change the seed and the number of
cases (e.g. ``COKLIT_FUZZ_CASES=20000`` for a long local run).

Cost is kept to a minute or two: the library functions run in two worker processes (the CI
machine has two cores). Every case goes through the reader; the cases that read are put in
batches of files, and the batches take turns through ``validate``, ``dedupe`` and ``check``
(one pipeline run covers many files, so each readable case goes through one of the three
jobs); one batch in four is also written out (CSV, XLSX, HTML). A sample goes through the
real CLI in this process.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import random
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from fuzzcorpus import corpus, read_one, run_job
from typer.testing import CliRunner

from coklit.cli import app

SEED = int(os.environ.get("COKLIT_FUZZ_SEED", "20241127"))
CASES = int(os.environ.get("COKLIT_FUZZ_CASES", "2000"))
N_XLSX = CASES // 5
N_CSV = CASES - N_XLSX
BATCH = 40
CLI_SAMPLE = 30
WORKERS = 2

pytestmark = pytest.mark.slow


def _pool() -> ProcessPoolExecutor:
    return ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("spawn"))


def _map(function, *iterables) -> list:  # type: ignore[no-untyped-def]
    """``function`` over the items in the pool; a worker that dies (a crash of the process,
    not an exception) is rerun alone so the failure names its item."""
    items = list(zip(*iterables, strict=True))
    try:
        with _pool() as pool:
            return list(pool.map(function, *iterables, chunksize=8))
    except BrokenProcessPool:
        results = []
        for item in items:
            try:
                with _pool() as pool:
                    results.append(pool.submit(function, *item).result())
            except BrokenProcessPool:
                results.append(("unexpected", "", 0, f"the process died on {item}")
                               if function is read_one else f"the process died on {item}")
        return results


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory) -> dict:
    """Every case written to disk and read once."""
    folder = tmp_path_factory.mktemp("fuzz")
    cases = corpus(SEED, N_CSV, N_XLSX)
    paths = []
    for case in cases:
        path = folder / case.name
        path.write_bytes(case.data)
        paths.append(str(path))
    outcomes = _map(read_one, paths)
    read, refused, unexpected = [], {}, []
    for case, path, (status, key, records, problem) in zip(cases, paths, outcomes, strict=True):
        if problem:
            unexpected.append(f"{case.name} ({case.recipe}): {problem}")
        if status == "read":
            read.append((case, Path(path), records))
        elif status == "refused":
            refused[case.name] = key
    return {"cases": cases, "read": read, "refused": refused, "unexpected": unexpected,
            "folder": folder}


def test_every_input_is_read_or_refused_with_a_message(fuzzed) -> None:
    assert len(fuzzed["cases"]) == CASES
    assert not fuzzed["unexpected"], "\n".join(fuzzed["unexpected"][:20])
    # the corpus is worth something only if both outcomes are common
    assert len(fuzzed["read"]) > CASES // 5 and len(fuzzed["refused"]) > CASES // 20
    kinds = set(fuzzed["refused"].values())
    assert {"io.field_too_long", "io.bad_excel", "io.sheet_sparse"} <= kinds, kinds


def _batches(read: list) -> list[list[str]]:
    """Files with usable rows, distinct contents, in groups of ``BATCH``."""
    seen, usable = set(), []
    for _, path, n in read:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if n and digest not in seen:
            seen.add(digest)
            usable.append(str(path))
    return [usable[i: i + BATCH] for i in range(0, len(usable), BATCH)]


def test_the_jobs_run_on_every_readable_input(fuzzed, tmp_path: Path) -> None:
    batches = _batches(fuzzed["read"])
    assert sum(len(b) for b in batches) > CASES // 5
    jobs = [("validate", "dedupe", "check")[i % 3] for i in range(len(batches))]
    outs = [str(tmp_path / f"o{i}") if i % 4 == 0 else None for i in range(len(batches))]
    packs = [i % 8 == 0 for i in range(len(batches))]
    failures = [f"{job} on {[Path(p).name for p in batch]}: {what}"
                for job, batch, what in zip(jobs, batches, _map(run_job, jobs, batches, outs,
                                                                 packs), strict=True) if what]
    assert not failures, "\n".join(failures[:10])


def test_a_sample_through_the_cli_exits_0_or_2_with_one_message(fuzzed, tmp_path: Path) -> None:
    rng = random.Random(SEED)
    cases = rng.sample(fuzzed["cases"], min(CLI_SAMPLE, len(fuzzed["cases"])))
    runner = CliRunner()
    folder = fuzzed["folder"]
    for i, case in enumerate(cases):
        command = rng.choice(["validate", "dedupe", "check"])
        args = [command, str(folder / case.name)]
        if command == "check":
            args.append(str(folder / rng.choice(fuzzed["cases"]).name))
            args.append("--paksa")
        result = runner.invoke(app, [*args, "--out", str(tmp_path / f"o{i}")])
        assert result.exit_code in (0, 2), (case.name, case.recipe, result.output)
        assert "Traceback" not in result.output, (case.name, result.output)
        if result.exit_code == 2:
            assert result.output.startswith("Galat: "), (case.name, result.output)
            assert result.output.count("Galat:") == 1
