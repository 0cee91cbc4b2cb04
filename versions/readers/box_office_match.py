"""The 「担当」 offices among pdfminer's boxes matched to the rows, once every box is placed.

pdfminer prints an office near its row, but before or after the row's other cells as the layout analysis
groups the page: printed first (the header's 「担当」 leftmost), a page's offices may come all together
before its rows (dev 3012) or after their text (seen 4413); printed last, after the row's plans or a
page's descriptions (dev 3096). The offices and the rows with a ministry tag (a row without one has no
office: m050) come in the same order, so where they number the same, the i-th office is the i-th row's.
Where they do not, the offices are aligned with the rows (an office goes to a row printed near it, near
its first box where the office is printed first, near its last where last, of a ministry its tag names;
an office or a row may go without), and every row whose office the alignment cannot tell is named: the
rows that pairing the offices from the first row and from the last would give different offices.
"""

from __future__ import annotations

from ..model.edition import ParseWarning
from .box_offices import leads, office_ministry
from .box_state import Box, Cell, Row, State, span

SKIP = 2.0  # an office without a row, or a tagged row without an office
FOREIGN = 1.0  # an office of a ministry the row's tag does not name


def match_offices(state: State) -> None:
    """Give each tagged row its office (state.printed_offices: the office boxes with their indices), in place
    of what placing them as printed gave (box_offices.place_offices, which the reading asked as it went)."""
    offices = state.printed_offices
    table = [r for r, row in enumerate(state.rows) if row.closed and not row.note]
    if not offices or not table:
        return
    state.warnings = [w for w in state.warnings if w.code != "layout-boxes-office"]  # (as printed: replaced)
    if len(offices) == len(table):
        pairs = list(zip(range(len(offices)), table, strict=True))
    else:
        pairs = _align(state, offices, table)
        _name_unsure(state, offices, table)
    for row in state.rows:
        row.office = None
    for i, r in pairs:
        state.rows[r].office = Cell(list(offices[i][1].lines), list(offices[i][1].numbers))
    for i in sorted(set(range(len(offices))) - {i for i, _ in pairs}):
        box = offices[i][1]
        state.warnings.append(ParseWarning("layout-boxes-office", f"lines {span(box)}: an office 「担当」 printed "
                                           "that no row was matched to; left out", 0, box.numbers[0]))


def _align(state: State, offices: list[tuple[int, Box]], table: list[int]) -> list[tuple[int, int]]:
    """The office-row pairs, in order, that cost least: the distance in boxes between an office and its row's
    first box (in rows' worth of boxes), a foreign ministry, and SKIP for each office or row left alone."""
    n, m = len(offices), len(table)
    per_row = max(1.0, len(state.boxes) / max(1, len(state.rows)))
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            c = cost[i][j]
            if c == inf:
                continue
            for di, dj, step in ((1, 0, SKIP), (0, 1, SKIP), (1, 1, None)):
                a, b = i + di, j + dj
                if a > n or b > m:
                    continue
                if step is None:
                    k, box = offices[i]
                    row = state.rows[table[j]]
                    step = abs(k - _anchor(state, row)) / per_row
                    code, named = office_ministry("".join(box.lines)), leads(row)
                    step += FOREIGN if code and named and code not in named else 0.0
                if c + step < cost[a][b]:
                    cost[a][b], back[a][b] = c + step, (i, j)
    pairs = []
    i, j = n, m
    while i or j:
        pi, pj = back[i][j]
        if i - pi == 1 and j - pj == 1:
            pairs.append((pi, table[pj]))
        i, j = pi, pj
    return pairs[::-1]


def _anchor(state: State, row: Row) -> int:
    """The box an office printed for ROW stands near: its first, where offices are printed first; else its last."""
    if state.office_first:
        return row.start_box
    return max([row.desc_box] + [c.last for c in row.cells.values()])


def _name_unsure(state: State, offices: list[tuple[int, Box]], table: list[int]) -> None:
    """Name each row that the offices paired from the first row and paired from the last give different
    offices (or none): where the offices and rows do not number the same, its office is not sure."""
    n, m = len(offices), len(table)
    text = ["".join(box.lines) for _, box in offices]
    for j, r in enumerate(table):
        front = text[j] if j < n else ""
        back = text[n - m + j] if 0 <= n - m + j < n else ""
        if front != back:
            state.rows[r].doubts.append(f"{n} offices 「担当」 for {m} rows with a ministry tag: its "
                                        f"office may be 「{front or back}」 or another row's")
