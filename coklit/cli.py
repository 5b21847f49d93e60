"""Command-line interface: parse options, call one pipeline function, render, exit.

Only this module imports typer. Domain errors become one message on stderr and exit code 2;
nothing here computes findings.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
import warnings
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.live import Live
from rich.spinner import Spinner
from rich.text import Text

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
from coklit.i18n import MESSAGES, MessageError, t, template, texts


class Lang(str, Enum):
    id = "id"
    en = "en"


# -h as well as --help (its text is worded in Indonesian by _localise).
HELP_OPTIONS = ["-h", "--help"]

app = typer.Typer(
    name="coklit",
    help=t("help.command.coklit"),
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": HELP_OPTIONS},
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)

out_console = Console()
err_console = Console(stderr=True)

# Shared options, defined once.
LangOpt = Annotated[Lang, typer.Option("--lang", help=t("help.lang"))]
KolomOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--kolom",
        help=t("help.kolom"),
    ),
]
TanggalOpt = Annotated[
    str,
    typer.Option("--tanggal-pemilihan", help=t("help.tanggal_pemilihan")),
]
OutOpt = Annotated[Path, typer.Option("--out", "-o", help=t("help.out"))]
FullOpt = Annotated[
    bool,
    typer.Option(
        "--data-lengkap",
        help=t("help.data_lengkap"),
    ),
]
PerKecOpt = Annotated[
    bool, typer.Option("--per-kecamatan", help=t("help.per_kecamatan"))
]
PaksaOpt = Annotated[
    bool,
    typer.Option(
        "--paksa",
        help=t("help.paksa"),
    ),
]
AmbangOpt = Annotated[
    float | None,
    typer.Option("--ambang", help=t("help.ambang"),
                 show_default=t("help.ambang_default")),
]
Inputs = Annotated[
    list[str], typer.Argument(help=t("help.dpt"))
]
TinjauanOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--tinjauan",
        help=t("help.tinjauan"),
    ),
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        help=t("help.model"),
    ),
]
DaskOpt = Annotated[
    str | None,
    typer.Option(
        "--dask",
        metavar="[ALAMAT]",
        help=t("help.dask"),
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
        read=ReadConfig(kolom=_parse_kolom(kolom), swap_check=not force),
        validate=ValidateConfig(election_date=_parse_date(tanggal, "--tanggal-pemilihan")),
        match=match,
        output=OutputConfig(lang=lang.value, full_data=full, per_kecamatan=per_kecamatan),
    )


def _read_marks(files: list[str] | None):
    """The review marks of ``--tinjauan`` files (None when none were given)."""
    if not files:
        return None
    from coklit.tinjauan import read_ledger

    return read_ledger(files)


@contextmanager
def _engine(address: str | None) -> Iterator[Any]:
    """The engine ``--dask`` asks for (None: this process), closed when the command ends."""
    engine = _dask_engine(address)
    try:
        yield engine
    finally:
        if engine is not None:
            engine.close()


def _dask_engine(address: str | None):
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


def _run(work: Callable[[StepCallback], Any], out: Path, inputs: list[Path],
         cfg: RunConfig) -> None:
    """Lock and check ``out``, run ``work`` (a pipeline call taking ``on_step``), write the
    results aside and swap them into place, then print the summary."""
    from coklit.report import commit_outputs, open_result_folder, shareable
    from coklit.report.terminal import render_summary

    lang = cfg.output.lang
    started = time.perf_counter()
    target = open_result_folder(out, inputs)
    try:
        status, on_step = _status(lang)
        with status:
            result = work(on_step)
            on_step("step.write")
            shown = shareable(result, cfg.output)
            written = commit_outputs(target, shown, cfg.output)
    finally:
        target.close()
    for renderable in render_summary(shown, lang, written):
        out_console.print(renderable)
    _done(written, out, started, lang)


def _done(written: list[Path], out: Path, started: float, lang: str) -> None:
    """Last line: the total time and where the report is."""
    seconds = _seconds(time.perf_counter() - started, lang)
    report = next((p for p in written if p.name == "laporan.html" and p.parent.resolve()
                   == Path(out).resolve()), None)
    if report is not None:
        line = t("cli.done", lang, seconds=seconds, path=str(report.resolve()))
    else:
        line = t("cli.done_no_report", lang, seconds=seconds, path=str(Path(out).resolve()))
    out_console.print(line, markup=False, highlight=False, soft_wrap=True)


def _seconds(value: float, lang: str) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "id" else text


@contextmanager
def _reported(lang: Lang) -> Iterator[None]:
    """Around a command's work: a domain error becomes one message and its exit code, any
    other exception (a bug) one line and exit code 1."""
    try:
        yield
    except typer.Exit:
        raise
    except CoklitError as error:
        _fail(error, lang.value)
    except Exception as error:  # noqa: BLE001 - last resort: a message, never a traceback
        _crash(error, lang.value)


# Message values naming files and folders: they keep dates (documents are named by date),
# everything else read from a file loses identity numbers and dates too.
_FILE_VALUES = ("file", "path", "folder", "berkas", "input", "files", "holder")


def _fail(error: CoklitError, lang: str) -> None:
    from coklit.i18n import t as text
    from coklit.privacy import scrub_values

    values = scrub_values(error.values, _FILE_VALUES)
    try:
        message = text(error.key, lang, **values)
    except MessageError as broken:  # a bug in coklit's messages: one line, like any other bug
        _crash(broken, lang)
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


class _Progress:
    """What the spinner shows: the step with its counts, its number and the time since the
    start (rendered again on every refresh, so the seconds run while a step works)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.start = time.perf_counter()
        self.key = ""
        self.counts: Mapping[str, int] = {}
        self.number = 0

    def __rich__(self) -> Text:
        from coklit.report.terminal import step_text

        if not self.key:
            return Text("")
        # Text, not a str: "[langkah 2, 5 dtk]" would be read as console markup and vanish.
        return Text(t("cli.progress", self.lang,
                      step=step_text(self.key, self.counts, self.lang), n=self.number,
                      seconds=f"{time.perf_counter() - self.start:.0f}"))


