"""The committed add-in and macro template, read structurally without trusting our writer (issue 19).

Expected module sources come from outside the build: the repo's .bas files, the pinned xlwings wheel's
``xlwings.bas``, and the Office-made ``xlwings.xlam`` in the same wheel, whose ``Dictionary``, ``ThisWorkbook`` and
``Sheet1`` modules show how Excel stores a class module and document modules.
"""

from __future__ import annotations

import importlib.util
import re
import struct
import zipfile
from functools import cached_property
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from vba_reading import (RED, ProjectText, decompress, read_compound, read_dir, read_project, read_project_items,
                         read_projectwm)

REPO = Path(__file__).resolve().parents[1]
WORKBOOK = REPO / "workbook"
FILES = ("shuzhi_xl.xlam", "述职报告模板.xlsm")
CLASS_BASE = 'Attribute VB_Base = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"'
MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _vba_bin(package: Path) -> bytes:
    with zipfile.ZipFile(package) as z:
        return z.read("xl/vbaProject.bin")


class Project:
    """Every stream of one vbaProject.bin, read by tests/vba_reading.py."""

    def __init__(self, data: bytes, strict: bool = True):
        self.cfb = read_compound(data, strict)
        self.dir = read_dir(self.cfb.streams["VBA/dir"])

    @cached_property
    def items(self) -> list[tuple[str, str]]:
        return read_project_items(self.cfb.streams["PROJECT"], self.dir.codepage)

    @cached_property
    def text(self) -> ProjectText:
        return read_project(self.cfb.streams["PROJECT"], self.dir.codepage)

    @cached_property
    def names_wm(self) -> list[str]:
        return read_projectwm(self.cfb.streams["PROJECTwm"], self.dir.codepage)

    def source(self, name: str) -> bytes:
        module = next(m for m in self.dir.modules if m.name == name)
        return decompress(self.cfb.streams[f"VBA/{module.stream}"][module.offset:])


@pytest.fixture(scope="module", params=FILES)
def project(request) -> Project:
    return Project(_vba_bin(WORKBOOK / request.param))


@pytest.fixture(scope="module", params=FILES)
def package(request) -> Path:
    return WORKBOOK / request.param


@pytest.fixture(scope="module")
def wheel() -> Path:
    spec = importlib.util.find_spec("xlwings")
    return Path(next(iter(spec.submodule_search_locations)))


@pytest.fixture(scope="module")
def office_made(wheel) -> Project:
    """The add-in shipped in the xlwings wheel, made with Office: how a class and document modules are stored."""
    return Project(_vba_bin(wheel / "addin" / "xlwings.xlam"), strict=False)


def test_the_reader_accepts_office_made_projects(wheel, office_made):
    # Guards the test reader itself. The wheel's add-in (whose PROJECT stream was rewritten by another tool and
    # ends with an extra empty line) passes the compound-file and dir checks; its quickstart workbook, last saved
    # by Excel, passes all of them.
    assert {m.name for m in office_made.dir.modules} >= {"Dictionary", "ThisWorkbook", "Sheet1"}
    excel_saved = Project(_vba_bin(wheel / "quickstart.xlsm"), strict=False)
    assert list(excel_saved.text.workspace) == [m.name for m in excel_saved.dir.modules]
    assert excel_saved.names_wm == [m.name for m in excel_saved.dir.modules]


def test_compound_file_streams_are_the_vba_project_layout(project):
    # Chains, sizes, shared sectors, mini-FAT and the red-black sibling trees are asserted while reading.
    streams = set(project.cfb.streams)
    modules = {f"VBA/{m.stream}" for m in project.dir.modules}
    assert streams == {"PROJECT", "PROJECTwm", "VBA/_VBA_PROJECT", "VBA/dir"} | modules
    assert project.cfb.storages == {"VBA"}
    assert project.cfb.streams["VBA/_VBA_PROJECT"] == bytes.fromhex("CC61FFFF000100")  # no p-code: compile


def test_dir_module_records_agree_with_the_project_stream_and_projectwm(project):
    kinds = {"Module": 0x21, "Class": 0x22, "Document": 0x22}
    from_text = [(name, kinds[key]) for key, name in project.items]
    from_dir = [(m.name, m.kind) for m in project.dir.modules]
    assert from_dir == from_text
    assert project.names_wm == [m.name for m in project.dir.modules]
    assert all(m.name == m.name_unicode == m.stream and m.offset == 0 for m in project.dir.modules)
    assert project.dir.cookies == [0xFFFF] * (1 + len(project.dir.modules))


