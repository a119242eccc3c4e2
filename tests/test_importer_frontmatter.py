"""The title block and the back matter as specifications: which leading lines are the title, author line, date and
salutation; which trailing lines are the closing, signature, date and what follows a report; and what each fills in."""

from __future__ import annotations

import datetime as dt

import pytest

from shuzhi_xl.importer.document import SourceParagraph, numbered
from shuzhi_xl.importer.frontmatter import back_matter, branch_in, front_matter, parse_date, title_block_end
from shuzhi_xl.model import Info, Location


@pytest.mark.parametrize("text, date", [
    ("2021年12月31日", dt.date(2021, 12, 31)), ("２０２１年１２月３１日", dt.date(2021, 12, 31)),
    ("二〇二一年十二月三十一日", dt.date(2021, 12, 31)), ("二O二二年一月五日", dt.date(2022, 1, 5)),
    ("二○二二年十月二十日", dt.date(2022, 10, 20)), ("（2022年1月10日）", dt.date(2022, 1, 10)),
    ("(2022年1月10日)", dt.date(2022, 1, 10)), ("2021 年 12 月 31 日", dt.date(2021, 12, 31)),
    ("二〇二一年 十二月 三十一日", dt.date(2021, 12, 31)), ("二〇二一年十十月一日", None), ("2021年12月31日召开", None), ("二〇二一年十二月", None), ("二〇二一年十三月一日", None), ("支部大会", None),
])
def test_a_date_line_in_any_of_its_written_forms(text, date):
    assert parse_date(text) == date


@pytest.mark.parametrize("lines, end", [
    (["XX公司第二党支部", "2023年度述职报告", "——书记 张三", "各位领导：", "2023年，支部工作取得新进展。"], 4),
    (["述职报告", "2022年1月10日", "各位领导、同志们：", "一年来，支部工作取得新进展。"], 3),
    # Title words only count within the first four short lines; a label or a sentence ends the title lines.
    (["甲", "乙", "丙", "丁", "述职报告", "正文。"], 0),
    (["甲", "乙", "丙", "述职报告", "正文。"], 4),
    (["述职报告" + "乙" * 56, "正文，在这里。"], 1),
    (["述职报告" + "乙" * 57, "正文，在这里。"], 0),
    (["一、主要工作报告", "正文。"], 0),
    (["党支部工作述职", "2022年，支部工作取得新进展。"], 1),
    (["工作报告，请审议", "正文。"], 0),
])
def test_the_title_block_ends_after_title_lines_author_date_and_salutation(lines, end):
    assert title_block_end(numbered(lines)) == end


@pytest.mark.parametrize("line, is_author", [
    ("——XX党支部书记 张三", True), ("—张三", True), ("--张三", True), ("－－张三", True), ("述职人：张三", True),
    ("报告人:李四", True), ("XX党支部 张三", True), ("第一党支部书记", True), ("书" * 28 + "书记", True),
    ("书" * 29 + "书记", False), ("张三", False), ("XX党支部 张三丰收了", False),
    ("本人 张三", False), ("党支部书记，张三", False), ("第一党支部 组织委员 张三", True),
])
def test_an_author_line_under_the_title(line, is_author):
    assert (title_block_end(numbered(["述职报告", line])) == 2) is is_author


@pytest.mark.parametrize("line, is_salutation", [
    ("各位领导、同志们：", True), ("各位领导:", True), ("乙" * 29 + "：", True), ("乙" * 30 + "：", False),
    ("各位领导", False), ("各位领导。同志们：", False), ("各位领导；同志们：", False),
    # a comma only between those addressed
    ("各位领导，同志们：", True), ("尊敬的各位领导，各位同事：", True), ("根据安排，现报告如下：", False),
    ("各位领导，我汇报如下：", False),
])
def test_a_salutation_is_short_ends_in_a_colon_and_holds_no_sentence(line, is_salutation):
    assert (title_block_end(numbered(["述职报告", line])) == 2) is is_salutation


def test_the_title_block_fills_title_author_salutation_year_branch_and_secretary():
    notes = []
    info = front_matter(numbered(["2023年度党支部书记述职报告", "——XX公司第二党支部书记 张三", "各位领导、同志们："]), notes)
    assert (info.title, info.author, info.salutation) == ("2023年度党支部书记述职报告", "——XX公司第二党支部书记 张三",
                                                          "各位领导、同志们：")
    assert (info.year, info.branch, info.secretary, info.date) == (2023, "XX公司第二党支部", "张三", None)
    assert info.where == {"title": Location(paragraph=1), "year": Location(paragraph=1),
                          "author": Location(paragraph=2), "branch": Location(paragraph=2),
                          "secretary": Location(paragraph=2), "salutation": Location(paragraph=3)}
    assert notes == []


