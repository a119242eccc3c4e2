"""Problems answered by plans (codes PL…): a good report meets each 存在的问题 with a 下步工作打算.

Whether a plan answers a problem is judged by shared words, without a word segmenter: the genre's stock words
(党建, 工作, 加强 …) and function characters are cut out of both texts, and the two-character stretches left over
are compared. A problem none of whose words appears in any plan is pointed out as information only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Report, Section
from ..outline import part_role
from ..report.text import has_content
from .finding import Finding, at

#: Words found in nearly every problem and plan of the genre: sharing them says nothing.
STOCK_WORDS = ("党组织", "党建", "工作", "支部", "党员", "组织", "加强", "提高", "提升", "进一步", "存在", "问题", "方面",
               "部分", "情况", "开展", "落实", "推进", "推动", "全面", "不断", "积极", "认真", "坚持", "一定", "程度",
               "部署", "实际", "结合", "作用", "发挥")
#: Characters that only join words; a two-character stretch holding one is not a word.
FUNCTION_CHARS = "的了和是在与及等对把被为也都还就而或其之这那些个有不没很较多少一要将以中上下"
_PIECES = re.compile(rf"[^\u4e00-\u9fff]+|[{FUNCTION_CHARS}]|{'|'.join(STOCK_WORDS)}")


def words(text: str) -> set[str]:
    """Return the two-character stretches of *text* left when stock words and function characters are cut out."""
    return {piece[i:i + 2] for piece in _PIECES.split(text) for i in range(len(piece) - 1)}


def _text(item: Section) -> str:
    return "\n".join([item.heading, item.lead, *(f"{p.lead}\n{p.body}" for p in item.points)])


def check(report: Report, rules, texts) -> Iterator[Finding]:
    """Yield a warning when there are fewer plans than problems, and information about each problem no plan
    shares a word with."""
    problem_part, plan_part = (next((p for p in report.parts if part_role(p) == role), None)
                               for role in ("problems", "plans"))
    if problem_part is None or plan_part is None:
        return  # a report without both parts has nothing to pair (a 提纲 requiring them says so)
    problems, plans = ([s for s in part.sections if has_content(s)] for part in (problem_part, plan_part))
    if not problems or not plans:
        return
    if len(plans) < len(problems):
        yield at(plan_part.where.get("heading"), "PL001", "warning",
                 f"“{problem_part.heading}”中有 {len(problems)} 条问题，“{plan_part.heading}”中只有 {len(plans)} 条"
                 "打算：每个问题最好都有相应的改进措施。",
                 "针对每条问题写一条下步工作打算，或把相近的问题合并为一条。")
    planned = set().union(*(words(_text(plan)) for plan in plans))
    for problem in problems:
        said = words(_text(problem))
        if said and not said & planned:
            yield at(problem.where.get("heading"), "PL002", "info",
                     f"问题“{problem.heading or problem.lead[:12]}”在“{plan_part.heading}”中找不到对应的打算"
                     "（没有共同的关键词）。",
                     "针对这条问题写一条打算，或在相应打算中点明它。")
