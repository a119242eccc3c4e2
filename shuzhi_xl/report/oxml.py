"""Every raw WordprocessingML tweak python-docx has no API for. Nothing else in the package touches ``w:``.

Why these exist (docs/gongwen-format.md): python-docx sets only the Latin font slots, its template carries theme
font attributes that win over explicit names and a Japanese theme language, and it has no fields or grid API.
"""

from __future__ import annotations

import functools

from docx.document import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

from .styled import field_xml

#: Package relationships of python-docx's template that only carry its own leftovers: a Word 2010 copy of
#: styles.xml full of theme attributes, and a thumbnail picture of python-docx's logo.
_LEFTOVER_RELS = ("stylesWithEffects", "thumbnail")


#: Child order the schema requires inside rPr, pPr and settings (ECMA-376 CT_RPr, CT_PPr, CT_Settings), for the
#: elements added here.
_ORDER = {
    qn("w:rPr"): ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
                  "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color",
                  "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd",
                  "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"),
    qn("w:pPr"): ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
                  "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
                  "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
                  "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
                  "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
                  "sectPr", "pPrChange"),
    # CT_Settings from updateFields on; every child before it comes before all of these.
    qn("w:settings"): ("updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
                       "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                       "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
                       "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
                       "listSeparator"),
}


def _child(parent, tag: str):
    """Return *parent*'s child *tag* ("w:name"), added where the schema's child order puts it if missing."""
    element = parent.find(qn(tag))
    if element is not None:
        return element
    element = OxmlElement(tag)
    later = _later(parent.tag, tag)
    successor = next((c for c in parent if c.tag in later), None)
    if successor is None:
        parent.append(element)
    else:
        successor.addprevious(element)
    return element


@functools.cache
def _later(parent_tag: str, tag: str) -> frozenset[str]:
    """Return the tags the schema puts after *tag* ("w:name") inside a *parent_tag* element."""
    order = _ORDER.get(parent_tag, ())
    name = tag.split(":", 1)[1]
    return frozenset(qn(f"w:{n}") for n in order[order.index(name) + 1:]) if name in order else frozenset()


def append_paragraph(body):
    """Return a new, empty w:p added at the end of *body* (before its final sectPr).

    python-docx's own add_paragraph searches the body for that sectPr each time, which makes a bound volume
    of hundreds of reports quadratic; the sectPr is always the body's last child, so it is found in one step.
    """
    paragraph = OxmlElement("w:p")
    last = next(reversed(body), None)  # not len(body) or a search: lxml walks the children for those
    if last is not None and last.tag == qn("w:sectPr"):
        last.addprevious(paragraph)
    else:
        body.append(paragraph)
    return paragraph


def add_section_break(body, start_type):
    """End the body's current section at a new paragraph and return the final sectPr, now the next section's,
    starting as *start_type* (a WD_SECTION). As python-docx's add_section, minus its two searches of the body:
    the final sectPr is its last child. The ended section keeps the headers and footers; the new one inherits."""
    final = next(reversed(body))
    append_paragraph(body).set_sectPr(final.clone())
    for reference in final.xpath("w:headerReference|w:footerReference"):
        final.remove(reference)
    final.start_type = start_type
    return final


def has_content(body) -> bool:
    """Return True when *body* holds a paragraph or a table (found without listing them all)."""
    return body.find(qn("w:p")) is not None or body.find(qn("w:tbl")) is not None


def _set(element, **attributes: str) -> None:
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)


def set_fonts(rpr, east_asia: str, latin: str) -> None:
    """Name all four font slots in the run properties *rpr*, with the East Asian hint (quotes, dashes)."""
    fonts = _child(rpr, "w:rFonts")
    _set(fonts, ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin, hint="eastAsia")


def set_char_spacing(rpr, twips: int) -> None:
    """Set the character spacing (w:spacing, twips) in *rpr*."""
    _set(_child(rpr, "w:spacing"), val=str(twips))


def set_char_scale(rpr, percent: int) -> None:
    """Set the width of the characters in *rpr* (w:w, per cent of their normal width)."""
    _set(_child(rpr, "w:w"), val=str(percent))


