"""The dense reader's second look at where a row's results end and its plans begin, from the report's parallelism.

Where the two columns are as wide as each other, the widths cannot tell which bullets are results and which are
plans, and the wording often cannot either: a result reported in a noun (「…を措置。」) reads as a plan, a plan
with no 「。」 as anything. But the report states its plans in parallel with its results: a plan bullet often
restates a result bullet of its row (results 「・令和6年度補正予算「デジタルヘルスケア…」（9.2億円）を措置。」 / plans
「・令和7年度補正予算「デジタルヘルスケア…」（8.5億円）を通じて…を実施。」). Two bullets that restate each other lie
in different columns, so the boundary falls between them.

What restates what is told by the character 4-grams two bullets share, each weighed by how rare it is among
the text's bullets (a program named in two bullets of a row says more than 「において」 does). A pair counts only
where it is DISTINCTIVE: the two are far more alike than either is to any other bullet of the row (a list of
bullets cut from one template, 「・…事業において２件の課題を採択」, says nothing about the columns).

Each boundary at a bullet's start is then costed as the lattice costs it (every line of the row read again
under its labels: widths, wording, budgets' years, a missing cell) plus, for each distinctive pair it leaves in
one column, PARALLEL times the pair's margin; the cheapest is kept (of equal ones, the one that has the second
column restate the first in order, then the one nearest the lattice's). Where another boundary costs about as
much, the row is named in a warning. A row cut by a page break prints its results and plans in two runs, one
each side of the break, each the first column's bullets, then the second's: each run has its boundary, the
plans restating the results across the break too (a row cut twice is left as the lattice read it).
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from .dense_costs import CELL_NO_BULLET, UNFIT
from .dense_lattice import moves, unfit_move
from .dense_pieces import Piece
from .dense_roles import PLN, RES, Columns, Label, State, enter
from .dense_rows import row_end_cost

GRAM = 4  # characters: a shorter gram is shared by any two sentences of the report, a longer one breaks on 6 / 7
# Punctuation, brackets and bullets say nothing of a bullet's content; digits differ between a result and the
# plan restating it (「令和6年度補正予算…（9.2億円）」 / 「令和7年度補正予算…（8.5億円）」)
NOISE_RE = re.compile(r"[\s・、。，．「」『』｢｣（）()［］【】：:0-9]")
MIN_SIMILAR = 0.45  # a pair sharing less of its weighed 4-grams than this restates nothing
MIN_MARGIN = 0.2  # ... and one no more alike than to another bullet of the row is no evidence either
PARALLEL = 3.0  # the cost of a distinctive pair (at margin 1) left in one column: more than the wording's
# evidence of one sentence's ending (dense_costs.TENSE 1.5), less than a line that does not fit (UNFIT 8)
CLOSE = 1.0  # another boundary this close in cost: the row is named
MAX_PARAGRAPHS = 40  # bullets in a row's results and plans looked at (the report's longest row holds 24): the
# pairs cost the square of their number and the boundaries their product with the row's lines, so a row beyond
# this (a text whose rows the reader could not part) is left as read, and the reader stays linear
MAX_RUNS = 2  # runs of a row's results and plans looked at: one page break (a row cut twice is left as read)
SAME_WIDTH = 2.0  # columns this close in width are told apart by words (dense_search.SAME_WIDTH)


@dataclass(frozen=True)
class Paragraph:
    start: int  # index of its first piece in the row's block
    text: str
    bullet: bool  # starts with a bullet (a boundary may fall before it)
    group: bool  # a group heading in brackets alone 「（アジア健康構想）」: restates the bullets it heads


def _content(text: str) -> str:
    return NOISE_RE.sub("", unicodedata.normalize("NFKC", text))


def _grams(text: str) -> set[str]:
    t = _content(text)
    return {t[i:i + GRAM] for i in range(len(t) - GRAM + 1)}


def applies(cols: Columns) -> bool:
    """Do the results and plans print side by side at widths the lines cannot tell apart?"""
    if RES not in cols.order or PLN not in cols.order:
        return False
    return abs(cols.order.index(RES) - cols.order.index(PLN)) == 1 and abs(cols.widths[RES] - cols.widths[PLN]) <= SAME_WIDTH


@dataclass
class _Row:
    steps: range
    block: list[tuple[int, int]]  # (step, piece) of each results or plans piece, in print order
    paragraphs: list[Paragraph]
    runs: list[range]  # the paragraphs of each run of pieces: two where a page break cut the row


def _rows(steps, result, cols: Columns) -> list[_Row]:
    """Each row whose results and plans are one run of pieces (no page break resumed inside it)."""
    out: list[_Row] = []
    start = None
    for i in range(len(steps) + 1):
        ends = i == len(steps) or steps[i].heading or (result.labels[i] and result.labels[i][0].new_row)
        if ends and start is not None:
            row = _row(steps, result, range(start, i))
            if row is not None:
                out.append(row)
            start = None
        if i < len(steps) and not steps[i].heading and result.labels[i] and result.labels[i][0].new_row:
            start = i
    return out


def _row(steps, result, span: range) -> _Row | None:
    seq = [(i, p) for i in span for p in range(len(result.labels[i]))]
    block = [k for k, (i, p) in enumerate(seq) if result.labels[i][p].role in (RES, PLN)]
    if not block:
        return None
    pairs = [seq[k] for k in block]
    # (a run of pieces ends where other cells' lines, or a page break, part it from the next: the row's cells
    # go on in order after the break, so each run holds the first column's pieces, then the second's)
    opens = [k for k in range(len(block)) if k == 0 or block[k] != block[k - 1] + 1
             or result.labels[pairs[k][0]][pairs[k][1]].resumed or (pairs[k][1] == 0 and steps[pairs[k][0]].brk)]
    cut = any(steps[i].brk or any(label.resumed for label in result.labels[i]) for i in span)
    if len(opens) > (MAX_RUNS if cut else 1):
        return None
    pieces = [_piece(steps, result, i, p) for i, p in pairs]
    roles = [result.labels[i][p].role for i, p in pairs]
    paragraphs: list[Paragraph] = []
    starts: list[int] = []
    for k, x in enumerate(pieces):
        if k in opens:
            starts.append(len(paragraphs))
        if k in opens or x.bullet or x.group or roles[k] != roles[k - 1]:
            paragraphs.append(Paragraph(k, x.text, x.bullet, x.group))
        else:
            last = paragraphs[-1]
            paragraphs[-1] = Paragraph(last.start, last.text + x.text, last.bullet, last.group)
    runs = [range(a, b) for a, b in zip(starts, [*starts[1:], len(paragraphs)], strict=True)]
    return _Row(span, pairs, paragraphs, runs)


def _piece(steps, result, i: int, p: int) -> Piece:
    return steps[i].readings[result.readings[i]][0][p]


def _weights(rows: list[_Row]) -> Counter:
    """How many paragraphs of the text each 4-gram is in (the rarer, the more a shared one says)."""
    df: Counter = Counter()
    for row in rows:
        for para in row.paragraphs:
            df.update(_grams(para.text))
    return df


def _similarity(a: set[str], b: set[str], weight) -> float:
    """The weighed share of the longer one's 4-grams that the two share (a short bullet inside a long one,
    「（対応済み）」, restates nothing); 0 for the same words twice, a list's repeated item (「・…事業において２件
    の課題を採択」 / 「・…事業において１件の課題を採択」), never a restatement: a plan rewrites what it restates."""
    if not a or not b or a == b:
        return 0.0
    # (fsum: a set's order changes with the hash seed, a float sum's last bits with the order)
    shared = math.fsum(weight(g) for g in a & b)
    return shared / max(math.fsum(weight(g) for g in a), math.fsum(weight(g) for g in b))


def distinctive_pairs(texts: list[str], grams_of, weight) -> list[tuple[int, int, float]]:
    """(i, j, margin) for each pair i < j of TEXTS that restate each other and no other text as much."""
    grams = [grams_of(t) for t in texts]
    n = len(texts)
    sim = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            sim[i][j] = sim[j][i] = _similarity(grams[i], grams[j], weight)
    out = []
    for i in range(n):
        for j in range(i + 1, n):
            if sim[i][j] < MIN_SIMILAR:
                continue
            rival = max([sim[i][k] for k in range(n) if k not in (i, j)]
                        + [sim[j][k] for k in range(n) if k not in (i, j)] + [0.0])
            if sim[i][j] - rival >= MIN_MARGIN:
                out.append((i, j, sim[i][j] - rival))
    return out


def _replay(steps, result, cols: Columns, row: _Row, roles: dict[tuple[int, int], int],
            implicit: bool) -> tuple[float, dict[tuple[int, int], Label]]:
    """What the lattice charges for the row read with ROLES for its results and plans pieces (inf: no such
    reading), and the label each of those pieces takes: the first after a page break goes on in its cell, or
    resumes the row's cells in order (its results after plans before the break), as is cheaper."""
    s = State()
    total = 0.0
    taken: dict[tuple[int, int], Label] = {}
    for i in row.steps:
        step = steps[i]
        for p, x in enumerate(step.readings[result.readings[i]][0]):
            kept = result.labels[i][p]
            want = Label(roles.get((i, p), kept.role), kept.new_row, kept.resumed)
            other = Label(want.role, want.new_row, not want.resumed) if (i, p) in roles and p == 0 and step.brk \
                else want
            best = None
            tried = _unfit_moves(s, cols, x, want) if i in result.unfit else moves(s, cols, x, step.brk, implicit)
            for s2, cost, label in tried:
                if label in (want, other) and (best is None or cost < best[1]):
                    best = (s2, cost, label)
            if best is None:
                return math.inf, taken
            s, cost, label = best
            total += cost
            if (i, p) in roles:
                taken[(i, p)] = label
    return total + row_end_cost(s, cols), taken


