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
much, the row is named in a warning. A row cut by a page break (its cells resumed) is left as the lattice read it.
"""

from __future__ import annotations

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
    if not block or block[-1] - block[0] + 1 != len(block):
        return None
    pairs = [seq[k] for k in block]
    if any(result.labels[i][p].resumed for i, p in pairs):
        return None
    pieces = [_piece(steps, result, i, p) for i, p in pairs]
    roles = [result.labels[i][p].role for i, p in pairs]
    paragraphs: list[Paragraph] = []
    for k, x in enumerate(pieces):
        if k == 0 or x.bullet or x.group or roles[k] != roles[k - 1]:
            paragraphs.append(Paragraph(k, x.text, x.bullet, x.group))
        else:
            last = paragraphs[-1]
            paragraphs[-1] = Paragraph(last.start, last.text + x.text, last.bullet, last.group)
    return _Row(span, pairs, paragraphs)


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


def _replay(steps, result, cols: Columns, row: _Row, roles: dict[tuple[int, int], int], implicit: bool) -> float:
    """What the lattice charges for the row read with ROLES for its results and plans pieces (inf: no such reading)."""
    s = State()
    total = 0.0
    for i in row.steps:
        step = steps[i]
        for p, x in enumerate(step.readings[result.readings[i]][0]):
            kept = result.labels[i][p]
            want = Label(roles.get((i, p), kept.role), kept.new_row, kept.resumed)
            best = None
            tried = _unfit_moves(s, cols, x, want) if i in result.unfit else moves(s, cols, x, step.brk, implicit)
            for s2, cost, label in tried:
                if label == want and (best is None or cost < best[1]):
                    best = (s2, cost)
            if best is None:
                return math.inf
            s, cost = best
            total += cost
    return total + row_end_cost(s, cols)


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
        return math.log(1 + total / df[g])

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
    usable = [k for k, para in enumerate(paras) if not para.group]
    pairs = distinctive_pairs([paras[k].text for k in usable], _grams, weight)
    if not pairs:
        return None
    pairs = [(usable[i], usable[j], m) for i, j, m in pairs]
    first = cols.order[min(cols.order.index(RES), cols.order.index(PLN))]
    second = PLN if first == RES else RES
    labels = [result.labels[i][p].role for i, p in row.block]
    now = next((k for k, para in enumerate(paras) if labels[para.start] == second), len(paras))
    costs: dict[int, float] = {}
    for k in range(len(paras) + 1):
        if k != now and k < len(paras) and not paras[k].bullet:
            continue
        lattice = _replay(steps, result, cols, row, _roles(row, k, first, second), implicit)
        kept_apart = sum(m for i, j, m in pairs if i < k <= j)
        costs[k] = lattice + PARALLEL * (sum(m for _, _, m in pairs) - kept_apart)
    if math.isinf(costs.get(now, math.inf)):
        return None  # (the lattice's own reading cannot be replayed: nothing to weigh against)
    # A tie: the boundary that has the second column restate the first bullet for bullet, in order (its m-th
    # bullet the first's m-th), then the one least moved from the lattice's
    best = min(costs, key=lambda k: (round(costs[k], 6), sum(abs(j - i - k) for i, j, _ in pairs), abs(k - now)))
    runner = min((c for k, c in costs.items() if k != best), default=math.inf)
    moved, doubt = best != now, runner - costs[best] <= CLOSE
    if moved:
        _relabel(result, _roles(row, best, first, second))
    if not moved and not doubt:
        return None
    if best < len(paras):
        x = _piece(steps, result, *row.block[paras[best].start])
        what = f"the {_name(second)} were read from 「{x.text[:16]}…」 on"
    else:
        what = f"no {_name(second)} were read"
    message = (what + (f" (a bullet restating one of the {_name(first)} lies in the other column)" if moved else "")
               + (": the results and plans columns are as wide, and neither the wording nor the parallel "
                  "bullets tell for sure where the one ends and the other begins; check this row against the PDF"
                  if doubt else ""))
    return Repair(row.steps.start, moved, doubt, message)


def _roles(row: _Row, k: int, first: int, second: int) -> dict[tuple[int, int], int]:
    """Each results or plans piece of ROW its column, where the second column starts at paragraph K."""
    out = {}
    for n, para in enumerate(row.paragraphs):
        end = row.paragraphs[n + 1].start if n + 1 < len(row.paragraphs) else len(row.block)
        for q in range(para.start, end):
            out[row.block[q]] = first if n < k else second
    return out


def _name(role: int) -> str:
    return "results" if role == RES else "plans"


def _relabel(result, roles: dict[tuple[int, int], int]) -> None:
    """Give each piece its column in ROLES; a step the lattice had in doubt between its reading and the one now
    kept is in doubt the other way round."""
    new: dict[int, list[Label]] = {}
    for (i, p), role in roles.items():
        labels = new.setdefault(i, list(result.labels[i]))
        labels[p] = Label(role, labels[p].new_row, labels[p].resumed)
    for i, labels in new.items():
        if tuple(labels) == result.labels[i]:
            continue
        other = result.doubtful.get(i)
        if other is not None and tuple(other[0]) == tuple(labels):
            result.doubtful[i] = (result.labels[i], result.readings[i])
        result.labels[i] = tuple(labels)
