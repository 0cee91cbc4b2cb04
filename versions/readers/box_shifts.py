"""Rows that may hold a neighbour's cell because a column's cells were shifted by one.

Each row has one cell a column (results, plans), and the boxes reader gives a column's boxes to the rows
in printed order. Where it put a paragraph into a row from weak evidence (in this row or the next?) and a
later row then finds no cell of that column at all, the column has most likely been shifted by one row
between the two: every row between them holds the cell of the row before or after it, though each looks
whole. Those rows are named (Row.doubts), not only the two ends, so that no shifted cell goes unwarned.
"""

from __future__ import annotations

from .box_state import PLANS, RESULTS, Row

__all__ = ["name_shifts"]

ISLAND = 3  # rows without a doubt between two doubted ones, named with them
SHIFT_GAP = 3  # rows without a doubt a shifted run may pass over (a shifted cell need not be doubted itself: its words may fit any row)


def name_shifts(rows: list[Row]) -> None:
    """Add a doubt to each row of the run of doubted placements in a column that ends at a row missing
    that column (or starts after it: a row that lost its cell, then one that got two). A run goes on over
    at most SHIFT_GAP rows without a doubt in that column, and never past another row missing it."""
    table = [row for row in rows if not row.note]
    for column in (RESULTS, PLANS):
        doubted = {k for k, row in enumerate(table) if column in row.doubted}
        missing = [k for k, row in enumerate(table) if column not in row.cells]
        ordered = sorted(doubted)
        for a, b in zip(ordered, ordered[1:], strict=False):
            if 1 < b - a <= ISLAND + 1:  # rows between two doubted placements: a shift goes on through them
                _name(table, a + 1, b, column)
        for n, k in enumerate(missing):
            since = missing[n - 1] if n else -1
            start = _run(doubted, k, since, -1)
            until = missing[n + 1] if n + 1 < len(missing) else len(table)
            end = k + 1 if start < k else _run(doubted, k, until, 1) + 1
            # one row more at each end: a shift is seen (doubted) a row after it began, and the row after
            # one missing a cell may have lost the start of its own to it
            _name(table, max(start - 1, since + 1), min(end + 1, until), column)
            kept = next((j for j in range(since + 1, k) if column in table[j].kept), k)
            _name(table, kept, k, column)  # a row given two cells, then one given none: all between shifted


def name_crossed_shifts(rows: list[Row]) -> None:
    """Rows between two rows doubted in either column, named in both: a shift begun in one column may be
    seen again in the other (d4900 4908: m043's plans doubted, m046's results; m044 and m045 between them
    silently one row off in both columns)."""
    table = [row for row in rows if not row.note]
    doubted = [k for k, row in enumerate(table) if row.doubted & {RESULTS, PLANS}]
    for a, b in zip(doubted, doubted[1:], strict=False):
        if 1 < b - a <= ISLAND + 1:
            for column in (RESULTS, PLANS):
                _name(table, a + 1, b, column)


def _run(doubted: set[int], k: int, stop: int, step: int) -> int:
    """The far end of the run of doubted rows next to row K, going by STEP, not reaching STOP (K if none)."""
    end, gap, j = k, 0, k + step
    while j != stop and gap <= SHIFT_GAP:
        if j in doubted:
            end, gap = j, 0
        else:
            gap += 1
        j += step
    return end


def _name(table: list[Row], start: int, end: int, column: str, why: str = "") -> None:
    for row in table[start:end]:
        if column not in row.doubted:
            row.doubted.add(column)
            row.doubts.append(f"its {column} may be another row's: " + (why or "the column's cells shifted by one "
                              "row between two doubtful placements or a doubtful placement and a row without any"))
