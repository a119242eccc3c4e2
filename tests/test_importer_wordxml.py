"""Raw WordprocessingML as the importer reads it, as specifications on small hand-written XML (ECMA-376 part 1,
17.3 paragraphs and runs, 17.7 styles, 17.9 numbering): visible text, text boxes, pictures, style chains, heading
levels, bold leads, list counters and their number formats, tables."""

from __future__ import annotations

import pytest
from lxml import etree

from shuzhi_xl.importer.docx import _split_soft_breaks, _table_note
from shuzhi_xl.importer.numbering import Counters, Level, format_number
from shuzhi_xl.importer.wordxml import (StyleSheet, body_blocks, frame_cell, has_picture, numbering_lists,
                                        paragraph_text, table_rows, text_boxes)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def xml(body: str):
    return etree.fromstring(f'<w:root xmlns:w="{W}" xmlns:mc="{MC}">{body}</w:root>')[0]


def p(runs: str, ppr: str = ""):
    return xml(f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{runs}</w:p>")


def run(text: str, rpr: str = "") -> str:
    return f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}<w:t xml:space=\"preserve\">{text}</w:t></w:r>"


def test_visible_text_with_tabs_and_line_breaks():
    paragraph = p('<w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:br w:type="page"/><w:t>丁</w:t>'
                  '<w:br w:type="textWrapping"/><w:t>戊</w:t><w:cr/><w:noBreakHyphen/><w:br w:type="column"/><w:t/></w:r>',
                  '<w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs>')
    assert paragraph_text(paragraph) == "甲\t乙\n丙丁\n戊\n-"


def test_deleted_moved_field_code_and_fallback_text_is_not_the_paragraphs():
    paragraph = p(run("留") + '<w:del><w:r><w:t>删</w:t></w:r></w:del><w:moveFrom><w:r><w:t>移</w:t></w:r></w:moveFrom>'
                  '<w:ins>' + run("增") + '</w:ins><w:r><w:instrText>PAGE</w:instrText></w:r>'
                  '<w:hyperlink>' + run("链") + '</w:hyperlink>'
                  '<mc:AlternateContent><mc:Choice><w:r><w:t>选</w:t></w:r></mc:Choice>'
                  '<mc:Fallback><w:r><w:t>备</w:t></w:r></mc:Fallback></mc:AlternateContent>')
    assert paragraph_text(paragraph) == "留增链选"


def box(*texts: str) -> str:
    return "<w:txbxContent>" + "".join(f"<w:p>{run(t)}</w:p>" for t in texts) + "</w:txbxContent>"


def test_text_boxes_once_each_without_the_fallback_copy():
    paragraph = p(run("正文") + '<w:r><mc:AlternateContent><mc:Choice><w:drawing>' + box("框一", "框二")
                  + '</w:drawing></mc:Choice><mc:Fallback><w:pict>' + box("框一", "框二") + '</w:pict></mc:Fallback>'
                  '</mc:AlternateContent></w:r>' + '<w:r><w:pict>' + box("框三") + '</w:pict></w:r>')
    assert text_boxes(paragraph) == ["框一\n框二", "框三"]
    assert paragraph_text(paragraph) == "正文" and not has_picture(paragraph)


@pytest.mark.parametrize("inner, picture", [("<w:drawing/>", True), ("<w:pict/>", True), ("", False),
                                            ("<w:drawing>" + box("框") + "</w:drawing>", False)])
def test_a_picture_is_a_drawing_that_is_not_a_text_box(inner, picture):
    assert has_picture(p(run("字") + f"<w:r>{inner}</w:r>")) is picture


STYLES = xml(f"""<w:styles>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
    <w:rPr><w:b/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Zh2"><w:name w:val="标题 2"/></w:style>
  <w:style w:type="paragraph" w:styleId="Mine"><w:name w:val="My heading"/><w:basedOn w:val="Heading1"/></w:style>
  <w:style w:type="paragraph" w:styleId="Outline"><w:name w:val="Custom"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr>
    <w:rPr><w:b w:val="0"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="BodyLvl"><w:name w:val="heading 3"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr>
    </w:style>
  <w:style w:type="paragraph" w:styleId="Loop1"><w:name w:val="Loop"/><w:basedOn w:val="Loop2"/></w:style>
  <w:style w:type="paragraph" w:styleId="Loop2"><w:name w:val="Loop"/><w:basedOn w:val="Loop1"/></w:style>
  <w:style w:type="paragraph" w:styleId="Listed"><w:name w:val="List"/>
    <w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>
  <w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
</w:styles>""")


