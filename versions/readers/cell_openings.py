"""A results or plans cell that opens with the tail of a sentence, checked on a text reading.

Where a text reader puts the boundary between two cells a line too late, the last line of one cell opens
the next: 「議論を行っている。」 (the end of the last result) before the plans' bullets. The report opens a
cell without a bullet mark only with a whole sentence or clause of its own (「重点５分野については、…」,
「令和６年度保険医療材料制度改革において、」), never with a few words that close a sentence begun elsewhere.
"""

from __future__ import annotations

from ..model.edition import ParseWarning
from ..model.normalize import display_width
from .vocabulary import is_bullet_start

CODE = "layout-row-doubt"
# The widest tail taken for a sentence's end: the report's unbulleted openings run over 40 cells
# (20 characters), a line's tail rarely does.
TAIL_MAX = 40


def tail_opens_cell(m) -> ParseWarning | None:
    """A warning where M's results or plans open with a short sentence end, no bullet, before bullets."""
    for name, cell in (("results", m.results), ("plans", m.plans)):
        if len(cell) < 2 or is_bullet_start(cell[0].text) or not any(is_bullet_start(b.text) for b in cell[1:]):
            continue
        head = cell[0].text.strip()
        if head.endswith("。") and head.count("。") == 1 and display_width(head) <= TAIL_MAX:
            return ParseWarning(CODE, f"{m.id}: its {name} open with 「{head}」, a sentence's end without a bullet "
                                "mark: the last line of the cell printed before it?", m.page, m.line, m.id)
    return None
