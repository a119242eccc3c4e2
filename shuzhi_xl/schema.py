"""The workbook's structure: the one place that says which sheets, fields and columns exist.

The template writer, the reader, the structural checks and the README's field table all derive from
the objects below; nothing else restates a sheet name, a label or a column letter.

Three sheet shapes exist:
- a *form* (基本信息): one field per row, label in A, value in B, hint in C;
- a *section* (政治学习 …): a few form rows on top (value merged over B:C), then a table of points;
- a *table* (存在问题, 活动台账 …): a header in row 1, one record per row below.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = "1"
#: Hidden workbook-level defined name that holds SCHEMA_VERSION.
VERSION_NAME = "shuzhi_schema_version"

LAYOUTS = ("同段连排", "另起一段", "逐条分段")
BOLD_STYLES = ("不加粗", "仅序号", "序号及引语")
BODY_FONTS = ("仿宋_GB2312", "仿宋")
LEDGER_KINDS = (
    "支部党员大会", "支部委员会会议", "党小组会", "党课", "主题党日", "组织生活会",
    "民主评议党员", "谈心谈话", "集中学习", "志愿服务", "参观学习", "其他",
)
EXTRA_PLACES = ("第一部分之内", "第一部分之后", "第二部分之后", "第三部分之后")
#: The place of an extra part, by the key of the standard part it follows (the reader and writer both use it).
PLACE_AFTER = dict(zip(("work", "problems", "plans"), EXTRA_PLACES[1:]))


def column_letter(index: int) -> str:
    """Return the spreadsheet letters of 1-based column *index*: 1 → A, 27 → AA.

    Written here rather than imported from openpyxl, whose import costs ~0.3 s on the click path.
    """
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Field:
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


@dataclass(frozen=True)
class Sheet:
    """One worksheet: its form fields (rows on top) and/or its table columns."""

    key: str
    name: str
    purpose: str
    form: tuple[Field, ...] = ()
    columns: tuple[Field, ...] = ()
    #: the Excel buttons take an open workbook holding every such sheet for a report workbook (the reader
    #: needs every sheet, since a renamed one would otherwise read as empty)
    identifies_report: bool = True
    #: sort records by this column before use (users insert rows out of order)
    order_by: str = ""
    #: rows pre-formatted as input rows in the template's table
    input_rows: int = 0

    @property
    def header_row(self) -> int:
        """Row of the table header: row 1 for a table, below the form and a spacer otherwise."""
        return len(self.form) + 2 if self.form and self.columns else 1

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1

    def form_row(self, key: str) -> int:
        """Return the row of form field *key*: below the header row of a form, from row 1 above a table."""
        for row, f in enumerate(self.form, start=1 if self.columns else 2):
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


def _section_sheet(key: str, name: str, heading_example: str, lead_example: str,
                   point_lead: str, point_body: str) -> Sheet:
    return Sheet(
        key=key,
        name=name,
        purpose=f"报告第一部分中“{name}”小节：小节标题、导语和逐条工作要点（一是、二是……由程序自动编号）。",
        form=(
            Field("heading", "小节标题", required=True, hint="写成一句概括，不写“（一）”和句末句号。",
                  example=heading_example),
            Field("lead", "导语", "longtext", hint="选填，通常以“一年来，”开头，概述本小节。", example=lead_example),
            Field("layout", "要点排版", "choice", choices=LAYOUTS,
                  hint="选填。留空则按“基本信息”中的要点排版。"),
        ),
        columns=(
            Field("order", "序号", "int", hint="排列顺序，填 1、2、3……", width=8),
            Field("lead", "要点引语", hint="选填，短句概括，不写“一是”和句号。", example=point_lead, width=30),
            Field("body", "要点正文", "longtext", hint="本条要点的具体内容。", example=point_body, width=90),
        ),
        order_by="order",
        input_rows=20,
    )


INFO = Sheet(
    key="info",
    name="基本信息",
    purpose="支部和报告的基本情况、开篇段落、落款以及排版选项。",
    form=(
        Field("branch", "支部名称", required=True, example="机关第一党支部"),
        Field("committee", "上级党组织", required=True, example="机关党委"),
        Field("secretary", "书记姓名", required=True, example="张三"),
        Field("year", "述职年度", "int", required=True, hint="四位数字年份。", example="2024"),
        Field("title", "报告标题", hint="选填。留空则为“支部名称+书记+年度+年度抓基层党建工作述职报告”。"),
        Field("author", "署名行", hint="选填。标题下一行，留空则为“支部名称+书记+姓名”。"),
        Field("salutation", "称谓", hint="选填，如“各位领导、同志们：”。"),
        Field("opening", "开篇段落", "longtext", required=True,
              hint="年度、领导、总体情况，以“现将具体情况述职如下：”之类的过渡句结尾。"),
        Field("part1", "第一部分标题", default="主要工作情况", hint="不写“一、”。"),
        Field("part2", "第二部分标题", default="存在的问题", hint="不写“二、”。"),
        Field("part3", "第三部分标题", default="下步工作打算", hint="不写“三、”。"),
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

STUDY = _section_sheet(
    "study", "政治学习", "加强政治学习，着力提升支部凝聚力向心力",
    "一年来，坚持带领支部全体党员……", "做好谋划文章", "按照党委部署要求，及时制定支部学习计划……")
TASKS = _section_sheet(
    "tasks", "重点任务", "强化责任意识，落实基层党建年度重点任务",
    "一年来，认真履行抓党建工作“第一责任人”职责……", "", "深入学习贯彻《中国共产党支部工作条例（试行）》……")
ACTIVITIES = _section_sheet(
    "activities", "支部活动", "丰富支部活动，切实提高支部党建活力",
    "一年来，坚持以提升组织力为重点……", "丰富主题党日活动", "扎实做好主题党日规定动作和自选动作……")
CENTRAL = _section_sheet(
    "central", "中心工作", "围绕中心工作，充分发挥战斗堡垒作用",
    "一年来，紧紧围绕中心任务……", "抓好规划管理工作", "高质量完成规划编制工作……")


def _item_sheet(key: str, name: str, purpose: str, heading: str, body: str,
                heading_example: str, body_example: str) -> Sheet:
    return Sheet(
        key=key,
        name=name,
        purpose=purpose,
        columns=(
            Field("order", "序号", "int", hint="排列顺序，填 1、2、3……", width=8),
            Field("heading", heading, required=True, hint="概括为一句，不写“（一）”和句末句号。",
                  example=heading_example, width=30),
            Field("body", body, "longtext", hint="具体内容。", example=body_example, width=80),
        ),
        order_by="order",
        input_rows=15,
    )


PROBLEMS = _item_sheet(
    "problems", "存在问题", "报告第二部分：存在的问题，每行一条，程序编为（一）（二）……",
    "问题标题", "具体表现", "思想认识高度不够", "部分党员重业务轻党建的思想还较为严重……")
PLANS = _item_sheet(
    "plans", "下步打算", "报告第三部分：下步工作打算，每行一条，最好逐条回应存在的问题。",
    "打算标题", "具体措施", "提高认识，转变党建工作思想观念", "深刻认识党建工作的重要作用……")

EXTRAS = Sheet(
    key="extras",
    name="补充章节",
    purpose="标准结构以外的内容：第一部分的第（五）小节及以后，或“原因分析”等新增部分。",
    columns=(
        Field("order", "序号", "int", width=8),
        Field("place", "插入位置", "choice", required=True, choices=EXTRA_PLACES, width=16,
              hint="第一部分之内：作为第一部分新增小节；其余：作为新增部分插在该部分之后。"),
        Field("part", "部分标题", hint="新增部分的标题，如“原因分析”；第一部分之内的小节留空。", width=22),
        Field("heading", "小节标题", hint="不写“（五）”和句末句号；留空则作为不带小标题的段落。", width=30),
        Field("body", "正文", "longtext", width=80),
    ),
    identifies_report=False,
    order_by="order",
    input_rows=10,
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

#: Section sheets of part 一, in report order.
SECTIONS = (STUDY, TASKS, ACTIVITIES, CENTRAL)
#: Every data sheet, in workbook order (the guide sheet comes first and holds no data).
SHEETS = (INFO, *SECTIONS, PROBLEMS, PLANS, EXTRAS, LEDGER, METRICS)
SHEET_NAMES = (GUIDE_NAME, *(s.name for s in SHEETS))


def sheet(key: str) -> Sheet:
    """Return the sheet whose key is *key*."""
    for s in SHEETS:
        if s.key == key:
            return s
    raise KeyError(key)
