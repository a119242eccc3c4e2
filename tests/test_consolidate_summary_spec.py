"""The summary workbook's writer (consolidate/summary.py) as a specification: small sheets written with
write_summary and read back with openpyxl and from the package's XML. What is expected is what the office sees:
each value in its cell with the format of its kind, highlights, the red header, a filterable table over every row,
the header and first column kept in view and printed on every page, charts over the right cells."""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import xml.etree.ElementTree as ET
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest

from shuzhi_xl.consolidate.summary import ROW_END, BarSpec, row_template, Column, Rendered, Rows, SheetData, \
    _batches, _pieces, is_summary_workbook, render, render_rows, write_summary
from shuzhi_xl.limits import MAX_PART_BYTES

KINDS = ["text", "int", "percent", "date", "datetime", "longtext", "number"]
COLUMNS = [Column("名称", 20), Column("数", 8, "int"), Column("率", 10, "percent"), Column("日期", 12, "date"),
           Column("时间", 18, "datetime"), Column("说明", 30, "longtext"), Column("值", 12, "number")]
ROWS = [("甲", 3, 0.5, dt.date(2022, 3, 1), dt.datetime(2023, 1, 5, 9, 30), "第一行\n第二行", 2.5),
        ("乙", None, None, None, None, None, None)]
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
#: Excel number format of each kind, as a user reads it in 设置单元格格式.
FORMATS = {"text": "@", "int": "0", "percent": "0%", "date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm",
           "longtext": "@", "number": "General"}


def chart_rows(n: int) -> list[tuple]:
    return [(f"支部{i}", i, n - i) for i in range(n)]


def sheets() -> list[SheetData]:
    wide = [Column(f"列{i}", 6, "int") for i in range(13)]
    rendered = [render((f"第{i}行" + ("，完成100%（%d%%s）" if i % 1000 == 7 else ""), i), ["text", "int"]) + ROW_END
                for i in range(4100)]
    blocks = [(row_template("".join(rendered[start:end])), end - start)
              for start, end in ((0, 1), (1, 3000), (3000, 3000), (3000, 4100))]
    return [SheetData("总览", "tbl_overview", COLUMNS, ROWS, 1, {0: {1: "error", 2: "short"}, 1: {0: "short"}}),
            SheetData("宽表", "tbl_wide", wide, [tuple(range(13))], 2),
            SheetData("明细", "tbl_rows", [Column("项"), Column("序", 6, "int")], Rendered(4100, iter(blocks))),
            SheetData("空表", "tbl_empty", [Column("源文件", 36)], []),
            SheetData("图表", "tbl_chart", [Column("支部"), Column("达标", 8, "int"), Column("未达标", 8, "int")],
                      chart_rows(20))]


CHARTS = [BarSpec("落实情况", "图表", 0, 1, 2, 20, "支部数"),
          BarSpec("分布", "图表", 0, 1, 1, 3, "个数", stacked=False, horizontal=False)]


@pytest.fixture
def written(tmp_path) -> Path:
    path = tmp_path / "汇总.xlsx"
    write_summary(path, sheets(), CHARTS)
    return path


def test_values_are_in_their_cells_with_their_kinds_format(written):
    ws = openpyxl.load_workbook(written)["总览"]
    assert [c.value for c in ws[1]] == [c.label for c in COLUMNS]
    assert [c.value for c in ws[2]] == ["甲", 3, 0.5, dt.datetime(2022, 3, 1), dt.datetime(2023, 1, 5, 9, 30),
                                        "第一行\n第二行", 2.5]
    assert [c.value for c in ws[3]] == ["乙"] + [None] * 6
    for row in (2, 3):
        assert [c.number_format for c in ws[row]] == [FORMATS[c.kind] for c in COLUMNS]
        assert {(c.font.name, c.font.sz) for c in ws[row]} == {("宋体", 11)}
    assert ws["F2"].alignment.wrap_text and ws["F2"].alignment.vertical == "top"  # long text wraps
    assert not ws["A2"].alignment.wrap_text
    assert ws.max_row == 3


def test_errors_and_shortfalls_are_highlighted_and_nothing_else(written):
    ws = openpyxl.load_workbook(written)["总览"]
    colours = {(c.coordinate): (c.fill.fgColor.rgb, c.font.color.rgb) for row in ws.iter_rows(min_row=2)
               for c in row if c.fill.fill_type == "solid"}
    assert colours == {"B2": ("FFFFC7CE", "FF9C0006"), "C2": ("FFFFEB9C", "FF9C5700"), "A3": ("FFFFEB9C", "FF9C5700")}


