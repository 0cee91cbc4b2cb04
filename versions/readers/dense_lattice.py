"""The dense reader's model: each line of a text without blank lines given its cell, and where that is doubtful.

pypdfium2 prints a table cell after cell: a row's cells in the header's column order, each cell's lines in
order, a cell's one line sharing its baseline with the next cell's first (one line, a space between). What
tells the cells apart is what a line says and how wide it is against its column's width:
- a line shorter than its column ends a paragraph; a full one goes on, unless it ends a sentence, or the next
  line's first character would have fitted on it (dense_wraps);
- a results or plans paragraph ends with its last sentence: a short line after a 。 that ends none is likelier
  the next row's first line (a title's, printed right after the cell) than the paragraph's last;
- results and plans paragraphs start with a bullet 「・」, a description ends at its ministry tag ［…］;
- a title is a few short-enough lines with no 。 over the description, a 「担当」 office a short name;
- a page break (a repeated header, a page number, a running title) may cut a row: its cells go on, in
  their order, after the break.
Every reading of every line is weighed (a cost: lower is likelier) and the cheapest reading of the whole
text is kept (dense_search.py: a min-sum forward pass over a few states per line, then a backward pass,
both linear in the lines). A line that another reading explains about as cheaply, in another cell or another row, is DOUBTFUL:
the reader names its row in a warning rather than guessing silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from .dense_pieces import Piece

START, OFF, TTL, DSC, ITM, RES, PLN = -1, 0, 1, 2, 3, 4, 5  # between rows; office, title, description, items, results, plans
ROLE_NAMES = {OFF: "office", TTL: "title", DSC: "description", ITM: "description", RES: "results", PLN: "plans"}
TITLE_LINES = 3
FULL_MARGIN = 2.5  # a full line stops up to ~2 cells short of its column (kinsoku)
LATIN_SLACK = 0.25  # cells a half-width character may be off in a proportional font
OVERRUN = 1.5  # a line may pass its column's width by a hanging mark
WRAP_MARGIN = 1.0  # cells a column's width, estimated from its commonest lines, may be over what its lines hold

# Costs (lower is likelier).
CONT_AFTER_SHORT = 4.0  # a paragraph going on after a line that stopped short
CONT_AFTER_STOP = 0.2  # ... after a full line that ended a sentence
END_AFTER_FULL = 2.5  # a paragraph (or cell) ending with a full line that ends no sentence
END_AFTER_STOP = 0.3
END_OPEN = 1.5  # a results or plans paragraph ending with a short line that stops mid-word (「…連携するこ」)
# ... or with a sentence it began after a full line's 。 and never ended (「…検討を行った。」 / 「新興国・…産業のマッ」:
# that line is the next row's title, printed right after the cell). Of the 690 results and plans paragraphs of
# the three editions generated, 3 end so, each in a comma that leads bullets in (「…を行った。具体的には、」)
END_UNENDED = 1.5
NEARLY_FULL = 1.0  # cells short of the column: a line this much shorter than full may as well end its paragraph
END_NEARLY_FULL = 1.0  # a paragraph ending with such a line
CONT_NEARLY_FULL = 0.8  # a paragraph going on after such a line
BULLET_GOES_ON = 2.5  # a line starting with a bullet mark read as going on with a sentence
NO_BULLET = 2.5  # a results or plans paragraph that starts with no bullet
CELL_NO_BULLET = 1.0  # a results or plans cell whose first line has no bullet (「後継事業の予定無し」)
ITEM_OPENS = 1.5  # ... whose first line is an item ①: a description's (results list items after a first paragraph)
DESC_PARAGRAPH = 3.5  # a second paragraph in a description before its tag (items ① cost nothing)
AFTER_TAG = 3.0  # description text after its tag that is no item ①
ITEM_NO_MARK = 3.0
UNTAGGED = 3.0  # a description cell left without its ministry tag
SECOND_TAG = 3.0  # a ministry tag closed in a description's items (after its own tag): another row's description
MISSING = 2.0  # a measure row without results, or without plans
MISSING_OFFICE = 1.0
SKIP = 2.5  # a cell skipped (empty) between two others
UNTITLED = 0.5  # a row without a title (a quarter of the report's rows)
OFFICE_AS_TITLE = 2.0  # a title that reads as an office's name (…課, …室), where the table has a 「担当」 column
OFFICE_ELSEWHERE = 1.0  # a short line naming an office (「経産省ヘルスケア産業課医」) read in another column
NOUN_END = 0.5  # a short paragraph ending in a noun (「…において１件の課題を採択」) read as a plan (or a full one
# ending in a noun the document shows ends paragraphs, dense_tails)
ROW_BULLET = 4.0  # a row whose first line is a bullet
ITEM_ORDER = 2.0  # an item ④ that does not follow ③ in its cell (or ① that opens none): a cell's items run in order
PARTICLE_OPENS = 2.0  # a row or a cell whose first line opens with a particle (「の設置」): the line before's words
MID_QUOTE = 3.0  # a row whose first line closes a quote it did not open (「チャー・サミット」による…」)
TITLE_FULL_END = 1.2  # a title ending with a full line (the description on the next)
TITLE_WORD_END = 0.8  # ... less when it ends in a heading's word (「…の育成」)
TITLE_GOES_ON = 1.5  # ... more when the next line goes on a word or a sentence (「ることが…」)
TITLE_LONGEST = 46.0  # cells: the report's longest title holds 43
TITLE_TOO_LONG = 2.5  # a title longer than that
TITLE_ONLY = 0.3  # a row ending with a title, no description (「保険導入の手引きの作成」): paid at its end (a page break)
TITLE_ALONE = 2.0  # a row of nothing but a title
ITEM_TEXT = 0.5  # a paragraph of an item ① with no mark of its own (its explanation)
RESUME_BULLET_AFTER_OPEN = 1.0  # after a page break, a bullet in a cell whose last line ran on
DESC_AFTER_CUT_TITLE = 0.0  # after a page break, a description whose cell held only its title (a cut as any other)
RESUME_FRESH = 3.0  # after a page break, a cell that had no line on the page before
IMPLICIT_BREAK = 3.0  # a page break the text does not mark (no header, number or title between)
UNFIT = 8.0  # a line wider than the column it must be in
BUDGET_YEAR = 1.5  # a budget of next year (or a request 予算案) in the results, or of this year in the plans
NOUN_THEN_VERB = 2.0  # a line opening with a verb's ending (「ることが」) going on from a heading's noun (「…の育成」)
OFFICE_CUT = 1.5  # a 「担当」 cell whose first line names no ministry (「ア産業課医療・」): its start read elsewhere
OFFICE_START_ELSEWHERE = 1.0  # ... and an office's first line (「経産省ヘルスケ」) read in another cell
GROUP_ENDS_CELL = 1.5  # a results or plans cell ending with a group heading (「（アジア健康構想）」) that heads nothing
BULLET_IN_DESCRIPTION = 2.0  # a bullet 「・」 read in a description (or its items, or its title)
TENSE = 1.5
PAST_AHEAD = 0.8  # a line whose sentence ends 「…した。」 a line or two on, read in a description (dense_ahead)
NOUN_STOP = 0.7  # a sentence ending in a noun (「…を開催。」) read in the plans: results report so, plans seldom  # a sentence ending as a plan (「…する。」, 「…予定。」) in the results, or as a result (「…した。」) in the plans

@dataclass(frozen=True)
class Columns:
    """The row's cells in print order (the header's) and each one's width in full-width cells."""

    order: tuple[int, ...]  # of O, D, R, P (D stands for the description cell: title, text, items)
    widths: dict[int, float]
    starts: dict[int, list] = field(default_factory=dict, compare=False, repr=False)  # row starts, by piece id
    ends: dict = field(default_factory=dict, compare=False, repr=False)  # row_end_cost, by state
    years: tuple[int, int] = (0, 0)  # the header's: the results' fiscal year and the plans'

    def cell(self, role: int) -> int:
        return self.order.index(DSC if role in (TTL, ITM) else role)

    def width(self, role: int) -> float:
        return self.widths[DSC if role in (TTL, ITM) else role]

    def full(self, x: Piece, role: int) -> bool:
        return x.width >= self.width(role) - FULL_MARGIN - LATIN_SLACK * x.latin

    def fits(self, x: Piece, role: int) -> bool:
        return x.width - x.trim <= self.width(role) + OVERRUN + LATIN_SLACK * x.latin


