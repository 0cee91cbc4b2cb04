"""The 'dense' layout (pypdfium2): the table's cells one after another with no blank line between them.

What is left to go by is each line's width, what it says and the order the extractor printed the cells in (the
header's). The columns' widths are estimated from the text itself, each from lines that can only be its own: the
description's from the lines above a ministry tag ［…］, the column printed after it from the first bullets after a
tag, the other from the remaining bullets that wrapped; then measured again on the lines as read. Where bullets hang
(their wrapped lines indented under the mark), those indented lines set the widths measured, and a bullet's first
line may pass its column's by a cell (dense_hang). Each line is then given its cell by the model of
dense_lattice.py, which weighs every reading (dense_search.py keeps the cheapest) and names the lines another
reading explains about as well (the words that end a paragraph with no 。, 「…の課題を採択」, are learnt from the text by
dense_tails.py); where results and plans are as wide, dense_parallel.py looks again at where a row's results end, by
the bullets of the one that restate bullets of the other (the report states its plans in parallel with its results).
A row cut by a page break goes on, cell by cell, after the break (a repeated header, a page number or a running
title; where the text marks no page break at all, a row may be resumed anywhere, and each place it is, is named).
Each row is handed on as cells, in the header's order; the description cell says how many of its lines are the
title; the rows read with doubt are named by dense_doubts.py.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable

from ..model.eras import fiscal_year_of
from ..model.normalize import display_width
from . import (
    dense_ahead,
    dense_doubts,
    dense_hang,
    dense_parallel,
    dense_pieces,
    dense_quotes,
    dense_tails,
    dense_wraps,
)
from . import dense_search as search
from .dense_pieces import Piece
from .dense_roles import DSC, ITM, OFF, PLN, RES, TTL, Columns, Label
from .dense_search import Step
from .geometry import DESCRIPTION, OFFICE, PLANS, RESULTS, Geometry, slack, wrapped
from .table import Cell, Line, LineNote, Row, Table
from .vocabulary import (
    GOAL_RE,
    ITEM_HEAD_RE,
    OFFICE_MAX,
    OFFICE_WORD_RE,
    PLANS_LABEL_RE,
    RESULTS_LABEL_RE,
    TAG_OPEN_MAX,
    is_bullet_start,
    is_header_text,
    is_heading,
    is_office_piece,
    is_page_number,
    vision_number,
)

SAMPLE_LINES = 4_000
# a tag left open at the end of a line: 「…［担当省庁については、…記」, or its bracket alone 「…取り組む。［」
OPEN_TAG_RE = re.compile(r"［([^［］]{0,60})$")
MIN_SAMPLES = 5  # wrapped lines needed to tell a column's width
BULLET_LINES = 12  # lines of a bullet looked at
OTHER_SHARE = 0.15  # bullets of a second width needed to tell the second bullet column apart from the first
NEAR = 3  # widths this close are one column's
PEAK_LINES = 10  # wrapped lines of one width that make it a column's
HEADING_GAP = 5  # lines a heading's last words may come after (those it was joined from, blanked, between)
VISION_TAIL = 4  # characters of a vision heading's last words a line may hold: 「に向けて」
BUDGET_TAIL = 12  # characters of the line before that a budget cut by its end may start in: 「令和７年度予」
PAGE_LINES = 80  # more lines than a page of the table holds (A4 landscape, ~60 lines at 7 pt)
UNMARKED = ("the page header is printed only once, so page breaks are not marked in the text: where one cut a "
            "row, its parts were joined by their widths alone, and a short bullet at the top of a page may sit in "
            "the wrong column; read the PDF to be sure")
ROLE_OF = {DESCRIPTION: DSC, RESULTS: RES, PLANS: PLN, OFFICE: OFF}


def _most_common(widths: Iterable[float]) -> tuple[int, int]:
    counts = Counter(round(w) for w in widths)
    return counts.most_common(1)[0] if counts else (0, 0)


def _is_text(x: str) -> bool:
    return bool(x) and not is_header_text(x) and not is_heading(x) and not is_page_number(x)


def estimate_widths(lines: list[str], order: tuple[str, ...] = (DESCRIPTION, RESULTS, PLANS)) -> Geometry | None:
    """Each column's width (None: too few wrapped lines to tell). The commonest widths of the lines that
    wrap are the columns' widths; which is whose, lines that can only be one column's tell: the
    description's, the lines just above a line that closes a ministry tag; the column printed right after
    the description, the wrapped lines of the first bullet after a tag; the other, the remaining wrapped
    bullets where enough are of another width (else the two are as wide)."""
    text = [x.strip() for x in lines[:SAMPLE_LINES]]
    pieces = [dense_pieces.make_piece(x, 0) if _is_text(x) else None for x in text]
    desc: list[float] = []
    first: list[float] = []
    bullets: list[float] = []
    for i, x in enumerate(pieces):
        if x is None:
            continue
        if x.tag == 1:
            for j in (i - 1, i - 2):
                y = pieces[j] if j >= 0 else None
                if y is None or y.bullet or y.tag or "］" in y.text:
                    break
                desc.append(y.width)
            j = next((j for j in range(i + 1, min(i + 4, len(pieces)))
                      if pieces[j] is not None and pieces[j].text.startswith(("・", "○"))), None)
            if j is not None:
                first += _wrapped(pieces, j)
        if x.text.startswith(("・", "○")):  # (items ① are a description's too)
            bullets += _wrapped(pieces, i)
    d, nd = _most_common(desc)
    a, na = _most_common(first)
    if nd < MIN_SAMPLES or len(bullets) < MIN_SAMPLES or na < 3:
        return None
    others = [w for w in bullets if abs(w - a) > NEAR]
    b, nb = _most_common(others)
    if nb < max(MIN_SAMPLES, OTHER_SHARE * len(bullets)):
        b = a
    piles = _wrap_widths(text)
    peaks = _peaks(piles)
    near = _nearest(peaks, piles, d)
    # (a column its own lines put a cell wider than the description, which keeps its own width, is that
    # wide: its lines a cell short pile up with the description's, and outnumber its own)
    a, b = (w if w == d + 1 == near + 1 else _nearest(peaks, piles, w) for w in (a, b))
    # (where bullets hang, their wrapped lines, indented by the mark, pile up a cell under the column they are in:
    # a description as wide as the results keeps the width its own lines show, a cell over that pile)
    d = d if near == d - 1 and dense_hang.bullet_hang(text) else near
    after = next((role for role in order if role in (RESULTS, PLANS) and order.index(role) > order.index(DESCRIPTION)),
                 RESULTS)
    results, plans = (a, b) if after == RESULTS else (b, a)
    return Geometry.from_widths(float(d), float(results), float(plans), _office_width(text))


def _wrap_widths(text: list[str]) -> Counter[int]:
    """How many of the lines that wrap (a line followed by one that goes on with it) are of each width: each
    column's lines pile up at its width."""
    return Counter(round(display_width(text[i])) for i in range(len(text) - 1)
                   if text[i] and text[i + 1] and not is_bullet_start(text[i + 1]) and "］" not in text[i]
                   and not text[i].endswith("。") and not is_header_text(text[i]))


