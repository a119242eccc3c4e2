"""Deterministic OOXML packages: the same content always gives the same bytes.

openpyxl stamps the save time into docProps/core.xml and every zip entry; builds of the committed
files in workbook/ must be byte-identical, so both are fixed here.
"""

from __future__ import annotations

import io
import re
import zipfile

CONTENT_TYPES = "[Content_Types].xml"
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FIXED_W3C_TIME = "2024-01-01T00:00:00Z"
_CORE_TIME = re.compile(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def repack(data: bytes, replace: dict[str, bytes] | None = None, level: int = 6) -> bytes:
    """Return *data* (a zip package) rewritten with fixed timestamps and the parts in *replace* swapped in or added,
    deflated at zlib *level*.

    Parts keep their order, except that ``[Content_Types].xml`` goes first as Office writes it; new
    parts follow in the order given.
    """
    replace = dict(replace or {})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        names = sorted(names, key=lambda n: n != CONTENT_TYPES) + [n for n in replace if n not in names]
        for name in names:
            part = replace.pop(name) if name in replace else src.read(name)
            if name == "docProps/core.xml":
                part = _CORE_TIME.sub(rf"\g<1>{FIXED_W3C_TIME}\g<3>", part.decode("utf-8")).encode("utf-8")
            info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            dst.writestr(info, part, compresslevel=level)
    return out.getvalue()
