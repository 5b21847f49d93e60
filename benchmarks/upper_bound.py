"""How far is the duplicate model from the best any classifier could do on the same data?

A supervised upper bound for a generated dataset (one with a ``kunci/`` answer key): a
gradient-boosted classifier is trained *with the labels* on coklit's candidate pairs, using
every comparison level coklit computes plus what the model does not use (value frequencies
of name, birth date and birthplace, both NIK serial numbers, equality of marital status, sex,
disability, e-KTP, RT, RW and TPS) and coklit's own weight. Its out-of-fold scores (5 folds)
at the best threshold give the F1 that labels could buy (median of three fold splits); coklit's own weight at the best
threshold says what a perfectly tuned threshold would add; coklit at its threshold is what
users get. Pairs only (before duplicate groups are formed), so the figures differ slightly
from the benchmark's ``ganda`` F1.

The classifier sees only pairs within ``--margin`` bits of coklit's threshold region
(weight above -20 bits by default); the script checks that no true pair lies below it.

    python -m benchmarks.upper_bound DATA_DIR [--json OUT.json]

Needs scikit-learn (``pip install ".[bench]"``). Not timed, not a test.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from benchmarks import scoring  # noqa: E402
from benchmarks.diagnose import _load  # noqa: E402

#: normalised columns compared for equality by the classifier only (coklit's model has no
#: comparison for them)
EXTRA_EQUAL = ("kawin_norm", "jk_norm", "disabilitas", "ktp_el", "rt_norm", "rw_norm", "tps_norm")
#: columns whose value frequency (the larger of the pair's two) the classifier sees
FREQUENCY = ("nama_norm", "tgl_lahir", "tempat_norm")


def pair_table(data: Path) -> tuple[pd.DataFrame, np.ndarray, int]:
    """Candidate pairs of ``data/dpt.csv`` with their features, the labels and the number
    of true pairs in the key."""
    from coklit.config import MatchConfig
    from coklit.match import find_duplicates

    records = _load([data / "dpt.csv"], "dpt")
    cfg = MatchConfig()
    dup = find_duplicates(records, cfg)
    pairs = dup.scored.pairs
    i, j = pairs["i"].to_numpy(), pairs["j"].to_numpy()
    baris = records["baris"].to_numpy()
    key = scoring.read_csv_text(data / "kunci" / "ganda.csv", ["baris_a", "baris_b"])
    truth = scoring.pair_keys(key["baris_a"], key["baris_b"])
    y = np.isin(scoring.pair_keys(baris[i], baris[j]), truth)

    x = pd.DataFrame({c: pairs[c].to_numpy() for c in dup.scored.spec.names})
    for col in FREQUENCY:
        v = records[col].astype(str).to_numpy()
        counts = pd.Series(v).value_counts()
        x["freq_" + col] = np.log(np.maximum(counts.reindex(v[i]).to_numpy(),
                                             counts.reindex(v[j]).to_numpy()))
    serial = pd.to_numeric(records["nik_norm"].astype(str).str[12:], errors="coerce").to_numpy()
    x["serial_a"], x["serial_b"] = serial[i], serial[j]
    for col in EXTRA_EQUAL:
        v = records[col].astype(str).to_numpy()
        x["equal_" + col] = (v[i] == v[j]).astype(np.int8) + 2 * ((v[i] == "") | (v[j] == ""))
    x["bobot"] = pairs["bobot"].to_numpy()
    x["accepted"] = pairs["skor"].to_numpy() >= cfg.threshold_dedupe
    return x, y, len(np.unique(truth))


def best_f1(score: np.ndarray, y: np.ndarray, n_true: int) -> dict:
    """Precision, recall and F1 at the threshold on ``score`` that maximises F1."""
    order = np.argsort(-score, kind="stable")
    hit = y[order]
    tp = np.cumsum(hit)
    fp = np.cumsum(~hit)
    f1 = 2 * tp / (2 * tp + fp + (n_true - tp))
    k = int(np.argmax(f1))
    return {"f1": float(f1[k]), "tp": int(tp[k]), "fp": int(fp[k]), "fn": int(n_true - tp[k])}


def at_threshold(accept: np.ndarray, y: np.ndarray, n_true: int) -> dict:
    tp = int((accept & y).sum())
    fp = int((accept & ~y).sum())
    return {"f1": 2 * tp / (2 * tp + fp + n_true - tp), "tp": tp, "fp": fp, "fn": n_true - tp}


def supervised(x: pd.DataFrame, y: np.ndarray, keep: np.ndarray, seed: int) -> np.ndarray:
    """Out-of-fold probabilities (5 folds) of a gradient-boosted classifier on the rows
    ``keep``; -1 elsewhere."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.model_selection import StratifiedKFold

    xk, yk = x[keep].reset_index(drop=True), y[keep]
    scores = np.zeros(len(xk))
    for train, test in StratifiedKFold(5, shuffle=True, random_state=seed).split(xk, yk):
        model = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05,
                                               max_leaf_nodes=15, min_samples_leaf=10,
                                               random_state=seed)
        model.fit(xk.iloc[train], yk[train])
        scores[test] = model.predict_proba(xk.iloc[test])[:, 1]
    out = np.full(len(x), -1.0)
    out[keep] = scores
    return out


def upper_bound(data: Path, margin: float = -20.0, seeds: int = 3,
                drop: tuple[str, ...] = ()) -> dict:
    """The figures for one dataset. The classifier is refitted with ``seeds`` different fold
    splits (its F1 moves by a few thousandths between them with a few hundred true pairs);
    the median is reported. ``drop`` names feature prefixes the classifier does not see
    (``equal_``, ``serial_``, ``freq_``: to tell evidence coklit leaves unused from a
    better combination of the evidence it uses)."""
    x, y, n_true = pair_table(data)
    keep = x["bobot"].to_numpy() > margin
    if (y & ~keep).any():
        raise SystemExit(f"{int((y & ~keep).sum())} true pairs below {margin} bits: lower --margin")
    hidden = [c for c in x.columns if c == "accepted" or (drop and c.startswith(drop))]
    features = x.drop(columns=hidden)
    runs = [best_f1(supervised(features, y, keep, seed), y, n_true) for seed in range(seeds)]
    median = sorted(runs, key=lambda r: r["f1"])[len(runs) // 2]
    return {
        "data": str(data),
        "classifier_features": list(features.columns),
        "candidate_pairs": int(len(x)),
        "pairs_seen_by_classifier": int(keep.sum()),
        "true_pairs": n_true,
        "true_among_candidates": int(y.sum()),
        "coklit_at_threshold": at_threshold(x["accepted"].to_numpy(), y, n_true),
        "coklit_best_threshold": best_f1(x["bobot"].to_numpy(), y, n_true),
        "supervised_best_threshold": median,
        "supervised_f1_by_seed": [round(r["f1"], 4) for r in runs],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", type=Path, help="a folder from coklit sample (dpt.csv, kunci/)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--margin", type=float, default=-20.0)
    ap.add_argument("--seeds", type=int, default=3, help="fold splits; the median is reported")
    ap.add_argument("--drop", action="append", default=[],
                    help="hide features starting with this prefix (equal_, serial_, freq_)")
    args = ap.parse_args(argv)
    result = upper_bound(args.data, args.margin, args.seeds, tuple(args.drop))
    for name in ("coklit_at_threshold", "coklit_best_threshold", "supervised_best_threshold"):
        r = result[name]
        print(f"{name:28s} F1 {r['f1']:.4f}  tp {r['tp']}  fp {r['fp']}  fn {r['fn']}")
    print("supervised F1 by fold split:", result["supervised_f1_by_seed"])
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
