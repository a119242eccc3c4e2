"""Problems answered by plans (PL…): counts compared, and problems no plan shares a word with, through the CLI on
real workbooks; no alarm on the sample, the clean report or the synthetic pool's problem/plan pairs."""

from __future__ import annotations

import tomllib
from importlib.resources import files

from openpyxl import load_workbook

from checks_support import body_cell, clean_report, run_check
from shuzhi_xl import schema
from shuzhi_xl.checks import check_report
from shuzhi_xl.model import Part, Section
from shuzhi_xl.xlsx.template import write_workbook

BODY = schema.BODY.name


def _without_last_plan(tmp_path):
    path = write_workbook(tmp_path / "clean.xlsx", clean_report())
    cells = [body_cell(path, "立足本职，丰富活动内容", column) for column in ("level", "numbering", "heading", "body")]
    wb = load_workbook(path)
    for cell in cells:
        wb[BODY][cell].value = None
    wb.save(path)
    return path


def test_fewer_plans_than_problems_is_a_warning_at_the_plans_title(tmp_path):
    path = _without_last_plan(tmp_path)
    code, findings = run_check(path)
    pl001 = [f for f in findings if f["code"] == "PL001"]
    assert code == 0
    assert [(f["severity"], f["sheet"], f["cell"]) for f in pl001] == \
        [("warning", BODY, body_cell(path, "下步工作打算", "heading"))]
    assert "“存在的问题”中有 2 条问题，“下步工作打算”中只有 1 条打算" in pl001[0]["message"]


def test_a_problem_no_plan_shares_a_word_with_is_pointed_out_at_its_cell(tmp_path):
    path = _without_last_plan(tmp_path)
    _, findings = run_check(path)
    pl002 = [f for f in findings if f["code"] == "PL002"]
    # The remaining plan (提高认识，转变思想观念) answers 思想认识高度不够, not 组织生活内容不丰富.
    assert [(f["severity"], f["sheet"], f["cell"]) for f in pl002] == \
        [("info", BODY, body_cell(path, "组织生活内容不丰富", "heading"))]
    assert "“组织生活内容不丰富”" in pl002[0]["message"]


def test_the_sample_and_the_clean_report_raise_nothing(sample_xlsx, tmp_path):
    _, sample = run_check(sample_xlsx)
    _, clean = run_check(write_workbook(tmp_path / "clean.xlsx", clean_report()))
    assert not [f for f in sample + clean if f["code"].startswith("PL")]


def _codes(problems: list[tuple[str, str]], plans: list[tuple[str, str]]) -> list[str]:
    report = clean_report()
    report.parts[1] = Part("存在的问题", [Section(h, b) for h, b in problems])
    report.parts[2] = Part("下步工作打算", [Section(h, b) for h, b in plans])
    return sorted(f.code for f in check_report(report) if f.code.startswith("PL"))


def test_each_synthetic_problem_is_answered_by_its_own_plan():
    pool = tomllib.loads((files("shuzhi_xl") / "data" / "synthetic.toml").read_text(encoding="utf-8"))["problems"]
    assert len(pool) >= 5
    for item in pool:
        assert _codes([(item["heading"], item["body"])], [tuple(item["plan"])]) == [], item["heading"]


def test_stock_words_shared_do_not_count_as_an_answer():
    problem = ("党建工作不够扎实", "支部党建工作存在薄弱环节。")
    assert _codes([problem], [("加强党建工作", "进一步推进支部党建工作。")]) == ["PL002"]
    assert _codes([problem], [("夯实基础", "补齐薄弱环节，推进党建工作扎实开展。")]) == []


def test_more_plans_than_problems_is_fine():
    plans = [("提高认识，转变思想观念", "深化思想认识。"), ("丰富活动", "开展主题党日。")]
    assert _codes([("思想认识高度不够", "重业务轻党建。")], plans) == []
