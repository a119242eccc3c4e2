"""整改跟踪 as a specification: last year's problems read from a small summary written here with openpyxl (marked
as a summary the way this program marks one: the custom document property shuzhi_summary), matched by hand-counted
character pairs against this year's problems."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.packaging.custom import BoolProperty

from consolidate_support import assert_columns_fit
from shuzhi_xl.consolidate.collect import Branch
from shuzhi_xl.consolidate import followup
from shuzhi_xl.consolidate.followup import _same_problem, followup_sheet, previous_problems
from shuzhi_xl.errors import WorkbookError


def summary(path: Path, header: list[str], rows: list[tuple], *, marked: bool = True, sheet: str = "问题汇总") -> Path:
    book = openpyxl.Workbook()
    book.active.title = sheet
    for row in [header, *rows]:
        book.active.append(row)
    if marked:
        book.custom_doc_props.append(BoolProperty("shuzhi_summary", True))
    book.save(path)
    return path


def branch(name: str, *problems: str) -> Branch:
    return Branch(file=f"{name}.xlsx", mtime=0.0, branch=name, committee="", secretary="", year=2024, errors=0,
                  warnings=0, ledger_counts={}, ledger_total=0, compliance={}, metrics={}, problems=problems, rows={})


def test_last_years_problems_are_read_by_header_in_any_column_order(tmp_path):
    path = summary(tmp_path / "去年.xlsx", ["具体表现", "支部名称", "备注", "问题标题", "序号"], [
        ("学得不深", "甲", None, "理论学习不深入", 1),
        ("活动少", "乙", None, "组织生活松散", "2"),
        ("无", None, None, "没有支部的一行", 3),
        ("会议少", "甲", None, "组织生活不规范", None),
    ])
    assert previous_problems(path) == {"甲": [(1, "理论学习不深入", "学得不深"), (None, "组织生活不规范", "会议少")],
                                       "乙": [(2, "组织生活松散", "活动少")]}


def test_a_header_only_sheet_has_no_problems_and_an_empty_one_no_header(tmp_path):
    assert previous_problems(summary(tmp_path / "a.xlsx", ["支部名称", "序号", "问题标题", "具体表现"], [])) == {}
    with pytest.raises(WorkbookError) as raised:
        previous_problems(summary(tmp_path / "b.xlsx", [], []))
    assert raised.value.message.startswith("表头缺少“支部名称”“序号”“问题标题”“具体表现”。")


@pytest.mark.parametrize("case, message", [
    ("missing", "找不到上年度汇总工作簿。请检查路径。"),
    ("unmarked", "这不是本程序生成的汇总工作簿。请选择上年度用 shuzhi consolidate 生成的汇总.xlsx。"),
    ("no sheet", "找不到工作表“问题汇总”。请使用本程序生成的汇总工作簿，不要改动工作表名称。"),
    ("header", "表头缺少“问题标题”“具体表现”。请使用本程序生成的汇总工作簿，不要改动表头。"),
])
def test_a_file_that_is_not_last_years_summary_is_refused_with_the_reason(tmp_path, case, message):
    path = tmp_path / "去年.xlsx"
    full = ["支部名称", "序号", "问题标题", "具体表现"]
    if case == "unmarked":
        summary(path, full, [], marked=False)
    elif case == "no sheet":
        summary(path, full, [], sheet="总览")
    elif case == "header":
        summary(path, ["支部名称", "序号", "标题", "表现"], [])
    with pytest.raises(WorkbookError) as raised:
        previous_problems(path)
    assert raised.value.message == message
    assert Path(raised.value.file).name == "去年.xlsx"
    if case == "header":
        assert (raised.value.sheet, raised.value.cell) == ("问题汇总", "第1行")


def test_followup_rows_say_for_each_old_problem_whether_it_came_back():
    previous = {"甲": [(1, "组织生活松散", "活动少"), (2, "理论学习不深入", "学得不深"), (3, "", "学_习")],
                "丙": [(1, "作风不实", ""), (2, "纪律松弛", "迟到早退")]}
    sheet = followup_sheet([branch("甲", "经费使用不规范", "组织生活不够", "学习"), branch("乙", "组织生活松散")], previous)
    assert [c.label for c in sheet.columns] == ["支部名称", "上年序号", "上年问题", "上年具体表现", "今年情况", "今年相同的问题"]
    assert sheet.rows == [
        ("甲", 1, "组织生活松散", "活动少", "今年仍列为问题", "组织生活不够"),  # 3 of 5 pairs each: 0.6
        ("甲", 2, "理论学习不深入", "学得不深", "今年未再列出", None),
        ("甲", 3, "", "学_习", "今年仍列为问题", "学习"),  # no heading: its text is compared
        ("丙", 1, "作风不实", "", "今年未汇总", None),
        ("丙", 2, "纪律松弛", "迟到早退", "今年未汇总", None),
    ]
    assert_columns_fit(sheet.name, sheet.columns, sheet.rows + [
        ("丁", 4, "意识形态工作责任制落实不到位", "对网络舆情研判不够，" * 4, "今年仍列为问题", "意识形态工作责任制落实还不到位")])
    assert (sheet.name, sheet.table, sheet.freeze_columns) == ("整改跟踪", "tbl_followup", 1)


@pytest.mark.parametrize("a, b, same", [
    ("组织生活松散", "组织生活不够", True),  # pairs 组织 织生 生活 shared of 5 and 5: 2·3/10 = 0.6
    ("组织生活松散", "组织生活欠缺规范", False),  # 3 shared of 5 and 7: 6/12 = 0.5
    ("组织生活、松散。", "组织生活松散", True),  # punctuation is not text
    ("学_习", "学习", True),  # nor is the underscore
    ("作风", "纪律", False),
    ("学", "学", False),  # one character has no pair
    ("", "学习", False),
    ("学习", "", False),
])
def test_the_same_problem_shares_at_least_six_tenths_of_its_character_pairs(a, b, same):
    assert _same_problem(a, b) is same


def _with_sheet_xml(path: Path, edit) -> Path:
    """Rewrite *path* with its 问题汇总 part's XML edited by *edit* (as a hostile or damaged summary would hold it)."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, edit(data) if name == "xl/worksheets/sheet1.xml" else data)
    return path


