"""The matching model itself: estimation, monotone weights, the spec as data, grouping,
one-to-one links and blocking, each on data built so that the right answer is known."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coklit.config import MatchConfig
from coklit.fields import FIELDS
from coklit.match import Params, build_spec, find_duplicates, link_records, model, prepare
from coklit.match.blocking import KEYS, candidate_pairs, key_values, keys_for
from coklit.match.cluster import group_pairs
from coklit.match.engine import assign_one_to_one
from coklit.match.features import Features
from coklit.normalize import normalize_records

# --- EM ---------------------------------------------------------------------------------


def _small_spec():
    present = frozenset({"nama", "nama_key", "tgl", "jk", "alamat", "kel"})
    return build_spec("ganda", present, interactions=False)


def test_em_recovers_known_m_from_simulated_pattern_counts():
    """Draw comparison patterns from a two-class model with known m and u; EM with u fixed
    must find m (and the share of matches) again."""
    spec = _small_spec()
    rng = np.random.default_rng(3)
    true_m, true_u = {}, {}
    for c in spec.comparisons:
        k = len(c.levels)
        m = np.linspace(0.2, 3.0, k) ** 3
        u = np.linspace(3.0, 0.2, k) ** 3
        true_m[c.name] = (m / m.sum())[None, :]
        true_u[c.name] = (u / u.sum())[None, :]
    n, share = 200_000, 0.05
    is_match = rng.random(n) < share
    levels = {}
    for c in spec.comparisons:
        k = len(c.levels)
        drawn_m = rng.choice(k, size=n, p=true_m[c.name][0])
        drawn_u = rng.choice(k, size=n, p=true_u[c.name][0])
        levels[c.name] = np.where(is_match, drawn_m, drawn_u).astype(np.int8)
    patterns = model.Patterns.of(spec, levels)
    m, found_share, _ = model.em(spec, patterns, true_u, share=0.3, max_iter=200, tol=1e-8)
    assert found_share == pytest.approx(share, abs=0.005)
    for c in spec.comparisons:
        np.testing.assert_allclose(m[c.name][0], true_m[c.name][0], atol=0.02, err_msg=c.name)


def test_em_leaves_out_the_comparisons_a_session_is_chosen_by():
    spec = _small_spec()
    levels = {c: np.zeros(1000, np.int8) for c in spec.names}
    patterns = model.Patterns.of(spec, levels)
    u = {c.name: model.default_m(c)[::-1].copy() for c in spec.comparisons}
    m, _, _ = model.em(spec, patterns, u, fixed=("nama",))
    np.testing.assert_allclose(m["nama"], model.default_m(spec.comparison("nama")))


def _session_with_rarity(seed: int = 5, n: int = 100_000):
    """Pairs of a session chosen by a shared name: the chance that a pair is one person
    rises with the name's rarity (intercept + log(base / frequency)); the other
    comparisons say little (m close to u), so the prior is what decides."""
    spec = _small_spec()
    rng = np.random.default_rng(seed)
    offset = rng.normal(-3.0, 4.0, n)  # ln(base / frequency of the shared name)
    intercept = -2.0
    is_match = rng.random(n) < 1 / (1 + np.exp(-(intercept + offset)))
    true_m, true_u, levels = {}, {}, {}
    for c in spec.comparisons:
        k = len(c.levels)
        m = np.linspace(0.8, 1.4, k) ** 2
        u = np.linspace(1.4, 0.8, k) ** 2
        true_m[c.name], true_u[c.name] = (m / m.sum())[None, :], (u / u.sum())[None, :]
        drawn_m = rng.choice(k, size=n, p=true_m[c.name][0])
        drawn_u = rng.choice(k, size=n, p=true_u[c.name][0])
        levels[c.name] = np.where(is_match, drawn_m, drawn_u).astype(np.int8)
    return spec, levels, offset, true_m, true_u, is_match.mean()


def test_em_with_rarity_offsets_recovers_m_that_plain_em_misses():
    """A session's pairs carry the term-frequency shift of the name they share as a prior
    offset: EM with the offsets finds m and the share of matches again; EM that treats
    every pair alike does not."""
    spec, levels, offset, true_m, true_u, share = _session_with_rarity()
    fixed = ("nama",)
    with_offsets = model.Patterns.of(spec, levels, offset=offset)
    m, found, _ = model.em(spec, with_offsets, true_u, fixed=fixed, share=0.3, max_iter=300,
                           tol=1e-9)
    assert found == pytest.approx(share, abs=0.01)
    errors = [np.abs(m[c.name][0] - true_m[c.name][0]).max()
              for c in spec.comparisons if c.name not in fixed]
    assert max(errors) < 0.01
    plain, _, _ = model.em(spec, model.Patterns.of(spec, levels), true_u,
                                     fixed=fixed, share=0.3, max_iter=300, tol=1e-9)
    plain_errors = [np.abs(plain[c.name][0] - true_m[c.name][0]).max()
                    for c in spec.comparisons if c.name not in fixed]
    assert max(plain_errors) > 1.5 * max(errors)


def test_patterns_keep_offsets_apart_and_counts_whole():
    spec = _small_spec()
    levels = {c: np.zeros(6, np.int8) for c in spec.names}
    offset = np.array([0.0, 0.01, 1.0, 1.02, -3.0, 1.0])
    patterns = model.Patterns.of(spec, levels, weights=np.arange(1.0, 7.0), offset=offset)
    assert patterns.offset is not None
    assert len(patterns.counts) == 3  # 0 and 0.01 are one step; 1.0 and 1.02 too
    assert patterns.counts.sum() == pytest.approx(21.0)
    by_offset = dict(zip(np.round(patterns.offset, 1), patterns.counts, strict=True))
    assert by_offset == {-3.0: 5.0, 0.0: 3.0, 1.0: 13.0}
    joined = model.Patterns.concat([patterns, model.Patterns.of(spec, levels)])
    assert joined.offset is not None and len(joined.offset) == len(joined.counts)


def test_intercept_matches_the_expected_number_of_matches():
    offset = np.array([-4.0, 0.0, 2.0, 5.0])
    counts = np.array([10.0, 5.0, 3.0, 1.0])
    a = model._intercept(offset, counts, expected=6.0, start=0.0)
    assert (counts / (1 + np.exp(-(a + offset)))).sum() == pytest.approx(6.0, abs=1e-6)


# --- monotone weights ---------------------------------------------------------------------

_probabilities = st.lists(st.floats(min_value=1e-6, max_value=1.0), min_size=2, max_size=6)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_weights_never_fall_as_agreement_rises(data):
    """Whatever m and u EM and sampling produce, the weights applied are non-decreasing
    from the weakest level to the strongest, in every stratum."""
    spec = build_spec("ganda", frozenset(
        {"nik", "nama", "nama_key", "tgl", "jk", "alamat", "kel", "kec", "nkk", "tempat"}))
    m, u = {}, {}
    for c in spec.comparisons:
        rows_m, rows_u = [], []
        for _ in range(c.n_strata):
            values = data.draw(st.lists(st.floats(min_value=1e-6, max_value=1.0),
                                        min_size=len(c.levels), max_size=len(c.levels)))
            rows_m.append(np.array(values) / sum(values))
            values = data.draw(st.lists(st.floats(min_value=1e-6, max_value=1.0),
                                        min_size=len(c.levels), max_size=len(c.levels)))
            rows_u.append(np.array(values) / sum(values))
        m[c.name], u[c.name] = np.vstack(rows_m), np.vstack(rows_u)
    w = model.monotone(spec, m, u)
    for c in spec.comparisons:
        assert (np.diff(w[c.name], axis=1) >= -1e-9).all(), c.name


def _random_records(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame([{f: r.get(f, "") for f in FIELDS} for r in rows])
    frame.insert(0, "baris", range(2, len(frame) + 2))
    frame.insert(0, "berkas", "acak.csv")
    frame.insert(0, "rid", range(len(frame)))
    return normalize_records(frame).reset_index(drop=True)


def test_fitted_weights_and_term_frequencies_are_monotone(samples):
    """On a real list: every comparison's weights rise with agreement in every stratum, and
    a term-frequency adjusted agreement (exact, or a typo apart) never weighs less than the
    next weaker level, however common the value (a placeholder date, a common name)."""
    from coklit.schema import load_dataset

    records = normalize_records(
        load_dataset([str(samples / "dpt.csv")], "dpt").records).reset_index(drop=True)
    dup = find_duplicates(records, MatchConfig())
    params = dup.scored.params
    for c in params.spec.comparisons:
        assert (np.diff(params.w[c.name], axis=1) >= -1e-9).all(), c.name
    scored = dup.scored.pairs
    strata = model.strata_of(params.spec, {c: scored[c].to_numpy() for c in params.spec.names},
                             len(scored))
    for c in params.spec.comparisons:
        if not c.tf:
            continue
        adjusted = scored[c.name].to_numpy() >= c.tf_start
        floor = params.w[c.name][strata[c.name][adjusted], c.tf_start - 1]
        assert (scored[f"w_{c.name}"].to_numpy()[adjusted] >= floor - 1e-4).all(), c.name


def test_term_frequencies_weaken_common_values_on_every_agreeing_level(samples):
    """A common name weighs less than a rare one both when the two records agree exactly and
    when they are a typo apart (the more common of the two spellings counts), and for one
    pair of values, a closer level never weighs less."""
    from coklit.schema import load_dataset

    records = normalize_records(
        load_dataset([str(samples / "dpt.csv")], "dpt").records).reset_index(drop=True)
    params = find_duplicates(records, MatchConfig()).scored.params
    c = params.spec.comparison("nama")
    levels = {name: np.full(4, -1, dtype=np.int8) for name in params.spec.names}
    top = len(c.levels) - 1
    levels["nama"] = np.array([top, top - 1, top, top - 1], dtype=np.int8)
    common, rare = 0.01, 1e-6
    freq = {"nama": np.array([common, common, rare, rare])}
    w = model.score_levels(params, levels, freq).weights["nama"]
    assert c.tf_start == top - 1
    assert w[0] < w[2] and w[1] < w[3]  # common weaker than rare, on both levels
    assert w[0] >= w[1] and w[2] >= w[3]  # exact never below a typo apart
    below = params.w["nama"][0, c.tf_start - 1]
    assert min(w) >= below  # never below the level under the adjusted ones


def test_a_rare_nik_serial_shared_weighs_more_than_0001(samples):
    """Two NIKs with the same birth date and serial but another region: a re-registered
    mover, or two people each first of their day in their region. The serial's value
    frequency (measured against the chance two random records share a serial) decides how
    much the agreement says, never below the level under it."""
    from coklit.schema import load_dataset

    records = normalize_records(
        load_dataset([str(samples / "dpt.csv")], "dpt").records).reset_index(drop=True)
    params = find_duplicates(records, MatchConfig()).scored.params
    c = params.spec.comparison("nik")
    assert c.tf == "nik_urut" and c.levels[c.tf_start] == "wilayah_beda"
    assert 0 < params.tf_base["nik"] < 1
    assert params.to_json()["frekuensi_dasar"]["nik"] == pytest.approx(params.tf_base["nik"],
                                                                       rel=1e-5)
    levels = {name: np.full(2, -1, dtype=np.int8) for name in params.spec.names}
    levels["nik"] = np.full(2, c.tf_start, dtype=np.int8)
    freq = {"nik": np.array([0.8, 1e-4])}  # 0001, and a serial few share
    w = model.score_levels(params, levels, freq).weights["nik"]
    assert w[1] > w[0] >= params.w["nik"][0, c.tf_start - 1]


# --- the spec as data ---------------------------------------------------------------------


def test_model_round_trips_through_json_and_scores_the_same(samples):
    from coklit.schema import load_dataset

    records = normalize_records(
        load_dataset([str(samples / "dpt.csv")], "dpt").records).reset_index(drop=True)
    first = find_duplicates(records, MatchConfig())
    saved = json.loads(json.dumps(first.scored.params.to_json()))
    params = Params.from_json(saved)
    assert params.spec == first.scored.params.spec
    again = find_duplicates(records, MatchConfig(), params=params)
    # Weights are stored rounded to 0.01 bit: scores agree to that precision.
    np.testing.assert_allclose(again.scored.pairs["bobot"], first.scored.pairs["bobot"],
                               atol=0.2)
    assert set(map(tuple, again.accepted[["i", "j"]].to_numpy())) == set(
        map(tuple, first.accepted[["i", "j"]].to_numpy()))


def test_weights_reported_are_the_weights_applied(samples):
    from coklit.match import explain
    from coklit.schema import load_dataset

    records = normalize_records(
        load_dataset([str(samples / "dpt.csv")], "dpt").records).reset_index(drop=True)
    dup = find_duplicates(records, MatchConfig())
    params = dup.scored.params
    reported = params.to_json()["bobot"]
    pairs = dup.scored.pairs
    strata = model.strata_of(params.spec, {c: pairs[c].to_numpy() for c in params.spec.names},
                             len(pairs))
    for c in params.spec.comparisons:
        levels = pairs[c.name].to_numpy()
        plain = (levels >= 0) & ((levels < c.tf_start) | (c.tf is None))
        for row in np.flatnonzero(plain)[:200]:
            table = reported[c.name] if not c.given else reported[c.name][
                c.stratum_names[strata[c.name][row]]]
            assert pairs[f"w_{c.name}"].iloc[row] == pytest.approx(
                table[c.levels[levels[row]]], abs=0.006)
    assert "alasan" in explain(dup.accepted, params.spec)


def test_columns_decide_the_comparisons_and_keys():
    minimal = build_spec("ganda", frozenset({"nama", "nama_key", "tgl", "alamat", "kel"}))
    assert set(minimal.names) == {"nama", "tgl", "wilayah", "alamat"}
    assert not any(k.startswith("nik") or k == "kk" for k in minimal.blocking)
    names_only = build_spec("ganda", frozenset({"nama", "nama_key"}))
    assert names_only.names == ("nama",)


def test_movers_stratum_exists_only_where_kecamatan_is_known():
    """Address and family card are weighed apart for pairs in other kecamatan (a person
    listed twice there has moved); without a kecamatan column the stratum cannot hold."""
    full = build_spec("ganda", frozenset({"nama", "nama_key", "tgl", "alamat", "kel", "kec",
                                          "nkk"}))
    assert "beda_kecamatan" in full.comparison("alamat").given
    assert "beda_kecamatan" in full.comparison("kk").given
    no_kec = build_spec("ganda", frozenset({"nama", "nama_key", "tgl", "alamat", "kel"}))
    assert "beda_kecamatan" not in {s.name for s in no_kec.strata}


def test_a_stratum_without_sample_keys_takes_u_from_the_random_pairs_inside_it():
    spec = build_spec("ganda", frozenset({"nama", "nama_key", "tgl", "alamat", "kel", "kec"}))
    alamat = spec.comparison("alamat")
    k = alamat.given.index("beda_kecamatan") + 1
    wil = spec.comparison("wilayah").levels
    rng = np.random.default_rng(0)
    n = 20000
    levels = {c: np.full(n, -1, np.int8) for c in spec.names}
    levels["wilayah"] = np.where(rng.random(n) < 0.9, wil.index("beda"),
                                 wil.index("kecamatan_sama")).astype(np.int8)
    outside = levels["wilayah"] != wil.index("beda")
    # addresses agree in 20% of same-kecamatan random pairs, 0.5% across kecamatan
    agree = rng.random(n) < np.where(outside, 0.2, 0.005)
    levels["alamat"] = np.where(agree, alamat.levels.index("sama"),
                                alamat.levels.index("beda")).astype(np.int8)
    u = model.u_tables(spec, [(None, model.Patterns.of(spec, levels))], {})
    assert u["alamat"][0][alamat.levels.index("sama")] == pytest.approx(0.2, abs=0.02)
    assert u["alamat"][k][alamat.levels.index("sama")] < 0.03


# --- grouping and linking -----------------------------------------------------------------


def test_a_chain_of_pairs_is_split_at_its_weakest_links():
    # Ten records chained 0-1-2-...-9; the links 2-3 and 6-7 are weak.
    i = np.arange(9)
    j = i + 1
    weight = np.full(9, 30.0)
    weight[[2, 6]] = 5.0
    group = group_pairs(10, i, j, weight, max_group_size=4)
    sizes = pd.Series(group[group >= 0]).value_counts()
    assert sizes.max() <= 4
    assert group[2] != group[3] and group[6] != group[7]
    assert group[0] == group[1] == group[2] and group[7] == group[8] == group[9]


def test_a_small_group_is_kept_whole():
    group = group_pairs(5, np.array([0, 1, 3]), np.array([1, 2, 4]), np.ones(3), 6)
    assert group[0] == group[1] == group[2] != group[3] == group[4]
    assert (group >= 0).all()


def test_one_to_one_links_give_a_contested_list_row_to_the_strongest_claim():
    # Field 0 and field 1 both want list row 7; field 0's claim is stronger, so field 1
    # falls back to its second choice (list row 8). Field 2 wants row 8 weaker than field 1.
    eligible = pd.DataFrame({
        "i": [0, 1, 1, 2, 0],
        "j": [7, 7, 8, 8, 9],
        "bobot": [30.0, 25.0, 20.0, 10.0, 5.0],
    }).sort_values("bobot", ascending=False)
    links = assign_one_to_one(eligible)
    assert dict(zip(links["i"], links["j"], strict=True)) == {0: 7, 1: 8}
    assert links["i"].is_unique and links["j"].is_unique


# --- blocking ------------------------------------------------------------------------------


def _features(records: pd.DataFrame) -> Features:
    return prepare(records)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.fixed_dictionaries({
    "nama": st.sampled_from(["SITI AMINAH", "SITI AMINA", "BUDI", "AHMAD FAUZI", "RINA"]),
    "tanggal_lahir": st.sampled_from(["01-07-1990", "07-01-1990", "12-03-1985", ""]),
    "kelurahan": st.sampled_from(["26 ILIR", "SEI BUAH", ""]),
    "nik": st.sampled_from(["1671014107900001", "1671014107900002", "1671031203850001", ""]),
    "alamat": st.sampled_from(["JL. MAWAR NO. 1", "JL MAWAR NO 1", "LR. MELATI", ""]),
}), min_size=2, max_size=14))
def test_candidate_pairs_equal_a_brute_force_self_join(rows):
    """Blocking produces exactly the pairs that share a value of some key (no block is big
    enough to be skipped here)."""
    f = _features(_random_records(rows))
    keys = tuple(k for k in KEYS if all(feature in f.present for feature in KEYS[k].needs))
    pairs, _ = candidate_pairs(f, None, keys, max_block_size=1000)
    got = set(zip(pairs["i"], pairs["j"], strict=True))
    values = {k: key_values(f, k) for k in keys}
    expected = {(a, b) for a, b in itertools.combinations(range(len(f)), 2)
                if any(v[a] != 0 and v[a] == v[b] for v in values.values())}
    assert got == expected


def test_address_and_birth_date_pair_a_person_whose_kelurahan_and_name_were_both_retyped():
    """A list with only name, date, address and kelurahan: one person written twice with
    another kelurahan (split or renamed) and the name misspelt in its first and last token
    shares no name, name+date or kelurahan key with the other row; the address + birth date
    key still makes the pair a candidate (it was missed before the key existed)."""
    rows = [
        {"nama": "LENI NOVITASARI", "tanggal_lahir": "01-07-1992",
         "alamat": "JL. PDAM TIRTA LR. HIKMAH", "kelurahan": "SIALANG"},
        {"nama": "LEIN OVITASARI", "tanggal_lahir": "01-07-1992",
         "alamat": "JL. PDAM TIRTA LR. HIKMAH", "kelurahan": "SAKO"},
        {"nama": "BUDI SANTOSO", "tanggal_lahir": "01-07-1992",
         "alamat": "JL. PDAM TIRTA LR. HIKMAH", "kelurahan": "SAKO"},
        {"nama": "RINA MARLINA", "tanggal_lahir": "03-02-1980",
         "alamat": "JL. PDAM TIRTA LR. HIKMAH", "kelurahan": "SIALANG"},
    ]
    f = _features(_random_records(rows))
    keys = keys_for("ganda", f.present)
    assert "alamat_tgl" in keys
    pairs, _ = candidate_pairs(f, None, keys, max_block_size=1000)
    found = pairs[(pairs["i"] == 0) & (pairs["j"] == 1)]
    assert len(found) == 1 and found["kunci"].iloc[0] == "alamat_tgl"
    # the keys before it (those a city-sized list always affords) miss the pair
    before = keys[:keys.index("alamat_tgl")]
    without, _ = candidate_pairs(f, None, before, max_block_size=1000)
    assert not ((without["i"] == 0) & (without["j"] == 1)).any()


# --- two tiers ----------------------------------------------------------------------------


def test_review_lists_hold_what_name_and_date_alone_would_call_one_person(samples):
    """A pair that agrees on a rare name and the birth date but on nothing else the list
    knows (another NIK, family card, address, kecamatan) is not a duplicate, but it is put up
    for review, with the probability its name and date alone would give."""
    from coklit.schema import load_dataset

    base = load_dataset([str(samples / "dpt.csv")], "dpt").records
    extra = pd.DataFrame([
        {f: "" for f in FIELDS} | {
            "nama": "ZULFIKAR ANDROMEDA SIREGAR", "tanggal_lahir": "17-09-1984",
            "jenis_kelamin": "L", "nik": "1671011709840003", "nkk": "1671010202100004",
            "alamat": "JL. MERDEKA NO. 5", "kelurahan": "26 ILIR", "kecamatan": "ILIR BARAT I"},
        {f: "" for f in FIELDS} | {
            "nama": "ZULFIKAR ANDROMEDA SIREGAR", "tanggal_lahir": "17-09-1984",
            "jenis_kelamin": "L", "nik": "1671121709840007", "nkk": "1671120303150002",
            "alamat": "KOMP. OPI BLOK C NO. 9", "kelurahan": "TALANG AMAN",
            "kecamatan": "KEMUNING"},
    ])
    extra["berkas"], extra["baris"] = "tanam.csv", [2, 3]
    records = pd.concat([base, extra], ignore_index=True)
    records["rid"] = range(len(records))
    records = normalize_records(records).reset_index(drop=True)
    a, b = len(base), len(base) + 1
    # A 3,000-row list makes a name seen twice 1 in 1,500, so name and date alone give
    # about 0.64 here; a city list gives far more. The threshold is set to show the rule.
    cfg = MatchConfig(threshold_dedupe=0.6)
    dup = find_duplicates(records, cfg)
    accepted = set(zip(dup.accepted["i"], dup.accepted["j"], strict=True))
    assert (a, b) not in accepted
    review = dup.review[(dup.review["i"] == a) & (dup.review["j"] == b)]
    assert len(review) == 1
    row = review.iloc[0]
    assert row["skor"] < cfg.threshold_dedupe <= row["skor_nama_tgl"]


def test_expected_errors_follow_the_probabilities(samples):
    from planted import planted_list

    records, _ = planted_list(samples)
    dup = find_duplicates(records, MatchConfig())
    scored = dup.scored.pairs
    accepted = scored["skor"] >= MatchConfig().threshold_dedupe
    assert dup.expected_false.sum() == pytest.approx((1 - scored["skor"][accepted]).sum())
    assert dup.expected_missed.sum() == pytest.approx(scored["skor"][~accepted].sum())
    links = link_records(records.iloc[:50].reset_index(drop=True), records, MatchConfig())
    assert len(links.expected_false) == 50
    assert (links.expected_missed[links.matched["i"].to_numpy()] == 0).all()


# --- reusing a model ----------------------------------------------------------------------


def test_model_file_is_reused_on_another_run(tmp_path, samples):
    import pandas as pd
    from typer.testing import CliRunner

    from coklit.cli import app

    runner = CliRunner()
    first, second = tmp_path / "pertama", tmp_path / "kedua"
    dpt, lap = str(samples / "dpt.csv"), str(samples / "lapangan.csv")
    assert runner.invoke(app, ["check", dpt, lap, "--out", str(first)]).exit_code == 0
    result = runner.invoke(app, ["check", dpt, lap, "--out", str(second), "--model", str(first)])
    assert result.exit_code == 0, result.output
    info = json.loads((second / "info_proses.json").read_text(encoding="utf-8"))
    saved = json.loads((first / "info_proses.json").read_text(encoding="utf-8"))
    for key in ("model_ganda", "model_cocok"):
        assert info["parameters"][key]["dipakai_ulang"] is True
        assert info["parameters"][key]["bobot"] == saved["parameters"][key]["bobot"]
    for table in ("ganda.csv", "cocok.csv"):
        a = pd.read_csv(first / table, dtype=str, keep_default_na=False)
        b = pd.read_csv(second / table, dtype=str, keep_default_na=False)
        assert a[["berkas", "baris"] if table == "ganda.csv" else
                 ["baris_lapangan", "baris_dpt"]].equals(
            b[["berkas", "baris"] if table == "ganda.csv" else ["baris_lapangan", "baris_dpt"]])


@pytest.mark.parametrize("content, message", [
    (None, "tidak ditemukan"),
    ("{ not json", "rusak"),
    ('{"parameters": {}}', "tidak berisi model"),
])
def test_a_bad_model_file_is_one_message_and_exit_2(tmp_path, samples, content, message):
    from typer.testing import CliRunner

    from coklit.cli import app

    path = tmp_path / "info_proses.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(app, ["dedupe", str(samples / "dpt.csv"), "--out",
                                      str(tmp_path / "hasil"), "--model", str(path)])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_session_offsets_are_the_shifts_scoring_applies(samples):
    """With ``session_rarity`` on, a training-session pair's prior offset is the
    term-frequency shift scoring gives it (in nats): a shared rare name raises it, a shared
    common name lowers it, and a level below the adjusted ones adds nothing."""
    from coklit.match.engine import session_offsets
    from coklit.schema import load_dataset

    records = normalize_records(
        load_dataset([str(samples / "dpt.csv")], "dpt").records).reset_index(drop=True)
    dup = find_duplicates(records, MatchConfig(session_rarity=True))
    params = dup.scored.params
    c = params.spec.comparison("nama")
    levels = {name: np.full(3, -1, dtype=np.int8) for name in params.spec.names}
    levels["nama_jw"] = np.ones(3)
    levels["nama"] = np.array([len(c.levels) - 1, len(c.levels) - 1, 0], dtype=np.int8)
    base = params.tf_base_of("nama")
    freq = {"nama": np.array([base / 8, base * 4, base / 8])}
    offset = session_offsets(params.spec, levels, freq, {"nama": base})
    np.testing.assert_allclose(offset, [np.log(8), -np.log(4), 0.0])
