"""Usage errors read in Chinese with click's exit status, and a failure to log never becomes a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from shuzhi_xl import crashlog
from shuzhi_xl.checks.finding import Finding, severity_counts
from shuzhi_xl.cli import main

USAGE_ERRORS = {
    "missing argument": (["check"], "错误：缺少参数 WORKBOOK。"),
    "below the range": (["consolidate", "x", "--jobs", "0"], "错误：--jobs 的值无效：应为不小于 1 的整数。"),
    "not a number": (["sample", "--seed", "abc"], "错误：--seed 的值无效：应为整数。"),
    "outside the range": (["import", "a.docx", "--year", "1800"], "应为 1990 到 2100 之间的整数。"),
    "unknown option": (["check", "a.xlsx", "--bogus"], "错误：没有 --bogus 这个选项。"),
    "unknown command": (["chek", "a.xlsx"], "错误：没有“chek”这个命令。"),
    "extra argument": (["check", "a.xlsx", "b.xlsx"], "错误：多余的参数：b.xlsx。"),
    "value missing": (["consolidate", "x", "--jobs"], "错误：选项 --jobs 后面需要给出值。"),
    "unknown group option": (["--bogus"], "错误：没有 --bogus 这个选项。"),
}


@pytest.mark.parametrize("case", USAGE_ERRORS)
def test_usage_errors_are_chinese_and_exit_2(case):
    args, expected = USAGE_ERRORS[case]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert expected in result.output
    assert "Error" not in result.output and "Try " not in result.output and "Usage" not in result.output


def test_a_usage_error_shows_the_usage_line_and_where_help_is():
    result = CliRunner().invoke(main, ["check"], prog_name="shuzhi")
    assert result.output.splitlines()[:2] == ["用法：shuzhi check [选项] WORKBOOK", "运行“shuzhi check --help”查看帮助。"]


def test_no_arguments_still_show_the_help_page():
    result = CliRunner().invoke(main, [])
    assert "命令:" in result.output and "consolidate" in result.output and "错误：" not in result.output


@pytest.mark.parametrize("args", [["-h"], ["--help"], ["check", "--help"], ["consolidate", "-h"]])
def test_help_is_chinese(args):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0 and "显示本帮助。" in result.output and "Show this message" not in result.output


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="per-user names matter where /tmp is shared")
def test_the_log_file_is_per_user():
    assert str(os.getuid()) in crashlog.log_path().name


def test_logging_into_an_unwritable_place_does_not_raise(tmp_path, monkeypatch):
    blocker = tmp_path / "文件"
    blocker.write_text("not a folder")
    monkeypatch.setattr(crashlog, "log_path", lambda: blocker / "shuzhi_xl.log")
    try:
        raise RuntimeError("the failure being logged")
    except RuntimeError:
        crashlog.log_exception()


def test_an_internal_error_is_logged_with_its_traceback(tmp_path, monkeypatch):
    monkeypatch.setattr(crashlog, "log_path", lambda: tmp_path / "shuzhi_xl.log")
    monkeypatch.setattr("shuzhi_xl.xlsx.template.workbook_bytes", lambda report=None, outline=None: 1 / 0)
    result = CliRunner().invoke(main, ["template", "-o", str(tmp_path / "t.xlsx")])
    assert result.exit_code == 2 and "程序内部错误" in result.output and "Traceback" not in result.output
    assert "ZeroDivisionError" in (tmp_path / "shuzhi_xl.log").read_text(encoding="utf-8")


def test_severity_counts_list_every_severity_in_order():
    findings = [Finding("A", "warning", "", "", ""), Finding("B", "error", "", "", ""),
                Finding("C", "warning", "", "", "")]
    assert list(severity_counts(findings).items()) == [("error", 1), ("warning", 2), ("info", 0)]
    assert severity_counts([]) == {"error": 0, "warning": 0, "info": 0}


def test_the_command_starts_without_the_heavy_libraries():
    """Every ``shuzhi`` command loads the whole command group: openpyxl, python-docx and pandas wait for the
    commands that use them."""
    loaded = subprocess.run([sys.executable, "-c", "import sys, shuzhi_xl.cli; "
                             "print(sorted({m.split('.')[0] for m in sys.modules} & {'openpyxl', 'docx', 'pandas'}))"],
                            capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
