"""The workbook's structure: the one place that says which sheets, fields and columns exist.

The template writer, the reader, the structural checks and the README's field table all derive from
the objects below; nothing else restates a sheet name, a label or a column letter.

Two sheet shapes exist:
- a *form* (基本信息): one field per row, label in A, value in B, hint in C;
- a *table* (报告正文, 活动台账, 指标数据): a header in row 1, one record per row below.

The report's outline is not here: it is rows of 报告正文 (any parts and sub-sections, in the author's order),
and a new template's rows come from the 提纲 in force (outline.py).
"""

from __future__ import annotations

from typing import NamedTuple

SCHEMA_VERSION = "2"
#: Hidden workbook-level defined name that holds SCHEMA_VERSION.
VERSION_NAME = "shuzhi_schema_version"

LAYOUTS = ("同段连排", "另起一段", "逐条分段")
BOLD_STYLES = ("不加粗", "仅序号", "序号及引语")
BODY_FONTS = ("仿宋_GB2312", "仿宋")
LEDGER_KINDS = (
    "支部党员大会", "支部委员会会议", "党小组会", "党课", "主题党日", "组织生活会",
    "民主评议党员", "谈心谈话", "集中学习", "志愿服务", "参观学习", "其他",
)


def column_letter(index: int) -> str:
    """Return the spreadsheet letters of 1-based column *index*: 1 → A, 27 → AA.

    Written here rather than imported from openpyxl, whose import costs ~0.3 s on the click path.
    """
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: str) -> int:
    """Return the 1-based column number of *letters* (A → 1, XFD → 16384), either case; any length is accepted."""
    number = 0
    for letter in letters.upper()[:8]:  # eight letters already exceed every limit; more cannot matter
        number = number * 26 + ord(letter) - 64
    return number


class Field(NamedTuple):
    """One value the user fills in: a form row or a table column."""

    key: str
    label: str
    kind: str = "text"  # text | longtext | int | number | date | choice
    required: bool = False
    choices: tuple[str, ...] = ()
    hint: str = ""
    example: str = ""
    default: str = ""
    width: int = 16


class Sheet(NamedTuple):
    """One worksheet: its form fields (one per row) or its table columns."""

    key: str
    name: str
    purpose: str
    form: tuple[Field, ...] = ()
    columns: tuple[Field, ...] = ()
    #: the Excel buttons take an open workbook holding every such sheet for a report workbook (the reader
    #: needs every sheet, since a renamed one would otherwise read as empty)
    identifies_report: bool = True
    #: columns a template fills in advance: a row holding nothing else is not a record
    markers: tuple[str, ...] = ()
    #: rows pre-formatted as input rows in the template's table
    input_rows: int = 0

    #: A table's header is row 1, its records follow.
    header_row = 1
    first_data_row = 2

    def form_row(self, key: str) -> int:
        """Return the row of form field *key*: below the header row."""
        for row, f in enumerate(self.form, start=2):
            if f.key == key:
                return row
        raise KeyError(key)

    def form_cell(self, key: str) -> str:
        """Return the A1 reference of form field *key*'s value."""
        return f"B{self.form_row(key)}"

    def column_letter(self, key: str) -> str:
        for index, column in enumerate(self.columns, start=1):
            if column.key == key:
                return column_letter(index)
        raise KeyError(key)

    def field(self, key: str) -> Field:
        for f in self.form + self.columns:
            if f.key == key:
                return f
        raise KeyError(key)

    @property
    def table_name(self) -> str:
        """Name of the Excel table (ListObject) holding the records; ASCII, which every spreadsheet accepts."""
        return f"tbl_{self.key}"


