"""FixedZip writes a package entry by entry as zipfile would (the reference here: zipfile itself, stamping the same
fixed time), and takes entries already compressed without compressing them again."""

from __future__ import annotations

import io
import mmap
import zipfile
import zlib

import pytest

from shuzhi_xl.errors import ShuzhiError
from shuzhi_xl.opc import FIXED_ZIP_TIME, FixedZip, PackageTooLarge, packed_bytes

CONTENT = {"[Content_Types].xml": b"<Types/>" * 40, "word/document.xml": "<w:t>述职报告</w:t>".encode() * 500,
           "图片/说明.txt": "非 ASCII 的名称".encode(), "empty.xml": b""}


def by_zipfile(entries: list[tuple[str, int, int | None, list[bytes]]]) -> bytes:
    """Return what zipfile writes for *entries* (name, method, zlib level, content in chunks), each stamped
    FIXED_ZIP_TIME, into a seekable file."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, method, level, chunks in entries:
            info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            info.compress_type = method
            if level is not None:
                package.writestr(info, b"".join(chunks), compresslevel=level)
                continue
            with package.open(info, "w") as entry:
                for chunk in chunks:
                    entry.write(chunk)
    return out.getvalue()


def test_deflated_entries_are_zipfiles_bytes():
    chunks = {name: [data[:100], data[100:]] for name, data in CONTENT.items()}
    expected = by_zipfile([(name, zipfile.ZIP_DEFLATED, None, parts) for name, parts in chunks.items()])
    written = io.BytesIO()
    with FixedZip(written) as package:
        for name, parts in chunks.items():
            package.add_deflated(name, iter(parts))
    assert written.getvalue() == expected
    assert written.getvalue() != by_zipfile([(name, zipfile.ZIP_DEFLATED, 1, parts) for name, parts in chunks.items()])


def test_a_level_is_zipfiles_compresslevel():
    expected = by_zipfile([(name, zipfile.ZIP_DEFLATED, 1, [data]) for name, data in CONTENT.items()])
    written = io.BytesIO()
    with FixedZip(written) as package:
        for name, data in CONTENT.items():
            package.add_deflated(name, [data], level=1)
    assert written.getvalue() == expected


def test_packed_entries_are_copied_as_they_are_stored():
    methods = {name: zipfile.ZIP_STORED if name.startswith("[") else zipfile.ZIP_DEFLATED for name in CONTENT}
    source = io.BytesIO(by_zipfile([(name, methods[name], None, [data]) for name, data in CONTENT.items()]))
    written = io.BytesIO()
    with zipfile.ZipFile(source) as package, FixedZip(written) as copy:
        for info in package.infolist():
            stored = packed_bytes(source, info)
            data = CONTENT[info.filename]
            assert (stored if info.compress_type == zipfile.ZIP_STORED else zlib.decompress(stored, -15)) == data
            copy.add_packed(info.filename, info.compress_type, info.CRC, info.file_size, stored)
    assert written.getvalue() == source.getvalue()
    with zipfile.ZipFile(written) as copied:
        assert copied.testzip() is None
        assert {name: copied.read(name) for name in copied.namelist()} == CONTENT
        assert all(info.date_time == FIXED_ZIP_TIME for info in copied.infolist())


def test_a_path_is_written_and_closed(tmp_path):
    target = tmp_path / "包.zip"
    with FixedZip(target) as package:
        package.add_deflated("a.xml", [b"<a/>"])
    with zipfile.ZipFile(target) as written:
        assert written.read("a.xml") == b"<a/>"


def test_a_size_past_what_a_zip_without_zip64_holds_is_refused_in_chinese():
    with pytest.raises(PackageTooLarge, match="部件“big.xml”时已超过 4 GiB（4294967296 字节）"), \
            FixedZip(io.BytesIO()) as package:
        package.add_packed("big.xml", zipfile.ZIP_DEFLATED, 0, 1 << 32, b"")
    with FixedZip(io.BytesIO()) as package:  # the largest that fits
        package.add_packed("big.xml", zipfile.ZIP_DEFLATED, 0, (1 << 32) - 1, b"")
    assert issubclass(PackageTooLarge, ShuzhiError)  # shown to the user as a message, not a traceback


def test_content_past_4_gib_is_refused_before_it_is_deflated(tmp_path):
    # 4 GiB of a sparse file, mapped: refused on its length, before a byte of it is read (or written)
    sparse = tmp_path / "4GiB"
    with open(sparse, "wb") as f:
        f.truncate(1 << 32)
    written = io.BytesIO()
    with open(sparse, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as huge:
        with pytest.raises(PackageTooLarge, match="部件“xl/worksheets/sheet1.xml”时已超过 4 GiB（4294967297 字节）"), \
                FixedZip(written) as package:
            package.add_deflated("xl/worksheets/sheet1.xml", [b"<", memoryview(huge)])
    assert len(written.getvalue()) < 100


def test_an_entry_or_the_directory_starting_past_4_gib_is_refused(tmp_path):
    with open(tmp_path / "sparse.zip", "wb") as out:  # a sparse file: nothing before the position is written
        out.seek(1 << 32)
        with pytest.raises(PackageTooLarge, match="部件“late.xml”时已超过 4 GiB（4294967296 字节）"), FixedZip(out) as package:
            package.add_packed("late.xml", zipfile.ZIP_STORED, 0, 0, b"")
        out.seek((1 << 32) - 20)  # its header is 38 bytes
        with pytest.raises(PackageTooLarge, match="部件目录时已超过 4 GiB"), FixedZip(out) as package:
            package.add_packed("last.xml", zipfile.ZIP_STORED, 0, 0, b"")  # starts before 4 GiB, ends after


def test_the_65535th_entry_is_written_and_the_next_refused():
    written = io.BytesIO()
    with FixedZip(written) as package:
        for n in range(65535):
            package.add_packed(f"{n}", zipfile.ZIP_STORED, 0, 0, b"")
    with zipfile.ZipFile(written) as package:
        assert len(package.infolist()) == 65535 and package.namelist()[-1] == "65534"
    with pytest.raises(PackageTooLarge, match="部件超过 65535 个（“65535”是第 65536 个）"), \
            FixedZip(io.BytesIO()) as package:
        for n in range(65536):
            package.add_packed(f"{n}", zipfile.ZIP_STORED, 0, 0, b"")


def test_a_part_without_its_local_header_is_refused():
    source = io.BytesIO(by_zipfile([("a.xml", zipfile.ZIP_DEFLATED, None, [b"<a/>"])]))
    with zipfile.ZipFile(source) as package:
        info = package.getinfo("a.xml")
        info.header_offset += 1
        with pytest.raises(zipfile.BadZipFile, match="a.xml"):
            packed_bytes(source, info)


def test_a_local_header_naming_another_entry_is_refused():
    source = bytearray(by_zipfile([("a.xml", zipfile.ZIP_DEFLATED, None, [b"<a/>"])]))
    source[30:35] = b"b.xml"  # the local header's name; the directory still says a.xml
    with zipfile.ZipFile(io.BytesIO(source)) as package:
        with pytest.raises(zipfile.BadZipFile, match="a.xml"):
            packed_bytes(io.BytesIO(source), package.getinfo("a.xml"))


def test_another_codec_deflates_entries_zipfile_reads_back():
    from isal import isal_zlib

    written = io.BytesIO()
    with FixedZip(written) as package:
        for name, data in CONTENT.items():
            package.add_deflated(name, [data[:7], data[7:]], level=1, codec=isal_zlib)
    with zipfile.ZipFile(written) as package:
        assert package.testzip() is None  # every CRC right
        assert {info.filename: package.read(info) for info in package.infolist()} == CONTENT
