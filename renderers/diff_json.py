"""The `policydiff/diff/2` JSON contract (documented in versions/FORMAT.md): every field of /1, plus
the relation of the editions, a stable id on every record, and the annual layer. Keys sorted,
deterministic."""

from __future__ import annotations

from typing import Any

from ..diffengine.diff import Diff
from ..diffengine.model import OUTCOMES, BudgetSide, EditionRef, MeasureChange
from ..diffengine.reasons import words
from ..diffengine.review import Mark
from ..versions.model.edition import ParseWarning
from ..versions.model.gc_pause import paused_gc
from .cite import parser_warnings
from .escaping import json_text
from .json_dump import dumps  # json.dumps(sort_keys=True, indent=2, ensure_ascii=False), faster
from .options import ReportOptions
from .yearly_json import (
    event_record,
    follow_through_record,
    reasons,
    trajectory_record,
    unplanned_record,
    warning_record,
)

SCHEMA = "policydiff/diff/2"


def _ref(r: EditionRef) -> dict[str, Any]:
    return {"document": r.document, "edition": r.edition, "results_fy": r.results_fy, "plans_fy": r.plans_fy,
            "source_sha256": r.source_sha256, "source": r.source_name, "synthetic": r.synthetic, "label": r.label,
            "synthetic_note": r.synthetic_note, "cites": "pdf-cells" if r.cells else "text-lines"}


def _side(s: BudgetSide | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {"kind": s.kind, "yen": s.yen, "part_of": s.part_of, "text": s.text, "measure": s.measure,
            "fiscal_year": s.fiscal_year, "page": s.page, "line": s.line, **_box(s.bbox)}


def _warning(side: str, w: ParseWarning) -> dict[str, Any]:
    return {"edition": side, "code": w.code, "measure": w.measure, "page": w.page, "line": w.line,
            "message": w.message}


def _box(bbox: tuple[float, ...] | None) -> dict[str, Any]:
    """`bbox` [x0, top, x1, bottom] in points of a PDF cell, only where the edition was read from a PDF."""
    return {"bbox": list(bbox)} if bbox else {}


def _cite(where: tuple[int, int], bbox: tuple[float, ...] | None = None) -> dict[str, Any] | None:
    return {"page": where[0], "line": where[1], **_box(bbox)} if where[0] else None


def _measure(diff: Diff, m: MeasureChange) -> dict[str, Any]:
    match = None
    if m.match is not None:
        runner = None if m.match.runner_up_id is None else {"id": m.match.runner_up_id, "score": m.match.runner_up_score}
        match = {"reason": words(m.match.reasons, listed=True), "reasons": reasons(m.match.reasons),
                 "score": m.match.score, "runner_up": runner}
        if m.match.by or m.match.at:  # paired by the auditor: who and when
            match |= {"by": m.match.by, "at": m.match.at}
    return {
        "id": m.id, "status": m.status, "old_id": m.old_id, "new_id": m.new_id, "old_title": m.old_title,
        "new_title": m.new_title, "label": m.label, "moved": m.moved, "substantive": diff.is_change(m),
        "match": match, "group": list(m.group), "goal": m.goal, "vision": m.vision,
        "ministries": list(m.ministries), "programs": [list(op) for op in m.programs],
        "warnings": [_warning(side, w) for side, w in m.warnings],
        "candidates": [{"id": c.id, "score": c.score, "why": words(c.reasons), "reasons": reasons(c.reasons)}
                       for c in m.candidates],
        "old_cite": _cite(m.old_cite, m.old_bbox), "new_cite": _cite(m.new_cite, m.new_bbox),
        "move": {"from_goal": m.old_goal, "from_position": m.old_position, "to_goal": m.goal,
                 "to_position": m.new_position} if m.moved else None,
        "changes": [{"field": c.field, "format_only": c.format_only, "ops": [list(op) for op in c.ops]}
                    for c in m.changes],
    }


def summary(diff: Diff, show_format_only: bool = False) -> dict[str, Any]:
    """/1's counts, and the annual layer's: outcomes, budget steps, program events, warnings."""
    steps = [x for t in diff.budget_trajectories for x in t.steps]
    return {
        **diff.summary(show_format_only),
        "follow_through": {o: sum(e.outcome == o for e in diff.follow_through) for o in OUTCOMES},
        "unplanned_results": len(diff.unplanned_results),
        "promised_again": sum(e.promised_again is not None for e in diff.follow_through),
        "budget_steps": {"total": len(steps), "changed": sum(x.changed for x in steps)},
        "program_events": {k: sum(e.event == k for e in diff.program_events)
                           for k in ("new", "ended", "succeeded", "renamed", "vanished")},
        "warnings": len(diff.warnings),
    }


def diff_dict(diff: Diff, show_format_only: bool = False, marks: tuple[Mark, ...] = ()) -> dict[str, Any]:
    return {
        "marks": [{"id": m.id, "mark": m.state, "note": m.note, "by": m.by, "at": m.at} for m in marks],
        "schema": SCHEMA,
        "kind": diff.kind,
        "relation": diff.relation,
        "old": _ref(diff.old),
        "new": _ref(diff.new),
        "summary": summary(diff, show_format_only),
        "measures": [_measure(diff, m) for m in diff.measures],
        "budgets": [{"id": b.id, "status": b.status, "program": b.program, "fiscal_year": b.fiscal_year,
                     "old": _side(b.old), "new": _side(b.new), "delta_yen": b.delta_yen, "delta_pct": b.delta_pct,
                     "kind_changed": b.kind_changed, "comparable": b.comparable} for b in diff.budgets],
        "renames": [{"id": r.id, "old": r.old, "new": r.new, "evidence": r.evidence, "confidence": r.confidence,
                     "text": r.text or words(r.reasons, listed=True), "reasons": reasons(r.reasons),
                     "measure": r.measure} for r in diff.renames],
        "programs": {"added": list(diff.programs_added), "removed": list(diff.programs_removed)},
        "follow_through": [follow_through_record(e) for e in diff.follow_through],
        "unplanned_results": [unplanned_record(u) for u in diff.unplanned_results],
        "budget_trajectories": [trajectory_record(t) for t in diff.budget_trajectories],
        "program_events": [event_record(e) for e in diff.program_events],
        "warnings": [warning_record(w) for w in diff.warnings],
        "stale_overrides": list(diff.stale_overrides),
        "parser_warnings": [_warning(side, w) for side, w in parser_warnings(diff)],
    }


def render_json(diff: Diff, options: ReportOptions | None = None) -> str:
    opts = options or ReportOptions()
    with paused_gc():  # as render() does: direct callers too (see versions/model/gc_pause.py)
        return json_text(dumps(diff_dict(diff, opts.show_format_only, opts.marks))) + "\n"
