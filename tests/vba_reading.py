"""An independent reading of a VBA project, for the structural tests: nothing here imports the package's writer.

The compound file is walked from its raw bytes (MS-CFB: header, DIFAT, FAT, directory, mini-FAT), the ``dir``
stream and the modules are decompressed by oletools (MS-OVBA 2.4.1, not ours), and the records are read in the
order of MS-OVBA 2.3.4.2. Every reader raises AssertionError naming what is wrong.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from oletools.olevba import decompress_stream

FREE, END, FATSECT, DIFSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFC, 0xFFFFFFFF
RED, BLACK = 0, 1
STORAGE, STREAM, ROOT = 1, 2, 5


@dataclass
class Entry:
    sid: int
    name: str
    kind: int
    color: int
    left: int
    right: int
    child: int
    start: int
    size: int


@dataclass
class Compound:
    """A compound file read sector by sector; ``streams`` maps "VBA/dir"-style paths to their bytes."""

    entries: list[Entry]
    streams: dict[str, bytes] = field(default_factory=dict)
    storages: set[str] = field(default_factory=set)


def _chain(table: list[int], start: int, what: str) -> list[int]:
    chain, seen = [], set()
    sector = start
    while sector != END:
        assert 0 <= sector < len(table), f"{what}: sector {sector:#x} outside the table"
        assert sector not in seen, f"{what}: chain loops at sector {sector}"
        seen.add(sector)
        chain.append(sector)
        sector = table[sector]
    return chain


def read_compound(data: bytes, strict: bool = True) -> Compound:
    """Return the compound file in *data*, asserting MS-CFB's structural rules on the way. *strict* False
    skips two rules that files saved by Office often break and readers ignore: the sibling trees' red-black
    colours (their order is always checked) and sectors allocated to no stream."""
    assert data[:8] == bytes.fromhex("D0CF11E0A1B11AE1"), "not a compound file"
    (_minor, major, byte_order, sector_shift, mini_shift, dir_count, fat_count, dir_start, _sig, cutoff,
     minifat_start, minifat_count, difat_start, difat_count) = struct.unpack_from("<HHHHH6xIIIIIIIII", data, 24)
    assert (major, sector_shift, byte_order, mini_shift) == (3, 9, 0xFFFE, 6), "expected a version 3 file"
    assert dir_count == 0 and cutoff == 4096
    sector_size, mini_size = 1 << sector_shift, 1 << mini_shift
    assert (len(data) - 512) % sector_size == 0, "file is not a whole number of sectors"
    sector_total = (len(data) - 512) // sector_size

    def sector(n: int) -> bytes:
        return data[512 + n * sector_size: 512 + (n + 1) * sector_size]

    assert difat_count == 0 and difat_start == END, "only the header's DIFAT is expected"
    difat = [v for v in struct.unpack_from("<109I", data, 76) if v != FREE]
    assert len(difat) == fat_count
    fat = [v for n in difat for v in struct.unpack(f"<{sector_size // 4}I", sector(n))]
    assert all(fat[n] == FATSECT for n in difat), "FAT sectors must be marked FATSECT"
    fat = fat[:sector_total]
    owner: dict[int, str] = {n: "FAT" for n in difat}

    def claim(chain: list[int], what: str) -> None:
        for n in chain:
            assert n not in owner, f"sector {n} is used by both {owner[n]} and {what}"
            owner[n] = what

    dir_chain = _chain(fat, dir_start, "directory")
    claim(dir_chain, "directory")
    raw_dir = b"".join(sector(n) for n in dir_chain)
    entries = []
    for sid in range(len(raw_dir) // 128):
        blob = raw_dir[sid * 128:(sid + 1) * 128]
        name_len, kind, color, left, right, child = struct.unpack_from("<HBBIII", blob, 64)
        start, size = struct.unpack_from("<II", blob, 116)
        name = blob[:max(name_len - 2, 0)].decode("utf-16-le")
        entries.append(Entry(sid, name, kind, color, left, right, child, start, size))
    root = entries[0]
    assert root.kind == ROOT and root.name == "Root Entry"

    minifat_chain = _chain(fat, minifat_start, "mini-FAT") if minifat_start != END else []
    assert len(minifat_chain) == minifat_count, "header's mini-FAT sector count disagrees with its chain"
    claim(minifat_chain, "mini-FAT")
    minifat = [v for n in minifat_chain for v in struct.unpack(f"<{sector_size // 4}I", sector(n))]
    mini_chain = _chain(fat, root.start, "mini stream") if root.size else []
    assert len(mini_chain) == -(-root.size // sector_size), "mini stream chain disagrees with the root's size"
    claim(mini_chain, "mini stream")
    mini_stream = b"".join(sector(n) for n in mini_chain)[:root.size]
    mini_owner: dict[int, str] = {}

    out = Compound(entries)
    for path, entry in _walk(entries, strict):
        if entry.kind == STORAGE:
            assert entry.start == 0 and entry.size == 0, f"storage {path} must have start 0 and size 0"
            out.storages.add(path)
            continue
        if entry.size == 0:
            out.streams[path] = b""
            continue
        if entry.size < cutoff:
            chain = _chain(minifat, entry.start, path)
            assert len(chain) == -(-entry.size // mini_size), f"{path}: mini chain length disagrees with size"
            for n in chain:
                assert n not in mini_owner, f"mini sector {n} is used by both {mini_owner[n]} and {path}"
                assert (n + 1) * mini_size <= len(mini_stream), f"{path}: mini sector {n} past the mini stream"
                mini_owner[n] = path
            body = b"".join(mini_stream[n * mini_size:(n + 1) * mini_size] for n in chain)
        else:
            chain = _chain(fat, entry.start, path)
            assert len(chain) == -(-entry.size // sector_size), f"{path}: chain length disagrees with size"
            claim(chain, path)
            body = b"".join(sector(n) for n in chain)
        out.streams[path] = body[:entry.size]
    used_mini = {n for n, v in enumerate(minifat) if v != FREE}
    assert used_mini >= set(mini_owner), "mini-FAT marks a stream's mini sector free"
    if strict:
        assert used_mini == set(mini_owner), "mini-FAT allocates sectors no stream owns"
        unowned = [n for n, v in enumerate(fat) if v != FREE and n not in owner]
        assert not unowned, f"FAT sectors in use by nothing: {unowned}"
    return out


def _walk(entries: list[Entry], strict: bool):
    """Yield (path, entry) for every entry below the root, checking every sibling tree on the way."""
    reached: set[int] = {0}

    def siblings(sid: int, prefix: str):
        for child in tree_members(entries, sid, strict):
            assert child not in reached, f"directory entry {child} reached twice"
            reached.add(child)
            entry = entries[child]
            path = f"{prefix}{entry.name}"
            yield path, entry
            if entry.kind == STORAGE:
                yield from siblings(entry.child, path + "/")

    yield from siblings(entries[0].child, "")
    used = {e.sid for e in entries if e.kind != 0}
    assert used == reached, f"directory entries not in any tree: {sorted(used - reached)}"


def cfb_key(name: str) -> tuple[int, str]:
    """MS-CFB 2.6.4 order: shorter names first, then by upper-cased code points."""
    return len(name), name.upper()


def tree_members(entries: list[Entry], root: int, strict: bool) -> list[int]:
    """Return the sids of a sibling tree in order, asserting it is ordered by ``cfb_key`` (and, if *strict*,
    a red-black tree)."""
    if root == NOSTREAM:
        return []
    assert not strict or entries[root].color == BLACK, "a sibling tree's root must be black"
    members: list[int] = []

    def visit(sid: int, low, high) -> int:
        if sid == NOSTREAM:
            return 1
        entry = entries[sid]
        key = cfb_key(entry.name)
        assert (low is None or low < key) and (high is None or key < high), f"{entry.name} is out of order"
        if strict and entry.color == RED:
            assert all(c == NOSTREAM or entries[c].color == BLACK for c in (entry.left, entry.right)), \
                f"red {entry.name} has a red child"
        left = visit(entry.left, low, key)
        members.append(sid)
        right = visit(entry.right, key, high)
        assert not strict or left == right, f"unequal black heights below {entry.name}"
        return left + (entry.color == BLACK)

    visit(root, None, None)
    return members


# --- the dir stream (MS-OVBA 2.3.4.2) ---------------------------------------------------------------------

@dataclass
class DirModule:
    name: str
    name_unicode: str
    stream: str
    offset: int
    kind: int  # 0x21 procedural, 0x22 document or class


@dataclass
class Dir:
    codepage: int
    name: str
    version: tuple[int, int]
    references: list[str]
    modules: list[DirModule]
    cookies: list[int]  # PROJECTCOOKIE then each MODULECOOKIE: ignored on read, MUST be 0xFFFF on write


class _Records:
    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def peek(self) -> int | None:
        return struct.unpack_from("<H", self.data, self.pos)[0] if self.pos < len(self.data) else None

    def take(self, rid: int) -> bytes:
        got = self.peek()
        assert got == rid, f"dir stream at byte {self.pos}: expected record {rid:#06x}, found {got}"
        size = struct.unpack_from("<I", self.data, self.pos + 2)[0]
        if rid == 0x0009:  # PROJECTVERSION: Reserved is 4, then 4 + 2 bytes of version follow
            assert size == 4
            size = 6
        payload = self.data[self.pos + 6:self.pos + 6 + size]
        assert len(payload) == size, f"record {rid:#06x} runs past the end of the stream"
        self.pos += 6 + size
        return payload


def decompress(blob: bytes) -> bytes:
    """Decompress an MS-OVBA CompressedContainer with oletools' decompressor."""
    return bytes(decompress_stream(bytearray(blob)))