def test_the_header_is_red_bold_white_three_lines_high(written):
    ws = openpyxl.load_workbook(written)["总览"]
    assert {(c.fill.fgColor.rgb, c.font.color.rgb, c.font.b, c.alignment.wrap_text, c.font.name) for c in ws[1]} == \
        {("FFC00000", "FFFFFFFF", True, True, "宋体")}
    assert ws.row_dimensions[1].height == 45


def test_widths_tables_and_frozen_panes(written):
    book = openpyxl.load_workbook(written)
    ws = book["总览"]
    # Excel stores a width in characters plus its padding (0.71): the whole characters are the column's width
    assert [int(ws.column_dimensions[letter].width) for letter in "ABCDEFG"] == [c.width for c in COLUMNS]
    assert ws.freeze_panes == "B2" and book["宽表"].freeze_panes == "C2" and book["空表"].freeze_panes == "A2"
    table = ws.tables["tbl_overview"]
    assert (table.ref, table.autoFilter.ref) == ("A1:G3", "A1:G3")
    assert [c.name for c in table.tableColumns] == [c.label for c in COLUMNS]
    assert table.tableStyleInfo.name == "TableStyleMedium2"
    assert book["明细"].tables["tbl_rows"].ref == "A1:B4101"
    assert book["空表"].tables["tbl_empty"].ref == "A1:A2"  # a table needs a row under its header


def test_a_row_added_under_the_table_takes_its_columns_format(written):
    with zipfile.ZipFile(written) as package:
        xml = package.read("xl/worksheets/sheet1.xml").decode()
    columns = {int(n): s for n, s in re.findall(r'<col min="(\d+)" max="\d+" width="[^"]+" style="(\d+)"', xml)}
    rows = {row.get("r"): [c.get("s") for c in row] for row in ET.fromstring(xml).iter(f"{MAIN}row")}
    unmarked = rows["2"][:1] + rows["3"][1:]  # 甲's name and 乙's other cells carry no highlight
    assert columns == {n: unmarked[n - 1] for n in range(1, 8)}


def test_streamed_rows_are_numbered_on_across_batches(written):
    ws = openpyxl.load_workbook(written, read_only=True)["明细"]
    rows = list(ws.iter_rows(values_only=True))
    assert len(rows) == 4101 and rows[0] == ("项", "序")
    assert rows[1] == ("第0行", 0) and rows[2001] == ("第2000行", 2000) and rows[4100] == ("第4099行", 4099)
    assert [r[1] for r in rows[1:]] == list(range(4100))  # numbered on across the blocks
    assert rows[3008] == ("第3007行，完成100%（%d%%s）", 3007)  # a "%" in the text stays as it is
    with zipfile.ZipFile(written) as package:
        xml = package.read("xl/worksheets/sheet3.xml").decode()
    assert '<dimension ref="A1:B4101"/>' in xml
    assert [int(n) for n in re.findall(r'<row r="(\d+)"', xml)] == list(range(1, 4102))
    data = ET.fromstring(xml).find(f"{MAIN}sheetData")
    assert not (data.text or "").strip() and not any((row.tail or "").strip() for row in data)  # rows only


def test_printed_landscape_on_a4_with_the_header_on_every_page(written):
    book = openpyxl.load_workbook(written)
    for name in book.sheetnames:
        ws = book[name]
        assert (ws.page_setup.orientation, ws.page_setup.paperSize, ws.print_title_rows) == ("landscape", 9, "$1:$1")
    narrow, wide = book["总览"], book["宽表"]  # 7 columns fit the page's width; 13 run on over pages
    assert narrow.sheet_properties.pageSetUpPr.fitToPage and narrow.page_setup.fitToHeight == 0
    assert narrow.page_setup.fitToWidth in (None, 1)  # one page wide (1 is the default, left out)
    assert narrow.print_title_cols is None
    assert not (wide.sheet_properties.pageSetUpPr and wide.sheet_properties.pageSetUpPr.fitToPage)
    assert wide.print_title_cols == "$A:$B"  # its two frozen columns repeated on every page
    assert book["空表"].print_title_cols is None


