"""pdfminer's text boxes (box_rows.py, box_carried.py): placements the boxes' order and widths cannot tell,
named on the rows they may have gone wrong in, each on lines cut from a seen extraction (tests/data/boxes/:
generated layouts 5016 and 5149, both reportlab, whose rows were read wrong with no warning naming them).
"""

from __future__ import annotations

from pathlib import Path

from policydiff.versions.readers.box_rows import place_boxes
from policydiff.versions.readers.box_state import PLANS, RESULTS, Box, Row
from policydiff.versions.readers.geometry import Geometry
from policydiff.versions.readers.text_boxes import _boxes, _split_wide
from policydiff.versions.readers.text_layouts import prepare

CUTS = Path(__file__).resolve().parent / "data" / "boxes"


def _cut(name: str) -> list[Box]:
    prepared = prepare((CUTS / f"{name}.pdfminer.txt").read_text(encoding="utf-8"))
    boxes = _boxes(prepared.lines, prepared.numbers)
    return [box for box in boxes if not box.lines[0].startswith("policydiff-synthetic")]


def _row(items: list, start: str) -> Row:
    return next(x for x in items if isinstance(x, Row) and x.desc.lines[0].startswith(start))


def test_a_rows_last_paragraphs_printed_after_the_next_rows_description_name_both_rows():
    # seen 5016 (office first): 「個別企業に対する国際展開の支援機能の強化」's second result 「・ヘルスケア産業国際展開推進
    # 事業費補助金事業にて…」 and second plan are printed after 「販路開拓の支援」's office and description, and read as
    # that row's first paragraphs (both rows looked whole: silent). Their words are the first row's
    # (「事業化実証支援」「体制の構築」): both rows named
    w = Geometry.from_widths(58.0, 46.0, 33.0)
    items, _ = place_boxes(_cut("carried-paragraphs"), w, w.title_max, True, office_first=True)
    first, second = _row(items, "個別企業に対する"), _row(items, "販路開拓の支援")
    assert second.cells[RESULTS].lines[0].startswith("・ヘルスケア産業国際展開推進事業費補助金事業")
    for row in (first, second):
        assert {RESULTS, PLANS} <= row.doubted
        assert any("speaks of the first row's description" in x for x in row.doubts)
    assert not _row(items, "国際展開支援における各省庁").doubts  # its cells go with its own description


def test_a_paragraph_continuing_a_cell_left_open_rows_before_is_named():
    # seen 5149 (plans before results, office last): 「…（令和7年12月までに累計81件）」 ends a full line with a bracket,
    # so the cell stays open; the next row's results follow, then a subgoal and a row whose results open without
    # a bullet 「重点５分野については、…」, read as the rest of the cell two rows back (that row looked whole: silent)
    w = Geometry.from_widths(58.0, 47.0, 34.0)
    items, _ = place_boxes(_cut("open-cell-rows-back"), w, w.title_max, True, (PLANS, RESULTS), office_last=True)
    held = _row(items, "次世代医療基盤法")
    assert any(x.startswith("重点５分野については") for x in held.cells[RESULTS].lines)
    assert any("left open rows before" in x for x in held.doubts)
    assert any("left open rows before" in x for x in _row(items, "重点分野における").doubts)


def test_a_descriptions_tag_and_a_bullet_on_one_baseline_are_two_cells():
    # dev 3031 line 1231 (reportlab, wide description): the description's last line closes its tag and the plans'
    # first line follows on its baseline; cut by width only, where the first part is no wider than the results
    # column (38 cells here, as the reader estimates them; the description's part is 47), it was not cut at all
    # and the plans' first line was read into the description
    w = Geometry.from_widths(48.0, 38.0, 28.0)
    line = "握したサプライチェーン上の問題を踏まえて、平時から供給力を高めることに取り組む。［◎厚、◎経］ ・引き続き、「医療機器等のサプライチェーンリスク評価及び"
    rest = ["安定供給確保事業」において感染症法等に基づく医薬品等の供", "給情報の報告徴収・生産促進要請等に関する運用ガイドライ"]
    boxes = _split_wide([Box([line, *rest], [1231, 1232, 1233])], w)
    assert [b.lines for b in boxes] == [["握したサプライチェーン上の問題を踏まえて、平時から供給力を高めることに取り組む。［◎厚、◎経］"],
                                        ["・引き続き、「医療機器等のサプライチェーンリスク評価及び"], rest]


def test_a_tag_that_closes_no_ministry_list_is_no_cells_end():
    # a bracket 「［…］」 that names no lead ministry ◎ is a description's words, not its tag: no cut after it
    w = Geometry.from_widths(48.0, 38.0, 28.0)
    line = "［参考］ ・医療機器の開発を進める。"
    assert [b.lines for b in _split_wide([Box([line], [1])], w)] == [[line]]
