"""Findings the author has judged wrong and marked 忽略, so that later runs leave them out.

Every finding carries a 编号: six characters naming the finding (code, place, text found) and four naming the
text of its cell. A 编号 marked 忽略 hides the finding while the cell reads the same; once the text changes the
编号 changes and the finding shows again. A finding is marked

- in the 检查结果 sheet (annotated copy or live workbook): any text of the author's in its 忽略 column;
- by a note on the cell, written by the user, that contains 忽略: the findings the cell had when the note was first
  honoured, while the note is there (see leave_out);
- from the command line (``shuzhi check … --ignore 编号``), which keeps the 编号 in 〈文件名〉.忽略.txt beside the file.

``leave_out`` is the one place these marks are applied; every door reaches it through checks.workbook.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..errors import ShuzhiError
from ..fileio import write_atomically
from ..limits import MAX_LIST_BYTES, megabytes
from .finding import Finding
from .plan import BY_LIST, BY_NOTE, IGNORE_COLUMN, MARKER, NOTE_STAMP, REF_COLUMN

IGNORE_WORD = "忽略"
#: Ends a line of the list file that keeps a 编号 a note covers.
NOTE_TAG = "批注"


def _digest(text: str, length: int) -> str:
    # Imported here: hashlib loads OpenSSL's hashes as well (~2 ms), which only a door that shows 编号, or
    # a workbook with something marked 忽略, needs (checks.workbook.checked's refs).
    from hashlib import blake2s

    return blake2s(text.encode("utf-8"), digest_size=8).hexdigest()[:length]


def with_refs(findings: Iterable[Finding], texts: dict[tuple[str, str], str]) -> list[Finding]:
    """Return *findings* each with its 编号, from the finding and the text of its cell in *texts*."""
    out = []
    for f in findings:
        name = _digest(f"{f.code}|{f.sheet}|{f.cell}|{f.found}|{f.message if not f.found else ''}", 6)
        out.append(f._replace(ref=name + _digest(texts.get((f.sheet, f.cell), ""), 4)))
    return out


@dataclass(frozen=True)
class Marks:
    """Where the author marked findings 忽略 inside a workbook: its 检查结果 sheet read back as rows (header first;
    None when there is none) and the notes of its cells, looked up by (sheet, cell) with ``get`` only, so that
    the live door reads a note from Excel only for a cell with a finding."""

    result_rows: list[list[object]] | None = None
    notes: Mapping[tuple[str, str], str] = field(default_factory=dict)


class IgnoredFinding(NamedTuple):
    """A finding left out, and what its row in the result sheet says in the 忽略 column."""

    finding: Finding
    mark: str


class Outcome(NamedTuple):
    """The findings to show, those left out as marked 忽略, the 编号 given that name no finding, and by cell the
    编号 its note's 忽略 covers (what a door writing the workbook stamps in the note)."""

    findings: list[Finding]
    ignored: list[IgnoredFinding]
    unknown: list[str]
    covered: dict[tuple[str, str], frozenset[str]]


def leave_out(findings: list[Finding], marks: Marks, beside: Path | None, refs: Iterable[str] = (), *,
              record: bool = False, ignore_list: IgnoreList | None = None) -> Outcome:
    """Return *findings* without those the author marked 忽略 in *marks* or in the list kept beside the file
    *beside* (None: a workbook never saved, which has no list; *ignore_list*: that list when the caller has read
    it already); *refs* given now are first added to that list.

    A note saying 忽略 covers the findings its cell had when it was first honoured: their 编号 are stamped in the
    note by the doors that write the workbook (annotation_plan) and, with *record*, kept in the list beside the
    file, so that a finding shows again once the cell's text changes. A note never honoured covers them all."""
    refs = list(refs)
    current = {f.ref for f in findings} if beside is not None else set()  # never saved: nowhere to keep a 编号
    unknown = [r for r in refs if r not in current]
    ignore_list = read_list(beside) if ignore_list is None else ignore_list
    if refs and beside is not None:
        ignore_list = remember(beside, ignore_list, refs, findings)
    in_sheet = marked_in_result_rows(marks.result_rows)
    places = {}
    for f in findings:
        places.setdefault((f.sheet, f.cell), []).append(f.ref)
    covered, first = {}, {}
    for place, found in places.items():
        note = marks.notes.get(place) if place[0] else None
        if note and says_ignore(note):
            stamps = stamped(note)
            covered[place] = stamps | ignore_list.bound.get(place, frozenset()) or frozenset(found)
            if not stamps and place not in ignore_list.bound:
                first[place] = found
    if record and first and beside is not None:
        remember(beside, ignore_list, [r for found in first.values() for r in found], findings, NOTE_TAG)
    kept, ignored = [], []
    for f in findings:
        mark = IGNORE_WORD if f.ref in in_sheet else BY_NOTE if f.ref in covered.get((f.sheet, f.cell), ()) else \
            BY_LIST if f.ref in ignore_list.listed else ""
        if mark:
            ignored.append(IgnoredFinding(f, mark))
        else:
            kept.append(f)
    return Outcome(kept, ignored, unknown, covered)


