"""Which row and column each of pdfminer's text boxes belongs to (text_boxes.py reads and prints them).

A box is given a column by what its widths show alone (width_column), else by what it starts with and
which cells wait for text; descriptions start rows, each column's cells follow in row order, a box that
starts mid-sentence continues a cell left open. Each placement made from weak evidence is kept on its
row (Row.doubts) so that the edition can name the rows to check against the PDF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ..model.edition import ParseWarning
from ..model.normalize import display_width
from .geometry import DESCRIPTION, PLANS, RESULTS, Geometry
from .ministries import SUBHEADING_TAG_RE, is_ministry_list
from .vocabulary import (
    AMOUNT_END_RE,
    AMOUNT_REST_RE,
    CELL_END,
    OFFICE_RE,
    OFFICE_WORD_RE,
    TAG_CLOSE_RE,
    TAG_OPEN_RE,
    is_bullet_start,
    is_heading,
    is_page_number,
    is_title_line,
)

DESC = DESCRIPTION
SENTENCE_END = CELL_END  # a paragraph of a cell ends so (。 or a closing bracket)
FULL_SLACK = 4.0  # a full line stops up to this many cells short of its column's width (line-break rules,
# half-width digits printed wider than half a cell)
ITEM_RE = re.compile(r"^([①-⑳])[\s　]*")  # ① 日常生活における… : an item of a description
OPEN_SHARE = 0.75  # a cell's last line this wide without a sentence end: the sentence goes on elsewhere
LOOKAHEAD = 6  # boxes looked at ahead to tell which open cell a continuation belongs to
RESUMED_GAP = 4  # boxes of other cells between a description's pieces: more is a page break, fewer line by line


@dataclass
class Box:
    """Lines pdfminer printed together (one cell, or a piece of one), with their source line numbers."""

    lines: list[str]
    numbers: list[int]
    page: int = 1

    @cached_property
    def widths(self) -> list[float]:
        return [display_width(x) for x in self.lines]


@dataclass
class Cell:
    """A column's text in one row, as read so far."""

    lines: list[str] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    open_since: int = -1  # box index from which the cell waits for the rest of a sentence (-1: not open)
    last: int = -1  # the index of its last box

    def add(self, box: Box) -> None:
        self.lines += box.lines
        self.numbers += box.numbers


@dataclass
class Row:
    """A table row: [title] description［tag］, results, plans [, 担当]."""

    desc: Cell
    title: bool
    closed: bool = False  # its ministry tag has been read
    note: bool = False  # closed by a 「担当省庁…」 bracket: a heading over rows, with no columns of its own
    cells: dict[str, Cell] = field(default_factory=dict)
    office: Cell | None = None
    items: Cell | None = None  # ① … items printed after the description's tag, in its cell
    resumed: int = -1  # the box at which its description went on long after its results and plans began
    # (a page break?), else -1
    desc_box: int = -1  # the index of its description's last box
    doubts: list[str] = field(default_factory=list)  # placements read from weak evidence, for a warning




@dataclass
class State:
    """Where the reading stands: the rows so far and, per column, the row whose cell is being read."""

    widths: Geometry
    title_max: float
    items: list[Row | Box] = field(default_factory=list)  # rows and spanning lines (visions, goals)
    rows: list[Row] = field(default_factory=list)
    at: dict[str, int] = field(default_factory=lambda: {RESULTS: -1, PLANS: -1, "office": -1})
    last: str = ""  # the column of the last box
    previous: str = ""  # the column of the box before it
    seen: dict[str, int] = field(default_factory=dict)  # rows printed when a column's last box was
    page: int = 1
    cut: int = -1  # the row cut by the last page break (its description goes on), -2 until known
    cut_columns: set[str] = field(default_factory=set)  # columns whose first box on the page is not yet read
    offices: list[Box] = field(default_factory=list)  # office boxes printed since the last other box
    doubt_row: bool = False  # the last choice of a row was made from the boxes' order and heights
    doubt: str = ""  # why the box being placed may be in the wrong column or row
    warnings: list[ParseWarning] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    decided: list[str] = field(default_factory=list)  # each box's column as its widths alone show ('' if not)


