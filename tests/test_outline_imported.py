"""A clean imported report with its own outline gets no structural error except for the metadata it really lacks:
every report of the import corpus (tests/corpus), imported, written to a workbook, read back and checked with the
shipped rules, whose 提纲 requires nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_support import build_input, entries
from shuzhi_xl import schema
from shuzhi_xl.checks import check_report
from shuzhi_xl.importer import import_document
from shuzhi_xl.xlsx.reader import read_workbook
from shuzhi_xl.xlsx.template import write_workbook

#: The default 提纲's sub-sections: a report that does not have them must hear nothing about them.
DEFAULT_SECTIONS = ("政治学习", "重点任务", "支部活动", "中心工作")


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e.name)
def test_only_the_metadata_the_report_lacks_is_a_structural_error(tmp_path: Path, entry):
    imported = import_document(build_input(entry, tmp_path)).report
    report = read_workbook(write_workbook(tmp_path / "导入.xlsx", imported))
    findings = check_report(report)
    errors = [f for f in findings if f.code.startswith("ST") and f.severity == "error"]
    labels = {f.key: f.label for f in schema.INFO.form}
    expected = {(schema.INFO.name, schema.INFO.form_cell(key)) for key, label in labels.items() if label in entry.blank}
    assert {(f.code, f.sheet, f.cell) for f in errors} == {("ST001", *cell) for cell in expected}
    assert not [f.message for f in errors if any(name in f.message for name in DEFAULT_SECTIONS)]
