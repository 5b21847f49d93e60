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
from coklit.i18n import MessageError, t


class Lang(str, Enum):
    id = "id"
    en = "en"


# -h as well as --help (its text is worded in Indonesian by _localise).
HELP_OPTIONS = ["-h", "--help"]

app = typer.Typer(
    name="coklit",
    help=(
        "coklit: memeriksa daftar pemilih (DP4/DPS/DPT) terhadap catatan lapangan Bawaslu — "
        "pemilih ganda, belum terdaftar, TMS dan data tidak valid per kecamatan. "
        "Bekerja sepenuhnya offline."
    ),
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": HELP_OPTIONS},
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
    typer.Option("--ambang", help="Ambang skor (0-1) untuk pasangan ganda dan kecocokan.",
                 show_default="0.9 ganda, 0.8 cocok"),
]
Inputs = Annotated[
    list[str], typer.Argument(help="Berkas CSV/XLSX, folder, atau pola glob dalam tanda kutip.")
]
TinjauanOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--tinjauan",
        help="Tanda pemeriksaan temuan dari proses sebelumnya: temuan.xlsx (kolom Status cek, "
        "Catatan, Pemeriksa) atau CSV ekspor laporan.html. Boleh diulang; tanda terbaru yang "
        "dipakai. Pasangan yang ditandai 'keliru' tidak dilaporkan ganda lagi.",
    ),
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

    with _reported(lang):
        cfg = _config(lang, kolom, tanggal_pemilihan, None, data_lengkap, per_kecamatan)
        _run(lambda on_step: run_validate(dpt, cfg, on_step=on_step), out, _input_files(dpt), cfg)


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
    tinjauan: TinjauanOpt = None,
    dask: DaskOpt = None,
    lang: LangOpt = Lang.id,
) -> None:
    """Cari pemilih ganda di dalam daftar pemilih (beserta temuan mutu data)."""
    from coklit.pipeline import load_models, run_dedupe

    with _reported(lang):
        cfg = _config(lang, kolom, tanggal_pemilihan, ambang, data_lengkap, per_kecamatan)
        models = load_models(model) if model else None
        marks = _read_marks(tinjauan)
        with _engine(dask) as engine:
            _run(lambda on_step: run_dedupe(dpt, cfg, on_step=on_step, models=models,
                                            marks=marks, engine=engine),
                 out, [*_input_files(dpt), *map(Path, tinjauan or [])], cfg)


