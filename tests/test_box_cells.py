"""pdfminer's text boxes (text_boxes.py, box_*.py): what round 8 taught the boxes reader about where one
cell's text ends and another's begins, each on lines cut from a dev extraction (dev 3027, 3036).
"""

from __future__ import annotations

from policydiff.versions.readers.box_rows import place_boxes
from policydiff.versions.readers.box_state import PLANS, RESULTS, Box
from policydiff.versions.readers.geometry import Geometry
from policydiff.versions.readers.text_boxes import _split_wide

# dev 3036 (Chromium, 'wide-desc'): the description column 61 cells wide, the results 50, the plans 36
WIDE_DESC = Geometry.from_widths(61.0, 50.0, 36.0)
# dev 3027 (reportlab)
NARROW = Geometry.from_widths(51.0, 41.0, 30.0)


def _lines(boxes: list[Box]) -> list[list[str]]:
    return [box.lines for box in boxes]


def test_a_description_line_wider_than_the_results_is_not_cut_at_a_space_after_a_latin_word():
    # dev 3036 line 534: pdfminer prints a space after 「ARO」 (a font's glyph gap); the line is one full line of
    # the description column, wider than the results column: it was cut there and 「に必要な人材の…企業に」
    # read as m021's first result
    line = "臨床研究中核病院においては、研究開発拠点と連携することでARO に必要な人材の充実や他機関又はベンチャーをはじめとした企業に"
    boxes = [Box([line], [534])]
    assert _lines(_split_wide(boxes, WIDE_DESC)) == [[line]]


def test_a_goal_heading_as_wide_as_the_table_is_never_cut():
    # dev 3036 line 637: the goal heading spans the table; its 「First in Human」 holds two spaces
    line = "【First in Humanを含めた治験をより安全かつ効果的に実施するための非臨床的な実験系・評価系の構築】"
    assert _lines(_split_wide([Box([line], [637])], WIDE_DESC)) == [[line]]
    assert _lines(_split_wide([Box([line], [502])], NARROW)) == [[line]]


def test_two_cells_on_one_baseline_are_still_cut_before_the_bullet():
    # dev 3027 line 1290: a result's last line and the next result's first on one baseline
    line = "・供給不安が生じた場合には、個別の品目ごとに関係者と議論を行い、解決策を検討した。 ・「医療機器等のサプライチェーンリスク評価及び安定供給確保"
    boxes = _split_wide([Box([line, "事業」にて、供給不安が生じた場合に必要に応じ関係学会や当該"], [1290, 1291])], NARROW)
    assert _lines(boxes) == [["・供給不安が生じた場合には、個別の品目ごとに関係者と議論を行い、解決策を検討した。"],
                             ["・「医療機器等のサプライチェーンリスク評価及び安定供給確保"],
                             ["事業」にて、供給不安が生じた場合に必要に応じ関係学会や当該"]]


def test_a_paragraph_without_a_bullet_after_its_columns_cell_ended_is_named_as_maybe_the_next_rows():
    # dev 3098 (Chromium, plans printed before results): 「引き続き、AMEDの…を支援する。」 is the next row's whole
    # plans cell, printed before that row's description; read as a second paragraph of this row's plans,
    # unnamed, every later row's plans then one row off (the last ones named by other doubts, one not)
    w = Geometry.from_widths(49.0, 40.0, 29.0)
    boxes = [Box(["国際的な規制調和活動への積極的な参加",
                  "優れた医療機器の迅速な国内への導入を図れるようにするため、また国内に上市された製品を国際展開しよう",
                  "とした際に他国の規制が障壁とならないようにするため、IMDRFやHBD等国際的な規制調和活動に引き続き取",
                  "り組む。［◎厚］"], [1135, 1136, 1137, 1138]),
             Box(["・引き続き、医療機器の国際的な規制調和の場への主体的な参", "加を通じて、国際的なガイダンスの作成を進める。",
                  "・特に、日本は2025年にIMDRF議長国となっているところ、議", "長として引き続き管理委員会等を主催し、規制調和に係る議論",
                  "を主導していく。"], [1140, 1141, 1142, 1143, 1144]),
             Box(["引き続き、AMEDの医療機器・ヘルスケアプロジェクトにおい", "て、重点５分野を含むテーマについて研究開発を支援する。"],
                 [1146, 1147]),
             Box(["重点分野における医療機器の研究開発の促進",
                  "以下の5分野を重点分野として設定し、アウトカムの改善度、費用対効果や実現可能性を踏まえつつ、社会変",
                  "ビデンスで有効性が確認されることが望ましい。［◎内、文、厚、経］"], [1149, 1150, 1151])]
    items, _ = place_boxes(boxes, w, w.title_max, False, (PLANS, RESULTS))
    first = items[0]
    assert first.cells[PLANS].numbers[-1] == 1147
    assert PLANS in first.kept
