"""Build dpt.csv, lapangan.csv and the answer key ``kunci/``; see :mod:`coklit.synth`."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from coklit.birthdate import age_on
from coklit.config import VOTING_AGE
from coklit.errors import OptionError
from coklit.nik import date_value as nik_date_value
from coklit.synth import kinds as K
from coklit.synth import names as N
from coklit.synth.field import field_households, field_records
from coklit.synth.messy import excel_nik, name_variant, nik_typo, reorder_name, sibling_names, typo
from coklit.synth.population import (
    CUTOFF,
    ELECTION,
    HH_SIZE_P,
    ORIGIN_P,
    ROLE_CHILD,
    ROLE_ELDER,
    ROLE_HEAD,
    ROLE_SPOUSE,
    addresses,
    choose,
    date_str,
    draw_age,
    expected_count,
    fresh_nkk,
    kelurahan_table,
    make_names,
    num,
    other_regions,
    pad3,
    pick,
    serials,
    sort_positions,
    to_days,
    with_rt,
    ymd,
)
from coklit.synth.profile import COLUMN_SETS, PROFILES, Profile
from coklit.synth.writer import write_all

MAX_VOTERS = 7_000_000
WILAYAH = ("palembang", "sumsel")
SUMSEL_FROM = 2_000_000  # --wilayah unset: Palembang up to this many voters, the province above


def resolve_wilayah(wilayah: str | None, voters: int) -> str:
    """``palembang`` or ``sumsel`` (case and spaces ignored); ``None``: by the list's size."""
    if wilayah is None:
        return "sumsel" if voters > SUMSEL_FROM else "palembang"
    key = wilayah.strip().lower() if isinstance(wilayah, str) else None
    if key not in WILAYAH:
        raise OptionError("synth.bad_wilayah", value=wilayah, known=", ".join(WILAYAH))
    return key


def _check(voters: int, seed: int, field_fraction: float) -> None:
    if isinstance(voters, bool) or not isinstance(voters, (int, np.integer)) or voters < 100:
        raise OptionError("synth.bad_voters", value=voters)
    if voters > MAX_VOTERS:
        raise OptionError("synth.bad_voters", value=voters)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise OptionError("synth.bad_seed", value=seed)
    if not isinstance(field_fraction, (int, float)) or not 0.0 <= float(field_fraction) <= 1.0:
        raise OptionError("synth.bad_fraction", value=field_fraction)


def resolve_profile(profile: str | Profile) -> Profile:
    """A preset by name (``standar``, ``uji``; case and spaces ignored) or a Profile as is."""
    if isinstance(profile, Profile):
        return profile
    key = profile.strip().lower() if isinstance(profile, str) else None
    if key not in PROFILES:
        raise OptionError("synth.bad_profile", value=profile, known=", ".join(PROFILES))
    return PROFILES[key]


def resolve_columns(columns: str) -> str:
    key = columns.strip().lower() if isinstance(columns, str) else None
    if key not in COLUMN_SETS:
        raise OptionError("synth.bad_columns", value=columns, known=", ".join(COLUMN_SETS))
    return key


COMMON_M = ("MUHAMMAD RIZKI", "AHMAD FAUZI", "MUHAMMAD ILHAM", "RIZKI PRATAMA")
COMMON_F = ("SITI AMINAH", "SITI FATIMAH", "NUR HAYATI", "SITI AISYAH")


