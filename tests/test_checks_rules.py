"""The rules file: unknown keys are named, overrides change findings, bad files are errors not tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from checks_support import QUARTERLY, cell_of, clean_report, run_check
from shuzhi_xl import schema
from shuzhi_xl.checks import check_report, load_rules
from shuzhi_xl.cli import main
from shuzhi_xl.errors import ShuzhiError
from shuzhi_xl.model import LedgerEntry, Location, Metric


def rules_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "规则.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text, key", [
    ("colour = 1\n", "colour"),
    ("[ledger]\nfrequence = {}\n", "ledger.frequence"),
    ('[ledger.frequency]\n"支部大会" = { per = "月", min = 1 }\n', "ledger.frequency.支部大会"),
    ('[ledger.frequency]\n"党课" = { per = "月", mini = 1 }\n', "ledger.frequency.党课.mini"),
    ('[[proofreading.words]]\nwrong = "a"\nright = "b"\nwhy = "c"\n', "proofreading.words[1].why"),
])
def test_unknown_key_is_an_error_naming_it(tmp_path, text, key):
    with pytest.raises(ShuzhiError) as error:
        load_rules(rules_file(tmp_path, text))
    assert f"“{key}”" in str(error.value) and "规则.toml" in str(error.value)


@pytest.mark.parametrize("text", [
    "[length\n", "[length]\ntotal = \"多\"\n", '[ledger.frequency]\n"党课" = { per = "周", min = 1 }\n',
    '[metrics]\nrelations = ["甲 大于 乙"]\n', '[[proofreading.formulations]]\npattern = "(未闭合"\nright = "x"\n',
    '[ledger.aliases]\n"党课" = ["专题党课", " "]\n',
])
def test_bad_values_are_errors(tmp_path, text):
    with pytest.raises(ShuzhiError):
        load_rules(rules_file(tmp_path, text))


def test_cli_reports_a_bad_rules_file_with_exit_2(tmp_path):
    from shuzhi_xl.xlsx.template import write_workbook

    book = write_workbook(tmp_path / "t.xlsx")
    result = CliRunner().invoke(main, ["check", str(book), "--rules", str(rules_file(tmp_path, "colour = 1\n"))])
    assert result.exit_code == 2 and "colour" in result.output and "Traceback" not in result.output


def test_overriding_a_frequency_changes_findings(tmp_path):
    report = clean_report()
    assert not [f for f in check_report(report) if f.code == "LG001"]
    stricter = load_rules(rules_file(tmp_path, '[ledger.frequency]\n"支部党员大会" = { per = "月", min = 1 }\n'))
    found = [f.message for f in check_report(report, stricter) if f.code == "LG001"]
    assert len(found) == 1 and "支部党员大会" in found[0] and "每月" in found[0]

    # one quarter without 党课: a finding by default, none once a committee switches the kind off
    report.ledger = [e for e in report.ledger if not (e.kind == QUARTERLY[1] and e.date.month == 5)]
    assert any("第二季度" in f.message for f in check_report(report) if f.code == "LG001")
    relaxed = load_rules(rules_file(tmp_path, f'[ledger.frequency]\n"{QUARTERLY[1]}" = {{ per = "年", min = 0 }}\n'))
    assert not [f for f in check_report(report, relaxed) if f.code == "LG001"]


def test_user_words_extend_the_dictionary_and_disable_switches_codes_off(tmp_path):
    report = clean_report()
    report.parts[1].sections[0].lead = "部分党员对党建工作的认识不到未。"
    report.parts[1].sections[0].where = {"lead": Location(schema.BODY.name, "E20")}
    rules = load_rules(rules_file(tmp_path, '[[proofreading.words]]\nwrong = "不到未"\nright = "不到位"\n'
                                            'reason = "“到位”误作“到未”。"\n'))
    found = [f for f in check_report(report, rules) if f.code == "PR007"]
    assert [(f.sheet, f.cell) for f in found] == [(schema.BODY.name, "E20")]
    assert "不到位" in found[0].message
    quiet = load_rules(rules_file(tmp_path, 'disable = ["PR007", "ln001"]\n'))
    assert not {"PR007", "LN001"} & {f.code for f in check_report(report, quiet)}


def test_metric_relation_declared_in_rules(tmp_path):
    report = clean_report()
    report.metrics += [Metric(n, v) for n, v in (("内资项目数", 3.0), ("外资项目数", 2.0),
                                                 ("招商引资项目数", 6.0))]
    rules = load_rules(rules_file(tmp_path, '[metrics]\nrelations = ["内资项目数 + 外资项目数 = 招商引资项目数"]\n'))
    assert ["NU006"] == [f.code for f in check_report(report, rules) if f.code.startswith("NU")]
    report.metrics[-1].value = 5.0
    assert not [f for f in check_report(report, rules) if f.code.startswith("NU")]


def test_unreadable_workbook_is_one_structural_finding(tmp_path):
    from shuzhi_xl.xlsx.template import write_workbook

    book = write_workbook(tmp_path / "t.xlsx")
    wb = load_workbook(book)
    header = f"{schema.LEDGER.column_letter('date')}{schema.LEDGER.header_row}"
    wb[schema.LEDGER.name][header].value = "时间"
    wb.save(book)
    code, findings = run_check(book)
    assert code == 2
    assert [(f["code"], f["sheet"], f["cell"]) for f in findings] == [("ST000", schema.LEDGER.name, header)]
    plain = CliRunner().invoke(main, ["check", str(book)])
    assert plain.exit_code == 2 and "时间" in plain.output
    assert json.loads(json.dumps(findings, ensure_ascii=False)) == findings


def test_ledger_dates_and_kinds(tmp_path):
    report = clean_report()
    report.ledger.append(LedgerEntry(None, "读书会", "读书", 5,
                                     where={"date": Location(schema.LEDGER.name, "A99"),
                                            "kind": Location(schema.LEDGER.name, "B99")}))
    codes = {(f.code, f.cell) for f in check_report(report)}
    assert {("LG004", "A99"), ("LG005", "B99")} <= codes


def _formulation(pattern: str, right: str) -> str:
    return f"[[proofreading.formulations]]\npattern = '{pattern}'\nright = '{right}'\n"


@pytest.mark.parametrize("pattern, right", [
    (r"(习)总书记", r"\g<2>"), (r"(习)总书记", r"\g<姓>"), (r"习总书记", r"\1"), (r"习总书记", r"\q"),
])
def test_a_replacement_naming_a_group_the_pattern_lacks_is_an_error_when_loading(tmp_path, pattern, right):
    with pytest.raises(ShuzhiError) as error:
        load_rules(rules_file(tmp_path, _formulation(pattern, right)))
    message = str(error.value)
    assert "规则.toml" in message and f"“{pattern}”" in message and f"“{right}”" in message


def test_replacements_using_the_patterns_groups_expand_in_proofreading(tmp_path):
    rules = load_rules(rules_file(tmp_path, _formulation(r"(?P<前>十九)大(?P<后>精神)", r"党的\g<前>大\g<后>")
                                  + _formulation(r"(习)总书记", r"\g<1>近平总书记")))
    report = clean_report()
    report.parts[1].sections[0].lead = "学习习总书记讲话和十九大精神不够深入。"
    found = [f.message for f in check_report(report, rules) if f.code == "PR008"]
    assert len(found) == 2 and any("应为“党的十九大精神”" in m for m in found)
    assert any("应为“习近平总书记”" in m for m in found)


@pytest.mark.parametrize("pattern", ["习总书记|", "(某某)?"])
def test_a_pattern_that_matches_empty_text_is_an_error(tmp_path, pattern):
    with pytest.raises(ShuzhiError, match="空文字"):
        load_rules(rules_file(tmp_path, _formulation(pattern, "x")))
