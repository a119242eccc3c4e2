"""The zip packages of Office Open XML (OPC), shared by the workbook and the document sides: written
deterministically (the same content always gives the same bytes), and an entry's stored bytes read raw.

openpyxl stamps the save time into docProps/core.xml and every zip entry; builds of the committed
files in workbook/ must be byte-identical, so both are fixed here.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import BinaryIO

from .errors import ShuzhiError

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
    with zipfile.ZipFile(io.BytesIO(data)) as src, FixedZip(out) as dst:
        names = src.namelist()
        names = sorted(names, key=lambda n: n != CONTENT_TYPES) + [n for n in replace if n not in names]
        for name in names:
            part = replace.pop(name) if name in replace else src.read(name)
            if name == "docProps/core.xml":
                part = _CORE_TIME.sub(rf"\g<1>{FIXED_W3C_TIME}\g<3>", part.decode("utf-8")).encode("utf-8")
            dst.add_deflated(name, [part], level)
    return out.getvalue()


#: Zip headers (APPNOTE 4.3.7, 4.3.12, 4.3.16) as zipfile packs them: version 2.0, made on Unix, no extra fields.
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
#: The start of a local header: its signature, flags, and the lengths of the name and extra field that follow it.
_LOCAL_START = struct.Struct("<4s2xH18xHH")
_VERSION, _UNIX, _PERMISSIONS, _UTF8_NAME = 20, 3, 0o600 << 16, 0x800
#: FIXED_ZIP_TIME as a header's DOS time and date.
_DOS_TIME = FIXED_ZIP_TIME[3] << 11 | FIXED_ZIP_TIME[4] << 5 | FIXED_ZIP_TIME[5] // 2
_DOS_DATE = (FIXED_ZIP_TIME[0] - 1980) << 9 | FIXED_ZIP_TIME[1] << 5 | FIXED_ZIP_TIME[2]
#: The largest size or offset, and the most entries, a zip holds without zip64 extensions (FixedZip writes none).
_LARGEST, _MOST_ENTRIES = 0xFFFFFFFF, 0xFFFF
#: What deflates, inflates and computes the CRCs of parts: the zlib module, or a module offering its interface
#: (fast_zlib).
Codec = ModuleType


def fast_zlib() -> Codec:
    """Return ISA-L's zlib interface (isal.isal_zlib: the same streams, inflated in half and deflated in a quarter of
    zlib's time), or zlib where isal is not installed (pyproject: it has no wheel for Windows on ARM). Imported when
    asked (~0.6 ms): only consolidation, reading and writing thousands of parts, asks."""
    try:
        from isal import isal_zlib
    except ImportError:
        return zlib
    return isal_zlib


class PackageTooLarge(ShuzhiError):
    """A package would pass what a zip without zip64 extensions holds: 4 GiB in an entry or before the central
    directory, 65,535 entries. FixedZip refuses rather than write zip64: Excel reads only its own narrow form of
    it and LibreOffice has refused large ones; nothing this program writes comes near (a summary sheet is cut at
    Excel's 1,048,576 rows, a few hundred MB)."""


class FixedZip:
    """A package written entry by entry, each stamped FIXED_ZIP_TIME, byte for byte as zipfile writes into a
    seekable file; unlike zipfile, it takes an entry whose compressed bytes are known (copied from another
    package, or stored) without compressing it again."""

    def __init__(self, target: Path | BinaryIO):
        self._own = not hasattr(target, "write")
        self._out: BinaryIO = open(target, "wb") if self._own else target
        self._directory: list[bytes] = []

    def __enter__(self) -> FixedZip:
        return self

    def __exit__(self, kind, *_) -> None:
        try:
            if kind is None:
                self._finish()
        finally:
            if self._own:
                self._out.close()

    def add_packed(self, name: str, method: int, crc: int, size: int, packed: bytes) -> None:
        """Add the entry *name* whose content (*size* bytes, CRC-32 *crc*) is *packed* as compressed by *method*."""
        offset = self._next_offset(name)
        self._out.write(_local_header(name, method, crc, len(packed), size))
        self._out.write(packed)
        self._directory.append(_central_header(name, method, crc, len(packed), size, offset))

    def add_deflated(self, name: str, chunks: Iterable[bytes], level: int = zlib.Z_DEFAULT_COMPRESSION,
                     codec: Codec = zlib) -> None:
        """Add the entry *name* whose content is *chunks* joined, deflated at *level* as they come (its local
        header is written again once the CRC and sizes are known) by *codec*: zlib, or a module offering zlib's
        compressobj and crc32 (isal.isal_zlib). Refused (PackageTooLarge) as soon as the content would pass 4 GiB."""
        offset = self._next_offset(name)
        self._out.write(_local_header(name, zipfile.ZIP_DEFLATED, 0, 0, 0))
        compressor, crc, size, packed = codec.compressobj(level, zlib.DEFLATED, -15), 0, 0, 0
        for chunk in chunks:
            size += len(chunk)
            _fits(name, size)
            crc = codec.crc32(chunk, crc)
            packed += self._out.write(compressor.compress(chunk))
        packed += self._out.write(compressor.flush())
        self._out.seek(offset)
        self._out.write(_local_header(name, zipfile.ZIP_DEFLATED, crc, packed, size))
        self._out.seek(0, io.SEEK_END)
        self._directory.append(_central_header(name, zipfile.ZIP_DEFLATED, crc, packed, size, offset))

    def _next_offset(self, name: str) -> int:
        """Return where the entry *name* starts, refusing it when the package lists as many entries as it holds."""
        if len(self._directory) >= _MOST_ENTRIES:
            raise PackageTooLarge(f"要写出的文件中的部件超过 {_MOST_ENTRIES} 个（“{name}”是第 {_MOST_ENTRIES + 1} 个），"
                                  "超出 Office 文件（zip 格式）的上限。")
        offset = self._out.tell()
        _fits(name, offset)
        return offset

    def _finish(self) -> None:
        start, directory = self._out.tell(), b"".join(self._directory)
        _fits("", start, len(directory))
        count = len(self._directory)
        self._out.write(directory + _END.pack(b"PK\5\6", 0, 0, count, count, len(directory), start, 0))


def _local_header(name: str, method: int, crc: int, packed: int, size: int) -> bytes:
    encoded, flags = _name(name)
    _fits(name, packed, size)
    return _LOCAL.pack(b"PK\3\4", _VERSION, 0, flags, method, _DOS_TIME, _DOS_DATE, crc, packed, size, len(encoded),
                       0) + encoded


def _central_header(name: str, method: int, crc: int, packed: int, size: int, offset: int) -> bytes:
    encoded, flags = _name(name)
    return _CENTRAL.pack(b"PK\1\2", _VERSION, _UNIX, _VERSION, 0, flags, method, _DOS_TIME, _DOS_DATE, crc, packed,
                         size, len(encoded), 0, 0, 0, 0, _PERMISSIONS, offset) + encoded


def _name(name: str) -> tuple[bytes, int]:
    """Return *name* as a header holds it, and the flag that says it is UTF-8 (set, as zipfile does, when not ASCII)."""
    encoded = name.encode("utf-8")
    return encoded, 0 if encoded.isascii() else _UTF8_NAME


def _fits(name: str, *numbers: int) -> None:
    """Refuse (PackageTooLarge) a size or offset a header cannot hold, met writing the entry *name* (or, for "",
    the central directory)."""
    if max(numbers) > _LARGEST:
        where = f"部件“{name}”" if name else "部件目录"
        raise PackageTooLarge(f"要写出的文件过大：写到{where}时已超过 4 GiB（{max(numbers)} 字节），超出 Office 文件"
                              "（zip 格式）的上限。")


def packed_bytes(source: BinaryIO, info: zipfile.ZipInfo) -> bytes:
    """Return the entry *info* of the package *source* (one this program wrote: its sizes are trusted) as it is
    stored there (compressed), for FixedZip.add_packed; raise BadZipFile when its local header is not where the
    directory says."""
    packed = stored_bytes(source, info, info.compress_size)
    if packed is None:
        raise zipfile.BadZipFile(f"{info.filename}: no local header naming it at {info.header_offset}")
    return packed


def stored_bytes(source: BinaryIO, info: zipfile.ZipInfo, most: int) -> bytes | None:
    """Return the entry *info* of the package *source* (the file or buffer its directory was read from) as stored
    there, or None unless a local header naming it stands at its offset. At most *most* bytes are read: a caller
    says how many, since a hostile directory may declare a compressed size far larger than the file (a buffered
    read allocates what it is asked for at once)."""
    if info.header_offset < 0:  # a directory placed before the file's start
        return None
    source.seek(info.header_offset)
    header = source.read(_LOCAL_START.size)
    if len(header) < _LOCAL_START.size:
        return None
    signature, flags, name_length, extra_length = _LOCAL_START.unpack(header)
    try:  # the name as zipfile decodes it: UTF-8 when the header says so
        name = source.read(name_length).decode("utf-8" if flags & _UTF8_NAME else "cp437")
    except UnicodeDecodeError:
        return None
    if signature != b"PK\3\4" or name != info.orig_filename:
        return None
    source.seek(extra_length, io.SEEK_CUR)
    return source.read(min(info.compress_size, most))
