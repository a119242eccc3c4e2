"""Where the report's lines and pages break on the GB/T 9704 grid (22 lines of 28 characters), computed, not
rendered: the volume's contents carry true page numbers without any field update, and a paragraph that would end
with one lone character is tightened.

The model follows LibreOffice 7.4 and Word on this document: every full-width character advances 16 pt less the
style's character spacing; Latin letters and digits take Times New Roman's widths plus the CJK/Latin gap; a line
may not start with closing punctuation (the character before it goes down too) nor end with opening punctuation;
Latin words and numbers never break. Pages: exact 28.95 pt lines, no widow control, a paragraph kept with the next
moves whole to the next page when the two would part. tests/test_consolidate_render.py checks it against a render.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from . import styles as S
from .lines import NO_LINE_END, NO_LINE_START, title_lines
from .text import Paragraph

#: The text block's width in twips (156 mm).
TEXT_WIDTH = S.PAGE_WIDTH - S.MARGIN_LEFT - S.MARGIN_RIGHT
#: Times New Roman advance widths in thousandths of an em (Liberation Serif has the same metrics).
_TIMES = dict(zip(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
    (250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, *[500] * 10, 278, 278, 564,
     564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667,
     556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500,
     278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541)))
#: LibreOffice leaves a line that would fill the block to the last twip short by a character: lines must fit in
#: the width less this (twips).
SLACK = 10
#: A tightened paragraph's lines must also fit this much (twips) short of the block: none only just fits.
TIGHT_MARGIN = 40
#: The gap LibreOffice and Word put between Chinese and Latin letters or digits (autoSpaceDE/DN, on by default;
#: LibreOffice 7.4 ignores turning it off in a style), in ems.
AUTOSPACE_EM = 0.21
#: How far a paragraph may be tightened to lift a lone last character: its characters set down to 95 % width
#: (w:w). Not tighter character spacing: LibreOffice 7.4 ignores that on lines mixing fonts (a 楷体 heading run,
#: digits in Times New Roman).
TIGHTEST = 95
#: Paragraph roles of the signature block (落款 and 成文日期).
SIGNATURE_ROLES = ("signature", "date")
#: Roles set in body type with a two-character first-line indent.
INDENTED = ("opening", "part", "body", "closing")


#: Latin runs: what Times New Roman sets (printable ASCII). Every other character is set full width in the Chinese
#: font (Chinese, full-width marks, “” —).
_LATIN = re.compile(r"[ -~]+")
#: Tokens inside a Latin run: a space, or a word or number (any run of other characters), which never breaks.
_LATIN_TOKEN = re.compile(r" |[!-~]+")


@functools.cache
def _widths(size: float, spacing: int, scale: int) -> tuple[tuple[int, int], dict[str, tuple[int, int, bool | None]]]:
    """Return a full-width character's advance (without, with the autospace gap before it) and the Latin
    characters' (without, with the gap, script: None for a space or a mark, beside which there is no gap) at one
    size, spacing and scale (per cent of the glyphs' width)."""
    em = size * 20

    def pair(glyph: float) -> tuple[int, int]:
        glyph = glyph * scale / 100 + spacing
        return round(glyph), round(glyph + AUTOSPACE_EM * em)

    latin = {char: (*pair(em * width / 1000), False if char.isalnum() else None) for char, width in _TIMES.items()}
    return pair(em), latin


def advances(text: str, size: float = S.BODY_SIZE, spacing: int = S.CHAR_SPACING, scale: int = 100) -> list[int]:
    """Return each character's advance in twips: its glyph (at *scale* per cent of its width), the character
    spacing, and the autospace gap before it where the script changes between Chinese and Latin (letters and
    digits; none beside spaces and Latin marks). Stretches of Chinese are measured whole: they are most text."""
    (wide, wide_after_latin), latin = _widths(size, spacing, scale)
    out: list[int] = []
    previous, at = None, 0  # script of the character before: True Chinese, False letter or digit, None neither
    for match in itertools.chain(_LATIN.finditer(text), (None,)):
        start, end = match.span() if match else (len(text), len(text))
        if start > at:
            out.append(wide_after_latin if previous is False else wide)
            out.extend(itertools.repeat(wide, start - at - 1))
            previous = True
        for char in text[start:end]:
            alone, after_change, script = latin[char]
            out.append(after_change if previous is not None and script is not None and previous != script else alone)
            previous = script
        at = end
    return out


def first_advance(char: str, size: float = S.BODY_SIZE, spacing: int = S.CHAR_SPACING, scale: int = 100) -> int:
    """Return *char*'s advance where it starts a line: no autospace gap before it."""
    (wide, _), latin = _widths(size, spacing, scale)
    return latin[char][0] if char in latin else wide


def _token_starts(text: str) -> list[int]:
    """Return where *text*'s tokens start, the places a line may break: each Chinese character and each space is
    a token, a Latin word or number is one."""
    starts: list[int] = []
    at = 0
    for match in _LATIN.finditer(text):
        starts.extend(range(at, match.start()))
        starts.extend(token.start() for token in _LATIN_TOKEN.finditer(text, match.start(), match.end()))
        at = match.end()
    starts.extend(range(at, len(text)))
    return starts


def break_lines(text: str, width: int, first_indent: int = 0, size: float = S.BODY_SIZE,
                spacing: int = S.CHAR_SPACING, scale: int = 100, slack: int = SLACK) -> list[str]:
    """Return *text* broken into lines as LibreOffice breaks a justified paragraph *width* twips wide (lines
    fitting in *slack* twips less)."""
    return _Measured(text, _token_starts(text), size, spacing, scale).lines(width, first_indent, slack)


class _Measured:
    """A paragraph's text measured once (tokens, running advances) to be broken into lines at several widths."""

    def __init__(self, text: str, starts: list[int], size: float, spacing: int, scale: int) -> None:
        self.text, self.starts = text, starts
        self.prefix = list(itertools.accumulate(advances(text, size, spacing, scale), initial=0))
        self.size, self.spacing, self.scale = size, spacing, scale

    def lines(self, width: int, first_indent: int, slack: int) -> list[str]:
        """Return the lines of a paragraph *width* twips wide, each fitting in *slack* twips less: a token that
        does not fit (a space always does) goes down, and with it an opening mark before it or the character
        before a closing mark. A line's first character has no autospace gap before it."""
        text, prefix, starts = self.text, self.prefix, self.starts
        lines: list[str] = []
        begin, lead, bound = 0, 0, width - first_indent - slack  # lead: the gap a line's first character loses
        first, following = 0, 1  # the line's first token, the next token to place (a line takes at least one)
        while following < len(starts):
            # The first token from the next on ending past the bound (advances are positive: found by bisection).
            over = bisect.bisect_right(prefix, prefix[begin] + lead + bound)
            if over == len(prefix):
                break
            token = max(following, bisect.bisect_right(starts, over - 1) - 1 if over else 0)
            while token < len(starts) and text[starts[token]] == " ":
                token += 1
            if token >= len(starts):
                break
            cut = token
            while cut > first + 1 and (text[starts[cut - 1]] in NO_LINE_END or text[starts[cut]] in NO_LINE_START):
                cut -= 1
            lines.append(text[begin:starts[cut]].rstrip(" "))
            begin, bound, first, following = starts[cut], width - slack, cut, token + 1
            alone = first_advance(text[begin], self.size, self.spacing, self.scale)
            lead = prefix[begin + 1] - prefix[begin] - alone
        lines.append(text[begin:].rstrip(" "))
        return lines


#: Roles whose style leaves a blank line above them (署名行 below the title, 落款 below the text).
SPACED_ROLES = ("author", "signature")


class Laid(NamedTuple):
    """A paragraph as laid out: its lines, the blank lines above it, whether it is kept with the next, and the
    width its characters are set at in per cent (None: 100; less when a lone last character was lifted)."""

    lines: tuple[str, ...]
    space_before: int = 0
    keep_with_next: bool = False
    scale: int | None = None


def lone_last_line(lines: Sequence[str]) -> bool:
    """Return True when the last of several lines holds one character, closing marks not counted (“务。”)."""
    return len(lines) > 1 and len(lines[-1].rstrip(NO_LINE_START)) <= 1


def lay_out(paragraph: Paragraph, *, tighten: bool = True) -> Laid:
    """Return how *paragraph* (report.text) is laid out in its role's style."""
    role = paragraph.role
    if role == "title":
        return Laid(tuple(title_lines(paragraph.text)), keep_with_next=True)
    indent = S.FIRST_LINE_INDENT if role in INDENTED else 0
    text = paragraph.text
    starts = _token_starts(text)
    lines = _Measured(text, starts, S.BODY_SIZE, S.CHAR_SPACING, 100).lines(TEXT_WIDTH, indent, SLACK)
    scale = None
    if tighten and role in INDENTED and lone_last_line(lines):
        for narrower in range(99, TIGHTEST - 1, -1):
            measured = _Measured(text, starts, S.BODY_SIZE, S.CHAR_SPACING, narrower)
            tight = measured.lines(TEXT_WIDTH, indent, SLACK)
            # Not where a line only just fits: the model's Latin widths at a narrower scale are not exact.
            if len(tight) < len(lines) and tight == measured.lines(TEXT_WIDTH, indent, SLACK + TIGHT_MARGIN):
                scale, lines = narrower, tight
                break
    return Laid(tuple(lines), space_before=1 if role in SPACED_ROLES else 0,
                keep_with_next=role in ("title", "part"), scale=scale)


def lay_out_report(paragraphs: Sequence[Paragraph], *, tighten: bool = True) -> list[Laid]:
    """Return every paragraph of a report laid out. 7.3.5: the signature block stays with the text above it, so the
    paragraph before the signature or date, and the signature before the date, are kept with the next."""
    laid = [lay_out(p, tighten=tighten) for p in paragraphs]
    if len(paragraphs) > 1 and paragraphs[0].role == "title" and paragraphs[1].role not in SPACED_ROLES:
        laid[1] = laid[1]._replace(space_before=1)  # the title's blank line, which the author line brings when printed
    for i, following in enumerate(paragraphs[1:]):
        if following.role in SIGNATURE_ROLES:
            laid[i] = laid[i]._replace(keep_with_next=True)
    return laid


def page_count(laid: Iterable[Laid]) -> int:
    """Return how many pages the paragraphs *laid* fill from the top of a page."""
    paragraphs = list(laid)
    page, line = 1, 0
    i = 0
    while i < len(paragraphs):
        chain = i
        while chain < len(paragraphs) - 1 and paragraphs[chain].keep_with_next:
            chain += 1
        # A run of kept paragraphs and the first line of the one after them must share a page.
        together = sum(p.space_before + len(p.lines) for p in paragraphs[i:chain]) + \
            paragraphs[chain].space_before + 1
        if chain > i and line > 0 and line + together > S.LINES_PER_PAGE and together <= S.LINES_PER_PAGE:
            page, line = page + 1, 0
        for p in paragraphs[i:chain + 1]:
            line += p.space_before if line else 0
            line += len(p.lines)
            while line > S.LINES_PER_PAGE:
                page, line = page + 1, line - S.LINES_PER_PAGE
        i = chain + 1
    return page


def sheets(pages: int) -> int:
    """Return the pages a part starting on an odd page takes up, the blank page before the next odd page included."""
    return 2 * math.ceil(pages / 2)
