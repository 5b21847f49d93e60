"""Blocking recall: the share of true pairs that blocking made candidates.

A pair that blocking misses can never be found, whatever the model, so this bounds the
recall of duplicates and links. The candidates are those ``coklit.match`` forms with the
CLI's defaults, on the same files (read, normalised and matched by the library, in a fresh
process; not timed).

    python -m benchmarks.diagnose synthetic DATA_DIR OUT.json
    python -m benchmarks.diagnose febrl WORK_DIR OUT.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from benchmarks import scoring  # noqa: E402


def _load(paths: list[Path], role: str) -> pd.DataFrame:
    from coklit.normalize import normalize_records
    from coklit.schema import load_dataset

    data = load_dataset([str(p) for p in paths], role)
    return normalize_records(data.records).reset_index(drop=True)


def _recall(candidates: np.ndarray, truth: np.ndarray) -> dict:
    truth = np.unique(truth)
    found = int(np.isin(truth, candidates).sum())
    return {"n": int(len(truth)), "found": found,
            "recall": found / len(truth) if len(truth) else 1.0}


def _dedupe_candidates(records: pd.DataFrame) -> tuple[np.ndarray, dict]:
    from coklit.config import MatchConfig
    from coklit.match import find_duplicates

    dup = find_duplicates(records, MatchConfig())
    baris = records["baris"].to_numpy()
    pairs = dup.scored.pairs
    keys = scoring.pair_keys(baris[pairs["i"].to_numpy()], baris[pairs["j"].to_numpy()])
    return keys, {"pairs": int(len(pairs)), "keys": list(dup.scored.spec.blocking)}


def _link_candidates(field: pd.DataFrame, listed: pd.DataFrame) -> tuple[np.ndarray, dict]:
    from coklit.config import MatchConfig
    from coklit.match import link_records

    links = link_records(field, listed, MatchConfig())
    pairs = links.scored.pairs
    keys = scoring.ordered_keys(field["baris"].to_numpy()[pairs["i"].to_numpy()],
                                listed["baris"].to_numpy()[pairs["j"].to_numpy()])
    return keys, {"pairs": int(len(pairs)), "keys": list(links.scored.spec.blocking)}


def synthetic(data: Path) -> dict:
    key = scoring.load_key(data / "kunci")
    listed = _load([data / "dpt.csv"], "dpt")
    field = _load([data / "lapangan.csv"], "lapangan")
    dup_keys, dup_info = _dedupe_candidates(listed)
    link_keys, link_info = _link_candidates(field, listed)
    return {
        "ganda": _recall(dup_keys, scoring.pair_keys(key["ganda"]["baris_a"],
                                                     key["ganda"]["baris_b"])) | dup_info,
        "cocok": _recall(link_keys, scoring.ordered_keys(key["tautan"]["baris_lapangan"],
                                                         key["tautan"]["baris_dpt"])) | link_info,
    }


def febrl(work: Path) -> dict:
    three = _load([work / "febrl3.csv"], "dpt")
    truth3 = pd.read_csv(work / "truth_febrl3.csv")
    dup_keys, dup_info = _dedupe_candidates(three)
    a, b = _load([work / "febrl4a.csv"], "dpt"), _load([work / "febrl4b.csv"], "lapangan")
    truth4 = pd.read_csv(work / "truth_febrl4.csv")
    link_keys, link_info = _link_candidates(b, a)
    return {
        "febrl3": _recall(dup_keys, scoring.pair_keys(truth3["baris_a"], truth3["baris_b"]))
        | dup_info,
        "febrl4": _recall(link_keys, scoring.ordered_keys(truth4["baris_lapangan"],
                                                          truth4["baris_dpt"])) | link_info,
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    kind, folder, out = argv[0], Path(argv[1]), Path(argv[2])
    result = synthetic(folder) if kind == "synthetic" else febrl(folder)
    out.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
