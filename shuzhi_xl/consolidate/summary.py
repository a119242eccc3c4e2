"""The summary workbook: one sheet per view of all branches, each an Excel table, plus native charts.

XlsxWriter lays out the workbook (styles, widths, tables, frozen header, print setup, charts, the marker).
The rows, up to millions of cells, are streamed into each sheet's ``<sheetData>`` as SpreadsheetML
(``xlsx.cellxml``) while the package is written: XlsxWriter's own ``write_row`` takes 2.7-4.4× as long
per cell (measured on 450,000 summary cells) and needs every row in memory or in one sheet at a time. Rows of
the detail sheets come rendered from the workers (cells without references), so the parent only numbers them.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zipfile
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..limits import MAX_PART_BYTES
from ..opc import CONTENT_TYPES, FixedZip, fast_zlib
from ..xlsx import cellxml
from ..xlsx.bounds import PACKAGE_ERRORS, package_sheet_parts

HEAD = {"font_name": "宋体", "font_size": 11, "bold": True, "font_color": "#FFFFFF", "bg_color": "#C00000",
        "text_wrap": True, "valign": "vcenter"}
BODY = {"font_name": "宋体", "font_size": 11}
KINDS = {"text": {"num_format": "@"}, "longtext": {"num_format": "@", "text_wrap": True, "valign": "top"},
         "int": {"num_format": "0"}, "number": {"num_format": "General"}, "date": {"num_format": "yyyy-mm-dd"},
         "datetime": {"num_format": "yyyy-mm-dd hh:mm"}, "percent": {"num_format": "0%"}}
#: Highlights of a cell: an error (有错误, 无法读取) and a shortfall against the rules (有问题, 未达标, 单位不一).
MARKS = {"error": {"bg_color": "#FFC7CE", "font_color": "#9C0006"},
         "short": {"bg_color": "#FFEB9C", "font_color": "#9C5700"}}
OVERVIEW_SHEET, PROBLEMS_SHEET, FINDINGS_SHEET, UNREADABLE_SHEET = "总览", "问题汇总", "检查结果", "未能读取"
CHART_SHEET = "图表"
#: Custom document property marking the workbook as a summary, so consolidating a folder that holds one skips it
#: (summaries written before 2026-12 carry it as a hidden defined name).
SUMMARY_MARKER = "shuzhi_summary"
_MARKER = re.compile(rb'<(?:definedName|property)[^>]*name="' + SUMMARY_MARKER.encode() + rb'"')
#: Sheets only a summary has together: summaries written before the marker existed are known by them.
_SUMMARY_SHEETS = [re.compile(rb'<sheet [^>]*name="' + name.encode() + rb'"')
                   for name in (OVERVIEW_SHEET, PROBLEMS_SHEET, FINDINGS_SHEET, UNREADABLE_SHEET)]
#: Widest sheet still printed at the page's width; wider ones run on over several pages.
PRINT_FIT_COLUMNS = 12
#: Room for three lines of a wrapped header such as 支部党员大会（每季度至少1次）.
HEADER_HEIGHT = 45
#: A bar of a chart is at least this high (pixels), so that each category keeps its label.
BAR_PIXELS = 18
CHART_WIDTH = 720
#: The creation time stamped in every summary (package.FIXED_W3C_TIME): the same rows give the same bytes.
FIXED_TIME = dt.datetime(2024, 1, 1)
_SHEET_DATA = re.compile(r"<sheetData>.*</sheetData>|<sheetData/>", re.S)
_DIMENSION = re.compile(r'<dimension ref="[^"]*"/>')
_TABLE_NAME = re.compile(r'<table [^>]*displayName="([^"]+)"')
_TABLE_REF = re.compile(r'(\bref="A1:[A-Z]+)2"')
_PROBE = re.compile(r'<c r="([A-Z]+)2" s="(\d+)"')


@dataclass(frozen=True)
class Column:
    """A column of a summary sheet: its header, width and kind (one of KINDS)."""

    label: str
    width: int = 14
    kind: str = "text"


#: Ends each rendered row in a block of rows; text never holds it (cellxml drops control characters).
ROW_END = "\x00"
#: A row of a template (row_template), its number to be filled in.
_ROW_START = b'<row r="%d">'


def row_template(block: str) -> bytes:
    """Return *block* (rows of cells, each ended by ROW_END) as the writer takes it: each row in
    ``<row r="%d">…</row>`` and every other "%" doubled, so that the writer numbers a run of blocks with one
    ``bytes % numbers`` (in the worker: the parent neither splits nor joins the rows). Replaced in the UTF-8
    bytes, a third of the work on the str (no byte of a multi-byte character is "%" or ROW_END)."""
    rows = block.encode().replace(b"%", b"%%").replace(ROW_END.encode(), b"</row>" + _ROW_START)
    return _ROW_START + rows[:-len(_ROW_START)] if rows else b""


@dataclass
class Rendered:
    """Rows already rendered as row templates (row_template), with their number: in blocks of UTF-8 bytes, each
    with the number of its rows, which the writer numbers without decoding them."""

    count: int
    blocks: Iterable[tuple[bytes, int]]


#: The highlight of some cells of a row: column index → one of MARKS.
Marks = dict[int, str]


#: Some items and what makes each one's row: its values and marks (or None).
RowSource = tuple[Collection, Callable[[object], tuple[tuple, Marks | None]]]


class Rows:
    """A sheet's rows made from the items of each of *sources* in turn, each time they are read: one row per branch
    (read back from disk), one per unreadable file, without holding them all."""

    def __init__(self, *sources: RowSource):
        self._sources = sources

    def __len__(self) -> int:
        return sum(len(items) for items, _ in self._sources)

    def __iter__(self) -> Iterator[tuple]:
        return (values for values, _ in self.marked())

    def marked(self) -> Iterator[tuple[tuple, Marks | None]]:
        for items, make in self._sources:
            yield from map(make, items)


@dataclass
class SheetData:
    """One summary sheet: columns, rows of values in column order (rendered rows, or Rows made as they are read),
    and how many columns stay frozen. *marks* gives, for some rows (by index), the highlight of some cells."""

    name: str
    table: str  #: ASCII Excel table name
    columns: list[Column]
    rows: list[tuple] | Rendered | Rows
    freeze_columns: int = 0
    marks: dict[int, Marks] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return self.rows.count if isinstance(self.rows, Rendered) else len(self.rows)

    def marked(self) -> Iterator[tuple[tuple, Marks | None]]:
        """Yield each row's values and marks."""
        if isinstance(self.rows, Rows):
            return self.rows.marked()
        return ((values, self.marks.get(i)) for i, values in enumerate(self.rows))


