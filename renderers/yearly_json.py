"""The `policydiff/diff/2` records of the annual layer. Their ids are the engine's (diffengine/ids.py)."""

from __future__ import annotations

from typing import Any

from ..diffengine.model import Cited, FollowThrough, ProgramEvent, Reason, Trajectory, Unplanned, Warning_
from ..diffengine.reasons import warning_text, words


def cited(c: Cited | None) -> dict[str, Any] | None:
    if c is None:
        return None
    box = {"bbox": list(c.bbox)} if c.bbox else {}  # PDF editions only: the bullet's lines on the page
    return {"edition": c.edition, "page": c.page, "line": c.line, "end_line": c.end_line or c.line, "text": c.text,
            **box}


def reasons(rs: tuple[Reason, ...]) -> list[dict[str, Any]]:
    """The reasons as codes with their parameters (the `reason` string beside them is their English)."""
    return [{"code": r.code, **dict(r.params)} for r in rs]


def follow_through_record(e: FollowThrough) -> dict[str, Any]:
    return {
        "id": e.id,
        "old_measure": e.old_measure, "new_measure": e.new_measure, "plan": cited(e.plan), "outcome": e.outcome,
        "results": [cited(r) for r in e.results], "score": e.score, "reason": words(e.reasons),
        "reasons": reasons(e.reasons), "candidates": [cited(c) for c in e.candidates],
        "promised_again": cited(e.promised_again), "carried_over": e.carried_over,
        "promised_again_ops": [list(op) for op in e.again_ops],
        "paired_by_auditor": {"by": e.by, "at": e.at} if e.by else None,
    }


def unplanned_record(u: Unplanned) -> dict[str, Any]:
    return {"id": u.id, "new_measure": u.new_measure,
            **(cited(u.result) or {})}


def trajectory_record(t: Trajectory) -> dict[str, Any]:
    return {
        "id": t.id,
        "program": t.program,
        "names": list(t.names),
        "points": [{"edition": p.edition, "fiscal_year": p.fiscal_year, "kind": p.kind, "yen": p.yen,
                    "part_of": p.part_of, "measure": p.measure, "page": p.page, "line": p.line, "name": p.name}
                   for p in t.points],
        "steps": [{"type": s.type, "fiscal_year": s.fiscal_year, "from_fiscal_year": s.from_fiscal_year,
                   "from_kind": s.from_kind, "to_kind": s.to_kind, "from_yen": s.from_yen, "to_yen": s.to_yen,
                   "delta_yen": s.delta_yen, "delta_pct": s.delta_pct, "comparable": s.comparable,
                   "from_cite": _where(s.from_cite), "to_cite": _where(s.to_cite)}
                  for s in t.steps],
    }


def _where(c: tuple[str, int, int] | None) -> dict[str, Any] | None:
    return None if c is None else {"edition": c[0], "page": c[1], "line": c[2]}


def _cite(c: tuple[int, int]) -> dict[str, int] | None:
    return None if c == (0, 0) else {"page": c[0], "line": c[1]}


def event_record(e: ProgramEvent) -> dict[str, Any]:
    return {"id": e.id, "event": e.event, "program": e.program, "announced": e.announced,
            "successor": e.successor, "confidence": e.confidence, "evidence": cited(e.evidence), "measure": e.measure,
            "reason": words(e.reasons, listed=True), "reasons": reasons(e.reasons), "old_cite": _cite(e.old_cite),
            "new_cite": _cite(e.new_cite)}


def warning_record(w: Warning_) -> dict[str, Any]:
    return {"id": w.id, "code": w.code, "edition": w.edition, "measure": w.measure, "params": dict(w.params),
            "page": w.page, "line": w.line, "message": warning_text(w)}
