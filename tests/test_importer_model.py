"""The outline tree onto the model, and a whole document read as a report, as specifications: parts and sections in
the author's order with their numbering as written, points from level-3 units or from the text, the layout most
sections use, the year and the notes on what the document leaves blank."""

from __future__ import annotations

from shuzhi_xl import schema
from shuzhi_xl.importer.document import SourceParagraph, numbered
from shuzhi_xl.importer.parse import parse_paragraphs, read_outline
from shuzhi_xl.importer.tomodel import parts_of
from shuzhi_xl.importer.tree import outline
from shuzhi_xl.model import Info, Location
from shuzhi_xl.report.text import report_paragraphs

INLINE, SEPARATE, EACH = schema.LAYOUTS


def model(*lines: str):
    _, roots, _ = outline(numbered(list(lines)))
    return parts_of(roots)


def test_parts_keep_their_numbering_style_default_as_blank_none_as_unnumbered():
    parts, _ = model("一、工作", "正文。", "2.问题", "正文。")
    assert [(p.heading, p.numbering, p.where["heading"].paragraph) for p in parts] == [("工作", "", 1)]
    parts, _ = model("1.工作", "正文。", "2.问题", "正文。")
    assert [(p.heading, p.numbering) for p in parts] == [("工作", "1."), ("问题", "1.")]
    parts, _ = model("主要工作", "正文。", "存在问题", "正文。")
    assert [(p.heading, p.numbering) for p in parts] == [("主要工作", "无"), ("存在问题", "无")]
    parts, _ = model("第一部分 主要工作", "正文。")
    assert [(p.heading, p.numbering) for p in parts] == [("第一部分 主要工作", "无")]


def test_text_under_a_part_heading_is_a_section_without_heading():
    parts, layouts = model("一、工作", "甲。", "乙。", "（一）抓学习", "丙。")
    first, second = parts[0].sections
    assert (first.heading, first.lead, first.points) == ("", "甲。\n乙。", [])
    assert first.where == {"heading": Location(paragraph=1), "lead": Location(paragraph=1)}
    assert (second.heading, second.lead, second.alone) == ("抓学习", "丙。", True)
    assert layouts[id(first)] == schema.LAYOUTS and id(second) in layouts


def test_points_standing_directly_under_a_part_heading_are_its_sections_points():
    # The common shape with no sub-sections: 一是/二是 paragraphs right under 一、 (before, one lead of 3 lines).
    parts, layouts = model("一、工作", "一年来，抓了三件事。", "一是抓学习。每周学习。", "二是抓活动。每月活动。",
                           "三是抓服务", "二、问题", "学得不深。1.学得浅；2.用得少。")
    work, problems = parts
    section, = work.sections
    assert (section.heading, section.lead, section.point_numbering) == ("", "一年来，抓了三件事。", "")
    assert [(p.lead, p.body) for p in section.points] == [("抓学习", "每周学习。"), ("抓活动", "每月活动。"), ("", "抓服务")]
    assert layouts[id(section)] == (EACH,)
    section, = problems.sections
    assert (section.lead, section.point_numbering, [p.body for p in section.points]) == ("学得不深。", "1.", ["学得浅；", "用得少。"])
    assert layouts[id(section)] == (INLINE,)


def test_sections_keep_numbering_heading_and_whether_the_heading_runs_on():
    parts, _ = model("一、工作", "（一）抓学习。每周学习。", "（二）抓活动", "每月活动。", "二、问题", "1.学得不深。表现为学得浅。")
    work, problems = parts
    assert [(s.heading, s.numbering, s.alone, s.lead, s.where["heading"].paragraph) for s in work.sections] == [
        ("抓学习。", "", False, "每周学习。", 2), ("抓活动", "", True, "每月活动。", 3)]
    assert [(s.heading, s.numbering, s.alone, s.lead) for s in problems.sections] == [
        ("学得不深。", "1.", False, "表现为学得浅。")]


def test_level_three_units_are_the_sections_points():
    parts, layouts = model("一、工作", "（一）抓学习", "一年来，坚持学习。", "1.学理论：学原文。", "2.学业务", "学规章。", "（1）细则",
                           "学细则。")
    section = parts[0].sections[0]
    assert section.lead == "一年来，坚持学习。" and section.point_numbering == "1."
    assert [(p.lead, p.body) for p in section.points] == [("学理论：", "学原文。"), ("", "学业务\n学规章。\n（1）细则\n学细则。")]
    assert section.points[0].where == {"lead": Location(paragraph=4), "body": Location(paragraph=4)}
    assert layouts[id(section)] == (EACH,)


