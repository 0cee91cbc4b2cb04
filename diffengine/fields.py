"""What changed inside a pair of measures: title, description, ministries, results and plans.

Bullets are aligned first (order kept, dissimilar ones become a deletion plus an insertion), then
each pair is diffed on tokens. A column's ops rebuild the column text: bullets joined with \\n.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..versions.model.edition import Bullet, Measure, Ministry
from . import work
from .model import BulletChange, FieldChange, FieldName
from .textdiff import SIMILARITY_CELLS_PER_STEP, diff_text, is_format_only, similarity
from .work import CELL_COST

ColumnDiff = Callable[[FieldName, Sequence[Bullet], Sequence[Bullet]], FieldChange]

BULLET_PAIR_MIN = 0.35  # below this, two bullets are a deletion and an insertion, not an edit
BULLET_PAIRS_MAX = 40_000  # old × new bullets above which a column is aligned on equal bullets first
SMALL_PAIRS = 1_024  # bullet pairs scored in a Python loop: numpy's import alone (0.05-0.15 s) costs more


def ministries_text(ms: Sequence[Ministry]) -> str:
    """The tag as a canonical string, so a wrapped or damaged ［…］ is no change but a moved ◎ is."""
    return "、".join(("◎" if m.lead else "") + m.code for m in ms)


def align_bullets(old: Sequence[Bullet], new: Sequence[Bullet]) -> list[tuple[int | None, int | None]]:
    """Order-keeping alignment maximizing similarity (Needleman-Wunsch, no gap cost)."""
    a = [x.norm for x in old]  # the comparison forms the parse made
    b = [x.norm for x in new]
    if len(a) * len(b) <= BULLET_PAIRS_MAX and work.take(len(a) * len(b) * CELL_COST):
        return _best_alignment(a, b)
    return _large_alignment(a, b)


def _large_alignment(a: list[str], b: list[str]) -> list[tuple[int | None, int | None]]:
    """Columns too long to score every pair: equal bullets anchor the alignment (common ends, then
    the bullets found once on each side, in order, as patience diff takes them, each anchor grown
    over its equal neighbours), and only the blocks between anchors small enough, while the diff's
    work budget lasts (work.py), get the exact one. Scoring every pair made diff(a, a) of a row
    with 20,000 bullets take ten minutes (fuzz); exact blocks of 200 × 200 between anchors made a
    row of 32,000 tiny bullets take 49 s, and difflib's matching blocks were quadratic in the
    anchors of a row of 200,000 (issue 10): this is O(n log n)."""
    out: list[tuple[int | None, int | None]] = []
    i0 = j0 = 0
    for i1, j1, size in [*_equal_runs(a, b), (len(a), len(b), 0)]:
        if (i1 - i0) * (j1 - j0) <= BULLET_PAIRS_MAX and work.take((i1 - i0) * (j1 - j0) * CELL_COST):
            out += [(None if i is None else i0 + i, None if j is None else j0 + j)
                    for i, j in _best_alignment(a[i0:i1], b[j0:j1])]
        else:
            out += [(i, None) for i in range(i0, i1)] + [(None, j) for j in range(j0, j1)]
        out += [(i1 + k, j1 + k) for k in range(size)]
        i0, j0 = i1 + size, j1 + size
    return out


def _equal_runs(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    """(i, j, size) runs of equal bullets, increasing on both sides: the bullets unique on each side
    (patience diff's anchors, one longest increasing subsequence), grown backwards and forwards."""
    from collections import Counter

    from .align import longest_increasing

    count_a, count_b = Counter(a), Counter(b)
    where_b = {x: j for j, x in enumerate(b) if count_b[x] == 1}
    pairs = [(i, where_b[x]) for i, x in enumerate(a) if count_a[x] == 1 and x in where_b]
    keep = longest_increasing([j for _, j in pairs])
    anchors = [pairs[k] for k in sorted(keep)]
    if a and b and a[0] == b[0]:  # equal ends anchor too, unique or not
        anchors.insert(0, (0, 0))
    if a and b and a[-1] == b[-1] and (not anchors or anchors[-1] < (len(a) - 1, len(b) - 1)):
        anchors.append((len(a) - 1, len(b) - 1))
    runs: list[tuple[int, int, int]] = []
    last_i = last_j = 0
    for i, j in anchors:
        if i < last_i or j < last_j:
            continue  # inside the previous run
        while i > last_i and j > last_j and a[i - 1] == b[j - 1]:
            i, j = i - 1, j - 1
        size = 0
        while i + size < len(a) and j + size < len(b) and a[i + size] == b[j + size]:
            size += 1
        runs.append((i, j, size))
        last_i, last_j = i + size, j + size
    return runs


def _best_alignment(a: list[str], b: list[str]) -> list[tuple[int | None, int | None]]:
    n, m = len(a), len(b)
    sim = _similarities(a, b)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            pair = best[i + 1][j + 1] + sim[i][j] if sim[i][j] >= BULLET_PAIR_MIN else -1.0
            best[i][j] = max(pair, best[i + 1][j], best[i][j + 1])
    out: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        if sim[i][j] >= BULLET_PAIR_MIN and best[i][j] == best[i + 1][j + 1] + sim[i][j]:
            out.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            out.append((i, None))
            i += 1
        else:
            out.append((None, j))
            j += 1
    out += [(k, None) for k in range(i, n)] + [(None, k) for k in range(j, m)]
    return out


def _similarities(a: list[str], b: list[str]) -> list[list[float]]:
    """similarity() of every pair; in one rapidfuzz call (C) when the texts' cost fits the budget."""
    if not a or not b:
        return [[] for _ in a]
    cost = sum(map(len, a)) * sum(map(len, b)) // SIMILARITY_CELLS_PER_STEP
    if not work.take(cost):
        return [[similarity(x, y) for y in b] for x in a]  # each priced, estimated over the budget
    if len(a) * len(b) <= SMALL_PAIRS:
        from rapidfuzz.fuzz import ratio

        return [[ratio(x, y) / 100.0 for y in b] for x in a]  # what cdist gives, without importing numpy
    import numpy as np
    from rapidfuzz.fuzz import ratio
    from rapidfuzz.process import cdist

    return (cdist(a, b, scorer=ratio, dtype=np.float64, workers=1) / 100.0).tolist()  # = similarity(), bit for bit


def _merge(ops: list[tuple[str, list[str]]], op: str, text: str) -> None:
    """Append TEXT to the last op if it is of the same kind. Pieces are joined once at the end: adding
    to a string each time copied the whole column again for every bullet (quadratic)."""
    if not text:
        return
    if ops and ops[-1][0] == op:
        ops[-1][1].append(text)
    else:
        ops.append((op, [text]))


def column_change(name: FieldName, old: Sequence[Bullet], new: Sequence[Bullet]) -> FieldChange:
    pairs = align_bullets(old, new)
    ops: list[tuple[str, list[str]]] = []
    bullets: list[BulletChange] = []
    seen_old = seen_new = False
    for i, j in pairs:
        sep_old, sep_new = seen_old and i is not None, seen_new and j is not None
        if sep_old and sep_new:
            _merge(ops, "=", "\n")
        elif sep_old:
            _merge(ops, "-", "\n")
        elif sep_new:
            _merge(ops, "+", "\n")
        if i is not None and j is not None:
            item_ops = diff_text(old[i].text, new[j].text)
            fmt = is_format_only(old[i].text, new[j].text)
        elif i is not None:
            item_ops, fmt = (("-", old[i].text),), False
        else:
            item_ops, fmt = (("+", new[j].text),), False  # type: ignore[index]
        for op, text in item_ops:
            _merge(ops, op, text)
        bullets.append(BulletChange(i, j, tuple(item_ops), fmt))
        seen_old |= i is not None
        seen_new |= j is not None
    edited = [b for b in bullets if any(op != "=" for op, _ in b.ops)]
    joined = tuple((op, "".join(pieces)) for op, pieces in ops)
    return FieldChange(name, bool(edited) and all(b.format_only for b in edited), joined,  # type: ignore[arg-type]
                       tuple(bullets))


def text_change(name: FieldName, old: str, new: str) -> FieldChange:
    if old == new:
        return FieldChange(name, False, (("=", old),) if old else ())
    return FieldChange(name, is_format_only(old, new), diff_text(old, new))


_EMPTY = Measure("", 0, "", "", "", (), "", (), (), False, False, 0, 0)


def measure_fields(old: Measure | None, new: Measure | None, column: ColumnDiff | None = None) -> tuple[FieldChange, ...]:
    """All five fields, and the 「担当」 office where either side has one; an added (or removed) measure is all
    insertion (or deletion). COLUMN compares the results and plans columns (default: bullet by bullet)."""
    o, n = old or _EMPTY, new or _EMPTY
    columns = column or column_change
    office = (text_change("office", o.office, n.office),) if o.office or n.office else ()
    return (
        text_change("title", o.title, n.title),
        text_change("description", o.description, n.description),
        text_change("ministries", ministries_text(o.ministries), ministries_text(n.ministries)),
        columns("results", o.results, n.results),
        columns("plans", o.plans, n.plans),
    ) + office


def _column_replaced(name: FieldName, old: Sequence[Bullet], new: Sequence[Bullet]) -> FieldChange:
    """A column rewritten for another year: the old text out, the new in, no character redline."""
    a, b = "\n".join(x.text for x in old), "\n".join(x.text for x in new)
    if a == b:
        return FieldChange(name, False, (("=", a),) if a else ())
    ops = tuple(op for op in (("-", a), ("+", b)) if op[1])
    return FieldChange(name, False, ops)  # type: ignore[arg-type]


def yearly_fields(old: Measure | None, new: Measure | None) -> tuple[FieldChange, ...]:
    """All five fields (and the office) between editions of different years: the Basic Plan column diffed
    on tokens, results and plans (rewritten every year) whole, never redlined sentence against unrelated
    sentence; the follow-through ledger pairs the bullets that belong together."""
    return measure_fields(old, new, _column_replaced)
