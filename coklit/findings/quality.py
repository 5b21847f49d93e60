"""The ``tidak_valid`` table, assembled here and nowhere else: the problems
:func:`coklit.validate.validate` finds in each record, the reader's and the sanity checks'
notes (``Dataset.notes``), statuses that map to no category, and one NIK carried by different
people; each row placed where its person is and given a finding id.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from coklit import sanity, tinjauan
from coklit.coded import code_columns
from coklit.config import RunConfig
from coklit.findings.places import places
from coklit.match import Duplicates
from coklit.results import BASE_COLUMNS, FINDING_ID, Dataset
from coklit.tinjauan import person_keys, single_ids
from coklit.validate import validate

# validate() findings that an ambiguous birth date would repeat in vaguer words.
_SUPERSEDED = frozenset({"tanggal_lahir_tidak_valid", "tanggal_lahir_kosong"})


def _notes(dataset: Dataset) -> pd.DataFrame:
    """The reader's and the sanity checks' notes as ``tidak_valid`` rows."""
    notes = dataset.notes
    if notes.empty:
        return pd.DataFrame(columns=[*BASE_COLUMNS["tidak_valid"], "rid"])
    rows = dataset.records.iloc[notes["rid"].to_numpy()]
    table = notes.copy()
    for column in ("kecamatan", "kelurahan", "tps"):
        table[column] = rows[column].to_numpy()
    return table[[*BASE_COLUMNS["tidak_valid"], "rid"]]


def place_rows(table: pd.DataFrame, records: pd.DataFrame, labels: dict) -> pd.DataFrame:
    """``tidak_valid`` rows placed where ``records`` (by ``rid``) are, shown the way every
    other table shows places (canonical display names)."""
    if table.empty:
        return table
    shown = places(records.iloc[table["rid"].to_numpy()], labels)
    table = table.copy()
    for column in ("kecamatan", "kelurahan", "tps"):
        table[column] = shown[column].to_numpy()
    return table


def invalid_table(dataset: Dataset, cfg: RunConfig, labels: dict) -> pd.DataFrame:
    """The ``tidak_valid`` rows of one dataset (``TABLE_COLUMNS`` order is set at output; this
    adds ``rid``): what validate finds, the notes, unknown statuses; placed and with ids."""
    table = validate(dataset.records, cfg.validate, dataset.role)
    notes = _notes(dataset)
    if not notes.empty:
        dated = notes.loc[notes["masalah"] == sanity.AMBIGUOUS_DATE, "rid"]
        table = table[~(table["rid"].isin(dated) & table["masalah"].isin(_SUPERSEDED))]
    unknown = unknown_status_table(dataset.records, labels)
    table = concat_invalid(table, unknown, notes)
    if table.empty:
        return table
    table = place_rows(table, dataset.records, labels)
    table["baris"] = table["baris"].astype(str)
    # A stable id per problem: the person, the problem and the list it was found in.
    kind = (table["masalah"].astype(str) + "|" + table["kolom"].astype(str) + "|"
            + dataset.role).to_numpy()
    table[FINDING_ID] = tinjauan.single_ids(
        "TV", tinjauan.person_keys(dataset.records, table["rid"].to_numpy()), kind)
    return table


def concat_invalid(*parts: pd.DataFrame) -> pd.DataFrame:
    """``tidak_valid`` parts (the list's, the field's, NIK conflicts) as one table, ordered by
    berkas and row number."""
    parts_ = [p.astype({"baris": str}) if "baris" in p else p for p in parts if not p.empty]
    if not parts_:
        return pd.DataFrame(columns=BASE_COLUMNS["tidak_valid"])
    table = pd.concat(parts_, ignore_index=True)
    table["_b"] = pd.to_numeric(table["baris"], errors="coerce")
    return table.sort_values(["berkas", "_b"], kind="stable").drop(columns="_b")


def nik_conflict_table(
    records: pd.DataFrame, dup: Duplicates, labels: dict
) -> pd.DataFrame:
    """tidak_valid rows for one NIK carried by clearly different people (both sides)."""
    c = dup.conflicts
    if c.empty:
        return pd.DataFrame(columns=[*BASE_COLUMNS["tidak_valid"], "rid"])
    row = np.concatenate([c["i"].to_numpy(), c["j"].to_numpy()])
    other = np.concatenate([c["j"].to_numpy(), c["i"].to_numpy()])
    r, o = records.iloc[row].reset_index(drop=True), records.iloc[other].reset_index(drop=True)
    table = pd.concat([r[["berkas"]], r[["baris"]].astype(str), places(r, labels)], axis=1)
    table["nama"] = r["nama"].astype(str)
    table["kolom"] = "nik"
    table["masalah"] = "nik_sama_identitas_beda"
    table["keterangan"] = code_columns("temuan.nik_sama", nama=o["nama"], berkas=o["berkas"], baris=o["baris"])
    table["nilai"] = r["nik"].astype(str)
    table["rid"] = r["rid"].to_numpy()
    table[FINDING_ID] = single_ids("TV", person_keys(records, row), "nik_sama_identitas_beda|nik|dpt")
    return table.drop_duplicates(["rid", "keterangan"]).reset_index(drop=True)


def unknown_status_table(records: pd.DataFrame, labels: dict) -> pd.DataFrame:
    """tidak_valid rows for statuses that map to no category (reported, never guessed)."""
    unknown = records["kategori"].astype(str).eq("tidak_dikenali").to_numpy()
    if not unknown.any():
        return pd.DataFrame(columns=[*BASE_COLUMNS["tidak_valid"], "rid"])
    r = records[unknown]
    status = r["status"].astype(str)
    use_status = status.str.strip() != ""
    nilai = status.where(use_status, r["keterangan"].astype(str))
    table = pd.concat([r[["berkas"]], r[["baris"]].astype(str), places(r, labels)], axis=1)
    table["nama"] = r["nama"].astype(str)
    table["kolom"] = np.where(use_status, "status", "keterangan")
    table["masalah"] = "status_tidak_dikenali"
    table["keterangan"] = code_columns("temuan.status_tidak_dikenali", nilai=nilai)
    table["nilai"] = nilai
    table["rid"] = r["rid"].to_numpy()
    return table.reset_index(drop=True)