def test_a_run_in_point_heading_drops_the_full_stop_the_report_adds_again():
    parts, _ = model("一、工作", "（一）抓学习", "一是", "（1）学理论。学原文。", "（2）学业务！学规章。")
    points = parts[0].sections[0].points
    assert [(p.lead, p.body) for p in points] == [("学理论", "学原文。"), ("学业务！", "学规章。")]
    assert parts[0].sections[0].point_numbering == "（1）"


def test_points_found_in_the_text_take_the_style_of_the_first_one():
    parts, layouts = model("一、工作", "（一）抓学习。一是学理论。二是学业务。", "（二）抓活动", "1．开展活动。", "2．总结活动。")
    first, second = parts[0].sections
    assert (first.lead, [p.body for p in first.points], first.point_numbering) == ("", ["学理论。", "学业务。"], "")
    assert layouts[id(first)] == (INLINE,)
    assert (second.lead, [p.body for p in second.points], second.point_numbering) == ("", ["开展活动。", "总结活动。"],
                                                                                      "1．")
    assert layouts[id(second)] == (EACH,)


def test_a_section_alone_with_points_in_its_next_paragraph():
    parts, layouts = model("一、工作", "（一）抓学习", "一是学理论。二是学业务。")
    section = parts[0].sections[0]
    assert ([p.body for p in section.points], layouts[id(section)]) == (["学理论。", "学业务。"], (SEPARATE,))


REPORT = ["XX党支部书记2023年度述职报告", "2023年，支部工作取得新进展。", "一、主要工作情况",
          "（一）抓学习", "一是学理论。学原文。二是学业务。", "（二）抓活动", "一是开展活动。",
          "（三）抓作风。一是转作风。二是严纪律。", "二、存在的问题", "（一）学得不深。表现为学得浅。",
          "三、下步工作打算", "（一）深学。继续学。", "特此报告。", "张三", "2024年1月5日"]


def test_the_layout_most_sections_use_is_the_reports_and_the_others_keep_their_own():
    result = parse_paragraphs(numbered(REPORT))
    info, work = result.report.info, result.report.parts[0]
    assert info.layout == SEPARATE  # sections 1 and 2 print that way (2, one point, could be each too), 3 inline
    assert [s.layout for s in work.sections] == ["", "", INLINE]


def test_a_tie_between_layouts_goes_to_the_first_of_the_workbooks_choices():
    lines = REPORT[:4] + ["一是学理论。", "二是学业务。", "（二）抓活动。一是开展活动。二是总结活动。"] + REPORT[8:]
    result = parse_paragraphs(numbered(lines))
    assert result.report.info.layout == INLINE
    assert [s.layout for s in result.report.parts[0].sections] == [EACH, ""]


def notes_of(result) -> list[str]:
    return [str(n) for n in result.notes]


def test_the_year_is_taken_from_the_title_and_the_note_says_so():
    result = parse_paragraphs(numbered(REPORT))
    assert result.report.info.year == 2023
    assert "第1段：“述职年度”取自标题：2023年。如果这份工作簿用于新一年的述职，请在“基本信息”中改为新的年度（导入时也可以用 --year 指定）。" \
        in notes_of(result)


def test_a_year_given_lists_each_paragraph_still_naming_an_earlier_year():
    lines = REPORT[:1] + ["2023年，支部工作取得新进展，2022年和1989年的工作也作了回顾。"] + REPORT[2:4] + \
        ["一是学理论，2023年学原文，2021年学讲话。", "二是学业务。"] + REPORT[6:]
    result = parse_paragraphs(numbered(lines), year=2024)
    info = result.report.info
    assert (info.year, info.where["year"]) == (2024, Location())
    assert [n for n in notes_of(result) if "述职年度已设为" in n] == [
        "第1段：述职年度已设为2024年。原文中写到往年的第1段（2023年）、第2段（2022年、2023年）、第5段（2021年、2023年）未自动修改，"
        "请改写为2024年的内容（检查工作簿时会标出正文中遗留的往年年份）。"]
    assert not any("取自标题" in n for n in notes_of(result))


