"""Stable finding ids and the review ledger (tinjauan): marks officers put on findings.

Every finding row gets an ``id_temuan`` derived from the people involved, never from row
numbers, so the same finding keeps its id when the list is re-exported, reordered, extended
or replaced by its next version:

* a person's key is a hash of their normalised NIK, name, birth date, kelurahan and TPS (what
  stays the same when a list is re-exported; row numbers and file names do not);
* a single-person finding (belum terdaftar, TMS, tidak valid) hashes the table's code, the
  finding's kind (category, problem) and the person's key;
* a pair finding (a duplicate pair, a field record and its candidate) hashes the table's code
  and both persons' keys in sorted order, so ``A~B`` and ``B~A`` are one id.

Ids are written with consonant letters only (``GD-KRTMPQZXBC``): no digit in them, so no
masking rule ever touches them and a spreadsheet never turns them into numbers.

Officers mark findings in ``temuan.xlsx`` (``status_cek`` drop-down, ``catatan``,
``pemeriksa``, ``waktu_cek``) or with the buttons of ``laporan.html`` (exported as CSV);
:func:`read_ledger` reads such files back (several merge; for each id the latest mark wins)
and the pipeline carries the marks forward (:func:`attach`). A duplicate pair marked
``keliru`` (shown to be two people) is taken out of the duplicate groups before they are
formed (:func:`drop_rejected_pairs`) and listed in the ``tinjauan`` table instead.

Hashing uses pandas' ``hash_pandas_object`` (SipHash with a fixed key): vectorised, and the
same on every run and machine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from coklit.errors import InputError
from coklit.results import FINDING_ID as ID
from coklit.results import (
    REVIEW_COLUMNS,
    REVIEWED_TABLES,
    TABLE_COLUMNS,
    UNKNOWN_PLACE,
    column_sums,
    with_total,
)

BELUM, BENAR, KELIRU, DIPERBAIKI = "belum dicek", "benar", "keliru", "sudah diperbaiki"
STATUSES = (BELUM, BENAR, KELIRU, DIPERBAIKI)
# Finding tables that carry ids and marks, with the code their ids start with.
ID_PREFIX = {
    "ganda": "GD",
    "ganda_perlu_cek": "GD",  # the same pair keeps its id whether accepted or put up for review
    "belum_terdaftar": "BT",
    "lapangan_perlu_cek": "LC",
    "tms": "TM",
    "tidak_valid": "TV",
}
# The ledger table (every mark read back, with what became of its finding) and its rekap.
LEDGER_COLUMNS = TABLE_COLUMNS["tinjauan"]
STATUS_COUNT_COLUMNS = TABLE_COLUMNS["rekap_tinjauan"][1:]
# keadaan (what became of a marked finding in this run)
STILL_REPORTED = "dilaporkan"
NOT_REPORTED_KELIRU = "tidak_dilaporkan_keliru"
NOT_FOUND = "tidak_ditemukan_lagi"

_LETTERS = np.array(list("BCDFGHJKLMNPQRSTVWXZ"))
_ID_LENGTH = 12  # 20**12 ~ 4e15 distinct ids

# Written values (lower case) that mean each status, in Indonesian and English.
_STATUS_WORDS = {
    "": BELUM, "belum dicek": BELUM, "belum": BELUM, "belum_dicek": BELUM, "unchecked": BELUM,
    "not checked": BELUM,
    "benar": BENAR, "betul": BENAR, "correct": BENAR, "confirmed": BENAR,
    "keliru": KELIRU, "salah": KELIRU, "wrong": KELIRU, "false": KELIRU, "bukan": KELIRU,
    "sudah diperbaiki": DIPERBAIKI, "sudah_diperbaiki": DIPERBAIKI, "diperbaiki": DIPERBAIKI,
    "fixed": DIPERBAIKI, "corrected": DIPERBAIKI,
}


# --- ids ------------------------------------------------------------------------------------

def _hash(frame: pd.DataFrame | pd.Series) -> np.ndarray:
    return pd.util.hash_pandas_object(frame, index=False).to_numpy(dtype=np.uint64)


def person_keys(records: pd.DataFrame, positions: np.ndarray) -> np.ndarray:
    """uint64 key per record at ``positions`` (iloc) of normalised ``records``: NIK, name,
    birth date, kelurahan and TPS (all normalised)."""
    rows = records.iloc[np.asarray(positions, dtype=np.int64)]
    born = pd.to_datetime(rows["tgl_lahir"], errors="coerce")
    parts = pd.DataFrame({
        "nik": rows["nik_norm"].astype(str).to_numpy(),
        "nama": rows["nama_norm"].astype(str).to_numpy(),
        "lahir": born.dt.strftime("%Y-%m-%d").fillna("").to_numpy(),
        "kel": rows["kelurahan_norm"].astype(str).to_numpy(),
        "tps": rows["tps_norm"].astype("Int64").astype("string").fillna("").to_numpy(),
    })
    return _hash(parts)


def _letters(prefix: str, values: np.ndarray) -> np.ndarray:
    """``PREFIX-XXXXXXXXXXXX`` from uint64 values (consonants only)."""
    n = len(values)
    if n == 0:
        return np.array([], dtype=object)
    digits = np.empty((n, _ID_LENGTH), dtype="<U1")
    rest = values.astype(np.uint64).copy()
    for k in range(_ID_LENGTH):
        digits[:, k] = _LETTERS[(rest % np.uint64(len(_LETTERS))).astype(np.int64)]
        rest //= np.uint64(len(_LETTERS))
    body = pd.Series(digits.view(f"<U{_ID_LENGTH}").ravel())
    return (prefix + "-" + body).to_numpy(dtype=object)


def single_ids(prefix: str, keys: np.ndarray, kind: np.ndarray | pd.Series | str = "") -> np.ndarray:
    """Ids of one-person findings: table code, kind (category, problem) and person key."""
    kinds = np.broadcast_to(np.asarray(kind, dtype=object), (len(keys),))
    frame = pd.DataFrame({"p": prefix, "k": pd.Series(kinds, dtype=object).astype(str),
                          "key": keys.astype(np.uint64)})
    return _letters(prefix, _hash(frame))


def pair_ids(prefix: str, keys_a: np.ndarray, keys_b: np.ndarray) -> np.ndarray:
    """Ids of two-person findings, the same whichever person comes first."""
    lo, hi = np.minimum(keys_a, keys_b), np.maximum(keys_a, keys_b)
    frame = pd.DataFrame({"p": prefix, "lo": lo.astype(np.uint64), "hi": hi.astype(np.uint64)})
    return _letters(prefix, _hash(frame))


def record_pair_ids(records: pd.DataFrame, a: np.ndarray, b: np.ndarray,
                    prefix: str = "GD", other: pd.DataFrame | None = None) -> np.ndarray:
    """Pair ids of records ``a[k]`` and ``b[k]`` (iloc positions; ``b`` in ``other`` when
    given, e.g. a field record and its list candidate)."""
    return pair_ids(prefix, person_keys(records, a),
                    person_keys(records if other is None else other, b))


# --- reading marks back ---------------------------------------------------------------------

def _column_aliases() -> dict[str, str]:
    """Header text (lower case, any language) -> ledger column."""
    from coklit.report.labels import COLUMN_LABELS

    out: dict[str, str] = {}
    for column in (ID, *REVIEW_COLUMNS):
        out[column] = column
        out[column.replace("_", " ")] = column
        for text in COLUMN_LABELS.get(column, {}).values():
            out[text.strip().lower()] = column
    return out


def normalise_status(values: pd.Series) -> pd.Series:
    """Written statuses -> one of STATUSES (NaN where unknown)."""
    key = values.astype(str).str.strip().str.lower().str.replace(r"\s+", " ", regex=True)
    return key.map(_STATUS_WORDS)


def _frames_of(path: Path, wanted: dict[str, str]) -> list[pd.DataFrame]:
    """Every table of a ledger file (a CSV, or each sheet of a workbook) as text frames with
    the header on the first row; from a workbook only the columns named in ``wanted`` (header
    text in lower case -> column) are read."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(str(path))
        frames = []
        for name in book.sheet_names:
            rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            if len(rows) < 1:
                continue
            header = [str(h).strip() for h in rows[0]]
            keep = [k for k, h in enumerate(header) if h.lower() in wanted]
            if not keep:
                continue
            frame = pd.DataFrame({
                header[k]: [_cell_text(row[k]) if k < len(row) else "" for row in rows[1:]]
                for k in keep}, dtype=object)
            frame["_baris"] = np.arange(2, len(frame) + 2)
            frames.append(frame)
        return frames
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame = frame.apply(lambda c: c.str.replace(r"^'(?=[=+\-@\t\r])", "", regex=True))
    frame["_baris"] = np.arange(2, len(frame) + 2)
    return [frame]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_ledger(paths: Sequence[str | Path]) -> pd.DataFrame:
    """Marks from review files (coklit's temuan.xlsx or tinjauan.csv, or the CSV exported
    from laporan.html), merged: one row per ``id_temuan`` with ``status_cek``, ``catatan``,
    ``pemeriksa``, ``waktu_cek`` and ``berkas_tinjauan``; for each id the mark with the
    latest ``waktu_cek`` wins (a mark without a time gets its file's modification time; on a
    tie the file named later wins). Rows that only say "belum dicek" with nothing else
    written are not marks."""
    aliases = _column_aliases()
    parts = []
    for order, raw in enumerate(paths):
        path = Path(raw)
        if not path.is_file():
            raise InputError("tinjauan.not_found", path=str(path))
        try:
            frames = _frames_of(path, aliases)
        except (OSError, ValueError, UnicodeDecodeError, pd.errors.ParserError) as error:
            raise InputError("tinjauan.unreadable", path=str(path),
                             problem=type(error).__name__) from None
        mtime = dt.datetime.fromtimestamp(path.stat().st_mtime).isoformat(sep=" ",
                                                                          timespec="seconds")
        found = False
        for frame in frames:
            renamed = {c: aliases[str(c).strip().lower()] for c in frame.columns
                       if str(c).strip().lower() in aliases}
            if ID not in renamed.values() or "status_cek" not in renamed.values():
                continue
            found = True
            frame = frame.rename(columns=renamed)
            frame = frame.loc[:, ~frame.columns.duplicated()]
            marks = pd.DataFrame({c: (frame[c] if c in frame else "") for c in
                                  (ID, *REVIEW_COLUMNS)}, index=frame.index).astype(str)
            marks = marks.apply(lambda c: c.str.strip())
            marks["_baris"] = frame["_baris"].to_numpy()
            marks = marks[marks[ID] != ""]
            status = normalise_status(marks["status_cek"])
            bad = status.isna()
            if bad.any():
                first = marks[bad].iloc[0]
                raise InputError("tinjauan.bad_status", path=str(path), baris=int(first["_baris"]),
                                 value=str(first["status_cek"])[:40])
            marks["status_cek"] = status
            written = ((marks["status_cek"] != BELUM) | (marks["catatan"] != "")
                       | (marks["pemeriksa"] != "") | (marks["waktu_cek"] != ""))
            marks = marks[written].copy()
            # Times are rewritten in one form (a mark without a readable time gets its file's
            # time): only coklit's own timestamps are ever written back, never free text.
            when = pd.to_datetime(marks["waktu_cek"], errors="coerce", format="mixed",
                                  dayfirst=False)
            marks["waktu_cek"] = when.dt.strftime("%Y-%m-%d %H:%M:%S").where(when.notna(),
                                                                              mtime)
            marks["berkas_tinjauan"] = path.name
            marks["_urut"] = order
            parts.append(marks)
        if not found:
            raise InputError("tinjauan.no_columns", path=str(path))
    if not parts:
        return empty_ledger()
    marks = pd.concat(parts, ignore_index=True)
    when = pd.to_datetime(marks["waktu_cek"], errors="coerce", format="mixed")
    marks["_t"] = when.fillna(pd.Timestamp.min)
    marks = marks.sort_values(["_t", "_urut", "_baris"], kind="stable")
    marks = marks.drop_duplicates(ID, keep="last")
    return marks[[ID, *REVIEW_COLUMNS, "berkas_tinjauan"]].reset_index(drop=True)


