"""Within one edition: what it reports as done (results, FY N) against what it plans (FY N+1).

Same Diff type as between editions, kind "results-vs-plans", so every renderer serves it. Each
measure's results are the old side and its plans the new side; programs and budget lines are
followed across the two columns, through the successions the edition itself states.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..versions.model import Edition, Measure
from ..versions.normalize import normalize
from .budgets import diff_budgets
from .engine import edition_ref, program_ops, traced
from .fields import column_change, measure_fields
from .ids import with_ids
from .model import Diff, Match, MeasureChange, Options, Rename
from .renames import explicit_renames, inferred_renames, programs_named, successors_of

# 「令和５年度に事業終了 後継事業の予定無し」 (lines 22, 123): the row's work does not go on.
ENDED_RE = re.compile(r"事業終了|後継事業の予定無し|後継事業の予定なし")


def _record(m: Measure, status: str, reason: str, goals: dict[str, str]) -> MeasureChange:
    same = measure_fields(m, m)[:3]
    column = column_change("plans", m.results, m.plans)  # the results column against the plans column
    changes = (column,) if column.changed else ()
    return MeasureChange(status, m.id, m.id, m.title, m.title, match=Match(reason, 1.0), changes=changes,  # type: ignore[arg-type]
                         fields=(*same, column),
                         goal=goals.get(m.goal, ""), vision=m.vision,
                         ministries=tuple(sorted({x.code for x in m.ministries})), label=m.label,
                         programs=program_ops(programs_named(m, "results"), programs_named(m, "plans")))


def results_vs_plans(ed: Edition, options: Options | None = None) -> Diff:
    opts = options or Options()
    succession = {normalize(s.old): normalize(s.new) for _, _, _, s in ed.successions()}
    renames: list[Rename] = explicit_renames(((m.id, s) for m, _, _, s in ed.successions()), set())
    seen = {(normalize(r.old), normalize(r.new)) for r in renames}
    all_results = {normalize(p) for m in ed.measures for p in programs_named(m, "results")}
    all_plans = {normalize(p) for m in ed.measures for p in programs_named(m, "plans")}
    # A program a stated succession names is accounted for: no rename is inferred for it.
    renames += inferred_renames(((m.id, m.results, m.plans) for m in ed.measures), all_results | set(succession.values()),
                                all_plans | set(succession), seen, opts.rename_threshold)
    renamed = successors_of(renames)
    budgets = diff_budgets(
        ((m.id, b) for m, col, _, b in ed.budgets() if col == "results"),
        ((m.id, b) for m, col, _, b in ed.budgets() if col == "plans"),
        {m.id: m.id for m in ed.measures}, renamed, key_of=lambda b: (normalize(b.program or ""), None))
    budgets = [replace(b, fiscal_year=(b.new or b.old).fiscal_year) for b in budgets]  # type: ignore[union-attr]
    goals = {g.id: g.title for g in ed.goals}
    touched = {b.old.measure for b in budgets if b.old} | {b.new.measure for b in budgets if b.new}
    touched |= {r.measure for r in renames}
    records = []
    for m in ed.measures:
        ended = any(ENDED_RE.search(b.text) for _, b in m.bullets)
        moved_on = programs_named(m, "results") ^ programs_named(m, "plans")
        if ended:
            records.append(_record(m, "removed", "ended: " + "、".join(sorted(
                {x.group(0) for _, b in m.bullets for x in ENDED_RE.finditer(b.text)})), goals))
        elif m.id in touched or moved_on:
            records.append(_record(m, "changed", "same measure", goals))
        else:
            records.append(_record(m, "unchanged", "same measure", goals))
    gone_names = set(renamed)
    arrived_names = {n for names in renamed.values() for n in names}
    first_seen = {normalize(p): p for p in ed.programs()}
    return with_ids(Diff(
        kind="results-vs-plans",
        old=edition_ref(ed, f"{ed.name} results FY{ed.results_fy}"),
        new=edition_ref(ed, f"{ed.name} plans FY{ed.plans_fy}"),
        measures=tuple(traced(records, ed, ed)),
        budgets=tuple(budgets),
        renames=tuple(renames),
        programs_added=tuple(first_seen[p] for p in first_seen
                             if p in all_plans and p not in all_results and p not in arrived_names),
        programs_removed=tuple(first_seen[p] for p in first_seen
                               if p in all_results and p not in all_plans and p not in gone_names),
        options=opts,
    ))
