"""Text copied out of a PDF: page markers between the lines, and paragraphs broken into the PDF's lines.

A PDF has no paragraphs, only lines: text copied from it breaks every paragraph at the page's right margin
and carries the page numbers (— 3 —, 第3页, 3/12) as lines of their own. Both are recognised from the text
alone: page markers by their shape, hard wraps by lines that fill the same width and stop mid-sentence.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from .document import Note, SourceParagraph
from .labels import POINT_FAMILIES, leading_label

_DASHES = "—－\\-–~～·"
#: A page number on its own line: — 3 —, -3-, 第3页, 第 3 页 共 12 页, 3/12, 3 / 12, or a bare 3.
PAGE_MARKER = re.compile(rf"^\s*(?:[{_DASHES}]+\s*\d{{1,3}}\s*[{_DASHES}]+|第\s*\d{{1,3}}\s*页(?:\s*[，,/]?\s*共\s*\d{{1,3}}\s*页)?|"
                         rf"\d{{1,3}}\s*/\s*\d{{1,3}}|\d{{1,3}})\s*$")
#: How a paragraph's last line ends: a sentence mark, a colon, perhaps a closing quote or bracket.
_ENDS_PARAGRAPH = re.compile(r"[。！？；：:!?;…][”’」』）)]*$")
#: The first-line indent a PDF keeps as leading spaces (two full-width spaces, or four or more half-width).
_INDENT = re.compile(r"^(?:\u3000|\s{2,})")
#: Punctuation inside a line of prose (a title or heading filling the width has none).
_PUNCTUATION = re.compile(r"[，。、；：！？“”（）《》,;:]")
#: Lines within this many columns of the common width fill the line.
WIDTH_SLACK = 3
#: Fewest full lines, and their least share of the longer lines, for the text to count as wrapped; narrowest
#: width a page's text is wrapped at (in columns: 20 Chinese characters).
MIN_FULL_LINES, MIN_FULL_SHARE, MIN_WIDTH = 4, 0.4, 40


def width(text: str) -> int:
    """Return the columns *text* takes on its line, its indent included: two for a wide (CJK, full-width)
    character, one for others."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text.rstrip())


def drop_page_markers(paragraphs: list[SourceParagraph], notes: list[Note]) -> list[SourceParagraph]:
    """Return *paragraphs* without page-number lines; one note names them. A bare number is a page marker only
    when the lines around it are text (a lone "3" between sentences), never at the start or end of the text."""
    kept, dropped = [], []
    for k, p in enumerate(paragraphs):
        marker = PAGE_MARKER.match(p.text) and p.text.strip()
        if marker and (not marker.isdigit() or 0 < k < len(paragraphs) - 1):
            dropped.append(p)
        else:
            kept.append(p)
    if dropped:
        where = "、".join(f"第{p.number}段（{p.text.strip()}）" for p in dropped)
        notes.append(Note(f"{where}是页码，不属于正文，已删除。", dropped[0].number))
    return kept


def full_width(lines: list[SourceParagraph]) -> int | None:
    """Return the width the text was wrapped at, or None when it does not look wrapped: many lines share one
    width, hardly any is wider, and most of those that fill it stop mid-sentence."""
    widths = [width(p.text) for p in lines if width(p.text) >= MIN_WIDTH // 2]
    if not widths:
        return None
    common = max(Counter(widths).items(), key=lambda item: (item[1], item[0]))[0]
    full = [p for p in lines if abs(width(p.text) - common) <= WIDTH_SLACK]
    cut = [p for p in full if not _ENDS_PARAGRAPH.search(p.text.strip())]
    wider = [w for w in widths if w > common + WIDTH_SLACK]
    if common < MIN_WIDTH or len(full) < max(MIN_FULL_LINES, MIN_FULL_SHARE * len(widths)) \
            or len(cut) < len(full) / 2 or len(wider) > len(widths) / 20:
        return None
    return common


def rejoin_wrapped(lines: list[SourceParagraph], notes: list[Note], printed: bool = False) -> list[SourceParagraph]:
    """Return the paragraphs of text that was hard-wrapped at a fixed width, and a note naming the rejoined lines.
    Text that is not wrapped is returned as it is. *printed*: the lines are known to be a PDF's (pdf.py), so
    first-line indents alone tell where paragraphs start, though figures and justification make widths uneven."""
    indented = sum(1 for p in lines if _INDENT.match(p.text)) >= 2
    common = full_width(lines)
    if common is None and printed and indented:
        common = _printed_width(lines)
    if common is None:
        return lines
    out: list[list[SourceParagraph]] = []
    for p in lines:
        if out and _continues(out[-1][-1], p, common, indented, printed):
            out[-1].append(p)
        else:
            out.append([p])
    joined = [group for group in out if len(group) > 1]
    if joined:
        where = "、".join(f"第{g[0].number}—{g[-1].number}段" for g in joined)
        notes.append(Note(f"文本像是从PDF复制的，每行在页边处断开：已把{where}各自合并为一段，请核对分段。",
                          joined[0][0].number))
    return [SourceParagraph("".join(q.text.strip() for q in group), group[0].number) for group in out]


#: Share of a PDF's widest lines a line fills at least to be wrapped at the margin: a PDF justifies its lines,
#: but figures and Latin letters are narrower in print than in columns.
PRINTED_FILL = 0.8


def _printed_width(lines: list[SourceParagraph]) -> int:
    """Return the width a PDF's lines fill, measured so that _continues takes PRINTED_FILL of it as full."""
    widest = max(width(p.text) for p in lines)
    return int(widest * PRINTED_FILL) + WIDTH_SLACK


def _continues(before: SourceParagraph, line: SourceParagraph, common: int, indented: bool, printed: bool) -> bool:
    """Return whether *line* goes on with the paragraph *before* ends: that one fills the width, and *line* has no
    first-line indent (when the text keeps them) or, without indents, starts no numbered unit and *before* is a
    sentence's text, not a title without any punctuation. A full line ending in 。 still goes on: a sentence ends
    at the margin more often than a paragraph fills its last line."""
    if width(before.text) < common - WIDTH_SLACK:
        return False
    label = leading_label(line.text)
    starts_unit = bool(label and label.family not in POINT_FAMILIES)
    if indented:  # a PDF loses the indent of a page whose lines all have one: a numbered unit still starts anew
        return not _INDENT.match(line.text) and not (printed and starts_unit)
    return not starts_unit and bool(_PUNCTUATION.search(before.text))
