"""Which row each of pdfminer's text boxes belongs to (text_boxes.py reads and hands them on).

A box is given a column (box_columns.py); descriptions start rows, each column's cells follow in row
order, a box that starts mid-sentence continues a cell left open. Each placement made from weak evidence
is kept on its row (Row.doubts) so that the edition can name the rows to check against the PDF.
"""

from __future__ import annotations

import re

from ..model.edition import ParseWarning
from ..model.normalize import display_width
from .box_carried import name_carried_paragraphs
from .box_columns import column_of, width_column
from .box_ended import after_ended_program, ended_ahead, ended_cell
from .box_office_match import match_offices
from .box_offices import name_office_mismatches, place_offices
from .box_pagetop import page_top_doubt
from .box_pairs import name_paired_shifts, name_stray_first_bullets
from .box_shifts import name_crossed_shifts, name_shifts
from .box_state import (
    DESC,
    ITEM_RE,
    LOOKAHEAD,
    OPEN_SHARE,
    PLANS,
    RESULTS,
    RESUMED_GAP,
    SENTENCE_END,
    Box,
    Cell,
    Row,
    State,
    closes_tag,
    has_tag,
    is_full,
    is_office_box,
    is_phrase,
    next_row,
    span,
    spanning,
)
from .geometry import Geometry
from .ministries import SUBHEADING_TAG_RE
from .vocabulary import (
    AMOUNT_END_RE,
    AMOUNT_REST_RE,
    ENDED_RE,
    TAG_OPEN_RE,
    is_bullet_start,
    is_page_number,
    is_title_line,
)

# 「引き続き、…」 opens a third of the plans of the three editions and none of their results; within a cell a
# sentence goes on so only after a comma (a bullet's new sentence opens 「また、…」, 「これらの…」)
ONWARD_RE = re.compile(r"^引き続き、")

def place_boxes(boxes: list[Box], widths: Geometry, title_max: float, office: bool,
                cells: tuple[str, str] = (RESULTS, PLANS),
                office_last: bool = False, office_first: bool = False) -> tuple[list[Row | Box], list[ParseWarning]]:
    """The rows (and spanning lines: visions, goals) the boxes make, in order, and what was left out
    (CELLS: the results and plans columns left to right, as the header prints them; OFFICE_LAST: the
    header prints the 「担当」 column last)."""
    state = State(widths, title_max, cells=cells, office_last=office_last, office_first=office_first)
    state.boxes = boxes
    state.decided = [width_column(box, widths, title_max) for box in boxes]
    state.pairs = frozenset(x[i : i + 2] for box in boxes for x in box.lines for i in range(len(x) - 1))
    for k, box in enumerate(boxes):
        _place(state, k, box, office)
    for column in list(state.ahead):
        _keep_ahead(state, column)
    place_offices(state)
    if state.printed_offices:
        match_offices(state)
    name_shifts(state.rows)
    name_crossed_shifts(state.rows)
    name_paired_shifts(state.rows)
    name_stray_first_bullets(state.rows)
    name_carried_paragraphs(state.rows)
    name_office_mismatches(state.rows)
    return state.items, state.warnings


def _place(state: State, k: int, box: Box, office: bool) -> None:
    if len(box.lines) == 1 and is_page_number(box.lines[0]):
        state.fresh = {RESULTS, PLANS}  # (this reader reads page-blind, text_layouts._paged: a page number,
        return  # printed at a page's foot or head, is where it sees a page begin)
    if box.page > state.page:  # a row cut by the page break goes on at the top of the next page
        state.page, state.cut, state.cut_columns = box.page, -2, {RESULTS, PLANS}
    if spanning(box):
        state.items.append(box)
        state.headed = True
        return
    if office and is_office_box(box):
        state.previous = state.last = "office"
        state.printed_offices.append((k, box))  # (matched to the rows at the end: box_office_match.py)
        if not state.office_first:
            state.offices.append(box)  # (placed as printed too: an office read tells that its row's text is over)
        return
    place_offices(state)
    state.doubt, state.doubt_row = "", False
    column = column_of(state, k, box)
    state.previous, state.last = state.last, column
    rows = [_place_description(state, k, box)] if column == DESC else _place_cell(state, k, box, column)
    if state.doubt:
        for r in rows:
            state.rows[r].doubts.append(f"lines {span(box)} ({column}): {state.doubt}")
            state.rows[r].doubted.add(column)


