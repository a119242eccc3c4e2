"""Specifications of the volume's front matter (issue 20): the cover, the contents' heading, the TOC field around
the entries and each entry's first page, checked in document.xml and styles.xml of volumes written from a few
hand-made parts. Expected values are worked out by hand: the cover is page 1, the contents (22 lines a page, three
of them taken by its heading, the blank line and the section's end) follow, each report starts on the next odd page.
"""

from __future__ import annotations

import threading
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from shuzhi_xl.consolidate.contents import entry_lines
from shuzhi_xl.consolidate.volume import Stopped, VolumePart, VolumeWriter, volume_title

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = {"w": W_NS}
BODY = '<w:p><w:pPr><w:pStyle w:val="ShuzhiBody"/></w:pPr><w:r><w:t>正文</w:t></w:r></w:p>'.encode()


def _part(title: str, pages: int, xml: bytes = BODY) -> VolumePart:
    return VolumePart(title, pages, xml, tuple(entry_lines(title)))


def _volume(tmp_path: Path, parts: list[tuple[str, int, int | None, str]], skip: set[int] = frozenset()) -> Path:
    """Write the volume of *parts* (title, pages, year, committee) in their order, but those numbered in *skip*."""
    with VolumeWriter() as writer:
        for title, pages, year, committee in parts:
            writer.add(_part(title, pages, BODY.replace("正文".encode(), title.encode())), year=year,
                       committee=committee)
        return writer.write(tmp_path / "汇编.docx", skip)


def _package_part(path: Path, name: str):
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(name))


def _w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


def _text(paragraph) -> str:
    return "".join(t.text or "" for t in paragraph.iterfind(".//w:t", W))


def _front(path: Path) -> list:
    """Return the body's paragraphs up to the one ending the front matter's section."""
    body = _package_part(path, "word/document.xml").find("w:body", W)
    paragraphs = body.findall("w:p", W)
    # without reports the front matter is the whole body, its section the body's own
    end = next((n for n, p in enumerate(paragraphs) if p.find("w:pPr/w:sectPr", W) is not None), len(paragraphs))
    return paragraphs[:end + 1]


def _size(paragraph) -> int:
    """Return the half-point size of the paragraph's first run."""
    return int(paragraph.find("w:r/w:rPr/w:sz", W).get(_w("val")))


def _style(paragraph) -> str | None:
    style = paragraph.find("w:pPr/w:pStyle", W)
    return None if style is None else style.get(_w("val"))


def _toc_entries(front: list) -> list:
    return [p for p in front if _style(p) == "TOC1"]


def test_the_cover_has_four_blank_lines_then_the_title_bold_in_26_pt_the_committee_in_18_and_the_count_in_16(tmp_path):
    front = _front(_volume(tmp_path, [("甲支部", 2, 2024, "某市委"), ("乙支部", 2, 2024, "某市委"),
                                      ("丙支部", 2, 2023, "另一党委")]))
    assert [_text(p) for p in front[:4]] == ["", "", "", ""]
    title, committee, count = front[4:7]
    assert _text(title) == "2024年度党支部书记抓基层党建工作述职报告汇编"
    assert title.find("w:r/w:rPr/w:b", W) is not None and _size(title) == 52  # 一号: 26 pt
    assert (_text(committee), _size(committee)) == ("某市委", 36)  # the committee most reports name, 18 pt
    assert (_text(count), _size(count)) == ("共收录 3 个党支部的述职报告", 32)  # 三号
    assert count.find("w:r/w:br", W).get(_w("type")) == "page"
    assert {_style(p) for p in (title, committee, count)} == {"ShuzhiAuthor"}


def test_the_cover_names_no_committee_when_no_report_names_one(tmp_path):
    front = _front(_volume(tmp_path, [("甲支部", 1, 2024, ""), ("乙支部", 1, 2024, "")]))
    assert [_text(p) for p in front[4:6]] == ["2024年度党支部书记抓基层党建工作述职报告汇编", "共收录 2 个党支部的述职报告"]


def test_between_two_committees_named_equally_often_the_cover_names_the_later_in_code_order(tmp_path):
    front = _front(_volume(tmp_path, [("甲支部", 1, 2024, "乙党委"), ("乙支部", 1, 2024, "甲党委")]))
    assert _text(front[5]) == "甲党委"  # 甲 U+7532 comes after 乙 U+4E59


