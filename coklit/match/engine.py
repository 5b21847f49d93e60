"""Duplicate detection and field-to-list linkage: pure functions of record frames.

``find_duplicates`` and ``link_records`` take normalised records (a whole city, or one
partition of a larger list) and return scored pairs; they do no I/O. The steps:

1. ``prepare`` the records into :class:`Features`;
2. ``build_spec``: the comparisons and blocking keys the columns of both sides allow;
3. ``candidate_pairs`` by blocking;
4. ``compare`` every candidate pair into levels;
5. ``fit`` the parameters (u from random pairs and strata samples, m by EM in training
   sessions, the prior from the expected number of matches), unless parameters are given;
6. ``score`` (weights, match probability) and decide: accepted, to review, or neither.

Pairs carry record ids (``rid_a``, ``rid_b``) besides positions (``i``, ``j``), so the
results of partitions can be joined.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import pandas as pd

from coklit.config import MatchConfig
from coklit.match import model
from coklit.match.blocking import (
    BlockingStats,
    Blocks,
    KeyFn,
    candidate_pairs,
    choose_keys,
    pair_count,
    pairs_between,
    pairs_within,
    sample_within,
    value_counts,
)
from coklit.match.cluster import group_pairs
from coklit.match.compare import COMPARATORS, compare_names, compare_places, name_similarity
from coklit.match.features import Features, combine, prepare
from coklit.match.spec import ModelSpec, build_spec

# Sample keys for strata (see spec.Stratum.sample_keys): random pairs inside their blocks.
SAMPLE_KEYS: dict[str, KeyFn] = {
    "tgl": lambda f: f.hashes["tgl"],
    "kel": lambda f: f.hashes["kel"],
    "kk": lambda f: f.hashes["nkk"],
    "alamat_kel": lambda f: combine(f.hashes["alamat"], f.hashes["kel"]),
    "alamat_nama": lambda f: f.hashes["alamat"],
    "kk_tgl": lambda f: combine(f.hashes["nkk"], f.hashes["tgl"]),
    "nama": lambda f: f.hashes["nama"],
    "nama_tgl": lambda f: combine(f.hashes["nama"], f.hashes["tgl"]),
    "nik": lambda f: f.hashes["nik"],
    "tgl_kec": lambda f: combine(f.hashes["tgl"], f.hashes["kec"] if "kec" in f.present
                                 else f.hashes["kel"]),
    "alamat_kel_tgl": lambda f: combine(f.hashes["alamat"], f.hashes["kel"], f.hashes["tgl"]),
}
# The expected share of duplicates before any data is seen (raw lists carry up to ~15
# duplicate pairs per 1,000 voters) and of field records that are on the list; only the
# starting point of the prior's fixed point.
START_DUPLICATE_PAIRS_PER_RECORD = 0.005
# The strata that assume households of relatives; left out together when two records of one
# household turn out to be mostly one person.
HOUSEHOLD = "serumah"
HOUSEHOLD_STRATA = ("kembar", "serumah", "sealamat")
START_LINK_SHARE = 0.9
MIN_SESSION_PAIRS = 100
MIN_SESSION_MATCHES = 10.0

CompareFn = Callable[..., dict[str, np.ndarray]]


def compare(spec: ModelSpec, a: Features, b: Features, i: np.ndarray, j: np.ndarray
            ) -> dict[str, np.ndarray]:
    """Levels of every comparison of ``spec`` for pairs (a[i], b[j]), plus ``nama_jw`` (the
    name similarity shown in reasons)."""
    i = np.asarray(i, dtype=np.int64)
    j = np.asarray(j, dtype=np.int64)
    out: dict[str, np.ndarray] = {}
    jw = name_similarity(a, b, i, j) if "nama" in spec.names else np.zeros(len(i))
    for c in spec.comparisons:
        if c.name == "nama":
            out[c.name] = compare_names(a, b, i, j, jw)
        elif c.name == "wilayah":
            out[c.name] = compare_places(a, b, i, j, c.levels)
        else:
            out[c.name] = COMPARATORS[c.name][0](a, b, i, j)
    out["nama_jw"] = jw.astype(np.float32)
    return out


@dataclass
class TermFrequencies:
    """How often each value occurs in the reference list, per term-frequency feature: the
    distinct values (sorted hashes) with their counts, and the total."""

    values: dict[str, np.ndarray]
    counts: dict[str, np.ndarray]
    totals: dict[str, float]
    _own: dict[tuple[int, str], np.ndarray] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, spec: ModelSpec, reference: Features) -> TermFrequencies:
        values, counts, totals = {}, {}, {}
        for c in spec.comparisons:
            if not c.tf:
                continue
            values[c.tf], counts[c.tf] = value_counts(reference.hashes[c.tf])
            totals[c.tf] = float(counts[c.tf].sum())
        return cls(values, counts, totals)

    def _per_record(self, ref: Features, feature: str) -> np.ndarray:
        """Count of each record's own value (computed once per Features)."""
        key = (id(ref), feature)
        if key not in self._own:
            values, counts = self.values[feature], self.counts[feature]
            if len(values) == 0:  # no record carries the feature
                self._own[key] = np.zeros(len(ref.hashes[feature]))
                return self._own[key]
            where = pd.Index(values).get_indexer(ref.hashes[feature])
            self._own[key] = np.where(where >= 0, counts[np.clip(where, 0, None)], 0).astype(float)
        return self._own[key]

    def for_pairs(self, spec: ModelSpec, a: Features, ref: Features, i: np.ndarray,
                  j: np.ndarray) -> dict[str, np.ndarray]:
        """Per pair (a[i], ref[j]): how often the more common of its two values occurs in the
        reference list, as a share (where the two agree exactly, the value they agree
        on)."""
        out = {}
        for c in spec.comparisons:
            if not c.tf or c.tf not in self.values:
                continue
            count = np.maximum(self._per_record(a, c.tf)[i], self._per_record(ref, c.tf)[j])
            out[c.name] = np.maximum(count, 1) / max(self.totals[c.tf], 1.0)
        return out


