"""The report's words: the sample's .docx says exactly what the seed says; titles break where words end."""

from __future__ import annotations

import docx
import pytest

from shuzhi_xl.report.lines import text_width, title_lines
from shuzhi_xl.numerals import chinese_numeral
from shuzhi_xl.report.text import strip_numbering
from shuzhi_xl.report.write import file_stem, write_report
from shuzhi_xl.xlsx.reader import read_workbook
from support import normalise, seed_paragraphs


def test_sample_report_equals_the_seed_paragraph_by_paragraph(sample_xlsx):
    written = write_report(read_workbook(sample_xlsx))
    paragraphs = [normalise(p.text) for p in docx.Document(str(written)).paragraphs]
    assert paragraphs[0] == "XXX党支部书记2021年度抓基层党建工作述职报告"  # one paragraph, lines softly broken
    assert paragraphs[1:] == seed_paragraphs()  # no secretary named: no author line


def test_report_goes_beside_the_workbook_named_after_its_title(sample_xlsx):
    written = write_report(read_workbook(sample_xlsx))
    assert written.parent == sample_xlsx.parent
    assert written.name == "XXX党支部书记2021年度抓基层党建工作述职报告.docx"


@pytest.mark.parametrize("title", [
    "XXX党支部书记2021年度抓基层党建工作述职报告",
    "中共某某市发展和改革委员会机关第一党支部书记2021年度抓基层党建工作述职报告",
    "机关党委第三党支部书记关于2023年度履行全面从严治党主体责任和抓基层党建工作情况的述职报告",
])
def test_title_lines_are_at_most_20_wide_keep_words_and_form_a_trapezoid_or_diamond(title):
    lines = title_lines(title)
    assert "".join(lines) == title
    assert len(lines) >= 2 and all(text_width(line) <= 20 for line in lines)
    for word in ("年度", "党支部", "书记", "述职报告", "2021", "2023"):
        assert not any(line.endswith(word[:k]) and nxt.startswith(word[k:])
                       for line, nxt in zip(lines, lines[1:]) for k in range(1, len(word)))
    widths = [text_width(line) for line in lines]
    assert widths.index(max(widths)) < len(widths) - 1 or max(widths) - min(widths) <= 1  # never short over long


def test_sample_title_breaks_after_the_year():
    assert title_lines("XXX党支部书记2021年度抓基层党建工作述职报告") == ["XXX党支部书记2021年度", "抓基层党建工作述职报告"]


def test_short_title_stays_one_line():
    assert title_lines("2021年度党支部书记抓基层党建工作述职报告") == ["2021年度党支部书记抓基层党建工作述职报告"]


@pytest.mark.parametrize("title, stem", [
    ("A/B:C*党支部?述职\"报告\"<1>|", "A_B_C_党支部_述职_报告_1"),
    ("  ..  ", "述职报告"),
    ("第一 党支部\t报告", "第一党支部报告"),
])
def test_file_names_are_safe(title, stem):
    assert file_stem(title) == stem


@pytest.mark.parametrize("n, numeral", [
    (0, "零"), (1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (99, "九十九"), (100, "一百"), (101, "一百零一"),
    (110, "一百一十"), (115, "一百一十五"), (200, "二百"), (999, "九百九十九"), (1000, "一千"), (1005, "一千零五"),
    (1010, "一千零一十"), (1100, "一千一百"), (2024, "二千零二十四"), (9999, "九千九百九十九"),
    (10000, "一万"), (10001, "一万零一"), (10010, "一万零一十"), (10100, "一万零一百"), (11000, "一万一千"),
    (20000, "二万"), (100000, "十万"), (110012, "十一万零一十二"), (99_999_999, "九千九百九十九万九千九百九十九"),
])
def test_chinese_numerals_up_to_99999999(n, numeral):
    assert chinese_numeral(n) == numeral


@pytest.mark.parametrize("n", [-1, 10 ** 8, 123456789])
def test_no_chinese_numeral_outside_0_to_99999999(n):
    with pytest.raises(ValueError, match="0 to 99999999"):
        chinese_numeral(n)


def test_typed_numbering_above_a_hundred_is_stripped_like_the_generated_one():
    assert strip_numbering(f"（{chinese_numeral(101)}）问题") == "问题"
    assert strip_numbering(f"{chinese_numeral(110)}是做好") == "做好"
    assert strip_numbering("十分重要") == "十分重要"


def test_the_typed_label_is_what_stripping_takes_off_and_stands_only_at_the_start():
    from shuzhi_xl.report.text import typed_label

    assert typed_label(" （一）、 问题") == " （一）、 " and strip_numbering(" （一）、 问题") == "问题"
    assert typed_label("一是做好") == "一是" and typed_label("做好。一是") == "" == typed_label("")
    assert strip_numbering("问题\n（二）其次") == "问题\n（二）其次"  # a label on a later line is text
