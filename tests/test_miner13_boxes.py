"""pdfminer's text boxes (text_boxes.py, box_*.py): round 13's cases, each on lines cut from a check-set
extraction (tests/data/boxes/).
"""

from __future__ import annotations

from pathlib import Path

from policydiff.versions.readers.text_boxes import read_boxes
from policydiff.versions.readers.text_layouts import prepare

CUTS = Path(__file__).resolve().parent / "data" / "boxes"


def _read(name: str):
    prepared = prepare((CUTS / f"{name}.pdfminer.txt").read_text(encoding="utf-8"))
    return read_boxes(prepared.lines, prepared.numbers, prepared.order)


def test_a_heading_named_among_doubted_rows_is_cited_on_its_own_page():
    # h5500 5520 (Chromium, 5 pt): a page opens with its goals 【規制調和の…】 【早期実用化に…】 (line 111 of the cut),
    # the first read a goal early. Its warning was left to take the page of the row before it (page 1) and so
    # named no row of page 3: the goal read out of place was silent
    table = _read("heading-first-on-page")
    heading = next(row for row in table.rows if row.cells[0].lines[0].text.startswith("【規制調和の促進"))
    line = heading.cells[0].lines[0]
    cited = [w for w in table.warnings if w.line == line.no and w.message.startswith("heading at line")]
    assert [w.page for w in cited] == [line.page] == [3]
