"""User-facing text in Indonesian (default) and English.

Every message an officer can see lives in ``MESSAGES`` under a stable key. Modules add their
own keys by calling :func:`register` at import time, so each module keeps its texts next to
the code that uses them while lookups stay in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LANGS = ("id", "en")

MESSAGES: dict[str, dict[str, str]] = {
    "error.prefix": {"id": "Galat", "en": "Error"},
    "error.unexpected": {
        "id": "Terjadi kesalahan tak terduga ({kind}). Laporkan ke pengelola coklit beserta perintah yang dijalankan (jalankan ulang dengan COKLIT_DEBUG=1 untuk rinciannya).",
        "en": "Unexpected error ({kind}). Please report it to the coklit maintainers with the command you ran (rerun with COKLIT_DEBUG=1 for details).",
    },
    "option.bad_date": {
        "id": "Tanggal '{value}' untuk {option} tidak dikenali. Gunakan format TTTT-BB-HH, misalnya 2024-11-27.",
        "en": "Date '{value}' for {option} is not recognised. Use YYYY-MM-DD, e.g. 2024-11-27.",
    },
    "option.bad_dask": {
        "id": "Alamat Dask '{value}' tidak sah: tulis --dask tanpa alamat (klaster lokal) "
              "atau dengan alamat scheduler, misalnya --dask tcp://10.0.0.5:8786.",
        "en": "Dask address '{value}' is not valid: write --dask without an address (a local "
              "cluster) or with a scheduler address, e.g. --dask tcp://10.0.0.5:8786.",
    },
    "option.bad_threshold": {
        "id": "Ambang {value} tidak sah: --ambang harus di antara 0 dan 1, misalnya 0.9.",
        "en": "Threshold {value} is not valid: --ambang must be between 0 and 1, e.g. 0.9.",
    },
    "sample.done": {
        "id": "Data sintetis ditulis ke {out}: {pemilih} pemilih DPT, {lapangan} catatan lapangan; kunci jawaban di {out}/kunci.",
        "en": "Synthetic data written to {out}: {pemilih} listed voters, {lapangan} field records; answer key in {out}/kunci.",
    },
    "option.bad_kolom": {
        "id": "Opsi --kolom '{value}' harus berbentuk FIELD=\"JUDUL KOLOM\", misalnya --kolom nama=\"NAMA LENGKAP\". Field yang dikenal: {fields}.",
        "en": "Option --kolom '{value}' must look like FIELD=\"HEADER\", e.g. --kolom nama=\"FULL NAME\". Known fields: {fields}.",
    },
}


def register(messages: dict[str, dict[str, str]]) -> None:
    """Add message texts; a key must not be registered twice with different text."""
    for key, texts in messages.items():
        if key in MESSAGES and MESSAGES[key] != texts:
            raise ValueError(f"message key registered twice: {key}")
        MESSAGES[key] = texts


@dataclass(frozen=True)
class Msg:
    """A message value that is itself a message key, translated when the text is built."""

    key: str


def t(key: str, lang: str = "id", **values: Any) -> str:
    """Text for ``key`` in ``lang`` (falls back to Indonesian), formatted with ``values``.
    Values that are :class:`Msg` are translated too."""
    values = {k: t(v.key, lang) if isinstance(v, Msg) else v for k, v in values.items()}
    texts = MESSAGES.get(key)
    if texts is None:
        return key + (f" {values}" if values else "")
    text = texts.get(lang) or texts["id"]
    try:
        return text.format(**values)
    except (KeyError, IndexError):
        return text
