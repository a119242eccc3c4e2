"""整改跟踪: last year's problems of each branch, read from last year's summary, beside this year's.

A problem whose heading comes back this year almost unchanged is the first thing the committee
office asks about when it follows up on rectification (整改), so such pairs are flagged.
"""

from __future__ import annotations

import itertools
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..errors import WorkbookError, clipped
from ..limits import MAX_CELL_CHARS, MAX_COLUMNS, MAX_SUMMARY_BYTES, MAX_SUMMARY_PART_BYTES
from ..xlsx.bounds import BOOK_PARTS, Parts, check_sizes, sheet_parts, write_checked_package
from ..xlsx.reader import integer
from ..xlsx.sniff import calamine_refused, is_rust_panic, open_package
from .collect import Branch, branch_key
from .details import BRANCH, FILE, PROBLEM_LABELS, page_name
from .spill import EXCEL_ROWS
from .summary import OVERVIEW_SHEET, PROBLEMS_SHEET, Column, SheetData, is_summary_workbook
from .views import COMMITTEE

FOLLOWUP_SHEET = "整改跟踪"
#: Share of character pairs two headings must have in common to count as the same problem again.
SAME_PROBLEM = 0.6
_NOT_TEXT = re.compile(r"[^\w]|_")
#: A stretch of XML without "<" longer than a tag and the longest text a cell holds (Excel keeps MAX_CELL_CHARS
#: characters, each at most 10 bytes as XML writes it: &#1114111;); searched from each "<", so that every byte is
#: looked at once.
_LONGEST_STRETCH = MAX_CELL_CHARS * 10 + 1024
_OVERLONG = re.compile(rb"<[^<]{%d}" % _LONGEST_STRETCH)
#: A CDATA section may hold "<" inside a text, which would cut it into stretches that each look short; neither
#: this program nor Excel writes one.
_CDATA = b"<![CDATA["

#: Last year's problems of one branch: (order, heading, body) in their order.
Problems = list[tuple[int | None, str, str]]
#: A branch as 整改跟踪 knows it: (上级党组织, 支部名称). Names such as 第一党支部 repeat across committees; the
#: committee is None where last year's summary does not say it (its 总览 or their 源文件 missing): then the name
#: alone finds this year's branch.
BranchKey = tuple[str | None, str]


def previous_problems(path: str | Path, *, silence_rust: bool = False) -> dict[BranchKey, Problems]:
    """Return branch → last year's problems, read from the 问题汇总 sheet (and its continued pages) of the summary
    workbook at *path*; each problem's committee is its 源文件's in 总览. *silence_rust* as for
    xlsx.sniff.calamine_refused."""
    path = Path(path)
    if not path.is_file():
        raise WorkbookError("找不到上年度汇总工作簿。请检查路径。", path)
    if not is_summary_workbook(path):
        raise WorkbookError("这不是本程序生成的汇总工作簿。请选择上年度用 shuzhi consolidate 生成的汇总.xlsx。", path)
    # 总览 is read and let go before 问题汇总: both in one package took 1.7x the peak memory (100,000 branches)
    committees = _read(path, OVERVIEW_SHEET, _committees, silence_rust)
    return _read(path, PROBLEMS_SHEET, lambda book: _problems(path, _problem_rows(book), committees), silence_rust)


def _read(path: Path, sheet: str, use: Callable, silence_rust: bool):
    """Return *use*(the calamine workbook of *sheet*'s pages, checked: _write_checked_pages); None when it has none.
    Calamine reads the checked package from a file: handed the bytes, it copies them whole first (180 MB more
    for a 问题汇总 of 100,000 branches), and the bytes themselves need not be held."""
    from python_calamine import CalamineWorkbook

    with tempfile.TemporaryDirectory(prefix="shuzhi-previous-", ignore_cleanup_errors=True) as folder:
        checked = Path(folder) / "checked.xlsx"
        if not _write_checked_pages(checked, path, sheet):
            return None
        # calamine's own words for a part it cannot read; none for a Rust panic
        with calamine_refused(lambda exc: _damaged(path, "程序读取时出错" if is_rust_panic(exc)
                                                   else clipped(str(exc), 200), sheet), silence_rust=silence_rust):
            return use(CalamineWorkbook.from_path(str(checked)))


