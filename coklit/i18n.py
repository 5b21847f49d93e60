"""User-facing text in Indonesian (default) and English.

The texts live in one static catalogue, :mod:`coklit.messages` (Indonesian and English side by
side under a stable key). :func:`t` looks a key up and fills in its values. A key that is not
in the catalogue, a language it lacks, or values that do not fit its placeholders raise
:class:`MessageError`: that is a bug in coklit, never silently shown as a raw key or template
(the CLI turns it into its one-line "unexpected error" message, like any other bug).

- ``t(key, lang, **values)``: one text; a value that is a :class:`Msg` (a key) is translated
  too, so an error can carry words (a role, a delimiter) that the CLI renders in its language.
- ``texts(prefix, codes, lang)``: ``{code: text}`` for a family of codes, to map a column.
- Table cells are not formatted here: the core writes coded cells (:mod:`coklit.coded`) and
  :mod:`coklit.report.words` renders them with :func:`t`.
- ``family(prefix)``: ``{code: {"id": ..., "en": ...}}`` for a family, for renderers that
  keep both languages at hand (labels, the HTML report's script).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from coklit.messages import CATALOGUE, LANGS

__all__ = ["LANGS", "MESSAGES", "MessageError", "Msg", "family", "t", "template", "texts"]

MESSAGES = CATALOGUE


class MessageError(LookupError):
    """A message key is missing, a text lacks a language, or values do not fit a template."""


@dataclass(frozen=True)
class Msg:
    """A message value that is itself a message (a key and its own values), translated when
    the text around it is built: in the language of whoever shows it."""

    key: str
    values: dict[str, Any] = field(default_factory=dict, hash=False)


def template(key: str, lang: str = "id") -> str:
    """The unformatted text of ``key`` in ``lang``."""
    texts = MESSAGES.get(key)
    if texts is None:
        raise MessageError(f"no message {key!r} in coklit.messages")
    text = texts.get(lang)
    if text is None:
        raise MessageError(f"message {key!r} has no {lang!r} text")
    return text


def t(key: str, lang: str = "id", **values: Any) -> str:
    """Text for ``key`` in ``lang``, formatted with ``values``. Values that are :class:`Msg`
    are translated too."""
    values = {k: t(v.key, lang, **v.values) if isinstance(v, Msg) else v
              for k, v in values.items()}
    text = template(key, lang)
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError) as error:
        raise MessageError(f"message {key!r} ({lang}): {type(error).__name__}: {error}") from None


def texts(prefix: str, codes: Iterable[str], lang: str = "id") -> dict[str, str]:
    """``{code: text of "<prefix>.<code>"}``: the words of a family of codes, to translate a
    whole column with ``Series.map``."""
    return {code: t(f"{prefix}.{code}", lang) for code in codes}


def family(prefix: str) -> dict[str, dict[str, str]]:
    """The catalogue entries ``<prefix>.<code>`` as ``{code: {"id": ..., "en": ...}}``, in
    catalogue order: the words of a family of codes (table titles, column headers ...)."""
    start = prefix + "."
    return {key[len(start):]: texts for key, texts in MESSAGES.items() if key.startswith(start)}
