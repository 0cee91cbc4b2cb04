"""A Layout drawn cell by cell with reportlab: the second producer, a word processor's way.

Rows are first cut into pages (so that 「N / M」 knows M), then drawn. Unlike Chromium, a row cut by a
page break keeps its rules on both sides of the cut (Word draws a split cell's borders on each page);
bold is the fill-and-stroke text a word processor uses for a font without a bold face.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pdfgen.rows import SYNTHETIC_MARK, Row, Table

from .layout import WIDTHS, Layout
from .texts import DOC_TITLE, LABELS, header_texts, page_number
from .wrap import Line, wrap, wrap_all

MM = 72 / 25.4
IPAEX = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"
SHADE = (0.886, 0.937, 0.855)  # #e2efda, as the Chromium print
HEAD_SHADE = (0.851, 0.886, 0.953)
BAND = 8 * MM  # room above and below the table for a running title or a page number


@dataclass
class _Row:
    cells: list[list[Line]]  # one list per column; a merged row has one
    merged: bool = False
    shaded: bool = False
    head: bool = False


@dataclass
class _Piece:
    row: _Row
    first: int  # first line of each cell drawn on this page
    count: int  # lines drawn on this page
    top: float


@dataclass
class _Page:
    pieces: list[_Piece] = field(default_factory=list)


@dataclass(frozen=True)
class _Geometry:
    lay: Layout
    font: str
    xs: list[float]
    lead: float
    pad: float
    top: float
    bottom: float

    def height(self, lines: int) -> float:
        return lines * self.lead + 2 * self.pad


def _register(lay: Layout) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont

    name = lay.font_name()
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, IPAEX) if name == "IPAexGothic" else UnicodeCIDFont(name))
    return name


def _geometry(lay: Layout, font: str) -> _Geometry:
    page_w, page_h = lay.page_size()
    margin = lay.margin * MM
    rel = dict(zip(("description", "results", "plans", "office"), WIDTHS[lay.widths], strict=True))
    roles = lay.columns()
    total = sum(rel[r] for r in roles)
    xs = [margin]
    for role in roles:
        xs.append(xs[-1] + (page_w - 2 * margin) * rel[role] / total)
    band_top = BAND if lay.pageno.startswith("top") or lay.doctitle == "every-page" else 0
    band_bottom = BAND if lay.pageno.startswith("bottom") else 0
    return _Geometry(lay, font, xs, lay.size * lay.leading, lay.padding, page_h - margin - band_top,
                     margin + band_bottom)


def _rows(g: _Geometry, table: Table) -> list[_Row]:
    lay, font, size = g.lay, g.font, g.lay.size
    widths = [b - a - 2 * g.pad for a, b in zip(g.xs, g.xs[1:], strict=False)]
    roles = lay.columns()
    hang = lay.bullets == "hanging"
    heads = []
    for k, (_, text) in enumerate(header_texts(lay, table)):
        hidden = {"hidden-first": f" {LABELS}" if k == 0 else "", "hidden-each": f"列{k + 1} "}.get(lay.labels, "")
        heads.append(wrap(text, widths[k], font, size) + ([Line(hidden.strip(), -1.0)] if hidden else []))
    out = [_Row(heads, head=True)]
    for r in table.rows:
        if r.kind in ("vision", "goal", "see-above"):
            out.append(_span_row(g, r, widths))
            continue
        title = wrap(r.title, widths[roles.index("description")], font, size, bold=lay.titles == "bold") \
            if r.title else []
        content = {"description": lambda w, r=r, title=title: title + wrap_all(r.blocks, w, font, size),
                   "results": lambda w, r=r: wrap_all(r.results, w, font, size, hang),
                   "plans": lambda w, r=r: wrap_all(r.plans, w, font, size, hang),
                   "office": lambda w, r=r: wrap(r.office, w, font, size) if r.office else []}
        out.append(_Row([content[role](w) for role, w in zip(roles, widths, strict=True)]))
    return out


def _span_row(g: _Geometry, r: Row, widths: list[float]) -> _Row:
    bold = "bold" in g.lay.span_style
    shaded = "shaded" in g.lay.span_style
    if g.lay.span == "merged":
        return _Row([wrap(r.text, g.xs[-1] - g.xs[0] - 2 * g.pad, g.font, g.lay.size, bold=bold)], True, shaded)
    k = g.lay.columns().index("description")
    cells = [wrap(r.text, widths[k], g.font, g.lay.size, bold=bold) if j == k else [] for j in range(len(widths))]
    return _Row(cells, False, shaded)


def _paginate(g: _Geometry, rows: list[_Row], first_top: float) -> list[_Page]:
    """Rows into pages: a row that does not fit goes whole to the next page when the layout avoids
    breaks and it fits there, else it is cut after the lines that fit."""
    pages = [_Page()]
    y = first_top
    head = rows[0]
    for row in rows:
        total = _lines(row)
        done = 0
        while done < total:
            room = int((y - g.bottom - 2 * g.pad) // g.lead)
            rest = total - done
            whole_fits = g.height(rest) <= g.top - g.bottom - (g.height(_lines(head)) if g.lay.header == "repeat" else 0)
            if room < rest and (room < 1 or (g.lay.rows == "avoid" and done == 0 and whole_fits)):
                pages.append(_Page())
                y = g.top
                if g.lay.header == "repeat":
                    pages[-1].pieces.append(_Piece(head, 0, _lines(head), y))
                    y -= g.height(_lines(head))
                continue
            take = min(room, rest)
            pages[-1].pieces.append(_Piece(row, done, take, y))
            y -= g.height(take)
            done += take
    return pages


def _lines(row: _Row) -> int:
    return max((len([x for x in c if x.indent >= 0]) for c in row.cells), default=0) or 1


def draw_pdf(lay: Layout, table: Table, out: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    font = _register(lay)
    g = _geometry(lay, font)
    c = Canvas(str(out), pagesize=lay.page_size(), invariant=1)
    c.setTitle(f"{SYNTHETIC_MARK} {table.synthetic_note}" if table.synthetic_note else DOC_TITLE)
    if table.synthetic_note:
        c.setSubject(f"{SYNTHETIC_MARK} {table.synthetic_note}")
    y = g.top
    if table.synthetic_note:
        c.setFont(font, 7)
        c.drawString(g.xs[0], y - 7, f"{SYNTHETIC_MARK} {table.synthetic_note}")
        y -= 14
    if lay.doctitle == "page1":
        c.setFont(font, lay.size + 3)
        c.drawCentredString((g.xs[0] + g.xs[-1]) / 2, y - lay.size - 3, DOC_TITLE)
        y -= 2 * (lay.size + 3)
    pages = _paginate(g, _rows(g, table), y)
    for n, page in enumerate(pages, 1):
        _furniture(c, g, n, len(pages))
        for piece in page.pieces:
            _draw_piece(c, g, piece)
        c.showPage()
    c.save()


def _furniture(c, g: _Geometry, n: int, total: int) -> None:
    """The running title and the page number, in the bands above and below the table."""
    lay = g.lay
    page_w, page_h = lay.page_size()
    c.setFont(g.font, 8)
    top_y, bottom_y = g.top + BAND / 2, g.bottom - BAND / 2 - 4
    if lay.doctitle == "every-page":
        c.drawString(g.xs[0], top_y, DOC_TITLE)
    if lay.pageno == "none":
        return
    text = page_number(lay.pageno, str(n), str(total))
    if lay.pageno == "bottom-center":
        c.drawCentredString(page_w / 2, bottom_y, text)
    else:
        c.drawRightString(g.xs[-1], bottom_y if lay.pageno == "bottom-right" else top_y, text)


def _draw_piece(c, g: _Geometry, p: _Piece) -> None:
    row = p.row
    bottom = p.top - g.height(p.count)
    edges = [g.xs[0], g.xs[-1]] if row.merged else g.xs
    if row.shaded or row.head:
        c.setFillColorRGB(*(HEAD_SHADE if row.head else SHADE))
        c.rect(g.xs[0], bottom, g.xs[-1] - g.xs[0], p.top - bottom, stroke=0, fill=1)
    c.setLineWidth(0.6)
    c.setStrokeColorRGB(0, 0, 0)
    c.line(g.xs[0], p.top, g.xs[-1], p.top)
    c.line(g.xs[0], bottom, g.xs[-1], bottom)
    if g.lay.rules == "grid":
        for x in edges:
            c.line(x, p.top, x, bottom)
    for k, lines in enumerate(row.cells):
        x = (g.xs[0] if row.merged else g.xs[k]) + g.pad
        hidden = [x for x in lines if x.indent < 0]
        shown = [x for x in lines if x.indent >= 0][p.first: p.first + p.count]
        for n, line in enumerate(shown):
            _text(c, g, x + line.indent, p.top - g.pad - (n + 1) * g.lead + g.lead * 0.25, line)
        if hidden and p.first == 0:  # 「列1 列2 列3」 in the shading's colour, right in the header cell
            c.setFillColorRGB(*HEAD_SHADE)
            c.setFont(g.font, g.lay.size)
            c.drawRightString(g.xs[k + 1] - g.pad, p.top - g.pad - g.lead + g.lead * 0.25, hidden[0].text)
    c.setFillColorRGB(0, 0, 0)


def _text(c, g: _Geometry, x: float, y: float, line: Line) -> None:
    c.setFillColorRGB(0, 0, 0)
    t = c.beginText(x, y)
    t.setFont(g.font, g.lay.size)
    if line.bold:
        c.setLineWidth(g.lay.size * 0.025)
    if line.bold:
        t.setTextRenderMode(2)  # fill and stroke: the bold of a font with no bold face
    t.textOut(line.text)
    if line.bold:
        t.setTextRenderMode(0)  # reportlab writes 「0 Tr」 only after a change within one text object
    c.drawText(t)
    if line.bold:
        c.setLineWidth(0.6)
