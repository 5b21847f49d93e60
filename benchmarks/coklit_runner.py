"""coklit with one part of its model switched off, for ablation in the benchmark.

    python -m benchmarks.coklit_runner --tanpa-interaksi check DPT LAPANGAN --out DIR
    python -m benchmarks.coklit_runner --tanpa-interaksi dedupe DPT --out DIR

``--tanpa-interaksi`` drops every stratum of the model (NIK given the birth date, kinship,
household): plain Fellegi-Sunter independence with the same comparisons, blocking and
estimation. ``--dengan-frekuensi-sesi`` runs EM with the term-frequency offsets of the
training sessions' pairs (``MatchConfig.session_rarity``, off by default);
``--tanpa-frekuensi-urut`` drops the term frequencies of the NIK's serial (the ``nik`` entry
of ``spec.TERM_FREQUENCY``). The outputs are the files ``coklit check``/``dedupe`` writes.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    from coklit.config import OutputConfig, RunConfig
    from coklit.pipeline import run_check, run_dedupe
    from coklit.report import write_outputs

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tanpa-interaksi", action="store_true")
    ap.add_argument("--dengan-frekuensi-sesi", action="store_true")
    ap.add_argument("--tanpa-frekuensi-urut", action="store_true")
    ap.add_argument("command", choices=["check", "dedupe"])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--out", required=True, type=Path)
    args = ap.parse_args(argv)
    cfg = RunConfig(output=OutputConfig(html=False, xlsx=False))
    if args.tanpa_interaksi:
        cfg = replace(cfg, match=replace(cfg.match, interactions=False))
    if args.dengan_frekuensi_sesi:
        cfg = replace(cfg, match=replace(cfg.match, session_rarity=True))
    if args.tanpa_frekuensi_urut:
        from coklit.match import spec

        del spec.TERM_FREQUENCY["nik"]
    if args.command == "check":
        result = run_check([args.inputs[0]], [args.inputs[1]], cfg)
    else:
        result = run_dedupe(args.inputs, cfg)
    write_outputs(result, args.out, cfg.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
