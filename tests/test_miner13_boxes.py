"""pdfminer's text boxes (text_boxes.py, box_*.py): round 13's cases, each on lines cut from a dev or check-set
extraction (tests/data/boxes/).
"""

from __future__ import annotations

from pathlib import Path

from box_snippets import placed

from policydiff.versions.readers.box_cuts import cut_boxes
from policydiff.versions.readers.box_header import take_header
from policydiff.versions.readers.box_rows import place_boxes
from policydiff.versions.readers.box_state import PLANS, RESULTS, Box, Row
from policydiff.versions.readers.geometry import Geometry
from policydiff.versions.readers.text_boxes import _boxes, _split_wide, read_boxes
from policydiff.versions.readers.text_layouts import _paged, prepare

CUTS = Path(__file__).resolve().parent / "data" / "boxes"


def _read(name: str):
    """The cut read as its whole text is: the boxes reader reads page-blind, text_layouts puts on its lines and
    warnings the pages of pdfminer's form feeds."""
    prepared = prepare((CUTS / f"{name}.pdfminer.txt").read_text(encoding="utf-8"))
    return _paged(read_boxes(prepared.lines, prepared.numbers, prepared.order), prepared.feeds)


def test_a_heading_named_among_doubted_rows_is_cited_on_its_own_page():
    # h5500 5520 (Chromium, 5 pt): a page opens with its goals 【規制調和の…】 【早期実用化に…】 (line 111 of the cut),
    # the first read a goal early. Its warning was left to take the page of the row before it (page 1) and so
    # named no row of its page (the cut's second: after its form feed, line 103): the goal read out of place was silent
    table = _read("heading-first-on-page")
    heading = next(row for row in table.rows if row.cells[0].lines[0].text.startswith("【規制調和の促進"))
    line = heading.cells[0].lines[0]
    cited = [w for w in table.warnings if w.line == line.no and w.message.startswith("heading at line")]
    assert [w.page for w in cited] == [line.page] == [2]



def _plans(rows: list, title: str) -> list[str]:
    row = next(x for x in rows if x.desc.lines[0].startswith(title))
    return [x for x in row.cells[PLANS].lines if x.startswith("・")]


def test_the_first_bullet_on_a_page_goes_to_the_next_row_where_the_cut_row_is_over():
    # dev 3082 (reportlab): 「医療機関における…支援体制の拡充」 is cut by a page break after its plans' one bullet
    # (「・引き続き、CRBの質向上や…取り組む。」, printed on its results' first line); its description and results go
    # on at the next page's top, then the next row's description, results and plans. Those plans were read as
    # the cut row's, and every later row's plans one row early
    w = Geometry.from_widths(52.0, 58.0, 38.0)
    rows = placed("cut-row-over", w)
    assert _plans(rows, "医療機関における医療機器の研究開発") == ["・引き続き、CRBの質向上や、臨床研究従事者の育成に取り組む。"]
    assert _plans(rows, "医療機器の多言語表示に向けた取組")[0].startswith("・整理した課題を踏まえ、医療機器の多言語表示")


def test_three_cells_on_one_baseline_are_cut_into_three():
    # dev 3082 line 672 (reportlab, landscape): a description's line, the results' first line and the plans' first
    # line on one baseline; cut once, the plans' words stayed on the results' line, and the results' next line
    # 「じた業界各社への…」 was read on after them: 「…プラットフォームを通・「国際機関の…」をじた…」
    w = Geometry.from_widths(52.0, 58.0, 38.0)
    desc = "とともに、新興国・途上国の市場の開拓につながる可能性がある。欧米先進国やアジアの新興国・途上国は戦略的に"
    results = "・「国際機関の調達枠組を活用した医薬品・医療機器産業等の海外展開促進事業」において、国際公共調達プラットフォームを通"
    plans = "・「国際機関の調達枠組を活用した医薬品・医療機器産業等の海外展開促進事業」を"
    boxes = _split_wide([Box([f"{desc} {results} {plans}"], [672])], w)
    assert [b.lines for b in boxes] == [[desc], [results], [plans]]


def test_a_programs_end_goes_to_the_results_though_as_wide_as_a_full_plans_line():
    # dev 3087 (Chromium, 9 pt, plans 14 cells wide): 「・令和５年度に事業終了」 (11 cells) was read as a full plans line
    # going on, 「後継事業の予定無し」 after it, and the row's results were the next row's, every later row's one row on
    w = Geometry.from_widths(24.0, 19.0, 14.0)
    rows = placed("ended-program-narrow-plans", w)
    ended = next(x for x in rows if x.desc.lines[0].startswith("も横展開する"))
    assert ended.cells[RESULTS].lines == ["・令和５年度に事業終了"]
    assert ended.cells[PLANS].lines == ["後継事業の予定無し"]


def test_paragraphs_after_an_ended_programs_cells_wait_for_the_next_rows_description():
    # d6700 6712 (Chromium, 担当 last): 「・令和５年度に事業終了」 / 「後継事業の予定無し」 and their office, then the next
    # row's results, plans and office, then its description 「臨床現場を理解した企業の…」: those results and plans
    # were read into the ended row, and every later row's cells one row off
    w = Geometry.from_widths(45.0, 51.0, 33.0)
    prepared = prepare((CUTS / "cells-after-ended-program.pdfminer.txt").read_text(encoding="utf-8"))
    _, _, boxes = take_header(_boxes(prepared.lines, prepared.numbers))
    items, _ = place_boxes(_split_wide(cut_boxes(boxes), w), w, w.title_max, True, office_last=True)
    rows = [x for x in items if isinstance(x, Row)]
    ended = next(x for x in rows if x.desc.lines[0].startswith("も横展開する"))
    assert ended.cells[RESULTS].lines == ["・令和５年度に事業終了"]
    assert ended.cells[PLANS].lines == ["後継事業の予定無し"]
    after = next(x for x in rows if x.desc.lines[0].startswith("臨床現場を理解した"))
    assert after.cells[RESULTS].lines[0].startswith("・｢優れた医療機器の創出に係る")
    assert after.cells[PLANS].lines[0].startswith("・令和７年度の取組に加え")
