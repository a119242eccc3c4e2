"""The reader's guards: which parts of a package it inflates and how (a part lying about its size, a compressed size
past the file's end), and where cells land (extent): as calamine places them, its fast searches staying fast on the
template's own sheets."""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from openpyxl import load_workbook

import hostile
from shuzhi_xl import schema
from shuzhi_xl.checks import check_report
from shuzhi_xl.errors import WorkbookError
from shuzhi_xl.limits import MAX_PART_BYTES
from shuzhi_xl.xlsx import bounds, extent, sniff
from shuzhi_xl.annotate.workbook import annotate_copy
from shuzhi_xl.xlsx.reader import read_workbook
from shuzhi_xl.xlsx.sniff import open_grids

LIE = 1024  #: the size a lying part declares


def declaring(data: bytes, name: str, size: int) -> bytes:
    """Return the package *data* with member *name*'s uncompressed size set to *size* in both of its headers."""
    out = bytearray(data)
    struct.pack_into("<I", out, hostile._local_header(out, name) + 22, size)
    struct.pack_into("<I", out, central_entry(out, name) + 24, size)
    return bytes(out)


def with_big_part(name: str, size: int) -> bytes:
    """Return the sample with part *name* replaced by *size* zero bytes (deflated to a few KB)."""
    return hostile.zipped([(i, bytes(size) if i.filename == name else d) for i, d in hostile.parts_of(
        hostile.sample_bytes())])


@pytest.mark.parametrize("name", ["xl/worksheets/sheet2.xml", "xl/styles.xml", "xl/workbook.xml"])
def test_a_part_the_reader_uses_that_lies_about_its_size_is_a_damaged_file(tmp_path, name):
    # Inflation stops at the declared size and the CRC of what came out differs: calamine never sees the part.
    path = tmp_path / "lying.xlsx"
    path.write_bytes(declaring(with_big_part(name, 20 * 2**20), name, LIE))
    with pytest.raises(WorkbookError, match="已损坏"):
        open_grids(path)


def test_a_part_nobody_reads_may_lie_about_its_size_without_being_inflated(tmp_path):
    # The theme declares 1 KB but inflates to 20 MB: neither the reader nor calamine (which reads only the
    # checked package) inflates it, so it costs nothing and the data read are the sample's.
    clean, lying = tmp_path / "clean.xlsx", tmp_path / "lying.xlsx"
    clean.write_bytes(hostile.sample_bytes())
    data = with_big_part("xl/theme/theme1.xml", 20 * 2**20)
    lying.write_bytes(declaring(data, "xl/theme/theme1.xml", LIE))
    assert len(lying.read_bytes()) < 200_000
    with hostile.PeakMemory() as memory:
        grids = open_grids(lying)
    assert grids == open_grids(clean)
    assert memory.peak < 5 * 2**20


def test_a_part_nobody_reads_still_counts_with_its_declared_size(tmp_path):
    path = tmp_path / "big.xlsx"
    path.write_bytes(with_big_part("xl/theme/theme1.xml", MAX_PART_BYTES + 1))
    with pytest.raises(WorkbookError, match="过大"):
        open_grids(path)


def test_the_checked_package_holds_only_the_parts_calamine_needs():
    source = io.BytesIO(hostile.sample_bytes())
    with zipfile.ZipFile(source) as package:
        parts = bounds.Parts(Path("sample.xlsx"), package, source)
        located = bounds.sheet_parts(parts.path, parts)
        wanted = {name: part for name, part in located.items() if name != "填写说明"}
        checked = bounds.checked_package(parts, wanted)
    with zipfile.ZipFile(io.BytesIO(checked)) as package:
        names = set(package.namelist())
        assert all(info.compress_type == zipfile.ZIP_STORED for info in package.infolist())
        assert package.testzip() is None  # each entry carries its own content's CRC
        with zipfile.ZipFile(io.BytesIO(hostile.sample_bytes())) as source:
            assert all(package.read(name) == source.read(name) for name in names)
    assert names == {*wanted.values(), "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"}
    assert located["填写说明"] not in names


