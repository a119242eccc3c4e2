"""The consolidation run (consolidate/run.py, and its mapping over the files: mapping.py) as a specification: the
final line, which file of a duplicated branch is used and what 备注 says, results taken in order, and one small
folder consolidated end to end (counts, sheets, rows of the files used only, progress) with its refusals. Expected
values are counted from the folder written below."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import multiprocessing
from array import array
from collections import Counter
import os
import signal
import time
import zipfile
from concurrent.futures import Future
from functools import partial
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from checks_support import YEAR, clean_report, run_check
from consolidate_support import sheet_rows
from shuzhi_xl.cli import main
from shuzhi_xl.consolidate import mapping, run as run_module
from shuzhi_xl.consolidate.collect import Branch, Unreadable
from shuzhi_xl.consolidate.spill import CHUNK, Records
from shuzhi_xl.consolidate.views import Duplicate
from shuzhi_xl.consolidate.mapping import in_order
from shuzhi_xl.consolidate.run import Summary, _duplicate_key, _Found, _notes, _pick_newest, consolidate
from shuzhi_xl.errors import ShuzhiError
from shuzhi_xl.model import LedgerEntry, Report
from shuzhi_xl.xlsx.template import write_workbook


def test_the_final_line_counts_everything_and_lists_the_years():
    full = Summary(Path("汇总.xlsx"), None, files=9, branches=5, with_errors=1, unreadable=2, with_problems=2, blank=1,
                   duplicates=[("甲新.xlsx", "甲旧.xlsx")], years={None: 1, 2023: 1, 2022: 3}, seconds=12.36, ignored=4)
    assert full.line() == (
        "共 9 个文件，汇总 5 个支部（完整 2，有问题 2，有错误 1），无法读取 2 个，已标记“忽略”的检查结果 4 项（未计入），"
        "空白模板 1 个（未计入支部，见“空白模板”表），重复 1 组（已采用较新的文件，见“重复文件”表），"
        "年度不一致（2022年度 3 个、2023年度 1 个、未填年度 1 个）；用时 12.4 秒。")
    plain = Summary(Path("汇总.xlsx"), None, files=3, branches=3, with_errors=0, unreadable=0, years={2022: 3},
                    seconds=0.04)
    assert plain.line() == "共 3 个文件，汇总 3 个支部（完整 3，有问题 0，有错误 0），无法读取 0 个；用时 0.0 秒。"
    assert (full.complete, full.mixed_years, plain.mixed_years) == (2, True, False)


def record(file: str, branch: str, year: int | None, mtime: float) -> Branch:
    return Branch(file=file, mtime=mtime, branch=branch, committee="", secretary="", year=year, errors=0, warnings=0,
                  ledger_counts={}, ledger_total=0, compliance={}, metrics={}, problems=(), rows={})


def test_the_newest_file_of_a_branch_and_year_is_used_and_the_others_named():
    old, other_year, unnamed, tie_a, new, unnamed_2, tie_b = [
        record("a/甲.xlsx", "甲", 2022, 100), record("c.xlsx", "甲", 2021, 50), record("x.xlsx", "", 2022, 1),
        record("乙1.xlsx", "乙", 2022, 300), record("b/甲.xlsx", "甲", 2022, 200), record("y.xlsx", "", 2022, 2),
        record("乙2.xlsx", "乙", 2022, 300)]
    records = [old, other_year, unnamed, tie_a, new, unnamed_2, tie_b]
    used, groups, pairs = _pick_newest(records, array("q", (hash(_duplicate_key(b)) for b in records)))
    assert [b.file for b in used] == ["c.xlsx", "x.xlsx", "b/甲.xlsx", "y.xlsx", "乙2.xlsx"]  # in file order
    assert [[b.file for b in g] for g in groups] == [["a/甲.xlsx", "b/甲.xlsx"], ["乙1.xlsx", "乙2.xlsx"]]
    assert pairs == [("b/甲.xlsx", "a/甲.xlsx"), ("乙2.xlsx", "乙1.xlsx")]  # same time: the later name
    # keys whose hashes are all alike: the keys themselves still tell the groups apart
    assert [list(used), groups, pairs] == [list(x) for x in _pick_newest(records, array("q", [7] * len(records)))]
    assert _notes(used, groups, Counter(b.year for b in used)) == {
        "b/甲.xlsx": "与“a/甲.xlsx”重复（上级党组织、支部名称、述职年度都相同），采用本文件（修改时间较新）。",
        "乙2.xlsx": "与“乙1.xlsx”重复（上级党组织、支部名称、述职年度都相同），采用本文件（修改时间较新）。",
        "c.xlsx": "年度与多数支部（2022年度）不同，请核实是否交错了文件。",
    }


def test_branches_of_one_name_under_different_committees_are_not_duplicates():
    # a whole system's folder: 第一党支部 under two committees is two branches, under one committee one (the newer,
    # here the one whose name sorts first)
    first, other, again = (dataclasses.replace(record(f"{n}.xlsx", "第一党支部", 2022, mtime), committee=c)
                           for n, (c, mtime) in enumerate([("机关党委", 5), ("第二党委", 1), ("机关党委", 2)]))
    records = [first, other, again]
    used, groups, pairs = _pick_newest(records, array("q", (hash(_duplicate_key(b)) for b in records)))
    assert [b.file for b in used] == ["0.xlsx", "1.xlsx"] and pairs == [("0.xlsx", "2.xlsx")]
    assert [[b.file for b in g] for g in groups] == [["0.xlsx", "2.xlsx"]]
    # of a duplicate only what 重复文件 and the 备注 show is kept, not its record: thousands may be resubmitted
    assert groups[0] == [Duplicate("0.xlsx", "第一党支部", "机关党委", 2022, 5),
                         Duplicate("2.xlsx", "第一党支部", "机关党委", 2022, 2)]


def test_a_branch_retyped_with_spaces_or_full_width_forms_is_one_branch_but_not_one_named_in_other_words():
    # committees and names are typed by hand on each workbook: 机关　党委 (an ideographic space) is 机关党委 and
    # （东区） is (东区); a committee in other words may be another's, and its 第一党支部 another branch: both kept
    typed = [("机关党委", "第一党支部（东区）", 1), ("机关　党委", "第一党支部(东区)", 3), ("中共某某机关委员会", "第一党支部（东区）", 2)]
    records = [dataclasses.replace(record(f"{n}.xlsx", name, 2022, mtime), committee=committee)
               for n, (committee, name, mtime) in enumerate(typed)]
    used, groups, pairs = _pick_newest(records, array("q", (hash(_duplicate_key(b)) for b in records)))
    assert [b.file for b in used] == ["1.xlsx", "2.xlsx"] and pairs == [("1.xlsx", "0.xlsx")]
    assert groups == [[Duplicate("0.xlsx", "第一党支部（东区）", "机关党委", 2022, 1),  # as each file wrote them
                       Duplicate("1.xlsx", "第一党支部(东区)", "机关　党委", 2022, 3)]]


def test_notes_name_every_replaced_file_and_prefer_the_later_of_two_equally_common_years():
    group = [record("1.xlsx", "甲", 2022, 1), record("2.xlsx", "甲", 2022, 3), record("3.xlsx", "甲", 2022, 2)]
    years = [record("a.xlsx", "乙", 2021, 0), record("b.xlsx", "丙", 2021, 0), record("c.xlsx", "丁", 2022, 0),
             record("d.xlsx", "戊", 2022, 0), record("e.xlsx", "己", None, 0)]
    notes = _notes([group[1], *years], [group], Counter(b.year for b in [group[1], *years]))
    assert notes["2.xlsx"] == "与“1.xlsx”、“3.xlsx”重复（上级党组织、支部名称、述职年度都相同），采用本文件（修改时间较新）。"
    assert sorted(notes) == ["2.xlsx", "a.xlsx", "b.xlsx", "e.xlsx"]  # 2022 usual; no year is not 2022 either
    assert _notes(years[2:4], [], Counter({2022: 2})) == {}


def test_results_come_in_order_with_at_most_a_window_of_tasks_under_way():
    submitted = []

    def submit(step, item):
        submitted.append(item)
        future = Future()
        future.set_result(step(item))
        return future

    seen = []
    for result in in_order(submit, lambda n: n * 10, range(7), window=3):
        seen.append((result, len(submitted)))
    # the first result is taken once three tasks are under way, then one more is submitted per result taken
    assert seen == [(0, 3), (10, 4), (20, 5), (30, 6), (40, 7), (50, 7), (60, 7)]


def branch_report(name: str, *, year: int = YEAR, warning: bool = False, error: bool = False) -> Report:
    report = clean_report()
    report.info.branch = name
    report.info.year = year
    if warning:  # a 党课 in the year before: a ledger date outside the report year
        report.ledger.append(LedgerEntry(dt.date(YEAR - 1, 6, 1), "党课", "往年党课", 10))
    if error:  # the text cites 4 党员大会; one of the four rows is dropped
        report.ledger.remove(next(e for e in report.ledger if e.kind == "支部党员大会"))
    return report


def folder_of_branches(root: Path) -> Path:
    """甲 twice (the older copy in a subfolder), 乙 with a warning, 丙 with an error, 丁 of another year, a blank
    template, a damaged file, an earlier summary, a text file and an Office lock file."""
    folder = root / "各支部"
    (folder / "旧").mkdir(parents=True)
    for name, report, stamp in [("甲.xlsx", branch_report("机关第一党支部"), 2_000),
                                ("旧/甲.xlsx", branch_report("机关第一党支部"), 1_000),
                                ("乙.xlsx", branch_report("机关第二党支部", warning=True), 1_000),
                                ("丙.xlsx", branch_report("机关第三党支部", error=True), 1_000),
                                ("丁.xlsx", branch_report("机关第四党支部", year=YEAR - 1), 1_000),
                                ("空白.xlsx", Report(), 1_000)]:
        write_workbook(folder / name, report)
        os.utime(folder / name, (stamp, stamp))
    (folder / "损坏.xlsx").write_bytes(b"PK\x03\x04 damaged")
    earlier = openpyxl.Workbook()
    earlier.active.title = "总览"
    for sheet in ("问题汇总", "检查结果", "未能读取"):
        earlier.create_sheet(sheet)
    earlier.save(folder / "去年汇总.xlsx")
    (folder / "说明.txt").write_text("各支部材料", encoding="utf-8")
    (folder / "~$甲.xlsx").write_bytes(b"lock")
    return folder


def test_a_folder_is_consolidated_from_the_files_used(tmp_path):
    folder = folder_of_branches(tmp_path)
    progress = []
    summary = consolidate(folder, tmp_path / "汇总.xlsx", jobs=1, progress=lambda *a: progress.append(a))
    # 8 workbooks found; the earlier summary is skipped, not counted; 甲's older copy is not used
    assert (summary.files, summary.branches, summary.unreadable, summary.blank) == (7, 4, 1, 1)
    # 丙 and 丁 have errors (丁's text cites activities its ledger holds none of in its year), 乙 a warning
    assert (summary.with_errors, summary.with_problems, summary.complete) == (2, 1, 1)
    assert summary.duplicates == [("甲.xlsx", "旧/甲.xlsx")]
    assert summary.years == {YEAR: 3, YEAR - 1: 1}
    assert [u.file for u in summary.unreadable_files] == ["损坏.xlsx"]
    assert summary.output == tmp_path / "汇总.xlsx" and summary.volume is None and summary.ignored == 0
    files = ["丁.xlsx", "丙.xlsx", "乙.xlsx", "去年汇总.xlsx", "损坏.xlsx", "旧/甲.xlsx", "甲.xlsx", "空白.xlsx"]
    assert progress == [(n, 8, file) for n, file in enumerate(sorted(files), start=1)]

    book = openpyxl.load_workbook(summary.output, read_only=True)
    assert book.sheetnames == ["总览", "合计", "台账汇总", "工作要点", "问题汇总", "打算汇总", "检查结果", "未能读取",
                               "空白模板", "重复文件", "图表", "达标分布"]
    overview = {row["源文件"]: row for row in sheet_rows(summary.output, "总览")}
    assert list(overview) == ["丁.xlsx", "丙.xlsx", "乙.xlsx", "甲.xlsx", "损坏.xlsx"]
    assert overview["甲.xlsx"]["备注"] == "与“旧/甲.xlsx”重复（上级党组织、支部名称、述职年度都相同），采用本文件（修改时间较新）。"
    assert overview["丁.xlsx"]["备注"] == f"年度与多数支部（{YEAR}年度）不同，请核实是否交错了文件。"
    for sheet in ("台账汇总", "问题汇总", "检查结果"):
        assert {row["源文件"] for row in sheet_rows(summary.output, sheet)} <= {"丁.xlsx", "丙.xlsx", "乙.xlsx", "甲.xlsx"}
    ledger = sheet_rows(summary.output, "台账汇总")
    assert sum(row["源文件"] == "甲.xlsx" for row in ledger) == 47  # clean_ledger's rows, once
    assert [row["源文件"] for row in sheet_rows(summary.output, "重复文件")] == ["旧/甲.xlsx", "甲.xlsx"]  # file order
    assert [row["源文件"] for row in sheet_rows(summary.output, "空白模板")] == ["空白.xlsx"]
    assert len(sheet_rows(summary.output, "图表")) == 8  # one row per rule of the defaults
    with zipfile.ZipFile(summary.output) as package:  # the charts over it: each rule, rules met, each branch
        assert sorted(n for n in package.namelist() if n.startswith("xl/charts/chart")) == [
            "xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/charts/chart3.xml"]


def test_refusals_name_the_problem(tmp_path):
    folder = folder_of_branches(tmp_path)
    with pytest.raises(ShuzhiError, match="不存在"):
        consolidate(tmp_path / "没有", tmp_path / "汇总.xlsx")
    with pytest.raises(ShuzhiError, match="汇总工作簿的文件名应以 .xlsx 结尾"):
        consolidate(folder, tmp_path / "汇总.xls")
    with pytest.raises(ShuzhiError, match="述职报告汇编的文件名应以 .docx 结尾"):
        consolidate(folder, tmp_path / "汇总.xlsx", volume=tmp_path / "汇编.pdf")
    with pytest.raises(ShuzhiError) as raised:
        consolidate(folder, folder / "甲.xlsx")
    assert str(raised.value) == (f"汇总工作簿“{folder / '甲.xlsx'}”是要汇总的支部工作簿之一（甲.xlsx），不能覆盖。"
                                 "请另选汇总工作簿的文件名或位置。")
    (tmp_path / "链接.xlsx").symlink_to(folder / "乙.xlsx")  # the same file by another name
    with pytest.raises(ShuzhiError, match="是要汇总的支部工作簿之一（乙.xlsx）"):
        consolidate(folder, tmp_path / "链接.xlsx")
    only_summary = tmp_path / "只有汇总"
    only_summary.mkdir()
    (folder / "去年汇总.xlsx").rename(only_summary / "去年汇总.xlsx")
    (only_summary / "前年").mkdir()
    (only_summary / "前年" / "汇总.xlsx").write_bytes((only_summary / "去年汇总.xlsx").read_bytes())  # two skipped
    with pytest.raises(ShuzhiError) as raised:
        consolidate(only_summary, tmp_path / "汇总.xlsx")
    assert str(raised.value) == (f"文件夹“{only_summary}”（含子文件夹）中没有找到支部的填报工作簿（.xlsx、.xlsm），"
                                 "没有生成汇总。请检查是否选对了文件夹。")


def test_last_years_summary_is_never_overwritten_and_an_earlier_one_in_the_folder_may_be(tmp_path):
    folder = tmp_path / "各支部"
    folder.mkdir()
    write_workbook(folder / "甲.xlsx", branch_report("机关第一党支部"))
    last = consolidate(folder, tmp_path / "去年.xlsx", jobs=1).output
    with pytest.raises(ShuzhiError, match="就是上年度的汇总工作簿"):
        consolidate(folder, last, previous=last)
    inside = consolidate(folder, folder / "汇总.xlsx", jobs=1).output
    assert consolidate(folder, inside, jobs=1, previous=last).output == inside  # replaced, not refused
    followup = sheet_rows(inside, "整改跟踪")  # the same workbook: each of last year's problems listed again
    assert len(followup) > 1 and {row["今年情况"] for row in followup} == {"今年仍列为问题"}
    kept = consolidate(folder, inside, jobs=1, keep_existing=True).output
    assert kept != inside and kept.parent == folder


def test_a_volume_that_cannot_be_written_leaves_the_summary_and_says_why(tmp_path, monkeypatch):
    from shuzhi_xl.consolidate import volume

    folder = tmp_path / "各支部"
    folder.mkdir()
    write_workbook(folder / "甲.xlsx", branch_report("机关第一党支部"))

    def fail(self, path, skip, stop):
        raise RuntimeError("磁盘已满")

    monkeypatch.setattr(volume.VolumeWriter, "write", fail)
    with pytest.raises(ShuzhiError) as raised:
        consolidate(folder, tmp_path / "汇总.xlsx", volume=tmp_path / "汇编.docx", jobs=1)
    assert str(raised.value) == (f"汇总工作簿已生成：{tmp_path / '汇总.xlsx'}；但述职报告汇编“{tmp_path / '汇编.docx'}”"
                                 "未能生成：程序出错（RuntimeError: 磁盘已满）")
    assert (tmp_path / "汇总.xlsx").is_file()

    def refused(self, path, skip, stop):
        raise ShuzhiError("文件过大。")

    monkeypatch.setattr(volume.VolumeWriter, "write", refused)
    with pytest.raises(ShuzhiError) as raised:
        consolidate(folder, tmp_path / "汇总2.xlsx", volume=tmp_path / "汇编.docx", jobs=1)
    assert str(raised.value).endswith("“汇编.docx”未能生成：文件过大。".replace("汇编.docx", str(tmp_path / "汇编.docx")))


def worker_step(files: list[str], root: str) -> list:
    """A stand-in for collect_many run in worker processes: a file named 崩溃 ends its process, as a crash inside
    a compiled reader does; other files give their path relative to *root* and whether Ctrl+C is ignored there."""
    if any("崩溃" in file for file in files):
        os._exit(3)
    return [(file, signal.getsignal(signal.SIGINT) == signal.SIG_IGN) for file in files]


def test_two_workers_give_every_result_in_order_and_ignore_ctrl_c(tmp_path):
    files = [f"{n}.xlsx" for n in range(20)]
    results = list(mapping.results(partial(worker_step, root=str(tmp_path)), files, 2, None))
    assert results == [(f"{n}.xlsx", True) for n in range(20)]  # Ctrl+C reaches only the parent


def test_a_file_that_kills_its_worker_is_listed_and_the_others_are_still_read(tmp_path):
    files = ["a.xlsx", "b.xlsx", "崩溃.xlsx", "c.xlsx", "d.xlsx"]
    step = partial(worker_step, root=str(tmp_path))
    results = [r for batch in mapping._pool_results(step, [[f] for f in files], 2) for r in batch]
    assert results == [("a.xlsx", True), ("b.xlsx", True),
                       Unreadable("崩溃.xlsx", "读取本文件时程序异常退出（文件内容异常），未能汇总。请用 Excel 或 WPS 打开后"
                                            "另存为 .xlsx 再试；仍不行时请把该文件发给技术支持人员。"),
                       ("c.xlsx", True), ("d.xlsx", True)]


def test_the_summary_carries_each_branchs_committee_counts_and_figures_and_the_volume_its_cover(tmp_path):
    import docx

    folder = folder_of_branches(tmp_path)
    summary = consolidate(folder, tmp_path / "汇总.xlsx", volume=tmp_path / "汇编.docx", jobs=1)
    assert summary.volume == tmp_path / "汇编.docx" and 0 < summary.seconds < 300
    row = next(r for r in sheet_rows(summary.output, "总览") if r["源文件"] == "甲.xlsx")
    # clean_report: 上级党组织 机关党委; a ledger meeting each rule's minimum (4 + 12 + 12 + 4 + 12 + 1 + 1 + 1 = 47);
    # two figures in 亿元
    assert row["上级党组织"] == "机关党委"
    assert [row[k] for k in ("支部党员大会（每季度至少1次）", "支部委员会会议（每月至少1次）", "党小组会（每月至少1次）",
                             "党课（每季度至少1次）", "主题党日（每月至少1次）", "台账合计")] == [4, 12, 12, 4, 12, 47]
    assert (row["已到位资金（亿元）"], row["签约总投资（亿元）"]) == (8.0, 10.0)
    paragraphs = [p.text for p in docx.Document(summary.volume).paragraphs]
    # three of the four branches report on YEAR, all under 机关党委; 丁 丙 乙 甲 in file order
    assert paragraphs[4:7] == [f"{YEAR}年度党支部书记抓基层党建工作述职报告汇编", "机关党委", "共收录 4 个党支部的述职报告"]
    entries = [p for p in docx.Document(summary.volume).paragraphs if p.style.style_id == "TOC1"]
    # each title names its branch (the workbooks give no title of their own)
    branches = ["机关第四党支部", "机关第三党支部", "机关第二党支部", "机关第一党支部"]
    assert len(entries) == 4 and all(b in e.text.split("\t")[0] for b, e in zip(branches, entries))


def test_ctrl_c_while_the_volume_is_joined_stops_it_at_once(tmp_path, monkeypatch):
    from shuzhi_xl.consolidate import volume

    folder = tmp_path / "各支部"
    folder.mkdir()
    write_workbook(folder / "甲.xlsx", branch_report("机关第一党支部"))
    seen = []

    def slow(self, path, skip, stop):  # a volume that takes until it is told to stop (or 30 s)
        seen.append(stop.wait(30))
        raise volume.Stopped

    def interrupted(job, output, volume):  # Ctrl+C while the parent waits for the volume
        raise KeyboardInterrupt

    monkeypatch.setattr(volume.VolumeWriter, "write", slow)
    monkeypatch.setattr(run_module, "_joined", interrupted)
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        consolidate(folder, tmp_path / "汇总.xlsx", volume=tmp_path / "汇编.docx", jobs=1)
    assert seen == [True] and time.monotonic() - started < 20


def test_a_detail_sheet_past_excel_rows_is_continued_on_numbered_sheets(tmp_path, monkeypatch):
    from shuzhi_xl.consolidate import spill as spill_module
    from shuzhi_xl.synthetic import write_samples

    folder = tmp_path / "各支部"
    write_samples(folder, 4, seed=7, jobs=1)
    whole = consolidate(folder, tmp_path / "整.xlsx", jobs=1).output
    ledger = sheet_rows(whole, "台账汇总")
    per_branch = Counter(row["支部名称"] for row in ledger)
    assert len(per_branch) == 4 and max(per_branch.values()) > 1
    # a sheet of a header and the largest branch's rows: the ledger cannot stay on one sheet
    limit = max(per_branch.values()) + 1
    monkeypatch.setattr(spill_module, "EXCEL_ROWS", limit)
    paged = consolidate(folder, tmp_path / "分.xlsx", jobs=1).output
    names = openpyxl.load_workbook(paged, read_only=True).sheetnames
    pages = [name for name in names if name.startswith("台账汇总")]
    assert pages == ["台账汇总"] + [f"台账汇总（{n}）" for n in range(2, len(pages) + 1)] and len(pages) > 1
    rows = [sheet_rows(paged, name) for name in pages]
    assert all(0 < len(page) <= limit - 1 for page in rows)
    assert [row for page in rows for row in page] == ledger  # every row, in order, once
    for page in rows:  # a branch's rows are never cut across two sheets
        assert all(per_branch[branch] == count for branch, count in Counter(r["支部名称"] for r in page).items())
    assert names.index("台账汇总") + len(pages) - 1 == names.index(pages[-1])  # the pages follow one another
    book = openpyxl.load_workbook(paged)
    assert [list(book[name].tables) for name in pages] == [["tbl_ledger"]] + [[f"tbl_ledger_{n}"]
                                                                               for n in range(2, len(pages) + 1)]
    assert {book[name].freeze_panes for name in pages} == {"B2"}  # the header and the branch's name stay in view


def test_next_years_followup_reads_last_years_problems_from_every_page(tmp_path, monkeypatch):
    from shuzhi_xl.consolidate import spill as spill_module
    from shuzhi_xl.consolidate.followup import previous_problems
    from shuzhi_xl.synthetic import write_samples

    folder = tmp_path / "各支部"
    write_samples(folder, 4, seed=7, jobs=1)
    whole = previous_problems(consolidate(folder, tmp_path / "整.xlsx", jobs=1).output)
    assert sum(map(len, whole.values())) > 2
    monkeypatch.setattr(spill_module, "EXCEL_ROWS", 3)  # a header and 2 rows: 问题汇总 goes on to 问题汇总（2）…
    paged = consolidate(folder, tmp_path / "分.xlsx", jobs=1).output
    assert "问题汇总（2）" in openpyxl.load_workbook(paged, read_only=True).sheetnames
    assert previous_problems(paged) == whole


def test_notes_take_the_most_common_year_whichever_comes_first_and_join_a_files_two_notes():
    group = [record("新.xlsx", "甲", 2022, 2), record("旧.xlsx", "甲", 2022, 1)]
    used = [group[0], record("b.xlsx", "乙", 2021, 0), record("c.xlsx", "丙", 2021, 0), record("d.xlsx", "丁", None, 0)]
    # 2021 is the usual year though 2022 is later; the file used for 甲 gets both of its notes, in order
    assert _notes(used, [group], Counter({2022: 1, 2021: 2, None: 1})) == {
        "新.xlsx": "与“旧.xlsx”重复（上级党组织、支部名称、述职年度都相同），采用本文件（修改时间较新）。"
                   "年度与多数支部（2021年度）不同，请核实是否交错了文件。",
        "d.xlsx": "年度与多数支部（2021年度）不同，请核实是否交错了文件。"}
    # a tie goes to the later year, whichever was counted first
    tie = [record("a.xlsx", "乙", 2021, 0), record("b.xlsx", "丙", 2022, 0)]
    assert _notes(tie, [], Counter({2021: 1, 2022: 1})) == {"a.xlsx": "年度与多数支部（2022年度）不同，请核实是否交错了文件。"}
    # one year given, another branch none: nothing to compare, no note
    assert _notes(used[1:2] + used[3:], [], Counter({2021: 1, None: 1})) == {}


class _Spilled:
    """A stand-in for the spill: the rows added, and the records kept (in a Records, closed on leaving)."""

    def __init__(self):
        self.rows, self.records = [], Records()

    def add(self, rows):
        self.rows.append(rows)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.records.close()


def test_each_branch_is_kept_with_its_own_figures_and_shared_names_once():
    def branch(file: str, committee: list[str], compliance: dict, problems: tuple) -> Branch:  # new strings each
        return dataclasses.replace(
            record(file, file, 2022, 0), committee="".join(committee), compliance=compliance, problems=problems,
            ledger_counts={"".join(["党", "课"]): 4}, metrics={"".join(["党员", "人数"]): (12.0, "x人"[1:])},
            rows={"台账汇总": (1, b"<row/>")})

    for keep in (False, True):
        with _Spilled() as spill:
            found = _Found(spill, None, keep_problems=keep)
            a = branch("a.xlsx", ["机关", "党委"], {"党课": True, "主题党日": False}, ("问题一",))
            b = branch("b.xlsx", ["机关", "党委"], {"党课": False, "主题党日": False}, ("问题二",))
            c = branch("c.xlsx", ["机关", "党委"], {"党课": True, "主题党日": False}, ())
            for result in (a, b, c):
                found.add(result)
            kept = list(spill.records)
        assert found.spill.rows == [{"台账汇总": (1, b"<row/>")}] * 3 and [r.rows for r in kept] == [{}, {}, {}]
        assert [r.compliance for r in kept] == [a.compliance, b.compliance, c.compliance]  # each its own
        assert [r.problems for r in kept] == ([("问题一",), ("问题二",), ()] if keep else [(), (), ()])
        assert [(r.file, r.metrics, r.ledger_counts) for r in kept] == [(x.file, x.metrics, x.ledger_counts)
                                                                        for x in (a, b, c)]
        # equal names and patterns held once (a chunk of records pickles each of them once)
        assert kept[0].committee is kept[1].committee is kept[2].committee
        assert kept[0].compliance is kept[2].compliance
        (kind_a,), (kind_b,) = kept[0].ledger_counts, kept[1].ledger_counts
        ((metric_a, (_, unit_a)),), ((metric_b, (_, unit_b)),) = kept[0].metrics.items(), kept[1].metrics.items()
        assert kind_a is kind_b and metric_a is metric_b and unit_a is unit_b


def test_the_names_held_once_are_a_chunk_of_the_runs_records_own():
    # not interned for the process (the web server's long-lived process would keep every run's names), nor kept for
    # the whole run (a committee typed by hand in each of 100,000 branches would pile up in the parent)
    def branch(file: str) -> Branch:  # a new string each time, equal to the earlier ones
        return dataclasses.replace(record(file, file, 2022, 0), committee="".join(["机关", "第九", "党委"]))

    with _Spilled() as one, _Spilled() as other:
        first, second = _Found(one, None, False), _Found(other, None, False)
        for found in (first, second, first):
            found.add(branch(f"{len(found.spill.records)}.xlsx"))
        (a, b), (c,) = list(one.records), list(other.records)
        assert a.committee is b.committee and c.committee is not a.committee
        while len(one.records) < CHUNK + 1:  # the first chunk written, one record into the next
            first.add(branch(f"{len(one.records)}.xlsx"))
        *_, last = one.records
        assert last.committee == a.committee and last.committee is not a.committee


def test_a_rules_file_is_what_the_workers_check_and_the_overview_shows(tmp_path):
    folder = tmp_path / "各支部"
    folder.mkdir()
    write_workbook(folder / "甲.xlsx", branch_report("机关第一党支部"))  # a 党课 each quarter
    rules = tmp_path / "规则.toml"
    rules.write_text('[ledger.frequency]\n"党课" = { per = "月", min = 1 }\n', encoding="utf-8")
    plain = consolidate(folder, tmp_path / "默认.xlsx", jobs=1)
    ruled = consolidate(folder, tmp_path / "规则.xlsx", jobs=1, rules=rules)
    assert (plain.complete, ruled.with_problems) == (1, 1)  # the monthly 党课 is not met: a warning, from the worker
    (row,) = sheet_rows(ruled.output, "总览")
    assert row["党课（每月至少1次）"] == 4 and "党课" in row["未达标活动"].split("、")
    assert "党课（每季度至少1次）" in sheet_rows(plain.output, "总览")[0]


def test_batches_hold_each_file_once_in_order():
    files = [f"{n}.xlsx" for n in range(7)]
    batches = mapping._Batches(files, 3)
    assert len(batches) == 3 and list(batches) == [files[0:3], files[3:6], files[6:7]]
    assert len(mapping._Batches(files[:6], 3)) == 2 and len(mapping._Batches([], 3)) == 0


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks")
def test_submitting_holds_the_stop_signals_back_and_a_worker_takes_them_again():
    blocked = mapping._held(lambda: signal.pthread_sigmask(signal.SIG_BLOCK, []))()
    assert mapping.STOP_SIGNALS <= blocked and not mapping.STOP_SIGNALS & signal.pthread_sigmask(signal.SIG_BLOCK, [])
    previous = signal.getsignal(signal.SIGINT)
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, mapping.STOP_SIGNALS)  # as a worker is forked
    try:
        mapping._ignore_interrupts()
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
        assert not mapping.STOP_SIGNALS & signal.pthread_sigmask(signal.SIG_BLOCK, [])  # SIGTERM reaches it
    finally:
        signal.signal(signal.SIGINT, previous)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def failing_step(files: list[str]) -> list:
    if "坏" in files[0]:
        raise ValueError(files[0])
    return files


def test_an_error_in_a_worker_reaches_the_parent_as_itself():
    with pytest.raises(ValueError, match="坏.xlsx"):
        list(mapping._pool_results(failing_step, [["a.xlsx"], ["坏.xlsx"], ["b.xlsx"]], 2))


def late_crash_step(files: list[str]) -> list:
    """A file named 崩溃 ends its process after the files before it are done; 慢 takes a minute."""
    if "崩溃" in files[0]:
        time.sleep(1)
        os._exit(3)
    if "慢" in files[0]:
        time.sleep(60)
    return files


def test_after_a_worker_dies_the_files_not_yet_taken_are_read_alone_each_once():
    batches = [["a.xlsx"], ["b.xlsx"], ["崩溃.xlsx"], ["c.xlsx"], ["d.xlsx"]]
    results = [r for batch in mapping._pool_results(late_crash_step, batches, 2) for r in batch]
    assert results[:2] + results[3:] == ["a.xlsx", "b.xlsx", "c.xlsx", "d.xlsx"]
    assert isinstance(results[2], Unreadable) and results[2].file == "崩溃.xlsx"


def test_stopping_early_kills_the_workers_at_once():
    earlier = set(multiprocessing.active_children())  # another test's processes may still be ending (a loaded CI)
    results = mapping._pool_results(late_crash_step, [["a.xlsx"], ["慢.xlsx"], ["慢2.xlsx"]], 2)
    assert next(results) == ["a.xlsx"]
    started = time.monotonic()
    results.close()  # as when the consumer stops (an error, Ctrl+C): not a minute later
    while set(multiprocessing.active_children()) - earlier and time.monotonic() - started < 20:
        time.sleep(0.05)  # a loaded machine may list a killed worker a moment longer; the 慢 ones sleep a minute
    assert time.monotonic() - started < 20 and not set(multiprocessing.active_children()) - earlier


def test_findings_marked_ignored_are_counted_in_the_final_line(tmp_path):
    folder = tmp_path / "各支部"
    folder.mkdir()
    path = folder / "乙.xlsx"
    write_workbook(path, branch_report("机关第二党支部", warning=True))  # one warning: a 党课 of the year before
    _, findings = run_check(path)
    ref = next(f["ref"] for f in findings if f["code"] == "LG002")
    assert CliRunner().invoke(main, ["check", str(path), "--ignore", ref]).exit_code in (0, 1)  # writes 乙.忽略.txt
    summary = consolidate(folder, tmp_path / "汇总.xlsx", jobs=1)
    assert (summary.ignored, summary.with_problems, summary.complete) == (1, 0, 1)
    assert "已标记“忽略”的检查结果 1 项（未计入）" in summary.line()


def test_a_volume_that_cannot_be_written_is_refused_before_any_file_is_read(tmp_path):
    folder = tmp_path / "各支部"
    folder.mkdir()
    write_workbook(folder / "甲.xlsx", branch_report("机关第一党支部"))
    (tmp_path / "占位").write_bytes(b"")  # a file where the volume's folder would be
    progress = []
    with pytest.raises(ShuzhiError, match=f"无法在文件夹“{tmp_path / '占位'}”中写入文件"):
        consolidate(folder, tmp_path / "汇总.xlsx", volume=tmp_path / "占位" / "汇编.docx", jobs=1,
                    progress=lambda *a: progress.append(a))
    assert progress == [] and not (tmp_path / "汇总.xlsx").exists()


def test_with_a_scheduler_the_cluster_gets_the_files_in_batches_for_one_parent_and_the_summary_is_a_local_runs(
        tmp_path, monkeypatch):
    # What the parent hands a cluster, with a stand-in computing here: the real one is test_consolidate_cluster's
    import shuzhi_xl.consolidate.cluster as cluster

    connections, handed = [], []

    @contextlib.contextmanager
    def computed_here(address):
        connections.append(address)

        def submit(fn, batch):
            handed.append(list(batch))
            future = Future()
            future.set_result(fn(batch))
            return future

        yield submit, 3

    monkeypatch.setattr(cluster, "connected", computed_here)
    files = [f"{n}.xlsx" for n in range(40)]
    results = list(mapping.results(lambda batch: [f.upper() for f in batch], files, 8, "tcp://127.0.0.1:8786"))
    assert results == [f.upper() for f in files]
    # --jobs says nothing of a cluster's workers: eight batches of 40 // 8 files, as for one local job
    assert (connections, handed) == (["tcp://127.0.0.1:8786"], [files[n:n + 5] for n in range(0, 40, 5)])

    connections.clear()
    folder = folder_of_branches(tmp_path)
    local = consolidate(folder, tmp_path / "本机.xlsx", jobs=1)
    remote = consolidate(folder, tmp_path / "集群.xlsx", scheduler="tcp://127.0.0.1:8786")
    assert connections == ["tcp://127.0.0.1:8786"]
    assert (remote.branches, remote.duplicates) == (local.branches, local.duplicates)
    assert sheet_rows(remote.output, "总览") == sheet_rows(local.output, "总览")
