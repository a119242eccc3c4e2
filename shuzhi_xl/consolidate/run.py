"""Consolidation: map every workbook of a folder through ``collect_many`` (mapping.py: here, in a process pool or on
a Dask cluster), and reduce the results as they arrive.

The result does not depend on the number of jobs, on the executor or on the order the file system lists files:
files are taken sorted by relative path, results are taken in that order, and each depends only on its file.
The parent keeps one small record per branch; the detail rows go to a spill file on disk (spill.py) and are
streamed from there into the summary, so its memory does not grow with the rows of a thousand files.
"""

from __future__ import annotations

import dataclasses
import os
import threading
import time
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from ..checks.rules import rules_for
from ..errors import ShuzhiError
from ..fileio import ensure_writable, require_suffix, same_file, write_atomically
from . import views
from . import details
from .collect import (STATUS_ERRORS, STATUS_PROBLEMS, Blank, Branch, Unreadable, branch_key, collect_many,
                      workbook_files)
from .followup import followup_sheet, previous_problems
from .mapping import results
from .spill import Names, Selection, Spill
from .summary import SheetData, is_summary_workbook, style_ids, write_summary

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
    #: branches without errors but with warnings (a rule not met, a typo…)
    with_problems: int = 0
    #: workbooks nobody filled in
    blank: int = 0
    #: (file used, file not used) for each branch and year found in several files
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    #: report year → branches
    years: dict[int | None, int] = field(default_factory=dict)
    seconds: float = 0.0
    #: the files counted in *unreadable*, each with the reason (the 未能读取 sheet's rows)
    unreadable_files: list[Unreadable] = field(default_factory=list)
    #: findings the branches' authors marked 忽略 (not counted in the statuses)
    ignored: int = 0

    @property
    def complete(self) -> int:
        return self.branches - self.with_errors - self.with_problems

    @property
    def mixed_years(self) -> bool:
        return len(self.years) > 1

    def line(self) -> str:
        """Return the final summary line shown to the user."""
        parts = [f"共 {self.files} 个文件，汇总 {self.branches} 个支部（完整 {self.complete}，有问题 {self.with_problems}，"
                 f"有错误 {self.with_errors}）", f"无法读取 {self.unreadable} 个"]
        if self.ignored:
            parts.append(f"已标记“忽略”的检查结果 {self.ignored} 项（未计入）")
        if self.blank:
            parts.append(f"空白模板 {self.blank} 个（未计入支部，见“空白模板”表）")
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
                progress: Progress | None = None, keep_existing: bool = False, scheduler: str | None = None,
                silence_rust: bool = False) -> Summary:
    """Read every workbook under *folder*, write the summary workbook to *output* (and the bound volume to
    *volume*); return what was done. Broken files are listed, never fatal; earlier summaries are skipped.
    With *previous* (last year's summary workbook), 整改跟踪 sets last year's problems beside this year's.
    With *keep_existing*, an existing *output* is kept and the summary gets a new name. With *scheduler* (the
    address of a Dask scheduler), the files are read on that cluster's workers, which must see *folder*.
    *silence_rust* as for xlsx.sniff.calamine_refused: said by a command, it holds for its pool's workers (whose
    processes are its own), not for a cluster's (threads of a worker share one stderr)."""
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
    last_year = previous_problems(previous, silence_rust=silence_rust) if previous else None
    files = Names(workbook_files(folder))  # paths relative to the folder, in one blob
    if not keep_existing:
        _refuse_to_overwrite_an_input(files, folder, output, previous)
    for target in (output, volume) if volume else (output,):
        ensure_writable(target)  # now, not after reading a thousand files
    step = partial(collect_many, root=str(folder), rules_path=rules_path, volume_part=_volume_part(volume),
                   silence_rust=silence_rust and not scheduler)
    style_ids()  # the summary needs them; made before the workers start, forked workers inherit them (not re-made)
    with Spill([name for name, _, _ in details.SHEETS]) as spill, _volume_writer(volume) as writer:
        found = _Found(spill, writer, keep_problems=last_year is not None)
        for result in results(step, files, jobs, scheduler):
            found.add(result)
            if progress:
                progress(found.count, len(files), result.file)
        if found.count == found.skipped:
            raise ShuzhiError(f"文件夹“{folder}”（含子文件夹）中没有找到支部的填报工作簿（.xlsx、.xlsm），"
                              "没有生成汇总。请检查是否选对了文件夹。")
        # A branch is known by its number, the order it came in: the spill, the records and the volume's parts
        # all hold the branches in that order, and the duplicates not used are left out by their numbers.
        branches, groups, duplicates = _pick_newest(spill.records, found.keys)
        counted = views.tally(branches, loaded_rules)
        overview, metrics = views.overview(branches, counted, found.unreadable, loaded_rules,
                                           _notes(branches, groups, counted.years))
        sheets = [overview, views.totals_sheet(overview, metrics),
                  *(page for sheet in details.SHEETS[:-1] for page in _detail_sheets(spill, sheet, branches.skip)),
                  *([followup_sheet(branches, last_year)] if last_year is not None else []),
                  *_detail_sheets(spill, details.SHEETS[-1], branches.skip),
                  views.unreadable_sheet(found.unreadable), views.blank_sheet(found.blank),
                  views.duplicates_sheet(groups, {used for used, _ in duplicates}),
                  views.compliance_table(counted, loaded_rules), views.distribution_sheet(counted, loaded_rules)]
        charts = views.charts(overview, branches, loaded_rules)
        stop = threading.Event()
        with ThreadPoolExecutor(1, thread_name_prefix="shuzhi-volume") as side:
            # The volume is joined while the summary is written: most of the time of both goes to deflating, which
            # runs outside the GIL, so both cores share the work. It stops between two reports if the summary fails.
            joined = side.submit(writer.write, volume, branches.skip, stop) if volume is not None else None
            try:
                output_written = write_atomically(output, lambda tmp: write_summary(tmp, sheets, charts),
                                                  keep_existing=keep_existing)
                volume_written = _joined(joined, output_written, volume)
            except BaseException:  # Ctrl+C while the volume is joined too: leaving the pool would wait for all of it
                stop.set()
                raise
    return Summary(output_written, volume_written, found.count - found.skipped, len(branches),
                   counted.statuses[STATUS_ERRORS], len(found.unreadable), counted.statuses[STATUS_PROBLEMS],
                   len(found.blank), duplicates, dict(counted.years), time.perf_counter() - started, found.unreadable,
                   counted.ignored)


