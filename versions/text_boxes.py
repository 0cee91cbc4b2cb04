"""Reader for pdfminer.six's text boxes: a table printed box by box, out of row order, rebuilt into rows.

pdfminer groups a table's lines into text boxes (lines of one cell, or a piece of one) and prints them
one after another, separated by blank lines, in an order that runs roughly top to bottom but mixes the
columns: Chromium's PDFs nearly line by line across the columns, reportlab's cell by cell, sometimes a
page's descriptions before their results. Nothing says which column a box came from, so it is read
from the text itself:
- each column has its own full-line width (about 54 / 60 / 40 cells in the bundled sample, other widths
  in other PDFs): estimated from the boxes that a ministry tag ［…］ marks as descriptions and from the
  boxes that start with a bullet 「・」 (two widths: the results and the plans);
- a ministry tag closes a description, a short first line is a title, 「・」 starts a results or plans
  bullet, a vision （１） or goal 【…】 spans the table;
- a box that starts mid-sentence continues a cell left open by a full line without a sentence end;
  which one, when several are open, the next boxes whose widths tell their column show (a bullet there
  closes its column's sentence), else the columns' alternation across a row.
Descriptions start rows; each column's cells are taken in row order, a new one only once its row's
description has been printed (a repeated page header marks a page break: the row it cut takes the
first boxes after it). The 「担当」 offices go to the rows in printed order. The rows are then printed in the blocked layout the text reader reads
(title and description with its tag, blank, results, blank, plans), every line citing its source line,
so that parse_text.py and rows.py make the edition. What cannot be placed with confidence is named in a
ParseWarning ("layout-…"), never put silently into a column.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .layout import (
    GOAL_RE,
    NARROW,
    PAGE_NUMBER_RE,
    SEE_ABOVE_RE,
    TITLE_MAX,
    VISION_RE,
    is_bullet_start,
    is_title_line,
)
from .ministries import SUBHEADING_TAG_RE, is_ministry_list
from .model import ParseWarning
from .normalize import display_width, fold_extracted

DESC, RESULTS, PLANS = "description", "results", "plans"
# Header cells, each a box of its own: 「該当箇所 列1 列2 列3」 / 「令和６年度の実績・状況」 / 「担当」
HEADER_CELL_RE = re.compile(r"^該当箇所|^(?:列\s*\d\s*)+$|^(?:令和|平成)\s*(?:[0-9０-９]{1,2}|元)\s*年度の(?:実績|取組予定)|^担当$")
# A ministry tag closing a description: 「…取り組む。［◎厚］」, 「厚］」 (the rest of 「［◎」), 「◎内官、文、厚、経］」
TAG_CLOSE_RE = re.compile(r"(?:［|^)([^［］]*)］")
TAG_OPEN_RE = re.compile(r"［[^］]*$")  # 「…取り組む。［◎」: the tag goes on in the next box
SENTENCE_END = ("。", "）", "」", "｣", ")", "］")
# An office of the 「担当」 column: 「厚労省医療機器審査管理課」, 「⽂科省研究振興局ライフサイ」 / 「ンス課」
OFFICE_RE = re.compile(r"^[^\s・○①-⑳（(【［。、][^\s（(【［。、]{1,15}$")
OFFICE_WORD_RE = re.compile(r"(?:省|庁|府|官房|局|部|課|室|班|センター)$")
FULL_SLACK = 4.0  # a full line stops up to this many cells short of its column's width (line-break rules,
# half-width digits printed wider than half a cell)
ITEM_RE = re.compile(r"^([①-⑳])[\s　]*")  # ① 日常生活における… : an item of a description
OPEN_SHARE = 0.75  # a cell's last line this wide without a sentence end: the sentence goes on elsewhere
MIN_LINES = 8  # full lines needed to estimate a column's width
LOOKAHEAD = 6  # boxes looked at ahead to tell which open cell a continuation belongs to
# How pdfminer reads some glyphs: U+2027 HYPHENATION POINT for the 中点 「・」 (「‧令和６年度の取組…」),
# U+2215 DIVISION SLASH for 「/」 (「ISO∕IEC」)
MISREAD = str.maketrans({"‧": "・", "∕": "/"})
LONE_PAREN_RE = re.compile(r"^[（(][^（）()]{1,20}[）)]$")  # （アジア健康構想） or （令和6年12月までに累計62件）


@dataclass
class Box:
    lines: list[str]
    numbers: list[int]
    page: int = 1

    @property
    def widths(self) -> list[float]:
        return [display_width(x) for x in self.lines]


@dataclass
class Cell:
    lines: list[str] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    open_since: int = -1  # box index from which the cell waits for the rest of a sentence (-1: not open)

    def add(self, box: Box) -> None:
        self.lines += box.lines
        self.numbers += box.numbers


@dataclass
class Row:
    desc: Cell
    title: bool
    closed: bool = False  # its ministry tag has been read
    note: bool = False  # closed by a 「担当省庁…」 bracket: a heading over rows, with no columns of its own
    cells: dict[str, Cell] = field(default_factory=dict)
    office: Cell | None = None
    items: Cell | None = None  # ① … items printed after the description's tag, in its cell
    doubts: list[str] = field(default_factory=list)  # placements read from weak evidence, for a warning


@dataclass(frozen=True)
class Widths:
    description: float
    results: float
    plans: float

    def of(self, column: str) -> float:
        return {DESC: self.description, RESULTS: self.results, PLANS: self.plans}[column]


@dataclass
class _State:
    widths: Widths
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
    doubt_row: bool = False  # the last choice of a row was made from the cells' heights
    doubt: str = ""  # why the box being placed may be in the wrong column or row
    warnings: list[ParseWarning] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    decided: list[str] = field(default_factory=list)  # each box's column as its widths alone show ('' if not)


BOXES_WARNING = ("the text is pdfminer's text boxes, printed out of row order (layout 'fragmented' or "
                 "'out-of-order'): rows and columns were rebuilt from the boxes' widths and order; the rows named "
                 "in 'layout-boxes-row' warnings may hold text of the row before or after them: read the PDF to be sure")


class BoxesError(ValueError):
    """The boxes do not show the columns' widths: the text cannot be read as pdfminer's boxes."""


def rebuild(lines: list[str], numbers: list[int]) -> tuple[list[str], list[int], list[ParseWarning]]:
    """pdfminer's text boxes → the blocked layout (lines and their source numbers) and what was unsure."""
    boxes = _boxes(lines, numbers)
    header, before, boxes = _take_header(boxes)
    if not header[0].startswith("該当箇所"):
        raise BoxesError("no header cell 「該当箇所」 before the table's boxes")
    widths = estimate_widths(boxes)
    boxes = _split_wide(boxes, widths)
    state = _State(widths, min(TITLE_MAX, widths.description - 4))
    state.boxes = boxes
    state.decided = [width_column(box, widths, state.title_max) for box in boxes]
    office = " 担当" in header[0]
    for box in before:
        state.warnings.append(ParseWarning("layout-boxes-unplaced", f"lines {_span(box)}: text printed before "
                                           "the table's header; left out", 0, box.numbers[0]))
    for k, box in enumerate(boxes):
        _place(state, k, box, office)
    _place_offices(state)
    state.warnings.insert(0, ParseWarning("layout-boxes", BOXES_WARNING, 0, 0))
    out, nums = [header[0], ""], [header[1], 0]
    for item in state.items:
        if isinstance(item, Box):
            out += [*item.lines, ""]
            nums += [*item.numbers, 0]
        else:
            _emit_row(item, out, nums, state.warnings)
    return out, nums, state.warnings


