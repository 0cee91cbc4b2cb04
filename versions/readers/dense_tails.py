"""A paragraph's end the document itself shows: results are often listed in bullets that end in a noun and
no 。 (「・医療機器等研究成果展開事業において３件の課題を採択」), one bullet after the other. A line ending in
such a noun ends no sentence by its punctuation, so the model cannot tell whether the paragraph ends there or
goes on; where the report then prints the next row's first line (a title's, a description's: a full line of
the description's width) right after the cell, that line reads as the bullet's last words. The text tells it:
the lines ending in that noun are followed by a new bullet or item nearly every time. Such lines end their
sentence, as a 。 does (dense_lattice then prices a sentence begun after them and never ended). A line after one
that opens another cell by its words goes on no sentence either, and is not counted as going on: a plan's
「引き続き、…」 (no sentence goes on with it but after a comma) or an office's first line 「厚労省医療機」 (the cells
after a results column's last bullet 「…において１件の課題を採択」)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from .dense_pieces import OFFICE_START_RE, ONWARD_RE
from .dense_search import Step
from .vocabulary import (
    ITEM_START_RE,
    is_bullet_start,
    is_header_text,
    is_heading,
    is_office_piece,
    is_page_number,
)

TAIL_RE = re.compile(r"[一-龥]{2}$")  # a line's last word, two kanji: 「…の課題を採択」
MIN_ENDS = 5  # lines ending in the word followed by a bullet or an item, needed to learn it
ENDS_PER_GOING_ON = 4  # ... and for each line ending in it that goes on with no bullet, at least this many


def paragraph_ends(lines: list[str]) -> frozenset[str]:
    """The two-kanji words that end a paragraph in this text: lines ending in one are followed by a bullet
    「・」 or an item ① at least MIN_ENDS times, and ENDS_PER_GOING_ON times as often as by a line going on
    (which may also be another cell's first line: the count does not need to be clean)."""
    ends: Counter[str] = Counter()
    goes: Counter[str] = Counter()
    text = [x.strip() for x in lines]
    for x, y in zip(text, text[1:], strict=False):
        if not _body(x) or not _body(y) or " " in x:
            continue
        m = TAIL_RE.search(x)
        if m is None:
            continue
        if is_bullet_start(y) or ITEM_START_RE.match(y):
            ends[m.group(0)] += 1
        elif not _opens_cell(y):
            goes[m.group(0)] += 1
    return frozenset(w for w, n in ends.items() if n >= MIN_ENDS and n >= ENDS_PER_GOING_ON * goes[w])


def _opens_cell(y: str) -> bool:
    """Does line Y open a cell by its words (a plan's 「引き続き、」, an office's ministry)?"""
    return bool(ONWARD_RE.match(y)) or (is_office_piece(y) and bool(OFFICE_START_RE.match(y)))


def _body(x: str) -> bool:
    return bool(x) and not is_header_text(x) and not is_heading(x) and not is_page_number(x)


def mark_paragraph_ends(steps: list[Step], words: frozenset[str]) -> list[Step]:
    """STEPS with each piece that ends in one of WORDS (and in no punctuation) marked as ending its sentence."""
    if not words:
        return steps
    out = []
    for step in steps:
        if step.heading or not any(_ends(x, words) for pieces, _ in step.readings for x in pieces):
            out.append(step)
            continue
        readings = [([replace(x, stop=True) if _ends(x, words) else x for x in pieces], cost)
                    for pieces, cost in step.readings]
        out.append(replace(step, readings=readings))
    return out


def _ends(x, words: frozenset[str]) -> bool:
    m = TAIL_RE.search(x.text)
    return not x.stop and m is not None and m.group(0) in words
