"""A table of contents before the report (目录, then its headings, perhaps with leaders and page numbers), as
documents shared online and Word's automatic contents carry: it is no part of the report, and read as one it would
become the report's outline, the report itself swallowed as its last point."""

from __future__ import annotations

import re

from .document import Note, SourceParagraph
from .labels import POINT_FAMILIES, leading_label

#: Entries a table of contents has at least: fewer headings in a row may be a report's own.
LEAST_ENTRIES = 3
#: The longest entry: a heading, not a sentence.
ENTRY_CHARS = 40
_TITLE = re.compile(r"目\s*录")
#: Dot leaders and the page number an entry may end with (……3, ....12, ··· 5).
_LEADER = re.compile(r"\s*[.．…·_\-—]{2,}\s*\d{0,3}\s*$|\s+\d{1,3}\s*$")


def drop_contents(items: list[SourceParagraph], notes: list[Note]) -> list[SourceParagraph]:
    """Return *items* without a table of contents they open with (an optional 目录 line, then LEAST_ENTRIES or more
    numbered headings and nothing else), when the report after it opens a heading with the first entry's
    text; a note names the lines dropped."""
    start = 1 if items and _TITLE.fullmatch(items[0].text) else 0
    end = start
    while end < len(items) and _entry(items[end].text):
        end += 1
    if end - start < LEAST_ENTRIES:
        return items
    first = _LEADER.sub("", items[start].text)
    if not any(p.text.startswith(first) for p in items[end:]):
        return items
    notes.append(Note(f"这一段至第{items[end - 1].number}段是目录，不属于正文，已删除。", items[0].number))
    return items[end:]


def _entry(text: str) -> bool:
    """Whether *text* reads as an entry of a table of contents: a numbered heading alone (leaders and a page number
    aside), no sentence."""
    label = leading_label(text)
    heading = _LEADER.sub("", text)
    return bool(label and label.family not in POINT_FAMILIES and len(heading) <= ENTRY_CHARS
                and not re.search(r"[。；！？]", heading))
