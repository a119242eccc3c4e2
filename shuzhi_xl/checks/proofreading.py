"""Proofreading of the report's text: punctuation, spacing, typed numbering, wording, years, numbers (PR…).

The format rules (PR001-PR006, PR009-PR011) yield at most one finding per cell, quoting every place they found;
the word-list and standards rules (shuzhi_xl.proof) one finding per place, naming the text to change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Report
from ..report.text import strip_numbering
from ..proof.engine import proofread
from .cells import TextCell, Texts
from .finding import Finding, at, first, quote, quotes
from .structure import checked_year

CJK = "\u3400-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "，。；：、！？“”‘’《》（）【】"
_HALF_WIDTH = re.compile(rf"(?<=[{CJK}{_CJK_PUNCT}])[,;:?!()]|[,;:?!()](?=[{CJK}{_CJK_PUNCT}])")
_DOUBLED = re.compile(r"[，。；：、][，。；：、]|！！|？？")
_SPACES = re.compile(rf"(?<=[{CJK}{_CJK_PUNCT}])[ \u3000\u00a0\t]+(?=[{CJK}{_CJK_PUNCT}])")
# 一条一条, 一步一步: a measure repeated after 一 is how Chinese says "one by one", not a slip.
_REPEATED = re.compile(rf"(?!一[{CJK}]一)([{CJK}]{{2,4}})\1")
_ARABIC_ORDINAL = re.compile(r"^\s*(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）]|第[一二三四五六七八九十]+[，、：])\s*")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)")
_GBT15835 = re.compile(
    r"(?=[\d０-９一二三四五六七八九〇零○百])"  # lets the engine skip other characters quickly
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
_PAIR_MARKS = re.compile("[“”《》（）]")
_FINAL = "。！？：…"
_FINAL_AFTER_QUOTE = "”’）》"

_SIMPLE = (
    ("PR001", _HALF_WIDTH, "中文里用了半角标点", "改为全角标点：，；：？！（）。"),
    ("PR003", _DOUBLED, "标点重复", "删去多余的标点。"),
    ("PR005", _SPACES, "中文之间有多余的空格", "删去空格；需要分隔时用标点。"),
    ("PR009", _REPEATED, "词语重复", "删去重复的词语。"),
)


def check(report: Report, rules, texts: Texts) -> Iterator[Finding]:
    """Yield proofreading findings for every text printed in the report."""
    yield from check_cells(texts.printed, rules, checked_year(report))


def check_cells(cells: list[TextCell], rules, year: int | None = None) -> Iterator[Finding]:
    """Yield proofreading findings for *cells*; *year* is the report's (None: the old-year rule stands down)."""
    yield from proofread(cells, rules)
    for cell in cells:
        text = cell.text
        for code, pattern, what, advice in _SIMPLE:
            spans = [m.span() for m in pattern.finditer(text)]
            if spans:
                yield at(cell.where, code, "warning", f"{what}：{quotes(text, spans)}。", advice, *first(text, spans))
        yield from _unpaired(cell)
        yield from _final_mark(cell)
        yield from _typed_numbering(cell)
        yield from _previous_year(cell, year)
        yield from _gbt15835(cell)


def _unpaired(cell: TextCell) -> Iterator[Finding]:
    stack: list[tuple[str, int]] = []
    unpaired: list[tuple[int, int]] = []
    for match in _PAIR_MARKS.finditer(cell.text):
        ch, index = match.group(0), match.start()
        if ch in _PAIRS:
            stack.append((ch, index))
        elif ch in _CLOSERS:
            if stack and stack[-1][0] == _CLOSERS[ch]:
                stack.pop()
            else:
                unpaired.append((index, index + 1))
    unpaired = sorted(unpaired + [(i, i + 1) for _, i in stack])
    if unpaired:
        marks = "".join(dict.fromkeys(cell.text[s] for s, _ in unpaired))
        yield at(cell.where, "PR002", "warning", f"引号、书名号或括号不成对（{marks}）：{quotes(cell.text, unpaired)}。",
                 "补上缺少的一半，或删去多余的一半。", *first(cell.text, unpaired))


def _final_mark(cell: TextCell) -> Iterator[Finding]:
    text = cell.text.rstrip()
    if not cell.paragraph or not text:
        return
    last = text[-1]
    if last in _FINAL or (last in _FINAL_AFTER_QUOTE and len(text) > 1 and text[-2] in _FINAL):
        return
    yield at(cell.where, "PR004", "warning", f"段末没有句号：{quote(text, len(text), len(text))}。", "在段末加上“。”。",
             last, len(text) - 1)


def _typed_numbering(cell: TextCell) -> Iterator[Finding]:
    if not cell.numbered:
        return
    typed = cell.text[: len(cell.text) - len(strip_numbering(cell.text))]
    arabic = _ARABIC_ORDINAL.match(cell.text)
    typed = typed or (arabic.group(0) if arabic else "")
    if typed.strip():
        yield at(cell.where, "PR006", "warning", f"开头手工写了序号“{typed.strip()}”，程序会自动编号，报告中会重复。",
                 f"删去开头的“{typed.strip()}”。", typed, 0)


def _previous_year(cell: TextCell, year: int | None) -> Iterator[Finding]:
    if year is None:
        return
    spans = [m.span() for m in _YEAR.finditer(cell.text) if int(m.group(1)) < year]
    if spans:
        yield at(cell.where, "PR010", "warning", f"正文写的是往年年份：{quotes(cell.text, spans)}，本报告是 {year} 年度。",
                 "核对是否沿用了往年的文字；确需提及往年的可忽略。", *first(cell.text, spans))


def _gbt15835(cell: TextCell) -> Iterator[Finding]:
    matches = list(_GBT15835.finditer(cell.text))
    if matches:
        advice = "；".join(dict.fromkeys(_GBT15835_ADVICE[m.lastgroup] for m in matches))
        spans = [m.span() for m in matches]
        yield at(cell.where, "PR011", "warning",
                 f"数字写法不符合 GB/T 15835：{quotes(cell.text, spans)}。", advice + "。", *first(cell.text, spans))