def _random_pairs(n_a: int, n_b: int | None, count: int,
                  rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    if n_b is None:
        if n_a < 2:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        i = rng.integers(0, n_a, count)
        j = rng.integers(0, n_a - 1, count)
        return i, j + (j >= i)
    if n_a == 0 or n_b == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return rng.integers(0, n_a, count), rng.integers(0, n_b, count)


def _stratum_samples(spec: ModelSpec, ref: Features, count: int, rng: np.random.Generator
                     ) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Random pairs of reference records inside each stratum's sample-key blocks:
    stratum -> (i, j, weight), both positions into ``ref``.

    The samples are drawn inside the reference list for linking too: u inside a household or
    a birth date describes different people there (relatives, neighbours), and two rows of
    one list are rarely one person, while a field record and the list rows of its household
    usually include the person itself. A pair found through several keys of one stratum is
    that many times as likely to be drawn, so it is weighted by one over the number of its
    keys that hold it."""
    out = {}
    for stratum in spec.strata:
        keys = [k for k in stratum.sample_keys if _sample_key_ok(k, ref, ref)]
        if not keys:
            continue
        parts = [_key_pairs(k, ref, None, count, rng) for k in keys]
        i = np.concatenate([p[0] for p in parts])
        j = np.concatenate([p[1] for p in parts])
        if len(i) == 0:
            continue
        holders = np.zeros(len(i))
        for k in keys:
            codes = _sample_codes(ref, k)
            holders += (codes[i] != 0) & (codes[i] == codes[j])
        out[stratum.name] = (i, j, 1.0 / np.maximum(holders, 1.0))
    return out


def _repattern(spec: ModelSpec, patterns: model.Patterns) -> model.Patterns:
    """Patterns re-keyed to ``spec`` (same comparisons, fewer strata)."""
    return model.Patterns({c: patterns.levels[c] for c in spec.names}, patterns.counts)


def same_person(spec: ModelSpec, levels: dict[str, np.ndarray]) -> np.ndarray:
    """Pairs that the identity rule calls one person whatever else they show: the name at
    most one edit apart and the birth date the same (or day and month swapped), or the same
    NIK with a name at least somewhat alike. Inside a household this is never two relatives
    (twins differ in name, father and son in birth date, a NIK copied to a relative comes
    with the relative's name), so such pairs are left out of the samples that estimate u
    inside the strata."""
    n = len(levels["nama_jw"])
    out = np.zeros(n, dtype=bool)
    if "nama" not in spec.names:
        return out
    nama = spec.comparison("nama").levels
    if "tgl" in spec.names:
        tgl = spec.comparison("tgl").levels
        out |= ((levels["nama"] >= nama.index("hampir_sama"))
                & (levels["tgl"] >= tgl.index("tertukar")))
    if "nik" in spec.names:
        nik = spec.comparison("nik").levels
        out |= ((levels["nik"] == nik.index("sama"))
                & (levels["nama"] >= nama.index("agak_mirip")))
    return out


def _sample_codes(f: Features, name: str) -> np.ndarray:
    key = "sample:" + name
    if key not in f.keys:
        f.keys[key] = SAMPLE_KEYS[name](f)
    return f.keys[key]


def _sample_blocks(f: Features, name: str) -> Blocks:
    key = "sample:" + name
    if key not in f.blocks:
        f.blocks[key] = Blocks.of(_sample_codes(f, name))
    return f.blocks[key]


def _sample_key_ok(name: str, a: Features, b: Features) -> bool:
    needs = {"tgl": ("tgl",), "kel": ("kel",), "kk": ("nkk",), "alamat_kel": ("alamat", "kel"),
             "nama": ("nama",), "nama_tgl": ("nama", "tgl"), "nik": ("nik",),
             "alamat_nama": ("alamat",), "kk_tgl": ("nkk", "tgl"), "tgl_kec": ("tgl",),
             "alamat_kel_tgl": ("alamat", "kel", "tgl")}[name]
    return all(f in a.present and f in b.present for f in needs)


def _key_pairs(key: str, a: Features, b: Features | None, count: int,
               rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Pairs sharing ``key``: all of them when there are at most ``count``, else ``count``
    drawn uniformly."""
    ca = _sample_blocks(a, key)
    cb = None if b is None else _sample_blocks(b, key)
    whole = max(len(a), 2) if b is None else max(len(a), len(b))
    if pair_count(ca, cb, whole) <= count:
        if cb is None:
            i, j, _, _ = pairs_within(ca, whole)
        else:
            i, j, _, _ = pairs_between(ca, cb, whole)
        return i, j
    return sample_within(ca, cb, count, rng)


IDENTITY_COMPARISONS = ("nama", "tgl", "nik")


def _plausible(spec: ModelSpec, m: dict[str, np.ndarray], fixed: tuple[str, ...]) -> bool:
    """A session's m describes one person: the identity comparisons it estimated agree
    fully more often than they disagree outright."""
    for name in IDENTITY_COMPARISONS:
        if name in spec.names and name not in fixed:
            row = m[name][0]
            if row[-1] <= row[0]:
                return False
    return True


def session_offsets(spec: ModelSpec, levels: dict[str, np.ndarray],
                    tf_pairs: dict[str, np.ndarray], bases: dict[str, float]) -> np.ndarray:
    """Prior log-odds offset (nats) of each pair of a training session: the sum of the
    term-frequency shifts scoring gives the pair (:func:`model.tf_shifts`).

    On a comparison the session is chosen by (all its pairs share a name) the shift is the
    prior: pairs sharing a rare name are far likelier one person than pairs sharing
    MUHAMMAD RIZKI. On the others it is the likelihood ratio as scoring computes it: a rare
    NIK serial shared says more than 0001. Without it EM sees only the average value.
    Used when ``MatchConfig.session_rarity`` is on (off by default: docs/matching.md)."""
    shifts = model.tf_shifts(spec, levels, tf_pairs, bases)
    return np.log(2.0) * sum(shifts.values(), np.zeros(len(levels["nama_jw"])))


@dataclass
class SessionPairs:
    """A training session's pairs: their levels and prior offsets (drawn once, used by
    every EM round)."""

    levels: dict[str, np.ndarray]
    offset: np.ndarray | None


def _session_pairs(spec: ModelSpec, a: Features, b: Features | None, cfg: MatchConfig,
                   rng: np.random.Generator, compare_fn: CompareFn,
                   tf: TermFrequencies | None, bases: dict[str, float]) -> list[SessionPairs]:
    """Each training session's pairs, with the offsets of :func:`session_offsets` when
    ``cfg.session_rarity`` (and term frequencies) are on."""
    right = a if b is None else b
    out = []
    for session in spec.sessions:
        i, j = _key_pairs(session.key, a, b, cfg.session_pairs, rng)
        levels = compare_fn(spec, a, right, i, j)
        offset = None
        if cfg.session_rarity and tf is not None:
            offset = session_offsets(spec, levels, tf.for_pairs(spec, a, right, i, j), bases)
        out.append(SessionPairs(levels, offset))
    return out


def _train(spec: ModelSpec, session_pairs: list[SessionPairs],
           u: dict[str, np.ndarray], cfg: MatchConfig
           ) -> tuple[dict[str, np.ndarray], dict[str, str], list[dict[str, object]]]:
    """m by EM in the training sessions (u fixed), combined by the median; a comparison no
    session estimated keeps its domain prior. Returns m, its source per comparison, and what
    each session did."""
    estimates: dict[str, list[np.ndarray]] = {c.name: [] for c in spec.comparisons}
    sessions = []
    for session, pairs in zip(spec.sessions, session_pairs, strict=True):
        levels = pairs.levels
        n = len(levels["nama_jw"])
        record: dict[str, object] = {"nama": session.name, "pasangan": int(n), "dipakai": False}
        if n < MIN_SESSION_PAIRS:
            record["alasan"] = "terlalu_sedikit_pasangan"
            sessions.append(record)
            continue
        patterns = model.Patterns.of(spec, levels, offset=pairs.offset)
        m, share, iterations = model.em(spec, patterns, u, fixed=session.fixed,
                                        max_iter=cfg.em_max_iter, tol=cfg.em_tol)
        record.update({"bagian_cocok": round(share, 4), "iterasi": iterations})
        if share * n < MIN_SESSION_MATCHES:
            record["alasan"] = "terlalu_sedikit_cocok"
            sessions.append(record)
            continue
        if not _plausible(spec, m, session.fixed):
            # EM found some other class than 'one person' (a household, a birth cohort):
            # its matches disagree on a name, a birth date or a NIK more often than agree.
            record["alasan"] = "tidak_masuk_akal"
            sessions.append(record)
            continue
        record["dipakai"] = True
        sessions.append(record)
        for c in spec.comparisons:
            if c.name not in session.fixed:
                estimates[c.name].append(m[c.name])
    m_final, source = {}, {}
    for c in spec.comparisons:
        if estimates[c.name]:
            med = np.median(np.stack(estimates[c.name]), axis=0)
            m_final[c.name] = med / med.sum(axis=1, keepdims=True)
            source[c.name] = "em"
        else:
            m_final[c.name] = model.default_m(c)
            source[c.name] = "bawaan"
    return m_final, source, sessions


def fit(spec: ModelSpec, a: Features, b: Features | None, candidates: Candidates,
        cfg: MatchConfig) -> model.Params:
    """Estimate the parameters of ``spec`` from the data; ``candidates`` are the candidate
    pairs (blocked and compared, see :class:`Candidates`); ``b`` None means deduplication
    of ``a``.

    Nothing here depends on where the comparisons run (``candidates.compare``: here, or
    on the workers of a cluster): random pairs and the samples inside blocks are drawn
    over record positions in the whole list, value frequencies are counts over the whole
    list, EM runs on pattern counts, and the prior is the fixed point over every candidate
    pair's Bayes factor, taken in pair order.

    u comes from the u-samples (random pairs, and random pairs of reference records inside
    each stratum, cleaned of pairs the identity rule calls one person), m from the training
    sessions with u fixed; then u again with m known (a stratum's sample may still hold
    matches) and m again."""
    rng = np.random.default_rng(cfg.seed)
    right = a if b is None else b
    n_a, n_b = len(a), len(right)
    total_pairs = n_a * (n_a - 1) / 2.0 if b is None else float(n_a) * n_b
    dropped: list[str] = []

    # Random pairs: enough for the levels random pairs show (small files need fewer).
    n_random = min(cfg.u_sample_pairs, max(20_000, 20 * max(n_a, n_b)))
    ri, rj = _random_pairs(n_a, None if b is None else n_b, n_random, rng)
    compare_fn = candidates.compare
    samples: list[tuple[str | None, model.Patterns]] = [
        (None, model.Patterns.of(spec, compare_fn(spec, a, right, ri, rj)))]
    drawn = {}
    for name, (i, j, w) in _stratum_samples(spec, right, cfg.u_stratum_pairs, rng).items():
        levels_s = compare_fn(spec, right, right, i, j)
        drawn[name] = (levels_s, w, same_person(spec, levels_s))
    if HOUSEHOLD in drawn:
        levels_s, w, one = drawn[HOUSEHOLD]
        inside = spec.stratum(HOUSEHOLD).condition.evaluate(levels_s, len(w))
        if (w * (one & inside)).sum() > cfg.stratum_same_person_max * (w * inside).sum():
            # Two records of one household are mostly one person here (a file without
            # households: records at one address are the same person), so the household
            # strata do not describe relatives and are left out of the model.
            dropped.extend(s for s in HOUSEHOLD_STRATA if s in drawn)
    for name, (levels_s, w, one) in drawn.items():
        if name in dropped:
            continue
        # The identity rule holds inside households only (two people born on one day in one
        # kecamatan may well share a name); other strata's matches are left to the mixture
        # in u_tables.
        keep = ~one if name in HOUSEHOLD_STRATA else np.ones(len(w), dtype=bool)
        samples.append((name, model.Patterns.of(
            spec, {c: v[keep] for c, v in levels_s.items()}, w[keep])))
    if dropped:
        spec = build_spec(spec.task, a.present & right.present, spec.interactions,
                          spec.blocking, tuple(dropped))
        names = {s.name for s in spec.strata}
        samples = [(name, patterns) for name, patterns in samples
                   if name is None or name in names]
        samples = [(name, _repattern(spec, patterns)) for name, patterns in samples]
    exact = {c.name: model.exact_u(a.hashes[c.exact_u],
                                   None if b is None else right.hashes[c.exact_u])
             for c in spec.comparisons if c.exact_u}
    tf_base = {c.name: model.exact_u(a.hashes[c.tf], None if b is None else right.hashes[c.tf])
               for c in spec.comparisons if c.tf and c.tf != c.exact_u}
    u = model.u_tables(spec, samples, exact)
    bases = {c.name: tf_base.get(c.name, exact.get(c.name, 0.0)) for c in spec.comparisons}
    session_pairs = _session_pairs(spec, a, b, cfg, rng, compare_fn, candidates.tf, bases)
    m, source, sessions = _train(spec, session_pairs, u, cfg)
    if len(samples) > 1:
        u = model.u_tables(spec, samples, exact, m)
        m, source, sessions = _train(spec, session_pairs, u, cfg)
    notes = [] if any(s["dipakai"] for s in sessions) else ["model.em_tidak_jalan"]
    params = model.Params(spec=spec, m=m, u=u, w=model.monotone(spec, m, u), u_exact=exact,
                          prior=0.5, source=source, sessions=sessions, notes=notes,
                          reference_size=n_b, tf_base=tf_base)
    start = (2 * START_DUPLICATE_PAIRS_PER_RECORD / max(n_b, 1) if b is None
             else START_LINK_SHARE / max(n_b, 1))
    params.prior = model.estimate_prior(candidates.bayes(params), total_pairs, min(start, 0.5))
    return params


@dataclass
class Scored:
    """Scored candidate pairs: ``i``, ``j`` (positions), ``rid_a``, ``rid_b``, ``kunci``
    (blocking key), one column of levels per comparison, ``w_<comparison>`` weights,
    ``bobot`` (total match weight, bits, prior included), ``skor`` (match probability),
    ``skor_nama_tgl`` (the probability from name and birth date alone) and ``nama_jw``."""

    pairs: pd.DataFrame
    params: model.Params
    stats: BlockingStats
    spec: ModelSpec = field(init=False)

    def __post_init__(self) -> None:
        self.spec = self.params.spec


def score(pairs: pd.DataFrame, levels: dict[str, np.ndarray], tf_pairs: dict[str, np.ndarray],
          params: model.Params) -> pd.DataFrame:
    """Weights and probability of each candidate pair (see :class:`Scored`): ``pairs`` has
    ``i``, ``j``, ``kunci``, ``rid_a`` and ``rid_b``; ``tf_pairs`` the value frequencies of
    :meth:`TermFrequencies.for_pairs`."""
    spec = params.spec
    scored = model.score_levels(params, {c: levels[c] for c in spec.names}, tf_pairs)
    out = pairs.reset_index(drop=True).copy()
    for c in spec.names:
        out[c] = levels[c]
    for c in spec.names:
        out[f"w_{c}"] = scored.weights[c].astype(np.float32)
    out["nama_jw"] = levels["nama_jw"]
    out["bobot"] = scored.weight
    out["skor"] = scored.probability
    identity = np.zeros(len(out))
    for c in ("nama", "tgl"):
        if c in scored.weights:
            identity += scored.weights[c]
    out["skor_nama_tgl"] = model.posterior(identity + np.log2(params.prior / (1 - params.prior)))
    return out


class Engine(Protocol):
    """Where blocking and comparisons run. Everything else (term frequencies, estimation,
    scoring, grouping, one-to-one linking) is the same code on the client whatever the
    engine, so an engine that returns the same pairs and levels gives the same findings."""

    def candidate_pairs(self, left: Features, right: Features | None, keys: tuple[str, ...],
                        max_block_size: int) -> tuple[pd.DataFrame, BlockingStats]: ...

    def compare(self, spec: ModelSpec, a: Features, b: Features, i: np.ndarray,
                j: np.ndarray) -> dict[str, np.ndarray]: ...


class LocalEngine:
    """Blocking and comparisons in this process (the default)."""

    def candidate_pairs(self, left: Features, right: Features | None, keys: tuple[str, ...],
                        max_block_size: int) -> tuple[pd.DataFrame, BlockingStats]:
        return candidate_pairs(left, right, keys, max_block_size)

    def compare(self, spec: ModelSpec, a: Features, b: Features, i: np.ndarray,
                j: np.ndarray) -> dict[str, np.ndarray]:
        return compare(spec, a, b, i, j)


LOCAL = LocalEngine()


class Candidates:
    """The candidate pairs of ``a`` (with ``b``, or inside ``a`` when ``b`` is None): blocked
    and compared by ``engine`` (this process, or a cluster: ``coklit.match.distributed``),
    kept here with their levels and value frequencies for estimation and scoring."""

    def __init__(self, a: Features, b: Features | None, engine: Engine = LOCAL) -> None:
        self.a, self.b = a, b
        self.right = a if b is None else b
        self.engine = engine
        self.tf: TermFrequencies | None = None

    def compare(self, spec: ModelSpec, a: Features, b: Features, i: np.ndarray,
                j: np.ndarray) -> dict[str, np.ndarray]:
        return self.engine.compare(spec, a, b, i, j)

    def build(self, spec: ModelSpec, max_size: int, tf: TermFrequencies) -> BlockingStats:
        """Block on ``spec.blocking`` and compare every pair; what scoring needs is kept."""
        pairs, stats = self.engine.candidate_pairs(self.a, self.b, spec.blocking, max_size)
        i, j = pairs["i"].to_numpy(), pairs["j"].to_numpy()
        self.levels = self.compare(spec, self.a, self.right, i, j)
        self.tf = tf
        self.tf_pairs = tf.for_pairs(spec, self.a, self.right, i, j)
        pairs["rid_a"] = self.a.rid[i]
        pairs["rid_b"] = self.right.rid[j]
        self.pairs = pairs
        return stats

    def bayes(self, params: model.Params) -> np.ndarray:
        """Every pair's Bayes factor (bits, no prior) under ``params``, in pair order."""
        return model.score_levels(params, self.levels, self.tf_pairs).bayes

    def scored(self, params: model.Params) -> pd.DataFrame:
        return score(self.pairs, self.levels, self.tf_pairs, params)


def _scored_candidates(a: Features, b: Features | None, cfg: MatchConfig,
                       params: model.Params | None, tf: TermFrequencies | None = None,
                       refit_prior: bool = False, engine: Engine | None = None,
                       on_pairs: Callable[[int], None] | None = None) -> Scored:
    """Block, compare, estimate parameters (unless given) and score: the one pipeline that
    duplicate detection (``b`` None) and linking share. ``tf``: the term frequencies of the
    whole reference list when ``b`` (or ``a``) is only a part of it. ``on_pairs``: told the
    number of candidate pairs once blocking has found them (for progress)."""
    right = a if b is None else b
    task = "ganda" if b is None else "tautan"
    candidates = Candidates(a, b, engine or LOCAL)
    if params is None:
        present = a.present & right.present
        per_record = cfg.pairs_per_list_record if b is None else cfg.pairs_per_field_record
        budget = max(cfg.min_pair_budget, int(per_record * len(a)))
        keys = choose_keys(task, a, b, budget, cfg.max_block_size)
        spec = build_spec(task, present, interactions=cfg.interactions, blocking=keys)
    else:
        spec = params.spec
    tf = tf or TermFrequencies.of(spec, right)
    stats = candidates.build(spec, cfg.max_block_size, tf)
    if on_pairs is not None:
        on_pairs(int(stats.total))
    if params is None:
        params = fit(spec, a, b, candidates, cfg)
    elif refit_prior:
        # A model reused on another list keeps its weights; how many pairs of this list are
        # one person is estimated again (the prior depends on the list's size).
        params = copy.deepcopy(params)
        params.reference_size = len(right)
        total = len(a) * (len(a) - 1) / 2.0 if b is None else float(len(a)) * len(right)
        params.prior = model.estimate_prior(candidates.bayes(params), total, params.prior)
    return Scored(candidates.scored(params), params, stats)


def expected_errors(scored: pd.DataFrame, accepted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per pair: the expected number of false matches among accepted pairs (1 - p) and of
    missed matches among the others (p), as fastLink estimates error without labels."""
    p = scored["skor"].to_numpy()
    return np.where(accepted, 1.0 - p, 0.0), np.where(accepted, 0.0, p)


@dataclass
class Duplicates:
    scored: Scored  # all candidate pairs with scores
    accepted: pd.DataFrame  # pairs judged duplicates
    review: pd.DataFrame  # pairs to check by hand (see find_duplicates)
    conflicts: pd.DataFrame  # pairs sharing a full NIK that the evidence says are two people
    group: np.ndarray  # group label per record, -1 when not a duplicate
    expected_false: np.ndarray  # per record: expected false duplicate pairs (halves)
    expected_missed: np.ndarray  # per record: expected missed duplicate pairs (halves)


def _per_record(n: int, i: np.ndarray, j: np.ndarray, value: np.ndarray) -> np.ndarray:
    """Spread a per-pair quantity over the pair's two records (half each)."""
    return (np.bincount(i, weights=value / 2, minlength=n)
            + np.bincount(j, weights=value / 2, minlength=n))[:n]


def find_duplicates(
    records: pd.DataFrame | Features,
    cfg: MatchConfig,
    params: model.Params | None = None,
    tf: TermFrequencies | None = None,
    refit_prior: bool = False,
    engine: Engine | None = None,
    on_pairs: Callable[[int], None] | None = None,
) -> Duplicates:
    """Duplicates inside one list of normalised records (or the list already prepared).

    A pair is a duplicate when its match probability reaches ``cfg.threshold_dedupe``. A
    pair is put up for review when it does not, but its probability is at least
    ``cfg.review_dedupe``, or its name and birth date alone would have made it a duplicate
    (the other fields contradict them: another NIK, another family card, another address).
    A pair that shares a full NIK while its probability stays below ``cfg.review_dedupe``
    is one NIK carried by two people: a data error of its own, not a duplicate.

    ``engine``: where blocking and comparisons run (default: this process; see
    :class:`Engine`); the findings do not depend on it. ``on_pairs``: told the number of
    candidate pairs once blocking has found them."""
    a = records if isinstance(records, Features) else prepare(records)
    result = _scored_candidates(a, None, cfg, params, tf, refit_prior, engine, on_pairs)
    scored = result.pairs
    skor = scored["skor"].to_numpy()
    accepted_mask = skor >= cfg.threshold_dedupe
    same_nik = scored["nik"].to_numpy() == 5 if "nik" in scored else np.zeros(len(scored), bool)
    conflict = same_nik & (skor < cfg.review_dedupe)
    review_mask = (~accepted_mask & ~conflict
                   & ((skor >= cfg.review_dedupe)
                      | (scored["skor_nama_tgl"].to_numpy() >= cfg.threshold_dedupe)))
    accepted = scored[accepted_mask].reset_index(drop=True)
    group = group_pairs(len(a), accepted["i"].to_numpy(), accepted["j"].to_numpy(),
                        accepted["bobot"].to_numpy(), cfg.max_group_size)
    false, missed = expected_errors(scored, accepted_mask)
    i, j = scored["i"].to_numpy(), scored["j"].to_numpy()
    return Duplicates(
        scored=result,
        accepted=accepted,
        review=scored[review_mask].reset_index(drop=True),
        conflicts=scored[conflict].reset_index(drop=True),
        group=group,
        expected_false=_per_record(len(a), i, j, false),
        expected_missed=_per_record(len(a), i, j, missed),
    )


@dataclass
class Links:
    scored: Scored
    best: pd.DataFrame  # one row per field record with a candidate: its nearest list record
    matched: pd.DataFrame  # accepted links, at most one list record per field record
    review: pd.DataFrame  # field records to check by hand, with their best candidate
    expected_false: np.ndarray  # per field record: 1 - p of its link (0 when unlinked)
    expected_missed: np.ndarray  # per field record unlinked: expected links missed


def assign_one_to_one(eligible: pd.DataFrame, rounds: int = 100) -> pd.DataFrame:
    """Greedy one-to-one assignment: the strongest claims first. ``eligible`` must be sorted
    strongest first. Each round accepts the pairs that are the best remaining claim both of
    their field record and of their list record; the records they use leave the pool, so a
    list record claimed by several field records goes to the strongest claim and the others
    fall back to their next candidate. This gives the same links as taking pairs in order of
    weight and keeping each whose two records are still free."""
    parts = []
    pool = eligible
    for _ in range(rounds):
        if pool.empty:
            break
        best_i = ~pool.duplicated("i", keep="first")
        best_j = ~pool.duplicated("j", keep="first")
        chosen = pool[best_i & best_j]
        parts.append(chosen)
        pool = pool[~pool["i"].isin(chosen["i"]) & ~pool["j"].isin(chosen["j"])]
    if not parts:
        return eligible.iloc[0:0]
    return pd.concat(parts).sort_values("i", kind="stable")


def link_records(
    field_records: pd.DataFrame | Features,
    listed: pd.DataFrame | Features,
    cfg: MatchConfig,
    params: model.Params | None = None,
    tf: TermFrequencies | None = None,
    refit_prior: bool = False,
    engine: Engine | None = None,
    on_pairs: Callable[[int], None] | None = None,
) -> Links:
    """Link each field record to at most one list record, the best one, when its match
    probability reaches ``cfg.threshold_link``. A field record left unlinked whose best
    candidate reaches ``cfg.review_link`` is put up for review with that candidate (neither
    counted as linked nor as missing from the list). ``engine``, ``on_pairs``: as for
    :func:`find_duplicates`."""
    a = field_records if isinstance(field_records, Features) else prepare(field_records)
    b = listed if isinstance(listed, Features) else prepare(listed)
    result = _scored_candidates(a, b, cfg, params, tf, refit_prior, engine, on_pairs)
    scored = result.pairs
    order = scored.sort_values(["i", "bobot"], ascending=[True, False], kind="stable")
    best = order.drop_duplicates("i", keep="first").reset_index(drop=True)
    eligible = scored[scored["skor"].to_numpy() >= cfg.threshold_link].copy()
    # Equal evidence (a list row and its exact copy elsewhere): prefer the row in the TPS
    # and kelurahan where the officer found the person.
    ei, ej = eligible["i"].to_numpy(), eligible["j"].to_numpy()
    eligible["_here"] = ((a.ints["tps"][ei] == b.ints["tps"][ej])
                         & (a.hashes["kel"][ei] == b.hashes["kel"][ej]))
    eligible["_w"] = eligible["bobot"].round(6)
    eligible = eligible.sort_values(["_w", "_here"], ascending=False, kind="stable").drop(
        columns=["_w", "_here"])
    matched = assign_one_to_one(eligible).reset_index(drop=True)
    linked = np.zeros(len(a), dtype=bool)
    linked[matched["i"].to_numpy()] = True
    best_i = best["i"].to_numpy()
    review_mask = ~linked[best_i] & (best["skor"].to_numpy() >= cfg.review_link)
    review = best[review_mask].reset_index(drop=True)
    expected_false = np.zeros(len(a))
    expected_false[matched["i"].to_numpy()] = 1.0 - matched["skor"].to_numpy()
    # A field record is one person: the chance that one of its candidates is it, capped at 1.
    p_any = np.minimum(np.bincount(scored["i"].to_numpy(), weights=scored["skor"].to_numpy(),
                                   minlength=len(a))[: len(a)], 1.0)
    expected_missed = np.where(linked, 0.0, p_any)
    return Links(scored=result, best=best, matched=matched, review=review,
                 expected_false=expected_false, expected_missed=expected_missed)
