"""pdfminer's text boxes as the boxes reader places them: the boxes, the rows and cells they make, and
what the placing knows so far (State), with the small predicates both placing modules ask.
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
    CELL_END,
    GOAL_RE,
    OFFICE_MAX,
    OFFICE_RE,
    OFFICE_WORD_RE,
    TAG_CLOSE_RE,
    TAG_OPEN_RE,
    VISION_END,
    is_heading,
    vision_number,
)

DESC = DESCRIPTION
SENTENCE_END = CELL_END  # a paragraph of a cell ends so (。 or a closing bracket)
FULL_SLACK = 4.0  # a full line stops up to this many cells short of its column's width (line-break rules,
# half-width digits printed wider than half a cell)
ITEM_RE = re.compile(r"^([①-⑳])[\s　]*")  # ① 日常生活における… : an item of a description
OPEN_SHARE = 0.75  # a cell's last line this wide without a sentence end: the sentence goes on elsewhere
LOOKAHEAD = 6  # boxes looked at ahead to tell which open cell a continuation belongs to
OFFICE_LINES = 8  # lines of one office name at most (21 characters, 3 cells a line)
OFFICE_CHARS = 24  # characters of one office name at most (the editions' longest: 21)
VISION_LINES = 3  # lines a vision heading wraps on, at most
LONE_REPOSTED_RE = re.compile(r"^[（(]再掲[）)]$")  # a goal's 「（再掲）」 wrapped below it
RESUMED_GAP = 4  # boxes of other cells between a description's pieces: more is a page break, fewer line by line
__all__ = ["PLANS", "RESULTS"]


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
    start_box: int = -1  # the index of its description's first box
    doubts: list[str] = field(default_factory=list)  # placements read from weak evidence, for a warning
    doubted: set[str] = field(default_factory=set)  # the columns those placements were in
    kept: set[str] = field(default_factory=set)  # columns given a paragraph that may be the next row's


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
    fresh: set[str] = field(default_factory=set)  # columns with no box read since the last page number
    offices: list[Box] = field(default_factory=list)  # office boxes printed since the last other box
    doubt_row: bool = False  # the last choice of a row was made from the boxes' order and heights
    doubt: str = ""  # why the box being placed may be in the wrong column or row
    warnings: list[ParseWarning] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    decided: list[str] = field(default_factory=list)  # each box's column as its widths alone show ('' if not)
    cells: tuple[str, str] = (RESULTS, PLANS)  # the two columns left to right, as the header prints them
    office_last: bool = False  # the header prints the 「担当」 column last (an office then follows its row's text)
    office_first: bool = False  # the header prints the 「担当」 column first (its offices matched at the end)
    printed_offices: list[tuple[int, Box]] = field(default_factory=list)  # each office box, with its index
    ahead: dict[str, Box] = field(default_factory=dict)  # a column's whole cell printed before its row's description
    alone: bool = False  # the description box being placed is the title of a row of a title alone
    headed: bool = False  # a vision or goal printed since the last description: a row ends there
    pairs: frozenset[str] = frozenset()  # the two letters side by side within the document's lines


def has_tag(box: Box) -> bool:
    """Does the box close a ministry tag (or open one that goes on in the next box)?"""
    return any(closes_tag(x) for x in ["".join(box.lines), *box.lines]) or bool(TAG_OPEN_RE.search(box.lines[-1]))


def closes_tag(text: str) -> bool:
    return any(is_ministry_list(m.group(1).strip()) or SUBHEADING_TAG_RE.search(m.group(1))
               for m in TAG_CLOSE_RE.finditer(text))


def spanning(box: Box) -> bool:
    """A vision （１）…, a goal 【…】 or a （上記参照）: a row across the table, alone in its box (box_cuts.py
    cuts it out): one line, or a vision wrapped up to its 「…に向けて」, or a goal with its 「（再掲）」 wrapped below
    it (dev 3092: 「【医療保険制度における…評価の実施】」 / 「（再掲）」, read as a row's text, the goal lost)."""
    first, rest = box.lines[0], box.lines[1:]
    if not is_heading(first):
        return False
    if not rest:
        return True
    if vision_number(first) is not None:
        return len(box.lines) <= VISION_LINES and rest[-1].endswith(VISION_END) \
            and not any(x.endswith(VISION_END) for x in box.lines[:-1])
    return bool(GOAL_RE.match(first)) and len(rest) == 1 and bool(LONE_REPOSTED_RE.match(rest[0]))


def is_office_box(box: Box) -> bool:
    """One office of the 「担当」 column: short lines without a sentence's marks, ending in an office's word. A
    narrow column wraps a long name on up to six lines (dev 3012: 「経産省ヘ」 … 「室」, four cells a line)."""
    return all(OFFICE_RE.match(x) and w <= OFFICE_MAX for x, w in zip(box.lines, box.widths, strict=True)) \
        and bool(OFFICE_WORD_RE.search("".join(box.lines))) and len(box.lines) <= OFFICE_LINES \
        and len("".join(box.lines)) <= OFFICE_CHARS


def is_full(width: float, column: float) -> bool:
    return width >= column - FULL_SLACK


def is_phrase(state: State, box: Box, fits: list[str]) -> bool:
    """A short line without a sentence end: it cannot finish a sentence left open (a results or plans
    paragraph ends in 。 or a bracket), so it is a cell or a title of its own."""
    last = box.lines[-1]
    return len(box.lines) == 1 and not last.endswith(SENTENCE_END) \
        and all(box.widths[-1] < OPEN_SHARE * state.widths.of(c) for c in fits)


def next_row(state: State, at: int) -> int:
    """The row after AT whose description is printed and that can have columns (-1 if none yet)."""
    r = at + 1
    while r < len(state.rows) and state.rows[r].note:
        r += 1
    return r if r < len(state.rows) else -1


def open_since(state: State, column: str) -> int:
    at = state.at[column]
    since = [cell.open_since for r in range(max(0, at - 3), at + 1)
             if (cell := state.rows[r].cells.get(column)) is not None and cell.open_since >= 0]
    return min(since, default=-1)


def span(box: Box) -> str:
    return f"{box.numbers[0]}-{box.numbers[-1]}" if len(box.numbers) > 1 else str(box.numbers[0])
