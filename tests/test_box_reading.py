"""pdfminer's text boxes (text_boxes.py, box_*.py): what round 7 taught the boxes reader, each on lines cut
from a dev extraction (tests/data/boxes/: the first lines of dev layouts 3010, 3011 and 3018's
pdfminer text).

- the header's cells fall in boxes of any kind and order (box_header.py);
- the results and plans columns may be as wide as each other, or the plans the wider: their paragraphs'
  last words tell them apart (「…を推進した。」 / 「…を図る予定。」);
- a program's end is worded for its column (「・令和５年度に事業終了」 a result, 「後継事業の予定無し」 a plan);
- a document title printed between the header and the first heading is no row's text;
- a column's cells shifted by one row are named on every row between the evidence at its two ends.
"""

from __future__ import annotations

from pathlib import Path

from policydiff.versions.readers.box_columns import ended, twins, width_column, worded
from policydiff.versions.readers.box_cuts import cut_boxes
from policydiff.versions.readers.box_header import take_header
from policydiff.versions.readers.box_shifts import name_crossed_shifts, name_shifts
from policydiff.versions.readers.box_state import PLANS, RESULTS, Box, Cell, Row
from policydiff.versions.readers.geometry import DESCRIPTION, Geometry
from policydiff.versions.readers.text_boxes import _above_table, _boxes, estimate_widths, read_boxes
from policydiff.versions.readers.text_layouts import Prepared, _check_order, prepare

CUTS = Path(__file__).resolve().parent / "data" / "boxes"


def _cut(name: str) -> list[Box]:
    """The cut's boxes as the reader gets them (lines folded, wrapped headings joined: text_layouts.prepare)."""
    prepared = prepare((CUTS / f"{name}.pdfminer.txt").read_text(encoding="utf-8"))
    return _boxes(prepared.lines, prepared.numbers)


def test_header_labels_printed_before_the_description_cell_are_the_header():
    # dev 3010 (reportlab): 「列2 令和７年度の取組予定」 / 「列3」 / 「列1 令和６年度の実績・状況」 / 「該当箇所」 and the
    # vision in one box: the header, in the report's order, the vision the table's first box
    (line, number), before, rest = take_header(_cut("header-labels-first"))
    assert line == "該当箇所 令和６年度の実績・状況 令和７年度の取組予定"
    assert number == 3
    assert [b.lines[0][:20] for b in before] == ["policydiff-synthetic"]
    assert rest[0].lines[0].startswith("（１）「医療機器の研究開発の中心地")


def test_header_labels_printed_after_the_headings_are_the_header_and_not_a_row():
    # dev 3018 (Chromium): 「該当箇所 列1 列2 列3」 shares a box with the vision; 「令和７年度の実績・状況」 and
    # 「令和８年度の取組予定」 come after the first row's title
    (line, _), _, rest = take_header(_cut("header-after-headings"))
    assert line == "該当箇所 令和７年度の実績・状況 令和８年度の取組予定"
    texts = [x for box in rest for x in box.lines]
    assert not any("年度の実績" in x or "年度の取組予定" in x for x in texts)
    assert texts[0].startswith("（１）「医療機器の研究開発の中")


def test_a_later_header_starts_a_page():
    boxes = [Box(["該当箇所"], [1]), Box(["令和６年度の実績・状況"], [2]), Box(["令和７年度の取組予定"], [3]),
             Box(["・引き続き、開発に際しての手引きとなる開発ガイダンスを策定に努める。"], [4]),
             Box(["該当箇所"], [5]), Box(["令和６年度の実績・状況"], [6]), Box(["令和７年度の取組予定"], [7]),
             Box(["・関係団体と連携し、医療機器の多言語表示に関する周知を進める。"], [8])]
    _, _, rest = take_header(boxes)
    assert [b.page for b in rest] == [1, 2]


def test_results_and_plans_of_equal_widths_are_told_by_their_wording():
    # dev 3011 (reportlab, 'wide-plans'): the results and plans columns both wrap at 30 cells; the old
    # estimate took the widest bullet width for the results and another, 24, for the plans
    _, _, rest = take_header(_cut("equal-widths"))
    w = estimate_widths(rest)
    assert (w.description, w.results, w.plans) == (26.0, 30.0, 30.0)
    assert twins(w)
    plan = Box(["・令和６年度の取組に加え、医療機器産業振興拠点における海外", "ネットワークの構築や臨床上の有用性を実証する場の整備のための",
                "支援を行い、更なる拠点機能の強化を図る予定。"], [30, 31, 32])
    result = Box(["・｢優れた医療機器の創出に係る産業振興拠点強化事業｣において、",
                  "臨床現場のニーズに応じた優れた医療機器の創出に向けて、医療機", "器創出人材の育成・リスキリングを提供すると共に、医療機器ス",
                  "タートアップを伴走支援する拠点整備を推進した。"], [25, 26, 27, 28])
    assert width_column(plan, w, w.title_max) == PLANS
    assert width_column(result, w, w.title_max) == RESULTS