class State(NamedTuple):
    """Where the reading of a row stands (a tuple: the model makes and compares very many)."""

    cur: int = START
    lines: int = 0  # title lines so far
    tagged: int = 0  # the description's tag: 0 not yet, 1 a ministry tag, 2 a note's bracket
    status: tuple[int, ...] = ()  # per cell: 0 no line yet, else how its last line ended (_ending)
    resumed: bool = False  # a page break has cut the row: its cells go on in order
    described: bool = False  # the row has description text (not only a title)
    end: int = 0  # how the last line ends (_ending)
    word_end: bool = False
    title_words: float = 0.0  # what the last line's words cost as a title's end (no noun last, a comma)
    title_width: float = 0.0  # the title's cells so far
    items: tuple[int, ...] = ()  # per cell: the number of its last item ① … (0: none yet)


@dataclass(frozen=True)
class Label:
    role: int
    new_row: bool
    resumed: bool = False  # the row goes on here after a page break


def _ending(cols: Columns, x: Piece, role: int) -> int:
    """How X ends its line: 1 short, 2 full at a sentence's end, 3 full and running on, 4 a cell or two
    short of full and running on (a line wraps there now and then, a paragraph ends there now and then),
    5 a results or plans line short and stopping mid-word (「…連携するこ」: it ends no paragraph either),
    6 a group heading in brackets alone (「（アジア健康構想）」: bullets follow it in its cell), 7 a results or
    plans line, short, leaving unended the sentence it began after the line before's 。 (_went_on)."""
    if x.tag_open:
        return 3
    if role == OFF:  # a name: whole when short, or when it ends in an office's word (…課, …室), else it wraps
        return 1 if not cols.full(x, OFF) else 2 if x.office_end else 3
    if x.group and role in (RES, PLN):
        return 6
    if not cols.full(x, role):
        return 5 if x.open_end and role in (RES, PLN) else 1
    if x.stop:
        return 2
    if x.item and x.noun_end:  # an item's heading 「⑤ 医療従事者の…に資する医療機器」 may just fill its line
        return 4
    return 4 if x.width < cols.width(role) - NEARLY_FULL - LATIN_SLACK * x.latin else 3


