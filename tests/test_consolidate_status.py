"""The summary as the committee office reads it: a status by the rules, shortfalls highlighted, figures with their
units (mixed units never summed), blank templates apart, and an existing default summary never replaced."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from shuzhi_xl.checks import check_report
from shuzhi_xl.cli import main
from shuzhi_xl.consolidate import consolidate
from shuzhi_xl.synthetic import branch_report
from shuzhi_xl.xlsx.reader import read_workbook
from shuzhi_xl.xlsx.template import write_workbook

from consolidate_support import sheet_rows

REPO = Path(__file__).resolve().parents[1]
TEMPLATE = REPO / "workbook" / "述职报告模板.xlsx"
#: The two highlights, as Excel shows them: light red (an error) and light yellow (short of a rule).
RED, YELLOW = "FFFFC7CE", "FFFFEB9C"
#: (synthetic branch, investment, its unit, members) of the workbooks written: with seed 5, branch 0 is clean,
#: 2 falls short of some rules, 5 has errors (test_the_branches_cover_every_status checks it)
FIGURES = [(0, 731.0, "万元", 31.0), (2, 2.5, "亿元", 27.0), (5, 96.0, "万元", 40.0)]


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """Return the folder (three synthetic branches with figures in mixed units, a blank template) and its summary."""
    folder = tmp_path_factory.mktemp("units")
    reports = {}
    for index, investment, unit, members in FIGURES:
        report = branch_report(5, index, 2024)
        figures = {"完成投资额": (investment, unit), "党员人数": (members, "人")}  # both in every synthetic report
        report.metrics = [dataclasses.replace(m, value=figures[m.name][0], unit=figures[m.name][1])
                          if m.name in figures else m for m in report.metrics]
        reports[write_workbook(folder / f"{index}.xlsx", report).name] = report
    shutil.copy(TEMPLATE, folder / "空白.xlsx")
    return folder, reports, consolidate(folder, folder.parent / f"{folder.name}-汇总.xlsx", jobs=1)


def _sheet(output: Path, name: str):
    return openpyxl.load_workbook(output)[name]


def _header(ws) -> list[str]:
    return [c.value for c in ws[1]]


def test_status_follows_the_committees_rules(office):
    folder, _, summary = office
    rows = {r["源文件"]: r for r in sheet_rows(summary.output, "总览")}
    seen = set()
    for path in sorted(folder.glob("[0-9].xlsx")):
        severities = {f.severity for f in check_report(read_workbook(path))}
        expected = "有错误" if "error" in severities else "有问题" if "warning" in severities else "完整"
        assert rows[path.name]["状态"] == expected
        seen.add(expected)
    assert seen == {"完整", "有问题", "有错误"}
    assert (summary.complete, summary.with_problems, summary.with_errors) == (1, 1, 1)


def test_shortfalls_and_errors_are_highlighted_where_they_are(office):
    folder, _, summary = office
    ws = _sheet(summary.output, "总览")
    header = _header(ws)
    for row in ws.iter_rows(min_row=2):
        if row[header.index("状态")].value == "无法读取":
            continue
        findings = check_report(read_workbook(folder / row[header.index("源文件")].value))
        # LG001 says “kind”应每…至少 n 次: the kinds this branch falls short of, as the check found them
        short = {re.match(r"“(.+?)”", f.message).group(1) for f in findings if f.code == "LG001"}
        for column, label in enumerate(header):
            kind = label.split("（")[0]
            if "至少" in label:
                assert (row[column].fill.fgColor.rgb == YELLOW) == (kind in short), (label, short)
        status = row[header.index("状态")]
        assert status.fill.fgColor.rgb == {"有错误": RED, "有问题": YELLOW}.get(status.value, "00000000")
        met = row[header.index("制度达标项数")]
        assert (met.fill.fgColor.rgb == YELLOW) == bool(short)


def test_figures_keep_their_units_and_mixed_units_are_flagged_not_summed(office):
    _, _, summary = office
    rows = sheet_rows(summary.output, "总览")
    mixed, members = "完成投资额（单位不一）", "党员人数（人）"
    assert sorted(r[mixed] for r in rows if r[mixed]) == sorted(f"{i:g}{u}" for _, i, u, _ in FIGURES)
    assert sorted(r[members] for r in rows if r[members] is not None) == sorted(m for *_, m in FIGURES)
    totals = {r["项目"]: r for r in sheet_rows(summary.output, "合计")}
    assert totals["党员人数"]["单位"] == "人" and totals["党员人数"]["合计"] == sum(m for *_, m in FIGURES)
    investment = totals["完成投资额"]
    assert investment["合计"] is None and "单位不一" in investment["说明"]
    assert set(investment["单位"].split("、")) == {u for _, _, u, _ in FIGURES}
    ws = _sheet(summary.output, "总览")
    column = _header(ws).index(mixed)
    assert all(r[column].fill.fgColor.rgb == YELLOW for r in ws.iter_rows(min_row=2) if r[column].value)


def test_a_blank_template_is_listed_apart_and_not_counted(office):
    folder, reports, summary = office
    assert [r["源文件"] for r in sheet_rows(summary.output, "空白模板")] == ["空白.xlsx"]
    assert "空白.xlsx" not in {r["源文件"] for r in sheet_rows(summary.output, "总览")}
    assert (summary.branches, summary.blank, summary.files) == (len(reports), 1, len(reports) + 1)
    assert "空白模板 1 个" in summary.line()


def test_an_existing_default_summary_is_never_replaced(office, tmp_path, monkeypatch):
    folder, _, _ = office
    monkeypatch.chdir(tmp_path)
    first = CliRunner().invoke(main, ["consolidate", str(folder), "--jobs", "1"])
    assert first.exit_code == 0, first.output
    kept = (tmp_path / "汇总.xlsx").read_bytes()
    again = CliRunner().invoke(main, ["consolidate", str(folder), "--jobs", "1"])
    assert again.exit_code == 0 and "汇总(2).xlsx" in again.output
    assert (tmp_path / "汇总.xlsx").read_bytes() == kept and (tmp_path / "汇总(2).xlsx").exists()
    named = CliRunner().invoke(main, ["consolidate", str(folder), "--jobs", "1", "-o", "汇总.xlsx"])
    assert named.exit_code == 0 and not (tmp_path / "汇总(3).xlsx").exists()  # named on purpose: replaced


def test_figures_in_one_unit_are_summed(office, tmp_path):
    folder, reports, _ = office
    same = tmp_path / "同一单位"
    same.mkdir()
    for name, report in reports.items():
        value = next(m.value for m in report.metrics if m.name == "完成投资额")
        report = dataclasses.replace(report, metrics=[dataclasses.replace(m, unit="万元") if m.name == "完成投资额" else m
                                                      for m in report.metrics])
        write_workbook(same / name, report)
    summary = consolidate(same, tmp_path / "汇总.xlsx", jobs=1)
    totals = {r["项目"]: r for r in sheet_rows(summary.output, "合计")}
    assert totals["完成投资额"]["单位"] == "万元"
    assert totals["完成投资额"]["合计"] == pytest.approx(sum(i for _, i, _, _ in FIGURES))