@dataclass(frozen=True)
class BarSpec:
    """A native bar chart over a block of a sheet: categories in one column, series in adjacent columns."""

    title: str
    sheet: str
    category_column: int  #: 0-based
    first_series_column: int
    last_series_column: int
    rows: int
    y_title: str
    stacked: bool = True
    horizontal: bool = True


#: The parts is_summary_workbook reads.
_MARKED_PARTS = ("xl/workbook.xml", "docProps/custom.xml")


def is_summary_workbook(path: str | Path) -> bool:
    """Return True when *path* is a summary workbook this program wrote: it carries the marker, or (written by an
    earlier version) all of the summary's own sheets."""
    try:
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
            # Looked at after the reader refused the file, perhaps for its size: a part past the limits is no summary's
            # and is not inflated (a few hundred KB can declare, and inflate to, gigabytes).
            if any(package.getinfo(name).file_size > MAX_PART_BYTES for name in _MARKED_PARTS if name in names):
                return False
            workbook = package.read("xl/workbook.xml")
            custom = package.read("docProps/custom.xml") if "docProps/custom.xml" in names else b""
    except PACKAGE_ERRORS:  # a damaged package (a bad deflate stream, an unsupported method) is no summary
        return False
    return any(_MARKER.search(part) for part in (custom, workbook)) or all(s.search(workbook) for s in _SUMMARY_SHEETS)


def _style_keys() -> list[tuple[str, str | None]]:
    """Return every cell style of a summary, (kind, mark), in the fixed order the workbook first uses them."""
    return [("head", None)] + [(kind, mark) for kind in KINDS for mark in (None, *MARKS)]


@functools.lru_cache(maxsize=1)
def style_ids() -> dict[tuple[str, str | None], int]:
    """Return the cell style id of each (kind, mark) in every summary: the workers render rows with them."""
    return _probed_ids(_skeleton([SheetData("x", "tbl_x", [Column("x")], [])], []))


def render(values: tuple | list, kinds: list[str], marks: dict[int, str] | None = None) -> str:
    """Return the cells of one row of *values*, each in the style of its column's kind (and its mark)."""
    ids = style_ids()
    if marks:
        return cellxml.cells(values, [ids[kind, marks.get(i)] for i, kind in enumerate(kinds)])
    return cellxml.cells(values, [ids[kind, None] for kind in kinds])


