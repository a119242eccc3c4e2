"""The annotated copy: opens in openpyxl and LibreOffice, keeps every other sheet and feature, replaces old results."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from openpyxl.comments import Comment

from shuzhi_xl import schema
from shuzhi_xl.checks import check_report
from shuzhi_xl.checks.plan import AUTHOR, MARKER, RESULT_SHEET, annotation_plan
from shuzhi_xl.cli import main
from shuzhi_xl.errors import ShuzhiError
from shuzhi_xl.soffice import convert, find_soffice
from shuzhi_xl.annotate.workbook import annotate_copy
from shuzhi_xl.xlsx.reader import read_workbook

USER = "张三"


@pytest.fixture(scope="module")
def original(tmp_path_factory) -> Path:
    """Return the sample with a user's comment on a flagged cell and on a clean one."""
    from shuzhi_xl.samples import sample_report
    from shuzhi_xl.xlsx.template import write_workbook

    folder = tmp_path_factory.mktemp("annotate")
    path = write_workbook(folder / "built.xlsx", sample_report())
    wb = load_workbook(path)
    wb[schema.INFO.name][schema.INFO.form_cell("branch")].comment = Comment("支部全称待定", USER)
    wb[schema.INFO.name][schema.INFO.form_cell("year")].comment = Comment("按日历年", USER)
    wb.save(folder / "原件.xlsx")
    return folder / "原件.xlsx"


@pytest.fixture(scope="module")
def annotated(original) -> tuple[Path, Path]:
    findings = check_report(read_workbook(original))
    once = annotate_copy(original, original.with_name("标注.xlsx"), findings)
    twice = annotate_copy(once, original.with_name("再次标注.xlsx"), check_report(read_workbook(once)))
    return once, twice


def features(path: Path) -> dict:
    """Return what a copy must keep of each data sheet: values, protection, validations, tables, merged cells."""
    wb = load_workbook(path)
    out = {"names": {n: (d.attr_text, d.hidden) for n, d in wb.defined_names.items()}}
    for ws in wb.worksheets:
        if ws.title == RESULT_SHEET:
            continue
        out[ws.title] = {
            "values": [[c.value for c in row] for row in ws.iter_rows()],
            "protected": ws.protection.sheet,
            "validations": sorted(str(dv.sqref) for dv in ws.data_validations.dataValidation),
            "tables": sorted((t.name, t.ref) for t in ws.tables.values()),
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        }
    return out


def test_copy_keeps_every_sheet_and_feature(original, annotated):
    before = features(original)
    for copy in annotated:
        assert features(copy) == before
        assert load_workbook(copy).sheetnames == [RESULT_SHEET, *load_workbook(original).sheetnames]


def test_result_sheet_lists_each_finding_with_a_link(original, annotated):
    findings = check_report(read_workbook(original))
    ws = load_workbook(annotated[0])[RESULT_SHEET]
    rows = list(ws.iter_rows(min_row=2))
    assert [(r[2].value, r[3].value or "", r[4].value or "") for r in rows] == [(f.code, f.sheet, f.cell)
                                                                               for f in findings]
    for row, f in zip(rows, findings):
        if f.cell:
            assert row[4].hyperlink.location == f"'{f.sheet}'!{f.cell}"
        elif f.sheet:
            assert row[3].hyperlink.location == f"'{f.sheet}'!A1" and row[4].hyperlink is None


def test_flagged_cells_are_highlighted_and_commented(original, annotated):
    findings = check_report(read_workbook(original))
    flagged = {(f.sheet, f.cell) for f in findings if f.cell}
    wb = load_workbook(annotated[0])
    highlighted = {(ws.title, str(cf.sqref)) for ws in wb.worksheets for cf in ws.conditional_formatting}
    commented = {(ws.title, c.coordinate) for ws in wb.worksheets for row in ws.iter_rows() for c in row
                 if c.comment and MARKER in c.comment.text}
    assert highlighted == flagged == commented


def test_reannotating_replaces_instead_of_stacking(annotated):
    once, twice = (load_workbook(p) for p in annotated)
    assert twice.sheetnames.count(RESULT_SHEET) == 1
    assert twice[RESULT_SHEET].max_row == once[RESULT_SHEET].max_row

    def marks(wb):
        return (sum(len(cf.rules) for ws in wb.worksheets for cf in ws.conditional_formatting),
                sum(c.comment.text.count(MARKER) for ws in wb.worksheets for row in ws.iter_rows() for c in row
                    if c.comment))
    assert marks(twice) == marks(once)


def test_users_own_comments_survive(annotated):
    info = schema.INFO
    for path in annotated:
        ws = load_workbook(path)[info.name]
        flagged, clean = ws[info.form_cell("branch")].comment, ws[info.form_cell("year")].comment
        assert flagged.author == USER and flagged.text.startswith("支部全称待定") and flagged.text.count(MARKER) == 1
        assert (clean.author, clean.text) == (USER, "按日历年")
        assert all(c.comment.author == AUTHOR for row in ws.iter_rows() for c in row
                   if c.comment and c.comment.text.startswith(MARKER))


def test_never_writes_over_the_original(original):
    with pytest.raises(ShuzhiError):
        annotate_copy(original, original, [])


def test_cli_annotate_option(original, tmp_path):
    result = CliRunner().invoke(main, ["check", str(original), "--annotate", str(tmp_path / "副本.xlsx")])
    assert result.exit_code == 1
    assert (tmp_path / "副本.xlsx").exists() and "已生成标注副本" in result.output


def test_plan_has_no_links_to_missing_sheets(original):
    findings = check_report(read_workbook(original))
    plan = annotation_plan(findings, sheets={schema.INFO.name})
    assert {m.sheet for m in plan.marks} == {schema.INFO.name}
    assert all(not r.link or schema.INFO.name in r.link for r in plan.rows)


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_copy_opens_in_libreoffice(annotated, tmp_path):
    made = convert(find_soffice(), annotated[1], "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path)
    rows = list(csv.reader(made.open(encoding="utf-8")))
    assert rows[0][:3] == ["序号", "级别", "代码"]
    assert len(rows) == load_workbook(annotated[1])[RESULT_SHEET].max_row
