"""Within one edition: what it reports as done (results, FY N) against what it plans (FY N+1).

Same Diff type as between editions, kind "results-vs-plans", so every renderer serves it. Each
measure's results are the old side and its plans the new side; programs and budget lines are
followed across the two columns, through the successions the edition itself states.
"""

from __future__ import annotations

from dataclasses import replace

from ..versions.model.edition import Edition, Measure
from ..versions.model.normalize import normalize
from ..versions.readers.vocabulary import ENDED_RE  # defined once, with the readers
from . import work
from .budgets import diff_budgets
from .diff import Diff
from .engine import edition_ref, program_ops, traced
from .fields import column_change, measure_fields
from .ids import with_ids
from .model import BudgetChange, Match, MeasureChange, Options, Reason, why
from .program_events import programs_of, renames_of
from .renames import programs_named, successors_of
from .yearly import within_edition


def _record(m: Measure, status: str, reason: Reason, goals: dict[str, str]) -> MeasureChange:
    same = measure_fields(m, m)[:3]
    column = column_change("plans", m.results, m.plans)  # the results column against the plans column
    changes = (column,) if column.changed else ()
    return MeasureChange(status, m.id, m.id, m.title, m.title, match=Match((reason,), 1.0), changes=changes,  # type: ignore[arg-type]
                         fields=(*same, column),
                         goal=goals.get(m.goal, ""), vision=m.vision,
                         ministries=tuple(sorted({x.code for x in m.ministries})), label=m.label,
                         programs=program_ops(programs_named(m, "results"), programs_named(m, "plans")))


def _comparable(b: BudgetChange) -> BudgetChange:
    """Inside one edition the two sides are two fiscal years: a pair is comparable only like for like
    (a request against this year's budget, 予算 → 予算案 of the next year, or the same kind), never
    a 補正 of another year against a request (令和5年度補正 → 令和7年度予算案) nor 内数 against a whole amount."""
    if not (b.old and b.new) or not b.comparable:
        return b
    years = (b.old.fiscal_year or 0, b.new.fiscal_year or 0)
    kinds = (b.old.kind, b.new.kind)
    like = kinds[0] == kinds[1] and years[1] - years[0] in (0, 1)
    request = kinds == ("initial", "request") and years[1] - years[0] == 1
    return b if like or request else replace(b, comparable=False)


def results_vs_plans(ed: Edition, options: Options | None = None) -> Diff:
    with work.budget():  # every input under the size limit ends in bounded time (work.py)
        return _results_vs_plans(ed, options)


def _results_vs_plans(ed: Edition, options: Options | None = None) -> Diff:
    opts = options or Options()
    yearly = within_edition(ed, opts.rename_threshold)
    # The /1 views `renames` and `programs` are read off the program events: the two cannot disagree.
    renames = renames_of(yearly.program_events)
    added, removed = programs_of(yearly.program_events)
    budgets = diff_budgets(
        ((m.id, b) for m, col, _, b in ed.budgets() if col == "results"),
        ((m.id, b) for m, col, _, b in ed.budgets() if col == "plans"),
        {m.id: m.id for m in ed.measures}, successors_of(renames), key_of=lambda b: (normalize(b.program or ""), None))
    budgets = [_comparable(replace(b, fiscal_year=(b.new or b.old).fiscal_year)) for b in budgets]  # type: ignore[union-attr]
    goals = {g.id: g.title for g in ed.goals}
    touched = {b.old.measure for b in budgets if b.old} | {b.new.measure for b in budgets if b.new}
    touched |= {r.measure for r in renames}
    records = []
    for m in ed.measures:
        ended = any(ENDED_RE.search(b.text) for _, b in m.bullets)
        moved_on = programs_named(m, "results") ^ programs_named(m, "plans")
        if ended:
            statement = "、".join(sorted({x.group(0) for _, b in m.bullets for x in ENDED_RE.finditer(b.text)}))
            records.append(_record(m, "removed", why("ended", statement=statement), goals))
        elif m.id in touched or moved_on:
            records.append(_record(m, "changed", why("same-measure"), goals))
        else:
            records.append(_record(m, "unchanged", why("same-measure"), goals))
    return with_ids(Diff(
        kind="results-vs-plans",
        old=edition_ref(ed, f"{ed.name} results FY{ed.results_fy}"),
        new=edition_ref(ed, f"{ed.name} plans FY{ed.plans_fy}"),
        measures=tuple(traced(records, ed, ed)),
        budgets=tuple(budgets),
        renames=tuple(renames),
        programs_added=added,
        programs_removed=removed,
        options=opts,
        relation="other",
        budget_trajectories=yearly.budget_trajectories,
        program_events=yearly.program_events,
        warnings=yearly.warnings,
    ))
