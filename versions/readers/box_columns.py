"""Which column a pdfminer text box belongs to: what its widths show alone (width_column), else what it
starts with and which cells wait for text (box_rows.py then places it in a row).
"""

from __future__ import annotations

import re

from .box_state import (
    DESC,
    FULL_SLACK,
    LOOKAHEAD,
    PLANS,
    RESULTS,
    SENTENCE_END,
    Box,
    State,
    has_tag,
    is_full,
    is_phrase,
    next_row,
    open_since,
)
from .cells import heading_words
from .geometry import Geometry
from .vocabulary import ENDED_RE, NO_SUCCESSOR_RE, PLAN_END_RE, RESULT_END_RE, is_bullet_start, is_title_line

LETTER_RE = re.compile(r"[ぁ-ゖァ-ヺー一-龥々]")  # a letter a word is cut in (kana, kanji)
# 「・引き続き、…」 opens 97 plans bullets of the three editions and no result
ONWARD_BULLET_RE = re.compile(r"^・\s*引き続き")
TWIN_WIDTHS = 1.5  # cells between the results' and plans' full widths under which the widths cannot tell them


def column_of(state: State, k: int, box: Box) -> str:
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
    if len(widths) == 2 and is_title_line(box.lines[0], title_max) and widths[1] > min(w.plans, w.results) + FULL_SLACK \
            and is_full(widths[1], w.description):  # (not a result's full line over its paragraph's end, dev 3090)
        return DESC  # a title over the first line of its description
    fits = [c for c in (DESC, RESULTS, PLANS) if max(widths) <= w.of(c) + 1.5]
    if any(is_bullet_start(x) for x in box.lines):  # a description holds no bullet 「・」, though a result's line
        fits = [c for c in fits if c != DESC]  # may be as wide as its lines (dev 3079: 「・HBDについては、…Think」)
    full = [x for x, line in zip(widths[:-1], box.lines[:-1], strict=True) if not line.endswith(SENTENCE_END)]
    inner = full or widths[:-1]
    if inner and fits:
        near = min(fits, key=lambda c: abs(w.of(c) - max(inner)))
        if abs(w.of(near) - max(inner)) <= FULL_SLACK:
            return worded(box) if near != DESC and twins(w) else near
    if (widths[-1] > title_max or len(widths) > 1) and not box.lines[-1].endswith(SENTENCE_END):  # full, no title
        full_in = [c for c in fits if is_full(widths[-1], w.of(c))]
        if len(full_in) == 1:
            return full_in[0]
    if not fits:  # wider than any column: the widest's
        return worded(box) if twins(w) else max((RESULTS, PLANS), key=w.of)
    return fits[0] if len(fits) == 1 else ""


def twins(w: Geometry) -> bool:
    """Are the results and plans columns as wide as each other (their widths cannot tell them apart)?"""
    return abs(w.results - w.plans) <= TWIN_WIDTHS


def worded(box: Box) -> str:
    """The column a whole paragraph's last words tell: a result 「…を実施した。」, a plan 「…を進める。」「…予定。」
    ('' where they tell neither or both)."""
    return line_wording(box.lines[-1]) or ended(box)


def line_wording(line: str) -> str:
    """The column a line's last words tell, where they end one way only: RESULTS 「…した。」, PLANS 「…予定。」, or ''."""
    result, plan = bool(RESULT_END_RE.search(line)), bool(PLAN_END_RE.search(line))
    return RESULTS if result and not plan else PLANS if plan and not result else ""


def ended(box: Box) -> str:
    """The column of a program's end as the report words it: 「・令和５年度に事業終了」 a result, 「後継事業の予定
    無し」 a plan (no successor planned) ('' for anything else)."""
    text = "".join(box.lines)
    return PLANS if NO_SUCCESSOR_RE.search(text) else RESULTS if ENDED_RE.search(text) else ""


def _ended_line(line: str) -> str:
    """The column of a line whose last words say a program ended (「・令和５年度に事業終了」: results) or has no
    successor (plans); '' where such words do not close the line (dev 3087: a plans column 14 cells wide took
    the 11-cell 「・令和５年度に事業終了」 for a full line of its own going on: the results one row early on)."""
    m = ENDED_RE.search(line)
    return ended(Box([line], [0])) if m is not None and m.end() == len(line.rstrip("。")) else ""