def read_dir(compressed: bytes) -> Dir:
    """Return the dir stream's contents, asserting the record order of MS-OVBA 2.3.4.2 and its terminators."""
    r = _Records(decompress(compressed))
    assert struct.unpack("<I", r.take(0x0001))[0] in (0, 1, 2, 3)  # SYSKIND
    if r.peek() == 0x004A:
        assert len(r.take(0x004A)) == 4  # PROJECTCOMPATVERSION, optional
    assert len(r.take(0x0002)) == 4 and len(r.take(0x0014)) == 4  # LCID, LCIDINVOKE
    codepage = struct.unpack("<H", r.take(0x0003))[0]
    name = r.take(0x0004).decode(f"cp{codepage}")
    for rid, twin in ((0x0005, 0x0040), (0x0006, 0x003D)):  # DOCSTRING, HELPFILEPATH
        r.take(rid), r.take(twin)
    assert len(r.take(0x0007)) == 4  # HELPCONTEXT
    assert struct.unpack("<I", r.take(0x0008))[0] == 0  # LIBFLAGS MUST be 0
    version = struct.unpack("<IH", r.take(0x0009))
    r.take(0x000C), r.take(0x003C)  # CONSTANTS
    references = []
    while r.peek() in (0x0016, 0x000D, 0x000E, 0x0033, 0x002F):
        if r.peek() == 0x0016:
            references.append(r.take(0x0016).decode(f"cp{codepage}"))
            r.take(0x003E)
        rid = r.peek()
        body = r.take(rid)
        if rid == 0x000D:  # REFERENCEREGISTERED: SizeOfLibid, Libid, Reserved1 (4), Reserved2 (2)
            size = struct.unpack_from("<I", body)[0]
            assert len(body) == 4 + size + 6 and body[4 + size:] == bytes(6)
    count = struct.unpack("<H", r.take(0x000F))[0]
    cookies = [struct.unpack("<H", r.take(0x0013))[0]]
    modules = []
    for _ in range(count):
        mname = r.take(0x0019).decode(f"cp{codepage}")
        unicode_name = r.take(0x0047).decode("utf-16-le") if r.peek() == 0x0047 else mname
        stream = r.take(0x001A).decode(f"cp{codepage}")
        assert r.take(0x0032).decode("utf-16-le") == stream
        r.take(0x001C), r.take(0x0048)  # DOCSTRING
        offset = struct.unpack("<I", r.take(0x0031))[0]
        r.take(0x001E)  # HELPCONTEXT
        cookies.append(struct.unpack("<H", r.take(0x002C))[0])
        kind = r.peek()
        assert kind in (0x0021, 0x0022), f"module {mname}: expected MODULETYPE, found {kind}"
        assert r.take(kind) == b""
        for optional in (0x0025, 0x0028):  # READONLY, PRIVATE
            if r.peek() == optional:
                assert r.take(optional) == b""
        assert r.take(0x002B) == b"", f"module {mname}: terminator with a non-zero Reserved"
        modules.append(DirModule(mname, unicode_name, stream, offset, kind))
    assert r.take(0x0010) == b"", "dir stream terminator with a non-zero Reserved"
    assert r.pos == len(r.data), "bytes after the dir stream's terminator"
    return Dir(codepage, name, version, references, modules, cookies)


