"""Turn a report's paragraphs (plain strings, in order) into the model.

The hierarchy is recognised from the text itself: part headings 一、, sub-sections （一）/(一), points
一是/1./1、/（1）. Parts and sub-sections are mapped to the workbook's sheets by the meaning of their
headings; what matches no sheet is kept as an extra sub-section or part, so nothing is dropped.
"""

from __future__ import annotations

import datetime as dt
import re

from .. import schema
from ..model import Info, Location, Part, Point, Report, Section
from ..report.text import chinese_numeral

NUMERAL = "一二三四五六七八九十"
PART_HEADING = re.compile(rf"^([{NUMERAL}]+)、\s*(.+)$")
SUB_HEADING = re.compile(rf"^[（(]([{NUMERAL}]+)[)）]\s*(.*)$", re.S)
DATE_LINE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
TITLE_WORDS = ("述职报告", "述职", "工作报告")
CLOSING_WORDS = ("特此报告", "请予评议", "以上报告", "述职完毕", "谢谢大家")
#: Longest first sentence of a point still taken as its short lead clause (the seed's longest is 22).
LEAD_MAX = 25

PART_KEYS = (("work", ("主要工作", "履职", "工作情况")), ("problems", ("问题",)),
             ("plans", ("打算", "计划", "思路", "举措")))
SECTION_KEYS = (("study", ("政治", "学习", "理论")), ("tasks", ("任务", "责任", "制度")),
                ("activities", ("活动", "组织生活")), ("central", ("中心", "业务", "发展")))


def _match_key(heading: str, table: tuple, taken: set[str]) -> str:
    for key, words in table:
        if key not in taken and any(w in heading for w in words):
            return key
    return ""


def split_heading(text: str) -> tuple[str, str]:
    """Return (heading clause without its full stop, the rest) of a （一） paragraph's text."""
    match = re.search(r"[。！？：]", text)
    if not match:
        return text.strip(), ""
    return text[: match.start()].strip(), text[match.end():].strip()


def _ordinal_patterns(n: int) -> list[str]:
    cn = chinese_numeral(n)
    return [f"{cn}是", f"{n}\\.", f"{n}、", f"[（(]{n}[)）]"]


def split_points(text: str) -> tuple[str, list[str]]:
    """Return (text before the first point, the points' texts without their ordinals).

    Points are found in sequence (一是, then 二是 …), each at the start or after a sentence end, so a
    是 inside a sentence never starts a point.
    """
    points, position, n = [], 0, 1
    starts: list[tuple[int, int]] = []
    while True:
        found = None
        for pattern in _ordinal_patterns(n):
            match = re.compile(rf"(?:^|(?<=[。；！？\s]))\s*{pattern}").search(text, position)
            if match and (found is None or match.start() < found.start()):
                found = match
        if not found:
            break
        starts.append((found.start(), found.end()))
        position, n = found.end(), n + 1
    if not starts:
        return text.strip(), []
    for i, (_, end) in enumerate(starts):
        stop = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        points.append(text[end:stop].strip())
    return text[: starts[0][0]].strip(), points


def make_point(text: str, where: dict[str, Location]) -> Point:
    """Return a Point, taking a short first sentence as its lead clause when more text follows it."""
    match = re.search(r"。", text)
    if match and 0 < match.start() <= LEAD_MAX and text[match.end():].strip():
        return Point(text[: match.start()], text[match.end():].strip(), where=dict(where))
    return Point("", text, where=dict(where))


def parse_paragraphs(paragraphs: list[str], year: int | None = None) -> Report:
    """Return the model of a report given as paragraph texts (empty ones are skipped)."""
    numbered = [(i, p.strip()) for i, p in enumerate(paragraphs, start=1) if p.strip()]
    first_part = next((k for k, (_, p) in enumerate(numbered) if PART_HEADING.match(p) and len(p) <= 40), None)
    head = numbered if first_part is None else numbered[:first_part]
    body = [] if first_part is None else numbered[first_part:]
    info = _front_matter(head)
    _back_matter(body, info)

    parts: list[Part] = []
    for index, text in body:
        match = PART_HEADING.match(text)
        if match and len(text) <= 40:
            parts.append(Part(match.group(2).strip(), where={"heading": Location(paragraph=index)}))
            continue
        _add_to_part(parts[-1], index, text)
    if year:
        info.year = year
    return Report(info=info, parts=_standardise(parts))


def _looks_like_title(text: str) -> bool:
    return len(text) <= 60 and any(w in text for w in TITLE_WORDS) and not re.search(r"[，。：；]", text)


