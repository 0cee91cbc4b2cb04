"""Hostile sizes well under the 20 MB limit end in bounded work (issue 10, finding 12): the exact
algorithms spend a per-diff budget (diffengine/work.py) and take a linear fallback when it is spent.
The tests assert the bound on the work, not times; tests/benchmarks/run.py --hostile measures them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import policydiff as p
from policydiff.diffengine import align, fields, textdiff, work
from policydiff.diffengine.engine import diff_editions
from policydiff.diffengine.textdiff import diff_text, rebuild

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hostile_sizes  # noqa: E402


def both_sides_rebuilt(d: p.Diff, old: p.Edition, new: p.Edition) -> None:
    """Whatever fallback was taken, every column's ops still give both texts back."""
    by_old = {m.id: m for m in old.measures}
    by_new = {m.id: m for m in new.measures}
    for m in d.measures:
        for f in m.fields:
            if f.field in ("results", "plans") and m.old_id and m.new_id:
                o, n = rebuild(f.ops)
                assert o == "\n".join(b.text for b in getattr(by_old[m.old_id], f.field))
                assert n == "\n".join(b.text for b in getattr(by_new[m.new_id], f.field))


@pytest.mark.slow
def test_a_goal_of_thousands_of_reworded_titles_is_assigned_in_bounded_blocks(monkeypatch):
    old, new = (p.parse_report(t) for t in hostile_sizes.reworded_titles(1_500))
    blocks: list[int] = []
    assign = align._assign

    def spy(olds, news, *args):
        blocks.append(len(olds) * len(news))
        return assign(olds, news, *args)

    monkeypatch.setattr(align, "_assign", spy)
    d = diff_editions(old, new)
    # One goal of 1,500 × 1,500 candidates was one assignment (20,000 titles: over 6 GB).
    assert max(blocks) <= p.Options().block_size ** 2
    assert sum(m.status == "changed" for m in d.measures) == 1_500  # and they still pair up


def test_bullet_alignment_stops_at_the_work_budget_and_still_rebuilds_both_sides(monkeypatch):
    old, new = (p.parse_report(t) for t in hostile_sizes.tiny_bullets(4_000))
    cells: list[int] = []
    best = fields._best_alignment

    def spy(a, b):
        cells.append(len(a) * len(b))
        return best(a, b)

    monkeypatch.setattr(fields, "_best_alignment", spy)
    monkeypatch.setattr(work, "WORK_MAX", 1_000_000)
    d = diff_editions(old, new)
    assert sum(cells) * work.CELL_COST <= 1_000_000  # before: 21 blocks of 189 × 189, 3.7 M steps
    both_sides_rebuilt(d, old, new)


def test_a_long_rewritten_text_is_diffed_within_the_budget_by_sentences_or_head_and_tail(monkeypatch):
    old, new = (t.split("・")[-1] for t in hostile_sizes.long_bullet(20_000))
    old, new = old.replace("12", "12。"), new.replace("12", "12。")  # sentences for the second try
    steps: list[int] = []
    dmp = textdiff._dmp()
    diff_main = dmp.diff_main

    def spy(a, b, checklines=True):
        from rapidfuzz.distance import Indel

        steps.append((len(a) + len(b)) * Indel.distance(a, b))
        return diff_main(a, b, checklines)

    monkeypatch.setattr(dmp, "diff_main", spy)
    with work.budget(2_000_000) as spent:
        ops = diff_text(old, new)
    assert rebuild(ops) == (old, new)
    assert spent.refused >= 1 and sum(steps) <= 2_000_000 + max(steps, default=0)  # the tokens refused
    with work.budget(1) as spent:
        ops = diff_text(old, new)  # nothing exact fits: the common head and tail, the middle replaced
    assert rebuild(ops) == (old, new) and [op for op, _ in ops] in (["-", "+"], ["=", "-", "+"], ["=", "-", "+", "="])


def test_similarity_of_huge_texts_is_estimated_in_linear_time_over_the_budget(monkeypatch):
    import rapidfuzz.fuzz

    a, b = "研究開発" * 100_000, "開発研究" * 100_000
    called = []
    monkeypatch.setattr(rapidfuzz.fuzz, "ratio", lambda x, y: called.append(1) or 0.0)
    with work.budget(10):
        assert textdiff.similarity(a, b) == pytest.approx(1.0)  # same characters, other order
    assert not called


@pytest.mark.slow
def test_split_and_merge_candidates_are_capped_on_large_editions(monkeypatch):
    # Every other new row about something else: unpaired rows look for split sources among the paired.
    old, new = (p.parse_report(t) for t in hostile_sizes.reworded_titles(1_000, unrelated_every=2))
    calls = []
    containment = align.containment

    def spy(part, whole, common=frozenset()):
        calls.append(1)
        return containment(part, whole, common)

    monkeypatch.setattr(align, "containment", spy)
    d = diff_editions(old, new)
    unpaired = sum(m.status in ("added", "removed") for m in d.measures)
    assert unpaired and len(calls) <= 2 * unpaired * align.SPLIT_CANDIDATES + 2 * unpaired