def test_last_years_summary_is_read_through_the_readers_guards(tmp_path, monkeypatch):
    # calamine would allocate a grid as far as the cell (here 16,384 columns × 1,048,576 rows) and abort the process
    header = ["支部名称", "序号", "问题标题", "具体表现"]
    far = _with_sheet_xml(summary(tmp_path / "远.xlsx", header, [("甲", 1, "学习不深", "学得少")]), lambda xml: xml.replace(
        b"</row></sheetData>", b'<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'))
    with pytest.raises(WorkbookError) as raised:
        previous_problems(far)
    assert (Path(raised.value.file).name, raised.value.sheet, raised.value.cell) == ("远.xlsx", "问题汇总", "XFD1048576")
    assert "超出本程序读取的范围（每张表最多 1048576 行、50 列" in raised.value.message
    # a page is inflated only up to a summary's limit (a few hundred KB can declare gigabytes)
    big = summary(tmp_path / "大.xlsx", header, [("甲", n, "问题" * 20, "表现" * 20) for n in range(100)])
    assert len(previous_problems(big)["甲"]) == 100
    monkeypatch.setattr(followup, "MAX_SUMMARY_PART_BYTES", 5_000)  # below the page, above the workbook's own parts
    with pytest.raises(WorkbookError) as raised:
        previous_problems(big)
    assert Path(raised.value.file).name == "大.xlsx" and raised.value.message.startswith("文件过大：")
    assert "“xl/worksheets/sheet1.xml”" in raised.value.message  # the page, not the summary as a whole