def _write_checked_pages(target: Path, path: Path, sheet: str) -> bool:
    """Write to *target* the package of *sheet*'s pages (_pages) as the reader checks a workbook's sheets before
    calamine reads them (bounds.write_checked_package: no cell past what a page of Excel holds, nothing calamine
    could resolve otherwise), with a summary's sizes: the parts read each at most MAX_SUMMARY_PART_BYTES; return
    False (nothing written) without pages. Each part is looked at as it is inflated (_TextsWithinACell)."""
    sheets: dict[str, str] = {}  # part → its sheet, for the refusals: filled once the pages are known
    with open_package(path, sizes=(MAX_SUMMARY_BYTES, MAX_SUMMARY_BYTES),
                      watch=lambda part: _TextsWithinACell(path, sheets.get(part, ""))) as parts:
        _check_sizes(parts, BOOK_PARTS)  # before the workbook's own parts are inflated
        if not (pages := _pages(path, sheet_parts(path, parts), sheet)):
            return False
        _check_sizes(parts, [*BOOK_PARTS, *pages.values()])
        sheets.update((parts.named(part), name) for name, part in pages.items())
        write_checked_package(target, parts, pages, rows=EXCEL_ROWS, columns=MAX_COLUMNS)
    return True


def _check_sizes(parts: Parts, names: Sequence[str]) -> None:
    """Refuse the parts called *names* that *parts* holds, past a summary's sizes, before they are inflated."""
    found = [name for part in names if (name := parts.named(part))]
    check_sizes(parts.path, [parts.info(name) for name in found], (MAX_SUMMARY_BYTES, MAX_SUMMARY_PART_BYTES))


class _TextsWithinACell:
    """Looks at a part of last year's summary (of *sheet*, or one the workbook shares: "") as it is inflated
    (bounds.Look), and refuses it where it holds a text longer than a cell can (_OVERLONG, or _CDATA, which could
    hide a "<" in one): calamine would make it one string, and a part of a gigabyte can hold one text of hundreds
    of millions of characters (the process then runs out of memory). Refused before the part is inflated whole,
    and before the extent's search, which would look at such a text cell by cell."""

    def __init__(self, path: Path, sheet: str):
        self.path, self.sheet = path, sheet
        self._stretch: int | None = None  # bytes without "<" since the last "<" so far (None before the first)
        self._end = b""  # the last bytes seen, where a CDATA start cut between pieces begins

    def __call__(self, piece: bytes) -> None:
        first = piece.find(b"<")
        if self._stretch is not None:  # the stretch after the last "<" goes on up to this piece's first "<"
            self._stretch += len(piece) if first < 0 else first
        overlong = self._stretch is not None and self._stretch >= _LONGEST_STRETCH
        if first >= 0:
            overlong = overlong or _OVERLONG.search(piece, first) is not None
            self._stretch = len(piece) - piece.rindex(b"<") - 1
        if overlong or _CDATA in piece or _CDATA in self._end + piece[:len(_CDATA) - 1]:
            raise WorkbookError(f"上年度汇总工作簿中有超长的单元格文字（Excel 每个单元格最多 {MAX_CELL_CHARS:,} 个字符）或"
                                "异常的写法，不是本程序生成的汇总工作簿，无法读取。请选择完好的上年度汇总工作簿。",
                                self.path, self.sheet)
        self._end = (self._end + piece[-(len(_CDATA) - 1):])[-(len(_CDATA) - 1):]


def _pages(path: Path, located: dict[str, str], sheet: str) -> dict[str, str]:
    """Return name → part of the pages of *sheet* in a summary whose sheets are *located*: 问题汇总 and its continued
    pages, or 总览 (none in a summary without it: one still read, by branch name alone). A summary without
    问题汇总 is refused whichever is asked for."""
    problems = {}
    for n in itertools.count(1):  # its rows past what Excel opens go on 问题汇总（2）… (run._detail_sheets)
        if (name := page_name(PROBLEMS_SHEET, n)) not in located:
            break
        problems[name] = located[name]
    if not problems:
        raise WorkbookError(f"找不到工作表“{PROBLEMS_SHEET}”。请使用本程序生成的汇总工作簿，不要改动工作表名称。", path)
    if sheet == PROBLEMS_SHEET:
        return problems
    return {sheet: located[sheet]} if sheet in located else {}


def _damaged(path: Path, cause: str, sheet: str) -> WorkbookError:
    return WorkbookError(f"上年度汇总工作簿已损坏，无法读取（{cause}）。请选择完好的上年度汇总工作簿。", path, sheet)


