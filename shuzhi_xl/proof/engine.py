"""Proofread one text: the word-list scan and the standards rules, as findings that name the text to change."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import replace

from ..checks.cells import TextCell
from ..checks.finding import Finding, at, quote
from ..model import Location
from .scan import Hit, build, scan
from .standards import standard_hits

#: What each code's finding is called.
LABELS = {
    "PR007": "错别字", "PR008": "表述不规范", "PR012": "近似写法", "PR013": "疑似别字", "PR014": "语义重复",
    "PR015": "用词不当", "PR016": "数字用法", "PR017": "数字用法", "PR018": "日期写法", "PR019": "计量单位",
    "PR020": "标点符号", "PR021": "百分比计算", "PR022": "分项合计",
}


def index_for(rules):
    """Return the scan index for *rules* (the shipped lists with the committee's entries), cached per rules."""
    return build(rules.words, rules.formulations, rules.phrases, rules.remove)


def hits(text: str, rules) -> list[Hit]:
    """Return every hit in *text*, in order; where two overlap, the word-list one is kept."""
    found = scan(text, index_for(rules))
    taken = [(h.start, h.end) for h in found]
    extra = [h for h in standard_hits(text) if not any(s < h.end and h.start < e for s, e in taken)]
    return sorted(found + extra, key=lambda h: h.start)


def proofread(cells: list[TextCell], rules) -> Iterator[Finding]:
    """Yield one finding per hit in the texts of *cells*, each placed at its cell.

    The texts are joined by line breaks (which no rule crosses) and scanned once: a workbook has dozens of short
    cells, and a scan's fixed cost per call would otherwise be paid for each."""
    starts, position = [], 0
    for cell in cells:
        starts.append(position)
        position += len(cell.text) + 1
    for hit in hits("\n".join(cell.text for cell in cells), rules):
        n = bisect_right(starts, hit.start) - 1
        cell = cells[n]
        if hit.end <= starts[n] + len(cell.text):
            local = replace(hit, start=hit.start - starts[n], end=hit.end - starts[n])
            yield finding(local, cell.text, cell.where)


def finding(hit: Hit, text: str, where: Location | None) -> Finding:
    """Return the finding of *hit* in *text*: the quoted place, what to write and why."""
    label = LABELS.get(hit.code, "校对")
    place = quote(text, hit.start, hit.end)
    if hit.advice:
        message = f"{label}：{place}中的“{hit.found}”——{hit.reason.rstrip('。')}。"
        suggestion = hit.right.rstrip("。") + "。"
    else:
        why = f"（{hit.reason.rstrip('。')}）" if hit.reason else ""
        message = f"{label}：{place}中的“{hit.found}”应为“{hit.right}”{why}。"
        suggestion = f"改为“{hit.right}”。"
    return at(where, hit.code, hit.severity, message, suggestion, hit.found, hit.start)
