"""Shared fixtures. Paths are built from this file's location, never the working directory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


# Property tests: random and thorough locally, reproducible in CI (a red CI must mean a change
# broke something, not that a new random example was drawn), and never timed.
from hypothesis import settings  # noqa: E402

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None, print_blob=True)
settings.register_profile("thorough", deadline=None, max_examples=2000)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("COKLIT_HYPOTHESIS", "dev"))
