"""The sign-off sheet of `policydiff review`: every change of a pair with its mark, as text, JSON
(`policydiff/review/1`, FORMAT.md) or CSV for a spreadsheet (UTF-8 with BOM, as csv_report)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from ..diffengine.diff import Diff
from ..diffengine.ids import step_id
from ..diffengine.model import AUDITOR
from ..versions.archive.reviews import SCHEMA, StoredMark
from .escaping import csv_cell, escaped, json_text, one_line
from .money import yen


@dataclass(frozen=True)
class Row:
    id: str
    kind: str  # measure, budget, rename; between years follow-through, unplanned, budget-trajectory, budget-step, …
    measure: str
    summary: str
    mark: str | None = None
    note: str = ""
    by: str = ""
    at: str = ""


@dataclass(frozen=True)
class Sheet:
    """The sign-off sheet of a pair: every change with its mark, and what no longer fits."""

    old: str
    new: str
    diff: Diff
    rows: tuple[Row, ...]
    stale_marks: tuple[StoredMark, ...]  # marks whose change is gone (a re-ingest, a parser change)
    stale_overrides: tuple[str, ...]


def change_rows(diff: Diff) -> list[Row]:
    """Every change a reader is told about, as (id, kind, measure, summary)."""
    rows = []
    for m in diff.measures:
        status = diff.reads_as(m)
        if status == "unchanged" and not m.moved:
            continue
        by = f" ({AUDITOR}: {m.match.by}, {m.match.at})" if m.match and m.match.reason == AUDITOR else ""
        rows.append(Row(m.id, "measure", m.new_id or m.old_id or "", f"{status}{' moved' if m.moved else ''}: "
                        f"{m.label}{by}"))
    for b in diff.budgets:
        side = b.new or b.old
        old = yen(b.old.yen) if b.old else "—"
        new = yen(b.new.yen) if b.new else "—"
        rows.append(Row(b.id, "budget", side.measure if side else "",
                        f"{b.status} {b.program} FY{b.fiscal_year or '?'}: {old} → {new}"))
    for r in diff.renames:
        rows.append(Row(r.id, "rename", r.measure, f"{r.old} → {r.new} ({r.evidence} {r.confidence:.2f})"))
    # The annual layer of a next-year diff: last year's plans, new results, budget steps, programs.
    for e in diff.follow_through:
        by = f" ({AUDITOR}: {e.by}, {e.at})" if e.by else ""
        rows.append(Row(e.id, "follow-through", e.old_measure, f"{e.outcome}: {e.plan.text[:60]}{by}"))
    for u in diff.unplanned_results:
        rows.append(Row(u.id, "unplanned", u.new_measure, u.result.text[:60]))
    for t in diff.budget_trajectories:
        if any(x.changed for x in t.steps):
            rows.append(Row(t.id, "budget-trajectory", "", f"{t.program}: {len(t.steps)} step(s)"))
        for s in t.steps:  # each step that moved, markable on its own as in the HTML report
            if s.changed:
                before = f"FY{s.from_fiscal_year} {s.from_kind} {yen(s.from_yen)}" if s.from_kind else "new line"
                rows.append(Row(step_id(t.id, s), "budget-step", "", f"{t.program} {s.type}: {before} → "
                                f"FY{s.fiscal_year} {s.to_kind} {yen(s.to_yen)}"))
    for ev in diff.program_events:
        rows.append(Row(ev.id, "program-event", ev.measure, f"{ev.event} {ev.program}"
                        + (f" → {ev.successor}" if ev.successor else "")))
    for w in diff.warnings:
        rows.append(Row(w.id, "warning", "", f"{w.code}: {w.message[:60]}"))
    return rows


def sheet_dict(sheet: Sheet) -> dict:
    return {"schema": SCHEMA, "old": sheet.old, "new": sheet.new,
            "synthetic": [ref.label for ref in (sheet.diff.old, sheet.diff.new) if ref.synthetic],
            "changes": [{"id": r.id, "kind": r.kind, "measure": r.measure, "summary": r.summary, "mark": r.mark,
                         "note": r.note or None, "by": r.by or None, "at": r.at or None} for r in sheet.rows],
            "stale_marks": [{"id": m.id, "kind": m.kind, "measure": m.measure, "summary": m.summary,
                             "mark": m.mark, "note": m.note, "by": m.by, "at": m.at} for m in sheet.stale_marks],
            "stale_overrides": list(sheet.stale_overrides)}


COLUMNS = ("id", "kind", "measure", "summary", "mark", "note", "by", "at", "synthetic", "stale")


def _text(sheet: Sheet) -> str:
    d = sheet_dict(sheet)
    # Notes, names and summaries are someone else's text: nothing in them may act on a terminal.
    sheet = Sheet(sheet.old, sheet.new, sheet.diff, escaped(sheet.rows, one_line), escaped(sheet.stale_marks, one_line),
                  escaped(sheet.stale_overrides, one_line))
    lines = [f"*** {label} is a SYNTHETIC edition, not a real report ***" for label in d["synthetic"]]
    marked = sum(1 for r in sheet.rows if r.mark)
    lines.append(f"review {sheet.old} → {sheet.new}: {len(sheet.rows)} change(s), {marked} marked")
    for r in sheet.rows:
        mark = f"[{r.mark}]" if r.mark else "[ ]"
        lines.append(f"  {r.id}  {mark:<10} {r.kind:<7} {r.measure:<5} {r.summary}")
        if r.mark:
            lines.append(f"      {r.by}, {r.at}" + (f": {r.note}" if r.note else ""))
    for m in sheet.stale_marks:
        lines.append(f"  stale mark {m.id} [{m.mark}] by {m.by}, {m.at}: the change no longer exists "
                     f"({m.kind} {m.measure} {m.summary})")
    for line in sheet.stale_overrides:
        lines.append(f"  stale override: {line}")
    return "\n".join(lines) + "\n"


def _csv(sheet: Sheet) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    fake = "; ".join(sheet_dict(sheet)["synthetic"])
    # Every cell is text someone else chose (a note, a name, a program): guarded against formulas.
    for r in sheet.rows:
        writer.writerow([csv_cell(x) for x in (r.id, r.kind, r.measure, r.summary, r.mark or "", r.note, r.by, r.at,
                                               fake, "")])
    for m in sheet.stale_marks:  # a mark whose change vanished: still part of what was signed off
        writer.writerow([csv_cell(x) for x in (m.id, m.kind, m.measure, m.summary, m.mark, m.note, m.by, m.at,
                                               fake, "yes")])
    return "\ufeff" + buf.getvalue()


def render_review_sheet(sheet: Sheet, fmt: str) -> str:
    if fmt == "json":  # C1 and bidi controls of a note as \uXXXX: the same data, nothing live on a terminal
        return json_text(json.dumps(sheet_dict(sheet), ensure_ascii=False, sort_keys=True, indent=2)) + "\n"
    return _csv(sheet) if fmt == "csv" else _text(sheet)
