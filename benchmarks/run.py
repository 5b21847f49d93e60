"""Accuracy and speed of ``coklit check`` side by side with a Splink baseline.

    python benchmarks/run.py [--sizes 10000 100000 1240000] [--field-fraction 0.05] [--seed 1]
                             [--no-splink] [--work DIR] [--repeat N] [--report PATH]

For each size: generate synthetic data with ``coklit sample`` (timed), run ``coklit check``
and ``benchmarks/splink_runner.py`` as subprocesses (wall time and peak memory, median over
``--repeat`` runs), score both with ``benchmarks/scoring.py`` against the answer key, and write
``docs/benchmarks.md`` (regenerated, never hand-edited) plus ``results.json`` in the work dir.
Generated data stays in the work dir (default /tmp/coklit-bench), outside the repository.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import scoring  # noqa: E402

DEFAULT_SIZES = (10_000, 100_000, 1_240_000)
DEFAULT_WORK = Path("/tmp/coklit-bench")
DEFAULT_REPORT = REPO / "docs" / "benchmarks.md"

# Runs the measured command in a fresh child and reports its wall time and the peak RSS of
# its waited-for descendants (getrusage(RUSAGE_CHILDREN) is per process, so fresh = exact).
_WRAPPER = r"""
import json, resource, subprocess, sys, time
cmd, report = json.loads(sys.argv[1]), sys.argv[2]
t0 = time.perf_counter()
rc = subprocess.call(cmd)
wall = time.perf_counter() - t0
maxrss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
open(report, "w").write(json.dumps({"rc": rc, "wall_s": wall, "maxrss_kb": maxrss_kb}))
sys.exit(rc)
"""


def measure(cmd: list[str], log_path: Path, env: dict | None = None,
            timeout: float | None = None, max_mb: float | None = None) -> dict:
    """Run ``cmd`` in a fresh process; wall time, peak memory (MB), return code, log tail.

    Peak memory is the larger of the ru_maxrss of the command (largest single process) and,
    when psutil is installed, the peak of the summed RSS of its process tree polled every
    50 ms. With ``max_mb`` (needs psutil) the tree is killed when its RSS exceeds it.
    """
    log_path.parent.mkdir(parents=True, exist_ok=True)
    report = log_path.with_suffix(".measure.json")
    report.unlink(missing_ok=True)
    with open(log_path, "w") as log:
        proc = subprocess.Popen([sys.executable, "-c", _WRAPPER, json.dumps(cmd), str(report)],
                                stdout=log, stderr=subprocess.STDOUT, env=env)
        peak_tree = [0]
        over_limit = [False]
        stop = threading.Event()

        def poll() -> None:
            try:
                import psutil
            except ImportError:
                return
            try:
                wrapper = psutil.Process(proc.pid)
            except psutil.Error:
                return
            while not stop.is_set():
                total = 0
                try:
                    for child in wrapper.children(recursive=True):
                        try:
                            total += child.memory_info().rss
                        except psutil.Error:
                            pass
                except psutil.Error:
                    pass
                peak_tree[0] = max(peak_tree[0], total)
                if max_mb and total > max_mb * 2**20:
                    over_limit[0] = True
                    _kill_tree(proc.pid)
                    return
                stop.wait(0.05)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        timed_out = False
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            _kill_tree(proc.pid)
            proc.wait()
        stop.set()
        poller.join()
    info = json.loads(report.read_text()) if report.exists() else {}
    wall = info.get("wall_s")
    maxrss_mb = info.get("maxrss_kb", 0) / 1024
    tail = log_path.read_text(errors="replace").strip().splitlines()[-15:]
    if over_limit[0]:
        tail.append(f"killed by benchmarks/run.py: memory above the limit of {max_mb:.0f} MB")
    return {
        "rc": -9 if timed_out or over_limit[0] else info.get("rc", proc.returncode),
        "timed_out": timed_out,
        "memory_limit_hit": over_limit[0],
        "wall_s": wall,
        "peak_mb": max(maxrss_mb, peak_tree[0] / 2**20) if (maxrss_mb or peak_tree[0]) else None,
        "maxrss_mb": maxrss_mb,
        "tree_peak_mb": peak_tree[0] / 2**20 if peak_tree[0] else None,
        "log_tail": tail,
    }


def _kill_tree(pid: int) -> None:
    try:
        import psutil

        parent = psutil.Process(pid)
        for child in parent.children(recursive=True):
            child.kill()
        parent.kill()
    except Exception:  # noqa: BLE001 - psutil missing or process gone
        try:
            os.kill(pid, 9)
        except OSError:
            pass


def _median_run(cmd: list[str], log_dir: Path, name: str, repeat: int,
                timeout: float | None, max_mb: float | None = None) -> dict:
    runs = []
    for i in range(max(1, repeat)):
        r = measure(cmd, log_dir / f"{name}.{i + 1}.log", timeout=timeout, max_mb=max_mb)
        runs.append(r)
        if r["rc"] != 0:
            break
    ok = [r for r in runs if r["rc"] == 0]
    last = runs[-1]
    return {
        "ok": bool(ok) and last["rc"] == 0,
        "rc": last["rc"],
        "timed_out": last["timed_out"],
        "memory_limit_hit": last["memory_limit_hit"],
        "runs": len(runs),
        "wall_s": statistics.median(r["wall_s"] for r in ok) if ok else None,
        "wall_s_all": [r["wall_s"] for r in runs],
        "peak_mb": statistics.median(r["peak_mb"] for r in ok if r["peak_mb"])
        if ok and any(r["peak_mb"] for r in ok) else None,
        "error": None if last["rc"] == 0 else "\n".join(last["log_tail"]),
    }


def _coklit_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "coklit", *args]


def run_size(n: int, args: argparse.Namespace) -> dict:
    work: Path = args.work
    data = work / f"data-{n}-s{args.seed}-f{args.field_fraction}"
    res: dict = {"size": n, "data_dir": str(data)}
    key_dir = data / "kunci"
    have = (data / "dpt.csv").exists() and (data / "lapangan.csv").exists() and key_dir.exists()
    if args.reuse_data and have:
        res["generate"] = {"ok": True, "reused": True, "wall_s": None, "peak_mb": None}
    else:
        res["generate"] = _median_run(
            _coklit_cmd("sample", "--out", str(data), "--pemilih", str(n), "--seed",
                        str(args.seed), "--lapangan", str(args.field_fraction)),
            work / "logs", f"sample-{n}", 1, args.timeout, args.max_memory_mb)
    if not res["generate"]["ok"]:
        _say(f"  generation failed: {res['generate']['error']}")
        return res
    dpt, lap = data / "dpt.csv", data / "lapangan.csv"
    key = scoring.load_key(key_dir)
    res["rows"] = {"dpt": _count_rows(dpt), "lapangan": _count_rows(lap),
                   "key": {k: len(v) for k, v in key.items()}}
    _say(f"  data: {res['rows']['dpt']} list rows, {res['rows']['lapangan']} field rows"
         + (f" (generated in {res['generate']['wall_s']:.1f} s)"
            if res["generate"].get("wall_s") else " (reused)"))

    tools = []
    if not args.no_coklit:
        tools.append(("coklit", _coklit_cmd("check", str(dpt), str(lap), "--out",
                                            str(work / f"out-coklit-{n}"))))
    if not args.no_splink:
        tools.append(("splink", [sys.executable, str(HERE / "splink_runner.py"), str(dpt),
                                 str(lap), "--out", str(work / f"out-splink-{n}"),
                                 "--threshold", str(args.splink_threshold),
                                 "--u-max-pairs", str(args.u_max_pairs), "--quiet"]))
    for tool, cmd in tools:
        out_dir = Path(cmd[cmd.index("--out") + 1])
        _say(f"  {tool}: running ({args.repeat}x)…")
        r = _median_run(cmd, work / "logs", f"{tool}-{n}", args.repeat, args.timeout,
                        args.max_memory_mb)
        if r["ok"]:
            r["scores"] = scoring.score_all(scoring.load_predictions(out_dir), key,
                                            dpt.name, lap.name)
            for extra in ("info_proses.json", "splink_info.json"):
                if (out_dir / extra).exists():
                    try:
                        r["info"] = json.loads((out_dir / extra).read_text(encoding="utf-8-sig"))
                    except ValueError:
                        pass
            s = r["scores"]
            _say(f"  {tool}: {r['wall_s']:.1f} s, {r['peak_mb'] or 0:.0f} MB; F1 ganda "
                 f"{s['ganda']['f1']:.3f} cocok {s['cocok']['f1']:.3f} belum "
                 f"{s['belum_terdaftar']['f1']:.3f} tms {s['tms']['f1']:.3f}")
        else:
            _say(f"  {tool}: FAILED (rc {r['rc']}): {(r['error'] or '').splitlines()[-1:]}")
        res[tool] = r
    return res


def _count_rows(path: Path) -> int:
    with open(path, "rb") as f:
        return max(0, sum(1 for _ in f) - 1)


def _say(msg: str) -> None:
    print(msg, flush=True)


# --- machine and report -------------------------------------------------------------------


def machine_info() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    ram_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram_gb = int(line.split()[1]) / 2**20
    except OSError:
        pass
    versions = {}
    for pkg in ("coklit", "pandas", "numpy", "pyarrow", "rapidfuzz", "scipy", "splink",
                "duckdb", "psutil"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = None
    try:
        commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        commit = ""
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": ram_gb, "loadavg": _loadavg(),
            "python": platform.python_version(), "platform": platform.platform(),
            "versions": versions, "commit": commit}


def _loadavg() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def _f(x, digits: int = 3) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def _prf(s: dict | None) -> str:
    if not s:
        return "–"
    return f"{s['precision']:.3f} / {s['recall']:.3f} / {s['f1']:.3f}"


def _time(x) -> str:
    if x is None:
        return "–"
    return f"{x:.1f} s" if x < 600 else f"{x / 60:.1f} min"


def _mem(x) -> str:
    return "–" if x is None else (f"{x:.0f} MB" if x < 4096 else f"{x / 1024:.1f} GB")


def _status(r: dict | None) -> str:
    if r is None:
        return "not run"
    if r.get("ok"):
        return "ok"
    if r.get("timed_out"):
        return "timed out"
    if r.get("memory_limit_hit"):
        return "stopped: above the memory limit"
    err = (r.get("error") or "").strip().splitlines()
    return f"failed: `{err[-1][:120]}`" if err else "failed"


def render_report(results: dict) -> str:
    m = results["machine"]
    a = results["args"]
    lines = [
        "# Benchmarks: coklit vs Splink",
        "",
        "<!-- Generated by benchmarks/run.py; do not edit by hand. -->",
        "",
        f"- Date: {results['date']}",
        f"- Machine: {m['cpu'] or 'unknown CPU'}, {m['cores']} cores, "
        f"{_f(m['ram_gb'], 1)} GB RAM; {m['platform']}",
        f"- Python {m['python']}; "
        + ", ".join(f"{k} {v}" for k, v in m["versions"].items() if v),
        f"- Repository commit: {m['commit'] or 'unknown'}",
        f"- Load average (1/5/15 min) at start: {m.get('loadavg')}; at end: "
        f"{results.get('loadavg_end')} (other work on the machine inflates wall times)",
        f"- Data: `coklit sample --seed {a['seed']} --lapangan {a['field_fraction']}`; "
        f"timings are the median of {a['repeat']} run(s); Splink threshold "
        f"{a['splink_threshold']}, u sampling max_pairs {a['u_max_pairs']:.0e}.",
        "",
        "How to read: P / R / F1 = precision / recall / F1. Duplicates are scored as pairs "
        "(every pair inside a predicted group), links as (field row, list row) pairs, belum "
        "terdaftar as field rows, TMS as (list row, kategori). Hard-negative FP rate = share "
        "of the key's `negatif_sulit` pairs (twins, father/son, common names, shared NIK) put "
        "in one predicted group. Wall time and peak memory are for the whole command in a "
        "fresh process (coklit also writes HTML/XLSX reports; the Splink runner writes CSVs "
        "only). Splink's belum terdaftar/TMS come only from field statuses of its links, so "
        "TMS found by analysis (e.g. age, duplicates) are outside its reach by design.",
        "",
    ]
    for res in results["sizes"]:
        n = res["size"]
        c, s = res.get("coklit"), res.get("splink")
        lines += [f"## {n:,} voters", ""]
        if res.get("from_previous_run"):
            lines += [f"(measured in the run of {res['from_previous_run']})", ""]
        gen = res.get("generate", {})
        if res.get("rows"):
            lines.append(f"{res['rows']['dpt']:,} list rows, {res['rows']['lapangan']:,} field "
                         f"rows; generation {_time(gen.get('wall_s'))}"
                         + (" (reused)" if gen.get("reused") else "") + ".")
            lines.append("")
        else:
            lines += [f"Generation: {_status(gen)}", ""]
            continue
        lines += ["| | coklit | Splink | coklit − Splink |", "|---|---|---|---|",
                  f"| status | {_status(c)} | {_status(s)} | |"]
        cw = c.get("wall_s") if c and c.get("ok") else None
        sw = s.get("wall_s") if s and s.get("ok") else None
        ratio = f"time ratio {cw / sw:.2f}×" if cw and sw else ""
        lines.append(f"| wall time (median) | {_time(cw)} | {_time(sw)} | {ratio} |")
        cm = c.get("peak_mb") if c and c.get("ok") else None
        sm = s.get("peak_mb") if s and s.get("ok") else None
        mr = f"memory ratio {cm / sm:.2f}×" if cm and sm else ""
        lines.append(f"| peak memory | {_mem(cm)} | {_mem(sm)} | {mr} |")
        cs = c.get("scores") if c and c.get("ok") else None
        ss = s.get("scores") if s and s.get("ok") else None
        for task, label in (("ganda", "duplicate pairs"), ("cocok", "links"),
                            ("belum_terdaftar", "belum terdaftar"), ("tms", "TMS")):
            a1 = cs[task] if cs else None
            b1 = ss[task] if ss else None
            diff = f"ΔF1 {a1['f1'] - b1['f1']:+.3f}" if a1 and b1 else ""
            lines.append(f"| {label} P / R / F1 | {_prf(a1)} | {_prf(b1)} | {diff} |")
        # Per-kind details.
        kinds = sorted(set((cs or {}).get("ganda", {}).get("recall_by_kind", {}))
                       | set((ss or {}).get("ganda", {}).get("recall_by_kind", {})))
        for k in kinds:
            lines.append(f"| dup recall: {k} | {_kind(cs, 'ganda', k)} | {_kind(ss, 'ganda', k)} | |")
        hard = sorted(set((cs or {}).get("ganda", {}).get("hard_negative_fp", {}))
                      | set((ss or {}).get("ganda", {}).get("hard_negative_fp", {})))
        for k in hard:
            lines.append(f"| hard-negative FP rate: {k} | {_hard(cs, k)} | {_hard(ss, k)} | |")
        kinds = sorted(set((cs or {}).get("cocok", {}).get("recall_by_kind", {}))
                       | set((ss or {}).get("cocok", {}).get("recall_by_kind", {})))
        for k in kinds:
            lines.append(f"| link recall: {k} | {_kind(cs, 'cocok', k)} | {_kind(ss, 'cocok', k)} | |")
        kinds = sorted(set((cs or {}).get("belum_terdaftar", {}).get("recall_by_kind", {}))
                       | set((ss or {}).get("belum_terdaftar", {}).get("recall_by_kind", {})))
        for k in kinds:
            lines.append(f"| belum terdaftar recall: {k} | {_kind(cs, 'belum_terdaftar', k)} | "
                         f"{_kind(ss, 'belum_terdaftar', k)} | |")
        cats = sorted(set((cs or {}).get("tms", {}).get("by_kategori", {}))
                      | set((ss or {}).get("tms", {}).get("by_kategori", {})))
        for k in cats:
            a1 = (cs or {}).get("tms", {}).get("by_kategori", {}).get(k)
            b1 = (ss or {}).get("tms", {}).get("by_kategori", {}).get(k)
            n_true = (a1 or b1 or {}).get("tp", 0) + (a1 or b1 or {}).get("fn", 0)
            lines.append(f"| TMS {k} (n={n_true}) P / R / F1 | {_prf(a1)} | {_prf(b1)} | |")
        srcs = sorted(set((cs or {}).get("tms", {}).get("recall_by_sumber", {}))
                      | set((ss or {}).get("tms", {}).get("recall_by_sumber", {})))
        for k in srcs:
            lines.append(f"| TMS recall by source: {k} | {_kind(cs, 'tms', k, 'recall_by_sumber')} | "
                         f"{_kind(ss, 'tms', k, 'recall_by_sumber')} | |")
        lines.append("")
        for tool, r in (("coklit", c), ("Splink", s)):
            if r and not r.get("ok") and r.get("error"):
                lines += [f"<details><summary>{tool} error</summary>", "", "```",
                          *r["error"].splitlines()[-8:], "```", "", "</details>", ""]
    lines += _scaling(results)
    return "\n".join(lines) + "\n"


def _kind(scores: dict | None, task: str, kind: str, field: str = "recall_by_kind") -> str:
    if not scores:
        return "–"
    d = scores.get(task, {}).get(field, {}).get(kind)
    return "–" if not d else f"{d['recall']:.3f} ({d['found']}/{d['n']})"


def _hard(scores: dict | None, kind: str) -> str:
    if not scores:
        return "–"
    d = scores["ganda"].get("hard_negative_fp", {}).get(kind)
    return "–" if not d else f"{d['fp_rate']:.3f} ({d['merged']}/{d['n']})"


def _scaling(results: dict) -> list[str]:
    rows = []
    for res in results["sizes"]:
        n = res.get("rows", {}).get("dpt") or res["size"]
        cells = []
        for tool in ("coklit", "splink"):
            r = res.get(tool)
            w = r.get("wall_s") if r and r.get("ok") else None
            cells.append(f"{_time(w)} | {w / n * 1000:.3f} s" if w else "– | –")
        gen = res.get("generate", {}).get("wall_s")
        rows.append(f"| {n:,} | {_time(gen)} | {cells[0]} | {cells[1]} |")
    return ["## Scaling", "",
            "| list rows | generation | coklit wall | coklit per 1k rows | Splink wall | "
            "Splink per 1k rows |",
            "|---|---|---|---|---|---|", *rows, ""]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    ap.add_argument("--field-fraction", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-splink", action="store_true", help="run coklit only")
    ap.add_argument("--no-coklit", action="store_true", help="run the Splink baseline only")
    ap.add_argument("--max-memory-gb", type=float, default=None,
                    help="kill a command whose process tree exceeds this RSS "
                         "(default: 80%% of RAM)")
    ap.add_argument("--work", type=Path, default=DEFAULT_WORK,
                    help="work dir for data and outputs (default /tmp/coklit-bench)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per tool; median time")
    ap.add_argument("--report", type=Path, default=DEFAULT_REPORT,
                    help="markdown report to write (default docs/benchmarks.md)")
    ap.add_argument("--reuse-data", action="store_true",
                    help="reuse generated data of the same size/seed/fraction if present")
    ap.add_argument("--splink-threshold", type=float, default=0.9)
    ap.add_argument("--u-max-pairs", type=float, default=1e7)
    ap.add_argument("--timeout", type=float, default=None, help="seconds per command")
    ap.add_argument("--render-only", action="store_true",
                    help="rewrite the report from the work dir's results.json, run nothing")
    ap.add_argument("--merge", action="store_true",
                    help="keep the other sizes of the previous results.json in the report")
    args = ap.parse_args(argv)
    args.work = args.work.resolve()
    if args.render_only:
        results = json.loads((args.work / "results.json").read_text())
        args.report.write_text(render_report(results), encoding="utf-8")
        _say(f"report: {args.report}")
        return 0
    ram_gb = machine_info()["ram_gb"]
    gb = args.max_memory_gb or (0.8 * ram_gb if ram_gb else None)
    args.max_memory_mb = gb * 1024 if gb else None
    args.work.mkdir(parents=True, exist_ok=True)

    results = {"date": dt.datetime.now().isoformat(timespec="seconds"),
               "machine": machine_info(),
               "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
               "sizes": []}
    previous, old_same = [], {}
    if args.merge and (args.work / "results.json").exists():
        old = json.loads((args.work / "results.json").read_text())
        previous = [r for r in old.get("sizes", []) if r["size"] not in args.sizes]
        for r in previous:
            r["from_previous_run"] = old.get("date")
        # A tool skipped now (--no-coklit / --no-splink) keeps its earlier result.
        old_same = {r["size"]: r for r in old.get("sizes", []) if r["size"] in args.sizes}
    results["sizes"] = previous
    for n in args.sizes:
        _say(f"[{n} voters]")
        t0 = time.perf_counter()
        res = run_size(n, args)
        for tool in ("coklit", "splink"):
            earlier = old_same.get(n, {}).get(tool)
            if tool not in res and earlier:
                res[tool] = {**earlier, "from_previous_run": True}
        res["loadavg_after"] = _loadavg()
        results["sizes"].append(res)
        results["sizes"].sort(key=lambda r: r["size"])
        _say(f"  done in {time.perf_counter() - t0:.0f} s")
        results["loadavg_end"] = _loadavg()
        _write(results, args)
    _write(results, args)
    _say(f"report: {args.report}\nraw results: {args.work / 'results.json'}")
    return 0


def _write(results: dict, args: argparse.Namespace) -> None:
    (args.work / "results.json").write_text(json.dumps(results, indent=2, default=str))
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(render_report(results), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
