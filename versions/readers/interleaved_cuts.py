"""Glued cuts moved to where the text's own character statistics put them (the interleaved reader).

Where cells are set close, a column's full line and the next column's text print with no space between
them, and the reader cuts the piece where the column's full lines end (interleaved_groups._glue_cuts): by
width, which is off by a character now and then (latin letters, brackets and digits print at widths the
text does not tell). A line wrap does not break a text's character sequence, so the text tells the cut:
the right cut leaves the least likely neighbours at the cut (they belong to two columns), and the best
joins from the left part's end onto its column's NEXT line and from the right column's PREVIOUS line onto
the right part's start. Each cut tried is scored by the likelihood of the two columns' text around it (the
left part then its next line, the right column's line before then the right part) under a character
trigram model of the document's own cells as read (no outside corpus, no phrase lists); marks stand for a
cell's start and end and a paragraph after a short line, so a cut may also start a bullet 「・」 or a cell.

This is a repair after the reading, not a term of its cost: the neighbours are known only once every line
has its columns, and a move of a character or two changes no column's state (full, short) that the
reading's choices rest on. The widths' cut stays unless the text tells a better one clearly (MARGIN, and
MOVE_COST for each cell moved: a printed line is seldom more than a cell off its column's fill); a cut never
moves across a space, into a latin word, a ministry tag or before a mark that may not start a line, nor
past a width the columns cannot print. An office's line glued to the plans' is moved the same way: an office is
a name the table prints in several rows, whole where its lines print apart. Linear in the text: one count over
the cells, a few cuts per piece.
The lines keep their 'layout-glued' warning: the cut is still a judgement.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from ..model.normalize import display_width
from .interleaved_groups import WIDTH_SLACK, printed_widths, tagged
from .interleaved_latin import LATIN_END_RE, glued_head
from .interleaved_reading import Reading
from .vocabulary import NO_LINE_START, is_bullet_start

SHIFT = 3  # characters a cut may move either way (latin letters print up to a third of a cell wider each)
MOVE_COST = 1.0  # nats a cut loses for each cell it moves from where the widths put it
LEFT_OUT = 1  # characters left out of the counts on each side of a glued cut (its neighbours in two columns)
UNLIKE_WIDTH = 3.0  # nats: a paragraph ending on a full line, or a sentence going on after a short line
# nats a moved cut must gain over the widths' cut: weaker evidence keeps the cut as it is (half a nat: 「…（以下の」
# 「を含むテーマ…」 gains less than one over 「…（以下のを」 「含むテーマ…」, the joins 「のを」 and 「野含」 both rare)
MARGIN = 0.5
ITEM_END_RE = re.compile(r"[①-⑳]$")  # an item's number ends no cell's part: it starts its item (「…喫」 「①日常…」)
# Marks (private-use characters) of where a column's cell starts and ends and where a paragraph starts after a
# short line: a cell's first characters (「・」 in results and plans, a title in descriptions) and a bullet after a
# paragraph are counted as the text goes on, and weighed so where a cut starts or ends a cell or a paragraph.
CELL_START, CELL_END, PARAGRAPH = 0xE000, 0xE010, 0xE020
DISCOUNT = 0.75  # absolute discounting of the n-gram counts (interpolated with the shorter contexts')
ORDER = 3  # characters in an n-gram: a character weighed given the two before it
# A space inside a cell (「…ルールインテリジェンス機能 を構築する。」, 「…強靱化事業　令和6年度予算…」: the report's own text
# holds it) parts a column's line where the next column's text is glued to its last characters (「…機能 をラム医療機器
# 」…」): up to SPACED_HEAD characters after a space between two columns' groups are tried back in the left column's
# line, where the n-grams tell it by far (SPACED_MARGIN, nats: a space parts two columns far more often than a cell's
# own words), both the right column's join alone and the whole (「…匿名加工医療情報」 then 「等の利活用…」 joins a little
# worse than 「の利活用…」, but 「…次世代医療基盤法 等」 then 「に基づく…」 much worse than 「…基盤法」 then 「に基づく…」)
SPACED_HEAD = 2
SPACED_MARGIN = 3.0
LATIN_SLACK = 2.0  # cells a line ending in latin words may print past the column's measured width (wider glyphs)


class CharModel:
    """A smoothed character n-gram model of the document's text: P(c | the ORDER - 1 characters before),
    by interpolated absolute discounting down to the characters' counts (add-one)."""

    def __init__(self, texts: list[str], order: int = ORDER) -> None:
        self.order = order
        self.grams: Counter[str] = Counter()  # n-grams of every length 1..ORDER
        self.follow: Counter[str] = Counter()  # context -> n-grams it starts
        self.kinds: Counter[str] = Counter()  # context -> distinct characters after it
        for n in range(1, order + 1):  # (counted in one pass per length; contexts from the distinct n-grams)
            self.grams.update(text[k:k + n] for text in texts for k in range(len(text) - n + 1))
        for gram, count in self.grams.items():
            self.follow[gram[:-1]] += count
            self.kinds[gram[:-1]] += 1
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