def _peaks(piles: Counter[int]) -> list[int]:
    """The commonest widths of the lines that wrap, at least NEAR + 1 apart."""
    peaks: list[int] = []
    for width, count in piles.most_common():
        if count < PEAK_LINES:
            break
        if all(abs(width - p) > NEAR for p in peaks):
            peaks.append(width)
    return peaks


def _nearest(peaks: list[int], piles: Counter[int], width: int) -> int:
    """The peak WIDTH belongs to, or WIDTH itself where lines pile up there more than a cell either side of
    it (a peak of its own), or where no peak is near: two columns a cell or three apart (a description of 22
    cells beside results of 25) make one peak, the commoner column's, and the other's own lines, which pile
    up at its width, tell it apart (a column's lines a cell short of it pile up less than at its width)."""
    if piles[width] >= PEAK_LINES and piles[width] > max(piles[width - 1], piles[width + 1]):
        return width
    near = [p for p in peaks if abs(p - width) <= NEAR]
    return min(near, key=lambda p: abs(p - width)) if near else width


def _office_width(text: list[str]) -> float:
    """The 「担当」 column's width: the commonest width of an office's first line where it wraps (「文科省研究振
    興局ライフサイ」 / 「エンス課」); the widest an office line may be where none does."""
    wraps = [display_width(x.rsplit(" ", 1)[-1]) for x, y in zip(text, text[1:], strict=False)
             if x and is_office_piece(x.rsplit(" ", 1)[-1]) and not OFFICE_WORD_RE.search(x)
             and is_office_piece(y) and OFFICE_WORD_RE.search(y)]
    width, count = _most_common(wraps)
    return float(width) if count >= 3 else OFFICE_MAX


