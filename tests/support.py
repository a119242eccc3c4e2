"""Paths and helpers shared by the tests (fixtures live in conftest.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "000_8f638ed69713351b.txt"


def normalise(text: str) -> str:
    """Return *text* with all white space removed (the seed has stray spaces)."""
    return re.sub(r"\s+", "", text)


def seed_paragraphs() -> list[str]:
    """Return the seed report's non-empty paragraphs, whitespace-normalised."""
    if not SEED.exists():
        pytest.skip(f"the seed report is not beside the checkout ({SEED})")
    return [normalise(line) for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
