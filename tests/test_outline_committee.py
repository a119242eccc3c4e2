"""A committee's 提纲 in 规则.toml: the template is laid out from it, `check` measures against it (a missing required
part or section is an error, an extra one a hint, nothing about the default 提纲's sections), a part longer than
its limit is flagged, and consolidation groups points, problems and plans by its names."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from checks_support import clean_ledger, body_cell
from consolidate_support import sheet_rows
from shuzhi_xl import schema
from shuzhi_xl.cli import main
from shuzhi_xl.model import Info, Part, Point, Report, Section
from shuzhi_xl.report.text import report_paragraphs
from shuzhi_xl.xlsx.template import write_workbook

RULES = """
[[outline.parts]]
name = "履职情况"
title = "履行抓基层党建工作职责情况"
limit = 120

[[outline.parts.sections]]
name = "理论学习"

[[outline.parts.sections]]
name = "组织建设"
variants = ["基层组织建设"]

[[outline.parts]]
name = "存在问题"
title = "存在的问题及原因"
numbering = "第一，"

[[outline.parts]]
name = "下步打算"
title = "下一步工作思路"

[[outline.parts]]
name = "廉政建设"
required = false
"""
#: 报告正文 of the template, written out by hand from RULES: (层级, 栏目, 编号, 标题) per row.
TEMPLATE_ROWS = [
    ("部分", "履职情况", "一、", "履行抓基层党建工作职责情况"),
    ("小节", "理论学习", "（一）", None), *[("要点", None, f"{n}是", None) for n in "一二三"],
    ("小节", "组织建设", "（二）", None), *[("要点", None, f"{n}是", None) for n in "一二三"],
    # a part numbered in its own style still counts its place: the second part is 第二，
    ("部分", "存在问题", "第二，", "存在的问题及原因"), *[("小节", None, f"（{n}）", None) for n in "一二三"],
    ("部分", "下步打算", "三、", "下一步工作思路"), *[("小节", None, f"（{n}）", None) for n in "一二三"],
    ("部分", "廉政建设", "四、", "廉政建设"), *[("小节", None, f"（{n}）", None) for n in "一二三"],
]
DEFAULT_SECTIONS = ("政治学习", "重点任务", "支部活动", "中心工作")


@pytest.fixture
def folder(tmp_path) -> Path:
    (tmp_path / "规则.toml").write_text(RULES, encoding="utf-8")
    return tmp_path


def _rows(path: Path) -> list[tuple]:
    ws = openpyxl.load_workbook(path)[schema.BODY.name]
    return [row[:4] for row in ws.iter_rows(min_row=2, values_only=True) if any(v is not None for v in row)]


def test_the_template_is_laid_out_from_the_committees_outline(folder):
    result = CliRunner().invoke(main, ["template", "--rules", str(folder / "规则.toml"), "-o", str(folder / "模板.xlsx")])
    assert result.exit_code == 0, result.output
    assert _rows(folder / "模板.xlsx") == TEMPLATE_ROWS


def _report(branch: str, complete: bool) -> Report:
    """A branch report: *complete* fills every required item; otherwise 组织建设 and 下步打算 are missing, and an extra
    section and an extra part are added."""
    info = Info(branch=branch, committee="机关党委", secretary="张三", year=2024,
                opening="2024年，支部认真落实全面从严治党要求，现将具体情况述职如下：")
    study = Section("加强理论学习，筑牢思想根基", "一年来，支部坚持集中学习。", [Point("做好计划", "制定学习计划。")])
    duty = Part("履行抓基层党建工作职责情况", [study])
    problems = Part("存在的问题及原因", [Section("学习不够深入", "学用结合不紧。")])
    if complete:
        duty.sections.append(Section("推进基层组织建设", "", [Point("", "完成支委换届。")]))
        parts = [duty, problems, Part("下一步工作思路", [Section("深化学习", "推动学习走深走实。")])]
    else:
        duty.sections.append(Section("加强作风建设", "开展专项整治。"))
        parts = [duty, problems, Part("原因分析", [Section("", "思想重视不够。")])]
    return Report(info=info, parts=parts, ledger=clean_ledger())


def _check(path: Path) -> list[dict]:
    result = CliRunner().invoke(main, ["check", str(path), "--json"])
    return json.loads(result.stdout)


def test_check_measures_against_the_committees_outline(folder):
    path = write_workbook(folder / "一支部.xlsx", _report("第一党支部", complete=False))
    found = [f for f in _check(path) if f["code"].startswith("ST")]
    body = schema.BODY.name
    assert sorted((f["code"], f["severity"], f["sheet"], f["cell"]) for f in found) == sorted([
        ("ST012", "error", body, ""),  # 下步打算 missing
        ("ST013", "error", body, body_cell(path, "履行抓基层党建工作职责情况", "heading")),  # 组织建设 missing
        ("ST015", "info", body, body_cell(path, "加强作风建设", "heading")),  # an extra section
        ("ST015", "info", body, body_cell(path, "原因分析", "heading")),  # an extra part
    ])
    messages = " ".join(f["message"] for f in found)
    assert "“下一步工作思路”" in messages and "“组织建设”" in messages
    assert "廉政建设" not in messages  # not required
    assert not any(name in f["message"] for f in _check(path) for name in DEFAULT_SECTIONS)


def test_a_complete_report_meets_the_outline_by_names_and_variants(folder):
    path = write_workbook(folder / "二支部.xlsx", _report("第二党支部", complete=True))
    assert not [f for f in _check(path) if f["code"].startswith("ST") and f["severity"] != "info"]


def test_a_part_longer_than_its_limit_is_flagged_at_its_title(folder):
    report = _report("第二党支部", complete=True)
    report.parts[0].sections[0].lead = "一年来，支部坚持集中学习。" * 10  # 130 characters more
    path = write_workbook(folder / "长.xlsx", report)
    [over] = [f for f in _check(path) if f["code"] == "LN002"]
    assert over["cell"] == body_cell(path, "履行抓基层党建工作职责情况", "heading") and "120" in over["message"]


def test_consolidation_groups_by_the_committees_names(folder):
    branches = folder / "支部"
    branches.mkdir()
    (branches / "规则.toml").write_text(RULES, encoding="utf-8")
    write_workbook(branches / "一支部.xlsx", _report("第一党支部", complete=False))
    write_workbook(branches / "二支部.xlsx", _report("第二党支部", complete=True))
    out, volume = folder / "汇总.xlsx", folder / "汇编.docx"
    result = CliRunner().invoke(main, ["consolidate", str(branches), "-o", str(out), "--volume", str(volume)])
    assert result.exit_code == 0, result.output
    # The bound volume prints each branch's report in its author's outline, in file order.
    bound = [p.text.replace("\n", "") for p in docx.Document(str(volume)).paragraphs if p.text.strip()]
    for name, complete in (("第一党支部", False), ("第二党支部", True)):
        own = [p.text for p in report_paragraphs(_report(name, complete))]
        start = bound.index(own[0])
        assert bound[start:start + len(own)] == own
    points = sheet_rows(out, "工作要点")
    assert sorted((r["支部名称"], r["部分"], r["栏目"], r["要点正文"]) for r in points) == [
        ("第一党支部", "履职情况", "理论学习", "制定学习计划。"),
        ("第二党支部", "履职情况", "理论学习", "制定学习计划。"),
        ("第二党支部", "履职情况", "组织建设", "完成支委换届。"),  # “推进基层组织建设” is the variant 基层组织建设
    ]
    problems = sheet_rows(out, "问题汇总")
    assert {(r["部分"], r["问题标题"]) for r in problems} == {("存在问题", "学习不够深入")}
    plans = sheet_rows(out, "打算汇总")
    assert [(r["支部名称"], r["部分"], r["打算标题"]) for r in plans] == [("第二党支部", "下步打算", "深化学习")]
    overview = {r["支部名称"]: r for r in sheet_rows(out, "总览")}
    gaps = overview["第一党支部"]["提纲缺项"]
    assert "组织建设" in gaps and "下一步工作思路" in gaps and not overview["第二党支部"]["提纲缺项"]


def test_a_heading_is_known_by_its_names_without_spaces_and_punctuation_longest_first():
    from shuzhi_xl.outline import Heading

    names = Heading("政治 学习", title="一、加强政治学习。", variants=("理论学习", "（学习）", "", "！，")).names
    assert set(names) == {"一加强政治学习", "政治学习", "理论学习", "学习"}  # none empty, each once
    assert [len(n) for n in names] == [7, 4, 4, 2]
