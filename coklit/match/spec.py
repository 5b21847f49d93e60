"""The match model as data: comparisons with ordered levels, the strata that condition some
of them, term-frequency settings, blocking keys and training sessions.

A :class:`ModelSpec` says *what* is compared and how; :class:`coklit.match.model.Params`
holds the numbers estimated for it. Both serialise to plain JSON (``info_proses.json``,
``--model FILE``) and load again, so what a report shows is what was applied.

Why strata. Fellegi-Sunter multiplies per-field evidence as if fields were independent. Some
dependencies in voter data are too strong for that, and each is written here as a *stratum*:
the u (and, where it differs, m) of a comparison is estimated separately for pairs inside and
outside the stratum.

A pair falls in the first stratum of a comparison's ``given`` list whose condition holds
(else in stratum 0, "lain"):

- ``kembar``: one household and born on the same day (twins, or one person listed twice).
- ``tgl_sama_sekecamatan`` / ``tgl_sama``: the NIK encodes the birth date, so among pairs
  born on the same day a NIK that differs only in its serial is what two different people
  look like (the serial counts people born that day at one office), while among random pairs
  it would look like a rare, strong agreement. In one kecamatan the region code is mostly
  shared too. The NIK comparison is conditioned on these. Two people born on one day in one
  kecamatan also share a (common) name more often than a name's frequency says (domain:
  MUHAMMAD RIZKI and SITI AMINAH), so the name comparison is conditioned on
  ``tgl_sama_sekecamatan`` as well.
- ``serumah``: one household (family card, or the same address in one kelurahan). Relatives
  share names (father and son), birth dates (twins) and birth places, so inside a household
  agreement on those is weighed against how often relatives show it, not random pairs.
- ``sealamat``: the same address (people at one address mostly share a family card).
- ``sekelurahan``: the same kelurahan (one street name occurs in many kelurahan; an
  address or postcode is common inside one).
- ``beda_kecamatan``: living in other kecamatan. One person listed twice there has moved, so
  address and family card change together; weighing them apart keeps that one event from
  counting twice against the pair. Its u comes from the random pairs inside it (most are).

The u of a conditioned comparison is estimated per stratum from random pairs drawn inside
it (``Stratum.sample_keys``); where ``m_by_stratum`` is set its m is too (NIK: among one person
listed in two kecamatan a NIK issued again with another region code is common, among all
matches rare).

Switching interactions off (``build_spec(..., interactions=False)``) drops every stratum:
plain independence, for ablation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from coklit.match.blocking import keys_for
from coklit.match.compare import COMPARATORS, LEVELS, PLACE_LEVELS

NULL = -1


@dataclass(frozen=True)
class Condition:
    """True for a pair when any clause holds; a clause holds when every comparison it names
    is at one of the listed levels (``NULL`` = the comparison said nothing)."""

    clauses: tuple[tuple[tuple[str, tuple[int, ...]], ...], ...]

    def comparisons(self) -> set[str]:
        return {c for clause in self.clauses for c, _ in clause}

    def evaluate(self, levels: dict[str, np.ndarray], n: int) -> np.ndarray:
        out = np.zeros(n, dtype=bool)
        for clause in self.clauses:
            hold = np.ones(n, dtype=bool)
            for comparison, allowed in clause:
                hold &= np.isin(levels[comparison], allowed)
            out |= hold
        return out

    def restricted(self, available: set[str]) -> Condition | None:
        """The condition over the comparisons that exist: an atom about a missing comparison
        holds when it allows NULL (the comparison then always says nothing) and fails
        otherwise. None when no clause can hold."""
        clauses = []
        for clause in self.clauses:
            kept = []
            possible = True
            for comparison, allowed in clause:
                if not allowed:
                    possible = False  # a level the model lacks: the clause never holds
                elif comparison in available:
                    kept.append((comparison, allowed))
                elif NULL not in allowed:
                    possible = False
            if possible and kept:
                clauses.append(tuple(kept))
        return Condition(tuple(clauses)) if clauses else None

    def to_json(self, levels: dict[str, tuple[str, ...]]) -> list[dict[str, list[str]]]:
        return [{c: [("null" if lv == NULL else levels[c][lv]) for lv in allowed]
                 for c, allowed in clause} for clause in self.clauses]

    @classmethod
    def from_json(cls, data: list[dict[str, list[str]]], levels: dict[str, tuple[str, ...]]
                  ) -> Condition:
        return cls(tuple(
            tuple((c, tuple(NULL if name == "null" else levels[c].index(name) for name in names))
                  for c, names in clause.items())
            for clause in data))


def at_least(comparison: str, level: str, null: bool = False,
             levels: dict[str, tuple[str, ...]] = LEVELS) -> tuple[str, tuple[int, ...]]:
    """Atom: ``comparison`` at ``level`` or stronger (or null when ``null``)."""
    names = levels.get(comparison, LEVELS[comparison])
    if level not in names:
        # A level this model lacks (no kecamatan column): the next stronger one it has
        # (the same kelurahan implies the same kecamatan), else nothing reaches it.
        canonical = LEVELS[comparison]
        stronger = [lv for lv in canonical[canonical.index(level) + 1:] if lv in names]
        if not stronger:
            return comparison, (NULL,) if null else ()
        level = stronger[0]
    allowed = tuple(range(names.index(level), len(names)))
    return comparison, ((NULL, *allowed) if null else allowed)


def below(comparison: str, level: str, null: bool = True,
          levels: dict[str, tuple[str, ...]] = LEVELS) -> tuple[str, tuple[int, ...]]:
    """Atom: ``comparison`` weaker than ``level`` (or null when ``null``). A level this model
    lacks (no kecamatan column) allows nothing but null: which levels lie under it is unknown."""
    names = levels.get(comparison, LEVELS[comparison])
    allowed = tuple(range(names.index(level))) if level in names else ()
    return comparison, ((NULL, *allowed) if null else allowed)


@dataclass(frozen=True)
class Stratum:
    """A named set of pairs in which some comparisons get their own m/u.

    ``sample_keys``: blocking keys whose blocks hold the stratum's pairs, used to draw random
    pairs of the stratum when estimating u."""

    name: str
    condition: Condition
    sample_keys: tuple[str, ...]
    doc: str = ""


@dataclass(frozen=True)
class Comparison:
    """One comparison of the model.

    ``given``: the strata that condition it, in order (empty: independent); a pair falls in
    the first of them whose condition holds, else in stratum 0 ("lain"). ``m_by_stratum``: m
    is estimated per stratum too (otherwise only u is). ``tf``: the feature whose value
    frequencies adjust the levels from ``tf_from`` (default: the top level) up: a common
    value agreed on is weaker evidence than a rare one. On the top level both records carry
    the value; below it (a typo apart, day and month swapped) the more common of the two
    values counts, as in Splink. ``tf_skip``: strata where the adjustment does not apply:
    it assumes non-matches agree by coincidence, and inside these strata they agree for a
    reason (relatives inherit names; namesakes born on one day in one kecamatan), which the
    stratum's own u measures. ``exact_u``: the feature whose value frequencies give the top
    level's u exactly (rather than by sampling)."""

    name: str
    levels: tuple[str, ...]
    given: tuple[str, ...] = ()
    m_by_stratum: bool = False
    tf: str | None = None
    exact_u: str | None = None
    tf_from: str | None = None
    tf_skip: tuple[str, ...] = ()

    @property
    def tf_start(self) -> int:
        """Index of the lowest term-frequency adjusted level."""
        return self.levels.index(self.tf_from) if self.tf_from else len(self.levels) - 1

    @property
    def n_strata(self) -> int:
        return 1 + len(self.given)

    @property
    def stratum_names(self) -> tuple[str, ...]:
        return ("lain", *self.given)


