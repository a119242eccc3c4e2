"""MS-OVBA 2.4.1 compression: the LZ77 variant every VBA source stream and the ``dir`` stream use.

Any valid token sequence decompresses correctly, so the match search below trades the spec's exhaustive
search for a hash chain (same output on every run, which is all reproducible builds need).
"""

from __future__ import annotations

CHUNK = 4096
_MAX_CANDIDATES = 64


def compress(data: bytes) -> bytes:
    """Return *data* as an MS-OVBA CompressedContainer (signature 0x01, then one chunk per 4096 bytes)."""
    out = bytearray(b"\x01")
    for start in range(0, len(data), CHUNK):
        chunk = data[start:start + CHUNK]
        tokens = _tokens(chunk)
        if len(tokens) <= CHUNK:
            out += (0xB000 | (len(tokens) + 2 - 3)).to_bytes(2, "little") + tokens
        elif len(chunk) == CHUNK:
            # A raw chunk always decompresses to exactly 4096 bytes (flag 0, size field 0xFFF).
            out += (0x3000 | 0x0FFF).to_bytes(2, "little") + chunk
        else:
            # A short raw final chunk would be padded on decompression; refuse rather than corrupt the source.
            raise ValueError("final chunk of incompressible data shorter than 4096 bytes cannot be encoded")
    return bytes(out)


def _split(position: int) -> int:
    """Return the number of offset bits of a copy token at *position* in its chunk: max(4, ceil(log2(pos)))."""
    return max(4, (position - 1).bit_length())


def _tokens(chunk: bytes) -> bytes:
    """Return the flag bytes and tokens (literals and copy tokens) that encode one chunk."""
    out = bytearray()
    heads: dict[bytes, list[int]] = {}
    pos, n = 0, len(chunk)
    while pos < n:
        flag_at, flags = len(out), 0
        out.append(0)
        for bit in range(8):
            if pos >= n:
                break
            length, offset = _longest_match(chunk, pos, heads)
            if length >= 3:
                offset_bits = _split(pos)
                token = ((offset - 1) << (16 - offset_bits)) | (length - 3)
                out += token.to_bytes(2, "little")
                flags |= 1 << bit
                step = length
            else:
                out.append(chunk[pos])
                step = 1
            for p in range(pos, min(pos + step, n - 2)):
                heads.setdefault(chunk[p:p + 3], []).append(p)
            pos += step
        out[flag_at] = flags
    return bytes(out)


def _longest_match(chunk: bytes, pos: int, heads: dict[bytes, list[int]]) -> tuple[int, int]:
    """Return (length, offset) of the longest earlier match for *chunk[pos:]*, nearest first on ties."""
    candidates = heads.get(chunk[pos:pos + 3])
    if not candidates or pos == 0:
        return 0, 0
    limit = min((0xFFFF >> _split(pos)) + 3, len(chunk) - pos)
    best_len, best_off = 0, 0
    for start in reversed(candidates[-_MAX_CANDIDATES:]):
        length = 0
        while length < limit and chunk[start + length] == chunk[pos + length]:
            length += 1
        if length > best_len:
            best_len, best_off = length, pos - start
            if length == limit:
                break
    return best_len, best_off
