"""Glued cuts moved to where the text's own character statistics put them (the interleaved reader).

Where cells are set close, a column's full line and the next column's text print with no space between
them, and the reader cuts the piece where the column's full lines end (interleaved_groups._glue_cuts): by
width, which is off by a character now and then (latin letters, brackets and digits print at widths the
text does not tell). A line wrap does not break a text's character sequence, so the text tells the cut:
the right cut leaves the least likely pair of neighbours at the cut (they belong to two columns), and the
best joins from the left part's end onto its column's NEXT line and from the right column's PREVIOUS line
onto the right part's start. Scored as the change in a character bigram chain's likelihood, the bigrams
counted over the document's own lines (no outside corpus, no phrases): moving the cut from k to k' only
changes three transitions, so the score of a cut k is
    log P(B | p[k-1]) + log P(p[k] | A) - log P(p[k] | p[k-1])
(A: the right column's previous line's last character, B: the left column's next line's first character).

This is a repair after the reading, not a term of its cost: the neighbours A and B are known only once
every line has its columns, and a move of a character or two changes no column's state (full, short,
bullet) that the reading's choices rest on. A cut moves only where the evidence is clear (MARGIN), never
into a latin word, a ministry tag or before a mark that may not start a line, and never past a width the
columns cannot print. Linear in the text: one count over the lines, a few candidates per glued cut.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from ..model.normalize import display_width
from .interleaved_groups import WIDTH_SLACK, tagged
from .interleaved_reading import OFFICE, Reading
from .vocabulary import NO_LINE_START, is_bullet_start

SHIFT = 3  # characters a cut may move either way (latin letters print up to a third of a cell wider each)
MARGIN = 2.0  # nats a moved cut must gain over the width's cut: weaker evidence keeps the cut as it is
DISCOUNT = 0.75  # absolute discounting of the n-gram counts (interpolated with the shorter contexts')
CELL_START, CELL_END = "\x02", "\x03"  # where a cell's text starts and ends, for the counts and the joins
ORDER = 3  # characters in an n-gram: a character weighed given the two before it


class CharModel:
    """A smoothed character n-gram model of the document's text: P(c | the ORDER - 1 characters before),
    by interpolated absolute discounting down to the characters' counts (add-one)."""

    def __init__(self, texts: list[str], order: int = ORDER) -> None:
        self.order = order
        self.grams: Counter[str] = Counter()  # n-grams of every length 1..ORDER
        self.follow: Counter[str] = Counter()  # context -> n-grams it starts
        self.kinds: Counter[str] = Counter()  # context -> distinct characters after it
        for text in texts:
            for n in range(1, order + 1):
                for k in range(len(text) - n + 1):
                    gram = text[k:k + n]
                    if not self.grams[gram]:
                        self.kinds[gram[:-1]] += 1
                    self.grams[gram] += 1
                    self.follow[gram[:-1]] += 1
        self.chars = self.kinds[""]

    def log_p(self, context: str, c: str) -> float:
        """log P(c | CONTEXT), CONTEXT cut to the model's order."""
        context = context[len(context) - self.order + 1:] if self.order > 1 else ""
        p = (self.grams[c] + 1) / (self.follow[""] + self.chars + 1)
        for n in range(len(context) - 1, -1, -1):  # shortest context first
            h = context[n:]
            total = self.follow[h]
            if total:
                p = max(self.grams[h + c] - DISCOUNT, 0.0) / total + DISCOUNT * self.kinds[h] / total * p
        return math.log(p)

    def log_likelihood(self, text: str) -> float:
        """log P of TEXT's characters after its first, each given those before it."""
        return sum(self.log_p(text[:k], text[k]) for k in range(1, len(text)))


def _spans(line: str, reading: Reading) -> list[tuple[int, int]] | None:
    """Where each of READING's groups lies in LINE (its pieces joined by one space), or None if they do not
    lie there in order."""
    out, pos = [], 0
    for _, text in reading.groups:
        if line.startswith(" ", pos) and out:
            pos += 1
        if not line.startswith(text, pos):
            return None
        out.append((pos, pos + len(text)))
        pos += len(text)
    return out


def _glued(line: str, reading: Reading) -> list[int]:
    """The indexes j of READING's groups that end where group j + 1 starts with no space between them."""
    spans = _spans(line, reading)
    if spans is None:
        return []
    return [j for j in range(len(spans) - 1) if spans[j][1] == spans[j + 1][0]]


