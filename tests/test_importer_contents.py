"""A table of contents before the report is dropped, with a note; a report's own headings are never taken for one."""

from __future__ import annotations

import pytest

from shuzhi_xl.importer.document import numbered
from shuzhi_xl.importer.parse import parse_paragraphs

REPORT = ["第二党支部书记述职报告", "一、主要工作", "（一）政治建设。全年学习12次。", "（二）组织建设。召开支委会12次。",
          "二、存在问题", "学习不深。", "三、下步打算", "深化学习。"]


def outline(lines: list[str]):
    result = parse_paragraphs(numbered(lines))
    return [(p.heading, [s.heading for s in p.sections]) for p in result.report.parts], [str(n) for n in result.notes]


@pytest.mark.parametrize("contents", [
    ["目  录", "一、主要工作……1", "（一）政治建设……1", "（二）组织建设 ........ 2", "二、存在问题……3", "三、下步打算……3"],
    ["一、主要工作", "（一）政治建设", "（二）组织建设", "二、存在问题", "三、下步打算"],  # copied from a web page
])
def test_a_table_of_contents_before_the_report_is_dropped_with_a_note(contents: list[str]):
    parts, notes = outline(contents + REPORT)
    assert parts == outline(REPORT)[0] == [("主要工作", ["政治建设。", "组织建设。"]), ("存在问题", [""]), ("下步打算", [""])]
    assert f"第1段：这一段至第{len(contents)}段是目录，不属于正文，已删除。" in notes


@pytest.mark.parametrize("lines", [
    ["一、主要工作", "二、存在问题", *REPORT],  # two entries only: no contents
    ["一、主要工作", "（一）政治建设", "1.理论学习", "全年学习12次。", "二、存在问题", "学习不深。"],  # the report's own
    ["一、学习", "二、组织", "三、作风", *REPORT],  # headings the report does not open again
])
def test_headings_that_are_no_table_of_contents_stay(lines: list[str]):
    assert not any("目录" in n for n in outline(lines)[1])
