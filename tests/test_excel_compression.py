"""MS-OVBA compression, checked against the spec's examples and oletools' independent decompressor."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings, strategies as st
from oletools.olevba import decompress_stream

from shuzhi_xl.excel.build.compression import CHUNK, compress


def roundtrip(data: bytes) -> bytes:
    return bytes(decompress_stream(bytearray(compress(data))))


def test_spec_example_without_matches():  # MS-OVBA 3.2.1
    assert compress(b"abcdefghijklmnopqrstuv.") == bytes.fromhex(
        "01 19 B0 00 61 62 63 64 65 66 67 68 00 69 6A 6B 6C 6D 6E 6F 70 00 71 72 73 74 75 76 2E")


def test_spec_example_with_matches():  # MS-OVBA 3.2.2
    assert compress(b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa") == bytes.fromhex(
        "01 2F B0 00 23 61 61 61 62 63 64 65 82 66 00 70 61 67 68 69 6A 01 38 08 61 6B 6C 00 20 6D 6E 6F 70 06 71"
        " 02 70 04 00 72 73 74 75 76 10 77 78 79 7A 00 2C")


def test_spec_example_of_maximum_compression():  # MS-OVBA 3.2.3
    container = bytes.fromhex("01 03 B0 02 61 45 00")
    assert compress(bytes(decompress_stream(bytearray(container)))) == container


def _vba_like(length: int, seed: int) -> bytes:
    rng = random.Random(seed)
    words = [b"Dim", b"As", b"String", b"If", b"Then", b"End", b"Sub", b"x", b"wb.Sheets", b"\"abc\"", b"'"]
    out = bytearray()
    while len(out) < length:
        out += b" ".join(rng.choice(words) for _ in range(rng.randint(1, 9))) + b"\r\n"
    return bytes(out[:length])


@pytest.mark.parametrize("length", [0, 1, 3, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK - 1, 2 * CHUNK,
                                    2 * CHUNK + 1, 3 * CHUNK + 7])
def test_roundtrip_at_and_around_chunk_boundaries(length):
    data = _vba_like(length, length)
    assert roundtrip(data) == data


def test_incompressible_full_chunks_are_stored_raw_and_roundtrip():
    data = random.Random(1).randbytes(2 * CHUNK) + b"tail of text " * 20
    packed = compress(data)
    assert packed[1:3] == (0x3FFF).to_bytes(2, "little")  # first chunk raw: flag 0, size field 0xFFF
    assert roundtrip(data) == data


def test_a_short_incompressible_final_chunk_is_refused_not_padded():
    with pytest.raises(ValueError):
        compress(random.Random(2).randbytes(CHUNK - 10))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([b"a", b"ab", b"Sub ", b"\r\n", b"xyz", b"\x00", b"\xff"]), max_size=3000))
def test_roundtrip_of_repetitive_text(parts):
    data = b"".join(parts)
    assert roundtrip(data) == data
