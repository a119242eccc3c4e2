"""The text calamine would build from shared strings is bounded before it reads (xlsx/sharedtext.py): each shared
string copied once per cell pointing at it, counted in the bytes of the string's XML."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from shuzhi_xl.errors import WorkbookError
from shuzhi_xl.samples import sample_report
from shuzhi_xl.xlsx.sharedtext import check_shared_text
from shuzhi_xl.xlsx.sniff import open_grids
from shuzhi_xl.xlsx.template import workbook_bytes

STRINGS = [b"<si><t>" + text.encode() + b"</t></si>" for text in ("短", "长" * 300, "中等长度的文字")]
SHARED = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' + b"".join(STRINGS) + b"</sst>"


def sheet(*numbers: int, cell: bytes = b'<c r="A%d" t="s"><v>%d</v></c>') -> bytes:
    """A sheet whose row n holds one shared-string cell pointing at numbers[n]."""
    rows = b"".join(b'<row r="%d">' % n + cell % (n, k) + b"</row>" for n, k in enumerate(numbers, start=1))
    return b"<worksheet><sheetData>" + rows + b"</sheetData></worksheet>"


def copies(*numbers: int) -> int:
    """The bytes calamine's copies come to, by the definition: each cell, its string's XML."""
    return sum(len(STRINGS[k]) for k in numbers)


def test_cells_pointing_at_short_strings_pass_though_one_string_is_long():
    # 200 cells x the longest string is far past the bound; what they point at is not
    numbers = [0, 2] * 100 + [1]
    most = copies(*numbers)
    assert 201 * len(STRINGS[1]) > most
    check_shared_text(Path("a.xlsx"), SHARED, {"活动台账": sheet(*numbers)}, most)
    with pytest.raises(WorkbookError) as refused:
        check_shared_text(Path("a.xlsx"), SHARED, {"活动台账": sheet(*numbers)}, most - 1)
    assert refused.value.sheet == "活动台账" and "引用共享文字的单元格过多" in str(refused.value)


def test_the_sheet_named_is_the_one_that_passes_the_bound():
    sheets = {"基本信息": sheet(1, 1), "活动台账": sheet(1, 1, 1)}
    most = copies(1, 1, 1, 1)  # the first sheet's two and two of the second's
    with pytest.raises(WorkbookError) as refused:
        check_shared_text(Path("a.xlsx"), SHARED, sheets, most)
    assert refused.value.sheet == "活动台账"
    check_shared_text(Path("a.xlsx"), SHARED, sheets, copies(1, 1, 1, 1, 1))


@pytest.mark.parametrize("cell", [
    b'<x:c r="A%d" x:t=\'s\'><x:f>A1</x:f><x:v>%d</x:v></x:c>',  # prefixed, single quotes, a formula first
    b'<c r="A%d" t = "s"><v>  %d junk</v></c>',  # spaces around "=", a value that is no plain number
])
def test_a_cell_whose_number_is_not_plain_to_see_counts_as_the_longest_string(cell):
    xml = sheet(0, 0, 0, cell=cell)
    most = 3 * len(STRINGS[1])
    check_shared_text(Path("a.xlsx"), SHARED, {"s": xml}, most)
    with pytest.raises(WorkbookError):
        check_shared_text(Path("a.xlsx"), SHARED, {"s": xml}, most - 1)


def test_numbers_past_the_strings_point_at_nothing():
    check_shared_text(Path("a.xlsx"), SHARED, {"s": sheet(7, 8, 9, 1)}, len(STRINGS[1]))


def shared_strings_copy(data: bytes) -> bytes:
    """Return the workbook *data* with every inline text moved into a shared-strings part, as Excel saves texts:
    each cell then holds its string's number (a text written twice is kept once)."""
    strings: dict[bytes, int] = {}

    def shared(m: re.Match) -> bytes:
        number = strings.setdefault(m[2], len(strings))
        return b'<c%s t="s"><v>%d</v></c>' % (m[1], number)

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            part = source.read(name)
            if name.startswith("xl/worksheets/sheet"):
                part = re.sub(rb'<c([^>]*?) t="inlineStr"><is>(.*?)</is></c>', shared, part, flags=re.S)
            target.writestr(name, part)
        target.writestr("xl/sharedStrings.xml", b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                        b'main">' + b"".join(b"<si>" + text + b"</si>" for text in strings) + b"</sst>")
    assert len(strings) > 100
    return out.getvalue()


def test_a_workbook_saved_with_shared_strings_reads_as_its_inline_original(tmp_path):
    """Excel keeps every text in the shared-strings part: such a workbook is read, not refused, and gives the grids
    of the same workbook written with inline strings."""
    inline = tmp_path / "inline.xlsx"
    inline.write_bytes(workbook_bytes(sample_report()))
    shared = tmp_path / "shared.xlsx"
    shared.write_bytes(shared_strings_copy(inline.read_bytes()))
    assert open_grids(shared) == open_grids(inline)


LONG = b"<si><t>" + "长".encode() * 3000 + b"</t></si>"


@pytest.mark.parametrize("cell", [
    b'<c r="A%d" t="s"><v >%d</v ></c>',  # no "v>" in the cell: the first bound counted none
    b'<c r="A%d"t="s"><v>%d</v></c>',  # no space before t: calamine reads it as the type
    b'<c r="A%d" t="s"><v>0</v><v>%d</v></c>',  # calamine takes the last value, not the first
    b'<c r="A%d" t="s" a=\'"><v>0</v></c>\'><v>%d</v></c>',  # a cell's end inside an attribute's value
])
def test_cells_calamine_reads_otherwise_than_they_look_are_not_counted_as_short(cell):
    """Found by a differential fuzz against calamine (each form made 2,000 x 50 such cells abort the process)."""
    shared = b"<sst>" + STRINGS[0] + LONG + b"</sst>"
    with pytest.raises(WorkbookError):
        check_shared_text(Path("a.xlsx"), shared, {"s": sheet(1, 1, 1, cell=cell)}, 3 * len("长".encode() * 3000) - 1)


@pytest.mark.parametrize("hidden", [
    b"<!--<si></si>-->", b"<?p <si></si>?>", b"<si><t><![CDATA[</si><si>]]>a</t></si>", b'<si><t a="</si><si>">a</t></si>',
    b"<si/>", b"<si />", b"<si><t>a</t></si\n>", b'<si a="/>"><t>a</t></si>',
])
def test_strings_hidden_or_faked_from_the_count_do_not_shift_what_a_cell_points_at(hidden):
    """Comments, CDATA, instructions and "<" in a value can fake or hide a string's tags; empty and oddly ended
    strings are strings to calamine: a cell pointing at the long string after them is counted as long."""
    shared = b"<sst>" + STRINGS[0] + hidden + LONG + STRINGS[0] + b"</sst>"
    number = 1 if hidden.startswith((b"<!--", b"<?")) else 2  # the long string's number to calamine
    with pytest.raises(WorkbookError):
        check_shared_text(Path("a.xlsx"), shared, {"s": sheet(number, number, number)}, 3 * len("长".encode() * 3000) - 1)