def _population(rng: np.random.Generator, n: int, voters: int, prof: Profile,
                wilayah: str = "palembang") -> dict:
    """Base people (no duplicates yet), with hard negatives and under-age rows injected."""
    neg_rate = prof.rates("neg_rates")
    kel = kelurahan_table(rng, voters, wilayah)
    n_kel = len(kel.name)
    est = int(n / 2.9 * 1.15) + 10
    sizes = rng.choice(6, size=est, p=HH_SIZE_P) + 1
    cs = np.cumsum(sizes)
    H = int(np.searchsorted(cs, n) + 1)
    sizes = sizes[:H].copy()
    sizes[-1] = n - (cs[H - 2] if H > 1 else 0)
    hkel = rng.choice(n_kel, size=H, p=kel.weight)
    order = np.lexsort((rng.random(H), hkel))
    sizes, hkel = sizes[order], hkel[order]
    kel_count = np.bincount(hkel, weights=sizes, minlength=n_kel)
    target = np.clip(np.round(kel_count / 21 * rng.uniform(0.85, 1.15, n_kel)), 30, 575)
    target = target.astype(np.int64)
    hstart = np.cumsum(sizes) - sizes
    first_hh = np.searchsorted(hkel, np.arange(n_kel))
    pos_in_kel = hstart - hstart[first_hh[hkel]]
    htps = pos_in_kel // target[hkel] + 1
    kel_ntps = np.zeros(n_kel, np.int64)
    np.maximum.at(kel_ntps, hkel, htps)

    hh = np.repeat(np.arange(H), sizes)
    member = np.arange(n) - hstart[hh]
    size_p = sizes[hh]
    has_spouse_h = (sizes >= 2) & (rng.random(H) < 0.85)
    role = np.full(n, ROLE_CHILD)
    role[member == 0] = ROLE_HEAD
    role[(member == 1) & has_spouse_h[hh]] = ROLE_SPOUSE
    role[(member == 5) & (rng.random(n) < 0.6)] = ROLE_ELDER
    has_child_h = (sizes >= 3) | ((sizes == 2) & ~has_spouse_h)
    head_age_h = np.where(
        has_child_h, draw_age(rng, H, 38, 80),
        np.where(sizes == 1, draw_age(rng, H, 17, 95), draw_age(rng, H, 20, 92)))
    ha = head_age_h[hh]
    age = ha.copy()
    sp, ch, el = role == ROLE_SPOUSE, role == ROLE_CHILD, role == ROLE_ELDER
    age[sp] = np.clip(ha[sp] + np.round(rng.normal(-4, 4, sp.sum())), 18, 95)
    hi = np.minimum(ha[ch] - 19, 50)
    age[ch] = 17 + (rng.random(ch.sum()) * (hi - 16)).astype(np.int64)
    age[el] = np.minimum(ha[el] + rng.integers(20, 31, el.sum()), 95)
    hfem = np.where(sizes == 1, rng.random(H) < np.where(head_age_h >= 60, 0.65, 0.45),
                    np.where(has_spouse_h, rng.random(H) < 0.04, rng.random(H) < 0.55))
    female = np.zeros(n, bool)
    female[role == ROLE_HEAD] = hfem
    female[sp] = ~hfem[hh[sp]]
    female[ch] = rng.random(ch.sum()) < 0.5
    female[el] = rng.random(el.sum()) < 0.7
    used = np.zeros(n, bool)
    neg: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    # twins: two children of one household, same sex and birth date
    cand = np.flatnonzero((sizes >= 4) & (role[np.minimum(hstart + 3, n - 1)] == ROLE_CHILD)
                          & (role[np.minimum(hstart + 2, n - 1)] == ROLE_CHILD))
    th = choose(rng, cand, expected_count(neg_rate.get("kembar", 0.0), voters))
    t1, t2 = hstart[th] + 2, hstart[th] + 3
    female[t2] = female[t1]
    age[t2] = age[t1]
    used[t1] = used[t2] = True
    neg["kembar"] = (t1, t2)

    # marital status
    u = rng.random(n)
    pb = np.select([age < 22, age < 30], [0.97, 0.6], 0.25)
    ps = np.select([age < 22, age < 30], [0.03, 0.38], 0.65)
    single = (role == ROLE_HEAD) & (size_p == 1)
    pb = np.where(single, np.select([age < 25, age < 40, age < 60], [0.9, 0.55, 0.15], 0.05), pb)
    ps = np.where(single, np.select([age < 25, age < 40, age < 60], [0.05, 0.3, 0.45], 0.25), ps)
    couple = ((role == ROLE_HEAD) & has_spouse_h[hh]) | sp
    lone_parent = (role == ROLE_HEAD) & ~has_spouse_h[hh] & (size_p >= 2)
    pb = np.where(couple | lone_parent | el, 0.0, pb)
    ps = np.where(couple, 1.0, np.where(lone_parent, 0.3, np.where(el, 0.2, ps)))
    kawin = np.where(u < pb, "B", np.where(u < pb + ps, "S", "P")).astype(object)
    kawin[t2] = kawin[t1]

    # names
    sex = np.where(female, "P", "L").astype(object)
    horigin = rng.choice(4, size=H, p=ORIGIN_P)
    origin = horigin[hh]
    family = rng.integers(0, 1_000_000, H)[hh]
    family[sp] = rng.integers(0, 1_000_000, sp.sum())
    base, first, last = make_names(rng, sex, age, origin, family)
    head = hstart[hh]
    malay = origin <= 1
    share = ch & malay & (rng.random(n) < 0.15) & (last[head] != first)
    base[share] = first[share] + " " + last[head[share]]
    father_tok = np.where(pd.Series(first[head]).str.endswith(".").to_numpy(bool), last[head],
                          first[head])
    bin_ = ch & (origin == 0) & (rng.random(n) < 0.04) & ~female[head]
    base[bin_] = base[bin_] + np.where(female[bin_], " BINTI ", " BIN ") + father_tok[bin_]
    same = (base[t1] == base[t2])
    if same.any():
        base[t2[same]] = first[t2[same]] + " " + pick(N.words(N.MELAYU_M2), np.arange(same.sum()) % 40)

    # titles and nobility
    noble_h = (horigin == 0) & (rng.random(H) < 0.05)
    prefix_m = pick(N.BANGSAWAN_M, rng.integers(0, len(N.BANGSAWAN_M), H))[hh]
    prefix_f = pick(N.BANGSAWAN_F, rng.integers(0, len(N.BANGSAWAN_F), H))[hh]
    noble = noble_h[hh] & ~sp
    haji = (age >= 40) & (rng.random(n) < 0.07)
    front = (age >= 45) & (rng.random(n) < 0.015)
    suffix = (age >= 23) & (age <= 65) & (rng.random(n) < 0.03)
    front_t = np.where(female, pick(N.GELAR_DEPAN_F, rng.integers(0, 3, n)),
                       pick(N.GELAR_DEPAN, rng.integers(0, 3, n)))
    suffix_t = pick(N.GELAR_BELAKANG, rng.integers(0, len(N.GELAR_BELAKANG), n))

    # father and son with one name
    cand = np.flatnonzero(ch & ~female & ~female[head] & ~used & ~used[head])
    cand = cand[np.unique(hh[cand], return_index=True)[1]]
    sons = choose(rng, cand, expected_count(neg_rate.get("ayah_anak", 0.0), voters))
    fathers = head[sons]
    base[sons] = base[fathers]
    used[sons] = used[fathers] = True
    neg["ayah_anak"] = (fathers, sons)

    # mother and daughter with one name in one KK
    mothers, daughters = K.pick_mother_daughter(
        rng, expected_count(neg_rate.get("ibu_anak", 0.0), voters), used, role, female, age, hh, hstart,
        sizes)
    base[daughters] = base[mothers]
    used[mothers] = used[daughters] = True
    neg["ibu_anak"] = (mothers, daughters)

    # siblings in one KK whose names are one or two letters apart (birth dates set below)
    s1, s2 = K.pick_siblings(rng, expected_count(neg_rate.get("saudara_mirip", 0.0), voters), used,
                             role, hh)
    base[s2] = sibling_names(base[s1], rng)
    used[s1] = used[s2] = True
    neg["saudara_mirip"] = (s1, s2)

    # unrelated people of one kecamatan with a very common name and one birth date
    kec_idx = np.searchsorted(kel.pool, kel.region[hkel[hh]])
    gkey = kec_idx * 2 + female
    gorder = np.argsort(gkey, kind="stable")
    gstart = np.searchsorted(gkey[gorder], np.arange(gkey.max() + 2))
    k = expected_count(neg_rate.get("nama_umum", 0.0), voters)
    a_ = choose(rng, np.flatnonzero(~used), 3 * k + 3)
    glen = gstart[gkey[a_] + 1] - gstart[gkey[a_]]
    b_ = gorder[gstart[gkey[a_]] + (rng.random(len(a_)) * glen).astype(np.int64)]
    ok = (b_ != a_) & ~used[b_] & (hh[a_] != hh[b_])
    a_, b_ = a_[ok], b_[ok]
    _, first_b = np.unique(b_, return_index=True)
    keep = np.zeros(len(b_), bool)
    keep[first_b] = True
    keep &= ~np.isin(b_, a_) & ~np.isin(a_, b_)
    a_, b_ = a_[keep][:k], b_[keep][:k]
    common = np.where(female[a_], pick(COMMON_F, zipf_small(rng, len(a_))),
                      pick(COMMON_M, zipf_small(rng, len(a_))))
    base[a_] = base[b_] = common
    used[a_] = used[b_] = True
    neg["nama_umum"] = (a_, b_)

    # two people of one kecamatan with the same (any) full name and birth date, in other
    # kelurahan and households
    a3, b3 = K.pick_same_name_date(rng, expected_count(neg_rate.get("nama_tgl_sama", 0.0), voters),
                                   used, kec_idx, hkel[hh], hh, female, age, origin)
    base[b3] = base[a3]
    used[a3] = used[b3] = True
    neg["nama_tgl_sama"] = (a3, b3)

    plain = used.copy()  # hard-negative people carry no titles (keeps the pairs clean)
    nama = base.copy()
    nama = np.where(noble & ~plain, np.where(female, prefix_f, prefix_m) + " " + nama, nama)
    nama = np.where(front & ~plain, front_t + " " + nama, nama)
    nama = np.where(haji & ~plain, np.where(female, "HJ. ", "H. ") + nama, nama)
    nama = np.where(suffix & ~plain & ~front, nama + ", " + suffix_t, nama)

    # birth dates
    elec = np.datetime64(ELECTION, "D").astype(np.int64)
    bd = elec - (age * 365.2425).astype(np.int64) - rng.integers(0, 365, n)
    y, m, d = ymd(bd)
    u = rng.random(n)
    p1, p2, p3 = prof.placeholder_dates
    ph = np.select([u < p1, u < p1 + p2, u < p1 + p2 + p3], [1, 2, 3], 0)
    m = np.select([ph == 1, ph == 2, ph == 3], [7, 12, 1], m)
    d = np.select([ph == 1, ph == 2, ph == 3], [1, 31, 1], d)
    y = np.where(age_on(y, m, d, ELECTION) < VOTING_AGE, y - 1, y)
    y[t2], m[t2], d[t2] = y[t1], m[t1], d[t1]
    placeholder = rng.random(len(a_)) < 0.5
    m[a_] = np.where(placeholder, 7, m[a_])
    d[a_] = np.where(placeholder, 1, d[a_])
    age_a = age_on(y[a_], m[a_], d[a_], ELECTION)
    y[a_] = np.where(age_a < VOTING_AGE, y[a_] - 1, np.where(age_a > 95, y[a_] + 1, y[a_]))
    y[b_], m[b_], d[b_] = y[a_], m[a_], d[a_]
    y[b3], m[b3], d[b3] = y[a3], m[a3], d[a3]
    # the second sibling 1-4 years older
    y[s2], m[s2], d[s2] = ymd(to_days(y[s1], m[s1], d[s1]) - rng.integers(365, 4 * 365 + 1, len(s1)))

    # under age on election day and never married (detectable from the list itself)
    cand = np.flatnonzero(ch & ~used & (size_p >= 3))
    under = choose(rng, cand, expected_count(prof.under_age_rate, voters, 3000))
    cut = np.datetime64(CUTOFF, "D").astype(np.int64)
    uy, um, ud = ymd(cut + rng.integers(1, 600, len(under)))
    y[under], m[under], d[under] = uy, um, ud
    kawin[under] = "B"
    used[under] = True

    # NIK: region + DDMMYY (+40 on the day for women) + serial per (region, date)
    sumsel, other = other_regions()
    own = kel.region[hkel[hh]]
    u = rng.random(n)
    c_own, c_pal, c_sumsel = np.cumsum(prof.nik_region_mix)[:3]
    region = np.where(u < c_own, own, kel.pool[rng.integers(0, len(kel.pool), n)])
    region = np.where((u >= c_pal) & (u < c_sumsel), sumsel[rng.integers(0, len(sumsel), n)],
                      region)
    region = np.where(u >= c_sumsel, other[rng.integers(0, len(other), n)], region)
    region[t2] = region[t1]
    # nama_tgl_sama: mostly one region (NIKs differ in the serial only), else another region
    same_region = rng.random(len(a3)) < prof.nama_tgl_sama_same_region
    region[b3] = np.where(same_region, region[a3], K.other_region(rng, region[a3], kel.pool))
    dateenc = nik_date_value(d, m, y, female)
    key = region * 1_000_000 + dateenc
    serial = serials(key, np.arange(n))
    nik_int = key * 10_000 + serial
    nik_int = K.bump_equal_serials(nik_int, a3[~same_region], b3[~same_region])
    # NKK: issuing region + issue date + serial, per household
    hreg = np.where(rng.random(H) < 0.95, kel.region[hkel],
                    sumsel[rng.integers(0, len(sumsel), H)])
    iy, im, idd = ymd(np.datetime64("2005-01-01").astype(np.int64)
                      + rng.integers(0, 7100, H))
    hkey = hreg * 1_000_000 + idd * 10000 + im * 100 + iy % 100
    # KK serials run per issuing office and day: start each group somewhere in 1..40
    nkk_int = hkey * 10_000 + serials(hkey, np.arange(H)) + hkey % 37
    nik = nik_int.astype("U16").astype(object)

    # one NIK shared by two clearly different people (data-entry error)
    k = expected_count(neg_rate.get("nik_sama", 0.0), voters)
    a2 = choose(rng, np.flatnonzero(~used & (size_p >= 2)), 3 * k + 3)
    other_member = hstart[hh[a2]] + (member[a2] + 1 + rng.integers(0, 5, len(a2))) % size_p[a2]
    random_p = rng.integers(0, n, len(a2))
    b2 = np.where(rng.random(len(a2)) < 0.5, other_member, random_p)
    ok = (b2 != a2) & ~used[b2] & ((female[a2] != female[b2]) | (np.abs(y[a2] - y[b2]) >= 10))
    a2, b2 = a2[ok], b2[ok]
    _, fb = np.unique(b2, return_index=True)
    keep = np.zeros(len(b2), bool)
    keep[fb] = True
    keep &= ~np.isin(b2, a2) & ~np.isin(a2, b2)
    a2, b2 = a2[keep][:k], b2[keep][:k]
    nik[b2] = nik[a2]
    used[a2] = used[b2] = True
    neg["nik_sama"] = (a2, b2)

    alamat_h, rt_h, rw_h = addresses(rng, H, hkel, n_kel)
    # nama_tgl_sama pairs live at different addresses
    h_a, h_b = hh[a3], hh[b3]
    same_addr = ((alamat_h[h_a] == alamat_h[h_b]) & (rt_h[h_a] == rt_h[h_b])
                 & (rw_h[h_a] == rw_h[h_b]))
    rt_h[h_b[same_addr]] = rt_h[h_b[same_addr]] % 40 + 1
    tempat = pick(N.TEMPAT_LAHIR, rng.integers(0, len(N.TEMPAT_LAHIR), n))
    u = rng.random(n)
    disab = np.where(u < 0.85, "", np.where(u < 0.97, "0", num(rng.integers(1, 7, n))))
    usia = age_on(y, m, d, ELECTION)
    ktp = np.where(rng.random(n) < np.where(usia <= 18, 0.15, 0.02), "B", "S")
    return {
        "kel": kel, "kel_ntps": kel_ntps, "n_kel": n_kel, "H": H, "sizes": sizes, "hstart": hstart,
        "hkel": hkel, "htps": htps, "hh": hh, "member": member, "role": role, "sex": sex,
        "female": female, "kawin": kawin, "nama": nama, "base": base, "first": first,
        "last": last, "y": y, "m": m, "d": d, "usia": usia, "nik": nik, "nik_int": nik_int,
        "nkk_h": nkk_int.astype("U16").astype(object), "alamat_h": alamat_h, "rt_h": rt_h,
        "rw_h": rw_h, "tempat": tempat, "disab": disab, "ktp": ktp, "used": used, "neg": neg,
        "under": under, "origin": origin, "region": region, "placeholder": ph,
        "sumsel": sumsel,
    }


