"""The summary workbook: one sheet per view of all branches, each an Excel table, plus native charts.

openpyxl lays out each sheet (header, widths, frozen header, table, charts) and defines the cell
styles on a probe row; the data rows, tens of thousands of them, are then written as SpreadsheetML
by ``xlsx.cellxml`` and spliced in, ~20× faster than openpyxl and with every branch text an inline
string, never a formula.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from ..xlsx import cellxml
from ..xlsx.package import repack

HEAD = Font(name="宋体", size=11, bold=True, color="FFFFFF")
HEAD_FILL = PatternFill("solid", fgColor="C00000")
BODY = Font(name="宋体", size=11)
WRAP = Alignment(wrap_text=True, vertical="top")
FORMATS = {"date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm", "int": "0", "number": "General", "percent": "0%"}
OVERVIEW_SHEET, PROBLEMS_SHEET, FINDINGS_SHEET, UNREADABLE_SHEET = "总览", "问题汇总", "检查结果", "未能读取"
CHART_SHEET = "图表"
#: Hidden defined name marking the workbook as a summary, so consolidating a folder that holds one skips it.
SUMMARY_MARKER = "shuzhi_summary"
_MARKER = re.compile(rb'<definedName[^>]*name="' + SUMMARY_MARKER.encode() + rb'"')
#: Sheets only a summary has together: summaries written before the marker existed are known by them.
_SUMMARY_SHEETS = [re.compile(rb'<sheet [^>]*name="' + name.encode() + rb'"')
                   for name in (OVERVIEW_SHEET, PROBLEMS_SHEET, FINDINGS_SHEET, UNREADABLE_SHEET)]
#: Widest sheet still printed at the page's width; wider ones run on over several pages.
PRINT_FIT_COLUMNS = 12
#: Room for three lines of a wrapped header such as 支部党员大会（每季度至少1次）.
HEADER_HEIGHT = 45
#: Rows rendered per task: large enough that sending them to a worker costs little, small enough to share out.
CHUNK_ROWS = 4000
_SHEET_DATA = re.compile(r"<sheetData>.*</sheetData>|<sheetData/>", re.S)
_DIMENSION = re.compile(r'<dimension ref="[^"]*"/>')


@dataclass(frozen=True)
class Column:
    """A column of a summary sheet: its header, width and kind (text, longtext, int, number, date, datetime)."""

    label: str
    width: int = 14
    kind: str = "text"


@dataclass
class SheetData:
    """One summary sheet: columns, rows of values (in column order) and how many columns stay frozen."""

    name: str
    table: str  #: ASCII Excel table name
    columns: list[Column]
    rows: list[tuple]
    freeze_columns: int = 0


@dataclass
class BarSpec:
    """A native bar chart over a block of a sheet: categories in one column, series in adjacent columns."""

    title: str
    sheet: str
    category_column: int
    first_series_column: int
    last_series_column: int
    rows: int
    y_title: str
    stacked: bool = True


def is_summary_workbook(path: str | Path) -> bool:
    """Return True when *path* is a summary workbook this program wrote: it carries the marker, or (written by an
    earlier version) all of the summary's own sheets."""
    try:
        with zipfile.ZipFile(path) as package:
            workbook = package.read("xl/workbook.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return _MARKER.search(workbook) is not None or all(sheet.search(workbook) for sheet in _SUMMARY_SHEETS)


def render_rows(chunk: tuple[int, list[tuple], list[int]]) -> str:
    """Return the ``<row>`` elements of (first row number, rows of values, column styles): a pure function, so a
    process pool can render a sheet's chunks side by side and the joined result is the same."""
    first, rows, styles = chunk
    return "".join([cellxml.row(number, values, styles) for number, values in enumerate(rows, start=first)])


def summary_bytes(sheets: list[SheetData], charts: list[BarSpec], chart_table: SheetData,
                  render: Callable = map) -> bytes:
    """Return the summary workbook as .xlsx bytes: *sheets* in order, then *chart_table* with *charts* beside it.

    *render* maps ``render_rows`` over the row chunks; pass a process pool's ``map`` to render them in parallel.
    """
    wb = Workbook()
    wb.remove(wb.active)
    styles = {}
    for data in [*sheets, chart_table]:
        styles[data.name] = _lay_out(wb.create_sheet(data.name), data)
    chart_ws = wb[chart_table.name]
    for n, spec in enumerate(charts):
        chart_ws.add_chart(_bar_chart(wb[spec.sheet], spec), f"{get_column_letter(len(chart_table.columns) + 2)}"
                                                              f"{2 + 22 * n}")
    wb.defined_names[SUMMARY_MARKER] = DefinedName(SUMMARY_MARKER, attr_text='"1"', hidden=True)
    wb.properties.title = "述职报告汇总"
    wb.properties.creator = "shuzhi_xl"
    buffer = io.BytesIO()
    wb.save(buffer)
    everything = [*sheets, chart_table]
    chunks = [(data.name, (start + 2, data.rows[start:start + CHUNK_ROWS], styles[data.name][1]))
              for data in everything for start in range(0, len(data.rows), CHUNK_ROWS)]
    bodies = {data.name: [] for data in everything}
    for (name, _), xml in zip(chunks, render(render_rows, [chunk for _, chunk in chunks])):
        bodies[name].append(xml)
    replace = {}
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as package:
        parts = cellxml.sheet_parts(package)
        for data in everything:
            part = parts[data.name]
            replace[part] = _splice(package.read(part).decode("utf-8"), data, styles[data.name][0],
                                    "".join(bodies[data.name])).encode("utf-8")
    # Tens of MB of row XML: level 1 deflates it in under half the time of the default, for a third more bytes.
    return repack(buffer.getvalue(), replace, level=1)


def _lay_out(ws, data: SheetData) -> tuple[int, list[int]]:
    """Write the header and a probe row defining each column's style (font, wrap, number format); add the
    table and frozen panes. Return the header's style and each column's data style."""
    for col, column in enumerate(data.columns, start=1):
        head = ws.cell(1, col, column.label)
        head.font, head.fill, head.alignment = HEAD, HEAD_FILL, Alignment(wrap_text=True, vertical="center")
        probe = ws.cell(2, col)
        probe.font = BODY
        if column.kind == "longtext":
            probe.alignment = WRAP
        probe.number_format = FORMATS.get(column.kind, "@")
        ws.column_dimensions[get_column_letter(col)].width = column.width
    last = get_column_letter(len(data.columns))
    ref = f"A1:{last}{max(2, len(data.rows) + 1)}"
    # Columns named here: otherwise openpyxl reads them from the cells, creating every cell of the range.
    table = Table(displayName=data.table, ref=ref, autoFilter=AutoFilter(ref=ref),
                  tableColumns=[TableColumn(id=i, name=c.label) for i, c in enumerate(data.columns, start=1)])
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    ws.freeze_panes = f"{get_column_letter(data.freeze_columns + 1)}2"
    # Offices print these for the meeting: landscape, the header on every page. A narrow sheet fits the page
    # width; a wide one (the overview) would shrink unreadably, so it runs on with its key columns repeated.
    ws.page_setup.paperSize, ws.page_setup.orientation = ws.PAPERSIZE_A4, "landscape"
    ws.print_title_rows = "1:1"
    if len(data.columns) <= PRINT_FIT_COLUMNS:
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    else:
        ws.print_title_cols = f"A:{get_column_letter(max(1, data.freeze_columns))}"
    return ws.cell(1, 1).style_id, [ws.cell(2, c).style_id for c in range(1, len(data.columns) + 1)]


def _splice(xml: str, data: SheetData, head_style: int, rows: str) -> str:
    """Return the sheet's XML with its header and the rendered *rows* in place of openpyxl's header and probe."""
    labels = tuple(c.label for c in data.columns)
    header = cellxml.row(1, labels, (head_style,) * len(labels), height=HEADER_HEIGHT)
    body = "<sheetData>" + header + rows + "</sheetData>"
    last = f"{get_column_letter(len(labels))}{len(data.rows) + 1}"
    xml = _DIMENSION.sub(f'<dimension ref="A1:{last}"/>', xml, count=1)
    return _SHEET_DATA.sub(lambda _: body, xml, count=1)


def _bar_chart(ws, spec: BarSpec) -> BarChart:
    chart = BarChart()
    chart.type = "bar" if spec.rows > 12 else "col"
    chart.grouping = "stacked" if spec.stacked else "clustered"
    if spec.stacked:
        chart.overlap = 100
    chart.title, chart.y_axis.title = spec.title, spec.y_title
    data = Reference(ws, min_col=spec.first_series_column, max_col=spec.last_series_column,
                     min_row=1, max_row=spec.rows + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=spec.category_column, min_row=2, max_row=spec.rows + 1))
    chart.width = 24
    chart.height = max(10, min(60, 0.45 * spec.rows)) if chart.type == "bar" else 10
    chart.legend.position = "b"
    return chart
