"""The message catalogue: every text an officer can see, in Indonesian and English side by side.

One module per area (named after the module that uses the texts: ``cli``, ``io``, ``validate``,
``report_html`` ...), each a plain dict ``MESSAGES = {key: {"id": ..., "en": ...}}``. They are
merged here once, statically; nothing is registered at import time. :mod:`coklit.i18n` looks
texts up; ``tests/test_messages.py`` checks that every key used in the code is here, that every
text has both languages with the same ``{placeholders}``, and that no user-facing literal is
written outside the catalogue.

To add a message: put it in the module of its area (a new area gets a new module, added to
``_AREAS`` below) and call ``t("area.key", lang, ...)`` or raise ``CoklitError("area.key", ...)``.
A key is defined once; the merge below refuses a key defined in two areas.
"""

from __future__ import annotations

from coklit.messages import (
    banding,
    cli,
    cli_help,
    dask,
    findings,
    household,
    io,
    labels,
    pipeline,
    report,
    report_folder,
    report_html,
    report_surat,
    report_terminal,
    report_xlsx,
    sanity,
    schema,
    sheetscan,
    synth,
    temuan_lama,
    tinjauan,
    validate,
    words,
)

LANGS = ("id", "en")

_AREAS = (cli, cli_help, io, sheetscan, schema, sanity, validate, findings, household, pipeline, banding,
          temuan_lama, tinjauan, dask, report, report_folder, report_terminal, report_xlsx,
          report_html, report_surat, labels, synth, words)


def _merge() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for area in _AREAS:
        for key, texts in area.MESSAGES.items():
            if key in merged:
                raise ValueError(f"message key {key!r} defined twice (again in {area.__name__})")
            merged[key] = texts
    return merged


CATALOGUE: dict[str, dict[str, str]] = _merge()
