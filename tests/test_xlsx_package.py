"""FixedZip writes a package entry by entry as zipfile would (the reference here: zipfile itself, stamping the same
fixed time), and takes entries already compressed without compressing them again."""

from __future__ import annotations

import io
import zipfile
import zlib

import pytest

from shuzhi_xl.xlsx.package import FIXED_ZIP_TIME, FixedZip, packed_bytes

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


def test_a_size_past_what_a_zip_without_zip64_holds_is_refused():
    with pytest.raises(zipfile.LargeZipFile), FixedZip(io.BytesIO()) as package:
        package.add_packed("big.xml", zipfile.ZIP_DEFLATED, 0, 1 << 32, b"")
    with FixedZip(io.BytesIO()) as package:  # the largest that fits
        package.add_packed("big.xml", zipfile.ZIP_DEFLATED, 0, (1 << 32) - 1, b"")


def test_a_part_without_its_local_header_is_refused():
    source = io.BytesIO(by_zipfile([("a.xml", zipfile.ZIP_DEFLATED, None, [b"<a/>"])]))
    with zipfile.ZipFile(source) as package:
        info = package.getinfo("a.xml")
        info.header_offset += 1
        with pytest.raises(zipfile.BadZipFile, match="a.xml"):
            packed_bytes(source, info)


def test_another_codec_deflates_entries_zipfile_reads_back():
    from isal import isal_zlib

    written = io.BytesIO()
    with FixedZip(written) as package:
        for name, data in CONTENT.items():
            package.add_deflated(name, [data[:7], data[7:]], level=1, codec=isal_zlib)
    with zipfile.ZipFile(written) as package:
        assert package.testzip() is None  # every CRC right
        assert {info.filename: package.read(info) for info in package.infolist()} == CONTENT