def _end_cost(end: int) -> float:
    return (0.0, 0.0, END_AFTER_STOP, END_AFTER_FULL, END_NEARLY_FULL, END_OPEN, 0.0, END_UNENDED)[end]


def _cell_end_cost(end: int) -> float:
    """A cell's last line ending it (a group heading ends a paragraph, not a cell)."""
    return GROUP_ENDS_CELL if end == 6 else _end_cost(end)


def _cont_cost(end: int) -> float:
    return (CONT_AFTER_SHORT, CONT_AFTER_SHORT, CONT_AFTER_STOP, 0.0, CONT_NEARLY_FULL, CONT_AFTER_SHORT,
            CONT_AFTER_SHORT, CONT_AFTER_SHORT)[end]


def _open(end: int) -> bool:
    return end in (3, 4)


def _enter(s: State, cols: Columns, x: Piece, role: int, resumed: bool | None = None) -> State:
    """S after reading X in ROLE: the cell left behind keeps how its last line ended."""
    status = list(s.status)
    status[cols.cell(role)] = end = _ending(cols, x, role)
    if end in (3, 4) and x.next_lead and not x.item and x.width + x.next_lead + WRAP_MARGIN + LATIN_SLACK * x.latin <= cols.width(role):
        end = 1  # the next line's first character would have fitted: it goes on with no paragraph (dense_wraps;
        # the cell's status keeps the width's word: another cell's line may come between)
    tagged = max(s.tagged, x.tag) if role in (TTL, DSC) else s.tagged
    return State(role, s.lines + 1 if role == TTL else 0, tagged, tuple(status), s.resumed if resumed is None else resumed,
                 s.described or role in (DSC, ITM), end, x.word_end, x.title_words if role == TTL else 0.0,
                 s.title_width + x.width if role == TTL else 0.0,
                 _items(s, cols, x, role))


