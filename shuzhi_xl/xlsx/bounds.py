"""Bounded reading: before a workbook's cells are read, prove the package sound and its data sheets within limits.

Only the parts the reader needs are inflated, within size limits (a zip bomb stops at the limit, a bad deflate
stream or CRC becomes “文件已损坏”), and every part calamine will read is checked for cells past the limits
(extent.py). Calamine then reads a package made of exactly these checked parts (checked_package), never the file
itself: whatever path it resolves a sheet to (letter case, "\\", the package's own relationships), it finds nothing
unchecked.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO
from xml.etree import ElementTree

from ..errors import WorkbookError, clipped
from ..limits import MAX_COLUMNS, MAX_ROWS, MAX_TREE_ATTRIBUTES, MAX_TREE_TAGS, WORKBOOK_SIZES, megabytes
from ..opc import Codec, FixedZip, stored_bytes
from .extent import check_extent
from .sharedtext import check_shared_text

#: Everything reading a damaged zip member can raise: a bad deflate stream (zlib.error), an unsupported
#: method or zip version (NotImplementedError), a truncated member (EOFError), a CRC error (BadZipFile).
PACKAGE_ERRORS = (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, OSError, ValueError, KeyError,
                  RuntimeError)
CORRUPT = "文件已损坏（压缩包中的内容无法解压），无法读取。请找回原文件，或用 Excel、Word 或 WPS 打开后另存再试。"
NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
PACKAGE_RELS, WORKBOOK, WORKBOOK_RELS = "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"
#: The parts calamine reads when it opens a workbook, besides the sheets asked for (its xlsx reader).
SHARED_STRINGS = "xl/sharedStrings.xml"
BOOK_PARTS = (PACKAGE_RELS, WORKBOOK, WORKBOOK_RELS, "xl/styles.xml", SHARED_STRINGS)
#: The compression methods of an Office package (ECMA-376 Part 2, OPC: stored and deflate).
_OPC_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
#: Flags zipfile handles itself: encrypted, compressed patched data, strong encryption.
_UNPLAIN = 0x01 | 0x20 | 0x40
#: The most of a watched part inflated at a time (Watch): a part is looked at while it is inflated, not after.
#: Below the C library's threshold for memory of its own (128 KiB): 1 MiB pieces left 50 MiB more resident after
#: a 10,000-branch summary was read.
PIECE = 1 << 16
#: What is called with each piece of a part in turn (at most PIECE bytes) as it is inflated, and raises
#: WorkbookError to refuse the part before the rest is inflated.
Look = Callable[[bytes], None]
#: What makes, for a part's name, the Look that sees it from its start (once for each reading of the part).
Watch = Callable[[str], Look]


def read_parts(path: Path, package: zipfile.ZipFile, source: BinaryIO) -> dict[str, bytes]:
    """Return every part of *package* (opened on *source*) inflated (Parts, all of them), or raise WorkbookError: a
    part that does not inflate to its recorded size and CRC, or a package larger than the limits (declared or real)."""
    return dict(Parts(path, package, source))


def check_sizes(path: Path, infos: list[zipfile.ZipInfo],
                sizes: tuple[int, int] = WORKBOOK_SIZES) -> None:
    """Raise WorkbookError when the parts *infos* declare more than *sizes* (in all, any one of them): a
    workbook's limits unless told."""
    declared = sum(info.file_size for info in infos)
    largest = max(infos, key=lambda info: info.file_size, default=None)
    if declared > sizes[0] or (largest and largest.file_size > sizes[1]):
        raise too_large(path, declared, largest, sizes)


