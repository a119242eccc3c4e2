"""No command replaces a file the user made: workbooks to fill in go beside existing files, derived outputs
never over their input, and the path printed is the one written."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from shuzhi_xl.checks import check_report
from shuzhi_xl.cli import main
from shuzhi_xl.excel.build.package import macro_workbook
from shuzhi_xl.errors import ShuzhiError
from shuzhi_xl.report.write import write_report
from shuzhi_xl.samples import SAMPLE_NAME
from shuzhi_xl.synthetic import sample_file_name
from shuzhi_xl.annotate.workbook import annotate_copy
from shuzhi_xl.xlsx.reader import read_workbook


def _invoke(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def _written(output: str, label: str) -> Path:
    line = next(line for line in output.splitlines() if line.startswith(label))
    return Path(line.split("：", 1)[1].split("（", 1)[0].strip())


@pytest.fixture
def last_year(sample_xlsx: Path) -> Path:
    """Return last year's report as a Word document (the sample, written by the report command)."""
    return write_report(read_workbook(sample_xlsx), sample_xlsx.parent / "去年.docx")


def test_import_writes_beside_an_existing_workbook_of_the_same_name(last_year):
    filled = last_year.with_suffix(".xlsx")
    filled.write_bytes(b"this year's filled-in workbook")
    result = _invoke("import", last_year)
    assert result.exit_code == 0, result.output
    written = _written(result.output, "已导入")
    assert written == last_year.with_name("去年(2).xlsx")
    assert filled.read_bytes() == b"this year's filled-in workbook"
    assert read_workbook(written).info.branch  # a real workbook at the path printed


def test_import_never_turns_its_source_into_a_workbook(last_year):
    before = last_year.read_bytes()
    result = _invoke("import", last_year, "-o", last_year)
    assert result.exit_code == 2
    assert "应以 .xlsx 结尾" in result.output and "Traceback" not in result.output
    assert last_year.read_bytes() == before
    assert sorted(p.name for p in last_year.parent.iterdir() if p.name.startswith("去年")) == ["去年.docx"]


def test_template_never_replaces_a_filled_template(tmp_path):
    target = tmp_path / "模板.xlsx"
    assert _invoke("template", "-o", target).exit_code == 0
    target.write_bytes(b"filled in")
    result = _invoke("template", "-o", target)
    assert result.exit_code == 0, result.output
    assert _written(result.output, "已生成模板") == tmp_path / "模板(2).xlsx"
    assert target.read_bytes() == b"filled in"
    assert "基本信息" in openpyxl.load_workbook(tmp_path / "模板(2).xlsx").sheetnames


def test_template_output_must_be_an_xlsx(tmp_path):
    result = _invoke("template", "-o", tmp_path / "模板.xlsm")
    assert result.exit_code == 2 and "应以 .xlsx 结尾" in result.output
    assert list(tmp_path.iterdir()) == []


def test_demo_twice_keeps_the_first_sample_workbook(tmp_path):
    assert _invoke("demo", tmp_path).exit_code == 0
    first = tmp_path / SAMPLE_NAME
    first.write_bytes(b"the user edited the sample")
    result = _invoke("demo", tmp_path)
    assert result.exit_code == 0, result.output
    assert _written(result.output, "示例工作簿") == (tmp_path / "示例-述职报告(2).xlsx").resolve()
    assert first.read_bytes() == b"the user edited the sample"


def test_sample_never_replaces_an_existing_branch_file(tmp_path):
    mine = tmp_path / sample_file_name(0)
    mine.write_bytes(b"a real branch's workbook")
    result = _invoke("sample", "--branches", "2", "-o", tmp_path, "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert mine.read_bytes() == b"a real branch's workbook"
    renamed = mine.with_name(f"{mine.stem}(2).xlsx")
    assert read_workbook(renamed).info.branch and renamed.name in result.output
    assert (tmp_path / sample_file_name(1)).exists()


def test_annotating_an_xlsm_into_an_xlsx_drops_the_macros(tmp_path):
    source = tmp_path / "模板.xlsm"
    source.write_bytes(macro_workbook("xlsm"))
    findings = check_report(read_workbook(source))
    copy = annotate_copy(source, tmp_path / "副本.xlsx", findings)
    with zipfile.ZipFile(copy) as package:
        types = package.read("[Content_Types].xml").decode("utf-8")
        relations = package.read("xl/_rels/workbook.xml.rels").decode("utf-8")
        assert not any("vba" in name.lower() for name in package.namelist())
    assert "macroEnabled" not in types and "vbaProject" not in types and "vbaProject" not in relations
    assert "检查结果" in openpyxl.load_workbook(copy).sheetnames
    kept = annotate_copy(source, tmp_path / "副本.xlsm", findings)
    with zipfile.ZipFile(kept) as package:
        assert "xl/vbaProject.bin" in package.namelist()
        assert "macroEnabled" in package.read("[Content_Types].xml").decode("utf-8")


def test_an_annotated_copy_of_an_xlsx_cannot_be_named_xlsm(sample_xlsx):
    with pytest.raises(ShuzhiError, match=r"标注副本的文件名应以 \.xlsx 结尾"):
        annotate_copy(sample_xlsx, sample_xlsx.with_name("副本.xlsm"), [])
    assert not sample_xlsx.with_name("副本.xlsm").exists()


def test_install_addin_into_an_unwritable_folder_fails_with_a_nonzero_status(tmp_path):
    blocker = tmp_path / "文件"
    blocker.write_text("a file, not a folder")
    result = _invoke("install-addin", "--folder", blocker / "XLSTART")
    assert result.exit_code != 0
    assert "无法复制到" in result.output and "手动加载" in result.output
