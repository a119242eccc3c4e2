"""xlsx/bounds.py, guard by guard: each refusal whole (the words a user reads, naming the file), each limit at its
edge, and the ways a package may name its parts (relative targets, as Excel writes them; parts that differ only
in letter case). Packages are the sample's parts, edited; the expected values are written out here."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

import hostile
from shuzhi_xl import schema
from shuzhi_xl.errors import WorkbookError
from shuzhi_xl.limits import MAX_PACKAGE_BYTES, MAX_PART_BYTES, megabytes
from shuzhi_xl.xlsx import bounds
from shuzhi_xl.xlsx.sniff import open_grids

AGAIN = "无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx。"
RELS = "xl/_rels/workbook.xml.rels"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


def _edited(tmp_path: Path, edit, name: str = "edited.xlsx") -> Path:
    """Return the path of the sample whose parts (ZipInfo, data) *edit* changed."""
    path = tmp_path / name
    path.write_bytes(hostile.zipped(edit(hostile.parts_of(hostile.sample_bytes()))))
    return path


def _part_edited(name: str, change):
    """Return an edit changing part *name*'s data by *change* (bytes → bytes)."""
    return lambda parts: [(i, change(d) if i.filename == name else d) for i, d in parts]


def _refusal(path: Path) -> str:
    with pytest.raises(WorkbookError) as refused:
        open_grids(path)
    return str(refused.value)


@pytest.fixture(scope="module")
def sample_grids(tmp_path_factory) -> dict:
    path = tmp_path_factory.mktemp("sample") / "sample.xlsx"
    path.write_bytes(hostile.sample_bytes())
    return open_grids(path)


def test_sheet_parts_named_relative_to_the_workbook_as_excel_writes_them_read_alike(tmp_path, sample_grids):
    # A part whose name differs only in letter case is another part: the one named exactly is read.
    def relative(parts):
        far = next(hostile.far_reference(b"XFD1048576")(d) for i, d in parts if i.filename == "xl/worksheets/sheet2.xml")
        return _part_edited(RELS, lambda d: d.replace(b'Target="/xl/', b'Target="'))(parts) + [
            (zipfile.ZipInfo("XL/worksheets/sheet2.xml"), far)]

    assert b'Target="/xl/worksheets/' in dict((i.filename, d) for i, d in hostile.parts_of(hostile.sample_bytes()))[RELS]
    assert open_grids(_edited(tmp_path, relative)) == sample_grids


def test_an_absolute_target_is_the_part_of_that_name(tmp_path, sample_grids):
    def moved(parts):
        return [(zipfile.ZipInfo("XLsheets/info.xml") if i.filename == "xl/worksheets/sheet2.xml" else i,
                 d.replace(b'"/xl/worksheets/sheet2.xml"', b'"/XLsheets/info.xml"') if i.filename == RELS else d)
                for i, d in parts]

    assert open_grids(_edited(tmp_path, moved)) == sample_grids


def test_a_workbook_without_relationships_has_no_part_for_its_first_sheet(tmp_path):
    path = _edited(tmp_path, lambda parts: [(i, d) for i, d in parts if i.filename != RELS])
    assert _refusal(path) == (f"文件“edited.xlsx”，工作表“基本信息”：文件已损坏（工作簿的关系“{RELS}”中没有工作表“基本信息”的"
                              f"内容），{AGAIN}")


@pytest.mark.parametrize("part", ["xl/workbook.xml", RELS])
def test_a_workbook_directory_that_is_no_xml_is_refused_whole(tmp_path, part):
    path = _edited(tmp_path, _part_edited(part, lambda d: d.replace(b"</", b"<", 1)))
    assert _refusal(path) == f"文件“edited.xlsx”：文件已损坏（工作簿的目录无法解析），{AGAIN}"


def test_a_relationship_without_a_target_names_the_workbooks_folder(tmp_path):
    def untargeted(parts):
        book = next(d for i, d in parts if i.filename == "xl/workbook.xml")
        rid = re.search('<sheet [^>]*name="基本信息"[^>]*r:id="([^"]+)"'.encode(), book)[1]
        return _part_edited(RELS, lambda d: re.sub(rb'<Relationship [^>]*Id="' + rid + rb'"[^>]*/>',
                                                   lambda m: re.sub(rb' Target="[^"]*"', b"", m[0]), d))(parts)

    assert _refusal(_edited(tmp_path, untargeted)) == (
        f"文件“edited.xlsx”，工作表“基本信息”：文件已损坏（工作表“基本信息”的内容“xl”不在文件中），{AGAIN}")