def _place_description(state: State, k: int, box: Box) -> int:
    rows = state.rows
    state.headed = False
    row = rows[-1] if rows else None
    new = False
    titled = is_title_line(box.lines[0], state.title_max) and not closes_tag(box.lines[0])
    if row is not None and row.closed and not row.note and not titled \
            and not has_tag(box) and (ITEM_RE.match(box.lines[0]) or _items_go_on(state, row)):
        row.items = row.items or Cell()  # ① 日常生活における… : items of the description, after its tag
        row.items.add(box)
        return len(rows) - 1
    if row is None or row.closed or (titled and row.desc.open_since < 0 and row.desc.lines) or state.alone:
        row = Row(Cell(), titled, closed=state.alone, start_box=k)  # (a title alone: no description follows it)
        state.alone = False
        rows.append(row)
        state.items.append(row)
        new = True
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
    row.closed = row.closed or any(closes_tag(x) for x in [text, *box.lines])
    row.note = row.closed and bool(SUBHEADING_TAG_RE.search(text))
    if new and state.ahead and not row.note:
        _give_ahead(state, len(rows) - 1)
    last = box.lines[-1]
    still = TAG_OPEN_RE.search(last) or (is_full(box.widths[-1], state.widths.description)
                                         and not last.endswith(SENTENCE_END))
    row.desc.open_since = k if still and not row.closed else -1
    return len(rows) - 1


def _give_ahead(state: State, r: int) -> None:
    """Row R takes the cells held for the next row, printed before its description (dev 3031, 3098); a
    subgoal's heading printed between them (closed by 「［担当省庁については…］」, seen 4630) is no row of
    its own and takes none: they wait for the row after it."""
    rows = state.rows
    row = rows[r]
    for column, ahead in state.ahead.items():
        before = rows[state.at[column]] if state.at[column] >= 0 else None
        if before is not None:  # the boxes' order gives it to the row before: name that row too
            before.doubted.add(column)
            before.doubts.append(f"lines {span(ahead)} ({column}): a paragraph without a bullet after its "
                                 "column's cell ended, read as the next row's cell: this row's?")
        row.cells[column] = Cell(list(ahead.lines), list(ahead.numbers))
        row.doubted.add(column)
        row.doubts.append(f"lines {span(ahead)} ({column}): a paragraph without a bullet, printed before this "
                          "row's description, read as its cell")
        state.at[column] = r
        state.seen[column] = len(rows)
    state.ahead = {}


def _items_go_on(state: State, row: Row) -> bool:
    """Does a description box continue the last row's items (not start a row without a title)? Yes if
    the items' last line runs on, or nothing of another column was printed since them."""
    items = row.items
    if items is None:
        return False
    last = items.lines[-1]
    runs_on = is_full(display_width(last), state.widths.description) and not last.endswith(SENTENCE_END)
    return runs_on or state.previous == DESC


def _tag_end(before: list[str], box: Box) -> int | None:
    """Index of the box's line that closes the description's tag (None if none does)."""
    text = "".join(before)
    for i, line in enumerate(box.lines):
        text += line
        if "］" in line and closes_tag(text):
            return i
    return None


def _keep_ahead(state: State, column: str) -> None:
    """A cell held for the next row (state.ahead) when another box of its column comes first, or no row
    follows: it is kept in the row its column is at, named as maybe the next row's."""
    box = state.ahead.pop(column)
    at = state.at[column]
    row = state.rows[at]
    if ended_cell(Cell(box.lines)) and row.cells.get(column) and at > 0:  # (a program's end is a whole cell: the
        before = state.rows[at - 1]  # paragraphs before it may be the row before's, seen 4250)
        before.doubted.add(column)
        before.doubts.append(f"lines {span(box)} ({column}): a program's end after another row's paragraphs: "
                             "those may be this row's")
    row.cells.setdefault(column, Cell()).add(box)
    row.kept.add(column)
    row.doubted.add(column)
    row.doubts.append(f"lines {span(box)} ({column}): a paragraph without a bullet after its column's cell ended, "
                      "kept in its row: the next row's cell?")


