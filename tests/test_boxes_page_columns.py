"""pdfminer's text boxes: a page's boxes come a column at a time (box_columns._bullet_column).

The cut (tests/data/boxes/one-line-cell-column-printing.pdfminer.txt) is the lead's set 6010 (reportlab, plans
before results): page 1's header, then pages 8-9. On page 9 the plans column prints 「（対応済み）」, the plans of the
row just read (有事における…), before any results box of the page; it was taken for the results of the row before,
and every later results cell went a row late, with no warning on the row the page break cut.
"""

from __future__ import annotations

from pathlib import Path

from policydiff.versions.readers.grammar import read_rows
from policydiff.versions.readers.text_boxes import read_boxes
from policydiff.versions.readers.text_layouts import prepare

CUT = Path(__file__).resolve().parent / "data" / "boxes" / "one-line-cell-column-printing.pdfminer.txt"


def test_a_one_line_cell_goes_to_the_column_printing_on_its_page():
    prepared = prepare(CUT.read_text(encoding="utf-8"))
    reading = read_rows(read_boxes(prepared.lines, prepared.numbers, prepared.order))
    rows = {row.title.text[:8]: row for goal in reading.goals for row in goal.rows if row.title}
    emergency, security = rows["有事における新規"], rows["サイバーセキュリ"]
    assert [line.text for line, _ in emergency.plans] == ["（対応済み）"]
    assert "（対応済み）" not in [line.text for line, _ in security.results]
