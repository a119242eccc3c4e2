"""One regression test per numbered failure of issue 14, each on the input that showed it."""

from __future__ import annotations

import os
import signal
import time
import tracemalloc
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

import hostile
from fuzz_support import assert_behaved, shuzhi, temp_leftovers
from shuzhi_xl import schema
from shuzhi_xl.limits import MAX_IMPORT_CHARS, MAX_PART_BYTES, MAX_ROWS
from shuzhi_xl.report.lines import text_width, title_lines
from shuzhi_xl.report.styles import TITLE_MAX_CHARS
from shuzhi_xl.storable import UNSTORABLE


def written(tmp_path: Path, entry_name: str) -> Path:
    entry = next(e for e in hostile.WORKBOOKS + hostile.DOCUMENTS if e.name == entry_name)
    path = tmp_path / entry.name
    path.write_bytes(entry.make())
    return path


def folder_with(tmp_path: Path, *bad: Path, good: int = 2) -> Path:
    folder = tmp_path / "各支部"
    folder.mkdir()
    for n in range(good):
        (folder / f"支部{n}.xlsx").write_bytes(hostile.sample_bytes())
    for path in bad:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def sheet_values(path: Path, sheet: str) -> set:
    wb = load_workbook(path, read_only=True)
    return {v for row in wb[sheet].iter_rows(values_only=True) for v in row}


# 1. A value in a legal far cell aborted the process (a dense grid from A1 to XFD1048576).

@pytest.mark.parametrize("name, cell", [("far-value-XFD1048576.xlsx", "XFD1048576"),
                                        ("reference-beyond-excel.xlsx", "ZZZZ99999999")])
def test_1_a_far_cell_is_named_not_an_abort(tmp_path, name, cell):
    path = written(tmp_path, name)
    for args in (["check", path], ["check", path, "--annotate", tmp_path / "a.xlsx"], ["report", path]):
        run = shuzhi(*args)
        assert_behaved(run, {2}, f"单元格 {cell}", name)
        assert f"最多 {MAX_ROWS} 行" in run.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_1_a_far_cell_is_one_row_of_the_unreadable_sheet(tmp_path, jobs):
    folder = folder_with(tmp_path, written(tmp_path, "far-value-XFD1048576.xlsx"))
    run = shuzhi("consolidate", folder, "-o", tmp_path / "汇总.xlsx", "--jobs", jobs)
    assert_behaved(run, {0}, label="consolidate")
    assert "far-value-XFD1048576.xlsx" in sheet_values(tmp_path / "汇总.xlsx", "未能读取")
    assert "无法读取 1 个" in run.stdout


# 2. Every combination of title break points: 68 characters took 11 s, 100 took 5.9 GB.

@pytest.mark.parametrize("length", [68, 80, 100, 1000, 32_767])
def test_2_a_long_title_breaks_in_bounded_memory(length):
    title = (hostile.LONG_TITLE * (length // len(hostile.LONG_TITLE) + 1))[:length]
    tracemalloc.start()
    lines = title_lines(title)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "".join(lines) == title
    assert all(text_width(line) <= TITLE_MAX_CHARS for line in lines)
    assert peak < 2_000 * length + 1_000_000  # linear: bytes per character, not combinations


def test_2_a_report_with_a_100_character_branch_name(tmp_path):
    path = written(tmp_path, "long-title.xlsx")
    run = shuzhi("report", "--force", path, "-o", tmp_path / "报告.docx")
    assert_behaved(run, {0}, label="report")
    title = docx.Document(str(tmp_path / "报告.docx")).paragraphs[0].text
    assert hostile.LONG_TITLE in title.replace("\n", "")


# 3. Control characters in cell text or an imported text: internal errors, a volume silently missing.

@pytest.mark.parametrize("name", ["escaped-controls.xlsx", "raw-controls.xlsx", "control-references.xlsx", "nul.xlsx"])
def test_3_control_characters_are_dropped_from_every_output(tmp_path, name):
    path = written(tmp_path, name)
    assert_behaved(shuzhi("report", "--force", path, "-o", tmp_path / "r.docx"), {0}, label="report")
    assert_behaved(shuzhi("check", path, "--annotate", tmp_path / "a.xlsx"), {0, 1}, label="annotate")
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "r.docx")).paragraphs)
    assert not UNSTORABLE.search(text) and "党支部" in text
    assert "检查结果" in load_workbook(tmp_path / "a.xlsx").sheetnames


def test_3_control_characters_do_not_lose_the_volume(tmp_path):
    folder = folder_with(tmp_path, written(tmp_path, "raw-controls.xlsx"), written(tmp_path, "escaped-controls.xlsx"))
    run = shuzhi("consolidate", folder, "-o", tmp_path / "汇总.xlsx", "--volume", tmp_path / "汇编.docx")
    assert_behaved(run, {0}, label="consolidate")
    assert "述职报告汇编" in run.stdout and (tmp_path / "汇编.docx").exists()