def test_a_programs_end_is_worded_for_its_column():
    assert ended(Box(["・令和５年度に事業終了"], [36])) == RESULTS
    assert ended(Box(["後継事業の予定無し"], [38])) == PLANS
    assert worded(Box(["後継事業の予定無し"], [38])) == PLANS
    assert ended(Box(["臨床現場を理解した企業の医療機器の研究開発人材の育成"], [40])) == ""


def test_the_document_title_between_the_header_and_the_first_heading_is_left_out():
    # dev 3011: 「医療機器基本計画 重点的に取り組むべき施策の進捗状況」 printed once, after the header's boxes
    _, _, rest = take_header(_cut("equal-widths"))
    table, above = _above_table(rest)
    assert [b.lines for b in above] == [["医療機器基本計画 重点的に取り組むべき施策の進捗状況"]]
    assert table[0].lines[0].startswith("（１）")


def test_plans_printed_before_results_are_read_from_pdfminer_text():
    # a header 該当箇所 | 令和７年度の取組予定 | 令和６年度の実績・状況 (dev 3008, 3026, 3030, …): the boxes reader
    # tells the columns by widths and wording, so the order is no reason to refuse the text
    prepared = Prepared(["該当箇所 令和７年度の取組予定 令和６年度の実績・状況"], [1], "out-of-order", False,
                        (DESCRIPTION, PLANS, RESULTS))
    _check_order(prepared)  # no EditionParseError


def _row(desc: str, results: list[str] | None, plans: list[str] | None) -> Row:
    row = Row(Cell([desc], [1]), False, closed=True)
    if results is not None:
        row.cells[RESULTS] = Cell(results, [2])
    if plans is not None:
        row.cells[PLANS] = Cell(plans, [3])
    return row


def test_rows_between_a_doubled_cell_and_a_row_without_one_are_all_named():
    # dev 3082: m019's plans took m020's first bullet (a doubtful placement), every later row's plans
    # then held the next row's, until m038 was left without plans; the rows between looked whole
    rows = [_row("…ことが必要である。［◎厚］", ["・…を推進した。"], ["・引き続き、CRBの質向上や、臨床研究従事者の育成に取り組む。",
                                                         "・整理した課題を踏まえ、医療機器の多言語表示の手順書の案を作成する予定。"])]
    rows += [_row(f"…に取り組む。［◎厚］{k}", ["・…を実施した。"], ["・引き続き、…を進める。"]) for k in range(6)]
    rows.append(_row("…に取り組む。［◎経］", ["・…を実施した。"], None))
    rows[0].doubted.add(PLANS)
    rows[0].kept.add(PLANS)
    name_shifts(rows)
    assert all(PLANS in row.doubted and row.doubts for row in rows[1:7])
    assert not any(RESULTS in row.doubted for row in rows)


def test_twin_widths_are_no_more_than_a_cell_and_a_half_apart():
    assert twins(Geometry.from_widths(26.0, 30.0, 30.0))
    assert not twins(Geometry.from_widths(32.0, 35.0, 23.0))


def test_a_header_cell_repeated_on_every_page_is_not_taken_for_a_running_title():
    # dev 3027 (reportlab, header repeated): 「該当箇所」 alone on its line at the top of every page was blanked
    # as a running title, and the boxes reader found no header ("no header cell 「該当箇所」")
    prepared = prepare((CUTS / "header-cell-repeated.pdfminer.txt").read_text(encoding="utf-8"))
    assert [n for x, n in zip(prepared.lines, prepared.numbers, strict=True) if x.strip() == "該当箇所"] == [3, 135, 263]
    (line, _), _, _ = take_header(_boxes(prepared.lines, prepared.numbers))
    assert line == "該当箇所 令和６年度の実績・状況 令和７年度の取組予定"


def test_a_line_ending_two_open_sentences_goes_where_its_wording_ends():
    # dev 3079 (Chromium, line by line): results 「…ガイドブック｣を作成」 and plans 「…ガイドブック｣を活」 both
    # left open, then 「した。」 and 「用し、保険適用に関する事前相談の充実を図っていく。」: read crossed before
    # (results 「…を作成用し、…」, plans 「…を活した。」: the columns' alternation decided)
    from policydiff.versions.readers.box_columns import _ahead
    from policydiff.versions.readers.box_state import State

    state = State(Geometry.from_widths(50.0, 60.0, 40.0), 40.0)
    row = _row("保険導入の手引きの作成", None, None)
    row.cells[RESULTS] = Cell(["・令和６年度診療報酬改定を踏まえた｢医療機器・体外診断用医薬品の保険適用に関するガイドブック｣を作成"],
                              [1267], open_since=0)
    row.cells[PLANS] = Cell(["・｢医療機器・体外診断用医薬品の保険適用に関するガイドブック｣を活"], [1269], open_since=1)
    state.rows, state.at, state.previous = [row], {RESULTS: 0, PLANS: 0, "office": -1}, PLANS
    state.boxes = [Box(["した。"], [1271]), Box(["用し、保険適用に関する事前相談の充実を図っていく。"], [1273])]
    state.decided = ["", ""]
    assert _ahead(state, 0, [RESULTS, PLANS]) == RESULTS
    assert _ahead(state, 1, [RESULTS, PLANS]) == PLANS


