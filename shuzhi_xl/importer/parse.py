"""Turn a report's paragraphs (in order) into the model, with notes on where things went.

The hierarchy is recognised from the text itself — part headings 一、, sub-sections （一）/(一), points
一是/1./1、/（1）— or from Word's heading styles. Parts and sub-sections are mapped to the workbook's sheets
by the meaning of their headings; what matches no sheet is kept as an extra sub-section or part, so
nothing is dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import schema
from ..model import Info, Location, Part, Report, Section
from .document import ImportResult, Note, SourceParagraph
from .frontmatter import TITLE_WORDS, back_matter, front_matter
from .points import Ordinal, leading_ordinal, section_body

NUMERAL = "一二三四五六七八九十"
PART_HEADING = re.compile(rf"^(?:第([{NUMERAL}]+)部分[、.．：:\s]*|([{NUMERAL}]+)[、.．])\s*(.+)$", re.S)
SUB_HEADING = re.compile(rf"^[（(]\s*([{NUMERAL}]+)\s*[)）]\s*(.*)$", re.S)
#: Longest part heading clause; a longer "一、…" sentence is body text.
PART_MAX = 30

PART_KEYS = (("work", ("主要工作", "履职", "工作情况")), ("problems", ("问题",)),
             ("plans", ("打算", "计划", "思路", "举措")))
SECTION_KEYS = (("study", ("政治", "学习", "理论")), ("tasks", ("任务", "责任", "制度")),
                ("activities", ("活动", "组织生活")), ("central", ("中心", "业务", "发展")))
STANDARD_PARTS = (("work", "part1"), ("problems", "part2"), ("plans", "part3"))


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


def split_heading(text: str) -> tuple[str, str]:
    """Return (heading clause, the rest) of a （一） paragraph's text; the clause keeps a closing mark other
    than 。 (a heading ending in ： prints with it)."""
    match = re.search(r"[。！？：]", text)
    if not match:
        return text.strip(), ""
    mark = "" if match.group() == "。" else match.group()
    return text[: match.start()].strip() + mark, text[match.end():].strip()


def _part_heading(p: SourceParagraph) -> tuple[str, str] | None:
    """Return (heading, rest) when *p* starts a part: 一、/一./第一部分 with a short clause, or a level-1 style."""
    match = PART_HEADING.match(p.text)
    if match:
        heading, rest = split_heading(match.group(3))
        if len(heading) <= PART_MAX:
            return heading, rest
    if p.level == 1:
        return split_heading(match.group(3)) if match else split_heading(p.text)
    return None


def _sub_heading(p: SourceParagraph) -> tuple[str, str] | None:
    match = SUB_HEADING.match(p.text)
    if match:
        return split_heading(match.group(2))
    return split_heading(p.text) if p.level == 2 else None


def parse_paragraphs(paragraphs: Sequence[SourceParagraph], year: int | None = None) -> ImportResult:
    """Return the model of a report given as numbered paragraphs, and notes."""
    items = [SourceParagraph(p.text.strip(), p.number, p.level) for p in paragraphs if p.text.strip()]
    first = next((k for k, p in enumerate(items) if _part_heading(p) and not _styled_title(p)), len(items))
    notes: list[Note] = []
    info = front_matter(items[:first], notes)
    raw_parts = _raw_parts(items[first:], notes)
    if raw_parts:
        _take_back_matter(raw_parts[-1], info, notes)
    else:
        notes.append(Note("没有找到“一、主要工作情况”这样的部分标题，全文已放入“基本信息”的开篇段落，请手工分到各工作表。"))
    layouts: dict[str, tuple[str, ...]] = {}
    taken: set[str] = set()
    parts = [_part(raw, taken, notes, layouts) for raw in raw_parts]
    info.layout = _common_layout(list(layouts.values()))
    for part in parts:
        for section in part.sections:
            if section.key in layouts:
                section.layout = "" if info.layout in layouts[section.key] else layouts[section.key][0]
    report = Report(info=info, parts=_standardise(parts, notes))
    if year:
        _new_year(report.info, year, items, notes)
    return ImportResult(report, notes)


def _styled_title(p: SourceParagraph) -> bool:
    """Return True for a title set in a heading style: level 1, unnumbered, worded like a report title."""
    return p.level == 1 and not PART_HEADING.match(p.text) and any(w in p.text for w in TITLE_WORDS)


def _raw_parts(body: list[SourceParagraph], notes: list[Note]) -> list[_RawPart]:
    """Group the body into parts and each part into sub-sections (text before the first one: no heading)."""
    parts: list[_RawPart] = []
    for p in body:
        if found := _part_heading(p):
            parts.append(_RawPart(found[0], p.number))
            p = SourceParagraph(found[1], p.number)
            if not p.text:
                continue
        part = parts[-1]
        if found := _sub_heading(p):
            part.sections.append(_RawSection(found[0], [SourceParagraph(found[1], p.number)], p.number))
        elif part.sections:
            part.sections[-1].paragraphs.append(p)
        else:
            part.sections.append(_RawSection("", [p], p.number))
    for part in parts:  # a part numbered only with 1./（1）/一是 per paragraph: those are its sub-sections
        if len(part.sections) == 1 and not part.sections[0].heading:
            part.sections = _sections_by_ordinal(part, notes) or part.sections
    return parts


def _sections_by_ordinal(part: _RawPart, notes: list[Note]) -> list[_RawSection]:
    """Return the sections of a part without （一） headings, split at the paragraphs numbered 1, 2, 3… in the
    style of the first numbered paragraph (1., （1）, 一是 …), or [] if fewer than two are. Ordinals of another
    style, or out of sequence, number points inside those sections."""
    paragraphs = part.sections[0].paragraphs
    ordinals = [leading_ordinal(p.text) for p in paragraphs]
    style = next((o.style for o in ordinals if o), None)
    starts: list[int] = []
    for k, ordinal in enumerate(ordinals):
        if ordinal and ordinal.style == style and ordinal.number == len(starts) + 1:
            starts.append(k)
    if len(starts) < 2:
        return []
    inside = [paragraphs[k].number for k, o in enumerate(ordinals) if o and k not in starts]
    _note_ordinals_inside(part, ordinals[starts[0]], inside, notes)
    sections = [_RawSection("", paragraphs[:starts[0]], paragraphs[0].number)] if starts[0] else []
    for k, stop in zip(starts, starts[1:] + [len(paragraphs)]):
        heading, rest = split_heading(ordinals[k].rest)
        number = paragraphs[k].number
        sections.append(_RawSection(heading, [SourceParagraph(rest, number), *paragraphs[k + 1:stop]], number))
    return sections


def _note_ordinals_inside(part: _RawPart, section: Ordinal, inside: list[int], notes: list[Note]) -> None:
    """Note the guess that numbered paragraphs (numbers *inside*) other than the sub-sections' are their points."""
    if inside:
        where = "、".join(f"第{n}段" for n in dict.fromkeys(inside))
        notes.append(Note(f"“{part.heading}”的小节没有用（一）（二）编号：已把以“{section.mark}”依次编号的段落作为小节，"
                          f"另有编号的{where}作为小节中的要点，请核对。", part.number))


