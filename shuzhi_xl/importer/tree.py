"""A report's body as an outline tree: parts, sub-sections, items, each with its heading and paragraphs.

Levels are recognised from how the document is laid out, never from what the headings say:
- a numbering label at a paragraph's start (一、 （一） 1. 1、 （1） ① 第一部分): the order in which a document
  opens its label styles makes the levels, a style seen again closes the deeper ones;
- Word's heading styles and outline levels, which set the level directly;
- an unnumbered heading line: short, bold or not, without a sentence inside or a final mark, followed by text.
Points numbered inside the text (一是… 二是…) stay in their paragraphs: they are the body's, not the outline's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .document import SourceParagraph
from .frontmatter import RUNS_ON, branch_in, parse_date
from .labels import ITEM_RANK, POINT_FAMILIES, Label, leading_label
from .points import has_point

#: A heading clause ends at the first of these; what follows in the same paragraph is body text.
_CLAUSE_END = re.compile(r"[。！？!?：:]")
#: Longest unnumbered line still read as a heading (in characters); a bold line may be longer.
HEADING_MAX, BOLD_HEADING_MAX = 30, 40
#: Marks that show a line is (part of) a sentence, not a heading standing alone.
_SENTENCE = re.compile(r"[。；;！？!?：:]|[，,].*[，,].*[，,]")


@dataclass
class Node:
    """One unit of the outline: its level (1 a part), label (None: unnumbered), heading and paragraphs.

    *heading* is the heading text as written, without the label and with its own final mark if it had one;
    *alone* says the heading was a paragraph of its own. *paragraphs* are the body paragraphs before the first
    child; when the heading is not alone the first of them is the rest of the heading's paragraph.
    """

    level: int
    heading: str
    label: Label | None
    alone: bool
    number: int
    paragraphs: list[SourceParagraph] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    #: what identifies the style among its siblings: the label's family, "" unnumbered, "H2" a Word heading level
    key: str = ""

    @property
    def style(self) -> str | None:
        """Return the label style as the author wrote it for number 1 ("（一）", "1．"), "" when unnumbered, None for
        a label the workbook does not number (第一部分)."""
        return self.label.style if self.label else ""

    def lines(self) -> list[str]:
        """Return the unit's paragraphs as the document has them: label and heading, its text, its sub-units."""
        head = (self.label.written if self.label else "") + self.heading
        lines = [p.text for p in self.paragraphs]
        if not self.alone and lines:
            head += lines.pop(0)
        return [head, *lines, *(line for child in self.children for line in child.lines())]


def split_clause(text: str) -> tuple[str, str]:
    """Return (heading clause with its final mark, the rest) of a paragraph that starts a unit."""
    match = _CLAUSE_END.search(text)
    if not match or not text[match.end():].strip():
        return text.strip(), ""
    return text[: match.end()].strip(), text[match.end():].strip()


def heading_line(p: SourceParagraph) -> bool:
    """Return True for a paragraph laid out as an unnumbered heading: short, or bold and not much longer, no
    sentence (no 。；：, at most a couple of commas), not a date, a line running on (…完成时间为) or an
    organisation's name alone (a signature)."""
    text = p.text.strip()
    limit = BOLD_HEADING_MAX if p.bold else HEADING_MAX
    return 2 <= len(text) <= limit and not _SENTENCE.search(text) and not text.endswith(("，", ",")) \
        and not parse_date(text) and not RUNS_ON.search(text) and branch_in(text) != text


@dataclass
class _Head:
    key: str
    label: Label | None
    heading: str
    rest: str
    level: int = 0  # a Word heading level, 0 when the layout decides


def _head(p: SourceParagraph, next_is_text: bool) -> _Head | None:
    """Return how *p* starts a unit, or None for a body paragraph. An unnumbered heading must be followed by text."""
    label = leading_label(p.text)
    if label and label.family not in POINT_FAMILIES and label.rest.strip() and not _inline_items(label):
        heading, rest = _clause(p, label)
        return _Head(label.family, label, heading, rest, p.level)
    if p.level:
        heading, rest = _clause(p, None)
        return _Head(f"H{p.level}", None, heading, rest, p.level)
    if next_is_text and _unnumbered_heading(p, label):
        return _Head("", None, p.text.strip(), "")
    if (lead := _bold_lead(p, None)) and len(lead) <= BOLD_HEADING_MAX and not label:
        return _Head("", None, *_clause(p, None))
    return None


