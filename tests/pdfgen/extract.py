"""The three text extractions a user gets from a report PDF with common Python tools; the test PDFs'
.txt files (build.py) and the generated layouts (tests/layoutgen/) are made with them."""

from __future__ import annotations

from pathlib import Path

EXTRACTORS = ("pdfminer", "pypdfium2", "pdfplumber")


def extract(pdf: Path, how: str) -> str:
    """The text of PDF as HOW prints it: pdfminer.six extract_text, pypdfium2 get_text_range per page, or
    pdfplumber extract_text per page (pages joined by a newline)."""
    if how == "pdfminer":
        from pdfminer.high_level import extract_text

        return extract_text(str(pdf))
    if how == "pypdfium2":
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(str(pdf))
        try:
            return "\n".join(page.get_textpage().get_text_range() for page in doc).replace("\r\n", "\n")
        finally:
            doc.close()
    import pdfplumber

    with pdfplumber.open(str(pdf)) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages)