def test_a_year_given_for_a_text_without_earlier_years():
    lines = [line.replace("2023年，", "今年，") for line in REPORT]
    result = parse_paragraphs(numbered(lines), year=2023)
    assert "述职年度已设为2023年。原文中没有写到更早的年份。" in notes_of(result)


def test_blank_required_fields_are_named_with_their_cells():
    result = parse_paragraphs(numbered(REPORT))
    info = result.report.info
    assert (info.branch, info.secretary, info.committee) == ("XX党支部", "张三", "")
    cell = schema.INFO.form_cell("committee")
    assert f"原文的标题、署名行和落款中没有写明“上级党组织”（基本信息!{cell}），这些必填栏目留空，请填写。" in notes_of(result)
    everything = parse_paragraphs(numbered(["述职报告", "正文。", "一、工作", "正文。"]))
    blank = "、".join(f"“{f.label}”（基本信息!{schema.INFO.form_cell(f.key)}）" for f in schema.INFO.form
                     if f.key in ("branch", "committee", "secretary", "year"))
    assert f"原文的标题、署名行和落款中没有写明{blank}，这些必填栏目留空，请填写。" in notes_of(everything)


def test_a_text_without_any_heading_opens_with_its_first_paragraph():
    notes = []
    reading = read_outline(numbered(["述职报告", "甲。", "乙。", "丙。"]), notes)
    assert reading.info.opening == "甲。" and reading.info.where["opening"] == Location(paragraph=2)
    assert [(n.level, n.heading, n.number, [p.text for p in n.paragraphs]) for n in reading.roots] == [
        (1, "", 3, ["乙。", "丙。"])]
    assert [str(n) for n in notes] == ["第2段：没有找到部分标题（如“一、主要工作情况”）：第2段作为开篇段落，第3段至第4段作为不带标题的正文，"
                                       "照原样分段印出；如需按部分填写，请在工作簿中加上部分标题。"]
    notes = []
    two = read_outline(numbered(["述职报告", "甲。", "乙。"]), notes)
    assert "第2段作为开篇段落，第3段作为不带标题的正文，" in str(notes[0]) and [p.text for p in two.roots[0].paragraphs] == ["乙。"]
    notes = []
    read_outline(numbered(["述职报告", "甲。", "乙。", "丙。", "丁。"]), notes)
    assert "第2段作为开篇段落，第3段至第5段作为不带标题的正文，" in str(notes[0])
    notes = []
    one = read_outline(numbered(["述职报告", "甲。"]), notes)
    assert (one.roots, one.info.opening, notes) == ([], "甲。", [])


def test_a_numbered_paragraph_out_of_sequence_is_noted():
    notes = []
    read_outline(numbered(["述职报告", "一、工作", "正文。", "三、问题", "正文。"]), notes)
    assert [str(n) for n in notes] == ["第4段：“三、”的编号没有接着上一个同样编号的标题，不作为新的一节，已作为上一节的正文"
                                       "（其中的编号条目作为要点），请核对。"]


def test_empty_paragraphs_go_and_the_rest_are_stripped_keeping_their_numbers():
    notes = []
    reading = read_outline([SourceParagraph("述职报告", 1), SourceParagraph("  ", 2), SourceParagraph("  甲。 ", 3),
                            SourceParagraph("一、工作", 4), SourceParagraph("\u3000正文。", 5)], notes)
    assert [(p.number, p.text) for p in reading.items] == [(1, "述职报告"), (3, "甲。"), (4, "一、工作"), (5, "正文。")]
    assert reading.info.opening == "甲。" and reading.preamble == [SourceParagraph("甲。", 3)]


def test_a_source_without_an_author_line_prints_none_though_its_signature_names_the_secretary():
    result = parse_paragraphs(numbered(REPORT))
    info = result.report.info
    assert (info.author, info.secretary, info.display_author) == ("无", "张三", "")
    assert "author" not in {p.role for p in report_paragraphs(result.report)}
    signed = parse_paragraphs(numbered(REPORT[:1] + ["——XX党支部书记 张三"] + REPORT[1:]))
    assert [p.text for p in report_paragraphs(signed.report) if p.role == "author"] == ["——XX党支部书记 张三"]


