"""A page's first box of a column, given to the last row read when no later row's description has been
printed yet: pdfminer prints a page's boxes roughly top to bottom, and Chromium's next row may print its
cells (and its title) above its description's first box, so the row the page break cut and the next row
are told apart by nothing but the cell's state (h7000 7014: 「倫理審査委員会の審査の均てん化」, the next
row's title, read as the rest of the cut row's open plans, and that row's first result 「・倫理審査委員会の
委員が…」 as a second result of the cut row, whose results had ended: every cell of the next row one row
early, the cut row itself named by nothing).
"""

from __future__ import annotations

from .box_state import Box, State, is_phrase
from .vocabulary import is_bullet_start

__all__ = ["page_top_doubt"]


def page_top_doubt(state: State, column: str, at: int, box: Box) -> str:
    """Why BOX, the first of COLUMN on its page, read into row AT (the last row, none printed after it), may
    be the next row's: a new paragraph after the row's cell ended 「…。」, or a short line ending no sentence
    (a title's shape) taken as the rest of its open cell; '' if neither."""
    cell = state.rows[at].cells.get(column) if at >= 0 else None
    if cell is None or not cell.lines:
        return ""
    if is_bullet_start(box.lines[0]) and cell.open_since < 0 and cell.lines[-1].endswith("。"):
        return ("the first paragraph of its column on a page, after its row's cell had ended: the next row's, "
                "printed before that row's description?")
    if cell.open_since >= 0 and not is_bullet_start(box.lines[0]) and is_phrase(state, box, [column]):
        return ("a short line ending no sentence at a page's top, read as the rest of a cell left open: the next "
                "row's title?")
    return ""
