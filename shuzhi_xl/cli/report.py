"""The ``report`` command: the Word report (and PDF) from a filled workbook, checked first."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..checks.rules import RULES_FILE
from . import main
from .check import EXIT_ERRORS

#: Errors listed when the report is refused; ``shuzhi check`` lists them all.
SHOWN = 5


@main.command(help="先检查填报工作簿，再生成按 GB/T 9704 排版的 Word 述职报告；默认保存在工作簿旁，以报告标题命名。"
                   "检查有“错误”时不生成（退出码 1），除非加 --force。")
@click.argument("workbook", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="输出的 Word 文件（.docx）。")
@click.option("--pdf", is_flag=True, help="同时用 LibreOffice 生成 PDF。")
@click.option("--rules", type=click.Path(path_type=Path),
              help=f"规则文件（TOML），覆盖或补充默认规则。不指定时，使用工作簿所在文件夹中的“{RULES_FILE}”（如有）。")
@click.option("--force", is_flag=True, help="检查有错误时仍然生成报告。")
def report(workbook: Path, output: Path | None, pdf: bool, rules: Path | None, force: bool) -> None:
    from ..checks.plan import ignored_line
    from ..checks.rules import rules_line
    from ..checks.workbook import check_workbook
    from ..report.write import write_report

    checked = check_workbook(workbook, rules, refs=False, silence_rust=True)  # a report shows no finding's 编号
    if checked.rules_file and not rules:
        click.echo(rules_line(checked.rules_file), err=True)
    if checked.ignored:
        click.echo(ignored_line(len(checked.ignored)), err=True)
    model, errors = checked.report, checked.errors
    if errors and not force:
        click.secho(refusal(workbook, errors), fg="red", err=True)
        sys.exit(EXIT_ERRORS)
    if errors:
        click.secho(f"检查发现 {len(errors)} 处错误，按 --force 仍生成报告；"
                    f"运行“{command_line('shuzhi', 'check', workbook)}”查看。", fg="yellow", err=True)
    written = write_report(model, output)
    click.echo(f"已生成报告：{written}")
    if pdf:
        from ..report.pdf import to_pdf

        made = to_pdf(written)
        click.echo(f"已生成 PDF：{made.path}")
        if made.fonts_note:
            click.secho(f"注意：{made.fonts_note}", fg="yellow", err=True)


def refusal(workbook: Path, errors: list) -> str:
    """Return why no report was written: the number of errors, the first few with their cells, what to do."""
    lines = [f"“{workbook.name}”检查发现 {len(errors)} 处错误，未生成报告："]
    lines += [f"  【{f.sheet or '全文'}】{f.cell + ' ' if f.cell else ''}{f.code} {f.message}" for f in errors[:SHOWN]]
    if len(errors) > SHOWN:
        lines.append(f"  ……另有 {len(errors) - SHOWN} 处错误。")
    lines.append(f"运行“{command_line('shuzhi', 'check', workbook)}”查看全部检查结果，改正后重新生成；"
                 "确需先生成报告，加 --force。")
    return "\n".join(lines)


def command_line(*args: str | Path) -> str:
    """Return *args* as a command the user can paste into this system's shell: a path such as out_full(2).xlsx,
    which the program itself writes, is quoted."""
    words = [str(arg) for arg in args]
    if sys.platform == "win32":
        import subprocess  # here: its import costs every report ~1 ms

        return subprocess.list2cmdline(words)
    import shlex

    return shlex.join(words)
