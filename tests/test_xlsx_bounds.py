"""The reader's guards at the level of the package: which parts it inflates, what a part lying about its size
does, and that the extent check's fast searches stay fast on the template's own sheets."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest

import hostile
from shuzhi_xl.errors import WorkbookError
from shuzhi_xl.xlsx import bounds
from shuzhi_xl.xlsx.sniff import open_grids

LIE = 1024  #: the size a lying part declares


def declaring(data: bytes, name: str, size: int) -> bytes:
    """Return the package *data* with member *name*'s uncompressed size set to *size* in both of its headers."""
    out = bytearray(data)
    struct.pack_into("<I", out, hostile._local_header(out, name) + 22, size)
    at = out.find(b"PK\x01\x02")
    while out[at + 46: at + 46 + len(name.encode())] != name.encode():
        at = out.find(b"PK\x01\x02", at + 4)
    struct.pack_into("<I", out, at + 24, size)
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
    tracemalloc.start()
    try:
        grids = open_grids(lying)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert grids == open_grids(clean)
    assert peak < 5 * 2**20


def test_a_part_nobody_reads_still_counts_with_its_declared_size(tmp_path):
    path = tmp_path / "big.xlsx"
    path.write_bytes(with_big_part("xl/theme/theme1.xml", bounds.MAX_PART_BYTES + 1))
    with pytest.raises(WorkbookError, match="过大"):
        open_grids(path)


def test_the_checked_package_holds_only_the_parts_calamine_needs():
    with zipfile.ZipFile(io.BytesIO(hostile.sample_bytes())) as package:
        parts = bounds.Parts(Path("sample.xlsx"), package)
        located = bounds.sheet_parts(parts.path, parts)
        wanted = {name: part for name, part in located.items() if name != "填写说明"}
        checked = bounds.checked_package(parts, wanted)
    with zipfile.ZipFile(io.BytesIO(checked)) as package:
        names = set(package.namelist())
        assert all(info.compress_type == zipfile.ZIP_STORED for info in package.infolist())
    assert names == {*wanted.values(), "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"}
    assert located["填写说明"] not in names


def test_the_templates_sheets_pass_the_extent_check_without_a_cell_by_cell_scan(monkeypatch):
    # The fast searches once matched operator="greaterThan" (data validation) in every sheet, so every workbook
    # paid for the scan of each cell.
    monkeypatch.setattr(bounds, "column_number", lambda letters: pytest.fail(f"cell by cell scan ({letters})"))
    with zipfile.ZipFile(io.BytesIO(hostile.sample_bytes())) as package:
        sheets = [name for name in package.namelist() if name.startswith("xl/worksheets/sheet")]
        assert any(b'operator="greaterThan' in package.read(name) for name in sheets)
        for name in sheets:
            bounds.check_extent(Path("sample.xlsx"), name, package.read(name))
