"""Proofreading of the report's text: punctuation, spacing, typed numbering, wording, years, numbers (PR…).

All cells are joined by line breaks (which no rule crosses) and every rule runs once over the joined text: a
workbook has dozens of short cells, and each rule's fixed cost per call would otherwise be paid for each. The
format rules that look for punctuation, spaces or figures (PR001, PR003, PR005, PR010, PR011 and the pair marks of
PR002) are one pattern, found in one pass: no two match the same character. The format rules (PR001-PR006,
PR009-PR011) yield at most one finding per cell, quoting every place they found; the word-list and standards rules
(shuzhi_xl.proof) one finding per place, naming the text to change. No pattern is compiled at import: each is
compiled on first use (patterns.compiled, _one_pass), and none holds a class of all Chinese characters (1.6 ms to
compile): whether a mark stands beside Chinese is tested in Python.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterator

from ..model import Location, Report
from ..patterns import behind_lookahead, compiled
from ..proof.engine import LABELS, Hit, hits
from ..report.text import typed_label
from .cells import TextCell, Texts
from .finding import Finding, at, first, quote, quotes
from .structure import checked_year

_CJK_PUNCT = "，。；：、！？“”‘’《》（）【】"
_HALF_WIDTH = "[,;:?!()]"
_DOUBLED = r"[，。；：、]{2}|！！|？？"
_SPACES = "[ \u3000\u00a0\t]+"
#: Where two to four characters may be written twice in a row (every position, the matches overlapping): the
#: two characters there come again at once, or one or two characters on (``repeated`` tells which).
_TWICE = r"(?=(..)(?:\1|.\1|..\1))"
_ARABIC_ORDINAL = r"^\s*(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）]|第[一二三四五六七八九十]+[，、：])\s*"
#: A year in ASCII digits not preceded by a digit (looked behind after its four digits: re then skips to 1 and 2
#: quickly). [0-9], not \d: \d takes full-width digits too, which are PR011's (a pass finds each character once).
_YEAR = r"(?:19|20)[0-9]{2}(?<!\d.{4})(?=\s*年)"
_GBT15835 = (
    r"(?:(?P<fullwidth>[０-９]+(?:[．.][０-９]+)?)"
    r"|(?P<cnyear>[一二三四五六七八九〇零○]{4}年)"
    r"|(?P<percent>百分之[一二三四五六七八九十百零点]+))")
_GBT15835_ADVICE = {
    "fullwidth": "数字用半角阿拉伯数字",
    "cnyear": "正文中的年份用阿拉伯数字，如“2021年”",
    "percent": "百分数用阿拉伯数字加“%”，如“50%”",
}
_PAIRS = {"“": "”", "《": "》", "（": "）"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_PAIR_MARKS = "[“”《》（）]"
_FINAL = "。！？：…"
_FINAL_AFTER_QUOTE = "”’）》"


def _is_cjk(text: str) -> bool:
    """Whether every character of *text* is a Chinese character. Tested in Python: a regular-expression class of
    all Chinese characters costs 1.6 ms to compile, and the characters tested are few."""
    return all("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def _chinese(ch: str) -> bool:
    """Whether *ch* is a Chinese character or mark ("" is not)."""
    return ch != "" and (_is_cjk(ch) or ch in _CJK_PUNCT)


def _beside_chinese(text: str, m: re.Match) -> bool:
    """Whether the match has Chinese right before or right after it."""
    return _chinese(text[m.start() - 1:m.start()]) or _chinese(text[m.end():m.end() + 1])


def _between_chinese(text: str, m: re.Match) -> bool:
    """Whether the match has Chinese right before and right after it."""
    return _chinese(text[m.start() - 1:m.start()]) and _chinese(text[m.end():m.end() + 1])


#: A part's ordinal opening its line (第一部分, 第二章), and the titles a byline's name follows (党支部书记 周建国):
#: the space after either is set by convention.
_ORDINAL_PART = r"\s*第[一二三四五六七八九十百零〇0-9]+(?:部分|章|节|篇)"
_TITLES = ("书记", "委员", "主任", "组长", "负责人")


def _spaced_by_mistake(text: str, m: re.Match) -> bool:
    """Whether the spaces matched stand between Chinese characters where none belongs: not after a part's ordinal
    opening its line (第一部分 主要工作) nor between a title and the name of two to four characters ending its
    line (党支部书记 周建国)."""
    if not _between_chinese(text, m):
        return False
    start, end = text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.end())
    before, after = text[start:m.start()], text[m.end():end if end >= 0 else len(text)]
    if compiled(_ORDINAL_PART).fullmatch(before):
        return False
    return not (before.endswith(_TITLES) and 2 <= len(after) <= 4 and _is_cjk(after))


#: (code, pattern, where a match counts (None: anywhere), what it found, advice)
_SIMPLE = (
    ("PR001", _HALF_WIDTH, _beside_chinese, "中文里用了半角标点", "改为全角标点：，；：？！（）。"),
    ("PR003", _DOUBLED, None, "标点重复", "删去多余的标点。"),
    ("PR005", _SPACES, _spaced_by_mistake, "中文之间有多余的空格", "删去空格；需要分隔时用标点。"),
)
_REPEATED = ("PR009", "词语重复", "删去重复的词语。")
#: The rules found in one pass, by name: no two can match the same character (punctuation of either width,
#: spaces, ASCII digits of a year, full-width digits and Chinese numerals, pair marks), so none hides another's.
_ONE_PASS = (*((code, pattern) for code, pattern, *_ in _SIMPLE), ("PR010", _YEAR), ("PR011", _GBT15835),
             ("PR002", _PAIR_MARKS))
_COUNTS = {code: counts for code, _, counts, *_ in _SIMPLE}


@functools.cache
def _one_pass() -> re.Pattern:
    """The rules of _ONE_PASS as one pattern (compiled on first use), tried only where one of them can start."""
    return re.compile(behind_lookahead([p for _, p in _ONE_PASS], "|".join(f"(?P<{c}>{p})" for c, p in _ONE_PASS)))


class Joined:
    """The cells' texts joined by line breaks, and which cell each offset of the joined text is in."""

    def __init__(self, cells: list[TextCell]):
        self.cells, self.starts, position = cells, [], 0
        for cell in cells:
            self.starts.append(position)
            position += len(cell.text) + 1
        self.text = "\n".join(cell.text for cell in cells)

    def place(self, start: int, end: int) -> tuple[int, int, int] | None:
        """Return (cell number, start, end in that cell's text) of a stretch, or None when it crosses cells."""
        n = bisect_right(self.starts, start) - 1
        if end > self.starts[n] + len(self.cells[n].text):
            return None
        return n, start - self.starts[n], end - self.starts[n]

    def found(self) -> dict[str, dict[int, list[re.Match]]]:
        """Return the matches of the rules of _ONE_PASS by rule name, grouped by the cell they are in (those that
        do not count, see _COUNTS, left out)."""
        out: dict[str, dict[int, list[re.Match]]] = {}
        for m in _one_pass().finditer(self.text):
            code = m.lastgroup
            counts = _COUNTS.get(code)
            if counts and not counts(self.text, m):
                continue
            placed = self.place(*m.span())
            if placed:
                out.setdefault(code, {}).setdefault(placed[0], []).append(m)
        return out

    def local(self, n: int, matches: list[re.Match]) -> list[tuple[int, int]]:
        return [(m.start() - self.starts[n], m.end() - self.starts[n]) for m in matches]

    def by_cell(self, spans: list[tuple[int, int]]) -> dict[int, list[tuple[int, int]]]:
        """Return *spans* of the joined text as spans of the cells' texts, grouped by cell."""
        out: dict[int, list[tuple[int, int]]] = {}
        for span in spans:
            placed = self.place(*span)
            if placed:
                out.setdefault(placed[0], []).append(placed[1:])
        return out


