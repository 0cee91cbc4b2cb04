"""Programs that have ended: a row whose results or plans cell is one line 「令和５年度に事業終了」 / 「後継事業の
予定無し」, a whole cell with nothing else of its row in that column (box_rows.py places the boxes around it).
The three editions each print such a row next to a tall one, whose last paragraphs pdfminer may print after
the ended row's cells or before them; the cell itself tells which row it is not.
"""

from __future__ import annotations

from .box_state import Box, Cell, State, next_row
from .vocabulary import ENDED_RE, is_bullet_start

__all__ = ["after_ended_program", "ended_ahead", "ended_cell"]


def after_ended_program(state: State, column: str, box: Box) -> bool:
    """Is BOX, a new paragraph after a cell that says all of it (「・令和５年度に事業終了」, 「後継事業の予定無し」) in the
    last row, the next row's, printed before that row's description (d6700 6712, Chromium: the next row's
    results, plans and office, then its description; read into the ended row, every later row's cells one
    row off)? Such a cell is whole: nothing of its row follows it."""
    at = state.at[column]
    return at >= 0 and next_row(state, at) < 0 and is_bullet_start(box.lines[0]) \
        and ended_cell(state.rows[at].cells.get(column))


def ended_ahead(state: State, column: str, box: Box) -> bool:
    """Is BOX, a program's end 「令和５年度に事業終了」 (a whole cell), the next row's, printed before that row's
    description (d7100 7125, h7000 7014: after the last row's results, read into it, the next row then took
    the row after's cells, every later row's one row off)? Yes where the last row's cell already holds
    paragraphs of its own."""
    at = state.at[column]
    cell = state.rows[at].cells.get(column) if at >= 0 else None
    return cell is not None and next_row(state, at) < 0 and ended_cell(Cell(box.lines)) \
        and not any(ENDED_RE.search(x) for x in cell.lines)


def ended_cell(cell: Cell | None) -> bool:
    """Is the cell one line saying its program ended (「・令和５年度に事業終了」, 「後継事業の予定無し」)?"""
    return cell is not None and len(cell.lines) == 1 and bool(ENDED_RE.search(cell.lines[0]))
