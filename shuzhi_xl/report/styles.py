"""The report's typography: the GB/T 9704-2012 numbers, once, and the named styles built from them.

Sources: GB/T 9704-2012 《党政机关公文格式》 5.2 (paper, 版心, 22 lines × 28 chars), 7.2 (title, headings),
7.3.5.2 (signature and date), 7.5 (page numbers); the OOXML values and the LibreOffice checks behind them are in
docs/gongwen-format.md. Lengths are twips (1/20 pt) unless the name says otherwise.
"""

from __future__ import annotations

from typing import NamedTuple

from .. import schema

# Page (5.2.1, 5.2.2): A4; 天头 37 mm, 订口 28 mm; 版心 156 × 225 mm gives right 26 mm and bottom 35 mm.
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 2098, 1984, 1587, 1474
#: Page number 7 mm below the 版心 (7.5), as measured in LibreOffice.
FOOTER_DISTANCE = 1372
HEADER_DISTANCE = 851

# Grid (5.2.3): 22 lines of 28 characters. 579 twips × 22 fits the 225 mm block; 580 would give 21 lines.
LINE_PITCH = 579
#: Character spacing in twips on 16 pt runs (−0.25 pt): 28 × 15.75 pt fits the 442.2 pt block; 16 pt fits 27.
CHAR_SPACING = -5
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28

# Sizes in points (7.2): 二号 title, 三号 text, 四号 page numbers.
TITLE_SIZE, BODY_SIZE, PAGE_NUMBER_SIZE = 22, 16, 14
#: A full-width character's advance in body text.
CHAR_ADVANCE = BODY_SIZE * 20 + CHAR_SPACING
#: 2 characters of 16 pt: 32 pt. Never firstLineChars alone (LibreOffice then indents nothing).
FIRST_LINE_INDENT = 640
#: 1 character of 14 pt: odd page numbers 右空一字, even ones 左空一字 (7.5).
PAGE_NUMBER_INDENT = 280
#: 右空二字 for the signature (7.3.5.2).
SIGNATURE_GAP_CHARS = 2
#: At most 20 characters of 22 pt on a title line (440 pt of the 442.2 pt block).
TITLE_MAX_CHARS = 20
PAGE_NUMBER_DASH = "—"

# Fonts as written in w:rFonts (7.2, 7.5); Latin letters and digits in Times New Roman by local practice.
TITLE_FONT, HEI_FONT, SONG_FONT, LATIN_FONT = "方正小标宋简体", "黑体", "宋体", "Times New Roman"
#: Info.body_font → (仿宋 face, 楷体 face). A computer without 仿宋_GB2312 lacks 楷体_GB2312 as well (stock
#: Windows ships both as 仿宋/楷体), so the one setting picks the pair.
FONT_PAIRS = dict(zip(schema.BODY_FONTS, (("仿宋_GB2312", "楷体_GB2312"), ("仿宋", "楷体"))))
#: Info.bold → run kinds (report.text.Run.kind) printed bold. GB/T 9704 says nothing about bold.
BOLD_KINDS = dict(zip(schema.BOLD_STYLES, (frozenset(), frozenset({"ordinal"}), frozenset({"ordinal", "lead"}))))
LANGUAGE = "zh-CN"


class StyleSpec(NamedTuple):
    """A named style as the user sees it in Word's style gallery.

    ``face`` is a font name, or "fang"/"kai" for the pair chosen by Info.body_font. ``bold_kind`` names the run
    kind whose boldness Info.bold decides.
    """

    style_id: str
    name: str
    face: str
    paragraph: bool = True
    size: float = BODY_SIZE
    align: str = "both"
    first_line: int = FIRST_LINE_INDENT
    left: int = 0
    right: int = 0
    char_spacing: int = CHAR_SPACING
    space_before: int = 0
    outline_level: int | None = None
    keep_with_next: bool = False
    latin: str = LATIN_FONT
    bold_kind: str = ""