def zipf_small(rng: np.random.Generator, size: int) -> np.ndarray:
    return rng.choice(4, size=size, p=[0.55, 0.2, 0.15, 0.10])


def _other_location(rng, pop, cur_kel, cur_tps, mode):
    """New (kelurahan, TPS) for copies: mode 0 other TPS same kelurahan, 1 other kelurahan same
    kecamatan, 2 other kecamatan."""
    kel, ntps = pop["kel"], pop["kel_ntps"]
    active = np.flatnonzero(kel.weight > 0)
    kec_of = kel.region
    mode = np.where((mode == 0) & (ntps[cur_kel] < 2), 1, mode)
    new_kel = cur_kel.copy()
    for _ in range(30):
        pend = (mode == 1) & (new_kel == cur_kel)
        if not pend.any():
            break
        prop = active[rng.integers(0, len(active), pend.sum())]
        okk = kec_of[prop] == kec_of[cur_kel[pend]]
        idx = np.flatnonzero(pend)[okk]
        new_kel[idx] = prop[okk]
    mode = np.where((mode == 1) & (new_kel == cur_kel), np.where(ntps[cur_kel] >= 2, 0, 2), mode)
    for _ in range(30):
        pend = (mode == 2) & (kec_of[new_kel] == kec_of[cur_kel])
        if not pend.any():
            break
        new_kel[pend] = rng.choice(len(kel.weight), size=pend.sum(), p=kel.weight)
    nt = ntps[new_kel]
    shift = 1 + (rng.random(len(mode)) * np.maximum(nt - 1, 1)).astype(np.int64)
    new_tps = np.where(mode == 0, (cur_tps - 1 + shift) % nt + 1,
                       1 + (rng.random(len(mode)) * nt).astype(np.int64))
    return new_kel, new_tps


