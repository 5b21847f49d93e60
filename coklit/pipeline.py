"""The three jobs as library functions: read -> normalise -> validate -> match -> findings.

Each returns a :class:`RunResult` (tables + what they were computed from) and never prints
or writes; the CLI renders and writes the result. ``on_step(key, counts)`` is called with a
message key when a stage starts, and again with the same key as its counts become known
(``baris``: rows read or worked on, ``lapangan``: field records, ``pasangan``: candidate pairs;
see :data:`STEP_COUNTS`), so a caller can show progress; the counts are numbers, the caller
words them.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from coklit import __version__, findings, sanity, summary, tinjauan
from coklit.config import RunConfig
from coklit.errors import InputError
from coklit.match import Features, Params, find_duplicates, link_records, prepare
from coklit.match.engine import Engine
from coklit.normalize import normalize_records
from coklit.results import TABLE_COLUMNS, Dataset, RunResult
from coklit.schema import build_dataset, check_kolom_headers, load_dataset, plan_dataset
from coklit.validate import under_age

if TYPE_CHECKING:
    from coklit.match import Duplicates
    from coklit.match.engine import Scored

StepFn = Callable[[str, Mapping[str, int]], None]
# What the counts passed to on_step count (each has a "step.count.<name>" message).
STEP_COUNTS = ("baris", "lapangan", "lama", "baru", "pasangan")
MODEL_KEYS = ("model_ganda", "model_cocok")


def load_models(path: str) -> dict[str, Params]:
    """The models saved in a result folder's ``info_proses.json`` (or that file itself), to
    reuse on another list with ``--model``."""
    import json

    file = Path(path)
    if file.is_dir():
        file = file / "info_proses.json"
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("model.not_found", path=str(file)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError("model.bad_file", path=str(file), problem=type(error).__name__) from None
    parameters = data.get("parameters", data) if isinstance(data, dict) else {}
    models = {}
    for key in MODEL_KEYS:
        if isinstance(parameters, dict) and isinstance(parameters.get(key), dict):
            try:
                models[key] = Params.from_json(parameters[key])
            except (KeyError, ValueError, TypeError, IndexError) as error:
                raise InputError("model.bad_file", path=str(file),
                                 problem=f"{key}: {type(error).__name__}") from None
    if not models:
        raise InputError("model.none", path=str(file))
    return models


class _Clock:
    """Calls ``on_step`` and records seconds per stage for info_proses.json."""

    def __init__(self, on_step: StepFn | None) -> None:
        self.on_step = on_step
        self.seconds: dict[str, float] = {}
        self._name: str | None = None
        self._counts: dict[str, int] = {}
        self._start = time.perf_counter()

    def step(self, name: str, **counts: int) -> None:
        """A stage starts, with what it works on as far as known."""
        now = time.perf_counter()
        if self._name is not None:
            self.seconds[self._name] = round(self.seconds.get(self._name, 0) + now - self._start, 3)
        self._name, self._start, self._counts = name, now, {}
        self.count(**counts)

    def count(self, **counts: int) -> None:
        """Counts learned while the stage works (rows read, candidate pairs)."""
        self._counts.update({k: int(v) for k, v in counts.items()})
        if self.on_step is not None and self._name not in (None, "selesai"):
            self.on_step(f"step.{self._name}", dict(self._counts))


def _read(paths: list[str], role: str, cfg: RunConfig) -> Dataset:
    return load_dataset(list(paths), role, cfg.read)


def _normalize(dataset: Dataset, cfg: RunConfig, clock: _Clock) -> Dataset:
    clock.step("normalize", baris=len(dataset.records))
    records = normalize_records(dataset.records, cfg.validate.election_date)
    records, dated = sanity.ambiguous_dates(records.reset_index(drop=True), cfg.validate)
    dataset.records = records
    if not dated.empty:
        dataset.notes = pd.concat([dataset.notes, dated], ignore_index=True)
    return dataset


def _load(paths: list[str], role: str, cfg: RunConfig, clock: _Clock) -> Dataset:
    """Read one role's files, check them, normalise them."""
    clock.step("read")
    dataset = _read(paths, role, cfg)
    clock.count(baris=dataset.rows_read)
    sanity.check_roles([dataset])
    sanity.check_rows(dataset)
    return _normalize(dataset, cfg, clock)