StepCallback = Callable[..., None]


def _status(lang: str) -> tuple[Live, StepCallback]:
    """A callback the pipeline calls with step keys and counts; shows them as a spinner on
    stderr with the step number and the elapsed seconds, redrawn at once on each call (a
    count that comes at the end of a step is seen too). The same key again (its counts
    learned, or the next file of the stage) is the same step."""
    progress = _Progress(lang)
    live = Live(Spinner("dots", text=progress, style="status.spinner"), console=err_console,
                transient=True, refresh_per_second=12.5)

    def on_step(key: str, counts: Mapping[str, int] | None = None) -> None:
        if key != progress.key:
            progress.number += 1
        progress.key, progress.counts = key, dict(counts or {})
        live.refresh()

    return live, on_step


@app.command(help=t("help.command.validate"))
def validate(
    dpt: Inputs,
    out: OutOpt = Path("hasil"),
    kolom: KolomOpt = None,
    tanggal_pemilihan: TanggalOpt = DEFAULT_DATE,
    data_lengkap: FullOpt = False,
    per_kecamatan: PerKecOpt = False,
    lang: LangOpt = Lang.id,
) -> None:
    from coklit.pipeline import run_validate

    with _reported(lang):
        cfg = _config(lang, kolom, tanggal_pemilihan, None, data_lengkap, per_kecamatan)
        _run(lambda on_step: run_validate(dpt, cfg, on_step=on_step), out, _input_files(dpt), cfg)


@app.command(help=t("help.command.dedupe"))
def dedupe(
    dpt: Inputs,
    out: OutOpt = Path("hasil"),
    kolom: KolomOpt = None,
    tanggal_pemilihan: TanggalOpt = DEFAULT_DATE,
    ambang: AmbangOpt = None,
    data_lengkap: FullOpt = False,
    per_kecamatan: PerKecOpt = False,
    model: ModelOpt = None,
    tinjauan: TinjauanOpt = None,
    dask: DaskOpt = None,
    lang: LangOpt = Lang.id,
) -> None:
    from coklit.pipeline import load_models, run_dedupe

    with _reported(lang):
        cfg = _config(lang, kolom, tanggal_pemilihan, ambang, data_lengkap, per_kecamatan)
        models = load_models(model) if model else None
        marks = _read_marks(tinjauan)
        with _engine(dask) as engine:
            _run(lambda on_step: run_dedupe(dpt, cfg, on_step=on_step, models=models,
                                            marks=marks, engine=engine),
                 out, [*_input_files(dpt), *map(Path, tinjauan or [])], cfg)


