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
The model's terms (roles, columns, the state of a row, how a line ends) are in dense_roles.py, its weights in
dense_costs.py, where a row starts and ends in dense_rows.py, and a row going on after a page break in
dense_resume.py; this module holds the moves from one line to the next.
"""

from __future__ import annotations

from .dense_costs import (
    AFTER_TAG,
    BUDGET_YEAR,
    BULLET_GOES_ON,
    BULLET_IN_DESCRIPTION,
    CELL_NO_BULLET,
    DESC_PARAGRAPH,
    END_AFTER_STOP,
    GROUP_LEFT,
    IMPLICIT_BREAK,
    ITEM_NO_MARK,
    ITEM_OPENS,
    ITEM_ORDER,
    ITEM_TEXT,
    LEAD_IN_GOES_ON,
    MID_QUOTE,
    MISSING_OFFICE,
    NO_BULLET,
    NOUN_END,
    NOUN_STOP,
    NOUN_THEN_VERB,
    OFFICE_CUT,
    OFFICE_ELSEWHERE,
    OFFICE_START_ELSEWHERE,
    PARTICLE_OPENS,
    PAST_AHEAD,
    QUOTE_AFTER_STOP,
    QUOTE_ELSEWHERE,
    REPEATED,
    SECOND_TAG,
    SKIP,
    SPLICED,
    TENSE,
    TITLE_LONGEST,
    TITLE_TOO_LONG,
    UNFIT,
)
from .dense_pieces import Piece
from .dense_resume import cut_short, resume_cost, resumes
from .dense_roles import (
    DSC,
    ITM,
    OFF,
    PLN,
    RES,
    START,
    TTL,
    Columns,
    Label,
    State,
    cont_cost,
    end_cost,
    enter,
    ran_on,
    went_on,
)
from .dense_rows import row_end_cost, row_starts, row_starts_after_office, title_end


def moves(s: State, cols: Columns, x: Piece, brk: bool, implicit: bool):
    """Every way piece X may follow state S: (next state, cost, label)."""
    office = OFF in cols.order and x.office_name
    for state, cost, label in _moves(s, cols, x, brk, implicit):
        if label.role == TTL and state.title_width > TITLE_LONGEST and state.title_width - x.width <= TITLE_LONGEST:
            cost += TITLE_TOO_LONG
        # (a line opening another cell than the line before's, 「…引き続き取り組む」 / 「（令和6年9月3日）。」, ends
        # none of that line's sentences)
        tense = x.tense if label.role == s.cur and not label.new_row else x.own_tense
        if tense and label.role in (RES, PLN) and tense != (1 if label.role == RES else 2):
            cost += TENSE
        if x.noun_stop and not x.tense and label.role == PLN:
            cost += NOUN_STOP
        if x.onward and label.role != PLN:  # (a plan's words: no result and no description of the three editions
            cost += TENSE  # generated holds 「引き続き、」; 「引き続き、AMEDの…を支援する。」 after a list is the plans')
        if x.plan_end and label.role == RES and not cols.full(x, RES):
            cost += TENSE
        if tense == 1 and label.role in (TTL, DSC, ITM):  # a description says what will be done, never 「…した。」
            cost += TENSE
        if x.past_ahead and label.role in (TTL, DSC, ITM):  # ... nor a sentence of it that ends so a line on
            cost += PAST_AHEAD
        if label.role == PLN and x.noun_end and (x.stop or not cols.full(x, PLN)):  # (stop: dense_tails)
            cost += NOUN_END
        if x.budgets and label.role in (RES, PLN) and _budget_column(x, cols) not in (0, label.role):
            cost += BUDGET_YEAR
        if x.dot and label.role in (TTL, DSC, ITM):
            cost += BULLET_IN_DESCRIPTION
        if x.closes_first and label.role in (RES, PLN) and not label.new_row and s.status \
                and s.status[cols.cell(label.role)] == 2:  # (a sentence ended, its paragraph left no quote open:
            cost += QUOTE_AFTER_STOP  # 「…取り組む。」 / 「法に基づく…検討を進める」」 goes on another cell's 「…において「臨床研究」)
        if (x.leads_in or x.repeats) and label.role == s.cur and not label.new_row:
            cost += (LEAD_IN_GOES_ON if x.leads_in and label.role in (RES, PLN) else 0.0) + (REPEATED if x.repeats else 0.0)
        if x.tag == 1 and label.role in (ITM, RES, PLN):  # (a ministry tag closes a description, never a result
            cost += SECOND_TAG  # or a plan: 「…のマッチングに取り組む。［◎厚、◎経］」 is the next row's description)
        if office and label.role != OFF:
            cost += OFFICE_ELSEWHERE + (OFFICE_START_ELSEWHERE if x.office_start else 0.0)
        if label.role == OFF and not x.office_start and not label.resumed \
                and (label.new_row or (s.cur != OFF and not s.status[cols.cell(OFF)])):
            cost += OFFICE_CUT
        if label.role == OFF and x.closes_first:  # an office's name closes no bracket it did not open: 「人材）の育成」
            cost += MID_QUOTE  # is a title's rest (「…人材（コーディネート」 / 「人材）の育成」)
        # (nor does a title or a results or plans cell open with a verb's ending after a line that ran on, 「…AMEDによ」
        # / 「る支援を中心に…」: the word its end cut goes on; a description may, where a page break lost its first line)
        opens = label.new_row or (s.cur != START and cols.cell(label.role) != cols.cell(s.cur)
                                  and not s.status[cols.cell(label.role)])
        if opens and (x.particle or (x.verb_tail and ran_on(s.end) and label.role != DSC)):
            cost += PARTICLE_OPENS
        if x.names_group and s.cur in (RES, PLN) and (label.new_row or cols.cell(label.role) != cols.cell(s.cur)):
            cost += GROUP_LEFT
        if x.number and label.role in (DSC, ITM, RES, PLN) and x.number != _next_item(s, cols, label):
            cost += ITEM_ORDER
        if x.quote_goes_on and s.cur != START and (label.new_row or cols.cell(label.role) != cols.cell(s.cur)
                                                   or (s.cur == TTL) != (label.role == TTL)):
            cost += QUOTE_ELSEWHERE  # (nor does a title end mid-word: 「…においてニー」 / 「ズに応じた…」 is the description's)
        yield state, cost, label


def _moves(s: State, cols: Columns, x: Piece, brk: bool, implicit: bool):
    if x.joined:  # the next cell on the same baseline
        if s.cur != START:
            yield from _advances(s, cols, x)
        return
    if s.cur == START:
        yield from row_starts(s, cols, x, 0.0)
        return
    role = s.cur
    titled = role == TTL and x.paren  # 「…行政の連携強化」 / 「（その２）」: a title's last words in brackets
    if cols.fits(x, role) and (role != OFF or x.office) and (role != TTL or ((x.title or titled) and s.lines < cols.title_lines())):
        cost = cont_cost(s.end) + (BULLET_GOES_ON if (x.bullet and not titled) or x.onward else 0.0)
        if role == DSC and s.tagged:
            cost += AFTER_TAG
        if (s.word_end and x.verb_tail) or x.restates:
            cost += NOUN_THEN_VERB
        if x.after_stop:
            cost += SPLICED
        yield went_on(s, cols, x, role, s.end), cost, Label(role, False)
    if role in (RES, PLN, ITM, DSC) and cols.fits(x, role):
        if role in (RES, PLN):
            start = 0.0 if x.bullet else NO_BULLET
        elif role == ITM:
            start = 0.0 if x.item else ITEM_TEXT
        else:
            start = (0.5 if x.item else DESC_PARAGRAPH) + (AFTER_TAG if s.tagged else 0.0)
        # (a results or plans paragraph ending in a comma leads in the bullets after it: 「令和６年度…改革において、」 /
        # 「・チャレンジ申請の…」; it ends there as at a sentence's end, however full its line)
        lead_in = role in (RES, PLN) and x.bullet and x.after_comma and ran_on(s.end)
        yield enter(s, cols, x, role), (END_AFTER_STOP if lead_in else end_cost(s.end)) + start, Label(role, False)
    yield from _advances(s, cols, x)
    yield from row_starts(s, cols, x, row_end_cost(s, cols))
    if brk or implicit:
        extra = 0.0 if brk else IMPLICIT_BREAK
        for k in range(len(cols.order)):
            for state, cost, label in resumes(s, cols, x, k):
                yield state, cost + extra, label


def _advances(s: State, cols: Columns, x: Piece):
    """To a later cell of the row (or from the title to the description, from the description to its items;
    never on one baseline, where X is another cell's)."""
    here = cols.cell(s.cur) if s.cur != START else -1
    if s.cur == TTL and cols.fits(x, DSC) and not x.joined:
        yield enter(s, cols, x, DSC), title_end(s, x) + (BULLET_GOES_ON if x.bullet else 0.0), Label(DSC, False)
    if s.cur == DSC and s.tagged == 1 and cols.fits(x, ITM) and not x.joined:  # (a note's bracket has no items)
        yield enter(s, cols, x, ITM), end_cost(s.end) + (0.0 if x.item else ITEM_NO_MARK), Label(ITM, False)
    # (a description ends at its tag, a cell at a paragraph's end: row_end_cost sees to both)
    leave = title_end(s, x) if s.cur == TTL else 0.0  # (TITLE_ONLY is paid where the row ends undescribed)
    for k in range(here + 1, len(cols.order)):
        role = cols.order[k]
        if role == DSC:  # after an office printed first: the title or the description
            if s.status[k] and s.resumed:  # (the office went on after a page break: the description goes on)
                yield from resumes(s, cols, x, k, after_break=False)
            for entered in row_starts_after_office(s, cols, x):
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
            cost = resume_cost(status, x, role) + cut_short(s, k)
        else:
            cost = ITEM_OPENS if x.item else 0.0 if x.bullet or role == OFF else CELL_NO_BULLET
        yield went_on(s, cols, x, role, 0 if x.bullet else status), leave + skipped + cost, Label(role, False)


def _next_item(s: State, cols: Columns, label: Label) -> int:
    """The number the next item of LABEL's cell should bear: one past that cell's last item in the row (a
    description's ① … ⑤, then the results' ① … ⑤ again), ① where it has none."""
    return 1 if label.new_row or not s.items else s.items[cols.cell(label.role)] + 1


def _budget_column(x: Piece, cols: Columns) -> int:
    """The column X's budgets say it is in (RES: this year's budget, PLN: next year's or a request), or 0."""
    results, plans = cols.years
    later = any(request or year == plans for year, request in x.budgets)
    now = any(year == results and not request for year, request in x.budgets)
    column = 0 if later == now or not results else PLN if later else RES
    # (the verb of the sentence the budget is cited in says more: a plan may go on with this year's program)
    return 0 if x.budget_tense and column != (RES if x.budget_tense == 1 else PLN) else column


def unfit_move(s: State, cols: Columns, x: Piece):
    """No reading fits X (a line wider than its column): it goes on in the current cell, at a price."""
    role = s.cur if s.cur != START else DSC
    state = s if s.cur != START else State(status=(0,) * len(cols.order))
    return enter(state, cols, x, role), UNFIT, Label(role, s.cur == START)


def unfit_moves(s: State, cols: Columns, x: Piece):
    """No reading fits X: it goes on in the current cell, at a price; or, a bullet 「・」 after a description's
    title, text or items (a description holds no bullet), it opens the row's first results or plans cell printed
    after the description that has no line yet, at that price (a bullet's first line a cell over its column)."""
    yield unfit_move(s, cols, x)
    if not x.dot or s.cur not in (TTL, DSC, ITM):
        return
    k = next((k for k in range(cols.cell(DSC) + 1, len(cols.order)) if cols.order[k] in (RES, PLN)), None)
    if k is not None and not s.status[k]:
        yield enter(s, cols, x, cols.order[k]), UNFIT, Label(cols.order[k], False)
