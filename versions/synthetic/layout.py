"""Wrapping and rendering a measure the way the PDF extraction prints the table."""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from ..model.edition import Measure
from ..model.normalize import display_width
from ..readers.vocabulary import TITLE_MAX, is_bullet_start

__all__ = ["TITLE_MAX"]  # a longer line is not read as a title: the readers' limit

RESULTS_WIDTH = (52, 60)  # cells per line of the results column and of descriptions
PLANS_WIDTH = (34, 42)  # cells per line of the plans column (the parser reads ≤ 45 as plans)

_LATIN = re.compile(r"[A-Za-z]")
_NO_LINE_START = frozenset("、。，）」｣］・○●◆■※")


def _can_break(s: str, i: int, keep_from: int) -> bool:
    """May a line break fall between s[i-1] and s[i]? Never inside a latin word (the parser would
    join it with a space), at a space, before closing punctuation or a bullet mark, or before or in
    the tag (a tag alone on its line after a short 「…。」 line would end the description there)."""
    a, b = s[i - 1], s[i]
    if i >= keep_from or a.isspace() or b.isspace() or b in _NO_LINE_START or "①" <= b <= "⑳":
        return False
    return not (_LATIN.match(a) and _LATIN.match(b))


@lru_cache(maxsize=65536)
def wrap(text: str, width: float, keep_tail: int = 0) -> tuple[str, ...]:
    """Greedy wrap at `width` cells. The last `keep_tail` characters (a ministry tag) stay on one
    line, and no continuation line may read as a new bullet (「・…」, a lone 「（同予算内数）」)."""
    cells = [display_width(c) for c in text]
    keep_from = len(text) - keep_tail if keep_tail else len(text)
    lines: list[str] = []
    start = 0
    while start < len(text):
        end, used = start, 0.0
        while end < len(text) and used + cells[end] <= width:
            used += cells[end]
            end += 1
        if end >= len(text):
            lines.append(text[start:])
            break
        cut = end
        while cut > start + 1 and not _can_break(text, cut, keep_from):
            cut -= 1
        if cut <= start + 1:
            cut = end
        lines.append(text[start:cut])
        start = cut
    for k in range(len(lines) - 1, 0, -1):  # 「…を」/「（同予算内数）」 would start a bullet of its own
        while is_bullet_start(lines[k]) and len(lines[k - 1]) > 1:
            lines[k - 1], lines[k] = lines[k - 1][:-1], lines[k - 1][-1] + lines[k]
    return tuple(lines)


class Row(NamedTuple):
    """A measure as the table prints it; rendered by render_row."""

    title: str
    description: str
    tag: str  # ［◎厚、◎経］
    results: tuple[str, ...]
    plans: tuple[str, ...]


def render_row(row: Row, desc_width: float, results_width: float, plans_width: float) -> list[str]:
    """Title, description closed by the tag, a blank, the results, a blank, the plans."""
    lines = [row.title] if row.title else []
    lines += wrap(row.description + row.tag, desc_width, len(row.tag))
    lines.append("")
    for b in row.results:
        lines += wrap(b, results_width)
    if row.plans:
        lines.append("")
        for b in row.plans:
            lines += wrap(b, plans_width)
    return lines


def row_of(m: Measure) -> Row:
    return Row(m.title, m.description, m.ministries_text, tuple(b.text for b in m.results),
               tuple(b.text for b in m.plans))


def column_width(lines: Sequence[str], column: str) -> float:
    """A width like the one these lines were printed at, within the column's range."""
    lo, hi = PLANS_WIDTH if column == "plans" else RESULTS_WIDTH
    widest = max((display_width(x.strip()) for x in lines if x.strip()), default=hi)
    return float(min(hi, max(lo, math.ceil(widest))))


def random_widths(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(*RESULTS_WIDTH), rng.randint(*RESULTS_WIDTH), rng.randint(*PLANS_WIDTH)
