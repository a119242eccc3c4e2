"""Assemble the macro-enabled packages: the template workbook plus the VBA project and the ribbon.

The .xlsm and the .xlam are the same package and differ only in the workbook part's content type.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

from ...opc import repack
from ...xlsx.template import workbook_bytes
from . import sources
from .ovba import vba_project

CONTENT_TYPES = {
    "xlsm": "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "xlam": "application/vnd.ms-excel.addin.macroEnabled.main+xml",
}
_XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
UI_REL = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
VBA_CONTENT_TYPE = "application/vnd.ms-office.vbaProject"
RIBBON_PART = "customUI/customUI14.xml"
PROJECT_NAME = "ShuzhiXL"


def macro_workbook(kind: str) -> bytes:
    """Return the template as a macro-enabled package: *kind* "xlsm" (template) or "xlam" (add-in)."""
    base = workbook_bytes()
    with zipfile.ZipFile(BytesIO(base)) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    replace = {
        "[Content_Types].xml": _content_types(parts["[Content_Types].xml"], CONTENT_TYPES[kind]),
        "_rels/.rels": _add_relationship(parts["_rels/.rels"], "rIdShuzhiUI", UI_REL, RIBBON_PART),
        "xl/_rels/workbook.xml.rels": _add_relationship(parts["xl/_rels/workbook.xml.rels"], "rIdShuzhiVBA",
                                                        VBA_REL, "vbaProject.bin"),
        "xl/workbook.xml": _set_code_name(parts["xl/workbook.xml"], "workbookPr", "ThisWorkbook"),
    }
    for name, data in parts.items():
        match = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", name)
        if match:
            replace[name] = _set_code_name(data, "sheetPr", f"Sheet{match.group(1)}")
    replace["xl/vbaProject.bin"] = vba_project(PROJECT_NAME, sources.modules(), seed=kind)
    replace[RIBBON_PART] = sources.RIBBON_XML.read_bytes()
    return repack(base, replace)


def _content_types(xml: bytes, main: str) -> bytes:
    text = xml.decode("utf-8").replace(_XLSX_MAIN, main)
    default = f'<Default Extension="bin" ContentType="{VBA_CONTENT_TYPE}"/>'
    return text.replace("<Default ", default + "<Default ", 1).encode("utf-8")


def _add_relationship(xml: bytes, rid: str, rel_type: str, target: str) -> bytes:
    rel = f'<Relationship Type="{rel_type}" Target="{target}" Id="{rid}"/>'
    return xml.decode("utf-8").replace("</Relationships>", rel + "</Relationships>").encode("utf-8")


def _set_code_name(xml: bytes, element: str, code_name: str) -> bytes:
    """Return *xml* with ``codeName`` set on its *element* (workbookPr / sheetPr), creating it if needed."""
    text = xml.decode("utf-8")
    if re.search(rf"<{element}[\s/>]", text):
        text = re.sub(rf"<{element}(?=[\s/>])", f'<{element} codeName="{code_name}"', text, count=1)
    else:  # sheetPr must be the worksheet's first child
        text = re.sub(r"(<worksheet[^>]*>)", rf'\1<{element} codeName="{code_name}"/>', text, count=1)
    return text.encode("utf-8")
