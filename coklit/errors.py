"""Domain errors. The core raises these; only the CLI turns them into messages and exit codes.

Each error carries a message key (see :mod:`coklit.i18n`) and the values the message needs,
so the same error can be shown in Indonesian or English.
"""

from __future__ import annotations

from typing import Any


class CoklitError(Exception):
    """Base of every error an officer may see. ``exit_code`` is what the CLI exits with."""

    exit_code = 2

    def __init__(self, key: str, **values: Any) -> None:
        self.key = key
        self.values = values
        super().__init__(f"{key}: {values}")

    def message(self, lang: str = "id") -> str:
        from coklit.i18n import t

        return t(self.key, lang, **self.values)


class InputError(CoklitError):
    """A file cannot be read: missing, empty, binary, undecodable, no table."""


class SchemaError(CoklitError):
    """Columns cannot be mapped: required field missing, conflicting mappings."""


class OptionError(CoklitError):
    """An option value is wrong (bad date, bad threshold, bad --kolom syntax)."""


class OutputError(CoklitError):
    """Results cannot be written: the --out folder is in use, holds other files or inputs,
    cannot be written (permissions, full disk), or a result folder does not match its
    manifest."""