def _front_matter(head: list[tuple[int, str]]) -> Info:
    info = Info()
    opening: list[str] = []
    for index, text in head:
        where = Location(paragraph=index)
        if not opening and not info.title and _looks_like_title(text):
            info.title, info.where["title"] = text, where
        elif not opening and text.startswith("——"):
            info.author, info.where["author"] = text.lstrip("—").strip(), where
        elif not opening and text.endswith("：") and len(text) <= 20:
            info.salutation, info.where["salutation"] = text, where
        else:
            opening.append(text)
            info.where.setdefault("opening", where)
    info.opening = "\n".join(opening)
    context = "\n".join([info.title, info.opening])
    if year := re.search(r"(\d{4})\s*年", context):
        info.year = int(year.group(1))
    if branch := re.search(r"([^\s，。、“”在的]*?党支部)", info.title or info.opening):
        info.branch = branch.group(1)
    if committee := re.search(r"在(.{1,20}?)的(?:正确|坚强)?领导下", info.opening):
        info.committee = committee.group(1)
    if info.author:
        info.secretary = info.author.split()[-1] if " " in info.author else ""
    return info


def _back_matter(body: list[tuple[int, str]], info: Info) -> None:
    """Take closing formula, signature and date off the end of *body* (in place)."""
    if body and DATE_LINE.match(body[-1][1]):
        y, m, d = map(int, DATE_LINE.match(body.pop()[1]).groups())
        info.date = dt.date(y, m, d)
        if body and len(body[-1][1]) <= 30 and not re.search(r"[。，；：]", body[-1][1]):
            info.signature = body.pop()[1]
    if body and any(w in body[-1][1] for w in CLOSING_WORDS) and len(body[-1][1]) <= 40:
        info.closing = body.pop()[1]


def _add_to_part(part: Part, index: int, text: str) -> None:
    where = Location(paragraph=index)
    match = SUB_HEADING.match(text)
    if match:
        heading, rest = split_heading(match.group(2))
        part.sections.append(Section(heading=heading, lead=rest, where={"heading": where, "lead": where}))
        return
    if not part.sections:  # text directly under a part heading: a section without a heading
        part.sections.append(Section(lead=text, where={"lead": where}))
        return
    section = part.sections[-1]
    section.lead = f"{section.lead}\n{text}" if section.lead else text
    section.where.setdefault("more", where)


def _standardise(parts: list[Part]) -> list[Part]:
    """Map parts and sub-sections onto the workbook's sheets; keep the rest as extras, in order."""
    out: list[Part] = []
    taken: set[str] = set()
    for part in parts:
        part.key = _match_key(part.heading, PART_KEYS, taken)
        taken.add(part.key)
        if part.key == "work":
            _standard_sections(part)
        elif part.key:
            for section in part.sections:
                section.key = part.key
        out.append(part)
    for key, default in zip(("work", "problems", "plans"), ("part1", "part2", "part3")):
        if key not in taken:
            out.append(Part(schema.INFO.field(default).default, key=key))
            if key == "work":
                _standard_sections(out[-1])
    # Standard parts keep their standard order; extra parts stay right after the part they followed.
    result: list[Part] = []
    for key in ("work", "problems", "plans"):
        start = next(i for i, p in enumerate(out) if p.key == key)
        result.append(out[start])
        following = start + 1
        while following < len(out) and not out[following].key:
            result.append(out[following])
            following += 1
    return result


def _standard_sections(part: Part) -> None:
    """Assign part 一's sub-sections to the four standard sheets and split their points."""
    taken: set[str] = set()
    standard: dict[str, Section] = {}
    extras: list[Section] = []
    for section in part.sections:
        key = _match_key(section.heading, SECTION_KEYS, taken) if section.heading else ""
        if not key:
            extras.append(section)
            continue
        taken.add(key)
        section.key = key
        lead_paragraphs = section.lead.split("\n")
        before, points = split_points(lead_paragraphs[0])
        if len(lead_paragraphs) > 1:
            rest_points = [split_points(p) for p in lead_paragraphs[1:]]
            extra_lead = [b for b, _ in rest_points if b]
            section.layout = schema.LAYOUTS[2] if len(rest_points) > 1 else schema.LAYOUTS[1]
            points += [p for _, ps in rest_points for p in ps]
            before = "\n".join([before, *extra_lead]).strip()
        section.lead = before
        where = {"lead": section.where.get("more", section.where.get("lead", Location())),
                 "body": section.where.get("more", section.where.get("lead", Location()))}
        section.points = [make_point(p, where) for p in points]
        section.where.pop("more", None)
        standard[key] = section
    part.sections = [standard.get(key) or Section(key=key) for key, _ in SECTION_KEYS] + extras
