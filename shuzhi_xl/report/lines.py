"""Where lines break and where short lines sit: the title's shape and the signature block (7.3.5.2)."""

from __future__ import annotations

import math
import unicodedata
from itertools import combinations

from .styles import AUTOSPACE, CHAR_ADVANCE, CHAR_SPACING, SIGNATURE_GAP_CHARS, TITLE_MAX_CHARS

#: Words of the genre a title line may end with, or start with: breaking there keeps words whole.
#: Breaking inside one of them is never allowed.
ENDS_WORD = ("党委", "党组", "党总支", "党支部", "委员会", "书记", "年度", "关于", "的", "和", "工作")
STARTS_WORD = ("抓基层", "关于", "履行", "落实", "述职报告", "——")
_NO_LINE_START = "，。、；：！？）》”’…"
_NO_LINE_END = "（《“‘"
_BAD_BREAK = 10  # a break inside a word costs more than any shape or balance penalty


def char_width(char: str) -> float:
    """Return a character's width in ems: 1 for Chinese (and quotes, which take the Chinese font), ½ for digits
    and most Latin letters, about ¾ for Latin capitals (Times New Roman averages 0.7)."""
    if unicodedata.east_asian_width(char) in "WFA":
        return 1.0
    return 0.72 if "A" <= char <= "Z" else 0.5


def text_width(text: str) -> float:
    """Return the width of *text* in ems."""
    return sum(map(char_width, text))


def title_lines(title: str, limit: int = TITLE_MAX_CHARS) -> list[str]:
    """Return *title* broken into the fewest lines of at most *limit* ems, between words, shaped as a
    trapezoid (long over short) or a diamond (short-long-short)."""
    title = title.strip()
    if text_width(title) <= limit:
        return [title]
    inside = {start + k for word in ENDS_WORD + STARTS_WORD for start in _occurrences(title, word)
              for k in range(1, len(word))}
    breaks = [i for i in range(1, len(title)) if i not in inside and _can_break(title, i)]
    for count in range(math.ceil(text_width(title) / limit), len(breaks) + 2):
        options = [_split(title, cut) for cut in combinations(breaks, count - 1)]
        options = [lines for lines in options if max(map(text_width, lines)) <= limit]
        if options:
            return min(options, key=lambda lines: _cost(lines))
    return [title]


def _occurrences(text: str, word: str) -> list[int]:
    return [i for i in range(len(text)) if text.startswith(word, i)]


def _can_break(title: str, i: int) -> bool:
    before, after = title[i - 1], title[i]
    latin_run = before.isascii() and after.isascii() and before.isalnum() and after.isalnum()
    return not latin_run and after not in _NO_LINE_START and before not in _NO_LINE_END


def _split(title: str, cut: tuple[int, ...]) -> list[str]:
    edges = (0, *cut, len(title))
    return [title[a:b] for a, b in zip(edges, edges[1:])]


def _cost(lines: list[str]) -> float:
    widths = [text_width(line) for line in lines]
    inside_word = sum(not (a.endswith(ENDS_WORD) or b.startswith(STARTS_WORD)) for a, b in zip(lines, lines[1:]))
    # The widest line is the first (trapezoid) or, from three lines up, one in the middle (diamond).
    peaks = range(1) if len(widths) == 2 else range(len(widths) - 1)
    shape = min(sum(max(0.0, widths[i] - widths[i + 1]) for i in range(p))
                + sum(max(0.0, widths[i + 1] - widths[i]) for i in range(p, len(widths) - 1)) for p in peaks)
    return _BAD_BREAK * inside_word + shape + 0.1 * (max(widths) - min(widths))


def advance(text: str) -> int:
    """Return the width of *text* set in body type, in twips."""
    glyphs = sum(round(char_width(c) * (CHAR_ADVANCE - CHAR_SPACING)) + CHAR_SPACING for c in text)
    scripts = [char_width(c) == 1 for c in text if not c.isspace()]
    return glyphs + AUTOSPACE * sum(a != b for a, b in zip(scripts, scripts[1:]))


def signature_indents(signature: str, date: str) -> tuple[int, int]:
    """Return the right indents (twips) of the signature and the date, both right-aligned.

    7.3.5.2: the signature 右空二字; the date's first character two characters right of the signature's; if the
    date is then too long, the date 右空二字 and the signature moves left to keep the two-character offset.
    """
    gap = SIGNATURE_GAP_CHARS * CHAR_ADVANCE
    date_right = max(gap, advance(signature) - advance(date))
    return date_right + advance(date) - advance(signature) + gap, date_right
