"""Consolidation: map every workbook of a folder through ``collect`` (in a process pool), then reduce.

The result does not depend on the number of jobs or on the order the file system lists files: files
are taken sorted by relative path, ``pool.map`` keeps that order, and each result depends only on
its file.
"""

from __future__ import annotations

import os
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from ..checks.rules import rules_for
from ..errors import ShuzhiError
from ..fileio import ensure_writable, require_suffix, same_file, write_atomically
from . import views
from .collect import Branch, Skipped, Unreadable, collect, workbook_files
from .followup import followup_sheet, previous_problems
from .summary import is_summary_workbook, summary_bytes

#: Called after each file with (files done, files in all, relative path of the file just done).
Progress = Callable[[int, int, str], None]


@dataclass
class Summary:
    """What a consolidation did: the files written and the counts of the final summary line."""

    output: Path
    volume: Path | None
    files: int
    branches: int
    with_errors: int
    unreadable: int
    #: (file used, file not used) for each branch and year found in several files
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    #: report year → branches
    years: dict[int | None, int] = field(default_factory=dict)
    seconds: float = 0.0
    #: the files counted in *unreadable*, each with the reason (the 未能读取 sheet's rows)
    unreadable_files: list[Unreadable] = field(default_factory=list)

    @property
    def complete(self) -> int:
        return self.branches - self.with_errors

    @property
    def mixed_years(self) -> bool:
        return len(self.years) > 1

    def line(self) -> str:
        """Return the final summary line shown to the user."""
        parts = [f"共 {self.files} 个文件，汇总 {self.branches} 个支部（完整 {self.complete}，有错误 {self.with_errors}）",
                 f"无法读取 {self.unreadable} 个"]
        if self.duplicates:
            parts.append(f"重复 {len(self.duplicates)} 组（已采用较新的文件，见“重复文件”表）")
        if self.mixed_years:
            listed = "、".join(f"{y or '未填'}年度 {n} 个" for y, n in sorted(self.years.items(), key=_year_key))
            parts.append(f"年度不一致（{listed}）")
        return "，".join(parts) + f"；用时 {self.seconds:.1f} 秒。"


def _year_key(item: tuple[int | None, int]) -> tuple:
    return (item[0] is None, item[0] or 0)


def consolidate(folder: str | Path, output: str | Path, *, volume: str | Path | None = None,
                jobs: int | None = None, rules: str | Path | None = None, previous: str | Path | None = None,
                progress: Progress | None = None) -> Summary:
    """Read every workbook under *folder*, write the summary workbook to *output* (and the bound volume to
    *volume*); return what was done. Broken files are listed, never fatal; earlier summaries are skipped.
    With *previous* (last year's summary workbook), 整改跟踪 sets last year's problems beside this year's."""
    started = time.perf_counter()
    folder, output = Path(folder), Path(output)
    if not folder.is_dir():
        raise ShuzhiError(f"文件夹“{folder}”不存在。请检查路径。")
    require_suffix(output, ".xlsx", what="汇总工作簿")
    if volume is not None:
        volume = Path(volume)
        require_suffix(volume, ".docx", what="述职报告汇编")
    rules_path = str(rules) if rules else None
    loaded_rules, _ = rules_for(None, rules)  # a bad rules file: one error for the run, saying where the file is
    last_year = previous_problems(previous) if previous else None
    paths = workbook_files(folder)
    _refuse_to_overwrite_an_input(paths, folder, output, previous)
    for target in (output, volume) if volume else (output,):
        ensure_writable(target)  # now, not after reading a thousand files
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(paths) or 1))
    with _mapper(jobs) as mapper:  # one pool reads the files, then renders the summary's rows
        results = _collect_all(paths, folder, rules_path, volume is not None, mapper, jobs, progress)
        readable = [r for r in results if isinstance(r, Branch)]
        unreadable = [r for r in results if isinstance(r, Unreadable)]
        if not readable and not unreadable:
            raise ShuzhiError(f"文件夹“{folder}”（含子文件夹）中没有找到支部的填报工作簿（.xlsx、.xlsm），"
                              "没有生成汇总。请检查是否选对了文件夹。")
        branches, groups, duplicates = _pick_newest(readable)
        notes = _notes(branches, groups)
        years = Counter(b.year for b in branches)
        overview = views.overview(branches, unreadable, loaded_rules, notes)
        sheets = [overview, views.totals_sheet(overview), *views.detail_sheets(branches),
                  *([followup_sheet(branches, last_year)] if last_year is not None else []),
                  views.findings_sheet(branches), views.unreadable_sheet(unreadable),
                  views.duplicates_sheet(groups, {b.file for b in branches})]
        data = summary_bytes(sheets, views.charts(overview, branches, loaded_rules),
                             views.compliance_table(branches, loaded_rules), render=mapper)
    output_written = write_atomically(output, lambda tmp: tmp.write_bytes(data))
    volume_written = None
    if volume is not None:
        from .volume import write_volume  # python-docx is only needed for the volume

        volume_written = write_volume(volume, [b.report for b in branches])
    with_errors = sum(bool(b.errors) for b in branches)
    return Summary(output_written, volume_written, len(readable) + len(unreadable), len(branches), with_errors,
                   len(unreadable), duplicates, dict(years), time.perf_counter() - started, unreadable)