def inflate(path: Path, package: zipfile.ZipFile, source: BinaryIO, info: zipfile.ZipInfo,
            codec: Codec = zlib, watch: Watch | None = None) -> bytes:
    """Return the part *info* of *package* (opened on *source*) inflated, or raise WorkbookError when it is
    damaged: it must inflate to its recorded size (checked against the limits) and CRC. A plain part is read
    from *source* directly and inflated by *codec* (_read_plain), any other stored or deflated one by zipfile,
    never past its recorded size, with the CRC checked there: a part lying about its size or CRC fails without
    being inflated whole. A part compressed otherwise is refused: an Office package uses only these two
    methods (OPC), and zipfile inflates the others (bzip2, LZMA) without any bound, so a few KB can hold
    gigabytes. A compressed size past what the recorded size can need is never read (zipfile would allocate it
    at once). With *watch*, the part is inflated a PIECE at a time, each piece shown to the part's Look first."""
    data = _read_plain(source, info, codec, watch and watch(info.filename))
    if data is not None:
        return data
    if info.compress_type not in _OPC_METHODS or info.compress_size > _most_packed(info):
        raise WorkbookError(CORRUPT, path)
    try:
        with package.open(info) as member:
            # one byte past the size: zipfile stops at the size and checks the CRC there (read() would inflate
            # each compressed read whole, up to 1 GiB at once, before cutting it to the size)
            return _read(member.read, info.file_size + 1, watch and watch(info.filename))
    except PACKAGE_ERRORS:
        raise WorkbookError(CORRUPT, path) from None


def _read(read: Callable[[int], bytes], most: int, look: Look | None) -> bytes:
    """Return what *read* gives, up to *most* bytes: at once, or with *look* a PIECE at a time, each piece shown
    to it first."""
    if look is None:
        return read(most)
    pieces = []
    while most and (piece := read(min(PIECE, most))):
        look(piece)
        pieces.append(piece)
        most -= len(piece)
    return b"".join(pieces)


def _most_packed(info: zipfile.ZipInfo) -> int:
    """Return the most compressed bytes a part of *info*'s inflated size can need: stored, deflate, bzip2 and
    LZMA all add well under 1/64 (and a fixed overhead) to data they cannot shrink."""
    return info.file_size + info.file_size // 64 + 1024


def _read_plain(source: BinaryIO, info: zipfile.ZipInfo, codec: Codec, look: Look | None) -> bytes | None:
    """Return the part *info* as zipfile.read would, without its per-part objects (they cost twice the inflating
    of a workbook's parts), when it is a plain stored or deflated part that checks out (its local header, its
    inflated size and CRC, both by *codec*: zlib or opc.fast_zlib()); None for anything else, for zipfile to
    read or refuse: whatever the codec, what it does not vouch for is judged by zipfile and zlib. Read as _read
    reads (shown to *look*)."""
    if info.compress_type not in _OPC_METHODS or info.flag_bits & _UNPLAIN \
            or not info.file_size:
        return None
    packed = stored_bytes(source, info, _most_packed(info))
    if packed is None:
        return None
    read = io.BytesIO(packed).read if info.compress_type == zipfile.ZIP_STORED else _Inflater(packed, codec).read
    try:
        data = _read(read, info.file_size, look)
    except codec.error:
        return None
    return data if len(data) == info.file_size and codec.crc32(data) == info.CRC else None


class _Inflater:
    """A deflated part's *packed* bytes, inflated by *codec* as much at a time as asked (none once they end)."""

    def __init__(self, packed: bytes, codec: Codec):
        self._packed, self._inflater = packed, codec.decompressobj(-15)

    def read(self, most: int) -> bytes:
        piece = self._inflater.decompress(self._packed, most)
        self._packed = self._inflater.unconsumed_tail
        return piece