def place_boxes(boxes: list[Box], widths: Geometry, title_max: float, office: bool
                ) -> tuple[list[Row | Box], list[ParseWarning]]:
    """The rows (and spanning lines: visions, goals) the boxes make, in order, and what was left out."""
    state = State(widths, title_max)
    state.boxes = boxes
    state.decided = [width_column(box, widths, title_max) for box in boxes]
    for k, box in enumerate(boxes):
        _place(state, k, box, office)
    _place_offices(state)
    return state.items, state.warnings


def has_tag(box: Box) -> bool:
    """Does the box close a ministry tag (or open one that goes on in the next box)?"""
    return any(_closes_tag(x) for x in ["".join(box.lines), *box.lines]) or bool(TAG_OPEN_RE.search(box.lines[-1]))


def _closes_tag(text: str) -> bool:
    return any(is_ministry_list(m.group(1).strip()) or SUBHEADING_TAG_RE.search(m.group(1))
               for m in TAG_CLOSE_RE.finditer(text))


def _spanning(box: Box) -> bool:
    """A vision （１）…, a goal 【…】 or a （上記参照）: a row across the table, alone in its box."""
    return len(box.lines) == 1 and is_heading(box.lines[0])


def _is_office(box: Box) -> bool:
    return all(OFFICE_RE.match(x) for x in box.lines) and bool(OFFICE_WORD_RE.search("".join(box.lines))) \
        and len(box.lines) <= 3


def _place(state: State, k: int, box: Box, office: bool) -> None:
    if len(box.lines) == 1 and is_page_number(box.lines[0]):
        return
    if box.page > state.page:  # a row cut by the page break goes on at the top of the next page
        state.page, state.cut, state.cut_columns = box.page, -2, {RESULTS, PLANS}
    if _spanning(box):
        state.items.append(box)
        return
    if office and _is_office(box):
        state.previous = state.last = "office"
        state.offices.append(box)
        return
    _place_offices(state)
    state.doubt, state.doubt_row = "", False
    column = _column(state, k, box)
    state.previous, state.last = state.last, column
    rows = [_place_description(state, k, box)] if column == DESC else _place_cell(state, k, box, column)
    if state.doubt:
        for r in rows:
            state.rows[r].doubts.append(f"lines {span(box)} ({column}): {state.doubt}")


def _full(width: float, column: float) -> bool:
    return width >= column - FULL_SLACK


def _column(state: State, k: int, box: Box) -> str:
    """The column a box belongs to: what its widths show, else what it starts with and which cells wait."""
    column = state.decided[k]
    if column:
        return column
    widest = max(box.widths)
    fits = [c for c in (DESC, RESULTS, PLANS) if widest <= state.widths.of(c) + 1.5]
    if is_bullet_start(box.lines[0]):
        return _bullet_column(state, box, widest)
    return _loose_column(state, k, box, fits)


def width_column(box: Box, w: Geometry, title_max: float) -> str:
    """The column a box's widths or tag show alone ('' when they do not): its full lines (not ending a
    sentence) are as wide as one column's, a title stands over a description line, or only one column is
    wide enough."""
    if has_tag(box):
        return DESC
    widths = box.widths
    if len(widths) == 2 and is_title_line(box.lines[0], title_max) and widths[1] > w.plans + FULL_SLACK:
        return DESC  # a title over the first line of its description
    fits = [c for c in (DESC, RESULTS, PLANS) if max(widths) <= w.of(c) + 1.5]
    full = [x for x, line in zip(widths[:-1], box.lines[:-1], strict=True) if not line.endswith(SENTENCE_END)]
    inner = full or widths[:-1]
    if inner and fits:
        near = min(fits, key=lambda c: abs(w.of(c) - max(inner)))
        if abs(w.of(near) - max(inner)) <= FULL_SLACK:
            return near
    if (widths[-1] > title_max or len(widths) > 1) and not box.lines[-1].endswith(SENTENCE_END):  # full, no title
        full_in = [c for c in fits if _full(widths[-1], w.of(c))]
        if len(full_in) == 1:
            return full_in[0]
    return fits[0] if len(fits) == 1 else RESULTS if not fits else ""


