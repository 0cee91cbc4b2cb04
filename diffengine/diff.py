"""Diff: what diff_editions returns, the one record every renderer consumes.

It sits above the engine's records (model.py) and the annual layer's (ledger, trajectories, program
events), which never import it: one definition of a change (`is_change`, `reads_as`, `summary`,
`has_changes`) for every format and exit code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .model import (
    MEASURE_STATUSES,
    BudgetChange,
    DiffKind,
    EditionRef,
    FollowThrough,
    MeasureChange,
    Options,
    ProgramEvent,
    Relation,
    Rename,
    Trajectory,
    Unplanned,
    Warning_,
)


@dataclass(frozen=True)
class Diff:
    kind: DiffKind
    old: EditionRef
    new: EditionRef
    measures: tuple[MeasureChange, ...]
    budgets: tuple[BudgetChange, ...]
    renames: tuple[Rename, ...]
    programs_added: tuple[str, ...] = ()
    programs_removed: tuple[str, ...] = ()
    options: Options = field(default_factory=Options)
    relation: Relation = "revision"
    stale_overrides: tuple[str, ...] = ()  # auditor's corrections that no longer fit, one line each
    # The annual layer (issue 11): last year's plans against this year's results (next-year only),
    # budget lines across years, what happened to programs, and cross-edition checks.
    follow_through: tuple[FollowThrough, ...] = ()
    unplanned_results: tuple[Unplanned, ...] = ()
    budget_trajectories: tuple[Trajectory, ...] = ()
    program_events: tuple[ProgramEvent, ...] = ()
    warnings: tuple[Warning_, ...] = ()

    @property
    def within_edition(self) -> bool:
        """One edition's results column against its plans column: the wording always differs there,
        the programs and budgets are the news, and a row's two sides are two columns, not two texts."""
        return self.kind == "results-vs-plans"

    @property
    def title(self) -> str:
        return "results vs plans" if self.within_edition else "editions"

    def is_change(self, m: MeasureChange) -> bool:
        """The one definition of a change a reader is told about: more than formatting. Between
        years (next-year, other) every results and plans bullet is rewritten, so there the engine
        rates a row by its Basic Plan column (title, description, ministries and lead ◎) alone:
        its status is `changed` only when that column changed (relation.layer_status)."""
        return m.substantive

    def reads_as(self, m: MeasureChange, show_format_only: bool = False) -> str:
        """The status a reader sees: a paired row whose change is not one reads as 'unchanged',
        or as 'format' when formatting-only changes are asked for; otherwise its status."""
        if m.status == "changed" and not self.is_change(m):
            return "format" if show_format_only else "unchanged"
        return m.status

    def summary(self, show_format_only: bool = False) -> dict[str, Any]:
        counts: dict[str, int] = {s: 0 for s in MEASURE_STATUSES}
        counts["moved"] = 0
        events: set[tuple[str, str | None]] = set()  # a split counts once per old row, a merge per new row
        for m in self.measures:
            status = self.reads_as(m, show_format_only)
            status = "changed" if status == "format" else status
            if status in ("split", "merged"):
                key = (status, m.old_id if status == "split" else m.new_id)
                if key in events:
                    continue
                events.add(key)
            counts[status] += 1
            counts["moved"] += int(m.moved)
        budgets = {s: sum(1 for b in self.budgets if b.status == s) for s in ("changed", "added", "removed")}
        return {"measures": counts, "budgets": budgets, "renames": len(self.renames)}

    @property
    def between_years(self) -> bool:
        """Two editions of different years: the annual layer's rules apply (see has_changes)."""
        return not self.within_edition and self.relation != "revision"

    def has_changes(self, kinds: frozenset[str] = frozenset({"any"})) -> bool:
        """Whether any change of the given kinds (FAIL_KINDS) exists, as the report shows it:
        `added`/`removed` are measures (rows of the Basic Plan), never program names; `ended` a program
        ended (stated or announced) or vanished, `new-program` one named for the first time, `rename`
        a succession or a rename; `dropped` and `unclear` plans of the ledger. `budget` between
        revisions is a budget line changed; between years, where every edition brings new amounts, a
        budget step that moved. `any` between revisions is every kind; between years what an auditor
        must look at (Basic Plan changes, added or removed measures, dropped or unclear plans, ended
        programs, moved budget steps), not the news every year brings (new programs, renames)."""
        found = {
            "text": any(m.status == "changed" and self.is_change(m) for m in self.measures)
            or any(m.moved or m.status in ("split", "merged") for m in self.measures),
            "added": any(m.status == "added" for m in self.measures),
            "removed": any(m.status == "removed" for m in self.measures),
            "budget": any(s.changed for t in self.budget_trajectories for s in t.steps)
            if self.between_years else bool(self.budgets),
            "rename": bool(self.renames),
            "ended": any(e.event in ("ended", "vanished") for e in self.program_events),
            "new-program": any(e.event == "new" for e in self.program_events),
            "dropped": any(e.outcome == "dropped" for e in self.follow_through),
            "unclear": any(e.outcome == "unclear" for e in self.follow_through),
        }
        if "any" in kinds:
            news = ("new-program", "rename") if self.between_years else ()
            return any(v for k, v in found.items() if k not in news)
        return any(found[k] for k in kinds if k in found)


FAIL_KINDS = ("any", "text", "budget", "added", "removed", "rename", "ended", "new-program", "dropped", "unclear")
