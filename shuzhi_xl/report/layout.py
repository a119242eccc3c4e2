"""Where the report's lines and pages break on the GB/T 9704 grid (22 lines of 28 characters), computed, not
rendered: the volume's contents carry true page numbers without any field update, and a paragraph that would end
with one lone character is tightened.

The model follows LibreOffice 7.4 and Word on this document: every full-width character advances 16 pt less the
style's character spacing; Latin letters and digits take Times New Roman's widths plus the CJK/Latin gap; a line
may not start with closing punctuation (the character before it goes down too) nor end with opening punctuation;
Latin words and numbers never break. Pages: exact 28.95 pt lines, no widow control, a paragraph kept with the next
moves whole to the next page when the two would part. tests/test_consolidate_render.py checks it against a render.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from . import styles as S
from .lines import title_lines
from .text import Paragraph

#: The text block's width in twips (156 mm).
TEXT_WIDTH = S.PAGE_WIDTH - S.MARGIN_LEFT - S.MARGIN_RIGHT
#: Closing marks no line may start with, and opening marks no line may end with (GB/T 15834 line rules).
NO_LINE_START = "，。、；：！？）》」』】〕〉”’…—·%‰"
NO_LINE_END = "（《「『【〔〈“‘"
#: Times New Roman advance widths in thousandths of an em (Liberation Serif has the same metrics).
_TIMES = dict(zip(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
    (250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, *[500] * 10, 278, 278, 564,
     564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667,
     556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500,
     278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541)))
#: LibreOffice leaves a line that would fill the block to the last twip short by a character: lines must fit in
#: the width less this (twips).
SLACK = 10
#: A tightened paragraph's lines must also fit this much (twips) short of the block: none only just fits.
TIGHT_MARGIN = 40
#: The gap LibreOffice and Word put between Chinese and Latin letters or digits (autospace), in ems.
AUTOSPACE_EM = 0.21
#: How far a paragraph may be tightened to lift a lone last character: its characters set down to 95 % width
#: (w:w). Not tighter character spacing: LibreOffice 7.4 ignores that on lines mixing fonts (a 楷体 heading run,
#: digits in Times New Roman).
TIGHTEST = 95
#: Paragraph roles of the signature block (落款 and 成文日期).
SIGNATURE_ROLES = ("signature", "date")
#: Roles set in body type with a two-character first-line indent.
INDENTED = ("opening", "part", "body", "closing")


def is_wide(char: str) -> bool:
    """Return True for a character set full width in the Chinese font (Chinese, full-width marks, “” —)."""
    return unicodedata.east_asian_width(char) in "WFA" or char not in _TIMES


def advances(text: str, size: float = S.BODY_SIZE, spacing: int = S.CHAR_SPACING, scale: int = 100) -> list[int]:
    """Return each character's advance in twips: its glyph (at *scale* per cent of its width), the character
    spacing, and the autospace gap before it where the script changes between Chinese and Latin."""
    em = size * 20
    out, previous = [], None
    for char in text:
        wide = is_wide(char)
        script = wide if wide or char.isalnum() else None  # no gap beside spaces and Latin punctuation
        gap = AUTOSPACE_EM * em if None not in (previous, script) and previous != script else 0
        out.append(round((em if wide else em * _TIMES[char] / 1000) * scale / 100 + spacing + gap))
        previous = script
    return out


def _tokens(text: str) -> list[str]:
    """Return *text* cut where a line may break: each Chinese character alone, Latin words and numbers whole."""
    out: list[str] = []
    for char in text:
        if out and not is_wide(char) and char != " " and not is_wide(out[-1][-1]) and out[-1][-1] != " ":
            out[-1] += char
        else:
            out.append(char)
    return out


def break_lines(text: str, width: int, first_indent: int = 0, size: float = S.BODY_SIZE,
                spacing: int = S.CHAR_SPACING, scale: int = 100, slack: int = SLACK) -> list[str]:
    """Return *text* broken into lines as LibreOffice breaks a justified paragraph *width* twips wide (lines
    fitting in *slack* twips less)."""
    widths = advances(text, size, spacing, scale)
    lines, line, used, room, position = [], [], 0, width - first_indent, 0
    for token in _tokens(text):
        token_width = sum(widths[position:position + len(token)])
        position += len(token)
        if line and used + token_width > room - slack and token != " ":
            cut = len(line)
            while cut > 1 and (line[cut - 1][0] in NO_LINE_END or (line[cut:] + [token])[0][0] in NO_LINE_START):
                cut -= 1  # a closing mark takes the character before it down; an opening mark goes down too
            lines.append("".join(line[:cut]))
            line, room = line[cut:], width
            # The carried characters start a line: no autospace gap before the first (a character or two).
            used = sum(advances("".join(line), size, spacing, scale))
            token_width = sum(advances("".join(line) + token, size, spacing, scale)) - used
        line.append(token)
        used += token_width
    if line or not lines:
        lines.append("".join(line))
    return [item.rstrip(" ") for item in lines]


#: Roles whose style leaves a blank line above them (署名行 below the title, 落款 below the text).
SPACED_ROLES = ("author", "signature")


@dataclass(frozen=True)
class Laid:
    """A paragraph as laid out: its lines, the blank lines above it, whether it is kept with the next, and the
    width its characters are set at in per cent (None: 100; less when a lone last character was lifted)."""

    lines: tuple[str, ...]
    space_before: int = 0
    keep_with_next: bool = False
    scale: int | None = None


def lone_last_line(lines: Sequence[str]) -> bool:
    """Return True when the last of several lines holds one character, closing marks not counted (“务。”)."""
    return len(lines) > 1 and len(lines[-1].rstrip(NO_LINE_START)) <= 1


def lay_out(paragraph: Paragraph, *, tighten: bool = True) -> Laid:
    """Return how *paragraph* (report.text) is laid out in its role's style."""
    role = paragraph.role
    if role == "title":
        return Laid(tuple(title_lines(paragraph.text)), keep_with_next=True)
    indent = S.FIRST_LINE_INDENT if role in INDENTED else 0
    lines = break_lines(paragraph.text, TEXT_WIDTH, indent)
    scale = None
    if tighten and role in INDENTED and lone_last_line(lines):
        for narrower in range(99, TIGHTEST - 1, -1):
            tight = break_lines(paragraph.text, TEXT_WIDTH, indent, scale=narrower)
            # Not where a line only just fits: the model's Latin widths at a narrower scale are not exact.
            if len(tight) < len(lines) and tight == break_lines(paragraph.text, TEXT_WIDTH, indent, scale=narrower,
                                                               slack=SLACK + TIGHT_MARGIN):
                scale, lines = narrower, tight
                break
    return Laid(tuple(lines), space_before=1 if role in SPACED_ROLES else 0,
                keep_with_next=role in ("title", "part"), scale=scale)


