"""Every threshold and default a run can set, in one place, as frozen dataclasses.

The CLI builds these from options; library callers pass them explicitly. Nothing here reads
the environment.

Not settings, and so not here:

* the matching model's own constants, which define the model rather than a run: comparison
  levels and their similarity cut-offs (``coklit.match.compare``), starting m-probabilities,
  prior, strata and term-frequency settings (``coklit.match.spec``; saved with the fitted
  model in ``info_proses.json``), the smoothing and floors of estimation
  (``coklit.match.model``), training-session minimums and the prior's starting point
  (``coklit.match.engine``), and the blocking keys (``coklit.match.blocking``); see
  ``docs/matching.md``;
* facts of the data: the NIK's structure (``coklit.nik``), calendar rules and placeholder
  birth dates (``coklit.birthdate``);
* safety limits of the readers (``coklit.io``, ``coklit.sheetscan``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

DEFAULT_ELECTION_DATE = dt.date(2024, 11, 27)
VOTING_AGE = 17
MAX_PLAUSIBLE_AGE = 110


@dataclass(frozen=True)
class ReadConfig:
    """How input files are read."""

    # Explicit header -> field mappings given with --kolom (field name -> header text).
    kolom: tuple[tuple[str, str], ...] = ()
    # How many rows at the top of a sheet are searched for the header row.
    header_search_rows: int = 30
    # coklit check: stop when the list and the field records look swapped (--paksa: off).
    swap_check: bool = True


@dataclass(frozen=True)
class ValidateConfig:
    election_date: dt.date = DEFAULT_ELECTION_DATE
    voting_age: int = VOTING_AGE
    max_plausible_age: int = MAX_PLAUSIBLE_AGE
    # A file whose numeric-looking NIKs end in 0 more often than this share is flagged as
    # damaged by Excel (chance is 10%).
    excel_zero_share: float = 0.5
    excel_zero_min_rows: int = 20


@dataclass(frozen=True)
class MatchConfig:
    """Blocking and scoring parameters for duplicates and field-to-list links."""

    # Match probability (0..1) at or above which a pair is a duplicate / a link.
    threshold_dedupe: float = 0.9
    threshold_link: float = 0.8
    # Below those, pairs at or above these go to the review lists (perlu cek).
    review_dedupe: float = 0.5
    review_link: float = 0.3
    # Blocks larger than this are skipped for that key (other keys still cover their pairs).
    max_block_size: int = 200
    # Candidate pairs the optional blocking keys may add up to: this many per record of the
    # list (dedupe) or per field record (linking), and at least min_pair_budget.
    pairs_per_list_record: float = 1.0
    pairs_per_field_record: float = 25.0
    min_pair_budget: int = 1_000_000
    # Random pairs drawn to estimate u-probabilities, overall and per stratum sample key.
    u_sample_pairs: int = 100_000
    u_stratum_pairs: int = 15_000
    # Pairs per EM training session (all of them when a session has fewer).
    session_pairs: int = 40_000
    # EM iterations and convergence tolerance.
    em_max_iter: int = 60
    em_tol: float = 1e-6
    # EM in a training session sees each pair's term-frequency shift as a prior log-odds
    # offset (a pair sharing a rare name is likelier one person). Off by default: measured
    # within noise at 200k-1.24M, and on small lists it tips a session over the
    # MIN_SESSION_MATCHES bar (docs/matching.md, "Tried and not adopted").
    session_rarity: bool = False
    # Strata that condition comparisons on each other (kinship, NIK given the birth date);
    # False = plain independence (for ablation).
    interactions: bool = True
    # When sampled pairs of one household are more often than this one person by the
    # identity rule (a file without households), the household strata are left out.
    stratum_same_person_max: float = 0.2
    # Groups larger than this are split again at a stricter threshold.
    max_group_size: int = 6
    seed: int = 12345


@dataclass(frozen=True)
class OutputConfig:
    lang: str = "id"
    # Full NIK/NKK, birth dates and disability in outputs (internal use only).
    full_data: bool = False
    # One sub-folder per kecamatan with its own CSV/HTML/XLSX.
    per_kecamatan: bool = False
    html: bool = True
    xlsx: bool = True


@dataclass(frozen=True)
class RunConfig:
    read: ReadConfig = field(default_factory=ReadConfig)
    validate: ValidateConfig = field(default_factory=ValidateConfig)
    match: MatchConfig = field(default_factory=MatchConfig)
    output: OutputConfig = field(default_factory=OutputConfig)
