"""The annual layer's tables as CSV, one table a file (`--table budgets|follow-through|events`).

UTF-8 with BOM and CRLF, as the budget-change CSV, so Excel reads the Japanese correctly. Money is
integer yen; an empty cell is a missing amount. The last columns say how the two editions relate and
which of them is SYNTHETIC, so that a table read on its own still says what it compares. A cell of source text that a
spreadsheet would run as a formula gets a leading ' (escaping.csv_cell, the OWASP rule); numbers
stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from ..diffengine.ids import step_id
from ..diffengine.reasons import words
from .escaping import csv_cell

TABLES = ("budgets", "follow-through", "events")

BUDGET_COLUMNS = ("id", "program", "names", "type", "from_fiscal_year", "from_kind", "from_yen", "fiscal_year",
                  "to_kind", "to_yen", "delta_yen", "delta_pct", "comparable", "from_edition", "from_page",
                  "from_line", "to_edition", "to_page", "to_line")
# Results are listed in one cell each way, space separated, page i with line i. An unplanned result
# (one that answers no plan) is a row of its own with outcome `unplanned` and no plan.
LEDGER_COLUMNS = ("id", "old_measure", "new_measure", "plan_line", "outcome", "score", "result_lines",
                  "promised_again_line", "carried_over", "reason", "plan", "results", "plan_page", "result_pages",
                  "promised_again_page", "paired_by", "paired_at", "candidate_lines")
EVENT_COLUMNS = ("id", "event", "program", "successor", "confidence", "measure", "evidence_edition", "evidence_line",
                 "evidence", "evidence_page", "old_page", "old_line", "new_page", "new_line")


def _blank(v: object) -> object:
    return "" if v is None else v


def _write(diff: Any, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    relation = "one-edition" if diff.within_edition else diff.relation
    # Every row names a SYNTHETIC side, as the budget-change CSV does: a row copied or filtered alone
    # must not look real.
    sides = (("old", diff.old),) if diff.within_edition else (("old", diff.old), ("new", diff.new))
    fake = "; ".join(f"{side}: {ref.label}" for side, ref in sides if ref.synthetic)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([*columns, "relation", "synthetic"])
    writer.writerows([[*(csv_cell(_blank(v)) for v in row), relation, csv_cell(fake)] for row in rows])
    return "\ufeff" + buf.getvalue()


def budgets_table(diff: Any) -> str:
    rows = []
    for t in diff.budget_trajectories:
        for s in t.steps:
            rows.append((step_id(t.id, s), t.program,
                         " ← ".join(reversed(t.names)), s.type, s.from_fiscal_year, s.from_kind, s.from_yen,
                         s.fiscal_year, s.to_kind, s.to_yen, s.delta_yen, s.delta_pct, s.comparable,
                         *(s.from_cite or (None, None, None)), *(s.to_cite or (None, None, None))))
    return _write(diff, BUDGET_COLUMNS, rows)


def _at(where: tuple[int, int]) -> tuple[int | None, int | None]:
    return where if where != (0, 0) else (None, None)


def ledger_table(diff: Any) -> str:
    rows = [(e.id, e.old_measure, e.new_measure, e.plan.line,
             e.outcome, e.score, " ".join(str(r.line) for r in e.results),
             e.promised_again.line if e.promised_again else None, e.carried_over, words(e.reasons), e.plan.text,
             "\n".join(r.text for r in e.results), e.plan.page, " ".join(str(r.page) for r in e.results),
             e.promised_again.page if e.promised_again else None, e.by, e.at,
             " ".join(str(c.line) for c in e.candidates)) for e in diff.follow_through]
    rows += [(u.id, None, u.new_measure, None, "unplanned", None, str(u.result.line), None, None, None, None,
              u.result.text, None, str(u.result.page), None, None, None, None) for u in diff.unplanned_results]
    return _write(diff, LEDGER_COLUMNS, rows)


def events_table(diff: Any) -> str:
    rows = [(e.id, e.event, e.program, e.successor, e.confidence,
             e.measure, e.evidence.edition if e.evidence else None, e.evidence.line if e.evidence else None,
             e.evidence.text if e.evidence else (words(e.reasons, listed=True) or None),
             e.evidence.page if e.evidence else None,
             *_at(e.old_cite), *_at(e.new_cite)) for e in diff.program_events]
    return _write(diff, EVENT_COLUMNS, rows)


def render_table(diff: Any, table: str) -> str:
    return {"budgets": budgets_table, "follow-through": ledger_table, "events": events_table}[table](diff)
