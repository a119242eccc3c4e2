"""The volume's table of contents: each report's first page, and each entry broken as a 公文 contents breaks it.

Pages come from report.layout's page counts: the cover is page 1, the contents follow, every report starts on the
next odd page. An entry too long for one line breaks between words, its further lines hung two characters in; the
leader dots and the page number stay on its last line.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Iterable, Iterator

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
    dots and a page number of up to four digits), broken between words where possible: at the last break before
    a word of the genre or after one (lines.ENDS_WORD, STARTS_WORD) that fits, else at the last allowed one,
    else (a word longer than a line) as far as it fits.
    A line's end is found by bisection and its break by looking back from there (a 32,767-character branch
    name took minutes when every break was measured from scratch)."""
    prefix = list(itertools.accumulate(layout.advances(title), initial=0))
    lines, start = [], 0
    while True:
        room = layout.TEXT_WIDTH - (HANGING if lines else 0) - RIGHT_ROOM - layout.SLACK
        # title[start:end] set alone (its first character has no autospace gap) fits while prefix[end] <= reach
        reach = room - layout.first_advance(title[start]) + prefix[start + 1] if start < len(title) else 0
        if start >= len(title) or prefix[-1] <= reach:
            return [*lines, title[start:]]
        last = min(bisect.bisect_right(prefix, reach) - 1, len(title) - 1)  # the last end that fits
        candidates = range(last, start, -1)
        cut = next((i for i in candidates if can_break(title, i) and _between_words(title, i)), None) or \
            next((i for i in candidates if can_break(title, i)), max(start + 1, last))  # none allowed: all that fits
        lines.append(title[start:cut])
        start = cut


def _between_words(title: str, i: int) -> bool:
    return title.endswith(ENDS_WORD, 0, i) or title.startswith(STARTS_WORD, i)


def first_pages(lines: int, pages: Iterable[int]) -> Iterator[int]:
    """Yield each report's first page, given the *lines* of all contents entries and the pages of each report:
    after the cover and the contents, each on the next odd page."""
    page = 1 + max(1, math.ceil((FRAME_LINES + lines) / S.LINES_PER_PAGE)) + 1
    for count in pages:
        page += page % 2 == 0
        yield page
        page += count