def test_the_first_bullet_of_a_column_on_a_page_names_the_row_before_too():
    # dev 3027 (reportlab, rows split): m006's third result 「・「官民による若手研究者発掘支援事業…」 is printed at
    # the top of page 2, under a new row's title 「AI研究開発に必要な人材の育成」; read as that row's, unnamed
    from policydiff.versions.readers.box_rows import _place_cell
    from policydiff.versions.readers.box_state import State

    state = State(Geometry.from_widths(50.0, 60.0, 40.0), 40.0)
    before = _row("…をはじめとするアカデミア等の取組に対する支援に取り組む。［◎文、◎経］",
                  ["・「医療機器開発支援ネットワーク」や「地域連携拠点」…を通じたセミナーや伴走支援により、コーディネート人材の育成に努めた。"],
                  ["・引き続き、「MEDIC」や「地域連携拠点」…を通じて…に取り組む。"])
    after = _row("AI研究開発に必要な人材の育成今後、AIを用いた医療機器の研究開発が増えることを…取り組む。［◎文］", None, None)
    state.rows = [before, after]
    state.at = {RESULTS: 0, PLANS: 0, "office": -1}
    state.seen = {RESULTS: 1, PLANS: 1}
    state.page, state.cut, state.cut_columns = 2, -1, {RESULTS, PLANS}
    box = Box(["・「官民による若手研究者発掘支援事業（令和5年度予算：6億円）」において、ジャパンバイオデザインプログラム"], [143], 2)
    state.boxes, state.decided = [box], [RESULTS]
    rows = _place_cell(state, 0, box, RESULTS)
    assert rows == [1, 0] and "page" in state.doubt


def test_a_box_holding_a_tagged_description_and_the_next_rows_is_cut_after_the_tag():
    # dev 3019 (Chromium, 9 pt): pdfminer boxes a column's lines that sit close whatever row they are in:
    # 「…育成に取り組む。［◎厚］」 / 「も横展開する。［◎文］」 (the next row, its title lost) in one box, the header's
    # 「該当箇所 列1 列2 列3」 with the vision and the goal under it in another. Each row was read into the one
    # before it (the vision and the goal lost, every later row's results one row off)
    prepared = prepare((CUTS / "tag-then-next-row.pdfminer.txt").read_text(encoding="utf-8"))
    table = read_boxes(prepared.lines, prepared.numbers)
    first = [row.cells[0].lines for row in table.rows[1:6]]
    assert first[0][0].text.startswith("（１）「医療機器の研究開発の中心地")
    assert first[1][0].text.startswith("【臨床ニーズを見出し")
    assert first[2][-1].text.endswith("育成に取り組む。［◎厚］")
    assert [x.text for x in first[3]] == ["も横展開する。［◎文］"]
    assert first[4][0].text == "臨床現場を理解した企業の医療機器の研究開発人材の育成"


def test_a_heading_inside_a_box_is_a_box_of_its_own():
    lines = ["を引き続き行う。［◎経］", "【研究開発拠点、開発支援拠点や企業の連携強化】", "産学連携の強化によるニーズ・シーズマッチング"]
    parts = cut_boxes([Box(lines, [10, 11, 12])])
    assert [p.lines for p in parts] == [lines[:1], lines[1:2], lines[2:]]
    assert [p.numbers for p in parts] == [[10], [11], [12]]
    item = ["に取り組む。［◎内、文、厚、経］", "① 日常生活における健康無関心層の疾病予防"]
    assert [p.lines for p in cut_boxes([Box(item, [1, 2])])] == [item]  # a description's items stay with it


def test_rows_between_two_placements_doubted_in_either_column_are_named():
    # seen d4900 4908 (Chromium, 「担当」 last): m043's plans doubted, m046's results doubted; m044 and m045
    # between them each held the next row's results and plans, and no warning named them
    rows = [_row(f"…に取り組む。［◎経］{k}", ["・JETROを通じ、…出展支援を実施した。"], ["・引き続き、…を実施する。"])
            for k in range(6)]
    rows[1].doubted.add(PLANS)
    rows[4].doubted.add(RESULTS)
    name_shifts(rows)
    name_crossed_shifts(rows)
    assert [bool(row.doubts) for row in rows] == [False, False, True, True, False, False]
    assert all({RESULTS, PLANS} <= row.doubted for row in rows[2:4])