def test_the_templates_sheets_pass_the_extent_check_without_a_cell_by_cell_scan(monkeypatch):
    # The fast searches once matched operator="greaterThan" (data validation) in every sheet, so every workbook
    # paid for the scan of each cell.
    monkeypatch.setattr(extent, "column_number", lambda letters: pytest.fail(f"cell by cell scan ({letters})"))
    with zipfile.ZipFile(io.BytesIO(hostile.sample_bytes())) as package:
        sheets = [name for name in package.namelist() if name.startswith("xl/worksheets/sheet")]
        assert any(b'operator="greaterThan' in package.read(name) for name in sheets)
        for name in sheets:
            extent.check_extent(Path("sample.xlsx"), name, package.read(name))


def one_sheet_package(sheet_data: bytes) -> bytes:
    """Return a minimal workbook whose one sheet "S" has *sheet_data* (the inside of <sheetData>)."""
    main = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rels = b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
    office = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("_rels/.rels", b"<Relationships " + rels + b'><Relationship Id="rId1" Type="' + office
                         + b'/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        package.writestr("xl/workbook.xml", b"<workbook " + main + b' xmlns:r="' + office + b'"><sheets><sheet name="S"'
                         b' sheetId="1" r:id="rId1"/></sheets></workbook>')
        package.writestr("xl/_rels/workbook.xml.rels", b"<Relationships " + rels + b'><Relationship Id="rId1" Type="'
                         + office + b'/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        package.writestr("xl/worksheets/sheet1.xml", b"<worksheet " + main + b"><sheetData>" + sheet_data
                         + b"</sheetData></worksheet>")
    return out.getvalue()


def value(text: str) -> bytes:
    return b'<is><t>' + text.encode() + b"</t></is>"


# Cells written every way calamine reads them, all within the limits; each value names the cell calamine puts
# it in (found by hand from the rules: a row's r sets the row, a cell without r follows the one before).
LAYOUTS = [
    b'<row r="1"><c r="A1" t="inlineStr">' + value("A1") + b'</c><c t="inlineStr">' + value("B1") + b"</c></row>"
    b'<row><c t="inlineStr">' + value("A2") + b"</c></row>",
    b'<row r="3"><c r="C3" s="1"/><c t="inlineStr">' + value("D3") + b"</c></row>",
    b"<row r='7'><c r='B7' t=\"inlineStr\">" + value("B7") + b'</c><c r = "E7" t="inlineStr">' + value("E7")
    + b'</c><c t="inlineStr">' + value("F7") + b"</c></row>",
    b'<row r="AB9"><c x=">" t="inlineStr">' + value("A9") + b"</c><c x=' r=\"Z1\"' t=\"inlineStr\">" + value("B9")
    + b"</c></row><row/><row><c t=\"inlineStr\">" + value("A11") + b"</c></row>",
    b'<x:row xmlns:x="urn:x" r="4"><x:c r="C4" t="inlineStr">' + value("C4") + b'</x:c><x:c t="inlineStr">'
    + value("D4") + b"</x:c></x:row>",
]


@pytest.mark.parametrize("sheet_data", LAYOUTS)
def test_cells_are_placed_where_calamine_places_them(sheet_data):
    from python_calamine import CalamineWorkbook

    grid = CalamineWorkbook.from_filelike(io.BytesIO(one_sheet_package(sheet_data))).get_sheet_by_name(
        "S").to_python(skip_empty_area=False)
    read = {(r, c): v for r, row in enumerate(grid) for c, v in enumerate(row) if v != ""}
    assert all(f"{extent.column_letter(c + 1)}{r + 1}" == v for (r, c), v in read.items())
    placed = {(row, column) for row, column, _ in extent.placed_cells(Path("x.xlsx"), "S", b"<sheetData>"
                                                                       + sheet_data + b"</sheetData>")}
    assert placed == set(read)


@pytest.mark.parametrize("sheet_data, says", [
    (b'<row r="1"><c r="A1"><v>1</v></c><c r="AY1"><v>1</v></c></row>', "AY1"),
    (b'<row r="1"><c r="A20001"><v>1</v></c></row>', "A20001"),
    (b'<row r="20001"><c><v>1</v></c></row>', "过多"),
    (b'<row r="1"><c r="AX1" s="1"/><c><v>1</v></c></row>', "过多"),
    (b"<row r='1'><c r='a1'><v>1</v></c><c r = 'ay1'><v>1</v></c></row>", "AY1"),
])
def test_the_first_cell_past_the_limits_is_named(sheet_data, says):
    with pytest.raises(WorkbookError, match=says):
        extent.check_extent(Path("x.xlsx"), "S", b"<worksheet><sheetData>" + sheet_data + b"</sheetData></worksheet>")