def test_3_an_imported_text_with_control_characters(tmp_path):
    path = written(tmp_path, "controls.txt")
    assert_behaved(shuzhi("import", path, "-o", tmp_path / "导入.xlsx"), {0}, label="import")
    wb = load_workbook(tmp_path / "导入.xlsx")
    texts = [c.value for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert texts and not any(UNSTORABLE.search(t) for t in texts)


# 4. Damaged zip members gave 程序内部错误 instead of 文件已损坏.

@pytest.mark.parametrize("name", ["damaged-deflate-stream.xlsx", "unsupported-method.xlsx", "crc-error.xlsx"])
def test_4_a_damaged_member_is_a_damaged_file(tmp_path, name):
    path = written(tmp_path, name)
    for args in (["check", path], ["report", path], ["check", path, "--annotate", tmp_path / "a.xlsx"]):
        assert_behaved(shuzhi(*args), {2}, "文件已损坏", name)


def test_4_a_damaged_document_is_a_damaged_file(tmp_path):
    path = written(tmp_path, "damaged-deflate-stream.docx")
    assert_behaved(shuzhi("import", path, "-o", tmp_path / "x.xlsx"), {2}, "文件已损坏", "import")


# 5. check --annotate failed on files check accepts.

@pytest.mark.parametrize("name", ["without-styles.xlsx", "without-content-types.xlsx", "raw-controls.xlsx"])
def test_5_annotate_works_wherever_check_does(tmp_path, name):
    path = written(tmp_path, name)
    plain = shuzhi("check", path)
    annotated = shuzhi("check", path, "--annotate", tmp_path / "a.xlsx")
    assert_behaved(annotated, {plain.code}, label=name)
    assert load_workbook(tmp_path / "a.xlsx").sheetnames[0] == "检查结果"


def test_5_a_part_too_large_is_refused_alike_by_check_and_annotate(tmp_path):
    path = written(tmp_path, "zip-bomb.xlsx")
    for args in (["check", path], ["check", path, "--annotate", tmp_path / "a.xlsx"]):
        run = shuzhi(*args)
        assert_behaved(run, {2}, "文件过大", "bomb")
        assert f"{MAX_PART_BYTES // 2**20} MB" in run.stderr


# 6. 10,000 rows in 存在问题 crashed check ("no Chinese numeral for 10000").

def test_6_ten_thousand_problems_are_checked(tmp_path):
    path = tmp_path / "问题多.xlsx"
    path.write_bytes(hostile.edited(hostile.problems(10_001))())
    run = shuzhi("check", "--json", path, timeout=60)
    assert_behaved(run, {0, 1}, label="check")


# 7. Rust panic text reached the terminal before the Chinese message.

def test_7_no_rust_text_for_an_extreme_date(tmp_path):
    path = written(tmp_path, "negative-date.xlsx")
    run = shuzhi("check", path, env={"RUST_BACKTRACE": "full"})
    assert_behaved(run, {2}, "日期", "negative date")
    assert run.stderr.startswith("错误：") and "TimeDelta" not in run.stderr


# 8. Slow inputs: a 1,000,000-row sheet (94 s), a 2,000,000-character line (over 120 s).

def test_8_a_million_row_sheet_is_refused_at_once(tmp_path):
    rows = "".join(f'<row r="{r}"><c r="B{r}"><v>{r}</v></c></row>' for r in range(1, 1_000_001)).encode()
    problems = f"xl/worksheets/sheet{schema.SHEET_NAMES.index(schema.BODY.name) + 1}.xml"
    parts = [(info, data[:data.index(b"<sheetData")] + b"<sheetData>" + rows + data[data.index(b"</sheetData>"):]
              if info.filename == problems else data) for info, data in hostile.parts_of(hostile.sample_bytes())]
    path = tmp_path / "百万行.xlsx"
    path.write_bytes(hostile.zipped(parts))
    run = shuzhi("check", path)  # within fuzz_support.TIMEOUT: the scan stops at the first cell past the limit
    assert_behaved(run, {2}, f"单元格 B{MAX_ROWS + 1}", "million rows")


def test_8_a_two_million_character_line_is_refused(tmp_path):
    path = written(tmp_path, "long-line.txt")
    run = shuzhi("import", path, "-o", tmp_path / "x.xlsx")
    assert_behaved(run, {2}, f"超过 {MAX_IMPORT_CHARS} 字", "long line")


# 9. Duplicate column names in 总览 when a metric is named 支部名称, 备注 or 状态.

def test_9_overview_headers_are_unique(tmp_path):
    folder = folder_with(tmp_path, good=0)
    for n in range(3):
        (folder / f"支部{n}.xlsx").write_bytes(hostile.edited(hostile.metrics_named("支部名称", "备注", "状态"))())
    assert_behaved(shuzhi("consolidate", folder, "-o", tmp_path / "汇总.xlsx"), {0}, label="consolidate")
    wb = load_workbook(tmp_path / "汇总.xlsx")
    for ws in wb.worksheets:
        for table in ws.tables.values():
            names = [c.name.casefold() for c in table.tableColumns]
            assert len(names) == len(set(names)), (ws.title, names)
    headers = [c.value for c in wb["总览"][1]]
    assert {"支部名称", "备注", "状态"} <= set(headers) and "状态（2）" in headers


# 10. Ctrl+C exited 1 (the code for errors found); SIGTERM left workers alive.

def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc to see the worker processes")
@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_10_an_interrupt_stops_the_workers_and_keeps_the_previous_summary(tmp_path, signum, code):
    import subprocess

    from fuzz_support import SHUZHI

    folder = folder_with(tmp_path, good=300)
    summary = tmp_path / "汇总.xlsx"
    summary.write_bytes(b"last year's summary")
    proc = subprocess.Popen([SHUZHI, "consolidate", folder, "-o", summary, "--jobs", "2"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    started = time.monotonic()
    while len(workers := children(proc.pid)) < 2 and time.monotonic() - started < 30:
        time.sleep(0.05)
    assert len(workers) >= 2, "the consolidation never started its workers"
    if signum == signal.SIGINT:
        os.killpg(proc.pid, signum)  # as the terminal sends Ctrl+C: to every process of the group
    else:
        os.kill(proc.pid, signum)  # as kill or a service manager sends it: to the main process only
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == code, err.decode()
    assert "已中断" in err.decode() or "已被终止" in err.decode()
    time.sleep(0.5)
    assert not [w for w in workers if Path(f"/proc/{w}").exists()]
    assert summary.read_bytes() == b"last year's summary" and not temp_leftovers(tmp_path)


def test_the_readme_states_every_limit():
    from shuzhi_xl.limits import (MAX_CHECKED_CHARS, MAX_COLUMNS, MAX_MARKUP, MAX_PACKAGE_BYTES, MAX_RULES_BYTES,
                                  megabytes)

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## 限制与异常文件"):]
    for figure in (f"{MAX_ROWS} 行", f"{MAX_COLUMNS} 列", megabytes(MAX_PACKAGE_BYTES), megabytes(MAX_PART_BYTES),
                   f"{MAX_IMPORT_CHARS} 字", f"{MAX_CHECKED_CHARS} 字", f"{MAX_MARKUP} 个", f"规则文件（规则.toml）的大小 | {MAX_RULES_BYTES // 2**20} MB"):
        assert figure in section, figure


def _dies_on_crash_files(paths: list[str], **kwargs):
    """collect_many, except that a worker given a file named 崩溃 dies as a crash in a compiled reader would."""
    from shuzhi_xl.consolidate.collect import collect_many

    if any("崩溃" in Path(p).name for p in paths):
        os._exit(134)
    return collect_many(paths, **kwargs)


def test_a_worker_that_dies_costs_only_its_own_file(tmp_path, monkeypatch):
    from shuzhi_xl.consolidate import run

    monkeypatch.setattr(run, "collect_many", _dies_on_crash_files)  # the workers are forked: they see it too
    folder = folder_with(tmp_path, good=12)
    (folder / "崩溃.xlsx").write_bytes(hostile.sample_bytes())
    summary = run.consolidate(folder, tmp_path / "汇总.xlsx", jobs=2)
    assert [u.file for u in summary.unreadable_files] == ["崩溃.xlsx"]
    assert "异常退出" in summary.unreadable_files[0].reason
    assert summary.files == 13 and "崩溃.xlsx" in sheet_values(tmp_path / "汇总.xlsx", "未能读取")


def test_1_a_far_value_in_a_live_workbook_is_named_before_reading(tmp_path, monkeypatch):
    """The Excel buttons read a sheet's used range in one block: a value in XFD1048576 must stop them first."""
    from excel_fake import Range, open_in_excel
    from shuzhi_xl.errors import WorkbookError
    from shuzhi_xl.excel import macros

    path = tmp_path / "支部.xlsx"
    path.write_bytes(hostile.sample_bytes())
    app, book = open_in_excel(path)
    sheet = book.sheets[schema.LEDGER.name]
    sheet.range("XFD1048576").value = "远"
    small = Range.value.fget

    def value(self):
        if (self.bottom - self.row + 1) * (self.right - self.column + 1) > 10 ** 7:
            pytest.fail(f"moved a block of {self.bottom} rows by {self.right} columns out of Excel")
        return small(self)
    monkeypatch.setattr(Range, "value", property(value, Range.value.fset))
    with pytest.raises(WorkbookError) as info:
        macros.read_report(app, book)
    assert (info.value.sheet, info.value.cell) == (schema.LEDGER.name, "XFD1048576")
    assert f"最多 {MAX_ROWS} 行" in info.value.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
@pytest.mark.parametrize("command", ["check", "report", "import"])
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path, command):
    pipe = tmp_path / ("支部.xlsx" if command != "import" else "报告.docx")
    os.mkfifo(pipe)
    assert_behaved(shuzhi(command, pipe), {2}, "不是普通文件", command)
