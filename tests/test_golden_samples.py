"""Golden output of `coklit check` on the bundled samples.

The findings an officer would act on (who is a duplicate of whom, who is not registered, who
is TMS and why, the rekap) are compared with files in tests/golden/samples/. After a
deliberate change to matching or to the samples, regenerate them with
``COKLIT_UPDATE_GOLDEN=1 pytest tests/test_golden_samples.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from coklit.config import RunConfig
from coklit.pipeline import run_check
from coklit.report.words import render_table

GOLDEN = Path(__file__).resolve().parent / "golden" / "samples"
UPDATE = os.environ.get("COKLIT_UPDATE_GOLDEN") == "1"
# The columns that carry decisions (scores and reason texts may be tuned without changing
# any decision, so they are checked elsewhere, not frozen here).
VIEWS = {
    "rekap_kecamatan": None,
    "ganda": ["grup", "baris", "kecamatan", "jenis", "lokasi"],
    "belum_terdaftar": ["baris", "kecamatan", "alasan_memenuhi_syarat", "kandidat_baris",
                        "saran_kelurahan", "saran_tps", "saran_dasar", "saran_baris"],
    "tms": ["baris", "kecamatan", "kategori", "kode_kpu", "sumber"],
    "hasil_lapangan": ["baris", "hasil", "baris_dpt"],
    "tidak_valid": ["baris", "kolom", "masalah"],
}


@pytest.fixture(scope="module")
def result(samples):
    return run_check([str(samples / "dpt.csv")], [str(samples / "lapangan.csv")], RunConfig())


@pytest.mark.parametrize("name", list(VIEWS))
def test_sample_findings_match_golden(result, name):
    table = render_table(result.tables[name], "id")  # the words officers read
    view = table if VIEWS[name] is None else table[VIEWS[name]]
    view = view.astype(str).reset_index(drop=True)
    path = GOLDEN / f"{name}.csv"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        view.to_csv(path, index=False)
    expected = pd.read_csv(path, dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(view, expected, check_dtype=False)
