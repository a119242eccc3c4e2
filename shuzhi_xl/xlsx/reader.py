"""Read a workbook into the model, keeping the cell every value came from.

Two steps: ``open_grids`` turns a file into plain grids (lists of rows from A1, via python-calamine),
and ``report_from_grids`` turns grids into a Report. The Excel door feeds ``report_from_grids`` with
grids read from a live workbook, so both paths share every rule below.

python-calamine is used because it reads the sample 15–20× faster than openpyxl (bench/read_engines.py);
formatting, which only openpyxl sees, is not needed for reading.
"""

from __future__ import annotations

import itertools
import threading
from operator import itemgetter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from .. import schema
from ..errors import WorkbookError
from ..model import IgnoredValue, Info, LedgerEntry, Location, Metric, Report
from . import legacy
from .body import body_parts
from .form import label_rows, value_b
from .sniff import open_grids
from .values import date, integer, number, text, texts, year  # noqa: F401 - integer, date: imported from here

Grid = Sequence[Sequence[object]]
#: The kinds of column whose value a parser reads as the cell holds it (a date, a count, a figure); the others
#: are read as clean text.
_PARSED_KINDS = ("int", "number", "date")
#: The table columns read into a LedgerEntry and a Metric, in the order of the record's fields.
_LEDGER_KEYS = ("date", "kind", "topic", "participants", "note")
_METRIC_KEYS = ("name", "value", "unit", "note")


def read_workbook(path: str | Path, *, silence_rust: bool = False) -> Report:
    """Return the Report held in the workbook at *path*; raise WorkbookError when it cannot be used. *silence_rust*
    as for sniff.calamine_refused."""
    grids = open_grids(path, silence_rust=silence_rust)
    return report_from_grids(grids, source=str(path))


def report_from_grids(grids: dict[str, Grid], source: str = "") -> Report:
    """Return the Report held in *grids* (sheet name → rows of cell values, starting at A1)."""
    v1 = legacy.is_v1(grids)
    needed = [s.name for s in schema.SHEETS if s is not schema.BODY] + list(legacy.SHEET_NAMES) if v1 else \
        [s.name for s in schema.SHEETS]
    missing = [name for name in needed if name not in grids]
    if missing:
        # A workbook with the version marker came from the template: a missing sheet was renamed or deleted,
        # and reading it as empty would silently drop its data.
        names = "、".join(f"“{name}”" for name in missing)
        raise WorkbookError(f"缺少工作表{names}。工作表的名称不能修改：如果改过名，请改回{names}；如果删除了，"
                            "请从 shuzhi template 生成的模板中把这张表复制过来。", source)
    reader = SheetReader(grids, source)
    info = reader.info(reader.form_values(schema.INFO))
    parts = legacy.parts_v1(grids) if v1 else body_parts(reader)
    return Report(info=info, parts=parts, ledger=reader.ledger(), metrics=reader.metrics(),
                  source=source, ignored=reader.ignored, version=legacy.VERSION if v1 else schema.SCHEMA_VERSION)


def _picker(indices: list[int]) -> Callable[[Sequence], tuple]:
    """Return a function giving the values at *indices* of a row, as a tuple (itemgetter's C speed)."""
    get = itemgetter(*indices)
    return get if len(indices) > 1 else lambda row: (get(row),)


#: A table's columns as (field key, column letter); where the cells of a row are, by field key.
Columns = tuple[tuple[str, str], ...]
Where = Mapping[str, Location]
#: How many layouts (a sheet's header or column A, as a file arranges it) each memo of a process keeps: the
#: template has one per sheet; a user may move a column or add a row.
_KEPT_LAYOUTS = 16
_memos: list[_Memo] = []


class _Memo(dict):
    """What a process works out once per layout and keeps for every workbook of that layout (a worker reads
    thousands of one template's): key → [value, when last used]. Bounded by one rule: at most _KEPT_LAYOUTS values,
    none larger than *largest* (in the caller's measure); when full, the one least recently used goes. Neither the
    first comers kept for good (a process whose first files were laid out oddly would pay, on every later file of
    the template, what a memo saves: all three together ~0.3 ms a file) nor all dropped at once when full (in a
    folder of hundreds of layouts the template's then went every few files)."""

    def __init__(self, largest: int):
        super().__init__()
        self.largest = largest
        self._uses = itertools.count()
        self._lock = threading.Lock()  # the web server reads workbooks in threads: the keys change one at a time
        _memos.append(self)

    def recall(self, key: tuple, default: object = None) -> object:
        """Return the value kept under *key*, noting its use; *default* when none is."""
        kept = self.get(key)
        if kept is None:
            return default
        kept[1] = next(self._uses)  # one lookup a use: the keys are long tuples, hashed each time
        return kept[0]

    def keep(self, key: tuple, value: object, size: int) -> None:
        """Keep *value* under *key* unless its *size* is past the memo's largest."""
        if size <= self.largest:
            with self._lock:
                if len(self) >= _KEPT_LAYOUTS and key not in self:
                    del self[min(self, key=lambda kept: self[kept][1])]
                self[key] = [value, next(self._uses)]

    def clear(self) -> None:
        with self._lock:
            super().clear()


