"""The ``report`` command: the Word report (and PDF) from a filled workbook."""

from __future__ import annotations

from pathlib import Path

import click

from . import main


@main.command(help="由填报工作簿生成按 GB/T 9704 排版的 Word 述职报告；默认保存在工作簿旁，以报告标题命名。")
@click.argument("workbook", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="输出的 Word 文件（.docx）。")
@click.option("--pdf", is_flag=True, help="同时用 LibreOffice 生成 PDF。")
def report(workbook: Path, output: Path | None, pdf: bool) -> None:
    from ..report.write import write_report
    from ..xlsx.reader import read_workbook

    written = write_report(read_workbook(workbook), output)
    click.echo(f"已生成报告：{written}")
    if pdf:
        from ..report.pdf import to_pdf
        click.echo(f"已生成 PDF：{to_pdf(written)}")
