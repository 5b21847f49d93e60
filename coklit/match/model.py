"""Fellegi-Sunter weights estimated from the data itself, for a :class:`ModelSpec`.

For each comparison level we need m (how often true matches show it) and u (how often
unrelated records show it); a pair's match weight is ``log2(prior odds) + sum(log2(m/u))``
over the comparisons that said something, and its match probability ``2^w / (1 + 2^w)``.
Comparisons conditioned on a stratum have one row of m/u per stratum (0 = outside, 1 = inside).

- u comes from random pairs (:func:`u_tables`), held fixed during EM; inside a stratum from
  random pairs of that stratum, cleaned of pairs the identity rule calls one person. The top level of an equality comparison (same NIK, same
  name, ...) is computed exactly from value frequencies (:func:`exact_u`): random sampling
  would almost never see it. Levels never seen in a sample get half a pseudo-count
  (Jeffreys), so an unseen level is rare, not impossible.
- m is estimated by EM on distinct comparison patterns of candidate pairs, in training
  sessions (:func:`em`), with the domain priors of ``spec.DEFAULT_M`` as a Dirichlet prior of
  ``PRIOR_MATCHES`` pseudo-matches; sessions are combined by the median.
- Weights are made monotone (:func:`monotone`): within a comparison and stratum a stronger
  level never weighs less than a weaker one.
- Exact agreement on a name, birth date or address is term-frequency adjusted: agreeing on
  "MUHAMMAD RIZKI" or on 1 July 1990 (a placeholder) is weaker evidence than agreeing on a
  rare value. The adjusted weight never drops below the next weaker level's weight.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from coklit.match.spec import DEFAULT_M, NULL, PRIOR_MATCHES, Comparison, ModelSpec

JEFFREYS = 0.5
PROB_FLOOR = 1e-12
STRATUM_PRIOR_PAIRS = 20.0


@dataclass
class Params:
    """Estimated parameters of one model (see the module docstring)."""

    spec: ModelSpec
    m: dict[str, np.ndarray]  # (strata, levels)
    u: dict[str, np.ndarray]
    w: dict[str, np.ndarray]  # weights applied, bits (after making them monotone)
    u_exact: dict[str, float]  # u of the top level averaged over values (the TF base)
    prior: float  # probability that two random records are the same person
    source: dict[str, str] = field(default_factory=dict)  # comparison -> "em" | "bawaan"
    sessions: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # message codes (coklit.i18n "model.*")
    reference_size: int = 0  # records of the list the model was fitted on
    # Term-frequency base of a comparison whose adjusting feature is not the value its top
    # level agrees on (the NIK's serial): the chance two random records agree on it.
    tf_base: dict[str, float] = field(default_factory=dict)

    def tf_base_of(self, comparison: str) -> float:
        """What a value's frequency is measured against in the term-frequency shift."""
        return self.tf_base.get(comparison, self.u_exact.get(comparison, 0.0))

    def to_json(self) -> dict[str, Any]:
        """Plain values for info_proses.json and ``--model``: the spec and every number."""
        def table(values: dict[str, np.ndarray], digits: int) -> dict[str, Any]:
            out = {}
            for c in self.spec.comparisons:
                rows = [{lv: round(float(x), digits) for lv, x in zip(c.levels, row, strict=True)}
                        for row in values[c.name]]
                out[c.name] = rows[0] if not c.given else dict(
                    zip(c.stratum_names, rows, strict=True))
            return out

        return {
            "spesifikasi": self.spec.to_json(),
            "peluang_awal": float(f"{self.prior:.6g}"),
            "ukuran_daftar": self.reference_size,
            "sumber_m": dict(self.source),
            "bobot": table(self.w, 2),
            "m": table(self.m, 6),
            "u": table(self.u, 9),
            "u_tepat": {k: float(f"{v:.6g}") for k, v in self.u_exact.items()},
            "frekuensi_dasar": {k: float(f"{v:.6g}") for k, v in self.tf_base.items()},
            "sesi_em": list(self.sessions),
            "catatan": list(self.notes),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Params:
        spec = ModelSpec.from_json(data["spesifikasi"])

        def table(name: str) -> dict[str, np.ndarray]:
            out = {}
            for c in spec.comparisons:
                value = data[name][c.name]
                rows = [value] if not c.given else [value[s] for s in c.stratum_names]
                out[c.name] = np.array([[float(r[lv]) for lv in c.levels] for r in rows])
            return out

        return cls(spec=spec, m=table("m"), u=table("u"), w=table("bobot"),
                   u_exact={k: float(v) for k, v in data.get("u_tepat", {}).items()},
                   prior=float(data["peluang_awal"]), source=dict(data.get("sumber_m", {})),
                   sessions=list(data.get("sesi_em", [])), notes=list(data.get("catatan", [])),
                   reference_size=int(data.get("ukuran_daftar", 0)),
                   tf_base={k: float(v) for k, v in data.get("frekuensi_dasar", {}).items()})


# --------------------------------------------------------------------------------------
# Strata and level counts


def strata_of(spec: ModelSpec, levels: dict[str, np.ndarray], n: int) -> dict[str, np.ndarray]:
    """Stratum index of every pair for each comparison: 1 + the position in ``given`` of the
    first stratum whose condition holds, 0 when none does."""
    inside = {s.name: s.condition.evaluate(levels, n) for s in spec.strata}
    out = {}
    for c in spec.comparisons:
        index = np.zeros(n, np.int8)
        for k, name in reversed(list(enumerate(c.given, start=1))):
            index[inside[name]] = k
        out[c.name] = index
    return out


def level_counts(c: Comparison, level: np.ndarray, stratum: np.ndarray,
                 weights: np.ndarray | None = None) -> np.ndarray:
    """(strata, levels) counts of non-null levels, optionally weighted."""
    ok = level >= 0
    n_levels = len(c.levels)
    flat = stratum[ok].astype(np.int64) * n_levels + level[ok]
    counts = np.bincount(flat, weights=None if weights is None else weights[ok],
                         minlength=c.n_strata * n_levels)
    return counts[: c.n_strata * n_levels].reshape(c.n_strata, n_levels).astype(float)


def exact_u(codes_a: np.ndarray, codes_b: np.ndarray | None) -> float:
    """Probability that two random records agree exactly on a value (0 = missing), from the
    value counts: sum_v c_a(v) c_b(v) / (n_a n_b), or sum_v c(v)(c(v)-1) / (n(n-1)) inside
    one list. Computed over records that have a value."""
    a = codes_a[codes_a != 0]
    if codes_b is None:
        if len(a) < 2:
            return 0.0
        _, counts = np.unique(a, return_counts=True)
        counts = counts.astype(float)
        return float((counts * (counts - 1)).sum() / (len(a) * (len(a) - 1.0)))
    b = codes_b[codes_b != 0]
    if len(a) == 0 or len(b) == 0:
        return 0.0
    ua, ca = np.unique(a, return_counts=True)
    ub, cb = np.unique(b, return_counts=True)
    common, ia, ib = np.intersect1d(ua, ub, assume_unique=True, return_indices=True)
    return float((ca[ia].astype(float) * cb[ib]).sum() / (len(a) * float(len(b))))


def u_from_levels(c: Comparison, counts: np.ndarray, exact: float | None) -> np.ndarray:
    """u per level from observed counts of one stratum (Jeffreys pseudo-counts); with
    ``exact`` the top level is that value and the others share the rest."""
    smoothed = counts + JEFFREYS
    u = smoothed / smoothed.sum()
    if exact is not None and exact > 0:
        top = len(c.levels) - 1
        rest = u[:top] / max(u[:top].sum(), PROB_FLOOR)
        u = np.r_[rest * (1.0 - exact), exact]
    return np.clip(u, PROB_FLOOR, 1.0)


def default_m(c: Comparison) -> np.ndarray:
    """The domain prior m of a comparison, one row per stratum."""
    if c.name == "wilayah":
        full = dict(zip(("beda", "kabupaten_sama", "kecamatan_sama", "kelurahan_sama"),
                        DEFAULT_M["wilayah"], strict=True))
        row = np.array([full[lv] for lv in c.levels])
    else:
        row = np.asarray(DEFAULT_M[c.name], dtype=float)
    row = row / row.sum()
    return np.tile(row, (c.n_strata, 1))


# --------------------------------------------------------------------------------------
# EM on comparison patterns


OFFSET_STEP = 1 / 16  # nats: prior log-odds offsets are grouped to this precision


@dataclass
class Patterns:
    """Distinct comparison patterns with their counts (what EM works on; pattern counts of
    partitions add up). ``offset``, when given, is each pattern's prior log-odds offset
    (nats) on top of the share of matches: a training session's pairs agree on the values it
    is chosen by, and agreeing on a rare name makes 'one person' likelier than agreeing on
    a common one (:func:`em`). Pairs with the same levels and offsets one
    ``OFFSET_STEP`` apart are one pattern."""

    levels: dict[str, np.ndarray]  # per comparison, one level per pattern
    counts: np.ndarray
    offset: np.ndarray | None = None

    @classmethod
    def of(cls, spec: ModelSpec, levels: dict[str, np.ndarray],
           weights: np.ndarray | None = None, offset: np.ndarray | None = None) -> Patterns:
        """Distinct patterns of ``levels`` (and of ``offset``); counts are summed
        ``weights`` (1 per pair)."""
        names = spec.names
        if not names:
            return cls({}, np.zeros(0))
        matrix = np.stack([levels[c].astype(np.int64) + 1 for c in names], axis=1)
        radix = np.array([len(spec.comparison(c).levels) + 1 for c in names], dtype=np.int64)
        place = np.concatenate([[1], np.cumprod(radix[:-1])])
        key = matrix @ place
        # Offsets, rounded to OFFSET_STEP, are one more digit of the pattern's code.
        low, span = 0, 1
        if offset is not None and len(key):
            steps = np.rint(np.asarray(offset, dtype=float) / OFFSET_STEP).astype(np.int64)
            low, span = int(steps.min()), int(steps.max() - steps.min()) + 1
            key = key * span + (steps - low)
        codes, inverse = np.unique(key, return_inverse=True)
        counts = np.bincount(inverse, weights=weights, minlength=len(codes)).astype(float)
        distinct_offset = None
        if offset is not None:
            distinct_offset = (codes % span + low) * OFFSET_STEP
            codes = codes // span
        distinct = (codes[:, None] // place[None, :]) % radix[None, :] - 1
        return cls({c: distinct[:, k].astype(np.int8) for k, c in enumerate(names)}, counts,
                   distinct_offset)

    @classmethod
    def concat(cls, parts: list[Patterns]) -> Patterns:
        names = parts[0].levels.keys() if parts else []
        offset = None
        if parts and any(p.offset is not None for p in parts):
            offset = np.concatenate([np.zeros(len(p.counts)) if p.offset is None else p.offset
                                     for p in parts])
        return cls({c: np.concatenate([p.levels[c] for p in parts]) for c in names},
                   np.concatenate([p.counts for p in parts]) if parts else np.zeros(0), offset)


def _intercept(offset: np.ndarray, counts: np.ndarray, expected: float, start: float,
               steps: int = 20) -> float:
    """The log-odds intercept a with sum(counts * sigmoid(a + offset)) = expected (the
    M-step for the share of matches when pairs carry prior offsets), by Newton's method."""
    a = start
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(a + offset, -700, 700)))
        gap = float((counts * p).sum()) - expected
        slope = float((counts * p * (1 - p)).sum())
        if slope <= 0:
            break
        step = gap / slope
        a -= float(np.clip(step, -5, 5))
        if abs(step) < 1e-9:
            break
    return a


