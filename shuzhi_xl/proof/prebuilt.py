"""What the shipped lists build, built ahead and shipped as one data file: the scan index, the tables of
characters alike in sound or shape and read alike in any tone, and where each line of the big derived lists is.

Building them from the lists takes 12-15 ms (thousands of phrases translated to stand-ins and indexed), paid by
every `shuzhi check` at its first report; the file loads in a few. It holds plain data only (marshal: strings,
ints, tuples, bytes), mostly as long strings joined by line breaks and split in C on loading: marshal decodes a
string per object, several times slower, and thousands of small containers cost more to make than strings.
``python -m shuzhi_xl.proof.prebuilt`` writes it after a list changes (derive does too); a test checks that it
equals a fresh build. A file that cannot be read, or of another FORMAT, is ignored and everything built instead.
"""

from __future__ import annotations

import functools
import marshal
import sys
from array import array
from itertools import repeat

from . import lexicon
from .lexicon import Alike, Entry, Homophones

FILE = lexicon.DATA / "预建索引.marshal"
#: The layout of the file; another value (an older file) is not read.
FORMAT = 5
#: The derived lists read by first character (lexicon.by_first): their lines' offsets are kept here too.
BY_FIRST = ("疑似词.txt", "词表.txt")


def _joined(strings) -> str:
    return "\n".join(strings)


def _split(text: str) -> list[str]:
    return text.split("\n") if text else []


def _mapping(mapping: dict[str, str]) -> tuple[str, tuple[str, ...]]:
    """A dict of strings as its keys joined and its values (which may hold any character)."""
    return _joined(mapping), tuple(mapping.values())


def _unmapping(keys: str, values: tuple[str, ...]) -> dict[str, str]:
    return dict(zip(_split(keys), values))


def _little_endian(offsets: array) -> array:
    """The *offsets* turned from or to the file's order (four-byte, little-endian) on this machine; ValueError
    where an array of "I" is not four bytes (the file is then not used)."""
    if offsets.itemsize != 4:
        raise ValueError("array('I') is not four bytes here")
    if sys.byteorder == "big":
        offsets.byteswap()
    return offsets


def dumps(index, alike: Alike, homophones: Homophones, offsets: list[tuple[str, array]]) -> bytes:
    """Return the file's bytes for *index* (scan.Index), *alike*, *homophones* and the *offsets* of BY_FIRST's
    lines."""
    entries: dict[Entry, int] = {}
    for entry in [*index.forms.values(), *index.targets.values(), *(e for _, e in index.rules)]:
        entries.setdefault(entry, len(entries))
    anchors = index.anchors
    data = (
        FORMAT, tuple(map(tuple, entries)),
        _mapping(index.literal), (_joined(index.forms), tuple(map(entries.get, index.forms.values()))),
        (_joined(anchors.head_keys), _joined(anchors.tail_keys), _mapping(anchors.heads), _mapping(anchors.tails),
         _joined(anchors.phrases), _joined(anchors.sounds), _joined(anchors.shapes)),
        (_joined(index.targets), tuple(map(entries.get, index.targets.values()))),
        _joined(index.known), _joined(index.dropped), tuple((p, entries[e]) for p, e in index.rules),
        (alike.sound, alike.shape, _mapping(alike.shapes)), (homophones.reading, _mapping(homophones.chars)),
        tuple((firsts, _little_endian(array("I", at)).tobytes()) for firsts, at in offsets),
    )
    return marshal.dumps(data)


@functools.cache
def _load() -> tuple | None:
    """Return (index, alike, homophones, offsets by list) from the file, or None when it is missing, unreadable
    or of another format."""
    from .scan import Anchors, Index, memories

    try:
        data = marshal.loads(FILE.read_bytes())
        if data[0] != FORMAT:
            return None
        _, raw, literal, forms, anchors, targets, known, dropped, rules, alike, homophones, offsets = data
        entries = list(map(tuple.__new__, repeat(Entry), raw))  # Entry._make, without a Python call each
        literal = _unmapping(*literal)
        head_keys, tail_keys, heads, tails, phrases, sounds, shapes = anchors
        anchors = Anchors(frozenset(_split(head_keys)), frozenset(_split(tail_keys)), _unmapping(*heads),
                          _unmapping(*tails), _split(phrases), _split(sounds), _split(shapes))
        index = Index(literal, frozenset(literal), dict(zip(_split(forms[0]), map(entries.__getitem__, forms[1]))),
                      anchors, dict(zip(_split(targets[0]), map(entries.__getitem__, targets[1]))),
                      frozenset(_split(known)), frozenset(_split(dropped)),
                      tuple((p, entries[n]) for p, n in rules), **memories())
        sound, shape, shapes = alike
        return (index, Alike(sound, shape, _unmapping(*shapes)),
                Homophones(homophones[0], _unmapping(*homophones[1])),
                {name: (firsts, _little_endian(array("I", at))) for name, (firsts, at) in zip(BY_FIRST, offsets)})
    except (OSError, EOFError, ValueError, TypeError, IndexError):
        return None


def shipped():
    """Return the index of the shipped lists, or None when the file cannot be used."""
    loaded = _load()
    return loaded and loaded[0]


def shipped_alike() -> Alike | None:
    loaded = _load()
    return loaded and loaded[1]


def shipped_homophones() -> Homophones | None:
    loaded = _load()
    return loaded and loaded[2]


def shipped_offsets(name: str) -> tuple[str, array] | None:
    loaded = _load()
    return loaded and loaded[3].get(name)


def write() -> None:
    """Write the file from a fresh build of the shipped lists."""
    from .scan import construct

    alike = lexicon.build_alike()
    offsets = [lexicon.line_offsets((lexicon.DATA / name).read_bytes()) for name in BY_FIRST]
    FILE.write_bytes(dumps(construct(alike=alike), alike, lexicon.build_homophones(), offsets))


if __name__ == "__main__":
    write()
