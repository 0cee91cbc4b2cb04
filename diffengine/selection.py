"""Narrowing a Diff to what a reader asked for (--status, --ministry, --measure), for every format."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import replace

from ..versions.model.normalize import normalize
from .diff import Diff
from .model import MeasureChange

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
    # Programs newly named or no longer named count for --fail-on added/removed: keep those that a
    # kept measure names, so a filter moves the exit code as it moves the output.
    named = {normalize(name) for m in kept for _, name in m.programs}
    return replace(
        diff, measures=kept, budgets=budgets, renames=renames,
        programs_added=tuple(p for p in diff.programs_added if normalize(p) in named),
        programs_removed=tuple(p for p in diff.programs_removed if normalize(p) in named),
        follow_through=tuple(e for e in diff.follow_through if e.old_measure in old_ids),
        unplanned_results=tuple(u for u in diff.unplanned_results if u.new_measure in new_ids),
        budget_trajectories=tuple(t for t in diff.budget_trajectories
                                  if any(p.measure in (old_ids if p.edition == "old" else new_ids) for p in t.points)),
        program_events=tuple(e for e in diff.program_events if e.measure in ids),
    )


def suggestion(value: str, known: Iterable[str]) -> str:
    """'; did you mean X?' for the closest known value, or '' when none is close."""
    close = difflib.get_close_matches(value, sorted(set(known)), n=1, cutoff=0.5)
    return f"; did you mean {close[0]}?" if close else ""


def unknown_filters(diff: Diff, ministries: Iterable[str] = (), measures: Iterable[str] = ()) -> list[str]:
    """A line for each --ministry code or --measure id that neither edition has: a filter that matches
    nothing would print an empty report and exit 0, as if nothing had changed."""
    codes = {c for m in diff.measures for c in m.ministries}
    ids = {i for m in diff.measures for i in (m.old_id, m.new_id) if i}
    out = [f"no ministry {c!r} in either edition{suggestion(c, codes)} (codes: {'、'.join(sorted(codes))})"
           for c in ministries if c not in codes]
    out += [f"no measure {i!r} in either edition{suggestion(i, ids)}" for i in measures if i not in ids]
    return out


MARK_FILTERS = ("accepted", "query", "rejected", "none")


def select_marks(diff: Diff, marks: dict[str, str], states: Iterable[str]) -> Diff:
    """Keep the changes whose review mark (MARKS: change id → mark; 'none' for unmarked) is in STATES."""
    states = set(states)
    if not states:
        return diff

    def keep(change_id: str) -> bool:
        return marks.get(change_id, "none") in states

    layers = ("measures", "budgets", "renames", "follow_through", "unplanned_results", "budget_trajectories",
              "program_events", "warnings")
    return replace(diff, **{name: tuple(r for r in getattr(diff, name) if keep(r.id)) for name in layers})
