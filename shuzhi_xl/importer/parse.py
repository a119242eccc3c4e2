"""Turn a report's paragraphs (in order) into the model, with notes on where things went.

Page markers and PDF line breaks go first; then the title block and the back matter are taken off, and the
body is read as an outline tree (tree.py: levels from numbering and layout), which tomodel.py maps onto the
model as it is: the author's parts and sub-sections in the author's order, nothing added, moved or dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .. import schema
from ..model import Info, Location, Report
from .document import ImportResult, Note, SourceParagraph
from .frontmatter import back_matter, front_matter, title_block_end
from .labels import leading_label
from .contents import drop_contents
from .pdftext import drop_page_markers, rejoin_wrapped
from .tomodel import name_default_items, parts_of
from .tree import Node, outline

@dataclass
class Reading:
    """A document read as a report: its metadata, the paragraphs before the first heading, the outline tree,
    and every paragraph kept (page markers gone, PDF lines rejoined)."""

    info: Info
    preamble: list[SourceParagraph]
    roots: list[Node]
    items: list[SourceParagraph]


def read_outline(paragraphs: Sequence[SourceParagraph], notes: list[Note], printed: bool = False) -> Reading:
    """Return a document's paragraphs read as title block, opening, outline tree and back matter; notes say what
    was dropped, joined or left blank on the way. *printed*: they are a PDF's lines (pdftext.rejoin_wrapped)."""
    items = rejoin_wrapped(drop_page_markers([p for p in paragraphs if p.text.strip()], notes), notes, printed)
    items = drop_contents([replace(p, text=p.text.strip()) for p in items], notes)
    end = title_block_end(items)
    info = front_matter(items[:end], notes)
    body = items[end:]
    back_matter(body, info, notes)
    preamble, roots, irregular = outline(body)
    for p in irregular:
        notes.append(Note(f"“{leading_label(p.text).written}”的编号没有接着上一个同样编号的标题，不作为新的一节，"
                          "已作为上一节的正文（其中的编号条目作为要点），请核对。", p.number))
    if not roots and len(preamble) > 1:
        roots, preamble = [_untitled(preamble[1:])], preamble[:1]
        rest = f"第{roots[0].number}段" + (f"至第{roots[0].paragraphs[-1].number}段" if len(roots[0].paragraphs) > 1 else "")
        notes.append(Note(f"没有找到部分标题（如“一、主要工作情况”）：第{preamble[0].number}段作为开篇段落，{rest}作为不带标题的"
                          "正文，照原样分段印出；如需按部分填写，请在工作簿中加上部分标题。", preamble[0].number))
    info.opening = "\n".join(p.text for p in preamble)
    if preamble:
        info.where["opening"] = Location(paragraph=preamble[0].number)
    return Reading(info, preamble, roots, items)


def _untitled(paragraphs: list[SourceParagraph]) -> Node:
    """Return a part without heading holding *paragraphs*: the body of a report written without any heading."""
    return Node(1, "", None, True, paragraphs[0].number, list(paragraphs))


def parse_paragraphs(paragraphs: Sequence[SourceParagraph], year: int | None = None,
                     printed: bool = False) -> ImportResult:
    """Return the model of a report given as numbered paragraphs (*printed*: a PDF's lines), and notes."""
    notes: list[Note] = []
    reading = read_outline(paragraphs, notes, printed)
    parts, layouts = parts_of(reading.roots)
    name_default_items(parts)
    info = reading.info
    info.layout = _common_layout([layouts[id(s)] for part in parts for s in part.sections if s.points])
    for part in parts:
        for section in part.sections:
            if section.points and info.layout not in layouts[id(section)]:
                section.layout = layouts[id(section)][0]
    _year(info, year, reading.items, notes)
    _note_blank_info(info, notes)
    return ImportResult(Report(info=info, parts=parts), notes)


def _common_layout(layouts: list[tuple[str, ...]]) -> str:
    """Return the layout most sections with points can be printed with (the report's default), ties to the first."""
    votes = Counter(layout for candidates in layouts for layout in candidates)
    return max(schema.LAYOUTS, key=lambda layout: votes[layout])


def _note_blank_info(info: Info, notes: list[Note]) -> None:
    """Say which required 基本信息 fields the document does not state (they stay blank: never guessed from the
    body), and where to fill them in."""
    blank = [f for f in schema.INFO.form if f.required and getattr(info, f.key) in ("", None)]
    if blank:
        where = "、".join(f"“{f.label}”（{schema.INFO.name}!{schema.INFO.form_cell(f.key)}）" for f in blank)
        notes.append(Note(f"原文的标题、署名行和落款中没有写明{where}，这些必填栏目留空，请填写。"))


def _year(info: Info, year: int | None, items: list[SourceParagraph], notes: list[Note]) -> None:
    """Set the report year: *year* when given (the text keeps its old years, and a note lists where they are),
    else the title's, which a note says was kept."""
    if not year:
        if info.year:
            notes.append(Note(f"“述职年度”取自标题：{info.year}年。如果这份工作簿用于新一年的述职，请在“基本信息”中改为"
                              "新的年度（导入时也可以用 --year 指定）。", info.where["year"].paragraph))
        return
    info.year, info.where["year"] = year, Location()
    mentions = {p.number: sorted(set(found)) for p in items
                if (found := [m for m in re.findall(r"(\d{4})\s*年", p.text) if 1990 <= int(m) < year])}
    said = f"述职年度已设为{year}年。"
    if not mentions:
        notes.append(Note(said + "原文中没有写到更早的年份。"))
        return
    where = "、".join(f"第{n}段（{'、'.join(y + '年' for y in years)}）" for n, years in mentions.items())
    notes.append(Note(f"{said}原文中写到往年的{where}未自动修改，请改写为{year}年的内容"
                      "（检查工作簿时会标出正文中遗留的往年年份）。", next(iter(mentions))))