def _problems(path: Path, rows: Iterator[list], committees: dict[str, str] | None) -> dict[BranchKey, Problems]:
    """Return branch → problems of 问题汇总's *rows* (its header first), found by the header's labels; a branch's
    committee is its 源文件's in *committees* (None without them or without that column)."""
    header = [str(label) for label in next(rows, ())]
    wanted = (BRANCH.label, *PROBLEM_LABELS)
    missing = [label for label in wanted if label not in header]
    if missing:
        raise WorkbookError(f"表头缺少“{'”“'.join(missing)}”。请使用本程序生成的汇总工作簿，不要改动表头。",
                            path, PROBLEMS_SHEET, "第1行")
    branch, order, heading, body = (header.index(label) for label in wanted)
    file = header.index(FILE.label) if committees is not None and FILE.label in header else None
    problems: dict[BranchKey, Problems] = {}
    for row in rows:
        if row[branch]:
            key = (None if file is None else committees.get(str(row[file])), str(row[branch]))
            problems.setdefault(key, []).append((integer(row[order]), str(row[heading]), str(row[body])))
    return problems


def _committees(book) -> dict[str, str] | None:
    """Return 源文件 → 上级党组织 of the branches in 总览 of *book*, row by row; None when its header lacks a column."""
    rows = book.get_sheet_by_name(OVERVIEW_SHEET).iter_rows()
    header = [str(label) for label in next(rows, ())]
    if not {BRANCH.label, FILE.label, COMMITTEE.label} <= set(header):
        return None
    branch, file, committee = (header.index(c.label) for c in (BRANCH, FILE, COMMITTEE))
    return {str(row[file]): str(row[committee]) for row in rows if row[branch]}  # not an unreadable file's row


def _problem_rows(book) -> Iterator[list]:
    """Yield the rows of 问题汇总 in *book*, then those of its continued pages (问题汇总（2）…: run._detail_sheets)
    without their headers, one at a time: all of them at once as Python lists took more memory than calamine's own
    copy of the sheet."""
    for n in itertools.count(1):
        name = page_name(PROBLEMS_SHEET, n)
        if name not in book.sheet_names:
            return
        rows = book.get_sheet_by_name(name).iter_rows()
        yield from rows if n == 1 else itertools.islice(rows, 1, None)


def followup_sheet(branches: list[Branch], previous: dict[BranchKey, Problems]) -> SheetData:
    """Return 整改跟踪: one row per problem a branch listed last year, with this year's problem that repeats it.
    Problems are compared by heading, or by their text when written without one (一是… in an imported report)."""
    columns = [BRANCH, COMMITTEE, Column("上年序号", 8, "int"), Column("上年问题", 30),
               Column("上年具体表现", 60, "longtext"), Column("今年情况", 16), Column("今年相同的问题", 30)]
    this_year = _this_year(branches, previous)
    rows = []
    for key, problems in previous.items():
        committee, name = key
        listed = this_year.get(key)
        for order, heading, body in problems:
            if listed is None:
                rows.append((name, committee, order, heading, body, "今年未汇总", None))
                continue
            again = next((text for text in listed if _same_problem(heading or body, text)), None)
            rows.append((name, committee, order, heading, body, "今年仍列为问题" if again else "今年未再列出", again))
    return SheetData(FOLLOWUP_SHEET, "tbl_followup", columns, rows, 1)


def _this_year(branches: list[Branch], previous: dict[BranchKey, Problems]) -> dict[BranchKey, Sequence[str]]:
    """Return this year's problems of the branches *previous* holds (not every record's: their problems), each
    found by its committee and name as collect.branch_key compares them, or by its name alone where last year's
    committee is not known (BranchKey) or where one branch bears the name in each year: a committee named in other
    words this year (机关党委, 中共某某机关委员会) is still that branch."""
    known = defaultdict(list)  # branch_key → last year's keys (two where last year's summary wrote one otherwise)
    for key in previous:
        known[branch_key(*key)].append(key)
    names = Counter(name for _, name in known)
    out: dict[BranchKey, Sequence[str]] = {}
    alone: dict[str, Sequence[str] | None] = {}  # a name borne once last year → its one branch this year (None: several)
    for b in branches:
        committee, name = branch_key(b.committee, b.branch)
        for key in ((committee, name), (None, name)):
            for written in known.get(key, ()):
                out[written] = b.problems
        if names[name] == 1:
            alone[name] = None if name in alone else b.problems
    for key in previous.keys() - out.keys():
        if (found := alone.get(branch_key(*key)[1])) is not None:
            out[key] = found
    return out


def _same_problem(a: str, b: str) -> bool:
    """Return True when *a* and *b* share most of their character pairs (Dice coefficient)."""
    pairs_a, pairs_b = _pairs(a), _pairs(b)
    if not pairs_a or not pairs_b:
        return False
    return 2 * len(pairs_a & pairs_b) / (len(pairs_a) + len(pairs_b)) >= SAME_PROBLEM


def _pairs(text: str) -> set[str]:
    text = _NOT_TEXT.sub("", text)
    return {text[i:i + 2] for i in range(len(text) - 1)}
