"""The dense reader's search: the cheapest reading of a whole text under the model of dense_lattice.py, and
the lines another reading explains about as cheaply (doubtful: the reader names their rows).

A min-sum forward pass over a few states per line (a beam), then a backward pass, both linear in the lines;
the cheapest path is read step by step, and each step's readings are ranked by the cost of the best whole
reading through them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .dense_lattice import moves, unfit_move, unfit_moves
from .dense_pieces import Piece
from .dense_roles import DSC, TTL, Columns, Label, State
from .dense_rows import row_end_cost

BEAM_STATES, BEAM_COST = 24, 9.0
DOUBT = 0.6  # readings this close in cost are both credible
# ... and where they differ only where the widths cannot tell: a title that fills its lines from its
# description, results from plans (or a column from another) as wide: the words alone (a heading's last
# word, a sentence's start, a verb's tense) tell them, weak evidence
DOUBT_WORDS = 1.6
SAME_WIDTH = 2.0  # columns this close in width are told apart by words


@dataclass(frozen=True)
class Step:
    """One line of the text as the model reads it: its readings, or a heading that closes the row."""

    no: int
    readings: list[tuple[list[Piece], float]]
    brk: bool = False  # a page break (header, page number, running title) comes before it
    heading: bool = False


def _chains(s: State, cols: Columns, step: Step, implicit: bool):
    """Every way a line's pieces follow S: (reading index, labels, next state, cost, unfit)."""
    for r, (pieces, cost0) in enumerate(step.readings):
        frontier = [(s, cost0, ())]
        for x in pieces:
            nxt = []
            for state, cost, labels in frontier:
                for state2, c, label in moves(state, cols, x, step.brk, implicit):
                    nxt.append((state2, cost + c, labels + (label,)))
            frontier = nxt
        for state, cost, labels in frontier:
            yield r, labels, state, cost


@dataclass
class Result:
    readings: list[int]  # per step, the reading kept
    labels: list[tuple[Label, ...]]  # per step, each piece's label
    doubtful: dict[int, tuple[tuple[Label, ...], int]]  # step -> the other credible labels and reading
    unfit: set[int]
    implicit: set[int]  # steps read as resuming a row after a page break the text does not mark
    cost: float
    ranked: list[list[tuple[float, int, tuple[Label, ...]]]] | None = None  # per step, its readings by cost
    titled: list[float] | None = None  # per step, the cost of the cheapest whole reading opening a row's title there


def read(steps: list[Step], cols: Columns, implicit: bool) -> Result:
    """The cheapest reading of every step, and the steps another reading explains about as cheaply."""
    start = State()
    layers: list[dict[State, float]] = [{start: 0.0}]
    moved: list[list[tuple[State, int, tuple[Label, ...], State, float]]] = []  # per step, every move tried
    unfit: set[int] = set()
    for i, step in enumerate(steps):
        nxt: dict[State, float] = {}
        tried = _transitions_from(layers[-1], cols, step, implicit, False)
        if not tried:
            unfit.add(i)
            tried = _transitions_from(layers[-1], cols, step, implicit, True)
        for s, _, _, s2, c in tried:
            total = layers[-1][s] + c
            if total < nxt.get(s2, float("inf")):
                nxt[s2] = total
        moved.append(tried)
        ranked = sorted(nxt.items(), key=lambda kv: kv[1])[:BEAM_STATES]
        layers.append({s: c for s, c in ranked if c <= ranked[0][1] + BEAM_COST})
    back: list[dict[State, float]] = [{}] * len(layers)
    back[-1] = {s: row_end_cost(s, cols) for s in layers[-1]}
    choice: list[dict[State, tuple[int, tuple[Label, ...], State]]] = [{} for _ in steps]
    best: list[dict[tuple, tuple[float, int, tuple[Label, ...]]]] = [{} for _ in steps]
    for i in range(len(steps) - 1, -1, -1):
        here: dict[State, float] = {}
        later = back[i + 1]
        forward = layers[i]
        for s, r, labels, s2, c in moved[i]:
            if s2 not in later:
                continue
            total = c + later[s2]
            if total < here.get(s, float("inf")):
                here[s] = total
                choice[i][s] = (r, labels, s2)
            key = (r, labels)
            whole = forward[s] + total
            if key not in best[i] or whole < best[i][key][0]:
                best[i][key] = (whole, r, labels)
        back[i] = here
    path: list[tuple[int, tuple[Label, ...]]] = []
    s = start
    for i in range(len(steps)):  # the cheapest path, step by step (the readings of one path, never mixed)
        r, labels, s = choice[i][s]
        path.append((r, labels))
    result = _decode(steps, cols, path, best, unfit, back[0].get(start, 0.0))
    result.ranked = [sorted(b.values(), key=lambda v: v[0])[:4] for b in best]
    result.titled = [min((v[0] for v in b.values() if v[2] and v[2][0].role == TTL and v[2][0].new_row), default=math.inf)
                     for b in best]
    return result


