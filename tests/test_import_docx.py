"""Word documents made here with python-docx (raw numbering XML where it has no API), imported back."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from shuzhi_xl import schema
from shuzhi_xl.importer import import_document
from shuzhi_xl.report.text import report_paragraphs
from support import part

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
BACK_MATTER = ("特此报告，请予评议。", "XX党支部", "2024年1月5日")
#: Typed or generated numbering, removed before comparing a paragraph's text with the model's.
_ORDINALS = r"[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、]|[（(][一二三四五六七八九十\d]+[)）]|" \
            r"[一二三四五六七八九十]+[、.．]|\d+[.．、](?!\d)|——|[。：:\s]"


def add_list(document, num_id: int, levels: list[tuple[str, str]]) -> int:
    """Add a numbering definition (level formats and patterns like ("chineseCounting", "%1、")); return numId."""
    numbering = document.part.numbering_part.element
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                   f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>' for i, (fmt, text) in enumerate(levels))
    numbering.insert(0, parse_xml(f'<w:abstractNum {W_NS} w:abstractNumId="{num_id}">{lvls}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'))
    return num_id


def numbered(paragraph, num_id: int, level: int):
    """Put *paragraph* into list *num_id* at *level*, as Word's numbering button does."""
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def model_text(result) -> str:
    """Return everything the imported model prints plus the notes, without numbering and full stops."""
    printed = [p.text for p in report_paragraphs(result.report)] + [str(n) for n in result.notes]
    return re.sub(_ORDINALS, "", "".join(printed))


def assert_nothing_dropped(path: Path, result) -> None:
    """Assert every fragment of every non-empty paragraph and table cell of *path* is in the model or notes."""
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    blob = model_text(result)
    for text in filter(str.strip, texts):
        for fragment in filter(None, re.split(_ORDINALS, text)):
            assert fragment in blob, f"lost: {fragment!r} of {text!r}"


def report_with_auto_numbering(path: Path) -> Path:
    """Write a report whose 一、/（一）/1. come only from Word's list definitions, with a table and an extra part."""
    document = docx.Document()
    outline = add_list(document, 90, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")])
    document.add_paragraph("XX党支部书记2023年度抓基层党建工作述职报告", style="Title")
    document.add_paragraph("——XX党支部书记 张三")
    document.add_paragraph("")
    document.add_paragraph("各位领导、同志们：")
    document.add_paragraph("2023年，在机关党委的正确领导下，XX党支部认真履职，现将具体情况述职如下：")
    numbered(document.add_paragraph("主要工作情况", style="Heading 1"), outline, 0)
    numbered(document.add_paragraph("加强理论学习，筑牢思想根基。一年来，支部坚持学习制度。", style="Heading 2"), outline, 1)
    numbered(document.add_paragraph("做好计划。制定年度学习计划。"), outline, 2)
    numbered(document.add_paragraph("做实学习。每周组织集中学习，全年开展专题研讨12次。"), outline, 2)
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table._cells, ("指标", "计划", "完成", "集中学习次数", "48", "50")):
        cell.text = text
    numbered(document.add_paragraph("落实重点任务，推进标准化建设。", style="Heading 2"), outline, 1)
    numbered(document.add_paragraph("完善三会一课制度，按时召开支部委员会会议。"), outline, 2)
    numbered(document.add_paragraph("丰富组织生活，增强支部活力。开展主题党日12次。", style="Heading 2"), outline, 1)
    numbered(document.add_paragraph("围绕中心工作，服务业务发展。全年完成重点项目8个。", style="Heading 2"), outline, 1)
    numbered(document.add_paragraph("加强作风建设，树立良好形象。", style="Heading 2"), outline, 1)
    document.add_paragraph("开展作风纪律专项整治，查摆问题5个。")
    numbered(document.add_paragraph("存在的问题", style="Heading 1"), outline, 0)
    numbered(document.add_paragraph("理论学习不够深入。学用结合不紧。", style="Heading 2"), outline, 1)
    numbered(document.add_paragraph("原因分析", style="Heading 1"), outline, 0)
    document.add_paragraph("主要是思想重视不够，统筹谋划不足。")
    numbered(document.add_paragraph("下步工作打算", style="Heading 1"), outline, 0)
    numbered(document.add_paragraph("深化理论学习。推动学习走深走实。", style="Heading 2"), outline, 1)
    document.add_paragraph("")
    document.add_paragraph("特此报告，请予评议。")
    document.add_paragraph("XX党支部")
    document.add_paragraph("2023年12月31日")
    document.save(path)
    return path


