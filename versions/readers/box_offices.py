"""The 「担当」 offices among pdfminer's text boxes: which row each goes to, and the rows whose office is of
a ministry their tag does not lead.

An office box is short and names a ministry's office (「厚労省医療機器」 / 「審査管理課」). pdfminer prints
the offices in row order, but not always after their rows' other cells: Chromium's line-by-line boxes
put an office after its row's plans, yet where a page's descriptions come first (dev 3096) the offices of
several rows follow the descriptions, before any of those rows' results. And an office names a ministry
its row's tag leads (「厚労省…」 under ［◎厚、◎経］: every row of the three editions), which tells an office
read into the wrong row.
"""

from __future__ import annotations

import re

from ..model.edition import ParseWarning
from .box_state import Box, Cell, Row, State, is_office_box, span
from .ministries import KNOWN_MINISTRIES, is_ministry_list, parse_ministries
from .vocabulary import OFFICE_WORD_RE, TAG_CLOSE_RE, is_office_piece

__all__ = ["join_office_pieces", "leads", "name_office_mismatches", "office_ministry", "place_offices", "split_offices"]

NAME_START_RE = re.compile(r"^(?:内閣官房|[^\s・、。]{1,3}[省府庁])")  # an office's name opens with its ministry's
OFFICE_AHEAD = 8  # boxes looked at for the rest of an office boxed apart (a row's first lines of its other cells)
OFFICE_LABEL = "担当"  # the header's label of the office column, printed again over a page's first office


def split_offices(boxes: list[Box]) -> list[Box]:
    """Office boxes as pdfminer groups them, one office each: two rows' offices printed one under the other
    fall in one box (seen 4223: 「文科省研究振興」 … 「ンス課」 / 「厚労省医療機器」 「審査管理課」), parted where a
    line ending in an office's word is followed by one opening a ministry's name; the header's 「担当」 printed
    again over a page's first office (seen 4223) is dropped."""
    out: list[Box] = []
    for box in boxes:
        lines, numbers = box.lines, box.numbers
        if len(lines) > 1 and lines[0] == OFFICE_LABEL:
            lines, numbers = lines[1:], numbers[1:]
        cuts = [0] + [i for i in range(1, len(lines)) if OFFICE_WORD_RE.search(lines[i - 1])
                      and NAME_START_RE.match(lines[i])] + [len(lines)]
        parts = [Box(lines[a:b], numbers[a:b], box.page) for a, b in zip(cuts, cuts[1:], strict=False)]
        out += parts if all(is_office_box(part) for part in parts) else [box]
    return out


def join_office_pieces(boxes: list[Box]) -> list[Box]:
    """An office's first lines boxed apart from its last: Chromium's line by line boxes print 「厚労省医療機器」
    before its row's first lines and 「審査管理課」 after them (dev 3092, the office first: the first piece was
    read as the row's title). A box of office lines opening with a ministry's name but not ending an office
    is joined with the next box of office lines that ends one (within OFFICE_AHEAD boxes, on its page, no
    other office begun between), at the first piece's place."""
    out: list[Box] = []
    taken: set[int] = set()
    for k, box in enumerate(boxes):
        if k in taken:
            continue
        rest = _rest_of(boxes, k, taken) if _office_lines(box) and NAME_START_RE.match(box.lines[0]) \
            and not OFFICE_WORD_RE.search(box.lines[-1]) else None
        if rest is not None:
            taken.add(rest)
            box = Box(box.lines + boxes[rest].lines, box.numbers + boxes[rest].numbers, box.page)
        out.append(box)
    return out


def _rest_of(boxes: list[Box], k: int, taken: set[int]) -> int | None:
    for j in range(k + 1, min(k + 1 + OFFICE_AHEAD, len(boxes))):
        box = boxes[j]
        if j in taken or box.page != boxes[k].page or not _office_lines(box):
            continue
        if NAME_START_RE.match(box.lines[0]):
            return None  # another office begins first
        if OFFICE_WORD_RE.search(box.lines[-1]) and is_office_box(Box(boxes[k].lines + box.lines, [])):
            return j
    return None


def _office_lines(box: Box) -> bool:
    return all(is_office_piece(x) for x in box.lines)


def place_offices(state: State) -> None:
    """The offices printed one after another go, in order, to the rows without one whose plans are printed
    (an office, the rightmost cell, comes after them), then, where the header prints the office column
    last, to the rows after those whose descriptions are printed (a page's descriptions printed first, its
    offices next: dev 3096; printed first, an office comes before its row, seed 26); fewer offices than rows
    with plans go to the latest rows (each printed just after its row), and the rows passed over are named."""
    batch, state.offices = state.offices, []
    if not batch:
        return
    last = len(state.rows) - 1  # (a row without a ministry tag, its description over, has no office: dev 3098 m050)
    waiting = [r for r in range(state.at["office"] + 1, len(state.rows))
               if not state.rows[r].note and (state.rows[r].closed or r == last)]
    rows = [r for r in waiting if state.cells[1] in state.rows[r].cells]
    if len(batch) > len(rows) and state.office_last:  # (printed first, an office comes before its row's text)
        rows += [r for r in waiting if r > (rows[-1] if rows else -1)][: len(batch) - len(rows)]
    if len(batch) > len(rows):
        for box in batch[len(rows):]:
            state.warnings.append(_office_warning(box))
        batch = batch[: len(rows)]
    skipped = rows[: len(rows) - len(batch)]
    for r, box in zip(rows[len(skipped):], batch, strict=True):
        state.rows[r].office = _cell(box)
        if skipped:
            state.rows[r].doubts.append(f"lines {span(box)} (office): matched to the latest rows in order")
    for r in skipped:
        state.rows[r].doubts.append("no office 「担当」 found for it; an office may have gone to the next row")
    if batch:
        state.at["office"] = rows[-1]


def name_office_mismatches(rows: list[Row]) -> None:
    """Name each row whose office is of a ministry that its tag does not lead (or name at all, where the
    tag marks no lead ◎): the office of another row."""
    for row in rows:
        if row.office is None or row.note:
            continue
        named = leads(row)
        code = office_ministry("".join(row.office.lines))
        if named and code and code not in named:
            row.doubts.append(f"its office 「{''.join(row.office.lines)}」 is of a ministry its tag does not lead "
                              f"(［{'、'.join(sorted(named))}］): another row's office?")


def office_ministry(office: str) -> str:
    """The code of the ministry an office names (「厚労省…」 厚, 「内閣官房…」 内官): the ministry whose full
    name starts as the office does for the most characters ('' if none or a tie)."""
    scored = sorted(((_common(office, name), code) for code, name in KNOWN_MINISTRIES.items()), reverse=True)
    if not scored or scored[0][0] == 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return ""
    return scored[0][1]


def _common(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def leads(row: Row) -> set[str]:
    """The codes the row's ministry tag leads (◎), or all of its codes where it marks none."""
    tags = [m.group(1) for m in TAG_CLOSE_RE.finditer("".join(row.desc.lines)) if is_ministry_list(m.group(1))]
    if not tags:
        return set()
    ministries = parse_ministries(tags[-1])
    return {m.code for m in ministries if m.lead} or {m.code for m in ministries}


def _cell(box: Box) -> Cell:
    return Cell(list(box.lines), list(box.numbers))


def _office_warning(box: Box) -> ParseWarning:
    return ParseWarning("layout-boxes-office", f"lines {span(box)}: an office 「担当」 printed before any row "
                        "without one; left out", 0, box.numbers[0])
