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


# Issue 21, findings 18-21 and 26: small files inside every limit whose work is not.
_OPS = b"0 0 m 1 1 l S\n"  # one stroked path: the cheapest drawing instruction that still costs pdfium work


def _deflate(data: bytes) -> bytes:
    out = zlib.compressobj(9)
    return out.compress(data) + out.flush()


def _ops(mb: float) -> bytes:
    return _OPS * int(mb * 1024 * 1024 // len(_OPS))


def flate_twice(mb: int = 200) -> bytes:
    """A ~2 KB page whose content is FlateDecode twice: MB megabytes of drawing instructions."""
    data = _deflate(_deflate(_ops(mb)))
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R >>",
        _stream(data, b"/Filter [/FlateDecode /FlateDecode] "),
    ])


def _form(content: bytes, resources: bytes = b"<< >>", flate: bool = True) -> bytes:
    data = _deflate(content) if flate else content
    return _stream(data, b"/Type /XObject /Subtype /Form /BBox [0 0 842 595] /Resources " + resources
                   + (b" /Filter /FlateDecode " if flate else b" "))


def form_operators(mb: int = 48) -> bytes:
    """A ~50 KB page that only draws one Form XObject, whose content holds MB megabytes of operators."""
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R "
        b"/Resources << /XObject << /Fm0 5 0 R >> >> >>",
        _stream(b"/Fm0 Do"),
        _form(_ops(mb)),
    ])


def nested_forms(depth: int = 30, leaf_bytes: int = 1400) -> bytes:
    """Form k draws form k+1 twice, DEPTH levels deep: 2**DEPTH copies of the leaf's instructions."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R "
        b"/Resources << /XObject << /F 5 0 R >> >> >>",
        _stream(b"/F Do"),
    ]
    for level in range(depth):
        child = 5 + level + 1
        objects.append(_form(b"q /F Do Q q /F Do Q", b"<< /XObject << /F %d 0 R >> >>" % child, flate=False))
    objects.append(_form(_OPS * (leaf_bytes // len(_OPS)), flate=False))
    return raw_pdf(objects)


def type3_glyph_forms(depth: int = 30) -> bytes:
    """A Type 3 font whose one glyph draws form 1, which draws form 2 twice, … DEPTH levels deep: pdfium
    draws a Type 3 glyph to read its text."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R "
        b"/Resources << /Font << /T3 5 0 R >> >> >>",
        _stream(b"BT /T3 12 Tf 100 100 Td (a) Tj ET"),
        b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] "
        b"/CharProcs << /a 6 0 R >> /Encoding << /Type /Encoding /Differences [97 /a] >> /FirstChar 97 "
        b"/LastChar 97 /Widths [1000] /Resources << /XObject << /F 7 0 R >> >> >>",
        _stream(b"1000 0 0 0 1000 1000 d1 /F Do"),
    ]
    for _ in range(depth):
        objects.append(_form(b"q /F Do Q q /F Do Q", b"<< /XObject << /F %d 0 R >> >>" % (len(objects) + 2),
                             flate=False))
    objects.append(_form(_OPS * 100, flate=False))
    return raw_pdf(objects)


def form_cycle() -> bytes:
    """Two forms that draw each other: a loop with no end."""
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R "
        b"/Resources << /XObject << /A 5 0 R >> >> >>",
        _stream(b"/A Do"),
        _form(b"/B Do " + _OPS, b"<< /XObject << /B 6 0 R >> >>", flate=False),
        _form(b"/A Do " + _OPS, b"<< /XObject << /A 5 0 R >> >>", flate=False),
    ])


_HELVETICA = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"


def ruled_grid(n: int = 200) -> bytes:
    """A page ruled as an N×N grid of full-length hairlines 5 pt apart, one word inside: N² crossings."""
    side = 5 * n
    rules = b"".join(b"20 %d %d 0.2 re f\n" % (20 + 5 * k, side) for k in range(n + 1))
    rules += b"".join(b"%d 20 0.2 %d re f\n" % (20 + 5 * k, side) for k in range(n + 1))
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R /Resources %s >>"
        % (side + 40, side + 40, _HELVETICA),
        _stream(rules + b"BT /F1 4 Tf 22 22 Td (x) Tj ET"),
    ])