def lay_out_report(paragraphs: Sequence[Paragraph], *, tighten: bool = True) -> list[Laid]:
    """Return every paragraph of a report laid out. 7.3.5: the signature block stays with the text above it, so the
    paragraph before the signature or date, and the signature before the date, are kept with the next."""
    laid = [lay_out(p, tighten=tighten) for p in paragraphs]
    if len(paragraphs) > 1 and paragraphs[0].role == "title" and paragraphs[1].role not in SPACED_ROLES:
        laid[1] = replace(laid[1], space_before=1)  # the title's blank line, which the author line brings when printed
    for i, following in enumerate(paragraphs[1:]):
        if following.role in SIGNATURE_ROLES:
            laid[i] = replace(laid[i], keep_with_next=True)
    return laid


def page_count(laid: Iterable[Laid]) -> int:
    """Return how many pages the paragraphs *laid* fill from the top of a page."""
    paragraphs = list(laid)
    page, line = 1, 0
    i = 0
    while i < len(paragraphs):
        chain = i
        while chain < len(paragraphs) - 1 and paragraphs[chain].keep_with_next:
            chain += 1
        # A run of kept paragraphs and the first line of the one after them must share a page.
        together = sum(p.space_before + len(p.lines) for p in paragraphs[i:chain]) + \
            paragraphs[chain].space_before + 1
        if chain > i and line > 0 and line + together > S.LINES_PER_PAGE and together <= S.LINES_PER_PAGE:
            page, line = page + 1, 0
        for p in paragraphs[i:chain + 1]:
            line += p.space_before if line else 0
            line += len(p.lines)
            while line > S.LINES_PER_PAGE:
                page, line = page + 1, line - S.LINES_PER_PAGE
        i = chain + 1
    return page


def sheets(pages: int) -> int:
    """Return the pages a part starting on an odd page takes up, the blank page before the next odd page included."""
    return 2 * math.ceil(pages / 2)
