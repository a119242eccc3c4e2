"""Findings the author has judged wrong and marked 忽略, so that later runs leave them out.

Every finding carries a 编号: six characters naming the finding (code, place, text found) and four naming the
text of its cell. A 编号 marked 忽略 hides the finding while the cell reads the same; once the text changes the
编号 changes and the finding shows again. A finding is marked

- in the 检查结果 sheet (annotated copy or live workbook): any text in its 忽略 column;
- by a note on the cell, written by the user, that contains 忽略 (all findings of that cell, while the note is there);
- from the command line (``shuzhi check … --ignore 编号``), which keeps the 编号 in 〈文件名〉.忽略.txt beside the file.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from .finding import Finding
from .plan import AUTHOR, MARKER, RESULT_SHEET

IGNORE_WORD = "忽略"
REF_COLUMN, IGNORE_COLUMN = "编号", "忽略"
_REF = re.compile(r"^[0-9a-f]{10}$")


def _digest(text: str, length: int) -> str:
    return hashlib.blake2s(text.encode("utf-8"), digest_size=8).hexdigest()[:length]


def with_refs(findings: Iterable[Finding], texts: dict[tuple[str, str], str]) -> list[Finding]:
    """Return *findings* each with its 编号, from the finding and the text of its cell in *texts*."""
    out = []
    for f in findings:
        name = _digest(f"{f.code}|{f.sheet}|{f.cell}|{f.found}|{f.message if not f.found else ''}", 6)
        out.append(replace(f, ref=name + _digest(texts.get((f.sheet, f.cell), ""), 4)))
    return out


@dataclass(frozen=True)
class Ignored:
    """What the author marked: 编号 and cells (sheet, cell) whose findings are all ignored."""

    refs: frozenset[str] = frozenset()
    cells: frozenset[tuple[str, str]] = frozenset()

    def __or__(self, other: Ignored) -> Ignored:
        return Ignored(self.refs | other.refs, self.cells | other.cells)


def split(findings: list[Finding], ignored: Ignored) -> tuple[list[Finding], int]:
    """Return the findings not ignored and how many were."""
    kept = [f for f in findings if f.ref not in ignored.refs and (f.sheet, f.cell) not in ignored.cells]
    return kept, len(findings) - len(kept)


def from_result_rows(rows: list[list[object]] | None) -> Ignored:
    """Return the 编号 marked in a 检查结果 sheet read back as rows (header first)."""
    if not rows or REF_COLUMN not in rows[0] or IGNORE_COLUMN not in rows[0]:
        return Ignored()
    ref, mark = rows[0].index(REF_COLUMN), rows[0].index(IGNORE_COLUMN)
    return Ignored(frozenset(str(row[ref]).strip() for row in rows[1:]
                             if len(row) > max(ref, mark) and str(row[mark] or "").strip() and row[ref]))


def from_notes(notes: dict[tuple[str, str], str]) -> Ignored:
    """Return the cells whose note (the user's part, before the tool's marker) says 忽略."""
    return Ignored(cells=frozenset(place for place, text in notes.items()
                                   if IGNORE_WORD in text.split(MARKER)[0]))


def list_file(path: Path) -> Path:
    """Return the file that keeps the 编号 ignored from the command line for the workbook or document *path*."""
    return path.with_name(f"{path.stem}.{IGNORE_WORD}.txt")


def from_list_file(path: Path) -> Ignored:
    """Return the 编号 kept beside *path* (none when there is no such file)."""
    kept = list_file(path)
    if not kept.is_file():
        return Ignored()
    lines = kept.read_text(encoding="utf-8-sig").splitlines()
    return Ignored(frozenset(line.split()[0] for line in lines if line.strip() and not line.startswith("#")))


def remember(path: Path, refs: list[str], findings: list[Finding]) -> list[str]:
    """Add *refs* to the list kept beside *path*; return those that name no current finding (not added)."""
    known = {f.ref: f for f in findings}
    unknown = [r for r in refs if r not in known]
    added = [r for r in dict.fromkeys(refs) if r in known]
    if added:
        kept = list_file(path)
        old = kept.read_text(encoding="utf-8-sig") if kept.is_file() else \
            f"# “{path.name}”中已忽略的检查结果（编号 代码 位置）。删去一行即恢复提示。\n"
        lines = [f"{r} {known[r].code} {known[r].sheet}{'!' if known[r].sheet else ''}{known[r].cell}" for r in added]
        kept.write_text(old.rstrip("\n") + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return unknown


def is_ref(text: str) -> bool:
    """Whether *text* has the shape of a 编号."""
    return bool(_REF.match(text))


_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "p": "http://schemas.openxmlformats.org/package/2006/relationships"}
_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"


def from_workbook(path: Path) -> Ignored:
    """Return what is marked 忽略 inside the .xlsx/.xlsm at *path*: its 检查结果 sheet and its cell notes."""
    try:
        with zipfile.ZipFile(path) as package:
            return from_result_rows(_result_rows(path)) | from_notes(_notes(package))
    except (OSError, zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        return Ignored()  # the reader reports an unusable file; ignoring nothing is safe


def _result_rows(path: Path) -> list[list[object]] | None:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    if RESULT_SHEET not in book.sheet_names:
        return None
    return book.get_sheet_by_name(RESULT_SHEET).to_python()


def _rels(package: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Return {id: (type, target part)} of *part*'s relationships."""
    folder, name = PurePosixPath(part).parent, PurePosixPath(part).name
    rels = f"{folder}/_rels/{name}.rels"
    if rels not in package.namelist():
        return {}
    out = {}
    for rel in ElementTree.fromstring(package.read(rels)).findall("p:Relationship", _NS):
        target = rel.get("Target", "")
        full = target.lstrip("/") if target.startswith("/") else str(PurePosixPath(folder, target))
        out[rel.get("Id")] = (rel.get("Type", ""), _normal(full))
    return out


def _normal(part: str) -> str:
    pieces: list[str] = []
    for piece in part.split("/"):
        if piece == "..":
            pieces and pieces.pop()
        elif piece not in ("", "."):
            pieces.append(piece)
    return "/".join(pieces)


def _notes(package: zipfile.ZipFile) -> dict[tuple[str, str], str]:
    """Return {(sheet, cell): text} of the notes in the package not written by the tool alone."""
    workbook = "xl/workbook.xml"
    sheets = _rels(package, workbook)
    out = {}
    for sheet in ElementTree.fromstring(package.read(workbook)).iter(f"{{{_NS['m']}}}sheet"):
        rid = sheet.get(f"{{{_NS['r']}}}id")
        if rid not in sheets:
            continue
        for kind, target in _rels(package, sheets[rid][1]).values():
            if kind != _COMMENTS or target not in package.namelist():
                continue
            root = ElementTree.fromstring(package.read(target))
            authors = [a.text or "" for a in root.iter(f"{{{_NS['m']}}}author")]
            for comment in root.iter(f"{{{_NS['m']}}}comment"):
                author = int(comment.get("authorId", "0"))
                if author < len(authors) and authors[author] == AUTHOR:
                    continue
                text = "".join(t.text or "" for t in comment.iter(f"{{{_NS['m']}}}t"))
                out[(sheet.get("name", ""), comment.get("ref", ""))] = text
    return out
