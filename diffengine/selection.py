"""Narrowing a Diff to what a reader asked for (--status, --ministry, --measure), for every format."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from .model import Diff, MeasureChange

STATUS_FILTERS = ("unchanged", "changed", "added", "removed", "moved", "split", "merged")


def _status_of(diff: Diff, m: MeasureChange) -> set[str]:
    out: set[str] = {diff.reads_as(m)}
    if m.moved:
        out.add("moved")
    return out


def select(diff: Diff, statuses: Iterable[str] = (), ministries: Iterable[str] = (),
           measures: Iterable[str] = (), outcomes: Iterable[str] = ()) -> Diff:
    """Keep the measures that match every given filter, and the budget lines, renames, ledger entries,
    budget trajectories and program events they cite; OUTCOMES narrows the ledger to those outcomes."""
    statuses, ministries, measures, outcomes = set(statuses), set(ministries), set(measures), set(outcomes)
    if outcomes:
        diff = replace(diff, follow_through=tuple(e for e in diff.follow_through if e.outcome in outcomes),
                       unplanned_results=())
    if not (statuses or ministries or measures):
        return diff
    kept = tuple(
        m for m in diff.measures
        if (not statuses or _status_of(diff, m) & statuses)
        and (not ministries or set(m.ministries) & ministries)
        and (not measures or {m.old_id, m.new_id} & measures)
    )
    ids = {i for m in kept for i in (m.old_id, m.new_id) if i}
    old_ids = {m.old_id for m in kept if m.old_id}
    new_ids = {m.new_id for m in kept if m.new_id}
    budgets = tuple(b for b in diff.budgets
                    if (b.old and b.old.measure in old_ids) or (b.new and b.new.measure in new_ids))
    renames = tuple(r for r in diff.renames if r.measure in ids)
    return replace(
        diff, measures=kept, budgets=budgets, renames=renames,
        follow_through=tuple(e for e in diff.follow_through if e.old_measure in old_ids),
        unplanned_results=tuple(u for u in diff.unplanned_results if u.new_measure in new_ids),
        budget_trajectories=tuple(t for t in diff.budget_trajectories
                                  if any(p.measure in (old_ids if p.edition == "old" else new_ids) for p in t.points)),
        program_events=tuple(e for e in diff.program_events if e.measure in ids),
    )