def render_rows(rows: list[tuple], kinds: list[str], lead: str = "") -> str:
    """Return ``lead + render(values, kinds) + ROW_END`` for each of *rows* (no marks), joined: a block of rows as
    a worker hands it over (*lead*: cells already rendered that open each row), worked out a column at a time."""
    ids = style_ids()
    return cellxml.block(rows, [ids[kind, None] for kind in kinds], lead, ROW_END)


def write_summary(out: str | Path | BinaryIO, sheets: list[SheetData], charts: list[BarSpec]) -> None:
    """Write the summary workbook to *out*: *sheets* in order, the charts on CHART_SHEET (one of them).

    Rows are streamed from each sheet's rows into the package: rendered rows are never all in memory.
    """
    codec = fast_zlib()  # tens of MB of rows: worth its import
    skeleton = _skeleton(sheets, charts)
    with zipfile.ZipFile(io.BytesIO(skeleton)) as package:
        if _probed_ids(skeleton) != style_ids():
            raise AssertionError("summary styles differ from the ones rows were rendered with")
        parts = package_sheet_parts(package)
        streamed = {parts[data.name]: data for data in sheets}
        tables = {data.table: data for data in sheets}
        names = sorted(package.namelist(), key=lambda n: n != CONTENT_TYPES)
        with FixedZip(out) as dst:
            for name in names:
                if name in streamed:
                    chunks = _sheet_xml(package.read(name).decode("utf-8"), streamed[name])
                elif name.startswith("xl/tables/"):
                    chunks = [_table_xml(package.read(name).decode("utf-8"), tables)]
                else:
                    chunks = [package.read(name)]
                # Tens of MB of row XML, deflated by the parent alone: level 1 (under half the time of the default 6)
                dst.add_deflated(name, _pieces(chunks), level=1, codec=codec)


def _pieces(chunks: Iterable[bytes], size: int = 1 << 16) -> Iterator[bytes]:
    """Yield *chunks* joined into pieces of at least *size* bytes (the last may be shorter): ISA-L builds a block's
    codes from the first piece it is given, and a small one (a sheet's head) can leave the rest poorly compressed."""
    pending, length = [], 0
    for chunk in chunks:
        pending.append(chunk)
        length += len(chunk)
        if length >= size:
            yield b"".join(pending)
            pending, length = [], 0
    if pending:
        yield b"".join(pending)


def _sheet_xml(xml: str, data: SheetData) -> Iterator[bytes]:
    """Yield the sheet *xml* with its ``<sheetData>`` holding the header and every row of *data*, in pieces."""
    labels = [c.label for c in data.columns]
    last = f"{cellxml.LETTERS[len(labels) - 1]}{data.count + 1}"
    head, tail = _SHEET_DATA.split(_DIMENSION.sub(f'<dimension ref="A1:{last}"/>', xml, count=1), maxsplit=1)
    header = cellxml.cells(labels, [style_ids()["head", None]] * len(labels))
    yield f'{head}<sheetData><row r="1" ht="{HEADER_HEIGHT}" customHeight="1">{header}</row>'.encode()
    if isinstance(data.rows, Rendered):
        number = 2
        for block, count in data.rows.blocks:
            yield block % tuple(range(number, number + count))
            number += count
    else:
        for batch in _batches(_rendered(data)):
            yield "".join(f'<row r="{n}">{cells}</row>' for n, cells in batch).encode("utf-8")
    yield f"</sheetData>{tail}".encode()


def _table_xml(xml: str, tables: dict[str, SheetData]) -> bytes:
    """Return a table part with its range (and its filter's) reaching the last row of its sheet."""
    data = tables[_TABLE_NAME.search(xml).group(1)]
    return _TABLE_REF.sub(rf'\g<1>{max(2, data.count + 1)}"', xml).encode("utf-8")


def _rendered(data: SheetData) -> Iterator[str]:
    kinds = [c.kind for c in data.columns]
    for values, marks in data.marked():
        yield render(values, kinds, marks)


def _batches(cells: Iterable[str], size: int = 256) -> Iterator[list[tuple[int, str]]]:
    """Yield the rows, numbered from 2, in lists of *size*: each list is joined and encoded at once, not row by row
    (_pieces then gathers the lists into the pieces deflated). Small lists keep the parent's peak flat: 2,000 rows
    of 总览 held ~12 MB at once (rows, joined, encoded), only past 2,000 files."""
    batch = []
    for n, row in enumerate(cells, start=2):
        batch.append((n, row))
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _probed_ids(skeleton: bytes) -> dict[tuple[str, str | None], int]:
    """Return the style id of each style key, read from the probe cells the skeleton's first sheet holds."""
    with zipfile.ZipFile(io.BytesIO(skeleton)) as package:
        first = next(iter(package_sheet_parts(package).values()))
        probes = dict(_PROBE.findall(package.read(first).decode("utf-8")))
    return {key: int(probes[cellxml.LETTERS[i]]) for i, key in enumerate(_style_keys())}


