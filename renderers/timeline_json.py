"""The timeline as JSON (`policydiff/timeline/1`, versions/FORMAT.md) and as plain dicts for the
site's pages and the SQLite export. Deterministic: keys sorted, lists in the timeline's order."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from ..diffengine.timeline_model import PARTS, SCHEMA, BudgetPoint, MeasureLineage, ProgramLine, Timeline
from .escaping import json_text


def point_dict(p: BudgetPoint) -> dict[str, Any]:
    return {"edition": p.edition, "fiscal_year": p.fiscal_year, "kind": p.kind, "yen": p.yen, "part_of": p.part_of,
            "synthetic": p.synthetic, "name": p.name, "text": p.text, "measures": list(p.measures), "also": list(p.also)}


def program_dict(t: Timeline, p: ProgramLine) -> dict[str, Any]:
    return {"id": p.key, "name": p.name, "names": list(p.names), "editions": list(p.editions),
            "points": [point_dict(x) for x in p.points],
            "events": [{"old": t.steps[e.step].old, "new": t.steps[e.step].new, "event": e.event, "program": e.program,
                        "successor": e.successor, "measure": e.measure, "synthetic": e.synthetic} for e in p.events],
            "measures": [{"edition": ed, "measure": mid} for ed, mid in p.measures]}


def lineage_dict(t: Timeline, m: MeasureLineage) -> dict[str, Any]:
    editions = [None if mid is None else {"edition": e.label, "id": mid, "title": title, "goal": goal,
                                          "synthetic": e.synthetic}
                for e, mid, title, goal in zip(t.editions, m.ids, m.titles, m.goals, strict=True)]
    steps = [None if s is None else {"old": st.old, "new": st.new, "status": s.status, "moved": s.moved,
                                     "fields": list(s.fields), "partners": list(s.partners),
                                     "outcomes": dict(s.outcomes), "synthetic": st.synthetic}
             for st, s in zip(t.steps, m.steps, strict=True)]
    return {"id": m.key, "title": m.title, "origin": m.origin, "editions": editions, "steps": steps}


def follow_through_dict(t: Timeline) -> dict[str, Any]:
    return {
        "years": [{"old": y.old, "new": y.new, "plans_fiscal_year": y.plans_fy, "synthetic": y.synthetic,
                   "plans": y.plans, "outcomes": dict(y.outcomes), "promised_again": y.promised_again,
                   "unplanned_results": y.unplanned} for y in t.follow_through],
        "promises": [{"id": p.key, "editions": list(p.editions), "measures": list(p.measures), "text": p.text,
                      "outcomes": list(p.outcomes), "years_running": p.years_running, "synthetic": p.synthetic}
                     for p in t.promises],
        "dropped": [{"old": d.old, "new": d.new, "measure": d.measure, "line": d.line, "text": d.text,
                     "later_editions": d.later_editions, "synthetic": d.synthetic} for d in t.dropped],
    }


def timeline_dict(t: Timeline, parts: Iterable[str] = PARTS) -> dict[str, Any]:
    wanted = set(parts)
    out: dict[str, Any] = {
        "document": t.document,
        "editions": [{"edition": e.label, "results_fiscal_year": e.results_fy, "plans_fiscal_year": e.plans_fy,
                      "synthetic": e.synthetic, "source_sha256": e.source_sha256, "source_name": e.source_name}
                     for e in t.editions],
        "real_years": list(t.real_years),
        "synthetic_editions": list(t.synthetic_editions),
        "steps": [{"old": s.old, "new": s.new, "relation": s.relation, "synthetic": s.synthetic} for s in t.steps],
    }
    if "measures" in wanted:
        out["measures"] = [lineage_dict(t, m) for m in t.measures]
    if "programs" in wanted:
        out["programs"] = [program_dict(t, p) for p in t.programs]
    if "follow-through" in wanted:
        out["follow_through"] = follow_through_dict(t)
    return out


def render_timeline_json(timelines: Sequence[Timeline], parts: Iterable[str] = PARTS) -> str:
    parts = tuple(parts)
    doc = {"schema": SCHEMA, "parts": [p for p in PARTS if p in parts],
           "timelines": [timeline_dict(t, parts) for t in timelines]}
    return json_text(json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=2)) + "\n"
