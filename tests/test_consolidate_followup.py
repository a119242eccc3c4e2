"""整改跟踪: last year's problems, read back from last year's summary, beside this year's."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from checks_support import clean_report
from consolidate_support import sheet_rows
from shuzhi_xl.cli import main
from shuzhi_xl.consolidate import consolidate
from shuzhi_xl.consolidate.followup import FOLLOWUP_SHEET, _same_problem
from shuzhi_xl.errors import WorkbookError
from shuzhi_xl.model import Section
from shuzhi_xl.synthetic import branch_report, sample_file_name, write_samples
from shuzhi_xl.xlsx.template import write_workbook
from support import part


@pytest.fixture(scope="module")
def years(tmp_path_factory) -> tuple[Path, Path]:
    """Return last year's summary (four branches) and this year's folder (three of those branches, under the same
    committees, other texts: the samples draw a committee with the seed)."""
    root = tmp_path_factory.mktemp("years")
    write_samples(root / "去年", 4, seed=1, year=2023, jobs=1)
    (root / "今年").mkdir()
    for index in range(3):
        report = branch_report(2, index, 2024)
        report.info.committee = branch_report(1, index, 2023).info.committee
        write_workbook(root / "今年" / sample_file_name(index), report)
    return consolidate(root / "去年", root / "去年汇总.xlsx", jobs=1).output, root / "今年"


def test_every_problem_of_last_year_has_a_row_and_repeats_are_flagged(years, tmp_path):
    previous, folder = years
    output = consolidate(folder, tmp_path / "汇总.xlsx", previous=previous, jobs=1).output
    last, last_committees = sheet_rows(previous, "问题汇总"), _committees(previous)
    now, committees = {}, _committees(output)
    for row in sheet_rows(output, "问题汇总"):
        now.setdefault((row["支部名称"], committees[row["源文件"]]), []).append(row["问题标题"])
    rows = sheet_rows(output, FOLLOWUP_SHEET)
    assert [(r["支部名称"], r["上级党组织"], r["上年序号"], r["上年问题"], r["上年具体表现"]) for r in rows] == \
        [(r["支部名称"], last_committees[r["源文件"]], r["序号"], r["问题标题"], r["具体表现"]) for r in last]
    for row in rows:
        branch = row["支部名称"], row["上级党组织"]
        if branch not in now:
            assert (row["今年情况"], row["今年相同的问题"]) == ("今年未汇总", None)
        elif row["上年问题"] in now[branch]:  # the same heading again is always a repeat
            assert (row["今年情况"], row["今年相同的问题"]) == ("今年仍列为问题", row["上年问题"])
        elif row["今年情况"] == "今年仍列为问题":
            assert row["今年相同的问题"] in now[branch]
        else:
            assert (row["今年情况"], row["今年相同的问题"]) == ("今年未再列出", None)
    assert {r["今年情况"] for r in rows} >= {"今年未汇总", "今年仍列为问题"}


def _committees(summary: Path) -> dict[str, str]:
    """Return 源文件 → 上级党组织 of the branches in *summary*'s 总览."""
    return {row["源文件"]: row["上级党组织"] for row in sheet_rows(summary, "总览") if row["支部名称"]}


def test_without_a_previous_summary_there_is_no_followup_sheet(years, tmp_path):
    _, folder = years
    output = consolidate(folder, tmp_path / "汇总.xlsx", jobs=1).output
    assert FOLLOWUP_SHEET not in openpyxl.load_workbook(output).sheetnames


@pytest.mark.parametrize("a, b, same", [
    ("组织生活内容不够丰富", "组织生活内容不够丰富。", True),
    ("组织生活内容不够丰富", "组织生活形式内容不够丰富", True),
    ("理论学习不够深入", "组织生活内容不够丰富", False),
    ("", "组织生活内容不够丰富", False),
])
def test_headings_count_as_the_same_problem_when_they_share_most_character_pairs(a, b, same):
    assert _same_problem(a, b) is same


def test_a_branch_workbook_is_not_taken_for_last_years_summary(years, tmp_path):
    _, folder = years
    branch_file = sorted(folder.glob("*.xlsx"))[0]
    with pytest.raises(WorkbookError, match="不是本程序生成的汇总工作簿"):
        consolidate(folder, tmp_path / "汇总.xlsx", previous=branch_file, jobs=1)
    result = CliRunner().invoke(main, ["consolidate", str(folder), "-o", str(tmp_path / "x.xlsx"),
                                       "--previous", str(tmp_path / "没有.xlsx")])
    assert result.exit_code == 2 and "找不到上年度汇总工作簿" in result.output
    assert not (tmp_path / "x.xlsx").exists()


def test_last_years_summary_is_never_overwritten_by_this_years(years, tmp_path):
    previous, folder = years
    kept = tmp_path / "汇总.xlsx"
    kept.write_bytes(previous.read_bytes())
    result = CliRunner().invoke(main, ["consolidate", str(folder), "-o", str(kept), "--previous", str(kept)])
    assert result.exit_code == 2 and "就是上年度的汇总工作簿" in result.output
    assert kept.read_bytes() == previous.read_bytes()