def long_tail(pdf: bytes, mb: float = 16) -> bytes:
    """PDF followed by one line of MB megabytes after its %%EOF (no line break in it)."""
    return pdf + b"%" + b"x" * int(mb * 1024 * 1024)


def shared_text_pages(pages: int = 2_000, chars: int = 55_000) -> bytes:
    """PAGES pages that all show one shared content stream of CHARS characters (a few KB compressed)."""
    line = b"(" + b"abcdefghij" * 50 + b") Tj 0 -5 Td\n"
    body = b"BT /F1 4 Tf 10 580 Td\n" + line * (chars // 500) + b"ET"
    kids = b" ".join(b"%d 0 R" % (n + 5) for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        _stream(_deflate(body), b"/Filter /FlateDecode "),
        _HELVETICA,
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 3 0 R /Resources 4 0 R >>"] * pages
    return raw_pdf(objects)


def busy_pages(pages: int = 2_000, rules: int = 6, chars: int = 480) -> bytes:
    """PAGES pages sharing one content stream: a table ruled RULES × RULES and CHARS characters in it, so
    that the whole file sits just under the bounds (characters, drawing, crossings) that it passes."""
    step = 500 // rules
    body = b"".join(b"20 %d 500 0.5 re f\n" % (40 + k * step) for k in range(rules + 1))
    body += b"".join(b"%d 40 0.5 500 re f\n" % (20 + k * step) for k in range(rules + 1))
    per_line = 40
    body += b"BT /F1 6 Tf 24 530 Td\n" + b"(abcdefghijklmnopqrstuvwxyz0123456789ABCD) Tj 0 -12 Td\n" * (
        chars // per_line) + b"ET"
    kids = b" ".join(b"%d 0 R" % (n + 5) for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        _stream(body),
        _HELVETICA,
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 3 0 R /Resources 4 0 R >>"] * pages
    return raw_pdf(objects)


def repeated_pages(pdf: bytes, pages: int = 2_000) -> bytes:
    """PDF's pages repeated (sharing their content and fonts) up to PAGES pages, with pdfium."""
    import io

    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(pdf)
    out = pdfium.PdfDocument.new()
    try:
        order = [k % len(src) for k in range(pages)]
        out.import_pages(src, order)
        buf = io.BytesIO()
        out.save(buf)
        return buf.getvalue()
    finally:
        out.close()
        src.close()


# A page drawn in rotated user space, shown upright by /Rotate: the content matrix that maps the unrotated
# page (W × H) into the rotated page's user space, for each /Rotate (the page is shown turned clockwise).
def _counter_matrix(rotate: int, w: float, h: float) -> tuple[float, ...]:
    return {90: (0, 1, -1, 0, h, 0), 180: (-1, 0, 0, -1, w, h), 270: (0, -1, 1, 0, 0, w)}[rotate]


def rotated(pdf: bytes, rotate: int, upright: bool) -> bytes:
    """PDF with /Rotate ROTATE on every page. UPRIGHT: the content is drawn turned the other way (and the
    MediaBox swapped for 90/270), so the page shows as before, as landscape pages printed on portrait
    paper are; otherwise the page shows turned (only /Rotate added)."""
    import ctypes
    import io

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(pdf)
    try:
        for page in doc:
            if upright:
                w, h = page.get_width(), page.get_height()
                a, b, c, d, e, f = _counter_matrix(rotate, w, h)
                matrix = raw.FS_MATRIX(a, b, c, d, e, f)
                raw.FPDFPage_TransFormWithClip(page.raw, ctypes.byref(matrix), None)
                if rotate in (90, 270):
                    raw.FPDFPage_SetMediaBox(page.raw, 0, 0, h, w)
                    raw.FPDFPage_SetCropBox(page.raw, 0, 0, h, w)
            page.set_rotation(rotate)
            page.close()
        buf = io.BytesIO()
        doc.save(buf)
        return buf.getvalue()
    finally:
        doc.close()
