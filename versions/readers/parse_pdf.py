"""The report's PDF into an Edition: its ruled table (pdf_cells.py) as the intermediate form, then the
grammar and the assembler every reader shares.

A PDF tells where each line ends: a line's slack is how far (in the body font's ems) it stops short of
the rightmost line of its column on its page, which tells a paragraph's last line and a title.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model.edition import Edition, ParseWarning, Source
from .assembler import assemble
from .grammar import read_rows
from .pdf_cells import PdfTable, read_table
from .table import Cell, Line, Row, Table


def parse_report_pdf(data: bytes, source: Source, document: str | None = None, edition: str | None = None,
                     progress: Callable[[int, int], None] | None = None) -> Edition:
    """Parse a report PDF into an Edition; EditionParseError (one line) for what cannot be read."""
    table = pdf_rows(read_table(data, progress))
    return assemble(table, read_rows(table), source, document, edition)


def pdf_rows(pdf: PdfTable) -> Table:
    """The PDF's table rows as the intermediate form, each line with its slack."""
    rows = []
    for row in pdf.rows:
        cells = []
        for k, parts in enumerate(row.columns):
            lines = [x for cell in parts for x in cell.lines]
            if not row.spanning:
                lines = [_with_slack(x, pdf.right_edges.get((x.page, k)), pdf.em) for x in lines]
            cells.append(Cell(lines, parts[0].bbox if parts else None))
        rows.append(Row(cells))
    warnings = [ParseWarning("layout-pdf-columns", f"page {n}: the table has no rules between its columns and too "
                             "few lines there to tell them; the page's rows are left out", n, 0) for n in pdf.unread]
    warnings += [ParseWarning("layout-pdf-page", f"page {n}: text that no row of the table holds (no rules to "
                              "tell its rows); left out", n, 0) for n in pdf.untabled]
    return Table(rows, "pdf", warnings=warnings, outside=[*pdf.metadata.values(), pdf.outside_text],
                 lines_in_cells=True)


def _with_slack(line: Line, right: float | None, em: float) -> Line:
    if line.box is None or right is None or em <= 0:
        return line
    return Line(line.no, line.page, line.text, line.raw, line.box, line.font, (right - line.box[2]) / em)