def _transitions_from(layer: dict[State, float], cols: Columns, step: Step, implicit: bool, unfit: bool
                      ) -> list[tuple[State, int, tuple[Label, ...], State, float]]:
    """Every move from the states of LAYER through STEP: (state, reading, labels, next state, cost)."""
    out = []
    for s in layer:
        if step.heading:
            out.append((s, 0, (), State(), row_end_cost(s, cols)))
        elif unfit and len(step.readings[0][0]) == 1:  # no reading fits the step: at a price, it goes on in the
            # current cell, or a bullet opens the results or plans after a description (which holds none)
            out.extend((s, 0, (label,), s2, c) for s2, c, label in unfit_moves(s, cols, step.readings[0][0][0]))
        elif unfit:
            cost, labels, s2 = 0.0, [], s
            for x in step.readings[0][0]:
                s2, c, label = unfit_move(s2, cols, x)
                cost += c
                labels.append(label)
            out.append((s, 0, tuple(labels), s2, cost))
        else:
            out.extend((s, r, labels, s2, c) for r, labels, s2, c in _chains(s, cols, step, implicit))
    return out


def _decode(steps: list[Step], cols: Columns, path: list[tuple[int, tuple[Label, ...]]], best, unfit: set[int],
            total: float) -> Result:
    """The path's readings, and each step where another reading costs no more than DOUBT above it."""
    doubtful: dict[int, tuple[tuple[Label, ...], int]] = {}
    for i, (step, (r, kept)) in enumerate(zip(steps, path, strict=True)):
        if step.heading:
            continue
        cost = best[i][(r, kept)][0]
        for other_cost, r2, other in sorted(best[i].values(), key=lambda v: v[0]):
            if other_cost - cost > DOUBT_WORDS:
                break
            if _differ(step, r, kept, r2, other) and other_cost - cost <= (
                    DOUBT_WORDS if _by_words(cols, r, kept, r2, other) else DOUBT):
                doubtful[i] = (other, r2)
                break
    implicit = {i for i, (step, (_, kept)) in enumerate(zip(steps, path, strict=True))
                if not step.brk and any(x.resumed for x in kept)}
    return Result([r for r, _ in path], [labels for _, labels in path], doubtful, unfit, implicit, total)


def _by_words(cols: Columns, r: int, a: tuple[Label, ...], r2: int, b: tuple[Label, ...]) -> bool:
    """Do two readings differ only where widths cannot tell them apart: a line the row's title or its
    description's first, or in one of two columns as wide as each other?"""
    def alike(x: int, y: int) -> bool:
        return x == y or {x, y} == {TTL, DSC} or abs(cols.width(x) - cols.width(y)) <= SAME_WIDTH
    return r == r2 and all(alike(x.role, y.role) and x.new_row == y.new_row for x, y in zip(a, b, strict=True))


def _differ(step: Step, r: int, a: tuple[Label, ...], r2: int, b: tuple[Label, ...]) -> bool:
    """Do two readings of a step put its text in other cells or rows (a title and a description are two)?"""
    if r != r2:
        return True
    return any((x.role, x.new_row) != (y.role, y.new_row) for x, y in zip(a, b, strict=True))
