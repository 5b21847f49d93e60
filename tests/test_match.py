"""Matching on planted cases mixed into realistic synthetic data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from planted import DUPLICATES, NOT_DUPLICATES, planted_list

from coklit.config import MatchConfig
from coklit.fields import FIELDS
from coklit.match import find_duplicates, link_records
from coklit.match.blocking import _dedupe_pairs
from coklit.match.compare import compare_pairs
from coklit.match.prepare import prepare
from coklit.normalize import normalize_records


@pytest.fixture(scope="module")
def planted(samples):
    records, pos = planted_list(samples)
    return records, pos, find_duplicates(records, MatchConfig())


@pytest.mark.parametrize(("a", "b", "why"), DUPLICATES)
def test_planted_duplicates_are_grouped(planted, a, b, why):
    _, pos, dup = planted
    assert dup.group[pos[a]] >= 0 and dup.group[pos[a]] == dup.group[pos[b]], why


@pytest.mark.parametrize(("a", "b", "why"), NOT_DUPLICATES)
def test_hard_negatives_are_not_grouped(planted, a, b, why):
    _, pos, dup = planted
    ga, gb = dup.group[pos[a]], dup.group[pos[b]]
    assert ga < 0 or ga != gb, why


def test_shared_nik_is_a_conflict_not_a_duplicate(planted):
    _, pos, dup = planted
    pairs = set(zip(dup.conflicts["i"], dup.conflicts["j"], strict=True))
    a, b = sorted((pos["shared_a"], pos["shared_b"]))
    assert (a, b) in pairs


def test_every_accepted_pair_has_a_reason_naming_the_fields(planted):
    _, _, dup = planted
    assert len(dup.accepted) > 0
    assert dup.accepted["alasan"].str.contains("nama").all()
    assert dup.accepted["skor"].between(0, 1).all()


def test_dedupe_pairs_cover_every_pair_of_a_block_once():
    codes = np.array([0, 1, 0, -1, 0, 1, 2])
    i, j, skipped, _ = _dedupe_pairs(codes, max_size=10)
    assert sorted(zip(i.tolist(), j.tolist(), strict=True)) == [(0, 2), (0, 4), (1, 5), (2, 4)]
    assert skipped == 0


def test_dedupe_pairs_skip_oversized_blocks():
    codes = np.array([0, 0, 0, 1, 1])
    i, j, skipped, records = _dedupe_pairs(codes, max_size=2)
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == [(3, 4)]
    assert (skipped, records) == (1, 3)


def test_comparisons_are_symmetric(planted):
    records, _, _ = planted
    p = prepare(records.iloc[:400].reset_index(drop=True))
    rng = np.random.default_rng(7)
    i, j = rng.integers(0, 400, 300), rng.integers(0, 400, 300)
    forward = compare_pairs(p, p, i, j)
    backward = compare_pairs(p, p, j, i)
    columns = ["nik", "nama", "tgl", "jk", "tempat", "domisili"]
    pd.testing.assert_frame_equal(forward[columns], backward[columns])


def test_link_without_nik_or_date_and_with_typos(planted):
    records, pos, _ = planted
    field = records.iloc[[pos["typo_a"], pos["move_a"], pos["dm_a"]]].copy()
    field["nik_norm"] = ""  # no NIK in the field
    field["nik_status"] = "kosong"
    field.loc[field.index[1], "tgl_lahir"] = pd.NaT  # no date either
    field.loc[field.index[2], "nama_norm"] = "FITRIANI KURNIASI"  # a typo
    links = link_records(field.reset_index(drop=True), records, MatchConfig())
    got = dict(zip(links.matched["i"], links.matched["j"], strict=True))
    assert got[0] in (pos["typo_a"], pos["typo_b"])
    assert got[1] in (pos["move_a"], pos["move_b"])
    assert got[2] in (pos["dm_a"], pos["dm_b"])


# --- properties ---------------------------------------------------------------------------

_text = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ .,'-0123456789*/", max_size=24)


def _records(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame([{f: r.get(f, "") for f in FIELDS} for r in rows])
    frame.insert(0, "baris", range(2, len(frame) + 2))
    frame.insert(0, "berkas", "acak.csv")
    frame.insert(0, "rid", range(len(frame)))
    return normalize_records(frame).reset_index(drop=True)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.fixed_dictionaries({
    "nama": _text, "nik": _text, "nkk": _text, "tanggal_lahir": _text, "jenis_kelamin": _text,
    "kelurahan": _text, "kecamatan": _text, "alamat": _text, "tempat_lahir": _text,
}), min_size=2, max_size=12))
def test_matching_never_raises_and_scores_are_probabilities(rows):
    records = _records(rows)
    dup = find_duplicates(records, MatchConfig())
    scores = dup.scored.pairs["skor"]
    assert scores.between(0, 1).all()
    assert len(dup.group) == len(records)
    links = link_records(records, records, MatchConfig())
    assert links.matched["i"].is_unique and links.matched["j"].is_unique


def test_matching_maps_over_partitions_with_shared_parameters(planted):
    """The core is a pure function of a partition: with parameters estimated once, scoring a
    partition on its own gives the same pair scores as scoring the whole list."""
    records, pos, whole = planted
    params = whole.scored.params
    part = records[records["kecamatan_norm"] == records.loc[pos["copy_a"], "kecamatan_norm"]]
    local = find_duplicates(part.reset_index(drop=True), MatchConfig(), params=params)
    back = part.index.to_numpy()
    got = {(back[i], back[j]): s for i, j, s in
           zip(local.scored.pairs["i"], local.scored.pairs["j"], local.scored.pairs["skor"],
               strict=True)}
    ref = whole.scored.pairs.set_index(["i", "j"])["skor"]
    shared = [k for k in got if k in ref.index]
    assert shared, "the partition shares candidate pairs with the whole list"
    # Parameters include the term-frequency tables of the whole list: identical scores.
    assert all(abs(got[k] - ref.loc[k]) < 1e-9 for k in shared)
    a, b = pos["copy_a"], pos["copy_b"]
    assert got[(min(a, b), max(a, b))] >= MatchConfig().threshold_dedupe
