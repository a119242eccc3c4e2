"""Where lines break and where short lines sit: the title's shape and the signature block (7.3.5.2)."""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Sequence

from .styles import CHAR_ADVANCE, SIGNATURE_GAP_CHARS, TITLE_MAX_CHARS

#: Words of the genre a title line may end with, or start with: breaking there keeps words whole.
#: Breaking inside one of them is never allowed.
ENDS_WORD = ("党委", "党组", "党总支", "党支部", "委员会", "书记", "年度", "关于", "的", "和", "工作")
STARTS_WORD = ("抓基层", "关于", "履行", "落实", "述职报告", "——")
#: Closing marks no line may start with, and opening marks no line may end with (GB/T 15834 line rules).
NO_LINE_START = "，。、；：！？）》」』】〕〉”’…—·%‰"
NO_LINE_END = "（《「『【〔〈“‘"
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
    # The count of forced breaks comes first in the cost: when the title can be broken without any, the search
    # among the free breaks alone finds the same lines, in a fraction of the time.
    free = [end for end, (forced, _) in enumerate(penalty) if not forced]
    return _shortest(title, widths, penalty, free, limit) or _shortest(title, widths, penalty, range(len(penalty)),
                                                                         limit)


def _shortest(title: str, widths: list[float], penalty: list[tuple[int, float]], breaks: Sequence[int],
              limit: float) -> list[str] | None:
    """Return the lines of the best way through *breaks* (ascending, 0 and the title's end included), or None
    when there is none: lines of at most *limit* ems, costed by forced breaks, lines, then penalties and shape."""
    n = len(title)
    # best[phase][end] = (cost key, start of the last line, phase before it); phase 0 = growing, 1 = shrinking
    best: tuple[list, list] = ([None] * (n + 1), [None] * (n + 1))
    best[0][0] = ((0, 0, 0.0), -1, 0)
    for k, start in enumerate(breaks):
        for phase in (0, 1):
            if best[phase][start] is None:
                continue
            (forced, lines, cost), before, _ = best[phase][start]
            previous = widths[start] - widths[before] if before >= 0 else None
            phases = (0,) if previous is None else (0, 1) if phase == 0 else (1,)
            for end in itertools.islice(breaks, k + 1, None):
                width = widths[end] - widths[start]
                if width > limit:
                    break
                step_forced, step_cost = penalty[end]
                for next_phase in phases:
                    shape = 0.0
                    if previous is not None:
                        # lines grow, then shrink; widths that differ cost a little anyway
                        shape = max(0.0, previous - width) if next_phase == 0 else max(0.0, width - previous)
                        shape += 0.1 * abs(previous - width)
                    key = (forced + step_forced, lines + 1, cost + step_cost + shape)
                    if best[next_phase][end] is None or key < best[next_phase][end][0]:
                        best[next_phase][end] = (key, start, phase)
    # The widest line is never the last: the last step shrinks (with two lines, the second is the shorter).
    if best[1][n] is None:
        return None
    end, phase = n, 1
    lines = []
    while end > 0:
        _, start, before = best[phase][end]
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
    a Latin word or a punctuation pair (but a subtitle's —— may start a line); cost _BAD_BREAK when it falls
    between two words not known to end or start there. The end of the title costs nothing."""
    inside = {start + k for word in ENDS_WORD + STARTS_WORD for start in _occurrences(title, word)
              for k in range(1, len(word))}
    ends = {start + len(word) for word in ENDS_WORD for start in _occurrences(title, word)}
    starts = {start for word in STARTS_WORD for start in _occurrences(title, word)}
    penalties = [(0, 0.0)]
    for i in range(1, len(title)):
        if i in inside or not (can_break(title, i) or i in starts):
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


def can_break(text: str, i: int) -> bool:
    """Return True when a line may end before *text*[i]: not inside a Latin word or number, not before a closing
    mark, not after an opening one."""
    before, after = text[i - 1], text[i]
    latin_run = before.isascii() and after.isascii() and before.isalnum() and after.isalnum()
    return not latin_run and after not in NO_LINE_START and before not in NO_LINE_END


def signature_indents(signature_width: int, date_width: int, line_width: int) -> tuple[int, int]:
    """Return the left indents (twips) of a signature and a date *signature_width* and *date_width* twips wide on
    a line *line_width* twips wide.

    7.3.5.2: the signature 右空二字; the date's first character two characters right of the signature's; if the
    date is then too long, the date 右空二字 and the signature moves left to keep the two-character offset.
    """
    gap = SIGNATURE_GAP_CHARS * CHAR_ADVANCE
    date_left = min(line_width - signature_width, line_width - gap - date_width)
    return date_left - gap, date_left
