"""Read a workbook into the model, keeping the cell every value came from.

Two steps: ``open_grids`` turns a file into plain grids (lists of rows from A1, via python-calamine),
and ``report_from_grids`` turns grids into a Report. The Excel door feeds ``report_from_grids`` with
grids read from a live workbook, so both paths share every rule below.

python-calamine is used because it reads the sample 15–20× faster than openpyxl (bench/read_engines.py);
formatting, which only openpyxl sees, is not needed for reading.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from collections.abc import Sequence
from pathlib import Path

from .. import schema
from ..errors import WorkbookError
from ..model import IgnoredValue, Info, LedgerEntry, Location, Metric, Part, Point, Report, Section
from ..numerals import CHINESE_DIGIT, CHINESE_TO_ASCII, FULLWIDTH_TO_ASCII
from .sniff import open_grids

Grid = Sequence[Sequence[object]]
_INTEGER_TEXT = re.compile(r"(-?\d+)(?:\.0+)?\s*(?:年度|[年人名次个场])?")
_CHINESE_YEAR = re.compile(rf"({CHINESE_DIGIT}{{4}})\s*年?度?")
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def read_workbook(path: str | Path) -> Report:
    """Return the Report held in the workbook at *path*; raise WorkbookError when it cannot be used."""
    grids = open_grids(path)
    return report_from_grids(grids, source=str(path))


def report_from_grids(grids: dict[str, Grid], source: str = "") -> Report:
    """Return the Report held in *grids* (sheet name → rows of cell values, starting at A1)."""
    missing = [sheet.name for sheet in schema.SHEETS if sheet.name not in grids]
    if missing:
        # A workbook with the version marker came from the template: a missing sheet was renamed or deleted,
        # and reading it as empty would silently drop its data.
        names = "、".join(f"“{name}”" for name in missing)
        raise WorkbookError(f"缺少工作表{names}。工作表的名称不能修改：如果改过名，请改回{names}；如果删除了，"
                            "请从 shuzhi template 生成的模板中把这张表复制过来。", source)
    reader = _SheetReader(grids, source)
    info_values = reader.form_values(schema.INFO)

    def part(n: int, key: str, sections: list[Section]) -> Part:
        value, location = info_values[f"part{n}"]
        heading = text(value) or schema.INFO.field(f"part{n}").default
        return Part(heading, sections, key=key, where={"heading": location})

    parts = [part(1, "work", [reader.section(s) for s in schema.SECTIONS]),
             part(2, "problems", reader.items(schema.PROBLEMS)),
             part(3, "plans", reader.items(schema.PLANS))]
    _place_extras(parts, reader.extras())
    return Report(info=reader.info(info_values), parts=parts, ledger=reader.ledger(), metrics=reader.metrics(),
                  source=source, ignored=reader.ignored)


def _place_extras(parts: list[Part], extras: list[tuple[str, str, Section]]) -> None:
    """Insert extra sections into part 一 and extra parts after the standard part their place names."""
    after = {place: key for key, place in schema.PLACE_AFTER.items()}
    for place, heading, section in extras:
        if place not in after:
            parts[0].sections.append(section)
            continue
        anchor = next(i for i, p in enumerate(parts) if p.key == after[place])
        end = anchor + 1
        while end < len(parts) and not parts[end].key:
            if parts[end].heading == heading:
                parts[end].sections.append(section)
                break
            end += 1
        else:
            parts.insert(end, Part(heading, [section], where={"heading": section.where.get("part", Location())}))


def text(value: object) -> str:
    """Return a cell value as clean text: stripped, integral floats without '.0', dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").strip(" \t\n\u3000\u00a0")


