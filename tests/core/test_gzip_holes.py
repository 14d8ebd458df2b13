"""core.gzip_holes: a gzip stream from parts compressed once and values put in per reader."""

import gzip
import os
import zlib

import pytest

from parley.core.gzip_holes import deflate_parts, gzip_with_values


def assemble(parts, values):
    pieces = [parts[0]]
    for value, part in zip(values, parts[1:], strict=True):
        pieces += [value, part]
    return b"".join(pieces)


@pytest.mark.parametrize(
    "parts, values",
    [
        ([b"<html>" + b"words " * 9000, b"</form>" * 300, b"</html>"], [b"t" * 64, b"1234:ab"]),
        ([b"", b""], [b"only a value"]),
        ([b"no holes at all " * 50], []),
        ([b"a", b"b", b"c"], [b"", os.urandom(70_000)]),  # an empty and a > 64 kB value
    ],
)
def test_the_stream_decompresses_to_the_page(parts, values):
    plain = assemble(parts, values)
    stream = gzip_with_values(deflate_parts(parts), values, plain)
    assert gzip.decompress(stream) == plain
    reader = zlib.decompressobj(16 + zlib.MAX_WBITS)
    assert reader.decompress(stream) == plain and reader.eof and not reader.unused_data


def test_fixed_parts_are_compressed_and_values_are_not():
    parts = [b"the same sentence again. " * 400, b" and more of it. " * 400]
    values = [b"SECRET-TOKEN"]
    stream = gzip_with_values(deflate_parts(parts), values, assemble(parts, values))
    assert len(stream) < sum(map(len, parts)) / 10
    assert b"SECRET-TOKEN" in stream  # a stored block: nothing for a compression side channel


def test_a_value_for_each_gap_between_parts():
    with pytest.raises(ValueError):
        gzip_with_values(deflate_parts([b"a", b"b"]), [], b"ab")
