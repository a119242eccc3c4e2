"""Turn a report's paragraphs (in order) into the model, with notes on where things went.

Page markers and PDF line breaks go first; then the title block and the back matter are taken off, and the
body is read as an outline tree (tree.py: levels from numbering and layout). Parts and sub-sections are then
mapped to the workbook's sheets by the meaning of their headings; what matches no sheet is kept as an extra
sub-section or part, so nothing is dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .. import schema
from ..model import Info, Location, Part, Report, Section
from .document import ImportResult, Note, SourceParagraph
from .frontmatter import back_matter, front_matter, title_block_end
from .labels import leading_label
from .pdftext import drop_page_markers, rejoin_wrapped
from .points import section_body
from .tree import Node, outline

PART_KEYS = (("work", ("主要工作", "履职", "工作情况")), ("problems", ("问题",)),
             ("plans", ("打算", "计划", "思路", "举措")))
SECTION_KEYS = (("study", ("政治", "学习", "理论")), ("tasks", ("任务", "责任", "制度")),
                ("activities", ("活动", "组织生活")), ("central", ("中心", "业务", "发展")))
STANDARD_PARTS = (("work", "主要工作情况"), ("problems", "存在的问题"), ("plans", "下步工作打算"))
#: The default 提纲's names (栏目) of the parts and part 一's sections matched by meaning.
NAMES = {"work": "主要工作情况", "problems": "存在问题", "plans": "下步打算",
         "study": "政治学习", "tasks": "重点任务", "activities": "支部活动", "central": "中心工作"}
_KEYS = {name: key for key, name in NAMES.items()}


def _key(item: Part | Section) -> str:
    """Return the key of a standard part or section, by its name."""
    return _KEYS.get(item.name, "")


@dataclass
class _RawSection:
    heading: str
    paragraphs: list[SourceParagraph]
    number: int


@dataclass
class _RawPart:
    heading: str
    number: int
    sections: list[_RawSection] = field(default_factory=list)


def _match_key(heading: str, table: tuple, taken: set[str]) -> str:
    for key, words in table:
        if key not in taken and any(w in heading for w in words):
            return key
    return ""


@dataclass
class Reading:
    """A document read as a report: its metadata, the paragraphs before the first heading, the outline tree,
    and every paragraph kept (page markers gone, PDF lines rejoined)."""

    info: Info
    preamble: list[SourceParagraph]
    roots: list[Node]
    items: list[SourceParagraph]


def read_outline(paragraphs: Sequence[SourceParagraph], notes: list[Note]) -> Reading:
    """Return a document's paragraphs read as title block, opening, outline tree and back matter; notes say what
    was dropped, joined or left blank on the way."""
    items = rejoin_wrapped(drop_page_markers([p for p in paragraphs if p.text.strip()], notes), notes)
    items = [replace(p, text=p.text.strip()) for p in items]
    end = title_block_end(items)
    info = front_matter(items[:end], notes)
    body = items[end:]
    back_matter(body, info, notes)
    preamble, roots, irregular = outline(body)
    for p in irregular:
        notes.append(Note(f"“{leading_label(p.text).written}”的编号没有接着上一个同样编号的标题，不作为新的一节，"
                          "已作为上一节的正文（其中的编号条目作为要点），请核对。", p.number))
    info.opening = "\n".join(p.text for p in preamble)
    if preamble:
        info.where["opening"] = Location(paragraph=preamble[0].number)
    if not roots and preamble:
        span = f"第{preamble[0].number}段至第{preamble[-1].number}段" if len(preamble) > 1 else f"第{preamble[0].number}段"
        notes.append(Note(f"没有找到部分标题（如“一、主要工作情况”），{span}全部放入“基本信息”的开篇段落，"
                          "生成的报告照原样分段印出；如需按部分填写，请在工作簿中拆分。", preamble[0].number))
    return Reading(info, preamble, roots, items)


def parse_paragraphs(paragraphs: Sequence[SourceParagraph], year: int | None = None) -> ImportResult:
    """Return the model of a report given as numbered paragraphs, and notes."""
    notes: list[Note] = []
    reading = read_outline(paragraphs, notes)
    info, roots, items = reading.info, reading.roots, reading.items
    raw_parts = [_raw_part(node) for node in roots]
    layouts: dict[str, tuple[str, ...]] = {}
    taken: set[str] = set()
    parts = [_part(raw, taken, notes, layouts) for raw in raw_parts]
    info.layout = _common_layout(list(layouts.values()))
    for part in parts:
        for section in part.sections:
            if _key(section) in layouts:
                section.layout = "" if info.layout in layouts[_key(section)] else layouts[_key(section)][0]
    report = Report(info=info, parts=_standardise(parts, notes))
    _year(report.info, year, items, notes)
    _note_blank_info(report.info, notes)
    return ImportResult(report, notes)


def _note_blank_info(info: Info, notes: list[Note]) -> None:
    """Say which required 基本信息 fields the document does not state (they stay blank: never guessed from the
    body), and where to fill them in."""
    blank = [f for f in schema.INFO.form if f.required and getattr(info, f.key) in ("", None)]
    if blank:
        where = "、".join(f"“{f.label}”（{schema.INFO.name}!{schema.INFO.form_cell(f.key)}）" for f in blank)
        notes.append(Note(f"原文的标题、署名行和落款中没有写明{where}，这些必填栏目留空，请填写。"))


def _raw_part(node: Node) -> _RawPart:
    """Return the part of a top-level unit: text before its first sub-unit is a section without heading, each
    sub-unit a section, deeper units their text as written."""
    part = _RawPart(_bare(node.heading), node.number)
    if node.paragraphs:
        part.sections.append(_RawSection("", list(node.paragraphs), node.number))
    for child in node.children:
        text = [SourceParagraph(line, grandchild.number) for grandchild in child.children for line in grandchild.lines()]
        # A heading alone in its paragraph: its body starts in a paragraph of its own, as layouts tell apart.
        alone = [SourceParagraph("", child.number)] if child.alone else []
        part.sections.append(_RawSection(_bare(child.heading), [*alone, *child.paragraphs, *text], child.number))
    return part


def _bare(heading: str) -> str:
    """Return a heading without its final 。 (the report adds it again)."""
    return heading[:-1] if heading.endswith("。") else heading


def _text(paragraphs: list[SourceParagraph]) -> str:
    return "\n".join(p.text for p in paragraphs if p.text)


def _part(raw: _RawPart, taken: set[str], notes: list[Note], layouts: dict[str, tuple[str, ...]]) -> Part:
    """Return the Part of *raw*, keyed by meaning; part 一's sub-sections go to the standard sheets."""
    key = _match_key(raw.heading, PART_KEYS, taken)
    taken.add(key)
    part = Part(raw.heading, name=NAMES.get(key, ""), where={"heading": Location(paragraph=raw.number)})
    if not key:
        notes.append(Note(f"“{raw.heading}”不是标准的三个部分之一，已作为新增部分保留。", raw.number))
    standard: dict[str, Section] = {}
    for rs in raw.sections:
        where = {"heading": Location(paragraph=rs.number), "lead": Location(paragraph=rs.number)}
        section_key = _match_key(rs.heading, SECTION_KEYS, set(standard)) if key == "work" and rs.heading else ""
        if section_key:
            lead, points, candidates = section_body(rs.paragraphs)
            standard[section_key] = Section(rs.heading, lead, points, name=NAMES[section_key],
                                            where=where)
            layouts[section_key] = candidates
            continue
        part.sections.append(Section(rs.heading, _text(rs.paragraphs), where=where))
        if key == "work":
            what = f"小节“{rs.heading}”不对应四个标准小节" if rs.heading else "第一部分中小节标题之前的文字"
            notes.append(Note(f"{what}，已保留在第一部分中，排在标准小节之后。", rs.number))
    if key == "work":
        part.sections = _standard_sections(standard, notes) + part.sections
    return part