def _rejected(*datasets: Dataset) -> pd.DataFrame:
    parts = [d.rejected for d in datasets if not d.rejected.empty]
    if not parts:
        return pd.DataFrame(columns=TABLE_COLUMNS["ditolak"])
    table = pd.concat(parts, ignore_index=True)
    table["baris"] = table["baris"].astype(str)
    return table[TABLE_COLUMNS["ditolak"]]


def _meta(command: str, cfg: RunConfig, datasets: list[Dataset], clock: _Clock,
          extra: dict | None = None) -> dict:
    inputs = [
        {"role": d.role, "berkas": f.berkas, "path": f.path, "sha256": f.sha256,
         "rows_read": f.rows_read, "rows_used": f.rows_used, "rows_rejected": f.rows_rejected,
         "header_row": f.header_row, "encoding": f.encoding, "delimiter": f.delimiter,
         "columns": f.columns, "ignored": f.ignored, "suggestions": f.suggestions}
        for d in datasets for f in d.files
    ]
    skipped = {name: why for d in datasets for name, why in d.skipped.items()}
    parameters = {
        "tanggal_pemilihan": cfg.validate.election_date.isoformat(),
        "usia_pemilih": cfg.validate.voting_age,
        "ambang_ganda": cfg.match.threshold_dedupe,
        "ambang_cocok": cfg.match.threshold_link,
        "ukuran_blok_maks": cfg.match.max_block_size,
        "data_lengkap": cfg.output.full_data,
        "bahasa": cfg.output.lang,
    }
    parameters.update(extra or {})
    return {
        "command": command,
        "version": __version__,
        "created": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "parameters": parameters,
        "inputs": inputs,
        **({"lembar_dilewati": skipped} if skipped else {}),
        "measures": {
            "baris": {d.role: {"dibaca": d.rows_read, "dipakai": len(d.records),
                               "ditolak": len(d.rejected)} for d in datasets},
            "detik": clock.seconds,
        },
    }


def _contract_columns(table: pd.DataFrame, name: str) -> pd.DataFrame:
    """The columns of the output contract, in order (helper columns such as rid dropped)."""
    return table.reindex(columns=TABLE_COLUMNS[name]).fillna("")


def _expected(listed: Dataset, dup_false: np.ndarray, dup_missed: np.ndarray,
              link: tuple[Dataset, np.ndarray, np.ndarray] | None, labels: dict) -> pd.DataFrame:
    """Per record, the expected false and missed duplicates (list rows) and links (field
    rows), with the record's place: what the rekap sums per kecamatan and kelurahan."""
    parts = [findings.places(listed.records, labels)[["kecamatan", "kelurahan"]].assign(
        perkiraan_ganda_keliru=dup_false, perkiraan_ganda_terlewat=dup_missed)]
    if link is not None:
        field, false, missed = link
        parts.append(findings.places(field.records, labels)[["kecamatan", "kelurahan"]].assign(
            perkiraan_cocok_keliru=false, perkiraan_cocok_terlewat=missed))
    return pd.concat(parts, ignore_index=True).fillna(0.0)


