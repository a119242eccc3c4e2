"""The summary workbook: every readable branch once, every broken file listed, values as in the branch files."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import olefile
import openpyxl
import pytest
from lxml import etree
from click.testing import CliRunner

from shuzhi_xl import schema
from shuzhi_xl.checks import check_report
from shuzhi_xl.cli import main
from shuzhi_xl.consolidate import consolidate
from shuzhi_xl.consolidate.collect import Branch
from shuzhi_xl.model import Metric
from shuzhi_xl.xlsx.reader import read_workbook
from shuzhi_xl.xlsx.template import write_workbook

from checks_support import clean_report
from consolidate_support import BROKEN, RESUBMITTED, build_folder, collect, compound_file, sheet_rows
from support import part


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> tuple[Path, list[Path], Path, object]:
    """Return the folder, its good workbooks, the summary written from it with two jobs, and the Summary."""
    root = tmp_path_factory.mktemp("office")
    folder = root / "各支部"
    folder.mkdir()
    good = build_folder(folder)
    summary = consolidate(folder, root / "汇总.xlsx", jobs=2)
    return folder, good, summary.output, summary


def _day(value):
    return value.date() if isinstance(value, dt.datetime) else value


def test_the_hand_made_compound_file_is_one_olefile_reads_as_encrypted(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(compound_file(["EncryptionInfo", "EncryptionPackage"]))
    with olefile.OleFileIO(str(path)) as ole:
        assert ole.exists("EncryptionInfo") and ole.exists("EncryptionPackage")


def test_overview_has_one_row_per_readable_branch_and_one_per_broken_file(office):
    folder, good, output, summary = office
    rows = sheet_rows(output, "总览")
    branches = [r for r in rows if r["状态"] != "无法读取"]
    assert sorted(r["源文件"] for r in branches) == sorted(p.relative_to(folder).as_posix() for p in good)
    broken = [r["源文件"] for r in rows if r["状态"] == "无法读取"]
    assert sorted(broken) == sorted(BROKEN)
    assert (summary.branches, summary.unreadable, summary.files) == (len(good), len(BROKEN), len(good) + 1 + len(BROKEN))
    counts = [sum(r["状态"] == state for r in branches) for state in ("完整", "有问题", "有错误")]
    assert 0 not in counts and sum(counts) == len(branches)
    assert "（完整 {}，有问题 {}，有错误 {}）".format(*counts) in summary.line()


def test_unreadable_sheet_says_why_for_each_broken_file(office):
    _, _, output, _ = office
    reasons = {r["源文件"]: r["原因"] for r in sheet_rows(output, "未能读取")}
    assert set(reasons) == set(BROKEN)
    for name, word in BROKEN.items():
        assert word in reasons[name], reasons[name]


def test_overview_values_are_those_read_from_each_branch_file(office):
    folder, good, output, _ = office
    rows = {r["源文件"]: r for r in sheet_rows(output, "总览")}
    for path in good:
        report = read_workbook(path)
        row = rows[path.relative_to(folder).as_posix()]
        info = report.info
        assert (row["支部名称"], row["上级党组织"], row["书记姓名"] or "", row["述职年度"]) == \
            (info.branch, info.committee, info.secretary, info.year)
        findings = check_report(report)
        assert row["错误数"] == sum(f.severity == "error" for f in findings)
        assert row["警告数"] == sum(f.severity == "warning" for f in findings)
        assert row["状态"] == ("有错误" if row["错误数"] else "有问题" if row["警告数"] else "完整")
        assert row["台账合计"] == len(report.ledger)
        for metric in report.metrics:
            if metric.name in row:
                assert row[metric.name] == metric.value


def _branch_file_by_openpyxl(path: Path) -> tuple[dict[str, object], int]:
    """Return a branch file's 基本信息 (label → value in column B) and its ledger row count, read by openpyxl."""
    wb = openpyxl.load_workbook(path)
    labels = {str(a).removesuffix("（必填）"): b for a, b in wb[schema.INFO.name].iter_rows(min_col=1, max_col=2,
                                                                                          values_only=True) if a}
    ledger = wb[schema.LEDGER.name].iter_rows(min_row=schema.LEDGER.header_row + 1, values_only=True)
    return labels, sum(any(v not in (None, "") for v in row) for row in ledger)