def _skeleton(sheets: list[SheetData], charts: list[BarSpec]) -> bytes:
    """Return the workbook laid out by XlsxWriter with no rows: its sheet data is replaced when streamed."""
    import xlsxwriter  # only consolidation writes a summary

    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    formats = {key: wb.add_format({**(HEAD if kind == "head" else {**BODY, **KINDS[kind], **MARKS.get(mark, {})})})
               for key in _style_keys() for kind, mark in [key]}
    # XlsxWriter numbers styles in the order the XML first uses them, which depends on the sheets' columns. The
    # workers render rows before those are known, so each style takes its id now, in a fixed order (write_summary
    # checks the ids against the probes).
    for key in _style_keys():
        formats[key]._get_xf_index()
    worksheets = {}
    for n, data in enumerate(sheets):
        ws = worksheets[data.name] = wb.add_worksheet(data.name)
        if n == 0:  # read back by _probed_ids
            for i, key in enumerate(_style_keys()):
                ws.write_blank(1, i, None, formats[key])
        _lay_out(ws, data, formats)
    if charts:
        chart_sheet = worksheets[CHART_SHEET]
        left = len(next(d for d in sheets if d.name == CHART_SHEET).columns) + 1
        top = 1
        for spec in charts:
            chart, height = _bar_chart(wb, spec)
            chart_sheet.insert_chart(top, left, chart)
            top += height // 20 + 2  # default rows are 20 pixels high
    wb.set_custom_property(SUMMARY_MARKER, "1")
    wb.set_properties({"title": "述职报告汇总", "author": "shuzhi_xl", "created": FIXED_TIME})
    wb.close()
    return buffer.getvalue()


def _lay_out(ws, data: SheetData, formats: dict) -> None:
    """Set widths and column styles, the table, the frozen header and the print setup of one sheet."""
    for col, column in enumerate(data.columns):
        ws.set_column(col, col, column.width, formats[column.kind, None])
    # Office users filter and sort these sheets: an Excel table over the header and every row. Laid out over the
    # header and one row: XlsxWriter records every cell of a table's range (63 million dict entries for 100,000
    # files), so the range is extended to the rows streamed when the package is written (_table_xml).
    ws.add_table(0, 0, 1, len(data.columns) - 1,
                 {"name": data.table, "style": "Table Style Medium 2",
                  "columns": [{"header": c.label} for c in data.columns]})
    ws.freeze_panes(1, data.freeze_columns)
    # Offices print these for the meeting: landscape, the header on every page. A narrow sheet fits the page
    # width; a wide one (the overview) would shrink unreadably, so it runs on with its key columns repeated.
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.repeat_rows(0)
    if len(data.columns) <= PRINT_FIT_COLUMNS:
        ws.fit_to_pages(1, 0)
    else:
        ws.repeat_columns(0, max(1, data.freeze_columns) - 1)


def _bar_chart(wb, spec: BarSpec):
    """Return a native chart of *spec* and its height in pixels: a bar (or column) per category, every label shown."""
    chart = wb.add_chart({"type": "bar" if spec.horizontal else "column",
                          "subtype": "stacked" if spec.stacked else "clustered"})
    for col in range(spec.first_series_column, spec.last_series_column + 1):
        chart.add_series({"name": [spec.sheet, 0, col],
                          "categories": [spec.sheet, 1, spec.category_column, spec.rows, spec.category_column],
                          "values": [spec.sheet, 1, col, spec.rows, col], "gap": 60,
                          **({"overlap": 100} if spec.stacked else {})})
    # Bar charts put the categories on XlsxWriter's y axis, column charts on its x axis.
    category_axis = {"interval_unit": 1, "reverse": spec.horizontal, "num_font": {"size": 9}}
    value_axis = {"name": spec.y_title, "major_gridlines": {"visible": True}}
    (chart.set_y_axis if spec.horizontal else chart.set_x_axis)(category_axis)
    (chart.set_x_axis if spec.horizontal else chart.set_y_axis)(value_axis)
    chart.set_title({"name": spec.title, "name_font": {"size": 12}})
    chart.set_legend({"position": "bottom"})
    height = max(288, BAR_PIXELS * spec.rows + 120) if spec.horizontal else 320
    chart.set_size({"width": CHART_WIDTH, "height": height})
    return chart, height
