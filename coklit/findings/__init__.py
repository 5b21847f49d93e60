"""Findings: match results and data-quality checks turned into the rows officers read.

One module per job:

- :mod:`~coklit.findings.places`: where a record is (display names of places, TPS numbers),
  and the kecamatan of field records that lack one (``fill_kecamatan``);
- :mod:`~coklit.findings.eligibility`: whether a field record is eligible, and why;
- :mod:`~coklit.findings.quality`: the ``tidak_valid`` table, assembled in one place;
- :mod:`~coklit.findings.tables`: ganda, ganda_perlu_cek, cocok, belum_terdaftar,
  lapangan_perlu_cek, hasil_lapangan and tms.
"""

from __future__ import annotations

from coklit.findings.eligibility import field_eligibility
from coklit.findings.places import fill_kecamatan, identity, place_labels, places
from coklit.findings.quality import (
    concat_invalid,
    invalid_table,
    nik_conflict_table,
    place_rows,
    unknown_status_table,
)
from coklit.findings.tables import (
    KODE_KPU,
    duplicate_table,
    link_tables,
    list_tms_table,
    registration_hints,
    review_table,
)

__all__ = ["KODE_KPU", "concat_invalid", "duplicate_table", "field_eligibility", "fill_kecamatan",
           "identity", "invalid_table", "link_tables", "list_tms_table", "nik_conflict_table",
           "place_labels", "place_rows", "places", "registration_hints", "review_table",
           "unknown_status_table"]
