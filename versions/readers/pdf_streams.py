"""A PDF stream's bytes after its filters, decoded with a bound: never more than the limit is produced.

pdfium and pdfminer decode a stream whole, however far it inflates: FlateDecode twice turns 2 KB into
200 MB, and Flate alone inflates about 1,000 times. So a stream that the reader will decode is decoded
here first, stage by stage, each stage stopping as soon as its output passes the limit; what it would
cost past that is refused instead of paid. Image filters (DCT, JPX, JBIG2, CCITT) are not decoded: the
reader never draws images, and a content stream under such a filter reads as nothing.
"""

from __future__ import annotations

import io
import re
import zlib
from dataclasses import dataclass
from typing import Any

from ..model.errors import EditionParseError

CHUNK = 1 << 20  # bytes of input fed to a decoder at a time
NAME_ESCAPE_RE = re.compile(rb"#([0-9A-Fa-f]{2})")  # /F#31 is /F1


class StreamTooLarge(Exception):
    """The stream (or one stage of its filters) decodes to more than the limit."""


def filter_names(stream: Any) -> list[str]:
    """The /Filter chain of a pdfminer stream, as names (FlateDecode, ASCII85Decode, …)."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral

    value = resolve1(stream.attrs.get("Filter"))
    items = value if isinstance(value, list) else [] if value is None else [value]
    names = []
    for item in items:
        item = resolve1(item)
        names.append(item.name if isinstance(item, PSLiteral) else str(item))
    return names


def decoded(stream: Any, limit: int) -> bytes:
    """STREAM's data through its filters, or StreamTooLarge as soon as any stage passes LIMIT bytes."""
    data = stream.rawdata if stream.rawdata is not None else b""
    for name in filter_names(stream):
        step = _DECODERS.get(name)
        if step is None:  # an image filter or an unknown one: not decoded by us nor drawn by pdfium
            break
        data = step(data, limit)
    if len(data) > limit:
        raise StreamTooLarge
    return data


def _inflate(data: bytes, limit: int) -> bytes:
    """FlateDecode. A damaged stream keeps what inflated before the damage, as pdfium does."""
    inflater = zlib.decompressobj()
    out = bytearray()
    try:
        for start in range(0, len(data), CHUNK):
            chunk = data[start:start + CHUNK]
            while chunk:
                out += inflater.decompress(chunk, limit + 1 - len(out))
                if len(out) > limit:
                    raise StreamTooLarge
                chunk = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error:
        pass
    return bytes(out)


def _lzw(data: bytes, limit: int) -> bytes:
    from pdfminer.lzw import LZWDecoder

    out = bytearray()
    try:
        for piece in LZWDecoder(io.BytesIO(data)).run():
            out += piece
            if len(out) > limit:
                raise StreamTooLarge
    except (ValueError, IndexError, TypeError):  # damaged code stream: keep what came before
        pass
    return bytes(out)


def _ascii_hex(data: bytes, limit: int) -> bytes:
    from pdfminer.ascii85 import asciihexdecode

    if len(data) // 2 > limit + 1:
        raise StreamTooLarge
    return asciihexdecode(data)


def _ascii85(data: bytes, limit: int) -> bytes:
    from pdfminer.ascii85 import ascii85decode

    zeros = data.count(b"z")  # 「z」 stands for four zero bytes
    if 4 * zeros + (len(data) - zeros) * 4 // 5 > limit + 4:
        raise StreamTooLarge
    try:
        return ascii85decode(data)
    except ValueError:
        return b""


def _run_length(data: bytes, limit: int) -> bytes:
    """RunLengthDecode: a length byte L, then L+1 literal bytes (L < 128) or one byte 257-L times."""
    out = bytearray()
    i = 0
    while i < len(data):
        length = data[i]
        if length == 128:  # end of data
            break
        if length < 128:
            out += data[i + 1:i + 2 + length]
            i += 2 + length
        else:
            out += data[i + 1:i + 2] * (257 - length)
            i += 2
        if len(out) > limit:
            raise StreamTooLarge
    return bytes(out)


_DECODERS = {
    "FlateDecode": _inflate, "Fl": _inflate, "LZWDecode": _lzw, "LZW": _lzw,
    "ASCIIHexDecode": _ascii_hex, "AHx": _ascii_hex, "ASCII85Decode": _ascii85, "A85": _ascii85,
    "RunLengthDecode": _run_length, "RL": _run_length, "Crypt": lambda data, limit: data,
}


