"""pdfminer's text boxes (box_*.py): round 14's cases, each on lines cut from a dev or check-set extraction
(tests/data/boxes/).
"""

from __future__ import annotations

from pathlib import Path

from box_snippets import placed, row_starting

from policydiff.versions.readers.box_columns import column_of, width_column
from policydiff.versions.readers.box_state import PLANS, RESULTS, Box, State
from policydiff.versions.readers.geometry import Geometry

CUTS = Path(__file__).resolve().parent / "data" / "boxes"




def test_an_ended_programs_cell_boxed_with_the_next_rows_bullet_is_cut_from_it():
    # h5300 5340 (Chromium, plans printed first): 「後継事業の予定無し」 and the next row's plans 「・令和６年度の取組に加え、…」
    # in one box, 「・令和５年度に事業終了」 and the next row's results in another: read as the ended row's cells, the
    # next row took none, and every later row's cells were one row off
    rows = placed("ended-cell-boxed-with-next", Geometry.from_widths(42.0, 43.0, 43.0))
    ended = row_starting(rows, "も横展開する")
    assert ended.cells[RESULTS].lines == ["・令和５年度に事業終了"]
    assert ended.cells[PLANS].lines == ["後継事業の予定無し"]
    after = row_starting(rows, "臨床現場を理解した")
    assert after.cells[PLANS].lines[0].startswith("・令和６年度の取組に加え")
    assert after.cells[RESULTS].lines[0].startswith("・｢優れた医療機器の創出に係る")


def test_a_cell_printed_after_a_goal_goes_below_it_where_the_row_above_was_printed_before_it():
    # dev 3097 (reportlab), boxes cut from lines 904-1078 without the first row's results (lines 990-994, which a
    # reading one row late above the goal gave to the row before): the results column a row late above 【国際展開
    # に…】, the plans of its last row printed before the goal; the first results after the goal, 「（アジア健康構
    # 想）…」, were read into the row above it, and every row of the goal had the results of the row before
    rows = placed("cells-past-goal", Geometry.from_widths(22.0, 26.0, 26.0))
    assert row_starting(rows, "協力覚書を踏まえた").cells[RESULTS].lines[0] == "（アジア健康構想）"
    above = row_starting(rows, "小児用医療機器のサイズ展開")
    assert RESULTS not in above.cells and RESULTS in above.doubted


def test_a_bullets_verb_ending_wrapped_alone_still_tells_its_column():
    # h5300 5303 (results and plans as wide, 26 cells): a plan ending 「…利活用拡大に取り組」 / 「む。」, told by neither
    # its widths nor its last line, was taken for a result by the rows' order, every later plans cell a row off
    w = Geometry.from_widths(22.0, 26.0, 26.0)
    state = State(w, w.title_max)
    box = Box(["・引き続き、仮名加工医療情報の利用事業者の認定申請", "を促進するとともに、国の公的データベースとの連結解",
               "析が可能な匿名加工医療情報等の利活用拡大に取り組", "む。"], [689, 690, 691, 692])
    state.boxes, state.decided = [box], [width_column(box, w, w.title_max)]
    assert column_of(state, 0, box) == PLANS
