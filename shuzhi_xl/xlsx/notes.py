"""The notes (comments) on a workbook's cells, from the package's parts (inflated within the limits by bounds.Parts)."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from xml.etree import ElementTree

from ..errors import WorkbookError
from .bounds import NS_MAIN, NS_PKG_REL, parsed, part_target

_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"


def cell_notes(parts: Mapping[str, bytes], sheets: dict[str, str]) -> dict[tuple[str, str], str]:
    """Return {(sheet, cell): text} of the notes on the sheets *sheets* (name → part) within *parts*. A damaged
    notes part (or a sheet's damaged relationships) is passed over, whether it does not inflate or does not parse:
    notes are the author's remarks, never data the report needs, and calamine never reads these parts."""
    out = {}
    for name, part in sheets.items():
        folder, base = posixpath.split(part)
        try:
            rels = parts.get(f"{folder}/_rels/{base}.rels")
            if rels is None or b"comments" not in rels and b"&" not in rels:  # no notes (tables only): not parsed
                continue
            for rel in parsed(rels).iter(f"{NS_PKG_REL}Relationship"):
                target = part_target(folder, rel.get("Target", ""))
                if rel.get("Type") == _COMMENTS and target in parts:
                    out.update(((name, cell), text) for cell, text in _comments(parts[target]))
        except (ElementTree.ParseError, WorkbookError):
            continue
    return out


def _comments(xml: bytes) -> list[tuple[str, str]]:
    return [(comment.get("ref", ""), "".join(t.text or "" for t in comment.iter(f"{NS_MAIN}t")))
            for comment in parsed(xml).iter(f"{NS_MAIN}comment")]
