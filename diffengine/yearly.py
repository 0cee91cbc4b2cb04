"""The annual layer of a diff: follow-through ledger, budget trajectories, program events, warnings.

Computed from two editions and their measure alignment, for every relation: the ledger only for a
next-year pair (OLD's plans year is NEW's results year), the rest always. Inside one edition
(`plans`) the same trajectories and events are computed on its results and plans columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..versions.model.edition import Edition
from .ledger import follow_through
from .model import FollowThrough, ProgramEvent, Trajectory, Unplanned, Warning_
from .program_events import edition_events, lineage_links, plans_events
from .relation import Relation
from .trajectories import (
    Lineage,
    budget_trajectories,
    edition_points,
    plans_points,
    stale_labels,
)


@dataclass(frozen=True)
class Yearly:
    follow_through: tuple[FollowThrough, ...] = ()
    unplanned_results: tuple[Unplanned, ...] = ()
    budget_trajectories: tuple[Trajectory, ...] = ()
    program_events: tuple[ProgramEvent, ...] = ()
    warnings: tuple[Warning_, ...] = ()


def between_editions(old: Edition, new: Edition, related: Iterable[tuple[int, int]], relation: Relation,
                     rename_threshold: float = 0.6) -> Yearly:
    """RELATED: aligned (old, new) measure indices, with split and merge parts."""
    related = sorted(set(related))
    inside = [plans_events(old, rename_threshold), plans_events(new, rename_threshold)]
    events = edition_events(old, new, related, rename_threshold, inside[0], inside[1])
    links = lineage_links(events, old, new, inside=inside)
    lineage = Lineage(links)
    trajectories = budget_trajectories(edition_points(old, new), links,
                                       from_year=new.results_fy if relation == "next-year" else None, new_lines=True)
    warnings = stale_labels([(m.id, c, b) for m, c, _, b in new.budgets()], new.results_fy, lineage, "new")
    if relation == "revision":  # two versions of one edition: only the stale labels the new one brings
        before = {w.params for w in stale_labels(
            [(m.id, c, b) for m, c, _, b in old.budgets()], old.results_fy, lineage, "old")}
        warnings = [w for w in warnings if w.params not in before]
    ledger: tuple[list[FollowThrough], list[Unplanned]] = ([], [])
    if relation == "next-year":
        ledger = follow_through(old.measures, new.measures, related, lineage.key)
    return Yearly(tuple(ledger[0]), tuple(ledger[1]), tuple(trajectories), tuple(events), tuple(warnings))


def within_edition(ed: Edition, rename_threshold: float = 0.6) -> Yearly:
    """Results (old side) against plans (new side) of one edition: no ledger, the plans are ahead."""
    events = plans_events(ed, rename_threshold)
    links = lineage_links(events, ed, inside=[events])
    trajectories = budget_trajectories(plans_points(ed), links, from_year=ed.plans_fy)
    warnings = stale_labels([(m.id, c, b) for m, c, _, b in ed.budgets()], ed.results_fy, Lineage(links), "old")
    return Yearly((), (), tuple(trajectories), tuple(events), tuple(warnings))