@app.command()
def check(
    dpt: Annotated[str, typer.Argument(help="Daftar pemilih: berkas, folder, atau pola glob.")],
    lapangan: Annotated[
        list[str],
        typer.Argument(help="Catatan lapangan: satu atau lebih berkas, folder, atau pola glob."),
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
    """Cocokkan daftar pemilih dengan catatan lapangan: ganda, belum terdaftar, TMS, tidak valid."""
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


@app.command()
def banding(
    lama: Annotated[
        str, typer.Argument(help="Daftar versi lama (mis. DPS): berkas, folder, atau pola glob.")
    ],
    baru: Annotated[
        str, typer.Argument(help="Daftar versi baru (mis. DPT): berkas, folder, atau pola glob.")
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
            help="Folder hasil coklit check atas daftar versi lama: tunjukkan temuan mana yang "
            "sudah diselesaikan di versi baru (TMS dihapus, belum terdaftar kini terdaftar, "
            "ganda dibersihkan) dan mana yang tetap.",
        ),
    ] = None,
    per_kecamatan: PerKecOpt = False,
    lang: LangOpt = Lang.id,
) -> None:
    """Bandingkan dua versi daftar pemilih (mis. DPS dan DPT): pemilih ditambah, dihapus dan diubah."""
    from coklit.banding import run_banding
    from coklit.pipeline import load_models

    with _reported(lang):
        cfg = _config(lang, kolom, tanggal_pemilihan, ambang, data_lengkap, per_kecamatan)
        models = load_models(model) if model else None
        _run(lambda on_step: run_banding([lama], [baru], cfg, on_step=on_step, models=models,
                                         temuan_lama=temuan_lama),
             out, _input_files([lama], [baru]), cfg)


@app.command()
def laporan(
    folder: Annotated[Path, typer.Argument(help="Folder hasil coklit check/dedupe/validate.")],
    data_lengkap: FullOpt = False,
    per_kecamatan: PerKecOpt = False,
    lang: LangOpt = Lang.id,
) -> None:
    """Tulis ulang laporan.html dan temuan.xlsx dari folder hasil yang sudah ada."""
    from coklit.report import PER_KECAMATAN_DIR, load_result

    with _reported(lang):
        # Packs the folder had are written again (the swap would drop them otherwise).
        packs = per_kecamatan or (folder / PER_KECAMATAN_DIR).is_dir()
        output = OutputConfig(lang=lang.value, full_data=data_lengkap, per_kecamatan=packs)
        _run(lambda on_step: load_result(folder), folder, [], RunConfig(output=output))


class Per(str, Enum):
    kecamatan = "kecamatan"
    kelurahan = "kelurahan"


@app.command()
def surat(
    folder: Annotated[Path, typer.Argument(help="Folder hasil coklit check/dedupe/validate.")],
    per: Annotated[Per, typer.Option("--per", help="Satu surat per kecamatan atau per kelurahan.")
                   ] = Per.kecamatan,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder surat (dibuat bila belum ada; "
                                      "bukan di dalam folder hasil).")] = Path("surat"),
    data_lengkap: FullOpt = False,
    lang: LangOpt = Lang.id,
) -> None:
    """Tulis surat saran perbaikan (DOCX dan HTML siap cetak) per kecamatan atau kelurahan."""
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
    versi_baru: Annotated[
        bool,
        typer.Option(
            "--versi-baru",
            help="Tulis dua versi daftar: dps.csv (lama) dan dpt.csv (baru, hasil pembersihan: "
            "ditambah, dihapus, diubah, diurutkan ulang), dengan kunci perubahan di kunci/ "
            "(untuk coklit banding).",
        ),
    ] = False,
    wilayah: Annotated[
        str | None,
        typer.Option(
            "--wilayah",
            help="Wilayah sampel: palembang (18 kecamatan) atau sumsel (241 kecamatan di 17 "
            "kabupaten/kota Sumatera Selatan). Bawaan: palembang sampai 2.000.000 pemilih, "
            "sumsel di atasnya.",
        ),
    ] = None,
    lang: LangOpt = Lang.id,
) -> None:
    """Buat data sintetis yang realistis (DPT, catatan lapangan, kunci jawaban)."""
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
        typer.Option("--version", callback=_version_callback, is_eager=True, help="Versi coklit."),
    ] = False,
    lang: LangOpt = Lang.id,  # read before parsing (help language); accepted here too
) -> None:
    """coklit: pemeriksaan daftar pemilih untuk pengawas pemilu."""


# --- help in the chosen language --------------------------------------------------------------
# typer/click take help texts at definition time and write their own words ("Usage",
# "Options", "[default: …]") through gettext; both are set here before the command runs, from
# the --lang given on the command line (Indonesian by default).