def test_the_cover_page_carries_no_page_number(tmp_path):
    body = _package_part(_volume(tmp_path, [("甲支部", 1, 2024, "")]), "word/document.xml").find("w:body", W)
    front_section = body.find(".//w:sectPr", W)
    assert front_section.find("w:titlePg", W) is not None


def test_the_contents_heading_sits_on_the_new_page_in_22_pt_with_a_line_under_it(tmp_path):
    front = _front(_volume(tmp_path, [("甲支部", 1, 2024, "")]))
    heading = front[6]  # no committee named: the cover's three lines after the four blank ones
    assert (_text(heading), _size(heading), _style(heading)) == ("目  录", 44, "ShuzhiAuthor")
    spacing = heading.find("w:pPr/w:spacing", W)
    assert (spacing.get(_w("before")), spacing.get(_w("after"))) == ("0", "579")  # one line: 225 mm / 22


def test_the_entries_follow_the_heading_and_the_front_matter_ends_in_an_empty_paragraph_after_them(tmp_path):
    front = _front(_volume(tmp_path, [("甲支部", 1, 2024, ""), ("乙支部", 1, 2024, "")]))
    assert _text(front[6]) == "目  录" and [_style(p) for p in front[7:9]] == ["TOC1", "TOC1"]
    assert len(front) == 10 and _text(front[9]) == "" and front[9].find("w:pPr/w:sectPr", W) is not None


def test_one_toc_field_begins_in_the_first_entry_and_ends_in_the_last(tmp_path):
    entries = _toc_entries(_front(_volume(tmp_path, [("甲支部", 1, 2024, ""), ("乙支部", 1, 2024, ""),
                                                      ("丙支部", 1, 2024, "")])))
    kinds = [[c.get(_w("fldCharType")) for c in p.iterfind(".//w:fldChar", W)] for p in entries]
    assert kinds == [["begin", "separate"], [], ["end"]]
    instruction = entries[0].find(".//w:instrText", W).text
    assert instruction == ' TOC \\o "1-1" \\h \\z \\u '
    # the field's result comes after "separate": the entry's own text follows it in the first paragraph
    runs = entries[0].findall("w:r", W)
    assert [r.find("w:fldChar", W) is not None for r in runs][:3] == [True, False, True]
    assert _text(runs[3]) == "甲支部"


def test_an_empty_volume_has_one_entry_saying_so_without_a_page_and_the_whole_field_in_it(tmp_path):
    entries = _toc_entries(_front(_volume(tmp_path, [])))
    assert len(entries) == 1 and _text(entries[0]) == "（未收录报告）"
    assert entries[0].find(".//w:tab", W) is None
    assert not any((e.tail or "").strip() for e in entries[0].iter())  # nothing written in place of the page
    assert [c.get(_w("fldCharType")) for c in entries[0].iterfind(".//w:fldChar", W)] == ["begin", "separate", "end"]


@pytest.mark.parametrize("pages, first", [
    ([2, 2], ["3", "5"]),  # cover 1, contents 2, first report 3 (odd); 3-4, then 5
    ([3, 1], ["3", "7"]),  # 3-5, page 6 left blank, 7
    ([1, 1], ["3", "5"]),  # 3, page 4 blank, 5
])
def test_each_entry_ends_in_a_tab_and_its_reports_first_page(tmp_path, pages, first):
    entries = _toc_entries(_front(_volume(tmp_path, [("甲支部", pages[0], 2024, ""), ("乙支部", pages[1], 2024, "")])))
    assert [_text(p) for p in entries] == [f"甲支部{first[0]}", f"乙支部{first[1]}"]
    for entry in entries:
        last_run = entry.findall("w:r", W)[-1 if entry is entries[0] else -2]  # the last entry ends the field
        assert last_run.find("w:tab", W) is not None


def test_twenty_entries_fill_two_contents_pages_so_the_first_report_starts_on_page_5(tmp_path):
    # 3 frame lines + 20 one-line entries = 23 > 22: contents on pages 2-3, the first report on page 4 → 5
    entries = _toc_entries(_front(_volume(tmp_path, [(f"第{n}支部", 1, 2024, "") for n in range(20)])))
    assert _text(entries[0]).endswith("5") and _text(entries[1]).endswith("7")