def _glued(spans: list[tuple[int, int]]) -> list[int]:
    """The indexes j of a line's groups (at SPANS) that end where group j + 1 starts with no space between them."""
    return [j for j in range(len(spans) - 1) if spans[j][1] == spans[j + 1][0]]


def _spaced(spans: list[tuple[int, int]], reading: Reading, widths: tuple[float, ...]) -> list[int]:
    """The indexes j of READING's groups (at SPANS) that end one space before group j + 1 starts, where the left
    column's line could take the right group's first character (no wider than the column prints, no sentence's or
    tag's end)."""
    groups = reading.groups
    return [j for j in range(len(spans) - 1) if spans[j][1] + 1 == spans[j + 1][0]
            and not tagged(groups[j][1]) and not groups[j][1].endswith("。") and len(groups[j + 1][1]) > SPACED_HEAD
            and display_width(groups[j][1]) + 0.5 + display_width(groups[j + 1][1][0]) <= widths[groups[j][0]] + WIDTH_SLACK]


def repair_cuts(lines: list[str], readings: list[Reading], kinds: list[str], pieces: Callable[[str], list[str]],
                widths: tuple[float, ...], fulls: tuple[float, ...]) -> tuple[list[Reading], set[int]]:
    """READINGS with each glued cut moved to where the text's n-grams put it, and a column's last characters after
    a space of its cell's own taken back from the next column's text (SPACED_HEAD); and the lines whose cut moved.
    WIDTHS: the widest each column prints; FULLS: the narrowest a full line of each prints (a line short of it
    ends a paragraph)."""
    joined = [" ".join(pieces(x)) if kind == "text" else "" for x, kind in zip(lines, kinds, strict=True)]
    spans = {i: at for i, kind in enumerate(kinds) if kind == "text" and (at := _spans(joined[i], readings[i]))}
    glued = {i: js for i, at in spans.items() if (js := _glued(at))}
    spaced = {i: js for i, at in spans.items() if (js := _spaced(at, readings[i], widths))}
    heads = {i: js for i, at in spans.items() if (js := latin_heads(at, readings[i]))}
    if not glued and not spaced and not heads:
        return readings, set()
    model = CharModel(_cell_texts(readings, glued, fulls))
    out = list(readings)
    moved: set[int] = set()
    moves = ((glued, lambda i, j: _best_cut(i, j, joined[i], out, widths, fulls, model)),
             (spaced, lambda i, j: _spaced_move(i, j, out, widths, fulls, model)),
             (heads, lambda i, j: latin_head_move(i, j, out, widths, fulls, model)))
    for found, move in moves:  # every glued cut first, then the spaced, then the latin heads, as they were found
        for i in sorted(found):
            for j in found[i]:
                better = move(i, j)
                if better is not None:
                    out[i] = better
                    moved.add(i)
    return out, moved


