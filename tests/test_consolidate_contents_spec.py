"""The volume's contents (consolidate/contents.py) as a specification: a 公文 page holds 28 characters a line and
22 lines; an entry keeps 3 characters on the right for the leader dots and page number and hangs its further lines
2 characters in, so it takes 25 characters on its first line and 23 on each further one. The cover is page 1, the
contents start on page 2, every report starts on an odd page."""

from __future__ import annotations

from shuzhi_xl.consolidate.contents import entry_lines, first_pages
from shuzhi_xl.report import layout, styles as S


def test_an_entry_takes_25_characters_then_23_on_each_hung_line():
    assert [len(line) for line in entry_lines("甲乙丙丁" * 13)] == [25, 23, 4]
    assert entry_lines("甲" * 25) == ["甲" * 25]
    assert entry_lines("甲" * 26) == ["甲" * 25, "甲"]
    assert entry_lines("甲" * 48) == ["甲" * 25, "甲" * 23]
    assert entry_lines("") == [""]


def test_an_entry_breaks_after_the_last_word_that_fits():
    # the first 25 characters end in 二〇二四 (of 二〇二四年度); the last word end among them is after 书记
    assert entry_lines("中共某某市某某区机关事务管理局第一党支部书记二〇二四年度抓基层党建工作述职报告") == [
        "中共某某市某某区机关事务管理局第一党支部书记", "二〇二四年度抓基层党建工作述职报告"]
    # or before a word that starts: 抓基层 at the 25th character
    assert entry_lines("甲" * 24 + "抓基层党建工作") == ["甲" * 24, "抓基层党建工作"]


def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one():
    assert entry_lines("甲" * 25 + "，乙乙") == ["甲" * 24, "甲，乙乙"]
    assert entry_lines("甲" * 24 + "《乙乙》") == ["甲" * 24, "《乙乙》"]


def test_a_latin_word_longer_than_a_line_fills_each_line():
    title = "A" * 70
    lines = entry_lines(title)
    assert "".join(lines) == title
    first, hung = (layout.TEXT_WIDTH - n * S.CHAR_ADVANCE - layout.SLACK for n in (3, 5))
    room = [first] + [hung] * 9
    for n, line in enumerate(lines):
        assert sum(layout.advances(line)) <= room[n]
        if n + 1 < len(lines):  # the next character would not have fitted
            assert sum(layout.advances(line + "A")) > room[n]
    assert len(lines) <= 3  # about 34 capitals of Times a line


def test_reports_start_on_the_odd_page_after_the_cover_and_contents():
    # 3 entry lines + heading, blank line and end: 6 lines, one page (2); the first report on 3 (5 pages: 3-7), the
    # second on 9 (8 is even), the third on 13
    assert list(first_pages(3, [5, 4, 1])) == [3, 9, 13]
    assert list(first_pages(19, [1] * 19))[0] == 3  # 22 lines: still one page
    assert list(first_pages(20, [1] * 20))[:3] == [5, 7, 9]  # 23 lines: pages 2-3, then 5
    assert list(first_pages(20, [2] * 10))[:2] == [5, 7]  # ten entries of two lines: 23 lines
    assert list(first_pages(0, [])) == []


def test_a_line_may_fill_its_room_exactly():
    # 21 characters and 17 full stops of Times (the room less 21 × 315 twips) make exactly the first line's room;
    # 19 and 17 exactly a hung line's (two characters less)
    exact = "甲" * 21 + "." * 17
    assert entry_lines(exact) == [exact]
    assert entry_lines(exact + ".") == [exact, "."]
    assert entry_lines(exact + "乙") == [exact, "乙"]
    hung = "甲" * 19 + "." * 17
    assert entry_lines("甲" * 25 + hung) == ["甲" * 25, hung]
    assert entry_lines("甲" * 25 + hung + ".") == ["甲" * 25, hung, "."]


def test_a_break_right_after_a_lines_first_character_or_first_word_is_taken():
    assert entry_lines("甲" + "A" * 60) == ["甲", "A" * 32, "A" * 28]
    assert entry_lines("党委" + "甲" * 30) == ["党委", "甲" * 23, "甲" * 7]
    assert entry_lines("A" * 70 + "甲") == ["A" * 34, "A" * 32, "AAAA甲"]
