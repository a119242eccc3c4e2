"""The one place text is cleaned of characters Word and Excel cannot store.

An .xlsx or .docx is XML 1.0, which has no place for the C0 control characters other than tab, line feed and
carriage return, for lone surrogates, or for U+FFFE/U+FFFF. A cell can still carry them (written as
``_x0001_`` escapes, or by a careless program), and a pasted or converted text can too: Python-docx and
openpyxl then refuse to save, and Word calls the file damaged. They are invisible where the user typed them,
so every text entering the program from a workbook cell or an imported document is passed through
``storable`` once, where it is read; all outputs (report, volume, summary, annotated copy, filled template)
are made from that clean text.
"""

from __future__ import annotations

import re

UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def storable(text: str) -> str:
    """Return *text* without the characters an .xlsx or .docx cannot hold (a vertical tab or form feed becomes a
    line break: Word writes them for manual line and page breaks)."""
    if not UNSTORABLE.search(text):
        return text
    return UNSTORABLE.sub("", text.replace("\x0b", "\n").replace("\x0c", "\n"))