def _wrapped(pieces: list[Piece | None], i: int) -> list[float]:
    """The widths of the lines of the bullet at I that wrap (not ending a sentence)."""
    out = []
    j = i
    top = pieces[i].width  # type: ignore[union-attr]
    while _wraps(pieces, j) and j - i < BULLET_LINES and pieces[j].width >= top - NEAR:  # type: ignore[union-attr]
        if not pieces[j].text.endswith("。"):  # type: ignore[union-attr]
            out.append(pieces[j].width)  # type: ignore[union-attr]
        j += 1  # (a line much shorter than the first ends the bullet: what follows is another cell's)
    return out


def _wraps(pieces: list[Piece | None], i: int) -> bool:
    """Does line I go on on the next line (no bullet, no tag, no heading there)?"""
    nxt = pieces[i + 1] if i + 1 < len(pieces) else None
    return nxt is not None and not nxt.bullet and not nxt.tag and " " not in pieces[i].text  # type: ignore[union-attr]


def _columns(geometry: Geometry, order: tuple[str, ...], header: str = "", hang: float = 0.0) -> Columns:
    roles = tuple(ROLE_OF[r] for r in order)
    return Columns(roles, {DSC: geometry.description, RES: geometry.results, PLN: geometry.plans, OFF: geometry.office},
                   years=_years(header), hang=hang)


def _years(header: str) -> tuple[int, int]:
    """The fiscal years the header names: the results' (令和６年度の実績・状況) and the plans' (0 where none)."""
    found = [RESULTS_LABEL_RE.search(header), PLANS_LABEL_RE.search(header)]
    years = [fiscal_year_of(m.group(0)) or 0 if m else 0 for m in found]
    return (years[0], years[1])


def _steps(lines: list[str], numbers: list[int], breaks: frozenset[int]) -> tuple[list[Step], int, list[int]]:
    """The model's steps after the first header line, its index, and the source lines where a page starts."""
    first = next((i for i, x in enumerate(lines) if is_header_text(x.strip())), None)
    if first is None:
        return [], -1, []
    steps: list[Step] = []
    starts: list[int] = []
    brk = False
    opened = ""  # the inside of a tag the last line left open
    previous = ""  # the last line of text
    rejoined = _rejoined(lines[first + 1:], numbers[first + 1:])
    skip = -1
    for k, (x, no) in enumerate(rejoined):
        text = x.strip()
        if k == skip:
            continue
        if is_header_text(text) or is_page_number(text) or no in breaks:
            brk = True
            continue
        if not text:
            continue
        if brk and steps:
            starts.append(no)
        if is_heading(text):
            j = next((j for j in range(k + 1, min(k + HEADING_GAP, len(rejoined))) if rejoined[j][0].strip()), k)
            if j > k and _heading_tail(text, rejoined[j][0].strip()):  # (the lines a heading was joined from are blank)
                text, skip = text + rejoined[j][0].strip(), j
            steps.append(Step(no, [([dense_pieces.make_piece(text, no)], 0.0)], brk, heading=True))
        else:
            steps.append(Step(no, dense_pieces.options(text, no, opened, previous[-BUDGET_TAIL:], previous), brk))
        if opened and "］" not in text and len(opened) + len(text) <= TAG_OPEN_MAX:
            # 「［担当省庁につ」 / 「いては、…参」 / 「照］」: a tag wrapped over three lines; the cells on the line after
            # its 「［」 (「令和５年度に事業終了 後継事業の予定無し」, then a page break and 「◎文］」) are none of it
            if not dense_pieces.PIECE_SPLIT_RE.search(text):
                opened += text
        else:
            m = OPEN_TAG_RE.search(text)
            opened = (m.group(1) or " ") if m else ""  # (" ": opened with nothing inside yet)
        brk = False
        previous = text
    steps = dense_tails.mark_paragraph_ends(steps, dense_tails.paragraph_ends(lines[first + 1:]))
    steps = dense_quotes.mark_quotes_going_on(dense_ahead.mark_ahead(steps))
    return dense_wraps.mark_next_leads(steps), first, starts