@dataclass(frozen=True)
class Session:
    """An EM training session: random pairs among all pairs that share ``key`` (a sample
    key of ``coklit.match.engine.SAMPLE_KEYS``); the comparisons in ``fixed`` (those the key
    makes agree) are not estimated in it."""

    name: str
    key: str
    fixed: tuple[str, ...]


@dataclass(frozen=True)
class ModelSpec:
    task: str  # "ganda" (inside one list) or "tautan" (field records to a list)
    comparisons: tuple[Comparison, ...]
    strata: tuple[Stratum, ...]
    blocking: tuple[str, ...]
    sessions: tuple[Session, ...]
    interactions: bool = True
    notes: tuple[str, ...] = field(default_factory=tuple)

    def comparison(self, name: str) -> Comparison:
        return next(c for c in self.comparisons if c.name == name)

    def stratum(self, name: str) -> Stratum:
        return next(s for s in self.strata if s.name == name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.comparisons)

    def levels(self) -> dict[str, tuple[str, ...]]:
        return {c.name: c.levels for c in self.comparisons}

    def to_json(self) -> dict[str, Any]:
        return {
            "tugas": self.task,
            "perbandingan": [
                {"nama": c.name, "tingkat": list(c.levels), "bersyarat": list(c.given),
                 "m_per_strata": c.m_by_stratum, "frekuensi_nilai": c.tf,
                 "frekuensi_dari": c.tf_from, "frekuensi_tidak_di": list(c.tf_skip),
                 "u_tepat_dari": c.exact_u}
                for c in self.comparisons],
            "strata": [{"nama": s.name, "syarat": s.condition.to_json(self.levels()),
                        "kunci_sampel": list(s.sample_keys), "keterangan": s.doc}
                       for s in self.strata],
            "blocking": list(self.blocking),
            "sesi_em": [{"nama": s.name, "kunci": s.key, "tetap": list(s.fixed)}
                        for s in self.sessions],
            "interaksi": self.interactions,
            "catatan": list(self.notes),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ModelSpec:
        comparisons = tuple(
            Comparison(name=c["nama"], levels=tuple(c["tingkat"]),
                       given=tuple(c.get("bersyarat") or ()),
                       m_by_stratum=bool(c.get("m_per_strata")), tf=c.get("frekuensi_nilai"),
                       exact_u=c.get("u_tepat_dari"), tf_from=c.get("frekuensi_dari"),
                       tf_skip=tuple(c.get("frekuensi_tidak_di") or ()))
            for c in data["perbandingan"])
        levels = {c.name: c.levels for c in comparisons}
        strata = tuple(Stratum(s["nama"], Condition.from_json(s["syarat"], levels),
                               tuple(s["kunci_sampel"]), s.get("keterangan", ""))
                       for s in data["strata"])
        sessions = tuple(Session(s["nama"], s["kunci"], tuple(s["tetap"]))
                         for s in data["sesi_em"])
        return cls(task=data["tugas"], comparisons=comparisons, strata=strata,
                   blocking=tuple(data["blocking"]), sessions=sessions,
                   interactions=bool(data.get("interaksi", True)),
                   notes=tuple(data.get("catatan", ())))


# --------------------------------------------------------------------------------------
# Domain priors. m: share of true matches at each level (weakest first); they follow from
# the domain (most duplicates and field records carry the same NIK and date; typos, swaps,
# spelling variants and moves are a minority) and weigh as PRIOR_MATCHES pseudo-matches
# against what EM finds. They are all the model knows when the data is too small for EM.
DEFAULT_M: dict[str, tuple[float, ...]] = {
    "nik": (0.02, 0.005, 0.04, 0.01, 0.015, 0.91),
    "nama": (0.01, 0.02, 0.02, 0.06, 0.10, 0.79),
    "tgl": (0.03, 0.03, 0.02, 0.92),
    "jk": (0.01, 0.99),
    "tempat": (0.06, 0.04, 0.90),
    "wilayah": (0.15, 0.05, 0.15, 0.65),
    "alamat": (0.25, 0.05, 0.15, 0.05, 0.50),
    "kk": (0.30, 0.05, 0.65),
    "kodepos": (0.05, 0.95),
}
PRIOR_MATCHES = 20.0


def _strata(present: set[str], interactions: bool,
            levels: dict[str, tuple[str, ...]]) -> tuple[Stratum, ...]:
    """The strata of the model, restricted to the comparisons present."""
    if not interactions:
        return ()

    def least(comparison: str, level: str, null: bool = False) -> tuple[str, tuple[int, ...]]:
        return at_least(comparison, level, null, levels)

    household = (
        (least("kk", "sama"),),
        (least("alamat", "hampir_sama"), least("wilayah", "kelurahan_sama", null=True)),
    )
    same_day = least("tgl", "sama")
    candidates = (
        Stratum("kembar", Condition(tuple((*clause, same_day) for clause in household)),
                ("kk_tgl", "alamat_kel_tgl"),
                "one household, born on the same day: twins (or one person listed twice)"),
        Stratum("tgl_sama_sekecamatan",
                Condition(((same_day, least("wilayah", "kecamatan_sama")),)),
                ("tgl_kec",),
                "born on the same day and living in one kecamatan: their NIKs mostly share the "
                "region code (where the NIK was first issued) and differ in the serial"),
        Stratum("tgl_sama", Condition(((same_day,),)), ("tgl",),
                "pairs born on the same day (the NIK encodes the birth date)"),
        Stratum("serumah", Condition(household), ("kk", "alamat_kel", "alamat_nama"),
                "one household (family card, or the same address in one kelurahan): "
                "relatives share names (father and son), birth dates (twins), birth places"),
        Stratum("sealamat", Condition(((least("alamat", "hampir_sama"),),)),
                ("alamat_kel", "alamat_nama"),
                "the same address (people at one address mostly share a family card)"),
        Stratum("sekelurahan", Condition(((least("wilayah", "kelurahan_sama"),),)),
                ("kel",), "the same kelurahan"),
        Stratum("beda_kecamatan", Condition(((below("wilayah", "kecamatan_sama", False, levels),),)),
                (), "living in other kecamatan: one person listed twice there has moved, so "
                    "another address and family card are what a match looks like (random "
                    "pairs give its u)"),
    )
    out = []
    for stratum in candidates:
        cond = stratum.condition.restricted(present)
        if cond is not None:
            out.append(Stratum(stratum.name, cond, stratum.sample_keys, stratum.doc))
    return tuple(out)


# comparison -> (strata it is conditioned on, first match wins; m differs by stratum)
GIVEN: dict[str, tuple[tuple[str, ...], bool]] = {
    "nik": (("kembar", "tgl_sama_sekecamatan", "tgl_sama", "serumah"), True),
    "nama": (("kembar", "tgl_sama_sekecamatan", "serumah"), False),
    "tgl": (("serumah",), False),
    "tempat": (("serumah",), False),
    "kk": (("sealamat", "beda_kecamatan"), True),
    "alamat": (("sekelurahan", "beda_kecamatan"), True),
    "kodepos": (("sekelurahan",), True),
}
# comparison -> (feature whose value frequency adjusts the agreeing levels, lowest such
# level, strata where agreement is not coincidence and the adjustment does not apply)
TERM_FREQUENCY: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "nama": ("nama", "hampir_sama", ("kembar", "tgl_sama_sekecamatan", "serumah")),
    "tgl": ("tgl", "tertukar", ("serumah",)),
    "alamat": ("alamat_kel", "hampir_sama", ()),
    # Two NIKs that share birth date and serial but not the region: a mover re-registered
    # (the same serial kept) or two people each first of their day in their region
    # (serial 0001); a rare serial shared is far stronger evidence than 0001.
    "nik": ("nik_urut", "wilayah_beda", ("kembar", "serumah")),
}
# comparison -> feature whose value frequencies give the exact u of the top level
EXACT_U: dict[str, str] = {"nik": "nik", "kk": "nkk", "nama": "nama", "tgl": "tgl",
                           "alamat": "alamat_kel", "kodepos": "kodepos"}


