"""A ministry tag wrapped over lines of a PDF cell is one tag, wherever the line before it stopped.

reportlab (tests/pdfgen/drawn.py) lets 「］」 start a line, so m036's tag ［◎厚、経］ ends its description
cell as 「…取り組む。［◎厚、経」 / 「］」 (page 4). A producer that keeps 「経］」 together, or wraps by
phrases, stops the line holding 「［」 short of the cell's edge; the reader ends a paragraph at a short
line, and must not end one inside a tag (the lone 「］」 lost, or 「経］」 read as the whole tag).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest
from pdf_editions import pdf_edition, pdf_table

from policydiff.versions.model.edition import Source
from policydiff.versions.readers import parse_pdf

PDFS = Path(__file__).resolve().parent / "data" / "pdf"
DRAWN = ("seed-drawn.pdf", "fy2022-synthetic.pdf")  # the reportlab PDFs


def _read(name: str, table=None):
    """NAME's edition as the PDF reader reads it, or as it reads TABLE in place of the PDF's own table."""
    if table is None:
        return pdf_edition(name)  # api.open_edition of the PDF, read once per process
    data = (PDFS / name).read_bytes()
    original = parse_pdf.read_table
    parse_pdf.read_table = lambda _data, _progress=None: table
    try:
        return parse_pdf.parse_report_pdf(data, Source(name, hashlib.sha256(data).hexdigest(), ""))
    finally:
        parse_pdf.read_table = original


@pytest.fixture(scope="module")
def table_of():
    """NAME → a fresh copy of its PDF's table, the PDF read once per process (each case rewraps its copy's
    lines; a read is 1-3 s, seven of them per PDF where one does)."""
    return pdf_table


def _m036(ed):
    return next(m for m in ed.measures if m.id == "m036")


def _tag_cell(table):
    """m036's description cell: its lines, the last one holding 「［」."""
    row = next(r for r in table.rows if not r.spanning and r.text(0).startswith("海外の医療従事者・医療機関との関係"))
    lines = row.columns[0][0].lines
    opening = max(k for k, x in enumerate(lines) if "［" in x.text)
    return lines, opening


@pytest.mark.parametrize("name", DRAWN)
def test_a_lone_closing_bracket_on_the_next_line_closes_the_tag(name, seed_edition, table_of):
    lines, opening = _tag_cell(table_of(name))
    assert [x.text for x in lines[opening:]][-1] == "］"  # the PDF really wraps the tag so
    ed = _read(name)
    assert _m036(ed).ministries == _m036(seed_edition).ministries
    assert not [w for w in ed.warnings if w.code == "no-ministry-tag" and w.message.startswith("m036")]


def _rewrap(lines, opening, head: str, tail: str, right: float, em: float):
    """The cell with its last two lines broken at HEAD | TAIL, the first ending at RIGHT."""
    first, second = lines[opening], lines[opening + 1]
    assert first.box is not None and second.box is not None
    text = first.text + second.text
    assert text.endswith(head + tail)
    cut = len(text) - len(tail)
    x0 = first.box[0]
    lines[opening:opening + 2] = [
        replace(first, text=text[:cut], raw=text[:cut], box=(x0, first.box[1], right, first.box[3])),
        replace(second, text=tail, raw=tail, box=(x0, second.box[1], x0 + len(tail) * em, second.box[3]))]


@pytest.mark.parametrize("name", DRAWN)
@pytest.mark.parametrize(("head", "tail", "short_by"), [("取り組む。［◎厚、経", "］", 2), ("取り組む。［◎厚、", "経］", 2),
                                                        ("取り組む。［◎", "厚、経］", 3)])
def test_a_tag_broken_after_a_short_line_is_still_one_tag(name, head, tail, short_by, seed_edition, table_of):
    # As a producer that wraps by phrases leaves it: the line holding 「［」 stops SHORT_BY characters
    # before the cell's right edge, which elsewhere ends a paragraph.
    table = table_of(name)
    lines, opening = _tag_cell(table)
    right = table.right_edges[(lines[opening].page, 0)]
    _rewrap(lines, opening, head, tail, right - short_by * table.em, table.em)
    ed = _read(name, table)
    m, want = _m036(ed), _m036(seed_edition)
    assert m.ministries == want.ministries
    assert m.description.endswith("取り組む。") and "［" not in m.description
    assert not [w for w in ed.warnings if w.code == "no-ministry-tag" and w.message.startswith("m036")]
