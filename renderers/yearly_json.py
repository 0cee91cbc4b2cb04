"""The `policydiff/diff/2` records of the annual layer, and the stable ids every record carries.

An id is a short hash of what a record is about (the measures, the line, the program), never of its
position, so that a review can mark a record and find it again in the next run's output.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..diffengine.ledger import Cited, FollowThrough, Unplanned
from ..diffengine.program_events import ProgramEvent
from ..diffengine.trajectories import Trajectory, Warning_


def stable_id(prefix: str, *parts: object) -> str:
    """prefix-<10 hex digits> from the parts that say what a record is about."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:10]}"


def cited(c: Cited | None) -> dict[str, Any] | None:
    return None if c is None else {"page": c.page, "line": c.line, "end_line": c.end_line, "text": c.text}


def follow_through_record(e: FollowThrough) -> dict[str, Any]:
    return {
        "id": stable_id("ft", e.old_measure, e.plan.line, e.plan.text),
        "old_measure": e.old_measure, "new_measure": e.new_measure, "plan": cited(e.plan), "outcome": e.outcome,
        "results": [cited(r) for r in e.results], "score": e.score, "reason": e.reason,
        "promised_again": cited(e.promised_again), "carried_over": e.carried_over,
        "promised_again_ops": [list(op) for op in e.again_ops],
    }


def unplanned_record(u: Unplanned) -> dict[str, Any]:
    return {"id": stable_id("un", u.new_measure, u.result.line, u.result.text), "new_measure": u.new_measure,
            **(cited(u.result) or {})}


def trajectory_record(t: Trajectory) -> dict[str, Any]:
    return {
        "id": stable_id("bt", *t.names),
        "program": t.program,
        "names": list(t.names),
        "points": [{"edition": p.edition, "fiscal_year": p.fiscal_year, "kind": p.kind, "yen": p.yen,
                    "part_of": p.part_of, "measure": p.measure, "page": p.page, "line": p.line, "name": p.name}
                   for p in t.points],
        "steps": [{"type": s.type, "fiscal_year": s.fiscal_year, "from_fiscal_year": s.from_fiscal_year,
                   "from_kind": s.from_kind, "to_kind": s.to_kind, "from_yen": s.from_yen, "to_yen": s.to_yen,
                   "delta_yen": s.delta_yen, "delta_pct": s.delta_pct, "comparable": s.comparable}
                  for s in t.steps],
    }


def event_record(e: ProgramEvent) -> dict[str, Any]:
    evidence = None if e.evidence is None else {"edition": e.evidence.edition, "page": e.evidence.page,
                                                 "line": e.evidence.line, "text": e.evidence.text}
    return {"id": stable_id("ev", e.event, e.program, e.successor or ""), "event": e.event, "program": e.program,
            "successor": e.successor, "confidence": e.confidence, "evidence": evidence, "measure": e.measure,
            "reason": e.reason}


def warning_record(w: Warning_) -> dict[str, Any]:
    return {"id": stable_id("wa", w.code, w.edition, w.line), "code": w.code, "edition": w.edition,
            "page": w.page, "line": w.line, "message": w.message}
