"""A standard sub-section's lead and points, and the layout the document used for them.

Points are numbered 一是/二是 in the genre, but documents also use 第一，/1./1、/（1）/① — all accepted,
in half-width or full-width forms. The generator writes 一是 again on output.
"""

from __future__ import annotations

import re

from .. import schema
from ..model import Location, Point
from ..numerals import ASCII_TO_FULLWIDTH, CIRCLED, chinese_numeral, label_patterns
from .document import SourceParagraph

#: Longest first sentence of a point still taken as its short lead clause (the seed's longest is 22).
LEAD_MAX = 25
_LEAD_END = re.compile(r"[。：]")
#: A point starts a paragraph, or follows the end of a sentence, a colon or a comma (一是…，二是…).
_POINT_PLACE = r"(?:^|(?<=[。；！？：:，,\s]))\s*"
INLINE, SEPARATE, EACH = schema.LAYOUTS


#: The styles that number points, as their first label is written (for notes).
_STYLES = ("一是", "第一，", "1.", "1、", "（1）", "①")


def _ordinal_patterns(n: int) -> list[str]:
    """Return the pattern of the n-th point in each style, in the order of _STYLES."""
    digits = f"(?:{n}|{str(n).translate(ASCII_TO_FULLWIDTH)})"
    circled = CIRCLED[n - 1] if n <= len(CIRCLED) else "(?!)"  # past ⑳ the style matches nothing
    patterns = dict(label_patterns(chinese_numeral(n), digits, circled))
    return [patterns[style] for style in _STYLES]


def has_point(text: str, family: str, n: int) -> bool:
    """Return True when *text* holds the *n*-th point numbered in *family* (一是, 1., （1）…) where a point starts."""
    if family not in _STYLES:
        return False
    return bool(re.search(_POINT_PLACE + _ordinal_patterns(n)[_STYLES.index(family)], text))


def first_point_label(text: str) -> str:
    """Return the label of the first point in *text* as written (一是, 1．, （1）…), "" when there is none."""
    found = None
    for pattern in _ordinal_patterns(1):
        match = re.compile(f"{_POINT_PLACE}({pattern})").search(text)
        if match and (found is None or match.start() < found.start()):
            found = match
    return found.group(1) if found else ""


def split_points(text: str, first: int = 1) -> tuple[str, list[str]]:
    """Return (text before the first point, the points' texts without their ordinals).

    Points are found in sequence from *first* (一是, then 二是 …), each at the start or after a sentence
    end, so a 是 inside a sentence never starts a point.
    """
    starts: list[tuple[int, int]] = []
    position, n = 0, first
    while True:
        found = None
        for pattern in _ordinal_patterns(n):
            match = re.compile(_POINT_PLACE + pattern).search(text, position)
            if match and (found is None or match.start() < found.start()):
                found = match
        if not found:
            break
        starts.append((found.start(), found.end()))
        position, n = found.end(), n + 1
    if not starts:
        return text.strip(), []
    ends = [start for start, _ in starts[1:]] + [len(text)]
    return text[: starts[0][0]].strip(), [text[end:stop].strip() for (_, end), stop in zip(starts, ends)]


def make_point(text: str, more: list[str], where: dict[str, Location]) -> Point:
    """Return a Point: a short first sentence is its lead clause when more text follows; *more* are
    paragraphs without an ordinal that continue it (a lead alone on its line is then followed by its body)."""
    if more and len(text) <= LEAD_MAX and not re.search(r"[，。；：！？]", text.rstrip("。：")):
        return Point(text.rstrip("。"), "\n".join(more), where=dict(where))
    match = _LEAD_END.search(text)
    rest = "\n".join([text[match.end():].strip(), *more]).strip() if match else ""
    if match and 0 < match.start() <= LEAD_MAX and rest:
        mark = "" if match.group() == "。" else match.group()
        return Point(text[: match.start()] + mark, rest, where=dict(where))
    return Point("", "\n".join([text, *more]), where=dict(where))


def section_body(paragraphs: list[SourceParagraph]) -> tuple[str, list[Point], tuple[str, ...]]:
    """Return (lead, points, layouts that print it this way) of a sub-section.

    *paragraphs* start with the text after the heading clause in the heading's own paragraph. Several
    layouts are returned when the document cannot tell them apart (a single point on its own line).
    """
    lead: list[str] = []
    raw: list[tuple[str, list[str], int, int]] = []  # point text, continuation, paragraph number, position
    shares_paragraph = False
    for position, paragraph in enumerate(paragraphs):
        before, found = split_points(paragraph.text, len(raw) + 1)
        if not raw:
            if before:
                lead.append(before)
            shares_paragraph = bool(found) and (position == 0 or bool(before))
        elif before:
            raw[-1][1].append(before)
        raw += [(p, [], paragraph.number, position) for p in found]
    points = [make_point(text, more, {"lead": Location(paragraph=n), "body": Location(paragraph=n)})
              for text, more, n, _ in raw]
    positions = {position for *_, position in raw}
    if not raw:
        layouts = schema.LAYOUTS
    elif len(positions) == 1:
        layouts = (INLINE,) if shares_paragraph else (SEPARATE, EACH) if len(raw) == 1 else (SEPARATE,)
    else:
        layouts = (EACH,)
    return "\n".join(lead), points, layouts
