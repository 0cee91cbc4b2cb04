"""The pure-Python assignment agrees with scipy's on the problems a real report gives."""

from __future__ import annotations

import random

import pytest

from policydiff.diffengine.assignment import SMALL_MAX, max_assignment


def _total(scores, pairs) -> float:
    return sum(scores[r][c] for r, c in pairs)


@pytest.mark.parametrize(("n", "m", "seed"), [(1, 1, 0), (5, 5, 1), (7, 3, 2), (3, 9, 3), (60, 60, 4), (40, 70, 5)])
def test_small_assignment_reaches_scipys_optimum(n: int, m: int, seed: int) -> None:
    from scipy.optimize import linear_sum_assignment

    rng = random.Random(seed)
    scores = [[round(rng.random(), 3) for _ in range(m)] for _ in range(n)]
    ours = max_assignment(scores)
    rows, cols = linear_sum_assignment(scores, maximize=True)
    assert len(ours) == min(n, m)
    assert len({r for r, _ in ours}) == len({c for _, c in ours}) == min(n, m)
    assert _total(scores, ours) == pytest.approx(_total(scores, zip(rows, cols, strict=True)))


def test_a_large_problem_goes_to_scipy_with_the_same_contract() -> None:
    rng = random.Random(9)
    n = SMALL_MAX + 5
    scores = [[rng.random() for _ in range(n)] for _ in range(n)]
    pairs = max_assignment(scores)
    assert sorted(r for r, _ in pairs) == list(range(n))
    assert sorted(c for _, c in pairs) == list(range(n))


def test_an_empty_problem_has_no_pairs() -> None:
    assert max_assignment([]) == []
    assert max_assignment([[]]) == []
