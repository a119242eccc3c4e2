"""Commands that make workbooks: template, demo, build-excel (import lives in importer.py)."""

from __future__ import annotations

from pathlib import Path

import click

from .. import build as build_module
from ..samples import SAMPLE_NAME, TEMPLATE_NAME, sample_report
from ..xlsx.reader import read_workbook
from ..xlsx.template import write_workbook
from . import main


@main.command(help="生成空白填报模板（.xlsx）。")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path(TEMPLATE_NAME), show_default=True,
              help="输出文件。")
def template(output: Path) -> None:
    written = write_workbook(output)
    click.echo(f"已生成模板：{written}")


@main.command(help="用内置示例（一份真实的述职报告）演示完整流程：填报工作簿 → 读取 → 检查 → 生成报告。")
@click.argument("folder", type=click.Path(path_type=Path), default=Path("shuzhi-示例输出"))
def demo(folder: Path) -> None:
    workbook = write_workbook(folder / SAMPLE_NAME, sample_report())
    report = read_workbook(workbook)
    points = sum(len(s.points) for p in report.parts for s in p.sections)
    click.echo(f"示例工作簿：{workbook.resolve()}（{len(report.parts)} 个部分，{points} 条要点）")


@main.command("build-excel", help="（开发者）从源码重新生成 workbook/ 中的模板、示例、加载项和宏模板。")
@click.option("--out", type=click.Path(path_type=Path), default=Path("workbook"), show_default=True,
              help="输出目录。")
def build_excel(out: Path) -> None:
    for path in build_module.build_all(out):
        click.echo(f"已生成：{path}")