def anything_marked(marks: Marks, ignore_list: IgnoreList) -> bool:
    """Whether a finding can be marked 忽略 at all: *marks* hold a 检查结果 sheet or a cell note, or there is a list
    beside the file (*ignore_list*, as read_list read it). When not, leave_out leaves nothing out and needs no
    编号."""
    return bool(marks.result_rows or marks.notes) or ignore_list.text is not None


def says_ignore(note: str) -> bool:
    """Whether the user's part of a cell note (what precedes the tool's marker) says 忽略."""
    return IGNORE_WORD in note.split(MARKER)[0]


def stamped(note: str) -> frozenset[str]:
    """Return the 编号 stamped in the tool's part of *note* (none when it was never honoured)."""
    tool = note.partition(MARKER)[2]
    lines = [line for line in tool.splitlines() if line.startswith(NOTE_STAMP)]
    return frozenset(r.strip() for line in lines for r in line[len(NOTE_STAMP):].split("、") if r.strip())


def marked_in_result_rows(rows: list[list[object]] | None) -> frozenset[str]:
    """Return the 编号 whose 忽略 column the author filled in a 检查结果 sheet read back as rows (header first)."""
    if not rows or REF_COLUMN not in rows[0] or IGNORE_COLUMN not in rows[0]:
        return frozenset()
    ref, mark = rows[0].index(REF_COLUMN), rows[0].index(IGNORE_COLUMN)
    return frozenset(str(row[ref]).strip() for row in rows[1:] if len(row) > max(ref, mark) and row[ref]
                     and str(row[mark] or "").strip() not in ("", BY_NOTE, BY_LIST))


def list_file(path: Path) -> Path:
    """Return the file that keeps the 编号 ignored from the command line for the workbook or document *path*."""
    return path.with_name(f"{path.stem}.{IGNORE_WORD}.txt")


class IgnoreList(NamedTuple):
    """The list kept beside a file, as read: its text (None when there is no such file), the 编号 ignored from the
    command line, and by cell those a note covers (lines ending in NOTE_TAG, which apply only while the note says
    忽略)."""

    text: str | None
    listed: frozenset[str]
    bound: Mapping[tuple[str, str], frozenset[str]]


def read_list(path: Path | None) -> IgnoreList:
    """Return the list kept beside *path* (empty when there is none, or when *path* is None: never saved)."""
    kept = list_file(path) if path is not None else None
    if kept is None or not kept.is_file():
        return _parse_list(None)
    remedy = "删除这个文件（其中忽略的检查结果会重新显示）。"
    try:
        size = kept.stat().st_size
        if size > MAX_LIST_BYTES:  # not a list this program wrote: not read into every worker
            raise ShuzhiError(f"忽略清单“{kept.name}”过大（{megabytes(size)}，上限 {megabytes(MAX_LIST_BYTES)}），"
                              f"不是本程序写的清单。请{remedy}")
        return _parse_list(kept.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:  # saved in another encoding (GBK, by an old Notepad)
        raise ShuzhiError(f"忽略清单“{kept.name}”不是 UTF-8 编码的文本，无法读取。请用记事本打开，另存为 UTF-8 编码；"
                          f"或{remedy}") from None
    except OSError as exc:  # no permission, a share gone
        raise ShuzhiError(f"忽略清单“{kept.name}”无法读取（{exc.strerror or type(exc).__name__}）。请检查文件权限，"
                          f"或{remedy}") from None


def _parse_list(text: str | None) -> IgnoreList:
    listed, bound = set(), {}
    for line in (text or "").splitlines():
        words = line.split()
        if not words or line.startswith("#"):
            continue
        if len(words) >= 4 and words[-1] == NOTE_TAG:
            sheet, _, cell = words[2].rpartition("!")
            bound.setdefault((sheet, cell), set()).add(words[0])
        else:
            listed.add(words[0])
    return IgnoreList(text, frozenset(listed), {place: frozenset(refs) for place, refs in bound.items()})


def remember(path: Path, ignore_list: IgnoreList, refs: list[str], findings: list[Finding],
             tag: str = "") -> IgnoreList:
    """Add to *ignore_list*, the list beside *path*, those of *refs* that name a finding in *findings* and are not
    kept yet (with *tag*: NOTE_TAG for a note's); return the list as written.

    A 编号 a note covers is still added untagged when given from the command line: that mark must outlast the
    note."""
    known = {f.ref: f for f in findings}
    present = ignore_list.listed.union(*ignore_list.bound.values()) if tag else ignore_list.listed
    added = [r for r in dict.fromkeys(refs) if r in known and r not in present]
    if not added:
        return ignore_list
    old = ignore_list.text if ignore_list.text is not None else \
        f"# “{path.name}”中已忽略的检查结果（编号 代码 位置）。删去一行即恢复提示。\n"
    lines = [f"{r} {known[r].code} {known[r].sheet}{'!' if known[r].sheet else ''}{known[r].cell}"
             + (f" {tag}" if tag else "") for r in added]
    text = old.rstrip("\n") + "\n" + "\n".join(lines) + "\n"
    write_atomically(list_file(path), lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return _parse_list(text)