def _place_cell(state: State, k: int, box: Box, column: str) -> list[int]:
    """Place a results or plans box; the rows it may belong to (the first is the one it was put in)."""
    """A results or plans box: the rest of an open cell, a bullet of the current one, or the next row's."""
    rows = state.rows
    if _after_heading(state, column, box) or after_ended_program(state, column, box) or ended_ahead(state, column, box):
        held = state.ahead.get(column)
        state.ahead[column] = box if held is None else Box(held.lines + box.lines, held.numbers + box.numbers, box.page)
        return []
    if column in state.ahead and not ended_cell(Cell(state.ahead[column].lines)):
        _keep_ahead(state, column)
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
    nxt = next_row(state, at)
    phrase = is_phrase(state, box, [column]) and nxt >= 0
    others: list[int] = []
    cut = state.cut if column in state.cut_columns and state.cut >= 0 and state.cut >= at - 1 else -1
    if cut >= 0 and _cut_row_over(state, cut, column, box):
        cut = -1
    top = column in state.cut_columns | state.fresh  # (the first box of its column on the page)
    first_on_page = column in state.cut_columns and state.cut == -1  # (no description told a row cut)
    state.cut_columns.discard(column)
    state.fresh.discard(column)
    if cut >= 0 and not (opened and not is_bullet_start(box.lines[0])):
        r = cut  # the first box of its column on a page, in the row the page break cut
        state.at[column] = max(at, r)
    elif opened and not is_bullet_start(box.lines[0]) and not phrase:
        r, others = opened[0], opened[1:]
        if others:
            state.doubt = state.doubt or "continues the latest of several cells left open"
        elif r < at:  # the column went on to later rows since (seen h5100 5149: 「（令和7年12月までに累計81件）」, a
            # full line closing a bracket, then the next rows' results; 「重点５分野については、…」 read as its rest)
            others = [at] + ([nxt] if nxt >= 0 else [])
            state.doubt = "continues a cell left open rows before, after later rows' cells of its column"
    elif (past := _past_heading(state, column, nxt, box)) >= 0:
        r, others = past, [nxt]
        state.at[column] = r
        state.doubt = "a paragraph printed after a goal heading, read in the row below it: the rows above it miss a cell"
    elif nxt >= 0 and is_bullet_start(box.lines[0]) and _one_each(state, k, column, at):
        r = nxt  # as many cells of its column follow as rows wait for one: one each, in order
        state.at[column] = r
    elif at >= 0 and ONWARD_RE.match(box.lines[0]) and _after_ended(rows[at].cells.get(column), box):
        if nxt < 0:  # 「引き続き、…」 without a bullet after a cell that has ended: the next row's whole cell,
            state.ahead[column] = box  # printed before that row's description (dev 3031, 3098)
            return []
        r, others = nxt, [at]  # both rows named: the boxes' order gives it to the row before
        state.at[column] = r
        state.doubt = "a paragraph 「引き続き、…」 without a bullet after its column's cell ended, read as the next row's"
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
        if state.office_last and rows[at].office is not None and is_bullet_start(box.lines[0]):
            # printed after its row's office, the row's last cell (seen 4321): the next row's, printed before its
            # description?
            state.doubt = "a paragraph printed after its row's office 「担当」 (the row's last cell): the next row's?"
        if nxt >= 0 and column in rows[at].cells:
            rows[at].kept.add(column)  # a second paragraph kept in its row: the next row's, if a shift began here
        elif _after_ended(rows[at].cells.get(column), box):
            rows[at].kept.add(column)  # named with the rows after it if the column then runs a cell short
    if first_on_page and r != at >= 0 and not state.doubt and is_bullet_start(box.lines[0]):
        others = [at]  # a page break may cut a row's results or plans, not its description
        state.doubt = "the first paragraph of its column on a page: the row before may go on here"
    if r == at >= 0 and ended_cell(rows[r].cells.get(column)) and is_bullet_start(box.lines[0]):
        rows[r].kept.add(column)  # 「・令和５年度に事業終了」 says all of its cell: more is the next row's
        state.doubt = state.doubt or "a paragraph after a cell that says its program ended: the next row's?"
    if top and r == at != state.cut and nxt < 0 and (why := page_top_doubt(state, column, at, box)):
        state.doubt = state.doubt or why
    if others and not state.doubt and (state.doubt_row or r == at):
        state.doubt = "a new paragraph, in this row or the next told only by the order and heights of the boxes"
    held = rows[r].cells.get(column)
    if held is not None and held.lines and len(box.lines) == 1 and ENDED_RE.search(box.lines[0]) and r > 0:
        # 「令和５年度に事業終了」 is a whole cell: the paragraphs before it are the row before's (seen 4250)
        others = [r - 1]
        state.doubt = state.doubt or "a program's end after other paragraphs of its cell: those may be the row before's"
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


