"""Field records: checked households as officers write them, plus people missing from the list.

``field_records`` returns the columns of ``lapangan.csv`` and the field part of the answer key
(``tautan``, ``belum_terdaftar``, ``lapangan``, ``tms`` from the field).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from coklit.birthdate import age_on
from coklit.nik import date_value as nik_date_value
from coklit.synth import kinds as K
from coklit.synth import names as N
from coklit.synth.messy import name_variant, nik_typo, typo
from coklit.synth.population import (
    _D2,
    CUTOFF,
    ELECTION,
    ORIGIN_P,
    addresses,
    choose,
    date_str,
    expected_count,
    fresh_nkk,
    make_names,
    num,
    pad3,
    pick,
    sort_positions,
    title_case,
    to_days,
    vary_case,
    with_rt,
    ymd,
)
from coklit.synth.profile import NEW_KINDS, Profile

# How officers write each category in the STATUS column (upper-cased forms; case is varied).
STATUS_TEXT: dict[str, tuple[str, ...]] = {
    "ms": ("MS", "MS", "MS", "MEMENUHI SYARAT"),
    "ubah": ("U", "UBAH"),
    "tms_1": ("1", "MENINGGAL", "MENINGGAL DUNIA", "TMS 1"),
    "tms_4": ("4", "4 PINDAH", "PINDAH DOMISILI", "PINDAH"),
    "tms_5": ("5", "TIDAK DIKENAL"),
    "tms_6": ("6", "TNI"),
    "tms_7": ("7", "POLRI"),
    "tms_8": ("8", "SALAH TPS"),
    "bukan_penduduk": ("BUKAN PENDUDUK", "BUKAN PENDUDUK SETEMPAT"),
    "baru_17": ("BARU 17", "PEMILIH PEMULA", "B", "BARU"),
    "pindah_masuk": ("PINDAH MASUK", "B", "BARU"),
    "purnawirawan_tni": ("PURNAWIRAWAN TNI",),
    "purnawirawan_polri": ("PURNAWIRAWAN POLRI",),
    "kawin_bawah_17": ("KAWIN DI BAWAH 17",),
    # under 17 and unmarried: the officer wrongly marks a new voter
    "tms_3": ("BARU", "PEMILIH PEMULA", "BARU 17"),
}
# What each STATUS text means on its own (for checking the key against the file).
STATUS_CATEGORY: dict[str, str] = {
    "MS": "ms", "MEMENUHI SYARAT": "ms", "U": "ubah", "UBAH": "ubah",
    "1": "tms_1", "MENINGGAL": "tms_1", "MENINGGAL DUNIA": "tms_1", "TMS 1": "tms_1",
    "4": "tms_4", "4 PINDAH": "tms_4", "PINDAH DOMISILI": "tms_4", "PINDAH": "tms_4",
    "5": "tms_5", "TIDAK DIKENAL": "tms_5", "6": "tms_6", "TNI": "tms_6", "7": "tms_7",
    "POLRI": "tms_7", "8": "tms_8", "SALAH TPS": "tms_8", "BUKAN PENDUDUK": "bukan_penduduk",
    "BUKAN PENDUDUK SETEMPAT": "bukan_penduduk", "BARU 17": "baru_17",
    "PEMILIH PEMULA": "baru_17", "B": "baru", "BARU": "baru", "PINDAH MASUK": "pindah_masuk",
    "PURNAWIRAWAN TNI": "purnawirawan_tni", "PURNAWIRAWAN POLRI": "purnawirawan_polri",
    "KAWIN DI BAWAH 17": "kawin_bawah_17",
}
BULAN = ("", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember")
BLN = np.array(["", "JAN", "FEB", "MAR", "APR", "MEI", "JUN", "JUL", "AGT", "SEP", "OKT", "NOV",
                "DES"], dtype=object)
EXCEL_EPOCH = 25569  # Excel's serial number of 1970-01-01


def field_households(rng, pop, field_fraction: float) -> np.ndarray:
    """Households checked in the field (uji petik); never one with an under-age listed voter."""
    H, hh = pop["H"], pop["hh"]
    no_field = np.zeros(H, bool)
    no_field[hh[pop["under"]]] = True
    return (rng.random(H) < field_fraction) & ~no_field


def field_records(rng, pop, cols, baris_of, used, voters, field_fraction, prof: Profile, hsel,
           fkind):
    """Field records: whole households checked (uji petik) plus people missing from the list.
    ``fkind``: whole-row kind ("" for none) of each linked record, in list order."""
    H, hh, kel = pop["H"], pop["hh"], pop["kel"]
    lp = np.flatnonzero(hsel[hh])
    n_l = len(lp)
    cat = np.full(n_l, "ms", dtype=object)
    free = ~used[lp]
    for c, rate in prof.field_tms_rates:
        cand = np.flatnonzero(free & (cat == "ms"))
        if c == "tms_8":
            cand = cand[pop["kel_ntps"][pop["hkel"][hh[lp[cand]]]] >= 2]
        if c == "ubah":  # a corrected address or status would break a whole-row kind
            cand = cand[fkind[cand] == ""]
        chosen = choose(rng, cand, expected_count(rate, n_l))
        cat[chosen] = c

    def linked_col(name):
        return cols[name][lp].copy()

    F = {
        "kel": pop["hkel"][hh[lp]], "tps": pop["htps"][hh[lp]], "nkk": linked_col("NKK"),
        "nik": linked_col("NIK"), "nama": linked_col("NAMA"), "tempat": linked_col("TEMPAT LAHIR"),
        "y": pop["y"][lp], "m": pop["m"][lp], "d": pop["d"][lp], "usia": pop["usia"][lp],
        "sex": pop["sex"][lp], "kawin": linked_col("STATUS PERKAWINAN"),
        "alamat": pop["alamat_h"][hh[lp]], "rt": pop["rt_h"][hh[lp]], "rw": pop["rw_h"][hh[lp]],
        "alamat_list": linked_col("ALAMAT"),  # as printed in the list (RT/RW may be inside)
        "hpos": hh[lp].astype(float), "member": pop["member"][lp], "cat": cat,
    }
    labels = []
    # kode 8: the officer writes the TPS where the person actually lives (mostly)
    m8 = (cat == "tms_8") & (rng.random(n_l) < prof.tps_beda)
    if m8.any():
        nt = pop["kel_ntps"][F["kel"][m8]]
        F["tps"][m8] = (F["tps"][m8] - 1 + 1 + (rng.random(m8.sum()) * (nt - 1)).astype(np.int64)) % nt + 1
    labels.append(("tps_beda", m8))
    # ubah: marital status or address corrected
    mu = cat == "ubah"
    mb = mu & (F["kawin"] == "B")
    F["kawin"][mb] = "S"
    ma = mu & ~mb
    if ma.any():
        a_, rt_, rw_ = addresses(rng, ma.sum(), F["kel"][ma], pop["n_kel"])
        F["alamat"][ma], F["rt"][ma], F["rw"][ma] = a_, rt_, rw_
    labels.append(("ubah", mu))

    # ---- people not on the list --------------------------------------------------------------
    n_new = expected_count(prof.new_rate, voters) if field_fraction > 0 else 0
    n_bad = expected_count(prof.ineligible_rate, voters) if field_fraction > 0 else 0
    new_k = np.array(prof.kinds("new_kinds"), dtype=object)
    bad_k = np.array(prof.kinds("ineligible_kinds"), dtype=object)
    kinds = np.r_[new_k[rng.choice(len(new_k), n_new, p=prof.shares("new_kinds"))],
                  bad_k[rng.choice(len(bad_k), n_bad, p=prof.shares("ineligible_kinds"))]]
    nn = len(kinds)
    sampled_h = np.flatnonzero(hsel)
    attach = (rng.random(nn) < prof.new_attached) & (len(sampled_h) > 0)
    ah = sampled_h[rng.integers(0, max(len(sampled_h), 1), nn)] if len(sampled_h) else np.zeros(nn, np.int64)
    posko_kel = rng.choice(len(kel.weight), size=nn, p=kel.weight)
    nkel = np.where(attach, pop["hkel"][ah], posko_kel)
    ntps_k = pop["kel_ntps"][nkel]
    ntps = np.where(attach, pop["htps"][ah], 1 + (rng.random(nn) * ntps_k).astype(np.int64))
    pa, prt, prw = addresses(rng, nn, nkel, pop["n_kel"])
    nalamat = np.where(attach, pop["alamat_h"][ah], pa)
    nrt = np.where(attach, pop["rt_h"][ah], prt)
    nrw = np.where(attach, pop["rw_h"][ah], prw)
    nnkk = np.where(attach, pop["nkk_h"][ah], fresh_nkk(rng, kel.region[nkel]))
    male_only = np.isin(kinds, ["purnawirawan_tni", "purnawirawan_polri", "tms_6", "tms_7"])
    female_n = np.where(kinds == "kawin_bawah_17", True, ~male_only & (rng.random(nn) < 0.5))
    cut = np.datetime64(CUTOFF, "D").astype(np.int64)
    elec = np.datetime64(ELECTION, "D").astype(np.int64)
    days = np.select(
        [kinds == "baru_17", np.isin(kinds, ["kawin_bawah_17", "tms_3"]),
         np.isin(kinds, ["purnawirawan_tni", "purnawirawan_polri"]), np.isin(kinds, ["tms_6", "tms_7"])],
        [cut - rng.integers(0, 365, nn), cut + rng.integers(1, 600, nn),
         elec - rng.integers(56 * 365, 75 * 365, nn), elec - rng.integers(21 * 365, 50 * 365, nn)],
        elec - rng.integers(20 * 365, 65 * 365, nn))
    ny, nm, nd = ymd(days)
    nusia = age_on(ny, nm, nd, ELECTION)
    nkawin = np.where(np.isin(kinds, ["kawin_bawah_17", "purnawirawan_tni", "purnawirawan_polri"]),
                      "S", np.where(np.isin(kinds, ["baru_17", "tms_3"]), "B",
                                    np.where(rng.random(nn) < 0.6, "S", "B"))).astype(object)
    nsex = np.where(female_n, "P", "L").astype(object)
    norigin = np.where(attach, pop["origin"][pop["hstart"][ah]], rng.choice(4, size=nn, p=ORIGIN_P))
    nbase, nfirst, _ = make_names(rng, nsex, nusia, norigin, rng.integers(0, 10**6, nn))
    head = pop["hstart"][ah]
    share = attach & (norigin <= 1) & (rng.random(nn) < 0.2) & np.isin(kinds, ["baru_17", "tms_3"])
    nbase[share] = nfirst[share] + " " + pop["last"][head[share]]
    region = np.where(rng.random(nn) < 0.85, kel.region[nkel],
                      kel.pool[rng.integers(0, len(kel.pool), nn)])
    nnik = ((region * 1_000_000 + nik_date_value(nd, nm, ny, female_n)) * 10_000
            + rng.integers(5001, 9999, nn)).astype("U16").astype(object)
    N_ = {
        "kel": nkel, "tps": ntps, "nkk": nnkk, "nik": nnik, "nama": nbase,
        "tempat": pick(N.TEMPAT_LAHIR, rng.integers(0, len(N.TEMPAT_LAHIR), nn)),
        "y": ny, "m": nm, "d": nd, "usia": nusia, "sex": nsex, "kawin": nkawin,
        "alamat": nalamat, "rt": nrt, "rw": nrw, "alamat_list": nalamat,
        "hpos": np.where(attach, ah.astype(float) + 0.5, H + rng.random(nn) * H),
        "member": np.where(attach, 10, 0), "cat": kinds,
    }
    F = {k: np.r_[F[k], N_[k]] for k in F}
    is_new = np.r_[np.zeros(n_l, bool), np.ones(nn, bool)]
    labels = [(name, np.r_[mask, np.zeros(nn, bool)]) for name, mask in labels]
    fkind_all = np.r_[fkind, np.full(nn, "", dtype=object)]
    out, more, changes = messy_field(rng, F, kel, prof, fkind_all)
    labels = K.relabel(labels + more, fkind_all, changes)

    order = sort_positions(F["kel"], F["hpos"], F["member"])
    n_f = len(order)
    baris_f = np.empty(n_f, np.int64)
    baris_f[order] = np.arange(n_f) + 2
    field = {c: out[c][order] for c in out}
    field = {"No": np.arange(1, n_f + 1).astype(str).astype(object), **field}

    jenis = np.full(n_f, "", dtype=object)
    for name, mask in labels:
        jenis = np.where(mask, np.where(jenis == "", name, jenis + ";" + name), jenis)
    jenis = np.where(jenis == "", "bersih", jenis)
    link_rows = np.arange(n_l)
    tautan = pd.DataFrame({"baris_lapangan": baris_f[link_rows], "baris_dpt": baris_of[lp],
                           "jenis": jenis[link_rows]}).sort_values("baris_lapangan")
    new_rows = np.arange(n_l, n_f)
    eligible_new = new_rows[np.isin(F["cat"][new_rows], NEW_KINDS)]
    belum = pd.DataFrame({"baris_lapangan": baris_f[eligible_new],
                          "alasan": F["cat"][eligible_new]}).sort_values("baris_lapangan")
    tms_l = np.flatnonzero(np.char.startswith(F["cat"][:n_l].astype(str), "tms_")
                           | (F["cat"][:n_l] == "bukan_penduduk"))
    tms = pd.DataFrame({"baris_dpt": baris_of[lp[tms_l]], "kategori": F["cat"][tms_l],
                        "sumber": "lapangan", "baris_lapangan": baris_f[tms_l].astype(str)})
    hasil = np.where(~is_new, "cocok",
                     np.where(np.isin(F["cat"], NEW_KINDS), "belum_terdaftar", "tidak_terdaftar_tms"))
    bdpt = np.full(n_f, "", dtype=object)
    bdpt[:n_l] = baris_of[lp].astype(str)
    lap = pd.DataFrame({"baris_lapangan": baris_f, "hasil": hasil, "baris_dpt": bdpt,
                        "kategori": F["cat"]}).sort_values("baris_lapangan")
    return field, {"tautan": tautan.reset_index(drop=True), "belum_terdaftar": belum.reset_index(drop=True),
                   "lapangan": lap.reset_index(drop=True), "tms": tms}


def messy_field(rng, F, kel, prof: Profile, fkind):
    """Turn clean values into what an officer types. Returns (columns, [(label, mask)],
    label changes of whole-row kinds)."""
    n = len(F["nik"])
    labels = []
    # NIK and NKK
    u = rng.random(n)
    nik = F["nik"].copy()
    c1, c2, c3 = np.cumsum([prof.no_nik, prof.masked_nik, prof.nik_typo])
    no_nik = u < c1
    masked = (u >= c1) & (u < c2)
    nik_t = (u >= c2) & (u < c3)
    nik[nik_t] = nik_typo(nik[nik_t], rng)
    s = pd.Series(nik, dtype=object)
    mid = rng.random(n) < prof.masked_middle
    mask_mid = s.str[:6] + "******" + s.str[12:]
    mask_end = s.str[:12] + "****"
    nik = np.where(masked, np.where(mid, mask_mid, mask_end), nik)
    nik = np.where(no_nik, "", nik)
    labels += [("tanpa_nik", no_nik), ("nik_tersamar", masked), ("salah_ketik_nik", nik_t)]
    nkk = pd.Series(F["nkk"], dtype=object)
    nkk = np.where(masked, nkk.str[:6] + "******" + nkk.str[12:], nkk)
    nkk_blank = rng.random(n) < prof.no_nkk
    nkk = np.where(nkk_blank, "", nkk)

    # name
    nama = F["nama"].copy()
    u = rng.random(n)
    t_ = u < prof.name_typo
    nama[t_] = typo(nama[t_], rng, np.where(rng.random(t_.sum()) < 0.75, 1, 2))
    v_ = (u >= prof.name_typo) & (u < prof.name_typo + prof.name_variant)
    vkind = np.full(n, "", dtype=object)
    nama[v_], vkind[v_] = name_variant(nama[v_], F["sex"][v_], F["usia"][v_], rng)
    nama, case = vary_case(nama, rng, prof.name_case)
    labels += [("salah_ketik_nama", t_ | (vkind == "salah_ketik_nama")),
               ("varian_nama", v_ & (vkind != "salah_ketik_nama")), ("huruf_campur", case)]

    # birth date
    y, m, d = F["y"], F["m"], F["d"]
    fmt = rng.choice(len(prof.date_formats), size=n, p=prof.date_formats)
    bulan = np.array(BULAN, dtype=object)
    tgl = np.select(
        [fmt == 0, fmt == 1, fmt == 2, fmt == 3],
        [date_str(y, m, d), num(d) + "/" + num(m) + "/" + num(y),
         pad3(d).astype(str).astype(object) + "", num(y) + "-" + date_str(0 * y + 2000, d, m)],
        num(d) + " " + bulan[m] + " " + num(y))
    # fmt 2: DD/MM/YYYY, fmt 3: YYYY-MM-DD (built from pieces)
    tgl = np.where(fmt == 2, _D2[d] + "/" + _D2[m] + "/" + num(y), tgl)
    tgl = np.where(fmt == 3, num(y) + "-" + _D2[m] + "-" + _D2[d], tgl)
    tgl = np.where(fmt == 5, num(d) + " " + BLN[m] + " " + num(y), tgl)
    excel_serial = (to_days(y, m, d) + EXCEL_EPOCH).astype(str).astype(object)
    tgl = np.where(fmt == 6, excel_serial, tgl)
    no_date = rng.random(n) < prof.no_date
    tgl = np.where(no_date, "", tgl)
    labels += [("tanpa_tanggal", no_date), ("format_tanggal", ~no_date & (fmt != 0))]

    # address
    alamat = pd.Series(F["alamat"], dtype=object)
    orig = alamat.copy()
    # whole-row kinds copy the address as the list prints it (with the same word variants)
    kr = fkind != ""
    listed = pd.Series(F["alamat_list"][kr], dtype=object)
    for short, long_ in (("JL. ", "JALAN "), ("LR. ", "LORONG "), ("GG. ", "GANG "),
                         ("KOMP. ", "KOMPLEK "), ("PERUM. ", "PERUMAHAN ")):
        pick_ = rng.random(n) < prof.street_word_long
        alamat = alamat.where(~pick_, alamat.str.replace(short, long_, regex=False))
        listed = listed.where(~pick_[kr], listed.str.replace(short, long_, regex=False))
    alamat_words = alamat.to_numpy(object)
    alamat_listed = alamat_words.copy()
    alamat_listed[kr] = listed.to_numpy(object)
    inside = rng.random(n) < prof.rt_in_field_address
    alamat = np.where(inside, with_rt(alamat_words, F["rt"], F["rw"], rng), alamat_words)
    unpadded = rng.random(n) < 0.5
    rt = np.where(unpadded, num(F["rt"]), pad3(F["rt"]))
    rw = np.where(unpadded, num(F["rw"]), pad3(F["rw"]))

    tf = rng.random(n)
    tps = np.select([tf < 0.4, tf < 0.7], [num(F["tps"]), _D2[np.minimum(F["tps"], 99)]],
                    pad3(F["tps"]))
    kec, kcase = vary_case(kel.kec_name[F["kel"]], rng, 0.0)
    kc = rng.random(n) < 0.2
    kec = np.where(kc, title_case(kel.kec_name[F["kel"]]), kel.kec_name[F["kel"]])
    kl = np.where(kc, title_case(kel.name[F["kel"]]), kel.name[F["kel"]])
    jk = np.where(rng.random(n) < 0.7, F["sex"], np.where(F["sex"] == "L", "LAKI-LAKI", "PEREMPUAN"))
    kw = np.where(rng.random(n) < 0.6, F["kawin"],
                  np.select([F["kawin"] == "B", F["kawin"] == "S"], ["BELUM KAWIN", "KAWIN"], "CERAI"))
    tempat = F["tempat"].copy()
    tt = rng.random(n)
    tempat = np.where(tt < 0.15, "", np.where(tt < 0.3, title_case(tempat), tempat))
    usia = np.where(rng.random(n) < 0.6, num(np.clip(F["usia"], 0, 9999)), "")

    cat = F["cat"]
    age = F["usia"]
    fem = F["sex"] == "P"
    job_pool = np.array(N.PEKERJAAN, dtype=object)
    job = job_pool[rng.integers(0, len(job_pool), n)]
    job = np.where(fem & (rng.random(n) < 0.4), "MENGURUS RUMAH TANGGA", job)
    job = np.where(age < 23, "PELAJAR/MAHASISWA", job)
    job = np.where((age >= 58) & (rng.random(n) < 0.4), "PENSIUNAN", job)
    job = np.where(np.isin(cat, ["tms_6"]), "TNI", job)
    job = np.where(np.isin(cat, ["tms_7"]), "POLRI", job)
    job = np.where(np.isin(cat, ["purnawirawan_tni", "purnawirawan_polri"]), "PENSIUNAN", job)

    status = np.full(n, "", dtype=object)
    for c in sorted(set(cat.tolist())):
        sel = cat == c
        texts = np.array(STATUS_TEXT[c], dtype=object)
        status[sel] = texts[rng.integers(0, len(texts), sel.sum())]
    scase = rng.random(n)
    status = np.where(scase < 0.15, title_case(status), np.where(scase < 0.25,
                      pd.Series(status, dtype=object).str.lower().to_numpy(object), status))
    ket = np.full(n, "", dtype=object)
    ket = np.where((cat == "tms_1") & (rng.random(n) < 0.6),
                   "meninggal th " + num(rng.integers(2019, 2025, n)), ket)
    dest = np.array(["JAKARTA", "KAB. BANYUASIN", "PRABUMULIH", "OGAN ILIR", "BATAM", "LAMPUNG"],
                    dtype=object)
    ket = np.where((cat == "tms_4") & (rng.random(n) < 0.6),
                   "pindah ke " + dest[rng.integers(0, len(dest), n)], ket)
    ket = np.where((cat == "tms_8") & (rng.random(n) < 0.5), "terdaftar di TPS lain", ket)
    ket = np.where(np.isin(cat, NEW_KINDS) & (rng.random(n) < 0.3), "belum masuk DPT", ket)
    ket = np.where((cat == "ms") & (rng.random(n) < 0.02), "uji petik", ket)
    out = {"KECAMATAN": kec, "KELURAHAN": kl, "No TPS": tps, "No KK": nkk, "NIK": nik,
           "NAMA": nama, "TEMPAT LAHIR": tempat, "TANGGAL LAHIR": tgl, "Usia": usia, "JK": jk,
           "STATUS KAWIN": kw, "ALAMAT": alamat, "RT": rt, "RW": rw, "Pekerjaan": job,
           "STATUS": status, "KETERANGAN": ket}
    out = {k: np.array(v, dtype=object) for k, v in out.items()}
    changes = K.field_kind_values(rng, fkind, F, out, alamat_listed,
                                  np.where(nkk_blank, "", F["nkk"]))
    labels.append(("alamat_beda", out["ALAMAT"] != orig.to_numpy(object)))
    return out, labels, changes
