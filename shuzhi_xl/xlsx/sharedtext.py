"""The text calamine builds from shared strings, bounded before it reads a workbook.

A cell of type "s" holds the number of a string of the shared-strings part, and calamine gives each such cell
its own copy of that string: 100,000 cells pointing at one 32,767-character string (a 227 KB workbook) made it
allocate 6.5 GB and abort. The copies' size is bounded here by what the package may hold inflated in all: a real
workbook's cells point at each string about once, so its copies come to about the part's own size.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import WorkbookError
from ..limits import megabytes

#: A type attribute saying "shared string", also prefixed (x:t), however spaced and quoted, and right after the
#: previous attribute's closing quote (calamine reads r="A1"t="s"): counted, never missed. calamine compares the value
#: as written, so a shared-string cell holds s between quotes: the first bound counts those.
_SHARED_TYPE = re.compile(rb"""(?<![\w.-])t\s*=\s*["']s["']""")
#: A shared-string cell as writers write it: a start tag of plain attributes (no "<" or ">" in a value), then its
#: one value and the cell's end (calamine takes a cell's last value). Any other shared-string cell counts as the
#: longest string.
_SHARED_CELL = re.compile(rb"""<(?:[\w.-]+:)?c((?:\s+[\w.:-]+\s*=\s*(?:"[^"<>]*"|'[^'<>]*'))*)\s*>"""
                          rb"""\s*<(?:[\w.-]+:)?v>\s*([0-9]{1,18})\s*</(?:[\w.-]+:)?v\s*>\s*</(?:[\w.-]+:)?c\s*>""")
#: One string of the shared-strings part, empty (<si/>) or up to its end (or the part's, never failing: a match
#: from each of many unended tags would take quadratic time): its bytes bound the characters calamine makes of it.
_STRING = re.compile(rb"<(?:[\w.-]+:)?si(?:\s[^>]*?)?(?:/>|>.*?(?:</(?:[\w.-]+:)?si\s*>|$)|$)", re.S)
#: What can hide or fake a string's tags from _STRING (a comment, CDATA, a processing instruction or declaration, a
#: "<" or ">" in an attribute's value): the strings are then not counted one by one.
_HIDDEN = re.compile(rb"""<[!?]|=\s*(?:"[^"]*[<>]|'[^']*[<>])""")
#: The XML declaration a part may open with.
_DECLARATION = re.compile(rb"(?:\xef\xbb\xbf)?\s*<\?xml[^>]*>")


def check_shared_text(path: Path, shared: bytes, sheets: dict[str, bytes], most: int) -> None:
    """Raise WorkbookError, naming the sheet, when the shared-string cells of *sheets* (name → XML) would make
    calamine build more than *most* bytes of the strings of *shared* (the shared-strings part). Each bound is
    worked out only when the cheaper one before it is past *most*: the s values (a shared-string cell's type is s
    between quotes: s" and s' counted in C) times the whole part; the shared-string cells times the part, then
    times its longest string; then, sheet by sheet, the strings each cell points at (a cell whose number is not
    plain to see counted as the longest)."""
    if sum(xml.count(b's"') + xml.count(b"s'") for xml in sheets.values()) * len(shared) <= most:
        return
    counts = {name: len(_SHARED_TYPE.findall(xml)) for name, xml in sheets.items()}
    cells = sum(counts.values())
    if cells * len(shared) <= most:
        return
    declaration = _DECLARATION.match(shared)
    counted = not _HIDDEN.search(shared, declaration.end() if declaration else 0)
    sizes = [len(string) for string in _STRING.findall(shared)] if counted else []
    longest = max(sizes, default=0) if counted else len(shared)  # strings _STRING may miscount: the whole part
    if cells * longest <= most:
        return
    total = 0
    for name, xml in sheets.items():
        numbers = ([int(n) for attributes, n in _SHARED_CELL.findall(xml) if _SHARED_TYPE.search(attributes)]
                   if counted else [])
        total += sum(sizes[n] for n in numbers if n < len(sizes)) + max(0, counts[name] - len(numbers)) * longest
        if total > most:
            raise WorkbookError(f"引用共享文字的单元格过多：展开后超过本程序读取的上限（{megabytes(most)}）。请检查"
                                "是否有大量单元格重复同一段长文字，删去后另存再试。", path, name)
