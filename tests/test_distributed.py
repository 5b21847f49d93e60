"""The Dask engine gives the findings of one process, byte for byte.

A 2-worker local cluster (processes, not threads) runs blocking and comparisons; the CSVs
written from its result are compared with those of the single-process run. The cluster
tests are skipped where Dask is not installed (CI installs the ``dask`` extra).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from coklit.cli import _dask_argv, app
from coklit.config import RunConfig
from coklit.match.blocking import unique_pairs
from coklit.pipeline import run_check
from coklit.report import write_outputs
from coklit.synth import generate

# Every CSV a check writes; the issue names ganda, cocok, belum_terdaftar, tms, tidak_valid
# and the rekap, the others come for free.
CSVS = ("ganda", "ganda_perlu_cek", "cocok", "belum_terdaftar", "lapangan_perlu_cek", "tms",
        "tidak_valid", "hasil_lapangan", "ditolak", "rekap_kecamatan", "rekap_kelurahan")


def test_unique_pairs_keep_the_lowest_key_in_any_order() -> None:
    rng = np.random.default_rng(3)
    i = rng.integers(0, 50, 2000)
    j = rng.integers(0, 60, 2000)
    k = rng.integers(0, 5, 2000).astype(np.int8)
    keys = ("a", "b", "c", "d", "e")
    expected = unique_pairs(i, j, k, 60, keys)
    order = rng.permutation(len(i))
    shuffled = unique_pairs(i[order], j[order], k[order], 60, keys)
    pd.testing.assert_frame_equal(expected, shuffled)
    # Lowest key number per distinct pair, pairs sorted by (i, j).
    frame = pd.DataFrame({"i": i, "j": j, "k": k}).groupby(["i", "j"], as_index=False)["k"].min()
    assert expected["i"].tolist() == frame["i"].tolist()
    assert expected["j"].tolist() == frame["j"].tolist()
    assert expected["kunci"].cat.codes.tolist() == frame["k"].tolist()


def test_workers_hold_only_what_comparisons_read() -> None:
    """Features.for_comparisons (what a Dask worker receives) gives every comparison the
    levels of the whole Features; a comparison that read a dropped array would fail here."""
    from coklit.match import prepare
    from coklit.match.engine import compare
    from coklit.match.spec import build_spec
    from coklit.normalize import normalize_records
    from coklit.schema import load_dataset

    samples = Path(__file__).resolve().parents[1] / "data" / "samples"
    records = normalize_records(load_dataset([str(samples / "dpt.csv")], "dpt").records)
    rng = np.random.default_rng(5)
    # every feature present, so every comparison and place level is built
    records["kabupaten_norm"] = np.where(rng.random(len(records)) < 0.9, "PALEMBANG", "BANYUASIN")
    records["kodepos_norm"] = np.where(rng.random(len(records)) < 0.5, "30126", "30137")
    full = prepare(records)
    slim = full.for_comparisons()
    assert len(slim.hashes) < len(full.hashes) and len(slim.ints) < len(full.ints)
    i, j = rng.integers(0, len(full), 3000), rng.integers(0, len(full), 3000)
    for task in ("ganda", "tautan"):
        spec = build_spec(task, full.present)
        assert {"kodepos", "kk", "nik", "wilayah"} <= set(spec.names)
        expected = compare(spec, full, full, i, j)
        got = compare(spec, slim, slim, i, j)
        assert expected.keys() == got.keys()
        for name in expected:
            np.testing.assert_array_equal(expected[name], got[name])


def test_records_wait_on_disk_unchanged() -> None:
    """With an engine, check writes the list's records to a temporary Arrow file while it
    matches: every value, dtype and the index come back, and the file is removed."""
    from coklit import pipeline
    from coklit.normalize import normalize_records
    from coklit.schema import load_dataset

    samples = Path(__file__).resolve().parents[1] / "data" / "samples"
    dataset = load_dataset([str(samples / "dpt.csv")], "dpt")
    dataset.records = normalize_records(dataset.records)
    before = dataset.records.copy()
    path = pipeline._spill(dataset)
    assert path.exists() and dataset.records.empty
    pd.testing.assert_frame_equal(pipeline._unspill(path), before, check_exact=True)
    assert not path.exists()


def test_dask_without_address_means_a_local_cluster() -> None:
    assert _dask_argv(["check", "--dask", "a.csv", "b.csv"]) == [
        "check", "--dask", "lokal", "a.csv", "b.csv"]
    assert _dask_argv(["check", "a.csv", "b.csv", "--dask"]) == [
        "check", "a.csv", "b.csv", "--dask", "lokal"]
    assert _dask_argv(["check", "--dask", "tcp://10.0.0.5:8786", "a", "b"]) == [
        "check", "--dask", "tcp://10.0.0.5:8786", "a", "b"]


@pytest.mark.parametrize(("lang", "text"), [("id", "Pasang dengan"), ("en", "Install them")])
def test_missing_dask_is_one_clear_message(monkeypatch: pytest.MonkeyPatch, lang: str,
                                          text: str) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if not installed
    samples = Path(__file__).resolve().parents[1] / "data" / "samples"
    result = CliRunner().invoke(app, ["check", str(samples / "dpt.csv"),
                                      str(samples / "lapangan.csv"), "--out", "/nonexistent/x",
                                      "--dask", "lokal", "--lang", lang])
    assert result.exit_code == 2
    assert text in result.output
    assert 'pip install "coklit[dask]"' in result.output
    assert "Traceback" not in result.output


def test_bad_dask_address_is_refused() -> None:
    result = CliRunner().invoke(app, ["check", "a.csv", "b.csv", "--dask", "somewhere"])
    assert result.exit_code == 2
    assert "tcp://" in result.output


# --- on a cluster ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def engine():  # type: ignore[no-untyped-def]
    pytest.importorskip("distributed")
    from coklit.match.distributed import connect

    eng = connect(workers=2, threads_per_worker=1)
    assert eng.workers == 2
    yield eng
    eng.close()


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dask_data")
    generate(folder, voters=2500, seed=11, field_fraction=0.08)
    return folder


def _written(dpt: list[str], field: list[str], out: Path, engine=None) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    cfg = RunConfig()
    result = run_check(dpt, field, cfg, engine=engine)
    write_outputs(result, out, cfg.output)
    return {name: (out / f"{name}.csv").read_bytes() for name in CSVS}


def _assert_same(single: dict[str, bytes], dask: dict[str, bytes]) -> None:
    for name in CSVS:
        assert dask[name] == single[name], f"{name}.csv differs"
    assert single["ganda"].count(b"\n") > 5  # the comparison is not of empty tables
    assert single["cocok"].count(b"\n") > 100


def test_dask_findings_identical_to_single_process(engine, data: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    engine.chunk_pairs = 1500  # many chunks per comparison call
    engine.buckets = 5
    dpt, field = [str(data / "dpt.csv")], [str(data / "lapangan.csv")]
    single = _written(dpt, field, tmp_path / "single")
    dask = _written(dpt, field, tmp_path / "dask", engine)
    _assert_same(single, dask)


def test_shuffled_and_repartitioned_input(engine, data: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The list shuffled and cut into three files (read as one folder), run with other
    bucket and chunk counts through the scheduler's address (as ``--dask tcp://HOST:8786``
    does), with the records waiting on disk while matching (as for a province): still the
    single-process findings on that input."""
    from coklit import pipeline
    from coklit.match.distributed import connect

    spills: list[int] = []
    spill = pipeline._spill
    monkeypatch.setattr(pipeline, "SPILL_ROWS", 1)
    monkeypatch.setattr(pipeline, "_spill", lambda d: spills.append(len(d.records)) or spill(d))

    address = engine.cluster.scheduler_address
    assert address.startswith("tcp://")
    remote = connect(address)
    assert remote.cluster is None and remote.workers == 2
    remote.chunk_pairs = 4000
    remote.buckets = 3
    listed = pd.read_csv(data / "dpt.csv", dtype=str, keep_default_na=False)
    listed = listed.sample(frac=1.0, random_state=5).reset_index(drop=True)
    parts = tmp_path / "dpt"
    parts.mkdir()
    for n, part in enumerate(np.array_split(np.arange(len(listed)), 3)):
        listed.iloc[part].to_csv(parts / f"bagian_{n}.csv", index=False)
    field = tmp_path / "lapangan.csv"
    shutil.copy(data / "lapangan.csv", field)
    single = _written([str(parts)], [str(field)], tmp_path / "single")
    try:
        dask = _written([str(parts)], [str(field)], tmp_path / "dask", remote)
    finally:
        remote.close()  # the client only: the cluster is the fixture's
    _assert_same(single, dask)
    assert spills == [len(listed)]  # the single-process run does not spill