def _bullet_column(state: State, box: Box, width: float) -> str:
    """A short bullet: as wide as a full line of a column if it ends mid-sentence; else the results of a
    row whose description is printed and has none yet, the plans of the earliest row without them, or
    the column of the last box."""
    w = state.widths
    if width > w.plans + 1.5:
        return RESULTS
    if len(box.lines) == 1 and not box.lines[0].endswith(SENTENCE_END) and _full(width, w.plans):
        return PLANS
    state.doubt = "a short bullet, results or plans told by the order of the rows only"
    res, plans = state.at[RESULTS], state.at[PLANS]
    if plans < res:
        return PLANS
    if _next_row(state, res) >= 0:
        return RESULTS
    return state.last if state.last in (RESULTS, PLANS) else RESULTS


def _loose_column(state: State, k: int, box: Box, fits: list[str]) -> str:
    """A box that is no bullet and whose widths do not tell its column: the rest of a cell left open
    (which one when several are: _ahead), a cell of its own (「後継事業の予定無し」) in a row still without
    one, or a title (_needs_title)."""
    rows = state.rows
    opened = {c: since for c in (RESULTS, PLANS) if c in fits and (since := _open_since(state, c)) >= 0}
    if rows and DESC in fits and rows[-1].desc.open_since >= 0:
        opened[DESC] = rows[-1].desc.open_since
    waiting = _waiting(state, fits)
    if opened and not box.lines[-1].endswith(SENTENCE_END):  # still open: a full line of its column
        opened = {c: since for c, since in opened.items() if _full(box.widths[-1], state.widths.of(c))}
    titled = _title_candidate(state, k) and DESC in fits
    if titled and all(_stale(state, c) for c in opened) and _needs_title(state, k):
        return DESC  # a title-like line, where a row must start, rather than the rest of an older row's cell
    if opened and not _phrase(state, box, fits):
        return _ahead(state, k, sorted(opened, key=lambda c: opened[c]))
    if titled and (not waiting or _needs_title(state, k)):
        return DESC
    if waiting:
        return waiting
    if titled:
        return DESC
    state.doubt = "a short paragraph with no open cell or empty cell to go to"
    return state.last if state.last in (RESULTS, PLANS) else RESULTS


def _phrase(state: State, box: Box, fits: list[str]) -> bool:
    """A short line without a sentence end: it cannot finish a sentence left open (a results or plans
    paragraph ends in 。 or a bracket), so it is a cell or a title of its own."""
    last = box.lines[-1]
    return len(box.lines) == 1 and not last.endswith(SENTENCE_END) \
        and all(box.widths[-1] < OPEN_SHARE * state.widths.of(c) for c in fits)


def _title_candidate(state: State, k: int) -> bool:
    box = state.boxes[k]
    return len(box.lines) == 1 and not state.decided[k] and is_title_line(box.lines[0], state.title_max)


def _needs_title(state: State, k: int) -> bool:
    """Is a title-like line the title of a row, rather than a short cell (「後継事業の予定無し」)? Yes if
    the last row's description is closed and the next description printed continues a row (is no title
    itself) with no other title-like line before it: that row must start here."""
    rows = state.rows
    if rows and not rows[-1].closed:
        return False
    for j in range(k + 1, min(k + 1 + 4 * LOOKAHEAD, len(state.boxes))):
        if _title_candidate(state, j):
            return False
        if state.decided[j] == DESC:
            box = state.boxes[j]
            return not (is_title_line(box.lines[0], state.title_max) and len(box.lines) > 1)
    return False


def _ahead(state: State, k: int, columns: list[str]) -> str:
    """Which of several open cells a continuation belongs to, from the next boxes whose widths tell their
    column: a bullet there means that column's sentence has ended (so this box ends it), a continuation
    there takes one of its column's open cells (the others may be this box's). Else the columns' lines
    alternate across a row."""
    if len(columns) == 1:
        return columns[0]
    left = {c: _open_count(state, c) for c in columns}
    for j in range(k + 1, min(k + 1 + LOOKAHEAD, len(state.boxes))):
        column = state.decided[j]
        if column not in left:
            continue
        if is_bullet_start(state.boxes[j].lines[0]):
            return column
        left[column] -= 1
        if not left[column]:
            del left[column]
        if len(left) == 1:
            return next(iter(left))
    state.doubt = f"the rest of a sentence left open in {' and '.join(columns)}"
    other = [c for c in columns if c != state.previous]
    return other[0] if other else columns[0]


