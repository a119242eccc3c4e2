"""Commands that make workbooks: template, demo, build-excel (import lives in importer.py).

Heavy modules are imported inside the commands, so that ``shuzhi --help`` and every other command
start without loading them.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..samples import SAMPLE_NAME, TEMPLATE_NAME
from . import main


@main.command(help="生成空白填报模板（.xlsx）；加 --rules 则按上级党组织规则文件中的提纲生成。")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path(TEMPLATE_NAME), show_default=True,
              help="输出文件。")
@click.option("--rules", "rules_path", type=click.Path(path_type=Path),
              help="规则文件（规则.toml），模板的“报告正文”按其中的 [[outline.parts]] 提纲排列。")
def template(output: Path, rules_path: Path | None) -> None:
    from ..checks.rules import load_rules
    from ..xlsx.template import write_workbook

    outline = load_rules(rules_path).outline if rules_path else None
    click.echo(f"已生成模板：{write_workbook(output, outline=outline)}")
    if rules_path:
        click.echo(f"提纲：{rules_path}（{len(outline.parts)} 个部分）")


@main.command(help="把旧版（结构版本 1）填报工作簿转成新版：内容不变，提纲都在“报告正文”一张表中。原文件不改动。")
@click.argument("workbook", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="新工作簿（默认：原名-新版.xlsx，放在原文件旁）。")
def upgrade(workbook: Path, output: Path | None) -> None:
    from ..xlsx.reader import read_workbook
    from ..xlsx.template import write_workbook

    report = read_workbook(workbook, silence_rust=True)
    written = write_workbook(output or workbook.with_name(f"{workbook.stem}-新版.xlsx"), report)
    click.echo(f"已转成新版工作簿：{written}")


@main.command(help="用内置示例（一份真实的述职报告）演示完整流程：填报工作簿 → 读取 → 检查 → 生成报告。")
@click.argument("folder", type=click.Path(path_type=Path), default=Path("shuzhi-示例输出"))
def demo(folder: Path) -> None:
    from ..checks import check_report
    from ..checks.finding import label_counts
    from ..report.write import file_stem, write_report
    from ..samples import sample_report
    from ..annotate.workbook import annotate_copy
    from ..xlsx.reader import read_workbook
    from ..xlsx.template import write_workbook

    workbook = write_workbook(folder / SAMPLE_NAME, sample_report())
    report = read_workbook(workbook, silence_rust=True)
    findings = check_report(report)
    annotated = annotate_copy(workbook, workbook.with_name(f"{workbook.stem}-检查结果.xlsx"), findings)
    document = write_report(report, folder / f"{file_stem(report.info.display_title)}.docx")
    summary = "，".join(f"{label} {n} 条" for label, n in label_counts(findings).items() if n)
    click.echo(f"示例工作簿：{workbook.resolve()}")
    click.echo(f"检查结果：  {annotated.resolve()}（{summary}；示例保留了原文中的 X、XX 等占位符）")
    click.echo(f"述职报告：  {document.resolve()}")


@main.command("build-excel", help="（开发者）从源码重新生成 workbook/ 中的模板、示例、加载项和宏模板。")
@click.option("--out", type=click.Path(path_type=Path), default=Path("workbook"), show_default=True,
              help="输出目录。")
def build_excel(out: Path) -> None:
    from ..build import build_all

    for path in build_all(out):
        click.echo(f"已生成：{path}")