def styled(style: str, ppr: str = "", runs: str = run("字")):
    return p(runs, (f'<w:pStyle w:val="{style}"/>' if style else "") + ppr)


@pytest.mark.parametrize("style, ppr, level", [
    ("Heading1", "", 1), ("Zh2", "", 2), ("Mine", "", 1), ("Outline", "", 3), ("BodyLvl", "", 0), ("Normal", "", 0),
    ("", "", 0), ("Loop1", "", 0), ("", '<w:outlineLvl w:val="1"/>', 2), ("Heading1", '<w:outlineLvl w:val="0"/>', 1),
    ("Zh2", '<w:outlineLvl w:val="9"/>', 0), ("Missing", "", 0),
])
def test_a_heading_level_by_outline_level_or_style_name_through_the_style_chain(style, ppr, level):
    assert StyleSheet(STYLES).heading_level(styled(style, ppr)) == level


@pytest.mark.parametrize("default", ["1", "true"])
def test_a_paragraph_without_properties_takes_the_default_styles(default):
    styles = xml(f"""<w:styles><w:style w:type="character" w:default="1" w:styleId="Font"><w:name w:val="heading 1"/></w:style>
      <w:style w:type="paragraph" w:default="{default}" w:styleId="Body"><w:name w:val="heading 2"/>
        <w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="6"/></w:numPr></w:pPr></w:style></w:styles>""")
    plain = p(run("字"))
    assert (StyleSheet(styles).heading_level(plain), StyleSheet(styles).numbering(plain)) == (2, ("6", 1))


def test_without_a_styles_part_nothing_is_a_heading():
    assert StyleSheet(None).heading_level(styled("Heading1")) == 0


@pytest.mark.parametrize("style, ppr, numbering", [
    ("", '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr>', ("3", 1)),
    ("", '<w:numPr><w:numId w:val="3"/></w:numPr>', ("3", 0)),
    ("Listed", "", ("5", 0)),
    ("Listed", '<w:numPr><w:numId w:val="0"/></w:numPr>', None),
    ("Listed", '<w:numPr><w:ilvl w:val="2"/><w:numId w:val="4"/></w:numPr>', ("4", 2)),
    ("Heading1", "", None), ("", "", None),
])
def test_list_membership_direct_or_through_the_style(style, ppr, numbering):
    assert StyleSheet(STYLES).numbering(styled(style, ppr)) == numbering


@pytest.mark.parametrize("style, runs, lead", [
    ("", run("一、", "<w:b/>") + run(" ") + run("主要工作", '<w:b w:val="1"/>') + run("，正文。"), "一、 主要工作"),
    ("", run("正文", "") + run("加粗", "<w:b/>"), ""),
    ("", run(" ") + run("加粗", "<w:b/>") + run("正文"), " 加粗"),
    ("Heading1", run("全部") + run("加粗"), "全部加粗"),
    ("Heading1", run("加粗") + run("不加粗", '<w:b w:val="0"/>'), "加粗"),
    ("Mine", run("加粗") + run("不", '<w:b w:val="false"/>'), "加粗"),
    ("Outline", run("不加粗"), ""),
    ("", run("强调", '<w:rStyle w:val="Strong"/>') + run("正文"), "强调"),
    ("", run("强调", '<w:rStyle w:val="Strong"/><w:b w:val="off"/>'), ""),
    ("", '<w:del>' + run("删", "<w:b/>") + '</w:del>' + run("加粗", "<w:b/>") + run("正文"), "加粗"),
])
def test_the_bold_text_a_paragraph_starts_with(style, runs, lead):
    assert StyleSheet(STYLES).bold_lead(styled(style, runs=runs)) == lead