def _refuse_to_overwrite_an_input(paths: list[Path], folder: Path, output: Path, previous: str | Path | None) -> None:
    """Raise ShuzhiError when *output* is last year's summary or one of the workbooks to consolidate; an earlier
    summary in the folder may be replaced."""
    if not output.exists():
        return
    if previous and same_file(Path(previous), output):
        raise ShuzhiError(f"汇总工作簿“{output}”就是上年度的汇总工作簿，不能覆盖。请另选汇总工作簿的文件名或位置。")
    for path in paths:
        if same_file(path, output) and not is_summary_workbook(path):
            raise ShuzhiError(f"汇总工作簿“{output}”是要汇总的支部工作簿之一（{path.relative_to(folder).as_posix()}），"
                              "不能覆盖。请另选汇总工作簿的文件名或位置。")


@contextmanager
def _mapper(jobs: int) -> Iterator[Callable]:
    """Yield a ``map(fn, items, chunksize=1)`` that runs in *jobs* worker processes (in this one for a single job)."""
    if jobs == 1:
        yield lambda fn, items, chunksize=1: map(fn, items)
        return
    with ProcessPoolExecutor(jobs) as pool:
        yield pool.map


def _collect_all(paths: list[Path], folder: Path, rules_path: str | None, keep_reports: bool,
                 mapper: Callable, jobs: int, progress: Progress | None) -> list[Branch | Unreadable | Skipped]:
    """Return collect's result for every path, in the order of *paths*, through *mapper*."""
    step = partial(collect, root=str(folder), rules_path=rules_path, keep_report=keep_reports)
    chunk = max(1, min(32, len(paths) // (jobs * 8)))
    results = []
    for result in mapper(step, [str(p) for p in paths], chunksize=chunk):
        results.append(result)
        if progress:
            progress(len(results), len(paths), result.file)
    return results


def _newness(branch: Branch) -> tuple[float, str]:
    return branch.mtime, branch.file


def _pick_newest(readable: list[Branch]) -> tuple[list[Branch], list[list[Branch]], list[tuple[str, str]]]:
    """Return the branches to use (the newest file of each branch and year, in file order), the groups of
    duplicates, and (file used, file not used) pairs. Files without a branch name are never duplicates."""
    by_key = defaultdict(list)
    for b in readable:
        by_key[(b.branch, b.year) if b.branch else (b.file,)].append(b)
    groups = [g for g in by_key.values() if len(g) > 1]
    pairs = [(used.file, b.file) for g in groups for used in [max(g, key=_newness)] for b in g if b is not used]
    skipped = {old for _, old in pairs}
    return [b for b in readable if b.file not in skipped], groups, pairs


def _notes(branches: list[Branch], groups: list[list[Branch]]) -> dict[str, str]:
    """Return the 备注 of each file used: which duplicates it replaced, and a year unlike most others."""
    notes = defaultdict(list)
    for group in groups:
        used = max(group, key=_newness)
        others = "、".join(f"“{b.file}”" for b in group if b is not used)
        notes[used.file].append(f"与{others}重复（同一支部、同一年度），采用本文件（修改时间较新）。")
    years = Counter(b.year for b in branches if b.year is not None)
    if len(years) > 1:
        usual = max(years.items(), key=lambda item: (item[1], item[0]))[0]
        for b in branches:
            if b.year != usual:
                notes[b.file].append(f"年度与多数支部（{usual}年度）不同，请核实是否交错了文件。")
    return {file: "".join(n) for file, n in notes.items()}