def _open_count(state: State, column: str) -> int:
    if column == DESC:
        return 1
    at = state.at[column]
    return sum(1 for r in range(max(0, at - 3), at + 1)
               if (cell := state.rows[r].cells.get(column)) is not None and cell.open_since >= 0)


def _next_row(state: State, at: int) -> int:
    """The row after AT whose description is printed and that can have columns (-1 if none yet)."""
    r = at + 1
    while r < len(state.rows) and state.rows[r].note:
        r += 1
    return r if r < len(state.rows) else -1


def _stale(state: State, column: str) -> bool:
    """Is COLUMN open only in rows above the one its last box went to (a cell of a later row begun)?"""
    if column == DESC:
        return False
    cell = state.rows[state.at[column]].cells.get(column)
    return cell is None or cell.open_since < 0


def _open_since(state: State, column: str) -> int:
    at = state.at[column]
    since = [cell.open_since for r in range(max(0, at - 3), at + 1)
             if (cell := state.rows[r].cells.get(column)) is not None and cell.open_since >= 0]
    return min(since, default=-1)


def _waiting(state: State, fits: list[str]) -> str:
    """The column of the earliest printed row that has no cell there yet ('' if none)."""
    waiting = [(_next_row(state, state.at[c]), c != RESULTS, c) for c in (RESULTS, PLANS) if c in fits]
    waiting = [x for x in waiting if x[0] >= 0]
    return min(waiting)[2] if waiting else ""


def _place_description(state: State, k: int, box: Box) -> int:
    rows = state.rows
    row = rows[-1] if rows else None
    titled = is_title_line(box.lines[0], state.title_max) and not _closes_tag(box.lines[0])
    if row is not None and row.closed and not row.note and not titled \
            and not has_tag(box) and (ITEM_RE.match(box.lines[0]) or _items_go_on(state, row)):
        row.items = row.items or Cell()  # ① 日常生活における… : items of the description, after its tag
        row.items.add(box)
        return len(rows) - 1
    if row is None or row.closed or (titled and row.desc.open_since < 0 and row.desc.lines):
        row = Row(Cell(), titled)
        rows.append(row)
        state.items.append(row)
    elif k - row.desc_box > RESUMED_GAP and RESULTS in row.cells and PLANS in row.cells and has_tag(box):
        row.resumed = k
    row.desc_box = k
    end = _tag_end(row.desc.lines, box) if not row.closed else None
    if end is not None and end < len(box.lines) - 1 and ITEM_RE.match(box.lines[end + 1]):
        row.items = Cell(box.lines[end + 1 :], box.numbers[end + 1 :])
        box = Box(box.lines[: end + 1], box.numbers[: end + 1])
    if state.cut == -2:
        state.cut = len(rows) - 1 if row.desc.lines else -1
    row.desc.add(box)
    text = "".join(row.desc.lines)
    row.closed = row.closed or any(_closes_tag(x) for x in [text, *box.lines])
    row.note = row.closed and bool(SUBHEADING_TAG_RE.search(text))
    last = box.lines[-1]
    still = TAG_OPEN_RE.search(last) or (_full(box.widths[-1], state.widths.description)
                                         and not last.endswith(SENTENCE_END))
    row.desc.open_since = k if still and not row.closed else -1
    return len(rows) - 1


def _items_go_on(state: State, row: Row) -> bool:
    """Does a description box continue the last row's items (not start a row without a title)? Yes if
    the items' last line runs on, or nothing of another column was printed since them."""
    items = row.items
    if items is None:
        return False
    last = items.lines[-1]
    runs_on = _full(display_width(last), state.widths.description) and not last.endswith(SENTENCE_END)
    return runs_on or state.previous == DESC


def _tag_end(before: list[str], box: Box) -> int | None:
    """Index of the box's line that closes the description's tag (None if none does)."""
    text = "".join(before)
    for i, line in enumerate(box.lines):
        text += line
        if "］" in line and _closes_tag(text):
            return i
    return None


