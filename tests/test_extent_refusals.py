"""What the extent check says when it refuses a sheet: the file, the sheet and, where the far content has one, the
cell it was given (its farthest reading when a cell's r is written twice), in the words a user reads; and what it
does not count as a position. Sheet XML written by hand, as hostile files hold it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from shuzhi_xl.errors import WorkbookError, clipped
from shuzhi_xl.limits import MAX_COLUMNS, MAX_ROWS
from shuzhi_xl.xlsx import extent

FILE = Path("各支部") / "某支部.xlsx"
#: The last cell read, written out by hand from the limits (50 columns: A-Z then AA-AX).
LAST = f"AX{MAX_ROWS}"


def _refusal(sheet_data: bytes) -> WorkbookError:
    with pytest.raises(WorkbookError) as refused:
        extent.check_extent(FILE, "活动台账", b"<worksheet><sheetData>" + sheet_data + b"</sheetData></worksheet>")
    return refused.value


@pytest.mark.parametrize("references, named", [
    (b'r="B1" r="A20001"', "A20001"),  # only the second reading is past the last row
    (b'r="A1" r="XFD1"', "XFD1"),  # only the second is past the last column
    (b'r="A20000" r="AY1"', "AY1"),  # the last row itself is read: the column is what is too far
    (b'r="AX1" r="A20001"', "A20001"),  # the last column itself is read
])
def test_a_cell_whose_r_is_written_twice_is_named_by_the_reading_past_the_limits(references, named):
    error = _refusal(b'<row r="1"><c ' + references + b"><v>1</v></c></row>")
    assert (error.file, error.sheet, error.cell) == (str(FILE), "活动台账", named)
    assert str(error) == (f"文件“某支部.xlsx”，工作表“活动台账”，单元格 {named}：这张表用到了 {named}，超出本程序读取的范围"
                          f"（每张表最多 {MAX_ROWS} 行、{MAX_COLUMNS} 列，即 A1 到 {LAST}）。请把内容移到表格中相应的位置，"
                          "或删除多余的行和列（选中后右键“删除”，不是只清除内容）后再试。")


def test_content_past_the_limits_without_a_reference_names_the_file_and_sheet():
    error = _refusal(b'<row r="1"><c r="AX1" s="1"/><c><v>1</v></c></row>')
    assert str(error) == (f"文件“某支部.xlsx”，工作表“活动台账”：工作表内容过多，超出本程序读取的范围（每张表最多 {MAX_ROWS} 行、"
                          f"{MAX_COLUMNS} 列）。请删除多余的行和列后再试。")


@pytest.mark.parametrize("sheet_data", [
    b'<row><c r="XFD1" a="<"><v>1</v></c></row>',  # a "<" that starts no tag
    b'<row r="1"><a:b:c r="XFD1"><v>1</v></a:b:c></row>',  # a name whose local part is not certain
    # (cells without r: the cell-by-cell reading is asked for)
    b'<row r="1"><c t="inlineStr"><is><t>x</t><row r="9"/></is></c></row>',  # a row inside a cell's value
    b'<row r="1"><c><v>1</v></row></c></row>',  # the end of a row inside a cell's value
    b'<row r="1"><c><v>1</v></row>',  # the same, the cell never ended
    b'<row r="1"><c><v>1</v></c></c></row>',  # the end of a cell that is not open
])
def test_a_sheet_whose_tags_cannot_be_told_apart_names_the_file_and_sheet(sheet_data):
    assert str(_refusal(sheet_data)) == ("文件“某支部.xlsx”，工作表“活动台账”：文件已损坏（工作表“活动台账”的内容无法解析），"
                                         "无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx。")


def test_only_an_r_attribute_places_a_row_or_a_cell():
    # a row's height and a cell's style are numbers too; the cell goes in row 2 after A2
    sheet_data = b'<sheetData><row ht="30000" r="2"><c r="A2" s="25000"><v>1</v></c><c><v>2</v></c></row></sheetData>'
    assert list(extent.placed_cells(FILE, "S", sheet_data)) == [(1, 0, "A2"), (1, 1, None)]


def test_a_reference_of_thousands_of_digits_is_refused_naming_its_start():
    # int() refuses a text of over 4,300 digits: such a row number was an internal error, not a refusal; quoted
    # whole, it made a message of 10 KB
    refusal = _refusal(b'<row r="1"><c r="A' + b"1" * 5000 + b'"><v>1</v></c></row>')
    assert refusal.cell == "A111111111111111111111111111111111111111…"  # its first 40 characters
    assert len(str(refusal)) < 300
    row_far = _refusal(b'<row r="' + b"1" * 5000 + b'"><c><v>1</v></c></row>')  # a cell without r goes on that row
    assert "工作表内容过多" in str(row_far) and not row_far.cell


def test_a_reference_of_zeros_is_row_zero_one_before_the_first():
    assert list(extent.placed_cells(FILE, "S", b'<row r="1"><c r="A000"><v>1</v></c></row>')) == [(-1, 0, "A0")]


def test_leading_zeros_of_a_reference_are_no_digits_of_its_row():
    sheet_data = b'<row r="002"><c r="A0002"><v>1</v></c><c><v>2</v></c></row>'
    assert list(extent.placed_cells(FILE, "S", sheet_data)) == [(1, 0, "A2"), (1, 1, None)]


@pytest.mark.parametrize("start", [b"<!--", b"<![CDATA[", b"<?"])
def test_a_sheet_of_asides_that_never_end_is_refused_at_once(start):
    # each such start, read as another tag, searched the rest of the sheet for its end again: quadratic time
    # (8,000 took over a second; a 64 MB part hours)
    began = time.process_time()
    error = _refusal(b'<row><c><v>1</v></c></row>' + (start + b"x>") * 50_000)
    assert "无法解析" in str(error) and time.process_time() - began < 2


def test_a_tag_of_spaces_is_read_in_linear_time():
    # a name matched lazily before optional spaces took cubic time on a tag of spaces without "=" (4,000: 19 s)
    began = time.process_time()
    sheet_data = b'<row r="2"><c r="A2"' + b" " * 6000 + b'><v>1</v></c><c' + b" " * 6000 + b'x><v>2</v></c></row>'
    assert list(extent.placed_cells(FILE, "S", sheet_data)) == [(1, 0, "A2"), (1, 1, None)]
    assert time.process_time() - began < 2


@pytest.mark.parametrize("text, quoted", [("A" * 40, "A" * 40), ("A" * 41, "A" * 40 + "…"), ("", "")])
def test_a_message_quotes_forty_characters_at_most(text, quoted):
    assert clipped(text) == quoted


@pytest.mark.parametrize("cells, named", [
    (b'<row r="1"><c r="A1"><v>1</v></c></row><row r="5"><c r="B5"><v>1</v></c></row>', "B5"),  # the form writers use
    (b'<row r="1"><c r="B1" r="A5"><v>1</v></c></row>', "A5"),  # of two readings, the one past 3 rows
    (b'<row r="1"><c r="A2" r="D1"><v>1</v></c></row>', "D1"),  # of two readings, the one past 3 columns
])
def test_the_limits_a_caller_gives_are_the_ones_checked_and_quoted(cells, named):
    # a summary is read within other limits than a branch's workbook (consolidate.followup); here 3 rows, 3 columns
    xml = b"<worksheet><sheetData>" + cells + b"</sheetData></worksheet>"
    with pytest.raises(WorkbookError) as refused:
        extent.check_extent(FILE, "问题汇总", xml, rows=3, columns=3)
    assert refused.value.message == (f"这张表用到了 {named}，超出本程序读取的范围（每张表最多 3 行、3 列，即 A1 到 C3）。"
                                     "请把内容移到表格中相应的位置，或删除多余的行和列（选中后右键“删除”，不是只清除内容）后再试。")
    extent.check_extent(FILE, "问题汇总", xml, rows=5, columns=4)  # within larger ones


def test_a_row_past_a_callers_few_rows_is_found_though_every_column_is_read():
    xml = b'<worksheet><sheetData><row r="5"><c r="B5"><v>1</v></c></row></sheetData></worksheet>'
    with pytest.raises(WorkbookError, match="用到了 B5"):
        extent.check_extent(FILE, "问题汇总", xml, rows=3, columns=MAX_COLUMNS)
