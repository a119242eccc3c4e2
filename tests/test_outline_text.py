"""The report prints exactly what is filled, in the author's order: numbering per level in the author's style,
every line its own Word paragraph with the first-line indent, headings alone or run on as written, and no title,
author line, signature or heading made of nothing. Expected texts are written out by hand."""

from __future__ import annotations

import docx
from docx.oxml.ns import qn

from shuzhi_xl import schema
from shuzhi_xl.model import Info, Part, Point, Report, Section
from shuzhi_xl.report.text import report_paragraphs
from shuzhi_xl.report.write import write_report
from shuzhi_xl.xlsx.reader import read_workbook
from shuzhi_xl.xlsx.template import write_workbook

EACH = schema.LAYOUTS[2]


def _report() -> Report:
    """Four parts in the author's styles: 一、 parts with an unnumbered one between, 1. sections, （1） and ①
    points, a heading alone, text under a part title, multi-line leads and bodies."""
    info = Info(opening="第一段开篇。\n第二段开篇。", layout=EACH)
    return Report(info=info, parts=[
        Part("规范制度建设，民主型支部有温度", [
            Section("", "部分下的第一段。\n部分下的第二段。"),
            Section("健全制度", "制度导语。", [Point("", "第一条要点。"), Point("立规矩", "第二条正文。\n第二条续段。")],
                    numbering="1.", point_numbering="（1）"),
            Section("抓好落实：", "落实导语。", numbering="1.", alone=True),
        ]),
        Part("工作亮点", [Section("", "一段不编号部分的正文。")], numbering="无"),
        Part("存在的问题", [Section("学习不深", "表现一。", [Point("", "甲。"), Point("", "乙。")],
                                  point_numbering="①", layout=schema.LAYOUTS[0])]),
        Part("原因分析", [Section("思想上", "重视不够。", numbering="第一，")]),
    ])


EXPECTED = [
    ("opening", "第一段开篇。"), ("opening", "第二段开篇。"),
    ("part", "一、规范制度建设，民主型支部有温度"),
    ("body", "部分下的第一段。"), ("body", "部分下的第二段。"),
    ("body", "1.健全制度。制度导语。"), ("body", "（1）第一条要点。"), ("body", "（2）立规矩。第二条正文。"),
    ("body", "第二条续段。"),
    ("body", "2.抓好落实："), ("body", "落实导语。"),
    ("part", "工作亮点"), ("body", "一段不编号部分的正文。"),
    ("part", "二、存在的问题"), ("body", "（一）学习不深。表现一。①甲。②乙。"),
    ("part", "三、原因分析"), ("body", "第一，思想上。重视不够。"),
]


def test_each_level_is_numbered_in_its_authors_style_and_each_line_is_a_paragraph():
    assert [(p.role, p.text) for p in report_paragraphs(_report())] == EXPECTED


def test_the_outline_survives_the_workbook(tmp_path):
    back = read_workbook(write_workbook(tmp_path / "提纲.xlsx", _report()))
    assert back.parts == _report().parts
    assert [(p.role, p.text) for p in report_paragraphs(back)] == EXPECTED


def test_every_paragraph_is_its_own_word_paragraph_with_the_first_line_indent(tmp_path):
    path = write_report(_report(), tmp_path / "提纲.docx")
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts == [text for _, text in EXPECTED]
    for paragraph in document.paragraphs:
        assert paragraph._p.find(f".//{qn('w:br')}") is None  # never joined by line breaks
    body = [p for p in document.paragraphs if p.text and p.style.name != "一级标题"]
    indents = {p.paragraph_format.first_line_indent or p.style.paragraph_format.first_line_indent for p in body}
    assert indents == {docx.shared.Twips(640)}  # two characters of 16 pt


def test_no_title_author_or_signature_made_of_nothing():
    assert [p.role for p in report_paragraphs(Report())] == []
    named = Report(info=Info(branch="机关第一党支部", year=2024))
    assert [(p.role, p.text) for p in report_paragraphs(named)] == [
        ("title", "机关第一党支部书记2024年度抓基层党建工作述职报告")]
    with_secretary = Report(info=Info(branch="机关第一党支部", secretary="张三", title="述职报告"))
    assert [(p.role, p.text) for p in report_paragraphs(with_secretary)] == [
        ("title", "述职报告"), ("author", "机关第一党支部书记 张三")]


def test_a_new_template_prints_only_its_part_titles(tmp_path):
    report = read_workbook(write_workbook(tmp_path / "模板.xlsx"))
    assert [(p.role, p.text) for p in report_paragraphs(report)] == [
        ("part", "一、主要工作情况"), ("part", "二、存在的问题"), ("part", "三、下步工作打算")]
