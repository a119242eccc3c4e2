"""The report laid out in Word: page setup, named styles, footers, then report.text's paragraphs.

Formatting lives in named styles (公文标题, 一级标题, 二级标题 …), so a user can restyle in Word; paragraphs and runs
carry only their style, the East Asian hint and, for the signature block, its computed indents. A document holds
one typography: a bound volume (汇编) looks the same throughout, whichever options each report chose.
"""

from __future__ import annotations

import datetime as dt

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Pt, Twips
from docx.text.paragraph import Paragraph as WordParagraph

from .. import schema
from ..model import Report
from . import oxml, styles as S
from .lines import advance, signature_indents, title_lines
from .layout import SIGNATURE_ROLES, SPACED_ROLES, TEXT_WIDTH, Laid, lay_out_report
from .text import Paragraph, report_paragraphs

ALIGN = {"both": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "left": WD_ALIGN_PARAGRAPH.LEFT}


def new_document(*, body_font: str = schema.BODY_FONTS[0], bold: str = schema.BOLD_STYLES[-1]) -> Document:
    """Return an empty document set up to GB/T 9704: A4 page, line grid, named styles, odd/even page numbers.

    *body_font* and *bold* are the Info.body_font and Info.bold settings; they shape the styles.
    """
    document = docx.Document()
    oxml.prune_styles(document.styles.element)
    oxml.strip_theme_fonts(document)
    _set_up_page(document)
    _define_styles(document, body_font, bold)
    _add_page_numbers(document)
    return document


def append_report(document: Document, report: Report, body=None) -> list[Laid]:
    """Add *report*'s paragraphs at the end of *body* (default: *document*'s own; the volume passes a scratch body
    whose XML it takes); return them as laid out. A paragraph that would end with one lone character is set
    tighter (layout.lay_out)."""
    body = document.element.body if body is None else body
    paragraphs = report_paragraphs(report)
    laid = lay_out_report(paragraphs)
    indents = _signature_block(paragraphs)
    for paragraph, placed in zip(paragraphs, laid):
        out = _add_paragraph(document, body, paragraph, placed.scale)
        if placed.space_before and paragraph.role not in SPACED_ROLES:
            out.paragraph_format.space_before = Twips(S.LINE_PITCH * placed.space_before)  # no author line below a title
        if paragraph.role in indents:
            out.paragraph_format.left_indent = Twips(indents[paragraph.role])
        if placed.keep_with_next and paragraph.role not in ("title", "part"):
            # 7.3.5: the signature and date are printed with the text above them, never alone on a page. Direct,
            # not in the 落款 style: a date-less signature must not hold on to the next report of a volume.
            out.paragraph_format.keep_with_next = True
    return laid


PROPERTY_CHARS = 255


def build_document(report: Report) -> Document:
    """Return the report as a Word document, typeset with its own options and its properties set."""
    info = report.info
    document = new_document(body_font=info.body_font, bold=info.bold)
    append_report(document, report)
    properties = document.core_properties
    # python-docx refuses a property over 255 characters; a branch name can be any length
    properties.title = info.display_title[:PROPERTY_CHARS]
    properties.author = (info.secretary or info.display_author)[:PROPERTY_CHARS]
    properties.subject = f"{info.year}年度抓基层党建工作述职报告" if info.year else "抓基层党建工作述职报告"
    properties.keywords = "；".join(filter(None, ("述职报告", info.branch, str(info.year or ""))))[:PROPERTY_CHARS]
    properties.category = "述职报告"
    properties.last_modified_by = "shuzhi_xl"
    properties.revision = 1
    properties.created = properties.modified = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    return document