# --- the PROJECT and PROJECTwm streams (MS-OVBA 2.3.1, 2.3.3) ---------------------------------------------

@dataclass
class ProjectText:
    items: list[tuple[str, str]]  # ("Document" / "Module" / "Class", module name) in stream order
    properties: dict[str, str]
    host_extenders: list[str]
    workspace: dict[str, str] | None


_PROPERTY_ORDER = ("HelpFile", "ExeName32", "Name", "HelpContextID", "Description", "VersionCompatible32",
                   "CMG", "DPB", "GC")
_REQUIRED = {"Name", "HelpContextID", "CMG", "DPB", "GC"}


def read_project(data: bytes, codepage: int) -> ProjectText:
    """Return the PROJECT stream's parts, asserting the grammar of MS-OVBA 2.3.1 line by line."""
    text = data.decode(f"cp{codepage}")
    assert text.endswith("\r\n"), "the PROJECT stream must end with a line break"
    lines = text[:-2].split("\r\n")
    items = _items(lines)
    pos = 1 + len(items)
    properties = {}
    order = list(_PROPERTY_ORDER)
    while lines[pos]:
        key, value = lines[pos].split("=", 1)
        assert key in order, f"PROJECT property {key} unknown or out of order"
        order = order[order.index(key) + 1:]
        properties[key] = value
        pos += 1
    assert _REQUIRED <= properties.keys(), f"missing {_REQUIRED - properties.keys()}"
    pos += 1  # the NWLN before HostExtenders
    assert lines[pos] == "[Host Extender Info]"
    pos += 1
    extenders = []
    while pos < len(lines) and lines[pos]:
        extenders.append(lines[pos])
        pos += 1
    workspace = None
    if pos < len(lines):
        assert lines[pos + 1:pos + 2] == ["[Workspace]"], \
            "PROJECT stream: the empty line after the host extenders must introduce [Workspace], and end it"
        workspace = {}
        for line in lines[pos + 2:]:
            name, window = line.split("=", 1)
            parts = window.split(", ")
            assert len(parts) in (5, 10), f"workspace record of {name}: {window!r}"
            for group in (parts[:5], parts[5:]):
                if group:
                    assert all(p.lstrip("-").isdigit() for p in group[:4]) and group[4] in ("", "C", "Z", "I")
            workspace[name] = window
    return ProjectText(items, properties, extenders, workspace)