@pytest.mark.parametrize("sheet_data", [
    b'<row r="1"><c r="AX20000"><v>1</v></c><c r="XFD1048576" s="1"/></row>',  # the last cell; an empty far one
    b'<row r="1048576" s="1"/><row r="1"><c r="A1"><v>1</v></c></row>',  # a formatted far row
    b'<!-- <c r="XFD1"><v>1</v></c> --><row r="1"><c r="A1"><v>1</v></c></row>',  # a comment
])
def test_empty_far_cells_and_rows_are_fine(sheet_data):
    extent.check_extent(Path("x.xlsx"), "S", b"<worksheet><sheetData>" + sheet_data + b"</sheetData></worksheet>")


@pytest.mark.parametrize("sheet_data", [
    b'<row><c a="<"><v>1</v></c></row>',
    # A cell ending inside another's value, then a row: calamine skips both with the <is> they stand in, so its
    # row stays far (z at row 1048577) where a reading that ends the cell at the first </c> puts z on row 2.
    b'<row r="1048576" s="1"/><row><c r="A1" t="inlineStr"><is><t>x</t><c>y</c><row r="1"></row></is></c>'
    b'<c t="inlineStr"><is><t>z</t></is></c></row>',
    b'<row r="1048576" s="1"/><row><c r="A1" t="inlineStr"><is><t>x</t><u></c><row r="1"></row></u></is></c>'
    b'<c t="inlineStr"><is><t>z</t></is></c></row>',
    # What opens a comment, CDATA or an instruction inside an attribute is the attribute's (calamine reads the r
    # between), not an aside to drop; and a "<" in an attribute is not read one certain way.
    b'<row r="1"><c a="<!--" r="XFD1048576" b="-->" t="inlineStr"><is><t>x</t></is></c></row>',
    b'<row r="1"><c a="<![CDATA[" r="A20001" b="]]>"><v>1</v></c></row>',
    b'<row r="1"><c a="<?" r="AY1" b="?>"><v>1</v></c></row>',
])
def test_a_sheet_whose_tags_cannot_be_told_apart_is_refused(sheet_data):
    with pytest.raises(WorkbookError, match="无法解析"):
        extent.check_extent(Path("x.xlsx"), "S", b"<sheetData>" + sheet_data + b"</sheetData>")


def central_entry(data: bytes, name: str) -> int:
    at = data.find(b"PK\x01\x02")
    while data[at + 46: at + 46 + len(name.encode())] != name.encode():
        at = data.find(b"PK\x01\x02", at + 4)
    return at


def test_a_part_stored_uncompressed_reads_as_when_deflated(tmp_path):
    stored, deflated = tmp_path / "stored.xlsx", tmp_path / "deflated.xlsx"
    deflated.write_bytes(hostile.sample_bytes())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as package:
        for info, data in hostile.parts_of(hostile.sample_bytes()):
            package.writestr(info.filename, data)
    stored.write_bytes(out.getvalue())
    assert open_grids(stored) == open_grids(deflated)


def test_a_compressed_size_past_the_end_of_the_file_is_read_as_zipfile_reads_it_in_bounded_memory(tmp_path):
    # zipfile reads compressed data only until the part's declared size has come out: the 1.5 GB declared are
    # never asked for (reading them at once would be), and the part inflates as it is.
    clean, long = tmp_path / "clean.xlsx", tmp_path / "long.xlsx"
    clean.write_bytes(hostile.sample_bytes())
    data = bytearray(hostile.sample_bytes())
    struct.pack_into("<I", data, central_entry(data, "xl/worksheets/sheet2.xml") + 20, 1_500_000_000)
    long.write_bytes(bytes(data))
    with hostile.PeakMemory() as memory:
        grids = open_grids(long)
        with long.open("rb") as raw, zipfile.ZipFile(raw) as package:  # as annotate and import read every part
            parts = bounds.read_parts(long, package, raw)
    assert grids == open_grids(clean)
    with clean.open("rb") as raw, zipfile.ZipFile(raw) as package:
        assert parts == bounds.read_parts(clean, package, raw)
    assert memory.peak < 5 * 2**20


