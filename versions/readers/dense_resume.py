"""A row of the dense reader's model going on after a page break.

A page break (a repeated header, a page number, a running title) may cut a row: each cell printed its first
lines on the page before, and goes on after the break in the header's order. A cell that had lines before the
break takes the rest of its sentence, or a new paragraph; one that had none starts fresh, at a price; a
description after its tag goes on only in its items. The page's foot cuts every cell at once: a cell that goes
on after the break printed about as many lines before it as the row's fullest cell (cut_short).
"""

from __future__ import annotations

from .dense_costs import (
    CONT_AFTER_SHORT,
    CONT_AFTER_STOP,
    CONT_NEARLY_FULL,
    CUT_LINES,
    CUT_SHORT,
    DESC_AFTER_CUT_TITLE,
    DESC_PARAGRAPH,
    ITEM_TEXT,
    RESUME_BULLET_AFTER_OPEN,
    RESUME_FRESH,
    RESUME_OPEN,
)
from .dense_pieces import Piece
from .dense_roles import DSC, ITM, OFF, PLN, RES, TTL, Columns, Label, State, cont_cost, ran_on, went_on


def resumes(s: State, cols: Columns, x: Piece, k: int, after_break: bool = True):
    """X in cell K as the row goes on after a page break (AFTER_BREAK: X is the first line after it; else an
    office printed first went on before)."""
    cell, status = cols.order[k], s.status[k]
    titled = cell == DSC and status and not s.described and x.title  # (a title cut by the break goes on: 「…国際標
    # 準化の活」 / break / 「動強化」, its description after it)
    targets = [ITM] if cell == DSC and s.tagged else [TTL, DSC] if titled else [DSC] if cell == DSC else [cell]
    for target in targets:
        if not cols.fits(x, target) or (target == OFF and not x.office):
            continue
        if cell == DSC and s.tagged and not x.item and s.cur != ITM and not ran_on(status) \
                and not (s.items and s.items[k]):
            continue  # (after its tag a description goes on only in its items, once it has some: an item cut
            # mid-sentence, or a paragraph of an item's text 「① 日常生活における…」 / 「日常生活において…」;
            # a paragraph that closes a ministry tag is another row's: SECOND_TAG)
        if target == TTL:  # the title's sentence goes on, as on one page
            cost = cont_cost(status)
        elif target == DSC and status and not s.described:  # the page cut the cell right after its title:
            cost = DESC_AFTER_CUT_TITLE  # the description starts, no second paragraph
        else:
            cost = resume_cost(status, x, target) if status else RESUME_FRESH
        cost += cut_short(s, k)
        went = x.bullet or (target == ITM and x.item)  # (a new paragraph, not the sentence going on)
        yield (went_on(s, cols, x, target, 0 if went else status, True if after_break else None), cost,
               Label(target, False, after_break))


def cut_short(s: State, k: int) -> float:
    """What it costs that cell K goes on after the page break having printed fewer lines before it than the
    row's fullest cell, by CUT_LINES or more. A page break cuts every cell of a row at the page's foot: a cell
    that goes on after it filled the page as the fullest did (reportlab cuts all at one line; Chromium may
    carry one more line down, keeping a paragraph's last two or first two together)."""
    if not s.printed or not s.printed[k]:
        return 0.0
    return CUT_SHORT if max(s.printed) - s.printed[k] >= CUT_LINES else 0.0


def resume_cost(status: int, x: Piece, role: int) -> float:
    """A cell going on after a page break: the rest of its sentence, or a new paragraph."""
    if role == OFF:  # (a line opening with a ministry, 「経産省ヘルスケ」, starts a name: the next row's office; one
        # that does not, after a full line ending in an office's word, 「経産省ヘルスケア産業課」 / a page break / 「医療・福祉
        # 機器産業室」, goes on with the name that line ended as if whole)
        if x.office_start:
            return CONT_AFTER_SHORT
        return 0.0 if ran_on(status) else CONT_AFTER_STOP if status == 2 else CONT_AFTER_SHORT
    if x.bullet or (role == ITM and x.item):
        return RESUME_BULLET_AFTER_OPEN if ran_on(status) else 0.2
    if role == ITM and status == 1:
        return ITEM_TEXT  # (an item's text under its heading)
    if status == 1 and x.own_unit and role in (RES, PLN):  # (「…及びタイ」 / a page break / 「（METhailand）における
        return CONT_NEARLY_FULL  # …」: the line stopped short for the unit carried down whole; not one that ended its
        # sentence, 「…国際展開を推進する。」, status 11)
    if status == 8:  # its last line stopped inside a bracket it opened: it ended no paragraph, whatever its width
        return RESUME_OPEN  # says (「…共同開発案件９」 / a page break / 「件）。」)
    return cont_cost(status) if role in (RES, PLN, OFF) or status != 1 else DESC_PARAGRAPH
