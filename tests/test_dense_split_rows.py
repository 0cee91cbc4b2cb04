"""Rows that a page break cuts (rows=split layouts), on lines cut from real pypdfium2 extractions.

A row that starts at a page's foot may leave only its first baseline there: the 「担当」 office's first line,
the title, and the first line of the results and of the plans. After the break the cells go on in the
header's order: the office's rest, the description, the results' rest, the plans' rest. Each snippet under
tests/data/dense/ is a few rows of a dev layout's text (tests/layoutgen), its header line first, read at the
column widths the whole text shows.
"""

from __future__ import annotations

from dense_snippets import snippet_cells

from policydiff.versions.readers.dense_costs import CONT_AFTER_SHORT
from policydiff.versions.readers.dense_lattice import moves
from policydiff.versions.readers.dense_pieces import make_piece
from policydiff.versions.readers.dense_roles import DSC, OFF, PLN, RES, Columns, State


def test_an_office_cut_by_a_page_break_goes_on_and_so_does_the_description_after_it():
    # L3025 (reportlab, 担当 first, 4 cells wide; header on the first page only): the page ends with the
    # row's first baseline 「厚労省医 医療機関における…の拡充と活用の促進 ・成長戦略実行計画（…）にお ・引き
    # 続き、CRBの質向上や、臨床研究」, and after 「- 4 -」 the office goes on 「療機器審」 / 「査管理課」, then the
    # description 「症例が集積され、…」. Once the office had gone on, no reading let the description go on
    # after it: the office's rest was read as the results' and the plans', the description as a new row.
    rows = snippet_cells("office-cut-by-a-page-break", 32, 24, 17, 4)
    row = next(r for r in rows if r["results"].lines[0].text.startswith("・成長戦略実行計画"))
    assert row["office"].text == "厚労省医療機器審査管理課"
    desc = [x.text for x in row["description"].lines]
    assert row["description"].title == 1
    assert desc[0] == "医療機関における医療機器の研究開発の支援体制の拡充と活用の促進"
    assert desc[1].startswith("症例が集積され、") and desc[-1].endswith("［◎厚］")
    assert row["results"].lines[1].text.startswith("いて「臨床研究法に基づく")
    assert [x.text for x in row["plans"].lines] == ["・引き続き、CRBの質向上や、臨床研究", "従事者の育成に取り組む。"]
    assert len(rows) == 3


def test_an_office_line_opening_with_a_ministry_after_a_page_break_starts_a_name():
    # L3071 (chromium, 担当 first, 7 cells wide): a row's office 「厚労省医療機器」 / 「審査管理課」 may read as
    # running on (a full line); after 「- 9 -」 the next row's office opens 「経産省ヘルスケ」. Going on with the
    # office before cost nothing, so the next row's office, title and description were read into the row before.
    cols = Columns((OFF, DSC, PLN, RES), {DSC: 27.0, RES: 32.0, PLN: 32.0, OFF: 7.0})
    state = State(cur=RES, tagged=1, status=(3, 2, 1, 1), resumed=False, described=True, end=1)

    def resumed_office(text: str) -> float:
        return min(c for _, c, label in moves(state, cols, make_piece(text, 808), True, False)
                   if label.role == OFF and label.resumed)

    assert resumed_office("ア産業課医療・") == 0.0  # (an office's rest: no ministry opens it)
    assert resumed_office("経産省ヘルスケ") >= CONT_AFTER_SHORT


def test_a_line_opening_with_a_words_suffix_goes_on_with_the_line_before():
    # L3026 (reportlab; plans 19 cells): a plan 「・「SaMD産学官連携フォーラム」を継続」 / 「的に開催し、産業界と行
    # 政の連携のもと」 / …; its second line was read as a new row's title (and the next page's title as that
    # row's description). 「的に」, 「等に」 end a word begun on the line before: no row or cell opens so.
    assert make_piece("的に開催し、産業界と行政の連携のもと", 779).particle
    assert make_piece("等に対して、強固に行う仕組みの構築に", 260).particle
    assert not make_piece("的確な評価の在り方を検討する", 1).particle
    assert not make_piece("医療機器の研究開発に関するガイドライン・ルールの整備", 797).particle


def test_a_bullet_opening_a_bracket_it_does_not_close_goes_on_past_its_line():
    # L3019 (chromium, 9 pt; results 28 cells, plans 20): after 「4」 the row's results go on and end 「推進
    # した。」; the plans go on with a bullet of their full width 「・「MEDIC」や「地域連携拠点」（いずれも医」 /
    # 「工連携グローバル展開事業として…」. The bullet fits the results too, where it is short: read as a one-line
    # results bullet, the plans went on after it. A paragraph closes the brackets it opens: a line that leaves
    # one open ends none.
    rows = snippet_cells("plans-bullet-opening-a-bracket-after-a-page-break", 35, 28, 20)
    assert rows[0]["results"].lines[-1].text == "推進した。"
    assert [x.text for x in rows[0]["plans"].lines][3:5] == ["・「MEDIC」や「地域連携拠点」（いずれも医",
                                                             "工連携グローバル展開事業として令和8年度予"]
    assert make_piece("・「MEDIC」や「地域連携拠点」（いずれも医", 417).open_end
    assert not make_piece("・「MEDIC」や「地域連携拠点」（いずれも医工連携）", 1).open_end
    assert not make_piece("（アジア健康構想）", 1).open_end
