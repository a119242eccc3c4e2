"""Digits as Chinese documents write them, in one table for the workbook reader and the importer.

Full-width digits (２０２４) stand for ASCII ones. A year may be written digit by digit in Chinese
(二〇二四); its zero is typed in several ways: 〇 (the proper character), ○ (a circle), 零, and the
letter O, full-width or not (二Ｏ二四), which looks the same in most fonts.
"""

from __future__ import annotations

_FULLWIDTH = "０１２３４５６７８９"
_ZEROS = "〇○零ＯO"

#: Full-width digits, point and minus → ASCII, for numbers and dates typed with a Chinese input method.
FULLWIDTH_TO_ASCII = str.maketrans(_FULLWIDTH + "．－", "0123456789.-")
#: ASCII digits → full-width, to match numbers written either way.
ASCII_TO_FULLWIDTH = str.maketrans("0123456789", _FULLWIDTH)
#: Circled numbers ① to ⑳, the n-th at index n - 1.
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
#: A regex character class matching one Chinese digit of a year (二〇二四).
CHINESE_DIGIT = f"[{_ZEROS}一二三四五六七八九]"
#: Chinese digits of a year → ASCII digits (二〇二四 → 2024); also 一…九 in counts such as 十二.
CHINESE_TO_ASCII = str.maketrans(_ZEROS + "一二三四五六七八九", "0" * len(_ZEROS) + "123456789")
