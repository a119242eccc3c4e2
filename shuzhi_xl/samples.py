"""The built-in sample: the seed report, imported into a workbook."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from .model import Report

SAMPLE_NAME = "示例-述职报告.xlsx"
TEMPLATE_NAME = "述职报告模板.xlsx"


def seed_path() -> Path:
    """Return the path of the packaged seed report text."""
    return Path(str(files("shuzhi_xl") / "data" / "示例-述职报告.txt"))


def sample_report() -> Report:
    """Return the model of the sample workbook: the seed report, imported as is (X marks kept). Its source is
    the packaged seed text it was read from."""
    from .importer import import_document  # the file names above are wanted without loading the importer

    return import_document(seed_path()).report
