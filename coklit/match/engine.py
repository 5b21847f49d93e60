"""Duplicate detection and field-to-list linkage: pure functions of record frames.

``find_duplicates`` and ``link_records`` take normalised records (a whole city, or one
partition of a larger list) and return scored pairs; they do no I/O. Parameters can be
estimated once (``fit``) and passed in, so the same scoring can be mapped over partitions
of a national list on a distributed engine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from coklit.config import MatchConfig
from coklit.match import model
from coklit.match.blocking import BlockingStats, candidate_pairs
from coklit.match.cluster import group_pairs
from coklit.match.compare import COMPARISONS, compare_pairs
from coklit.match.explain import reasons
from coklit.match.prepare import Prepared, prepare

# Expected rates when the data is too small to estimate them (domain.md: raw lists carry up
# to ~15 duplicate pairs per 1,000 voters; most field records are on the list).
DEFAULT_DUPLICATE_PAIRS_PER_RECORD = 0.005
DEFAULT_LINK_SHARE = 0.9
MIN_EXPECTED_MATCHES = 30
# A file smaller than this is scored as part of a list of this size (its u-probabilities
# lean on the defaults, which describe a real list, not a handful of rows).
MIN_POPULATION = 1_000


@dataclass
class Scored:
    """Scored candidate pairs: ``i``, ``j`` (positions), ``kunci`` (blocking key), comparison
    levels, weights ``w_*``, ``bobot`` (total match weight) and ``skor`` (match probability).
    Reasons are built by :func:`explain` for the pairs that are reported."""

    pairs: pd.DataFrame
    params: model.Params
    stats: BlockingStats


def _random_pairs(n_left: int, n_right: int | None, count: int, seed: int):  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(seed)
    if n_right is None:
        if n_left < 2:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        i = rng.integers(0, n_left, count)
        j = rng.integers(0, n_left - 1, count)
        j = j + (j >= i)  # never a record with itself
        return i, j
    if n_left == 0 or n_right == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return rng.integers(0, n_left, count), rng.integers(0, n_right, count)


TF_COLUMNS = {"nama": "nama", "tgl": "tgl"}  # comparison -> prepared column


def tf_tables(reference: Prepared) -> dict[str, tuple[pd.Index, np.ndarray, float]]:
    """Term-frequency tables of the reference list (see ``model.tf_table``). The reference
    keeps each record's position in its table, so scoring it against itself needs no lookup."""
    tables = {}
    for comparison, column in TF_COLUMNS.items():
        uniques, counts, total, codes = model.tf_table(reference.frame[column])
        tables[comparison] = (uniques, counts, total)
        reference.tf_codes[comparison] = (uniques, codes)
    return tables


def _tf_values(a: Prepared, pairs: pd.DataFrame, tf: dict) -> dict:
    """Frequency (in the reference list's tables ``tf``) of the value each pair agrees on."""
    out = {}
    for comparison, column in TF_COLUMNS.items():
        uniques, counts, total = tf[comparison]
        own = a.tf_codes.get(comparison)
        if own is not None and own[0] is uniques:
            lookup = own[1]  # ``a`` is the list these tables were counted on
        else:
            lookup = uniques.get_indexer(a.frame[column])
        per_record = np.where(lookup >= 0, counts[np.clip(lookup, 0, None)], 0.0)
        freq = model.term_frequency(per_record, total, comparison)
        out[comparison] = freq[pairs["i"].to_numpy()]
    return out


