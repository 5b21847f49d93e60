"""Input sanity checks: catch wrong inputs before they pass for results.

* the same file read twice (as list and field records, or twice within one role, e.g. a
  folder that also holds the field file, or a copy under another name: same SHA-256);
* lists that look swapped (``coklit check LAPANGAN DPT``): field records far more numerous
  than the list, or only the field records placed in TPS;
* a list (or field file) of which not a single row could be used;
* birth dates whose century or day is not known (``01-01-24``, ``1990``): flagged in
  ``tidak_valid`` and not used to judge age.

Every check raises an :class:`~coklit.errors.InputError` naming the files and the option that
helps, or returns ``tidak_valid`` rows; nothing here prints.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from coklit import birthdate
from coklit.coded import code
from coklit.config import ValidateConfig
from coklit.errors import InputError
from coklit.i18n import Msg
from coklit.results import Dataset, FileInfo

# A field file this many times longer than the list (and at least SWAP_MIN_ROWS rows) is
# almost certainly the list given second: field records are a sample of the list's voters.
SWAP_RATIO = 2.0
SWAP_MIN_ROWS = 50
# Share of rows with a TPS above which a file "has" TPS numbers (and below which it has none).
TPS_PRESENT, TPS_ABSENT = 0.5, 0.01

AMBIGUOUS_DATE = "tanggal_lahir_ambigu"


def _role(role: str) -> Msg:
    """A role's name as a message value: the words are chosen where the message is shown."""
    return Msg(f"sanity.role.{role}")


def check_roles(datasets: list[Dataset]) -> None:
    """No file is read twice, within one role or across roles (by path or by content)."""
    seen: dict[str, tuple[str, str]] = {}  # sha256 -> (berkas, role)
    paths: dict[str, tuple[str, str]] = {}
    for dataset in datasets:
        files: dict[str, FileInfo] = {}
        rows: Counter[str] = Counter()
        for info in dataset.files:
            files.setdefault(info.path, info)  # one entry per file, not per sheet
            rows[info.path] += info.rows_read
        for info in files.values():
            berkas = info.berkas.split("[", 1)[0] if info.sheet else info.berkas
            key = str(info.path)
            if key in paths and paths[key][1] != dataset.role:
                other, role = paths[key]
                raise InputError("sanity.same_path", a=berkas, role_a=_role(role),
                                 role_b=_role(dataset.role), hint=Msg("sanity.hint.roles"))
            paths[key] = (berkas, dataset.role)
            if not rows[info.path]:
                continue  # two empty templates with the same header are no double count
            if info.sha256 in seen:
                other, role = seen[info.sha256]
                hint = "sanity.hint.roles" if role != dataset.role else "sanity.hint.twice"
                raise InputError("sanity.same_file", a=other, role_a=_role(role), b=berkas,
                                 role_b=_role(dataset.role), hint=Msg(hint))
            seen[info.sha256] = (berkas, dataset.role)


def _tps_share(dataset: Dataset) -> float:
    tps = dataset.records["tps"].astype(str).str.strip()
    return float((tps != "").mean()) if len(tps) else 0.0


def _names(dataset: Dataset) -> str:
    names = list(dict.fromkeys(f.berkas.split("[", 1)[0] for f in dataset.files))
    return ", ".join(names[:3]) + (", …" if len(names) > 3 else "")


def check_not_swapped(listed: Dataset, field: Dataset) -> None:
    """Raise when the list and the field records look given the other way round."""
    n_list, n_field = len(listed.records), len(field.records)
    if n_field >= SWAP_MIN_ROWS and n_field > SWAP_RATIO * n_list:
        raise InputError("sanity.swapped_size", field=f"{n_field:,}".replace(",", "."),
                         listed=f"{n_list:,}".replace(",", "."))
    if _tps_share(listed) < TPS_ABSENT and _tps_share(field) > TPS_PRESENT and n_list:
        raise InputError("sanity.swapped_tps", listed=_names(listed), field=_names(field))