def test_a_long_title_breaks_over_lines_with_a_break_between_them_and_none_after_the_last(tmp_path):
    title = "中共某某市某某区某某街道某某社区第一网格党支部书记" * 2 + "抓基层党建工作述职报告"  # 60 characters
    entry = _toc_entries(_front(_volume(tmp_path, [(title, 1, 2024, "")])))[0]
    text_runs = [r for r in entry.findall("w:r", W) if r.find("w:t", W) is not None and r.find("w:tab", W) is None]
    assert "".join(_text(r) for r in text_runs) == title
    assert len(text_runs) >= 3  # 28 characters a line less the hanging and the room for the page
    assert [r.find("w:br", W) is not None for r in text_runs] == [True] * (len(text_runs) - 1) + [False]


def test_the_entries_style_is_words_toc_1_hung_two_characters_with_dots_to_the_page_number(tmp_path):
    styles = _package_part(_volume(tmp_path, [("甲支部", 1, 2024, "")]), "word/styles.xml")
    style = styles.find("w:style[@w:styleId='TOC1']", W)
    assert style.find("w:name", W).get(_w("val")) == "toc 1"
    assert style.find("w:basedOn", W).get(_w("val")) == "ShuzhiBody"
    ppr = style.find("w:pPr", W)
    assert ppr.find("w:jc", W).get(_w("val")) == "left"
    indent = ppr.find("w:ind", W)
    # a character is 156 mm / 28 = 315 twips (28 to a line): hung 2 characters, 3 of room on the right
    assert (indent.get(_w("left")), indent.get(_w("hanging")), indent.get(_w("right"))) == ("630", "630", "945")
    tab = ppr.find("w:tabs/w:tab", W)
    # the text is 156 mm wide: 156 / 25.4 × 1440 = 8844 twips
    assert (tab.get(_w("val")), tab.get(_w("leader")), abs(int(tab.get(_w("pos"))) - 8844) <= 1) == \
        ("right", "dot", True)


@pytest.mark.parametrize("years, expected", [
    ([2024, 2024, 2023], "2024年度"),
    ([2023, 2024], "2024年度"),  # as many for each: the later year
    ([None, 2022, None], "2022年度"),
    ([None, None], ""),
    ([], ""),
])
def test_the_volume_is_titled_with_the_year_most_reports_are_for(years, expected):
    class Entry:
        def __init__(self, year):
            self.year = year
    assert volume_title([Entry(y) for y in years]) == f"{expected}党支部书记抓基层党建工作述职报告汇编"


def test_the_most_frequent_committee_is_named_even_when_another_comes_later_in_code_order(tmp_path):
    front = _front(_volume(tmp_path, [("甲支部", 1, 2024, "另一党委"), ("乙支部", 1, 2024, "另一党委"),
                                      ("丙支部", 1, 2024, "某市委")]))
    assert _text(front[5]) == "另一党委"  # 另 U+53E6 comes before 某 U+67D0, but two reports name it


def test_a_part_added_without_a_committee_names_none(tmp_path):
    with VolumeWriter() as writer:
        writer.add(_part("甲支部", 1), year=2024)
        path = writer.write(tmp_path / "汇编.docx")
    assert [_text(p) for p in _front(path)[4:6]] == ["2024年度党支部书记抓基层党建工作述职报告汇编",
                                                     "共收录 1 个党支部的述职报告"]


def test_the_cover_title_is_bold_not_merely_marked(tmp_path):
    title = _front(_volume(tmp_path, [("甲支部", 1, 2024, "")]))[4]
    bold = title.find("w:r/w:rPr/w:b", W)
    assert bold.get(_w("val")) in (None, "1", "true", "on")


def test_nothing_but_elements_inside_the_contents_entries(tmp_path):
    front = _front(_volume(tmp_path, [("甲支部", 1, 2024, ""), ("乙支部", 1, 2024, "")]))
    for paragraph in _toc_entries(front):
        assert paragraph.text is None and not any((e.tail or "").strip() for e in paragraph.iter())
    body = front[0].getparent()
    assert body.text is None and not any((p.tail or "").strip() for p in body)


