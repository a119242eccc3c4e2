"""Read a Word document (.docx) as numbered paragraphs, with notes on whatever is not a paragraph.

Automatic numbering is written back into the text (`一、` drawn by Word becomes text), heading styles
become heading levels, soft line breaks split a paragraph where a new part, sub-section or point starts.

Tables are reported, not imported: the report has no place for a table, and cell fragments ("序号",
"12") would read as sentences in the body. Each table's full text goes into its note so the user can
move figures into 指标数据 by hand. Two kinds of table are read in place like the body (a table inside
them is reported or, itself such a table, read in turn): a one-cell table, a frame Word users draw around
ordinary text; and a form with the report in one of its cells (a 述职评议表: 姓名, 职务 … above a cell
holding most of the document's text), whose other cells the note names.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from lxml import etree

from ..errors import DocumentError
from ..xlsx.bounds import part_target
from .document import Note, SourceParagraph
from .numbering import Counters
from .sources import check_length
from .wordxml import (NS, StyleSheet, body_blocks, frame_cell, has_picture, numbering_lists, paragraph_text,
                      report_cell, table_rows, text_boxes, text_chars)

_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#: python-docx's settings: blank text between elements dropped, entities never resolved (no entity expansion).
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)

#: A soft line break followed by one of these starts a paragraph of its own (the text is one visually).
_STARTS_PARAGRAPH = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(〔][一二三四五六七八九十]+[)）〕]|"
                               r"[一二三四五六七八九十]+是|\d+[.．、](?!\d)|[（(〔]\d+[)）〕]|——|\d{4}年\d{1,2}月\d{1,2}日\s*$)")


def docx_paragraphs(parts: Mapping[str, bytes], path: Path) -> tuple[list[SourceParagraph], list[Note]]:
    """Return the body paragraphs of the .docx package whose *parts* (name → content; xlsx.bounds.Parts inflates
    each on first use, within the limits) are given, in order, and notes on tables, text boxes, pictures. *path*
    is where it was read from, for messages. Past MAX_IMPORT_CHARS (numbering labels and empty paragraphs
    included) it stops with sources.check_length's refusal."""
    try:
        main = _related(parts, "", "officeDocument")
        if main is None:
            raise _damaged("缺少“正文部件”", path)
        body = _xml(parts[main]).find("w:body", NS)
        if body is None:
            raise _damaged("正文部件中没有正文", path)
        style_root, numbering_root = (_xml(parts[name]) if (name := _related(parts, main, kind)) else None
                                      for kind in ("styles", "numbering"))
    except KeyError as exc:  # a part the package names is not in it
        raise _damaged(f"缺少“{exc.args[0]}”", path) from None
    except SyntaxError as exc:  # a part that is not XML
        raise _damaged(str(exc), path) from None
    styles = StyleSheet(style_root)
    counters = Counters(numbering_lists(numbering_root))
    paragraphs: list[SourceParagraph] = []
    notes: list[Note] = []
    number = characters = 0

    def count(text: str) -> None:
        """Count *text* (a paragraph, or a note quoting a text box or table) against the document's limit."""
        nonlocal characters
        characters += len(text) + 1
        check_length(path, characters)

    def add(p) -> None:
        nonlocal number
        number += 1
        numbering = styles.numbering(p)
        label = counters.label(*numbering) if numbering else ""
        text = paragraph_text(p)
        count(label + text)
        if text.strip():
            pieces = _split_soft_breaks(label + text, number, styles.heading_level(p))
            pieces[0] = replace(pieces[0], bold_lead=styles.bold_lead(p))
            paragraphs.extend(pieces)
        for box in text_boxes(p):
            if box.strip():
                notes.append(Note(f"文本框中的文字未导入，请按需复制到工作簿：{box.strip()}", number))
                count(notes[-1].message)
        if has_picture(p):
            notes.append(Note("含有图片，未导入（工作簿只保存文字）。", number))

    document_chars = text_chars(body)

    def walk(container) -> None:
        for kind, element in body_blocks(container):
            if kind == "p":
                add(element)
            elif (frame := frame_cell(element)) is not None:
                walk(frame)
            elif (cell := report_cell(element, document_chars)) is not None:
                notes.append(_table_note(table_rows(element, leave=cell), number, form=True))
                walk(cell)
            else:
                notes.append(_table_note(table_rows(element), number))
                count(notes[-1].message)

    walk(body)
    return paragraphs, notes


def _related(parts: Mapping[str, bytes], source: str, kind: str) -> str | None:
    """Return the part that *source* ("" for the package itself) relates to by relationship *kind*
    (officeDocument, styles, numbering), or None: a part's relationships are in _rels/〈name〉.rels beside it."""
    folder, _, name = source.rpartition("/")
    rels = parts.get(posixpath.join(folder, "_rels", f"{name}.rels"))
    for rel in _xml(rels) if rels is not None else ():  # every child of <Relationships> is a <Relationship>
        target = rel.get("Target")
        if target and rel.get("Type") == _RELATIONSHIP + kind and rel.get("TargetMode") != "External":
            return part_target(folder, target)
    return None


def _damaged(reason: str, path: Path) -> DocumentError:
    return DocumentError(f"Word 文档已损坏，无法读取（{reason}）。请用 Word 或 WPS 打开后另存为“Word 文档 (.docx)”再导入。",
                         path)


def _xml(data: bytes):
    """Return the root element of the XML part *data*, parsed as python-docx parses (no entity is resolved)."""
    return etree.fromstring(data, _PARSER)


def _split_soft_breaks(text: str, number: int, level: int) -> list[SourceParagraph]:
    """Return one paragraph per line that starts a new unit; other soft line breaks just join lines."""
    pieces: list[str] = []
    for line in text.split("\n"):
        if pieces and not _STARTS_PARAGRAPH.match(line):
            pieces[-1] += line.strip()
        elif line.strip():
            pieces.append(line)
    return [SourceParagraph(piece, number, level if i == 0 else 0) for i, piece in enumerate(pieces)]


def _table_note(rows: list[list[str]], after: int, form: bool = False) -> Note:
    """Return the note on a table after paragraph *after*, naming its content; of a *form*, the cells around the
    report (the report's cell is left out of *rows*)."""
    width = max((len(r) for r in rows), default=0)
    content = "；".join(" | ".join(c.replace("\n", " ").strip() for c in row if c.strip() or not form)
                       for row in rows)
    if form:
        return Note(f"这里是一个表格，报告正文写在其中一格，已作为正文导入；表格其余各格不导入，"
                    f"请把需要的内容（如姓名、所在党组织）填入工作簿：{content}", after + 1)
    place = f"第{after}段之后" if after else "文档开头"
    return Note(f"{place}有一个表格（{len(rows)}行×{width}列），表格不导入，请把需要的内容（如数字）填入工作簿："
                f"{content}")
