"""The report's Word document as python-docx builds it: page set-up, named styles, footers (the body is written
as text: report.styled).

Formatting lives in named styles (公文标题, 一级标题, 二级标题 …), so a user can restyle in Word; paragraphs and runs
carry only their style, the East Asian hint and, for the signature block, its computed indents. A document holds
one typography: a bound volume (汇编) looks the same throughout, whichever options each report chose. Built at
build time for the single report (``skeletons``, written from them by report.package) and at run time for the
volume, whose cover and contents vary.
"""

from __future__ import annotations

import io

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Pt, Twips
from lxml import etree

from .. import schema
from ..opc import repack
from . import oxml, package, styles as S

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


def skeletons() -> dict[str, bytes]:
    """Return the skeleton of a report's .docx for every body_font × bold setting, by name (report.package): an
    empty document with a marker where the body goes, its zip entries stamped with a fixed time so that a build is
    byte-identical. `shuzhi build-excel` writes them into the package."""
    out = {}
    for body_font in schema.BODY_FONTS:
        for bold in schema.BOLD_STYLES:
            document = new_document(body_font=body_font, bold=bold)
            document.element.body[-1].addprevious(etree.Comment(package.MARKER_TEXT))
            saved = io.BytesIO()
            document.save(saved)
            out[package.skeleton_name(body_font, bold)] = repack(saved.getvalue())
    return out


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


