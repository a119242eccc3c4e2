"""Paths and helpers shared by the tests (fixtures live in conftest.py)."""

from __future__ import annotations

import re
from pathlib import Path

from shuzhi_xl.samples import seed_path

REPO = Path(__file__).resolve().parents[1]
#: The seed report as packaged (test_import_seed checks it still equals the shared original).
SEED = seed_path()


def normalise(text: str) -> str:
    """Return *text* with all white space removed (the seed has stray spaces)."""
    return re.sub(r"\s+", "", text)


def seed_paragraphs() -> list[str]:
    """Return the seed report's non-empty paragraphs, whitespace-normalised."""
    return [normalise(line) for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