def check_rows(dataset: Dataset) -> None:
    """Raise when not a single row of ``dataset`` can be used, saying why they were not."""
    if len(dataset.records):
        return
    reasons = ""
    if len(dataset.rejected):
        counts = Counter(dataset.rejected["masalah"].astype(str))
        reasons = " (" + ", ".join(f"{n} x {code}" for code, n in counts.most_common(4)) + ")"
    raise InputError("sanity.no_rows", role=_role(dataset.role), files=_names(dataset)
                     or "-", read=dataset.rows_read, rejected=len(dataset.rejected),
                     reasons=reasons)


# --- ambiguous birth dates ------------------------------------------------------------------

_TWO_DIGIT_YEAR = (r"^\s*\d{1,2}\s*[-/. ]\s*(?:\d{1,2}|[A-Za-z]+\.?)\s*[-/. ,]\s*\d{2}\s*$")
_YEAR_ONLY = r"^\s*(?:1[89]|20)\d{2}\s*$"


def _matches(values: pa.Array, pattern: str) -> np.ndarray:
    return np.asarray(pc.fill_null(pc.match_substring_regex(values, pattern), False),
                      dtype=bool)


def ambiguous_dates(records: pd.DataFrame, cfg: ValidateConfig
                    ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Normalised ``records`` with ambiguous birth dates taken out (the frame is changed in
    place), and ``tidak_valid`` rows saying so.

    Ambiguous: a year alone (``1990``: the date normaliser would read it as an Excel serial
    number), or a two-digit year whose reading makes the voter younger than the voting age
    (``01-01-24`` -> 2024, age 0; 1924 would be 100): neither century can be trusted, and
    such a date must not turn anyone into a TMS "under age" finding. Other two-digit years
    (``12-05-85`` -> 1985) are plain and kept. The taken-out dates become unknown
    (``tgl_lahir`` NaT, status ``tidak_valid``).
    """
    raw = records["tanggal_lahir"].astype(str)
    arrow = pa.array(raw, type=pa.large_string(), from_pandas=True)
    # pyarrow's regex engine (RE2): pandas falls back to Python's re, row by row, here.
    year_only = _matches(arrow, _YEAR_ONLY)
    two_digit = _matches(arrow, _TWO_DIGIT_YEAR)
    born = pd.to_datetime(records["tgl_lahir"], errors="coerce")
    age = birthdate.age_on(*birthdate.parts(born), cfg.election_date)
    young = two_digit & (age < cfg.voting_age)
    flagged = year_only | young
    if not flagged.any():
        return records, _empty()
    out = records  # only three columns change: no copy of the whole (large) frame
    out["tgl_lahir"] = records["tgl_lahir"].mask(flagged)
    out["tgl_status"] = records["tgl_status"].mask(flagged, "tidak_valid")
    if "tgl_placeholder" in out.columns:
        out["tgl_placeholder"] = records["tgl_placeholder"].mask(flagged, False)
    at = np.flatnonzero(flagged)
    # One coded text per distinct (year, age) pair, spread over the rows (no loop over records).
    years = pd.Series(born.dt.year.to_numpy()[at]).fillna(0).astype(int).astype(str)
    key = pd.Series(np.where(year_only[at], "", years + "|" + pd.Series(
        np.nan_to_num(age[at]).astype(int)).astype(str)))
    texts_by_key = {k: (code("sanity.ambiguous.year_only") if not k else
                        code("sanity.ambiguous.two_digit", year=k.split("|")[0],
                             age=k.split("|")[1]))
                    for k in key.unique()}
    texts = key.map(texts_by_key).to_numpy(dtype=object)
    notes = pd.DataFrame({
        "rid": records["rid"].to_numpy()[at].astype(np.int64),
        "berkas": records["berkas"].to_numpy()[at],
        "baris": records["baris"].to_numpy()[at].astype(np.int64),
        "nama": records["nama"].to_numpy()[at],
        "kolom": "tanggal_lahir",
        "masalah": AMBIGUOUS_DATE,
        "keterangan": texts,
        "nilai": raw.to_numpy()[at],
    })
    return out, notes


def _empty() -> pd.DataFrame:
    return pd.DataFrame({"rid": pd.Series([], dtype="int64"), "berkas": pd.Series([], dtype="str"),
                         "baris": pd.Series([], dtype="int64"),
                         **{c: pd.Series([], dtype="str")
                            for c in ("nama", "kolom", "masalah", "keterangan", "nilai")}})