def test_a_sheet_without_a_relationship_id_has_no_part(tmp_path):
    edit = _part_edited("xl/workbook.xml", lambda d: re.sub('(<sheet [^>]*name="基本信息"[^>]*?) r:id="[^"]*"'.encode(),
                                                            rb"\1", d))
    assert _refusal(_edited(tmp_path, edit)) == (f"文件“edited.xlsx”，工作表“基本信息”：文件已损坏（工作簿的关系“{RELS}”中"
                                                 f"没有工作表“基本信息”的内容），{AGAIN}")


def test_two_sheets_without_names_are_two_of_one_name(tmp_path):
    edit = _part_edited("xl/workbook.xml", lambda d: re.sub(rb'(<sheet [^>]*?) name="[^"]*"', rb"\1", d, count=2))
    assert _refusal(_edited(tmp_path, edit)) == f"文件“edited.xlsx”：文件已损坏（工作簿中有两张工作表都叫“”），{AGAIN}"


@pytest.mark.parametrize("name, says", [
    ("sheet-named-twice.xlsx", f"文件已损坏（工作簿中有两张工作表都叫“基本信息”），{AGAIN}"),
    ("crc-error.xlsx", bounds.CORRUPT),
    ("zip-bomb.xlsx", hostile.TOO_LARGE),
    ("far-value-XFD1048576.xlsx", "工作表“基本信息”"),
])
def test_a_hostile_workbooks_refusal_is_said_whole_naming_the_file(tmp_path, name, says):
    path = tmp_path / name
    path.write_bytes(hostile.made(hostile.WORKBOOKS, name))
    assert _refusal(path).startswith(f"文件“{name}”") and says in _refusal(path)


def test_a_package_too_large_is_refused_naming_its_largest_part():
    infos = [zipfile.ZipInfo(f"xl/{name}.xml") for name in "abcd"]
    for info, size in zip(infos, (MAX_PART_BYTES,) * 3 + (MAX_PACKAGE_BYTES - 3 * MAX_PART_BYTES,)):
        info.file_size = size  # 200 MB in all, the largest part 64 MB: both limits reached, neither passed
    bounds.check_sizes(Path("甲.xlsx"), infos)
    bounds.check_sizes(Path("甲.xlsx"), [])
    infos[3].file_size += 1
    with pytest.raises(WorkbookError) as refused:
        bounds.check_sizes(Path("甲.xlsx"), infos)
    assert str(refused.value) == ("文件“甲.xlsx”：文件过大：解压后共 200 MB，其中“xl/a.xml”64 MB，超出本程序的上限（每个文件解压后不超过"
                                  " 200 MB，其中单个部件不超过 64 MB）。请删除文件中多余的内容、图片或工作表后再试。")
    infos[3].file_size -= 2
    infos[1].file_size += 1
    with pytest.raises(WorkbookError, match="其中“xl/b.xml”64 MB，超出"):
        bounds.check_sizes(Path("甲.xlsx"), infos)


class _Package:
    """Stands for the ZipFile a part is read from by zipfile: its content is its name."""

    def open(self, info: zipfile.ZipInfo) -> io.BytesIO:
        return io.BytesIO(info.filename.encode())


@pytest.mark.parametrize("size", [0, 6_400, 2**20])
def test_a_packed_part_is_read_up_to_what_its_size_can_need_and_refused_past_it(size):
    # stored and deflate add well under 1/64 and a fixed 1 KB to what they cannot shrink; a part flagged encrypted
    # is zipfile's to read
    most = size + size // 64 + 1024
    info = zipfile.ZipInfo("xl/styles.xml")
    info.compress_type, info.flag_bits, info.file_size, info.compress_size = zipfile.ZIP_DEFLATED, 0x1, size, most
    assert bounds.inflate(Path("甲.xlsx"), _Package(), io.BytesIO(), info) == b"xl/styles.xml"[:size + 1]
    info.compress_size = most + 1
    with pytest.raises(WorkbookError) as refused:
        bounds.inflate(Path("甲.xlsx"), _Package(), io.BytesIO(), info)
    assert str(refused.value) == f"文件“甲.xlsx”：{bounds.CORRUPT}"