def integer(value: object) -> int | None:
    """Return *value* as an int (accepting '12', '１２', '12.0', '12人', '2024年度'), or None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if float(value).is_integer() else None
    match = _INTEGER_TEXT.fullmatch(text(value).translate(FULLWIDTH_TO_ASCII))
    return int(match.group(1)) if match else None


def year(value: object) -> int | None:
    """Return *value* as a year: a number, or text like '2024年度', '２０２４' or '二〇二四年'; None when it is not."""
    found = integer(value)
    if found is None:
        match = _CHINESE_YEAR.fullmatch(text(value))
        found = int(match.group(1).translate(CHINESE_TO_ASCII)) if match else None
    return found


def number(value: object) -> float | str | None:
    """Return *value* as a float when it is a number (also typed as text, with thousands commas), else its text."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    raw = text(value)
    try:
        parsed = float(raw.translate(FULLWIDTH_TO_ASCII).replace(",", "").replace("，", ""))
    except ValueError:
        return raw or None
    # float() also takes "inf", "nan" and "1e999", which are words or typos here, not figures.
    return parsed if math.isfinite(parsed) else raw


def date(value: object) -> dt.date | None:
    """Return *value* as a date (a real date, an Excel serial number or text like 2024-3-5 / 2024年3月5日)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 < value < 2958466:
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
    match = _DATE_TEXT.match(text(value).translate(FULLWIDTH_TO_ASCII))
    if match:
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            return None
    return None


@dataclass
class _Record:
    """One table row: raw values and their locations, by field key."""

    values: dict[str, object]
    where: dict[str, Location]

    def get(self, key: str) -> object:
        return self.values.get(key)


class _SheetReader:
    """Finds labels and headers in grids and hands out values with their locations."""

    def __init__(self, grids: dict[str, Grid], source: str):
        self.grids, self.source = grids, source
        self.ignored: list[IgnoredValue] = []

    def _parsed(self, parse, raw: object, where: Location, field: schema.Field):
        """Return parse(raw), noting a filled value it cannot read (the checks then say so at its cell)."""
        value = parse(raw)
        if value is None and raw is not None and text(raw):
            self.ignored.append(IgnoredValue(where, field, text(raw)))
        return value

    def _choice(self, raw: object, where: Location, field: schema.Field, fallback: str = "") -> str:
        """Return the choice filled in, or *fallback* when it is empty or not one of *field*'s choices (noted)."""
        value = text(raw)
        if value and value not in field.choices:
            self.ignored.append(IgnoredValue(where, field, value, fallback))
            return fallback
        return value or fallback

    def _cell(self, grid: Grid, row: int, col: int) -> object:
        """Return the value at 1-based (row, col), or None outside the grid."""
        if row - 1 < len(grid) and col - 1 < len(grid[row - 1]):
            return grid[row - 1][col - 1]
        return None

    def form_values(self, sheet: schema.Sheet) -> dict[str, tuple[object, Location]]:
        """Return ``{field key: (raw value, location)}``, finding each label in column A."""
        grid = self.grids[sheet.name]
        labels: dict[str, list[int]] = {}
        for r, row in enumerate(grid, start=1):
            if row:
                labels.setdefault(text(row[0]).removesuffix("（必填）"), []).append(r)
        out = {}
        for f in sheet.form:
            rows = labels.get(f.label, [])
            if not rows:
                raise WorkbookError(f"找不到“{f.label}”一栏（应在 A{sheet.form_row(f.key)}）。请勿修改 A 列的栏目名称。",
                                    self.source, sheet.name, f"A{sheet.form_row(f.key)}")
            self._single(sheet, f.label, [f"A{r}" for r in rows])
            out[f.key] = (self._cell(grid, rows[0], 2), Location(sheet.name, f"B{rows[0]}"))
        return out

    def _single(self, sheet: schema.Sheet, label: str, cells: list[str]) -> None:
        """Raise WorkbookError when *label* stands in more than one of *cells*: one of its values would be lost."""
        if len(cells) > 1:
            raise WorkbookError(f"“{label}”出现了 {len(cells)} 次（{'、'.join(cells)}），程序不知道该用哪一处。"
                                "请只保留一处，把多余的行或列删除或改名。", self.source, sheet.name, cells[1])

    def records(self, sheet: schema.Sheet) -> list[_Record]:
        """Return the rows of *sheet*'s table that hold more than an order number, in order."""
        grid = self.grids[sheet.name]
        header = sheet.header_row
        labels = [text(v) for v in (grid[header - 1] if len(grid) >= header else [])]
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
        letters = {key: schema.column_letter(col) for key, col in columns.items()}
        indexed = [(key, col - 1) for key, col in columns.items()]
        rows = []
        for r, row in enumerate(grid[header:], start=header + 1):
            values = {key: row[i] if i < len(row) else None for key, i in indexed}
            # A row numbered in advance but not yet filled is not a record (it would print an empty 一是).
            if any(value is not None and key != sheet.order_by and text(value) for key, value in values.items()):
                rows.append(_Record(values, {key: Location(sheet.name, f"{letters[key]}{r}") for key in values}))
        return self._ordered(sheet, rows) if sheet.order_by else rows

    def _ordered(self, sheet: schema.Sheet, rows: list[_Record]) -> list[_Record]:
        """Return *rows* sorted by their order number; rows without one keep their place after the numbered ones."""
        field = sheet.field(sheet.order_by)
        orders = [self._parsed(integer, rec.get(field.key), rec.where[field.key], field) for rec in rows]
        ranked = sorted(zip(orders, rows), key=lambda pair: (pair[0] is None, pair[0] or 0))
        return [rec for _, rec in ranked]

    def info(self, values: dict[str, tuple[object, Location]]) -> Info:
        info = Info(where={key: loc for key, (_, loc) in values.items()})
        for f in schema.INFO.form:
            raw, where = values[f.key]
            if f.key == "year":
                info.year = self._parsed(year, raw, where, f)
            elif f.key == "date":
                info.date = self._parsed(date, raw, where, f)
            elif f.kind == "choice":
                setattr(info, f.key, self._choice(raw, where, f, f.default))
            elif hasattr(info, f.key):
                setattr(info, f.key, text(raw) or f.default)
        return info

    def section(self, sheet: schema.Sheet) -> Section:
        values = self.form_values(sheet)
        layout = self._choice(*values["layout"], sheet.field("layout"))
        section = Section(heading=text(values["heading"][0]), lead=text(values["lead"][0]), layout=layout,
                          key=sheet.key, where={key: loc for key, (_, loc) in values.items()})
        section.where["sheet"] = Location(sheet.name)
        section.points = [Point(text(rec.get("lead")), text(rec.get("body")), where=rec.where)
                          for rec in self.records(sheet)]
        return section

    def items(self, sheet: schema.Sheet) -> list[Section]:
        return [Section(heading=text(rec.get("heading")), lead=text(rec.get("body")), key=sheet.key,
                        where={"heading": rec.where["heading"], "lead": rec.where["body"]})
                for rec in self.records(sheet)]

    def extras(self) -> list[tuple[str, str, Section]]:
        """Return (place, part heading, section) of each extra row; an unknown place puts it into part 一."""
        place_field, part_field, out = schema.EXTRAS.field("place"), schema.EXTRAS.field("part"), []
        for rec in self.records(schema.EXTRAS):
            where = {"heading": rec.where["heading"], "lead": rec.where["body"], "part": rec.where["part"]}
            section = Section(heading=text(rec.get("heading")), lead=text(rec.get("body")), where=where)
            place = self._choice(rec.get("place"), rec.where["place"], place_field, schema.EXTRA_PLACES[0])
            part = text(rec.get("part"))
            if part and place == schema.EXTRA_PLACES[0]:  # a section of part 一 has no part heading to print
                self.ignored.append(IgnoredValue(rec.where["part"], part_field, part))
            out.append((place, part, section))
        return out

    def ledger(self) -> list[LedgerEntry]:
        date_field, count_field = schema.LEDGER.field("date"), schema.LEDGER.field("participants")
        return [LedgerEntry(date=self._parsed(date, rec.get("date"), rec.where["date"], date_field),
                            kind=text(rec.get("kind")), topic=text(rec.get("topic")),
                            participants=self._parsed(integer, rec.get("participants"), rec.where["participants"],
                                                      count_field),
                            note=text(rec.get("note")), where=rec.where)
                for rec in self.records(schema.LEDGER)]

    def metrics(self) -> list[Metric]:
        return [Metric(name=text(rec.get("name")), value=number(rec.get("value")), unit=text(rec.get("unit")),
                       note=text(rec.get("note")), where=rec.where)
                for rec in self.records(schema.METRICS)]
