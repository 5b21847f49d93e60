"""Smoke test of the benchmark harness (benchmarks/): scoring on hand-built keys, run.py
importable, and a tiny end-to-end run without Splink that must reach quality floors."""

from __future__ import annotations

import importlib
import importlib.util
import json
import sys
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import scoring  # noqa: E402


def _df(columns, rows):
    return pd.DataFrame([[str(v) for v in r] for r in rows], columns=columns, dtype=str)


KEY = {
    "ganda": _df(["baris_a", "baris_b", "jenis"], [(2, 5, "identik"), (7, 9, "ejaan"),
                                                   (7, 12, "ejaan"), (9, 12, "ejaan")]),
    "negatif_sulit": _df(["baris_a", "baris_b", "jenis"], [(3, 4, "kembar"), (10, 11, "ayah_anak")]),
    "tautan": _df(["baris_lapangan", "baris_dpt", "jenis"], [(2, 3, "sama"), (3, 8, "ejaan"),
                                                             (4, 20, "sama")]),
    "belum_terdaftar": _df(["baris_lapangan", "alasan"], [(5, "baru_17"), (6, "pindah_masuk")]),
    "tms": _df(["baris_dpt", "kategori", "sumber", "baris_lapangan"],
               [(8, "tms_1", "lapangan", 3), (20, "tms_4", "lapangan", 4),
                (14, "tms_3", "analisis", "")]),
}


def _perfect():
    return {
        "ganda": _df(["grup", "berkas", "baris"], [(1, "dpt.csv", 2), (1, "dpt.csv", 5),
                                                   (2, "dpt.csv", 7), (2, "dpt.csv", 9),
                                                   (2, "dpt.csv", 12)]),
        "cocok": _df(["baris_lapangan", "baris_dpt"], [(2, 3), (3, 8), (4, 20)]),
        "belum_terdaftar": _df(["berkas", "baris"], [("lapangan.csv", 5), ("lapangan.csv", 6)]),
        "tms": _df(["berkas", "baris", "kategori"], [("dpt.csv", 8, "tms_1"),
                                                     ("dpt.csv", 20, "TMS_4"),
                                                     ("dpt.csv", 14, "tms_3")]),
    }


def test_perfect_predictions_score_one():
    s = scoring.score_all(_perfect(), KEY)
    for task in ("ganda", "cocok", "belum_terdaftar", "tms"):
        assert s[task]["precision"] == 1.0, task
        assert s[task]["recall"] == 1.0, task
        assert s[task]["f1"] == 1.0, task
    assert s["ganda"]["recall_by_kind"]["ejaan"] == {"n": 3, "found": 3, "recall": 1.0}
    assert s["ganda"]["hard_negative_fp"]["kembar"]["fp_rate"] == 0.0
    assert s["tms"]["by_kategori"]["tms_4"]["f1"] == 1.0


def test_one_wrong_gives_known_precision_and_recall():
    pred = _perfect()
    # Group 2 loses row 12 (2 of 4 true pairs found) and twins 3+4 are merged (1 false pair).
    pred["ganda"] = _df(["grup", "berkas", "baris"], [(1, "dpt.csv", 2), (1, "dpt.csv", 5),
                                                      (2, "dpt.csv", 7), (2, "dpt.csv", 9),
                                                      (3, "dpt.csv", 3), (3, "dpt.csv", 4)])
    pred["cocok"] = _df(["baris_lapangan", "baris_dpt"], [(2, 3), (3, 9), (4, 20)])
    pred["belum_terdaftar"] = _df(["berkas", "baris"], [("lapangan.csv", 5)])
    pred["tms"] = _df(["berkas", "baris", "kategori"], [("dpt.csv", 8, "tms_1"),
                                                        ("dpt.csv", 20, "tms_1")])
    s = scoring.score_all(pred, KEY)
    g = s["ganda"]
    assert (g["tp"], g["fp"], g["fn"]) == (2, 1, 2)
    assert g["precision"] == pytest.approx(2 / 3) and g["recall"] == pytest.approx(0.5)
    assert g["hard_negative_fp"]["kembar"] == {"n": 1, "merged": 1, "fp_rate": 1.0}
    assert g["hard_negative_fp"]["ayah_anak"]["fp_rate"] == 0.0
    assert g["recall_by_kind"]["ejaan"]["found"] == 1
    c = s["cocok"]
    assert c["precision"] == pytest.approx(2 / 3) and c["recall"] == pytest.approx(2 / 3)
    b = s["belum_terdaftar"]
    assert b["precision"] == 1.0 and b["recall"] == 0.5
    assert b["f1"] == pytest.approx(2 / 3)
    t = s["tms"]
    assert t["precision"] == 0.5 and t["recall"] == pytest.approx(1 / 3)
    assert t["rows_only"]["precision"] == 1.0
    assert t["by_kategori"]["tms_4"]["recall"] == 0.0
    assert t["recall_by_sumber"]["analisis"]["recall"] == 0.0


def test_groups_to_pairs_and_empty_sets():
    keys = scoring.groups_to_pairs(pd.Series(["a", "a", "a", "b", ""]),
                                   pd.Series(["3", "1", "2", "9", "4"]))
    a, b = scoring.unpack(keys)
    assert sorted(zip(a.tolist(), b.tolist(), strict=True)) == [(1, 2), (1, 3), (2, 3)]
    empty = scoring.prf([], [])
    assert empty["precision"] == empty["recall"] == empty["f1"] == 1.0
    assert scoring.prf([], [1])["f1"] == 0.0


def test_run_py_is_importable():
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "benchmarks" / "run.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert callable(mod.main) and callable(mod.render_report)


def test_end_to_end_without_splink(tmp_path):
    """A tiny synthetic dataset through run.py: coklit runs, is scored against the key,
    blocking recall is measured, and the report shows it."""
    spec = importlib.util.spec_from_file_location("bench_run2", REPO / "benchmarks" / "run.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    report = tmp_path / "benchmarks.md"
    assert mod.main(["--datasets", "1500", "--no-splink", "--work", str(tmp_path / "w"),
                     "--report", str(report)]) == 0
    results = json.loads((tmp_path / "w" / "results.json").read_text())
    res = results["datasets"][0]
    assert res["generate"]["ok"], res["generate"].get("error")
    c = res["coklit"]
    assert c["ok"], c["error"]
    # Synthetic data with a known key: the matcher finds the links and the unlisted people.
    assert c["scores"]["cocok"]["f1"] > 0.95
    assert c["scores"]["belum_terdaftar"]["recall"] > 0.9
    assert set(c["expected"]) == {"ganda", "cocok"}
    assert res["blocking"]["cocok"]["recall"] > 0.95
    text = report.read_text()
    assert "1,500 voters" in text and "| 1500 | coklit |" in text


def test_parse_dataset():
    spec = importlib.util.spec_from_file_location("bench_run3", REPO / "benchmarks" / "run.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.parse_dataset("febrl3") == {"id": "febrl3", "kind": "febrl3"}
    assert mod.parse_dataset("200000:uji:minimal") == {
        "id": "200000:uji:minimal", "kind": "sintetis", "size": 200000, "profile": "uji",
        "columns": "minimal", "seed": None}
    assert mod.parse_dataset("200000:uji@7")["seed"] == 7