def test_project_stream_ends_with_a_workspace_record_for_every_module(project):
    assert project.text.properties["Name"] == f'"{project.dir.name}"'
    assert project.text.host_extenders == ["&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000"]
    assert project.text.workspace is not None, "no [Workspace] section"
    assert list(project.text.workspace) == [m.name for m in project.dir.modules]


def test_version_records_are_the_chosen_ones(project):
    # PROJECTVERSION 1.0: it only matters to another project referencing this one, and none does; a fixed value
    # keeps builds reproducible. PROJECTCOMPATVERSION is left out, as every Office before it existed wrote it.
    assert project.dir.version == (1, 0)
    raw = decompress(project.cfb.streams["VBA/dir"])
    assert struct.unpack_from("<H", raw, 10)[0] == 0x0002  # LCID follows SYSKIND directly: no 0x004A


def test_every_module_decompresses_to_its_source_byte_for_byte(project, wheel, office_made):
    expected = {}
    for bas in (REPO / "workbook" / "vba").glob("*.bas"):
        expected[bas.stem] = b"\r\n".join(bas.read_bytes().splitlines()) + b"\r\n"
    setting = b'GetConfig("ADD_WORKBOOK_TO_PYTHONPATH", "true")'
    runpython = (wheel / "xlwings.bas").read_bytes()
    assert runpython.count(setting) == 2
    expected["xlwings"] = runpython.replace(setting, b'"false"')
    expected["Dictionary"] = office_made.source("Dictionary")
    expected["ThisWorkbook"] = office_made.source("ThisWorkbook")
    sheet = office_made.source("Sheet1")
    for _, name in project.items:
        if re.fullmatch(r"Sheet\d+", name):
            expected[name] = sheet.replace(b'"Sheet1"', f'"{name}"'.encode())
    assert sorted(expected) == sorted(m.name for m in project.dir.modules)
    for name, source in expected.items():
        assert project.source(name) == source, name


def test_every_module_starts_with_its_name_and_class_modules_carry_vb_base(project):
    for key, name in project.items:
        lines = project.source(name).decode("cp1252").split("\r\n")
        assert lines[0] == f'Attribute VB_Name = "{name}"'
        if key == "Class":
            assert lines[1] == CLASS_BASE, f"class module {name} lacks VB_Base on its second line"
        if key == "Document":
            assert re.fullmatch(r'Attribute VB_Base = "0\{000208(19|20)-0000-0000-C000-000000000046\}"', lines[1])


def test_document_modules_are_named_after_the_workbooks_code_names(package):
    with zipfile.ZipFile(package) as z:
        workbook = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        code_names = [workbook.find(f"{MAIN_NS}workbookPr").get("codeName")]
        for sheet in workbook.find(f"{MAIN_NS}sheets"):
            target = targets[sheet.get(f"{REL_NS}id")]
            part = ET.fromstring(z.read(target[1:] if target.startswith("/") else "xl/" + target))
            code_names.append(part.find(f"{MAIN_NS}sheetPr").get("codeName"))
        project = Project(z.read("xl/vbaProject.bin"))
    documents = [name for key, name in project.items if key == "Document"]
    assert None not in code_names and len(set(code_names)) == len(code_names)
    assert sorted(documents) == sorted(code_names)


def _corrupt(data: bytes, stream: str, offset: int, value: bytes) -> bytes:
    """Return *data* with bytes at *offset* of *stream*'s directory entry replaced (the directory is contiguous in
    our files, as the header's first directory sector and the entry's index locate it)."""
    cfb = read_compound(data)
    sid = next(e.sid for e in cfb.entries if e.name == stream.split("/")[-1])
    dir_start = struct.unpack_from("<I", data, 48)[0]
    at = 512 + dir_start * 512 + sid * 128 + offset
    return data[:at] + value + data[at + len(value):]


@pytest.mark.parametrize("stream, offset, value, message", [
    ("VBA/dir", 116, None, "used by both"),  # start and size made PROJECT's: its mini sectors shared
    ("PROJECTwm", 120, None, "chain length disagrees"),  # size one mini sector longer
    ("VBA", 67, bytes([RED]), "black"),  # a red node where a black one must be
])
def test_the_reader_refuses_a_damaged_compound_file(stream, offset, value, message):
    data = _vba_bin(WORKBOOK / FILES[0])
    entries = {e.name: e for e in read_compound(data).entries}
    if offset == 116:
        value = struct.pack("<II", entries["PROJECT"].start, entries["PROJECT"].size)
    elif offset == 120:
        value = struct.pack("<I", entries["PROJECTwm"].size + 64)
    with pytest.raises(AssertionError, match=message):
        read_compound(_corrupt(data, stream, offset, value))
