"""A column's line printed a line low (the interleaved reader).

pdfplumber prints a text line for each run of characters that share a baseline. Where one column's lines are set a
little taller than the others' (a fallback font's glyph, a line of latin words), that column drifts down the row: a
line of its cell comes out on a text line of its own, or a text line of the other columns comes out without it
(h5300 5303: the results' 「…ピッチイベント」, nothing of the results on the next line, then 「を３回開催し、…」; d7100
7116: the plans' 「…推進を行う。」, a line without the plans, then their next bullet). Read as a column done for its row,
the words it goes on with are given to another column or start a row. So a column may have nothing on one line and
go on below: with its paragraph's words where its last line was full mid-sentence, with a bullet where that line
ended its paragraph. Its skip is charged where it does not go on (the cost it has always had). A line low in one
column does not make the next line low in another (the cells would be read out of step). Not in a text that prints
columns glued (no space between them): there a cell's words glued to another's would go whole to one column for
the cost of a drift rather than be cut (dev 3086).
"""

from __future__ import annotations

from typing import Protocol

# The cost of a column going on after one line without it: more than a line going on a full line (free), less
# than a paragraph ending exactly at the edge (SKIP_FULL) with its words then read elsewhere.
DRIFT = 1.0
DRIFT_BULLET = 1.0  # ... with a new bullet, after a line that ended its paragraph


class Column(Protocol):
    active: bool
    full: bool
    stop: bool
    ended: bool
    verb_end: bool
    paused: bool
    started: bool
    open: bool
    tagged: bool
    items: bool
    drift: bool


def may_drift(c: int, col: Column, office: int, beside: bool) -> bool:
    """May column C (COL: its last line) have nothing on a line and go on below (once)? A cell going on mid-paragraph,
    a results or plans cell with more bullets, a description after its title or with items after its tag (the
    paragraphs of 「重点5分野」's items ①…⑤), an office's name not ended where the description beside it (BESIDE)
    has nothing on the line either: an office wraps into many short lines, and one drifting alone let another column
    take a line of the name (h7200 7259: 「文科」, then 「省研」 read as the plans' 「後継事業の予定無し」's end)."""
    if not col.active or not col.started or col.paused or col.drift:
        return False
    if c == office:
        return col.open and beside
    return c > 0 or _mid_paragraph(col) or col.items or not (col.tagged or col.full)


def drift_cost(c: int, col: Column, goes_on: bool, bullet: bool, office: int) -> float | None:
    """The cost of column C going on after a line without it, or None where what goes on cannot: the words of its
    paragraph (GOES_ON) where it stopped mid-paragraph, a bullet (BULLET) where it ended one, a description's next
    paragraph."""
    if c == office:
        return DRIFT
    if _mid_paragraph(col):
        return DRIFT if goes_on else None
    if c == 0:
        return DRIFT_BULLET if not bullet else None
    return DRIFT_BULLET if bullet else None


def _mid_paragraph(col: Column) -> bool:
    return col.full and not (col.stop or col.ended or col.verb_end)
