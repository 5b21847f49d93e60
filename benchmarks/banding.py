"""Accuracy and speed of ``coklit banding`` on generated DPS -> DPT pairs with a known key.

    python benchmarks/banding.py [--voters 5000 200000] [--seed 1] [--profil standar|uji]
                                 [--kolom-sampel lengkap|minimal] [--work DIR] [--json PATH]

For each size: ``coklit sample --versi-baru`` (timed), ``coklit banding dps.csv dpt.csv``
as a subprocess (wall time and peak memory, as ``benchmarks/run.py`` measures), then the
result scored against ``kunci/banding_*.csv``:

- ``tambah`` / ``hapus``: counts found vs true, and precision/recall of the rows;
- ``pasangan``: precision/recall of the matched (old row, new row) pairs; a pair that keeps
  the other row of a duplicate group the new version cleaned counts as right (both old rows
  are that person);
- ``orang_berubah``: precision/recall/F1 of *which people changed* (new rows with a change);
- ``kolom_berubah``: precision/recall/F1 of (person, field) changes.

Prints a table and writes the figures as JSON (default ``<work>/banding.json``). It does not
touch ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.run import _coklit_cmd, measure  # noqa: E402


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _prf(found: set, true: set) -> dict:
    hit = len(found & true)
    p = hit / len(found) if found else 1.0
    r = hit / len(true) if true else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"benar": hit, "ditemukan": len(found), "sebenarnya": len(true),
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score(out_dir: Path, kunci: Path) -> dict:
    """Scores of one ``coklit banding`` result folder against the synthetic key."""
    true_pairs = _read(kunci / "banding_pasangan.csv")
    true_hapus = _read(kunci / "banding_hapus.csv")
    true_tambah = _read(kunci / "banding_tambah.csv")
    cocok = _read(out_dir / "banding_cocok.csv")
    ubah = _read(out_dir / "banding_ubah.csv")
    hapus = _read(out_dir / "banding_hapus.csv")
    tambah = _read(out_dir / "banding_tambah.csv")

    # A removed duplicate copy is the same person as the row of its group that stays.
    same = dict(zip(true_hapus["baris_dps"], true_hapus["baris_sama"], strict=True))
    truth = set(zip(true_pairs["baris_dps"], true_pairs["baris_dpt"], strict=True))
    source = dict(zip(true_pairs["baris_dpt"], true_pairs["baris_dps"], strict=True))
    found = set(zip(cocok["baris_lama"], cocok["baris_baru"], strict=True))
    equivalent = {(o, n) for o, n in found - truth if same.get(o) and source.get(n) == same[o]}
    pairs = _prf(found, truth)
    pairs_group = _prf({p for p in found if p not in equivalent} | {
        (source[n], n) for _, n in equivalent}, truth)

    changed_true = set(true_pairs.loc[true_pairs["kolom_berubah"] != "", "baris_dpt"])
    changed_found = set(cocok.loc[cocok["hasil"] == "ubah", "baris_baru"])
    fields_true = {(n, f) for n, cols in zip(true_pairs["baris_dpt"], true_pairs["kolom_berubah"],
                                             strict=True) for f in cols.split(";") if f}
    fields_found = set(zip(ubah["baris_baru"], ubah["kolom"], strict=True))
    per_field = {}
    for field in sorted({f for _, f in fields_true | fields_found}):
        per_field[field] = _prf({x for x in fields_found if x[1] == field},
                                {x for x in fields_true if x[1] == field})
    return {
        "tambah": {"ditemukan": len(tambah), "sebenarnya": len(true_tambah),
                   "tepat": len(tambah) == len(true_tambah),
                   **_prf(set(tambah["baris"]), set(true_tambah["baris_dpt"]))},
        "hapus": {"ditemukan": len(hapus), "sebenarnya": len(true_hapus),
                  "tepat": len(hapus) == len(true_hapus),
                  **_prf(set(hapus["baris"]), set(true_hapus["baris_dps"]))},
        "pasangan": pairs,
        "pasangan_grup_ganda": pairs_group,
        "orang_berubah": _prf(changed_found, changed_true),
        "kolom_berubah": _prf(fields_found, fields_true),
        "per_kolom": per_field,
    }


def run(voters: int, seed: int, work: Path, profile: str = "standar",
        columns: str = "lengkap") -> dict:
    tag = f"{voters}_{seed}_{profile}_{columns}"
    data = work / f"versi_{tag}"
    log = work / "logs"
    log.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    gen = measure(_coklit_cmd("sample", "--out", str(data), "--pemilih", str(voters),
                              "--seed", str(seed), "--versi-baru", "--profil", profile,
                              "--kolom-sampel", columns), log / f"sample_{tag}.log")
    gen_s = time.perf_counter() - t0
    out = work / f"hasil_banding_{tag}"
    run_ = measure(_coklit_cmd("banding", str(data / "dps.csv"), str(data / "dpt.csv"),
                               "--out", str(out)), log / f"banding_{tag}.log")
    result = {"pemilih": voters, "seed": seed, "profil": profile, "kolom": columns,
              "detik_sample": round(gen_s, 1),
              "rc": run_.get("rc"), "detik": round(run_.get("wall_s", 0.0), 1),
              "memori_mb": round(run_.get("peak_mb") or 0)}
    if run_.get("rc") == 0:
        result["skor"] = score(out, data / "kunci")
        info = json.loads((out / "info_proses.json").read_text(encoding="utf-8"))
        result["detik_tahap"] = info["measures"]["detik"]
    del gen
    return result


def _line(r: dict) -> str:
    s = r.get("skor")
    if not s:
        return f"{r['pemilih']:>9} rc={r['rc']}"
    return (f"{r['pemilih']:>9} {r['profil']}/{r['kolom']} {r['detik']:>7.1f}s {r['memori_mb']:>6}MB  "
            f"tambah {s['tambah']['ditemukan']}/{s['tambah']['sebenarnya']}  "
            f"hapus {s['hapus']['ditemukan']}/{s['hapus']['sebenarnya']}  "
            f"pasangan P {s['pasangan_grup_ganda']['precision']:.4f} "
            f"R {s['pasangan_grup_ganda']['recall']:.4f}  "
            f"orang berubah F1 {s['orang_berubah']['f1']:.4f}  "
            f"kolom F1 {s['kolom_berubah']['f1']:.4f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--voters", type=int, nargs="+", default=[5000, 200000])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--profil", default="standar", help="standar or uji (held out)")
    ap.add_argument("--kolom-sampel", default="lengkap", help="lengkap or minimal")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "coklit-banding")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    results = [run(n, args.seed, args.work, args.profil, args.kolom_sampel)
               for n in args.voters]
    for r in results:
        print(_line(r))
    path = args.json or args.work / "banding.json"
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"-> {path}")
    return 0 if all(r.get("rc") == 0 for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
