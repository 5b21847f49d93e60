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
from coklit.match import build_spec, explain, find_duplicates, link_records, prepare
from coklit.match.blocking import pairs_within
from coklit.match.engine import TermFrequencies, compare
from coklit.normalize import normalize_records
from coklit.report.words import render


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


def test_every_accepted_pair_has_a_reason_naming_the_fields_with_their_weights(planted):
    _, _, dup = planted
    assert len(dup.accepted) > 0
    spec = dup.scored.spec
    explained = explain(dup.accepted, spec)
    explained["alasan"] = render(explained["alasan"], "id")
    for _, pair in explained.iterrows():
        parts = pair["alasan"].split("; ")
        said = [c for c in spec.names if pair[c] >= 0]
        assert len(parts) == len(said), pair["alasan"]
        for part, c in zip(parts, said, strict=True):
            assert part.endswith(f"({round(pair['w_' + c]):+d})") or (
                round(pair["w_" + c]) == 0 and part.endswith("(+0)")), (c, part)


def test_pairs_within_cover_every_pair_of_a_block_once():
    codes = np.array([5, 1, 5, 0, 5, 1, 2], dtype=np.uint64)
    i, j, skipped, _ = pairs_within(codes, max_size=10)
    assert sorted(zip(i.tolist(), j.tolist(), strict=True)) == [(0, 2), (0, 4), (1, 5), (2, 4)]
    assert skipped == 0


def test_pairs_within_skip_oversized_blocks():
    codes = np.array([5, 5, 5, 1, 1], dtype=np.uint64)
    i, j, skipped, records = pairs_within(codes, max_size=2)
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == [(3, 4)]
    assert (skipped, records) == (1, 3)


def test_comparisons_are_symmetric(planted):
    records, _, _ = planted
    p = prepare(records.iloc[:400].reset_index(drop=True))
    spec = build_spec("ganda", p.present)
    rng = np.random.default_rng(7)
    i, j = rng.integers(0, 400, 300), rng.integers(0, 400, 300)
    forward = compare(spec, p, p, i, j)
    backward = compare(spec, p, p, j, i)
    for name in spec.names:
        np.testing.assert_array_equal(forward[name], backward[name], err_msg=name)


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
def test_matching_never_raises_and_links_are_one_to_one(rows):
    records = _records(rows)
    dup = find_duplicates(records, MatchConfig())
    grouped = dup.group >= 0
    accepted = set(dup.accepted["i"]) | set(dup.accepted["j"])
    assert set(np.flatnonzero(grouped)) == accepted
    links = link_records(records, records, MatchConfig())
    assert links.matched["i"].is_unique and links.matched["j"].is_unique


def test_matching_maps_over_partitions_with_shared_parameters(planted):
    """The core is a pure function of a partition: with parameters estimated once, scoring a
    partition on its own gives the same pair scores as scoring the whole list."""
    records, pos, whole = planted
    params = whole.scored.params
    tf = TermFrequencies.of(params.spec, prepare(records))
    part = records[records["kecamatan_norm"] == records.loc[pos["copy_a"], "kecamatan_norm"]]
    local = find_duplicates(part.reset_index(drop=True), MatchConfig(), params=params, tf=tf)
    back = part.index.to_numpy()
    got = {(back[i], back[j]): s for i, j, s in
           zip(local.scored.pairs["i"], local.scored.pairs["j"], local.scored.pairs["skor"],
               strict=True)}
    ref = whole.scored.pairs.set_index(["i", "j"])["skor"]
    shared = [k for k in got if k in ref.index]
    assert shared, "the partition shares candidate pairs with the whole list"
    # With the whole list's parameters and term frequencies: identical scores.
    assert all(abs(got[k] - ref.loc[k]) < 1e-9 for k in shared)
    a, b = pos["copy_a"], pos["copy_b"]
    assert got[(min(a, b), max(a, b))] >= MatchConfig().threshold_dedupe
