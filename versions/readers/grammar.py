"""The table grammar: rows of cells into visions, goals, measures and notes, whoever printed them.

- The header row gives the columns' roles by what its cells say (該当箇所, 令和N年度の実績・状況,
  令和N年度の取組予定, 担当), in any order, with or without the hidden 「列1 列2 列3」; repeated on every
  page or printed on the first only, every header row after the first is skipped. A cell of a body row
  takes the role of the header cell it sits under (by its box on a PDF page, else by its place).
- A row whose only text is a vision （１）「…」に向けて, a goal 【…】 or a （上記参照） heads what follows,
  whether it is drawn as one merged cell or as one cell beside empty ones, shaded, bold or plain: it is
  told by what it says, never by its borders. A goal printed with its （上記参照） in one cell is both.
- A row with a ministry tag, results or plans is a measure (cells.py reads inside its cells); one with
  only a 担当省庁 bracket is a note over the rows below; a page number is skipped.
- Any other row (text the grammar cannot place) is a warning naming its page and line, never a measure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model.edition import Note, ParseWarning, Vision
from ..model.errors import EditionParseError
from .cells import measure_draft
from .geometry import DESCRIPTION, OFFICE, PLANS, RESULTS
from .measures import RowDraft, make_note
from .table import Cell, Row, Table, join_lines
from .vocabulary import (
    CELL_END,
    GOAL_RE,
    HEADER_START,
    HIDDEN_LABEL_RE,
    ITEM_START_RE,
    OFFICE_HEADER,
    OFFICE_HEADER_RE,
    PLANS_LABEL_RE,
    RESULTS_LABEL_RE,
    SEE_ABOVE_RE,
    VISION_END,
    header_words,
    is_header_text,
    is_heading,
    is_page_number,
    vision_number,
)

HEADING_TAIL = 12  # characters of a heading's end a column boundary may cut off into the next cells
HEADER_ROWS = 5  # rows at the top of a table where a header that names other columns is looked for


@dataclass
class GoalDraft:
    vision: int
    title: str
    reposted: bool
    page: int
    line: int
    see_above: bool = False
    notes: list[Note] = field(default_factory=list)
    rows: list[RowDraft] = field(default_factory=list)


@dataclass
class Reading:
    """What the grammar read: the header's two year labels, the headings and the goals' rows."""

    results_label: str
    plans_label: str
    visions: list[Vision]
    goals: list[GoalDraft]
    warnings: list[ParseWarning]
    header_text: str


@dataclass(frozen=True)
class Columns:
    """The role of each header cell (None for a cell of hidden labels) and where it sits on the page."""

    roles: tuple[str | None, ...]
    spans: tuple[tuple[float, float] | None, ...]

    def cells_of(self, row: Row) -> dict[str, Cell]:
        out: dict[str, Cell] = {}
        for role, cell in self._roles(row):
            if role is not None and cell.lines:
                if role in out:  # two cells under one header cell: one text, in order
                    out[role] = Cell(out[role].lines + cell.lines, out[role].bbox)
                else:
                    out[role] = cell
        return out

    def unnamed(self, row: Row) -> list[Cell]:
        """ROW's cells holding text under a header cell that names no column (read by none)."""
        return [cell for role, cell in self._roles(row) if role is None and cell.lines]

    def _roles(self, row: Row) -> list[tuple[str | None, Cell]]:
        by_place = len(row.cells) == len(self.roles) or any(c.bbox is None for c in row.cells) \
            or any(s is None for s in self.spans)
        return [(self.roles[k] if by_place and k < len(self.roles) else None if by_place else self._under(cell), cell)
                for k, cell in enumerate(row.cells)]

    def _under(self, cell: Cell) -> str | None:
        assert cell.bbox is not None
        mid = (cell.bbox[0] + cell.bbox[2]) / 2
        for role, span in zip(self.roles, self.spans, strict=True):
            if span is not None and span[0] - 1 <= mid <= span[1] + 1:
                return role
        return None