def test_overview_agrees_with_openpyxl_reading_each_branch_file(office):
    folder, good, output, _ = office
    rows = {r["源文件"]: r for r in sheet_rows(output, "总览")}
    for path in good:
        labels, ledger_rows = _branch_file_by_openpyxl(path)
        row = rows[path.relative_to(folder).as_posix()]
        assert (row["支部名称"], row["上级党组织"], row["书记姓名"]) == \
            tuple(labels[key] for key in ("支部名称", "上级党组织", "书记姓名"))
        assert row["述职年度"] == int(labels["述职年度"])
        assert row["台账合计"] == ledger_rows


def test_detail_sheets_hold_every_record_of_every_branch(office):
    folder, good, output, _ = office
    ledger, points = sheet_rows(output, "台账汇总"), sheet_rows(output, "工作要点")
    problems, plans, findings = sheet_rows(output, "问题汇总"), sheet_rows(output, "打算汇总"), sheet_rows(output, "检查结果")
    L = schema.LEDGER
    for path in good:
        file, report = path.relative_to(folder).as_posix(), read_workbook(path)
        mine = [r for r in ledger if r["源文件"] == file]
        assert [(_day(r[L.field("date").label]), r[L.field("kind").label], r[L.field("topic").label],
                 r[L.field("participants").label], r[L.field("note").label] or "") for r in mine] == \
            [(e.date, e.kind, e.topic, e.participants, e.note) for e in report.ledger]
        assert [(r["部分"], r["栏目"], r["要点正文"]) for r in points if r["源文件"] == file] == \
            [(p.name, s.name, point.body) for p in report.parts for s in p.sections for point in s.points]
        for key, rows, heading in (("problems", problems, "问题标题"), ("plans", plans, "打算标题")):
            assert [r[heading] for r in rows if r["源文件"] == file] == [s.heading for s in part(report, key).sections]
        assert sorted((r["工作表"] or "", r["单元格"] or "", r["代码"]) for r in findings if r["源文件"] == file) == \
            sorted((f.sheet, f.cell, f.code) for f in check_report(report))


def test_the_newer_of_two_files_for_one_branch_is_used_and_both_are_listed(office):
    folder, good, output, summary = office
    duplicates = sheet_rows(output, "重复文件")
    assert len(duplicates) == 2 and len({(r["支部名称"], r["述职年度"]) for r in duplicates}) == 1
    used = [r["源文件"] for r in duplicates if r["处理"].startswith("采用")]
    assert used == [RESUBMITTED]
    overview = {r["源文件"]: r for r in sheet_rows(output, "总览")}
    assert RESUBMITTED in overview and "重复" in overview[RESUBMITTED]["备注"]
    assert [used for used, _ in summary.duplicates] == [RESUBMITTED]


def test_each_sheet_is_a_table_with_filters_and_a_frozen_header(office):
    _, _, output, _ = office
    for ws in openpyxl.load_workbook(output):
        assert len(ws.tables) == 1, ws.title
        table = next(iter(ws.tables.values()))
        assert table.autoFilter is not None and table.ref.startswith("A1:")
        assert int(re.search(r"\d+$", table.ref).group()) == max(2, ws.max_row)
        assert [c.name for c in table.tableColumns] == [c.value for c in ws[1]]
        assert ws.freeze_panes and ws.freeze_panes.endswith("2")


def test_sheets_print_landscape_with_the_header_on_every_page(office):
    _, _, output, _ = office
    for ws in openpyxl.load_workbook(output):
        assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$1", ws.title
        assert ws.row_dimensions[1].height >= 30  # wrapped headers (支部党员大会（每季度至少1次）) fit
        if ws.max_column > 12:  # too wide to shrink onto one page: the branch column repeats on each page
            assert ws.print_title_cols and ws.print_title_cols.startswith("$A:")
        else:
            # fitToWidth left out means 1 page wide (ECMA-376 CT_PageSetup default)
            assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1)


