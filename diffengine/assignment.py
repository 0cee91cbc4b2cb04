"""Optimal one-to-one assignment, without importing scipy for the small problems of a real report.

`import scipy.optimize` alone costs 0.3-0.5 s, most of a seed-size diff, for one 60×60 problem.
Up to SMALL_MAX rows and columns a pure-Python shortest augmenting path (the Hungarian method,
O(n²·m)) solves it in a few milliseconds; larger problems go to scipy's linear_sum_assignment.
Both return a maximum-weight complete matching of the smaller side, so results agree whenever the
optimum is unique (callers add a tiny positional tie-break to make it so).
"""

from __future__ import annotations

from collections.abc import Sequence

SMALL_MAX = 150  # rows × columns up to 150 × 150: pure Python stays under ~0.1 s


def max_assignment(scores: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """(row, column) pairs maximizing the total score; every row (or column, if fewer) is paired."""
    n = len(scores)
    m = len(scores[0]) if n else 0
    if not n or not m:
        return []
    if max(n, m) > SMALL_MAX:
        from scipy.optimize import linear_sum_assignment

        rows, cols = linear_sum_assignment([list(r) for r in scores], maximize=True)
        return sorted(zip((int(r) for r in rows), (int(c) for c in cols), strict=True))
    if n <= m:
        return _hungarian([[-s for s in row] for row in scores])
    pairs = _hungarian([[-scores[i][j] for i in range(n)] for j in range(m)])
    return sorted((i, j) for j, i in pairs)


def _hungarian(cost: list[list[float]]) -> list[tuple[int, int]]:
    """Minimum-cost assignment of every row of COST (n ≤ m) to a distinct column (e-maxx's form)."""
    n, m = len(cost), len(cost[0])
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    owner = [0] * (m + 1)  # column → 1-based row owning it, 0 for free
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = owner[j0]
            row = cost[i0 - 1]
            ui0 = u[i0]
            delta, j1 = inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = row[j - 1] - ui0 - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    return sorted((owner[j] - 1, j - 1) for j in range(1, m + 1) if owner[j])