def _place_levels(present: set[str]) -> tuple[str, ...]:
    return ("beda", *(name for feature, name in PLACE_LEVELS if feature in present))


def build_spec(task: str, present: frozenset[str], interactions: bool = True,
               blocking: tuple[str, ...] | None = None,
               without: tuple[str, ...] = ()) -> ModelSpec:
    """The model for ``task`` ('ganda' or 'tautan') given the features both sides carry;
    ``blocking`` the keys chosen for the data (default: every usable key); ``without`` the
    strata the data showed to be no use (see ``engine.fit``)."""
    feats = set(present)
    comparisons: list[str] = [name for name, (_, needs) in COMPARATORS.items()
                              if all(f in feats for f in needs)]
    if "alamat" not in comparisons and {"rt", "rw"} <= feats:
        comparisons.insert(len(comparisons), "alamat")
    places = _place_levels(feats)
    if len(places) > 1:
        comparisons.insert(comparisons.index("alamat") if "alamat" in comparisons
                           else len(comparisons), "wilayah")
    levels = {c: (places if c == "wilayah" else LEVELS[c]) for c in comparisons}
    strata = tuple(s for s in _strata(set(comparisons), interactions, levels)
                   if s.name not in without)
    names = {s.name for s in strata}
    built = []
    for name in comparisons:
        given, by_stratum = GIVEN.get(name, ((), False))
        given = tuple(g for g in given if g in names)
        tf, tf_from, tf_skip = TERM_FREQUENCY.get(name, (None, None, ()))
        built.append(Comparison(name, levels[name], given, by_stratum and bool(given),
                                tf, EXACT_U.get(name), tf_from,
                                tuple(g for g in tf_skip if g in given)))
    sessions = _sessions(set(comparisons), present)
    notes = tuple(f"strata_mati:{name}" for name in without)
    return ModelSpec(task=task, comparisons=tuple(built), strata=strata, notes=notes,
                     blocking=keys_for(task, present) if blocking is None else blocking,
                     sessions=sessions,
                     interactions=interactions)


