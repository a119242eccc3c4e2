"""The format rules of proofreading (PR001-PR006, PR009-PR011) specified on single cells: what each finds, where the
first finding starts, the quote it shows and what it leaves alone. Offsets and quotes are counted here by hand."""

from __future__ import annotations

import pytest

from shuzhi_xl import schema
from shuzhi_xl.checks.cells import TextCell
from shuzhi_xl.checks.proofreading import check_cells, finding, repeated
from shuzhi_xl.proof.scan import Hit
from shuzhi_xl.checks.rules import load_rules
from shuzhi_xl.model import Location

E3 = Location(schema.BODY.name, "E3")
FORMAT_CODES = ("PR001", "PR002", "PR003", "PR004", "PR005", "PR006", "PR009", "PR010", "PR011")


def _found(text: str, paragraph: bool = False, numbered: bool = False, year: int | None = None):
    cell = TextCell(text, E3, paragraph=paragraph, numbered=numbered)
    return [f for f in check_cells([cell], load_rules(), year) if f.code in FORMAT_CODES]


def _one(text: str, code: str, **kind):
    found = [f for f in _found(text, **kind) if f.code == code]
    assert len(found) == 1, found
    return found[0]


def _codes(text: str, **kind) -> list[str]:
    return sorted(f.code for f in _found(text, **kind))


def test_half_width_punctuation_beside_chinese_is_one_warning_quoting_every_place():
    f = _one("支部(党员)学习,好", "PR001")
    assert (f.severity, f.sheet, f.cell, f.found, f.offset) == ("warning", schema.BODY.name, "E3", "(", 2)
    assert f.message == "中文里用了半角标点：“支部(党员)学习,好”。"
    assert f.suggestion == "改为全角标点：，；：？！（）。"


@pytest.mark.parametrize("text", ["abc,def", "共 3,5 个", "支部，党员。"])
def test_half_width_punctuation_away_from_chinese_is_not_flagged(text):
    assert "PR001" not in _codes(text)


@pytest.mark.parametrize("text, offset, found", [("好，，的", 1, "，，"), ("真好！！", 2, "！！"), ("是吗？？", 2, "？？"),
                                                 ("甲。、乙", 1, "。、")])
def test_doubled_punctuation(text, offset, found):
    f = _one(text, "PR003")
    assert (f.found, f.offset, f.message, f.suggestion) == (found, offset, f"标点重复：“{text}”。", "删去多余的标点。")


def test_single_marks_are_not_doubled():
    assert "PR003" not in _codes("好，的！是吗？")


@pytest.mark.parametrize("text, found", [("支部 党员", " "), ("支部\u3000党员", "\u3000"), ("支部 \t党员", " \t"),
                                         ("支部，\u00a0党员", "\u00a0")])
def test_spaces_between_chinese_characters(text, found):
    f = _one(text, "PR005")
    assert (f.found, f.offset, f.suggestion) == (found, text.index(found), "删去空格；需要分隔时用标点。")


@pytest.mark.parametrize("text", ["第一部分 主要工作", "第十二章 附则", "  第3节 小结", "机关第一党支部书记 周建国",
                                  "支部组织委员 欧阳晓", "纪检负责人 王五"])
def test_a_space_set_by_convention_after_a_parts_ordinal_or_before_a_bylines_name_is_left_alone(text):
    assert "PR005" not in _codes(text)


@pytest.mark.parametrize("text", ["第一次 开会", "一部分 主要工作", "部分 工作", "支部书记 周建国同志参加学习",
                                  "书记 周", "支部党员 周建国", "我们召开了会议\n书记 周建国讲话，大家学习"])
def test_the_same_space_elsewhere_is_a_slip(text):
    assert _one(text, "PR005").found == " "


@pytest.mark.parametrize("text", ["支部 abc", "abc def", "共 12 人"])
def test_spaces_beside_latin_or_digits_are_left_alone(text):
    assert "PR005" not in _codes(text)