def test_a_date_right_under_the_title_stays_a_title_line():
    notes = []
    info = front_matter(numbered(["述职报告", "2022年1月10日"]), notes)
    assert (info.title, info.date, info.year) == ("述职报告\n2022年1月10日", None, None)
    assert [n.paragraph for n in notes] == [2] and notes[0].message.startswith("标题下方的日期“2022年1月10日”作为标题的一行保留")


def test_a_date_after_the_author_line_is_the_report_date():
    notes = []
    info = front_matter(numbered(["二〇二二年度述职报告", "述职人：张三", "2022年1月10日"]), notes)
    assert (info.title, info.author, info.date, info.year, info.secretary) == (
        "二〇二二年度述职报告", "述职人：张三", dt.date(2022, 1, 10), 2022, "张三")
    assert (info.where["date"], info.where["secretary"]) == (Location(paragraph=3), Location(paragraph=2))
    assert [n.paragraph for n in notes] == [3] and notes[0].message.startswith("文首的日期“2022年1月10日”已填入")


def test_a_second_author_line_or_salutation_is_kept_with_the_title():
    info = front_matter(numbered(["述职报告", "——张三", "各位领导：", "——李四", "同志们："]), [])
    assert (info.title, info.author, info.salutation) == ("述职报告\n——李四\n同志们：", "——张三", "各位领导：")


def test_a_line_worded_like_a_title_after_the_title_lines_is_no_author_line():
    assert title_block_end(numbered(["甲", "乙", "丙", "述职报告", "XX党支部书记工作报告", "正文。"])) == 4


def test_a_speaker_line_is_the_author_line_though_it_holds_a_title_word():
    info = front_matter(numbered(["2022年度述职报告", "述职人：张三", "各位领导："]), [])
    assert (info.title, info.author, info.secretary, info.salutation) == ("2022年度述职报告", "述职人：张三", "张三",
                                                                         "各位领导：")
    speaker = front_matter(numbered(["述职报告", "报告人:李四"]), [])
    assert (speaker.title, speaker.author, speaker.secretary) == ("述职报告", "报告人:李四", "李四")


def test_the_branch_from_a_title_whose_first_line_holds_a_space():
    assert front_matter(numbered(["2023年度 第一党支部书记述职报告"]), []).branch == "第一党支部"


def test_a_title_naming_the_branch_gives_it_when_no_author_line_does():
    info = front_matter(numbered(["XX公司党委第二党支部书记2023年度抓基层党建工作述职报告"]), [])
    assert (info.branch, info.secretary, info.year) == ("XX公司党委第二党支部", "", 2023)
    assert info.where["branch"] == Location(paragraph=1)
    author_first = front_matter(numbered(["第一党支部书记2023年度述职报告", "——第二党支部 李四"]), [])
    assert (author_first.branch, author_first.secretary) == ("第二党支部", "李四")
    # a subtitle under a title of the report's theme names the branch
    subtitled = front_matter(numbered(["坚持党建引领 激发支部活力", "——第二党支部书记2023年度述职报告"]), [])
    assert (subtitled.branch, subtitled.year, subtitled.author) == ("第二党支部", 2023, "无")
    # the title's name in full of the branch the author line shortens
    shortened = front_matter(numbered(["区人民医院外科党支部书记2023年度述职报告", "——外科党支部书记 孙海涛"]), [])
    assert (shortened.branch, shortened.secretary) == ("区人民医院外科党支部", "孙海涛")
    assert shortened.where["branch"] == Location(paragraph=1)


@pytest.mark.parametrize("line, branch", [
    ("XX公司党委第二党支部书记 张三", "XX公司党委第二党支部"), ("党支部", ""), ("第一党支部", "第一党支部"),
    ("机关党委：", "机关党委"), ("XX党支部 张三", "XX党支部"), ("支部书记 张三", ""),
    ("2023年度第一党支部述职报告", "第一党支部"), ("关于第三党总支2022年度工作的报告", "第三党总支"),
    ("二〇二三年度机关党总支书记述职报告", "机关党总支"), ("研究室支部委员会", "研究室支部委员会"), ("区委党工委书记", "区委党工委"),
    ("XX局党组书记：王五", "XX局党组"), ("会上，XX党支部", ""), ("2023年：第一党支部 张三", "第一党支部"),
    ("XX公司党委第二党支部： 书记 张三", "XX公司党委第二党支部"), ("XX党委第一党支部书记兼党委副书记 张三", "XX党委第一党支部"),
])
def test_the_organisation_a_line_names(line, branch):
    assert branch_in(line) == branch


