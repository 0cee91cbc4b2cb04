"""Budget changes as CSV for a spreadsheet: UTF-8 with BOM so Excel reads the Japanese correctly.

A cell of source text that a spreadsheet would run as a formula (=HYPERLINK(…), @SUM(…), +, -, tab,
CR first) gets a leading ' (OWASP's rule, escaping.csv_cell); numbers, a negative delta among them,
are written as numbers.
"""

from __future__ import annotations

import csv
import io

from ..diffengine.diff import Diff
from .escaping import csv_cell
from .options import ReportOptions

COLUMNS = ("status", "program", "fiscal_year", "old_kind", "old_yen", "old_part_of", "new_kind", "new_yen",
           "new_part_of", "delta_yen", "delta_pct", "comparable", "old_measure", "new_measure", "old_text",
           "new_text", "synthetic", "old_page", "old_line", "new_page", "new_line")


def render_csv(diff: Diff, options: ReportOptions | None = None) -> str:
    """The budget changes; with options.table, that table of the annual layer (renderers/yearly_csv.py)."""
    if options is not None and options.table:
        from .yearly_csv import render_table

        return render_table(diff, options.table)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    # Every row names a SYNTHETIC side: a spreadsheet row copied or filtered alone must not look real.
    fake = "; ".join(f"{side}: {ref.label}" for side, ref in (("old", diff.old), ("new", diff.new)) if ref.synthetic)
    for b in diff.budgets:
        o, n = b.old, b.new
        writer.writerow([csv_cell(cell) for cell in (
            b.status, b.program, b.fiscal_year or "",
            o.kind if o else "", "" if not o or o.yen is None else o.yen, o.part_of if o else "",
            n.kind if n else "", "" if not n or n.yen is None else n.yen, n.part_of if n else "",
            "" if b.delta_yen is None else b.delta_yen, "" if b.delta_pct is None else b.delta_pct,
            b.comparable, o.measure if o else "", n.measure if n else "", o.text if o else "", n.text if n else "", fake,
            o.page if o else "", o.line if o else "", n.page if n else "", n.line if n else "",
        )])
    return "\ufeff" + buf.getvalue()