def _boxes(lines: list[str], numbers: list[int]) -> list[Box]:
    boxes: list[Box] = []
    page = 1
    current = Box([], [], page)
    for line, no in zip(lines, numbers, strict=True):
        text = fold_extracted(line.replace("\f", "").strip().translate(MISREAD))
        if "\f" in line:  # pdfminer's page break (where the reader has not dropped it as a control character)
            page += 1
        if not text:
            if current.lines:
                boxes.append(current)
            current = Box([], [], page)
            continue
        if not current.lines:
            current.page = page
        current.lines.append(text)
        current.numbers.append(no)
    if current.lines:
        boxes.append(current)
    return boxes


def _split_wide(boxes: list[Box], w: Widths) -> list[Box]:
    """A line wider than any column holds two cells printed on one baseline (「…3.9億円）に ・引き続き、…」):
    cut at the last space that leaves a part no wider than the results column, each part a box."""
    out: list[Box] = []
    for box in boxes:
        start = 0
        for i, (line, width) in enumerate(zip(box.lines, box.widths, strict=True)):
            cut = _two_cells(line, w.results + 1.5) if width > w.results + 1.5 else -1
            if cut < 0:
                continue
            out.append(Box(box.lines[start:i] + [line[:cut].rstrip()], box.numbers[start : i + 1], box.page))
            out.append(Box([line[cut:].strip()], [box.numbers[i]], box.page))
            start = i + 1
        if start < len(box.lines):
            out.append(Box(box.lines[start:], box.numbers[start:], box.page))
    return out