BODY = ["（三）抓作风。坚持不懈。"]


def tail_of(*lines: str) -> list[SourceParagraph]:
    return numbered([*BODY, *lines])


def test_closing_signature_and_date_are_taken_off_the_end():
    tail, info, notes = tail_of("特此报告，请予评议。", "XX党支部书记 张三", "2022年1月5日"), Info(), []
    back_matter(tail, info, notes)
    assert [p.text for p in tail] == BODY and notes == []
    assert (info.closing, info.signature, info.date) == ("特此报告，请予评议。", "XX党支部书记 张三", dt.date(2022, 1, 5))
    assert (info.branch, info.secretary) == ("XX党支部", "张三")
    assert {k: v.paragraph for k, v in info.where.items()} == {"closing": 2, "signature": 3, "date": 4, "branch": 3,
                                                               "secretary": 3}


def test_a_two_line_signature_names_branch_and_secretary():
    tail, info = tail_of("以上报告，请批评指正。", "第一党支部", "张三", "2022年1月5日"), Info()
    back_matter(tail, info, [])
    assert (info.signature, info.branch, info.secretary) == ("第一党支部\n张三", "第一党支部", "张三")
    assert (info.where["branch"], info.where["secretary"]) == (Location(paragraph=3), Location(paragraph=4))


@pytest.mark.parametrize("signature, branch, secretary", [
    ("第一党支部书记张三", "第一党支部", "张三"), ("第一党支部书记兼纪检书记 张三", "第一党支部", "张三"),
    ("书记：李四", "", "李四"), ("第二党支部 王五", "第二党支部", "王五"), ("第三党支部", "第三党支部", ""),
    ("第一党支部书记 王小X", "第一党支部", ""),  # an anonymised name is no name
])
def test_the_signature_names_branch_and_secretary(signature, branch, secretary):
    tail, info = tail_of("特此报告。", signature, "2022年1月5日"), Info()
    back_matter(tail, info, [])
    assert (info.signature, info.branch, info.secretary) == (signature, branch, secretary)


def test_a_date_written_with_spaces_is_the_reports_date_as_printed():
    tail, info, notes = tail_of("特此报告。", "2022 年 1 月 5 日"), Info(), []
    back_matter(tail, info, notes)
    assert (info.date, info.signature, notes) == (dt.date(2022, 1, 5), "", [])


def test_a_sentence_between_a_date_and_an_attachment_line_stays_in_the_body():
    tail, info, notes = tail_of("2022年6月30日", "这是正文的一句话。", "附件：台账"), Info(), []
    back_matter(tail, info, notes)
    assert [p.text for p in tail] == [*BODY, "2022年6月30日", "这是正文的一句话。"]
    assert notes[-1].message.startswith("文末有1段不属于述职报告正文的文字") and notes[-1].message.endswith("：附件：台账")


def test_a_date_alone_is_the_reports_date():
    info = Info()
    back_matter(numbered(["2022年1月5日"]), info, [])
    assert info.date == dt.date(2022, 1, 5)


def test_at_most_two_signature_and_two_closing_lines():
    tail, info = tail_of("正文最后一段没有句号", "谢谢大家", "述职完毕", "甲", "乙", "丙", "2022年1月5日"), Info()
    back_matter(tail, info, [])
    assert (info.closing, info.signature) == ("", "乙\n丙")
    assert [p.text for p in tail] == [*BODY, "正文最后一段没有句号", "谢谢大家", "述职完毕", "甲"]


def test_a_closing_line_is_at_most_40_characters():
    long_closing = "以上报告" + "乙" * 36 + "。"  # 41 characters
    tail, info = tail_of("乙" * 36 + "特此报告", "2022年1月5日"), Info()
    back_matter(tail, info, [])
    assert info.closing == "乙" * 36 + "特此报告"
    tail, info = tail_of(long_closing, "2022年1月5日"), Info()
    back_matter(tail, info, [])
    assert (info.closing, tail[-1].text) == ("", long_closing)


@pytest.mark.parametrize("line", ["一、总结", "（一）抓学习", "1.抓学习", "二是抓学习", "完成时间为",
                                  "乙" * 31, "我们，继续"])
def test_what_is_no_signature_line(line):
    tail, info = tail_of(line, "2022年1月5日"), Info()
    back_matter(tail, info, [])
    assert info.signature == "" and line in [p.text for p in tail]


def test_a_date_not_in_the_reports_form_ends_the_signature_as_written():
    tail, info, notes = tail_of("特此报告。", "张三", "二〇二二年一月五日"), Info(), []
    back_matter(tail, info, notes)
    assert (info.signature, info.date) == ("张三\n二〇二二年一月五日", None)
    assert [n.paragraph for n in notes] == [4] and notes[0].message.startswith("文末的日期“二〇二二年一月五日”照原样作为落款的最后一行")
    assert "如2022年1月5日" in notes[0].message