class Parts(Mapping[str, bytes]):
    """The parts of an open package by name, each inflated on first use (inflate), after the declared sizes
    are checked: the reader inflates only the few parts it needs. *source* is the file or buffer *package* was
    opened on; the parts are read from it, inflated by *codec* and watched by *watch* (inflate)."""

    def __init__(self, path: Path, package: zipfile.ZipFile, source: BinaryIO, codec: Codec = zlib, *,
                 sizes: tuple[int, int] = WORKBOOK_SIZES, watch: Watch | None = None):
        # the folders left out: by their name's end ("/"), as ZipInfo.is_dir, which fails on an empty name
        infos = [info for info in package.infolist() if not info.filename.endswith("/")]
        check_sizes(path, infos, sizes)
        self.path, self.source, self.sizes = path, source, sizes
        self._package, self._codec, self._watch = package, codec, watch
        self._infos = {info.filename: info for info in infos}
        self._inflated: dict[str, bytes] = {}
        self._folded: dict[str, str] | None = None

    def __getitem__(self, name: str) -> bytes:
        if name not in self._inflated:
            self._inflated[name] = inflate(self.path, self._package, self.source, self._infos[name], self._codec,
                                           self._watch)
        return self._inflated[name]

    def __contains__(self, name: object) -> bool:
        return name in self._infos

    def __iter__(self) -> Iterator[str]:
        return iter(self._infos)

    def __len__(self) -> int:
        return len(self._infos)

    def info(self, name: str) -> zipfile.ZipInfo:
        """Return what the directory declares of part *name* (its size before it is inflated)."""
        return self._infos[name]

    def crc(self, name: str) -> int:
        """Return the CRC-32 of part *name*: what its content matched when inflated (inflate checks it)."""
        return self._infos[name].CRC

    def named(self, name: str) -> str | None:
        """Return the part called *name*, matched as calamine matches names (letter case and "\\" aside), or None."""
        if name in self._infos:
            return name
        if self._folded is None:
            self._folded = {part.replace("\\", "/").lower(): part for part in self._infos}
        return self._folded.get(name.lower())


def too_large(path: Path, declared: int, largest: zipfile.ZipInfo,
              sizes: tuple[int, int] = WORKBOOK_SIZES) -> WorkbookError:
    """Return the refusal of a package declaring *declared* bytes in all, *largest* its largest part, past *sizes*."""
    return WorkbookError(f"文件过大：解压后共 {megabytes(declared)}，其中“{largest.filename}”"
                         f"{megabytes(largest.file_size)}，超出本程序的上限（每个文件解压后不超过 "
                         f"{megabytes(sizes[0])}，其中单个部件不超过 {megabytes(sizes[1])}）。"
                         "请删除文件中多余的内容、图片或工作表后再试。", path)


def parsed(xml: bytes) -> ElementTree.Element:
    """Return the tree of the part *xml*, or raise ElementTree.ParseError, as for XML that is not well-formed, when
    it holds more than MAX_TREE_TAGS tags or MAX_TREE_ATTRIBUTES attributes ("=" counted): built, its tree would
    take gigabytes (15 million empty tags in an 85 KB workbook took 1.5 GB and 22 s; 3 million attributes on the
    relationships' root in a 7 MB one, 1 GB and 5 s)."""
    if xml.count(b"<") > MAX_TREE_TAGS or xml.count(b"=") > MAX_TREE_ATTRIBUTES:
        raise ElementTree.ParseError(f"more than {MAX_TREE_TAGS} tags or {MAX_TREE_ATTRIBUTES} attributes")
    return ElementTree.fromstring(xml)


def part_target(folder: str, target: str) -> str:
    """Return the part a relationship's *target* names, from the *folder* of the part it belongs to."""
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))


#: sheet_parts' part of a sheet the workbook's relationships name no part for (no part is called so)
UNRELATED = ""


def sheet_parts(path: Path, parts: Mapping[str, bytes]) -> dict[str, str]:
    """Return sheet name → the part holding it, from the workbook part and its relationships (UNRELATED for a sheet
    they name no part for)."""
    try:
        book = parsed(parts[WORKBOOK])
        rels = parsed(parts.get(WORKBOOK_RELS, b"<Relationships/>"))
    except ElementTree.ParseError:
        raise WorkbookError("文件已损坏（工作簿的目录无法解析），无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx。",
                            path) from None
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{NS_PKG_REL}Relationship")}
    located = {}
    for sheet in book.iter(f"{NS_MAIN}sheet"):
        name = sheet.get("name", "")
        if name in located:  # Excel allows no such workbook; calamine would read one of the two, the reader another
            raise WorkbookError(f"文件已损坏（工作簿中有两张工作表都叫“{clipped(name)}”），无法读取。"
                                "请用 Excel 或 WPS 打开后另存为 .xlsx。", path)
        target = targets.get(sheet.get(f"{NS_REL}id"))
        located[name] = UNRELATED if target is None else part_target("xl", target)
    return located