def _two_cells(line: str, limit: float) -> int:
    cuts = [m.start() for m in re.finditer(r"[ 　]+", line) if display_width(line[: m.start()]) <= limit]
    return cuts[-1] if cuts and cuts[-1] > 0 else -1


def _take_header(boxes: list[Box]) -> tuple[tuple[str, int], list[Box], list[Box]]:
    """The header cells (repeated on each page) out of the boxes, the first page's joined on one line;
    also what is printed before the header (a title, a mark)."""
    parts: list[str] = []
    number = 0
    before: list[Box] = []
    rest: list[Box] = []
    pages = 0  # a header repeated on a page (the form feed is dropped as a control character)
    for box in boxes:
        cells = len(box.lines) <= 2 and all(HEADER_CELL_RE.match(x) for x in box.lines)
        if cells and (not parts or not rest):
            parts += box.lines
            number = number or box.numbers[0]
        elif cells:
            pages += box.lines[0].startswith("該当箇所")
        else:
            box.page += pages
            (rest if parts else before).append(box)
    return (" ".join(parts), number), before, rest


def estimate_widths(boxes: list[Box]) -> Widths:
    """Each column's full-line width, from the text: descriptions are the boxes with a ministry tag,
    results and plans the boxes starting with a bullet (two widths, the wider the results)."""
    desc: Counter[int] = Counter()
    bullets: Counter[int] = Counter()
    for box in boxes:
        inner = box.widths[:-1]
        if _has_tag(box):
            desc.update(round(w) for w in inner)
        elif is_bullet_start(box.lines[0]):
            bullets.update(round(w) for w in inner)
    d = _mode(desc, set())
    a = _mode(bullets, set())
    b = _mode(bullets, {w for w in bullets if abs(w - a) <= 5}) if a else 0
    if not (d and a and b):
        raise BoxesError("too few full lines to tell the columns' widths apart")
    return Widths(float(d), float(max(a, b)), float(min(a, b)))


def _mode(counts: Counter[int], skip: set[int]) -> int:
    """The widest width of the most common cluster (±1 cell), ignoring SKIP; 0 if too few lines."""
    best, score = 0, 0
    for w in counts:
        if w in skip or w < 16:
            continue
        s = counts[w - 1] + counts[w] + counts[w + 1]
        if s > score or (s == score and w > best):
            best, score = w, s
    if score < MIN_LINES:
        return 0
    return max(w for w in (best - 1, best, best + 1) if counts[w] and w not in skip)


def _has_tag(box: Box) -> bool:
    return any(_closes_tag(x) for x in ["".join(box.lines), *box.lines]) or bool(TAG_OPEN_RE.search(box.lines[-1]))


def _closes_tag(text: str) -> bool:
    return any(is_ministry_list(m.group(1).strip()) or SUBHEADING_TAG_RE.search(m.group(1))
               for m in TAG_CLOSE_RE.finditer(text))


def _spanning(box: Box) -> bool:
    """A vision （１）…, a goal 【…】 or a （上記参照）: a row across the table, alone in its box."""
    if len(box.lines) != 1:
        return False
    x = box.lines[0]
    vm = VISION_RE.match(x)
    return bool((vm and ("「" in x or x.endswith("向けて"))) or GOAL_RE.match(x) or SEE_ABOVE_RE.match(x))


def _is_office(box: Box) -> bool:
    return all(OFFICE_RE.match(x) for x in box.lines) and bool(OFFICE_WORD_RE.search("".join(box.lines))) \
        and len(box.lines) <= 3


def _place(state: _State, k: int, box: Box, office: bool) -> None:
    if len(box.lines) == 1 and PAGE_NUMBER_RE.match(box.lines[0]):
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
            state.rows[r].doubts.append(f"lines {_span(box)} ({column}): {state.doubt}")


def _full(width: float, column: float) -> bool:
    return width >= column - FULL_SLACK


