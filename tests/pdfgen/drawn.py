"""The report drawn cell by cell with reportlab: another producer, so the reader cannot fit one.

Differences from the Chromium print on purpose: a non-embedded CID font (HeiseiKakuGo-W5), other
column widths (50 / 58 / 40 characters), the header row only on the first page, bullets with hanging
indents, rows cut at the page bottom with no closing rule and continued with no opening rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .rows import SYNTHETIC_MARK, Row, Table

SIZE = 5.2
LEAD = 7.0
PAD = 2.5
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 27.0, 30.0, 30.0
PAGE_W, PAGE_H = 842.0, 595.0
WIDTHS = (50, 58, 40)
FONT = "HeiseiKakuGo-W5"
TITLE_FONT = "HeiseiMin-W3"  # a font change marks a title, as in many office-made PDFs
# Characters a line may not start with (kinsoku): the wrapper moves one more character down.
NO_START = set("、。，．・）」』】〕＞ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ：；！？％,.:;)]")


@dataclass
class _Line:
    text: str
    indent: float
    font: str = FONT


def _wrap(text: str, width: float, hang: bool) -> list[_Line]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    indent = stringWidth("・", FONT, SIZE) if hang and text.startswith("・") else 0.0
    out: list[_Line] = []
    start, x = 0, 0.0
    avail = width
    i = 0
    while i < len(text):
        w = stringWidth(text[i], FONT, SIZE)
        if x + w > avail and i > start:
            cut = i
            while cut - 1 > start and text[cut] in NO_START:
                cut -= 1
            word = cut  # a latin word is never broken: 「ViCLE」, not 「ViCL / E」
            while word - 1 > start and text[word - 1].isascii() and text[word - 1].isalnum() \
                    and text[word].isascii() and text[word].isalnum():
                word -= 1
            cut = word if word > start else cut
            out.append(_Line(text[start:cut], 0.0 if not out else indent))
            start, i, x = cut, cut, 0.0
            avail = width - indent
            continue
        x += w
        i += 1
    out.append(_Line(text[start:], 0.0 if not out else indent))
    return out


def _cell_lines(blocks: list[str], width: float, title: str = "", hang: bool = False) -> list[_Line]:
    lines = [_Line(title, 0.0, TITLE_FONT)] if title else []
    for b in blocks:
        lines += _wrap(b, width, hang)
    return lines


def draw_pdf(table: Table, out: Path) -> None:
    from reportlab.lib.pagesizes import landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    pdfmetrics.registerFont(UnicodeCIDFont(TITLE_FONT))
    c = Canvas(str(out), pagesize=landscape((595.0, 842.0)), invariant=1)
    c.setTitle(f"{SYNTHETIC_MARK} {table.synthetic_note}" if table.synthetic_note else "進捗状況")
    if table.synthetic_note:
        c.setSubject(f"{SYNTHETIC_MARK} {table.synthetic_note}")
    col_w = [w * SIZE + 2 * PAD for w in WIDTHS]
    xs = [MARGIN_X]
    for w in col_w:
        xs.append(xs[-1] + w)
    y = PAGE_H - MARGIN_TOP
    if table.synthetic_note:
        c.setFont(FONT, 7)
        c.drawString(MARGIN_X, y - 7, f"{SYNTHETIC_MARK} {table.synthetic_note}")
        y -= 14
    rows: list[tuple[bool, list[list[_Line]]]] = [
        (False, [[_Line("該当箇所", 0)], [_Line(table.results_label, 0)], [_Line(table.plans_label, 0)]])]
    for r in table.rows:
        rows.append(_layout(r, col_w))
    c.setLineWidth(0.5)
    for span, cells in rows:
        y = _draw_row(c, span, cells, xs, y)
    c.showPage()
    c.save()


def _layout(r: Row, col_w: list[float]) -> tuple[bool, list[list[_Line]]]:
    if r.kind in ("vision", "goal", "see-above"):
        return True, [_wrap(r.text, sum(col_w) - 2 * PAD, False)]
    return False, [_cell_lines(r.blocks, col_w[0] - 2 * PAD, r.title),
                   _cell_lines(r.results, col_w[1] - 2 * PAD, hang=True),
                   _cell_lines(r.plans, col_w[2] - 2 * PAD, hang=True)]


def _draw_row(c, span: bool, cells: list[list[_Line]], xs: list[float], y: float) -> float:
    """Draw one row from Y down, cutting it at the page bottom; returns the y below it."""
    edges = [xs[0], xs[-1]] if span else xs
    done = 0
    total = max(len(lines) for lines in cells)
    top_rule = True
    while True:
        room = int((y - MARGIN_BOTTOM - 2 * PAD) // LEAD)
        if room <= 0:
            c.showPage()
            y = PAGE_H - MARGIN_TOP
            continue
        take = min(room, total - done)
        bottom = y - take * LEAD - 2 * PAD
        last = done + take >= total
        if top_rule:
            c.line(xs[0], y, xs[-1], y)
        for k, lines in enumerate(cells):
            x = (xs[0] if span else xs[k]) + PAD
            for n, line in enumerate(lines[done : done + take]):
                c.setFont(line.font, SIZE)
                c.drawString(x + line.indent, y - PAD - (n + 1) * LEAD + 1.5, line.text)
        for x in edges:
            c.line(x, y, x, bottom if last else MARGIN_BOTTOM)
        if last:
            c.line(xs[0], bottom, xs[-1], bottom)
            return bottom
        done += take
        c.showPage()
        y = PAGE_H - MARGIN_TOP
        top_rule = False
