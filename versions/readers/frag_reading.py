"""Which column each of pdfminer's one-line boxes belongs to, and where the table's rows start and end.

pdfminer's layout analysis puts a table's lines into boxes; where the rows' lines are set far apart
(a leading of 1.6 and more) every box is one line, and the boxes come out in visual line order: each
visual line's pieces in column order (the description's, the results', the plans'), then the next
visual line's. A column with nothing on a visual line prints no piece. It is pdfplumber's interleaved
shape with the line grouping lost: which pieces share a visual line is not printed.

What gives it back is how a table's cells sit: cells are top-aligned and their lines consecutive, so
within a row every visual line holds one piece of each column still open, in column order, and a column
that has printed its cell's last line is done for the row (a page break aside, where a cell may stop a
line early and go on after the page's header). A row is so told by its open columns, visual line by
visual line; which columns close after a line is the only choice. The evidence weighs the choices:
- a piece wider than its column's full width cannot be in it; a column's lines but a paragraph's last
  are about its full width (FULL_MARGIN);
- a short line ends a paragraph: what follows in that column opens a new one (a bullet 「・」, an item);
- a description ends with its ministry tag ［…］; a results or plans cell ends a sentence (「。」);
- a results or plans cell opens with a bullet.
A dynamic program over (piece, open columns, the row's columns) finds the cheapest reading (Viterbi: a
few states per piece, linear in the text). What it decides from weak evidence is returned with each
row, for the reader to warn about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

from .frag_blocks import block_steps, parted
from .frag_costs import HEADING_INSIDE, INF, OVERRUN, Piece, end_cost, fit_cost, goes_on_cost, join_cost
from .geometry import DESCRIPTION, OFFICE

__all__ = ["DOUBT", "INF", "OVERRUN", "Piece", "ReadRow", "Reading", "read_pieces"]

OFFICE_LINES = 3  # the most lines a 担当 cell prints
OFFICE_BLOCK = 0.5  # a 担当 cell printed as a block, out of the lines' order
NO_OFFICE = 2.0  # a row without a 担当 cell, where the header names the column
TURNED = 1.0  # a row's first line printed with its description's piece last
REOPEN = 1.0  # a column done before a page break goes on after it
BLOCKS = 0.3  # the rest of a row's columns a closed column parts printed column by column (frag_blocks.py)
RIGHT_FIRST = 0.5  # the blocks printed right to left (a short right block sits higher than a long left one)
BLOCKS_SIDE = 1.0  # the same where they are neighbours (a column's lines set closer than the columns)
SHORT = 1.0  # a line leaving out the last open column, whose rest pdfminer prints as a block after the others'
ROW = 0.2  # every row: of two readings explaining the pieces equally, the one with fewer rows
DOUBT = 1.5  # a row whose own costs reach this was read from weak evidence: the reader names it


@dataclass
class ReadRow:
    """A row: for each column (index in print order) the indexes of its pieces, in order."""

    columns: dict[int, list[int]] = field(default_factory=dict)
    cost: float = 0.0
    doubts: list[str] = field(default_factory=list)


@dataclass
class Reading:
    items: list[ReadRow | int]  # rows, and the indexes of headings, in print order
    cost: float
    margins: dict[int, float] = field(default_factory=dict)  # piece: extra cost of its next likeliest column


def _mask(columns: tuple[int, ...]) -> int:
    return sum(1 << c for c in columns)


def _members(mask: int, k: int) -> tuple[int, ...]:
    return tuple(c for c in range(k) if mask >> c & 1)


def read_pieces(pieces: list[Piece], roles: tuple[str, ...], widths: tuple[float, ...], limit: int | None = None,
                margins: bool = False, pairs: frozenset[str] = frozenset(), blocks: bool = True) -> Reading:
    """The cheapest reading of PIECES (or of their first LIMIT) for columns ROLES (print order) of full
    WIDTHS; with MARGINS, each piece's doubt too: how little more the cheapest reading putting it in
    another column costs (a backward pass over the same steps). PAIRS: the two-character sequences the
    document prints within its lines: a word cut by a wrap joins into one of them. BLOCKS: a row's rest may
    print column by column (frag_blocks.py; the width search weighs widths without: thrice the states)."""
    graph = _Graph(pieces, roles, widths, len(pieces) if limit is None else min(limit, len(pieces)), pairs, blocks)
    best = graph.forward()
    reading = _trace(best, graph.n, graph.k, roles)
    if margins:
        reading.margins = graph.margins(best, reading)
    return reading


class _Graph:
    """The reading's steps: from (piece, state) to (piece, state), each with its cost. A state is (the
    columns open, the row's columns [| FRESH: the row's first line comes next])."""

    def __init__(self, pieces: list[Piece], roles: tuple[str, ...], widths: tuple[float, ...], n: int,
                 pairs: frozenset[str], blocks: bool = True) -> None:
        self.pieces, self.roles, self.widths, self.n, self.pairs = pieces, roles, widths, n, pairs
        self.blocks = blocks
        self.k = k = len(roles)
        self.fresh = 1 << k
        self.block = 1 << (k + 1)  # the row's rest is printed column by column (frag_blocks.py)
        self.right_first = 1 << (k + 2)  # ... the rightmost column's first
        self.members = [_members(m, k) for m in range(1 << k)]
        self.subsets = [_subsets(m, k) for m in range(1 << k)]
        self.desc = desc = roles.index(DESCRIPTION)
        self.starts = [m for m in range(1, 1 << k) if m >> desc & 1]
        self.office = 1 << roles.index(OFFICE) if OFFICE in roles else 0  # its bit
        self.cell = [x.kind == "cell" for x in pieces[:n]] + [False]
        self.fits: dict[tuple[int, int, bool], float] = {}
        self.ends: dict[tuple[int, int], float] = {}
        self.goes: dict[tuple[int, int, int], float] = {}

    def steps(self, p: int, state: tuple[int, int]):
        """(next piece, next state, cost, step) of every step from STATE before piece P."""
        open_, row = state
        piece, fresh, members = self.pieces[p], self.fresh, self.members
        office = self.office
        if office and row and not row & fresh and not row & office:
            yield from self._office_block(p, state)
        if open_ == 0 and row:  # a row done but for its office, printed after it or nowhere
            state, row = (0, 0), 0
            for p2, state2, cost, kind in self.steps(p, state):
                yield p2, state2, cost + NO_OFFICE, kind
            return
        if row & self.block:
            yield from block_steps(self, p, state)
            return
        if not self.cell[p]:
            if open_ == 0:
                yield p + 1, (0, 0), 0.0, piece.kind
            elif piece.kind == "heading":  # a heading printed before a row's last lines (pdfminer sorts a
                # box spanning the table before narrower ones a little higher): after the row
                yield p + 1, (open_, row & ~fresh), HEADING_INSIDE, "heading"
            elif piece.kind == "break":  # a row cut by a page break: columns done early may go on
                row &= ~fresh
                for extra in self.subsets[row & ~open_]:
                    yield p + 1, (open_ | extra, row), REOPEN * len(members[extra]), "break"
            return
        if open_ == 0:
            for m in self.starts:  # a row starts here: each set of its columns
                yield p, (m, m | fresh), ROW, "start"
            return
        first = bool(row & fresh)
        row &= ~fresh
        cols = members[open_]
        yield from self._line(p, open_, row, cols, first, "line")
        if self.blocks and not first and len(cols) > 2:  # the last open column's rest printed apart, after
            yield from self._line(p, open_, row, cols[:-1], first, "short")  # the line that closes another
        if first and len(cols) > 1 and cols[0] == self.desc:  # a row's first line, its description's piece
            # printed last (a title's box sorts after the short cells beside it: 「令和５年度に事業終了」)
            turned = cols[1:] + cols[:1]
            for p2, state2, cost, _ in self._line(p, open_, row, turned, first, "turned"):
                yield p2, state2, cost + TURNED, "turned"

    def _line(self, p: int, open_: int, row: int, cols: tuple[int, ...], first: bool, kind: str):
        members, office = self.members, self.office
        end = p + len(cols)
        if end > self.n or not all(self.cell[p:end]):
            return
        line = 0.0
        for i, c in enumerate(cols):
            key = (p + i, c, first)
            if key not in self.fits:
                self.fits[key] = fit_cost(self.pieces[p + i], self.roles[c], self.widths[c], first)
            line += self.fits[key]
        if line == INF:
            return
        for close in self.subsets[open_]:
            left = open_ & ~close
            if kind == "short" and (close >> members[open_][-1] & 1 or left == open_):
                continue  # (a short line: a column it prints closes, the one it leaves out goes on in a block)
            step = line
            for i, c in enumerate(cols):
                q = p + i
                if close >> c & 1:
                    if (q, c) not in self.ends:
                        self.ends[(q, c)] = end_cost(self.pieces[q], self.roles[c], self.widths[c])
                    step += self.ends[(q, c)]
                else:
                    nxt = end + members[left].index(c)
                    if (q, nxt, c) not in self.goes:
                        after = self.pieces[nxt] if nxt < self.n and all(self.cell[end:nxt + 1]) else None
                        cut = any(x.kind == "break" for x in self.pieces[end:min(nxt + 1, self.n)])
                        self.goes[(q, nxt, c)] = goes_on_cost(self.pieces[q], after, self.roles[c], self.widths[c], cut) \
                            + join_cost(self.pieces[q], after, self.pairs)
                    step += self.goes[(q, nxt, c)]
            if kind != "short":
                yield end, (left, row if left or (office and not row & office) else 0), step, kind
            rest = members[left]
            if self.blocks and left != open_ and len(rest) > 1 and not left & office:  # a column done: pdfminer
                # may group the others' rests apart and print them as blocks (an office: _office_block)
                cost = step + (BLOCKS if parted(rest) else BLOCKS_SIDE) + (SHORT if kind == "short" else 0.0)
                yield end, (left, row | self.block), cost, kind
                yield end, (left, row | self.block | self.right_first), cost + RIGHT_FIRST, kind

    def block_column(self, state: tuple[int, int]) -> int:
        """The column whose block is printed in STATE (block mode): the first open one, or the last."""
        cols = self.members[state[0]]
        return cols[-1] if state[1] & self.right_first else cols[0]

    def order(self, open_: int, kind: str) -> tuple[int, ...]:
        """The columns of a line step's pieces, in print order."""
        return _printed(self.members[open_], kind)

    def _office_block(self, p: int, state: tuple[int, int]):
        """A row's 担当 cell printed as a block of its own (its lines one after another, before or after
        the other columns' lines: pdfminer sorts the narrow column's box by its own top and left)."""
        open_, row = state
        c = self.roles.index(OFFICE)
        cost = 0.0
        for j in range(p, min(p + OFFICE_LINES, self.n)):
            if not self.cell[j]:
                return
            cost += fit_cost(self.pieces[j], OFFICE, self.widths[c], False)
            if cost == INF:
                return
            total = cost + OFFICE_BLOCK + end_cost(self.pieces[j], OFFICE, self.widths[c])
            yield j + 1, (open_, row | self.office) if open_ else (0, 0), total, "office"

    def forward(self) -> list[dict]:
        best: list[dict[tuple[int, int], tuple[float, tuple]]] = [dict() for _ in range(self.n + 1)]
        best[0][(0, 0)] = (0.0, ())
        for p in range(self.n):
            here = best[p]
            order = sorted(here, key=lambda s: s[0] != 0)  # (a row's start is a step within P)
            pending = list(order)
            while pending:
                state = pending.pop(0)
                cost = here[state][0]
                for p2, state2, step, kind in self.steps(p, state):
                    total = cost + step
                    old = best[p2].get(state2)
                    if old is None or total < old[0]:
                        best[p2][state2] = (total, (p, state, kind))
                        if p2 == p and state2 not in pending:
                            pending.append(state2)
        return best

    def margins(self, best: list[dict], reading: Reading) -> dict[int, float]:
        """For each piece the reading placed, how much more the cheapest reading placing it in another
        column costs (0: as cheap)."""
        n = self.n
        after: list[dict[tuple[int, int], float]] = [dict() for _ in range(n + 1)]
        after[n] = {s: 0.0 for s in best[n]} if (0, 0) not in best[n] else {(0, 0): 0.0}
        other: dict[tuple[int, int], float] = {}
        for p in range(n - 1, -1, -1):
            # a start's states before those between rows, a block's before those it is entered from
            states = sorted(best[p], key=lambda s: (s[0] == 0, not s[1] & self.block))
            for state in states:
                least = INF
                for p2, state2, step, kind in self.steps(p, state):
                    rest = after[p2].get(state2, INF)
                    total = step + rest
                    least = min(least, total)
                    if kind in ("line", "turned", "short", "block") and rest < INF:
                        whole = best[p][state][0] + total
                        cols = (self.block_column(state),) if kind == "block" else self.order(state[0], kind)
                        for i, c in enumerate(cols):
                            key = (p + i, c)
                            if whole < other.get(key, INF):
                                other[key] = whole
                after[p][state] = least
        placed = {q: c for item in reading.items if isinstance(item, ReadRow) for c, qs in item.columns.items()
                  for q in qs}
        out = {}
        for q, c in placed.items():
            alt = min((other.get((q, d), INF) for d in range(self.k) if d != c), default=INF)
            out[q] = max(0.0, alt - reading.cost)
        return out


