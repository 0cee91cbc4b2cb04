"""pdfminer's text boxes and one-line fragments: round 15's cases, each on lines cut from a seen extraction
(tests/data/boxes/) or a few of its lines.
"""

from __future__ import annotations

from pathlib import Path

from box_snippets import placed, row_starting

from policydiff.versions.model.normalize import display_width
from policydiff.versions.readers.box_columns import column_of, width_column
from policydiff.versions.readers.box_pagetop import page_top_doubt
from policydiff.versions.readers.box_state import PLANS, RESULTS, Box, Cell, Row, State
from policydiff.versions.readers.frag_costs import Piece, goes_on_cost
from policydiff.versions.readers.frag_reading import ReadRow, read_pieces
from policydiff.versions.readers.geometry import Geometry
from policydiff.versions.readers.text_boxes import _inside_row
from policydiff.versions.readers.text_fragments import _labels_first

CUTS = Path(__file__).resolve().parent / "data" / "boxes"




def test_a_pages_first_boxes_read_into_the_row_the_break_cut_name_it():
    # h7000 7014 (Chromium, rows split): after 「- 4 -」 the next row's title 「倫理審査委員会の審査の均てん化」 was
    # read as the rest of the cut row's open plans, and that row's first result as a second result of the cut
    # row, whose results had ended 「…予算措置を行っている。」: every cell of the next row one row early, the cut
    # row named by no warning (the reading's one silent row)
    rows = placed("page-top-after-cut", Geometry.from_widths(32.0, 26.0, 19.0))
    cut = row_starting(rows, "医療機器の研究開発等の目的")
    assert {RESULTS, PLANS} <= cut.doubted
    assert any("on a page, after its row's cell had ended" in x for x in cut.doubts)


def test_a_short_line_at_a_pages_top_taken_as_an_open_cells_rest_names_its_row():
    # the same lines, the plans column as wide as the results (26 cells): 「倫理審査委員会の審査の均てん化」, a title's
    # shape, read as the rest of the cut row's open plans 「…NCBN試料のゲノム情報の」
    w = Geometry.from_widths(32.0, 26.0, 26.0)
    state = State(w, w.title_max)
    row = Row(Cell(["医療機器の研究開発等の目的に合致したデータバンクの構築支援"], [1003]), True, closed=True)
    row.cells[PLANS] = Cell(["めると共に、NCBN試料のゲノム情報の"], [1027], open_since=0)
    state.rows = [row]
    assert "title" in page_top_doubt(state, PLANS, 0, Box(["倫理審査委員会の審査の均てん化"], [1033]))
    assert page_top_doubt(state, PLANS, 0, Box(["活用体制強化の検討を進めるための予算措置を行う。"], [1071])) == ""


def test_a_heading_printed_inside_a_rows_description_is_named():
    # h7000 7014: a result's line 「地域連携拠点には…として連」 (line 336) read as a title above 【死の谷を…】 (line 370),
    # the description of the row below the goal (lines 378-426) read into it, that row lost under the goal
    above = Row(Cell(["地域連携拠点には大学・大学病院等が協力機関として連", "世界的に評価の高い日本のものづくり技術を生かし、"],
                     [336, 378]), True)
    heading = Box(["【死の谷を克服するベンチャー企業や異業種からの参入企業の増加】"], [370])
    assert _inside_row([above, heading], 1)
    whole = Row(Cell(["異なる専門性を有する人材間の関係構築の促進", "う、産官学連携のもとで取り組む。［◎厚、◎経］"], [301, 316]), True)
    assert not _inside_row([whole, heading], 1)


def test_a_bullets_verb_ending_wrapped_alone_goes_to_the_open_cell_its_letters_join():
    # h5500 5529 (Chromium): 「…人材育成に取り組」 (plans) and 「…ジャパンバイオデザインプログラ」 (results) both open,
    # then 「む。」 and 「ムによる伴走支援を実施した。」: 「む。」 was read as the results' rest, 「ムによる…」 as the plans',
    # both bullets spliced (「…プログラむ。」)
    rows = placed("verb-ending-two-open-cells", Geometry.from_widths(49.0, 41.0, 30.0))
    row = row_starting(rows, "出口戦略を策定し")
    assert row.cells[PLANS].lines[-1] == "む。"
    assert row.cells[RESULTS].lines[-1] == "ムによる伴走支援を実施した。"


def test_an_ended_programs_cells_after_the_last_rows_paragraphs_wait_for_the_next_row():
    # d7100 7125 (reportlab, page-wide runs): after a page's header, 「後継事業の予定無し」 and 「令和５年度に事業終了」
    # were read into the row above (whose plans and results had paragraphs of their own), the ended row then took
    # the next row's results and every later row's were one row off
    rows = placed("ended-cells-before-next-row", Geometry.from_widths(34.0, 41.0, 41.0))
    ended = row_starting(rows, "AI研究開発に必要な人材の育成")
    assert ended.cells[RESULTS].lines == ["令和５年度に事業終了"]
    assert ended.cells[PLANS].lines == ["後継事業の予定無し"]
    above = row_starting(rows, "出口戦略を策定し")
    assert not any("事業終了" in x or "予定無し" in x for c in above.cells.values() for x in c.lines)


