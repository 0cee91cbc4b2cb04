"""pdfminer's text boxes (text_boxes.py, box_*.py): round 12's cases, each on lines cut from a dev extraction
(tests/data/boxes/) or taken from one.

- a hidden label 「列N」 wrapped in the header, its digit on the next line or in the next box, is a header word;
- a column as narrow as 11-12 cells (9 pt in a narrow column) still has its full width measured;
- a title that stops three cells short of its description's full lines is a title;
- a goal with its 「（再掲）」 wrapped below it, or a vision wrapped to its 「…に向けて」, spans the table.
"""

from __future__ import annotations

from pathlib import Path

from policydiff.versions.readers.box_columns import _title_alone
from policydiff.versions.readers.box_cuts import cut_boxes
from policydiff.versions.readers.box_header import office_first, take_header
from policydiff.versions.readers.box_rows import place_boxes
from policydiff.versions.readers.box_state import PLANS, RESULTS, Box, Cell, Row, State, spanning
from policydiff.versions.readers.geometry import Geometry
from policydiff.versions.readers.grammar import read_rows
from policydiff.versions.readers.text_boxes import _boxes, estimate_widths, read_boxes
from policydiff.versions.readers.text_layouts import prepare

CUTS = Path(__file__).resolve().parent / "data" / "boxes"


def _prepared(name: str):
    return prepare((CUTS / f"{name}.pdfminer.txt").read_text(encoding="utf-8"))


def _cut(name: str) -> list[Box]:
    prepared = _prepared(name)
    return _boxes(prepared.lines, prepared.numbers)


def test_a_hidden_label_wrapped_before_the_description_cell_is_a_header_word():
    # dev 3092 (Chromium, 担当 first): 「担当 列1 列2 列 該当箇所」 / 「3」: the header was not found (text refused)
    (line, number), _, rest = take_header(_cut("header-label-wrapped"))
    assert line == "該当箇所 令和６年度の実績・状況 令和７年度の取組予定 担当"
    assert number == 5
    assert any(box.lines[0].startswith("（１）「医療機器の研究開発の中心地") for box in rest[:3])


def test_a_hidden_labels_digit_opening_the_next_line_is_a_header_word():
    # dev 3021 (Chromium, 担当 first; its first page's top, then page 2's): 「担当 列1 列」 / 「2 列3」 in one box, not
    # read as the header's: repeated on page 2, it was read as a row's description, and no page break seen there
    boxes = _cut("header-label-digit-wrapped")
    assert office_first(boxes)
    (line, _), _, rest = take_header(boxes)
    assert line == "該当箇所 令和６年度の実績・状況 令和７年度の取組予定 担当"
    assert not any("列" in x for box in rest for x in box.lines)
    # (this cut held pdfminer's form feed, which decode_report dropped from every real text; now the text readers
    # get them as `Prepared.feeds`, and the boxes reader takes none: passing them in round 15 made a reading that
    # passed silently wrong, its rules having been made page-blind; the fragments reader counts pages by them)


def test_a_plans_column_twelve_cells_wide_is_measured():
    # dev 3060 (Chromium, 9 pt, wide description): results wrap at 17 cells, plans at 12; widths under 16
    # cells were never taken for a column's, and the text was refused (too few full lines)
    _, _, rest = take_header(_cut("narrow-plans"))
    w = estimate_widths(cut_boxes(rest))
    assert (w.description, w.results, w.plans) == (21.0, 17.0, 12.0)


def test_a_title_three_cells_short_of_the_description_is_read_as_the_title():
    # dev 3009 (reportlab, 36 cells): 「医療機器ベンチャーの創出・連携強化及び人材流動化に向けた取組の促進」 (33)
    # over a description whose first line was lost (「踏まえ、…」) was read into the description
    prepared = _prepared("title-three-cells-short")
    reading = read_rows(read_boxes(prepared.lines, prepared.numbers, prepared.order))
    titles = {row.title.no: row.title.text for goal in reading.goals for row in goal.rows if row.title}
    assert titles[280] == "医療機器ベンチャーの創出・連携強化及び人材流動化に向けた取組の促進"


