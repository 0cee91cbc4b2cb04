"""Characters and ruling lines of one PDF page, read with pdfium (pypdfium2, Apache-2.0/BSD-3).

pdfminer (under pdfplumber) interprets content streams in pure Python: a seed page printed by Chromium
(one text operator per glyph) took ~0.5 s. pdfium reads the same page in ~0.05 s, and reads the
characters Chromium marks with corrected text right (人 where pdfminer gives the radical ⼈). The
characters and lines are handed to pdfplumber's table finder as explicit lines, in pdfplumber's
coordinates: points from the page's top-left corner of the page turned so that its text reads upright.

A turned page is read by its text, not by its /Rotate: a page that only says /Rotate 90 still has
upright text in its own coordinates (and pdfium, asked to honour /Rotate, breaks numbers with spaces:
「1 0.9億円」), while a landscape page printed on portrait paper draws its text turned and shows it upright
with /Rotate. So /Rotate is set aside and the coordinates are turned by the direction its text runs.
"""

from __future__ import annotations

import ctypes
import math
from collections import Counter
from typing import Any

from ..model.errors import EditionParseError
from .pdf_open import MAX_GRAPHICS_PER_PAGE

SAMPLE_OBJECTS = 200  # objects, spread over the page, whose text tells the page's direction
RULE_THICKNESS = 2.5  # points: a path thinner than this is a rule (Chromium draws borders as thin rects)


def _raw() -> Any:
    import pypdfium2.raw as raw

    return raw


def page_chars(page: Any, n: int, limit: int) -> list[dict[str, Any]]:
    """Every printed character: {text, x0, x1, top, bottom, size, fontname}, spaces between words included;
    fontname is 「name/weight/render mode」."""
    raw = _raw()
    upright = _Upright(page)
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        if count > limit:
            raise EditionParseError(f"page {n} has {count:,} characters; the limit is {limit:,}")
        raw_tp = textpage.raw
        rect = raw.FS_RECTF()
        buf = ctypes.create_string_buffer(128)
        flags = ctypes.c_int()
        fonts: dict[bytes, str] = {}
        out: list[dict[str, Any]] = []
        space = False
        i = 0
        while i < count:
            code = raw.FPDFText_GetUnicode(raw_tp, i)
            if 0xD800 <= code < 0xDC00 and i + 1 < count:  # a surrogate pair: one character
                low = raw.FPDFText_GetUnicode(raw_tp, i + 1)
                if 0xDC00 <= low < 0xE000:
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            text = chr(code) if code and not 0xD800 <= code < 0xE000 else ""
            generated = raw.FPDFText_IsGenerated(raw_tp, i)
            if generated and text == " ":
                # pdfium infers the spaces a text layer leaves out (Chromium draws none between words):
                # a mark on the next character, as the space itself has no usable box
                space = True
            elif text and text not in "\r\n" and not generated:
                raw.FPDFText_GetLooseCharBox(raw_tp, i, rect)
                x0, top, x1, bottom = upright.box(rect.left, rect.bottom, rect.right, rect.top)
                size = raw.FPDFText_GetFontSize(raw_tp, i)
                length = raw.FPDFText_GetFontInfo(raw_tp, i, buf, 128, flags)
                key = buf.raw[: max(length - 1, 0)]
                font = fonts.get(key)
                if font is None:
                    font = fonts[key] = key.decode("latin-1").split("+")[-1]
                # The style a bold title is told by, in the same text page: the font's weight (Chromium's
                # synthetic bold is a heavier font object) and how it is painted (reportlab and Word bold a
                # font without a bold face by filling and stroking it).
                obj = raw.FPDFText_GetTextObject(raw_tp, i)
                mode = raw.FPDFTextObj_GetTextRenderMode(obj) if obj else 0
                style = f"{font}/{raw.FPDFText_GetFontWeight(raw_tp, i)}/{mode}"
                out.append({"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "size": size,
                            "fontname": style, "space_before": space})
                space = False
            i += 2 if code > 0xFFFF else 1
        return out
    finally:
        textpage.close()


def page_edges(page: Any, n: int, limit: int) -> list[dict[str, Any]]:
    """Horizontal and vertical rules, as pdfplumber edges: thin paths, and the sides of larger ones."""
    raw = _raw()
    upright = _Upright(page)
    width, height = upright.width, upright.height
    count = raw.FPDFPage_CountObjects(page.raw)
    if count > limit:
        raise EditionParseError(f"page {n} has {count:,} drawn objects; the limit ({limit:,}) bounds the work "
                                "per page")
    edges: list[dict[str, Any]] = []
    for bounds in _path_bounds(page, n, count, limit):
        left, top, right, bottom = upright.box(*bounds)
        # Clipped to the page: Chromium draws a cut row's borders past the page edge, where nothing shows.
        x0, x1 = max(left, 0.0), min(right, width)
        y0, y1 = max(top, 0.0), min(bottom, height)
        if x1 < x0 or y1 < y0:
            continue
        w, h = x1 - x0, y1 - y0
        if h <= RULE_THICKNESS and w > RULE_THICKNESS:
            edges.append(_edge(x0, x1, (y0 + y1) / 2, (y0 + y1) / 2))
        elif w <= RULE_THICKNESS and h > RULE_THICKNESS:
            edges.append(_edge((x0 + x1) / 2, (x0 + x1) / 2, y0, y1))
        elif w > RULE_THICKNESS and h > RULE_THICKNESS:  # a box: its four sides
            edges += [_edge(x0, x1, y0, y0), _edge(x0, x1, y1, y1), _edge(x0, x0, y0, y1), _edge(x1, x1, y0, y1)]
    return edges


