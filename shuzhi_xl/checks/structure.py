"""Structure and required content: what must be filled before a report can go up (codes ST…).

The report's outline is the author's: it is measured against the 提纲 in force (rules.outline). Only a
required 提纲 item missing or empty is an error; a part or section a committee's 提纲 lacks is a hint; the
default 提纲 requires nothing, so a report with its own outline gets no structural error for it.

Missing sheets and columns and a wrong schema version stop the reader itself (WorkbookError); the CLI
reports those as ST000. Values the reader had to ignore (an unrecognisable year, a choice outside its
list) are reported here, at their cells.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from .. import schema
from ..model import IgnoredValue, Location, Report
from ..numerals import NUMBERINGS
from ..outline import Heading, Matched, Outline
from ..report.text import has_content
from .finding import Finding, at

if TYPE_CHECKING:
    from .facts import Facts

YEARS = range(2000, 2100)
#: Codes of a required 提纲 item missing or empty: what consolidation's 总览 lists per branch.
OUTLINE_GAPS = ("ST012", "ST013", "ST014")
#: What an unreadable value of each kind should have been, and how to write it.
_EXPECTED = {"int": ("整数", "只填阿拉伯数字"), "date": ("日期", "填写完整的日期，如 2024-03-15 或 2024年3月15日")}


def checked_year(report: Report) -> int | None:
    """Return the report year the checks count against: None when it is missing or invalid (ST007 says so once;
    the ledger and year checks that depend on it stand down instead of flooding the list)."""
    year = report.info.year
    return year if year in YEARS else None


def check(report: Report, rules, facts: Facts) -> Iterator[Finding]:
    """Yield findings about empty required fields, the report's outline against the 提纲, and empty headings."""
    info = report.info
    ignored = report.ignored_cells
    if report.version and report.version != schema.SCHEMA_VERSION:
        yield at(Location(), "ST016", "info", f"这是旧版工作簿（结构版本 {report.version}），已按旧结构读取，检查和生成报告不受影响。",
                 "运行 shuzhi upgrade 本工作簿.xlsx 可转成新版：报告的提纲都在“报告正文”一张表中，可以自由增删、改名和调整顺序。")
    for value in report.ignored:
        yield _ignored(value)
    for f in schema.INFO.form:
        if f.required and getattr(info, f.key) in ("", None) and info.where.get(f.key) not in ignored:
            yield at(info.where.get(f.key), "ST001", "error", f"必填项“{f.label}”还没有填写。",
                     f"在此填写{f.label}。" + (f"示例：{f.example}" if f.example else ""))
    if info.year is not None and info.year not in YEARS:
        yield at(info.where.get("year"), "ST007", "error", f"述职年度“{info.year}”不是有效的四位年份。",
                 "填写四位数字年份，如 2024。")
    if not any(has_content(s) for part in report.parts for s in part.sections) and not any(
            p.heading for p in report.parts):
        yield at(Location(schema.BODY.name), "ST004", "error", f"“{schema.BODY.name}”中还没有任何内容。",
                 "按提纲逐行填写各部分、小节和要点。")
    yield from _against_outline(facts.matched, rules.outline)
    for m in facts.matched:
        yield from _part(m)


def _against_outline(matched: Sequence[Matched], outline: Outline) -> Iterator[Finding]:
    """Yield errors for required 提纲 items missing or empty, and hints for parts and sections a committee's 提纲
    does not have."""
    sheet = Location(schema.BODY.name)
    found = {m.item for m in matched if m.item}
    for item in outline.parts:
        if item.required and item not in found:
            yield at(sheet, "ST012", "error", f"提纲要求的部分“{_shown(item)}”没有找到。",
                     f"在“{schema.BODY.name}”中按提纲的顺序加一行“{schema.PART}”，标题写“{_shown(item)}”。")
    for m in matched:
        if m.item is None:
            if outline.committee and m.part.heading:
                yield at(m.part.where.get("heading"), "ST015", "info",
                         f"部分“{m.part.heading}”不在上级党组织规定的提纲中。", "确认是否需要这一部分，或改用提纲中的标题。")
            continue
        if m.item.required and not any(has_content(s) for s in m.part.sections):
            yield at(m.part.where.get("heading"), "ST014", "error", f"提纲要求的部分“{_shown(m.item)}”还没有内容。",
                     "在这一部分下填写小节、要点或段落。")
        present = {item for _, item in m.sections if item}
        for item in m.item.sections:
            if item.required and item not in present:
                yield at(m.part.where.get("heading"), "ST013", "error",
                         f"提纲要求“{_shown(m.item)}”下有小节“{item.name}”，没有找到。",
                         f"在这一部分下加一行“{schema.SECTION}”，栏目填“{item.name}”，并写出标题和内容。")
        for section, item in m.sections:
            if item and item.required and not (section.heading and (section.lead or section.points)):
                yield at(section.where.get("heading"), "ST014", "error",
                         f"提纲要求的小节“{item.name}”还没有填写完整（标题和内容）。",
                         "写出小节标题，以及导语或要点。")
            elif item is None and outline.committee and section.heading and m.item.sections:  # a 提纲 of sections
                yield at(section.where.get("heading"), "ST015", "info",
                         f"小节“{section.heading}”不在上级党组织规定的“{_shown(m.item)}”提纲中。",
                         "确认是否需要这一小节；如果它就是提纲中的某一项，在“栏目”中填写该项的名称。")


def _shown(item: Heading) -> str:
    return item.title or item.name


def _part(m: Matched) -> Iterator[Finding]:
    """Yield warnings about headings printed without content and rows left unfilled, and points without body."""
    part = m.part
    if part.heading and not any(has_content(s) for s in part.sections) and not (m.item and m.item.required):
        yield at(part.where.get("heading"), "ST010", "warning", f"部分“{part.heading}”只有标题，没有内容。",
                 "在这一部分下填写小节、要点或段落；不需要这一部分就删除这一行。")
    for section, item in m.sections:
        required = bool(item and item.required)
        if not has_content(section) and section.name and not required:
            yield at(section.where.get("name"), "ST003", "warning",
                     f"“{section.name}”小节还没有填写，报告中不会出现。",
                     "写出小节标题和内容；不需要这一小节就删除这一行。")
        elif section.heading and not section.lead and not section.points and not required:
            yield at(section.where.get("heading"), "ST008", "warning", f"“{section.heading}”只有标题，没有具体内容。",
                     "在“正文”中写出具体内容，或在下面加上要点。")
        for point in section.points:
            if point.lead and not point.body:
                yield at(point.where.get("body"), "ST006", "error", f"要点“{point.lead}”只有引语，没有正文。",
                         "在要点正文中写出具体做法和成效，或删除这一条。")


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
    if f == schema.BODY.field("numbering"):
        return at(value.where, "ST009", "warning", f"“{f.label}”填的“{value.value}”不是可识别的编号样式，暂按默认编号。",
                  "可用的样式：" + " ".join(NUMBERINGS) + "（“无”表示不编号）。")
    return at(value.where, "ST011", "warning", f"“{f.label}”填的“{value.value}”在这一行不起作用，报告中不会出现。",
              f.hint)
