"""``coklit banding --temuan-lama DIR``: which findings of a previous ``coklit check`` on the
old list the new version resolved, and which remain.

- **tms** (a list row not eligible): resolved when the row is gone from the new version; a
  kode 8 row (wrong TPS) also when the person's TPS changed.
- **ganda** (a duplicate group): resolved when at most one of its rows is left.
- **belum_terdaftar** (an eligible person found in the field, not listed): resolved when the
  person is now on the list. The field file of that run is read again (its path and SHA-256
  are in the folder's ``info_proses.json``) and linked to the new version with the same
  matcher as ``check``; when it cannot be found unchanged, these findings are reported as
  not checkable, with the reason.

The old findings are joined to the old list by file and row: the folder must come from a run
on the same old list (checked by the files' SHA-256).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from coklit.coded import code, code_columns
from coklit.config import RunConfig
from coklit.errors import InputError
from coklit.results import TABLE_COLUMNS, UNKNOWN_PLACE, column_sums, with_total

KINDS = ("ganda", "tms", "belum_terdaftar")
RESOLVED, REMAINS, UNCHECKED = "selesai", "tetap", "tidak_dapat_dicek"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _fmt(key: str, **columns) -> np.ndarray:
    """Coded cells of message ``key``, one per row of the columns (matched by position)."""
    columns = {k: np.asarray(v, dtype=object) for k, v in columns.items()}
    return code_columns(key, **columns).to_numpy(dtype=object)


def _berkas_map(info: dict, old_files, folder: Path) -> dict[str, str]:
    """The old run's list file names -> this run's old-list file names, by content."""
    ours = {f.sha256: f.berkas for f in old_files}
    names = {f.berkas for f in old_files}
    mapping = {}
    for item in info.get("inputs") or []:
        if item.get("role") != "dpt":
            continue
        if item.get("sha256") not in ours:
            raise InputError("temuan_lama.other_list", path=str(folder),
                             berkas=str(item.get("berkas", "")))
        berkas = str(item.get("berkas", ""))
        # Same name (sheets of one workbook share a SHA-256): as is; a renamed file: by content.
        mapping[berkas] = berkas if berkas in names else ours[item["sha256"]]
    return mapping


def _field_file(info: dict, folder: Path, old_paths: list[str]) -> tuple[list[str], str]:
    """The old run's field files (as they can be found now, same SHA-256) or ``[]``, and their
    names."""
    found, names = [], []
    for item in info.get("inputs") or []:
        if item.get("role") != "lapangan":
            continue
        names.append(str(item.get("berkas", "")))
        given = Path(str(item.get("path", "")))
        candidates = [given, folder / given, folder.parent / given.name,
                      *(Path(p).parent / given.name for p in old_paths)]
        match = next((c for c in candidates
                      if c.is_file() and _sha256(c) == item.get("sha256")), None)
        if match is None:
            return [], ", ".join(names)
        found.append(str(match))
    return found, ", ".join(names)


def _row_status(table: pd.DataFrame, berkas_map: dict, old: pd.DataFrame, new: pd.DataFrame,
                li: np.ndarray, ni: np.ndarray, tps_changed: np.ndarray):
    """Per finding row (berkas/baris of the old list): old position, matched new position
    (-1 when removed) and whether its TPS changed."""
    key_old = pd.Series(np.arange(len(old)),
                        index=pd.MultiIndex.from_arrays([old["berkas"].astype(str),
                                                         old["baris"].astype(str)]))
    berkas = table["berkas"].astype(str).map(berkas_map).fillna(table["berkas"].astype(str))
    pos = key_old.reindex(pd.MultiIndex.from_arrays([berkas, table["baris"].astype(str)]))
    pos = pos.fillna(-1).astype(int).to_numpy()
    new_of = np.full(len(old), -1)
    new_of[li] = ni
    tps_of = np.zeros(len(old), dtype=bool)
    tps_of[li] = tps_changed
    matched = np.where(pos >= 0, new_of[np.clip(pos, 0, None)], -1)
    return pos, matched, np.where(pos >= 0, tps_of[np.clip(pos, 0, None)], False)


def load(folder: Path, old):
    """The previous result folder, read and checked against the old list (before any
    matching is done, so a wrong folder is reported at once)."""
    from coklit.report import load_result

    previous = load_result(Path(folder))
    _berkas_map(previous.meta, old.files, Path(folder))
    return previous


def resolve(previous, folder: Path, old, new, li: np.ndarray, ni: np.ndarray,
            tps_changed: np.ndarray, old_paths: list[str], cfg: RunConfig) -> pd.DataFrame:
    """The ``temuan_lama`` table: one row per old finding (a duplicate group, a TMS row, a
    belum terdaftar person) with its status and why. ``previous``: see :func:`load`."""
    info = previous.meta
    berkas_map = _berkas_map(info, old.files, Path(folder))
    o, n = old.records, new.records
    n_berkas, n_baris = n["berkas"].astype(str).to_numpy(), n["baris"].astype(str).to_numpy()
    n_tps = n["tps"].astype(str).to_numpy()
    parts = []

    tms = previous.tables.get("tms")
    if tms is not None and len(tms):
        pos, matched, moved = _row_status(tms, berkas_map, o, n, li, ni, tps_changed)
        gone = matched < 0
        fixed_tps = ~gone & moved & tms["kategori"].eq("tms_8").to_numpy()
        at = np.clip(matched, 0, None)
        why = np.where(gone, code("temuan_lama.dihapus"), np.where(
            fixed_tps, _fmt("temuan_lama.tps", lama=tms["tps"], baru=n_tps[at],
                            berkas=n_berkas[at], baris=n_baris[at]),
            _fmt("temuan_lama.masih", berkas=n_berkas[at], baris=n_baris[at])))
        parts.append(pd.DataFrame({
            "temuan": "tms", "kategori": tms["kategori"].to_numpy(),
            "berkas": tms["berkas"].to_numpy(), "baris": tms["baris"].to_numpy(),
            "kecamatan": tms["kecamatan"].to_numpy(), "kelurahan": tms["kelurahan"].to_numpy(),
            "tps": tms["tps"].to_numpy(), "nama": tms["nama"].to_numpy(),
            "status": np.where(gone | fixed_tps, RESOLVED, REMAINS), "keterangan": why,
            "berkas_baru": np.where(gone, "", n_berkas[at]),
            "baris_baru": np.where(gone, "", n_baris[at])}))

    ganda = previous.tables.get("ganda")
    if ganda is not None and len(ganda):
        _, matched, _ = _row_status(ganda, berkas_map, o, n, li, ni, tps_changed)
        at = np.clip(matched, 0, None)
        rows = ganda.assign(_left=matched >= 0,
                            _where=np.where(matched >= 0, n_berkas[at] + " " + n_baris[at], ""))
        groups = rows.groupby("grup", sort=False)
        first = groups.head(1).set_index("grup")
        left = groups["_left"].sum()
        where = rows[rows["_left"]].groupby("grup", sort=False)["_where"].agg("; ".join)
        where = where.reindex(first.index).fillna("")
        n_left = left.reindex(first.index).astype(int)
        parts.append(pd.DataFrame({
            "temuan": "ganda", "kategori": first["jenis"].to_numpy(),
            "berkas": first["berkas"].to_numpy(), "baris": first["baris"].to_numpy(),
            "kecamatan": first["kecamatan"].to_numpy(),
            "kelurahan": first["kelurahan"].to_numpy(), "tps": first["tps"].to_numpy(),
            "nama": first["nama"].to_numpy(),
            "status": np.where(n_left <= 1, RESOLVED, REMAINS),
            "keterangan": _fmt("temuan_lama.grup", n=n_left.astype(str), baris=where),
            "berkas_baru": "", "baris_baru": ""}))

    belum = previous.tables.get("belum_terdaftar")
    if belum is not None and len(belum):
        parts.append(_belum(belum, info, Path(folder), old_paths, new, cfg))
    if not parts:
        return pd.DataFrame(columns=TABLE_COLUMNS["temuan_lama"])
    return pd.concat(parts, ignore_index=True)[TABLE_COLUMNS["temuan_lama"]].astype(str)


def _belum(belum: pd.DataFrame, info: dict, folder: Path, old_paths: list[str], new,
           cfg: RunConfig) -> pd.DataFrame:
    from coklit.match import link_records, prepare
    from coklit.normalize import normalize_records
    from coklit.schema import load_dataset

    base = pd.DataFrame({
        "temuan": "belum_terdaftar", "kategori": belum["alasan_memenuhi_syarat"].to_numpy(),
        "berkas": belum["berkas"].to_numpy(), "baris": belum["baris"].to_numpy(),
        "kecamatan": belum["kecamatan"].to_numpy(), "kelurahan": belum["kelurahan"].to_numpy(),
        "tps": belum["tps"].to_numpy(), "nama": belum["nama"].to_numpy()})
    paths, names = _field_file(info, folder, old_paths)
    if not paths:
        return base.assign(status=UNCHECKED,
                           keterangan=code("temuan_lama.tanpa_lapangan", berkas=names),
                           berkas_baru="", baris_baru="")
    field = load_dataset(paths, "lapangan", cfg.read)
    records = normalize_records(field.records, cfg.validate.election_date)
    links = link_records(records, prepare(new.records), cfg.match)
    key = pd.Series(np.arange(len(records)), index=pd.MultiIndex.from_arrays(
        [records["berkas"].astype(str), records["baris"].astype(str)]))
    pos = key.reindex(pd.MultiIndex.from_arrays([base["berkas"].astype(str),
                                                 base["baris"].astype(str)]))
    pos = pos.fillna(-1).astype(int).to_numpy()
    linked = np.full(len(records), -1)
    linked[links.matched["i"].to_numpy()] = links.matched["j"].to_numpy()
    score = np.zeros(len(records))
    score[links.matched["i"].to_numpy()] = links.matched["skor"].to_numpy()
    j = np.where(pos >= 0, linked[np.clip(pos, 0, None)], -1)
    s = np.where(pos >= 0, score[np.clip(pos, 0, None)], 0.0)
    at = np.clip(j, 0, None)
    n_berkas = new.records["berkas"].astype(str).to_numpy()[at]
    n_baris = new.records["baris"].astype(str).to_numpy()[at]
    found = j >= 0
    why = np.where(found, _fmt("temuan_lama.terdaftar", berkas=n_berkas, baris=n_baris,
                               skor=pd.Series(s).map("{:.3f}".format)),
                   code("temuan_lama.belum"))
    return base.assign(status=np.where(found, RESOLVED, REMAINS), keterangan=why,
                       berkas_baru=np.where(found, n_berkas, ""),
                       baris_baru=np.where(found, n_baris, ""))


def rekap(table: pd.DataFrame) -> pd.DataFrame:
    """rekap_temuan_lama: per kecamatan, resolved and remaining findings of each kind."""
    columns = TABLE_COLUMNS["rekap_temuan_lama"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    key = table["temuan"] + "_" + table["status"]
    counts = (pd.crosstab(table["kecamatan"].replace("", UNKNOWN_PLACE["kecamatan"]), key)
              .reindex(columns=columns[1:], fill_value=0).reset_index())
    counts.columns = columns
    return with_total(counts, column_sums(counts, columns[1:]))
