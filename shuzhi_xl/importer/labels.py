"""The numbering label a paragraph begins with: 一、 （一） 1. 1、 （1） ① 一是 第一， 第一部分.

A label keeps how it was written (half- or full-width brackets and points), so the report can number the
author's items in the author's own style. Its *rank* is where the style usually stands in a 公文 outline
(一、 above （一） above 1. above （1）); the outline reader uses it only to break ties, the order in which a
document opens its styles decides the levels.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..numerals import CHINESE_TO_ASCII, CIRCLED, FINANCIAL_TO_PLAIN, FULLWIDTH_TO_ASCII, label_patterns, written_style

#: A number from 1 to 99 in Chinese numerals, as chinese_count reads it (not 十十, which it cannot).
CHINESE_COUNT = "(?:[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_DIGITS = "[0-9０-９]{1,2}"

#: Where each family usually stands in a 公文 outline (0 highest).
_RANKS = {"第一部分": 0, "一、": 1, "（一）": 2, "1.": 3, "1、": 3, "（1）": 4, "①": 5, "一是": 6, "第一，": 6}
#: Marks a label may carry after its shape, kept in its written form: （一）、 ①． 第一部分：
_AFTER = {"（一）": "[、，]?", "（1）": "[、，]?", "①": "[、，.．]?"}
#: (family, pattern): the number is group "n", the written form of the label is the whole match.
_FAMILIES = [("第一部分", rf"第(?P<n>{CHINESE_COUNT})部分[、，,．.：:]?")] + [
    (family, shape + _AFTER.get(family, "")) for family, shape
    in label_patterns(f"(?P<n>{CHINESE_COUNT})", f"(?P<n>{_DIGITS})", f"(?P<n>[{CIRCLED}])")]
_PATTERNS = tuple((family, _RANKS[family], re.compile(rf"\s*({pattern})\s*")) for family, pattern in _FAMILIES)
#: The rank from which labels number items (1. 1、 （1） ①) rather than parts and sub-sections.
ITEM_RANK = 3
#: Families that number points inside a paragraph's text rather than head a unit of the outline.
POINT_FAMILIES = ("一是", "第一，")


def chinese_count(text: str) -> int:
    """Return 一…九十九 written in Chinese numerals as an int (十二 → 12, 二十 → 20)."""
    if "十" not in text:
        return int(text.translate(CHINESE_TO_ASCII))
    tens, _, ones = text.partition("十")
    return int(tens.translate(CHINESE_TO_ASCII) or 1) * 10 + int(ones.translate(CHINESE_TO_ASCII) or 0)


def _number(written: str) -> int:
    if written in CIRCLED:
        return CIRCLED.index(written) + 1
    if written[0] in "0123456789０１２３４５６７８９":
        return int(written.translate(FULLWIDTH_TO_ASCII))
    return chinese_count(written)


class Label(NamedTuple):
    """A numbering label: its family (一、 （一） 1. …), rank, number, written form and the text after it."""

    family: str
    rank: int
    number: int
    written: str
    rest: str

    @property
    def style(self) -> str:
        """Return the label as it would be written for number 1 in the author's forms ("(1)", "1．", "（一）"), None
        for a label the workbook does not number (第一部分, （一），)."""
        return written_style(self.written)


#: A 一、 followed by these is a range of numbers in a sentence (一、二季度, 一、二等奖), not a label.
_RANGE = re.compile(rf"{CHINESE_COUNT}(?:季度|季|月|等|年级)")


def leading_label(text: str) -> Label | None:
    """Return the numbering label *text* begins with, or None (壹、 is a 一、 label: numerals.FINANCIAL_TO_PLAIN)."""
    plain = text.translate(FINANCIAL_TO_PLAIN)  # character for character: positions stay those of *text*
    for family, rank, pattern in _PATTERNS:
        if (match := pattern.match(plain)) and not (family == "一、" and _RANGE.match(plain, match.end())):
            return Label(family, rank, _number(match.group("n")), text[match.start(1):match.end(1)].strip(),
                         text[match.end():])
    return None