def test_a_local_header_naming_another_part_is_a_damaged_file(tmp_path):
    name = "xl/worksheets/sheet2.xml"
    data = bytearray(hostile.sample_bytes())
    at = hostile._local_header(data, name)
    data[at + 30: at + 30 + len(name)] = name.replace("sheet2", "sheet9").encode()
    path = tmp_path / "renamed.xlsx"
    path.write_bytes(bytes(data))
    with pytest.raises(WorkbookError, match="已损坏"):
        open_grids(path)


def _with_bad_local_header(data: bytes, name: str, how: str) -> bytes:
    """Return *data* with the local header of part *name* broken *how*: its signature overwritten, its name not
    UTF-8 though its flags say so, or the directory pointing it at the last bytes of the file (a header cut short)."""
    out, at = bytearray(data), hostile._local_header(data, name)
    if how == "signature":
        out[at: at + 4] = b"PK\x07\x08"
    elif how == "name":
        struct.pack_into("<H", out, at + 6, struct.unpack_from("<H", out, at + 6)[0] | 0x800)
        out[at + 30] = 0xFF
    else:
        struct.pack_into("<I", out, central_entry(out, name) + 42, len(out) - 10)
    return bytes(out)


@pytest.mark.parametrize("how", ["signature", "name", "cut short"])
def test_a_part_without_a_sound_local_header_is_a_damaged_file(tmp_path, how):
    # the reader then leaves the part to zipfile, which refuses it too: calamine never sees it
    path = tmp_path / "local.xlsx"
    path.write_bytes(_with_bad_local_header(hostile.sample_bytes(), "xl/worksheets/sheet2.xml", how))
    with pytest.raises(WorkbookError, match="已损坏"):
        open_grids(path)


def test_a_file_too_large_to_read_at_once_is_read_part_by_part_alike(tmp_path):
    # A picture the reader never inflates makes the file larger than what is read whole; its parts are then read
    # from the file itself, with the same result.
    small, large = tmp_path / "small.xlsx", tmp_path / "large.xlsx"
    small.write_bytes(hostile.sample_bytes())
    picture = zipfile.ZipInfo("xl/media/image1.png")
    large.write_bytes(hostile.zipped([*hostile.parts_of(hostile.sample_bytes()),
                                      (picture, os.urandom(sniff.READ_AT_ONCE))]))
    assert small.stat().st_size < sniff.READ_AT_ONCE < large.stat().st_size
    assert open_grids(large) == open_grids(small)
    with sniff.open_package(small) as parts:
        assert isinstance(parts.source, io.BytesIO)  # read whole, once
    with sniff.open_package(large) as parts:
        assert not isinstance(parts.source, io.BytesIO)


def _with_a_nameless_part(tmp_path) -> Path:
    """Return the path of the sample plus a part whose name is empty (zipfile lists it as "")."""
    out = bytearray(hostile.with_part("!", b"x")())  # a name no other part starts with
    for at, lengths in ((hostile._local_header(out, "!"), 26), (central_entry(out, "!"), 28)):
        struct.pack_into("<HH", out, at + lengths, 0, 1)  # no name; its one byte read as an extra field instead
    path = tmp_path / "nameless.xlsx"
    path.write_bytes(out)
    with zipfile.ZipFile(path) as package:
        assert package.namelist()[-1] == ""
    return path


def test_a_part_without_a_name_is_passed_over(tmp_path):
    # on the name "" ZipInfo.is_dir fails: the reader's folder test must not
    path = _with_a_nameless_part(tmp_path)
    clean = tmp_path / "sample.xlsx"
    clean.write_bytes(hostile.sample_bytes())
    assert open_grids(path) == open_grids(clean)


