"""Where calamine will place a sheet's cells, found before it reads them: content past ``MAX_ROWS`` ×
``MAX_COLUMNS`` is named in a message instead of being read (calamine would allocate a dense grid to it and
abort the process when it cannot). The sheet's XML is searched, not parsed, as calamine's own reader takes it:
attributes in either quotes, with spaces around "=", cells without references."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import WorkbookError, clipped
from ..limits import MAX_COLUMNS, MAX_ROWS
from ..schema import column_letter, column_number

# An r attribute written otherwise than r="…" (spaces around "=", single quotes: calamine reads those too), or
# a reference that may lie beyond the limits: at least as many letters as the last column allowed has, or as
# many digits as the last row (fewer cannot exceed them). It only decides whether the cells are looked at one
# by one. Starting with a literal keeps the search fast; the reference up to its closing quote keeps attributes
# such as operator="greaterThan" from matching.
@functools.cache
def _odd_or_far(rows: int, columns: int) -> re.Pattern:
    return re.compile(rb'r(?:\s+=|=[\s\']|="(?:[A-Za-z]{%d,}[0-9]+|[A-Za-z]+[0-9]{%d,})")'
                      % (len(column_letter(columns)), len(str(rows))))


#: A cell start tag not written <c r="…: without a reference (calamine places it after the cell before) or with
#: other attributes first; and a cell tag with a namespace prefix. Both are then looked at one by one.
_NOT_REFERENCED_FIRST = re.compile(rb'<c(?:[\t\n\r\x0b\x0c/>]| (?!r="))')
_PREFIXED_CELL = re.compile(rb':c[\s/>]')
#: A tag's attributes (they may hold ">" within quotes) up to its end.
_ATTRIBUTES = rb'((?:[^<>"\']++|"[^"]*+"|\'[^\']*+\')*+)>'
#: The sheet read left to right as calamine's XML reader reads it, one of: what it passes over (a comment, CDATA
#: section or processing instruction; "<!--" inside a tag's quoted attribute is the tag's), the start of one that
#: never ends, a row or cell tag (/, name, attributes), another tag (attributes), or a "<" that starts none of these.
#: An aside that never ends is refused where it starts: read as another tag, each such start would search the rest
#: of the sheet for its end again (a sheet of thousands of "<!--" took seconds, of millions hours).
_TOKEN = re.compile(rb'<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|(<!--|<!\[CDATA\[|<\?)'
                    rb'|<(/?)((?:[^\s<>/]*:)?(?:c|row))(?=[\s/>])' + _ATTRIBUTES
                    + rb'|<[^\s<>/]*' + _ATTRIBUTES + rb'|(<)', re.S)
#: One attribute, as calamine's XML reader takes them in turn: the name is all up to "=" (spaces before it aside:
#: rstrip), the value quoted. Possessive: a name matched lazily before optional spaces took cubic time on a tag of
#: spaces without "=" (4,000 took 19 s).
_ATTRIBUTE = re.compile(rb'\s*+([^=]*+)=\s*+(?:"([^"]*+)"|\'([^\']*+)\')')
_POSITION = re.compile(rb'([A-Za-z]*+)([0-9]++)')
#: A cell as this program writes them (cellxml): no reference, a style and a type, empty, a value or an inline text.
_PLAIN_CELL = (rb'<c(?: s="[0-9]++")?+(?: t="[A-Za-z]++")?+'
               rb'(?:/>|>(?:<v>[^<]*+</v>|<is><t(?: xml:space="preserve")?+>[^<]*+</t></is>)</c>)')


@functools.cache
def _plain_rows(rows: int, columns: int) -> re.Pattern | None:
    """Return the pattern of a run of rows as this program's summaries write them (consolidate.summary): each with
    one r of fewer digits than *rows* has (so within it), then plain cells (_PLAIN_CELL), at most *columns*: each
    cell of such a run that starts in column A (after a row's end, not in an unended row) lies within the limits.
    None when *rows* has one digit. The run holds no aside, no "<" or quote inside a tag and no row or cell inside
    a cell, so placed_cells' reading of it ends where the run does, in column A of the row after its last (the
    last r, which the pattern's group keeps). Matched in C, a summary's
    300,000 rows take a fraction of a second; read tag by tag, 30 s."""
    digits = len(str(rows)) - 1
    if not digits:
        return None
    return re.compile(rb'(?:<row r="([1-9][0-9]{0,%d})"(?: (?!r=)[A-Za-z][\w:.-]*+="[^"<]*+")*+>(?:%s){0,%d}+'
                      rb'</row>)++' % (digits - 1, _PLAIN_CELL, columns))


#: A row number of more digits is past every limit, and read as _FAR: int() refuses a text of over 4,300 digits
#: (a ValueError: an internal error instead of a refusal).
_MOST_DIGITS, _FAR = 18, 10**18


def check_extent(path: Path, sheet: str, xml: bytes, *, rows: int = MAX_ROWS, columns: int = MAX_COLUMNS) -> None:
    """Raise WorkbookError when *sheet*'s part *xml* holds content beyond *rows* rows or *columns* columns (a data
    sheet's limits unless told), naming the first such cell; empty (formatting-only) cells and rows anywhere are
    fine."""
    # Searches that find nothing in the form every writer uses (each cell <c r="A1"…, none far): a cell by cell
    # look at thousands of cells cost ~1 ms a workbook.
    if _odd_or_far(rows, columns).search(xml) or _NOT_REFERENCED_FIRST.search(xml) or _PREFIXED_CELL.search(xml):
        for row, column, reference in placed_cells(path, sheet, xml, rows=rows, columns=columns,
                                                          every_row=False):
            if row >= rows or column >= columns:
                if reference is None:  # placed after other cells: there is no reference to name
                    raise WorkbookError(f"工作表内容过多，超出本程序读取的范围（每张表最多 {rows} 行、"
                                        f"{columns} 列）。请删除多余的行和列后再试。", path, sheet)
                raise beyond_range(path, sheet, clipped(reference), rows=rows, columns=columns)


def placed_cells(path: Path, sheet: str, xml: bytes, *, rows: int = MAX_ROWS, columns: int = MAX_COLUMNS,
                 every_row: bool = True) -> Iterator[tuple[int, int, str | None]]:
    """Yield (row, column), from 0, of each cell of *xml* that is not an empty element, where calamine places it
    or further on, and the reference it was given (None when it has none). Without *every_row*, the cells of a
    run of plain rows (_plain_rows), which all lie within *rows* × *columns*, are passed over unread: a caller
    looking for content past the limits (check_extent) has nothing to find there.

    As calamine does: a row's r sets the row (letters before its digits aside), the end of a row moves to the
    next and back to column A, a cell's r places it and the cells after it, a cell without one goes after the
    cell before, and tags inside a cell are part of its value. Where a tag could be read more than one way (an
    attribute written twice), the farthest reading counts. A sheet with a row or cell tag inside a cell's value,
    or the end of a cell that is not open, is refused as unparsable: valid sheets have neither, and where calamine
    resumes after one depends on the tags around it.
    """
    plain = None if every_row else _plain_rows(rows, columns)
    row = column = at = 0
    in_cell = False
    while token := _TOKEN.search(xml, at):
        at = token.end()
        unended, closing, name, attributes, other, stray = token.groups()
        if unended or stray or b"<" in (attributes or other or b""):  # an aside that never ends, a "<" that
            raise unparsable(path, sheet)  # starts no tag or stands inside one: calamine's reading is not certain
        if name is None:  # passed over, or a tag that is neither a row nor a cell
            continue
        if name.count(b":") > 1:  # which part of the name is local is not certain
            raise unparsable(path, sheet)
        local, empty = name.rpartition(b":")[2], attributes.endswith(b"/")
        if in_cell:  # only the cell's own end may come: a row or cell inside its value, calamine skips or not
            if not (closing and local == b"c"):  # depending on where it stands (inside <is>, or not)
                raise unparsable(path, sheet)
            in_cell = False
        elif closing and local == b"c":  # the end of no open cell: one ended early, inside its value
            raise unparsable(path, sheet)
        elif local == b"row" and closing:
            row, column = row + 1, 0
        elif local == b"row" and plain and not column and (run := plain.match(xml, token.start())):
            row, at = int(run[1]), run.end()  # after the run's last row (its r counts from 1), in column A
        elif local == b"row":
            given = [_number(digits) - 1 for _, digits in _positions(attributes)]
            row = max(given, default=row)
            if empty:
                row, column = row + 1, 0
        elif not closing:
            positions = [(letters, digits) for letters, digits in _positions(attributes) if letters]
            reference = None
            place = row, column
            if positions:
                place = (max(_number(digits) - 1 for _, digits in positions),
                         max(column_number(letters.decode()) - 1 for letters, _ in positions))
                letters, digits = max(positions, key=lambda p: (_number(p[1]) - 1 >= rows
                                                                 or column_number(p[0].decode()) > columns))
                reference = f"{letters.decode().upper()}{digits.decode()}"
            if not empty:
                yield *place, reference
                in_cell = True
            column = place[1] + 1


def unparsable(path: Path, sheet: str) -> WorkbookError:
    """Return the refusal of *sheet*, whose XML cannot be read as calamine reads it."""
    return WorkbookError(f"文件已损坏（工作表“{sheet}”的内容无法解析），无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx。",
                         path, sheet)


def _number(digits: bytes) -> int:
    """Return the number *digits* (no leading zero) write, or _FAR for one of more than _MOST_DIGITS digits."""
    return int(digits) if len(digits) <= _MOST_DIGITS else _FAR


def _positions(attributes: bytes) -> list[tuple[bytes, bytes]]:
    """Return (letters, digits without leading zeros) of each r attribute among *attributes* that calamine can read
    as a position."""
    found, at = [], 0
    while attribute := _ATTRIBUTE.match(attributes, at):  # stops where calamine would find the tag malformed
        name, double, single = attribute.groups()
        position = _POSITION.fullmatch(double or single) if name.rstrip() == b"r" else None
        if position:
            letters, digits = position.groups()
            found.append((letters, digits.lstrip(b"0") or b"0"))
        at = attribute.end()
    return found


def beyond_range(source: Path | str, sheet: str, cell: str, *, rows: int = MAX_ROWS,
                 columns: int = MAX_COLUMNS) -> WorkbookError:
    """Return the error for a sheet used as far as *cell*, past the rows and columns read (a data sheet's unless
    told): the one message the file reader and the live Excel door give."""
    last = f"{column_letter(columns)}{rows}"
    return WorkbookError(f"这张表用到了 {cell}，超出本程序读取的范围（每张表最多 {rows} 行、{columns} 列，"
                         f"即 A1 到 {last}）。请把内容移到表格中相应的位置，或删除多余的行和列（选中后右键“删除”，"
                         "不是只清除内容）后再试。", source, sheet, cell)