def _sessions(present: set[str], features: frozenset[str]) -> tuple[Session, ...]:
    """Training sessions, as Splink runs them: EM on random pairs among all pairs that share
    a key (not among the candidate pairs: blocking on other fields would make the
    non-matches there agree on those fields far more than random pairs do, and EM would take
    them for matches). Among pairs chosen for agreeing on a name and a birth date, 'the same
    person' cannot be confused with 'agrees on name and date', so EM there estimates m for
    the other fields; each field is estimated in every session not chosen by it, and the
    sessions are combined by the median.

    In the NIK session the household fields are left out too: one NIK carried by two
    people is mostly a clerk copying a family member's number, so there the household is not
    independent of 'different people'.

    Keys are identity fields only. Pairs chosen for sharing a household or a place are
    mostly relatives and neighbours, who agree with each other far more than random pairs on
    everything else (a surname, a NIK region, a birth year), so EM there mistakes 'one
    family' for 'one person'."""
    candidates = (
        Session("nama_dan_tgl_sama", "nama_tgl", ("nama", "tgl")),
        Session("nik_sama", "nik", ("nik", "alamat", "kk", "wilayah")),
        Session("nama_sama", "nama", ("nama",)),
        Session("tgl_sama", "tgl", ("tgl",)),
    )
    needs = {"nama_tgl": ("nama", "tgl"), "nik": ("nik",), "nama": ("nama",), "tgl": ("tgl",)}
    out = []
    for session in candidates:
        if not all(f in features for f in needs[session.key]):
            continue
        out.append(Session(session.name, session.key,
                           tuple(c for c in session.fixed if c in present)))
    return tuple(out)
