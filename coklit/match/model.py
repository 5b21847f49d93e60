"""Fellegi-Sunter scoring with parameters estimated from the data itself.

For each comparison level we need m (how often true matches show it) and u (how often
unrelated records show it). The match weight of a pair is
``log2(prior odds) + sum(log2(m/u))`` over the comparisons that are not null, and its match
probability is ``2^w / (1 + 2^w)``.

- u is estimated from random pairs (almost all unrelated): ``estimate_u``.
- m is estimated by expectation-maximisation on the blocked candidate pairs, compressed into
  distinct comparison patterns: ``estimate_em``. When the data is too small for EM, or EM
  lands on an implausible solution, documented default m values are used instead.
- Exact agreement on a name or a birth date is term-frequency adjusted: agreeing on
  "MUHAMMAD RIZKI" or on 1 July 1990 (a placeholder) is weaker evidence than agreeing on a
  rare name or date, so the u of the exact level is replaced by the value's frequency.
- Domain rules that the independence assumption cannot express are applied to the levels
  before weighting (``apply_rules``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from coklit.match.compare import COMPARISONS, LEVELS

# Default m-probabilities (share of true matches at each level, index = level), used when the
# data is too small to estimate them. They follow from the domain: most duplicates and field
# records carry the same NIK and date; typos, swaps and spelling variants are a minority.
DEFAULT_M: dict[str, tuple[float, ...]] = {
    "nik": (0.04, 0.05, 0.02, 0.06, 0.83),
    "nama": (0.01, 0.04, 0.08, 0.12, 0.75),
    "tgl": (0.03, 0.05, 0.04, 0.88),
    "jk": (0.02, 0.98),
    "tempat": (0.10, 0.90),
    "domisili": (0.10, 0.10, 0.15, 0.25, 0.40),
}
# Default u-probabilities (share of unrelated pairs at each level) for a city-sized list,
# blended with the random-pair estimate as U_PSEUDO_PAIRS pseudo-observations so that a tiny
# file (a few hundred rows) still gets sensible values while a large one speaks for itself.
DEFAULT_U: dict[str, tuple[float, ...]] = {
    "nik": (0.9999, 1e-4, 1e-6, 1e-6, 1e-7),
    "nama": (0.90, 0.09, 0.008, 0.0015, 0.0005),
    "tgl": (0.97, 0.03, 1e-4, 1e-4),
    "jk": (0.5, 0.5),
    "tempat": (0.4, 0.6),
    "domisili": (0.90, 0.08, 0.015, 0.004, 1e-5),
}
U_PSEUDO_PAIRS = 20_000.0
PROB_FLOOR = 1e-7
# Levels whose u must be taken among pairs that agree on the birth date. A NIK one digit off
# in the region code or the serial is what different people born on one day carry
# (neighbouring kecamatan codes, consecutive serials of twins). Random pairs almost never
# show it, but the pairs where it matters already agree on the date, and among those it is
# common. So its weight is log2(m / u given the date agrees), estimated from the candidate
# pairs (``conditional_nik_weight``), and never counts for a match.
CONDITIONAL_LEVELS: dict[str, tuple[int, ...]] = {"nik": (2,)}
TF_COMPARISONS = {"nama": 4, "tgl": 3}  # comparison -> its exact level
# Term frequencies are blended with the default exact-level u as this many pseudo-records, so
# a name seen 3 times in a 7-row file is not taken to be a third of the population.
TF_PSEUDO_RECORDS = 1_000.0
# Weight bounds (bits) per comparison. Household and place are shared by relatives (twins,
# parents and children share a family card and an address), so however rare a shared family
# card is between random people, it is limited evidence that two rows are one person
# (domain.md: "an NKK difference is not an error and only weak evidence"). Inside one list the
# bound is tight: relatives listed together are exactly the hard negatives. Linking a field
# record, which an officer wrote down while visiting that household, to a list row of the
# same household is stronger evidence, so the bound is wider there.
DEDUPE_BOUNDS: dict[str, tuple[float, float]] = {"domisili": (-3.0, 4.0), "tempat": (-4.0, 2.0)}
# For links the bound is set so that an exact name in the same family card is a link even
# without NIK or date (about +10 and +12 against prior odds near -20 for a city list), while a
# merely similar name there (a sibling: +3 to +6) is not.
LINK_BOUNDS: dict[str, tuple[float, float]] = {"domisili": (-3.0, 12.0), "tempat": (-4.0, 2.0)}


def household_unconfounded(gamma: pd.DataFrame) -> np.ndarray:
    """Pairs for which a shared household is not explained by kinship: relatives in one
    family card do not share a near-identical name AND a birth date (twins differ in name,
    parent and child in date), so for these the wider LINK_BOUNDS apply."""
    return (gamma["nama"].to_numpy() >= 3) & (gamma["tgl"].to_numpy() >= 2)


@dataclass
class Params:
    """Estimated model parameters; ``source`` says how m was obtained (em / bawaan)."""

    m: dict[str, np.ndarray]
    u: dict[str, np.ndarray]
    prior: float  # probability that two random records match
    bounds: dict[str, tuple[float, float]] = field(default_factory=lambda: dict(DEDUPE_BOUNDS))
    conditional: dict[str, float] = field(default_factory=dict)
    # Term-frequency tables per comparison: (distinct values, their counts, total count),
    # counted once on the reference list so that every partition is scored alike.
    tf: dict[str, tuple[pd.Index, np.ndarray, float]] = field(default_factory=dict)
    source: str = "bawaan"
    em_iterations: int = 0
    notes: list[str] = field(default_factory=list)

    def weights(self) -> dict[str, np.ndarray]:
        out = {c: np.log2(self.m[c] / self.u[c]) for c in COMPARISONS}
        for c, levels in CONDITIONAL_LEVELS.items():
            out[c][list(levels)] = self.conditional.get(c, 0.0)
        return out

    def describe(self) -> dict[str, object]:
        """Plain values for info_proses.json and the README."""
        return {
            "sumber_m": self.source,
            "iterasi_em": self.em_iterations,
            "peluang_awal": float(f"{self.prior:.4g}"),
            "bobot": {
                c: {LEVELS[c][k]: round(float(w), 2) for k, w in enumerate(self.weights()[c])}
                for c in COMPARISONS
            },
            "batas_bobot": {c: list(b) for c, b in self.bounds.items()},
            "catatan": list(self.notes),
        }


def _normalise(counts: np.ndarray) -> np.ndarray:
    total = counts.sum()
    if total <= 0:
        return np.full(len(counts), 1.0 / len(counts))
    return np.clip(counts / total, PROB_FLOOR, 1.0)


def level_counts(gamma: pd.DataFrame, weights: np.ndarray | None = None) -> dict[str, np.ndarray]:
    out = {}
    for c in COMPARISONS:
        g = gamma[c].to_numpy()
        ok = g >= 0
        out[c] = np.bincount(
            g[ok].astype(np.int64),
            weights=None if weights is None else weights[ok],
            minlength=len(LEVELS[c]),
        ).astype(float)
    return out


def estimate_u(gamma_random: pd.DataFrame) -> dict[str, np.ndarray]:
    """u-probabilities from comparisons of random pairs, blended with ``DEFAULT_U``."""
    return {
        c: _normalise(n + U_PSEUDO_PAIRS * np.asarray(DEFAULT_U[c]))
        for c, n in level_counts(gamma_random).items()
    }


def default_m() -> dict[str, np.ndarray]:
    return {c: np.asarray(v, dtype=float) for c, v in DEFAULT_M.items()}


def estimate_em(
    gamma: pd.DataFrame,
    u_random: dict[str, np.ndarray],
    max_iter: int = 50,
    tol: float = 1e-5,
    fixed: tuple[str, ...] = (),
    share: float = 0.5,
) -> tuple[dict[str, np.ndarray], float, int]:
    """EM on candidate pairs: returns m, the share of matches among the candidates, and the
    number of iterations. Works on distinct comparison patterns weighted by their counts, so
    its cost does not depend on the number of pairs. Comparisons in ``fixed`` are left out
    (the pairs were chosen because they agree on them, so they say nothing here) and keep
    their default m."""
    matrix = gamma[list(COMPARISONS)].to_numpy(dtype=np.int64) + 1  # -1 (null) -> 0
    # One integer per pattern (mixed radix) makes finding the distinct patterns a 1-D unique.
    radix = np.array([len(LEVELS[c]) + 1 for c in COMPARISONS], dtype=np.int64)
    place = np.concatenate([[1], np.cumprod(radix[:-1])])
    codes, counts = np.unique(matrix @ place, return_counts=True)
    patterns = (codes[:, None] // place[None, :]) % radix[None, :] - 1
    counts = counts.astype(float)
    m = default_m()
    # Unrelated candidate pairs agree more often than random ones (blocking made them share a
    # key), so u among candidates is estimated too, starting from the random-pair values.
    u = {c: v.copy() for c, v in u_random.items()}
    used = [(k, c) for k, c in enumerate(COMPARISONS) if c not in fixed]
    iterations = 0
    while iterations < max_iter:
        iterations += 1
        log_m = np.zeros(len(patterns))
        log_u = np.zeros(len(patterns))
        for k, c in used:
            g = patterns[:, k]
            ok = g >= 0
            log_m[ok] += np.log(m[c][g[ok]])
            log_u[ok] += np.log(u[c][g[ok]])
        a = np.log(share) + log_m
        b = np.log1p(-share) + log_u
        post = 1.0 / (1.0 + np.exp(np.clip(b - a, -700, 700)))
        wm, wu = counts * post, counts * (1 - post)
        new_share = float(np.clip(wm.sum() / counts.sum(), 1e-9, 1 - 1e-9))
        change = abs(new_share - share)
        for k, c in used:
            g = patterns[:, k]
            ok = g >= 0
            nl = len(LEVELS[c])
            new_m = _normalise(np.bincount(g[ok], weights=wm[ok], minlength=nl) + 1e-3)
            new_u = _normalise(np.bincount(g[ok], weights=wu[ok], minlength=nl) + 1e-3)
            change = max(change, float(np.abs(new_m - m[c]).max()))
            m[c], u[c] = new_m, new_u
        share = new_share
        if change < tol:
            break
    return m, share, iterations


# Training sessions (as Splink does): EM on the candidate pairs that agree on some fields
# estimates m for the OTHER fields, because among pairs chosen for agreeing on name and date
# the 'match' class cannot be confused with 'agrees on name and date'. Each session: the
# rule that picks its pairs and the comparisons it leaves out.
SESSIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("nama_dan_tgl_sama", ("nama", "tgl")),
    ("nik_sama", ("nik",)),
)
MIN_SESSION_PAIRS = 200


def _session_pairs(gamma: pd.DataFrame, name: str) -> np.ndarray:
    if name == "nama_dan_tgl_sama":
        return ((gamma["nama"] >= 3) & (gamma["tgl"] >= 2)).to_numpy()
    return (gamma["nik"] == 4).to_numpy()


def train(
    gamma: pd.DataFrame, u_random: dict[str, np.ndarray], max_iter: int = 50, tol: float = 1e-5
) -> tuple[dict[str, np.ndarray], float, int, list[str]] | None:
    """m from EM training sessions on the candidate pairs ``gamma`` (after ``apply_rules``).

    Returns m (each comparison averaged over the sessions that estimated it, default where
    none did), the expected number of true matches among the candidates, the total EM
    iterations and notes; None when no session had enough pairs."""
    estimates: dict[str, list[np.ndarray]] = {c: [] for c in COMPARISONS}
    expected, iterations, notes = 0.0, 0, []
    counted = np.zeros(len(gamma), dtype=bool)
    for name, fixed in SESSIONS:
        chosen = _session_pairs(gamma, name)
        if chosen.sum() < MIN_SESSION_PAIRS:
            notes.append(f"sesi {name}: {int(chosen.sum())} pasangan, dilewati")
            continue
        m, share, its = estimate_em(gamma[chosen], u_random, max_iter, tol, fixed=fixed)
        iterations += its
        for c in COMPARISONS:
            if c not in fixed:
                estimates[c].append(m[c])
        fresh = chosen & ~counted
        expected += share * fresh.sum()
        counted |= chosen
        notes.append(f"sesi {name}: {int(chosen.sum())} pasangan, {share:.3f} cocok")
    if not any(estimates.values()):
        return None
    defaults = default_m()
    m = {c: (np.mean(v, axis=0) if v else defaults[c]) for c, v in estimates.items()}
    return m, expected, iterations, notes


def plausible(m: dict[str, np.ndarray], u: dict[str, np.ndarray]) -> bool:
    """EM found the 'same person' class: exact NIK, name and date are evidence for a match."""
    return all(m[c][-1] > u[c][-1] and m[c][-1] > m[c][0] for c in ("nik", "nama", "tgl"))


def conditional_nik_weight(gamma: pd.DataFrame, m: dict[str, np.ndarray]) -> float:
    """Weight of the NIK 'one digit off in region or serial' level among pairs that agree on
    the birth date: log2(m / u), with u the share of that level among candidate pairs that
    agree on the date and do not share the NIK (nearly all different people). At most 0."""
    nik, tgl = gamma["nik"].to_numpy(), gamma["tgl"].to_numpy()
    pool = (tgl == 3) & (nik >= 0) & (nik != 4)
    if pool.sum() < 50:
        return 0.0
    level = [lv for c, levels in CONDITIONAL_LEVELS.items() if c == "nik" for lv in levels][0]
    u = (np.sum(nik[pool] == level) + 1.0) / (pool.sum() + 2.0)
    return float(min(np.log2(m["nik"][level] / u), 0.0))


def tf_table(values: pd.Series) -> tuple[pd.Index, np.ndarray, float, np.ndarray]:
    """Distinct values of a column with their counts (empty values count 0), the total
    count, and each row's position among the distinct values."""
    codes, uniques = pd.factorize(values)
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques)).astype(float)
    counts[np.asarray(uniques == "", dtype=bool)] = 0.0
    return pd.Index(uniques), counts, float(counts.sum()), codes