def _went_on(s: State, cols: Columns, x: Piece, role: int, before: int, resumed: bool | None = None) -> State:
    """S after X goes on, in ROLE, with the paragraph whose last line ended BEFORE: where that line was full
    and ended a sentence and X, short, ends none, X's sentence is left unended (7: a paragraph's last sentence
    ends, in 。 or a bracket; a comma leads a list in)."""
    state = _enter(s, cols, x, role, resumed)
    if before != 2 or state.status[cols.cell(role)] != 1 or role not in (RES, PLN) or _sentence_ends(x) or x.text.endswith(("、", "，")):
        return state
    status = list(state.status)
    status[cols.cell(role)] = 7
    return state._replace(end=7, status=tuple(status))


def _sentence_ends(x: Piece) -> bool:
    """Does X, a sentence's first line, end it? In 。 (or a quote, or a word the text shows ends a paragraph:
    dense_tails), or in a bracket the sentence opens with (「。（令和6年12月までに累計62件）」, 「（対応済み）」); a
    bracket closed after other words ends a title's part 「…行政の連携強化（その２）」, no results' sentence."""
    if not x.stop:
        return False
    return not x.text.endswith((")", "）")) or x.paren or x.text.startswith(("(", "（"))


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
    cost = sum(_cell_end_cost(end) for end in s.status)
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


def _row_starts(s: State, cols: Columns, x: Piece, base: float):
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
        yield _enter(fresh, cols, x, OFF), 0.0, Label(OFF, True)
    if not cols.fits(x, DSC):
        return
    start = (ROW_BULLET if x.bullet else 0.0) + (MID_QUOTE if x.closes_first else 0.0)
    if x.title and len(x.text) >= 4 and not x.text.endswith(("、", "，")):
        named = OFFICE_AS_TITLE if OFF in cols.order and x.office and x.office_end else 0.0
        yield _enter(fresh, cols, x, TTL), start + named, Label(TTL, True)
    yield _enter(fresh, cols, x, DSC), start + UNTITLED, Label(DSC, True)


def _title_end(s: State, x: Piece) -> float:
    """A title ending before X: free after a short line; after a full one, told by the words only."""
    if s.end == 1:
        return 0.0
    cost = TITLE_FULL_END - (TITLE_WORD_END if s.word_end else 0.0)
    # (「…の育成」 / 「ることが」, 「…の提供の促進」 / 「の提供の促進に…」: no sentence runs on so; another cell's
    # first line on the title's baseline, 「…支援機能の強化 ・｢優れた…」, goes on with nothing of the title)
    goes_on = x.goes_on and not x.joined and not (s.word_end and x.verb_tail) and not x.restates
    return cost + (TITLE_GOES_ON if goes_on else 0.0) + s.title_words


def _advances(s: State, cols: Columns, x: Piece):
    """To a later cell of the row (or from the title to the description, from the description to its items;
    never on one baseline, where X is another cell's)."""
    here = cols.cell(s.cur) if s.cur != START else -1
    if s.cur == TTL and cols.fits(x, DSC) and not x.joined:
        yield _enter(s, cols, x, DSC), _title_end(s, x) + (BULLET_GOES_ON if x.bullet else 0.0), Label(DSC, False)
    if s.cur == DSC and s.tagged == 1 and cols.fits(x, ITM) and not x.joined:  # (a note's bracket has no items)
        yield _enter(s, cols, x, ITM), _end_cost(s.end) + (0.0 if x.item else ITEM_NO_MARK), Label(ITM, False)
    # (a description ends at its tag, a cell at a paragraph's end: row_end_cost sees to both)
    leave = _title_end(s, x) if s.cur == TTL else 0.0  # (TITLE_ONLY is paid where the row ends undescribed)
    for k in range(here + 1, len(cols.order)):
        role = cols.order[k]
        if role == DSC:  # after an office printed first: the title or the description
            if s.status[k] and s.resumed:  # (the office went on after a page break: the description goes on)
                yield from _resumes(s, cols, x, k, after_break=False)
            for entered in _row_starts_after_office(s, cols, x):
                yield entered[0], leave + entered[1], entered[2]
            continue
        # (a cell that had its lines before a page break cut the row is passed over at no cost)
        skipped = sum(SKIP if cols.order[j] != OFF else MISSING_OFFICE for j in range(here + 1, k) if not s.status[j])
        if not cols.fits(x, role) or (role == OFF and not x.office):
            continue
        status = s.status[k]
        if status:  # the cell had lines before a page break: only its rest may follow
            if not s.resumed:
                continue
            cost = _resume_cost(status, x, role)
        else:
            cost = ITEM_OPENS if x.item else 0.0 if x.bullet or role == OFF else CELL_NO_BULLET
        yield _went_on(s, cols, x, role, 0 if x.bullet else status), leave + skipped + cost, Label(role, False)