def em(spec: ModelSpec, patterns: Patterns, u: dict[str, np.ndarray],
       fixed: tuple[str, ...] = (), share: float = 0.3, max_iter: int = 60,
       tol: float = 1e-6) -> tuple[dict[str, np.ndarray], float, int]:
    """m by expectation-maximisation with u held fixed; comparisons in ``fixed`` are left out
    (the pairs were chosen for agreeing on them). With ``patterns.offset`` each pattern's
    prior log-odds of being one person is an intercept (estimated) plus its offset. Returns
    m, the share of matches among the pairs, and the number of iterations."""
    n = len(patterns.counts)
    strata = strata_of(spec, patterns.levels, n)
    used = [c for c in spec.comparisons if c.name not in fixed]
    m = {c.name: default_m(c) for c in spec.comparisons}
    log_u = np.zeros(n)
    for c in used:
        g = patterns.levels[c.name]
        ok = g >= 0
        log_u[ok] += np.log(u[c.name][strata[c.name][ok], g[ok]])
    counts = patterns.counts
    offset = np.zeros(n) if patterns.offset is None else patterns.offset
    intercept = float(np.log(share) - np.log1p(-share))
    iterations = 0
    for iterations in range(1, max_iter + 1):  # noqa: B007 - the count is returned
        log_m = np.zeros(n)
        for c in used:
            g = patterns.levels[c.name]
            ok = g >= 0
            log_m[ok] += np.log(m[c.name][strata[c.name][ok], g[ok]])
        logit = intercept + offset + log_m - log_u
        post = 1.0 / (1.0 + np.exp(-np.clip(logit, -700, 700)))
        wm = counts * post
        new_share = float(np.clip(wm.sum() / counts.sum(), 1e-9, 1 - 1e-9))
        change = abs(new_share - share)
        if patterns.offset is None:
            intercept = float(np.log(new_share) - np.log1p(-new_share))
        else:
            intercept = _intercept(offset, counts, float(wm.sum()), intercept)
        for c in used:
            prior = PRIOR_MATCHES * default_m(c)
            observed = level_counts(c, patterns.levels[c.name], strata[c.name], wm)
            if c.n_strata > 1 and not c.m_by_stratum:
                pooled = observed.sum(axis=0) + prior[0]
                new = np.tile(pooled / pooled.sum(), (c.n_strata, 1))
            else:
                total = observed + prior
                new = total / total.sum(axis=1, keepdims=True)
            change = max(change, float(np.abs(new - m[c.name]).max()))
            m[c.name] = np.clip(new, PROB_FLOOR, 1.0)
        share = new_share
        if change < tol:
            break
    return m, share, iterations


