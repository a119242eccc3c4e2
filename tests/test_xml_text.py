"""One XML-text escape (storable.xml_text) for every part the program writes: read back by an XML parser, the text
is what was given without the characters no part can hold, in a report run, a volume's field and a summary cell."""

from __future__ import annotations

from xml.etree import ElementTree

from hypothesis import given, strategies as st

import hostile
from shuzhi_xl.report.styled import StyledRun, field_xml, run_xml
from shuzhi_xl.storable import XML_UNSAFE, xml_plain, xml_text
from shuzhi_xl.xlsx.cellxml import cell, cells

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _read(element: str) -> str:
    """Return the text of *element*, written as UTF-8 and parsed back."""
    return "".join(ElementTree.fromstring(element.encode("utf-8")).itertext())


@given(st.text(st.one_of(st.characters(codec="utf-8", exclude_characters="\r"),
                         st.sampled_from(hostile.CONTROL.replace("\r", "") + "\ud800\udfff&<>\"'"))))
def test_escaped_text_reads_back_without_what_xml_cannot_hold(text):
    kept = "".join(c for c in text if c in "\t\n" or not (c < " " or "\ud800" <= c <= "\udfff" or c in "\ufffe\uffff"))
    assert _read(f"<t>{xml_text(text)}</t>") == kept


def test_plain_text_is_returned_as_it_is():
    text = "支部全年开展主题党日12次，完成率100%。"
    assert xml_text(text) is text
    assert xml_text("A&B <c> \x01\ud800") == "A&amp;B &lt;c&gt; "


def test_a_report_run_with_a_control_character_is_still_xml():
    run = run_xml(StyledRun("第一\x01党支部 & <团支部>", style="a&b"))
    assert _read(f'<w:p xmlns:w="{W}">{run}</w:p>') == "第一党支部 & <团支部>"


def test_a_field_is_begin_instruction_separate_its_shown_result_then_end():
    instruction = 'TOC \\o "1-2" & <x>'
    opening, closing = field_xml(instruction)
    paragraph = ElementTree.fromstring(f'<w:p xmlns:w="{W}">{opening}<w:r><w:t>目录</w:t></w:r>{closing}</w:p>')
    pieces = [(piece.tag.split("}")[1], piece.get(f"{{{W}}}fldCharType") or piece.text) for run in paragraph
              for piece in run]
    assert pieces == [("fldChar", "begin"), ("instrText", instruction), ("fldChar", "separate"), ("t", "目录"),
                      ("fldChar", "end")]
    instruction_text = paragraph.find(f".//{{{W}}}instrText")
    assert instruction_text.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


def test_a_summary_cell_with_a_lone_surrogate_is_still_utf8():
    # a file name that is not valid UTF-8 comes back from the file system with lone surrogates in it
    assert _read(cell("A1", "报告\udcff.xlsx")) == "报告.xlsx"
    assert _read("<row>" + cells(["甲\udcff"], [0]) + "</row>") == "甲"


def test_the_fast_plain_test_agrees_with_the_pattern_on_every_character():
    every = [chr(c) for c in range(0x10000)] + ["\U0001F600", "\U0010FFFF"]
    assert [c for c in every if xml_plain(f"文{c}字") == bool(XML_UNSAFE.search(c))] == []
    assert xml_plain("支部全年开展主题党日12次，完成率100%。" * 50) and not xml_plain("甲" * 999 + "&")