def repair_cuts(lines: list[str], readings: list[Reading], kinds: list[str], pieces: Callable[[str], list[str]],
                widths: tuple[float, ...]) -> tuple[list[Reading], set[int]]:
    """READINGS with each glued cut moved to where the text's n-grams put it; and the lines whose cut moved."""
    joined = [" ".join(pieces(x)) if kind == "text" else "" for x, kind in zip(lines, kinds, strict=True)]
    glued = {i: _glued(joined[i], readings[i]) for i, kind in enumerate(kinds) if kind == "text"}
    glued = {i: js for i, js in glued.items() if js}
    if not glued:
        return readings, set()
    model = CharModel(_cell_texts(joined, readings, glued))
    out = list(readings)
    moved: set[int] = set()
    for i in sorted(glued):
        for j in glued[i]:
            better = _best_cut(i, j, joined[i], out, widths, model)
            if better is not None:
                out[i] = better
                moved.add(i)
    return out, moved


def _cell_texts(joined: list[str], readings: list[Reading], glued: dict[int, list[int]]) -> list[str]:
    """The document's text for the counts: each cell as the reading gives it, its lines joined (a line wrap
    does not break the text: 「…する。」 then 「・…」 is how a bullet follows a sentence), between the marks of a
    cell's start and end. The characters a glued cut may move between are left out, the text parted there,
    so that no cut is its own evidence."""
    out: list[str] = []
    cells: dict[int, list[str]] = {}  # column -> the open cell's segments

    def close() -> None:
        for segments in cells.values():
            segments[-1] += CELL_END
            out.extend(x for segment in segments for x in segment.split(" ") if x)
        cells.clear()

    for i, reading in enumerate(readings):
        if not reading.groups:
            continue
        if reading.new_row:
            close()
        cuts = glued.get(i, [])
        for j, (column, text) in enumerate(reading.groups):
            segments = cells.setdefault(column, [CELL_START])
            if j - 1 in cuts:  # (its start is a glued cut's right side)
                segments.append("")
                text = text[SHIFT:]
            if j in cuts:
                segments[-1] += text[: max(len(text) - SHIFT, 0)]
                segments.append("")
            else:
                segments[-1] += text
    close()
    return out


def _neighbour(readings: list[Reading], i: int, column: int, step: int) -> str:
    """The text of COLUMN on the nearest line before (STEP -1) or after (STEP 1) line I in the same row; the
    mark of a cell's start (or end) where the column holds no text there or a row starts between."""
    edge = CELL_START if step < 0 else CELL_END
    k = i + step
    while 0 <= k < len(readings):
        if step < 0 and readings[k + 1].new_row and readings[k + 1].groups:
            return edge  # line k + 1 started the row
        reading = readings[k]
        if reading.groups:
            if step > 0 and reading.new_row:
                return edge
            return next((t for c, t in reading.groups if c == column), edge)
        k += step
    return edge


def _best_cut(i: int, j: int, line: str, readings: list[Reading], widths: tuple[float, ...], model: CharModel
              ) -> Reading | None:
    """Line I's reading with the cut between its groups J and J + 1 moved, where the n-grams tell a better
    cut clearly; None where they do not."""
    reading = readings[i]
    spans = _spans(line, reading)
    if spans is None:
        return None
    (left_col, left), (right_col, right) = reading.groups[j], reading.groups[j + 1]
    if OFFICE in (left_col, right_col) or is_bullet_start(right) or tagged(left):
        return None  # an office is a name, not a sentence; a bullet or a tag is where a cut belongs
    after = _neighbour(readings, i, left_col, 1)
    before = _neighbour(readings, i, right_col, -1)
    start, end = spans[j][0], spans[j + 1][1]
    cut = spans[j][1]

    reach = SHIFT + model.order  # characters weighed on each side of the cut: the same for every cut tried
    low, high = max(start, cut - reach), min(end, cut + reach)

    def score(k: int) -> float:
        return model.log_likelihood(line[low:k] + after[:model.order]) \
            + model.log_likelihood(before[-model.order:] + line[k:high])

    def allowed(k: int) -> bool:
        a, b = line[start:k], line[k:end]
        return bool(a and b and " " not in line[min(k, cut) - 1:max(k, cut) + 1] and not (a[-1].isascii() and a[-1].isalnum()
                    and b[0].isascii() and b[0].isalnum()) and (b[0] not in NO_LINE_START or is_bullet_start(b)) and not tagged(b)
                    and display_width(a) <= widths[left_col] + WIDTH_SLACK
                    and display_width(b) <= widths[right_col] + WIDTH_SLACK)

    here = score(cut)
    best = max((k for k in range(cut - SHIFT, cut + SHIFT + 1) if k != cut and start < k < end and allowed(k)),
               key=lambda k: (score(k), -abs(k - cut)), default=None)
    if best is None or score(best) - here < MARGIN:
        return None
    groups = list(reading.groups)
    groups[j], groups[j + 1] = (left_col, line[start:best]), (right_col, line[best:end])
    return replace(reading, groups=tuple(groups))
