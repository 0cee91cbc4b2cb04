"""The work a whole PDF will cost, counted before it is done and bounded by what the limits promise.

A page costs what it draws, not what it weighs: 2 KB of FlateDecode twice is 200 MB of instructions, a
51 KB page can draw one Form XObject of 50 MB, and forms that draw each other twice, 30 levels deep, are
2**30 copies of one form. So before any page is drawn, every page's drawing instructions are counted as
pdfium will run them: its content streams, and each Form XObject once per time it is drawn (recursively,
each form decoded once, with a bound on the depth and no cycle), and Type 3 glyphs that draw forms
(every other stream, fonts included, is bounded by pdf_streams.scan_streams when the file is opened). Then, as pages are read, the characters and the table finder's grid are counted for the whole
file, so that 1,000 pages that each pass the page limits still end in a refusal within seconds.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..model.errors import EditionParseError
from .pdf_open import MAX_CONTENT_BYTES, MAX_PAGES
from .pdf_streams import StreamTooLarge, decoded, unescape_names

# Whole-file bounds, each 20 to 100 times what the test PDFs of the real report need (6 pages, ~31,000
# characters, 0.2-1.3 MB of drawing instructions, < 500 rule crossings) and small enough that a file at
# every bound reads in well under a minute (1,000 pages just under them all: ~16 s).
MAX_DRAWN_BYTES = 32 * 1024 * 1024  # drawing instructions of all pages, forms counted each time drawn
MAX_CHARS = 600_000  # characters read from all pages (~15 µs each, read into cells and rows)
MAX_FORM_DEPTH = 12  # forms drawing forms (the real report's producers nest two or three)
# The table finder (pdfplumber) costs the square of a page's rule crossings: an N×N grid is O(N⁴).
MAX_GRID_POINTS = 3_000  # crossings of distinct rule positions on one page (a seed page: < 100)
MAX_GRID_POINTS_TOTAL = 60_000  # the same over the whole file (the seed: < 500)
SNAP = 3.0  # points: rules closer than this are one rule to the table finder (its snap tolerance)

# `/Name Do` draws the XObject Name: whitespace or comments between the name and the operator.
# A Form XObject is a stream, so its dictionary is in the file's bytes (never in an object stream).
FORM_RE = re.compile(rb"/Form\b|/Subtype\s*\d+\s+\d+\s+R")
DO_RE = re.compile(rb"/((?:[^\s/\[\]()<>{}%#]|#[0-9A-Fa-f]{2})+)(?:\s|%[^\r\n]*)+Do(?![^\s/\[\]()<>{}%])")


class PdfWork:
    """What a PDF will cost to read: counted for every page on creation (refused in one line if over a
    bound), then charged page by page with what pdfium read (charge)."""

    def __init__(self, pdf: Any) -> None:
        from pdfminer.pdfpage import PDFPage

        self._streams: dict[int, tuple[int, Counter[bytes]]] = {}  # stream → (decoded bytes, names drawn)
        self._forms: dict[tuple[int, int], tuple[int, int]] = {}  # (form, resources) → (work, height)
        self._fonts: set[int] = set()
        self._any_forms = bool(FORM_RE.search(unescape_names(pdf.stream.getvalue())))
        self.drawn = self.chars = self.grid_points = 0
        for n, page_obj in enumerate(PDFPage.create_pages(pdf.doc), 1):
            if n > MAX_PAGES:  # the page loop refuses it too: this walk must not outrun it
                break
            self._count_page(page_obj, n)

    # -- before any page is drawn ------------------------------------------------------------------
    def _count_page(self, page_obj: Any, n: int) -> None:
        from pdfminer.pdftypes import resolve1

        contents = resolve1(page_obj.attrs.get("Contents"))
        resources = _dict(page_obj.resources)
        page = 0
        for ref in contents if isinstance(contents, list) else [contents]:
            stream = resolve1(ref)
            if _is_stream(stream):
                work, _ = self._draws(stream, resources, n, 0, ())
                page += work
                if page > MAX_CONTENT_BYTES:
                    raise _over_page(n)
        self._count_fonts(resources, n)
        self.drawn += page
        if self.drawn > MAX_DRAWN_BYTES:
            raise EditionParseError(f"the PDF's pages up to page {n} draw more than {MAX_DRAWN_BYTES:,} bytes of "
                                    "instructions; the limit bounds the work for the whole file")

    def _draws(self, stream: Any, resources: dict[Any, Any], n: int, depth: int, stack: tuple[int, ...]
               ) -> tuple[int, int]:
        """(bytes of instructions run, forms nested below) for drawing STREAM once with RESOURCES."""
        key = (_key(stream), id(resources))
        if key in self._forms:
            work, height = self._forms[key]
            if depth + height > MAX_FORM_DEPTH:
                raise _too_deep(n)
            return work, height
        if key[0] in stack:
            raise EditionParseError(f"page {n} draws a form that draws itself; a damaged or hostile PDF")
        if depth > MAX_FORM_DEPTH:
            raise _too_deep(n)
        size, names = self._decode(stream, n)
        work, height = size, 0
        xobjects = _dict(_get(resources, "XObject"))
        for name, times in names.items():
            form = _form(xobjects.get(name.decode("latin-1")))
            if form is None:
                continue
            inner = _dict(form.attrs.get("Resources")) or resources  # a form without resources uses the page's
            self._count_fonts(inner, n)
            child, below = self._draws(form, inner, n, depth + 1, (*stack, key[0]))
            work += times * child
            height = max(height, below + 1)
            if work > MAX_CONTENT_BYTES:
                raise _over_page(n)
        self._forms[key] = (work, height)
        return work, height

    def _decode(self, stream: Any, n: int) -> tuple[int, Counter[bytes]]:
        key = _key(stream)
        if key not in self._streams:
            try:
                data = decoded(stream, MAX_CONTENT_BYTES)
            except StreamTooLarge:
                raise _over_page(n) from None
            names = Counter(unescape_names(m.group(1)) for m in DO_RE.finditer(data))
            self._streams[key] = (len(data), names)
        return self._streams[key]

    def _count_fonts(self, resources: dict[Any, Any], n: int) -> None:
        """A Type 3 font's glyphs are drawings: pdfium draws each glyph used, once per file, and a glyph that
        draws forms is counted here like a page. Glyphs that cannot draw forms (no XObject in reach, as in
        Chromium's fonts) are left to the bound on every stream (pdf_streams.scan_streams), as are embedded
        font programs and CMaps: resolving each glyph in Python would cost more than reading the page."""
        from pdfminer.pdftypes import resolve1

        if not self._any_forms:  # no glyph can draw a form: the font dictionaries need not be parsed
            return

        for ref in _dict(_get(resources, "Font")).values():
            font = resolve1(ref)  # the font dictionary only: a CID font's widths sit in its descendant
            if not isinstance(font, dict) or id(font) in self._fonts:
                continue
            self._fonts.add(id(font))
            inner = _dict(font.get("Resources")) or resources
            if _name(font.get("Subtype")) != "Type3" or not _dict(_get(inner, "XObject")):
                continue
            for proc in _dict(resolve1(font.get("CharProcs"))).values():
                stream = resolve1(proc)
                if _is_stream(stream):
                    work, _ = self._draws(stream, inner, n, 1, ())
                    self.drawn += work

    # -- as pages are read -------------------------------------------------------------------------
    def charge(self, n: int, chars: list[Any], edges: list[dict[str, Any]]) -> None:
        """Count page N's characters for the whole file, and its rule crossings before the table finder
        runs on them."""
        self.chars += len(chars)
        if self.chars > MAX_CHARS:
            raise EditionParseError(f"the PDF has more than {MAX_CHARS:,} characters by page {n}; the limit "
                                    "bounds the work for the whole file")
        points = grid_points(edges)
        if points > MAX_GRID_POINTS:
            raise EditionParseError(f"page {n} is ruled into {points:,} crossings; the limit ({MAX_GRID_POINTS:,}) "
                                    "bounds the table finder's work per page")
        self.grid_points += points
        if self.grid_points > MAX_GRID_POINTS_TOTAL:
            raise EditionParseError(f"the PDF's pages up to page {n} are ruled into more than "
                                    f"{MAX_GRID_POINTS_TOTAL:,} crossings; the limit bounds the work for the whole file")


def grid_points(edges: list[dict[str, Any]]) -> int:
    """An upper bound of the crossings the table finder meets: distinct vertical rule positions times
    distinct horizontal ones, positions closer than SNAP counted as one, as the finder snaps them."""
    xs = sorted(e["x0"] for e in edges if e["orientation"] == "v")
    ys = sorted(e["top"] for e in edges if e["orientation"] == "h")
    return _clusters(xs) * _clusters(ys)


def _clusters(values: list[float]) -> int:
    count, last = 0, None
    for v in values:
        if last is None or v - last > SNAP:
            count += 1
        last = v
    return count


def _over_page(n: int) -> EditionParseError:
    return EditionParseError(f"page {n} draws more than {MAX_CONTENT_BYTES:,} bytes of instructions (its forms "
                             "counted each time they are drawn); the limit bounds the work per page")


def _too_deep(n: int) -> EditionParseError:
    return EditionParseError(f"page {n} nests forms more than {MAX_FORM_DEPTH} deep; the limit bounds the work "
                             "per page")


def _key(stream: Any) -> int:
    return stream.objid if getattr(stream, "objid", None) is not None else id(stream)


def _is_stream(obj: Any) -> bool:
    from pdfminer.pdftypes import PDFStream

    return isinstance(obj, PDFStream)


def _form(ref: Any) -> Any:
    from pdfminer.pdftypes import resolve1

    obj = resolve1(ref)
    return obj if _is_stream(obj) and _name(obj.attrs.get("Subtype")) == "Form" else None


def _get(mapping: dict[Any, Any], key: str) -> Any:
    from pdfminer.pdftypes import resolve1

    return resolve1(mapping.get(key))


def _dict(obj: Any) -> dict[Any, Any]:
    from pdfminer.pdftypes import resolve1

    obj = resolve1(obj)
    return obj if isinstance(obj, dict) else {}


def _name(obj: Any) -> str:
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral

    obj = resolve1(obj)
    return obj.name if isinstance(obj, PSLiteral) else ""
