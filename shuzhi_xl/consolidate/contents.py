"""The volume's table of contents: each report's first page, and each entry broken as a 公文 contents breaks it.

Pages come from report.layout's page counts: the cover is page 1, the contents follow, every report starts on the
next odd page. An entry too long for one line breaks between words, its further lines hung two characters in; the
leader dots and the page number stay on its last line.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..report import layout, styles as S
from ..report.lines import ENDS_WORD, STARTS_WORD, can_break

#: Continuation lines of an entry are hung 2 characters in.
HANGING = 2 * S.CHAR_ADVANCE
#: The entries' right indent: room for the leader dots and the page number (Word wraps a refreshed entry there too).
RIGHT_ROOM = 3 * S.CHAR_ADVANCE
#: Lines around the entries: the heading, the blank line under it, and the paragraph ending the section.
FRAME_LINES = 3


def entry_lines(title: str) -> list[str]:
    """Return the lines of the entry for *title*, each within the right indent (which leaves room for the leader
    dots and a page number of up to four digits), broken between words where possible. Linear in the title's
    length: a line's candidate breaks stop at the first that no longer fits (a 32,767-character branch name took
    minutes when every break was measured from scratch)."""
    prefix = [0]
    for step in layout.advances(title):
        prefix.append(prefix[-1] + step)

    def width(a: int, b: int) -> int:  # of title[a:b] set alone: its first character has no autospace gap before it
        return layout.advances(title[a])[0] + prefix[b] - prefix[a + 1] if b > a else 0

    lines, start = [], 0
    while True:
        room = layout.TEXT_WIDTH - (HANGING if lines else 0) - RIGHT_ROOM - layout.SLACK
        if start >= len(title) or width(start, len(title)) <= room:
            return [*lines, title[start:]]
        allowed, words, i = [], [], start + 1
        while i < len(title) and width(start, i) <= room:
            if can_break(title, i):
                allowed.append(i)
                if title.endswith(ENDS_WORD, 0, i) or title.startswith(STARTS_WORD, i):
                    words.append(i)
            i += 1
        cut = max(words or allowed or [max(start + 1, i - 1)])  # no break allowed: as much as fits
        lines.append(title[start:cut])
        start = cut


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