def fit(
    a: Prepared,
    b: Prepared | None,
    gamma: pd.DataFrame,
    cfg: MatchConfig,
) -> model.Params:
    """Estimate u from random pairs and m by EM on the candidate pairs' levels ``gamma``."""
    right = b if b is not None else a
    n_random = int(min(cfg.u_sample_pairs, max(len(a) * (len(right)), 1)))
    ri, rj = _random_pairs(len(a), None if b is None else len(b), n_random, cfg.seed)
    u = model.estimate_u(compare_pairs(a, right, ri, rj))
    total_pairs = max(len(a) * (len(a) - 1) / 2 if b is None else len(a) * len(right), 1.0)
    population = max(len(right), MIN_POPULATION)
    if b is None:
        default_prior = 2 * DEFAULT_DUPLICATE_PAIRS_PER_RECORD / population
    else:
        default_prior = DEFAULT_LINK_SHARE / population
    bounds = model.DEDUPE_BOUNDS if b is None else model.LINK_BOUNDS
    params = model.Params(m=model.default_m(), u=u, prior=default_prior, bounds=dict(bounds),
                          tf=tf_tables(right))
    params.conditional["nik"] = model.conditional_nik_weight(gamma, params.m)
    if len(gamma) < cfg.em_min_pairs:
        params.notes.append("data kecil: bobot m bawaan")
        return params
    trained = model.train(model.apply_rules(gamma), u, cfg.em_max_iter, cfg.em_tol)
    if trained is None:
        params.notes.append("EM: terlalu sedikit pasangan, bobot m bawaan")
        return params
    m, expected, iterations, notes = trained
    params.notes.extend(notes)
    if expected < MIN_EXPECTED_MATCHES or not model.plausible(m, u):
        params.notes.append("EM tidak meyakinkan: bobot m bawaan")
        return params
    params.m, params.source, params.em_iterations = m, "em", iterations
    params.conditional["nik"] = model.conditional_nik_weight(gamma, m)
    params.prior = min(expected / total_pairs, 0.5)
    return params


def score(
    a: Prepared,
    pairs: pd.DataFrame,
    gamma: pd.DataFrame,
    params: model.Params,
    reference: Prepared,
) -> pd.DataFrame:
    """Levels (after the domain rules), weights and probability of each candidate pair."""
    tf = params.tf or tf_tables(reference)
    gamma = model.apply_rules(gamma)
    parts, total = model.match_weights(gamma, params, _tf_values(a, pairs, tf))
    out = pd.concat([pairs.reset_index(drop=True), gamma, parts.add_prefix("w_")], axis=1)
    out["bobot"] = total
    out["skor"] = model.probability(total)
    return out


def _scored_candidates(
    a: Prepared, b: Prepared | None, cfg: MatchConfig, params: model.Params | None
) -> tuple[pd.DataFrame, model.Params, BlockingStats]:
    """Block, compare, estimate parameters (unless given) and score: the one pipeline that
    duplicate detection (``b`` None) and linking share."""
    right = a if b is None else b
    pairs, stats = candidate_pairs(a, b, cfg.max_block_size)
    gamma = compare_pairs(a, right, pairs["i"].to_numpy(), pairs["j"].to_numpy())
    if params is None:
        params = fit(a, b, gamma, cfg)
    return score(a, pairs, gamma, params, right), params, stats