MIN_RANDOM_IN_STRATUM = 1000  # random pairs that give a sample-less stratum its own u


def u_tables(spec: ModelSpec, samples: list[tuple[str | None, Patterns]],
             exact: dict[str, float], m: dict[str, np.ndarray] | None = None,
             max_iter: int = 30, tol: float = 1e-4) -> dict[str, np.ndarray]:
    """u of every comparison and stratum from the samples drawn to estimate it:
    ``(None, random pairs)`` and ``(stratum name, random pairs inside that stratum)``.

    Row 0 of a comparison (no stratum) comes from the random pairs in none of its strata,
    with its top level's exact value where one is given; row k from the sample of its k-th
    stratum, shrunk towards row 0 when the stratum's sample is small. A level a stratum's
    sample never shows (a masked NIK among list rows) is taken to be at least as common
    there as among random pairs.

    Random pairs are almost all non-matches; a stratum's sample is not always (in a file
    without households, pairs at one address are mostly one person). With ``m`` given, each
    sample is treated as a mixture: EM with m held fixed finds its share of matches, starting
    from the random pairs' u in every stratum, and u comes from the pairs' non-match
    posteriors. Inside a stratum's sample the comparisons its condition names agree by
    construction, so they are left out of that sample's likelihood."""
    joined = Patterns.concat([p for _, p in samples])
    n = len(joined.counts)
    source = np.concatenate([np.full(len(p.counts), k) for k, (_, p) in enumerate(samples)])
    names = [name for name, _ in samples]
    strata = strata_of(spec, joined.levels, n)

    def rows_from(weights: np.ndarray) -> dict[str, np.ndarray]:
        u = {}
        for c in spec.comparisons:
            rows: list[np.ndarray] = []
            for k, stratum in enumerate((None, *c.given)):
                if stratum in names:
                    mask = (source == names.index(stratum)) & (strata[c.name] == k)
                else:
                    # No sample of its own (no sample keys): the random pairs inside it, for
                    # a stratum most random pairs fall in; else the u outside it.
                    mask = (source == (names.index(None) if None in names else -1)) & (
                        strata[c.name] == k)
                    if joined.counts[mask].sum() < MIN_RANDOM_IN_STRATUM:
                        rows.append(rows[0])
                        continue
                counts = level_counts(c, joined.levels[c.name][mask],
                                      np.zeros(mask.sum(), np.int8), weights[mask])[0]
                if k == 0:
                    row = u_from_levels(c, counts, exact.get(c.name))
                else:
                    # A stratum with few sampled pairs leans on the u of random pairs (a
                    # Dirichlet prior of STRATUM_PRIOR_PAIRS pseudo-pairs centred there); a
                    # level its sample never shows (a masked NIK among list rows) is taken to
                    # be at least as common there as among random pairs.
                    row = (counts + STRATUM_PRIOR_PAIRS * rows[0]) / (
                        counts.sum() + STRATUM_PRIOR_PAIRS)
                    unseen = counts == 0
                    row[unseen] = np.maximum(row[unseen], rows[0][unseen])
                    row = np.clip(row / row.sum(), PROB_FLOOR, 1.0)
                rows.append(row)
            u[c.name] = np.vstack(rows)
        return u

    u = rows_from(joined.counts)
    if m is None or len(samples) == 1:
        return u
    u = {c: np.tile(rows[0], (len(rows), 1)) for c, rows in u.items()}
    used = {c.name: np.ones(n, dtype=bool) for c in spec.comparisons}
    for k, name in enumerate(names):
        if name is not None:
            for conditioned in spec.stratum(name).condition.comparisons():
                if conditioned in used:
                    used[conditioned] &= source != k
    log_m = np.zeros(n)
    for c in spec.comparisons:
        g = joined.levels[c.name]
        ok = (g >= 0) & used[c.name]
        log_m[ok] += np.log(m[c.name][strata[c.name][ok], g[ok]])
    totals = np.bincount(source, weights=joined.counts, minlength=len(samples))
    shares = np.full(len(samples), 0.01)
    for _ in range(max_iter):
        log_u = np.zeros(n)
        for c in spec.comparisons:
            g = joined.levels[c.name]
            ok = (g >= 0) & used[c.name]
            log_u[ok] += np.log(u[c.name][strata[c.name][ok], g[ok]])
        share = shares[source]
        logit = np.log(share) - np.log1p(-share) + log_m - log_u
        post = 1.0 / (1.0 + np.exp(-np.clip(logit, -700, 700)))
        new_shares = np.clip(np.bincount(source, weights=joined.counts * post,
                                         minlength=len(samples)) / np.maximum(totals, 1e-12),
                             1e-9, 0.999)
        new_u = rows_from(joined.counts * (1.0 - post))
        change = max(float(np.abs(new_shares - shares).max()),
                     max(float(np.abs(np.log(new_u[c]) - np.log(u[c])).max()) for c in u))
        u, shares = new_u, new_shares
        if change < tol:
            break
    return u


