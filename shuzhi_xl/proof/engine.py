"""Proofread one text: the word-list scan and the standards rules, as hits that name the text to change.

Plain data in, plain data out: the checks (checks/proofreading.py) place the hits at cells and word them; this
module is all they import of the engine."""

from __future__ import annotations

from .scan import Hit, build, scan
from .standards import standard_hits

__all__ = ["LABELS", "Hit", "hits", "index_for"]

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