def _inline_items(label: Label) -> bool:
    """Return True for a paragraph that runs items on inline ("（1）…。（2）…。"): its label numbers the first of
    several points of the paragraph, not a unit of the outline. Parts and sub-sections (一、 （一）) never are."""
    return label.rank >= ITEM_RANK and has_point(label.rest, label.family, label.number + 1)


def _bold_lead(p: SourceParagraph, label: Label | None) -> str:
    """Return the bold text a paragraph starts with (after its label) when more text follows it, else ""."""
    lead, text = p.bold_lead.strip(), p.text.strip()
    if label:
        text = label.rest.strip()
        lead = lead[len(label.written):].strip() if lead.startswith(label.written) else lead
    return lead if lead and text.startswith(lead) and len(lead) < len(text) else ""


def _clause(p: SourceParagraph, label: Label | None) -> tuple[str, str]:
    """Return (heading clause, rest) of a paragraph starting a unit: a bold lead ending in a mark (a run-in
    heading prints its own mark, and one without would get a 。 added), else the first sentence."""
    text = label.rest if label else p.text
    if (lead := _bold_lead(p, label)) and _CLAUSE_END.search(lead[-1]):
        return lead, text.strip()[len(lead):].strip()
    return split_clause(text)


def outline(body: list[SourceParagraph]) -> tuple[list[SourceParagraph], list[Node], list[SourceParagraph]]:
    """Return (the paragraphs before the first unit, the top-level units, the numbered paragraphs read as body
    text because their number does not go on from their style's last one) of a report's body."""
    preamble: list[SourceParagraph] = []
    irregular: list[SourceParagraph] = []
    roots: list[Node] = []
    stack: list[Node] = []
    body = _relative_levels(body)
    for k, p in enumerate(body):
        following = body[k + 1] if k + 1 < len(body) else None
        head = _head(p, following is not None and not _is_heading(following))
        depth = _depth(head, stack) if head else None
        if depth is None:
            (stack[-1].paragraphs if stack else preamble).append(p)
            irregular += [p] if head and head.label else []
            continue
        del stack[depth - 1:]
        node = Node(depth, head.heading, head.label, not head.rest, p.number, key=head.key)
        if head.rest:
            node.paragraphs.append(SourceParagraph(head.rest, p.number))
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return preamble, roots, irregular


def _relative_levels(body: list[SourceParagraph]) -> list[SourceParagraph]:
    """Return *body* with Word heading levels counted from the highest one it uses: a document whose title is
    Heading 1 sets its parts in Heading 2."""
    used = sorted({p.level for p in body if p.level})
    return [replace(p, level=used.index(p.level) + 1) if p.level else p for p in body]


def _is_heading(p: SourceParagraph) -> bool:
    """Return True when *p* is heading-shaped on its own: an unnumbered heading is not followed by another one."""
    return bool(p.level) or _unnumbered_heading(p, leading_label(p.text))


def _unnumbered_heading(p: SourceParagraph, label: Label | None) -> bool:
    """Return True for a heading line that is not a point's lead alone on its line (一是学理论 / its text)."""
    return heading_line(p) and not (label and label.family in POINT_FAMILIES)


def _depth(head: _Head, stack: list[Node]) -> int | None:
    """Return the level *head* takes given the open units, or None when it is body text after all.

    A style already open continues there (a sibling); a new style opens one level deeper, except that a label of
    a higher rank than the open ones (一、 while in 1.) closes them. A numbered paragraph whose number does not go
    on from its style's last one (a second 1., a 2. whose 1. was inside a sentence, a 三、 after 一、) is body text:
    the report numbers units by position, so only a unit in sequence prints as written.
    """
    if head.level:
        return min(head.level, len(stack) + 1)
    for depth, node in enumerate(stack, start=1):
        if node.key == head.key:
            if head.label and node.label and head.label.number != node.label.number + 1:
                return None
            return depth
    if head.label and head.label.number != 1:
        return None
    depth = len(stack)
    while head.label and depth and stack[depth - 1].label and stack[depth - 1].label.rank >= head.label.rank:
        depth -= 1
    return depth + 1
