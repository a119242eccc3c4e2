"""Word's automatic numbering, reconstructed as text.

In a Word document the `一、` or `（一）` of a list paragraph is often not in the text: it is drawn from a
numbering definition (a level's format and pattern such as ``%1、``) and a counter Word keeps while
laying out. ``Counters`` replays that counting in document order so the importer sees what the reader saw.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..numerals import ASCII_TO_FULLWIDTH, CIRCLED
from ..numerals import chinese_numeral

_TEN_STEMS = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


@dataclass(frozen=True)
class Level:
    """One level of a numbering definition: where it starts, its number format and its pattern (``%1、``)."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out += letters * count
    return out


def _letters(n: int) -> str:
    # Word repeats the letter past z: a … z, aa … zz.
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """Return counter value *n* written in Word's number format *fmt* (decimal, chineseCounting, …).

    Every Chinese numeral format, 壹贰叁 (chineseLegalSimplified) included, is written 一二三: the outline reader
    knows parts and sub-sections by the 公文 labels 一、（一）, and the report numbers them that way whatever the
    source did. Kept as 壹, a part's label would stay in its heading (壹、主要工作情况) and print beside the report's
    own numbering style."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "ideographDigital", "chineseLegalSimplified") and 0 < n < 100:
        return chinese_numeral(n)
    if fmt == "ideographTraditional" and 0 < n <= len(_TEN_STEMS):
        return _TEN_STEMS[n - 1]
    if fmt == "ideographZodiac" and 0 < n <= len(_ZODIAC):
        return _ZODIAC[n - 1]
    if fmt == "decimalEnclosedCircle" and 0 < n <= len(CIRCLED):
        return CIRCLED[n - 1]
    if fmt == "decimalFullWidth":
        return str(n).translate(ASCII_TO_FULLWIDTH)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter"):
        return _letters(n).upper() if fmt == "upperLetter" else _letters(n)
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


class Counters:
    """Word's list counters, advanced paragraph by paragraph in document order.

    *lists* maps a list (numId) to the definition it draws from (abstractNumId) and its levels. Lists
    sharing a definition share its counters, as in Word, unless a list restarts a level (startOverride).
    """

    def __init__(self, lists: dict[str, tuple[str, dict[int, Level], set[int]]]):
        self.lists = lists
        self.counts: dict[str, dict[int, int]] = {}
        self.restarted: set[tuple[str, int]] = set()

    def label(self, num_id: str, ilvl: int) -> str:
        """Return the label Word shows for the next paragraph of list *num_id* at level *ilvl* ("" for bullets)."""
        if num_id not in self.lists:
            return ""
        definition, levels, overridden = self.lists[num_id]
        counts = self.counts.setdefault(definition, {})
        level = levels.get(ilvl, Level())
        if ilvl in overridden and (num_id, ilvl) not in self.restarted:
            self.restarted.add((num_id, ilvl))
            counts.pop(ilvl, None)
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else level.start
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        if level.fmt == "bullet":
            return ""

        def value(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            shown = levels.get(k, Level())
            return format_number(counts.get(k, shown.start), shown.fmt)
        return re.sub(r"%(\d)", value, level.text)
