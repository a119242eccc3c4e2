"""A clean report for the check tests: complete, consistent, correctly punctuated, ledger meeting every rule."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner

from shuzhi_xl import schema
from shuzhi_xl.cli import main
from shuzhi_xl.model import Info, LedgerEntry, Metric, Part, Point, Report, Section

YEAR = 2022
#: kind → dates (month, day) in YEAR: every monthly kind each month, quarterly ones each quarter, yearly ones once.
MONTHLY = ("支部委员会会议", "党小组会", "主题党日")
QUARTERLY = ("支部党员大会", "党课")
YEARLY = ("组织生活会", "民主评议党员", "谈心谈话")


def clean_ledger() -> list[LedgerEntry]:
    """Return a ledger that meets the default frequencies of every kind in YEAR."""
    entries = [LedgerEntry(dt.date(YEAR, m, 10), kind, f"{m}月{kind}", 12) for m in range(1, 13) for kind in MONTHLY]
    entries += [LedgerEntry(dt.date(YEAR, m, 20), kind, f"{kind}（{m}月）", 12) for m in (2, 5, 8, 11)
                for kind in QUARTERLY]
    entries += [LedgerEntry(dt.date(YEAR, 12, 15), kind, kind, 12) for kind in YEARLY]
    return entries


#: The default 提纲's sub-sections of part 一, written out here rather than read from the rules under test.
SECTION_NAMES = ("政治学习", "重点任务", "支部活动", "中心工作")


def _section(name: str, heading: str) -> Section:
    points = [Point("做好谋划文章", "按照党委部署要求，及时制定支部学习计划，组织党员开展集体学习。"),
              Point("", "坚持每周五组织支部党员集中学习，引导党员牢固树立“四个意识”。")]
    return Section(heading, "一年来，支部坚持以习近平新时代中国特色社会主义思想为指导，扎实推进各项工作。",
                   points, name=name)


def clean_report() -> Report:
    """Return a report the checks should find nothing wrong with (apart from the length information)."""
    info = Info(branch="机关第一党支部", committee="机关党委", secretary="张三", year=YEAR,
                opening=f"{YEAR}年，在机关党委的正确领导下，支部认真落实基层党建工作要求，现将具体情况述职如下：",
                closing="特此报告，请予评议。", date=dt.date(YEAR, 12, 31))
    sections = [_section(name, f"{name}扎实有效，支部建设不断加强") for name in SECTION_NAMES]
    sections[2].points.append(Point("丰富主题党日活动", "全年开展主题党日12次，召开支部党员大会4次。"))
    sections[3].points.append(Point("抓好招商引资", "签约总投资{签约总投资}亿元，已到位资金{已到位资金}亿元。"))
    problems = [Section("思想认识高度不够", "部分党员重业务轻党建的思想还较为严重。"),
                Section("组织生活内容不丰富", "自主组织的活动不够丰富，吸引力不够。")]
    plans = [Section("提高认识，转变思想观念", "深刻认识党建工作的重要作用，做到两手抓、两手硬。"),
             Section("立足本职，丰富活动内容", "结合处室业务开展党建活动，不搞形式主义。")]
    parts = [Part("主要工作情况", sections, name="主要工作情况"), Part("存在的问题", problems, name="存在问题"),
             Part("下步工作打算", plans, name="下步打算")]
    metrics = [Metric("签约总投资", 10.0, "亿元"), Metric("已到位资金", 8.0, "亿元")]
    return Report(info, parts, clean_ledger(), metrics)


def run_check(*args: str | Path) -> tuple[int, list[dict]]:
    """Return the exit code and the JSON findings of ``shuzhi check <args> --json``."""
    result = CliRunner().invoke(main, ["check", *map(str, args), "--json"])
    return result.exit_code, json.loads(result.stdout) if result.stdout.strip() else []


def cell_of(sheet: schema.Sheet, column: str, index: int = 0) -> str:
    """Return the A1 reference of *column* in the *index*-th record of *sheet*'s table (as the template writes it)."""
    return f"{sheet.column_letter(column)}{sheet.first_data_row + index}"


def body_cell(path: Path, text: str, column: str, nth: int = 0) -> str:
    """Return the A1 reference of *column* (a 报告正文 field key) in the *nth* row of 报告正文 whose 栏目, 标题 or
    正文 is *text*, found by reading the file with openpyxl (not through the reader under test)."""
    from openpyxl import load_workbook

    ws = load_workbook(path)[schema.BODY.name]
    labels = [c.value for c in ws[1]]
    wanted = [labels.index(schema.BODY.field(k).label) for k in ("name", "heading", "body")]
    rows = [row[0].row for row in ws.iter_rows(min_row=2) if text in [row[i].value for i in wanted]]
    return f"{schema.column_letter(labels.index(schema.BODY.field(column).label) + 1)}{rows[nth]}"
