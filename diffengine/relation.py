"""How two editions relate: the next year's edition, a revision of the same years, or neither.

A progress report has two columns: results of FY N and plans of FY N+1. The edition after it
reports FY N+1 results, so OLD's plans year is NEW's results year; a revision (or a corrected
reprint, or a synthetic variant) keeps both years. What a diff can say depends on this: only a
next-year pair has a follow-through ledger (last year's plans against this year's results).
"""

from __future__ import annotations

from typing import Literal

Relation = Literal["next-year", "revision", "other"]
RELATIONS: tuple[Relation, ...] = ("next-year", "revision", "other")


def infer_relation(old_results_fy: int, old_plans_fy: int, new_results_fy: int, new_plans_fy: int) -> Relation:
    """next-year when OLD's plans year is NEW's results year; revision when both years are equal."""
    if old_plans_fy == new_results_fy and new_results_fy > old_results_fy:
        return "next-year"
    if (old_results_fy, old_plans_fy) == (new_results_fy, new_plans_fy):
        return "revision"
    return "other"