def _finish(command: str, cfg: RunConfig, datasets: list[Dataset], clock: _Clock,
            tables: dict[str, pd.DataFrame], field: Dataset | None, labels: dict,
            extra: dict | None = None, expected: pd.DataFrame | None = None,
            marks: pd.DataFrame | None = None, removed: pd.DataFrame | None = None) -> RunResult:
    listed = datasets[0]
    # Review marks carried forward by finding id (status "belum dicek" where none).
    tables = tinjauan.attach(tables, marks)
    tables = {name: _contract_columns(t, name) for name, t in tables.items()}
    tables.update(tinjauan.ledger_tables(
        tables, marks, removed,
        None if removed is None else tinjauan.removed_pair_rows(listed.records, removed, labels)))
    tables.update(summary.rekap_tables(
        findings.places(listed.records, labels),
        None if field is None else findings.places(field.records, labels),
        tables, expected,
    ))
    clock.step("selesai")
    return RunResult(command, tables, _meta(command, cfg, datasets, clock, extra))


def _list_findings(listed: Dataset, cfg: RunConfig, labels: dict,
                   clock: _Clock) -> tuple[pd.DataFrame, pd.DataFrame]:
    clock.step("validate", baris=len(listed.records))
    invalid = findings.invalid_table(listed, cfg, labels)
    tms = findings.list_tms_table(listed.records, under_age(listed.records, cfg.validate),
                                  cfg.validate.election_date, labels)
    return invalid, tms


def run_validate(dpt: list[str], cfg: RunConfig, on_step: StepFn | None = None) -> RunResult:
    """Data quality of a voter list: tidak_valid, ditolak, TMS visible on the list itself."""
    clock = _Clock(on_step)
    listed = _load(dpt, "dpt", cfg, clock)
    labels = findings.place_labels(listed.records)
    invalid, tms = _list_findings(listed, cfg, labels, clock)
    tables = {"tidak_valid": invalid, "tms": tms, "ditolak": _rejected(listed)}
    return _finish("validate", cfg, [listed], clock, tables, None, labels)


def _model_meta(scored: Scored, expected_false: float, expected_missed: float,
                reused: bool = False) -> dict:
    """What info_proses.json says about one fitted model: the spec and every number applied,
    what blocking did, and the errors expected from the match probabilities."""
    return scored.params.to_json() | {
        "dipakai_ulang": reused,
        "pasangan_kandidat": scored.stats.total,
        "pasangan_per_kunci": scored.stats.pairs,
        "blok_dilewati": scored.stats.skipped_blocks,
        "perkiraan_keliru": round(float(expected_false), 2),
        "perkiraan_terlewat": round(float(expected_missed), 2),
    }


def _duplicates(listed: Dataset, prepared: Features, cfg: RunConfig, labels: dict,
                clock: _Clock, model: Params | None = None, marks: pd.DataFrame | None = None,
                engine: Engine | None = None
                ) -> tuple[Duplicates, pd.DataFrame, pd.DataFrame, pd.DataFrame, dict, pd.DataFrame]:
    clock.step("dedupe", baris=len(listed.records))
    dup = find_duplicates(prepared, cfg.match, params=model, refit_prior=model is not None,
                          engine=engine, on_pairs=lambda n: clock.count(pasangan=n))
    return _duplicate_tables(listed, dup, cfg, labels, model, marks)


def _duplicate_tables(listed: Dataset, dup: Duplicates, cfg: RunConfig, labels: dict,
                      model: Params | None = None, marks: pd.DataFrame | None = None
                      ) -> tuple[Duplicates, pd.DataFrame, pd.DataFrame, pd.DataFrame, dict,
                                 pd.DataFrame]:
    # Pairs an officer showed to be two people (marked "keliru") are not reported again.
    dup, removed = tinjauan.drop_rejected_pairs(listed.records, dup, marks,
                                                cfg.match.max_group_size)
    ganda = findings.duplicate_table(listed.records, dup, labels)
    review = findings.review_table(listed.records, dup, labels)
    conflicts = findings.nik_conflict_table(listed.records, dup, labels)
    meta = _model_meta(dup.scored, dup.expected_false.sum(), dup.expected_missed.sum(),
                       model is not None)
    return dup, ganda, review, conflicts, meta, removed


