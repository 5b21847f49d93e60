"""Comparing two versions of a voter list (``coklit banding LAMA BARU``): who was added,
removed and changed between, e.g., the DPS and the DPT.

People are matched with the same model that links field records to the list
(:func:`coklit.match.link_records`: blocking, Fellegi-Sunter weights estimated from these two
lists, one-to-one assignment with the strongest claim first, ``--ambang`` as the link
threshold). A shared NIK alone does not make two rows one person and a different NIK does not
make them two (a NIK typo corrected between versions is a change of the same person): the
model weighs every field. Every old row ends up either matched (``banding_cocok``) or removed
(``banding_hapus``), every new row either matched or added (``banding_tambah``); unreadable
rows go to ``ditolak`` as in every command. For matched people, ``banding_ubah`` lists each
field whose value changed (compared in normalised form, so ``029`` and ``29`` or two date
formats are not changes), with the old and new value as written.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from coklit import findings, sanity
from coklit.coded import plain
from coklit.config import RunConfig
from coklit.match import Params, explain, link_records, prepare
from coklit.pipeline import StepFn, _Clock, _load, _meta, _model_meta, _rejected
from coklit.results import (
    BANDING_COUNTS,
    TABLE_COLUMNS,
    UNKNOWN_PLACE,
    RunResult,
    column_sums,
    with_total,
)

# Fields compared between versions: field -> normalised column (None: the value as written,
# upper case, spaces collapsed). Disability is left out (it is never shown in shared outputs);
# usia follows from the birth date; status/keterangan are the officers' marks, not data.
COMPARED: dict[str, str | None] = {
    "nik": "nik_norm", "nkk": "nkk_norm", "nama": None, "tempat_lahir": "tempat_norm",
    "tanggal_lahir": "tgl_lahir", "status_kawin": "kawin_norm", "jenis_kelamin": "jk_norm",
    "alamat": "alamat_norm", "rt": "rt_norm", "rw": "rw_norm", "ktp_el": None,
    "kecamatan": "kecamatan_norm", "kelurahan": "kelurahan_norm", "tps": "tps_norm",
}
REKAP_LEVELS = {"rekap_banding_kecamatan": ["kecamatan"],
                "rekap_banding_kelurahan": ["kecamatan", "kelurahan"],
                "rekap_banding_tps": ["kecamatan", "kelurahan", "tps"]}


def _written(values: pd.Series) -> pd.Series:
    """Values as written, upper case, spaces collapsed (vectorised in Arrow)."""
    text = values.astype("string[pyarrow]").fillna("")
    return text.str.upper().str.replace(r"\s+", " ", regex=True).str.strip()


def comparison_values(records: pd.DataFrame, field: str) -> pd.Series:
    """The form in which ``field`` is compared: the normalised value, or the value as written
    (marked ``~``) when it has no normalised form (an unreadable date, say)."""
    column = COMPARED[field]
    if column is None:
        return _written(records[field])
    norm = records[column]
    if pd.api.types.is_datetime64_any_dtype(norm.dtype):
        text = norm.dt.strftime("%Y-%m-%d")
    else:
        text = norm.astype("string[pyarrow]")
    text = text.astype("string[pyarrow]").fillna("")
    empty = (text == "").to_numpy(dtype=bool)
    if empty.any():
        raw = _written(records[field][empty])
        text[empty] = ("~" + raw).where(raw != "", "").to_numpy()
    return text


def compared_fields(old: pd.DataFrame, new: pd.DataFrame) -> list[str]:
    """Fields both versions carry (some non-empty value on each side)."""
    return [f for f in COMPARED
            if (old[f].astype(str).str.strip() != "").any()
            and (new[f].astype(str).str.strip() != "").any()]


def changed_fields(old: pd.DataFrame, new: pd.DataFrame, li: np.ndarray, ni: np.ndarray,
                   fields: list[str]) -> dict[str, np.ndarray]:
    """Per field, whether its value differs between old row ``li[k]`` and new row ``ni[k]``."""
    out = {}
    for field in fields:
        a = comparison_values(old, field).to_numpy(dtype=object)[li]
        b = comparison_values(new, field).to_numpy(dtype=object)[ni]
        codes, _ = pd.factorize(np.concatenate([a, b]))
        out[field] = codes[: len(a)] != codes[len(a):]
    return out


def _score(values: pd.Series | np.ndarray) -> np.ndarray:
    return pd.Series(np.asarray(values, dtype=float)).round(3).map("{:.3f}".format).to_numpy()


def _unmatched_table(records: pd.DataFrame, rows: np.ndarray, other: pd.DataFrame,
                     near: pd.DataFrame, labels: dict, review: float) -> pd.DataFrame:
    """banding_tambah / banding_hapus: the unmatched rows with their nearest candidate on the
    other side when it is at least plausible (``review``), for the officer to check."""
    table = findings.identity(records.iloc[rows], labels).reset_index(drop=True)
    status = records["status"].astype(str).iloc[rows]
    remark = records["keterangan"].astype(str).iloc[rows]
    # The officers' own marks: plain text, never read as a coded cell.
    table["keterangan"] = plain(status.where(status.str.strip() != "", remark)).to_numpy()
    near = near.set_index("row").reindex(rows)
    has = (near["skor"].fillna(0).to_numpy() >= review)
    cand = other.iloc[near["other"].fillna(0).astype(int).to_numpy()].reset_index(drop=True)
    for column, source in (("kandidat_berkas", "berkas"), ("kandidat_baris", "baris"),
                           ("kandidat_nama", "nama"), ("kandidat_nik", "nik"),
                           ("kandidat_tanggal_lahir", "tanggal_lahir")):
        table[column] = np.where(has, cand[source].astype(str), "")
    table["kandidat_skor"] = np.where(has, _score(near["skor"].fillna(0)), "")
    table["kandidat_alasan"] = np.where(has, near["alasan"].fillna("").astype(str), "")
    return table[TABLE_COLUMNS["banding_tambah"]]


def _rekap(keys: list[str], old_pl: pd.DataFrame, new_pl: pd.DataFrame, li: np.ndarray,
           ni: np.ndarray, removed: np.ndarray, added: np.ndarray,
           changed: np.ndarray) -> pd.DataFrame:
    """Counts per place at one level (see ``BANDING_COUNTS``), with a TOTAL row."""
    o, n = old_pl[keys].reset_index(drop=True), new_pl[keys].reset_index(drop=True)
    o_m, n_m = o.iloc[li].reset_index(drop=True), n.iloc[ni].reset_index(drop=True)
    moved = (o_m.to_numpy() != n_m.to_numpy()).any(axis=1)
    parts = [o.assign(m="pemilih_lama"), n.assign(m="pemilih_baru"),
             o[removed].assign(m="hapus"), n[added].assign(m="tambah"),
             n_m.assign(m=np.where(changed, "ubah", "tetap")),
             o_m[moved].assign(m="pindah_keluar"), n_m[moved].assign(m="pindah_masuk")]
    events = pd.concat(parts, ignore_index=True)
    for key in keys:
        if key in UNKNOWN_PLACE:
            events[key] = events[key].astype(str).replace("", UNKNOWN_PLACE[key])
    table = (events.groupby([*keys, "m"]).size().unstack("m", fill_value=0)
             .reindex(columns=BANDING_COUNTS, fill_value=0).reset_index()
             .sort_values(keys, kind="stable").reset_index(drop=True))
    table = with_total(table, column_sums(table, BANDING_COUNTS))
    table[BANDING_COUNTS] = table[BANDING_COUNTS].astype("int64")
    return table[[*keys, *BANDING_COUNTS]]


def compare_versions(old: pd.DataFrame, new: pd.DataFrame, links, labels: dict,
                     review: float) -> dict[str, pd.DataFrame]:
    """The banding tables from two normalised record frames and the links old -> new."""
    spec = links.scored.spec
    matched = explain(links.matched, spec).reset_index(drop=True)
    li, ni = matched["i"].to_numpy(), matched["j"].to_numpy()
    fields = compared_fields(old, new)
    changes = changed_fields(old, new, li, ni, fields)
    any_change = np.zeros(len(li), dtype=bool)
    names = np.full(len(li), "", dtype=object)
    for field in fields:
        hit = changes[field]
        any_change |= hit
        names = np.where(hit, np.where(names == "", field, names + "; " + field), names)
    o_rows, n_rows = old.iloc[li].reset_index(drop=True), new.iloc[ni].reset_index(drop=True)
    n_place = findings.places(n_rows, labels)
    skor = _score(matched["skor"])
    cocok = pd.DataFrame({
        "berkas_lama": o_rows["berkas"], "baris_lama": o_rows["baris"].astype(str),
        "berkas_baru": n_rows["berkas"], "baris_baru": n_rows["baris"].astype(str),
        "kecamatan": n_place["kecamatan"], "kelurahan": n_place["kelurahan"],
        "tps": n_place["tps"], "nama_lama": o_rows["nama"].astype(str),
        "nama_baru": n_rows["nama"].astype(str), "nik_lama": o_rows["nik"].astype(str),
        "nik_baru": n_rows["nik"].astype(str),
        "tanggal_lahir_lama": o_rows["tanggal_lahir"].astype(str),
        "tanggal_lahir_baru": n_rows["tanggal_lahir"].astype(str),
        "hasil": np.where(any_change, "ubah", "tetap"), "kolom_berubah": names,
        "skor": skor, "alasan": matched["alasan"].to_numpy(),
    })
    # One row per changed field, in the order of the fields, pairs in old-row order.
    o_place, parts = findings.places(o_rows, labels), []
    for rank, field in enumerate(fields):
        hit = np.flatnonzero(changes[field])
        if not len(hit):
            continue
        if field in ("kecamatan", "kelurahan", "tps"):
            before, after = o_place[field].to_numpy()[hit], n_place[field].to_numpy()[hit]
        else:
            before = o_rows[field].astype(str).to_numpy()[hit]
            after = n_rows[field].astype(str).to_numpy()[hit]
        part = cocok.iloc[hit][["berkas_lama", "baris_lama", "berkas_baru", "baris_baru",
                                "kecamatan", "kelurahan", "tps", "nama_baru", "skor"]]
        parts.append(part.rename(columns={"nama_baru": "nama"}).assign(
            kolom=field, nilai_lama=before, nilai_baru=after, _pair=hit, _rank=rank))
    if parts:
        ubah = (pd.concat(parts, ignore_index=True).sort_values(["_pair", "_rank"], kind="stable")
                .drop(columns=["_pair", "_rank"]).reset_index(drop=True))
    else:
        ubah = pd.DataFrame(columns=TABLE_COLUMNS["banding_ubah"])

    scored = links.scored.pairs
    removed = np.ones(len(old), dtype=bool)
    removed[li] = False
    added = np.ones(len(new), dtype=bool)
    added[ni] = False
    # Nearest candidates: an old row's best new row (the links' own "best"), a new row's best
    # old row (the strongest scored pair that holds it).
    best_old = explain(links.best[removed[links.best["i"].to_numpy()]], spec)
    near_old = pd.DataFrame({"row": best_old["i"], "other": best_old["j"],
                             "skor": best_old["skor"], "alasan": best_old["alasan"]})
    pool = scored[added[scored["j"].to_numpy()]]
    pool = pool.sort_values(["j", "bobot"], ascending=[True, False], kind="stable")
    best_new = explain(pool.drop_duplicates("j").reset_index(drop=True), spec)
    near_new = pd.DataFrame({"row": best_new["j"], "other": best_new["i"],
                             "skor": best_new["skor"], "alasan": best_new["alasan"]})
    hapus = _unmatched_table(old, np.flatnonzero(removed), new, near_old, labels, review)
    tambah = _unmatched_table(new, np.flatnonzero(added), old, near_new, labels, review)

    old_pl, new_pl = findings.places(old, labels), findings.places(new, labels)
    tables = {"banding_tambah": tambah, "banding_hapus": hapus, "banding_ubah": ubah,
              "banding_cocok": cocok}
    for name, keys in REKAP_LEVELS.items():
        tables[name] = _rekap(keys, old_pl, new_pl, li, ni, removed, added, any_change)
    tables["_per_kolom"] = pd.DataFrame({"kolom": fields,
                                         "jumlah": [int(changes[f].sum()) for f in fields]})
    return tables


def run_banding(lama: list[str], baru: list[str], cfg: RunConfig,
                on_step: StepFn | None = None,
                models: dict[str, Params] | None = None,
                temuan_lama: str | None = None) -> RunResult:
    """Compare two versions of a list: tambah, hapus, ubah (per field), the matched pairs
    with score and reason, and counts per kecamatan, kelurahan and TPS. ``models``: a link
    model fitted before (``model_cocok``) to apply instead of fitting one on these lists.
    ``temuan_lama``: the folder of a ``coklit check`` on the old list; its findings are
    reported as resolved or remaining (:mod:`coklit.temuan_lama`)."""
    clock = _Clock(on_step)
    old = _load(lama, "lama", cfg, clock)
    new = _load(baru, "baru", cfg, clock)
    sanity.check_roles([old, new])
    if temuan_lama is not None:
        from coklit import temuan_lama as previous_run

        previous = previous_run.load(Path(temuan_lama), old)
    labels = findings.place_labels(new.records, old.records)
    clock.step("banding", lama=len(old.records), baru=len(new.records))
    model = (models or {}).get("model_cocok")
    links = link_records(old.records, prepare(new.records), cfg.match, params=model,
                         refit_prior=model is not None,
                         on_pairs=lambda n: clock.count(pasangan=n))
    clock.step("findings")
    tables = compare_versions(old.records, new.records, links, labels, cfg.match.review_link)
    per_field = tables.pop("_per_kolom")
    if temuan_lama is not None:
        li, ni = links.matched["i"].to_numpy(), links.matched["j"].to_numpy()
        tps = (changed_fields(old.records, new.records, li, ni, ["tps"])["tps"]
               if "tps" in compared_fields(old.records, new.records)
               else np.zeros(len(li), dtype=bool))
        tables["temuan_lama"] = previous_run.resolve(previous, Path(temuan_lama), old, new,
                                                     li, ni, tps, list(lama), cfg)
        tables["rekap_temuan_lama"] = previous_run.rekap(tables["temuan_lama"])
    tables["ditolak"] = _rejected(old, new)
    tables = {name: t.reindex(columns=TABLE_COLUMNS[name]).fillna("")
              for name, t in tables.items()}
    model_meta = _model_meta(links.scored, links.expected_false.sum(),
                             links.expected_missed.sum(), model is not None)
    clock.step("selesai")
    meta = _meta("banding", cfg, [old, new], clock, {"model_cocok": model_meta})
    total = tables["rekap_banding_kecamatan"].iloc[-1]
    meta["measures"]["banding"] = {c: int(total[c]) for c in BANDING_COUNTS}
    meta["measures"]["banding_per_kolom"] = dict(zip(per_field["kolom"],
                                                     per_field["jumlah"], strict=True))
    return RunResult("banding", tables, meta)
