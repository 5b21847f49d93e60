"""The three jobs as library functions: read -> normalise -> validate -> match -> findings.

Each returns a :class:`RunResult` (tables + what they were computed from) and never prints
or writes; the CLI renders and writes the result. ``on_step`` is called with a message key
before each stage so a caller can show progress.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

import pandas as pd

from coklit import __version__, findings, sanity, summary
from coklit.config import RunConfig
from coklit.i18n import register
from coklit.match import Prepared, find_duplicates, link_records, prepare
from coklit.normalize import normalize_records
from coklit.results import TABLE_COLUMNS, Dataset, RunResult
from coklit.schema import build_dataset, check_kolom_headers, load_dataset, plan_dataset
from coklit.validate import under_age, validate

register(
    {
        "step.read": {"id": "Membaca berkas…", "en": "Reading files…"},
        "step.normalize": {"id": "Menormalkan nama, alamat, tanggal, NIK…", "en": "Normalising names, addresses, dates, NIK…"},
        "step.validate": {"id": "Memeriksa mutu data…", "en": "Checking data quality…"},
        "step.dedupe": {"id": "Mencari pemilih ganda…", "en": "Looking for duplicates…"},
        "step.link": {"id": "Mencocokkan catatan lapangan dengan daftar…", "en": "Matching field records to the list…"},
        "step.findings": {"id": "Menyusun temuan dan rekap…", "en": "Building findings and summaries…"},
    }
)

StepFn = Callable[[str], None]


class _Clock:
    """Calls ``on_step`` and records seconds per stage for info_proses.json."""

    def __init__(self, on_step: StepFn | None) -> None:
        self.on_step = on_step
        self.seconds: dict[str, float] = {}
        self._name: str | None = None
        self._start = time.perf_counter()

    def step(self, name: str) -> None:
        now = time.perf_counter()
        if self._name is not None:
            self.seconds[self._name] = round(self.seconds.get(self._name, 0) + now - self._start, 3)
        self._name, self._start = name, now
        if self.on_step is not None and name != "selesai":
            self.on_step(f"step.{name}")


def _read(paths: list[str], role: str, cfg: RunConfig) -> Dataset:
    return load_dataset(list(paths), role, cfg.read)


def _normalize(dataset: Dataset, cfg: RunConfig, clock: _Clock) -> Dataset:
    clock.step("normalize")
    records = normalize_records(dataset.records, cfg.validate.election_date)
    records, dated = sanity.ambiguous_dates(records.reset_index(drop=True), cfg.validate,
                                            cfg.output.lang)
    dataset.records = records
    if not dated.empty:
        dataset.notes = pd.concat([dataset.notes, dated], ignore_index=True)
    return dataset


def _load(paths: list[str], role: str, cfg: RunConfig, clock: _Clock) -> Dataset:
    """Read one role's files, check them, normalise them."""
    clock.step("read")
    dataset = _read(paths, role, cfg)
    sanity.check_roles([dataset], cfg.output.lang)
    sanity.check_rows(dataset, cfg.output.lang)
    return _normalize(dataset, cfg, clock)


# validate() findings that an ambiguous birth date would repeat in vaguer words.
_SUPERSEDED = frozenset({"tanggal_lahir_tidak_valid", "tanggal_lahir_kosong"})


def _notes(dataset: Dataset) -> pd.DataFrame:
    """The reader's and the sanity checks' notes as ``tidak_valid`` rows."""
    notes = dataset.notes
    if notes.empty:
        return pd.DataFrame(columns=[*TABLE_COLUMNS["tidak_valid"], "rid"])
    rows = dataset.records.iloc[notes["rid"].to_numpy()]
    table = notes.copy()
    for column in ("kecamatan", "kelurahan", "tps"):
        table[column] = rows[column].to_numpy()
    return table[[*TABLE_COLUMNS["tidak_valid"], "rid"]]


def _invalid(dataset: Dataset, cfg: RunConfig, labels: dict) -> pd.DataFrame:
    table = validate(dataset.records, cfg.validate, dataset.role, cfg.output.lang)
    notes = _notes(dataset)
    if not notes.empty:
        dated = notes.loc[notes["masalah"] == sanity.AMBIGUOUS_DATE, "rid"]
        table = table[~(table["rid"].isin(dated) & table["masalah"].isin(_SUPERSEDED))]
    unknown = findings.unknown_status_table(dataset.records, labels, cfg.output.lang)
    table = _concat_invalid(table, unknown, notes)
    if table.empty:
        return table
    # Show places the way every other table shows them (canonical display names).
    shown = findings.places(dataset.records.iloc[table["rid"].to_numpy()], labels)
    table = table.copy()
    for column in ("kecamatan", "kelurahan", "tps"):
        table[column] = shown[column].to_numpy()
    table["baris"] = table["baris"].astype(str)
    return table


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


def _finish(command: str, cfg: RunConfig, datasets: list[Dataset], clock: _Clock,
            tables: dict[str, pd.DataFrame], field: Dataset | None, labels: dict,
            extra: dict | None = None) -> RunResult:
    listed = datasets[0]
    tables = {name: _contract_columns(t, name) for name, t in tables.items()}
    tables.update(summary.rekap_tables(
        findings.places(listed.records, labels),
        None if field is None else findings.places(field.records, labels),
        tables,
    ))
    clock.step("selesai")
    return RunResult(command, tables, _meta(command, cfg, datasets, clock, extra))


