"""Every raw WordprocessingML detail the importer needs, in one place (python-docx has no API for these).

Reads the body in order (also inside content controls), a paragraph's text with its line breaks, its
list membership and heading level (direct or through its style), numbering definitions, and tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from .numbering import Level

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS = {"w": W, "mc": MC}
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
#: The deepest list level (Word has nine, 0–8), outline level (9: body text) and counter start (Word's dialog stops
#: at 32767) read; a value past them, or not a number, is read as absent (Word would not open such a file).
MOST_LIST_LEVEL, MOST_OUTLINE_LEVEL, MOST_START = 8, 9, 32_767
#: Styles followed up a basedOn chain: Word's chains are a few deep; a longer one would be walked for each paragraph.
MOST_STYLE_DEPTH = 32


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(element, path: str) -> str | None:
    found = element.find(path, NS) if element is not None else None
    return found.get(_w("val")) if found is not None else None


def decimal(text: str | None, most: int) -> int | None:
    """Return the attribute value *text* as a whole number from 0 to *most*, or None when it is absent or not such
    a number."""
    if text is None or not text.isascii() or not text.strip().isdigit() or len(text.strip()) > len(str(most)):
        return None
    number = int(text)
    return number if number <= most else None


def _children(parent, *tags: str) -> Iterator[object]:
    """Yield the children of *parent* with one of *tags* in order, looking inside content controls."""
    for child in parent if parent is not None else ():
        if child.tag in tags:
            yield child
        elif child.tag in (_w("sdt"), _w("customXml")):
            yield from _children(child.find("w:sdtContent", NS) if child.tag == _w("sdt") else child, *tags)


def body_blocks(body) -> Iterator[tuple[str, object]]:
    """Yield ("p", paragraph) and ("tbl", table) elements of *body* (or of a table cell) in order."""
    for child in _children(body, _w("p"), _w("tbl")):
        yield ("p" if child.tag == _w("p") else "tbl"), child


# Subtrees whose text is not the paragraph's own: text boxes, deleted or moved-away text (tracked changes),
# field codes, and the fallback copy Word stores beside each drawing (mc:AlternateContent), which would
# double the text.
_SKIPPED = {_w("txbxContent"), _w("del"), _w("moveFrom"), f"{{{MC}}}Fallback", _w("instrText")}


def paragraph_text(p) -> str:
    """Return a paragraph's visible text; soft line breaks become "\\n", tabs "\\t", page breaks nothing."""
    out: list[str] = []

    def walk(element) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIPPED:
                continue
            if tag == _w("t"):
                out.append(child.text or "")
            elif tag == _w("tab") and element.tag == _w("r"):
                out.append("\t")
            elif tag == _w("br") and child.get(_w("type")) in (None, "textWrapping") or tag == _w("cr"):
                out.append("\n")
            elif tag == _w("noBreakHyphen"):
                out.append("-")
            else:
                walk(child)
    walk(p)
    return "".join(out)


def text_boxes(p) -> list[str]:
    """Return the text of each text box anchored in paragraph *p*."""
    boxes = [box for box in p.iter(_w("txbxContent"))
             if not any(a.tag == f"{{{MC}}}Fallback" for a in box.iterancestors())]
    return ["\n".join(paragraph_text(q) for q in box.iter(_w("p"))) for box in boxes]


def _on(toggle) -> bool:
    """Return whether a toggle property such as <w:b/> is on (no w:val, or one that is not false)."""
    return toggle is not None and toggle.get(_w("val")) not in ("0", "false", "off")


def has_picture(p) -> bool:
    """Return True when paragraph *p* holds a picture or drawing (other than a text box)."""
    drawings = list(p.iter(_w("drawing"), _w("pict")))
    return bool(drawings) and not any(True for d in drawings for _ in d.iter(_w("txbxContent")))