def _mark(kind: int, column: int) -> str:
    return chr(kind + column)


def _joined_after(text: str, column: int, fulls: tuple[float, ...]) -> str:
    """What the next line of COLUMN joins onto after its line TEXT: the text, or a paragraph's mark after a
    short line."""
    return text if printed_widths(text)[-1] >= fulls[column] else _mark(PARAGRAPH, column)


def _cell_texts(readings: list[Reading], glued: dict[int, list[int]], fulls: tuple[float, ...]) -> list[str]:
    """The document's text for the counts: each cell as the reading gives it, its lines joined (a line wrap
    does not break the text), a mark where it starts, ends and where a paragraph starts after a short line.
    The characters a glued cut may move between are left out, the text parted there, so that no cut is its
    own evidence."""
    out: list[str] = []
    cells: dict[int, list[str]] = {}  # column -> the open cell's segments
    last: dict[int, str] = {}  # column -> the open cell's last line

    def close() -> None:
        for column, segments in cells.items():
            segments[-1] += _mark(CELL_END, column)
            out.extend(x for segment in segments for x in segment.split(" ") if x)
        cells.clear()
        last.clear()

    for i, reading in enumerate(readings):
        if not reading.groups:
            continue
        if reading.new_row:
            close()
        cuts = glued.get(i, [])
        for j, (column, text) in enumerate(reading.groups):
            segments = cells.setdefault(column, [_mark(CELL_START, column)])
            if column in last and _joined_after(last[column], column, fulls) != last[column]:
                segments[-1] += _mark(PARAGRAPH, column)
            last[column] = text
            if j - 1 in cuts:  # (its start is a glued cut's right side)
                segments.append("")
                text = text[LEFT_OUT:]
            if j in cuts:
                segments[-1] += text[: max(len(text) - LEFT_OUT, 0)]
                segments.append("")
            else:
                segments[-1] += text
    close()
    return out


def _neighbour(readings: list[Reading], i: int, column: int, step: int) -> str | None:
    """The text of COLUMN on the nearest line before (STEP -1) or after (STEP 1) line I in the same row; None
    where the column holds no text there or a row starts between."""
    k = i + step
    while 0 <= k < len(readings):
        if step < 0 and readings[k + 1].new_row and readings[k + 1].groups:
            return None  # line k + 1 started the row
        reading = readings[k]
        if reading.groups:
            if step > 0 and reading.new_row:
                return None
            return next((t for c, t in reading.groups if c == column), None)
        k += step
    return None


def joins(readings: list[Reading], i: int, j: int, fulls: tuple[float, ...]
          ) -> tuple[str, tuple[tuple[str, float], ...]]:
    """What the two sides of the cut after group J of line I join onto: the left column's next line (or the
    mark of its cell's end), and what the right part may follow, each at a cost: the right column's line
    before, or a paragraph's start after it (the likelier after a short line; yet the width does not always
    tell: a character carried down leaves a full line a cell short), or the mark of its cell's start."""
    left, right = readings[i].groups[j][0], readings[i].groups[j + 1][0]
    after = _neighbour(readings, i, left, 1) or _mark(CELL_END, left)
    before = _neighbour(readings, i, right, -1)
    if before is None:
        return after, ((_mark(CELL_START, right), 0.0),)
    short = _joined_after(before, right, fulls) != before
    return after, ((before, UNLIKE_WIDTH if short else 0.0), (_mark(PARAGRAPH, right), 0.0 if short else UNLIKE_WIDTH))