#: The ends of the Chinese ranges (CJK extension A to unified ideographs, compatibility ideographs) and the
#: characters just outside them, written as code points.
CHINESE_ENDS = ["\u3400", "\u9fff", "\uf900", "\ufaff", "【", "】"]
NOT_CHINESE = ["\u33ff", "\ua000", "\uf8ff", "\ufb00", "a", "1"]


@pytest.mark.parametrize("ch", CHINESE_ENDS)
def test_a_half_width_mark_or_a_space_counts_beside_every_end_of_the_chinese_ranges(ch):
    assert _one(f"{ch},", "PR001").offset == 1 and _one(f",{ch}", "PR001").offset == 0
    assert _one(f"{ch} {ch}", "PR005").found == " "


@pytest.mark.parametrize("ch", CHINESE_ENDS)
def test_only_the_one_character_beside_a_mark_counts(ch):
    """The character right after the mark decides, whatever follows it (“，” then a letter; a range's end then a
    letter)."""
    assert _one(f"a,{ch}b", "PR001").offset == 1 and _one(f"{ch} {ch}b", "PR005").offset == 1


@pytest.mark.parametrize("text", [",a", "a,", ",", " a", "a ", "中 "])
def test_the_start_and_the_end_of_a_text_are_not_chinese(text):
    assert _codes(text) == []


def test_a_mark_away_from_chinese_does_not_hide_a_later_one_beside_it():
    assert _one("a,b中,好", "PR001").offset == 4 and _one("a b中 好", "PR005").offset == 4


@pytest.mark.parametrize("ch", NOT_CHINESE)
def test_just_outside_the_chinese_ranges_nothing_counts(ch):
    assert _codes(f"{ch},{ch}") == [] and _codes(f"{ch} {ch}") == []
    assert "PR005" not in _codes(f"{ch} 中") + _codes(f"中 {ch}")  # Chinese on one side only: not between


@pytest.mark.parametrize("text, found, offset", [("加强加强学习", "加强加强", 0), ("要学习学习", "学习学习", 1),
                                                 ("我们认真学习认真学习", "认真学习认真学习", 2)])
def test_a_repeated_word_of_two_to_four_characters(text, found, offset):
    f = _one(text, "PR009")
    assert (f.found, f.offset, f.suggestion) == (found, offset, "删去重复的词语。")


@pytest.mark.parametrize("text", ["一条一条落实", "一步一步推进", "好好学习", "常常"])
def test_one_by_one_and_single_character_repeats_are_not_repeated_words(text):
    assert "PR009" not in _codes(text)


@pytest.mark.parametrize("text, marks, spans", [
    ("学习“两个维护", "“", [(2, 3)]),
    ("学习两个维护”", "”", [(6, 7)]),
    ("（“甲）”", "（）", [(0, 1), (2, 3)]),  # crossed: the 《 closes the ”, leaving （ and ） unpaired
    ("《党章", "《", [(0, 1)]),
])
def test_unpaired_quotes_titles_and_brackets(text, marks, spans):
    f = _one(text, "PR002")
    assert (f.found, f.offset) == (text[spans[0][0]:spans[0][1]], spans[0][0])
    assert f.message.startswith(f"引号、书名号或括号不成对（{marks}）：")
    assert f.suggestion == "补上缺少的一半，或删去多余的一半。"


@pytest.mark.parametrize("text", ["学习“两个维护”", "《党章》（修订）", "“《学》（习）”"])
def test_paired_marks_are_fine(text):
    assert "PR002" not in _codes(text)


@pytest.mark.parametrize("text, last", [("学习", "习"), ("学习“好”", "”"), ("学习）", "）"), ("学习，  ", "，")])
def test_a_paragraph_without_a_final_mark_is_warned_at_its_last_character(text, last):
    f = _one(text, "PR004", paragraph=True)
    body = text.rstrip()
    assert (f.found, f.offset) == (last, len(body) - 1)
    assert f.message == f"段末没有句号：“{body}”。" and f.suggestion == "在段末加上“。”。"