@app.command(help=t("help.command.check"))
def check(
    dpt: Annotated[str, typer.Argument(help=t("help.check.dpt"))],
    lapangan: Annotated[
        list[str],
        typer.Argument(help=t("help.check.lapangan")),
    ],
    out: OutOpt = Path("hasil"),
    kolom: KolomOpt = None,
    tanggal_pemilihan: TanggalOpt = DEFAULT_DATE,
    ambang: AmbangOpt = None,
    data_lengkap: FullOpt = False,
    per_kecamatan: PerKecOpt = False,
    model: ModelOpt = None,
    paksa: PaksaOpt = False,
    tinjauan: TinjauanOpt = None,
    dask: DaskOpt = None,
    lang: LangOpt = Lang.id,
) -> None:
    from coklit.pipeline import load_models, run_check

    with _reported(lang):
        cfg = _config(lang, kolom, tanggal_pemilihan, ambang, data_lengkap, per_kecamatan,
                      paksa)
        models = load_models(model) if model else None
        marks = _read_marks(tinjauan)
        with _engine(dask) as engine:
            _run(lambda on_step: run_check([dpt], lapangan, cfg, on_step=on_step, models=models,
                                           marks=marks, engine=engine),
                 out, [*_input_files([dpt], lapangan), *map(Path, tinjauan or [])], cfg)


@app.command(help=t("help.command.banding"))
def banding(
    lama: Annotated[
        str, typer.Argument(help=t("help.lama"))
    ],
    baru: Annotated[
        str, typer.Argument(help=t("help.baru"))
    ],
    out: OutOpt = Path("hasil_banding"),
    kolom: KolomOpt = None,
    tanggal_pemilihan: TanggalOpt = DEFAULT_DATE,
    ambang: AmbangOpt = None,
    data_lengkap: FullOpt = False,
    model: ModelOpt = None,
    temuan_lama: Annotated[
        str | None,
        typer.Option(
            "--temuan-lama",
            help=t("help.temuan_lama"),
        ),
    ] = None,
    per_kecamatan: PerKecOpt = False,
    lang: LangOpt = Lang.id,
) -> None:
    from coklit.banding import run_banding
    from coklit.pipeline import load_models

    with _reported(lang):
        cfg = _config(lang, kolom, tanggal_pemilihan, ambang, data_lengkap, per_kecamatan)
        models = load_models(model) if model else None
        _run(lambda on_step: run_banding([lama], [baru], cfg, on_step=on_step, models=models,
                                         temuan_lama=temuan_lama),
             out, _input_files([lama], [baru]), cfg)


@app.command(help=t("help.command.laporan"))
def laporan(
    folder: Annotated[Path, typer.Argument(help=t("help.folder"))],
    data_lengkap: FullOpt = False,
    per_kecamatan: PerKecOpt = False,
    lang: LangOpt = Lang.id,
) -> None:
    from coklit.report import PER_KECAMATAN_DIR, load_result

    with _reported(lang):
        # Packs the folder had are written again (the swap would drop them otherwise).
        packs = per_kecamatan or (folder / PER_KECAMATAN_DIR).is_dir()
        output = OutputConfig(lang=lang.value, full_data=data_lengkap, per_kecamatan=packs)
        _run(lambda on_step: load_result(folder), folder, [], RunConfig(output=output))


class Per(str, Enum):
    kecamatan = "kecamatan"
    kelurahan = "kelurahan"