def run_dedupe(dpt: list[str], cfg: RunConfig, on_step: StepFn | None = None,
               models: dict[str, Params] | None = None,
               marks: pd.DataFrame | None = None, engine: Engine | None = None) -> RunResult:
    """Duplicates inside a voter list, plus its data-quality findings. ``models``: a model
    fitted before (``model_ganda``, see :func:`load_models`) to apply instead of fitting.
    ``marks``: review marks (:func:`coklit.tinjauan.read_ledger`) to carry forward.
    ``engine``: where blocking and comparisons run (default this process; a
    ``coklit.match.distributed.DaskEngine`` for a cluster); the findings are the same."""
    clock = _Clock(on_step)
    listed = _load(dpt, "dpt", cfg, clock)
    labels = findings.place_labels(listed.records)
    invalid, tms = _list_findings(listed, cfg, labels, clock)
    dup, ganda, review, conflicts, model, removed = _duplicates(
        listed, prepare(listed.records), cfg, labels, clock, (models or {}).get("model_ganda"),
        marks, engine)
    tables = {
        "ganda": ganda,
        "ganda_perlu_cek": review,
        "tidak_valid": findings.concat_invalid(invalid, conflicts),
        "tms": tms,
        "ditolak": _rejected(listed),
    }
    expected = _expected(listed, dup.expected_false, dup.expected_missed, None, labels)
    return _engine_meta(_finish("dedupe", cfg, [listed], clock, tables, None, labels,
                                {"model_ganda": model}, expected, marks,
                                removed if marks is not None else None), engine)


def _engine_meta(result: RunResult, engine: Engine | None) -> RunResult:
    """Say in info_proses.json where blocking and comparisons ran (a cluster's size)."""
    describe = getattr(engine, "describe", None)
    if describe is not None:
        result.meta["mesin"] = describe()
    return result


# From this many list rows on, check --dask keeps the records on disk while matching: about
# 0.7 GB per million rows freed for a write and a read of the same size (a few seconds).
SPILL_ROWS = 2_000_000


def _spill(dataset: Dataset) -> Path:
    """Write ``dataset.records`` to a temporary Arrow file and let go of them (an empty
    frame stands in) until :func:`_unspill`; the round trip keeps every value and dtype."""
    handle, name = tempfile.mkstemp(prefix="coklit-", suffix=".arrow")
    os.close(handle)
    path = Path(name)
    try:
        dataset.records.to_feather(path, compression="uncompressed")
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    # A new empty frame: a slice of the old one would keep its Arrow buffers alive.
    dataset.records = pd.DataFrame({c: pd.Series([], dtype=d)
                                    for c, d in dataset.records.dtypes.items()})
    _release_arrow_memory()
    return path


def _release_arrow_memory() -> None:
    """Hand memory that Arrow's allocator keeps after its arrays are freed (text columns)
    back to the system, so that numpy's arrays (features, pairs) can use it."""
    import pyarrow as pa

    pa.default_memory_pool().release_unused()


def _unspill(path: Path) -> pd.DataFrame:
    try:
        return pd.read_feather(path)
    finally:
        path.unlink(missing_ok=True)