def test_word_automatic_numbering_is_reconstructed_and_nothing_is_dropped(tmp_path: Path):
    path = report_with_auto_numbering(tmp_path / "自动编号.docx")
    result = import_document(path)
    report = result.report
    assert_nothing_dropped(path, result)
    # The author's parts in the author's order; those that are items of the default 提纲 take its 栏目 name.
    assert [(p.heading, p.name) for p in report.parts] == [
        ("主要工作情况", "主要工作情况"), ("存在的问题", "存在问题"), ("原因分析", ""), ("下步工作打算", "下步打算")]
    assert [s.name for s in report.parts[0].sections] == ["政治学习", "重点任务", "支部活动", "中心工作", ""]
    work = report.parts[0]
    study = work.sections[0]
    assert (study.heading, study.lead, study.alone) == ("加强理论学习，筑牢思想根基。", "一年来，支部坚持学习制度。", False)
    assert [(p.lead, p.body) for p in study.points] == [("做好计划", "制定年度学习计划。"),
                                                        ("做实学习", "每周组织集中学习，全年开展专题研讨12次。")]
    assert study.point_numbering == "1." and study.layout == "" and report.info.layout == schema.LAYOUTS[2]
    # The 1. of the next sub-section restarts: its first point is a point of its own section.
    assert [p.body for p in work.sections[1].points] == ["完善三会一课制度，按时召开支部委员会会议。"]
    extra = work.sections[4]
    assert (extra.heading, extra.lead, extra.alone) == ("加强作风建设，树立良好形象。", "开展作风纪律专项整治，查摆问题5个。", True)
    info = report.info
    # The committee is named only in the opening's sentence: not read from there, left blank.
    assert (info.branch, info.secretary, info.year, info.committee) == ("XX党支部", "张三", 2023, "")
    assert (info.salutation, info.closing, info.signature) == ("各位领导、同志们：", "特此报告，请予评议。", "XX党支部")
    assert str(info.date) == "2023-12-31"
    table_notes = [str(n) for n in result.notes if "表格" in str(n)]
    assert len(table_notes) == 1 and "2行×3列" in table_notes[0] and "集中学习次数 | 48 | 50" in table_notes[0]
    # Nothing was moved, added or left out of the outline, so no note says so.
    assert not any(w in str(n) for n in result.notes for w in ("新增", "移到", "留空，请补写"))


def test_half_width_marks_numbered_points_and_soft_breaks(tmp_path: Path):
    document = docx.Document()
    document.add_paragraph("2024年，XX党支部围绕中心抓党建，现将有关情况报告如下：")
    document.add_paragraph("一. 主要工作情况")
    document.add_paragraph("(一)加强政治学习,提升凝聚力。一年来，坚持集中学习。")
    document.add_paragraph("1、做好谋划文章。按照党委部署制定计划。")
    document.add_paragraph("2、做实学习文章。每周五集中学习。")
    document.add_paragraph("(二) 落实重点任务。（1）完善制度。（2）配强力量，选举支部委员2名。")
    para = document.add_paragraph("(三)丰富支部活动。")
    para.add_run().add_break()
    para.add_run("１．开展主题党日。")
    para.add_run().add_break()
    para.add_run("２．组织参观学习，到纪念馆参观。")
    document.add_paragraph("(四)围绕中心工作。第一，抓规划。第二，抓项目，完成投资3.5亿元。")
    document.add_paragraph("二、存在的问题")
    document.add_paragraph("1. 学习不够深入。")
    document.add_paragraph("2. 活动形式单一。")
    document.add_paragraph("三、下步工作打算")
    document.add_paragraph("(一)深化学习。")
    path = tmp_path / "半角.docx"
    document.save(path)
    result = import_document(path)
    assert_nothing_dropped(path, result)
    work, problems, plans = result.report.parts
    assert [s.heading for s in work.sections] == ["加强政治学习,提升凝聚力。", "落实重点任务。", "丰富支部活动。", "围绕中心工作。"]
    assert [(p.lead, p.body) for p in work.sections[0].points] == [("做好谋划文章", "按照党委部署制定计划。"),
                                                                   ("做实学习文章", "每周五集中学习。")]
    assert [p.body for p in work.sections[1].points] == ["完善制度。", "配强力量，选举支部委员2名。"]
    assert [p.body for p in work.sections[2].points] == ["开展主题党日。", "组织参观学习，到纪念馆参观。"]
    assert [(p.lead, p.body) for p in work.sections[3].points] == [("", "抓规划。"), ("", "抓项目，完成投资3.5亿元。")]
    assert [(s.heading, s.numbering) for s in problems.sections] == [("学习不够深入。", "1."), ("活动形式单一。", "1.")]
    assert [s.heading for s in plans.sections] == ["深化学习。"]


