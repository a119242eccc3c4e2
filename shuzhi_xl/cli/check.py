"""The check command: findings as a table or JSON, an annotated copy on request."""

from __future__ import annotations

import json
import sys
from itertools import groupby
from pathlib import Path

import click

from ..checks.rules import RULES_FILE, rules_line
from ..checks.workbook import check_workbook
from ..checks.finding import Finding, summary_line
from ..errors import WorkbookError
from . import EXIT_UNUSABLE, main

EXIT_ERRORS = 1


@main.command(help="检查填报工作簿：缺项、未完成的占位符（X、XX）、数字与指标、台账与“三会一课”频次、"
                   "校对和篇幅。有“错误”时退出码为 1，文件无法读取时为 2。")
@click.argument("workbook", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="以 JSON 列表输出检查结果。")
@click.option("--annotate", type=click.Path(path_type=Path),
              help="另存一份标注副本：新增“检查结果”工作表，问题单元格加底色和批注。不会修改原文件。")
@click.option("--rules", type=click.Path(path_type=Path),
              help=f"规则文件（TOML），覆盖或补充默认规则。不指定时，使用工作簿所在文件夹中的“{RULES_FILE}”（如有）。")
def check(workbook: Path, as_json: bool, annotate: Path | None, rules: Path | None) -> None:
    try:
        _, findings, used = check_workbook(workbook, rules)
    except WorkbookError as exc:
        if not as_json:
            raise
        structural = Finding("ST000", "error", exc.sheet, exc.cell, exc.message, "用 shuzhi template 生成的模板填写后再检查。")
        click.echo(json.dumps([structural.to_dict()], ensure_ascii=False, indent=2))
        sys.exit(EXIT_UNUSABLE)
    if used and not rules:  # found beside the workbook: say so, the user may not know it is there
        click.echo(rules_line(used), err=True)
    if as_json:
        click.echo(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        click.echo(format_table(findings))
    if annotate is not None:
        from ..xlsx.annotate import annotate_copy  # openpyxl's loader: only when a copy is asked for

        written = annotate_copy(workbook, annotate, findings)
        click.echo(f"已生成标注副本：{written}", err=as_json)
    sys.exit(EXIT_ERRORS if any(f.severity == "error" for f in findings) else 0)


def format_table(findings: list[Finding]) -> str:
    """Return the findings as a readable table grouped by sheet, ending with the summary line."""
    colours = {"error": "red", "warning": "yellow", "info": "cyan"}
    lines = []
    for sheet, group in groupby(findings, key=lambda f: f.sheet):
        lines.append(click.style(f"【{sheet or '全文'}】", bold=True))
        for f in group:
            label = click.style(f.severity_label, fg=colours[f.severity])
            lines.append(f"  {f.cell or '—':<6} {label} {f.code}  {f.message}")
            if f.suggestion:
                lines.append(f"  {'':<6}      {'':5}  建议：{f.suggestion}")
        lines.append("")
    return "\n".join(lines + [summary_line(findings)])