def _duplicate_sources(rng, pop, used, prof: Profile, gname: np.ndarray) -> np.ndarray:
    """The person each duplicate group copies. Some kinds need particular people: a day and
    month that can be swapped (tukar_tanggal), a name of several plain words (urutan_nama,
    Chinese-Indonesian names preferred)."""
    src = np.full(len(gname), -1, np.int64)
    for kind in ("tukar_tanggal", "urutan_nama"):
        sel = gname == kind
        if not sel.any():
            continue
        if kind == "tukar_tanggal":
            cand = np.flatnonzero(~used & (pop["d"] <= 12) & (pop["d"] != pop["m"]))
            p = None
        else:
            cand = choose(rng, np.flatnonzero(~used), 60 * int(sel.sum()) + 200)
            plain = pd.Series(pop["nama"][cand], dtype=object)
            ok = (plain.str.fullmatch(r"[A-Z]+(?: [A-Z]+)+")
                  & ~plain.str.contains(r" BINT?I ")).to_numpy(bool)
            cand = cand[ok]
            w = np.where(pop["origin"][cand] == 2, prof.urutan_nama_tionghoa, 1.0)
            p = w / w.sum()
        chosen = rng.choice(cand, size=int(sel.sum()), replace=False, p=p)
        src[sel] = chosen
        used[chosen] = True
    rest = src < 0
    src[rest] = rng.choice(np.flatnonzero(~used), size=int(rest.sum()), replace=False)
    used[src] = True
    return src


