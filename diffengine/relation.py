"""How two editions relate: the next year's edition, a revision of the same years, or neither.

A progress report has two columns: results of FY N and plans of FY N+1. The edition after it
reports FY N+1 results, so OLD's plans year is NEW's results year; a revision (or a corrected
reprint, or a synthetic variant) keeps both years. What a diff can say depends on this: only a
next-year pair has a follow-through ledger (last year's plans against this year's results).
"""

from __future__ import annotations

from .model import Relation

RELATIONS: tuple[Relation, ...] = ("next-year", "revision", "other")


def infer_relation(old_results_fy: int, old_plans_fy: int, new_results_fy: int, new_plans_fy: int) -> Relation:
    """next-year when OLD's plans year is NEW's results year; revision when both years are equal."""
    if old_plans_fy == new_results_fy and new_results_fy > old_results_fy:
        return "next-year"
    if (old_results_fy, old_plans_fy) == (new_results_fy, new_plans_fy):
        return "revision"
    return "other"


# The Basic Plan column: what the plan itself says about a measure. Results and plans are rewritten
# every year, so between years only these fields make a measure `changed`.
BASIC_PLAN_FIELDS = ("title", "description", "ministries")


def layer_status(status: str, changed_fields: tuple[str, ...], relation: Relation) -> str:
    """A measure's status in the Basic Plan layer: between years (next-year, other) a `changed`
    measure whose Basic Plan column is the same is `unchanged` (a move stays flagged apart)."""
    if relation == "revision" or status != "changed":
        return status
    return "changed" if any(f in BASIC_PLAN_FIELDS for f in changed_fields) else "unchanged"