def empty_ledger() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=object)
                         for c in (ID, *REVIEW_COLUMNS, "berkas_tinjauan")})


def rejected_ids(ledger: pd.DataFrame | None) -> frozenset[str]:
    """Ids marked ``keliru``."""
    if ledger is None or ledger.empty:
        return frozenset()
    return frozenset(ledger.loc[ledger["status_cek"] == KELIRU, ID])


# --- applying marks ---------------------------------------------------------------------------

def drop_rejected_pairs(records: pd.DataFrame, dup, ledger: pd.DataFrame | None,
                        max_group_size: int):
    """``dup`` without the accepted and review pairs marked ``keliru`` (groups formed again
    from the pairs left), and those pairs (``i``, ``j``, ``id_temuan``)."""
    from dataclasses import replace

    from coklit.match.cluster import group_pairs

    rejected = rejected_ids(ledger)
    none = pd.DataFrame({"i": pd.Series([], dtype=np.int64), "j": pd.Series([], dtype=np.int64),
                         ID: pd.Series([], dtype=object)})
    if not rejected:
        return dup, none
    dropped = [none]
    kept = {}
    for name in ("accepted", "review"):
        pairs = getattr(dup, name)
        if pairs.empty:
            kept[name] = pairs
            continue
        ids = record_pair_ids(records, pairs["i"].to_numpy(), pairs["j"].to_numpy())
        out = np.isin(ids, list(rejected))
        kept[name] = pairs[~out].reset_index(drop=True)
        dropped.append(pd.DataFrame({"i": pairs["i"].to_numpy()[out],
                                     "j": pairs["j"].to_numpy()[out], ID: ids[out]}))
    accepted = kept["accepted"]
    group = group_pairs(len(records), accepted["i"].to_numpy(), accepted["j"].to_numpy(),
                        accepted["bobot"].to_numpy(), max_group_size)
    removed = pd.concat(dropped, ignore_index=True).drop_duplicates(ID)
    return replace(dup, accepted=accepted, review=kept["review"], group=group), removed