@app.command(help=t("help.command.surat"))
def surat(
    folder: Annotated[Path, typer.Argument(help=t("help.folder"))],
    per: Annotated[Per, typer.Option("--per", help=t("help.per"))
                   ] = Per.kecamatan,
    out: Annotated[Path, typer.Option("--out", "-o", help=t("help.surat.out"))] = Path("surat"),
    data_lengkap: FullOpt = False,
    lang: LangOpt = Lang.id,
) -> None:
    from coklit.report import MODE_SHARED, load_result, shareable
    from coklit.report.surat import write_letters

    with _reported(lang):
        if Path(os.path.abspath(folder)).resolve() in [Path(os.path.abspath(out)).resolve(),
                                                      *Path(os.path.abspath(out)).resolve().parents]:
            raise OptionError("surat.out_inside", path=str(out), folder=str(folder))
        result = load_result(folder)
        shown = shareable(result, OutputConfig(lang=lang.value, full_data=data_lengkap))
        written = write_letters(shown, out, per.value, lang.value,
                                masked=shown.meta.get("mode") == MODE_SHARED)
    out_console.print(t("surat.done", lang.value, n=len(written) // 2, out=str(out)),
                      markup=False)


@app.command(help=t("help.command.sample"))
def sample(
    out: OutOpt = Path("contoh"),
    pemilih: Annotated[int, typer.Option("--pemilih", min=100, help=t("help.pemilih"))] = 5000,
    seed: Annotated[int, typer.Option("--seed", help=t("help.seed"))] = 1,
    lapangan: Annotated[
        float,
        typer.Option("--lapangan", min=0.0, max=1.0, help=t("help.sample.lapangan")),
    ] = 0.05,
    profil: Annotated[
        str,
        typer.Option(
            "--profil",
            help=t("help.profil"),
        ),
    ] = "standar",
    kolom_sampel: Annotated[
        str,
        typer.Option(
            "--kolom-sampel",
            help=t("help.kolom_sampel"),
        ),
    ] = "lengkap",
    versi_baru: Annotated[
        bool,
        typer.Option(
            "--versi-baru",
            help=t("help.versi_baru"),
        ),
    ] = False,
    wilayah: Annotated[
        str | None,
        typer.Option(
            "--wilayah",
            help=t("help.wilayah"),
        ),
    ] = None,
    lang: LangOpt = Lang.id,
) -> None:
    from coklit.synth import generate
    from coklit.synth.versi import generate_versions

    with _reported(lang):
        make = generate_versions if versi_baru else generate
        summary = make(out, voters=pemilih, seed=seed, field_fraction=lapangan,
                       profile=profil, columns=kolom_sampel, wilayah=wilayah)
    message = "sample.done_versions" if versi_baru else "sample.done"
    out_console.print(t(message, lang.value, out=str(out), **summary), markup=False)


def _version_callback(value: bool) -> None:
    if value:
        out_console.print(f"coklit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version_callback, is_eager=True, help=t("help.version")),
    ] = False,
    lang: LangOpt = Lang.id,  # read before parsing (help language); accepted here too
) -> None:
    """coklit: pemeriksaan daftar pemilih untuk pengawas pemilu."""


# --- help in the chosen language --------------------------------------------------------------
# typer/click take help texts at definition time and write their own words ("Usage",
# "Options", "[default: …]") through gettext; both are set here before the command runs, from
# the --lang given on the command line (Indonesian by default).

# The texts are in coklit/messages/cli_help.py: help.<option> (help.<command>.<option> where
# one command's differs), help.command.<command>, the framework's words (cli_word.*) and
# metavars (metavar.*).
_FRAMEWORK_WORDS = ("arguments", "options", "commands", "default", "required", "help", "usage",
                    "aborted", "missing_command", "no_such_command")


def _framework_id() -> dict[str, str]:
    """click's English words -> Indonesian."""
    return {template(f"cli_word.{w}", "en"): template(f"cli_word.{w}", "id")
            for w in _FRAMEWORK_WORDS}


def _help(command: str, param: str, lang: str) -> str | None:
    """Help of option ``param`` of ``command`` in ``lang`` (None: the option has none)."""
    for key in (f"help.{command}.{param}", f"help.{param}"):
        if key in MESSAGES:
            return template(key, lang)
    return None


