"""Fixtures: freshly built workbooks in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from shuzhi_xl.samples import sample_report
from shuzhi_xl.xlsx.template import write_workbook


@pytest.fixture
def sample_xlsx(tmp_path: Path) -> Path:
    """Return a freshly built sample workbook in a temporary folder."""
    return write_workbook(tmp_path / "示例.xlsx", sample_report())


@pytest.fixture
def template_xlsx(tmp_path: Path) -> Path:
    """Return a freshly built empty template in a temporary folder."""
    return write_workbook(tmp_path / "模板.xlsx")