NUMBERING = xml(f"""<w:numbering>
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
    <w:lvl w:ilvl="1"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="0"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val=""/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="0"/>
    <w:lvlOverride w:ilvl="1"><w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl></w:lvlOverride>
    <w:lvlOverride w:ilvl="4"><w:startOverride w:val="2"/></w:lvlOverride>
    <w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:lvlOverride>
    <w:lvlOverride w:ilvl="2"><w:lvl w:ilvl="2"><w:lvlText w:val="%3)"/></w:lvl></w:lvlOverride>
    <w:lvlOverride w:ilvl="5"><w:lvl w:ilvl="5"><w:lvlText w:val="%6)"/></w:lvl></w:lvlOverride></w:num>
  <w:num w:numId="4"><w:abstractNumId w:val="9"/></w:num>
</w:numbering>""")


def test_numbering_definitions_per_list_with_overrides():
    chinese = {0: Level(1, "chineseCounting", "%1、"), 1: Level(1, "chineseCounting", "（%2）"),
               2: Level(0, "upperLetter", "")}
    assert numbering_lists(NUMBERING) == {
        "1": ("0", chinese, set()),
        "2": ("0", {**chinese, 0: Level(3, "chineseCounting", "%1、")}, {0}),
        # An override's level keeps what it does not say from the definition's level.
        "3": ("0", {0: Level(1, "decimal", "%1、"), 1: Level(1, "decimal", "%2."), 2: Level(0, "upperLetter", "%3)"),
                    4: Level(2, "decimal", "%1."), 5: Level(1, "decimal", "%6)")}, {4}),
        "4": ("9", {}, set()),
    }
    assert numbering_lists(None) == {}


def test_counters_replay_words_counting():
    counters = Counters(numbering_lists(NUMBERING))
    labels = [counters.label(num, lvl) for num, lvl in
              [("1", 0), ("1", 1), ("1", 1), ("1", 0), ("1", 1), ("2", 0), ("2", 0), ("3", 1), ("9", 0), ("4", 0),
               ("4", 0)]]
    # numId 2 shares numId 1's counters but restarts level 0 at 3, once; numId 3 counts level 1 as 1., 2., …
    assert labels == ["一、", "（一）", "（二）", "二、", "（一）", "三、", "四、", "1.", "", "1.", "2."]


def test_a_list_restarting_its_level_before_any_other_list_counted_it():
    counters = Counters(numbering_lists(NUMBERING))
    assert [counters.label("2", 0), counters.label("1", 0)] == ["三、", "四、"]


def test_a_pattern_naming_several_levels_and_a_bullet_level():
    lists = {"7": ("a", {0: Level(1, "decimal", "%1."), 1: Level(1, "decimal", "%1.%2"), 2: Level(1, "bullet", "•")},
                   set())}
    counters = Counters(lists)
    assert [counters.label("7", lvl) for lvl in (1, 0, 1, 1, 2, 2, 0, 1)] == ["1.1", "1.", "1.1", "1.2", "", "", "2.",
                                                                               "2.1"]


def test_a_level_starting_elsewhere_and_one_without_definition():
    counters = Counters({"8": ("b", {0: Level(5, "decimal", "%1、")}, set()), "9": ("c", {}, set())})
    assert [counters.label("8", 0), counters.label("8", 0), counters.label("9", 0), counters.label("9", 0)] == [
        "5、", "6、", "1.", "2."]