def _take_back_matter(part: _RawPart, info: Info, notes: list[Note]) -> None:
    """Take the closing, signature, date and lines after them off the end of the last section, where the
    grouping put them; say so when text is still left after the last section's usual length."""
    if not part.sections:
        return
    last = part.sections[-1]
    keep = 1 if last.heading else 0  # a heading's own paragraph is never back matter
    tail = last.paragraphs[keep:]
    back_matter(tail, info, notes)
    last.paragraphs[keep:] = tail
    if not last.heading and not _text(last.paragraphs):
        part.sections.pop()
    elif len(part.sections) > 1:
        _note_merged_tail(part, notes)


def _note_merged_tail(part: _RawPart, notes: list[Note]) -> None:
    """Note the paragraphs by which the last section is longer than any other section of its part: they may
    be text after the report's end that was read into it."""
    def length(section: _RawSection) -> int:
        return sum(1 for p in section.paragraphs if p.text)
    *others, last = part.sections
    extra = [p for p in last.paragraphs if p.text][max(1, *map(length, others)):]
    if extra:
        notes.append(Note(f"最后一节“{last.heading}”之后的{len(extra)}段文字已并入该节，如果它们不属于该节"
                          "（如结束语、落款、附件），请在工作簿中移到相应位置或删除。", extra[0].number))


def _text(paragraphs: list[SourceParagraph]) -> str:
    return "\n".join(p.text for p in paragraphs if p.text)