def _joined(job: Future | None, output: Path, volume: Path | None) -> Path | None:
    """Return where the volume *job* wrote the volume, once it has (None without one). The summary is at *output*
    by then: if the volume failed, the ShuzhiError raised says so, and why the volume is not written."""
    if job is None:
        return None
    try:
        return job.result()
    except Exception as exc:
        reason = str(exc) if isinstance(exc, ShuzhiError) else f"程序出错（{type(exc).__name__}: {exc}）"
        raise ShuzhiError(f"汇总工作簿已生成：{output}；但述职报告汇编“{volume}”未能生成：{reason}") from exc


def _volume_part(volume: Path | None) -> Callable | None:
    """Return the function the workers run on each report for the bound volume, when one is wanted: it lays the
    report out once and returns its part of the document (volume.VolumePart)."""
    if volume is None:
        return None
    from .volume import report_part  # python-docx is only needed for the volume

    return report_part


def _volume_writer(volume: Path | None):
    """Return the VolumeWriter the parts stream into (spilled to disk), or a null context without a volume."""
    if volume is None:
        return nullcontext()
    from .volume import VolumeWriter

    return VolumeWriter()


def _detail_sheets(spill: Spill, sheet: tuple, skip: Collection[int]) -> list[SheetData]:
    """Return the detail sheet *sheet* (name, table, columns) of the branches not in *skip*: one sheet, or when its
    rows pass what Excel opens, continued on sheets named “台账汇总（2）”… with tables tbl_ledger_2…"""
    name, table, columns = sheet
    return [SheetData(details.page_name(name, n), f"{table}_{n}" if n > 1 else table, columns, page, 1)
            for n, page in enumerate(spill.pages(name, skip), start=1)]


class _Found:
    """What the parent keeps of the results: one small record per branch, in the spill's records (on disk), its
    detail rows in the spill, its part of the volume in the VolumeWriter; the files not used (unreadable, blank),
    and how many earlier summaries were skipped."""

    def __init__(self, spill: Spill, volume, keep_problems: bool):
        self.spill = spill
        self.volume = volume  #: the VolumeWriter taking each branch's part, when the volume is wanted
        self.keep_problems = keep_problems  # only 整改跟踪 compares them
        self.count = 0
        #: each branch's duplicate key's hash, by number: duplicates are sought without reading the records back
        self.keys = array("q")
        self.unreadable: list[Unreadable] = []
        self.blank: list[Blank] = []
        self.skipped = 0  #: earlier summaries found in the folder

    def add(self, result) -> None:
        self.count += 1
        if isinstance(result, Branch):
            self.spill.add(result.rows)
            if result.volume is not None:
                self.volume.add(result.volume, year=result.year, committee=result.committee)
            self.spill.records.append(self._compact(result))
            self.keys.append(hash(_duplicate_key(result)))
        elif isinstance(result, Unreadable):
            self.unreadable.append(result)
        elif isinstance(result, Blank):
            self.blank.append(result)
        else:
            self.skipped += 1

    def _compact(self, b: Branch) -> Branch:
        """Return *b* as kept: without its rows, and with the names it shares with other branches (kinds, metric
        names, units, committee) and its compliance (a few patterns) held once in its chunk of records, which then
        pickles each of them once. (Not sys.intern: the web server runs consolidations in one long-lived process,
        where interned strings may live as long as it: immortal on CPython 3.12 before 3.12.6, gh-113993.)"""
        shared = self.spill.records.shared

        def name(text: str) -> str:
            return shared(text, text)

        return dataclasses.replace(
            b, rows={}, volume=None, committee=name(b.committee), problems=b.problems if self.keep_problems else (),
            ledger_counts={name(kind): n for kind, n in b.ledger_counts.items()},
            compliance=shared(tuple(b.compliance.items()), b.compliance),
            metrics={name(metric): (value, name(unit)) for metric, (value, unit) in b.metrics.items()})