@pytest.mark.parametrize("fmt, n, written", [
    ("chineseCounting", 3, "三"), ("chineseCounting", 12, "十二"), ("chineseCounting", 99, "九十九"),
    ("chineseCounting", 100, "100"), ("chineseCounting", 0, "0"), ("chineseCountingThousand", 3, "三"),
    ("taiwaneseCounting", 3, "三"), ("taiwaneseCountingThousand", 3, "三"), ("ideographDigital", 3, "三"),
    ("chineseLegalSimplified", 3, "三"),
    ("ideographTraditional", 1, "甲"), ("ideographTraditional", 10, "癸"), ("ideographTraditional", 11, "11"),
    ("ideographTraditional", 0, "0"),
    ("ideographZodiac", 1, "子"), ("ideographZodiac", 12, "亥"), ("ideographZodiac", 13, "13"), ("ideographZodiac", 0, "0"),
    ("decimalEnclosedCircle", 1, "①"), ("decimalEnclosedCircle", 20, "⑳"), ("decimalEnclosedCircle", 21, "21"),
    ("decimalEnclosedCircle", 0, "0"),
    ("decimalFullWidth", 12, "１２"), ("decimalZero", 3, "03"), ("decimalZero", 12, "12"),
    ("upperLetter", 1, "A"), ("upperLetter", 26, "Z"), ("upperLetter", 27, "AA"), ("upperLetter", 28, "BB"),
    ("lowerLetter", 2, "b"), ("lowerLetter", 53, "aaa"),
    ("upperRoman", 3, "III"), ("upperRoman", 4, "IV"), ("upperRoman", 9, "IX"), ("upperRoman", 14, "XIV"),
    ("upperRoman", 40, "XL"), ("upperRoman", 90, "XC"), ("upperRoman", 400, "CD"), ("upperRoman", 1994, "MCMXCIV"),
    ("upperRoman", 2024, "MMXXIV"), ("lowerRoman", 4, "iv"), ("lowerRoman", 59, "lix"),
    ("none", 3, ""), ("bullet", 3, ""), ("decimal", 7, "7"), ("cardinalText", 7, "7"),
])
def test_words_number_formats(fmt, n, written):
    assert format_number(n, fmt) == written


def test_blocks_in_order_inside_content_controls_and_tables_as_rows():
    body = xml(f"""<w:body><w:p>{run("一")}</w:p>
      <w:sdt><w:sdtPr/><w:sdtContent><w:p>{run("二")}</w:p></w:sdtContent></w:sdt>
      <w:customXml><w:p>{run("三")}</w:p></w:customXml><w:sdt><w:sdtPr/></w:sdt>
      <w:tbl><w:tr><w:tc><w:p>{run("甲")}</w:p><w:p>{run("乙")}</w:p></w:tc><w:tc><w:p>{run("丙")}</w:p></w:tc></w:tr>
        <w:sdt><w:sdtContent><w:tr><w:tc><w:p>{run("丁")}</w:p>
          <w:tbl><w:tr><w:tc><w:p>{run("戊")}</w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:sdtContent></w:sdt></w:tbl>
      <w:sectPr/></w:body>""")
    blocks = list(body_blocks(body))
    assert [kind for kind, _ in blocks] == ["p", "p", "p", "tbl"]
    assert [paragraph_text(e) for kind, e in blocks if kind == "p"] == ["一", "二", "三"]
    table = blocks[-1][1]
    assert table_rows(table) == [["甲\n乙", "丙"], ["丁\n戊"]]
    assert frame_cell(table) is None
    inner = table.find(f".//{{{W}}}tbl")
    assert frame_cell(inner) is not None and paragraph_text(frame_cell(inner).find(f"{{{W}}}p")) == "戊"


def test_a_table_note_gives_its_place_size_and_text():
    assert _table_note([["序号", "指标"], ["1", "12\n个"], ["合计"]], 5).message == (
        "第5段之后有一个表格（3行×2列），表格不导入，请把需要的内容（如数字）填入工作簿：序号 | 指标；1 | 12 个；合计")
    assert _table_note([], 0).message.startswith("文档开头有一个表格（0行×0列）")


@pytest.mark.parametrize("text, pieces", [
    ("一、工作\n（一）抓学习", ["一、工作", "（一）抓学习"]),
    ("抓学习，\n  每周学习。", ["抓学习，每周学习。"]),
    ("\n一、工作", ["一、工作"]),
    ("正文。\n二是抓活动\n3.抓作风\n（4）抓纪律\n——张三\n2023年1月5日", ["正文。", "二是抓活动", "3.抓作风", "（4）抓纪律", "——张三",
                                                              "2023年1月5日"]),
    ("投资\n1.5亿元", ["投资1.5亿元"]),
    ("时间为\n2023年1月5日前", ["时间为2023年1月5日前"]),
    ("抓 学习\n二是抓活动", ["抓 学习", "二是抓活动"]),  # a space inside a line stays
])
def test_a_soft_line_break_splits_a_paragraph_only_where_a_unit_starts(text, pieces):
    out = _split_soft_breaks(text, 4, 2)
    assert [q.text for q in out] == pieces
    assert [(q.number, q.level) for q in out] == [(4, 2)] + [(4, 0)] * (len(pieces) - 1)