# -- every stream of the file, found in its bytes ------------------------------------------------------
# pdfium and pdfminer decode more than the pages' drawings: fonts, CMaps, object and xref streams (pdfminer
# parses a whole object stream in Python). They are found here in the raw bytes, before either library
# reads the file, and each is decoded with a bound.
# Images count too: which stream is an image is told by its dictionary, which a hostile file can disguise.
MAX_STREAM_BYTES = 32 * 1024 * 1024  # one stream decoded (a CJK font embedded whole is ~16 MB)
MAX_ALL_STREAM_BYTES = 512 * 1024 * 1024  # all streams decoded (the test PDFs: < 4 MB)
MAX_OBJECT_STREAM_BYTES = 8 * 1024 * 1024  # object and xref streams, decoded: pdfminer parses them in Python
FILTER_RE = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]()<>{}%]+)")
FILTER_NAME_RE = re.compile(rb"/([^\s/\[\]()<>{}%]+)")
LENGTH_RE = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")
OBJECT_STREAM_RE = re.compile(rb"/Type\s*/(?:ObjStm|XRef)\b")


@dataclass
class StreamScan:
    """What the file's streams decode to, in all."""

    decoded: int = 0
    object_streams: int = 0


def scan_streams(data: bytes) -> StreamScan:
    """Decode every stream but images with a bound, in the order of the file; EditionParseError past the
    limits. A stream's dictionary is read from the bytes since the previous stream's end: where that
    holds several /Filter or /Length (other objects, or a string that mimics one), every reading is
    tried and the largest counts, so that no disguise makes a stream look smaller than it decodes."""
    scan = StreamScan()
    pos = 0
    while (found := _next_stream(data, pos)) is not None:
        keyword, start = found
        header = unescape_names(data[pos:keyword])
        ends = [start + int(x) for x in LENGTH_RE.findall(header)]
        ends = [e for e in ends if data.startswith(b"endstream", _skip_space(data, e))]
        closing = data.find(b"endstream", start)
        end = max([*ends, closing if closing >= 0 else len(data)])
        pos = max(end, start)
        size = _decoded_size(header, data[start:end])
        scan.decoded += size
        if OBJECT_STREAM_RE.search(header):
            scan.object_streams += size
            if scan.object_streams > MAX_OBJECT_STREAM_BYTES:
                raise EditionParseError(f"the PDF's object streams decode to more than {MAX_OBJECT_STREAM_BYTES:,} "
                                        "bytes; the limit bounds the work of reading its structure")
        if scan.decoded > MAX_ALL_STREAM_BYTES:
            raise EditionParseError(f"the PDF's streams decode to more than {MAX_ALL_STREAM_BYTES:,} bytes; the "
                                    "limit bounds the work for the whole file")
    return scan


def _decoded_size(header: bytes, raw: bytes) -> int:
    """The largest size RAW decodes to under any of the filter chains in HEADER."""
    chains = FILTER_RE.findall(header)
    if b"/Filter" in header and len(chains) < header.count(b"/Filter"):
        raise EditionParseError("a stream of the PDF has a filter that is not a name or a list of names; "
                                "a damaged or hostile PDF")
    largest = len(raw)
    for chain in chains:
        data = raw
        try:
            for name in FILTER_NAME_RE.findall(chain):
                step = _DECODERS.get(name.decode("latin-1"))
                if step is None:
                    break
                data = step(data, MAX_STREAM_BYTES)
        except StreamTooLarge:
            raise EditionParseError(f"a stream of the PDF decodes to more than {MAX_STREAM_BYTES:,} bytes; the "
                                    "limit bounds the work for the whole file") from None
        largest = max(largest, len(data))
    return largest


def _next_stream(data: bytes, pos: int) -> tuple[int, int] | None:
    """(where the keyword `stream` is, where its data starts) of the next stream from POS: found with
    bytes.find, as a regular expression with a look-behind crawled through 50 MB of one line."""
    while (at := data.find(b"stream", pos)) >= 0:
        after = at + len(b"stream")
        pos = after
        if data[max(at - 3, 0):at] == b"end":
            continue
        if data[after:after + 2] == b"\r\n":
            return at, after + 2
        if data[after:after + 1] in (b"\n", b"\r"):
            return at, after + 1
    return None


def _skip_space(data: bytes, i: int) -> int:
    while 0 <= i < len(data) and data[i:i + 1] in b" \t\r\n\f\x00":
        i += 1
    return i


def unescape_names(text: bytes) -> bytes:
    """Names with #xx escapes read as written out (/Fl#61teDecode is /FlateDecode)."""
    return NAME_ESCAPE_RE.sub(lambda m: bytes([int(m.group(1), 16)]), text) if b"#" in text else text