def _row_starts_after_office(s: State, cols: Columns, x: Piece):
    if s.cur != OFF or not cols.fits(x, DSC) or s.status[cols.cell(DSC)]:
        return
    start = (ROW_BULLET if x.bullet else 0.0) + (MID_QUOTE if x.closes_first else 0.0)
    if x.title and len(x.text) >= 4 and not x.text.endswith(("、", "，")):
        yield _enter(s, cols, x, TTL), start, Label(TTL, False)
    yield _enter(s, cols, x, DSC), start + UNTITLED, Label(DSC, False)


def _resume_cost(status: int, x: Piece, role: int) -> float:
    """A cell going on after a page break: the rest of its sentence, or a new paragraph."""
    if role == OFF:  # (a line opening with a ministry, 「経産省ヘルスケ」, starts a name: the next row's office)
        return 0.0 if _open(status) and not x.office_start else CONT_AFTER_SHORT
    if x.bullet or (role == ITM and x.item):
        return RESUME_BULLET_AFTER_OPEN if _open(status) else 0.2
    if role == ITM and status == 1:
        return ITEM_TEXT  # (an item's text under its heading)
    return _cont_cost(status) if role in (RES, PLN, OFF) or status != 1 else DESC_PARAGRAPH


def moves(s: State, cols: Columns, x: Piece, brk: bool, implicit: bool):
    """Every way piece X may follow state S: (next state, cost, label)."""
    office = OFF in cols.order and x.office_name
    for state, cost, label in _moves(s, cols, x, brk, implicit):
        if label.role == TTL and state.title_width > TITLE_LONGEST and state.title_width - x.width <= TITLE_LONGEST:
            cost += TITLE_TOO_LONG
        if x.tense and label.role in (RES, PLN) and x.tense != (1 if label.role == RES else 2):
            cost += TENSE
        if x.noun_stop and not x.tense and label.role == PLN:
            cost += NOUN_STOP
        if x.onward and label.role == RES:
            cost += TENSE
        if x.tense == 1 and label.role in (TTL, DSC, ITM):  # a description says what will be done, never 「…した。」
            cost += TENSE
        if x.past_ahead and label.role in (TTL, DSC, ITM):  # ... nor a sentence of it that ends so a line on
            cost += PAST_AHEAD
        if label.role == PLN and x.noun_end and (x.stop or not cols.full(x, PLN)):  # (stop: dense_tails)
            cost += NOUN_END
        if x.budgets and label.role in (RES, PLN) and _budget_column(x, cols) not in (0, label.role):
            cost += BUDGET_YEAR
        if x.dot and label.role in (TTL, DSC, ITM):
            cost += BULLET_IN_DESCRIPTION
        if x.tag == 1 and label.role == ITM:
            cost += SECOND_TAG
        if office and label.role != OFF:
            cost += OFFICE_ELSEWHERE + (OFFICE_START_ELSEWHERE if x.office_start else 0.0)
        if label.role == OFF and not x.office_start and not label.resumed and (label.new_row or s.cur != OFF):
            cost += OFFICE_CUT
        if x.particle and (label.new_row or (s.cur != START and cols.cell(label.role) != cols.cell(s.cur)
                                             and not s.status[cols.cell(label.role)])):
            cost += PARTICLE_OPENS
        if x.number and label.role in (DSC, ITM, RES, PLN) and x.number != _next_item(s, cols, label):
            cost += ITEM_ORDER
        yield state, cost, label


def _items(s: State, cols: Columns, x: Piece, role: int) -> tuple[int, ...]:
    """S's items once X is read in ROLE: an item ① … is its cell's last."""
    if not x.number or role == TTL:
        return s.items
    items = list(s.items or (0,) * len(cols.order))
    items[cols.cell(role)] = x.number
    return tuple(items)