def _duplicates(rng, pop, cols, used, prof: Profile, n_groups: int, n_triples: int):
    """Copies of listed people placed elsewhere in the list (one per group, a second one for
    triples). Returns (copy columns, kelurahan, TPS, source person, group, kind) per copy."""
    kel = pop["kel"]
    hh = pop["hh"]
    pkel, ptps = pop["hkel"][hh], pop["htps"][hh]
    dup_kinds = np.array(prof.kinds("dup_kinds"), dtype=object)
    gname = dup_kinds[rng.choice(len(dup_kinds), size=n_groups, p=prof.shares("dup_kinds"))]
    src = _duplicate_sources(rng, pop, used, prof, gname)
    triple = choose(rng, np.arange(n_groups), n_triples)
    second = np.array(prof.dup_second_kinds, dtype=object)
    c_src = np.r_[src, src[triple]]
    kname = np.r_[gname, second[rng.integers(0, len(second), len(triple))]].astype(object)
    c_group = np.r_[np.arange(n_groups), triple]
    nc = len(c_src)
    copies = {c: v[c_src].copy() for c, v in cols.items()}
    moved = np.isin(kname, ["pindah_kecamatan", "pindah_nik_baru"])
    mode = np.where(moved, 2, (rng.random(nc) < 0.5).astype(np.int64))
    ckel, ctps = _other_location(rng, pop, pkel[c_src], ptps[c_src], mode)
    copies["KECAMATAN"] = kel.kec_name[ckel]
    copies["KELURAHAN"] = kel.name[ckel]
    copies["TPS"] = pad3(ctps)
    sex_c, usia_c = pop["sex"][c_src], pop["usia"][c_src]
    m_ = kname == "salah_ketik_nik"
    copies["NIK"][m_] = nik_typo(copies["NIK"][m_], rng)
    m_ |= kname == "varian_nama"
    copies["NAMA"][m_], _ = name_variant(copies["NAMA"][m_], sex_c[m_], usia_c[m_], rng)
    m_ = kname == "salah_ketik_nama"
    copies["NAMA"][m_] = typo(copies["NAMA"][m_], rng, rng.integers(1, 3, m_.sum()))
    m_ = kname == "tukar_tanggal"
    sy, sm, sd = pop["y"][c_src[m_]], pop["m"][c_src[m_]], pop["d"][c_src[m_]]
    copies["TANGGAL LAHIR"][m_] = date_str(sy, sd, sm)
    copies["USIA"][m_] = num(age_on(sy, sd, sm, ELECTION))
    # moved to another kecamatan: new address there, often (pindah_nik_baru: always) a new KK
    if moved.any():
        a_, rt_, rw_ = addresses(rng, moved.sum(), ckel[moved], pop["n_kel"])
        copies["ALAMAT"][moved] = a_
        copies["RT"][moved], copies["RW"][moved] = pad3(rt_), pad3(rw_)
        new_kk = (rng.random(moved.sum()) < 0.6) | (kname[moved] == "pindah_nik_baru")
        fresh = fresh_nkk(rng, kel.region[ckel[moved]])
        copies["NKK"][moved] = np.where(new_kk, fresh, copies["NKK"][moved])
    # registered again at the new domicile: a NIK with another region code, and sometimes the
    # name in another spelling
    m_ = kname == "pindah_nik_baru"
    if m_.any():
        taken = np.sort(pop["nik_int"])
        new = K.moved_niks(rng, pop["nik_int"][c_src[m_]], kel.region[ckel[m_]], kel.pool,
                           prof.pindah_nik_baru_sumsel, pop["sumsel"], taken)
        copies["NIK"][m_] = new.astype("U16").astype(object)
        v_ = m_ & (rng.random(nc) < prof.pindah_nik_baru_variant)
        copies["NAMA"][v_], _ = name_variant(copies["NAMA"][v_], sex_c[v_], usia_c[v_], rng)
    m_ = kname == "nik_excel"
    copies["NIK"][m_] = excel_nik(copies["NIK"][m_], rng, prof.nik_excel_scientific)
    m_ = kname == "urutan_nama"
    if m_.any():
        copies["NAMA"][m_] = reorder_name(copies["NAMA"][m_])
        v_ = m_ & (rng.random(nc) < prof.urutan_nama_variant)
        copies["NAMA"][v_], _ = name_variant(copies["NAMA"][v_], sex_c[v_], usia_c[v_], rng)
    return copies, ckel, ctps, c_src, c_group, kname