def _column(state: _State, k: int, box: Box) -> str:
    """The column a box belongs to: what its widths show, else what it starts with and which cells wait."""
    column = state.decided[k]
    if column:
        return column
    widest = max(box.widths)
    fits = [c for c in (DESC, RESULTS, PLANS) if widest <= state.widths.of(c) + 1.5]
    if is_bullet_start(box.lines[0]):
        return _bullet_column(state, box, widest)
    return _loose_column(state, k, box, fits)


def width_column(box: Box, w: Widths, title_max: float) -> str:
    """The column a box's widths or tag show alone ('' when they do not): its full lines (not ending a
    sentence) are as wide as one column's, a title stands over a description line, or only one column is
    wide enough."""
    if _has_tag(box):
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


def _bullet_column(state: _State, box: Box, width: float) -> str:
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


def _loose_column(state: _State, k: int, box: Box, fits: list[str]) -> str:
    """A short box that is no bullet: the rest of a cell left open (of the column printed last if that one
    waits, else the one waiting longest), a cell of its own (「後継事業の予定無し」) in a row still
    without one, or a title."""
    rows = state.rows
    opened = {c: since for c in (RESULTS, PLANS) if c in fits and (since := _open_since(state, c)) >= 0}
    if rows and DESC in fits and rows[-1].desc.open_since >= 0:
        opened[DESC] = rows[-1].desc.open_since
    waiting = _waiting(state, fits)
    if opened and not box.lines[-1].endswith(SENTENCE_END):  # still open: a full line of its column
        opened = {c: since for c, since in opened.items() if _full(box.widths[-1], state.widths.of(c))}
    if opened and not _phrase(state, box, fits):
        return _ahead(state, k, sorted(opened, key=lambda c: opened[c]))
    titled = _title_candidate(state, k) and DESC in fits
    if titled and (not waiting or _needs_title(state, k)):
        return DESC
    if waiting:
        return waiting
    if titled:
        return DESC
    state.doubt = "a short paragraph with no open cell or empty cell to go to"
    return state.last if state.last in (RESULTS, PLANS) else RESULTS


def _phrase(state: _State, box: Box, fits: list[str]) -> bool:
    """A short line without a sentence end: it cannot finish a sentence left open (a results or plans
    paragraph ends in 。 or a bracket), so it is a cell or a title of its own."""
    last = box.lines[-1]
    return len(box.lines) == 1 and not last.endswith(SENTENCE_END) \
        and all(box.widths[-1] < OPEN_SHARE * state.widths.of(c) for c in fits)


def _title_candidate(state: _State, k: int) -> bool:
    box = state.boxes[k]
    return len(box.lines) == 1 and not state.decided[k] and is_title_line(box.lines[0], state.title_max)


def _needs_title(state: _State, k: int) -> bool:
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


def _ahead(state: _State, k: int, columns: list[str]) -> str:
    """Which of several open cells a continuation belongs to, from the next boxes whose widths tell their
    column: a bullet there means that column's sentence has ended (so this box ends it), a continuation
    there means it is still open (so this box is another column's). Else the cell waiting longest."""
    if len(columns) == 1:
        return columns[0]
    for j in range(k + 1, min(k + 1 + LOOKAHEAD, len(state.boxes))):
        column = state.decided[j]
        if column not in columns:
            continue
        if is_bullet_start(state.boxes[j].lines[0]):
            return column
        rest = [c for c in columns if c != column]
        if len(rest) == 1:
            return rest[0]
    state.doubt = f"the rest of a sentence left open in {' and '.join(columns)}"
    other = [c for c in columns if c != state.previous]  # the columns' lines alternate across a row
    return other[0] if other else columns[0]


def _next_row(state: _State, at: int) -> int:
    """The row after AT whose description is printed and that can have columns (-1 if none yet)."""
    r = at + 1
    while r < len(state.rows) and state.rows[r].note:
        r += 1
    return r if r < len(state.rows) else -1


def _open_since(state: _State, column: str) -> int:
    at = state.at[column]
    since = [cell.open_since for r in range(max(0, at - 3), at + 1)
             if (cell := state.rows[r].cells.get(column)) is not None and cell.open_since >= 0]
    return min(since, default=-1)


def _waiting(state: _State, fits: list[str]) -> str:
    """The column of the earliest printed row that has no cell there yet ('' if none)."""
    waiting = [(_next_row(state, state.at[c]), c != RESULTS, c) for c in (RESULTS, PLANS) if c in fits]
    waiting = [x for x in waiting if x[0] >= 0]
    return min(waiting)[2] if waiting else ""


