"""The table of a report PDF as rows of cells, each cell its lines of text with their boxes.

pdfium (pdf_page.py) reads each page's characters and ruling lines; pdfplumber's table finder turns
the rules into cells; pdf_open.py checks the file's structure and limits before any page is drawn.
The table is found by its ruling lines. Where a page break cuts a row, the row has no bottom rule on
one page (and, when the header is not repeated, no top rule on the next): pdfplumber's lines strategy
then drops that cell's text, so the closing edges are added at the ends of the vertical rules, and
the row left open at a page bottom is joined to the first row after the next page's header.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..model.errors import EditionParseError
from ..model.normalize import display_width, fold_extracted
from .pdf_columns import (
    LINE_END_MARKS,
    blank_rest,
    boundaries,
    column_starts,
    crosses,
    header_count,
    inner_verticals,
    line_starts,
    merged_rules,
    ruled_span,
    rules_reach,
    text_below,
    text_lines,
    vertical,
    without_furniture,
)
from .pdf_open import (
    MAX_CHARS_PER_PAGE,
    MAX_GRAPHICS_PER_PAGE,
    close_pdf,
    open_pdf,
    open_pdfium,
    pdf_pages,
    refusal_reason,
)
from .pdf_page import page_chars, page_edges
from .pdf_work import PdfWork
from .table import Line
from .vocabulary import is_header_text, round_open

_JOIN_GAP = 1.0  # points: vertical rules closer than this belong to one run
_INSET = 0.3  # points: where a mark starts, a little in from its box
UNTABLED_CHARS = 20  # characters on a page after the table began that no row holding them is worth a warning
FULL_SHARE = 10  # one line in this many may end past where a column's full lines end
_CLOSED = 2.0  # points: a horizontal rule this close to the end of the vertical rules closes the row

Progress = Callable[[int, int], None]


@dataclass
class Cell:
    """One cell of one page: its box and lines (Line.page is the PDF page, Line.no the line in the cell)."""

    page: int
    bbox: tuple[float, float, float, float]
    lines: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(x.text for x in self.lines)


@dataclass
class TableRow:
    """A row of the table, over one or more pages: one list of Cell parts per column (spanning: one)."""

    columns: list[list[Cell]]

    @property
    def spanning(self) -> bool:
        return len(self.columns) == 1

    def lines(self, col: int) -> list[Line]:
        return [x for cell in self.columns[col] for x in cell.lines] if col < len(self.columns) else []

    def text(self, col: int) -> str:
        return "".join(x.text for x in self.lines(col))


@dataclass
class PdfTable:
    rows: list[TableRow]
    right_edges: dict[tuple[int, int], float]  # (page, column) → where full lines end
    em: float  # the body font's em (a full-width character's advance), in points
    metadata: dict[str, str]
    outside_text: str  # text on page 1 outside the table (the synthetic mark, a title)
    pages: int
    unread: list[int] = field(default_factory=list)  # pages whose table's columns could not be told
    untabled: list[int] = field(default_factory=list)  # pages after the table began whose text no row holds


@dataclass
class _Columns:
    """What the pages so far said of a table without vertical rules: how many columns the header names,
    and where lines start (a table's columns are the same on every page)."""

    count: int = 3
    starts: Counter[int] = field(default_factory=Counter)  # how many lines start at each x, pages so far
    across: tuple[float, float] | None = None  # the table's left and right ends on the page before


def read_table(data: bytes, progress: Progress | None = None) -> PdfTable:
    """The report's table: rows joined across pages, cells as lines of folded text."""
    pdf = open_pdf(data)
    doc = None
    try:
        doc = open_pdfium(data)
        return _read(pdf, doc, progress)
    except EditionParseError:
        raise
    except (RecursionError, MemoryError):
        raise EditionParseError("the PDF is too deeply nested or too large to read") from None
    except Exception as exc:  # a broken object deep in a page: refuse the file, never a traceback
        raise EditionParseError(f"cannot read the PDF: {refusal_reason(exc)}") from None
    finally:
        if doc is not None:
            doc.close()
        close_pdf(pdf)


def _read(pdf: Any, doc: Any, progress: Progress | None) -> PdfTable:
    metadata = {str(k): str(v) for k, v in (pdf.metadata or {}).items() if isinstance(v, (str, bytes))}
    rows: list[TableRow] = []
    right: dict[tuple[int, int], float] = {}
    sizes: list[float] = []
    chars_seen = 0
    outside = ""
    open_prev = False
    columns = _Columns()
    unread: list[int] = []
    untabled: list[int] = []
    furniture: list[tuple[str, float]] = []  # the page before's first and last lines
    total = sum(1 for _ in pdf_pages(pdf))  # walks the page tree only (over the limit: refused)
    if total != len(doc):
        raise EditionParseError(f"the PDF's page tree holds {total:,} pages but says {len(doc):,}: a damaged file")
    work = PdfWork(pdf)  # what every page draws, forms included, counted before any page is drawn
    n = 0
    for n, page in pdf_pages(pdf):
        if progress:
            progress(n, total)
        fpage = doc[n - 1]
        try:
            chars = page_chars(fpage, n, MAX_CHARS_PER_PAGE)
            chars, furniture = without_furniture(chars, furniture)
            edges = page_edges(fpage, n, MAX_GRAPHICS_PER_PAGE)
        finally:
            fpage.close()
        chars_seen += len(chars)
        work.charge(n, chars, edges)  # totals for the whole file; the grid before the table finder runs
        sizes.extend(c["x1"] - c["x0"] for c in chars[:2000] if display_width(c["text"]) == 1.0)
        page_rows, closed_top, closed_bottom, top = _page_rows(page, n, chars, edges, right, columns, open_prev)
        if page_rows is None:
            unread.append(n)
            page_rows = []
        elif not page_rows and rows and sum(1 for c in chars if c["text"].strip()) >= UNTABLED_CHARS:
            untabled.append(n)
        if n == 1:
            outside = "".join(c["text"] for c in chars if c["bottom"] <= top)
        body = [r for r in page_rows if not _is_header(r)]
        # The row left open ended in a blank band above this page's table, or ended at the page's foot where
        # no header follows: Chromium draws the rule between it and the next row at this page's top only.
        if open_prev and closed_top and (blank_rest(edges, chars, top) or len(body) == len(page_rows)):
            open_prev = False
        if not rows:  # the header row is read once, from the first page that has the table
            rows.extend(r for r in page_rows if _is_header(r))
        # (a heading 【… still to close is cut whether the page break left it open or closed it with rules)
        if (open_prev or not closed_top or (rows and heading_cut(rows[-1]))) and body and rows \
                and _joins(rows[-1], body[0]):
            if heading_cut(rows[-1]):  # a vision or goal cut by the page break: its rest, wherever it sits
                filled = next(parts for parts in rows[-1].columns if any(p.lines for p in parts))
                filled.extend(part for parts in body[0].columns for part in parts if part.lines)
            else:
                for col, parts in enumerate(body[0].columns):
                    drop_peeking_glyph(rows[-1].columns[col], parts)
                    rows[-1].columns[col].extend(parts)
            body = body[1:]
        rows.extend(body)
        open_prev = bool(page_rows) and not closed_bottom
    if chars_seen == 0:
        raise EditionParseError("the PDF has no text layer (a scanned image?); policydiff needs the text of the table")
    if not rows:
        raise EditionParseError("no table found in the PDF: no ruled table of this report")
    sizes.sort()
    return PdfTable(rows, right, sizes[len(sizes) // 2] if sizes else 5.0, metadata, fold_extracted(outside), n,
                    unread, untabled)


def _joins(before: TableRow, rest: TableRow) -> bool:
    """Can REST (the first row of a page) be the rest of the row BEFORE, left open by the page break? Cells
    in the same columns, or the rest of a row across the table (its text in one cell only)."""
    if heading_cut(before):
        return sum(1 for parts in rest.columns if any(p.lines for p in parts)) == 1
    return len(before.columns) == len(rest.columns)


def drop_peeking_glyph(before: list[Cell], rest: list[Cell]) -> None:
    """Drop the glyphs a cut cell shows at its foot where the next page's first line prints them, in the same
    places: Chromium draws the top of the line a page break cuts on both pages, the glyphs whose ink rises
    above their line (the dakuten of 「グ」, seed 3731) or reaches its top (every kanji of 「⑤ 医療従事者の業務
    の効率化…」 but the kana: 「⑤療従事者業務効率…」, seed 6230). More than two glyphs must skip some of the
    line's own, so that a cell's last line that only begins as the next page's does is kept."""
    if not before or not rest or not before[-1].lines or not rest[0].lines:
        return
    last, first = before[-1].lines[-1], rest[0].lines[0]
    if last.box is None or first.box is None or len(before[-1].lines) < 2 or first.box[2] <= first.box[0]:
        return
    em = (first.box[2] - first.box[0]) / max(display_width(first.text), 1.0)
    start, end = ((x - first.box[0]) / em for x in (last.box[0], last.box[2]))  # in ems from the line's start
    if len(last.text) <= 2:
        at = first.text.find(last.text)
        while at >= 0 and abs(display_width(first.text[:at]) - start) > 1.0:
            at = first.text.find(last.text, at + 1)
        if at >= 0:
            before[-1].lines.pop()
        return
    for at in (k for k, ch in enumerate(first.text) if ch == last.text[0]):
        if abs(display_width(first.text[:at]) - start) > 1.0:
            continue
        places = _places(last.text, first.text, at)
        if places and places[-1] - places[0] >= len(places) \
                and abs(display_width(first.text[:places[-1] + 1]) - end) <= 1.0:
            before[-1].lines.pop()
            return


def _places(part: str, line: str, at: int) -> list[int]:
    """Where PART's characters fall in LINE, in order from AT, each at the first place left ([]: not all)."""
    places = []
    for ch in part:
        at = line.find(ch, at)
        if at < 0:
            return []
        places.append(at)
        at += 1
    return places


def heading_cut(row: TableRow) -> bool:
    """Is ROW a vision or goal (text in one cell only) whose closing bracket is still to come?"""
    filled = [k for k in range(len(row.columns)) if row.lines(k)]
    if len(filled) != 1:
        return False
    text = row.text(filled[0])
    if text.startswith("【"):  # 「【…」, or a reposted goal cut in its mark: 「【…】（再」 / 「掲）」 (seed 1335)
        rest = text.rpartition("】")[2]
        return "】" not in text or round_open(rest)
    return text.startswith(("（", "(")) and "「" in text and "」" not in text


def _is_header(row: TableRow) -> bool:
    return not row.spanning and is_header_text(" ".join(row.text(k) for k in range(len(row.columns))))


def _table_span(edges: list[Any]) -> tuple[float, float, float, float] | None:
    """(x0, top, x1, bottom) of the longest run of vertical rules at the table's left edge."""
    verticals = [e for e in edges if e["orientation"] == "v" and e["height"] > 2]
    if not verticals:
        return None
    by_x: dict[int, list[Any]] = {}
    for e in verticals:
        by_x.setdefault(round(e["x0"]), []).append(e)
    best: tuple[float, float, float] | None = None  # (length, top, bottom)
    for edges in by_x.values():
        edges.sort(key=lambda e: e["top"])
        top, bottom = edges[0]["top"], edges[0]["bottom"]
        for e in edges[1:] + [None]:
            if e is not None and e["top"] <= bottom + _JOIN_GAP:
                bottom = max(bottom, e["bottom"])
                continue
            if best is None or bottom - top > best[0]:
                best = (bottom - top, top, bottom)
            if e is not None:
                top, bottom = e["top"], e["bottom"]
    assert best is not None
    _, top, bottom = best
    inside = [e for e in verticals if e["top"] < bottom - 1 and e["bottom"] > top + 1]
    return min(e["x0"] for e in inside), top, max(e["x1"] for e in inside), bottom


def _page_rows(page: Any, n: int, chars: list[Any], edges: list[Any], right: dict[tuple[int, int], float],
               known: _Columns, continued: bool) -> tuple[list[TableRow] | None, bool, bool, float]:
    """Rows of one page (None: a table whose columns cannot be told), whether the table's top and bottom
    are ruled, and the table's top."""
    span = _table_span(edges)
    long = [y for y, a, b in merged_rules(edges) if b - a >= 0.5 * page.width]
    ruled = None
    if len(long) > 1 and (span is None or inner_verticals(edges, span) < 2
                          or span[3] - span[1] < 0.5 * rules_reach(long, chars) or text_below(chars, span)):
        ruled = ruled_span(edges, chars, page.width, continued)
    elif len(long) < 2 and span is None and known.across is not None:
        # A page of one row's text going on to the next page, ruled across at most above it (or left open on
        # the page before, no rule at all), in the columns of the pages before.
        inside = [c for c in chars if known.across[0] <= (c["x0"] + c["x1"]) / 2 <= known.across[1]
                  and (continued or not long or (c["top"] + c["bottom"]) / 2 > long[0])]
        if inside:
            top = long[0] if long and not continued else min(c["top"] for c in inside) - 1
            ruled = (known.across[0], top, known.across[1], max(c["bottom"] for c in inside) + 1)
    cuts: list[float] = []
    starts: list[float] = []
    em = 0.0
    if ruled is not None:
        span = ruled  # no vertical rules between the columns: the columns are told by the text
        known.across = (span[0], span[2])
        em = _median([c["x1"] - c["x0"] for c in chars if display_width(c["text"]) == 1.0]) or 5.0
        _count_columns(chars, edges, span, known)
        known.starts.update(line_starts(chars, span, em))
        found = column_starts(known.starts, known.count, em)
        if found is None:
            return None, True, True, span[1]
        starts = found
        cuts = boundaries(starts, em)
    if span is None:
        return [], True, True, page.height
    x0, top, x1, bottom = span
    width = x1 - x0
    flat = [e for e in edges if e["orientation"] == "h" and e["x1"] > x0 and e["x0"] < x1]
    closed_top, closed_bottom = _ruled(flat, top, x0, x1), _ruled(flat, bottom, x0, x1)
    closing = [{"x0": x0, "x1": x1, "top": y, "bottom": y, "doctop": y, "width": width, "height": 0,
                "object_type": "line", "orientation": "h"} for y in (top, bottom)]
    # Only the rules of this table: a box drawn just above it (a title, the synthetic mark) must not join it.
    verticals = [e for e in edges if e["orientation"] == "v" and e["top"] >= top - 1 and e["bottom"] <= bottom + 1]
    if cuts:
        verticals = [vertical(x, top, bottom) for x in (x0, *cuts, x1)]
    flat = [e for e in flat if top - 1 <= e["top"] <= bottom + 1]
    settings = {"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                "explicit_vertical_lines": verticals, "explicit_horizontal_lines": flat + closing,
                "intersection_tolerance": 3}
    tables = [t for t in page.find_tables(settings) if t.bbox[0] < x0 + 3 and t.bbox[2] > x1 - 3]
    if not tables:
        return [], True, True, top
    table = max(tables, key=lambda t: (t.bbox[3] - t.bbox[1]))
    ordered = sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2)
    mids = [(c["top"] + c["bottom"]) / 2 for c in ordered]
    rows: list[TableRow] = []
    ends: dict[int, list[float]] = {}  # column → where its lines end on this page
    alone: dict[int, list[float]] = {}  # ... those of rows of one cell's text
    for grid_row in table.rows:
        boxes = [b for b in grid_row.cells if b is not None]
        if not boxes:
            continue
        lo, hi = bisect_left(mids, boxes[0][1]), bisect_right(mids, boxes[0][3])
        in_row = ordered[lo:hi]
        if cuts and len(boxes) > 1 and crosses(in_row, starts, em):  # a vision or goal across the table
            boxes = [(boxes[0][0], boxes[0][1], boxes[-1][2], boxes[0][3])]
        columns = [[Cell(n, tuple(round(v, 1) for v in box), _lines(inside, n))]  # type: ignore[arg-type]
                   for box, inside in zip(boxes, cell_chars(in_row, boxes), strict=True)]
        filled = sum(1 for parts in columns if parts[0].lines)
        if filled > 1:  # a row of one cell's text (a heading across empty cells) may run to the cell's edge
            for k, parts in enumerate(columns):
                ends.setdefault(k, []).extend(x.box[2] for x in parts[0].lines if x.box)
        elif filled == 1 and len(boxes) > 1:
            k = next(k for k, parts in enumerate(columns) if parts[0].lines)
            alone.setdefault(k, []).extend(x.box[2] for x in columns[k][0].lines if x.box)
        if filled:  # a ruled band without text is no row
            rows.append(TableRow(columns))
    for k, x1s in (alone | ends).items():  # a column with no row of several cells: its lone cells tell
        if x1s:
            right[(n, k)] = _full_end(x1s)
    return rows, closed_top, closed_bottom, top


def _full_end(x1s: list[float]) -> float:
    """Where a column's full lines end on a page: the right end of its lines but for a few that run further
    (a tenth): a line of latin letters or one a viewer sets in other metrics may end past the others."""
    x1s = sorted(x1s, reverse=True)
    return x1s[min(len(x1s) - 1, len(x1s) // FULL_SHARE)]


def cell_chars(chars: list[Any], boxes: list[Any]) -> list[list[Any]]:
    """CHARS of a row band into its cells' BOXES (side by side), each character in one cell only: one whose
    anchor falls right on the edge two boxes share goes to the right one (seed 1146: 「が」 was read twice)."""
    out: list[list[Any]] = [[] for _ in boxes]
    for c in chars:
        at = _anchor(c)
        k = next((k for k, box in enumerate(boxes) if box[0] <= at < box[2]), None)
        if k is None and boxes and at == boxes[-1][2]:
            k = len(boxes) - 1
        if k is not None:
            out[k].append(c)
    return out


def _anchor(c: dict[str, Any]) -> float:
    """Where a character sits, to tell its cell: its middle (a box may be its ink's: Type3 glyphs); a mark
    kept at a line's end (kinsoku: 」。、) by where it starts, as it may stand out of its cell past the
    boundary, its middle in the next cell."""
    return c["x0"] + _INSET if c["text"] in LINE_END_MARKS else (c["x0"] + c["x1"]) / 2


def _count_columns(chars: list[Any], edges: list[Any], span: tuple[float, float, float, float], known: _Columns) -> None:
    """How many columns the header row names, where this page prints it (one of the first row bands)."""
    x0, top, x1, bottom = span
    rules = sorted({y for y, a, b in merged_rules(edges) if top - 1 <= y <= bottom + 1 and b - a > 0.5 * (x1 - x0)})
    for upper, lower in zip(rules[:3], rules[1:4], strict=False):
        count = header_count(text_lines([c for c in chars if upper <= (c["top"] + c["bottom"]) / 2 <= lower]))
        if count is not None:
            known.count = count
            return


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2] if values else 0.0


def _ruled(edges: list[Any], y: float, x0: float, x1: float) -> bool:
    """Is there a horizontal rule across the table at Y? Borders come cell by cell, so the segments near
    Y are merged and must cover the width."""
    spans = sorted((max(e["x0"], x0), min(e["x1"], x1)) for e in edges if abs(e["top"] - y) <= _CLOSED)
    covered, reach = 0.0, x0
    for a, b in spans:
        if b > reach:
            covered += b - max(a, reach)
            reach = b
    return covered >= 0.9 * (x1 - x0)


def _lines(chars: list[Any], page: int) -> list[Line]:
    """Characters of one cell → lines, top to bottom, each left to right; gaps become spaces."""
    out: list[Line] = []
    for group in text_lines(chars):
        text = ""
        last = None
        for c in group:
            # A space only between latin characters: Japanese has none, and a proportional 「・」 (Noto)
            # leaves gaps that pdfium reads as spaces (「実績 ・ 状況」).
            if last is not None and (c.get("space_before") or c["x0"] - last["x1"] > 0.25 * c["size"]) \
                    and not text.endswith(" ") and c["text"] != " " and last["text"].isascii() and c["text"].isascii():
                text += " "
            text += c["text"]
            last = c
        text = fold_extracted(text.replace("\x02", "-")).strip()  # pdfium's code for a hyphen ending a line
        if not text:
            continue
        box = (round(min(c["x0"] for c in group), 1), round(min(c["top"] for c in group), 1),
               round(max(c["x1"] for c in group), 1), round(max(c["bottom"] for c in group), 1))
        fonts = Counter(c.get("fontname", "").split("+")[-1] for c in group)
        out.append(Line(len(out) + 1, page, text, text, box, fonts.most_common(1)[0][0]))
    return out