def test_a_sentence_end_wrapped_alone_is_worded_with_the_line_before():
    # dev 3064 (reportlab, fragments, results and plans 24 cells): 「…伴走支援を実施し」 / 「た。」, a result's end
    # that neither line words alone: the results' last bullet was read as the plans'
    before, end = Piece("イオデザインプログラムによる伴走支援を実施し", 24.0), Piece("た。", 2.0)
    assert goes_on_cost(before, end, PLANS, 24.0) > goes_on_cost(before, end, RESULTS, 24.0)


def test_a_repeated_headers_labels_go_first_where_two_of_the_rows_pieces_print_between_them():
    # h5300 5311 (reportlab, header repeated): 「該当箇所」 「列1 列2 列3 令和６年度の実績・状況」 「AI研究開発に必要な人材
    # の育成」 「令和５年度に事業終了」 「令和７年度の取組予定」 「後継事業の予定無し」: the ended row's title and cells were
    # read as the rows above's results and plans
    texts = ["該当箇所", "列1 列2 列3 令和６年度の実績・状況", "AI研究開発に必要な人材の育成", "令和５年度に事業終了",
             "令和７年度の取組予定", "後継事業の予定無し"]
    kinds = ["break", "break", "cell", "cell", "break", "cell"]
    pieces = [Piece(x, float(len(x)), kind) for x, kind in zip(texts, kinds, strict=True)]
    ordered, _ = _labels_first(pieces, list(range(len(pieces))))
    assert [x.text for x in ordered] == [texts[k] for k in (0, 1, 4, 2, 3, 5)]


def test_a_header_piece_holding_two_labels_counts_both():
    # d6700 6710 (Chromium, 担当 first): 「担当 該当箇所」 (one piece, two labels), the office's first line and the ended
    # row's title between it and 「令和６年度の実績・状況」, then 「令和５年度に事業終了」 and 「令和７年度の取組予定」: the title
    # was read as the plans' rest of the row above
    texts = ["担当 該当箇所", "文科省研究振", "AI研究開発に必要な人材の育成", "令和６年度の実績・状況", "令和５年度に事業終了",
             "令和７年度の取組予定", "後継事業の予定無し"]
    kinds = ["break", "cell", "cell", "break", "cell", "break", "cell"]
    pieces = [Piece(x, float(len(x)), kind) for x, kind in zip(texts, kinds, strict=True)]
    ordered, _ = _labels_first(pieces, list(range(len(pieces))))
    assert [x.text for x in ordered] == [texts[k] for k in (0, 3, 5, 1, 2, 4, 6)]


def test_a_bullet_opening_onward_is_a_plan():
    # dev 3036 (results 50, plans 36 cells): 「・引き続き、「医療機器等研究成果展開事業」（令和７年度予算案：11.2憶円）」, one
    # line as wide as the plans column, ending in a bracket: taken for a result by the rows' order, the results' next
    # line 「発掘するとともに、…」 spliced after it
    w = Geometry.from_widths(61.0, 50.0, 36.0)
    state = State(w, w.title_max)
    box = Box(["・引き続き、「医療機器等研究成果展開事業」（令和７年度予算案：11.2憶円）"], [98])
    state.boxes, state.decided = [box], [width_column(box, w, w.title_max)]
    assert column_of(state, 0, box) == PLANS


# d6700 6714 (Chromium, fragments, 15 / 18 / 18 cells): the results close on 「を実施した。」 beside a description line;
# pdfminer prints that line's plans piece and the plans' last two lines as a block after the description's
# rest, so 「とのできる事業化人材、知財や薬」 (the description's next line) came where a plans piece was looked for
SHORT_LINE = """
テンシャルを有する地域連携拠点
・「地域連携拠点」（医工連携イノベー
・「地域連携拠点」（医工連携イノベー
については、地域における医療機
ション推進事業として令和6年度予算：
ション推進事業の後継事業となる医工連
器の研究開発のエコシステムの形
19億円の内数）を通じて、地域におけ
携グローバル展開事業として令和7年度
成を図る取組（研究開発の初期
る医療機器開発エコシステム形成の推進
予算案：14億円の内数）を通じ、実用
フェーズから上市までを見通すこ
を実施した。
とのできる事業化人材、知財や薬
事、販路開拓等の専門分野の知識
を有する専門分野支援人材等の配
置によるコンサルタント機能の強
化、プロトタイプ作製や地域にお
ける臨床ニーズと技術シーズの
マッチングの推進）の支援を引き
続き行う。［◎経］
化につながる更なる研究開発案件を推進
すべく、地域における医療機器開発エコ
システム形成の推進を図る。
"""


def test_a_line_that_closes_a_column_may_leave_out_the_last_columns_piece_printed_in_a_block():
    pieces = [Piece(x.strip(), display_width(x.strip())) for x in SHORT_LINE.strip().split("\n")]
    pairs = frozenset(x.text[i : i + 2] for x in pieces for i in range(len(x.text) - 1))
    reading = read_pieces(pieces, ("description", "results", "plans"), (15.0, 18.0, 18.0), pairs=pairs)
    rows = [{c: [pieces[q].text for q in qs] for c, qs in item.columns.items()}
            for item in reading.items if isinstance(item, ReadRow)]
    assert len(rows) == 1
    assert rows[0][0][5:7] == ["とのできる事業化人材、知財や薬", "事、販路開拓等の専門分野の知識"]
    assert rows[0][2][-4:] == ["予算案：14億円の内数）を通じ、実用", "化につながる更なる研究開発案件を推進",
                               "すべく、地域における医療機器開発エコ", "システム形成の推進を図る。"]