def _place_cell(state: State, k: int, box: Box, column: str) -> list[int]:
    """Place a results or plans box; the rows it may belong to (the first is the one it was put in)."""
    """A results or plans box: the rest of an open cell, a bullet of the current one, or the next row's."""
    rows = state.rows
    if not rows:
        state.warnings.append(ParseWarning("layout-boxes-unplaced", f"lines {span(box)}: a {column} box "
                                           "before any description; left out", 0, box.numbers[0]))
        return []
    at = state.at[column]
    width = state.widths.of(column)
    opened = [r for r in range(max(0, at - 3), at + 1) if column in rows[r].cells
              and rows[r].cells[column].open_since >= 0]
    # the latest (its rest follows it), unless another's last line ends an amount this box goes on with
    # (「…令和6年度予算：19億」 / 「円の内数）…」)
    later = [state.boxes[j].lines[0] for j in range(k + 1, min(k + 1 + LOOKAHEAD, len(state.boxes)))
             if state.decided[j] in (column, "")]
    opened.sort(key=lambda r: (not _splits_amount(rows[r].cells[column].lines[-1], box.lines[0]),
                               any(_splits_amount(rows[r].cells[column].lines[-1], x) for x in later),
                               -rows[r].cells[column].open_since))
    nxt = _next_row(state, at)
    phrase = _phrase(state, box, [column]) and nxt >= 0
    others: list[int] = []
    cut = state.cut if column in state.cut_columns and state.cut >= 0 and state.cut >= at - 1 else -1
    state.cut_columns.discard(column)
    if cut >= 0 and not (opened and not is_bullet_start(box.lines[0])):
        r = cut  # the first box of its column on a page, in the row the page break cut
        state.at[column] = max(at, r)
    elif opened and not is_bullet_start(box.lines[0]) and not phrase:
        r, others = opened[0], opened[1:]
        if others:
            state.doubt = state.doubt or "continues the latest of several cells left open"
    elif nxt >= 0 and is_bullet_start(box.lines[0]) and _one_each(state, k, column, at):
        r = nxt  # as many cells of its column follow as rows wait for one: one each, in order
        state.at[column] = r
    elif (nxt >= 0 and (phrase or _advances(state, column, at, box))) or at < 0:
        r, others = max(nxt, 0), [at] if at >= 0 and not phrase and state.doubt_row else []
        state.at[column] = r
        if at >= 0 and rows[at].resumed >= 0 and not others:
            others = [at]
            state.doubt = "the row before it may have been cut by a page break: this may be its rest"
            if is_bullet_start(box.lines[0]) and rows[at].cells[column].last < rows[at].resumed:
                r, others = at, [nxt]  # nothing of its column since the page break: the cut row's rest first
                state.at[column] = at
        if at >= 0 and not phrase and not is_bullet_start(box.lines[0]):
            others = [at]  # a cell seldom starts with no bullet: it may be the rest of the last one
            state.doubt = "a paragraph without a bullet, read as the start of the next row's cell"
    else:
        r, others = at, [nxt] if nxt >= 0 else []
    if others and not state.doubt and (state.doubt_row or r == at):
        state.doubt = "a new paragraph, in this row or the next told only by the order and heights of the boxes"
    state.seen[column] = len(rows)
    cell = rows[r].cells.setdefault(column, Cell())
    cell.add(box)
    cell.last = k
    last = box.lines[-1]
    # a full line ending in a bracket 「…について」」 runs on as often as not; only 。 ends a paragraph for sure
    still = box.widths[-1] >= OPEN_SHARE * width and not last.endswith("。") \
        and (not last.endswith(SENTENCE_END) or box.widths[-1] >= width - 1.5)
    cell.open_since = k if still else -1
    return [r, *others] if state.doubt else [r]


