"""Digits as Chinese documents write them, in one table for the workbook reader and the importer.

Full-width digits (２０２４) stand for ASCII ones. A year may be written digit by digit in Chinese
(二〇二四); its zero is typed in several ways: 〇 (the proper character), ○ (a circle), 零, and the
letter O, full-width or not (二Ｏ二四), which looks the same in most fonts.
"""

from __future__ import annotations

import functools
import re

_FULLWIDTH = "０１２３４５６７８９"
_ZEROS = "〇○零ＯO"

#: Full-width digits, point and minus → ASCII, for numbers and dates typed with a Chinese input method.
FULLWIDTH_TO_ASCII = str.maketrans(_FULLWIDTH + "．－", "0123456789.-")
_DIGITS_TO_ASCII = str.maketrans(_FULLWIDTH, "0123456789")
#: ASCII digits → full-width, to match numbers written either way.
ASCII_TO_FULLWIDTH = str.maketrans("0123456789", _FULLWIDTH)
#: Circled numbers ① to ⑳, the n-th at index n - 1.
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
#: Chinese digits, the n-th for n.
CHINESE_DIGITS = "零一二三四五六七八九"
#: A regex character class matching one Chinese digit of a year (二〇二四).
CHINESE_DIGIT = f"[{_ZEROS}{CHINESE_DIGITS[1:]}]"
#: Chinese digits of a year → ASCII digits (二〇二四 → 2024); also 一…九 in counts such as 十二.
CHINESE_TO_ASCII = str.maketrans(_ZEROS + CHINESE_DIGITS[1:], "0" * len(_ZEROS) + "123456789")
#: 大写 numerals (壹贰叁, as on a cheque or in Word's chineseLegalSimplified numbering) → the plain ones: a label typed
#: 壹、 or （贰） is a 一、 or （一） label, numbered 一、 like every other (the report numbers by 公文 labels).
FINANCIAL_TO_PLAIN = str.maketrans("壹贰叁肆伍陆柒捌玖拾", CHINESE_DIGITS[1:] + "十")
#: The characters of a Chinese numeral up to the thousands as counts are written (〇 for zero, 两 for two too),
#: and of any numeral (万, 亿 too).
BELOW_TEN_THOUSAND = CHINESE_DIGITS + "〇两十百千"
NUMERAL_CHARS = BELOW_TEN_THOUSAND + "万亿"
#: The largest number chinese_numeral writes.
MAX_NUMERAL = 99_999_999


def chinese_numeral(n: int) -> str:
    """Return 0–99,999,999 in Chinese numerals: 10 → 十, 12 → 十二, 101 → 一百零一, 1010 → 一千零一十,
    10010 → 一万零一十 (a table may hold more than 9,999 rows: every one is numbered)."""
    if not 0 <= n <= MAX_NUMERAL:
        raise ValueError(f"no Chinese numeral for {n}: only 0 to {MAX_NUMERAL}")
    high, low = divmod(n, 10_000)
    if not high:
        return _below_ten_thousand(low, leading=True)
    tail = ("零" if low < 1000 else "") + _below_ten_thousand(low, leading=False) if low else ""
    return f"{_below_ten_thousand(high, leading=True)}万{tail}"


def _below_ten_thousand(n: int, leading: bool) -> str:
    """Return 0–9999 in numerals; *leading* when nothing stands before it (十二, but 一万零一十二)."""
    out, gap = "", False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, unit)
        if not digit:
            gap = gap or bool(out and n)  # one 零 for any run of missing units between digits
            continue
        out += "零" if gap else ""
        out += ("" if digit == 1 and unit == 10 and not out and leading else CHINESE_DIGITS[digit]) + name
        gap = False
    return out or CHINESE_DIGITS[0]


#: Numbering styles of a heading or point, each written as its first label; "无" prints no label.
NUMBERINGS = ("一、", "（一）", "一是", "第一，", "1.", "1、", "（1）", "①", "无")
UNNUMBERED = "无"
#: The style a level takes when none is chosen: part, sub-section, point.
DEFAULT_NUMBERING = {"part": "一、", "section": "（一）", "point": "一是"}
_CHINESE = "[一二三四五六七八九十百零〇]+"
#: How each style writes a label, {n} standing for its number: in Chinese numerals (一、), digits (1.) or a circled
#: number (①), as the style's own first label shows. The one table of label shapes: the workbook's 编号, the
#: importer's labels and points and the report's typed ordinals each put their own number pattern in {n}.
LABEL_SHAPES = (
    ("一、", r"{n}(?:、|[.．](?![0-9０-９]))"), ("（一）", r"[（(〔]\s*{n}\s*[)）〕]"), ("一是", "{n}是"),
    ("第一，", "第{n}[，,、]"), ("1.", r"{n}[.．](?![0-9０-９])"), ("1、", "{n}、"), ("（1）", r"[（(〔]\s*{n}\s*[)）〕]"),
    ("①", "{n}"),
)


def label_patterns(chinese: str, digits: str, circled: str) -> list[tuple[str, str]]:
    """Return (style, pattern) of each numbering style in LABEL_SHAPES, its number matched by *chinese*, *digits* or
    *circled* (regular expressions) as the style numbers."""
    def number(style: str) -> str:
        return circled if style == "①" else digits if "1" in style else chinese

    return [(style, shape.format(n=number(style))) for style, shape in LABEL_SHAPES]


#: Patterns, not compiled ones: a label is tried against them in turn, so most runs compile the first few only.
_LABELS = (*label_patterns(_CHINESE, "[0-9０-９]+", f"[{CIRCLED}]"), (UNNUMBERED, r"无|不编号|-|—"))


def numbering_style(label: str) -> str | None:
    """Return the numbering style a typed label shows ("三、" → "一、", "（2）" → "（1）"), "" for an empty one,
    or None when it is no label this program knows."""
    label = label.strip().replace(" ", "").translate(FINANCIAL_TO_PLAIN)
    if not label:
        return ""
    return next((style for style, pattern in _LABELS if re.fullmatch(pattern, label)), None)


def written_style(label: str) -> str | None:
    """Return the numbering style of a typed label in the author's own form, renumbered to 1: "(三)" → "(一)",
    "3．" → "1．" (ordinal_label keeps that form); "" for an empty label, None for one this program does not
    know."""
    style = numbering_style(label)
    if not style or style in (UNNUMBERED, "①"):
        return style
    # Digits made ASCII ("３．" → "3．") and 大写 numerals plain ("（贰）" → "（二）"); the marks stay the author's.
    label = label.strip().replace(" ", "").translate(_DIGITS_TO_ASCII).translate(FINANCIAL_TO_PLAIN)
    return re.sub(rf"{_CHINESE}|[0-9]+", lambda m: "1" if m.group().isdigit() else "一", label, count=1)


def _ordinal_label(style: str, n: int) -> str:
    """Return the label of the *n*-th (1-based) item numbered in *style*: ("（一）", 3) → "（三）"."""
    if style == UNNUMBERED:
        return ""
    if style == "①":
        return CIRCLED[n - 1] if n <= len(CIRCLED) else f"（{n}）"
    if "1" in style:
        return style.replace("1", str(n))
    return style.replace("一", chinese_numeral(n), 1)


#: _ordinal_label remembered: every heading and point of every report asks for one of a few labels (the plain
#: function stays undecorated so that mutation testing reaches it).
ordinal_label = functools.lru_cache(maxsize=512)(_ordinal_label)
