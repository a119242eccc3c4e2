"""Commands of the committee office: consolidate a folder of workbooks; write synthetic sample workbooks."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..checks.rules import RULES_FILE
from . import main

#: Written in the current folder when no -o is given; an existing one is kept (the summary takes a new name).
DEFAULT_OUTPUT = Path("汇总.xlsx")


class _Bar:
    """A progress bar on stderr with counts and the current file, shown only when stderr is a terminal."""

    def __init__(self, label: str):
        self.label, self.bar = label, None

    def __call__(self, done: int, total: int, current: str) -> None:
        if not sys.stderr.isatty():
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr, show_pos=True,
                                         item_show_func=lambda item: item)
            self.bar.__enter__()
        self.bar.update(1, current)
        if done == total:
            self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None

    def __enter__(self) -> _Bar:
        return self

    def __exit__(self, *exc) -> None:
        self.close()  # also when the run fails, so the error message starts on a fresh line


@main.command(help="汇总一个文件夹（含子文件夹）中所有支部的填报工作簿：生成汇总工作簿，可选生成述职报告汇编。"
                   "无法读取的文件逐一列出原因，不会中断汇总。")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help=f"汇总工作簿。默认为当前文件夹中的“{DEFAULT_OUTPUT}”；已有同名文件时另存为新文件名（如“汇总(2).xlsx”），"
                   "不会覆盖。")
@click.option("--volume", type=click.Path(path_type=Path), help="同时生成述职报告汇编（.docx）。")
@click.option("--pdf", is_flag=True, help="同时用 LibreOffice 生成汇编的 PDF（保留使每篇报告从单页起排的空白页，"
                                         "可直接双面打印）。需与 --volume 同用。")
@click.option("--jobs", type=click.IntRange(min=1), help="并行进程数，默认为 CPU 核数。")
@click.option("--rules", type=click.Path(path_type=Path),
              help=f"检查规则文件（.toml）。不指定时，使用所汇总文件夹中的“{RULES_FILE}”（如有），否则用内置规则。")
@click.option("--previous", type=click.Path(path_type=Path),
              help="上年度的汇总工作簿：增加“整改跟踪”表，列出各支部上年的问题和今年是否仍列为问题。")
@click.option("--scheduler", metavar="tcp://主机:端口",
              help="在 Dask 集群上读取各文件（需安装 shuzhi_xl[cluster]）：给出调度器地址。各工作节点须以相同路径看到该文件夹，"
                   "结果与在本机汇总完全相同。")
def consolidate(folder: Path, output: Path | None, volume: Path | None, pdf: bool, jobs: int | None,
                rules: Path | None, previous: Path | None, scheduler: str | None) -> None:
    from ..checks.rules import rules_file, rules_line
    from ..consolidate import consolidate as run

    if pdf and volume is None:
        raise click.UsageError("--pdf 生成的是汇编的 PDF，请同时用 --volume 指定汇编文件，如 --volume 汇编.docx。")

    if rules is None and (rules := rules_file(folder)):
        click.echo(rules_line(rules), err=True)

    with _Bar("汇总") as bar:
        summary = run(folder, output or DEFAULT_OUTPUT, volume=volume, jobs=jobs, rules=rules, previous=previous,
                      progress=bar, keep_existing=output is None, scheduler=scheduler, silence_rust=True)
    click.echo(f"汇总工作簿：{summary.output}")
    if summary.volume:
        click.echo(f"述职报告汇编：{summary.volume}")
        if pdf:
            from ..report.pdf import to_pdf

            made = to_pdf(summary.volume, keep_blank_pages=True)
            click.echo(f"汇编 PDF：{made.path}")
            if made.fonts_note:
                click.secho(f"注意：{made.fonts_note}", fg="yellow", err=True)
    click.echo(summary.line())


@main.command(help="生成若干份虚构的支部填报工作簿（内容各异，部分带有待修改的问题），用于演示和性能测试。"
                   "相同的种子总是生成完全相同的文件。")
@click.option("--branches", type=click.IntRange(min=1), default=20, show_default=True, help="支部（工作簿）数量。")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("示例支部"), show_default=True,
              help="输出文件夹。")
@click.option("--seed", type=int, default=0, show_default=True, help="随机种子。")
@click.option("--year", type=int, default=2024, show_default=True, help="述职年度（少数文件会是上一年度）。")
@click.option("--jobs", type=click.IntRange(min=1), help="并行进程数，默认为 CPU 核数。")
def sample(branches: int, output: Path, seed: int, year: int, jobs: int | None) -> None:
    from ..synthetic import sample_file_name, write_samples

    with _Bar("生成") as bar:
        paths = write_samples(output, branches, seed=seed, year=year, jobs=jobs, progress=bar)
    click.echo(f"已在 {output} 中生成 {len(paths)} 份支部工作簿。")
    renamed = [path for n, path in enumerate(paths) if path.name != sample_file_name(n)]
    if renamed:
        click.echo(f"其中 {len(renamed)} 份因已有同名文件，另存为新文件名（如 {renamed[0].name}），原有文件未改动。")