BODY = StyleSpec("ShuzhiBody", "公文正文", "fang")
_PAGE_NUMBER = dict(face=SONG_FONT, size=PAGE_NUMBER_SIZE, first_line=0, char_spacing=0, latin=SONG_FONT)
PAGE_ODD = StyleSpec("ShuzhiPageOdd", "页码（单页）", align="right", right=PAGE_NUMBER_INDENT, **_PAGE_NUMBER)
PAGE_EVEN = StyleSpec("ShuzhiPageEven", "页码（双页）", align="left", left=PAGE_NUMBER_INDENT, **_PAGE_NUMBER)
PARAGRAPH_STYLES = (
    StyleSpec("ShuzhiTitle", "公文标题", TITLE_FONT, size=TITLE_SIZE, align="center", first_line=0,
              char_spacing=0, outline_level=0, keep_with_next=True),
    StyleSpec("ShuzhiAuthor", "署名行", "kai", align="center", first_line=0, space_before=LINE_PITCH),
    BODY,
    StyleSpec("ShuzhiSalutation", "称谓", "fang", align="left", first_line=0),
    StyleSpec("ShuzhiPart", "一级标题", HEI_FONT, outline_level=1, keep_with_next=True),
    # Placed by left indents computed per report (report.docx): the date's first character then stands exactly two
    # characters right of the signature's, whatever widths the application gives digits and the CJK/Latin gap.
    StyleSpec("ShuzhiSignature", "落款", "fang", align="left", first_line=0, space_before=LINE_PITCH),
    StyleSpec("ShuzhiDate", "成文日期", "fang", align="left", first_line=0),
    PAGE_ODD,
    PAGE_EVEN,
)
CHARACTER_STYLES = (
    StyleSpec("ShuzhiHeading2", "二级标题", "kai", paragraph=False),
    StyleSpec("ShuzhiOrdinal", "要点序号", "fang", paragraph=False, bold_kind="ordinal"),
    StyleSpec("ShuzhiLead", "要点引语", "fang", paragraph=False, bold_kind="lead"),
)
#: Paragraph role (report.text.Paragraph.role) → paragraph style id.
ROLE_STYLES = {"title": "ShuzhiTitle", "author": "ShuzhiAuthor", "salutation": "ShuzhiSalutation",
               "opening": BODY.style_id, "part": "ShuzhiPart", "body": BODY.style_id, "closing": BODY.style_id,
               "signature": "ShuzhiSignature", "date": "ShuzhiDate"}
STYLE_NAMES = {spec.style_id: spec.name for spec in PARAGRAPH_STYLES + CHARACTER_STYLES}
#: Run kind → character style id, in body paragraphs (a part heading's run takes its paragraph's 黑体).
RUN_STYLES = {"heading": "ShuzhiHeading2", "ordinal": "ShuzhiOrdinal", "lead": "ShuzhiLead"}


def known_font(body_font: str) -> str:
    """Return the Info.body_font setting the styles follow for *body_font*: itself, or the first when unknown."""
    return body_font if body_font in FONT_PAIRS else schema.BODY_FONTS[0]


def known_bold(bold: str) -> str:
    """Return the Info.bold setting the styles follow for *bold*: itself, or the fullest when unknown."""
    return bold if bold in BOLD_KINDS else schema.BOLD_STYLES[-1]


def face(spec: StyleSpec, body_font: str) -> str:
    """Return the East Asian font name of *spec* for the report's Info.body_font setting."""
    fang, kai = FONT_PAIRS[known_font(body_font)]
    return {"fang": fang, "kai": kai}.get(spec.face, spec.face)


def is_bold(spec: StyleSpec, bold: str) -> bool:
    """Return True when *spec*'s runs are bold under the report's Info.bold setting."""
    return spec.bold_kind in BOLD_KINDS[known_bold(bold)]
