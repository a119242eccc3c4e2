"""The report laid out in Word: page setup, named styles, footers, then report.text's paragraphs.

Formatting lives in named styles (公文标题, 一级标题, 二级标题 …), so a user can restyle in Word; paragraphs and runs
carry only their style, the East Asian hint and, for the signature block, its computed indents. A document holds
one typography: a bound volume (汇编) looks the same throughout, whichever options each report chose.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Pt, Twips
from docx.text.paragraph import Paragraph as WordParagraph

from .. import schema
from ..model import Report
from . import oxml, styles as S
from .lines import signature_indents
from .layout import SIGNATURE_ROLES, SPACED_ROLES, TEXT_WIDTH, Laid, advances, lay_out_report
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


@dataclass(frozen=True)
class StyledRun:
    """A run as Word gets it: text, character style id, character width in per cent, a line break after it."""

    text: str
    style: str | None = None
    scale: int | None = None
    line_break: bool = False


@dataclass(frozen=True)
class StyledParagraph:
    """A paragraph as Word gets it: style id, runs, and the direct formatting it carries (twips)."""

    style: str
    runs: tuple[StyledRun, ...]
    space_before: int | None = None
    left_indent: int | None = None
    keep_with_next: bool = False


def styled_report(report: Report) -> tuple[list[Laid], list[StyledParagraph]]:
    """Return *report*'s paragraphs laid out and as Word gets them, as plain data (the report's .docx builds them
    with python-docx, the volume writes them as text). A paragraph that would end with one lone character is set
    tighter (layout.lay_out)."""
    paragraphs = report_paragraphs(report)
    laid = lay_out_report(paragraphs)
    indents = _signature_block(paragraphs)
    return laid, [_styled(paragraph, placed, indents.get(paragraph.role)) for paragraph, placed in zip(paragraphs, laid)]


def _styled(paragraph: Paragraph, placed: Laid, left_indent: int | None) -> StyledParagraph:
    if paragraph.role == "title":
        # soft breaks: the title stays one paragraph for TOC, navigation and import
        runs = tuple(StyledRun(line, line_break=n < len(placed.lines) - 1) for n, line in enumerate(placed.lines))
    else:
        runs = tuple(StyledRun(item.text, S.RUN_STYLES.get(item.kind) if paragraph.role == "body" else None,
                               placed.scale) for item in paragraph.runs)
    space_before = S.LINE_PITCH * placed.space_before  # no author line below a title
    return StyledParagraph(
        S.ROLE_STYLES[paragraph.role], runs,
        space_before if placed.space_before and paragraph.role not in SPACED_ROLES else None, left_indent,
        # 7.3.5: the signature and date are printed with the text above them, never alone on a page. Direct, not in
        # the 落款 style: a date-less signature must not hold on to the next report of a volume.
        placed.keep_with_next and paragraph.role not in ("title", "part"))


def append_report(document: Document, report: Report) -> None:
    """Add *report*'s paragraphs at the end of *document*."""
    for paragraph in styled_report(report)[1]:
        _add_paragraph(document, paragraph)


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


def _add_paragraph(document: Document, paragraph: StyledParagraph) -> None:
    """Add *paragraph* at the end of *document*. Styles are set by their ids, which this module defined:
    python-docx's ``style = `` looks the style up among all of them for every paragraph and run."""
    p = oxml.append_paragraph(document.element.body)
    p.style = paragraph.style
    out = WordParagraph(p, document)
    for item in paragraph.runs:
        run = out.add_run(item.text)
        if item.style:
            run._r.style = item.style
        oxml.set_hint(run._r.get_or_add_rPr())
        if item.scale is not None:
            oxml.set_char_scale(run._r.get_or_add_rPr(), item.scale)
        if item.line_break:
            run.add_break()
    fmt = out.paragraph_format
    if paragraph.space_before is not None:
        fmt.space_before = Twips(paragraph.space_before)
    if paragraph.left_indent is not None:
        fmt.left_indent = Twips(paragraph.left_indent)
    if paragraph.keep_with_next:
        fmt.keep_with_next = True


def _signature_block(paragraphs: list[Paragraph]) -> dict[str, int]:
    """Return the left indents (twips) of the signature and date paragraphs, as 7.3.5.2 places them: the right
    edge 右空二字, the date's first character two characters right of the signature's. Left indents, not right
    ones: the two-character offset then holds exactly even where an application sets digits narrower or wider."""
    widths = {p.role: sum(advances(p.text)) for p in paragraphs if p.role in SIGNATURE_ROLES}
    if not widths:
        return {}
    right = dict(zip(SIGNATURE_ROLES, signature_indents(widths.get("signature", 0), widths.get("date", 0))))
    return {role: TEXT_WIDTH - right[role] - width for role, width in widths.items()}
