"""A fixed corpus of hostile inputs, made from the sample workbook and a sample report on every run (no committed
binaries). Each entry says what a command must make of it: a workbook the program can check (exit 0 or 1), or
a file it must refuse with a Chinese message (exit 2).

Run as a script to write the corpus into a folder: ``python tests/hostile.py 文件夹``.
"""

from __future__ import annotations

import bz2
import io
import re
import struct
import sys
import tempfile
import tracemalloc
import warnings
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
from openpyxl import load_workbook

from shuzhi_xl import schema
from shuzhi_xl.limits import (MAX_CELL_CHARS, MAX_COLUMNS, MAX_IMPORT_CHARS, MAX_MARKUP, MAX_PART_BYTES, MAX_ROWS,
                              megabytes)
from shuzhi_xl.opc import FixedZip
from shuzhi_xl.samples import sample_report
from shuzhi_xl.xlsx.bounds import package_sheet_parts
from shuzhi_xl.xlsx.template import workbook_bytes

CHECKED, UNUSABLE, EITHER = "checked", "unusable", "either"
#: What each refusal says, by what is wrong (fragments of the Chinese messages, so that a file refused for another
#: reason fails its test): a zip member that does not inflate to what its headers say; a zip directory that is not
#: whole; a sheet using cells past the bounds; a sheet whose tags the extent check cannot read as calamine does
#: (refused before calamine reads it), or whose XML calamine cannot parse.
NOT_INFLATING, BROKEN_ZIP = "压缩包中的内容无法解压", "压缩包结构不完整"
TOO_MANY, TANGLED = "工作表内容过多", "的内容无法解析"


@dataclass(frozen=True)
class Hostile:
    name: str  #: file name, with the suffix the command expects
    make: Callable[[], bytes]
    expect: str  #: CHECKED, UNUSABLE, or EITHER when the mutation may or may not leave the structure intact
    #: what the refusal must say (a fragment of the Chinese message naming what is wrong), for UNUSABLE
    says: str = ""
    #: takes a minute through every command: run by its own regression test, in the corpus only in the long setting
    heavy: bool = False
    #: refused by the checks once the reader has read it (what the reader alone decides is "read")
    past_reader: bool = False

    def __post_init__(self) -> None:
        if (self.expect == UNUSABLE) != bool(self.says):  # any refusal at all would pass
            raise ValueError(f"{self.name}: a refusal, and only a refusal, says what is wrong")


def made(cases: list[Hostile], name: str) -> bytes:
    """Return the content of the case called *name* among *cases* (WORKBOOKS, SUMMARIES, DOCUMENTS)."""
    return next(case for case in cases if case.name == name).make()


class PeakMemory:
    """``with PeakMemory() as memory:`` traces Python's allocations in its block; ``memory.peak`` is then the most
    they held at once, in bytes (measured when the block is left, raising or not)."""

    peak = 0

    def __enter__(self) -> PeakMemory:
        tracemalloc.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()


def sample_bytes() -> bytes:
    return _cached("sample", lambda: workbook_bytes(sample_report()))


_CACHE: dict[str, bytes] = {}


def _cached(key: str, make: Callable[[], bytes]) -> bytes:
    if key not in _CACHE:
        _CACHE[key] = make()
    return _CACHE[key]


# --- workbooks edited through openpyxl ------------------------------------------------------------------------


def edited(edit: Callable) -> Callable[[], bytes]:
    """Return a maker of the sample with *edit(workbook)* applied."""
    def make() -> bytes:
        wb = load_workbook(io.BytesIO(sample_bytes()))
        edit(wb)
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()
    return make


def put(sheet: schema.Sheet, cell: str, value: object) -> Callable:
    def edit(wb) -> None:
        wb[sheet.name][cell] = value
    return edit


def moved(sheet: schema.Sheet, source: str, target: str) -> Callable:
    """Move the value of *source* to *target*, as a slip of the mouse does."""
    def edit(wb) -> None:
        ws = wb[sheet.name]
        ws[target], ws[source] = ws[source].value, None
    return edit


def rows(sheet: schema.Sheet, count: int, first: int | None = None) -> Callable:
    """Fill *count* rows of *sheet*'s table: a valid choice (the second, e.g. 小节) or a short distinct text."""
    def edit(wb) -> None:
        ws = wb[sheet.name]
        start = first or sheet.header_row + 1
        for n in range(count):
            for column, field in enumerate(sheet.columns, start=1):
                ws.cell(start + n, column, field.choices[min(1, len(field.choices) - 1)] if field.choices
                        else f"{field.label}{n}")
    return edit


def problems(count: int) -> Callable:
    """Replace the report's body by one part holding *count* sections: numbered （一） to （一万…） in the report."""
    def edit(wb) -> None:
        ws = wb[schema.BODY.name]
        ws.delete_rows(schema.BODY.header_row + 1, ws.max_row)
        level, heading = (schema.BODY.columns.index(schema.BODY.field(k)) + 1 for k in ("level", "heading"))
        ws.cell(schema.BODY.header_row + 1, level, schema.PART)
        ws.cell(schema.BODY.header_row + 1, heading, "存在的问题")
        rows(schema.BODY, count, first=schema.BODY.header_row + 2)(wb)
    return edit