class StyleSheet:
    """Paragraph properties a paragraph gets through its style (and the styles that style is based on)."""

    def __init__(self, styles):
        self.styles = {s.get(_w("styleId")): s for s in styles.iter(_w("style"))} if styles is not None else {}
        self.default = next((sid for sid, s in self.styles.items()
                             if s.get(_w("type")) == "paragraph" and s.get(_w("default")) in ("1", "true")), None)

    def _chain(self, p) -> Iterator[object]:
        """Yield the paragraph's own pPr, then each style's in its basedOn chain."""
        ppr = p.find("w:pPr", NS)
        yield ppr
        style_id, seen = _val(ppr, "w:pStyle") or self.default, set()
        while style_id in self.styles and style_id not in seen and len(seen) < MOST_STYLE_DEPTH:
            seen.add(style_id)
            yield self.styles[style_id]
            style_id = _val(self.styles[style_id], "w:basedOn")

    def numbering(self, p) -> tuple[str, int] | None:
        """Return (numId, level) of the list paragraph *p* belongs to, or None when it is not numbered."""
        for props in self._chain(p):
            if props is None:
                continue
            num_pr = props.find("w:numPr", NS) if props.tag == _w("pPr") else props.find("w:pPr/w:numPr", NS)
            num_id = _val(num_pr, "w:numId")
            if num_id is not None:
                return (num_id, decimal(_val(num_pr, "w:ilvl"), MOST_LIST_LEVEL) or 0) if num_id != "0" else None
        return None

    def bold_lead(self, p) -> str:
        """Return the text of the bold runs paragraph *p* starts with ("" when its first text is not bold): direct
        bold, a character style's, or the paragraph style's."""
        style_bold = next((_on(props.find("w:rPr/w:b", NS)) for props in list(self._chain(p))[1:]
                           if props is not None and props.find("w:rPr/w:b", NS) is not None), False)
        lead: list[str] = []
        for run in p.iter(_w("r")):
            if any(a.tag in _SKIPPED for a in run.iterancestors()):
                continue
            text = paragraph_text(run)
            if not text.strip():
                lead.append(text)
                continue
            marks = run.find("w:rPr/w:b", NS)
            char_style = self.styles.get(_val(run, "w:rPr/w:rStyle"))
            if marks is None and char_style is not None:
                marks = char_style.find("w:rPr/w:b", NS)
            if not (_on(marks) if marks is not None else style_bold):
                break
            lead.append(text)
        return "".join(lead)

    def heading_level(self, p) -> int:
        """Return 1, 2, … for a paragraph that is a heading by outline level or style name, else 0."""
        for props in self._chain(p):
            if props is None:
                continue
            outline = decimal(_val(props, "w:outlineLvl" if props.tag == _w("pPr") else "w:pPr/w:outlineLvl"),
                              MOST_OUTLINE_LEVEL)
            if outline is not None:
                return outline + 1 if outline < MOST_OUTLINE_LEVEL else 0
            name = _HEADING_NAME.match(_val(props, "w:name") or "")
            if name:
                return int(name.group(1))
        return 0


def numbering_lists(numbering) -> dict[str, tuple[str, dict[int, Level], set[int]]]:
    """Return, per list (numId): its definition (abstractNumId), its levels, and the levels it restarts."""
    if numbering is None:
        return {}

    def level(lvl, base: Level = Level()) -> Level:
        start, text = decimal(_val(lvl, "w:start"), MOST_START), _val(lvl, "w:lvlText")
        return Level(start if start is not None else base.start, _val(lvl, "w:numFmt") or base.fmt,
                     text if text is not None else base.text)

    def levelled(elements) -> Iterator[tuple[int, object]]:
        """Yield (level, element) for those of *elements* whose w:ilvl is a list level."""
        for element in elements:
            if (ilvl := decimal(element.get(_w("ilvl")), MOST_LIST_LEVEL)) is not None:
                yield ilvl, element

    abstract = {a.get(_w("abstractNumId")): {ilvl: level(lvl) for ilvl, lvl in levelled(a.findall("w:lvl", NS))}
                for a in numbering.findall("w:abstractNum", NS)}
    lists = {}
    for num in numbering.findall("w:num", NS):
        definition = _val(num, "w:abstractNumId")
        levels, restarts = dict(abstract.get(definition, {})), set()
        for ilvl, override in levelled(num.findall("w:lvlOverride", NS)):
            if (lvl := override.find("w:lvl", NS)) is not None:
                levels[ilvl] = level(lvl, levels.get(ilvl, Level()))
            if (start := decimal(_val(override, "w:startOverride"), MOST_START)) is not None:
                levels[ilvl] = replace(levels.get(ilvl, Level()), start=start)
                restarts.add(ilvl)
        lists[num.get(_w("numId"))] = (definition, levels, restarts)
    return lists


def _cells(tbl) -> list[list[object]]:
    return [list(_children(tr, _w("tc"))) for tr in _children(tbl, _w("tr"))]


def table_rows(tbl, leave=None) -> list[list[str]]:
    """Return a table's rows as lists of cell texts (a cell's paragraphs, those of tables inside it too, joined
    by "\\n"), the cell *leave* left out."""
    return [["\n".join(paragraph_text(p) for p in tc.iter(_w("p"))) for tc in row if tc is not leave]
            for row in _cells(tbl)]


def frame_cell(tbl):
    """Return the cell of a one-cell table (a frame around text, read with body_blocks like the body), or None
    for any other table."""
    cells = [tc for row in _cells(tbl) for tc in row]
    return cells[0] if len(cells) == 1 else None


#: Paragraphs with text a cell holds at least, to be the report written into a form.
FORM_PARAGRAPHS = 3


def report_cell(tbl, document_chars: int):
    """Return the cell of a form that holds the report (a 述职评议表: 姓名, 职务 … cells above one cell with the
    report): the table's cell with the most text, when it holds at least half the document's *document_chars*
    characters in FORM_PARAGRAPHS paragraphs or more; else None."""
    cell = max((tc for row in _cells(tbl) for tc in row), key=text_chars, default=None)
    if cell is None or 2 * text_chars(cell) < document_chars:
        return None
    lines = sum(1 for p in cell.iter(_w("p")) if paragraph_text(p).strip())
    return cell if lines >= FORM_PARAGRAPHS else None


def text_chars(element) -> int:
    """Return how many characters of text *element* holds (its w:t elements, wherever they are)."""
    return sum(len(t.text or "") for t in element.iter(_w("t")))
