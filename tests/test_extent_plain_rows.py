"""The extent check passes over runs of plain rows (cells without references, as the summaries are written) without
reading them cell by cell. It must find exactly what the cell-by-cell reading finds: the same cells past the limits,
in the same order, and the same refusal, on sheets that mix plain rows with every form that is not plain."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest

from shuzhi_xl.consolidate import consolidate
from shuzhi_xl.consolidate.spill import EXCEL_ROWS
from shuzhi_xl.errors import WorkbookError
from shuzhi_xl.limits import MAX_COLUMNS, MAX_ROWS
from shuzhi_xl.synthetic import write_samples
from shuzhi_xl.xlsx import extent
from shuzhi_xl.xlsx.bounds import package_sheet_parts

FILE = Path("x.xlsx")
#: (rows, columns) checked: a data sheet's, a summary's, and small ones that a few cells or rows exceed.
LIMITS = [(MAX_ROWS, MAX_COLUMNS), (EXCEL_ROWS, MAX_COLUMNS), (10, 4), (100, 3), (3, 3), (1_000, 30)]
#: Cells as the summary writes them, then forms that are not plain (each makes its row read cell by cell).
PLAIN_CELLS = [b'<c s="5"/>', b'<c s="2" t="inlineStr"><is><t>x"y\'z&amp;</t></is></c>', b'<c s="8" t="n"><v>3</v></c>',
               b'<c s="2" t="inlineStr"><is><t xml:space="preserve"> a </t></is></c>', b'<c t="b"><v>1</v></c>',
               b'<c><v>7</v></c>', b'<c s="3" t="n"/>']
OTHER_CELLS = [b'<c r="B7"><v>1</v></c>', b'<c r="A2000000"><v>1</v></c>', b'<c r="ZZ1"><v>1</v></c>',
               b'<c s="1" r="C3"><v>1</v></c>', b"<c r='D2'><v>1</v></c>", b'<c r = "E9"><v>1</v></c>',
               b'<c><f>1+1</f><v>2</v></c>', b'<x:c r="A1"><v>1</v></x:c>', b'<c s="1"  t="n"><v>1</v></c>',
               b'<c><v>1</v><row r="9"/></c>', b'<c><v>1</v></c></c>', b'<c a="<"><v>1</v></c>', b'<c><v>1<</v></c>',
               b'<!-- <c r="XFD1"><v>1</v></c> -->', b"<!-- never ended", b'<c t="inlineStr"><is><t><![CDATA[<]]></t></is></c>',
               b'<c r="A1" r="AY1"><v>1</v></c>', b'<c r="a1"><v>1</v></c>', b'<c s="01"><v>1</v></c>']
ROW_STARTS = [b'<row r="N">', b'<row r="N" ht="45" customHeight="1">', b'<row r="N" spans="1:3" x14ac:dyDescent="0.2">']
OTHER_ROW_STARTS = [b"<row>", b'<row r="0N">', b"<row r='N'>", b'<row r="N" r="1">', b'<row r="1" r="N">',
                    b'<row ht="1" r="N">', b'<x:row r="N">', b'<row r="AN">', b'<row r="N" a=">">', b'<row r="N" a="<">']


def random_row(rng: random.Random) -> bytes:
    number = rng.choice([rng.randint(1, 12), rng.randint(1, 2_000), rng.randint(99_990, 100_010),
                         rng.randint(999_990, 1_000_010), rng.randint(1, 10**8)])
    if rng.random() < 0.05:
        return b'<row r="%d"/>' % number
    start = rng.choice(OTHER_ROW_STARTS if rng.random() < 0.15 else ROW_STARTS).replace(b"N", b"%d" % number)
    count = rng.choice([rng.randint(0, 5), rng.randint(0, 60)])
    cells = [rng.choice(OTHER_CELLS if rng.random() < 0.03 else PLAIN_CELLS) for _ in range(count)]
    return start + b"".join(cells) + (b"" if rng.random() < 0.01 else b"</row>")


def events(xml: bytes, rows: int, columns: int, every_row: bool) -> list:
    """Return the cells placed past *rows* × *columns*, in order, then the refusal that stopped the reading."""
    found = []
    try:
        for row, column, reference in extent.placed_cells(FILE, "S", xml, rows=rows, columns=columns,
                                                          every_row=every_row):
            if row >= rows or column >= columns:
                found.append((row, column, reference))
    except WorkbookError as refusal:
        found.append(str(refusal))
    return found


@pytest.mark.parametrize("seed", range(3))
def test_plain_rows_passed_over_hide_nothing_the_cell_by_cell_reading_finds(seed):
    rng = random.Random(seed)
    found_any = refused = 0
    for _ in range(200):
        rows = b"".join(random_row(rng) for _ in range(rng.randint(1, 12)))
        xml = b"<worksheet><sheetData>" + rows + b"</sheetData></worksheet>"
        for limits in LIMITS:
            expected = events(xml, *limits, every_row=True)
            assert events(xml, *limits, every_row=False) == expected, (xml, limits)
            found_any += bool(expected)
            refused += bool(expected) and isinstance(expected[-1], str)
    assert found_any > 250 and refused > 25  # the sheets do go past the limits, and are refused, in many ways


@pytest.mark.parametrize("rows, columns, number, cells, past", [
    (10, 4, 9, 4, False),  # the last row and column within the limits
    (10, 4, 11, 1, True),  # a row past the last
    (10, 4, 2, 5, True),  # a fifth cell
    (EXCEL_ROWS, MAX_COLUMNS, EXCEL_ROWS + 1, 1, True),
    (EXCEL_ROWS, MAX_COLUMNS, 999_999, MAX_COLUMNS, False),
])
def test_plain_rows_are_still_checked_against_the_limits(rows, columns, number, cells, past):
    xml = (b'<sheetData><row r="1"><c s="1"/></row><row r="%d">' % number + b'<c s="1"><v>1</v></c>' * cells
           + b"</row></sheetData>")
    if past:
        with pytest.raises(WorkbookError, match="工作表内容过多"):
            extent.check_extent(FILE, "S", xml, rows=rows, columns=columns)
    else:
        extent.check_extent(FILE, "S", xml, rows=rows, columns=columns)


def test_a_summarys_sheets_are_passed_over_whole(tmp_path):
    # a summary of branches with problems, findings and an unreadable file: every sheet the writer streams
    write_samples(tmp_path / "各支部", 6, seed=3, year=2024, jobs=1)
    (tmp_path / "各支部" / "坏.xlsx").write_bytes(b"PK\x03\x04")
    with zipfile.ZipFile(consolidate(tmp_path / "各支部", tmp_path / "汇总.xlsx", jobs=1).output) as package:
        sheets = package_sheet_parts(package)
        for name, part in sheets.items():
            xml = package.read(part)
            assert list(extent.placed_cells(FILE, name, xml, rows=EXCEL_ROWS, every_row=False)) == [], name
        assert any(list(extent.placed_cells(FILE, name, package.read(part))) for name, part in sheets.items())
