"""XML read-back of the typesetting (GB/T 9704-2012 values as docs/gongwen-format.md gives them), on the sample
and on workbooks with every option switched. Expected numbers are the standard's, written out here."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from shuzhi_xl.report import layout
from shuzhi_xl.report.text import report_paragraphs
from shuzhi_xl.samples import sample_report
from shuzhi_xl.xlsx.template import write_workbook
from shuzhi_xl.report.write import write_report
from shuzhi_xl.xlsx.reader import read_workbook
from report_support import DATE, NS, SIGNATURE, Docx, run_text, switched_workbook, w

ORDINAL = re.compile(r"^[一二三四五六七八九十]+是$")
#: Info.bold → run kinds printed bold.
BOLD = {"不加粗": set(), "仅序号": {"ordinal"}, "序号及引语": {"ordinal", "lead"}}


@pytest.fixture(scope="module", params=["sample", "不加粗", "仅序号"])
def case(request, tmp_path_factory):
    """Return (report, Docx) for the sample and for two workbooks with all options switched."""
    folder = tmp_path_factory.mktemp("report")
    workbook = (write_workbook(folder / "示例.xlsx", sample_report()) if request.param == "sample"
                else switched_workbook(folder, request.param))
    report = read_workbook(workbook)
    return report, Docx(write_report(report, folder / "报告.docx"))


def test_page_is_a4_with_gbt9704_margins_and_a_line_grid(case):
    _, doc = case
    sections = doc.document.findall(".//w:sectPr", NS)
    assert sections
    for sect in sections:
        size, margins, grid = (sect.find(f"w:{n}", NS) for n in ("pgSz", "pgMar", "docGrid"))
        assert (size.get(w("w")), size.get(w("h"))) == ("11906", "16838")
        assert {k: margins.get(w(k)) for k in ("top", "bottom", "left", "right", "footer")} == \
            {"top": "2098", "bottom": "1984", "left": "1587", "right": "1474", "footer": "1372"}
        assert (grid.get(w("type")), grid.get(w("linePitch"))) == ("lines", "579")
        assert grid.get(w("charSpace")) is None


def test_no_theme_font_attribute_in_any_part(case):
    _, doc = case
    for name, root in doc.xml.items():
        for element in root.iter():
            themed = [a for a in element.attrib if a.rsplit("}", 1)[-1].endswith("Theme")
                      or a.rsplit("}", 1)[-1] == "cstheme"]
            assert not themed, (name, element.tag, themed)


def test_chinese_language_everywhere(case):
    _, doc = case
    lang = doc.xml["word/settings.xml"].find("w:themeFontLang", NS)
    assert lang.get(w("eastAsia")) == "zh-CN"
    assert doc.defaults.find("w:rPrDefault/w:rPr/w:lang", NS).get(w("eastAsia")) == "zh-CN"


def _expected_font(role: str, kind: str, kai: str, fang: str) -> str:
    if role == "title":
        return "方正小标宋简体"
    if role == "author" or (role == "body" and kind == "heading"):
        return kai
    return "黑体" if role == "part" else fang


def test_every_run_has_the_right_fonts_sizes_spacing_and_bold(case):
    report, doc = case
    fang = report.info.body_font
    kai = "楷体_GB2312" if fang == "仿宋_GB2312" else "楷体"
    model = report_paragraphs(report)
    paragraphs = doc.body_paragraphs
    assert [p.role for p in model] and len(paragraphs) == len(model)
    for para, expected in zip(paragraphs, model):
        runs = [r for r in para.iterfind("w:r", NS) if run_text(r)]
        kinds = [r.kind for r in expected.runs]
        if expected.role == "title":
            kinds = ["text"] * len(runs)
        assert len(runs) == len(kinds), expected.text
        for run, kind in zip(runs, kinds):
            font = _expected_font(expected.role, kind, kai, fang)
            assert doc.prop(para, run, "w:rFonts", "eastAsia") == font, (expected.role, kind, run_text(run))
            assert doc.prop(para, run, "w:rFonts", "ascii") == "Times New Roman"
            assert doc.prop(para, run, "w:rFonts", "hAnsi") == "Times New Roman"
            assert doc.prop(para, run, "w:rFonts", "hint") == "eastAsia"
            title = expected.role == "title"
            assert doc.prop(para, run, "w:sz") == ("44" if title else "32")
            assert int(doc.prop(para, run, "w:spacing") or 0) == (0 if title else -5)
            # Full width, or a little narrower in a paragraph that would otherwise end with a lone character
            scale = int(doc.prop(para, run, "w:w") or 100)
            assert scale == 100 or layout.TIGHTEST <= scale < 100 and \
                layout.lone_last_line(layout.break_lines(expected.text, layout.TEXT_WIDTH, 640)), expected.text
            bold = kind in BOLD[report.info.bold] and expected.role == "body"
            assert doc.is_bold(para, run) == bold, (kind, run_text(run))
            if kind == "ordinal":
                assert ORDINAL.match(run_text(run))


def test_paragraphs_sit_on_exact_579_twip_lines_with_2_char_indents(case):
    report, doc = case
    model = report_paragraphs(report)
    centred, flush = {"title", "author"}, {"title", "author", "salutation", "signature", "date"}
    for para, expected in zip(doc.body_paragraphs, model):
        assert (doc.prop(para, None, "w:spacing", "line"), doc.prop(para, None, "w:spacing", "lineRule")) == \
            ("579", "exact")
        assert int(doc.prop(para, None, "w:spacing", "after") or 0) == 0
        assert int(doc.prop(para, None, "w:ind", "firstLine") or 0) == (0 if expected.role in flush else 640)
        assert doc.prop(para, None, "w:ind", "firstLineChars") is None
        jc = {"signature": "left", "date": "left"}.get(expected.role, "center" if expected.role in centred
                                                          else ("left" if expected.role == "salutation" else "both"))
        assert doc.prop(para, None, "w:jc") == jc, expected.role
        assert doc.prop(para, None, "w:widowControl") == "0"
        assert doc.prop(para, None, "w:snapToGrid") == "0"
    below_title = doc.body_paragraphs[1]
    assert doc.prop(below_title, None, "w:spacing", "before") == "579"  # one blank line below the title


def test_title_lines_are_soft_breaks_of_one_paragraph(case):
    _, doc = case
    title = doc.body_paragraphs[0]
    assert len(title.findall(".//w:br", NS)) == 1


def test_footers_carry_a_page_field_right_on_odd_left_on_even_pages(case):
    _, doc = case
    assert doc.xml["word/settings.xml"].find("w:evenAndOddHeaders", NS) is not None
    sect = doc.document.find("w:body/w:sectPr", NS)
    refs = {r.get(w("type")): r.get(f"{{{NS['r']}}}id") for r in sect.iterfind("w:footerReference", NS)}
    assert set(refs) == {"default", "even"}
    for kind, jc, side in (("default", "right", "right"), ("even", "left", "left")):
        para = doc.part(refs[kind]).find("w:p", NS)
        assert [t.text.strip() for t in para.iter(w("instrText"))] == ["PAGE"]
        assert [c.get(w("fldCharType")) for c in para.iter(w("fldChar"))] == ["begin", "separate", "end"]
        assert doc.prop(para, None, "w:jc") == jc
        assert doc.prop(para, None, "w:ind", side) == "280"
        text = "".join(t.text for t in para.iter(w("t")))
        assert re.fullmatch(r"— \d+ —", text)
        for run in para.iter(w("r")):
            assert doc.prop(para, run, "w:rFonts", "eastAsia") == "宋体"
            assert doc.prop(para, run, "w:rFonts", "ascii") == "宋体"  # half-width digits in 宋体
            assert doc.prop(para, run, "w:sz") == "28"


@pytest.mark.parametrize("case", ["不加粗", "仅序号"], indirect=True)  # the sample has no signature
def test_signature_and_date_close_the_switched_report(case):
    report, doc = case
    texts = ["".join(run_text(r) for r in p.iterfind("w:r", NS)) for p in doc.body_paragraphs]
    assert texts[-2:] == [SIGNATURE, f"{DATE.year}年{DATE.month}月{DATE.day}日"]
    assert re.fullmatch(r"\d{4}年[1-9]\d?月[1-9]\d?日", texts[-1])  # no leading zeros
    # The sample names no secretary: no author line (none is made up), so the salutation follows the title.
    assert texts[-3] == "特此报告，请予评议。" and texts[1] == "各位领导、同志们："
    assert "支部现有党员23名，【缺：未填指标】，" in texts[2]
    assert "三、原因分析" in texts and texts[texts.index("三、原因分析") + 1].startswith("（一）理论学习不够深入。")
    study = next(i for i, t in enumerate(texts) if t.startswith("（一）加强政治学习"))
    assert [t[:2] for t in texts[study + 1:study + 4]] == ["一是", "二是", "三是"]  # 逐条分段: a paragraph each
    signature, date = doc.body_paragraphs[-2:]
    assert doc.prop(signature, None, "w:spacing", "before") == "579"  # 空一行 below the text
    # 7.3.5.2: the date's first character two characters (2 × 315 twips) right of the signature's, set as left
    # indents so that no application's digit widths can move one against the other.
    left = [int(doc.prop(p, None, "w:ind", "left")) for p in (signature, date)]
    assert left[1] - left[0] == 2 * 315


def _keeps_with_next(doc: Docx, paragraph) -> bool:
    """Return True when *paragraph* is kept with the next one (<w:keepNext/> with no value means on)."""
    for layer in doc._layers(paragraph, None):
        element = layer.find("w:keepNext", NS) if layer is not None else None
        if element is not None:
            return element.get(w("val"), "1") not in ("0", "false")
    return False


@pytest.mark.parametrize("closing", ["特此报告，请予评议。", ""], ids=["closing", "no-closing"])
def test_the_signature_block_is_kept_with_the_text_above(tmp_path, closing):
    report = read_workbook(switched_workbook(tmp_path, "仅序号"))
    report.info = replace(report.info, closing=closing)
    doc = Docx(write_report(report, tmp_path / "报告.docx"))
    roles = [p.role for p in report_paragraphs(report)]
    kept = [role for role, para in zip(roles, doc.body_paragraphs) if _keeps_with_next(doc, para)]
    # 7.3.5: closing (or last body paragraph) → signature → date on one page; headings stay with their text.
    assert kept == ["title"] + ["part"] * roles.count("part") + [roles[-3], "signature"]
    assert roles[-3:] == ["closing" if closing else "body", "signature", "date"]


def test_document_properties_name_title_author_and_year(sample_xlsx, tmp_path):
    import docx

    report = read_workbook(sample_xlsx)
    props = docx.Document(str(write_report(report, tmp_path / "r.docx"))).core_properties
    assert props.title == report.info.display_title
    assert props.author == report.info.display_author
    assert "2021" in props.subject and "2021" in props.keywords


def test_named_styles_are_visible_in_word(case):
    _, doc = case
    names = {s.find("w:name", NS).get(w("val")) for s in doc.styles.values()}
    assert {"公文标题", "署名行", "公文正文", "一级标题", "二级标题", "要点序号", "要点引语", "落款", "成文日期"} <= names
    used = {p.find("w:pPr/w:pStyle", NS).get(w("val")) for p in doc.body_paragraphs}
    assert all(doc.styles[u].get(w("customStyle")) == "1" for u in used)


def test_rpr_children_keep_the_schema_order(case):
    _, doc = case
    for root in doc.xml.values():
        for rpr in root.iter(w("rPr")):
            tags = [c.tag for c in rpr]
            if w("rStyle") in tags:
                assert tags[0] == w("rStyle")
            if w("rFonts") in tags:
                assert tags.index(w("rFonts")) <= 1
        for ppr in root.iter(w("pPr")):
            tags = [c.tag for c in ppr]
            if w("pStyle") in tags:
                assert tags[0] == w("pStyle")