def _unfit_moves(s: State, cols: Columns, x: Piece, want: Label):
    """A line wider than any column (the lattice has it go on in the cell before, at a price): where results and
    plans are as wide, it is as unfit for the one as for the other, so it may open the second at that price too."""
    yield unfit_move(s, cols, x)
    if s.cur in (RES, PLN) and want.role in (RES, PLN) and want.role != s.cur and not want.new_row \
            and cols.cell(want.role) == cols.cell(s.cur) + 1 and not s.status[cols.cell(want.role)]:
        yield enter(s, cols, x, want.role), UNFIT + (0.0 if x.bullet else CELL_NO_BULLET), want


@dataclass(frozen=True)
class Repair:
    """A row whose boundary the parallelism moved, or that it leaves in doubt."""

    step: int  # the row's first step
    moved: bool
    doubt: bool  # another boundary costs about as much: the row is named
    message: str


def repair(steps, result, cols: Columns, implicit: bool) -> list[Repair]:
    """Move each row's results/plans boundary where the parallel bullets say so; change RESULT's labels in place."""
    if not applies(cols):
        return []
    rows = _rows(steps, result, cols)
    df = _weights(rows)
    total = sum(len(r.paragraphs) for r in rows) or 1

    def weight(g: str) -> float:
        return math.log(1 + total / max(df[g], 1))  # (a gram across a page break's cut is in no paragraph)

    out = []
    for row in rows:
        fixed = _repair_row(steps, result, cols, row, implicit, weight)
        if fixed is not None:
            out.append(fixed)
    return out