def test_a_date_at_the_end_replaces_one_read_under_the_title_with_a_note():
    info = Info(date=dt.date(2022, 1, 10), where={"date": Location(paragraph=2)})
    tail, notes = tail_of("特此报告。", "2022年1月5日"), []
    back_matter(tail, info, notes)
    assert (info.date, info.where["date"]) == (dt.date(2022, 1, 5), Location(paragraph=3))
    assert [(n.paragraph, n.message) for n in notes] == [
        (3, "文末日期与文首的日期（第2段）不同，“成文日期”采用文末的日期，请核对。")]
    same = Info(date=dt.date(2022, 1, 5), where={"date": Location(paragraph=2)})
    notes = []
    back_matter(tail_of("特此报告。", "2022年1月5日"), same, notes)
    assert notes == []


def test_a_short_last_line_alone_stays_text_with_a_note():
    tail, info, notes = tail_of("张三"), Info(), []
    back_matter(tail, info, notes)
    assert [p.text for p in tail] == [*BODY, "张三"] and info.signature == ""
    assert [n.paragraph for n in notes] == [2] and notes[0].message.startswith("文末的“张三”可能是落款，但前后没有结束语或日期")


def test_a_signature_after_a_closing_without_date_is_taken():
    tail, info = tail_of("特此报告。", "张三"), Info()
    back_matter(tail, info, [])
    assert (info.closing, info.signature, info.secretary) == ("特此报告。", "张三", "张三")


def test_a_date_after_an_unfinished_line_stays_text_with_a_note():
    tail, info, notes = tail_of("各项任务的完成时间为", "2022年6月30日"), Info(), []
    back_matter(tail, info, notes)
    assert info.date is None and [p.text for p in tail][-1] == "2022年6月30日"
    assert [(n.paragraph, n.message) for n in notes] == [(3, "“2022年6月30日”单独成段，但前一段话没有说完或其后还有正文，"
        "不像文末的成文日期，已作为正文保留；如果它是成文日期，请把它填入“基本信息”的“成文日期”并从正文中删去。")]


@pytest.mark.parametrize("before", ["特此报告", "张三"])
def test_a_date_after_a_closing_or_signature_without_full_stop_is_the_report_date(before):
    tail, info = tail_of(before, "2022年1月5日"), Info()
    back_matter(tail, info, [])
    assert info.date == dt.date(2022, 1, 5)


@pytest.mark.parametrize("trailer", [["附件：1.台账"], ["附件1：台账"], ["附表"], ["附：台账"], ["抄送：机关党委"],
                                     ["报送：党委"], ["联系人：张三"], ["联系电话：123"], ["（此页无正文）"], ["(联系人：张三)"],
                                     ["附件：", "1.台账", "2.记录"], ["附件：支部全年活动台账。"],
                                     ["附件：" + "乙" * 40]])
def test_lines_marked_as_following_the_report_are_dropped_with_their_text_in_a_note(trailer):
    tail, info, notes = tail_of("特此报告。", "张三", "2022年1月5日", *trailer), Info(), []
    back_matter(tail, info, notes)
    assert (info.signature, info.date) == ("张三", dt.date(2022, 1, 5))
    assert [n.message for n in notes] == [
        f"文末有{len(trailer)}段不属于述职报告正文的文字（如附件说明），工作簿没有对应的栏目，未导入；"
        f"如需要，请在生成的报告中手工补上：{'；'.join(trailer)}"]
    assert notes[0].paragraph == 5


@pytest.mark.parametrize("after, dropped", [(["甲"], 1), (["甲", "乙", "丙"], 3), (["甲", "乙", "丙", "丁"], 0),
                                            (["乙" * 40], 1), (["乙" * 41], 0)])
def test_up_to_three_unmarked_short_lines_after_the_date_are_dropped(after, dropped):
    tail, info, notes = tail_of("特此报告。", "张三", "2022年1月5日", *after), Info(), []
    back_matter(tail, info, notes)
    assert len(tail) == (1 + 3 + len(after) - dropped if not dropped else 1)
    assert (f"文末有{dropped}段" in notes[-1].message) if dropped else info.date is None


def test_a_sentence_after_the_date_keeps_everything_in_the_body():
    tail, info = tail_of("特此报告。", "2022年1月5日", "这是正文的一句话。"), Info()
    back_matter(tail, info, [])
    assert info.date is None and [p.text for p in tail][-1] == "这是正文的一句话。"