@pytest.mark.parametrize("text", ["学习。", "真好！", "是吗？", "如下：", "等等…", "他说“好。”", "（见附件。）", "学习。  ",
                                  "。”"])
def test_a_paragraph_ending_in_a_final_mark_or_a_closer_after_one_is_fine(text):
    assert "PR004" not in _codes(text, paragraph=True)


def test_only_paragraphs_need_a_final_mark():
    assert "PR004" not in _codes("加强学习")
    assert "PR004" not in _codes("   ", paragraph=True)
    assert _one("”", "PR004", paragraph=True).offset == 0  # a closer alone has no final mark before it


def test_a_long_paragraph_quotes_only_its_end():
    text = "甲" * 20
    assert _one(text, "PR004", paragraph=True).message == f"段末没有句号：“…{'甲' * 6}”。"


@pytest.mark.parametrize("text, typed", [("一、加强学习", "一、"), ("（二）加强学习", "（二）"), ("1.加强学习", "1."),
                                         ("2、加强学习", "2、"), ("(3)加强学习", "(3)"), ("第一，加强学习", "第一，"),
                                         ("12．加强学习", "12．"), ("第二：加强学习", "第二：")])
def test_numbering_typed_before_a_numbered_text_is_doubled(text, typed):
    f = _one(text, "PR006", numbered=True)
    assert (f.found.strip(), f.offset) == (typed, 0)
    assert f.message == f"开头手工写了序号“{typed}”，程序会自动编号，报告中会重复。"
    assert f.suggestion == f"删去开头的“{typed}”。"


@pytest.mark.parametrize("text", ["1.5倍的增长", "加强学习", "123个项目", "第一书记"])
def test_a_number_that_is_not_an_ordinal_is_not_typed_numbering(text):
    assert "PR006" not in _codes(text, numbered=True)


def test_typed_numbering_matters_only_where_the_generator_numbers():
    assert "PR006" not in _codes("一、加强学习")


def test_an_earlier_year_than_the_reports_is_pointed_out():
    f = _one("2022年开展，2023年总结，2021 年部署", "PR010", year=2023)
    assert (f.found, f.offset) == ("2022", 0)
    assert f.message == "正文写的是往年年份：“2022年开展，20…”、“…23年总结，2021 年部署”，本报告是 2023 年度。"
    assert f.suggestion == "核对是否沿用了往年的文字；确需提及往年的可忽略。"


@pytest.mark.parametrize("text", ["2023年", "2024年", "12022年", "2022个", "1899年"])
def test_the_same_or_a_later_year_or_a_number_that_is_no_year_is_fine(text):
    assert "PR010" not in _codes(text, year=2023)


def test_without_a_report_year_no_year_is_earlier():
    assert "PR010" not in _codes("2022年开展")


@pytest.mark.parametrize("text, found, advice", [
    ("共１２个", "１２", "数字用半角阿拉伯数字"),
    ("共１２．５万元", "１２．５", "数字用半角阿拉伯数字"),
    ("二〇二三年", "二〇二三年", "正文中的年份用阿拉伯数字，如“2021年”"),
    ("占百分之五十", "百分之五十", "百分数用阿拉伯数字加“%”，如“50%”"),
])
def test_numbers_written_against_gbt_15835(text, found, advice):
    f = _one(text, "PR011")
    assert (f.found, f.offset, f.suggestion) == (found, text.index(found), advice + "。")
    assert f.message == f"数字写法不符合 GB/T 15835：“{text}”。"


def test_each_kind_of_gbt_15835_advice_is_given_once_in_order_of_appearance():
    f = _one("二〇二三年共１２个，占百分之五十，又１３个", "PR011")
    assert f.suggestion == ("正文中的年份用阿拉伯数字，如“2021年”；数字用半角阿拉伯数字；"
                            "百分数用阿拉伯数字加“%”，如“50%”。")


