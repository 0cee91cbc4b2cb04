"""The dense reader's model, its terms: what a line may be (a role), the table's columns, and where the reading of
a row stands after each line (a State), with how each line ends in its cell.

A line ends its cell's paragraph, or runs on, by its width against the column's (ending): the model's every
cost of going on or stopping is told by that ending. A State is what the model needs of the row read so far:
the current cell, how each cell's last line ended, the title's lines and width, the description's tag, the
items ① … per cell, and whether a page break cut the row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from math import ceil
from typing import NamedTuple

from .dense_costs import (
    CONT_AFTER_OPEN,
    CONT_AFTER_SHORT,
    CONT_AFTER_STOP,
    CONT_NEARLY_FULL,
    END_AFTER_FULL,
    END_AFTER_STOP,
    END_NEARLY_FULL,
    END_OPEN,
    END_UNENDED,
    GROUP_ENDS_CELL,
    HEADING_ENDS,
    LEAD_IN_ENDS_CELL,
    TITLE_LONGEST,
)
from .dense_pieces import Piece

START, OFF, TTL, DSC, ITM, RES, PLN = -1, 0, 1, 2, 3, 4, 5  # between rows; office, title, description, items, results, plans
TITLE_LINES = 3  # a title wraps over at most this many lines, or as many as a narrow column takes for ...
NARROW_TITLE_LINES = 6  # ... the report's longest title (dense_costs.TITLE_LONGEST), at most this
FULL_MARGIN = 2.5  # a full line stops up to ~2 cells short of its column (kinsoku)
LATIN_SLACK = 0.25  # cells a half-width character may be off in a proportional font
OVERRUN = 1.5  # a line may pass its column's width by a hanging mark
WRAP_MARGIN = 1.0  # cells a column's width, estimated from its commonest lines, may be over what its lines hold
NEARLY_FULL = 1.0  # cells short of the column: a line this much shorter than full may as well end its paragraph
# A verb's clause closed by a comma (「…協力体制を構築し、国」): a one-line bullet holding one and ending in no 。 left
# its sentence unended (the bullets of the three editions that end in no 。 are noun phrases: 「・経済性加算の新設」,
# 「・…において１件の課題を採択」); it is the first line of a narrower cell's bullet (a page break before it)
CLAUSE_GOES_ON = "し、"
# No results or plans paragraph of the three editions generated ends in a quote's close (569 in 。, 24 in a bracket, the
# rest in a noun or a comma): a full line ending so, 「・引き続き「…安定供給確保事業」」, runs on (「において、…」)
QUOTE_CLOSE = ("」", "｣")


@dataclass(frozen=True)
class Columns:
    """The row's cells in print order (the header's) and each one's width in full-width cells."""

    order: tuple[int, ...]  # of O, D, R, P (D stands for the description cell: title, text, items)
    widths: dict[int, float]
    starts: dict[int, list] = field(default_factory=dict, compare=False, repr=False)  # row starts, by piece id
    ends: dict = field(default_factory=dict, compare=False, repr=False)  # row_end_cost, by state
    years: tuple[int, int] = (0, 0)  # the header's: the results' fiscal year and the plans'
    hang: float = 0.0  # cells a bullet's first line may pass its column's width by (dense_hang)

    def cell(self, role: int) -> int:
        return self.order.index(DSC if role in (TTL, ITM) else role)

    def width(self, role: int) -> float:
        return self.widths[DSC if role in (TTL, ITM) else role]

    def title_lines(self) -> int:
        """How many lines a title may wrap over: TITLE_LINES, or in a narrow description column as many as the
        report's longest title takes (9 pt, portrait: 13-15 cells a line, 「出口戦略を策定し、…人材（コーディネート人材）の
        育成」 over 4)."""
        width = self.widths[DSC]
        return max(TITLE_LINES, min(NARROW_TITLE_LINES, ceil(TITLE_LONGEST / width))) if width > 0 else TITLE_LINES

    def full(self, x: Piece, role: int) -> bool:
        return x.width >= self.width(role) - FULL_MARGIN - LATIN_SLACK * x.latin

    def fits(self, x: Piece, role: int) -> bool:
        return x.width - x.trim <= self.width(role) + OVERRUN + LATIN_SLACK * x.latin + (self.hang if x.bullet else 0.0)