def repeated(text: str) -> list[tuple[int, int]]:
    """Return the stretches of *text* where two to four Chinese characters are written twice in a row (the first
    match from the left, the longest first, as a regular expression would find them), except a measure repeated
    after 一 (一条一条, 一步一步: how Chinese says "one by one").

    The candidates (where any n characters equal the n after them) are found by a pattern without a class of all
    Chinese characters, which alone would cost a millisecond to compile."""
    starts = [m.start() for m in compiled(_TWICE).finditer(text)]
    spans: list[tuple[int, int]] = []
    for i in starts:
        if (spans and i < spans[-1][1]) or (text[i] == "一" == text[i + 2:i + 3] and _is_cjk(text[i + 1])):
            continue
        for n in (4, 3, 2):
            if text[i:i + n] == text[i + n:i + 2 * n] and _is_cjk(text[i:i + n]):
                spans.append((i, i + 2 * n))
                break
    return spans


def check(report: Report, rules, texts: Texts) -> Iterator[Finding]:
    """Yield proofreading findings for every text printed in the report."""
    yield from check_cells(texts.printed, rules, checked_year(report))


def check_cells(cells: list[TextCell], rules, year: int | None = None) -> Iterator[Finding]:
    """Yield proofreading findings for *cells*; *year* is the report's (None: the old-year rule stands down)."""
    if not cells:
        return
    joined = Joined(cells)
    yield from proofread(joined, rules)
    found = joined.found()
    for code, _, _, what, advice in _SIMPLE:
        for n, matches in found.get(code, {}).items():
            yield _stretches(cells[n], joined.local(n, matches), code, what, advice)
    for n, spans in joined.by_cell(repeated(joined.text)).items():
        yield _stretches(cells[n], spans, *_REPEATED)
    yield from _previous_year(joined, found.get("PR010", {}), year)
    yield from _gbt15835(joined, found.get("PR011", {}))
    marked = found.get("PR002", {})  # most cells hold no quote, title mark or bracket
    for n, cell in enumerate(cells):
        if n in marked:
            yield from _unpaired(cell, [start for start, _ in joined.local(n, marked[n])])
        if cell.paragraph and (found := _final_mark(cell)):
            yield found
        if cell.numbered and (found := _typed_numbering(cell)):
            yield found