def test_a_goal_with_its_reposted_mark_wrapped_below_it_spans_the_table():
    # dev 3092 lines 2100-2101: 「【医療保険制度における…評価の実施】」 / 「（再掲）」 was read as a row's text, the goal lost
    goal = ["【医療保険制度におけるイノベーションに対する適切な評価の実施】", "（再掲）"]
    vision = ["（１）「医療機器の研究開発の中心地としての", "我が国の地位の確立」に向けて"]
    assert spanning(Box(goal, [2100, 2101]))
    assert spanning(Box(vision, [7, 8]))
    assert not spanning(Box([goal[0], "臨床現場を理解した企業の医療機器の研究開発人材の育成"], [1, 2]))
    assert not spanning(Box([vision[0], "臨床現場を理解した企業の"], [1, 2]))
    w = Geometry.from_widths(31.0, 35.0, 24.0)
    items, _ = place_boxes([Box(["（上記参照）"], [2099]), Box(goal, [2100, 2101]), Box(["（上記参照）"], [2103])],
                           w, w.title_max, False)
    assert [item.lines for item in items] == [["（上記参照）"], goal, ["（上記参照）"]]


def test_cells_printed_after_a_goal_under_a_row_whose_office_was_printed_are_the_next_rows():
    # dev 3068 (reportlab, 担当 last): a row's cells and office, the goal 【企業による…】, then the next row's plans,
    # results and office, and only then its description: they were read into the row above the goal, and every
    # later row's cells one row off
    prepared = _prepared("cells-after-goal")
    w = Geometry.from_widths(46.0, 37.0, 27.0)
    items, _ = place_boxes(cut_boxes(_boxes(prepared.lines, prepared.numbers)), w, w.title_max, True,
                           office_last=True)
    rows = [item for item in items if not isinstance(item, Box)]
    assert rows[0].cells[PLANS].lines[0].startswith("・「MEDIC」や「地域連携拠点」")
    assert len([x for x in rows[0].cells[PLANS].lines if x.startswith("・")]) == 1
    assert rows[1].desc.lines[0] == "医療機器の研究開発等の目的に合致したデータバンクの構築支援"
    assert rows[1].cells[PLANS].lines[0].startswith("・引き続き「バイオバンクにおけるデータ・")
    assert rows[1].cells[RESULTS].lines[0].startswith("・NCBNでは、")


def test_a_heading_worded_line_after_a_closed_row_and_before_its_own_bullets_is_a_row_of_a_title_alone():
    # dev 3065 boxes 218-221 (reportlab, plans first, 23 / 27 / 27 cells): 「保険導入の手引きの作成」, a row with a title
    # only (no description, no tag), was read as the last line of a row's plans, every later row's plans one row
    # early. Not at a page's top (dev 3043: the row the break cut goes on after it), nor where the results and
    # plans have reached different rows already (seen 5335: read so, the plans went one row off as well)
    w = Geometry.from_widths(23.0, 27.0, 27.0)
    state = State(w, w.title_max, cells=(PLANS, RESULTS))
    state.boxes = [Box(["保険導入の手引きの作成"], [1449]),
                   Box(["・｢医療機器・体外診断用医薬品の保険適用に関するガイ", "ドブック｣を活用し、保険適用に関する事前相",
                        "談の充実を図っていく。"], [1451, 1452, 1453])]
    state.decided = ["", PLANS]
    state.rows = [Row(Cell(["イノベーションへの適切な評価", "引き続き推進する。［◎厚］"], [1438, 1444]), True, closed=True)]
    state.at = {RESULTS: 0, PLANS: 0, "office": -1}
    assert _title_alone(state, 0)
    state.cut = -2  # the first description of a page
    assert not _title_alone(state, 0)
    state.cut, state.at[RESULTS] = -1, -1
    assert not _title_alone(state, 0)