def set_hint(rpr) -> None:
    """Mark a run East Asian, so ambiguous characters (“” —) take the Chinese font, not Times New Roman."""
    _set(_child(rpr, "w:rFonts"), hint="eastAsia")


def set_language(rpr, language: str) -> None:
    """Set the East Asian language of *rpr*."""
    _set(_child(rpr, "w:lang"), val="en-US", eastAsia=language)


def set_grid_off(ppr) -> None:
    """Keep paragraphs off the character grid: exact line spacing alone places the lines."""
    _set(_child(ppr, "w:snapToGrid"), val="0")


def set_punctuation_overflow(ppr) -> None:
    """Write Word's default "allow punctuation to overflow" explicitly (w:overflowPunct 1).

    LibreOffice 7.4 imports this value inverted: explicit 1 turns its hanging punctuation off. That is what we
    want there: with hanging on, LibreOffice drops (does not print) a ，。 hanging after a full justified line of
    28 characters. Word keeps its usual behaviour.
    """
    _set(_child(ppr, "w:overflowPunct"), val="1")


def set_outline_level(ppr, level: int) -> None:
    """Give a paragraph style an outline level (navigation pane, TOC fields)."""
    _set(_child(ppr, "w:outlineLvl"), val=str(level))


def doc_defaults(styles_element):
    """Return the (rPr, pPr) of the document defaults in styles.xml."""
    defaults = styles_element.find(qn("w:docDefaults"))
    rpr = _child(_child(defaults, "w:rPrDefault"), "w:rPr")
    ppr = _child(_child(defaults, "w:pPrDefault"), "w:pPr")
    return rpr, ppr


def prune_styles(styles_element) -> None:
    """Remove every style of the template except the defaults (Normal, Default Paragraph Font …)."""
    for style in styles_element.findall(qn("w:style")):
        if style.get(qn("w:default")) != "1":
            styles_element.remove(style)


def strip_theme_fonts(document: Document) -> None:
    """Remove every theme attribute (asciiTheme, cstheme, themeColor …) from every XML part, and the template's
    leftover parts that only carry more of them. Theme fonts win over explicit names in Word."""
    main = document.part
    for rel_id, rel in list(main.rels.items()):
        if rel.reltype.rsplit("/", 1)[-1] in _LEFTOVER_RELS:
            main.drop_rel(rel_id)
    package_rels = main.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype.rsplit("/", 1)[-1] in _LEFTOVER_RELS:
            del package_rels[rel_id]
    for part in main.package.iter_parts():
        root = getattr(part, "element", None)
        for element in root.iter() if root is not None else ():
            for name in [n for n in element.attrib if "theme" in n.rsplit("}", 1)[-1].lower()]:
                del element.attrib[name]


def set_theme_language(settings_element, language: str) -> None:
    """Set the theme font language (w:themeFontLang) to *language* instead of the template's ja-JP."""
    _set(_child(settings_element, "w:themeFontLang"), val="en-US", eastAsia=language)


def set_line_grid(sect_pr, pitch: int) -> None:
    """Give a section a grid of lines only (not linesAndChars: LibreOffice then sets 14 chars a line)."""
    grid = _child(sect_pr, "w:docGrid")
    grid.attrib.clear()
    _set(grid, type="lines", linePitch=str(pitch))


def add_page_field(paragraph: Paragraph) -> None:
    """Append a PAGE field (the page number, shown as 1 until the application updates it): a run of 1 between the
    runs styled.field_xml writes, the one way the program writes a field."""
    run = paragraph.add_run("1")
    set_hint(run._r.get_or_add_rPr())
    opening, closing = field_xml(" PAGE ")
    for element in _runs(opening):
        run._r.addprevious(element)
    run._r.addnext(*_runs(closing))


def _runs(xml: str) -> list:
    """Return the w:r elements of *xml* (a run or runs, as styled writes them), parsed."""
    return list(parse_xml(f"<w:p {nsdecls('w')}>{xml}</w:p>"))


def set_update_fields(settings_element) -> None:
    """Set w:updateFields, so Word refreshes every field (a TOC, page references) when it opens the document."""
    _set(_child(settings_element, "w:updateFields"), val="true")