def _part(raw: _RawPart, taken: set[str], notes: list[Note], layouts: dict[str, tuple[str, ...]]) -> Part:
    """Return the Part of *raw*, keyed by meaning; part 一's sub-sections go to the standard sheets."""
    key = _match_key(raw.heading, PART_KEYS, taken)
    taken.add(key)
    part = Part(raw.heading, key=key, where={"heading": Location(paragraph=raw.number)})
    if not key:
        notes.append(Note(f"“{raw.heading}”不是标准的三个部分之一，已作为新增部分放入“{schema.EXTRAS.name}”工作表。",
                          raw.number))
    standard: dict[str, Section] = {}
    for rs in raw.sections:
        where = {"heading": Location(paragraph=rs.number), "lead": Location(paragraph=rs.number)}
        section_key = _match_key(rs.heading, SECTION_KEYS, set(standard)) if key == "work" and rs.heading else ""
        if section_key:
            lead, points, candidates = section_body(rs.paragraphs)
            standard[section_key] = Section(rs.heading, lead, points, key=section_key, where=where)
            layouts[section_key] = candidates
            continue
        part.sections.append(Section(rs.heading, _text(rs.paragraphs), key=key if key != "work" else "", where=where))
        if key == "work":
            what = f"小节“{rs.heading}”不对应四个标准小节" if rs.heading else "第一部分中小节标题之前的文字"
            notes.append(Note(f"{what}，已放入“{schema.EXTRAS.name}”工作表（{schema.EXTRA_PLACES[0]}），"
                              "生成报告时排在第一部分的标准小节之后。", rs.number))
    if key == "work":
        part.sections = _standard_sections(standard, notes) + part.sections
    return part


def _standard_sections(found: dict[str, Section], notes: list[Note]) -> list[Section]:
    """Return the four standard sections in sheet order, an empty one (and a note) where none was found."""
    for key, _ in SECTION_KEYS:
        if key not in found:
            notes.append(Note(f"没有找到对应“{schema.sheet(key).name}”的小节，该工作表留空，请补写。"))
    return [found.get(key) or Section(key=key) for key, _ in SECTION_KEYS]


def _common_layout(layouts: list[tuple[str, ...]]) -> str:
    """Return the layout most sub-sections can be printed with (the report's default), ties to the first."""
    votes = Counter(layout for candidates in layouts for layout in candidates)
    return max(schema.LAYOUTS, key=lambda layout: votes[layout])


def _standardise(parts: list[Part], notes: list[Note]) -> list[Part]:
    """Put the standard parts in their order (adding missing ones empty); extra parts follow the part they
    followed (one before part 一 goes after it: the workbook has no place before)."""
    for key, field_key in STANDARD_PARTS:
        if not any(p.key == key for p in parts):
            default = schema.INFO.field(field_key).default
            parts.append(Part(default, [Section(key=k) for k, _ in SECTION_KEYS] if key == "work" else [], key=key))
            notes.append(Note(f"没有找到“{default}”部分，对应的工作表留空，请补写。"))
    first = next(i for i, p in enumerate(parts) if p.key)
    leading, parts = parts[:first], parts[first:]
    for part in leading:
        notes.append(Note(f"“{part.heading}”位于第一部分之前，工作簿只能把新增部分放在标准部分之后，已移到第一部分之后。",
                          part.where["heading"].paragraph))
    result: list[Part] = []
    for key, _ in STANDARD_PARTS:
        start = next(i for i, p in enumerate(parts) if p.key == key)
        result += [parts[start], *(leading if key == "work" else [])]
        following = start + 1
        while following < len(parts) and not parts[following].key:
            result.append(parts[following])
            following += 1
    return result


def _new_year(info, year: int, items: list[SourceParagraph], notes: list[Note]) -> None:
    """Set the new report year; the text keeps the old year, and a note says where it is."""
    # A title the workbook derives follows the new year, so its lines no longer mention the old one.
    derived_title = "" if info.title else info.display_title
    old, info.year = info.year, year
    if old and old != year:
        mentions = sorted({p.number for p in items if str(old) in p.text and p.text not in derived_title})
        where = "、".join(f"第{n}段" for n in mentions)
        notes.append(Note(f"述职年度已设为{year}年。原报告的年份“{old}”仍出现在{where}，未自动修改，"
                          f"请改写为{year}年的内容（检查工作簿时会标出正文中遗留的往年年份）。"))