def header_columns(row: Row) -> Columns:
    """Each header cell's role from its text; one line saying which column is missing if any is."""
    texts = [HIDDEN_LABEL_RE.sub("", cell.text).strip() for cell in row.cells]
    roles: list[str | None] = []
    for text in texts:
        if RESULTS_LABEL_RE.search(text) and not PLANS_LABEL_RE.search(text):
            roles.append(RESULTS)
        elif PLANS_LABEL_RE.search(text) and not RESULTS_LABEL_RE.search(text):
            roles.append(PLANS)
        elif header_words(text).startswith(HEADER_START) or (HEADER_START in text and len(texts) > 1):
            roles.append(DESCRIPTION)
        elif header_words(text) == OFFICE_HEADER:
            roles.append(OFFICE)
        else:
            roles.append(None)
    for role, label in ((DESCRIPTION, "該当箇所"), (RESULTS, "令和N年度の実績・状況"), (PLANS, "令和N年度の取組予定")):
        if role not in roles:
            raise EditionParseError(f"the table's header row has no {role} column: expected a header cell "
                                    f"「{label}」 (found {' | '.join(t or '(empty)' for t in texts)})")
    spans = tuple((c.bbox[0], c.bbox[2]) if c.bbox else None for c in row.cells)
    return Columns(tuple(roles), spans)


def read_rows(table: Table) -> Reading:
    """The table's rows read into headings and goals of measure rows; EditionParseError if it has no header."""
    header_at = next((k for k, row in enumerate(table.rows) if _is_header(row)), None)
    near = next((row for row in table.rows[:HEADER_ROWS] if not row.merged and HEADER_START in row.cells[0].text), None)
    if header_at is None and near is not None and table.layout == "pdf":
        header_columns(near)  # a header naming other columns: refused saying which one it lacks
    if header_at is None:
        where = "in the PDF: no header row like" if table.layout == "pdf" else "this parser reads: no page header like"
        raise EditionParseError(f"not a progress report {where} '該当箇所 … 令和N年度の実績・状況 令和N年度の取組予定'")
    header = table.rows[header_at]
    header_text = " ".join(cell.text for cell in header.cells)
    columns = header_columns(header) if not header.merged else _text_columns(header)
    results = RESULTS_LABEL_RE.search(header_text)
    plans = PLANS_LABEL_RE.search(header_text)
    assert results is not None and plans is not None  # is_header_text found both
    out = Reading(results.group(0), plans.group(0), [], [], [], header_text)
    state = _State()
    for row in table.rows[header_at + 1:]:
        _read_row(row, columns, table, out, state)
    _flush(out, state, table)
    return out


@dataclass
class _State:
    vision: int = 0
    in_goal: bool = False  # a vision closes the goal before it
    cut_vision: bool = False  # the row before was a vision whose last words are missing
    goal_in_row: bool = False  # a measure was titled with a goal's heading: the next heading ends its doubt
    pending: dict[str, Cell] | None = None  # the last measure row's cells: the next page may continue it
    pending_at: tuple[int, int] = (0, 0)  # its first line's page and line


def _is_header(row: Row) -> bool:
    return is_header_text(" ".join(cell.text for cell in row.cells))


def _text_columns(header: Row) -> Columns:
    """A header printed as one line (a text reader's): the text readers give body cells in the order the
    header prints its labels."""
    text = " ".join(HIDDEN_LABEL_RE.sub(" ", header.cells[0].text).split())  # 「列3担当 列4」 is 「担当」
    found = [(text.find(HEADER_START), DESCRIPTION)]
    for role, pattern in ((RESULTS, RESULTS_LABEL_RE), (PLANS, PLANS_LABEL_RE), (OFFICE, OFFICE_HEADER_RE)):
        if m := pattern.search(text):
            found.append((m.start(), role))
    roles = tuple(role for _, role in sorted(found))
    return Columns(roles, (None,) * len(roles))


