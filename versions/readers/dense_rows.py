"""Where a row of the dense reader's model starts and where it ends.

A row starts with its office (where the 「担当」 column is printed first), its title or its description; it ends
where each of its cells' last lines ends a paragraph, its description has its ministry tag and the measure has
its results and plans. A row ending costs the same whatever line comes next, and a row starting with a line
leads to the same few states whatever came before: both are computed once (cached on the Columns).
"""

from __future__ import annotations

from .dense_costs import (
    BARE_TAG,
    MID_QUOTE,
    MISSING,
    MISSING_OFFICE,
    OFFICE_AS_TITLE,
    ROW_BULLET,
    TITLE_ALONE,
    TITLE_FULL_END,
    TITLE_GOES_ON,
    TITLE_ONLY,
    TITLE_WORD_END,
    UNTAGGED,
    UNTITLED,
)
from .dense_pieces import Piece
from .dense_roles import DSC, OFF, PLN, RES, START, TTL, Columns, Label, State, cell_end_cost, enter, ran_on


def row_end_cost(s: State, cols: Columns) -> float:
    """What ending the row at S costs: each cell's last line must end its paragraph (a cell left with a line
    running on is paid for here, not where the reading left it: a page break may have cut it, and the cell
    go on after the break), a description wants its tag, and a measure its results and plans."""
    if s.cur == START:
        return 0.0
    known = cols.ends.get(s)
    if known is None:
        known = cols.ends[s] = _row_end_cost(s, cols)
    return known


def _row_end_cost(s: State, cols: Columns) -> float:
    cost = sum(cell_end_cost(end) for end in s.status)
    if s.cur == TTL:
        cost += TITLE_ALONE
    elif not s.described and s.status[cols.cell(DSC)]:  # (a page break may cut a row after its title)
        cost += TITLE_ONLY
    if s.described and not s.tagged:
        cost += UNTAGGED
    elif s.tagged == 1:
        for role, price in ((RES, MISSING), (PLN, MISSING), (OFF, MISSING_OFFICE)):
            if role in cols.order and not s.status[cols.cell(role)]:
                cost += price
    return cost


def row_starts(s: State, cols: Columns, x: Piece, base: float):
    """A new row starting with X, after a row whose end costs BASE (the same few states whatever came before)."""
    known = cols.starts.get(id(x))
    if known is None:
        known = cols.starts[id(x)] = list(_fresh_starts(cols, x))
    for state, cost, label in known:
        yield state, base + cost, label


def _fresh_starts(cols: Columns, x: Piece):
    fresh = State(status=(0,) * len(cols.order))
    first = cols.order[0]
    if first == OFF and x.office and cols.fits(x, OFF):
        yield enter(fresh, cols, x, OFF), 0.0, Label(OFF, True)
    if not cols.fits(x, DSC):
        return
    start = _start_cost(x)
    if x.title and len(x.text) >= 4 and not x.text.endswith(("、", "，")):
        named = OFFICE_AS_TITLE if OFF in cols.order and x.office and x.office_end else 0.0
        yield enter(fresh, cols, x, TTL), start + named, Label(TTL, True)
    yield enter(fresh, cols, x, DSC), start + UNTITLED, Label(DSC, True)


def row_starts_after_office(s: State, cols: Columns, x: Piece):
    if s.cur != OFF or not cols.fits(x, DSC) or s.status[cols.cell(DSC)]:
        return
    start = _start_cost(x)
    if x.title and len(x.text) >= 4 and not x.text.endswith(("、", "，")):
        # (an office's line that fits its column, right after an office line that ran on, is the office's rest:
        # 「厚労省医療」 / 「機器審査管」, then the title 「国際展開支援における…」 on the results' first baseline)
        rest = OFFICE_AS_TITLE if x.office and cols.fits(x, OFF) and ran_on(s.end) else 0.0
        yield enter(s, cols, x, TTL), start + rest, Label(TTL, False)
    yield enter(s, cols, x, DSC), start + UNTITLED, Label(DSC, False)


def _start_cost(x: Piece) -> float:
    """What it costs that a row opens with X: a bullet, a quote's close, or a ministry tag with no words before it
    (「［◎経］」: a description's end, never a row's start; a description states its measure, then its tag: its
    words were read in the cell before)."""
    bare_tag = x.text.startswith("［") and (x.tag == 1 or x.tag_open)
    return (ROW_BULLET if x.bullet else 0.0) + (MID_QUOTE if x.closes_first else 0.0) + (BARE_TAG if bare_tag else 0.0)


def title_end(s: State, x: Piece) -> float:
    """A title ending before X: free after a short line; after a full one, told by the words only."""
    if s.end == 1:
        return 0.0
    cost = TITLE_FULL_END - (TITLE_WORD_END if s.word_end else 0.0)
    # (「…の育成」 / 「ることが」, 「…の提供の促進」 / 「の提供の促進に…」: no sentence runs on so; another cell's
    # first line on the title's baseline, 「…支援機能の強化 ・｢優れた…」, goes on with nothing of the title)
    # (a bullet 「・」 starts its cell: no line starts with a middle dot that goes on a word, kinsoku forbids it)
    goes_on = x.goes_on and not x.joined and not x.bullet and not (s.word_end and x.verb_tail) and not x.restates
    return cost + (TITLE_GOES_ON if goes_on else 0.0) + s.title_words