def _next_item(s: State, cols: Columns, label: Label) -> int:
    """The number the next item of LABEL's cell should bear: one past that cell's last item in the row (a
    description's ① … ⑤, then the results' ① … ⑤ again), ① where it has none."""
    return 1 if label.new_row or not s.items else s.items[cols.cell(label.role)] + 1


def _budget_column(x: Piece, cols: Columns) -> int:
    """The column X's budgets say it is in (RES: this year's budget, PLN: next year's or a request), or 0."""
    results, plans = cols.years
    later = any(request or year == plans for year, request in x.budgets)
    now = any(year == results and not request for year, request in x.budgets)
    return 0 if later == now or not results else PLN if later else RES


def _moves(s: State, cols: Columns, x: Piece, brk: bool, implicit: bool):
    if x.joined:  # the next cell on the same baseline
        if s.cur != START:
            yield from _advances(s, cols, x)
        return
    if s.cur == START:
        yield from _row_starts(s, cols, x, 0.0)
        return
    role = s.cur
    titled = role == TTL and x.paren  # 「…行政の連携強化」 / 「（その２）」: a title's last words in brackets
    if cols.fits(x, role) and (role != OFF or x.office) and (role != TTL or ((x.title or titled) and s.lines < TITLE_LINES)):
        cost = _cont_cost(s.end) + (BULLET_GOES_ON if (x.bullet and not titled) or x.onward else 0.0)
        if role == DSC and s.tagged:
            cost += AFTER_TAG
        if (s.word_end and x.verb_tail) or x.restates:
            cost += NOUN_THEN_VERB
        yield _went_on(s, cols, x, role, s.end), cost, Label(role, False)
    if role in (RES, PLN, ITM, DSC) and cols.fits(x, role):
        if role in (RES, PLN):
            start = 0.0 if x.bullet else NO_BULLET
        elif role == ITM:
            start = 0.0 if x.item else ITEM_TEXT
        else:
            start = (0.5 if x.item else DESC_PARAGRAPH) + (AFTER_TAG if s.tagged else 0.0)
        yield _enter(s, cols, x, role), _end_cost(s.end) + start, Label(role, False)
    yield from _advances(s, cols, x)
    yield from _row_starts(s, cols, x, row_end_cost(s, cols))
    if brk or implicit:
        extra = 0.0 if brk else IMPLICIT_BREAK
        for k in range(len(cols.order)):
            for state, cost, label in _resumes(s, cols, x, k):
                yield state, cost + extra, label


def _resumes(s: State, cols: Columns, x: Piece, k: int, after_break: bool = True):
    """X in cell K as the row goes on after a page break (AFTER_BREAK: X is the first line after it; else an
    office printed first went on before)."""
    cell, status = cols.order[k], s.status[k]
    targets = [ITM] if cell == DSC and s.tagged else [DSC] if cell == DSC else [cell]
    for target in targets:
        if not cols.fits(x, target) or (target == OFF and not x.office):
            continue
        if cell == DSC and s.tagged and not x.item and s.cur != ITM and not _open(status) \
                and not (s.items and s.items[k]):
            continue  # (after its tag a description goes on only in its items, once it has some: an item cut
            # mid-sentence, or a paragraph of an item's text 「① 日常生活における…」 / 「日常生活において…」;
            # a paragraph that closes a ministry tag is another row's: SECOND_TAG)
        if target == DSC and status and not s.described:  # the page cut the cell right after its title:
            cost = DESC_AFTER_CUT_TITLE  # the description starts, no second paragraph
        else:
            cost = _resume_cost(status, x, target) if status else RESUME_FRESH
        went = x.bullet or (target == ITM and x.item)  # (a new paragraph, not the sentence going on)
        yield (_went_on(s, cols, x, target, 0 if went else status, True if after_break else None), cost,
               Label(target, False, after_break))


def unfit_move(s: State, cols: Columns, x: Piece):
    """No reading fits X (a line wider than its column): it goes on in the current cell, at a price."""
    role = s.cur if s.cur != START else DSC
    state = s if s.cur != START else State(status=(0,) * len(cols.order))
    return _enter(state, cols, x, role), UNFIT, Label(role, s.cur == START)