def _subsets(mask: int, k: int) -> list[int]:
    members = _members(mask, k)
    return [_mask(combo) for r in range(len(members) + 1) for combo in combinations(members, r)]


def _printed(cols: tuple[int, ...], kind: str) -> tuple[int, ...]:
    """The open columns COLS as a line step of KIND prints their pieces: a row's description last ("turned"), or
    without the last open column ("short", its rest printed as a block)."""
    return cols[1:] + cols[:1] if kind == "turned" else cols[:-1] if kind == "short" else cols


def _trace(best: list[dict], n: int, k: int, roles: tuple[str, ...]) -> Reading:
    end = best[n]
    if not end:
        raise ValueError("no reading")
    # a reading may stop mid-row only where the pieces run out (a prefix): prefer one with every row done
    state = (0, 0) if (0, 0) in end else min(end, key=lambda s: end[s][0])
    total = end[state][0]
    items: list[ReadRow | int] = []
    p = n
    current: ReadRow | None = None
    while p > 0 or state != (0, 0):
        cost, back = best[p][state]
        if not back:
            break
        p0, state0, step = back
        prior = best[p0][state0][0]
        if step in ("line", "turned", "short"):
            if current is None:
                current = ReadRow()
            cols = _printed(_members(state0[0], k), step)
            for i, c in enumerate(cols):
                current.columns.setdefault(c, []).insert(0, p0 + i)
            current.cost += cost - prior
        elif step == "start":
            if current is not None:
                current.cost += cost - prior
                items.append(current)
            current = None
        elif step == "block":
            if current is None:
                current = ReadRow()
            cols = _members(state0[0], k)
            current.columns.setdefault(cols[-1] if state0[1] >> (k + 2) & 1 else cols[0], []).insert(0, p0)
            current.cost += cost - prior
        elif step == "blocks" and current is not None:
            current.cost += cost - prior
        elif step == "office":
            if current is None:
                current = ReadRow()
            current.columns[roles.index(OFFICE)] = list(range(p0, p))
            current.cost += cost - prior
        elif step == "heading":
            items.append(p0)
            if current is not None:
                current.cost += cost - prior
        elif step == "break" and current is not None:
            current.cost += cost - prior
        p, state = p0, state0
    if current is not None:
        items.append(current)
    items.reverse()
    return Reading(items, total)