def _past_heading(state: State, column: str, nxt: int, box: Box) -> int:
    """The row below a goal heading that BOX, a new paragraph, goes to where the row waiting for its column
    (NXT) is the last above the heading, the other column printed its cell of that row before the heading
    and has gone on to the row below it, which still lacks this column's cell (dev 3097, reportlab: a
    results cell read a row late above 【国際展開に…】, and the first row under it took the last row's results
    above it, every row of the goal a row off); -1 if not so. Where a page's first column is printed
    before its other columns, heading and all, the other column's cell of the row above comes after the
    heading (dev 3097's 【死の谷…】): nothing is moved there; nor where this column's last box came after
    the heading (h5300 5359: its cells scattered over the page, a row off either way) or before the waiting
    row's description (h6800 6831: the waiting row's cell lost in another box, not taken by the row before
    it as a box of its own)."""
    other_column = PLANS if column == RESULTS else RESULTS
    below = state.at[other_column]
    if nxt < 0 or state.at[column] < 0 or below < 0 or below != next_row(state, nxt) \
            or not is_bullet_start(box.lines[0]):
        return -1
    other, waiting = state.rows[below], state.rows[nxt]
    heading = next((j for j in range(waiting.start_box + 1, other.start_box) if spanning(state.boxes[j])), -1)
    done, own = waiting.cells.get(other_column), state.rows[state.at[column]].cells.get(column)
    if column in other.cells or heading < 0 or done is None or own is None:
        return -1
    return below if done.last < heading and waiting.start_box < own.last < heading else -1


def _cut_row_over(state: State, cut: int, column: str, box: Box) -> bool:
    """Is the row a page break cut over before BOX, the first of COLUMN on the page (dev 3082, reportlab: the
    cut row's description and results went on at the page's top, then the next row's description, results
    and plans; its plans, one bullet ended before the break, took the next row's, and every later row's plans
    went one row early)? Yes where its cell of COLUMN has ended (「…。」), BOX opens a paragraph, and its other
    column went on on this page before the next row's description: pdfminer printed the cut row's rest, and
    this column had none."""
    rows = state.rows
    own, nxt = rows[cut].cells.get(column), next_row(state, cut)
    other = rows[cut].cells.get(PLANS if column == RESULTS else RESULTS)
    if own is None or other is None or nxt < 0 or not is_bullet_start(box.lines[0]):
        return False
    return own.open_since < 0 and own.lines[-1].endswith("。") and state.boxes[other.last].page == box.page \
        and other.last < rows[nxt].start_box


def _after_heading(state: State, column: str, box: Box) -> bool:
    """Is BOX, a new paragraph printed after a vision or goal with no description since, the next row's,
    printed before that row's description (dev 3068: after 「【企業による医療機器の研究開発や…】」 a row's plans,
    results and office, then its description; read into the row above the goal, whose cells were whole,
    every later row's cells were one row off)? Yes where the last row has no row after it, its cell of that
    column has ended, and its office 「担当」, its rightmost cell, was printed before the heading: the row is
    over. (Chromium prints a row line by line, and its cells go on past a goal printed in the first column
    only, dev 3090: there the office is printed beside the row's first line.)"""
    at = state.at[column]
    if not state.headed or at < 0 or next_row(state, at) >= 0 or not is_bullet_start(box.lines[0]) \
            or not state.office_last or state.rows[at].office is None:
        return False
    cell = state.rows[at].cells.get(column)
    return cell is not None and cell.open_since < 0


def _after_ended(cell: Cell | None, box: Box) -> bool:
    """Does BOX, no bullet, follow a cell whose paragraphs have all ended (its last line 「…。」)? A cell's
    paragraphs after its first open with a bullet 「・」; one that does not is as often the next row's whole
    cell, printed before that row's description (dev 3098: 「引き続き、AMEDの…を支援する。」, Chromium's
    line by line order where the next row's plans stand higher than its description's first line)."""
    return cell is not None and cell.open_since < 0 and cell.lines[-1].endswith("。") \
        and not is_bullet_start(box.lines[0]) and not ENDED_RE.search(box.lines[0])


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
        if spanning(box) or state.decided[j] == DESC:
            if not count[""]:
                return count[column] == waiting[column]
            return count[column] + count[other] + count[""] == waiting[column] + waiting[other] \
                and count[column] <= waiting[column] and count[other] <= waiting[other]
        if len(box.lines) == 1 and is_page_number(box.lines[0]) or is_office_box(box):
            continue
        decided = state.decided[j]
        whole = is_bullet_start(box.lines[0]) and box.lines[-1].endswith(SENTENCE_END)
        if box.page != state.boxes[k].page or decided not in count or not (whole or len(box.lines) == 1):
            return False
        if (decided and not whole) or (not decided and not (whole or is_phrase(state, box, [RESULTS, PLANS]))):
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
    if cell is None or (column == state.cells[0] and state.cells[1] not in row.cells and len(box.lines) == 1):
        return False  # printed line by line, the top of a row's plans comes before anything of the next row
    height = max([len(row.desc.lines)] + [len(c.lines) for col, c in row.cells.items() if col != column])
    return not (state.previous == column and len(cell.lines) + len(box.lines) <= height)