def generate(out_dir, voters: int, seed: int, field_fraction: float = 0.05,
             profile: str | Profile = "standar", columns: str = "lengkap",
             wilayah: str | None = None) -> dict:
    """Write ``dpt.csv``, ``lapangan.csv`` and ``kunci/`` into ``out_dir``; see the package
    docstring of :mod:`coklit.synth` for the columns and the answer key.

    ``profile``: ``"standar"`` (default), ``"uji"`` (held out, for evaluation only) or a
    :class:`~coklit.synth.profile.Profile`. ``columns``: ``"lengkap"`` (default) or
    ``"minimal"`` (only name, birth date, address and kelurahan; same rows and key).
    ``wilayah``: ``"palembang"`` (Kota Palembang's 18 kecamatan) or ``"sumsel"`` (the 241
    kecamatan of Sumatera Selatan's 17 kab/kota); unset, Palembang up to 2,000,000 voters and
    the province above."""
    _check(voters, seed, field_fraction)
    wilayah = resolve_wilayah(wilayah, int(voters))
    prof = resolve_profile(profile)
    columns = resolve_columns(columns)
    rng = np.random.default_rng(int(seed))
    voters = int(voters)
    n_groups = expected_count(prof.dup_group_rate, voters, 500)
    n_triples = int(round(n_groups * prof.dup_triple_share))
    n_base = voters - n_groups - n_triples
    pop = _population(rng, n_base, voters, prof, wilayah)
    hh, kel = pop["hh"], pop["kel"]
    pkel, ptps = pop["hkel"][hh], pop["htps"][hh]
    # households checked in the field, chosen now: hand-written rows (tulisan_tangan) copy the
    # street address with its house number, so the list must carry one
    hsel = field_households(rng, pop, field_fraction)
    lp = np.flatnonzero(hsel[hh])
    fkind = K.pick_field_kinds(rng, len(lp), prof.rates("field_kinds"))
    tt_h = np.unique(hh[lp[fkind == "tulisan_tangan"]])
    pop["alamat_h"][tt_h] = K.with_house_number(rng, pop["alamat_h"][tt_h])
    in_addr_h = rng.random(pop["H"]) < prof.rt_in_address
    alamat_h = np.where(in_addr_h, with_rt(pop["alamat_h"], pop["rt_h"], pop["rw_h"], rng),
                        pop["alamat_h"])
    cols = {
        "KECAMATAN": kel.kec_name[pkel], "KELURAHAN": kel.name[pkel], "TPS": pad3(ptps),
        "NKK": pop["nkk_h"][hh], "NIK": pop["nik"], "NAMA": pop["nama"],
        "TEMPAT LAHIR": pop["tempat"], "TANGGAL LAHIR": date_str(pop["y"], pop["m"], pop["d"]),
        "USIA": num(pop["usia"]), "STATUS PERKAWINAN": pop["kawin"],
        "JENIS KELAMIN": pop["sex"], "ALAMAT": alamat_h[hh], "RT": pad3(pop["rt_h"][hh]),
        "RW": pad3(pop["rw_h"][hh]), "DISABILITAS": pop["disab"], "KTP-EL": pop["ktp"],
        "KETERANGAN": np.full(n_base, "", dtype=object),
    }
    used = pop["used"]
    copies, ckel, ctps, c_src, c_group, kname = _duplicates(rng, pop, cols, used, prof,
                                                            n_groups, n_triples)
    nc = len(c_src)

    # ---- final list order ------------------------------------------------------------------
    ck = pop["hkel"] * 10_000 + pop["htps"]
    key_c = ckel * 10_000 + ctps
    lo = np.searchsorted(ck, key_c, "left")
    hi = np.searchsorted(ck, key_c, "right")
    c_hpos = lo - 0.5 + rng.random(nc) * np.maximum(hi - lo, 1)
    all_kel = np.r_[pkel, ckel]
    all_tps = np.r_[ptps, ctps]
    all_hpos = np.r_[hh.astype(float), c_hpos]
    all_member = np.r_[pop["member"], np.zeros(nc, np.int64)]
    order = sort_positions(all_kel, all_tps, all_hpos, all_member)
    baris_of = np.empty(len(order), np.int64)
    baris_of[order] = np.arange(len(order)) + 2  # row in dpt.csv of base i / copy n_base+j
    dpt = {c: np.r_[cols[c], copies[c]][order] for c in cols}
    dpt = {"NO": num(np.arange(1, len(order) + 1)) if len(order) < 10000
           else np.arange(1, len(order) + 1).astype(str).astype(object), **dpt}

    key = {}
    orig_b = baris_of[c_src]
    copy_b = baris_of[n_base + np.arange(nc)]
    pairs = [(orig_b, copy_b, kname)]
    # pairs between the two copies of a triple
    first_copy = np.full(n_groups, -1)
    first_copy[c_group[:n_groups]] = np.arange(n_groups)
    sec = np.arange(n_groups, nc)
    k1, k2 = kname[first_copy[c_group[sec]]], kname[sec]
    pairs.append((copy_b[first_copy[c_group[sec]]], copy_b[sec],
                  np.where(k1 == k2, k1, k1 + "+" + k2)))
    a = np.concatenate([p[0] for p in pairs])
    b = np.concatenate([p[1] for p in pairs])
    j = np.concatenate([p[2] for p in pairs])
    key["ganda"] = _pairs_frame(a, b, j, ["baris_a", "baris_b", "jenis"])
    na, nb, nj = [], [], []
    for jenis, (pa, pb) in pop["neg"].items():
        na.append(baris_of[pa])
        nb.append(baris_of[pb])
        nj.append(np.full(len(pa), jenis, dtype=object))
    key["negatif_sulit"] = _pairs_frame(np.concatenate(na), np.concatenate(nb),
                                        np.concatenate(nj), ["baris_a", "baris_b", "jenis"])

    field, key_field = field_records(rng, pop, cols, baris_of, used, voters, field_fraction, prof,
                              hsel, fkind)
    tms = key_field.pop("tms")
    under_rows = pd.DataFrame({"baris_dpt": baris_of[pop["under"]], "kategori": "tms_3",
                               "sumber": "dpt", "baris_lapangan": ""})
    key["tms"] = (pd.concat([tms, under_rows], ignore_index=True)
                  .sort_values(["baris_dpt", "sumber"], kind="stable").reset_index(drop=True))
    key.update(key_field)
    write_all(Path(out_dir), dpt, field, key, prof, columns)
    return {"pemilih": len(order), "lapangan": len(field["No"])}


def _pairs_frame(a, b, j, names) -> pd.DataFrame:
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    df = pd.DataFrame({names[0]: lo, names[1]: hi, names[2]: j})
    return df.sort_values([names[0], names[1]], kind="stable").reset_index(drop=True)
