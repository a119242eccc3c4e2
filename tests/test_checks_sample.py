"""The sample (the seed report with its X marks) checked through the CLI, against an independent scan."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook

from checks_support import run_check
from shuzhi_xl import schema
from shuzhi_xl.checks.placeholders import find_marks

#: An X-style mark as a reader would spot it: capital X's not part of a Latin word.
X_MARK = re.compile(r"(?<![A-Za-z])X+(?![A-Za-z])")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    from shuzhi_xl.samples import sample_report
    from shuzhi_xl.xlsx.template import write_workbook

    path = write_workbook(tmp_path_factory.mktemp("sample") / "示例-述职报告.xlsx", sample_report())
    return path, run_check(path)


def marked_cells(path) -> tuple[set[tuple[str, str]], int]:
    """Return the data-sheet cells whose text holds an X mark, scanned with openpyxl, and the number of marks."""
    wb = load_workbook(path, read_only=True)
    cells, marks = set(), 0
    for sheet in schema.SHEETS:
        for row in wb[sheet.name].iter_rows():
            for cell in row:
                found = X_MARK.findall(cell.value) if isinstance(cell.value, str) else []
                if found:
                    cells.add((sheet.name, cell.coordinate))
                    marks += len(found)
    return cells, marks


def test_every_marked_cell_and_only_those_have_a_placeholder_finding(sample):
    path, (code, findings) = sample
    expected, marks = marked_cells(path)
    found = [(f["sheet"], f["cell"]) for f in findings if f["code"] == "PH001"]
    assert code == 1
    assert len(found) == len(set(found)), "one finding per cell"
    assert set(found) == expected
    assert marks > 20 and len(expected) >= 10


def test_placeholder_findings_quote_each_mark(sample):
    path, (_, findings) = sample
    messages = {(f["sheet"], f["cell"]): f["message"] for f in findings if f["code"] == "PH001"}
    wb = load_workbook(path, read_only=True)
    for (sheet, cell), message in messages.items():
        text = wb[sheet][cell].value
        shown = min(len(X_MARK.findall(text)), 5)
        assert message.count("X") >= shown, (cell, message)


@pytest.mark.parametrize("text", ["X个", "X亿元", "完成X6%", "XX街社区", "XXX党支部", "X党委", "X政办字〔2019〕26号",
                                  "××单位", "某某同志", "〇〇公司", "【待核实】", "（待补充）", "TODO", "《》"])
def test_marks(text):
    assert find_marks(text)


@pytest.mark.parametrize("text", ["XML 文件", "用 Excel 填写", "Xbox", "ID: X-1024", "拍X光片", "二〇〇八年",
                                  "《中国共产党支部工作条例（试行）》", "3x4"])
def test_not_marks(text):
    assert find_marks(text) == []