def _read_row(row: Row, columns: Columns, table: Table, out: Reading, state: _State) -> None:
    filled = row.filled()
    if not filled or _is_header(row):
        return
    cut_vision, state.cut_vision = state.cut_vision, False  # (only the row right after it may end it)
    first = row.first
    assert first is not None
    page, line = first.page, first.no
    if len(filled) > 1 and _heading_across(row, filled):  # a vision or goal cut by a column boundary
        filled = [filled[0]]
        row = Row([Cell([x for k in row.filled() for x in row.cells[k].lines])])
    if len(filled) == 1:
        lines = row.cells[filled[0]].lines
        text = join_lines(lines)[0]
        if is_page_number(text) and len(lines) == 1:
            return
        if cut_vision and _vision_rest(out.visions[-1], text, page):  # 「（３）「…確保」に向」 / next page 「けて」
            vision = out.visions[-1]
            out.visions[-1] = Vision(vision.number, vision.title + text, vision.page, vision.line)
            return
        heading = vision_number(text) is not None or _goal(lines, text) is not None or SEE_ABOVE_RE.match(text)
        if heading or row.merged:
            _flush(out, state, table)
        if state.goal_in_row and not SEE_ABOVE_RE.match(text) and heading:  # (the rows under a wrong goal end)
            out.warnings.append(ParseWarning("goal-in-row", f"the heading after a row titled with a goal's heading: "
                                             f"the rows before 「{text[:30]}」 may be under the wrong goal", page, line))
            state.goal_in_row = False
        number = vision_number(text)
        if number is not None:
            out.visions.append(Vision(number, text, page, line))
            state.vision, state.in_goal, state.cut_vision = number, False, not text.endswith(VISION_END)
            return
        goal = _goal(lines, text)
        if goal is not None:
            title, see_above = goal
            gm = GOAL_RE.match(title)
            assert gm is not None
            out.goals.append(GoalDraft(state.vision, title, bool(gm.group("rep")), page, line, see_above))
            state.in_goal = True
            return
        if SEE_ABOVE_RE.match(text):
            if state.in_goal:
                out.goals[-1].see_above = True  # 【…】（再掲） / （上記参照）: no rows of its own (line 962)
            else:
                out.warnings.append(ParseWarning("unplaced-row", "a （上記参照） outside any goal 【…】; left out",
                                                 page, line))
            return
        if row.merged:
            out.warnings.append(ParseWarning("unknown-row", f"a row spanning the table is neither a vision "
                                             f"nor a goal: 「{text[:30]}」", page, line))
            return
    cells = columns.cells_of(row)
    for cell in columns.unnamed(row):
        first = cell.lines[0]
        out.warnings.append(ParseWarning("unplaced-row", f"text under a header cell that names no column: "
                                         f"「{cell.text[:30]}」; left out", first.page, first.no))
    if state.pending is not None and _continues(state.pending, cells, table):
        state.pending = _joined(state.pending, cells)
        return
    _flush(out, state, table)
    state.pending, state.pending_at = cells, (page, line)


def _vision_rest(vision: Vision, text: str, page: int) -> bool:
    """Is TEXT, alone in the first row of a later page, the end of a vision the page break cut
    (「（３）「…の確保」に向」 | 「けて」)? A few words that end it as a vision ends."""
    return page > vision.page and len(text) <= HEADING_TAIL and (vision.title + text).endswith(VISION_END)


def _heading_across(row: Row, filled: list[int]) -> bool:
    """Do a row's cells read, in order, as one vision or goal that no cell holds whole (a heading across
    the table whose text a boundary cut: 「【死の谷を…からの参」 | 「入企業の増加】」)?"""
    texts = [row.cells[k].text for k in filled]
    joined = "".join(texts)
    if not texts[0].startswith(("【", "（", "(")) or not is_heading(joined):
        return False
    # A cell may read as a heading on its own, the boundary cutting off its end (「（１）「…確立」」 | 「に向けて」,
    # 「【…の実施】」 | 「（再掲）」): the rest is then a few words that close the heading exactly.
    return not is_heading(texts[0]) or (all(len(t) <= HEADING_TAIL for t in texts[1:])
                                        and bool(GOAL_RE.match(joined) or joined.endswith(VISION_END)))


def _flush(out: Reading, state: _State, table: Table) -> None:
    if state.pending is not None:
        _place(measure_draft(state.pending, table.geometry), out, state, *state.pending_at)
        state.pending = None