class State(NamedTuple):
    """Where the reading of a row stands (a tuple: the model makes and compares very many)."""

    cur: int = START
    lines: int = 0  # title lines so far
    tagged: int = 0  # the description's tag: 0 not yet, 1 a ministry tag, 2 a note's bracket
    status: tuple[int, ...] = ()  # per cell: 0 no line yet, else how its last line ended (ending)
    resumed: bool = False  # a page break has cut the row: its cells go on in order
    described: bool = False  # the row has description text (not only a title)
    end: int = 0  # how the last line ends (ending)
    word_end: bool = False
    title_words: float = 0.0  # what the last line's words cost as a title's end (no noun last, a comma)
    title_width: float = 0.0  # the title's cells so far
    items: tuple[int, ...] = ()  # per cell: the number of its last item ① … (0: none yet)
    printed: tuple[int, ...] = ()  # per cell: the printed lines it holds before a page break cut the row (dense_resume)


@dataclass(frozen=True)
class Label:
    role: int
    new_row: bool
    resumed: bool = False  # the row goes on here after a page break


def ending(cols: Columns, x: Piece, role: int) -> int:
    """How X ends its line: 1 short, 2 full at a sentence's end, 3 full and running on, 4 a cell or two
    short of full and running on (a line wraps there now and then, a paragraph ends there now and then),
    5 a results or plans line short and stopping mid-word (「…連携するこ」: it ends no paragraph either),
    6 a group heading in brackets alone (「（アジア健康構想）」: bullets follow it in its cell), 7 a results or
    plans line, short, leaving unended the sentence it began after the line before's 。 (went_on) or a one-line bullet
    with a clause closed by a comma (CLAUSE_GOES_ON), 8 a results
    or plans line short inside a bracket it opened (「…実施した（企業間の共同開発案件９」: as 5, and where a page break
    follows, the cell goes on after it: dense_resume), 9 a results or plans line short and ending in a heading's word
    with no 。 (「…ライン・ルールの整備」: the next row's title, printed after the cell's last line), 10 a results or
    plans line short and ending in a comma (「令和６年度保険医療材料制度改革において、」: it leads in the bullets after
    it, in its cell), 11 a results or plans line short at a sentence's end (as 1, but it ended its paragraph: after a
    page break, the cell goes on with no unit carried down to it, dense_resume)."""
    if x.tag_open:
        return 3
    if role == OFF:  # a name: whole when short, or when it ends in an office's word (…課, …室), else it wraps
        return 1 if not cols.full(x, OFF) else 2 if x.office_end else 3
    if x.group and role in (RES, PLN):
        return 6
    if not cols.full(x, role):
        if role in (RES, PLN) and x.open_end:
            return 8 if x.leaves_open else 5
        if role in (RES, PLN) and x.text.endswith(("、", "，")):
            return 10
        if role in (RES, PLN) and x.word_end and not x.stop:
            return 9
        if role in (RES, PLN) and x.stop:
            return 11
        return 7 if role in (RES, PLN) and x.bullet and not x.stop and CLAUSE_GOES_ON in x.text else 1
    if x.stop and not (role in (RES, PLN) and x.text.endswith(QUOTE_CLOSE)):
        return 2
    if x.item and x.noun_end:  # an item's heading 「⑤ 医療従事者の…に資する医療機器」 may just fill its line
        return 4
    return 4 if x.width < cols.width(role) - NEARLY_FULL - LATIN_SLACK * x.latin else 3


def end_cost(end: int) -> float:
    return (0.0, 0.0, END_AFTER_STOP, END_AFTER_FULL, END_NEARLY_FULL, END_OPEN, 0.0, END_UNENDED, END_OPEN,
            HEADING_ENDS, 0.0, 0.0)[end]