def _last_words(lines: list[str]) -> str:
    """A bullet's last line, with the line before it where it goes on from that one: a verb's ending may wrap
    alone (「…利活用拡大に取り組」 / 「む。」) where the widths tell nothing. Only in a box of one bullet: where a
    box holds several, the rows' order has read more of them right than their last words did (d6900 6941);
    and not in the widths' first reading of the boxes (width_column), which later placements look ahead to."""
    if len(lines) > 1 and not is_bullet_start(lines[-1]) and sum(map(is_bullet_start, lines)) == 1:
        return lines[-2] + lines[-1]
    return lines[-1]


def _bullet_column(state: State, box: Box, width: float) -> str:
    """A short bullet: as wide as a full line of a column if it ends mid-sentence; else the left column's
    cell (results, or plans where the header prints them first) of a row whose description is printed and
    has none yet, the right column's of the earliest row without one, or the column of the last box."""
    w = state.widths
    narrow, wide = sorted((PLANS, RESULTS), key=w.of)
    if width > w.of(narrow) + 1.5:
        return wide
    if len(box.lines) == 1 and (said := _ended_line(box.lines[0])):
        return said  # 「・令和５年度に事業終了」, a whole cell, though as wide as a narrow column's full line
    if ONWARD_BULLET_RE.match(box.lines[0]):  # (dev 3036: 「・引き続き、「医療機器等研究成果展開事業」（令和７年度予
        return PLANS  # 算案：11.2憶円）」, a plans line as wide as the plans column, taken for a result by the rows' order)
    if len(box.lines) == 1 and not box.lines[0].endswith(SENTENCE_END) and is_full(width, w.of(narrow)):
        return narrow
    if said := line_wording(_last_words(box.lines)) or ended(box):
        return said  # its words tell: 「…した。」 a result, 「…予定。」 a plan
    state.doubt = "a short bullet, results or plans told by the order of the rows only"
    first, second = state.cells  # (results, plans) left to right, or the other way round
    printing = [c for c in state.cells if c not in state.cut_columns]
    if len(box.lines) == 1 and len(printing) == 1 and next_row(state, state.at[printing[0]]) >= 0:
        # pdfminer gives a page's boxes a column at a time: a column that has printed nothing on this page yet
        # comes later as a run, so a one-line cell goes to the column printing now (d6000 6010: 「（対応済み）」,
        # the plans of the row just read, was taken for the results of the row before: every later results
        # cell a row late, the rest of the row the page break cut in the wrong row, unnamed). Not a paragraph
        # of several lines: a results paragraph may come first on a page of plans (d5400 5427)
        return printing[0]
    if state.at[second] < state.at[first]:
        return second
    if next_row(state, state.at[first]) >= 0:
        return first
    return state.last if state.last in (RESULTS, PLANS) else first


def _loose_column(state: State, k: int, box: Box, fits: list[str]) -> str:
    """A box that is no bullet and whose widths do not tell its column: the rest of a cell left open
    (which one when several are: _ahead), a cell of its own (「後継事業の予定無し」) in a row still without
    one, or a title (_needs_title)."""
    rows = state.rows
    if len(box.lines) == 1 and (said := ended(box)):
        return said  # 「後継事業の予定無し」: a cell of its own, never a title
    opened = {c: since for c in (RESULTS, PLANS) if c in fits and (since := open_since(state, c)) >= 0}
    if rows and DESC in fits and rows[-1].desc.open_since >= 0:
        opened[DESC] = rows[-1].desc.open_since
    waiting = _waiting(state, fits)
    if opened and not box.lines[-1].endswith(SENTENCE_END):  # still open: a full line of its column
        opened = {c: since for c, since in opened.items() if is_full(box.widths[-1], state.widths.of(c))}
    titled = _title_candidate(state, k) and DESC in fits
    if titled and all(_stale(state, c) for c in opened) and _needs_title(state, k):
        return DESC  # a title-like line, where a row must start, rather than the rest of an older row's cell
    if opened and not is_phrase(state, box, fits):
        return _ahead(state, k, sorted(opened, key=lambda c: opened[c]))
    if titled and (not waiting or _needs_title(state, k)):
        return DESC
    if waiting:
        if titled and heading_words(box.lines[0]):  # 「保険導入の手引きの作成」: the title of a row of a title alone?
            if _title_alone(state, k):
                state.alone = True
                return DESC
            _lost_title(state, next_row(state, state.at[waiting]))
        return waiting
    if titled:
        return DESC
    state.doubt = "a short paragraph with no open cell or empty cell to go to"
    return state.last if state.last in (RESULTS, PLANS) else RESULTS


