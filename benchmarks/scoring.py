"""Scoring of predicted findings against the synthetic answer key (``kunci/``).

Pure functions of DataFrames (no I/O except ``read_csv_text``), so the same code scores
coklit's and Splink's outputs. Rows are identified by their spreadsheet row number
(``baris``: header on row 1, first record on row 2), as in every coklit output.

Conventions for empty sets: precision is 1.0 when nothing was predicted, recall is 1.0 when
there was nothing to find; F1 is the harmonic mean (0.0 when either is 0).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

# Pairs of row numbers are packed into one int64: low * 2**32 + high.
_SHIFT = np.int64(1 << 32)


def read_csv_text(path: str | Path, columns: Iterable[str] = ()) -> pd.DataFrame:
    """Read a CSV (UTF-8, with or without BOM) as text; missing file -> empty frame."""
    path = Path(path)
    if not path.exists():
        return pd.DataFrame({c: pd.Series(dtype=str) for c in columns})
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    for c in columns:
        if c not in df.columns:
            df[c] = ""
    return df


def to_rows(values: Iterable) -> np.ndarray:
    """Row numbers as int64; blanks and non-numbers are dropped (-1 then filtered by callers)."""
    if not isinstance(values, pd.Series):
        values = pd.Series(list(values), dtype=object)
    s = pd.to_numeric(values.astype(str).str.strip(), errors="coerce")
    return s.fillna(-1).astype(np.int64).to_numpy()


def pair_keys(a: Iterable, b: Iterable) -> np.ndarray:
    """Unordered pairs (a, b) of row numbers -> sorted unique int64 keys (self-pairs dropped)."""
    a = to_rows(a)
    b = to_rows(b)
    ok = (a >= 0) & (b >= 0) & (a != b)
    lo = np.minimum(a[ok], b[ok])
    hi = np.maximum(a[ok], b[ok])
    return np.unique(lo * _SHIFT + hi)


def ordered_keys(a: Iterable, b: Iterable) -> np.ndarray:
    """Ordered pairs (a, b) (e.g. field row, list row) -> sorted unique int64 keys."""
    a = to_rows(a)
    b = to_rows(b)
    ok = (a >= 0) & (b >= 0)
    return np.unique(a[ok] * _SHIFT + b[ok])


def unpack(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    keys = np.asarray(keys, dtype=np.int64)
    return keys // _SHIFT, keys % _SHIFT


def groups_to_pairs(groups: pd.Series, rows: pd.Series) -> np.ndarray:
    """All unordered pairs of rows that share a group label -> pair keys.

    ``groups``/``rows`` are aligned Series (e.g. ganda.csv ``grup`` and ``baris``). Rows with
    an empty group label are ignored.
    """
    df = pd.DataFrame({"g": pd.Series(groups).astype(str).to_numpy(),
                       "r": to_rows(pd.Series(rows))})
    df = df[(df["g"].str.strip() != "") & (df["r"] >= 0)].drop_duplicates()
    if df.empty:
        return np.empty(0, dtype=np.int64)
    df = df[df.groupby("g")["r"].transform("size") > 1]
    if df.empty:
        return np.empty(0, dtype=np.int64)
    m = df.merge(df, on="g", suffixes=("_a", "_b"))
    m = m[m["r_a"] < m["r_b"]]
    return pair_keys(m["r_a"], m["r_b"])


def prf(pred: np.ndarray | Iterable, truth: np.ndarray | Iterable) -> dict:
    """Precision, recall and F1 of a predicted set against a true set (any hashable items
    or int64 keys)."""
    pred_a = np.unique(np.asarray(list(pred) if not isinstance(pred, np.ndarray) else pred))
    truth_a = np.unique(np.asarray(list(truth) if not isinstance(truth, np.ndarray) else truth))
    if len(pred_a) and len(truth_a):
        tp = int(len(np.intersect1d(pred_a, truth_a, assume_unique=True)))
    else:
        tp = 0
    fp = int(len(pred_a) - tp)
    fn = int(len(truth_a) - tp)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def recall_by(truth_keys: np.ndarray, kinds: pd.Series, pred: np.ndarray) -> dict:
    """Share of true items of each kind found: {kind: {"n": .., "found": .., "recall": ..}}.

    A kind label may list several kinds separated by ";" (``tanpa_nik;format_tanggal``): the
    item then counts once under each of them.
    """
    truth_keys = np.asarray(truth_keys, dtype=np.int64)
    hit = np.isin(truth_keys, np.asarray(pred, dtype=np.int64))
    df = pd.DataFrame({"kind": pd.Series(kinds).astype(str).to_numpy(), "hit": hit})
    df["kind"] = df["kind"].str.split(";")
    df = df.explode("kind")
    df["kind"] = df["kind"].str.strip()
    out = {}
    for kind, g in df.groupby("kind", sort=True):
        n = int(len(g))
        found = int(g["hit"].sum())
        out[str(kind)] = {"n": n, "found": found, "recall": found / n if n else 1.0}
    return out


def _norm_cat(values: pd.Series) -> pd.Series:
    return pd.Series(values).astype(str).str.strip().str.lower()


def _role_rows(df: pd.DataFrame, berkas: str | None) -> pd.DataFrame:
    """Keep rows of one input file when the table says which file (``berkas``)."""
    if berkas and "berkas" in df.columns and len(df):
        names = df["berkas"].astype(str).str.strip()
        keep = (names == berkas) | (names == "")
        if keep.any():
            return df[keep]
    return df


# --- one function per task ------------------------------------------------------------------


def score_duplicates(pred_ganda: pd.DataFrame, key_ganda: pd.DataFrame,
                     key_hard: pd.DataFrame, berkas: str | None = "dpt.csv") -> dict:
    """Duplicate pairs inside the list.

    pred_ganda: coklit ``ganda.csv`` (grup, berkas, baris, ...): rows sharing ``grup`` form a
    group; every pair inside a group is a predicted duplicate pair.
    key_ganda: (baris_a, baris_b, jenis). key_hard: negatif_sulit (baris_a, baris_b, jenis).
    Returns P/R/F1 over pairs, recall per ``jenis`` and, per hard-negative ``jenis``, the
    share of those pairs put in the same predicted group (false-positive rate).
    """
    pred_ganda = _role_rows(pred_ganda, berkas)
    pred = groups_to_pairs(pred_ganda.get("grup", pd.Series(dtype=str)),
                           pred_ganda.get("baris", pd.Series(dtype=str)))
    truth_df = key_ganda.copy()
    truth_df["_k"] = _pair_key_column(truth_df["baris_a"], truth_df["baris_b"])
    truth_df = truth_df[truth_df["_k"] >= 0].drop_duplicates("_k")
    result = prf(pred, truth_df["_k"].to_numpy())
    result["n_pred_pairs"] = int(len(pred))
    result["n_pred_groups"] = int(pred_ganda["grup"].nunique()) if "grup" in pred_ganda else 0
    result["recall_by_kind"] = recall_by(truth_df["_k"].to_numpy(), truth_df.get("jenis", ""),
                                         pred)
    hard = key_hard.copy()
    hard["_k"] = _pair_key_column(hard["baris_a"], hard["baris_b"])
    hard = hard[hard["_k"] >= 0].drop_duplicates("_k")
    fp_rates = {}
    for kind, g in hard.groupby(hard.get("jenis", pd.Series("", index=hard.index)).astype(str)):
        n = int(len(g))
        merged = int(np.isin(g["_k"].to_numpy(), pred).sum())
        fp_rates[str(kind)] = {"n": n, "merged": merged, "fp_rate": merged / n if n else 0.0}
    result["hard_negative_fp"] = fp_rates
    return result


def _pair_key_column(a: pd.Series, b: pd.Series) -> np.ndarray:
    """Per-row unordered pair key (or -1 when a row is unusable), aligned with the input."""
    ra = to_rows(a)
    rb = to_rows(b)
    ok = (ra >= 0) & (rb >= 0) & (ra != rb)
    keys = np.minimum(ra, rb) * _SHIFT + np.maximum(ra, rb)
    return np.where(ok, keys, -1)


def score_links(pred_cocok: pd.DataFrame, key_tautan: pd.DataFrame) -> dict:
    """Field -> list links: predicted (baris_lapangan, baris_dpt) against tautan.csv."""
    pred = ordered_keys(pred_cocok.get("baris_lapangan", []), pred_cocok.get("baris_dpt", []))
    la = to_rows(key_tautan["baris_lapangan"])
    ld = to_rows(key_tautan["baris_dpt"])
    ok = (la >= 0) & (ld >= 0)
    truth_keys = la[ok] * _SHIFT + ld[ok]
    result = prf(pred, truth_keys)
    result["n_pred"] = int(len(pred))
    if "jenis" in key_tautan.columns:
        kinds = key_tautan["jenis"].to_numpy()[ok]
        df = pd.DataFrame({"k": truth_keys, "j": kinds}).drop_duplicates("k")
        result["recall_by_kind"] = recall_by(df["k"].to_numpy(), df["j"], pred)
    return result


def score_unlisted(pred_belum: pd.DataFrame, key_belum: pd.DataFrame,
                   berkas: str | None = "lapangan.csv") -> dict:
    """Eligible but not listed (belum terdaftar): predicted field rows vs the key."""
    pred_belum = _role_rows(pred_belum, berkas)
    pred = np.unique(to_rows(pred_belum.get("baris", [])))
    pred = pred[pred >= 0]
    rows = to_rows(key_belum["baris_lapangan"])
    ok = rows >= 0
    result = prf(pred, rows[ok])
    result["n_pred"] = int(len(pred))
    if "alasan" in key_belum.columns:
        df = pd.DataFrame({"k": rows[ok], "a": key_belum["alasan"].to_numpy()[ok]})
        df = df.drop_duplicates("k")
        result["recall_by_kind"] = recall_by(df["k"].to_numpy(), df["a"], pred)
    return result


def score_tms(pred_tms: pd.DataFrame, key_tms: pd.DataFrame,
              berkas: str | None = "dpt.csv") -> dict:
    """Ineligible listed people: predicted (baris, kategori) vs key (baris_dpt, kategori).

    Also P/R/F1 per kategori, recall per ``sumber`` of the key, and a row-only score that
    ignores the category.
    """
    pred_tms = _role_rows(pred_tms, berkas)
    p_rows = to_rows(pred_tms.get("baris", []))
    p_cat = _norm_cat(pred_tms.get("kategori", pd.Series([""] * len(pred_tms))))
    t_rows = to_rows(key_tms["baris_dpt"])
    t_cat = _norm_cat(key_tms["kategori"])
    p = pd.DataFrame({"r": p_rows, "c": p_cat.to_numpy()})
    p = p[p["r"] >= 0].drop_duplicates()
    t = pd.DataFrame({"r": t_rows, "c": t_cat.to_numpy(),
                      "s": key_tms.get("sumber", pd.Series([""] * len(key_tms))).astype(str)
                      .to_numpy()})
    t = t[t["r"] >= 0].drop_duplicates(["r", "c"])
    cats = sorted(set(p["c"]) | set(t["c"]))
    codes = {c: i for i, c in enumerate(cats)}
    p_keys = p["r"].to_numpy() * _SHIFT + p["c"].map(codes).to_numpy(dtype=np.int64)
    t_keys = t["r"].to_numpy() * _SHIFT + t["c"].map(codes).to_numpy(dtype=np.int64)
    result = prf(p_keys, t_keys)
    result["n_pred"] = int(len(p_keys))
    result["rows_only"] = prf(np.unique(p["r"].to_numpy()), np.unique(t["r"].to_numpy()))
    result["by_kategori"] = {
        c: prf(p_keys[p["c"].to_numpy() == c], t_keys[t["c"].to_numpy() == c]) for c in cats
    }
    result["recall_by_sumber"] = recall_by(t_keys, t["s"], p_keys)
    return result


def score_all(pred: dict[str, pd.DataFrame], key: dict[str, pd.DataFrame],
              dpt_name: str = "dpt.csv", field_name: str = "lapangan.csv") -> dict:
    """Score every task. ``pred``: tables of an output folder (ganda, cocok, belum_terdaftar,
    tms); ``key``: tables of ``kunci/`` (ganda, tautan, belum_terdaftar, tms, negatif_sulit)."""
    empty = pd.DataFrame()
    return {
        "ganda": score_duplicates(pred.get("ganda", empty), key["ganda"],
                                  key["negatif_sulit"], dpt_name),
        "cocok": score_links(pred.get("cocok", empty), key["tautan"]),
        "belum_terdaftar": score_unlisted(pred.get("belum_terdaftar", empty),
                                          key["belum_terdaftar"], field_name),
        "tms": score_tms(pred.get("tms", empty), key["tms"], dpt_name),
    }


KEY_COLUMNS = {
    "ganda": ["baris_a", "baris_b", "jenis"],
    "tautan": ["baris_lapangan", "baris_dpt", "jenis"],
    "belum_terdaftar": ["baris_lapangan", "alasan"],
    "tms": ["baris_dpt", "kategori", "sumber", "baris_lapangan"],
    "negatif_sulit": ["baris_a", "baris_b", "jenis"],
}
PRED_COLUMNS = {
    "ganda": ["grup", "berkas", "baris"],
    "cocok": ["baris_lapangan", "baris_dpt"],
    "belum_terdaftar": ["berkas", "baris"],
    "tms": ["berkas", "baris", "kategori"],
}


def load_key(kunci_dir: str | Path) -> dict[str, pd.DataFrame]:
    kunci_dir = Path(kunci_dir)
    return {name: read_csv_text(kunci_dir / f"{name}.csv", cols)
            for name, cols in KEY_COLUMNS.items()}


def load_predictions(out_dir: str | Path) -> dict[str, pd.DataFrame]:
    out_dir = Path(out_dir)
    return {name: read_csv_text(out_dir / f"{name}.csv", cols)
            for name, cols in PRED_COLUMNS.items()}