def _branch_with_problems(folder: Path, year: int, problems: list[tuple[str, str]], committee: str = "") -> None:
    """Write a branch's workbook of *year* with *problems* (heading, body) into *folder*, under *committee* when
    given (the file then named after it)."""
    report = clean_report()
    report.info.year = year
    report.info.committee = committee or report.info.committee
    part(report, "problems").sections = [Section(heading, body) for heading, body in problems]
    write_workbook(folder / f"{committee}{year}.xlsx", report)


def test_problems_written_without_a_heading_are_compared_by_their_text(tmp_path):
    body = "部分党员理论学习停留在读原文、记笔记层面，联系实际思考不深。"
    _branch_with_problems(tmp_path / "去年", 2023, [("", body), ("", "组织生活形式单一。")])
    _branch_with_problems(tmp_path / "今年", 2024, [("", body.replace("部分", "少数"))])
    previous = consolidate(tmp_path / "去年", tmp_path / "去年汇总.xlsx", jobs=1).output
    output = consolidate(tmp_path / "今年", tmp_path / "汇总.xlsx", previous=previous, jobs=1).output
    rows = sheet_rows(output, FOLLOWUP_SHEET)
    assert [(r["上年具体表现"], r["今年情况"]) for r in rows] == \
        [(body, "今年仍列为问题"), ("组织生活形式单一。", "今年未再列出")]
    assert rows[0]["今年相同的问题"] == body.replace("部分", "少数")


def test_a_branch_whose_committee_was_renamed_is_still_followed_up(tmp_path):
    _branch_with_problems(tmp_path / "去年", 2023, [("理论学习不够深入", "表现。")], "机关党委")
    _branch_with_problems(tmp_path / "今年", 2024, [("理论学习还不够深入", "表现。")], "中共某某机关委员会")
    previous = consolidate(tmp_path / "去年", tmp_path / "去年汇总.xlsx", jobs=1).output
    output = consolidate(tmp_path / "今年", tmp_path / "汇总.xlsx", previous=previous, jobs=1).output
    assert [(r["上级党组织"], r["今年情况"], r["今年相同的问题"]) for r in sheet_rows(output, FOLLOWUP_SHEET)] == \
        [("机关党委", "今年仍列为问题", "理论学习还不够深入")]  # its name is the only one in each year


def test_a_summary_without_its_problems_sheet_is_named_as_such(years, tmp_path):
    previous, folder = years
    wb = openpyxl.load_workbook(previous)
    wb["问题汇总"].title = "问题"
    wb.save(tmp_path / "改过的汇总.xlsx")
    with pytest.raises(WorkbookError, match="找不到工作表“问题汇总”"):
        consolidate(folder, tmp_path / "汇总.xlsx", previous=tmp_path / "改过的汇总.xlsx", jobs=1)


@pytest.fixture
def two_first_branches(tmp_path) -> tuple[Path, Path]:
    """Return last year's summary and this year's folder of one branch name under two committees, each with its own
    problems, this year each repeating its own (and not the other's) in other words."""
    branch = clean_report().info.branch
    for committee, last, now in [("机关党委", "理论学习不够深入", "理论学习还不够深入"),
                                 ("后勤党委", "组织生活形式单一", "组织生活形式比较单一")]:
        _branch_with_problems(tmp_path / "去年", 2023, [(last, "表现。")], committee)
        _branch_with_problems(tmp_path / "今年", 2024, [(now, "表现。")], committee)
    assert {r["支部名称"] for r in sheet_rows(consolidate(tmp_path / "今年", tmp_path / "x.xlsx", jobs=1).output,
                                           "总览")} == {branch}
    return consolidate(tmp_path / "去年", tmp_path / "去年汇总.xlsx", jobs=1).output, tmp_path / "今年"


def test_branches_of_one_name_under_two_committees_are_each_followed_up_on_their_own(two_first_branches, tmp_path):
    previous, folder = two_first_branches
    rows = sheet_rows(consolidate(folder, tmp_path / "汇总.xlsx", previous=previous, jobs=1).output, FOLLOWUP_SHEET)
    assert sorted((r["上级党组织"], r["上年问题"], r["今年情况"], r["今年相同的问题"]) for r in rows) == [
        ("后勤党委", "组织生活形式单一", "今年仍列为问题", "组织生活形式比较单一"),
        ("机关党委", "理论学习不够深入", "今年仍列为问题", "理论学习还不够深入"),
    ]


def test_a_summary_that_does_not_say_the_committees_is_followed_up_by_branch_name(two_first_branches, tmp_path):
    previous, folder = two_first_branches
    book = openpyxl.load_workbook(previous)
    book["总览"].title = "概览"  # as a summary without its 总览 (or without the committees in it) holds them
    book.save(tmp_path / "改过的汇总.xlsx")
    rows = sheet_rows(consolidate(folder, tmp_path / "汇总.xlsx", previous=tmp_path / "改过的汇总.xlsx",
                                  jobs=1).output, FOLLOWUP_SHEET)
    # both of last year's problems under the name's one entry, compared with one of this year's two branches
    assert [(r["上级党组织"], r["今年情况"]) for r in rows].count((None, "今年仍列为问题")) == 1
    assert {r["上级党组织"] for r in rows} == {None} and len(rows) == 2