def test_a_one_cell_frame_is_read_as_text_and_pictures_and_text_boxes_are_reported(tmp_path: Path):
    document = docx.Document()
    document.add_paragraph("一、主要工作情况")
    frame = document.add_table(rows=1, cols=1)
    frame.cell(0, 0).text = "（一）加强政治学习。一是学原文。二是悟原理。"
    box = document.add_paragraph()
    box._p.append(parse_xml(
        f'<w:r {W_NS}><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
        f'<w:txbxContent><w:p><w:r><w:t>文本框里的说明</w:t></w:r></w:p></w:txbxContent>'
        f'</v:textbox></v:shape></w:pict></w:r>'))
    path = tmp_path / "框.docx"
    document.save(path)
    result = import_document(path)
    study = part(result.report, "work").sections[0]
    assert [p.body for p in study.points] == ["学原文。", "悟原理。"]
    assert any("文本框" in str(n) and "文本框里的说明" in str(n) and n.paragraph == 3 for n in result.notes)


def form(document, cells: list[list[str]], report: list[str]):
    """Add a 述职评议表 to *document*: rows of *cells*, then 述职内容 beside one merged cell holding *report*."""
    table = document.add_table(rows=len(cells) + 1, cols=len(cells[0]))
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(len(cells), 0).text = "述职内容"
    cell = table.cell(len(cells), 1).merge(table.cell(len(cells), len(cells[0]) - 1))
    cell.text = report[0]
    for text in report[1:]:
        cell.add_paragraph(text)


def test_a_form_holding_the_report_in_one_cell_is_read_in_place_and_its_other_cells_are_said(tmp_path: Path):
    document = docx.Document()
    document.add_paragraph("述职评议表")
    form(document, [["姓名", "张三", "职务", "书记"]],
         ["一年来，支部扎实开展工作。", "一、主要工作", "（一）抓学习。一是学原文。二是悟原理。", "二、存在问题", "学得不深。"])
    document.add_paragraph("（本表一式两份）")
    path = tmp_path / "表.docx"
    document.save(path)
    result = import_document(path)
    report = result.report
    assert report.info.opening == "一年来，支部扎实开展工作。"
    assert [p.heading for p in report.parts] == ["主要工作", "存在问题"]
    assert [pt.body for pt in report.parts[0].sections[0].points] == ["学原文。", "悟原理。"]
    note, = [n for n in result.notes if "表格" in n.message]
    # the form's cells but the report's are named, at the paragraph the report starts with (the title is 第1段)
    assert note.paragraph == 2 and note.message.endswith("姓名 | 张三 | 职务 | 书记；述职内容")
    assert report.parts[-1].sections[-1].lead.endswith("学得不深。\n（本表一式两份）")