def test_twelve_columns_still_fit_the_page_and_a_wide_sheet_without_frozen_columns_repeats_the_first(tmp_path):
    path = tmp_path / "a.xlsx"
    write_summary(path, [SheetData("十二", "tbl_a", [Column(str(i)) for i in range(12)], []),
                         SheetData("十三", "tbl_b", [Column(str(i)) for i in range(13)], [])], [])
    book = openpyxl.load_workbook(path)
    assert book["十二"].sheet_properties.pageSetUpPr.fitToPage and book["十二"].print_title_cols is None
    assert book["十三"].print_title_cols == "$A:$A"


def test_the_package_is_marked_and_the_same_rows_give_the_same_bytes(written, tmp_path):
    again = tmp_path / "again.xlsx"
    write_summary(again, sheets(), CHARTS)
    assert again.read_bytes() == written.read_bytes()
    with zipfile.ZipFile(written) as package:
        infos = package.infolist()
        custom = package.read("docProps/custom.xml").decode()
    assert infos[0].filename == "[Content_Types].xml"  # first, as Office writes it, for readers that stream
    assert len({i.date_time for i in infos}) == 1 and {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
    assert {(i.external_attr >> 16) & 0o777 for i in infos} == {0o600}
    assert re.search(r'name="shuzhi_summary"', custom)
    properties = openpyxl.load_workbook(written).properties
    assert (properties.title, properties.creator, properties.created) == ("述职报告汇总", "shuzhi_xl", dt.datetime(2024, 1, 1))
    assert is_summary_workbook(written)


def test_the_rows_are_deflated_fast_not_at_zlibs_default_level(written):
    # Tens of MB of rows, deflated by the parent alone: ISA-L's level 1 (a few bytes more than zlib's level 1), never
    # the default level 6, which takes twice zlib's level 1's time and five times ISA-L's.
    with zipfile.ZipFile(written) as package:
        rows = package.getinfo("xl/worksheets/sheet3.xml")
        data = package.read(rows)
    assert len(data) > 100_000
    isal_zlib = pytest.importorskip("isal.isal_zlib", reason="no isal wheel here (Windows on ARM)")
    fast, default = isal_zlib.compressobj(1, zlib.DEFLATED, -15), zlib.compressobj(6, zlib.DEFLATED, -15)
    assert rows.compress_size == pytest.approx(len(fast.compress(data) + fast.flush()), abs=16)
    assert rows.compress_size > len(default.compress(data) + default.flush())


def test_without_isal_the_same_parts_are_deflated_by_zlib(written, tmp_path, monkeypatch):
    # a machine isal has no wheel for (pyproject's marker: Windows on ARM) has no isal to import
    monkeypatch.setitem(sys.modules, "isal", None)
    plain = tmp_path / "zlib.xlsx"
    write_summary(plain, sheets(), CHARTS)
    with zipfile.ZipFile(written) as fast, zipfile.ZipFile(plain) as slow:
        assert slow.testzip() is None  # every CRC right
        assert [(i.filename, fast.read(i)) for i in fast.infolist()] == [(i.filename, slow.read(i)) for i in slow.infolist()]
        rows = slow.getinfo("xl/worksheets/sheet3.xml")
        data = slow.read(rows)
    level1 = zlib.compressobj(1, zlib.DEFLATED, -15)
    assert rows.compress_size == pytest.approx(len(level1.compress(data) + level1.flush()), abs=16)


def test_summaries_are_recognised_by_marker_or_by_their_sheets_and_nothing_else(tmp_path):
    def book(path: Path, names: list[str], defined: bool = False) -> Path:
        wb = openpyxl.Workbook()
        wb.active.title = names[0]
        for name in names[1:]:
            wb.create_sheet(name)
        if defined:  # how summaries written before 2026-12 were marked
            wb.defined_names["shuzhi_summary"] = openpyxl.workbook.defined_name.DefinedName("shuzhi_summary", attr_text="1")
        wb.save(path)
        return path

    assert is_summary_workbook(book(tmp_path / "a.xlsx", ["总览", "问题汇总", "检查结果", "未能读取"]))
    assert not is_summary_workbook(book(tmp_path / "b.xlsx", ["总览", "问题汇总", "检查结果"]))
    assert is_summary_workbook(book(tmp_path / "c.xlsx", ["基本信息"], defined=True))
    assert not is_summary_workbook(book(tmp_path / "d.xlsx", ["基本信息"]))
    (tmp_path / "e.xlsx").write_bytes(b"PK\x03\x04broken")
    assert not is_summary_workbook(tmp_path / "e.xlsx")


def chart_xml(path: Path) -> tuple[list[str], str]:
    with zipfile.ZipFile(path) as package:
        charts = sorted(n for n in package.namelist() if n.startswith("xl/charts/"))
        return [package.read(n).decode() for n in charts], package.read("xl/drawings/drawing1.xml").decode()


def test_charts_draw_their_cells_as_bars_or_columns(written):
    (bars, columns), _ = chart_xml(written)
    assert re.findall(r'<c:barDir val="(\w+)"/><c:grouping val="(\w+)"/>', bars) == [("bar", "stacked")]
    assert re.findall(r'<c:barDir val="(\w+)"/><c:grouping val="(\w+)"/>', columns) == [("col", "clustered")]
    assert re.findall(r"<c:tx><c:strRef><c:f>([^<]+)</c:f>", bars) == ["图表!$B$1", "图表!$C$1"]
    assert re.findall(r"<c:cat><c:(?:str|num)Ref><c:f>([^<]+)</c:f>", bars) == ["图表!$A$2:$A$21"] * 2
    assert re.findall(r"<c:val><c:numRef><c:f>([^<]+)</c:f>", bars) == ["图表!$B$2:$B$21", "图表!$C$2:$C$21"]
    assert re.findall(r"<c:val><c:numRef><c:f>([^<]+)</c:f>", columns) == ["图表!$B$2:$B$4"]
    assert '<c:overlap val="100"/>' in bars and "<c:overlap" not in columns  # stacked bars lie on each other
    assert '<c:gapWidth val="60"/>' in bars and '<c:gapWidth val="60"/>' in columns
    titles = [re.findall(r"<a:t>([^<]+)</a:t>", xml) for xml in (bars, columns)]
    assert titles == [["落实情况", "支部数"], ["分布", "个数"]]
    # every category labelled; a bar chart lists the first branch on top
    assert '<c:tickLblSkip val="1"/>' in bars and '<c:orientation val="maxMin"/>' in bars
    assert '<c:orientation val="maxMin"/>' not in columns
    assert '<c:legendPos val="b"/>' in bars and '<c:legendPos val="b"/>' in columns


def test_chart_text_sizes_gridlines_and_axes(written):
    for xml, title in zip(chart_xml(written)[0], ["支部数", "个数"]):
        category = re.search(r"<c:catAx>.*?</c:catAx>", xml).group()
        value = re.search(r"<c:valAx>.*?</c:valAx>", xml).group()
        assert '<c:tickLblSkip val="1"/>' in category and 'sz="900"' in category  # every label, 9 pt
        assert "<c:majorGridlines/>" in value and f"<a:t>{title}</a:t>" in value
        assert "<c:majorGridlines/>" not in category and "<a:t>" not in category
        chart_title = re.search(r"<c:title>.*?</c:title>", xml).group()
        assert 'sz="1200"' in chart_title  # the title at 12 pt


def test_charts_stand_right_of_the_table_one_under_the_other_18_pixels_a_bar(written):
    _, drawing = chart_xml(written)
    anchors = re.findall(r"<xdr:from><xdr:col>(\d+)</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>(\d+)</xdr:row>.*?"
                         r"<xdr:to><xdr:col>(\d+)</xdr:col><xdr:colOff>(\d+)</xdr:colOff><xdr:row>(\d+)</xdr:row>"
                         r"<xdr:rowOff>(\d+)</xdr:rowOff>", drawing)
    # rows are 20 pixels (9,525 EMU a pixel): 20 bars × 18 + 120 = 480 px = 24 rows; the column chart 320 px;
    # the second chart starts two rows under the first; both one column right of the table's three, 720 px wide:
    # 11 default columns of 64 px and 16 px (152,400 EMU)
    assert [tuple(map(int, a)) for a in anchors] == [(4, 1, 15, 152400, 25, 0), (4, 27, 15, 152400, 43, 0)]


def test_a_short_bar_chart_is_never_lower_than_288_pixels(tmp_path):
    path = tmp_path / "a.xlsx"
    write_summary(path, [SheetData("图表", "tbl_a", [Column("支部"), Column("数", 8, "int")], chart_rows(2))],
                  [BarSpec("少", "图表", 0, 1, 1, 2, "支部数")])
    _, drawing = chart_xml(path)
    # 288 px = 14 rows and 8 px (76,200 EMU)
    assert re.search(r"<xdr:from><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row>", drawing)
    assert re.search(r"<xdr:to><xdr:col>\d+</xdr:col><xdr:colOff>\d+</xdr:colOff><xdr:row>15</xdr:row>"
                     r"<xdr:rowOff>76200</xdr:rowOff>", drawing)


def test_render_gives_each_kind_and_mark_its_own_style():
    ids = {(kind, mark): re.search(r's="(\d+)"', render(("x",), [kind], {0: mark} if mark else None)).group(1)
           for kind in KINDS for mark in (None, "error", "short")}
    assert len(set(ids.values())) == len(ids)


def marked_custom_part(size: int) -> bytes:
    """Return a package whose docProps/custom.xml carries the summary's marker and is *size* bytes (spaces after it)."""
    marker = b'<Properties><property name="shuzhi_summary"><vt:lpwstr>1</vt:lpwstr></property></Properties>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.writestr("xl/workbook.xml", b"<workbook/>")
        package.writestr("docProps/custom.xml", marker + b" " * (size - len(marker)))
    return out.getvalue()


def test_a_marked_part_is_read_up_to_the_part_limit_and_not_past_it(tmp_path):
    # an earlier summary is looked for after the reader refused the file, perhaps for its size: a part past the
    # limit is no summary's and is not inflated
    at_limit, past = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    at_limit.write_bytes(marked_custom_part(MAX_PART_BYTES))
    past.write_bytes(marked_custom_part(MAX_PART_BYTES + 1))
    assert is_summary_workbook(at_limit) and not is_summary_workbook(past)


def test_rows_are_batched_and_numbered_from_2():
    assert list(_batches(iter("abcde"), size=2)) == [[(2, "a"), (3, "b")], [(4, "c"), (5, "d")], [(6, "e")]]
    assert list(_batches(iter("ab"), size=2)) == [[(2, "a"), (3, "b")]] and list(_batches(iter(""))) == []


def test_pieces_join_chunks_to_at_least_a_size_and_keep_every_byte():
    chunks = [b"ab", b"c", b"d", b"efgh", b"i", b"", b"jk"]
    assert list(_pieces(iter(chunks), size=4)) == [b"abcd", b"efgh", b"ijk"]
    assert list(_pieces(iter([b"abc", b"d"]), size=4)) == [b"abcd"]  # exactly the size: given at once
    assert list(_pieces(iter([b"abcd", b"ab", b"c", b"d"]), size=4)) == [b"abcd", b"abcd"]  # each piece counted anew
    assert list(_pieces(iter([b"abcde"]), size=4)) == [b"abcde"] and list(_pieces(iter([]), size=4)) == []


def test_plain_rows_are_rows_only_in_the_sheet_data(tmp_path):
    # more rows than a batch: each batch is joined into rows with nothing between them
    rows = [(f"第{i}项", i) for i in range(600)]
    path = tmp_path / "汇总.xlsx"
    write_summary(path, [SheetData("表", "tbl_t", [Column("项"), Column("序", 6, "int")], rows),
                         SheetData("图表", "tbl_c", [Column("x")], [])], [])
    with zipfile.ZipFile(path) as package:
        data = ET.fromstring(package.read("xl/worksheets/sheet1.xml")).find(f"{MAIN}sheetData")
    assert not (data.text or "").strip() and not any((row.tail or "").strip() for row in data)
    assert [row.get("r") for row in data] == [str(n) for n in range(1, 602)]
    assert list(openpyxl.load_workbook(path, read_only=True)["表"].iter_rows(min_row=2, values_only=True)) == rows


def test_a_workers_block_of_rows_is_each_row_rendered_with_its_lead_and_end():
    rows = [("甲", 3, dt.date(2024, 1, 2)), ("", None, None), ("a<b", -1, dt.date(1900, 1, 5))]
    kinds = ["text", "int", "date"]
    lead = render(("源.xlsx",), ["text"])
    assert render_rows(rows, kinds, lead) == "".join(lead + render(row, kinds) + ROW_END for row in rows)
    assert render_rows(rows[:1], kinds) == render(rows[0], kinds) + ROW_END  # no lead by default


def test_rows_are_made_from_each_sources_items_in_turn_as_read():
    made = []

    def make(item):
        made.append(item)
        return (item, item * 2), ({0: "error"} if item == 2 else None)

    def other(item):
        made.append(item)
        return (item, None), {1: "short"}

    rows = Rows(([1, 2], make), (["外"], other), ([], make))
    assert len(rows) == 3 and made == []  # nothing made before it is read
    assert list(rows.marked()) == [((1, 2), None), ((2, 4), {0: "error"}), (("外", None), {1: "short"})]
    assert list(rows) == [(1, 2), (2, 4), ("外", None)] and made == [1, 2, "外", 1, 2, "外"]  # made again each reading
