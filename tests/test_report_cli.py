"""``shuzhi report``: checked first, where the file goes, locked targets, the input kept, and --pdf without
LibreOffice (the fonts of --pdf: test_report_fonts.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from checks_support import body_cell, clean_report, run_check
from shuzhi_xl import schema
from shuzhi_xl.cli import main
from shuzhi_xl.cli.report import command_line
from shuzhi_xl.errors import ShuzhiError
from shuzhi_xl.report.pdf import to_pdf
from shuzhi_xl.soffice import TIMEOUT, ConversionError
from shuzhi_xl.xlsx.template import write_workbook

TITLE = "机关第一党支部书记2022年度抓基层党建工作述职报告"
SAMPLE_TITLE = "XXX党支部书记2021年度抓基层党建工作述职报告"


@pytest.fixture
def complete_xlsx(tmp_path: Path) -> Path:
    """Return a workbook the checks find no error in."""
    return write_workbook(tmp_path / "完整.xlsx", clean_report())


def _run(*args: str):
    return CliRunner().invoke(main, ["report", *args])


def _written(output: str, label: str) -> Path:
    line = next(line for line in output.splitlines() if line.startswith(label))
    return Path(line.split("：", 1)[1])


#: A committee's 提纲 requiring the default three parts: an unfilled template then has more than five errors.
COMMITTEE = "".join(f'[[outline.parts]]\nname = "{name}"\n' for name in ("主要工作情况", "存在的问题", "下步工作打算"))


def test_a_blank_template_is_refused_with_its_errors_and_nothing_is_written(template_xlsx):
    (template_xlsx.parent / "规则.toml").write_text(COMMITTEE, encoding="utf-8")
    before = sorted(p.name for p in template_xlsx.parent.iterdir())
    result = _run(str(template_xlsx))
    assert result.exit_code == 1
    assert sorted(p.name for p in template_xlsx.parent.iterdir()) == before
    rules_line, *lines = result.output.splitlines()
    assert rules_line.startswith("检查规则：") and "规则.toml" in rules_line
    _, findings = run_check(template_xlsx)
    count = sum(f["severity"] == "error" for f in findings)
    assert lines[0] == f"“模板.xlsx”检查发现 {count} 处错误，未生成报告：" and count > 5
    secretary = f"  【{schema.INFO.name}】{schema.INFO.form_cell('secretary')} ST001 必填项“书记姓名”还没有填写。"
    assert secretary in lines[1:6]
    assert lines[6] == f"  ……另有 {count - 5} 处错误。"
    assert "shuzhi check" in lines[7] and "--force" in lines[7]
    assert "Traceback" not in result.output


def test_force_writes_the_report_and_still_counts_the_errors(sample_xlsx):
    _, findings = run_check(sample_xlsx)
    result = _run(str(sample_xlsx), "--force")
    assert result.exit_code == 0, result.output
    errors = sum(f["severity"] == "error" for f in findings)
    assert errors and f"检查发现 {errors} 处错误，按 --force 仍生成报告" in result.output
    assert _written(result.output, "已生成报告") == sample_xlsx.parent / f"{SAMPLE_TITLE}.docx"


@pytest.mark.skipif(sys.platform == "win32", reason="the suggested command is for a POSIX shell here")
@pytest.mark.parametrize("force", [False, True])
def test_the_suggested_check_command_can_be_pasted_into_the_shell(sample_xlsx, force):
    workbook = sample_xlsx.rename(sample_xlsx.with_name("out_full(2).xlsx"))  # a name the program itself writes
    result = _run(str(workbook), *(["--force"] if force else []))
    assert result.exit_code == (0 if force else 1), result.output
    suggested = re.search("运行“(.+?)”", result.output).group(1)
    echoed = subprocess.run(["sh", "-c", "shuzhi() { printf '%s\\n' \"$@\"; }\n" + suggested],
                            capture_output=True, text=True)  # the shell as the user's, shuzhi printing its arguments
    assert echoed.returncode == 0, echoed.stderr
    assert echoed.stdout.splitlines() == ["check", str(workbook)]


def test_suggested_commands_are_quoted_for_the_windows_command_line(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    assert command_line("shuzhi", "check", r"C:\述职 报告\out_full(2).xlsx") == \
        r'shuzhi check "C:\述职 报告\out_full(2).xlsx"'


def test_rules_file_decides_what_is_an_error(sample_xlsx, tmp_path):
    rules = tmp_path / "规则.toml"
    rules.write_text('disable = ["PH001", "ST001"]\n', encoding="utf-8")
    result = _run(str(sample_xlsx), "--rules", str(rules))
    assert result.exit_code == 0, result.output
    assert "错误" not in result.output and _written(result.output, "已生成报告").is_file()


def test_warnings_do_not_stop_the_report(complete_xlsx):
    plan = body_cell(complete_xlsx, "深刻认识党建工作的重要作用，做到两手抓、两手硬。", "body")
    wb = load_workbook(complete_xlsx)
    wb[schema.BODY.name][plan] = None  # a plan without its text
    wb.save(complete_xlsx)
    check = CliRunner().invoke(main, ["check", str(complete_xlsx)])
    assert check.exit_code == 0 and "警告" in check.output
    result = _run(str(complete_xlsx))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("已生成报告：")


def test_report_is_written_beside_the_workbook(complete_xlsx):
    result = _run(str(complete_xlsx))
    assert result.exit_code == 0, result.output
    assert _written(result.output, "已生成报告") == complete_xlsx.parent / f"{TITLE}.docx"


def test_a_target_open_in_word_gets_a_new_name(complete_xlsx):
    target = complete_xlsx.parent / f"{TITLE}.docx"
    target.write_bytes(b"the copy Word has open")
    (complete_xlsx.parent / f"~${target.name}").write_bytes(b"owner")
    result = _run(str(complete_xlsx))
    assert result.exit_code == 0, result.output
    written = _written(result.output, "已生成报告")
    assert written != target and written.parent == target.parent and written.suffix == ".docx"
    assert target.read_bytes() == b"the copy Word has open"


def test_an_output_named_like_the_workbook_becomes_a_docx_beside_it(complete_xlsx):
    before = complete_xlsx.read_bytes()
    result = _run(str(complete_xlsx), "-o", str(complete_xlsx))
    assert result.exit_code == 0, result.output
    assert complete_xlsx.read_bytes() == before
    assert _written(result.output, "已生成报告") == complete_xlsx.with_suffix(".docx")


def test_pdf_without_libreoffice_is_a_chinese_message(complete_xlsx, tmp_path, monkeypatch):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr("shuzhi_xl.soffice._INSTALL_DIRS", ())
    result = _run(str(complete_xlsx), "--pdf")
    assert result.exit_code == 2
    assert "未找到 LibreOffice" in result.output and "Traceback" not in result.output
    assert (complete_xlsx.parent / f"{TITLE}.docx").is_file()  # the Word report is there all the same
    with pytest.raises(ShuzhiError, match="LibreOffice"):
        to_pdf(complete_xlsx.parent / f"{TITLE}.docx")


@pytest.mark.parametrize("error, expected", [
    (ConversionError(timed_out=True), f"LibreOffice 在 {TIMEOUT} 秒内未能完成 PDF 转换"),
    (ConversionError("Warning: javaldx\nError: source file could not be loaded"),
     "LibreOffice 转换 PDF 失败（LibreOffice 输出：Error: source file could not be loaded）。"),
])
def test_a_failed_pdf_conversion_is_a_chinese_message_and_writes_no_pdf(tmp_path, monkeypatch, error, expected):
    def failing(*_args, **_kwargs):
        raise error
    monkeypatch.setattr("shuzhi_xl.report.pdf.find_soffice", lambda: "soffice")
    monkeypatch.setattr("shuzhi_xl.report.pdf.convert", failing)
    report = tmp_path / "报告.docx"
    report.write_bytes(b"docx")
    with pytest.raises(ShuzhiError) as raised:
        to_pdf(report)
    assert expected in str(raised.value) and "Word/WPS" in str(raised.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.docx"]


def test_report_help_is_chinese():
    result = _run("--help")
    assert result.exit_code == 0 and "GB/T 9704" in result.output
    assert all(option in result.output for option in ("--pdf", "--rules", "--force"))
