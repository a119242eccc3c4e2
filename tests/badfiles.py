"""Broken and foreign files of every kind a user sends instead of a workbook, made on the fly."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
from msoffcrypto.format.ooxml import OOXMLFile

from shuzhi_xl import schema
from shuzhi_xl.soffice import convert, find_soffice
from shuzhi_xl.xlsx.template import workbook_bytes


def encrypted(path: Path) -> Path:
    """Write a template encrypted with a password, as Excel's 'Encrypt with Password' does."""
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(workbook_bytes())).encrypt("密码", out)
    path.write_bytes(out.getvalue())
    return path


def legacy_xls(path: Path) -> Path:
    """Write a real Excel 97-2003 file through LibreOffice, run as the package runs it (the caller skips when
    find_soffice finds none)."""
    src = path.with_name("legacy-source.xlsx")
    src.write_bytes(workbook_bytes())
    convert(find_soffice(), src, "xls", path.parent / "lo").rename(path)
    return path


def renamed_docx(path: Path) -> Path:
    """Write a Word document under an .xlsx name."""
    import docx

    document = docx.Document()
    document.add_paragraph("这是一份 Word 文档")
    document.save(path)
    return path


def truncated(path: Path) -> Path:
    """Write a workbook cut off half way, as a broken download or USB copy leaves it."""
    data = workbook_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def plain_text(path: Path) -> Path:
    path.write_text("姓名,年度\n张三,2024\n", encoding="utf-8")
    return path


def without_sheet(path: Path, name: str) -> Path:
    """Write a template with sheet *name* removed."""
    path.write_bytes(workbook_bytes())
    wb = openpyxl.load_workbook(path)
    del wb[name]
    wb.save(path)
    return path


def renamed_header(path: Path, sheet: schema.Sheet, key: str, new_label: str) -> Path:
    """Write a template whose table header for column *key* of *sheet* is renamed."""
    path.write_bytes(workbook_bytes())
    wb = openpyxl.load_workbook(path)
    wb[sheet.name][f"{sheet.column_letter(key)}{sheet.header_row}"] = new_label
    wb.save(path)
    return path


def other_version(path: Path, version: str) -> Path:
    """Write a template whose schema version marker says *version*."""
    data = workbook_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        workbook_xml = z.read("xl/workbook.xml").decode("utf-8")
    marker = f'>"{schema.SCHEMA_VERSION}"<'
    assert marker in workbook_xml
    from shuzhi_xl.opc import repack

    path.write_bytes(repack(data, {"xl/workbook.xml": workbook_xml.replace(marker, f'>"{version}"<').encode()}))
    return path


def without_marker(path: Path) -> Path:
    """Write a workbook with the right sheets but no version marker (e.g. rebuilt by hand)."""
    path.write_bytes(workbook_bytes())
    wb = openpyxl.load_workbook(path)
    del wb.defined_names[schema.VERSION_NAME]
    wb.save(path)
    return path
