"""The import command: last year's report (Word or text) becomes this year's workbook."""

from __future__ import annotations

from pathlib import Path

import click

from . import main


@main.command("import", help="把往年的述职报告（.docx 或 .txt；装有 LibreOffice 时也可以是旧版 .doc/.wps）导入为填报工作簿，"
                             "并列出需要人工处理的内容。")
@click.argument("document", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="输出工作簿，默认与报告同名、同目录。")
@click.option("--year", type=click.IntRange(1990, 2100), help="新报告的年度，如 2025。原文中的旧年份不改动，会在提示中列出。")
def import_(document: Path, output: Path | None, year: int | None) -> None:
    from ..importer import import_document
    from ..xlsx.template import write_workbook

    result = import_document(document, year=year)
    written = write_workbook(output or document.with_suffix(".xlsx"), result.report)
    click.echo(f"已导入：{written}（{result.counts()}）")
    if result.notes:
        click.echo(f"请注意以下 {len(result.notes)} 处：")
        for n, note in enumerate(result.notes, start=1):
            click.echo(f"  {n}. {note}")
