"""Hostile PDFs, written byte by byte (no dependency) at test time: each must be refused with one line
(exit 2) or read safely, never crash or hang the reader."""

from __future__ import annotations

import zlib


def raw_pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF whose object N is objects[N-1] (object 1 the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer_extra, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _one_page(content: bytes, resources: bytes = b"<< >>", catalog_extra: bytes = b"") -> bytes:
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R /Resources " + resources + b" >>",
        _stream(content),
    ])


def no_text_layer() -> bytes:
    """A 'scanned' page: ruled boxes and a (tiny) image, no characters."""
    lines = b"".join(b"20 %d m 820 %d l S " % (y, y) for y in range(40, 560, 40))
    return _one_page(lines)


def text_without_table() -> bytes:
    font = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    return _one_page(b"BT /F1 12 Tf 72 500 Td (A letter, not a progress report.) Tj ET", font)


def many_pages(count: int = 10_000) -> bytes:
    """COUNT real page objects in one page tree."""
    kids = b" ".join(b"%d 0 R" % (n + 3) for n in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>"] * count
    return raw_pdf(objects)


def lying_page_count(count: int = 3_000) -> bytes:
    """A page tree whose /Count says 1 but that holds COUNT pages."""
    real = b"/Count %d" % count
    return many_pages(count).replace(real, b"/Count 1".ljust(len(real)), 1)  # same length: offsets hold


def huge_image() -> bytes:
    """An image that claims 100,000 × 100,000 pixels (30 GB decoded) over a few bytes of data."""
    image = _stream(zlib.compress(b"\x00" * 64),
                    b"/Type /XObject /Subtype /Image /Width 100000 /Height 100000 /ColorSpace /DeviceRGB "
                    b"/BitsPerComponent 8 /Filter /FlateDecode ")
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R "
        b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
        _stream(b"q 800 0 0 500 20 40 cm /Im1 Do Q"),
        image,
    ])


def javascript_action() -> bytes:
    """A document that asks to run JavaScript when opened (the reader never runs anything)."""
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R /Names << /JavaScript << /Names [(x) 5 0 R] >> >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R >>",
        _stream(b"20 40 m 820 40 l S"),
        b"<< /S /JavaScript /JS (app.alert\\('hello'\\);) >>",
    ])


def content_bomb(mb: int = 64) -> bytes:
    """One page whose content stream inflates from ~70 KB to MB megabytes of drawing instructions."""
    data = zlib.compress(b"0 0 m 1 1 l S\n" * (mb * 1024 * 1024 // 14), 9)
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R >>",
        _stream(data, b"/Filter /FlateDecode "),
    ])


def encrypted_stub() -> bytes:
    """A standard-security-handler trailer whose user password is not empty: unreadable without it."""
    enc = (b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>")
    body = raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] >>",
        enc,
    ], trailer_extra=b"/Encrypt 4 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] ")
    return body


def broken_xref(pdf: bytes) -> bytes:
    """PDF with every xref offset shifted: readers must fall back to scanning the objects."""
    head, sep, tail = pdf.rpartition(b"xref\n")
    return head + sep + tail.replace(b" 00000 n", b" 00000 n").replace(b"0000", b"0001", 40)