def workbook_target(rels: bytes) -> str:
    """Return the workbook part the package relationships *rels* (PACKAGE_RELS) name, as calamine finds the workbook;
    WORKBOOK when they cannot be parsed or name none."""
    try:
        relationships = parsed(rels).iter(f"{NS_PKG_REL}Relationship")
        return next(part_target("", rel.get("Target", "")) for rel in relationships
                    if rel.get("Type", "").endswith("/officeDocument"))
    except (ElementTree.ParseError, StopIteration):
        return WORKBOOK


def package_sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Return sheet_parts of an open *package* (a workbook this program wrote, in memory: no file to name),
    reading only the two parts needed."""
    return sheet_parts(Path(), {name: package.read(name) for name in (WORKBOOK, WORKBOOK_RELS)})


def checked_package(parts: Parts, sheets: dict[str, str], *, rows: int = MAX_ROWS,
                    columns: int = MAX_COLUMNS) -> bytes:
    """Return the package write_checked_package writes (a workbook's: tens of KB)."""
    out = io.BytesIO()
    write_checked_package(out, parts, sheets, rows=rows, columns=columns)
    return out.getvalue()


def write_checked_package(target: Path | BinaryIO, parts: Parts, sheets: dict[str, str], *, rows: int = MAX_ROWS,
                          columns: int = MAX_COLUMNS) -> None:
    """Write to *target* a package of the workbook parts calamine reads (BOOK_PARTS) and the parts of *sheets*
    (name → part), each checked by check_extent (within *rows* × *columns*: a data sheet's unless told), stored
    uncompressed for calamine to read instead of the file: it then cannot reach a part not checked here, however
    it resolves a sheet's path (letter case, "\\", the package's own relationships), and it does not inflate the
    parts a second time. Each entry carries the CRC its part was checked against when inflated. A sheet whose part
    is not in the package is refused here (calamine would fail), and so are sheets whose shared-string cells would
    make calamine build more text than the package may hold inflated (sharedtext.py)."""
    if missing := next((name for name, part in sheets.items() if parts.named(part) is None), None):
        cause = (f"工作簿的关系“{WORKBOOK_RELS}”中没有工作表“{missing}”的内容" if sheets[missing] == UNRELATED
                 else f"工作表“{missing}”的内容“{clipped(sheets[missing])}”不在文件中")
        raise WorkbookError(f"文件已损坏（{cause}），无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx。", parts.path, missing)
    shared = parts.named(SHARED_STRINGS)
    if shared is not None:
        check_shared_text(parts.path, parts[shared], {sheet: parts[parts.named(part)] for sheet, part in sheets.items()},
                          parts.sizes[0])
    written = set()
    with FixedZip(target) as package:
        for sheet, part in [*((None, part) for part in BOOK_PARTS), *sheets.items()]:
            found = parts.named(part)
            if found is not None and part not in written:
                xml = parts[found]
                _check_part_extent(parts.path, sheet, part, xml, rows, columns)
                package.add_packed(part, zipfile.ZIP_STORED, parts.crc(found), len(xml), xml)
                written.add(part)


def _check_part_extent(path: Path, sheet: str | None, part: str, xml: bytes, rows: int, columns: int) -> None:
    """check_extent of *sheet*'s *part*, or of a book part (*sheet* None), refused as the part it is, not as a sheet:
    it is checked because a hostile sheet may point at it, and it is named as a part whatever sheet does."""
    try:
        check_extent(path, sheet or part, xml, rows=rows, columns=columns)
    except WorkbookError:
        if sheet is not None:
            raise
        raise WorkbookError(f"文件已损坏（其中的“{clipped(part)}”内容无法解析），无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx。",
                            path) from None
