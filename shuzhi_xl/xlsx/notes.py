"""The notes (comments) on a workbook's cells, taken from the package parts the reader has already inflated."""

from __future__ import annotations

import posixpath
from xml.etree import ElementTree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"


def cell_notes(parts: dict[str, bytes], sheets: dict[str, str]) -> dict[tuple[str, str], str]:
    """Return {(sheet, cell): text} of the notes on the sheets *sheets* (name → part) within *parts*. A damaged
    notes part is passed over: notes are the author's remarks, never data the report needs."""
    out = {}
    for name, part in sheets.items():
        folder, base = posixpath.split(part)
        rels = parts.get(f"{folder}/_rels/{base}.rels")
        if rels is None:
            continue
        try:
            for rel in ElementTree.fromstring(rels).iter(f"{_PKG_REL}Relationship"):
                target = rel.get("Target", "")
                target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"{folder}/{target}")
                if rel.get("Type") == _COMMENTS and target in parts:
                    out.update(((name, cell), text) for cell, text in _comments(parts[target]))
        except ElementTree.ParseError:
            continue
    return out


def _comments(xml: bytes) -> list[tuple[str, str]]:
    return [(comment.get("ref", ""), "".join(t.text or "" for t in comment.iter(f"{_MAIN}t")))
            for comment in ElementTree.fromstring(xml).iter(f"{_MAIN}comment")]
