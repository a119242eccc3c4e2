"""The xlwings.conf guard of the Excel buttons (workbook/vba/ShuzhiRibbon.bas), held against what the installed
xlwings VBA module actually reads: a data workbook must not choose the Python that runs.

The places xlwings takes settings or code from are read out of xlwings.bas itself (its PROJECT_NAME constant, its
config-sheet and directory-file lookups, its embedded-code sheet suffix), so a new xlwings that adds a source
fails here rather than silently opening a hole.
"""

from __future__ import annotations

import re

import pytest

from shuzhi_xl.excel.build import sources

RIBBON = (sources.VBA_DIR / "ShuzhiRibbon.bas").read_text("ascii")
XLWINGS = (sources.xlwings_dir() / "xlwings.bas").read_text("utf-8", errors="replace")


def procedure(source: str, name: str) -> str:
    """Return the body of the Sub or Function *name* in VBA *source*."""
    match = re.search(rf"^(?:Public |Private )?(Sub|Function) {name}\b.*?^End \1", source, re.M | re.S)
    assert match, name
    return match.group(0)


def project_name() -> str:
    return re.search(r'^Public Const PROJECT_NAME As String = "([^"]+)"', XLWINGS, re.M).group(1)


def test_xlwings_reads_settings_from_a_sheet_and_a_file_named_after_its_project():
    """The premise of the guard, from xlwings' own code: the config sheet and the directory config file are both
    PROJECT_NAME.conf, and sheets ending in .py are embedded code."""
    assert 'wb.Sheets(PROJECT_NAME & ".conf")' in procedure(XLWINGS, "GetConfigFromSheet")
    assert 'PROJECT_NAME & ".conf"' in procedure(XLWINGS, "GetDirectoryConfigFilePath")
    assert 'Right$(sht.Name, 3) = ".py"' in XLWINGS
    assert project_name() == "xlwings"


def test_the_guard_refuses_every_source_a_workbook_controls():
    carries = procedure(RIBBON, "CarriesSettings")
    conf = f"{project_name()}.conf"
    # a sheet named like the config sheet, in any case (Excel's sheet names ignore case)
    assert f'LCase$(sh.Name) = "{conf.lower()}"' in carries
    # a sheet of embedded code, whatever the case of its suffix
    assert 'LCase$(Right$(sh.Name, 3)) = ".py"' in carries
    # the config file in the workbook's folder
    assert re.search(rf'Dir\$\(folder & Application\.PathSeparator & "{re.escape(conf)}"\)', carries)
    assert "For Each sh In wb.Sheets" in carries  # every sheet, hidden ones included (Worksheets would skip charts)


def test_the_guard_looks_at_both_workbooks_xlwings_may_read():
    """Embedded, xlwings reads ThisWorkbook; the add-in's settings come from the active workbook."""
    safe = procedure(RIBBON, "SafeToRun")
    assert re.search(r"For Each wb In Array\(ThisWorkbook, ActiveWorkbook\)", safe)
    assert "If CarriesSettings(wb) Then" in safe and "Exit Function" in safe
    assert safe.index("Exit Function") < safe.index("SafeToRun = True")


@pytest.mark.parametrize("callback", re.findall(r"^Public Sub (\w+)\(control As IRibbonControl\)", RIBBON, re.M))
def test_every_button_runs_python_only_after_the_guard(callback):
    body = procedure(RIBBON, callback)
    calls = [line.strip() for line in body.splitlines() if "RunPython" in line]
    assert calls and all(line.startswith("If SafeToRun() Then RunPython ") for line in calls), calls


def test_no_python_runs_outside_the_buttons():
    buttons = set(re.findall(r"^Public Sub (\w+)\(control As IRibbonControl\)", RIBBON, re.M))
    assert len(buttons) >= 5
    other = re.sub(r"^Public Sub (\w+)\(control As IRibbonControl\).*?^End Sub", "", RIBBON, flags=re.M | re.S)
    code = "\n".join(line.split("'")[0] for line in other.splitlines())  # comments left out
    assert "RunPython" not in code


def test_the_refusal_is_a_chinese_message_naming_what_to_remove():
    """VBA source is code page 1252, so the message is spelled in hex UTF-16 units for Zh(); decode it here."""
    safe = procedure(RIBBON, "SafeToRun")
    codes = re.findall(r'Zh\("([0-9A-F ]+)"(?: & _\s*"([0-9A-F ]+)")?\)', safe)
    texts = ["".join(chr(int(unit, 16)) for part in pair for unit in part.split()) for pair in codes]
    message = texts[0] + " xlwings.conf " + texts[1] + " .py " + texts[2]
    assert "工作簿" in message and "xlwings.conf" in message and ".py" in message
    assert "安全" in message and "删除" in message, message
    assert texts[-1] == "述职报告"  # the title of the message box