def explain(scored: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """``scored`` with an ``alasan`` column (built only for the pairs that are reported)."""
    weights = scored[[f"w_{c}" for c in COMPARISONS]].rename(columns=lambda c: c[2:])
    out = scored.copy()
    out["alasan"] = reasons(scored, weights, lang)
    return out


def same_nik_other_person(scored: pd.DataFrame) -> np.ndarray:
    """Pairs that share a full NIK but are clearly different people (a data-entry error that
    is its own finding, not a duplicate): names different, or only vaguely alike while the
    birth date or sex also differs."""
    nik, nama = scored["nik"].to_numpy(), scored["nama"].to_numpy()
    tgl, jk = scored["tgl"].to_numpy(), scored["jk"].to_numpy()
    other_name = (nama == 0) & (tgl != 3)
    vaguely = (nama <= 1) & ((tgl == 0) | (jk == 0))
    return (nik == 4) & (other_name | vaguely)


def name_guard(scored: pd.DataFrame) -> np.ndarray:
    """A pair can only be one person if the names are at least somewhat alike, or, for a
    badly misspelt name, the full NIK and the birth date both agree."""
    nama = scored["nama"].to_numpy()
    return (nama >= 1) | ((scored["nik"].to_numpy() == 4) & (scored["tgl"].to_numpy() == 3))


@dataclass
class Duplicates:
    scored: Scored  # all candidate pairs with scores
    accepted: pd.DataFrame  # pairs judged duplicates
    conflicts: pd.DataFrame  # pairs sharing a NIK with different identities
    group: np.ndarray  # group label per record, -1 when not a duplicate


def find_duplicates(
    records: pd.DataFrame | Prepared,
    cfg: MatchConfig,
    params: model.Params | None = None,
    lang: str = "id",
) -> Duplicates:
    """Duplicates inside one list of normalised records (or the list already prepared)."""
    a = records if isinstance(records, Prepared) else prepare(records)
    scored, params, stats = _scored_candidates(a, None, cfg, params)
    conflict = same_nik_other_person(scored)
    accepted_mask = (scored["skor"] >= cfg.threshold_dedupe) & name_guard(scored) & ~conflict
    accepted = explain(scored[accepted_mask], lang).reset_index(drop=True)
    group = group_pairs(
        len(a),
        accepted["i"].to_numpy(),
        accepted["j"].to_numpy(),
        accepted["bobot"].to_numpy(),
        cfg.max_group_size,
    )
    return Duplicates(
        scored=Scored(scored, params, stats),
        accepted=accepted,
        conflicts=explain(scored[conflict], lang).reset_index(drop=True),
        group=group,
    )


@dataclass
class Links:
    scored: Scored
    best: pd.DataFrame  # one row per field record with a candidate: its nearest list record
    matched: pd.DataFrame  # accepted links, at most one list record per field record


def _best_per_left(scored: pd.DataFrame) -> pd.DataFrame:
    ordered = scored.sort_values(["i", "bobot"], ascending=[True, False], kind="stable")
    return ordered.drop_duplicates("i", keep="first")


def link_records(
    field: pd.DataFrame | Prepared,
    listed: pd.DataFrame | Prepared,
    cfg: MatchConfig,
    params: model.Params | None = None,
    lang: str = "id",
) -> Links:
    """Link each field record to at most one list record, the best one.

    A list record claimed by several field records goes to the strongest claim; the others
    fall back to their next candidate (a few rounds), so two household members cannot both
    be linked to one list row.
    """
    a = field if isinstance(field, Prepared) else prepare(field)
    b = listed if isinstance(listed, Prepared) else prepare(listed)
    scored, params, stats = _scored_candidates(a, b, cfg, params)
    best = explain(_best_per_left(scored), lang).reset_index(drop=True)
    eligible = scored[(scored["skor"] >= cfg.threshold_link) & name_guard(scored)].copy()
    # Equal evidence (a list row and its exact copy elsewhere): prefer the row in the TPS
    # and kelurahan where the officer found the person.
    ei, ej = eligible["i"].to_numpy(), eligible["j"].to_numpy()
    eligible["_tps"] = (a.column("tps")[ei] == b.column("tps")[ej]) & (
        a.column("kel")[ei] == b.column("kel")[ej]
    )
    eligible["_w"] = eligible["bobot"].round(6)
    eligible = eligible.sort_values(["_w", "_tps"], ascending=False, kind="stable").drop(
        columns=["_w", "_tps"]
    )
    matched_parts = []
    taken_left = np.zeros(0, np.int64)
    taken_right = np.zeros(0, np.int64)
    for _ in range(4):
        pool = eligible[~eligible["i"].isin(taken_left) & ~eligible["j"].isin(taken_right)]
        if pool.empty:
            break
        # Best claim per field record, then best claim per list record among those.
        first = pool.drop_duplicates("i", keep="first").drop_duplicates("j", keep="first")
        matched_parts.append(first)
        taken_left = np.concatenate([taken_left, first["i"].to_numpy()])
        taken_right = np.concatenate([taken_right, first["j"].to_numpy()])
    matched = explain(
        pd.concat(matched_parts).sort_values("i") if matched_parts else scored.iloc[0:0], lang
    ).reset_index(drop=True)
    return Links(scored=Scored(scored, params, stats), best=best, matched=matched)