def _place_description(state: _State, k: int, box: Box) -> int:
    rows = state.rows
    row = rows[-1] if rows else None
    titled = is_title_line(box.lines[0], state.title_max) and not _closes_tag(box.lines[0])
    if row is not None and row.closed and not row.note and not titled \
            and not _has_tag(box) and (ITEM_RE.match(box.lines[0]) or _items_go_on(state, row)):
        row.items = row.items or Cell()  # ① 日常生活における… : items of the description, after its tag
        row.items.add(box)
        return len(rows) - 1
    if row is None or row.closed or (titled and row.desc.open_since < 0 and row.desc.lines):
        row = Row(Cell(), titled)
        rows.append(row)
        state.items.append(row)
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


def _items_go_on(state: _State, row: Row) -> bool:
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


def _place_cell(state: _State, k: int, box: Box, column: str) -> list[int]:
    """Place a results or plans box; the rows it may belong to (the first is the one it was put in)."""
    """A results or plans box: the rest of an open cell, a bullet of the current one, or the next row's."""
    rows = state.rows
    if not rows:
        state.warnings.append(ParseWarning("layout-boxes-unplaced", f"lines {_span(box)}: a {column} box "
                                           "before any description; left out", 0, box.numbers[0]))
        return []
    at = state.at[column]
    width = state.widths.of(column)
    opened = [r for r in range(max(0, at - 3), at + 1) if column in rows[r].cells
              and rows[r].cells[column].open_since >= 0]
    opened.sort(key=lambda r: -rows[r].cells[column].open_since)  # the latest: its rest follows it
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
    elif (nxt >= 0 and (phrase or _advances(state, column, at, box))) or at < 0:
        r, others = max(nxt, 0), [at] if at >= 0 and not phrase and state.doubt_row else []
        state.at[column] = r
        if at >= 0 and not phrase and not is_bullet_start(box.lines[0]):
            others = [at]  # a cell seldom starts with no bullet: it may be the rest of the last one
            state.doubt = "a paragraph without a bullet, read as the start of the next row's cell"
    else:
        r, others = at, [nxt] if nxt >= 0 else []
    if others and not state.doubt and (state.doubt_row or r == at):
        state.doubt = "a new paragraph, in this row or the next told by the cells' heights only"
    state.seen[column] = len(rows)
    cell = rows[r].cells.setdefault(column, Cell())
    cell.add(box)
    last = box.lines[-1]
    # a full line ending in a bracket 「…について」」 runs on as often as not; only 。 ends a paragraph for sure
    still = box.widths[-1] >= OPEN_SHARE * width and not last.endswith("。") \
        and (not last.endswith(SENTENCE_END) or box.widths[-1] >= width - 1.5)
    cell.open_since = k if still else -1
    return [r, *others] if state.doubt else [r]


def _advances(state: _State, column: str, at: int, box: Box) -> bool:
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
    if cell is None or (column == RESULTS and PLANS not in row.cells and len(box.lines) == 1):
        return False  # printed line by line, the top of a row's plans comes before anything of the next row
    height = max([len(row.desc.lines)] + [len(c.lines) for col, c in row.cells.items() if col != column])
    return not (state.previous == column and len(cell.lines) + len(box.lines) <= height)


def _place_offices(state: _State) -> None:
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
            state.warnings.append(ParseWarning("layout-boxes-office", f"lines {_span(box)}: an office 「担当」 "
                                               "printed before its row's plans; left out", 0, box.numbers[0]))
        batch = batch[: len(rows)]
    skipped = rows[: len(rows) - len(batch)]
    for r, box in zip(rows[len(skipped):], batch, strict=True):
        state.rows[r].office = Cell(list(box.lines), list(box.numbers))
        if skipped:
            state.rows[r].doubts.append(f"lines {_span(box)} (office): matched to the latest rows in order")
    for r in skipped:
        state.rows[r].doubts.append("no office 「担当」 found for it; an office may have gone to the next row")
    if batch:
        state.at["office"] = rows[-1]


def _span(box: Box) -> str:
    return f"{box.numbers[0]}-{box.numbers[-1]}" if len(box.numbers) > 1 else str(box.numbers[0])


