"""A clean workbook passes; a workbook with one seeded defect per rule family gets each finding at its cell."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from checks_support import YEAR, body_cell, cell_of, clean_report, run_check
from shuzhi_xl import schema
from shuzhi_xl.checks import check_report
from shuzhi_xl.model import Metric
from shuzhi_xl.xlsx.reader import read_workbook
from shuzhi_xl.xlsx.template import write_workbook

S = schema
#: index in clean_ledger() of the second quarter's 支部党员大会 (36 monthly rows, then 2 kinds per quarter)
Q2_MEETING = 36 + 2


@pytest.fixture(scope="module")
def clean_xlsx(tmp_path_factory) -> Path:
    return write_workbook(tmp_path_factory.mktemp("clean") / "clean.xlsx", clean_report())


#: Texts of clean_report()'s points: the first and second point of each of the four sections share them.
FIRST, SECOND = "按照党委部署要求，及时制定支部学习计划，组织党员开展集体学习。", "坚持每周五组织支部党员集中学习，引导党员牢固树立“四个意识”。"
B = S.BODY.name


@pytest.fixture(scope="module")
def cells(clean_xlsx) -> dict[str, str]:
    """Return the 报告正文 cells the seeds go into, found by their text in the clean workbook."""
    return {"study_body": body_cell(clean_xlsx, FIRST, "body", 0),
            "activities_body": body_cell(clean_xlsx, SECOND, "body", 2),
            "central_body": body_cell(clean_xlsx, FIRST, "body", 3),
            "activities_count": body_cell(clean_xlsx, "全年开展主题党日12次，召开支部党员大会4次。", "body"),
            "tasks_body": body_cell(clean_xlsx, SECOND, "body", 1),
            "tasks_lead": body_cell(clean_xlsx, FIRST, "heading", 1)}


@pytest.fixture(scope="module")
def seeds(cells) -> dict[tuple[str, str], object]:
    return {
        # family 1: structure
        (S.INFO.name, S.INFO.form_cell("secretary")): None,
        (B, cells["study_body"]): None,
        # family 2: placeholders
        (B, cells["activities_body"]): "组织党员X人到XX纪念馆参观学习。",
        # family 3: numbers
        (S.METRICS.name, cell_of(S.METRICS, "value", 1)): 12,
        (B, cells["central_body"]): "全年完成投资{全年完成投资}亿元。",
        (S.METRICS.name, cell_of(S.METRICS, "name", 2)): "重点项目数",
        (S.METRICS.name, cell_of(S.METRICS, "value", 2)): "十二",
        # family 4: ledger
        (S.LEDGER.name, cell_of(S.LEDGER, "kind", Q2_MEETING)): "其他",
        (S.LEDGER.name, cell_of(S.LEDGER, "date", 0)): dt.datetime(YEAR - 1, 1, 10),
        # family 5: proofreading
        (B, cells["tasks_body"]): f"严于律已,带头学习{YEAR - 1}年的文件",
        (B, cells["tasks_lead"]): "一是做好谋划文章",
    }


@pytest.fixture(scope="module")
def expected(cells) -> set[tuple[str, str, str]]:
    return {
        ("ST001", S.INFO.name, S.INFO.form_cell("secretary")),
        ("ST006", B, cells["study_body"]),
        ("PH001", B, cells["activities_body"]),
        ("NU006", S.METRICS.name, cell_of(S.METRICS, "value", 1)),
        ("NU001", B, cells["central_body"]),
        ("NU003", S.METRICS.name, cell_of(S.METRICS, "value", 2)),
        ("LG001", S.LEDGER.name, ""),
        ("LG002", S.LEDGER.name, cell_of(S.LEDGER, "date", 0)),
        ("LG003", B, cells["activities_count"]),
        ("PR007", B, cells["tasks_body"]),
        ("PR001", B, cells["tasks_body"]),
        ("PR004", B, cells["tasks_body"]),
        ("PR010", B, cells["tasks_body"]),
        ("PR006", B, cells["tasks_lead"]),
        ("LN001", "", ""),
    }


@pytest.fixture(scope="module")
def seeded_findings(clean_xlsx, seeds) -> tuple[int, list[dict]]:
    return run_check(seed(clean_xlsx, seeds))


def seed(path: Path, edits: dict[tuple[str, str], object]) -> Path:
    """Write *edits* ({(sheet, cell): value}) into a copy of *path* with openpyxl; return the copy."""
    wb = load_workbook(path)
    for (sheet, cell), value in edits.items():
        wb[sheet][cell].value = value
    out = path.with_name("seeded.xlsx")
    wb.save(out)
    return out


def test_clean_workbook_passes_with_only_the_length_information(clean_xlsx):
    code, findings = run_check(clean_xlsx)
    assert code == 0
    assert [f["code"] for f in findings] == ["LN001"]


def test_each_seeded_defect_is_found_at_its_cell(seeded_findings, expected):
    code, findings = seeded_findings
    found = {(f["code"], f["sheet"], f["cell"]) for f in findings}
    assert code == 1
    assert expected <= found, expected - found
    assert found - expected == set(), "findings nobody seeded"


def test_findings_quote_the_offending_text(seeded_findings):
    _, findings = seeded_findings
    by_code = {f["code"]: f for f in findings}
    ledger = " ".join(f["message"] for f in findings if f["code"] == "LG001")
    assert "XX纪念馆" in by_code["PH001"]["message"]
    assert "严于律已" in by_code["PR007"]["message"] and "严于律己" in by_code["PR007"]["message"]
    assert "“支部党员大会”应每季度至少 1 次，台账中第二季度没有记录" in ledger
    assert "“支部委员会会议”应每月至少 1 次，台账中1月没有记录" in ledger
    assert "{全年完成投资}" in by_code["NU001"]["message"]
    assert all(set(f) == {"code", "severity", "sheet", "cell", "message", "suggestion", "found", "offset", "ref"} for f in findings)


def test_findings_come_in_workbook_order(seeded_findings):
    _, findings = seeded_findings
    sheets = [f["sheet"] for f in findings]
    order = [""] + list(schema.SHEET_NAMES)
    assert sheets == sorted(sheets, key=order.index)


def test_length_limit_from_rules(clean_xlsx, tmp_path):
    rules = tmp_path / "规则.toml"
    rules.write_text("[length]\ntotal = 100\nwork = 50\n", encoding="utf-8")
    code, findings = run_check(clean_xlsx, "--rules", rules)
    over = {(f["sheet"], f["cell"]) for f in findings if f["code"] == "LN002"}
    assert code == 0
    assert over == {("", ""), (B, body_cell(clean_xlsx, "主要工作情况", "heading"))}


def test_metric_relations_and_signs(tmp_path):
    report = clean_report()
    report.metrics += [Metric("参加人次", -3.0, "人"), Metric("完成率", 120.0, "%")]
    path = write_workbook(tmp_path / "m.xlsx", report)
    codes = {(f.code, f.cell) for f in check_report(read_workbook(path))}
    assert ("NU004", cell_of(S.METRICS, "value", 2)) in codes
    assert ("NU005", cell_of(S.METRICS, "value", 3)) in codes