def test_the_parts_of_a_package_leave_out_its_folders_and_name_the_file_when_too_large(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("xl/media/", b"")
        package.writestr("xl/workbook.xml", b"<workbook/>")
    with zipfile.ZipFile(out) as package:
        assert bounds.read_parts(Path("甲.xlsx"), package, out) == {"xl/workbook.xml": b"<workbook/>"}
        parts = bounds.Parts(Path("甲.xlsx"), package, out)
        assert "xl/workbook.xml" in parts and "xl/media/" not in parts and "xl/styles.xml" not in parts
    bomb = io.BytesIO(hostile.bomb())
    with zipfile.ZipFile(bomb) as package, pytest.raises(WorkbookError) as refused:
        bounds.read_parts(Path("甲.xlsx"), package, bomb)
    assert str(refused.value).startswith("文件“甲.xlsx”：文件过大")


def test_two_sheets_of_one_part_put_it_once_in_the_checked_package():
    source = io.BytesIO(hostile.sample_bytes())
    with zipfile.ZipFile(source) as package:
        parts = bounds.Parts(Path("甲.xlsx"), package, source)
        part = "xl/worksheets/sheet2.xml"
        checked = bounds.checked_package(parts, {schema.INFO.name: part, "副本": part})
    with zipfile.ZipFile(io.BytesIO(checked)) as package:
        names = package.namelist()
    assert names.count(part) == 1 and len(names) == len(set(names))


@pytest.mark.parametrize("rels, found", [
    (f'<Relationship Type="{OFFICE_DOCUMENT}" Target="xl2/workbook.xml"/>', "xl2/workbook.xml"),
    (f'<Relationship Type="a/metadata/core-properties" Target="docProps/core.xml"/><Relationship Target="x.xml"/>'
     f'<Relationship Type="{OFFICE_DOCUMENT}" Target="/book/workbook.xml"/>', "book/workbook.xml"),
    (f'<Relationship Type="{OFFICE_DOCUMENT}"/>', "."),
    (f'<Relationship Type="{OFFICE_DOCUMENT.lower()}" Target="xl2/workbook.xml"/>', bounds.WORKBOOK),
    ('<Relationship Target="xl2/workbook.xml"/>', bounds.WORKBOOK),
    ("<Relationship", bounds.WORKBOOK),
])
def test_the_workbook_is_where_the_package_relationships_say(rels, found):
    xml = f'<Relationships xmlns="{bounds.NS_PKG_REL[1:-1]}">{rels}</Relationships>'.encode()
    assert bounds.workbook_target(xml) == found


def test_only_a_relationship_element_names_the_workbook():
    xml = (f'<Relationships xmlns="{bounds.NS_PKG_REL[1:-1]}" Type="{OFFICE_DOCUMENT}" Target="root.xml">'
           f'<Relationship Type="{OFFICE_DOCUMENT}" Target="xl/workbook.xml"/></Relationships>').encode()
    assert bounds.workbook_target(xml) == "xl/workbook.xml"


def test_the_sheet_parts_of_a_workbook_this_program_wrote():
    with zipfile.ZipFile(io.BytesIO(hostile.sample_bytes())) as package:
        located = bounds.package_sheet_parts(package)
    assert located == {"填写说明": "xl/worksheets/sheet1.xml", **{
        sheet.name: f"xl/worksheets/sheet{n}.xml" for n, sheet in enumerate(schema.SHEETS, start=2)}}


def test_a_part_said_to_be_stored_is_read_as_stored_though_its_bytes_are_a_deflate_stream(tmp_path):
    # the directory says stored, with the size and CRC of what the bytes would inflate to: read as stored, they
    # are not that content, so the file is damaged (inflating them would accept content the package never held)
    from shuzhi_xl.opc import FixedZip

    path = tmp_path / "stored.xlsx"
    with FixedZip(path) as out:
        for info, data in hostile.parts_of(hostile.sample_bytes()):
            if info.filename == "xl/styles.xml":
                packer = zlib.compressobj(6, zlib.DEFLATED, -15)
                out.add_packed(info.filename, zipfile.ZIP_STORED, zlib.crc32(data), len(data),
                               packer.compress(data) + packer.flush())
            else:
                out.add_packed(info.filename, zipfile.ZIP_STORED, zlib.crc32(data), len(data), data)
    assert _refusal(path) == f"文件“stored.xlsx”：{bounds.CORRUPT}"


def test_a_part_compressed_by_a_method_office_does_not_use_is_refused_unread():
    # zipfile would inflate bzip2 and LZMA without any bound: such a part is never handed to it
    class Unopened:
        def open(self, info):
            raise AssertionError("handed to zipfile")

    for method in (zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
        info = zipfile.ZipInfo("xl/styles.xml")
        info.compress_type, info.file_size, info.compress_size = method, 10_000, 100
        with pytest.raises(WorkbookError, match="压缩包中的内容无法解压"):
            bounds.inflate(Path("甲.xlsx"), Unopened(), io.BytesIO(), info)


@pytest.mark.parametrize("name", ["bzip2-part.xlsx", "lying-crc-deflate.xlsx"])
def test_a_part_inflating_to_more_than_it_declares_is_refused_in_bounded_memory(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(hostile.made(hostile.WORKBOOKS, name))
    with hostile.PeakMemory() as memory, pytest.raises(WorkbookError, match="压缩包中的内容无法解压"):
        open_grids(path)
    assert memory.peak < 8 * 2**20 < hostile.LYING_INFLATED


def test_the_limits_a_caller_gives_are_the_ones_checked_and_quoted():
    # a summary is read within larger limits than a branch's workbook (consolidate.followup); here smaller ones
    source = io.BytesIO(hostile.sample_bytes())
    with zipfile.ZipFile(source) as package:
        infos = [info for info in package.infolist() if not info.filename.endswith("/")]
        total, largest = sum(info.file_size for info in infos), max(info.file_size for info in infos)
        assert bounds.Parts(Path("甲.xlsx"), package, source, sizes=(total, largest))
        with pytest.raises(WorkbookError, match=f"不超过 {megabytes(total)}，其中单个部件不超过 {megabytes(largest - 1)}）"):
            bounds.Parts(Path("甲.xlsx"), package, source, sizes=(total, largest - 1))
        parts = bounds.Parts(Path("甲.xlsx"), package, source)
        info = {schema.INFO.name: "xl/worksheets/sheet2.xml"}
        bounds.checked_package(parts, info, rows=100, columns=3)  # 基本信息: 15 rows, content to column C
        with pytest.raises(WorkbookError, match="最多 3 行"):
            bounds.checked_package(parts, info, rows=3)
        with pytest.raises(WorkbookError, match="用到了 C1"):
            bounds.checked_package(parts, info, columns=2)


def test_a_part_of_more_tags_than_a_tree_is_built_for_is_not_parsed():
    from xml.etree import ElementTree

    from shuzhi_xl.limits import MAX_TREE_TAGS

    # the root's start and end count among the tags
    assert len(bounds.parsed(b"<r>" + b"<a/>" * (MAX_TREE_TAGS - 2) + b"</r>")) == MAX_TREE_TAGS - 2
    with pytest.raises(ElementTree.ParseError):
        bounds.parsed(b"<r>" + b"<a/>" * (MAX_TREE_TAGS - 1) + b"</r>")


def test_a_part_of_more_attributes_than_a_tree_is_built_for_is_not_parsed():
    """Attributes cost a tree more than tags: 5 million on one tag (64 MB) took 1.9 GB. Each "=" is counted."""
    from xml.etree import ElementTree

    from shuzhi_xl.limits import MAX_TREE_ATTRIBUTES

    attributes = b" ".join(b'a%d=""' % n for n in range(MAX_TREE_ATTRIBUTES))
    assert len(bounds.parsed(b"<r " + attributes + b"/>").attrib) == MAX_TREE_ATTRIBUTES
    with pytest.raises(ElementTree.ParseError):
        bounds.parsed(b"<r " + attributes + b' b=""/>')