def _argv_lang(argv: list[str]) -> str:
    """The --lang asked for on the command line (before any parsing), else "id"."""
    for k, arg in enumerate(argv):
        if arg == "--lang" and k + 1 < len(argv):
            return "en" if argv[k + 1].strip().lower() == "en" else "id"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1].strip().lower() == "en" else "id"
    return "id"


def _metavar(param: Any, lang: str) -> str | None:
    words = texts("metavar", ("path", "text", "number", "file", "date"), lang)
    if getattr(param, "param_type_name", "") == "argument":
        return param.name.upper()
    if getattr(param, "is_flag", False) or param.name == "lang":
        return None
    if param.name in ("tinjauan", "model"):
        return words["file"]
    if param.name == "tanggal_pemilihan":
        return words["date"]
    desc = getattr(param, "type_descriptor", None)
    if getattr(desc, "is_choice", False):
        return None  # typer lists the choices: <kecamatan|kelurahan>
    annotation = getattr(desc, "annotation", None)
    if annotation in (int, float) or getattr(desc, "is_ranged", False):
        return words["number"]
    if getattr(desc, "is_path", False) or annotation is Path:
        return words["path"]
    return words["text"]


def _localise(command: Any, lang: str, path: str = "") -> None:
    """Help texts and metavars of ``command`` and its subcommands in ``lang``."""
    name = path.split(".")[-1] if path else ""
    if lang == "en":
        command.help = template(f"help.command.{name or 'coklit'}", lang)
    if lang == "id" and hasattr(command, "options_metavar"):
        command.options_metavar = template("cli_word.options_metavar", lang)
    if lang == "id" and getattr(command, "subcommand_metavar", None):
        command.subcommand_metavar = template("cli_word.commands_metavar", lang)
    for param in getattr(command, "params", []):
        if lang == "en":
            text = _help(name, param.name, lang)
            if text:
                param.help = text
            if param.name == "ambang":
                param.show_default = template("help.ambang_default", lang)
        elif param.name == "help":
            param.help = template("cli_word.help", lang)
        if getattr(param, "metavar", None) is None:
            metavar = _metavar(param, lang)
            if metavar:
                param.metavar = metavar
            if getattr(param, "param_type_name", "") == "argument":
                # "DPT" in the usage line and the list, not "{dpt}" and "dpt <str>"
                shown = param.metavar + ("..." if param.nargs != 1 else "")
                param.display_type_rich = lambda ctx: None
                param._usage_display_name = lambda shown=shown: shown
    if lang == "id":
        # The help option is made (and cached) on first use, with its English text: make it
        # now and word it.
        context = command.context_class(command, help_option_names=HELP_OPTIONS)
        help_option = command.get_help_option(context)
        if help_option is not None:
            help_option.help = template("cli_word.help", lang)
    for sub_name, sub in getattr(command, "commands", {}).items():
        _localise(sub, lang, f"{path}.{sub_name}" if path else sub_name)


def _install_framework_words(lang: str) -> None:
    """typer/click's own words in Indonesian (they stay English with --lang en)."""
    if lang != "id":
        return
    import typer.core as typer_core
    from typer._click import formatting

    framework = _framework_id()

    def words(text: str) -> str:
        return framework.get(text, text)

    typer_core._ = words  # type: ignore[assignment]
    write_usage = formatting.HelpFormatter.write_usage
    if getattr(write_usage, "_coklit", False):
        return

    def usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, framework["Usage: "] if prefix is None else prefix)

    usage._coklit = True  # type: ignore[attr-defined]
    formatting.HelpFormatter.write_usage = usage  # type: ignore[method-assign]


def localised_command(lang: str) -> Any:
    """The click command of ``app`` with help in ``lang`` (used by :func:`main` and tests)."""
    command = typer.main.get_command(app)
    _localise(command, lang)
    _install_framework_words(lang)
    return command


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
        args = _dask_argv(sys.argv[1:])
        try:
            command = localised_command(_argv_lang(args))
        except Exception:  # noqa: BLE001 - help wording must never stop a run
            command = None
        if command is None:
            app(args=args)
        else:
            command(args=args, prog_name="coklit")
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        err_console.print("Dibatalkan.")
        sys.exit(130)