_HELP_EN: dict[str, str] = {
    "out": "Result folder (created when missing).",
    "kolom": 'Map a column header to a field, e.g. --kolom nama="NAMA LENGKAP". Repeatable.',
    "tanggal_pemilihan": "Election day (YYYY-MM-DD).",
    "data_lengkap": "Write full NIK/NKK, birth dates and disability (internal work ONLY).",
    "per_kecamatan": "Also write one folder per kecamatan.",
    "paksa": "Run even when the voter list and the field records look swapped (far more field "
    "records, or only the field records have a TPS).",
    "ambang": "Score threshold (0-1) for duplicate pairs and matches.",
    "model": "Reuse the matching model of an earlier run (its result folder or info_proses.json) "
    "instead of estimating it from this data.",
    "tinjauan": "Review marks from an earlier run: temuan.xlsx (Check status, Notes, Checked by "
    "columns) or a CSV exported from laporan.html. Repeatable; the latest mark wins. Pairs "
    "marked 'keliru' (wrong) are not reported as duplicates again.",
    "lang": "Output language: id (Indonesian) or en.",
    "dpt": "Voter list: files, folders or quoted glob patterns.",
    "check.dpt": "Voter list: file, folder or glob pattern.",
    "check.lapangan": "Field records: file, folder or glob pattern.",
    "folder": "Result folder of coklit check/dedupe/validate.",
    "pemilih": "Number of voters on the list.",
    "seed": "Random seed (same seed, same data).",
    "sample.lapangan": "Share of voters checked in the field.",
    "profil": "Data profile: standar (default) or uji (held-out test data, for evaluation only; "
    "do not tune matching on it).",
    "kolom_sampel": "File columns: lengkap (default) or minimal (only NAMA, TANGGAL LAHIR, ALAMAT, "
    "KELURAHAN; same rows and answer key).",
    "version": "coklit version.",
    "per": "One letter per kecamatan or per kelurahan.",
    "surat.out": "Letter folder (created when missing; not inside the result folder).",
    "lama": "Old version of the list (e.g. DPS): file, folder or glob pattern.",
    "baru": "New version of the list (e.g. DPT): file, folder or glob pattern.",
    "temuan_lama": "Result folder of coklit check on the old version: which findings the new "
    "version resolved (TMS removed, unlisted now listed, duplicates cleaned) and which remain.",
    "versi_baru": "Also write a second version of the list (dps.csv -> dpt.csv) with the true "
    "changes in kunci/banding_*.csv.",
    "wilayah": "Sample region: palembang (18 kecamatan) or sumsel (the 241 kecamatan of Sumatera "
    "Selatan's 17 kab/kota). Default: palembang up to 2,000,000 voters, sumsel above.",
    "dask": "Run blocking and comparisons on Dask: alone, a local cluster on this machine's "
    "cores; with an address (tcp://HOST:8786), an existing scheduler. Same findings.",
    "help": "Show this message and exit.",
}
_COMMANDS_EN: dict[str, str] = {
    "": "coklit: checks voter lists (DP4/DPS/DPT) against Bawaslu field records — duplicates, "
    "unregistered and ineligible voters and invalid data per kecamatan. Works fully offline.",
    "validate": "Check the data quality of a voter list: NIK/NKK, birth dates, age, rejected rows.",
    "dedupe": "Find duplicate voters inside a voter list (with the data-quality findings).",
    "check": "Match a voter list with field records: duplicates, not listed, TMS, invalid data.",
    "laporan": "Write laporan.html and temuan.xlsx again from an existing result folder.",
    "sample": "Write realistic synthetic data (voter list, field records, answer key).",
    "banding": "Compare two versions of a voter list (e.g. DPS and DPT): voters added, removed "
    "and changed.",
    "surat": "Write saran perbaikan letters (DOCX and print-ready HTML) per kecamatan or "
    "kelurahan.",
}
# The framework's own words (typer/click write them through gettext).
_FRAMEWORK_ID: dict[str, str] = {
    "Arguments": "Argumen",
    "Options": "Opsi",
    "Commands": "Perintah",
    "default: {default}": "bawaan: {default}",
    "required": "wajib",
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar.",
    "Usage: ": "Penggunaan: ",
    "Aborted!": "Dibatalkan.",
    "Missing command.": "Perintah belum disebut.",
    "No such command {name!r}.": "Perintah {name!r} tidak ada.",
}
# Metavars instead of typer's <str>/<path>/<list[str]>.
_METAVARS: dict[str, dict[str, str]] = {
    "id": {"path": "FOLDER", "text": "TEKS", "number": "ANGKA", "file": "BERKAS",
           "date": "TTTT-BB-HH"},
    "en": {"path": "FOLDER", "text": "TEXT", "number": "NUMBER", "file": "FILE",
           "date": "YYYY-MM-DD"},
}


def _argv_lang(argv: list[str]) -> str:
    """The --lang asked for on the command line (before any parsing), else "id"."""
    for k, arg in enumerate(argv):
        if arg == "--lang" and k + 1 < len(argv):
            return "en" if argv[k + 1].strip().lower() == "en" else "id"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1].strip().lower() == "en" else "id"
    return "id"


def _metavar(param: Any, lang: str) -> str | None:
    words = _METAVARS[lang]
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
    if lang == "en" and name in _COMMANDS_EN:
        command.help = _COMMANDS_EN[name]
    if lang == "id" and hasattr(command, "options_metavar"):
        command.options_metavar = "[OPSI]"
    if lang == "id" and getattr(command, "subcommand_metavar", None):
        command.subcommand_metavar = "PERINTAH [ARG]..."
    for param in getattr(command, "params", []):
        if lang == "en":
            text = _HELP_EN.get(f"{name}.{param.name}") or _HELP_EN.get(param.name)
            if text:
                param.help = text
            if param.name == "ambang":
                param.show_default = "0.9 duplicates, 0.8 matches"
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
            help_option.help = _FRAMEWORK_ID["Show this message and exit."]
    for sub_name, sub in getattr(command, "commands", {}).items():
        _localise(sub, lang, f"{path}.{sub_name}" if path else sub_name)


def _install_framework_words(lang: str) -> None:
    """typer/click's own words in Indonesian (they stay English with --lang en)."""
    if lang != "id":
        return
    import typer.core as typer_core
    from typer._click import formatting

    def words(text: str) -> str:
        return _FRAMEWORK_ID.get(text, text)

    typer_core._ = words  # type: ignore[assignment]
    write_usage = formatting.HelpFormatter.write_usage
    if getattr(write_usage, "_coklit", False):
        return

    def usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, _FRAMEWORK_ID["Usage: "] if prefix is None else prefix)

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