def _heading_tail(heading: str, tail: str) -> bool:
    """Is TAIL the last words of HEADING wrapped onto a line of its own: a vision's 「に向けて」 after its
    「…の確保」 (a few characters that go on with it), a goal's 「（再掲）」 after its 【…】?"""
    if not tail or is_heading(tail) or is_header_text(tail) or is_page_number(tail):
        return False
    if GOAL_RE.match(heading):
        return bool(GOAL_RE.match(heading + tail) and GOAL_RE.match(heading + tail).group("rep"))  # type: ignore[union-attr]
    return (vision_number(heading) is not None and len(tail) <= VISION_TAIL and not is_bullet_start(tail)
            and not any(c in tail for c in "。、「」［］") and vision_number(heading + tail) is not None)


def _rejoined(lines: list[str], numbers: list[int]) -> list[tuple[str, int]]:
    """A title and the bullet printed on its baseline were parted (text_lines.split_titles): one line
    again, its cells on one baseline (the model cuts it where it reads best)."""
    out: list[tuple[str, int]] = []
    for x, no in zip(lines, numbers, strict=True):
        if out and no and out[-1][1] == no:
            out[-1] = (out[-1][0].rstrip() + " " + x.strip(), no)
        else:
            out.append((x, no))
    return out


def read_dense(lines: list[str], numbers: list[int], order: tuple[str, ...] = (DESCRIPTION, RESULTS, PLANS),
               breaks: frozenset[int] = frozenset()) -> Table | None:
    """The rows of a dense text (LINES with their source NUMBERS, the header's column ORDER, the source lines
    of running titles BREAKS); None when too few lines wrap to tell the columns' widths apart."""
    geometry = estimate_widths(lines, order)
    return None if geometry is None else read_at_widths(lines, numbers, geometry, order, breaks)


def read_at_widths(lines: list[str], numbers: list[int], geometry: Geometry,
                   order: tuple[str, ...] = (DESCRIPTION, RESULTS, PLANS), breaks: frozenset[int] = frozenset()
                   ) -> Table | None:
    """The rows of a dense text whose columns' widths are about GEOMETRY's (measured again on the lines as
    read); None without a header line."""
    steps, first, starts = _steps(lines, numbers, breaks)
    if first < 0:
        return None
    marked = bool(starts)
    long = sum(1 for s in steps if not s.heading) > PAGE_LINES
    cols = _columns(geometry, order, lines[first], dense_hang.bullet_hang(lines[first + 1:]))
    result = search.read(steps, cols, implicit=not marked and long)
    measured = _measured(steps, result, cols)
    if measured != cols.widths:  # the widths the lines read show: once more with them
        cols = Columns(cols.order, measured, years=cols.years, hang=cols.hang)
        result = search.read(steps, cols, implicit=not marked and long)
    repairs = dense_parallel.repair(steps, result, cols, implicit=not marked and long)
    geometry = Geometry.from_widths(cols.widths[DSC], cols.widths[RES], cols.widths[PLN], cols.widths[OFF])
    notes: list[LineNote] = []
    if not marked and long:
        notes.append(LineNote(0, "layout-page-breaks-unmarked", UNMARKED))
    printed = lines[first].strip()  # (the grammar reads it with its hidden labels set apart: 「列3担当 列4」)
    rows = [Row([Cell([Line(numbers[first], 1, printed, printed)])])]
    rows += _Rows(steps, result, cols, starts, notes, tuple(repairs)).rows
    return Table(rows, "dense", geometry, notes=notes)


