"""The finding tables officers read: ganda and ganda_perlu_cek (duplicates in the list), cocok,
belum_terdaftar, lapangan_perlu_cek and hasil_lapangan (field records against the list), and
tms (not eligible, from the list itself or from the field). Every row carries ``berkas`` and
``baris`` (where to find it), the place, the identity values compared, a score and a reason
(a coded cell, :mod:`coklit.coded`; the report renders its words).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from coklit import birthdate
from coklit.coded import COLON, code, code_columns, codes, join
from coklit.fields import CATEGORIES, TMS_CATEGORIES
from coklit.findings.eligibility import field_eligibility
from coklit.findings.places import identity, places
from coklit.household import basis_text, household_members
from coklit.match import Duplicates, Links, explain
from coklit.results import BASE_COLUMNS, FINDING_ID, IDENTITY
from coklit.tinjauan import person_keys, record_pair_ids, single_ids

KODE_KPU = {f"tms_{k}": str(k) for k in range(1, 9)}


def duplicate_table(
    records: pd.DataFrame, dup: Duplicates, labels: dict
) -> pd.DataFrame:
    """ganda: one row per listed record in a duplicate group."""
    members = np.flatnonzero(dup.group >= 0)
    if len(members) == 0:
        return pd.DataFrame(columns=BASE_COLUMNS["ganda"])
    acc = explain(dup.accepted, dup.scored.spec)
    # Each record's strongest accepted pair gives its score and reason.
    both = pd.concat(
        [
            pd.DataFrame({"row": acc["i"], "other": acc["j"], "bobot": acc["bobot"],
                          "skor": acc["skor"], "alasan": acc["alasan"]}),
            pd.DataFrame({"row": acc["j"], "other": acc["i"], "bobot": acc["bobot"],
                          "skor": acc["skor"], "alasan": acc["alasan"]}),
        ],
        ignore_index=True,
    )
    # Ties are broken by the partner's person key, not its row: the same partner (and so the
    # same finding id) whatever order the list comes in.
    both["okey"] = person_keys(records, both["other"].to_numpy())
    both = both.sort_values(["row", "bobot", "okey"], ascending=[True, False, True],
                            kind="stable")
    best = both.drop_duplicates("row").set_index("row").reindex(members)
    rows = records.iloc[members]
    table = identity(rows, labels).reset_index(drop=True)
    table.insert(0, "grup", dup.group[members])
    other = records.iloc[best["other"].astype(int).to_numpy()]
    partner = code_columns(
        "temuan.dengan",
        berkas=other["berkas"].reset_index(drop=True),
        baris=other["baris"].reset_index(drop=True),
    )
    table["skor"] = best["skor"].round(3).map("{:.3f}".format).to_numpy()
    table["alasan"] = join(partner, code(COLON), best["alasan"].reset_index(drop=True)).to_numpy()
    table["jenis"], _ = _group_kinds(records, members, dup.group[members])
    partner_rows = best["other"].astype(int).to_numpy()
    # Where this record is against the partner its reason names (not the group's spread).
    table["lokasi"] = _pair_location(records, members, partner_rows)
    table[FINDING_ID] = record_pair_ids(records, members, partner_rows)
    table = table.sort_values(["grup", "berkas", "baris"], kind="stable")
    return table[[FINDING_ID, *BASE_COLUMNS["ganda"]]].reset_index(drop=True)


def review_table(records: pd.DataFrame, dup: Duplicates, labels: dict) -> pd.DataFrame:
    """ganda_perlu_cek: pairs to check by hand (not duplicates on the evidence, but their
    name and birth date alone, or their score, say they might be): two rows per pair,
    numbered by ``pasangan``, each with the evidence for and against."""
    pairs = dup.review
    if pairs.empty:
        return pd.DataFrame(columns=BASE_COLUMNS["ganda_perlu_cek"])
    pairs = explain(pairs.sort_values("bobot", ascending=False, kind="stable"),
                    dup.scored.spec).reset_index(drop=True)
    number = np.arange(1, len(pairs) + 1)
    rows = np.concatenate([pairs["i"].to_numpy(), pairs["j"].to_numpy()])
    others = np.concatenate([pairs["j"].to_numpy(), pairs["i"].to_numpy()])
    table = identity(records.iloc[rows], labels).reset_index(drop=True)
    other = records.iloc[others].reset_index(drop=True)
    partner = code_columns("temuan.dengan", berkas=other["berkas"], baris=other["baris"])
    table.insert(0, "pasangan", np.concatenate([number, number]))
    skor = np.tile(pairs["skor"].to_numpy(), 2)
    table["skor"] = pd.Series(skor).round(3).map("{:.3f}".format).to_numpy()
    table["skor_nama_tgl"] = (pd.Series(np.tile(pairs["skor_nama_tgl"].to_numpy(), 2))
                              .round(3).map("{:.3f}".format).to_numpy())
    table["alasan"] = join(partner, code(COLON),
                           pd.Series(np.tile(pairs["alasan"].to_numpy(), 2))).to_numpy()
    table["lokasi"] = _pair_location(records, rows, others)
    table[FINDING_ID] = record_pair_ids(records, rows, others)
    table = table.sort_values(["pasangan", "berkas", "baris"], kind="stable")
    return table[[FINDING_ID, *BASE_COLUMNS["ganda_perlu_cek"]]].reset_index(drop=True)


def _pair_location(records: pd.DataFrame, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """sama_tps, beda_tps, beda_kelurahan or beda_kecamatan for each pair (a[k], b[k])."""
    kec = records["kecamatan_norm"].astype(str).to_numpy()
    kel = records["kelurahan_norm"].astype(str).to_numpy()
    tps = records["tps_norm"].astype(str).to_numpy()
    return np.select(
        [kec[a] != kec[b], kel[a] != kel[b], tps[a] != tps[b]],
        ["beda_kecamatan", "beda_kelurahan", "beda_tps"], "sama_tps")


def _group_kinds(records: pd.DataFrame, members: np.ndarray,
                 group: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """jenis: identik (every identity field written the same) or mirip; lokasi: sama_tps,
    beda_tps, beda_kelurahan or beda_kecamatan (the widest spread inside the group)."""
    rows = records.iloc[members]
    columns = [rows[c].astype(str).str.strip().str.upper() for c in IDENTITY]
    ident_key = columns[0].str.cat(columns[1:], sep="|")
    kec = rows["kecamatan_norm"].astype(str)
    kel = kec + "/" + rows["kelurahan_norm"].astype(str)
    # A list without a TPS column has no TPS numbers: compare what is there.
    tps = kel + "/" + rows["tps_norm"].astype("Int64").astype("string").fillna("")
    frame = pd.DataFrame({"g": group, "ident": ident_key.to_numpy(), "kec": kec.to_numpy(),
                          "kel": kel.to_numpy(), "tps": tps.to_numpy()})
    spread = frame.groupby("g").nunique()
    jenis = np.where(spread["ident"] == 1, "identik", "mirip")
    lokasi = np.select(
        [spread["kec"] > 1, spread["kel"] > 1, spread["tps"] > 1],
        ["beda_kecamatan", "beda_kelurahan", "beda_tps"],
        "sama_tps",
    )
    per_group = pd.DataFrame({"jenis": jenis, "lokasi": lokasi}, index=spread.index)
    mapped = per_group.reindex(group)
    return mapped["jenis"].to_numpy(), mapped["lokasi"].to_numpy()


def registration_hints(people: pd.DataFrame, listed: pd.DataFrame, labels: dict
                       ) -> pd.DataFrame:
    """saran_kelurahan, saran_tps, saran_dasar, saran_berkas, saran_baris: where each of
    ``people`` (not on the list) should register, from a household member on the list (see
    :mod:`coklit.household`)."""
    member, basis = household_members(people, listed)
    has = member >= 0
    rows = listed.iloc[np.where(has, member, 0)] if len(listed) else listed
    out = pd.DataFrame(index=range(len(people)))
    if len(listed):
        shown = places(rows, labels).reset_index(drop=True)
        out["saran_kelurahan"] = np.where(has, shown["kelurahan"].astype(str), "")
        out["saran_tps"] = np.where(has, shown["tps"].astype(str), "")
        out["saran_berkas"] = np.where(has, rows["berkas"].astype(str), "")
        out["saran_baris"] = np.where(has, rows["baris"].astype(str), "")
    else:
        for column in ("saran_kelurahan", "saran_tps", "saran_berkas", "saran_baris"):
            out[column] = ""
    out["saran_dasar"] = basis_text(basis)
    return out


def link_tables(
    field: pd.DataFrame,
    listed: pd.DataFrame,
    links: Links,
    labels: dict,
    election_date: dt.date,
    voting_age: int,
) -> dict[str, pd.DataFrame]:
    """cocok, belum_terdaftar, hasil_lapangan and the field part of tms."""
    spec = links.scored.spec
    matched = explain(links.matched, spec)
    fi, li = matched["i"].to_numpy(), matched["j"].to_numpy()
    f_rows, l_rows = field.iloc[fi].reset_index(drop=True), listed.iloc[li].reset_index(drop=True)
    f_place, l_place = places(f_rows, labels), places(l_rows, labels)
    skor = pd.Series(matched["skor"].to_numpy()).round(3).map("{:.3f}".format)

    cocok = pd.DataFrame({
        "berkas_lapangan": f_rows["berkas"], "baris_lapangan": f_rows["baris"].astype(str),
        "berkas_dpt": l_rows["berkas"], "baris_dpt": l_rows["baris"].astype(str),
        "nama_lapangan": f_rows["nama"], "nama_dpt": l_rows["nama"],
        "nik_lapangan": f_rows["nik"], "nik_dpt": l_rows["nik"],
        "tanggal_lahir_lapangan": f_rows["tanggal_lahir"], "tanggal_lahir_dpt": l_rows["tanggal_lahir"],
        "kecamatan_lapangan": f_place["kecamatan"], "kelurahan_lapangan": f_place["kelurahan"],
        "tps_lapangan": f_place["tps"], "kecamatan_dpt": l_place["kecamatan"],
        "kelurahan_dpt": l_place["kelurahan"], "tps_dpt": l_place["tps"],
        "kategori_lapangan": f_rows["kategori"].astype(str),
        "skor": skor, "alasan": matched["alasan"].to_numpy(),
    })[BASE_COLUMNS["cocok"]]

    # TMS evidenced in the field: a TMS status on the matched field row, or the person found
    # at another TPS of the same kelurahan (KPU code 8).
    kat = f_rows["kategori"].astype(str)
    other_tps = (
        (f_rows["tps_norm"].astype("Int64") != l_rows["tps_norm"].astype("Int64")).fillna(False)
        & (f_rows["kelurahan_norm"].astype(str) == l_rows["kelurahan_norm"].astype(str))
        & (f_rows["kelurahan_norm"].astype(str) != "")
    ).astype(bool)
    tms_kat = kat.where(kat.isin(TMS_CATEGORIES), np.where(other_tps, "tms_8", ""))
    has_tms = tms_kat != ""
    status_text = f_rows["status"].astype(str).where(f_rows["status"].astype(str) != "", f_rows["keterangan"].astype(str))
    bukti = code_columns("temuan.bukti_lapangan", berkas=f_rows["berkas"], baris=f_rows["baris"], status=status_text)
    bukti_tps = code_columns("temuan.bukti_tps", berkas=f_rows["berkas"], baris=f_rows["baris"],
                             tps_lapangan=f_place["tps"], tps_dpt=l_place["tps"])
    bukti = bukti.where(~(other_tps & ~kat.isin(TMS_CATEGORIES)), bukti_tps)
    tms_field = _tms_rows(l_rows[has_tms.to_numpy()], tms_kat[has_tms], "lapangan",
                          bukti[has_tms], skor[has_tms.to_numpy()], labels)

    # Field rows with no link: to check by hand when their best candidate is plausible, else
    # belum terdaftar when eligible.
    eligible, reason = field_eligibility(field, election_date, voting_age)
    linked = np.zeros(len(field), dtype=bool)
    linked[fi] = True
    review = np.zeros(len(field), dtype=bool)
    review[links.review["i"].to_numpy()] = True
    review &= ~linked
    best = explain(links.best, spec)
    perlu_cek = _review_rows(field, listed, best, review, labels)
    unlinked_eligible = ~linked & ~review & eligible.to_numpy()
    rows = field[unlinked_eligible]
    belum = identity(rows, labels).reset_index(drop=True)
    belum["alasan_memenuhi_syarat"] = reason[unlinked_eligible].to_numpy()
    near = best.set_index("i").reindex(np.flatnonzero(unlinked_eligible))
    has_near = near["j"].notna().to_numpy()
    cand = listed.iloc[near["j"].fillna(0).astype(int).to_numpy()].reset_index(drop=True)
    for col, src in (("kandidat_berkas", "berkas"), ("kandidat_baris", "baris"),
                     ("kandidat_nama", "nama"), ("kandidat_nik", "nik"),
                     ("kandidat_tanggal_lahir", "tanggal_lahir")):
        belum[col] = np.where(has_near, cand[src].astype(str), "")
    belum["kandidat_skor"] = np.where(has_near, near["skor"].fillna(0).round(3).map("{:.3f}".format), "")
    belum["kandidat_alasan"] = np.where(has_near, near["alasan"].fillna(""), "")
    belum = pd.concat([belum, registration_hints(rows, listed, labels)], axis=1)
    belum[FINDING_ID] = single_ids("BT", person_keys(field, np.flatnonzero(unlinked_eligible)))
    belum = belum[[FINDING_ID, *BASE_COLUMNS["belum_terdaftar"]]]

    hasil = np.where(linked, "cocok", np.where(
        review, "perlu_cek", np.where(eligible, "belum_terdaftar", "tidak_terdaftar_tms")))
    outcome = pd.concat([field[["berkas"]], field[["baris"]].astype(str), places(field, labels)], axis=1)
    outcome["nama"] = field["nama"].astype(str)
    outcome["kategori"] = field["kategori"].astype(str)
    outcome["hasil"] = hasil
    pos = np.full(len(field), -1)
    pos[fi] = li
    with_link = pos >= 0
    link_rows = listed.iloc[np.where(with_link, pos, 0)]
    outcome["berkas_dpt"] = np.where(with_link, link_rows["berkas"].astype(str), "")
    outcome["baris_dpt"] = np.where(with_link, link_rows["baris"].astype(str), "")
    link_skor = np.full(len(field), "", dtype=object)
    link_skor[fi] = skor.to_numpy()
    outcome["skor"] = link_skor
    return {
        "cocok": cocok.reset_index(drop=True),
        "belum_terdaftar": belum,
        "lapangan_perlu_cek": perlu_cek,
        "hasil_lapangan": outcome[BASE_COLUMNS["hasil_lapangan"]].reset_index(drop=True),
        "tms_lapangan": tms_field,
    }


def _review_rows(field: pd.DataFrame, listed: pd.DataFrame, best: pd.DataFrame,
                 review: np.ndarray, labels: dict) -> pd.DataFrame:
    """lapangan_perlu_cek: field records whose best list candidate is plausible but not
    certain, with that candidate and the evidence for and against."""
    positions = np.flatnonzero(review)
    if len(positions) == 0:
        return pd.DataFrame(columns=BASE_COLUMNS["lapangan_perlu_cek"])
    rows = field.iloc[positions]
    table = identity(rows, labels).reset_index(drop=True)
    table["kategori"] = rows["kategori"].astype(str).to_numpy()
    near = best.set_index("i").reindex(positions)
    cand = listed.iloc[near["j"].astype(int).to_numpy()].reset_index(drop=True)
    cand_place = places(cand, labels)
    for col, src in (("kandidat_berkas", "berkas"), ("kandidat_baris", "baris"),
                     ("kandidat_nama", "nama"), ("kandidat_nik", "nik"),
                     ("kandidat_tanggal_lahir", "tanggal_lahir")):
        table[col] = cand[src].astype(str).to_numpy()
    for col in ("kecamatan", "kelurahan", "tps"):
        table[f"kandidat_{col}"] = cand_place[col].to_numpy()
    table["kandidat_skor"] = near["skor"].round(3).map("{:.3f}".format).to_numpy()
    table["kandidat_alasan"] = near["alasan"].to_numpy()
    table[FINDING_ID] = record_pair_ids(field, positions, near["j"].astype(int).to_numpy(), "LC",
                                        listed)
    return table[[FINDING_ID, *BASE_COLUMNS["lapangan_perlu_cek"]]]


def _tms_rows(rows: pd.DataFrame, kategori: pd.Series, sumber: str, bukti: pd.Series,
              skor: np.ndarray | str, labels: dict) -> pd.DataFrame:
    table = identity(rows, labels).reset_index(drop=True)
    kat = pd.Series(np.asarray(kategori, dtype=object))
    table["kategori"] = kat
    table["kode_kpu"] = kat.map(KODE_KPU).fillna("")
    table["kategori_nama"] = kat.map(codes("category", CATEGORIES)).fillna(kat)
    table["sumber"] = sumber
    table["bukti"] = np.asarray(bukti, dtype=object)
    table["skor"] = np.asarray(skor, dtype=object)
    table[FINDING_ID] = single_ids("TM", person_keys(rows, np.arange(len(rows))),
                                   kat.astype(str).to_numpy() + "|" + sumber)
    return table[[FINDING_ID, *BASE_COLUMNS["tms"]]]


def list_tms_table(
    listed: pd.DataFrame, under_age: pd.Series, election_date: dt.date, labels: dict
) -> pd.DataFrame:
    """TMS visible on the list itself: under age on election day and never married, and TMS
    marks already written in the list's own STATUS/KETERANGAN column."""
    kat = listed["kategori"].astype(str)
    marked = kat.isin(TMS_CATEGORIES)
    young = under_age.to_numpy() & ~marked.to_numpy()
    age = birthdate.ages(listed["tgl_lahir"], election_date)
    parts = []
    if young.any():
        r = listed[young]
        bukti = code_columns("temuan.bukti_umur", usia=age[young].astype(str),
                             tanggal=pd.Series(election_date.isoformat(), index=r.index),
                             kawin=r["status_kawin"].astype(str))
        parts.append(_tms_rows(r, pd.Series("tms_3", index=r.index), "dpt", bukti, "", labels))
    if marked.any():
        r = listed[marked.to_numpy()]
        status_text = r["status"].astype(str).where(r["status"].astype(str) != "", r["keterangan"].astype(str))
        bukti = code_columns("temuan.bukti_ket_dpt", status=status_text)
        parts.append(_tms_rows(r, kat[marked], "dpt", bukti, "", labels))
    if not parts:
        return pd.DataFrame(columns=BASE_COLUMNS["tms"])
    return pd.concat(parts, ignore_index=True)