def test_charts_are_native_bar_charts_over_the_summary(office):
    _, _, output, _ = office
    with zipfile.ZipFile(output) as package:
        charts = [package.read(n).decode() for n in package.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 3  # few branches: the per-branch chart too
    ns = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
    trees = [etree.fromstring(c.encode()) for c in charts]
    assert all(t.find(".//c:barChart", ns) is not None for t in trees)
    sources = {f.text.split("!")[0].strip("'") for t in trees for f in t.iterfind(".//c:f", ns)}
    assert sources == {"总览", "图表", "达标分布"}


def test_output_is_identical_for_one_and_two_jobs(office, tmp_path):
    folder, _, output, _ = office
    one = consolidate(folder, tmp_path / "一.xlsx", jobs=1).output
    assert one.read_bytes() == output.read_bytes()


def test_per_file_step_never_raises_and_names_the_file_relatively(office):
    folder, _, _, _ = office
    result = collect(str(folder / RESUBMITTED), str(folder))
    assert isinstance(result, Branch) and result.file == RESUBMITTED and result.volume is None
    assert collect(str(folder / "加密.xlsx"), str(folder)).reason


def test_branch_text_that_looks_like_a_formula_arrives_as_text(tmp_path):
    from shuzhi_xl.synthetic import branch_report
    from shuzhi_xl.xlsx.fill import filled_workbook_bytes

    dangerous = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)"]
    report = branch_report(1, 0, 2024)
    report.info.secretary = dangerous[3]
    report.parts[0].sections[0].points[0].body = dangerous[0]
    report.parts[1].sections[0].heading = dangerous[2]
    report.ledger[0].topic = dangerous[1]
    report.ledger[1].note = dangerous[0]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes(filled_workbook_bytes(report))
    output = consolidate(folder, tmp_path / "汇总.xlsx", jobs=1).output
    wb = openpyxl.load_workbook(output)
    found = {}
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value in dangerous:
                    assert cell.data_type == "s" and isinstance(cell.value, str), (ws.title, cell.coordinate)
                    found.setdefault(cell.value, []).append(ws.title)
    assert set(found) == set(dangerous)
    with zipfile.ZipFile(output) as package:
        for name in package.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert not re.search(rb"<(\w+:)?f[ >/]", package.read(name)), name


def test_consolidate_command_reports_counts_and_stops_on_a_bad_rules_file(office, tmp_path):
    folder, good, _, _ = office
    runner = CliRunner()
    result = runner.invoke(main, ["consolidate", str(folder), "-o", str(tmp_path / "汇总.xlsx"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert f"汇总 {len(good)} 个支部" in result.output and f"无法读取 {len(BROKEN)} 个" in result.output
    bad = tmp_path / "规则.toml"
    bad.write_text("[ledger]\nunknown = 1\n", encoding="utf-8")
    result = runner.invoke(main, ["consolidate", str(folder), "-o", str(tmp_path / "b.xlsx"), "--rules", str(bad)])
    assert result.exit_code == 2 and "规则文件" in result.output and f"规则文件位置：{bad}" in result.output


def test_totals_add_up_known_figures_and_leave_out_text_only_ones(tmp_path):
    folder = tmp_path / "三个支部"
    figures = {"一支部": (30, "良好"), "二支部": (20.5, "一般"), "三支部": (None, "较好")}
    for name, (members, state) in figures.items():
        report = clean_report()
        report.info.branch = name
        report.metrics = [Metric("党员人数", members, "人"), Metric("整体情况", state)] if members else \
            [Metric("整体情况", state)]
        write_workbook(folder / f"{name}.xlsx", report)
    totals = {r["项目"]: r for r in sheet_rows(consolidate(folder, tmp_path / "汇总.xlsx", jobs=1).output, "合计")}
    assert (totals["党员人数"]["合计"], totals["党员人数"]["填报支部数"], totals["党员人数"]["平均每支部"]) == \
        (50.5, 2, 25.25)
    assert "整体情况" not in totals and "述职年度" not in totals
    ledger = len(clean_report().ledger)
    assert (totals["台账合计"]["合计"], totals["台账合计"]["平均每支部"]) == (3 * ledger, ledger)