def _stretches(cell: TextCell, spans: list[tuple[int, int]], code: str, what: str, advice: str) -> Finding:
    """The warning *code* of the *spans* of *cell*'s text (a _SIMPLE rule's, or _REPEATED's)."""
    text = cell.text
    return at(cell.where, code, "warning", f"{what}：{quotes(text, spans)}。", advice, *first(text, spans))


def proofread(joined: Joined, rules) -> Iterator[Finding]:
    """Yield one finding per hit of the proofreading engine, each placed at its cell."""
    for hit in hits(joined.text, rules):
        placed = joined.place(hit.start, hit.end)
        if placed:
            n, start, end = placed
            cell = joined.cells[n]
            yield finding(hit._replace(start=start, end=end), cell.text, cell.where)


def finding(hit: Hit, text: str, where: Location | None) -> Finding:
    """Return the finding of *hit* in *text*: the quoted place, what to write and why."""
    label = LABELS.get(hit.code, "校对")
    place = quote(text, hit.start, hit.end)
    if hit.advice:
        message = f"{label}：{place}中的“{hit.found}”——{hit.reason.rstrip('。')}。"
        suggestion = hit.right.rstrip("。") + "。"
    else:
        why = f"（{hit.reason.rstrip('。')}）" if hit.reason else ""
        right = hit.right if hit.right.startswith(("“", "《")) else f"“{hit.right}”"  # 《…》 or “…” as it stands
        message = f"{label}：{place}中的“{hit.found}”应为{right}{why}。"
        suggestion = f"改为{right}。"
    return at(where, hit.code, hit.severity, message, suggestion, hit.found, hit.start)