def test_each_report_section_starts_on_an_odd_page_with_the_page_numbers_of_the_first_section(tmp_path):
    body = _package_part(_volume(tmp_path, [("甲支部", 1, 2024, ""), ("乙支部", 1, 2024, "")]),
                 "word/document.xml").find("w:body", W)
    front_section, *reports = body.iter(_w("sectPr"))
    assert front_section.find("w:titlePg", W) is not None and front_section.find("w:footerReference", W) is not None
    assert len(reports) == 2
    for section in reports:
        # no footers of its own (it inherits the page numbers), no blank first-page footer
        assert [c.tag.split("}")[1] for c in section if c.tag.endswith(("Reference", "titlePg"))] == []
        assert section.find("w:type", W).get(_w("val")) == "oddPage"


def test_a_reports_section_ends_in_its_last_paragraph(tmp_path):
    two_paragraphs = BODY.replace("正文".encode(), "第一段".encode()) + BODY
    with VolumeWriter() as writer:
        writer.add(_part("甲支部", 1, two_paragraphs))
        writer.add(_part("乙支部", 1))
        path = writer.write(tmp_path / "汇编.docx")
    paragraphs = _package_part(path, "word/document.xml").find("w:body", W).findall("w:p", W)
    first, second = [p for p in paragraphs if _text(p) in ("第一段", "正文")][:2]
    assert (_text(first), first.find("w:pPr/w:sectPr", W)) == ("第一段", None)
    assert _text(second) == "正文" and second.find("w:pPr/w:sectPr", W) is not None


def test_the_volume_says_what_it_is_in_its_document_properties(tmp_path):
    import docx

    properties = docx.Document(_volume(tmp_path, [("甲支部", 1, 2023, "")])).core_properties
    assert (properties.title, properties.author, properties.category, properties.revision) == \
        ("2023年度党支部书记抓基层党建工作述职报告汇编", "shuzhi_xl", "述职报告汇编", 1)


def test_the_year_most_reports_are_for_wins_even_when_it_is_the_earlier():
    class Entry:
        def __init__(self, year):
            self.year = year
    assert volume_title([Entry(2023), Entry(2023), Entry(2024)]).startswith("2023年度")


def test_reports_numbered_in_skip_are_left_out_of_the_cover_the_contents_and_the_body(tmp_path):
    path = _volume(tmp_path, [("甲支部", 3, 2024, "某市委"), ("乙支部", 1, 2023, "乙党委"), ("丙支部", 2, 2023, "乙党委"),
                              ("丁支部", 1, 2023, "乙党委")], skip={1, 3})
    front = _front(path)
    # 乙 and 丁 left out: 2024 and 某市委 once each against 2023 and 乙党委 once each → the later year, the later name
    # (乙 U+4E59 comes before 某 U+67D0); counting 乙 and 丁 too would give 2023 and 乙党委
    assert [_text(p) for p in front[4:7]] == ["2024年度党支部书记抓基层党建工作述职报告汇编", "某市委",
                                              "共收录 2 个党支部的述职报告"]
    # 甲 on page 3 (3 pages: 3-5), 丙 on the next odd page, 7
    assert [_text(p) for p in _toc_entries(front)] == ["甲支部3", "丙支部7"]
    body = _package_part(path, "word/document.xml").find("w:body", W)
    texts = [_text(p) for p in body.findall("w:p", W)[len(front):]]
    assert texts == ["甲支部", "丙支部"]
    sections = [p for p in body.findall("w:p", W)[len(front):] if p.find("w:pPr/w:sectPr", W) is not None]
    assert [_text(p) for p in sections] == ["甲支部"]  # the last report ends in the body's own section


def test_a_volume_given_up_stops_before_its_next_report_and_leaves_no_file(tmp_path):
    stop = threading.Event()
    with VolumeWriter() as writer:
        writer.add(_part("甲支部", 1))
        writer.add(_part("乙支部", 1))
        stop.set()
        with pytest.raises(Stopped):
            writer.write(tmp_path / "汇编.docx", stop=stop)
        assert list(tmp_path.iterdir()) == []  # nor its temporary file
        stop.clear()
        assert writer.write(tmp_path / "汇编.docx", stop=stop).is_file()