def posterior(weight: np.ndarray) -> np.ndarray:
    """Match probability from a total match weight in bits."""
    return 1.0 / (1.0 + np.exp2(-np.clip(weight, -60, 60)))


def estimate_prior(bayes_bits: np.ndarray, total_pairs: float, start: float,
                   max_iter: int = 50) -> float:
    """The probability that two random records match: the fixed point of
    prior = (expected matches among the candidate pairs) / (all pairs), where each
    candidate's posterior uses its Bayes factor ``bayes_bits`` (sum of weights, no prior)."""
    prior = start
    for _ in range(max_iter):
        logit = np.log2(prior / (1 - prior))
        expected = float(posterior(bayes_bits + logit).sum())
        new = min(max(expected, 1.0) / max(total_pairs, 1.0), 0.5)
        if abs(np.log(new / prior)) < 1e-4:
            return new
        prior = new
    return prior


# --------------------------------------------------------------------------------------
# Weights


def _pava(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Weighted isotonic (non-decreasing) regression: pool adjacent violators."""
    blocks: list[list[float]] = []  # [value, weight, size]
    for v, w in zip(values, weights, strict=True):
        blocks.append([float(v), float(w), 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            v2, w2, n2 = blocks.pop()
            v1, w1, n1 = blocks.pop()
            wt = w1 + w2
            blocks.append([(v1 * w1 + v2 * w2) / wt, wt, n1 + n2])
    return np.concatenate([np.full(int(n), v) for v, _, n in blocks])


def monotone(spec: ModelSpec, m: dict[str, np.ndarray], u: dict[str, np.ndarray]
             ) -> dict[str, np.ndarray]:
    """Weights log2(m/u), made non-decreasing in the level within each comparison and
    stratum: where a stronger level would weigh less than a weaker one, the levels are pooled
    by isotonic regression. Each level counts in the pooling by the precision of its
    log-ratio, m*u/(m+u) (the variance of log m/u from counts is about 1/(N m) + 1/(N u)):
    a level that is rare among matches or among non-matches is known only roughly, and a
    level the data never showed (m from the prior, u at its floor) does not pull its
    neighbours. Across strata no order is imposed: a NIK that differs only in its serial
    says something else for people born on one day than for others, and that difference is
    the point of the stratum."""
    w = {}
    for c in spec.comparisons:
        mc, uc = m[c.name], u[c.name]
        raw = np.log2(mc / uc)
        precision = mc * uc / (mc + uc)
        w[c.name] = np.vstack([_pava(raw[s], precision[s]) for s in range(c.n_strata)])
    return w


@dataclass
class Scored:
    """Per-pair levels, strata, weights (bits) and totals."""

    levels: dict[str, np.ndarray]
    weights: dict[str, np.ndarray]
    bayes: np.ndarray  # sum of weights (no prior)
    weight: np.ndarray  # bayes + log2 prior odds
    probability: np.ndarray


def tf_shifts(spec: ModelSpec, levels: dict[str, np.ndarray], tf: dict[str, np.ndarray],
              base: dict[str, float]) -> dict[str, np.ndarray]:
    """Per comparison with a term-frequency setting, the shift (bits) each pair's weight
    gets: log2(base / frequency of the pair's value) on the levels from
    ``Comparison.tf_start`` up, outside the strata of ``Comparison.tf_skip``; 0 elsewhere.
    ``base`` is :meth:`Params.tf_base_of` per comparison."""
    n = len(next(iter(levels.values()))) if levels else 0
    strata = strata_of(spec, levels, n)
    out = {}
    for c in spec.comparisons:
        if not c.tf or c.name not in tf or base.get(c.name, 0) <= 0:
            continue
        freq = np.clip(tf[c.name], PROB_FLOOR, 1.0)
        skip = np.isin(strata[c.name], [c.stratum_names.index(name) for name in c.tf_skip])
        on = (levels[c.name] >= c.tf_start) & ~skip
        out[c.name] = np.where(on, np.log2(base[c.name] / freq), 0.0)
    return out


def score_levels(params: Params, levels: dict[str, np.ndarray],
                 tf: dict[str, np.ndarray] | None = None) -> Scored:
    """Weights of pairs from their levels. ``tf`` gives, per comparison with a
    term-frequency setting, the frequency of each pair's value (the more common of its two
    values), used on the levels from ``Comparison.tf_start`` up: the weight moves by
    log2(u_exact / frequency), the same shift on every adjusted level of a pair, so their
    order holds; it never falls below the weight of the level under them."""
    n = len(next(iter(levels.values()))) if levels else 0
    strata = strata_of(params.spec, levels, n)
    bases = {c.name: params.tf_base_of(c.name) for c in params.spec.comparisons}
    shifts = {} if tf is None else tf_shifts(params.spec, levels, tf, bases)
    parts: dict[str, np.ndarray] = {}
    total = np.zeros(n)
    for c in params.spec.comparisons:
        g = levels[c.name]
        s = strata[c.name]
        rows = params.w[c.name]
        w = np.where(g >= 0, rows[s, np.clip(g, 0, None)], 0.0)
        if c.name in shifts:
            adjusted = w + shifts[c.name]
            if c.tf_start >= 1:
                adjusted = np.maximum(adjusted, rows[s, c.tf_start - 1])
            w = np.where(shifts[c.name] != 0, adjusted, w)
        parts[c.name] = w
        total += w
    prior = np.log2(params.prior / (1 - params.prior))
    weight = total + prior
    return Scored(levels=levels, weights=parts, bayes=total, weight=weight,
                  probability=posterior(weight))


__all__ = ["NULL", "Params", "Patterns", "Scored", "em", "estimate_prior", "exact_u",
           "monotone", "posterior", "score_levels", "strata_of", "tf_shifts", "u_from_levels",
           "u_tables"]
