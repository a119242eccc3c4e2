"""The check command: findings as a table or JSON, an annotated copy on request."""

from __future__ import annotations

import sys
from itertools import groupby
from pathlib import Path

import click

from ..checks.finding import Finding, summary_line
from ..checks.plan import ignored_line
from ..checks.rules import RULES_FILE, rules_line
from ..checks.workbook import check_document, check_workbook
from ..errors import WorkbookError
from ..checks.document import DOCUMENT_SUFFIXES
from . import EXIT_UNUSABLE, main

EXIT_ERRORS = 1


@main.command(help="检查填报工作簿：缺项、未完成的占位符（X、XX）、数字与指标、台账与“三会一课”频次、"
                   "校对和篇幅；也可以直接校对 Word (.docx) 或文本 (.txt) 格式的报告。"
                   "有“错误”时退出码为 1，文件无法读取时为 2。")
@click.argument("workbook", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="以 JSON 列表输出检查结果。")
@click.option("--annotate", type=click.Path(path_type=Path),
              help="另存一份标注副本：工作簿新增“检查结果”工作表，问题单元格加底色和批注；Word 报告在每处问题上加批注。"
                   "不会修改原文件。")
@click.option("--ignore", "ignore_refs", multiple=True, metavar="编号",
              help="把这一项检查结果标记为“忽略”（编号见“检查结果”表或 --json 的 ref），记在文件旁的“〈文件名〉.忽略.txt”中；"
                   "所在单元格或段落的文字改动后会重新提示。可多次使用。")
@click.option("--rules", type=click.Path(path_type=Path),
              help=f"规则文件（TOML），覆盖或补充默认规则。不指定时，使用工作簿所在文件夹中的“{RULES_FILE}”（如有）。")
def check(workbook: Path, as_json: bool, annotate: Path | None, ignore_refs: tuple[str, ...],
          rules: Path | None) -> None:
    document = workbook.suffix.lower() in DOCUMENT_SUFFIXES
    try:
        checked = (check_document(workbook, rules, ignore_refs) if document
                   else check_workbook(workbook, rules, ignore_refs, silence_rust=True))
    except WorkbookError as exc:
        if not as_json:
            raise
        structural = Finding("ST000", "error", exc.sheet, exc.cell, exc.message, "用 shuzhi template 生成的模板填写后再检查。")
        click.echo(json_list([structural]))
        sys.exit(EXIT_UNUSABLE)
    if checked.rules_file and not rules:  # found beside the file: say so, the user may not know it is there
        click.echo(rules_line(checked.rules_file), err=True)
    if checked.unknown:
        click.echo(f"没有编号为 {'、'.join(checked.unknown)} 的检查结果（文字改动后编号会变），未忽略。", err=True)
    findings, ignored = checked.findings, len(checked.ignored)
    if as_json:
        click.echo(json_list(findings))
        if ignored:
            click.echo(ignored_line(ignored), err=True)
    else:
        click.echo(format_table(findings, ignored))
    if annotate is not None:
        if document:
            from ..annotate.document import annotate_docx

            written = annotate_docx(workbook, annotate, findings)
        else:
            from ..annotate.workbook import annotate_copy  # openpyxl's loader: only when a copy is asked for

            written = annotate_copy(workbook, annotate, findings, checked.ignored, checked.covered)
        click.echo(f"已生成标注副本：{written}", err=as_json)
    sys.exit(EXIT_ERRORS if checked.errors else 0)


def json_list(findings: list[Finding]) -> str:
    """Return *findings* as the JSON list --json prints (json is imported here: only --json needs it)."""
    import json

    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2)


def format_table(findings: list[Finding], ignored: int = 0) -> str:
    """Return the findings as a readable table grouped by sheet, ending with the summary line (and how many
    findings were left out as marked 忽略)."""
    colours = {"error": "red", "warning": "yellow", "info": "cyan"}
    lines = []
    for sheet, group in groupby(findings, key=lambda f: f.sheet):
        lines.append(click.style(f"【{sheet or '全文'}】", bold=True))
        for f in group:
            label = click.style(f.severity_label, fg=colours[f.severity])
            lines.append(f"  {f.cell or '—':<6} {label} {f.code}  {f.message}")
            if f.suggestion:
                lines.append(f"  {'':<6}      {'':5}  建议：{f.suggestion}")
            if f.ref:
                lines.append(f"  {'':<6}      {'':5}  编号：{f.ref}")
        lines.append("")
    return "\n".join(lines + [summary_line(findings)] + ([ignored_line(ignored)] if ignored else []))
