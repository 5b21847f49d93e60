"""Where a record is, as every finding table shows it: display names of kecamatan and
kelurahan (the spelling the list uses most), TPS numbers, and the kecamatan that field records
without one get from the list (one kecamatan per person in every table).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from coklit.match import Links
from coklit.results import IDENTITY


def place_labels(*frames: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Display name for each normalised kecamatan/kelurahan: the spelling used most often
    (the first frame, normally the list, wins ties).

    Works on distinct (normalised, written) pairs: each frame is reduced to its pairs with
    their row counts first, so only a few hundred values are grouped and sorted."""
    labels: dict[str, dict[str, str]] = {}
    for level in ("kecamatan", "kelurahan"):
        pairs = pd.concat([_place_pairs(f, level, rank) for rank, f in enumerate(frames)],
                          ignore_index=True)
        pairs = pairs[(pairs["norm"] != "") & (pairs["raw"] != "")]
        # Pairs are in order of first appearance (frame by frame), as rows would be.
        counts = pairs.groupby(["norm", "raw"], sort=False).agg(n=("n", "sum"), r=("rank", "min"))
        counts = counts.reset_index().sort_values(["norm", "r", "n"], ascending=[True, True, False])
        labels[level] = dict(counts.drop_duplicates("norm")[["norm", "raw"]].itertuples(index=False))
    return labels


def _place_pairs(frame: pd.DataFrame, level: str, rank: int) -> pd.DataFrame:
    """Distinct (normalised, written upper-case) place pairs of one frame with their row
    counts, in order of first appearance."""
    norm_codes, norm_values = pd.factorize(frame[f"{level}_norm"].astype(str))
    raw_codes, raw_values = pd.factorize(frame[level].astype(str))
    # Spellings that differ only in case or surrounding spaces are one written form.
    shown = pd.Series(raw_values, dtype="str").str.strip().str.upper()
    shown_codes, shown_values = pd.factorize(shown)
    raw_codes = np.where(raw_codes >= 0, shown_codes[raw_codes], -1)
    width = len(shown_values) + 1
    pair = norm_codes.astype(np.int64) * width + raw_codes
    keep = (norm_codes >= 0) & (raw_codes >= 0)
    pair_codes, pair_values = pd.factorize(pair[keep])
    return pd.DataFrame({
        "norm": pd.Series(np.asarray(norm_values, dtype=object)[pair_values // width], dtype="str"),
        "raw": pd.Series(np.asarray(shown_values, dtype=object)[pair_values % width], dtype="str"),
        "n": np.bincount(pair_codes, minlength=len(pair_values)),
        "rank": rank,
    })


def places(records: pd.DataFrame, labels: dict[str, dict[str, str]]) -> pd.DataFrame:
    """kecamatan, kelurahan (display names) and tps ('005') of records.

    Works on the distinct values (a city has a few hundred places) and builds the columns
    with Arrow ``take``, so it stays cheap in time and memory on a million rows."""
    out = pd.DataFrame(index=records.index)
    for level in ("kecamatan", "kelurahan"):
        codes, uniques = pd.factorize(records[f"{level}_norm"].astype(str))
        shown = _take([labels[level].get(u) for u in uniques], codes)
        missing = np.asarray(shown.is_null())
        if missing.any():  # no label: the value as written, upper case
            written = records[level].iloc[np.flatnonzero(missing)].astype(str)
            shown = pc.replace_with_mask(shown, pa.array(missing),
                                         _arrow_text(written.str.strip().str.upper()))
        out[level] = _str_column(shown, records.index)
    codes, uniques = pd.factorize(records["tps_norm"].astype("Int64"), use_na_sentinel=True)
    padded = _take([str(int(u)).zfill(3) for u in uniques], codes)
    missing = np.asarray(padded.is_null())
    if missing.any():  # no number: the TPS as written
        written = records["tps"].iloc[np.flatnonzero(missing)].astype(str)
        padded = pc.replace_with_mask(padded, pa.array(missing), _arrow_text(written))
    out["tps"] = _str_column(padded, records.index)
    return out


def _take(values: list[str | None], codes: np.ndarray) -> pa.Array:
    """``values[code]`` per row as an Arrow string array; null where the code is -1 or the
    value is None."""
    table = pa.array(values + [None], type=pa.large_string())
    return pc.take(table, pa.array(np.where(codes >= 0, codes, len(values))))


def _arrow_text(values: pd.Series) -> pa.Array:
    """Text Series -> Arrow large_string array (missing values as 'nan', as astype(str))."""
    return pa.array(values.to_numpy(dtype=object, na_value="nan"), type=pa.large_string())


def _str_column(values: pa.Array, index: pd.Index) -> pd.Series:
    return pd.Series(pd.array(values, dtype="str"), index=index)


def fill_kecamatan(field: pd.DataFrame, listed: pd.DataFrame,
                   links: Links | None = None) -> pd.DataFrame:
    """Field records without a kecamatan (worksheets often carry only TPS and address) get
    one so that the rekap can count them: from their kelurahan when the list places that
    kelurahan in a single kecamatan, else from the list row they were linked to. Only
    ``kecamatan_norm`` is filled; the kelurahan and TPS the officer wrote are left alone (the
    kode 8 check compares those)."""
    kec = field["kecamatan_norm"].astype(str)
    missing = kec == ""
    if not missing.any():
        return field
    pairs = listed[["kelurahan_norm", "kecamatan_norm"]].astype(str).drop_duplicates()
    pairs = pairs[(pairs["kelurahan_norm"] != "") & (pairs["kecamatan_norm"] != "")]
    unique = pairs.drop_duplicates("kelurahan_norm", keep=False)
    by_kelurahan = dict(zip(unique["kelurahan_norm"], unique["kecamatan_norm"], strict=True))
    guessed = field["kelurahan_norm"].astype(str).map(by_kelurahan).astype(object)
    filled = kec.where(~missing, guessed.fillna(""))
    if links is not None and len(links.matched):
        from_link = pd.Series("", index=field.index, dtype=object)
        rows = field.index[links.matched["i"].to_numpy()]
        from_link.loc[rows] = listed["kecamatan_norm"].astype(str).to_numpy()[
            links.matched["j"].to_numpy()]
        filled = filled.where(filled != "", from_link)
    out = field.copy()
    out["kecamatan_norm"] = filled.astype(str)
    return out


def identity(records: pd.DataFrame, labels: dict[str, dict[str, str]]) -> pd.DataFrame:
    """berkas, baris, place and identity columns (as written) of records."""
    base = records[["berkas", "baris"]].copy()
    base["baris"] = base["baris"].astype(str)
    return pd.concat([base, places(records, labels), records[IDENTITY].astype(str)], axis=1)