@pytest.mark.parametrize("report", [
    ["一、主要工作", "抓学习。"],  # two paragraphs: a cell of a table, not a report
    ["一、主要工作", "（一）抓学习。", "（二）抓作风。"],  # less than half of the document's text
])
def test_a_table_whose_largest_cell_is_no_report_is_reported_not_read(tmp_path: Path, report: list[str]):
    document = docx.Document()
    document.add_paragraph("述职报告")
    form(document, [["姓名", "张三"]], report)
    document.add_paragraph("一年来，支部扎实开展工作，认真落实各项制度，全面完成年度目标任务，取得了较好成效，"
                           "得到上级党组织的肯定。")
    path = tmp_path / "表.docx"
    document.save(path)
    result = import_document(path)
    assert "主要工作" not in [p.heading for p in result.report.parts]
    assert any(n.message.startswith("第1段之后有一个表格（2行×2列）") for n in result.notes)


@pytest.mark.parametrize("fmt, expected", [("chineseCounting", "十一、"), ("ideographTraditional", "乙、"),
                                           ("decimalFullWidth", "１１、"), ("decimalEnclosedCircle", "⑪、")])
def test_number_formats_of_word_lists(fmt: str, expected: str):
    from shuzhi_xl.importer.numbering import Counters, Level

    counters = Counters({"1": ("a", {0: Level(10 if fmt != "ideographTraditional" else 1, fmt, "%1、")}, set())})
    counters.label("1", 0)
    assert counters.label("1", 0) == expected


def wps_heading_style(document, name: str):
    """Add a paragraph style named like WPS's built-in headings (标题 1), without any outline level."""
    from docx.enum.style import WD_STYLE_TYPE

    return document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)


def test_headings_made_by_styles_alone_and_a_lead_on_its_own_line(tmp_path: Path):
    document = docx.Document()
    wps_heading_style(document, "标题 1")
    document.add_paragraph("机关第二党支部抓基层党建工作述职报告", style="Heading 1")
    document.add_paragraph("2024年，支部在机关党委领导下开展工作。")
    document.add_paragraph("主要工作情况", style="标题 1")
    document.add_paragraph("加强政治学习", style="Heading 2")
    document.add_paragraph("")
    document.add_paragraph("1. 做好谋划文章")
    document.add_paragraph("按照党委部署，及时制定学习计划。")
    document.add_paragraph("2. 做实学习文章")
    document.add_paragraph("坚持每周集中学习。")
    document.add_paragraph("同时开展专题研讨。")
    document.add_paragraph("存在的问题", style="Heading 1")
    document.add_paragraph("学习深度不够", style="Heading 2")
    document.add_paragraph("部分党员学用脱节。")
    document.add_paragraph("下步打算", style="Heading 1")
    document.add_paragraph("持续深化学习。")
    path = tmp_path / "样式标题.docx"
    document.save(path)
    result = import_document(path)
    assert_nothing_dropped(path, result)
    report = result.report
    assert report.info.title == "机关第二党支部抓基层党建工作述职报告"
    assert [p.heading for p in report.parts] == ["主要工作情况", "存在的问题", "下步打算"]
    work, problems, plans = report.parts
    study = work.sections[0]
    assert (study.heading, study.lead, study.alone) == ("加强政治学习", "", True)
    # A point whose title stands alone keeps it as the first line of its body (printed alone, as written).
    assert [(p.lead, p.body) for p in study.points] == [
        ("", "做好谋划文章\n按照党委部署，及时制定学习计划。"), ("", "做实学习文章\n坚持每周集中学习。\n同时开展专题研讨。")]
    assert [(s.heading, s.lead) for s in problems.sections] == [("学习深度不够", "部分党员学用脱节。")]
    assert [(s.heading, s.lead) for s in plans.sections] == [("", "持续深化学习。")]
    assert not any("没有找到" in str(n) for n in result.notes)


def test_plain_text_without_any_part_heading_opens_with_its_first_paragraph(tmp_path: Path):
    path = tmp_path / "无结构.txt"
    path.write_text("今年支部做了很多工作。\n\n明年继续努力。\n", encoding="gb18030")
    result = import_document(path)
    # The first paragraph opens the report, the others are its text under no heading, printed as they were.
    assert result.report.info.opening == "今年支部做了很多工作。"
    assert [(p.heading, [s.lead for s in p.sections]) for p in result.report.parts] == [("", ["明年继续努力。"])]
    # The note names the paragraphs as the file numbers them (the empty line is the 2nd).
    assert any(str(n).startswith("第1段：没有找到部分标题") and "第3段作为不带标题的正文" in str(n) for n in result.notes)


