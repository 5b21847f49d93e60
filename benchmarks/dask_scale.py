"""Single process against ``--dask`` on one generated dataset: wall time, peak memory of the
whole process tree (client, scheduler and workers), identical CSVs.

    python benchmarks/dask_scale.py --pemilih 1241196 --repeat 3 [--only dask] [--skip-single]

Generates ``coklit sample --pemilih N`` into ``--work`` unless it is there, runs
``coklit check`` without and with ``--dask`` (alternating, ``--repeat`` times each) through
``benchmarks.run.measure`` and prints one JSON line per run and a summary with medians and
the load average seen before each run (the machine may be shared).
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.run import measure  # noqa: E402

CSVS = ("ganda", "ganda_perlu_cek", "cocok", "belum_terdaftar", "lapangan_perlu_cek", "tms",
        "tidak_valid", "hasil_lapangan", "rekap_kecamatan", "rekap_kelurahan")


def coklit(*args: str) -> list[str]:
    return [sys.executable, "-m", "coklit", *args]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pemilih", type=int, default=200_000)
    ap.add_argument("--lapangan", type=float, default=0.053)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--work", type=Path, default=Path("/tmp/coklit-dask"))
    ap.add_argument("--dask", default="", help="scheduler address (default: local cluster)")
    ap.add_argument("--skip-single", action="store_true")
    ap.add_argument("--only-dask", action="store_true")
    ap.add_argument("--max-mb", type=float, default=None)
    args = ap.parse_args(argv)
    data = args.work / f"s{args.pemilih}"
    if not (data / "dpt.csv").exists():
        subprocess.run(coklit("sample", "--pemilih", str(args.pemilih), "--lapangan",
                              str(args.lapangan), "--out", str(data)), check=True)
    modes = ["dask"] if args.only_dask or args.skip_single else ["single", "dask"]
    runs: dict[str, list[dict]] = {m: [] for m in modes}
    for k in range(args.repeat):
        for mode in modes:
            out = args.work / f"out_{mode}_{args.pemilih}"
            extra = (["--dask", *([args.dask] if args.dask else [])] if mode == "dask" else [])
            cmd = coklit("check", str(data / "dpt.csv"), str(data / "lapangan.csv"),
                         "--out", str(out), *extra)
            load = os.getloadavg()[0]
            r = measure(cmd, args.work / "logs" / f"{mode}_{args.pemilih}_{k}.log",
                        max_mb=args.max_mb)
            r |= {"mode": mode, "run": k, "load_before": round(load, 2)}
            info = out / "info_proses.json"
            if info.exists():
                r["detik"] = json.loads(info.read_text())["measures"]["detik"]
            runs[mode].append(r)
            print(json.dumps(r), flush=True)
    if "single" in runs and "dask" in runs:
        a, b = (args.work / f"out_{m}_{args.pemilih}" for m in ("single", "dask"))
        same = {name: filecmp.cmp(a / f"{name}.csv", b / f"{name}.csv", shallow=False)
                for name in CSVS if (a / f"{name}.csv").exists()}
        print(json.dumps({"identical_csv": same}))
    summary = {m: {"median_wall_s": statistics.median(r["wall_s"] or 0 for r in rs),
                   "median_peak_tree_mb": statistics.median(r.get("peak_mb") or 0 for r in rs),
                   "median_cpu_s": statistics.median(r.get("cpu_s") or 0 for r in rs),
                   "loads": [r["load_before"] for r in rs]}
               for m, rs in runs.items() if rs}
    print(json.dumps({"summary": summary, "pemilih": args.pemilih}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