def test_a_blank_author_line_is_derived_and_none_prints_nothing():
    assert Info(branch="第一党支部", secretary="张三").display_author == "第一党支部书记 张三"
    assert Info(branch="第一党支部", secretary="张三", author="无").display_author == ""
    assert Info(branch="第一党支部").display_author == ""
    assert Info(secretary="张三", author="——张三").display_author == "——张三"


def test_parts_and_sections_that_are_default_outline_items_take_their_names():
    # The default 提纲 (checks/defaults.toml): 主要工作情况 with 政治学习 (理论学习) and 支部活动 (组织生活), 存在问题
    # (title 存在的问题), 下步打算; a heading holding an item's name or variant is that item.
    lines = ["述职报告", "正文。", "一、主要工作情况", "（一）加强理论学习。正文。", "（二）抓作风。正文。", "二、原因分析", "（一）认识不足。正文。",
             "三、存在的问题", "（一）学得不深。正文。"]
    parts = parse_paragraphs(numbered(lines)).report.parts
    assert [(p.name, [s.name for s in p.sections]) for p in parts] == [
        ("主要工作情况", ["政治学习", ""]), ("", [""]), ("存在问题", [""])]


def test_a_sections_lead_paragraphs_before_its_level_three_units_and_a_points_further_lines():
    parts, _ = model("一、工作", "（一）抓学习", "甲。", "乙。", "1.学理论：学原文。", "悟原理。", "2.学业务", "学规章。")
    section = parts[0].sections[0]
    assert section.lead == "甲。\n乙。"
    assert [(p.lead, p.body) for p in section.points] == [("学理论：", "学原文。\n悟原理。"), ("", "学业务\n学规章。")]
    assert section.points[1].where == {"lead": Location(paragraph=7), "body": Location(paragraph=7)}


def test_points_in_the_text_numbered_otherwise_keep_their_style_even_after_a_lead():
    parts, _ = model("一、工作", "（一）抓学习。1．学理论。2．学业务。", "（二）抓活动", "一年来，开展活动。", "（1）开展活动；（2）总结活动。")
    first, second = parts[0].sections
    assert (first.point_numbering, [p.body for p in first.points]) == ("1．", ["学理论。", "学业务。"])
    assert (second.lead, second.point_numbering, [p.body for p in second.points]) == (
        "一年来，开展活动。", "（1）", ["开展活动；", "总结活动。"])


def test_reading_notes_page_markers_rejoined_lines_and_a_date_under_the_title_in_that_order():
    full = "乙" * 29 + "，"
    notes = []
    reading = read_outline(numbered(["述职报告", "2022年1月10日", full, full, "— 2 —", full, full, "乙。", "一、工作", "正文。"]),
                           notes)
    assert [str(n) for n in notes] == [
        "第5段：第5段（— 2 —）是页码，不属于正文，已删除。",
        "第3段：文本像是从PDF复制的，每行在页边处断开：已把第3—8段各自合并为一段，请核对分段。",
        "第2段：标题下方的日期“2022年1月10日”作为标题的一行保留，印在原处；“成文日期”未填写（填写后印在文末落款处）。"]
    assert reading.info.opening == full * 4 + "乙。"


def test_years_from_1990_before_the_year_given_are_listed():
    lines = ["述职报告", "1989年建成，1990年扩建，2023年验收。", "一、工作", "正文。"]
    result = parse_paragraphs(numbered(lines), year=2024)
    assert [n for n in notes_of(result) if "述职年度已设为" in n] == [
        "第2段：述职年度已设为2024年。原文中写到往年的第2段（1990年、2023年）未自动修改，请改写为2024年的内容"
        "（检查工作簿时会标出正文中遗留的往年年份）。"]


def test_parts_and_sections_typed_with_financial_numerals_are_read_as_plain_ones():
    # 壹、 is how some authors type 一、 (Word's 壹贰叁 numbering is read the same way): parts numbered by default.
    parts, _ = model("壹、主要工作", "甲。", "（壹）抓学习", "乙。", "贰、存在问题", "丙。")
    assert [(p.heading, p.numbering, [(s.heading, s.numbering) for s in p.sections]) for p in parts] == [
        ("主要工作", "", [("", ""), ("抓学习", "")]), ("存在问题", "", [("", "")])]
