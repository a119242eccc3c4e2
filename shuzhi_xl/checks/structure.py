"""Structure and required content: what must be filled before a report can go up (codes ST…).

Missing sheets and columns and a wrong schema version stop the reader itself (WorkbookError); the CLI
reports those as ST000. Values the reader had to ignore (an unrecognisable year, a choice outside its
list) are reported here, at their cells.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import schema
from ..model import IgnoredValue, Location, Report, Section
from .finding import Finding, at

YEARS = range(2000, 2100)
#: What an unreadable value of each kind should have been, and how to write it.
_EXPECTED = {"int": ("整数", "只填阿拉伯数字"), "date": ("日期", "填写完整的日期，如 2024-03-15 或 2024年3月15日")}


def checked_year(report: Report) -> int | None:
    """Return the report year the checks count against: None when it is missing or invalid (ST007 says so once;
    the ledger and year checks that depend on it stand down instead of flooding the list)."""
    year = report.info.year
    return year if year in YEARS else None


def _first_row(sheet: schema.Sheet, column: str) -> Location:
    """Return the first input cell of *sheet*'s *column*: where a missing record should be typed."""
    return Location(sheet.name, f"{sheet.column_letter(column)}{sheet.first_data_row}")


def check(report: Report, rules, texts) -> Iterator[Finding]:
    """Yield findings about empty required fields, empty sub-sections and missing problems or plans."""
    info = report.info
    ignored = report.ignored_cells
    for value in report.ignored:
        yield _ignored(value)
    for f in schema.INFO.form:
        if f.required and getattr(info, f.key) in ("", None) and info.where.get(f.key) not in ignored:
            yield at(info.where.get(f.key), "ST001", "error", f"必填项“{f.label}”还没有填写。",
                     f"在此填写{f.label}。" + (f"示例：{f.example}" if f.example else ""))
    if info.year is not None and info.year not in YEARS:
        yield at(info.where.get("year"), "ST007", "error", f"述职年度“{info.year}”不是有效的四位年份。",
                 "填写四位数字年份，如 2024。")
    work = report.part("work")
    sections = {s.key: s for s in (work.sections if work else []) if s.key}
    for sheet in schema.SECTIONS:
        yield from _section(sheet, sections.get(sheet.key, Section(key=sheet.key)))
    for sheet, key, what in ((schema.PROBLEMS, "problems", "存在的问题"), (schema.PLANS, "plans", "下步工作打算")):
        part = report.part(key)
        items = part.sections if part else []
        if not items:
            yield at(_first_row(sheet, "heading"), "ST004" if key == "problems" else "ST005", "error",
                     f"“{sheet.name}”中没有任何一条{what}。", f"至少填写一条{what}：标题和具体内容。")
        for item in items:
            yield from _item(sheet, item)
    for part in report.parts:
        if not part.key and not part.heading:
            yield at(part.where.get("heading"), "ST010", "error", "新增部分没有部分标题，报告中只会印出序号。",
                     f"填写{schema.EXTRAS.field('part').label}，如“原因分析”；要作为第一部分的小节，"
                     f"把{schema.EXTRAS.field('place').label}改为“{schema.EXTRA_PLACES[0]}”。")


def _ignored(value: IgnoredValue) -> Finding:
    """Return the finding about a filled value the reader could not use: an error, but a warning in the ledger,
    which only feeds the frequency checks (its missing dates and kinds are warnings too)."""
    f = value.field
    severity = "warning" if value.where.sheet == schema.LEDGER.name else "error"
    if f.kind == "choice":
        instead = f"，暂按“{value.used}”处理" if value.used else ""
        return at(value.where, "ST009", severity, f"“{f.label}”填的“{value.value}”不是可选的值，没有采用{instead}。",
                  "从下拉列表中选择：" + "、".join(f.choices) + "。")
    if f.kind in _EXPECTED:
        what, advice = _EXPECTED[f.kind]
        what = "年份" if f == schema.INFO.field("year") else what
        example = f"，如 {f.example}" if f.example and f.kind == "int" else ""
        return at(value.where, "ST009", severity, f"“{f.label}”填的“{value.value}”无法识别为{what}。",
                  f"{advice}{example}。")
    return at(value.where, "ST011", "warning", f"“{f.label}”填的“{value.value}”在这一行不起作用，报告中不会出现。",
              f.hint)


def _section(sheet: schema.Sheet, section: Section) -> Iterator[Finding]:
    if not section.heading:
        yield at(section.where.get("heading", Location(sheet.name, sheet.form_cell("heading"))), "ST002", "error",
                 f"“{sheet.name}”小节还没有标题。", f"填写小节标题，如“{sheet.field('heading').example}”。")
    if not section.points:
        yield at(_first_row(sheet, "body"), "ST003", "error", f"“{sheet.name}”小节还没有任何工作要点。",
                 "至少填写一条要点（要点正文），一是、二是由程序编号。")
    for point in section.points:
        if point.lead and not point.body:
            yield at(point.where.get("body"), "ST006", "error", f"要点“{point.lead}”只有引语，没有正文。",
                     "在要点正文中写出具体做法和成效，或删除这一条。")


def _item(sheet: schema.Sheet, item: Section) -> Iterator[Finding]:
    if not item.heading:
        yield at(item.where.get("heading"), "ST008", "warning", f"“{sheet.name}”中有一条只有内容、没有标题。",
                 f"填写{sheet.field('heading').label}，概括为一句。")
    elif not item.lead:
        yield at(item.where.get("lead"), "ST008", "warning", f"“{item.heading}”只有标题，没有具体内容。",
                 f"在“{sheet.field('body').label}”中写出具体内容。")