def _set_up_page(document: Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Twips(S.PAGE_WIDTH), Twips(S.PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = Twips(S.MARGIN_TOP), Twips(S.MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Twips(S.MARGIN_LEFT), Twips(S.MARGIN_RIGHT)
    section.header_distance, section.footer_distance = Twips(S.HEADER_DISTANCE), Twips(S.FOOTER_DISTANCE)
    section.gutter = Twips(0)
    oxml.set_line_grid(section._sectPr, S.LINE_PITCH)
    document.settings.odd_and_even_pages_header_footer = True
    oxml.set_theme_language(document.settings.element, S.LANGUAGE)


def _define_styles(document: Document, body_font: str, bold: str) -> None:
    """Reset the template's defaults and Normal to the body's values, then add the named styles on Normal."""
    styles = document.styles
    rpr, ppr = oxml.doc_defaults(styles.element)
    rpr.clear()
    ppr.clear()
    oxml.set_fonts(rpr, S.face(S.BODY, body_font), S.LATIN_FONT)
    oxml.set_language(rpr, S.LANGUAGE)
    oxml.set_punctuation_overflow(ppr)
    normal = styles["Normal"]
    _apply(normal, S.BODY, body_font, bold)
    normal.paragraph_format.widow_control = False
    oxml.set_grid_off(normal.element.get_or_add_pPr())
    for spec in S.PARAGRAPH_STYLES + S.CHARACTER_STYLES:
        kind = WD_STYLE_TYPE.PARAGRAPH if spec.paragraph else WD_STYLE_TYPE.CHARACTER
        style = styles.add_style(spec.name, kind)
        style.style_id = spec.style_id
        style.base_style = normal if spec.paragraph else None
        style.quick_style = True
        _apply(style, spec, body_font, bold)


def _apply(style, spec: S.StyleSpec, body_font: str, bold: str) -> None:
    font = style.font
    font.size = Pt(spec.size)
    font.bold = S.is_bold(spec, bold) if spec.bold_kind else False
    rpr = style.element.get_or_add_rPr()
    oxml.set_fonts(rpr, S.face(spec, body_font), spec.latin)
    oxml.set_char_spacing(rpr, spec.char_spacing)
    if not spec.paragraph:
        return
    fmt = style.paragraph_format
    fmt.alignment = ALIGN[spec.align]
    fmt.first_line_indent = Twips(spec.first_line)
    fmt.left_indent, fmt.right_indent = Twips(spec.left), Twips(spec.right)
    fmt.space_before, fmt.space_after = Twips(spec.space_before), Twips(0)
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Twips(S.LINE_PITCH)
    fmt.keep_with_next = spec.keep_with_next
    if spec.outline_level is not None:
        oxml.set_outline_level(style.element.get_or_add_pPr(), spec.outline_level)


def _add_page_numbers(document: Document) -> None:
    """Put — n — on odd (right) and even (left) pages; later sections inherit these footers."""
    section = document.sections[0]
    for footer, style in ((section.footer, S.PAGE_ODD.name), (section.even_page_footer, S.PAGE_EVEN.name)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = document.styles[style]
        oxml.set_hint(paragraph.add_run(f"{S.PAGE_NUMBER_DASH} ")._r.get_or_add_rPr())
        oxml.add_page_field(paragraph)
        oxml.set_hint(paragraph.add_run(f" {S.PAGE_NUMBER_DASH}")._r.get_or_add_rPr())


def _add_paragraph(document: Document, body, paragraph: Paragraph, scale: int | None) -> WordParagraph:
    """Add *paragraph* at the end of *body*, its characters at *scale* per cent width when it was tightened. Styles
    are set by their ids, which this module defined: python-docx's ``style = `` looks the style up among all of
    them for every paragraph and run."""
    p = oxml.append_paragraph(body)
    p.style = S.ROLE_STYLES[paragraph.role]
    out = WordParagraph(p, document)
    if paragraph.role == "title":
        run = None
        for line in title_lines(paragraph.text):
            if run is not None:
                run.add_break()  # soft breaks: the title stays one paragraph for TOC, navigation and import
            run = out.add_run(line)
            oxml.set_hint(run._r.get_or_add_rPr())
        return out
    for item in paragraph.runs:
        run = out.add_run(item.text)
        style_id = S.RUN_STYLES.get(item.kind) if paragraph.role == "body" else None
        if style_id:
            run._r.style = style_id
        oxml.set_hint(run._r.get_or_add_rPr())
        if scale is not None:
            oxml.set_char_scale(run._r.get_or_add_rPr(), scale)
    return out


def _signature_block(paragraphs: list[Paragraph]) -> dict[str, int]:
    """Return the left indents (twips) of the signature and date paragraphs, as 7.3.5.2 places them: the right
    edge 右空二字, the date's first character two characters right of the signature's. Left indents, not right
    ones: the two-character offset then holds exactly even where an application sets digits narrower or wider."""
    texts = {p.role: p.text for p in paragraphs if p.role in SIGNATURE_ROLES}
    if not texts:
        return {}
    signature, date = texts.get("signature", ""), texts.get("date", "")
    right = dict(zip(("signature", "date"), signature_indents(signature, date)))
    return {role: TEXT_WIDTH - right[role] - advance(text) for role, text in texts.items()}