def test_full_width_digits_in_a_year_are_pr011s_not_hidden_by_pr010():
    # PR010 and PR011 are found in one pass: a year half in full-width digits must still be PR011's
    f = _one("20２３年", "PR011")
    assert f.found == "２３"
    assert "PR010" not in _codes("20２１年", year=2023)


@pytest.mark.parametrize("text", ["共12个", "2023年", "三年", "一二年"])
def test_numbers_written_as_the_standard_says_are_fine(text):
    assert "PR011" not in _codes(text)


def test_a_clean_paragraph_has_no_format_finding():
    assert _found("一年来，支部坚持“三会一课”制度，全年开展主题党日12次。", paragraph=True, year=2023) == []


def _at(row: int) -> Location:
    return Location(schema.BODY.name, f"E{row}")


def test_each_cell_of_several_gets_its_own_findings_at_offsets_in_its_own_text():
    cells = [TextCell("支部,党员", _at(2)), TextCell("真好，，", _at(3)), TextCell("学习学习", _at(4)),
             TextCell("共１２个", _at(5)), TextCell("于2022年", _at(6)), TextCell("《党章", _at(7)),
             TextCell("学习", _at(8), paragraph=True), TextCell("一、学习", _at(9), numbered=True)]
    found = [f for f in check_cells(cells, load_rules(), 2023) if f.code in FORMAT_CODES]
    assert sorted((f.cell, f.code, f.found, f.offset) for f in found) == [
        ("E2", "PR001", ",", 2), ("E3", "PR003", "，，", 2), ("E4", "PR009", "学习学习", 0), ("E5", "PR011", "１２", 1),
        ("E6", "PR010", "2022", 1), ("E7", "PR002", "《", 0), ("E8", "PR004", "习", 1), ("E9", "PR006", "一、", 0)]
    assert next(f for f in found if f.code == "PR009").message == "词语重复：“学习学习”。"


def test_no_cells_no_findings():
    assert list(check_cells([], load_rules(), 2023)) == []


def test_text_joined_across_cells_is_never_one_finding():
    # "学习" ending one cell and starting the next is no repeated word; "，" then "，" across cells no doubled mark
    cells = [TextCell("认真学习", _at(2)), TextCell("学习到位，", _at(3)), TextCell("，好", _at(4))]
    assert [f for f in check_cells(cells, load_rules()) if f.code in FORMAT_CODES] == []


@pytest.mark.parametrize("text, spans", [
    ("加强加强学习", [(0, 4)]), ("认真学习认真学习", [(0, 8)]), ("学习学习学习", [(0, 4)]), ("再三再三再三", [(0, 4)]),
    ("一条一条", []), ("好好", []), ("abab", []), ("学学习学习", [(1, 5)]), ("甲乙丙甲乙丙", [(0, 6)]),
    ("加强加强，学习学习", [(0, 4), (5, 9)]),
])
def test_repeated_stretches_take_the_longest_first_from_the_left(text, spans):
    assert repeated(text) == spans


def _hit(**changes) -> Hit:
    values = dict(code="PR007", start=3, end=5, found="登陆", right="登录", reason="“登录”指进入系统。",
                  severity="error")
    return Hit(**{**values, **changes})


def test_a_replacement_hit_names_what_to_write_and_why():
    f = finding(_hit(), "请大家登陆系统填报。", _at(2))
    assert (f.code, f.severity, f.cell, f.found, f.offset) == ("PR007", "error", "E2", "登陆", 3)
    assert f.message == "错别字：“请大家登陆系统填报。”中的“登陆”应为“登录”（“登录”指进入系统）。"
    assert f.suggestion == "改为“登录”。"


def test_a_replacement_already_in_quotes_or_title_marks_is_not_quoted_again_and_no_reason_no_brackets():
    f = finding(_hit(code="PR008", right="《中国共产党章程》", reason=""), "请大家登陆系统填报。", _at(2))
    assert f.message == "表述不规范：“请大家登陆系统填报。”中的“登陆”应为《中国共产党章程》。"
    assert f.suggestion == "改为《中国共产党章程》。"
    f = finding(_hit(code="PR999", right="“登录”"), "请大家登陆系统填报。", _at(2))
    assert f.message.startswith("校对：“请大家登陆系统填报。”中的“登陆”应为“登录”（")


