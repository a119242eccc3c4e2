"""A part inflated under watch (bounds.Parts' *watch*) is looked at a piece at a time while it is inflated: the same
bytes come back as without, and a look that refuses stops the inflating there, so a part of a gigabyte that is
refused is never held whole. Last year's summary is read so (consolidate.followup): a text longer than a cell is
refused after its first pieces."""

from __future__ import annotations

import io
import random
import re
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest

from shuzhi_xl.consolidate import followup
from shuzhi_xl.errors import WorkbookError
from shuzhi_xl.limits import MAX_CELL_CHARS
from shuzhi_xl.opc import fast_zlib
from shuzhi_xl.xlsx import bounds
from shuzhi_xl.xlsx.bounds import PIECE, Parts

FILE = Path("汇总.xlsx")


def package(parts: dict[str, bytes], method: int) -> zipfile.ZipFile:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as written:
        for name, data in parts.items():
            written.writestr(name, data)
    return zipfile.ZipFile(io.BytesIO(out.getvalue()))


def seen(pieces: list[tuple[str, bytes]]):
    """Return a watch that records each piece it is shown, by part."""
    return lambda part: lambda piece: pieces.append((part, piece))


@pytest.mark.parametrize("method", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
@pytest.mark.parametrize("codec", [zlib, fast_zlib()], ids=["zlib", "fast"])
def test_a_watched_part_is_inflated_as_without_watch_in_pieces_it_is_shown_first(method, codec):
    rng = random.Random(7)
    contents = {f"p{size}.xml": rng.randbytes(size // 2) + bytes(size - size // 2)
                for size in (1, 100, PIECE - 1, PIECE, PIECE + 1, 3 * PIECE + 7)}
    contents["empty.xml"] = b""
    zipped = package(contents, method)
    pieces: list[tuple[str, bytes]] = []
    watched = Parts(FILE, zipped, zipped.fp, codec, watch=seen(pieces))
    for name, data in contents.items():
        assert watched[name] == data == Parts(FILE, zipped, zipped.fp, codec)[name]
        shown = [piece for part, piece in pieces if part == name]
        assert b"".join(shown) == data
        assert len(shown) == -(-len(data) // PIECE) and all(len(piece) <= PIECE for piece in shown)


def test_a_look_that_refuses_stops_the_inflating_of_a_large_part():
    zipped = package({"big.xml": bytes(48 * 2**20)}, zipfile.ZIP_DEFLATED)
    shown = []

    def watch(part):
        def look(piece):
            shown.append(len(piece))
            if len(shown) == 3:
                raise WorkbookError("拒绝", FILE)
        return look

    tracemalloc.start()
    try:
        with pytest.raises(WorkbookError, match="拒绝"):
            Parts(FILE, zipped, zipped.fp, watch=watch)["big.xml"]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert shown == [PIECE] * 3 and peak < 4 * PIECE + 2**20  # the packed part (~48 KB) and three pieces


#: The rule the look follows, said over the whole part: a "<" followed by more bytes without one than the longest
#: cell text takes (32,767 characters of 10 bytes, and a tag), or a CDATA section.
LONGEST = MAX_CELL_CHARS * 10 + 1024


def refused_whole(xml: bytes) -> bool:
    stretches = [len(stretch) for stretch in xml.split(b"<")[1:]]
    return b"<![CDATA[" in xml or any(stretch >= LONGEST for stretch in stretches)


def refused_in_pieces(xml: bytes, cuts: list[int]) -> bool:
    look = followup._TextsWithinACell(FILE, "")
    try:
        for start, end in zip([0, *cuts], [*cuts, len(xml)]):
            look(xml[start:end])
    except WorkbookError:
        return True
    return False


def test_a_text_longer_than_a_cell_is_found_however_the_part_is_cut_into_pieces():
    rng = random.Random(11)
    parts = [b"A" * (LONGEST + 5), b"<" + b"A" * LONGEST, b"<" + b"A" * (LONGEST - 1) + b"<",
             b"<t>" + b"A" * (LONGEST - 2) + b"</t>", b"A" * (2 * LONGEST) + b"<t/>", b"<x><![CDATA[y]]></x>"]
    for _ in range(150):  # random parts: tags, texts up to the limit and past it, a CDATA start now and then
        pieces = [rng.choice([b"<c>", b"</c>", b"<![CDATA[", b"A" * rng.choice([1, 999, LONGEST // 2, LONGEST - 3,
                                                                                   LONGEST - 1, LONGEST])])
                  for _ in range(rng.randint(1, 8))]
        parts.append(b"".join(piece for piece in pieces if piece != b"<![CDATA[" or rng.random() < 0.2))
    results = set()
    for xml in parts:
        for _ in range(4):
            cuts = sorted(rng.sample(range(1, len(xml)), min(len(xml) - 1, rng.randint(0, 6)))) if len(xml) > 1 else []
            assert refused_in_pieces(xml, cuts) == refused_whole(xml), (xml[:40], len(xml), cuts)
            results.add(refused_whole(xml))
        after_brackets = [match.end() for match in re.finditer(rb"\[", xml) if match.end() < len(xml)]
        assert refused_in_pieces(xml, after_brackets) == refused_whole(xml)  # a CDATA start cut at each "["
    assert results == {True, False}
    # a stretch one short of the limit, then a piece that starts with the "<" ending it
    within = b"<" + b"A" * (LONGEST - 1) + b"<" + b"B" * 10
    assert not refused_in_pieces(within, [LONGEST]) and not refused_whole(within)


def test_the_refusal_names_the_sheet_it_is_told():
    look = followup._TextsWithinACell(FILE, "问题汇总")
    with pytest.raises(WorkbookError) as refused:
        look(b"<t>" + b"A" * LONGEST)
    assert (refused.value.file, refused.value.sheet) == (str(FILE), "问题汇总")
    assert re.search("超长的单元格文字", refused.value.message)


@pytest.mark.parametrize("look", [None, lambda piece: None], ids=["at once", "in pieces"])
def test_a_part_is_read_no_further_than_asked_whatever_the_reader_holds(look):
    # zlib reads without limit when asked for 0 bytes: the last read asks for what is left, never for 0 or more
    held = io.BytesIO(bytes(range(256)) * 1_000)

    def read(most: int) -> bytes:
        return held.read(most or -1)

    most = PIECE + 10
    assert bounds._read(read, most, look) == (bytes(range(256)) * 1_000)[:most]