INFO = Sheet(
    key="info",
    name="基本信息",
    purpose="支部和报告的基本情况、开篇段落、落款以及排版选项。",
    form=(
        Field("branch", "支部名称", required=True, example="机关第一党支部"),
        Field("committee", "上级党组织", required=True, example="机关党委"),
        Field("secretary", "书记姓名", required=True, example="张三"),
        Field("year", "述职年度", "int", required=True, hint="四位数字年份。", example="2024"),
        Field("title", "报告标题", hint="选填。留空则为“支部名称+书记+年度+年度抓基层党建工作述职报告”；支部名称也空着则不印标题。"),
        Field("author", "署名行", hint="选填。标题下一行，留空则为“支部名称+书记+姓名”；书记姓名也空着或填“无”则不印。"),
        Field("salutation", "称谓", hint="选填，如“各位领导、同志们：”。"),
        Field("opening", "开篇段落", "longtext", required=True,
              hint="年度、领导、总体情况，以“现将具体情况述职如下：”之类的过渡句结尾。"),
        Field("closing", "结束语", hint="选填，如“特此报告，请予评议。”"),
        Field("signature", "落款", hint="选填，文末署名。"),
        Field("date", "成文日期", "date", hint="选填，如 2024年12月31日。"),
        Field("layout", "要点排版", "choice", choices=LAYOUTS, default=LAYOUTS[0],
              hint="同段连排：要点接在导语后；另起一段：要点合成一段；逐条分段：每条要点一段。"),
        Field("bold", "加粗方式", "choice", choices=BOLD_STYLES, default=BOLD_STYLES[2],
              hint="要点中哪些文字加粗。"),
        Field("body_font", "正文字体", "choice", choices=BODY_FONTS, default=BODY_FONTS[0],
              hint="电脑上没有仿宋_GB2312 时选“仿宋”。"),
    ),
)

#: The levels of 报告正文's rows: a part's title, a sub-section's heading, a point, text without a heading.
LEVELS = ("部分", "小节", "要点", "段落")
PART, SECTION, POINT, TEXT = LEVELS
ALONE = ("接正文", "单独成段")

BODY = Sheet(
    key="body",
    name="报告正文",
    purpose="报告的提纲和正文：每行一个部分、小节、要点或段落，按报告中的顺序排列。增删、改名、调换顺序都在这里做。",
    columns=(
        Field("level", "层级", "choice", choices=LEVELS, width=8,
              hint="部分：一级标题；小节：二级标题；要点：一是、二是……；段落：不带标题的文字。留空则按编号判断。"),
        Field("name", "栏目", width=12,
              hint="提纲中的栏目，如“政治学习”“存在问题”，用于检查和汇总归类，不印在报告中。新增的可留空。"),
        Field("numbering", "编号", width=8,
              hint="编号样式，如 一、（一）一是 第一， 1. 1、（1）①；程序按顺序重新编号。填“无”则不编号，"
                   "留空用默认：部分“一、”，小节“（一）”，要点“一是”。"),
        Field("heading", "标题", width=30, example="加强政治学习，着力提升支部凝聚力向心力",
              hint="部分、小节的标题或要点的引语，不写编号。"),
        Field("body", "正文", "longtext", width=80, example="一年来，坚持带领支部全体党员……",
              hint="标题下的文字。每段一行：单元格内按 Alt+Enter（WPS 同）换行即另起一段。"),
        Field("alone", "标题位置", "choice", choices=ALONE, width=10,
              hint="小节标题接正文（“（一）标题。正文……”）还是单独成段。留空为接正文。"),
        Field("layout", "要点排版", "choice", choices=LAYOUTS, width=10,
              hint="本小节要点的排版，留空按“基本信息”中的要点排版。"),
    ),
    markers=("level", "numbering", "alone", "layout"),
    input_rows=40,
)

LEDGER = Sheet(
    key="ledger",
    name="活动台账",
    purpose="全年会议和活动的台账，每次一行；检查时据此核对“三会一课”等频次。",
    columns=(
        Field("date", "日期", "date", required=True, hint="如 2024-03-15。", example="2024-03-15", width=14),
        Field("kind", "活动类型", "choice", required=True, choices=LEDGER_KINDS, width=16),
        Field("topic", "主题", hint="会议或活动的主题。", example="学习贯彻党的二十届三中全会精神", width=44),
        Field("participants", "参加人数", "int", width=10),
        Field("note", "备注", width=30),
    ),
    identifies_report=False,
    input_rows=300,
)

METRICS = Sheet(
    key="metrics",
    name="指标数据",
    purpose="正文可以引用的数字。正文中写 {指标名称}，生成报告时替换为数值。",
    columns=(
        Field("name", "指标名称", required=True, hint="正文中用 {指标名称} 引用。", example="重点项目数", width=26),
        Field("value", "数值", "number", required=True, example="12", width=14),
        Field("unit", "单位", example="个", width=10),
        Field("note", "说明", width=40),
    ),
    identifies_report=False,
    input_rows=50,
)

GUIDE_NAME = "填写说明"

#: Every data sheet, in workbook order (the guide sheet comes first and holds no data).
SHEETS = (INFO, BODY, LEDGER, METRICS)
SHEET_NAMES = (GUIDE_NAME, *(s.name for s in SHEETS))