def forget() -> None:
    """Empty what this process keeps of the workbooks it read (rows' locations, tables, forms)."""
    for memo in _memos:
        memo.clear()


#: Where the cells of a table's rows are, by sheet and columns: kept up to a year's ledger (a few hundred rows).
_row_cells = _Memo(largest=500)


def _rows_where(sheet: str, columns: Columns, rows: int) -> tuple[Where | None, ...]:
    """Return by row number, up to row *rows* at least, where each of *columns* (field key, column letter) of
    *sheet* is: a read-only mapping field key → Location (row 0: None).

    The same cells recur in every workbook: a worker makes them once and every report it reads shares them, instead
    of ~450 locations in ~80 dicts a workbook (a third of the reading). Read-only, so no report can change another's;
    a longer tuple replaces the kept one, never grown in place, so threads reading at once never see one half made."""
    key = (sheet, columns)
    kept = _row_cells.recall(key, (None,))
    if len(kept) <= rows:
        kept += tuple(MappingProxyType({field: Location(sheet, f"{letter}{r}") for field, letter in columns})
                      for r in range(len(kept), rows + 1))
        _row_cells.keep(key, kept, rows)
    return kept


class _Table(NamedTuple):
    """How to read some columns (by field key, in a caller's order) of a table, as its header row places them."""

    #: each key's column, 0-based
    columns: tuple[int, ...]
    #: cells a row needs to hold them all
    width: int
    #: the positions of the keys read as clean text (the others: as the cells hold them, for a parser)
    plain: tuple[int, ...]
    #: a row is a record when one of these values is filled or one of *typed* holds text (a row the template
    #: labelled in advance but that is not yet filled is none: it would print an empty 一是)
    filled: Callable[[Sequence], tuple]
    typed: tuple[int, ...]
    #: (field key, column letter), for _rows_where
    cells: Columns


#: The tables a process has read, by sheet name, keys and header labels; the forms, by sheet name and the filled
#: cells of column A with their rows (not the empty ones: 20,000 empty rows would be kept with each form). Each
#: only for labels of at most _KEPT_LABEL_CHARS characters in all: a template's are ~200, and a file of long labels
#: must not leave megabytes behind in a worker or the web server.
_KEPT_LABEL_CHARS = 4_000
_tables = _Memo(largest=_KEPT_LABEL_CHARS)
_forms = _Memo(largest=_KEPT_LABEL_CHARS)


