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

_UNSTORABLE_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
UNSTORABLE = re.compile(f"[{_UNSTORABLE_CHARS}]")
#: What XML text must not hold as it is: markup to escape, characters to drop. Most text has none, and one search
#: is cheaper than rewriting it (the summary writes millions of cells).
XML_UNSAFE = re.compile(f"[&<>{_UNSTORABLE_CHARS}]")
#: XML_UNSAFE's characters below U+0080 as the bytes of UTF-8 text (which holds them only as themselves): deleting
#: them from encoded text and comparing lengths is ~50 times faster than searching a long text with the pattern.
XML_UNSAFE_BYTES = bytes(c for c in range(0x80) if XML_UNSAFE.match(chr(c)))


def storable(text: str) -> str:
    """Return *text* without the characters an .xlsx or .docx cannot hold (a vertical tab or form feed becomes a
    line break: Word writes them for manual line and page breaks)."""
    if not UNSTORABLE.search(text):
        return text
    return UNSTORABLE.sub("", text.replace("\x0b", "\n").replace("\x0c", "\n"))


def xml_text(text: str) -> str:
    """Return *text* as the content of an XML element: & < > escaped, the characters no part can hold dropped.
    The one escape for every part this program writes (report, volume, summary)."""
    if not XML_UNSAFE.search(text):
        return text
    return UNSTORABLE.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


#: The same characters in an XML part: raw (bytes below 0x20 are never part of a longer UTF-8 sequence) or as
#: character references (&#1; &#x1F; &#xD800;), which an XML parser refuses although calamine reads them. A pattern,
#: compiled by re on first use: only an annotated copy needs it.
_UNSTORABLE_XML = (rb"(?i)[\x00-\x08\x0b\x0c\x0e-\x1f]|&#(?:x0*(?:[0-8bcef]|1[0-9a-f]|d[89a-f][0-9a-f]{2}|fff[ef])"
                   rb"|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|55(?:29[6-9]|[3-9][0-9]{2})|56[0-9]{3}|57(?:[0-2][0-9]{2}|3[0-3][0-9]|34[0-3])"
                   rb"|6553[45]));")


def xml_plain(text: str) -> bool:
    """Return True when *text* holds nothing XML_UNSAFE finds (a fast test for long texts: one encode)."""
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return False
    return (len(encoded.translate(None, XML_UNSAFE_BYTES)) == len(encoded)
            and "\ufffe" not in text and "\uffff" not in text)


def storable_xml(xml: bytes) -> bytes:
    """Return the XML part *xml* without the characters ``storable`` removes from text, so a strict XML parser
    (openpyxl's) reads what calamine read."""
    return re.sub(_UNSTORABLE_XML, b"", xml)