def _standard_sections(found: dict[str, Section], notes: list[Note]) -> list[Section]:
    """Return the four standard sections in sheet order, an empty one (and a note) where none was found."""
    for key, _ in SECTION_KEYS:
        if key not in found:
            notes.append(Note(f"没有找到对应“{NAMES[key]}”的小节，该小节留空，请补写。"))
    return [found.get(key) or Section(name=NAMES[key]) for key, _ in SECTION_KEYS]


def _common_layout(layouts: list[tuple[str, ...]]) -> str:
    """Return the layout most sub-sections can be printed with (the report's default), ties to the first."""
    votes = Counter(layout for candidates in layouts for layout in candidates)
    return max(schema.LAYOUTS, key=lambda layout: votes[layout])


def _standardise(parts: list[Part], notes: list[Note]) -> list[Part]:
    """Put the standard parts in their order (adding missing ones empty); extra parts follow the part they
    followed (one before part 一 goes after it: the workbook has no place before)."""
    for key, default in STANDARD_PARTS:
        if not any(_key(p) == key for p in parts):
            sections = [Section(name=NAMES[k]) for k, _ in SECTION_KEYS] if key == "work" else []
            parts.append(Part(default, sections, name=NAMES[key]))
            notes.append(Note(f"没有找到“{default}”部分，已留空，请补写。"))
    first = next(i for i, p in enumerate(parts) if _key(p))
    leading, parts = parts[:first], parts[first:]
    for part in leading:
        notes.append(Note(f"“{part.heading}”位于第一部分之前，工作簿只能把新增部分放在标准部分之后，已移到第一部分之后。",
                          part.where["heading"].paragraph))
    result: list[Part] = []
    for key, _ in STANDARD_PARTS:
        start = next(i for i, p in enumerate(parts) if _key(p) == key)
        result += [parts[start], *(leading if key == "work" else [])]
        following = start + 1
        while following < len(parts) and not _key(parts[following]):
            result.append(parts[following])
            following += 1
    return result


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