class SheetReader:
    """Finds labels and headers in grids and hands out values with their locations."""

    def __init__(self, grids: dict[str, Grid], source: str):
        self.grids, self.source = grids, source
        self.ignored: list[IgnoredValue] = []

    def parsed(self, parse, raw: object, where: Location, field: schema.Field):
        """Return parse(raw), noting a filled value it cannot read (the checks then say so at its cell)."""
        value = parse(raw)
        if value is None and raw is not None and text(raw):
            self.ignored.append(IgnoredValue(where, field, text(raw)))
        return value

    def choice(self, value: str, where: Location, field: schema.Field, fallback: str = "") -> str:
        """Return the choice filled in (*value*, clean text), or *fallback* when it is empty or not one of *field*'s
        choices (noted)."""
        if value and value not in field.choices:
            self.ignored.append(IgnoredValue(where, field, value, fallback))
            return fallback
        return value or fallback

    def form_values(self, sheet: schema.Sheet) -> dict[str, tuple[object, Location]]:
        """Return ``{field key: (raw value, location)}``, finding each label in column A (where they stand is
        worked out once per column A a process meets: every workbook of a template has the same)."""
        grid = self.grids[sheet.name]
        filled = tuple((r, label) for r, label in enumerate(texts([row[0] if row else None for row in grid]), start=1)
                       if label)
        known = (sheet.name, filled)
        places = _forms.recall(known)
        if places is None:
            places = self._places(sheet, grid)
            _forms.keep(known, places, sum(len(label) for _, label in filled))
        return {key: (value_b(grid, row), where) for key, row, where in places}

    def _places(self, sheet: schema.Sheet, grid: Grid) -> tuple[tuple[str, int, Location], ...]:
        """Return each of *sheet*'s form fields as its key, the row its label stands in and where its value is;
        raise WorkbookError when a label is missing or doubled."""
        labels = label_rows(grid)
        out = []
        for f in sheet.form:
            rows = labels.get(f.label, [])
            if not rows:
                raise WorkbookError(f"找不到“{f.label}”一栏（应在 A{sheet.form_row(f.key)}）。请勿修改 A 列的栏目名称。",
                                    self.source, sheet.name, f"A{sheet.form_row(f.key)}")
            self._single(sheet, f.label, [f"A{r}" for r in rows])
            out.append((f.key, rows[0], Location(sheet.name, f"B{rows[0]}")))
        return tuple(out)

    def _single(self, sheet: schema.Sheet, label: str, cells: list[str]) -> None:
        """Raise WorkbookError when *label* stands in more than one of *cells*: one of its values would be lost."""
        if len(cells) > 1:
            raise WorkbookError(f"“{label}”出现了 {len(cells)} 次（{'、'.join(cells)}），程序不知道该用哪一处。"
                                "请只保留一处，把多余的行或列删除或改名。", self.source, sheet.name, cells[1])

    def records(self, sheet: schema.Sheet, keys: Sequence[str]) -> list[tuple[tuple, Where]]:
        """Return the rows of *sheet*'s table holding more than an order number, in order: each as its values in
        the columns of *keys* (field keys, in that order) and where the row's cells are. A value is clean text
        (values.text) in a text or choice column, the cell's own value in a column a parser reads."""
        grid = self.grids[sheet.name]
        header = sheet.header_row
        table = self._table(sheet, keys, grid)
        width = table.width
        rows = [row if len(row) >= width else [*row, *(None,) * (width - len(row))] for row in grid[header:]]
        values = [[row[column] for row in rows] for column in table.columns]
        for n in table.plain:  # text cleaned a column at a time
            values[n] = texts(values[n])
        found = [(r, row) for r, row in enumerate(zip(*values), start=header + 1)
                 if any(table.filled(row)) or any(text(row[n]) for n in table.typed)]
        # Where the rows are, up to the last record's (rows below it, however many, cost nothing).
        where = _rows_where(sheet.name, table.cells, found[-1][0] if found else 0)
        return [(row, where[r]) for r, row in found]

    def _table(self, sheet: schema.Sheet, keys: Sequence[str], grid: Grid) -> _Table:
        """Return how to read the columns of *keys* from *sheet*'s table, by its header row (worked out once per
        header a process meets: every workbook of a template has the same); raise WorkbookError when a header is
        missing, renamed or doubled."""
        header = sheet.header_row
        labels = tuple(texts(grid[header - 1])) if len(grid) >= header else ()
        known = (sheet.name, tuple(keys), labels)
        table = _tables.recall(known)
        if table is None:
            columns = self._columns(sheet, labels)
            parsed = {f.key for f in sheet.columns if f.kind in _PARSED_KINDS}
            plain = tuple(n for n, key in enumerate(keys) if key not in parsed)
            table = _Table(columns=tuple(columns[key] - 1 for key in keys), width=max(columns.values()), plain=plain,
                           filled=_picker([n for n in plain if keys[n] not in sheet.markers]),
                           typed=tuple(n for n, key in enumerate(keys) if key in parsed and key not in sheet.markers),
                           cells=tuple((key, schema.column_letter(columns[key])) for key in keys))
            _tables.keep(known, table, sum(map(len, labels)))
        return table

    def _columns(self, sheet: schema.Sheet, labels: Sequence[str]) -> dict[str, int]:
        """Return the 1-based column of each of *sheet*'s fields by key, from its header row's *labels*; raise
        WorkbookError when a header is missing, renamed or doubled."""
        header = sheet.header_row
        columns = {}
        for index, f in enumerate(sheet.columns, start=1):
            if f.label not in labels:
                # Every column holds data the report or the checks use: a renamed header must not drop it.
                actual = labels[index - 1] if index <= len(labels) else ""
                cell = f"{schema.column_letter(index)}{header}"
                found = f"现在是“{actual}”" if actual else "现在是空的"
                raise WorkbookError(f"表头应为“{f.label}”，{found}。请勿修改表头。", self.source, sheet.name, cell)
            columns[f.key] = labels.index(f.label) + 1
            self._single(sheet, f.label, [f"{schema.column_letter(i)}{header}"
                                          for i, label in enumerate(labels, start=1) if label == f.label])
        return columns

    def info(self, values: dict[str, tuple[object, Location]]) -> Info:
        info = Info(where={key: loc for key, (_, loc) in values.items()})
        for f in schema.INFO.form:
            raw, where = values[f.key]
            if f.key == "year":
                info.year = self.parsed(year, raw, where, f)
            elif f.key == "date":
                info.date = self.parsed(date, raw, where, f)
            elif f.kind == "choice":
                setattr(info, f.key, self.choice(text(raw), where, f, f.default))
            elif hasattr(info, f.key):
                setattr(info, f.key, text(raw) or f.default)
        return info

    def ledger(self) -> list[LedgerEntry]:
        date_field, count_field = schema.LEDGER.field("date"), schema.LEDGER.field("participants")
        # LedgerEntry's fields in order (positional: keywords cost as much as the rest of the entry)
        return [LedgerEntry(self.parsed(date, day, where["date"], date_field), kind, topic,
                            self.parsed(integer, count, where["participants"], count_field), note, where)
                for (day, kind, topic, count, note), where in self.records(schema.LEDGER, _LEDGER_KEYS)]

    def metrics(self) -> list[Metric]:
        return [Metric(name, number(value), unit, note, where)
                for (name, value, unit, note), where in self.records(schema.METRICS, _METRIC_KEYS)]