class _Upright:
    """Page coordinates turned so that the page's text runs left to right: (x0, top, x1, bottom) from the
    top-left corner, for a box given as pdfium's (left, bottom, right, top)."""

    def __init__(self, page: Any) -> None:
        raw = _raw()
        raw.FPDFPage_SetRotation(page.raw, 0)  # in memory only: the page's size as drawn
        self.w, self.h = page.get_width(), page.get_height()
        self.turn = text_direction(page)
        self.width, self.height = (self.h, self.w) if self.turn in (90, 270) else (self.w, self.h)
        # pdfium infers the spaces between words in the page as shown (「ME DIC」 in turned text): shown
        # upright, they are right. Its character boxes stay in the page's own coordinates.
        raw.FPDFPage_SetRotation(page.raw, self.turn // 90)

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        # (u, v) in the page as drawn → (x, y) upright, y up; then y from the top
        if self.turn == 90:  # text runs up the page: x = v, y = w - u
            x0, x1, y0, y1 = bottom, top, self.w - right, self.w - left
        elif self.turn == 180:  # x = w - u, y = h - v
            x0, x1, y0, y1 = self.w - right, self.w - left, self.h - top, self.h - bottom
        elif self.turn == 270:  # text runs down the page: x = h - v, y = u
            x0, x1, y0, y1 = self.h - top, self.h - bottom, left, right
        else:
            x0, x1, y0, y1 = left, right, bottom, top
        return x0, self.height - y1, x1, self.height - y0


def text_direction(page: Any) -> int:
    """The direction most of the page's text objects run, counterclockwise: 0, 90, 180 or 270 degrees.
    A sample spread over the page first (Chromium draws each glyph as an object); every object (up to the
    page's limit) if the sample met no text."""
    raw = _raw()
    matrix = raw.FS_MATRIX()
    turns: Counter[int] = Counter()
    count = raw.FPDFPage_CountObjects(page.raw)
    for step in (max(1, count // SAMPLE_OBJECTS), 1):
        for i in range(0, min(count, MAX_GRAPHICS_PER_PAGE), step):
            obj = raw.FPDFPage_GetObject(page.raw, i)
            if raw.FPDFPageObj_GetType(obj) == raw.FPDF_PAGEOBJ_TEXT and raw.FPDFPageObj_GetMatrix(obj, matrix):
                turns[round(math.degrees(math.atan2(matrix.b, matrix.a)) / 90) % 4 * 90] += 1
        if turns or step == 1:
            break
    return turns.most_common(1)[0][0] if turns else 0


def _path_bounds(page: Any, n: int, count: int, limit: int) -> list[tuple[float, float, float, float]]:
    """(left, bottom, right, top) of each path: a ctypes loop over the page's objects, as wrapping each of a
    seed page's ~5,000 text objects in Python took longer than reading its characters. Paths inside
    form XObjects (two levels down) are reached through pypdfium2's walker, once their objects are
    counted against the page's limit."""
    raw = _raw()
    kinds = [raw.FPDFPageObj_GetType(raw.FPDFPage_GetObject(page.raw, i)) for i in range(count)]
    if raw.FPDF_PAGEOBJ_FORM in kinds:
        forms = [raw.FPDFPage_GetObject(page.raw, i) for i, kind in enumerate(kinds) if kind == raw.FPDF_PAGEOBJ_FORM]
        total = count
        for depth in (1, 2):
            total += sum(raw.FPDFFormObj_CountObjects(form) for form in forms)
            if total > limit:
                raise EditionParseError(f"page {n} has more than {limit:,} drawn objects, its forms' included; the "
                                        "limit bounds the work per page")
            if depth == 1:
                forms = [child for form in forms for k in range(raw.FPDFFormObj_CountObjects(form))
                         if raw.FPDFPageObj_GetType(child := raw.FPDFFormObj_GetObject(form, k)) == raw.FPDF_PAGEOBJ_FORM]
        return [obj.get_bounds() for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=2)]
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    out = []
    for i, kind in enumerate(kinds):
        if kind == raw.FPDF_PAGEOBJ_PATH and raw.FPDFPageObj_GetBounds(raw.FPDFPage_GetObject(page.raw, i),
                                                                       left, bottom, right, top):
            out.append((left.value, bottom.value, right.value, top.value))
    return out


def _edge(x0: float, x1: float, top: float, bottom: float) -> dict[str, Any]:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "width": x1 - x0,
            "height": bottom - top, "object_type": "line", "orientation": "h" if top == bottom else "v"}
