"""Issue 13 with issue 12: a report on an edition read from a PDF says where to look on the page. Its
citations are the PDF page and the line within the table cell, every format says so, and the JSON
(`bbox`) and the HTML (a title on each citation) give the cell's box, read from the parsed edition."""

from __future__ import annotations

import json
from pathlib import Path

import pdf_editions
import pytest

from policydiff import api
from policydiff.renderers import render
from policydiff.renderers.cite import box
from policydiff.renderers.options import ReportOptions

DATA = Path(__file__).parent / "data"
PDF = DATA / "pdf" / "seed-chromium.pdf"
NEXT = DATA / "nextyear" / "iryokiki-kihonkeikaku_fy2025-synthetic.txt"


@pytest.fixture(scope="module")
def pdf_edition():
    return pdf_editions.pdf_edition(PDF.name)  # api.open_edition(PDF), read once per process


@pytest.fixture(scope="module")
def d(pdf_edition):
    return api.diff(pdf_edition, api.open_edition(NEXT))


def test_json_cites_the_pdf_cell_of_every_measure_budget_and_plan(d, pdf_edition):
    data = json.loads(render(d, "json"))
    assert (data["old"]["cites"], data["new"]["cites"]) == ("pdf-cells", "text-lines")
    rows = {m.id: m for m in pdf_edition.measures}
    cited = [r for r in data["measures"] if r["old_id"]]
    assert cited
    for r in cited:
        m = rows[r["old_id"]]
        assert r["old_cite"] == {"page": m.page, "line": m.line, "bbox": list(m.bbox)}
        assert r["new_cite"] is None or "bbox" not in r["new_cite"]  # the text edition has no boxes
    bullets = {(m.id, b.text): b for m in pdf_edition.measures for _, b in m.bullets}
    for e in data["follow_through"]:
        b = bullets[(e["old_measure"], e["plan"]["text"])]
        assert (e["plan"]["page"], e["plan"]["line"], e["plan"]["bbox"]) == (b.page, b.line, list(b.bbox))
    boxes = {(m.id, x.page, x.line): list(b.bbox) for m, _, b, x in pdf_edition.budgets()}
    olds = [x["old"] for x in data["budgets"] if x["old"]]
    assert olds and all(s["bbox"] == boxes[(s["measure"], s["page"], s["line"])] for s in olds)


def test_html_gives_the_cell_box_of_each_pdf_citation_and_text_says_what_pdf_citations_are(d, pdf_edition):
    page = render(d, "html", ReportOptions())
    rows = {m.id: m for m in pdf_edition.measures}
    shown = [m for m in d.measures if m.old_id and (d.reads_as(m) != "unchanged" or m.moved)]
    assert shown
    for m in shown:
        assert box(rows[m.old_id].bbox) in page, m.old_id
    for e in d.follow_through:
        assert f"PDF p.{e.plan.page}, line {e.plan.line} of the table cell; at {box(e.plan.bbox)}" in page
    note = f"{d.old.label} was read from a PDF's table: p. is the PDF page, l. the line within the table cell"
    for fmt in ("text", "markdown"):
        out = render(d, fmt, ReportOptions())
        assert note in out and f"{d.new.label} was read from a PDF" not in out, fmt
