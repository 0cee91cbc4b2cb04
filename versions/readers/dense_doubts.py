"""The dense reader's warnings: the rows it read with doubt, each named by a note at its anchor line.

The model (dense_lattice.py, dense_search.py) keeps the cheapest reading of the lines; where the text does
not tell between it and another (a line another reading explains about as well, a short bullet after a page
break that fits both the results and the plans, a row's first line read as the last of the cell before, a
title read as a cell's words going on, a row resumed where the text marks no page break, a line that fits
no column), the rows concerned are named, so that a reading the text cannot settle is never a silent one.
Kept apart from text_dense.py, which makes the rows: these notes only look at the reading, never change it.
"""

from __future__ import annotations

from .dense_parallel import Repair
from .dense_roles import DSC, ITM, OFF, PLN, RES, TITLE_LINES, TTL, Columns
from .dense_search import Result, Step
from .table import LineNote

TITLE_DOUBT = 2.5  # a title read as a cell's last line at most this much cheaper is named (see _titles_in_doubt)
NAMES = {OFF: "office 「担当」", TTL: "title", DSC: "description", ITM: "description", RES: "results", PLN: "plans"}


def notes(steps: list[Step], result: Result, cols: Columns, anchors: list[int],
          repairs: tuple[Repair, ...] = ()) -> list[LineNote]:
    """A note on each row holding a line another reading explains about as well, on the row that reading
    would put it in too, and on each row resumed where the text marks no page break; then one for each
    results/plans boundary dense_parallel.py moved with doubt. ANCHORS: per step, the line a row is cited at."""
    out: list[LineNote] = []
    seen: set[tuple[int, str]] = set()

    def note(anchor: int, code: str, message: str) -> None:
        if anchor and (anchor, code) not in seen:
            seen.add((anchor, code))
            out.append(LineNote(anchor, code, message))

    for i, (other, r2) in sorted(result.doubtful.items()):
        step = steps[i]
        kept = result.labels[i]
        pieces = step.readings[result.readings[i]][0]
        what = "; ".join(f"「{x.text[:16]}…」 as {NAMES[a.role]}" + (" of a new row" if a.new_row else "")
                         for x, a in zip(pieces, kept, strict=False))
        alt_pieces = step.readings[r2][0]
        alt = "; ".join(f"「{x.text[:16]}…」 as {NAMES[a.role]}" + (" of a new row" if a.new_row else "")
                        for x, a in zip(alt_pieces, other, strict=False))
        message = (f"source line {step.no} was read {what}; it reads almost as well {alt}: the text does not "
                   "tell which (widths and words alike); check this row against the PDF")
        note(anchors[i], "layout-dense-doubt", message)
        if any(a.new_row != b.new_row for a, b in zip(kept, other, strict=False)) and i:
            note(anchors[i - 1], "layout-dense-doubt", message)
    for i, step in enumerate(steps):  # a short bullet going on after the page break: results or plans?
        labels = result.labels[i]
        x = step.readings[result.readings[i]][0][0] if labels else None
        if step.brk and x is not None and labels[0].resumed and labels[0].role in (RES, PLN) and x.bullet \
                and all(role in cols.order and cols.fits(x, role) for role in (RES, PLN)):
            column = NAMES[labels[0].role]
            note(step.no, "layout-page-break-column",
                 f"the short bullet continuing the row after the page break (source line {step.no}) was read as "
                 f"its {column}; its width fits both columns, and the extraction does not say whether it "
                 "continues the results or the plans")
    for i in _row_starts_in_doubt(steps, result, cols):
        message = (f"source line {steps[i].no} was read as the last line of a cell, short of that column; it is "
                   "as wide as a full line of the description, and may be the next row's first line: check both "
                   "rows against the PDF")
        note(anchors[i], "layout-dense-doubt", message)
        note(anchors[i + 1], "layout-dense-doubt", message)
    for i in _titles_in_doubt(steps, result):
        message = (f"source line {steps[i].no} was read as the last line of a cell; it reads nearly as well as the "
                   "title of the next row, which was read without one: check both rows against the PDF")
        note(anchors[i], "layout-dense-doubt", message)
        note(anchors[i + 1], "layout-dense-doubt", message)
    for i in sorted(result.implicit):
        note(anchors[i], "layout-page-break-unmarked",
             f"source line {steps[i].no}: the row was read as going on after a page break the text does not "
             "mark (its cells resumed in order); check this row against the PDF")
    for i in sorted(result.unfit):
        note(anchors[i], "layout-too-wide", f"source line {steps[i].no} fits no column of the widths measured "
             f"({', '.join(f'{w:g}' for w in cols.widths.values())} cells); read into the cell before it")
    for repair in repairs:
        if repair.doubt:
            out.append(LineNote(anchors[repair.step], "layout-dense-doubt", repair.message))
    return out


def _row_starts_in_doubt(steps: list[Step], result: Result, cols: Columns) -> list[int]:
    """The steps read as a results or plans cell's last line, running on from the line before, right before
    a new row, that are as wide as a full description line and end no sentence (「…働き方改革を着」): a
    row's first line printed after the row before reads so too (the widths tell a short line, no more)."""
    out = []
    for i in range(len(steps) - 1):
        if steps[i].heading or steps[i + 1].heading or not result.labels[i] or not result.labels[i + 1]:
            continue
        x = steps[i].readings[result.readings[i]][0][-1]
        label = result.labels[i][-1]
        if label.role in (RES, PLN) and not label.new_row and result.labels[i + 1][0].new_row \
                and not x.bullet and not x.stop and cols.full(x, DSC) and cols.fits(x, DSC) \
                and not cols.full(x, label.role):
            out.append(i)
    return out


def _titles_in_doubt(steps: list[Step], result: Result) -> list[int]:
    """The steps read as a results or plans cell's last line, running on from the line before, right before a
    row read without a title, that another reading makes that row's title at a cost within TITLE_DOUBT: a
    title printed after a results cell whose last line ran full reads as its words going on (the widths
    tell nothing, a heading's words little)."""
    out = []
    for i in range(len(steps) - 1):
        if steps[i].heading or steps[i + 1].heading or not result.labels[i] or not result.labels[i + 1] \
                or not result.ranked or not result.titled:
            continue
        label, following = result.labels[i][-1], result.labels[i + 1][0]
        if label.role not in (RES, PLN) or label.new_row or not following.new_row or following.role != DSC:
            continue
        first = i  # (a title of up to TITLE_LINES lines: its first line may be any of the cell's last few)
        while first > i - TITLE_LINES + 1 and first > 0 and result.labels[first - 1] \
                and result.labels[first - 1][-1].role == label.role and not result.labels[first][0].new_row \
                and not steps[first - 1].heading:
            first -= 1
        if min(result.titled[j] - result.ranked[j][0][0] for j in range(first, i + 1)) <= TITLE_DOUBT:
            out.append(i)
    return out