def test_a_part_without_a_name_is_passed_over_by_the_annotated_copy(tmp_path):
    # openpyxl indexes a part's name: given "", it fails with "string index out of range"
    path = _with_a_nameless_part(tmp_path)
    copy = annotate_copy(path, tmp_path / "copy.xlsx", check_report(read_workbook(path)))
    sample = load_workbook(io.BytesIO(hostile.sample_bytes()))[schema.INFO.name]
    assert [cell.value for cell in load_workbook(copy)[schema.INFO.name]["B"]] == [cell.value for cell in sample["B"]]


def _with_bad_directory(data: bytes, how: str) -> bytes:
    """Return *data* with a central directory zipfile refuses by more than BadZipFile: a zip version it does not
    know (NotImplementedError), a name that is not UTF-8 (UnicodeDecodeError), or placed before the file's start
    (every part's offset negative: ValueError on seeking it)."""
    out = bytearray(data)
    entry = out.find(b"PK\x01\x02")
    if how == "version":
        out[entry + 6] = 99
    elif how == "name":
        struct.pack_into("<H", out, entry + 8, struct.unpack_from("<H", out, entry + 8)[0] | 0x800)
        out[entry + 46] = 0xFF
    else:
        end = out.rfind(b"PK\x05\x06")
        struct.pack_into("<I", out, end + 16, struct.unpack_from("<I", out, end + 16)[0] + 5_000_000)
    return bytes(out)


@pytest.mark.parametrize("how", ["version", "name", "offset"])
def test_a_central_directory_zipfile_refuses_otherwise_is_a_damaged_file(tmp_path, how):
    path = tmp_path / "directory.xlsx"
    path.write_bytes(_with_bad_directory(hostile.sample_bytes(), how))
    with pytest.raises(WorkbookError, match="已损坏"):
        open_grids(path)


def _sample_with(tmp_path, edit) -> Path:
    """Return the path of the sample with its parts (ZipInfo, data) changed by *edit*."""
    path = tmp_path / "edited.xlsx"
    path.write_bytes(hostile.zipped(edit(hostile.parts_of(hostile.sample_bytes()))))
    return path


def test_a_sheet_whose_part_is_missing_is_refused_naming_both(tmp_path):
    path = _sample_with(tmp_path, lambda parts: [(i, d) for i, d in parts if i.filename != "xl/worksheets/sheet2.xml"])
    with pytest.raises(WorkbookError) as refused:
        open_grids(path)
    assert refused.value.sheet == "基本信息"
    assert "工作表“基本信息”的内容“xl/worksheets/sheet2.xml”不在文件中" in refused.value.message


def test_a_sheet_the_workbooks_relationships_omit_is_refused_naming_it(tmp_path):
    def without_info_relationship(parts):
        book = next(d for i, d in parts if i.filename == "xl/workbook.xml")
        rid = re.search('<sheet [^>]*name="基本信息"[^>]*r:id="([^"]+)"'.encode(), book)[1]
        return [(i, re.sub(rb'<Relationship [^>]*Id="' + rid + rb'"[^>]*/>', b"", d)
                 if i.filename == "xl/_rels/workbook.xml.rels" else d) for i, d in parts]

    with pytest.raises(WorkbookError) as refused:
        open_grids(_sample_with(tmp_path, without_info_relationship))
    assert refused.value.sheet == "基本信息"
    assert "工作簿的关系“xl/_rels/workbook.xml.rels”中没有工作表“基本信息”的内容" in refused.value.message


def test_a_package_without_its_relationships_is_refused_naming_the_part(tmp_path):
    path = _sample_with(tmp_path, lambda parts: [(i, d) for i, d in parts if i.filename != "_rels/.rels"])
    with pytest.raises(WorkbookError, match="压缩包中没有“_rels/.rels”"):
        open_grids(path)


def test_what_calamine_says_comes_only_after_a_chinese_sentence_and_cut_short(tmp_path, monkeypatch):
    import python_calamine

    def refuse(*_):
        raise python_calamine.CalamineError("odd " * 100)
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", refuse)
    path = tmp_path / "sample.xlsx"
    path.write_bytes(hostile.sample_bytes())
    with pytest.raises(WorkbookError) as refused:
        open_grids(path)
    assert refused.value.message == ("文件已损坏，无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx。（读取时的错误："
                                     + "odd " * 50 + "…）")
    assert refused.value.sheet == ""  # none was being read


