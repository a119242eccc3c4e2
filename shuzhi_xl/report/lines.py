"""Where lines break and where short lines sit: the title's shape and the signature block (7.3.5.2)."""

from __future__ import annotations

import unicodedata

from .styles import AUTOSPACE, CHAR_ADVANCE, CHAR_SPACING, SIGNATURE_GAP_CHARS, TITLE_MAX_CHARS

#: Words of the genre a title line may end with, or start with: breaking there keeps words whole.
#: Breaking inside one of them is never allowed.
ENDS_WORD = ("党委", "党组", "党总支", "党支部", "委员会", "书记", "年度", "关于", "的", "和", "工作")
STARTS_WORD = ("抓基层", "关于", "履行", "落实", "述职报告", "——")
_NO_LINE_START = "，。、；：！？）》”’…"
_NO_LINE_END = "（《“‘"
_BAD_BREAK = 10  # a break inside a word costs more than any shape or balance penalty
#: Beyond this many full lines a "title" is text pasted into the wrong cell: it is filled line by line, not shaped.
SHAPED_LINES = 8


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
    trapezoid (long over short) or a diamond (short-long-short).

    A shortest-path search over the break points, in time linear in the title's length: each line ends at most
    2 × *limit* characters after it starts, and each break keeps only its best way in, for each of the two
    phases of the shape (lines still growing towards the widest, or already shrinking). A title with no break
    allowed within the limit (one long Latin word) is still broken, where it hurts least.
    """
    title = title.strip()
    widths = [0.0]
    for char in title:
        widths.append(widths[-1] + char_width(char))
    if widths[-1] <= limit:
        return [title]
    if widths[-1] > SHAPED_LINES * limit:
        return _filled(title, widths, limit)
    penalty = _break_penalties(title)
    # best[(end, phase)] = (cost key, start of the last line, phase before it); phase 0 = growing, 1 = shrinking
    best: dict[tuple[int, int], tuple[tuple[int, int, float], int, int]] = {(0, 0): ((0, 0, 0.0), -1, 0)}
    for start in range(len(title)):
        for phase in (0, 1):
            if (start, phase) not in best:
                continue
            (forced, lines, cost), before, _ = best[(start, phase)]
            previous = widths[start] - widths[before] if before >= 0 else None
            for end in range(start + 1, len(title) + 1):
                width = widths[end] - widths[start]
                if width > limit:
                    break
                step_forced, step_cost = penalty[end]
                for next_phase in (phase, 1) if previous is not None else (0,):
                    shape = 0.0
                    if previous is not None:
                        shape = max(0.0, previous - width) if next_phase == 0 else max(0.0, width - previous)
                        shape += 0.1 * abs(previous - width)
                    key = (forced + step_forced, lines + 1, cost + step_cost + shape)
                    if (end, next_phase) not in best or key < best[(end, next_phase)][0]:
                        best[(end, next_phase)] = (key, start, phase)
    # The widest line is never the last: the last step shrinks (with two lines, the second is the shorter).
    end, phase = len(title), 1
    lines = []
    while end > 0:
        _, start, before = best[(end, phase)]
        lines.append(title[start:end])
        end, phase = start, before
    return lines[::-1]


def _filled(title: str, widths: list[float], limit: int) -> list[str]:
    """Return *title* cut into lines as full as *limit* allows: text too long to be a title is not shaped."""
    lines, start = [], 0
    while start < len(title):
        end = start + 1
        while end < len(title) and widths[end + 1] - widths[start] <= limit:
            end += 1
        lines.append(title[start:end])
        start = end
    return lines


def _break_penalties(title: str) -> list[tuple[int, float]]:
    """Return, for each position, (forced, cost) of a line break there: forced when it splits a word of the genre,
    a Latin word or a punctuation pair; cost _BAD_BREAK when it falls between two words not known to end or start
    there. The end of the title costs nothing."""
    inside = {start + k for word in ENDS_WORD + STARTS_WORD for start in _occurrences(title, word)
              for k in range(1, len(word))}
    ends = {start + len(word) for word in ENDS_WORD for start in _occurrences(title, word)}
    starts = {start for word in STARTS_WORD for start in _occurrences(title, word)}
    penalties = [(0, 0.0)]
    for i in range(1, len(title)):
        if i in inside or not _can_break(title, i):
            penalties.append((1, 0.0))
        else:
            penalties.append((0, 0.0 if i in ends or i in starts else float(_BAD_BREAK)))
    return penalties + [(0, 0.0)]


def _occurrences(text: str, word: str) -> list[int]:
    found, at = [], text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def _can_break(title: str, i: int) -> bool:
    before, after = title[i - 1], title[i]
    latin_run = before.isascii() and after.isascii() and before.isalnum() and after.isalnum()
    return not latin_run and after not in _NO_LINE_START and before not in _NO_LINE_END


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