def test_lists_sharing_a_definition_continue_unless_one_restarts():
    from shuzhi_xl.importer.numbering import Counters, Level

    levels = {0: Level(1, "chineseCounting", "%1、"), 1: Level(1, "chineseCounting", "（%2）")}
    counters = Counters({"1": ("a", levels, set()), "2": ("a", levels, set()),
                         "3": ("a", {**levels, 0: Level(1, "chineseCounting", "%1、")}, {0})})
    labels = [counters.label(*step) for step in (("1", 0), ("1", 1), ("1", 1), ("2", 0), ("2", 1), ("3", 0))]
    assert labels == ["一、", "（一）", "（二）", "二、", "（一）", "一、"]


def test_a_list_restarting_at_a_number_of_its_own_continues_from_there():
    from shuzhi_xl.importer.numbering import Counters
    from shuzhi_xl.importer.wordxml import numbering_lists

    numbering = parse_xml(
        f'<w:numbering {W_NS}><w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        f'<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
        f'<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>'
        f'<w:num w:numId="2"><w:abstractNumId w:val="7"/>'
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num></w:numbering>')
    counters = Counters(numbering_lists(numbering))
    assert [counters.label(num_id, 0) for num_id in ("1", "1", "2", "2")] == ["一、", "二、", "五、", "六、"]


def test_tracked_changes_show_as_accepted_and_a_wrapped_number_stays_whole(tmp_path: Path):
    document = docx.Document()
    document.add_paragraph("一、主要工作情况")
    para = document.add_paragraph("（一）围绕中心工作。全年完成投资")
    para.add_run().add_break()
    para.add_run("3.5亿元。")
    para._p.append(parse_xml(f'<w:del {W_NS} w:id="1" w:author="a"><w:r><w:delText>删去的旧文字</w:delText></w:r></w:del>'))
    para._p.append(parse_xml(f'<w:ins {W_NS} w:id="2" w:author="a"><w:r><w:t>新增的文字。</w:t></w:r></w:ins>'))
    path = tmp_path / "修订.docx"
    document.save(path)
    central = import_document(path).report.parts[0].sections[0]
    assert (central.heading, central.lead) == ("围绕中心工作。", "全年完成投资3.5亿元。新增的文字。")


@pytest.mark.parametrize("fmt", ["chineseCounting", "chineseLegalSimplified"])
def test_parts_numbered_in_chinese_numerals_of_any_format_are_parts(tmp_path: Path, fmt: str):
    # 壹、贰、叁 drawn by Word are read as the 公文 labels 一、二、三: the parts are recognised and their headings
    # keep no label, so the report numbers them as it numbers every report.
    document = docx.Document()
    outline = add_list(document, 91, [(fmt, "%1、"), ("chineseCounting", "（%2）")])
    for line in ("XX党支部书记2023年度抓基层党建工作述职报告", "各位领导、同志们：", "2023年，XX党支部认真履职，现将具体情况述职如下："):
        document.add_paragraph(line)
    for heading, sections in (("主要工作情况", ["加强理论学习。全年学习12次。", "推进重点任务。完成5项。"]),
                              ("存在的问题", ["学习不够深入。学用结合不紧。"]), ("下步工作打算", ["深化学习。推动走深走实。"])):
        numbered(document.add_paragraph(heading), outline, 0)
        for section in sections:
            numbered(document.add_paragraph(section), outline, 1)
    for line in BACK_MATTER:
        document.add_paragraph(line)
    document.save(tmp_path / "编号.docx")
    report = import_document(tmp_path / "编号.docx").report
    assert [p.heading for p in report.parts] == ["主要工作情况", "存在的问题", "下步工作打算"]
    printed = [p.text for p in report_paragraphs(report)]
    assert printed[3:6] == ["一、主要工作情况", "（一）加强理论学习。全年学习12次。", "（二）推进重点任务。完成5项。"]