def _refuse_to_overwrite_an_input(files: Names, folder: Path, output: Path, previous: str | Path | None) -> None:
    """Raise ShuzhiError when *output* is last year's summary or one of the workbooks to consolidate (*files*, under
    *folder*); an earlier summary in the folder may be replaced."""
    try:
        written = os.stat(output)
    except OSError:  # nothing there yet (or nothing this process may look at): nothing to overwrite
        return
    if previous and same_file(Path(previous), written):
        raise ShuzhiError(f"汇总工作簿“{output}”就是上年度的汇总工作簿，不能覆盖。请另选汇总工作簿的文件名或位置。")
    for file in files:  # one stat a file, not samefile's two
        if same_file(os.path.join(folder, file), written) and not is_summary_workbook(folder / file):
            raise ShuzhiError(f"汇总工作簿“{output}”是要汇总的支部工作簿之一（{file}），"
                              "不能覆盖。请另选汇总工作簿的文件名或位置。")


def _newness(file: views.Duplicate) -> tuple[float, str]:
    return file.mtime, file.file


def _duplicate_key(branch: Branch) -> tuple:
    """Return what makes two files one branch's report for one year: the same higher committee and branch name
    (collect.branch_key: a whole system's folder holds a 第一党支部 under many committees) and year. Two files of
    one name under committees named in other words may be two branches: both are kept (整改跟踪 does not guess
    there either). A file without a branch name is its own."""
    return (*branch_key(branch.committee, branch.branch), branch.year) if branch.branch else (branch.file,)


def _pick_newest(readable: Sequence[Branch], keys: array) -> tuple[Selection[Branch], list[list[views.Duplicate]],
                                                                  list[tuple[str, str]]]:
    """Return the branches to use (the newest file of each branch of a committee and year, in file order), the
    groups of duplicates, and (file used, file not used) pairs. Files without a branch name are never duplicates.
    *keys* holds the hash of each branch's _duplicate_key: the records are read back only when two hashes are
    equal, and only what 重复文件 and the 备注 need of them is kept."""
    repeated = {key for key, times in Counter(keys).items() if times > 1}
    alike = {n for n, key in enumerate(keys) if key in repeated}
    members = defaultdict(list)  # key → (number, Duplicate) of each file whose key's hash is another's
    if alike:
        for n, b in enumerate(readable):
            if n in alike:
                filed = views.Duplicate(b.file, b.branch, b.committee, b.year, b.mtime)
                members[_duplicate_key(b)].append((n, filed))
    groups, pairs, skip = [], [], set()
    for group in members.values():
        if len(group) == 1:  # only the hash was alike
            continue
        used = max((b for _, b in group), key=_newness)
        groups.append([b for _, b in group])
        for n, b in group:
            if b is not used:
                pairs.append((used.file, b.file))
                skip.add(n)
    return Selection(readable, skip), groups, pairs


def _notes(branches: list[Branch], groups: list[list[views.Duplicate]], years: Counter) -> dict[str, str]:
    """Return the 备注 of each file used: which duplicates it replaced, and a year unlike most others (*years*: year
    → branches, as views.Tally counts them)."""
    notes = defaultdict(list)
    for group in groups:
        used = max(group, key=_newness)
        others = "、".join(f"“{b.file}”" for b in group if b is not used)
        notes[used.file].append(f"与{others}重复（上级党组织、支部名称、述职年度都相同），采用本文件（修改时间较新）。")
    years = Counter({year: n for year, n in years.items() if year is not None})
    if len(years) > 1:
        usual = max(years.items(), key=lambda item: (item[1], item[0]))[0]
        for b in branches:
            if b.year != usual:
                notes[b.file].append(f"年度与多数支部（{usual}年度）不同，请核实是否交错了文件。")
    return {file: "".join(n) for file, n in notes.items()}