def _outcome(path: Path, codec=zlib) -> object:
    try:
        sheets = sniff.open_sheets(path, codec=codec)
    except WorkbookError as exc:
        return str(exc)
    return sheets.grids, sheets.notes


@pytest.mark.parametrize("case", [case for case in hostile.WORKBOOKS if not case.heavy], ids=lambda case: case.name)
def test_each_hostile_workbook_is_read_or_refused_naming_the_file_as_its_entry_says(tmp_path, case):
    # in process and quick (the corpus tests run the commands): what the reader's guards alone decide
    path = tmp_path / case.name
    path.write_bytes(case.make())
    try:
        sheets = sniff.open_sheets(path)
    except WorkbookError as refused:
        assert case.expect != hostile.CHECKED and not case.past_reader and case.says in str(refused)
        assert refused.file == str(path)
    else:
        assert case.expect != hostile.UNUSABLE or case.past_reader
        assert sheets.grids.keys() >= {sheet.name for sheet in schema.SHEETS}


def _counting_isal(monkeypatch) -> tuple[object, list]:
    """Return ISA-L's zlib interface and the list each of its inflations is noted in."""
    isal_zlib = pytest.importorskip("isal.isal_zlib", reason="no isal wheel here (Windows on ARM)")
    inflated = []
    monkeypatch.setattr(isal_zlib, "decompressobj", lambda *args, isal=isal_zlib.decompressobj: inflated.append(args)
                        or isal(*args))
    return isal_zlib, inflated


def test_parts_inflated_by_isal_read_and_are_refused_as_by_zlib(tmp_path, monkeypatch):
    paths = [tmp_path / "sample.xlsx"]
    paths[0].write_bytes(hostile.sample_bytes())
    for case in (case for case in hostile.WORKBOOKS if case.says in (hostile.NOT_INFLATING, hostile.TOO_LARGE)):
        paths.append(tmp_path / case.name)
        paths[-1].write_bytes(case.make())
    by_zlib = [_outcome(path) for path in paths]
    isal_zlib, inflated = _counting_isal(monkeypatch)
    assert [_outcome(path, isal_zlib) for path in paths] == by_zlib
    assert inflated  # ISA-L did inflate them


def test_consolidation_inflates_by_isal_and_leaves_other_reading_on_zlib(tmp_path, monkeypatch):
    # the codec is an argument, not a switch of the process: a consolidation (in a web server's thread, say) does
    # not change how a workbook checked afterwards, or meanwhile, is read
    from shuzhi_xl.consolidate.collect import collect_many

    (tmp_path / "sample.xlsx").write_bytes(hostile.sample_bytes())
    _, inflated = _counting_isal(monkeypatch)
    collect_many(["sample.xlsx"], str(tmp_path))
    assert inflated
    inflated.clear()
    assert open_grids(tmp_path / "sample.xlsx")
    assert not inflated


@pytest.mark.parametrize("written, read", [(b"&quot;2&quot;", None), (b"&#34;2&#x22;", None),
                                           (b'"&#51;"', "结构版本是 3，"), (b'"3&nbsp;"', "结构版本是 3&nbsp;，")])
def test_the_version_marker_is_read_as_xml_text(tmp_path, written, read):
    # its references resolved as an XML parser does; one XML does not know is quoted as written
    def marked(parts):
        return [(i, re.sub(rb'(name="shuzhi_schema_version"[^>]*>)[^<]*', lambda m: m[1] + written, d)
                 if i.filename == "xl/workbook.xml" else d) for i, d in parts]
    path = _sample_with(tmp_path, marked)
    if read is None:
        assert open_grids(path)
    else:
        with pytest.raises(WorkbookError, match=read):
            open_grids(path)


def test_a_cell_calamine_cannot_convert_is_refused_naming_its_sheet(tmp_path):
    path = tmp_path / "negative-date.xlsx"
    path.write_bytes(hostile.made(hostile.WORKBOOKS, path.name))
    with pytest.raises(WorkbookError, match="日期栏") as refused:
        open_grids(path)
    assert refused.value.sheet == "活动台账"
