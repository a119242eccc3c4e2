"""The volume's table of contents: each report's first page, and each entry broken as a 公文 contents breaks it.

Pages come from report.layout's page counts: the cover is page 1, the contents follow, every report starts on the
next odd page. An entry too long for one line breaks between words, its further lines hung two characters in; the
leader dots and the page number stay on its last line.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..report import layout, styles as S
from ..report.lines import ENDS_WORD, STARTS_WORD

#: Continuation lines of an entry are hung 2 characters in.
HANGING = 2 * S.CHAR_ADVANCE
#: The entries' right indent: room for the leader dots and the page number (Word wraps a refreshed entry there too).
RIGHT_ROOM = 3 * S.CHAR_ADVANCE
#: Lines around the entries: the heading, the blank line under it, and the paragraph ending the section.
FRAME_LINES = 3


def _width(text: str) -> int:
    return sum(layout.advances(text))


def _fits(text: str, room: int) -> bool:
    return _width(text) <= room - layout.SLACK


def entry_lines(title: str) -> list[str]:
    """Return the lines of the entry for *title*, each within the right indent (which leaves room for the leader
    dots and a page number of up to four digits), broken between words where possible."""
    lines, start = [], 0
    while True:
        room = layout.TEXT_WIDTH - (HANGING if lines else 0) - RIGHT_ROOM
        if _fits(title[start:], room) or start >= len(title):
            return [*lines, title[start:]]
        allowed = [i for i in range(start + 1, len(title)) if _can_break(title, i) and _fits(title[start:i], room)]
        words = [i for i in allowed if title[:i].endswith(ENDS_WORD) or title[i:].startswith(STARTS_WORD)]
        cut = max(words or allowed or [start + 1])
        lines.append(title[start:cut])
        start = cut


def _can_break(text: str, i: int) -> bool:
    before, after = text[i - 1], text[i]
    latin = before.isascii() and after.isascii() and before.isalnum() and after.isalnum()
    return not latin and after not in layout.NO_LINE_START and before not in layout.NO_LINE_END


def first_pages(titles: Sequence[str], pages: Sequence[int]) -> list[int]:
    """Return each report's first page: after the cover and the contents, each on the next odd page."""
    lines = FRAME_LINES + sum(len(entry_lines(title)) for title in titles)
    page = 1 + max(1, math.ceil(lines / S.LINES_PER_PAGE)) + 1
    out = []
    for count in pages:
        page += page % 2 == 0
        out.append(page)
        page += count
    return out