def _measured(steps: list[Step], result: search.Result, cols: Columns) -> dict[int, float]:
    """Each column's width as the lines read into it show: the commonest width of its lines that go on."""
    seq = [(x, label) for step, r, labels in zip(steps, result.readings, result.labels, strict=True)
           if not step.heading for x, label in zip(step.readings[r][0], labels, strict=False)]
    samples: dict[int, list[float]] = {DSC: [], RES: [], PLN: []}
    for (x, a), (y, b) in zip(seq, seq[1:], strict=False):
        role = DSC if a.role in (TTL, ITM) else a.role
        if role in samples and a.role != TTL and b.role == a.role and not b.new_row and not y.bullet \
                and not y.item and not y.joined and not x.tag:
            samples[role].append(x.width)
    out = dict(cols.widths)
    for role, values in samples.items():
        width, count = _most_common(values)
        if count >= MIN_SAMPLES and abs(width - cols.widths[role]) >= 2:
            out[role] = float(width)
    return out


class _Rows:
    """The rows the labels make, in the header's cell order, and a note for each row read with doubt."""

    def __init__(self, steps: list[Step], result: search.Result, cols: Columns, starts: list[int],
                 notes: list[LineNote], repairs: tuple[dense_parallel.Repair, ...] = ()) -> None:
        self.cols, self.starts, self.notes = cols, starts, notes
        self.rows: list[Row] = []
        self.cells: dict[int, list[Line]] | None = None
        self.title = 0
        self.anchor = 0
        anchors: list[int] = []  # per step, the anchor line of the row holding it
        for i, step in enumerate(steps):
            if step.heading:
                self.close()
                self.rows.append(Row([Cell([self.line(step.readings[0][0][0])])]))
                anchors.append(step.no)
                continue
            pieces = step.readings[result.readings[i]][0]
            for x, label in zip(pieces, result.labels[i], strict=False):
                self.add(x, label)
            anchors.append(self.anchor)
        self.close()
        self.notes += dense_doubts.notes(steps, result, cols, anchors, repairs)

    def page(self, no: int) -> int:
        return bisect.bisect_right(self.starts, no) + 1

    def line(self, x: Piece, role: int | None = None) -> Line:
        if role == ITM:
            text = ITEM_HEAD_RE.sub(r"\1\t", x.text)  # 「①\t…」, as the sample prints an item
            return Line(x.no, self.page(x.no), text, x.text,
                        slack=slack(display_width(text), wrapped(self.cols.widths[DSC])))
        return Line(x.no, self.page(x.no), x.text, x.text)

    def add(self, x: Piece, label: Label) -> None:
        if label.new_row or self.cells is None:
            self.close()
            self.cells = {role: [] for role in self.cols.order}
            self.title = 0
            self.anchor = x.no
        role = DSC if label.role in (TTL, ITM) else label.role
        if not self.cells[DSC] and role == DSC:
            self.anchor = x.no  # a row is cited at its title or description (an office printed first aside)
        if label.role == TTL:
            self.title += 1
        self.cells[role].append(self.line(x, label.role))

    def close(self) -> None:
        if self.cells is None:
            return
        out = []
        for role in self.cols.order:
            lines = self.cells[role]
            if role == OFF and lines:  # an office wrapped in its cell: one name
                lines = [Line(lines[0].no, lines[0].page, "".join(x.text for x in lines))]
            out.append(Cell(lines, title=self.title if role == DSC else None))
        self.rows.append(Row(out))
        self.cells = None