def branch_named(name: str) -> Callable:
    return put(schema.INFO, schema.INFO.form_cell("branch"), name)


def metrics_named(*names: str) -> Callable:
    def edit(wb) -> None:
        ws = wb[schema.METRICS.name]
        for n, name in enumerate(names, start=schema.METRICS.header_row + 1):
            ws.cell(n, schema.METRICS.columns.index(schema.METRICS.field("name")) + 1, name)
            ws.cell(n, schema.METRICS.columns.index(schema.METRICS.field("value")) + 1, n)
    return edit


def ledger_date(value: float) -> Callable:
    """A date cell (formatted as a date) holding *value*: calamine converts it and panics when it is extreme."""
    def edit(wb) -> None:
        ws = wb[schema.LEDGER.name]
        cell = ws.cell(schema.LEDGER.header_row + 1, schema.LEDGER.columns.index(schema.LEDGER.field("date")) + 1)
        cell.value, cell.number_format = value, "yyyy-mm-dd"
    return edit


# --- workbooks edited in their XML or zip ---------------------------------------------------------------------


def parts_of(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(info, z.read(info)) for info in z.infolist()]


def zipped(parts: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            z.writestr(info.filename, data)
    return out.getvalue()


def twice_zipped(parts: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    """zipped, where a name may come twice (zipfile warns, and writes both)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return zipped(parts)


def sheet_xml_edited(edit: Callable[[bytes], bytes], base: Callable[[], bytes] = sample_bytes) -> Callable[[], bytes]:
    """Return a maker of *base* with *edit* applied to every worksheet part's XML."""
    def make() -> bytes:
        return zipped([(info, edit(data) if info.filename.startswith("xl/worksheets/sheet") else data)
                       for info, data in parts_of(base())])
    return make


def in_text(insert: bytes, tag: str = "t") -> Callable[[bytes], bytes]:
    """Insert *insert* after the first character of every text element *tag* of three or more plain characters."""
    pattern = re.compile(f"(<{tag}(?:\\s[^>]*)?>)([^<&]{{3}})")

    def edit(xml: bytes) -> bytes:
        text = xml.decode("utf-8")
        return pattern.sub(lambda m: m[1] + m[2][0] + "\0" + m[2][1:], text).encode("utf-8").replace(b"\0", insert)
    return edit


def far_reference(reference: bytes) -> Callable[[bytes], bytes]:
    """Add a cell with a value at *reference* to the end of the sheet's last row."""
    cell = b'<c r="' + reference + b'" t="inlineStr"><is><t>\xe8\xbf\x9c</t></is></c>'
    return lambda xml: re.sub(rb"(.*)</row>", lambda m: m[1] + cell + b"</row>", xml, count=1, flags=re.S)


def without_references(xml: bytes) -> bytes:
    """Drop the r attribute of every cell and row: allowed by the standard, written by some generators."""
    return re.sub(rb'(<(?:c|row)\b[^>]*?) r="[A-Z]*[0-9]+"', rb"\1", xml)


def without_part(name: str) -> Callable[[], bytes]:
    return lambda: zipped([(i, d) for i, d in parts_of(sample_bytes()) if i.filename != name])


def with_part(name: str, data: bytes) -> Callable[[], bytes]:
    return lambda: zipped(parts_of(sample_bytes()) + [(zipfile.ZipInfo(name), data)])


def edited_part(name: str, edit: Callable[[bytes], bytes]) -> Callable[[], bytes]:
    """Return a maker of the sample with part *name*'s bytes changed by *edit*."""
    return lambda: zipped([(i, edit(d) if i.filename == name else d) for i, d in parts_of(sample_bytes())])


def truncated_xml(name: str) -> Callable[[], bytes]:
    """Return a maker of the sample with part *name* cut in half: no longer well-formed XML."""
    return edited_part(name, lambda d: d[: len(d) // 2])


def _local_header(data: bytes, name: str) -> int:
    at = data.find(b"PK\x03\x04")
    while at >= 0:
        name_length = struct.unpack_from("<H", data, at + 26)[0]
        if data[at + 30: at + 30 + name_length] == name.encode():
            return at
        at = data.find(b"PK\x03\x04", at + 4)
    raise KeyError(name)


def damaged_stream(name: str = "xl/worksheets/sheet2.xml") -> Callable[[], bytes]:
    """Overwrite the middle of *name*'s deflate stream: the zip directory is intact, inflating fails."""
    def make() -> bytes:
        data = bytearray(sample_bytes())
        at = _local_header(data, name)
        size, name_length, extra = struct.unpack_from("<IHH", data, at + 18)[0], *struct.unpack_from("<HH", data, at + 26)
        start = at + 30 + name_length + extra
        data[start + 2: start + size - 2] = bytes(range(256)) * ((size - 4) // 256) + bytes((size - 4) % 256)
        return bytes(data)
    return make


def bad_crc(name: str = "xl/worksheets/sheet2.xml") -> Callable[[], bytes]:
    """Change *name*'s recorded CRC in both headers."""
    def make() -> bytes:
        data = bytearray(sample_bytes())
        crc = struct.unpack_from("<I", data, _local_header(data, name) + 14)[0]
        return bytes(data).replace(struct.pack("<I", crc), struct.pack("<I", crc ^ 0xFFFF))
    return make


def _every_member(header_offset: int, central_offset: int, value: int) -> bytes:
    """Return the sample with the 16-bit field at *header_offset* of every local header, and at *central_offset*
    of every central directory entry, set to *value*."""
    data = bytearray(sample_bytes())
    for signature, offset in ((b"PK\x03\x04", header_offset), (b"PK\x01\x02", central_offset)):
        at = data.find(signature)
        while at >= 0:
            struct.pack_into("<H", data, at + offset, value)
            at = data.find(signature, at + 4)
    return bytes(data)


def unsupported_method() -> bytes:
    """Mark every member as compressed with method 99 (AES, which zipfile cannot read), as some archivers do."""
    return _every_member(8, 10, 99)


def _with_info_part(method: int, packed: bytes, size: int, crc: int) -> bytes:
    """Return the sample with 基本信息's part replaced by *packed*, declared compressed by *method*, *size* bytes
    inflated, CRC *crc*; the other parts stored."""
    out = io.BytesIO()
    with FixedZip(out) as package:
        for info, data in parts_of(sample_bytes()):
            if info.filename == "xl/worksheets/sheet2.xml":
                package.add_packed(info.filename, method, crc, size, packed)
            else:
                package.add_packed(info.filename, zipfile.ZIP_STORED, zlib.crc32(data), len(data), data)
    return out.getvalue()


def bzip2_part() -> bytes:
    """基本信息's part bzip2-compressed (an Office package uses stored and deflate only): 16 MB of zeros in 138 bytes,
    declared as its first 10,000 bytes with their CRC. zipfile inflates bzip2 without a bound (this way 4 KB
    held 6 GB); read whole and cut to the size, the part held 10,000 zeros."""
    packer = bz2.BZ2Compressor()
    packed = packer.compress(bytes(16 * 2**20)) + packer.flush()
    return _with_info_part(zipfile.ZIP_BZIP2, packed, 10_000, zlib.crc32(bytes(10_000)))


#: What lying_deflate's part inflates to.
LYING_INFLATED = 128 * 2**20


def lying_deflate() -> bytes:
    """基本信息's part: LYING_INFLATED bytes of zeros deflated to ~130 KB and declared as that many bytes inflated,
    with a CRC that is not theirs. zipfile's read() inflated all of it before finding the CRC wrong."""
    packer, zeros = zlib.compressobj(9, zlib.DEFLATED, -15), bytes(16 * 2**20)
    packed = b"".join(packer.compress(zeros) for _ in range(LYING_INFLATED // len(zeros))) + packer.flush()
    return _with_info_part(zipfile.ZIP_DEFLATED, packed, len(packed), zlib.crc32(bytes(len(packed))) ^ 1)


def unsupported_version() -> bytes:
    """Raise the 'version needed to extract' of every member to 6.3 (what zipfile refuses is its own business)."""
    return _every_member(4, 6, 63)


#: The zip bomb's part and what it inflates to: one MB past the per-part limit.
BOMB_PART, BOMB_SIZE = "xl/media/image1.png", MAX_PART_BYTES + 2**20
#: The bomb's refusal: its part named with the size it declares, then the limit it passes (bounds.too_large).
TOO_LARGE = f"其中“{BOMB_PART}”{megabytes(BOMB_SIZE)}，超出本程序的上限"


def bomb() -> bytes:
    """A part inflating beyond the per-part limit (a zip bomb): deflated zeros."""
    return with_part(BOMB_PART, bytes(BOMB_SIZE))()


def flipped(every: int) -> Callable[[], bytes]:
    def make() -> bytes:
        data = bytearray(sample_bytes())
        for at in range(100, len(data), every):
            data[at] ^= 0x55
        return bytes(data)
    return make


# --- documents to import --------------------------------------------------------------------------------------


def report_docx(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def seed_text() -> str:
    from shuzhi_xl.samples import seed_path

    return seed_path().read_text(encoding="utf-8")


def seed_docx() -> bytes:
    return _cached("seed_docx", lambda: report_docx(seed_text().splitlines()))


def docx_xml_edited(edit: Callable[[bytes], bytes]) -> Callable[[], bytes]:
    return lambda: zipped([(i, edit(d) if i.filename == "word/document.xml" else d) for i, d in parts_of(seed_docx())])


def in_document_text(insert: bytes) -> Callable[[bytes], bytes]:
    return in_text(insert, "w:t")


def docx_body(xml: bytes, base: Callable[[], bytes] = seed_docx) -> Callable[[], bytes]:
    """Return a maker of *base* whose document body is *xml* (WordprocessingML inside <w:body>)."""
    return lambda: zipped([(i, re.sub(rb"<w:body>.*</w:body>", lambda m: b"<w:body>" + xml + b"</w:body>", d,
                                      flags=re.S) if i.filename == "word/document.xml" else d)
                           for i, d in parts_of(base())])


def paragraphs_xml(texts: list[str], properties: bytes = b"") -> bytes:
    return b"".join(b"<w:p>" + properties + b"<w:r><w:t>" + t.encode() + b"</w:t></w:r></w:p>" for t in texts)


def seed_body(properties: bytes = b"") -> bytes:
    """The seed report's paragraphs as WordprocessingML, each with paragraph *properties* (<w:pPr>)."""
    return paragraphs_xml([t for t in seed_text().splitlines() if t.strip()], properties)


def docx_with_part(name: str, xml: bytes, base: Callable[[], bytes]) -> Callable[[], bytes]:
    """Return a maker of *base* with part *name* (word/styles.xml, word/numbering.xml) replaced or added, and the
    document related to it."""
    kind = name.rpartition("/")[2].removesuffix(".xml")

    def make() -> bytes:
        parts = [(i, d) for i, d in parts_of(base()) if i.filename != name]
        rels = [(i, d.replace(b"</Relationships>", b'<Relationship Id="rIdHostile" Type="http://schemas.openxmlformats'
                              b'.org/officeDocument/2006/relationships/' + kind.encode() + b'" Target="'
                              + kind.encode() + b'.xml"/></Relationships>')
                 if i.filename == "word/_rels/document.xml.rels" and b"/" + kind.encode() + b'"' not in d else d)
                for i, d in parts]
        return zipped(rels + [(zipfile.ZipInfo(name), xml)])
    return make


_WORDML = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def numbering_xml(level: bytes, override: bytes = b"") -> bytes:
    """A numbering part of one list (numId 1) of definition 0 whose level is *level* (<w:lvl>), with *override*."""
    return (b'<w:numbering ' + _WORDML + b'><w:abstractNum w:abstractNumId="0">' + level + b'</w:abstractNum>'
            b'<w:num w:numId="1"><w:abstractNumId w:val="0"/>' + override + b'</w:num></w:numbering>')


def numbered_seed(level: bytes, override: bytes = b"", ilvl: bytes = b"0", copies: int = 1) -> Callable[[], bytes]:
    """The seed report (*copies* times over) with each paragraph in list 1 at level *ilvl*, numbered by *level* (and
    *override*)."""
    listed = b'<w:pPr><w:numPr><w:ilvl w:val="' + ilvl + b'"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    return docx_with_part("word/numbering.xml", numbering_xml(level, override), docx_body(seed_body(listed) * copies))


def style_chain(depth: int) -> Callable[[], bytes]:
    """The seed report in a paragraph style based on another, *depth* styles deep: walked for each paragraph, the
    chain cost depth × paragraphs (200,000 deep: the import did not end)."""
    chain = b"".join(b'<w:style w:type="paragraph" w:styleId="s%d"><w:basedOn w:val="s%d"/></w:style>' % (k, k + 1)
                     for k in range(depth))
    return docx_with_part("word/styles.xml", b"<w:styles " + _WORDML + b">" + chain + b"</w:styles>",
                          docx_body(seed_body(b'<w:pPr><w:pStyle w:val="s0"/></w:pPr>')))


def lying_document() -> bytes:
    """The seed report whose document part inflates to 1 GiB past the size and CRC it declares (those of the real
    part, which is the stream's start): python-docx inflated all of it (2 GB peak) before `check` read a word."""
    parts = parts_of(seed_docx())
    document = next(d for i, d in parts if i.filename == "word/document.xml")
    packer, zeros = zlib.compressobj(9, zlib.DEFLATED, -15), bytes(16 * 2**20)
    packed = packer.compress(document) + b"".join(packer.compress(zeros) for _ in range(64)) + packer.flush()
    out = io.BytesIO()
    with FixedZip(out) as package:
        for info, data in parts:
            if info.filename == "word/document.xml":
                package.add_packed(info.filename, zipfile.ZIP_DEFLATED, zlib.crc32(data), len(data), packed)
            else:
                package.add_packed(info.filename, zipfile.ZIP_STORED, zlib.crc32(data), len(data), data)
    return out.getvalue()


#: The refusal of a Word document whose parts hold more tags than MAX_MARKUP.
TOO_MUCH_MARKUP = f"XML 标记超过 {MAX_MARKUP} 个"
TOO_LONG = f"超过 {MAX_IMPORT_CHARS} 字"


def text_bytes(text: str, encoding: str = "utf-8") -> Callable[[], bytes]:
    return lambda: text.encode(encoding, "surrogatepass")


FAR_CELL = b'<c r="XFD1048576" t="inlineStr"><is><t>\xe8\xbf\x9c</t></is></c>'


def _with_far_cell(xml: bytes) -> bytes:
    return far_reference(b"XFD1048576")(xml)


def with_cells(cells: bytes) -> Callable[[], bytes]:
    """Return a maker of the sample with *cells* (XML) added to the end of each sheet's last row."""
    return sheet_xml_edited(lambda xml: re.sub(rb"(.*)</row>", lambda m: m[1] + cells + b"</row>", xml, count=1,
                                               flags=re.S))


def renamed_sheet(new_name: str, name: str = "xl/worksheets/sheet2.xml") -> Callable[[], bytes]:
    """Return a maker of the sample whose sheet part *name* (基本信息), holding a far cell, is stored as *new_name*:
    a name calamine still finds (it ignores letter case and reads "\\" as "/") while the relationship says *name*."""
    return lambda: zipped([(zipfile.ZipInfo(new_name) if i.filename == name else i,
                            _with_far_cell(d) if i.filename == name else d) for i, d in parts_of(sample_bytes())])


def redirected_workbook() -> bytes:
    """The sample whose package relationships name a second workbook (xl2/) with a far cell in 基本信息: calamine
    follows the package relationships, a reader looking only at xl/ would check the wrong sheets."""
    parts = parts_of(sample_bytes())
    copies = [(zipfile.ZipInfo("xl2/" + i.filename[3:]),
               _with_far_cell(d) if i.filename == "xl/worksheets/sheet2.xml" else d.replace(b'"/xl/', b'"/xl2/'))
              for i, d in parts if i.filename.startswith("xl/")]
    moved = [(i, d.replace(b'Target="xl/workbook.xml"', b'Target="xl2/workbook.xml"').replace(
        b'Target="/xl/workbook.xml"', b'Target="/xl2/workbook.xml"') if i.filename == "_rels/.rels" else d)
        for i, d in parts]
    return zipped(moved + copies)


def twice_named_sheet() -> bytes:
    """The sample whose workbook lists 基本信息 twice: first as a new part holding a far cell, then as its own."""
    parts = parts_of(sample_bytes())
    sheet = next(d for i, d in parts if i.filename == "xl/worksheets/sheet2.xml")
    info_name = schema.INFO.name.encode()

    def edit(info: zipfile.ZipInfo, data: bytes) -> bytes:
        if info.filename == "xl/workbook.xml":
            first = re.search(rb'<sheet [^>]*name="' + info_name + rb'"[^>]*/>', data)[0]
            twin = re.sub(rb'r:id="[^"]*"', b'r:id="rIdFar"', re.sub(rb'sheetId="[0-9]+"', b'sheetId="99"', first))
            return data.replace(first, twin + first)
        if info.filename == "xl/_rels/workbook.xml.rels":
            return data.replace(b"</Relationships>", b'<Relationship Id="rIdFar" Type="http://schemas.openxmlformats'
                                b'.org/officeDocument/2006/relationships/worksheet" Target="worksheets/far.xml"/>'
                                b"</Relationships>")
        return data
    return zipped([(i, edit(i, d)) for i, d in parts] + [(zipfile.ZipInfo("xl/worksheets/far.xml"),
                                                            _with_far_cell(sheet))])


def texts_filling_cells(count: int) -> Callable[[], bytes]:
    """The sample with *count* more rows in 报告正文, each holding a cell's most text (MAX_CELL_CHARS) inline: a
    ~100 KB file of many millions of characters to proofread."""
    text = ("落实全面从严治党主体责任，" * (MAX_CELL_CHARS // 13 + 1))[:MAX_CELL_CHARS].encode()
    column = schema.BODY.column_letter("body").encode()
    rows = b"".join(b'<row r="%d"><c r="%s%d" t="inlineStr"><is><t>%s</t></is></c></row>' % (n, column, n, text)
                    for n in range(100, 100 + count))

    def make() -> bytes:
        with zipfile.ZipFile(io.BytesIO(sample_bytes())) as package:
            body = package_sheet_parts(package)[schema.BODY.name]
        return zipped([(info, data.replace(b"</sheetData>", rows + b"</sheetData>") if info.filename == body else data)
                       for info, data in parts_of(sample_bytes())])
    return make


def shared_text_repeated(rows: int, columns: int) -> Callable[[], bytes]:
    """The sample with a shared-strings part of one string of a cell's most text, and *rows* × *columns* cells of
    活动台账 pointing at it: ~200 KB from which calamine would build a copy of the string for each cell (2,000 × 50
    took 6.5 GB and aborted the process)."""
    text = ("落实全面从严治党主体责任，" * (MAX_CELL_CHARS // 13 + 1))[:MAX_CELL_CHARS].encode()
    shared = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
              b"<si><t>%s</t></si></sst>" % text)
    letters = [schema.column_letter(n).encode() for n in range(1, columns + 1)]
    cells = b"".join(b'<row r="%d">%s</row>' % (n, b"".join(b'<c r="%s%d" t="s"><v>0</v></c>' % (letter, n)
                                                           for letter in letters)) for n in range(10, 10 + rows))

    def make() -> bytes:
        with zipfile.ZipFile(io.BytesIO(sample_bytes())) as package:
            ledger = package_sheet_parts(package)[schema.LEDGER.name]
        parts = [(info, data.replace(b"</sheetData>", cells + b"</sheetData>") if info.filename == ledger else data)
                 for info, data in parts_of(sample_bytes())]
        return zipped(parts + [(zipfile.ZipInfo("xl/sharedStrings.xml"), shared)])
    return make


CONTROL = "".join(map(chr, range(32))) + "\ufffe\uffff"
LONG_TITLE = "中共某某市发展和改革委员会机关第一党支部" * 5  # 100 characters

WORKBOOKS = [
    Hostile("far-value-XFD1048576.xlsx", edited(moved(schema.INFO, schema.INFO.form_cell("branch"), "XFD1048576")),
            UNUSABLE, "XFD1048576"),
    Hostile("far-row-in-a-table.xlsx", edited(put(schema.BODY, "B1048576", "远处的问题")), UNUSABLE, "B1048576"),
    Hostile("far-column.xlsx", edited(put(schema.LEDGER, f"{schema.column_letter(MAX_COLUMNS + 1)}5", "备注")),
            UNUSABLE, f"{schema.column_letter(MAX_COLUMNS + 1)}5"),
    Hostile("reference-beyond-excel.xlsx", sheet_xml_edited(far_reference(b"ZZZZ99999999")), UNUSABLE, "ZZZZ99999999"),
    Hostile("too-many-rows.xlsx", edited(rows(schema.LEDGER, MAX_ROWS)), UNUSABLE, f"A{MAX_ROWS + 1}"),
    Hostile("ten-thousand-problems.xlsx", edited(problems(10_001)), CHECKED, heavy=True),
    Hostile("cells-without-references.xlsx", sheet_xml_edited(without_references), EITHER),
    # proofreading ~150 bytes a character: 300 such cells took 18 s and 1.5 GB, 600 ended in a MemoryError
    Hostile("cells-full-of-text.xlsx", texts_filling_cells(400), UNUSABLE, "文字过多", past_reader=True),
    Hostile("shared-text-repeated.xlsx", shared_text_repeated(2_000, 50), UNUSABLE, "引用共享文字的单元格过多"),
    Hostile("huge-cells.xlsx", edited(lambda wb: [put(schema.BODY, f"{schema.BODY.column_letter('body')}{row}",
                                                       "长" * 32_767)(wb) for row in range(2, 12)]), CHECKED),
    Hostile("long-title.xlsx", edited(branch_named(LONG_TITLE)), CHECKED),
    Hostile("longest-title.xlsx", edited(branch_named("党" * 32_767)), CHECKED),
    Hostile("escaped-controls.xlsx", sheet_xml_edited(in_text(b"_x0001__x001F__x000B_")), CHECKED),
    Hostile("raw-controls.xlsx", sheet_xml_edited(in_text(b"\x01\x0b\x1f")), CHECKED),
    Hostile("control-references.xlsx", sheet_xml_edited(in_text(b"&#1;&#x1F;")), CHECKED),
    Hostile("nul.xlsx", sheet_xml_edited(in_text(b"\x00")), CHECKED),
    Hostile("surrogate-reference.xlsx", sheet_xml_edited(in_text(b"&#xD800;")), UNUSABLE,
            f"工作表“{schema.INFO.name}”的内容无法解析"),
    Hostile("huge-date.xlsx", edited(ledger_date(1e300)), CHECKED),
    Hostile("negative-date.xlsx", edited(ledger_date(-1e17)), UNUSABLE, "有单元格的数值无法读取，多半是日期栏"),
    Hostile("metrics-named-like-columns.xlsx", edited(metrics_named("支部名称", "备注", "状态", "状态")), CHECKED),
    Hostile("damaged-deflate-stream.xlsx", damaged_stream(), UNUSABLE, NOT_INFLATING),
    Hostile("crc-error.xlsx", bad_crc(), UNUSABLE, NOT_INFLATING),
    Hostile("unsupported-method.xlsx", unsupported_method, UNUSABLE, NOT_INFLATING),
    Hostile("unsupported-version.xlsx", unsupported_version, CHECKED),
    Hostile("bzip2-part.xlsx", bzip2_part, UNUSABLE, NOT_INFLATING),
    Hostile("lying-crc-deflate.xlsx", lying_deflate, UNUSABLE, NOT_INFLATING),
    Hostile("zip-bomb.xlsx", bomb, UNUSABLE, TOO_LARGE),
    Hostile("truncated-sheet-xml.xlsx", truncated_xml("xl/worksheets/sheet3.xml"), UNUSABLE,
            f"工作表“{schema.BODY.name}”的内容无法解析"),
    Hostile("truncated-styles.xlsx", truncated_xml("xl/styles.xml"), UNUSABLE, "“xl/styles.xml”不是有效的 XML"),
    # a cell tag without a reference sends the styles through the extent's cell-by-cell reading, which stops at the
    # comment that never ends: refused as the part it is, not as a sheet
    Hostile("unparsable-styles.xlsx", edited_part("xl/styles.xml", lambda d: d.replace(
        b"</styleSheet>", b'<c s="1"/><!-- </styleSheet>')), UNUSABLE, "其中的“xl/styles.xml”内容无法解析"),
    # two million empty tags (in 30 KB): parsed into a tree whole, the relationships took ~200 MB and seconds
    Hostile("relationships-of-many-tags.xlsx", edited_part("xl/_rels/workbook.xml.rels", lambda d: d.replace(
        b"</Relationships>", b"<a/>" * 2_000_000 + b"</Relationships>")), UNUSABLE, "工作簿的目录无法解析"),
    Hostile("without-styles.xlsx", without_part("xl/styles.xml"), CHECKED),
    Hostile("without-content-types.xlsx", without_part("[Content_Types].xml"), CHECKED),
    Hostile("flipped-bytes.xlsx", flipped(97), UNUSABLE, NOT_INFLATING),
    Hostile("cut-in-half.xlsx", lambda: sample_bytes()[: len(sample_bytes()) // 2], UNUSABLE, BROKEN_ZIP),
    Hostile("random.xlsx", lambda: b"PK\x03\x04" + bytes(range(256)) * 64, UNUSABLE, BROKEN_ZIP),
    # Parts calamine finds by other rules than the relationships say: it must never read one unchecked.
    Hostile("sheet-part-in-capitals.xlsx", renamed_sheet("xl/worksheets/SHEET2.xml"), UNUSABLE, "XFD1048576"),
    Hostile("sheet-part-with-backslashes.xlsx", renamed_sheet("xl\\worksheets\\sheet2.xml"), UNUSABLE, "XFD1048576"),
    # Calamine sees only the checked parts: it finds no workbook where _rels/.rels points, and no part for the
    # first 基本信息 listed (the twin's part was never checked).
    Hostile("workbook-elsewhere.xlsx", redirected_workbook, UNUSABLE,
            "工作簿不在通常的位置 xl/workbook.xml，而在“xl2/workbook.xml”"),
    Hostile("sheet-named-twice.xlsx", twice_named_sheet, UNUSABLE, f"两张工作表都叫“{schema.INFO.name}”"),
    # References written as XML allows but no spreadsheet writes: calamine reads them all the same.
    Hostile("single-quoted-reference.xlsx", with_cells(b"<c r='XFD1048576' t=\"inlineStr\"><is><t>x</t></is></c>"),
            UNUSABLE, "XFD1048576"),
    Hostile("spaced-reference.xlsx", with_cells(b'<c r = "XFD1048576" t="inlineStr"><is><t>x</t></is></c>'),
            UNUSABLE, "XFD1048576"),
    Hostile("reference-twice.xlsx", with_cells(b"<c r=\"A1\" r='XFD1048576' t=\"inlineStr\"><is><t>x</t></is></c>"),
            UNUSABLE, "XFD1048576"),
    Hostile("angle-in-attribute.xlsx", with_cells(b'<c x=">" r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>'),
            UNUSABLE, "XFD1048576"),
    Hostile("reference-inside-a-value.xlsx", with_cells(b"</row><row r=\"5000000\"><c x=' r=\"A1\"' t=\"inlineStr\">"
                                                        b"<is><t>x</t></is></c>"), UNUSABLE, TOO_MANY),
    Hostile("after-a-far-empty-cell.xlsx", with_cells(b'<c r="XFD1048576" s="1"/><c t="inlineStr"><is><t>x</t></is>'
                                                      b"</c>"), UNUSABLE, TOO_MANY),
    # Tags calamine passes over inside a cell's value: read as rows, they put the extent check's row back to 1 while
    # calamine's stays past the far (empty, allowed) row, so the cells after them would land a million rows down.
    Hostile("cell-closed-inside-its-value.xlsx", with_cells(b'</row><row r="1048576" s="1"/><row><c r="A1" '
                                                            b't="inlineStr"><is><t>x</t><c>y</c><row r="1"></row></is>'
                                                            b'</c><c t="inlineStr"><is><t>z</t></is></c>'),
            UNUSABLE, TANGLED),
    # A comment's opener inside a quoted attribute is attribute text to calamine, which reads the r after it: a
    # check that strips comments first lost that r (the process aborted on a grid past XFD1048576).
    Hostile("comment-opener-in-an-attribute.xlsx", with_cells(b'<c a="<!--" r="XFD1048576" b="-->" t="inlineStr">'
                                                              b"<is><t>x</t></is></c>"), UNUSABLE, TANGLED),
    Hostile("row-reference-with-letters.xlsx", with_cells(b'</row><row r="A1048576"><c t="inlineStr"><is><t>x</t></is>'
                                                          b"</c>"), UNUSABLE, TOO_MANY),
]

def summary_bytes() -> bytes:
    """Return a summary of two sample workbooks as consolidate writes it: last year's, for --previous."""
    def make() -> bytes:
        from shuzhi_xl.consolidate import consolidate

        with tempfile.TemporaryDirectory() as folder:
            (Path(folder) / "各支部").mkdir()
            for n in range(2):
                (Path(folder) / "各支部" / f"支部{n}.xlsx").write_bytes(sample_bytes())
            return consolidate(Path(folder) / "各支部", Path(folder) / "汇总.xlsx", jobs=1).output.read_bytes()
    return _cached("summary", make)


def summary_row_added(cells: bytes) -> Callable[[], bytes]:
    """Return a maker of the summary with a row of *cells* (SpreadsheetML) added at the end of 问题汇总."""
    def make() -> bytes:
        with zipfile.ZipFile(io.BytesIO(summary_bytes())) as package:
            problems = package_sheet_parts(package)["问题汇总"]
        row = b'<row r="60000">' + cells + b"</row></sheetData>"
        return zipped([(info, data.replace(b"</sheetData>", row) if info.filename == problems else data)
                       for info, data in parts_of(summary_bytes())])
    return make


#: A text this much longer than a cell holds (64 MB): read whole, it took 64 MB and more before it was refused.
OVERLONG_TEXT = 64 * 2**20
OVERLONG = f"超长的单元格文字（Excel 每个单元格最多 {MAX_CELL_CHARS:,} 个字符）"

#: Last year's summaries (shuzhi consolidate --previous, the web's upload) that must be refused.
SUMMARIES = [
    Hostile("previous-overlong-text.xlsx", summary_row_added(b'<c t="inlineStr"><is><t>' + b"A" * OVERLONG_TEXT
                                                              + b"</t></is></c>"), UNUSABLE, OVERLONG),
    Hostile("previous-cdata.xlsx", summary_row_added(b'<c t="inlineStr"><is><t><![CDATA[<c r="XFD1"/>]]></t></is></c>'),
            UNUSABLE, OVERLONG),
    Hostile("previous-far-cell.xlsx", summary_row_added(b'<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>'),
            UNUSABLE, "XFD1048576"),
]

DOCUMENTS = [
    Hostile("seed.docx", seed_docx, CHECKED),
    Hostile("controls.docx", docx_xml_edited(in_document_text(b"&#1;\x02")), UNUSABLE, "Word 文档已损坏"),
    Hostile("escaped-controls.docx", docx_xml_edited(in_document_text(b"_x0001_")), CHECKED),
    Hostile("huge-paragraph.docx", lambda: report_docx(["长" * (MAX_IMPORT_CHARS + 1)]), UNUSABLE,
            f"超过 {MAX_IMPORT_CHARS} 字"),
    Hostile("truncated.docx", lambda: seed_docx()[: len(seed_docx()) // 2], UNUSABLE, BROKEN_ZIP),
    Hostile("damaged-deflate-stream.docx", lambda: _damaged_docx(), UNUSABLE, NOT_INFLATING),
    Hostile("controls.txt", text_bytes(CONTROL.join(seed_text().splitlines(keepends=True))), CHECKED),
    Hostile("nul-only.txt", text_bytes("\x00" * 1000), UNUSABLE, "文档是空的"),
    Hostile("long-line.txt", text_bytes("长" * 2_000_000), UNUSABLE, f"超过 {MAX_IMPORT_CHARS} 字"),
    Hostile("lone-surrogate.txt", text_bytes(seed_text() + "\ud800"), CHECKED),
    Hostile("gb18030.txt", text_bytes(seed_text(), "gb18030"), CHECKED),
    # Empty lines cost as much to read as text (100 MB of line breaks: 2.8 GB, no end within a minute).
    Hostile("empty-lines.txt", text_bytes(seed_text() + "\n" * MAX_IMPORT_CHARS), UNUSABLE, TOO_LONG),
    # A small file whose XML builds millions of elements (10 million <w:p/> in 128 KB: 1.3 GB, no end in a minute).
    Hostile("empty-paragraphs.docx", docx_body(seed_body() + b"<w:p/>" * MAX_MARKUP), UNUSABLE, TOO_MUCH_MARKUP),
    Hostile("lying-document-size.docx", lying_document, CHECKED),
    # A numbering label is text too: ~250 paragraphs labelled 3 million characters each (9 MB, within what lxml
    # reads of an attribute) were all numbered before the length was checked (1.3 GB).
    Hostile("long-numbering-label.docx", numbered_seed(b'<w:lvl w:ilvl="0"><w:lvlText w:val="%1' + "长".encode()
                                                       * 3_000_000 + b'"/></w:lvl>', copies=6), UNUSABLE, TOO_LONG),
    # Numbers Word would not write: read as absent, as the rest of the file is read (each was an internal error;
    # a counter starting at 10^9 in letters wrote 38 million characters a paragraph).
    Hostile("numbering-not-numbers.docx", numbered_seed(
        b'<w:lvl w:ilvl="0"><w:start w:val="abc"/></w:lvl><w:lvl><w:start w:val="1"/></w:lvl>'
        b'<w:lvl w:ilvl="1"><w:start w:val="' + b"9" * 5000 + b'"/></w:lvl>',
        b'<w:lvlOverride><w:startOverride w:val="2"/></w:lvlOverride>', ilvl=b"x"), CHECKED),
    Hostile("huge-counter-start.docx", numbered_seed(b'<w:lvl w:ilvl="0"><w:start w:val="1000000000"/><w:numFmt '
                                                     b'w:val="lowerLetter"/><w:lvlText w:val="%1."/></w:lvl>'), CHECKED),
    Hostile("outline-level-not-a-number.docx", docx_body(seed_body(b'<w:pPr><w:outlineLvl w:val="x"/></w:pPr>')),
            CHECKED),
    Hostile("long-style-chain.docx", style_chain(200_000), CHECKED),
    # zipfile keeps the last of two parts of one name, as the reader does: python-docx then found no body
    Hostile("document-part-twice.docx", lambda: twice_zipped(parts_of(seed_docx()) + [
        (zipfile.ZipInfo("word/document.xml"), b"<w:document " + _WORDML + b"/>")]), UNUSABLE, "没有"),
]


def _damaged_docx() -> bytes:
    data = bytearray(seed_docx())
    at = _local_header(data, "word/document.xml")
    size, name_length, extra = struct.unpack_from("<IHH", data, at + 18)[0], *struct.unpack_from("<HH", data, at + 26)
    start = at + 30 + name_length + extra
    data[start + 2: start + size - 2] = bytes(size - 4)
    return bytes(data)


def write_corpus(folder: Path, entries: list[Hostile] = WORKBOOKS + DOCUMENTS) -> dict[Path, Hostile]:
    """Write every entry into *folder*; return path → entry."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for entry in entries:
        path = folder / entry.name
        path.write_bytes(entry.make())
        written[path] = entry
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile")
    for path in write_corpus(target):
        print(path)
