"""A minimal MS-CFB (compound file, version 3) writer for the VBA project, deterministic by construction.

Layout: 512-byte sectors; streams under 4096 bytes live in the mini stream (64-byte mini sectors); every
timestamp and CLSID is zero. The directory's sibling trees are balanced binary trees over the CFB name order
(length first, then upper-case code points); they are coloured black except the deepest level of a tree that
is not complete, which is red — that keeps every path with the same number of black nodes, as MS-CFB 2.6.4
requires (an all-black tree is only valid when complete). olefile cannot write compound files.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

SECTOR = 512
MINI = 64
MINI_CUTOFF = 4096
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
_STORAGE, _STREAM, _ROOT = 1, 2, 5
_RED, _BLACK = 0, 1


@dataclass
class _Entry:
    name: str
    kind: int
    data: bytes = b""
    children: list[_Entry] = field(default_factory=list)
    sid: int = 0
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    color: int = _BLACK
    start: int = END


def compound_file(streams: dict[str, bytes]) -> bytes:
    """Return a compound file holding *streams* (``"VBA/dir"`` → bytes; storages are made from the paths)."""
    root = _Entry("Root Entry", _ROOT)
    for path, data in streams.items():
        node = root
        *storages, name = path.split("/")
        for part in storages:
            found = next((c for c in node.children if c.name == part), None)
            if found is None:
                found = _Entry(part, _STORAGE)
                node.children.append(found)
            node = found
        node.children.append(_Entry(name, _STREAM, data))
    entries = _number(root)
    for entry in entries:
        _link_children(entry)

    sectors = bytearray()
    fat: list[int] = []

    def place(data: bytes) -> int:
        """Append *data* as a chain of whole sectors; return its first sector (END when empty)."""
        if not data:
            return END
        first = len(fat)
        count = -(-len(data) // SECTOR)
        fat.extend(range(first + 1, first + count))
        fat.append(END)
        sectors.extend(data.ljust(count * SECTOR, b"\0"))
        return first

    mini_stream, minifat = bytearray(), []
    for entry in entries:
        if entry.kind != _STREAM or not entry.data:
            continue
        if len(entry.data) >= MINI_CUTOFF:
            entry.start = place(entry.data)
        else:
            entry.start = len(minifat)
            count = -(-len(entry.data) // MINI)
            minifat.extend(range(entry.start + 1, entry.start + count))
            minifat.append(END)
            mini_stream += entry.data.ljust(count * MINI, b"\0")
    root.start, root.data = place(bytes(mini_stream)), bytes(mini_stream)
    minifat_start = place(b"".join(struct.pack("<I", v) for v in minifat).ljust(
        -(-len(minifat) * 4 // SECTOR) * SECTOR, b"\xff"))
    directory = b"".join(_entry_bytes(e) for e in entries)
    directory += _empty_entry() * (-len(entries) % (SECTOR // 128))
    dir_start = place(directory)

    # The FAT covers itself: grow until its own sectors fit.
    fat_count = 1
    while (len(fat) + fat_count) > fat_count * (SECTOR // 4):
        fat_count += 1
    if fat_count > 109:
        raise ValueError("compound file too large for a header-only DIFAT")
    fat_first = len(fat)
    fat.extend([FATSECT] * fat_count)
    fat.extend([FREE] * (fat_count * (SECTOR // 4) - len(fat)))
    sectors += b"".join(struct.pack("<I", v) for v in fat)

    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII", _SIGNATURE, b"\0" * 16, 0x003E, 0x0003, 0xFFFE, 9, 6, b"\0" * 6,
        0, fat_count, dir_start, 0, MINI_CUTOFF, minifat_start if minifat else END,
        -(-len(minifat) * 4 // SECTOR), END, 0)
    difat = [fat_first + i for i in range(fat_count)] + [FREE] * (109 - fat_count)
    header += b"".join(struct.pack("<I", v) for v in difat)
    return header + bytes(sectors)


def _number(root: _Entry) -> list[_Entry]:
    """Return every entry in directory order (root first, then breadth-first) with its sid set."""
    order, queue = [], [root]
    while queue:
        entry = queue.pop(0)
        entry.sid = len(order)
        order.append(entry)
        queue.extend(sorted(entry.children, key=_cfb_key))
    return order


def _cfb_key(entry: _Entry) -> tuple[int, str]:
    return len(entry.name), entry.name.upper()


def _link_children(parent: _Entry) -> None:
    """Arrange *parent*'s children as a balanced red-black tree and point the parent at its root."""
    ordered = sorted(parent.children, key=_cfb_key)
    if not ordered:
        return
    depth = {}

    def build(lo: int, hi: int, level: int) -> int:
        if lo > hi:
            return NOSTREAM
        mid = (lo + hi) // 2
        node = ordered[mid]
        depth[mid] = level
        node.left, node.right = build(lo, mid - 1, level + 1), build(mid + 1, hi, level + 1)
        return node.sid

    parent.child = build(0, len(ordered) - 1, 0)
    deepest = max(depth.values())
    complete = len(ordered) == 2 ** (deepest + 1) - 1
    for index, node in enumerate(ordered):
        node.color = _RED if depth[index] == deepest and deepest > 0 and not complete else _BLACK


def _entry_bytes(entry: _Entry) -> bytes:
    name = entry.name.encode("utf-16-le") + b"\0\0"
    size = len(entry.data) if entry.kind in (_STREAM, _ROOT) else 0
    start = entry.start if entry.kind != _STORAGE else 0
    if entry.kind == _STREAM and not entry.data:
        start = END
    return struct.pack("<64sHBBIII16sI8s8sIII", name, len(name), entry.kind, entry.color, entry.left,
                       entry.right, entry.child, b"\0" * 16, 0, b"\0" * 8, b"\0" * 8, start, size, 0)


def _empty_entry() -> bytes:
    return struct.pack("<64sHBBIII16sI8s8sIII", b"", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM, b"\0" * 16, 0,
                       b"\0" * 8, b"\0" * 8, 0, 0, 0)
