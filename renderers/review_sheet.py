"""The sign-off sheet of `policydiff review`: every change of a pair with its mark, as text, JSON
(`policydiff/review/1`, FORMAT.md) or CSV for a spreadsheet (UTF-8 with BOM, as csv_report)."""

from __future__ import annotations

import csv
import io
import json

from ..auditing import Sheet, sheet_dict

COLUMNS = ("id", "kind", "measure", "summary", "mark", "note", "by", "at", "synthetic")


def _text(sheet: Sheet) -> str:
    d = sheet_dict(sheet)
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
    for r in sheet.rows:
        writer.writerow([r.id, r.kind, r.measure, r.summary, r.mark or "", r.note, r.by, r.at, fake])
    return "\ufeff" + buf.getvalue()


def render_review_sheet(sheet: Sheet, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(sheet_dict(sheet), ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    return _csv(sheet) if fmt == "csv" else _text(sheet)
