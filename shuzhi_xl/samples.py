"""The built-in sample: the seed report, imported into a workbook."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from . import data_path
from .model import Report

SAMPLE_NAME = "示例-述职报告.xlsx"
TEMPLATE_NAME = "述职报告模板.xlsx"


def seed_path() -> Path:
    """Return the path of the packaged seed report text."""
    return data_path("示例-述职报告.txt")


#: Who reports for which year, as the seed's opening sentence says. An import reads such facts only from a title
#: block, author line or signature (the seed has none) and leaves them blank; the sample fills them in, as its
#: user would. Its 署名行 is left blank rather than 无 (the import's "none in the source"): the template's default.
SEED_INFO = {"branch": "XXX党支部", "committee": "X党委", "year": 2021, "author": ""}


def sample_report() -> Report:
    """Return the model of the sample workbook: the seed report, imported as is (X marks kept), with SEED_INFO
    filled in. Its source is the packaged seed text it was read from."""
    from .importer import import_document  # the file names above are wanted without loading the importer

    report = import_document(seed_path()).report
    report.info = replace(report.info, **SEED_INFO)
    return report
