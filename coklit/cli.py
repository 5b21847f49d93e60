"""Command-line interface: parse options, call one pipeline function, render, exit.

Only this module imports typer. Domain errors become one message on stderr and exit code 2;
nothing here computes findings.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import warnings
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from coklit import __version__
from coklit.config import (
    DEFAULT_ELECTION_DATE,
    MatchConfig,
    OutputConfig,
    ReadConfig,
    RunConfig,
    ValidateConfig,
)
from coklit.errors import CoklitError, OptionError
from coklit.fields import FIELDS
from coklit.i18n import t


class Lang(str, Enum):
    id = "id"
    en = "en"


app = typer.Typer(
    name="coklit",
    help=(
        "coklit: memeriksa daftar pemilih (DP4/DPS/DPT) terhadap catatan lapangan Bawaslu — "
        "pemilih ganda, belum terdaftar, TMS dan data tidak valid per kecamatan. "
        "Bekerja sepenuhnya offline."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)

out_console = Console()
err_console = Console(stderr=True)

# Shared options, defined once.
LangOpt = Annotated[Lang, typer.Option("--lang", help="Bahasa keluaran: id (Indonesia) atau en.")]
KolomOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--kolom",
        help='Petakan judul kolom ke field, mis. --kolom nama="NAMA LENGKAP". Boleh diulang.',
    ),
]
TanggalOpt = Annotated[
    str,
    typer.Option("--tanggal-pemilihan", help="Tanggal pemungutan suara (TTTT-BB-HH)."),
]
OutOpt = Annotated[Path, typer.Option("--out", "-o", help="Folder hasil (dibuat bila belum ada).")]
FullOpt = Annotated[
    bool,
    typer.Option(
        "--data-lengkap",
        help="Tulis NIK/NKK, tanggal lahir dan disabilitas utuh (HANYA untuk kerja internal).",
    ),
]
PerKecOpt = Annotated[
    bool, typer.Option("--per-kecamatan", help="Tulis juga satu folder per kecamatan.")
]
PaksaOpt = Annotated[
    bool,
    typer.Option(
        "--paksa",
        help="Jalankan walaupun DPT dan lapangan tampak tertukar (lapangan jauh lebih banyak, "
        "atau hanya lapangan yang punya TPS).",
    ),
]
AmbangOpt = Annotated[
    float | None,
    typer.Option("--ambang", help="Ambang skor (0-1) untuk pasangan ganda dan kecocokan."),
]
Inputs = Annotated[
    list[str], typer.Argument(help="Berkas CSV/XLSX, folder, atau pola glob dalam tanda kutip.")
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="Pakai ulang model pencocokan dari proses sebelumnya (folder hasil atau "
        "info_proses.json-nya) alih-alih menaksirnya dari data ini.",
    ),
]
DaskOpt = Annotated[
    str | None,
    typer.Option(
        "--dask",
        metavar="[ALAMAT]",
        help="Jalankan blocking dan perbandingan di klaster Dask; temuannya sama persis. Tanpa "
        "alamat: klaster lokal, satu proses per inti mesin ini. "
        "Dengan alamat scheduler, mis. tcp://HOST:8786: klaster yang sudah berjalan. Perlu "
        'pip install "coklit[dask]".',
    ),
]


DEFAULT_DATE = DEFAULT_ELECTION_DATE.isoformat()


def _parse_date(value: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise OptionError("option.bad_date", value=value, option=option) from None


def _parse_kolom(values: list[str] | None) -> tuple[tuple[str, str], ...]:
    pairs = []
    for value in values or []:
        field, sep, header = value.partition("=")
        field = field.strip().lower()
        if not sep or field not in FIELDS or not header.strip():
            raise OptionError("option.bad_kolom", value=value, fields=", ".join(FIELDS))
        pairs.append((field, header.strip().strip('"').strip("'")))
    return tuple(pairs)


def _config(
    lang: Lang,
    kolom: list[str] | None = None,
    tanggal: str = DEFAULT_ELECTION_DATE.isoformat(),
    ambang: float | None = None,
    full: bool = False,
    per_kecamatan: bool = False,
    force: bool = False,
) -> RunConfig:
    match = MatchConfig()
    if ambang is not None:
        if not 0 < ambang < 1:
            raise OptionError("option.bad_threshold", value=ambang)
        match = MatchConfig(threshold_dedupe=ambang, threshold_link=ambang)
    return RunConfig(
        read=ReadConfig(kolom=_parse_kolom(kolom), lang=lang.value, swap_check=not force),
        validate=ValidateConfig(election_date=_parse_date(tanggal, "--tanggal-pemilihan")),
        match=match,
        output=OutputConfig(lang=lang.value, full_data=full, per_kecamatan=per_kecamatan),
    )


def _dask_engine(address: str | None):  # type: ignore[no-untyped-def]
    """The Dask engine ``--dask`` asks for (None without it): a local cluster, or the
    scheduler at the address given."""
    if address is None:
        return None
    value = address.strip()
    if value.lower() not in ("lokal", "local") and "://" not in value:
        raise OptionError("option.bad_dask", value=address)
    import logging

    from coklit.match.distributed import connect

    # Cluster start-up notes (ports, spill) are not the officer's concern; errors still show.
    logging.getLogger("distributed").setLevel(logging.ERROR)
    return connect(None if value.lower() in ("lokal", "local") else value)


def _input_files(*groups: list[str]) -> list[Path]:
    from coklit.io import expand_paths

    return [path for group in groups for path in expand_paths(group)]


def _run(work: Callable[[Callable[[str], None]], Any], out: Path, inputs: list[Path],
         cfg: RunConfig) -> None:
    """Lock and check ``out``, run ``work`` (a pipeline call taking ``on_step``), write the
    results aside and swap them into place, then print the summary."""
    from coklit.report import commit_outputs, open_result_folder, shareable
    from coklit.report.terminal import render_summary

    lang = cfg.output.lang
    target = open_result_folder(out, inputs)
    try:
        status, on_step = _status(lang)
        with status:
            result = work(on_step)
        shown = shareable(result, cfg.output)
        written = commit_outputs(target, shown, cfg.output)
    finally:
        target.close()
    for renderable in render_summary(shown, lang, written):
        out_console.print(renderable)


# Message values naming files and folders: they keep dates (documents are named by date),
# everything else read from a file loses identity numbers and dates too.
_FILE_VALUES = ("file", "path", "folder", "berkas", "input", "files", "holder")


def _fail(error: CoklitError, lang: str) -> None:
    from coklit.i18n import t as text
    from coklit.privacy import scrub_values

    values = scrub_values(error.values, _FILE_VALUES)
    message = text(error.key, lang, **values)
    err_console.print(f"{t('error.prefix', lang)}: {message}", markup=False, highlight=False)
    raise typer.Exit(code=error.exit_code)


def _crash(error: Exception, lang: str) -> None:
    """An unexpected error (a bug): one line for the officer, the traceback only on request."""
    if os.environ.get("COKLIT_DEBUG"):
        raise error
    err_console.print(
        f"{t('error.prefix', lang)}: {t('error.unexpected', lang, kind=type(error).__name__)}",
        markup=False, highlight=False,
    )
    raise typer.Exit(code=1)


def _status(lang: str):  # type: ignore[no-untyped-def]
    """A callback the pipeline calls with step keys; shows them as a spinner on stderr."""
    status = err_console.status("")

    def on_step(key: str) -> None:
        status.update(t(key, lang))

    return status, on_step


@app.command()
def validate(
    dpt: Inputs,
    out: OutOpt = Path("hasil"),
    kolom: KolomOpt = None,
    tanggal_pemilihan: TanggalOpt = DEFAULT_DATE,
    data_lengkap: FullOpt = False,
    per_kecamatan: PerKecOpt = False,
    lang: LangOpt = Lang.id,
) -> None:
    """Periksa mutu data daftar pemilih: NIK/NKK, tanggal lahir, usia, baris ditolak."""
    from coklit.pipeline import run_validate

    try:
        cfg = _config(lang, kolom, tanggal_pemilihan, None, data_lengkap, per_kecamatan)
        _run(lambda on_step: run_validate(dpt, cfg, on_step=on_step), out, _input_files(dpt), cfg)
    except CoklitError as error:
        _fail(error, lang.value)
    except Exception as error:  # noqa: BLE001 - last resort: a message, never a traceback
        _crash(error, lang.value)


@app.command()
def dedupe(
    dpt: Inputs,
    out: OutOpt = Path("hasil"),
    kolom: KolomOpt = None,
    tanggal_pemilihan: TanggalOpt = DEFAULT_DATE,
    ambang: AmbangOpt = None,
    data_lengkap: FullOpt = False,
    per_kecamatan: PerKecOpt = False,
    model: ModelOpt = None,
    dask: DaskOpt = None,
    lang: LangOpt = Lang.id,
) -> None:
    """Cari pemilih ganda di dalam daftar pemilih (beserta temuan mutu data)."""
    from coklit.pipeline import load_models, run_dedupe

    engine = None
    try:
        cfg = _config(lang, kolom, tanggal_pemilihan, ambang, data_lengkap, per_kecamatan)
        models = load_models(model) if model else None
        engine = _dask_engine(dask)
        _run(lambda on_step: run_dedupe(dpt, cfg, on_step=on_step, models=models,
                                        engine=engine), out, _input_files(dpt), cfg)
    except CoklitError as error:
        _fail(error, lang.value)
    except Exception as error:  # noqa: BLE001 - last resort: a message, never a traceback
        _crash(error, lang.value)
    finally:
        if engine is not None:
            engine.close()


@app.command()
def check(
    dpt: Annotated[str, typer.Argument(help="Daftar pemilih: berkas, folder, atau pola glob.")],
    lapangan: Annotated[
        str, typer.Argument(help="Catatan lapangan: berkas, folder, atau pola glob.")
    ],
    out: OutOpt = Path("hasil"),
    kolom: KolomOpt = None,
    tanggal_pemilihan: TanggalOpt = DEFAULT_DATE,
    ambang: AmbangOpt = None,
    data_lengkap: FullOpt = False,
    per_kecamatan: PerKecOpt = False,
    model: ModelOpt = None,
    paksa: PaksaOpt = False,
    dask: DaskOpt = None,
    lang: LangOpt = Lang.id,
) -> None:
    """Cocokkan daftar pemilih dengan catatan lapangan: ganda, belum terdaftar, TMS, tidak valid."""
    from coklit.pipeline import load_models, run_check

    engine = None
    try:
        cfg = _config(lang, kolom, tanggal_pemilihan, ambang, data_lengkap, per_kecamatan,
                      paksa)
        models = load_models(model) if model else None
        engine = _dask_engine(dask)
        _run(lambda on_step: run_check([dpt], [lapangan], cfg, on_step=on_step, models=models,
                                       engine=engine),
             out, _input_files([dpt], [lapangan]), cfg)
    except CoklitError as error:
        _fail(error, lang.value)
    except Exception as error:  # noqa: BLE001 - last resort: a message, never a traceback
        _crash(error, lang.value)
    finally:
        if engine is not None:
            engine.close()


@app.command()
def laporan(
    folder: Annotated[Path, typer.Argument(help="Folder hasil coklit check/dedupe/validate.")],
    data_lengkap: FullOpt = False,
    per_kecamatan: PerKecOpt = False,
    lang: LangOpt = Lang.id,
) -> None:
    """Tulis ulang laporan.html dan temuan.xlsx dari folder hasil yang sudah ada."""
    from coklit.report import (
        PER_KECAMATAN_DIR,
        commit_outputs,
        load_result,
        open_result_folder,
        shareable,
    )
    from coklit.report.terminal import render_summary

    try:
        target = open_result_folder(folder)
        try:
            result = load_result(folder)
            # Packs the folder had are written again (the swap would drop them otherwise).
            packs = per_kecamatan or (folder / PER_KECAMATAN_DIR).is_dir()
            output = OutputConfig(lang=lang.value, full_data=data_lengkap, per_kecamatan=packs)
            shown = shareable(result, output)
            written = commit_outputs(target, shown, output)
        finally:
            target.close()
        for renderable in render_summary(shown, lang.value, written):
            out_console.print(renderable)
    except CoklitError as error:
        _fail(error, lang.value)
    except Exception as error:  # noqa: BLE001 - last resort: a message, never a traceback
        _crash(error, lang.value)


@app.command()
def sample(
    out: OutOpt = Path("contoh"),
    pemilih: Annotated[int, typer.Option("--pemilih", min=100, help="Jumlah pemilih di DPT.")] = 5000,
    seed: Annotated[int, typer.Option("--seed", help="Benih acak (hasil sama untuk benih sama).")] = 1,
    lapangan: Annotated[
        float,
        typer.Option("--lapangan", min=0.0, max=1.0, help="Porsi pemilih yang dicek di lapangan."),
    ] = 0.05,
    profil: Annotated[
        str,
        typer.Option(
            "--profil",
            help="Profil data: standar (bawaan) atau uji (data uji tersisih, hanya untuk "
            "evaluasi; jangan dipakai untuk menyetel pencocokan).",
        ),
    ] = "standar",
    kolom_sampel: Annotated[
        str,
        typer.Option(
            "--kolom-sampel",
            help="Kolom berkas: lengkap (bawaan) atau minimal (hanya NAMA, TANGGAL LAHIR, "
            "ALAMAT, KELURAHAN; baris dan kunci jawaban sama).",
        ),
    ] = "lengkap",
    lang: LangOpt = Lang.id,
) -> None:
    """Buat data sintetis yang realistis (DPT, catatan lapangan, kunci jawaban)."""
    from coklit.synth import generate

    try:
        summary = generate(out, voters=pemilih, seed=seed, field_fraction=lapangan,
                           profile=profil, columns=kolom_sampel)
    except CoklitError as error:
        _fail(error, lang.value)
    except Exception as error:  # noqa: BLE001 - last resort: a message, never a traceback
        _crash(error, lang.value)
    out_console.print(t("sample.done", lang.value, out=str(out), **summary), markup=False)


def _version_callback(value: bool) -> None:
    if value:
        out_console.print(f"coklit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version_callback, is_eager=True, help="Versi coklit."),
    ] = False,
) -> None:
    """coklit: pemeriksaan daftar pemilih untuk pengawas pemilu."""


def _dask_argv(args: list[str]) -> list[str]:
    """``--dask`` may stand alone (a local cluster): give it the value ``lokal`` unless a
    scheduler address (``tcp://…``) or ``lokal`` follows it."""
    out = []
    for k, arg in enumerate(args):
        out.append(arg)
        if arg == "--dask":
            following = args[k + 1] if k + 1 < len(args) else ""
            if "://" not in following and following.lower() not in ("lokal", "local"):
                out.append("lokal")
    return out


def main() -> None:
    if not os.environ.get("COKLIT_DEBUG"):
        # Library deprecation notices are for developers, not for officers' terminals.
        warnings.simplefilter("ignore")
    try:
        app(args=_dask_argv(sys.argv[1:]))
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        err_console.print("Dibatalkan.")
        sys.exit(130)