def _title_alone(state: State, k: int) -> bool:
    """Is the heading-worded line at K the title of a row of a title alone (fy2024's 「保険導入の手引きの作成」: no
    description, no ministry tag), not a short cell of the row before? Yes where that row's description has
    closed with its tag and the next box is a bullet whose widths tell a column (the row's own cells), not a
    description (dev 3065, 3076: read as the results' last line, every later row's plans one row early). Not
    the first description of a page: the row the page break cut may go on after it (dev 3043); nor where the
    results and plans columns have reached different rows: one is a row off already, and the line's row read
    makes the other one off too (seen 5335)."""
    rows = state.rows
    if not rows or not rows[-1].closed or rows[-1].note or k + 1 >= len(state.boxes) or state.cut == -2 \
            or state.at[RESULTS] != state.at[PLANS]:
        return False
    nxt = state.boxes[k + 1]
    return is_bullet_start(nxt.lines[0]) and state.decided[k + 1] in (RESULTS, PLANS)


def _lost_title(state: State, first: int) -> None:
    """A heading's words read as a cell of a row waiting for one: if they are the title of a row of a title
    alone (no description box to start it), that row is lost and the cells printed after them go to the
    rows already printed one row early. Each of those rows, from FIRST on, is named."""
    for row in state.rows[first:]:
        if not row.note:
            row.doubted.update((RESULTS, PLANS))
            row.doubts.append("a heading's words were read as a cell of its own (the title of a row lost?): "
                              "its cells may be the next row's")


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
    said = worded(state.boxes[k]) if DESC not in columns else ""
    if said in columns:  # its sentence ends as a result's 「…した。」 or a plan's 「…を図っていく。」
        return said
    if joined := _joined(state, k, columns):
        return joined
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


def _joined(state: State, k: int, columns: list[str]) -> str:
    """The one open cell whose last letter and the box's first make two letters the document prints side by
    side within its lines ('' if not one): a word cut by a wrap (h5500 5529: 「…人材育成に取り組」 / 「む。」 and
    「…ジャパンバイオデザインプログラ」 / 「ムによる…」, both cells open: 「組む」 and 「ラム」, never 「ラむ」 nor 「組ム」)."""
    first = state.boxes[k].lines[0][:1]
    if not LETTER_RE.match(first):
        return ""
    found = []
    for column in columns:
        tail = _open_tail(state, column)
        if not tail or not LETTER_RE.match(tail):
            return ""
        if tail + first in state.pairs:
            found.append(column)
    return found[0] if len(found) == 1 else ""


def _open_tail(state: State, column: str) -> str:
    """The last letter of COLUMN's latest open cell ('' if none)."""
    if column == DESC:
        return state.rows[-1].desc.lines[-1][-1:] if state.rows and state.rows[-1].desc.lines else ""
    at = state.at[column]
    cells = [cell for r in range(at, max(0, at - 3) - 1, -1)
             if (cell := state.rows[r].cells.get(column)) is not None and cell.open_since >= 0]
    return cells[0].lines[-1][-1:] if cells else ""


def _open_count(state: State, column: str) -> int:
    if column == DESC:
        return 1
    at = state.at[column]
    return sum(1 for r in range(max(0, at - 3), at + 1)
               if (cell := state.rows[r].cells.get(column)) is not None and cell.open_since >= 0)


def _stale(state: State, column: str) -> bool:
    """Is COLUMN open only in rows above the one its last box went to (a cell of a later row begun)?"""
    if column == DESC:
        return False
    cell = state.rows[state.at[column]].cells.get(column)
    return cell is None or cell.open_since < 0


def _waiting(state: State, fits: list[str]) -> str:
    """The column of the earliest printed row that has no cell there yet ('' if none)."""
    waiting = [(next_row(state, state.at[c]), c != state.cells[0], c) for c in (RESULTS, PLANS) if c in fits]
    waiting = [x for x in waiting if x[0] >= 0]
    return min(waiting)[2] if waiting else ""
