"""The `policydiff/edition/2` JSON contract for one parsed edition (documented in versions/FORMAT.md)."""

from __future__ import annotations

from typing import Any

from ..versions.model.edition import Budget, Bullet, Edition, Measure
from .escaping import json_text
from .json_dump import dumps  # json.dumps(sort_keys=True, indent=2, ensure_ascii=False), faster
from .options import ReportOptions

SCHEMA = "policydiff/edition/2"  # 2: office, bbox


def _budget(b: Budget) -> dict[str, Any]:
    return {"fiscal_year": b.fiscal_year, "era": b.era, "kind": b.kind, "yen": b.yen, "part_of": b.part_of,
            "program": b.program, "text": b.text, "page": b.page, "line": b.line}


def _bullet(b: Bullet) -> dict[str, Any]:
    return {"text": b.text, "page": b.page, "line": b.line, "end_line": b.end_line, "programs": list(b.programs),
            "budgets": [_budget(x) for x in b.budgets], "bbox": list(b.bbox) if b.bbox else None}


def _measure(m: Measure) -> dict[str, Any]:
    return {
        "id": m.id, "vision": m.vision, "goal": m.goal, "title": m.title, "label": m.label,
        "description": m.description, "first_line": m.first_line, "first_line_lost": m.first_line_lost,
        "ministries": [{"code": x.code, "lead": x.lead} for x in m.ministries],
        "ministries_text": m.ministries_text, "reposted": m.reposted, "page": m.page, "line": m.line,
        "results": [_bullet(b) for b in m.results], "plans": [_bullet(b) for b in m.plans],
        "office": m.office, "bbox": list(m.bbox) if m.bbox else None,
    }


def edition_dict(ed: Edition) -> dict[str, Any]:
    s = ed.source
    return {
        "schema": SCHEMA,
        "document": ed.document,
        "edition": ed.edition,
        "results_fy": ed.results_fy,
        "plans_fy": ed.plans_fy,
        "labels": {"results": ed.results_label, "plans": ed.plans_label},
        "source": {"name": s.name, "sha256": s.sha256, "encoding": s.encoding, "format": s.format, "size": s.size},
        "parser": ed.parser_version,
        "synthetic": ed.synthetic,
        "synthetic_note": ed.synthetic_note,
        "counts": ed.counts(),
        "visions": [{"number": v.number, "title": v.title, "page": v.page, "line": v.line} for v in ed.visions],
        "goals": [{"id": g.id, "vision": g.vision, "title": g.title, "reposted": g.reposted,
                   "see_above": g.see_above, "page": g.page, "line": g.line,
                   "notes": [{"title": n.title, "text": n.text, "page": n.page, "line": n.line} for n in g.notes]}
                  for g in ed.goals],
        "measures": [_measure(m) for m in ed.measures],
        "programs": ed.programs(),
        "budgets": [{"measure": m.id, "column": col, **_budget(b)} for m, col, _, b in ed.budgets()],
        "successions": [{"measure": m.id, "column": col, "old": s.old, "new": s.new, "evidence": s.evidence,
                         "page": s.page, "line": s.line} for m, col, _, s in ed.successions()],
        "warnings": [{"code": w.code, "measure": w.measure, "message": w.message, "page": w.page, "line": w.line}
                     for w in ed.warnings],
    }


def render_edition_json(ed: Edition, options: ReportOptions | None = None) -> str:
    """Sorted keys, fixed indentation, UTF-8 text: byte-identical for the same edition."""
    return json_text(dumps(edition_dict(ed))) + "\n"
