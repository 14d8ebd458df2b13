"""Gzip for cached pages with per-reader holes, without compressing the page on every hit.

A cached page is the same for every reader except a few short values (the CSRF token, the
comment form's signed time). Compressing its ~50 kB for each browser cost more than the
rest of a cache hit. Instead the fixed parts are compressed once, when the page is stored,
each into raw deflate blocks that end on a byte boundary (a sync flush); on a hit the
reader's values go between them as "stored" (uncompressed) deflate blocks, and a gzip
header and trailer (CRC-32 and length of the whole page) close the stream. The result is
one ordinary gzip member (RFC 1951/1952) that any client decompresses. Keeping the secret
token out of the compressed data also leaves nothing for a compression side channel.
"""

import struct
import zlib

# ID1 ID2, CM=deflate, no flags, no mtime, XFL=0, OS=unknown.
HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
# An empty final block (BFINAL=1, fixed Huffman, end-of-block), as zlib ends a stream.
FINAL_BLOCK = b"\x03\x00"
MAX_STORED = 0xFFFF


def deflate_parts(parts: list[bytes], level: int = 6) -> list[bytes]:
    """Each fixed part as raw deflate blocks ending byte-aligned, never the final block."""
    out = []
    for part in parts:
        compressor = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS)
        out.append(compressor.compress(part) + compressor.flush(zlib.Z_SYNC_FLUSH))
    return out


def stored_blocks(value: bytes) -> bytes:
    """`value` as non-final stored blocks: header byte 0, LEN, NLEN, the bytes themselves."""
    blocks = []
    for start in range(0, len(value), MAX_STORED):
        chunk = value[start : start + MAX_STORED]
        blocks.append(b"\x00" + struct.pack("<HH", len(chunk), len(chunk) ^ 0xFFFF) + chunk)
    return b"".join(blocks)


def gzip_with_values(deflated: list[bytes], values: list[bytes], plain: bytes) -> bytes:
    """The gzip stream of `plain`, which is deflated[0] + values[0] + deflated[1] + ...

    `plain` (the page as sent uncompressed) gives the trailer's CRC-32 and length.
    """
    if len(deflated) != len(values) + 1:
        raise ValueError("one value goes between each two fixed parts")
    pieces = [HEADER, deflated[0]]
    for value, part in zip(values, deflated[1:], strict=True):
        pieces += [stored_blocks(value), part]
    pieces += [FINAL_BLOCK, struct.pack("<II", zlib.crc32(plain), len(plain) & 0xFFFFFFFF)]
    return b"".join(pieces)