def _continues(before: dict[str, Cell], cells: dict[str, Cell], table: Table) -> bool:
    """Is a row the rest of the row before it, cut by a page break and closed with rules on both sides (as
    Word and reportlab draw it)? It starts the next page, and either has no description (its results and
    plans go on), or its description has no title and holds the ministry tag that the cut description
    lacked, or no tag where the row before has had its own."""
    pages = [x.page for cell in cells.values() for x in cell.lines[:1]]
    last = max((x.page for cell in before.values() for x in cell.lines[-1:]), default=0)
    if not pages or min(pages) <= last:
        return False
    desc = cells.get(DESCRIPTION)
    if desc is None or not desc.lines:
        return True
    was, rest = measure_draft(before, table.geometry), measure_draft(cells, table.geometry)
    if was.tag is None:  # its description (or title) cut: the rest holds the tag
        if measure_draft(_joined(before, cells), table.geometry).tag is None:
            return False
        return bool(was.description) or rest.title is None or _cut(before)
    # Cut after the tag: the description's items go on (an item ① or the rest of one cut mid-sentence).
    last = before[DESCRIPTION].lines[-1].text if DESCRIPTION in before and before[DESCRIPTION].lines else ""
    cut_mid_sentence = not last.endswith(CELL_END)  # (its rest may look like a title: 「医療機器」)
    goes_on = bool(ITEM_START_RE.match(desc.lines[0].text)) or cut_mid_sentence
    return rest.tag is None and goes_on and (rest.title is None or cut_mid_sentence)


def _joined(before: dict[str, Cell], cells: dict[str, Cell]) -> dict[str, Cell]:
    """The cells of a row cut by a page break, each column's parts in order."""
    out = {role: Cell(cell.lines + cells[role].lines, cell.bbox) if role in cells else cell
           for role, cell in before.items()}
    return out | {role: cell for role, cell in cells.items() if role not in before}


def _cut(cells: dict[str, Cell]) -> bool:
    """Does a results or plans cell end mid-sentence (the page break cut it)?"""
    return any(cell.lines and not cell.lines[-1].text.endswith(CELL_END)
               for role, cell in cells.items() if role in (RESULTS, PLANS))


def _goal(lines: list, text: str) -> tuple[str, bool] | None:
    """A goal 【…】, and whether its （上記参照） is printed in the same cell: (title, see above)."""
    if GOAL_RE.match(text):
        return text, False
    for suffix in ("（上記参照）", "(上記参照)"):
        if text.endswith(suffix) and GOAL_RE.match(text[: -len(suffix)].rstrip()):
            return text[: -len(suffix)].rstrip(), True
    return None


def _place(draft: RowDraft, out: Reading, state: _State, page: int, line: int) -> None:
    if draft.title is not None and GOAL_RE.match(draft.title.text):  # a goal's row read into a measure's cells
        out.warnings.append(ParseWarning("goal-in-row", f"a measure titled with a goal's heading 「{draft.title.text[:30]}」: "
                                         "the goal's row was read into this row's cells; this row, and the rows up "
                                         "to the next heading, may be under the wrong goal", page, line))
        state.goal_in_row = True
    if draft.tag is not None and draft.tag.subheading and not draft.results and not draft.plans:
        _goal_for(out, state, page, line).notes.append(make_note(draft))
    elif draft.tag is not None or draft.results or draft.plans:
        _goal_for(out, state, page, line).rows.append(draft)
    elif draft.title or draft.description:
        text = (draft.title.text if draft.title else "") + draft.description
        out.warnings.append(ParseWarning(
            "unplaced-row", f"a row with neither a ministry tag ［…］ nor results or plans: 「{text[:30]}」; "
            "left out (neither a heading nor a measure)", page, line))


def _goal_for(out: Reading, state: _State, page: int, line: int) -> GoalDraft:
    if not state.in_goal:
        out.warnings.append(ParseWarning("no-goal", "text outside any goal 【…】; kept under an untitled goal",
                                         page, line))
        out.goals.append(GoalDraft(state.vision, "", False, page, line))
        state.in_goal = True
    return out.goals[-1]
