"""Structure the importer must not lose: tables nested in frames, sub-sections and points numbered 1./（1）."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

from shuzhi_xl import schema
from shuzhi_xl.importer import import_document
from test_import_docx import _ORDINALS as ORDINALS
from test_import_docx import model_text
from test_importer_matter import run_import, seed_lines, sheet_rows, write_document
from support import outline_rows, part


def framed_report(path: Path) -> Path:
    """Write a report whose 中心工作 sits in a one-cell frame holding a 2×2 figures table and, inside a frame in
    the frame, a 1×2 table; a 2×2 table outside any frame holds a 2×1 table in a cell."""
    document = docx.Document()
    document.add_paragraph("一、主要工作情况")
    document.add_paragraph("（一）加强政治学习。一是学原文。二是悟原理。")
    frame = document.add_table(rows=1, cols=1).cell(0, 0)
    frame.text = "（二）围绕中心工作。一是抓项目。二是抓招商。"
    figures = frame.add_table(rows=2, cols=2)
    for cell, text in zip(figures._cells, ("项目数", "投资额", "12个", "3.5亿元")):
        cell.text = text
    inner = frame.add_table(rows=1, cols=1).cell(0, 0)
    inner.text = "三是抓创新，实施创新项目5个。"
    deepest = inner.add_table(rows=1, cols=2)
    deepest.cell(0, 0).text, deepest.cell(0, 1).text = "专利", "7项"
    document.add_paragraph("二、存在的问题")
    document.add_paragraph("（一）学习不够深入。")
    outer = document.add_table(rows=2, cols=2)
    outer.cell(0, 0).text, outer.cell(0, 1).text, outer.cell(1, 0).text = "会议", "次数", "支委会"
    counts = outer.cell(1, 1).add_table(rows=2, cols=1)
    counts.cell(0, 0).text, counts.cell(1, 0).text = "上半年6次", "下半年6次"
    document.add_paragraph("三、下步工作打算")
    document.add_paragraph("（一）深化学习。")
    document.save(path)
    return path


def test_tables_inside_a_frame_are_listed_and_the_frames_text_is_imported(tmp_path: Path):
    result, workbook = run_import(framed_report(tmp_path / "框中表.docx"))
    assert result.exit_code == 0, result.output
    central = outline_rows(openpyxl.load_workbook(workbook), "围绕中心工作。")
    assert [row["正文"] for row in central] == ["抓项目。", "抓招商。", "抓创新，实施创新项目5个。"]
    output = re.sub(r"\s+", " ", result.output)
    assert "表格（2行×2列）" in output and "项目数 | 投资额；12个 | 3.5亿元" in output
    assert "表格（1行×2列）" in output and "专利 | 7项" in output
    # A table in a cell of a table that is itself listed is listed with that cell's text.
    assert "会议 | 次数；支委会 | 上半年6次 下半年6次" in output


def test_every_text_in_any_table_of_a_framed_document_is_imported_or_noted(tmp_path: Path):
    path = framed_report(tmp_path / "框中表.docx")
    result = import_document(path)
    body = docx.Document(str(path)).element.body
    in_tables = {t.text for tc in body.iter(qn("w:tc")) for t in tc.iter(qn("w:t"))}
    assert len(in_tables) == 13
    blob = model_text(result)
    for text in in_tables:
        for fragment in filter(None, re.split(ORDINALS, text)):
            assert fragment in blob, f"lost: {fragment!r} of {text!r}"


def numbered_sections_seed() -> list[str]:
    """The seed with part 一's sub-sections numbered 1.–4. and 中心工作's points as （1）–（5） in their own paragraph."""
    lines, part = [], 0
    for line in seed_lines():
        part += bool(re.match("^[一二三]、", line))
        if part == 1:
            line = re.sub("^（([一二三四])）", lambda m: f"{'一二三四'.index(m.group(1)) + 1}.", line)
            if line.startswith("一是抓好规划"):
                line = re.sub("([一二三四五])是", lambda m: f"（{'一二三四五'.index(m.group(1)) + 1}）", line)
        lines.append(line)
    return lines


def test_sub_sections_numbered_1_keep_their_1_points_inside(tmp_path: Path):
    path = write_document(tmp_path / "数字编号.txt", numbered_sections_seed())
    result, workbook = run_import(path)
    book = openpyxl.load_workbook(workbook)
    central = outline_rows(book, "围绕中心工作，充分发挥战斗堡垒作用。")
    assert [row["标题"] for row in central] == ["抓好规划管理工作，发挥规划的综合引领作用", "强化主业管理，推动市属企业做大做专做活",
                                                "狠抓企业项目建设，为国有企业持续发展提供支撑", "加大招商引资力度，助力国有经济稳步发展",
                                                "加强科技创新，提高企业核心竞争力"]
    assert not any(re.search(r"（\d）", str(row["正文"])) for row in central)
    assert [row["标题"] for row in outline_rows(book, "主要工作情况") if row["层级"] == "段落"] == []


@pytest.mark.parametrize("marks", [("1.", "2.", "3."), ("（1）", "（2）", "（3）"), ("①", "②", "③")])
def test_points_numbered_differently_inside_chinese_numbered_sub_sections(tmp_path: Path, marks):
    path = write_document(tmp_path / "要点编号.docx", [
        "一、主要工作情况", "（一）加强政治学习。一年来坚持集中学习。", f"{marks[0]}做好谋划。制定计划。", f"{marks[1]}做实学习。每周学习。",
        "（二）落实重点任务。", f"{marks[0]}完善制度。", "（三）丰富支部活动。", "（四）围绕中心工作。",
        f"{marks[0]}抓项目。完成投资3亿元。", f"{marks[1]}抓招商。", f"{marks[2]}抓创新。", "二、存在的问题", "（一）学习不深。",
        "三、下步工作打算", "（一）深化学习。"])
    result = import_document(path)
    work = part(result.report, "work")
    assert [len(s.points) for s in work.sections] == [2, 1, 0, 3]
    assert [(p.lead, p.body) for p in work.sections[3].points] == [("抓项目", "完成投资3亿元。"), ("", "抓招商。"), ("", "抓创新。")]
    assert not any("补充章节" in str(n) for n in result.notes)


def test_a_restarted_section_number_is_a_point_and_the_guess_is_noted():
    from shuzhi_xl.importer.document import numbered
    from shuzhi_xl.importer.parse import parse_paragraphs

    result = parse_paragraphs(numbered(["一、主要工作情况", "1.加强政治学习。", "1.做好谋划。", "2.落实重点任务。",
                                        "3.丰富支部活动。", "4.围绕中心工作。", "二、存在的问题", "1.学习不深。",
                                        "三、下步工作打算", "1.深化学习。"]))
    study = part(result.report, "work").sections[0]
    # Headings keep their own full stop (a heading alone prints as written).
    assert (study.heading, [p.body for p in study.points]) == ("加强政治学习。", ["做好谋划。"])
    assert [s.heading for s in part(result.report, "work").sections[1:4]] == ["落实重点任务。", "丰富支部活动。", "围绕中心工作。"]
    assert any(n.paragraph == 3 and "“1.”的编号没有接着" in str(n) for n in result.notes)
