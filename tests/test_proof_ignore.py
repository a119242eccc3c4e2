"""Ignoring a finding the author judges wrong: from the command line, from the 检查结果 sheet's 忽略 column, and by
a note on the cell; it stays ignored while the cell's text is unchanged, and the output says how many were."""

from __future__ import annotations

import json

from click.testing import CliRunner
from openpyxl import load_workbook
from openpyxl.comments import Comment

from shuzhi_xl.checks.ignore import IGNORE_COLUMN, REF_COLUMN, list_file
from shuzhi_xl.checks.plan import RESULT_SHEET
from shuzhi_xl.cli import main


def _check(path, *more):
    result = CliRunner().invoke(main, ["check", str(path), "--json", *map(str, more)])
    return json.loads(result.stdout), result.stderr


def _a_proofreading_finding(findings):
    return next(f for f in findings if f["code"].startswith("PR") and f["sheet"] and f["cell"][0].isalpha())


def test_ignoring_from_the_command_line_holds_until_the_text_changes(sample_xlsx):
    findings, _ = _check(sample_xlsx)
    chosen = _a_proofreading_finding(findings)
    after, said = _check(sample_xlsx, "--ignore", chosen["ref"])
    assert chosen["ref"] not in {f["ref"] for f in after} and len(after) == len(findings) - 1
    assert "另有 1 项" in said and chosen["ref"] in list_file(sample_xlsx).read_text(encoding="utf-8")
    again, said = _check(sample_xlsx)  # remembered beside the workbook
    assert len(again) == len(findings) - 1 and "另有 1 项" in said
    wb = load_workbook(sample_xlsx)
    cell = wb[chosen["sheet"]][chosen["cell"]]
    cell.value = f"{cell.value}（补充一句。）"
    wb.save(sample_xlsx)
    changed, _ = _check(sample_xlsx)
    assert any(f["code"] == chosen["code"] and f["cell"] == chosen["cell"] for f in changed)


def test_an_unknown_number_is_said_and_nothing_is_remembered(sample_xlsx):
    _, said = _check(sample_xlsx, "--ignore", "0123456789")
    assert "没有编号为 0123456789" in said and not list_file(sample_xlsx).exists()


def test_ignore_marked_in_the_result_sheet_of_the_annotated_copy(sample_xlsx, tmp_path):
    copy = tmp_path / "标注.xlsx"
    findings, _ = _check(sample_xlsx, "--annotate", copy)
    chosen = _a_proofreading_finding(findings)
    wb = load_workbook(copy)
    sheet = wb[RESULT_SHEET]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index(REF_COLUMN)].value == chosen["ref"]:
            row[header.index(IGNORE_COLUMN)].value = "忽略"
    wb.save(copy)
    after, said = _check(copy)
    assert chosen["ref"] not in {f["ref"] for f in after} and "另有 1 项" in said
    again = tmp_path / "再次标注.xlsx"
    _check(copy, "--annotate", again)
    rows = [[c.value for c in r] for r in load_workbook(again)[RESULT_SHEET].iter_rows()]
    assert any("另有 1 项" in str(r[header.index("问题")]) for r in rows)


def test_a_note_saying_ignore_hides_the_findings_of_its_cell(sample_xlsx):
    findings, _ = _check(sample_xlsx)
    chosen = _a_proofreading_finding(findings)
    on_cell = [f for f in findings if (f["sheet"], f["cell"]) == (chosen["sheet"], chosen["cell"])]
    wb = load_workbook(sample_xlsx)
    wb[chosen["sheet"]][chosen["cell"]].comment = Comment("忽略：此处写法经核实无误", "张三")
    wb.save(sample_xlsx)
    after, said = _check(sample_xlsx)
    assert not [f for f in after if (f["sheet"], f["cell"]) == (chosen["sheet"], chosen["cell"])]
    assert f"另有 {len(on_cell)} 项" in said