def term_frequency(count: np.ndarray, total: float, comparison: str) -> np.ndarray:
    """Frequency of a value seen ``count`` times among ``total`` non-empty values, blended
    with the default u of the exact level as TF_PSEUDO_RECORDS pseudo-records (an unseen
    value counts as seen once)."""
    prior = DEFAULT_U[comparison][TF_COMPARISONS[comparison]]
    seen = np.maximum(count, 1.0)
    return (seen + TF_PSEUDO_RECORDS * prior) / (total + TF_PSEUDO_RECORDS)


def apply_rules(gamma: pd.DataFrame) -> pd.DataFrame:
    """Domain rules that pure independence cannot express. Returns a copy.

    - A NIK one digit off in the date part counts as a typo only when the names are at least
      similar (siblings' NIKs differ by one digit in the birth year).
    - A different name is never "the same person" through one NIK typo.
    """
    g = gamma.copy()
    nik, nama = g["nik"].to_numpy().copy(), g["nama"].to_numpy()
    nik[(nik == 3) & (nama < 2)] = 0
    g["nik"] = nik
    return g


def match_weights(
    gamma: pd.DataFrame,
    params: Params,
    tf_u: dict[str, np.ndarray] | None = None,
) -> tuple[pd.DataFrame, np.ndarray]:
    """Per-comparison weights (0 for null levels) and the total match weight of each pair.

    ``tf_u`` gives, per term-frequency comparison, the frequency of the agreed value for each
    pair (used only where the level is the exact one).
    """
    weights = params.weights()
    parts = {}
    for c in COMPARISONS:
        g = gamma[c].to_numpy()
        w = np.where(g >= 0, weights[c][np.clip(g, 0, None)], 0.0)
        if tf_u is not None and c in tf_u and c in TF_COMPARISONS:
            exact = g == TF_COMPARISONS[c]
            freq = np.clip(tf_u[c], PROB_FLOOR, 1.0)
            m_exact = params.m[c][TF_COMPARISONS[c]]
            w = np.where(exact, np.log2(m_exact / freq), w)
        if c in params.bounds:
            low, high = params.bounds[c]
            wide = LINK_BOUNDS.get(c, (low, high))[1]
            high_per_pair = np.where(household_unconfounded(gamma), max(high, wide), high)
            w = np.clip(w, low, high_per_pair)
        parts[c] = w
    frame = pd.DataFrame(parts)
    prior = np.log2(params.prior / (1 - params.prior))
    return frame, prior + frame.to_numpy().sum(axis=1)


def probability(weight: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp2(-np.clip(weight, -60, 60)))