def _repair_row(steps, result, cols: Columns, row: _Row, implicit: bool, weight) -> Repair | None:
    paras = row.paragraphs
    if len(paras) > MAX_PARAGRAPHS:
        return None
    first = cols.order[min(cols.order.index(RES), cols.order.index(PLN))]
    second = PLN if first == RES else RES
    labels = [result.labels[i][p].role for i, p in row.block]
    texts = _whole(row, labels)
    usable = [k for k, para in enumerate(paras) if not para.group and texts[k]]
    pairs = distinctive_pairs([texts[k] for k in usable], _grams, weight)
    if not pairs:
        return None
    pairs = [(usable[i], usable[j], m) for i, j, m in pairs]
    now = tuple(next((k for k in run if labels[paras[k].start] == second), run.stop) for run in row.runs)
    costs: dict[tuple[int, ...], float] = {}
    taken: dict[tuple[int, ...], dict[tuple[int, int], Label]] = {}
    # (a boundary per run: before a bullet, at the run's end, or where the lattice has it)
    for ks in itertools.product(*([k for k in range(run.start, run.stop + 1)
                                   if k == now[r] or k == run.stop or paras[k].bullet]
                                  for r, run in enumerate(row.runs))):
        lattice, taken[ks] = _replay(steps, result, cols, row, _roles(row, ks, first, second), implicit)
        kept_apart = sum(m for i, j, m in pairs if _in_second(row, ks, i) != _in_second(row, ks, j))
        costs[ks] = lattice + PARALLEL * (sum(m for _, _, m in pairs) - kept_apart)
    if math.isinf(costs.get(now, math.inf)):
        return None  # (the lattice's own reading cannot be replayed: nothing to weigh against)
    # A tie: the boundary that has the second column restate the first bullet for bullet, in order (its m-th
    # bullet the first's m-th), then the one least moved from the lattice's
    best = min(costs, key=lambda ks: (round(costs[ks], 6), _out_of_order(row, ks, pairs),
                                      sum(abs(k - n) for k, n in zip(ks, now, strict=True))))
    runner = min((c for ks, c in costs.items() if ks != best), default=math.inf)
    moved, doubt = best != now, runner - costs[best] <= CLOSE
    if moved:
        _relabel(result, taken[best])
    if not moved and not doubt:
        return None
    r = next((r for r, (k, n) in enumerate(zip(best, now, strict=True)) if k != n), len(best) - 1)
    k = best[r] if best[r] < row.runs[r].stop else next((n for n in range(len(paras)) if _in_second(row, best, n)), None)
    if k is not None:
        x = _piece(steps, result, *row.block[paras[k].start])
        what = f"the {_name(second)} were read from 「{x.text[:16]}…」 on"
    else:
        what = f"no {_name(second)} were read"
    message = (what + (f" (a bullet restating one of the {_name(first)} lies in the other column)" if moved else "")
               + (": the results and plans columns are as wide, and neither the wording nor the parallel "
                  "bullets tell for sure where the one ends and the other begins; check this row against the PDF"
                  if doubt else ""))
    return Repair(row.steps.start, moved, doubt, message)