def _best_cut(i: int, j: int, line: str, readings: list[Reading], widths: tuple[float, ...],
              fulls: tuple[float, ...], model: CharModel) -> Reading | None:
    """Line I's reading with the cut between its groups J and J + 1 moved, where the n-grams tell a better
    cut clearly; None where they do not."""
    reading = readings[i]
    spans = _spans(line, reading)
    if spans is None:
        return None
    (left_col, left), right_col = reading.groups[j], reading.groups[j + 1][0]
    if tagged(left):
        # (a tag is where a cut belongs; an office's line glued to the plans' is cut as any other: its name is
        # printed whole in other rows, so the counts tell 「…推進」 「事務局」 from 「…推進」 「報事務局」)
        return None
    after, befores = joins(readings, i, j, fulls)
    start, end = spans[j][0], spans[j + 1][1]
    cut = spans[j][1]

    reach = SHIFT + model.order  # characters weighed on each side of the cut: the same for every cut tried
    low, high = max(start, cut - reach), min(end, cut + reach)

    def score(k: int) -> float:  # (the right part's characters only, after the likelier of what it follows)
        return model.log_likelihood(line[low:k] + after[:model.order]) + max(
            model.log_likelihood(x + line[k:high]) - model.log_likelihood(x) - cost
            for x, cost in ((b[-model.order + 1:], cost) for b, cost in befores))

    def allowed(k: int) -> bool:
        a, b = line[start:k], line[k:end]
        return bool(a and b and " " not in line[min(k, cut) - 1:max(k, cut) + 1] and not (a[-1].isascii() and a[-1].isalnum()
                    and b[0].isascii() and b[0].isalnum()) and (b[0] not in NO_LINE_START or is_bullet_start(b)) and not tagged(b)
                    and not ITEM_END_RE.search(a)
                    and display_width(a) <= widths[left_col] + WIDTH_SLACK
                    and display_width(b) <= widths[right_col] + WIDTH_SLACK)

    def gain(k: int) -> float:  # (the widths' cut is seldom more than a cell off)
        return score(k) - here - MOVE_COST * display_width(line[min(k, cut):max(k, cut)])

    here = score(cut)
    best = max((k for k in range(cut - SHIFT, cut + SHIFT + 1) if k != cut and start < k < end and allowed(k)),
               key=lambda k: (gain(k), -abs(k - cut)), default=None)
    if best is None or gain(best) < MARGIN:
        return None
    groups = list(reading.groups)
    groups[j], groups[j + 1] = (left_col, line[start:best]), (right_col, line[best:end])
    return replace(reading, groups=tuple(groups))


def _spaced_move(i: int, j: int, readings: list[Reading], widths: tuple[float, ...], fulls: tuple[float, ...],
                 model: CharModel) -> Reading | None:
    """Line I's reading with the first characters of its group J + 1 (after a space) given to group J, where the
    n-grams tell it by far (SPACED_MARGIN): the right column's line before joins much better onto the rest than onto
    those characters (「…家庭用プログ」 then 「ラム医療機器」, not 「をラム…」), and so does the whole, the left column's
    line then its next line weighed too (MOVE_COST for each cell moved); None where they do not."""
    reading = readings[i]
    (left_col, left), (right_col, right) = reading.groups[j], reading.groups[j + 1]
    after, befores = joins(readings, i, j, fulls)
    before = befores[0][0][-model.order + 1:]  # (the right column's line before, or the mark of its cell's start)
    reach = SHIFT + model.order  # characters weighed on each side: the same for every move tried
    here = model.log_likelihood(before + right[:reach])
    told = {h: model.log_likelihood(before + right[h:reach]) - here for h in range(1, SPACED_HEAD + 1)}
    told = {h: gain for h, gain in told.items() if gain >= SPACED_MARGIN}
    if not told:
        return None
    tail = left[-reach:]

    def allowed(h: int) -> bool:
        head, rest = right[:h], right[h:]
        return " " not in right[:h + 1] and not any(ch.isascii() or ch in NO_LINE_START + "・［（(「『" for ch in head) \
            and not ITEM_END_RE.search(head) and (rest[0] not in NO_LINE_START or is_bullet_start(rest)) and not tagged(rest) \
            and display_width(left) + 0.5 + display_width(head) <= widths[left_col] + WIDTH_SLACK

    kept = model.log_likelihood(tail + after[:model.order])
    gains = {h: gain + model.log_likelihood(tail + right[:h] + after[:model.order]) - kept - MOVE_COST * display_width(right[:h])
             for h, gain in told.items() if allowed(h)}
    best = max(gains, key=lambda h: (gains[h], -h), default=None)
    if best is None or gains[best] < SPACED_MARGIN:
        return None
    groups = list(reading.groups)
    groups[j], groups[j + 1] = (left_col, left + " " + right[:best]), (right_col, right[best:])
    return replace(reading, groups=tuple(groups))


