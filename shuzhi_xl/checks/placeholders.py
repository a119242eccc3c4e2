"""Unfinished marks left in the text: X/XX/XXX, ××, 某某, 〇〇, 【待核实】, TODO, empty brackets (code PH001)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ..model import Report
from .cells import TextCell, Texts
from .finding import Finding, at, first, quotes

# X marks stand for names and numbers (X个, X6%, XX街社区, XXX党支部, X政办字); a letter next to them makes a
# word or code (XML, Xbox, X-1024), and X光/X射线/X线/X型/X轴 are terms, not marks.
# One pattern for the X runs, taken two ways: ignoring case in MARKS (%s = "i"), minding it in _CASE_SENSITIVE_X.
_X_RUNS = r"(?<![A-Za-z])(?%s:[XＸ]+|x{2,})(?![A-Za-z]|[-_/][A-Za-z0-9]|光|射线|线|型|轴)"
_X = _X_RUNS % "i"
# 〇〇 inside a year written in Chinese numerals (二〇〇八年) is not a mark.
_CIRCLES = r"(?<![一二三四五六七八九十〇零])[〇○]{2,}(?![一二三四五六七八九十〇零])"
# What is still to be done (待统计), in brackets: one list for both places a mark says it.
_PENDING = "补充|核实|确认|定|填|完善|更新|统计"
# × stands for a figure (评为优秀的×名, ×月×日) unless it multiplies figures (3×4, 3 × 4).
_TIMES = r"×{2,}|(?<![0-9０-９])(?<![0-9０-９] )×(?! ?[0-9０-９])"
_OTHERS = (rf"{_TIMES}|某某|[【\[［]\s*待[^】\]］]{{0,6}}[】\]］]|[（(]\s*待(?:{_PENDING})\s*[）)]"
           r"|(?<![A-Za-z])(?i:TODO|TBD)(?![A-Za-z])|《\s*》|（\s*）|\(\s*\)|【\s*】|“\s*”"
           # a field name in brackets, (数据待补充), runs of ＿ and □ standing for names and figures
           r"|[（(【\[［]\s*(?:姓名|名字|人名|单位|单位名称|部门|职务|时间|日期|地点|数字|数据|金额|人数|次数|具体[^）)】\]］]{0,6}"
           rf"|[^）)】\]］]{{0,8}}待(?:{_PENDING})[^）)】\]］]{{0,4}})\s*[）)】\]］]"
           r"|[＿_]{2,}|□{1,}")
# Runs of * next to ideographs or figures. These two ranges cost ~1 ms to compile: only a text holding a * needs them.
_STARS = r"(?<![0-9A-Za-z*])\*{1,3}(?=[\u4e00-\u9fff0-9%])|(?<=[\u4e00-\u9fff])\*{1,3}"
#: What a mark can start with (ｘ: a fullwidth x, which the X marks take ignoring case): the leading lookahead lets
#: the engine skip most characters before trying the alternatives (7× faster).
_STARTS = "XＸxｘ×某〇○【\\[［（(《“Tt＿_□"
# Case is ignored in the marks themselves only (the X runs, TODO/TBD: (?i:…)). Ignored over the whole pattern, it
# made it ~0.35 ms slower to compile at every check's start-up (folded ideograph classes), and [A-Za-z] took the
# Kelvin sign, long s, İ and ı for letters too.
MARKS = re.compile(f"(?=[{_STARTS}])(?:{_X}|{_CIRCLES}|{_OTHERS})")
_CASE_SENSITIVE_X = re.compile(_X_RUNS % "")
#: Joins texts to search them at once: a text's edge is to every part of the pattern what a line break is, so a
#: mark in any text is found there (or a stretch running into it from the text before, which is no mark).
_BETWEEN = "\n"


@functools.cache
def _marks_and_stars() -> re.Pattern:
    """Return MARKS with the runs of * as well (no other mark starts with a *, so the two find the same marks in a
    text without one)."""
    return re.compile(f"(?=[{_STARTS}*])(?:{_X}|{_CIRCLES}|{_OTHERS}|{_STARS})")


def find_marks(text: str) -> list[tuple[int, int]]:
    """Return the spans of the unfinished marks in *text*."""
    spans = []
    for match in _pattern(text).finditer(text):
        # Case is ignored for TODO/TBD: a single lower-case x is a letter, not a mark.
        if match.group(0)[0] in "xX" and not _CASE_SENSITIVE_X.fullmatch(match.group(0)):
            continue
        spans.append(match.span())
    return spans


def check(report: Report, rules, texts: Texts) -> Iterator[Finding]:
    """Yield one finding per cell that holds unfinished marks, quoting each with its context."""
    yield from check_cells(texts.every)


def _pattern(text: str) -> re.Pattern:
    return _marks_and_stars() if "*" in text else MARKS


def check_cells(cells: list[TextCell]) -> Iterator[Finding]:
    """Yield one finding per cell of *cells* that holds unfinished marks."""
    # Most reports hold none: one search of all their texts at once says so.
    every = _BETWEEN.join([cell.text for cell in cells])
    if not _pattern(every).search(every):
        return
    for cell in cells:
        spans = find_marks(cell.text)
        if spans:
            yield at(cell.where, "PH001", "error", f"有未完成的占位内容：{quotes(cell.text, spans)}。",
                     "把占位符换成实际的名称、数字或内容；确实不需要的请删除。", *first(cell.text, spans))
