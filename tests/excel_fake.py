"""A small stand-in for the xlwings objects macros.py touches; its surface is checked against xlwings.

Cells live in a dict per sheet; values come back the way xlwings returns them (numbers as float, empty
as None), so the entry points are exercised on the data shapes of a live Excel.
"""

from __future__ import annotations

import contextlib
import re

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string


def _a1(ref: str) -> tuple[int, int]:
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    return int(m.group(2)), column_index_from_string(m.group(1))


def _shown(formula: str):
    """Return what Excel shows for the only formula the entry points write: =HYPERLINK(target, text)."""
    m = re.fullmatch(r'=HYPERLINK\("#[^"]*(?:""[^"]*)*","(.*)"\)', formula)
    assert m, formula
    return m.group(1)


def _xl(value):
    if isinstance(value, bool) or value == "":
        return None if value == "" else value
    return float(value) if isinstance(value, int) else value


class Range:
    def __init__(self, sheet, top, left, bottom=None, right=None):
        self.sheet, self.row, self.column = sheet, top, left
        self.bottom, self.right = bottom or top, right or left

    def options(self, convert=None, **options):
        assert options.get("ndim") == 2
        return self

    @property
    def value(self):
        return [[self.sheet.values.get((r, c)) for c in range(self.column, self.right + 1)]
                for r in range(self.row, self.bottom + 1)]

    @value.setter
    def value(self, data):
        for i, row in enumerate(data if isinstance(data, list) else [[data]]):
            for j, v in enumerate(row if isinstance(row, list) else [row]):
                key = (self.row + i, self.column + j)
                if isinstance(v, str) and v.startswith("="):
                    self.sheet.formulas[key], v = v, _shown(v)
                elif isinstance(v, str) and v.startswith("'"):  # Excel keeps the quote as a prefix, not in the value
                    v = v[1:]
                self.sheet.values[key] = _xl(v)

    @property
    def color(self):
        return self.sheet.colors.get((self.row, self.column))

    @color.setter
    def color(self, rgb):
        for r in range(self.row, self.bottom + 1):
            for c in range(self.column, self.right + 1):
                self.sheet.colors[(r, c)] = rgb

    @property
    def note(self):
        text = self.sheet.notes.get((self.row, self.column))
        return None if text is None else Note(self.sheet, (self.row, self.column))

    def add_note(self, text):
        self.sheet.notes[(self.row, self.column)] = text

    @property
    def column_width(self):
        return self.sheet.widths.get(self.column)

    @column_width.setter
    def column_width(self, value):
        self.sheet.widths[self.column] = value

    @property
    def last_cell(self):
        return Range(self.sheet, self.bottom, self.right)

    @property
    def merge_area(self):
        return self.sheet.merged.get((self.row, self.column), self)

    def clear_contents(self):
        for r in range(self.row, self.bottom + 1):
            for c in range(self.column, self.right + 1):
                self.sheet.values.pop((r, c), None)


class Note:
    def __init__(self, sheet, key):
        self._sheet, self._key = sheet, key

    @property
    def text(self):
        return self._sheet.notes[self._key]

    @text.setter
    def text(self, value):
        self._sheet.notes[self._key] = value

    def delete(self):
        del self._sheet.notes[self._key]


class Sheet:
    def __init__(self, book, name, grid=()):
        self.book, self.name = book, name
        self.values = {(r, c): _xl(v) for r, row in enumerate(grid, 1) for c, v in enumerate(row, 1)
                       if _xl(v) is not None}
        self.colors, self.notes, self.widths, self.merged, self.formulas = {}, {}, {}, {}, {}
        self.active = False

    def range(self, cell1, cell2=None):
        if isinstance(cell1, tuple):
            bottom, right = cell2 if cell2 else cell1
            return Range(self, *cell1, bottom, right)
        first, _, last = cell1.partition(":")
        return Range(self, *_a1(first), *(_a1(last) if last else (None, None)))

    @property
    def used_range(self):
        if not self.values:
            return Range(self, 1, 1)
        rows = [r for r, _ in self.values]
        cols = [c for _, c in self.values]
        return Range(self, min(rows), min(cols), max(rows), max(cols))

    def activate(self):
        self.active = True

    def delete(self):
        self.book.sheets._items.remove(self)


class Sheets:
    def __init__(self, book):
        self.book, self._items = book, []

    def __iter__(self):
        return iter(list(self._items))

    def __len__(self):
        return len(self._items)

    def __getitem__(self, key):
        if isinstance(key, int):
            return self._items[key]
        return next(s for s in self._items if s.name == key)

    def add(self, name=None, before=None, after=None):
        sheet = Sheet(self.book, name)
        self._items.insert(self._items.index(before) if before else len(self._items), sheet)
        return sheet


class Book:
    """An open workbook; created with *grids* None it is what xlwings returns for Excel's ActiveWorkbook when
    no workbook is active (Windows): a Book whose api is None and whose sheets raise AttributeError."""

    def __init__(self, app, name, fullname, grids, *, hidden=False):
        self.app, self.name, self.fullname = app, name, fullname
        self._sheets = None if grids is None else Sheets(self)
        for sheet_name, grid in (grids or {}).items():
            self._sheets._items.append(Sheet(self, sheet_name, grid))
        if grids is not None:
            app.books._add(self, hidden)

    @property
    def api(self):
        return None if self._sheets is None else self

    @property
    def sheets(self):
        if self._sheets is None:  # as xlwings' Windows Book does: self.xl.Worksheets on None
            raise AttributeError("'NoneType' object has no attribute 'Worksheets'")
        return self._sheets


class Books:
    """The open workbooks (Excel's Workbooks collection: add-ins are not in it, hidden workbooks are); the last
    visible one opened is active, as when Excel opens a file."""

    def __init__(self, app):
        self.app, self._items, self._active, self.opened = app, [], None, []

    def _add(self, book, hidden):
        self._items.append(book)
        if not hidden:
            self._active = book

    def __len__(self):
        return len(self._items)

    @property
    def active(self):
        return self._active or Book(self.app, None, None, None)

    def open(self, fullname=None, **kwargs):
        self.opened.append(fullname)


class App:
    def __init__(self, answers=()):
        self.books = Books(self)
        self.statuses = []  # every status bar text set, in order (Excel shows only the last)
        self.status_bar = False
        self.alerts, self.answers = [], list(answers)
        self.screen_updating = True

    @property
    def status_bar(self):
        return self.statuses[-1]

    @status_bar.setter
    def status_bar(self, value):
        self.statuses.append(value)

    def alert(self, prompt, title=None, buttons="ok", mode=None, callback=None):
        self.alerts.append((prompt, buttons, mode))
        return self.answers.pop(0) if self.answers else "ok"

    @contextlib.contextmanager
    def properties(self, **kwargs):
        yield self


def open_in_excel(path) -> tuple[App, Book]:
    """Return a fake Excel with the workbook at *path* open and active."""
    app = App()
    return app, Book(app, path.name, str(path), shown_grids(path))


def shown_grids(path) -> dict[str, list[list]]:
    """Return every sheet's cells from A1 as Excel holds them, read with openpyxl, not with the package's reader:
    the live-read test then compares two readers. Dates come back as datetime (as xlwings gives them)."""
    book = load_workbook(path, data_only=True)
    try:
        return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}
    finally:
        book.close()


#: Fake class → the real xlwings class whose surface it imitates.
REAL = {"App": "App", "Books": "Books", "Book": "Book", "Sheets": "Sheets", "Sheet": "Sheet", "Range": "Range",
        "Note": "Note"}