def _unpaired(cell: TextCell, marks: list[int]) -> Iterator[Finding]:
    """The PR002 finding of *cell* if its pair *marks* (where each stands in its text, in order: the one pass found
    them) do not pair up."""
    stack: list[tuple[str, int]] = []
    unpaired: list[tuple[int, int]] = []
    for index in marks:
        ch = cell.text[index]
        if ch in _PAIRS:
            stack.append((ch, index))
        elif ch in _CLOSERS:
            if stack and stack[-1][0] == _CLOSERS[ch]:
                stack.pop()
            else:
                unpaired.append((index, index + 1))
    unpaired = sorted(unpaired + [(i, i + 1) for _, i in stack])
    if unpaired:
        which = "".join(dict.fromkeys(cell.text[s] for s, _ in unpaired))
        yield at(cell.where, "PR002", "warning", f"引号、书名号或括号不成对（{which}）：{quotes(cell.text, unpaired)}。",
                 "补上缺少的一半，或删去多余的一半。", *first(cell.text, unpaired))


def _final_mark(cell: TextCell) -> Finding | None:
    """The PR004 finding of a paragraph (*cell*) without a final mark, or None (a function, not a generator: it
    runs for every paragraph)."""
    text = cell.text.rstrip()
    if not text:
        return None
    last = text[-1]
    if last in _FINAL or (last in _FINAL_AFTER_QUOTE and len(text) > 1 and text[-2] in _FINAL):
        return None
    return at(cell.where, "PR004", "warning", f"段末没有句号：{quote(text, len(text), len(text))}。", "在段末加上“。”。",
              last, len(text) - 1)


def _typed_numbering(cell: TextCell) -> Finding | None:
    """The PR006 finding of numbering typed before a text the generator numbers (*cell*), or None."""
    typed = typed_label(cell.text)
    if not typed:
        arabic = compiled(_ARABIC_ORDINAL).match(cell.text)
        typed = arabic.group(0) if arabic else ""
    if typed.strip():
        return at(cell.where, "PR006", "warning", f"开头手工写了序号“{typed.strip()}”，程序会自动编号，报告中会重复。",
                  f"删去开头的“{typed.strip()}”。", typed, 0)
    return None


def _previous_year(joined: Joined, years: dict[int, list[re.Match]], year: int | None) -> Iterator[Finding]:
    """The PR010 findings of the *years* written (matches by cell) before the report's *year*."""
    if year is None:
        return
    for n, matches in years.items():
        text = joined.cells[n].text
        spans = [span for m, span in zip(matches, joined.local(n, matches)) if int(m.group()) < year]
        if spans:
            yield at(joined.cells[n].where, "PR010", "warning",
                     f"正文写的是往年年份：{quotes(text, spans)}，本报告是 {year} 年度。",
                     "核对是否沿用了往年的文字；确需提及往年的可忽略。", *first(text, spans))


def _gbt15835(joined: Joined, numbers: dict[int, list[re.Match]]) -> Iterator[Finding]:
    """The PR011 finding of each cell with *numbers* (matches by cell) written against GB/T 15835."""
    for n, matches in numbers.items():
        text = joined.cells[n].text
        advice = "；".join(dict.fromkeys(_GBT15835_ADVICE[_way_written(m)] for m in matches))
        spans = joined.local(n, matches)
        yield at(joined.cells[n].where, "PR011", "warning",
                 f"数字写法不符合 GB/T 15835：{quotes(text, spans)}。", advice + "。", *first(text, spans))


def _way_written(m: re.Match) -> str:
    """Return the way of writing numbers that a PR011 match *m* found (the name of its group that matched:
    fullwidth, cnyear or percent)."""
    return next(way for way in _GBT15835_ADVICE if m.group(way))