def read_project_items(data: bytes, codepage: int) -> list[tuple[str, str]]:
    """Return the PROJECT stream's module lines as (kind, name): kind "Document", "Module" or "Class"."""
    return _items(data.decode(f"cp{codepage}").split("\r\n"))


def _items(lines: list[str]) -> list[tuple[str, str]]:
    assert lines[0].startswith('ID="{') and lines[0].endswith('}"'), "ProjectId first"
    items = []
    for line in lines[1:]:
        key, _, value = line.partition("=")
        if key not in ("Document", "Module", "Class", "BaseClass", "Package"):
            break
        if key == "Document":
            value, tlib = value.split("/", 1)
            assert tlib.startswith("&H") and len(tlib) == 10, f"DocTlibVer of {value}"
        items.append((key, value))
    return items


def read_projectwm(data: bytes, codepage: int) -> list[str]:
    """Return the module names of PROJECTwm (MS-OVBA 2.3.3), asserting each MBCS name equals its UTF-16 twin."""
    names, pos = [], 0
    while data[pos:pos + 2] != b"\0\0":
        end = data.index(b"\0", pos)
        name = data[pos:end].decode(f"cp{codepage}")
        pos = end + 1
        twin_end = pos
        while data[twin_end:twin_end + 2] != b"\0\0":
            twin_end += 2
        assert data[pos:twin_end].decode("utf-16-le") == name, f"PROJECTwm twin of {name}"
        names.append(name)
        pos = twin_end + 2
    assert pos + 2 == len(data), "PROJECTwm must end with its two-byte terminator"
    return names
