"""Where title lines break and where the signature block sits, as specifications (GB/T 9704 7.3.5.2 and the
line-breaking rules of Chinese typesetting). Each title below is built so that exactly one rule decides the
break; the expected lines follow from that rule alone."""

from __future__ import annotations

import pytest

from shuzhi_xl.report.lines import char_width, signature_indents, text_width, title_lines
from shuzhi_xl.report.styles import CHAR_ADVANCE, SIGNATURE_GAP_CHARS

A, B = "甲", "乙"


@pytest.mark.parametrize("char, width", [
    ("党", 1.0), ("，", 1.0), ("“", 1.0), ("（", 1.0),  # Chinese, full-width punctuation, quotes in the Chinese font
    ("2", 0.5), ("a", 0.5), ("z", 0.5), (" ", 0.5), ("@", 0.5), ("[", 0.5),  # '@' and '[' sit just outside A-Z
    ("A", 0.72), ("M", 0.72), ("Z", 0.72),
])
def test_character_width_classes(char, width):
    assert char_width(char) == width


def test_text_width_adds_the_characters():
    assert text_width("2021年度") == 4 * 0.5 + 2
    assert text_width("XXX党支部") == 3 * 0.72 + 3


def test_a_title_that_fits_stays_one_line_and_one_a_hair_wider_breaks():
    assert title_lines(A * 2 + "ABCDEFGHIJKLMNOPQRSTUVWXY") == [A * 2 + "ABCDEFGHIJKLMNOPQRSTUVWXY"]  # 2 + 25 × 0.72 = 20
    assert title_lines(A * 8 + "abcdefghijklmnopqrstuvwx") == [A * 8 + "abcdefghijklmnopqrstuvwx"]  # 8 + 24 × 0.5 = 20
    assert title_lines("  " + A * 20 + " ") == [A * 20]
    assert len(title_lines(A * 21)) == 2


@pytest.mark.parametrize("count, lines", [(30, [15, 15]), (40, [20, 20]), (41, [13, 14, 14]), (60, [20, 20, 20])])
def test_the_fewest_lines_of_at_most_20_balanced(count, lines):
    assert [len(line) for line in title_lines(A * count)] == lines


def test_a_narrower_limit_gives_more_lines():
    assert [len(line) for line in title_lines(A * 30, limit=10)] == [10, 10, 10]


def test_no_line_starts_with_closing_punctuation():
    # The balanced break (13 | 13) would start the second line with "，": the comma stays on the first line.
    assert title_lines(A * 13 + "，" + B * 12) == [A * 13 + "，", B * 12]


def test_no_line_ends_with_opening_punctuation():
    # The balanced break would end the first line with "（": it goes down with the word it opens.
    assert title_lines(A * 12 + "（" + B * 13) == [A * 12 + "（" + B, B * 12]


def test_a_number_is_never_split():
    # The balanced break falls inside 2023; the number stays whole on the first line (long over short).
    assert title_lines(A * 11 + "2023" + B * 11) == [A * 11 + "2023", B * 11]


def test_a_break_inside_a_word_of_the_genre_is_avoided_at_the_cost_of_balance():
    # 20 wide after 书记 would split 2021年度 or 党建工作; the break goes after 年度 instead.
    assert title_lines("XXX党支部书记2021年度抓基层党建工作述职报告") == ["XXX党支部书记2021年度", "抓基层党建工作述职报告"]
    assert title_lines(A * 9 + "述职报告" + B * 9) == [A * 9, "述职报告" + B * 9]


def test_a_genre_word_is_never_split_even_at_the_cost_of_the_shape():
    # Only breaks 18 to 20 give two lines of at most 20; 19 and 20 fall inside 委员会, so 18 it is (short over long).
    assert title_lines(A * 18 + "委员会" + B * 17) == [A * 18, "委员会" + B * 17]


def test_the_only_possible_break_is_taken():
    # 党 + 27 capitals is 20.44 wide; the capitals cannot be split, so the one break is after 党.
    assert title_lines("党" + "ABCDEFGHIJKLMNOPQRSTUVWXYZA") == ["党", "ABCDEFGHIJKLMNOPQRSTUVWXYZA"]


def test_a_word_of_the_genre_ends_a_line_rather_than_balance_it():
    # Before 乙 the break costs nothing (党支部 ends there): 7 + 3 over 19 is 9 short of balanced (shape 9 × 1.1 =
    # 9.9), still cheaper than 15 | 14 between two unknown words (10 + 0.1).
    assert title_lines(A * 7 + "党支部" + B * 19) == [A * 7 + "党支部", B * 19]


def test_a_word_wider_than_a_line_is_split_once_in_the_middle():
    # 30 capitals are 21.6 wide and hold no allowed break: one forced break, where the two halves balance.
    assert title_lines("A" * 30) == ["A" * 15, "A" * 15]


def test_text_too_long_for_a_title_is_filled_line_by_line():
    # Over 8 full lines (161 wide) it is text pasted into the title: lines as full as 20 allows, no shaping, no
    # line rules (the 。 goes alone to a line of its own).
    assert title_lines(A * 160 + "。") == [A * 20] * 8 + ["。"]
    # 8 full lines exactly is still a title: shaped, so the comma after the 20th character starts no line.
    lines = title_lines(A * 20 + "，" + B * 139)
    assert len(lines) == 9 and not any(line.startswith("，") for line in lines)


def test_two_lines_are_long_over_short():
    for title in ("第一党支部书记2022年度抓基层党建工作述职报告" + A * 5, A * 23, A * 17 + "党支部" + B * 5):
        first, second = map(text_width, title_lines(title))
        assert first >= second, title


@pytest.mark.parametrize("signature, date", [
    (19 * CHAR_ADVANCE, 3000),  # long signature, short date
    (2 * CHAR_ADVANCE, 3000),  # short signature, longer date
    (7 * CHAR_ADVANCE, 3000),
    (0, 3000),  # a date alone
    (3000, 0),  # a signature alone
])
def test_signature_and_date_sit_as_the_standard_says(signature, date):
    gap, line = SIGNATURE_GAP_CHARS * CHAR_ADVANCE, 9000
    sign_left, date_left = signature_indents(signature, date, line)
    sign_right, date_right = line - sign_left - signature, line - date_left - date
    assert date_left - sign_left == gap  # the date starts two characters right of the signature
    assert min(sign_right, date_right) >= gap  # nothing comes closer than two characters to the right margin
    assert gap in (sign_right, date_right)  # and the one that would come closer sits exactly there