def cell_end_cost(end: int) -> float:
    """A cell's last line ending it (a group heading, or a comma that leads bullets in, ends a paragraph, not a
    cell)."""
    return GROUP_ENDS_CELL if end == 6 else LEAD_IN_ENDS_CELL if end == 10 else end_cost(end)


def cont_cost(end: int) -> float:
    return (CONT_AFTER_SHORT, CONT_AFTER_SHORT, CONT_AFTER_STOP, 0.0, CONT_NEARLY_FULL, CONT_AFTER_OPEN,
            CONT_AFTER_SHORT, CONT_AFTER_SHORT, CONT_AFTER_SHORT, CONT_AFTER_SHORT, CONT_AFTER_SHORT, CONT_AFTER_SHORT)[end]


def ran_on(end: int) -> bool:
    return end in (3, 4)


def enter(s: State, cols: Columns, x: Piece, role: int, resumed: bool | None = None) -> State:
    """S after reading X in ROLE: the cell left behind keeps how its last line ended."""
    status = list(s.status)
    status[cols.cell(role)] = end = ending(cols, x, role)
    if end in (2, 3, 4) and x.next_lead and not x.item and x.width + x.next_lead + WRAP_MARGIN + LATIN_SLACK * x.latin <= cols.width(role):
        end = 1  # the next line's first character would have fitted: it goes on with no paragraph (dense_wraps;
        # the cell's status keeps the width's word: another cell's line may come between), nor after a sentence's
        # end (「…検討を行う。」 two cells short / 「令和６年度…において、」: a paragraph's next sentence would have begun on it)
    elif end in (1, 5, 7, 8, 9, 10, 11) and x.next_unit and role != OFF and x.width + LATIN_SLACK * x.latin + x.next_unit >= cols.width(role):
        end = 2 if x.stop else 4  # the next line's first unit would not have fitted: the line may have wrapped there
        # (a unit's width is its widest: one that just fills what is left, 「AMED」 in 3 cells, may not have fitted)
    tagged = max(s.tagged, x.tag) if role in (TTL, DSC) else s.tagged
    return State(role, s.lines + 1 if role == TTL else 0, tagged, tuple(status), s.resumed if resumed is None else resumed,
                 s.described or role in (DSC, ITM), end, x.word_end, x.title_words if role == TTL else 0.0,
                 s.title_width + x.width if role == TTL else 0.0,
                 _items(s, cols, x, role), s.printed if s.resumed or resumed else _printed(s, cols, x, role))


def went_on(s: State, cols: Columns, x: Piece, role: int, before: int, resumed: bool | None = None) -> State:
    """S after X goes on, in ROLE, with the paragraph whose last line ended BEFORE: where that line was full
    and ended a sentence and X, short, ends none, X's sentence is left unended (7: a paragraph's last sentence
    ends, in 。 or a bracket; a comma leads a list in)."""
    state = enter(s, cols, x, role, resumed)
    if before != 2 or state.status[cols.cell(role)] not in (1, 11) or role not in (RES, PLN) or _sentence_ends(x) or x.text.endswith(("、", "，")):
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


def _printed(s: State, cols: Columns, x: Piece, role: int) -> tuple[int, ...]:
    """S's printed lines per cell once X is read in ROLE (a line holding U+FFFE is two: pdfium joins a line
    ending in a hyphen to the next)."""
    printed = list(s.printed or (0,) * len(cols.order))
    printed[cols.cell(role)] += 1 + x.text.count("\ufffe")
    return tuple(printed)


def _items(s: State, cols: Columns, x: Piece, role: int) -> tuple[int, ...]:
    """S's items once X is read in ROLE: an item ① … is its cell's last."""
    if not x.number or role == TTL:
        return s.items
    items = list(s.items or (0,) * len(cols.order))
    items[cols.cell(role)] = x.number
    return tuple(items)
