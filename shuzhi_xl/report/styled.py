"""The report's paragraphs as Word gets them, written as WordprocessingML text.

report.text gives the paragraphs, report.layout lays them out once; here each becomes plain data (style id, runs,
direct formatting: the title's soft breaks, the signature block's indents, keep-with-next, the tightened width)
and then a w:p element written as a string. No python-docx: the single report's .docx (report.package) and each
report's part of the bound volume (consolidate.volume) are written from this text, which a test holds byte for
byte to the elements python-docx builds for the same paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from ..storable import xml_text
from . import styles as S
from .layout import SIGNATURE_ROLES, SPACED_ROLES, TEXT_WIDTH, Laid, advances, lay_out_report
from .lines import signature_indents
from .text import Paragraph

#: A run's tab and line-break characters, which python-docx writes as elements between its w:t pieces.
_TEXT_CONTROLS = {"\t": "<w:tab/>", "\n": "<w:br/>", "\r": "<w:br/>"}
_TEXT_SPLIT = re.compile(r"([\t\n\r])")


class StyledRun(NamedTuple):
    """A run as Word gets it: text, character style id, character width in per cent, a line break after it."""

    text: str
    style: str | None = None
    scale: int | None = None
    line_break: bool = False


class StyledParagraph(NamedTuple):
    """A paragraph as Word gets it: style id, runs, and the direct formatting it carries (twips)."""

    style: str
    runs: tuple[StyledRun, ...]
    space_before: int | None = None
    left_indent: int | None = None
    keep_with_next: bool = False


def styled_report(paragraphs: Sequence[Paragraph]) -> tuple[list[Laid], list[StyledParagraph]]:
    """Return a report's *paragraphs* (text.report_paragraphs) laid out and as Word gets them. A paragraph that
    would end with one lone character is set tighter (layout.lay_out)."""
    laid = lay_out_report(paragraphs)
    indents = _signature_block(paragraphs)
    return laid, [_styled(paragraph, placed, indents.get(paragraph.role)) for paragraph, placed in zip(paragraphs, laid)]


def report_xml(paragraphs: Sequence[Paragraph]) -> tuple[list[Laid], bytes]:
    """Return a report's *paragraphs* laid out, and as w:p elements (UTF-8, no namespace declarations)."""
    laid, styled = styled_report(paragraphs)
    return laid, "".join(map(paragraph_xml, styled)).encode()


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


def _signature_block(paragraphs: Sequence[Paragraph]) -> dict[str, int]:
    """Return the left indents (twips) of the signature and date paragraphs, as 7.3.5.2 places them (lines.
    signature_indents). Left indents, not right ones: the two-character offset then holds exactly even where an
    application sets digits narrower or wider."""
    widths = {p.role: sum(advances(p.text)) for p in paragraphs if p.role in SIGNATURE_ROLES}
    if not widths:
        return {}
    lefts = signature_indents(widths.get("signature", 0), widths.get("date", 0), TEXT_WIDTH)
    return {role: left for role, left in zip(SIGNATURE_ROLES, lefts) if role in widths}


def paragraph_xml(paragraph: StyledParagraph) -> str:
    """Return *paragraph* as a w:p element written out as text, exactly as python-docx's elements serialise."""
    ppr = [f'<w:pStyle w:val="{_attribute(paragraph.style)}"/>']
    if paragraph.keep_with_next:
        ppr.append("<w:keepNext/>")
    if paragraph.space_before is not None:
        ppr.append(f'<w:spacing w:before="{paragraph.space_before}"/>')
    if paragraph.left_indent is not None:
        ppr.append(f'<w:ind w:left="{paragraph.left_indent}"/>')
    return f'<w:p><w:pPr>{"".join(ppr)}</w:pPr>{"".join(map(run_xml, paragraph.runs))}</w:p>'


def run_xml(run: StyledRun) -> str:
    """Return *run* as a w:r element: python-docx's tab, line break and xml:space rules for its text."""
    rpr = f'<w:rStyle w:val="{_attribute(run.style)}"/>' if run.style else ""
    rpr += '<w:rFonts w:hint="eastAsia"/>'
    if run.scale is not None:
        rpr += f'<w:w w:val="{run.scale}"/>'
    text = run.text
    if "\t" in text or "\n" in text or "\r" in text:
        content = "".join(_TEXT_CONTROLS.get(piece) or _text_xml(piece) for piece in _TEXT_SPLIT.split(text) if piece)
    else:
        content = _text_xml(text) if text else ""
    return f'<w:r><w:rPr>{rpr}</w:rPr>{content}{"<w:br/>" if run.line_break else ""}</w:r>'


def field_xml(instruction: str) -> tuple[str, str]:
    """Return the runs that open a field with *instruction* (begin, the instruction, separate: the runs after them
    are its shown result until it is updated) and the run that closes it, as w:r elements."""
    code = f'<w:r><w:instrText xml:space="preserve">{xml_text(instruction)}</w:instrText></w:r>'
    return f"{_field_char('begin')}{code}{_field_char('separate')}", _field_char("end")


def _field_char(kind: str) -> str:
    return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'


def _attribute(value: str) -> str:
    return xml_text(value).replace('"', "&quot;")


def _text_xml(text: str) -> str:
    space = ' xml:space="preserve"' if len(text.strip()) < len(text) else ""
    return f"<w:t{space}>{xml_text(text)}</w:t>"
