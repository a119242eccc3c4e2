"""Fixtures: freshly built workbooks in a temporary folder; every test reads workbooks as a fresh process would."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from shuzhi_xl.samples import sample_report
from shuzhi_xl.xlsx.template import write_workbook


def pytest_collection_modifyitems(items):
    """Under mutmut (tools/mutation_score.py), run a mutant's tests quickest first: it stops at the first failure,
    so a mutant a quick specification kills no longer waits for the slow round trips that also reach it."""
    if "__mutmut_" not in os.environ.get("MUTANT_UNDER_TEST", ""):
        return
    from mutmut.state import state

    durations = state().duration_by_test
    items.sort(key=lambda item: durations.get(item.nodeid, 0.0))


@pytest.fixture(autouse=True)
def fresh_reader():
    """Empty what the reader keeps per process (xlsx/reader.py: rows' locations, headers, forms), so that each test
    goes through the header and form checks itself, and no mutant there hides behind what an earlier test left."""
    reader = sys.modules.get("shuzhi_xl.xlsx.reader")
    if reader is not None:
        reader.forget()


@pytest.fixture
def sample_xlsx(tmp_path: Path) -> Path:
    """Return a freshly built sample workbook in a temporary folder."""
    return write_workbook(tmp_path / "示例.xlsx", sample_report())


@pytest.fixture
def template_xlsx(tmp_path: Path) -> Path:
    """Return a freshly built empty template in a temporary folder."""
    return write_workbook(tmp_path / "模板.xlsx")