def _list_findings(listed: Dataset, cfg: RunConfig, labels: dict, clock: _Clock):  # type: ignore[no-untyped-def]
    clock.step("validate")
    invalid = _invalid(listed, cfg, labels)
    tms = findings.list_tms_table(listed.records, under_age(listed.records, cfg.validate),
                                  cfg.validate.election_date, labels, cfg.output.lang)
    return invalid, tms


def run_validate(dpt: list[str], cfg: RunConfig, on_step: StepFn | None = None) -> RunResult:
    """Data quality of a voter list: tidak_valid, ditolak, TMS visible on the list itself."""
    clock = _Clock(on_step)
    listed = _load(dpt, "dpt", cfg, clock)
    labels = findings.place_labels(listed.records)
    invalid, tms = _list_findings(listed, cfg, labels, clock)
    tables = {"tidak_valid": invalid, "tms": tms, "ditolak": _rejected(listed)}
    return _finish("validate", cfg, [listed], clock, tables, None, labels)


def _duplicates(listed: Dataset, prepared: Prepared, cfg: RunConfig, labels: dict, clock: _Clock):  # type: ignore[no-untyped-def]
    clock.step("dedupe")
    dup = find_duplicates(prepared, cfg.match, lang=cfg.output.lang)
    ganda = findings.duplicate_table(listed.records, dup, labels, cfg.output.lang)
    conflicts = findings.nik_conflict_table(listed.records, dup, labels, cfg.output.lang)
    model = dup.scored.params.describe() | {"pasangan_kandidat": dup.scored.stats.total,
                                            "blok_dilewati": dup.scored.stats.skipped_blocks}
    return ganda, conflicts, model


def run_dedupe(dpt: list[str], cfg: RunConfig, on_step: StepFn | None = None) -> RunResult:
    """Duplicates inside a voter list, plus its data-quality findings."""
    clock = _Clock(on_step)
    listed = _load(dpt, "dpt", cfg, clock)
    labels = findings.place_labels(listed.records)
    invalid, tms = _list_findings(listed, cfg, labels, clock)
    ganda, conflicts, model = _duplicates(listed, prepare(listed.records), cfg, labels, clock)
    tables = {
        "ganda": ganda,
        "tidak_valid": _concat_invalid(invalid, conflicts),
        "tms": tms,
        "ditolak": _rejected(listed),
    }
    return _finish("dedupe", cfg, [listed], clock, tables, None, labels, {"model_ganda": model})


def _concat_invalid(*parts: pd.DataFrame) -> pd.DataFrame:
    parts_ = [p.astype({"baris": str}) if "baris" in p else p for p in parts if not p.empty]
    if not parts_:
        return pd.DataFrame(columns=TABLE_COLUMNS["tidak_valid"])
    table = pd.concat(parts_, ignore_index=True)
    table["_b"] = pd.to_numeric(table["baris"], errors="coerce")
    return table.sort_values(["berkas", "_b"], kind="stable").drop(columns="_b")


def run_check(dpt: list[str], lapangan: list[str], cfg: RunConfig,
              on_step: StepFn | None = None) -> RunResult:
    """The main job: duplicates, field records matched to the list, belum terdaftar, TMS and
    invalid data, by kecamatan."""
    clock = _Clock(on_step)
    clock.step("read")
    planned = [plan_dataset(list(dpt), "dpt", cfg.read),
               plan_dataset(list(lapangan), "lapangan", cfg.read)]
    # --kolom names a header of either list: the usual case is a header only one file has.
    check_kolom_headers(cfg.read, planned[0].headers + planned[1].headers)
    listed, field = (build_dataset(p) for p in planned)
    del planned
    sanity.check_roles([listed, field], cfg.output.lang)
    for dataset in (listed, field):
        sanity.check_rows(dataset, cfg.output.lang)
    if cfg.read.swap_check:
        sanity.check_not_swapped(listed, field)
    listed = _normalize(listed, cfg, clock)
    field = _normalize(field, cfg, clock)
    labels = findings.place_labels(listed.records, field.records)
    invalid, tms_list = _list_findings(listed, cfg, labels, clock)
    invalid_field = _invalid(field, cfg, labels)
    prepared = prepare(listed.records)
    ganda, conflicts, model_dup = _duplicates(listed, prepared, cfg, labels, clock)
    clock.step("link")
    links = link_records(field.records, prepared, cfg.match, lang=cfg.output.lang)
    clock.step("findings")
    field.records = findings.fill_kecamatan(field.records, listed.records, links)
    linked = findings.link_tables(field.records, listed.records, links, labels,
                                  cfg.validate.election_date, cfg.validate.voting_age,
                                  cfg.output.lang)
    tms = pd.concat([t for t in (tms_list, linked["tms_lapangan"]) if not t.empty]
                    or [tms_list], ignore_index=True)
    tables = {
        "ganda": ganda,
        "cocok": linked["cocok"],
        "belum_terdaftar": linked["belum_terdaftar"],
        "tms": tms,
        "tidak_valid": _concat_invalid(invalid, invalid_field, conflicts),
        "hasil_lapangan": linked["hasil_lapangan"],
        "ditolak": _rejected(listed, field),
    }
    model_link = links.scored.params.describe() | {"pasangan_kandidat": links.scored.stats.total}
    extra = {"model_ganda": model_dup, "model_cocok": model_link}
    result = _finish("check", cfg, [listed, field], clock, tables, field, labels, extra)
    result.meta["measures"]["lapangan"] = {
        str(k): int(v) for k, v in
        pd.Series(linked["hasil_lapangan"]["hasil"]).value_counts().items()
    }
    return result