def test_an_advice_hit_says_what_is_wrong_and_what_to_do():
    hit = _hit(code="PR021", start=3, end=8, found="95.2%", right="应为 93.5%。", reason="29/31 约为 93.5%。",
               advice=True, severity="warning")
    f = finding(hit, "完成率95.2%", _at(2))
    assert (f.found, f.offset, f.severity) == ("95.2%", 3, "warning")
    assert f.message == "百分比计算：“完成率95.2%”中的“95.2%”——29/31 约为 93.5%。"
    assert f.suggestion == "应为 93.5%。"


def test_every_format_finding_is_a_warning():
    cells = [TextCell("支部,党员", _at(2)), TextCell("真好，，", _at(3)), TextCell("学习学习", _at(4)),
             TextCell("共１２个", _at(5)), TextCell("于2022年", _at(6)), TextCell("《党章", _at(7)),
             TextCell("学习", _at(8), paragraph=True), TextCell("一、学习", _at(9), numbered=True),
             TextCell("支部 党员", _at(10))]
    found = [f for f in check_cells(cells, load_rules(), 2023) if f.code in FORMAT_CODES]
    assert len(found) == 9 and {f.severity for f in found} == {"warning"}


def test_a_word_list_finding_in_a_later_cell_is_placed_in_that_cell():
    cells = [TextCell("学习。", _at(2)), TextCell("请大家登陆系统后再填报各项数据。", _at(3))]
    slips = [f for f in check_cells(cells, load_rules()) if f.found == "登陆系统"]
    assert [(f.cell, f.offset) for f in slips] == [("E3", 3)]
    assert slips[0].message.startswith("错别字：“请大家登陆系统后再填报各项…”中的“登陆系统”")  # six characters after it


def test_the_report_is_proofread_against_its_own_year():
    from shuzhi_xl.checks import proofreading
    from shuzhi_xl.checks.cells import Texts
    from shuzhi_xl.model import Info, Part, Report, Section

    report = Report(Info(year=2023), [Part("工作", [Section("", "2022年开展学习。", where={"lead": _at(4)})])])
    found = [f for f in proofreading.check(report, load_rules(), Texts(report)) if f.code == "PR010"]
    assert [(f.cell, f.found) for f in found] == [("E4", "2022")]


def test_a_rule_runs_when_the_text_holds_every_character_it_looks_for():
    f = _one("甲，，乙。丙；丁：戊、己！庚？", "PR003")
    assert (f.found, f.offset) == ("，，", 1)


def test_an_unpaired_closer_inside_the_text_is_quoted_alone():
    f = _one("甲”乙丙", "PR002")
    assert (f.found, f.offset) == ("”", 1)


@pytest.mark.parametrize("text, spans", [
    ("加强加强学习学习", [(0, 4), (4, 8)]), ("一条一条，学习学习", [(5, 9)]), ("，一条一条", []),
    ("\u3400\u9fff\u3400\u9fff", [(0, 4)]), ("\uf900\ufaff\uf900\ufaff", [(0, 4)]),
])
def test_repetitions_side_by_side_after_one_by_one_and_at_the_edges_of_the_chinese_ranges(text, spans):
    assert repeated(text) == spans


def test_only_a_final_full_stop_is_dropped_from_a_reason_or_advice():
    f = finding(_hit(reason="参见附录X。", right="“登录X”"), "请大家登陆系统。", _at(2))
    assert f.message.endswith("应为“登录X”（参见附录X）。")
    f = finding(_hit(reason="参见附录X", right="改为附录X", advice=True), "请大家登陆系统。", _at(2))
    assert f.message.endswith("——参见附录X。") and f.suggestion == "改为附录X。"