def latin_heads(spans: list[tuple[int, int]], reading: Reading) -> list[int]:
    """The indexes j of READING's groups (at SPANS) one space before group j + 1, which opens with a latin word glued
    to the text after it (interleaved_latin.glued_head)."""
    groups = reading.groups
    return [j for j in range(len(spans) - 1) if spans[j][1] + 1 == spans[j + 1][0]
            and glued_head(groups[j][1], groups[j + 1][1]) and not tagged(groups[j][1])]


def latin_head_move(i: int, j: int, readings: list[Reading], widths: tuple[float, ...], fulls: tuple[float, ...],
                    model: CharModel) -> Reading | None:
    """Line I's reading with the latin word opening its group J + 1 (and up to SHIFT characters after it) given to
    group J, where the n-grams tell it by far (SPACED_MARGIN, MOVE_COST for each cell moved): a space between latin
    words is as often inside a cell as between two cells, and a latin word glued to the next column's text ends its
    cell's line (「…対面でのThink」 「Tank的に貢献していく。」: the plans' line before, 「…議論に積極」, joins 「的に」 far
    better than 「Tank」); the cut after the word is then placed as a glued cut is (「Inc.社の」 「指す…」 after the
    plans' 「…取得等を目」). A number glued to a word is cut there (no number of the report runs into a word). None
    where the n-grams do not tell it, or where the right column's line before ends in a latin word (「…「Brain
    Computer」 then 「Interface利用機器」…」 goes on it, over a space the n-grams do not count)."""
    reading = readings[i]
    (left_col, left), (right_col, right) = reading.groups[j], reading.groups[j + 1]
    head = glued_head(left, right)
    after, befores = joins(readings, i, j, fulls)

    def allowed(h: int) -> bool:
        rest = right[h:]
        return bool(rest) and " " not in right[:h + 1] and (h == head or not (right[h - 1].isascii() and rest[0].isascii())) \
            and (rest[0] not in NO_LINE_START or is_bullet_start(rest)) and not tagged(rest) \
            and display_width(left) + 0.5 + display_width(right[:h]) <= widths[left_col] + WIDTH_SLACK + LATIN_SLACK

    if head and right[:head].isdigit() and right[head].isupper():
        best = head if allowed(head) else None
    elif head and not LATIN_END_RE.search(befores[0][0]):
        before = befores[0][0][-model.order + 1:]
        reach = head + SHIFT + model.order
        here = model.log_likelihood(before + right[:reach])
        tail = left[-model.order + 1:]
        kept = model.log_likelihood(tail + after[:model.order]) - model.log_likelihood(tail)  # (the left's join as it is)
        gains = {h: model.log_likelihood(before + right[h:reach]) - here
                 + model.log_likelihood(right[head - 1:h] + after[:model.order]) - model.log_likelihood(right[head - 1:h])
                 - kept - MOVE_COST * display_width(right[:h])
                 for h in range(head, min(head + SHIFT, len(right) - 1) + 1) if allowed(h)}
        best = max(gains, key=lambda h: (gains[h], -h), default=None)
        best = best if best is not None and gains[best] >= SPACED_MARGIN else None
    else:
        best = None
    if best is None:
        return None
    groups = list(reading.groups)
    groups[j], groups[j + 1] = (left_col, left + " " + right[:best]), (right_col, right[best:])
    return replace(reading, groups=tuple(groups))