def _whole(row: _Row, labels: list[int]) -> list[str]:
    """Each paragraph's text, a bullet cut by a page break whole again: the lines a run opens with, no bullet
    of their own, go on the last paragraph of their column before the break ('' in their place)."""
    texts = [para.text for para in row.paragraphs]
    for run in row.runs[1:]:
        k = run.start
        role = labels[row.paragraphs[k].start]
        before = [n for n in range(k) if labels[row.paragraphs[n].start] == role]
        if not row.paragraphs[k].bullet and before:
            texts[before[-1]] += texts[k]
            texts[k] = ""
    return texts


def _in_second(row: _Row, ks: tuple[int, ...], n: int) -> bool:
    """Is paragraph N in the second column, where each run's second column starts at its paragraph in KS?"""
    return n >= next(k for run, k in zip(row.runs, ks, strict=True) if n in run)


def _out_of_order(row: _Row, ks: tuple[int, ...], pairs: list[tuple[int, int, float]]) -> int:
    """How far the second column's bullets are from restating the first's in order (its m-th the first's m-th):
    in a row cut by a page break, each bullet's place counted in its own column."""
    if len(row.runs) == 1:
        return sum(abs(j - i - ks[0]) for i, j, _ in pairs)
    side = [_in_second(row, ks, n) for n in range(len(row.paragraphs))]
    place = [sum(1 for m in range(n) if side[m] == side[n]) for n in range(len(side))]
    return sum(abs(place[i] - place[j]) for i, j, _ in pairs)


def _roles(row: _Row, ks: tuple[int, ...], first: int, second: int) -> dict[tuple[int, int], int]:
    """Each results or plans piece of ROW its column, where each run's second column starts at its paragraph in KS."""
    out = {}
    for n, para in enumerate(row.paragraphs):
        end = row.paragraphs[n + 1].start if n + 1 < len(row.paragraphs) else len(row.block)
        for q in range(para.start, end):
            out[row.block[q]] = second if _in_second(row, ks, n) else first
    return out


def _name(role: int) -> str:
    return "results" if role == RES else "plans"


def _relabel(result, taken: dict[tuple[int, int], Label]) -> None:
    """Give each piece its label in TAKEN; a step the lattice had in doubt between its reading and the one now
    kept is in doubt the other way round."""
    new: dict[int, list[Label]] = {}
    for (i, p), label in taken.items():
        new.setdefault(i, list(result.labels[i]))[p] = label
    for i, labels in new.items():
        if tuple(labels) == result.labels[i]:
            continue
        other = result.doubtful.get(i)
        if other is not None and tuple(other[0]) == tuple(labels):
            result.doubtful[i] = (result.labels[i], result.readings[i])
        result.labels[i] = tuple(labels)
