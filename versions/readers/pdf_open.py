"""Opening a report PDF within its limits: size, pages, encryption, and the drawing work per page.

Everything here is checked before a page is laid out, so that a hostile file is refused in one line
instead of costing minutes or gigabytes. pdfminer (under pdfplumber) reads the file's structure and
page tree; pdfium (pypdfium2) reads the pages themselves (pdf_page.py).
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
from collections.abc import Iterator
from typing import Any

from ..model.errors import EditionParseError
from .pdf_streams import scan_streams

MAX_PDF_BYTES = 50 * 1024 * 1024  # the real report is well under 1 MB
MAX_PAGES = 1_000  # the real report has about 10; each page costs ~10 ms with no text at all
# The work bound per page, checked before the page is laid out: decoded content-stream bytes, then
# characters and ruling objects (a seed page holds ~6,000 characters and ~500 edges).
MAX_CONTENT_BYTES = 8 * 1024 * 1024
MAX_CHARS_PER_PAGE = 60_000
MAX_GRAPHICS_PER_PAGE = 20_000
PDF_MAGIC = b"%PDF-"
STARTXREF_RE = re.compile(rb"startxref\s+\d+")
ENCRYPT_RE = re.compile(rb"/Encrypt\s*\d+\s+\d+\s+R|/Encrypt\s*<<")  # trailer << … /Encrypt 4 0 R >>

def is_pdf(data: bytes) -> bool:
    """PDF files start with %PDF- (readers accept it within the first 1,024 bytes)."""
    return PDF_MAGIC in data[:1024]


def _quiet() -> None:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)


def open_pdf(data: bytes) -> Any:
    """pdfplumber's PDF for DATA, or EditionParseError for what is refused before any page is read."""
    import pdfplumber

    _quiet()
    if len(data) > MAX_PDF_BYTES:
        raise EditionParseError(f"PDF is {len(data):,} bytes; the limit is {MAX_PDF_BYTES:,} bytes")
    if not is_pdf(data):
        raise EditionParseError("not a PDF file (no %PDF- header)")
    scan_streams(data)  # every stream decoded with a bound before pdfminer or pdfium decodes one whole
    try:
        pdf = pdfplumber.open(io.BytesIO(structure_bytes(data)))
    except Exception as exc:  # pdfminer raises many kinds on broken files: any of them is a refusal
        if ENCRYPT_RE.search(data):
            raise EditionParseError("the PDF is encrypted (it needs a password); policydiff reads only "
                                    "unencrypted PDFs") from None
        raise EditionParseError(f"not a readable PDF: {refusal_reason(exc)}") from None
    try:
        if pdf.doc.encryption is not None:
            raise EditionParseError("the PDF is encrypted; policydiff reads only unencrypted PDFs")
        count = page_count(pdf)
        if count > MAX_PAGES:
            raise EditionParseError(f"the PDF has {count:,} pages; the limit is {MAX_PAGES:,}")
    except EditionParseError:
        close_pdf(pdf)
        raise
    except Exception as exc:
        close_pdf(pdf)
        raise EditionParseError(f"not a readable PDF: {refusal_reason(exc)}") from None
    return pdf


def structure_bytes(data: bytes) -> bytes:
    """DATA without what follows its last %%EOF (or its last `startxref N` if no %%EOF follows that).

    pdfminer looks for startxref by reading lines backwards, joining a long line one 4 KB block at a time:
    one 49 MB line after %%EOF took minutes. Nothing after the end marker belongs to the document (an
    incremental update ends with its own startxref and %%EOF), so it is cut off here, with two searches."""
    last_xref = data.rfind(b"startxref")
    last_eof = data.rfind(b"%%EOF")
    if last_eof > last_xref >= 0 or (last_eof >= 0 > last_xref):
        end = last_eof + len(b"%%EOF")
    elif last_xref >= 0 and (m := STARTXREF_RE.match(data, last_xref)):
        end = m.end()
    else:
        return data
    return data if end >= len(data) - 2 else data[:end] + b"\n"


def close_pdf(pdf: Any) -> None:
    """Release the file without pdfplumber's close(), which walks every page of the tree first (and
    raises on a broken one)."""
    with contextlib.suppress(Exception):  # nothing left to release
        pdf.stream.close()


def refusal_reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else ""
    return f"{type(exc).__name__}{': ' + text if text else ''}"


def page_count(pdf: Any) -> int:
    from pdfminer.pdftypes import resolve1

    count = resolve1(resolve1(pdf.doc.catalog.get("Pages")).get("Count"))
    return count if isinstance(count, int) else 0


def pdf_pages(pdf: Any) -> Iterator[tuple[int, Any]]:
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    for n, page_obj in enumerate(PDFPage.create_pages(pdf.doc), 1):
        if n > MAX_PAGES:
            raise EditionParseError(f"the PDF has more than {MAX_PAGES:,} pages; the limit is {MAX_PAGES:,}")
        yield n, Page(pdf, page_obj, page_number=n, initial_doctop=0)


def open_pdfium(data: bytes) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if ENCRYPT_RE.search(data):
            raise EditionParseError("the PDF is encrypted (it needs a password); policydiff reads only "
                                    "unencrypted PDFs") from None
        raise EditionParseError(f"not a readable PDF: {refusal_reason(exc)}") from None
