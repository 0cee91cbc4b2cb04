"""The sign-off sheet of `policydiff review`: every change of a pair with its mark, as text, JSON
(`policydiff/review/1`, FORMAT.md) or CSV for a spreadsheet (UTF-8 with BOM, as csv_report)."""

from __future__ import annotations

import csv
import io
import json

from ..diffengine.model import (
    BudgetChange,
    FollowThrough,
    MeasureChange,
    ProgramEvent,
    Rename,
    Trajectory,
    Unplanned,
)
from ..diffengine.reasons import warning_text
from ..diffengine.review import Reviewable, Sheet
from ..versions.archive.reviews import SCHEMA
from .escaping import csv_cell, escaped, json_text, one_line
from .money import yen


def summary(r: Reviewable, diff) -> str:
    """A reviewable change in one line, as the sheet lists it (and a stored mark remembers it)."""
    x = r.record
    if isinstance(x, MeasureChange):
        status = diff.reads_as(x)
        by = f" (paired by the auditor: {x.match.by}, {x.match.at})" if x.match and x.match.by_auditor else ""
        return f"{status}{' moved' if x.moved else ''}: {x.label}{by}"
    if isinstance(x, BudgetChange):
        old = yen(x.old.yen) if x.old else "—"
        new = yen(x.new.yen) if x.new else "—"
        return f"{x.status} {x.program} FY{x.fiscal_year or '?'}: {old} → {new}"
    if isinstance(x, Rename):
        return f"{x.old} → {x.new} ({x.evidence} {x.confidence:.2f})"
    if isinstance(x, FollowThrough):
        by = f" (paired by the auditor: {x.by}, {x.at})" if x.by else ""
        return f"{x.outcome}: {x.plan.text[:60]}{by}"
    if isinstance(x, Unplanned):
        return x.result.text[:60]
    if isinstance(x, Trajectory):
        return f"{x.program}: {len(x.steps)} step(s)"
    if isinstance(x, tuple):  # a budget step: (trajectory, step)
        t, s = x
        before = f"FY{s.from_fiscal_year} {s.from_kind} {yen(s.from_yen)}" if s.from_kind else "new line"
        return f"{t.program} {s.type}: {before} → FY{s.fiscal_year} {s.to_kind} {yen(s.to_yen)}"
    if isinstance(x, ProgramEvent):
        return f"{x.event} {x.program}" + (f" → {x.successor}" if x.successor else "")
    return f"{x.code}: {warning_text(x)[:60]}"  # type: ignore[attr-defined]


def sheet_dict(sheet: Sheet) -> dict:
    return {"schema": SCHEMA, "old": sheet.old, "new": sheet.new,
            "synthetic": [ref.label for ref in (sheet.diff.old, sheet.diff.new) if ref.synthetic],
            "changes": [{"id": r.id, "kind": r.kind, "measure": r.measure, "summary": summary(r, sheet.diff),
                         "mark": m.state if m else None, "note": (m.note or None) if m else None,
                         "by": (m.by or None) if m else None, "at": (m.at or None) if m else None}
                        for r, m in sheet.rows],
            "stale_marks": [{"id": s.mark.id, "kind": s.kind, "measure": s.measure, "summary": s.summary,
                             "mark": s.mark.state, "note": s.mark.note, "by": s.mark.by, "at": s.mark.at}
                            for s in sheet.stale_marks],
            "stale_overrides": list(sheet.stale_overrides)}


COLUMNS = ("id", "kind", "measure", "summary", "mark", "note", "by", "at", "synthetic", "stale")


def _text(sheet: Sheet) -> str:
    d = sheet_dict(sheet)
    # Notes, names and summaries are someone else's text: nothing in them may act on a terminal.
    sheet = Sheet(sheet.old, sheet.new, sheet.diff, escaped(sheet.rows, one_line), escaped(sheet.stale_marks, one_line),
                  escaped(sheet.stale_overrides, one_line))
    lines = [f"*** {label} is a SYNTHETIC edition, not a real report ***" for label in d["synthetic"]]
    marked = sum(1 for _, m in sheet.rows if m)
    lines.append(f"review {sheet.old} → {sheet.new}: {len(sheet.rows)} change(s), {marked} marked")
    for r, m in sheet.rows:
        mark = f"[{m.state}]" if m else "[ ]"
        lines.append(f"  {r.id}  {mark:<10} {r.kind:<7} {r.measure:<5} {summary(r, sheet.diff)}")
        if m:
            lines.append(f"      {m.by}, {m.at}" + (f": {m.note}" if m.note else ""))
    for s in sheet.stale_marks:
        lines.append(f"  stale mark {s.mark.id} [{s.mark.state}] by {s.mark.by}, {s.mark.at}: the change no longer "
                     f"exists ({s.kind} {s.measure} {s.summary})")
    for line in sheet.stale_overrides:
        lines.append(f"  stale override: {line}")
    return "\n".join(lines) + "\n"


def _csv(sheet: Sheet) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    fake = "; ".join(sheet_dict(sheet)["synthetic"])
    # Every cell is text someone else chose (a note, a name, a program): guarded against formulas.
    for r, m in sheet.rows:
        writer.writerow([csv_cell(x) for x in (r.id, r.kind, r.measure, summary(r, sheet.diff), m.state if m else "",
                                               m.note if m else "", m.by if m else "", m.at if m else "", fake, "")])
    for s in sheet.stale_marks:  # a mark whose change vanished: still part of what was signed off
        writer.writerow([csv_cell(x) for x in (s.mark.id, s.kind, s.measure, s.summary, s.mark.state, s.mark.note,
                                               s.mark.by, s.mark.at, fake, "yes")])
    return "\ufeff" + buf.getvalue()


def render_review_sheet(sheet: Sheet, fmt: str) -> str:
    if fmt == "json":  # C1 and bidi controls of a note as \uXXXX: the same data, nothing live on a terminal
        return json_text(json.dumps(sheet_dict(sheet), ensure_ascii=False, sort_keys=True, indent=2)) + "\n"
    return _csv(sheet) if fmt == "csv" else _text(sheet)
