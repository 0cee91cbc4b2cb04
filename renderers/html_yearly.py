"""View records of the annual layer for the HTML report (templates/yearly.html.j2).

Between years the report opens with the Basic Plan changes, then, per measure, the follow-through
ledger (plan → results, outcome badge, evidence, page and line on both sides), the results that
answer no plan and the plans promised again, then a budget trajectory table per program with a
small inline SVG chart, the program events and the warnings. Plain records: the template only
lays them out, and everything is readable with JavaScript off.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..diffengine.diff import Diff
from ..diffengine.ids import step_id
from ..diffengine.model import AUDITOR, STEP_TYPES, FollowThrough, Trajectory, Unplanned, why
from ..diffengine.reasons import warning_text, word, words
from .budget_chart import trajectory_svg
from .cite import box_title, ledger_cites
from .yearly_text import OUTCOME_ORDER, again_cite, event_counts, grouped_entries, ledger_counts


@dataclass(frozen=True)
class LedgerGroup:
    """The ledger of one old measure: its entries (repeated sentences once) and unplanned results."""

    old_measure: str
    new_measure: str | None
    label: str
    anchor: str | None
    # entry, and every entry of the same sentence and outcome (one per old row, this one first): each
    # with its row, id and citations, and the PDF cell of its plan or '' (each has its own mark box)
    entries: tuple[tuple[FollowThrough, tuple[tuple[FollowThrough, str, str], ...]], ...]
    unplanned: tuple[Unplanned, ...]


@dataclass(frozen=True)
class TrajectoryView:
    id: str
    t: Trajectory
    chart: Markup
    changed: bool
    step_ids: tuple[str, ...]  # of t.steps, for their review marks


def ledger_groups(diff: Diff, anchor_of: Any) -> list[LedgerGroup]:
    labels = {m.old_id: m.label for m in diff.measures if m.old_id}
    unplanned: dict[str, list[Unplanned]] = {}
    for u in diff.unplanned_results:
        unplanned.setdefault(u.new_measure, []).append(u)
    seen_sentences: dict[tuple[str, str], str] = {}  # a sentence shown in an earlier row: refer to it
    out: list[LedgerGroup] = []
    by_measure: dict[str, list[FollowThrough]] = {}
    for e in diff.follow_through:
        by_measure.setdefault(e.old_measure, []).append(e)
    rows_of = {id(e): rows for e, rows in _rows_of(diff.follow_through)}
    for old_id, entries in by_measure.items():
        kept = []
        for e in entries:
            key = (" ".join(e.plan.text.split()), e.outcome)  # a sentence as yearly_text.grouped_entries keys it
            if key in seen_sentences:
                continue
            seen_sentences[key] = old_id
            kept.append((e, rows_of.get(id(e), ((e, old_id, ""),))))
        new_id = entries[0].new_measure
        mine = tuple(unplanned.pop(new_id, [])) if new_id else ()
        if not kept and not mine:
            continue  # every plan of the row was shown with an earlier row (see its "same sentence in rows")
        out.append(LedgerGroup(old_id, new_id, labels.get(old_id, old_id), anchor_of("old", old_id), tuple(kept), mine))
    for new_id, items in unplanned.items():  # rows new to the report: their results answer no plan
        label = next((m.label for m in diff.measures if m.new_id == new_id), new_id)
        out.append(LedgerGroup("", new_id, label, anchor_of("new", new_id), (), tuple(items)))
    return out


def _rows_of(entries: Any) -> list[tuple[FollowThrough, tuple[tuple[FollowThrough, str, str], ...]]]:
    """The first entry of each repeated sentence, with every entry it stands for: its row, id and
    where it is cited."""
    return [(g[0], tuple((x, f"{x.old_measure} {x.id} ({ledger_cites(x)}{again_cite(x)})",
                          box_title(x.plan.page, x.plan.line, x.plan.bbox)) for x in g))
            for g in grouped_entries(entries)]


def trajectory_views(diff: Diff, lang: str) -> list[TrajectoryView]:
    del lang  # amounts in the chart's text follow the report's yen formatting (ja)
    return [TrajectoryView(t.id, t, trajectory_svg(t), any(s.changed for s in t.steps),
                           tuple(step_id(t.id, s) for s in t.steps))
            for t in diff.budget_trajectories]


def yearly_context(diff: Diff, lang: str, anchor_of: Any) -> dict[str, Any]:
    """What templates/yearly.html.j2 needs."""
    basic = [m for m in diff.measures if diff.between_years and (diff.reads_as(m) != "unchanged" or m.moved)]
    return {
        "basic_plan": basic,
        "ledger": ledger_groups(diff, anchor_of) if diff.follow_through or diff.unplanned_results else [],
        "ledger_counts": ledger_counts(diff.follow_through),
        "steps_total": sum(len(x.steps) for x in diff.budget_trajectories),
        "steps_moved": {k: sum(s.type == k and s.changed for x in diff.budget_trajectories for s in x.steps)
                        for k in STEP_TYPES if any(s.type == k for x in diff.budget_trajectories for s in x.steps)},
        "event_counts": {k: n for k, n in event_counts(diff.program_events).items() if n},
        "outcomes": OUTCOME_ORDER,
        "promised_again": [e for e in diff.follow_through if e.promised_again is not None],
        "trajectories": trajectory_views(diff, lang),
        "reason": lambda reasons, listed=False: words(reasons, lang, listed),
        "auditor": word(why(AUDITOR), lang),
        "warning": lambda w: warning_text(w, lang),
    }