def _one_each(state: State, k: int, column: str, at: int) -> bool:
    """Do the boxes of this column from this one up to the next description (or spanning row) number
    exactly the rows after AT still waiting for it, one box a cell? Each box must be a whole paragraph
    (bullet first, sentence ended) of the column its widths show; a paragraph or a one-line cell of its
    own (「後継事業の予定無し」) whose column is not told counts only if the boxes of both columns then
    fill exactly the cells that wait in both, no column getting more boxes than rows wait for it. Then
    this box, the first of its column, takes the next row (pdfminer prints a column's cells top to
    bottom), with no doubt left."""
    other = PLANS if column == RESULTS else RESULTS
    waiting = {c: sum(1 for r in range(state.at[c] + 1, len(state.rows)) if not state.rows[r].note)
               for c in (column, other)}
    count = {column: 0, other: 0, "": 0}
    for j in range(k, min(k + 1 + 4 * LOOKAHEAD, len(state.boxes))):
        box = state.boxes[j]
        if _spanning(box) or state.decided[j] == DESC:
            if not count[""]:
                return count[column] == waiting[column]
            return count[column] + count[other] + count[""] == waiting[column] + waiting[other] \
                and count[column] <= waiting[column] and count[other] <= waiting[other]
        if len(box.lines) == 1 and is_page_number(box.lines[0]) or _is_office(box):
            continue
        decided = state.decided[j]
        whole = is_bullet_start(box.lines[0]) and box.lines[-1].endswith(SENTENCE_END)
        if box.page != state.boxes[k].page or decided not in count or not (whole or len(box.lines) == 1):
            return False
        if (decided and not whole) or (not decided and not (whole or _phrase(state, box, [RESULTS, PLANS]))):
            return False
        count[decided] += 1
    return False


def _splits_amount(before: str, after: str) -> bool:
    return bool(AMOUNT_END_RE.search(before) and AMOUNT_REST_RE.match(after))


def _advances(state: State, column: str, at: int, box: Box) -> bool:
    """Does a box that starts a paragraph go to the next row? Yes if a description was printed since the
    column's last box (a new row began) or this row's rightmost cell (its 「担当」) was. Else, weakly: yes
    unless it follows a box of its column at once and fits in the row's height (measured on the test PDFs:
    right 3 times in 4)."""
    state.doubt_row = False
    if state.seen.get(column, 0) < len(state.rows) or state.rows[at].office is not None:
        return True
    state.doubt_row = True
    row = state.rows[at]
    cell = row.cells.get(column)
    if cell is not None and len(cell.lines) == 1 and not is_bullet_start(cell.lines[0]) \
            and display_width(cell.lines[0]) < OPEN_SHARE * state.widths.of(column):
        return True  # a cell of one short phrase (「後継事業の予定無し」) is whole: a bullet starts the next row's
    if cell is None or (column == RESULTS and PLANS not in row.cells and len(box.lines) == 1):
        return False  # printed line by line, the top of a row's plans comes before anything of the next row
    height = max([len(row.desc.lines)] + [len(c.lines) for col, c in row.cells.items() if col != column])
    return not (state.previous == column and len(cell.lines) + len(box.lines) <= height)


def _place_offices(state: State) -> None:
    """The offices 「担当」 printed one after another go to the rows without one whose plans are printed
    (an office, the rightmost cell, comes after them); fewer offices than such rows go to the latest
    rows (each printed just after its row), and the rows passed over are named in a warning."""
    batch, state.offices = state.offices, []
    if not batch:
        return
    rows = [r for r in range(state.at["office"] + 1, len(state.rows))
            if not state.rows[r].note and PLANS in state.rows[r].cells]
    if len(batch) > len(rows):
        for box in batch[len(rows):]:
            state.warnings.append(ParseWarning("layout-boxes-office", f"lines {span(box)}: an office 「担当」 "
                                               "printed before its row's plans; left out", 0, box.numbers[0]))
        batch = batch[: len(rows)]
    skipped = rows[: len(rows) - len(batch)]
    for r, box in zip(rows[len(skipped):], batch, strict=True):
        state.rows[r].office = Cell(list(box.lines), list(box.numbers))
        if skipped:
            state.rows[r].doubts.append(f"lines {span(box)} (office): matched to the latest rows in order")
    for r in skipped:
        state.rows[r].doubts.append("no office 「担当」 found for it; an office may have gone to the next row")
    if batch:
        state.at["office"] = rows[-1]


def span(box: Box) -> str:
    return f"{box.numbers[0]}-{box.numbers[-1]}" if len(box.numbers) > 1 else str(box.numbers[0])
