"""A 规则.toml beside the workbook (or in the folder consolidated) applies when no --rules is named."""

from __future__ import annotations

import json

import openpyxl
import pytest
from click.testing import CliRunner

from checks_support import clean_report
from shuzhi_xl.checks.rules import RULES_FILE
from shuzhi_xl.cli import main
from shuzhi_xl.synthetic import write_samples
from shuzhi_xl.xlsx.template import write_workbook

#: Stricter than the defaults: a 党课 every month; any synthetic ledger falls short of it in some month.
STRICT = '[ledger.frequency]\n"党课" = { per = "月", min = 1 }\n'


@pytest.fixture
def complete_xlsx(tmp_path):
    return write_workbook(tmp_path / "完整.xlsx", clean_report())


def _codes(result) -> list[str]:
    return [f["code"] for f in json.loads(result.stdout)]


def test_check_and_report_use_the_rules_file_beside_the_workbook(complete_xlsx):
    runner = CliRunner()
    before = runner.invoke(main, ["check", str(complete_xlsx), "--json"])
    (complete_xlsx.parent / RULES_FILE).write_text(STRICT, encoding="utf-8")
    after = runner.invoke(main, ["check", str(complete_xlsx), "--json"])
    assert "LG001" not in _codes(before) and "LG001" in _codes(after)
    assert str(complete_xlsx.parent / RULES_FILE) in after.stderr
    named = runner.invoke(main, ["check", str(complete_xlsx), "--json", "--rules", str(complete_xlsx.parent / "无.toml")])
    assert named.exit_code == 2 and "不存在" in named.output  # a named file is never replaced by the one beside
    report = runner.invoke(main, ["report", str(complete_xlsx)])
    assert str(complete_xlsx.parent / RULES_FILE) in report.stderr


def test_consolidate_uses_the_rules_file_in_the_folder(tmp_path):
    folder = tmp_path / "支部"
    write_samples(folder, 3, seed=5, jobs=1)
    runner = CliRunner()
    assert runner.invoke(main, ["consolidate", str(folder), "-o", str(tmp_path / "默认.xlsx"), "--jobs", "1"]).exit_code == 0
    (folder / RULES_FILE).write_text(STRICT, encoding="utf-8")
    result = runner.invoke(main, ["consolidate", str(folder), "-o", str(tmp_path / "从严.xlsx"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert str(folder / RULES_FILE) in result.stderr

    def header(name: str) -> list[str]:
        return [c.value for c in openpyxl.load_workbook(tmp_path / name)["总览"][1]]

    assert "党课（每季度至少1次）" in header("默认.xlsx") and "党课（每月至少1次）" in header("从严.xlsx")
