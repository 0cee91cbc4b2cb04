"""The timeline as CSV for a spreadsheet: one table a file, picked by --part (default programs).

UTF-8 with BOM and CRLF like every CSV of policydiff, so Excel reads the Japanese; money in integer
yen; a `synthetic` column on every row, so a row read on its own still says it is no real year; a
cell of source text that a spreadsheet would run as a formula gets a leading ' (escaping.csv_cell).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from ..diffengine.timeline_model import OUTCOME_ORDER, Timeline
from .escaping import csv_cell

PROGRAM_COLUMNS = ("document", "program_id", "program", "names", "edition", "synthetic", "fiscal_year", "kind",
                   "yen", "part_of", "name_cited", "text", "measures", "also_cited")
MEASURE_COLUMNS = ("document", "lineage_id", "lineage_title", "edition", "synthetic", "measure", "title", "goal",
                   "from_edition", "status", "moved", "fields", "partners", "origin")


def _table(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([[csv_cell("" if v is None else v) for v in row] for row in rows])
    return "\ufeff" + buf.getvalue()


def programs_table(timelines: Sequence[Timeline]) -> str:
    rows = [(t.document, p.key, p.name, " → ".join(p.names), x.edition, x.synthetic, x.fiscal_year, x.kind, x.yen,
             x.part_of, x.name, x.text, " ".join(x.measures), " / ".join(x.also))
            for t in timelines for p in t.programs for x in p.points]
    return _table(PROGRAM_COLUMNS, rows)


def measures_table(timelines: Sequence[Timeline]) -> str:
    rows = []
    for t in timelines:
        for m in t.measures:
            for k, (e, mid) in enumerate(zip(t.editions, m.ids, strict=True)):
                step = m.steps[k - 1] if k else None
                if mid is None and step is None:
                    continue
                rows.append((t.document, m.key, m.title, e.label, e.synthetic, mid, m.titles[k], m.goals[k],
                             t.steps[k - 1].old if step else None, step.status if step else None,
                             step.moved if step else None, " ".join(step.fields) if step else None,
                             " ".join(step.partners) if step else None, m.origin))
    return _table(MEASURE_COLUMNS, rows)


def follow_through_table(timelines: Sequence[Timeline]) -> str:
    """One row per next-year step: its plans by outcome (an outcome unknown here gets a column too)."""
    seen = {o for t in timelines for y in t.follow_through for o, _ in y.outcomes}
    outcomes = [o for o in OUTCOME_ORDER if o in seen or o != "unclear"] + sorted(seen - set(OUTCOME_ORDER))
    columns = ("document", "old", "new", "plans_fiscal_year", "synthetic", "plans", *outcomes, "promised_again",
               "unplanned_results", "promised_again_2_years_running", "dropped_never_mentioned_again")
    rows = []
    for t in timelines:
        for y in t.follow_through:
            counts = dict(y.outcomes)
            running = sum(y.new in p.editions and p.editions.index(y.new) >= 2 for p in t.promises)
            gone = sum(d.step == y.step for d in t.dropped)
            rows.append((t.document, y.old, y.new, y.plans_fy, y.synthetic, y.plans, *(counts.get(o, 0) for o in outcomes),
                         y.promised_again, y.unplanned, running, gone))
    return _table(columns, rows)


def render_timeline_csv(timelines: Sequence[Timeline], part: str) -> str:
    return {"programs": programs_table, "measures": measures_table,
            "follow-through": follow_through_table}[part](timelines)
