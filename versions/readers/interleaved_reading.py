"""The interleaved reader's dynamic program: each line's pieces given their columns.

Each line is read by a small dynamic program over the states of the open row's columns (Viterbi, linear
in the number of lines): a reading cuts the line's pieces into groups and gives each group a column,
continuing the open row or starting the next one, at a cost (lower is likelier). Where two readings
cost the same, the line is reported, never silently guessed (text_interleaved.py warns).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import combinations

from .cells import CONTINUES_RE
from .interleaved_drift import drift_cost, may_drift
from .interleaved_groups import WIDTH_SLACK, Group, line_options, wording_of
from .interleaved_marks import stray_head
from .interleaved_offices import GLUED_OFFICE_MIN, OFFICE
from .vocabulary import NO_LINE_START, OFFICE_WORD_RE, PLAN_VERB_END_RE, round_open

PAGE_END_LINES = 2  # how many lines before a page header a cell may stop early
# ... but two lines early is rare: over the dev and three seen sets' passing readings, 126 cells stopped one line
# early and went on after the break, none two. Where two columns could each take a piece above the break, the
# one stopping two lines early is the likelier wrong (3030: 「・チャレンジ申請の…」 given to the plans, whose
# 「…検討を行う。」 had ended their cell, the results' lead-in 「…制度改革において、」 then waiting two lines)
HELD_TWO_LINES = 1.0

# Costs of a reading (lower is likelier).
SKIP_FULL = 2.5  # a column whose last line was full has nothing on this line (its paragraph ended exactly)
SKIP_STOP = 0.3  # ... where that full line ended a sentence
SKIP_OPEN = 2.0  # a column whose last line ended mid-sentence (a 「、」) has nothing on this line
TAG_OUTSIDE = 2.0  # a ministry tag ［…］ read in the results or plans column
NO_BULLET = 3.0  # a results/plans line after a short one that starts no bullet
SHORT_GOES_ON = 0.5  # ... that goes on the short line's word or sentence
WORDING = 1.0  # a results line ending a sentence worded as a plan, or the other way round
TAIL_CHARS = 12  # characters of a line kept to word the sentence's end on the next line
OFFICE_GOES_ON = 1.0  # an office's name going on after a short line
OFFICE_UNFINISHED = 1.0  # an office's name ending in no office word (…課, …室, …局) where its column ends
OFFICE_LINE_ELSEWHERE = 1.0  # a line of an office (interleaved_offices.office_lines) read in another column
# Brackets that open a sentence's next words (and may not end a line: the line before stops short of them)
OPENING = ("（", "(", "「", "『", "＜")
WORD_END_RE = re.compile(r"[ァ-ヺーA-Za-z]$")
WORD_START_RE = re.compile(r"^[ァ-ヺーA-Za-z]")
# A number or latin word is never broken: a line stops short of one that does not fit (「…に関する開発ガイダンス」 then
# 「2025」及び…」), its sentence going on below
UNBROKEN_START_RE = re.compile(r"^[A-Za-z0-9０-９]")
# An item numbered out of its cell's sequence (「⑤」 after 「⑤」, or first): a cell's items run ①, ②, ③…, so the
# line is the next item of another column's list (the description's items after its tag, the results' list of 採択),
# or of the row before (a new row's description does not start its items at 「⑤」)
ITEM_OUT_OF_SEQUENCE = 3.0
BULLET_AFTER_FULL = 0.5  # a bullet right after a full line (the bullet before ended exactly at the width), but
# for one ending at a 「、」: a lead-in (「…制度改革において、」) whose bullets follow it
DESC_AFTER_TAG = 2.0  # description text after its ministry tag (items ①…) rather than a new row
NOT_AN_ITEM = 2.0  # ... where that text starts no item: the next row's title or another column's line
DESC_BULLET = 1.0  # a 「・」 paragraph in the description column
TITLE_THEN_TEXT = 0.3  # a description paragraph after a short line (the title)
# ... after a second short line, its title before it, that stopped where the next words would have fit: a
# description's text before its tag is one paragraph (「…データの品質管理及び３大バイオバンク」, a space of the cell's
# own then 「等に蓄積された…支援に」, and the results' 「る。」 after that space: read with the results' 「…を行ってい」,
# the description went on with 「引き続き取り組む。［…］」)
SECOND_PARAGRAPH = 1.0
ROW_WITHOUT_TAG = 2.0  # a row ending before its description's tag
ROW_STARTS_WITH_BULLET = 3.0  # a new row whose description would start with 「・」
TIE = 1e-9
DOUBT_MARGIN = 0.2  # readings this close in cost are both credible: the line is reported
BEAM_STATES, BEAM_COST = 8, 6.0  # states kept after each line, and how much costlier than the best they may be
DOUBT_LOOKBACK = 60  # lines to look back for where two equally cheap readings part
# A line breaks where the next unbreakable unit (a character with the marks kinsoku keeps with it, a latin word)
# does not fit: a line that stops this many cells more than that unit short of its column's commonest full line,
# its paragraph going on below, broke where nothing broke it (「…３大バイオバンク 等に蓄」, a space of the cell's own
# before 「等に蓄」: 「…バイオバンク」 alone stops 3 cells short, and 「積されたデータ…」 goes on below)
EARLY_BREAK = 1.0
EARLY_ROOM = 1.5
JOIN_CONTEXT = 2  # characters of a description line's end kept for its next line's join (interleaved_joins.CONTEXT)
OPENS_MID_SENTENCE = 1.0  # a sentence's first words going on a full line that stopped mid-sentence
# A results or plans cell opening with a word's or a sentence's rest (「に必要・医療技術…」): a cell starts a sentence,
# so the words are the end of another column's line (「…連携することでARO」 then 「に必要」, glued to the results'
# first bullet, a space after the latin word)
CELL_OPENS_MID_SENTENCE = 2.0
# ... or with a character or two before a bullet's mark (「令・令和7年度…」, interleaved_marks.stray_head): the
# characters end the line of the column printed left of it (「…強靱化事業　令」, a space inside that cell), as a cell opening
# with no bullet after a short line would cost (NO_BULLET)
STRAY_OPENING = NO_BULLET
# A results or plans line ending as the text's bullets end (interleaved_ends.paragraph_ends: 「…の課題を採択」) then
# going on with no bullet: the description's line at a page's foot (「療機器」) read as the bullet's last words
PARAGRAPH_ENDED = 1.0


@dataclass(frozen=True)
class _Col:
    """What the reading so far says about one column of the open row."""

    started: bool = False
    active: bool = True  # its lines are consecutive: once it skips a line it is done for the row
    full: bool = False  # its last line filled the width: the paragraph runs on
    stop: bool = False  # ... but ended a sentence (。): the paragraph may as well end there
    tagged: bool = False  # description only: its ministry tag has been read
    items: bool = False  # description only: text goes on after the tag (items ①…)
    open: bool = False  # its last line ends mid-sentence (「…検討を行い、」): its text goes on below
    word: bool = False  # its last line ends in katakana or a latin letter: a word may run on (「…ベン」 「チャー…」)
    paused: bool = False  # it stopped a line early at a page's foot: it may go on after the page break, not before
    held: int = 0  # ... the lines it stopped early (kept after the break until its next line)
    item: int = 0  # the number of the last item (①…) it started in the row, or 0
    titled: bool = False  # description only: a line before its last stopped short (its title ended there)
    room: float = 0.0  # cells its last line stops short of the column's commonest full line (EARLY_BREAK)
    tail: str = ""  # the end of its last line where that ended no sentence: a sentence's end below is worded with it
    end: str = ""  # description only: its last line's last characters, where that ended no sentence (JOINS)
    ended: bool = False  # results or plans: its last line ends as the text's bullets end (PARAGRAPH_ENDED)
    verb_end: bool = False  # results or plans: its last line ends worded as a plan with no 。 (vocabulary.PLAN_VERB_END_RE):
    # where the cell ends there, it ended its sentence as a 。 would (SKIP_STOP), though its line is full
    drift: bool = False  # it has nothing on the last line but may go on (interleaved_drift)


State = tuple[_Col, ...]  # () before the first row of a goal


@dataclass(frozen=True)
class Reading:
    new_row: bool
    groups: tuple[tuple[int, str], ...]  # (column, text)


def full_line(col_width: float) -> float:
    """The narrowest a full line of a column prints: line breaking leaves up to a few cells free."""
    return col_width - (0.5 + 0.08 * col_width)


def is_full(width: float, col_width: float) -> bool:
    return width >= full_line(col_width)


def read_lines(lines: list[str], pieces: Callable[[str], list[str]], kinds: list[str], widths: tuple[float, ...],
               fulls: tuple[float, ...] | None = None, order: tuple[int, ...] | None = None,
               fills: tuple[float, ...] | None = None, results: int = 1, glued: bool = False,
               phrases: frozenset[tuple[str, str]] = frozenset(), offices: frozenset[str] = frozenset(),
               joins: Callable[[str, str], float] | None = None, ends: frozenset[str] = frozenset()
               ) -> tuple[list[Reading], set[int], set[int]]:
    """The cheapest reading of every text line (Viterbi over the open row's column states), the lines that
    another reading explains as well, and the lines no reading fits. WIDTHS: the widest each column prints;
    FULLS: the narrowest a full line of each prints (by default from WIDTHS, full_line). Columns are numbered
    by role (0 the description, 1 and 2 results and plans, 3 the 「担当」 office); ORDER: the role of each column
    as the lines print them, left to right (by default, in that order); FILLS: the commonest width of a full
    line of each (by default WIDTHS), where a piece too wide for any column is cut (glued); RESULTS: the
    column of the results (1, or 2 where the plans are printed first); GLUED: the text prints columns with no
    space between them (a piece that fits a column may hold the next column's too); PHRASES: the latin word
    pairs the document prints joined more than once (interleaved_latin.latin_phrases), dearer to part; OFFICES:
    the 「担当」 column's lines (interleaved_offices.office_lines), where an office's line is glued to the plans';
    JOINS: the cost of a column's line going on from its last characters with a text (interleaved_joins); ENDS: the
    words the text's results bullets end in (interleaved_ends)."""
    ncols = len(widths)
    fulls = fulls or tuple(full_line(w) for w in widths)
    order = order or tuple(range(ncols))
    fills = fills or widths
    frontier: dict[State, tuple[float, int]] = {(): (0.0, -1)}  # state -> (cost, node)
    history: list[tuple[int, Reading | None, int]] = []  # node -> (line index, reading, previous node)
    plains: list[float] = []  # node -> the cost of its path but for the joins (JOINS)
    doubts: dict[int, set[int]] = {}  # node -> lines read one way where another way costs the same
    unfit: set[int] = set()
    page_end = _page_ends(kinds)
    for i, kind in enumerate(kinds):
        if kind == "span":  # a vision or goal row closes the row above
            best = min(((cost + _end_cost(state), node) for state, (cost, node) in frontier.items()),
                       key=lambda v: v[0])
            history.append((i, None, best[1]))
            plains.append(plains[best[1]] if best[1] >= 0 else 0.0)
            frontier = {(): (best[0], len(history) - 1)}
            continue
        if kind in ("header", "page"):  # a page break: a cell that stopped early at the page's foot goes on
            resumed: dict[State, tuple[float, int]] = {}
            for state, value in sorted(frontier.items(), key=lambda kv: kv[1][0]):
                key = tuple(replace(col, paused=False) for col in state)
                kept = resumed.setdefault(key, value)
                if kept is not value and min(value[0] - kept[0], abs(plains[value[1]] - plains[kept[1]])) <= DOUBT_MARGIN:
                    # two readings as cheap meet here (or as cheap but for the joins)
                    _, reading, prev = history[value[1]]
                    if reading is not None and (differ := _differences(history, kept[1], reading, prev)):
                        doubts.setdefault(kept[1], set()).update(differ)
            frontier = resumed
        if kind != "text":
            continue
        options = line_options(pieces(lines[i]), widths, fills, glued, order, phrases, offices)
        nxt: dict[State, tuple[float, int]] = {}
        for state, (cost, node) in frontier.items():
            for reading, extra, new_state, joined in _candidates(state, options, widths, fulls, fills, order, results,
                                                                 i in page_end, offices, joins, ends, not glued):
                total = cost + extra
                plain = plains[node] + extra - joined if node >= 0 else extra - joined
                old = nxt.get(new_state)
                if old is None or total < old[0] - TIE:
                    history.append((i, reading, node))
                    plains.append(plain)
                    nxt[new_state] = (total, len(history) - 1)
                    # the reading it beat was close, or as close but for the joins (they tell, but never unreported)
                    if old is not None and min(old[0] - total, abs(plains[old[1]] - plain)) <= DOUBT_MARGIN:
                        differ = _differences(history, len(history) - 1, history[old[1]][1], history[old[1]][2])
                        if differ:
                            doubts.setdefault(len(history) - 1, set()).update(differ)
                elif min(total - old[0], abs(plain - plains[old[1]])) <= DOUBT_MARGIN:
                    differ = _differences(history, old[1], reading, node)
                    if differ:
                        doubts.setdefault(old[1], set()).update(differ)
        if not nxt:  # no reading fits (a piece wider than every column): start a row with the whole line
            best = min(frontier.values(), key=lambda v: v[0])
            history.append((i, Reading(True, ((0, lines[i].strip()),)), best[1]))
            plains.append(plains[best[1]] if best[1] >= 0 else 0.0)
            unfit.add(i)
            nxt = {(_Col(True, True),) + tuple(_Col(False, False) for _ in range(ncols - 1)):
                   (best[0] + 10.0, len(history) - 1)}
        # Keep the few cheapest states: a reading far costlier than the best never comes back.
        ranked = sorted(nxt.items(), key=lambda kv: kv[1][0])[:BEAM_STATES]
        frontier = {state: v for state, v in ranked if v[0] <= ranked[0][1][0] + BEAM_COST}
    readings: list[Reading] = [Reading(False, ())] * len(lines)
    ambiguous: set[int] = set()
    if not history:
        return readings, ambiguous, unfit
    node = min(((cost + _end_cost(state), node) for state, (cost, node) in frontier.items()), key=lambda v: v[0])[1]
    while node >= 0:
        i, reading, prev = history[node]
        if reading is not None:
            readings[i] = reading
        ambiguous |= doubts.get(node, set())
        node = prev
    return readings, ambiguous, unfit


def _differences(history: list[tuple[int, Reading | None, int]], kept: int, reading: Reading, node: int
                 ) -> set[int]:
    """Lines where two equally cheap paths into one state read differently: the kept path (ending at node
    KEPT) and the one reading the line as READING after NODE. Both paths pass the same lines."""
    i, kept_reading, a = history[kept]
    out = {i} if kept_reading != reading else set()
    b = node
    for _ in range(DOUBT_LOOKBACK):
        if a == b or a < 0 or b < 0:
            break
        (line, ra, a), (_, rb, b) = history[a], history[b]
        if ra != rb:
            out.add(line)
    return out


def _page_ends(kinds: list[str]) -> set[int]:
    """The last text lines before each page break (a page header, a page number): a cell's lines there may end
    a line or two early, the rest of the cell continuing on the next page (line heights differ between
    columns)."""
    out: set[int] = set()
    for i, kind in enumerate(kinds):
        if kind in ("header", "page"):
            j, seen = i - 1, 0
            while j >= 0 and seen < PAGE_END_LINES and kinds[j] != "span":
                if kinds[j] == "text":
                    out.add(j)
                    seen += 1
                j -= 1
    return out


def _candidates(state: State, options: list[tuple[tuple[Group, ...], float]], widths: tuple[float, ...],
                fulls: tuple[float, ...], fills: tuple[float, ...], order: tuple[int, ...], results: int,
                page_end: bool, offices: frozenset[str] = frozenset(),
                joins: Callable[[str, str], float] | None = None, ends: frozenset[str] = frozenset(),
                drifts: bool = True):
    """(reading, cost, next state) for each way the line can continue the open row or start the next one: its
    groups, left to right, in columns left to right (ORDER: their roles); OFFICES: the office column's lines."""
    ncols = len(widths)
    for groups, space_cost in options:
        for places in combinations(range(ncols), len(groups)):
            cols = tuple(order[k] for k in places)
            if any(groups[j].width - (groups[j].trim if groups[j].must is not None else 0.0) > widths[c] + WIDTH_SLACK or (groups[j].must is not None and c not in groups[j].must)
                   for j, c in enumerate(cols)):
                continue
            # a sentence ending as the other column's do: 「…を推進した。」 read as a plan, 「…予定。」 as a result
            worded = space_cost + sum(WORDING for g, c in zip(groups, cols, strict=True) if g.wording and c in (1, 2)
                                      and g.wording != ("result" if c == results else "plan"))
            # an office's line (「査管理課」, printed apart in the office's place elsewhere) read in another column
            worded += sum(OFFICE_LINE_ELSEWHERE for g, c in zip(groups, cols, strict=True)
                          if c != OFFICE and len(g.text) >= GLUED_OFFICE_MIN and g.text in offices)
            # a ministry tag ends its description's last line: text after it and a space is another column's
            # (「…機能 を構築する。［厚、◎経］ 標」を公表した。」 is not one column's line)
            worded += sum(TAG_OUTSIDE for g in groups if g.inner_tag)
            if state:
                cont = _continue(state, groups, cols, fulls, fills, page_end, joins, ends, drifts)
                if cont is not None:
                    cost, new_state, joined = cont
                    yield _reading(False, cols, groups), cost + worded + _tail_wording(state, groups, cols, results), \
                        new_state, joined
            if 0 in cols:  # a row starts with its description's first line (an office first may share it)
                cost, new_state = _new_row(state, groups, cols, fulls, fills, ends)
                yield _reading(True, cols, groups), cost + worded, new_state, 0.0


def _tail_wording(state: State, groups: tuple[Group, ...], cols: tuple[int, ...], results: int) -> float:
    """The cost of a sentence's end that tells its wording only with the line before in its column: 「…８事例を
    取りまとめ」 / 「た。」, 「…を提供した（商談件数84」 / 「件）。」 (a short tail tells nothing alone)."""
    cost = 0.0
    for g, c in zip(groups, cols, strict=True):
        if c in (1, 2) and g.stop and not g.wording and state[c].tail:
            wording = wording_of(state[c].tail + g.text)
            if wording and wording != ("result" if c == results else "plan"):
                cost += WORDING
    return cost


def _reading(new_row: bool, cols: tuple[int, ...], groups: tuple[Group, ...]) -> Reading:
    return Reading(new_row, tuple((c, g.text) for c, g in zip(cols, groups, strict=True)))


def _skip_cost(c: int, col: _Col) -> float:
    """The cost of column C having nothing on a line: it is done for the row."""
    if not col.active:
        return 0.0
    cost = (SKIP_STOP if col.stop or col.ended or col.verb_end or c == OFFICE else SKIP_FULL) if col.full else 0.0  # an office is a
    # name; a bullet ending as the text's do (「…の課題を採択」) ends its paragraph as a 。 does
    if col.open:  # 「令和８年度…改革において、…検討を行い、」 then its bullets: the cell goes on; an office's
        cost += SKIP_OPEN if c != OFFICE else OFFICE_UNFINISHED  # name ends in an office word (…課, …室)
    if c == 0 and not col.tagged:
        cost += ROW_WITHOUT_TAG  # a description ends at its ministry tag
    return cost


def _tail(c: int, group: Group) -> str:
    """What a results or plans line leaves for the wording of the sentence it goes on (_tail_wording)."""
    return group.text[-TAIL_CHARS:] if c in (1, 2) and not group.stop else ""


def _end_cost(state: State) -> float:
    return sum(_skip_cost(c, col) for c, col in enumerate(state))


def _line_state(c: int, group: Group, full_at: float, fill: float, tagged: bool, items: bool = False, item: int = 0,
                titled: bool = False, ends: frozenset[str] = frozenset()) -> _Col:
    tagged = tagged or (c == 0 and group.tagged)
    full = group.printed >= full_at and not (c == 0 and tagged)  # the tag ends the description
    # (an office's line is open where its name has not ended: 「内閣官房健康・医療戦略」 goes on with 「室」)
    opened = not OFFICE_WORD_RE.search(group.text) if c == OFFICE else group.open
    # (latin letters print up to a sixth of a cell wider than printed counts them: their line may be fuller)
    room = fill - group.printed - (group.printed - group.width)
    # (in half cells, 0 where no unit could fit: states that differ only there merge)
    room = math.floor(room * 2) / 2 if room >= EARLY_ROOM + 1 else 0.0
    return _Col(True, True, full, group.stop, tagged, items, opened, bool(WORD_END_RE.search(group.text)),
                item=group.item or item, titled=titled, room=room, tail=_tail(c, group),
                end=group.text[-JOIN_CONTEXT:] if c == 0 and not group.stop and not tagged else "",
                # (a round bracket left open, 「…７件支援した（うち新規採択」 then 「２件）。」: the paragraph goes on,
                # however its last word ends the text's bullets)
                ended=c in (1, 2) and group.text[-2:] in ends and not round_open(group.text),
                verb_end=c in (1, 2) and not group.stop and bool(PLAN_VERB_END_RE.search(group.text)))


def _continue(state: State, groups: tuple[Group, ...], cols: tuple[int, ...], fulls: tuple[float, ...],
              fills: tuple[float, ...], page_end: bool = False, joins: Callable[[str, str], float] | None = None,
              ends: frozenset[str] = frozenset(), drifts: bool = True) -> tuple[float, State, float] | None:
    """The cost of GROUPS going on the open row in columns COLS, its next state, and what of that cost the joins
    gave (JOINS); DRIFTS: a column may have nothing on a line and go on below (interleaved_drift: not in glued texts)."""
    cost = joined = 0.0
    out = list(state)
    given = dict(zip(cols, groups, strict=True))
    resuming = any(col.drift for col in state)  # a line low in one column, not each in turn (cells read out of step)
    for c, col in enumerate(state):
        group = given.get(c)
        if group is None:
            if drifts and not page_end and not resuming and may_drift(c, col, OFFICE, out[0].drift):  # (charged below)
                out[c] = replace(col, drift=True)
                continue
            if page_end and col.active and not col.drift:
                out[c] = replace(col, paused=True, held=col.held + 1)
                continue  # the cell may go on after the page header
            cost += _skip_cost(c, col)
            out[c] = _Col(col.started, False, False, False, col.tagged, col.items, item=col.item)
            continue
        drifted = drift_cost(c, col, _goes_on(c, col, group), group.bullet, OFFICE) if col.drift else 0.0
        if not col.active or col.paused or drifted is None:
            return None  # (a cell that stopped early at the page's foot goes on after the break only)
        cost += drifted
        if col.held >= 2:
            cost += HELD_TWO_LINES
        if col.started and not col.full:  # after a short line: a new paragraph
            if c == 0:
                cost += (0.0 if col.items else DESC_AFTER_TAG) if col.tagged else TITLE_THEN_TEXT
                if not col.tagged and col.titled and not group.bullet and col.room >= group.unit + EARLY_ROOM:
                    cost += SECOND_PARAGRAPH
                if col.tagged and not col.items and not group.bullet:
                    cost += NOT_AN_ITEM  # what goes on after the tag is its items (①…), not a sentence or a title
                if group.text.startswith("・"):
                    cost += DESC_BULLET  # description paragraphs are a title, text and items ①…, not bullets
            elif c == OFFICE:
                cost += OFFICE_GOES_ON  # an office is one name, wrapped where it wraps (「内閣官房健」 「康・医療戦略」)
            elif not group.bullet:
                # a line that goes on a word or a sentence (「…でのベン」 「チャー企業の…」, 「…を」 「いう。」) was cut
                # short by line breaking, not a paragraph's end
                goes_on = CONTINUES_RE.match(group.text) or (col.word and WORD_START_RE.match(group.text)) \
                    or (not col.stop and group.text.startswith(OPENING)) \
                    or (not col.stop and UNBROKEN_START_RE.match(group.text)) \
                    or (not col.stop and group.text[1:2] in NO_LINE_START and group.text[1:2] != "")
                # (「…開発ガイダンス」 「2025」及び…」; 「…において」 「円）を…」: a character carried down by kinsoku)
                cost += SHORT_GOES_ON if goes_on else NO_BULLET
        elif col.started and col.full and c > 0 and group.bullet and not col.stop and not col.open and not col.ended:
            cost += BULLET_AFTER_FULL
        elif col.started and col.stop and c > 0 and not group.bullet and not group.opener:
            cost += SKIP_STOP
        if col.started and col.full and not col.stop and not col.tagged and group.opener:
            cost += OPENS_MID_SENTENCE
        if c > 0 and group.tagged:
            cost += TAG_OUTSIDE
        if col.ended and not group.bullet:
            cost += PARAGRAPH_ENDED
        if group.item and group.item != col.item + 1:
            cost += ITEM_OUT_OF_SEQUENCE
        if col.started and c != OFFICE and _goes_on(c, col, group) and col.room >= group.unit + EARLY_ROOM:
            cost += EARLY_BREAK
        if joins is not None and (col.tail or col.end) and _goes_on(c, col, group):
            joined += joins(col.tail or col.end, group.text)  # 「…場の整」 goes on with 「備の…」, never 「て、…」
        out[c] = _line_state(c, group, fulls[c], fills[c], col.tagged, col.tagged, col.item,
                             c == 0 and (col.titled or (col.started and not col.full)), ends)
    return cost + joined, tuple(out), joined


def _new_row(state: State, groups: tuple[Group, ...], cols: tuple[int, ...], fulls: tuple[float, ...],
             fills: tuple[float, ...], ends: frozenset[str] = frozenset()) -> tuple[float, State]:
    cost = _end_cost(state)
    if groups[0].bullet:
        cost += ROW_STARTS_WITH_BULLET
    given = dict(zip(cols, groups, strict=True))
    out = []
    for c in range(len(fulls)):
        group = given.get(c)
        if group is None:
            out.append(_Col(False, False))
        else:
            if c > 0 and group.tagged:
                cost += TAG_OUTSIDE
            if c in (1, 2) and not group.bullet:
                cost += STRAY_OPENING if stray_head(group.text) else CELL_OPENS_MID_SENTENCE if group.continues else 0.0
            out.append(_line_state(c, group, fulls[c], fills[c], False, ends=ends))
    return cost, tuple(out)


def _goes_on(c: int, col: _Col, group: Group) -> bool:
    """Does GROUP go on the paragraph of column C's last line (COL), rather than start one? After a full line, any
    text but a bullet (or the description's items after its tag); after a short line, a word's or a sentence's
    rest: in the results or plans (「…を公表した。」 then 「を構築す」), or in the description after its title (「…３大
    バイオバンク」 then 「む。［◎内、…］」; a title's last line may be followed by anything: a synthetic edition's
    description may be 「む。」)."""
    if group.bullet or col.tagged:
        return False
    goes_on = group.continues and (c > 0 or (col.titled and not col.stop))
    return col.full or goes_on