def attach(tables: dict[str, pd.DataFrame], ledger: pd.DataFrame | None) -> dict[str, pd.DataFrame]:
    """Finding tables with ``status_cek`` (``belum dicek`` unless marked), ``catatan``,
    ``pemeriksa`` and ``waktu_cek`` from the ledger, by ``id_temuan``."""
    out = dict(tables)
    marks = (ledger if ledger is not None else empty_ledger()).set_index(ID)
    for name in REVIEWED_TABLES:
        table = out.get(name)
        if table is None:
            continue
        table = table.copy()
        ids = table[ID] if ID in table else pd.Series("", index=table.index)
        for column in REVIEW_COLUMNS:
            default = BELUM if column == "status_cek" else ""
            if len(marks):
                values = ids.map(marks[column]).astype(object)
                values = values.where(values.notna(), default)
            else:
                values = pd.Series(default, index=table.index, dtype=object)
            table[column] = values.to_numpy()
        out[name] = table
    return out


def ledger_tables(tables: dict[str, pd.DataFrame], ledger: pd.DataFrame | None,
                  removed: pd.DataFrame | None, removed_rows: pd.DataFrame | None
                  ) -> dict[str, pd.DataFrame]:
    """``tinjauan`` (every mark read back, with where its finding is now) and
    ``rekap_tinjauan`` (findings by status per kecamatan, pairs taken out as ``keliru``
    included). ``removed_rows``: place and names of the removed pairs (``id_temuan``,
    ``kecamatan``, ``kelurahan``, ``tps``, ``nama``)."""
    if ledger is None:
        return {}
    located = []
    for name in REVIEWED_TABLES:
        table = tables.get(name)
        if table is None or table.empty or ID not in table:
            continue
        part = table.reindex(columns=[ID, "kecamatan", "kelurahan", "tps", "nama"]).fillna("")
        part.insert(1, "tabel", name)
        located.append(part.drop_duplicates(ID))
    found = (pd.concat(located, ignore_index=True).drop_duplicates(ID) if located
             else pd.DataFrame(columns=[ID, "tabel", "kecamatan", "kelurahan", "tps", "nama"]))
    found["keadaan"] = STILL_REPORTED
    if removed_rows is not None and not removed_rows.empty:
        gone = removed_rows.assign(tabel="ganda", keadaan=NOT_REPORTED_KELIRU)
        found = pd.concat([gone, found[~found[ID].isin(gone[ID])]], ignore_index=True)
    ledger_table = ledger.merge(found, on=ID, how="left")
    ledger_table["keadaan"] = ledger_table["keadaan"].fillna(NOT_FOUND)
    ledger_table = ledger_table.fillna("")[LEDGER_COLUMNS]
    ledger_table = ledger_table.sort_values(["kecamatan", "kelurahan", "tps", ID],
                                            kind="stable").reset_index(drop=True)

    # Findings by status per kecamatan.
    parts = []
    for name in REVIEWED_TABLES:
        table = tables.get(name)
        if table is None or table.empty:
            continue
        parts.append(table[[ID, "kecamatan", "status_cek"]].drop_duplicates(ID))
    if removed_rows is not None and not removed_rows.empty:
        parts.append(removed_rows[[ID, "kecamatan"]].assign(status_cek=KELIRU))
    counted = (pd.concat(parts, ignore_index=True) if parts
               else pd.DataFrame(columns=[ID, "kecamatan", "status_cek"]))
    counted["kecamatan"] = counted["kecamatan"].astype(str).replace("", UNKNOWN_PLACE["kecamatan"])
    counts = pd.crosstab(counted["kecamatan"], counted["status_cek"]).reindex(
        columns=list(STATUSES), fill_value=0)
    counts.columns = STATUS_COUNT_COLUMNS[1:]
    counts.insert(0, "temuan", counts.sum(axis=1))
    counts = counts.reset_index().rename(columns={"index": "kecamatan"})
    counts.columns = ["kecamatan", *STATUS_COUNT_COLUMNS]
    counts = with_total(counts, column_sums(counts, STATUS_COUNT_COLUMNS))
    return {"tinjauan": ledger_table, "rekap_tinjauan": counts}


def removed_pair_rows(records: pd.DataFrame, removed: pd.DataFrame, labels: dict) -> pd.DataFrame:
    """Place (of the first record) and both names of each removed pair."""
    if removed is None or removed.empty:
        return pd.DataFrame(columns=[ID, "kecamatan", "kelurahan", "tps", "nama"])
    from coklit.findings import places

    a = records.iloc[removed["i"].to_numpy()]
    b = records.iloc[removed["j"].to_numpy()]
    where = places(a, labels).reset_index(drop=True)
    names = (a["nama"].astype(str).reset_index(drop=True) + " / "
             + b["nama"].astype(str).reset_index(drop=True))
    return pd.DataFrame({ID: removed[ID].to_numpy(), "kecamatan": where["kecamatan"],
                         "kelurahan": where["kelurahan"], "tps": where["tps"], "nama": names})
