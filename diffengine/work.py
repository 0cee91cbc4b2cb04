"""A budget of work for one diff, so that every input under the 20 MB limit ends in bounded time.

Hostile but legal inputs made the exact algorithms quadratic: one measure with 32,000 tiny bullets
(bullet alignment, 49 s), a 4.8 MB bullet rewritten throughout (token diff, 200 s), 20,000
reworded titles (one 20,000 × 20,000 assignment, over 6 GB). Each exact step now first asks this
budget for its cost in elementary steps (a similarity cell, a step of Myers' diff); when the budget
is spent, or one step alone would cost more than STEP_MAX, the caller takes its linear fallback
(anchored alignment, sentence-level or whole-text replacement). Real reports use a small fraction
of it, so their output is exactly as before.

The budget is held in a context variable that diff_editions and results_vs_plans open for the
duration of one diff, rather than passed through every signature on the way to the text diff: the
functions on that path are shared with the year-over-year layer, and a call outside any diff (a
test, the API's diff_text) gets the per-step limit alone. Deterministic: the same input asks for
the same costs in the same order, so it gets the same answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

WORK_MAX = 20_000_000  # elementary steps for one diff: about 10 s of Python on this machine
STEP_MAX = 10_000_000  # the most one exact step (one text pair, one bullet column) may cost
CELL_COST = 10  # a cell of the bullet alignment (a rapidfuzz call and a DP step) in steps of Myers' diff


@dataclass
class Work:
    """Steps left (mutable on purpose: it counts down across one diff); `refused` counts fallbacks."""

    left: int
    refused: int = 0


_current: ContextVar[Work | None] = ContextVar("policydiff_work", default=None)


@contextmanager
def budget(steps: int | None = None) -> Iterator[Work]:
    """Open a budget of STEPS (default WORK_MAX) for the diff computed inside the with block; inside
    another budget, the outer one goes on."""
    outer = _current.get()
    if outer is not None:
        yield outer
        return
    work = Work(WORK_MAX if steps is None else steps)
    token = _current.set(work)
    try:
        yield work
    finally:
        _current.reset(token)


def take(steps: int) -> bool:
    """Whether an exact step of this cost may run; if so, its cost is spent."""
    work = _current.get()
    if steps > STEP_MAX or (work is not None and steps > work.left):
        if work is not None:
            work.refused += 1
        return False
    if work is not None:
        work.left -= steps
    return True
