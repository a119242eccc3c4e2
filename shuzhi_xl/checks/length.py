"""Length of the printed report: characters per part and overall against the rules' limits (LN…)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ..model import Location, Report
from ..outline import part_role
from ..report.text import Paragraph
from .finding import Finding, at

if TYPE_CHECKING:  # as in ledger.py and structure.py, which facts imports and so cannot import it back
    from .facts import Facts

#: Paragraph roles not counted: the title block is not part of the text a committee limits.
UNCOUNTED = ("title", "author")


def characters(text: str) -> int:
    """Return the characters of *text* that count towards its length: everything but whitespace."""
    return len("".join(text.split()))


def part_lengths(paragraphs: Sequence[Paragraph]) -> tuple[int, list[int]]:
    """Return the total characters of a report's printed *paragraphs* and those of each part, in order."""
    total, parts = 0, []
    for paragraph in paragraphs:
        if paragraph.role in UNCOUNTED:
            continue
        n = characters(paragraph.text)
        total += n
        if paragraph.role == "part":
            parts.append(0)
        if parts and paragraph.role in ("part", "body"):
            parts[-1] += n
    return total, parts


def check(report: Report, rules, facts: Facts) -> Iterator[Finding]:
    """Yield the counts as an info finding, and a warning for each limit the report exceeds."""
    total, counts = part_lengths(facts.paragraphs)
    headed = [part for part in report.parts if part.heading]  # a part without a title starts no count
    listed = "，".join(f"{part.heading} {n} 字" for part, n in zip(headed, counts))
    yield at(Location(), "LN001", "info", f"全文约 {total} 字（不含标题和署名，不计空格）：{listed}。",
             "如上级规定了字数，可在规则文件的 [length] 中设置，超出时会提示。")
    limit = rules.length.get("total", 0)
    if limit and total > limit:
        yield at(Location(), "LN002", "warning", f"全文 {total} 字，超过规定的 {limit} 字。", "精简内容。")
    if not any(rules.length.values()) and not any(item.limit for item in rules.outline.parts):
        return  # no limit at all (the default): the parts need not be matched to the outline
    items = {id(m.part): m.item for m in facts.matched}  # the parts as structure's check matched them
    for part, n in zip(headed, counts):
        item = items.get(id(part))
        limit = item.limit if item and item.limit else rules.length.get(part_role(part), 0)
        if limit and n > limit:
            yield at(part.where.get("heading"), "LN002", "warning",
                     f"“{part.heading}”部分 {n} 字，超过规定的 {limit} 字。", "精简这一部分的内容。")
