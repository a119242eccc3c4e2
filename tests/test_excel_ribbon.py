"""The ribbon XML and the VBA sources agree, and every button runs a real Python entry point."""

from __future__ import annotations

import importlib
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from shuzhi_xl import build
from shuzhi_xl.excel.build import sources

XSD = Path(__file__).resolve().parents[1].parent / "shared" / "schemas" / "customui14.xsd"
NS = {"ui": "http://schemas.microsoft.com/office/2009/07/customui"}
RUNPYTHON = re.compile(r'RunPython "import ([\w.]+) as (\w+); \2\.(\w+)\(\)"')


def _vba() -> str:
    return "\n".join(p.read_text("ascii") for p in sources.VBA_DIR.glob("*.bas"))


@pytest.mark.skipif(not XSD.is_file(), reason="../shared/schemas is not beside the checkout")
def test_ribbon_validates_against_the_office_2010_schema():
    import xmlschema

    xmlschema.XMLSchema(str(XSD)).validate(str(sources.RIBBON_XML))


def test_every_button_calls_a_public_ribbon_sub():
    buttons = etree.parse(str(sources.RIBBON_XML)).findall(".//ui:button", NS)
    assert [b.get("label") for b in buttons] == ["检查", "生成报告", "导出PDF", "导入往年报告", "汇总支部工作簿",
                                                "清空填报内容", "使用说明"]
    subs = set(re.findall(r"^Public Sub (\w+)\(control As IRibbonControl\)\r?$", _vba(), re.M))
    for button in buttons:
        assert button.get("onAction") in subs
        assert button.get("imageMso") and button.get("screentip")


def test_every_runpython_string_is_fixed_and_names_a_real_callable():
    calls = [line for line in _vba().splitlines() if "RunPython" in line and not line.lstrip().startswith("'")]
    assert len(calls) == 7
    for line in calls:
        match = RUNPYTHON.search(line)
        assert match and "&" not in line, line  # nothing concatenated into the command
        module, _, name = match.groups()
        assert callable(getattr(importlib.import_module(module), name))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_loads_the_vba_modules_of_both_files(tmp_path):
    names = {}
    for kind, name in (("xlam", build.ADDIN_NAME), ("xlsm", build.MACRO_TEMPLATE_NAME)):
        path = tmp_path / f"book_{kind}.{kind}"
        path.write_bytes((sources.SOURCE_DIR / name).read_bytes())
        names[kind] = path
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--infilter=Calc MS Excel 2007 VBA XML", "--convert-to", "ods", "--outdir", str(tmp_path / "out"),
                    *map(str, names.values())], check=True, capture_output=True, timeout=180)
    expected = (sources.VBA_DIR / "ShuzhiRibbon.bas").read_text("ascii").splitlines()[1:]
    for path in names.values():
        with zipfile.ZipFile(tmp_path / "out" / f"{path.stem}.ods") as ods:
            modules = {n.rsplit("/", 1)[-1][:-4]: n for n in ods.namelist() if n.startswith("Basic/ShuzhiXL/")}
            assert {"ShuzhiRibbon", "xlwings", "Dictionary", "ThisWorkbook", "Sheet1"} <= set(modules)
            text = etree.fromstring(ods.read(modules["ShuzhiRibbon"])).text.splitlines()
        # LibreOffice turns the attribute line into a comment and adds its VBA-compatibility switch.
        kept = [line for line in text if not line.startswith(("Rem Attribute", "Option VBASupport"))]
        assert [line for line in kept if line] == [line for line in expected if line]