def _emit_row(row: Row, out: list[str], nums: list[int], warnings: list[ParseWarning]) -> None:
    """One row in the blocked layout: [title] description［tag］, blank, results, blank, plans, blank."""
    desc = row.desc
    start = desc.numbers[0]
    lines, numbers = list(desc.lines), list(desc.numbers)
    head = ([lines.pop(0)], [numbers.pop(0)]) if row.title else ([], [])
    body_lines, body_numbers = _merge_breaks(lines, numbers)
    out += head[0] + body_lines
    nums += head[1] + body_numbers
    if row.doubts:
        more = f" (and {len(row.doubts) - 2} more)" if len(row.doubts) > 2 else ""
        warnings.append(ParseWarning("layout-boxes-row", f"row at line {start}: placed from weak evidence: "
                                     + "; ".join(row.doubts[:2]) + more + "; its results or plans may hold text "
                                     "of the row before or after it: check them against the PDF", 0, start))
    missing = [c for c in (RESULTS, PLANS) if c not in row.cells and not row.note]
    if missing:
        warnings.append(ParseWarning("layout-boxes-missing", f"row at line {start}: no {' or '.join(missing)} "
                                     "box found for it; its columns may be incomplete", 0, start))
    if row.closed:
        out.append("")
        nums.append(0)
        if row.items is not None:  # 「①\t…」, as the text reader reads a description's items
            out += [ITEM_RE.sub(lambda m: m.group(1) + "\t", x) for x in row.items.lines] + [""]
            nums += [*row.items.numbers, 0]
    elif not row.title or body_lines:  # a title alone is followed by its results at once (「保険導入の…」)
        warnings.append(ParseWarning("layout-boxes-untagged", f"row at line {start}: a description without a "
                                     "ministry tag ［…］ cannot be told from the rows around it", 0, start))
    for column in (RESULTS, PLANS):
        cell = row.cells.get(column)
        if cell is None:
            continue
        lines, numbers = _asides(cell.lines, cell.numbers)
        if column == PLANS:
            lines, numbers = _narrow(lines, numbers)
        out += [*lines, ""]
        nums += [*numbers, 0]
    if row.office is not None:  # cited at the row's start: the office belongs to the row starting before it
        out += [*row.office.lines, ""]
        nums += [start] * len(row.office.lines) + [0]


def _asides(lines: list[str], numbers: list[int]) -> tuple[list[str], list[int]]:
    """A lone 「（…）」 heads the bullets below it (「（アジア健康構想）」); with no bullet below it is the
    aside of the bullet above (「（令和6年12月までに累計62件）」), as the PDF reader reads it: joined to it."""
    out: list[str] = []
    nums: list[int] = []
    for i, (line, no) in enumerate(zip(lines, numbers, strict=True)):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if out and LONE_PAREN_RE.match(line) and not (nxt.startswith(("・", "○")) or ITEM_RE.match(nxt)):
            out[-1] += line
            continue
        out.append(line)
        nums.append(no)
    return out, nums


def _merge_breaks(lines: list[str], numbers: list[int]) -> tuple[list[str], list[int]]:
    """Description lines that would read as a block's end (a short 「…。」, a bullet, a tag) inside a
    description are joined to the next line, so the text reader keeps the description whole."""
    out: list[str] = []
    nums: list[int] = []
    for i, (line, no) in enumerate(zip(lines, numbers, strict=True)):
        if out and i < len(lines) and _breaks(out[-1]) and "］" not in out[-1]:
            out[-1] += line
            continue
        if out and is_bullet_start(line):
            out[-1] += line
            continue
        out.append(line)
        nums.append(no)
    return out, nums


def _breaks(line: str) -> bool:
    return is_bullet_start(line) or (line.endswith("。") and display_width(line) <= NARROW)


def _narrow(lines: list[str], numbers: list[int]) -> tuple[list[str], list[int]]:
    """Plans lines no wider than the text reader's plans column (NARROW): a wider plans column is cut,
    each piece citing its line (joining the pieces gives the same text)."""
    out: list[str] = []
    nums: list[int] = []
    for line, no in zip(lines, numbers, strict=True):
        while display_width(line) > NARROW:
            cut = _cut_at(line, NARROW)
            out.append(line[:cut])
            nums.append(no)
            line = line[cut:]
        out.append(line)
        nums.append(no)
    return out, nums


def _cut_at(line: str, width: float) -> int:
    total = 0.0
    cut = 0
    for i, ch in enumerate(line):
        total += display_width(ch)
        if total > width:
            break
        cut = i + 1
    while cut > 1 and line[cut - 1].isascii() and line[cut].isascii() and line[cut - 1].isalpha():
        cut -= 1  # never between two letters of a word: the reader would join them with a space
    return cut