def run_check(dpt: list[str], lapangan: list[str], cfg: RunConfig,
              on_step: StepFn | None = None,
              models: dict[str, Params] | None = None,
              marks: pd.DataFrame | None = None, engine: Engine | None = None) -> RunResult:
    """The main job: duplicates, field records matched to the list, belum terdaftar, TMS and
    invalid data, by kecamatan. ``models``: models fitted before (``model_ganda``,
    ``model_cocok``, see :func:`load_models`) to apply instead of fitting. ``marks``: review
    marks (:func:`coklit.tinjauan.read_ledger`) to carry forward. ``engine``: where blocking
    and comparisons run (see :func:`run_dedupe`)."""
    clock = _Clock(on_step)
    clock.step("read")
    planned = [plan_dataset(list(dpt), "dpt", cfg.read),
               plan_dataset(list(lapangan), "lapangan", cfg.read)]
    # --kolom names a header of either list: the usual case is a header only one file has.
    check_kolom_headers(cfg.read, planned[0].headers + planned[1].headers)
    listed, field = (build_dataset(p) for p in planned)
    del planned
    clock.count(baris=listed.rows_read, lapangan=field.rows_read)
    sanity.check_roles([listed, field])
    for dataset in (listed, field):
        sanity.check_rows(dataset)
    if cfg.read.swap_check:
        sanity.check_not_swapped(listed, field)
    listed = _normalize(listed, cfg, clock)
    field = _normalize(field, cfg, clock)
    _release_arrow_memory()  # the reader's and normaliser's intermediate text columns
    labels = findings.place_labels(listed.records, field.records)
    invalid, tms_list = _list_findings(listed, cfg, labels, clock)
    invalid_field = findings.invalid_table(field, cfg, labels)
    prepared = prepare(listed.records)
    models = models or {}
    dup_model = models.get("model_ganda")
    # With an engine (--dask) a large list's records wait on disk while it matches (features
    # and pairs then have the memory to themselves) and the duplicate tables follow the links.
    spilled = (_spill(listed) if engine is not None and len(listed.records) >= SPILL_ROWS
               else None)
    if spilled is None:
        dup, ganda, review, conflicts, model_dup, removed = _duplicates(
            listed, prepared, cfg, labels, clock, dup_model, marks, engine)
    else:
        clock.step("dedupe", baris=len(listed.records))
        found = find_duplicates(prepared, cfg.match, params=dup_model,
                                refit_prior=dup_model is not None, engine=engine,
                                on_pairs=lambda n: clock.count(pasangan=n))
    clock.step("link", lapangan=len(field.records), baris=len(prepared))
    link_model = models.get("model_cocok")
    links = link_records(field.records, prepared, cfg.match, params=link_model,
                         refit_prior=link_model is not None, engine=engine,
                         on_pairs=lambda n: clock.count(pasangan=n))
    del prepared  # the list's features and blocks (hundreds of MB for a city) are done
    if spilled is not None:
        clock.step("findings")
        listed.records = _unspill(spilled)
        dup, ganda, review, conflicts, model_dup, removed = _duplicate_tables(
            listed, found, cfg, labels, dup_model, marks)
        del found
    clock.step("findings")
    field.records = findings.fill_kecamatan(field.records, listed.records, links)
    # One kecamatan per person: the field's data-quality rows go where the filled one is.
    invalid_field = findings.place_rows(invalid_field, field.records, labels)
    linked = findings.link_tables(field.records, listed.records, links, labels,
                                  cfg.validate.election_date, cfg.validate.voting_age)
    tms = pd.concat([t for t in (tms_list, linked["tms_lapangan"]) if not t.empty]
                    or [tms_list], ignore_index=True)
    tables = {
        "ganda": ganda,
        "ganda_perlu_cek": review,
        "cocok": linked["cocok"],
        "belum_terdaftar": linked["belum_terdaftar"],
        "lapangan_perlu_cek": linked["lapangan_perlu_cek"],
        "tms": tms,
        "tidak_valid": findings.concat_invalid(invalid, invalid_field, conflicts),
        "hasil_lapangan": linked["hasil_lapangan"],
        "ditolak": _rejected(listed, field),
    }
    model_link = _model_meta(links.scored, links.expected_false.sum(),
                             links.expected_missed.sum(), link_model is not None)
    extra = {"model_ganda": model_dup, "model_cocok": model_link}
    expected = _expected(listed, dup.expected_false, dup.expected_missed,
                         (field, links.expected_false, links.expected_missed), labels)
    result = _finish("check", cfg, [listed, field], clock, tables, field, labels, extra,
                     expected, marks, removed if marks is not None else None)
    result.meta["measures"]["lapangan"] = {
        str(k): int(v) for k, v in
        pd.Series(linked["hasil_lapangan"]["hasil"]).value_counts().items()
    }
    return _engine_meta(result, engine)
